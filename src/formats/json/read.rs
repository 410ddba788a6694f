//! Reads llmkg's own node-link JSON (`graph.json`, written by `json::write`) back into the graph,
//! losslessly: every node field, attribute, relation and evidence comes back as it was.
//!
//! `{"nodes": [Node, ...], "edges": [{"source", "target", "relation", "evidence",
//! "evidence_records"}, ...]}` (`"links"` is accepted for `"edges"`; `directed`, `multigraph`,
//! `graph`, each edge's `key` and the derived `sources` of nodes and edges are ignored). An
//! edge's `evidence_records` (every piece of its evidence, `evidence` first) give its further
//! evidence, `Edge::also`; a file without them (from before they were written) reads as edges
//! with one piece of evidence each. Each node and edge is parsed on its own from its slice of
//! the file, so an error names the line it is on.

use crate::error::{Code, Error, Result, Severity};
use crate::formats::import::{Lines, PendingEdge, Sink, Tally};
use crate::graph::Graph;
use crate::model::{Edge, Evidence, Node, Relation};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Doc<'a> {
    #[serde(borrow)]
    nodes: Vec<&'a RawValue>,
    /// `None` when the key is missing: a graph without edges, said with a warning.
    #[serde(borrow, default, alias = "links")]
    edges: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct JsonEdge {
    source: String,
    target: String,
    relation: String,
    evidence: Evidence,
    #[serde(default)]
    evidence_records: Option<Vec<Evidence>>,
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
    let Some(raw_edges) = &doc.edges else {
        sink.note(
            Severity::Warning,
            Code::NoEdges,
            "no \"edges\" (or \"links\") key: read as a graph without edges (write \"edges\": [] for one)".into(),
        );
        return Ok(());
    };
    let mut edges = Vec::with_capacity(raw_edges.len());
    let mut seen = Repeats::default();
    for raw in raw_edges {
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
        let mut edge = Edge::new(relation, e.evidence);
        if let Some(records) = e.evidence_records {
            edge.also = further_evidence(&edge.evidence, records)
                .map_err(|m| sink.error(Some(line), m).with_help(RECORDS_HELP))?;
        }
        let pending = PendingEdge {
            source: e.source,
            target: e.target,
            edge,
            line,
        };
        if !seen.is_repeat(&pending, &edges) {
            edges.push(pending);
        }
    }
    seen.tally.report(
        &mut sink,
        Severity::Warning,
        Code::DuplicateEdge,
        "edges repeat an earlier edge (same ends, relation and evidence), kept once",
    );
    sink.edges(edges)
}

/// The edges read so far, by a hash of everything they hold, to find one given twice.
#[derive(Default)]
struct Repeats {
    /// Hash of (source, target, relation, evidence) → index of the first such edge kept (one
    /// index a hash: an edge whose hash another edge holds already is compared with that one
    /// only, so a repeat of a colliding edge, once in 2^64, would go unsaid).
    by_hash: std::collections::HashMap<u64, usize>,
    tally: Tally,
}

impl Repeats {
    /// Whether `p` repeats an edge of `kept` (counted and told as such), else remembers it as
    /// the next edge of `kept`.
    fn is_repeat(&mut self, p: &PendingEdge, kept: &[PendingEdge]) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&p.source, &p.target, p.edge.relation, &p.edge.evidence).hash(&mut h);
        p.edge.also.as_slice().hash(&mut h);
        let first = *self.by_hash.entry(h.finish()).or_insert(kept.len());
        let Some(k) = kept.get(first) else {
            return false;
        };
        if k.source != p.source || k.target != p.target || k.edge != p.edge {
            return false;
        }
        let (line, at) = (p.line, k.line);
        let (s, t) = (&p.source, &p.target);
        (self.tally).add(|| format!("line {line}: {s} → {t} (first at line {at})"));
        true
    }
}

const RECORDS_HELP: &str = "an edge's evidence_records list every piece of its evidence, its evidence first, as `llmkg export --format json` writes them; or leave evidence_records out";

/// The evidence beyond the first, from an edge's `evidence_records`, which must begin with its
/// `evidence`.
fn further_evidence<C: FromIterator<Evidence>>(
    first: &Evidence,
    records: Vec<Evidence>,
) -> Result<C, String> {
    let mut records = records.into_iter();
    match records.next() {
        Some(r) if r == *first => Ok(records.collect()),
        Some(r) => Err(format!(
            "evidence_records begin with {}, not with the edge's evidence {}",
            describe(&r),
            describe(first)
        )),
        None => Err("evidence_records is empty: expected the edge's evidence first".into()),
    }
}

/// A piece of evidence as the JSON has it.
fn describe(e: &Evidence) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| e.summary())
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

    #[test]
    fn evidence_records_give_the_further_evidence_and_must_begin_with_the_evidence() {
        let text = |records: &str| {
            format!(
                r#"{{"nodes": [
  {{"id": "a", "label": "A", "kind": "model", "origin": {{"source": "list"}}}},
  {{"id": "b", "label": "B", "kind": "model", "origin": {{"source": "list"}}}}
],
"edges": [
  {{"source": "a", "target": "b", "relation": "fine_tuned_from", "evidence": {{"source": "list", "line": 3}},
   "sources": ["ignored"]{records}}}
]}}"#
            )
        };
        let read = |records: &str| {
            let mut g = Graph::new();
            add(&mut g, "g.json", &text(records)).map(|()| g)
        };
        let first = |g: &Graph| g.edge(g.edges_sorted()[0]).clone();
        let g = read(
            r#", "evidence_records": [{"source": "list", "line": 3}, {"source": "curated", "url": "https://x"}]"#,
        )
        .unwrap();
        let e = first(&g);
        assert_eq!(e.evidence.line_or_zero(), 3);
        assert_eq!(e.also.len(), 1);
        assert_eq!(e.also[0].source.as_str(), "curated");
        assert_eq!(e.also[0].url.map(|u| u.as_str()), Some("https://x"));
        // a file from before evidence_records reads as one piece of evidence
        assert!(first(&read("").unwrap()).also.is_empty());
        let err = read(r#", "evidence_records": [{"source": "curated"}]"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                r#"g.json:6: evidence_records begin with {"source":"curated"}, not with the edge's evidence {"source":"list","line":3}"#
            ),
            "{err}"
        );
        let err = read(r#", "evidence_records": []"#).unwrap_err().to_string();
        assert!(
            err.starts_with("g.json:6: evidence_records is empty"),
            "{err}"
        );
    }
}
