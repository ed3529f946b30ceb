#!/usr/bin/env bash
# Runs grammar_test.js with its npm packages, installed by `npm ci` into the
# build tree from package-lock.json (again only when the lock changes).
#   run.sh SOURCE_DIR WORK_DIR
# Without node or npm, or when `npm ci` fails (offline), the test fails;
# SLAC_SKIP_NODE_TESTS=1 skips it (exit 77) on machines without node.
set -euo pipefail
source_dir=$1
work=$2
if [[ "${SLAC_SKIP_NODE_TESTS:-}" == 1 ]]; then
  echo "skipped: SLAC_SKIP_NODE_TESTS=1"
  exit 77
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (.ci/setup installs it)"; exit 1; }
done
mkdir -p "$work"
if ! cmp -s "$source_dir/tests/editors/package-lock.json" "$work/package-lock.json" ||
   [[ ! -d "$work/node_modules" ]]; then
  cp "$source_dir/tests/editors/package.json" "$source_dir/tests/editors/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || {
    rm -f "$work/package-lock.json"
    echo "FAIL: npm ci could not install the grammar test's packages"
    exit 1
  }
fi
NODE_PATH="$work/node_modules" exec node "$source_dir/tests/editors/grammar_test.js" "$source_dir"
