#!/usr/bin/env bash
# `slac eval --max-memory`: a file with a new group per record grows the
# evaluation's state with every record; past the budget the run stops with
# exit 1 and a message naming what grew, never an allocator abort. The same
# data with no limit is evaluated.
#   budget.sh SLAC
set -euo pipefail
slac=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/orders.sh" 200000 > "$work/orders.csv"

set +e
"$slac" eval "$here/groups.sla" --data shop.order="$work/orders.csv" --format csv \
  --max-memory 48M > "$work/out" 2> "$work/err"
code=$?
set -e
if [[ $code != 1 ]]; then
  echo "FAIL: exit code $code with --max-memory 48M, expected 1"; cat "$work/err"; exit 1
fi
if ! grep -q '^error: the evaluation outgrew --max-memory (48 MiB): it keeps [0-9]* groups' "$work/err"; then
  echo "FAIL: unexpected message:"; cat "$work/err"; exit 1
fi
if [[ -s $work/out ]]; then
  echo "FAIL: a report was written"; exit 1
fi

# The interpreter on two threads: each parser evaluates with an evaluator
# of its own; the first over the budget stops the run the same way.
set +e
"$slac" eval "$here/groups.sla" --data shop.order="$work/orders.csv" --format csv \
  --max-memory 48M --engine interp --threads 2 > "$work/out" 2> "$work/err"
code=$?
set -e
if [[ $code != 1 ]]; then
  echo "FAIL: exit code $code with --max-memory 48M on two interpreting threads, expected 1"
  cat "$work/err"; exit 1
fi
if ! grep -q '^error: the evaluation outgrew --max-memory (48 MiB): it keeps [0-9]* groups' "$work/err" ||
    [[ $(wc -l < "$work/err") != 1 ]]; then
  echo "FAIL: unexpected message on two interpreting threads:"; cat "$work/err"; exit 1
fi
if [[ -s $work/out ]]; then
  echo "FAIL: a report was written on two interpreting threads"; exit 1
fi

"$slac" eval "$here/groups.sla" --data shop.order="$work/orders.csv" --format csv \
  --max-memory 0 --at 2026-04-01T00:00:00Z > "$work/out"
rows=$(($(wc -l < "$work/out") - 1))
if [[ $rows != 200000 ]]; then
  echo "FAIL: $rows report rows without a limit, expected one per customer: 200000"; exit 1
fi
# Every seventh customer (i % 7 == 0) had its only order fail.
breached=$(grep -c ',breached,' "$work/out" || true)
if [[ $breached != 28572 ]]; then
  echo "FAIL: $breached breached customers, expected 28572"; exit 1
fi
# Interval records grow the state when they are routed, after the last
# batch: 40,000 incidents open from January belong to every daily window up
# to `at` (40,000 x 364 intervals in windows, about 600 MB).
awk 'BEGIN {
  print "started,ended"
  for (i = 0; i < 40000; i++)
    printf "2026-01-01T%02d:%02d:00Z,\n", int(i / 60) % 24, i % 60
}' > "$work/incidents.csv"
set +e
"$slac" eval "$here/incidents.sla" --data ops.incident="$work/incidents.csv" --format csv \
  --at 2026-12-31T00:00:00Z --max-memory 64M > "$work/out" 2> "$work/err"
code=$?
set -e
if [[ $code != 1 ]]; then
  echo "FAIL: exit code $code for open incidents with --max-memory 64M, expected 1"
  cat "$work/err"; exit 1
fi
if ! grep -q '^error: the evaluation outgrew --max-memory (64 MiB): .* [0-9]* intervals in windows' \
    "$work/err"; then
  echo "FAIL: unexpected message:"; cat "$work/err"; exit 1
fi
echo "memory budget: 4 passed, 0 failed"
