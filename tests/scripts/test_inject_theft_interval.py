#!/usr/bin/env python3
"""Tests of scripts/inject_theft_interval.py on a tiny fake London half-hourly source (no ../shared needed).

    python3 -B -m unittest discover -s tests/scripts -v      # from the repository root

A fake london_halfhourly source (gzip CSV, CRLF, GMT labels, kWh in 0.001 steps with an evening peak) is written
under a temporary --data-dir: 12 households over 2013-03-01 .. 2013-04-30 GMT, so the series crosses the spring
DST change of Europe/London (2013-03-31 has 46 half-hours) and ends with a partial local day (2013-05-01, 00:00
and 00:30 BST); one household misses one half-hour (its local day must not be written at all) and one household
has too few days for --min-days. The script is run once per attack type with --theft-share 1 to check each
per-reading formula against the source (nothing changes before theft_start; h1 and bypass scale by alpha; h2
zeros one window of 4-12 h a day; h3/h4 stay in their gamma bands; h5 is the day's mean; h6 is the day reversed;
intermittent scales whole days only), then checks the seed suffix of the meter ids and --plain-ids, the daily
sums of daily_readings.csv, the whole-days rule, byte-identical output for the same arguments, truth.csv ==
labels.csv, --theft-share 0, --min-days and --split. When build/minewatch exists, `minewatch theft eval` must
read the written directory.
"""
import csv
import datetime as dt
import functools
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_inject_theft import write_gz  # noqa: E402  (the fake source, as the real file: gzip CSV with CRLF)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "inject_theft_interval.py")
MINEWATCH = os.path.join(ROOT, "build", "minewatch")
TYPES = ["h1", "h2", "h3", "h4", "h5", "h6", "bypass", "intermittent"]
HOUSEHOLDS = [f"MAC{n:06d}" for n in range(1, 13)]  # 5 tune, 7 heldout (sha256(id) mod 5)
SHORT = "MAC999999"  # 20 days: dropped by --min-days 40
GAP = HOUSEHOLDS[2]  # misses one half-hour: its local day 2013-04-10 is not a whole day
GAP_INSTANT = dt.datetime(2013, 4, 10, 12, 0, tzinfo=dt.timezone.utc)
FIRST, DAYS = dt.datetime(2013, 3, 1, tzinfo=dt.timezone.utc), 61  # GMT labels 2013-03-01 .. 2013-04-30
BST_FROM = int(dt.datetime(2013, 3, 31, 1, 0, tzinfo=dt.timezone.utc).timestamp())  # 01:00 GMT -> 02:00 BST
SEED = 5
MIN_DAYS = "40"
OUTPUTS = ("readings.csv", "daily_readings.csv", "meters.csv", "labels.csv", "truth.csv", "injection.json")


def milli(text):
    return round(float(text) * 1000)


@functools.lru_cache(maxsize=None)
def local_of(epoch):
    """-> (local ISO date, UTC offset in hours) in Europe/London, spring 2013 only (independent of the script)."""
    offset = 1 if epoch >= BST_FROM else 0
    return dt.datetime.fromtimestamp(epoch + offset * 3600, dt.timezone.utc).date().isoformat(), offset


def expected_count(day):
    return 46 if day == "2013-03-31" else 48


def fake_halfhourly(path):
    """-> {household: {UTC epoch: Wh}} of the rows written (GMT labels, as in the real file)."""
    rng = random.Random(11)
    rows, truth = [], {}
    for h in HOUSEHOLDS + [SHORT]:
        days = 20 if h == SHORT else DAYS
        for i in range(days * 48):
            t = FIRST + dt.timedelta(minutes=30 * i)
            epoch = int(t.timestamp())
            if h == GAP and t == GAP_INSTANT:  # a missing reading is a missing row
                continue
            hour = (t.hour + local_of(epoch)[1]) % 24
            wh = rng.randint(60, 200) + (rng.randint(300, 700) if 17 <= hour < 21 else 0)  # evening peak, never 0
            text = f"{wh / 1000:.3f}".rstrip("0").rstrip(".")
            rows.append((h, t.strftime("%Y-%m-%d %H:%M"), text))
            truth.setdefault(h, {})[epoch] = milli(text)
    write_gz(path, ["customer_id", "ts", "kwh"], rows)
    return truth


def whole_days(series):
    """{epoch: Wh} -> {local date: [(epoch, Wh) in time order]} of the whole local days (46/48 half-hours)."""
    days = {}
    for epoch in sorted(series):
        days.setdefault(local_of(epoch)[0], []).append((epoch, series[epoch]))
    return {d: v for d, v in days.items() if len(v) == expected_count(d)}


def script_args(data, out, *extra):
    return [sys.executable, SCRIPT, "--data-dir", data, "--min-days", MIN_DAYS, "-o", out, *extra]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def is_tune(h):
    return int(hashlib.sha256(h.encode("utf-8")).hexdigest(), 16) % 5 == 0


class TheftIntervalInjection(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "data")
        cls.source = fake_halfhourly(os.path.join(cls.data, "london_halfhourly", "london_halfhourly_2013_dev.csv.gz"))
        cls.whole_at = {h: whole_days(s) for h, s in cls.source.items()}  # {h: {day: [(epoch, Wh)]}}
        cls.whole = {h: {d: [wh for _, wh in v] for d, v in days.items()} for h, days in cls.whole_at.items()}
        cls.cache = {}
        cls.out = {}
        jobs = {}
        for t in TYPES:
            jobs[t] = ["--theft-share", "1", "--types", t, "--split", "all", "--seed", str(SEED)]
        jobs["plain"] = jobs["h1"] + ["--plain-ids"]
        jobs["mixed"] = ["--theft-share", "0.5", "--split", "all", "--seed", str(SEED)]
        jobs["mixed_again"] = list(jobs["mixed"])
        jobs["other_seed"] = ["--theft-share", "0.5", "--split", "all", "--seed", str(SEED + 1)]
        jobs["tune"] = ["--theft-share", "0.5", "--split", "tune", "--seed", str(SEED)]
        jobs["zero"] = ["--theft-share", "0", "--split", "all", "--seed", str(SEED)]
        procs = {}
        for name, extra in jobs.items():  # independent runs, in parallel to keep the module fast
            cls.out[name] = os.path.join(cls.tmp.name, name)
            procs[name] = subprocess.Popen(script_args(cls.data, cls.out[name], *extra), stdout=subprocess.PIPE,
                                           stderr=subprocess.STDOUT)
        failed = []
        for name, p in procs.items():
            text, _ = p.communicate()
            if p.returncode != 0:
                failed.append(f"{name}: exit {p.returncode}\n{text.decode(errors='replace')}")
        if failed:
            cls.tmp.cleanup()
            raise RuntimeError("inject_theft_interval.py failed:\n" + "\n".join(failed))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    # -- helpers -----------------------------------------------------------------------------------------------

    def labels(self, folder):
        return {r["meter_id"]: r for r in read_csv(os.path.join(folder, "labels.csv"))}

    def info(self, folder):
        with open(os.path.join(folder, "injection.json"), encoding="utf-8") as f:
            return json.load(f)

    def readings(self, folder):
        """-> {meter: {local date: [(epoch, Wh), ...] in file order}}; checks the ts format and the time order."""
        if folder not in self.cache:
            self.cache[folder] = self.read_readings(folder)
        return self.cache[folder]

    def read_readings(self, folder):
        out, last = {}, {}
        with open(os.path.join(folder, "readings.csv"), newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            self.assertEqual(next(reader), ["meter_id", "ts", "kwh"])
            for m, ts, kwh in reader:
                self.assertRegex(kwh, r"^\d+\.\d{3}$")
                t = dt.datetime.fromisoformat(ts)
                epoch = int(t.timestamp())
                day, offset = local_of(epoch)
                self.assertEqual(ts[:10], day, ts)  # ts is local time ...
                self.assertEqual(t.utcoffset(), dt.timedelta(hours=offset), ts)  # ... with Europe/London's offset
                self.assertEqual(epoch % 1800, 0, ts)
                self.assertGreater(epoch, last.get(m, -1), (m, ts))  # each meter's readings in time order
                last[m] = epoch
                out.setdefault(m, {}).setdefault(day, []).append((epoch, milli(kwh)))
        return out

    def household(self, meter, plain=False):
        if plain:
            self.assertNotIn("_s", meter)
            return meter
        self.assertTrue(meter.endswith(f"_s{SEED}"), meter)
        return meter[:-len(f"_s{SEED}")]

    def assert_days_of_source(self, meter, hid, days):
        """The written local days of a household are exactly its whole source days, at the source's instants."""
        self.assertEqual(sorted(days), sorted(self.whole[hid]), meter)
        for d, readings in days.items():
            self.assertEqual([e for e, _ in readings], [e for e, _ in self.whole_at[hid][d]], (meter, d))

    def attacked(self, theft_type):
        """-> [(meter, label, plan, [(local date, x, y)] of the days from theft_start on)], checking that every
        household is attacked with this type, and that nothing changes before theft_start."""
        folder = self.out[theft_type]
        labels, info, written = self.labels(folder), self.info(folder), self.readings(folder)
        self.assertEqual(sorted(self.household(m) for m in labels), HOUSEHOLDS)
        self.assertEqual(sorted(written), sorted(labels))
        self.assertEqual(info["counts"]["theft"], len(HOUSEHOLDS))
        self.assertEqual(info["counts"]["theft_by_type"], {theft_type: len(HOUSEHOLDS)})
        out = []
        for m, lab in labels.items():
            hid = self.household(m)
            self.assertEqual((lab["flag"], lab["theft_type"], lab["split"]),
                             ("1", theft_type, "tune" if is_tune(hid) else "heldout"), m)
            plan = info["theft_households"][m]
            self.assertEqual((plan["theft_type"], plan["theft_start"]), (theft_type, lab["theft_start"]), m)
            days = written[m]
            self.assert_days_of_source(m, hid, days)
            start = lab["theft_start"]
            during = []
            for d in sorted(days):
                x, y = self.whole[hid][d], [wh for _, wh in days[d]]
                if d < start:
                    self.assertEqual(y, x, (m, d))  # nothing changes before the start
                else:
                    during.append((d, x, y))
            before = [d for d in days if d < start]
            self.assertTrue(before and during, (m, start))
            # the start is a day in 15-85 % of the series (2013-03-01 .. 2013-04-30, 61 local days)
            offset = (dt.date.fromisoformat(start) - dt.date(2013, 3, 1)).days
            self.assertTrue(int(0.15 * 61) <= offset <= int(0.85 * 61), (m, start))
            # the plan's energy: the true and the metered energy of the attacked days
            self.assertEqual(milli(plan["true_kwh"]), sum(sum(x) for _, x, _ in during), m)
            self.assertEqual(milli(plan["metered_kwh"]), sum(sum(y) for _, _, y in during), m)
            out.append((m, lab, plan, during))
        return out

    def assert_scaled(self, alpha, x, y, where):
        self.assertEqual(len(x), len(y), where)
        for a, b in zip(x, y):
            self.assertLessEqual(abs(b - alpha * a), 0.5 + 1e-5, (where, a, b, alpha))  # round(alpha * x)

    # -- 1. each attack type, reading by reading ---------------------------------------------------------------

    def test_h1_scales_each_reading_by_alpha(self):
        for m, lab, plan, during in self.attacked("h1"):
            alpha = float(lab["alpha"])
            self.assertTrue(0.2 <= alpha <= 0.8, (m, alpha))
            self.assertAlmostEqual(plan["alpha"], alpha, places=6)
            for d, x, y in during:
                self.assert_scaled(alpha, x, y, (m, d))

    def test_bypass_removes_a_constant_share(self):
        for m, lab, plan, during in self.attacked("bypass"):
            alpha = float(lab["alpha"])
            self.assertTrue(0.3 <= 1 - alpha <= 0.7, (m, alpha))  # alpha = 1 - share, share ~ U(0.3, 0.7)
            for d, x, y in during:
                self.assert_scaled(alpha, x, y, (m, d))

    def test_h2_zeros_one_window_of_4_to_12_hours_a_day(self):
        windows = set()
        for m, lab, plan, during in self.attacked("h2"):
            self.assertEqual(lab["alpha"], "", m)
            for d, x, y in during:
                n = len(x)
                self.assertEqual(len(y), n, (m, d))
                zeros = [i for i, (a, b) in enumerate(zip(x, y)) if b != a]
                for i in zeros:
                    self.assertEqual(y[i], 0, (m, d, i))  # changed readings are zeros, the others unchanged
                self.assertTrue(zeros, (m, d))  # the fake source has no zero readings: each day has its window
                first, length = zeros[0], len(zeros)
                self.assertEqual(zeros, list(range(first, first + length)), (m, d))  # one contiguous run
                # round(U(4, 12) * n / 24) readings: 8..23 on the 46-reading day, 8..24 on a 48-reading day
                self.assertTrue(round(4 * n / 24) <= length <= round(12 * n / 24), (m, d, n, length))
                windows.add((first, length))
        self.assertGreater(len(windows), 20)  # a new window every day

    def test_h3_scales_each_reading_in_its_band(self):
        for m, lab, plan, during in self.attacked("h3"):
            self.assertEqual(lab["alpha"], "", m)
            for d, x, y in during:
                self.assertEqual(len(y), len(x), (m, d))
                for a, b in zip(x, y):
                    self.assertTrue(0.1 * a - 1 <= b <= 0.8 * a + 1, (m, d, a, b))
                self.assertGreater(len(set(round(b / a, 2) for a, b in zip(x, y))), 5, (m, d))  # gamma per reading

    def test_h4_draws_each_reading_from_the_days_mean(self):
        for m, lab, plan, during in self.attacked("h4"):
            for d, x, y in during:
                self.assertEqual(len(y), len(x), (m, d))
                mean = sum(x) / len(x)
                for b in y:
                    self.assertTrue(0.1 * mean - 1 <= b <= 0.8 * mean + 1, (m, d, mean, b))
                self.assertGreater(len(set(y)), 5, (m, d))  # a new gamma per reading

    def test_h5_flat_day_at_its_mean(self):
        for m, lab, plan, during in self.attacked("h5"):
            for d, x, y in during:
                self.assertEqual(y, [round(sum(x) / len(x))] * len(x), (m, d))

    def test_h6_day_reversed(self):
        changed = 0
        for m, lab, plan, during in self.attacked("h6"):
            for d, x, y in during:
                self.assertEqual(y, x[::-1], (m, d))
                changed += y != x
            self.assertEqual(plan["stolen_kwh"], 0.0, m)
        self.assertGreater(changed, 0)

    def test_intermittent_scales_whole_days_on_runs(self):
        on = off = 0
        for m, lab, plan, during in self.attacked("intermittent"):
            alpha = float(lab["alpha"])
            self.assertTrue(0.2 <= alpha <= 0.8, (m, alpha))
            states = []
            for d, x, y in during:
                if y == x:
                    states.append(False)
                else:
                    self.assert_scaled(alpha, x, y, (m, d))  # all or nothing within a day
                    states.append(True)
            self.assertTrue(states[0], m)  # the attack starts with an on run (of at least 3 days)
            on += sum(states)
            off += len(states) - sum(states)
        self.assertTrue(on and off, (on, off))

    def test_seed_suffix_and_plain_ids(self):
        suffixed, plain = self.out["h1"], self.out["plain"]
        labels = self.labels(suffixed)
        for m in labels:
            self.household(m)
        self.assertEqual([r["meter_id"] for r in read_csv(os.path.join(suffixed, "meters.csv"))], list(labels))
        plain_labels = self.labels(plain)
        self.assertEqual(list(plain_labels), [self.household(m) for m in labels])
        for m, row in labels.items():
            self.assertEqual(dict(row, meter_id=self.household(m)), plain_labels[self.household(m)])
        self.assertEqual([r["meter_id"] for r in read_csv(os.path.join(plain, "meters.csv"))], list(plain_labels))
        # the same attacks: only the ids differ
        a, b = self.readings(suffixed), self.readings(plain)
        self.assertEqual({self.household(m): v for m, v in a.items()}, b)
        self.assertEqual(list(self.info(plain)["theft_households"]), list(plain_labels))

    # -- 2. energy bookkeeping and whole local days ------------------------------------------------------------

    def test_daily_readings_are_the_sums_of_whole_local_days(self):
        for name in ("mixed", "h2", "h5", "zero"):
            folder = self.out[name]
            written = self.readings(folder)
            daily = {}
            rows = read_csv(os.path.join(folder, "daily_readings.csv"))
            for r in rows:
                self.assertRegex(r["ts"], r"^\d{4}-\d{2}-\d{2}$")
                self.assertRegex(r["kwh"], r"^\d+\.\d{3}$")
                key = (r["meter_id"], r["ts"])
                self.assertNotIn(key, daily, (name, key))
                daily[key] = milli(r["kwh"])
            sums = {(m, d): sum(wh for _, wh in v) for m, days in written.items() for d, v in days.items()}
            self.assertEqual(daily, sums, name)
            for (m, d) in sums:
                self.assertEqual(len(written[m][d]), expected_count(d), (name, m, d))  # whole local days only
            self.assertEqual(self.info(folder)["counts"]["readings"],
                             sum(len(v) for days in written.values() for v in days.values()), name)
            for m, days in written.items():
                self.assertNotIn("2013-05-01", days, (name, m))  # 00:00 and 00:30 BST only: a partial day
                self.assertEqual(len(days["2013-03-31"]), 46, (name, m))  # the DST day is whole with 46
                if self.household(m) == GAP:
                    self.assertNotIn("2013-04-10", days, (name, m))  # one half-hour missing: no reading that day
                    self.assertNotIn((m, "2013-04-10"), daily, (name, m))
                    self.assertIn("2013-04-09", days, (name, m))
                else:
                    self.assertIn("2013-04-10", days, (name, m))

    # -- 3. determinism ----------------------------------------------------------------------------------------

    def test_same_arguments_same_bytes(self):
        a, b = self.out["mixed"], self.out["mixed_again"]
        for name in OUTPUTS:
            self.assertEqual(read_bytes(os.path.join(a, name)), read_bytes(os.path.join(b, name)), name)
        for folder in (a, self.out["h3"], self.out["zero"], self.out["tune"]):
            self.assertEqual(read_bytes(os.path.join(folder, "truth.csv")),
                             read_bytes(os.path.join(folder, "labels.csv")), folder)
        header = read_bytes(os.path.join(a, "labels.csv")).split(b"\n")[0]
        self.assertEqual(header, b"meter_id,flag,theft_type,theft_start,alpha,split")
        other = self.out["other_seed"]
        self.assertNotEqual(read_bytes(os.path.join(a, "readings.csv")),
                            read_bytes(os.path.join(other, "readings.csv")))

    # -- 4. share 0, min-days, split ---------------------------------------------------------------------------

    def test_share_zero_writes_the_source(self):
        folder = self.out["zero"]
        labels, info, written = self.labels(folder), self.info(folder), self.readings(folder)
        self.assertEqual(sorted(self.household(m) for m in labels), HOUSEHOLDS)
        for m, row in labels.items():
            self.assertEqual((row["flag"], row["theft_type"], row["theft_start"], row["alpha"]), ("0", "", "", ""), m)
            hid = self.household(m)
            self.assert_days_of_source(m, hid, written[m])
            self.assertEqual({d: [wh for _, wh in v] for d, v in written[m].items()}, self.whole[hid], m)
        self.assertEqual(info["theft_households"], {})
        self.assertEqual(info["counts"]["theft"], 0)
        self.assertEqual(info["counts"]["households_in_source"], len(HOUSEHOLDS) + 1)
        self.assertEqual(info["counts"]["households_kept"], len(HOUSEHOLDS))

    def test_short_household_dropped(self):
        for name in ("zero", "mixed", "h1", "plain"):
            labels = self.labels(self.out[name])
            self.assertFalse(any(m.startswith(SHORT) for m in labels), name)
            self.assertFalse(any(m.startswith(SHORT) for m in self.readings(self.out[name])), name)
            self.assertEqual(len(labels), len(HOUSEHOLDS), name)

    def test_share_and_split(self):
        labels_all, info = self.labels(self.out["mixed"]), self.info(self.out["mixed"])
        flagged = [m for m, r in labels_all.items() if r["flag"] == "1"]
        self.assertEqual(len(flagged), round(0.5 * len(HOUSEHOLDS)))
        self.assertEqual(sorted(flagged), sorted(info["theft_households"]))
        self.assertEqual(sum(info["counts"]["theft_by_type"].values()), len(flagged))
        tune = self.labels(self.out["tune"])
        self.assertEqual(sorted(self.household(m) for m in tune), [h for h in HOUSEHOLDS if is_tune(h)])
        self.assertTrue(tune)
        for m, row in tune.items():
            self.assertEqual(row["split"], "tune", m)
            self.assertEqual(row, labels_all[m], m)  # the same attack whichever split is written
        written_all, written_tune = self.readings(self.out["mixed"]), self.readings(self.out["tune"])
        self.assertEqual(written_tune, {m: written_all[m] for m in tune})
        self.assertEqual(self.info(self.out["tune"])["counts"]["households_written"], len(tune))
        for m, row in labels_all.items():
            self.assertEqual(row["split"], "tune" if is_tune(self.household(m)) else "heldout", m)
        self.assertIn("heldout", {r["split"] for r in labels_all.values()})

    # -- 5. minewatch reads the directory ----------------------------------------------------------------------

    @unittest.skipUnless(os.access(MINEWATCH, os.X_OK), "build/minewatch not built")
    def test_minewatch_theft_eval_reads_the_directory(self):
        folder = self.out["mixed"]  # thieves and honest meters: `theft eval` without --model cross-validates
        out = os.path.join(self.tmp.name, "eval")
        run = subprocess.run([MINEWATCH, "theft", "eval", "--input", os.path.join(folder, "readings.csv"),
                              "--format", "long", "--meters", os.path.join(folder, "meters.csv"),
                              "--labels", os.path.join(folder, "labels.csv"), "--folds", "2", "--rounds", "20",
                              "-j", "2", "-o", out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.assertEqual(run.returncode, 0, run.stdout.decode(errors="replace")[-2000:])
        self.assertTrue(os.path.exists(os.path.join(out, "theft_eval.json")))


    # -- 6. bad arguments --------------------------------------------------------------------------------------

    def test_bad_arguments_are_usage_errors(self):
        for bad in (["--run-days", "0", "0"], ["--gamma", "0.9", "0.1"], ["--alpha", "1.5", "2"],
                    ["--types", ","], ["--types", "h7"], ["--min-days", "0"], ["--theft-share", "1.5"]):
            run = subprocess.run([sys.executable, SCRIPT, "--data-dir", self.tmp.name, "-o",
                                  os.path.join(self.tmp.name, "bad")] + bad,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
            self.assertEqual(run.returncode, 2, bad)
            self.assertIn(b"error:", run.stderr, bad)

if __name__ == "__main__":
    unittest.main()
