#!/bin/bash
# GTSM (RFC 5082) between crossrouted and real FRR (Debian frr 8.4.4) in
# network namespaces. crossrouted (AS 64512) has three links:
#   r1: ttl-security on both sides (IPv4 and IPv6 sessions): Established;
#   r2: ttl-security on crossrouted only, FRR sends TTL 1: never up, the
#       dut's kernel counts the dropped segments (TcpExtTCPMinTTLDrop);
#   r3: ttl-security on FRR only (crossrouted sends TTL 1): never up, r3's
#       kernel drops;
# then a reload that turns GTSM off towards r2 brings r2 up (GTSM was the
# only obstacle). TAP. Needs root; cleans up its netns, pids and temp dir.
set -u
LAB=grg$$
NODES="dut r1 r2 r3"
. "$(dirname "$0")/gr_lab.sh"
lab_init 120

frr_conf() {	# frr_conf NODE AS NEIGHBOR NEIGHBOR6 GTSM NETWORK
	install -d -o frr -g frr "$T/$1"
	{
		echo "frr defaults traditional"
		echo "hostname $LAB-$1"
		echo "log file $T/$1/bgpd.log"
		echo "router bgp $2"
		echo " bgp router-id 10.255.0.${1#r}"
		echo " no bgp ebgp-requires-policy"
		echo " no bgp network import-check"
		for nb in $3 $4; do
			echo " neighbor $nb remote-as 64512"
			echo " neighbor $nb timers 3 9"
			echo " neighbor $nb timers connect 1"
			[ "$5" = yes ] && echo " neighbor $nb ttl-security hops 1"
		done
		echo " address-family ipv4 unicast"
		echo "  network $6"
		[ -n "$4" ] && echo "  no neighbor $4 activate"
		echo " exit-address-family"
		if [ -n "$4" ]; then
			echo " address-family ipv6 unicast"
			echo "  neighbor $4 activate"
			echo " exit-address-family"
		fi
	} > "$T/$1/frr.conf"
}

nb_json() {	# nb_json ADDR AS LOCAL GTSM [AFI]
	local afi=
	[ -n "${5:-}" ] && afi=", \"afi-safis\": { \"afi-safi\": [ { \"afi-safi-name\": \"$5\" } ] }"
	echo "{ \"neighbor-address\": \"$1\", \"peer-as\": $2, \"local-address\": \"$3\",
	  \"timers\": { \"hold-time\": 9, \"keepalive-interval\": 3, \"connect-retry\": 1 },
	  \"ttl\": { \"ttl-security\": $4 } $afi,
	  \"apply-policy\": { \"default-import-policy\": \"accept-route\",
	                      \"default-export-policy\": \"accept-route\" } }"
}
xr_conf() {	# xr_conf GTSM-TOWARDS-R2
	cat > "$T/xr.json" <<JSON
{ "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      $(nb_json 10.99.1.2 65001 10.99.1.1 true),
      $(nb_json fd99:1::2 65001 fd99:1::1 true ipv6-unicast),
      $(nb_json 10.99.2.2 65002 10.99.2.1 "$1"),
      $(nb_json 10.99.3.2 65003 10.99.3.1 false) ] } } }
JSON
}

minttl_drops() {	# minttl_drops NODE: TcpExtTCPMinTTLDrop of the node's netns
	ip netns exec "$LAB-$1" nstat -az TcpExtTCPMinTTLDrop | awk '/MinTTLDrop/ { print $2 }'
}
drops_at_least() { [ "$(minttl_drops "$1")" -ge "$2" ]; }
up() { xr_nb "$1" '.state == "Established"'; }
frr_down() { vty "$1" -c "show bgp neighbors $2 json" | jq -e ".[\"$2\"].bgpState != \"Established\""; }

echo "1..8"
lab_netns && lab_link dut 10.99.1.1/30 r1 10.99.1.2/30 1 &&
    ip -n "$LAB-dut" addr add fd99:1::1/64 dev eth1 nodad &&
    ip -n "$LAB-r1" addr add fd99:1::2/64 dev eth1 nodad &&
    lab_link dut 10.99.2.1/30 r2 10.99.2.2/30 2 &&
    lab_link dut 10.99.3.1/30 r3 10.99.3.2/30 3
ok $? "topology: dut and r1..r3 on three veth links"

frr_conf r1 65001 10.99.1.1 fd99:1::1 yes 10.1.0.0/16
frr_conf r2 65002 10.99.2.1 "" no 10.2.0.0/16
frr_conf r3 65003 10.99.3.1 "" yes 10.3.0.0/16
xr_conf true
frr_start r1 && frr_start r2 && frr_start r3 && xr_start
ok $? "FRR on r1..r3 and crossrouted started"

has_r1_route() { xr routes 10.1.0.0/16 | jq -e '.routes | length == 1'; }
poll "r1 v4" up 10.99.1.2 && poll "r1 v6" up fd99:1::2 && poll "10.1/16 from r1" has_r1_route
ok $? "GTSM on both sides: IPv4 and IPv6 sessions Established (TTL 255 both ways), routes received"

# Several dropped segments prove that r2 tried; it still must not be up.
poll "dut drops r2's TTL 1 segments" drops_at_least dut 3 &&
    ! up 10.99.2.2 >/dev/null && frr_down r2 10.99.2.1 >/dev/null
ok $? "crossrouted with GTSM refuses r2 sending TTL 1: dropped by IP_MINTTL, never Established"
echo "# dut TcpExtTCPMinTTLDrop: $(minttl_drops dut)"

# FRR may read our first OPEN before it sets IP_MINTTL on the accepted
# socket; every later segment with TTL 1 is dropped, so it never gets up.
poll "r3 drops crossrouted's TTL 1 segments" drops_at_least r3 3 &&
    frr_down r3 10.99.3.1 >/dev/null
ok $? "FRR with ttl-security refuses crossrouted without GTSM (TTL 1): dropped, FRR never Established"
echo "# r3 TcpExtTCPMinTTLDrop: $(minttl_drops r3)"

r3_never() { vty r3 -c "show bgp neighbors 10.99.3.1 json" | jq -e '.["10.99.3.1"].connectionsEstablished // 0 | . == 0'; }
! up 10.99.2.2 >/dev/null && frr_down r2 10.99.2.1 >/dev/null && r3_never >/dev/null &&
    up 10.99.1.2 >/dev/null
ok $? "after the drops: r2 still down, r3 never Established at FRR, r1 still up"

# r2's own connects (TTL 1) must not even complete the TCP handshake (RFC
# 5082 3: such segments are discarded): the shared listener's socket filter
# drops them before the kernel answers the SYN. With r3's link down (r1 is
# up and stable) the dut's passive opens must stay flat while r2 keeps trying.
nst() { ip netns exec "$LAB-$1" nstat -az "$2" | awk -v c="$2" '$1 == c { print $2 }'; }
ip -n "$LAB-r3" link set eth1 down
o0=$(nst r2 TcpActiveOpens) p0=$(nst dut TcpPassiveOpens)
more_opens() { [ "$(nst r2 TcpActiveOpens)" -ge $((o0 + 3)) ]; }
poll "r2 tries three times" more_opens
p1=$(nst dut TcpPassiveOpens)
echo "# r2 active opens: $(($(nst r2 TcpActiveOpens) - o0)), dut passive opens meanwhile: $((p1 - p0))"
[ "$p1" = "$p0" ] && up 10.99.1.2 >/dev/null
ok $? "r2's connects with TTL 1 never complete a handshake: the listener drops GTSM peers' low-TTL SYNs"
ip -n "$LAB-r3" link set eth1 up

xr_conf false
kill -HUP "$XRPID"
poll "r2 up after GTSM off" up 10.99.2.2 && up 10.99.1.2 >/dev/null
ok $? "reload with GTSM off towards r2: r2 Established (GTSM was the only obstacle), r1 untouched"
exit $FAILED
