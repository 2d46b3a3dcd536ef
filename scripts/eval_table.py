#!/usr/bin/env python3
"""Prints a Markdown table of `minewatch eval mining` results: one row per NAME=eval_mining.json argument."""
import json
import sys


def pct(x):
    return "-" if x is None else f"{100 * x:.1f}%"


def num(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def precision_at(ranking, k):
    for p in ranking["precision_at_k"]:
        if p["k"] == k:
            return num(p["precision"], 2) if p["available"] else "n/a"
    return "-"


def main():
    print("| data | meters | mining | AUC | AP | P@50 | P@100 | P@500 | kW err (median) | kW within 10% "
          "| start err (median days) | start within 2 d | ECE | baseline AUC | baseline AP | baseline P@100 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for arg in sys.argv[1:]:
        name, path = arg.rsplit("=", 1)
        j = json.load(open(path))
        ours = j["ranking"]["minewatch"]
        base = j["ranking"]["baseline"]
        kw = j["estimates"]["kw"]
        start = j["estimates"]["start_day"]
        print(f"| {name} | {j['counts']['truth_meters']} | {j['counts']['positives']} | {num(ours['roc_auc'])} "
              f"| {num(ours['average_precision'])} | {precision_at(ours, 50)} | {precision_at(ours, 100)} "
              f"| {precision_at(ours, 500)} | {pct(kw.get('median_abs_pct_error'))} "
              f"| {pct(kw.get('share_within_10pct'))} | {num(start.get('median_abs_days'), 1)} "
              f"| {pct(start.get('share_within_2_days'))} | {num(j['calibration']['ece'])} "
              f"| {num(base['roc_auc'])} | {num(base['average_precision'])} | {precision_at(base, 100)} |")


if __name__ == "__main__":
    main()
