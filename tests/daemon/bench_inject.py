#!/usr/bin/python3
# Bench hook (not run by make check): inject N IPv4 /24 prefixes into a
# running crossrouted over one session from 127.0.0.1 (AS 65001), packed
# ~900 per UPDATE, and report how long until the control socket shows them
# all and how long a full "show routes --json" takes.
# Usage: bench_inject.py PORT CTLSOCK XR_SHOW N
import socket
import struct
import subprocess
import sys
import time

PORT, CTL, SHOW, N = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
M = b"\xff" * 16


def msg(t, body):
    return M + struct.pack("!HB", 19 + len(body), t) + body


def recv(s):
    h = b""
    while len(h) < 19:
        h += s.recv(19 - len(h))
    n = struct.unpack("!H", h[16:18])[0] - 19
    b = b""
    while len(b) < n:
        b += s.recv(n - len(b))
    return h[18], b


caps = bytes([1, 4, 0, 1, 0, 1, 65, 4]) + struct.pack("!I", 65001)
opn = struct.pack("!BHH4sB", 4, 65001, 90, socket.inet_aton("10.0.0.99"),
                  len(caps) + 2) + bytes([2, len(caps)]) + caps
s = socket.create_connection(("127.0.0.1", PORT))
s.sendall(msg(1, opn))
recv(s)
recv(s)
s.sendall(msg(4, b""))
attrs = bytes([0x40, 1, 1, 0, 0x40, 2, 6, 2, 1]) + struct.pack("!I", 65001)
attrs += bytes([0x40, 3, 4]) + socket.inet_aton("192.0.2.99")
t0 = time.monotonic()
i = 0
while i < N:
    k = min(900, N - i)
    nlri = b"".join(bytes([24, 10 + (j >> 16), (j >> 8) & 255, j & 255])
                    for j in range(i, i + k))
    s.sendall(msg(2, struct.pack("!H", 0) + struct.pack("!H", len(attrs)) + attrs + nlri))
    i += k
t1 = time.monotonic()
while True:
    out = subprocess.run([SHOW, "-s", CTL, "neighbors", "--json"], capture_output=True, text=True)
    if '"ipv4":%d' % N in out.stdout:
        break
    time.sleep(0.2)
t2 = time.monotonic()
out = subprocess.run([SHOW, "-s", CTL, "routes", "--json"], capture_output=True)
t3 = time.monotonic()
print("sent %d prefixes in %.2fs; all in Adj-RIB-In after %.2fs; show routes --json: %.2fs, %d bytes"
      % (N, t1 - t0, t2 - t0, t3 - t2, len(out.stdout)))
s.close()
