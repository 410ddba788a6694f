#!/usr/bin/env python3
"""The Python peers of the Hub snapshot benchmark: load a Hub snapshot (Parquet, the hub-stats
`models` layout that gen_hub_snapshot.py writes) into NetworkX or into igraph (built with its bulk
constructor, igraph's fastest way in), the same graph llmkg builds (model nodes with author,
createdAt, downloads, likes, pipeline_tag, library_name and license; organization and dataset nodes;
lineage edges from the `base_model:<relation>:<id>` tags, `trained_on` from `dataset:`, and
`developed_by` to the author), then do one job:

    stats                 count nodes and edges by kind and relation
    export graphml OUT    write GraphML
    descendants ID        every model derived from ID, directly or not
    ancestors ID          every model that ID derives from

Usage: reference_hub_peers.py networkx|igraph SNAPSHOT.parquet JOB...
Needs: pyarrow, and networkx or python-igraph.
"""
import sys
import time

import pyarrow.parquet as pq

RELATIONS = {"finetune": "fine_tuned_from", "adapter": "adapter_of",
             "quantized": "quantized_from", "merge": "merged_from"}


def rows(path):
    """Each model as (id, attrs, [(relation, base)], [dataset]), read a row group at a time."""
    cols = ["id", "author", "createdAt", "downloads", "likes", "pipeline_tag", "library_name", "tags"]
    for batch in pq.ParquetFile(path).iter_batches(columns=cols, batch_size=65536):
        d = batch.to_pydict()
        for i, mid in enumerate(d["id"]):
            bases, datasets, lic = [], [], None
            for t in d["tags"][i] or []:
                kind, _, value = t.partition(":")
                if kind == "base_model" and ":" in value:
                    rel, _, base = value.partition(":")
                    bases.append((RELATIONS.get(rel, "fine_tuned_from"), base))
                elif kind == "dataset":
                    datasets.append(value)
                elif kind == "license" and lic is None:
                    lic = value
            created = d["createdAt"][i]
            attrs = {"author": d["author"][i], "created_at": str(created)[:10] if created else "",
                     "downloads": d["downloads"][i], "likes": d["likes"][i],
                     "pipeline_tag": d["pipeline_tag"][i] or "", "library_name": d["library_name"][i] or "",
                     "license": lic or ""}
            yield mid, attrs, bases, datasets


def load_networkx(path):
    import networkx as nx
    g = nx.MultiDiGraph()
    for mid, attrs, bases, datasets in rows(path):
        g.add_node(mid, kind="model", **attrs)
        author = attrs["author"]
        if author not in g:
            g.add_node(author, kind="organization")
        g.add_edge(mid, author, relation="developed_by")
        for rel, base in bases:
            g.add_edge(mid, base, relation=rel)
        for ds in datasets:
            if ds not in g:
                g.add_node(ds, kind="dataset")
            g.add_edge(mid, ds, relation="trained_on")
    return g


def load_igraph(path):
    import igraph as ig
    index, kinds, names = {}, [], []
    attrs = {k: [] for k in ["author", "created_at", "downloads", "likes", "pipeline_tag", "library_name", "license"]}
    edges, relations = [], []

    def node(name, kind, a=None):
        i = index.get(name)
        if i is None:
            i = index[name] = len(names)
            names.append(name)
            kinds.append(kind)
            for k, v in attrs.items():
                v.append(None)
        if a is not None:
            kinds[i] = kind
            for k, v in a.items():
                attrs[k][i] = v
        return i

    for mid, a, bases, datasets in rows(path):
        m = node(mid, "model", a)
        edges.append((m, node(a["author"], "organization")))
        relations.append("developed_by")
        for rel, base in bases:
            edges.append((m, node(base, "model")))
            relations.append(rel)
        for ds in datasets:
            edges.append((m, node(ds, "dataset")))
            relations.append("trained_on")
    return ig.Graph(n=len(names), edges=edges, directed=True,
                    vertex_attrs=dict(name=names, kind=kinds, **attrs), edge_attrs={"relation": relations})


def job_networkx(g, job):
    import networkx as nx
    if job[0] == "stats":
        return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
    if job[0] == "export":
        nx.write_graphml(g, job[2])
        return job[2]
    lineage = nx.DiGraph((u, v) for u, v, r in g.edges(data="relation")
                         if r not in ("developed_by", "trained_on"))
    found = nx.ancestors(lineage, job[1]) if job[0] == "descendants" else nx.descendants(lineage, job[1])
    return f"{len(found)} models"


def job_igraph(g, job):
    if job[0] == "stats":
        return f"{g.vcount()} nodes, {g.ecount()} edges"
    if job[0] == "export":
        g.write_graphml(job[2])
        return job[2]
    keep = [e.index for e in g.es if e["relation"] not in ("developed_by", "trained_on")]
    lineage = g.subgraph_edges(keep, delete_vertices=False)
    v = lineage.vs.find(name=job[1]).index
    found = lineage.subcomponent(v, mode="in" if job[0] == "descendants" else "out")
    return f"{len(found) - 1} models"


def main():
    tool, path, job = sys.argv[1], sys.argv[2], sys.argv[3:]
    t = time.perf_counter()
    g = load_networkx(path) if tool == "networkx" else load_igraph(path)
    loaded = time.perf_counter()
    out = (job_networkx if tool == "networkx" else job_igraph)(g, job)
    done = time.perf_counter()
    print(f"{tool}: load {loaded - t:.2f} s, {job[0]} {done - loaded:.2f} s: {out}")


if __name__ == "__main__":
    main()
