#!/usr/bin/env python3
# Generates the scan_balance_weather e2e inputs: a heater tap older than the data on T1, whose meter M3 heats
# electrically too; weather.csv gives RU-MOW's daily means.
import math, datetime
days = 28
meters = [f"M{i}" for i in range(1, 7)]
start = datetime.datetime(2024, 12, 31, 21)  # 2025-01-01 00:00 Moscow time
temps = [round(-8.0 + 6.0 * math.sin(0.37 * d) + 0.1 * d, 1) for d in range(days)]
def home(i, d):
    return 8.0 + i + 2.5 * math.sin(0.7 * d + i) + (1.5 if d % 7 >= 5 else 0.0)
shape = [0.6 + 0.4 * math.sin(math.pi * (h - 6) / 18) ** 2 if 6 <= h <= 23 else 0.5 for h in range(24)]
tot = sum(shape)
with open("readings.csv", "w") as r, open("balance.csv", "w") as b:
    r.write("meter_id,ts,kwh\n"); b.write("transformer_id,ts,kwh\n")
    rows = []
    feed = [[0.0] * 24 for _ in range(days)]
    for i, m in enumerate(meters):
        for d in range(days):
            daily = home(i, d) + (1.5 * (18 - temps[d]) if m == "M3" else 0.0)
            for h in range(24):
                kwh = daily * shape[h] / tot
                feed[d][h] += kwh
                ts = start + datetime.timedelta(days=d, hours=h)
                rows.append(f"{m},{ts:%Y-%m-%dT%H:%M:%SZ},{kwh:.4f}\n")
    r.writelines(rows)
    for d in range(days):
        tap = 8.0 * (18 - temps[d]) / 24
        for h in range(24):
            ts = start + datetime.timedelta(days=d, hours=h)
            b.write(f"T1,{ts:%Y-%m-%dT%H:%M:%SZ},{(feed[d][h] + tap) * 1.03:.4f}\n")
with open("meters.csv", "w") as f:
    f.write("meter_id,region,tariff,transformer_id\n")
    for m in meters: f.write(f"{m},RU-MOW,household,T1\n")
with open("weather.csv", "w") as f:
    f.write("region,date,temp_c\n")
    for d in range(days):
        f.write(f"RU-MOW,{datetime.date(2025,1,1)+datetime.timedelta(days=d)},{temps[d]}\n")
