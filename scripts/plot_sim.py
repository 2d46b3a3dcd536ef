#!/usr/bin/env python3
"""Plot one week of each simulated class from `minewatch simulate` output, as SVG (standard library only).

    minewatch simulate --meters 3000 --days 21 --start 2025-01-13 --seed 4 --out /tmp/sim
    scripts/plot_sim.py --sim /tmp/sim --out docs/img --skip-days 7

Picks, for every class in truth.csv, the first honest meter (no theft) whose mining, if any, runs through the
window undisguised, plus a few disguised farms, and writes docs/img/sim_<name>.svg: power (kW, from each reading's
kWh) over local time, days marked, with the region's daily mean temperature where the load depends on it.
Needs the plain .csv files (not .csv.zst).
"""
import argparse
import csv
import datetime as dt
import os
import sys
import tomllib
from zoneinfo import ZoneInfo

WIDTH, HEIGHT = 760, 250
LEFT, RIGHT, TOP, BOTTOM = 56, 48, 30, 34
TEMPERATURE_CLASSES = {"household_electric", "mining_home_heater", "holiday_home"}


def pick_meters(truth_path):
    """name -> (meter_id, title) for one meter per class and a few disguises: the first honest meter (no theft)
    whose mining runs through the window, else the first honest one."""
    picks, fallback = {}, {}
    with open(truth_path, newline="") as f:
        for row in csv.DictReader(f):
            if row["theft_type"]:
                continue
            cls = row["class"]
            name = cls
            clean = True
            if cls.startswith("mining"):
                behaviour = row["behaviour"].split(";")
                if float(row["mining_kwh"] or 0) <= 0:
                    continue
                clean = not ({"start_step", "stop", "seasonal_stop", "curtail_peak"} & set(behaviour))
                if row["disguise"] not in ("", "none"):
                    if cls != "mining_home" or row["disguise"] not in ("night_only", "heater", "mixed", "capped"):
                        continue
                    name = f"{cls}_{row['disguise']}"
            title = name.replace("_", " ")
            if cls.startswith("mining"):
                title += f" ({row['rig_count']} x {row['rig_model']}, {float(row['mining_kw']):.1f} kW)"
            target = picks if clean else fallback
            target.setdefault(name, (row["meter_id"], title))
    for name, pick in fallback.items():
        picks.setdefault(name, pick)
    return picks


def read_series(readings_path, wanted):
    series = {m: [] for m in wanted}
    with open(readings_path, newline="") as f:
        next(f)
        for line in f:
            meter, _, rest = line.partition(",")
            if meter in series:
                ts, _, kwh = rest.rstrip("\n").partition(",")
                series[meter].append((dt.datetime.fromisoformat(ts.replace("Z", "+00:00")), float(kwh)))
    return series


def nice_step(span):
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if span / step <= 6:
            return step
    return 10000


def svg_plot(points, temps, title, zone):
    """points: [(local datetime, kW)]; temps: [(local midnight, °C)] or []."""
    t0, t1 = points[0][0], points[-1][0] + min(b[0] - a[0] for a, b in zip(points, points[1:]))
    span_s = (t1 - t0).total_seconds()
    top_kw = max(kw for _, kw in points) * 1.08 or 1.0
    step = nice_step(top_kw)
    top_kw = step * (int(top_kw / step) + 1)
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t):
        return LEFT + pw * (t - t0).total_seconds() / span_s

    def y(kw):
        return TOP + ph * (1 - kw / top_kw)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT}" y="18" font-size="13" font-weight="bold">{title}</text>']
    # Days: a line at each local midnight, labelled with the weekday.
    day = t0.replace(hour=0, minute=0, second=0, microsecond=0)
    while day <= t1:
        if day >= t0:
            out.append(f'<line x1="{x(day):.1f}" y1="{TOP}" x2="{x(day):.1f}" y2="{TOP + ph}" stroke="#ddd"/>')
        mid = day + dt.timedelta(hours=12)
        if t0 <= mid <= t1:
            out.append(f'<text x="{x(mid):.1f}" y="{HEIGHT - 14}" text-anchor="middle">{mid:%a %d %b}</text>')
        day += dt.timedelta(days=1)
    v = 0.0
    while v <= top_kw + 1e-9:
        out.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{LEFT + pw}" y2="{y(v):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
        v += step
    out.append(f'<text x="14" y="{TOP + ph / 2:.0f}" transform="rotate(-90 14 {TOP + ph / 2:.0f})" '
               f'text-anchor="middle">kW</text>')
    # The load as a step line: each reading holds for its interval.
    interval = min(b[0] - a[0] for a, b in zip(points, points[1:]))
    runs, path = [], []
    for i, (t, kw) in enumerate(points):
        path.append(f"{x(t):.1f},{y(kw):.1f} {x(t + interval):.1f},{y(kw):.1f}")
        if i + 1 == len(points) or points[i + 1][0] != t + interval:  # a lost reading breaks the line
            runs.append(path)
            path = []
    for run in runs:
        out.append(f'<polyline fill="none" stroke="#1f5fa8" stroke-width="1.2" points="{" ".join(run)}"/>')
    if temps:
        lo = min(c for _, c in temps) - 2
        hi = max(c for _, c in temps) + 2

        def yt(c):
            return TOP + ph * (1 - (c - lo) / (hi - lo))

        pts = []
        for d, c in temps:
            a, b = max(d, t0), min(d + dt.timedelta(days=1), t1)
            if a < b:
                pts.append(f"{x(a):.1f},{yt(c):.1f} {x(b):.1f},{yt(c):.1f}")
        out.append(f'<polyline fill="none" stroke="#c0392b" stroke-dasharray="4 3" points="{" ".join(pts)}"/>')
        for c in (lo + 2, hi - 2):
            out.append(f'<text x="{LEFT + pw + 6}" y="{yt(c) + 4:.1f}" fill="#c0392b">{c:.0f} °C</text>')
    out.append(f'<text x="{WIDTH - 4}" y="{HEIGHT - 2}" text-anchor="end" font-size="9" fill="#666">'
               f'local time, {zone}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sim", required=True, help="directory written by minewatch simulate")
    parser.add_argument("--out", required=True, help="directory for sim_<class>.svg")
    parser.add_argument("--skip-days", type=int, default=0, help="days to skip before the plotted week")
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()

    with open(os.path.join(args.sim, "policy.toml"), "rb") as f:
        zones = {r["code"]: r["tz"] for r in tomllib.load(f)["regions"]}
    region = {}
    with open(os.path.join(args.sim, "meters.csv"), newline="") as f:
        for row in csv.DictReader(f):
            region[row["meter_id"]] = row["region"]
    temps = {}
    with open(os.path.join(args.sim, "weather.csv"), newline="") as f:
        for row in csv.DictReader(f):
            temps.setdefault(row["region"], []).append((row["date"], float(row["temp_c"])))

    picks = pick_meters(os.path.join(args.sim, "truth.csv"))
    series = read_series(os.path.join(args.sim, "readings.csv"), {m for m, _ in picks.values()})
    os.makedirs(args.out, exist_ok=True)
    for name, (meter, title) in sorted(picks.items()):
        rows = series[meter]
        if len(rows) < 2:
            continue
        hours = min((b[0] - a[0]).total_seconds() for a, b in zip(rows[:20], rows[1:21])) / 3600
        zone = ZoneInfo(zones[region[meter]])
        begin = rows[0][0] + dt.timedelta(days=args.skip_days)  # by time: lost readings leave gaps
        end = begin + dt.timedelta(days=args.days)
        week = [(t, kwh) for t, kwh in rows if begin <= t < end]
        points = [(t.astimezone(zone), kwh / hours) for t, kwh in week]
        daily = []
        if name in TEMPERATURE_CLASSES:
            for date, c in temps[region[meter]]:
                daily.append((dt.datetime.fromisoformat(date).replace(tzinfo=zone), c))
        svg = svg_plot(points, daily, f"{title} — {meter}, {region[meter]}", zones[region[meter]])
        path = os.path.join(args.out, f"sim_{name}.svg")
        with open(path, "w") as f:
            f.write(svg)
        print(path, file=sys.stderr)


if __name__ == "__main__":
    main()
