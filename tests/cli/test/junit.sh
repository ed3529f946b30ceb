#!/usr/bin/env bash
# `slac test --format junit`: the exit code, the XML with its time
# attributes (which vary) checked to be numbers and then replaced by `T`,
# compared with the expected file, and parsed by Python's XML parser.
#   junit.sh EXIT EXPECTED_XML SLAC ARGS...
set -u
expected_code=$1 expected=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$@" >"$work/out.xml" 2>"$work/stderr"
code=$?
status=0
if [[ $code != "$expected_code" ]]; then
  echo "exit code $code, expected $expected_code"
  status=1
fi
if grep -o 'time="[^"]*"' "$work/out.xml" | grep -qvE '^time="[0-9]+\.[0-9]{6}"$'; then
  echo "a time attribute is not a number of seconds"
  status=1
fi
sed -E 's/time="[0-9.]+"/time="T"/g' "$work/out.xml" >"$work/normalized.xml"
diff -u "$expected" "$work/normalized.xml" || status=1
if ! python3 -c 'import xml.dom.minidom, sys; xml.dom.minidom.parse(sys.argv[1])' "$work/out.xml"; then
  echo "not well-formed XML"
  status=1
fi
[[ $status == 0 ]] || { echo "--- stdout"; cat "$work/out.xml"; echo "--- stderr"; cat "$work/stderr"; }
exit $status
