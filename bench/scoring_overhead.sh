#!/usr/bin/env bash
# What the mining detector's scoring (day series, profiles, peers, the model) costs a scan: times
# `minewatch scan` of this build against the scan of the foundation issue (commit 67a99d9, built in a git
# worktree), alternating runs on the same file from the page cache, and prints the median wall time and peak
# RSS of each and their ratio. The issue's budget: at most 25 % slower.
# Usage: bench/scoring_overhead.sh --grid DIR [--repeat N] [--baseline COMMIT] [--threads N]
#   DIR holds readings.csv, meters.csv and weather.csv (minewatch simulate -o DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
grid=""
repeat=3
baseline=67a99d9
threads=2
while (($#)); do
  case "$1" in
    --grid) grid=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$grid" ] || { echo "usage: bench/scoring_overhead.sh --grid DIR [--repeat N]" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt install time)" >&2; exit 1; }

base_tree="${TMPDIR:-/tmp}/minewatch-baseline-$baseline"
if [ ! -x "$base_tree/build/minewatch" ]; then
  git -C "$root" worktree add -f "$base_tree" "$baseline" >/dev/null 2>&1 || true
  cmake -S "$base_tree" -B "$base_tree/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMINEWATCH_TESTS=OFF \
    -DMINEWATCH_BENCH=OFF >/dev/null
  cmake --build "$base_tree/build" --target minewatch >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat "$grid/readings.csv" >/dev/null  # into the page cache
for ((i = 0; i < repeat; ++i)); do
  /usr/bin/time -f "baseline %e %M" "$base_tree/build/minewatch" scan -r "$grid/readings.csv" \
    -m "$grid/meters.csv" -o "$out/base" -q -j "$threads" 2>>"$out/times"
  /usr/bin/time -f "current %e %M" "$root/build/minewatch" scan -r "$grid/readings.csv" -m "$grid/meters.csv" \
    -w "$grid/weather.csv" -o "$out/current" -q -j "$threads" 2>>"$out/times"
done
python3 - "$out/times" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, rss = line.split()
    runs.setdefault(name, []).append((float(wall), int(rss)))
b = statistics.median(w for w, _ in runs["baseline"]); c = statistics.median(w for w, _ in runs["current"])
rb = max(r for _, r in runs["baseline"]) / 1024; rc = max(r for _, r in runs["current"]) / 1024
print(f"baseline (foundation scan): {b:.2f} s, peak RSS {rb:.0f} MB")
print(f"current (with scoring):     {c:.2f} s, peak RSS {rc:.0f} MB")
print(f"ratio: {c / b:.3f} ({100 * (c / b - 1):+.1f} %), {len(runs['current'])} runs each")
PY
