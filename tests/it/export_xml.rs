//! GraphML and GEXF exports read back by the real readers: xmllint against the schemas, NetworkX,
//! igraph; awkward text survives, forbidden characters are replaced, output is deterministic.

use crate::common;

use common::require_reader;
use llmkg::export::Options;
use llmkg::formats::{gexf, graphml};
use llmkg::graph::{Graph, NodeIx};
use llmkg::model::{
    AttrValue, Correction, Date, Edge, Evidence, Link, Node, NodeKind, Relation, slug,
};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------------------------
// test graphs

fn ev(line: u32, text: Option<&str>, url: Option<&str>) -> Evidence {
    let src: llmkg::model::Name = "curated".into();
    let file: llmkg::model::Name = "data/facts.toml".into();
    let mut e = Evidence::at(&src, &file, line);
    e.text = text.map(Into::into);
    e.url = url.map(Into::into);
    e
}

fn node(label: &str, kind: NodeKind, line: u32) -> Node {
    Node::new(slug(label), label.to_string(), kind, ev(line, None, None))
}

fn link(g: &mut Graph, from: NodeIx, to: NodeIx, r: Relation, e: Evidence) {
    g.add_edge(from, to, Edge::new(r, e));
}

/// A small LLM lineage graph with every kind of node, typed attributes and a parallel edge.
fn llm_graph() -> Graph {
    let mut g = Graph::new();
    let mut meta = node("Meta AI", NodeKind::Organization, 1);
    meta.aliases = thin_vec::thin_vec!["Meta".into(), "Facebook AI Research".into()];
    let meta = g.add_node(meta).unwrap();
    let stanford = g
        .add_node(node("Stanford", NodeKind::Organization, 2))
        .unwrap();

    let mut llama = node("Llama", NodeKind::Model, 10);
    llama.aliases = thin_vec::thin_vec!["LLaMA".into()];
    llama.released = Some("2023-02".parse().unwrap());
    llama.sizes = thin_vec::thin_vec!["7B".into(), "13B".into(), "33B".into(), "65B".into()];
    llama.sizes_b = thin_vec::thin_vec![7.0, 13.0, 33.0, 65.2];
    llama.links = thin_vec::thin_vec![Link {
        kind: llmkg::model::LinkKind::Paper,
        url: "https://arxiv.org/abs/2302.13971".into(),
    }];
    llama.description = Some("Open foundation models".into());
    llama.origin.url = Some("https://ai.meta.com/blog/large-language-model-llama-meta-ai/".into());
    // a second source names it too
    llama.add_evidence(Evidence {
        source: "list".into(),
        file: Some("data/LLM-BaseModel.md".into()),
        line: std::num::NonZeroU32::new(9),
        text: Some("2023/02, Meta AI proposes Llama.".into()),
        url: None,
    });
    llama
        .attrs
        .insert("downloads".into(), AttrValue::Int(123_456));
    llama.attrs.insert("score".into(), AttrValue::Float(0.75));
    llama.attrs.insert("gated".into(), AttrValue::Bool(true));
    llama
        .attrs
        .insert("license".into(), AttrValue::Text("llama-license".into()));
    let llama = g.add_node(llama).unwrap();

    let mut llama2 = node("Llama 2", NodeKind::Model, 20);
    llama2.released = Some("2023-07-18".parse().unwrap());
    llama2.sizes = thin_vec::thin_vec!["7B".into(), "13B".into(), "70B".into()];
    llama2.sizes_b = thin_vec::thin_vec![7.0, 13.0, 70.0];
    llama2.attrs.insert("downloads".into(), AttrValue::Int(-5));
    // an integer where another node has a float: the column is a double
    llama2.attrs.insert("score".into(), AttrValue::Int(1));
    llama2.attrs.insert("gated".into(), AttrValue::Bool(false));
    llama2.corrections = thin_vec::thin_vec![Correction {
        field: "sizes".into(),
        list_value: "7B, 13B".into(),
        list_evidence: Evidence::at(&"list".into(), &"LLM-BaseModel.md".into(), 42),
        curated_value: "7B, 13B, 70B".into(),
        curated_evidence: ev(21, Some("the 70B is public too"), None),
    }];
    let llama2 = g.add_node(llama2).unwrap();

    let mut code = node("Code Llama", NodeKind::Model, 30);
    code.released = Some("2023-08".parse().unwrap());
    code.sizes = thin_vec::thin_vec!["34B".into()];
    code.sizes_b = thin_vec::thin_vec![34.0];
    let code = g.add_node(code).unwrap();

    let mut alpaca = node("Alpaca", NodeKind::Model, 40);
    alpaca.released = Some("2023-03-13".parse().unwrap());
    let alpaca = g.add_node(alpaca).unwrap();
    let mut alora = node("Alpaca-LoRA", NodeKind::Model, 45);
    alora.released = Some("2023-03".parse().unwrap());
    let alora = g.add_node(alora).unwrap();

    let lora = g.add_node(node("LoRA", NodeKind::Method, 50)).unwrap();
    let qlora = g.add_node(node("QLoRA", NodeKind::Method, 51)).unwrap();

    let cite = |l, t| ev(l, Some(t), Some("https://arxiv.org/abs/2307.09288"));
    link(
        &mut g,
        llama2,
        llama,
        Relation::SuccessorOf,
        cite(60, "Llama 2 succeeds Llama"),
    );
    link(
        &mut g,
        code,
        llama2,
        Relation::DerivedFrom,
        cite(61, "continued pre-training"),
    );
    // a second relation between the same pair: GEXF keeps them apart by kind
    link(&mut g, code, llama2, Relation::BuiltOn, ev(62, None, None));
    // a fact two sources assert
    let mut tuned = Edge::new(Relation::FineTunedFrom, cite(63, "fine-tuned on 52K demos"));
    tuned.add_evidence(Evidence {
        source: "list".into(),
        file: Some("data/LLM-BaseModel.md".into()),
        line: std::num::NonZeroU32::new(11),
        text: Some("Alpaca, fine-tuned based on the Llama 7b model.".into()),
        url: None,
    });
    g.add_edge(alpaca, llama, tuned);
    link(
        &mut g,
        alora,
        llama,
        Relation::AdapterOf,
        ev(64, None, None),
    );
    link(
        &mut g,
        alora,
        lora,
        Relation::TrainedWith,
        ev(65, None, None),
    );
    link(&mut g, qlora, lora, Relation::Extends, ev(66, None, None));
    for m in [llama, llama2, code] {
        link(&mut g, m, meta, Relation::DevelopedBy, ev(70, None, None));
    }
    link(
        &mut g,
        alpaca,
        stanford,
        Relation::DevelopedBy,
        ev(71, None, None),
    );
    // two organizations: the one with the smallest id gives the colour
    link(
        &mut g,
        alora,
        stanford,
        Relation::DevelopedBy,
        ev(72, None, None),
    );
    link(
        &mut g,
        alora,
        meta,
        Relation::DevelopedBy,
        ev(73, None, None),
    );
    g
}

const AWKWARD_QUOTES: &str = "He said \"hi\" \\ back\\slash <&> 'single'";
const CJK: &str = "通义千问";
const EMOJI: &str = "🦙";
const RTL: &str = "مرحبا";

/// Labels, aliases, evidence and attribute names that every escaping layer must get right.
/// Holds exactly 6 forbidden characters outside JSON lists (label 2, edge text 2, attr 1, origin 1).
fn awkward_graph() -> Graph {
    let mut g = Graph::new();
    let mut qwen = node(&format!("{CJK} Qwen"), NodeKind::Model, 1);
    qwen.aliases = thin_vec::thin_vec![
        CJK.into(),
        AWKWARD_QUOTES.into(),
        "tab\there".into(),
        "ctl\u{1}alias".into(),
    ];
    qwen.released = Some("2023-08-03".parse().unwrap());
    qwen.description = Some(format!("line one\nline two\r\n{RTL} {EMOJI} <&>\ttab").into());
    qwen.attrs.insert(
        "pipeline tag".into(),
        AttrValue::Text("text-generation".into()),
    );
    qwen.attrs
        .insert("size".into(), AttrValue::Text(CJK.into()));
    qwen.attrs.insert(
        "label".into(),
        AttrValue::Text(format!("{EMOJI} attr").into()),
    );
    qwen.attrs
        .insert("note".into(), AttrValue::Text("bell\u{7}".into()));
    // further evidence is JSON text, which escapes the control character: nothing replaced
    qwen.add_evidence(Evidence {
        source: format!("hf {CJK}").into(),
        file: None,
        line: None,
        text: Some(format!("{AWKWARD_QUOTES} ctl\u{1} {EMOJI}").into()),
        url: Some("https://example.org/?a=1&b=<2>".into()),
    });
    let qwen = g.add_node(qwen).unwrap();

    let mut llama = node(
        &format!("{EMOJI} Llama {AWKWARD_QUOTES}"),
        NodeKind::Model,
        2,
    );
    llama.description = Some(format!("{RTL} (right-to-left) then ltr").into());
    let llama = g.add_node(llama).unwrap();

    let mut ctl = node("Ctl\u{1}Model\u{1b}[0m", NodeKind::Model, 3);
    ctl.id = "ctl-model".into();
    ctl.origin.text = Some("origin \u{1b} text".into());
    let ctl = g.add_node(ctl).unwrap();

    let mut rtl = node(RTL, NodeKind::Organization, 4);
    rtl.id = "rtl-org".into();
    rtl.aliases = thin_vec::thin_vec![format!("{RTL}\n{CJK}")];
    let rtl = g.add_node(rtl).unwrap();

    link(
        &mut g,
        qwen,
        llama,
        Relation::BuiltOn,
        ev(
            10,
            Some(&format!("{AWKWARD_QUOTES}\nnext line\t{CJK} {EMOJI} {RTL}")),
            Some("https://example.org/a?b=1&c=\"2\""),
        ),
    );
    let mut tuned = Edge::new(
        Relation::FineTunedFrom,
        ev(11, Some("esc\u{1b}ape nul-ish\u{2}"), None),
    );
    tuned.add_evidence(Evidence {
        source: RTL.into(),
        file: Some("a \"file\" <&>.md".into()),
        line: std::num::NonZeroU32::new(3),
        text: Some(format!("{RTL}\n{CJK}\u{1b}").into()),
        url: None,
    });
    g.add_edge(ctl, qwen, tuned);
    link(&mut g, qwen, rtl, Relation::DevelopedBy, ev(12, None, None));
    g
}

/// The column each `Node::attrs` name is exported under in the test graphs.
fn column_of<'a>(attr: &'a str, value: &AttrValue) -> &'a str {
    match (attr, value) {
        ("pipeline tag", _) => "pipeline_tag",
        ("size", _) => "attr_size",
        ("label", _) => "attr_label",
        // an attribute with values of two types gets a column per type, so each reads back
        // with its own type: integer scores in `score`, float ones in `attr_score`
        ("score", AttrValue::Float(_)) => "attr_score",
        (other, _) => other,
    }
}

const LIST_COLUMNS: [&str; 8] = [
    "aliases",
    "sizes",
    "sizes_b",
    "organizations",
    "links",
    "corrections",
    "sources",
    "more_evidence",
];

/// The edge columns that hold JSON lists.
const EDGE_LIST_COLUMNS: [&str; 2] = ["sources", "more_evidence"];

/// The sources of some evidence as a JSON list (JSON text escapes what XML cannot carry).
fn sources_json(sources: Vec<llmkg::model::Name>) -> Value {
    json!(sources.iter().map(|s| s.as_str()).collect::<Vec<_>>())
}

// ---------------------------------------------------------------------------------------------
// expectations, computed from the graph the way a reader should see it

/// What XML 1.0 can carry of a string: forbidden characters become U+FFFD.
fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

fn organization(g: &Graph, ix: NodeIx) -> Option<String> {
    if g.node(ix).kind == NodeKind::Organization {
        return Some(g.node(ix).id.to_string());
    }
    organizations(g, ix).into_iter().next()
}

fn organizations(g: &Graph, ix: NodeIx) -> Vec<String> {
    let mut v: Vec<String> = g
        .out_edges(ix)
        .filter(|(e, _)| g.edge(*e).relation == Relation::DevelopedBy)
        .map(|(_, t)| g.node(t).id.to_string())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn put_evidence(m: &mut Map<String, Value>, prefix: &str, e: &Evidence) {
    m.insert(format!("{prefix}source"), json!(xml_text(&e.source)));
    if let Some(f) = &e.file {
        m.insert(format!("{prefix}file"), json!(xml_text(f)));
    }
    if let Some(l) = e.line {
        m.insert(format!("{prefix}line"), json!(l));
    }
    if let Some(t) = &e.text {
        m.insert(format!("{prefix}text"), json!(xml_text(t)));
    }
    if let Some(u) = &e.url {
        m.insert(format!("{prefix}url"), json!(xml_text(u)));
    }
}

/// For every node, how many lineage paths lead down to it (`descendants`, as the XML formats
/// write it: a node reached by two paths counts twice), by recursion: the test graphs are small.
fn descendant_paths(g: &Graph) -> Vec<u64> {
    fn below(g: &Graph, ix: NodeIx, memo: &mut BTreeMap<NodeIx, u64>) -> u64 {
        if let Some(&n) = memo.get(&ix) {
            return n;
        }
        let n = g
            .in_edges(ix)
            .filter(|&(e, _)| g.edge(e).relation.is_lineage())
            .map(|(_, child)| 1 + below(g, child, memo))
            .sum();
        memo.insert(ix, n);
        n
    }
    let mut memo = BTreeMap::new();
    g.node_indices().map(|ix| below(g, ix, &mut memo)).collect()
}

/// Every node's attributes as the reader should report them (lists as parsed JSON values).
/// GraphML and GEXF carry the same columns; `label` is a column in GraphML, a node field in GEXF,
/// and both readers report it under `label`.
fn expected_nodes(g: &Graph) -> BTreeMap<String, Value> {
    let desc = descendant_paths(g);
    let mut out = BTreeMap::new();
    for ix in g.nodes_sorted() {
        let n = g.node(ix);
        let mut m = Map::new();
        m.insert("label".into(), json!(xml_text(&n.label)));
        m.insert("kind".into(), json!(n.kind.as_str()));
        if !n.aliases.is_empty() {
            m.insert("aliases".into(), json!(n.aliases));
        }
        if let Some(d) = n.released {
            m.insert("released".into(), json!(d.to_string()));
        }
        if !n.sizes.is_empty() {
            m.insert("sizes".into(), json!(n.sizes));
        }
        if !n.sizes_b.is_empty() {
            m.insert("sizes_b".into(), json!(n.sizes_b));
        }
        if let Some(o) = organization(g, ix) {
            m.insert("organization".into(), json!(o));
        }
        let orgs = organizations(g, ix);
        if !orgs.is_empty() {
            m.insert("organizations".into(), json!(orgs));
        }
        m.insert("descendants".into(), json!(desc[ix.index()]));
        if !n.links.is_empty() {
            m.insert("links".into(), serde_json::to_value(&n.links).unwrap());
        }
        if let Some(d) = &n.description {
            m.insert("description".into(), json!(xml_text(d)));
        }
        put_evidence(&mut m, "origin_", &n.origin);
        if !n.corrections.is_empty() {
            m.insert(
                "corrections".into(),
                serde_json::to_value(&n.corrections).unwrap(),
            );
        }
        m.insert("sources".into(), sources_json(n.sources()));
        if !n.also.is_empty() {
            m.insert(
                "more_evidence".into(),
                serde_json::to_value(&n.also).unwrap(),
            );
        }
        for (k, v) in &n.attrs {
            let col = column_of(k, &v);
            let val = match v {
                AttrValue::Int(i) => json!(i),
                AttrValue::Float(x) => json!(x),
                AttrValue::Bool(b) => json!(b),
                AttrValue::Text(s) => json!(xml_text(&s)),
            };
            m.insert(col.to_string(), val);
        }
        out.insert(n.id.to_string(), Value::Object(m));
    }
    out
}

/// Every edge by its XML id (`e0`.. in sorted order): [source, target, attributes].
fn expected_edges(g: &Graph) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (i, e) in g.edges_sorted().into_iter().enumerate() {
        let (s, t) = g.endpoints(e);
        let mut m = Map::new();
        let edge = g.edge(e);
        m.insert("relation".into(), json!(edge.relation.as_str()));
        put_evidence(&mut m, "evidence_", &edge.evidence);
        m.insert("sources".into(), sources_json(edge.sources()));
        if !edge.also.is_empty() {
            m.insert(
                "more_evidence".into(),
                serde_json::to_value(&edge.also).unwrap(),
            );
        }
        out.insert(
            format!("e{i}"),
            json!([g.node(s).id, g.node(t).id, Value::Object(m)]),
        );
    }
    out
}

/// Parses the JSON text of list columns so they compare as values.
fn parse_lists(nodes: &mut BTreeMap<String, Value>) {
    for v in nodes.values_mut() {
        parse_columns(v.as_object_mut().unwrap(), &LIST_COLUMNS);
    }
}

/// [`parse_lists`] for edges as the reader scripts give them: [source, target, attributes].
fn parse_edge_lists(edges: &mut BTreeMap<String, Value>) {
    for e in edges.values_mut() {
        parse_columns(e[2].as_object_mut().unwrap(), &EDGE_LIST_COLUMNS);
    }
}

fn parse_columns(m: &mut Map<String, Value>, columns: &[&str]) {
    for col in columns {
        if let Some(Value::String(s)) = m.get(*col) {
            let parsed: Value =
                serde_json::from_str(s).unwrap_or_else(|e| panic!("{col} is not JSON ({e}): {s}"));
            m.insert(col.to_string(), parsed);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// files and readers

struct Exported {
    _dir: tempfile::TempDir,
    graphml: PathBuf,
    gexf: PathBuf,
    graphml_replaced: usize,
    gexf_replaced: usize,
}

fn export(g: &Graph) -> Exported {
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("graph.graphml");
    let gexf = dir.path().join("graph.gexf");
    graphml::write(g, std::fs::File::create(&graphml).unwrap()).unwrap();
    gexf::write(g, std::fs::File::create(&gexf).unwrap()).unwrap();
    // a character XML cannot hold is written as U+FFFD (the test graphs hold none of their own)
    let replaced = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .matches('\u{fffd}')
            .count()
    };
    let (graphml_replaced, gexf_replaced) = (replaced(&graphml), replaced(&gexf));
    Exported {
        _dir: dir,
        graphml,
        gexf,
        graphml_replaced,
        gexf_replaced,
    }
}

/// `tests/schemas/<rel>`: the schemas ship with the repository (see tests/schemas/README.md).
fn schema(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas")
        .join(rel)
        .display()
        .to_string()
}

fn runs(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn have_xmllint() -> bool {
    require_reader("xmllint", runs("xmllint", &["--version"]))
}

fn have_python(module: &str) -> bool {
    require_reader(
        &format!("python3 {module}"),
        common::has_python_module(module),
    )
}

fn xmllint(args: &[&str], file: &Path) {
    let out = Command::new("xmllint")
        .args(["--nonet", "--noout"])
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmllint {args:?} rejects {}:\n{}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(file).unwrap()
    );
}

/// Runs a python script with the file as its argument and parses the JSON it prints.
fn python(script: &str, file: &Path) -> Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed on {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const NX_SCRIPT: &str = r#"
import json, sys
import networkx as nx
path = sys.argv[1]
G = nx.read_gexf(path) if path.endswith(".gexf") else nx.read_graphml(path)
edges = {}
if G.is_multigraph():
    it = ((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))
else:
    it = ((u, v, None, d) for u, v, d in G.edges(data=True))
for u, v, k, d in it:
    # the XML edge id: in the data of simple graphs, the key of multigraphs
    eid = d.pop("id", None) or k
    assert eid not in edges, eid
    edges[eid] = [u, v, d]
print(json.dumps({
    "directed": G.is_directed(),
    "nodes": {n: d for n, d in G.nodes(data=True)},
    "edge_count": G.number_of_edges(),
    "edges": edges,
}))
"#;

const IGRAPH_SCRIPT: &str = r#"
import json, sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({
    "directed": g.is_directed(),
    "n": g.vcount(),
    "m": g.ecount(),
    "labels": dict(zip(g.vs["id"], g.vs["label"])),
    "edges": {e["edge_id"]: [g.vs[e.source]["id"], g.vs[e.target]["id"], e["relation"]] for e in g.es},
}))
"#;

fn graphs() -> [(&'static str, Graph); 2] {
    [("llm", llm_graph()), ("awkward", awkward_graph())]
}

// ---------------------------------------------------------------------------------------------
// tests

#[test]
fn xmllint_accepts_graphml_against_the_xsd_and_gexf_against_the_rng() {
    if !have_xmllint() {
        return;
    }
    for (_, g) in graphs() {
        let out = export(&g);
        xmllint(&["--schema", &schema("graphml/graphml.xsd")], &out.graphml);
        xmllint(&["--relaxng", &schema("gexf-1.3/gexf.rng")], &out.gexf);
    }
}

#[test]
fn networkx_reads_graphml_with_every_value() {
    if !have_python("networkx") {
        return;
    }
    for (name, g) in graphs() {
        let out = export(&g);
        let got = python(NX_SCRIPT, &out.graphml);
        assert_eq!(got["directed"], json!(true), "{name}");
        assert_eq!(got["edge_count"], json!(g.edge_count()), "{name}");
        let mut nodes: BTreeMap<String, Value> =
            serde_json::from_value(got["nodes"].clone()).unwrap();
        parse_lists(&mut nodes);
        assert_eq!(nodes, expected_nodes(&g), "{name}: nodes");
        let mut want = expected_edges(&g);
        for (id, e) in want.iter_mut() {
            e[2]["edge_id"] = json!(id);
        }
        let mut edges: BTreeMap<String, Value> =
            serde_json::from_value(got["edges"].clone()).unwrap();
        parse_edge_lists(&mut edges);
        assert_eq!(edges, want, "{name}: edges");
    }
}

#[test]
fn networkx_reads_gexf_with_every_value_and_the_drawing() {
    if !have_python("networkx") {
        return;
    }
    for (name, g) in graphs() {
        let out = export(&g);
        let got = python(NX_SCRIPT, &out.gexf);
        assert_eq!(got["directed"], json!(true), "{name}");
        assert_eq!(got["edge_count"], json!(g.edge_count()), "{name}");
        let text = std::fs::read_to_string(&out.gexf).unwrap();
        for (kind, shape) in [
            (NodeKind::Model, "disc"),
            (NodeKind::Organization, "square"),
            (NodeKind::Method, "diamond"),
        ] {
            let want = g
                .node_indices()
                .map(|ix| g.node(ix))
                .filter(|n| n.kind == kind)
                .count();
            let tag = format!("<viz:shape value=\"{shape}\"/>");
            assert_eq!(text.matches(&tag).count(), want, "{name}: {tag}");
        }
        let mut nodes: BTreeMap<String, Value> =
            serde_json::from_value(got["nodes"].clone()).unwrap();
        // the drawing and the timeline, checked here, then compared like GraphML
        let desc = descendant_paths(&g);
        for ix in g.nodes_sorted() {
            let n = g.node(ix);
            let d = nodes
                .get_mut(n.id.as_str())
                .unwrap()
                .as_object_mut()
                .unwrap();
            let viz = d.remove("viz").unwrap();
            // the colour itself is gexf.rs's unit test; here NetworkX reads one
            assert_eq!(viz["color"]["a"], json!(1.0), "{name}: colour of {}", n.id);
            let size = viz["size"].as_f64().unwrap();
            let want = 10.0 + 4.0 * (desc[ix.index()] as f64).sqrt();
            assert!((size - want).abs() < 0.006, "{}: {size} vs {want}", n.id);
            // NetworkX 3.6 reads the shape from a `shape` attribute, the schema says `value`
            // (checked on the text below)
            let start = d.remove("start");
            let want_start = n.released.map(|r: Date| r.iso_day());
            assert_eq!(
                start.as_ref().and_then(Value::as_str),
                want_start.as_deref()
            );
        }
        parse_lists(&mut nodes);
        assert_eq!(nodes, expected_nodes(&g), "{name}: nodes");
        let mut want = expected_edges(&g);
        for e in want.values_mut() {
            let rel = e[2]["relation"].clone();
            e[2]["label"] = rel;
        }
        let mut edges: BTreeMap<String, Value> =
            serde_json::from_value(got["edges"].clone()).unwrap();
        parse_edge_lists(&mut edges);
        assert_eq!(edges, want, "{name}: edges");
    }
}

#[test]
fn igraph_reads_graphml_directed_with_labels() {
    if !have_python("igraph") {
        return;
    }
    for (name, g) in graphs() {
        let out = export(&g);
        let got = python(IGRAPH_SCRIPT, &out.graphml);
        assert_eq!(got["directed"], json!(true), "{name}");
        assert_eq!(got["n"], json!(g.node_count()), "{name}");
        assert_eq!(got["m"], json!(g.edge_count()), "{name}");
        let labels: BTreeMap<String, String> =
            serde_json::from_value(got["labels"].clone()).unwrap();
        let want: BTreeMap<String, String> = g
            .nodes_sorted()
            .into_iter()
            .map(|ix| (g.node(ix).id.to_string(), xml_text(&g.node(ix).label)))
            .collect();
        assert_eq!(labels, want, "{name}: labels");
        let edges: BTreeMap<String, Value> = serde_json::from_value(got["edges"].clone()).unwrap();
        let want: BTreeMap<String, Value> = expected_edges(&g)
            .into_iter()
            .map(|(id, e)| (id, json!([e[0], e[1], e[2]["relation"]])))
            .collect();
        assert_eq!(edges, want, "{name}: edges");
    }
}

#[test]
fn awkward_text_survives_and_control_characters_are_replaced() {
    let g = awkward_graph();
    let out = export(&g);
    // label 2 + edge text 2 + origin text 1 + attr 1 (the alias is escaped by JSON instead)
    assert_eq!(out.graphml_replaced, 6);
    assert_eq!(out.gexf_replaced, 6);
    for path in [&out.graphml, &out.gexf] {
        let bytes = std::fs::read(path).unwrap();
        assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        let bad: Vec<char> = text
            .chars()
            .filter(|c| *c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        assert!(bad.is_empty(), "{}: forbidden {bad:?}", path.display());
        for s in [CJK, EMOJI, RTL, "\u{FFFD}", "Ctl\u{FFFD}Model\u{FFFD}[0m"] {
            assert!(text.contains(s), "{}: lost {s}", path.display());
        }
        assert!(text.contains("&lt;&amp;&gt;"), "{}", path.display());
        // the JSON of the aliases keeps the control character as an escape, losslessly
        assert!(text.contains("ctl\\u0001alias"), "{}", path.display());
    }
    let graphml = std::fs::read_to_string(&out.graphml).unwrap();
    // element text keeps a real newline
    // (d10 is the description key)
    assert!(graphml.contains(r#"<key id="d10" for="node" attr.name="description""#));
    assert!(graphml.contains("<data key=\"d10\">line one\nline two&#13;\n"));
    let gexf = std::fs::read_to_string(&out.gexf).unwrap();
    // attribute values keep it as a character reference
    assert!(gexf.contains("line one&#10;line two&#13;&#10;"));
    // and the readers give the exact text back (checked value by value in the reader tests)
    if have_python("networkx") {
        for path in [&out.graphml, &out.gexf] {
            let got = python(NX_SCRIPT, path);
            let qwen = &got["nodes"][slug(&format!("{CJK} Qwen"))];
            assert_eq!(qwen["label"], json!(format!("{CJK} Qwen")));
            assert_eq!(
                qwen["description"],
                json!(format!("line one\nline two\r\n{RTL} {EMOJI} <&>\ttab"))
            );
            let aliases: Vec<String> =
                serde_json::from_str(qwen["aliases"].as_str().unwrap()).unwrap();
            assert_eq!(aliases[1], AWKWARD_QUOTES);
            assert_eq!(aliases[3], "ctl\u{1}alias");
            assert_eq!(
                got["nodes"]["ctl-model"]["label"],
                json!("Ctl\u{FFFD}Model\u{FFFD}[0m")
            );
        }
    }
}

#[test]
fn writing_twice_gives_identical_bytes() {
    for build in [llm_graph as fn() -> Graph, awkward_graph] {
        let (a, b) = (build(), build());
        let (mut x, mut y) = (Vec::new(), Vec::new());
        graphml::write(&a, &mut x).unwrap();
        graphml::write(&b, &mut y).unwrap();
        assert_eq!(x, y);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        gexf::write(&a, &mut x).unwrap();
        gexf::write(&b, &mut y).unwrap();
        assert_eq!(x, y);
    }
}

#[test]
fn format_dispatch_writes_graphml_and_gexf() {
    use llmkg::export::Format;
    let g = llm_graph();
    let opts = Options::default();
    for (f, root) in [(Format::Graphml, "<graphml "), (Format::Gexf, "<gexf ")] {
        let mut buf = Vec::new();
        f.write_part(&g, 0, &mut buf, &opts).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains(root), "{text}");
        let mut direct = Vec::new();
        match f {
            Format::Graphml => graphml::write(&g, &mut direct).unwrap(),
            _ => gexf::write(&g, &mut direct).unwrap(),
        }
        assert_eq!(text.as_bytes(), direct.as_slice());
    }
}
