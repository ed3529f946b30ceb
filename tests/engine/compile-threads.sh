#!/usr/bin/env bash
# Each stream's kernel compiles on a thread of its own, up to `--threads`:
# the distributor's four streams on one thread and on four give its
# hand-checked report, and `--verbose` says how many threads compiled.
set -euo pipefail
slac=$1 source=$2
cd "$source"
expected=examples/data/distributor/expected-report.txt
for threads in 1 4; do
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$slac" eval examples/distributor.sla --threads "$threads" --verbose >"$work/report" 2>"$work/log"
  diff -u "$expected" "$work/report"
  plural=$([[ $threads == 1 ]] && echo thread || echo threads)
  grep -q "engine: jit, 4 of 4 streams compiled, .* on $threads $plural\$" "$work/log" ||
    { cat "$work/log"; exit 1; }
done
echo "compile-threads: ok"
