//! The DOT drawing's legend, `cluster_legend`, hung below the last band of the time axis: a
//! table naming the organization of each fill colour (also when organization nodes are hidden),
//! and a sample line of each relation drawn, with its name.
//!
//! - **Colours.** One entry per organization that gives a drawn node its colour (its first
//!   organization by id, or the one it remembers when organizations were filtered out), in
//!   label order, four to a row, with `(no organization)` last when a node has none. Over
//!   [`MAX_ORGS`] organizations, those colouring the most nodes are named and a last row says
//!   how many more there are. The table is an HTML-like label: its text escaped by quick-xml.
//! - **Lines.** Per relation present, in vocabulary order: two tiny points joined by an edge in
//!   the relation's style and colour, labelled with the relation's name, all on one row.

use super::{attr, edge, node_id, subgraph};
use crate::formats::style::{NO_ORG, Rgb, color_for, dot_edge_style};
use crate::graph::{Graph, NodeIx};
use crate::model::{AttrValue, KnownAttr, NodeKind, Relation};
use graphviz_rust::dot_structures::{Attribute, GraphAttributes, Id, Node, Stmt};
use std::collections::{BTreeMap, BTreeSet};
use std::io;

/// The most organizations the legend names.
pub(super) const MAX_ORGS: usize = 48;
/// The most bytes of an organization's name the legend shows (its table of up to [`MAX_ORGS`]
/// names is one Graphviz string).
const LEGEND_TEXT: usize = 120;
/// Organizations per row of the colour table.
const PER_ROW: usize = 4;
/// The id of the colour table node.
pub(super) const ORGANIZATIONS: &str = "legend:organizations";

/// One colour of the drawing and whom it stands for.
struct Entry {
    label: String,
    id: String,
    color: Rgb,
    nodes: usize,
}

/// The colour entries: one per organization colouring a drawn node, plus one for nodes with
/// none; sorted by label (case-insensitive), then id, `(no organization)` last.
fn entries(g: &Graph, nodes: &[NodeIx], orgs: &[Option<NodeIx>]) -> (Vec<Entry>, usize) {
    let mut by_id: BTreeMap<Option<&str>, Entry> = BTreeMap::new();
    for &ix in nodes {
        let n = g.node(ix);
        if n.kind == NodeKind::Organization {
            continue;
        }
        let (id, label) = match orgs[ix.index()] {
            Some(o) => (Some(g.node(o).id.as_str()), g.node(o).label.as_str()),
            None => match n.known_attr(KnownAttr::RememberedOrganization) {
                Some(AttrValue::Text(id)) => {
                    (Some(id.as_str()), g.remembered_org_label(id).unwrap_or(id))
                }
                _ => (None, "(no organization)"),
            },
        };
        by_id
            .entry(id)
            .or_insert_with(|| Entry {
                label: label.to_string(),
                id: id.unwrap_or_default().to_string(),
                color: color_for(g, ix, orgs[ix.index()]),
                nodes: 0,
            })
            .nodes += 1;
    }
    let none = by_id.remove(&None);
    let mut list: Vec<Entry> = by_id.into_values().collect();
    let more = list.len().saturating_sub(MAX_ORGS);
    if more > 0 {
        list.sort_by(|a, b| b.nodes.cmp(&a.nodes).then_with(|| a.id.cmp(&b.id)));
        list.truncate(MAX_ORGS);
    }
    list.sort_by(|a, b| (a.label.to_lowercase(), &a.id).cmp(&(b.label.to_lowercase(), &b.id)));
    list.extend(none.map(|e| Entry { color: NO_ORG, ..e }));
    (list, more)
}

/// Text for an HTML-like label: control characters dropped, the rest escaped by quick-xml.
fn html_text(text: &str) -> String {
    let clean: String = crate::export::shorten::text(text, LEGEND_TEXT)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// The colour table: a title row, then rows of (swatch, name) cells.
fn color_table(entries: &[Entry], more: usize) -> Id {
    let cols = entries.len().clamp(1, PER_ROW);
    let mut t = String::from("<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\">");
    t.push_str(&format!(
        "<TR><TD COLSPAN=\"{}\" ALIGN=\"LEFT\"><B>Colour: organization</B></TD></TR>",
        2 * cols
    ));
    for row in entries.chunks(cols) {
        t.push_str("<TR>");
        for e in row {
            t.push_str(&format!(
                "<TD BGCOLOR=\"{}\" WIDTH=\"14\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\"></TD>\
                 <TD ALIGN=\"LEFT\">{}</TD>",
                e.color.hex(),
                html_text(&e.label)
            ));
        }
        t.push_str("</TR>");
    }
    if more > 0 {
        t.push_str(&format!(
            "<TR><TD COLSPAN=\"{}\" ALIGN=\"LEFT\">and {more} more organizations</TD></TR>",
            2 * cols
        ));
    }
    t.push_str("</TABLE>>");
    Id::Html(t)
}

/// The ids of a relation's sample points.
fn sample_ends(r: Relation) -> (String, String) {
    (format!("legend:{r}:a"), format!("legend:{r}:b"))
}

/// The row of relation samples: a title, then per relation two points joined in its style.
fn relation_row(present: &BTreeSet<Relation>) -> Vec<Stmt> {
    let mut row = vec![
        Stmt::Attribute(attr("rank", "same")),
        Stmt::Node(Node::new(
            node_id("legend:relations"),
            vec![
                attr("shape", "plaintext"),
                attr(
                    "label",
                    "Line: relation (arrowheads point at what it derives from)",
                ),
            ],
        )),
    ];
    let mut samples = Vec::new();
    // invisible edges from the title to the first sample and from each sample to the next keep
    // the row in order, left to right (`dot` orders by flat edges of weight above 0 only)
    let mut left = "legend:relations".to_string();
    for &r in present {
        let (style, color) = dot_edge_style(r);
        let (a, b) = sample_ends(r);
        for end in [&a, &b] {
            row.push(Stmt::Node(Node::new(
                node_id(end),
                vec![
                    attr("shape", "point"),
                    attr("style", "filled"),
                    attr("width", "0.08"),
                    attr("color", color),
                    attr("fillcolor", color),
                ],
            )));
        }
        samples.push(edge(
            &a,
            &b,
            vec![
                attr("style", style),
                attr("color", color),
                attr("dir", "none"),
                attr("label", r.as_str()),
            ],
        ));
        samples.push(edge(
            &left,
            &a,
            vec![attr("style", "invis"), attr("dir", "none")],
        ));
        left = b;
    }
    let mut stmts = vec![subgraph("legend_row", row)];
    stmts.extend(samples);
    stmts
}

/// `cluster_legend` and the invisible edges that hang it below `last_axis` (the lowest axis
/// node); nothing when the drawing has no edge and no node to colour.
pub(super) fn legend(
    g: &Graph,
    nodes: &[NodeIx],
    orgs: &[Option<NodeIx>],
    last_axis: Option<String>,
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    let present: BTreeSet<Relation> = g
        .inner()
        .raw_edges()
        .iter()
        .map(|e| e.weight.relation)
        .collect();
    let (entries, more) = entries(g, nodes, orgs);
    let Some(last_axis) = last_axis else {
        return Ok(());
    };
    if present.is_empty() && entries.is_empty() {
        return Ok(());
    }
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::GAttribute(GraphAttributes::Node(vec![attr("style", "solid")])),
    ];
    let mut above = last_axis;
    let mut ties = Vec::new();
    if !entries.is_empty() {
        stmts.push(Stmt::Node(Node::new(
            node_id(ORGANIZATIONS),
            vec![
                attr("shape", "plaintext"),
                Attribute(Id::Plain("label".into()), color_table(&entries, more)),
            ],
        )));
        ties.push((above, ORGANIZATIONS.to_string()));
        above = ORGANIZATIONS.to_string();
    }
    if !present.is_empty() {
        stmts.extend(relation_row(&present));
        ties.push((above, "legend:relations".to_string()));
    }
    emit(subgraph("cluster_legend", stmts))?;
    for (from, to) in ties {
        emit(edge(&from, &to, invisible()))?;
    }
    Ok(())
}

/// The attributes of an invisible edge that hangs the legend below the axis (weight 0: it
/// pulls nothing sideways).
fn invisible() -> Vec<Attribute> {
    vec![
        attr("style", "invis"),
        attr("dir", "none"),
        attr("weight", "0"),
    ]
}
