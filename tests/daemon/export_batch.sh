#!/bin/sh
# Export batching while UPDATEs stream in (bgpd/daemon.h
# daemon_kick_input), on loopback, no root: sources A (127.0.0.1, AS
# 65001, long AS_PATH) and B (127.0.0.2, AS 65002, short) announce the same
# 3000 prefixes in ten interleaved chunks a few ms apart, B's copy always
# the better one; the sink (127.0.0.3) must end with B's route for every
# prefix and, because export passes run at most every 100 ms while the
# stream lasts, must have been sent far fewer than the 6000 announcements
# one pass per read would produce. TAP.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
xr_loopback expbatch 13
nbr() {
	printf '      { "neighbor-address": "%s", "peer-as": %s, "passive-mode": true,
        "apply-policy": { "default-import-policy": "accept-route",
                          "default-export-policy": "accept-route" } }' "$1" "$2"
}
cat > "$T/xr.json" <<JSON
{
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
$(nbr 127.0.0.1 65001),
$(nbr 127.0.0.2 65002),
$(nbr 127.0.0.3 65003)
    ] }
  }
}
JSON
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" 2>"$T/log" &
PID=$!
python3 "$XR_SRCDIR/tests/daemon/export_batch_client.py" "$PORT" "$T/ctl.sock" "$SHOW" "$PID"
rc=$?
xr_reap 6 term
[ $rc -ne 0 ] && sed 's/^/# /' "$T/log" | tail -40
exit $rc
