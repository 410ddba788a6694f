//! The node-link JSON exporter (`graph.json`), the shape `networkx.node_link_graph` reads.
//!
//! `{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...], "edges": [...]}`.
//! Nodes carry every field of [`Node`] (`id`, `label`, `kind`, `released`, `sizes`, ...; empty
//! ones left out; extra attributes under `attrs`). Edges are
//! `{"source", "target", "key", "relation", "evidence": {...}}`, `key` being the relation (with
//! `#2`, `#3`, ... on a repeated edge) so parallel edges of different relations stay apart.
//! The edge list is under `"edges"`, the key NetworkX ≥ 3.6 reads by default
//! (`networkx.node_link_graph(data)`, or `node_link_graph(data, edges="edges")` on 3.4 and 3.5,
//! whose default was still `"links"`). Nodes sorted by id, edges by (source, target, relation);
//! pretty-printed with a trailing newline.

use crate::export::Options;
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

#[derive(Serialize)]
struct JsonEdge<'a> {
    source: &'a str,
    target: &'a str,
    key: String,
    relation: Relation,
    evidence: &'a Evidence,
}

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphInfo,
    nodes: Vec<&'a Node>,
    edges: Vec<JsonEdge<'a>>,
}

/// Writes `graph.json`.
pub fn write<W: Write>(g: &Graph, w: W, _opts: &Options) -> io::Result<()> {
    let nodes: Vec<&Node> = g.nodes_sorted().into_iter().map(|ix| g.node(ix)).collect();
    let mut edges: Vec<JsonEdge> = Vec::with_capacity(g.edge_count());
    let mut previous = None;
    let mut repeat = 1;
    for e in g.edges_sorted() {
        let (s, t) = g.endpoints(e);
        let edge = g.edge(e);
        // sorted by (source, target, relation): a repeated edge follows its twin
        repeat = if previous == Some((s, t, edge.relation)) {
            repeat + 1
        } else {
            1
        };
        previous = Some((s, t, edge.relation));
        let key = if repeat == 1 {
            edge.relation.as_str().to_string()
        } else {
            format!("{}#{repeat}", edge.relation)
        };
        edges.push(JsonEdge {
            source: &g.node(s).id,
            target: &g.node(t).id,
            key,
            relation: edge.relation,
            evidence: &edge.evidence,
        });
    }
    let doc = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphInfo {
            name: "llmkg",
            edge_direction: "derived -> origin",
        },
        nodes,
        edges,
    };
    let mut w = io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, &doc).map_err(io::Error::other)?;
    w.write_all(b"\n")?;
    w.flush()
}
