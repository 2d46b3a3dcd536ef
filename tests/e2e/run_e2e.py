#!/usr/bin/env python3
"""Data-driven end-to-end tests of the minewatch CLI (tests/e2e/README.md describes the case format).

    python3 tests/e2e/run_e2e.py --minewatch build/minewatch --cases tests/e2e/cases [--only NAME ...]
                                 [--update] [--keep] [--verbose]

Each case directory holds a `cmd` file and expectations; the runner executes `minewatch <cmd>` in the case
directory with `{out}` replaced by a fresh temporary directory, checks the expectations and prints one line per
case and a closing line "N passed, M failed". It exits 1 when a case failed (or none was found).
Python standard library only.
"""
import argparse
import difflib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_S = 120


def read_lines(path):
    """The non-empty lines of a text file, '#' comments dropped."""
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f if line.strip() and not line.lstrip().startswith("#")]


def subset_mismatches(expected, actual, where="summary.json"):
    """Where `actual` differs from the subset `expected`: objects compare on expected's keys only, arrays
    element by element (same length), numbers with a small tolerance, everything else exactly."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return ["%s: expected an object, got %s" % (where, json.dumps(actual))]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append("%s.%s: missing" % (where, key))
            else:
                problems += subset_mismatches(value, actual[key], "%s.%s" % (where, key))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return ["%s: expected %s, got %s" % (where, json.dumps(expected), json.dumps(actual))]
        problems = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            problems += subset_mismatches(e, a, "%s[%d]" % (where, i))
        return problems
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        same = type(expected) is type(actual) and expected == actual
    elif isinstance(expected, (int, float)):
        same = (isinstance(actual, (int, float)) and not isinstance(actual, bool)
                and abs(expected - actual) <= 1e-9 * max(1.0, abs(expected)))
    else:
        same = expected == actual
    return [] if same else ["%s: expected %s, got %s" % (where, json.dumps(expected), json.dumps(actual))]


def file_diff(expected_path, actual_path, name):
    with open(expected_path, "rb") as f:
        expected = f.read()
    with open(actual_path, "rb") as f:
        actual = f.read()
    if expected == actual:
        return None
    try:
        lines = list(difflib.unified_diff(expected.decode("utf-8").splitlines(), actual.decode("utf-8").splitlines(),
                                          "expected/" + name, "actual/" + name, lineterm="", n=1))
    except UnicodeDecodeError:
        lines = ["(binary files differ)"]
    shown = lines[:40] + (["... (%d more diff lines)" % (len(lines) - 40)] if len(lines) > 40 else [])
    return "%s differs from expected/%s:\n      %s" % (name, name, "\n      ".join(shown))


def run_case(minewatch, case_dir, update, keep, verbose):
    """Runs one case; returns a list of problems (empty when it passed)."""
    name = os.path.basename(case_dir)
    cmd_text = " ".join(read_lines(os.path.join(case_dir, "cmd")))
    out = tempfile.mkdtemp(prefix="minewatch-e2e-%s-" % name)
    problems = []
    try:
        before = os.path.join(case_dir, "out_before")
        if os.path.isdir(before):
            shutil.copytree(before, out, dirs_exist_ok=True)
        args = [arg.replace("{out}", out) for arg in shlex.split(cmd_text)]
        env = dict(os.environ, CI="1")  # no progress bar
        try:
            proc = subprocess.run([minewatch] + args, cwd=case_dir, env=env, capture_output=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return ["timed out after %d s: minewatch %s" % (TIMEOUT_S, cmd_text)]
        stdout = proc.stdout.decode("utf-8", "replace")
        stderr = proc.stderr.decode("utf-8", "replace")
        if verbose:
            print("  $ minewatch %s\n  exit %d\n  stdout: %s\n  stderr: %s" % (cmd_text, proc.returncode,
                                                                          stdout.strip(), stderr.strip()))

        exit_path = os.path.join(case_dir, "expected_exit")
        expected_exit = int(read_lines(exit_path)[0]) if os.path.exists(exit_path) else 0
        if proc.returncode != expected_exit:
            problems.append("exit status %d, expected %d; stderr: %s" % (proc.returncode, expected_exit,
                                                                         stderr.strip()[-800:]))

        for stream_name, text in (("stderr", stderr), ("stdout", stdout)):
            path = os.path.join(case_dir, "expected_%s_contains" % stream_name)
            if os.path.exists(path):
                for needle in read_lines(path):
                    if needle not in text:
                        problems.append("%s lacks %r; it was: %s" % (stream_name, needle, text.strip()[-800:]))

        expected_dir = os.path.join(case_dir, "expected")
        if os.path.isdir(expected_dir):
            for root, _, files in os.walk(expected_dir):
                for file_name in sorted(files):
                    expected_path = os.path.join(root, file_name)
                    rel = os.path.relpath(expected_path, expected_dir)
                    actual_path = os.path.join(out, rel)
                    if not os.path.exists(actual_path):
                        problems.append("%s was not written" % rel)
                        continue
                    diff = file_diff(expected_path, actual_path, rel)
                    if diff is not None:
                        if update:
                            shutil.copyfile(actual_path, expected_path)
                            print("  updated expected/%s" % rel)
                        else:
                            problems.append(diff)

        summary_path = os.path.join(case_dir, "expected_summary.json")
        if os.path.exists(summary_path):
            actual_summary = os.path.join(out, "summary.json")
            if not os.path.exists(actual_summary):
                problems.append("summary.json was not written")
            else:
                with open(summary_path, encoding="utf-8") as f:
                    expected = json.load(f)
                with open(actual_summary, encoding="utf-8") as f:
                    actual = json.load(f)
                problems += subset_mismatches(expected, actual)

        absent_path = os.path.join(case_dir, "expected_files_absent")
        if os.path.exists(absent_path):
            for rel in read_lines(absent_path):
                if os.path.exists(os.path.join(out, rel)):
                    problems.append("%s exists but should not" % rel)
        # Outputs are written atomically (name.tmp.<pid>, then renamed): none may be left behind, ever.
        leftovers = [os.path.relpath(os.path.join(root, f), out)
                     for root, _, files in os.walk(out) for f in files if ".tmp." in f]
        if leftovers:
            problems.append("temporary files left behind: %s" % ", ".join(sorted(leftovers)))
    finally:
        if keep:
            print("  output kept in %s" % out)
        else:
            shutil.rmtree(out, ignore_errors=True)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minewatch", required=True, help="the minewatch binary")
    parser.add_argument("--cases", required=True, help="the directory of case directories")
    parser.add_argument("--only", nargs="*", default=[], help="run only these cases")
    parser.add_argument("--update", action="store_true", help="rewrite expected/ files from the actual outputs")
    parser.add_argument("--keep", action="store_true", help="keep each case's output directory")
    parser.add_argument("--verbose", action="store_true", help="print each command and its output")
    args = parser.parse_args()

    minewatch = os.path.abspath(args.minewatch)
    if not os.access(minewatch, os.X_OK):
        print("e2e: not an executable: %s" % minewatch, file=sys.stderr)
        return 2
    cases_dir = os.path.abspath(args.cases)
    names = sorted(d for d in os.listdir(cases_dir) if os.path.isfile(os.path.join(cases_dir, d, "cmd")))
    if args.only:
        unknown = set(args.only) - set(names)
        if unknown:
            print("e2e: no such case: %s" % ", ".join(sorted(unknown)), file=sys.stderr)
            return 2
        names = [n for n in names if n in args.only]

    passed = failed = skipped = 0
    for name in names:
        skip_path = os.path.join(cases_dir, name, "skip")
        if os.path.exists(skip_path):
            skipped += 1
            reason = (read_lines(skip_path) or ["(no reason given)"])[0]
            print("skip %s: %s" % (name, reason))
            continue
        problems = run_case(minewatch, os.path.join(cases_dir, name), args.update, args.keep, args.verbose)
        if problems:
            failed += 1
            print("FAIL %s" % name)
            for p in problems:
                print("    " + p)
        else:
            passed += 1
            print("ok   %s" % name)
    if skipped:
        print("%d skipped (cases with a `skip` file)" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
