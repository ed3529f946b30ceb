#!/usr/bin/env python3
"""Parsing alone, side by side in one run (docs/performance.md, "Reading").

On the same generated files (bench/engine/generate.py: 10^7 probes `t,ok`,
10^6 tickets): slac's reader (StreamReader into columnar batches, no
evaluation) and the reader it replaced, from build/bench/ingest_benchmark
(Google Benchmark, medians of 5); the hand-written probe reader
(bench/engine/HandWrittenProbes.cpp, which also counts the monthly ratios:
median of 5 wall times); DuckDB's read_csv into a table with 1 and 2
threads (bench/engine/duckdb-read-csv.mjs, medians of 5). Prints a Markdown
table of MB/s (10^6 bytes of CSV per second) and ratios.

Then the same probes and tickets as NDJSON (generate.py probes-ndjson,
tickets-ndjson): slac's reader, the reader it replaced (nlohmann::json into
a map per line) and a hand-written simdjson On-Demand loop that finds every
value's text and converts nothing (the limit), all from ingest_benchmark.

usage: compare.py BUILD_DIR
"""
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.join(os.path.dirname(HERE), "engine")


def main():
    build = os.path.abspath(sys.argv[1])
    data = os.path.join(build, "bench-data")
    os.makedirs(data, exist_ok=True)
    files = {"probes": os.path.join(data, "probes-10000000.csv"),
             "tickets": os.path.join(data, "tickets-1000000.csv")}
    for kind, count in (("probes", 10_000_000), ("tickets", 1_000_000)):
        if not os.path.exists(files[kind]):
            subprocess.run([sys.executable, os.path.join(ENGINE, "generate.py"), kind, str(count),
                            files[kind]], check=True)
    if not os.path.isdir(os.path.join(ENGINE, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ENGINE, check=True)
    ndjson = {"probes": os.path.join(data, "probes-10000000.ndjson"),
              "tickets": os.path.join(data, "tickets-1000000.ndjson")}
    for kind, count in (("probes", 10_000_000), ("tickets", 1_000_000)):
        if not os.path.exists(ndjson[kind]):
            subprocess.run([sys.executable, os.path.join(ENGINE, "generate.py"), kind + "-ndjson",
                            str(count), ndjson[kind]], check=True)
    size = {kind: os.path.getsize(path) / 1e6 for kind, path in files.items()}
    ndjson_size = {kind: os.path.getsize(path) / 1e6 for kind, path in ndjson.items()}

    out = subprocess.run([os.path.join(build, "bench", "ingest_benchmark"),
                          "--benchmark_repetitions=5", "--benchmark_format=json",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, SLAC_BENCH_DATA=data)).stdout
    medians = {b["run_name"]: b["real_time"] / 1000 for b in json.loads(out)["benchmarks"]
               if b.get("aggregate_name") == "median"}
    seconds = {
        ("probes", "slac"): medians["BM_ParseProbes/real_time"],
        ("probes", "before"): medians["BM_ParseProbesReference/real_time"],
        ("tickets", "slac"): medians["BM_ParseTickets/real_time"],
        ("tickets", "before"): medians["BM_ParseTicketsReference/real_time"],
    }
    ndjson_seconds = {}
    for kind, name in (("probes", "Probes"), ("tickets", "Tickets")):
        ndjson_seconds[kind, "slac"] = medians[f"BM_Parse{name}Ndjson/real_time"]
        ndjson_seconds[kind, "before"] = medians[f"BM_Parse{name}NdjsonReference/real_time"]
        ndjson_seconds[kind, "simdjson"] = medians[f"BM_Parse{name}NdjsonSimdjson/real_time"]
    hand = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([os.path.join(build, "bench", "hand_written_probes"), files["probes"]],
                       check=True, stdout=subprocess.DEVNULL)
        hand.append(time.perf_counter() - start)
    seconds["probes", "hand"] = statistics.median(hand)
    for kind in files:
        for threads in (1, 2):
            result = json.loads(subprocess.run(
                ["node", os.path.join(ENGINE, "duckdb-read-csv.mjs"), kind, files[kind],
                 str(threads)], check=True, capture_output=True, text=True).stdout)
            seconds[kind, f"duckdb{threads}"] = result["ms"] / 1000

    def rate(kind, who):
        return f"{size[kind] / seconds[kind, who]:.0f}" if (kind, who) in seconds else "—"

    print("| file | MB | slac | slac before | hand-written | DuckDB 1 thread | DuckDB 2 threads "
          "| slac ÷ before | slac ÷ DuckDB 1t | hand-written ÷ slac |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind in files:
        slac = seconds[kind, "slac"]
        hand_ratio = (f"{slac / seconds[kind, 'hand']:.2f}×" if (kind, "hand") in seconds
                      else "—")
        print(f"| {kind} | {size[kind]:.0f} | {rate(kind, 'slac')} | {rate(kind, 'before')} "
              f"| {rate(kind, 'hand')} | {rate(kind, 'duckdb1')} | {rate(kind, 'duckdb2')} "
              f"| {seconds[kind, 'before'] / slac:.1f}× | {seconds[kind, 'duckdb1'] / slac:.1f}× "
              f"| {hand_ratio} |")

    print()
    print("| NDJSON file | MB | slac | slac before | simdjson alone | slac ÷ before "
          "| simdjson alone ÷ slac |")
    print("|---|---|---|---|---|---|---|")
    for kind in ndjson:
        def ndjson_rate(who):
            return f"{ndjson_size[kind] / ndjson_seconds[kind, who]:.0f}"
        slac = ndjson_seconds[kind, "slac"]
        print(f"| {kind} | {ndjson_size[kind]:.0f} | {ndjson_rate('slac')} "
              f"| {ndjson_rate('before')} | {ndjson_rate('simdjson')} "
              f"| {ndjson_seconds[kind, 'before'] / slac:.1f}× "
              f"| {slac / ndjson_seconds[kind, 'simdjson']:.2f}× |")


if __name__ == "__main__":
    main()
