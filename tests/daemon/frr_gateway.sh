#!/bin/bash
# Interop test of crossrouted with real FRR (Debian frr 8.4.4) in network
# namespaces (SPEC.md 6.1): crossrouted (gateway A, AS 64512) with the four
# links of one interconnect (veth, 169.254.10.x/30, TCP MD5 each) to four
# FRR routers in AS 65000 announcing the same prefixes, and a sink FRR
# (AS 65010) on the other side. Asserts sessions, ECMP, export to the sink,
# withdrawals, link loss, hold timer expiry, route refresh and the prefix
# limit, by polling JSON with deadlines. TAP. Needs root. Everything it
# creates (netns <lab>-*, processes by pid, a temp dir) goes on every exit.
set -u
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP needs root (network namespaces)"
	exit 77
fi
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${XR_BUILDDIR:=$XR_SRCDIR/build}"
XRD=$XR_BUILDDIR/bgpd/crossrouted
SHOW=$XR_BUILDDIR/tools/crossroute
FRR=/usr/lib/frr
LAB=xg$$
T=$(mktemp -d /tmp/xr-frrgw.XXXXXX)
chmod 755 "$T"
XRPID=
WATCHDOG=
DEADLINE=${XR_DEADLINE:-30}
NODES="dut b1 b2 b3 b4 sink"

cleanup() {
	local f n
	# Nothing may interrupt the teardown (a signal would skip the rest).
	trap '' INT TERM
	if [ -n "$WATCHDOG" ]; then
		pkill -P "$WATCHDOG" 2>/dev/null
		kill "$WATCHDOG" 2>/dev/null
	fi
	[ -n "$XRPID" ] && kill "$XRPID" 2>/dev/null && wait "$XRPID" 2>/dev/null
	for f in "$T"/*/bgpd.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	for n in $NODES; do
		ip netns pids "$LAB-$n" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$LAB-$n" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# Bound the whole run: a stuck step ends the test instead of hanging make.
# "&&": when cleanup kills the sleep, the watchdog must not fire.
( sleep "${XR_TOTAL_TIMEOUT:-240}" && kill -TERM $$ ) >/dev/null 2>&1 &
WATCHDOG=$!

N=0
FAILED=0
ok() {	# ok COND-STATUS NAME
	N=$((N + 1))
	if [ "$1" -eq 0 ]; then echo "ok $N - $2"; else echo "not ok $N - $2"; FAILED=1; fi
}
# poll DESCRIPTION CMD...: run CMD until it succeeds or DEADLINE seconds pass.
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
xr() { "$SHOW" show -s "$T/ctl.sock" "$@" --json; }
vty() { local n=$1; shift; vtysh --vty_socket "$T/$n" "$@"; }

# --- topology -------------------------------------------------------------
setup() {
	local n i
	for n in $NODES; do
		ip netns add "$LAB-$n" && ip -n "$LAB-$n" link set lo up || return 1
	done
	for i in 1 2 3 4 5; do
		local peer=b$i
		[ $i = 5 ] && peer=sink
		ip link add "${LAB}a$i" type veth peer name "${LAB}b$i" || return 1
		ip link set "${LAB}a$i" netns "$LAB-dut"
		ip link set "${LAB}b$i" netns "$LAB-$peer"
		ip -n "$LAB-dut" link set "${LAB}a$i" name "eth$i"
		ip -n "$LAB-$peer" link set "${LAB}b$i" name eth1
		ip -n "$LAB-dut" link set "eth$i" up
		ip -n "$LAB-$peer" link set eth1 up
	done
	for i in 1 2 3 4; do
		ip -n "$LAB-b$i" addr add "169.254.10.$((4 * i - 2))/30" dev eth1
		ip -n "$LAB-b$i" addr add "fd20::$(printf %x $((8 * i - 6)))/125" dev eth1 nodad
	done
	ip -n "$LAB-sink" addr add 169.254.100.2/30 dev eth1
	ip -n "$LAB-sink" addr add fd20:100::2/64 dev eth1 nodad
}

# crossrouted's own addresses come after it started (late interfaces).
dut_addresses() {
	local i
	for i in 1 2 3 4; do
		ip -n "$LAB-dut" addr add "169.254.10.$((4 * i - 3))/30" dev "eth$i" || return 1
		ip -n "$LAB-dut" addr add "fd20::$(printf %x $((8 * i - 7)))/125" dev "eth$i" nodad || return 1
	done
	ip -n "$LAB-dut" addr add 169.254.100.1/30 dev eth5 &&
	    ip -n "$LAB-dut" addr add fd20:100::1/64 dev eth5 nodad
}

frr_conf() {	# frr_conf NODE AS ROUTER-ID NEIGHBOR NEIGHBOR6 KEY NET6 [NETWORKS...]
	local n=$1 as=$2 id=$3 nb=$4 nb6=$5 key=$6 net6=$7 net
	shift 7
	install -d -o frr -g frr "$T/$n"
	{
		echo "frr defaults traditional"
		echo "hostname $LAB-$n"
		echo "log file $T/$n/bgpd.log"
		echo "router bgp $as"
		echo " bgp router-id $id"
		echo " no bgp ebgp-requires-policy"
		echo " no bgp network import-check"
		if [ "$n" = b1 ]; then
			# b1 restarts gracefully (RFC 4724): we are its helper.
			echo " bgp graceful-restart"
			echo " bgp graceful-restart preserve-fw-state"
		else
			echo " bgp graceful-restart-disable"
		fi
		echo " neighbor $nb remote-as 64512"
		echo " neighbor $nb password $key"
		echo " neighbor $nb timers 3 9"
		echo " neighbor $nb timers connect 1"
		echo " neighbor $nb6 remote-as 64512"
		echo " neighbor $nb6 password $key"
		echo " neighbor $nb6 timers 3 9"
		echo " neighbor $nb6 timers connect 1"
		echo " address-family ipv4 unicast"
		for net in "$@"; do echo "  network $net"; done
		echo "  no neighbor $nb6 activate"
		echo " exit-address-family"
		echo " address-family ipv6 unicast"
		echo "  neighbor $nb6 activate"
		[ -n "$net6" ] && echo "  network $net6"
		echo " exit-address-family"
	} > "$T/$n/frr.conf"
	chown frr:frr "$T/$n/frr.conf"
}

frr_start() {
	ip netns exec "$LAB-$1" "$FRR/bgpd" -d -Z -f "$T/$1/frr.conf" \
	    -i "$T/$1/bgpd.pid" --vty_socket "$T/$1" -P 0 -l 0.0.0.0
}

xr_conf() {
	local i links=
	for i in 1 2 3 4; do
		[ $i -gt 1 ] && links="$links,"
		links="$links{\"id\":$i,\"facility\":\"f$(( (i + 1) / 2 ))\","
		links="$links\"device-a\":\"a$i\",\"device-b\":\"b$i\",\"vlan\":$((1024 + i)),"
		links="$links\"ipv4-subnet\":\"169.254.10.$((4 * i - 4))/30\","
		links="$links\"ipv6-subnet\":\"fd20::$(printf %x $((8 * i - 8)))/125\","
		links="$links\"md5-key\":\"xr-link$i-md5\"}"
	done
	cat > "$T/xr.json" <<JSON
{
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      { "neighbor-address": "169.254.100.2", "peer-as": 65010,
        "local-address": "169.254.100.1", "auth-password": "xr-sink-md5",
        "timers": { "hold-time": 9, "keepalive-interval": 3, "connect-retry": 1 },
        "apply-policy": { "default-import-policy": "accept-route",
                          "default-export-policy": "accept-route" } },
      { "neighbor-address": "fd20:100::2", "peer-as": 65010,
        "local-address": "fd20:100::1", "auth-password": "xr-sink-md5",
        "timers": { "hold-time": 9, "keepalive-interval": 3, "connect-retry": 1 },
        "afi-safis": { "afi-safi": [ { "afi-safi-name": "ipv6-unicast" } ] },
        "apply-policy": { "default-import-policy": "accept-route",
                          "default-export-policy": "accept-route" } }
    ] }
  },
  "crossroute-interconnect:gateways": { "gateway": [
    { "name": "dxgw1", "role": "dxgw", "asn": 64512, "router-id": "192.0.2.1" },
    { "name": "cr1", "role": "cloud-router", "asn": 65000, "router-id": "192.0.2.2" }
  ] },
  "crossroute-interconnect:interconnects": { "interconnect": [
    { "name": "ic1", "gateway-a": "dxgw1", "router-b": "cr1",
      "environment": "aws-gcp-us-east", "bandwidth-mbps": 1000, "ipv6": true,
      "links": { "link": [ $links ] } }
  ] }
}
JSON
}

# --- checks ---------------------------------------------------------------
xr_established() {	# all neighbours Established with MD5
	xr neighbors | jq -e '[.neighbors[] | select(.state == "Established" and .md5)] | length == 10'
}
xr_mp() {	# xr_mp PREFIX N: best path plus an N-way multipath set
	xr routes "$1" | jq -e --arg p "$1" --argjson n "$2" \
	    '[.routes[] | select(.prefix == $p)] | length == 1 and .[0].multipath == $n and ([.[0].paths[] | select(.best)] | length) == 1'
}
xr_gone() { xr routes | jq -e --arg p "$1" '[.routes[] | select(.prefix == $p)] | length == 0'; }
sink_has() {	# sink_has PREFIX: AS path "64512 65000", next hop crossrouted
	vty sink -c "show bgp ipv4 unicast $1 json" | jq -e \
	    '.paths | length == 1 and .[0].aspath.string == "64512 65000" and .[0].nexthops[0].ip == "169.254.100.1"'
}
sink_has6() {
	vty sink -c "show bgp ipv6 unicast $1 json" | jq -e \
	    '.paths | length == 1 and .[0].aspath.string == "64512 65000" and .[0].nexthops[0].ip == "fd20:100::1"'
}
sink_lacks() { vty sink -c "show bgp ipv4 unicast json" | jq -e --arg p "$1" '.routes[$p] == null'; }
xr_nb() {	# xr_nb ADDRESS JQ-EXPR
	xr neighbors | jq -e --arg a "$1" "[.neighbors[] | select(.address == \$a)][0] | $2"
}
frr_refresh_count() { xr_nb 169.254.100.2 '.messages_in.refresh' 2>/dev/null; }

echo "1..18"
setup
ok $? "topology: six namespaces, five veth links"
for i in 1 2 3 4; do
	frr_conf b$i 65000 10.255.0.$i 169.254.10.$((4 * i - 3)) \
	    "fd20::$(printf %x $((8 * i - 7)))" xr-link$i-md5 fd00:1::/48 \
	    10.1.0.0/16 10.2.0.0/16
done
frr_conf sink 65010 10.255.0.100 169.254.100.1 fd20:100::1 xr-sink-md5 "" 10.0.0.0/16
xr_conf
rc=0
for n in b1 b2 b3 b4 sink; do frr_start $n || rc=1; done
ip netns exec "$LAB-dut" env XR_YANG_DIR="$XR_SRCDIR/yang" "$XRD" -f \
    -c "$T/xr.json" -s "$T/ctl.sock" -p "$T/xr.pid" 2>"$T/xr.log" &
XRPID=$!
poll "crossrouted control socket" test -S "$T/ctl.sock" || rc=1
xr_connect_failing() {	# it tried (and failed) to connect: no address yet
	xr neighbors | jq -e '[.neighbors[] | select(.state == "Established")] | length == 0'
}
xr_connect_failing >/dev/null || rc=1
ok $rc "FRR bgpd started on b1..b4 and sink, crossrouted started before its addresses exist"
dut_addresses

poll "ten sessions Established with MD5" xr_established
ok $? "all ten sessions (IPv4 and IPv6 per link and sink) Established with TCP MD5"
poll "10.1.0.0/16 4-way" xr_mp 10.1.0.0/16 4 && poll "10.2.0.0/16 4-way" xr_mp 10.2.0.0/16 4 &&
    poll "fd00:1::/48 4-way" xr_mp fd00:1::/48 4
ok $? "each prefix (IPv4 and IPv6) has one best path and a 4-way multipath set"
poll "sink 10.1.0.0/16" sink_has 10.1.0.0/16 && poll "sink 10.2.0.0/16" sink_has 10.2.0.0/16 &&
    poll "sink fd00:1::/48" sink_has6 fd00:1::/48
ok $? "sink holds the prefixes with AS path 64512 65000, next hop crossrouted (v4 and v6)"

b_has_sink_route() {	# every B router: 10.0.0.0/16 via its own link address
	local i
	for i in 1 2 3 4; do
		vty b$i -c "show bgp ipv4 unicast 10.0.0.0/16 json" | jq -e --arg nh "169.254.10.$((4 * i - 3))" \
		    '.paths | length == 1 and .[0].aspath.string == "64512 65010" and .[0].nexthops[0].ip == $nh' || return 1
	done
}
one_group() {	# the four IPv4 link sessions share one export group
	xr neighbors | jq -e '[.neighbors[] | select(.side == 1 and (.address | test("^169")))] | length == 4 and all(.group_members == 4)'
}
poll "B routers learn 10.0.0.0/16" b_has_sink_route && one_group >/dev/null
ok $? "each B router learns the sink's 10.0.0.0/16 with next hop = its own link address (one group, patched)"

before=$(frr_refresh_count)
vty sink -c "clear bgp ipv4 unicast 169.254.100.1 soft in" >/dev/null
poll "route refresh seen" xr_nb 169.254.100.2 ".messages_in.refresh > ${before:-0}" &&
    poll "sink still has routes" sink_has 10.1.0.0/16
ok $? "route refresh from the sink answered, routes still there"

vty b1 -c "configure terminal" -c "router bgp 65000" -c "address-family ipv4 unicast" \
    -c "no network 10.2.0.0/16" >/dev/null
poll "10.2.0.0/16 3-way" xr_mp 10.2.0.0/16 3 && sink_has 10.2.0.0/16 >/dev/null
ok $? "withdrawal on one link keeps the route (3-way ECMP), sink keeps it"

for n in b2 b3 b4; do
	vty $n -c "configure terminal" -c "router bgp 65000" -c "address-family ipv4 unicast" \
	    -c "no network 10.2.0.0/16" >/dev/null
done
poll "10.2.0.0/16 gone" xr_gone 10.2.0.0/16 && poll "sink lost 10.2.0.0/16" sink_lacks 10.2.0.0/16
ok $? "withdrawal on all links removes the route at crossrouted and the sink"

ip -n "$LAB-b3" link set eth1 down
poll "b3 session down" xr_nb 169.254.10.10 '.state != "Established"' &&
    poll "10.1.0.0/16 3-way" xr_mp 10.1.0.0/16 3
ok $? "link down: the session drops (hold timer) and its paths go (3-way)"

kill "$(cat "$T/b2/bgpd.pid")"
poll "b2 session down" xr_nb 169.254.10.6 '.state != "Established"' &&
    poll "10.1.0.0/16 2-way" xr_mp 10.1.0.0/16 2
ok $? "FRR killed: the session drops and its paths go (2-way)"

kill -STOP "$(cat "$T/b1/bgpd.pid")"
poll "hold timer expiry on b1" xr_nb 169.254.10.2 \
    '.state != "Established" and .last_notification.code == 4 and .last_notification.sent'
ok $? "hold timer expiry: NOTIFICATION 4 sent, session down"
kill -CONT "$(cat "$T/b1/bgpd.pid")"
poll "b1 back" xr_nb 169.254.10.2 '.state == "Established"' &&
    poll "b1 path back" xr_mp 10.1.0.0/16 2
ok $? "the peer comes back after the hold timer expiry, with its path (2-way)"

args=(-c "configure terminal" -c "router bgp 65000" -c "address-family ipv4 unicast")
for i in $(seq 0 100); do args+=(-c "network 10.200.$i.0/24"); done
vty b4 "${args[@]}" >/dev/null
poll "Cease/1 to b4" xr_nb 169.254.10.14 \
    '.state != "Established" and .last_notification.code == 6 and .last_notification.subcode == 1 and .last_notification.sent and .max_prefix_exceeded >= 1'
ok $? "max-prefix (100 per AFI) exceeded: Cease/1 sent, session down"

# Graceful restart helper: b1 dies, its paths stay stale; it comes back
# without 10.1.0.0/16 and End-of-RIB sweeps the stale path.
kill -9 "$(cat "$T/b1/bgpd.pid")"
poll "b1 down, paths stale" xr_nb 169.254.10.2 '.state != "Established" and .gr_stale' &&
    xr_mp 10.1.0.0/16 1 >/dev/null && sink_has 10.1.0.0/16 >/dev/null &&
    xr routes 10.1.0.0/16 | jq -e '.routes[0].paths[0].stale' >/dev/null
ok $? "graceful restart: b1 lost, its path kept stale, the sink keeps the route"
sed -i '/network 10.1.0.0\/16/d' "$T/b1/frr.conf"
frr_start b1
poll "b1 back" xr_nb 169.254.10.2 '.state == "Established" and (.gr_stale | not)'
ok $? "b1 restarted: session Established, stale period over"
poll "10.1.0.0/16 swept" xr_gone 10.1.0.0/16 && poll "sink lost 10.1.0.0/16" sink_lacks 10.1.0.0/16
ok $? "End-of-RIB swept the stale path not re-announced (crossrouted and sink)"

kill -TERM "$XRPID"
wait "$XRPID"
st=$?
XRPID=
vty sink -c "show bgp neighbors 169.254.100.1 json" > "$T/sinknb.json"
[ $st -eq 0 ] && grep -q "Administrative Shutdown" "$T/sinknb.json"
ok $? "SIGTERM: exit 0, the sink saw Cease/Administrative Shutdown"

if [ $FAILED -ne 0 ]; then
	sed 's/^/# xr: /' "$T/xr.log" | tail -60
fi
exit $FAILED
