#!/bin/bash
# Third capture session: errno values, socket options, simultaneous open.
# Usage: capture3.sh OUTDIR [SCENARIO...]   Run as root.  All traffic stays on the
# loopback of a private network namespace (tcps-sockets), 127.0.0.1 only; the namespace
# is deleted on exit, and every command is bounded by timeout.
set -u
OUT=${1:?usage: capture3.sh OUTDIR [SCENARIO...]}; shift
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
NS=tcps-sockets
NSX="ip netns exec $NS"
cleanup() {
    [ -n "${TD_PID:-}" ] && kill -INT "$TD_PID" 2>/dev/null
    timeout 10 ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT INT TERM
timeout 10 ip netns add "$NS" || exit 1
timeout 5 $NSX ip link set lo up || exit 1
# One segment per packet on lo, so that tcpdump shows segments, not GSO aggregates.
timeout 5 $NSX ip link set lo gso_max_segs 1 2>/dev/null
declare -A PORT=([write-after-shutdown]=5201 [rst-in-close-wait]=5202 [rst-in-close-wait-read]=5203
    [close-after-reset]=5204 [maxseg]=5205 [user-timeout]=5206 [self-connect]=5207 [small-buffer-reopen]=5208)
SCEN=("$@"); [ ${#SCEN[@]} -eq 0 ] && SCEN=(write-after-shutdown rst-in-close-wait rst-in-close-wait-read
    close-after-reset maxseg user-timeout self-connect small-buffer-reopen)
for n in "${SCEN[@]}"; do
    timeout 5 $NSX ip tcp_metrics flush all 2>/dev/null
    timeout 30 $NSX tcpdump -i lo -n -U --immediate-mode -w "$OUT/$n.pcap" "host 127.0.0.1 and tcp port ${PORT[$n]}" 2>"$OUT/$n.tcpdump.err" &
    TD_PID=$!
    for _ in $(seq 1 50); do grep -q "listening on" "$OUT/$n.tcpdump.err" 2>/dev/null && break; sleep 0.1; done
    sleep 0.5
    timeout 20 $NSX /usr/bin/python3 "$HERE/probe3.py" "$n" >"$OUT/$n.out" 2>&1
    sleep 2   # libpcap hands packets over in blocks: give the last ones time to arrive
    kill -INT "$TD_PID"; timeout 10 tail --pid="$TD_PID" -f /dev/null; TD_PID=
    TZ=UTC tcpdump -n -r "$OUT/$n.pcap" >"$OUT/$n.txt" 2>/dev/null
    TZ=UTC tcpdump -n -S -r "$OUT/$n.pcap" >"$OUT/$n.S.txt" 2>/dev/null
    TZ=UTC tcpdump -n -ttt -r "$OUT/$n.pcap" >"$OUT/$n.ttt.txt" 2>/dev/null
    { echo "kernel: $(uname -r)"; timeout 5 $NSX sysctl net.ipv4.tcp_timestamps net.ipv4.tcp_sack \
        net.ipv4.tcp_window_scaling net.ipv4.tcp_rmem net.ipv4.tcp_wmem net.core.rmem_max \
        net.ipv4.tcp_congestion_control 2>&1; } >"$OUT/$n.env"
done
