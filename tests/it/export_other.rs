//! The DOT, Mermaid, Gephi CSV, Neo4j CSV and JSON exporters and `render`, checked with real
//! readers: Graphviz `dot`, graphviz-rust's parser, quick-xml, NetworkX, Kuzu and the csv crate.

use crate::common;
use crate::common::{has_dot, has_python_module};

use common::require_reader;
use llmkg::export::{Format, Options};
use llmkg::graph::{Graph, NodeIx};
use llmkg::model::{AttrValue, Edge, Evidence, Link, Node, NodeKind, Relation, slug};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------- graphs

/// A graph built in code: nodes are kept, and may be changed, until [`Builder::finish`] adds them
/// with their edges (a node's id is settled before the graph indexes it).
struct Builder {
    nodes: Vec<Node>,
    edges: Vec<(usize, usize, Edge)>,
    src: llmkg::model::Name,
    file: llmkg::model::Name,
    line: u32,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            nodes: Vec::new(),
            edges: Vec::new(),
            src: "curated".into(),
            file: "facts.toml".into(),
            line: 0,
        }
    }

    fn ev(&mut self, text: Option<&str>) -> Evidence {
        self.line += 1;
        let mut e = Evidence::at(&self.src, &self.file, self.line);
        e.text = text.map(Into::into);
        e
    }

    fn node(
        &mut self,
        label: &str,
        kind: NodeKind,
        released: Option<&str>,
        sizes: &[&str],
    ) -> usize {
        let ev = self.ev(None);
        let mut n = Node::new(slug(label), label.to_string(), kind, ev);
        n.released = released.map(|d| d.parse().unwrap());
        n.sizes = sizes.iter().map(|s| s.to_string()).collect();
        n.sizes_b = sizes
            .iter()
            .filter_map(|s| s.trim_end_matches('B').parse().ok())
            .collect();
        self.nodes.push(n);
        self.nodes.len() - 1
    }

    fn node_mut(&mut self, ix: usize) -> &mut Node {
        &mut self.nodes[ix]
    }

    fn edge(&mut self, from: usize, relation: Relation, to: usize, text: Option<&str>) {
        let evidence = self.ev(text);
        self.edges.push((from, to, Edge::new(relation, evidence)));
    }

    fn finish(self) -> Graph {
        let mut g = Graph::new();
        let ixs: Vec<NodeIx> = self
            .nodes
            .into_iter()
            .map(|n| g.add_node(n).unwrap())
            .collect();
        for (from, to, edge) in self.edges {
            g.add_edge(ixs[from], ixs[to], edge);
        }
        g
    }
}

/// Llama and friends.
fn llm_graph() -> Graph {
    use NodeKind::*;
    use Relation::*;
    let mut b = Builder::new();
    let llama = b.node(
        "Llama",
        Model,
        Some("2023-02"),
        &["7B", "13B", "33B", "65B"],
    );
    let llama2 = b.node("Llama 2", Model, Some("2023-07-18"), &["7B", "13B", "70B"]);
    let code = b.node("Code Llama", Model, Some("2023-08"), &["7B", "34B"]);
    let alpaca = b.node("Alpaca", Model, Some("2023-03"), &["7B"]);
    let vicuna = b.node("Vicuna", Model, Some("2023-03"), &["7B", "13B"]);
    let guanaco = b.node("Guanaco", Model, Some("2023-05"), &["65B"]);
    let meta = b.node("Meta AI", Organization, None, &[]);
    let stanford = b.node("Stanford", Organization, None, &[]);
    let lora = b.node("LoRA", Method, Some("2021-06"), &[]);
    let qlora = b.node("QLoRA", Method, Some("2023-05"), &[]);
    b.edge(
        llama2,
        SuccessorOf,
        llama,
        Some("Llama 2 is the next generation"),
    );
    b.edge(code, DerivedFrom, llama2, None);
    b.edge(
        alpaca,
        FineTunedFrom,
        llama,
        Some("Alpaca fine-tunes LLaMA 7B"),
    );
    b.edge(vicuna, FineTunedFrom, llama, None);
    b.edge(guanaco, FineTunedFrom, llama, None);
    b.edge(guanaco, TrainedWith, qlora, None);
    b.edge(qlora, Extends, lora, None);
    for m in [llama, llama2, code] {
        b.edge(m, DevelopedBy, meta, None);
    }
    b.edge(alpaca, DevelopedBy, stanford, None);
    let n = b.node_mut(llama);
    n.aliases = thin_vec::thin_vec!["LLaMA".into(), "llama-1".into()];
    n.links = thin_vec::thin_vec![Link {
        kind: llmkg::model::LinkKind::Paper,
        url: "https://arxiv.org/abs/2302.13971".into(),
    }];
    n.attrs.insert("downloads".into(), AttrValue::Int(123456));
    n.attrs
        .insert("license".into(), AttrValue::Text("other".into()));
    b.node_mut(alpaca)
        .attrs
        .insert("downloads".into(), AttrValue::Int(42));
    b.finish()
}

const NASTY: &str = "Q\"uo\\te <&> a\tb\nnew line 通义千问 🦙 مرحبا";

/// Text that breaks naive writers, in labels, evidence, aliases, descriptions and attributes.
fn awkward_graph() -> Graph {
    use NodeKind::*;
    use Relation::*;
    let mut b = Builder::new();
    let quoted = b.node("Say \"Hi\" \\ Model", Model, Some("2023-01"), &["7B"]);
    let xml = b.node("A<&>\u{1}B", Model, Some("2023-02"), &[]);
    let lines = b.node("Two\nlines\tand tab", Model, Some("2024-03"), &[]);
    let cjk = b.node("通义千问", Model, Some("2023-08"), &["14B"]);
    let emoji = b.node("🦙 Llama emoji", Model, Some("2024-01"), &[]);
    let rtl = b.node("مرحبا model", Model, None, &[]);
    let formula = b.node("=cmd|' /C calc'!A0", Model, None, &[]);
    let end = b.node("end", Model, None, &[]);
    let org = b.node("Org \"Quoted\" & <Co>", Organization, None, &[]);
    let method = b.node("Método ñ", Method, None, &[]);
    // a fact and a node that other sources assert too, with awkward text in their evidence
    let mut told_twice = Edge::new(FineTunedFrom, b.ev(Some(NASTY)));
    told_twice.add_evidence(Evidence {
        source: "list".into(),
        file: Some("l;ist \"1\".md".into()),
        line: std::num::NonZeroU32::new(7),
        text: Some(NASTY.into()),
        url: Some("https://x/?a=1&b=<2>".into()),
    });
    b.edges.push((xml, quoted, told_twice));
    b.edge(lines, DerivedFrom, xml, Some("line1\nline2, \"quoted\""));
    b.edge(cjk, VariantOf, quoted, Some("通义千问 is a variant"));
    b.edge(emoji, MergedFrom, cjk, Some("🦙🦙"));
    b.edge(emoji, MergedFrom, lines, None);
    b.edge(rtl, AdapterOf, emoji, Some("مرحبا"));
    b.edge(formula, QuantizedFrom, rtl, Some("=1+2"));
    b.edge(end, BuiltOn, formula, None);
    b.edge(end, TrainedWith, method, None);
    b.edge(quoted, DevelopedBy, org, Some("by \"Org\""));
    b.edge(cjk, DevelopedBy, org, None);
    let n = b.node_mut(quoted);
    n.add_evidence(Evidence {
        source: "hf".into(),
        file: None,
        line: None,
        text: Some("=1+2".into()),
        url: None,
    });
    n.aliases = thin_vec::thin_vec!["al;ias \"one\"".into(), "通义".into()];
    n.description = Some(NASTY.into());
    n.attrs.insert("note".into(), AttrValue::Text(NASTY.into()));
    n.attrs.insert("score".into(), AttrValue::Float(0.5));
    b.node_mut(xml)
        .attrs
        .insert("score".into(), AttrValue::Int(3));
    b.finish()
}

fn graphs() -> Vec<(&'static str, Graph)> {
    vec![("llm", llm_graph()), ("awkward", awkward_graph())]
}

fn all_options() -> Vec<Options> {
    [(false, false), (true, false), (false, true), (true, true)]
        .into_iter()
        .map(|(by_year, cluster_org)| Options {
            by_year,
            cluster_org,
        })
        .collect()
}

// ---------------------------------------------------------------- helpers

fn export_bytes(g: &Graph, format: Format, part: usize, opts: &Options) -> Vec<u8> {
    let mut out = Vec::new();
    format.write_part(g, part, &mut out, opts).unwrap();
    out
}

/// Writes every file of `format` under `dir`; returns their paths.
fn export_files(g: &Graph, format: Format, opts: &Options, dir: &Path) -> Vec<PathBuf> {
    format
        .files()
        .iter()
        .enumerate()
        .map(|(part, name)| {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, export_bytes(g, format, part, opts)).unwrap();
            path
        })
        .collect()
}

/// Runs a python script with arguments; returns its standard output parsed as JSON.
fn python_json(script: &str, args: &[&Path]) -> serde_json::Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_well_formed_xml(bytes: &[u8], what: &str) {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut elements = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_)) => elements += 1,
            Ok(_) => {}
            Err(e) => panic!(
                "{what}: not well-formed XML at {}: {e}",
                reader.buffer_position()
            ),
        }
        buf.clear();
    }
    assert!(elements > 0, "{what}: no elements");
}

/// Unquotes a DOT id as graphviz-rust parses it back.
fn dot_text(id: &graphviz_rust::dot_structures::Id) -> String {
    use graphviz_rust::dot_structures::Id;
    match id {
        Id::Escaped(s) => {
            let inner = &s[1..s.len() - 1];
            let mut out = String::new();
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some('n') => out.push('\n'),
                        Some(c) => out.push(c),
                        None => {}
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

/// Ids of the nodes that derive from `root` through lineage relations (reverse BFS).
fn lineage_descendants(g: &Graph, root: &str) -> BTreeSet<String> {
    let start = g.index_of(root).unwrap();
    let mut seen = vec![false; g.node_count()];
    seen[start.index()] = true;
    let mut queue = VecDeque::from([start]);
    let mut out = BTreeSet::new();
    while let Some(ix) = queue.pop_front() {
        for (e, child) in g.in_edges(ix) {
            if g.edge(e).relation.is_lineage() && !seen[child.index()] {
                seen[child.index()] = true;
                out.insert(g.node(child).id.to_string());
                queue.push_back(child);
            }
        }
    }
    out
}

// ---------------------------------------------------------------- DOT

#[test]
fn dot_lays_out_to_well_formed_svg_and_parses_back() {
    for (name, g) in graphs() {
        let ids: BTreeSet<String> = g
            .node_indices()
            .map(|ix| g.node(ix))
            .map(|n| n.id.to_string())
            .collect();
        let edges: BTreeSet<(String, String)> = g
            .edge_indices()
            .map(|e| {
                let (s, t) = g.endpoints(e);
                // drawn from the origin to the derived thing
                (g.node(t).id.to_string(), g.node(s).id.to_string())
            })
            .collect();
        for opts in all_options() {
            let what = format!("{name} {opts:?}");
            let text = String::from_utf8(export_bytes(&g, Format::Dot, 0, &opts)).unwrap();

            let parsed = graphviz_rust::parse(&text)
                .unwrap_or_else(|e| panic!("{what}: graphviz-rust cannot parse graph.dot: {e}"));
            let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = parsed else {
                panic!("{what}: not a digraph")
            };
            use graphviz_rust::dot_structures::{EdgeTy, Stmt, Vertex};
            let mut node_ids = BTreeSet::new();
            let mut node_labels = HashMap::new();
            let mut drawn = BTreeSet::new();
            let mut subgraphs = BTreeSet::new();
            for s in &stmts {
                match s {
                    Stmt::Node(n) => {
                        let id = dot_text(&n.id.0);
                        for a in &n.attributes {
                            if dot_text(&a.0) == "label" {
                                node_labels.insert(id.to_string(), dot_text(&a.1));
                            }
                        }
                        node_ids.insert(id);
                    }
                    Stmt::Edge(e) => {
                        if let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty {
                            drawn.insert((dot_text(&a.0), dot_text(&b.0)));
                        }
                    }
                    Stmt::Subgraph(sg) => {
                        subgraphs.insert(dot_text(&sg.id));
                    }
                    _ => {}
                }
            }
            assert_eq!(node_ids, ids, "{what}: node ids");
            let real: BTreeSet<_> = drawn
                .iter()
                .filter(|(a, b)| ids.contains(a) && ids.contains(b))
                .cloned()
                .collect();
            assert_eq!(real, edges, "{what}: edges, origin -> derived");
            for ix in g.node_indices() {
                let n = g.node(ix);
                let label = &node_labels[n.id.as_str()];
                let first_line: String = n.label.replace('\t', " ").replace('\u{1}', "");
                assert!(
                    label.starts_with(first_line.as_str()),
                    "{what}: label {label:?} of {}",
                    n.id
                );
            }
            assert!(subgraphs.contains("cluster_legend"), "{what}");
            assert!(text.contains("dir=\"back\""), "{what}");
            assert!(text.contains("rankdir=\"TB\""), "{what}");
            // the time axis whatever the options (`by_year` is the default layout)
            assert!(text.contains("newrank=\"true\""), "{what}");
            assert!(subgraphs.contains("axis"), "{what}: {subgraphs:?}");
            assert!(
                subgraphs.iter().any(|s| s.starts_with("rank:20")),
                "{what}: {subgraphs:?}"
            );
            assert!(text.contains("rank=\"same\""), "{what}");
            if !opts.cluster_org {
                assert!(
                    subgraphs.iter().any(|s| s.starts_with("cluster_family:")),
                    "{what}: {subgraphs:?}"
                );
            }
            if opts.cluster_org {
                let org = if name == "llm" {
                    "cluster_meta-ai"
                } else {
                    "cluster_org-quoted-co"
                };
                assert!(subgraphs.contains(org), "{what}: {subgraphs:?}");
            }

            if !require_reader("graphviz dot", has_dot()) {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("graph.dot");
            std::fs::write(&path, &text).unwrap();
            let out = Command::new("dot")
                .arg("-Tsvg")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{what}: dot failed: {}\n{text}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_well_formed_xml(&out.stdout, &what);
        }
    }
}

#[test]
fn dot_legend_lists_the_relations_present() {
    let g = llm_graph();
    let text = String::from_utf8(export_bytes(&g, Format::Dot, 0, &Options::default())).unwrap();
    let legend = &text[text.find("subgraph \"cluster_legend\"").unwrap()..];
    assert!(legend.contains("label=\"Legend\""));
    for r in [
        "successor_of",
        "derived_from",
        "fine_tuned_from",
        "trained_with",
        "extends",
        "developed_by",
    ] {
        assert!(legend.contains(&format!("label=\"{r}\"")), "{r} in legend");
    }
    assert!(
        !legend.contains("quantized_from"),
        "absent relations are not in the legend"
    );
}

// ---------------------------------------------------------------- JSON / NetworkX

const NETWORKX_SCRIPT: &str = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
G = nx.node_link_graph(data, edges="edges")
print(json.dumps({
    "directed": G.is_directed(),
    "multigraph": G.is_multigraph(),
    "nodes": G.number_of_nodes(),
    "edges": G.number_of_edges(),
    "labels": {n: d["label"] for n, d in G.nodes(data=True)},
    "kinds": {n: d["kind"] for n, d in G.nodes(data=True)},
    "relations": sorted([u, v, d["relation"]] for u, v, d in G.edges(data=True)),
    "evidence_texts": sorted(d["evidence"].get("text", "") for u, v, d in G.edges(data=True)),
    "node_sources": {n: d["sources"] for n, d in G.nodes(data=True)},
    "edge_sources": sorted([u, v, d["relation"], d["sources"], d["evidence_records"]]
                           for u, v, d in G.edges(data=True)),
}))
"#;

#[test]
fn json_loads_in_networkx() {
    for (name, g) in graphs() {
        let bytes = export_bytes(&g, Format::Json, 0, &Options::default());
        assert!(bytes.ends_with(b"}\n"), "{name}: trailing newline");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc["directed"], true);
        assert_eq!(doc["multigraph"], true);
        assert!(doc["edges"].is_array() && doc.get("links").is_none());

        if !require_reader("python networkx", has_python_module("networkx")) {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let paths = export_files(&g, Format::Json, &Options::default(), dir.path());
        let got = python_json(NETWORKX_SCRIPT, &[&paths[0]]);
        assert_eq!(got["directed"], true, "{name}");
        assert_eq!(got["multigraph"], true, "{name}");
        assert_eq!(got["nodes"], g.node_count(), "{name}");
        assert_eq!(got["edges"], g.edge_count(), "{name}");
        for n in g.node_indices().map(|ix| g.node(ix)) {
            assert_eq!(
                got["labels"][n.id.as_str()],
                n.label.as_str(),
                "{name}: {}",
                n.id
            );
            assert_eq!(
                got["kinds"][n.id.as_str()],
                n.kind.as_str(),
                "{name}: {}",
                n.id
            );
        }
        let mut relations: Vec<serde_json::Value> = g
            .edge_indices()
            .map(|e| {
                let (s, t) = g.endpoints(e);
                serde_json::json!([g.node(s).id, g.node(t).id, g.edge(e).relation.as_str()])
            })
            .collect();
        relations.sort_by_key(|v| v.to_string());
        let mut got_relations = got["relations"].as_array().unwrap().clone();
        got_relations.sort_by_key(|v| v.to_string());
        assert_eq!(got_relations, relations, "{name}");
        let mut texts: Vec<String> = g
            .edge_indices()
            .map(|e| {
                g.edge(e)
                    .evidence
                    .text
                    .as_deref()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        texts.sort();
        let got_texts: Vec<String> = serde_json::from_value(got["evidence_texts"].clone()).unwrap();
        let mut got_texts = got_texts;
        got_texts.sort();
        assert_eq!(got_texts, texts, "{name}: evidence text survives");
        for n in g.node_indices().map(|ix| g.node(ix)) {
            let sources: Vec<&str> = n.sources().iter().map(|s| s.as_str()).collect();
            assert_eq!(
                got["node_sources"][n.id.as_str()],
                serde_json::json!(sources),
                "{name}"
            );
        }
        let mut provenance: Vec<serde_json::Value> = g
            .edge_indices()
            .map(|e| {
                let (s, t) = g.endpoints(e);
                let edge = g.edge(e);
                let sources: Vec<&str> = edge.sources().iter().map(|s| s.as_str()).collect();
                let records: Vec<&Evidence> = edge.evidence_records().collect();
                serde_json::json!([
                    g.node(s).id,
                    g.node(t).id,
                    edge.relation.as_str(),
                    sources,
                    records
                ])
            })
            .collect();
        provenance.sort_by_key(|v| v.to_string());
        let mut got_provenance = got["edge_sources"].as_array().unwrap().clone();
        got_provenance.sort_by_key(|v| v.to_string());
        assert_eq!(
            got_provenance, provenance,
            "{name}: sources and evidence records"
        );
    }
    let quoted = awkward_graph();
    let quoted = quoted.node(quoted.index_of("say-hi-model").unwrap());
    assert_eq!(
        quoted.sources().len(),
        2,
        "the awkward graph has a node with two sources"
    );
}

// ---------------------------------------------------------------- Neo4j / Kuzu

const KUZU_SCRIPT: &str = r#"
import csv, json, sys
import kuzu
db = kuzu.Database(sys.argv[1])
c = kuzu.Connection(db)
# attribute columns after the 17 fixed ones, typed as their neo4j-admin header says
header = next(csv.reader(open(sys.argv[2], encoding="utf-8")))
types = {"long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}
extra = "".join(
    ", a{} {}".format(i, types.get(h.rsplit(":", 1)[1] if ":" in h else "", "STRING"))
    for i, h in enumerate(header[17:]))
c.execute("""CREATE NODE TABLE Entity(id STRING, name STRING, label STRING, kind STRING,
    released DATE, sizes_b STRING, sizes STRING, released_text STRING, aliases STRING,
    description STRING, origin_source STRING, origin_file STRING, origin_line INT64,
    origin_text STRING, origin_url STRING, sources STRING, more_evidence STRING{extra},
    PRIMARY KEY (id))""".format(extra=extra))
c.execute("""CREATE REL TABLE R(FROM Entity TO Entity, type STRING, relation STRING,
    lineage BOOLEAN, evidence_source STRING, evidence_file STRING, evidence_line INT64,
    evidence_text STRING, evidence_url STRING, sources STRING, more_evidence STRING)""")
c.execute(f"COPY Entity FROM '{sys.argv[2]}' (header=true, parallel=false)")
c.execute(f"COPY R FROM '{sys.argv[3]}' (header=true, parallel=false)")
root = sys.argv[4]
def rows(q, params=None):
    r = c.execute(q, params or {})
    out = []
    while r.has_next():
        out.append(r.get_next())
    return out
desc = rows("MATCH (d:Entity)-[:R*1..30 (r, _ | WHERE r.lineage = true)]->(a:Entity {id: $root}) "
            "RETURN DISTINCT d.id", {"root": root})
names = rows("MATCH (n:Entity) RETURN n.id, n.name, n.label, n.released, n.description, n.sources")
rels = rows("MATCH (a:Entity)-[r:R]->(b:Entity) "
            "RETURN a.id, b.id, r.type, r.evidence_text, r.sources, r.more_evidence")
print(json.dumps({
    "descendants": sorted(d[0] for d in desc),
    "nodes": {n[0]: {"name": n[1], "label": n[2], "released": str(n[3]) if n[3] else None,
                     "description": n[4], "sources": n[5]} for n in names},
    "rels": sorted([a, b, t, x or "", s, m or ""] for a, b, t, x, s, m in rels),
}))
"#;

#[test]
fn neo4j_headers_are_the_neo4j_admin_dialect() {
    let g = llm_graph();
    let nodes = String::from_utf8(export_bytes(&g, Format::Neo4j, 0, &Options::default())).unwrap();
    let rels = String::from_utf8(export_bytes(&g, Format::Neo4j, 1, &Options::default())).unwrap();
    assert_eq!(
        nodes.lines().next().unwrap(),
        "id:ID(Entity),name,:LABEL,kind,released:date,sizes_b:float[],sizes:string[],\
         released_text,aliases:string[],description,origin_source,origin_file,origin_line:int,\
         origin_text,origin_url,sources:string[],more_evidence,downloads:long,license"
    );
    assert_eq!(
        rels.lines().next().unwrap(),
        ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,lineage:boolean,evidence_source,\
         evidence_file,evidence_line:int,evidence_text,evidence_url,sources:string[],more_evidence"
    );
    let mut r = csv::Reader::from_reader(nodes.as_bytes());
    let llama = r
        .records()
        .map(Result::unwrap)
        .find(|row| &row[0] == "llama")
        .unwrap();
    assert_eq!(&llama[2], "Model");
    assert_eq!(&llama[4], "2023-02-01");
    assert_eq!(&llama[5], "7\u{1f}13\u{1f}33\u{1f}65");
    assert_eq!(&llama[6], "7B\u{1f}13B\u{1f}33B\u{1f}65B");
    assert_eq!(&llama[7], "2023-02");
    assert_eq!(&llama[8], "LLaMA\u{1f}llama-1", "joined by U+001F");
    assert_eq!(&llama[15], "curated", "sources, an array of one");
    assert_eq!(&llama[16], "", "no further evidence: an empty cell");
    assert_eq!(&llama[17], "123456");
    let meta = csv::Reader::from_reader(nodes.as_bytes())
        .records()
        .map(Result::unwrap)
        .find(|row| &row[0] == "meta-ai")
        .unwrap();
    assert_eq!(&meta[2], "Organization");
    assert_eq!(&meta[6], "", "empty arrays are empty cells");
    let types: BTreeSet<String> = csv::Reader::from_reader(rels.as_bytes())
        .records()
        .map(|row| row.unwrap()[2].to_string())
        .collect();
    assert!(
        types.contains("FINE_TUNED_FROM") && types.contains("DEVELOPED_BY"),
        "{types:?}"
    );
}

#[test]
fn neo4j_csvs_load_into_kuzu_with_the_same_lineage() {
    if !require_reader("python kuzu", has_python_module("kuzu")) {
        return;
    }
    for (name, g, root) in [
        ("llm", llm_graph(), "llama"),
        ("awkward", awkward_graph(), "say-hi-model"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let paths = export_files(&g, Format::Neo4j, &Options::default(), dir.path());
        let db = dir.path().join("kuzu-db");
        let got = python_json(KUZU_SCRIPT, &[&db, &paths[0], &paths[1], Path::new(root)]);
        let expected = lineage_descendants(&g, root);
        assert!(expected.len() >= 3, "{name}: the test graph has a lineage");
        let got_desc: BTreeSet<String> =
            serde_json::from_value(got["descendants"].clone()).unwrap();
        assert_eq!(got_desc, expected, "{name}: descendants of {root}");
        assert_eq!(got["nodes"].as_object().unwrap().len(), g.node_count());
        for ix in g.node_indices() {
            let n = g.node(ix);
            let row = &got["nodes"][n.id.as_str()];
            // text columns are made safe for spreadsheets (a leading ' before a formula)
            assert_eq!(row["name"], guarded(&n.label), "{name}");
            let kind = n.kind.as_str();
            assert_eq!(
                row["label"].as_str().unwrap().to_lowercase(),
                kind,
                "{name}: :LABEL"
            );
            match n.released {
                Some(d) => assert_eq!(row["released"], d.iso_day().as_str(), "{name}"),
                None => assert!(row["released"].is_null(), "{name}"),
            }
            if let Some(d) = &n.description {
                assert_eq!(row["description"], guarded(d), "{name}");
            }
            // arrays as neo4j-admin reads them with --array-delimiter=U+001F (Kuzu has a syntax of
            // its own)
            let sources: Vec<&str> = n.sources().iter().map(|s| s.as_str()).collect();
            assert_eq!(row["sources"], sources.join("\u{1f}"), "{name}: sources");
        }
        let rels = got["rels"].as_array().unwrap();
        assert_eq!(rels.len(), g.edge_count(), "{name}");
        for e in g.edge_indices() {
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            let sources: Vec<&str> = edge.sources().iter().map(|s| s.as_str()).collect();
            let more = match edge.also.is_empty() {
                true => String::new(),
                false => serde_json::to_string(&edge.also).unwrap(),
            };
            let want = serde_json::json!([
                g.node(s).id,
                g.node(t).id,
                edge.relation.as_str().to_uppercase(),
                guarded(edge.evidence.text.as_deref().unwrap_or_default()),
                sources.join("\u{1f}"),
                more
            ]);
            assert!(rels.contains(&want), "{name}: {want} in {rels:?}");
        }
    }
}

// ---------------------------------------------------------------- Gephi CSV

/// The CSV dialects' guard as docs/exports.md states it, written out again so the test checks the
/// rule, not the code against itself: a cell that a spreadsheet could run as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return, and not a plain number), or that starts
/// with `'`, gets one leading `'`.
fn guarded(text: &str) -> String {
    let risky = match text.chars().next() {
        Some('\'') => true,
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => !plain_number(text),
        _ => false,
    };
    if risky {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A guarded cell's text.
fn unguarded(text: &str) -> &str {
    text.strip_prefix('\'').unwrap_or(text)
}

fn plain_number(text: &str) -> bool {
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$").unwrap()
    });
    NUMBER.is_match(text)
}

/// An attribute's cell: numbers and booleans as such (a float keeps its `.0`), text guarded, and
/// text that would read back as a number or boolean (or is empty) marked as text by a `'`.
fn attr_cell(v: &AttrValue) -> String {
    match v {
        AttrValue::Bool(b) => b.to_string(),
        AttrValue::Int(i) => i.to_string(),
        AttrValue::Float(x) => format!("{x:?}"),
        AttrValue::Text(s)
            if s.is_empty() || plain_number(s) || s.as_str() == "true" || s.as_str() == "false" =>
        {
            format!("'{s}")
        }
        AttrValue::Text(s) => guarded(s),
    }
}

#[test]
fn gephi_csvs_parse_back_with_the_text_intact() {
    for (name, g) in graphs() {
        let nodes = export_bytes(&g, Format::Csv, 0, &Options::default());
        let edges = export_bytes(&g, Format::Csv, 1, &Options::default());
        assert!(!nodes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
        let mut r = csv::Reader::from_reader(nodes.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(
            &header[..6],
            ["Id", "Label", "Kind", "Released", "Sizes", "Organization"]
        );
        let col = |c: &str| header.iter().position(|h| h == c).unwrap();
        let mut seen = 0;
        for row in r.records() {
            let row = row.unwrap();
            assert_eq!(row.len(), header.len());
            let ix = g.index_of(&row[0]).unwrap();
            let n = g.node(ix);
            // cells a spreadsheet could run as formulas carry a leading ', which uncell removes
            assert_eq!(unguarded(&row[col("Label")]), n.label, "{name}");
            assert_eq!(&row[col("Kind")], n.kind.as_str());
            let sizes: Vec<String> = if row[col("Sizes")].is_empty() {
                vec![]
            } else {
                serde_json::from_str(&row[col("Sizes")]).unwrap()
            };
            assert_eq!(sizes, n.sizes.to_vec());
            let aliases: Vec<String> = if row[col("Aliases")].is_empty() {
                vec![]
            } else {
                serde_json::from_str(&row[col("Aliases")]).unwrap()
            };
            assert_eq!(aliases, n.aliases.to_vec(), "{name}: aliases survive");
            assert_eq!(
                unguarded(&row[col("Description")]),
                n.description.as_deref().unwrap_or_default()
            );
            for (k, v) in &n.attrs {
                assert_eq!(row[col(k)], attr_cell(&v), "{name}: attr {k}");
            }
            if n.id == "llama" {
                assert_eq!(&row[col("Organization")], "Meta AI");
                assert_eq!(&row[col("Sizes_b")], "[7.0,13.0,33.0,65.0]");
            }
            seen += 1;
        }
        assert_eq!(seen, g.node_count());

        let mut r = csv::Reader::from_reader(edges.as_slice());
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            [
                "Source",
                "Target",
                "Type",
                "Kind",
                "Id",
                "Label",
                "Weight",
                "Evidence_source",
                "Evidence_file",
                "Evidence_line",
                "Evidence_text",
                "Evidence_url",
                "Sources",
                "More_evidence"
            ]
        );
        let mut ids = BTreeSet::new();
        let mut count = 0;
        for row in r.records() {
            let row = row.unwrap();
            let (s, t) = (g.index_of(&row[0]).unwrap(), g.index_of(&row[1]).unwrap());
            let relation: Relation = row[3].parse().unwrap();
            let e = g.find_edge(s, t, relation).unwrap();
            assert_eq!(&row[2], "Directed");
            assert_eq!(&row[5], &row[3]);
            assert_eq!(&row[6], "1");
            assert_eq!(
                unguarded(&row[10]),
                g.edge(e).evidence.text.as_deref().unwrap_or_default(),
                "{name}: evidence text intact"
            );
            let sources: Vec<String> = serde_json::from_str(&row[12]).unwrap();
            let want: Vec<&str> = g.edge(e).sources().iter().map(|s| s.as_str()).collect();
            assert_eq!(sources, want, "{name}: sources");
            let more: Vec<Evidence> = match &row[13] {
                "" => Vec::new(),
                text => serde_json::from_str(text).unwrap(),
            };
            assert_eq!(more, g.edge(e).also.to_vec(), "{name}: further evidence");
            assert!(ids.insert(row[4].to_string()), "edge ids are unique");
            count += 1;
        }
        assert_eq!(count, g.edge_count());
    }
    // the awkward text really is in there
    let g = awkward_graph();
    let edges = export_bytes(&g, Format::Csv, 1, &Options::default());
    let texts: Vec<String> = csv::Reader::from_reader(edges.as_slice())
        .records()
        .map(|r| unguarded(&r.unwrap()[10]).to_string())
        .collect();
    assert!(texts.iter().any(|t| t == NASTY));
}

// ---------------------------------------------------------------- Mermaid

/// A Mermaid flowchart read back, checking the syntax rules on the way.
#[derive(Default)]
struct Flowchart {
    /// Node ids declared, with their label (the organizations' line included).
    nodes: HashMap<String, String>,
    /// Edges as written: (upper, relation, lower).
    edges: Vec<(String, String, String)>,
    /// Invisible links that place the rows.
    links: usize,
}

fn check_mermaid(text: &str) -> Flowchart {
    let id_re = regex::Regex::new(r"^[A-Za-z0-9_]+$").unwrap();
    let node_re =
        regex::Regex::new(r#"^    ([^\[\(\{ ]+)(\["|\(\["|\{\{")(.*)("\]|"\]\)|"\}\}):::(\w+)$"#)
            .unwrap();
    // the organization colours: a class per colour, declared before the nodes
    let class_re =
        regex::Regex::new(r"^    classDef (org\d+|other|noorg) fill:#[0-9a-f]{6},color:#000000$")
            .unwrap();
    let mut classes = std::collections::HashSet::new();
    let edge_re = regex::Regex::new(r"^    (\S+) -->\|([a-z_]+)\| (\S+)$").unwrap();
    let link_re = regex::Regex::new(r"^    (\S+) ~~~ (\S+)$").unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart TB"));
    let mut f = Flowchart::default();
    for line in lines {
        if line.trim_start().starts_with("%%") {
            assert!(
                line.starts_with("    %% "),
                "a comment, never a directive: {line}"
            );
            continue;
        }
        if let Some(c) = class_re.captures(line) {
            assert!(classes.insert(c[1].to_string()), "{line} twice");
        } else if let Some(c) = edge_re.captures(line) {
            for id in [&c[1], &c[3]] {
                assert!(id_re.is_match(id) && id != "end", "bad id {id:?}");
            }
            f.edges
                .push((c[1].to_string(), c[2].to_string(), c[3].to_string()));
        } else if let Some(c) = link_re.captures(line) {
            assert!(
                f.nodes.contains_key(&c[1]) && f.nodes.contains_key(&c[2]),
                "{line}"
            );
            f.links += 1;
        } else if let Some(c) = node_re.captures(line) {
            let id = &c[1];
            assert!(id_re.is_match(id) && id != "end", "bad id {id:?}");
            assert!(!c[3].contains('"'), "raw quote in label: {line}");
            assert!(
                classes.contains(&c[5]),
                "class {} undeclared: {line}",
                &c[5]
            );
            let label = c[3].replace("<br><small>", "\n").replace("</small>", "");
            assert!(
                !label.replace("<br>", " ").contains('<'),
                "only line breaks and the organizations' line are markup: {line}"
            );
            assert!(
                f.nodes.insert(id.to_string(), label).is_none(),
                "{id} twice"
            );
        } else {
            panic!("unexpected Mermaid line: {line:?}");
        }
    }
    for (a, _, b) in &f.edges {
        assert!(
            f.nodes.contains_key(a) && f.nodes.contains_key(b),
            "edge {a} -> {b} to undeclared node"
        );
    }
    f
}

#[test]
fn mermaid_ids_and_labels_follow_the_syntax() {
    for (name, g) in graphs() {
        let text =
            String::from_utf8(export_bytes(&g, Format::Mermaid, 0, &Options::default())).unwrap();
        let f = check_mermaid(&text);
        let developed = |e: llmkg::graph::EdgeIx| g.edge(e).relation == Relation::DevelopedBy;
        let named_orgs: BTreeSet<NodeIx> = g
            .edge_indices()
            .filter(|&e| developed(e))
            .map(|e| g.endpoints(e).1)
            .collect();
        assert_eq!(
            f.nodes.len(),
            g.node_count() - named_orgs.len(),
            "{name}: ids are unique, organizations that developed something are labels"
        );
        let drawn = g.edge_indices().filter(|&e| !developed(e)).count();
        assert_eq!(f.edges.len(), drawn, "{name}");
        // what a node comes from is written first, so Mermaid draws it above
        let mermaid_id = |ix: NodeIx| {
            let id: String = g
                .node(ix)
                .id
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            format!("n_{id}")
        };
        for e in g.edge_indices().filter(|&e| !developed(e)) {
            let (s, t) = g.endpoints(e);
            let edge = (mermaid_id(t), g.edge(e).relation.to_string(), mermaid_id(s));
            assert!(f.edges.contains(&edge), "{name}: {edge:?}");
        }
        // and the organizations are named under the labels of what they developed
        for e in g.edge_indices().filter(|&e| developed(e)) {
            let (s, t) = g.endpoints(e);
            let label = &f.nodes[&mermaid_id(s)];
            let (_, orgs) = label.split_once('\n').expect("an organizations' line");
            let org = &g.node(t).label;
            if org.chars().all(|c| c.is_alphanumeric() || c == ' ') {
                assert!(
                    orgs.split(", ").any(|o| o == org),
                    "{name}: {org} in {label}"
                );
            }
        }
        if name == "awkward" {
            assert!(text.contains("#quot;Hi#quot;"), "{text}");
            assert!(
                text.contains("n_end["),
                "the node called end gets a safe id"
            );
        }
    }
}

/// A chain of `len` models: `len - 1` lineage edges, one family.
fn add_chain(b: &mut Builder, prefix: &str, len: usize) {
    let ixs: Vec<usize> = (0..len)
        .map(|i| b.node(&format!("{prefix} {i}"), NodeKind::Model, None, &[]))
        .collect();
    for w in ixs.windows(2) {
        b.edge(w[1], Relation::FineTunedFrom, w[0], None);
    }
}

#[test]
fn mermaid_over_the_limit_keeps_the_largest_families_that_fit() {
    let mut b = Builder::new();
    add_chain(&mut b, "Alpha", 301); // 300 edges
    add_chain(&mut b, "Beta", 251); // 250 edges: cut at a level
    add_chain(&mut b, "Gamma", 101); // 100 edges: left out
    let g = b.finish();
    assert_eq!(g.edge_count(), 650);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("graph.json");
    std::fs::write(
        &data,
        export_bytes(&g, Format::Json, 0, &Options::default()),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("llmkg")
        .unwrap()
        .arg("--data")
        .arg(&data)
        .args(["export", "--format", "mermaid", "--out", "-"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let f = check_mermaid(&text);
    // Mermaid counts the invisible links too: each family is counted one, Beta gets the rest
    assert_eq!(f.edges.len(), 300 + 198, "{text}");
    assert!(f.edges.len() + f.links <= 500, "{}", f.links);
    assert!(
        text.contains("%% family: Alpha 0"),
        "families are named by their root"
    );
    assert!(text.contains("%% family: Beta 0"));
    assert!(
        text.contains("n_beta_198[") && !text.contains("n_beta_199["),
        "{text}"
    );
    assert!(!text.contains("Gamma 0["));
    let notice: Vec<&str> = text.lines().skip(1).take(3).collect();
    assert!(
        notice.iter().all(|l| l.starts_with("    %% ")),
        "{notice:?}"
    );
    assert!(
        notice[0].contains("650 edges") && notice[0].contains("500 edges"),
        "{notice:?}"
    );
    assert!(
        notice[1].contains("the 1 largest families whole"),
        "{notice:?}"
    );
    assert!(
        notice[1].contains("\"Beta 0\" cut to 199 of its 251 members"),
        "{notice:?}"
    );
    assert!(
        notice[1].contains("1 family with 101 members (\"Gamma 0\")"),
        "{notice:?}"
    );
    assert!(notice[2].contains("--family NAME"), "{notice:?}");
    // the same notice on standard error
    for line in &notice {
        let said = line.trim_start_matches("    %% ");
        assert!(
            stderr.contains(&format!("note: graph.mmd: {said}")),
            "{stderr}"
        );
    }
}

// ---------------------------------------------------------------- render, determinism

#[test]
fn render_gives_svg_and_png() {
    if !require_reader("graphviz dot", has_dot()) {
        return;
    }
    use llmkg::render::{RenderFormat, render};
    for (name, g) in graphs() {
        let opts = Options {
            by_year: true,
            cluster_org: true,
        };
        let svg = render(&g, RenderFormat::Svg, &opts).unwrap();
        assert!(
            svg.starts_with(b"<?xml") || svg.starts_with(b"<svg"),
            "{name}"
        );
        assert_well_formed_xml(&svg, name);
        let png = render(&g, RenderFormat::Png, &Options::default()).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: PNG magic");
        let pdf = render(&g, RenderFormat::Pdf, &Options::default()).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{name}: PDF magic");
    }
}

#[test]
fn every_export_is_byte_identical_across_runs() {
    for (name, _) in graphs() {
        for format in [
            Format::Dot,
            Format::Mermaid,
            Format::Csv,
            Format::Neo4j,
            Format::Json,
        ] {
            for opts in all_options() {
                for part in 0..format.files().len() {
                    // a fresh graph each time: nothing may depend on hash order or memory
                    let g1 = if name == "llm" {
                        llm_graph()
                    } else {
                        awkward_graph()
                    };
                    let g2 = if name == "llm" {
                        llm_graph()
                    } else {
                        awkward_graph()
                    };
                    let a = export_bytes(&g1, format, part, &opts);
                    let b = export_bytes(&g2, format, part, &opts);
                    assert!(!a.is_empty());
                    assert_eq!(a, b, "{name} {format:?} part {part} {opts:?}");
                }
            }
        }
    }
}

#[test]
fn render_subcommand_takes_format_out_by_year_and_cluster() {
    let out = assert_cmd::Command::cargo_bin("llmkg")
        .unwrap()
        .args(["render", "--help"])
        .assert()
        .success();
    let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for word in [
        "--format",
        "svg",
        "png",
        "pdf",
        "--out",
        "-o",
        "--by-year",
        "--cluster",
    ] {
        assert!(help.contains(word), "{word} in:\n{help}");
    }
    assert_cmd::Command::cargo_bin("llmkg")
        .unwrap()
        .args(["render", "--format", "gif"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("possible values: svg, png, pdf"));
}
