#!/usr/bin/env bash
# crossroute-dut.sh - start crossrouted as the gateway benchmark's DUT (CROSSROUTE_CMD).
# Run by gw-blast.sh / gw-bench.sh inside the DUT namespace with the GWB_* variables set:
# translates $GWB_TOPOLOGY into $GWB_WORKDIR/crossrouted.json (crossroute-conf.py), validates
# it and execs crossrouted in the foreground, control socket $GWB_WORKDIR/crossrouted.ctl.
# `crossroute-dut.sh reapply` (gw-blast.sh's re-apply phase): rewrite the same file atomically
# with the changed policy and ask crossrouted to reload it over its control socket, as an
# operator would (crossroute-conf.py --reapply --write --reload): the daemon validates and
# compiles it before anything changes and answers "reload: applied" (or refuses it and keeps the
# running configuration: the command then fails). XR_REAPPLY_SIGHUP=1: the older way, validate
# with `crossroute config validate`, then SIGHUP GWB_DUT_PID (crossrouted's pid).
# env: XR_BUILDDIR (default: the build/ next to this tree)
#      XR_AGG_MODE  aggregate (default) | originate | none: how the summary is configured
#      XR_DEBUG     crossrouted -d categories (default: none)
#      XR_REAPPLY_SIGHUP=1  reapply by validate + SIGHUP instead of the control socket
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
B=${XR_BUILDDIR:-$HERE/../../build}
C=$GWB_WORKDIR/crossrouted.json
if [ "${1:-}" = reapply ] && [ -z "${XR_REAPPLY_SIGHUP:-}" ]; then
	exec python3 "$HERE/crossroute-conf.py" --reapply --write "$C" \
		--reload "$GWB_WORKDIR/crossrouted.ctl" "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}"
fi
if [ "${1:-}" = reapply ]; then
	python3 "$HERE/crossroute-conf.py" --reapply "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C.new"
	"$B/tools/crossroute" config validate "$C.new" >/dev/null
	mv "$C.new" "$C"
	exec kill -HUP "$GWB_DUT_PID"
fi
python3 "$HERE/crossroute-conf.py" "$GWB_TOPOLOGY" "${XR_AGG_MODE:-aggregate}" > "$C"
"$B/tools/crossroute" config validate "$C"
exec "$B/bgpd/crossrouted" -c "$C" -f -s "$GWB_WORKDIR/crossrouted.ctl" ${XR_DEBUG:+-d "$XR_DEBUG"}
