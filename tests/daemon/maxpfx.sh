#!/bin/bash
# Per-family prefix limits (RFC 4486, SPEC 4.4 and 8.2, yang prefix-limit)
# against real FRR (Debian frr 8.4.4) in network namespaces. crossrouted
# (AS 64512) has a limit of 5 IPv4 prefixes towards r1 (action warn, 80 %
# threshold), r2 (restart) and r3 (idle, restart-timer 4 s); each FRR
# announces 4 prefixes, then 3 more:
#   warn:    log lines (threshold, then exceeded), session stays, 7 kept;
#   restart: Cease/1 with data AFI 1, SAFI 1, limit 5 (as FRR logs it),
#            the session comes back by itself within seconds;
#   idle:    Cease/1, the session stays down for the restart-timer (no
#            inbound connection accepted either), then comes back;
#   r4 (restart, graceful restart with the RFC 8538 N bit): the Cease/1
#            goes inside a Hard Reset (RFC 8538 5).
# TAP. Needs root; cleans up its netns, pids and temp dir.
set -u
LAB=grm$$
NODES="dut r1 r2 r3 r4"
. "$(dirname "$0")/gr_lab.sh"
lab_init 120
IDLE_S=4

frr_conf() {	# frr_conf NODE AS NEIGHBOR BASE
	local i
	install -d -o frr -g frr "$T/$1"
	{
		echo "frr defaults traditional"
		echo "hostname $LAB-$1"
		echo "log file $T/$1/bgpd.log"
		echo "router bgp $2"
		echo " bgp router-id 10.255.0.${1#r}"
		echo " no bgp ebgp-requires-policy"
		echo " no bgp network import-check"
		echo " bgp log-neighbor-changes"
		[ "$1" = r4 ] && echo " bgp graceful-restart"
		echo " neighbor $3 remote-as 64512"
		echo " neighbor $3 timers 3 9"
		echo " neighbor $3 timers connect 1"
		echo " address-family ipv4 unicast"
		for i in 1 2 3 4; do echo "  network $4.$i.0/24"; done
		echo " exit-address-family"
	} > "$T/$1/frr.conf"
}
nb_json() {	# nb_json ADDR AS LOCAL ACTION RESTART [GR]
	echo "{ \"neighbor-address\": \"$1\", \"peer-as\": $2, \"local-address\": \"$3\",
	  \"graceful-restart\": { \"enabled\": ${6:-false} },
	  \"timers\": { \"hold-time\": 9, \"keepalive-interval\": 3, \"connect-retry\": 1 },
	  \"afi-safis\": { \"afi-safi\": [ { \"afi-safi-name\": \"ipv4-unicast\",
	      \"prefix-limit\": { \"max-prefixes\": 5, \"action\": \"$4\",
	        \"restart-timer\": $5, \"warning-threshold-pct\": 80 } } ] },
	  \"apply-policy\": { \"default-import-policy\": \"accept-route\",
	                      \"default-export-policy\": \"reject-route\" } }"
}
frr_more() {	# frr_more NODE BASE no|"": add (or remove) 3 prefixes
	local args=(-c "configure terminal" -c "router bgp 6500${1#r}" -c "address-family ipv4 unicast") i
	for i in 5 6 7; do args+=(-c "$3 network $2.$i.0/24"); done
	vty "$1" "${args[@]}" >/dev/null
}
pfx() { xr_nb "$1" ".state == \"Established\" and .prefixes_received.ipv4 == $2"; }
ceased() {	# ceased ADDR: we sent Cease/1 and the session is down
	xr_nb "$1" '.state != "Established" and .last_notification.code == 6 and
	    .last_notification.subcode == 1 and .last_notification.sent and .max_prefix_exceeded >= 1'
}
now_ms() { date +%s%3N; }

echo "1..10"
lab_netns && lab_link dut 10.99.1.1/30 r1 10.99.1.2/30 1 &&
    lab_link dut 10.99.2.1/30 r2 10.99.2.2/30 2 &&
    lab_link dut 10.99.3.1/30 r3 10.99.3.2/30 3 &&
    lab_link dut 10.99.4.1/30 r4 10.99.4.2/30 4
ok $? "topology: dut and r1..r4 on four veth links"

frr_conf r1 65001 10.99.1.1 10.1
frr_conf r2 65002 10.99.2.1 10.2
frr_conf r3 65003 10.99.3.1 10.3
frr_conf r4 65004 10.99.4.1 10.4
cat > "$T/xr.json" <<JSON
{ "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      $(nb_json 10.99.1.2 65001 10.99.1.1 warn 300),
      $(nb_json 10.99.2.2 65002 10.99.2.1 restart 300),
      $(nb_json 10.99.3.2 65003 10.99.3.1 idle $IDLE_S),
      $(nb_json 10.99.4.2 65004 10.99.4.1 restart 300 true) ] } } }
JSON
frr_start r1 && frr_start r2 && frr_start r3 && frr_start r4 && xr_start &&
    poll "r1 4" pfx 10.99.1.2 4 && poll "r2 4" pfx 10.99.2.2 4 && poll "r3 4" pfx 10.99.3.2 4 &&
    poll "r4 4" pfx 10.99.4.2 4
ok $? "four sessions up, 4 prefixes each (below the limit of 5)"
grep -q "neighbor 10.99.1.2 AS65001: 4 prefixes, 80% of the limit 5" "$T/xr.log"
ok $? "warning threshold: 4 of 5 (80 %) logged"

frr_more r1 10.1 ""
poll "r1 7 kept" pfx 10.99.1.2 7 &&
    [ "$(grep -c "neighbor 10.99.1.2 AS65001: .* exceed the limit 5" "$T/xr.log")" = 1 ] &&
    xr_nb 10.99.1.2 '.established_count == 1 and .max_prefix_exceeded >= 1 and .last_notification.code == 0' >/dev/null
ok $? "action warn: exceeded logged once, session stays, all 7 prefixes kept"

frr_more r2 10.2 ""
poll "Cease/1 to r2" ceased 10.99.2.2
ok $? "action restart: Cease/1 (Maximum Number of Prefixes Reached) sent, session down"
frr_more r2 10.2 no
# RFC 4486 4: data = AFI (2), SAFI (1), upper bound (4); FRR logs it in hex.
poll "FRR logged the data" grep -Eiq "6/1 .*Maximum Number of Prefixes.* 7 bytes 00 01 01 00 00 00 05" "$T/r2/bgpd.log"
ok $? "the NOTIFICATION carries AFI 1, SAFI 1, limit 5 (FRR's log of the 7 data bytes)"
poll "r2 back" pfx 10.99.2.2 4 && xr_nb 10.99.2.2 '.established_count >= 2' >/dev/null
ok $? "action restart: the session comes back by itself (4 prefixes after r2 withdrew 3)"

frr_more r3 10.3 ""
poll "Cease/1 to r3" ceased 10.99.3.2
t0=$(now_ms)
ok $? "action idle: Cease/1 sent, session down"
frr_more r3 10.3 no
poll "r3 back" pfx 10.99.3.2 4
rc=$?
down=$(( $(now_ms) - t0 ))
echo "# r3 stayed down $down ms (restart-timer $IDLE_S s)"
[ $rc -eq 0 ] && [ $down -ge $(( IDLE_S * 1000 - 300 )) ] &&
    xr_nb 10.99.3.2 '.established_count == 2' >/dev/null
ok $? "action idle: down for the restart-timer ($IDLE_S s, FRR retries every 1 s), then back with 4"
# r4 negotiated graceful restart with the N bit (RFC 8538): the Cease/1
# goes inside a Hard Reset (RFC 8538 5), so FRR does not keep our state.
hard_sent() {
	xr_nb 10.99.4.2 '.state != "Established" and .last_notification.code == 6 and
	    .last_notification.subcode == 9 and .last_notification.sent'
}
frr_more r4 10.4 ""
poll "Hard Reset to r4" hard_sent && frr_more r4 10.4 no &&
        poll "FRR logged it" grep -q "NOTIFICATION(Hard Reset): received from neighbor 10.99.4.1 6/1 (Cease/Maximum Number of Prefixes Reached)" "$T/r4/bgpd.log"
ok $? "with the N bit negotiated: Cease/1 sent inside a Hard Reset (6/9), FRR decodes a Hard Reset around 6/1"
grep -i "notification.*10.99.4.1" "$T/r4/bgpd.log" | head -2 | sed 's/^/# r4: /'
exit $FAILED
