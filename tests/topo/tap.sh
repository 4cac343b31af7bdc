# tests/topo/tap.sh: TAP output and bounded polling for the lab tests (sourced, POSIX sh).
# tap_plan N; tap_ok NAME CMD... (ok if CMD exits 0, its output becomes # diagnostics
# on failure); tap_is NAME GOT WANT; poll_until SECS CMD... (re-runs CMD until it
# succeeds or SECS pass; returns 1 on timeout). tap_done exits 1 if anything failed.

tap_n=0
tap_failed=0

tap_plan() {
	echo "1..$1"
}

tap_diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

tap_result() {
	# tap_result STATUS NAME
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_ok() {
	_name=$1
	shift
	_out=$("$@" 2>&1)
	_st=$?
	tap_result "$_st" "$_name"
	[ "$_st" = 0 ] || tap_diag "command: $*" "exit status $_st" "$_out"
	return "$_st"
}

tap_is() {
	if [ "$2" = "$3" ]; then
		tap_result 0 "$1"
	else
		tap_result 1 "$1"
		tap_diag "got:  $2" "want: $3"
	fi
}

tap_done() {
	[ "$tap_failed" = 0 ] || tap_diag "$tap_failed of $tap_n failed"
	[ "$tap_failed" = 0 ]
}

now_ms() {
	# Monotonic enough for deadlines: seconds since the epoch in milliseconds.
	echo $(( $(date +%s%N) / 1000000 ))
}

poll_until() {
	# poll_until SECS CMD...: run CMD every 0.2 s until it succeeds or SECS pass.
	_deadline=$(( $(now_ms) + $1 * 1000 ))
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$(now_ms)" -ge "$_deadline" ] && return 1
		sleep 0.2
	done
}

pid_gone() {
	# pid_gone PID: the process no longer exists or is a zombie (exited, not yet reaped).
	[ -r "/proc/$1/stat" ] || return 0
	_st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -z "$_st" ] || [ "$_st" = Z ] || [ "$_st" = X ]
}
