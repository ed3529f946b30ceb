#!/usr/bin/env python3
"""The engine benchmarks side by side, in one run (docs/performance.md).

Measures, on the same generated data, for the three workloads (probes,
tickets, cloud): slac with the JIT (every kernel compiled, and again with
the kernels taken from a kernel cache a run before filled) and with the
interpreter, a hand-written
C++ program (the practical limit: HandWritten*.cpp, checked equal to slac by
the bench.hand_written_equals_slac test) and DuckDB in SQL with 1 and 2
threads (duckdb-peer.mjs; for the tickets and the cloud a partial stand-in,
see there); in memory (batches or columns already parsed; DuckDB: a table
already loaded) and end to end from the same CSV file. Prints a Markdown
table of medians and ratios.

The in-memory slac rows are Google Benchmark medians (EngineBenchmark.cpp,
10^7 probes and 10^6 tickets whatever --probes and --tickets say); the
others are medians of --runs runs (the hand-written programs' and DuckDB's
in-memory times of five runs inside one process). The last column divides
DuckDB's time from CSV on 2 threads by slac's with its kernels cached,
each run alternating with the other (at least 5 runs): a ratio not moved by
the machine's drift between two moments, as the column before it is. The
column before the DuckDB ones does the same in memory for slac's JIT and the
hand-written loop (acceptance 2 of issue 13): the benchmark of the workload
and the hand-written program run one after the other, at least 5 times,
and each side's median of those runs is divided; measured minutes apart,
the same two medians gave the tickets 1.13× and 1.61× in two runs of one
afternoon (docs/performance.md, "fifteenth session").

usage: compare.py BUILD_DIR [--probes N] [--tickets N] [--runs R]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def seconds(command, runs, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def benchmark_median(build, name):
    """The median of five repetitions of one engine_benchmark, in seconds."""
    out = subprocess.run([os.path.join(build, "bench", "engine_benchmark"),
                          f"--benchmark_filter=^{name}$", "--benchmark_repetitions=5",
                          "--benchmark_format=json", "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    return next(b["real_time"] / 1000 for b in json.loads(out)["benchmarks"]
                if b.get("aggregate_name") == "median")


def hand_in_memory(command):
    """A hand-written program's in-memory time (its `--timing`), in seconds."""
    timing = subprocess.run(command + ["--timing"], check=True, capture_output=True,
                            text=True).stderr
    return json.loads(timing)["inMemory"] / 1000


def in_memory_side_by_side(build, benchmark, hand, runs):
    """slac's JIT in memory (the benchmark `benchmark`) and the hand-written
    loop (`hand`: a benchmark name, or a command that prints its `--timing`),
    one after the other, at least 5 times: the medians of each side."""
    slac, limit = [], []
    for _ in range(max(runs, 5)):
        slac.append(benchmark_median(build, benchmark))
        limit.append(benchmark_median(build, hand) if isinstance(hand, str)
                     else hand_in_memory(hand))
    return statistics.median(slac), statistics.median(limit)


def side_by_side(command, env, workload, path, runs):
    """slac's and DuckDB's (2 threads, from CSV) medians of `runs` runs each,
    one after the other: DuckDB in one process that runs its query when
    asked (duckdb-peer.mjs --serve, twice, the second timed), slac started
    from here."""
    peer = subprocess.Popen(["node", os.path.join(HERE, "duckdb-peer.mjs"), workload, path, "2",
                             "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    slac, duckdb = [], []
    for _ in range(max(runs, 5)):
        peer.stdin.write("csv\n")
        peer.stdin.flush()
        duckdb.append(float(peer.stdout.readline()) / 1000)
        # Each timed right after a run of its own, as in a loop of runs: the
        # machine runs a program that follows the other one slower (DuckDB
        # goes on working for a while after a query returns; after a pause,
        # a program starts on idle cores): slac took 10-20 ms longer.
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        slac.append(seconds(command, 1, env))
    peer.stdin.close()
    peer.wait()
    return statistics.median(slac), statistics.median(duckdb)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--probes", type=int, default=10_000_000)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    build = os.path.abspath(options.build)
    data = os.path.join(build, "bench-data")
    os.makedirs(data, exist_ok=True)
    probes = os.path.join(data, f"probes-{options.probes}.csv")
    tickets = os.path.join(data, f"tickets-{options.tickets}.csv")
    cloud = os.path.join(data, "cloud-525600.csv")
    for kind, count, path in (("probes", options.probes, probes),
                              ("tickets", options.tickets, tickets),
                              ("cloud", 525600, cloud)):
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), kind, str(count),
                            path], check=True)
    if not os.path.isdir(os.path.join(HERE, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)

    # In memory: Google Benchmark medians (real time, ms).
    out = subprocess.run([os.path.join(build, "bench", "engine_benchmark"),
                          "--benchmark_repetitions=5", "--benchmark_format=json",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    memory = {b["run_name"]: b["real_time"] / 1000 for b in json.loads(out)["benchmarks"]
              if b.get("aggregate_name") == "median"}
    slac = os.path.join(build, "bin", "slac")
    rows = {}
    rows["probes", "memory", "jit"] = memory[f"BM_Probes/probes:10000000/jit:1"]
    rows["probes", "memory", "interp"] = memory[f"BM_Probes/probes:10000000/jit:0"]
    rows["probes", "memory", "hand"] = memory[f"BM_ProbesHandWritten/probes:10000000"]
    rows["tickets", "memory", "jit"] = memory[f"BM_Tickets/tickets:1000000/jit:1"]
    rows["tickets", "memory", "interp"] = memory[f"BM_Tickets/tickets:1000000/jit:0"]
    rows["cloud", "memory", "jit"] = memory["BM_Cloud/0/jit:1"]
    rows["cloud", "memory", "interp"] = memory["BM_Cloud/0/jit:0"]
    # The evaluation instants of EngineBenchmark.cpp.
    at = {"probes": ("2027-01-01T00:00:00Z", 1798761600),
          "tickets": ("2026-04-01T00:00:00Z", 1775001600),
          "cloud": ("2027-01-01T00:00:00Z", 1798761600)}
    for workload, sla, stream, path in (
            ("probes", "bench/engine/probes.sla", "web.probe", probes),
            ("tickets", "examples/msp-support.sla", "desk.ticket", tickets),
            ("cloud", "examples/cloud-availability.sla", "portal.probe", cloud)):
        command = lambda engine: [slac, "eval", os.path.join(SOURCE, sla), "--data",
                                  f"{stream}={path}", "--at", at[workload][0], "--engine", engine,
                                  "--format", "json"]
        # Every kernel compiled, as on a first run; then taken from a kernel
        # cache that a run before filled (docs/evaluation.md, "The kernel cache").
        uncached = dict(os.environ, SLAC_NO_CACHE="1")
        for engine in ("jit", "interp"):
            rows[workload, "csv", engine] = seconds(command(engine), options.runs, uncached)
        with tempfile.TemporaryDirectory() as cache:
            cached = {name: value for name, value in os.environ.items() if name != "SLAC_NO_CACHE"}
            cached["SLAC_CACHE_DIR"] = cache
            subprocess.run(command("jit"), check=True, stdout=subprocess.DEVNULL, env=cached)
            rows[workload, "csv", "jit cached"], rows[workload, "csv", "duckdb2 alongside"] = \
                side_by_side(command("jit"), cached, workload, path, options.runs)
        for threads in (1, 2):
            result = json.loads(subprocess.run(
                ["node", os.path.join(HERE, "duckdb-peer.mjs"), workload, path, str(threads)],
                check=True, capture_output=True, text=True).stdout)
            rows[workload, "csv", f"duckdb{threads}"] = result["fromCsv"] / 1000
            rows[workload, "memory", f"duckdb{threads}"] = result["inMemory"] / 1000
    rows["probes", "csv", "hand"] = seconds(
        [os.path.join(build, "bench", "hand_written_probes"), probes], options.runs)
    maintenance = os.path.join(SOURCE, "examples/data/cloud-availability/maintenance.csv")
    hands = {"probes": "BM_ProbesHandWritten/probes:10000000"}
    for workload, command in (
            ("tickets", [os.path.join(build, "bench", "hand_written_tickets"), tickets,
                         str(at["tickets"][1])]),
            ("cloud", [os.path.join(build, "bench", "hand_written_cloud"), cloud, maintenance,
                       str(at["cloud"][1])])):
        rows[workload, "csv", "hand"] = seconds(command, options.runs)
        rows[workload, "memory", "hand"] = hand_in_memory(command)
        hands[workload] = command
    for workload, benchmark in (("probes", "BM_Probes/probes:10000000/jit:1"),
                                ("tickets", "BM_Tickets/tickets:1000000/jit:1"),
                                ("cloud", "BM_Cloud/0/jit:1")):
        rows[workload, "memory", "jit alongside"], rows[workload, "memory", "hand alongside"] = \
            in_memory_side_by_side(build, benchmark, hands[workload], options.runs)

    print(f"{options.probes:,} probes, {options.tickets:,} tickets, 525,600 cloud minutes "
          "(1,576,800 probes); medians in seconds\n")
    print("| workload | from | slac jit | slac jit, kernels cached | slac interp | hand-written | "
          "DuckDB 1 thread | DuckDB 2 threads | interp / jit | jit / hand | "
          "jit / hand alongside | DuckDB 1t / jit | DuckDB 2t / jit | DuckDB 2t / jit cached | "
          "DuckDB 2t alongside / jit cached |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for workload in ("probes", "tickets", "cloud"):
        for source in ("memory", "csv"):
            get = lambda name: rows.get((workload, source, name))
            cell = lambda value: "—" if value is None else f"{value:.3f}"
            ratio = lambda a, b: "—" if a is None or b is None else f"{a / b:.2f}×"
            print(f"| {workload} | {source} | {cell(get('jit'))} | {cell(get('jit cached'))} | "
                  f"{cell(get('interp'))} | {cell(get('hand'))} | {cell(get('duckdb1'))} | "
                  f"{cell(get('duckdb2'))} | {ratio(get('interp'), get('jit'))} | "
                  f"{ratio(get('jit'), get('hand'))} | "
                  f"{ratio(get('jit alongside'), get('hand alongside'))} | "
                  f"{ratio(get('duckdb1'), get('jit'))} | "
                  f"{ratio(get('duckdb2'), get('jit'))} | "
                  f"{ratio(get('duckdb2'), get('jit cached'))} | "
                  f"{ratio(get('duckdb2 alongside'), get('jit cached'))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
