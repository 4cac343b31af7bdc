# Shared set-up of the loopback daemon tests (sourced; no root): the
# binaries (XRD, SHOW), a temp dir T removed on exit with the processes
# whose pids the test puts in PID (the daemon) and PY (a helper), and a
# per-test port derived from the shell's pid (offset keeps tests started by
# one make apart).
# Usage: : "${XR_SRCDIR:=...}"; . "$XR_SRCDIR/tests/daemon/loopback.sh";
#        xr_loopback NAME OFFSET
: "${XR_BUILDDIR:=$XR_SRCDIR/build}"
XRD=$XR_BUILDDIR/bgpd/crossrouted
SHOW=$XR_BUILDDIR/tools/crossroute
PID= PY=

cleanup() {
	for p in $PY $PID; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}

xr_loopback() {
	T=$(mktemp -d "/tmp/xr-$1.XXXXXX") || exit 1
	trap cleanup EXIT INT TERM
	PORT=$((20000 + ($$ + $2) % 20000))
}

# xr_reap N [term]: wait for the daemon in PID (first sending SIGTERM with
# "term") and print TAP check N, that it exited 0; sets rc=1 if not.
xr_reap() {
	[ "${2:-}" = term ] && kill -TERM "$PID" 2>/dev/null
	wait "$PID"
	st=$?
	PID=
	if [ "$st" -eq 0 ]; then
		echo "ok $1 - crossrouted exited 0"
	else
		echo "not ok $1 - crossrouted exit status $st"
		rc=1
	fi
}
