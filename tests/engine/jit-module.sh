#!/usr/bin/env bash
# The JIT is a module slac loads only to compile kernels (runtime/jit,
# docs/architecture.md): slac itself does not link LLVM; a copy of slac
# without the module beside it checks, formats and interprets, and the
# commands that JIT say clearly that it cannot be loaded (exit 2).
#   jit-module.sh SLAC  (run from the source directory)
set -u
slac=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
example=examples/msp-support.sla
tickets=desk.ticket=examples/data/msp-support/tickets-2026-q1.csv

# expect EXIT PATTERN COMMAND...: stderr must hold PATTERN.
expect() {
  local expected=$1 pattern=$2
  shift 2
  local err code
  err=$("$@" 2>&1 >/dev/null)
  code=$?
  [[ $code == "$expected" ]] || fail "$*: exit $code, expected $expected: $err"
  [[ $err == *"$pattern"* ]] || fail "$*: no \"$pattern\" in: $err"
}

if ldd "$slac" | grep -i llvm; then fail "slac links LLVM"; fi
expect 0 "engine: jit, 1 of 1 streams compiled" "$slac" eval $example --data $tickets --verbose

mkdir -p "$work/bin" "$work/lib/slac"
cp "$slac" "$work/bin/slac"
alone=$work/bin/slac
expect 0 "" "$alone" --version
expect 0 "" "$alone" check $example
expect 0 "" "$alone" fmt --check $example
expect 0 "" "$alone" eval $example --data $tickets --engine interp
expect 0 "" "$alone" test $example --engine interp

missing="error: the JIT engine cannot be loaded: $work/lib/slac/slac_jit.so: cannot open shared object file: No such file or directory"
note="note: \`--engine interp\` evaluates without it, to the same results"
expect 2 "$missing
$note" "$alone" eval $example --data $tickets
expect 2 "$missing
$note" "$alone" test $example --engine jit
expect 2 "$missing" "$alone" compile $example --emit=llvm
[[ $("$alone" eval $example --data $tickets 2>/dev/null) == "" ]] || fail "a report without the JIT"

# A module that is no shared object is refused the same way.
echo "not a shared object" >"$work/lib/slac/slac_jit.so"
expect 2 "error: the JIT engine cannot be loaded: $work/lib/slac/slac_jit.so: " \
  "$alone" eval $example --data $tickets
exit $status
