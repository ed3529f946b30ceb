#!/usr/bin/env bash
# `slac fmt FILE` rewrites the file in the canonical layout, keeps its
# permissions, leaves no temporary file behind, and a second run changes
# nothing.
#   in-place.sh SLAC INPUT EXPECTED
set -eu
slac=$1 input=$2 expected=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$input" "$work/file.sla"
chmod 640 "$work/file.sla"
"$slac" fmt "$work/file.sla"
diff -u "$expected" "$work/file.sla"
[[ $(stat -c %a "$work/file.sla") == 640 ]] || { echo "permissions changed"; exit 1; }
[[ $(ls "$work") == file.sla ]] || { echo "left behind: $(ls "$work")"; exit 1; }
cp "$work/file.sla" "$work/once.sla"
"$slac" fmt "$work/file.sla"
cmp "$work/once.sla" "$work/file.sla"
"$slac" fmt --check "$work/file.sla"
