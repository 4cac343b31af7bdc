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
  nlix-in    reject 185.186.28.0/22 exactly; community 8529:707 ->
             local-pref 200 and add community 64999:707; accept
             185.186.0.0/16 le 23; falling off the chain: the default,
             reject (RFC 8212).
"""

import argparse
import ipaddress
import sys

import bestpath as bp


def v4_int(text):
    a, b, c, d = text.split(".")
    return (int(a) << 24) | (int(b) << 16) | (int(c) << 8) | int(d)


# (network int, network length, lower, upper) for IPv4; IPv6 separately.
BOGONS4 = [(v4_int(n), ln, lo, hi) for n, ln, lo, hi in (
    ("0.0.0.0", 0, 0, 7), ("0.0.0.0", 0, 25, 32), ("10.0.0.0", 8, 8, 32),
    ("100.64.0.0", 10, 10, 32), ("172.16.0.0", 12, 12, 32),
    ("192.168.0.0", 16, 16, 32), ("41.0.0.0", 8, 24, 24))]
BOGONS6 = [(ipaddress.ip_network("::/0"), 49, 128)]

HIGH = {"37105:300", "3741:1111"}
LOW = {"3741:3150"}
MAIN = ipaddress.ip_address("196.223.14.55")
TAGGED = {ipaddress.ip_address("196.223.14.10"),
          ipaddress.ip_address("2001:43f8:1f0::10")}
TAGS = ["65000:10", "3741:1111"]


def is_bogon(pfx):
    addr, _, length = pfx.partition("/")
    length = int(length)
    if ":" in addr:
        net = ipaddress.ip_network(pfx, strict=False)
        return any(net.subnet_of(n) and lo <= length <= hi
                   for n, lo, hi in BOGONS6)
    a = v4_int(addr)
    for n, ln, lo, hi in BOGONS4:
        mask = (0xffffffff << (32 - ln)) & 0xffffffff
        if (a & mask) == n and lo <= length <= hi:
            return True
    return False


NLIX_PEER = ipaddress.ip_address("193.239.116.255")


def accept_nlix(table, pfx, p):
    """nlix-in on the configured neighbour; other peers pass unchanged."""
    if p.peer != NLIX_PEER:
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
    if bp.aspath_parse(p.aspath)[0] >= 9:
        return None
    f = list(p.f)
    comms = f[bp.F_COMM].split()
    if HIGH.intersection(comms):
        f[bp.F_LP] = "300"
    if LOW.intersection(comms):
        f[bp.F_LP] = "50"
    if p.peer == MAIN:
        f[bp.F_PATH] = ("30844 30844 " + f[bp.F_PATH]).rstrip()
    if p.peer in TAGGED:
        for c in TAGS:
            if c not in comms:
                comms.append(c)
        f[bp.F_COMM] = " ".join(comms)
    return table.path(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="our --json output")
    ap.add_argument("--max-paths", type=int, default=8)
    ap.add_argument("--rules", choices=("rv", "nlix"), default="rv")
    ap.add_argument("mrt", nargs="+", help="MRT inputs, in replay order")
    a = ap.parse_args()
    table = bp.Table(64999 if a.rules == "nlix" else 0)
    rules = accept_nlix if a.rules == "nlix" else accept
    for path in a.mrt:
        table.load(path + ".bgpdump-m.txt.gz", bp.peer_index(path))
    routes = bp.ours_load(a.ours)
    rejected = [0]

    def chain(pfx, p):
        q = rules(table, pfx, p)
        rejected[0] += q is None
        return q

    agree, total, bad = bp.compare(table, routes, a.max_paths, chain)
    print("# %s with policy: %d paths rejected, %d routes in our Loc-RIB, "
          "agree %d of %d prefixes" %
          (" + ".join(p.rsplit("/", 1)[-1] for p in a.mrt), rejected[0],
           len(routes), agree, total))
    return 0 if not bad and total > 0 and rejected[0] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
