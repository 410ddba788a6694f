#!/usr/bin/env python3
"""Compares two llmkg binaries on the benchmark's jobs, their runs alternating (old, new, old, ...)
so a slow spell of a shared machine falls on both alike: the check that a change is no slower and
uses no more memory.

    cargo build --release && cp target/release/llmkg /tmp/llmkg-new
    git stash; cargo build --release && cp target/release/llmkg /tmp/llmkg-old; git stash pop
    python3 benches/compare.py /tmp/llmkg-old /tmp/llmkg-new --sizes 100000,1000000 --runs 7

Prints, per size and job, the median time and peak memory of each binary and new/old ratios. The
workload and jobs are the benchmark's own (benches/bench.py), cached in bench-data/.
"""
import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402


def jobs(path, tmp):
    """The benchmark's llmkg jobs on the workload at `path`, exporting into `tmp`."""
    big, deep, deep2 = bench.subjects(path)
    out = [("load + stats", ["stats", "--format", "json"])]
    out += [(f"export {f}", bench.export_args(f, tmp)) for f in bench.FORMATS]
    out += [
        ("descendants of the largest family", ["descendants", big, "--format", "json"]),
        ("ancestors of a deep model", ["ancestors", deep, "--format", "json"]),
        ("path from it to its root", ["path", deep, big, "--format", "json"]),
        ("common ancestors of two deep models", ["common", deep, deep2, "--format", "json"]),
    ]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=5, help="runs of each binary per job")
    ap.add_argument("--only", default="", help="run only the jobs whose name holds this text")
    args = ap.parse_args()
    binaries = [os.path.abspath(args.old), os.path.abspath(args.new)]
    print("| models | job | old time | new time | new/old | old peak | new peak | new/old |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        path = os.path.relpath(bench.workload(n), bench.ROOT)
        tmp = tempfile.mkdtemp(prefix="llmkg-compare-")
        for name, cmd in jobs(path, tmp):
            if args.only not in name:
                continue
            runs = [[], []]
            for _ in range(max(1, args.runs)):
                for which, binary in enumerate(binaries):
                    bench.empty(tmp)
                    runs[which].append(bench.measure([binary, "--data", path] + cmd))
            (ot, om, _, _), (nt, nm, _, _) = bench.median(runs[0]), bench.median(runs[1])
            print(f"| {n:,} | {name} | {ot:.2f} s | {nt:.2f} s | {nt / ot:.2f} "
                  f"| {om:.0f} MiB | {nm:.0f} MiB | {nm / om:.2f} |", flush=True)
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
