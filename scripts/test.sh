#!/usr/bin/env bash
# The README's test command (and CI's): installs what is missing, checks format and layering, builds the
# release, sanitizer and fuzz flavours, runs the fuzzers briefly, then every test under ASan/UBSan and in
# the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== clang-format"
bash scripts/check_format.sh

echo "== layering"
bash scripts/check_layers.sh

echo "== build: release"
bash scripts/build.sh release
echo "== build: sanitize (ASan+UBSan)"
bash scripts/build.sh sanitize
echo "== build: fuzz (libFuzzer)"
bash scripts/build.sh fuzz

echo "== fuzz smoke (${MINEWATCH_FUZZ_SECONDS:-10} s per target)"
bash scripts/fuzz_smoke.sh "${MINEWATCH_FUZZ_SECONDS:-10}"

echo "== tests: sanitize"
ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)"
echo "== tests: release"
ctest --test-dir build --output-on-failure -j "$(nproc)"
