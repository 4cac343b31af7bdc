#!/bin/bash
# Graceful restart of crossrouted itself (RFC 4724 4.1, RFC 8538) against
# real FRR (Debian frr 8.4.4) in network namespaces: crossrouted (AS 64512)
# between r1 (AS 65001, 10.1.0.0/16) and r2 (AS 65002, 10.2.0.0/16), both
# graceful restart helpers. SIGTERM closes the sessions without
# NOTIFICATION: FRR keeps crossrouted's routes stale. crossrouted comes
# back in restarting mode by itself (marker beside its pid file): R bit,
# N bit, both families listed with F = 0, export deferred until both FRRs
# sent End-of-RIB, then routes and End-of-RIB; FRR's stale state ends. A
# second restart with r1 frozen ends the deferral by its timer. SIGINT is
# the hard stop: Hard Reset (Cease/9 around Cease/2), FRR drops the routes
# at once. TAP. Needs root; cleans up its netns, pids and temp dir.
set -u
LAB=grr$$
NODES="dut r1 r2"
. "$(dirname "$0")/gr_lab.sh"
lab_init 180

frr_conf() {	# frr_conf NODE AS ID MY-ADDR NEIGHBOR NETWORK
	install -d -o frr -g frr "$T/$1"
	cat > "$T/$1/frr.conf" <<CONF
frr defaults traditional
hostname $LAB-$1
log file $T/$1/bgpd.log
router bgp $2
 bgp router-id $3
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp graceful-restart
 neighbor $5 remote-as 64512
 neighbor $5 timers 3 9
 neighbor $5 timers connect 1
 address-family ipv4 unicast
  network $6
 exit-address-family
CONF
}

xr_conf() {
	local nb= i
	for i in 1 2; do
		[ $i = 2 ] && nb="$nb,"
		nb="$nb{ \"neighbor-address\": \"10.99.$i.2\", \"peer-as\": 6500$i,
		  \"local-address\": \"10.99.$i.1\",
		  \"timers\": { \"hold-time\": 9, \"keepalive-interval\": 3, \"connect-retry\": 1 },
		  \"graceful-restart\": { \"enabled\": true, \"restart-time\": 120 },
		  \"apply-policy\": { \"default-import-policy\": \"accept-route\",
		                      \"default-export-policy\": \"accept-route\" } }"
	done
	cat > "$T/xr.json" <<JSON
{ "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [ $nb ] } } }
JSON
}

# has NODE PREFIX AS-PATH: one path, not stale.
has() {
	vty "$1" -c "show bgp ipv4 unicast $2 json" | jq -e --arg p "$3" \
	    '.paths | length == 1 and .[0].aspath.string == $p and (.[0].stale | not)'
}
has_stale() {
	vty "$1" -c "show bgp ipv4 unicast $2 json" | jq -e --arg p "$3" \
	    '.paths | length == 1 and .[0].aspath.string == $p and .[0].stale'
}
lacks() { vty "$1" -c "show bgp ipv4 unicast json" | jq -e --arg p "$2" '.routes[$p] == null'; }
nbr() {	# nbr NODE ADDRESS: FRR's JSON about its neighbour
	vty "$1" -c "show bgp neighbors $2 json" | jq ".[\"$2\"]"
}
established() { nbr "$1" "$2" | jq -e '.bgpState == "Established"'; }
both_up() { xr neighbors | jq -e '[.neighbors[] | select(.state == "Established")] | length == 2'; }

echo "1..15"
lab_netns && lab_link dut 10.99.1.1/30 r1 10.99.1.2/30 1 &&
    lab_link dut 10.99.2.1/30 r2 10.99.2.2/30 2
ok $? "topology: dut, r1, r2 and two veth links"

frr_conf r1 65001 10.255.0.1 10.99.1.2 10.99.1.1 10.1.0.0/16
frr_conf r2 65002 10.255.0.2 10.99.2.2 10.99.2.1 10.2.0.0/16
xr_conf
frr_start r1 && frr_start r2 && xr_start && poll "both sessions" both_up &&
    poll "r2 learns 10.1/16" has r2 10.1.0.0/16 "64512 65001" &&
    poll "r1 learns 10.2/16" has r1 10.2.0.0/16 "64512 65002"
ok $? "sessions up, routes both ways through crossrouted"

nbr r2 10.99.2.1 | jq -e '.gracefulRestartInfo | .nBit and (.rBit | not) and
    .ipv4Unicast.fBit == false and .timers.receivedRestartTimer == 120' >/dev/null &&
    nbr r2 10.99.2.1 | jq -e '.neighborCapabilities.gracefulRestart == "advertisedAndReceived"' >/dev/null
ok $? "FRR sees our Graceful Restart capability: N bit, no R bit, IPv4 listed with F = 0, 120 s"

# Watch r2's view of 10.1.0.0/16 through the restart: one line per 0.1 s.
watch_route() {
	while :; do
		vty r2 -c "show bgp ipv4 unicast 10.1.0.0/16 json" |
		    jq -r 'if .paths then (if .paths[0].stale then "stale" else "up" end) else "gone" end'
		sleep 0.1
	done > "$T/watch.log" 2>/dev/null
}
watch_route &
WATCHER=$!
poll "watcher running" grep -q up "$T/watch.log"

xr_stop TERM
st=$?
[ $st -eq 0 ] && [ -f "$T/xr.pid.gr" ] && grep -q "closed without NOTIFICATION" "$T/xr.log"
ok $? "SIGTERM: exit 0, sessions closed without NOTIFICATION, restart marker left"
poll "r2 keeps 10.1/16 stale" has_stale r2 10.1.0.0/16 "64512 65001" &&
    poll "r1 keeps 10.2/16 stale" has_stale r1 10.2.0.0/16 "64512 65002" &&
    nbr r2 10.99.2.1 | jq -e '.lastNotificationReason == null and .bgpState != "Established"' >/dev/null
ok $? "FRR keeps crossrouted's routes as stale (helper), no NOTIFICATION seen"

: > "$T/xr.log"
xr_start -w 60 && poll "both sessions" both_up
ok $? "crossrouted restarted (no -R: the marker says graceful), sessions up"
grep -q "graceful restart: restarting" "$T/xr.log" && [ ! -f "$T/xr.pid.gr" ]
ok $? "restarting mode entered from the marker, marker consumed"
poll "deferral over" grep -q "selection deferral over .*End-of-RIB from every peer" "$T/xr.log"
ok $? "deferral ended by End-of-RIB from both FRRs (not the 60 s timer)"
poll "r2 re-learns 10.1/16" has r2 10.1.0.0/16 "64512 65001" &&
    poll "r1 re-learns 10.2/16" has r1 10.2.0.0/16 "64512 65002"
ok $? "routes re-learned both ways, not stale"
eor_both() {
	nbr "$1" "$2" | jq -e '.gracefulRestartInfo.endOfRibRecv.ipv4Unicast and
	    .gracefulRestartInfo.ipv4Unicast.endOfRibStatus.endOfRibRecv and
	    .gracefulRestartInfo.rBit and .gracefulRestartInfo.ipv4Unicast.fBit == false'
}
poll "r2 got EoR" eor_both r2 10.99.2.1 && poll "r1 got EoR" eor_both r1 10.99.1.1
ok $? "FRR saw the R bit, F = 0 and received End-of-RIB from crossrouted"
kill "$WATCHER" 2>/dev/null; wait "$WATCHER" 2>/dev/null
# RFC 4724 4.2 with F = 0: the helper drops the stale routes when the new
# session is up and has them again with our UPDATEs; nothing else.
flaps=$(uniq "$T/watch.log" | tr '\n' ' ')
gone=$(grep -c gone "$T/watch.log")
echo "# r2's 10.1.0.0/16 through the restart: $flaps(gone $gone samples of 0.1 s)"
uniq "$T/watch.log" | tr '\n' ' ' | grep -Eq '^up (stale )+(gone )?up $'
ok $? "r2 saw up, stale, at most one short gap (F = 0), up: no other flap"

# Second restart with r1 frozen: only the deferral timer ends the wait.
xr_stop TERM
kill -STOP "$(cat "$T/r1/bgpd.pid")"
: > "$T/xr.log"
xr_start -w 3 && poll "r2 up" xr_nb 10.99.2.2 '.state == "Established"'
ok $? "restart with r1 frozen: crossrouted up, r2 Established"
poll "deferral timer" grep -q "selection deferral over .*timer expired" "$T/xr.log" &&
    poll "r2 got EoR" eor_both r2 10.99.2.1 && lacks r2 10.1.0.0/16 >/dev/null
ok $? "deferral timer (3 s) ended the wait for frozen r1: r2 gets End-of-RIB (10.1/16 not known yet)"
kill -CONT "$(cat "$T/r1/bgpd.pid")"
poll "both sessions" both_up
    poll "r2 has 10.1/16 again" has r2 10.1.0.0/16 "64512 65001"
ok $? "r1 thawed: its session comes up, r2 learns 10.1.0.0/16 through crossrouted"

xr_stop INT
st=$?
# FRR logs the cause inside the Hard Reset; that it drops the routes at
# once although N was negotiated shows that it took it as a Hard Reset.
[ $st -eq 0 ] && grep -q "NOTIFICATION sent: Cease/Hard Reset: Cease/Administrative Shutdown" "$T/xr.log" &&
    poll "r2 drops 10.1/16" lacks r2 10.1.0.0/16 && nbr r2 10.99.2.1 > "$T/r2nb.json" &&
    jq -e '.lastNotificationReason == "Cease/Administrative Shutdown"' "$T/r2nb.json" >/dev/null
ok $? "SIGINT: Hard Reset (RFC 8538) sent, FRR drops crossrouted's routes at once"
[ -f "$T/r2nb.json" ] && jq -c '{lastNotificationReason, lastResetDueTo, lastErrorCodeSubcode}' "$T/r2nb.json" | sed 's/^/# r2: /' 
exit $FAILED
