#!/usr/bin/env bash
# Memory or a thread the system refuses (a limit on the address space,
# `ulimit -v`) ends `slac eval` with exit 1 and one line on stderr, on the
# parsing threads as on the main one, never an abort (mimalloc's without a
# word, libstdc++'s for the thread) and never a part of a report. The data
# make a new group per record, so that the evaluation's state outgrows the
# limit whatever the machine; `--max-memory 0`, so that the budget of
# issue 11 does not stop it first. Not in the sanitizer builds: their
# shadow memory needs more address space than any such limit leaves.
#   address-space.sh SLAC
set -euo pipefail
slac=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/orders.sh" 400000 > "$work/orders.csv"

memory='error: out of memory: the system refused this process more memory (is its address space limited, `ulimit -v`?)'
thread='error: the system refused this process a thread (is its address space or its number of processes limited, `ulimit -v` or `ulimit -u`?); `--threads 1` asks for fewer'
# refused WHAT LIMIT EXPECTED [slac eval options]
refused() {
  local what=$1 limit=$2 expected=$3
  shift 3
  set +e
  (ulimit -s 8192 && ulimit -v "$limit" && "$slac" eval "$here/groups.sla" --data shop.order="$work/orders.csv" \
    --format csv --max-memory 0 "$@" > "$work/out" 2> "$work/err")
  code=$?
  set -e
  if [[ $code != 1 ]]; then
    echo "FAIL: $what: exit code $code under ulimit -v $limit, expected 1"; cat "$work/err"; exit 1
  fi
  if [[ $(cat "$work/err") != "$expected" ]]; then
    echo "FAIL: $what: unexpected message:"; cat "$work/err"; exit 1
  fi
  if [[ -s $work/out ]]; then
    echo "FAIL: $what: a report was written"; exit 1
  fi
}

refused "the interpreter on two threads" 300000 "$memory" --engine interp --threads 2
refused "the JIT on one thread" 300000 "$memory" --engine jit --threads 1
# 50 MB: the process starts, but its reading threads' stacks (8 MB each,
# `ulimit -s`) do not fit. With 60 the first thread starts and allocates
# while the next is made, and either may be refused first.
refused "a thread" 50000 "$thread" --engine interp --threads 2
# 25 MB: the shared libraries are mapped, and the first allocation, made
# before main by the static objects of the command line, is refused.
set +e
(ulimit -v 25000 && "$slac" --version > "$work/out" 2> "$work/err")
code=$?
set -e
if [[ $code != 1 || $(cat "$work/err") != "$memory" || -s $work/out ]]; then
  echo "FAIL: before main: exit code $code under ulimit -v 25000, expected 1 and one line:"
  cat "$work/err"
  exit 1
fi
echo "ok: memory or a thread refused ends the run with exit 1 and one line"
