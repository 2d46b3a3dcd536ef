#!/usr/bin/env python3
"""Tests of scripts/inject_mining.py on tiny fake sources in the three real layouts (no ../shared needed).

    python3 -m unittest discover -s tests/scripts -v      # from the repository root

Each test class writes a fake source (gzip CSV, CRLF, like the real files) under a temporary --data-dir, runs the
script and checks: the outputs parse, the share of mining meters, that mining adds exactly the injected energy,
night_only adds only between 23:00 and 07:00 local, start_step adds nothing before mining_start (and stop nothing
after mining_end), the split rule, and byte-identical output for the same arguments. When build/minewatch exists,
`minewatch scan` must accept every row.
"""
import csv
import datetime as dt
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
from zoneinfo import ZoneInfo

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "inject_mining.py")
MINEWATCH = os.path.join(ROOT, "build", "minewatch")
TRUTH_COLUMNS = ["meter_id", "class", "mining_kw", "rig_model", "rig_count", "mining_start", "mining_end",
                 "registered", "disguise", "theft_type", "theft_start", "tamper", "site_id", "region",
                 "transformer_id", "behaviour", "true_kwh", "mining_kwh", "hidden_kwh"]


def milli(text):
    return round(float(text) * 1000)


def household_load(rng, minute):
    """A plausible half-hourly household kWh: base, evening peak, noise; 3 decimals."""
    base = 0.08 + 0.3 * (17 * 60 <= minute < 22 * 60) + 0.1 * (7 * 60 <= minute < 9 * 60)
    return f"{max(0.0, base + rng.uniform(-0.05, 0.2)):.3f}"


def write_gz(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with gzip.open(path, "wt", newline="", encoding="utf-8") as f:
        f.write(",".join(header) + "\r\n")
        for r in rows:
            f.write(",".join(r) + "\r\n")


def fake_halfhourly(path, header, households, first, days, clock_offset_h, gap_household=None):
    """Half-hourly rows labelled in a fixed clock (UTC+clock_offset_h); one household with a long gap."""
    rng = random.Random(0)
    rows = []
    for h in households:
        for d in range(days):
            day = first + dt.timedelta(days=d)
            if h == gap_household and 15 <= d < 40:
                continue
            for slot in range(48):
                if rng.random() < 0.01:  # a missing reading is a missing row
                    continue
                label = dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=30 * slot)
                fmt = "%Y-%m-%d %H:%M:%S" if header[1] == "reading_datetime" else "%Y-%m-%d %H:%M"
                local_min = (slot * 30 + clock_offset_h * 60) % 1440
                rows.append((h, label.strftime(fmt), household_load(rng, local_min)))
    write_gz(path, header, rows)


def fake_daily(path, households, first, days):
    rng = random.Random(1)
    rows = []
    for h in households:
        for d in range(days):
            n = 48 if d not in (0, days - 1) else rng.randint(10, 47)  # partial first and last days
            if rng.random() < 0.01:
                continue
            day = first + dt.timedelta(days=d)
            rows.append((h, day.isoformat(), f"{rng.uniform(3, 15) * n / 48:.3f}".rstrip("0").rstrip("."), str(n)))
    write_gz(path, ["customer_id", "day", "kwh", "n_halfhours"], rows)


def run_script(*args):
    subprocess.run([sys.executable, SCRIPT, *args], check=True, stdout=subprocess.DEVNULL)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def file_hashes(folder):
    out = {}
    for name in ("readings.csv", "meters.csv", "truth.csv", "injection.json"):
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


class InjectionChecks:
    """Shared checks; subclasses set SOURCE, TZ, make_source(data_dir) and original(row) -> source kWh text."""

    SOURCE = None
    TZ = None
    DAILY = False
    WINDOW_DAYS = "15"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "data")
        cls.originals = cls.make_source(cls.data)
        cls.common = ["--source", cls.SOURCE, "--data-dir", cls.data, "--window-days", cls.WINDOW_DAYS,
                      "--max-windows-per-household", "3", "--seed", "7"]
        cls.out = {}
        for split in ("all", "tune", "heldout"):
            cls.out[split] = os.path.join(cls.tmp.name, split)
            run_script(*cls.common, "--split", split, "--mining-share", "0.9", "-o", cls.out[split])
        cls.default_share = os.path.join(cls.tmp.name, "default_share")
        run_script(*cls.common, "--split", "all", "-o", cls.default_share)
        cls.tz = ZoneInfo(cls.TZ)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def load(self, folder):
        readings = read_csv(os.path.join(folder, "readings.csv"))
        meters = read_csv(os.path.join(folder, "meters.csv"))
        with open(os.path.join(folder, "truth.csv"), newline="") as f:
            header = next(csv.reader(f))
        truth = {r["meter_id"]: r for r in read_csv(os.path.join(folder, "truth.csv"))}
        with open(os.path.join(folder, "injection.json")) as f:
            info = json.load(f)
        return readings, meters, header, truth, info

    def local(self, ts):
        """-> (local date, local minute of day) of an output ts."""
        if self.DAILY:
            return dt.date.fromisoformat(ts), None
        t = dt.datetime.fromisoformat(ts)
        self.assertIsNotNone(t.tzinfo, ts)
        loc = t.astimezone(self.tz)
        self.assertEqual(loc.utcoffset(), t.utcoffset(), f"{ts} is not local time in {self.TZ}")
        return loc.date(), loc.hour * 60 + loc.minute

    def added(self, folder):
        """meter -> list of (output row, Wh added over the source)."""
        readings, _, _, _, _ = self.load(folder)
        out = {}
        for r in readings:
            orig = self.originals[self.key(r)]
            out.setdefault(r["meter_id"], []).append((r, milli(r["kwh"]) - milli(orig)))
        return out

    def test_outputs_parse(self):
        readings, meters, header, truth, info = self.load(self.out["all"])
        self.assertEqual(header, TRUTH_COLUMNS)
        ids = [m["meter_id"] for m in meters]
        self.assertEqual(ids, list(truth))
        self.assertEqual(ids, info["meters_written"])
        self.assertGreaterEqual(len(ids), 8)
        self.assertTrue(all(m["tz"] == self.TZ and m["region"] for m in meters))
        self.assertEqual(set(r["meter_id"] for r in readings), set(ids))
        for r in readings:
            self.assertRegex(r["kwh"], r"^\d+\.\d{3}$")
            self.local(r["ts"])
        # grouped by meter, in time order within a meter
        seen, last = [], {}
        for r in readings:
            if not seen or seen[-1] != r["meter_id"]:
                self.assertNotIn(r["meter_id"], seen)
                seen.append(r["meter_id"])
            t = dt.date.fromisoformat(r["ts"]) if self.DAILY else dt.datetime.fromisoformat(r["ts"])
            if r["meter_id"] in last:
                self.assertLess(last[r["meter_id"]], t)
            last[r["meter_id"]] = t
        for t in truth.values():
            self.assertIn(t["class"], ("household", "mining_home"))
            self.assertEqual(t["hidden_kwh"], "0.000")
            self.assertEqual(t["theft_type"] + t["theft_start"] + t["tamper"] + t["site_id"], "")
            if t["class"] == "mining_home":
                self.assertEqual(t["registered"], "false")
                self.assertIn(t["disguise"], ("none", "capped", "night_only", "mixed"))
                self.assertTrue(1 <= int(t["rig_count"]) <= 6)
                if t["disguise"] == "mixed":
                    self.assertIn(int(t["rig_count"]), (1, 2))
        self.assertEqual(info["seed"], 7)
        self.assertEqual(info["parameters"]["window_days"], int(self.WINDOW_DAYS))

    def test_windows_have_coverage(self):
        _, meters, _, truth, _ = self.load(self.out["all"])
        per_meter = {}
        for r, _ in (x for rows in self.added(self.out["all"]).values() for x in rows):
            per_meter[r["meter_id"]] = per_meter.get(r["meter_id"], 0) + 1
        expected = int(self.WINDOW_DAYS) * (1 if self.DAILY else 48)
        for m, n in per_meter.items():
            self.assertGreaterEqual(n, 0.9 * expected - 2, m)  # DST days have +-2 half hours
        # the household with a 25-day gap loses the windows the gap covers
        gap_windows = [m for m in truth if m.startswith(self.GAP_HOUSEHOLD + "_w")]
        self.assertLess(len(gap_windows), 3)

    def test_mining_share(self):
        for folder, share in ((self.out["all"], 0.9), (self.default_share, 0.25)):
            _, _, _, truth, info = self.load(folder)
            miners = [t for t in truth.values() if t["class"] == "mining_home"]
            self.assertEqual(len(miners), round(share * len(truth)))
            self.assertEqual(info["counts"]["mining_meters"], len(miners))

    def test_mining_adds_exactly_the_injected_energy(self):
        _, _, _, truth, _ = self.load(self.out["all"])
        added = self.added(self.out["all"])
        for meter, rows in added.items():
            t = truth[meter]
            total = sum(milli(r["kwh"]) for r, _ in rows)
            extra = sum(a for _, a in rows)
            self.assertEqual(milli(t["true_kwh"]), total, meter)
            self.assertEqual(milli(t["mining_kwh"]), extra, meter)
            self.assertTrue(all(a >= 0 for _, a in rows), meter)
            if t["class"] == "household":
                self.assertEqual(extra, 0, meter)
            else:
                self.assertGreater(extra, 0, meter)
                if not self.DAILY and t["disguise"] in ("none", "mixed") and not t["behaviour"]:
                    # a rig running all window adds about its power in most intervals (outages aside)
                    on = [a for _, a in rows if a > 0]
                    self.assertGreater(len(on), 0.7 * len(rows), meter)
                    kw = float(t["mining_kw"])
                    for a in on:
                        self.assertAlmostEqual(a / 500.0, kw, delta=0.06 * kw + 0.002)

    def test_night_only_adds_only_at_night(self):
        if self.DAILY:
            self.skipTest("daily data has no time of day")
        _, _, _, truth, _ = self.load(self.out["all"])
        added = self.added(self.out["all"])
        night = [m for m, t in truth.items() if t["disguise"] == "night_only"]
        self.assertTrue(night, "the fixture should hold a night_only miner")
        for m in night:
            for r, a in added[m]:
                _, minute = self.local(r["ts"])
                if a > 0:
                    self.assertTrue(minute >= 23 * 60 or minute < 7 * 60, (m, r["ts"]))

    def test_start_and_stop_dates(self):
        _, _, _, truth, _ = self.load(self.out["all"])
        added = self.added(self.out["all"])
        kinds = set()
        for m, t in truth.items():
            if t["class"] != "mining_home":
                continue
            start = dt.date.fromisoformat(t["mining_start"])
            first = min(self.local(r["ts"])[0] for r, _ in added[m])
            if "start_step" in t["behaviour"]:
                kinds.add("start_step")
                self.assertGreater(start, first, m)
                for r, a in added[m]:
                    if self.local(r["ts"])[0] < start:
                        self.assertEqual(a, 0, (m, r["ts"]))
                self.assertTrue(any(a > 0 for r, a in added[m] if self.local(r["ts"])[0] == start
                                    or self.local(r["ts"])[0] == start + dt.timedelta(days=1)), m)
            else:
                self.assertLess(start, first, m)
            if t["mining_end"]:
                kinds.add("stop")
                self.assertEqual(t["behaviour"], "stop")
                end = dt.date.fromisoformat(t["mining_end"])
                for r, a in added[m]:
                    if self.local(r["ts"])[0] > end:
                        self.assertEqual(a, 0, (m, r["ts"]))
                last_on = max(self.local(r["ts"])[0] for r, a in added[m] if a > 0)
                self.assertIn(last_on, (end, end - dt.timedelta(days=1)), m)  # an abrupt stop, on its date
        self.assertEqual(kinds, {"start_step", "stop"})

    def test_split(self):
        _, _, _, truth_all, info = self.load(self.out["all"])
        _, _, _, tune, _ = self.load(self.out["tune"])
        _, _, _, held, _ = self.load(self.out["heldout"])
        is_tune = lambda h: int(hashlib.sha256(h.encode()).hexdigest(), 16) % 5 == 0
        households = sorted(set(m.rsplit("_w", 1)[0] for m in truth_all))
        self.assertEqual(info["households"]["tune"], [h for h in sorted(self.originals_households) if is_tune(h)])
        self.assertTrue(all(is_tune(m.rsplit("_w", 1)[0]) for m in tune))
        self.assertTrue(all(not is_tune(m.rsplit("_w", 1)[0]) for m in held))
        self.assertTrue(tune and held, "the fixture should have households on both sides")
        self.assertEqual(sorted(list(tune) + list(held)), sorted(truth_all))
        # a meter gets the same injection whatever split is written
        for part in (tune, held):
            for m, row in part.items():
                self.assertEqual(row, truth_all[m])
        self.assertGreater(len(households), 1)

    def test_deterministic(self):
        again = os.path.join(self.tmp.name, "again")
        run_script(*self.common, "--split", "all", "--mining-share", "0.9", "-o", again)
        self.assertEqual(file_hashes(again), file_hashes(self.out["all"]))
        other = os.path.join(self.tmp.name, "other_seed")
        run_script(*self.common[:-1], "8", "--split", "all", "--mining-share", "0.9", "-o", other)
        self.assertNotEqual(file_hashes(other)["readings.csv"], file_hashes(self.out["all"])["readings.csv"])

    @unittest.skipUnless(os.access(MINEWATCH, os.X_OK), "build/minewatch not built")
    def test_minewatch_accepts_every_row(self):
        folder = self.out["all"]
        scan = os.path.join(self.tmp.name, "scan")
        subprocess.run([MINEWATCH, "scan", "--readings", os.path.join(folder, "readings.csv"), "--meters",
                        os.path.join(folder, "meters.csv"), "-o", scan], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        with open(os.path.join(scan, "summary.json")) as f:
            counts = json.load(f)["counts"]
        readings, meters, _, _, _ = self.load(folder)
        self.assertEqual(counts["rejected_total"], 0, counts["rejected"])
        self.assertEqual(counts["readings_accepted"], len(readings))
        self.assertEqual(counts["meters"], len(meters))


HOUSEHOLDS = [f"MAC{n:06d}" for n in range(1, 31)]  # both splits hold some of these


class LondonHalfHourly(InjectionChecks, unittest.TestCase):
    SOURCE, TZ, GAP_HOUSEHOLD = "london_halfhourly", "Europe/London", HOUSEHOLDS[1]
    originals_households = HOUSEHOLDS

    @classmethod
    def make_source(cls, data):
        path = os.path.join(data, "london_halfhourly", "london_halfhourly_2013_dev.csv.gz")
        # 2013-03-10 .. 2013-04-23: the spring DST change inside; labels are GMT
        fake_halfhourly(path, ["customer_id", "ts", "kwh"], HOUSEHOLDS, dt.date(2013, 3, 10), 45, 0,
                        gap_household=cls.GAP_HOUSEHOLD)
        return cls.read_originals(path)

    @staticmethod
    def read_originals(path):
        with gzip.open(path, "rt", newline="") as f:
            return {(r[0], r[1]): r[2] for r in list(csv.reader(f))[1:]}

    def key(self, r):
        utc = dt.datetime.fromisoformat(r["ts"]).astimezone(dt.timezone.utc)
        return r["meter_id"].rsplit("_w", 1)[0], utc.strftime("%Y-%m-%d %H:%M")


class Sgsc(InjectionChecks, unittest.TestCase):
    SOURCE, TZ = "sgsc", "Australia/Sydney"
    SGSC_HOUSEHOLDS = [str(10006480 + n) for n in range(30)]
    GAP_HOUSEHOLD = SGSC_HOUSEHOLDS[2]
    originals_households = SGSC_HOUSEHOLDS

    @classmethod
    def make_source(cls, data):
        path = os.path.join(data, "loads", "sgsc_halfhourly_dev.csv.gz")
        # 2013-03-20 .. 2013-05-03 in AEST labels: the April DST change inside
        fake_halfhourly(path, ["customer_id", "reading_datetime", "general_supply_kwh"], cls.SGSC_HOUSEHOLDS,
                        dt.date(2013, 3, 20), 45, 10, gap_household=cls.GAP_HOUSEHOLD)
        with gzip.open(path, "rt", newline="") as f:
            return {(r[0], r[1]): r[2] for r in list(csv.reader(f))[1:]}

    def key(self, r):
        aest = dt.datetime.fromisoformat(r["ts"]).astimezone(dt.timezone(dt.timedelta(hours=10)))
        return r["meter_id"].rsplit("_w", 1)[0], aest.strftime("%Y-%m-%d %H:%M:%S")


class LondonDaily(InjectionChecks, unittest.TestCase):
    SOURCE, TZ, DAILY, GAP_HOUSEHOLD = "london_daily", "Europe/London", True, "MAC999999"
    WINDOW_DAYS = "30"
    originals_households = HOUSEHOLDS + ["MAC999999"]

    @classmethod
    def make_source(cls, data):
        path = os.path.join(data, "london_daily", "london_daily_dev.csv.gz")
        fake_daily(path, HOUSEHOLDS, dt.date(2013, 1, 1), 120)
        # a household with a 40-day gap: its windows over the gap are dropped
        rows = [(cls.GAP_HOUSEHOLD, (dt.date(2013, 1, 1) + dt.timedelta(days=d)).isoformat(), "5.5", "48")
                for d in range(120) if not 20 <= d < 60]
        with gzip.open(path, "rt", newline="") as f:
            existing = list(csv.reader(f))
        write_gz(path, existing[0], existing[1:] + rows)
        return {(r[0], r[1]): r[2] for r in existing[1:] + rows}

    def key(self, r):
        return r["meter_id"].rsplit("_w", 1)[0], r["ts"]


if __name__ == "__main__":
    unittest.main()
