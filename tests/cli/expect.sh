#!/usr/bin/env bash
# Runs a command and checks its exit code and, optionally, its exact output.
#   expect.sh EXIT_CODE STDOUT_FILE|- STDERR_FILE|- [STDIN_FILE|-] -- COMMAND...
# `-` skips a comparison. Expected files are written by hand and reviewed.
set -u
expected_code=$1 stdout_file=$2 stderr_file=$3
shift 3
stdin_file=-
if [[ $1 != -- ]]; then stdin_file=$1; shift; fi
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ $stdin_file == - ]]; then
  "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
else
  "$@" >"$work/stdout" 2>"$work/stderr" <"$stdin_file"
fi
code=$?
status=0
if [[ $code != "$expected_code" ]]; then
  echo "exit code $code, expected $expected_code"
  status=1
fi
for stream in stdout stderr; do
  file=${stream}_file
  if [[ ${!file} != - ]] && ! diff -u "${!file}" "$work/$stream"; then
    echo "$stream differs from ${!file}"
    status=1
  fi
done
if [[ $status != 0 ]]; then
  echo "--- stdout"; cat "$work/stdout"; echo "--- stderr"; cat "$work/stderr"
fi
exit $status
