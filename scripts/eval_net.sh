#!/usr/bin/env bash
# Runs `minewatch net scan` on each labelled capture of ../shared/data/pcap (labels.csv: file,label,...) and
# prints per file: label, verdict (mining when the top address scores >= 0.5), net_score and reasons, then
# the totals. Skips (exit 0) when ../shared is absent. Usage: scripts/eval_net.sh [path/to/minewatch]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-build/minewatch}"
data="${MINEWATCH_PCAP_DIR:-../shared/data/pcap}"
if [ ! -f "$data/labels.csv" ]; then
  echo "eval_net: $data/labels.csv not found; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
found=0 missed=0 flagged=0 clean=0
printf '%-38s %-7s %-7s %-9s %s\n' file label verdict net_score reasons
while IFS=, read -r file label _; do
  [ "$file" = file ] && continue
  "$binary" net scan --pcap "$data/$file" --out "$work/NET.csv" >/dev/null
  # The first data row is the top address (NET.csv is sorted by net_score).
  read -r score reasons < <(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
top = rows[0] if rows else {"net_score": "0", "reasons": "no flows"}
print(top["net_score"], top["reasons"])' "$work/NET.csv")
  verdict=$(python3 -c "print('mining' if float('$score') >= 0.5 else 'benign')")
  printf '%-38s %-7s %-7s %-9s %s\n' "$file" "$label" "$verdict" "$score" "$reasons"
  case "$label/$verdict" in
    mining/mining) found=$((found + 1)) ;;
    mining/benign) missed=$((missed + 1)) ;;
    benign/mining) flagged=$((flagged + 1)) ;;
    *) clean=$((clean + 1)) ;;
  esac
done <"$data/labels.csv"
echo "mining found $found of $((found + missed)); benign flagged $flagged of $((flagged + clean))"
