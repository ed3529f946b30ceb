#!/usr/bin/env python3
"""What starting slac costs (docs/performance.md, "Startup").

Runs each command --runs times, interleaved (one of each, then again) so
that a change in the machine's load hits every command alike, and prints
a Markdown table: median wall time, median user + system CPU time and the
median of the peak resident set size of the one process, from wait4(2)
in BUILD_DIR/bench/peak_rss (a child of Python would report Python's
peak, about 15 MB, whenever its own is lower).
With --link, also how long relinking each of the named binaries takes
(the binary removed, then `cmake --build BUILD --target NAME -j1`; the
objects are up to date, so that is the link alone: wall time and the CPU
time of the whole build tree, cmake and make included) and its size.

usage: measure.py BUILD_DIR [--runs N] [--slac BINARY] [--link TARGET...]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
EXAMPLE = "examples/msp-support.sla"
TICKETS = "desk.ticket=examples/data/msp-support/tickets-2026-q1.csv"


def commands(slac):
    return [
        ("slac --version", [slac, "--version"]),
        (f"slac check {EXAMPLE}", [slac, "check", EXAMPLE]),
        ("slac eval --engine interp", [slac, "eval", EXAMPLE, "--data", TICKETS, "--engine", "interp"]),
        ("slac eval --engine jit", [slac, "eval", EXAMPLE, "--data", TICKETS, "--engine", "jit"]),
    ]


def run_once(launcher, command):
    """Wall ms, user + system ms and peak RSS in MB of one run of `command`."""
    start = time.perf_counter()
    child = subprocess.Popen([launcher] + command, cwd=SOURCE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    peak = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - start) * 1e3
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1e3, int(peak) / 1024


def load():
    with open("/proc/loadavg") as averages:
        return " ".join(averages.read().split()[:3])


def measure_commands(launcher, slac, runs):
    samples = {name: [] for name, _ in commands(slac)}
    for name, command in commands(slac):
        run_once(launcher, command)  # warm the page cache
    for _ in range(runs):
        for name, command in commands(slac):
            samples[name].append(run_once(launcher, command))
    print(f"| command | wall ms | user+sys ms | max RSS MB |")
    print(f"|---|---:|---:|---:|")
    for name, rows in samples.items():
        wall, cpu, rss = (statistics.median(column) for column in zip(*rows))
        print(f"| `{name}` | {wall:.1f} | {cpu:.1f} | {rss:.1f} |")


def binary_path(build, target):
    for directory in ("bin", "tests", "bench", "lib/slac"):
        for name in (target, target + ".so"):
            path = os.path.join(build, directory, name)
            if os.path.isfile(path):
                return path
    sys.exit(f"no binary for {target} under {build}")


def measure_links(build, targets):
    print("| binary | link s wall | link s user+sys | size MB |")
    print("|---|---:|---:|---:|")
    for target in targets:
        path = binary_path(build, target)
        os.remove(path)
        start = time.perf_counter()
        child = subprocess.Popen(["cmake", "--build", build, "--target", target, "-j1"],
                                 stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"building {target} failed")
        seconds = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        print(f"| {target} | {seconds:.1f} | {cpu:.1f} | {os.path.getsize(path) / 1e6:.1f} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--link", nargs="*", default=[], metavar="TARGET")
    parser.add_argument("--slac", help="the binary to run (default: BUILD_DIR/bin/slac)")
    options = parser.parse_args()
    build = os.path.abspath(options.build)
    print(f"load before: {load()}, {options.runs} runs each\n")
    measure_commands(os.path.join(build, "bench", "peak_rss"),
                     os.path.abspath(options.slac or os.path.join(build, "bin", "slac")),
                     options.runs)
    if options.link:
        print()
        measure_links(build, options.link)
    print(f"\nload after: {load()}")


if __name__ == "__main__":
    main()
