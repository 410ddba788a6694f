#!/usr/bin/env python3
"""The drawing benchmark: `llmkg render` of 300, 1,000 and 2,000 nodes of a Hub-like model tree,
timed as whole processes (most of it Graphviz's `dot`), with organizations as nodes (as graph.dot
draws them) and without (`--no-orgs`), and the picture's size.

    python3 benches/render.py                      # 300, 1,000 and 2,000 nodes
    python3 benches/render.py --sizes 300,1000     # some sizes
    python3 benches/render.py --timeout 120        # give up on a run after 120 s (default 600)

Needs: a release build (target/release/llmkg), python3, Graphviz's dot. The workload is a
20,000-model tree from benches/gen_hf_tree.py (seed 42), cached in bench-data/ (git-ignored);
`--max-nodes N` picks its largest families, as a user's render of a Hub dump does. One run of
each job: `dot`'s time dwarfs a shared machine's noise only at the larger sizes, so read the small
ones as orders of magnitude. Prints a markdown table.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tree(models):
    """The cached Hub-like tree of `models` models."""
    folder = os.path.join(ROOT, "bench-data")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"hub-{models}.csv")
    if not os.path.exists(path):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "benches/gen_hf_tree.py"), str(models), path],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def render(binary, data, nodes, extra, timeout):
    """Seconds `render --max-nodes nodes` takes and the picture's size in points, or why not."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "graph.svg")
        cmd = [binary, "--data", data, "render", "--max-nodes", str(nodes), "-o", out, *extra]
        start = time.monotonic()
        try:
            subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
        except subprocess.TimeoutExpired:
            return f"over {timeout} s", ""
        seconds = time.monotonic() - start
        head = open(out, encoding="utf-8").read(4000)
        view = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', head)
        size = f"{float(view.group(1)):,.0f} × {float(view.group(2)):,.0f} pt" if view else "?"
        return f"{seconds:.1f} s", size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,1000,2000")
    parser.add_argument("--models", type=int, default=20000)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    binary = os.path.join(ROOT, "target/release/llmkg")
    data = tree(args.models)
    print(f"| nodes | organizations as nodes | size | `--no-orgs` | size |")
    print("|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        orgs = render(binary, data, n, [], args.timeout)
        bare = render(binary, data, n, ["--no-orgs"], args.timeout)
        print(f"| {n:,} | {orgs[0]} | {orgs[1]} | {bare[0]} | {bare[1]} |", flush=True)


if __name__ == "__main__":
    main()
