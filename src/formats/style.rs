//! What every drawing format agrees on: a node's organization and its colour, shapes by kind,
//! line styles by relation, and the descendant counts that size nodes.

use crate::graph::{Graph, NodeIx};
use crate::model::{NodeKind, Relation};

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A colour-blind-friendly qualitative palette (Okabe–Ito, then Tableau 10).
const PALETTE: [Rgb; 16] = [
    Rgb(0xE6, 0x9F, 0x00),
    Rgb(0x56, 0xB4, 0xE9),
    Rgb(0x00, 0x9E, 0x73),
    Rgb(0xF0, 0xE4, 0x42),
    Rgb(0x00, 0x72, 0xB2),
    Rgb(0xD5, 0x5E, 0x00),
    Rgb(0xCC, 0x79, 0xA7),
    Rgb(0x4E, 0x79, 0xA7),
    Rgb(0xF2, 0x8E, 0x2B),
    Rgb(0xE1, 0x57, 0x59),
    Rgb(0x76, 0xB7, 0xB2),
    Rgb(0x59, 0xA1, 0x4F),
    Rgb(0xED, 0xC9, 0x48),
    Rgb(0xB0, 0x7A, 0xA1),
    Rgb(0xFF, 0x9D, 0xA7),
    Rgb(0x9C, 0x75, 0x5F),
];

/// The colour of nodes with no organization.
pub(crate) const NO_ORG: Rgb = Rgb(0xBB, 0xBB, 0xBB);

/// A stable colour for an organization id (FNV-1a of the id, so it never changes between runs).
pub(crate) fn org_color(org_id: &str) -> Rgb {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in org_id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    PALETTE[(h % PALETTE.len() as u64) as usize]
}

/// Every node's organizations (`developed_by` targets), sorted by id, in one pass over the edges.
/// The first of each is [`Graph::first_organization`] (which, for an organization, is itself).
pub(crate) fn organizations(g: &Graph) -> Organizations {
    let n = g.node_count();
    let developed = || {
        g.inner()
            .raw_edges()
            .iter()
            .filter(|e| e.weight.relation == Relation::DevelopedBy)
    };
    let mut start = vec![0u32; n + 1];
    for e in developed() {
        start[e.source().index() + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut list = vec![NodeIx::end(); start[n] as usize];
    let mut fill = start.clone();
    for e in developed() {
        let s = e.source().index();
        list[fill[s] as usize] = e.target();
        fill[s] += 1;
    }
    let mut len = vec![0u32; n];
    for (i, l) in len.iter_mut().enumerate() {
        let own = &mut list[start[i] as usize..start[i + 1] as usize];
        if own.len() > 1 {
            own.sort_by(|a, b| g.node(*a).id.cmp(&g.node(*b).id));
        }
        // the same organization twice (two equal edges from an import) counts once
        let mut kept = 0;
        for k in 0..own.len() {
            if k == 0 || own[k] != own[kept - 1] {
                own[kept] = own[k];
                kept += 1;
            }
        }
        *l = kept as u32;
    }
    Organizations { start, len, list }
}

/// Every node's organizations, in compressed rows: one list for the whole graph.
pub(crate) struct Organizations {
    start: Vec<u32>,
    len: Vec<u32>,
    list: Vec<NodeIx>,
}

impl Organizations {
    /// Node `ix`'s organizations, sorted by id.
    pub(crate) fn of(&self, ix: NodeIx) -> &[NodeIx] {
        let s = self.start[ix.index()] as usize;
        &self.list[s..s + self.len[ix.index()] as usize]
    }

    /// Starts fetching what a drawing format reads for node `ix` at `stage` (see
    /// [`Graph::warm_node`]): the node, its organizations and its descendant count.
    #[inline]
    pub(crate) fn warm_with_counts(
        &self,
        g: &Graph,
        ix: NodeIx,
        stage: usize,
        descendants: &[u64],
    ) {
        g.warm_node(ix, stage);
        if stage == 1 {
            self.warm(ix);
            if let Some(count) = descendants.get(ix.index()) {
                crate::graph::prefetch(count);
            }
        }
    }

    /// Starts fetching what [`Organizations::of`] reads for `ix`.
    #[inline]
    pub(crate) fn warm(&self, ix: NodeIx) {
        if let (Some(s), Some(l)) = (self.start.get(ix.index()), self.len.get(ix.index())) {
            crate::graph::prefetch(s);
            crate::graph::prefetch(l);
        }
    }
}

/// The fill colour of a node: its organization's.
pub fn node_color(g: &Graph, ix: NodeIx) -> Rgb {
    color_for(g, ix, g.first_organization(ix))
}

/// The colour of node `ix` whose organization is `org`: that organization's, or, where the
/// organization was filtered out of the graph, the one [`Graph::remember_organizations`] noted.
pub(crate) fn color_for(g: &Graph, ix: NodeIx, org: Option<NodeIx>) -> Rgb {
    match org {
        Some(o) => org_color(&g.node(o).id),
        None => match g
            .node(ix)
            .known_attr(crate::model::KnownAttr::RememberedOrganization)
        {
            Some(crate::model::AttrValue::Text(id)) => org_color(id),
            _ => NO_ORG,
        },
    }
}

/// Graphviz shape by kind.
pub(crate) fn dot_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Model => "box",
        NodeKind::Organization => "ellipse",
        NodeKind::Method => "diamond",
        NodeKind::Dataset => "cylinder",
        NodeKind::Application => "component",
    }
}

/// Graphviz line style by relation, and whether it is drawn in the legend's words.
pub(crate) fn dot_edge_style(r: Relation) -> (&'static str, &'static str) {
    // (style, colour)
    match r {
        Relation::FineTunedFrom => ("solid", "#333333"),
        Relation::DerivedFrom => ("bold", "#0072B2"),
        Relation::SuccessorOf => ("dashed", "#009E73"),
        Relation::VariantOf => ("dotted", "#666666"),
        Relation::QuantizedFrom => ("dotted", "#CC79A7"),
        Relation::AdapterOf => ("dashed", "#E69F00"),
        Relation::MergedFrom => ("bold", "#D55E00"),
        Relation::BuiltOn => ("dashed", "#56B4E9"),
        Relation::DevelopedBy => ("dotted", "#999999"),
        Relation::TrainedWith => ("dashed", "#AA4499"),
        Relation::Extends => ("solid", "#AA4499"),
        Relation::TrainedOn => ("dashed", "#117733"),
        Relation::Uses => ("dotted", "#882255"),
    }
}

/// The nodes sorted by id and [`descendant_counts`], worked out side by side (both drawing
/// formats need both before their first node).
pub(crate) fn sorted_with_counts(g: &Graph) -> (Vec<crate::graph::NodeIx>, Vec<u64>) {
    rayon::join(|| g.nodes_sorted(), || descendant_counts(g))
}

/// For every node, how many nodes derive from it through lineage relations
/// ([`Graph::descendant_counts`]).
pub fn descendant_counts(g: &Graph) -> Vec<u64> {
    g.descendant_counts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_colours_are_stable() {
        assert_eq!(org_color("meta-ai"), org_color("meta-ai"));
    }
}
