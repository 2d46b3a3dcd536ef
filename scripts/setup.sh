#!/usr/bin/env bash
# Installs the Debian 12 packages minewatch needs (idempotent: only what is missing).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libcli11-dev libfmt-dev nlohmann-json3-dev libhowardhinnant-date-dev libtomlplusplus-dev
  zlib1g-dev libzstd-dev zstd tzdata
  libgtest-dev libgmock-dev libbenchmark-dev libxgboost-dev
  clang libclang-rt-14-dev clang-format
  libsqlite3-dev libpqxx-dev postgresql
  libpcap-dev libndpi-dev libfixbuf-dev
  chromium
  python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
