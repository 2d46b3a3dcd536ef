#!/usr/bin/env python3
"""Inject electricity theft into real daily household loads, written in the SGCC layout (standard library only).

    scripts/inject_theft.py --source london_daily -o /tmp/real/theft_london_daily_heldout --long
    build/minewatch scan --readings DIR/train.csv --format sgcc -o DIR/scan

Reads a real London load set of ../shared/data (london_daily, or london_halfhourly summed to local days), makes
each household ONE meter over its whole daily series, drops households with fewer than --min-days days, keeps
the households of one split (tune: sha256(id) mod 5 == 0, heldout: the rest, or all), applies one false-data
injection type (Jokar, Arianpoo & Leung 2016: h1..h6, plus bypass and intermittent) to --theft-share of the
households from a random day to the end of their series, and writes:

    train.csv       the SGCC theft set's wide layout: CONS_NO,FLAG,<dates YYYY/M/D in a seeded shuffled order>;
                    one row per household, daily kWh with 3 decimals, blank = missing day, FLAG 1 = theft
    labels.csv      meter_id,flag,theft_type,theft_start,alpha,split (the truth per household)
    injection.json  every parameter, the seed, the split, the source file's sha256, counts, each attack's plan
    readings.csv, meters.csv   with --long: minewatch's long layout (meter_id,ts,kwh; ts a local date) and its
                    registry (tz Europe/London)

Same arguments, same bytes. The method, every parameter and the reasons are in docs/theft_injection.md.
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

VERSION = 1

# Per source: the shortest series kept by default (london_halfhourly covers 2013 only, and a day with one
# missing half hour is not a whole day, so 365 whole days would keep almost none of its households).
MIN_DAYS = {"london_daily": 365, "london_halfhourly": 300}

TYPES = ["h1", "h2", "h3", "h4", "h5", "h6", "bypass", "intermittent"]
START_RANGE = (0.15, 0.85)  # the attack starts on a day uniform in this part of the series, and runs to its end
ZERO_PROB_RANGE = (0.2, 0.6)  # h2: each attacked day is zeroed with probability p ~ U(0.2, 0.6) (one p per meter)
GAMMA_RANGE = (0.1, 0.8)  # h3, h4: gamma_d ~ U(0.1, 0.8), a new draw every day
BYPASS_RANGE = (0.3, 0.7)  # bypass: share s ~ U(0.3, 0.7) of the load taken past the meter, all period
RUN_DAYS = (3, 14)  # intermittent: on and off runs of 3..14 days (uniform integers), starting with an on run
LABEL_COLUMNS = ["meter_id", "flag", "theft_type", "theft_start", "alpha", "split"]
DATE_FORMAT = "YYYY/M/D"  # as in the SGCC file (2014/1/1); minewatch also reads YYYY-MM-DD


def check_attack_args(p, a, ranges):
    """The checks both injection scripts make: the share, the types (put in TYPES' order without repeats, so that the
    draw does not depend on how they were spelled), each (LOW, HIGH) range of `ranges` within 0..1, the runs."""
    if not 0.0 <= a.theft_share <= 1.0:
        p.error("--theft-share must be in [0, 1]")
    a.types = [t.strip() for t in a.types.split(",") if t.strip()]
    unknown = [t for t in a.types if t not in TYPES]
    if unknown or not a.types:
        p.error(f"--types: unknown or empty {unknown}; choose from {','.join(TYPES)}")
    a.types = [t for t in TYPES if t in a.types]
    for name in ranges:
        low, high = getattr(a, name)
        if not 0.0 <= low <= high <= 1.0:
            p.error(f"--{name.replace('_', '-')} needs 0 <= LOW <= HIGH <= 1")
    if not 1 <= a.run_days[0] <= a.run_days[1]:
        p.error("--run-days needs 1 <= LOW <= HIGH")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--source", default="london_daily", choices=sorted(MIN_DAYS), help="which real load set")
    p.add_argument("--data-dir", default=os.path.normpath(os.path.join(here, "..", "..", "shared", "data")),
                   help="folder of the real data sets (../shared/data relative to the repository)")
    p.add_argument("-o", "--out", help="output directory (created)")
    p.add_argument("--split", choices=["tune", "heldout", "all"], default="heldout",
                   help="households written: tune (sha256(id) mod 5 == 0), heldout (the rest) or all")
    p.add_argument("--seed", type=int, default=1, help="every random draw comes from this seed")
    p.add_argument("--theft-share", type=float, default=0.10,
                   help="share of all kept households (over both splits) that get an attack")
    p.add_argument("--types", default=",".join(TYPES), help="comma list of the attack types drawn (equally likely)")
    p.add_argument("--alpha", type=float, nargs=2, default=[0.2, 0.8], metavar=("LOW", "HIGH"),
                   help="h1 and intermittent: the factor alpha ~ U(LOW, HIGH)")
    p.add_argument("--start", type=float, nargs=2, default=list(START_RANGE), metavar=("LOW", "HIGH"),
                   help="the attack starts at this share U(LOW, HIGH) of the household's series")
    p.add_argument("--zero-prob", type=float, nargs=2, default=list(ZERO_PROB_RANGE), metavar=("LOW", "HIGH"),
                   help="h2: probability p ~ U(LOW, HIGH) that an attacked day is zeroed")
    p.add_argument("--gamma", type=float, nargs=2, default=list(GAMMA_RANGE), metavar=("LOW", "HIGH"),
                   help="h3, h4: the daily factor gamma_d ~ U(LOW, HIGH)")
    p.add_argument("--bypass", type=float, nargs=2, default=list(BYPASS_RANGE), metavar=("LOW", "HIGH"),
                   help="bypass: the share s ~ U(LOW, HIGH) of the load taken past the meter")
    p.add_argument("--run-days", type=int, nargs=2, default=list(RUN_DAYS), metavar=("LOW", "HIGH"),
                   help="intermittent: on and off runs of LOW..HIGH days")
    p.add_argument("--min-days", type=int, default=None,
                   help="drop households with fewer days present; default 365 (london_daily), 300 "
                        "(london_halfhourly)")
    p.add_argument("--min-day-coverage", type=float, default=1.0,
                   help="a day is written when at least this share of its half hours was summed, else left blank "
                        "(1.0: whole days only; 0: keep the source's partial days as they are)")
    p.add_argument("--long", action="store_true", help="also write readings.csv and meters.csv (long layout)")
    p.add_argument("--print-split", action="store_true",
                   help="print the tuning and held-out households of the source and exit")
    a = p.parse_args(argv)
    if not a.print_split and not a.out:
        p.error("-o/--out is required")
    check_attack_args(p, a, ("alpha", "start", "zero_prob", "gamma", "bypass"))
    if a.min_days is None:
        a.min_days = MIN_DAYS[a.source]
    if a.min_days < 2:
        p.error("--min-days must be at least 2")
    if not 0.0 <= a.min_day_coverage <= 1.0:
        p.error("--min-day-coverage must be in [0, 1]")
    return a


def daily_series(series, source, clock, min_coverage):
    """household -> {local day ordinal: Wh} of the days written (at least min_coverage of their half hours).

    london_daily: a row is the sum of the GMT half-hours of its date (n_halfhours of 48), written as that local
    date. london_halfhourly: the half-hours are summed per local day of Europe/London (46, 48 or 50 expected)."""
    out = {}
    for hid in sorted(series):
        times, values, counts = series[hid]
        days = {}
        if source["kind"] == "daily":
            for t, wh, n in zip(times, values, counts):
                if n >= min_coverage * 48:
                    days[t] = wh
        else:
            kept = readings_by_local_day(times, values, clock, source["interval_s"], min_coverage)
            for d in sorted(kept):
                days[d] = sum(wh for _, wh in kept[d])
        out[hid] = days
    return out


def readings_by_local_day(times, values, clock, interval_s, min_coverage):
    """Interval readings (UTC epochs, Wh; sorted, no repeats) -> {local day ordinal: [(epoch, Wh), ...]} of the days
    holding at least min_coverage of the readings the local day has (46, 48 or 50 half-hours in Europe/London)."""
    days = {}
    for t, wh in zip(times, values):
        days.setdefault(clock.local(t)[0], []).append((t, wh))
    return {d: readings for d, readings in days.items()
            if len(readings) >= min_coverage * ((clock.midnight(d + 1) - clock.midnight(d)) // interval_s)}


def runs_on(rng, first, last, run_days):
    """Intermittent: alternating on/off runs of `run_days` (LOW, HIGH) days from `first` (on first) -> list of
    [on_from, on_to]."""
    runs, d, on = [], first, True
    while d <= last:
        n = rng.randint(*run_days)
        if on:
            runs.append([d, min(last, d + n - 1)])
        d += n
        on = not on
    return runs


def attack(theft_type, rng, days, values, args):
    """Apply one attack to `days` (sorted local day ordinals of the attacked period that have a value) of
    `values` (day -> Wh). -> (new values of those days, plan: the drawn parameters). Every x is whole Wh; each
    attacked value is rounded to whole Wh (0.001 kWh)."""
    x = [values[d] for d in days]
    mean = sum(x) / len(x) if x else 0.0
    plan, alpha = {}, None
    if theft_type == "h1":  # alpha * x_d
        alpha = rng.uniform(*args.alpha)
        y = [round(alpha * v) for v in x]
    elif theft_type == "h2":  # x_d, or 0 on a random share p of the days
        p = rng.uniform(*args.zero_prob)
        zero = [rng.random() < p for _ in x]
        y = [0 if z else v for v, z in zip(x, zero)]
        plan["zero_probability"] = round(p, 6)
        plan["zero_days"] = sum(zero)
        alpha = p
    elif theft_type == "h3":  # gamma_d * x_d
        y = [round(rng.uniform(*args.gamma) * v) for v in x]
    elif theft_type == "h4":  # gamma_d * mean(x)
        y = [round(rng.uniform(*args.gamma) * mean) for _ in x]
    elif theft_type == "h5":  # mean(x): flat, the same energy
        y = [round(mean) for _ in x]
    elif theft_type == "h6":  # x reversed in time over the attacked period
        y = x[::-1]
    elif theft_type == "bypass":  # (1 - s) * x_d: a constant share s of the load bypasses the meter
        s = rng.uniform(*args.bypass)
        alpha = 1.0 - s
        y = [round(alpha * v) for v in x]
        plan["bypass_share"] = round(s, 6)
    elif theft_type == "intermittent":  # alpha * x_d on the on-runs, x_d between them
        alpha = rng.uniform(*args.alpha)
        runs = runs_on(rng, days[0], days[-1], args.run_days) if days else []
        on = set()
        for a, b in runs:
            on.update(range(a, b + 1))
        y = [round(alpha * v) if d in on else v for d, v in zip(days, x)]
        plan["runs"] = [[dt.date.fromordinal(a).isoformat(), dt.date.fromordinal(b).isoformat()] for a, b in runs]
        plan["attacked_days"] = sum(1 for d in days if d in on)
    else:
        raise ValueError(theft_type)
    if theft_type in ("h4", "h5"):
        plan["mean_kwh"] = round(mean / 1000.0, 6)
    if alpha is not None:
        plan["alpha"] = round(alpha, 6)
    return dict(zip(days, y)), plan, alpha


def write_labels(path, labels):
    """labels.csv: the truth per household (meter_id,flag,theft_type,theft_start,alpha,split)."""
    with open(path, "w", newline="\n", encoding="utf-8") as f:
        f.write(",".join(LABEL_COLUMNS) + "\n")
        for row in labels:
            f.write(",".join(row[c] for c in LABEL_COLUMNS) + "\n")


def sgcc_date(ordinal):
    d = dt.date.fromordinal(ordinal)
    return f"{d.year}/{d.month}/{d.day}"


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    source = SOURCES[args.source]
    path = os.path.join(args.data_dir, source["file"])
    if not os.path.exists(path):
        sys.exit(f"inject_theft: no such file: {path}")
    clock = Clock(source["tz"])
    series = read_source(path, source)
    households = sorted(series)
    split = {"tune": [h for h in households if split_of(h) == "tune"],
             "heldout": [h for h in households if split_of(h) == "heldout"]}
    if args.print_split:
        for name in ("tune", "heldout"):
            print(f"{name} ({len(split[name])}): {' '.join(split[name])}")
        return 0

    days_of = daily_series(series, source, clock, args.min_day_coverage)
    del series
    eligible = [h for h in households if len(days_of[h]) >= args.min_days]
    n_theft = round(args.theft_share * len(eligible))
    theft_ids = set(random.Random(f"{args.seed}:select").sample(eligible, n_theft))
    keep = [h for h in eligible if args.split == "all" or split_of(h) == args.split]

    written, labels, plans = {}, [], {}
    by_type = {t: 0 for t in args.types}
    for hid in keep:
        values = days_of[hid]
        row = {"meter_id": hid, "flag": "0", "theft_type": "", "theft_start": "", "alpha": "",
               "split": split_of(hid)}
        if hid in theft_ids:
            rng = random.Random(f"{args.seed}:theft:{hid}")
            theft_type = rng.choice(args.types)
            order = sorted(values)
            first, last = order[0], order[-1]
            start = first + int(rng.uniform(*args.start) * (last - first + 1))
            period = [d for d in order if d >= start]
            new, plan, alpha = attack(theft_type, rng, period, values, args)
            before = sum(values[d] for d in period)
            values = dict(values)
            values.update(new)
            after = sum(new.values())
            plans[hid] = dict(plan, theft_type=theft_type, theft_start=dt.date.fromordinal(start).isoformat(),
                              attacked_period_days=last - start + 1, attacked_days_present=len(period),
                              true_kwh=fmt_milli(before), metered_kwh=fmt_milli(after),
                              stolen_kwh=round((before - after) / 1000.0, 3))
            row.update({"flag": "1", "theft_type": theft_type, "theft_start": plans[hid]["theft_start"],
                        "alpha": "" if alpha is None else f"{alpha:.6f}"})
            by_type[theft_type] += 1
        written[hid] = values
        labels.append(row)

    # Every date from the first to the last day written, each once, in a seeded shuffled order (as SGCC's columns).
    all_days = [d for v in written.values() for d in v]
    columns = list(range(min(all_days), max(all_days) + 1)) if all_days else []
    random.Random(f"{args.seed}:columns").shuffle(columns)
    os.makedirs(args.out, exist_ok=True)
    n_cells = 0
    train_path = os.path.join(args.out, "train.csv")
    with open(train_path + ".tmp", "w", newline="\n", encoding="utf-8") as out:
        out.write(",".join(["CONS_NO", "FLAG"] + [sgcc_date(d) for d in columns]) + "\n")
        for row in labels:
            values = written[row["meter_id"]]
            cells = [fmt_milli(values[d]) if d in values else "" for d in columns]
            n_cells += len(values)
            out.write(f"{row['meter_id']},{row['flag']}," + ",".join(cells) + "\n")
    os.replace(train_path + ".tmp", train_path)

    write_labels(os.path.join(args.out, "labels.csv"), labels)

    if args.long:
        readings_path = os.path.join(args.out, "readings.csv")
        with open(readings_path + ".tmp", "w", newline="\n", encoding="utf-8") as out:
            out.write("meter_id,ts,kwh\n")
            for row in labels:
                values = written[row["meter_id"]]
                out.write("".join(f"{row['meter_id']},{dt.date.fromordinal(d).isoformat()},{fmt_milli(values[d])}\n"
                                  for d in sorted(values)))
        os.replace(readings_path + ".tmp", readings_path)
        write_household_registry(os.path.join(args.out, "meters.csv"), [row["meter_id"] for row in labels], source)

    info = {
        "script": "scripts/inject_theft.py",
        "version": VERSION,
        "seed": args.seed,
        "source": args.source,
        "source_file": source["file"],
        "source_sha256": file_sha256(path),
        "source_clock": source["source_clock"],
        "tz": source["tz"],
        "split": args.split,
        "parameters": {
            "theft_share": args.theft_share,
            "types": args.types,
            "type_weights": "equal",
            "alpha_range": list(args.alpha),
            "min_days": args.min_days,
            "min_day_coverage": args.min_day_coverage,
            "start_range": list(args.start),
            "h2_zero_probability_range": list(args.zero_prob),
            "gamma_range": list(args.gamma),
            "bypass_share_range": list(args.bypass),
            "intermittent_run_days": list(args.run_days),
            "date_format": DATE_FORMAT,
            "date_columns": "every date from the first to the last written day, once each, shuffled (seeded)",
            "long": args.long,
        },
        "formulas": {
            "h1": "alpha * x_d",
            "h2": "0 with probability p (per day), else x_d",
            "h3": "gamma_d * x_d",
            "h4": "gamma_d * mean(x)",
            "h5": "mean(x)",
            "h6": "x reversed over the attacked days",
            "bypass": "(1 - s) * x_d",
            "intermittent": "alpha * x_d on on-runs, x_d between",
            "note": "x_d: the real kWh of day d >= theft_start; mean over the attacked days present; whole Wh",
        },
        "split_rule": "tune when int(sha256(household id, UTF-8), 16) % 5 == 0, else heldout",
        "households": {"tune": [h for h in eligible if split_of(h) == "tune"],
                       "heldout": [h for h in eligible if split_of(h) == "heldout"]},
        "counts": {
            "households_in_source": len(households),
            "households_kept_all_splits": len(eligible),
            "dropped_short": len(households) - len(eligible),
            "theft_all_splits": n_theft,
            "households_written": len(keep),
            "theft": len(plans),
            "honest": len(keep) - len(plans),
            "theft_by_type": by_type,
            "date_columns": len(columns),
            "first_day": dt.date.fromordinal(min(all_days)).isoformat() if all_days else "",
            "last_day": dt.date.fromordinal(max(all_days)).isoformat() if all_days else "",
            "days_written": n_cells,
            "blank_cells": len(columns) * len(keep) - n_cells,
        },
        "theft_households": plans,
    }
    with open(os.path.join(args.out, "injection.json"), "w", newline="\n", encoding="utf-8") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"inject_theft: {args.source} split {args.split}: {len(keep)} households ({len(plans)} theft: "
          + ", ".join(f"{t} {n}" for t, n in by_type.items()) + f"), {len(columns)} days, {n_cells} readings "
          f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
