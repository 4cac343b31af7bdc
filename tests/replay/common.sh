# Shared set-up of the replay tests (sourced by golden.sh and policy.sh):
# locations (src, bld, data, bin), the replay command, a temp dir removed on
# exit, whether the full routeviews cases run (full: 0 under ASan/UBSan
# unless XR_REPLAY_FULL says otherwise), and the TAP plan with the check
# that the corpus, the binary and python3 exist (a missing one FAILS).
# Usage: . common.sh; replay_setup PLAN
src=${XR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${XR_BUILDDIR:-.}
data=$src/../shared/data/mrt
[ -d "$data" ] || data=/work/shared/data/mrt
bin=$bld/tools/crossroute
replay() { "$bin" mrt replay "$@"; }

replay_setup() {
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT INT TERM
	full=${XR_REPLAY_FULL:-}
	if [ -z "$full" ]; then
		full=1
		grep -q '^SAN_CFLAGS = .*-fsanitize' "$bld/Makefile" \
		    2>/dev/null && full=0
	fi
	echo "1..$1"
	if [ ! -d "$data" ] || [ ! -x "$bin" ] ||
	    ! command -v python3 >/dev/null; then
		echo "not ok 1 - MRT corpus ($data), $bin or python3 not found"
		exit 1
	fi
}
