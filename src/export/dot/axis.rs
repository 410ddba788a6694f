//! The DOT drawing's layout constraints: the time axis, one rank per level of each band, and
//! the family clusters, from the bands, families and levels of `export::layout`, so the drawing
//! and the HTML page put every node in the same band.
//!
//! - **The axis** is a column of plaintext nodes (`axis:2023 Q3`, ...) chained by invisible
//!   edges, declared before anything else so that `dot` puts it at the left. A band with several
//!   levels (a base and what derives from it released in one quarter) gets one axis node per
//!   level, labelled on its first.
//! - **Ranks.** A `rank=same` subgraph per axis node holds the nodes of that band and level, so
//!   every node sits on its band's row; a base sits above what derives from it, and an edge that
//!   cannot point down (dates out of order, a cycle) gets `constraint=false` instead of bending
//!   the axis.
//! - **Organizations**, when drawn, close the drawing in a band of their own below the last
//!   time band, in rows of at least [`ORG_ROW`] (as wide as the widest rank above), in id
//!   order, as on the HTML page; their `developed_by` edges point up to them and do not rank
//!   (`constraint=false`), so they bend no family.
//! - **Families** of two or more ([`Graph::families`]) are borderless clusters
//!   (`cluster_family:<id of the member that names it>`, then `cluster_lone` for the lone nodes:
//!   families of one, and nodes in no family), declared largest first, so a family stays
//!   together as one branch; `--cluster org` boxes organizations instead.

use super::{attr, edge, member, node_id, org_clusters, subgraph};
use crate::export::Options;
use crate::export::layout::{self, Column, Slot};
use crate::graph::{Graph, NodeIx};
use crate::model::NodeKind;
use graphviz_rust::dot_structures::{GraphAttributes, Node, Stmt};
use std::io;

/// Drawings of at most this many nodes (a slide's) wrap their wide levels ([`wrapped_levels`]).
const WRAP_UP_TO: usize = 200;

/// Organizations are put in rows of at least this many.
pub(super) const ORG_ROW: usize = 6;

/// One rank of the drawing: a band and a level inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rank {
    slot: Slot,
    level: u32,
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Rank) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rank {
    /// Top to bottom: the bands in time order, each band's levels in order, organizations
    /// last (as on the page).
    fn cmp(&self, other: &Rank) -> std::cmp::Ordering {
        let key = |r: &Rank| (r.slot == Slot::Organizations, r.slot, r.level);
        key(self).cmp(&key(other))
    }
}

impl Rank {
    /// The axis node's id: `axis:2023 Q3`, `axis:2023 Q3:1` for the next level.
    fn axis_id(self) -> String {
        match self.level {
            0 => format!("axis:{}", self.slot.label()),
            l => format!("axis:{}:{l}", self.slot.label()),
        }
    }

    /// The axis label: the band's on its first level, none on the others.
    fn axis_label(self) -> String {
        match self.level {
            0 => self.slot.label(),
            _ => String::new(),
        }
    }
}

/// Each node's level in its band once wide levels are wrapped: the nodes of one family on one
/// level of a band ([`layout::band_levels`]) are cut, in id order, into rows as wide as the page
/// makes that family's column ([`layout::wraps`]), and each level of the band gets as many rows
/// as its most wrapped family needs. So a root with hundreds of fine-tunes in one quarter is
/// drawn as a block of rows, not one line hundreds of nodes wide (which also costs `dot` far
/// less to order). Organizations keep level 0.
fn wrapped_levels(
    nodes: &[NodeIx],
    columns: &[Column],
    column_of: &[u32],
    slot_of: &[Slot],
    band_level: &[u32],
) -> Vec<u32> {
    let mut groups = layout::Groups::new();
    for &ix in nodes {
        let i = ix.index();
        if column_of[i] != u32::MAX {
            let key = (slot_of[i], column_of[i], band_level[i]);
            groups.entry(key).or_default().push(ix);
        }
    }
    let wrap = layout::wraps(columns, &groups);
    // rows each level of each band needs, then where each level starts in its band
    let mut rows: std::collections::BTreeMap<(Slot, u32), u32> = Default::default();
    for (&(slot, c, l), members) in &groups {
        let need = members.len().div_ceil(wrap[c as usize]) as u32;
        let r = rows.entry((slot, l)).or_default();
        *r = (*r).max(need);
    }
    let mut start = std::collections::BTreeMap::new();
    let mut at = (None, 0u32);
    for (&(slot, l), &n) in &rows {
        if at.0 != Some(slot) {
            at = (Some(slot), 0);
        }
        start.insert((slot, l), at.1);
        at.1 += n;
    }
    let mut level = vec![0u32; column_of.len()];
    for ((slot, c, l), members) in groups {
        for (k, ix) in members.into_iter().enumerate() {
            level[ix.index()] = start[&(slot, l)] + (k / wrap[c as usize]) as u32;
        }
    }
    level
}

/// Where every node goes: its rank on the time axis and its family.
pub(super) struct Plan {
    /// Each node's rank (an index into `ranks`), by node index.
    rank_of: Vec<u32>,
    /// The ranks, top to bottom.
    ranks: Vec<Rank>,
    /// Each node's family (an index into `columns`; `u32::MAX` for organizations), by node index.
    column_of: Vec<u32>,
    columns: Vec<Column>,
}

impl Plan {
    /// The plan of `g`; `nodes` are its nodes sorted by id.
    pub(super) fn new(g: &Graph, nodes: &[NodeIx]) -> Plan {
        let kinds = g.kinds();
        let slot_of = layout::slots(g, &kinds);
        let (column_of, columns) = layout::columns(g, &kinds);
        let band_level = layout::band_levels(g, &kinds, &slot_of);
        // a large drawing is zoomed, not shown whole: its rows stay unwrapped, as wrapping
        // multiplies the ranks long edges cross, which is most of what `dot` spends
        let mut level = match nodes.len() > WRAP_UP_TO {
            true => band_level,
            false => wrapped_levels(nodes, &columns, &column_of, &slot_of, &band_level),
        };
        let is_org = |ix: &&NodeIx| kinds[ix.index()] == NodeKind::Organization;
        let mut widths: std::collections::BTreeMap<Rank, usize> = Default::default();
        for &ix in nodes.iter().filter(|ix| !is_org(ix)) {
            let i = ix.index();
            *widths
                .entry(Rank {
                    slot: slot_of[i],
                    level: level[i],
                })
                .or_default() += 1;
        }
        let per_row = widths.values().copied().max().unwrap_or(0).max(ORG_ROW);
        for (k, &ix) in nodes.iter().filter(is_org).enumerate() {
            level[ix.index()] = (k / per_row) as u32;
        }
        let rank = |i: usize| Rank {
            slot: slot_of[i],
            level: level[i],
        };
        let mut ranks: Vec<Rank> = nodes.iter().map(|ix| rank(ix.index())).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let mut rank_of = vec![0u32; g.node_count()];
        for &ix in nodes {
            let r = rank(ix.index());
            rank_of[ix.index()] = ranks.partition_point(|&x| x < r) as u32;
        }
        Plan {
            rank_of,
            ranks,
            column_of,
            columns,
        }
    }

    /// How large `dot` draws the plan of `g` (see [`super::estimate`]), in points.
    pub(super) fn size(&self, g: &Graph, nodes: &[NodeIx]) -> (f64, f64) {
        // 14 pt text is about 7.5 pt a character; margins, and nodesep between nodes
        let width = |ix: NodeIx| {
            let n = g.node(ix);
            let chars = (n.label.chars().count()).clamp(5, crate::export::shorten::MAX_TEXT);
            chars as f64 * 7.5 + 30.0
        };
        let mut rows: std::collections::HashMap<(u32, u32), f64> = Default::default();
        for &ix in nodes {
            let (c, r) = (self.column_of[ix.index()], self.rank_of[ix.index()]);
            *rows.entry((c, r)).or_default() += width(ix);
        }
        let mut across: std::collections::BTreeMap<u32, f64> = Default::default();
        for (&(c, _), &w) in &rows {
            let a = across.entry(c).or_default();
            *a = a.max(w);
        }
        // the axis labels, and a cluster's margins around each family
        let wide = 90.0 + across.values().map(|w| w + 16.0).sum::<f64>();
        (wide, self.ranks.len() as f64 * 60.0)
    }

    /// Whether an edge drawn from `origin` down to `derived` may rank them: only when the
    /// origin's rank is above the derived node's.
    pub(super) fn points_down(&self, origin: NodeIx, derived: NodeIx) -> bool {
        self.rank_of[origin.index()] < self.rank_of[derived.index()]
    }

    /// The id of the lowest axis node, which the legend hangs below (none for an empty graph).
    pub(super) fn last_axis_node(&self) -> Option<String> {
        self.ranks.last().map(|r| r.axis_id())
    }

    /// The statements that come before the nodes: the axis, the clusters, the ranks.
    pub(super) fn prelude(
        &self,
        g: &Graph,
        opts: &Options,
        nodes: &[NodeIx],
        orgs: &[Option<NodeIx>],
        mut emit: impl FnMut(Stmt) -> io::Result<()>,
    ) -> io::Result<()> {
        if !self.ranks.is_empty() {
            emit(self.axis())?;
        }
        if opts.cluster_org {
            org_clusters(g, nodes, orgs, &mut emit)?;
        } else {
            self.family_clusters(g, nodes, &mut emit)?;
        }
        self.rank_groups(g, nodes, emit)
    }

    /// `subgraph "axis"`: a plaintext node per rank, labelled with its band on the band's first
    /// level, chained top to bottom by invisible edges.
    fn axis(&self) -> Stmt {
        let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "plaintext"),
            attr("style", "solid"),
        ]))];
        for r in &self.ranks {
            stmts.push(Stmt::Node(Node::new(
                node_id(&r.axis_id()),
                vec![attr("label", &r.axis_label())],
            )));
        }
        for pair in self.ranks.windows(2) {
            stmts.push(edge(
                &pair[0].axis_id(),
                &pair[1].axis_id(),
                vec![attr("style", "invis"), attr("dir", "none")],
            ));
        }
        subgraph("axis", stmts)
    }

    /// A borderless cluster per family of two or more, largest first, then one for the lone
    /// nodes (families of one, and nodes in no family).
    fn family_clusters(
        &self,
        g: &Graph,
        nodes: &[NodeIx],
        mut emit: impl FnMut(Stmt) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut members: Vec<Vec<NodeIx>> = vec![Vec::new(); self.columns.len()];
        for &ix in nodes {
            if let Some(m) = members.get_mut(self.column_of[ix.index()] as usize) {
                m.push(ix);
            }
        }
        for (column, members) in self.columns.iter().zip(members) {
            let id = match column.name {
                Some(name) => format!("cluster_family:{}", g.node(name).id),
                None => "cluster_lone".to_string(),
            };
            let mut stmts = vec![Stmt::Attribute(attr("peripheries", "0"))];
            stmts.extend(members.iter().map(|&ix| member(g, ix)));
            emit(subgraph(&id, stmts))?;
        }
        Ok(())
    }

    /// A `rank=same` subgraph per rank: its axis node and its nodes, family by family.
    fn rank_groups(
        &self,
        g: &Graph,
        nodes: &[NodeIx],
        mut emit: impl FnMut(Stmt) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut members: Vec<Vec<NodeIx>> = vec![Vec::new(); self.ranks.len()];
        for &ix in nodes {
            members[self.rank_of[ix.index()] as usize].push(ix);
        }
        for (r, mut members) in self.ranks.iter().zip(members) {
            // stable: by family, then by id as `nodes` are
            members.sort_by_key(|ix| self.column_of[ix.index()]);
            let axis = r.axis_id();
            let mut stmts = vec![
                Stmt::Attribute(attr("rank", "same")),
                Stmt::Node(Node::new(node_id(&axis), vec![])),
            ];
            stmts.extend(members.iter().map(|&ix| member(g, ix)));
            emit(subgraph(&format!("rank:{}", &axis["axis:".len()..]), stmts))?;
        }
        Ok(())
    }
}
