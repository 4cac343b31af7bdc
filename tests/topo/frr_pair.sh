#!/bin/sh
# tests/topo/frr_pair.sh: the frr-pair lab through topologies/run (TAP, root).
# Brings up two FRR routers (AS 65001, AS 65002) in network namespaces, polls the
# BGP JSON until each side holds the other's two prefixes (deadline 60 s), checks
# sessions, next hops, AS paths and the kernel FIB, proves MD5 is enforced (a wrong
# key makes the kernel drop segments, the right key restores the session), then
# tears the lab down and checks that its netns, processes and state are gone.
# Uses a unique lab name and a private state dir; cleans up on every exit path.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=${XR_SRCDIR:-$(cd "$here/../.." && pwd)}
# shellcheck source=tests/topo/tap.subr
. "$here/tap.subr"
jq="$here/jsonq"
lab="$top/topologies/frr-pair/frr-pair.clab.yml"
name="fp$$"

tap_plan 20
if [ "$(id -u)" != 0 ]; then
	tap_result 1 "runs as root (network namespaces, FRR)"
	exit 1
fi

tmp=$(mktemp -d /tmp/xr-topo-test.XXXXXX) || exit 1
chmod 755 "$tmp"                  # FRR daemons (user frr) must reach the state dir
state="$tmp/state"
run() {
	timeout 90 "$top/topologies/run" --state "$state" --name "$name" "$@"
}
dump_logs() {
	for f in "$state"/*/*.log "$state"/*/*.out; do
		[ -s "$f" ] && { echo "# --- $f"; tail -n 15 "$f" | sed 's/^/# /'; }
	done
}
cleanup() {
	if [ -f "$state/state.json" ]; then
		[ "$tap_failed" = 0 ] || dump_logs
		run down "$lab" 2>&1 >/dev/null | sed "s/^/# cleanup: /"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

vty() {
	# vty NODE LINE...: vtysh on a node, bounded in time.
	timeout 10 "$top/topologies/run" --state "$state" --name "$name" vtysh "$lab" "$@"
}
peer_up() {
	# peer_up NODE PEER AS: Established with the peer's two prefixes received.
	vty "$1" 'show bgp ipv4 unicast summary json' | "$jq" \
	    "j['peers']['$2']['state'] == 'Established' and j['peers']['$2']['remoteAs'] == $3 and j['peers']['$2']['pfxRcd'] == 2"
}
both_up() {
	peer_up r1 10.0.12.2 65002 && peer_up r2 10.0.12.1 65001
}
routes_from() {
	# routes_from NODE NEXTHOP ASPATH PREFIX...: each prefix's best path has that
	# next hop and AS path.
	_node=$1 _nh=$2 _path=$3
	shift 3
	_expr="all(any(p.get('bestpath') and p['path'] == '$_path' and p['nexthops'][0]['ip'] == '$_nh' for p in j['routes'][x]) for x in '$*'.split())"
	vty "$_node" 'show bgp ipv4 unicast json' | "$jq" "$_expr"
}
own_routes() {
	# own_routes NODE PREFIX...: locally originated (empty AS path, weight 32768).
	_node=$1
	shift
	vty "$_node" 'show bgp ipv4 unicast json' | "$jq" \
	    "all(any(p.get('bestpath') and p['path'] == '' and p['weight'] == 32768 for p in j['routes'][x]) for x in '$*'.split())"
}
fib_via() {
	# fib_via NODE PREFIX NEXTHOP: zebra installed the BGP route into the kernel.
	run exec "$lab" "$1" ip -4 route show "$2" | grep -q "via $3 dev eth1 proto bgp"
}
md5_drops() {
	# Sum of TcpExt TCPMD5Failure (segment signed with a key that does not verify) in both namespaces.
	_sum=0
	for _n in r1 r2; do
		_v=$(run exec "$lab" "$_n" cat /proc/net/netstat | awk '
			/^TcpExt:/ { if (!h) { for (i = 2; i <= NF; i++) k[i] = $i; h = 1 }
				else for (i = 2; i <= NF; i++) if (k[i] ~ /^TCPMD5Failure$/) s += $i }
			END { print s + 0 }')
		_sum=$((_sum + _v))
	done
	echo "$_sum"
}
md5_rejected() {
	# The kernel counted a dropped segment since $1 and r1's session is down.
	[ "$(md5_drops)" -gt "$1" ] && ! peer_up r1 10.0.12.2 65002
}

own_both() {
	own_routes r1 10.1.1.0/24 10.1.2.0/24 && own_routes r2 10.2.1.0/24 10.2.2.0/24
}
eth1_addr() {
	run exec "$lab" r1 ip -br -4 addr show eth1 | grep -q 'UP.*10\.0\.12\.1/30'
}
md5_socket() {
	# The Established socket in r1 carries an MD5 key for the peer (ss md5keys).
	run exec "$lab" r1 ss -tnie state established '( dport = :179 or sport = :179 )' 2>/dev/null |
	    grep -q 'md5keys:10\.0\.12\.2/32'
}
set_key() {
	vty r2 'configure terminal' 'router bgp 65002' "neighbor 10.0.12.1 password $1"
}
recorded_pids() {
	/usr/bin/python3 -c 'import json, sys
print(" ".join(str(p["pid"]) for p in json.load(sys.stdin)["procs"]))' <"$state/state.json"
}
all_gone() {
	# shellcheck disable=SC2086 # a list of pids
	for p in $1; do
		pid_gone "$p" || { echo "pid $p still running"; return 1; }
	done
}

tap_diag "lab $name (test pid $$), state $state"
tap_ok "check validates the lab (and its FRR configs)" run check "$lab"
t0=$(now_ms)
tap_ok "up starts the lab" run up "$lab"
tap_ok "status: both nodes and all daemons up" run status "$lab"
tap_ok "netns $name-r1 and $name-r2 exist" test -e "/run/netns/$name-r1" -a -e "/run/netns/$name-r2"
poll_until 10 eth1_addr             # zebra applies the address from frr.conf
tap_ok "eth1 is up in r1 with 10.0.12.1/30 (zebra applied frr.conf)" eth1_addr
poll_until 60 both_up
st=$?
tap_result $st "both sessions Established with 2 prefixes each within 60 s"
[ "$st" = 0 ] || dump_logs
tap_diag "converged $(( $(now_ms) - t0 )) ms after up started"
tap_ok "r1: peer 10.0.12.2 AS 65002 Established, pfxRcd 2" peer_up r1 10.0.12.2 65002
tap_ok "r2: peer 10.0.12.1 AS 65001 Established, pfxRcd 2" peer_up r2 10.0.12.1 65001
tap_ok "r1: best paths to 10.2.1.0/24 10.2.2.0/24 via 10.0.12.2, AS path 65002" \
    routes_from r1 10.0.12.2 65002 10.2.1.0/24 10.2.2.0/24
tap_ok "r2: best paths to 10.1.1.0/24 10.1.2.0/24 via 10.0.12.1, AS path 65001" \
    routes_from r2 10.0.12.1 65001 10.1.1.0/24 10.1.2.0/24
tap_ok "each side originates its own two prefixes" own_both
poll_until 10 fib_via r1 10.2.1.0/24 10.0.12.2
tap_ok "r1 kernel FIB: 10.2.1.0/24 via 10.0.12.2 proto bgp" fib_via r1 10.2.1.0/24 10.0.12.2
tap_ok "r1 session socket carries the TCP MD5 key for 10.0.12.2" md5_socket

# MD5 enforced: a wrong key on r2 resets the session and the kernel drops the
# reconnect attempts (TCPMD5Failure); the right key brings the session back.
t1=$(now_ms)
base=$(md5_drops)
set_key xr-wrong-key >/dev/null 2>&1
poll_until 30 md5_rejected "$base"
tap_result $? "wrong MD5 key on r2: the kernel rejects its signatures (TCPMD5Failure), session down"
set_key xr-pair-md5-key >/dev/null 2>&1
poll_until 30 both_up
tap_result $? "right MD5 key restored: both sessions back with 2 prefixes"
tap_diag "MD5 reject and recovery took $(( $(now_ms) - t1 )) ms"

pids=$(recorded_pids)
tap_is "5 FRR daemons recorded (r1 zebra bgpd staticd, r2 zebra bgpd)" \
    "$(echo "$pids" | wc -w)" 5
tap_ok "down tears the lab down" run down "$lab"
tap_ok "recorded daemons are gone" all_gone "$pids"
tap_ok "netns $name-r1 and $name-r2 are gone" test ! -e "/run/netns/$name-r1" -a ! -e "/run/netns/$name-r2"
tap_ok "state dir removed and a second down is a no-op" sh -c \
    "test ! -e '$state' && timeout 30 '$top/topologies/run' --state '$state' --name '$name' down '$lab'"
tap_diag "frr-pair test took $(( $(now_ms) - t0 )) ms from up to down"
tap_done
