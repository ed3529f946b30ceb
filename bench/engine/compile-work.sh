#!/usr/bin/env bash
# The work of compiling each example's kernels, in instructions counted by
# callgrind: what `JitCompiler::compile` runs (generation, O2, machine code,
# linking) in `slac eval FILE --threads 1` with an empty kernel cache.
# Unlike the wall times of BM_Create (issue 13, acceptance 5), which move
# 10-20 % from run to run on a shared machine, the count is the same from
# run to run, so a change of a few per cent in the kernels' code shows
# (docs/performance.md, "Compile time").
#   bench/engine/compile-work.sh [SLAC] [EXAMPLE...]
# SLAC defaults to build/bin/slac (its ../lib/slac/slac_jit.so beside it),
# the examples to every one in examples/. Prints one line per example:
# the instructions, and the IR instructions after O2 (`--verbose`).
set -euo pipefail
cd "$(dirname "$0")/../.."
slac=${1:-build/bin/slac}
shift || true
examples=("$@")
if ((${#examples[@]} == 0)); then
  for file in examples/*.sla; do
    examples+=("$(basename "$file" .sla)")
  done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-24s %16s %8s\n' example instructions 'IR'
for example in "${examples[@]}"; do
  rm -rf "$work/cache"
  SLAC_CACHE_DIR=$work/cache valgrind --tool=callgrind --callgrind-out-file="$work/out" \
    "$slac" eval "examples/$example.sla" --threads 1 --verbose >/dev/null 2>"$work/err" || true
  # A stream the interpreter keeps compiles nothing: no line, no count.
  count=$(callgrind_annotate --inclusive=yes "$work/out" 2>/dev/null |
    awk '/JitCompiler::compile\[/ && !found { print $1; found = 1 }')
  ir=$(awk '/IR instructions after O2/ { for (i = 1; i < NF; ++i) if ($(i + 1) == "IR") print $i }' \
    "$work/err")
  printf '%-24s %16s %8s\n' "$example" "${count:-interpreted}" "${ir:--}"
done
