#!/bin/bash
# Issue 6 in a network namespace lab against real FRR (Debian frr 8.4):
# crossrouted plays gateway A (DXGW, AS 64512) with a TGW association
# (allowed 10.200.0.0/16, 10.201.0.0/16 and fd00:a5::/48, VPC CIDR
# 10.9.0.0/16), a VGW whose allowed 10.0.0.0/15 covers its VPC 10.0.0.0/16
# and a VGW whose allowed 10.50.0.0/24 covers nothing of its 10.50.0.0/16;
# one interconnect link (IPv4 only, TCP MD5) to an FRR Cloud Router
# (AS 65000). FRR's table must hold exactly 10.0.0.0/16, 10.200.0.0/16 and
# 10.201.0.0/16 with AS_PATH "64512" and origin IGP; show routes types
# them "originated"; no IPv6 route is originated (the interconnect does
# not carry IPv6). A SIGHUP with 10.201.0.0/16 removed withdraws exactly
# that prefix in one UPDATE; an import policy on the VGW attachment that
# rejects its CIDR keeps 10.0.0.0/16 away from FRR (and one on the TGW
# attachment tags 10.200.0.0/16 with 65000:42) without a reset, and a
# reload without them brings the CIDR back untagged; these attachment-only
# reloads re-import no peer and resync no export group. An export
# summarize (summary-only) on the gateway (a gateway-level change: the link
# re-imported, the export resynced) then sends the summary instead of the
# TGW prefix; attachment-only reloads withdraw the summary with its last
# contributor and bring it back with another, without an export resync.
# Then
# crossrouted as the Cloud Router towards an FRR DXGW: custom ranges and
# default-mode subnets with MED = base priority; a set-intent depreference
# on one subnet (7224:7100 at the DXGW); custom learned routes from the DXGW
# session (MED = priority), changed by a reload, gone with the session; and
# a drained link (SPEC 1.6: prepend x3, MED + 10000, GRACEFUL_SHUTDOWN,
# 7224:7100 out, LOCAL_PREF 0 in) without a session reset. TAP, bounded;
# netns orig<pid>-*, processes by pid and the temp dir go on every exit.
# Needs root.
set -u
LAB=orig$$
NODES="dut cr dut2 dx"
. "$(dirname "$0")/gr_lab.sh"
DEADLINE=${XR_DEADLINE:-40}
lab_init 180
vty() { vtysh --vty_socket "$T/cr" "$@"; }	# FRR on cr (gr_lab's takes a node)

setup() {
	lab_netns &&
	    lab_link dut 169.254.20.1/30 cr 169.254.20.2/30 1 &&
	    lab_link dut2 169.254.30.2/30 dx 169.254.30.1/30 1
}

frr_conf() {
	install -d -o frr -g frr "$T/cr"
	cat > "$T/cr/frr.conf" <<EOC
frr defaults traditional
hostname $LAB-cr
log file $T/cr/bgpd.log
router bgp 65000
 bgp router-id 10.255.0.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp graceful-restart-disable
 neighbor 169.254.20.1 remote-as 64512
 neighbor 169.254.20.1 password xr-orig-md5
 neighbor 169.254.20.1 timers 3 9
 neighbor 169.254.20.1 timers connect 1
 address-family ipv4 unicast
  network 10.128.0.0/20
 exit-address-family
EOC
	chown frr:frr "$T/cr/frr.conf"
}

xr_conf() {	# xr_conf TGW-ALLOWED-JSON-LIST [EXPORT-POLICY-JSON-LIST
		# [VGW1-IMPORT-POLICY-JSON-LIST [TGW1-IMPORT-POLICY-JSON-LIST]]]
	cat > "$T/xr.json.new" <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": { "prefix-sets": { "prefix-set": [
      { "name": "vgw1-cidr", "prefixes": { "prefix": [
        { "ip-prefix": "10.0.0.0/16", "mask-length-lower": 16, "mask-length-upper": 16 } ] } } ] } },
    "policy-definitions": { "policy-definition": [
      { "name": "drop-vgw", "statements": { "statement": [
        { "name": "cidr", "conditions": { "match-prefix-set": { "prefix-set": "vgw1-cidr" } },
          "actions": { "policy-result": "reject-route" } } ] } },
      { "name": "tag", "statements": { "statement": [
        { "name": "all", "actions": { "bgp-actions": {
            "set-community": { "options": "add", "communities": ["65000:42"] } } } } ] } },
      { "name": "sum", "statements": { "statement": [
        { "name": "tgw", "actions": {
            "summarize": { "prefix": "10.200.0.0/15", "summary-only": true } } }
      ] } }
    ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" }
  },
  "crossroute-interconnect:gateways": { "gateway": [
    { "name": "dxgw1", "role": "dxgw", "asn": 64512, "router-id": "192.0.2.1",
      "attachments": { "attachment": [
        { "name": "tgw1", "kind": "tgw", "prefixes": ["10.9.0.0/16"],
          "allowed-prefixes": $1,
          "apply-policy": { "import-policy": ${4:-[]} } },
        { "name": "vgw1", "kind": "vgw", "prefixes": ["10.0.0.0/16"],
          "allowed-prefixes": ["10.0.0.0/15"],
          "apply-policy": { "import-policy": ${3:-[]} } },
        { "name": "vgw2", "kind": "vgw", "prefixes": ["10.50.0.0/16"],
          "allowed-prefixes": ["10.50.0.0/24"] }
      ] },
      "apply-policy": { "export-policy": ${2:-[]} } },
    { "name": "cr1", "role": "cloud-router", "asn": 65000, "router-id": "10.255.0.2" }
  ] },
  "crossroute-interconnect:interconnects": { "interconnect": [
    { "name": "ic1", "gateway-a": "dxgw1", "router-b": "cr1",
      "environment": "aws-gcp-us-east", "bandwidth-mbps": 1000, "ipv6": false,
      "links": { "link": [
        { "id": 1, "facility": "f1", "device-a": "a1", "device-b": "b1",
          "vlan": 1025, "ipv4-subnet": "169.254.20.0/30",
          "md5-key": "xr-orig-md5" } ] } }
  ] }
}
JSON
	mv "$T/xr.json.new" "$T/xr.json"
}

# FRR's IPv4 table holds exactly the prefixes given (besides its own
# 10.128.0.0/20), each from us with AS_PATH "64512" and origin IGP.
frr_exactly() {
	vty -c "show bgp ipv4 unicast json" | jq -e --arg want "$*" '
	    ($want | split(" ") | sort) as $w |
	    [.routes | to_entries[] | select(.key != "10.128.0.0/20")] as $r |
	    ([$r[].key] | sort) == $w and
	    all($r[]; (.value | length) == 1 and .value[0].path == "64512" and
	        .value[0].origin == "IGP")'
}
frr_updates() {
	vty -c "show bgp neighbors 169.254.20.1 json" |
	    jq -e '.["169.254.20.1"].messageStats.updatesRecv'
}
xr_established() {
	xr neighbors | jq -e '[.neighbors[] | select(.state == "Established" and .md5)] | length == 1'
}
xr_types() {	# the originated routes and the learned one, typed
	xr routes | jq -e '
	    ([.routes[] | select(.paths[0].type == "originated") | .prefix] | sort) ==
	        ["10.0.0.0/16", "10.200.0.0/16", "10.201.0.0/16"] and
	    ([.routes[] | select(.paths[0].type == "learned") | .prefix]) == ["10.128.0.0/20"] and
	    all(.routes[]; (.prefix | test(":")) | not)'
}

xr_summary() {	# the link session's group lists the summary-only summary
	xr neighbors | jq -e '[.neighbors[0].summaries[] |
	    {prefix, as_path, atomic_aggregate, summary_only}] ==
	    [{"prefix": "10.200.0.0/15", "as_path": "", "atomic_aggregate": false,
	      "summary_only": true}]'
}

# Router B side: crossrouted as the Cloud Router (AS 65000) towards an FRR
# playing the DXGW (AS 64512): a custom-mode attachment (ranges, base
# priority 150) and a default-mode one (subnets, base priority 120).
dx_conf() {
	install -d -o frr -g frr "$T/dx"
	cat > "$T/dx/frr.conf" <<EOC
frr defaults traditional
hostname $LAB-dx
log file $T/dx/bgpd.log
router bgp 64512
 bgp router-id 10.255.0.1
 no bgp ebgp-requires-policy
 bgp graceful-restart-disable
 neighbor 169.254.30.2 remote-as 65000
 neighbor 169.254.30.2 password xr-orig-b-md5
 neighbor 169.254.30.2 timers 3 9
 neighbor 169.254.30.2 timers connect 1
EOC
	chown frr:frr "$T/dx/frr.conf"
	xr2_conf '[{"prefix": "10.77.0.0/16", "priority": 300}, {"prefix": "10.78.0.0/16"}]'
}
xr2_conf() {	# xr2_conf CUSTOM-LEARNED-ROUTE-LIST-JSON [DRAINED]
	cat > "$T/xr2.json.new" <<JSON
{
  "crossroute-routing-policy:routing-policy": {
    "defined-sets": { "prefix-sets": { "prefix-set": [
      { "name": "s160", "prefixes": { "prefix": [
        { "ip-prefix": "10.160.0.0/20", "mask-length-lower": 20, "mask-length-upper": 20 } ] } } ] } },
    "policy-definitions": { "policy-definition": [
      { "name": "intent", "statements": { "statement": [
        { "name": "depref", "conditions": { "match-prefix-set": { "prefix-set": "s160" } },
          "actions": { "bgp-actions": { "set-intent": { "intent": "depreference" } } } } ] } } ] }
  },
  "crossroute-bgp:bgp": {
    "global": { "as": 65000, "router-id": "10.255.0.2" }
  },
  "crossroute-interconnect:gateways": { "gateway": [
    { "name": "dxgw1", "role": "dxgw", "asn": 64512, "router-id": "10.255.0.1" },
    { "name": "cr1", "role": "cloud-router", "asn": 65000, "router-id": "10.255.0.2",
      "apply-policy": { "export-policy": ["intent"] },
      "attachments": { "attachment": [
        { "name": "vpc1", "kind": "vpc", "base-priority": 150,
          "prefixes": ["10.128.0.0/20", "10.150.0.0/20", "fd20:10:1::/64"],
          "advertise-mode": "custom", "advertised-ranges": ["10.128.0.0/16"] },
        { "name": "vpc2", "kind": "vpc", "base-priority": 120,
          "prefixes": ["10.160.0.0/20"] }
      ] } }
  ] },
  "crossroute-interconnect:interconnects": { "interconnect": [
    { "name": "ic1", "gateway-a": "dxgw1", "router-b": "cr1",
      "environment": "aws-gcp-us-east", "bandwidth-mbps": 1000,
      "custom-learned-routes": { "route": $1 },
      "links": { "link": [
        { "id": 1, "facility": "f1", "device-a": "a1", "device-b": "b1",
          "vlan": 1025, "ipv4-subnet": "169.254.30.0/30",
          "drained": ${2:-false}, "md5-key": "xr-orig-b-md5" } ] } }
  ] }
}
JSON
	mv "$T/xr2.json.new" "$T/xr2.json"
}
# crossrouted (router B) holds exactly the custom learned routes given as
# PREFIX=MED..., each one path from the FRR DXGW (next hop, AS_PATH 64512).
xr2_learned() {
	"$SHOW" show -s "$T/ctl2.sock" routes --json | jq -e --arg want "$*" '
	    ($want | split(" ") | map(select(. != "")) | sort) as $w |
	    [.routes[] | select(.paths[0].type == "learned")] as $r |
	    ([$r[] | "\(.prefix)=\(.paths[0].med)"] | sort) == $w and
	    all($r[]; (.paths | length) == 1 and .paths[0].peer == "169.254.30.1" and
	        .paths[0].next_hop == "169.254.30.1" and .paths[0].as_path == "64512")'
}
dx_exactly() {	# the ranges / subnets with MED = base priority, AS_PATH 65000
	vtysh --vty_socket "$T/dx" -c "show bgp ipv4 unicast json" | jq -e '
	    [.routes | to_entries[] | {p: .key, n: (.value | length),
	        path: .value[0].path, med: .value[0].metric}] ==
	    [{"p": "10.128.0.0/16", "n": 1, "path": "65000", "med": 150},
	     {"p": "10.160.0.0/20", "n": 1, "path": "65000", "med": 120}]'
}

echo "1..21"
setup
ok $? "topology: four namespaces, two veth links"
frr_conf
xr_conf '["10.200.0.0/16", "10.201.0.0/16", "fd00:a5::/48"]'
ip netns exec "$LAB-cr" "$FRR/bgpd" -d -Z -f "$T/cr/frr.conf" \
    -i "$T/cr/bgpd.pid" --vty_socket "$T/cr" -P 0 -l 0.0.0.0
rc=$?
ip netns exec "$LAB-dut" env XR_YANG_DIR="$XR_SRCDIR/yang" "$XRD" -f \
    -c "$T/xr.json" -s "$T/ctl.sock" 2>"$T/xr.log" &
XRPID=$!
poll "control socket" test -S "$T/ctl.sock" && poll "Established" xr_established
ok $(( rc || $? )) "crossrouted (DXGW) and FRR (Cloud Router) Established with TCP MD5"

poll "FRR table" frr_exactly 10.0.0.0/16 10.200.0.0/16 10.201.0.0/16
ok $? "FRR holds exactly the TGW allowed prefixes and the VGW CIDR its allowed /15 covers, AS_PATH 64512, origin IGP"
poll "show routes" xr_types
ok $? "show routes: the three typed originated, FRR's learned, no IPv6 (interconnect without IPv6)"

before=$(frr_updates)
xr_conf '["10.200.0.0/16", "fd00:a5::/48"]'
kill -HUP "$XRPID"
poll "withdrawal of 10.201.0.0/16" frr_exactly 10.0.0.0/16 10.200.0.0/16
ok $? "SIGHUP without 10.201.0.0/16: FRR lost exactly that prefix"
after=$(frr_updates)
[ -n "$before" ] && [ "$after" = $((before + 1)) ] &&
    grep -q "1 originated routes changed" "$T/xr.log"
ok $? "the reload sent one UPDATE (the withdrawal; updates $before -> $after), one originated route changed"

# Attachment import policy (issue 6): the VGW attachment rejects its CIDR,
# the TGW attachment tags its prefix; a reload without them restores both.
# The session stays up throughout; only the changed prefixes move.
frr_comm() {	# frr_comm PREFIX: FRR's communities of the route (or "none")
	vty -c "show bgp ipv4 unicast $1 json" |
	    jq -r '.paths[0].community.string // "none"'
}
frr_tagged() { [ "$(frr_comm 10.200.0.0/16)" = "${1:-65000:42}" ]; }
frr_est() {
	vty -c "show bgp neighbors 169.254.20.1 json" |
	    jq -e '.["169.254.20.1"].connectionsEstablished'
}
est0=$(frr_est)
xr_conf '["10.200.0.0/16", "fd00:a5::/48"]' '[]' '["drop-vgw"]' '["tag"]'
kill -HUP "$XRPID"
poll "10.0.0.0/16 rejected by the attachment policy" frr_exactly 10.200.0.0/16 &&
    poll "10.200.0.0/16 tagged" frr_tagged && [ "$(frr_est)" = "$est0" ] &&
    [ "$(grep -c "2 originated routes changed" "$T/xr.log")" = 1 ]
ok $? "attachment import policies: vgw1's rejects 10.0.0.0/16 (FRR lost it), tgw1's tags 10.200.0.0/16 ($(frr_comm 10.200.0.0/16)), 2 originated routes changed; no reset ($est0 -> $(frr_est))"
xr_conf '["10.200.0.0/16", "fd00:a5::/48"]'
kill -HUP "$XRPID"
poll "10.0.0.0/16 back" frr_exactly 10.0.0.0/16 10.200.0.0/16 &&
    poll "10.200.0.0/16 untagged" frr_tagged none && [ "$(frr_est)" = "$est0" ] &&
    [ "$(grep -c "2 originated routes changed" "$T/xr.log")" = 2 ]
ok $? "reload without the policies: 10.0.0.0/16 back, 10.200.0.0/16 untagged, again 2 originated routes changed, no reset ($est0 -> $(frr_est))"
# The three reloads above changed only dxgw1's attachments (an allowed
# prefix, then the attachments' import chains on and off): each re-imported
# no peer and resynced no export group (bgpd/reload.c's scope line), yet
# every originated change reached FRR (checks 5, 7, 8).
attach_only() {
	[ "$(grep -c "reload: gateway dxgw1: only its attachments changed" "$T/xr.log")" = 3 ] &&
	    [ "$(grep -c "reload: re-import 0 peers (none), export resync no" "$T/xr.log")" = 3 ] &&
	    ! grep -q "import policy re-run\|export resync yes" "$T/xr.log"
}
attach_only
ok $? "attachment-only reloads (3): no peer re-imported, no export resync ($(grep -c "re-import 0 peers (none), export resync no" "$T/xr.log") scope lines say so)"

# Per attach point summary over an originated contributor: summarize
# 10.200.0.0/15 summary-only on the gateway's export. The new chain puts
# the session in another export group while it is up: its dump announces
# the summary and (bgpd/export_move.c) withdraws what the old group had
# out and the new one suppresses, so FRR ends with exactly the summary and
# 10.0.0.0/16 without a reset.
frr_has_summary() {
	vty -c "show bgp ipv4 unicast 10.200.0.0/15 json" | jq -e \
	    '.paths | length == 1 and .[0].aspath.string == "64512"'
}
est0=$(frr_est)
xr_conf '["10.200.0.0/16", "fd00:a5::/48"]' '["sum"]'
kill -HUP "$XRPID"
poll "summary at FRR" frr_has_summary
ok $? "export summarize 10.200.0.0/15 summary-only: FRR receives the summary with AS_PATH 64512"
poll "exact table after the move" frr_exactly 10.0.0.0/16 10.200.0.0/15 &&
    [ "$(frr_est)" = "$est0" ]
ok $? "without a reset (sessions established $est0 -> $(frr_est)) FRR holds exactly 10.0.0.0/16 and the summary: 10.200.0.0/16 withdrawn"
xr_summary >/dev/null
ok $? "show neighbors lists the link's summary (summary-only, empty AS_PATH before our prepend)"
grep -q "reload: re-import 1 peers (all prefixes), export resync yes" "$T/xr.log"
ok $? "the gateway's own export-policy change still re-imports its link peer and resyncs the export"
# Attachment-only reloads under the summary: the summary follows its
# originated contributors through the RIB alone (no export resync): gone
# with the last one, back with another.
scope_no() { grep -c "reload: re-import 0 peers (none), export resync no" "$T/xr.log"; }
est0=$(frr_est)
xr_conf '["fd00:a5::/48"]' '["sum"]'
kill -HUP "$XRPID"
poll "summary gone with its contributor" frr_exactly 10.0.0.0/16 &&
    [ "$(scope_no)" = 4 ] && [ "$(frr_est)" = "$est0" ]
ok $? "attachment-only reload removing the summary's only contributor: FRR loses the summary, no export resync ($(scope_no) such reloads), no reset"
xr_conf '["10.201.0.0/16", "fd00:a5::/48"]' '["sum"]'
kill -HUP "$XRPID"
poll "summary back with 10.201.0.0/16" frr_exactly 10.0.0.0/16 10.200.0.0/15 &&
    frr_has_summary && [ "$(scope_no)" = 5 ] && [ "$(frr_est)" = "$est0" ]
ok $? "attachment-only reload adding 10.201.0.0/16: the summary is back, the contributor suppressed, no export resync ($(scope_no)), no reset"

kill "$XRPID" && wait "$XRPID"
XRPID=
dx_conf
ip netns exec "$LAB-dx" "$FRR/bgpd" -d -Z -f "$T/dx/frr.conf" \
    -i "$T/dx/bgpd.pid" --vty_socket "$T/dx" -P 0 -l 0.0.0.0
ip netns exec "$LAB-dut2" env XR_YANG_DIR="$XR_SRCDIR/yang" "$XRD" -f \
    -c "$T/xr2.json" -s "$T/ctl2.sock" 2>"$T/xr.log" &
XRPID=$!
poll "Cloud Router side at FRR" dx_exactly
ok $? "as Cloud Router: FRR holds exactly the custom range (MED 150) and the default-mode subnet (MED 120), AS_PATH 65000"
dx_comms() {	# dx_comms PREFIX: FRR's communities of the route (or "none")
	vtysh --vty_socket "$T/dx" -c "show bgp ipv4 unicast $1 json" |
	    jq -r '.paths[0].community.string // "none"'
}
[ "$(dx_comms 10.160.0.0/20)" = "7224:7100" ] && [ "$(dx_comms 10.128.0.0/16)" = none ]
ok $? "set-intent depreference on 10.160.0.0/20 towards the DX-like side: 7224:7100 ($(dx_comms 10.160.0.0/20)), 10.128.0.0/16 untouched ($(dx_comms 10.128.0.0/16))"

poll "custom learned routes" xr2_learned 10.77.0.0/16=300 10.78.0.0/16=100
ok $? "custom learned routes: one path each from the DXGW peer (next hop, AS_PATH 64512), MED = priority (300, default 100)"
xr2_conf '[{"prefix": "10.77.0.0/16", "priority": 50}, {"prefix": "10.79.0.0/16"}]'
kill -HUP "$XRPID"
poll "custom learned routes after reload" xr2_learned 10.77.0.0/16=50 10.79.0.0/16=100
ok $? "reload: priority 300 -> 50, 10.78.0.0/16 gone, 10.79.0.0/16 added"
# Drain the link (SPEC 1.6) by a reload: towards the DX-like peer every
# route is prepended 3 times, MED + 10000, GRACEFUL_SHUTDOWN and 7224:7100;
# what the link brings in gets LOCAL_PREF 0; the session stays up.
dx_drained() {
	vtysh --vty_socket "$T/dx" -c "show bgp ipv4 unicast 10.128.0.0/16 json" | jq -e '
	    .paths[0] | .aspath.string == "65000 65000 65000 65000" and .metric == 10150 and
	    (.community.string | split(" ") | contains(["graceful-shutdown", "7224:7100"]))'
}
xr2_lp0() {
	"$SHOW" show -s "$T/ctl2.sock" routes 10.77.0.0/16 --json |
	    jq -e '.routes[0].paths[0].local_pref == 0'
}
dx_est() {
	vtysh --vty_socket "$T/dx" -c "show bgp neighbors 169.254.30.2 json" |
	    jq -e '.["169.254.30.2"].connectionsEstablished'
}
e0=$(dx_est)
xr2_conf '[{"prefix": "10.77.0.0/16", "priority": 50}, {"prefix": "10.79.0.0/16"}]' true
kill -HUP "$XRPID"
poll "drained exports at FRR" dx_drained && poll "drained import" xr2_lp0 &&
    [ "$(dx_est)" = "$e0" ]
rc=$?
if [ $rc -ne 0 ]; then
	vtysh --vty_socket "$T/dx" -c "show bgp ipv4 unicast 10.128.0.0/16 json" | jq -c '.paths[0] | {aspath: .aspath.string, metric, community}' | sed 's/^/# dx: /'
	"$SHOW" show -s "$T/ctl2.sock" routes 10.77.0.0/16 --json | jq -c '.routes[0].paths[0]' | sed 's/^/# xr2: /'
fi
ok $rc "drained link: FRR gets AS path x4, MED 10150, GRACEFUL_SHUTDOWN (65535:0) and 7224:7100; learned routes get LOCAL_PREF 0; no reset ($e0 -> $(dx_est))"
kill "$(cat "$T/dx/bgpd.pid")"
poll "custom learned routes gone with the session" xr2_learned
ok $? "the DXGW session down: its custom learned routes are gone with it"

if [ $FAILED -ne 0 ]; then
	vty -c "show bgp ipv4 unicast json" | sed 's/^/# frr: /' | head -60
fi
exit $FAILED
