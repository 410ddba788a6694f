//! The family-tree layout, computed once for every drawing that wants it: time runs down a
//! labelled vertical axis, each family is a column of its own, organizations sit in a band at the
//! bottom. The HTML page is drawn at the positions [`layout`] computes; the Graphviz drawing
//! (`export::dot`) takes the same bands ([`slots`]), families ([`columns`]) and levels inside a
//! band ([`band_levels`]) as constraints and leaves the positions to `dot`.
//!
//! - **Time.** Each node is in a band: its release year, or its quarter where a year holds more
//!   than [`QUARTERS_OVER`] dated nodes (a date with the year alone then has a band of its own
//!   before the first quarter), then one `undated` band, then the `organizations` band. Only
//!   bands that hold a node are drawn, earliest at the top.
//! - **Families.** The graph's families ([`Graph::families`]: the models, and the methods, joined
//!   by lineage) of two or more members are columns side by side, largest first (then by the id
//!   of their name); the lone nodes (families of one, and the datasets and applications, which
//!   are in no family) share one last column.
//! - **Inside a band and a column** nodes are put on levels so that a base in the same band sits
//!   above what derives from it, and each level is cut into rows of at most the column's width.
//!   A row is ordered by where the nodes' bases were placed (their mean column), so a line of
//!   descent runs straight down where it can; ties go by id.
//!
//! Positions are integers (the centre of each node), so the output is the same on every run.

use crate::graph::{Graph, NodeIx};
use crate::model::{Date, NodeKind};
use std::collections::BTreeMap;

/// The width of one node's cell.
pub(crate) const CELL_W: i32 = 160;
/// The height of one row.
pub(crate) const ROW_H: i32 = 44;
/// The room left of the first column, for the axis labels.
pub(crate) const AXIS_W: i32 = 120;
/// The room above the first row, for the family names.
pub(crate) const HEADER_H: i32 = 40;
/// The gap between two columns.
pub(crate) const COLUMN_GAP: i32 = 40;
/// A year with more dated nodes than this is drawn as quarters.
pub(crate) const QUARTERS_OVER: usize = 8;
/// Every column may hold at least this many nodes side by side before it wraps a level.
const MIN_WRAP: usize = 6;

/// A horizontal band of the drawing: a stretch of time, or the undated nodes, or organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    Year(u16),
    /// Dates with the year alone, in a year drawn as quarters.
    YearOnly(u16),
    /// A quarter, 1 to 4.
    Quarter(u16, u8),
    Undated,
    Organizations,
}

impl Slot {
    /// The order bands are drawn in, top to bottom.
    fn key(self) -> (u32, u8) {
        match self {
            Slot::Year(y) | Slot::YearOnly(y) => (u32::from(y), 0),
            Slot::Quarter(y, q) => (u32::from(y), q),
            Slot::Undated => (u32::MAX, 0),
            Slot::Organizations => (u32::MAX, 1),
        }
    }

    /// The label on the axis: `2023`, `2023 Q3`, `2023 (month?)`, `undated`, `organizations`.
    pub(crate) fn label(self) -> String {
        match self {
            Slot::Year(y) => y.to_string(),
            Slot::YearOnly(y) => format!("{y} (month?)"),
            Slot::Quarter(y, q) => format!("{y} Q{q}"),
            Slot::Undated => "undated".to_string(),
            Slot::Organizations => "organizations".to_string(),
        }
    }
}

impl PartialOrd for Slot {
    fn partial_cmp(&self, other: &Slot) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Slot {
    fn cmp(&self, other: &Slot) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// Where a node is drawn: its centre, and its column (none for organizations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub x: i32,
    pub y: i32,
    pub column: Option<u32>,
    pub slot: Slot,
}

/// A column: one family (named by a member) or the lone nodes (no name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    pub name: Option<NodeIx>,
    /// Left edge and width.
    pub x: i32,
    pub width: i32,
    pub members: usize,
}

/// A band on the time axis: its top edge and height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Band {
    pub slot: Slot,
    pub y: i32,
    pub height: i32,
}

/// The whole layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Each node's place, by node index.
    pub places: Vec<Place>,
    pub columns: Vec<Column>,
    pub bands: Vec<Band>,
    pub width: i32,
    pub height: i32,
}

/// The families as columns: each node's column (`u32::MAX` for organizations), and the columns
/// (name and size; positions come later): the graph's families of two or more members
/// ([`Graph::families`]) largest first, then one column for the lone nodes (families of one and
/// the datasets and applications, which are in no family).
pub(crate) fn columns(g: &Graph, kinds: &[NodeKind]) -> (Vec<u32>, Vec<Column>) {
    let n = g.node_count();
    let fams = g.families(kinds, &g.descendant_counts());
    let mut cols: Vec<Column> = (0..fams.len())
        .filter(|&f| fams.size(f) > 1)
        .map(|f| Column {
            name: Some(fams.name(f)),
            x: 0,
            width: 0,
            members: fams.size(f),
        })
        .collect();
    let lone = cols.len() as u32;
    let mut column_of = vec![u32::MAX; n];
    for ix in g.node_indices() {
        if kinds[ix.index()] == NodeKind::Organization {
            continue;
        }
        // the families of two or more come first in the graph's order, so their place is their column
        column_of[ix.index()] = match fams.of(ix) {
            Some(f) if fams.size(f) > 1 => f as u32,
            _ => lone,
        };
    }
    let lone_members = column_of.iter().filter(|&&c| c == lone).count();
    if lone_members > 0 {
        cols.push(Column {
            name: None,
            x: 0,
            width: 0,
            members: lone_members,
        });
    }
    (column_of, cols)
}

/// Each node's band (by node index).
pub(crate) fn slots(g: &Graph, kinds: &[NodeKind]) -> Vec<Slot> {
    let mut per_year: BTreeMap<u16, usize> = BTreeMap::new();
    for ix in g.node_indices() {
        if kinds[ix.index()] != NodeKind::Organization
            && let Some(d) = g.node(ix).released
        {
            *per_year.entry(d.year).or_default() += 1;
        }
    }
    let crowded = |y: u16| per_year.get(&y).is_some_and(|&c| c > QUARTERS_OVER);
    let slot = |kind: NodeKind, date: Option<Date>| match (kind, date) {
        (NodeKind::Organization, _) => Slot::Organizations,
        (_, None) => Slot::Undated,
        (_, Some(d)) if !crowded(d.year) => Slot::Year(d.year),
        (_, Some(d)) if d.month == 0 => Slot::YearOnly(d.year),
        (_, Some(d)) => Slot::Quarter(d.year, d.month.div_ceil(3)),
    };
    g.node_indices()
        .map(|ix| slot(kinds[ix.index()], g.node(ix).released))
        .collect()
}

/// Each node's level in its cell (its band in its column): 0 with no base in the cell, else one
/// below its lowest base there ([`levels_over`] the family edges inside cells).
fn levels(g: &Graph, kinds: &[NodeKind], column_of: &[u32], slot_of: &[Slot]) -> Vec<u32> {
    let same_cell = |s: usize, t: usize| {
        s != t
            && column_of[s] != u32::MAX
            && column_of[s] == column_of[t]
            && slot_of[s] == slot_of[t]
    };
    levels_over(
        g.node_count(),
        g.family_edges(kinds).filter(|&(s, t)| same_cell(s, t)),
    )
}

/// Each node's level in its band, for a drawing that gives every level of a band a row across
/// the whole picture: 0 with no origin in the band, else one below its lowest origin there,
/// over every edge but `developed_by` between two nodes of one band (organizations are left at
/// 0). So a base sits above what derives from it, and a method above the models trained with it.
pub(crate) fn band_levels(g: &Graph, kinds: &[NodeKind], slot_of: &[Slot]) -> Vec<u32> {
    let edges = g
        .inner()
        .raw_edges()
        .iter()
        .filter(|e| e.weight.relation != crate::model::Relation::DevelopedBy)
        .map(|e| (e.source().index(), e.target().index()))
        .filter(|&(s, t)| {
            s != t
                && kinds[s] != NodeKind::Organization
                && kinds[t] != NodeKind::Organization
                && slot_of[s] == slot_of[t]
        });
    levels_over(g.node_count(), edges)
}

/// Levels over `edges` (derived, origin) among `n` nodes: 0 for a node with no origin among
/// them, else one more than its highest origin. Kahn's order; nodes on a cycle keep the level
/// their other origins gave them.
fn levels_over(n: usize, edges: impl Iterator<Item = (usize, usize)>) -> Vec<u32> {
    let mut derived: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut bases = vec![0u32; n];
    for (s, t) in edges {
        derived[t].push(s as u32);
        bases[s] += 1;
    }
    let mut level = vec![0u32; n];
    let mut todo: Vec<usize> = (0..n).filter(|&i| bases[i] == 0).collect();
    while let Some(t) = todo.pop() {
        for &s in &derived[t] {
            let s = s as usize;
            level[s] = level[s].max(level[t] + 1);
            bases[s] -= 1;
            if bases[s] == 0 {
                todo.push(s);
            }
        }
    }
    level
}

/// A group of nodes laid out together: one level of one column in one band.
pub(crate) type GroupKey = (Slot, u32, u32);
/// The rows to fill: each group's nodes in id order.
pub(crate) type Groups = BTreeMap<GroupKey, Vec<NodeIx>>;

/// The layout of the whole graph (see the module documentation).
pub(crate) fn layout(g: &Graph) -> Layout {
    let kinds = g.kinds();
    let (column_of, mut cols) = columns(g, &kinds);
    let slot_of = slots(g, &kinds);
    let level = levels(g, &kinds, &column_of, &slot_of);
    let mut groups = Groups::new();
    for ix in g.nodes_sorted() {
        let i = ix.index();
        if column_of[i] != u32::MAX {
            groups
                .entry((slot_of[i], column_of[i], level[i]))
                .or_default()
                .push(ix);
        }
    }
    let wrap = wraps(&cols, &groups);
    let mut x = AXIS_W;
    for (c, w) in cols.iter_mut().zip(&wrap) {
        c.x = x;
        c.width = *w as i32 * CELL_W;
        x += c.width + COLUMN_GAP;
    }
    let width = (x - COLUMN_GAP).max(AXIS_W + CELL_W);
    let (mut bands, first_row) = bands(&groups, &wrap);
    let mut placer = Placer {
        g,
        kinds: &kinds,
        column_of: &column_of,
        places: vec![
            Place {
                x: 0,
                y: 0,
                column: None,
                slot: Slot::Organizations,
            };
            g.node_count()
        ],
        col_in_column: vec![None; g.node_count()],
    };
    for (&(slot, c, lvl), members) in &groups {
        let left = cols[c as usize].x;
        let top = HEADER_H + first_row[&(slot, c, lvl)] * ROW_H;
        placer.place(members, wrap[c as usize], (left, top), (c, slot));
    }
    let mut places = placer.places;
    let height = organizations(g, &kinds, &mut places, &mut bands, width);
    Layout {
        places,
        columns: cols,
        bands,
        width,
        height,
    }
}

/// Each column's width in nodes: its widest level, but no more than the larger of
/// [`MIN_WRAP`] and the square root of its size (so a huge family grows down as well as across).
/// The DOT drawing wraps its rows at the same widths.
pub(crate) fn wraps(cols: &[Column], groups: &Groups) -> Vec<usize> {
    let mut widest = vec![1usize; cols.len()];
    for (&(_, c, _), members) in groups {
        let w = &mut widest[c as usize];
        *w = (*w).max(members.len());
    }
    cols.iter()
        .zip(widest)
        .map(|(c, w)| w.min(MIN_WRAP.max(c.members.isqrt() + 1)))
        .collect()
}

/// The bands of the dated and undated nodes (top edges from [`HEADER_H`]), and the first row of
/// each group counted from the top of the drawing's rows.
fn bands(groups: &Groups, wrap: &[usize]) -> (Vec<Band>, BTreeMap<GroupKey, i32>) {
    let mut bands: Vec<Band> = Vec::new();
    let mut first = BTreeMap::new();
    // rows used so far in the current band, per column
    let mut used: BTreeMap<u32, i32> = BTreeMap::new();
    let mut top = 0i32;
    let close = |b: &mut Band, top: &mut i32, used: &BTreeMap<u32, i32>| {
        *top += used.values().copied().max().unwrap_or(1);
        b.height = HEADER_H + *top * ROW_H - b.y;
    };
    for (&(slot, c, lvl), members) in groups {
        if bands.last().is_none_or(|b| b.slot != slot) {
            if let Some(b) = bands.last_mut() {
                close(b, &mut top, &used);
            }
            used.clear();
            bands.push(Band {
                slot,
                y: HEADER_H + top * ROW_H,
                height: 0,
            });
        }
        let u = used.entry(c).or_default();
        first.insert((slot, c, lvl), top + *u);
        *u += members.len().div_ceil(wrap[c as usize]) as i32;
    }
    if let Some(b) = bands.last_mut() {
        close(b, &mut top, &used);
    }
    (bands, first)
}

/// Puts the nodes of one cell's level at a time, remembering where each went.
struct Placer<'a> {
    g: &'a Graph,
    kinds: &'a [NodeKind],
    column_of: &'a [u32],
    places: Vec<Place>,
    /// Each placed node's column inside its family's column.
    col_in_column: Vec<Option<usize>>,
}

impl Placer<'_> {
    /// Where node `ix` would like to be in its family's column: the mean column of its bases
    /// placed so far in the same column and of its own kind, if any.
    fn wish(&self, ix: NodeIx) -> Option<usize> {
        let i = ix.index();
        let (mut sum, mut count) = (0usize, 0usize);
        for (_, t) in self.g.lineage_out(ix) {
            let t = t.index();
            let same = self.kinds[t] == self.kinds[i] && self.column_of[t] == self.column_of[i];
            if let (true, Some(k)) = (t != i && same, self.col_in_column[t]) {
                sum += k;
                count += 1;
            }
        }
        (count > 0).then(|| (2 * sum + count) / (2 * count))
    }

    /// Places one level of one cell, cut into rows of at most `wrap` nodes, from `(left, top)`:
    /// ordered by [`Placer::wish`] (nodes with none first), then by id (the order of
    /// `members`); each row keeps that order and puts every node as near its wish as room allows.
    fn place(&mut self, members: &[NodeIx], wrap: usize, (left, top): (i32, i32), at: (u32, Slot)) {
        let mut wished: Vec<(Option<usize>, usize, NodeIx)> = members
            .iter()
            .enumerate()
            .map(|(k, &ix)| (self.wish(ix), k, ix))
            .collect();
        wished.sort();
        for (r, row) in wished.chunks(wrap.max(1)).enumerate() {
            let want: Vec<usize> = row.iter().map(|w| w.0.unwrap_or(0)).collect();
            for (k, &(_, _, ix)) in spread(&want, wrap).into_iter().zip(row) {
                self.col_in_column[ix.index()] = Some(k);
                self.places[ix.index()] = Place {
                    x: left + k as i32 * CELL_W + CELL_W / 2,
                    y: top + r as i32 * ROW_H + ROW_H / 2,
                    column: Some(at.0),
                    slot: at.1,
                };
            }
        }
    }
}

/// Distinct increasing columns in `0..wrap` for wishes in increasing order (at most `wrap`
/// of them), each as near its wish as the others leave room for.
fn spread(want: &[usize], wrap: usize) -> Vec<usize> {
    let mut at: Vec<usize> = Vec::with_capacity(want.len());
    for (k, &w) in want.iter().enumerate() {
        let lowest = at.last().map_or(0, |&p| p + 1);
        at.push(w.max(lowest).max(k));
    }
    let mut highest = wrap;
    for a in at.iter_mut().rev() {
        highest -= 1;
        *a = (*a).min(highest);
        highest = *a;
    }
    at
}

/// Puts the organizations in rows as wide as the drawing in a band below the others, in id
/// order, and returns the drawing's height.
fn organizations(
    g: &Graph,
    kinds: &[NodeKind],
    places: &mut [Place],
    bands: &mut Vec<Band>,
    width: i32,
) -> i32 {
    let top = bands.last().map_or(HEADER_H, |b| b.y + b.height);
    let orgs: Vec<NodeIx> = g
        .nodes_sorted()
        .into_iter()
        .filter(|ix| kinds[ix.index()] == NodeKind::Organization)
        .collect();
    if orgs.is_empty() {
        return top;
    }
    let per_row = ((width - AXIS_W) / CELL_W).max(1) as usize;
    for (k, ix) in orgs.iter().enumerate() {
        places[ix.index()] = Place {
            x: AXIS_W + (k % per_row) as i32 * CELL_W + CELL_W / 2,
            y: top + (k / per_row) as i32 * ROW_H + ROW_H / 2,
            column: None,
            slot: Slot::Organizations,
        };
    }
    let height = orgs.len().div_ceil(per_row) as i32 * ROW_H;
    bands.push(Band {
        slot: Slot::Organizations,
        y: top,
        height,
    });
    top + height
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Node, Relation};

    fn graph(nodes: &[(&str, NodeKind, Option<&str>)], edges: &[(&str, &str, Relation)]) -> Graph {
        let src: crate::model::Name = "test".into();
        let mut g = Graph::new();
        for (id, kind, date) in nodes {
            let mut n = Node::new(
                id.to_string(),
                id.to_string(),
                *kind,
                Evidence::at(&src, &src, 1),
            );
            n.released = date.map(|d| d.parse().unwrap());
            g.add_node(n).unwrap();
        }
        for (s, t, r) in edges {
            let (s, t) = (g.index_of(s).unwrap(), g.index_of(t).unwrap());
            g.add_edge(s, t, Edge::new(*r, Evidence::at(&src, &src, 1)));
        }
        g
    }

    fn place(g: &Graph, l: &Layout, id: &str) -> Place {
        l.places[g.index_of(id).unwrap().index()]
    }

    const M: NodeKind = NodeKind::Model;

    #[test]
    fn bases_sit_above_what_derives_from_them_even_in_one_band() {
        let g = graph(
            &[
                ("a", M, Some("2023-02")),
                ("b", M, Some("2023-02")),
                ("c", M, Some("2023-03")),
                ("d", M, Some("2024-01")),
                ("e", M, None),
            ],
            &[
                ("b", "a", Relation::FineTunedFrom),
                ("c", "b", Relation::FineTunedFrom),
                ("d", "c", Relation::SuccessorOf),
                ("e", "d", Relation::VariantOf),
            ],
        );
        let l = layout(&g);
        let y = |id| place(&g, &l, id).y;
        assert!(y("a") < y("b") && y("b") < y("c") && y("c") < y("d") && y("d") < y("e"));
        // a chain runs straight down
        let x = |id| place(&g, &l, id).x;
        assert!(["b", "c", "d", "e"].iter().all(|id| x(id) == x("a")));
        let labels: Vec<String> = l.bands.iter().map(|b| b.slot.label()).collect();
        assert_eq!(labels, ["2023", "2024", "undated"]);
    }

    #[test]
    fn families_are_contiguous_columns_and_lone_nodes_share_the_last() {
        let g = graph(
            &[
                ("a1", M, Some("2023-01")),
                ("a2", M, Some("2023-05")),
                ("a3", M, Some("2023-05")),
                ("b1", M, Some("2022-01")),
                ("b2", M, Some("2023-05")),
                ("lone", M, Some("2023-05")),
                ("org", NodeKind::Organization, None),
            ],
            &[
                ("a2", "a1", Relation::FineTunedFrom),
                ("a3", "a1", Relation::FineTunedFrom),
                ("b2", "b1", Relation::DerivedFrom),
                ("a1", "org", Relation::DevelopedBy),
                ("b1", "org", Relation::DevelopedBy),
            ],
        );
        let l = layout(&g);
        assert_eq!(l.columns.len(), 3);
        assert_eq!(l.columns[0].name, g.index_of("a1"));
        assert_eq!(l.columns[1].name, g.index_of("b1"));
        assert_eq!(l.columns[2].name, None);
        for (c, ids) in [
            (0, ["a1", "a2", "a3"].as_slice()),
            (1, &["b1", "b2"]),
            (2, &["lone"]),
        ] {
            let col = &l.columns[c];
            for id in ids {
                let p = place(&g, &l, id);
                assert_eq!(p.column, Some(c as u32), "{id}");
                assert!(
                    col.x <= p.x && p.x < col.x + col.width,
                    "{id} in its column"
                );
            }
        }
        assert!(l.columns[0].x + l.columns[0].width <= l.columns[1].x);
        let org = place(&g, &l, "org");
        assert_eq!((org.column, org.slot), (None, Slot::Organizations));
        assert!(org.y > place(&g, &l, "a3").y);
        assert!(org.y < l.height);
    }

    #[test]
    fn a_crowded_year_is_drawn_as_quarters() {
        let mut nodes: Vec<(String, Option<&str>)> =
            (1..=12).map(|m| (format!("m{m}"), None)).collect();
        let dates: Vec<String> = (1..=12).map(|m| format!("2023-{m:02}")).collect();
        for (n, d) in nodes.iter_mut().zip(&dates) {
            n.1 = Some(d);
        }
        let mut spec: Vec<(&str, NodeKind, Option<&str>)> =
            nodes.iter().map(|(id, d)| (id.as_str(), M, *d)).collect();
        spec.push(("y", M, Some("2023")));
        spec.push(("old", M, Some("2020-05")));
        let l = layout(&graph(&spec, &[]));
        let labels: Vec<String> = l.bands.iter().map(|b| b.slot.label()).collect();
        assert_eq!(
            labels,
            [
                "2020",
                "2023 (month?)",
                "2023 Q1",
                "2023 Q2",
                "2023 Q3",
                "2023 Q4"
            ]
        );
        for w in l.bands.windows(2) {
            assert_eq!(w[0].y + w[0].height, w[1].y, "bands touch");
        }
    }

    #[test]
    fn cycles_self_loops_and_an_empty_graph_are_laid_out() {
        let g = graph(
            &[("a", M, None), ("b", M, None)],
            &[
                ("a", "b", Relation::DerivedFrom),
                ("b", "a", Relation::DerivedFrom),
                ("a", "a", Relation::VariantOf),
            ],
        );
        let l = layout(&g);
        assert_eq!(l.places.len(), 2);
        assert_eq!(layout(&g), l, "the same layout twice");
        let empty = layout(&Graph::new());
        assert!(empty.places.is_empty() && empty.bands.is_empty());
    }

    #[test]
    fn band_levels_put_every_origin_in_a_band_above_what_it_made() {
        let g = graph(
            &[
                ("qlora", NodeKind::Method, Some("2023-05")),
                ("guanaco", M, Some("2023-05")),
                ("llama", M, Some("2023-02")),
                ("next", M, Some("2024-01")),
                ("uw", NodeKind::Organization, None),
            ],
            &[
                ("guanaco", "qlora", Relation::TrainedWith),
                ("guanaco", "llama", Relation::FineTunedFrom),
                ("next", "guanaco", Relation::SuccessorOf),
                ("guanaco", "uw", Relation::DevelopedBy),
                ("qlora", "uw", Relation::DevelopedBy),
            ],
        );
        let kinds = g.kinds();
        let level = band_levels(&g, &kinds, &slots(&g, &kinds));
        let at = |id| level[g.index_of(id).unwrap().index()];
        // a method above the model trained with it, a base above what derives from it, in one
        // band; across bands, and for organizations, no level
        assert_eq!(
            ["qlora", "llama", "guanaco", "next", "uw"].map(at),
            [0, 0, 1, 0, 0]
        );
        // the page's levels only follow family edges inside one column
        let (column_of, _) = columns(&g, &kinds);
        let page = levels(&g, &kinds, &column_of, &slots(&g, &kinds));
        assert_eq!(page[g.index_of("guanaco").unwrap().index()], 1);
        assert_eq!(page[g.index_of("qlora").unwrap().index()], 0);
    }

    #[test]
    fn rows_keep_wishes_in_order_and_in_range() {
        assert_eq!(spread(&[0, 0, 0], 3), [0, 1, 2]);
        assert_eq!(spread(&[2], 3), [2]);
        assert_eq!(spread(&[5, 5], 3), [1, 2]);
        assert_eq!(spread(&[0, 4, 4], 6), [0, 4, 5]);
    }
}
