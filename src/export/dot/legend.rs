//! The DOT drawing's legend, `cluster_legend`, hung below the last band of the time axis: a
//! table naming the organization of each fill colour (also when organization nodes are hidden),
//! and a sample line of each relation drawn, with its name.
//!
//! - **Colours.** One entry per coloured organization (the [`Colors`] of the drawn graph: those
//!   colouring the most nodes, most first), four to a row, then `other (N)` for the N
//!   organizations sharing the neutral colour, and `(no organization)` last when a node has
//!   none. The table is an HTML-like label: its text escaped by quick-xml.
//! - **Lines.** Per relation present, in vocabulary order: two tiny points joined by an edge in
//!   the relation's style and colour, with its arrowhead at the left (the origin, as in the
//!   drawing), labelled with the relation's name, all on one row.

use super::{attr, edge, node_id, subgraph};
use crate::formats::style::{Colors, NO_ORG, OTHER_ORG, Rgb, dot_edge_style};
use crate::graph::Graph;
use crate::model::Relation;
use graphviz_rust::dot_structures::{Attribute, GraphAttributes, Id, Node, Stmt};
use std::collections::BTreeSet;
use std::io;

/// The most bytes of an organization's name the legend shows (its table is one Graphviz
/// string).
const LEGEND_TEXT: usize = 120;
/// Organizations per row of the colour table.
const PER_ROW: usize = 4;
/// The id of the colour table node.
pub(super) const ORGANIZATIONS: &str = "legend:organizations";

/// One colour of the drawing and whom it stands for.
struct Entry {
    label: String,
    color: Rgb,
}

/// The colour entries: the coloured organizations, most nodes first (see [`Colors`]), then
/// `other (N)` for the organizations sharing the neutral colour, then `(no organization)` when
/// a drawn node has none.
fn entries(g: &Graph, colors: &Colors) -> Vec<Entry> {
    let mut list: Vec<Entry> = colors
        .colored()
        .iter()
        .map(|(id, _)| Entry {
            label: org_label(g, id).to_string(),
            color: colors.org(id),
        })
        .collect();
    let (others, _) = colors.others();
    if others > 0 {
        list.push(Entry {
            label: format!("other ({others})"),
            color: OTHER_ORG,
        });
    }
    if colors.without() > 0 {
        list.push(Entry {
            label: "(no organization)".to_string(),
            color: NO_ORG,
        });
    }
    list
}

/// The label of organization `id`: its node's, or the one remembered when it was filtered out.
fn org_label<'a>(g: &'a Graph, id: &'a str) -> &'a str {
    match g.index_of(id) {
        Some(ix) => &g.node(ix).label,
        None => g.remembered_org_label(id).unwrap_or(id),
    }
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
fn color_table(entries: &[Entry]) -> Id {
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
                attr("arrowsize", "0.7"),
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
    colors: &Colors,
    last_axis: Option<String>,
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    let present: BTreeSet<Relation> = g
        .inner()
        .raw_edges()
        .iter()
        .map(|e| e.weight.relation)
        .collect();
    let entries = entries(g, colors);
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
                Attribute(Id::Plain("label".into()), color_table(&entries)),
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
