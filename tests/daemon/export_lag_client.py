#!/usr/bin/env python3
"""export_lag_client.py - the speakers of export_lag.sh (see there).

usage: export_lag_client.py PORT CTL SHOW DAEMON_PID TMPDIR
Source 127.0.0.1 (AS 65001) churns N prefixes; sink A 127.0.0.2 does not
read until told; sink B 127.0.0.3 reads in a thread. Prints TAP 1..7 of 8
(export_lag.sh prints the last).
"""
import os
import signal
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bgp_client as bc  # noqa: E402

PORT, CTL, SHOW, DPID, TMP = (int(sys.argv[1]), sys.argv[2], sys.argv[3],
                              int(sys.argv[4]), sys.argv[5])
bc.PORT, bc.CTL, bc.SHOW = PORT, CTL, SHOW
N = 20000
GONE = 5000             # 11.0.0.0/24 .. withdrawn before the churn
ROUNDS = 14
# The log may lag 2 x RIB + 262144 entries; a round adds 2 (N - GONE) while
# B reads each step before the next (so none of them coalesce).





def pfx_bytes(j):
    return bytes([24, 11, (j >> 8) & 255, j & 255])


def pfx_text(j):
    return "11.%d.%d.0/24" % ((j >> 8) & 255, j & 255)


def send_all(s, path, withdraw, lo=0, hi=N):
    a = bc.attrs(aspath=path)
    for i in range(lo, hi, 900):
        blob = b"".join(pfx_bytes(j) for j in range(i, min(hi, i + 900)))
        if withdraw:
            s.sendall(bc.update(withdrawn=blob))
        else:
            s.sendall(bc.update(nlri=blob, pattrs=a))




class Table:
    """What one sink holds: prefix -> AS path, from the UPDATEs read."""

    def __init__(self):
        self.routes = {}
        self.lock = threading.Lock()
        self.closed = False

    def feed(self, m):
        if m[18] == 3:
            self.closed = True
        if m[18] != 2:
            return
        wd, path, ann = bc.parse_update(m)
        path = tuple(path)
        with self.lock:
            for p in wd:
                self.routes.pop(p, None)
            for p in ann:
                self.routes[p] = path

    def matches(self, want):
        with self.lock:
            return self.routes == want


def reader(s, t, stop):
    while not stop.is_set():
        try:
            m = bc.recv_msg(s, 0.5)
        except (socket.timeout, OSError):
            continue
        if m is None:
            t.closed = True
            return
        t.feed(m)


def wait_for(t, want, secs):
    end = time.monotonic() + secs
    while time.monotonic() < end and not t.matches(want):
        time.sleep(0.1)
    return t.matches(want)


def log_has(text):
    with open(os.path.join(TMP, "log")) as f:
        return text in f.read()


def main():
    print("1..8", flush=True)
    src = bc.connect("127.0.0.1", 65001, hold=240)
    sink_a = bc.connect("127.0.0.2", 65002, hold=240, rcvbuf=4096)
    sink_b = bc.connect("127.0.0.3", 65003, hold=240)
    ok = bc.ok
    if not ok(src and sink_a and sink_b and
              bc.poll(lambda: all(bc.established(a) for a in
                                  ("127.0.0.1", "127.0.0.2", "127.0.0.3")),
                      "up"), "three sessions Established"):
        return 1
    ta, tb, stop = Table(), Table(), threading.Event()
    threading.Thread(target=reader, args=(sink_b, tb, stop),
                     daemon=True).start()
    # A reads nothing: its export group stalls on its full socket, with
    # GONE prefixes announced to it that leave the RIB before the churn
    # (only the walk over its Adj-RIB-Out can find them).
    send_all(src, (65001, 99), False, 0, GONE)
    # COMMUNITIES, extended length: 250 values.
    comms = bytes([0xc0 | 0x10, 8]) + struct.pack("!H", 1000) + \
        b"".join(struct.pack("!HH", 65001, k) for k in range(250))
    for j in range(GONE, N):
        # One UPDATE of ~1 KB per prefix towards A: ~15 MB, more than the
        # socket buffers and the daemon's output limit take.
        src.sendall(bc.update(nlri=pfx_bytes(j),
                              pattrs=bc.attrs(aspath=(65001, j)) + comms))
    send_all(src, (65001,), True, 0, GONE)
    paced = True
    for r in range(ROUNDS):
        path = (65001, 100 + r)
        send_all(src, path, False, GONE)
        paced = paced and wait_for(tb, {pfx_text(j): (64512,) + path
                                        for j in range(GONE, N)}, 30)
        send_all(src, (65001,), True, GONE)
        paced = paced and wait_for(tb, {}, 30)
    ok(paced, "B follows every round of the churn")
    final = (65001, 7)
    send_all(src, final, False, GONE)
    plain = {pfx_text(j): (64512,) + final for j in range(GONE, N)}
    ok(wait_for(tb, plain, 60),
       "the reading sink B holds the final %d routes after %d rounds" %
       (N - GONE, ROUNDS))
    ok(bc.poll(lambda: log_has("export group of 127.0.0.2 AS65002: ") and
               log_has("resync from the Loc-RIB"), "resync logged"),
       "the blocked sink A's group fell behind the change log and resynced")
    # Export policy change while A still lags: the prefix set now matches.
    os.replace(os.path.join(TMP, "b.json"), os.path.join(TMP, "xr.json"))
    os.kill(DPID, signal.SIGHUP)
    prepended = {p: (64512, 64512, 64512) + final for p in plain}
    ok(wait_for(tb, prepended, 60),
       "after the reload B holds every route with the new prepends")
    threading.Thread(target=reader, args=(sink_a, ta, stop),
                     daemon=True).start()
    ok(wait_for(ta, prepended, 60),
       "A, reading again, holds exactly the final routes with the new "
       "prepends (nothing withdrawn missed, nothing stale)")
    ok(not ta.closed and not tb.closed and
       all(bc.established(a) for a in ("127.0.0.1", "127.0.0.2", "127.0.0.3"))
       and all((bc.nb(a) or {}).get("established_count") == 1
               for a in ("127.0.0.2", "127.0.0.3")),
       "no session was reset")
    stop.set()
    return 0 if bc.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
