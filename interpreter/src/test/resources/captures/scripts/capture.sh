#!/bin/bash
# Capture what this machine's Linux kernel sends in the situations of the first, third and
# fourth capture sessions (capture2.sh keeps the second's). One script for all of them: each
# scenario says its port, which program plays it, how long it may take, whether lo sends one
# segment per packet, and which packets iptables drops.
# Usage: capture.sh OUTDIR [SCENARIO...]   (default: every scenario)
# Run as root. All traffic stays on the loopback of a private network namespace (tcpsprobe,
# or $NS), 127.0.0.1 only; the namespace is deleted on exit, and every command is bounded by
# timeout. The programs: probe.py (server and client processes), probe3.py (both ends in one
# process, every call printed with what it returned), probe4.py (server and client processes).
set -u
OUT=${1:?usage: capture.sh OUTDIR [SCENARIO...]}; shift
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
NS=${NS:-tcpsprobe}
PY=/usr/bin/python3
NSX="ip netns exec $NS"
TD_PID=

cleanup() {
    [ -n "$TD_PID" ] && kill -INT "$TD_PID" 2>/dev/null
    timeout 10 ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM

timeout 10 ip netns add "$NS" || exit 1
timeout 5 $NSX ip link set lo up || exit 1

# segments_per_packet N: 1 makes tcpdump show every segment (the third and fourth sessions);
# 65535 is lo's default, where it shows GSO aggregates (the first session).
segments_per_packet() { timeout 5 $NSX ip link set dev lo gso_max_segs "$1"; }
drop() { timeout 5 $NSX iptables -A INPUT "$@" -j DROP; }

# start_td NAME PORT SECONDS: tcpdump on the namespace's lo, once it listens. $IMMEDIATE is
# --immediate-mode for the third session's short exchanges; a bulk transfer needs libpcap's
# buffering, or on a loaded machine the kernel drops packets before tcpdump reads them.
IMMEDIATE=
start_td() {
    timeout 5 $NSX ip tcp_metrics flush all 2>/dev/null
    rm -f "$OUT/$1.pcap"
    timeout $(($3 + 30)) $NSX tcpdump -i lo -n -U $IMMEDIATE -w "$OUT/$1.pcap" \
        "host 127.0.0.1 and tcp port $2" 2>"$OUT/$1.tcpdump.err" &
    TD_PID=$!
    for _ in $(seq 1 50); do grep -q "listening on" "$OUT/$1.tcpdump.err" 2>/dev/null && break; sleep 0.1; done
    sleep 1
    NSTAT_BEFORE=$(timeout 5 $NSX nstat -asz 2>/dev/null)
}

# stop_td NAME: let the last packets arrive, stop tcpdump, write the text forms and the .env
# (kernel, sysctls, lo, iptables rules, the counters that changed, what the programs printed)
stop_td() {
    sleep 2   # libpcap hands packets over in blocks
    kill -INT "$TD_PID"; timeout 10 tail --pid="$TD_PID" -f /dev/null; TD_PID=
    local after; after=$(timeout 5 $NSX nstat -asz 2>/dev/null)
    TZ=UTC tcpdump -n -r "$OUT/$1.pcap" >"$OUT/$1.txt" 2>/dev/null
    TZ=UTC tcpdump -n -S -r "$OUT/$1.pcap" >"$OUT/$1.S.txt" 2>/dev/null
    TZ=UTC tcpdump -n -ttt -r "$OUT/$1.pcap" >"$OUT/$1.ttt.txt" 2>/dev/null
    {
        echo "kernel: $(uname -r)"
        echo "sysctls (inside $NS):"
        timeout 5 $NSX sysctl net.ipv4.tcp_timestamps net.ipv4.tcp_sack net.ipv4.tcp_window_scaling \
            net.ipv4.tcp_syn_retries net.ipv4.tcp_synack_retries net.ipv4.tcp_fin_timeout \
            net.ipv4.tcp_syn_linear_timeouts net.ipv4.tcp_rmem net.ipv4.tcp_wmem net.core.rmem_max \
            net.ipv4.tcp_rto_min_us net.ipv4.tcp_congestion_control net.ipv4.tcp_slow_start_after_idle \
            net.ipv4.tcp_early_retrans net.ipv4.tcp_recovery 2>&1
        echo "lo: $(timeout 5 $NSX ip -d link show dev lo | grep -o 'gso_max_segs [0-9]*')"
        echo "iptables INPUT:"; timeout 5 $NSX iptables -S INPUT 2>&1
        echo "counters that changed during the capture (nstat, inside $NS):"
        awk 'NR==FNR { if ($1 !~ /^#/) b[$1] = $2; next } $1 !~ /^#/ && $2 != b[$1] { printf "  %s +%d\n", $1, $2 - b[$1] }' \
            <(echo "$NSTAT_BEFORE") <(echo "$after")
        echo "tcpdump: $(grep -h 'captured\|received by filter\|dropped by kernel' "$OUT/$1.tcpdump.err" | tr '\n' ' ')"
        for f in "$OUT/$1".*.log; do [ -e "$f" ] && { echo "${f##*/$1.}:"; cat "$f"; }; done
    } >"$OUT/$1.env"
    rm -f "$OUT/$1".*.log "$OUT/$1.tcpdump.err"
    timeout 5 $NSX iptables -F INPUT
}

# pair NAME PORT SECONDS PROGRAM [SCENARIO]: PROGRAM server SCENARIO in the background, then
# PROGRAM client SCENARIO, each bounded by SECONDS
pair() {
    local name=$1 port=$2 secs=$3 prog=$4 scen=${5:-$1}
    start_td "$name" "$port" "$secs"
    timeout "$secs" $NSX $PY "$HERE/$prog" server "$scen" >"$OUT/$name.server.log" 2>&1 &
    local spid=$!
    sleep 0.5
    timeout "$secs" $NSX $PY "$HERE/$prog" client "$scen" >"$OUT/$name.client.log" 2>&1
    timeout "$secs" tail --pid="$spid" -f /dev/null
    stop_td "$name"
}

# client_only NAME PORT SECONDS PROGRAM [SCENARIO]: nothing listens (or iptables answers)
client_only() {
    local name=$1 port=$2 secs=$3 prog=$4 scen=${5:-$1}
    start_td "$name" "$port" "$secs"
    timeout "$secs" $NSX $PY "$HERE/$prog" client "$scen" >"$OUT/$name.client.log" 2>&1
    stop_td "$name"
}

# both NAME PORT: probe3.py runs both ends in one process
both() {
    start_td "$1" "$2" 20
    timeout 20 $NSX $PY "$HERE/probe3.py" "$1" >"$OUT/$1.program.log" 2>&1
    stop_td "$1"
}

# with_sysctls NAME=VALUE... -- COMMAND...: runs COMMAND with the namespace's sysctls changed
with_sysctls() {
    local saved=()
    while [ "$1" != "--" ]; do
        saved+=("${1%%=*}=$($NSX sysctl -n "${1%%=*}")")
        $NSX sysctl -qw "$1"; shift
    done
    shift
    "$@"
    for s in "${saved[@]}"; do $NSX sysctl -qw "$s"; done
}

run_seed000_nc() {
    segments_per_packet 65535
    start_td seed000-nc 1234 10
    # server: stdin kept open for 3 s (like a terminal), received data to a file
    { sleep 3 | timeout 10 $NSX nc -l 127.0.0.1 1234 >"$OUT/seed000-nc.server.log" 2>&1 & }
    local spid=$!
    sleep 0.5
    echo foobar | timeout 10 $NSX nc -N -p 47162 127.0.0.1 1234 >"$OUT/seed000-nc.client.log" 2>&1
    timeout 10 tail --pid="$spid" -f /dev/null
    stop_td seed000-nc
}

# The first session (lo's default GSO): probe.py.
first() { segments_per_packet 65535; "$@"; }
run_seed003_exchange() { first pair seed003-exchange 5000 15 probe.py seed003; }
run_fin_no_data()      { first pair fin-no-data 5001 15 probe.py; }
run_fin_after_data()   { first pair fin-after-data 5002 15 probe.py; }
run_abort()            { first pair abort 5005 15 probe.py; }
run_close_unread()     { first pair close-unread 5006 15 probe.py; }
run_closed_port()      { first client_only closed-port 1235 15 probe.py; }
run_syn_retries() {
    drop -p tcp --dport 1236 --tcp-flags SYN,ACK SYN
    with_sysctls net.ipv4.tcp_syn_retries=2 -- first client_only syn-retries 1236 25 probe.py
}
run_syn_retries_exp() {
    drop -p tcp --dport 1236 --tcp-flags SYN,ACK SYN
    with_sysctls net.ipv4.tcp_syn_retries=2 net.ipv4.tcp_syn_linear_timeouts=0 -- \
        first client_only syn-retries-exp 1236 25 probe.py
}

# The third session (one segment per packet): probe3.py, both ends in one process.
third() { segments_per_packet 1; IMMEDIATE=--immediate-mode both "$@"; }
run_write_after_shutdown()   { third write-after-shutdown 5201; }
run_rst_in_close_wait()      { third rst-in-close-wait 5202; }
run_rst_in_close_wait_read() { third rst-in-close-wait-read 5203; }
run_close_after_reset()      { third close-after-reset 5204; }
run_maxseg()                 { third maxseg 5205; }
run_user_timeout()           { third user-timeout 5206; }
run_self_connect()           { third self-connect 5207; }
run_small_buffer_reopen()    { third small-buffer-reopen 5208; }

# The fourth session (one segment per packet): probe4.py; losses drop exactly the Nth packet.
fourth() { segments_per_packet 1; pair "$@"; }
run_syn_retries_default() {
    drop -p tcp --dport 5201 --tcp-flags SYN,ACK SYN
    fourth syn-retries-default 5201 150 probe4.py
}
run_bulk_cubic()      { fourth bulk-cubic 5202 30 probe4.py; }
run_bulk_loss_cubic() {
    drop -p tcp --dport 5203 -m length --length 1052 -m statistic --mode nth --every 1000000 --packet 19
    fourth bulk-loss-cubic 5203 30 probe4.py
}
run_bulk_loss_reno() {
    drop -p tcp --dport 5204 -m length --length 1052 -m statistic --mode nth --every 1000000 --packet 19
    fourth bulk-loss-reno 5204 30 probe4.py
}
run_bulk_idle_cubic() { fourth bulk-idle-cubic 5205 30 probe4.py; }
run_small_writes()    { fourth small-writes 5206 30 probe4.py; }

ALL="seed000-nc seed003-exchange fin-no-data fin-after-data closed-port abort close-unread syn-retries
syn-retries-exp write-after-shutdown rst-in-close-wait rst-in-close-wait-read close-after-reset maxseg
user-timeout self-connect small-buffer-reopen bulk-cubic bulk-loss-cubic bulk-loss-reno bulk-idle-cubic
small-writes syn-retries-default"
for s in ${@:-$ALL}; do
    f=run_${s//-/_}
    if ! declare -F "$f" >/dev/null; then echo "unknown scenario $s" >&2; continue; fi
    echo "== $s"
    "$f"
done
