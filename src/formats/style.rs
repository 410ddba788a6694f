//! What every drawing format agrees on: a node's organization and its colour, shapes by kind,
//! line styles by relation, and the descendant counts that size nodes.

use crate::graph::{Graph, NodeIx};
use crate::model::{NodeKind, Relation};

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour of nodes with no organization.
pub(crate) const NO_ORG: Rgb = Rgb(0xBB, 0xBB, 0xBB);

/// The drawings' organization colours, light enough for black labels and told apart with the
/// common colour-vision deficiencies as far as twelve colours can be: Paul Tol's "light" scheme
/// (less its grey), then gold, lavender and tan.
pub(crate) const ORG_PALETTE: [Rgb; 12] = [
    Rgb(0x77, 0xAA, 0xDD),
    Rgb(0xEE, 0x88, 0x66),
    Rgb(0xEE, 0xDD, 0x88),
    Rgb(0xFF, 0xAA, 0xBB),
    Rgb(0x99, 0xDD, 0xFF),
    Rgb(0x44, 0xBB, 0x99),
    Rgb(0xBB, 0xCC, 0x33),
    Rgb(0xAA, 0xAA, 0x00),
    Rgb(0xE6, 0x9F, 0x00),
    Rgb(0xCC, 0xBB, 0xEE),
    Rgb(0xD4, 0xB4, 0x83),
    Rgb(0x66, 0xCC, 0xCC),
];

/// The colour of every organization past the palette's: one neutral "other".
pub(crate) const OTHER_ORG: Rgb = Rgb(0xE4, 0xE4, 0xE4);

/// The organization colours of one graph, worked out once from the whole graph loaded and
/// handed to every drawing of it or of a part of it (DOT, `render`, Mermaid, the page, GEXF), so an
/// organization keeps its colour from one picture to the next: the organizations that made the
/// most nodes (organizations themselves not counted; a node whose organization was filtered out
/// counts for the one it remembers) get [`ORG_PALETTE`]'s colours in that order (ties broken by
/// id), the rest [`OTHER_ORG`]. A node takes the colour of its best-ranked organization (in the
/// graph the palette was made for, also when a filter dropped that organization), [`NO_ORG`]
/// when it has none; an organization its own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Palette {
    /// The coloured organizations' ids, in palette order.
    ranked: Vec<String>,
    /// The palette place of the nodes with several organizations whose best-ranked one is not
    /// the one they would remember when cut from it (the one with the smallest id), by node id.
    best: std::collections::HashMap<String, Option<usize>>,
}

impl Palette {
    /// The assignment for `g`, the whole graph as loaded.
    pub(crate) fn of(g: &Graph) -> Palette {
        let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut own: Vec<&str> = Vec::new();
        let mut multi = Vec::new();
        for ix in g.inner().node_indices() {
            if g.node(ix).kind == NodeKind::Organization {
                continue;
            }
            orgs_of(g, ix, &mut own);
            for id in &own {
                *count.entry(id).or_default() += 1;
            }
            if own.len() > 1 {
                multi.push(ix);
            }
        }
        let mut counts: Vec<(&str, usize)> = count.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        counts.truncate(ORG_PALETTE.len());
        let mut palette = Palette {
            ranked: counts.iter().map(|&(id, _)| id.to_string()).collect(),
            best: Default::default(),
        };
        for ix in multi {
            orgs_of(g, ix, &mut own);
            let best = own.iter().filter_map(|id| palette.rank(id)).min();
            let first = own.iter().min().and_then(|id| palette.rank(id));
            if best != first {
                palette.best.insert(g.node(ix).id.to_string(), best);
            }
        }
        palette
    }

    /// `palette` (the whole graph's, for a part of it), or `g`'s own where none is given.
    pub(crate) fn given_or_own<'p>(
        palette: Option<&'p Palette>,
        g: &Graph,
    ) -> std::borrow::Cow<'p, Palette> {
        match palette {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => std::borrow::Cow::Owned(Palette::of(g)),
        }
    }

    /// Organization `id`'s place among the coloured ones.
    fn rank(&self, id: &str) -> Option<usize> {
        self.ranked.iter().position(|r| r == id)
    }

    /// The colour of organization `id`.
    pub(crate) fn org(&self, id: &str) -> Rgb {
        self.rank(id).map_or(OTHER_ORG, |k| ORG_PALETTE[k])
    }

    /// The palette place of node `ix` of `g` (the graph the palette was made for, or a part of
    /// it): `Some(Some(k))` for [`ORG_PALETTE`]'s `k`-th colour, `Some(None)` for
    /// [`OTHER_ORG`], `None` for a node with no organization.
    pub(crate) fn place(&self, g: &Graph, ix: NodeIx) -> Option<Option<usize>> {
        let n = g.node(ix);
        if n.kind == NodeKind::Organization {
            return Some(self.rank(&n.id));
        }
        if let Some(&best) = self.best.get(n.id.as_str()) {
            return Some(best);
        }
        let mut own = Vec::new();
        orgs_of(g, ix, &mut own);
        if own.is_empty() {
            return None;
        }
        Some(own.iter().filter_map(|id| self.rank(id)).min())
    }

    /// The colour of node `ix` of `g` (see [`Palette::place`]).
    pub(crate) fn node(&self, g: &Graph, ix: NodeIx) -> Rgb {
        match self.place(g, ix) {
            Some(Some(k)) => ORG_PALETTE[k],
            Some(None) => OTHER_ORG,
            None => NO_ORG,
        }
    }
}

/// The colours of one drawing: a [`Palette`] (the whole graph's, or the drawn graph's own when
/// none is given) with what the drawn graph's legend lists: the coloured organizations that
/// colour a drawn node, in palette order, with how many nodes each made there; how many other
/// organizations share the neutral colour; how many nodes have no organization.
pub(crate) struct Colors {
    palette: Palette,
    /// The coloured organizations' ids with how many drawn nodes each made, in palette order.
    ranked: Vec<(String, usize)>,
    /// How many organizations made something drawn but have the neutral colour, and how many
    /// drawn nodes have it.
    others: (usize, usize),
    /// How many nodes (organizations aside) have no organization.
    none: usize,
}

impl Colors {
    /// The colours of `g` drawn on its own.
    pub(crate) fn of(g: &Graph) -> Colors {
        Colors::with(g, Palette::of(g))
    }

    /// The colours of `g` drawn with `palette` (made for the graph `g` was cut from), or its own
    /// when none is given.
    pub(crate) fn for_drawing(g: &Graph, palette: Option<&Palette>) -> Colors {
        match palette {
            Some(p) => Colors::with(g, p.clone()),
            None => Colors::of(g),
        }
    }

    /// The colours of `g` drawn with `palette`.
    fn with(g: &Graph, palette: Palette) -> Colors {
        let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let (mut none, mut other_nodes) = (0, 0);
        let mut own: Vec<&str> = Vec::new();
        for ix in g.inner().node_indices() {
            if g.node(ix).kind == NodeKind::Organization {
                continue;
            }
            orgs_of(g, ix, &mut own);
            // the organization that colours it in the whole graph, which the part may not hold
            if let Some(Some(k)) = palette.best.get(g.node(ix).id.as_str())
                && !own.contains(&palette.ranked[*k].as_str())
            {
                own.push(&palette.ranked[*k]);
            }
            for id in &own {
                *count.entry(id).or_default() += 1;
            }
            match palette.place(g, ix) {
                None => none += 1,
                Some(None) => other_nodes += 1,
                Some(Some(_)) => {}
            }
        }
        let mut ranked: Vec<(String, usize)> = Vec::new();
        let mut other_orgs = 0;
        for (id, n) in count {
            match palette.rank(id) {
                Some(_) => ranked.push((id.to_string(), n)),
                None => other_orgs += 1,
            }
        }
        ranked.sort_by_key(|(id, _)| palette.rank(id));
        Colors {
            palette,
            ranked,
            others: (other_orgs, other_nodes),
            none,
        }
    }

    /// The colour of organization `id`.
    pub(crate) fn org(&self, id: &str) -> Rgb {
        self.palette.org(id)
    }

    /// The colour of node `ix` of `g` (the drawn graph).
    pub(crate) fn node(&self, g: &Graph, ix: NodeIx) -> Rgb {
        self.palette.node(g, ix)
    }

    /// How many nodes (organizations aside) have no organization.
    pub(crate) fn without(&self) -> usize {
        self.none
    }

    /// The coloured organizations that made a drawn node, in palette order, with how many
    /// drawn nodes each made.
    pub(crate) fn colored(&self) -> &[(String, usize)] {
        &self.ranked
    }

    /// The organizations coloured [`OTHER_ORG`] that made a drawn node: how many, and how many
    /// drawn nodes have that colour.
    pub(crate) fn others(&self) -> (usize, usize) {
        self.others
    }
}

/// The ids of node `ix`'s organizations into `out` (cleared first, no repeats): its
/// `developed_by` targets, else the one it remembers.
fn orgs_of<'a>(g: &'a Graph, ix: NodeIx, out: &mut Vec<&'a str>) {
    out.clear();
    for o in g.organizations_of(ix) {
        let id = g.node(o).id.as_str();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty()
        && let Some(crate::model::AttrValue::Text(id)) = g
            .node(ix)
            .known_attr(crate::model::KnownAttr::RememberedOrganization)
    {
        out.push(id.as_str());
    }
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
pub(crate) fn descendant_counts(g: &Graph) -> Vec<u64> {
    g.descendant_counts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_organizations_get_distinct_colours_and_the_rest_one_other() {
        use crate::model::{Edge, Evidence, Node};
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        // organization k made 20 - k models
        for k in 0..15 {
            let org = g
                .add_node(Node::new(
                    format!("org{k:02}"),
                    format!("Org {k}"),
                    NodeKind::Organization,
                    ev.clone(),
                ))
                .unwrap();
            for m in 0..20 - k {
                let id = format!("m{k}-{m}");
                let model = g
                    .add_node(Node::new(id.clone(), id, NodeKind::Model, ev.clone()))
                    .unwrap();
                g.add_edge(model, org, Edge::new(Relation::DevelopedBy, ev.clone()));
            }
        }
        let c = Colors::of(&g);
        let colours: std::collections::BTreeSet<String> = (0..12)
            .map(|k| c.org(&format!("org{k:02}")).hex())
            .collect();
        assert_eq!(colours.len(), 12);
        assert_eq!(c.org("org00"), ORG_PALETTE[0]);
        assert_eq!(c.org("org12"), OTHER_ORG);
        assert_eq!(c.others(), (3, 8 + 7 + 6));
        let last = g.index_of("m14-0").unwrap();
        assert_eq!(c.node(&g, last), OTHER_ORG);
        let first = g.index_of("m0-0").unwrap();
        assert_eq!(c.node(&g, first), ORG_PALETTE[0]);
        assert_eq!(c.colored()[0], ("org00".to_string(), 20));
    }

    #[test]
    fn a_part_keeps_the_whole_graphs_colours_and_a_node_its_best_organization() {
        use crate::model::{Edge, Evidence, Node};
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let add = |g: &mut Graph, id: &str, kind| {
            g.add_node(Node::new(id.to_string(), id.to_string(), kind, ev.clone()))
                .unwrap()
        };
        let (a, z) = (
            add(&mut g, "a-org", NodeKind::Organization),
            add(&mut g, "z-org", NodeKind::Organization),
        );
        // z-org made three models, a-org one, made with z-org too
        let both = add(&mut g, "both", NodeKind::Model);
        for m in ["z1", "z2", "z3"] {
            let m = add(&mut g, m, NodeKind::Model);
            g.add_edge(m, z, Edge::new(Relation::DevelopedBy, ev.clone()));
        }
        g.add_edge(both, a, Edge::new(Relation::DevelopedBy, ev.clone()));
        g.add_edge(both, z, Edge::new(Relation::DevelopedBy, ev.clone()));
        let palette = Palette::of(&g);
        assert_eq!(palette.org("z-org"), ORG_PALETTE[0]);
        assert_eq!(palette.node(&g, both), ORG_PALETTE[0]);
        // without the organizations, "both" remembers a-org (the first by id) but keeps z-org's
        // colour; drawn on its own, the part would give it a-org's
        let filter = crate::filter::Filter {
            no_orgs: true,
            ..Default::default()
        };
        let part = filter.apply(&g);
        let ix = part.index_of("both").unwrap();
        let colors = Colors::for_drawing(&part, Some(&palette));
        assert_eq!(colors.node(&part, ix), ORG_PALETTE[0]);
        // the legend counts "both" for z-org, whose colour it has, though it remembers a-org
        assert_eq!(colors.colored()[0], ("z-org".to_string(), 4));
        assert_eq!(Colors::of(&part).node(&part, ix), ORG_PALETTE[1]);
        // a part holding a-org alone: first on its own, second as the whole graph ranks it
        let alone = g.filtered(|ix, _| ix == both || ix == a, |_, _| true);
        assert_eq!(Colors::of(&alone).org("a-org"), ORG_PALETTE[0]);
        let colors = Colors::for_drawing(&alone, Some(&palette));
        assert_eq!(colors.org("a-org"), ORG_PALETTE[1]);
        // "both" keeps z-org's colour, so the legend names z-org though the part lacks it
        let legend = [("z-org".to_string(), 1), ("a-org".to_string(), 1)];
        assert_eq!(colors.colored(), legend);
    }
}
