#!/usr/bin/env bash
# The README's first command: installs what is missing, builds in Release, simulates a small grid with ground
# truth (demo/grid) and scans it (demo/scan), ending with a summary on the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh release >/dev/null

meters="${MINEWATCH_DEMO_METERS:-2000}"
days="${MINEWATCH_DEMO_DAYS:-90}"
rm -rf demo/grid demo/scan
mkdir -p demo
echo "== simulating ${meters} meters x ${days} days (30-minute readings) into demo/grid"
build/minewatch simulate --meters "$meters" --days "$days" --start 2025-01-01 --seed 42 --interval 30m \
  --out demo/grid
echo
echo "== scanning demo/grid into demo/scan"
build/minewatch scan --readings demo/grid/readings.csv --meters demo/grid/meters.csv \
  --events demo/grid/events.csv --weather demo/grid/weather.csv --out demo/scan
echo
echo "Open demo/scan/suspects.csv (one row per meter, most suspicious first) and demo/scan/summary.json;"
echo "demo/grid/truth.csv says which meters really mine."
