#!/usr/bin/env python3
"""export_batch_client.py - the speakers of export_batch.sh (see there).

usage: export_batch_client.py PORT CTL SHOW DAEMON_PID
Prints TAP 1..6, checks 1-5 (export_batch.sh prints the last).
"""
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bgp_client as bc  # noqa: E402

bc.PORT, bc.CTL, bc.SHOW = int(sys.argv[1]), sys.argv[2], sys.argv[3]
N = 3000
CHUNKS = 10
PAUSE = 0.005           # between chunks: each lands in its own read


def pfx(j):
    return "10.%d.%d.0/24" % (j >> 8, j & 255)


def nlri(lo, hi):
    return b"".join(bytes([24, 10, j >> 8, j & 255]) for j in range(lo, hi))


def send_chunk(s, lo, hi, pattrs):
    """Announce prefixes lo..hi-1, at most 900 per UPDATE."""
    for i in range(lo, hi, 900):
        s.sendall(bc.update(nlri=nlri(i, min(i + 900, hi)), pattrs=pattrs))


class Sink:
    """Reads the sink session in a thread: announcements per prefix and
    the AS_PATH of each prefix's last announcement."""

    def __init__(self, s):
        self.s, self.sent, self.path = s, 0, {}
        self.lock = threading.Lock()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                m = bc.recv_msg(self.s, timeout=60)
            except OSError:
                return
            if m is None:
                return
            if m[18] != 2:
                continue
            _, path, ann = bc.parse_update(m)
            with self.lock:
                for p in ann:
                    if p.startswith("10."):
                        self.sent += 1
                        self.path[p] = path

    def done(self):
        with self.lock:
            return len(self.path) == N and all(
                v[:2] == [64512, 65002] for v in self.path.values())


def main():
    print("1..6", flush=True)
    sink = bc.connect("127.0.0.3", 65003)
    a = bc.connect("127.0.0.1", 65001)
    b = bc.connect("127.0.0.2", 65002)
    up = all(x is not None for x in (sink, a, b)) and bc.poll(
        lambda: all(bc.established(x) for x in
                    ("127.0.0.1", "127.0.0.2", "127.0.0.3")), "sessions")
    bc.ok(up, "three sessions Established")
    if not up:
        return 1
    col = Sink(sink)
    long_path = bc.attrs(aspath=(65001, 65101, 65102, 65103), nh="192.0.2.11")
    short_path = bc.attrs(aspath=(65002,), nh="192.0.2.12")
    step = N // CHUNKS
    t0 = time.monotonic()
    for c in range(CHUNKS):
        send_chunk(a, c * step, (c + 1) * step, long_path)
        time.sleep(PAUSE)
        send_chunk(b, c * step, (c + 1) * step, short_path)
        time.sleep(PAUSE)
    stream = time.monotonic() - t0
    bc.ok(bc.poll(col.done, "the sink to hold B's route for every prefix"),
          "the sink holds all %d prefixes, each with B's AS_PATH" % N)
    with col.lock:
        sent = col.sent
    print("# stream %.3f s; %d announcements to the sink for %d prefixes"
          % (stream, sent, N), flush=True)
    bc.ok(sent >= N, "every prefix was announced at least once")
    bc.ok(sent < N * 3 // 2,
          "announcements coalesced: %d < %d (one pass per read: about %d)"
          % (sent, N * 3 // 2, 2 * N))
    bc.ok(bc.nb("127.0.0.3")["state"] == "Established",
          "sink session kept")
    for x in (a, b, sink):
        x.close()
    return 0 if bc.failed == 0 else 1


sys.exit(main())
