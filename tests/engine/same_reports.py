#!/usr/bin/env python3
"""Both engines give the same answers on every file of the repository.

For every .sla file under examples/ and tests/ that declares `test` blocks:
`slac eval FILE --format json --on-error skip` (with the file's test data)
and `slac test FILE --format json` must print the same bytes and exit with
the same code with `--engine=jit` and with `--engine=interp` (test timings
aside). Files the checker refuses are skipped by both alike, which is
checked too.

usage: same_reports.py SLAC SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys

SLAC, SOURCE = sys.argv[1], sys.argv[2]


def without_timings(text):
    return re.sub(r'"seconds": [0-9.e-]+', '"seconds": 0', text)


def run(arguments):
    result = subprocess.run([SLAC] + arguments, capture_output=True, text=True, timeout=600,
                            cwd=SOURCE)
    return result.returncode, without_timings(result.stdout), result.stderr


def main():
    files = []
    for top in ("examples", "tests"):
        for directory, _, names in os.walk(os.path.join(SOURCE, top)):
            for name in sorted(names):
                path = os.path.join(directory, name)
                if name.endswith(".sla") and re.search(r'^\s*test\s+"', open(path, errors="replace").read(), re.M):
                    files.append(os.path.relpath(path, SOURCE))
    failures = 0
    compared = 0
    for path in sorted(files):
        for command in (["eval", path, "--format", "json", "--on-error", "skip"],
                        ["test", path, "--format", "json"]):
            jit = run(command + ["--engine", "jit"])
            interp = run(command + ["--engine", "interp"])
            compared += 1
            if jit != interp:
                failures += 1
                print(f"DIFFERENT: slac {' '.join(command)}")
                print(f"  jit exit {jit[0]}, interp exit {interp[0]}")
                for line_jit, line_interp in zip((jit[1] + jit[2]).splitlines(),
                                                 (interp[1] + interp[2]).splitlines()):
                    if line_jit != line_interp:
                        print(f"  jit:    {line_jit}\n  interp: {line_interp}")
                        break
    print(f"{compared} runs over {len(files)} files compared, {failures} differ")
    if len(files) < 10:
        print("too few files found: is SOURCE_DIR the repository?")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
