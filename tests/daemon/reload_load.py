#!/usr/bin/python3
# Policy change under load (issue 6), driven by two python BGP speakers on
# loopback: a source (127.0.0.1, AS 65001) loads N IPv4 /24s into
# crossrouted, a receiver (127.0.0.2, AS 65002, hold time 9 s) gets them
# through export policy "out" (prepend 64512 twice for prefix-set "pfx").
# The new configuration moves "pfx" from 11.0.0.0/8 to 12.0.0.0/8 and
# crossrouted gets SIGHUP. Checks: both sessions stay up (no NOTIFICATION,
# no ROUTE-REFRESH to the source: the Adj-RIB-In is re-run), the receiver
# is never left without a message for hold/3 or more while the reload is
# re-evaluated, and exactly the prefixes whose export result changed (worked
# out here from the generated prefixes, not from the daemon) are
# re-advertised, each with its new AS path. Prints TAP.
# Usage: reload_load.py PORT CTLSOCK CROSSROUTE_BINARY DAEMON_PID TMPDIR N
import os
import signal
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bgp_client as bc  # noqa: E402

PORT, CTL, SHOW, DPID, TMP, N = (int(sys.argv[1]), sys.argv[2], sys.argv[3],
                                 int(sys.argv[4]), sys.argv[5], int(sys.argv[6]))
bc.PORT, bc.CTL, bc.SHOW = PORT, CTL, SHOW
HOLD = 9
SENTINEL = bytes([24, 10, 255, 0])          # 10.255.0.0/24, sent last


def octet(j):
    """First octet of the j-th prefix: 11..18 in turn (so 1/8 of any N lands in each /8
    of the first 524,288), then 19.. for the next blocks."""
    return 11 + (j & 7) + 8 * (j >> 19)


def pfx_bytes(j):
    """The j-th generated /24."""
    return bytes([24, octet(j), (j >> 11) & 255, (j >> 3) & 255])


class Peer:
    """One session: a reader thread recording what arrives, KEEPALIVEs every hold/3."""

    def __init__(self, src, asn):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.s.settimeout(bc.DEADLINE)
        self.s.bind((src, 0))
        self.s.connect(("127.0.0.1", PORT))
        self.lock = threading.Lock()
        self.send(bc.open_msg(asn, HOLD, src))
        m = bc.recv_msg(self.s)
        if m is None or m[18] != 1:
            raise OSError("no OPEN from crossrouted")
        self.send(bc.msg(4, b""))
        self.types = {}                     # message type -> count
        self.times = []                     # receive time of every message
        self.paths = {}                     # prefix bytes -> AS path length (latest)
        self.after = None                   # set: prefixes announced after mark()
        self.closed = False
        self.cv = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()
        threading.Thread(target=self.keepalive, daemon=True).start()

    def send(self, data):
        with self.lock:
            self.s.sendall(data)

    def keepalive(self):
        while not self.closed:
            time.sleep(HOLD / 3.0 * 0.9)
            try:
                self.send(bc.msg(4, b""))
            except OSError:
                return

    def read(self):
        while True:
            try:
                m = bc.recv_msg(self.s, 3 * HOLD)
            except OSError:
                m = None
            now = time.monotonic()
            with self.cv:
                if m is None:
                    self.closed = True
                    self.cv.notify_all()
                    return
                self.times.append(now)
                self.types[m[18]] = self.types.get(m[18], 0) + 1
                if m[18] == 2:
                    self.update(m[19:])
                self.cv.notify_all()

    def update(self, body):
        wl = struct.unpack("!H", body[:2])[0]
        al = struct.unpack("!H", body[2 + wl:4 + wl])[0]
        pa, nlri = body[4 + wl:4 + wl + al], body[4 + wl + al:]
        plen, i = 0, 0
        while i < len(pa):
            flags, code = pa[i], pa[i + 1]
            ln, i = ((struct.unpack("!H", pa[i + 2:i + 4])[0], i + 4) if flags & 0x10
                     else (pa[i + 2], i + 3))
            j = i
            while code == 2 and j < i + ln:
                plen += pa[j + 1]
                j += 2 + 4 * pa[j + 1]
            i += ln
        i = 0
        while i < len(nlri):
            n = 1 + (nlri[i] + 7) // 8
            p = nlri[i:i + n]
            self.paths[p] = plen
            if self.after is not None:
                self.after.add(p)
            i += n

    def wait(self, pred, secs):
        end = time.monotonic() + secs
        with self.cv:
            while not pred() and not self.closed and time.monotonic() < end:
                self.cv.wait(0.2)
            return pred()


def main():
    print("1..8", flush=True)
    ok = bc.ok
    src, rcv = Peer("127.0.0.1", 65001), Peer("127.0.0.2", 65002)
    est = lambda a: any(n["address"] == a and n["state"] == "Established"  # noqa: E731
                        for n in (bc.show("neighbors") or {}).get("neighbors", []))
    ok(bc.poll(lambda: est("127.0.0.1") and est("127.0.0.2"), "up"),
       "source and receiver Established (hold time %d s)" % HOLD)
    t0 = time.monotonic()
    a = bc.attrs()
    for i in range(0, N, 900):              # 900 per UPDATE, under the send lock
        src.send(bc.update(nlri=b"".join(pfx_bytes(j) for j in range(i, min(N, i + 900))),
                           pattrs=a))
    got = rcv.wait(lambda: len(rcv.paths) >= N, 40)
    ok(got and all(rcv.paths.get(pfx_bytes(j)) == (4 if octet(j) == 11 else 2)
                   for j in range(N)),
       "%d routes loaded and exported in %.1f s, 11.0.0.0/8 prepended twice"
       % (N, time.monotonic() - t0))
    # Independently: which export results change when pfx moves to 12/8.
    changed = {pfx_bytes(j): (2 if octet(j) == 11 else 4)
               for j in range(N) if octet(j) in (11, 12)}
    os.replace(os.path.join(TMP, "b.json"), os.path.join(TMP, "xr.json"))
    with rcv.cv:
        rcv.after, n_before = set(), len(rcv.times)
    t_hup = time.monotonic()
    os.kill(DPID, signal.SIGHUP)
    rcv.wait(lambda: len(rcv.after) >= len(changed), 40)
    t_done = time.monotonic()
    src.send(bc.update(nlri=SENTINEL, pattrs=bc.attrs()))
    rcv.wait(lambda: SENTINEL in rcv.after, 20)
    with rcv.cv:
        ts = [t_hup] + [t for t in rcv.times[n_before:] if t <= t_done]
        after = set(rcv.after) - {SENTINEL}
        paths = dict(rcv.paths)
    gap = max(b - a for a, b in zip(ts, ts[1:])) if len(ts) > 1 else t_done - t_hup
    ok(not src.closed and not rcv.closed and 3 not in src.types and 3 not in rcv.types
       and est("127.0.0.1") and est("127.0.0.2"),
       "both sessions stay Established through the reload, no NOTIFICATION")
    ok(5 not in src.types, "no ROUTE-REFRESH sent to the source (Adj-RIB-In re-run)")
    if not ok(gap < HOLD / 3.0,
              "receiver never waited hold/3 (%.1f s) for a message during the reload "
              "(largest gap %.3f s)" % (HOLD / 3.0, gap)):
        print("# reload took %.3f s to re-advertise %d prefixes" % (t_done - t_hup, len(after)))
    ok(after == set(changed),
       "exactly the %d prefixes whose export result changed are re-advertised (got %d, "
       "%d unexpected)" % (len(changed), len(after), len(after - set(changed))))
    ok(all(paths.get(p) == n for p, n in changed.items()),
       "re-advertised with the new AS paths (11/8 without, 12/8 with the prepends)")
    print("# SIGHUP -> %d re-advertised in %.3f s" % (len(after), t_done - t_hup))
    src.closed = rcv.closed = True
    return 1 if bc.failed else 0


if __name__ == "__main__":
    sys.exit(main())
