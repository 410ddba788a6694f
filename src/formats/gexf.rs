//! GEXF 1.3 export (`graph.gexf`) for Gephi and its timeline (and NetworkX): typed attribute
//! columns, nodes with a start date, organization colour, size by descendants and shape by kind,
//! edges whose `kind` is the relation so parallel relations stay apart.

use crate::formats::schema::{
    Derived, EDGES, EdgeAt, EdgeAttr, EdgeId, ExtraColumn, NODES, NodeAt, NodeAttr, Row, Value,
    Xml, extra_columns, node_attrs, xml_column_names,
};
use crate::formats::style::Palette;
use crate::formats::xml::XmlWriter;
use crate::graph::Graph;
use crate::model::{Date, NodeKind};
use std::io::{self, Write};

/// Gephi's node shape by kind.
fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Model => "disc",
        NodeKind::Organization => "square",
        NodeKind::Method => "diamond",
        NodeKind::Dataset => "triangle",
        NodeKind::Application => "square",
    }
}

/// The day a node enters the timeline, as an `xsd:date`: the release day, the first of the
/// month when the day is unknown or impossible (`2023-02-30`), none for year 0.
fn timeline_day(d: Date) -> Option<String> {
    if d.year == 0 {
        return None;
    }
    let y = d.year;
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match d.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day = d.day.filter(|&x| x >= 1 && x <= days);
    Some(Date { day, ..d }.iso_day())
}

/// Writes the graph as GEXF 1.3, its organizations coloured by its own [`Palette`].
pub fn write<W: Write>(g: &Graph, w: W) -> io::Result<()> {
    write_counted(g, w, None).map(|_| ())
}

/// Writes the graph as GEXF 1.3, its organizations coloured by `palette` (the whole graph's
/// when `g` is a part of it, as the drawings are), else by `g`'s own; returns how many forbidden
/// characters were replaced by U+FFFD.
pub(crate) fn write_counted<W: Write>(
    g: &Graph,
    w: W,
    palette: Option<&Palette>,
) -> io::Result<u64> {
    let palette = Palette::given_or_own(palette, g);
    let palette = &*palette;
    let columns = extra_columns(g, &xml_column_names(|r| r.gexf, |r| r.gexf));
    let node_attrs: Vec<NodeAttr> = columns_of(&NODES, |r| r.gexf == Xml::Column);
    let edge_attrs: Vec<EdgeAttr> = columns_of(&EDGES, |r| r.gexf == Xml::Column);
    let (nodes, derived) = Derived::sorted(g, &node_attrs);

    let mut x = XmlWriter::new(w);
    x.declaration()?;
    x.start(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("version", "1.3"),
        ],
    )?;
    x.start(
        "graph",
        &[
            ("defaultedgetype", "directed"),
            ("mode", "dynamic"),
            ("timeformat", "date"),
        ],
    )?;
    declare(&mut x, &node_attrs, &edge_attrs, &columns)?;

    x.start("nodes", &[("count", &g.node_count().to_string())])?;
    x.write_chunked(
        &nodes,
        |&ix, stage| derived.warm(g, ix, stage),
        |x, _, &ix| write_node(x, &derived.at(g, ix), (&node_attrs, &columns), palette),
    )?;
    x.end("nodes")?;

    x.start("edges", &[("count", &g.edge_count().to_string())])?;
    let edges = g.edges_sorted();
    x.write_chunked(
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |x, i, &e| write_edge(x, &EdgeAt::new(g, e, i, 0), &edge_attrs),
    )?;
    x.end("edges")?;

    x.end("graph")?;
    x.end("gexf")?;
    x.finish()
}

/// The attributes of the rows `pick` picks, in table order.
fn columns_of<A: Copy>(rows: &[Row<A>], pick: fn(&Row<A>) -> bool) -> Vec<A> {
    rows.iter().filter(|r| pick(r)).map(|r| r.attr).collect()
}

/// The node and edge attribute columns, the extra columns after the fixed node columns.
fn declare<W: Write>(
    x: &mut XmlWriter<W>,
    nodes: &[NodeAttr],
    edges: &[EdgeAttr],
    columns: &[ExtraColumn],
) -> io::Result<()> {
    x.start("attributes", &[("class", "node"), ("mode", "static")])?;
    for a in nodes {
        attribute(x, a.row().name, a.row().ty.gexf())?;
    }
    for c in columns {
        attribute(x, &c.name, c.ty.xml())?;
    }
    x.end("attributes")?;
    x.start("attributes", &[("class", "edge"), ("mode", "static")])?;
    for a in edges {
        attribute(x, a.row().name, a.row().ty.gexf())?;
    }
    x.end("attributes")
}

/// A node: its id, label and timeline start, its attribute values, and how Gephi draws it.
fn write_node(
    x: &mut XmlWriter<Vec<u8>>,
    at: &NodeAt,
    (attrs, columns): (&[NodeAttr], &[ExtraColumn]),
    palette: &Palette,
) -> io::Result<()> {
    let n = at.node;
    let start = n.released.and_then(timeline_day);
    match &start {
        Some(s) => x.start("node", &[("id", &n.id), ("label", &n.label), ("start", s)])?,
        None => x.start("node", &[("id", &n.id), ("label", &n.label)])?,
    }
    x.start("attvalues", &[])?;
    for a in attrs {
        value(x, a.row().name, a.value(at))?;
    }
    for (i, v) in node_attrs(columns, &n.attrs) {
        let c = &columns[i];
        if let Some(s) = c.ty.format(&v) {
            attvalue(x, &c.name, &s)?;
        }
    }
    x.end("attvalues")?;
    viz(x, at, palette)?;
    x.end("node")
}

/// The node's colour (its organization's in `palette`, the colour the drawings give it), size
/// (by its descendants) and shape (by its kind).
fn viz(x: &mut XmlWriter<Vec<u8>>, at: &NodeAt, palette: &Palette) -> io::Result<()> {
    let rgb = palette.node(at.g, at.ix);
    let (mut r, mut gr, mut b) = (
        itoa::Buffer::new(),
        itoa::Buffer::new(),
        itoa::Buffer::new(),
    );
    x.empty(
        "viz:color",
        &[
            ("r", r.format(rgb.0)),
            ("g", gr.format(rgb.1)),
            ("b", b.format(rgb.2)),
            ("a", "1.0"),
        ],
    )?;
    x.empty("viz:size", &[("value", &size_for(at.descendants()))])?;
    x.empty("viz:shape", &[("value", shape(at.node.kind))])
}

/// An edge: its id, ends, and relation as `kind` and `label`, and its attribute values.
fn write_edge(x: &mut XmlWriter<Vec<u8>>, at: &EdgeAt, attrs: &[EdgeAttr]) -> io::Result<()> {
    let rel = at.edge.relation.as_str();
    x.start(
        "edge",
        &[
            ("id", &EdgeId::new(at.index)),
            ("source", &at.source.id),
            ("target", &at.target.id),
            ("kind", rel),
            ("label", rel),
        ],
    )?;
    x.start("attvalues", &[])?;
    for a in attrs {
        value(x, a.row().name, a.value(at))?;
    }
    x.end("attvalues")?;
    x.end("edge")
}

fn attribute<W: Write>(x: &mut XmlWriter<W>, id: &str, ty: &str) -> io::Result<()> {
    x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])
}

fn attvalue<W: Write>(x: &mut XmlWriter<W>, id: &str, v: &str) -> io::Result<()> {
    x.empty("attvalue", &[("for", id), ("value", v)])
}

/// `<attvalue for="id" value="..."/>`, nothing for an absent value.
#[inline(always)]
fn value<W: Write>(x: &mut XmlWriter<W>, id: &str, v: Value) -> io::Result<()> {
    v.with_text(|s| attvalue(x, id, s)).map(|_| ())
}

/// `10 + 4·√count`, with two decimals: a node's drawn size by its descendants.
fn size_for(descendants: u64) -> String {
    format!("{:.2}", 10.0 + 4.0 * (descendants as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_days_are_valid_dates() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(timeline_day(d("2023-02")).unwrap(), "2023-02-01");
        assert_eq!(timeline_day(d("2023-07-18")).unwrap(), "2023-07-18");
        assert_eq!(timeline_day(d("2023-02-30")).unwrap(), "2023-02-01");
        assert_eq!(timeline_day(d("2024-02-29")).unwrap(), "2024-02-29");
        assert_eq!(timeline_day(d("2023-04-31")).unwrap(), "2023-04-01");
        assert_eq!(timeline_day(d("0000-01")), None);
    }

    /// Each node of the bundled graph is drawn in its organization's colour, the one the DOT
    /// drawing and the page give it, and a part of the graph keeps the whole graph's colours.
    #[test]
    fn each_nodes_colour_is_its_organizations() {
        let g = crate::ingest::load(&crate::ingest::LoadOptions::default()).unwrap();
        let mut out = Vec::new();
        write(&g, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for ix in g.nodes_sorted() {
            let node = text
                .find(&format!("<node id=\"{}\"", g.node(ix).id))
                .unwrap();
            let color = node + text[node..].find("<viz:color ").unwrap();
            let crate::formats::style::Rgb(r, gr, b) = Palette::of(&g).node(&g, ix);
            let want = format!("<viz:color r=\"{r}\" g=\"{gr}\" b=\"{b}\" a=\"1.0\"/>");
            assert!(
                text[color..].starts_with(&want),
                "{}: {want}",
                g.node(ix).id
            );
        }
    }

    #[test]
    fn sizes_grow_with_the_root_of_the_descendants() {
        assert_eq!(size_for(0), "10.00");
        assert_eq!(size_for(4), "18.00");
    }
}
