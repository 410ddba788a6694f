//! The name index every command resolves names through: labels, aliases and normalised keys,
//! built on first use and kept up to date as nodes are added or changed, in amortised constant
//! time per change (a list of 50,000 entries, each looked up as it is added, stays linear).

use super::{hash_exact, hash_key};
use crate::model::{Edge, Node, name_key};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;
use std::sync::RwLock;

/// Which way a name matches, in the order resolution tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Tier {
    Label,
    Alias,
    Key,
}

/// (hash, tier, node, which name): `which` is 0 for the label, 1 the id, 2 + i the i-th alias.
type Entry = (u64, Tier, NodeIndex, u32);

/// `which`: 0 the label, 1 the id, 2 + i the i-th alias.
fn name_of(n: &Node, which: u32) -> &str {
    match which {
        0 => &n.label,
        1 => &n.id,
        i => n.aliases.get(i as usize - 2).map_or("", String::as_str),
    }
}

/// The entries of one node's names.
fn entries_of(n: &Node, ix: NodeIndex, out: &mut impl Extend<Entry>) {
    out.extend([
        (hash_exact(&n.label), Tier::Label, ix, 0),
        (hash_key(&n.label), Tier::Key, ix, 0),
        (hash_key(&n.id), Tier::Key, ix, 1),
    ]);
    for (i, a) in n.aliases.iter().enumerate() {
        out.extend([
            (hash_exact(a), Tier::Alias, ix, i as u32 + 2),
            (hash_key(a), Tier::Key, ix, i as u32 + 2),
        ]);
    }
}

/// The index, shared by readers; the graph's `&mut` methods note which nodes changed
/// ([`Names::touch`]), and the next lookup files their names.
#[derive(Debug, Default)]
pub(super) struct Names {
    state: RwLock<State>,
}

#[derive(Debug, Default)]
struct State {
    /// One sorted vector of entries (none allocated per node), or `None` before first use.
    sorted: Option<Vec<Entry>>,
    /// Entries of nodes added or changed since `sorted` was built, by hash.
    recent: HashMap<u64, Vec<(Tier, NodeIndex, u32)>>,
    recent_len: usize,
    /// Nodes added or changed since the last lookup.
    dirty: Vec<NodeIndex>,
}

impl Names {
    /// Notes that node `ix` was added or may have changed its names. Costs nothing before the
    /// index is first used.
    pub(super) fn touch(&mut self, ix: NodeIndex) {
        let st = self
            .state
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if st.sorted.is_some() {
            st.dirty.push(ix);
        }
    }

    /// Whether the index has been built (a lookup before then can take a cheaper way).
    pub(super) fn is_built(&self) -> bool {
        let st = self
            .state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        st.sorted.is_some()
    }

    /// The nodes whose name matches `name` in `tier`, sorted, without duplicates.
    pub(super) fn find(&self, g: &DiGraph<Node, Edge>, tier: Tier, name: &str) -> Vec<NodeIndex> {
        {
            let st = self
                .state
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if st.sorted.is_some() && st.dirty.is_empty() {
                return st.find(g, tier, name);
            }
        }
        let mut st = self
            .state
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        st.refresh(g);
        st.find(g, tier, name)
    }
}

impl State {
    /// Builds the index, or files the names of the nodes changed since the last lookup; once
    /// the recent entries outnumber half the sorted ones, sorts everything anew (so each change
    /// costs amortised constant time).
    fn refresh(&mut self, g: &DiGraph<Node, Edge>) {
        let Some(sorted) = &self.sorted else {
            self.rebuild(g);
            return;
        };
        let limit = 4096.max(sorted.len() / 2);
        let mut found = Vec::new();
        for ix in std::mem::take(&mut self.dirty) {
            found.clear();
            entries_of(&g[ix], ix, &mut found);
            for &(h, tier, ix, which) in &found {
                let bucket = self.recent.entry(h).or_default();
                if !bucket.contains(&(tier, ix, which)) {
                    bucket.push((tier, ix, which));
                    self.recent_len += 1;
                }
            }
        }
        if self.recent_len > limit {
            self.rebuild(g);
        }
    }

    fn rebuild(&mut self, g: &DiGraph<Node, Edge>) {
        let mut entries = Vec::with_capacity(g.node_count() * 3);
        for ix in g.node_indices() {
            entries_of(&g[ix], ix, &mut entries);
        }
        entries.sort_unstable();
        self.sorted = Some(entries);
        self.recent.clear();
        self.recent_len = 0;
        self.dirty.clear();
    }

    fn find(&self, g: &DiGraph<Node, Edge>, tier: Tier, name: &str) -> Vec<NodeIndex> {
        let (h, key) = match tier {
            Tier::Key => (hash_key(name), Some(name_key(name))),
            _ => (hash_exact(name), None),
        };
        let sorted = self.sorted.as_deref().unwrap_or_default();
        let start = sorted.partition_point(|e| e.0 < h);
        let old = sorted[start..]
            .iter()
            .take_while(|e| e.0 == h)
            .map(|e| (e.1, e.2, e.3));
        let new = self.recent.get(&h).into_iter().flatten().copied();
        // an entry may be stale (a name since changed): each candidate's real name is checked
        let mut hits: Vec<NodeIndex> = old
            .chain(new)
            .filter(|e| e.0 == tier && e.1.index() < g.node_count())
            .filter(|e| {
                let real = name_of(&g[e.1], e.2);
                match &key {
                    Some(k) => name_key(real) == *k,
                    None => real == name,
                }
            })
            .map(|e| e.1)
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::Graph;
    use crate::model::{Evidence, Name, Node, NodeKind};

    fn node(i: usize) -> Node {
        let ev = Evidence::at(&Name::new("list"), &Name::new("l.md"), 1);
        Node::new(format!("m{i}"), format!("Model {i}"), NodeKind::Model, ev)
    }

    #[test]
    fn names_added_or_changed_after_first_use_are_found() {
        let mut g = Graph::new();
        let a = g.add_node(node(0)).unwrap();
        assert_eq!(g.resolve("model 0", None).ok(), Some(a), "builds the index");
        // many more nodes than the rebuild limit, each looked up as it is added
        for i in 1..10_000 {
            let ix = g.add_node(node(i)).unwrap();
            assert_eq!(g.resolve(&format!("Model {i}"), None).ok(), Some(ix));
        }
        g.node_mut(a).aliases.push("The First".into());
        assert_eq!(
            g.resolve("the-first", None).ok(),
            Some(a),
            "a new alias, by its key"
        );
        g.node_mut(a).aliases.clear();
        assert_eq!(
            g.resolve("The First", None).ok(),
            None,
            "a removed alias is stale"
        );
        assert_eq!(
            g.resolve("Model 9999", Some(NodeKind::Model))
                .ok()
                .map(|i| i.index()),
            Some(9999)
        );
    }
}
