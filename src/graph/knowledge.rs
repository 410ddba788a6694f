//! What the graph knows about its nodes, for every layer above it (queries, filters, reports,
//! readers and exports): a node's organizations, the roots of the lineage, and which edges are
//! lineage edges.

use super::{EdgeIx, Graph, NodeIx};
use crate::model::{AttrValue, KnownAttr, Name, NodeKind, Relation};
use petgraph::Direction;
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;

impl Graph {
    /// The organizations node `ix` was developed by (its `developed_by` targets), in edge order,
    /// as often as an edge names them (an organization normally has none; see
    /// [`Graph::first_organization`] for a node's own).
    pub(crate) fn organizations_of(&self, ix: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        self.out_edges(ix)
            .filter(|(e, _)| self.edge(*e).relation == Relation::DevelopedBy)
            .map(|(_, t)| t)
    }

    /// What organization `org` developed: its incoming `developed_by` edges, as (edge, node).
    pub(crate) fn developed(&self, org: NodeIx) -> impl Iterator<Item = (EdgeIx, NodeIx)> + '_ {
        self.in_edges(org)
            .filter(|(e, _)| self.edge(*e).relation == Relation::DevelopedBy)
    }

    /// Whether node `ix` was developed by `org`.
    pub(crate) fn developed_by(&self, ix: NodeIx, org: NodeIx) -> bool {
        self.organizations_of(ix).any(|o| o == org)
    }

    /// The node's organization: for an organization itself; otherwise the `developed_by` target
    /// with the smallest id.
    #[inline]
    pub(crate) fn first_organization(&self, ix: NodeIx) -> Option<NodeIx> {
        if self.node(ix).kind == NodeKind::Organization {
            return Some(ix);
        }
        self.organizations_of(ix)
            .min_by(|a, b| self.node(*a).id.cmp(&self.node(*b).id))
    }

    /// After `self` was cut out of `src` (filters, query answers): every node whose organization
    /// did not come along keeps its id as the [`KnownAttr::RememberedOrganization`] attribute, so drawings keep
    /// their colours and tables still say who made it; the graph keeps the label of each such
    /// organization ([`Graph::remembered_org_label`]) for the drawings' legends.
    pub(crate) fn remember_organizations(&mut self, src: &Graph) {
        let missing: Vec<(NodeIx, NodeIx)> = self
            .node_indices()
            .filter(|&ix| {
                self.node(ix).kind != NodeKind::Organization
                    && self.first_organization(ix).is_none()
            })
            .filter_map(|ix| {
                let from = src.index_of(&self.node(ix).id)?;
                Some((ix, src.first_organization(from)?))
            })
            .collect();
        for (ix, org) in missing {
            let org = src.node(org);
            self.remembered_orgs
                .entry(org.id.to_string())
                .or_insert_with(|| org.label.to_string());
            let n = self.node_mut(ix);
            if n.known_attr(KnownAttr::RememberedOrganization).is_none() {
                let id = AttrValue::Text(org.id.as_str().into());
                n.set_known_attr(KnownAttr::RememberedOrganization, id);
            }
        }
    }

    /// The label of an organization that is not in the graph but that nodes remember by `id`
    /// ([`Graph::remember_organizations`]); `None` when the graph never knew it (a file read
    /// back names the id alone).
    pub(crate) fn remembered_org_label(&self, id: &str) -> Option<&str> {
        self.remembered_orgs.get(id).map(String::as_str)
    }

    /// The lineage edges leaving `ix` (towards what it derives from), as (edge, target).
    pub(crate) fn lineage_out(&self, ix: NodeIx) -> impl Iterator<Item = (EdgeIx, NodeIx)> + '_ {
        self.inner
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| e.weight().relation.is_lineage())
            .map(|e| (e.id(), e.target()))
    }

    /// Each node's kind (by node index), in one pass in storage order.
    pub(crate) fn kinds(&self) -> Vec<NodeKind> {
        self.inner
            .raw_nodes()
            .iter()
            .map(|n| n.weight.kind)
            .collect()
    }

    /// Whether a family edge leaves each node (by node index). `kinds` is [`Graph::kinds`].
    pub(crate) fn derives(&self, kinds: &[NodeKind]) -> Vec<bool> {
        let mut derives = vec![false; kinds.len()];
        for (s, _) in self.family_edges(kinds) {
            derives[s] = true;
        }
        derives
    }

    /// Models that derive from no other model, sorted by id.
    pub(crate) fn roots(&self) -> Vec<NodeIx> {
        let kinds = self.kinds();
        let derives = self.derives(&kinds);
        let mut r: Vec<NodeIx> = self
            .node_indices()
            .filter(|&ix| kinds[ix.index()] == NodeKind::Model && !derives[ix.index()])
            .collect();
        r.sort_by(|a, b| self.node(*a).id.cmp(&self.node(*b).id));
        r
    }

    /// How many nodes and edges each source asserts, and how many edges two or more sources
    /// agree on.
    pub(crate) fn source_counts(&self) -> SourceCounts {
        let mut c = SourceCounts::default();
        for n in self.inner.raw_nodes() {
            let n = &n.weight;
            if n.also.is_empty() {
                *c.nodes.entry(n.origin.source).or_default() += 1;
            } else {
                for s in n.sources() {
                    *c.nodes.entry(s).or_default() += 1;
                }
            }
        }
        for e in self.inner.raw_edges() {
            let e = &e.weight;
            if e.also.is_empty() {
                *c.edges.entry(e.evidence.source).or_default() += 1;
                continue;
            }
            let sources = e.sources();
            c.agreed_edges += usize::from(sources.len() > 1);
            for s in sources {
                *c.edges.entry(s).or_default() += 1;
            }
        }
        c
    }
}

/// What [`Graph::source_counts`] counts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct SourceCounts {
    /// Nodes each source names, by source.
    pub nodes: BTreeMap<Name, usize>,
    /// Edges each source asserts, by source.
    pub edges: BTreeMap<Name, usize>,
    /// Edges that two or more sources assert.
    pub agreed_edges: usize,
}
