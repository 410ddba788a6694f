//! Reads llmkg's own node-link JSON (`graph.json`, written by `json::write`) back into the graph,
//! losslessly: every node field, attribute, relation and evidence comes back as it was.
//!
//! `{"nodes": [Node, ...], "edges": [{"source", "target", "relation", "evidence"}, ...]}`
//! (`"links"` is accepted for `"edges"`; `directed`, `multigraph`, `graph` and each edge's `key`
//! are ignored). Each node and edge is parsed on its own from its slice of the file, so an error
//! names the line it is on.

use crate::error::{Error, Result};
use crate::formats::import::{Lines, PendingEdge, Sink};
use crate::graph::Graph;
use crate::model::{Edge, Evidence, Node, Relation};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Doc<'a> {
    #[serde(borrow)]
    nodes: Vec<&'a RawValue>,
    #[serde(borrow, default, alias = "links")]
    edges: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct JsonEdge {
    source: String,
    target: String,
    relation: String,
    evidence: Evidence,
}

/// Adds the graph in `text` (the contents of `file`) to `g`.
pub fn add(g: &mut Graph, file: &str, text: &str) -> Result<()> {
    let doc: Doc = serde_json::from_str(text).map_err(|e| {
        Error::parse(
            file,
            Some(e.line() as u64),
            format!("not an llmkg JSON graph: {e}"),
        )
        .with_help(
            "expected {\"nodes\": [...], \"edges\": [...]} as `llmkg export --format json` writes",
        )
    })?;
    let mut lines = Lines::new(text);
    let base = text.as_ptr() as usize;
    let mut line_of = |raw: &RawValue| lines.at(raw.get().as_ptr() as usize - base);
    let mut sink = Sink::new(g, file);
    for raw in &doc.nodes {
        let line = line_of(raw);
        let node: Node = serde_json::from_str(raw.get()).map_err(|e| {
            sink.error(Some(line + e.line() as u64 - 1), format!("not a node: {e}"))
        })?;
        sink.node(node, line)?;
    }
    let mut edges = Vec::with_capacity(doc.edges.len());
    for raw in &doc.edges {
        let line = line_of(raw);
        let e: JsonEdge = serde_json::from_str(raw.get()).map_err(|e| {
            sink.error(
                Some(line + e.line() as u64 - 1),
                format!("not an edge: {e}"),
            )
        })?;
        let relation: Relation = e
            .relation
            .parse()
            .map_err(|m: String| sink.error(Some(line), m))?;
        edges.push(PendingEdge {
            source: e.source,
            target: e.target,
            edge: Edge::new(relation, e.evidence),
            line,
        });
    }
    sink.edges(edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line_and_the_unknown_id() {
        let text = r#"{
  "nodes": [
    {"id": "llama", "label": "Llama", "kind": "model", "origin": {"source": "curated"}},
    {"id": "alpaca", "label": "Alpaca", "kind": "model", "origin": {"source": "curated"}}
  ],
  "edges": [
    {"source": "alpaca", "target": "lama", "relation": "fine_tuned_from",
     "evidence": {"source": "curated"}}
  ]
}"#;
        let mut g = Graph::new();
        let err = add(&mut g, "g.json", text).unwrap_err().to_string();
        assert_eq!(
            err,
            "g.json:7: edge target \"lama\" is not a node of this file or an earlier input: did you mean \"llama\"?"
        );
        let bad = text.replace("fine_tuned_from", "fine_tuned");
        let err = add(&mut Graph::new(), "g.json", &bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "g.json:7: unknown relation \"fine_tuned\": did you mean \"fine_tuned_from\"?"
            ),
            "{err}"
        );
        let bad = text.replacen(r#""kind": "model""#, r#""kind": "modle""#, 1);
        let err = add(&mut Graph::new(), "g.json", &bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("g.json:3: not a node: unknown variant `modle`"),
            "{err}"
        );
        let dup = text.replace("alpaca\", \"label", "llama\", \"label");
        let err = add(&mut Graph::new(), "g.json", &dup)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("g.json:4: duplicate node id \"llama\" (first at line 3)"),
            "{err}"
        );
        let err = add(&mut Graph::new(), "g.json", "{\"nodes\": [}")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("g.json:1: not an llmkg JSON graph"),
            "{err}"
        );
    }
}
