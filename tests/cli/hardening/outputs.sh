#!/usr/bin/env bash
# Where slac writes (issue 11, point 6): a rejects file that cannot be
# written, a rejects file that is one of the data files, a full stdout and
# a closed one are errors (exit 2, a message on stderr), the first two found
# before any data is read.
#   outputs.sh SLAC  (run from the source directory)
set -u
slac=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
desk=(tests/eval/inputs/desk.sla --at 2026-04-01T12:00:00Z --period 2026-03)

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

cp tests/cli/eval/bad-tickets.csv "$work/tickets.csv"
ln -s tickets.csv "$work/link.csv"
skip=("$slac" eval "${desk[@]}" --on-error=skip --data "desk.ticket=$work/tickets.csv")
expect 2 "cannot write the rejects to \`/nonexistent/r.csv\`: No such file or directory" \
  "${skip[@]}" --rejects /nonexistent/r.csv
expect 2 "cannot write the rejects to \`/dev/full\`: No space left on device" \
  "${skip[@]}" --rejects /dev/full
for same in "$work/tickets.csv" "$work/../$(basename "$work")/tickets.csv" "$work/link.csv"; do
  expect 2 "is the data file" "${skip[@]}" --rejects "$same"
done
cmp -s "$work/tickets.csv" tests/cli/eval/bad-tickets.csv || fail "the data file was overwritten"
expect 0 "" "${skip[@]}" --rejects "$work/rejects.csv"
[[ $(wc -l <"$work/rejects.csv") -gt 1 ]] || fail "no rejects written"

# Every command that writes to stdout fails when stdout cannot be written.
full="cannot write the output: No space left on device"
expect 2 "$full" sh -c "\"\$0\" eval ${desk[*]} --data desk.ticket=tests/cli/eval/tickets-march.csv >/dev/full" "$slac"
expect 2 "$full" sh -c "\"\$0\" eval ${desk[*]} --format json --data desk.ticket=tests/cli/eval/tickets-march.csv >/dev/full" "$slac"
expect 2 "$full" sh -c "\"\$0\" eval ${desk[*]} --format csv --data desk.ticket=tests/cli/eval/tickets-march.csv >/dev/full" "$slac"
# JSON and CSV are written a chunk at a time: a report of many chunks (a
# customer a ticket) fails while it is written, not at the last flush, and
# still says why.
awk 'BEGIN { print "opened,responded,priority,customer"
  for (i = 0; i < 3000; i++) printf "2026-03-02T09:%02d:00Z,2026-03-02T10:30:00Z,P1,c%d\n", i % 60, i }' \
  >"$work/customers.csv"
for format in json csv; do
  expect 2 "$full" sh -c "\"\$0\" eval ${desk[*]} --format $format --data desk.ticket=$work/customers.csv >/dev/full" "$slac"
done
# A reader that stops early (`| head`): the writes after it fail, exit 2.
for format in json csv; do
  expect 2 "cannot write the output: Broken pipe" bash -c \
    "\"\$0\" eval ${desk[*]} --format $format --data desk.ticket=$work/customers.csv | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}" "$slac"
done
expect 2 "$full" sh -c "\"\$0\" check --format json tests/cli/two-errors.sla >/dev/full" "$slac"
expect 2 "$full" sh -c "\"\$0\" test --root tests tests/cli/eval/desk-tests.sla >/dev/full" "$slac"
expect 2 "$full" sh -c "\"\$0\" parse --dump-ast tests/parse/golden/supports.sla >/dev/full" "$slac"
exit $status
