#!/usr/bin/env bash
# A/B of theft feature or parameter changes: trains a London-only model (the tuning households, seeds 1-8, as
# scripts/train_theft_model.sh without its simulated grids) with one minewatch binary and scores the held-out
# sets of scripts/eval_theft.sh (seeds 101, 102 untuned, 103 at 5 %). Run it once per binary (or per set of
# training options) in the same session and compare with theft_ab_table.py. Needs ../shared/data.
# Usage: scripts/experiments/theft_ab.sh NAME MINEWATCH [--work DIR] [-- THEFT_TRAIN_OPTIONS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
name=$1
mw=$(realpath "$2")
shift 2
work=/tmp/minewatch-theft-ab
train_options=()
while (($#)); do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --) shift; train_options=("$@"); break ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
shared=../shared/data
[ -d "$shared/london_daily" ] || { echo "theft_ab: $shared/london_daily not found: skipped" >&2; exit 0; }
inject() {  # inject DIR ARGS...: once; later runs reuse the files
  local dir=$1
  shift
  [ -f "$dir/train.csv" ] || python3 scripts/inject_theft.py --data-dir "$shared" -o "$dir" "$@" >/dev/null
}
augment=()
for seed in 1 2 3 4 5 6 7 8; do
  inject "$work/tune_s$seed" --split tune --seed "$seed" --theft-share 0.15
  [ "$seed" = 1 ] || augment+=(--augment "$work/tune_s$seed/train.csv")
done
inject "$work/heldout_s101" --split heldout --seed 101
inject "$work/heldout_s102_untuned" --split heldout --seed 102 --alpha 0.1 0.9 --gamma 0.05 0.9 \
  --zero-prob 0.1 0.7 --bypass 0.2 0.8 --start 0.1 0.9 --run-days 2 21
inject "$work/heldout_s103_5pct" --split heldout --seed 103 --theft-share 0.05
out="$work/ab/$name"
mkdir -p "$out"
/usr/bin/time -f "$name: train wall %e s, peak RSS %M KB" "$mw" theft train --input "$work/tune_s1/train.csv" \
  --format sgcc "${augment[@]}" "${train_options[@]}" --threads 2 --model "$out/model.json" >"$out/train.log"
for set in heldout_s101 heldout_s102_untuned heldout_s103_5pct; do
  "$mw" theft eval --input "$work/$set/train.csv" --format sgcc --labels "$work/$set/labels.csv" \
    --model "$out/model.json" -o "$out/$set" >"$out/$set.log"
done
python3 scripts/experiments/theft_ab_table.py --work "$work" "$name"
