//! Sorting nodes by id and edges by their ends' ids, the order of every export, fast on a million
//! Hub ids that share long prefixes: nodes are sorted by windows of their ids held beside them,
//! edges by the ranks of their ends, and a large list is sorted in two halves on two threads.

use crate::model::{Edge, Node, Relation};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

type Inner = DiGraph<Node, Edge>;

/// How many bytes of an id the node sort holds beside each node.
const WINDOW: usize = 24;

/// A node and `WINDOW` bytes of its id, as the node sort holds them.
type Key = ((u128, u64), NodeIndex);

/// An edge as the edge sort holds it: (source rank, target rank, relation, edge).
pub(super) type EdgeKey = (u32, u32, Relation, EdgeIndex);

/// Below this many items a sort stays on one thread.
const PARALLEL: usize = 1 << 16;

/// All nodes of `g`, sorted by id. Nodes are sorted by windows of 24 bytes of their ids held in
/// the sort vector (in the room that the vector's alignment leaves anyway): by the first window,
/// then each run of equal windows by the next one, so an id is read once a window instead of
/// once a comparison, even where Hub ids share a long namespace and family name. Large graphs
/// are keyed and sorted in two halves on two threads, merged, and their runs settled on two
/// threads.
pub(super) fn nodes_by_id(g: &Inner) -> Vec<NodeIndex> {
    let n = g.node_count();
    let keyed = |range: std::ops::Range<usize>| -> Vec<Key> {
        let mut v: Vec<Key> = range
            .map(|i| (window(g, NodeIndex::new(i), 0), NodeIndex::new(i)))
            .collect();
        v.sort_unstable_by_key(|k| k.0);
        v
    };
    if n < PARALLEL {
        let mut v = keyed(0..n);
        settle_all(g, &mut v);
        return v.into_iter().map(|k| k.1).collect();
    }
    // merged by their first windows (ties are settled after)
    let mut v = sorted_in_halves(n, keyed, |k| k.0);
    // the runs of equal first windows, settled on two threads, each taking about half
    let cut = {
        let mut c = n / 2;
        while c > 0 && c < n && v[c].0 == v[c - 1].0 {
            c += 1;
        }
        c.min(n)
    };
    let (left, right) = v.split_at_mut(cut);
    std::thread::scope(|s| {
        s.spawn(|| settle_all(g, left));
        settle_all(g, right);
    });
    v.into_iter().map(|k| k.1).collect()
}

/// Sorts `nodes` by id, the way [`nodes_by_id`] sorts them all.
pub(super) fn by_id(g: &Inner, nodes: &mut Vec<NodeIndex>) {
    let mut v: Vec<Key> = nodes.iter().map(|&ix| (window(g, ix, 0), ix)).collect();
    v.sort_unstable_by_key(|k| k.0);
    settle_all(g, &mut v);
    nodes.clear();
    nodes.extend(v.into_iter().map(|k| k.1));
}

/// Every edge of `g` as an [`EdgeKey`], sorted; `sorted` is every node, sorted by id. Nodes are
/// ranked once so the sort compares integers, not strings.
pub(super) fn edge_keys(g: &Inner, sorted: &[NodeIndex]) -> Vec<EdgeKey> {
    let mut rank = vec![0u32; g.node_count()];
    for (r, ix) in sorted.iter().enumerate() {
        rank[ix.index()] = r as u32;
    }
    let edges = g.raw_edges();
    let keyed = |range: std::ops::Range<usize>| -> Vec<EdgeKey> {
        let mut v: Vec<EdgeKey> = edges[range.clone()]
            .iter()
            .zip(range)
            .map(|(e, i)| {
                (
                    rank[e.source().index()],
                    rank[e.target().index()],
                    e.weight.relation,
                    EdgeIndex::new(i),
                )
            })
            .collect();
        v.sort_unstable();
        v
    };
    let m = edges.len();
    if m < PARALLEL {
        return keyed(0..m);
    }
    // the keys are distinct (each holds its edge)
    sorted_in_halves(m, keyed, |k| *k)
}

/// Items `0..n` keyed and sorted in two halves on two threads (`keyed` gives a range's keys,
/// sorted by `by`), then merged by `by`.
fn sorted_in_halves<T, K, F, B>(n: usize, keyed: F, by: B) -> Vec<T>
where
    T: Copy + Send,
    K: Ord,
    F: Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
    B: Fn(&T) -> K,
{
    let (a, b) = std::thread::scope(|s| {
        let first = s.spawn(|| keyed(0..n / 2));
        let second = keyed(n / 2..n);
        (first.join().expect("the sorting thread panicked"), second)
    });
    let mut v = Vec::with_capacity(n);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if by(&b[j]) < by(&a[i]) {
            v.push(b[j]);
            j += 1;
        } else {
            v.push(a[i]);
            i += 1;
        }
    }
    v.extend_from_slice(&a[i..]);
    v.extend_from_slice(&b[j..]);
    v
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

/// Orders each run of keys with equal first windows in `v` (sorted by first window).
fn settle_all(g: &Inner, v: &mut [Key]) {
    for run in v.chunk_by_mut(|a, b| a.0 == b.0) {
        settle(g, run, WINDOW);
    }
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
        // enough nodes for the parallel path; ids sharing 0 to 90 bytes, ids that are prefixes
        // of others, and NUL bytes, which the zero padding of a window cannot tell from an id's
        // end
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
                    g.add_node(Node::new(id, "x".into(), NodeKind::Model, ev.clone()));
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
