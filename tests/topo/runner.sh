#!/bin/sh
# tests/topo/runner.sh: topologies/run itself, with linux-only labs (TAP, root).
# Proves: defaults < kinds < groups < node merge, bind-target substitution in
# exec/cmd, CLAB_INTFS, veth renaming and link MTU, no eth0, forwarding on,
# reachability over the link; `exec` runs in the node netns; `down` stops the
# cmd's process group and unrecorded processes left in its own netns; `up` over a
# recorded stale run cleans it first; a netns of the same name that is not
# recorded is refused and left alone; a failing `up` leaves nothing behind;
# `check` rejects broken labs (and FRR config lines no daemon accepts) and
# validates the gateway sketch while `up` refuses it (crossrouted not built);
# `down` cleans up after a runner killed by SIGKILL in the middle of `up`, and
# a runner that gets SIGTERM there cleans up itself.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=${XR_SRCDIR:-$(cd "$here/../.." && pwd)}
# shellcheck source=tests/topo/tap.subr
. "$here/tap.subr"
RUN="$top/topologies/run"
name="rt$$"

tap_plan 33
if [ "$(id -u)" != 0 ]; then
	tap_result 1 "runs as root (network namespaces)"
	exit 1
fi
tmp=$(mktemp -d /tmp/xr-topo-test.XXXXXX) || exit 1
chmod 755 "$tmp"
state="$tmp/state"
run() {
	timeout 60 "$RUN" --state "$state" --name "$name" "$@"
}
cleanup() {
	[ -f "$state/state.json" ] && { run down "$lab" >/dev/null 2>&1 || echo "# cleanup: down failed"; }
	[ -f "$tmp/st/state.json" ] && timeout 60 "$RUN" --state "$tmp/st" --name "${name}t" down "$hang" >/dev/null 2>&1
	[ -f "$tmp/sh/state.json" ] && { timeout 60 "$RUN" --state "$tmp/sh" --name "${name}h" down \
	    "$hang" >/dev/null 2>&1 || echo "# cleanup: down failed"; }
	ip netns del "${name}f-n1" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- the linux pair lab
mkdir -p "$tmp/lab/files"
lab="$tmp/lab/pair.clab.yml"
cat >"$tmp/lab/files/daemon.sh" <<'SH'
# A stand-in daemon: report what it sees, leave a child, then wait forever.
echo "level=$XR_LEVEL d=$XR_D k=$XR_K g=$XR_G intfs=$CLAB_INTFS node=$CLAB_NODE_NAME" >env.tmp
tail -f /dev/null >/dev/null 2>&1 &
echo $! >child.pid
mv env.tmp env.txt
exec tail -f /dev/null
SH
echo "from-the-bind" >"$tmp/lab/files/token"
cat >"$lab" <<'YML'
name: pair
topology:
  defaults: {kind: linux, env: {XR_LEVEL: defaults, XR_D: d}}
  kinds: {linux: {env: {XR_LEVEL: kinds, XR_K: k}}}
  groups: {g: {env: {XR_LEVEL: groups, XR_G: g}}}
  nodes:
    n1:
      group: g
      env: {XR_LEVEL: node}
      binds: [files:/opt/xr, files/token:/opt/xr/token.conf]
      exec: ["ip addr add 10.9.0.1/30 dev eth1", "cp /opt/xr/token.conf token.copy"]
      cmd: sh /opt/xr/daemon.sh
    n2:
      binds: [files/daemon.sh:/usr/local/sbin/xrd]
      exec: ["ip addr add 10.9.0.2/30 dev eth2"]
      cmd: sh /usr/local/sbin/xrd
  links:
    - endpoints: ["n1:eth1", "n2:eth2"]
      mtu: 1400
YML

env_seen() {
	grep -q "level=node d=d k=k g=g intfs=1 node=n1" "$state/n1/env.txt"
}
n2_link() {
	run exec "$lab" n2 ip -o link show eth2 | grep -q 'mtu 1400.*state UP' &&
	    ! run exec "$lab" n2 ip link show eth0 >/dev/null 2>&1
}
reach() {
	# A TCP RST from 10.9.0.2 (nothing listens on port 9) proves the path works.
	run exec "$lab" n1 /usr/bin/python3 -c '
import socket, sys
s = socket.socket()
s.settimeout(3)
try:
    s.connect(("10.9.0.2", 9))
except ConnectionRefusedError:
    sys.exit(0)
sys.exit(1)'
}
fwd_lo() {
	[ "$(run exec "$lab" n1 cat /proc/sys/net/ipv4/ip_forward)" = 1 ] &&
	    run exec "$lab" n1 ip -o link show lo | grep -q 'UP'
}
in_netns() {
	# The exec'd process's network namespace is the one bound at /run/netns/<lab>-n1.
	_in=$(run exec "$lab" n1 stat -L -c %i /proc/self/ns/net)
	[ -n "$_in" ] && [ "$_in" = "$(stat -L -c %i "/run/netns/$name-n1")" ] &&
	    [ "$_in" != "$(stat -L -c %i /proc/self/ns/net)" ]
}
cmd_pids() {
	/usr/bin/python3 -c 'import json, sys
print(" ".join(str(p["pid"]) for p in json.load(sys.stdin)["procs"] if p["what"] == "cmd"))' \
	    <"$state/state.json"
}
all_gone() {
	# shellcheck disable=SC2086 # a list of pids
	for p in $1; do
		pid_gone "$p" || { echo "pid $p still running"; return 1; }
	done
}
no_netns() {
	# no_netns PREFIX: no netns named PREFIX-*
	! ip netns list | grep -q "^$1-"
}

tap_ok "check: the linux pair lab is valid" run check "$lab"
tap_ok "up: the linux pair lab" run up "$lab"
poll_until 10 test -f "$state/n1/env.txt"
tap_ok "cmd env: node > groups > kinds > defaults, CLAB_INTFS=1" env_seen
tap_ok "exec ran with the bind target replaced by its source" \
    grep -qx from-the-bind "$state/n1/token.copy"
tap_ok "link: n2 got eth2 (renamed), MTU 1400, up; no eth0" n2_link
tap_ok "n1 reaches n2 over the veth (TCP RST from 10.9.0.2)" reach
tap_ok "forwarding on and lo up in n1" fwd_lo
tap_ok "status: ok" run status "$lab"
tap_ok "exec runs in the node netns (eth1 there, not on the host)" in_netns
old=$(cmd_pids)
poll_until 10 test -f "$state/n2/child.pid"
child="$(cat "$state/n1/child.pid") $(cat "$state/n2/child.pid")"
stray=$(run exec "$lab" n1 sh -c 'tail -f /dev/null >/dev/null 2>&1 & echo $!')
tap_ok "an unrecorded process runs in n1's netns" test -d "/proc/$stray"
tap_ok "up again over the recorded run: cleans it and starts fresh" run up "$lab"
tap_ok "the old cmds, their children and the stray process are gone" all_gone "$old $child $stray"
new=$(cmd_pids)
tap_ok "two new cmd processes run" sh -c "test $(echo "$new" | wc -w) = 2 && test -d /proc/${new%% *}"
tap_ok "down" run down "$lab"
tap_ok "down: cmd processes gone" all_gone "$new"
tap_ok "down: netns and state dir gone" sh -c "! ip netns list | grep -q '^$name-' && test ! -e '$state'"

# ---- a netns with our name that we did not record is never touched
ip netns add "${name}f-n1"
refused_foreign() {
	_out=$(timeout 60 "$RUN" --state "$tmp/sf" --name "${name}f" up "$lab" 2>&1)
	_st=$?
	if [ "$_st" != 1 ] || ! printf '%s' "$_out" | grep -q "netns ${name}f-n1 exists and is not recorded"; then
		echo "exit $_st: $_out"
		return 1
	fi
}
tap_ok "up refuses when ${name}f-n1 exists unrecorded" refused_foreign
tap_ok "the foreign netns survives and nothing of ours is left" sh -c \
    "test -e /run/netns/${name}f-n1 && ! test -e /run/netns/${name}f-n2 && test ! -e '$tmp/sf/state.json'"
ip netns del "${name}f-n1"

# ---- a failing up cleans up after itself
bad="$tmp/lab/bad.clab.yml"
sed 's/dev eth2"/dev eth7"/' "$lab" >"$bad"
run --state "$tmp/sb" up "$bad" >/dev/null 2>&1
tap_is "up with a failing exec exits 1" $? 1
tap_ok "... and leaves no netns, no state, no process" sh -c \
    "! ip netns list | grep -q '^$name-' && test ! -e '$tmp/sb'"

# ---- a runner killed (SIGKILL) in the middle of up: down still cleans up
hang="$tmp/lab/hang.clab.yml"
cat >"$hang" <<'YML'
name: hang
topology:
  nodes:
    h1: {kind: linux, exec: ["touch started", "tail -f /dev/null"]}
    h2: {kind: linux}
  links:
    - endpoints: ["h1:eth1", "h2:eth1"]
YML
"$RUN" --state "$tmp/sh" --name "${name}h" up "$hang" >/dev/null 2>&1 &
runner=$!
ns_busy() {
	[ -n "$(ip netns pids "$1" 2>/dev/null)" ]
}
poll_until 30 test -f "$tmp/sh/h1/started"     # the first exec line is done,
poll_until 30 ns_busy "${name}h-h1"             # the second one blocks
tap_ok "up reached its blocking exec line" test -f "$tmp/sh/h1/started"
kill -KILL "$runner"
wait "$runner" 2>/dev/null
blocked=$(ip netns pids "${name}h-h1" 2>/dev/null)
tap_ok "after SIGKILL of the runner the netns and the exec process remain" \
    test -e "/run/netns/${name}h-h2" -a -n "$blocked"
tap_ok "down after the killed up" timeout 60 "$RUN" --state "$tmp/sh" --name "${name}h" down "$hang"
hang_gone() {
	! ip netns list | grep -q "^${name}h-" && test ! -e "$tmp/sh" && all_gone "$blocked"
}
tap_ok "... leaves no netns, no state, no process" hang_gone

# ---- SIGTERM to the runner in the middle of up: it cleans up and exits 1
"$RUN" --state "$tmp/st" --name "${name}t" up "$hang" >/dev/null 2>&1 &
runner=$!
poll_until 30 test -f "$tmp/st/h1/started"
poll_until 30 ns_busy "${name}t-h1"
blocked=$(ip netns pids "${name}t-h1" 2>/dev/null)
kill -TERM "$runner"
wait "$runner"
tap_is "up interrupted by SIGTERM exits 1" "$?" 1
term_clean() {
	! ip netns list | grep -q "^${name}t-" && test ! -e "$tmp/st" && test -n "$blocked" &&
	    all_gone "$blocked"
}
tap_ok "... after removing its netns, state and the blocked exec process" term_clean

# ---- check rejects broken labs
rejects() {
	# rejects PATTERN...: check on $tmp/lab/x.clab.yml exits 2 and prints each PATTERN
	_out=$(timeout 60 "$RUN" check "$tmp/lab/x.clab.yml" 2>&1)
	_st=$?
	[ "$_st" = 2 ] || { echo "exit $_st: $_out"; return 1; }
	for _p in "$@"; do
		printf '%s' "$_out" | grep -q "$_p" || { echo "no '$_p' in: $_out"; return 1; }
	done
}
sed 's/"n1:eth1", "n2:eth2"/"n1:eth0", "n3:eth2"/' "$lab" >"$tmp/lab/x.clab.yml"
tap_ok "check rejects eth0 and an unknown node in a link" \
    rejects "unknown node 'n3'" "interface 'eth0' on n1"
sed 's|files/token:|files/missing:|' "$lab" >"$tmp/lab/x.clab.yml"
tap_ok "check rejects a missing bind source" rejects "bind source .*files/missing does not exist"
printf 'name: x\ntopology:\n  nodes: [a, b]\n' >"$tmp/lab/x.clab.yml"
tap_ok "check rejects a malformed file (nodes is a list)" rejects "topology.nodes has the wrong shape"
mkdir -p "$tmp/lab/r"
printf 'frr defaults traditional\nrouter bgp 65001\n neighbor 10.0.0.2 remote-as 65002\n neighbor 10.0.0.2 frobnicate\n' \
    >"$tmp/lab/r/frr.conf"
printf 'name: x\ntopology:\n  nodes:\n    r: {kind: frr, startup-config: r/frr.conf}\n' >"$tmp/lab/x.clab.yml"
tap_ok "check rejects an FRR node without daemons" rejects "no daemons"
printf 'name: x\ntopology:\n  nodes:\n    r: {kind: frr, startup-config: r/frr.conf, extras: {frr: {daemons: [bgpd]}}}\n' \
    >"$tmp/lab/x.clab.yml"
tap_ok "check rejects an FRR config line no daemon accepts (line 4)" rejects "line 4 not accepted"

# ---- the gateway sketch: valid, but up refuses without crossrouted
gw="$top/topologies/gateway/gateway.clab.yml"
tap_ok "check: gateway lab valid, 6 nodes, 5 links" sh -c \
    "timeout 60 '$RUN' check '$gw' 2>/dev/null | grep -q '6 node(s), 5 link(s): ok'"
if command -v crossrouted >/dev/null 2>&1; then
	tap_result 0 "# SKIP crossrouted is on PATH: the refusal cannot be tested"
else
	timeout 60 "$RUN" --state "$tmp/sg" --name "${name}g" up "$gw" >/dev/null 2>&1
	st=$?
	tap_ok "up refuses the gateway lab while crossrouted is not built (exit 2, nothing created)" \
	    sh -c "test $st = 2 && ! ip netns list | grep -q '^${name}g-'"
fi
tap_done
