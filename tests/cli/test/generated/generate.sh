#!/bin/sh
# Never run: its presence makes `slac test` name it when generated/tickets.csv
# is missing (tests/cli/test/missing-data.sla).
echo "tests/cli/test/generated/generate.sh is a stand-in and generates nothing" >&2
exit 1
