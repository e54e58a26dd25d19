#!/usr/bin/python3
"""Socket programs for the congestion-control, Nagle and SYN-timer captures (fourth session).

Usage: probe4.py server|client SCENARIO

As probe2.py: servers listen on 127.0.0.1 (ports 5201-5220), clients bind a fixed source port
(41201-41220), every blocking call has a timeout, one line per event, each starting with the UTC
wall-clock time (tcpdump's clock) and the ms since the program started.
"""
import sys
import socket
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from probe2 import log, ename, listener, connector, accept, recv_until_eof, timed_connect  # noqa: E402

TCP_CONGESTION = 13


def bulk_client(port, sport, cc, total, mss=1012, pause=None):
    c = connector(sport, timeout=20)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, mss)
    c.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cc.encode())
    if not timed_connect(c, port):
        return
    log("client", f"congestion control {c.getsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, 16).rstrip(bytes(1)).decode()}")
    time.sleep(0.2)
    c.sendall(b"x" * total)
    log("client", f"sent {total} bytes in one sendall")
    if pause is not None:
        time.sleep(pause)
        c.sendall(b"y" * total)
        log("client", f"after {pause} s idle, sent {total} bytes more")
    time.sleep(1)
    c.close()
    log("client", "closed")


def server_reads(port):
    ls = listener(port)
    s = accept(ls)
    s.settimeout(20)
    recv_until_eof(s, "server")
    s.close()
    log("server", "closed")
    ls.close()


# ---- syn-retries-default: 5201, client 41201; SYNs dropped, default sysctls ------------
def server_syn_retries_default():
    pass  # nothing listens: iptables drops every SYN to 5201 before anything could answer


def client_syn_retries_default():
    c = connector(41201, timeout=200)
    timed_connect(c, 5201)
    c.close()


# ---- bulk transfers: 100 segments of 1000 bytes, client -> server ----------------------
def server_bulk_cubic():
    server_reads(5202)


def client_bulk_cubic():
    bulk_client(5202, 41202, "cubic", 100_000)


def server_bulk_loss_cubic():
    server_reads(5203)


def client_bulk_loss_cubic():
    bulk_client(5203, 41203, "cubic", 100_000)


def server_bulk_loss_reno():
    server_reads(5204)


def client_bulk_loss_reno():
    bulk_client(5204, 41204, "reno", 100_000)


def server_bulk_idle_cubic():
    server_reads(5205)


def client_bulk_idle_cubic():
    bulk_client(5205, 41205, "cubic", 30_000, pause=1.0)


# ---- small-writes: 30 writes of 10 bytes, Nagle on (default) ---------------------------
def server_small_writes():
    server_reads(5206)


def client_small_writes():
    c = connector(41206)
    if not timed_connect(c, 5206):
        return
    time.sleep(0.2)
    for i in range(30):
        c.send(b"0123456789")
    log("client", "30 sends of 10 bytes")
    time.sleep(1)
    c.close()
    log("client", "closed")


if __name__ == "__main__":
    role, name = sys.argv[1], sys.argv[2].replace("-", "_")
    globals()[f"{role}_{name}"]()
