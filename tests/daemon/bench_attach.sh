#!/bin/sh
# Bench hook (not run by make check; issue 6): what an attachment-only
# reload costs on a loaded RIB. N IPv4 paths from one python speaker
# (127.0.0.1, an import policy setting LOCAL_PREF on a prefix set) in
# crossrouted, all exported to a second speaker (127.0.0.2) that drains
# them; crossrouted plays gateway dxgw1, whose TGW attachment originates
# 10.200.0.0/16 (one interconnect, administratively down: its link session
# stays idle but makes the gateway originate IPv4). The new file adds 10.201.0.0/16 to the attachment's
# allowed-prefixes and crossrouted gets SIGHUP. Prints crossrouted's
# reload log lines, the time from SIGHUP until the receiver has
# 10.201.0.0/16, the UPDATEs it got meanwhile and the daemon's CPU time
# from SIGHUP until quiet (1 s without an UPDATE to the receiver).
# Usage: bench_attach.sh [N] (default 500000); XR_BENCH_XRD=path runs
# another crossrouted binary (e.g. a build of the previous commit).
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
N=${1:-500000}
XRD=${XR_BENCH_XRD:-$XRD}
xr_loopback bench-attach 17
conf() {	# conf TGW-ALLOWED-JSON-LIST
	cat <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": { "prefix-sets": { "prefix-set": [ { "name": "pfx",
      "mode": "ipv4", "prefixes": { "prefix": [ { "ip-prefix": "11.0.0.0/8",
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
                          "default-import-policy": "accept-route" } },
      { "neighbor-address": "127.0.0.2", "peer-as": 65002, "passive-mode": true,
        "apply-policy": { "default-export-policy": "accept-route" } } ] }
  },
  "crossroute-interconnect:gateways": { "gateway": [
    { "name": "dxgw1", "role": "dxgw", "asn": 64512, "router-id": "192.0.2.1",
      "attachments": { "attachment": [
        { "name": "tgw1", "kind": "tgw", "allowed-prefixes": $1 } ] } },
    { "name": "cr1", "role": "cloud-router", "asn": 65000, "router-id": "10.255.0.2" } ] },
  "crossroute-interconnect:interconnects": { "interconnect": [
    { "name": "ic1", "gateway-a": "dxgw1", "router-b": "cr1",
      "environment": "aws-gcp-us-east", "admin-state": "down", "ipv6": false,
      "links": { "link": [
        { "id": 1, "facility": "f1", "device-a": "a1", "device-b": "b1",
          "vlan": 1025, "ipv4-subnet": "169.254.20.0/30" } ] } } ] }
}
JSON
}
conf '["10.200.0.0/16"]' > "$T/xr.json"
conf '["10.200.0.0/16", "10.201.0.0/16"]' > "$T/b.json"
XR_YANG_DIR=$XR_SRCDIR/yang "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" 2>"$T/log" &
PID=$!
python3 - "$PORT" "$T/ctl.sock" "$XR_BUILDDIR/tools/crossroute" "$PID" "$N" "$T" <<'PY'
import os, signal, sys, threading, time
sys.path.insert(0, os.environ["XR_SRCDIR"] + "/tests/daemon")
import bgp_client as bc
bc.PORT, bc.CTL, bc.SHOW = int(sys.argv[1]), sys.argv[2], sys.argv[3]
bc.DEADLINE = float(os.environ.get("XR_BENCH_DEADLINE", "600"))
pid, n, tmp = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
bc.poll(lambda: os.path.exists(bc.CTL), "control socket")
rx = bc.connect("127.0.0.2", 65002)
st = {"updates": 0, "pfx": 0, "last": time.monotonic(), "seen": None}
def drain():
    while True:
        m = bc.recv_msg(rx, 600)
        if m is None:
            return
        if m[18] != 2:
            continue
        wd, _, nlri = bc.parse_update(m)
        st["updates"] += 1
        st["pfx"] += len(nlri)
        st["last"] = time.monotonic()
        if "10.201.0.0/16" in nlri and st["seen"] is None:
            st["seen"] = time.monotonic()
threading.Thread(target=drain, daemon=True).start()
s = bc.connect("127.0.0.1", 65001)
t0 = time.monotonic()
bc.inject(s, n)
bc.poll(lambda: st["pfx"] >= n + 1, "all exported")
print("paths in and exported: %d (+1 originated) in %.1f s" % (n, time.monotonic() - t0))
def cpu():
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
time.sleep(1.0)
u0, c0 = st["updates"], cpu()
os.replace(tmp + "/b.json", tmp + "/xr.json")
t0 = time.monotonic()
os.kill(pid, signal.SIGHUP)
bc.poll(lambda: st["seen"] is not None, "10.201.0.0/16 at the receiver")
seen = st["seen"] - t0
bc.poll(lambda: time.monotonic() - max(st["last"], t0) > 1.0, "quiet")
time.sleep(0.5)
log = open(tmp + "/log").read()
print("".join("# " + l + "\n" for l in log.splitlines() if "reload" in l), end="")
print("SIGHUP -> 10.201.0.0/16 at the receiver: %.3f s; UPDATEs to it: %d; "
      "crossrouted CPU from SIGHUP to quiet: %.2f s" %
      (seen, st["updates"] - u0, cpu() - c0))
PY
