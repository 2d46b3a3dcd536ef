#!/usr/bin/env bash
# Checks the layering rule of docs/architecture.md: a file never includes a header of a higher layer.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A rank=([core]=0 [io]=1 [engine]=1 [store]=1 [policy]=1 [net]=1 [learn]=1 [detect]=2 [sim]=2 [cases]=3 [pipeline]=3
                 [report]=4 [eval]=4 [stream]=4 [server]=4 [apps]=5)
status=0
for dir in src include/minewatch; do
  for layer_dir in "$dir"/*/; do
    layer=$(basename "$layer_dir")
    [ -n "${rank[$layer]+x}" ] || { echo "unknown layer folder: $layer_dir"; status=1; continue; }
    while IFS=: read -r file _ include; do
      used=$(sed -E 's|.*"minewatch/([a-z_]+)/.*|\1|' <<<"$include")
      if [ "${rank[$used]:-99}" -gt "${rank[$layer]}" ]; then
        echo "layering: $file ($layer) includes $used: $include"
        status=1
      fi
    done < <(grep -rHn '#include "minewatch/' "$layer_dir" || true)
  done
done
exit $status
