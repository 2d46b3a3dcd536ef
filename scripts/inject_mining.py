#!/usr/bin/env python3
"""Inject synthetic home mining rigs into real household loads, for evaluating minewatch (standard library only).

    scripts/inject_mining.py --source london_halfhourly -o /tmp/real/london_halfhourly_heldout
    build/minewatch scan --readings DIR/readings.csv --meters DIR/meters.csv -o DIR/scan

Reads one of the real load sets of ../shared/data (london_halfhourly, london_daily, sgsc), cuts each household's
series into windows of --window-days local days (each kept window is a meter `<household>_w<k>`), keeps the
households of one split (tune: sha256(id) mod 5 == 0, heldout: the rest, or all), adds the energy of home mining
rigs to --mining-share of the meters, and writes a directory minewatch can scan and score:

    readings.csv    meter_id,ts,kwh (long layout): half-hourly ts are ISO 8601 local times with their UTC offset
                    (instants, so DST days are exact); daily ts are local dates; kWh with 3 decimals
    meters.csv      meter_id,region,tariff,transformer_id,subscriber_id,contract_kw,lat,lon,tz
    truth.csv       the simulator's truth columns (docs/simulator.md), class household or mining_home
    injection.json  every parameter, the seed, the split, the source file's sha256 and each miner's plan

Same arguments, same bytes. The method, every parameter and the reasons are in docs/injection.md.
"""
import argparse
import array
import csv
import datetime as dt
import gzip
import hashlib
import json
import math
import os
import random
import sys
from zoneinfo import ZoneInfo

VERSION = 1
UTC = dt.timezone.utc
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

# Each real set: file (relative to --data-dir), columns, the clock its timestamps are written in, the zone of
# its households, a placeholder region code (meters.csv gives the zone in `tz`, so the code is not looked up).
SOURCES = {
    "london_halfhourly": {
        "file": "london_halfhourly/london_halfhourly_2013_dev.csv.gz",
        "kind": "interval",
        "interval_s": 1800,
        # 2013 has no DST gap or repeat in the file: the clock is GMT (UTC) all year (shared/data/README.md).
        "source_clock_offset_s": 0,
        "source_clock": "UTC (GMT all year; the file has no DST gap or repeat)",
        "tz": "Europe/London",
        "region": "GB-LND",
        "max_windows": 4,
    },
    "london_daily": {
        "file": "london_daily/london_daily_dev.csv.gz",
        "kind": "daily",
        "interval_s": 86400,
        # A day is the calendar date of the GMT half-hourly timestamps it sums (shared/data/README.md).
        "source_clock_offset_s": 0,
        "source_clock": "calendar days of GMT (UTC) half-hours; written as local dates of Europe/London",
        "tz": "Europe/London",
        "region": "GB-LND",
        "max_windows": 2,
    },
    "sgsc": {
        "file": "loads/sgsc_halfhourly_dev.csv.gz",
        "kind": "interval",
        "interval_s": 1800,
        # Every whole day, DST change days included, has all 48 labels 00:00..23:30 and none twice, and the summer
        # load rises an hour earlier on the labels than the winter load: the labels are Australian Eastern
        # Standard Time (UTC+10) all year. Read as naive Sydney times, 02:00 and 02:30 of an October change day
        # would fall in the skipped hour and an April change day would miss its repeated hour.
        "source_clock_offset_s": 36000,
        "source_clock": "AEST (UTC+10) all year (48 labels on every day, DST days included)",
        "tz": "Australia/Sydney",
        "region": "AU-NSW",
        "max_windows": 4,
    },
}

ID_COLUMNS = ("customer_id", "lclid", "meter_id")
TIME_COLUMNS = ("ts", "reading_datetime", "tstp", "day", "date")
KWH_COLUMNS = ("kwh", "general_supply_kwh", "energy(kwh/hh)")

# (name as in the simulator's truth.csv, rated wall power kW, draw weight) — Bitmain specifications; a 6-GPU rig.
RIGS = [
    ("Antminer S9", 1.323, 0.40),
    ("GPU rig 6x", 1.2, 0.20),
    ("Antminer S19", 3.25, 0.15),
    ("Antminer S19j Pro", 3.068, 0.10),
    ("Antminer S19 XP", 3.01, 0.10),
    ("Antminer S21", 3.5, 0.05),
]
RIG_COUNT_WEIGHTS = [0.30, 0.25, 0.18, 0.12, 0.09, 0.06]  # 1..6 rigs, home scale, mostly small
DISGUISES = [("none", 0.40), ("capped", 0.20), ("night_only", 0.20), ("mixed", 0.20)]
MIXED_RIG_COUNTS = [1, 2]  # mixed: 1 or 2 rigs (equally likely), hidden in the home's own load
CAP_RANGE = (0.55, 0.85)  # capped: underclocked to this share of rated power
NOISE_SD = 0.01  # per-reading multiplicative noise of the rigs' power, N(0, 0.01)
NIGHT_FROM_MIN, NIGHT_TO_MIN = 23 * 60, 7 * 60  # night_only: on from 23:00 to 07:00 local
START_STEP_SHARE = 0.5  # start inside the window ...
START_DAY_RANGE = (0.10, 0.80)  # ... on a day uniform in this part of the window ...
START_HOUR_RANGE = (8, 22)  # ... at a waking half hour 08:00..21:30 local
BEFORE_DAYS_RANGE = (1, 14)  # else running since this many days before the window's first day
STOP_SHARE = 0.10  # of the miners running from before the window: stop abruptly ...
STOP_FROM = 2.0 / 3.0  # ... on a day in the last third of the window, at a random half hour
OUTAGE_HOURS = (1, 12)  # outage length, whole half hours in this range
DAYS_PER_MONTH = 365.25 / 12


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--source", required=True, choices=sorted(SOURCES), help="which real load set")
    p.add_argument("--data-dir", default=os.path.normpath(os.path.join(here, "..", "..", "shared", "data")),
                   help="folder of the real data sets (../shared/data relative to the repository)")
    p.add_argument("-o", "--out", help="output directory (created)")
    p.add_argument("--split", choices=["tune", "heldout", "all"], default="heldout",
                   help="households written: tune (sha256(id) mod 5 == 0), heldout (the rest) or all")
    p.add_argument("--seed", type=int, default=1, help="every random draw comes from this seed")
    p.add_argument("--mining-share", type=float, default=0.25,
                   help="share of all kept meters (over both splits) that get rigs")
    p.add_argument("--window-days", type=int, default=90, help="local days per meter window")
    p.add_argument("--max-windows-per-household", type=int, default=None,
                   help="default: 4 for half-hourly sources, 2 for london_daily")
    p.add_argument("--min-coverage", type=float, default=0.90,
                   help="a window is kept when at least this share of its readings is present")
    p.add_argument("--outages-per-month", type=float, default=0.5,
                   help="mean rig outages (1-12 h, rigs off) per month of window")
    p.add_argument("--print-split", action="store_true",
                   help="print the tuning and held-out households of the source and exit")
    a = p.parse_args(argv)
    if not a.print_split and not a.out:
        p.error("-o/--out is required")
    if not 0.0 <= a.mining_share <= 1.0:
        p.error("--mining-share must be in [0, 1]")
    if a.window_days < 3:
        p.error("--window-days must be at least 3")
    if a.max_windows_per_household is None:
        a.max_windows_per_household = SOURCES[a.source]["max_windows"]
    if a.max_windows_per_household < 1:
        p.error("--max-windows-per-household must be at least 1")
    return a


def split_of(household):
    """tune when sha256(id) mod 5 == 0, else heldout; independent of the seed and of the other households."""
    return "tune" if int(hashlib.sha256(household.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "heldout"


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def to_milli(text):
    """kWh text with at most 3 decimals -> integer Wh (exact)."""
    return round(float(text) * 1000)


def fmt_milli(m):
    q, r = divmod(m, 1000)
    return f"{q}.{r:03d}"


def pick(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def poisson(rng, lam):
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class Clock:
    """UTC instants <-> local days and times of one zone, cached (the sets repeat the same instants)."""

    def __init__(self, tz_name):
        self.tz = ZoneInfo(tz_name)
        self._instants = {}
        self._midnights = {}

    def local(self, epoch):
        """-> (local day ordinal, local minute of day, ISO 8601 local time with offset)."""
        hit = self._instants.get(epoch)
        if hit is None:
            t = dt.datetime.fromtimestamp(epoch, self.tz)
            hit = (t.toordinal(), t.hour * 60 + t.minute, t.isoformat())
            self._instants[epoch] = hit
        return hit

    def midnight(self, ordinal):
        """UTC epoch of local midnight starting day `ordinal`."""
        hit = self._midnights.get(ordinal)
        if hit is None:
            hit = self.instant(ordinal, 0)
            self._midnights[ordinal] = hit
        return hit

    def instant(self, ordinal, minute):
        d = dt.date.fromordinal(ordinal)
        t = dt.datetime(d.year, d.month, d.day, minute // 60, minute % 60, tzinfo=self.tz)
        return int(t.timestamp())


def write_household_registry(path, meter_ids, source):
    """meters.csv for minewatch: one household meter per id, in the source's region and time zone."""
    cols = ["meter_id", "region", "tariff", "transformer_id", "subscriber_id", "contract_kw", "lat", "lon", "tz"]
    with open(path, "w", newline="\n", encoding="utf-8") as f:
        f.write(",".join(cols) + "\n")
        for meter_id in meter_ids:
            f.write(f"{meter_id},{source['region']},household,,,,,,{source['tz']}\n")


def read_source(path, source):
    """household -> series. Interval sets: (epochs, Wh) arrays of UTC interval starts; daily: (day ordinals, Wh,
    half-hours summed). Sorted by time."""
    kind = source["kind"]
    offset = source["source_clock_offset_s"]
    with gzip.open(path, "rt", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]

        def col(names, what):
            for n in names:
                if n in header:
                    return header.index(n)
            sys.exit(f"{path}: no {what} column in header {header}")

        ci, ct, ck = col(ID_COLUMNS, "household id"), col(TIME_COLUMNS, "time"), col(KWH_COLUMNS, "kWh")
        cn = header.index("n_halfhours") if "n_halfhours" in header else None
        series = {}
        day_epochs = {}
        current, times, values, counts = None, None, None, None
        for row in reader:
            if not row:
                continue
            hid = row[ci]
            if hid != current:
                if hid not in series:
                    series[hid] = (array.array("q"), array.array("q"), array.array("h"))
                times, values, counts = series[hid]
                current = hid
            ts = row[ct]
            day = ts[:10]
            base = day_epochs.get(day)
            if base is None:
                base = dt.date.fromisoformat(day).toordinal()
                day_epochs[day] = base
            if kind == "daily":
                times.append(base)
                counts.append(int(row[cn]) if cn is not None and row[cn] != "" else 48)
            else:
                secs = int(ts[11:13]) * 3600 + int(ts[14:16]) * 60 + (int(ts[17:19]) if len(ts) >= 19 else 0)
                times.append((base - EPOCH_ORDINAL) * 86400 + secs - offset)
            values.append(to_milli(row[ck]))
    for hid, (times, values, counts) in series.items():
        if any(times[i] >= times[i + 1] for i in range(len(times) - 1)):
            order = sorted(range(len(times)), key=times.__getitem__)
            dedup, seen = [], set()
            for i in order:  # a repeated instant keeps its first row, as minewatch would
                if times[i] not in seen:
                    seen.add(times[i])
                    dedup.append(i)
            series[hid] = (array.array("q", (times[i] for i in dedup)), array.array("q", (values[i] for i in dedup)),
                           array.array("h", (counts[i] for i in dedup)) if counts else counts)
    return series


def day_slots(clock, source, ordinal):
    """Mining evaluation instants (UTC interval starts, 30 min apart) of one day: a local day in the zone for
    interval sets; for daily sets the 48 half-hours the source's day sums (its own clock's calendar day)."""
    if source["kind"] == "daily":
        start = (ordinal - EPOCH_ORDINAL) * 86400 - source["source_clock_offset_s"]
        end = start + 86400
    else:
        start, end = clock.midnight(ordinal), clock.midnight(ordinal + 1)
    return range(start, end, 1800)


def make_windows(series, source, clock, args):
    """-> list of meters: dict(household, k, first_day, indices of the source readings in the window)."""
    meters = []
    w = args.window_days
    for hid in sorted(series):
        times, _, _ = series[hid]
        if not times:
            continue
        if source["kind"] == "daily":
            days = list(times)
        else:
            days = [clock.local(t)[0] for t in times]
        anchor = days[0]
        groups = {}
        for i, d in enumerate(days):
            groups.setdefault((d - anchor) // w, []).append(i)
        kept = []
        for k in sorted(groups):
            first = anchor + k * w
            if source["kind"] == "daily":
                expected = w
            else:
                expected = (clock.midnight(first + w) - clock.midnight(first)) // source["interval_s"]
            if len(groups[k]) >= args.min_coverage * expected:
                kept.append(k)
        if len(kept) > args.max_windows_per_household:
            rng = random.Random(f"{args.seed}:windows:{hid}")
            kept = sorted(rng.sample(kept, args.max_windows_per_household))
        for k in kept:
            meters.append({"household": hid, "k": k, "id": f"{hid}_w{k}", "first_day": anchor + k * w,
                           "indices": groups[k]})
    return meters


def plan_mining(meter, clock, source, args):
    """The rigs of one mining meter, drawn from its own stream (seed, meter id)."""
    rng = random.Random(f"{args.seed}:mining:{meter['id']}")
    w = args.window_days
    first = meter["first_day"]
    model, rated, _ = pick(rng, RIGS, [r[2] for r in RIGS])
    count = pick(rng, list(range(1, len(RIG_COUNT_WEIGHTS) + 1)), RIG_COUNT_WEIGHTS)
    disguise = pick(rng, [d[0] for d in DISGUISES], [d[1] for d in DISGUISES])
    if disguise == "mixed":
        count = rng.choice(MIXED_RIG_COUNTS)
    cap = rng.uniform(*CAP_RANGE) if disguise == "capped" else 1.0
    kw = count * rated * cap
    behaviour, start_utc, stop_utc, end_date = "", None, None, ""
    if rng.random() < START_STEP_SHARE:
        day = first + int(rng.uniform(*START_DAY_RANGE) * w)
        minute = rng.randrange(START_HOUR_RANGE[0] * 60, START_HOUR_RANGE[1] * 60, 30)
        start_utc = clock.instant(day, minute)
        start_date = dt.date.fromordinal(day).isoformat()
        behaviour = "start_step"
    else:
        start_date = dt.date.fromordinal(first - rng.randint(*BEFORE_DAYS_RANGE)).isoformat()
        if rng.random() < STOP_SHARE:
            day = first + min(w - 1, int(rng.uniform(STOP_FROM, 1.0) * w))
            minute = rng.randrange(0, 24 * 60, 30)
            stop_utc = clock.instant(day, minute)
            end_date = dt.date.fromordinal(day).isoformat()
            behaviour = "stop"
    # Outages: Poisson, outages_per_month on average, each 1..12 h starting on a half hour of the window.
    if source["kind"] == "daily":
        win_start = (first - EPOCH_ORDINAL) * 86400 - source["source_clock_offset_s"]
        win_end = win_start + w * 86400
    else:
        win_start, win_end = clock.midnight(first), clock.midnight(first + w)
    outages = []
    for _ in range(poisson(rng, args.outages_per_month * w / DAYS_PER_MONTH)):
        begin = win_start + rng.randrange(0, (win_end - win_start) // 1800) * 1800
        length = rng.randint(OUTAGE_HOURS[0] * 2, OUTAGE_HOURS[1] * 2) * 1800
        outages.append((begin, begin + length))
    outages.sort()
    return {
        "rng": rng, "rig_model": model, "rated_kw": rated, "rig_count": count, "disguise": disguise,
        "cap": cap, "mining_kw": kw, "mining_start": start_date, "mining_end": end_date, "behaviour": behaviour,
        "start_utc": start_utc, "stop_utc": stop_utc, "outages": outages,
    }


def mining_wh(plan, clock, epoch, seconds):
    """Energy (Wh, a float) the rigs draw in the interval starting at UTC `epoch`, or 0 when they are off."""
    if plan["start_utc"] is not None and epoch < plan["start_utc"]:
        return 0.0
    if plan["stop_utc"] is not None and epoch >= plan["stop_utc"]:
        return 0.0
    if plan["disguise"] == "night_only":
        minute = clock.local(epoch)[1]
        if NIGHT_TO_MIN <= minute < NIGHT_FROM_MIN:
            return 0.0
    for begin, end in plan["outages"]:
        if begin <= epoch < end:
            return 0.0
    return plan["mining_kw"] * (1.0 + plan["rng"].gauss(0.0, NOISE_SD)) * seconds / 3.6


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    source = SOURCES[args.source]
    path = os.path.join(args.data_dir, source["file"])
    if not os.path.exists(path):
        sys.exit(f"inject_mining: no such file: {path}")
    series = read_source(path, source)
    households = sorted(series)
    split = {"tune": [h for h in households if split_of(h) == "tune"],
             "heldout": [h for h in households if split_of(h) == "heldout"]}
    if args.print_split:
        for name in ("tune", "heldout"):
            print(f"{name} ({len(split[name])}): {' '.join(split[name])}")
        return 0

    clock = Clock(source["tz"])
    meters = make_windows(series, source, clock, args)
    all_ids = [m["id"] for m in meters]
    n_mining = round(args.mining_share * len(all_ids))
    mining_ids = set(random.Random(f"{args.seed}:select").sample(all_ids, n_mining))
    keep = [m for m in meters if args.split == "all" or split_of(m["household"]) == args.split]

    os.makedirs(args.out, exist_ok=True)
    daily = source["kind"] == "daily"
    truth_rows, plans, n_readings = [], {}, 0
    readings_path = os.path.join(args.out, "readings.csv")
    with open(readings_path + ".tmp", "w", newline="\n", encoding="utf-8") as out:
        out.write("meter_id,ts,kwh\n")
        for m in keep:
            times, values, counts = series[m["household"]]
            mid = m["id"]
            plan = plan_mining(m, clock, source, args) if mid in mining_ids else None
            total = mined = 0
            lines = []
            for i in m["indices"]:
                t, wh = times[i], values[i]
                add = 0
                if plan is not None:
                    if daily:
                        energy = sum(mining_wh(plan, clock, s, 1800) for s in day_slots(clock, source, t))
                        # a partial day of the source sums fewer half-hours: the rigs' share of them
                        add = round(energy * min(counts[i], 48) / 48)
                    else:
                        add = round(mining_wh(plan, clock, t, source["interval_s"]))
                total += wh + add
                mined += add
                ts = dt.date.fromordinal(t).isoformat() if daily else clock.local(t)[2]
                lines.append(f"{mid},{ts},{fmt_milli(wh + add)}\n")
            out.write("".join(lines))
            n_readings += len(lines)
            row = {"meter_id": mid, "class": "household", "region": source["region"],
                   "true_kwh": fmt_milli(total), "mining_kwh": fmt_milli(mined), "hidden_kwh": "0.000"}
            if plan is not None:
                row.update({"class": "mining_home", "mining_kw": f"{plan['mining_kw']:.3f}",
                            "rig_model": plan["rig_model"], "rig_count": str(plan["rig_count"]),
                            "mining_start": plan["mining_start"], "mining_end": plan["mining_end"],
                            "registered": "false", "disguise": plan["disguise"], "behaviour": plan["behaviour"]})
                iso = lambda e: None if e is None else dt.datetime.fromtimestamp(e, clock.tz).isoformat()
                plans[mid] = {
                    "rig_model": plan["rig_model"], "rated_kw": plan["rated_kw"], "rig_count": plan["rig_count"],
                    "disguise": plan["disguise"], "cap_fraction": round(plan["cap"], 6),
                    "mining_kw": round(plan["mining_kw"], 6), "behaviour": plan["behaviour"],
                    "mining_start": plan["mining_start"], "mining_end": plan["mining_end"],
                    "start": iso(plan["start_utc"]), "stop": iso(plan["stop_utc"]),
                    "outages": [[iso(b), iso(e)] for b, e in plan["outages"]],
                    "mining_kwh": fmt_milli(mined),
                }
            truth_rows.append(row)
    os.replace(readings_path + ".tmp", readings_path)

    write_household_registry(os.path.join(args.out, "meters.csv"), [m["id"] for m in keep], source)

    truth_cols = ["meter_id", "class", "mining_kw", "rig_model", "rig_count", "mining_start", "mining_end",
                  "registered", "disguise", "theft_type", "theft_start", "tamper", "site_id", "region",
                  "transformer_id", "behaviour", "true_kwh", "mining_kwh", "hidden_kwh"]
    with open(os.path.join(args.out, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.DictWriter(f, fieldnames=truth_cols, restval="", lineterminator="\n")
        wr.writeheader()
        wr.writerows(truth_rows)

    kept_households = sorted({m["household"] for m in keep})
    by_disguise = {}
    for p in plans.values():
        by_disguise[p["disguise"]] = by_disguise.get(p["disguise"], 0) + 1
    info = {
        "script": "scripts/inject_mining.py",
        "version": VERSION,
        "seed": args.seed,
        "source": args.source,
        "source_file": source["file"],
        "source_sha256": file_sha256(path),
        "source_clock": source["source_clock"],
        "tz": source["tz"],
        "region_placeholder": source["region"],
        "split": args.split,
        "parameters": {
            "mining_share": args.mining_share,
            "window_days": args.window_days,
            "max_windows_per_household": args.max_windows_per_household,
            "min_coverage": args.min_coverage,
            "outages_per_month": args.outages_per_month,
            "outage_hours": list(OUTAGE_HOURS),
            "rigs": [{"model": n, "kw": kw, "weight": wt} for n, kw, wt in RIGS],
            "rig_count_weights": {str(i + 1): wt for i, wt in enumerate(RIG_COUNT_WEIGHTS)},
            "disguise_weights": dict(DISGUISES),
            "mixed_rig_counts": MIXED_RIG_COUNTS,
            "capped_fraction_range": list(CAP_RANGE),
            "noise_sd": NOISE_SD,
            "night_only_hours": ["23:00", "07:00"],
            "start_step_share": START_STEP_SHARE,
            "start_day_range": list(START_DAY_RANGE),
            "start_hour_range": [f"{START_HOUR_RANGE[0]:02d}:00", f"{START_HOUR_RANGE[1]:02d}:00"],
            "before_days_range": list(BEFORE_DAYS_RANGE),
            "stop_share_of_running": STOP_SHARE,
            "stop_from_fraction": round(STOP_FROM, 6),
            "daily_partial_days": "mining scaled by n_halfhours/48",
        },
        "split_rule": "tune when int(sha256(household id, UTF-8), 16) % 5 == 0, else heldout",
        "households": {"tune": split["tune"], "heldout": split["heldout"]},
        "counts": {
            "households_in_source": len(households),
            "meters_all_splits": len(all_ids),
            "mining_meters_all_splits": n_mining,
            "households_written": len(kept_households),
            "meters": len(keep),
            "mining_meters": len(plans),
            "mining_by_disguise": dict(sorted(by_disguise.items())),
            "readings": n_readings,
        },
        "meters_written": [m["id"] for m in keep],
        "mining_meters": plans,
    }
    with open(os.path.join(args.out, "injection.json"), "w", newline="\n", encoding="utf-8") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"inject_mining: {args.source} split {args.split}: {len(kept_households)} households, {len(keep)} meters "
          f"({len(plans)} mining), {n_readings} readings -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
