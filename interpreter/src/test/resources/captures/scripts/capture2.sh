#!/bin/bash
# Timer and loss captures: what this machine's Linux kernel sends when a
# segment is lost, a timer fires or a socket lingers in a state.
# Usage: capture2.sh OUTDIR [SCENARIO...]   (default: all scenarios)
# Run as root.  All traffic stays on the loopback of a private network
# namespace (tcpsprobe2), 127.0.0.1 only.  Losses are made by iptables rules
# in that namespace's INPUT chain that drop exactly the Nth matching packet
# (-m statistic --mode nth --every 1000000 --packet N-1).  tcpdump on lo sees a
# packet when it is sent, before INPUT drops it, so every lost packet is in
# the capture, followed by its retransmission.  The namespace is deleted on
# exit, and every command is bounded by timeout.
set -u
OUT=${1:?usage: capture2.sh OUTDIR [SCENARIO...]}; shift
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
NS=tcpsprobe2
PY=/usr/bin/python3
PROBE="$HERE/probe2.py"
NSX="ip netns exec $NS"
BG=()

cleanup() {
    [ -n "${TD_PID:-}" ] && kill -INT "$TD_PID" 2>/dev/null
    for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
    timeout 10 ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT INT TERM

timeout 10 ip netns add "$NS" || exit 1
timeout 5 $NSX ip link set lo up || exit 1

sysctls() {
    timeout 5 $NSX sysctl net.ipv4.tcp_timestamps net.ipv4.tcp_sack \
        net.ipv4.tcp_window_scaling net.ipv4.tcp_syn_retries \
        net.ipv4.tcp_synack_retries net.ipv4.tcp_syn_linear_timeouts \
        net.ipv4.tcp_fin_timeout net.ipv4.tcp_orphan_retries net.ipv4.tcp_retries2 \
        net.ipv4.tcp_rto_min_us net.ipv4.tcp_rto_max_ms \
        net.ipv4.tcp_tw_reuse net.ipv4.tcp_tw_reuse_delay \
        net.ipv4.tcp_early_retrans net.ipv4.tcp_recovery net.ipv4.tcp_reordering \
        net.ipv4.tcp_comp_sack_nr net.ipv4.tcp_comp_sack_delay_ns \
        net.ipv4.tcp_invalid_ratelimit net.ipv4.tcp_congestion_control \
        net.ipv4.tcp_rmem net.ipv4.tcp_wmem net.core.rmem_max 2>&1
    echo "qdisc on lo: $(timeout 5 $NSX tc qdisc show dev lo)"
    echo "lo: $(timeout 5 $NSX ip -d link show dev lo | grep -o 'gso_max_size [0-9]*\|gso_max_segs [0-9]*' | tr '\n' ' ')"
}

# start_td NAME PORT [SECONDS]: start tcpdump on the namespace's lo, wait until it listens.
# It first empties the namespace's TCP metrics cache (ip tcp_metrics), unless
# KEEP_METRICS is set: Linux caches the RTT of every closed connection per
# destination address, and a new connection to 127.0.0.1 starts with an RTO
# derived from that cached RTT (see rto-cached-rtt).  Flushing makes every
# capture start as in a fresh namespace.
start_td() {
    [ -z "${KEEP_METRICS:-}" ] && timeout 5 $NSX ip tcp_metrics flush all 2>/dev/null
    rm -f "$OUT/$1.pcap"
    timeout "${3:-60}" $NSX tcpdump -i lo -n -U -w "$OUT/$1.pcap" "host 127.0.0.1 and tcp port $2" \
        2>"$OUT/$1.tcpdump.err" &
    TD_PID=$!
    for _ in $(seq 1 50); do
        grep -q "listening on" "$OUT/$1.tcpdump.err" 2>/dev/null && break
        sleep 0.1
    done
    sleep 1
    NSTAT_BEFORE=$(timeout 5 $NSX nstat -asz 2>/dev/null)
}

counters_delta() {
    local after
    after=$(timeout 5 $NSX nstat -asz 2>/dev/null)
    awk 'NR==FNR { if ($1 !~ /^#/) b[$1] = $2; next }
         $1 !~ /^#/ && $2 != b[$1] { printf "  %s +%d\n", $1, $2 - b[$1] }' \
        <(echo "$NSTAT_BEFORE") <(echo "$after")
}

# stop_td NAME: wait a little, stop tcpdump, write the text forms and NAME.env
stop_td() {
    sleep 1
    kill -INT "$TD_PID"; timeout 10 tail --pid="$TD_PID" -f /dev/null; TD_PID=
    TZ=UTC tcpdump -n -r "$OUT/$1.pcap" >"$OUT/$1.txt" 2>/dev/null
    TZ=UTC tcpdump -n -S -r "$OUT/$1.pcap" >"$OUT/$1.S.txt" 2>/dev/null
    TZ=UTC tcpdump -n -ttt -r "$OUT/$1.pcap" >"$OUT/$1.ttt.txt" 2>/dev/null
    { echo "kernel: $(uname -r)"; echo "sysctls (inside $NS):"; sysctls
      echo "counters that changed during the capture (nstat, inside $NS):"; counters_delta
      echo "TCP metrics cache after the capture (ip tcp_metrics show, inside $NS):"
      timeout 5 $NSX ip tcp_metrics show 2>&1
      echo "iptables INPUT rules with packet counts (inside $NS):"
      timeout 5 $NSX iptables -L INPUT -v -n -x 2>&1
    } >"$OUT/$1.env"
}

# drop ARGS...: append a DROP rule to INPUT in the namespace
drop() { timeout 5 $NSX iptables -A INPUT "$@" -j DROP; }
# once N: match only the Nth packet that reaches the rule (1-based)
once() { echo "-m statistic --mode nth --every 1000000 --packet $(($1 - 1))"; }
flush() { timeout 5 $NSX iptables -F INPUT; }

# pair NAME PORT SCENARIO [SECONDS]: python server in the background, then the client
pair() {
    start_td "$1" "$2" "${4:-60}"
    timeout "${4:-30}" $NSX $PY "$PROBE" server "$3" >"$OUT/$1.server.log" 2>&1 &
    local spid=$!; BG+=("$spid")
    sleep 0.5
    timeout "${4:-30}" $NSX $PY "$PROBE" client "$3" >"$OUT/$1.client.log" 2>&1
    timeout "${4:-30}" tail --pid="$spid" -f /dev/null
    stop_td "$1"
}

# ss_poll NAME PORT EVERY COUNT: log ss -tano for PORT every EVERY s, COUNT times
ss_poll() {
    local t0; t0=$(date +%s.%N)
    for i in $(seq 0 "$4"); do
        local now; now=$(date +%s.%N)
        echo "--- poll $i at $(TZ=UTC date -d @"$now" +%H:%M:%S.%N | cut -c1-12) UTC, +$(echo "$now - $t0" | bc | cut -c1-6) s"
        timeout 5 $NSX ss -tano "( sport = :$2 or dport = :$2 )" | tail -n +2
        [ "$i" -lt "$4" ] && sleep "$3"
    done >>"$OUT/$1.ss.txt"
}

run_synack_lost() {
    drop -p tcp --sport 5101 --tcp-flags SYN,ACK SYN,ACK $(once 1)
    pair synack-lost 5101 synack-lost
    flush
}

# print_rel PCAP: every packet with its time since the first one, without options
print_rel() {
    TZ=UTC tcpdump -n -tttt -r "$1" 2>/dev/null |
        awk 'NR==1 { split($2, a, ":"); t0 = a[1]*3600 + a[2]*60 + a[3] }
             { split($2, a, ":"); t = a[1]*3600 + a[2]*60 + a[3];
               line = $0; sub(/^[^ ]+ [^ ]+ IP /, "", line); sub(/, options.*/, "", line)
               printf "  +%8.6f s  %s\n", t - t0, line }'
}

# five more runs on fresh client ports; print when each SYN/SYN-ACK went out
run_synack_lost_repeats() {
    : >"$OUT/synack-lost.repeats.txt"
    for i in 1 2 3 4 5; do
        drop -p tcp --sport 5101 --tcp-flags SYN,ACK SYN,ACK $(once 1)
        SPORT=$((41120 + i)) pair "synack-lost-r$i" 5101 synack-lost
        flush
        { echo "== run $i (client port $((41120 + i)))"; print_rel "$OUT/synack-lost-r$i.pcap"
        } >>"$OUT/synack-lost.repeats.txt"
    done
}

run_synack_lost_all() {
    local old; old=$($NSX sysctl -n net.ipv4.tcp_synack_retries)
    $NSX sysctl -w net.ipv4.tcp_synack_retries=2 >/dev/null
    drop -p tcp --sport 5111 --tcp-flags SYN,ACK SYN,ACK
    start_td synack-lost-all 5111 120
    timeout 70 $NSX $PY "$PROBE" server synack-lost-all >"$OUT/synack-lost-all.server.log" 2>&1 &
    local spid=$!; BG+=("$spid")
    sleep 0.5
    timeout 70 $NSX $PY "$PROBE" client synack-lost-all >"$OUT/synack-lost-all.client.log" 2>&1 &
    local cpid=$!; BG+=("$cpid")
    local t_start; t_start=$(date +%s.%N)
    # poll ss every 2 s while the SYN-ACKs are dropped (20 s), then lift the rule
    ss_poll synack-lost-all 5111 2 10
    flush
    echo "rule removed at $(TZ=UTC date +%H:%M:%S.%N | cut -c1-15) UTC, client started at $(TZ=UTC date -d @"$t_start" +%H:%M:%S.%N | cut -c1-15) UTC" \
        >>"$OUT/synack-lost-all.ss.txt"
    timeout 70 tail --pid="$cpid" -f /dev/null
    timeout 70 tail --pid="$spid" -f /dev/null
    stop_td synack-lost-all
    $NSX sysctl -w net.ipv4.tcp_synack_retries="$old" >/dev/null
}

run_data_lost() {
    drop -p tcp --dport 5102 -m length --length 152 $(once 1)
    pair data-lost 5102 data-lost
    flush
}

run_data_lost_twice() {
    # two one-shot rules: the first drops the 1st copy, the second the 2nd copy
    drop -p tcp --dport 5112 -m length --length 152 $(once 1)
    drop -p tcp --dport 5112 -m length --length 152 $(once 1)
    pair data-lost-twice 5112 data-lost-twice
    flush
}

run_data_lost_thrice() {
    drop -p tcp --dport 5116 -m length --length 152 $(once 1)
    drop -p tcp --dport 5116 -m length --length 152 $(once 1)
    drop -p tcp --dport 5116 -m length --length 152 $(once 1)
    pair data-lost-thrice 5116 data-lost-thrice
    flush
}

run_fin_lost_twice() {
    drop -p tcp --dport 5117 --tcp-flags FIN FIN $(once 1)
    drop -p tcp --dport 5117 --tcp-flags FIN FIN $(once 1)
    pair fin-lost-twice 5117 fin-lost-twice
    flush
}

# six more runs each of data-lost-thrice and fin-lost-twice on fresh client
# ports, to show the spread of the TLP and RTO instants
run_loss_repeats() {
    : >"$OUT/data-lost.repeats.txt"; : >"$OUT/fin-lost.repeats.txt"
    for i in 1 2 3 4 5 6; do
        drop -p tcp --dport 5116 -m length --length 152 $(once 1)
        drop -p tcp --dport 5116 -m length --length 152 $(once 1)
        drop -p tcp --dport 5116 -m length --length 152 $(once 1)
        SPORT=$((41130 + i)) pair "data-lost-thrice-r$i" 5116 data-lost-thrice
        flush
        { echo "== run $i (client port $((41130 + i)); the first 3 copies of the 100-byte segment dropped)"
          print_rel "$OUT/data-lost-thrice-r$i.pcap"; } >>"$OUT/data-lost.repeats.txt"
        drop -p tcp --dport 5117 --tcp-flags FIN FIN $(once 1)
        drop -p tcp --dport 5117 --tcp-flags FIN FIN $(once 1)
        SPORT=$((41140 + i)) pair "fin-lost-twice-r$i" 5117 fin-lost-twice
        flush
        { echo "== run $i (client port $((41140 + i)); the first 2 copies of the client's FIN dropped)"
          print_rel "$OUT/fin-lost-twice-r$i.pcap"; } >>"$OUT/fin-lost.repeats.txt"
    done
}

# the RTT cache at work: a handshake whose first SYN-ACK is lost leaves a
# cached RTT of about 1 s for 127.0.0.1; the next connection's RTO (after its
# TLP) is then derived from that cached value instead of being about 200 ms
run_rto_cached_rtt() {
    timeout 5 $NSX ip tcp_metrics flush all 2>/dev/null
    drop -p tcp --sport 5101 --tcp-flags SYN,ACK SYN,ACK $(once 1)
    KEEP_METRICS=1 SPORT=41151 pair rto-cached-rtt-plant 5101 synack-lost
    flush
    timeout 5 $NSX ip tcp_metrics show >"$OUT/rto-cached-rtt.metrics.txt" 2>&1
    drop -p tcp --dport 5121 -m length --length 152 $(once 1)
    drop -p tcp --dport 5121 -m length --length 152 $(once 1)
    KEEP_METRICS=1 pair rto-cached-rtt 5121 rto-cached-rtt
    flush
}

run_fin_lost() {
    drop -p tcp --dport 5103 --tcp-flags FIN FIN $(once 1)
    pair fin-lost 5103 fin-lost
    flush
}

run_time_wait() {
    start_td time-wait 5104 110
    timeout 20 $NSX $PY "$PROBE" server time-wait >"$OUT/time-wait.server.log" 2>&1 &
    local spid=$!; BG+=("$spid")
    sleep 0.5
    timeout 20 $NSX $PY "$PROBE" client time-wait >"$OUT/time-wait.client.log" 2>&1
    timeout 20 tail --pid="$spid" -f /dev/null
    ss_poll time-wait 5104 5 14      # 0..70 s
    stop_td time-wait
}

run_time_wait_reuse() { pair time-wait-reuse 5105 time-wait-reuse; }

run_time_wait_reuse_nots() {
    $NSX sysctl -w net.ipv4.tcp_timestamps=0 >/dev/null
    pair time-wait-reuse-nots 5120 time-wait-reuse-nots
    $NSX sysctl -w net.ipv4.tcp_timestamps=1 >/dev/null
}
run_time_wait_syn()   { pair time-wait-syn 5106 time-wait-syn; }

run_close_wait_leak() {
    local old; old=$($NSX sysctl -n net.ipv4.tcp_fin_timeout)
    $NSX sysctl -w net.ipv4.tcp_fin_timeout=10 >/dev/null
    start_td close-wait-leak 5107 80
    timeout 50 $NSX $PY "$PROBE" server close-wait-leak >"$OUT/close-wait-leak.server.log" 2>&1 &
    local spid=$!; BG+=("$spid")
    sleep 0.5
    timeout 10 $NSX $PY "$PROBE" client close-wait-leak >"$OUT/close-wait-leak.client.log" 2>&1
    ss_poll close-wait-leak 5107 1 30    # every 1 s for 30 s
    timeout 50 tail --pid="$spid" -f /dev/null   # the server exits at ~40 s
    sleep 1
    echo "--- after the server exited" >>"$OUT/close-wait-leak.ss.txt"
    timeout 5 $NSX ss -tano "( sport = :5107 or dport = :5107 )" | tail -n +2 >>"$OUT/close-wait-leak.ss.txt"
    stop_td close-wait-leak
    $NSX sysctl -w net.ipv4.tcp_fin_timeout="$old" >/dev/null
}

run_half_close()       { pair half-close 5108 half-close; }
run_zero_window()      { pair zero-window 5109 zero-window 45; }
run_delayed_ack_bulk() { pair delayed-ack-bulk 5110 delayed-ack-bulk; }
run_delayed_ack_noread() { pair delayed-ack-noread 5119 delayed-ack-noread; }

run_out_of_order() {
    drop -p tcp --dport 5113 -m length --length 1052 $(once 2)
    pair out-of-order 5113 out-of-order
    flush
}

# the same, but the five segments leave in one burst: the client sets
# TCP_MAXSEG 1012 and sends 5000 bytes in one send(), and lo's gso_max_segs is
# 1 so that each 1000-byte segment is its own packet.  The client's socket is
# locked for the whole send(), so the ACKs it gets meanwhile wait in its
# backlog and the receiver sends all its duplicate ACKs before the sender
# reacts.
run_out_of_order_burst() {
    timeout 5 $NSX ip link set dev lo gso_max_segs 1 || return 1
    drop -p tcp --dport 5118 -m length --length 1052 $(once 2)
    pair out-of-order-burst 5118 out-of-order-burst
    flush
    timeout 5 $NSX ip link set dev lo gso_max_segs 65535
}

run_rst_established()       { pair rst-established 5114 rst-established; }
run_rst_established_write() { pair rst-established-write 5115 rst-established-write; }

ALL="synack_lost synack_lost_repeats synack_lost_all data_lost data_lost_twice data_lost_thrice fin_lost fin_lost_twice loss_repeats rto_cached_rtt time_wait time_wait_reuse time_wait_reuse_nots time_wait_syn close_wait_leak half_close zero_window delayed_ack_bulk delayed_ack_noread out_of_order out_of_order_burst rst_established rst_established_write"
for s in ${@:-$ALL}; do
    s=${s//-/_}
    echo "== $s $(TZ=UTC date +%H:%M:%S)"
    "run_$s"
done
