#!/usr/bin/env python3
"""The llmkg benchmark: load, every export, and the lineage queries on Hub-like model trees of 10k,
100k and 1M models, each job timed as a whole process with its peak memory, beside the NetworkX
reference doing the same job on the same file in the same run.

    python3 benches/bench.py                 # 10k, 100k and 1M models (about 15 minutes)
    python3 benches/bench.py --sizes 10000   # one size
    python3 benches/bench.py --no-networkx   # llmkg only
    python3 benches/bench.py --runs 3        # the median of 3 runs of each job (default 5)

Each job is run --runs times (default 5) and the run with the median time is reported: a shared
machine's first touch of fresh memory varies from run to run. llmkg's runs of a job take turns
between the sizes (10k, 100k, 1M, 10k, ...), so that the per-model ratio between sizes compares
runs made side by side, not minutes apart. Every run, of either tool, exports into an empty
folder. The NetworkX reference at 1M
models runs once (each of its jobs takes minutes).

Needs: cargo, python3; NetworkX for the reference (`pip install networkx`). The workload comes from
benches/gen_hf_tree.py and is cached in bench-data/ (git-ignored). Prints a markdown table
and writes it to bench-data/results.md.
"""
import argparse
import csv
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCHES = os.path.join(ROOT, "benches")
DATA = os.path.join(ROOT, "bench-data")
BIN = os.path.join(ROOT, "target", "release", "llmkg")
FORMATS = ["graphml", "gexf", "dot", "csv", "neo4j", "json", "mermaid"]


def export_args(f, out):
    """The llmkg arguments of the `export f` job: the DOT job writes the whole graph
    (--max-nodes 0), as a drawing stops at 2,000 nodes by default; Mermaid keeps its limits."""
    return ["export", "--format", f, "--out", out] + (["--max-nodes", "0"] if f == "dot" else [])
# the NetworkX reference job that each llmkg job is compared with
NX_EXPORTS = {"graphml": "graphml", "gexf": "gexf", "csv": "csv"}


def measure(cmd):
    """Runs cmd inside a fresh python process that reports the child's own peak RSS."""
    probe = (
        "import os,subprocess,sys,time,resource\n"
        "t=time.perf_counter()\n"
        "p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.PIPE)\n"
        "s=time.perf_counter()-t\n"
        "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stdout.buffer.write(b'%f %d %d\\n'%(s,m,p.returncode)+p.stdout)\n"
        "sys.stderr.buffer.write(p.stderr)\n"
    )
    p = subprocess.run([sys.executable, "-c", probe] + cmd, cwd=ROOT, capture_output=True)
    head, _, out = p.stdout.partition(b"\n")
    secs, kib, code = head.split()
    if int(code) != 0:
        sys.exit(f"failed ({code.decode()}): {' '.join(cmd)}\n{p.stderr.decode()[-2000:]}")
    return float(secs), int(kib) / 1024.0, out.decode(), p.stderr.decode()


def empty(folder):
    """Removes what folder holds (the last run's exports)."""
    for f in os.listdir(folder):
        p = os.path.join(folder, f)
        if os.path.isdir(p):
            shutil.rmtree(p)
        else:
            os.remove(p)


def median(results):
    """The run with the median time."""
    results = sorted(results, key=lambda r: r[0])
    return results[len(results) // 2]


def median_run(cmd, runs, folder):
    """measure(cmd) `runs` times, each writing into an empty folder (so no run pays for removing
    the last run's file, which for a 1 GB file is a tenth of a second): the run with the median
    time."""
    results = []
    for _ in range(max(1, runs)):
        empty(folder)
        results.append(measure(cmd))
    return median(results)


def workload(n):
    path = os.path.join(DATA, f"models-{n}.csv")
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(BENCHES, "gen_hf_tree.py"), str(n), path], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def subjects(path):
    """The root of the largest family, the deepest model in it, and a second deep model of it."""
    depth, root, size = {}, {}, {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            bases = [b for b in row["base_model"].split(",") if b] if row["base_model"] else []
            bases = [b for b in bases if b in depth]
            if not bases:
                depth[row["id"]], root[row["id"]] = 0, row["id"]
            else:
                depth[row["id"]] = 1 + max(depth[b] for b in bases)
                root[row["id"]] = root[bases[0]]
            size[root[row["id"]]] = size.get(root[row["id"]], 0) + 1
    big = max(size, key=lambda r: (size[r], r))
    members = sorted((m for m in depth if root[m] == big), key=lambda m: (-depth[m], m))
    return big, members[0], members[1]


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.+)", f.read())
            cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s*(\d+)", f.read()).group(1))
            mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def query_ms(stderr):
    m = re.search(r"timing: query ([0-9.]+) ms", stderr)
    return float(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--no-networkx", action="store_true")
    ap.add_argument("--runs", type=int, default=5, help="runs of each job; the median is reported")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    nx = not args.no_networkx
    if nx:
        try:
            import networkx  # noqa: F401
        except ImportError:
            sys.exit("NetworkX is not installed: pip install networkx, or pass --no-networkx")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    lines = [f"Machine: {machine()}. Each llmkg time is the median of {args.runs} runs, made in turns "
             f"with the other sizes' runs of the same job; NetworkX's time is the median of "
             f"{args.runs} runs too, except at 1M models, where it runs once.", ""]
    lines.append("| models | job | llmkg time | llmkg peak memory | NetworkX time | NetworkX peak memory | llmkg faster by | memory ratio |")
    lines.append("|---:|---|---:|---:|---:|---:|---:|---:|")
    per_model = {}
    # each size's workload, subjects, output folder and jobs (the same jobs in the same order)
    plans = []
    for n in sizes:
        path = workload(n)
        rel = os.path.relpath(path, ROOT)
        big, deep, deep2 = subjects(path)
        tmp = tempfile.mkdtemp(prefix="llmkg-bench-")
        jobs = [("load + stats", ["stats", "--format", "json"], None)]
        for f in FORMATS:
            nxjob = ["export", NX_EXPORTS[f], os.path.join(tmp, f"nx.{f}")] if f in NX_EXPORTS else None
            jobs.append((f"export {f}", export_args(f, tmp), nxjob))
        jobs += [
            (f"descendants of the largest family ({big})", ["descendants", big, "--format", "json"], ["descendants", big]),
            (f"ancestors of a deep model ({deep})", ["ancestors", deep, "--format", "json"], ["ancestors", deep]),
            ("path from it to its root", ["path", deep, big, "--format", "json"], None),
            ("common ancestors of two deep models", ["common", deep, deep2, "--format", "json"], None),
        ]
        plans.append((n, rel, tmp, jobs))
    rows = {}
    for j in range(len(plans[0][3])):
        # llmkg's runs of a job take turns between the sizes, so that a slow spell of a shared
        # machine falls on every size alike instead of on one size's runs (the per-model ratio
        # between sizes compares runs made side by side)
        runs = {n: [] for n, _, _, _ in plans}
        for _ in range(max(1, args.runs)):
            for n, rel, tmp, jobs in plans:
                empty(tmp)
                runs[n].append(measure([BIN, "--timings", "--data", rel] + jobs[j][1]))
        for n, rel, tmp, jobs in plans:
            name, _, nxjob = jobs[j]
            secs, mib, _, err = median(runs[n])
            q = query_ms(err)
            note = f" (query {q:.1f} ms after loading)" if q is not None else ""
            row = [f"{n:,}", name + note, f"{secs:.2f} s", f"{mib:.0f} MiB"]
            if nx and nxjob:
                nx_runs = 1 if n >= 1000000 else args.runs
                nsecs, nmib, _, _ = median_run(
                    [sys.executable, os.path.join(BENCHES, "reference_networkx.py"), rel] + nxjob, nx_runs, tmp)
                row += [f"{nsecs:.2f} s", f"{nmib:.0f} MiB", f"{nsecs / secs:.1f}x", f"{mib / nmib:.2f}"]
            else:
                row += ["", "", "", ""]
            rows[(n, j)] = "| " + " | ".join(row) + " |"
            print(rows[(n, j)], flush=True)
            per_model.setdefault(name.split(" (")[0], {})[n] = secs / n
    for n, _, tmp, jobs in plans:
        lines += [rows[(n, j)] for j in range(len(jobs))]
        shutil.rmtree(tmp)
    if 100000 in sizes and 1000000 in sizes:
        lines += ["", "Per-model time at 1M relative to 100k (linear growth is 1.0):", ""]
        for job, by_n in per_model.items():
            if 100000 in by_n and 1000000 in by_n:
                lines.append(f"- {job}: {by_n[1000000] / by_n[100000]:.2f}")
    text = "\n".join(lines) + "\n"
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "results.md"), "w") as f:
        f.write(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
