#!/usr/bin/python3
"""Receive-buffer probe (issue 10 session): a server socket (SO_RCVBUF RCVBUF unless 0) that does
not read while the client sends SEND bytes (TCP_MAXSEG MAXSEG unless 0); it prints the server's
TCP_INFO rcv_mss / rcv_ssthresh / rcv_space, TCP_WINDOW_CLAMP and `ss -tm` skmem (r = memory
charged to the receive buffer, rb = sk_rcvbuf) when the data is in, then reads 1000 bytes every
0.3 s (unless a fourth argument is given: then it closes after 1 s without reading).
Usage: probe-rcvbuf.py RCVBUF SEND MAXSEG [noread]   (ports 5301 / 42301; every wait is bounded)"""
import socket, struct, subprocess, sys, time

H = "127.0.0.1"
RCVBUF, SEND, MAXSEG = (int(a) for a in sys.argv[1:4])


def info(s, tag):
    b = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    u32 = struct.unpack_from("<" + "I" * ((len(b) - 8) // 4), b, 8)
    # struct tcp_info after its 8 u8 fields: 3 rcv_mss, 14 rcv_ssthresh, 22 rcv_space
    clamp = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_WINDOW_CLAMP)
    ss = subprocess.run(["ss", "-tmnH", "state", "established", "sport", ":5301"],
                        capture_output=True, text=True, timeout=5).stdout.split("\n")
    sk = " ".join(l.strip() for l in ss if "skmem" in l)
    print(f"{tag}: rcv_mss={u32[3]} rcv_ssthresh={u32[14]} rcv_space={u32[22]} clamp={clamp} {sk}", flush=True)


ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if RCVBUF:
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF)
ls.bind((H, 5301))
ls.listen(1)
c = socket.socket()
c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if MAXSEG:
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, MAXSEG)
c.bind((H, 42301))
c.settimeout(5)
c.connect((H, 5301))
s, _ = ls.accept()
s.settimeout(5)
ls.close()
info(s, "connected")
c.setblocking(False)
c.send(b"z" * SEND)
time.sleep(0.3)
info(s, "full")
if len(sys.argv) > 4:
    time.sleep(1)
else:
    got = n = 0
    while got < SEND and n < 20:
        n += 1
        d = s.recv(1000)
        got += len(d)
        time.sleep(0.05)
        info(s, f"read {len(d)}")
        time.sleep(0.25)
c.close()
s.close()
