//! What the record readers (Epoch AI, Ecosystem Graphs) read: one [`Record`] per row or asset,
//! in the source's own words, before [`super::merge`] ties its names to the graph's nodes.

use crate::model::{AttrValue, Date, Evidence, Link, NodeKind, Relation};

/// One entity as a record source describes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    /// The name as written (trimmed).
    pub name: String,
    pub kind: NodeKind,
    /// Organization names as written, one per organization (a cell split at its commas).
    pub organizations: Vec<String>,
    pub released: Option<Date>,
    /// Sizes as people write them (`70B`, `8x7B`), from a parameter count or a size text.
    pub sizes: Vec<String>,
    /// Sizes in billions of parameters, where a number is given.
    pub sizes_b: Vec<f64>,
    /// The record's links: `paper`, `model` (a model card), `other`.
    pub links: Vec<Link>,
    pub description: Option<String>,
    /// Further columns kept as node attributes (`access`, `license`, `country`, `domain`),
    /// sorted by name.
    pub attrs: Vec<(String, AttrValue)>,
    /// Where the record is: the source tag (`epoch`, `ecosystem`), the file and line (or the
    /// record's name), and its URL where it gives one.
    pub evidence: Evidence,
    /// What the record builds on, by name, in the order written.
    pub depends_on: Vec<Dependency>,
}

/// A dependency of a record on another entity, named as the source names it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dependency {
    pub name: String,
    /// The relation where the source says which (Epoch's `Base model` is `fine_tuned_from`);
    /// `None` where it only says "depends on", so the kinds of both ends decide
    /// ([`super::merge`]).
    pub relation: Option<Relation>,
}

impl Record {
    /// A record with a name, a kind and its evidence, everything else empty.
    pub(crate) fn new(name: impl Into<String>, kind: NodeKind, evidence: Evidence) -> Record {
        Record {
            name: name.into(),
            kind,
            organizations: Vec::new(),
            released: None,
            sizes: Vec::new(),
            sizes_b: Vec::new(),
            links: Vec::new(),
            description: None,
            attrs: Vec::new(),
            evidence,
            depends_on: Vec::new(),
        }
    }
}

/// The relation a dependency of a `from` record on a `to` entity stands for, where the source
/// does not say: lineage between models, training data for a model, use for everything else.
pub(crate) const DEPENDENCY_RELATIONS: &[(NodeKind, NodeKind, Relation)] = &[
    (NodeKind::Model, NodeKind::Model, Relation::DerivedFrom),
    (NodeKind::Model, NodeKind::Dataset, Relation::TrainedOn),
    (NodeKind::Model, NodeKind::Method, Relation::TrainedWith),
    (NodeKind::Dataset, NodeKind::Dataset, Relation::DerivedFrom),
];

/// The relation of a dependency from a `from` to a `to` node where the source does not say.
pub(crate) fn dependency_relation(from: NodeKind, to: NodeKind) -> Relation {
    DEPENDENCY_RELATIONS
        .iter()
        .find(|&&(f, t, _)| f == from && t == to)
        .map_or(Relation::Uses, |&(_, _, r)| r)
}

/// A cell's comma-separated names, each trimmed, empties dropped; commas inside parentheses
/// or brackets do not split (`Carnegie Mellon University (CMU), Stanford`).
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in cell.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&cell[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&cell[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}
