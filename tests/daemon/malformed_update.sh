#!/bin/sh
# crossrouted on loopback against a python BGP client (bgp_client.py): OPEN
# exchange, End-of-RIB, a valid UPDATE, RFC 7606 treat-as-withdraw for a bad
# ORIGIN (session kept), NOTIFICATION 3/10 for a bad NLRI length, and a clean
# SIGTERM shutdown with Cease/2 + RFC 9003 text and exit status 0. TAP.
# Needs no root: an unprivileged port on 127.0.0.1, files in a temp dir.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
xr_loopback malformed 0
cat > "$T/xr.json" <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": {
      "prefix-sets": { "prefix-set": [ { "name": "deny66", "mode": "ipv4",
        "prefixes": { "prefix": [ { "ip-prefix": "10.66.0.0/16",
          "mask-length-lower": 16, "mask-length-upper": 16 } ] } } ] },
      "neighbor-sets": { "neighbor-set": [ { "name": "client", "address": ["127.0.0.1"] } ] }
    },
    "policy-definitions": { "policy-definition": [ { "name": "in",
      "statements": { "statement": [ { "name": "deny66",
        "conditions": { "match-prefix-set": { "prefix-set": "deny66" },
                        "match-neighbor-set": { "neighbor-set": "client" } },
        "actions": { "policy-result": "reject-route" } } ] } } ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      { "neighbor-address": "127.0.0.1", "peer-as": 65001, "passive-mode": true,
        "apply-policy": { "import-policy": ["in"],
                          "default-import-policy": "accept-route" } }
    ] }
  }
}
JSON
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" -p "$T/pid" 2>"$T/log" &
PID=$!
python3 "$XR_SRCDIR/tests/daemon/bgp_client.py" "$PORT" "$T/ctl.sock" "$SHOW" "$PID"
rc=$?
wait "$PID"
st=$?
PID=
if [ "$st" -eq 0 ] && [ ! -e "$T/pid" ]; then
	echo "ok 16 - crossrouted exited 0 and removed its pid file"
else
	echo "not ok 16 - crossrouted exit status $st"
	sed 's/^/# /' "$T/log"
	rc=1
fi
[ $rc -ne 0 ] && sed 's/^/# /' "$T/log"
exit $rc
