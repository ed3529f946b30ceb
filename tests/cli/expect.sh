#!/usr/bin/env bash
# Runs a command and checks its exit code and, optionally, its exact output.
#   expect.sh EXIT_CODE STDOUT_FILE|- STDERR_FILE|- [STDIN_FILE|-] -- COMMAND...
# `-` skips a comparison. Expected files are written by hand and reviewed.
# A `slac eval` or `slac test` command that names no engine runs twice, with
# the default engine (jit) and with `--engine interp`: both must print the
# same bytes and exit alike (docs/evaluation.md, "Engines").
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
if [[ ${2:-} == eval || ${2:-} == test ]] && [[ " $* " != *" --engine"* ]]; then
  if [[ $stdin_file == - ]]; then
    "$@" --engine interp >"$work/interp.stdout" 2>"$work/interp.stderr" </dev/null
  else
    "$@" --engine interp >"$work/interp.stdout" 2>"$work/interp.stderr" <"$stdin_file"
  fi
  interp_code=$?
  if [[ $interp_code != "$code" ]]; then
    echo "--engine interp exits $interp_code, the jit $code"
    status=1
  fi
  for stream in stdout stderr; do
    if ! diff -u <(sed -E 's/"seconds": [0-9.e-]+/"seconds": 0/' "$work/$stream") \
         <(sed -E 's/"seconds": [0-9.e-]+/"seconds": 0/' "$work/interp.$stream"); then
      echo "$stream of --engine interp differs from the jit's"
      status=1
    fi
  done
fi
exit $status
