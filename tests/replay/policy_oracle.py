#!/usr/bin/env python3
"""Independent oracle for `crossroute mrt replay` with import policy.

Two rule sets, chosen with --rules. "rv": the rules of
tests/data/replay/policy-rv.json (import chain sanity-in then prefs-in,
applied to every peer with --import). "nlix": tests/data/replay/
policy-nlix.json, the import chain of the one configured neighbour
193.239.116.255 (other peers have no policy), own AS 64999. Each is written
again here in python and applied to the bgpdump 1.6.2 `-m` oracle lines; the best path is
then chosen by bestpath.py's RFC 4271 9.1.2.2 oracle and compared prefix by
prefix with our --json output. Nothing is taken from our implementation:
prefix matching, community tests, AS path length and prepending are done on
the oracle's text here.

The rules (OpenConfig semantics, SPEC 3.1: statements in order, the first
accept/reject ends the chain, actions without a result carry on):
  sanity-in  reject prefixes in the bogon set (0/0 le 7, any v4 /25../32,
             RFC 1918, 100.64/10, 41/8 exactly /24, any v6 /49../128);
             reject AS paths of length >= 9 (AS_SET counts 1)
  prefs-in   communities 37105:300 or 3741:1111 -> local-pref 300;
             community 3741:3150 -> local-pref 50;
             peer 196.223.14.55 -> prepend 30844 twice;
             peers 196.223.14.10, 2001:43f8:1f0::10 -> add communities
             65000:10 and 3741:1111 (appended when absent), accept;
             anything else: accept.
             Own AS 64999 (paths holding it are loops, RFC 4271 9.1.2)
             and the summaries of its bgp global (RFC 4271 9.2.2.2):
             193.0.0.0/16 summary-only as-set, 95.66.0.0/16 as-set,
             41.0.0.0/8 and 10.0.0.0/8 without as-set, 203.0.113.0/24
             originated; computed here from the oracle's best paths.
  nlix-in    reject 185.186.28.0/22 exactly; community 8529:707 ->
             local-pref 200 and add community 64999:707; accept
             185.186.0.0/16 le 23; falling off the chain: the default,
             reject (RFC 8212).
"""

import argparse
import ipaddress
import json
import sys

import bestpath as bp


def v4_int(text):
    a, b, c, d = text.split(".")
    return (int(a) << 24) | (int(b) << 16) | (int(c) << 8) | int(d)


HIGH = {"37105:300", "3741:1111"}
LOW = {"3741:3150"}
MAIN = "196.223.14.55"
TAGGED = {"196.223.14.10", "2001:43f8:1f0::10"}
TAGS = ["65000:10", "3741:1111"]


def is_bogon(pfx):
    """The bogons prefix set, range by range (first octets decide)."""
    addr, _, length = pfx.partition("/")
    n = int(length)
    if ":" in addr:
        return 49 <= n <= 128                   # ::/0 ge 49 le 128
    if n <= 7 or n >= 25:                       # 0/0 le 7, 0/0 ge 25
        return True
    a, b, _ = addr.split(".", 2)
    a, b = int(a), int(b)
    return (a == 10 or                          # 10/8 ge 8
            (a == 100 and 64 <= b < 128 and n >= 10) or
            (a == 172 and 16 <= b < 32 and n >= 12) or
            (a == 192 and b == 168 and n >= 16) or
            (a == 41 and n == 24))              # 41/8 ge 24 le 24


NLIX_PEER = "193.239.116.255"


def accept_nlix(table, pfx, p):
    """nlix-in on the configured neighbour; other peers pass unchanged."""
    if p.f[bp.F_PEER] != NLIX_PEER:
        return p
    if pfx == "185.186.28.0/22":
        return None
    f = list(p.f)
    comms = f[bp.F_COMM].split()
    if "8529:707" in comms:
        f[bp.F_LP] = "200"
        if "64999:707" not in comms:
            comms.append("64999:707")
        f[bp.F_COMM] = " ".join(comms)
    net = ipaddress.ip_network(pfx, strict=False)
    if net.subnet_of(ipaddress.ip_network("185.186.0.0/16")) and \
            16 <= net.prefixlen <= 23:
        return table.path(f)
    return None


def accept(table, pfx, p):
    """The chain on path p of prefix pfx: a new Path, or None (rejected)."""
    if is_bogon(pfx):
        return None
    if bp.aspath_info(p.aspath)[0] >= 9:
        return None
    comms = p.comms.split()
    peer = p.f[bp.F_PEER]
    if not comms and peer != MAIN and peer not in TAGGED:
        return p
    f = list(p.f)
    if HIGH.intersection(comms):
        f[bp.F_LP] = "300"
    if LOW.intersection(comms):
        f[bp.F_LP] = "50"
    if peer == MAIN:
        f[bp.F_PATH] = ("30844 30844 " + f[bp.F_PATH]).rstrip()
    if peer in TAGGED:
        for c in TAGS:
            if c not in comms:
                comms.append(c)
        f[bp.F_COMM] = " ".join(comms)
    return table.path(f)


# (prefix, mode, as-set) of policy-rv.json's bgp global aggregates.
SUMMARIES = (("193.0.0.0/16", "summary-only", True),
             ("95.66.0.0/16", "aggregate", True),
             ("41.0.0.0/8", "aggregate", False),
             ("10.0.0.0/8", "aggregate", False),
             ("203.0.113.0/24", "originate", False))
OWN = "64999:10.0.0.1"
ORIGIN_NAME = {0: "IGP", 1: "EGP", 2: "INCOMPLETE"}
WELL_KNOWN = {"no-export": 0xFFFFFF01, "no-advertise": 0xFFFFFF02,
              "local-AS": 0xFFFFFF03}


def tuples(text):
    """An AS path text as RFC 4271 9.2.2.2 tuples [(type, asn)]:
    's' sequence, 't' set, 'c' confederation (either kind)."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == " ":
            i += 1
        elif c in "{[(":
            j = text.index({"{": "}", "[": "]", "(": ")"}[c], i)
            kind = "t" if c == "{" else "c"
            for a in text[i + 1:j].replace(",", " ").split():
                out.append((kind, int(a)))
            i = j + 1
        else:
            j = text.find(" ", i)
            j = len(text) if j < 0 else j
            out.append(("s", int(text[i:j])))
            i = j
    return out


def aggregate_path(texts):
    """(text, lost) of the aggregated AS path, RFC 4271 9.2.2.2."""
    paths = [tuples(t) for t in texts]
    common = []
    for col in zip(*paths):
        if any(x != col[0] for x in col):
            break
        common.append(col[0])
    lost = False
    rest = set()
    for p in paths:
        for kind, asn in p[len(common):]:
            if kind == "c":
                lost = True
            else:
                rest.add(asn)
    rest -= {asn for _, asn in common}
    segs = []
    for kind, asn in common + [("t", a) for a in sorted(rest)]:
        if segs and segs[-1][0] == kind:
            segs[-1][1].append(asn)
        else:
            segs.append((kind, [asn]))
    text = []
    for kind, asns in segs:
        if kind == "s":
            text.append(" ".join(map(str, asns)))
        elif kind == "t":
            text.append("{" + ",".join(map(str, asns)) + "}")
        else:
            text.append("(" + " ".join(map(str, asns)) + ")")
    return " ".join(text), lost


def comm_value(text):
    if text in WELL_KNOWN:
        return WELL_KNOWN[text]
    a, b = text.split(":")
    return int(a) << 16 | int(b)


def comm_text(v):
    for k, w in WELL_KNOWN.items():
        if v == w:
            return k
    return "%d:%d" % (v >> 16, v & 0xffff)


def summaries(bests):
    """{prefix: route tuple} of the summaries and the suppressed set."""
    v4 = []
    for p, b in bests.items():
        addr, _, length = p.partition("/")
        if ":" not in addr:
            v4.append((v4_int(addr), int(length), p, b))
    out = {}
    suppressed = set()
    for s, mode, as_set in SUMMARIES:
        if mode == "originate":
            out[s] = ("", "IGP", False, "-", "")
            continue
        addr, _, slen = s.partition("/")
        sa, slen = v4_int(addr), int(slen)
        mask = (0xffffffff << (32 - slen)) & 0xffffffff
        inside = [(p, b) for a, ln, p, b in v4
                  if ln > slen and (a & mask) == sa]
        contrib = [b for _, b in inside]
        if not contrib:
            continue
        if mode == "summary-only":
            suppressed.update(p for p, _ in inside)
        origin = ORIGIN_NAME[max(bp.ORIGIN[b.origin] for b in contrib)]
        atomic = any(b.f[12] == "AG" for b in contrib)
        if as_set:
            path, lost = aggregate_path([b.aspath for b in contrib])
            comms = sorted({comm_value(c) for b in contrib
                            for c in b.comms.split()})
            out[s] = (path, origin, atomic or lost, OWN,
                      " ".join(comm_text(c) for c in comms))
        else:
            atomic = atomic or any(b.aspath for b in contrib)
            out[s] = ("", origin, atomic, OWN, "")
    return out, suppressed


def ours_aggregates(path):
    """Our summaries {prefix: tuple} and suppressed prefixes from --json."""
    aggs = {}
    supp = set()
    section = None
    with open(path) as f:
        for line in f:
            line = line.rstrip().rstrip(",")
            if line.startswith('"') and '":' in line:
                section = line[1:-3] if line.endswith('":[') else None
            elif line.startswith('"') and section == "suppressed":
                supp.add(json.loads(line))
            elif line.startswith("{") and section == "aggregates":
                o = json.loads(line)
                aggs[o["prefix"]] = (o["as-path"], o["origin"],
                                     o["atomic-aggregate"], o["aggregator"],
                                     o["communities"])
    return aggs, supp


def check_aggregates(bests, ours_path):
    """Compare summaries and suppression; returns the number of problems."""
    want, want_supp = summaries(bests)
    got, got_supp = ours_aggregates(ours_path)
    bad = 0
    for p in sorted(set(want) | set(got)):
        if want.get(p) != got.get(p):
            bad += 1
            print("# aggregate %s: ours %r oracle %r" %
                  (p, got.get(p), want.get(p)))
    if want_supp != got_supp:
        bad += 1
        print("# suppressed: %d only ours, %d only oracle" %
              (len(got_supp - want_supp), len(want_supp - got_supp)))
    print("# aggregates: %d summaries, %d suppressed prefixes, %d problems" %
          (len(want), len(want_supp), bad))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="our --json output")
    ap.add_argument("--max-paths", type=int, default=8)
    ap.add_argument("--rules", choices=("rv", "nlix"), default="rv")
    ap.add_argument("mrt", nargs="+", help="MRT inputs, in replay order")
    a = ap.parse_args()
    table = bp.Table(64999)
    rules = accept_nlix if a.rules == "nlix" else accept
    for path in a.mrt:
        table.load(path + ".bgpdump-m.txt.gz", bp.peer_index(path))
    routes = bp.ours_load(a.ours)
    rejected = [0]

    def chain(pfx, p):
        q = rules(table, pfx, p)
        rejected[0] += q is None
        return q

    bests = {}
    agree, total, bad = bp.compare(table, routes, a.max_paths, chain,
                                   bests=bests)
    aggbad = check_aggregates(bests, a.ours) if a.rules == "rv" else 0
    print("# %s with policy: %d paths rejected, %d routes in our Loc-RIB, "
          "agree %d of %d prefixes" %
          (" + ".join(p.rsplit("/", 1)[-1] for p in a.mrt), rejected[0],
           len(routes), agree, total))
    return 0 if not bad and not aggbad and total > 0 and rejected[0] > 0 \
        else 1


if __name__ == "__main__":
    sys.exit(main())
