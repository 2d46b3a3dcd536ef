#!/usr/bin/python3
"""The pandas peer of minewatch's macro benchmark (bench/run_macro.sh).

Per meter and UTC day: sum, min and max of kWh (and the count, to check the peers agree), as a data scientist
would write it with Debian's python3-pandas: a chunked read_csv so a file of hundreds of millions of readings
fits in memory, partial aggregates per chunk, then one final group-by that merges them (sum of sums, min of
mins, max of maxes, so a meter-day cut by a chunk boundary comes out whole).

Prints one JSON line with the totals that run_macro.sh compares across peers, and the seconds spent.
"""

import argparse
import json
import sys
import time

import pandas as pd

NS_PER_DAY = 86_400 * 1_000_000_000


def utc_day(ts: pd.Series) -> pd.Series:
    """Days since 1970-01-01 (UTC) of ISO 8601 timestamps with an offset or 'Z', or of epoch seconds."""
    if pd.api.types.is_numeric_dtype(ts):
        return ts // 86_400
    # No format string: pandas 1.5 takes its fast ISO 8601 path only when it infers the format itself.
    return pd.to_datetime(ts, utc=True).values.astype("int64") // NS_PER_DAY


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readings", help="long CSV with meter_id, ts and kwh columns")
    parser.add_argument("--chunksize", type=int, default=5_000_000, help="rows per read_csv chunk")
    parser.add_argument("--out", help="write the daily aggregates to this CSV")
    args = parser.parse_args()

    started = time.monotonic()
    parts = []
    for chunk in pd.read_csv(args.readings, usecols=["meter_id", "ts", "kwh"], chunksize=args.chunksize,
                             dtype={"meter_id": str, "kwh": "float64"}):
        chunk["day"] = utc_day(chunk["ts"])
        parts.append(chunk.groupby(["meter_id", "day"], sort=False)["kwh"].agg(["sum", "min", "max", "count"]))
    daily = (pd.concat(parts)
             .groupby(level=["meter_id", "day"], sort=False)
             .agg({"sum": "sum", "min": "min", "max": "max", "count": "sum"}))
    seconds = time.monotonic() - started

    if args.out:
        daily.to_csv(args.out)
    print(json.dumps({
        "peer": "pandas",
        "pandas_version": pd.__version__,
        "meter_days": int(len(daily)),
        "meters": int(daily.index.get_level_values("meter_id").nunique()),
        "readings": int(daily["count"].sum()),
        "sum_kwh": float(daily["sum"].sum()),
        "sum_of_daily_min": float(daily["min"].sum()),
        "sum_of_daily_max": float(daily["max"].sum()),
        "aggregate_s": seconds,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
