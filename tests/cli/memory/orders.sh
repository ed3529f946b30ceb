#!/usr/bin/env bash
# N orders of shop.order (groups.sla) in March 2026, each of a customer of
# its own, so that the evaluation's state grows with every record.
#   orders.sh N > FILE
set -euo pipefail
awk -v count="$1" 'BEGIN {
  print "t,customer,ok"
  for (i = 0; i < count; i++)
    printf "2026-03-%02dT%02d:%02d:00Z,customer-%07d,%s\n", 1 + i % 28, int(i / 28) % 24, i % 60, i, (i % 7 ? "true" : "false")
}'
