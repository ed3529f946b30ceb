#!/usr/bin/env python3
"""Writes the benchmark data of bench/engine/compare.sh, deterministically.

  generate.py probes N FILE    N probes `t,ok` over 2026 (one in 997 fails)
  generate.py tickets N FILE   N tickets of examples/msp-support.sla in March
                               2026, as bench/support/GeneratedData.cpp makes them
  generate.py open-tickets N FILE   the same, with one ticket in 40 (2.5 %)
                               still unresolved
  generate.py probes-ndjson N FILE, generate.py tickets-ndjson N FILE
                               the same probes and tickets as NDJSON, one
                               object a line (`{"t":"...","ok":true}`)
"""
import datetime as dt
import sys

kind, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def stamp(seconds, cache={}):
    day, rest = divmod(seconds, 86400)
    if day not in cache:
        cache[day] = (EPOCH + dt.timedelta(days=day)).strftime("%Y-%m-%dT")
    return f"{cache[day]}{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}Z"


with open(path, "w") as out:
    if kind == "probes-ndjson":
        start, year = 1767225600, 365 * 86400
        out.writelines(f'{{"t":"{stamp(start + i * year // count)}","ok":'
                       f'{"false" if i % 997 == 0 else "true"}}}\n' for i in range(count))
    elif kind == "tickets-ndjson":
        march = 1772319600
        priorities = ["P1", "P2", "P3", "P4"]
        for i in range(count):
            opened = march + i * 2600000 // count
            out.write(f'{{"id":"T-{i}","customer":"customer-{i % 6}","priority":"{priorities[i % 4]}",'
                      f'"channel":"email","opened":"{stamp(opened)}",'
                      f'"responded":"{stamp(opened + 1800 + i % 7200)}",'
                      f'"resolved":"{stamp(opened + 20000 + i % 90000)}","reopened":false}}\n')
    elif kind == "probes":
        start, year = 1767225600, 365 * 86400
        out.write("t,ok\n")
        out.writelines(f"{stamp(start + i * year // count)},{'false' if i % 997 == 0 else 'true'}\n"
                       for i in range(count))
    else:
        march = 1772319600
        priorities = ["P1", "P2", "P3", "P4"]
        out.write("id,customer,priority,channel,opened,responded,resolved,reopened\n")
        for i in range(count):
            opened = march + i * 2600000 // count
            resolved = "" if kind == "open-tickets" and i % 40 == 7 else stamp(
                opened + 20000 + i % 90000)
            out.write(f"T-{i},customer-{i % 6},{priorities[i % 4]},email,{stamp(opened)},"
                      f"{stamp(opened + 1800 + i % 7200)},{resolved},false\n")
