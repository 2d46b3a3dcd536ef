#!/usr/bin/env bash
# Configures and builds one flavour: release (default, build/), sanitize (ASan+UBSan, build-sanitize/),
# fuzz (clang + libFuzzer, build-fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
flavour="${1:-release}"
jobs="$(nproc)"
case "$flavour" in
  release)
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build -j "$jobs"
    ;;
  sanitize)
    cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINEWATCH_SANITIZE=ON \
      -DMINEWATCH_BENCH=OFF >/dev/null
    cmake --build build-sanitize -j "$jobs"
    ;;
  fuzz)
    CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINEWATCH_FUZZ=ON \
      -DMINEWATCH_TESTS=OFF -DMINEWATCH_BENCH=OFF >/dev/null
    cmake --build build-fuzz -j "$jobs"
    ;;
  *)
    echo "usage: scripts/build.sh [release|sanitize|fuzz]" >&2
    exit 2
    ;;
esac
