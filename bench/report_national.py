#!/usr/bin/env python3
"""Writes a synthetic national-scale scan (and the previous period's) for timing `minewatch report`
(docs/report.md, "Cost"; docs/BENCHMARKS.md). Deterministic (seeded).

    python3 bench/report_national.py --out /tmp/report_national
    /usr/bin/time -v build/minewatch report --scan /tmp/report_national/scan \\
        --previous /tmp/report_national/previous -o /tmp/report_national/report

196,900 farms this period against 136,600 the period before (the reported Russian counts), spread over the
region codes of data/regions.csv with uneven weights; probability uniform in [0.5, 1], kW log-normal around
20 kW; 1,000 cases with 90 days of loads for the first 20.
"""
import argparse
import csv
import datetime as dt
import json
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def regions():
    with open(os.path.join(ROOT, "data", "regions.csv")) as f:
        rows = [r for r in csv.reader(line for line in f if not line.startswith("#"))]
    return [r[0] for r in rows[1:] if r and r[0].startswith("RU-")]


def write_scan(path, farms, rng, codes, weights, with_cases):
    os.makedirs(path, exist_ok=True)
    start = dt.date(2025, 1, 1)
    with open(os.path.join(path, "summary.json"), "w") as f:
        json.dump({"tool": "minewatch scan", "period": {"from": "2025-01-01", "to": "2025-03-31"}}, f)
    with open(os.path.join(path, "farms.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["site", "region", "meters", "probability", "mining_kw", "est_rigs", "mining_start",
                    "mining_end", "registered", "registered_kw", "new_in_period", "violations"])
        for i in range(farms):
            region = rng.choices(codes, weights)[0]
            kw = math.exp(rng.gauss(math.log(20), 1.0))
            new = rng.random() < 0.3
            day = start + dt.timedelta(days=rng.randrange(8, 80) if new else 0)
            registered = rng.random() < 0.3
            w.writerow([f"S{i:07d}", region, f"M{i:07d}", f"{rng.uniform(0.5, 1):.4f}", f"{kw:.2f}",
                        max(1, round(kw / 3.25)), day.isoformat() if new else "", "",
                        "yes" if registered else "no", f"{kw:.1f}" if registered else "", int(new),
                        "" if registered else "unregistered"])
    with open(os.path.join(path, "cases.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["rank", "case_id", "site", "region", "meters", "kinds", "status", "probability", "mining_kw",
                    "unbilled_kwh", "expected_value", "priority", "first_day", "last_day", "evidence_key",
                    "evidence"])
        for i in range(1000 if with_cases else 0):
            value = 1e6 / (i + 1)
            w.writerow([i + 1, f"C{i:016x}", f"S{i:07d}", rng.choice(codes), f"M{i:07d}", "mining;unregistered",
                        "new", "0.9000", "20.00", "0.0", f"{value:.0f}", f"{0.9 * value:.0f}", "2025-01-01",
                        "2025-03-31", f"{i:016x}", "flat 20 kW day and night; not in the register"])
    with open(os.path.join(path, "case_loads.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case_id", "meter_id", "day", "kwh"])
        for i in range(20 if with_cases else 0):
            for d in range(90):
                w.writerow([f"C{i:016x}", f"M{i:07d}", (start + dt.timedelta(days=d)).isoformat(),
                            f"{(10 if d < 30 else 490) * (1 + rng.uniform(-0.05, 0.05)):.2f}"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(7)
    codes = regions()
    weights = [rng.paretovariate(1.2) for _ in codes]
    write_scan(os.path.join(args.out, "scan"), 196900, rng, codes, weights, True)
    write_scan(os.path.join(args.out, "previous"), 136600, rng, codes, weights, True)
    print(f"wrote {args.out}/scan (196,900 farms, {len(codes)} regions) and {args.out}/previous (136,600)")


if __name__ == "__main__":
    main()
