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
  generate.py cloud N FILE     N minutes from 2026-01-01T00:00+01:00 of probes
                               from fra, ams and par for
                               examples/cloud-availability.sla, as
                               EngineBenchmark's cloudBatches makes them (par
                               misses one probe in 500); N = 525600 is 2026
  generate.py rough-cloud N FILE   the same minutes with outages for the
                               hand-written checks: missing minutes and
                               probes, an hour of fra failures every 173
                               hours, 8 minutes of ams failures in every
                               1013, 5 minutes of par failures in every 2003,
                               all failing 30 minutes on 3 March
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
    elif kind in ("cloud", "rough-cloud"):
        start = 1767222000
        out.write("t,location,ok,rtt\n")
        for minute in range(count):
            if kind == "rough-cloud" and minute % 7919 == 11:
                continue
            for k, location in enumerate(("fra", "ams", "par")):
                i = 3 * minute + k
                ok = not (k == 2 and i % 1500 == 2)
                if kind == "rough-cloud":
                    if k == 2 and minute % 331 == 0:
                        continue
                    ok = ok and not (k == 0 and minute // 60 % 173 == 5)
                    ok = ok and not (k == 1 and minute % 1013 < 8)
                    ok = ok and not (k == 2 and minute % 2003 < 5)
                    ok = ok and not 90000 <= minute < 90030
                out.write(f"{start + minute * 60 + k * 7},{location},"
                          f"{'true' if ok else 'false'},{40 + i % 97}\n")
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
