#!/usr/bin/env python3
"""Independent best-path oracle for `crossroute mrt replay` (standard library only).

Reads the bgpdump 1.6.2 `-m` oracle lines of one or more MRT files (the
`FILE.bgpdump-m.txt.gz` beside each input), builds every prefix's candidate
paths from them (RIB entries; BGP4MP announcements, withdrawals and session
drops applied in file order), computes the RFC 4271 9.1.2.2 decision itself
and compares, prefix by prefix, with the JSON Loc-RIB that
`crossroute mrt replay --json` printed. Nothing here reads our earlier output
or our code's tables.

Decision (generic profile, as RFC 4271 9.1.2.2 with the options the replay
uses by default):
  eligible      every path whose AS path lacks --local-as (RFC 4271 9.1.2;
                no check without it; next hops are reachable offline); with
                rules, only what the policy accepts
  local-pref    highest; bgpdump prints 0 for an absent LOCAL_PREF, which
                counts as the default 100 (a present 0 cannot be told apart:
                no such entry in the test files)
  as-path       shortest; AS_SET counts 1, confederation segments 0
  origin        IGP < EGP < INCOMPLETE
  med           lowest, only among paths from the same neighbour AS (first
                AS of the first AS_SEQUENCE); absent MED (printed 0) is 0
  ebgp          eBGP over iBGP (iBGP = peer AS equals --local-as)
  router-id     lowest BGP identifier, taken from the file's own
                PEER_INDEX_TABLE, parsed here from the MRT bytes (bgpdump -m
                does not print it); for TABLE_DUMP and BGP4MP-only peers the
                IPv4 session address (0 for IPv6), the replay's documented
                rule. ORIGINATOR_ID / CLUSTER_LIST are not in the oracle
                format: none of the test files is from a route reflector
                client, so they cannot decide.
  peer-address  lowest; IPv4 before IPv6, then by address bytes
With --profile dx (SPEC 2.2): local-pref (a LOCAL_PREF that is present,
else 100/200/300 for 7224:7100/7200/7300, lowest present, untagged 200), AS
path length, then router id and peer address; MED and ORIGIN are not steps.
With --profile cloud-router (SPEC 2.5): local-pref, MED as priority (lower
wins, compared across neighbour ASes, absent 0), router id, peer address.
Both share traffic among all survivors of their steps (any AS path).
Step sets are eliminated in order (RFC 9.1.2.2 literally), the deciding step
is where one path is left (or the first tie-break that separates the best from
the runner-up), and the multipath set is the best path plus the survivors of
steps a-e with an identical AS path, capped at --max-paths.
"""

import argparse
import bz2
import gzip
import ipaddress
import json
import struct
import sys

ORIGIN = {"IGP": 0, "EGP": 1, "INCOMPLETE": 2}
ESTABLISHED = "6"


def open_any(path):
    """Open a raw, gzip or bzip2 file by its magic bytes."""
    with open(path, "rb") as f:
        magic = f.read(3)
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    if magic == b"BZh":
        return bz2.open(path, "rb")
    return open(path, "rb")


def peer_index(path, max_records=64):
    """{(ip_address, as): bgp_id} from the first PEER_INDEX_TABLE, or {}."""
    ids = {}
    with open_any(path) as f:
        for _ in range(max_records):
            hdr = f.read(12)
            if len(hdr) < 12:
                break
            _, typ, sub, length = struct.unpack(">IHHI", hdr)
            body = f.read(length)
            if typ != 13 or sub != 1:
                continue
            pos = 4
            (vlen,) = struct.unpack_from(">H", body, pos)
            pos += 2 + vlen
            (count,) = struct.unpack_from(">H", body, pos)
            pos += 2
            for _ in range(count):
                ptype = body[pos]
                (bgp_id,) = struct.unpack_from(">I", body, pos + 1)
                pos += 5
                alen = 16 if ptype & 1 else 4
                ip = ipaddress.ip_address(body[pos:pos + alen])
                pos += alen
                if ptype & 2:
                    (asn,) = struct.unpack_from(">I", body, pos)
                    pos += 4
                else:
                    (asn,) = struct.unpack_from(">H", body, pos)
                    pos += 2
                ids.setdefault((ip, asn), bgp_id)
            break
    return ids


def aspath_parse(text):
    """(RFC 4271 9.1.2.2 a length, neighbour AS) of a bgpdump AS path text."""
    length = 0
    first = None
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == " ":
            i += 1
        elif c in "{[(":
            close = {"{": "}", "[": "]", "(": ")"}[c]
            j = text.index(close, i)
            if c == "{":
                length += 1
            i = j + 1
        else:
            j = i
            while j < n and text[j].isdigit():
                j += 1
            if j == i:
                raise ValueError("bad AS path text: %r" % text)
            if first is None:
                first = int(text[i:j])
            length += 1
            i = j
    return length, first or 0


# Oracle line fields (bgpdump -m): 3 peer, 4 peer AS, 5 prefix, 6 AS path,
# 7 origin, 8 next hop, 9 local pref, 10 MED, 11 communities.
F_PEER, F_PAS, F_PFX, F_PATH, F_ORIGIN, F_NH, F_LP, F_MED, F_COMM = range(3, 12)


def aspath_info(text):
    """aspath_parse() with a fast path for plain sequences."""
    if "{" in text or "(" in text or "[" in text:
        return aspath_parse(text)
    toks = text.split()
    return len(toks), int(toks[0]) if toks else 0


class Path:
    """One candidate with the decision inputs derived from its oracle line."""
    __slots__ = ("f", "peer", "peer_as", "aspath", "origin", "lp", "med",
                 "comms", "aslen", "nbr_as", "ebgp", "rid", "addr_key")

    def __init__(self, f, peer, rid, local_as):
        self.f = f
        self.peer = peer
        self.peer_as = int(f[F_PAS])
        self.aspath = f[F_PATH]
        self.origin = f[F_ORIGIN]
        lp = int(f[F_LP])
        self.lp = lp if lp != 0 else 100
        self.med = int(f[F_MED])
        self.comms = f[F_COMM]
        self.aslen = None
        self.nbr_as = None
        self.ebgp = not (local_as and self.peer_as == local_as)
        self.rid = rid
        self.addr_key = None

    def prep(self):
        """Derive what only a choice between several paths needs."""
        self.aslen, self.nbr_as = aspath_info(self.aspath)
        self.addr_key = (self.peer.version, self.peer.packed)

    def want(self, why, mp, npaths):
        """What our JSON must say for this best path."""
        return (self.f[F_PEER], self.peer_as, self.aspath, self.lp,
                self.med, self.origin, self.comms, why, mp, npaths)


def prefix_key(text):
    return str(ipaddress.ip_network(text, strict=False))


class Table:
    """Adj-RIB-In from oracle lines: {prefix text: {(peer, AS) text: fields}}.

    Prefixes are keyed by their text as printed; bgpdump 1.6.2 does not mask
    host bits, so compare() falls back to the masked form on a miss."""

    def __init__(self, local_as):
        self.local_as = local_as
        self.rib = {}
        self.lines = 0
        self.rids = {}
        self.peers = {}

    def load(self, oracle, rids):
        """Apply the lines of one oracle file; rids: {(ip, AS): bgp id}."""
        for k, v in rids.items():
            self.rids.setdefault(k, v)
        rib = self.rib
        with gzip.open(oracle, "rt") as f:
            for line in f:
                self.lines += 1
                fl = line.rstrip("\n").split("|")
                if fl[0] == "TABLE_DUMP2" or fl[2] == "A":
                    paths = rib.get(fl[F_PFX])
                    if paths is None:
                        rib[fl[F_PFX]] = paths = {}
                    paths[(fl[F_PEER], fl[F_PAS])] = fl
                else:
                    self.line(fl)

    def line(self, f):
        kind = f[2]
        if f[0] == "TABLE_DUMP":
            self.rib.setdefault(f[F_PFX], {})[(f[F_PEER], f[F_PAS])] = f
        elif kind == "W":
            paths = self.rib.get(f[F_PFX])
            if paths is not None:
                paths.pop((f[F_PEER], f[F_PAS]), None)
        elif kind == "STATE":
            if f[5] == ESTABLISHED and f[6] != ESTABLISHED:
                peer = (f[F_PEER], f[F_PAS])
                for paths in self.rib.values():
                    paths.pop(peer, None)
        else:
            raise ValueError("unexpected oracle line: %r" % "|".join(f))

    def loops(self, p):
        """RFC 4271 9.1.2: our own AS in the (post-policy) AS path."""
        mine = str(self.local_as)
        text = p.aspath
        if mine not in text:
            return False
        for c in "{}[](),":
            text = text.replace(c, " ")
        return mine in text.split()

    def path(self, f):
        """The Path of an oracle line (router id per the module doc)."""
        peer = self.peers.get(f[F_PEER])
        if peer is None:
            peer = self.peers[f[F_PEER]] = ipaddress.ip_address(f[F_PEER])
        rid = self.rids.get((peer, int(f[F_PAS])))
        if rid is None:
            rid = int(peer) if peer.version == 4 else 0
        return Path(f, peer, rid, self.local_as)


def keep_min(paths, key):
    best = min(key(p) for p in paths)
    return [p for p in paths if key(p) == best]


def dx_lp(p):
    """SPEC 2.2: a LOCAL_PREF that is there, else the 7224 class."""
    if p.f[F_LP] != "0":
        return p.lp
    comms = p.comms.split()
    for c, v in (("7224:7100", 100), ("7224:7200", 200), ("7224:7300", 300)):
        if c in comms:
            return v
    return 200


def tiebreak(s, max_paths, same_path):
    """Best of the survivors s by router id, then peer address."""
    order = sorted(s, key=lambda p: (p.rid, p.addr_key))
    best, second = order[0], order[1]
    if best.rid != second.rid:
        why = "router-id"
    elif best.addr_key != second.addr_key:
        why = "peer-address"
    else:
        why = "peer-id"
    n = sum(1 for p in s if p.aspath == best.aspath) if same_path else len(s)
    return best, why, min(n, max_paths)


def decide_cloud(s, max_paths, profile):
    """SPEC 2.2 (dx) and 2.5 (cloud-router) step lists."""
    if profile == "dx":
        steps = (("local-pref", lambda p: -dx_lp(p)),
                 ("as-path-length", lambda p: p.aslen))
    else:
        steps = (("local-pref", lambda p: -p.lp),
                 ("med", lambda p: p.med))
    for name, key in steps:
        s = keep_min(s, key)
        if len(s) == 1:
            return s[0], name, 1
    return tiebreak(s, max_paths, False)


def decide(paths, max_paths, profile="generic"):
    """(best, deciding step name, multipath set size) per RFC 4271 9.1.2.2
    (or the dx / cloud-router step lists of SPEC 2.2 / 2.5)."""
    if not paths:
        return None, None, 0
    if len(paths) == 1:
        return paths[0], "none", 1
    s = list(paths)
    for p in s:
        p.prep()
    if profile != "generic":
        return decide_cloud(s, max_paths, profile)
    for name, key in (("local-pref", lambda p: -p.lp),
                      ("as-path-length", lambda p: p.aslen),
                      ("origin", lambda p: ORIGIN[p.origin])):
        s = keep_min(s, key)
        if len(s) == 1:
            return s[0], name, 1
    # (c) MED only among routes from the same neighbour AS.
    s = [p for p in s if not any(q.nbr_as == p.nbr_as and q.med < p.med
                                 for q in s)]
    if len(s) == 1:
        return s[0], "med", 1
    # (d) eBGP over iBGP.
    if any(p.ebgp for p in s) and not all(p.ebgp for p in s):
        s = [p for p in s if p.ebgp]
        if len(s) == 1:
            return s[0], "ebgp-over-ibgp", 1
    return tiebreak(s, max_paths, True)


def ours_load(path):
    """{prefix text: route tuple (as Path.want())} from our --json output.

    The document holds one route object per line (its documented layout),
    so it is read line by line instead of as one 150 MB object."""
    routes = {}
    section = None
    loads = json.loads
    with open(path) as f:
        for line in f:
            if line.startswith('{"prefix"'):
                if section == "routes":
                    o = loads(line.rstrip().rstrip(","))
                    routes[o["prefix"]] = (
                        o["peer"], o["peer-as"], o["as-path"],
                        o["local-pref"], o["med"] or 0, o["origin"],
                        o["communities"], o["step"], o["multipath"],
                        o["paths"])
            elif line.startswith('"'):
                section = "routes" if line.startswith('"routes":[') else None
    return routes


def compare(table, routes, max_paths, accept=None, out=sys.stdout,
            show=10, bests=None, profile="generic"):
    """Compare every prefix with candidates; return (agree, total, bad).

    accept(prefix text, Path) returns the Path after import policy (maybe
    a new one) or None when the policy rejects it. bests, a dict, receives
    the oracle's best Path per prefix."""
    agree = 0
    bad = []
    seen = set()
    for pfx, cands in table.rib.items():
        if not cands:
            continue
        paths = [table.path(f) for f in cands.values()]
        if accept is not None:
            paths = [q for q in (accept(pfx, p) for p in paths) if q]
        if table.local_as:
            paths = [p for p in paths if not table.loops(p)]
        best, why, mp = decide(paths, max_paths, profile)
        ours = routes.get(pfx)
        if ours is None and pfx not in routes:
            key = prefix_key(pfx)
            if key != pfx:
                ours = routes.get(key)
                pfx = key
        if pfx in seen:
            bad.append((pfx, "prefix twice in the oracle (host bits)"))
            continue
        seen.add(pfx)
        if bests is not None and best is not None:
            bests[pfx] = best
        if best is None:
            if ours is None:
                agree += 1
            else:
                bad.append((pfx, "we have a route, oracle has none"))
            continue
        diff = route_diff(best, why, mp, len(cands), ours,
                          dx_lp(best) if profile == "dx" else best.lp)
        if diff:
            bad.append((pfx, diff))
        else:
            agree += 1
    for pfx in routes:
        if pfx not in seen:
            bad.append((pfx, "route only in our Loc-RIB"))
    total = agree + len(bad)
    for pfx, diff in bad[:show]:
        print("# mismatch %s: %s" % (pfx, diff), file=out)
    return agree, total, bad


FIELDS = ("peer", "peer-as", "as-path", "local-pref", "med", "origin",
          "communities", "step", "multipath", "paths")


def route_diff(best, why, mp, npaths, ours, lp):
    """'' when our route equals the oracle's choice (local-pref lp as
    compared), else what differs."""
    if ours is None:
        return "missing in our Loc-RIB (oracle best via %s)" % best.peer
    want = best.want(why, mp, npaths)
    want = want[:3] + (lp,) + want[4:]
    if ours == want:
        return ""
    diffs = ["%s: ours %r oracle %r" % (k, g, w)
             for k, g, w in zip(FIELDS, ours, want) if g != w]
    if ours[0] != want[0] and ipaddress.ip_address(ours[0]) == best.peer:
        diffs = diffs[1:]
    if ours[1:] == want[1:] and not diffs:
        return ""
    return "; ".join(diffs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="our --json output")
    ap.add_argument("--local-as", type=int, default=0)
    ap.add_argument("--max-paths", type=int, default=8)
    ap.add_argument("--profile", default="generic",
                    choices=("generic", "dx", "cloud-router"))
    ap.add_argument("mrt", nargs="+", help="MRT inputs, in replay order")
    a = ap.parse_args()
    table = Table(a.local_as)
    for path in a.mrt:
        # A peer keeps the identifier of the first table that named it.
        table.load(path + ".bgpdump-m.txt.gz", peer_index(path))
    routes = ours_load(a.ours)
    agree, total, bad = compare(table, routes, a.max_paths,
                                profile=a.profile)
    print("# %s: %d oracle lines, %d prefixes, agree %d of %d" %
          (" + ".join(p.rsplit("/", 1)[-1] for p in a.mrt), table.lines,
           len(table.rib), agree, total))
    return 0 if not bad and total > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
