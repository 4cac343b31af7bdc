#!/bin/sh
# Loopback test (no root) of the re-apply test-bed features: `crossroute
# sink --expect-path-prefix` (the second stage counts held prefixes whose AS
# path starts with given ASNs) and `crossroute mrt blast` answering
# ROUTE-REFRESH (RFC 2918) by re-sending its table; the sink sends the
# request on SIGHUP. Expected counts come from the bgpdump -m oracle.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/refresh_loop.XXXXXX")
SINK_PID= BLAST_PID=
cleanup() { kill_pid "$BLAST_PID"; kill_pid "$SINK_PID"; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

echo "1..8"
MRT=$(mrt_dir) || { echo "Bail out! MRT corpus not found"; exit 1; }
tool_cmd || { echo "Bail out! no crossroute built"; exit 1; }
RV=$MRT/CAIDA_libbgpstream/routeviews.route-views.jinx.ribs.1401487200.bz2
oracle_first "$RV.bgpdump-m.txt.gz" >"$W/first.txt"
EXP=$(wc -l <"$W/first.txt")
# prefixes whose best path (as sent: 65000 prepended) starts with 65000 37105
M=$(awk -F'|' '$2 == "37105" || $2 ~ /^37105 / { n++ } END { print n + 0 }' "$W/first.txt")
# wait_for FILE PATTERN: bounded (30 s) wait for a line
wait_for() {
	local i
	for i in $(seq 1 300); do grep -q "$2" "$1" && return 0; sleep 0.1; done
	return 1
}
blast_start() {
	$BLAST --port "$SINK_PORT" --next-hop 192.0.2.1 --as 65000 --only-best \
	    --stay --eor 127.0.0.1 "$RV" >"$W/$1.blast" 2>&1 &
	BLAST_PID=$!
}

# 1. path stage: M prefixes with "65000 37105" at the head
sink_start "$W/p.out" "$W/p.err" --expect "$M" --expect-path-prefix "65000 37105" \
    --timeout 30 || not_ok "path: sink starts"
blast_start p
sink_wait
check "path: sink exits 0 once $M held prefixes start with 65000 37105" [ $? = 0 ]
kill_pid "$BLAST_PID"; BLAST_PID=
head -1 "$W/p.out" >"$W/p.line"
grep '^sink-path:' "$W/p.out" | sed 's/^sink-path:/sink:/' >"$W/p.path"
check "path: the summary line came first, when $M prefixes were held" \
    [ "$(kv "$W/p.line" prefixes)" = "$M" ]
check "path: sink-path line reports matched $M" [ "$(kv "$W/p.path" matched)" = "$M" ]

# 2. ROUTE-REFRESH: the sink holds everything, SIGHUP asks again, blast re-sends
sink_start "$W/r.out" "$W/r.err" --expect "$EXP" --expect-path-prefix 65099 \
    --timeout 60 --dump || not_ok "refresh: sink starts"
blast_start r
wait_for "$W/r.out" '^sink: dump end'
check "refresh: count stage printed the summary and the dump of $EXP routes" \
    sh -c "[ \"\$(grep -c '|' '$W/r.out')\" = $EXP ]"
kill -USR2 "$SINK_PID"
kill -HUP "$SINK_PID"
wait_for "$W/r.blast" 're-sent'
check "refresh: blast saw one ROUTE-REFRESH for IPv4 and IPv6 unicast" \
    grep -q '^blast: session 0 route-refresh 1 (families 0x3): re-sending' "$W/r.blast"
check "refresh: blast re-sent all $EXP routes" \
    grep -q "^blast: session 0 re-sent $EXP routes" "$W/r.blast"
kill -TERM "$SINK_PID"
sink_wait
grep '^sink-path:' "$W/r.out" | sed 's/^sink-path:/sink:/' >"$W/r.path"
check "refresh: session kept, UPDATEs after the request, nothing matched 65099" \
    sh -c "[ '$(kv "$W/r.path" sessions_down)' = 0 ] && [ '$(kv "$W/r.path" updates)' -gt 0 ] &&
           [ '$(kv "$W/r.path" matched)' = 0 ] && [ '$(kv "$W/r.path" prefixes)' = $EXP ]"
kill_pid "$BLAST_PID"; BLAST_PID=
# usage: --expect-path-prefix needs --expect
$SINK --expect-path-prefix 65000 >/dev/null 2>&1
check "--expect-path-prefix without --expect is a usage error (2)" [ $? = 2 ]
[ $T_FAIL = 0 ]
