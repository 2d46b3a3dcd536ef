"""Writes report_scan/case_loads.csv: the daily energy of the meters of the report fixture's cases, with the
shapes their evidence describes (flat mining blocks, a theft drop, one missing day). Deterministic:

    python3 tests/e2e/data/generate_report_scan.py
"""
import datetime
import os
import random

FIRST = datetime.date(2025, 1, 1)
DAYS = 90
# case, meter, base kWh/day, extra kWh/day, extra from, extra to (inclusive; None = to the end)
METERS = [
    ("C-0001", "M2001", 20, 3600, "2025-01-10", None),
    ("C-0001", "M2002", 15, 3600, "2025-01-10", None),
    ("C-0002", "M0101", 12, 2880, "2025-01-20", None),
    ("C-0003", "M9001", 25, -15, "2025-02-01", None),
    ("C-0004", "M0301", 8, 360, "2025-02-14", "2025-03-20"),
    ("C-0005", "M1101", 10, 576, "2025-02-02", None),
]
MISSING = {("M2002", "2025-02-15"), ("M0101", "2025-03-03")}


def main():
    rng = random.Random(11)
    lines = ["case_id,meter_id,day,kwh"]
    for case, meter, base, extra, start, end in METERS:
        for i in range(DAYS):
            day = (FIRST + datetime.timedelta(days=i)).isoformat()
            on = day >= start and (end is None or day <= end)
            kwh = base * rng.uniform(0.8, 1.2) + (extra * rng.uniform(0.98, 1.02) if on else 0)
            value = "" if (meter, day) in MISSING else f"{kwh:.2f}"
            lines.append(f"{case},{meter},{day},{value}")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report_scan", "case_loads.csv")
    with open(path, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
