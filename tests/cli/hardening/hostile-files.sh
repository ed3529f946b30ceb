#!/usr/bin/env bash
# Imports and test data that point at what is no .sla file (issue 11,
# points 2 and 3): a symlink loop, a device, a FIFO, files outside the
# checked file's directory (by `..`, absolute path or symlink), a file that
# is not UTF-8. Each must end in a diagnostic, never a crash, a hang or a
# quoted secret.
#   hostile-files.sh SLAC
set -u
slac=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

mkdir -p "$work/root/sub" "$work/outside"
printf 'root:x:0:0:SECRET-PASSWORD:/root:/bin/bash\n' >"$work/outside/secret"
ln -s loop.sla "$work/root/loop.sla"
mkfifo "$work/root/fifo.sla"
ln -s ../outside/secret "$work/root/link-out.sla"
printf 'calendar c {\n  zone "UTC"\n  mon-fri 09:00-17:00\n}\n' >"$work/root/sub/inside.sla"

# expect_check EXIT PATTERN IMPORT [OPTIONS...]: checks a file importing IMPORT.
expect_check() {
  local expected=$1 pattern=$2 import=$3
  shift 3
  printf 'import "%s"\n' "$import" >"$work/root/main.sla"
  local out code
  out=$(timeout 10 "$slac" check --color=never "$@" "$work/root/main.sla" 2>&1 </dev/null)
  code=$?
  [[ $code == "$expected" ]] || fail "import \"$import\" $*: exit $code, expected $expected: $out"
  [[ $out == *"$pattern"* ]] || fail "import \"$import\" $*: no \"$pattern\" in: $out"
  [[ $out != *SECRET* ]] || fail "import \"$import\" $*: a secret was printed: $out"
}

# 2. Only regular files are read; every filesystem error is a diagnostic.
expect_check 1 "E0300]: cannot find module \`loop.sla\`: Too many levels of symbolic links" loop.sla
expect_check 1 "E0300]: cannot find module \`fifo.sla\`: it is a pipe, not a regular file" fifo.sla
expect_check 1 "E0300]: cannot find module \`/dev/stdin\`: it is a" /dev/stdin --allow-outside-root
expect_check 1 "E0300]: cannot find module \`sub\`: it is a directory" sub
expect_check 1 "E0300]: cannot find module \`none.sla\`: No such file or directory" none.sla

# 3. Imports stay inside the root, symlinks included.
expect_check 1 "main.sla:1:8: error[E0311]: \`../outside/secret\` lies outside" ../outside/secret
expect_check 1 "error[E0311]: \`../../../../../../../../etc/passwd\` lies outside" \
  ../../../../../../../../etc/passwd
expect_check 1 "error[E0311]: \`$work/outside/secret\` lies outside" "$work/outside/secret"
expect_check 1 "error[E0311]: \`link-out.sla\` lies outside" link-out.sla
expect_check 1 "error[E0311]: \`/dev/stdin\` lies outside" /dev/stdin
expect_check 0 "" sub/inside.sla
expect_check 0 "" ../root/sub/inside.sla
# --root widens the root; --allow-outside-root lifts it (the file then fails
# to parse, which is where a secret would be quoted were it UTF-8 text...).
expect_check 1 "E0311" ../outside/secret --root "$work/root/sub"
printf 'calendar d {\n  zone "UTC"\n  mon-fri 09:00-17:00\n}\n' >"$work/outside/fine.sla"
expect_check 0 "" ../outside/fine.sla --root "$work"
expect_check 0 "" ../outside/fine.sla --allow-outside-root
# A root that does not exist is an I/O error.
expect_check 2 "cannot read \`$work/nope\`" sub/inside.sla --root "$work/nope"

# 3. A file that is not UTF-8 is never quoted (a key or a binary may be in it).
printf 'service s {\n  stream r at t { t: time }\n}\n// SECRET \xe9\n' >"$work/root/latin1.sla"
out=$("$slac" check --color=never "$work/root/latin1.sla" 2>&1)
[[ $out == *"latin1.sla:4:11: error[E0002]"* ]] || fail "latin1: $out"
[[ $out != *SECRET* ]] || fail "latin1: a line of a file that is not UTF-8 was quoted: $out"

# 3. Test data stays inside the root too.
cat >"$work/root/data.sla" <<'SLA'
service s {
  stream r at t {
    t: time
  }
  metric n = count(r)
}
test "secrets" {
  data s.r from "/proc/self/environ"
  at 2026-04-01T12:00:00Z
}
SLA
for command in check test eval; do
  out=$(SECRET=1 "$slac" $command "$work/root/data.sla" 2>&1)
  code=$?
  [[ $code == 1 ]] || fail "$command data.sla: exit $code"
  [[ $out == *"data.sla:8:3: error[E0311]: \`/proc/self/environ\` lies outside"* ]] ||
    fail "$command data.sla: $out"
  [[ $out != *SECRET* ]] || fail "$command data.sla: the environment was printed: $out"
done
exit $status
