#!/usr/bin/env bash
# Profiles `slac eval` with its kernels taken from the kernel cache, so that
# perf sees them by name and shows their instructions (jitdump,
# runtime/jit/PerfJitDump.h; docs/performance.md, "Profiling a kernel").
#   bench/engine/profile-kernel.sh FILE.sla [slac eval arguments...]
# e.g. bench/engine/profile-kernel.sh examples/cloud-availability.sla \
#        --data portal.probe=build/bench-data/cloud-525600.csv --threads 1
# Prints the hottest functions, then each kernel's instructions with their
# share of the samples; perf.data and its jitted objects stay in the
# directory it names.
set -euo pipefail
cd "$(dirname "$0")/../.."
slac=${SLAC:-build/bin/slac}
work=$(mktemp -d)
export SLAC_CACHE_DIR=$work/cache
"$slac" eval "$@" --format json >/dev/null # compiles and caches the kernels
SLAC_PERF_JITDUMP=$work perf record -k mono -F 20000 -o "$work/perf.data" \
  "$slac" eval "$@" --format json >/dev/null 2>"$work/record.log"
perf inject --jit -i "$work/perf.data" -o "$work/perf.jit.data" 2>>"$work/record.log"
# `head` closes the reports' pipes early.
set +o pipefail
perf report -i "$work/perf.jit.data" --stdio --no-children --sort dso,symbol 2>/dev/null |
  grep '%' | head -25 | cut -c1-120
for kernel in $(perf report -i "$work/perf.jit.data" --stdio --no-children --sort symbol \
  2>/dev/null | grep -oE 'slac_kernel_[0-9]+' | sort -u); do
  echo "== $kernel"
  perf annotate -i "$work/perf.jit.data" --stdio -s "$kernel" 2>/dev/null |
    grep -E '^ +[0-9]+\.[0-9]+ +:' | sort -rn | head -30
done
echo "profile kept in $work"
