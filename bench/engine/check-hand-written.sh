#!/bin/sh
# The hand-written programs of bench/engine compute what slac computes:
# their per-window (and per-customer) values, statuses and pending counts
# must equal `slac eval --format json` on generated data with edge cases
# (unresolved tickets, pending windows, missing minutes and probes,
# outages, maintenance across the DST switches).
# With CLOUD_LAYOUTS, the variants of bench/engine/CloudLayouts.cpp must
# also equal the hand-written cloud loop on the same data.
# Usage: check-hand-written.sh SLAC HAND_WRITTEN_TICKETS HAND_WRITTEN_CLOUD [CLOUD_LAYOUTS]
set -eu
slac=$1 tickets=$2 cloud=$3 layouts=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
source=$(dirname "$(dirname "$here")")
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

python3 "$here/generate.py" tickets 3000 "$data/tickets.csv"
python3 "$here/generate.py" open-tickets 3000 "$data/open-tickets.csv"
for file in tickets open-tickets; do
  # 1 April 00:00 UTC (March and Q1 closed) and 31 March 22:00 UTC (their
  # end: tickets opened later are after `at`, resolutions still pending).
  for at in 2026-04-01T00:00:00Z@1775001600 2026-03-31T22:00:00Z@1774994400; do
    python3 "$here/check-hand-written.py" "$slac" "$source/examples/msp-support.sla" \
      desk.ticket "$data/$file.csv" "${at%@*}" -- "$tickets" "$data/$file.csv" "${at#*@}"
  done
done

python3 "$here/generate.py" rough-cloud 525600 "$data/cloud.csv"
maintenance=$source/examples/data/cloud-availability/maintenance.csv
# The whole year, and 1 July 00:00 CEST (later probes are after `at`).
for at in 2027-01-01T00:00:00Z@1798761600 2026-06-30T22:00:00Z@1782856800; do
  python3 "$here/check-hand-written.py" --only availability,no_bad_hour,monitored "$slac" \
    "$source/examples/cloud-availability.sla" portal.probe "$data/cloud.csv" "${at%@*}" -- \
    "$cloud" "$data/cloud.csv" "$maintenance" "${at#*@}"
  if [ -n "$layouts" ]; then
    "$layouts" "$data/cloud.csv" "$maintenance" "${at#*@}" 0 >/dev/null
  fi
done
