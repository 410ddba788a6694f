//! What every drawing format agrees on: a node's organization and its colour, shapes by kind,
//! line styles by relation, and the descendant counts that size nodes.

use crate::graph::{Graph, NodeIx};
use crate::model::{NodeKind, Relation};
use petgraph::Direction;
use petgraph::visit::EdgeRef;

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
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
pub const NO_ORG: Rgb = Rgb(0xBB, 0xBB, 0xBB);

/// A stable colour for an organization id (FNV-1a of the id, so it never changes between runs).
pub fn org_color(org_id: &str) -> Rgb {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in org_id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    PALETTE[(h % PALETTE.len() as u64) as usize]
}

/// Every node's organizations (`developed_by` targets), sorted by id, in one pass over the edges.
/// The first of each is [`Graph::first_organization`] (which, for an organization, is itself).
pub fn organizations(g: &Graph) -> Organizations {
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
pub struct Organizations {
    start: Vec<u32>,
    len: Vec<u32>,
    list: Vec<NodeIx>,
}

impl Organizations {
    /// Node `ix`'s organizations, sorted by id.
    pub fn of(&self, ix: NodeIx) -> &[NodeIx] {
        let s = self.start[ix.index()] as usize;
        &self.list[s..s + self.len[ix.index()] as usize]
    }

    /// Starts fetching what a drawing format reads for node `ix` at `stage` (see
    /// [`Graph::warm_node`]): the node, its organizations and its descendant count.
    #[inline]
    /// The ids of node `ix`'s organizations, for a list: held in `few` when there are at most
    /// four (most nodes have one), so writing a million nodes allocates no list.
    pub fn ids<'a, 'g>(
        &self,
        g: &'g Graph,
        ix: NodeIx,
        few: &'a mut [&'g str; 4],
        many: &'a mut Vec<&'g str>,
    ) -> &'a [&'g str] {
        let own = self.of(ix);
        if own.len() <= few.len() {
            for (slot, &o) in few.iter_mut().zip(own) {
                *slot = &g.node(o).id;
            }
            &few[..own.len()]
        } else {
            many.clear();
            many.extend(own.iter().map(|&o| g.node(o).id.as_str()));
            many
        }
    }

    pub fn warm_with_counts(&self, g: &Graph, ix: NodeIx, stage: usize, descendants: &[u64]) {
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
    pub fn warm(&self, ix: NodeIx) {
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
pub fn color_for(g: &Graph, ix: NodeIx, org: Option<NodeIx>) -> Rgb {
    match org {
        Some(o) => org_color(&g.node(o).id),
        None => match g.node(ix).attrs.get(crate::graph::REMEMBERED_ORG) {
            Some(crate::model::AttrValue::Text(id)) => org_color(id),
            _ => NO_ORG,
        },
    }
}

/// Graphviz shape by kind.
pub fn dot_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Model => "box",
        NodeKind::Organization => "ellipse",
        NodeKind::Method => "diamond",
    }
}

/// Graphviz line style by relation, and whether it is drawn in the legend's words.
pub fn dot_edge_style(r: Relation) -> (&'static str, &'static str) {
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
    }
}

/// The nodes sorted by id and [`descendant_counts`], worked out at once on two threads (both
/// drawing formats need both before their first node).
pub fn sorted_with_counts(g: &Graph) -> (Vec<crate::graph::NodeIx>, Vec<u64>) {
    std::thread::scope(|s| {
        let counts = s.spawn(|| descendant_counts(g));
        let nodes = g.nodes_sorted();
        (nodes, counts.join().expect("the counting thread panicked"))
    })
}

/// For every node, how many nodes derive from it through lineage relations, counted along
/// each path (exact on trees; a model merged from several parents counts once under each).
/// Chains of merges multiply paths, so a count that would pass `i64::MAX` (the largest value of
/// the `long` the XML formats declare for it) stays there.
/// Linear time: children before parents (Kahn's order) over a compact copy of the lineage
/// edges, so a million nodes cost a few sequential passes; cycles do not loop.
pub fn descendant_counts(g: &Graph) -> Vec<u64> {
    let inner = g.inner();
    let n = inner.node_count();
    let lineage = || {
        inner
            .raw_edges()
            .iter()
            .filter(|e| e.weight.relation.is_lineage())
            .map(|e| (e.source().index(), e.target().index()))
    };
    // each node's parents, grouped by child (compressed rows), and its count of children
    let mut start = vec![0u32; n + 1];
    let mut waiting = vec![0u32; n];
    for (child, parent) in lineage() {
        start[child + 1] += 1;
        waiting[parent] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut parents = vec![0u32; start[n] as usize];
    let mut fill = start.clone();
    for (child, parent) in lineage() {
        parents[fill[child] as usize] = parent as u32;
        fill[child] += 1;
    }
    drop(fill);
    let mut count = vec![0u64; n];
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&i| waiting[i as usize] == 0)
        .collect();
    let mut next = 0;
    while let Some(&child) = order.get(next) {
        next += 1;
        let c = child as usize;
        for &p in &parents[start[c] as usize..start[c + 1] as usize] {
            let p = p as usize;
            count[p] = counted_with(count[p], count[c]);
            waiting[p] -= 1;
            if waiting[p] == 0 {
                order.push(p as u32);
            }
        }
    }
    if order.len() == n {
        return count;
    }
    // a lineage cycle leaves nodes waiting: count along paths, cutting each cycle once
    descendant_counts_on_paths(g)
}

/// A descendant count with a child's count and the child itself added, kept at `i64::MAX` at
/// the most.
fn counted_with(count: u64, child: u64) -> u64 {
    const MOST: u64 = i64::MAX as u64;
    count.saturating_add(child).saturating_add(1).min(MOST)
}

/// [`descendant_counts`] for graphs with lineage cycles: an iterative post-order from every
/// node, where an edge back into the current path counts nothing.
fn descendant_counts_on_paths(g: &Graph) -> Vec<u64> {
    let inner = g.inner();
    let n = inner.node_count();
    let mut count = vec![0u64; n];
    // iterative post-order over incoming lineage edges (children), from every node
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut stack: Vec<(NodeIx, bool)> = Vec::new();
    for start in inner.node_indices() {
        if state[start.index()] != 0 {
            continue;
        }
        stack.push((start, false));
        while let Some((ix, expanded)) = stack.pop() {
            if expanded {
                let mut total = 0u64;
                for e in inner.edges_directed(ix, Direction::Incoming) {
                    if e.weight().relation.is_lineage() && state[e.source().index()] == 2 {
                        total = counted_with(total, count[e.source().index()]);
                    }
                }
                count[ix.index()] = total;
                state[ix.index()] = 2;
                continue;
            }
            if state[ix.index()] != 0 {
                continue;
            }
            state[ix.index()] = 1;
            stack.push((ix, true));
            for e in inner.edges_directed(ix, Direction::Incoming) {
                if e.weight().relation.is_lineage() && state[e.source().index()] == 0 {
                    stack.push((e.source(), false));
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Node, slug};

    #[test]
    fn counts_descendants_of_a_chain_and_a_fork() {
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let ix: Vec<NodeIx> = ["a", "b", "c", "d"]
            .iter()
            .map(|n| {
                g.add_node(Node::new(
                    slug(n),
                    n.to_string(),
                    NodeKind::Model,
                    ev.clone(),
                ))
                .unwrap()
            })
            .collect();
        let e = |r| Edge {
            relation: r,
            evidence: ev.clone(),
        };
        g.add_edge(ix[1], ix[0], e(Relation::FineTunedFrom));
        g.add_edge(ix[2], ix[1], e(Relation::DerivedFrom));
        g.add_edge(ix[3], ix[0], e(Relation::SuccessorOf));
        let c = descendant_counts(&g);
        assert_eq!(c, vec![3, 1, 0, 0]);
        assert_eq!(org_color("meta-ai"), org_color("meta-ai"));
    }

    #[test]
    fn the_fast_count_agrees_with_the_path_count_on_dags_with_merges() {
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let n = 300;
        let ix: Vec<NodeIx> = (0..n)
            .map(|i| {
                g.add_node(Node::new(
                    format!("m{i}"),
                    format!("m{i}"),
                    NodeKind::Model,
                    ev.clone(),
                ))
                .unwrap()
            })
            .collect();
        // a fixed pseudo-random DAG: each node derives from up to three earlier nodes
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 1..n {
            for _ in 0..(next() % 4) {
                let p = (next() % i as u64) as usize;
                let relation = if next() % 5 == 0 {
                    Relation::DevelopedBy
                } else {
                    Relation::MergedFrom
                };
                g.add_edge(
                    ix[i],
                    ix[p],
                    Edge {
                        relation,
                        evidence: ev.clone(),
                    },
                );
            }
        }
        let fast = descendant_counts(&g);
        assert!(fast.iter().any(|&c| c > 10), "the DAG has deep families");
        assert_eq!(fast, descendant_counts_on_paths(&g));
        // a cycle sends the count down the path-following way, and it ends
        g.add_edge(
            ix[0],
            ix[n - 1],
            Edge {
                relation: Relation::DerivedFrom,
                evidence: ev.clone(),
            },
        );
        let cyclic = descendant_counts(&g);
        assert_eq!(cyclic, descendant_counts_on_paths(&g));
        assert_eq!(cyclic.len(), n);
    }

    #[test]
    fn counts_along_paths_stop_at_the_largest_long() {
        // each model merged from the two before it: the paths from the root grow like Fibonacci
        // numbers and pass i64::MAX after about 90 levels
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let n = 200;
        let ix: Vec<NodeIx> = (0..n)
            .map(|i| {
                let node = Node::new(
                    format!("m{i}"),
                    format!("m{i}"),
                    NodeKind::Model,
                    ev.clone(),
                );
                g.add_node(node).unwrap()
            })
            .collect();
        for i in 2..n {
            for p in [i - 1, i - 2] {
                let edge = Edge {
                    relation: Relation::MergedFrom,
                    evidence: ev.clone(),
                };
                g.add_edge(ix[i], ix[p], edge);
            }
        }
        let fast = descendant_counts(&g);
        assert_eq!(fast[0], i64::MAX as u64);
        assert_eq!(fast[n - 1], 0);
        assert_eq!(fast[n - 2], 1);
        assert_eq!(fast[n - 3], 3);
        assert_eq!(fast, descendant_counts_on_paths(&g));
    }
}
