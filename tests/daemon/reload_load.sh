#!/bin/sh
# Policy change under load (issue 6), on loopback, no root: N routes (500,000,
# see below; XR_RELOAD_LOAD_N) from one python speaker in crossrouted, exported
# to a second one with hold time 9 s; the new file moves one prefix-set
# (11.0.0.0/8 -> 12.0.0.0/8, export prepend; each holds 1/8 of the routes)
# and crossrouted gets SIGHUP.
# reload_load.py checks the sessions stay up with no gap of hold/3 at the
# receiver and that exactly the changed prefixes are re-advertised. TAP;
# bounded by timeout 60; everything started here is stopped by pid.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
# Sanitizer builds run the daemon ~5x slower: 100,000 routes there keep the
# 60 s bound (the same per-path work; XR_RELOAD_LOAD_N overrides both).
N=500000
grep -q -a __asan_init "$XR_BUILDDIR/bgpd/crossrouted" 2>/dev/null && N=100000
N=${XR_RELOAD_LOAD_N:-$N}
xr_loopback reload-load 13
# conf PFX: prefix-set pfx = PFX ge 24 le 24; export to 127.0.0.2 prepends
# 64512 twice for pfx, accepts the rest; hold 9 s / keepalive 3 s there.
conf() {
	cat <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": { "prefix-sets": { "prefix-set": [ { "name": "pfx",
      "mode": "ipv4", "prefixes": { "prefix": [ { "ip-prefix": "$1",
        "mask-length-lower": 24, "mask-length-upper": 24 } ] } } ] } },
    "policy-definitions": { "policy-definition": [ { "name": "out",
      "statements": { "statement": [ { "name": "longer",
        "conditions": { "match-prefix-set": { "prefix-set": "pfx" } },
        "actions": { "policy-result": "accept-route",
          "bgp-actions": { "set-as-path-prepend": { "repeat-n": 2 } } } } ] } } ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      { "neighbor-address": "127.0.0.1", "peer-as": 65001, "passive-mode": true,
        "apply-policy": { "default-import-policy": "accept-route" } },
      { "neighbor-address": "127.0.0.2", "peer-as": 65002, "passive-mode": true,
        "timers": { "hold-time": 9, "keepalive-interval": 3 },
        "apply-policy": { "export-policy": ["out"],
                          "default-export-policy": "accept-route" } } ] }
  }
}
JSON
}
conf 11.0.0.0/8 > "$T/xr.json"
conf 12.0.0.0/8 > "$T/b.json"
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XR_BUILDDIR/bgpd/crossrouted" -f \
	-c "$T/xr.json" -s "$T/ctl.sock" -l "$PORT" 2>"$T/log" &
PID=$!
timeout 60 python3 "$XR_SRCDIR/tests/daemon/reload_load.py" "$PORT" \
	"$T/ctl.sock" "$XR_BUILDDIR/tools/crossroute" "$PID" "$T" "$N" &
PY=$!
wait "$PY"
rc=$?
PY=
[ $rc -eq 124 ] && echo "# reload_load.py killed after 60 s"
grep -i "reload\|notif\|error" "$T/log" | sed 's/^/# /'
kill "$PID" 2>/dev/null
wait "$PID"
st=$?
PID=
if [ "$st" -eq 0 ]; then
	echo "ok 8 - crossrouted exited 0 on SIGTERM after the reload"
else
	echo "not ok 8 - crossrouted exit status $st"
	rc=1
fi
exit $rc
