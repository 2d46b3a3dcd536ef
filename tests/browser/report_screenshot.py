"""Renders report.html in headless Chromium: builds a report with the CLI from a fixture scan directory,
takes a screenshot and checks it is a real picture (PNG signature, plausible size, many colours, the
region table's header colour present), then dumps the DOM after load and checks the region table and the
SVG charts are in it. Standard library only. Exits 77 (ctest's SKIP_RETURN_CODE) when Chromium is not
installed; CI installs the Debian package `chromium`.

    python3 tests/browser/report_screenshot.py --minewatch build/minewatch \
        --scan tests/e2e/data/report_scan --previous tests/e2e/data/report_previous [--keep DIR]
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
TIMEOUT_S = 120  # each Chromium run; a hung browser fails the test instead of blocking ctest
WIDTH, HEIGHT = 1280, 2400
TABLE_HEADER = (0x1F, 0x5F, 0xA8)  # the region table's header background (html_page.cpp)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(browser, profile, *args):
    # Root needs --no-sandbox; a private profile keeps parallel runs apart. stderr carries harmless dbus
    # warnings, so only the exit status and the outputs count.
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png_rows(data, max_rows):
    """The first `max_rows` rows of an 8-bit RGB or RGBA PNG as lists of (r, g, b), plus width, height."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no PNG signature")
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unexpected PNG layout: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompressobj().decompress(idat, (stride + 1) * max_rows)
    rows, previous = [], bytearray(stride)
    for y in range(min(max_rows, height, len(raw) // (stride + 1))):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                line[i] = (line[i] + paeth(left, up, corner)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        previous = line
    return rows, width, height


def check_png(path, failures):
    data = open(path, "rb").read()
    if len(data) < 20_000:
        failures.append(f"screenshot is only {len(data)} bytes")
    try:
        rows, width, height = png_rows(data, 900)
    except (ValueError, zlib.error, struct.error, TypeError) as e:
        failures.append(f"screenshot is not a readable PNG: {e}")
        return
    if (width, height) != (WIDTH, HEIGHT):
        failures.append(f"screenshot is {width}x{height}, not {WIDTH}x{HEIGHT}")
    colours = {}
    for row in rows:
        for pixel in row:
            colours[pixel] = colours.get(pixel, 0) + 1
    background = max(colours.values()) / sum(colours.values())
    if len(colours) < 20 or background > 0.97:
        failures.append(f"screenshot looks blank: {len(colours)} colours, {background:.0%} one colour")
    header = sum(n for c, n in colours.items() if all(abs(c[i] - TABLE_HEADER[i]) <= 6 for i in range(3)))
    if header < 2000:
        failures.append(f"the region table's header colour covers only {header} pixels of the top {len(rows)} rows")
    print(f"screenshot {len(data)} bytes, {width}x{height}, {len(colours)} colours in the top {len(rows)} rows, "
          f"{header} pixels of the table header's blue")


def check_dom(dom, failures):
    for needle in ('id="region-table"', "<td>RU-IRK <span", "Irkutsk Oblast", "All regions", "<svg", "<path", "mining from"):
        if needle not in dom:
            failures.append(f"the DOM after load lacks {needle!r}")
    svgs = dom.count("<svg")
    if svgs < 2:
        failures.append(f"the DOM holds {svgs} svg elements, expected the chart and the case plots")
    print(f"DOM {len(dom)} characters, {svgs} svg elements")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minewatch", required=True)
    parser.add_argument("--scan", required=True)
    parser.add_argument("--previous")
    parser.add_argument("--keep", help="write the report and screenshot here instead of a temporary directory")
    args = parser.parse_args()
    browser = find_chromium()
    if not browser:
        print("SKIP: chromium is not installed (apt-get install chromium); report.html was not rendered")
        return SKIP
    work = tempfile.mkdtemp(prefix="minewatch_browser_")
    try:
        out = os.path.abspath(args.keep or os.path.join(work, "report"))
        cmd = [args.minewatch, "report", "--scan", args.scan, "-o", out]
        if args.previous:
            cmd += ["--previous", args.previous]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        if run.returncode != 0:
            print(f"FAIL: minewatch report exited {run.returncode}: {run.stderr}")
            return 1
        page = "file://" + os.path.join(out, "report.html")
        png = os.path.join(out, "report.png")
        shot = chromium(browser, os.path.join(work, "profile1"), f"--screenshot={png}",
                        f"--window-size={WIDTH},{HEIGHT}", page)
        failures = []
        if not os.path.exists(png):
            failures.append(f"chromium wrote no screenshot (exit {shot.returncode}): {shot.stderr[-2000:]}")
        else:
            check_png(png, failures)
        dom = chromium(browser, os.path.join(work, "profile2"), "--dump-dom", page)
        check_dom(dom.stdout, failures)
        for f in failures:
            print("FAIL:", f)
        if not failures:
            print(f"ok: {page} renders")
        return 1 if failures else 0
    except subprocess.TimeoutExpired as e:
        print(f"FAIL: timed out after {TIMEOUT_S} s: {e.cmd[0]}")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
