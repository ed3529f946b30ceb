#!/usr/bin/env python3
"""Writes kernel-calendar.csv: instants on and around the office calendar's
boundaries (kernel-calendar.sla) with the deadline and the office time
elapsed that a reference written here, independent of slac's calendar
engine, gives for each row.

The rows come half in order of time, half shuffled, so that the compiled
kernel's last position and reach of the calendar are sometimes right for
the next row and sometimes stale (docs/performance.md, the tickets).

    python3 tests/cli/eval/kernel-calendar-data.py > tests/cli/eval/kernel-calendar.csv
"""
import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Berlin")
CLOSED = {date(2026, 3, 20), date(2026, 4, 3), date(2026, 4, 6)}
HOURS = [(time(8), time(12)), (time(13), time(17))]


def office_intervals():
    """The open intervals of March and April 2026 as (start, end) in UTC."""
    intervals = []
    day = date(2026, 2, 27)
    while day <= date(2026, 5, 4):
        if day.weekday() < 5 and day not in CLOSED:
            for opens, closes in HOURS:
                start = datetime.combine(day, opens, ZONE).astimezone(timezone.utc)
                end = datetime.combine(day, closes, ZONE).astimezone(timezone.utc)
                intervals.append((start, end))
        day += timedelta(days=1)
    return intervals


INTERVALS = office_intervals()


def elapsed(a, b):
    return sum((min(end, b) - max(start, a) for start, end in INTERVALS
                if start < b and end > a), timedelta())


def deadline(a, d):
    """The earliest t >= a with elapsed(a, t) == d."""
    if d == timedelta():
        return a
    for start, end in INTERVALS:
        if end <= a:
            continue
        begin = max(start, a)
        if d <= end - begin:
            return begin + d
        d -= end - begin
    raise ValueError("deadline after the last interval")


def spelled(instant):
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    rng = random.Random(20261203)
    first = datetime(2026, 3, 1, tzinfo=timezone.utc)
    last = datetime(2026, 4, 25, tzinfo=timezone.utc)
    second = timedelta(seconds=1)
    boundaries = [instant for interval in INTERVALS for instant in interval
                  if first <= instant < last]
    rows = []
    for _ in range(1500):
        if rng.random() < 0.6:
            t = rng.choice(boundaries) + rng.choice([-second, timedelta(), timedelta(), second])
        else:
            t = first + timedelta(minutes=rng.randrange(int((last - first).total_seconds() // 60)))
        # Open time left in t's interval: a deadline that lands on its end.
        left = next((end - max(start, t) for start, end in INTERVALS if end > t), timedelta())
        d = rng.choice([timedelta(), second, timedelta(minutes=59), timedelta(hours=1),
                        timedelta(hours=4), timedelta(hours=8), left, left + second,
                        timedelta(seconds=rng.randrange(16 * 3600))])
        b = rng.choice([t, t + second, deadline(t, d), deadline(t, left),
                        t + timedelta(seconds=rng.randrange(4 * 86400))])
        rows.append((t, d, b))
    rows[:750] = sorted(rows[:750])
    rng.shuffle(rows[750:])
    print("t,d,b,due,spent")
    for t, d, b in rows:
        print(f"{spelled(t)},{int(d.total_seconds())},{spelled(b)},{spelled(deadline(t, d))},"
              f"{int(elapsed(t, b).total_seconds())}")


main()
