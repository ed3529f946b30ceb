#!/usr/bin/env bash
# Streams about 10 GB of generated probe records (a year of cloud-availability
# probes, CSV) through a pipe into `slac eval` and reports the bytes, the time
# and the peak memory (RSS) of slac. Usage: bench/stream-10gb.sh [ROWS]
# (default 430 million rows, ~10 GB; pass 1000000 for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-430000000}
slac=build/bin/slac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# 2026 in Berlin, the agreement's effective period: 2025-12-31T23:00:00Z
# plus 31,535,999 seconds.
awk -v rows="$rows" 'BEGIN {
  srand(1); start = 1767222000; span = 31535999
  print "t,location,ok,rtt"
  for (i = 0; i < rows; i++)
    printf "%d,%s,%s,%d\n", start + int(i * span / rows),
      (i % 3 == 0 ? "fra" : (i % 3 == 1 ? "ams" : "par")),
      (rand() < 0.999 ? "true" : "false"), 20 + int(rand() * 200)
}' | tee >(wc -c > "$work/bytes") |
  /usr/bin/time -v "$slac" eval examples/cloud-availability.sla --data portal.probe=- \
    --at 2027-01-01T00:00:00Z --format csv > "$work/report.csv" 2> "$work/time"
echo "bytes streamed: $(cat "$work/bytes")"
grep -E "Elapsed|Maximum resident" "$work/time"
echo "report rows: $(($(wc -l < "$work/report.csv") - 1))"
