#!/usr/bin/env python3
"""Peak memory of `slac eval` on the engine workloads (issue 13, acceptance
4: 10^6 tickets with 2.5 % unresolved under 15 MB, a year of minute slices
under 20 MB; docs/performance.md, "Peak memory").

Generates the data under BUILD_DIR/bench-data if it is missing
(generate.py: 10^6 tickets, the same with one in 40 unresolved at the
evaluation instant, a year of cloud minutes), fills a kernel cache of its
own with one run of each, then runs each workload --runs times on 1 and 2
threads, interleaved, and prints a Markdown table: the median peak
resident set size of the process (wait4(2)'s ru_maxrss, through
BUILD_DIR/bench/peak_rss: a child of Python would count Python's) and its range,
against the limit where acceptance 4 names one. MB as the tables of
docs/performance.md count them: `/usr/bin/time -f %M` (KiB) / 1000. A run whose kernels are
not cached compiles them and loads LLVM: that is not what this measures.

usage: peak-memory.py BUILD_DIR [--runs N]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))

# name, generate.py kind and count, program, stream, evaluation instant,
# limit in MB (None: no limit asked)
WORKLOADS = (
    ("10^6 tickets", ("tickets", 1_000_000), "examples/msp-support.sla", "desk.ticket",
     "2026-04-01T00:00:00Z", None),
    ("10^6 tickets, 2.5 % open", ("open-tickets", 1_000_000), "examples/msp-support.sla",
     "desk.ticket", "2026-04-01T00:00:00Z", 15),
    ("a year of minutes (cloud)", ("cloud", 525_600), "examples/cloud-availability.sla",
     "portal.probe", "2027-01-01T00:00:00Z", 20),
)
THREADS = (1, 2)


def peak_mb(launcher, command, env):
    run = subprocess.run([launcher] + command, cwd=SOURCE, env=env, capture_output=True,
                         text=True)
    if run.returncode != 0:
        sys.exit(f"failed ({run.returncode}): {' '.join(command)}")
    return int(run.stdout) / 1000  # KiB to MB, as docs/performance.md counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    build = os.path.abspath(options.build)
    slac = os.path.join(build, "bin", "slac")
    launcher = os.path.join(build, "bench", "peak_rss")
    data = os.path.join(build, "bench-data")
    os.makedirs(data, exist_ok=True)

    commands = {}
    for name, (kind, count), program, stream, at, _ in WORKLOADS:
        path = os.path.join(data, f"{kind}-{count}.csv")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), kind, str(count),
                            path], check=True)
        for threads in THREADS:
            commands[name, threads] = [slac, "eval", program, "--data", f"{stream}={path}",
                                       "--at", at, "--format", "json", "--threads",
                                       str(threads)]

    with tempfile.TemporaryDirectory() as cache:
        env = {key: value for key, value in os.environ.items() if key != "SLAC_NO_CACHE"}
        env["SLAC_CACHE_DIR"] = cache
        for command in commands.values():
            peak_mb(launcher, command, env)  # compiles and caches the kernels, warms the page cache
        samples = {key: [] for key in commands}
        for _ in range(options.runs):
            for key, command in commands.items():
                samples[key].append(peak_mb(launcher, command, env))

    print(f"Peak RSS of `slac eval --format json`, kernels cached, medians of {options.runs} "
          "(range)\n")
    print("| workload | " + " | ".join(f"{t} thread{'s' if t > 1 else ''}" for t in THREADS) +
          " | limit |")
    print("|---|" + "---|" * len(THREADS) + "---|")
    for name, _, _, _, _, limit in WORKLOADS:
        cells = []
        for threads in THREADS:
            values = samples[name, threads]
            median = statistics.median(values)
            verdict = "" if limit is None else (" ✓" if median < limit else " ✗")
            cells.append(f"{median:.1f} MB ({min(values):.1f}-{max(values):.1f}){verdict}")
        print(f"| {name} | " + " | ".join(cells) + f" | {f'{limit} MB' if limit else '—'} |")


if __name__ == "__main__":
    main()
