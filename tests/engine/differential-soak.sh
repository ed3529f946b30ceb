#!/usr/bin/env bash
# The differential tester run by hand for as long as one lets it (the
# million programs of docs/evaluation.md, "Engines"): batches of programs
# at nice 19, each batch a line of a tab-separated log, so that the count
# survives stops, machines and sessions. Seeds continue after the largest
# one the log holds, so no program is counted twice.
#
# usage: differential-soak.sh SLAC LOG [BATCH] [FIRST_SEED]
#   SLAC        the slac binary, with its ../lib/slac/slac_jit.so beside it
#   LOG         appended to; made with its header if missing
#   BATCH       programs per batch (300)
#   FIRST_SEED  the least seed to run (100000): a second loop beside the
#               first (one per core) writes its own log from a seed far
#               above the first's, and the logs are joined afterwards
# A file /tmp/diff-pause stops the loop between batches until it is removed
# (for quiet measurements); a disagreement stops it, its reproducer kept in
# LOG.failures. The exit status of a batch killed by hand is not 0 either:
# delete its line before counting.
set -uo pipefail

slac=$1
log=$2
batch=${3:-300}
first=${4:-100000}
here=$(cd "$(dirname "$0")" && pwd)
# The commit SLAC was built from: the checkout's, unless SLAC_COMMIT says
# otherwise (a binary copied aside, so that the checkout can move on).
commit=${SLAC_COMMIT:-$(git -C "$here" rev-parse --short HEAD)}

[[ -f $log ]] || printf 'started_utc\tcommit\tseed\tprograms\tseconds\texit\n' > "$log"
seed=$(awk -F'\t' 'NR > 1 && $3 > max { max = $3 } END { print max + 1 }' "$log")
((seed < first)) && seed=$first

while true; do
  while [[ -e /tmp/diff-pause ]]; do sleep 5; done
  started=$(date -u +%FT%TZ)
  begin=$(date +%s)
  output=$(nice -n 19 python3 "$here/differential.py" "$slac" --seed "$seed" \
    --count "$batch" 2>&1)
  status=$?
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$started" "$commit" "$seed" "$batch" \
    "$(($(date +%s) - begin))" "$status" >> "$log"
  if ((status != 0)); then
    printf '== seed %s\n%s\n' "$seed" "$output" >> "$log.failures"
    exit 1
  fi
  seed=$((seed + 1))
done
