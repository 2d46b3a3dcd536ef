#!/usr/bin/env python3
"""Measures how much network evidence improves the mining ranking (docs/network.md, "Fusion").

    python3 scripts/eval_net_fusion.py --grid GRID_DIR --scan SCAN_DIR [--k 25 50 100 200] [--threshold 0.5]

GRID_DIR is a `minewatch simulate` output (truth.csv: a meter mines when its class starts with `mining_`;
net_truth.csv, when present, says which subscribers the telecom sees); SCAN_DIR a `minewatch scan --net`
output (suspects.csv with mining_score, the meter alone, and mining_net_score, fused with the network; the
latter is empty for meters the network does not see, whose fused score is then the meter's). Prints, for the
meter alone and fused: precision@k over all meters, and at the threshold the meters flagged, precision and
recall; then the same restricted to the meters whose subscriber the network sees.
"""
import argparse
import csv
import os


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def precision_at(ranked, k):
    top = ranked[:k]
    return sum(1 for _, miner in top if miner) / len(top) if top else float("nan")


def summarise(rows, key, k_values, threshold):
    ranked = sorted(((key(r), r["miner"]) for r in rows), key=lambda x: -x[0])
    positives = sum(1 for r in rows if r["miner"])
    flagged = [m for s, m in ranked if s >= threshold]
    hits = sum(1 for m in flagged if m)
    out = {f"P@{k}": precision_at(ranked, k) for k in k_values}
    out["flagged"] = len(flagged)
    out["precision"] = hits / len(flagged) if flagged else float("nan")
    out["recall"] = hits / positives if positives else float("nan")
    return out


def table(title, rows, k_values, threshold):
    meter = summarise(rows, lambda r: r["meter"], k_values, threshold)
    fused = summarise(rows, lambda r: r["fused"], k_values, threshold)
    miners = sum(1 for r in rows if r["miner"])
    print(f"{title}: {len(rows)} meters, {miners} miners")
    columns = list(meter.keys())
    print("| ranking | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, values in (("meter alone", meter), ("meter + network", fused)):
        cells = [f"{values[c]:.3f}" if isinstance(values[c], float) else str(values[c]) for c in columns]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    return meter, fused


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", required=True)
    ap.add_argument("--scan", required=True)
    ap.add_argument("--k", type=int, nargs="+", default=[25, 50, 100, 200])
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    truth = {r["meter_id"]: r for r in load(os.path.join(args.grid, "truth.csv"))}
    rows = []
    for s in load(os.path.join(args.scan, "suspects.csv")):
        t = truth.get(s["meter_id"])
        if t is None:
            continue
        meter = float(s["mining_score"])
        fused = float(s["mining_net_score"]) if s.get("mining_net_score") else meter
        rows.append({"meter": meter, "fused": fused, "seen": s.get("net_score", "") != "",
                     "miner": t["class"].startswith("mining_")})
    if not any(r["seen"] for r in rows):
        print("warning: no meter has network evidence (was the scan run with --net?)")
    table("all meters", rows, args.k, args.threshold)
    table("meters the network sees", [r for r in rows if r["seen"]], args.k, args.threshold)


if __name__ == "__main__":
    main()
