//! The knowledge graph: a petgraph `DiGraph` of typed nodes and edges, stable string ids, and the
//! name and alias index that every command resolves names through.

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Edge, Evidence, Node, NodeKind, Relation};
use names::Tier;
use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) use family::{makes_families, no_family};
pub(crate) use knowledge::SourceCounts;
pub use petgraph::graph::{EdgeIndex as EdgeIx, NodeIndex as NodeIx};

mod descendants;
mod family;
mod knowledge;
mod names;
mod prefetch;
mod sort;

pub(crate) use prefetch::{AHEAD, prefetch};

/// The typed graph. Edges point from the derived thing to what it comes from
/// (`alpaca --fine_tuned_from--> llama`).
#[derive(Debug, Default)]
pub struct Graph {
    inner: DiGraph<Node, Edge>,
    ids: IdIndex,
    names: names::Names,
    /// The nodes sorted by id, computed on first use (every export wants them, some twice).
    sorted: OnceLock<Vec<NodeIndex>>,
    /// Findings made while the graph was read (repaired encoding, conflicts, dirty rows, ...).
    pub diagnostics: Vec<Diagnostic>,
    /// The labels of the organizations that nodes remember by id after a filter or a query cut
    /// the organizations out ([`Graph::remember_organizations`]), by id: what a legend names.
    remembered_orgs: std::collections::BTreeMap<String, String>,
}

/// One fixed hash function (foldhash with a fixed seed), so lookups behave the same every run.
const HASH: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x006c_6c6d_6b67);

fn hash_exact(s: &str) -> u64 {
    use std::hash::BuildHasher;
    HASH.hash_one(s)
}

/// The hash a node id is filed under, for a reader that prepares ids on a thread of its own
/// ([`Graph::add_node_fresh_id`], [`Graph::warm_id`]).
pub(crate) fn id_hash(id: &str) -> u64 {
    hash_exact(id)
}

/// The hash of `name_key(s)`, computed without building the key.
fn hash_key(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = HASH.build_hasher();
    for c in s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        h.write_u32(c as u32);
    }
    h.finish()
}

/// Node ids to nodes: a hash table of node indices, hashed by id and compared against the node's
/// own id, so a million nodes cost no second copy of their ids.
#[derive(Debug, Default, Clone)]
struct IdIndex {
    table: hashbrown::HashTable<NodeIndex>,
}

impl IdIndex {
    fn with_capacity(n: usize) -> IdIndex {
        IdIndex {
            table: hashbrown::HashTable::with_capacity(n),
        }
    }

    fn get(&self, g: &DiGraph<Node, Edge>, id: &str) -> Option<NodeIndex> {
        self.get_hashed(g, id, hash_exact(id))
    }

    /// [`IdIndex::get`], given the id's [`id_hash`].
    fn get_hashed(&self, g: &DiGraph<Node, Edge>, id: &str, hash: u64) -> Option<NodeIndex> {
        self.table.find(hash, |&ix| g[ix].id == id).copied()
    }

    fn insert(&mut self, g: &DiGraph<Node, Edge>, ix: NodeIndex) {
        self.table
            .insert_unique(hash_exact(&g[ix].id), ix, |&i| hash_exact(&g[i].id));
    }

    fn build(g: &DiGraph<Node, Edge>) -> IdIndex {
        let mut idx = IdIndex::with_capacity(g.node_count());
        for ix in g.node_indices() {
            idx.insert(g, ix);
        }
        idx
    }
}

impl Clone for Graph {
    fn clone(&self) -> Self {
        Graph {
            inner: self.inner.clone(),
            ids: self.ids.clone(),
            names: names::Names::default(),
            sorted: self.sorted.clone(),
            diagnostics: self.diagnostics.clone(),
            remembered_orgs: self.remembered_orgs.clone(),
        }
    }
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    pub fn with_capacity(nodes: usize, edges: usize) -> Graph {
        Graph {
            inner: DiGraph::with_capacity(nodes, edges),
            ids: IdIndex::with_capacity(nodes),
            ..Graph::default()
        }
    }

    /// Makes room for this many more nodes and edges, so that a big load grows its tables once.
    pub(crate) fn reserve(&mut self, nodes: usize, edges: usize) {
        self.inner.reserve_nodes(nodes);
        self.inner.reserve_edges(edges);
        let inner = &self.inner;
        self.ids.table.reserve(nodes, |&i| hash_exact(&inner[i].id));
    }

    /// The petgraph graph, for traversals.
    pub(crate) fn inner(&self) -> &DiGraph<Node, Edge> {
        &self.inner
    }

    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.inner[ix]
    }

    /// The node, to change; its id must stay as it is (the id index relies on it).
    pub(crate) fn node_mut(&mut self, ix: NodeIndex) -> &mut Node {
        self.names.touch(ix);
        &mut self.inner[ix]
    }

    pub(crate) fn edge_mut(&mut self, ix: EdgeIndex) -> &mut Edge {
        &mut self.inner[ix]
    }

    pub fn edge(&self, ix: EdgeIndex) -> &Edge {
        &self.inner[ix]
    }

    /// Source and target of an edge.
    pub fn endpoints(&self, ix: EdgeIndex) -> (NodeIndex, NodeIndex) {
        self.inner
            .edge_endpoints(ix)
            .expect("edge index belongs to this graph")
    }

    /// The node with exactly this id.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get(&self.inner, id)
    }

    /// Adds a node under its id, or, where that is taken, under the first free one of `id-2`,
    /// `id-3`, ...; a free id costs one probe of the id table. `hash` is the id's [`id_hash`],
    /// which a reader can work out on a thread of its own.
    pub(crate) fn add_node_fresh_id(&mut self, mut node: Node, mut hash: u64) -> NodeIndex {
        debug_assert_eq!(hash, hash_exact(&node.id));
        let base_len = node.id.len();
        let mut k = 2;
        loop {
            let inner = &self.inner;
            let entry = self.ids.table.entry(
                hash,
                |&ix| inner[ix].id == node.id,
                |&ix| hash_exact(&inner[ix].id),
            );
            if let hashbrown::hash_table::Entry::Vacant(free) = entry {
                free.insert(NodeIndex::new(inner.node_count()));
                break;
            }
            // `node.id` is the base, or the base and the last suffix tried
            let mut id = String::with_capacity(base_len + 4);
            id.push_str(&node.id[..base_len]);
            id.push('-');
            id.push_str(itoa::Buffer::new().format(k));
            node.id = id.into();
            hash = hash_exact(&node.id);
            k += 1;
        }
        self.sorted.take();
        let ix = self.inner.add_node(node);
        self.names.touch(ix);
        ix
    }

    /// Adds a node; its id must be new.
    pub fn add_node(&mut self, node: Node) -> Result<NodeIndex> {
        if let Some(old) = self.ids.get(&self.inner, &node.id) {
            let prev = &self.inner[old];
            return Err(Error::Invalid(format!(
                "{}: duplicate id \"{}\" (first defined at {})",
                node.origin.location(),
                node.id,
                prev.origin.location()
            )));
        }
        self.sorted.take();
        let ix = self.inner.add_node(node);
        self.names.touch(ix);
        self.ids.insert(&self.inner, ix);
        Ok(ix)
    }

    /// Adds an edge unless the same relation between the same nodes is already there;
    /// returns the existing edge in that case.
    pub fn add_edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> EdgeIndex {
        if let Some(e) = self.find_edge(from, to, edge.relation) {
            return e;
        }
        self.inner.add_edge(from, to, edge)
    }

    /// Adds the edge, or where one of the same relation exists, `evidence` to it: one edge per
    /// fact, with every source that asserts it.
    pub(crate) fn assert_edge(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        relation: Relation,
        evidence: Evidence,
    ) -> EdgeIndex {
        match self.find_edge(from, to, relation) {
            Some(e) => {
                self.edge_mut(e).add_evidence(evidence);
                e
            }
            None => self.inner.add_edge(from, to, Edge::new(relation, evidence)),
        }
    }

    /// Adds an edge even where one of the same relation exists (for importers that keep all).
    pub fn add_edge_unchecked(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> EdgeIndex {
        self.inner.add_edge(from, to, edge)
    }

    pub fn find_edge(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        relation: Relation,
    ) -> Option<EdgeIndex> {
        self.inner
            .edges_connecting(from, to)
            .find(|e| e.weight().relation == relation)
            .map(|e| e.id())
    }

    pub(crate) fn remove_edge(&mut self, ix: EdgeIndex) -> Option<Edge> {
        self.inner.remove_edge(ix)
    }

    /// Outgoing edges (towards what `ix` comes from), as (edge, target).
    pub fn out_edges(&self, ix: NodeIndex) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        self.inner
            .edges_directed(ix, Direction::Outgoing)
            .map(|e| (e.id(), e.target()))
    }

    /// Incoming edges (from what derives from `ix`), as (edge, source).
    pub fn in_edges(&self, ix: NodeIndex) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        self.inner
            .edges_directed(ix, Direction::Incoming)
            .map(|e| (e.id(), e.source()))
    }

    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> {
        self.inner.node_indices()
    }

    pub fn edge_indices(&self) -> impl Iterator<Item = EdgeIndex> {
        self.inner.edge_indices()
    }

    /// All nodes, sorted by id: the order every export uses. Sorted once and kept until a node
    /// is added.
    pub fn nodes_sorted(&self) -> Vec<NodeIndex> {
        self.sorted
            .get_or_init(|| sort::nodes_by_id(&self.inner))
            .clone()
    }

    /// Sorts `nodes` by id, the way [`Graph::nodes_sorted`] sorts them all (by windows of their
    /// ids, each id read once a window), for the lists of a query's answer.
    pub(crate) fn sort_by_id(&self, nodes: &mut Vec<NodeIndex>) {
        sort::by_id(&self.inner, nodes);
    }

    /// All edges, sorted by (source id, target id, relation): the order every export uses.
    pub fn edges_sorted(&self) -> Vec<EdgeIndex> {
        self.edge_keys_sorted().into_iter().map(|t| t.3).collect()
    }

    /// [`Graph::edges_sorted`], and for each edge its number among the edges with the same
    /// source, target and relation (1 for the first, 2 for the next, ...), for the formats that
    /// tell such parallel edges apart by it. Equal edges are neighbours in this order, so the
    /// numbers come from the sort keys, without reading an edge again.
    pub(crate) fn edges_sorted_numbered(&self) -> (Vec<EdgeIndex>, Vec<u32>) {
        let keys = self.edge_keys_sorted();
        let mut numbers: Vec<u32> = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            let n = match (i.checked_sub(1).map(|p| &keys[p]), numbers.last()) {
                (Some(p), Some(&n)) if (p.0, p.1, p.2) == (k.0, k.1, k.2) => n + 1,
                _ => 1,
            };
            numbers.push(n);
        }
        (keys.into_iter().map(|t| t.3).collect(), numbers)
    }

    /// (source rank, target rank, relation, edge) for every edge, sorted.
    fn edge_keys_sorted(&self) -> Vec<sort::EdgeKey> {
        sort::edge_keys(&self.inner, &self.nodes_sorted())
    }

    /// Resolves a name as every command does: exact id, label, alias, then a case-, space- and
    /// punctuation-insensitive match. `kind` narrows the candidates.
    pub(crate) fn resolve(&self, name: &str, kind: Option<NodeKind>) -> Result<NodeIndex> {
        let name = name.trim();
        match self.matches(name, kind) {
            Ok(ix) => Ok(ix),
            Err(hits) if hits.is_empty() => Err(self.unknown(name, kind)),
            Err(hits) => Err(self.ambiguous(name, &hits)),
        }
    }

    /// The error for a name that stands for several nodes (`hits`), naming each.
    pub(crate) fn ambiguous(&self, name: &str, hits: &[NodeIndex]) -> Error {
        let mut candidates: Vec<String> = hits
            .iter()
            .map(|ix| {
                let n = &self.inner[*ix];
                format!("{} ({}, id {})", n.label, n.kind, n.id)
            })
            .collect();
        candidates.sort();
        Error::Ambiguous {
            name: name.to_string(),
            candidates,
        }
    }

    /// The node `name` stands for, or every candidate where it stands for several (none where
    /// it stands for none).
    fn matches(
        &self,
        name: &str,
        kind: Option<NodeKind>,
    ) -> std::result::Result<NodeIndex, Vec<NodeIndex>> {
        let fits = |ix: &NodeIndex| kind.is_none_or(|k| self.inner[*ix].kind == k);
        if let Some(ix) = self.index_of(name).filter(fits) {
            return Ok(ix);
        }
        // a Hub id whose slug is its node's id needs no index, unless the index exists already
        // and can tell about other nodes of the same label; any other name may be a homonym
        if !self.names.is_built()
            && name.contains('/')
            && let Some(ix) = self.index_of(&crate::model::slug(name)).filter(fits)
            && self.inner[ix].label == name
        {
            return Ok(ix);
        }
        for tier in [Tier::Label, Tier::Alias, Tier::Key] {
            let mut hits = self.names.find(&self.inner, tier, name);
            hits.retain(fits);
            if tier == Tier::Label && hits.len() == 1 {
                hits.extend(self.homonyms(name, hits[0]));
            }
            match hits.len() {
                0 => continue,
                1 => return Ok(hits[0]),
                _ => return Err(hits),
            }
        }
        Err(Vec::new())
    }

    /// The other nodes of `ix`'s kind that have `name`, `ix`'s label, as an alias: homonyms kept
    /// apart (`Zephyr` and `Zephyr (zephyr-7b-alpha)`), which the name stands for as much.
    fn homonyms(&self, name: &str, ix: NodeIndex) -> Vec<NodeIndex> {
        let kind = self.inner[ix].kind;
        let mut also = self.names.find(&self.inner, Tier::Alias, name);
        also.retain(|&o| o != ix && self.inner[o].kind == kind);
        also
    }

    /// The error for a name that resolves to nothing, with the closest suggestions.
    pub(crate) fn unknown(&self, name: &str, kind: Option<NodeKind>) -> Error {
        // every label and alias points back at its node's label, so a node is suggested once
        let mut label_of: HashMap<&str, &str> = HashMap::new();
        for n in self.inner.node_weights() {
            if kind.is_none_or(|k| n.kind == k) {
                label_of.entry(&n.label).or_insert(&n.label);
                for a in &n.aliases {
                    label_of.entry(a).or_insert(&n.label);
                }
            }
        }
        let mut suggestions: Vec<String> = Vec::new();
        for hit in crate::suggest::closest(name, label_of.keys().copied(), 8) {
            let label = label_of[hit].to_string();
            if !suggestions.contains(&label) {
                suggestions.push(label);
            }
        }
        suggestions.truncate(3);
        Error::UnknownName {
            name: name.to_string(),
            kind,
            suggestions,
        }
    }

    /// A new graph with the nodes and edges that pass the filters (edges only between kept nodes).
    pub(crate) fn filtered(
        &self,
        keep_node: impl Fn(NodeIndex, &Node) -> bool,
        keep_edge: impl Fn(EdgeIndex, &Edge) -> bool,
    ) -> Graph {
        let inner = self.inner.filter_map(
            |ix, n| keep_node(ix, n).then(|| n.clone()),
            |ix, e| keep_edge(ix, e).then(|| e.clone()),
        );
        let ids = IdIndex::build(&inner);
        Graph {
            inner,
            ids,
            names: names::Names::default(),
            // the kept nodes have new indices: the order of `self`'s would point elsewhere
            sorted: OnceLock::new(),
            diagnostics: self.diagnostics.clone(),
            remembered_orgs: self.remembered_orgs.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, slug};

    fn node(label: &str, kind: NodeKind, aliases: &[&str]) -> Node {
        let src: crate::model::Name = "test".into();
        let mut n = Node::new(slug(label), label, kind, Evidence::at(&src, &src, 1));
        n.aliases = aliases.iter().map(|a| a.to_string()).collect();
        n
    }

    #[test]
    fn resolves_ids_labels_aliases_and_loose_names() {
        let mut g = Graph::new();
        let llama2 = g
            .add_node(node("Llama 2", NodeKind::Model, &["Llama-2", "llama2"]))
            .unwrap();
        let code = g
            .add_node(node("Code Llama", NodeKind::Model, &["CodeLlama"]))
            .unwrap();
        assert_eq!(g.resolve("llama-2", None).unwrap(), llama2);
        assert_eq!(g.resolve("Llama 2", None).unwrap(), llama2);
        assert_eq!(g.resolve("LLaMA-2", None).unwrap(), llama2);
        assert_eq!(g.resolve("codellama", None).unwrap(), code);
        let err = g.resolve("Code Lama", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown name \"Code Lama\": did you mean \"Code Llama\"?"
        );
    }

    #[test]
    fn duplicate_ids_are_refused_and_edges_deduplicated() {
        let mut g = Graph::new();
        let a = g.add_node(node("A", NodeKind::Model, &[])).unwrap();
        let b = g.add_node(node("B", NodeKind::Model, &[])).unwrap();
        assert!(g.add_node(node("A", NodeKind::Model, &[])).is_err());
        let ev = g.node(a).origin.clone();
        let e1 = g.add_edge(a, b, Edge::new(Relation::FineTunedFrom, ev.clone()));
        let e2 = g.add_edge(a, b, Edge::new(Relation::FineTunedFrom, ev.clone()));
        assert_eq!(e1, e2);
        g.add_edge(a, b, Edge::new(Relation::DerivedFrom, ev));
        assert_eq!(g.edge_count(), 2);
    }

    #[test]
    fn ambiguous_names_list_candidates() {
        let mut g = Graph::new();
        g.add_node(node("Qwen", NodeKind::Model, &[])).unwrap();
        g.add_node(node("Qwen Team", NodeKind::Organization, &["QWEN"]))
            .unwrap();
        let mut n = node("Q-Wen", NodeKind::Organization, &[]);
        n.id = "q-wen-org".into();
        g.add_node(n).unwrap();
        assert!(g.resolve("Qwen", None).is_ok());
        let err = g.resolve("q wen", None).unwrap_err();
        assert!(matches!(err, Error::Ambiguous { .. }), "{err}");
        assert!(g.resolve("q wen", Some(NodeKind::Model)).is_ok());
    }

    #[test]
    fn a_label_that_a_homonym_has_as_alias_names_both() {
        let mut g = Graph::new();
        g.add_node(node("Zephyr", NodeKind::Model, &[])).unwrap();
        let alpha = node("Zephyr (zephyr-7b-alpha)", NodeKind::Model, &["Zephyr"]);
        let alpha = g.add_node(alpha).unwrap();
        g.add_node(node("Mistral", NodeKind::Organization, &["Zephyr"]))
            .unwrap();
        let err = g.resolve("Zephyr", None).unwrap_err();
        let Error::Ambiguous { candidates, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(
            candidates.len(),
            2,
            "an organization is not a homonym: {err}"
        );
        // its id and its own label still name each one
        assert_eq!(g.resolve("zephyr-zephyr-7b-alpha", None).unwrap(), alpha);
        assert_eq!(g.resolve("Zephyr (zephyr-7b-alpha)", None).unwrap(), alpha);
        assert!(g.resolve("zephyr", None).is_ok());
    }

    #[test]
    fn a_filtered_graph_sorts_its_own_nodes() {
        let mut g = Graph::new();
        for label in ["d", "c", "b", "a"] {
            g.add_node(node(label, NodeKind::Model, &[])).unwrap();
        }
        // the order of the whole graph is kept once asked for
        assert_eq!(g.nodes_sorted().len(), 4);
        let part = g.filtered(|_, n| n.id != "c", |_, _| true);
        let ids: Vec<&str> = part
            .nodes_sorted()
            .into_iter()
            .map(|ix| part.node(ix).id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "d"]);
    }
}
