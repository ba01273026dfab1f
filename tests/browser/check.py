#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium and checks what a reader would see.

Usage: check.py CHROMIUM REPORT.html [--chart ID]... [--label TEXT]... [--screenshot OUT.png]

  - the page loads with no console message at all (errors, warnings, logs: the report logs none);
  - every chart named by --chart is in the DOM after scripts ran, as an <svg> with drawn
    elements and a non-empty <title>, and a table of its numbers follows it;
  - every --label appears as the text of an SVG label or tick (or one of a list "a, b" there);
  - the screenshot is not blank: a good share of its pixels are not white, in several colours.
Exits 1 with every failure listed.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser


def chromium(binary, args, url):
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--hide-scrollbars", "--enable-logging=stderr", "--v=0"] + args + [url]
    with tempfile.TemporaryDirectory() as profile:
        p = subprocess.run(cmd + ["--user-data-dir=" + profile], capture_output=True, text=True, timeout=120)
    return p


class Dom(HTMLParser):
    """The figures: per id, how many drawn elements its svg holds, its svg title, whether a
    table follows; and every SVG text."""

    def __init__(self):
        super().__init__()
        self.figures, self.texts, self.stack = {}, [], []
        self.figure = None
        self.in_text = self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure":
            self.figure = a.get("id")
            self.figures[self.figure] = {"drawn": 0, "title": "", "table": False, "svg": False}
        elif self.figure:
            f = self.figures[self.figure]
            if tag == "svg":
                f["svg"] = True
            elif tag in ("circle", "rect", "path", "polyline", "line") and f["svg"]:
                f["drawn"] += 1
            elif tag == "table":
                f["table"] = True
            elif tag == "title":
                self.in_title = True
        if tag == "text":
            self.in_text = True

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figure = None
        elif tag == "text":
            self.in_text = False
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_text:
            self.texts.append(data.strip())
        if self.in_title and self.figure:
            self.figures[self.figure]["title"] += data


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG format"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, ul = prev[i], prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + left) & 255
            elif ftype == 2:
                line[i] = (line[i] + up) & 255
            elif ftype == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif ftype == 4:
                pa, pb, pc = abs(up - ul), abs(left - ul), abs(left + up - 2 * ul)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else ul)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(0, width, 4)])  # every 4th pixel
        prev = line
    return width, height, rows


def main(argv):
    binary, report = argv[1], os.path.abspath(argv[2])
    charts, labels, shot = [], [], None
    i = 3
    while i < len(argv):
        opt, val = argv[i], argv[i + 1]
        {"--chart": charts, "--label": labels}.get(opt, []).append(val)
        if opt == "--screenshot":
            shot = val
        i += 2
    failures = []
    url = "file://" + report
    p = chromium(binary, ["--dump-dom"], url)
    if p.returncode != 0 or "<html" not in p.stdout:
        failures.append(f"chromium could not load the page (exit {p.returncode}): {p.stderr[-500:]}")
    console = [l for l in p.stderr.splitlines() if ":CONSOLE" in l]
    failures += [f"console: {l}" for l in console]
    dom = Dom()
    dom.feed(p.stdout)
    for c in charts:
        f = dom.figures.get(c)
        if not f:
            failures.append(f"chart {c}: not in the page")
        elif not f["svg"] or f["drawn"] < 3:
            failures.append(f"chart {c}: its SVG draws {f['drawn']} elements")
        elif not f["title"].strip():
            failures.append(f"chart {c}: no title")
        elif not f["table"]:
            failures.append(f"chart {c}: no table of its numbers")
    for label in labels:
        if not any(label in t.split(", ") for t in dom.texts):
            failures.append(f"label {label!r}: not drawn")
    if shot:
        p = chromium(binary, ["--window-size=1200,2000", "--screenshot=" + os.path.abspath(shot)], url)
        if not os.path.exists(shot):
            failures.append(f"no screenshot: {p.stderr[-300:]}")
        else:
            _, _, rows = png_pixels(shot)
            pixels = [px for row in rows for px in row]
            ink = sum(1 for px in pixels if min(px) < 235) / len(pixels)
            colours = len({(r // 32, g // 32, b // 32) for r, g, b in pixels})
            if ink < 0.005 or colours < 6:
                failures.append(f"screenshot looks blank: {ink:.1%} of pixels not white, {colours} colours")
    for f in failures:
        print(f"{os.path.basename(report)}: {f}")
    if not failures:
        print(f"{os.path.basename(report)}: ok ({len(charts)} charts, {len(labels)} labels"
              f"{', screenshot' if shot else ''})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
