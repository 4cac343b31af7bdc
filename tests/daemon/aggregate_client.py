#!/usr/bin/python3
# Global aggregates of crossrouted on loopback: a source (127.0.0.1, AS
# 65001) announces contributors of 10.1.0.0/16 (aggregate) and 10.2.0.0/16
# (summary-only); the sink (127.0.0.2, AS 65002) must get the summaries
# with ATOMIC_AGGREGATE and AGGREGATOR while a contributor exists, lose
# them with the last one, and never get a summary-only contributor.
# Prints TAP. Usage: aggregate_client.py PORT CTLSOCK CROSSROUTE PID TMPDIR
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bgp_client as bc  # noqa: E402
import reload_client as rc  # noqa: E402


def attrs_of(m):
    """{type code: value bytes} of an UPDATE."""
    body = m[19:]
    wl = struct.unpack("!H", body[:2])[0]
    al = struct.unpack("!H", body[2 + wl:4 + wl])[0]
    pa, out, i = body[4 + wl:4 + wl + al], {}, 0
    while i < len(pa):
        flags, code = pa[i], pa[i + 1]
        if flags & 0x10:
            ln, i = struct.unpack("!H", pa[i + 2:i + 4])[0], i + 4
        else:
            ln, i = pa[i + 2], i + 3
        out[code] = pa[i:i + ln]
        i += ln
    return out


def collect(s, want):
    """{prefix: (as path, attrs) or None (withdrawn)} until every prefix of
    want was seen, or None."""
    got = {}
    end = time.monotonic() + bc.DEADLINE
    while not want <= set(got) and time.monotonic() < end:
        m = bc.recv_msg(s, max(0.1, end - time.monotonic()))
        if m is None or m[18] == 3:
            return None
        if m[18] != 2:
            continue
        wd, path, ann = bc.parse_update(m)
        for p in ann:
            got[p] = (path, attrs_of(m))
        for p in wd:
            got[p] = None
    return got if want <= set(got) else None


def main():
    print("1..8", flush=True)
    ok = bc.ok
    src = bc.connect("127.0.0.1", 65001)
    sink = bc.connect("127.0.0.2", 65002)
    ok(src and sink and bc.poll(lambda: bc.established("127.0.0.1") and
                                bc.established("127.0.0.2"), "up"),
       "source and sink Established")
    for n in (bytes([24, 10, 1, 1]), bytes([24, 10, 2, 1])):
        src.sendall(bc.update(nlri=n, pattrs=bc.attrs()))
    src.sendall(bc.update(nlri=bytes([16, 10, 5]), pattrs=bc.attrs()))
    got = collect(sink, {"10.1.0.0/16", "10.1.1.0/24", "10.2.0.0/16",
                         "10.5.0.0/16"})
    aggr = struct.pack("!I", 64512) + socket.inet_aton("192.0.2.1")
    s1 = (got or {}).get("10.1.0.0/16")
    ok(s1 is not None and s1[0] == [64512] and 6 in s1[1] and
       s1[1].get(7) == aggr and s1[1].get(1) == bytes([0]),
       "sink gets 10.1.0.0/16 with AS_PATH 64512, ATOMIC_AGGREGATE, "
       "AGGREGATOR 64512 192.0.2.1")
    s2 = (got or {}).get("10.2.0.0/16")
    ok(s2 is not None and 6 in s2[1] and s2[1].get(7) == aggr and
       got.get("10.1.1.0/24") is not None,
       "summary-only 10.2.0.0/16 sent; contributor 10.1.1.0/24 of the "
       "plain aggregate sent too")
    ok(got is not None and "10.2.1.0/24" not in got,
       "summary-only contributor 10.2.1.0/24 not exported")
    src.sendall(bc.update(withdrawn=bytes([24, 10, 1, 1])))
    got = collect(sink, {"10.1.0.0/16", "10.1.1.0/24"})
    ok(got is not None and got["10.1.0.0/16"] is None and
       got["10.1.1.0/24"] is None,
       "last contributor withdrawn: the summary is withdrawn with it")
    # Reload: 10.2.0.0/16 becomes a plain aggregate; its contributor flows.
    os.replace(os.path.join(rc.TMP, "b.json"), os.path.join(rc.TMP, "xr.json"))
    os.kill(rc.DPID, 1)
    got = collect(sink, {"10.2.1.0/24"})
    ok(got is not None and got["10.2.1.0/24"] is not None and
       "10.2.0.0/16" not in got and bc.established("127.0.0.2"),
       "SIGHUP, summary-only -> aggregate: the contributor is sent, the "
       "unchanged summary is not re-sent, session kept")
    src.sendall(bc.update(withdrawn=bytes([24, 10, 2, 1])))
    src.sendall(bc.update(withdrawn=bytes([16, 10, 5])))
    got = collect(sink, {"10.2.0.0/16", "10.2.1.0/24", "10.5.0.0/16"})
    ok(got is not None and got["10.2.0.0/16"] is None and
       got["10.2.1.0/24"] is None,
       "last contributor withdrawn: summary and contributor withdrawn")
    os.kill(rc.DPID, 15)
    return 1 if bc.failed else 0


if __name__ == "__main__":
    sys.exit(main())
