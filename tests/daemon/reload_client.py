#!/usr/bin/python3
# Configuration reload (SIGHUP) of crossrouted on loopback, driven by three
# python BGP speakers: a source (127.0.0.1, AS 65001) announcing three
# prefixes, a sink (127.0.0.2, AS 65002) whose export policy prepends our AS
# twice for the prefixes of prefix-set "pfx", and a third neighbour
# (127.0.0.3, AS 65003) that the new configuration removes. Prints TAP.
# Usage: reload_client.py PORT CTLSOCK CROSSROUTE_BINARY DAEMON_PID TMPDIR
import os
import signal
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bgp_client as bc  # noqa: E402

PORT, CTL, SHOW, DPID, TMP = (int(sys.argv[1]), sys.argv[2], sys.argv[3],
                              int(sys.argv[4]), sys.argv[5])
bc.PORT, bc.CTL, bc.SHOW = PORT, CTL, SHOW
PFX = {"10.1.0.0/16": bytes([16, 10, 1]), "10.2.0.0/16": bytes([16, 10, 2]),
       "10.3.0.0/16": bytes([16, 10, 3]), "10.5.0.0/16": bytes([16, 10, 5])}







def collect(s, want):
    """Read UPDATEs until every prefix of want was announced; return
    {prefix: as path} of everything announced on the way (keepalives
    skipped), or None on a NOTIFICATION / close / deadline."""
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
            got[p] = path
        for p in wd:
            got[p] = None
    return got if want <= set(got) else None


def write_conf(name):
    os.replace(os.path.join(TMP, name), os.path.join(TMP, "xr.json"))


def local_prefs():
    """prefix -> (LOCAL_PREF carried or None, value the decision uses)"""
    j = bc.show("routes") or {}
    return {r["prefix"]: (r["paths"][0]["local_pref"],
                          r["paths"][0]["effective_local_pref"])
            for r in j.get("routes", []) if r["multipath"] > 0}


def log_has(text):
    with open(os.path.join(TMP, "log")) as f:
        return text in f.read()


def main():
    print("1..16", flush=True)
    src = bc.connect("127.0.0.1", 65001)
    sink = bc.connect("127.0.0.2", 65002)
    third = bc.connect("127.0.0.3", 65003)
    ok = bc.ok
    ok(src and sink and third and
       bc.poll(lambda: all(bc.established(a) for a in
                           ("127.0.0.1", "127.0.0.2", "127.0.0.3")), "up"),
       "three sessions Established")
    for p in ("10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"):
        src.sendall(bc.update(nlri=PFX[p], pattrs=bc.attrs()))
    got = collect(sink, {"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"})
    ok(got is not None and got["10.1.0.0/16"] == [64512, 64512, 64512, 65001]
       and got["10.2.0.0/16"] == [64512, 65001] and
       got["10.3.0.0/16"] == [64512, 65001] and
       bc.poll(lambda: local_prefs() == {"10.1.0.0/16": (None, 100),
                                         "10.2.0.0/16": (None, 100),
                                         "10.3.0.0/16": (200, 200)},
               "local-pref"),
       "before reload: only 10.1.0.0/16 (in pfx) is prepended twice, "
       "10.3.0.0/16 (in lp) has local-pref 200")
    if got is None:
        return 1
    before = {a: (bc.nb(a) or {}).get("established_count") for a in
              ("127.0.0.1", "127.0.0.2")}
    # New config: pfx now holds 10.2.0.0/16, neighbour 127.0.0.3 removed.
    write_conf("b.json")
    os.kill(DPID, signal.SIGHUP)
    m = bc.recv_msg(third)
    while m is not None and m[18] in (2, 4):
        m = bc.recv_msg(third)
    if not ok(m is not None and m[18] == 3 and m[19:21] == bytes([6, 3]),
              "removed neighbour gets NOTIFICATION Cease/3 (Peer De-configured)"):
        print("# got %s" % (m.hex() if m else None))
    got = collect(sink, {"10.1.0.0/16", "10.2.0.0/16"})
    ok(got is not None and got.get("10.1.0.0/16") == [64512, 65001] and
       got.get("10.2.0.0/16") == [64512, 64512, 64512, 65001],
       "after SIGHUP the sink sees the new prepends (10.1 plain, 10.2 prepended)")
    ok(got is not None and "10.3.0.0/16" not in got,
       "10.3.0.0/16 (result unchanged) is not re-sent")
    # eBGP-learned without LOCAL_PREF shows null and the decision's
    # default 100 as effective; the policy sets 200.
    lp = {"10.1.0.0/16": (200, 200), "10.2.0.0/16": (None, 100),
          "10.3.0.0/16": (None, 100)}
    if not ok(bc.poll(lambda: local_prefs() == lp, "local-pref"),
       "import re-run from the stored Adj-RIB-In: local-pref 200 moved to 10.1.0.0/16"):
        print("# %s" % local_prefs())
    ok(all(bc.established(a) for a in ("127.0.0.1", "127.0.0.2")) and
       before == {a: (bc.nb(a) or {}).get("established_count") for a in
                  ("127.0.0.1", "127.0.0.2")} and bc.nb("127.0.0.3") is None and
       (bc.nb("127.0.0.1") or {}).get("messages_out", {}).get("refresh") == 0,
       "source and sink stay Established (no new session, no ROUTE-REFRESH), 127.0.0.3 gone")
    # An invalid file: refused with its path in the log, nothing changes.
    write_conf("bad.json")
    ans = bc.ctl_raw("reload")
    ok(ans.startswith("error: reload refused") and
       bc.poll(lambda: log_has("reload of %s refused" %
                               os.path.join(TMP, "xr.json")), "refusal logged"),
       "invalid config on control socket \"reload\": refused, error logged "
       "naming the file")
    src.sendall(bc.update(nlri=PFX["10.5.0.0/16"], pattrs=bc.attrs()))
    got = collect(sink, {"10.5.0.0/16"})
    ok(got is not None and got["10.5.0.0/16"] == [64512, 65001] and
       set(got) == {"10.5.0.0/16"},
       "after the refused reload routing goes on under the previous config")
    ok(all(bc.established(a) for a in ("127.0.0.1", "127.0.0.2")) and
       before == {a: (bc.nb(a) or {}).get("established_count") for a in
                  ("127.0.0.1", "127.0.0.2")},
       "and no session was reset by it")
    # Hold time of the source: Cease/6, its routes go, the sink stays.
    write_conf("c.json")
    ok(bc.ctl_raw("reload") == "reload: applied\n",
       "control socket \"reload\" answers: applied")
    m = bc.recv_msg(src)
    while m is not None and m[18] in (2, 4):
        m = bc.recv_msg(src)
    if not ok(m is not None and m[18] == 3 and m[19:21] == bytes([6, 6]),
              "hold time change: NOTIFICATION Cease/6 (Other Configuration Change)"):
        print("# got %s" % (m.hex() if m else None))
    want = {"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.5.0.0/16"}
    got = collect(sink, want)
    ok(got is not None and all(got[p] is None for p in want),
       "the sink gets the reset neighbour's routes withdrawn")
    src = bc.connect("127.0.0.1", 65001)
    ok(src is not None and bc.poll(lambda: bc.established("127.0.0.1"), "re-up") and
       before["127.0.0.2"] == (bc.nb("127.0.0.2") or {}).get("established_count"),
       "the source comes back with the new settings, the sink never reset")
    os.kill(DPID, signal.SIGTERM)
    return 1 if bc.failed else 0


if __name__ == "__main__":
    sys.exit(main())
