# Sourced by the network lab tests (gr_restart.sh, gtsm.sh, originate.sh,
# maxpfx.sh, bird_pair.sh): a lab of network namespaces around one
# crossrouted node "dut" (SPEC.md 6.1), FRR and BIRD peers on veth links,
# TAP helpers, polling with deadlines, and cleanup of exactly what the
# test made (its netns, the pids it started, its temp dir) on every exit.
# The caller sets LAB (unique per run) and NODES before lab_init.
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${XR_BUILDDIR:=$XR_SRCDIR/build}"
XRD=$XR_BUILDDIR/bgpd/crossrouted
SHOW=$XR_BUILDDIR/tools/crossroute
FRR=/usr/lib/frr
XRPID=
WATCHDOG=
BIRDPIDS=
DEADLINE=${XR_DEADLINE:-30}
N=0
FAILED=0

lab_cleanup() {
	local f n
	trap '' INT TERM
	if [ -n "$WATCHDOG" ]; then
		pkill -P "$WATCHDOG" 2>/dev/null
		kill "$WATCHDOG" 2>/dev/null
	fi
	[ -n "$XRPID" ] && kill -INT "$XRPID" 2>/dev/null && wait "$XRPID" 2>/dev/null
	for f in "$T"/*/bgpd.pid "$T"/*/bird.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	for n in $NODES; do
		ip netns pids "$LAB-$n" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$LAB-$n" 2>/dev/null
	done
	if [ $FAILED -ne 0 ] && [ -f "$T/xr.log" ]; then
		sed 's/^/# xr: /' "$T/xr.log" | tail -${XR_LOG_TAIL:-40}
	fi
	rm -rf "$T"
}

# lab_init TOTAL-SECONDS: root check, temp dir, traps, watchdog.
lab_init() {
	if [ "$(id -u)" != 0 ]; then
		echo "1..0 # SKIP needs root (network namespaces)"
		exit 77
	fi
	T=$(mktemp -d "/tmp/xr-$LAB.XXXXXX")
	chmod 755 "$T"
	trap lab_cleanup EXIT
	trap 'exit 1' INT TERM
	( sleep "${XR_TOTAL_TIMEOUT:-$1}" && kill -TERM $$ ) >/dev/null 2>&1 &
	WATCHDOG=$!
}

ok() {	# ok STATUS NAME
	N=$((N + 1))
	if [ "$1" -eq 0 ]; then echo "ok $N - $2"; else echo "not ok $N - $2"; FAILED=1; fi
}

# poll DESCRIPTION CMD...: run CMD until it succeeds or DEADLINE s pass.
poll() {
	local what=$1 end=$((SECONDS + DEADLINE))
	shift
	while ! "$@" >/dev/null 2>&1; do
		if [ $SECONDS -ge $end ]; then
			echo "# timed out: $what"
			return 1
		fi
		sleep 0.2
	done
}

# link NODE-A ADDR-A NODE-B ADDR-B IDX: one veth, eth<IDX> on both ends.
lab_link() {
	local a=$1 aa=$2 b=$3 ba=$4 i=$5
	ip link add "${LAB}x$i" type veth peer name "${LAB}y$i" || return 1
	ip link set "${LAB}x$i" netns "$LAB-$a" && ip link set "${LAB}y$i" netns "$LAB-$b" &&
	    ip -n "$LAB-$a" link set "${LAB}x$i" name "eth$i" &&
	    ip -n "$LAB-$b" link set "${LAB}y$i" name "eth$i" &&
	    ip -n "$LAB-$a" addr add "$aa" dev "eth$i" &&
	    ip -n "$LAB-$b" addr add "$ba" dev "eth$i" &&
	    ip -n "$LAB-$a" link set "eth$i" up && ip -n "$LAB-$b" link set "eth$i" up
}

lab_netns() {
	local n
	for n in $NODES; do
		ip netns add "$LAB-$n" && ip -n "$LAB-$n" link set lo up || return 1
	done
}

frr_start() {	# frr_start NODE (config in $T/NODE/frr.conf)
	chown -R frr:frr "$T/$1"
	ip netns exec "$LAB-$1" "$FRR/bgpd" -d -Z -f "$T/$1/frr.conf" \
	    -i "$T/$1/bgpd.pid" --vty_socket "$T/$1" -P 0
}
frr_stop() { kill "$(cat "$T/$1/bgpd.pid")" 2>/dev/null; rm -f "$T/$1/bgpd.pid"; }
vty() { local n=$1; shift; vtysh --vty_socket "$T/$n" "$@"; }

# xr_start [ARGS...]: crossrouted in the dut netns, config $T/xr.json.
xr_start() {
	ip netns exec "$LAB-dut" env XR_YANG_DIR="$XR_SRCDIR/yang" "$XRD" -f \
	    -c "$T/xr.json" -s "$T/ctl.sock" -p "$T/xr.pid" "$@" 2>>"$T/xr.log" &
	XRPID=$!
	poll "crossrouted control socket" test -S "$T/ctl.sock"
}
# xr_stop SIGNAL: stop crossrouted, wait, return its exit status.
xr_stop() {
	local st
	kill "-$1" "$XRPID"
	wait "$XRPID"
	st=$?
	XRPID=
	return $st
}
xr() { "$SHOW" show -s "$T/ctl.sock" "$@" --json; }
xr_nb() {	# xr_nb ADDRESS JQ-EXPR
	xr neighbors | jq -e --arg a "$1" "[.neighbors[] | select(.address == \$a)][0] | $2"
}
