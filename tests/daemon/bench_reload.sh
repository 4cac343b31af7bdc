#!/bin/sh
# Bench hook (not run by make check): N IPv4 paths from one python speaker
# in crossrouted's Adj-RIB-In, then SIGHUP with a changed import policy
# (local-pref for a prefix-set); prints how long the re-import took, from
# crossrouted's own log line. Usage: bench_reload.sh [N] (default 500000).
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
N=${1:-500000}
xr_loopback bench-reload 11
conf() {
	cat <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": { "prefix-sets": { "prefix-set": [ { "name": "pfx",
      "mode": "ipv4", "prefixes": { "prefix": [ { "ip-prefix": "$1",
        "mask-length-lower": 24, "mask-length-upper": 24 } ] } } ] } },
    "policy-definitions": { "policy-definition": [ { "name": "in",
      "statements": { "statement": [ { "name": "lp",
        "conditions": { "match-prefix-set": { "prefix-set": "pfx" } },
        "actions": { "policy-result": "accept-route",
          "bgp-actions": { "set-local-pref": 200 } } } ] } } ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      { "neighbor-address": "127.0.0.1", "peer-as": 65001, "passive-mode": true,
        "apply-policy": { "import-policy": ["in"],
                          "default-import-policy": "accept-route" } } ] }
  }
}
JSON
}
conf 11.0.0.0/8 > "$T/xr.json"
conf 11.0.0.0/9 > "$T/b.json"
XR_YANG_DIR=$XR_SRCDIR/yang "$XR_BUILDDIR/bgpd/crossrouted" -f -c "$T/xr.json" \
	-s "$T/ctl.sock" -l "$PORT" 2>"$T/log" &
PID=$!
python3 - "$PORT" "$T/ctl.sock" "$XR_BUILDDIR/tools/crossroute" "$PID" "$N" "$T" <<'PY'
import os, signal, sys, time
sys.path.insert(0, os.environ["XR_SRCDIR"] + "/tests/daemon")
import bgp_client as bc
bc.PORT, bc.CTL, bc.SHOW = int(sys.argv[1]), sys.argv[2], sys.argv[3]
bc.DEADLINE = 600.0
pid, n, tmp = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
s = bc.reconnect()
t0 = time.monotonic()
bc.inject(s, n)
bc.poll(lambda: (bc.neighbor() or {}).get("prefixes_received", {}).get("ipv4") == n, "all in")
print("paths in: %d (%.1f s)" % (n, time.monotonic() - t0), flush=True)
os.replace(tmp + "/b.json", tmp + "/xr.json")
t0 = time.monotonic()
os.kill(pid, signal.SIGHUP)
log = lambda: open(tmp + "/log").read()
bc.poll(lambda: "re-run over" in log(), "reload")
bc.show("neighbors")
print("SIGHUP to an answering control socket: %.3f s" % (time.monotonic() - t0))
print("".join(l + "\n" for l in log().splitlines() if "reload" in l), end="")
PY
