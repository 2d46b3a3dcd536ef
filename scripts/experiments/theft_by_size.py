#!/usr/bin/env python3
"""How detectable a theft is against how much it takes: ROC AUC of one scorer (each group of thieves against
every honest meter of the set) by attack type and by the share of the load the attack removes, and by how
many days it ran. Reads the `theft_scores.csv` of `minewatch theft eval -o DIR` and the `labels.csv` of
scripts/inject_theft.py (which records alpha: h1 and intermittent keep alpha of the load, a bypass keeps
1 - s, h2 zeroes days with probability alpha). Usage:

  scripts/experiments/theft_by_size.py --scores DIR/theft_scores.csv --labels SET/labels.csv [--scorer model]
"""
import argparse
import csv
import datetime as dt

SCALED = ("h1", "bypass", "intermittent")  # alpha is the share of the load the meter still shows
TAKEN_EDGES = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0001]
DAYS_EDGES = [0, 90, 180, 365, 100000]


def auc(positives, negatives):
    """Mann-Whitney ROC AUC, ties counted half."""
    if not positives or not negatives:
        return float("nan")
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0  # ranks i+1..j
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1] == 1)
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def taken_share(theft_type, alpha):
    """The share of the load (h2: of the days) the attack takes, or None for h3-h6."""
    if alpha == "":
        return None
    return 1.0 - float(alpha) if theft_type in SCALED else float(alpha)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scores", required=True)
    p.add_argument("--labels", required=True)
    p.add_argument("--scorer", default="model", help="a score column of theft_scores.csv (model, rule, baseline)")
    p.add_argument("--last-day", help="the series' last day (YYYY-MM-DD); default: 2014-02-27 (London)",
                   default="2014-02-27")
    args = p.parse_args()
    labels = {r["meter_id"]: r for r in csv.DictReader(open(args.labels, newline=""))}
    last = dt.date.fromisoformat(args.last_day)
    honest, thieves = [], []
    for r in csv.DictReader(open(args.scores, newline="")):
        score = float(r[args.scorer])
        label = labels[r["meter_id"]]
        if label["flag"] != "1":
            honest.append(score)
            continue
        start = dt.date.fromisoformat(label["theft_start"])
        thieves.append((label["theft_type"], taken_share(label["theft_type"], label["alpha"]),
                        (last - start).days + 1, score))
    print(f"{len(thieves)} thieves, {len(honest)} honest meters; scorer {args.scorer}")
    print("\nby the share taken (h1, bypass, intermittent: of the load; h2: of the days)")
    print(f"{'type':14s} {'taken':>11s} {'n':>4s} {'ROC AUC':>8s}")
    for t in ("h1", "bypass", "intermittent", "h2"):
        for lo, hi in zip(TAKEN_EDGES, TAKEN_EDGES[1:]):
            group = [s for tt, share, _, s in thieves if tt == t and share is not None and lo <= share < hi]
            if group:
                print(f"{t:14s} {lo:4.1f}-{min(hi, 1.0):4.1f}  {len(group):4d} {auc(group, honest):8.3f}")
    print("\nby the days the theft ran (to the series' end)")
    print(f"{'type':14s} {'days':>11s} {'n':>4s} {'ROC AUC':>8s}")
    for t in sorted({tt for tt, _, _, _ in thieves}):
        for lo, hi in zip(DAYS_EDGES, DAYS_EDGES[1:]):
            group = [s for tt, _, days, s in thieves if tt == t and lo <= days < hi]
            if group:
                print(f"{t:14s} {lo:5d}-{hi if hi < 100000 else '':5}  {len(group):4d} {auc(group, honest):8.3f}")
    print("\nall thieves, leaving out the scaled attacks that take less than a given share of the load")
    for floor in (0.0, 0.2, 0.3, 0.4, 0.5):
        kept = [(tt, s) for tt, share, _, s in thieves
                if not (tt in SCALED and share is not None and share < floor)]
        group = [s for _, s in kept]
        no_h6 = [s for tt, s in kept if tt != "h6"]
        print(f"  taking >= {floor:.1f}: {len(group):4d} thieves, ROC AUC {auc(group, honest):.3f}; "
              f"without h6 {len(no_h6):4d}, ROC AUC {auc(no_h6, honest):.3f}")


if __name__ == "__main__":
    main()
