#!/usr/bin/env python3
"""The Hub snapshot benchmark: Hub snapshots in Parquet (gen_hub_snapshot.py, the hub-stats `models`
layout) of 100k, 1M and 2.6M models (the size of HuggingKG's graph), each job timed as a whole
process with its peak memory: loading (`stats`), every export and the lineage queries, beside the
Python peers on the same file in the same run: NetworkX, and igraph built with its bulk constructor
(benches/reference_hub_peers.py), up to 1M models (NetworkX needs about 7 GiB at 1M and would not
fit at 2.6M).

    python3 benches/bench_hub.py                          # 100k, 1M and 2.6M (long: a quiet machine)
    python3 benches/bench_hub.py --sizes 10000 --runs 1   # a quick check that it works
    python3 benches/bench_hub.py --no-peers               # llmkg only
    python3 benches/bench_hub.py --peers-up-to 100000     # the peers at the smaller sizes only

Each job is run --runs times (default 3) and the run with the median time is reported; a peer job
runs once at 1M models. Needs: cargo, python3 with pyarrow; networkx and python-igraph for the peers.
The snapshots are cached in bench-data/ (git-ignored). Prints a markdown table and writes it to
bench-data/results-hub.md.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BENCHES, BIN, DATA, ROOT, empty, export_args, machine, measure, median, median_run, query_ms, subjects, workload  # noqa: E402

FORMATS = ["graphml", "gexf", "dot", "csv", "neo4j", "json", "mermaid"]
PEERS = ["networkx", "igraph"]


def snapshot(n):
    """The Parquet snapshot of n generated models (and the tree CSV it is made from)."""
    tree = workload(n)
    path = os.path.join(DATA, f"hub-{n}.parquet")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(BENCHES, "gen_hub_snapshot.py"), tree, path], check=True)
    return tree, path


def jobs_of(tree, tmp):
    """(name, llmkg arguments, peer job or None) of every job on one snapshot."""
    big, deep, _ = subjects(tree)
    jobs = [("load + stats", ["stats", "--format", "json"], ["stats"])]
    for f in FORMATS:
        peer = ["export", "graphml", os.path.join(tmp, "peer.graphml")] if f == "graphml" else None
        jobs.append((f"export {f}", export_args(f, tmp), peer))
    jobs += [
        (f"descendants of the largest family ({big})", ["descendants", big, "--format", "json"], ["descendants", big]),
        (f"ancestors of a deep model ({deep})", ["ancestors", deep, "--format", "json"], ["ancestors", deep]),
        ("licences along its ancestry", ["licences", deep, "--format", "json"], None),
    ]
    return jobs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000,2600000")
    ap.add_argument("--runs", type=int, default=3, help="runs of each llmkg job; the median is reported")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peers-up-to", type=int, default=1000000, help="largest size the peers run at")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    peers = [] if args.no_peers else PEERS
    head = ["models", "job", "llmkg time", "llmkg peak"]
    for p in peers:
        head += [f"{p} time", f"{p} peak", f"llmkg faster than {p} by"]
    lines = [f"Machine: {machine()}. Hub snapshots in Parquet; llmkg's time is the median of {args.runs} runs.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    print("\n".join(lines), flush=True)
    for n in [int(s) for s in args.sizes.split(",")]:
        tree, path = snapshot(n)
        rel = os.path.relpath(path, ROOT)
        tmp = tempfile.mkdtemp(prefix="llmkg-bench-hub-")
        for name, cmd, peer_job in jobs_of(tree, tmp):
            runs = []
            for _ in range(max(1, args.runs)):
                empty(tmp)
                runs.append(measure([BIN, "--timings", "--data", rel] + cmd))
            secs, mib, _, err = median(runs)
            q = query_ms(err)
            row = [f"{n:,}", name + (f" (query {q:.1f} ms after loading)" if q is not None else ""),
                   f"{secs:.2f} s", f"{mib:.0f} MiB"]
            for p in peers:
                if peer_job is None or n > args.peers_up_to:
                    row += ["", "", ""]
                    continue
                psecs, pmib, _, _ = median_run([sys.executable, os.path.join(BENCHES, "reference_hub_peers.py"), p, rel]
                                               + peer_job, 1 if n >= 1000000 else args.runs, tmp)
                row += [f"{psecs:.2f} s", f"{pmib:.0f} MiB", f"{psecs / secs:.1f}x"]
            lines.append("| " + " | ".join(row) + " |")
            print(lines[-1], flush=True)
        shutil.rmtree(tmp)
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "results-hub.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
