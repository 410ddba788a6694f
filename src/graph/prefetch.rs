//! Cache warming for walks over a million nodes or edges in id order: a walk hints the CPU to
//! fetch what it will read a few items ahead ([`AHEAD`]), so the scattered reads overlap instead
//! of waiting one by one. Only the `warm_*` methods of [`Graph`] and [`prefetch`] leave this
//! module; nothing here changes what a walk computes.

use super::Graph;
use petgraph::graph::{EdgeIndex, NodeIndex};

/// How far ahead of a walk over nodes or edges each stage of [`Graph::warm_node`] and
/// [`Graph::warm_edge`] runs: the edge first, then its nodes, then their ids, each stage reading
/// what the one before fetched.
pub(crate) const AHEAD: [usize; 3] = [12, 8, 4];

/// Hints the CPU to bring the cache line holding `r` in, ahead of its use: a million nodes
/// visited in id order are a million reads scattered over the heap, and a walk that waits for
/// each one in turn spends most of its time waiting. Does nothing where there is no such hint.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(r: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it never faults, whatever the address, and changes nothing
    // the program can see
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(r.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = r;
}

impl Graph {
    /// Starts fetching the table slots that looking up or filing `id` (of [`super::id_hash`]
    /// `hash`) reads, ahead of [`Graph::add_node_fresh_id`]: one lookup, its answer unused.
    #[inline]
    pub(crate) fn warm_id(&self, id: &str, hash: u64) {
        std::hint::black_box(self.ids.get_hashed(&self.inner, id, hash));
    }

    /// Starts fetching the end of node `ix`, where petgraph keeps its first outgoing and incoming
    /// edge, which adding an edge to or from it rewrites.
    #[inline]
    pub(crate) fn warm_links(&self, ix: NodeIndex) {
        if let Some(n) = self.inner.raw_nodes().get(ix.index()) {
            let end = std::ptr::from_ref(n)
                .cast::<u8>()
                .wrapping_add(size_of_val(n) - 1);
            prefetch(end);
        }
    }

    /// Starts fetching what visiting node `ix` reads, in stages ([`AHEAD`]): 0 and 1 the node,
    /// 2 its id and label (read from the node that stage 1 fetched).
    #[inline]
    pub(crate) fn warm_node(&self, ix: NodeIndex, stage: usize) {
        let Some(n) = self.inner.raw_nodes().get(ix.index()) else {
            return;
        };
        match stage {
            0 | 1 => prefetch(n),
            _ => {
                prefetch(n.weight.id.as_bytes());
                prefetch(n.weight.label.as_bytes());
                // a Hub model's one size lives behind the node
                prefetch(n.weight.sizes_b.as_ptr());
            }
        }
    }

    /// Starts fetching what visiting edge `e` reads, in stages ([`AHEAD`]): 0 the edge, 1 its
    /// two nodes, 2 their ids.
    #[inline]
    pub(crate) fn warm_edge(&self, e: EdgeIndex, stage: usize) {
        let Some(edge) = self.inner.raw_edges().get(e.index()) else {
            return;
        };
        match stage {
            0 => prefetch(edge),
            1 => {
                self.warm_node(edge.source(), 1);
                self.warm_node(edge.target(), 1);
            }
            _ => {
                self.warm_node(edge.source(), 2);
                self.warm_node(edge.target(), 2);
            }
        }
    }
}
