#!/bin/bash
# Capture what this machine's Linux kernel sends in a few situations.
# Usage: capture.sh OUTDIR [SCENARIO...]   (default: all scenarios)
# Run as root.  All traffic stays on the loopback of a private network
# namespace (tcpsprobe), 127.0.0.1 only; the namespace is deleted on exit.
set -u
OUT=${1:?usage: capture.sh OUTDIR [SCENARIO...]}; shift
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
NS=tcpsprobe
PY=/usr/bin/python3
PROBE="$HERE/probe.py"
NSX="ip netns exec $NS"

cleanup() {
    [ -n "${TD_PID:-}" ] && kill -INT "$TD_PID" 2>/dev/null
    timeout 10 ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT INT TERM

timeout 10 ip netns add "$NS" || exit 1
timeout 5 $NSX ip link set lo up || exit 1

sysctls() {
    timeout 5 $NSX sysctl net.ipv4.tcp_timestamps net.ipv4.tcp_sack \
        net.ipv4.tcp_window_scaling net.ipv4.tcp_syn_retries \
        net.ipv4.tcp_synack_retries net.ipv4.tcp_fin_timeout \
        net.ipv4.tcp_syn_linear_timeouts net.ipv4.tcp_rmem net.ipv4.tcp_wmem \
        net.core.rmem_max net.ipv4.tcp_rto_min_us 2>&1
}

# start_td NAME PORT: start tcpdump on the namespace's lo, wait until it listens
start_td() {
    rm -f "$OUT/$1.pcap"
    timeout 60 $NSX tcpdump -i lo -n -U -w "$OUT/$1.pcap" "host 127.0.0.1 and tcp port $2" \
        2>"$OUT/$1.tcpdump.err" &
    TD_PID=$!
    for _ in $(seq 1 50); do
        grep -q "listening on" "$OUT/$1.tcpdump.err" 2>/dev/null && break
        sleep 0.1
    done
    sleep 1
    NSTAT_BEFORE=$(timeout 5 $NSX nstat -asz 2>/dev/null)
}

# counters_delta: the kernel's SNMP/netstat counters that changed in the
# namespace since start_td (nstat -asz before and after)
counters_delta() {
    local after
    after=$(timeout 5 $NSX nstat -asz 2>/dev/null)
    awk 'NR==FNR { if ($1 !~ /^#/) b[$1] = $2; next }
         $1 !~ /^#/ && $2 != b[$1] { printf "  %s +%d\n", $1, $2 - b[$1] }' \
        <(echo "$NSTAT_BEFORE") <(echo "$after")
}

# stop_td NAME: wait a little, stop tcpdump with SIGINT, write the text forms
stop_td() {
    sleep 1
    kill -INT "$TD_PID"; timeout 10 tail --pid="$TD_PID" -f /dev/null; TD_PID=
    TZ=UTC tcpdump -n -r "$OUT/$1.pcap" >"$OUT/$1.txt" 2>/dev/null
    TZ=UTC tcpdump -n -S -r "$OUT/$1.pcap" >"$OUT/$1.S.txt" 2>/dev/null
    TZ=UTC tcpdump -n -ttt -r "$OUT/$1.pcap" >"$OUT/$1.ttt.txt" 2>/dev/null
    { echo "kernel: $(uname -r)"; echo "sysctls (inside $NS):"; sysctls
      echo "counters that changed during the capture (nstat, inside $NS):"; counters_delta
    } >"$OUT/$1.env"
}

# pair NAME PORT SCENARIO: python server in the background, then the client
pair() {
    start_td "$1" "$2"
    { timeout 15 $NSX $PY "$PROBE" server "$3" & } >"$OUT/$1.server.log" 2>&1
    local spid=$!
    sleep 0.5
    timeout 15 $NSX $PY "$PROBE" client "$3" >"$OUT/$1.client.log" 2>&1
    timeout 15 tail --pid="$spid" -f /dev/null
    stop_td "$1"
}

run_seed000_nc() {
    start_td seed000-nc 1234
    # server: stdin kept open for 3 s (like a terminal), received data to a file
    { sleep 3 | timeout 10 $NSX nc -l 127.0.0.1 1234 >"$OUT/seed000-nc.server.out" 2>&1 & }
    local spid=$!
    sleep 0.5
    echo foobar | timeout 10 $NSX nc -N -p 47162 127.0.0.1 1234 >"$OUT/seed000-nc.client.out" 2>&1
    timeout 10 tail --pid="$spid" -f /dev/null
    stop_td seed000-nc
}

run_seed003_exchange() { pair seed003-exchange 5000 seed003; }
run_fin_no_data()      { pair fin-no-data 5001 fin-no-data; }
run_fin_after_data()   { pair fin-after-data 5002 fin-after-data; }
run_abort()            { pair abort 5005 abort; }
run_close_unread()     { pair close-unread 5006 close-unread; }

run_closed_port() {
    start_td closed-port 1235
    timeout 15 $NSX $PY "$PROBE" client closed-port >"$OUT/closed-port.client.log" 2>&1
    stop_td closed-port
}

# syn_common NAME LINEAR: drop SYNs to 1236, tcp_syn_retries=2, optional linear timeouts
syn_common() {
    timeout 5 $NSX iptables -A INPUT -p tcp --dport 1236 --tcp-flags SYN,ACK SYN -j DROP || return 1
    local old_retries old_linear
    old_retries=$($NSX sysctl -n net.ipv4.tcp_syn_retries)
    old_linear=$($NSX sysctl -n net.ipv4.tcp_syn_linear_timeouts 2>/dev/null)
    $NSX sysctl -w net.ipv4.tcp_syn_retries=2 >/dev/null
    [ -n "$2" ] && $NSX sysctl -w net.ipv4.tcp_syn_linear_timeouts="$2" >/dev/null
    start_td "$1" 1236
    timeout 25 $NSX $PY "$PROBE" client syn-retries >"$OUT/$1.client.log" 2>&1
    stop_td "$1"   # writes .env while the changed sysctls are still in force
    timeout 5 $NSX iptables -S INPUT >>"$OUT/$1.env" 2>&1
    $NSX sysctl -w net.ipv4.tcp_syn_retries="$old_retries" >/dev/null
    [ -n "$old_linear" ] && $NSX sysctl -w net.ipv4.tcp_syn_linear_timeouts="$old_linear" >/dev/null
    timeout 5 $NSX iptables -D INPUT -p tcp --dport 1236 --tcp-flags SYN,ACK SYN -j DROP
}
run_syn_retries()     { syn_common syn-retries ""; }
run_syn_retries_exp() { syn_common syn-retries-exp 0; }

ALL="seed000_nc seed003_exchange fin_no_data fin_after_data closed_port abort close_unread syn_retries syn_retries_exp"
for s in ${@:-$ALL}; do
    s=${s//-/_}
    echo "== $s"
    "run_$s"
done
