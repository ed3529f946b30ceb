#!/usr/bin/env bash
# `slac compile --emit=llvm|asm` prints the probe workload's kernel: one
# function over the batch that calls into the core only to find a window
# and to hand a record back; `--emit=plan` still prints the plan.
set -euo pipefail
slac=$1 source=$2
ir=$("$slac" compile "$source/bench/engine/probes.sla" --emit=llvm)
grep -q 'define void @slac_kernel_0(ptr' <<<"$ir"
# On x86-64 the core's functions are called through their trampolines in
# LLVM's preserve_most convention (runtime/jit/PreservingHelpers.h).
if [[ $(uname -m) == x86_64 ]]; then
  call='call preserve_mostcc' suffix=_preserving
else
  call='call' suffix=
fi
grep -qF "$call ptr @slac_kernel_locate$suffix(" <<<"$ir"
grep -qF "$call void @slac_kernel_slow_record$suffix(" <<<"$ir"
asm=$("$slac" compile "$source/bench/engine/probes.sla" --emit=asm)
grep -q '^slac_kernel_0:' <<<"$asm"
plan=$("$slac" compile "$source/bench/engine/probes.sla" --emit=plan)
grep -q '^stream #0 web.probe' <<<"$plan"
# The cloud example's streams compile too (its slices are routed by the interpreter).
cloud=$("$slac" compile "$source/examples/cloud-availability.sla" --emit=llvm)
grep -q '^define void @slac_kernel' <<<"$cloud"
# Money fields are millionths of their currency, whole numbers the kernel
# adds like percents: the refunds stream compiles, and its currency column
# is a field of the plan.
refunds=$("$slac" compile "$source/tests/cli/eval/refunds.sla" --emit=llvm)
grep -q '^define void @slac_kernel_0' <<<"$refunds"
if grep 'is interpreted' <<<"$refunds"; then exit 1; fi
refunds_plan=$("$slac" compile "$source/tests/cli/eval/refunds.sla" --emit=plan)
grep -qF 'field #4 currency of refund: money EUR from "Currency" as currency' <<<"$refunds_plan"
# Match arms that differ only in constants share their code: the three
# office-hours deadlines of msp-support's response_due (1h, 4h, 1 business
# day) ask the calendar for the reached instant in one place, not three.
msp=$("$slac" compile "$source/examples/msp-support.sla" --emit=llvm)
reaches=$(grep -cF "$call i32 @slac_calendar_reach$suffix(" <<<"$msp")
[[ $reaches == 1 ]] || { echo "msp-support asks slac_calendar_reach in $reaches places"; exit 1; }
# A record asks whether the office is open at its opening once, for
# `after_hours` and the filters of two objectives; and it places its opening
# in the office hours once, for its response deadline, where the resolution
# time's arms for the same priorities read it again: two positions (opened,
# resolved), one stretch.
positions=$(grep -cF "$call i32 @slac_calendar_position$suffix(" <<<"$msp")
[[ $positions == 2 ]] || { echo "msp-support asks slac_calendar_position in $positions places"; exit 1; }
stretches=$(grep -cF "$call i32 @slac_calendar_stretch$suffix(" <<<"$msp")
[[ $stretches == 1 ]] || { echo "msp-support asks slac_calendar_stretch in $stretches places"; exit 1; }
# Strings are printed quoted and escaped, so that no two plans print the
# same text (the kernel cache's key is the plan's text): `"a\"b\\"` is one
# constant, which unescaped would read as `"a"` and `b\`.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/quotes.sla" <<'SLA'
service api {
  stream request at t {
    t: time
    path: string from "the \"path\""
  }
  metric odd = ratio(request where path == "a\"b\\")
}

agreement plan {
  provider "P \"quoted\""
  customer "C"
  effective 2026-01-01 to 2026-12-31
  zone "UTC"
  objective share: api.odd >= 50% over month
}
SLA
quotes=$("$slac" compile "$work/quotes.sla" --emit=plan)
grep -qF 'field #1 path: string from "the \"path\""' <<<"$quotes"
grep -qF '(constant:string "a\"b\\")' <<<"$quotes"
grep -qF 'provider "P \"quoted\"" customer "C"' <<<"$quotes"
echo "emit: ok"
