//! Sorting nodes by id and edges by their ends' ids, the order of every export, fast on a million
//! Hub ids that share long prefixes: nodes are sorted by windows of their ids held beside them,
//! edges by the ranks of their ends, each on every core (rayon).

use crate::model::{Edge, Node, Relation};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use rayon::prelude::*;

type Inner = DiGraph<Node, Edge>;

/// How many bytes of an id the node sort holds beside each node.
const WINDOW: usize = 24;

/// A node and `WINDOW` bytes of its id, as the node sort holds them.
type Key = ((u128, u64), NodeIndex);

/// An edge as the edge sort holds it: (source rank, target rank, relation, edge).
pub(super) type EdgeKey = (u32, u32, Relation, EdgeIndex);

/// All nodes of `g`, sorted by id.
pub(super) fn nodes_by_id(g: &Inner) -> Vec<NodeIndex> {
    let keys = (0..g.node_count())
        .into_par_iter()
        .map(|i| (window(g, NodeIndex::new(i), 0), NodeIndex::new(i)))
        .collect();
    sorted(g, keys)
}

/// Sorts `nodes` by id, the way [`nodes_by_id`] sorts them all.
pub(super) fn by_id(g: &Inner, nodes: &mut Vec<NodeIndex>) {
    let keys = nodes.par_iter().map(|&ix| (window(g, ix, 0), ix)).collect();
    *nodes = sorted(g, keys);
}

/// The nodes of `keys` (each with its id's first window) sorted by id: by the first window, then
/// each run of equal windows by the next one, so an id is read once a window instead of once a
/// comparison, even where Hub ids share a long namespace and family name. A window sits in the
/// room that the key's alignment leaves anyway.
fn sorted(g: &Inner, mut keys: Vec<Key>) -> Vec<NodeIndex> {
    keys.par_sort_unstable_by_key(|k| k.0);
    keys.par_chunk_by_mut(|a, b| a.0 == b.0)
        .for_each(|run| settle(g, run, WINDOW));
    keys.into_par_iter().map(|k| k.1).collect()
}

/// Every edge of `g` as an [`EdgeKey`], sorted; `sorted` is every node, sorted by id. Nodes are
/// ranked once so the sort compares integers, not strings; the keys are distinct (each holds
/// its edge), so the order is the same however the sort runs.
pub(super) fn edge_keys(g: &Inner, sorted: &[NodeIndex]) -> Vec<EdgeKey> {
    let mut rank = vec![0u32; g.node_count()];
    for (r, ix) in sorted.iter().enumerate() {
        rank[ix.index()] = r as u32;
    }
    let mut keys: Vec<EdgeKey> = g
        .raw_edges()
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            (
                rank[e.source().index()],
                rank[e.target().index()],
                e.weight.relation,
                EdgeIndex::new(i),
            )
        })
        .collect();
    keys.par_sort_unstable();
    keys
}

/// `WINDOW` bytes of node `ix`'s id from byte `at`, zero-padded past its end, as a number that
/// compares as the bytes do.
fn window(g: &Inner, ix: NodeIndex, at: usize) -> (u128, u64) {
    let id = g[ix].id.as_bytes();
    let mut b = [0u8; WINDOW];
    if at < id.len() {
        let n = (id.len() - at).min(WINDOW);
        b[..n].copy_from_slice(&id[at..at + n]);
    }
    let (head, tail) = b.split_at(16);
    (
        u128::from_be_bytes(head.try_into().expect("16 bytes")),
        u64::from_be_bytes(tail.try_into().expect("8 bytes")),
    )
}

/// Orders `run`, whose ids share their first `at` bytes, by id: by the next window, then the
/// next, reading each id once a window rather than once a comparison; a small run, or one whose
/// ids all end before `at` (ids holding NUL bytes), by comparing whole ids.
fn settle(g: &Inner, run: &mut [Key], at: usize) {
    if run.len() < 2 {
        return;
    }
    let all_ended = || run.iter().all(|k| g[k.1].id.len() <= at);
    if run.len() <= 16 || all_ended() {
        run.sort_unstable_by(|a, b| g[a.1].id.cmp(&g[b.1].id));
        return;
    }
    for k in run.iter_mut() {
        k.0 = window(g, k.1, at);
    }
    run.sort_unstable_by_key(|k| k.0);
    for tie in run.chunk_by_mut(|a, b| a.0 == b.0) {
        settle(g, tie, at + WINDOW);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, NodeKind};

    #[test]
    fn nodes_sort_by_id_however_long_the_shared_prefixes() {
        // ids sharing 0 to 90 bytes, ids that are prefixes of others, and NUL bytes, which the
        // zero padding of a window cannot tell from an id's end; small and large lists
        let src: crate::model::Name = "test".into();
        let ev = Evidence::at(&src, &src, 1);
        for count in [300usize, 70_000] {
            let mut g = Inner::default();
            let mut seed = 0x2545_f491_4f6c_dd1d_u64;
            let mut ids = std::collections::BTreeSet::new();
            while ids.len() < count {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let shared = "org-000050--aya-1-13.0b-code-2299-instruct-65145-merge-858714-chat";
                let cut = (seed % 91) as usize % (shared.len() + 1);
                let mut id = shared[..cut].to_string();
                match seed >> 60 {
                    0 => id.push('\0'),
                    1 => id.push_str("\0\0x"),
                    2 => {}
                    _ => id.push_str(&format!("{}", (seed >> 20) % 5000)),
                }
                if ids.insert(id.clone()) {
                    g.add_node(Node::new(id, "x", NodeKind::Model, ev.clone()));
                }
            }
            let sorted: Vec<&str> = nodes_by_id(&g)
                .into_iter()
                .map(|ix| g[ix].id.as_str())
                .collect();
            let expected: Vec<&str> = ids.iter().map(String::as_str).collect();
            assert_eq!(sorted, expected);
        }
    }
}
