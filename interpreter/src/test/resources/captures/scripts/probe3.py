#!/usr/bin/python3
"""Socket programs for the third capture session (run by scripts/capture.sh): errno values of
calls after shutdown and after a reset, socket options (TCP_MAXSEG, TCP_USER_TIMEOUT) and a
simultaneous open (a socket connecting to its own address).  Every scenario runs both ends in
one process on 127.0.0.1 and prints each call and what it returned, with the UTC wall clock
(tcpdump's clock) and the ms since the program started.  Every wait is bounded."""
import errno, socket, struct, sys, threading, time
from datetime import datetime, timezone

T0 = time.monotonic()
H = "127.0.0.1"


def log(msg):
    wall = datetime.now(timezone.utc).strftime("%H:%M:%S.%f")
    print(f"{wall} {1000 * (time.monotonic() - T0):9.3f} ms {msg}", flush=True)


def call(what, f):
    """Runs one socket call and prints what it returned (a value or an errno name)."""
    try:
        r = f()
        log(f"{what} returned {r!r}")
        return r
    except OSError as e:
        log(f"{what} failed: {errno.errorcode.get(e.errno, e.errno)} ({e.strerror})")
        return None


def pair(port, sport, client_opts=(), server_rcvbuf=None):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if server_rcvbuf:
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, server_rcvbuf)
    ls.bind((H, port))
    ls.listen(1)
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    for level, opt, val in client_opts:
        c.setsockopt(level, opt, val)
    c.bind((H, sport))
    c.settimeout(10)
    c.connect((H, port))
    s, _ = ls.accept()
    s.settimeout(10)
    ls.close()
    log("connected")
    return c, s


def linger0(s):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def write_after_shutdown():
    """The client shuts down its sending side, then writes; shuts down again; the server
    reads EOF and closes; the client reads EOF and closes."""
    c, s = pair(5201, 42201)
    call("client shutdown(SHUT_WR)", lambda: c.shutdown(socket.SHUT_WR))
    time.sleep(0.2)
    call("client send 5 bytes", lambda: c.send(b"hello"))
    call("client shutdown(SHUT_WR) again", lambda: c.shutdown(socket.SHUT_WR))
    call("server recv", lambda: s.recv(100))
    time.sleep(0.2)
    call("server close", s.close)
    time.sleep(0.2)
    call("client recv", lambda: c.recv(100))
    call("client send 5 bytes", lambda: c.send(b"hello"))
    call("client close", c.close)


def rst_in_close_wait():
    """The client shuts down (the server reads EOF: CLOSE-WAIT), then aborts (SO_LINGER 0):
    the RST reaches the server in CLOSE-WAIT.  The server then writes twice, reads, closes."""
    c, s = pair(5202, 42202)
    call("client shutdown(SHUT_WR)", lambda: c.shutdown(socket.SHUT_WR))
    call("server recv", lambda: s.recv(100))
    time.sleep(0.2)
    linger0(c)
    call("client close with SO_LINGER {1,0}", c.close)
    time.sleep(0.2)
    call("server send 5 bytes", lambda: s.send(b"hello"))
    call("server send 5 bytes", lambda: s.send(b"hello"))
    call("server recv", lambda: s.recv(100))
    call("server close", s.close)


def rst_in_close_wait_read():
    """The same RST in CLOSE-WAIT; the server reads first, then writes, then closes."""
    c, s = pair(5203, 42203)
    call("client shutdown(SHUT_WR)", lambda: c.shutdown(socket.SHUT_WR))
    call("server recv", lambda: s.recv(100))
    time.sleep(0.2)
    linger0(c)
    call("client close with SO_LINGER {1,0}", c.close)
    time.sleep(0.2)
    call("server recv", lambda: s.recv(100))
    call("server send 5 bytes", lambda: s.send(b"hello"))
    call("server send 5 bytes", lambda: s.send(b"hello"))
    call("server close", s.close)


def close_after_reset():
    """The server aborts an established connection; the idle client closes at once."""
    c, s = pair(5204, 42204)
    time.sleep(0.2)
    linger0(s)
    call("server close with SO_LINGER {1,0}", s.close)
    time.sleep(0.2)
    call("client close", c.close)


def maxseg():
    """The client sets TCP_MAXSEG 1000 before connect and sends 3000 bytes in one send."""
    c, s = pair(5205, 42205, [(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1000)])
    call("client getsockopt TCP_MAXSEG", lambda: c.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG))
    call("server getsockopt TCP_MAXSEG", lambda: s.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG))
    call("client send 3000 bytes", lambda: c.send(b"x" * 3000))
    time.sleep(0.3)
    got = 0
    while got < 3000:
        d = s.recv(5000)
        if not d:
            break
        got += len(d)
    log(f"server read {got} bytes")
    call("client close", c.close)
    time.sleep(0.1)
    call("server close", s.close)


def user_timeout():
    """The server (SO_RCVBUF 4096) never reads; the client (TCP_USER_TIMEOUT 3000 ms) fills
    the window and probes it; after the user timeout the connection is dropped."""
    c, s = pair(5206, 42206, [(socket.IPPROTO_TCP, 18, 3000)], server_rcvbuf=4096)
    c.setblocking(False)
    sent = 0
    try:
        while sent < 200000:
            sent += c.send(b"y" * 1000)
    except BlockingIOError:
        pass
    log(f"client queued {sent} bytes")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        e = c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if e:
            log(f"client SO_ERROR became {errno.errorcode.get(e, e)}")
            break
        time.sleep(0.05)
    call("client send 5 bytes", lambda: c.send(b"hello"))
    call("client recv", lambda: c.recv(100))
    call("client close", c.close)
    call("server close", s.close)


def self_connect():
    """A socket bound to 127.0.0.1:5207 connects to 127.0.0.1:5207: its SYN reaches itself in
    SYN-SENT, which is a simultaneous open (RFC 9293 3.5, figure 8) with one socket."""
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind((H, 5207))
    c.settimeout(5)
    call("connect to its own address", lambda: c.connect((H, 5207)))
    time.sleep(0.3)
    call("send 5 bytes", lambda: c.send(b"hello"))
    call("recv", lambda: c.recv(100))
    time.sleep(0.3)
    call("close", c.close)


def small_buffer_reopen():
    """The server (SO_RCVBUF 1024 before listen) does not read for 1 s while the client sends
    3000 bytes; then it reads 1000 bytes every 0.3 s until it has them all."""
    c, s = pair(5208, 42208, server_rcvbuf=1024)
    call("server getsockopt SO_RCVBUF", lambda: s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
    c.setblocking(False)
    call("client send 3000 bytes", lambda: c.send(b"z" * 3000))
    time.sleep(1)
    got = 0
    deadline = time.monotonic() + 10
    while got < 3000 and time.monotonic() < deadline:
        d = s.recv(1000)
        log(f"server recv returned {len(d)} bytes")
        if not d:
            break
        got += len(d)
        time.sleep(0.3)
    call("client close", c.close)
    time.sleep(0.1)
    call("server close", s.close)


if __name__ == "__main__":
    log(f"scenario {sys.argv[1]}")
    globals()[sys.argv[1].replace("-", "_")]()
