#!/usr/bin/env python3
"""Tests of scripts/eval_cases.py on a hand-made grid truth and scan (no ../shared, no build needed).

    python3 -m unittest discover -s tests/scripts -v      # from the repository root

Four cases: a thief (hidden 300 kWh), a tapped transformer (500 kWh), an unregistered miner (nothing hidden),
and a false alarm on an honest household; suppressed cases are left out. Priority order puts the two energy
cases first, probability order puts the false alarm first: P@k and kWh@k must say so.
"""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "eval_cases.py")

TRUTH = """meter_id,class,mining_kw,registered,theft_type,tamper,behaviour,hidden_kwh
M1,household,,,h1,,,300
M2,household,,,,,,0
M3,mining_home,3.5,false,,,growth,0
M4,household,,,,,,0
M5,household,,,,,,0
"""
TRANSFORMERS = """transformer_id,tap_kwh_per_day,tap_kwh
T1,10,500
T2,0,0
"""
CASES = """rank,case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,expected_value,priority,first_day,last_day,evidence_key,evidence
1,C1,S1,RU-MOW,M1,theft,new,0.80,0,300,1800,1440,2025-01-01,2025-03-31,k1,x
2,C2,transformer:T1,RU-MOW,M4;M5,tap,new,0.70,0,500,3000,2100,2025-01-01,2025-03-31,k2,x
3,C3,S3,RU-DA,M3,banned_region;mining,new,0.90,3.5,0,900,810,2025-01-01,2025-03-31,k3,x
4,C4,S2,RU-MOW,M2,theft,new,0.99,0,10,60,59,2025-01-01,2025-03-31,k4,x
5,C5,S5,RU-MOW,M5,theft,suppressed,0.95,0,0,0,0,2025-01-01,2025-03-31,k5,x
"""


class EvalCasesTest(unittest.TestCase):
    def run_script(self, k):
        with tempfile.TemporaryDirectory() as tmp:
            grid, scan = os.path.join(tmp, "grid"), os.path.join(tmp, "scan")
            os.makedirs(grid)
            os.makedirs(scan)
            for path, text in ((os.path.join(grid, "truth.csv"), TRUTH),
                               (os.path.join(grid, "truth_transformers.csv"), TRANSFORMERS),
                               (os.path.join(scan, "cases.csv"), CASES)):
                with open(path, "w") as f:
                    f.write(text)
            out = subprocess.run([sys.executable, SCRIPT, "--grid", grid, "--scan", scan, "--k"] + [str(x) for x in k],
                                 capture_output=True, text=True, check=True).stdout
        rows = {}
        for line in out.splitlines():
            for name in ("priority (scan order)", "probability alone"):
                if line.startswith(name):
                    rows[name] = [float(x) for x in line[len(name):].split()]
        return out, rows

    def test_priority_reaches_the_hidden_energy_first(self):
        out, rows = self.run_script([2, 4])
        self.assertIn("4 cases; hidden energy in the grid 800 kWh", out)  # the suppressed case is left out
        # priority: C1 (thief, 300) and C2 (tap, 500) first: P@2 1.00, kWh@2 1.00; all four: 3 of 4 actionable.
        self.assertEqual(rows["priority (scan order)"], [1.0, 1.0, 0.75, 1.0])
        # probability: C4 (false alarm) then C3 (miner, nothing hidden): P@2 0.50, kWh@2 0.
        self.assertEqual(rows["probability alone"], [0.5, 0.0, 0.75, 1.0])


if __name__ == "__main__":
    unittest.main()
