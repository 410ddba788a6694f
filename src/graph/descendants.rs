//! How many nodes derive from each node: the counts that size nodes in drawings and name
//! families in reports.

use super::Graph;
use petgraph::Direction;
use petgraph::visit::{DfsPostOrder, EdgeFiltered, EdgeRef, Reversed, VisitMap};

impl Graph {
    /// For every node, how many nodes derive from it through lineage relations, counted along
    /// each path (exact on trees; a model merged from several parents counts once under each).
    /// Chains of merges multiply paths, so a count that would pass `i64::MAX` (the largest value of
    /// the `long` the XML formats declare for it) stays there.
    /// Linear time: children before parents (Kahn's order) over a compact copy of the lineage
    /// edges, so a million nodes cost a few sequential passes; cycles do not loop.
    pub(crate) fn descendant_counts(&self) -> Vec<u64> {
        let g = self;
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
}

/// A descendant count with a child's count and the child itself added, kept at `i64::MAX` at
/// the most.
fn counted_with(count: u64, child: u64) -> u64 {
    const MOST: u64 = i64::MAX as u64;
    count.saturating_add(child).saturating_add(1).min(MOST)
}

/// [`Graph::descendant_counts`] for graphs with lineage cycles: a post-order walk over the
/// children (incoming lineage edges) from every node in turn, where a child not finished yet
/// (an edge back into the current path) counts nothing.
fn descendant_counts_on_paths(g: &Graph) -> Vec<u64> {
    let inner = g.inner();
    let children = EdgeFiltered::from_fn(Reversed(inner), |e| e.weight().relation.is_lineage());
    let mut count = vec![0u64; inner.node_count()];
    let mut walk = DfsPostOrder::empty(&children);
    for start in inner.node_indices() {
        if walk.discovered.is_visited(&start) {
            continue;
        }
        walk.move_to(start);
        while let Some(ix) = walk.next(&children) {
            let mut total = 0u64;
            for e in inner.edges_directed(ix, Direction::Incoming) {
                let child = e.source();
                if e.weight().relation.is_lineage()
                    && child != ix
                    && walk.finished.is_visited(&child)
                {
                    total = counted_with(total, count[child.index()]);
                }
            }
            count[ix.index()] = total;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::NodeIx;
    use crate::model::{Edge, Evidence, Node, NodeKind, Relation, slug};

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
        let e = |r| Edge::new(r, ev.clone());
        g.add_edge(ix[1], ix[0], e(Relation::FineTunedFrom));
        g.add_edge(ix[2], ix[1], e(Relation::DerivedFrom));
        g.add_edge(ix[3], ix[0], e(Relation::SuccessorOf));
        let c = g.descendant_counts();
        assert_eq!(c, vec![3, 1, 0, 0]);
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
                g.add_edge(ix[i], ix[p], Edge::new(relation, ev.clone()));
            }
        }
        let fast = g.descendant_counts();
        assert!(fast.iter().any(|&c| c > 10), "the DAG has deep families");
        assert_eq!(fast, descendant_counts_on_paths(&g));
        // a cycle sends the count down the path-following way, and it ends
        g.add_edge(
            ix[0],
            ix[n - 1],
            Edge::new(Relation::DerivedFrom, ev.clone()),
        );
        let cyclic = g.descendant_counts();
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
                let edge = Edge::new(Relation::MergedFrom, ev.clone());
                g.add_edge(ix[i], ix[p], edge);
            }
        }
        let fast = g.descendant_counts();
        assert_eq!(fast[0], i64::MAX as u64);
        assert_eq!(fast[n - 1], 0);
        assert_eq!(fast[n - 2], 1);
        assert_eq!(fast[n - 3], 3);
        assert_eq!(fast, descendant_counts_on_paths(&g));
    }
}
