#!/usr/bin/env python3
"""Writes the shared inputs of the end-to-end cases (tests/e2e/data/). Deterministic: run it again and the
files come out byte for byte the same, so it documents how they were made rather than being run by the tests.

    python3 tests/e2e/data/generate.py   # then: gzip -n -k -f readings.csv; zstd -q -f readings.csv

Meters (2025-01-06 Monday .. 2025-01-19, hourly, UTC timestamps):
  M001 flat 5 kW miner (RU-IRK), M004 flat 12 kW miner (RU-KAM), M002/M003/M005 households (RU-MOW, RU-IRK,
  RU-KGD), M006 an office open on weekdays (RU-MOW); M007 is registered but sends nothing.
"""
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime.datetime(2025, 1, 6, tzinfo=datetime.timezone.utc)
DAYS = 14


def wobble(seed, amplitude):
    """A deterministic value in [-amplitude, amplitude]."""
    x = (seed * 2654435761 + 12345) % 4294967296
    x ^= x >> 13
    x = (x * 2246822519) % 4294967296
    return amplitude * ((x % 2001) / 1000.0 - 1.0)


def household(hour, weekday, seed, scale):
    if hour < 6:
        kw = 0.3
    elif hour < 7:
        kw = 0.6
    elif hour < 9:
        kw = 2.0
    elif hour < 17:
        kw = 1.2 if weekday >= 5 else 0.6
    elif hour < 22:
        kw = 3.0
    else:
        kw = 0.8
    return scale * kw * (1.0 + wobble(seed, 0.25))


def load(meter, t):
    local_hour = t.hour  # households follow UTC here; the shape is what matters
    seed = int(t.timestamp()) // 3600 * 7 + meter
    if meter == 1:
        return 5.0 * (1.0 + wobble(seed, 0.01))
    if meter == 4:
        return 12.0 * (1.0 + wobble(seed, 0.01))
    if meter == 6:
        working = t.weekday() < 5 and 8 <= local_hour < 18
        return (20.0 if working else 1.0) * (1.0 + wobble(seed, 0.05))
    return household(local_hour, t.weekday(), seed, {2: 1.0, 3: 0.7, 5: 1.4}[meter])


def write(name, text):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        f.write(text)


def main():
    rows = ["meter_id,ts,kwh"]
    for h in range(DAYS * 24):
        t = START + datetime.timedelta(hours=h)
        for meter in range(1, 7):
            rows.append("M%03d,%s,%.3f" % (meter, t.strftime("%Y-%m-%dT%H:%M:%SZ"), load(meter, t)))
    write("readings.csv", "\n".join(rows) + "\n")

    write("meters.csv", "meter_id,region,tariff,transformer_id,subscriber_id,contract_kw,lat,lon\n"
          "M001,RU-IRK,household,TR-1,S-1,15,52.29,104.28\n"
          "M002,RU-MOW,household,TR-2,S-2,15,55.75,37.62\n"
          "M003,RU-IRK,household,TR-1,S-3,10,52.30,104.30\n"
          "M004,RU-KAM,household,TR-4,S-4,15,53.02,158.65\n"
          "M005,RU-KGD,household,TR-5,S-5,15,54.71,20.51\n"
          "M006,RU-MOW,commercial,TR-2,S-6,60,55.76,37.61\n"
          "M007,RU-IRK,household,TR-1,S-7,15,52.28,104.29\n")

    write("events.csv", "meter_id,ts,code\n"
          "M001,2025-01-08T03:12:00Z,cover_open\n"
          "M001,2025-01-08T03:14:00Z,magnetic_field\n"
          "M004,2025-01-10T22:00:00+12:00,cover_open\n"
          "M007,2025-01-12T00:00:00Z,power_loss\n")

    # SGCC layout: daily kWh, date columns deliberately out of order, blanks for missing days.
    dates = [datetime.date(2014, 1, 1) + datetime.timedelta(days=d) for d in range(21)]
    order = dates[10:] + dates[:10]
    header = "CONS_NO,FLAG," + ",".join("%d/%d/%d" % (d.year, d.month, d.day) for d in order)
    lines = [header]
    for cons, flag, kind in (("A1F3E5", 1, "farm"), ("B2C4D6", 0, "home"), ("C3D5E7", 0, "home"),
                             ("D4E6F8", 0, "small")):
        cells = []
        for i, d in enumerate(order):
            seed = d.toordinal() * 31 + len(cons) + ord(cons[0])
            if kind == "farm":
                value = 120.0 * (1.0 + wobble(seed, 0.01))
            elif kind == "small":
                value = 4.0 * (1.0 + wobble(seed, 0.3))
            else:
                weekend = d.weekday() >= 5
                value = (28.0 if weekend else 20.0) * (1.0 + wobble(seed, 0.35))
            cells.append("" if (kind == "home" and i % 7 == 3) else "%.2f" % value)
        lines.append("%s,%d,%s" % (cons, flag, ",".join(cells)))
    write("sgcc.csv", "\n".join(lines) + "\n")

    # Wide-interval layout: one row per meter and local day, 24 hourly columns.
    lines = ["meter_id,date," + ",".join("%02d:00" % h for h in range(24))]
    for d in range(10):
        day = datetime.date(2025, 1, 6) + datetime.timedelta(days=d)
        for meter in (1, 2, 6):
            values = []
            for h in range(24):
                t = datetime.datetime(day.year, day.month, day.day, h, tzinfo=datetime.timezone.utc)
                values.append("%.3f" % load(meter, t))
            lines.append("W%03d,%s,%s" % (meter, day.isoformat(), ",".join(values)))
    write("wide.csv", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
