//! Breaking the lineage cycles that a Hub dump's edges close.
//!
//! An iterative depth-first search, not petgraph's `depth_first_search`: that one recurses once
//! per level (a 100,000-deep chain of fine-tunes overflows the stack) and reports back edges as
//! node pairs, which cannot tell two edges between the same nodes apart.

use super::dirt::{Dirt, Dirty};
use crate::graph::{EdgeIx, Graph, NodeIx};

/// Breaks lineage cycles that a dump's edges close: an iterative depth-first search drops each
/// dump edge (of source `src`) that points back into the current path. Curated cycles are left
/// for `check`.
pub(super) fn break_cycles(g: &mut Graph, src: &crate::model::Name, dirt: &mut Dirt) {
    let back = back_edges(g);
    let mut removed: Vec<(EdgeIx, u32, String)> = back
        .into_iter()
        .filter(|&(e, _, _)| *g.edge(e).evidence.source == **src)
        .map(|(e, s, t)| {
            let line = g.edge(e).evidence.line.unwrap_or(0);
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

/// The lineage edges that point back into the path of a depth-first search from every node in
/// turn, as (edge, source, target).
fn back_edges(g: &Graph) -> Vec<(EdgeIx, NodeIx, NodeIx)> {
    let n = g.node_count();
    let mut color = vec![0u8; n]; // 0 white, 1 on path, 2 done
    let mut back = Vec::new();
    let lineage_out = |ix: NodeIx| -> Vec<(EdgeIx, NodeIx)> { g.lineage_out(ix).collect() };
    for start in g.node_indices() {
        if color[start.index()] != 0 {
            continue;
        }
        let mut stack: Vec<(NodeIx, Vec<(EdgeIx, NodeIx)>)> = Vec::new();
        color[start.index()] = 1;
        stack.push((start, lineage_out(start)));
        while let Some((node, pending)) = stack.last_mut() {
            match pending.pop() {
                Some((e, t)) => match color[t.index()] {
                    0 => {
                        color[t.index()] = 1;
                        let next = lineage_out(t);
                        stack.push((t, next));
                    }
                    1 => back.push((e, *node, t)),
                    _ => {}
                },
                None => {
                    color[node.index()] = 2;
                    stack.pop();
                }
            }
        }
    }
    back
}
