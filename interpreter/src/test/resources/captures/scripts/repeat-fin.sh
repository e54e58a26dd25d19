#!/bin/bash
# Repeat the fin-no-data and fin-after-data captures N times (each in a fresh
# namespace, via capture.sh) and print the gap between the client's FIN and
# the server's ACK of it, from tcpdump -ttt.
# Usage: repeat-fin.sh OUTDIR [N]
set -u
OUT=${1:?usage: repeat-fin.sh OUTDIR [N]}; N=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
for i in $(seq 1 "$N"); do
    timeout 60 "$HERE/capture.sh" "$OUT/run$i" fin-no-data fin-after-data >/dev/null
    for s in fin-no-data fin-after-data; do
        # the line after the client's [F.] is the server's ACK of it
        gap=$(awk '/> 127.0.0.1.500[12]: Flags \[F\.\]/ {getline; print $1; exit}' "$OUT/run$i/$s.ttt.txt")
        echo "run $i $s: server ACK of client FIN after $gap s"
    done
done
