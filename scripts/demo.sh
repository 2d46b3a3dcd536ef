#!/usr/bin/env bash
# The README's first command: installs what is missing, builds in Release, simulates a small grid with ground
# truth (demo/grid), finds mining traffic in the grid's flow records (demo/NET.csv, joined to subscribers by
# the leases), scans the readings with that evidence against the grid's policy into cases kept in
# demo/cases.db (demo/scan), and
# writes the report people read (demo/report/report.html), ending with a summary on the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh release >/dev/null

meters="${MINEWATCH_DEMO_METERS:-2000}"
days="${MINEWATCH_DEMO_DAYS:-90}"
rm -rf demo/grid demo/scan demo/report demo/NET.csv demo/cases.db demo/cases.db-wal demo/cases.db-shm
mkdir -p demo
echo "== simulating ${meters} meters x ${days} days (30-minute readings) into demo/grid"
build/minewatch simulate --meters "$meters" --days "$days" --start 2025-01-01 --seed 42 --interval 30m \
  --out demo/grid
echo
echo "== mining traffic in the telecom's flow records: demo/NET.csv"
build/minewatch net scan --flows demo/grid/flows.csv --leases demo/grid/leases.csv --out demo/NET.csv
echo
echo "== scanning demo/grid into demo/scan"
build/minewatch scan --readings demo/grid/readings.csv --meters demo/grid/meters.csv \
  --events demo/grid/events.csv --weather demo/grid/weather.csv --balance demo/grid/balance.csv \
  --policy demo/grid/policy.toml --net demo/NET.csv --db demo/cases.db --out demo/scan
echo
echo "== the report: demo/report/report.html"
build/minewatch report --scan demo/scan -o demo/report
echo
echo "Open demo/report/report.html (regions, top cases with their load plots), demo/scan/cases.csv (inspection"
echo "cases, ranked), demo/scan/suspects.csv (every meter's scores); demo/grid/truth.csv says what is true."
echo "Record an inspection: build/minewatch cases resolve --db demo/cases.db --case <case_id> --outcome confirmed"
