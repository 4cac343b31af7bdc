#!/bin/sh
# Configuration reload on SIGHUP and control socket "reload" (issue 6), on loopback, no root: three
# python speakers (reload_client.py) on 127.0.0.1-3; the new file moves a
# prefix from one prefix-set to another (export prepend) and removes a
# neighbour. Checks the sink sees exactly the changed routes with their new
# AS paths, no session of a kept neighbour resets, the removed one gets
# Cease/3, an invalid file is refused with its path logged, and a hold
# time change resets only that neighbour with Cease/6; the re-import covers
# only the peer whose import chain changed, under the changed entries. TAP.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
xr_loopback reload 7
# conf PFX SET NEIGHBOR3 [SRC_EXTRA [LP]] -> prefix-set pfx = PFX, "out"
# (export to the sink) prepends for prefix-set SET, NEIGHBOR3 appended to
# the neighbours, SRC_EXTRA to the source's settings, import "in" of the
# source sets local-pref 200 for prefix-set lp = LP (10.3.0.0/16).
conf() {
	cat <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": {
      "prefix-sets": { "prefix-set": [ { "name": "pfx", "mode": "ipv4",
        "prefixes": { "prefix": [ { "ip-prefix": "$1",
          "mask-length-lower": 16, "mask-length-upper": 16 } ] } },
        { "name": "lp", "mode": "ipv4",
        "prefixes": { "prefix": [ { "ip-prefix": "${5:-10.3.0.0/16}",
          "mask-length-lower": 16, "mask-length-upper": 16 } ] } } ] }
    },
    "policy-definitions": { "policy-definition": [ { "name": "in",
      "statements": { "statement": [ { "name": "lp",
        "conditions": { "match-prefix-set": { "prefix-set": "lp" } },
        "actions": { "policy-result": "accept-route",
          "bgp-actions": { "set-local-pref": 200 } } } ] } },
      { "name": "out",
      "statements": { "statement": [ { "name": "longer",
        "conditions": { "match-prefix-set": { "prefix-set": "$2" } },
        "actions": { "policy-result": "accept-route",
          "bgp-actions": { "set-as-path-prepend": { "repeat-n": 2 } } } } ] } } ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      { "neighbor-address": "127.0.0.1", "peer-as": 65001, "passive-mode": true,${4:-}
        "apply-policy": { "import-policy": ["in"],
                          "default-import-policy": "accept-route" } },
      { "neighbor-address": "127.0.0.2", "peer-as": 65002, "passive-mode": true,
        "apply-policy": { "export-policy": ["out"],
                          "default-export-policy": "accept-route" } }$3
    ] }
  }
}
JSON
}
THIRD=',
      { "neighbor-address": "127.0.0.3", "peer-as": 65003, "passive-mode": true }'
conf 10.1.0.0/16 pfx "$THIRD" > "$T/xr.json"
conf 10.2.0.0/16 pfx "" "" 10.1.0.0/16 > "$T/b.json"
conf 10.9.0.0/16 no-such-set "" > "$T/bad.json"
conf 10.2.0.0/16 pfx "" '
        "timers": { "hold-time": 30, "keepalive-interval": 10 },' 10.1.0.0/16 \
	> "$T/c.json"
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" 2>"$T/log" &
PID=$!
python3 "$XR_SRCDIR/tests/daemon/reload_client.py" "$PORT" "$T/ctl.sock" "$SHOW" \
	"$PID" "$T"
rc=$?
wait "$PID"
st=$?
PID=
if [ "$st" -eq 0 ]; then
	echo "ok 15 - crossrouted exited 0 after the reloads"
else
	echo "not ok 15 - crossrouted exit status $st"
	rc=1
fi
# The SIGHUP moved lp's entry (10.3/16 -> 10.1/16): only the source's chain
# uses it, so only its paths, under those two ranges, were re-imported.
if grep -q "Adj-RIB-In of 1 peers, 2 ranges" "$T/log"; then
	echo "ok 16 - re-import limited to the source, under 10.1/16 and 10.3/16"
else
	echo "not ok 16 - re-import limited to the source, under 10.1/16 and 10.3/16"
	rc=1
fi
[ "${XR_RELOAD_LOG:-}" ] && cp "$T/log" "$XR_RELOAD_LOG"
[ $rc -ne 0 ] && sed 's/^/# /' "$T/log"
exit $rc
