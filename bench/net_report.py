#!/usr/bin/python3
"""The table of bench/net_throughput.sh: reads measure.py's JSON lines, prints markdown, writes one JSON file.

Packets and on-wire bytes come from the floor's own count (pcap_read_floor prints them), so every rate is over
the same denominator. Each tool's rate is at its best (shortest) wall time; the median is shown beside it, and
the ratios are given both in wall time and in CPU time (user + system, the least of the runs).
"""
import argparse
import json
import re
import statistics
import sys

ROWS = [  # name in the measurements, what it is
    ("floor", "libpcap reading every record, 1 MiB buffer (`pcap_read_floor --buffer`)"),
    ("floor_4k", "libpcap reading every record, 4 kB reads as ndpiReader (`pcap_read_floor`)"),
    ("capinfos", "Wireshark's reader alone (`capinfos -c -d`)"),
    ("minewatch", "`minewatch net scan` (flows, TCP reassembly, message scan, nDPI)"),
    ("ndpiReader", "`ndpiReader -i` (nDPI 4.2's own reader)"),
    ("tshark_read", "`tshark -n -r -q` (reads, dissects nothing)"),
    ("tshark", "`tshark -n -r -q -z io,stat,0` (dissects every packet)"),
]


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def main():
    ap = argparse.ArgumentParser()
    for name in ("measurements", "capture", "source", "generate-s", "minewatch", "compare", "load-before",
                 "load-after", "command", "out"):
        ap.add_argument("--" + name, required=True)
    args = ap.parse_args()

    compare = [p for p in args.compare.split("|") if p]
    rows_known = ROWS[:4] + [(f"compare_{i}", f"`minewatch net scan`, build {i} of --compare")
                             for i in range(1, len(compare) + 1)] + ROWS[4:]
    runs = {}
    for line in read_text(args.measurements).splitlines():
        r = json.loads(line)
        runs.setdefault(r["name"], []).append(r)
    if "floor" not in runs:
        sys.exit("net_report: no floor measurement")
    m = re.search(r"packets (\d+) captured_bytes (\d+) wire_bytes (\d+)", read_text(runs["floor"][0]["stdout"]))
    if not m:
        sys.exit("net_report: cannot read the floor's packet count")
    packets, wire_bytes = int(m.group(1)), int(m.group(3))

    # What each tool found, as a check that all of them read the whole capture.
    found = {}
    mw = re.search(r"\((\d+) packets, (\d+) TCP/UDP\).*?(\d+) flows\n\s+(\d+) addresses, (\d+) with mining",
                   read_text(runs.get("minewatch", [{}])[0].get("stdout", "")), re.S)
    if mw:
        found["minewatch"] = {"packets": int(mw.group(1)), "flows": int(mw.group(3)),
                              "addresses": int(mw.group(4)), "mining_addresses": int(mw.group(5))}
    nd_text = read_text(runs.get("ndpiReader", [{}])[0].get("stdout", ""))
    nd = re.search(r"IP packets:\s+(\d+).*?Unique flows:\s+(\d+)", nd_text, re.S)
    nd_mining = re.search(r"^\s*Mining\s+packets:\s+(\d+)\s+bytes:\s+\d+\s+flows:\s+(\d+)", nd_text, re.M)
    if nd:
        found["ndpiReader"] = {"packets": int(nd.group(1)), "flows": int(nd.group(2)),
                               "mining_flows": int(nd_mining.group(2)) if nd_mining else 0}

    best = {name: min(r["wall_s"] for r in rs) for name, rs in runs.items()}
    # CPU time (user + system) is the steadier figure on a shared machine: another process's work lengthens
    # the wall time of whatever runs beside it, not its CPU time.
    cpu = {name: min(r["user_s"] + r["sys_s"] for r in rs) for name, rs in runs.items()}
    rows = []
    for name, what in rows_known:
        if name not in runs:
            continue
        walls = [r["wall_s"] for r in runs[name]]
        t = best[name]
        rows.append({
            "name": name, "what": what, "runs": len(walls), "best_s": t, "median_s": statistics.median(walls),
            "cpu_s": cpu[name],
            "cpu_x_floor": cpu[name] / cpu["floor"] if cpu["floor"] > 0 else None,
            "cpu_x_ndpireader": cpu[name] / cpu["ndpiReader"] if cpu.get("ndpiReader") else None,
            "packets_per_s": packets / t, "gbit_per_s": wire_bytes * 8 / t / 1e9,
            "peak_rss_mb": max(r["max_rss_kb"] for r in runs[name]) / 1024,
            "x_floor": t / best["floor"], "x_ndpireader": t / best["ndpiReader"] if "ndpiReader" in best else None,
            "resident_pct_before": min((r["resident_pct_before"] or 0) for r in runs[name]),
        })

    print(f"\ncapture: {args.capture}: {args.source}")
    for i, path in enumerate(compare, 1):
        print(f"compare_{i}: {path} (it wrote the same NET.csv)")
    print(f"{packets:,} packets, {wire_bytes / 1e9:.2f} GB on the wire ({wire_bytes / packets:.0f} bytes a packet); "
          f"load average {args.load_before} before, {args.load_after} after\n")
    print("| tool | wall s, best (median) | CPU s | packets/s | Gbit/s | peak RSS MB | × floor, wall / CPU "
          "| × ndpiReader, wall / CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ratio = lambda x, digits: f"{x:.{digits}f}" if x is not None else "–"
    for r in rows:
        print(f"| {r['what']} | {r['best_s']:.2f} ({r['median_s']:.2f}) | {r['cpu_s']:.2f} | "
              f"{r['packets_per_s'] / 1e6:.2f} M | {r['gbit_per_s']:.2f} | {r['peak_rss_mb']:.0f} | "
              f"{ratio(r['x_floor'], 1)} / {ratio(r['cpu_x_floor'], 1)} | "
              f"{ratio(r['x_ndpireader'], 2)} / {ratio(r['cpu_x_ndpireader'], 2)} |")
    print()
    for name, what in found.items():
        print(f"{name} found: " + ", ".join(f"{k} {v:,}" for k, v in what.items()))
    uncached = [r["name"] for r in rows if r["resident_pct_before"] < 99]
    if uncached:
        print(f"warning: the capture was not wholly in the page cache before: {', '.join(uncached)}")

    result = {"command": args.command, "capture": args.capture, "source": args.source, "packets": packets,
              "wire_bytes": wire_bytes, "generate_s": json.loads(args.generate_s), "minewatch": args.minewatch,
              "compare": compare,
              "load_before": args.load_before, "load_after": args.load_after, "rows": rows, "found": found,
              "runs": runs}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
