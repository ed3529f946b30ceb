#!/usr/bin/env python3
"""Opens the HTML reports of the examples in headless Chromium (docs/report.md).

Checks, per report: nothing in the file reaches the network or runs a
script; the page loads without a console message; the dumped DOM holds the
SVG charts, each with a non-empty line inside its view box; the screenshot
is a PNG of the window's size with real content on it. A page that logs a
console error is run first, to show the console check can fail.

Usage: browser_test.py SLAC SOURCE_DIR. Exits 77 (CTest's skip code) only
when no Chromium is installed.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

EXAMPLES = ["msp-support", "distributor"]
WIDTH, HEIGHT = 1200, 2000
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(chromium, profile, *args):
    command = [chromium, "--headless", "--disable-gpu", "--no-sandbox",
               "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
               "--hide-scrollbars", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_messages(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def check_self_contained(name, html):
    for pattern, what in [(r"<script", "a script"), (r"\bsrc\s*=", "a src attribute"),
                          (r"url\(", "a CSS url()"), (r"<link\b", "a link element"),
                          (r"href\s*=\s*\"(?!#)", "a link out of the page")]:
        if re.search(pattern, html, re.IGNORECASE):
            fail(f"{name}: the report holds {what}")
    for url in re.findall(r"https?://[^\s\"'<>]+", html):
        if url != "http://www.w3.org/2000/svg":
            fail(f"{name}: the report names {url}")


def check_charts(name, dom):
    charts = re.findall(r"<svg\b[^>]*class=\"chart\"[^>]*>.*?</svg>", dom, re.DOTALL)
    if not charts:
        fail(f"{name}: the DOM has no chart")
    for index, chart in enumerate(charts):
        where = f"{name}: chart {index + 1}"
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', chart)
        width = re.search(r'width="([\d.]+)"', chart)
        height = re.search(r'height="([\d.]+)"', chart)
        if not (box and width and height):
            fail(f"{where}: no viewBox or size")
            continue
        box_width, box_height = float(box.group(1)), float(box.group(2))
        if not (200 <= float(width.group(1)) <= 2000 and 100 <= float(height.group(1)) <= 1000):
            fail(f"{where}: size {width.group(1)}x{height.group(1)} is not sane")
        paths = re.findall(r'<path\b[^>]*\bd="([^"]*)"', chart)
        if not paths:
            fail(f"{where}: no path")
        for d in paths:
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
            if not d.startswith("M") or len(numbers) < 2 or len(numbers) % 2:
                fail(f"{where}: path `{d[:60]}` is empty or malformed")
                continue
            xs, ys = numbers[0::2], numbers[1::2]
            if min(xs) < 0 or max(xs) > box_width or min(ys) < 0 or max(ys) > box_height:
                fail(f"{where}: path `{d[:60]}` leaves the view box")
        # A chart with a single window draws its value as a dot.
        if len(paths) == 1 and "<circle" not in chart and len(paths[0].split()) <= 2:
            fail(f"{where}: nothing visible")
    targets = re.findall(r'<line\b[^>]*class="target"', dom)
    if not targets:
        fail(f"{name}: no target line")


def check_png(name, path):
    try:
        data = open(path, "rb").read()
    except OSError as error:
        fail(f"{name}: no screenshot ({error})")
        return
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{name}: the screenshot is not a PNG")
        return
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != (WIDTH, HEIGHT):
        fail(f"{name}: the screenshot is {width}x{height}, not {WIDTH}x{HEIGHT}")
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            chunks.append(data[position + 8:position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    # A blank page filters to zeros; text and charts do not.
    busy = sum(1 for byte in raw if byte) / len(raw)
    if busy < 0.01:
        fail(f"{name}: the screenshot is nearly blank ({busy:.2%} of its bytes set)")


def main():
    slac, source_dir = sys.argv[1], sys.argv[2]
    chromium = find_chromium()
    if not chromium:
        print("SKIP: no chromium on PATH (install the Debian package `chromium`; .ci/setup does)")
        return 77
    with tempfile.TemporaryDirectory() as work:
        profile = os.path.join(work, "profile")
        control = os.path.join(work, "console-error.html")
        with open(control, "w") as out:
            out.write("<!DOCTYPE html><p>x</p><script>console.error('deliberate')</script>")
        result = run_chromium(chromium, profile, "--dump-dom", "file://" + control)
        if not console_messages(result.stderr):
            fail("the console check sees no message on a page that logs one: it cannot work")

        for example in EXAMPLES:
            page = os.path.join(work, example + ".html")
            report = subprocess.run(
                [slac, "eval", f"examples/{example}.sla", "--format", "html", "--explain"],
                cwd=source_dir, capture_output=True, text=True)
            if report.returncode != 0:
                fail(f"{example}: slac eval exited {report.returncode}: {report.stderr}")
                continue
            with open(page, "w") as out:
                out.write(report.stdout)
            check_self_contained(example, report.stdout)

            result = run_chromium(chromium, profile, "--dump-dom", "file://" + page)
            if result.returncode != 0:
                fail(f"{example}: chromium --dump-dom exited {result.returncode}")
            for message in console_messages(result.stderr):
                fail(f"{example}: console: {message}")
            check_charts(example, result.stdout)

            shot = os.path.join(work, example + ".png")
            result = run_chromium(chromium, profile, f"--window-size={WIDTH},{HEIGHT}",
                                  "--screenshot=" + shot, "file://" + page)
            for message in console_messages(result.stderr):
                fail(f"{example}: console: {message}")
            check_png(example, shot)
            print(f"{example}: checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
