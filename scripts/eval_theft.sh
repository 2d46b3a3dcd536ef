#!/usr/bin/env bash
# Evaluates the supervised theft detector (minewatch theft) on real London daily loads with theft injected by
# scripts/inject_theft.py, in the SGCC layout. Needs ../shared/data (skips cleanly without it). Two protocols:
#   1. cv:       stratified 5-fold cross-validation by household over all 3,217 households (seed 1, 10 %
#                attacked, default attack ranges), training folds augmented with the same households injected
#                with seeds 2-5 (15 % attacked); the held-out fold's households are never in training.
#   2. heldout:  a model trained on the *tuning* households only (sha256(id) mod 5 == 0; seeds 1-8, 15 %
#                attacked, default ranges) scores the *held-out* households injected with seed 101 at the
#                default ranges, and with seed 102 at ranges it was never trained on (wider alpha, gamma, zero
#                probability, bypass share, start and intermittent runs), and at 5 % attacked (seed 103);
#                the same model scores the simulated grids of seeds 11, 12 and 13 (as scripts/eval_mining.sh:
#                20,000 meters x 90 days at 30, 15 and 60 min; thefts h1-h6 within each day), and two short
#                windows: seed 14 (30 days at 15 min) and seed 15 (60 days at 60 min); and the real half-hourly
#                loads of the held-out households with theft injected reading by reading
#                (scripts/inject_theft_interval.py, seeds 201-205 pooled), from the half-hours and summed to days.
# Prints each run's table; leaves theft_eval.json, theft_scores.csv and theft_features.csv under --work.
# Usage: scripts/eval_theft.sh [--work DIR] [--build DIR] [--only cv|heldout]
set -euo pipefail
cd "$(dirname "$0")/.."
work=/tmp/minewatch-theft-eval
build=build
only=""
while (($#)); do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mw="$build/minewatch"
[ -x "$mw" ] || { echo "build minewatch first (scripts/build.sh)" >&2; exit 1; }
shared=../shared/data
if [ ! -d "$shared/london_daily" ]; then
  echo "eval_theft: $shared/london_daily not found: skipped (the real loads are not shipped)" >&2
  exit 0
fi
mkdir -p "$work"

inject() {  # inject DIR ARGS...: once; later runs reuse the files
  local dir=$1
  shift
  [ -f "$dir/train.csv" ] || python3 scripts/inject_theft.py --data-dir "$shared" -o "$dir" "$@" >/dev/null
}

untuned=(--alpha 0.1 0.9 --gamma 0.05 0.9 --zero-prob 0.1 0.7 --bypass 0.2 0.8 --start 0.1 0.9 --run-days 2 21)

if [ -z "$only" ] || [ "$only" = cv ]; then
  inject "$work/all_s1" --split all --seed 1
  augment=()
  for seed in 2 3 4 5; do
    inject "$work/all_s$seed" --split all --seed "$seed" --theft-share 0.15
    augment+=(--augment "$work/all_s$seed/train.csv")
  done
  echo "== cv: stratified 5-fold by household, all households, seed 1 (augmented with seeds 2-5)"
  /usr/bin/time -f "   wall %e s, peak RSS %M KB" "$mw" theft eval --input "$work/all_s1/train.csv" --format sgcc \
    --labels "$work/all_s1/labels.csv" "${augment[@]}" -o "$work/cv"
fi

if [ -z "$only" ] || [ "$only" = heldout ]; then
  echo "== heldout: training on the tuning households (scripts/train_theft_model.sh)"
  bash scripts/train_theft_model.sh --work "$work/train" --build "$build" --out "$work/theft_model.json"
  inject "$work/heldout_s101" --split heldout --seed 101
  inject "$work/heldout_s102_untuned" --split heldout --seed 102 "${untuned[@]}"
  inject "$work/heldout_s103_5pct" --split heldout --seed 103 --theft-share 0.05
  for set in heldout_s101 heldout_s102_untuned heldout_s103_5pct; do
    echo "== heldout: $set"
    "$mw" theft eval --input "$work/$set/train.csv" --format sgcc --labels "$work/$set/labels.csv" \
      --model "$work/theft_model.json" -o "$work/$set/eval"
  done
  for grid in "11 2025-01-01 30m 90" "12 2025-05-01 15m 90" "13 2025-09-01 60m 90" "14 2025-04-01 15m 30" \
    "15 2025-08-01 60m 60"; do
    read -r seed start interval days <<<"$grid"
    dir="$work/sim_$seed"
    [ -f "$dir/truth.csv" ] || "$mw" simulate -n 20000 -d "$days" --start "$start" --interval "$interval" \
      --seed "$seed" -o "$dir" -q
    echo "== heldout: simulated grid seed $seed ($interval from $start, $days days)"
    "$mw" theft eval --input "$dir/readings.csv" --meters "$dir/meters.csv" --labels "$dir/truth.csv" \
      --model "$work/theft_model.json" -o "$dir/eval"
  done
  # Real half-hourly loads (london_halfhourly, 2013) of the held-out households, theft injected reading by reading
  # at seeds 201-205 and pooled (a household is one honest or attacked meter per seed); scored once from the
  # half-hours (the intraday path) and once from the same readings summed to days.
  hh="$work/hh_heldout"
  if [ ! -f "$hh/labels.csv" ]; then
    for seed in 201 202 203 204 205; do
      python3 scripts/inject_theft_interval.py --data-dir "$shared" --split heldout --seed "$seed" \
        -o "$work/hh_s$seed" >/dev/null
    done
    mkdir -p "$hh"
    for f in readings daily_readings labels meters; do
      {
        head -n 1 "$work/hh_s201/$f.csv"
        for seed in 201 202 203 204 205; do tail -n +2 "$work/hh_s$seed/$f.csv"; done
      } >"$hh/$f.csv"
    done
  fi
  for f in readings daily_readings; do
    echo "== heldout: real half-hourly households, seeds 201-205 pooled ($f.csv)"
    "$mw" theft eval --input "$hh/$f.csv" --format long --meters "$hh/meters.csv" --labels "$hh/labels.csv" \
      --model "$work/theft_model.json" -o "$hh/eval_$f"
  done
fi
