#!/bin/sh
# Export change log under a blocked receiver (issue 5), on loopback, no
# root: a source announces and withdraws 20000 prefixes over and over while
# sink A does not read (its export group falls behind the change log) and
# sink B (another export policy, so another group) reads all along. A must
# be resynced from the Loc-RIB (logged), an export policy reload while A
# still lags must reach both, and once A reads again it must hold exactly
# the final routes with the new attributes, sessions never reset. TAP.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
xr_loopback explag 11
# conf SET: export policies outa / outb prepend twice for prefix-set SET.
conf() {
	cat <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": {
      "prefix-sets": { "prefix-set": [ { "name": "pfx", "mode": "ipv4",
        "prefixes": { "prefix": [ { "ip-prefix": "$1",
          "mask-length-lower": 8, "mask-length-upper": 24 } ] } } ] }
    },
    "policy-definitions": { "policy-definition": [
      { "name": "outa", "statements": { "statement": [ { "name": "p",
        "conditions": { "match-prefix-set": { "prefix-set": "pfx" } },
        "actions": { "policy-result": "accept-route",
          "bgp-actions": { "set-as-path-prepend": { "repeat-n": 2 } } } } ] } },
      { "name": "outb", "statements": { "statement": [ { "name": "p",
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
        "apply-policy": { "export-policy": ["outa"],
                          "default-export-policy": "accept-route" } },
      { "neighbor-address": "127.0.0.3", "peer-as": 65003, "passive-mode": true,
        "apply-policy": { "export-policy": ["outb"],
                          "default-export-policy": "accept-route" } }
    ] }
  }
}
JSON
}
conf 12.0.0.0/8 > "$T/xr.json"
conf 11.0.0.0/8 > "$T/b.json"
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" 2>"$T/log" &
PID=$!
python3 "$XR_SRCDIR/tests/daemon/export_lag_client.py" "$PORT" "$T/ctl.sock" "$SHOW" \
	"$PID" "$T"
rc=$?
xr_reap 8 term
[ "${XR_EXPLAG_LOG:-}" ] && cp "$T/log" "$XR_EXPLAG_LOG"
[ $rc -ne 0 ] && sed 's/^/# /' "$T/log" | tail -40
exit $rc
