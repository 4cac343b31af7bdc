#!/bin/bash
# BIRD 2 interop: the lab topologies/bird-pair (crossrouted, BIRD 2 over
# two links, FRR r1) brought up by topologies/run in network namespaces.
# Asserts TCP MD5 sessions with BIRD (IPv4 on both links, IPv6 on one) and
# with FRR, BIRD's prefixes at crossrouted with a 2-way ECMP set, routes
# both ways (BIRD learns r1's prefix from crossrouted on both links, r1
# learns BIRD's), a withdrawal in BIRD reaching r1, a graceful restart of
# crossrouted with BIRD and FRR as helpers (RFC 4724), and a link loss
# shrinking the ECMP set. TAP. Needs root; `run down` and the lab helpers
# remove everything it made.
set -u
LAB=grbp$$
NODES="dut bird r1"
. "$(dirname "$0")/gr_lab.sh"
RUN=$XR_SRCDIR/topologies/run
TOPO=$XR_SRCDIR/topologies/bird-pair/bird-pair.clab.yml
lab_init 120
STATE=$T/state
run() { "$RUN" --state "$STATE" --name "$LAB" --timeout 20 "$@"; }
bird_cleanup() {
	run down >/dev/null 2>&1
	lab_cleanup
}
trap bird_cleanup EXIT

xr() { "$SHOW" show -s "$STATE/dut/ctl.sock" "$@" --json; }
birdc_() { birdc -s "$STATE/bird/bird.ctl" "$@"; }
vty() { vtysh --vty_socket "$STATE/r1" "$@"; }

all_up() {
	xr neighbors | jq -e '[.neighbors[] | select(.state == "Established" and .md5)] | length == 4'
}
mp() {	# mp PREFIX N: one best path and an N-way multipath set, AS path 65100
	xr routes "$1" | jq -e --arg p "$1" --argjson n "$2" \
	    '[.routes[] | select(.prefix == $p)] | length == 1 and .[0].multipath == $n and
	     ([.[0].paths[] | select(.best)] | length) == 1'
}
has6() { xr routes fd50::/48 | jq -e '[.routes[] | select(.prefix == "fd50::/48")] | length == 1'; }
bird_has_r1() {	# BIRD: 10.60.0.0/16 from crossrouted on both links
	birdc_ show route 10.60.0.0/16 all > "$T/bird_route.txt" || return 1
	grep -q "via 10.98.1.1" "$T/bird_route.txt" && grep -q "via 10.98.2.1" "$T/bird_route.txt" &&
	    grep -q "BGP.as_path: 64512 65001" "$T/bird_route.txt"
}
r1_has() {	# r1_has PREFIX: via crossrouted, AS path 64512 65100
	vty -c "show bgp ipv4 unicast $1 json" | jq -e \
	    '.paths | length == 1 and .[0].aspath.string == "64512 65100"'
}
r1_lacks() { vty -c "show bgp ipv4 unicast json" | jq -e --arg p "$1" '.routes[$p] == null'; }

echo "1..10"
PATH=$XR_BUILDDIR/bgpd:$PATH XR_YANG_DIR=$XR_SRCDIR/yang run up "$TOPO" > "$T/up.log" 2>&1
rc=$?
[ $rc -ne 0 ] && sed 's/^/# up: /' "$T/up.log"
ok $rc "lab bird-pair up (crossrouted, BIRD 2, FRR) under topologies/run"

poll "four sessions with MD5" all_up
ok $? "sessions with BIRD (two links IPv4, one IPv6) and FRR Established, all with TCP MD5"
bird_up() { [ "$(birdc_ show protocols | grep -c 'Established')" = 3 ]; }
poll "BIRD sees three sessions up" bird_up
ok $? "BIRD's birdc shows its three BGP sessions Established"

poll "10.50/16 2-way" mp 10.50.0.0/16 2 && poll "10.51/16 2-way" mp 10.51.0.0/16 2 &&
    poll "fd50::/48" has6
ok $? "BIRD's prefixes at crossrouted: 2-way ECMP over the two links (IPv4), IPv6 learned"

poll "BIRD learns 10.60/16 on both links" bird_has_r1
ok $? "BIRD learns r1's 10.60.0.0/16 from crossrouted on both links, AS path 64512 65001"
poll "r1 learns 10.50/16" r1_has 10.50.0.0/16 && poll "r1 learns 10.51/16" r1_has 10.51.0.0/16
ok $? "FRR r1 learns BIRD's prefixes through crossrouted, AS path 64512 65100"

# A withdrawal in BIRD: drop the static route, reconfigure.
# r1 echoes our routes back (AS path 65001 64512 65100): kept, but a loop.
no51() {
	xr routes | jq -e '[.routes[] | select(.prefix == "10.51.0.0/16") |
	    .paths[] | select(.loop | not)] | length == 0'
}
cp "$XR_SRCDIR/topologies/bird-pair/bird/bird.conf" "$T/bird.conf"
sed -i '/10.51.0.0\/16/d' "$T/bird.conf"
birdc_ configure \"$T/bird.conf\" > "$T/birdc_configure.txt" 2>&1; sed "s/^/# birdc: /" "$T/birdc_configure.txt"
grep -q "Reconfigured" "$T/birdc_configure.txt" &&
    poll "crossrouted drops 10.51/16" no51 && poll "r1 drops 10.51/16" r1_lacks 10.51.0.0/16
ok $? "BIRD withdraws 10.51.0.0/16: gone at crossrouted and at r1"

# Graceful restart of crossrouted with BIRD (and FRR) as helpers: SIGTERM
# closes the sessions without NOTIFICATION; the runner's cwd holds the pid
# file, so the marker crossrouted.pid.gr makes the next start graceful.
XRDPID=$(cat "$STATE/dut/crossrouted.pid")
gone() { ! kill -0 "$XRDPID" 2>/dev/null; }
bird_gr() { birdc_ show protocols all "$1" | grep -q "Neighbor graceful restart active"; }
kill -TERM "$XRDPID" && poll "crossrouted exits" gone && [ -f "$STATE/dut/crossrouted.pid.gr" ] &&
    bird_gr link1 && bird_gr link2 && bird_has_r1 && r1_has 10.50.0.0/16 >/dev/null
ok $? "crossrouted SIGTERM: BIRD runs graceful restart on both links and keeps 10.60.0.0/16, FRR keeps BIRD's"
: > "$T/xr.log"
( cd "$STATE/dut" && exec ip netns exec "$LAB-dut" env XR_YANG_DIR="$XR_SRCDIR/yang" "$XRD" -f \
    -c "$XR_SRCDIR/topologies/bird-pair/dut/xr.json" -s ctl.sock -p crossrouted.pid ) 2>>"$T/xr.log" &
XRPID=$!
bird_back() { ! bird_gr link1 && ! bird_gr link2 && bird_has_r1; }
poll "deferral over" grep -q "selection deferral over .*End-of-RIB from every peer" "$T/xr.log" &&
    poll "all up" all_up && poll "BIRD recovered" bird_back && poll "ECMP back" mp 10.50.0.0/16 2 &&
    r1_has 10.50.0.0/16 >/dev/null
ok $? "crossrouted back in restarting mode: End-of-RIB from BIRD and FRR ended the deferral, BIRD's restart done, routes and ECMP back"

ip -n "$LAB-bird" link set eth2 down
poll "ECMP 1-way" mp 10.50.0.0/16 1 && r1_has 10.50.0.0/16 >/dev/null
ok $? "link 2 down: hold timer drops its session, 10.50.0.0/16 keeps one path, r1 keeps it"
exit $FAILED
