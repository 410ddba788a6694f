//! GraphML export (`graph.graphml`) for NetworkX, igraph, Gephi and yEd: typed `<key>`s, then
//! nodes and edges in sorted order, streamed through the XML helper.
//!
//! Key ids are `d0`, `d1`, ... as NetworkX writes them (the fixed node keys, the fixed edge keys,
//! then the attribute columns); readers go by `attr.name`. Each edge's id is its `id` attribute
//! (NetworkX's edge key) and its `edge_id` data (igraph keeps no edge `id`). Lists (aliases, sizes, links, corrections) are JSON text.
//! Each `Node::attrs` name and value type has its own typed key; where the declared `attr.name`
//! had to differ from the attribute's own name (characters outside `[A-Za-z0-9_.-]`, a reserved
//! or taken name, a second type), the key holds the own name in its `<desc>`, so
//! `graphml::read` reads it back exactly. `organization`, `organizations` and `descendants` are
//! derived for drawing, not node data.

use super::{EDGE_KEYS, NODE_KEYS};
use crate::export::{Options, style};
use crate::formats::xml::{AttrType, EdgeId, Prepared, XmlWriter, attr_columns, node_attrs};
use crate::graph::Graph;
use crate::model::{Evidence, NodeKind};
use std::io::{self, Write};

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

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
    let (nodes, descendants) = style::sorted_with_counts(g);
    let orgs = style::organizations(g);

    let mut x = XmlWriter::new(w);
    x.declaration()?;
    x.start("graphml", &[("xmlns", NS)])?;
    // key ids as NetworkX writes them, d0, d1, ...: the fixed node keys, the fixed edge keys,
    // then the attribute columns, so a fixed key's id never moves
    let key_id = |i: usize| format!("d{i}");
    let mut node_tags = Vec::with_capacity(NODE_KEYS.len());
    for (i, (name, ty)) in NODE_KEYS.iter().enumerate() {
        let id = key_id(i);
        key(&mut x, &id, "node", name, ty)?;
        node_tags.push(x.prepare("data", &[("key", &id)]));
    }
    let mut edge_tags = Vec::with_capacity(EDGE_KEYS.len());
    for (i, (name, ty)) in EDGE_KEYS.iter().enumerate() {
        let id = key_id(NODE_KEYS.len() + i);
        key(&mut x, &id, "edge", name, ty)?;
        edge_tags.push(x.prepare("data", &[("key", &id)]));
    }
    let mut attr_tags = Vec::with_capacity(columns.len());
    for (i, c) in columns.iter().enumerate() {
        let id = key_id(NODE_KEYS.len() + EDGE_KEYS.len() + i);
        if c.name == c.attr {
            key(&mut x, &id, "node", &c.name, graphml_type(c.ty))?;
        } else {
            // the attribute's own name, where the declared one had to differ
            x.start("key", &key_attrs(&id, "node", &c.name, graphml_type(c.ty)))?;
            x.text_element("desc", &[], &c.attr)?;
            x.end("key")?;
        }
        attr_tags.push(x.prepare("data", &[("key", &id)]));
    }
    let [
        label,
        kind,
        aliases,
        released,
        sizes,
        sizes_b,
        organization,
        organizations,
        n_desc,
        links,
        description,
        o_src,
        o_file,
        o_line,
        o_text,
        o_url,
        corrections,
    ] = &node_tags[..]
    else {
        unreachable!("one tag per node key")
    };
    let origin = [o_src, o_file, o_line, o_text, o_url];
    let [relation, edge_id, e_src, e_file, e_line, e_text, e_url] = &edge_tags[..] else {
        unreachable!("one tag per edge key")
    };
    let evidence_tags = [e_src, e_file, e_line, e_text, e_url];
    x.start("graph", &[("id", "llmkg"), ("edgedefault", "directed")])?;

    x.write_chunked(
        &nodes,
        |&ix, stage| orgs.warm_with_counts(g, ix, stage, &descendants),
        |x, _, &ix| {
            let n = g.node(ix);
            let mut num = itoa::Buffer::new();
            x.start("node", &[("id", &n.id)])?;
            x.text_prepared(label, &n.label)?;
            x.text_prepared(kind, n.kind.as_str())?;
            list(x, aliases, &n.aliases)?;
            if let Some(d) = n.released {
                x.text_prepared(released, &d.text())?;
            }
            list(x, sizes, &n.sizes)?;
            list(x, sizes_b, &n.sizes_b)?;
            let own = orgs.of(ix);
            let main_org = match n.kind {
                NodeKind::Organization => Some(ix),
                _ => own.first().copied(),
            };
            if let Some(o) = main_org {
                x.text_prepared(organization, &g.node(o).id)?;
            }
            let (mut few, mut many) = ([""; 4], Vec::new());
            list(x, organizations, orgs.ids(g, ix, &mut few, &mut many))?;
            x.text_prepared(n_desc, num.format(descendants[ix.index()]))?;
            list(x, links, &n.links)?;
            if let Some(d) = &n.description {
                x.text_prepared(description, d)?;
            }
            evidence(x, &origin, &n.origin)?;
            list(x, corrections, &n.corrections)?;
            for (i, v) in node_attrs(&columns, &n.attrs) {
                if let Some(s) = columns[i].ty.format(v) {
                    x.text_prepared(&attr_tags[i], &s)?;
                }
            }
            x.end("node")
        },
    )?;

    let edges = g.edges_sorted();
    x.write_chunked(
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |x, i, &e| {
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            let eid = EdgeId::new(i);
            x.start(
                "edge",
                &[
                    ("id", &eid),
                    ("source", &g.node(s).id),
                    ("target", &g.node(t).id),
                ],
            )?;
            x.text_prepared(relation, edge.relation.as_str())?;
            // igraph does not read an edge's `id` attribute back: the id again, as data
            x.text_prepared(edge_id, &eid)?;
            evidence(x, &evidence_tags, &edge.evidence)?;
            x.end("edge")
        },
    )?;

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

/// A list as JSON text, so an importer reads it back exactly; nothing when empty.
fn list<W: Write, T: serde::Serialize>(
    x: &mut XmlWriter<W>,
    tag: &Prepared,
    items: &[T],
) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with_borrow_mut(|buf| {
        buf.clear();
        serde_json::to_writer(&mut *buf, items).map_err(io::Error::other)?;
        let json = std::str::from_utf8(buf).map_err(io::Error::other)?;
        x.text_prepared(tag, json)
    })
}

/// The evidence's source, file, line, text and url, each only when present.
fn evidence<W: Write>(
    x: &mut XmlWriter<W>,
    tags: &[&Prepared; 5],
    ev: &Evidence,
) -> io::Result<()> {
    x.text_prepared(tags[0], &ev.source)?;
    if let Some(f) = &ev.file {
        x.text_prepared(tags[1], f)?;
    }
    if let Some(l) = ev.line {
        x.text_prepared(tags[2], itoa::Buffer::new().format(l))?;
    }
    if let Some(t) = &ev.text {
        x.text_prepared(tags[3], t)?;
    }
    if let Some(u) = &ev.url {
        x.text_prepared(tags[4], u)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttrValue, Edge, Node, NodeKind, Relation, slug};

    #[test]
    fn writes_typed_keys_before_the_graph_and_edges_after_nodes() {
        let src: crate::model::Name = "curated".into();
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
        assert!(s.contains(r#"<key id="d24" for="node" attr.name="likes" attr.type="long"/>"#));
        assert!(s.contains(r#"<graph id="llmkg" edgedefault="directed">"#));
        assert!(s.rfind("<node ").unwrap() < s.find("<edge ").unwrap());
        assert!(s.contains(r#"<edge id="e0" source="alpaca" target="llama">"#));
        assert!(
            s.contains(r#"<key id="d17" for="edge" attr.name="relation" attr.type="string"/>"#)
        );
        assert!(s.contains(r#"<data key="d17">fine_tuned_from</data>"#));
        assert!(
            s.contains(r#"<key id="d8" for="node" attr.name="descendants" attr.type="long"/>"#)
        );
        assert!(s.contains(r#"<data key="d8">1</data>"#));
        assert!(!s.contains("for=\"all\""));
    }
}
