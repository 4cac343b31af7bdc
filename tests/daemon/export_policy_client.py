#!/usr/bin/python3
# Export policy per link and summarize per attach point, driven by python
# speakers (see export_policy.sh): a source (127.0.0.1, AS 65001) and the
# Cloud Router ends of links 1 and 2 (127.0.1.2 and 127.0.1.6, AS 65000).
# One export chain for both links: link 1 gets MED 111 and the summary-only
# 10.0.0.0/8, link 2 gets the contributors and no MED; drained by a reload,
# link 2 gets MED 222 + 10000 (the drain). Prints TAP.
# Usage: export_policy_client.py PORT CTLSOCK CROSSROUTE PID TMPDIR
import os
import signal
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bgp_client as bc  # noqa: E402
import reload_client as rc  # noqa: E402
import aggregate_client as ac  # noqa: E402

AGGR = struct.pack("!I", 64512) + socket.inet_aton("192.0.2.1")
SEEN = {"l1": {}, "l2": {}}


def link(src, dst, rid):
    """A Cloud Router end: connect from src to crossrouted's end dst."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(bc.DEADLINE)
    s.bind((src, 0))
    s.connect((dst, rc.PORT))
    s.sendall(bc.open_msg(65000, 90, rid))
    m = bc.recv_msg(s)
    if m is None or m[18] != 1:
        return None
    s.sendall(bc.msg(4, b""))
    return s


def collect(name, s, want):
    """aggregate_client.collect(), everything also kept in SEEN[name];
    None when the deadline passes first."""
    try:
        got = ac.collect(s, want)
    except OSError:
        print("# %s: timed out waiting for %s" % (name, sorted(want)))
        got = None
    SEEN[name].update(got or {})
    return got


def pfx(text):
    a, n = text.split("/")
    n = int(n)
    return bytes([n]) + socket.inet_aton(a)[:(n + 7) // 8]


def announce(src, *prefixes):
    for p in prefixes:
        src.sendall(bc.update(nlri=pfx(p), pattrs=bc.attrs()))


def withdraw(src, *prefixes):
    for p in prefixes:
        src.sendall(bc.update(withdrawn=pfx(p)))


def members(addr):
    return (bc.nb(addr) or {}).get("group_members")


def main():
    print("1..10", flush=True)
    ok = bc.ok
    # Routes before the links come up (their table dump feeds the
    # summary), then one more contributor while they are up.
    src = bc.connect("127.0.0.1", 65001)
    announce(src, "10.1.1.0/24", "20.1.0.0/16")
    in_rib = src and bc.poll(lambda: bc.has_route("20.1.0.0/16") and
                             bc.has_route("10.1.1.0/24"), "source routes")
    l1 = link("127.0.1.2", "127.0.1.1", "192.0.2.11")
    l2 = link("127.0.1.6", "127.0.1.5", "192.0.2.12")
    up = in_rib and l1 and l2 and bc.poll(
        lambda: all(bc.established(a) for a in
                    ("127.0.0.1", "127.0.1.2", "127.0.1.6")), "up")
    if not ok(up and members("127.0.1.2") == 1 and members("127.0.1.6") == 1,
              "source and both links Established, each link its own "
              "export group (the chain tests the link)"):
        return 1
    g1 = collect("l1", l1, {"20.1.0.0/16", "10.0.0.0/8"}) or {}
    g2 = collect("l2", l2, {"20.1.0.0/16", "10.1.1.0/24"}) or {}
    announce(src, "10.1.2.0/24")
    g2.update(collect("l2", l2, {"10.1.2.0/24"}) or {})
    r1, r2 = g1.get("20.1.0.0/16"), g2.get("20.1.0.0/16")
    ok(r1 is not None and r1[1].get(4) == struct.pack("!I", 111) and
       r1[0] == [64512, 65001],
       "link 1: 20.1.0.0/16 with MED 111 (match-link-set on export)")
    ok(r2 is not None and 4 not in r2[1] and r2[0] == [64512, 65001],
       "link 2: 20.1.0.0/16 from the same chain without MED")
    lp = {r["prefix"]: (r["paths"][0]["local_pref"],
                        r["paths"][0]["effective_local_pref"])
          for r in (bc.show("routes") or {}).get("routes", [])}
    if not ok(lp.get("20.1.0.0/16") == (None, 200),
              "show routes: eBGP-learned 20.1.0.0/16 has local_pref null, "
              "effective 200 (DX profile, untagged = medium)"):
        print("# %s" % lp)
    s = g1.get("10.0.0.0/8")
    ok(s is not None and s[0] == [64512] and 6 in s[1] and
       s[1].get(7) == AGGR and "10.1.1.0/24" not in g1 and
       "10.1.2.0/24" not in g1,
       "link 1: summary 10.0.0.0/8 from the table dump, AS_PATH 64512, "
       "ATOMIC_AGGREGATE, AGGREGATOR 64512 192.0.2.1; contributors not sent")
    ok(g2.get("10.1.1.0/24") is not None and
       g2.get("10.1.2.0/24") is not None and "10.0.0.0/8" not in g2,
       "link 2: the contributors, no summary")
    # One contributor goes: two markers later link 1 still has the summary.
    withdraw(src, "10.1.1.0/24")
    announce(src, "30.0.0.0/8")
    m1 = collect("l1", l1, {"30.0.0.0/8"})
    announce(src, "30.1.0.0/16")
    m2 = collect("l1", l1, {"30.1.0.0/16"})
    g2 = collect("l2", l2, {"10.1.1.0/24", "30.1.0.0/16"}) or {}
    ok(m1 is not None and m2 is not None and "10.0.0.0/8" not in m1 and
       "10.0.0.0/8" not in m2 and g2.get("10.1.1.0/24", 1) is None,
       "first contributor withdrawn: link 2 gets the withdrawal, link 1 "
       "keeps the summary")
    withdraw(src, "10.1.2.0/24")
    g1 = collect("l1", l1, {"10.0.0.0/8"}) or {}
    g2 = collect("l2", l2, {"10.1.2.0/24"}) or {}
    ok("10.0.0.0/8" in g1 and g1["10.0.0.0/8"] is None and
       g2.get("10.1.2.0/24", 1) is None and
       not any(p.startswith("10.1.") for p in SEEN["l1"]),
       "last contributor withdrawn: link 1 loses the summary, never saw a "
       "contributor")
    # Reload draining link 2: its link roles change, so its export key:
    # another group and a table dump where the "draining" set gives MED 222
    # and the drain itself (SPEC 1.6) adds 10000 and GRACEFUL_SHUTDOWN.
    before = (bc.nb("127.0.1.6") or {}).get("established_count")
    os.replace(os.path.join(rc.TMP, "b.json"), os.path.join(rc.TMP, "xr.json"))
    os.kill(rc.DPID, signal.SIGHUP)
    g2 = collect("l2", l2, {"20.1.0.0/16"}) or {}
    r2 = g2.get("20.1.0.0/16")
    comms = r2[1].get(8, b"") if r2 is not None else b""
    ok(r2 is not None and r2[1].get(4) == struct.pack("!I", 10222) and
       struct.pack("!I", 0xFFFF0000) in
       [comms[i:i + 4] for i in range(0, len(comms), 4)] and
       (bc.nb("127.0.1.6") or {}).get("established_count") == before and
       bc.established("127.0.1.6"),
       "SIGHUP drains link 2: re-grouped without a reset, 20.1.0.0/16 "
       "re-sent with MED 222 + 10000 (drain) and GRACEFUL_SHUTDOWN")
    return 1 if bc.failed else 0


if __name__ == "__main__":
    try:
        rv = main()
    finally:
        try:
            os.kill(rc.DPID, 15)
        except ProcessLookupError:
            pass
    sys.exit(rv)
