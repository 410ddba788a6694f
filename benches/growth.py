#!/usr/bin/env python3
"""Growth of llmkg's readers: each dimension of the input doubled, timed, and the ratio per
doubling reported (linear work gives about 2; the goal is under 2.3).

    python3 benches/growth.py [--binary target/release/llmkg] [--runs 3] [--only NAME]

Dimensions: entries of a markdown list (1k to 64k), bases in one Hub row (10k to 640k), files in
a folder (1k to 16k one-row Hub dumps), and the size of a deeply nested YAML file (100 KB to
1.6 MB; refused by the nesting limit, so this times the refusal). Each case runs `stats` as a
whole process; the median of `--runs` runs is reported with the peak memory.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def list_md(path, n):
    with open(path, "w") as f:
        f.write("# Models\n\n## Base Model\n\n")
        for i in range(n):
            f.write(
                f"- **Model{i}**: [[paper](https://arxiv.org/abs/2302.{i:05d})] "
                f"[[code](https://github.com/org{i % 50}/model{i})] 2023/03, Org{i % 50}, 7B/13B. "
                f"Model{i} is fine-tuned from Model{i // 2} on instruction data.\n"
            )
    return [path]


def bases_csv(path, n):
    with open(path, "w") as f:
        f.write("id,base_model\n")
        f.write('org/child,"[' + ",".join(f"'org/b{i}'" for i in range(n)) + ']"\n')
    return [path]


def folder(path, n):
    os.makedirs(path, exist_ok=True)
    for i in range(n):
        with open(os.path.join(path, f"h{i}.csv"), "w") as f:
            f.write(f"id,base_model\norg{i}/m{i},org{i}/base\n")
    return [path]


def nested_yaml(path, kb):
    depth = kb * 1000 // 5
    with open(path, "w") as f:
        f.write("- name: x\n  type: model\n  organization: " + "{a: " * depth + "1" + "}" * depth + "\n")
    return [path]


CASES = [
    ("list entries", "entries", list_md, "list.md", [1000, 2000, 4000, 8000, 16000, 32000, 64000]),
    ("bases in one Hub row", "bases", bases_csv, "row.csv", [10000, 20000, 40000, 80000, 160000, 320000, 640000]),
    ("files in a folder", "files", folder, "folder", [1000, 2000, 4000, 8000, 16000]),
    ("nested YAML", "KB", nested_yaml, "deep.yaml", [100, 200, 400, 800, 1600]),
]


def run(binary, data, runs):
    """Median wall time of `llmkg --data ... stats` and the largest peak memory (MiB)."""
    times, peak = [], 0
    for _ in range(runs):
        args = [binary]
        for d in data:
            args += ["--data", d]
        args.append("stats")
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)
    return statistics.median(times), peak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="target/release/llmkg")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only")
    a = ap.parse_args()
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary}: build it first (cargo build --release)")
    print("| dimension | size | time (s) | ratio to half the size | peak MiB |")
    print("|---|---:|---:|---:|---:|")
    worst = 0.0
    for name, unit, make, file, sizes in CASES:
        if a.only and a.only not in name:
            continue
        last = None
        for n in sizes:
            with tempfile.TemporaryDirectory() as d:
                data = make(os.path.join(d, file), n)
                t, peak = run(a.binary, data, a.runs)
            ratio = t / last if last else None
            # below 50 ms the process start dominates: no ratio is worth reading there
            if ratio is not None and last >= 0.05:
                worst = max(worst, ratio)
            shown = f"{ratio:.2f}" if ratio is not None and last >= 0.05 else "-"
            print(f"| {name} | {n:,} {unit} | {t:.3f} | {shown} | {peak:.0f} |", flush=True)
            last = t
    print(f"\nlargest ratio per doubling (runs of 50 ms or more): {worst:.2f}")


if __name__ == "__main__":
    main()
