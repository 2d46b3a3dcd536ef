#!/usr/bin/env python3
"""Experiment (not part of the product): a small neural model on the raw daily series for theft detection.

Reads the SGCC files that scripts/eval_theft.sh --only heldout leaves under --work (the same split as the
xgboost model's held-out rows):

    train/tune_s1..8/train.csv, labels.csv     tuning households, seeds 1-8 (15 % attacked): training only
    heldout_s101/, heldout_s102_untuned/, heldout_s103_5pct/   held-out households: reported on, never trained on
    <set>/eval/theft_scores.csv                the xgboost model's held-out scores (blended with ours)

Model (after Zheng et al. 2018's wide & deep CNN, made small): per household the daily series on one calendar
grid, divided by its own median (log1p), the same minus the file's per-day median of that (the peers' course,
computed over the scored file without labels, as the product does) and the missing-day mask; a 1D dilated CNN
that pools to 24 time segments (it keeps where in the series a change happens), a 2D CNN on the weeks x 7
reshape (Zheng's "deep" part) and a linear "wide" part on the weekly means. Early stopping on a split of the
tuning households by household (all of a household's seeds on one side); the held-out households are read
only to be scored. Blend: rank average with the xgboost scores at a fixed weight of 0.5 (nothing fitted on the
held-out rows). Needs python3, numpy and torch (CPU); exits with a message without them or without the files.

    nice python3 scripts/experiments/theft_cnn.py --work /tmp/theft-exp --out /tmp/theft-exp/cnn
"""
import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    print("theft_cnn: numpy not installed (apt-get install python3-numpy): skipped", file=sys.stderr)
    sys.exit(0)
try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    print("theft_cnn: torch not installed (apt-get install python3-torch): skipped", file=sys.stderr)
    sys.exit(0)

TUNE = [f"train/tune_s{s}" for s in range(1, 9)]
HELDOUT = ["heldout_s101", "heldout_s102_untuned", "heldout_s103_5pct"]
TYPES = ["h1", "h2", "h3", "h4", "h5", "h6", "bypass", "intermittent"]


def parse_date(text):
    y, m, d = text.replace("-", "/").split("/")
    return dt.date(int(y), int(m), int(d))


def read_sgcc(path):
    """-> ids, the dates of the columns, values [n, columns] float32 with NaN for blank."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        dates = [parse_date(h) for h in header[2:]]
        ids, rows = [], []
        for row in reader:
            ids.append(row[0])
            rows.append([float(v) if v != "" else np.nan for v in row[2:]])
    return ids, dates, np.asarray(rows, dtype=np.float32)


def read_labels(path):
    out = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            out[r["meter_id"]] = (int(r["flag"]), r.get("theft_type", "") or "")
    return out


def load_set(work, name, grid):
    ids, dates, vals = read_sgcc(os.path.join(work, name, "train.csv"))
    labels = read_labels(os.path.join(work, name, "labels.csv"))
    series = np.full((len(ids), len(grid)), np.nan, dtype=np.float32)
    pos = [grid[d] for d in dates]
    series[:, pos] = vals
    y = np.array([labels[i][0] for i in ids], dtype=np.float32)
    types = [labels[i][1] for i in ids]
    return ids, inputs(series), y, types


def inputs(series):
    """[n, days] kWh with NaN -> [n, 3, days]: log1p(x / own median), that minus the file's per-day median, mask."""
    mask = ~np.isnan(series)
    pos = np.where(mask & (series > 0), series, np.nan)
    med = np.nanmedian(pos, axis=1)
    med = np.where(np.isfinite(med) & (med > 0), med, 1.0).astype(np.float32)
    x = np.log1p(np.clip(np.nan_to_num(series / med[:, None], nan=0.0), 0, 20))
    xn = np.where(mask, x, np.nan)
    peer = np.nanmedian(xn, axis=0)
    peer = np.nan_to_num(peer, nan=0.0)
    rel = np.where(mask, x - peer[None, :], 0.0)
    return np.stack([x * mask, rel, mask.astype(np.float32)], axis=1).astype(np.float32)


class Net(nn.Module):
    def __init__(self, days):
        super().__init__()
        self.weeks = (days + 6) // 7
        self.pad = self.weeks * 7 - days
        # 1D branch: a daily convolution, max and mean pooled to weeks, dilated convolutions over the weeks,
        # pooled to 24 segments (keeps where in the series a change happens) and a max over time
        self.c1 = nn.Conv1d(3, 12, 7, padding=3)
        self.c2 = nn.Conv1d(24, 32, 5, padding=2)
        self.c3 = nn.Conv1d(32, 32, 5, padding=4, dilation=2)
        self.seg = 24
        # 2D branch on the weeks x 7 reshape (Zheng's deep part)
        self.d1 = nn.Conv2d(3, 8, 3, padding=1)
        self.d2 = nn.Conv2d(8, 8, 3, padding=1)
        self.dseg = 12
        # wide part on the weekly means of the two value channels
        self.wide = nn.Linear(2 * self.weeks, 16)
        self.head = nn.Sequential(nn.Linear(32 * self.seg + 32 + 8 * self.dseg + 16, 64), nn.ReLU(),
                                  nn.Dropout(0.3), nn.Linear(64, 1))

    def forward(self, x):
        xp = F.pad(x, (0, self.pad))
        h = F.relu(self.c1(xp))
        h = torch.cat([F.max_pool1d(h, 7), F.avg_pool1d(h, 7)], dim=1)
        h = F.relu(self.c2(h))
        h = F.relu(self.c3(h))
        one = torch.cat([F.adaptive_avg_pool1d(h, self.seg).flatten(1), h.amax(dim=2)], dim=1)
        w = xp.view(x.shape[0], 3, self.weeks, 7)
        g = F.relu(self.d1(w))
        g = F.relu(self.d2(g))
        two = F.adaptive_avg_pool2d(g, (self.dseg, 1)).flatten(1)
        wm = w[:, :2].sum(dim=3) / w[:, 2:3].sum(dim=3).clamp(min=1)
        wide = F.relu(self.wide(wm.flatten(1)))
        return self.head(torch.cat([one, two, wide], dim=1)).squeeze(1)


def roc_auc(score, y):
    y = np.asarray(y, dtype=bool)
    n1, n0 = y.sum(), (~y).sum()
    if n1 == 0 or n0 == 0:
        return float("nan")
    order = np.argsort(score, kind="mergesort")
    s = np.asarray(score)[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):  # average ranks for ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    return float((r[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def average_precision(score, y):
    """As src/eval/ranking.cpp: ties grouped, sum of (recall step) x precision."""
    y = np.asarray(y, dtype=bool)
    order = np.argsort(-np.asarray(score), kind="mergesort")
    s, p = np.asarray(score)[order], y[order]
    total = p.sum()
    ap, tp, seen, prev = 0.0, 0.0, 0.0, 0.0
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            tp += p[j]
            seen += 1
            j += 1
        rec = tp / total
        ap += (rec - prev) * (tp / seen)
        prev = rec
        i = j
    return float(ap)


def map_at(score, y, n):
    order = np.argsort(-np.asarray(score), kind="mergesort")
    p = np.asarray(y, dtype=bool)[order][:n]
    hits, total = 0, 0.0
    for i, v in enumerate(p):
        if v:
            hits += 1
            total += hits / (i + 1)
    return total / hits if hits else 0.0


def rank01(score):
    order = np.argsort(score, kind="mergesort")
    r = np.empty(len(score))
    r[order] = np.arange(len(score))
    return r / max(1, len(score) - 1)


def metrics(score, y, types):
    out = {"roc_auc": roc_auc(score, y), "pr_auc": average_precision(score, y),
           "map100": map_at(score, y, 100), "map200": map_at(score, y, 200), "per_type": {}}
    honest = y == 0
    for t in TYPES:
        sel = honest | np.array([tt == t for tt in types])
        if (sel & (y == 1)).sum():
            out["per_type"][t] = {"roc_auc": roc_auc(score[sel], y[sel]), "pr_auc": average_precision(score[sel], y[sel]),
                                  "n": int((sel & (y == 1)).sum())}
    return out


def predict(model, x, batch=256):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out.append(model(torch.from_numpy(x[i:i + batch])).numpy())
    return np.concatenate(out)


def train_one(seed, xtr, ytr, xva, yva, days, args):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Net(days)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-3)
    best, best_state, best_epoch, bad = -1.0, None, 0, 0
    for epoch in range(args.epochs):
        model.train()
        perm = rng.permutation(len(xtr))
        t0 = time.time()
        total = 0.0
        for i in range(0, len(perm), args.batch):
            b = perm[i:i + args.batch]
            xb, yb = torch.from_numpy(xtr[b]), torch.from_numpy(ytr[b])
            loss = F.binary_cross_entropy_with_logits(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(b)
        va = predict(model, xva)
        auc, ap = roc_auc(va, yva), average_precision(va, yva)
        print(f"  seed {seed} epoch {epoch + 1:2d} loss {total / len(perm):.4f} val AUC {auc:.4f} AP {ap:.4f} "
              f"({time.time() - t0:.1f} s)", flush=True)
        if auc > best:
            best, best_epoch, bad = auc, epoch + 1, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= args.patience:
                break
    model.load_state_dict(best_state)
    return model, best, best_epoch


def read_xgb(path):
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        return {row["meter_id"]: float(row["model"]) for row in r}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--work", default="/tmp/minewatch-theft-eval", help="the --work of scripts/eval_theft.sh")
    p.add_argument("--shared", default=os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "data")))
    p.add_argument("--out", default=None, help="where cnn_results.json and the score files go (default WORK/cnn)")
    p.add_argument("--seeds", type=int, nargs="+", default=[1], help="one model per seed, scores averaged")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--patience", type=int, default=4)
    p.add_argument("--reuse", action="store_true", help="load OUT/cnn_models.pt (a previous run's) instead of training")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "london_daily")):
        print(f"theft_cnn: {args.shared}/london_daily not found: skipped (the real loads are not shipped)",
              file=sys.stderr)
        return 0
    def missing(sets, what):
        need = [os.path.join(args.work, s, f) for s in sets for f in what]
        gone = [n for n in need if not os.path.exists(n)]
        if gone:
            print(f"theft_cnn: {gone[0]} not found: run scripts/eval_theft.sh --only heldout --work {args.work} "
                  "first", file=sys.stderr)
        return bool(gone)

    if missing(TUNE, ["train.csv", "labels.csv"]):
        return 0
    torch.set_num_threads(args.threads)
    out = args.out or os.path.join(args.work, "cnn")
    os.makedirs(out, exist_ok=True)
    t_start = time.time()

    # one calendar grid over every file
    dates = set()
    for s in TUNE + [h for h in HELDOUT if os.path.exists(os.path.join(args.work, h, "train.csv"))]:
        with open(os.path.join(args.work, s, "train.csv")) as f:
            dates.update(parse_date(h) for h in f.readline().strip().split(",")[2:])
    first, last = min(dates), max(dates)
    first = min(first, dt.date(2011, 11, 23))  # the London daily set's first and last days: one grid for every run
    last = max(last, dt.date(2014, 2, 28))
    days = (last - first).days + 1
    grid = {first + dt.timedelta(days=i): i for i in range(days)}
    print(f"grid {first} .. {last}: {days} days")

    xs, ys, hh = [], [], []
    for s in TUNE:
        ids, x, y, _ = load_set(args.work, s, grid)
        xs.append(x)
        ys.append(y)
        hh += ids
    xall, yall = np.concatenate(xs), np.concatenate(ys)
    # early-stopping split by household: every seed's copy of a household on the same side
    val = np.array([int(hashlib.sha256(("val:" + h).encode()).hexdigest(), 16) % 5 == 0 for h in hh])
    xtr, ytr, xva, yva = xall[~val], yall[~val], xall[val], yall[val]
    print(f"tuning rows {len(xall)} ({int(yall.sum())} thefts): train {len(xtr)}, early-stopping {len(xva)} "
          f"({len(set(h for h, v in zip(hh, val) if v))} households)")
    t_load = time.time() - t_start

    models, train_log = [], []
    t0 = time.time()
    saved = os.path.join(out, "cnn_models.pt")
    if args.reuse:
        blob = torch.load(saved)
        for state in blob["states"]:
            m = Net(days)
            m.load_state_dict(state)
            models.append(m)
        train_log = blob["train"]
        print(f"loaded {saved}: {train_log}")
    else:
        for seed in args.seeds:
            m, best, ep = train_one(seed, xtr, ytr, xva, yva, days, args)
            models.append(m)
            train_log.append({"seed": seed, "best_val_auc": best, "best_epoch": ep})
        torch.save({"states": [m.state_dict() for m in models], "train": train_log}, saved)
    t_train = time.time() - t0
    if missing(HELDOUT, ["train.csv", "labels.csv", "eval/theft_scores.csv"]):
        print(f"theft_cnn: models saved to {saved}; rerun with --reuse to score", file=sys.stderr)
        return 0
    del xall, xtr, xva

    results = {"grid": [str(first), str(last)], "seeds": args.seeds, "train": train_log,
               "params": sum(p.numel() for p in models[0].parameters()),
               "seconds": {"load": round(t_load, 1), "train": round(t_train, 1)}, "sets": {}}
    t0 = time.time()
    for s in HELDOUT:
        ids, x, y, types = load_set(args.work, s, grid)
        cnn = np.mean([1 / (1 + np.exp(-predict(m, x))) for m in models], axis=0)
        xgb_map = read_xgb(os.path.join(args.work, s, "eval", "theft_scores.csv"))
        xgb = np.array([xgb_map[i] for i in ids])
        blend = 0.5 * rank01(xgb) + 0.5 * rank01(cnn)
        with open(os.path.join(out, f"{s}_scores.csv"), "w") as f:
            f.write("meter_id,flag,theft_type,xgb,cnn,blend\n")
            for i, yy, t, a, b, c in zip(ids, y, types, xgb, cnn, blend):
                f.write(f"{i},{int(yy)},{t},{a:.6f},{b:.6f},{c:.6f}\n")
        results["sets"][s] = {"meters": len(ids), "thefts": int(y.sum()),
                              "xgb": metrics(xgb, y, types), "cnn": metrics(cnn, y, types),
                              "blend": metrics(blend, y, types)}
        r = results["sets"][s]
        print(f"== {s}: {len(ids)} meters ({int(y.sum())} thefts)")
        for k in ("xgb", "cnn", "blend"):
            print(f"  {k:5s} ROC AUC {r[k]['roc_auc']:.3f}  PR-AUC {r[k]['pr_auc']:.3f}  MAP@100 {r[k]['map100']:.3f}"
                  f"  MAP@200 {r[k]['map200']:.3f}")
        for t in TYPES:
            if t in r["cnn"]["per_type"]:
                print(f"    {t:12s} n={r['cnn']['per_type'][t]['n']:3d}  " + "  ".join(
                    f"{k} {r[k]['per_type'][t]['roc_auc']:.3f}/{r[k]['per_type'][t]['pr_auc']:.3f}"
                    for k in ("xgb", "cnn", "blend")))
    results["seconds"]["score"] = round(time.time() - t0, 1)
    with open(os.path.join(out, "cnn_results.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(f"train {t_train:.0f} s, total {time.time() - t_start:.0f} s; {out}/cnn_results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
