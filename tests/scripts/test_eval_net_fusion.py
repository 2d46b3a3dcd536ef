#!/usr/bin/env python3
"""Tests of scripts/eval_net_fusion.py on a hand-made truth and scan (no ../shared, no build needed).

Four meters: a miner the meter is unsure of but the network sees at a pool (fused 0.80), a miner the meter
is sure of, a household the meter half suspects and the network sees quiet (fused 0.40), and a household
the network does not see. At threshold 0.5 the meter alone flags two (one right), fused flags two (both
right); P@1 is 1 for both rankings.
"""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "eval_net_fusion.py")

TRUTH = """meter_id,class
M1,mining_home
M2,mining_garage
M3,household
M4,household
"""
SUSPECTS = """meter_id,mining_score,net_score,mining_net_score
M2,0.95,,
M3,0.60,0.00,0.40
M1,0.30,0.60,0.80
M4,0.01,,
"""


class EvalNetFusionTest(unittest.TestCase):
    def test_fusion_flags_the_miner_and_drops_the_household(self):
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("truth.csv", TRUTH), ("suspects.csv", SUSPECTS)):
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            out = subprocess.run([sys.executable, SCRIPT, "--grid", d, "--scan", d, "--k", "1", "2"],
                                 check=True, capture_output=True, text=True).stdout
        lines = out.splitlines()
        self.assertIn("all meters: 4 meters, 2 miners", lines)
        # columns: P@1, P@2, flagged, precision, recall
        self.assertIn("| meter alone | 1.000 | 0.500 | 2 | 0.500 | 0.500 |", lines)
        self.assertIn("| meter + network | 1.000 | 1.000 | 2 | 1.000 | 1.000 |", lines)
        self.assertIn("meters the network sees: 2 meters, 1 miners", lines)


if __name__ == "__main__":
    unittest.main()
