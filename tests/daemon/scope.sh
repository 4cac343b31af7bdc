#!/bin/bash
# AWS public VIF profile (issue 6, SPEC 2.2) in a network namespace lab
# against real FRR: crossrouted (AS 64512) has a dx-public neighbour "pub"
# (FRR AS 65101, region us-east-1) and three plain neighbours "use"
# (us-east-1), "usw" (us-west-2) and "euw" (eu-west-1), plus a TGW
# attachment in us-west-2 whose allowed prefix it originates. pub announces
# 203.0.113.0/25 tagged 7224:9100 (region), 203.0.113.128/25 tagged
# 7224:9200 (continent) and 198.51.100.0/24 untagged, each also with
# 7224:1234 (reserved: stripped on import) and 65000:1 (kept). use must get
# all three, usw the continent and global ones, euw the global one only;
# none carries 7224:9x00 or 7224:1234, all carry 65000:1. pub gets the
# others' routes with NO_EXPORT plus 7224:8100 (use's, same region),
# 7224:8200 (usw's and the us-west-2 attachment's, same continent) or no
# tag (euw's). show neighbors reports profile and region. TAP, bounded;
# netns scope<pid>-*, processes by pid and the temp dir go on every exit.
# Needs root.
set -u
LAB=scope$$
NODES="dut pub use usw euw"
. "$(dirname "$0")/gr_lab.sh"
DEADLINE=${XR_DEADLINE:-40}
lab_init 150

# Node, link index, its AS, the prefix it announces (pub: see above).
PEERS="pub:1:65101 use:2:65102:10.41.0.0/16 usw:3:65103:10.42.0.0/16 euw:4:65104:10.43.0.0/16"

setup() {
	local e n i
	lab_netns || return 1
	for e in $PEERS; do
		IFS=: read -r n i _ _ <<<"$e"
		lab_link dut "10.31.$i.1/30" "$n" "10.31.$i.2/30" "$i" || return 1
	done
}

frr_conf() {	# frr_conf NODE INDEX AS [PREFIX]
	install -d -o frr -g frr "$T/$1"
	{
		cat <<EOC
frr defaults traditional
hostname $LAB-$1
log file $T/$1/bgpd.log
router bgp $3
 bgp router-id 10.255.0.$2
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp graceful-restart-disable
 neighbor 10.31.$2.1 remote-as 64512
 neighbor 10.31.$2.1 timers 3 9
 neighbor 10.31.$2.1 timers connect 1
 address-family ipv4 unicast
EOC
		if [ "$1" = pub ]; then
			cat <<EOC
  network 203.0.113.0/25 route-map region
  network 203.0.113.128/25 route-map continent
  network 198.51.100.0/24 route-map global
 exit-address-family
route-map region permit 10
 set community 7224:9100 7224:1234 65000:1
route-map continent permit 10
 set community 7224:9200 7224:1234 65000:1
route-map global permit 10
 set community 7224:1234 65000:1
EOC
		else
			printf '  network %s\n exit-address-family\n' "$4"
		fi
	} > "$T/$1/frr.conf"
	chown frr:frr "$T/$1/frr.conf"
}

nb_json() {	# nb_json INDEX AS PROFILE REGION
	cat <<JSON
      { "neighbor-address": "10.31.$1.2", "peer-as": $2, "profile": "$3",
        "region": "$4", "timers": { "connect-retry": 1 },
        "apply-policy": { "default-import-policy": "accept-route",
                          "default-export-policy": "accept-route" } }
JSON
}

xr_conf() {
	cat > "$T/xr.json" <<JSON
{
  "crossroute-bgp:bgp": {
    "global": { "as": 64512, "router-id": "192.0.2.1" },
    "neighbors": { "neighbor": [
$(nb_json 1 65101 dx-public us-east-1),
$(nb_json 2 65102 generic us-east-1),
$(nb_json 3 65103 generic us-west-2),
$(nb_json 4 65104 generic eu-west-1)
    ] }
  },
  "crossroute-interconnect:gateways": { "gateway": [
    { "name": "dxgw1", "role": "dxgw", "asn": 64512, "router-id": "192.0.2.1",
      "attachments": { "attachment": [
        { "name": "tgw1", "kind": "tgw", "region": "us-west-2",
          "prefixes": ["10.9.0.0/16"], "allowed-prefixes": ["10.60.0.0/16"] }
      ] } },
    { "name": "cr1", "role": "cloud-router", "asn": 65000,
      "router-id": "10.255.0.9" }
  ] },
  "crossroute-interconnect:interconnects": { "interconnect": [
    { "name": "ic1", "gateway-a": "dxgw1", "router-b": "cr1",
      "environment": "aws-gcp-us-west", "bandwidth-mbps": 1000,
      "links": { "link": [
        { "id": 1, "facility": "f1", "device-a": "a1", "device-b": "b1",
          "vlan": 1025, "ipv4-subnet": "169.254.77.0/30",
          "admin-state": "down" } ] } }
  ] }
}
JSON
}

xr_established() {
	xr neighbors | jq -e '[.neighbors[] | select(.state == "Established")] | length == 4'
}
# The prefixes NODE holds from us, sorted, space-separated, as JSON text.
frr_has() {	# frr_has NODE PREFIX...
	local n=$1
	shift
	vty "$n" -c "show bgp ipv4 unicast json" | jq -e --arg want "$*" '
	    ($want | split(" ") | sort) ==
	    ([.routes | to_entries[] | select(.value[0].path | startswith("64512")) | .key] | sort)'
}
frr_list() {	# what NODE holds from us, for a failure's TAP comment
	echo "# $1 has: $(vty "$1" -c "show bgp ipv4 unicast json" | jq -r '
	    [.routes | to_entries[] | select(.value[0].path | startswith("64512")) | .key] | sort | join(" ")')"
	return 1
}
# The communities NODE sees on PREFIX ("" none).
frr_comms() {	# frr_comms NODE PREFIX
	vty "$1" -c "show bgp ipv4 unicast $2 json" |
	    jq -r '.paths[0].community.string // ""'
}
comms_are() {	# comms_are NODE PREFIX WANT
	local c
	c=$(frr_comms "$1" "$2")
	[ "$c" = "$3" ] || { echo "# $1 $2: '$c'"; return 1; }
}

setup
ok $? "lab: 5 namespaces, 4 veth links"
for e in $PEERS; do
	IFS=: read -r n i as pfx <<<"$e"
	frr_conf "$n" "$i" "$as" "$pfx" && frr_start "$n" || echo "# frr $n failed"
done
xr_conf
ip netns exec "$LAB-dut" env XR_YANG_DIR="$XR_SRCDIR/yang" \
    "$XR_BUILDDIR/tools/crossroute" config validate "$T/xr.json" >/dev/null
ok $? "the configuration validates"
xr_start
poll "four sessions Established" xr_established
ok $? "four sessions Established"
xr_nb 10.31.1.2 '.profile == "dx-public" and .region == "us-east-1"' >/dev/null &&
    xr_nb 10.31.4.2 '.profile == "generic" and .region == "eu-west-1"' >/dev/null
ok $? "show neighbors: profile and region"

R=203.0.113.0/25 C=203.0.113.128/25 G=198.51.100.0/24
poll "use: region, continent, global" frr_has use $R $C $G 10.42.0.0/16 10.43.0.0/16 10.60.0.0/16 || frr_list use
ok $? "us-east-1 neighbour gets the 9100, 9200 and untagged routes"
poll "usw: continent, global" frr_has usw $C $G 10.41.0.0/16 10.43.0.0/16 10.60.0.0/16 || frr_list usw
ok $? "us-west-2 neighbour gets the 9200 and untagged routes, not the 9100 one"
poll "euw: global" frr_has euw $G 10.41.0.0/16 10.42.0.0/16 10.60.0.0/16 || frr_list euw
ok $? "eu-west-1 neighbour gets only the untagged route"
bad=0
for n in use usw euw; do
	for p in $R $C $G; do
		[ "$n" = usw ] && [ $p = $R ] && continue
		[ "$n" = euw ] && [ $p != $G ] && continue
		c=$(frr_comms $n $p)
		[ "$c" = "65000:1" ] || { echo "# $n $p: '$c'"; bad=1; }
	done
done
ok $bad "65000:1 kept; 7224:1234 stripped; 7224:9x00 not passed on"

poll "pub: the others' routes" frr_has pub 10.41.0.0/16 10.42.0.0/16 10.43.0.0/16 10.60.0.0/16 || frr_list pub
ok $? "dx-public neighbour gets the other routes (none of its own back)"
comms_are pub 10.41.0.0/16 "7224:8100 no-export"
ok $? "same region (us-east-1 neighbour): NO_EXPORT and 7224:8100"
comms_are pub 10.42.0.0/16 "7224:8200 no-export"
ok $? "same continent (us-west-2 neighbour): NO_EXPORT and 7224:8200"
comms_are pub 10.43.0.0/16 "no-export"
ok $? "another continent (eu-west-1 neighbour): NO_EXPORT only"
comms_are pub 10.60.0.0/16 "7224:8200 no-export"
ok $? "originated by a us-west-2 attachment: NO_EXPORT and 7224:8200"
xr routes | jq -e '[.routes[] | select(.prefix == "203.0.113.0/25") |
    .paths[0].communities] == ["7224:9100 65000:1"]' >/dev/null
ok $? "the RIB keeps 7224:9100 (it decides the scope), not 7224:1234"

xr_stop INT
ok $? "crossrouted exits 0"
echo "1..$N"
[ $FAILED -eq 0 ]
