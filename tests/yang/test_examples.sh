#!/bin/sh
# TAP test: yanglint accepts every crossroute module and every example in
# yang/examples/; `crossroute config validate` accepts the same examples; every
# yang/examples/invalid/NAME.json is rejected by `crossroute config validate`
# with the data path (line 1 of NAME.expect) and message (line 2) expected,
# and, when line 3 says "yanglint", by yanglint with that message as well.
set -u
src=${XR_SRCDIR:?XR_SRCDIR not set}
bld=${XR_BUILDDIR:?XR_BUILDDIR not set}
ydir=$src/yang
xr=$bld/tools/crossroute
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
XR_YANG_DIR=$ydir
export XR_YANG_DIR

n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

modules=$(ls "$ydir"/crossroute-*.yang)
valid=$(ls "$ydir"/examples/*.json "$ydir"/examples/*.xml)
invalid=$(ls "$ydir"/examples/invalid/*.json)
count=0
for m in $modules; do count=$((count + 1)); done
for f in $valid; do count=$((count + 2)); done
for f in $invalid; do count=$((count + 2)); done
echo "1..$count"

for m in $modules; do
	if yanglint -p "$ydir" "$m" >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then
		ok "yanglint module $(basename "$m")"
	else
		notok "yanglint module $(basename "$m")"; sed 's/^/# /' "$tmp/out"
	fi
done
for f in $valid; do
	b=$(basename "$f")
	if yanglint -p "$ydir" -t config $modules "$f" >"$tmp/out" 2>&1; then
		ok "yanglint accepts $b"
	else
		notok "yanglint accepts $b"; sed 's/^/# /' "$tmp/out"
	fi
	if "$xr" config validate "$f" >"$tmp/out" 2>&1; then
		ok "crossroute config validate accepts $b"
	else
		notok "crossroute config validate accepts $b"; sed 's/^/# /' "$tmp/out"
	fi
done
for f in $invalid; do
	b=$(basename "$f" .json)
	e=${f%.json}.expect
	path=$(sed -n 1p "$e")
	msg=$(sed -n 2p "$e")
	yl=$(sed -n 3p "$e")
	if [ -z "$path" ] || [ -z "$msg" ]; then
		notok "$b has an .expect file"; notok "$b yanglint"; continue
	fi
	"$xr" config validate "$f" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" = 1 ] && grep -qF "crossroute config: $path: " "$tmp/out" &&
	    grep -F "$path" "$tmp/out" | grep -qF "$msg"; then
		ok "validate rejects $b at its path"
	else
		notok "validate rejects $b at its path (rc=$rc)"; sed 's/^/# /' "$tmp/out"
	fi
	yanglint -p "$ydir" -t config $modules "$f" >"$tmp/out" 2>&1
	rc=$?
	if [ "$yl" = yanglint ]; then
		if [ "$rc" != 0 ] && grep -qF "$msg" "$tmp/out"; then
			ok "yanglint rejects $b"
		else
			notok "yanglint rejects $b"; sed 's/^/# /' "$tmp/out"
		fi
	elif [ "$rc" = 0 ]; then
		ok "yanglint accepts $b (a check beyond YANG)"
	else
		notok "yanglint accepts $b (a check beyond YANG)"; sed 's/^/# /' "$tmp/out"
	fi
done
exit $fail
