#!/bin/sh
# Loopback test of `crossroute mrt blast` and `crossroute sink` (no root):
# blasts real RIB dumps into the sink on 127.0.0.1 and compares what the
# sink holds with the bgpdump -m oracles: distinct prefix counts, and AS
# paths and next hops of every (or a sample of) received route(s). Also
# checks several sessions, per-peer mode and a refused OPEN.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/blast_loop.XXXXXX")
SINK_PID=
cleanup() { kill_pid "$SINK_PID"; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

echo "1..14"
MRT=$(mrt_dir) || { echo "Bail out! MRT corpus not found"; exit 1; }
tool_cmd || { echo "Bail out! no crossroute built"; exit 1; }
NH=192.0.2.1

# compare_paths DUMP ORACLE.gz AS: every dumped route's path equals AS + the
# oracle's first path for the prefix (AS omitted when already leftmost), and
# its next hop is $NH (IPv4) or ::ffff:127.0.0.1 (IPv6). Prints mismatches.
compare_paths() {
	oracle_first "$2" >"$W/oracle.txt"
	awk -F'|' -v as="$3" -v nh="$NH" '
	    NR == FNR { o[$1] = $2; next }
	    /\|/ {
		n++
		want = o[$1]; split(want, w, " ")
		if (w[1] != as) want = (want == "" ? as : as " " want)
		wnh = index($1, ":") ? "::ffff:127.0.0.1" : nh
		if (!($1 in o) || $2 != want || $3 != wnh) { bad++; if (bad < 4) print "mismatch: " $0 " want " want " " wnh }
	    }
	    END { if (n == 0 || bad) { print n " routes, " bad+0 " mismatches"; exit 1 } }' "$W/oracle.txt" "$1"
}

# run_one NAME FILE EXPECT BLAST_ARGS...: sink --expect EXPECT --dump, blast.
run_one() {
	local name=$1 file=$2 expect=$3
	shift 3
	sink_start "$W/$name.out" "$W/$name.err" --expect "$expect" --timeout 90 --dump ||
		{ not_ok "$name: sink starts"; cat "$W/$name.err"; return 1; }
	$BLAST --port "$SINK_PORT" --next-hop $NH --eor "$@" 127.0.0.1 "$file" >"$W/$name.blast" 2>&1
	if sink_wait; then
		ok "$name: sink reached $expect prefixes and exited 0"
	else	# (blast may fail once the sink has all it expects: not shown then)
		not_ok "$name: sink reached $expect prefixes and exited 0"
		sed 's/^/# /' "$W/$name.blast" "$W/$name.err"
	fi
	head -1 "$W/$name.out" >"$W/$name.line"
	check "$name: prefix count equals the oracle's distinct prefixes" \
	    [ "$(kv "$W/$name.line" prefixes)" = "$expect" ]
}

for f in t2mune_mrtparse/quagga_rib t2mune_mrtparse/openbgpd_rib_table-v2; do
	n=$(basename $f)
	exp=$(oracle_count "$MRT/$f.bgpdump-m.txt.gz")
	run_one "$n" "$MRT/$f" "$exp" --as 65000 --only-best
	check "$n: dumped AS paths and next hops match the oracle" \
	    compare_paths "$W/$n.out" "$MRT/$f.bgpdump-m.txt.gz" 65000
done

RV=CAIDA_libbgpstream/routeviews.route-views.jinx.ribs.1401487200.bz2
exp=$(oracle_count "$MRT/$RV.bgpdump-m.txt.gz")
run_one routeviews "$MRT/$RV" "$exp" --as 65000 --only-best --peers 2
check "routeviews: 497k-route AS paths and next hops match the oracle (2 sessions)" \
    compare_paths "$W/routeviews.out" "$MRT/$RV.bgpdump-m.txt.gz" 65000
grep -q "^blast: sessions 2 routes $((2 * exp)) " "$W/routeviews.blast"
check "routeviews: blast reports 2 x $exp routes sent" [ $? = 0 ]

# per-peer mode: one session per MRT peer (its own AS); every prefix arrives.
run_one perpeer "$MRT/$RV" "$exp" --mode per-peer
npeers=$(zcat "$MRT/$RV.bgpdump-m.txt.gz" | awk -F'|' '{ print $4 }' | sort -u | wc -l)
grep -q "^blast: sessions $npeers " "$W/perpeer.blast"
check "per-peer: one session per MRT peer ($npeers)" [ $? = 0 ]

# the sink refuses the OPEN (wrong AS): blast fails with the NOTIFICATION.
sink_start "$W/bad.out" "$W/bad.err" --peer-as 65099 --timeout 5 ||
    not_ok "refused: sink starts"
$BLAST --port "$SINK_PORT" --as 65000 --only-best 127.0.0.1 \
    "$MRT/t2mune_mrtparse/quagga_rib" >"$W/bad.blast" 2>&1
rc=$?
kill_pid "$SINK_PID"; SINK_PID=
check "refused OPEN: blast exits 1 naming the NOTIFICATION" \
    sh -c "[ $rc = 1 ] && grep -q 'NOTIFICATION: OPEN Message Error/Bad Peer AS' '$W/bad.blast'"
[ $T_FAIL = 0 ]
