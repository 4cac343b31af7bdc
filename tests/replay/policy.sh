#!/bin/sh
# Policy replay test of `crossroute mrt replay` (TAP): real dumps through
# import policies compiled from configuration files, compared prefix by
# prefix with tests/replay/policy_oracle.py, which applies the same rules
# again in python to the bgpdump 1.6.2 `-m` oracle lines and then chooses the
# best path with bestpath.py (RFC 4271 9.1.2.2). Not compared with our own
# output. Rules cover a prefix filter (ge/le ranges, IPv4 and IPv6), AS path
# length, local-pref by community, AS path prepend for one neighbour set,
# community add, the neighbour's own import chain, the RFC 8212 default
# reject, the own-AS loop check, and aggregation (policy/aggregate.c,
# RFC 4271 9.2.2.2): summaries with and without AS_SET, summary-only
# suppression, a summary without contributors, an originated one; the
# python side builds the summaries from its own best paths.
# The full routeviews table runs in the normal build only (see golden.sh:
# XR_REPLAY_FULL).
set -u

. "${XR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/replay/common.sh"
pol=$src/tests/data/replay
oracle="python3 $src/tests/replay/policy_oracle.py"
XR_YANG_DIR=$src/yang
export XR_YANG_DIR
replay_setup 6

n=0
fail=0
result() {
	# result STATUS NAME: TAP line from a command status.
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		fail=1
		echo "not ok $n - $2"
		sed 's/^/# /' "$tmp/err" | head -20
	fi
	[ -s "$tmp/out" ] && sed 's/^/# /; s/^# # /# /' "$tmp/out"
	: >"$tmp/out"
}

nlix=$data/manrs-tools_manrs-ixp-validation-tool/185.186.nlix.mrt
replay --json --policy "$pol/policy-nlix.json" "$nlix" >"$tmp/ours.json" \
    2>"$tmp/err" &&
    $oracle --rules nlix --ours "$tmp/ours.json" "$nlix" >"$tmp/out" \
    2>>"$tmp/err"
result $? "185.186.nlix.mrt through the neighbour's import chain"

# Negative control: without the policy the oracle must disagree.
replay --json "$nlix" >"$tmp/ours.json" 2>"$tmp/err"
if $oracle --rules nlix --ours "$tmp/ours.json" "$nlix" >"$tmp/out" 2>&1
then
	result 1 "negative control: a replay without the policy must differ"
else
	grep -q 'we have a route, oracle has none' \
	    "$tmp/out"
	result $? "negative control: a replay without the policy differs"
fi

rv=$data/CAIDA_libbgpstream/routeviews.route-views.jinx.ribs.1401487200.bz2
if [ "$full" = 1 ]; then
	t0=$(date +%s)
	replay --json --policy "$pol/policy-rv.json" --import sanity-in \
	    --import prefs-in "$rv" >"$tmp/ours.json" 2>"$tmp/err" &&
	    $oracle --rules rv --ours "$tmp/ours.json" "$rv" >"$tmp/out" \
	    2>>"$tmp/err"
	result $? "routeviews table: --import chain and summaries ($(($(date +%s) - t0)) s)"
else
	n=$((n + 1))
	echo "ok $n # SKIP full routeviews table: sanitizer build or XR_REPLAY_FULL=0"
fi

replay --policy "$pol/policy-rv.json" --import nonexistent "$nlix" \
    >/dev/null 2>"$tmp/err"
st=$?
[ "$st" = 1 ] && grep -q 'policy-rv.json: import policy "nonexistent"' \
    "$tmp/err"
result $? "an undefined --import policy is an error naming it"
printf '{"crossroute-bgp:bgp": {"global": {"as": "x"}}}\n' >"$tmp/bad.json"
replay --policy "$tmp/bad.json" "$nlix" >/dev/null 2>"$tmp/err"
st=$?
[ "$st" = 1 ] && grep -q 'bad.json' "$tmp/err"
result $? "an invalid configuration is refused with its file name"
replay --import sanity-in "$nlix" >/dev/null 2>"$tmp/err"
[ $? = 2 ]
result $? "--import without --policy is a usage error"
exit $fail
