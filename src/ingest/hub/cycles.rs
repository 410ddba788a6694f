//! Breaking the lineage cycles that a Hub dump's edges close.
//!
//! An iterative depth-first search, not petgraph's `depth_first_search`: that one recurses once
//! per level (a 100,000-deep chain of fine-tunes overflows the stack) and reports back edges as
//! node pairs, which cannot tell two edges between the same nodes apart.

use super::dirt::{Dirt, Dirty};
use crate::graph::{EdgeIx, Graph, NodeIx};

/// Breaks lineage cycles that a dump's edges close: an iterative depth-first search from the
/// dump's rows (`starts`: a cycle the dump closes passes through one of its edges, whose source
/// is a row) drops each dump edge (of source `src`) that points back into the current path.
/// Curated cycles are left for `check`.
pub(super) fn break_cycles(
    g: &mut Graph,
    starts: &[NodeIx],
    src: &crate::model::Name,
    dirt: &mut Dirt,
) {
    let back = back_edges(g, starts);
    let mut removed: Vec<(EdgeIx, u32, String)> = back
        .into_iter()
        .filter(|&(e, _, _)| *g.edge(e).evidence.source == **src)
        .map(|(e, s, t)| {
            let line = g.edge(e).evidence.line_or_zero();
            (
                e,
                line,
                format!(
                    "line {line}: \"{}\" → \"{}\"",
                    g.node(s).label,
                    g.node(t).label
                ),
            )
        })
        .collect();
    // remove from the highest index down: petgraph moves the last edge into a removed slot
    removed.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (e, line, text) in removed {
        g.remove_edge(e);
        dirt.note(Dirty::Cycle, line, || text);
    }
}

/// The lineage edges that point back into the path of a depth-first search from each of
/// `starts` in turn, as (edge, source, target). Only the nodes reached are coloured, so a small
/// dump read beside a large graph costs its own size.
fn back_edges(g: &Graph, starts: &[NodeIx]) -> Vec<(EdgeIx, NodeIx, NodeIx)> {
    // absent: white; 1 on the path; 2 done
    let mut color = Colors::for_search(g.node_count(), starts.len());
    let mut back = Vec::new();
    let lineage_out = |ix: NodeIx| -> Vec<(EdgeIx, NodeIx)> { g.lineage_out(ix).collect() };
    for &start in starts {
        if color.get(start) != 0 {
            continue;
        }
        let mut stack: Vec<(NodeIx, Vec<(EdgeIx, NodeIx)>)> = Vec::new();
        color.set(start, 1);
        stack.push((start, lineage_out(start)));
        while let Some((node, pending)) = stack.last_mut() {
            match pending.pop() {
                Some((e, t)) => match color.get(t) {
                    0 => {
                        color.set(t, 1);
                        let next = lineage_out(t);
                        stack.push((t, next));
                    }
                    1 => back.push((e, *node, t)),
                    _ => {}
                },
                None => {
                    color.set(*node, 2);
                    stack.pop();
                }
            }
        }
    }
    back
}

/// The colours of a depth-first search: a byte per node where the search starts from many of
/// the graph's nodes (a large dump), a hash map of the nodes reached where it starts from few (a
/// small dump beside a large graph), so either costs what it visits.
enum Colors {
    Dense(Vec<u8>),
    Sparse(std::collections::HashMap<NodeIx, u8, foldhash::fast::FixedState>),
}

impl Colors {
    fn for_search(nodes: usize, starts: usize) -> Colors {
        if starts.saturating_mul(8) >= nodes {
            Colors::Dense(vec![0; nodes])
        } else {
            Colors::Sparse(Default::default())
        }
    }

    fn get(&self, ix: NodeIx) -> u8 {
        match self {
            Colors::Dense(v) => v[ix.index()],
            Colors::Sparse(m) => m.get(&ix).copied().unwrap_or(0),
        }
    }

    fn set(&mut self, ix: NodeIx, c: u8) {
        match self {
            Colors::Dense(v) => v[ix.index()] = c,
            Colors::Sparse(m) => {
                m.insert(ix, c);
            }
        }
    }
}
