#!/usr/bin/env bash
# Compressed data (issue 14, item 4): a CSV or NDJSON file compressed with
# gzip or zstd (by the file name, or --data-compression for stdin) gives the
# same report and rejects as the plain file; a .gz or .zst that is corrupt,
# cut short, empty or no such data stops the run with the file's name and
# what went wrong, never a crash. The compressed files are made here from
# the plain ones, with the gzip and zstd tools.
#   compressed-data.sh SLAC
set -u
slac=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
desk=(tests/eval/inputs/desk.sla --at 2026-04-01T12:00:00Z --period 2026-03)

# run NAME ARGS...: the report on $work/NAME.out, the rejects (their file
# column replaced by FILE) on $work/NAME.rejects, the exit code on NAME.code.
run() {
  local name=$1
  shift
  timeout 20 "$slac" eval "${desk[@]}" --on-error=skip --rejects "$work/$name.raw-rejects" "$@" \
    >"$work/$name.out" 2>"$work/$name.err"
  echo $? >"$work/$name.code"
  sed -E 's#^[^,]*,#FILE,#' "$work/$name.raw-rejects" >"$work/$name.rejects"
}

# 1. The same report and rejects, plain or compressed, from a file or stdin.
cp tests/cli/eval/bad-tickets.csv "$work/tickets.csv"
gzip -c "$work/tickets.csv" >"$work/tickets.csv.gz"
zstd -q -c "$work/tickets.csv" >"$work/tickets.csv.zst"
run plain --data "desk.ticket=$work/tickets.csv"
run gzip --data "desk.ticket=$work/tickets.csv.gz"
run zstd --data "desk.ticket=$work/tickets.csv.zst"
run stdin-gzip --data desk.ticket=- --data-compression gzip <"$work/tickets.csv.gz"
run stdin-zstd --data desk.ticket=- --data-compression zstd <"$work/tickets.csv.zst"
diff -u tests/cli/eval/skip.table "$work/plain.out" || fail "the plain file's report changed"
[[ $(cat "$work/plain.code") == 0 ]] || fail "the plain file exits $(cat "$work/plain.code")"
# A header and the 6 rejects that skip.table counts.
[[ $(wc -l <"$work/plain.rejects") == 7 ]] || fail "the plain file has not 6 rejects"
# Members and frames one after the other: the lines of one file.
head -n 4 "$work/tickets.csv" | gzip -c >"$work/members.csv.gz"
tail -n +5 "$work/tickets.csv" | gzip -c >>"$work/members.csv.gz"
head -n 4 "$work/tickets.csv" | zstd -q -c >"$work/frames.csv.zst"
tail -n +5 "$work/tickets.csv" | zstd -q -c >>"$work/frames.csv.zst"
run members --data "desk.ticket=$work/members.csv.gz"
run frames --data "desk.ticket=$work/frames.csv.zst"
for name in gzip zstd stdin-gzip stdin-zstd members frames; do
  for part in out rejects code err; do
    cmp -s "$work/plain.$part" "$work/$name.$part" ||
      fail "$name: $part differs from the plain file's: $(diff "$work/plain.$part" "$work/$name.$part")"
  done
done
# NDJSON by its name under the compression's.
gzip -c tests/cli/eval/tickets-march.ndjson >"$work/tickets.ndjson.gz"
"$slac" eval "${desk[@]}" --data "desk.ticket=$work/tickets.ndjson.gz" >"$work/ndjson.out" 2>&1
diff -u tests/cli/eval/desk-march.table "$work/ndjson.out" || fail "tickets.ndjson.gz: another report"

# 2. Broken compressed files: exit 1 and `error: FILE:LINE:1: what went wrong`.
{
  echo "opened,responded,priority,customer"
  for day in $(seq 10 28); do
    for minute in $(seq 10 59); do
      echo "2026-03-${day}T09:${minute}:00Z,2026-03-${day}T10:${minute}:00Z,P1,acme"
    done
  done
} >"$work/many.csv"
gzip -c "$work/many.csv" >"$work/corrupt.csv.gz"
size=$(stat -c %s "$work/corrupt.csv.gz")
printf '\xff\x00\xff\x00\xff\x00\xff\x00' |
  dd of="$work/corrupt.csv.gz" bs=1 seek=$((size / 2)) conv=notrunc status=none
gzip -c "$work/many.csv" | head -c $((size / 2)) >"$work/cut.csv.gz"
zstd -q -c "$work/many.csv" >"$work/whole.csv.zst"
zsize=$(stat -c %s "$work/whole.csv.zst")
head -c $((zsize / 2)) "$work/whole.csv.zst" >"$work/cut.csv.zst"
cp "$work/whole.csv.zst" "$work/corrupt.csv.zst"
printf '\xff\x00\xff\x00\xff\x00\xff\x00' |
  dd of="$work/corrupt.csv.zst" bs=1 seek=$((zsize / 2)) conv=notrunc status=none
cp "$work/many.csv" "$work/plain-text.csv.gz"
: >"$work/empty.csv.gz"

# expect_broken FILE PATTERN: the run stops with PATTERN after the file name.
expect_broken() {
  local file=$1 pattern=$2 out code
  out=$(timeout 20 "$slac" eval "${desk[@]}" --on-error=skip --data "desk.ticket=$work/$file" 2>&1)
  code=$?
  [[ $code == 1 ]] || fail "$file: exit $code, expected 1: $out"
  grep -qE "^error: $work/$file:[0-9]+:1: $pattern; nothing from here on can be read$" <<<"$out" ||
    fail "$file: expected \`$pattern\`, got: $out"
}
expect_broken corrupt.csv.gz 'the gzip data is corrupt \([a-z ]+\)'
expect_broken cut.csv.gz 'the file ends inside its gzip data: it was cut short'
expect_broken plain-text.csv.gz 'the file is not gzip data \(incorrect header check\)'
expect_broken empty.csv.gz 'the file holds no gzip data \(it is empty\)'
expect_broken cut.csv.zst 'the file ends inside its zstd data: it was cut short'
expect_broken corrupt.csv.zst 'the zstd data is corrupt \([A-Za-z ]+\)'
# The records before the break were read: the cut comes after line 1.
out=$("$slac" eval "${desk[@]}" --data "desk.ticket=$work/cut.csv.gz" 2>&1)
line=$(sed -nE "s#^error: $work/cut.csv.gz:([0-9]+):1: .*#\1#p" <<<"$out")
[[ -n $line && $line -gt 100 ]] || fail "cut.csv.gz: the error is on line ${line:-?}, not past the records read: $out"
exit $status
