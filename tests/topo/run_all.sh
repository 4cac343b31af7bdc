#!/bin/sh
# tests/topo/run_all.sh: run every tests/topo/*.sh lab test and merge their TAP
# into one stream (numbers renumbered, descriptions prefixed with the script
# name, the plan printed last). A script that exits non-zero without a failing
# test line, or runs a different number of tests than it planned, adds a failing
# line. Exits 1 if anything failed. Needs root; see topologies/README.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT TERM HUP
n=0
failed=0
for t in "$here"/*.sh; do
	base=$(basename "$t" .sh)
	[ "$base" = run_all ] && continue
	start=$(date +%s)
	sh "$t" >"$out" 2>&1
	st=$?
	res=$(awk -v off="$n" -v base="$base" -v st="$st" '
		/^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; next }
		/^(not )?ok( |$)/ {
			neg = ($1 == "not"); rest = $0
			sub(/^(not )?ok *[0-9]* *-? */, "", rest)
			cnt++; if (neg) bad++
			printf "%sok %d - %s: %s\n", neg ? "not " : "", off + cnt, base, rest
			next
		}
		/^Bail out!/ { bail = 1 }
		/^#/ { print; next }
		{ print "# " $0 }
		END {
			ran = cnt
			if (plan != ran) {
				cnt++; bad++
				printf "not ok %d - %s: planned %d tests, ran %d\n", off + cnt, base, plan, ran
			}
			if (bail || (st != 0 && !bad)) {
				cnt++; bad++
				printf "not ok %d - %s: bailed out or exited with status %d\n", off + cnt, base, st
			}
			printf "@@ %d %d\n", cnt, bad
		}' "$out")
	printf '%s\n' "$res" | grep -v '^@@ '
	# shellcheck disable=SC2046 # two numbers
	set -- $(printf '%s\n' "$res" | sed -n 's/^@@ //p')
	n=$((n + $1))
	failed=$((failed + $2))
	echo "# $base: $1 test(s), $2 failed, $(( $(date +%s) - start )) s"
done
echo "1..$n"
[ "$failed" = 0 ]
