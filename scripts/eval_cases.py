#!/usr/bin/env python3
"""Measures a scan's inspection cases against a simulated grid's truth (docs/cases.md).

    python3 scripts/eval_cases.py --grid GRID_DIR --scan SCAN_DIR [--k 10 25 50]

A case is *actionable* when an inspector would find something at it: one of its meters steals or is tampered
with (truth.csv theft_type / tamper), mines unregistered above the individual limit or in breach of a ban
(truth.csv registered / behaviour), or it is a transformer with a tap (truth_transformers.csv). Its *value* is
the hidden energy of its meters (truth.csv hidden_kwh) plus the tap's energy. Prints, for the first k cases in
the scan's order (priority) and in the order of probability alone (the baseline), the share actionable and
the share of all hidden energy the k visits reach.
"""
import argparse
import csv
import os


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", required=True)
    ap.add_argument("--scan", required=True)
    ap.add_argument("--k", type=int, nargs="+", default=[10, 25, 50])
    args = ap.parse_args()
    truth = {r["meter_id"]: r for r in load(os.path.join(args.grid, "truth.csv"))}
    taps = {}
    tpath = os.path.join(args.grid, "truth_transformers.csv")
    if os.path.exists(tpath):
        for r in load(tpath):
            if float(r.get("tap_kwh") or 0) > 0:
                taps[r["transformer_id"]] = float(r["tap_kwh"])
    cases = load(os.path.join(args.scan, "cases.csv"))
    cases = [c for c in cases if c["status"] != "suppressed"]

    def meter_actionable(t):
        if t["theft_type"] or t["tamper"]:
            return True
        if not t["mining_kw"]:
            return False
        b = t["behaviour"]
        return "banned_region" in b or "seasonal_violation" in b or t["registered"] != "true"

    def judge(c):
        if c["kinds"] == "tap":
            tid = c["site"].split(":", 1)[1]
            return tid in taps, taps.get(tid, 0.0)
        ms = [truth[m] for m in c["meters"].split(";") if m in truth]
        return any(meter_actionable(t) for t in ms), sum(float(t["hidden_kwh"] or 0) for t in ms)

    total_hidden = sum(float(t["hidden_kwh"] or 0) for t in truth.values()) + sum(taps.values())
    orders = {
        "priority (scan order)": cases,
        "probability alone": sorted(cases, key=lambda c: (-float(c["probability"]), c["case_id"])),
    }
    print(f"{len(cases)} cases; hidden energy in the grid {total_hidden:,.0f} kWh")
    print(f"{'order':<24}" + "".join(f" {'P@' + str(k):>7} {'kWh@' + str(k):>8}" for k in args.k))
    for name, order in orders.items():
        cells = []
        for k in args.k:
            top = [judge(c) for c in order[:k]]
            hit = sum(1 for a, _ in top if a) / max(1, len(top))
            share = sum(v for _, v in top) / total_hidden if total_hidden else 0.0
            cells.append(f" {hit:7.2f} {share:8.2f}")
        print(f"{name:<24}" + "".join(cells))


if __name__ == "__main__":
    main()
