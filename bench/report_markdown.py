#!/usr/bin/python3
"""Prints the Markdown tables of docs/BENCHMARKS.md from the JSON that the benchmarks wrote.

  bench/report_markdown.py --macro bench/results/macro-<time>.json
  bench/report_markdown.py --micro bench/results/micro-<time>.json   (bench_micro --benchmark_out=... JSON)

so the figures in the docs are copied by a program, not by hand.
"""

import argparse
import json
import re


def macro_tables(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    d, res, m = r["data"], r["results"], r["machine"]
    wc_rate = res["wc"]["mb_per_s"]
    out = [f"Run `{r['command']}` ({path.rsplit('/', 1)[-1]}): {d['bytes'] / 1e6:,.0f} MB, {d['readings']:,} readings, "
           f"{d['meters']:,} meters; {m['nproc']} × {m['cpu_model']}, {m['mem_total_gb']} GB, {m['os']}; "
           f"load average before {r['load_average_before']}, after {r['load_average_after']}; "
           f"{res['scan_1t']['runs']} runs of each (medians; best of the runs in brackets).", ""]
    out.append("| measured | command | wall s | CPU s | MB/s | M readings/s | vs `wc -l` | peak RSS MB (anon) |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    rows = [
        ("wc", "`wc -l`", "`LC_ALL=C wc -l readings.csv`"),
        ("scan_1t", "minewatch scan, 1 thread", "`minewatch scan --readings readings.csv --threads 1 --skip-bad-rows -q --out DIR`"),
        ("scan_2t", "minewatch scan, 2 threads", "`... --threads 2 ...`"),
        ("duckdb", "DuckDB daily aggregates, 2 threads ¹", "`node bench/peers/daily_aggregates_duckdb.mjs readings.csv --threads 2`"),
        ("pandas", "pandas daily aggregates ¹", "`/usr/bin/python3 bench/peers/daily_aggregates_pandas.py readings.csv`"),
    ]
    for key, label, command in rows:
        if key not in res:
            continue
        x = res[key]
        wall = x.get("aggregate_s", x["wall_s"])
        best = x.get("aggregate_s_best", x["wall_s_best"])
        rate = d["bytes"] / 1e6 / wall
        out.append(f"| {label} | {command} | {wall:.3f} ({best:.3f}) | {x['cpu_s']:.2f} | {rate:,.0f} | "
                   f"{d['readings'] / wall / 1e6:.2f} | {rate / wc_rate:.3f} | "
                   f"{x['peak_rss_mb']:.0f} ({x['sampled_peak_anon_mb']:.0f}) |")
    out += ["", "¹ the peer's own timing of its aggregation, without the start-up of Node or Python (CPU s: the whole "
            "process).", ""]
    out.append("| ratio | median | best of runs | target |")
    out.append("|---|---:|---:|---|")
    targets = {"ingestion_vs_wc_1t": "≥ 0.15", "ingestion_vs_wc_2t": "≥ 0.15", "speedup_vs_duckdb_2t": "≥ 2",
               "speedup_vs_pandas_2t": "≥ 20"}
    for key, value in r["ratios"].items():
        if key.endswith("_process_wall"):
            continue
        target = targets.get(key, "")
        verdict = ("met" if value >= float(target.split()[-1]) else "**not met**") if target else ""
        out.append(f"| `{key}` | {value:.3f} | {r['ratios_best_of_runs'][key]:.3f} | {target} {verdict} |")
    s = r["targets"]["state_bytes_per_meter"]
    out += ["", f"State per meter: {s['value']:.0f} B (engine {s['parts']['engine']:.0f} + mining features "
            f"{s['parts']['features']:.0f}), target < 1024 B. Checks: "
            f"{sum(c['ok'] for c in r['checks'])} of {len(r['checks'])} passed."]
    return "\n".join(out)


def micro_tables(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    ctx = r["context"]
    rows = {}
    for b in r["benchmarks"]:
        if b.get("aggregate_name", "median") != "median":
            continue
        name = re.sub(r"(/real_time)?_median$", "", b["name"])
        rows[name] = b
    out = [f"`bench_micro` ({path.rsplit('/', 1)[-1]}), {ctx['num_cpus']} CPUs at {ctx['mhz_per_cpu']} MHz, "
           f"load average {', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}; medians of "
           f"{r['benchmarks'][0].get('repetitions', 1)} repetitions.", ""]
    out.append("| benchmark | M items/s | MB/s | note |")
    out.append("|---|---:|---:|---|")
    for name, b in rows.items():
        note = ", ".join(f"{k}={b[k]:g}" for k in ("engine_B_per_meter", "features_B_per_meter", "ratio") if k in b)
        out.append(f"| `{name}` | {b.get('items_per_second', 0) / 1e6:.2f} | {b.get('bytes_per_second', 0) / 1e6:,.0f} "
                   f"| {note} |")
    out += ["", "| ratio (items/s over items/s, same run) | value |", "|---|---:|"]
    for ours, baseline in PAIRS:
        if ours in rows and baseline in rows:
            value = rows[ours]["items_per_second"] / rows[baseline]["items_per_second"]
            out.append(f"| `{ours}` / `{baseline}` | {value:.2f}× |")
    return "\n".join(out)


# Each hot loop against its baseline in the same binary and run.
PAIRS = [
    ("BM_TimestampParser_Utc", "BM_DateParse_Utc_FreshStream"),
    ("BM_TimestampParser_Utc", "BM_DateParse_Utc_ReusedStream"),
    ("BM_TimestampParser_Offset", "BM_DateParse_Offset_ReusedStream"),
    ("BM_TimestampParser_DistinctDates", "BM_DateParse_Utc_ReusedStream"),
    ("BM_SplitCsvLine_ParseFloat", "BM_Baseline_GetlineStringstream"),
    ("BM_SplitCsvLine_ParseFloat", "BM_Baseline_GetlineStrtof"),
    ("BM_Number_ParseFloat", "BM_Number_Strtof"),
    ("BM_Number_ParseFloat", "BM_Number_FromChars"),
    ("BM_ChunkStream/kind:1/consumers:1", "BM_Baseline_Decompress/kind:1"),
    ("BM_ChunkStream/kind:2/consumers:1", "BM_Baseline_Decompress/kind:2"),
    ("BM_BatchScan/kind:0/threads:2", "BM_BatchScan/kind:0/threads:1"),
    ("BM_MeterEngine_Apply/meters:100000/time_major:1/irkutsk:0/features:0",
     "BM_MeterEngine_Apply/meters:1000/time_major:0/irkutsk:0/features:0"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--macro")
    ap.add_argument("--micro")
    args = ap.parse_args()
    if args.macro:
        print(macro_tables(args.macro))
    if args.micro:
        if args.macro:
            print()
        print(micro_tables(args.micro))


if __name__ == "__main__":
    main()
