#!/usr/bin/env python3
"""Tests of scripts/inject_theft.py on a tiny fake London-daily source (no ../shared needed).

    python3 -m unittest discover -s tests/scripts -v      # from the repository root

A fake source (gzip CSV, CRLF, like the real file: partial first and last days, missing days, one household too
short to keep) is written under a temporary --data-dir. The script is run once per attack type with
--theft-share 1 to check each formula against the source (nothing changes before theft_start; h1 scales by alpha;
h2 zeros; h3/h4 stay in their gamma bands; h5 is flat with the same energy; h6 is reversed; bypass removes a
constant share; intermittent scales only on its runs), and with the defaults to check the share of attacked
households, FLAG against labels.csv, the shuffled SGCC header, the split rule and byte-identical output. When
build/minewatch exists, `minewatch scan` must accept every row of train.csv (--format sgcc) and of readings.csv.
A second fake source (half-hourly, over the 2013 spring DST change) checks the summing to local days.
"""
import csv
import datetime as dt
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "inject_theft.py")
MINEWATCH = os.path.join(ROOT, "build", "minewatch")
TYPES = ["h1", "h2", "h3", "h4", "h5", "h6", "bypass", "intermittent"]
HOUSEHOLDS = [f"MAC{n:06d}" for n in range(1, 31)]  # both splits hold some of these
SHORT = "MAC999998"  # 200 days: dropped by --min-days 365
FIRST, DAYS = dt.date(2012, 1, 1), 420
OUTPUTS = ("train.csv", "labels.csv", "injection.json", "readings.csv", "meters.csv")


def milli(text):
    return round(float(text) * 1000)


def write_gz(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with gzip.open(path, "wt", newline="", encoding="utf-8") as f:
        f.write(",".join(header) + "\r\n")
        for r in rows:
            f.write(",".join(r) + "\r\n")


def fake_daily(path):
    """-> {household: {date: (Wh, n_halfhours)}} of the rows written."""
    rng = random.Random(1)
    rows, truth = [], {}
    for h in HOUSEHOLDS + [SHORT]:
        days = 200 if h == SHORT else DAYS
        for d in range(days):
            n = 48 if d not in (0, days - 1) else rng.randint(10, 47)  # partial first and last days
            if rng.random() < 0.01:  # a missing day is a missing row
                continue
            day = (FIRST + dt.timedelta(days=d)).isoformat()
            kwh = 0.0 if rng.random() < 0.02 else rng.uniform(3, 15) * n / 48  # some real zeros
            text = f"{kwh:.3f}".rstrip("0").rstrip(".")
            rows.append((h, day, text or "0", str(n)))
            truth.setdefault(h, {})[day] = (milli(text or "0"), n)
    write_gz(path, ["customer_id", "day", "kwh", "n_halfhours"], rows)
    return truth


def run_script(*args):
    subprocess.run([sys.executable, SCRIPT, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_train(folder):
    """-> (header, {meter: (flag, {ISO date: Wh})}, row order)."""
    with open(os.path.join(folder, "train.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    dates = [dt.date(*map(int, c.split("/"))).isoformat() for c in header[2:]]
    out, order = {}, []
    for r in rows[1:]:
        out[r[0]] = (r[1], {d: milli(v) for d, v in zip(dates, r[2:]) if v != ""})
        order.append(r[0])
    return header, out, order


def hashes(folder):
    out = {}
    for name in OUTPUTS:
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


def is_tune(h):
    return int(hashlib.sha256(h.encode()).hexdigest(), 16) % 5 == 0


class TheftInjection(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "data")
        cls.source = fake_daily(os.path.join(cls.data, "london_daily", "london_daily_dev.csv.gz"))
        cls.whole = {h: {d: wh for d, (wh, n) in days.items() if n == 48} for h, days in cls.source.items()}
        cls.common = ["--source", "london_daily", "--data-dir", cls.data, "--seed", "7", "--long"]
        cls.out = {}
        for split in ("all", "tune", "heldout"):
            cls.out[split] = os.path.join(cls.tmp.name, split)
            run_script(*cls.common, "--split", split, "--theft-share", "0.5", "-o", cls.out[split])
        cls.out["default"] = os.path.join(cls.tmp.name, "default")
        run_script(*cls.common, "--split", "all", "-o", cls.out["default"])
        for t in TYPES:
            cls.out[t] = os.path.join(cls.tmp.name, t)
            run_script(*cls.common, "--split", "all", "--theft-share", "1", "--types", t, "-o", cls.out[t])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def load(self, folder):
        labels = {r["meter_id"]: r for r in read_csv(os.path.join(folder, "labels.csv"))}
        with open(os.path.join(folder, "injection.json")) as f:
            info = json.load(f)
        return labels, info

    def attacked(self, theft_type):
        """-> list of (meter, label, plan, source days before start, attacked days [(date, x, y)])."""
        folder = self.out[theft_type]
        labels, info = self.load(folder)
        _, train, _ = read_train(folder)
        self.assertEqual(len(labels), len(HOUSEHOLDS))
        out = []
        for m, lab in labels.items():
            self.assertEqual((lab["flag"], lab["theft_type"]), ("1", theft_type), m)
            flag, written = train[m]
            x = self.whole[m]
            self.assertEqual(sorted(written), sorted(x), m)  # same days present: whole source days only
            start = lab["theft_start"]
            before = [(d, x[d], written[d]) for d in sorted(x) if d < start]
            during = [(d, x[d], written[d]) for d in sorted(x) if d >= start]
            for d, a, b in before:
                self.assertEqual(a, b, (m, d))  # nothing changes before the start
            self.assertTrue(before and during, m)
            out.append((m, lab, info["theft_households"][m], during))
        return out

    def test_start_in_the_middle_of_the_series(self):
        labels, _ = self.load(self.out["h1"])
        for m, lab in labels.items():
            days = sorted(self.whole[m])
            first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
            n = (last - first).days + 1
            offset = (dt.date.fromisoformat(lab["theft_start"]) - first).days
            self.assertGreaterEqual(offset, int(0.15 * n) - 1, m)
            self.assertLessEqual(offset, int(0.85 * n), m)

    def test_h1_scales_by_alpha_after_start(self):
        for m, lab, plan, during in self.attacked("h1"):
            alpha = float(lab["alpha"])
            self.assertTrue(0.2 <= alpha <= 0.8, m)
            for d, x, y in during:
                self.assertLessEqual(abs(y - alpha * x), 0.5 + 1e-6 * x, (m, d))
            self.assertTrue(any(x != y for _, x, y in during), m)

    def test_h2_zeros_random_days(self):
        zeroed = total = 0
        for m, lab, plan, during in self.attacked("h2"):
            p = float(lab["alpha"])
            self.assertTrue(0.2 <= p <= 0.6, m)
            for d, x, y in during:
                self.assertIn(y, (0, x), (m, d))
            zeros = sum(1 for _, x, y in during if y == 0 and x != 0)
            self.assertGreater(zeros, 0, m)
            # zero_days counts every zeroed day, those whose real value was already 0 included
            self.assertTrue(zeros <= plan["zero_days"] <= sum(1 for _, _, y in during if y == 0), m)
            zeroed += zeros
            total += sum(1 for _, x, _ in during if x != 0)
        self.assertTrue(0.2 <= zeroed / total <= 0.6, zeroed / total)

    def test_h3_scales_each_day_in_band(self):
        ratios = []
        for m, lab, plan, during in self.attacked("h3"):
            self.assertEqual(lab["alpha"], "", m)
            for d, x, y in during:
                self.assertTrue(0.1 * x - 0.5 <= y <= 0.8 * x + 0.5, (m, d, x, y))
                if x > 1000:
                    ratios.append(y / x)
        self.assertGreater(len(set(round(r, 2) for r in ratios)), 20)  # a new gamma every day

    def test_h4_scales_the_mean(self):
        for m, lab, plan, during in self.attacked("h4"):
            mean = sum(x for _, x, _ in during) / len(during)
            self.assertAlmostEqual(plan["mean_kwh"] * 1000, mean, delta=0.001)
            for d, x, y in during:
                self.assertTrue(0.1 * mean - 0.5 <= y <= 0.8 * mean + 0.5, (m, d))
            self.assertGreater(len(set(y for _, _, y in during)), 1, m)

    def test_h5_flat_with_the_same_energy(self):
        for m, lab, plan, during in self.attacked("h5"):
            ys = set(y for _, _, y in during)
            self.assertEqual(len(ys), 1, m)
            before, after = sum(x for _, x, _ in during), sum(y for _, _, y in during)
            self.assertLessEqual(abs(before - after), 0.5 * len(during), m)

    def test_h6_reversed(self):
        for m, lab, plan, during in self.attacked("h6"):
            self.assertEqual([y for _, _, y in during], [x for _, x, _ in during][::-1], m)
            self.assertEqual(plan["stolen_kwh"], 0.0, m)

    def test_bypass_removes_a_constant_share(self):
        for m, lab, plan, during in self.attacked("bypass"):
            s = plan["bypass_share"]
            self.assertTrue(0.3 <= s <= 0.7, m)
            self.assertAlmostEqual(float(lab["alpha"]), 1 - s, places=5)
            for d, x, y in during:
                self.assertLessEqual(abs(y - (1 - s) * x), 0.5 + 1e-5 * x, (m, d))

    def test_intermittent_only_on_runs(self):
        on_days = all_days = 0
        for m, lab, plan, during in self.attacked("intermittent"):
            alpha = float(lab["alpha"])
            runs = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in plan["runs"]]
            self.assertEqual(runs[0][0].isoformat(), during[0][0], m)  # starts with an on run
            for i, (a, b) in enumerate(runs):
                length = (b - a).days + 1
                self.assertLessEqual(length, 14, m)
                if i + 1 < len(runs):
                    self.assertGreaterEqual(length, 3, m)
                    self.assertTrue(3 <= (runs[i + 1][0] - b).days - 1 <= 14, m)  # the off run between
            for d, x, y in during:
                day = dt.date.fromisoformat(d)
                if any(a <= day <= b for a, b in runs):
                    on_days += 1
                    self.assertLessEqual(abs(y - alpha * x), 0.5 + 1e-6 * x, (m, d))
                else:
                    self.assertEqual(y, x, (m, d))
                all_days += 1
        self.assertTrue(0.35 <= on_days / all_days <= 0.65, on_days / all_days)

    def test_attack_parameters_from_the_command_line(self):
        """Held-out evaluations draw attacks from ranges the model was not tuned on: every range is an option."""
        out = os.path.join(self.tmp.name, "ranges")
        run_script(*self.common, "--split", "all", "--theft-share", "1", "--types", "h2,bypass,intermittent",
                   "--start", "0.5", "0.6", "--zero-prob", "0.8", "0.9", "--bypass", "0.1", "0.2",
                   "--run-days", "20", "21", "-o", out)
        labels, info = self.load(out)
        self.assertEqual(info["parameters"]["bypass_share_range"], [0.1, 0.2])
        for m, lab in labels.items():
            plan = info["theft_households"][m]
            days = sorted(self.whole[m])
            first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
            offset = (dt.date.fromisoformat(lab["theft_start"]) - first).days
            self.assertTrue(int(0.5 * ((last - first).days + 1)) - 1 <= offset <= int(0.6 * ((last - first).days + 1)), m)
            if lab["theft_type"] == "h2":
                self.assertTrue(0.8 <= plan["zero_probability"] <= 0.9, m)
            elif lab["theft_type"] == "bypass":
                self.assertTrue(0.1 <= plan["bypass_share"] <= 0.2, m)
            else:
                runs = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in plan["runs"]]
                for a, b in runs[:-1]:
                    self.assertTrue(20 <= (b - a).days + 1 <= 21, m)
        with self.assertRaises(subprocess.CalledProcessError):
            run_script(*self.common, "--gamma", "0.9", "0.1", "-o", os.path.join(self.tmp.name, "bad"))

    def test_share_and_types(self):
        for folder, share in ((self.out["all"], 0.5), (self.out["default"], 0.10)):
            labels, info = self.load(folder)
            self.assertNotIn(SHORT, labels)  # fewer than --min-days days
            self.assertEqual(sorted(labels), HOUSEHOLDS)
            flagged = [m for m, r in labels.items() if r["flag"] == "1"]
            self.assertEqual(len(flagged), round(share * len(HOUSEHOLDS)))
            counts = {}
            for m in flagged:
                counts[labels[m]["theft_type"]] = counts.get(labels[m]["theft_type"], 0) + 1
            self.assertEqual({t: n for t, n in info["counts"]["theft_by_type"].items() if n}, counts)
            self.assertTrue(set(counts) <= set(TYPES))
            for r in labels.values():
                if r["flag"] == "0":
                    self.assertEqual(r["theft_type"] + r["theft_start"] + r["alpha"], "")
        labels, _ = self.load(self.out["all"])
        self.assertGreaterEqual(len(set(r["theft_type"] for r in labels.values() if r["flag"] == "1")), 5)

    def test_flag_matches_labels_and_honest_rows_are_the_source(self):
        labels, info = self.load(self.out["all"])
        _, train, order = read_train(self.out["all"])
        self.assertEqual(order, list(labels))
        for m, (flag, written) in train.items():
            self.assertEqual(flag, labels[m]["flag"], m)
            if flag == "0":
                self.assertEqual(written, self.whole[m], m)
        self.assertEqual(info["counts"]["days_written"], sum(len(w) for _, w in train.values()))

    def test_sgcc_header_shuffled_every_date_once(self):
        header, _, _ = read_train(self.out["all"])
        self.assertEqual(header[:2], ["CONS_NO", "FLAG"])
        for c in header[2:]:
            self.assertRegex(c, r"^\d{4}/[1-9]\d?/[1-9]\d?$")
        dates = [dt.date(*map(int, c.split("/"))) for c in header[2:]]
        self.assertEqual(len(dates), len(set(dates)))
        every = sorted(set(d for h in HOUSEHOLDS for d in self.whole[h]))
        self.assertEqual(sorted(dates), [dt.date.fromisoformat(every[0]) + dt.timedelta(days=i)
                                         for i in range(len(dates))])
        self.assertEqual((min(dates).isoformat(), max(dates).isoformat()), (every[0], every[-1]))
        self.assertNotEqual(dates, sorted(dates))
        other, _, _ = read_train(self.out["default"])
        self.assertEqual(other[2:], header[2:])  # the same seed shuffles the same way

    def test_long_layout(self):
        folder = self.out["all"]
        _, train, _ = read_train(folder)
        readings = read_csv(os.path.join(folder, "readings.csv"))
        meters = read_csv(os.path.join(folder, "meters.csv"))
        self.assertEqual([m["meter_id"] for m in meters], HOUSEHOLDS)
        self.assertTrue(all(m["tz"] == "Europe/London" for m in meters))
        got = {}
        for r in readings:
            self.assertRegex(r["kwh"], r"^\d+\.\d{3}$")
            got.setdefault(r["meter_id"], {})[r["ts"]] = milli(r["kwh"])
        self.assertEqual(got, {m: w for m, (_, w) in train.items()})

    def test_partial_days_kept_on_request(self):
        folder = os.path.join(self.tmp.name, "coverage0")
        run_script(*self.common, "--split", "all", "--theft-share", "0", "--min-day-coverage", "0", "-o", folder)
        _, train, _ = read_train(folder)
        for m, (_, written) in train.items():
            self.assertEqual(written, {d: wh for d, (wh, n) in self.source[m].items()}, m)

    def test_split(self):
        labels_all, info = self.load(self.out["all"])
        _, train_all, _ = read_train(self.out["all"])
        self.assertEqual(info["households"]["tune"], [h for h in HOUSEHOLDS if is_tune(h)])
        self.assertEqual(info["households"]["heldout"], [h for h in HOUSEHOLDS if not is_tune(h)])
        parts = {}
        for split in ("tune", "heldout"):
            labels, _ = self.load(self.out[split])
            _, train, _ = read_train(self.out[split])
            self.assertTrue(labels, split)
            for m, r in labels.items():
                self.assertEqual(r["split"], split)
                self.assertEqual(is_tune(m), split == "tune")
                self.assertEqual(r, labels_all[m])  # the same attack whichever split is written
                self.assertEqual(train[m], train_all[m])
            parts.update(labels)
        self.assertEqual(sorted(parts), sorted(labels_all))

    def test_deterministic(self):
        again = os.path.join(self.tmp.name, "again")
        run_script(*self.common, "--split", "all", "--theft-share", "0.5", "-o", again)
        self.assertEqual(hashes(again), hashes(self.out["all"]))
        other = os.path.join(self.tmp.name, "other_seed")
        run_script(*self.common[:-2], "8", "--long", "--split", "all", "--theft-share", "0.5", "-o", other)
        self.assertNotEqual(hashes(other)["train.csv"], hashes(self.out["all"])["train.csv"])

    @unittest.skipUnless(os.access(MINEWATCH, os.X_OK), "build/minewatch not built")
    def test_minewatch_accepts_every_row(self):
        folder = self.out["all"]
        _, train, _ = read_train(folder)
        cells = sum(len(w) for _, w in train.values())
        for name, extra in (("scan_sgcc", ["--readings", os.path.join(folder, "train.csv"), "--format", "sgcc"]),
                            ("scan_long", ["--readings", os.path.join(folder, "readings.csv"), "--meters",
                                           os.path.join(folder, "meters.csv")])):
            scan = os.path.join(self.tmp.name, name)
            subprocess.run([MINEWATCH, "scan", *extra, "-o", scan], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            with open(os.path.join(scan, "summary.json")) as f:
                counts = json.load(f)["counts"]
            self.assertEqual(counts["rejected_total"], 0, (name, counts["rejected"]))
            self.assertEqual(counts["readings_accepted"], cells, name)
            self.assertEqual(counts["meters"], len(train), name)


class HalfHourlyToLocalDays(unittest.TestCase):
    """london_halfhourly: GMT half-hours summed per local day of Europe/London; an incomplete day is blank."""

    def test_local_days(self):
        with tempfile.TemporaryDirectory() as tmp:
            rng = random.Random(3)
            rows, wh = [], {}
            start = dt.datetime(2013, 3, 28)  # GMT labels; 2013-03-31 is a 23-hour local day
            for h in HOUSEHOLDS[:6]:
                for i in range(48 * 8):
                    t = start + dt.timedelta(minutes=30 * i)
                    if h == HOUSEHOLDS[0] and i == 48 * 5 + 20:  # one missing half hour on 2013-04-02 (local)
                        continue
                    v = f"{rng.uniform(0.05, 0.9):.3f}"
                    rows.append((h, t.strftime("%Y-%m-%d %H:%M"), v))
                    utc = t.replace(tzinfo=dt.timezone.utc)
                    local = utc.astimezone(dt.timezone(dt.timedelta(hours=1 if utc >= dt.datetime(
                        2013, 3, 31, 1, tzinfo=dt.timezone.utc) else 0)))
                    key = (h, local.date().isoformat())
                    n, s = wh.get(key, (0, 0))
                    wh[key] = (n + 1, s + milli(v))
            write_gz(os.path.join(tmp, "data", "london_halfhourly", "london_halfhourly_2013_dev.csv.gz"),
                     ["customer_id", "ts", "kwh"], rows)
            out = os.path.join(tmp, "out")
            run_script("--source", "london_halfhourly", "--data-dir", os.path.join(tmp, "data"), "--min-days", "3",
                       "--theft-share", "0", "--split", "all", "-o", out)
            _, train, _ = read_train(out)
            self.assertEqual(sorted(train), HOUSEHOLDS[:6])
            for (h, day), (n, s) in wh.items():
                expected = 46 if day == "2013-03-31" else 48
                if n == expected:
                    self.assertEqual(train[h][1].get(day), s, (h, day))
                else:
                    self.assertNotIn(day, train[h][1], (h, day))
            self.assertNotIn("2013-04-02", train[HOUSEHOLDS[0]][1])
            self.assertIn("2013-03-31", train[HOUSEHOLDS[1]][1])


if __name__ == "__main__":
    unittest.main()
