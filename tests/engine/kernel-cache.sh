#!/usr/bin/env bash
# The kernel cache end to end (docs/evaluation.md, "The kernel cache"): a
# second run takes every kernel from the cache, links them without loading
# the JIT module (nor LLVM) and gives the same report, for every example;
# a program that differs only in a constant of its kernel misses and gives
# its own report; altered files are compiled again; SLAC_NO_CACHE keeps
# nothing; a cache that cannot be written is a cache that misses.
set -euo pipefail
slac=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset SLAC_NO_CACHE
export SLAC_CACHE_DIR=$work/cache
expected=$source/examples/data/distributor/expected-report.txt

run() { # label, then the eval arguments; the report in $work/LABEL, the log in $work/LABEL.log
  local label=$1
  shift
  "$slac" eval "$@" --verbose >"$work/$label" 2>"$work/$label.log"
}
says() { # label, pattern
  grep -q "$2" "$work/$1.log" || { echo "$1: expected \"$2\" in:"; cat "$work/$1.log"; exit 1; }
}

cd "$source"
run first examples/distributor.sla
diff -u "$expected" "$work/first"
says first "4 of 4 streams compiled (0 from the kernel cache)"
[[ $(ls "$work/cache/kernels"/*.kernels | wc -l) == 1 ]]
LD_DEBUG=files run second examples/distributor.sla
diff -u "$expected" "$work/second"
says second "4 of 4 streams compiled (4 from the kernel cache, linked without LLVM)"
if grep -q "slac_jit.so" "$work/second.log"; then
  echo "the JIT module was loaded for kernels the cache holds"
  exit 1
fi

# SLAC_PERF_JITDUMP: the kernels linked from the cache are written for
# perf, in its jitdump format (a "JiTD" header, then each kernel by name).
mkdir "$work/jitdump"
SLAC_PERF_JITDUMP=$work/jitdump "$slac" eval examples/distributor.sla >/dev/null
dump=$(ls "$work"/jitdump/jit-*.dump)
[[ $(head -c 4 "$dump") == DTiJ ]] || { echo "no jitdump header in $dump"; exit 1; }
[[ $(grep -a -o 'slac_kernel_[0-9]' "$dump" | sort -u | wc -l) == 4 ]] ||
  { echo "not every kernel is in $dump"; exit 1; }

# Every example: the kernels from the cache give the report the compiled
# ones give.
for example in examples/*.sla; do
  name=$(basename "$example" .sla)
  SLAC_NO_CACHE=1 "$slac" eval "$example" --format json >"$work/$name.compiled"
  "$slac" eval "$example" --format json >/dev/null
  run "$name.cached" "$example" --format json
  says "$name.cached" "linked without LLVM"
  diff -u "$work/$name.compiled" "$work/$name.cached"
done

# Every object altered in its middle, or cut short: compiled again.
for object in "$work/cache/kernels"/*.kernels; do
  printf '\xff' | dd of="$object" bs=1 seek=100 conv=notrunc status=none
done
run altered examples/distributor.sla
diff -u "$expected" "$work/altered"
says altered "(0 from the kernel cache)"
for object in "$work/cache/kernels"/*.kernels; do
  truncate -s -1 "$object"
done
run shortened examples/distributor.sla
diff -u "$expected" "$work/shortened"
says shortened "(0 from the kernel cache)"

# Two programs whose kernels differ only in the constant of a filter.
cat >"$work/fast.sla" <<'SLA'
service api {
  stream request at t {
    t: time
    latency: duration as ms
  }
  metric fast = ratio(request where latency < 300ms)
}

agreement plan {
  provider "P"
  customer "C"
  effective 2026-01-01 to 2026-12-31
  zone "UTC"
  objective speed: api.fast >= 50% over month
}
SLA
sed 's/300ms/200ms/' "$work/fast.sla" >"$work/faster.sla"
printf 't,latency\n2026-03-01T00:00:00Z,100\n2026-03-02T00:00:00Z,250\n' >"$work/requests.csv"
printf '2026-03-03T00:00:00Z,250\n2026-03-04T00:00:00Z,400\n' >>"$work/requests.csv"
run fast "$work/fast.sla" --data "api.request=$work/requests.csv"
run faster "$work/faster.sla" --data "api.request=$work/requests.csv"
says faster "(0 from the kernel cache)"
grep -q "75%" "$work/fast" || { cat "$work/fast"; exit 1; }
grep -q "25%" "$work/faster" || { cat "$work/faster"; exit 1; }
SLAC_NO_CACHE=1 "$slac" eval "$work/faster.sla" --data "api.request=$work/requests.csv" \
  >"$work/faster.uncached"
diff -u "$work/faster.uncached" "$work/faster"

# SLAC_NO_CACHE: nothing looked for, nothing kept.
rm -rf "$work/cache"
SLAC_NO_CACHE=1 run off examples/distributor.sla
diff -u "$expected" "$work/off"
if grep -q "kernel cache" "$work/off.log" || [[ -e $work/cache ]]; then
  echo "SLAC_NO_CACHE still used the cache"
  cat "$work/off.log"
  exit 1
fi

# A cache directory that cannot be made: the run goes on, and says why.
touch "$work/not-a-directory"
SLAC_CACHE_DIR=$work/not-a-directory run unwritable examples/distributor.sla
diff -u "$expected" "$work/unwritable"
says unwritable "kernel cache: cannot make"
echo "kernel-cache: ok"
