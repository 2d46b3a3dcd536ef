#!/usr/bin/env bash
# The macro benchmark of minewatch (docs/BENCHMARKS.md): in ONE run, on ONE readings file read from the page
# cache, it times
#   wc -l                                  the baseline rate of reading the bytes at all
#   minewatch scan --threads 1 and 2       ingestion (MB/s, readings/s), wall time and peak RSS of the full scan
#   DuckDB read_csv + GROUP BY (2 threads) the same daily aggregates (meter, UTC day: sum, min, max)
#   pandas chunked read_csv + groupby      the same daily aggregates
# checks that the peers agree (readings, meter-days, energy), prints a table and writes
# bench/results/macro-<UTC date and time>.json with every figure as a ratio against the baselines of this run.
#
# The data comes from `minewatch simulate` (100,000 meters x 90 days of 30-minute readings by default:
# 432 million readings, about 16 GB), generated into a work directory that is deleted at the end unless
# --keep; --readings FILE uses an existing long CSV instead (never deleted).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
invocation="bench/run_macro.sh $*"
root="$(dirname "$here")"

usage() {
  cat <<EOF
usage: bench/run_macro.sh [options]

data
  --meters N          meters to simulate (default 100000)
  --days D            days to simulate, 30-minute readings (default 90: 100000 x 90 = 432 M readings)
  --small             a quick check: 2000 meters x 90 days (8.64 M readings, about 0.3 GB)
  --readings FILE     use this long CSV (meter_id,ts,kwh,...) instead of simulating; it is never deleted
  --registry          pass the simulated meters.csv to the scan (local days in each meter's zone; the peers
                      keep UTC days, so the meter-day check is skipped)
  --workdir DIR       where to generate data and outputs: a new minewatch-macro-XXXXXX directory inside DIR
                      (default DIR: \${TMPDIR:-/tmp}); it must be on a disk with room for the data
  --keep              keep the work directory (generated data included)
  --dry-run           check the tools, the disk and the memory, print the plan, and stop

what to run
  --minewatch PATH    the binary (default: build/minewatch)
  --repeat N          runs of each measurement; the median is reported (default 1; wc -l always runs 5 times)
  --no-pandas         skip the pandas peer (the slowest step: about 5 min at the full size)
  --no-duckdb         skip the DuckDB peer
  --results DIR       where the JSON goes (default: bench/results)
  -h, --help          this text
EOF
}

meters=100000
days=90
readings=""
use_registry=0
workdir=""
keep=0
minewatch="$root/build/minewatch"
repeat=1
run_pandas=1
run_duckdb=1
results_dir="$root/bench/results"
dry_run=0

while (($#)); do
  case "$1" in
    --meters) meters="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --small) meters=2000; days=90; shift ;;
    --readings) readings="$2"; shift 2 ;;
    --registry) use_registry=1; shift ;;
    --workdir) workdir="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    --minewatch) minewatch="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --no-pandas) run_pandas=0; shift ;;
    --no-duckdb) run_duckdb=0; shift ;;
    --results) results_dir="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run_macro: unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "run_macro: $*" >&2; exit 1; }
say() { echo "run_macro: $*" >&2; }

[[ "$meters" =~ ^[0-9]+$ && "$days" =~ ^[0-9]+$ && "$repeat" =~ ^[1-9][0-9]*$ ]] ||
  die "--meters, --days and --repeat take positive integers"

# --- tools ----------------------------------------------------------------------------------------------------
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: apt-get install time"
command -v wc >/dev/null || die "wc is missing"
[[ -x "$minewatch" ]] || die "no minewatch binary at $minewatch (build it: scripts/build.sh, or pass --minewatch)"
minewatch="$(cd "$(dirname "$minewatch")" && pwd)/$(basename "$minewatch")"
python=/usr/bin/python3  # Debian's python3 with python3-pandas; a pyenv python on PATH may lack pandas
[[ -x "$python" ]] || die "/usr/bin/python3 is missing: apt-get install python3"
if ((run_pandas)); then
  "$python" -c 'import pandas' 2>/dev/null || die "pandas is missing: apt-get install python3-pandas (or --no-pandas)"
fi
if ((run_duckdb)); then
  command -v node >/dev/null || die "node is missing: apt-get install nodejs npm (or --no-duckdb)"
  [[ -d "$here/peers/node_modules/@duckdb/node-api" ]] ||
    die "DuckDB is not installed: (cd bench/peers && npm install)   (or --no-duckdb)"
fi
command -v fincore >/dev/null || say "fincore (util-linux) is missing: page-cache residency will not be reported"

# --- work directory and disk space ------------------------------------------------------------------------------
# Always a fresh directory of our own (inside --workdir when given), so the clean-up never removes anything else.
parent="${workdir:-${TMPDIR:-/tmp}}"
mkdir -p "$parent"
workdir="$(mktemp -d "$(cd "$parent" && pwd)/minewatch-macro-XXXXXX")"
cleanup() {
  if ((keep)); then
    say "kept $workdir"
  else
    rm -rf -- "$workdir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

expected_readings=$((meters * days * 48))
mem_avail_bytes=$(($(awk '/^MemAvailable:/ {print $2}' /proc/meminfo) * 1024))
if [[ -z "$readings" ]]; then
  # A long CSV row of the simulator is about 36 bytes (meter id, ISO timestamp, kWh); allow 45, plus the
  # registry, events and the scans' outputs, plus 2 GB of headroom.
  need_bytes=$((expected_readings * 45 + 2 * 1024 * 1024 * 1024))
  avail_bytes=$(($(df --output=avail -k "$workdir" | tail -1) * 1024))
  fs_type=$(df --output=fstype "$workdir" | tail -1 | tr -d ' ')
  say "plan: simulate $meters meters x $days days = $expected_readings readings (about $((expected_readings * 36 / 1000000)) MB)"
  say "disk: need about $((need_bytes >> 20)) MB in $workdir ($fs_type), $((avail_bytes >> 20)) MB free"
  ((avail_bytes > need_bytes)) || die "not enough disk space in $workdir (see --workdir)"
  # A file in tmpfs is memory: it would compete with the page cache and the programs being measured.
  if [[ "$fs_type" == tmpfs || "$fs_type" == ramfs ]] && ((need_bytes > mem_avail_bytes / 4)); then
    die "$workdir is in memory ($fs_type) and the data would take over a quarter of it: use a disk (--workdir)"
  fi
fi
if ((dry_run)); then
  say "memory: $((mem_avail_bytes >> 20)) MB available (the file should fit in the page cache)"
  say "dry run: stopping here"
  exit 0
fi

# --- the data -----------------------------------------------------------------------------------------------------
generate_s=""
registry_file=""
if [[ -n "$readings" ]]; then
  [[ -f "$readings" ]] || die "no such file: $readings"
  readings="$(cd "$(dirname "$readings")" && pwd)/$(basename "$readings")"
else
  "$minewatch" simulate --help >/dev/null 2>&1 ||
    die "$minewatch has no 'simulate' subcommand yet: pass --readings FILE"
  say "simulating $meters meters x $days days (30-minute readings) into $workdir/data"
  started=$(date +%s.%N)
  "$minewatch" simulate --meters "$meters" --days "$days" --start 2025-01-01 --seed 1 --interval 30m \
    --out "$workdir/data" >"$workdir/simulate.log" 2>&1 || { cat "$workdir/simulate.log" >&2; die "simulate failed"; }
  generate_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  if [[ -f "$workdir/data/readings.csv" ]]; then
    readings="$workdir/data/readings.csv"
  else
    readings="$(find "$workdir/data" -maxdepth 1 -name '*readings*.csv' | sort | head -1)"
  fi
  [[ -n "$readings" && -f "$readings" ]] ||
    die "simulate wrote no plain readings CSV in $workdir/data: $(ls "$workdir/data" | tr '\n' ' ')"
  [[ -f "$workdir/data/meters.csv" ]] && registry_file="$workdir/data/meters.csv"
fi
if ((use_registry)); then
  [[ -n "$registry_file" ]] || die "--registry: no meters.csv beside the simulated readings"
fi
magic="$(head -c 4 "$readings" | od -An -tx1 | tr -d ' \n')"
[[ "$magic" != 1f8b* && "$magic" != 28b52ffd ]] || die "$readings is compressed (gzip or zstd): give a plain CSV"
file_bytes=$(stat -c %s "$readings")

if ((file_bytes > mem_avail_bytes * 8 / 10)); then
  say "warning: the file ($((file_bytes >> 20)) MB) is close to or above the free memory ($((mem_avail_bytes >> 20)) MB):"
  say "         it cannot stay in the page cache, so every figure includes disk reads (see resident_pct_before)"
fi

# --- measuring ------------------------------------------------------------------------------------------------------
measurements="$workdir/measurements.jsonl"
: >"$measurements"

# measure NAME RUN_INDEX COMMAND...: warms the page cache, then runs the command through bench/measure.py
# (wall time, CPU time and peak RSS from /usr/bin/time, anonymous and file-backed RSS sampled from /proc).
measure() {
  local name="$1" run="$2"
  shift 2
  cat "$readings" >/dev/null
  "$python" "$here/measure.py" --name "$name" --run "$run" --file "$readings" --tag "$workdir/$name.$run" \
    --jsonl "$measurements" -- "$@" || die "$name failed"
}

scan_args=()
((use_registry)) && scan_args+=(--meters "$registry_file")

say "file: $readings ($((file_bytes >> 20)) MB); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in 1 2 3 4 5; do
  measure wc "$run" env LC_ALL=C wc -l "$readings"
done
for ((run = 1; run <= repeat; ++run)); do
  for threads in 1 2; do
    measure "scan_${threads}t" "$run" "$minewatch" scan --readings "$readings" --out "$workdir/scan-${threads}t-$run" \
      --threads "$threads" --skip-bad-rows --quiet "${scan_args[@]}"
    cp "$workdir/scan-${threads}t-$run/summary.json" "$workdir/scan_${threads}t.$run.summary.json"
    rm -rf "$workdir/scan-${threads}t-$run"
  done
  if ((run_duckdb)); then
    measure duckdb "$run" node "$here/peers/daily_aggregates_duckdb.mjs" "$readings" --threads 2
  fi
  if ((run_pandas)); then
    measure pandas "$run" "$python" "$here/peers/daily_aggregates_pandas.py" "$readings"
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# State bytes per meter, from the micro-benchmark binary beside minewatch when it was built.
state_json="null"
bench_micro="$(dirname "$minewatch")/bench_micro"
if [[ -x "$bench_micro" ]]; then
  state_json=$("$bench_micro" --benchmark_filter='BM_MeterEngine_Apply/meters:1000/time_major:0/irkutsk:0/features:0$' \
    --benchmark_min_time=0.01 --benchmark_format=json 2>/dev/null |
    "$python" -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print(json.dumps({"engine": b["engine_B_per_meter"], "features": b["features_B_per_meter"]}))' ||
    echo null)
fi

mkdir -p "$results_dir"
result_file="$results_dir/macro-$(date -u +%Y%m%dT%H%M%SZ).json"
"$python" "$here/macro_report.py" \
  --measurements "$measurements" --readings "$readings" --file-bytes "$file_bytes" \
  --meters "$([[ -n "$generate_s" ]] && echo "$meters" || echo null)" \
  --days "$([[ -n "$generate_s" ]] && echo "$days" || echo null)" \
  --generate-s "${generate_s:-null}" --registry "$use_registry" --state-bytes "$state_json" \
  --minewatch "$minewatch" --load-before "$load_before" --load-after "$load_after" \
  --command "$invocation" --out "$result_file"
