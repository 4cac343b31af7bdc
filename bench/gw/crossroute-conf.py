#!/usr/bin/env python3
"""crossroute-conf.py - turn the gateway benchmark's topology.json into a crossrouted config.

usage: crossroute-conf.py [--reapply] TOPOLOGY.json [AGG_MODE] > crossrouted.json

TOPOLOGY.json is the file gw-bench.sh / gw-blast.sh write and pass as $GWB_TOPOLOGY (see
/work/shared/bench/README.md). The output is our YANG JSON model (crossroute-bgp,
crossroute-routing-policy):
  - global AS / router-id from topology.dut;
  - each link a passive eBGP neighbour (peer-as from the link), import policy "from-link"
    (policy.import.match "P le 32" -> local-pref N, accept; then accept all), export: reject;
  - the sink a passive neighbour, export policy "to-sink" (prepend dut AS, repeat-n =
    number of prepends), import: reject;
  - the summary as global aggregates/aggregate with mode AGG_MODE (default "aggregate";
    "originate" or "none" to leave it out).
--reapply: the changed policy of the re-apply phase (gw-blast.sh PHASES=converge,reapply):
topology.reapply's "import" and "export_sink" replace those of topology.policy (e.g. local-pref
200 on 0.0.0.0/1 le 32, prepend 3 times); everything else is the same, so that a reload of the
result changes only the policy.
"""
import json
import sys


def prefix_set(match):
    """'1.0.0.0/8 le 32' -> (prefix, lower, upper)."""
    words = match.split()
    pfx = words[0]
    plen = int(pfx.split("/")[1])
    lo, hi = plen, plen
    for op, val in zip(words[1::2], words[2::2]):
        if op == "le":
            hi = int(val)
        elif op == "ge":
            lo = int(val)
        else:
            raise SystemExit("crossroute-conf: cannot read match %r" % match)
    return pfx, lo, hi


def policies(topo):
    """The routing-policy subtree: prefix set, from-link and to-sink."""
    pol = topo["policy"]
    pfx, lo, hi = prefix_set(pol["import"]["match"])
    prepends = pol["export_sink"]["prepend"]
    if len(set(prepends)) != 1:
        raise SystemExit("crossroute-conf: prepend list must repeat one AS")
    from_link = [
        {"name": "match", "conditions": {"match-prefix-set": {"prefix-set": "import-match"}},
         "actions": {"policy-result": "accept-route",
                     "bgp-actions": {"set-local-pref": pol["import"]["local_pref"]}}},
        {"name": "rest", "actions": {"policy-result": "accept-route"}},
    ]
    to_sink = [
        {"name": "prepend", "actions": {
            "policy-result": "accept-route",
            "bgp-actions": {"set-as-path-prepend": {"asn": prepends[0],
                                                    "repeat-n": len(prepends)}}}},
    ]
    return {
        "defined-sets": {"prefix-sets": {"prefix-set": [
            {"name": "import-match", "mode": "ipv4", "prefixes": {"prefix": [
                {"ip-prefix": pfx, "mask-length-lower": lo, "mask-length-upper": hi}]}}]}},
        "policy-definitions": {"policy-definition": [
            {"name": "from-link", "statements": {"statement": from_link}},
            {"name": "to-sink", "statements": {"statement": to_sink}},
        ]},
    }


def neighbours(topo):
    """Passive links (import from-link, export none) and the passive sink."""
    out = []
    for link in topo["links"]:
        out.append({
            "neighbor-address": link["peer"],
            "peer-as": link["peer_as"],
            "local-address": link["local"].split("/")[0],
            "description": link["name"],
            "passive-mode": True,
            "apply-policy": {"import-policy": ["from-link"],
                             "default-export-policy": "reject-route"},
        })
    sink = topo["sink"]
    out.append({
        "neighbor-address": sink["peer"],
        "peer-as": sink["peer_as"],
        "local-address": sink["local"].split("/")[0],
        "description": "sink",
        "passive-mode": True,
        "apply-policy": {"default-import-policy": "reject-route",
                         "export-policy": ["to-sink"]},
    })
    return out


def main():
    args = sys.argv[1:]
    reapply = bool(args) and args[0] == "--reapply"
    if reapply:
        args = args[1:]
    if len(args) not in (1, 2):
        raise SystemExit(__doc__.split("\n\n")[1])
    mode = args[1] if len(args) == 2 else "aggregate"
    with open(args[0]) as f:
        topo = json.load(f)
    if reapply:
        if "reapply" not in topo:
            raise SystemExit("crossroute-conf: --reapply: no \"reapply\" in %s" % args[0])
        topo["policy"].update(topo["reapply"])
    glob = {"as": topo["dut"]["as"], "router-id": topo["dut"]["router_id"]}
    summary = topo["policy"].get("summary")
    if summary and mode != "none":
        glob["aggregates"] = {"aggregate": [{"prefix": summary, "mode": mode}]}
    conf = {
        "crossroute-routing-policy:routing-policy": policies(topo),
        "crossroute-bgp:bgp": {"global": glob, "neighbors": {"neighbor": neighbours(topo)}},
    }
    json.dump(conf, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
