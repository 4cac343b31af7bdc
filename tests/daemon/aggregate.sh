#!/bin/sh
# Global aggregates (SPEC 3.3) on loopback, no root: python speakers
# (aggregate_client.py) as contributor source and sink; checks the summary
# attributes (RFC 4271 5.1.6, 5.1.7), its life with its contributors and
# summary-only suppression in the export path, and a SIGHUP that turns a
# summary-only aggregate into a plain one. TAP.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
xr_loopback aggregate 13
# conf MODE -> aggregates 10.1.0.0/16 (aggregate), 10.2.0.0/16 (MODE).
conf() {
	cat <<JSON
{
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1",
      "aggregates": { "aggregate": [
        { "prefix": "10.1.0.0/16", "mode": "aggregate" },
        { "prefix": "10.2.0.0/16", "mode": "$1" } ] } },
    "neighbors": { "neighbor": [
      { "neighbor-address": "127.0.0.1", "peer-as": 65001, "passive-mode": true,
        "apply-policy": { "default-import-policy": "accept-route" } },
      { "neighbor-address": "127.0.0.2", "peer-as": 65002, "passive-mode": true,
        "apply-policy": { "default-export-policy": "accept-route" } }
    ] }
  }
}
JSON
}
conf summary-only > "$T/xr.json"
conf aggregate > "$T/b.json"
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" 2>"$T/log" &
PID=$!
python3 "$XR_SRCDIR/tests/daemon/aggregate_client.py" "$PORT" "$T/ctl.sock" \
	"$SHOW" "$PID" "$T"
rc=$?
xr_reap 8
[ $rc -ne 0 ] && sed 's/^/# /' "$T/log"
exit $rc
