#!/usr/bin/python3
# Minimal BGP speaker for crossrouted tests on loopback: opens a session to
# crossrouted, sends valid and malformed UPDATEs and checks the reactions
# byte for byte, polling crossrouted's control socket (JSON) with deadlines.
# Prints TAP. Usage: bgp_client.py PORT CTLSOCK CROSSROUTE_BINARY DAEMON_PID
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time

PORT, CTL, SHOW, DPID = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
DEADLINE = 10.0
MARKER = b"\xff" * 16
n_test = 0
failed = 0


def ok(cond, name):
    global n_test, failed
    n_test += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n_test, name), flush=True)
    if not cond:
        failed += 1
    return cond


def msg(mtype, body):
    return MARKER + struct.pack("!HB", 19 + len(body), mtype) + body


def open_msg(asn, hold, rid):
    caps = bytes([1, 4, 0, 1, 0, 1])            # MP IPv4 unicast
    caps += bytes([2, 0])                       # route refresh
    caps += bytes([65, 4]) + struct.pack("!I", asn)
    params = bytes([2, len(caps)]) + caps
    body = struct.pack("!BHH4sB", 4, asn, hold, socket.inet_aton(rid),
                       len(params)) + params
    return msg(1, body)


def attrs(origin=0, aspath=(65001,), nh="192.0.2.99"):
    a = bytes([0x40, 1, 1, origin])
    seg = bytes([2, len(aspath)]) + b"".join(struct.pack("!I", x) for x in aspath)
    a += bytes([0x40, 2, len(seg)]) + seg
    a += bytes([0x40, 3, 4]) + socket.inet_aton(nh)
    return a


def update(nlri=b"", withdrawn=b"", pattrs=b""):
    body = struct.pack("!H", len(withdrawn)) + withdrawn
    body += struct.pack("!H", len(pattrs)) + pattrs + nlri
    return msg(2, body)


def recv_msg(s, timeout=DEADLINE):
    s.settimeout(timeout)
    hdr = b""
    while len(hdr) < 19:
        chunk = s.recv(19 - len(hdr))
        if not chunk:
            return None
        hdr += chunk
    length, mtype = struct.unpack("!HB", hdr[16:19])
    body = b""
    while len(body) < length - 19:
        chunk = s.recv(length - 19 - len(body))
        if not chunk:
            return None
        body += chunk
    return hdr + body


def connect(src, asn, hold=90, rcvbuf=0):
    """A session from src (AS asn) to crossrouted up to its OPEN answered
    and our KEEPALIVE sent; None if crossrouted did not send an OPEN."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(DEADLINE)
    s.bind((src, 0))
    s.connect(("127.0.0.1", PORT))
    s.sendall(open_msg(asn, hold, src))
    m = recv_msg(s)
    if m is None or m[18] != 1:
        return None
    s.sendall(msg(4, b""))
    return s


def nb(addr):
    """crossrouted's `show neighbors` entry for addr, or None."""
    j = show("neighbors") or {}
    for n in j.get("neighbors", []):
        if n["address"] == addr:
            return n
    return None


def established(addr):
    return (nb(addr) or {}).get("state") == "Established"


def prefixes(b):
    """IPv4 NLRI bytes as a list of "a.b.c.d/len"."""
    out, i = [], 0
    while i < len(b):
        plen = b[i]
        n = (plen + 7) // 8
        octets = list(b[i + 1:i + 1 + n]) + [0] * (4 - n)
        out.append("%d.%d.%d.%d/%d" % (*octets, plen))
        i += 1 + n
    return out


def parse_update(m):
    """(withdrawn prefixes, AS path list, announced prefixes) of an UPDATE."""
    body = m[19:]
    wl = struct.unpack("!H", body[:2])[0]
    wd = body[2:2 + wl]
    al = struct.unpack("!H", body[2 + wl:4 + wl])[0]
    pa = body[4 + wl:4 + wl + al]
    path, i = [], 0
    while i < len(pa):
        flags, code = pa[i], pa[i + 1]
        if flags & 0x10:
            ln, i = struct.unpack("!H", pa[i + 2:i + 4])[0], i + 4
        else:
            ln, i = pa[i + 2], i + 3
        if code == 2:
            j = i
            while j < i + ln:
                n = pa[j + 1]
                path += list(struct.unpack("!%dI" % n, pa[j + 2:j + 2 + 4 * n]))
                j += 2 + 4 * n
        i += ln
    return prefixes(wd), path, prefixes(body[4 + wl + al:])


def show(what):
    out = subprocess.run([SHOW, "show", "-s", CTL, what, "--json"], capture_output=True,
                         text=True, timeout=5)
    return json.loads(out.stdout) if out.returncode == 0 and out.stdout else None


def poll(pred, what):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    print("# timed out waiting for " + what, flush=True)
    return None


def ctl_raw(line):
    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    u.settimeout(DEADLINE)
    u.connect(CTL)
    u.sendall(line.encode() + b"\n")
    out = b""
    while True:
        chunk = u.recv(4096)
        if not chunk:
            break
        out += chunk
    u.close()
    return out.decode()


def neighbor():
    j = show("neighbors")
    return j["neighbors"][0] if j and j["neighbors"] else None


def rejected(pfx):
    j = show("routes")
    r = [x for x in (j or {}).get("routes", []) if x["prefix"] == pfx]
    return len(r) == 1 and r[0]["multipath"] == 0 and not r[0]["paths"][0]["accepted"]


def has_route(pfx):
    j = show("routes")
    return j is not None and any(r["prefix"] == pfx and r["multipath"] > 0
                                 for r in j["routes"])


def inject(s, n):
    i = 0
    a = attrs()
    while i < n:
        k = min(900, n - i)
        nlri = b"".join(bytes([24, 11 + (j >> 16), (j >> 8) & 255, j & 255])
                        for j in range(i, i + k))
        s.sendall(update(nlri=nlri, pattrs=a))
        i += k


def paging(s):
    """A slow reader of a big answer must not stall the daemon."""
    n = 100000
    base = (neighbor() or {}).get("prefixes_received", {}).get("ipv4", 0)
    inject(s, n)
    ok(poll(lambda: (neighbor() or {}).get("prefixes_received", {}).get("ipv4") == base + n,
            "%d prefixes" % n), "%d prefixes injected and counted" % n)
    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    u.connect(CTL)
    u.sendall(b"routes json\n")
    first = u.recv(4096)             # the stream has started; stop reading
    t0 = time.monotonic()
    nb = neighbor()
    dt = time.monotonic() - t0
    rest = [first]
    while True:
        chunk = u.recv(1 << 20)
        if not chunk:
            break
        rest.append(chunk)
    u.close()
    try:
        routes = len(json.loads(b"".join(rest))["routes"])
    except ValueError:
        routes = -1
    print("# neighbors answered in %.3fs while a %d-route answer was pending" % (dt, routes))
    ok(nb is not None and nb.get("state") == "Established" and dt < 1.0 and
       routes == base + n,
       "show neighbors answers within 1 s while a slow client holds a %d-route answer" % n)


def afi_disable(s):
    """RFC 7606 7.11: unusable MP_REACH NLRI -> AFI/SAFI disable."""
    s.sendall(update(nlri=bytes([16, 10, 9]), pattrs=attrs()))
    poll(lambda: has_route("10.9.0.0/16"), "10.9.0.0/16 again")
    mp = struct.pack("!HBB", 1, 1, 4) + socket.inet_aton("192.0.2.99") + b"\0"
    mp += bytes([33, 10, 9, 0, 0, 0])
    a = attrs()[:13] + bytes([0x80, 14, len(mp)]) + mp   # ORIGIN, AS_PATH, MP_REACH
    s.sendall(update(pattrs=a))
    gone = poll(lambda: not has_route("10.9.0.0/16"), "IPv4 unicast disabled")
    nb = neighbor() or {}
    ok(gone and nb.get("state") == "Established" and
       nb.get("rfc7606", {}).get("afi_safi_disable") == 1,
       "bad MP_REACH NLRI: IPv4 unicast disabled, its routes gone, session kept")


def session():
    s = socket.create_connection(("127.0.0.1", PORT), timeout=DEADLINE)
    s.sendall(open_msg(65001, 90, "10.0.0.99"))
    m = recv_msg(s)
    ok(m is not None and m[18] == 1 and m[19] == 4 and
       struct.unpack("!H", m[20:22])[0] == 64512, "crossrouted answers with an OPEN from AS 64512")
    m = recv_msg(s)
    ok(m == msg(4, b""), "then a KEEPALIVE")
    s.sendall(msg(4, b""))
    # RFC 4724 2: the initial table (empty: RFC 8212 rejects) ends in EoR.
    while True:
        m = recv_msg(s)
        if m is None or m[18] != 4:
            break
    ok(m == update(), "End-of-RIB (empty UPDATE) after the initial table")
    ok(poll(lambda: (neighbor() or {}).get("state") == "Established", "Established"),
       "session Established in show neighbors --json")
    return s


def main():
    print("1..16", flush=True)
    ok(ctl_raw("debug fsm,update") == "debug categories: 0x5\n" and
       ctl_raw("debug bogus") == "error: bad request\n" and
       ctl_raw("debug none") == "debug categories: 0x0\n",
       "debug categories switch at run time over the control socket")
    s = session()
    nlri = bytes([16, 10, 9])
    s.sendall(update(nlri=nlri, pattrs=attrs()))
    ok(poll(lambda: has_route("10.9.0.0/16"), "route"), "valid UPDATE: 10.9.0.0/16 in the RIB")
    s.sendall(update(nlri=bytes([16, 10, 66]), pattrs=attrs()))
    ok(poll(lambda: rejected("10.66.0.0/16"), "rejected"),
       "import policy (neighbor-set + prefix-set) rejects 10.66.0.0/16, kept in Adj-RIB-In")
    # RFC 7606 7.1: ORIGIN value 5 -> treat-as-withdraw, session stays.
    s.sendall(update(nlri=nlri, pattrs=attrs(origin=5)))
    ok(poll(lambda: not has_route("10.9.0.0/16"), "withdraw"),
       "bad ORIGIN: treat-as-withdraw removed the route")
    nb = neighbor() or {}
    ok(nb.get("state") == "Established" and
       nb.get("rfc7606", {}).get("treat_as_withdraw") == 1 and
       nb.get("rfc7606_by_attribute") == {"1": 1},
       "session kept, one treat-as-withdraw counted (row: ORIGIN)")
    paging(s)
    afi_disable(s)
    # RFC 4271 6.3 / RFC 7606 5.3: prefix length 33 -> NOTIFICATION 3/10.
    s.sendall(update(nlri=bytes([33, 10, 9, 0, 0, 0]), pattrs=attrs()))
    m = recv_msg(s)
    while m is not None and m[18] in (2, 4):
        m = recv_msg(s)
    if not ok(m == msg(3, bytes([3, 10])),
              "bad NLRI length: NOTIFICATION 3/10 (Invalid Network Field)"):
        print("# got %s" % (m.hex() if m else None))
    ok(recv_msg(s, 5) is None, "and the connection is closed")
    s.close()
    # Clean shutdown: Cease/2 with the RFC 9003 text, exit 0.
    s = poll(lambda: reconnect(), "a second session")
    text = b"crossrouted shutting down"
    os.kill(DPID, signal.SIGTERM)
    m = recv_msg(s)
    while m is not None and m[18] in (2, 4):
        m = recv_msg(s)
    if not ok(m == msg(3, bytes([6, 2, len(text)]) + text),
              "SIGTERM: Cease/2 with \"crossrouted shutting down\""):
        print("# got %s" % (m.hex() if m else None))
    return 1 if failed else 0


def reconnect():
    try:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=DEADLINE)
    except OSError:
        return None
    s.sendall(open_msg(65001, 90, "10.0.0.99"))
    m = recv_msg(s)
    if m is None or m[18] != 1:
        s.close()
        return None
    recv_msg(s)
    s.sendall(msg(4, b""))
    return s if poll(lambda: (neighbor() or {}).get("state") == "Established",
                     "re-established") else None


if __name__ == "__main__":
    sys.exit(main())
