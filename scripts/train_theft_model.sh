#!/usr/bin/env bash
# Trains the shipped theft model (data/models/theft.json) on the real London daily loads of the *tuning*
# households only (sha256(id) mod 5 == 0, 634 households), with theft injected by scripts/inject_theft.py at
# seeds 1-8 (15 % attacked each, default attack ranges): 8 copies of the same households, kept in one fold
# each by `theft train`'s stratified folds by household. The held-out households are never used (they are
# what scripts/eval_theft.sh reports on). Beside them, four simulated grids (`minewatch simulate`, 20,000
# meters each: seeds 1001 at 30 min from February and 1002 at 15 min from June, 90 days; 1003 at 60 min from
# October, 30 days; 1004 at 30 min from December, 60 days; thefts h1-h6 applied to each day's readings) teach
# the intraday features and short windows of interval data; the evaluation uses other seeds. Needs
# ../shared/data. Usage:
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
for grid in "1001 2025-02-01 30m 90" "1002 2025-06-01 15m 90" "1003 2025-10-01 60m 30" "1004 2025-12-01 30m 60"; do
  read -r seed start interval days <<<"$grid"
  dir="$work/sim_$seed"
  [ -f "$dir/truth.csv" ] || "$mw" simulate -n 20000 -d "$days" --start "$start" --interval "$interval" \
    --seed "$seed" -o "$dir" -q
  augment+=(--augment-grid "$dir")
done
/usr/bin/time -f "  wall %e s, peak RSS %M KB" "$mw" theft train --input "$work/tune_s1/train.csv" --format sgcc \
  "${augment[@]}" --threads 2 --model "$out"
