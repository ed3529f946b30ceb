#!/usr/bin/env python3
"""The as-of property of `slac eval --at T` (docs/evaluation.md, "--at").

The report at T must be the report of the data as it could have been known
at T. For random instants T, `slac eval` on all the data with `--at T` must
give, byte for byte, the report of the data cut at T with `--at T`: records
whose event time is after T removed, and every optional time after T left
empty (it had not happened yet). Only the `records` block may differ: it
counts what was read (the cut data has fewer rows, the full data reports
them as `after_at`).

The cut is made here, from the CSV text, sharing no code with slac. Run on
the examples' data and on generated tickets for tests/eval/inputs/desk.sla,
which also checks the report-completeness invariant from outside: one row
per (objective, window, group).

usage: as_of_property.py SLAC SOURCE_DIR [CASES]
"""
import csv
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile

SLAC, SOURCE = sys.argv[1], sys.argv[2]
CASES = int(sys.argv[3]) if len(sys.argv) > 3 else 12
rng = random.Random(20261202)


def instant(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def streams_of(sla_path):
    """{stream: (event_field, [optional time fields])} read from the .sla text."""
    text = open(sla_path, encoding="utf-8").read()
    result = {}
    # An interval stream (`from START to END`) is cut by its start.
    pattern = r"stream\s+(\w+)\s+(?:at|from)\s+(\w+)(?:\s+to\s+\w+)?\s*\{(.*?)\n\s*\}"
    for match in re.finditer(pattern, text, re.S):
        name, event, body = match.groups()
        optional = re.findall(r"^\s*(\w+)\s*:\s*time\?", body, re.M)
        result[name] = (event, optional)
    return result


def cut(rows, header, event, optional, at):
    kept = []
    for row in rows:
        cells = dict(zip(header, row))
        if instant(cells[event]) > at:
            continue
        for field in optional:
            if cells[field] and instant(cells[field]) > at:
                row = list(row)
                row[header.index(field)] = ""
        kept.append(row)
    return kept


def evaluate(sla, data, at):
    command = [SLAC, "eval", sla, "--format", "json", "--at", at.isoformat()]
    for spec, path in data:
        command += ["--data", f"{spec}={path}"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(command)} exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def check_complete(report, label):
    """One row per (objective, window start, group); windows of an objective tile time."""
    for agreement in report["agreements"]:
        seen = set()
        for row in agreement["objectives"]:
            key = (row["objective"], row["window"]["start"], row["group"])
            if key in seen:
                raise SystemExit(f"FAIL {label}: {key} reported twice")
            seen.add(key)
        by_objective = {}
        for objective, start, group in seen:
            by_objective.setdefault((objective, group), []).append(start)
        counts = {}
        for (objective, group), starts in by_objective.items():
            counts.setdefault(objective, set()).add(len(starts))
        for objective, sizes in counts.items():
            if len(sizes) != 1:
                raise SystemExit(f"FAIL {label}: groups of `{objective}` have different windows")


def run(sla, sources, label):
    """sources: [(service.stream, csv path)]"""
    streams = streams_of(sla)
    tables, times = [], []
    for spec, path in sources:
        event, optional = streams[spec.split(".")[1]]
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows = list(reader)
        tables.append((spec, header, rows, event, optional))
        times += [instant(dict(zip(header, row))[event]) for row in rows]
    first, last = min(times), max(times)
    span = (last - first).total_seconds()
    checked = 0
    with tempfile.TemporaryDirectory() as work:
        for case in range(CASES):
            at = first + dt.timedelta(seconds=rng.uniform(0, span * 1.05))
            at = at.replace(microsecond=0)
            full_data, cut_data, dropped = [], [], 0
            for index, (spec, header, rows, event, optional) in enumerate(tables):
                kept = cut(rows, header, event, optional, at)
                dropped += len(rows) - len(kept)
                path = os.path.join(work, f"{index}.csv")
                with open(path, "w", newline="", encoding="utf-8") as handle:
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow(header)
                    writer.writerows(kept)
                full_data.append((spec, sources[index][1]))
                cut_data.append((spec, path))
            full = evaluate(sla, full_data, at)
            known = evaluate(sla, cut_data, at)
            if full["records"]["after_at"] != dropped:
                raise SystemExit(f"FAIL {label} at {at}: after_at {full['records']['after_at']}, "
                                 f"{dropped} records are after it")
            if known["records"]["after_at"] != 0:
                raise SystemExit(f"FAIL {label} at {at}: the cut data has records after it")
            del full["records"], known["records"]
            if json.dumps(full, sort_keys=True) != json.dumps(known, sort_keys=True):
                raise SystemExit(f"FAIL {label} at {at}: the report differs from the report of "
                                 f"the data known at {at}")
            check_complete(full, label)
            checked += 1
    return checked


def generated_tickets(path, count):
    """Tickets for desk.sla: March-May 2026, some answered late, some never."""
    start = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["opened", "responded", "priority", "customer"])
        for _ in range(count):
            opened = start + dt.timedelta(minutes=rng.randrange(0, 92 * 24 * 60))
            wait = dt.timedelta(minutes=rng.choice([5, 30, 59, 61, 240, 600, 3000]))
            responded = "" if rng.random() < 0.15 else (opened + wait).isoformat()
            writer.writerow([opened.isoformat(), responded, rng.choice(["P1", "P2"]),
                             rng.choice(["acme", "globex", "initech"])])


def generated_incidents(path, count):
    """Incidents for tests/cli/eval/incidents.sla: March-April 2026, overlapping, some open."""
    start = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "started", "ended", "severity", "customer"])
        for number in range(count):
            started = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
            length = dt.timedelta(minutes=rng.choice([0, 5, 30, 120, 600, 1440, 4000]))
            ended = "" if rng.random() < 0.1 else (started + length).isoformat()
            writer.writerow([f"I-{number}", started.isoformat(), ended,
                             rng.choice(["major", "minor"]), rng.choice(["acme", "globex"])])


examples = os.path.join(SOURCE, "examples")
data = os.path.join(examples, "data")
total = 0
total += run(os.path.join(examples, "msp-support.sla"),
             [("desk.ticket", os.path.join(data, "msp-support/tickets-2026-q1.csv"))], "msp-support")
total += run(os.path.join(examples, "saas-with-ola.sla"),
             [("support.case", os.path.join(data, "saas-with-ola/cases-2026-04-05.csv"))],
             "saas-with-ola")
total += run(os.path.join(examples, "distributor.sla"),
             [("logistics.delivery", os.path.join(data, "distributor/deliveries-2026-q2.csv")),
              ("account.request", os.path.join(data, "distributor/requests-2026-q2.csv")),
              ("account.call", os.path.join(data, "distributor/calls-2026-q2.csv")),
              ("account.survey", os.path.join(data, "distributor/surveys-2026-q2.csv"))],
             "distributor")
with tempfile.TemporaryDirectory() as work:
    tickets = os.path.join(work, "tickets.csv")
    generated_tickets(tickets, 400)
    total += run(os.path.join(SOURCE, "tests/eval/inputs/desk.sla"), [("desk.ticket", tickets)],
                 "generated desk tickets")
    incidents = os.path.join(work, "incidents.csv")
    generated_incidents(incidents, 60)
    total += run(os.path.join(SOURCE, "tests/cli/eval/incidents.sla"),
                 [("ops.incident", incidents)], "generated incidents")
print(f"as-of property: {total} passed, 0 failed")
