# Helpers shared by tests/tools/*.sh (sourced, not run): TAP output, the
# data directory, the blast/sink command, a sink started in the background
# on an ephemeral port, oracle extraction from bgpdump -m text.

T_N=0 T_FAIL=0
ok() { T_N=$((T_N + 1)); echo "ok $T_N - $*"; }
not_ok() { T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# The MRT corpus: $XR_SRCDIR/../shared/data/mrt, else /work/shared/data/mrt.
mrt_dir() {
	local d
	for d in "${XR_SRCDIR:-.}/../shared/data/mrt" /work/shared/data/mrt; do
		[ -d "$d" ] && { (cd "$d" && pwd); return 0; }
	done
	return 1
}

# How to run the tools: `crossroute mrt blast` and `crossroute sink`.
tool_cmd() {
	local b=${XR_BUILDDIR:-.}
	[ -x "$b/tools/crossroute" ] || return 1
	BLAST="$b/tools/crossroute mrt blast" SINK="$b/tools/crossroute sink"
}

# sink_start OUT ERR ARGS...: background sink on 127.0.0.1, ephemeral port;
# sets SINK_PID and SINK_PORT (waits for the "listening" line, bounded).
sink_start() {
	local out=$1 err=$2 i
	shift 2
	$SINK --listen 127.0.0.1 --port 0 "$@" >"$out" 2>"$err" &
	SINK_PID=$!
	SINK_PORT=
	for i in $(seq 1 100); do
		SINK_PORT=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$err")
		[ -n "$SINK_PORT" ] && return 0
		kill -0 "$SINK_PID" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# sink_wait: wait for the sink (it exits on --expect or --timeout); its status.
sink_wait() { wait "$SINK_PID"; local rc=$?; SINK_PID=; return $rc; }

# kill_pid PID: stop one process we started, if still running.
kill_pid() { [ -n "${1:-}" ] && kill "$1" 2>/dev/null; [ -n "${1:-}" ] && wait "$1" 2>/dev/null; return 0; }

# oracle_first ORACLE.gz: "prefix|AS path" of the first entry of each prefix.
oracle_first() { zcat "$1" | awk -F'|' '!seen[$6]++ { print $6 "|" $7 }'; }
# oracle_count ORACLE.gz: distinct prefixes (field 6).
oracle_count() { zcat "$1" | awk -F'|' '{ print $6 }' | sort -u | wc -l; }
# field of the "sink: key value ..." line
kv() { tr ' ' '\n' <"$1" | awk -v k="$2" 'p { print; exit } $0 == k { p = 1 }'; }
