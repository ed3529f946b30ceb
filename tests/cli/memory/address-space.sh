#!/usr/bin/env bash
# Memory the system refuses (a limit on the address space, `ulimit -v`)
# ends `slac eval` with exit 1 and one line on stderr, on the parsing
# threads as on the main one, never an abort without a word (mimalloc
# aborted so) and never a part of a report. The data make a new group per
# record, so that the evaluation's state outgrows the limit whatever the
# machine; `--max-memory 0`, so that the budget of issue 11 does not stop
# it first. Not in the sanitizer builds: their shadow memory needs more
# address space than any such limit leaves.
#   address-space.sh SLAC
set -euo pipefail
slac=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk 'BEGIN {
  print "t,customer,ok"
  for (i = 0; i < 400000; i++)
    printf "2026-03-%02dT%02d:%02d:00Z,customer-%07d,%s\n", 1 + i % 28, int(i / 28) % 24, i % 60, i, (i % 7 ? "true" : "false")
}' > "$work/orders.csv"

expected='error: out of memory: the system refused this process more memory (is its address space limited, `ulimit -v`?)'
refused() {
  local what=$1
  shift
  set +e
  (ulimit -v 300000 && "$slac" eval "$here/groups.sla" --data shop.order="$work/orders.csv" \
    --format csv --max-memory 0 "$@" > "$work/out" 2> "$work/err")
  code=$?
  set -e
  if [[ $code != 1 ]]; then
    echo "FAIL: $what: exit code $code under ulimit -v 300000, expected 1"; cat "$work/err"; exit 1
  fi
  if [[ $(cat "$work/err") != "$expected" ]]; then
    echo "FAIL: $what: unexpected message:"; cat "$work/err"; exit 1
  fi
  if [[ -s $work/out ]]; then
    echo "FAIL: $what: a report was written"; exit 1
  fi
}

refused "the interpreter on two threads" --engine interp --threads 2
refused "the JIT on one thread" --engine jit --threads 1
echo "ok: memory refused ends the run with exit 1 and one line"
