#!/usr/bin/env python3
"""Inject electricity theft into real half-hourly household loads, reading by reading (standard library only).

    scripts/inject_theft_interval.py --seed 201 -o /tmp/real/theft_hh_201
    build/minewatch theft eval --input DIR/readings.csv --format long --meters DIR/meters.csv \\
        --labels DIR/labels.csv --model data/models/theft.json -o DIR/eval

scripts/inject_theft.py attacks daily sums (the SGCC layout); the theft model's intraday features (a flat day,
the evening peak moved into the night) were until now trained and measured on the simulator's households only.
This script keeps the real half-hours of ../shared/data/london_halfhourly (192 London households, 2013), keeps
households with at least --min-days whole local days, attacks --theft-share of them from a random day to the
end of their series with the simulator's per-reading versions of Jokar et al.'s types (docs/simulator.md), applied
to each local day of Europe/London from the theft's start:

    h1 alpha * x_t                      h2 0 inside a random window of 4-12 h each day, x_t outside
    h3 gamma_t * x_t (new gamma per reading)   h4 gamma_t * mean of the day
    h5 the day's mean in every reading   h6 the day reversed
    bypass (1 - s) * x_t                 intermittent alpha * x_t on runs of days, x_t between

and writes:

    readings.csv        minewatch's long layout: meter_id,ts,kwh (ts the interval start, local time with offset)
    daily_readings.csv  the same attacked readings summed per local day (meter_id,ts,kwh; ts a local date), so
                        that one evaluation can compare the daily path with the intraday one on the same thefts
    meters.csv          the registry (tz Europe/London)
    labels.csv          meter_id,flag,theft_type,theft_start,alpha,split
    truth.csv           the same as labels.csv, so that the directory can train: `theft train --augment-grid DIR`
    injection.json      every parameter, the seed, the source file's sha256, counts, each attack's plan

Households keep their own id with a suffix of the seed (MAC000002_s201), so files of several seeds can be
concatenated into one evaluation; --plain-ids drops the suffix for training (copies of a household share a
fold). Same arguments, same bytes. docs/theft_injection.md explains the choices.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from inject_mining import (SOURCES, Clock, file_sha256, fmt_milli, read_source, split_of,  # noqa: E402
                           write_household_registry)
from inject_theft import TYPES, check_attack_args, readings_by_local_day, runs_on, write_labels  # noqa: E402

VERSION = 1
SOURCE = "london_halfhourly"
H2_WINDOW_H = (4, 12)  # h2: the zeroed window of each day lasts 4..12 hours (the simulator: at least 4 h)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--data-dir", default=os.path.normpath(os.path.join(here, "..", "..", "shared", "data")),
                   help="folder of the real data sets (../shared/data relative to the repository)")
    p.add_argument("-o", "--out", required=True, help="output directory (created)")
    p.add_argument("--split", choices=["tune", "heldout", "all"], default="all",
                   help="households written: tune (sha256(id) mod 5 == 0), heldout (the rest) or all")
    p.add_argument("--seed", type=int, default=201, help="every random draw comes from this seed")
    p.add_argument("--theft-share", type=float, default=0.15, help="share of the kept households attacked")
    p.add_argument("--types", default=",".join(TYPES), help="comma list of the attack types drawn (equally likely)")
    p.add_argument("--alpha", type=float, nargs=2, default=[0.2, 0.8], metavar=("LOW", "HIGH"),
                   help="h1 and intermittent: the reported share of each reading")
    p.add_argument("--gamma", type=float, nargs=2, default=[0.1, 0.8], metavar=("LOW", "HIGH"),
                   help="h3, h4: the range of the per-reading factor")
    p.add_argument("--bypass", type=float, nargs=2, default=[0.3, 0.7], metavar=("LOW", "HIGH"),
                   help="bypass: the share of the load taken past the meter")
    p.add_argument("--start", type=float, nargs=2, default=[0.15, 0.85], metavar=("LOW", "HIGH"),
                   help="the attack starts on a day uniform in this part of the series")
    p.add_argument("--run-days", type=int, nargs=2, default=[3, 14], metavar=("LOW", "HIGH"),
                   help="intermittent: on and off runs of this many days")
    p.add_argument("--min-days", type=int, default=300, help="fewest whole local days a kept household has")
    p.add_argument("--plain-ids", action="store_true",
                   help="meter ids without the seed's suffix: copies of a household from several seeds then share "
                        "an id, and training keeps them in one fold")
    a = p.parse_args(argv)
    check_attack_args(p, a, ("alpha", "start", "gamma", "bypass"))
    if a.min_days < 1:
        p.error("--min-days must be at least 1")
    return a


def attack_day(theft_type, rng, x, params):
    """One local day's readings x (Wh, in time order) -> the reported readings (whole Wh)."""
    if theft_type in ("h1", "bypass"):
        return [round(params["alpha"] * v) for v in x]
    if theft_type == "intermittent":
        return [round(params["alpha"] * v) for v in x] if params["on"] else list(x)
    if theft_type == "h2":
        n = len(x)
        length = min(n, round(rng.uniform(*H2_WINDOW_H) * n / 24))
        first = rng.randint(0, n - length)
        return [0 if first <= i < first + length else v for i, v in enumerate(x)]
    if theft_type == "h3":
        return [round(rng.uniform(*params["gamma"]) * v) for v in x]
    mean = sum(x) / len(x)
    if theft_type == "h4":
        return [round(rng.uniform(*params["gamma"]) * mean) for _ in x]
    if theft_type == "h5":
        return [round(mean) for _ in x]
    if theft_type == "h6":
        return x[::-1]
    raise ValueError(theft_type)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    source = SOURCES[SOURCE]
    path = os.path.join(args.data_dir, source["file"])
    if not os.path.exists(path):
        sys.exit(f"inject_theft_interval: no such file: {path}")
    clock = Clock(source["tz"])
    series = read_source(path, source)
    households = sorted(series)
    # Whole local days only (a day missing a half-hour is left out, as the daily script's default).
    days_of = {h: readings_by_local_day(*series[h][:2], clock, source["interval_s"], 1.0) for h in households}
    del series
    eligible = [h for h in households if len(days_of[h]) >= args.min_days]
    theft_ids = set(random.Random(f"{args.seed}:select").sample(eligible, round(args.theft_share * len(eligible))))
    keep = [h for h in eligible if args.split == "all" or split_of(h) == args.split]

    os.makedirs(args.out, exist_ok=True)
    labels, plans = [], {}
    by_type = {t: 0 for t in args.types}
    readings_path = os.path.join(args.out, "readings.csv")
    daily_path = os.path.join(args.out, "daily_readings.csv")
    n_readings = 0
    with open(readings_path + ".tmp", "w", newline="\n", encoding="utf-8") as out, \
            open(daily_path + ".tmp", "w", newline="\n", encoding="utf-8") as daily:
        out.write("meter_id,ts,kwh\n")
        daily.write("meter_id,ts,kwh\n")
        for hid in keep:
            meter = hid if args.plain_ids else f"{hid}_s{args.seed}"
            days = days_of[hid]
            order = sorted(days)
            row = {"meter_id": meter, "flag": "0", "theft_type": "", "theft_start": "", "alpha": "",
                   "split": split_of(hid)}
            theft_type, start, params, rng = None, None, {}, None
            if hid in theft_ids:
                rng = random.Random(f"{args.seed}:theft:{hid}")
                theft_type = rng.choice(args.types)
                first, last = order[0], order[-1]
                start = first + int(rng.uniform(*args.start) * (last - first + 1))
                params = {"gamma": args.gamma}
                if theft_type in ("h1", "intermittent"):
                    params["alpha"] = rng.uniform(*args.alpha)
                elif theft_type == "bypass":
                    params["alpha"] = 1.0 - rng.uniform(*args.bypass)
                on_days = set()
                if theft_type == "intermittent":
                    for a, b in runs_on(rng, start, last, args.run_days):
                        on_days.update(range(a, b + 1))
                before = after = 0
            for d in order:
                times = [t for t, _ in days[d]]
                x = [wh for _, wh in days[d]]
                if theft_type is not None and d >= start:
                    params["on"] = d in on_days
                    y = attack_day(theft_type, rng, x, params)
                    before += sum(x)
                    after += sum(y)
                else:
                    y = x
                n_readings += len(y)
                out.write("".join(f"{meter},{clock.local(t)[2]},{fmt_milli(v)}\n" for t, v in zip(times, y)))
                daily.write(f"{meter},{dt.date.fromordinal(d).isoformat()},{fmt_milli(sum(y))}\n")
            if theft_type is not None:
                alpha = params.get("alpha")
                plans[meter] = {"theft_type": theft_type, "theft_start": dt.date.fromordinal(start).isoformat(),
                                "alpha": None if alpha is None else round(alpha, 6),
                                "true_kwh": fmt_milli(before), "metered_kwh": fmt_milli(after),
                                "stolen_kwh": round((before - after) / 1000.0, 3)}
                row.update({"flag": "1", "theft_type": theft_type, "theft_start": plans[meter]["theft_start"],
                            "alpha": "" if alpha is None else f"{alpha:.6f}"})
                by_type[theft_type] += 1
            labels.append(row)
    os.replace(readings_path + ".tmp", readings_path)
    os.replace(daily_path + ".tmp", daily_path)

    for name in ("labels.csv", "truth.csv"):
        write_labels(os.path.join(args.out, name), labels)
    write_household_registry(os.path.join(args.out, "meters.csv"), [row["meter_id"] for row in labels], source)
    info = {
        "script": "scripts/inject_theft_interval.py",
        "version": VERSION,
        "seed": args.seed,
        "source_file": source["file"],
        "source_sha256": file_sha256(path),
        "tz": source["tz"],
        "split": args.split,
        "parameters": {"theft_share": args.theft_share, "types": args.types, "alpha_range": args.alpha,
                       "gamma_range": args.gamma, "bypass_share_range": args.bypass, "start_range": args.start,
                       "intermittent_run_days": args.run_days, "h2_window_hours": list(H2_WINDOW_H),
                       "min_days": args.min_days, "plain_ids": args.plain_ids},
        "counts": {"households_in_source": len(households), "households_kept": len(eligible),
                   "households_written": len(keep), "theft": len(plans), "theft_by_type": by_type,
                   "readings": n_readings},
        "theft_households": plans,
    }
    with open(os.path.join(args.out, "injection.json"), "w", newline="\n", encoding="utf-8") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"inject_theft_interval: {len(keep)} households ({len(plans)} theft: "
          + ", ".join(f"{t} {n}" for t, n in by_type.items()) + f"), {n_readings} readings -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
