#!/bin/sh
# Codec benchmark, one run (issue 3 targets): UPDATE decode throughput into
# interned attribute sets (paths/s/core; target >= 2,000,000) on real BGP4MP
# files, then `crossroute mrt dump` against `bgpdump -m` on the same files
# (target >= 3x faster). Builds bench_decode with -O2 into build-bench/.
# Usage: bench/codec.sh [SECONDS_PER_FILE]   (needs ./build from tools/setup)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
secs=${1:-3}
data=$top/../shared/data/mrt
[ -d "$data" ] || data=/work/shared/data/mrt
mkdir -p build-bench
cc -O2 -std=c11 -D_GNU_SOURCE -I. bench/bench_decode.c bgpd/wire_*.c \
    lib/attr.c lib/aspath.c lib/prefix.c lib/rd.c lib/wr.c lib/xmalloc.c \
    lib/log.c -lz -o build-bench/bench_decode

echo "== UPDATE decode + intern, paths/s on one core (target 2,000,000)"
for f in DevQps_bgp-rs/updates.20190101.0000.gz \
    jwbensley_dfz_name_and_shame/rrc23.updates.20220501.2305.gz \
    RIPE-NCC_bgpdump/updates.20160811.1600.gz; do
	printf '%s: ' "$f"
	build-bench/bench_decode "$data/$f" "$secs" | tail -1
done

echo "== crossroute mrt dump vs bgpdump -m (target >= 3x)"
sh bench/mrt_dump_bench.sh -n 3
