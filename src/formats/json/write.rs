//! The node-link JSON exporter (`graph.json`), the shape `networkx.node_link_graph` reads.
//!
//! `{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...], "edges": [...]}`.
//! Nodes carry every field of [`Node`] (`id`, `label`, `kind`, `released`, `sizes`, ...,
//! `origin` and the further evidence `also`; empty ones left out; extra attributes under
//! `attrs`), then `sources`, the kinds of source naming the node (sorted, each once). Edges are
//! `{"source", "target", "key", "relation", "evidence": {...}, "sources": [...],
//! "evidence_records": [{...}, ...]}`, `key` being the relation (with `#2`, `#3`, ... on a
//! repeated edge) so parallel edges of different relations stay apart, `evidence_records` every
//! piece of evidence (`evidence` first, then `Edge::also`): one record per place a source
//! asserts the edge. Each item is serialized in place, with no value tree.
//! The edge list is under `"edges"`, the key NetworkX ≥ 3.6 reads by default
//! (`networkx.node_link_graph(data)`, or `node_link_graph(data, edges="edges")` on 3.4 and 3.5,
//! whose default was still `"links"`). Nodes sorted by id, edges by (source, target, relation);
//! pretty-printed with a trailing newline.

use crate::formats::chunks;
use crate::formats::schema::{Records, Sources};
use crate::graph::Graph;
use crate::model::{Evidence, Node, Relation};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct GraphInfo {
    name: &'static str,
    /// Edges point from the derived thing to its origin.
    edge_direction: &'static str,
}

/// A node as written: its own fields, then the sources naming it.
#[derive(Serialize)]
struct JsonNode<'a> {
    #[serde(flatten)]
    node: &'a Node,
    sources: Sources<'a>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    source: &'a str,
    target: &'a str,
    key: String,
    relation: Relation,
    evidence: &'a Evidence,
    sources: Sources<'a>,
    evidence_records: Records<'a>,
}

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphInfo,
    nodes: Vec<&'a Node>,
    edges: Vec<JsonEdge<'a>>,
}

/// Writes `graph.json`: the frame through serde_json, the nodes and edges formatted in chunks
/// on every core, each element as serde_json pretty-prints it, indented to its place (the same
/// bytes as pretty-printing the whole document at once).
pub fn write<W: Write>(g: &Graph, mut w: W) -> io::Result<()> {
    // the document with empty lists, cut where the lists go
    let frame = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphInfo {
            name: "llmkg",
            edge_direction: "derived -> origin",
        },
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let frame = serde_json::to_string_pretty(&frame).map_err(io::Error::other)?;
    let (head, rest) = frame
        .split_once("\"nodes\": []")
        .ok_or_else(|| io::Error::other("no nodes list in the JSON frame"))?;
    let (middle, tail) = rest
        .split_once("\"edges\": []")
        .ok_or_else(|| io::Error::other("no edges list in the JSON frame"))?;
    let nodes = g.nodes_sorted();
    let (edges, numbers) = g.edges_sorted_numbered();
    w.write_all(head.as_bytes())?;
    list(
        &mut w,
        "nodes",
        &nodes,
        |&ix, stage| g.warm_node(ix, stage),
        |out, _, &ix| {
            let node = g.node(ix);
            let item = JsonNode {
                node,
                sources: Sources::new(&node.origin, &node.also),
            };
            serde_json::to_writer_pretty(out, &item).map_err(io::Error::other)
        },
    )?;
    w.write_all(middle.as_bytes())?;
    list(
        &mut w,
        "edges",
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |out, k, &e| {
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            let n = numbers[k];
            let key = if n == 1 {
                edge.relation.as_str().to_string()
            } else {
                format!("{}#{n}", edge.relation)
            };
            let item = JsonEdge {
                source: &g.node(s).id,
                target: &g.node(t).id,
                key,
                relation: edge.relation,
                evidence: &edge.evidence,
                sources: Sources::new(&edge.evidence, &edge.also),
                evidence_records: Records(edge),
            };
            serde_json::to_writer_pretty(out, &item).map_err(io::Error::other)
        },
    )?;
    w.write_all(tail.as_bytes())?;
    w.write_all(b"\n")?;
    w.flush()
}

/// `"name": [ ... ]` with each item pretty-printed by `item` and indented two levels; `[]` when
/// there are none, as serde_json writes an empty list.
fn list<T, P, F>(w: &mut dyn Write, name: &str, items: &[T], warm: P, item: F) -> io::Result<()>
where
    T: Sync,
    P: Fn(&T, usize) + Sync,
    F: Fn(&mut Vec<u8>, usize, &T) -> io::Result<()> + Sync,
{
    write!(w, "\"{name}\": [")?;
    if items.is_empty() {
        return w.write_all(b"]");
    }
    let format = |buf: &mut Vec<u8>, first: usize, chunk: &[T], ahead: &dyn Fn(usize)| {
        let mut one = Vec::new();
        for (i, x) in chunk.iter().enumerate() {
            ahead(i);
            one.clear();
            item(&mut one, first + i, x)?;
            buf.extend_from_slice(if first + i == 0 { b"\n" } else { b",\n" });
            // every line of the item two levels in (JSON strings hold no raw newline)
            for (k, line) in one.split(|&b| b == b'\n').enumerate() {
                if k > 0 {
                    buf.push(b'\n');
                }
                buf.extend_from_slice(b"    ");
                buf.extend_from_slice(line);
            }
        }
        Ok(0)
    };
    chunks::write(w, items, warm, format)?;
    w.write_all(b"\n  ]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Name, NodeKind};

    fn json(g: &Graph) -> serde_json::Value {
        let mut buf = Vec::new();
        write(g, &mut buf).unwrap();
        assert!(buf.ends_with(b"}\n"));
        serde_json::from_slice(&buf).unwrap()
    }

    #[test]
    fn an_empty_graph_has_empty_lists() {
        let v = json(&Graph::new());
        assert_eq!(v["nodes"], serde_json::json!([]));
        assert_eq!(v["edges"], serde_json::json!([]));
        assert_eq!(v["graph"]["name"], "llmkg");
    }

    #[test]
    fn repeated_edges_are_keyed_across_chunk_boundaries() {
        let src = Name::new("t");
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let mut node = |id: &str| {
            g.add_node(Node::new(id, id, NodeKind::Model, ev.clone()))
                .unwrap()
        };
        let (a, b) = (node("a"), node("b"));
        for _ in 0..5000 {
            g.add_edge_unchecked(a, b, Edge::new(Relation::MergedFrom, ev.clone()));
        }
        let v = json(&g);
        let keys: Vec<&str> = v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys.len(), 5000);
        assert_eq!(keys[0], "merged_from");
        assert_eq!(keys[4095], "merged_from#4096");
        assert_eq!(keys[4096], "merged_from#4097");
        assert_eq!(keys[4999], "merged_from#5000");
    }
}
