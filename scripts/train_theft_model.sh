#!/usr/bin/env bash
# Trains the shipped theft model (data/models/theft.json) on the real London daily loads of the *tuning*
# households only (sha256(id) mod 5 == 0, 634 households), with theft injected by scripts/inject_theft.py at
# seeds 1-8 (15 % attacked each, default attack ranges): 8 copies of the same households, kept in one fold
# each by `theft train`'s stratified folds by household. The held-out households are never used (they are
# what scripts/eval_theft.sh reports on). Beside them, twelve simulated grids (`minewatch simulate`, seeds
# 2001-2012, 5,000 meters each, one starting on the first of each month of 2024; 90, 60 and 30 days at 30, 15
# and 60 min in turn; thefts h1-h6 applied to each day's readings) teach the intraday features, every season
# and short windows of interval data; the evaluation uses other seeds and another year. Needs ../shared/data.
# Usage:
#   scripts/train_theft_model.sh [--work DIR] [--build DIR] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
work=/tmp/minewatch-theft-train
build=build
out=data/models/theft.json
while (($#)); do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mw="$build/minewatch"
[ -x "$mw" ] || { echo "build minewatch first (scripts/build.sh)" >&2; exit 1; }
shared=../shared/data
[ -d "$shared/london_daily" ] || { echo "train_theft_model: $shared/london_daily not found" >&2; exit 1; }
mkdir -p "$work"
augment=()
for seed in 1 2 3 4 5 6 7 8; do
  dir="$work/tune_s$seed"
  [ -f "$dir/train.csv" ] || python3 scripts/inject_theft.py --data-dir "$shared" --split tune --seed "$seed" \
    --theft-share 0.15 -o "$dir" >/dev/null
  [ "$seed" = 1 ] || augment+=(--augment "$dir/train.csv")
done
# One grid of 5,000 meters starting in each month of 2024, lengths and intervals in turn (90 days at 30 min, 60 at
# 15, 30 at 60): the model meets every season's course and every window length it will score.
i=0
for month in 01 02 03 04 05 06 07 08 09 10 11 12; do
  case $((i % 3)) in
    0) days=90 interval=30m ;;
    1) days=60 interval=15m ;;
    2) days=30 interval=60m ;;
  esac
  seed=$((2001 + i))
  dir="$work/sim_$seed"
  [ -f "$dir/truth.csv" ] || "$mw" simulate -n 5000 -d "$days" --start "2024-$month-01" --interval "$interval" \
    --seed "$seed" -o "$dir" -q
  augment+=(--augment-grid "$dir")
  i=$((i + 1))
done
# Real half-hourly households (london_halfhourly, 2013) of the tuning split, theft injected reading by reading
# (scripts/inject_theft_interval.py, 30 % attacked, seeds 1-16, plain ids so that a household's copies share a
# fold): the intraday features meet real homes' days, not only the simulator's.
for seed in $(seq 1 16); do
  dir="$work/hh_tune_s$seed"
  [ -f "$dir/truth.csv" ] || python3 scripts/inject_theft_interval.py --data-dir "$shared" --split tune \
    --seed "$seed" --theft-share 0.3 --plain-ids -o "$dir" >/dev/null
  augment+=(--augment-grid "$dir")
done
/usr/bin/time -f "  wall %e s, peak RSS %M KB" "$mw" theft train --input "$work/tune_s1/train.csv" --format sgcc \
  "${augment[@]}" --threads 2 --model "$out"
