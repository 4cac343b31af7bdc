#!/usr/bin/env bash
# crossroute-dut.sh - start crossrouted as the gateway benchmark's DUT (CROSSROUTE_CMD).
# Run by gw-blast.sh / gw-bench.sh inside the DUT namespace with the GWB_* variables set:
# translates $GWB_TOPOLOGY into $GWB_WORKDIR/crossrouted.json (crossroute-conf.py), validates
# it and execs crossrouted in the foreground, control socket $GWB_WORKDIR/crossrouted.ctl.
# When the topology has a re-apply phase, the changed configuration (crossroute-conf.py --reapply)
# is generated and validated here too, as $GWB_WORKDIR/crossrouted.json.reapply: the operator
# prepares the change before the measured window. `crossroute-dut.sh reapply` (gw-blast.sh's
# re-apply phase, GWB_DUT_PID = crossrouted's pid) then replaces the file atomically and sends
# SIGHUP, as an operator would (generating it then would time python's start, 0.1-0.6 s here).
# env: XR_BUILDDIR (default: the build/ next to this tree)
#      XR_AGG_MODE  aggregate (default) | originate | none: how the summary is configured
#      XR_DEBUG     crossrouted -d categories (default: none)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
B=${XR_BUILDDIR:-$HERE/../../build}
C=$GWB_WORKDIR/crossrouted.json
if [ "${1:-}" = reapply ]; then
	if [ ! -f "$C.reapply" ]; then
		python3 "$HERE/crossroute-conf.py" --reapply "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C.reapply"
		"$B/tools/crossroute" config validate "$C.reapply" >/dev/null
	fi
	mv "$C.reapply" "$C"
	exec kill -HUP "$GWB_DUT_PID"
fi
python3 "$HERE/crossroute-conf.py" "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C"
"$B/tools/crossroute" config validate "$C"
if grep -q '"reapply"' "$GWB_TOPOLOGY"; then
	python3 "$HERE/crossroute-conf.py" --reapply "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C.reapply"
	"$B/tools/crossroute" config validate "$C.reapply" >/dev/null
fi
exec "$B/bgpd/crossrouted" -c "$C" -f -s "$GWB_WORKDIR/crossrouted.ctl" ${XR_DEBUG:+-d "$XR_DEBUG"}
