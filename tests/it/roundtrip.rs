//! Round trips through llmkg's own lossless formats (GraphML, JSON, the Gephi CSV pair): export,
//! import, export again gives byte-identical files and the same graph; GraphML from other tools;
//! spreadsheet-formula defusing; what the importers refuse.

use crate::common;

use common::{files, llmkg, require_reader};
use llmkg::export::{Format, Options};
use llmkg::formats::{csv as csv_pair, graphml, json};
use llmkg::graph::Graph;
use llmkg::model::{AttrValue, Correction, Date, Edge, Evidence, Link, Node, NodeKind, Relation};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const FIXTURES: [&str; 2] = ["tests/fixtures/mini.toml", "tests/fixtures/hub-dirty.csv"];

/// Imports `first`'s export through each own format (and the whole folder) and exports again:
/// every file of every format must come out byte for byte the same.
fn check_cli_round_trip(first: &Path) {
    let original = files(first);
    assert_eq!(original.len(), 10, "{:?}", original.keys());
    let imports: [(&str, Vec<PathBuf>); 4] = [
        ("json", vec![first.join("graph.json")]),
        ("graphml", vec![first.join("graph.graphml")]),
        (
            "csv",
            vec![first.join("nodes.csv"), first.join("edges.csv")],
        ),
        ("folder", vec![first.to_path_buf()]),
    ];
    for (name, data) in imports {
        let again = tempfile::tempdir().unwrap();
        let mut cmd = llmkg();
        for d in &data {
            cmd.arg("--data").arg(d);
        }
        cmd.arg("export")
            .arg("--out")
            .arg(again.path())
            .assert()
            .success();
        let got = files(again.path());
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            original.keys().collect::<Vec<_>>(),
            "{name}"
        );
        for (file, bytes) in &original {
            assert!(
                got[file] == *bytes,
                "{name}: {} differs after export → import → export",
                file.display()
            );
        }
    }
}

#[test]
fn fixture_data_round_trips_byte_for_byte_through_every_own_format() {
    let first = tempfile::tempdir().unwrap();
    let mut cmd = llmkg();
    for f in FIXTURES {
        cmd.arg("--data").arg(f);
    }
    cmd.arg("export")
        .arg("--out")
        .arg(first.path())
        .assert()
        .success();
    check_cli_round_trip(first.path());
}

#[test]
fn bundled_data_round_trips_byte_for_byte_through_every_own_format() {
    let first = tempfile::tempdir().unwrap();
    let out = llmkg()
        .arg("export")
        .arg("--out")
        .arg(first.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bundled export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_cli_round_trip(first.path());
}

#[test]
fn an_import_clashing_with_an_earlier_input_names_both_places() {
    let first = tempfile::tempdir().unwrap();
    llmkg()
        .args(["--data", FIXTURES[0], "export", "--format", "json", "--out"])
        .arg(first.path())
        .assert()
        .success();
    let json = first.path().join("graph.json");
    llmkg()
        .args(["--data", FIXTURES[0], "--data"])
        .arg(&json)
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "graph.json:9: node id \"alpaca\" is already defined by an earlier input (model \"Alpaca\" at tests/fixtures/mini.toml:35)",
        ));
}

#[test]
fn a_lone_half_of_the_csv_pair_is_refused() {
    let first = tempfile::tempdir().unwrap();
    llmkg()
        .args(["--data", FIXTURES[0], "export", "--format", "csv", "--out"])
        .arg(first.path())
        .assert()
        .success();
    llmkg()
        .arg("--data")
        .arg(first.path().join("nodes.csv"))
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "an llmkg CSV nodes (Id,Label,...) file without its other half",
        ));
}

// ------------------------------------------------------------------ library-level round trips

fn export(g: &Graph, f: Format, part: usize) -> Vec<u8> {
    let mut buf = Vec::new();
    f.write_part(g, part, &mut buf, &Options::default())
        .unwrap();
    buf
}

fn text(b: Vec<u8>) -> String {
    String::from_utf8(b).unwrap()
}

/// The graph read back from `g`'s export in `format`.
fn reimport(g: &Graph, format: Format) -> Graph {
    let mut back = Graph::new();
    match format {
        Format::Json => json::add(&mut back, "graph.json", &text(export(g, format, 0))).unwrap(),
        Format::Graphml => {
            graphml::add(&mut back, "graph.graphml", &text(export(g, format, 0))).unwrap()
        }
        Format::Csv => csv_pair::add(
            &mut back,
            "nodes.csv",
            &text(export(g, format, 0)),
            "edges.csv",
            &text(export(g, format, 1)),
        )
        .unwrap(),
        other => panic!("{other:?} has no importer"),
    }
    back
}

type EdgeRow = (String, String, Edge);

fn nodes_of(g: &Graph) -> Vec<Node> {
    g.nodes_sorted()
        .into_iter()
        .map(|ix| g.node(ix).clone())
        .collect()
}

fn edges_of(g: &Graph) -> Vec<EdgeRow> {
    g.edges_sorted()
        .into_iter()
        .map(|e| {
            let (s, t) = g.endpoints(e);
            (
                g.node(s).id.to_string(),
                g.node(t).id.to_string(),
                g.edge(e).clone(),
            )
        })
        .collect()
}

/// Node by node and edge by edge, sorted, then every export byte for byte.
fn assert_same(original: &Graph, back: &Graph, format: Format) {
    let (a, b) = (nodes_of(original), nodes_of(back));
    assert_eq!(a.len(), b.len(), "{format:?}: node count");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{format:?}: node {}", x.id);
    }
    let (a, b) = (edges_of(original), edges_of(back));
    assert_eq!(a.len(), b.len(), "{format:?}: edge count");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{format:?}: edge");
    }
    for f in Format::ALL {
        for part in 0..f.files().len() {
            let (a, b) = (export(original, f, part), export(back, f, part));
            if a != b {
                let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
                let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
                panic!(
                    "{format:?} import: {} differs, first at {first:?}",
                    f.files()[part]
                );
            }
        }
    }
}

fn ev(source: &str, file: Option<&str>, line: Option<u32>, text: Option<&str>) -> Evidence {
    Evidence {
        source: source.into(),
        file: file.map(Into::into),
        line: line.and_then(std::num::NonZeroU32::new),
        text: text.map(Into::into),
        url: None,
    }
}

/// A hand-made graph with every field filled, awkward text and several relations per pair.
fn awkward() -> Graph {
    let mut g = Graph::new();
    let mut a = Node::new(
        "=HYPERLINK(\"x\")",
        "=cmd|' /C calc'!A0",
        NodeKind::Model,
        ev(
            "curated",
            Some("data/curated.toml"),
            Some(3),
            Some("'quoted"),
        ),
    );
    a.aliases = thin_vec::thin_vec!["+1".into(), "@sum".into(), "-x".into(), "\tTab".into()];
    a.released = Some(Date {
        year: 2023,
        month: 2,
        day: Some(29),
    });
    a.sizes = thin_vec::thin_vec!["7B".into(), "8x7B".into()];
    a.sizes_b = thin_vec::thin_vec![7.0, 0.1, 1e300];
    a.links = thin_vec::thin_vec![Link {
        kind: llmkg::model::LinkKind::Paper,
        url: "https://x/?a=1&b=<2>".into(),
    }];
    a.description = Some("line1\r\nline2\n\t\"q\" <&> 通义千问 🦙 مرحبا".into());
    a.corrections = thin_vec::thin_vec![Correction {
        field: "sizes".into(),
        list_value: "7B".into(),
        list_evidence: ev("list", Some("l.md"), Some(1), None),
        curated_value: "8B".into(),
        curated_evidence: ev("curated", Some("c.toml"), Some(2), Some("")),
    }];
    for (k, v) in [
        ("downloads", AttrValue::Int(-3)),
        ("score", AttrValue::Float(2.0)),
        ("open", AttrValue::Bool(true)),
        ("num text", AttrValue::Text("-3".into())),
        ("empty", AttrValue::Text("".into())),
        ("Label", AttrValue::Text("'=1+2".into())),
        ("attr_x", AttrValue::Text("true".into())),
        ("kind", AttrValue::Text("chatbot".into())),
    ] {
        a.attrs.insert(k.into(), v);
    }
    let mut b = Node::new("b", "", NodeKind::Method, ev("", None, None, None));
    // further evidence: another source, the same source elsewhere, and awkward text
    a.also = thin_vec::thin_vec![
        ev("list", Some("l.md"), Some(7), Some("=SUM(A1)\n\"q\" <&>")),
        ev("curated", None, None, Some("")),
    ];
    b.description = Some(String::new().into());
    b.attrs.insert("score".into(), AttrValue::Int(2));
    b.attrs
        .insert("open".into(), AttrValue::Text("true".into()));
    b.attrs.insert("Label".into(), AttrValue::Float(-0.5));
    let c = Node::new(
        "c",
        "C",
        NodeKind::Organization,
        ev("hf", Some("x.csv"), Some(9), None),
    );
    let (a, b, c) = (
        g.add_node(a).unwrap(),
        g.add_node(b).unwrap(),
        g.add_node(c).unwrap(),
    );
    for (s, t, r, e) in [
        (
            a,
            b,
            Relation::FineTunedFrom,
            ev("list", Some("l.md"), Some(4), Some("=1")),
        ),
        (
            a,
            b,
            Relation::FineTunedFrom,
            ev("list", Some("l.md"), Some(5), None),
        ),
        (
            a,
            b,
            Relation::MergedFrom,
            ev("curated", None, None, Some("")),
        ),
        (b, a, Relation::Extends, ev("x", None, Some(0), None)),
        (
            a,
            c,
            Relation::DevelopedBy,
            ev("hf", Some("x.csv"), Some(9), None),
        ),
        (a, a, Relation::VariantOf, ev("self", None, None, None)),
    ] {
        g.add_edge_unchecked(s, t, Edge::new(r, e));
    }
    let mut both = Edge::new(
        Relation::DerivedFrom,
        ev("list", Some("l.md"), Some(8), Some("@x")),
    );
    both.also = vec![
        ev("curated", Some("c.toml"), Some(1), None),
        ev("hf", None, None, Some("'\t;")),
    ]
    .into();
    g.add_edge_unchecked(b, c, both);
    g
}

#[test]
fn an_awkward_graph_round_trips_through_every_own_format() {
    let g = awkward();
    for f in [Format::Json, Format::Graphml, Format::Csv] {
        assert_same(&g, &reimport(&g, f), f);
    }
}

/// A node and an edge that a list and a curated file both assert (the list twice for the node).
fn two_sources() -> Graph {
    let mut g = Graph::new();
    let mut a = Node::new(
        "a",
        "A",
        NodeKind::Model,
        ev("list", Some("l.md"), Some(1), None),
    );
    a.add_evidence(ev(
        "curated",
        Some("c.toml"),
        Some(2),
        Some("A is a model."),
    ));
    a.add_evidence(ev("list", Some("l.md"), Some(9), None));
    let b = Node::new(
        "b",
        "B",
        NodeKind::Model,
        ev("curated", Some("c.toml"), Some(5), None),
    );
    let (a, b) = (g.add_node(a).unwrap(), g.add_node(b).unwrap());
    let mut e = Edge::new(
        Relation::FineTunedFrom,
        ev("curated", Some("c.toml"), Some(3), None),
    );
    e.add_evidence(ev("list", Some("l.md"), Some(1), Some("A, based on B.")));
    g.add_edge(a, b, e);
    g
}

/// The GraphML `<data>` values of attribute `name` of the `<node>`s or `<edge>`s (`item`), by
/// element, found through the key that declares it.
fn graphml_values(graphml: &str, item: &str, name: &str) -> Vec<String> {
    let key = regex::Regex::new(&format!(
        r#"<key id="(d\d+)" for="{item}" attr.name="{name}""#
    ))
    .unwrap();
    let id = &key.captures(graphml).expect("the key is declared")[1];
    let data = regex::Regex::new(&format!(r#"(?s)<{item} [^>]*>(.*?)</{item}>"#)).unwrap();
    let value = regex::Regex::new(&format!(r#"<data key="{id}">([^<]*)</data>"#)).unwrap();
    data.captures_iter(graphml)
        .map(|c| {
            let v = value
                .captures(&c[1])
                .map_or("", |v| v.get(1).unwrap().as_str());
            v.replace("&quot;", "\"").replace("&amp;", "&")
        })
        .collect()
}

/// The column `header` of every row of a CSV file.
fn csv_column(file: &str, header: &str) -> Vec<String> {
    let mut r = csv::Reader::from_reader(file.as_bytes());
    let col = r.headers().unwrap().iter().position(|h| h == header);
    let col = col.unwrap_or_else(|| panic!("no column {header}"));
    r.records()
        .map(|row| row.unwrap()[col].to_string())
        .collect()
}

#[test]
fn a_node_and_an_edge_with_two_sources_list_both_in_every_format() {
    let g = two_sources();
    let both = r#"["curated","list"]"#;
    let json: serde_json::Value = serde_json::from_slice(&export(&g, Format::Json, 0)).unwrap();
    assert_eq!(
        json["nodes"][0]["sources"],
        serde_json::json!(["curated", "list"])
    );
    assert_eq!(json["nodes"][1]["sources"], serde_json::json!(["curated"]));
    assert_eq!(json["nodes"][0]["also"].as_array().unwrap().len(), 2);
    let edge = &json["edges"][0];
    assert_eq!(edge["sources"], serde_json::json!(["curated", "list"]));
    assert_eq!(
        edge["evidence_records"],
        serde_json::json!([
            {"source": "curated", "file": "c.toml", "line": 3},
            {"source": "list", "file": "l.md", "line": 1, "text": "A, based on B."}
        ])
    );
    assert_eq!(edge["evidence"], edge["evidence_records"][0]);

    let graphml = text(export(&g, Format::Graphml, 0));
    assert_eq!(
        graphml_values(&graphml, "node", "sources"),
        [both, r#"["curated"]"#]
    );
    assert_eq!(graphml_values(&graphml, "edge", "sources"), [both]);
    let more = graphml_values(&graphml, "edge", "more_evidence");
    assert_eq!(
        more,
        [r#"[{"source":"list","file":"l.md","line":1,"text":"A, based on B."}]"#]
    );
    assert_eq!(graphml_values(&graphml, "node", "more_evidence")[1], "");

    let (nodes, edges) = (
        text(export(&g, Format::Csv, 0)),
        text(export(&g, Format::Csv, 1)),
    );
    assert_eq!(csv_column(&nodes, "Sources"), [both, r#"["curated"]"#]);
    assert_eq!(csv_column(&edges, "Sources"), [both]);
    assert_eq!(csv_column(&edges, "More_evidence"), more);
    assert_eq!(
        csv_column(&nodes, "More_evidence")[1],
        "",
        "none: an empty cell"
    );

    let neo = text(export(&g, Format::Neo4j, 0));
    assert_eq!(
        csv_column(&neo, "sources:string[]"),
        ["curated\u{1f}list", "curated"]
    );
    let rels = text(export(&g, Format::Neo4j, 1));
    assert_eq!(csv_column(&rels, "sources:string[]"), ["curated\u{1f}list"]);
    assert_eq!(csv_column(&rels, "more_evidence"), more);

    // and every own format reads both sources back
    for f in [Format::Json, Format::Graphml, Format::Csv] {
        let back = reimport(&g, f);
        assert_same(&g, &back, f);
        let a = back.node(back.index_of("a").unwrap());
        let names: Vec<&str> = a.sources().iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["curated", "list"], "{f:?}");
    }
}

/// GraphML as llmkg wrote it before its key ids became `d0`, `d1`, ...: `n_label`, `n_a_likes`,
/// `e_relation`, named after the column.
fn with_named_key_ids(graphml: &str, g: &Graph) -> String {
    let key =
        regex::Regex::new(r#"<key id="(d\d+)" for="(node|edge)" attr.name="([^"]+)""#).unwrap();
    // a node attribute of the graph's own (`likes`) is `n_a_`, a column of every graph `n_`
    let attrs: BTreeSet<&str> = g
        .node_indices()
        .flat_map(|ix| g.node(ix).attrs.keys().map(|k| k.as_str()))
        .collect();
    let mut renamed = Vec::new();
    for c in key.captures_iter(graphml) {
        let (id, name) = (&c[1], &c[3]);
        let new = match &c[2] {
            "edge" => format!("e_{name}"),
            _ if attrs.contains(name) => format!("n_a_{name}"),
            _ => format!("n_{name}"),
        };
        renamed.push((id.to_string(), new));
    }
    assert!(renamed.len() > 20, "every key found");
    let mut out = graphml.to_string();
    for (id, new) in renamed {
        out = out
            .replace(&format!("<key id=\"{id}\""), &format!("<key id=\"{new}\""))
            .replace(&format!("key=\"{id}\""), &format!("key=\"{new}\""));
    }
    out
}

#[test]
fn graphml_with_the_earlier_named_key_ids_still_reads_back_exactly() {
    let g = awkward();
    let old = with_named_key_ids(&text(export(&g, Format::Graphml, 0)), &g);
    assert!(old.contains("<data key=\"n_label\">") && old.contains("<data key=\"e_relation\">"));
    let mut back = Graph::new();
    graphml::add(&mut back, "graph.graphml", &old).unwrap();
    assert_same(&g, &back, Format::Graphml);
}

#[test]
fn csv_cells_that_could_run_as_formulas_are_defused_and_restored() {
    let g = awkward();
    let nodes = text(export(&g, Format::Csv, 0));
    let edges = text(export(&g, Format::Csv, 1));
    let neo = text(export(&g, Format::Neo4j, 0));
    let neo_rels = text(export(&g, Format::Neo4j, 1));
    // no cell of any CSV begins with a formula character
    for (name, file) in [
        ("nodes", &nodes),
        ("edges", &edges),
        ("neo4j", &neo),
        ("neo4j rels", &neo_rels),
    ] {
        for row in csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(file.as_bytes())
            .records()
        {
            for cell in row.unwrap().iter() {
                let risky = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && !llmkg::formats::csv::is_plain_number(cell));
                assert!(!risky, "{name}: cell {cell:?} could run as a formula");
            }
        }
    }
    assert!(nodes.contains("'=HYPERLINK(\"\"x\"\")"), "{nodes}");
    assert!(nodes.contains(",'=cmd|' /C calc'!A0,"), "{nodes}");
    // a text that starts with ' gets one more, so the importer's rule is unambiguous
    assert!(
        nodes.contains(",'''=1+2,") || nodes.contains("''=1+2"),
        "{nodes}"
    );
    assert!(neo.contains("'=cmd|' /C calc'!A0"), "{neo}");
    assert!(neo_rels.starts_with(":START_ID(Entity)"));
    assert!(neo_rels.contains("'=HYPERLINK"), "{neo_rels}");
    // typed attributes: a number stays a number, a text that looks like one is marked
    assert!(nodes.contains(",-3,"), "{nodes}");
    assert!(nodes.contains(",'-3,"), "{nodes}");
    assert!(nodes.contains(",2.0\r\n"), "{nodes}");
}

#[test]
fn c0_control_characters_survive_json_and_csv_but_not_xml() {
    let mut g = Graph::new();
    let src: llmkg::model::Name = "t".into();
    let mut n = Node::new(
        "a",
        "bell\u{7} esc\u{1b} nul\u{0}",
        NodeKind::Model,
        Evidence::at(&src, &src, 1),
    );
    n.description = Some("tab\t cr\r lf\n kept".into());
    g.add_node(n).unwrap();
    for f in [Format::Json, Format::Csv] {
        assert_same(&g, &reimport(&g, f), f);
    }
    // XML 1.0 cannot hold them: the exporter writes U+FFFD instead (a documented loss); tab,
    // CR and LF are allowed and come back
    let back = reimport(&g, Format::Graphml);
    let n = back.node(back.index_of("a").unwrap());
    assert_eq!(n.label, "bell\u{FFFD} esc\u{FFFD} nul\u{FFFD}");
    assert_eq!(n.description.as_deref(), Some("tab\t cr\r lf\n kept"));
}

#[test]
fn non_finite_numbers_are_not_exported() {
    let mut g = Graph::new();
    let src: llmkg::model::Name = "t".into();
    let mut n = Node::new("a", "A", NodeKind::Model, Evidence::at(&src, &src, 1));
    n.attrs.insert("x".into(), AttrValue::Float(f64::NAN));
    n.attrs.insert("y".into(), AttrValue::Float(1.5));
    g.add_node(n).unwrap();
    for f in [Format::Graphml, Format::Csv] {
        let back = reimport(&g, f);
        let attrs = &back.node(back.index_of("a").unwrap()).attrs;
        assert_eq!(attrs.get("x"), None, "{f:?}");
        assert_eq!(attrs.get("y"), Some(AttrValue::Float(1.5)), "{f:?}");
    }
}

// ------------------------------------------------------------------ property test

/// Text with everything awkward: quotes, markup, line breaks, tabs, emoji, CJK, RTL, leading
/// formula characters; `c0` adds control characters XML cannot carry.
/// Any kind of link.
fn link_kind() -> impl Strategy<Value = llmkg::model::LinkKind> {
    use llmkg::model::LinkKind;
    prop_oneof![
        Just(LinkKind::Code),
        Just(LinkKind::Model),
        Just(LinkKind::Other),
        Just(LinkKind::Paper),
    ]
}

fn any_text(c0: bool) -> BoxedStrategy<String> {
    let class = if c0 {
        "[a-zA-Z0-9 _\"'<>&=+@\\-\t\n\r;,\\[\\]{}\\\\#/通义千问🦙مرحبا\u{200f}\u{1}\u{7}\u{1b}]"
    } else {
        "[a-zA-Z0-9 _\"'<>&=+@\\-\t\n\r;,\\[\\]{}\\\\#/通义千问🦙مرحبا\u{200f}]"
    };
    proptest::string::string_regex(&format!("{class}{{0,10}}"))
        .unwrap()
        .boxed()
}

fn any_evidence(c0: bool) -> impl Strategy<Value = Evidence> {
    (
        any_text(c0),
        proptest::option::of(any_text(c0)),
        proptest::option::of(any::<u32>()),
        proptest::option::of(any_text(c0)),
        proptest::option::of(any_text(c0)),
    )
        .prop_map(|(source, file, line, text, url)| Evidence {
            source: source.into(),
            file: file.map(Into::into),
            line: line.and_then(std::num::NonZeroU32::new),
            text: text.map(Into::into),
            url: url.map(Into::into),
        })
}

fn finite() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("finite", |x| x.is_finite())
}

fn any_attr(c0: bool) -> impl Strategy<Value = AttrValue> {
    prop_oneof![
        any::<bool>().prop_map(AttrValue::Bool),
        any::<i64>().prop_map(AttrValue::Int),
        finite().prop_map(AttrValue::Float),
        any_text(c0).prop_map(|t| AttrValue::Text(t.into())),
    ]
}

fn any_node(c0: bool) -> impl Strategy<Value = Node> {
    let date = (0u16..=9999, 1u8..=12, proptest::option::of(1u8..=31))
        .prop_map(|(year, month, day)| Date { year, month, day });
    let kind = prop_oneof![
        Just(NodeKind::Model),
        Just(NodeKind::Organization),
        Just(NodeKind::Method)
    ];
    let correction = (
        any_text(c0),
        any_text(c0),
        any_evidence(c0),
        any_text(c0),
        any_evidence(c0),
    )
        .prop_map(
            |(field, list_value, list_evidence, curated_value, curated_evidence)| Correction {
                field,
                list_value,
                list_evidence,
                curated_value,
                curated_evidence,
            },
        );
    (
        (
            any_text(c0),
            any_text(c0),
            kind,
            proptest::collection::vec(any_text(c0), 0..3),
        ),
        (
            proptest::option::of(date),
            proptest::collection::vec(any_text(c0), 0..3),
            proptest::collection::vec(finite(), 0..3),
            proptest::collection::vec(
                (link_kind(), any_text(c0)).prop_map(|(kind, url)| Link { kind, url }),
                0..3,
            ),
        ),
        (
            proptest::option::of(any_text(c0)),
            any_evidence(c0),
            proptest::collection::vec(any_evidence(c0), 0..3),
            proptest::collection::vec(correction, 0..2),
            proptest::collection::btree_map(any_text(c0), any_attr(c0), 0..4),
        ),
    )
        .prop_map(
            |(
                (id, label, kind, aliases),
                (released, sizes, sizes_b, links),
                (description, origin, also, corrections, attrs),
            )| {
                let mut n = Node::new(id, label, kind, origin);
                n.released = released;
                n.attrs = attrs.into_iter().collect();
                // a node with no extras keeps none: only what is set makes them
                if !aliases.is_empty() {
                    n.aliases = aliases.into();
                }
                if !sizes.is_empty() {
                    n.sizes = sizes.into();
                }
                if !sizes_b.is_empty() {
                    n.sizes_b = sizes_b.into();
                }
                if !links.is_empty() {
                    n.links = links.into();
                }
                if let Some(d) = description {
                    n.description = Some(d.into());
                }
                if !also.is_empty() {
                    n.also = also.into();
                }
                if !corrections.is_empty() {
                    n.corrections = corrections.into();
                }
                n
            },
        )
}

fn any_graph(c0: bool) -> impl Strategy<Value = Graph> {
    let relation = proptest::sample::select(Relation::ALL.to_vec());
    (
        proptest::collection::vec(any_node(c0), 1..8),
        proptest::collection::vec(
            (
                any::<usize>(),
                any::<usize>(),
                relation,
                any_evidence(c0),
                proptest::collection::vec(any_evidence(c0), 0..3),
            ),
            0..12,
        ),
    )
        .prop_map(|(nodes, edges)| {
            let mut g = Graph::new();
            let mut ixs = Vec::new();
            for (i, mut n) in nodes.into_iter().enumerate() {
                // ids keep their awkward text but must be unique
                n.id = format!("{}{i}", n.id).into();
                ixs.push(g.add_node(n).unwrap());
            }
            for (s, t, relation, evidence, also) in edges {
                let (mut s, mut t) = (s % ixs.len(), t % ixs.len());
                // lineage without cycles (self-loops allowed): the drawing exports' descendant
                // counts are only defined for an acyclic lineage
                if relation.is_lineage() && s < t {
                    std::mem::swap(&mut s, &mut t);
                }
                let (s, t) = (ixs[s], ixs[t]);
                let mut edge = Edge::new(relation, evidence);
                edge.also = also.into();
                g.add_edge_unchecked(s, t, edge);
            }
            g
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_graphs_round_trip_through_json_and_csv(g in any_graph(true)) {
        for f in [Format::Json, Format::Csv] {
            assert_same(&g, &reimport(&g, f), f);
        }
    }

    #[test]
    fn generated_graphs_round_trip_through_graphml(g in any_graph(false)) {
        assert_same(&g, &reimport(&g, Format::Graphml), Format::Graphml);
    }
}

// ------------------------------------------------------------------ what is refused

fn graphml_err(text: &str) -> String {
    graphml::add(&mut Graph::new(), "x.graphml", text)
        .unwrap_err()
        .to_string()
}

const HEAD: &str =
    "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

#[test]
fn entities_are_never_expanded() {
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph><node id=\"a\"><data key=\"l\">&lol2;</data></node></graph></graphml>\n";
    let err = graphml_err(laughs);
    assert!(
        err.starts_with("x.graphml:2: the DOCTYPE declares entities, which are never expanded"),
        "{err}"
    );
    let external = format!(
        "{HEAD}<key id=\"l\" for=\"node\" attr.name=\"label\"/><graph>\n<node id=\"a\"><data key=\"l\">&xxe;</data></node></graph></graphml>"
    );
    let err = graphml_err(&external);
    assert!(
        err.starts_with("x.graphml:4: unknown entity &xxe;"),
        "{err}"
    );
    // a DOCTYPE without entities is harmless and skipped
    let plain = format!("<!DOCTYPE graphml>\n{}", &HEAD[22..]);
    let mut g = Graph::new();
    graphml::add(
        &mut g,
        "x.graphml",
        &format!("{plain}<graph><node id=\"a\"/></graph></graphml>"),
    )
    .unwrap();
    assert_eq!(g.node_count(), 1);
}

#[test]
fn bad_graphml_is_refused_with_file_line_and_what_was_expected() {
    let err = graphml_err(&format!(
        "{HEAD}<graph>\n<node id=\"a\">\n</graph></graphml>"
    ));
    assert!(err.starts_with("x.graphml:5: malformed XML"), "{err}");
    let err = graphml_err(&format!("{HEAD}<graph>\n<node/></graph></graphml>"));
    assert!(
        err.starts_with("x.graphml:4: <node> without its id attribute"),
        "{err}"
    );
    let err = graphml_err(&format!(
        "{HEAD}<key id=\"n_label\" for=\"node\" attr.name=\"label\"/>\n<graph>\n<node id=\"a\"><data key=\"n_lable\">A</data></node></graph></graphml>"
    ));
    assert!(
        err.starts_with(
            "x.graphml:5: <data key=\"n_lable\"> names no declared <key>: did you mean \"n_label\"?"
        ),
        "{err}"
    );
    let err = graphml_err(&format!(
        "{HEAD}<graph>\n<node id=\"llama\"/>\n<edge source=\"alpaca\" target=\"lama\"/></graph></graphml>"
    ));
    assert!(
        err.starts_with("x.graphml:5: edge source \"alpaca\""),
        "{err}"
    );
    let err = graphml_err(&format!(
        "{HEAD}<graph>\n<node id=\"llama\"/><node id=\"alpaca\"/>\n<edge source=\"alpaca\" target=\"lama\"/></graph></graphml>"
    ));
    assert!(err.ends_with("edge target \"lama\" is not a node of this file or an earlier input: did you mean \"llama\"?"), "{err}");
    let err = graphml_err(&format!(
        "{HEAD}<graph>\n<node id=\"a\"/>\n<node id=\"a\"/></graph></graphml>"
    ));
    assert!(
        err.starts_with("x.graphml:5: duplicate node id \"a\" (first at line 4)"),
        "{err}"
    );
    let err = graphml_err(&format!(
        "{HEAD}<key id=\"d0\" for=\"node\" attr.name=\"n\" attr.type=\"int\"/>\n<graph>\n<node id=\"a\"><data key=\"d0\">many</data></node></graph></graphml>"
    ));
    assert!(
        err.starts_with("x.graphml:5: value \"many\" of key \"d0\" (n) is not an integer"),
        "{err}"
    );
    let err = graphml_err("not xml at all <");
    assert!(err.starts_with("x.graphml:1: malformed XML"), "{err}");
}

// ------------------------------------------------------------------ GraphML from other tools

fn attrs_of<'a>(g: &'a Graph, id: &str) -> &'a Node {
    g.node(g.index_of(id).unwrap_or_else(|| panic!("node {id}")))
}

fn relation(g: &Graph, s: &str, t: &str) -> Vec<Relation> {
    let (s, t) = (g.index_of(s).unwrap(), g.index_of(t).unwrap());
    g.out_edges(s)
        .filter(|(_, x)| *x == t)
        .map(|(e, _)| g.edge(e).relation)
        .collect()
}

#[test]
fn gephi_style_graphml_comes_through_with_its_attributes() {
    let text = std::fs::read_to_string("tests/fixtures/gephi-style.graphml").unwrap();
    let mut g = Graph::new();
    graphml::add(&mut g, "tests/fixtures/gephi-style.graphml", &text).unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (3, 2));
    let f = attrs_of(&g, "falcon-7b");
    assert_eq!(f.label, "Falcon 7B & friends");
    assert_eq!(f.kind, NodeKind::Model);
    assert_eq!(f.attrs.get("Modularity Class"), Some(AttrValue::Int(2)));
    assert_eq!(f.attrs.get("pagerank"), Some(AttrValue::Float(0.125)));
    assert_eq!(f.attrs.get("open weights"), Some(AttrValue::Bool(true)));
    assert_eq!(
        f.attrs.get("license"),
        Some(AttrValue::Text("Apache-2.0".into()))
    );
    assert!(
        !f.attrs.contains_key("graphics"),
        "markup values are skipped"
    );
    assert_eq!(f.origin.summary(), "tests/fixtures/gephi-style.graphml:17");
    assert_eq!(attrs_of(&g, "tii").kind, NodeKind::Organization);
    let inst = attrs_of(&g, "falcon-instruct");
    assert_eq!(inst.kind, NodeKind::Model);
    assert_eq!(
        inst.attrs.get("kind"),
        Some(AttrValue::Text("chatbot".into()))
    );
    assert_eq!(
        inst.attrs.get("license"),
        Some(AttrValue::Text("unknown".into())),
        "<default>"
    );
    assert_eq!(relation(&g, "falcon-7b", "tii"), [Relation::DevelopedBy]);
    assert_eq!(
        relation(&g, "falcon-instruct", "falcon-7b"),
        [graphml::DEFAULT_RELATION]
    );
    let codes: Vec<&str> = g.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"default-relation")
            && codes.contains(&"edge-attribute-dropped")
            && codes.contains(&"unknown-kind"),
        "{codes:?}"
    );
    // and it exports again with its attributes
    let back = reimport(&g, Format::Graphml);
    assert_same(&g, &back, Format::Graphml);
}

fn python(script: &str, out: &Path) {
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn networkx_graphml_comes_through() {
    if !require_reader("python networkx", common::has_python_module("networkx")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nx.graphml");
    python(
        r#"
import sys, networkx as nx
G = nx.DiGraph()
G.add_node("llama", label="Llama <&>", downloads=5, score=0.5, open=True, note="通义 \"q\"")
G.add_node("meta", label="Meta AI", kind="organization")
G.add_node("alpaca")
G.add_edge("llama", "meta", relation="developed_by", weight=2.0)
G.add_edge("alpaca", "llama", label="fine_tuned_from")
G.add_edge("alpaca", "meta")
nx.write_graphml(G, sys.argv[1])
"#,
        &path,
    );
    let mut g = Graph::new();
    graphml::add(
        &mut g,
        "nx.graphml",
        &std::fs::read_to_string(&path).unwrap(),
    )
    .unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (3, 3));
    let l = attrs_of(&g, "llama");
    assert_eq!(l.label, "Llama <&>");
    assert_eq!(l.attrs.get("downloads"), Some(AttrValue::Int(5)));
    assert_eq!(l.attrs.get("score"), Some(AttrValue::Float(0.5)));
    assert_eq!(l.attrs.get("open"), Some(AttrValue::Bool(true)));
    assert_eq!(
        l.attrs.get("note"),
        Some(AttrValue::Text("通义 \"q\"".into()))
    );
    assert_eq!(attrs_of(&g, "meta").kind, NodeKind::Organization);
    assert_eq!(attrs_of(&g, "alpaca").label, "alpaca", "no label: the id");
    assert_eq!(relation(&g, "llama", "meta"), [Relation::DevelopedBy]);
    assert_eq!(relation(&g, "alpaca", "llama"), [Relation::FineTunedFrom]);
    assert_eq!(relation(&g, "alpaca", "meta"), [graphml::DEFAULT_RELATION]);
}

#[test]
fn igraph_graphml_comes_through() {
    if !require_reader("python igraph", common::has_python_module("igraph")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ig.graphml");
    python(
        r#"
import sys, igraph as ig
g = ig.Graph(directed=True)
g.add_vertices(3)
g.vs["name"] = ["llama", "meta", "alpaca"]
g.vs["label"] = ["Llama", "Meta AI", "Alpaca"]
g.vs["likes"] = [10, 2, 3]
g.vs["license"] = ["custom", "", "cc-by-nc"]
g.add_edges([(0, 1), (2, 0)])
g.es["relation"] = ["developed_by", "quantized"]
g.write_graphml(sys.argv[1])
"#,
        &path,
    );
    let mut g = Graph::new();
    graphml::add(
        &mut g,
        "ig.graphml",
        &std::fs::read_to_string(&path).unwrap(),
    )
    .unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (3, 2));
    // igraph names vertices n0, n1, ... and keeps the name as an attribute
    let l = attrs_of(&g, "n0");
    assert_eq!(l.label, "Llama");
    assert_eq!(l.attrs.get("name"), Some(AttrValue::Text("llama".into())));
    assert_eq!(
        l.attrs.get("likes"),
        Some(AttrValue::Float(10.0)),
        "igraph numbers are doubles"
    );
    assert_eq!(
        l.attrs.get("license"),
        Some(AttrValue::Text("custom".into()))
    );
    assert_eq!(relation(&g, "n0", "n1"), [Relation::DevelopedBy]);
    assert_eq!(
        relation(&g, "n2", "n0"),
        [graphml::DEFAULT_RELATION],
        "quantized is not a relation name"
    );
    assert!(
        g.diagnostics
            .iter()
            .any(|d| d.code.as_str() == "unknown-relation" && d.message.contains("\"quantized\"")),
        "{:?}",
        g.diagnostics
    );
}
