#!/usr/bin/env bash
# Evaluates the mining detector on data never used for training or tuning, and prints one table:
#   * simulated grids at held-out seeds 11, 12, 13 (default simulator settings; 20,000 meters x 90 days;
#     January at 30 min, May at 15 min, September at 60 min readings);
#   * when ../shared/data is present, the *held-out* households of the real London (half-hourly, daily) and
#     Australian (SGSC) loads with mining injected by scripts/inject_mining.py (seed 1).
# Each run leaves eval_mining.json and scored_meters.csv under --work. Usage:
#   scripts/eval_mining.sh [--work DIR] [--build DIR] [--meters N] [--extra "eval options"]
set -euo pipefail
cd "$(dirname "$0")/.."
work=/tmp/minewatch-eval
build=build
meters=20000
extra=""
while (($#)); do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --meters) meters=$2; shift 2 ;;
    --extra) extra=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mw="$build/minewatch"
[ -x "$mw" ] || { echo "build minewatch first (scripts/build.sh)" >&2; exit 1; }
mkdir -p "$work"
runs=()

# seed start interval
for grid in "11 2025-01-01 30m" "12 2025-05-01 15m" "13 2025-09-01 60m"; do
  read -r seed start interval <<<"$grid"
  dir="$work/sim_$seed"
  if [ ! -f "$dir/readings.csv" ]; then
    "$mw" simulate -n "$meters" -d 90 --start "$start" --interval "$interval" --seed "$seed" -o "$dir" -q
  fi
  # shellcheck disable=SC2086
  "$mw" eval mining -r "$dir/readings.csv" -m "$dir/meters.csv" -w "$dir/weather.csv" -t "$dir/truth.csv" \
    -o "$dir/eval" $extra >"$dir/eval.txt"
  runs+=("sim seed $seed ($interval, from $start)=$dir/eval/eval_mining.json")
done

shared=../shared/data
if [ -d "$shared" ]; then
  for source in london_halfhourly london_daily sgsc; do
    dir="$work/real_${source}_heldout"
    if [ ! -f "$dir/readings.csv" ]; then
      python3 scripts/inject_mining.py --source "$source" --data-dir "$shared" --split heldout --seed 1 \
        -o "$dir" >/dev/null
    fi
    # shellcheck disable=SC2086
    "$mw" eval mining -r "$dir/readings.csv" -m "$dir/meters.csv" -t "$dir/truth.csv" -o "$dir/eval" $extra \
      >"$dir/eval.txt"
    runs+=("real $source, held-out households=$dir/eval/eval_mining.json")
  done
else
  echo "eval: $shared not found: real-load evaluation skipped" >&2
fi

python3 scripts/eval_table.py "${runs[@]}"
