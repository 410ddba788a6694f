//! GraphML export (`graph.graphml`) for NetworkX, igraph, Gephi and yEd: typed `<key>`s, then
//! nodes and edges in sorted order, streamed through the XML helper.
//!
//! The keys are the schema's GraphML columns ([`crate::formats::schema`]), in its order, with
//! ids `d0`, `d1`, ... as NetworkX writes them (the fixed node keys, the fixed edge keys, then the
//! attribute columns); readers go by `attr.name`. Each edge's id is its `id` attribute
//! (NetworkX's edge key) and its `edge_id` data (igraph keeps no edge `id`). Lists (aliases,
//! sizes, links, corrections) are JSON text; so are the provenance keys of nodes and edges:
//! `sources` (the kinds of source asserting it, sorted, each once: derived, not read back) and
//! `more_evidence` (the evidence beyond the origin or first evidence, as records; absent when
//! there is none). Each `Node::attrs` name and value type has its own typed key; where the
//! declared `attr.name` had to differ from the attribute's own name (characters outside
//! `[A-Za-z0-9_.-]`, a reserved or taken name, a second type), the key holds the own name in its
//! `<desc>`, so `graphml::read` reads it back exactly. `organization`, `organizations` and
//! `descendants` are derived for drawing, not node data.

use crate::formats::schema::{
    EDGES, EdgeAt, EdgeAttr, ExtraColumn, NODES, NodeAttr, Value, Xml, extra_columns, node_attrs,
    xml_column_names,
};
use crate::formats::xml::{Prepared, XmlWriter};
use crate::graph::{Graph, NodeIx};
use std::io::{self, Write};

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// Writes the graph as GraphML.
pub fn write<W: Write>(g: &Graph, w: W) -> io::Result<()> {
    write_counted(g, w).map(|_| ())
}

/// Writes the graph as GraphML; returns how many forbidden characters were replaced by U+FFFD.
pub fn write_counted<W: Write>(g: &Graph, w: W) -> io::Result<u64> {
    let columns = extra_columns(g, &xml_column_names(|r| r.graphml, |r| r.graphml));
    let mut x = XmlWriter::new(w);
    x.declaration()?;
    x.start("graphml", &[("xmlns", NS)])?;
    let keys = Keys::declare(&mut x, &columns)?;
    x.start("graph", &[("id", "llmkg"), ("edgedefault", "directed")])?;
    write_nodes(&mut x, g, &keys, &columns)?;
    write_edges(&mut x, g, &keys)?;
    x.end("graph")?;
    x.end("graphml")?;
    x.finish()
}

/// The declared keys, each with its `<data key="...">` tag built once.
struct Keys {
    nodes: Vec<(NodeAttr, Prepared)>,
    edges: Vec<(EdgeAttr, Prepared)>,
    /// One per extra column.
    extra: Vec<Prepared>,
}

impl Keys {
    /// Declares the keys with ids as NetworkX writes them, `d0`, `d1`, ...: the fixed node keys,
    /// the fixed edge keys, then the extra columns, so a fixed key's id never moves.
    fn declare<W: Write>(x: &mut XmlWriter<W>, columns: &[ExtraColumn]) -> io::Result<Keys> {
        let mut ids = (0..).map(|i| format!("d{i}"));
        let mut next = || ids.next().expect("endless");
        let mut keys = Keys {
            nodes: Vec::new(),
            edges: Vec::new(),
            extra: Vec::with_capacity(columns.len()),
        };
        for r in NODES.iter().filter(|r| r.graphml == Xml::Column) {
            let id = next();
            key(x, &id, "node", r.name, r.ty.graphml())?;
            keys.nodes
                .push((r.attr, x.prepare("data", &[("key", &id)])));
        }
        for r in EDGES.iter().filter(|r| r.graphml == Xml::Column) {
            let id = next();
            key(x, &id, "edge", r.name, r.ty.graphml())?;
            keys.edges
                .push((r.attr, x.prepare("data", &[("key", &id)])));
        }
        for c in columns {
            let id = next();
            if c.name == c.attr {
                key(x, &id, "node", &c.name, c.ty.xml())?;
            } else {
                // the attribute's own name, where the declared one had to differ
                x.start("key", &key_attrs(&id, "node", &c.name, c.ty.xml()))?;
                x.text_element("desc", &[], &c.attr)?;
                x.end("key")?;
            }
            keys.extra.push(x.prepare("data", &[("key", &id)]));
        }
        Ok(keys)
    }
}

/// The nodes in sorted order, formatted in chunks on every core.
fn write_nodes<W: Write>(
    x: &mut XmlWriter<W>,
    g: &Graph,
    keys: &Keys,
    columns: &[ExtraColumn],
) -> io::Result<()> {
    let attrs: Vec<NodeAttr> = keys.nodes.iter().map(|(a, _)| *a).collect();
    let (nodes, derived) = crate::formats::schema::Derived::sorted(g, &attrs);
    x.write_chunked(
        &nodes,
        |&ix: &NodeIx, stage| derived.warm(g, ix, stage),
        |x, _, &ix| {
            let at = derived.at(g, ix);
            x.start("node", &[("id", &at.node.id)])?;
            for (attr, tag) in &keys.nodes {
                data(x, tag, attr.value(&at))?;
            }
            for (i, v) in node_attrs(columns, &at.node.attrs) {
                if let Some(s) = columns[i].ty.format(&v) {
                    x.text_prepared(&keys.extra[i], &s)?;
                }
            }
            x.end("node")
        },
    )
}

/// The edges in sorted order, formatted in chunks on every core.
fn write_edges<W: Write>(x: &mut XmlWriter<W>, g: &Graph, keys: &Keys) -> io::Result<()> {
    let edges = g.edges_sorted();
    x.write_chunked(
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |x, i, &e| {
            let at = EdgeAt::new(g, e, i, 0);
            let eid = crate::formats::schema::EdgeId::new(i);
            x.start(
                "edge",
                &[
                    ("id", &eid),
                    ("source", &at.source.id),
                    ("target", &at.target.id),
                ],
            )?;
            // the id again as data (edge_id): igraph does not read an edge's `id` attribute back
            for (attr, tag) in &keys.edges {
                data(x, tag, attr.value(&at))?;
            }
            x.end("edge")
        },
    )
}

/// `<data key="...">value</data>`, nothing for an absent value.
#[inline(always)]
fn data<W: Write>(x: &mut XmlWriter<W>, tag: &Prepared, v: Value) -> io::Result<()> {
    v.with_text(|s| x.text_prepared(tag, s)).map(|_| ())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttrValue, Edge, Evidence, Node, NodeKind, Relation, slug};

    #[test]
    fn writes_typed_keys_before_the_graph_and_edges_after_nodes() {
        let src: crate::model::Name = "curated".into();
        let ev = Evidence::at(&src, &src, 3);
        let mut g = Graph::new();
        let mut a = Node::new(slug("Alpaca"), "Alpaca", NodeKind::Model, ev.clone());
        a.attrs.insert("likes".into(), AttrValue::Int(7));
        let a = g.add_node(a).unwrap();
        let l = g
            .add_node(Node::new(
                slug("Llama"),
                "Llama",
                NodeKind::Model,
                ev.clone(),
            ))
            .unwrap();
        g.add_edge(a, l, Edge::new(Relation::FineTunedFrom, ev));
        let mut buf = Vec::new();
        write(&g, &mut buf).unwrap();
        let s = String::from_utf8(buf).unwrap();
        let graph_at = s.find("<graph ").unwrap();
        assert!(s.rfind("<key ").unwrap() < graph_at);
        assert!(s.contains(r#"<key id="d28" for="node" attr.name="likes" attr.type="long"/>"#));
        assert!(s.contains(r#"<graph id="llmkg" edgedefault="directed">"#));
        assert!(s.rfind("<node ").unwrap() < s.find("<edge ").unwrap());
        assert!(s.contains(r#"<edge id="e0" source="alpaca" target="llama">"#));
        assert!(
            s.contains(r#"<key id="d19" for="edge" attr.name="relation" attr.type="string"/>"#)
        );
        assert!(s.contains(r#"<data key="d19">fine_tuned_from</data>"#));
        assert!(s.contains(r#"<key id="d17" for="node" attr.name="sources" attr.type="string"/>"#));
        assert!(s.contains(r#"<data key="d17">[&quot;curated&quot;]</data>"#));
        assert!(
            !s.contains(r#"<data key="d18">"#),
            "no further evidence, no value"
        );
        assert!(
            s.contains(r#"<key id="d8" for="node" attr.name="descendants" attr.type="long"/>"#)
        );
        assert!(s.contains(r#"<data key="d8">1</data>"#));
        assert!(!s.contains("for=\"all\""));
    }
}
