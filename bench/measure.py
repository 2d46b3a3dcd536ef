#!/usr/bin/python3
"""Runs one command of bench/run_macro.sh and appends its measurement as a JSON line.

  measure.py --name NAME --run N --file READINGS --tag PREFIX --jsonl OUT -- COMMAND...

- wall time to the microsecond (GNU time's %e has a 10 ms grain, too coarse for `wc -l` on a small file);
- user and system CPU seconds and the peak RSS from /usr/bin/time (-f '%U %S %M', the figures of `time -v`);
- the peak anonymous and file-backed RSS, sampled from /proc every 50 ms: a memory-mapped input's resident
  pages count in the RSS that time reports, so the sample tells the program's own memory apart from the file's;
- how much of the input was in the page cache just before (fincore), so a figure read from disk shows.
The command's stdout and stderr go to PREFIX.out and PREFIX.err.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time


def resident_pct(path):
    try:
        out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", path],
                             capture_output=True, text=True, check=True).stdout.strip()
        size = os.path.getsize(path)
        return round(100.0 * int(out) / size, 1) if size else None
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None


def child_of(pid):
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:  # the field after the state is the parent's pid
                return int(entry)
        except (OSError, IndexError, ValueError):
            continue
    return None


class Sampler(threading.Thread):
    def __init__(self, parent_pid):
        super().__init__(daemon=True)
        self.parent_pid = parent_pid
        self.peak = {"RssAnon:": 0, "RssFile:": 0}
        self.done = threading.Event()

    def run(self):
        child = None
        while not self.done.is_set():
            if child is None:
                child = child_of(self.parent_pid)
            if child is not None:
                try:
                    with open(f"/proc/{child}/status", encoding="utf-8") as f:
                        for line in f:
                            key, _, rest = line.partition("\t")
                            if key in self.peak:
                                self.peak[key] = max(self.peak[key], int(rest.split()[0]))
                except (OSError, ValueError, IndexError):
                    pass
            self.done.wait(0.05)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--run", type=int, required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--jsonl", required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command

    resident = resident_pct(args.file)
    time_file = args.tag + ".time"
    with open(args.tag + ".out", "wb") as out, open(args.tag + ".err", "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-f", "%U %S %M", "-o", time_file, *command],
                                   stdout=out, stderr=err)
        sampler = Sampler(process.pid)
        sampler.start()
        code = process.wait()
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    if code != 0:
        with open(args.tag + ".err", encoding="utf-8", errors="replace") as f:
            sys.stderr.write(f.read()[-4000:])
        print(f"measure: {args.name} exited with {code}: {' '.join(command)}", file=sys.stderr)
        return 1
    with open(time_file, encoding="utf-8") as f:
        user, system, max_rss_kb = f.read().split()[-3:]
    record = {
        "name": args.name, "run": args.run, "wall_s": round(wall, 6), "user_s": float(user),
        "sys_s": float(system), "max_rss_kb": int(max_rss_kb), "sampled_anon_kb": sampler.peak["RssAnon:"],
        "sampled_file_kb": sampler.peak["RssFile:"], "resident_pct_before": resident, "stdout": args.tag + ".out",
    }
    with open(args.jsonl, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    print(f"run_macro: {args.name:8} run {args.run}: {wall:9.3f} s  max RSS {int(max_rss_kb) // 1024:6d} MB  "
          f"(anon {sampler.peak['RssAnon:'] // 1024} MB, file {sampler.peak['RssFile:'] // 1024} MB; "
          f"{resident if resident is not None else '?'}% of the input cached before)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
