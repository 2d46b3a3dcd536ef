#!/usr/bin/env bash
# Runs every libFuzzer target in build-fuzz/ for a few seconds from its seed corpus (tests/fuzz/corpus/<name>).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
shopt -s nullglob
targets=(build-fuzz/tests/fuzz/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz smoke: no fuzz targets built" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  name=$(basename "$target")
  corpus="tests/fuzz/corpus/${name#fuzz_}"
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
  echo "fuzz: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -max_len=4096 -print_final_stats=0 "$work" 2>"$work.log" || {
    tail -40 "$work.log"
    echo "fuzz: $name found a crash" >&2
    exit 1
  }
  rm -rf "$work" "$work.log"
done
