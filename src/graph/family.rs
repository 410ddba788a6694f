//! What a family is, once for every layer that speaks of families (`stats`, `family`, the
//! `--family` filter, the drawing limits, the DOT layout and the page): the models joined by
//! lineage edges, and the methods joined by lineage edges.
//!
//! - **Family edges** are the lineage edges ([`Relation::is_lineage`]: not `uses`, `trained_on`,
//!   `trained_with` nor `developed_by`) from a model to a model or from a method to a method. A
//!   model `built_on` an architecture (a method) stays a root of its own family.
//! - **A family** is a weakly connected component of the family edges: each model and each method
//!   is in exactly one (a model that nothing joins is a family of one). Datasets, applications
//!   and organizations are in none, whatever links them; each drawing places them on its own.
//! - **Its name** is its root (a member that derives from no member) with the most descendants
//!   ([`Graph::descendant_counts`]), then the smallest id; a family with no root (every member on
//!   a lineage cycle) is named by its member with the most descendants, then the smallest id.
//! - **Families are ordered** largest first (most members), then by their name's id.

use super::{Graph, NodeIx};
use crate::model::{NodeKind, Relation};
use foldhash::fast::FixedState;
use petgraph::Direction;
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use std::cmp::Reverse;
use std::collections::HashSet;

/// Whether nodes of this kind make families: models and methods.
pub(crate) fn makes_families(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Model | NodeKind::Method)
}

/// Why node `ix` has no family, in one sentence: "OASST1 is a dataset: only models and methods
/// belong to a family".
pub(crate) fn no_family(g: &Graph, ix: NodeIx) -> String {
    let n = g.node(ix);
    let article = match n.kind {
        NodeKind::Organization | NodeKind::Application => "an",
        _ => "a",
    };
    format!(
        "{} is {article} {}: only models and methods belong to a family",
        n.label, n.kind
    )
}

/// Whether an edge of `relation` from a node of kind `from` to one of kind `to` joins a family.
fn joins(relation: Relation, from: NodeKind, to: NodeKind) -> bool {
    relation.is_lineage() && from == to && makes_families(from)
}

/// The families of a graph (see the module documentation), largest first.
#[derive(Debug, Clone)]
pub(crate) struct Families {
    /// Each node's family (a position in the order), by node index; `u32::MAX` for none.
    of: Vec<u32>,
    /// The members, family after family (in node-index order inside one).
    members: Vec<NodeIx>,
    /// Where each family starts in `members`, and the end of the last.
    start: Vec<u32>,
    /// Each family's name.
    names: Vec<NodeIx>,
}

impl Families {
    /// How many families there are.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The member that names family `f`.
    pub(crate) fn name(&self, f: usize) -> NodeIx {
        self.names[f]
    }

    /// The members of family `f`, in node-index order.
    pub(crate) fn members(&self, f: usize) -> &[NodeIx] {
        &self.members[self.start[f] as usize..self.start[f + 1] as usize]
    }

    /// How many members family `f` has.
    pub(crate) fn size(&self, f: usize) -> usize {
        (self.start[f + 1] - self.start[f]) as usize
    }

    /// The family of node `ix`, or `None` for a node in no family (a dataset, an application, an
    /// organization).
    pub(crate) fn of(&self, ix: NodeIx) -> Option<usize> {
        self.of
            .get(ix.index())
            .copied()
            .filter(|&f| f != u32::MAX)
            .map(|f| f as usize)
    }
}

impl Graph {
    /// The family edges as (source, target) node indices, in storage order: lineage edges from
    /// a model to a model or from a method to a method (see the module documentation). `kinds`
    /// is [`Graph::kinds`].
    pub(crate) fn family_edges<'a>(
        &'a self,
        kinds: &'a [NodeKind],
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.inner
            .raw_edges()
            .iter()
            .map(|e| (e.weight.relation, e.source().index(), e.target().index()))
            .filter(|&(r, s, t)| joins(r, kinds[s], kinds[t]))
            .map(|(_, s, t)| (s, t))
    }

    /// The families of the graph, largest first (see the module documentation). `kinds` is
    /// [`Graph::kinds`], `descendants` is [`Graph::descendant_counts`].
    pub(crate) fn families(&self, kinds: &[NodeKind], descendants: &[u64]) -> Families {
        let n = kinds.len();
        let mut uf = UnionFind::<usize>::new(n);
        for (s, t) in self.family_edges(kinds) {
            uf.union(s, t);
        }
        let derives = self.derives(kinds);
        // each component's representative's provisional family, its size and its name
        let mut slot = vec![u32::MAX; n];
        let mut sizes: Vec<u32> = Vec::new();
        let mut names: Vec<NodeIx> = Vec::new();
        let rank = |i: usize| (!derives[i], descendants[i]);
        for i in (0..n).filter(|&i| makes_families(kinds[i])) {
            let r = uf.find(i);
            if slot[r] == u32::MAX {
                slot[r] = names.len() as u32;
                sizes.push(0);
                names.push(NodeIx::new(i));
            }
            let f = slot[r] as usize;
            sizes[f] += 1;
            let cur = names[f].index();
            let better = rank(i).cmp(&rank(cur)).then_with(|| {
                let id = |i: usize| &self.node(NodeIx::new(i)).id;
                id(cur).cmp(id(i))
            });
            if better.is_gt() {
                names[f] = NodeIx::new(i);
            }
        }
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| {
            Reverse(sizes[a])
                .cmp(&Reverse(sizes[b]))
                .then_with(|| self.node(names[a]).id.cmp(&self.node(names[b]).id))
        });
        let mut position = vec![0u32; order.len()];
        for (p, &f) in order.iter().enumerate() {
            position[f] = p as u32;
        }
        let mut start = vec![0u32; order.len() + 1];
        for (p, &f) in order.iter().enumerate() {
            start[p + 1] = start[p] + sizes[f];
        }
        let mut of = vec![u32::MAX; n];
        let mut fill = start.clone();
        let mut members = vec![NodeIx::new(0); start[order.len()] as usize];
        for i in (0..n).filter(|&i| makes_families(kinds[i])) {
            let p = position[slot[uf.find(i)] as usize];
            of[i] = p;
            members[fill[p as usize] as usize] = NodeIx::new(i);
            fill[p as usize] += 1;
        }
        Families {
            of,
            members,
            start,
            names: order.into_iter().map(|f| names[f]).collect(),
        }
    }

    /// The family of `ix` alone, found by walking it (so a query touches only that family):
    /// its members sorted by id, or `None` when `ix` is in no family. Only the lineage relations
    /// `follows` accepts join it (every one: the family [`Graph::families`] gives).
    pub(crate) fn family(
        &self,
        ix: NodeIx,
        follows: impl Fn(Relation) -> bool,
    ) -> Option<Vec<NodeIx>> {
        let kind = self.node(ix).kind;
        if !makes_families(kind) {
            return None;
        }
        let mut seen: HashSet<NodeIx, FixedState> = HashSet::with_hasher(FixedState::default());
        seen.insert(ix);
        let mut members = vec![ix];
        let mut next = 0;
        while let Some(&u) = members.get(next) {
            next += 1;
            let edges = self
                .inner
                .edges_directed(u, Direction::Outgoing)
                .map(|e| (e.weight().relation, e.target()))
                .chain(
                    self.inner
                        .edges_directed(u, Direction::Incoming)
                        .map(|e| (e.weight().relation, e.source())),
                );
            for (r, v) in edges {
                if follows(r) && joins(r, kind, self.node(v).kind) && seen.insert(v) {
                    members.push(v);
                }
            }
        }
        self.sort_by_id(&mut members);
        Some(members)
    }

    /// The roots of a family (`members`, as [`Graph::family`] gives them, joined by the lineage
    /// relations `follows` accepts): the members that derive from no other member, in the order
    /// of `members`.
    pub(crate) fn family_roots(
        &self,
        members: &[NodeIx],
        follows: impl Fn(Relation) -> bool,
    ) -> Vec<NodeIx> {
        members
            .iter()
            .copied()
            .filter(|&m| {
                !self.out_edges(m).any(|(e, t)| {
                    let r = self.edge(e).relation;
                    t != m && follows(r) && joins(r, self.node(m).kind, self.node(t).kind)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Node};
    use NodeKind::{Dataset, Method, Model, Organization};
    use Relation::{
        BuiltOn, DerivedFrom, DevelopedBy, FineTunedFrom, MergedFrom, SuccessorOf, TrainedOn,
        TrainedWith, Uses,
    };

    /// A graph from `(id, kind)` nodes and `(from, relation, to)` edges.
    fn graph(nodes: &[(&str, NodeKind)], edges: &[(&str, Relation, &str)]) -> Graph {
        let src: crate::model::Name = "test".into();
        let mut g = Graph::new();
        for (id, kind) in nodes {
            let origin = Evidence::at(&src, &src, 1);
            g.add_node(Node::new(id.to_string(), id.to_string(), *kind, origin))
                .unwrap();
        }
        for (from, rel, to) in edges {
            let (s, t) = (g.index_of(from).unwrap(), g.index_of(to).unwrap());
            g.add_edge(s, t, Edge::new(*rel, Evidence::at(&src, &src, 2)));
        }
        g
    }

    fn ids(g: &Graph, nodes: &[NodeIx]) -> Vec<String> {
        let mut v: Vec<String> = nodes.iter().map(|&ix| g.node(ix).id.to_string()).collect();
        v.sort();
        v
    }

    /// Llama's family (alpaca, vicuna) and, linked to it only by what is not lineage, GPT-4
    /// (Alpaca `uses` it as a teacher), Whisper (`trained_on` something Llama made), a dataset
    /// derived from Llama's output, Meta, and the Transformer that Llama is `built_on`.
    fn sample() -> Graph {
        graph(
            &[
                ("llama", Model),
                ("alpaca", Model),
                ("vicuna", Model),
                ("gpt-4", Model),
                ("whisper", Model),
                ("sharegpt", Dataset),
                ("meta", Organization),
                ("transformer", Method),
                ("lora", Method),
                ("qlora", Method),
            ],
            &[
                ("alpaca", FineTunedFrom, "llama"),
                ("vicuna", FineTunedFrom, "llama"),
                ("vicuna", TrainedOn, "sharegpt"),
                ("sharegpt", DerivedFrom, "gpt-4"),
                ("alpaca", Uses, "gpt-4"),
                ("whisper", TrainedOn, "sharegpt"),
                ("llama", DevelopedBy, "meta"),
                ("gpt-4", DevelopedBy, "meta"),
                ("llama", BuiltOn, "transformer"),
                ("alpaca", TrainedWith, "lora"),
                ("qlora", SuccessorOf, "lora"),
            ],
        )
    }

    #[test]
    fn a_model_linked_only_by_uses_or_trained_on_is_not_a_member() {
        let g = sample();
        let ix = |id: &str| g.index_of(id).unwrap();
        let llama = g.family(ix("llama"), Relation::is_lineage).unwrap();
        assert_eq!(ids(&g, &llama), ["alpaca", "llama", "vicuna"]);
        assert_eq!(
            ids(&g, &g.family(ix("gpt-4"), Relation::is_lineage).unwrap()),
            ["gpt-4"]
        );
        assert_eq!(
            ids(&g, &g.family(ix("qlora"), Relation::is_lineage).unwrap()),
            ["lora", "qlora"]
        );
        assert!(g.family(ix("sharegpt"), Relation::is_lineage).is_none());
        assert!(g.family(ix("meta"), Relation::is_lineage).is_none());
        assert_eq!(
            no_family(&g, ix("meta")),
            "meta is an organization: only models and methods belong to a family"
        );
        // narrowed to one lineage relation, the same walk
        let fine_tuned = g.family(ix("alpaca"), |r| r == FineTunedFrom).unwrap();
        assert_eq!(ids(&g, &fine_tuned), ["alpaca", "llama", "vicuna"]);
        assert_eq!(
            ids(&g, &g.family(ix("alpaca"), |r| r == Uses).unwrap()),
            ["alpaca"]
        );
    }

    #[test]
    fn families_partition_the_models_and_methods_as_the_walk_finds_them() {
        let g = sample();
        let kinds = g.kinds();
        let fams = g.families(&kinds, &g.descendant_counts());
        let shown: Vec<(String, Vec<String>)> = (0..fams.len())
            .map(|f| {
                (
                    g.node(fams.name(f)).id.to_string(),
                    ids(&g, fams.members(f)),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "llama".into(),
                    vec!["alpaca".into(), "llama".into(), "vicuna".into()]
                ),
                ("lora".into(), vec!["lora".into(), "qlora".into()]),
                ("gpt-4".into(), vec!["gpt-4".into()]),
                ("transformer".into(), vec!["transformer".into()]),
                ("whisper".into(), vec!["whisper".into()]),
            ]
        );
        for ix in g.node_indices() {
            match (fams.of(ix), g.family(ix, Relation::is_lineage)) {
                (Some(f), Some(walked)) => {
                    assert_eq!(ids(&g, fams.members(f)), ids(&g, &walked));
                    assert_eq!(fams.size(f), walked.len());
                }
                (None, None) => assert!(!makes_families(kinds[ix.index()])),
                (f, w) => panic!("{}: {f:?} against {w:?}", g.node(ix).id),
            }
        }
    }

    #[test]
    fn a_family_is_named_by_its_largest_root_even_on_a_cycle() {
        // b and c are merged from two roots; a has more below it; x and y derive from each other
        let g = graph(
            &[
                ("a", Model),
                ("b", Model),
                ("c", Model),
                ("d", Model),
                ("z", Model),
                ("x", Model),
                ("y", Model),
            ],
            &[
                ("b", MergedFrom, "a"),
                ("b", MergedFrom, "z"),
                ("c", FineTunedFrom, "a"),
                ("d", FineTunedFrom, "c"),
                ("x", DerivedFrom, "y"),
                ("y", DerivedFrom, "x"),
            ],
        );
        let fams = g.families(&g.kinds(), &g.descendant_counts());
        assert_eq!(fams.len(), 2);
        assert_eq!(g.node(fams.name(0)).id, "a");
        assert_eq!(fams.size(0), 5);
        assert_eq!(g.node(fams.name(1)).id, "x");
        let members = g
            .family(g.index_of("d").unwrap(), Relation::is_lineage)
            .unwrap();
        assert_eq!(
            ids(&g, &g.family_roots(&members, Relation::is_lineage)),
            ["a", "z"]
        );
    }
}
