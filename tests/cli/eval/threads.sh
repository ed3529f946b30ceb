#!/usr/bin/env bash
# Several threads (issue 14, item 3): `slac eval` gives the same bytes at
# --threads 1 and 2 or 3 (and with chunks of a few bytes, so that these
# small files are cut at many places): report, rejects, stderr and exit
# code, for the examples, the hostile inputs and compressed data, read from
# files and from a pipe; `slac test` gives the same results.
#   threads.sh SLAC
set -u
slac=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
desk=(tests/eval/inputs/desk.sla --at 2026-04-01T12:00:00Z --period 2026-03)

# same NAME STDIN ARGS...: `slac eval ARGS` (REJECTS: a rejects file) in
# every variant, stdin from the file STDIN (or none: -), against the first.
same() {
  local name=$1 input=$2
  shift 2
  local v=0
  for variant in "${variants[@]}"; do
    local args=("${@//REJECTS/$work/$name.$v.rejects}")
    # shellcheck disable=SC2086 # a variant is several words
    if [[ $input == - ]]; then
      timeout 60 "$slac" eval "${args[@]}" --threads $variant >"$work/$name.$v.out" 2>"$work/$name.$v.err" </dev/null
    else
      timeout 60 "$slac" eval "${args[@]}" --threads $variant >"$work/$name.$v.out" 2>"$work/$name.$v.err" <"$input"
    fi
    echo $? >"$work/$name.$v.code"
    sed -i "s#$work/$name.$v.rejects#REJECTS#g" "$work/$name.$v.err"
    [[ -f $work/$name.$v.rejects ]] || : >"$work/$name.$v.rejects"
    if ((v > 0)); then
      for part in out err code rejects; do
        cmp -s "$work/$name.0.$part" "$work/$name.$v.$part" ||
          fail "$name, --threads $variant: $part differs from one thread's: $(diff "$work/$name.0.$part" "$work/$name.$v.$part" | head -20)"
      done
    fi
    v=$((v + 1))
  done
}

# 1. The examples, on the data of their tests (the cloud's probes, 9 MB,
# in 1 MiB chunks and in 4 KiB ones); with the interpreter, whose records
# the parsers evaluate, each with an evaluator of its own, merged at the
# end (docs/evaluation.md, "Several evaluators").
variants=("1" "2" "2 --chunk-size 4096" "2 --engine interp --chunk-size 65536")
for example in examples/*.sla; do
  same "$(basename "$example" .sla)" - "$example" --format json
  [[ $(cat "$work/$(basename "$example" .sla).0.code") == 0 ]] || fail "$example: exit $(cat "$work/$(basename "$example" .sla).0.code")"
done

# 2. Hostile inputs: bad records skipped or stopping the run, a quote left
# open, Latin-1, a missing column, NDJSON, intervals; small files, cut
# everywhere.
variants=("1" "2" "2 --chunk-size 1" "2 --chunk-size 9" "3 --chunk-size 100"
  "2 --engine interp --chunk-size 9" "3 --engine interp --chunk-size 100")
for file in tests/cli/eval/bad-tickets.csv tests/cli/hardening/open-quote.csv \
  tests/cli/hardening/latin1-customer.csv tests/cli/eval/missing-column.csv \
  tests/cli/eval/tickets-march.ndjson; do
  name=$(basename "$file")
  same "skip-$name" - "${desk[@]}" --data "desk.ticket=$file" --on-error=skip --rejects REJECTS
  same "stop-$name" - "${desk[@]}" --data "desk.ticket=$file"
done
same incidents - tests/cli/eval/incidents.sla --at 2026-04-20T12:00:00Z \
  --data ops.incident=tests/cli/eval/incidents.csv --on-error=skip --rejects REJECTS
# Made here: a byte order mark, CRLF and lone CR, blank lines, quoted cells
# over lines, malformed records, a record far longer than the chunks, and a
# quote that closes and goes on (the file is refused there).
{
  printf '\xEF\xBB\xBFopened,responded,priority,customer\r\n'
  for day in 10 11 12 13 14 15; do
    printf '2026-03-%sT09:00:00Z,2026-03-%sT10:00:00Z,P1,"acme\r\nnorth"\r\n' "$day" "$day"
    printf '\r\n\n2026-03-%sT09:30:00Z,2026-03-%sT09:40:00Z,P2,a"b\r' "$day" "$day"
    printf '2026-03-%sT09:30:00Z,2026-03-%sT09:40:00Z,"P2"x,c\n' "$day" "$day"
    printf '2026-03-%sT11:00:00Z,,P3,"%s"\n' "$day" "$(head -c 3000 /dev/zero | tr '\0' y)"
  done
  printf '2026-03-20T09:00:00Z,2026-03-20T10:00:00Z,P1,"open\nover lines"x\n'
  printf '2026-03-21T09:00:00Z,2026-03-21T10:00:00Z,P1,after\n'
} >"$work/made.csv"
same skip-made - "${desk[@]}" --data "desk.ticket=$work/made.csv" --on-error=skip --rejects REJECTS
same stop-made - "${desk[@]}" --data "desk.ticket=$work/made.csv"

# Records longer than four chunks across the reading thread's 64 KiB
# blocks: they come in sequential sections, read on the calling thread,
# which also takes their records (with the interpreter: its own evaluator,
# not a parser's).
{
  echo "opened,responded,priority,customer"
  for i in $(seq 1 200); do
    customer=acme
    ((i % 40 == 0)) && customer=$(head -c 70000 /dev/zero | tr '\0' y)
    printf '2026-03-%02dT09:%02d:00Z,2026-03-%02dT10:00:00Z,P%d,%s\n' \
      $((i % 28 + 1)) $((i % 60)) $((i % 28 + 1)) $((i % 4 + 1)) "$customer"
  done
} >"$work/long.csv"
hostile=("${variants[@]}")
variants=("1" "2 --chunk-size 100" "2 --engine interp --chunk-size 100")
same long - "${desk[@]}" --data "desk.ticket=$work/long.csv" --on-error=skip --rejects REJECTS
[[ $(cat "$work/long.0.code") == 0 ]] || fail "long.csv: exit $(cat "$work/long.0.code"): $(head -3 "$work/long.0.err")"
variants=("${hostile[@]}")

# 3. From a pipe, and compressed: whole, and cut short (the error's line).
same pipe "$work/made.csv" "${desk[@]}" --data desk.ticket=- --on-error=skip --rejects REJECTS
gzip -c tests/cli/eval/bad-tickets.csv >"$work/tickets.csv.gz"
zstd -q -c tests/cli/eval/bad-tickets.csv >"$work/tickets.csv.zst"
same gzip - "${desk[@]}" --data "desk.ticket=$work/tickets.csv.gz" --on-error=skip --rejects REJECTS
same zstd "$work/tickets.csv.zst" "${desk[@]}" --data desk.ticket=- --data-compression zstd \
  --on-error=skip --rejects REJECTS
{
  echo "opened,responded,priority,customer"
  for day in $(seq 10 28); do
    for minute in $(seq 10 59); do
      echo "2026-03-${day}T09:${minute}:00Z,2026-03-${day}T10:${minute}:00Z,P1,acme"
    done
  done
} | gzip -c >"$work/many.csv.gz"
head -c $(($(stat -c %s "$work/many.csv.gz") / 2)) "$work/many.csv.gz" >"$work/cut.csv.gz"
same cut - "${desk[@]}" --data "desk.ticket=$work/cut.csv.gz" --on-error=skip --rejects REJECTS
grep -q "cut short" "$work/cut.0.err" || fail "cut.csv.gz: no error: $(cat "$work/cut.0.err")"

# 3b. `--verbose` says who evaluated: the parsing threads for a stream the
# interpreter evaluates, the calling thread for a compiled one.
"$slac" eval examples/msp-support.sla --engine interp --threads 2 --verbose \
  >/dev/null 2>"$work/verbose.interp"
grep -q "tickets-2026-q1.csv: evaluated by the 2 parsing threads" "$work/verbose.interp" ||
  fail "--engine interp --threads 2 --verbose: $(cat "$work/verbose.interp")"
"$slac" eval examples/msp-support.sla --threads 2 --verbose >/dev/null 2>"$work/verbose.jit"
! grep -q "parsing threads" "$work/verbose.jit" ||
  fail "the JIT's kernel evaluated on the parsing threads: $(cat "$work/verbose.jit")"

# 3c. Without `--threads`, a plain file of less than 16 chunks is read on
# one thread, a longer one on every core (the example's tickets: some
# 2 KB); not a compressed one, whatever its size. Seen where the parsers
# evaluate (the interpreter).
if [ "$(nproc)" -gt 1 ]; then
  for case in "4096:1" "100:cores" "4096 --data desk.ticket=$work/many.csv.gz:cores"; do
    chunk=${case%%:*} expect=${case##*:}
    # shellcheck disable=SC2086
    "$slac" eval examples/msp-support.sla --engine interp --verbose --chunk-size $chunk \
      --on-error=skip >/dev/null 2>"$work/verbose.default" || true
    if [ "$expect" = 1 ]; then
      ! grep -q "parsing threads" "$work/verbose.default" ||
        fail "--chunk-size $chunk, no --threads: read on several threads: $(cat "$work/verbose.default")"
      grep -q "tickets-2026-q1.csv: read on one thread, a file of less than 65536 bytes" \
        "$work/verbose.default" ||
        fail "--chunk-size $chunk, no --threads: --verbose does not say why: $(cat "$work/verbose.default")"
    else
      grep -q "evaluated by the $(nproc) parsing threads" "$work/verbose.default" ||
        fail "--chunk-size $chunk, no --threads: not read on every core: $(cat "$work/verbose.default")"
    fi
  done
fi

# 4. `slac test`: the same results (their times aside).
for threads in 1 2; do
  timeout 120 "$slac" test examples --format json --threads $threads |
    sed -E 's/"seconds": *[0-9.e+-]+/"seconds": 0/g' >"$work/test.$threads.out"
done
cmp -s "$work/test.1.out" "$work/test.2.out" ||
  fail "slac test: the results differ: $(diff "$work/test.1.out" "$work/test.2.out" | head -20)"
exit $status
