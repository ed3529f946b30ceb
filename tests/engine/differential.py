#!/usr/bin/env python3
"""Differential test of the two engines (docs/evaluation.md, "Engines").

Generates random well-typed SLAs and random data with edge values, evaluates
each with `--engine=jit` and `--engine=interp`, and requires byte-identical
output (JSON report, errors, exit code). Each generated file holds several
independent programs (a calendar, a service with one stream, an agreement),
so that one slac run checks many programs.

What is covered: every record expression the plan has (arithmetic with
overflow, three-valued and/or, `is set`, `match`, `in`, `elapsed` and
`deadline` on wall-clock and business calendars), every aggregate (count,
ratio with and without a population, sum, mean, min, max, exact and approximate percentiles, slices;
money fields, which the JIT adds in millionths, compared with amounts of up to 7 decimals;
downtime and uptime over an interval stream `from t to done`, which the JIT
must refuse cleanly),
calendar and rolling windows, `during`/`outside`/`excluding`, `per` groups
(of one or two fields, with targets per class),
tiers and caps, zones with DST, optional times, `--at`; data with exact
targets, empty windows, unset times, DST instants, local midnights at window
boundaries, records outside the effective period, reversed intervals and
64-bit overflows.

A disagreement prints a reproducer: the program and the rows, reduced to
those still needed to show it, and the two commands.

usage: differential.py SLAC [--seed S] [--count PROGRAMS] [--per-file N]
"""
import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
         "Europe/London"]
# DST changes and other instants evaluators get wrong (UTC).
EDGES = ["2026-03-29T01:00:00Z", "2026-03-29T00:59:59Z", "2026-10-25T01:00:00Z",
         "2026-10-25T00:59:59Z", "2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z",
         "2026-04-05T16:00:00Z", "2026-10-04T16:00:00Z", "2026-01-01T00:00:00Z",
         "2025-12-31T23:00:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z",
         "2026-06-30T22:00:00Z", "2026-12-31T23:00:00Z", "2026-06-01T04:00:00Z",
         "2026-06-30T18:30:00Z"]
PERIODS = ["day", "week", "month", "month", "month", "quarter", "year", "rolling 7d",
           "rolling 30d"]
INT64_MAX = 2**63 - 1
# The values of the group field `g`. Two are names of `lvl`'s cases too, so
# that a route grouped `per g` and one grouped `per lvl` give some groups
# the same name (and id): a kernel that read one route's group for the
# other would count a record in another group's window.
GROUP_NAMES = ["acme", "globex", "initech", "low", "high"]


class Program:
    """One calendar, one service with one stream, one agreement."""

    def __init__(self, rng, index):
        self.rng = rng
        self.k = index
        self.zone = rng.choice(ZONES)
        self.lets = []  # (name, type)
        self.text = []
        self.has_number = rng.random() < 0.1
        self.has_money = rng.random() < 0.15
        # An interval stream (`from t to done`): only downtime and uptime
        # read it, and the JIT leaves it to the interpreter.
        self.interval = rng.random() < 0.15
        # A stream of status changes (`chg`) that pauses the clocks of
        # `rec`'s records in `elapsed`: both stay the interpreter's.
        self.pauses = not self.interval and rng.random() < 0.12
        self.changes = []

    # ---------------------------------------------------------- expressions

    def boolean(self, depth=0):
        r = self.rng
        options = [
            lambda: "ok",
            lambda: f"n {r.choice(['<', '<=', '>', '>=', '==', '!='])} {r.randint(-3, 12)}",
            lambda: f"d {r.choice(['<', '<=', '>'])} {r.choice(['30m', '1h', '90m', '2h'])}",
            lambda: f"lvl {r.choice(['==', '!='])} {r.choice(['low', 'mid', 'high'])}",
            lambda: f"done is {r.choice(['set', 'not set'])}",
            lambda: f"done <= {self.time(depth + 1)}",
            lambda: f"{self.duration(depth + 1)} <= {r.choice(['1h', '4h', '8h', '1d'])}",
            lambda: f"in({self.time(depth + 1)}, cal{self.k})",
            lambda: f"day <= {r.choice(['2026-03-01', '2026-06-15', '2026-10-25'])}",
        ]
        if depth < 3:
            options += [
                lambda: f"not ({self.boolean(depth + 1)})",
                lambda: f"({self.boolean(depth + 1)} and {self.boolean(depth + 1)})",
                lambda: f"({self.boolean(depth + 1)} or {self.boolean(depth + 1)})",
                lambda: (f"match lvl {{ low => {self.boolean(depth + 1)}, mid => "
                         f"{self.boolean(depth + 1)}, high => {self.boolean(depth + 1)} }}"),
                lambda: self.shaped_match(
                    lambda amount, end=self.time(depth + 1):
                    f"elapsed(t, {end}, cal{self.k}) <= {amount}",
                    ["0s", "1h", "4h", "3 business days"]),
            ]
        if self.has_money:
            options += [lambda: f"{self.money(depth + 1)} {r.choice(['<', '<=', '>', '>=', '=='])} "
                                f"{r.choice(['0 EUR', '12.50 EUR', '-3.25 EUR', '100.0000001 EUR'])}"]
        options += [lambda name=name: name for name, kind in self.lets if kind == "bool"]
        return r.choice(options)()

    def money(self, depth=0):
        r = self.rng
        options = [lambda: "m", lambda: r.choice(["0.01 EUR", "1000 EUR"])]
        if depth < 3:
            options += [
                lambda: f"({self.money(depth + 1)} + {self.money(depth + 1)})",
                lambda: f"({self.money(depth + 1)} - {self.money(depth + 1)})",
                lambda: f"({self.money(depth + 1)} * {r.randint(-3, 3)})",
            ]
        options += [lambda name=name: name for name, kind in self.lets if kind == "money"]
        return r.choice(options)()

    def integer(self, depth=0):
        r = self.rng
        options = [lambda: "n", lambda: str(r.randint(-5, 5))]
        if depth < 3:
            options += [
                lambda: f"({self.integer(depth + 1)} + {self.integer(depth + 1)})",
                lambda: f"({self.integer(depth + 1)} - {self.integer(depth + 1)})",
                lambda: f"({self.integer(depth + 1)} * {r.randint(-3, 3)})",
                lambda: f"-{self.integer(depth + 1)}",
                lambda: (f"match lvl {{ low => {self.integer(depth + 1)}, mid => "
                         f"{self.integer(depth + 1)}, high => {r.randint(0, 9)} }}"),
                # Arms of one shape whose nested matches have equal constants
                # in one arm and different ones in another.
                lambda: self.shaped_match(
                    lambda _: (f"match lvl {{ low => {r.choice([5, 7])}, mid => "
                               f"{r.choice([5, 7])}, high => n }}"), [None]),
                # A wildcard is one plan node for several cases: arms whose
                # constants it holds keep code of their own, before an arm
                # of another shape.
                lambda: (f"match lvl {{ low => match lvl {{ low => {r.choice([5, 9])}, _ => "
                         f"{r.choice([9, 11])} }}, mid => match lvl {{ low => "
                         f"{r.choice([5, 9])}, _ => {r.choice([9, 11])} }}, high => n }}"),
            ]
        options += [lambda name=name: name for name, kind in self.lets if kind == "int"]
        return r.choice(options)()

    def duration(self, depth=0):
        r = self.rng
        options = [
            lambda: "d",
            lambda: r.choice(["0s", "15m", "1h", "8h"]),
            lambda: f"elapsed(t, {self.time(depth + 1)})",
            lambda: f"elapsed(t, {self.time(depth + 1)}, cal{self.k})",
            lambda: f"elapsed(t, {self.time(depth + 1)}, cal{self.k}, "
                    f"{r.choice(['0s', '15m', '1h', 'd'])})",
        ]
        if self.pauses:
            options += [lambda: f"elapsed(t, {self.time(depth + 1)}, cal{self.k}, chg where "
                                f"{r.choice(['st == high', 'st != low', 'held'])} on key == g)"]
        if depth < 3:
            options += [
                lambda: f"({self.duration(depth + 1)} + {self.duration(depth + 1)})",
                lambda: f"({self.duration(depth + 1)} * {r.randint(0, 3)})",
            ]
        options += [lambda name=name: name for name, kind in self.lets if kind == "duration"]
        return r.choice(options)()

    def time(self, depth=0):
        r = self.rng
        options = [lambda: "t", lambda: "done"]
        if depth < 3:
            options += [
                lambda: f"deadline(t, {r.choice(['30m', '4h', '1 business day'])}, cal{self.k})",
                lambda: f"deadline(t, {self.duration(depth + 1)})",
                lambda: f"deadline(t, {self.duration(depth + 1)}, cal{self.k})",
                lambda: f"(t + {r.choice(['1h', '1d'])})",
                lambda: self.shaped_match(lambda amount: f"deadline(t, {amount}, cal{self.k})",
                                          ["0s", "30m", "4h", "1 business day"]),
            ]
        return r.choice(options)()

    def shaped_match(self, arm, constants):
        # Arms that differ only in a constant, as in `match priority { P2 =>
        # deadline(opened, 1h, office), P3 => deadline(opened, 4h, office) }`:
        # the JIT emits them once and lets the subject choose the constant.
        picks = [self.rng.choice(constants) for _ in range(3)]
        return f"match lvl {{ low => {arm(picks[0])}, mid => {arm(picks[1])}, high => {arm(picks[2])} }}"

    # ---------------------------------------------------------- program

    def calendar(self):
        r = self.rng
        days = r.choice(["mon-fri", "mon-sat", "mon-sun", "tue-thu"])
        hours = r.choice(["08:00-12:00, 13:00-17:00", "09:00-17:00", "00:00-24:00",
                          "22:00-24:00", "01:30-03:30"])
        lines = [f"calendar cal{self.k} {{", f'  zone "{self.zone}"', f"  {days} {hours}"]
        if r.random() < 0.5:
            lines.append(f"  closed {r.choice(['2026-03-30', '2026-10-26', '2026-12-24 to 2026-12-31'])}")
        lines.append("  business day = 8h")
        lines.append("}")
        return lines

    def service(self):
        r = self.rng
        header = "from t to done" if self.interval else "at t"
        lines = [f"service s{self.k} {{", "  enum Level { low, mid, high }"]
        if self.pauses:
            lines += ["  stream chg at ct {", "    ct: time", "    key: string", "    st: Level",
                      "    let held = st == mid or st == high", "  }"]
        lines += [f"  stream rec {header} {{",
                 "    t: time", "    ok: bool", "    n: int", "    d: duration",
                 "    lvl: Level", "    g: string", "    done: time?", "    day: date"]
        if self.has_number:
            lines.append("    x: number")
        if self.has_money:
            lines.append("    m: money EUR")
        if self.pauses:
            lines.append(f"    let paused_in_time = elapsed(t, done, cal{self.k}, chg where held on "
                         f"key == g) <= {r.choice(['30m', '2h', '8h'])}")
            self.lets.append(("paused_in_time", "bool"))
        for index in range(r.randint(0, 3)):
            kind = r.choice(["bool", "int", "duration"] + (["money"] if self.has_money else []))
            value = {"bool": self.boolean, "int": self.integer, "duration": self.duration,
                     "money": self.money}[kind]()
            name = f"l{index}"
            lines.append(f"    let {name} = {value}")
            self.lets.append((name, kind))
        lines.append("  }")
        self.metrics = []
        for index in range(r.randint(1, 4)):
            metric, kind = self.metric()
            lines.append(f"  metric m{index} = {metric}")
            self.metrics.append((f"m{index}", kind))
        lines.append("}")
        return lines

    def settled(self):
        """A condition that is never unset, as downtime and uptime require."""
        r = self.rng
        return r.choice(["ok", "not ok", f"n > {r.randint(-3, 12)}", "lvl == high",
                         "lvl != low", "done is set", "done is not set",
                         f"in(t, cal{self.k})", "d <= 1h"])

    def metric(self):
        r = self.rng
        if self.interval:
            where = f" where {self.settled()}" if r.random() < 0.6 else ""
            if r.random() < 0.5:
                return f"uptime(rec{where})", "percent"
            return f"downtime(rec{where})", "duration"
        where = lambda: f" where {self.boolean()}" if r.random() < 0.7 else ""
        value = lambda: r.choice(["n", "d"] + [name for name, kind in self.lets
                                             if kind in ("int", "duration")])
        if self.has_money and r.random() < 0.4:
            field = r.choice(["m"] + [name for name, kind in self.lets if kind == "money"])
            aggregate = r.choice(["sum", "mean", "min", "max", "percentile", "percentile approx"])
            rank = f", {r.choice([50, 90, 99.9])}" if aggregate.startswith("percentile") else ""
            return f"{aggregate}(rec.{field}{where()}{rank})", "money"
        choice = r.randint(0, 11)
        if choice <= 2:
            return f"ratio(rec where {self.boolean()})", "percent"
        if choice == 3:
            return f"ratio(rec where {self.boolean()}, {self.boolean()})", "percent"
        if choice == 4:
            return f"count(rec{where()})", "int"
        if choice in (5, 6, 7, 8):
            field = value()
            kind = "int" if field == "n" or dict(self.lets).get(field) == "int" else "duration"
            aggregate = r.choice(["sum", "mean", "min", "max"])
            if aggregate == "mean" and kind == "int":
                kind = "number"
            return f"{aggregate}(rec.{field}{where()})", kind
        if choice == 9:
            field = value()
            kind = "int" if field == "n" or dict(self.lets).get(field) == "int" else "duration"
            approx = " approx" if r.random() < 0.3 else ""
            return f"percentile{approx}(rec.{field}{where()}, {r.choice([50, 90, 95, 99.9])})", kind
        if choice == 10 and self.has_number:
            return f"sum(rec.x{where()})", "number"
        return self.over_slices()

    def over_slices(self):
        """An aggregate over slices, each slice judged by its own aggregates."""
        r = self.rng
        width = r.choice(["1h", "6h", "1d"])
        missing = r.choice(["", " missing good", " missing bad"])
        shape = r.randrange(8)
        if shape == 5:
            # A count of each slice's records, folded over the slices.
            fold = r.choice(["sum", "mean", "min", "max"])
            return (f"{fold}(slices({width}){missing}, count(rec where {self.boolean()}))",
                    "number" if fold == "mean" else "int")
        if shape == 6:
            return (f"percentile(slices({width}){missing}, ratio(rec where {self.boolean()}), "
                    f"{r.choice([50, 90, 95])})", "percent")
        if shape == 7:
            return (f"count(slices({width}){missing} where "
                    f"count(rec where {self.boolean()}) >= {r.randint(0, 3)})", "int")
        if shape == 1:
            comparison = r.choice([">=", ">", "<=", "<", "==", "!="])
            return (f"ratio(slices({width}){missing} where ratio(rec where {self.boolean()}) "
                    f"{comparison} {r.choice(['50%', '100%', '66.7%', '0%', '33.333333%'])})",
                    "percent")
        # A slice's ratio, sometimes of a population: a slice with records
        # but none of the population has no value, and is missing.
        population = f"{self.boolean()}, " if r.random() < 0.3 else ""
        if shape == 2:
            return (f"mean(slices({width}){missing}, ratio(rec where {population}"
                    f"{self.boolean()}))", "percent")
        if shape == 3:
            extreme = r.choice(["min", "max"])
            return (f"{extreme}(slices({width}){missing}, ratio(rec where {population}"
                    f"{self.boolean()}))", "percent")
        if shape == 4:
            field = r.choice(["n", "d"] + [name for name, kind in self.lets
                                          if kind in ("int", "duration")])
            kind = "int" if field == "n" or dict(self.lets).get(field) == "int" else "duration"
            aggregate = r.choice(["sum", "min", "max"])
            bound = str(r.randint(0, 20)) if kind == "int" else r.choice(["30m", "1h", "4h"])
            return (f"ratio(slices({width}){missing} where {aggregate}(rec.{field}) <= {bound})",
                    "percent")
        comparison = r.choice([">=", ">", "<=", "<", "==", "!="])
        return (f"ratio(slices({width}){missing} where "
                f"count(rec where {self.boolean()}) {comparison} {r.randint(0, 3)})", "percent")

    def target(self, kind, comparison):
        r = self.rng
        if kind == "percent":
            return f"{comparison} {r.choice(['50%', '90%', '95%', '99.5%', '100%', '66.7%'])}"
        if kind == "int":
            return f"{comparison} {r.randint(0, 20)}"
        if kind == "number":
            return f"{comparison} {r.choice(['2', '4.5', '0.333'])}"
        if kind == "money":
            return f"{comparison} {r.choice(['0 EUR', '25.00 EUR', '99.999999 EUR'])}"
        return f"{comparison} {r.choice(['30m', '1h', '4h', '1d'])}"

    def agreement(self):
        r = self.rng
        start = r.choice(["2026-01-01", "2026-01-01", "2026-02-15", "2026-03-29"])
        end = r.choice(["2026-12-31", "2026-12-31", "2026-06-30", "2026-11-10"])
        lines = [f"agreement a{self.k} {{", f'  provider "P{self.k}"',
                 f"  effective {start} to {end}", f'  zone "{self.zone}"',
                 f"  fee {r.choice(['1000.00', '333.33', '2400.00'])} EUR per "
                 f"{r.choice(['month', 'quarter', 'year'])}"]
        policy = r.choice(["", "when no data met", "when no data breached"])
        if policy:
            lines.append(f"  {policy}")
        objectives = []
        measures = []  # per objective: what a revision must measure alike
        # One direction per metric: objectives on one metric never contradict.
        direction = {name: r.choice([">=", ">"]) if kind == "percent" and r.random() < 0.8
                     else r.choice(["<=", "<", ">="]) for name, kind in self.metrics}
        for index in range(r.randint(1, 3)):
            metric, kind = r.choice(self.metrics)
            comparison = direction[metric]
            filter_ = r.choice(["", "", f" during cal{self.k}", f" outside cal{self.k}",
                                f" excluding cal{self.k}"])
            target = self.target(kind, comparison)
            roll = r.random()
            per = ""
            if roll < 0.2:
                per = " per g"
            elif roll < 0.3:
                per = r.choice([" per g, lvl", " per lvl, g", " per lvl, n"])
            elif roll < 0.4:
                # A target per class: the class is a group field.
                per = r.choice([" per g, lvl", " per lvl"])
                low, rest = (self.target(kind, comparison).split(" ", 1)[1] for _ in range(2))
                target = f"{comparison} match lvl {{ low => {low}, _ => {rest} }}"
            period = r.choice(PERIODS)
            lines.append(f"  objective o{index}: s{self.k}.{metric} {target}"
                         f"{filter_}{per} over {period}")
            objectives.append((f"o{index}", kind, period, comparison))
            measures.append((metric, filter_, per))
        for name, kind, period, comparison in objectives:
            if kind == "percent" and comparison.startswith(">") and r.random() < 0.6:
                lines.append(f"  remedy r_{name} on {name} {{")
                lines.append(f"    below {r.choice(['99%', '95%', '90%'])} credit 10%")
                lines.append(f"    below {r.choice(['80%', '50%'])} credit 25%")
                lines.append("  }")
        if r.random() < 0.4:
            lines.append(f"  cap credits {r.choice(['15%', '30%'])} per {r.choice(['month', 'year'])}")
        if r.random() < 0.2:
            name, kind, period, _ = objectives[0]
            if period in ("month", "quarter"):
                lines.append(f"  terminate when {name} breached 2 consecutive {period}s")
        dates = [d for d in ["2026-04-01", "2026-06-15", "2026-07-01"] if start < d <= end]
        if dates and r.random() < 0.3:
            lines += self.revision(r.choice(dates), objectives, measures)
        lines.append("}")
        return lines

    def revision(self, date, objectives, measures):
        """Terms from `date`: a target, and maybe a fee, a remedy or a cap."""
        r = self.rng
        lines = [f"  revision v{self.k} from {date} {{"]
        if r.random() < 0.5:
            lines.append(f"    fee {r.choice(['1500.00', '99.99'])} EUR per "
                         f"{r.choice(['month', 'quarter'])}")
        index = r.randrange(len(objectives))
        name, kind, period, comparison = objectives[index]
        metric, filter_, per = measures[index]
        lines.append(f"    objective {name}: s{self.k}.{metric} {self.target(kind, comparison)}"
                     f"{filter_}{per} over {period}")
        if kind == "percent" and comparison.startswith(">") and r.random() < 0.5:
            lines += [f"    remedy r_{name} on {name} {{",
                      f"      below {r.choice(['99.9%', '97%'])} credit 20%", "    }"]
        if r.random() < 0.3:
            lines.append(f"    cap credits {r.choice(['5%', '40%'])} per quarter")
        lines.append("  }")
        return lines

    def source(self):
        if not hasattr(self, "text_"):
            self.text_ = "\n".join(self.calendar() + self.service() + self.agreement()) + "\n"
        return self.text_

    # ---------------------------------------------------------- data

    def rows(self, at=None):
        r = self.rng
        base = dt.datetime(2025, 12, 20, tzinfo=dt.timezone.utc)
        # Some programs' records crowd three days, at the calendars' opening
        # and closing hours (and a minute off): a kernel's last position and
        # reach of a calendar are then often right for the next record, and
        # sometimes stale.
        crowd = []
        if r.random() < 0.4:
            zone = ZoneInfo(self.zone)
            for _ in range(3):
                day = (base + dt.timedelta(days=r.randint(0, 400))).date()
                crowd += [dt.datetime.combine(day, dt.time(hour, minute), zone)
                          for hour, minute in [(0, 0), (1, 30), (3, 30), (8, 0), (9, 0),
                                               (12, 0), (13, 0), (17, 0), (22, 0)]]
        rows = []
        for _ in range(r.randint(0, 60)):
            if crowd and r.random() < 0.6:
                t = r.choice(crowd) + dt.timedelta(minutes=r.choice([-1, 0, 0, 1]))
            elif r.random() < 0.2:
                t = dt.datetime.fromisoformat(r.choice(EDGES).replace("Z", "+00:00"))
            else:
                t = base + dt.timedelta(seconds=r.randint(0, 400 * 86400) // 60 * 60)
            if r.random() < 0.05:
                t = t.replace(year=r.choice([2025, 2027]))
            if at and r.random() < 0.1:
                t = at - dt.timedelta(minutes=r.choice([0, 0, 1, 60]))
            done = ""
            roll = r.random()
            if roll < 0.6:
                done = stamp(t + dt.timedelta(minutes=r.randint(0, 3 * 24 * 60)))
            elif roll < 0.7:
                done = stamp(t - dt.timedelta(minutes=r.randint(1, 600)))  # reversed
            elif roll < 0.75:
                done = stamp(t)
            elif roll < 0.8 and at:
                done = stamp(at + dt.timedelta(seconds=r.choice([-1, 0, 0, 1])))
            n = r.choice([r.randint(-3, 12), r.randint(-3, 12), r.randint(-3, 12),
                          INT64_MAX, -INT64_MAX, 2**62])
            d = r.choice(["0s", "15m", "30m", "1h", "90m", "2h", "8h", f"{r.randint(0, 600)}m"])
            row = [stamp(t), r.choice(["true", "false"]), str(n), d,
                   r.choice(["low", "mid", "high"]), r.choice(GROUP_NAMES),
                   done, (t + dt.timedelta(days=r.randint(-2, 2))).date().isoformat()]
            if self.has_number:
                row.append(r.choice(["1.5", "0.001", "-2", "123456789.123456789", "7"]))
            if self.has_money:
                row.append(r.choice(["12.50", "12.50 EUR", "0.000001", "-3.25", "25", "0",
                                     "9223372036854.7758", "-9223372036854.7758",
                                     f"{r.randint(0, 10000) / 100:.2f}"]))
            rows.append(row)
        if self.pauses:
            # Unsorted, with ties, edges, keys no record has, some after `at`.
            self.changes = []
            for _ in range(r.randint(0, 40)):
                if r.random() < 0.2:
                    t = dt.datetime.fromisoformat(r.choice(EDGES).replace("Z", "+00:00"))
                else:
                    t = base + dt.timedelta(seconds=r.randint(0, 400 * 86400) // 60 * 60)
                self.changes.append([stamp(t), r.choice(["acme", "globex", "initech", "umbrella"]),
                                     r.choice(["low", "mid", "high"])])
            if self.changes and r.random() < 0.3:
                self.changes.append(list(self.changes[0][:2]) + [r.choice(["low", "high"])])
        return rows

    def header(self):
        return ("t,ok,n,d,lvl,g,done,day" + (",x" if self.has_number else "")
                + (",m" if self.has_money else ""))


def stamp(instant):
    return instant.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_case(directory, programs, data):
    path = os.path.join(directory, "case.sla")
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(program.source() for program in programs))
    arguments = []
    for program, rows in zip(programs, data):
        csv_path = os.path.join(directory, f"s{program.k}.csv")
        with open(csv_path, "w", encoding="utf-8") as out:
            out.write(program.header() + "\n" + "".join(",".join(row) + "\n" for row in rows))
        arguments += ["--data", f"s{program.k}.rec={csv_path}"]
        if program.pauses:  # named after `rec`: read first all the same
            changes_path = os.path.join(directory, f"s{program.k}-chg.csv")
            with open(changes_path, "w", encoding="utf-8") as out:
                out.write("ct,key,st\n" + "".join(",".join(row) + "\n" for row in program.changes))
            arguments += ["--data", f"s{program.k}.chg={changes_path}"]
    return path, arguments


def run(slac, path, arguments, engine, cache=None, loaded_files=None):
    """Compiled, and kept in `cache` when one is given; else none taken from
    the kernel cache. With `loaded_files` (a directory), the run must not
    load the JIT module, as the dynamic loader tells (LD_DEBUG)."""
    environment = dict(os.environ, SLAC_CACHE_DIR=cache) if cache else \
        dict(os.environ, SLAC_NO_CACHE="1")
    environment.pop("SLAC_NO_CACHE" if cache else "SLAC_CACHE_DIR", None)
    log = os.path.join(loaded_files, "loaded") if loaded_files else None
    if log:
        environment.update(LD_DEBUG="files", LD_DEBUG_OUTPUT=log)
    result = subprocess.run([slac, "eval", path, "--format", "json", "--on-error", "skip",
                             "--engine", engine] + arguments,
                            capture_output=True, text=True, timeout=300, env=environment)
    stderr = result.stderr
    if log:
        for name in os.listdir(loaded_files):
            if name.startswith("loaded."):
                with open(os.path.join(loaded_files, name), encoding="utf-8") as lines:
                    if "slac_jit.so" in lines.read():
                        stderr += "\n[the JIT module was loaded for kernels the cache holds]"
                os.remove(os.path.join(loaded_files, name))
    return result.returncode, result.stdout, stderr


# The interpreter's runs: two threads and chunks of a few records.
INTERPRETER_THREADS = ["--threads", "2", "--chunk-size", "700"]


def disagree(slac, directory, programs, data, extra, cached=False):
    """With `cached`, the JIT runs twice on one kernel cache: the second run
    links the kernels the first compiled without LLVM (CachedKernels.h) and
    must say the same."""
    path, arguments = write_case(directory, programs, data)
    cache = os.path.join(directory, "kernel-cache") if cached else None
    if cache:
        shutil.rmtree(cache, ignore_errors=True)
    jit = run(slac, path, arguments + extra, "jit", cache)
    # Each parser of the interpreter's run evaluates the records it read
    # with an evaluator of its own, and the two are merged
    # (Evaluator::merge): the programs without status changes also check
    # the merge against the JIT's one state.
    interp = run(slac, path, arguments + extra + INTERPRETER_THREADS, "interp")
    if cache and jit == interp:
        jit = run(slac, path, arguments + extra, "jit", cache, loaded_files=directory)
    return jit != interp, jit, interp


def reduce_case(slac, directory, programs, data, extra, cached):
    """Drops programs, then rows, while the engines still disagree."""
    for index in range(len(programs)):
        if disagree(slac, directory, programs[index:index + 1], data[index:index + 1], extra,
                    cached)[0]:
            programs, data = programs[index:index + 1], data[index:index + 1]
            break
    for p in range(len(programs)):
        chunk = max(1, len(data[p]) // 2)
        while chunk >= 1:
            start = 0
            while start < len(data[p]):
                trial = list(data)
                trial[p] = data[p][:start] + data[p][start + chunk:]
                if disagree(slac, directory, programs, trial, extra, cached)[0]:
                    data = trial
                else:
                    start += chunk
            chunk //= 2
    return programs, data


def merges(slac, directory, programs, data, extra):
    """Whether the interpreter's run of a file of programs without status
    changes evaluates on both parsers and merges (what `--verbose` says): if
    it stopped doing so, the tester would go on passing without checking
    the merge."""
    path, arguments = write_case(directory, programs, data)
    code, _, stderr = run(slac, path, arguments + extra + INTERPRETER_THREADS + ["--verbose"],
                          "interp")
    if "evaluated by the 2 parsing threads" in stderr:
        return True
    print(f"the interpreter's run did not merge two evaluators (exit {code}):\n{stderr[:2000]}")
    return False


def compare_group(options, directory, programs, data, extra, cached, tally):
    """Runs both engines on one file of programs; true, with the reduced
    case printed, when they disagree or slac fails."""
    differs, jit, interp = disagree(options.slac, directory, programs, data, extra, cached)
    if jit[0] not in (0, 1):
        print(f"slac failed (exit {jit[0]}) on seed {options.seed}:\n{jit[2][:2000]}")
        keep = os.path.join(os.getcwd(), "differential-failure")
        os.makedirs(keep, exist_ok=True)
        write_case(keep, programs, data)
        print(f"case kept in {keep}")
        return True
    if jit[0] == 1 and not jit[1]:
        tally["rejected"] += len(programs)  # the checker refused the file: do not compare
    else:
        tally["checked"] += len(programs)
        tally["windows"] += jit[1].count('"window"')
    if differs:
        programs, data = reduce_case(options.slac, directory, programs, data, extra,
                                     cached)
        path, arguments = write_case(directory, programs, data)
        print("The engines disagree. Program:\n" + open(path).read())
        for program, rows in zip(programs, data):
            print(f"rows of s{program.k}.rec:\n{program.header()}")
            print("\n".join(",".join(row) for row in rows))
            if program.pauses:
                print(f"rows of s{program.k}.chg:\nct,key,st")
                print("\n".join(",".join(row) for row in program.changes))
        _, jit, interp = disagree(options.slac, directory, programs, data, extra, cached)
        print(f"options: {' '.join(extra)}")
        print(f"--engine=jit (exit {jit[0]}):\n{jit[1]}{jit[2]}")
        print(f"--engine=interp {' '.join(INTERPRETER_THREADS)} (exit {interp[0]}):\n"
              f"{interp[1]}{interp[2]}")
        return True
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("slac")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=200, help="programs")
    parser.add_argument("--per-file", type=int, default=40, help="programs per slac run")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    tally = {"checked": 0, "rejected": 0, "windows": 0, "merged": False}
    with tempfile.TemporaryDirectory() as directory:
        done = 0
        while done < options.count:
            size = min(options.per_file, options.count - done)
            programs = [Program(rng, done + i) for i in range(size)]
            for program in programs:
                program.source()
            at = None
            if rng.random() < 0.5:
                at = (dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc) +
                      dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60)))
            data = [program.rows(at) for program in programs]
            extra = ["--at", stamp(at)] if at else []
            # One run in four also through the kernel cache's own linker.
            cached = (done // options.per_file) % 4 == 3
            # Status changes keep the interpreter on one evaluator (they must
            # reach every evaluator first): the programs without them run
            # apart, so that theirs is two evaluators merged.
            for paused in (False, True):
                group = [i for i, program in enumerate(programs) if program.pauses == paused]
                if group and compare_group(options, directory, [programs[i] for i in group],
                                           [data[i] for i in group], extra, cached, tally):
                    return 1
                if group and not paused and not tally["merged"]:
                    if not merges(options.slac, directory, [programs[i] for i in group],
                                  [data[i] for i in group], extra):
                        return 1
                    tally["merged"] = True
            done += size
    print(f"seed {options.seed}: {tally['checked']} programs agree ({tally['windows']} windows), "
          f"{tally['rejected']} rejected by the checker")
    if tally["rejected"] > tally["checked"] // 10:
        print("too many generated programs are rejected: the generator has drifted from the "
              "language")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
