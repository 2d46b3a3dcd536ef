#!/usr/bin/env python3
"""Prints the held-out figures of theft_ab.sh runs side by side: ROC AUC, PR-AUC, MAP@100, MAP@200 and
ROC AUC / PR-AUC per attack type, one line per run and set."""
import argparse
import json
import pathlib

SETS = ["heldout_s101", "heldout_s102_untuned", "heldout_s103_5pct"]
TYPES = ["h1", "h2", "h3", "h4", "h5", "h6", "bypass", "intermittent"]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--work", default="/tmp/minewatch-theft-ab")
    p.add_argument("runs", nargs="+")
    args = p.parse_args()
    for name in SETS:
        print(f"== {name}")
        for run in args.runs:
            path = pathlib.Path(args.work) / "ab" / run / name / "theft_eval.json"
            if not path.exists():
                print(f"{run:12s} missing")
                continue
            model = json.loads(path.read_text())["scorers"]["model"]
            a = model["all"]
            types = " ".join(f"{t}:{model['by_type'][t]['roc_auc']:.3f}/{model['by_type'][t]['pr_auc']:.3f}"
                             for t in TYPES if t in model["by_type"])
            print(f"{run:12s} ROC {a['roc_auc']:.4f} PR {a['pr_auc']:.4f} MAP100 {a['map100']:.3f} "
                  f"MAP200 {a['map200']:.3f} | {types}")


if __name__ == "__main__":
    main()
