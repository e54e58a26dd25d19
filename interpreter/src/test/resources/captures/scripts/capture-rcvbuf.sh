#!/bin/bash
# Receive-buffer probe (issue 10 session): runs probe-rcvbuf.py in a private namespace (e2rw),
# loopback only, one segment per packet, with tcpdump; deletes the namespace on exit.
# Usage: capture-rcvbuf.sh OUT.pcap RCVBUF SEND MAXSEG [noread]   Run as root.
set -u
PCAP=${1:?usage: capture-rcvbuf.sh OUT.pcap RCVBUF SEND MAXSEG [noread]}; shift
HERE=$(cd "$(dirname "$0")" && pwd)
NS=e2rw
trap 'timeout 10 ip netns del $NS 2>/dev/null' EXIT
timeout 10 ip netns add $NS || exit 1
timeout 5 ip netns exec $NS ip link set lo up
timeout 5 ip netns exec $NS ip link set lo gso_max_segs 1
timeout 30 ip netns exec $NS tcpdump -i lo -n -U --immediate-mode -w "$PCAP" tcp port 5301 2>/dev/null & TD=$!
sleep 1
timeout 20 ip netns exec $NS python3 "$HERE/probe-rcvbuf.py" "$@"
sleep 1; kill -INT $TD; wait $TD
