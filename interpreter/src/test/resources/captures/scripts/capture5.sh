#!/bin/bash
# Nagle, sender-SWS and forced-PSH captures (fifth session).
# Usage: capture5.sh OUTDIR [SCENARIO...]   (default: all scenarios)
# Run as root. All traffic stays on the loopback of a private network namespace (tcpsprobe5),
# 127.0.0.1 only. Nothing is dropped (the iptables helpers of capture4.sh are kept, unused).
# lo sends one segment per packet (gso_max_segs 1), so that each segment and its flags are
# visible, as tcps prints them. The namespace is deleted on exit; every command is bounded by timeout.
set -u
OUT=${1:?usage: capture5.sh OUTDIR [SCENARIO...]}; shift
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
NS=tcpsprobe5
NSX="ip netns exec $NS"
TD_PID=
cleanup() {
    [ -n "$TD_PID" ] && kill -INT "$TD_PID" 2>/dev/null
    timeout 10 ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT INT TERM
timeout 10 ip netns add "$NS" || exit 1
timeout 5 $NSX ip link set lo up || exit 1
timeout 5 $NSX ip link set dev lo gso_max_segs 1

drop() { timeout 5 $NSX iptables -A INPUT "$@" -j DROP; }
flush() { timeout 5 $NSX iptables -F INPUT; }

run() {  # run NAME PORT SECONDS
    local name=$1 port=$2 secs=$3
    timeout 5 $NSX ip tcp_metrics flush all 2>/dev/null
    rm -f "$OUT/$name.pcap"
    timeout $((secs + 10)) $NSX tcpdump -i lo -n -U -w "$OUT/$name.pcap" "host 127.0.0.1 and tcp port $port" \
        2>"$OUT/$name.tcpdump.err" &
    TD_PID=$!
    for _ in $(seq 1 50); do grep -q "listening on" "$OUT/$name.tcpdump.err" 2>/dev/null && break; sleep 0.1; done
    sleep 1
    local before; before=$(timeout 5 $NSX nstat -asz 2>/dev/null)
    timeout "$secs" $NSX /usr/bin/python3 "$HERE/probe5.py" server "$name" >"$OUT/$name.server.log" 2>&1 &
    local sp=$!
    sleep 0.5
    timeout "$secs" $NSX /usr/bin/python3 "$HERE/probe5.py" client "$name" >"$OUT/$name.client.log" 2>&1
    wait $sp
    sleep 1
    kill -INT "$TD_PID"; timeout 10 tail --pid="$TD_PID" -f /dev/null; TD_PID=
    local after; after=$(timeout 5 $NSX nstat -asz 2>/dev/null)
    {
        echo "kernel $(uname -r)"
        timeout 5 $NSX sysctl net.ipv4.tcp_congestion_control net.ipv4.tcp_syn_retries \
            net.ipv4.tcp_syn_linear_timeouts net.ipv4.tcp_slow_start_after_idle net.ipv4.tcp_early_retrans \
            net.ipv4.tcp_recovery net.ipv4.tcp_sack net.ipv4.tcp_timestamps net.ipv4.tcp_wmem net.ipv4.tcp_rmem
        echo "lo: $(timeout 5 $NSX ip -d link show dev lo | grep -o 'gso_max_segs [0-9]*')"
        echo "iptables INPUT:"; timeout 5 $NSX iptables -L INPUT -v -n -x
        echo "counters that changed:"
        awk 'NR==FNR { if ($1 !~ /^#/) b[$1] = $2; next } $1 !~ /^#/ && $2 != b[$1] { printf "  %s +%d\n", $1, $2 - b[$1] }' \
            <(echo "$before") <(echo "$after")
        echo "client:"; cat "$OUT/$name.client.log"; echo "server:"; cat "$OUT/$name.server.log"
    } >"$OUT/$name.env"
    TZ=UTC tcpdump -n -r "$OUT/$name.pcap" >"$OUT/$name.txt" 2>/dev/null
    TZ=UTC tcpdump -n -S -r "$OUT/$name.pcap" >"$OUT/$name.S.txt" 2>/dev/null
    TZ=UTC tcpdump -n -ttt -r "$OUT/$name.pcap" >"$OUT/$name.ttt.txt" 2>/dev/null
    rm -f "$OUT/$name.tcpdump.err" "$OUT/$name.client.log" "$OUT/$name.server.log"
    flush
}

ALL="small-writes-nodelay nagle-delayed-ack sws-small-window forced-push"
for name in ${@:-$ALL}; do
    case $name in
    small-writes-nodelay) run $name 5301 30 ;;
    nagle-delayed-ack) run $name 5302 30 ;;
    sws-small-window) run $name 5303 30 ;;
    forced-push) run $name 5304 30 ;;
    *) echo "unknown scenario $name" >&2 ;;
    esac
done
