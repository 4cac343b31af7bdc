#!/bin/bash
# Interop and speed test of `crossroute mrt blast` / `crossroute sink` (root:
# network namespaces). Two namespaces joined by one veth pair:
#   A 10.77.0.1/30 (blast, AS 65000)  <->  B 10.77.0.2/30 (receiver, AS 4200000001)
# The receiver is, in turn: our sink, BIRD 2 (bird -f, one passive session,
# import all), FRR bgpd (-Z, no zebra). Each run blasts one RIB (IPv4 only
# for BIRD/FRR) and checks the receiver's prefix count against the bgpdump
# oracle; BIRD and FRR also get one sampled AS path checked. Prints the
# measured numbers as TAP comments: blast routes/s and CPU, sink CPU, BIRD /
# FRR ingest time (release -> count reached, polled every 0.1 s; the
# session is up before the release) and CPU over the same window.
#
#   sudo XR_BUILDDIR=build tests/tools/interop_blast.sh [RIB] [RECEIVERS]
# RIB defaults to the 497k routeviews table; RECEIVERS to "sink bird frr".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP needs root (network namespaces)"; exit 0; }
MRT=$(mrt_dir) || { echo "Bail out! MRT corpus not found"; exit 1; }
tool_cmd || { echo "Bail out! no crossroute built (set XR_BUILDDIR)"; exit 1; }
RIB=${1:-$MRT/CAIDA_libbgpstream/routeviews.route-views.jinx.ribs.1401487200.bz2}
RECV=${2:-sink bird frr}
ORACLE=$RIB.bgpdump-m.txt.gz
HZ=$(getconf CLK_TCK)
W=$(mktemp -d /tmp/xrb.XXXXXX); chmod 711 "$W"
NS="xrb-${W##*.}"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	for p in $(ip netns pids $NS-a 2>/dev/null) $(ip netns pids $NS-b 2>/dev/null); do kill -9 "$p"; done
	ip netns del $NS-a 2>/dev/null; ip netns del $NS-b 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
now() { date +%s.%N; }
ticks() { sed 's/^.*) //' /proc/$1/stat 2>/dev/null | awk '{print $12+$13+$14+$15}'; }
secs() { awk -v t="$1" -v h=$HZ 'BEGIN{printf "%.2f", t/h}'; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a-b}'; }

ip netns add $NS-a && ip netns add $NS-b || exit 1
ip -n $NS-a link set lo up; ip -n $NS-b link set lo up
ip link add xa$$ netns $NS-a type veth peer name xb$$ netns $NS-b
ip -n $NS-a addr add 10.77.0.1/30 dev xa$$; ip -n $NS-a link set xa$$ up
ip -n $NS-b addr add 10.77.0.2/30 dev xb$$; ip -n $NS-b link set xb$$ up

V4=$(zcat "$ORACLE" | awk -F'|' '$6 !~ /:/ { print $6 }' | sort -u | wc -l)
ALL=$(oracle_count "$ORACLE")
# the oracle's first path of one sampled IPv4 prefix, as the receiver sees it
SAMPLE=$(oracle_first "$ORACLE" | awk -F'|' -v m=$(((V4 + 1) / 2)) '$1 !~ /:/ { n++ } n == m { print; exit }')
SPFX=${SAMPLE%%|*}; SPATH=$(echo "65000 ${SAMPLE#*|}" | sed 's/ *$//')
n=0; for r in $RECV; do case $r in sink) n=$((n + 2));; *) n=$((n + 3));; esac; done
echo "1..$n"
echo "# RIB $(basename "$RIB"): $ALL prefixes ($V4 IPv4); sample $SPFX path $SPATH"

blast_start() {  # blast_start ARGS...: blast from A to B in the background (BLP)
	ip netns exec $NS-a $BLAST --as 65000 --router-id 10.77.0.1 --only-best --eor "$@" \
	    10.77.0.2 "$RIB" >"$W/blast.out" 2>&1 &
	BLP=$!; PIDS+=($BLP)
}
blast_stop() { kill $BLP 2>/dev/null; wait $BLP 2>/dev/null; }
# blast_release: wait until the blast's session is up (bounded), then let it send
blast_release() {
	for i in $(seq 1 300); do grep -q "^blast: up" "$W/blast.out" && break; sleep 0.1; done
	kill -USR1 $BLP
}
blast_line() { sed -n 's/^blast: sessions/# blast: sessions/p' "$W/blast.out"; }

run_sink() {
	local sp rc
	ip netns exec $NS-b /usr/bin/time -f "# sink: cpu_s %U user %S sys, max_rss_kb %M" \
	    $SINK --listen 10.77.0.2 --expect "$ALL" --timeout 120 --as 4200000001 \
	    >"$W/sink.out" 2>"$W/sink.err" & sp=$!; PIDS+=($sp)
	for i in $(seq 1 50); do grep -q listening "$W/sink.err" && break; sleep 0.1; done
	blast_start --stay
	wait $sp; rc=$?
	blast_stop
	check "sink over veth: $ALL prefixes, exit 0" [ $rc = 0 ]
	check "sink count equals the oracle" [ "$(kv "$W/sink.out" prefixes)" = "$ALL" ]
	blast_line; sed 's/^/# /' "$W/sink.out"; grep '^# sink' "$W/sink.err"
}

# wait_count CMD WANT: poll until CMD prints WANT (or 300 s); prints elapsed s
wait_count() {
	local t0=$(now) c
	while :; do
		c=$(eval "$1" 2>/dev/null); c=${c:-0}
		[ "$c" -ge "$2" ] && { fsub "$(now)" "$t0"; return 0; }
		awk -v e="$(fsub "$(now)" "$t0")" 'BEGIN{exit !(e>300)}' && { echo "timeout($c)"; return 1; }
		sleep 0.1
	done
}

run_bird() {
	local bp c0 t el path
	cat >"$W/bird.conf" <<B
router id 10.77.0.2;
protocol device {}
protocol bgp blast { local as 4200000001; neighbor 10.77.0.1 as 65000; passive on;
  ipv4 { import all; export none; }; }
B
	ip netns exec $NS-b bird -f -c "$W/bird.conf" -s "$W/bird.ctl" -P "$W/bird.pid" \
	    >"$W/bird.log" 2>&1 & bp=$!; PIDS+=($bp)
	for i in $(seq 1 50); do [ -S "$W/bird.ctl" ] && break; sleep 0.1; done
	blast_start --no-ipv6 --stay --gate
	blast_release
	c0=$(ticks $bp)
	el=$(wait_count "birdc -s $W/bird.ctl show protocols all blast | sed -n 's/^ *Routes: *\([0-9]*\) imported.*/\1/p'" "$V4")
	t=$(ticks $bp)
	blast_stop
	check "BIRD holds the $V4 IPv4 prefixes" [ "${el#timeout}" = "$el" ]
	path=$(birdc -s "$W/bird.ctl" show route for "$SPFX" all | sed -n 's/.*BGP.as_path: //p' | head -1)
	check "BIRD: AS path of $SPFX is '$SPATH'" [ "$path" = "$SPATH" ]
	check "BIRD session stayed up until the blast ended" grep -q "^blast: sessions 1 routes $V4 " "$W/blast.out"
	echo "# bird: ingest_s $el cpu_s $(secs $((t - c0))) rss_kb $(awk '/^VmHWM/{print $2}' /proc/$bp/status)"
	blast_line
	kill $bp; wait $bp 2>/dev/null
}

run_frr() {
	local fp c0 t el path
	install -d -o frr -g frr "$W/frr"
	cat >"$W/frr/bgpd.conf" <<F
frr defaults traditional
hostname xrb
router bgp 4200000001
 bgp router-id 10.77.0.2
 no bgp ebgp-requires-policy
 neighbor 10.77.0.1 remote-as 65000
 neighbor 10.77.0.1 passive
F
	chown frr:frr "$W/frr/bgpd.conf"
	ip netns exec $NS-b /usr/lib/frr/bgpd -Z -n -u frr -g frr -f "$W/frr/bgpd.conf" \
	    -i "$W/frr/bgpd.pid" --vty_socket "$W/frr" -P 0 >"$W/frr.log" 2>&1 & fp=$!; PIDS+=($fp)
	for i in $(seq 1 50); do [ -S "$W/frr/bgpd.vty" ] && break; sleep 0.1; done
	blast_start --no-ipv6 --stay --gate
	blast_release
	c0=$(ticks $fp)
	el=$(wait_count "vtysh --vty_socket $W/frr -c 'show bgp ipv4 unicast summary json' | sed -n 's/.*\"pfxRcd\":\([0-9]*\).*/\1/p' | head -1" "$V4")
	t=$(ticks $fp)
	blast_stop
	check "FRR holds the $V4 IPv4 prefixes" [ "${el#timeout}" = "$el" ]
	path=$(vtysh --vty_socket "$W/frr" -c "show bgp ipv4 unicast $SPFX json" |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["paths"][0]["aspath"]["string"])')
	check "FRR: AS path of $SPFX is '$SPATH'" [ "$path" = "$SPATH" ]
	check "FRR session stayed up until the blast ended" grep -q "^blast: sessions 1 routes $V4 " "$W/blast.out"
	echo "# frr: ingest_s $el cpu_s $(secs $((t - c0))) rss_kb $(awk '/^VmHWM/{print $2}' /proc/$fp/status)"
	blast_line
	kill $fp; wait $fp 2>/dev/null
}

for r in $RECV; do "run_$r"; done
[ $T_FAIL = 0 ]
