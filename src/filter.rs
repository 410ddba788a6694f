//! Export filters (`export` and `render`): narrow the graph to a family, an organization, some
//! kinds, relations or release dates before it is written.
//!
//! Rules:
//! - Every filter set must hold; a node is kept when it passes all of them, an edge when its
//!   relation is kept and both its ends are kept.
//! - `family`: the members of the family ([`Graph::family`]: the models, or the methods, joined
//!   by the lineage relations among `relations`, or by every lineage relation when none is
//!   named) plus the organizations and methods they point to (`developed_by`, `trained_with`,
//!   `built_on` an architecture), so that a drawing shows who made each model and how.
//! - `org`: the organization, what it developed, and every node linked to those by an edge in
//!   either direction.
//! - `since`/`until` compare the `released` date of models only (a month matches a day in it:
//!   `--since 2023-07` keeps 2023-07-18); organizations and methods are kept whatever their date,
//!   and a model without a date is dropped as soon as either date filter is set.
//! - `kinds` (empty = all), `no_orgs` and `no_methods` drop nodes by kind.

use crate::graph::{Graph, NodeIx};
use crate::model::{Date, Node, NodeKind, Relation};

/// What to keep of a graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub family: Option<NodeIx>,
    pub org: Option<NodeIx>,
    /// Keep only these kinds; empty keeps every kind.
    pub kinds: Vec<NodeKind>,
    /// Keep only edges of these relations; empty keeps every relation.
    pub relations: Vec<Relation>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub no_orgs: bool,
    pub no_methods: bool,
}

/// The month of a date, so that a month filter matches every day in it.
fn month(d: Date) -> (u16, u8) {
    (d.year, d.month)
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn keeps_kind(&self, k: NodeKind) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&k))
            && !(self.no_orgs && k == NodeKind::Organization)
            && !(self.no_methods && k == NodeKind::Method)
    }

    fn keeps_date(&self, n: &Node) -> bool {
        if n.kind != NodeKind::Model || (self.since.is_none() && self.until.is_none()) {
            return true;
        }
        let Some(d) = n.released else {
            return false;
        };
        self.since.is_none_or(|s| month(d) >= month(s))
            && self.until.is_none_or(|u| month(d) <= month(u))
    }

    fn keeps_relation(&self, r: Relation) -> bool {
        self.relations.is_empty() || self.relations.contains(&r)
    }

    /// A membership mask of the nodes `family` allows, or `None` when it is not set.
    fn family_mask(&self, g: &Graph) -> Option<Vec<bool>> {
        let ix = self.family?;
        let follows = |r: Relation| r.is_lineage() && self.keeps_relation(r);
        let mut mask = vec![false; g.node_count()];
        mask[ix.index()] = true;
        for n in g.family(ix, follows).unwrap_or_default() {
            mask[n.index()] = true;
            for (_, t) in g.out_edges(n) {
                if matches!(g.node(t).kind, NodeKind::Organization | NodeKind::Method) {
                    mask[t.index()] = true;
                }
            }
        }
        Some(mask)
    }

    /// A membership mask of the nodes `org` allows, or `None` when it is not set.
    fn org_mask(&self, g: &Graph) -> Option<Vec<bool>> {
        let org = self.org?;
        let mut mask = vec![false; g.node_count()];
        mask[org.index()] = true;
        for (_, m) in g.developed(org) {
            mask[m.index()] = true;
            for (_, t) in g.out_edges(m).chain(g.in_edges(m)) {
                mask[t.index()] = true;
            }
        }
        Some(mask)
    }

    /// The part of `g` the filter keeps, as a new graph (linear time).
    pub fn apply(&self, g: &Graph) -> Graph {
        let family = self.family_mask(g);
        let org = self.org_mask(g);
        let in_mask = |m: &Option<Vec<bool>>, ix: NodeIx| m.as_ref().is_none_or(|m| m[ix.index()]);
        let mut out = g.filtered(
            |ix, n| {
                self.keeps_kind(n.kind)
                    && self.keeps_date(n)
                    && in_mask(&family, ix)
                    && in_mask(&org, ix)
            },
            |_, e| self.keeps_relation(e.relation),
        );
        out.remember_organizations(g);
        out
    }
}
