#!/usr/bin/python3
"""Small socket programs for the real-kernel captures (run with /usr/bin/python3).

Usage: probe.py server|client SCENARIO

Every server listens on 127.0.0.1 and every client binds a fixed source port,
so the captures are comparable from run to run.  Every blocking call has a
timeout, so no program can hang.  Each program prints one line per event to
stdout (with a monotonic time in ms) so the .md notes can quote what the
application saw.
"""
import errno
import socket
import struct
import sys
import time

T0 = time.monotonic()


def log(who, msg):
    print(f"{(time.monotonic() - T0) * 1000:9.3f} ms {who}: {msg}", flush=True)


def listener(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1)
    s.settimeout(10)
    log("server", f"listening on 127.0.0.1:{port}")
    return s


def connector(sport):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind(("127.0.0.1", sport))
    c.settimeout(10)
    return c


def recv_exactly(s, n, who):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    log(who, f"read {len(buf)} bytes {buf!r}")
    return buf


def recv_until_eof(s, who):
    buf = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
    log(who, f"read {len(buf)} bytes {buf!r} then EOF")
    return buf


def recv_expect_error(s, who):
    try:
        data = s.recv(4096)
        log(who, f"recv returned {data!r}")
    except OSError as e:
        log(who, f"recv failed: {errno.errorcode.get(e.errno, e.errno)} ({e.strerror})")
    except socket.timeout:
        log(who, "recv timed out")


# ---- seed003-exchange: port 5000, client 40003 ---------------------------
def server_seed003():
    ls = listener(5000)
    s, peer = ls.accept()
    log("server", f"accepted {peer}")
    recv_exactly(s, 13, "server")
    s.sendall(b"hello world")            # 11 bytes
    log("server", "sent 11 bytes; sleeping 2 s")
    time.sleep(2)
    s.close()
    log("server", "closed")
    ls.close()


def client_seed003():
    c = connector(40003)
    c.connect(("127.0.0.1", 5000))
    log("client", "connected")
    c.sendall(b"hello server\n")         # 13 bytes
    log("client", "sent 13 bytes")
    recv_until_eof(c, "client")
    c.close()
    log("client", "closed")


# ---- fin-no-data: port 5001, client 40031 ----------------------------------
def server_fin_no_data():
    ls = listener(5001)
    s, peer = ls.accept()
    log("server", f"accepted {peer}; sleeping 1 s")
    time.sleep(1)
    s.close()
    log("server", "closed")
    ls.close()


def client_fin_no_data():
    c = connector(40031)
    c.connect(("127.0.0.1", 5001))
    log("client", "connected; closing at once")
    c.close()
    log("client", "closed")


# ---- fin-after-data: port 5002, client 40032 -------------------------------
def server_fin_after_data():
    ls = listener(5002)
    s, peer = ls.accept()
    log("server", f"accepted {peer}")
    recv_exactly(s, 5, "server")
    log("server", "sleeping 1 s")
    time.sleep(1)
    s.close()
    log("server", "closed")
    ls.close()


def client_fin_after_data():
    c = connector(40032)
    c.connect(("127.0.0.1", 5002))
    log("client", "connected")
    c.sendall(b"hello")
    log("client", "sent 5 bytes; closing at once")
    c.close()
    log("client", "closed")


# ---- closed-port: nothing listens on 1235, client 40004 --------------------
def client_closed_port():
    c = connector(40004)
    try:
        c.connect(("127.0.0.1", 1235))
        log("client", "connected (unexpected)")
    except OSError as e:
        log("client", f"connect failed: {errno.errorcode.get(e.errno, e.errno)} ({e.strerror})")
    c.close()


# ---- abort: port 5005, client 40005 ----------------------------------------
def server_abort():
    ls = listener(5005)
    s, peer = ls.accept()
    log("server", f"accepted {peer}")
    s.settimeout(3)
    recv_expect_error(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def client_abort():
    c = connector(40005)
    c.connect(("127.0.0.1", 5005))
    log("client", "connected; sleeping 0.2 s")
    time.sleep(0.2)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    log("client", "SO_LINGER {1,0} set; closing")
    c.close()
    log("client", "closed")


# ---- close-unread: port 5006, client 40006 ---------------------------------
def server_close_unread():
    ls = listener(5006)
    s, peer = ls.accept()
    log("server", f"accepted {peer}; sleeping 0.5 s without reading")
    time.sleep(0.5)
    s.close()
    log("server", "closed with 5 unread bytes")
    ls.close()


def client_close_unread():
    c = connector(40006)
    c.connect(("127.0.0.1", 5006))
    log("client", "connected")
    c.sendall(b"hello")
    log("client", "sent 5 bytes; waiting for the server")
    c.settimeout(3)
    recv_expect_error(c, "client")
    c.close()
    log("client", "closed")


# ---- syn-retries: SYNs to 1236 are dropped by iptables, client 40007 -------
def client_syn_retries():
    c = connector(40007)
    c.settimeout(20)
    t = time.monotonic()
    try:
        c.connect(("127.0.0.1", 1236))
        log("client", "connected (unexpected)")
    except OSError as e:
        # Python 3.10+: socket.timeout is TimeoutError, which is also what an
        # ETIMEDOUT from the kernel becomes, so tell them apart by errno.
        if e.errno is None:
            log("client", f"connect: Python's own 20 s timeout after {time.monotonic() - t:.3f} s")
            c.close()
            return
        log("client", f"connect failed after {time.monotonic() - t:.3f} s: "
                      f"{errno.errorcode.get(e.errno, e.errno)} ({e.strerror})")
    c.close()


def client_syn_retries_exp():
    client_syn_retries()


if __name__ == "__main__":
    role, scenario = sys.argv[1], sys.argv[2].replace("-", "_")
    globals()[f"{role}_{scenario}"]()
