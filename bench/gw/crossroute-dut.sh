#!/usr/bin/env bash
# crossroute-dut.sh - start crossrouted as the gateway benchmark's DUT (CROSSROUTE_CMD).
# Run by gw-blast.sh / gw-bench.sh inside the DUT namespace with the GWB_* variables set:
# translates $GWB_TOPOLOGY into $GWB_WORKDIR/crossrouted.json (crossroute-conf.py), validates
# it and execs crossrouted in the foreground, control socket $GWB_WORKDIR/crossrouted.ctl.
# `crossroute-dut.sh reapply` (gw-blast.sh's re-apply phase, GWB_DUT_PID = crossrouted's pid):
# rewrite the same file with the changed policy (crossroute-conf.py --reapply), validate it,
# replace it atomically and send SIGHUP, as an operator would.
# env: XR_BUILDDIR (default: the build/ next to this tree)
#      XR_AGG_MODE  aggregate (default) | originate | none: how the summary is configured
#      XR_DEBUG     crossrouted -d categories (default: none)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
B=${XR_BUILDDIR:-$HERE/../../build}
C=$GWB_WORKDIR/crossrouted.json
if [ "${1:-}" = reapply ]; then
	python3 "$HERE/crossroute-conf.py" --reapply "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C.new"
	"$B/tools/crossroute" config validate "$C.new" >/dev/null
	mv "$C.new" "$C"
	exec kill -HUP "$GWB_DUT_PID"
fi
python3 "$HERE/crossroute-conf.py" "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C"
"$B/tools/crossroute" config validate "$C"
exec "$B/bgpd/crossrouted" -c "$C" -f -s "$GWB_WORKDIR/crossrouted.ctl" ${XR_DEBUG:+-d "$XR_DEBUG"}
