//! The real readers judge `llmkg export` as a user runs it: NetworkX and igraph load the bundled
//! data's files with the node count, edge count, direction and relations that `llmkg stats` gives;
//! the Neo4j dialect loads into an embedded graph database (Kuzu), whose variable-length query finds
//! the same descendants of Llama as `llmkg descendants Llama`; and a 100k-model Hub tree still
//! passes the same readers.

use crate::common;
use crate::common::has_python_module;

use common::{json_of, llmkg, require_reader};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn python(script: &str, args: &[&Path]) -> Value {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Counts by relation from `llmkg stats --format json`.
fn relation_counts(stats: &Value) -> BTreeMap<String, u64> {
    stats["edges_by_relation"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

const NETWORKX: &str = r#"
import collections, json, sys
import networkx as nx
fmt, path = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    g = nx.read_graphml(path, force_multigraph=True)
elif fmt == "gexf":
    g = nx.read_gexf(path)
else:
    g = nx.node_link_graph(json.load(open(path, encoding="utf-8")), edges="edges")
rel = collections.Counter(d.get("relation") for _, _, d in g.edges(data=True))
print(json.dumps({
    "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "directed": g.is_directed(),
    "relations": rel,
    "labels": {n: d.get("label") for n, d in g.nodes(data=True)} if g.number_of_nodes() < 1000 else {},
}))
"#;

const IGRAPH: &str = r#"
import collections, json, sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({
    "nodes": g.vcount(), "edges": g.ecount(), "directed": g.is_directed(),
    "relations": collections.Counter(g.es["relation"]),
}))
"#;

/// Loads the Neo4j dialect into Kuzu (every column as text: Kuzu maps columns by position) and
/// returns the descendants of `root` through lineage relationships.
const KUZU: &str = r#"
import csv, json, sys
import kuzu
db_path, nodes, rels, root = sys.argv[1:5]
def columns(path, skip):
    header = next(csv.reader(open(path, encoding="utf-8")))
    return ", ".join("c%d STRING" % i for i in range(len(header) - skip))
c = kuzu.Connection(kuzu.Database(db_path))
c.execute("CALL var_length_extend_max_depth=100")
node_cols = columns(nodes, 1)
c.execute("CREATE NODE TABLE Entity(id STRING, %s, PRIMARY KEY (id))" % node_cols)
c.execute("CREATE REL TABLE R(FROM Entity TO Entity, %s)" % columns(rels, 2))
c.execute("COPY Entity FROM '%s' (header=true, parallel=false)" % nodes)
c.execute("COPY R FROM '%s' (header=true, parallel=false)" % rels)
def rows(q, p=None):
    r = c.execute(q, p or {})
    out = []
    while r.has_next():
        out.append(r.get_next())
    return out
# c0 is :TYPE, c2 is lineage:boolean in relationships.csv
lineage = "MATCH (d:Entity)-[:R*1..100 (r, _ | WHERE r.c2 = 'true')]->(a:Entity {id: $root}) RETURN DISTINCT d.id"
print(json.dumps({
    "nodes": rows("MATCH (n:Entity) RETURN count(*)")[0][0],
    "edges": rows("MATCH ()-[r:R]->() RETURN count(*)")[0][0],
    "descendants": sorted(d[0] for d in rows(lineage, {"root": root})),
}))
"#;

fn export_all(data: &[PathBuf], dir: &Path) {
    let mut cmd = llmkg();
    for d in data {
        cmd.arg("--data").arg(d);
    }
    cmd.arg("export").arg("--out").arg(dir).assert().success();
}

fn stats(data: &[PathBuf]) -> Value {
    let mut cmd = llmkg();
    for d in data {
        cmd.arg("--data").arg(d);
    }
    json_of(cmd.args(["stats", "--format", "json"]))
}

/// NetworkX (GraphML, GEXF, JSON) and igraph (GraphML) see what `llmkg stats` says.
fn readers_agree_with_stats(data: &[PathBuf], dir: &Path) {
    let stats = stats(data);
    let rels = relation_counts(&stats);
    if require_reader("python networkx", has_python_module("networkx")) {
        for (fmt, file) in [
            ("graphml", "graph.graphml"),
            ("gexf", "graph.gexf"),
            ("json", "graph.json"),
        ] {
            let got = python(NETWORKX, &[Path::new(fmt), &dir.join(file)]);
            assert_eq!(got["nodes"], stats["nodes"], "NetworkX {fmt} nodes");
            assert_eq!(got["edges"], stats["edges"], "NetworkX {fmt} edges");
            assert_eq!(got["directed"], true, "NetworkX {fmt} is directed");
            if fmt != "gexf" {
                let got_rels: BTreeMap<String, u64> =
                    serde_json::from_value(got["relations"].clone()).unwrap();
                assert_eq!(got_rels, rels, "NetworkX {fmt} relations");
            }
        }
    }
    if require_reader("python igraph", has_python_module("igraph")) {
        let got = python(IGRAPH, &[&dir.join("graph.graphml")]);
        assert_eq!(got["nodes"], stats["nodes"], "igraph nodes");
        assert_eq!(got["edges"], stats["edges"], "igraph edges");
        assert_eq!(got["directed"], true, "igraph is directed");
        let got_rels: BTreeMap<String, u64> =
            serde_json::from_value(got["relations"].clone()).unwrap();
        assert_eq!(got_rels, rels, "igraph relations");
    }
}

/// Kuzu loads the Neo4j CSVs; its descendants of `root` are `llmkg descendants root`'s.
fn kuzu_agrees_with_descendants(data: &[PathBuf], dir: &Path, name: &str, root_id: &str) {
    if !require_reader("python kuzu", has_python_module("kuzu")) {
        return;
    }
    let mut cmd = llmkg();
    for d in data {
        cmd.arg("--data").arg(d);
    }
    let answer = json_of(cmd.args(["descendants", name, "--format", "json"]));
    let mut want: Vec<String> = answer["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    want.sort();
    let db = dir.join("kuzu-db");
    let got = python(
        KUZU,
        &[
            &db,
            &dir.join("neo4j/nodes.csv"),
            &dir.join("neo4j/relationships.csv"),
            Path::new(root_id),
        ],
    );
    let stats = stats(data);
    assert_eq!(got["nodes"], stats["nodes"], "Kuzu nodes");
    assert_eq!(got["edges"], stats["edges"], "Kuzu relationships");
    let got: Vec<String> = serde_json::from_value(got["descendants"].clone()).unwrap();
    assert!(!want.is_empty());
    assert_eq!(got, want, "Kuzu's descendants of {name} are llmkg's");
}

#[test]
fn bundled_exports_load_in_networkx_igraph_and_kuzu() {
    let dir = tempfile::tempdir().unwrap();
    export_all(&[], dir.path());
    readers_agree_with_stats(&[], dir.path());
    kuzu_agrees_with_descendants(&[], dir.path(), "Llama", "llama");
    // labels survive as the display name
    if has_python_module("networkx") {
        let got = python(
            NETWORKX,
            &[Path::new("graphml"), &dir.path().join("graph.graphml")],
        );
        assert_eq!(got["labels"]["llama-2"], "Llama 2");
        assert_eq!(got["labels"]["meta-ai"], "Meta AI");
    }
}

#[test]
fn a_100k_model_hub_tree_still_passes_the_real_readers() {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_hf_tree.py");
    assert!(
        generator.exists(),
        "benches/gen_hf_tree.py ships with the repository"
    );
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("models.csv");
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .arg("100000")
        .arg(&csv)
        .stderr(std::process::Stdio::null())
        .status();
    if !common::require_reader("python3", status.is_ok()) {
        return;
    }
    assert!(status.unwrap().success());
    let data = vec![csv];
    let out = dir.path().join("out");
    export_all(&data, &out);
    readers_agree_with_stats(&data, &out);
    // the first row is the root of the largest family in this workload
    kuzu_agrees_with_descendants(
        &data,
        &out,
        "org-000000/Llama-1-7.0B",
        "org-000000--llama-1-7.0b",
    );
}
