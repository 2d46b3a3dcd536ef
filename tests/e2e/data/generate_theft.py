#!/usr/bin/env python3
"""Writes theft_sgcc.csv: a small SGCC-layout file (CONS_NO,FLAG,<dates in shuffled order>) for the `theft`
end-to-end cases. 80 meters, 150 days from 2015/1/1, about 3 % blanks; 16 thieves (FLAG 1) whose readings are
scaled down (h1), zeroed on random days (h2) or replaced by their mean (h5) from a day between 60 and 100.
Deterministic (seeded); run from this directory: python3 generate_theft.py
"""
import datetime
import random

rng = random.Random(20261122)
days = [datetime.date(2015, 1, 1) + datetime.timedelta(d) for d in range(150)]
order = list(range(len(days)))
rng.shuffle(order)

rows = []
for m in range(80):
    level = rng.uniform(4.0, 20.0)
    weekend = rng.uniform(0.9, 1.3)
    values = []
    for i, day in enumerate(days):
        season = 1.0 + 0.25 * (1 - i / len(days))  # winter to spring
        v = level * season * (weekend if day.weekday() >= 5 else 1.0) * rng.lognormvariate(0, 0.2)
        values.append(v)
    flag = 0
    if m % 5 == 0:
        flag = 1
        start = rng.randint(60, 100)
        kind = ("h1", "h2", "h5")[(m // 5) % 3]
        if kind == "h1":
            alpha = rng.uniform(0.3, 0.5)
            values[start:] = [v * alpha for v in values[start:]]
        elif kind == "h2":
            values[start:] = [0.0 if rng.random() < 0.5 else v for v in values[start:]]
        else:
            mean = sum(values[start:]) / len(values[start:])
            values[start:] = [mean] * len(values[start:])
    cells = ["" if rng.random() < 0.03 else f"{v:.2f}" for v in values]
    rows.append((f"C{m:04d}", flag, cells))

with open("theft_sgcc.csv", "w", newline="") as out:
    out.write("CONS_NO,FLAG," + ",".join(f"{days[i].year}/{days[i].month}/{days[i].day}" for i in order) + "\n")
    for cons_no, flag, cells in rows:
        out.write(f"{cons_no},{flag}," + ",".join(cells[i] for i in order) + "\n")
