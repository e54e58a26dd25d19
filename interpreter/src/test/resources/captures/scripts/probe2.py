#!/usr/bin/python3
"""Socket programs for the timer and loss captures (run with /usr/bin/python3).

Usage: probe2.py server|client SCENARIO

Like probe.py: every server listens on 127.0.0.1 (ports 5101-5121), every
client binds a fixed source port (41101-41120, 41121-41152), every blocking call has a
timeout, and each program prints one line per event.  Each line starts with
the UTC wall-clock time (same clock as tcpdump's timestamps) and the ms since
the program started, so a note can line up what the application saw with the
packets.  Errors are printed with their errno name (ECONNRESET, EPIPE, ...).
"""
import datetime
import errno
import os
import select
import socket
import struct
import subprocess
import sys
import time

T0 = time.monotonic()


def log(who, msg):
    wall = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S.%f")
    print(f"{wall} {(time.monotonic() - T0) * 1000:9.3f} ms {who}: {msg}", flush=True)


def ename(e):
    if e.errno is None:
        return f"{type(e).__name__} (no errno: Python-level timeout)"
    return f"{errno.errorcode.get(e.errno, e.errno)} ({e.strerror})"


def ss(who, port):
    """Log the kernel's view of every socket on PORT (ss -tanoi, bounded)."""
    out = subprocess.run(["timeout", "5", "ss", "-tano", f"( sport = :{port} or dport = :{port} )"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines()[1:]:
        log(who, "ss: " + " ".join(line.split()))


def listener(port, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf is not None:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind(("127.0.0.1", port))
    s.listen(4)
    s.settimeout(15)
    log("server", f"listening on 127.0.0.1:{port}")
    return s


def connector(sport, timeout=10):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind(("127.0.0.1", sport))
    c.settimeout(timeout)
    return c


def nodelay(s):
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def accept(ls, who="server"):
    s, peer = ls.accept()
    s.settimeout(10)
    log(who, f"accepted {peer}")
    return s


def recv_exactly(s, n, who):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    log(who, f"read {len(buf)} bytes")
    return buf


def recv_until_eof(s, who, show=False):
    buf = b""
    n = 0
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        n += 1
        buf += chunk
        if show:
            log(who, f"  recv -> {len(chunk)} bytes")
    log(who, f"read {len(buf)} bytes in {n} recv calls, then EOF")
    return buf


def timed_connect(c, port, who="client"):
    t = time.monotonic()
    try:
        c.connect(("127.0.0.1", port))
        log(who, f"connected after {(time.monotonic() - t) * 1000:.1f} ms")
        return True
    except OSError as e:
        log(who, f"connect failed after {(time.monotonic() - t) * 1000:.1f} ms: {ename(e)}")
        return False


def server_simple(port):
    """accept one connection, read to EOF, close."""
    ls = listener(port)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


# ---- synack-lost: 5101, client 41101 (repeats use 41121-41125) -------------
def server_synack_lost():
    server_simple(5101)


def client_synack_lost():
    sport = int(os.environ.get("SPORT", "41101"))
    c = connector(sport, 20)
    if timed_connect(c, 5101):
        c.close()
        log("client", "closed")


# ---- synack-lost-all: 5111, client 41111; tcp_synack_retries=2 -------------
def server_synack_lost_all():
    ls = listener(5111)
    ls.settimeout(60)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_synack_lost_all():
    c = connector(41111, 60)
    if timed_connect(c, 5111):
        c.close()
        log("client", "closed")


# ---- data-lost: 5102, client 41102; data-lost-twice: 5112, client 41112 ----
def server_data_lost(port=5102):
    ls = listener(port)
    s = accept(ls)
    recv_exactly(s, 100, "server")
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_data_lost(port=5102, sport=41102, wait=1.5):
    c = connector(sport)
    c.connect(("127.0.0.1", port))
    nodelay(c)
    log("client", "connected, TCP_NODELAY set")
    c.sendall(b"d" * 100)
    log("client", f"sent 100 bytes; sleeping {wait} s")
    time.sleep(wait)
    c.close()
    log("client", "closed")


def server_data_lost_twice():
    server_data_lost(5112)


def client_data_lost_twice():
    client_data_lost(5112, 41112, 2.5)


# data-lost-thrice: 5116, client 41116
def server_data_lost_thrice():
    server_data_lost(5116)


def client_data_lost_thrice():
    client_data_lost(5116, int(os.environ.get("SPORT", "41116")), 3.5)


# rto-cached-rtt: 5121, client 41152 (after a connection that cached ~1 s RTT)
def server_rto_cached_rtt():
    server_data_lost(5121)


def client_rto_cached_rtt():
    client_data_lost(5121, 41152, 5.0)


# ---- fin-lost: 5103, client 41103 ------------------------------------------
def server_fin_lost():
    ls = listener(5103)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_fin_lost():
    c = connector(41103)
    c.connect(("127.0.0.1", 5103))
    log("client", "connected; sleeping 0.3 s")
    time.sleep(0.3)
    c.close()
    log("client", "closed")


# fin-lost-twice: 5117, client 41117
def server_fin_lost_twice():
    ls = listener(5117)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_fin_lost_twice():
    c = connector(int(os.environ.get("SPORT", "41117")))
    c.connect(("127.0.0.1", 5117))
    log("client", "connected; sleeping 0.3 s")
    time.sleep(0.3)
    c.close()
    log("client", "closed")


# ---- time-wait: 5104, client 41104 -----------------------------------------
def server_time_wait():
    ls = listener(5104)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_time_wait():
    c = connector(41104)
    c.connect(("127.0.0.1", 5104))
    log("client", "connected")
    c.sendall(b"hello")
    c.close()
    log("client", "sent 5 bytes and closed")


# ---- time-wait-reuse: 5105, client 41105 (the CLIENT holds TIME-WAIT) ------
def server_time_wait_reuse():
    ls = listener(5105)
    for i in (1, 2):
        s = accept(ls)
        recv_until_eof(s, "server")
        s.close()
        log("server", f"closed connection {i}")
    ls.close()


def client_time_wait_reuse(port=5105, sport=41105):
    c = connector(sport)
    c.connect(("127.0.0.1", port))
    log("client", "connection 1 connected")
    c.sendall(b"hello")
    c.close()
    t_close = time.monotonic()
    log("client", "connection 1: sent 5 bytes and closed")
    time.sleep(0.3)
    ss("client", port)
    for delay in (0.3, 1.5):  # seconds after the first close
        time.sleep(max(0, t_close + delay - time.monotonic()))
        c2 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        c2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c2.settimeout(10)
        try:
            c2.bind(("127.0.0.1", sport))
            log("client", f"connection 2 ({delay} s after close): bind to {sport} ok")
        except OSError as e:
            log("client", f"connection 2 ({delay} s after close): bind failed: {ename(e)}")
            c2.close()
            continue
        if timed_connect(c2, port):
            ss("client", port)
            c2.close()
            log("client", "connection 2 closed")
            return
        c2.close()
    log("client", "connection 2 never connected")


# time-wait-reuse-nots: 5120, client 41120, the same with tcp_timestamps=0
def server_time_wait_reuse_nots():
    ls = listener(5120)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed connection 1")
    ls.settimeout(4)
    try:
        s = accept(ls)
        recv_until_eof(s, "server")
        s.close()
        log("server", "closed connection 2")
    except OSError as e:
        log("server", f"no second connection: {ename(e)}")
    ls.close()


def client_time_wait_reuse_nots():
    client_time_wait_reuse(5120, 41120)


# ---- time-wait-syn: 5106, client 41106 (the SERVER holds TIME-WAIT) --------
def server_time_wait_syn():
    ls = listener(5106)
    for i in (1, 2):
        s = accept(ls)
        s.sendall(b"bye\n\n")
        s.close()
        log("server", f"connection {i}: sent 5 bytes and closed first")
        if i == 1:
            time.sleep(0.2)
            ss("server", 5106)
    ls.close()


def client_time_wait_syn():
    c = connector(41106)
    c.connect(("127.0.0.1", 5106))
    log("client", "connection 1 connected")
    recv_until_eof(c, "client")
    c.close()
    log("client", "connection 1 closed after EOF")
    time.sleep(1.0)
    c2 = connector(41106)
    log("client", "connection 2: bound 41106 again")
    if timed_connect(c2, 5106):
        recv_until_eof(c2, "client")
        c2.close()
        log("client", "connection 2 closed after EOF")


# ---- close-wait-leak: 5107, client 41107 -----------------------------------
def server_close_wait_leak():
    ls = listener(5107)
    s = accept(ls)
    log("server", "never reading, never closing; sleeping 40 s, then exiting")
    time.sleep(40)
    log("server", "exiting (the kernel closes the socket now)")


def client_close_wait_leak():
    c = connector(41107)
    c.connect(("127.0.0.1", 5107))
    log("client", "connected; closing at once (socket becomes an orphan)")
    c.close()
    log("client", "closed")


# ---- half-close: 5108, client 41108 ----------------------------------------
def server_half_close():
    ls = listener(5108)
    s = accept(ls)
    recv_until_eof(s, "server")
    for i in range(3):
        s.sendall(bytes([ord("a") + i]) * 100)
        log("server", f"sent 100 bytes ({i + 1}/3)")
        if i < 2:
            time.sleep(0.1)
    s.close()
    log("server", "closed")
    ls.close()


def client_half_close():
    c = connector(41108)
    c.connect(("127.0.0.1", 5108))
    log("client", "connected")
    c.sendall(b"hello")
    c.shutdown(socket.SHUT_WR)
    log("client", "sent 5 bytes and shutdown(SHUT_WR)")
    recv_until_eof(c, "client", show=True)
    c.close()
    log("client", "closed")


# ---- zero-window: 5109, client 41109 ---------------------------------------
def server_zero_window():
    ls = listener(5109, rcvbuf=4096)
    log("server", f"listener SO_RCVBUF now {ls.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)}")
    s = accept(ls)
    log("server", f"accepted socket SO_RCVBUF {s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)}; "
                  "not reading for 12 s")
    time.sleep(12)
    log("server", "reading now")
    s.settimeout(10)
    recv_exactly(s, 200 * 1024, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_zero_window():
    c = connector(41109)
    c.connect(("127.0.0.1", 5109))
    nodelay(c)
    c.setblocking(False)
    log("client", "connected, TCP_NODELAY, non-blocking; sending 200 KB")
    data = b"z" * (200 * 1024)
    off = 0
    deadline = time.monotonic() + 30
    blocked = False
    while off < len(data) and time.monotonic() < deadline:
        try:
            n = c.send(data[off:off + 16384])
            off += n
            if blocked:
                log("client", f"send accepted again, {off} bytes queued in total")
                blocked = False
        except BlockingIOError:
            if not blocked:
                log("client", f"send would block (EAGAIN) after {off} bytes")
                blocked = True
            select.select([], [c], [], 1.0)
    log("client", f"{off} bytes handed to the kernel; waiting for the server's EOF before closing")
    c.setblocking(True)
    c.settimeout(30)
    recv_until_eof(c, "client")
    c.close()
    log("client", "closed")


# ---- delayed-ack-bulk: 5110, client 41110 ----------------------------------
def server_delayed_ack_bulk():
    ls = listener(5110)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_delayed_ack_bulk(port=5110, sport=41110):
    c = connector(sport)
    c.connect(("127.0.0.1", port))
    nodelay(c)
    log("client", "connected, TCP_NODELAY")
    time.sleep(0.2)
    for i in range(20):
        c.sendall(b"b" * 1000)
    log("client", "sent 20 x 1000 bytes; idle 1 s")
    time.sleep(1.0)
    c.sendall(b"s" * 10)
    log("client", "sent 10 bytes; idle 1 s")
    time.sleep(1.0)
    for i in range(30):
        c.sendall(b"t" * 10)
        time.sleep(0.06)
    log("client", "sent 30 x 10 bytes, 60 ms apart; idle 0.5 s")
    time.sleep(0.5)
    c.close()
    log("client", "closed")


# ---- delayed-ack-noread: 5119, client 41119 (the server does not read) ----
def server_delayed_ack_noread():
    ls = listener(5119)
    s = accept(ls)
    log("server", "not reading for 5.5 s")
    time.sleep(5.5)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_delayed_ack_noread():
    client_delayed_ack_bulk(5119, 41119)


# ---- out-of-order: 5113, client 41113 -------------------------------------
# ---- out-of-order-burst: 5118, client 41118 (one send of 5 x 1000 bytes) --
def server_out_of_order(port=5113):
    ls = listener(port)
    s = accept(ls)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_out_of_order(port=5113, sport=41113):
    c = connector(sport)
    c.connect(("127.0.0.1", port))
    nodelay(c)
    log("client", "connected, TCP_NODELAY")
    time.sleep(0.2)
    for i in range(5):
        c.sendall(bytes([ord("1") + i]) * 1000)
    log("client", "sent 5 x 1000 bytes; sleeping 1 s")
    time.sleep(1.0)
    c.close()
    log("client", "closed")


def server_out_of_order_burst():
    server_out_of_order(5118)


def client_out_of_order_burst():
    c = connector(41118)
    # MSS option 1012 = 1000 bytes of data + 12 bytes of TS option per segment
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1012)
    c.connect(("127.0.0.1", 5118))
    nodelay(c)
    log("client", "connected, TCP_MAXSEG 1012, TCP_NODELAY")
    time.sleep(0.2)
    c.sendall(b"".join(bytes([ord("1") + i]) * 1000 for i in range(5)))
    log("client", "sent 5000 bytes in one send(); sleeping 1 s")
    time.sleep(1.0)
    c.close()
    log("client", "closed")


# ---- rst-established: 5114, client 41114 -----------------------------------
def server_abort_after(port, delay):
    ls = listener(port)
    s = accept(ls)
    time.sleep(delay)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    log("server", "SO_LINGER {1,0} set and closed (abort)")
    ls.close()


def try_call(who, what, fn):
    try:
        r = fn()
        log(who, f"{what} returned {r!r}")
    except OSError as e:
        log(who, f"{what} failed: {ename(e)}")


def server_rst_established():
    server_abort_after(5114, 0.5)


def client_rst_established():
    c = connector(41114)
    c.connect(("127.0.0.1", 5114))
    log("client", "connected; blocking in recv (5 s timeout)")
    c.settimeout(5)
    try_call("client", "recv #1 (blocked when the RST came)", lambda: c.recv(100))
    try_call("client", "send #1 of 5 bytes", lambda: c.send(b"after"))
    try_call("client", "send #2 of 5 bytes", lambda: c.send(b"again"))
    try_call("client", "recv #2", lambda: c.recv(100))
    c.close()
    log("client", "closed")


# ---- rst-established-write: 5115, client 41115 -----------------------------
def server_rst_established_write():
    server_abort_after(5115, 0.3)


def client_rst_established_write():
    c = connector(41115)
    c.connect(("127.0.0.1", 5115))
    log("client", "connected; sleeping 1 s (not in recv when the RST comes)")
    time.sleep(1.0)
    try_call("client", "send #1 of 5 bytes", lambda: c.send(b"after"))
    try_call("client", "send #2 of 5 bytes", lambda: c.send(b"again"))
    try_call("client", "recv #1", lambda: c.recv(100))
    c.close()
    log("client", "closed")


if __name__ == "__main__":
    role, scenario = sys.argv[1], sys.argv[2].replace("-", "_")
    globals()[f"{role}_{scenario}"]()
