#!/bin/sh
# Export policy per link and summarize per attach point (SPEC 3.1-3.3) on
# loopback, no root: crossrouted is gateway A (AS 64512) of an interconnect
# with two links whose Cloud Router ends are python speakers (127.0.1.2 and
# 127.0.1.6, AS 65000), fed by a plain neighbour (127.0.0.1, AS 65001). One
# export chain for both links tests the destination link: link 1 gets MED
# 111 and a summary-only 10.0.0.0/8, link 2 neither; a reload that drains
# link 2 moves it to another group, where the chain's "draining" link set
# gives it MED 222, plus 10000 and GRACEFUL_SHUTDOWN from the drain itself
# (SPEC 1.6; export_policy_client.py has the checks). TAP.
set -u
: "${XR_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$XR_SRCDIR/tests/daemon/loopback.sh"
xr_loopback pol-export 29
# conf DRAINED: link 2 drained (true or false); nothing else changes.
conf() {
	cat <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": {
      "prefix-sets": { "prefix-set": [
        { "name": "ten", "mode": "ipv4", "prefixes": { "prefix": [
          { "ip-prefix": "10.0.0.0/8", "mask-length-lower": 8,
            "mask-length-upper": 32 } ] } } ] },
      "crossroute-interconnect:link-sets": { "link-set": [
        { "name": "link1", "link": [ { "interconnect": "ic1", "id": 1 } ] },
        { "name": "draining", "role": ["draining"] } ] }
    },
    "policy-definitions": { "policy-definition": [
      { "name": "to-links", "statements": { "statement": [
        { "name": "drained-med",
          "conditions": {
            "crossroute-interconnect:match-link-set": { "link-set": "draining" } },
          "actions": { "bgp-actions": { "set-med": 222 } } },
        { "name": "link1-med",
          "conditions": {
            "crossroute-interconnect:match-link-set": { "link-set": "link1" } },
          "actions": { "bgp-actions": { "set-med": 111 } } },
        { "name": "link1-summary",
          "conditions": { "match-prefix-set": { "prefix-set": "ten" },
            "crossroute-interconnect:match-link-set": { "link-set": "link1" } },
          "actions": { "summarize": { "prefix": "10.0.0.0/8",
                                      "summary-only": true } } } ] } } ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
      { "neighbor-address": "127.0.0.1", "peer-as": 65001, "passive-mode": true,
        "apply-policy": { "default-import-policy": "accept-route" } } ] }
  },
  "crossroute-interconnect:gateways": { "gateway": [
    { "name": "dxgw1", "role": "dxgw", "asn": 64512, "router-id": "192.0.2.1",
      "apply-policy": { "export-policy": ["to-links"] } },
    { "name": "cr1", "role": "cloud-router", "asn": 65000,
      "router-id": "192.0.2.2" } ] },
  "crossroute-interconnect:interconnects": { "interconnect": [
    { "name": "ic1", "gateway-a": "dxgw1", "router-b": "cr1",
      "environment": "test", "bandwidth-mbps": 1000,
      "links": { "link": [
        { "id": 1, "facility": "f1", "device-a": "a1", "device-b": "b1",
          "vlan": 1025, "ipv4-subnet": "127.0.1.0/30" },
        { "id": 2, "facility": "f2", "device-a": "a2", "device-b": "b2",
          "vlan": 1026, "ipv4-subnet": "127.0.1.4/30", "drained": $1 } ] } } ] }
}
JSON
}
conf false > "$T/xr.json"
conf true > "$T/b.json"
XR_YANG_DIR=$XR_SRCDIR/yang ${XR_WRAP:-} "$XRD" -f -c "$T/xr.json" -s "$T/ctl.sock" \
	-l "$PORT" 2>"$T/log" &
PID=$!
python3 "$XR_SRCDIR/tests/daemon/export_policy_client.py" "$PORT" \
	"$T/ctl.sock" "$SHOW" "$PID" "$T"
rc=$?
xr_reap 10
[ $rc -ne 0 ] && sed 's/^/# /' "$T/log"
exit $rc
