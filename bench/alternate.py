#!/usr/bin/env python3
"""Times two builds of one command, their runs alternated (A B B A A B ...),
and prints each one's median wall and CPU time (user + system, with its
threads). On a machine whose speed drifts from minute to minute (a shared
VM), runs of A then runs of B measure the drift as much as the change.

  bench/alternate.py [--runs N] [--warm FILE] SLAC_A SLAC_B -- ARGUMENTS...

e.g. bench/alternate.py --runs 15 --warm build/bench-data/tickets-1000000.csv \\
       /tmp/before/bin/slac build/bin/slac -- eval examples/msp-support.sla \\
       --data desk.ticket=build/bench-data/tickets-1000000.csv \\
       --at 2026-04-01T00:00:00Z --format json --threads 2

Each build runs once first, untimed (it fills the kernel cache); `--warm`
reads a file first, so that it is in the page cache.
"""
import argparse
import resource
import statistics
import subprocess
import sys
import time


def timed(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main():
    split = sys.argv.index("--") if "--" in sys.argv else len(sys.argv)
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--warm")
    parser.add_argument("first")
    parser.add_argument("second")
    options = parser.parse_args(sys.argv[1:split])
    arguments = sys.argv[split + 1:]
    if options.warm:
        with open(options.warm, "rb") as warm:
            while warm.read(1 << 20):
                pass
    builds = [options.first, options.second]
    times = {build: [] for build in builds}
    for build in builds:
        timed([build] + arguments)
    for run in range(options.runs):
        for build in builds if run % 2 == 0 else reversed(builds):
            times[build].append(timed([build] + arguments))
    for build in builds:
        wall = statistics.median(t[0] for t in times[build]) * 1000
        cpu = statistics.median(t[1] for t in times[build]) * 1000
        print(f"{build}: wall {wall:.1f} ms, cpu {cpu:.1f} ms (medians of {options.runs})")


if __name__ == "__main__":
    main()
