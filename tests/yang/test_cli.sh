#!/bin/sh
# TAP test of `crossroute config` on a store in a temp dir: load, refusal of
# invalid input without any change, history, show, diff, rollback, the
# --db / $CROSSROUTE_DB selection and refusal of a foreign file.
set -u
src=${XR_SRCDIR:?XR_SRCDIR not set}
bld=${XR_BUILDDIR:?XR_BUILDDIR not set}
XR_YANG_DIR=$src/yang
export XR_YANG_DIR
ex=$src/yang/examples
xr=$bld/tools/crossroute
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/config.db
unset CROSSROUTE_DB

n=0
fail=0
check() {
	# check NAME COMMAND...: the command's status decides.
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		fail=1
		echo "not ok $n - $name"
		sed 's/^/# /' "$tmp/out" "$tmp/err" 2>/dev/null
	fi
}
run() {
	# run EXPECTED_STATUS ARGS...: crossroute config with output captured.
	want=$1
	shift
	"$xr" config "$@" >"$tmp/out" 2>"$tmp/err"
	[ "$?" = "$want" ]
}
has() { grep -qF -- "$1" "$tmp/out" "$tmp/err"; }
lines() { [ "$(wc -l <"$tmp/out")" = "$1" ]; }

echo "1..24"
check "show without a store fails" run 1 --db "$db" show
check "  and says so" has "no configuration store"
check "validate a valid file" run 0 validate "$ex/interconnect.json"
check "load plain-bgp" run 0 --db "$db" load "$ex/plain-bgp.json" --comment first
check "  commit 1" has "committed 1"
check "invalid input is refused" run 1 --db "$db" load "$ex/invalid/vlan-duplicate.json"
check "  naming the path" has "/crossroute-interconnect:interconnects/interconnect[name='ic1']/links/link[id='3']/vlan: VLAN 1025 is already used by link 1"
check "  and nothing was committed" run 0 --db "$db" history
check "  (one commit)" lines 1
check "load interconnect as alice" run 0 --db "$db" load "$ex/interconnect.json" --author alice --comment second
check "history via CROSSROUTE_DB" sh -c "CROSSROUTE_DB='$db' '$xr' config history >'$tmp/out' 2>'$tmp/err'"
check "  newest first, running marked" sh -c "head -1 '$tmp/out' | grep -q '^ *2 .* alice .*second  (running)$'"
check "show --json is the stored JSON" run 0 --db "$db" show --json
check "  with the interconnect" has '"crossroute-interconnect:interconnects"'
check "diff 1 2" run 0 --db "$db" diff 1 2
check "  lists removed neighbours and added intent" sh -c "grep -q '^removed  neighbor 198.51.100.2\$' '$tmp/out' && grep -q '^added    interconnect ic1\$' '$tmp/out'"
check "rollback 1" run 0 --db "$db" rollback 1
check "  running equals commit 1 again" sh -c "'$xr' config --db '$db' show --json >'$tmp/a' && '$xr' config --db '$db' show --json 1 >'$tmp/b' && cmp -s '$tmp/a' '$tmp/b' && '$xr' config --db '$db' diff running '$ex/plain-bgp.json' | grep -qx 'no changes'"
check "rollback to a missing commit fails" run 1 --db "$db" rollback 99
check "loading the running config again commits nothing" run 0 --db "$db" load "$ex/plain-bgp.xml"
check "  (still three commits)" sh -c "'$xr' config --db '$db' history | wc -l | grep -qx 3"
head -c 4096 /dev/urandom >"$tmp/foreign.db"
cp "$tmp/foreign.db" "$tmp/foreign.orig"
check "a foreign file is refused" run 1 --db "$tmp/foreign.db" load "$ex/plain-bgp.json"
check "  and left untouched" cmp -s "$tmp/foreign.db" "$tmp/foreign.orig"
check "usage error" run 2 --db "$db" frobnicate
exit $fail
