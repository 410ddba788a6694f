//! GraphML export (`graph.graphml`) for NetworkX, igraph, Gephi and yEd: typed `<key>`s, then
//! nodes and edges in sorted order, streamed through the XML helper.
//!
//! Lists (aliases, sizes, links, corrections) are JSON text. Each `Node::attrs` name and value
//! type has its own typed key `n_a_<name>`; where the declared `attr.name` had to differ from the
//! attribute's own name (characters outside `[A-Za-z0-9_.-]`, a reserved or taken name, a second
//! type), the key holds the own name in its `<desc>`, so `ingest::graphml` reads it back exactly.
//! `organization`, `organizations` and `descendants` are derived for drawing, not node data.

use super::Options;
use super::style;
use super::xml::{AttrType, XmlWriter, attr_columns, node_attrs};
use crate::graph::Graph;
use crate::model::{Evidence, Relation};
use std::io::{self, Write};

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// The fixed node columns: (attr.name, attr.type). Key ids are `n_` + name.
pub const NODE_KEYS: [(&str, &str); 17] = [
    ("label", "string"),
    ("kind", "string"),
    ("aliases", "string"),
    ("released", "string"),
    ("sizes", "string"),
    ("sizes_b", "string"),
    ("organization", "string"),
    ("organizations", "string"),
    ("descendants", "long"),
    ("links", "string"),
    ("description", "string"),
    ("origin_source", "string"),
    ("origin_file", "string"),
    ("origin_line", "int"),
    ("origin_text", "string"),
    ("origin_url", "string"),
    ("corrections", "string"),
];

/// The edge columns: (attr.name, attr.type). Key ids are `e_` + name.
pub const EDGE_KEYS: [(&str, &str); 7] = [
    ("relation", "string"),
    ("edge_id", "string"),
    ("evidence_source", "string"),
    ("evidence_file", "string"),
    ("evidence_line", "int"),
    ("evidence_text", "string"),
    ("evidence_url", "string"),
];

fn graphml_type(t: AttrType) -> &'static str {
    match t {
        AttrType::Bool => "boolean",
        AttrType::Long => "long",
        AttrType::Double => "double",
        AttrType::Text => "string",
    }
}

/// Writes the graph as GraphML.
pub fn write<W: Write>(g: &Graph, w: W, opts: &Options) -> io::Result<()> {
    write_counted(g, w, opts).map(|_| ())
}

/// Writes the graph as GraphML; returns how many forbidden characters were replaced by U+FFFD.
pub fn write_counted<W: Write>(g: &Graph, w: W, opts: &Options) -> io::Result<u64> {
    let _ = opts; // no GraphML-specific options
    let fixed: Vec<&str> = NODE_KEYS
        .iter()
        .chain(EDGE_KEYS.iter())
        .map(|(n, _)| *n)
        .collect();
    let columns = attr_columns(g, &fixed);
    let descendants = style::descendant_counts(g);

    let mut x = XmlWriter::new(w);
    x.declaration()?;
    x.start("graphml", &[("xmlns", NS)])?;
    for (name, ty) in NODE_KEYS {
        let id = format!("n_{name}");
        key(&mut x, &id, "node", name, ty)?;
    }
    let attr_ids: Vec<String> = columns.iter().map(|c| format!("n_a_{}", c.name)).collect();
    for (c, id) in columns.iter().zip(&attr_ids) {
        if c.name == c.attr {
            key(&mut x, id, "node", &c.name, graphml_type(c.ty))?;
        } else {
            // the attribute's own name, where the declared one had to differ
            x.start("key", &key_attrs(id, "node", &c.name, graphml_type(c.ty)))?;
            x.text_element("desc", &[], &c.attr)?;
            x.end("key")?;
        }
    }
    for (name, ty) in EDGE_KEYS {
        let id = format!("e_{name}");
        key(&mut x, &id, "edge", name, ty)?;
    }
    x.start("graph", &[("id", "llmkg"), ("edgedefault", "directed")])?;

    for ix in g.nodes_sorted() {
        let n = g.node(ix);
        x.start("node", &[("id", &n.id)])?;
        data(&mut x, "n_label", &n.label)?;
        data(&mut x, "n_kind", n.kind.as_str())?;
        list(&mut x, "n_aliases", &n.aliases)?;
        if let Some(d) = n.released {
            data(&mut x, "n_released", &d.to_string())?;
        }
        list(&mut x, "n_sizes", &n.sizes)?;
        list(&mut x, "n_sizes_b", &n.sizes_b)?;
        if let Some(o) = style::org_of(g, ix) {
            data(&mut x, "n_organization", &g.node(o).id)?;
        }
        let mut orgs: Vec<&str> = g
            .out_edges(ix)
            .filter(|(e, _)| g.edge(*e).relation == Relation::DevelopedBy)
            .map(|(_, t)| g.node(t).id.as_str())
            .collect();
        orgs.sort_unstable();
        orgs.dedup();
        list(&mut x, "n_organizations", &orgs)?;
        data(
            &mut x,
            "n_descendants",
            &descendants[ix.index()].to_string(),
        )?;
        list(&mut x, "n_links", &n.links)?;
        if let Some(d) = &n.description {
            data(&mut x, "n_description", d)?;
        }
        evidence(&mut x, &ORIGIN_KEYS, &n.origin)?;
        list(&mut x, "n_corrections", &n.corrections)?;
        for (i, v) in node_attrs(&columns, &n.attrs) {
            if let Some(s) = columns[i].ty.format(v) {
                data(&mut x, &attr_ids[i], &s)?;
            }
        }
        x.end("node")?;
    }

    for (i, e) in g.edges_sorted().into_iter().enumerate() {
        let (s, t) = g.endpoints(e);
        let edge = g.edge(e);
        let eid = format!("e{i}");
        x.start(
            "edge",
            &[
                ("id", &eid),
                ("source", &g.node(s).id),
                ("target", &g.node(t).id),
            ],
        )?;
        data(&mut x, "e_relation", edge.relation.as_str())?;
        data(&mut x, "e_edge_id", &eid)?;
        evidence(&mut x, &EVIDENCE_KEYS, &edge.evidence)?;
        x.end("edge")?;
    }

    x.end("graph")?;
    x.end("graphml")?;
    x.finish()
}

fn key_attrs<'a>(
    id: &'a str,
    for_: &'a str,
    name: &'a str,
    ty: &'a str,
) -> [(&'a str, &'a str); 4] {
    [
        ("id", id),
        ("for", for_),
        ("attr.name", name),
        ("attr.type", ty),
    ]
}

fn key<W: Write>(
    x: &mut XmlWriter<W>,
    id: &str,
    for_: &str,
    name: &str,
    ty: &str,
) -> io::Result<()> {
    x.empty("key", &key_attrs(id, for_, name, ty))
}

fn data<W: Write>(x: &mut XmlWriter<W>, key: &str, value: &str) -> io::Result<()> {
    x.text_element("data", &[("key", key)], value)
}

/// A list as JSON text, so an importer reads it back exactly; nothing when empty.
fn list<W: Write, T: serde::Serialize>(
    x: &mut XmlWriter<W>,
    key: &str,
    items: &[T],
) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let json = serde_json::to_string(items).map_err(io::Error::other)?;
    data(x, key, &json)
}

/// Key ids of an evidence's source, file, line, text and url.
const ORIGIN_KEYS: [&str; 5] = [
    "n_origin_source",
    "n_origin_file",
    "n_origin_line",
    "n_origin_text",
    "n_origin_url",
];
const EVIDENCE_KEYS: [&str; 5] = [
    "e_evidence_source",
    "e_evidence_file",
    "e_evidence_line",
    "e_evidence_text",
    "e_evidence_url",
];

/// The evidence's source, file, line, text and url, each only when present.
fn evidence<W: Write>(x: &mut XmlWriter<W>, keys: &[&str; 5], ev: &Evidence) -> io::Result<()> {
    data(x, keys[0], &ev.source)?;
    if let Some(f) = &ev.file {
        data(x, keys[1], f)?;
    }
    if let Some(l) = ev.line {
        data(x, keys[2], &l.to_string())?;
    }
    if let Some(t) = &ev.text {
        data(x, keys[3], t)?;
    }
    if let Some(u) = &ev.url {
        data(x, keys[4], u)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttrValue, Edge, Node, NodeKind, slug};
    use std::sync::Arc;

    #[test]
    fn writes_typed_keys_before_the_graph_and_edges_after_nodes() {
        let src: Arc<str> = "curated".into();
        let ev = Evidence::at(&src, &src, 3);
        let mut g = Graph::new();
        let mut a = Node::new(slug("Alpaca"), "Alpaca".into(), NodeKind::Model, ev.clone());
        a.attrs.insert("likes".into(), AttrValue::Int(7));
        let a = g.add_node(a).unwrap();
        let l = g
            .add_node(Node::new(
                slug("Llama"),
                "Llama".into(),
                NodeKind::Model,
                ev.clone(),
            ))
            .unwrap();
        g.add_edge(
            a,
            l,
            Edge {
                relation: Relation::FineTunedFrom,
                evidence: ev,
            },
        );
        let mut buf = Vec::new();
        write(&g, &mut buf, &Options::default()).unwrap();
        let s = String::from_utf8(buf).unwrap();
        let graph_at = s.find("<graph ").unwrap();
        assert!(s.rfind("<key ").unwrap() < graph_at);
        assert!(
            s.contains(r#"<key id="n_a_likes" for="node" attr.name="likes" attr.type="long"/>"#)
        );
        assert!(s.contains(r#"<graph id="llmkg" edgedefault="directed">"#));
        assert!(s.rfind("<node ").unwrap() < s.find("<edge ").unwrap());
        assert!(s.contains(r#"<edge id="e0" source="alpaca" target="llama">"#));
        assert!(s.contains(r#"<data key="e_relation">fine_tuned_from</data>"#));
        assert!(s.contains(r#"<data key="n_descendants">1</data>"#));
        assert!(!s.contains("for=\"all\""));
    }
}
