#!/bin/sh
# Time `crossroute mrt dump` against `bgpdump -m` on the same MRT files,
# output to /dev/null, best of N runs each, and print the speed ratio.
# Every file is measured as found (gzip/bzip2: decompression included) and
# as a decompressed copy in a temporary directory (pure parse + format).
# Usage: bench/mrt_dump_bench.sh [-n RUNS] [FILE...]
#   default files: the 3.9 MB RouteViews RIB and the BGP4MP_ET update file
#   of the shared corpus. CROSSROUTE=path overrides build/tools/crossroute.
set -eu
runs=3
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
top=$(cd "$(dirname "$0")/.." && pwd)
data=$top/../shared/data/mrt
[ -d "$data" ] || data=/work/shared/data/mrt
xr=${CROSSROUTE:-$top/build/tools/crossroute}
command -v bgpdump >/dev/null || { echo "bgpdump not installed" >&2; exit 1; }
[ -x "$xr" ] || { echo "no $xr (build first)" >&2; exit 1; }
if [ $# -eq 0 ]; then
	set -- "$data/CAIDA_libbgpstream/routeviews.route-views.jinx.ribs.1401487200.bz2" \
	    "$data/RIPE-NCC_bgpdump/updates.et-header.2015.gz"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Best wall time of $runs runs of "$@" > /dev/null, in seconds.
best() {
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1 || true
		e=$(date +%s.%N)
		t=$(echo "$e $s" | awk '{ printf "%.3f", $1 - $2 }')
		b=$(echo "$t ${b:-$t}" | awk '{ print ($1 < $2) ? $1 : $2 }')
		i=$((i + 1))
	done
	echo "$b"
}

row() {
	label=$1 f=$2
	tb=$(best bgpdump -m "$f")
	tx=$(best "$xr" mrt dump "$f")
	echo "$label $tb $tx" | awk '{ printf "%-58s %8.3f %8.3f %7.2fx\n",
	    $1, $2, $3, ($3 > 0) ? $2 / $3 : 0 }'
}

printf "%-58s %8s %8s %8s\n" "file (best of $runs)" "bgpdump" "xr" "speedup"
for f in "$@"; do
	name=$(basename "$f")
	row "$name" "$f"
	case $f in
	*.gz) gzip -dc "$f" > "$tmp/$name.raw" ;;
	*.bz2) bzip2 -dc "$f" > "$tmp/$name.raw" ;;
	*) continue ;;
	esac
	row "$name[decompressed]" "$tmp/$name.raw"
done
