#!/usr/bin/python3
"""Socket programs for the Nagle, sender-SWS and forced-PSH captures (fifth session).

Usage: probe5.py server|client SCENARIO

As probe2.py and probe4.py: servers listen on 127.0.0.1 (ports 5301-5310), clients bind a fixed
source port (41301-41310), every blocking call has a timeout, one line per event, each starting
with the UTC wall-clock time (tcpdump's clock) and the ms since the program started.
"""
import socket
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from probe2 import log, listener, connector, accept, recv_until_eof, timed_connect, nodelay  # noqa: E402


def server_reads(port, rcvbuf=None, sleep=None):
    ls = listener(port, rcvbuf)
    s = accept(ls)
    s.settimeout(20)
    if sleep is not None:
        log("server", f"not reading for {sleep} s")
        time.sleep(sleep)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


def small_writes(port, sport, count, gap=None, no_delay=False):
    c = connector(sport)
    if no_delay:
        nodelay(c)
    if not timed_connect(c, port):
        return
    time.sleep(0.2)
    for _ in range(count):
        c.send(b"0123456789")
        if gap is not None:
            time.sleep(gap)
    log("client", f"{count} sends of 10 bytes" + (f", {gap * 1000:g} ms apart" if gap else "")
        + (", TCP_NODELAY" if no_delay else ""))
    time.sleep(1)
    c.close()
    log("client", "closed")


# ---- small-writes-nodelay: small-writes with TCP_NODELAY ------------------------------
def server_small_writes_nodelay():
    server_reads(5301)


def client_small_writes_nodelay():
    small_writes(5301, 41301, 30, no_delay=True)


# ---- nagle-delayed-ack: 40 writes 1 ms apart; the server reads only after 1.5 s --------
def server_nagle_delayed_ack():
    server_reads(5302, sleep=1.5)


def client_nagle_delayed_ack():
    small_writes(5302, 41302, 40, gap=0.001)


# ---- sws-small-window: 3000, 2000 and 1000 bytes, 0.5 s apart, into a 4096-byte buffer --
def server_sws_small_window():
    server_reads(5303, rcvbuf=4096, sleep=3)


def client_sws_small_window():
    c = connector(41303)
    if not timed_connect(c, 5303):
        return
    time.sleep(0.2)
    c.send(b"a" * 3000)
    log("client", "sent 3000 bytes")
    time.sleep(0.5)
    n = c.send(b"b" * 2000)
    log("client", f"send of 2000 bytes returned {n}")
    time.sleep(0.5)
    n = c.send(b"c" * 1000)
    log("client", f"send of 1000 bytes returned {n}")
    time.sleep(3)
    c.close()
    log("client", "closed")


# ---- forced-push: 60000 bytes in one write, locked buffers on both sides ----------------
def server_forced_push():
    server_reads(5304, rcvbuf=16384)


def client_forced_push():
    c = connector(41304)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1012)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
    if not timed_connect(c, 5304):
        return
    time.sleep(0.2)
    c.sendall(b"x" * 60000)
    log("client", f"sent 60000 bytes in one sendall (SO_SNDBUF {c.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)})")
    time.sleep(1)
    c.close()
    log("client", "closed")


if __name__ == "__main__":
    role, name = sys.argv[1], sys.argv[2].replace("-", "_")
    globals()[f"{role}_{name}"]()
