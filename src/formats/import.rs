//! What the importers of llmkg's own formats (GraphML, JSON, the Gephi CSV pair) share: adding a
//! file's nodes and edges to the graph after the other inputs, refusing id clashes with an error
//! that names both places, resolving edge ends with a did-you-mean, and byte offsets as lines.

use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::graph::{Graph, NodeIx};
use crate::model::{Edge, Node, Relation};

/// The source name of nodes and edges an import makes up (foreign files carry no evidence).
pub(crate) const SOURCE: &str = "import";

/// The relation of an edge from another tool that names none (or names one outside llmkg's
/// vocabulary): `derived_from`, the most general lineage relation.
pub const DEFAULT_RELATION: Relation = Relation::DerivedFrom;

/// Turns increasing byte offsets into 1-based line numbers in linear time overall.
pub(crate) struct Lines<'t> {
    text: &'t [u8],
    pos: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The line of byte `offset` (counting on from the last offset asked, or from the start
    /// when asked about an earlier one).
    pub(crate) fn at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.text[self.pos..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.pos = offset;
        self.line
    }
}

/// An edge read from a file whose ends are resolved once every node is in.
pub(crate) struct PendingEdge {
    pub source: String,
    pub target: String,
    pub edge: Edge,
    pub line: u64,
}

/// Adds one imported file's nodes and edges to the graph.
pub(crate) struct Sink<'g> {
    g: &'g mut Graph,
    file: String,
    /// Nodes with an index from here on came from this file.
    first: usize,
    /// The line of each node this file added.
    lines: Vec<u64>,
}

impl<'g> Sink<'g> {
    pub(crate) fn new(g: &'g mut Graph, file: &str) -> Self {
        let first = g.node_count();
        Sink {
            g,
            file: file.to_string(),
            first,
            lines: Vec::new(),
        }
    }

    pub(crate) fn error(&self, line: Option<u64>, message: impl Into<String>) -> Error {
        Error::parse(&self.file, line, message)
    }

    /// Adds a node read at `line`; its id must be new in this file and in every earlier input.
    pub(crate) fn node(&mut self, node: Node, line: u64) -> Result<NodeIx> {
        if let Some(old) = self.g.index_of(&node.id) {
            let message = match old.index().checked_sub(self.first) {
                Some(i) => format!(
                    "duplicate node id \"{}\" (first at line {})",
                    node.id, self.lines[i]
                ),
                None => {
                    let prev = self.g.node(old);
                    let at = prev.origin.location();
                    format!(
                        "node id \"{}\" is already defined by an earlier input ({} \"{}\"{})",
                        node.id,
                        prev.kind,
                        prev.label,
                        if at.is_empty() {
                            String::new()
                        } else {
                            format!(" at {at}")
                        }
                    )
                }
            };
            return Err(self.error(Some(line), message).with_help(
                "an import adds to the other inputs and replaces nothing: give each input its own ids",
            ));
        }
        let ix = self.g.add_node(node)?;
        self.lines.push(line);
        Ok(ix)
    }

    fn end(&self, id: &str, which: &str, line: u64) -> Result<NodeIx> {
        self.g.index_of(id).ok_or_else(|| {
            let ids = self.g.inner().node_weights().map(|n| n.id.as_str());
            let hint = crate::suggest::closest(id, ids, 1)
                .first()
                .map(|s| format!(": did you mean \"{s}\"?"))
                .unwrap_or_default();
            self.error(
                Some(line),
                format!(
                    "edge {which} \"{id}\" is not a node of this file or an earlier input{hint}"
                ),
            )
        })
    }

    /// Adds edges once every node is in; parallel edges (even of one relation) are all kept.
    pub(crate) fn edges(&mut self, edges: Vec<PendingEdge>) -> Result<()> {
        for p in edges {
            let s = self.end(&p.source, "source", p.line)?;
            let t = self.end(&p.target, "target", p.line)?;
            self.g.add_edge_unchecked(s, t, p.edge);
        }
        Ok(())
    }

    /// Records a finding about the file (information lost or guessed).
    pub(crate) fn note(&mut self, severity: Severity, code: Code, message: String) {
        let file = self.file.clone();
        self.g
            .diagnostics
            .push(Diagnostic::new(severity, code, file, message));
    }
}

/// Counts and first examples of one kind of finding.
#[derive(Default)]
pub(crate) struct Tally {
    pub count: usize,
    pub examples: Vec<String>,
}

impl Tally {
    pub(crate) fn add(&mut self, example: impl FnOnce() -> String) {
        self.count += 1;
        if self.examples.len() < 5 {
            self.examples.push(example());
        }
    }

    /// `N what: ex1; ex2; ...`, or nothing when nothing was counted.
    pub(crate) fn report(&self, sink: &mut Sink, severity: Severity, code: Code, what: &str) {
        if self.count > 0 {
            let more = if self.count > self.examples.len() {
                "; ..."
            } else {
                ""
            };
            sink.note(
                severity,
                code,
                format!("{} {what}: {}{more}", self.count, self.examples.join("; ")),
            );
        }
    }
}
