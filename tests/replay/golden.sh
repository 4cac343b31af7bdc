#!/bin/sh
# Golden test of `crossroute mrt replay` (TAP): the Loc-RIB our replay prints
# with --json is compared prefix by prefix with an INDEPENDENT computation,
# tests/replay/bestpath.py, which rebuilds every prefix's candidates from the
# bgpdump 1.6.2 `-m` oracle beside each MRT file of the shared corpus and
# applies RFC 4271 9.1.2.2 itself (router ids from the file's own
# PEER_INDEX_TABLE, parsed in python). Winner, its AS path, local-pref, MED,
# origin, communities, the deciding step, the multipath set size and the
# number of candidates must all agree; the agreement count is printed.
# Nothing is compared with our own earlier output.
#
# The full routeviews table (503,590 entries) runs only in the normal build:
# under ASan/UBSan it takes minutes. The build is taken as a sanitizer build
# when its Makefile has SAN_CFLAGS set; XR_REPLAY_FULL=1 forces the full
# cases, XR_REPLAY_FULL=0 skips them. The small files run in both builds.
# Also: a negative control (a replay with --max-paths 1 must disagree with
# the oracle's multipath size), damaged and missing inputs (clear errors
# naming file and offset, exit status 1, no crash), and usage errors.
set -u

. "${XR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/replay/common.sh"
oracle="python3 $src/tests/replay/bestpath.py"
replay_setup 17

n=0
fail=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
notok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n - $1"
	[ -s "$tmp/err" ] && sed 's/^/# /' "$tmp/err" | head -20
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

# golden NAME ARGS -- FILES: replay the files, then the oracle (ARGS go to
# both: --profile).
golden() {
	name=$1
	shift
	args=
	while [ "$1" != "--" ]; do
		args="$args $1"
		shift
	done
	shift
	files=
	for f in "$@"; do
		files="$files $data/$f"
	done
	t0=$(date +%s)
	# shellcheck disable=SC2086
	if ! replay --json $args $files >"$tmp/ours.json" 2>"$tmp/err"; then
		notok "$name: replay failed"
		return
	fi
	# shellcheck disable=SC2086
	if $oracle $args --ours "$tmp/ours.json" $files >"$tmp/out" \
	    2>>"$tmp/err"
	then
		ok "$name ($(($(date +%s) - t0)) s)"
	else
		notok "$name"
	fi
	sed 's/^/# /; s/^# # /# /' "$tmp/out"
}

golden "quagga_rib: best paths equal the RFC 4271 oracle" -- \
    t2mune_mrtparse/quagga_rib
golden "openbgpd_rib_table-v2: best paths equal the RFC 4271 oracle" -- \
    t2mune_mrtparse/openbgpd_rib_table-v2
golden "185.186.nlix.mrt: best paths equal the RFC 4271 oracle" -- \
    manrs-tools_manrs-ixp-validation-tool/185.186.nlix.mrt

# Legacy TABLE_DUMP (no BGP identifiers: the IPv4 session address stands
# in, the replay's documented rule, mirrored by the oracle), 94 peers.
golden "TABLE_DUMP namex IPv4 route server RIB, 94 peers" -- \
    manrs-tools_manrs-ixp-validation-tool/namex-bgpd-rib-inet.mrt
golden "TABLE_DUMP namex IPv6 route server RIB" -- \
    manrs-tools_manrs-ixp-validation-tool/namex-bgpd-rib-inet6.mrt

# BGP4MP update streams applied in order (announcements, withdrawals,
# session drops), IPv4 and IPv6, several peers.
golden "BGP4MP stream: RIS rrc00 2016, 40 peers, MED and state changes" -- \
    RIPE-NCC_bgpdump/updates.20160811.1600.gz
# The cloud profiles' step lists (SPEC 2.2 dx, 2.5 cloud-router).
golden "--profile dx: local-pref class, AS path, router id; ECMP" \
    --profile dx -- RIPE-NCC_bgpdump/updates.20160811.1600.gz
golden "--profile cloud-router: MED as priority across ASes; ECMP" \
    --profile cloud-router -- RIPE-NCC_bgpdump/updates.20160811.1600.gz
golden "BGP4MP streams: RIS rrc06 two files in order" -- \
    CAIDA_libbgpstream/ris.rrc06.updates.1401488100.gz \
    CAIDA_libbgpstream/ris.rrc06.updates.1427846400.gz

rv=CAIDA_libbgpstream/routeviews.route-views.jinx
if [ "$full" = 1 ]; then
	golden "routeviews jinx full table: best paths equal the oracle" -- \
	    "$rv.ribs.1401487200.bz2"
	golden "TABLE_DUMP RIS rrc05 2002 full table, 36 peers" -- \
	    RIPE-NCC_bgpdump/bview.20020722.2337.gz
else
	skip "full routeviews table: sanitizer build or XR_REPLAY_FULL=0"
	skip "full 2002 TABLE_DUMP table: sanitizer build or XR_REPLAY_FULL=0"
fi

# Negative control: the comparison must see a wrong multipath size.
replay --json --max-paths 1 "$data/t2mune_mrtparse/quagga_rib" \
    >"$tmp/ours.json" 2>"$tmp/err"
if $oracle --ours "$tmp/ours.json" "$data/t2mune_mrtparse/quagga_rib" \
    >"$tmp/out" 2>&1; then
	notok "negative control: --max-paths 1 must disagree with the oracle"
else
	grep -q 'multipath: ours 1 oracle 2' "$tmp/out" &&
	    ok "negative control: a wrong multipath size is detected" ||
	    notok "negative control: unexpected oracle output"
fi

# expect_err NAME STATUS PATTERN ARGS...: status and a stderr line.
expect_err() {
	name=$1
	want=$2
	pat=$3
	shift 3
	replay "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" = "$want" ] && grep -q -- "$pat" "$tmp/err"; then
		ok "$name"
	else
		echo "# status $st, wanted $want; stderr:" >"$tmp/err.2"
		cat "$tmp/err" >>"$tmp/err.2"
		mv "$tmp/err.2" "$tmp/err"
		notok "$name"
	fi
}

cut=tenzir_vast/bview.20161024.0800
expect_err "truncated file: error names file and offset, routes kept" 1 \
    "$cut: error: offset [0-9]*: TABLE_DUMP_V2(13)" "$data/$cut"
if grep -q ' via ' "$tmp/out"; then
	ok "truncated file: the records before the damage are in the Loc-RIB"
else
	notok "truncated file: no routes printed"
fi
nopi=hadiasghari_pyasn/bview.20140112.1600_3samples.bz2
expect_err "RIB records without a PEER_INDEX_TABLE are errors" 1 \
    "offset [0-9]*: .*RIB record before any PEER_INDEX_TABLE" "$data/$nopi"
head -c 4096 /dev/urandom >"$tmp/garbage.mrt"
printf '\0\0\0\0\0\15\0\1\377\377\377\377' >>"$tmp/garbage.mrt"
expect_err "garbage and missing files: errors, no crash" 1 \
    "nonexistent.mrt: " "$tmp/garbage.mrt" "$tmp/nonexistent.mrt"
expect_err "usage errors exit 2" 2 "usage: crossroute mrt replay" \
    --profile nonsense "$data/t2mune_mrtparse/quagga_rib"
exit $fail
