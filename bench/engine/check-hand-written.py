#!/usr/bin/env python3
"""Checks a hand-written program of bench/engine against slac: both evaluate
the same file at the same instant, and every objective of every closed
window (the window's end at or before `at`) and group must have the same
status, value, decided and pending counts. Exits 1 on any difference.

usage: check-hand-written.py [--only OBJECTIVE,...] SLAC SLA STREAM FILE.csv AT_RFC3339 --
           PROGRAM ARGS...
(--only: compare just these objectives, the ones the program computes.)
"""
import json
import subprocess
import sys
from datetime import datetime
from fractions import Fraction


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def slac_entries(slac, sla, stream, path, at):
    report = json.loads(subprocess.run(
        [slac, "eval", sla, "--data", f"{stream}={path}", "--at", at, "--format", "json"],
        check=True, capture_output=True, text=True).stdout)
    entries = {}
    for agreement in report["agreements"]:
        for entry in agreement["objectives"]:
            if instant(entry["window"]["end"]) > instant(at):
                continue
            value = entry.get("value")
            if value is None:
                value = None
            elif "microseconds" in value:
                value = Fraction(value["microseconds"])
            else:
                value = Fraction(value.get("exact", value["decimal"]))
            decided = entry["budget"]["decided"] if entry.get("budget") else None
            key = (entry["objective"], entry["window"]["label"], entry.get("group") or "-")
            entries[key] = (entry["status"], value, entry["pending_records"], decided)
    return entries


def hand_written_entries(command):
    entries = {}
    for line in subprocess.run(command, check=True, capture_output=True,
                               text=True).stdout.splitlines():
        fields = line.split()
        objective, window, group, status = fields[:4]
        if len(fields) == 7:  # a ratio: good, decided, pending
            good, decided, pending = map(int, fields[4:])
            value = Fraction(100 * good, decided) if decided else None
            entries[objective, window, group] = (status, value, pending,
                                                 decided if decided or pending else None)
        else:  # a value (an integer or an exact fraction; - for none), pending
            value = None if fields[4] == "-" else Fraction(fields[4])
            entries[objective, window, group] = (status, value, int(fields[5]), None)
    return entries


def main():
    arguments = sys.argv[1:]
    only = None
    if arguments[0] == "--only":
        only = set(arguments[1].split(","))
        arguments = arguments[2:]
    split = arguments.index("--")
    slac, sla, stream, path, at = arguments[:split]
    expected = slac_entries(slac, sla, stream, path, at)
    if only is not None:
        expected = {key: value for key, value in expected.items() if key[0] in only}
    actual = hand_written_entries(arguments[split + 1:])
    differences = 0
    for key in sorted(set(expected) | set(actual)):
        if expected.get(key) != actual.get(key):
            differences += 1
            print(f"{' '.join(key)}: slac {expected.get(key)}, hand-written {actual.get(key)}")
    print(f"{len(expected)} objective windows compared, {differences} differences")
    return 1 if differences or not expected else 0


if __name__ == "__main__":
    sys.exit(main())
