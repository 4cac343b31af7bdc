#!/usr/bin/env bash
# crossroute-dut.sh - start crossrouted as the gateway benchmark's DUT (CROSSROUTE_CMD).
# Run by gw-blast.sh / gw-bench.sh inside the DUT namespace with the GWB_* variables set:
# translates $GWB_TOPOLOGY into $GWB_WORKDIR/crossrouted.json (crossroute-conf.py), validates
# it and execs crossrouted in the foreground, control socket $GWB_WORKDIR/crossrouted.ctl.
# env: XR_BUILDDIR (default: the build/ next to this tree)
#      XR_AGG_MODE  aggregate (default) | originate | none: how the summary is configured
#      XR_DEBUG     crossrouted -d categories (default: none)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
B=${XR_BUILDDIR:-$HERE/../../build}
C=$GWB_WORKDIR/crossrouted.json
python3 "$HERE/crossroute-conf.py" "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C"
"$B/tools/crossroute" config validate "$C"
exec "$B/bgpd/crossrouted" -c "$C" -f -s "$GWB_WORKDIR/crossrouted.ctl" ${XR_DEBUG:+-d "$XR_DEBUG"}
