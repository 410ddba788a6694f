//! GEXF 1.3 export (`graph.gexf`) for Gephi and its timeline (and NetworkX): typed attribute
//! columns, nodes with a start date, organization colour, size by descendants and shape by kind,
//! edges whose `kind` is the relation so parallel relations stay apart.

use crate::export::{Options, style};
use crate::formats::xml::{AttrType, EdgeId, XmlWriter, attr_columns, node_attrs, size_for};
use crate::graph::Graph;
use crate::model::{Date, Evidence, NodeKind};
use std::io::{self, Write};

/// The fixed node columns: (id and title, type).
pub const NODE_ATTRIBUTES: [(&str, &str); 16] = [
    ("kind", "string"),
    ("aliases", "string"),
    ("released", "string"),
    ("sizes", "string"),
    ("sizes_b", "string"),
    ("organization", "string"),
    ("organizations", "string"),
    ("descendants", "long"),
    ("links", "string"),
    ("description", "string"),
    ("origin_source", "string"),
    ("origin_file", "string"),
    ("origin_line", "integer"),
    ("origin_text", "string"),
    ("origin_url", "string"),
    ("corrections", "string"),
];

/// The edge columns: (id and title, type).
pub const EDGE_ATTRIBUTES: [(&str, &str); 6] = [
    ("relation", "string"),
    ("evidence_source", "string"),
    ("evidence_file", "string"),
    ("evidence_line", "integer"),
    ("evidence_text", "string"),
    ("evidence_url", "string"),
];

fn gexf_type(t: AttrType) -> &'static str {
    match t {
        AttrType::Bool => "boolean",
        AttrType::Long => "long",
        AttrType::Double => "double",
        AttrType::Text => "string",
    }
}

/// Gephi's node shape by kind.
fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Model => "disc",
        NodeKind::Organization => "square",
        NodeKind::Method => "diamond",
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

/// Writes the graph as GEXF 1.3.
pub fn write<W: Write>(g: &Graph, w: W, opts: &Options) -> io::Result<()> {
    write_counted(g, w, opts).map(|_| ())
}

/// Writes the graph as GEXF 1.3; returns how many forbidden characters were replaced by U+FFFD.
pub fn write_counted<W: Write>(g: &Graph, w: W, opts: &Options) -> io::Result<u64> {
    let _ = opts; // no GEXF-specific options
    let fixed: Vec<&str> = NODE_ATTRIBUTES
        .iter()
        .chain(EDGE_ATTRIBUTES.iter())
        .map(|(n, _)| *n)
        .collect();
    let columns = attr_columns(g, &fixed);
    let (nodes, descendants) = style::sorted_with_counts(g);

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
    x.start("attributes", &[("class", "node"), ("mode", "static")])?;
    for (id, ty) in NODE_ATTRIBUTES {
        attribute(&mut x, id, ty)?;
    }
    for c in &columns {
        attribute(&mut x, &c.name, gexf_type(c.ty))?;
    }
    x.end("attributes")?;
    x.start("attributes", &[("class", "edge"), ("mode", "static")])?;
    for (id, ty) in EDGE_ATTRIBUTES {
        attribute(&mut x, id, ty)?;
    }
    x.end("attributes")?;

    let organizations = style::organizations(g);
    x.start("nodes", &[("count", &g.node_count().to_string())])?;
    x.write_chunked(
        &nodes,
        |&ix, stage| organizations.warm_with_counts(g, ix, stage, &descendants),
        |x, _, &ix| {
            let n = g.node(ix);
            let start = n.released.and_then(timeline_day);
            match &start {
                Some(s) => x.start("node", &[("id", &n.id), ("label", &n.label), ("start", s)])?,
                None => x.start("node", &[("id", &n.id), ("label", &n.label)])?,
            }
            x.start("attvalues", &[])?;
            value(x, "kind", n.kind.as_str())?;
            list(x, "aliases", &n.aliases)?;
            if let Some(d) = n.released {
                value(x, "released", &d.text())?;
            }
            list(x, "sizes", &n.sizes)?;
            list(x, "sizes_b", &n.sizes_b)?;
            let own = organizations.of(ix);
            let org = match n.kind {
                NodeKind::Organization => Some(ix),
                _ => own.first().copied(),
            };
            if let Some(o) = org {
                value(x, "organization", &g.node(o).id)?;
            }
            let (mut few, mut many) = ([""; 4], Vec::new());
            list(
                x,
                "organizations",
                organizations.ids(g, ix, &mut few, &mut many),
            )?;
            let count = descendants[ix.index()];
            value(x, "descendants", itoa::Buffer::new().format(count))?;
            list(x, "links", &n.links)?;
            if let Some(d) = &n.description {
                value(x, "description", d)?;
            }
            evidence(x, &ORIGIN_IDS, &n.origin)?;
            list(x, "corrections", &n.corrections)?;
            for (i, v) in node_attrs(&columns, &n.attrs) {
                let c = &columns[i];
                if let Some(s) = c.ty.format(v) {
                    value(x, &c.name, &s)?;
                }
            }
            x.end("attvalues")?;
            // the same colour as style::node_color, from the organization found above
            let rgb = org
                .map(|o| style::org_color(&g.node(o).id))
                .unwrap_or_else(|| style::color_for(g, ix, None));
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
            x.empty("viz:size", &[("value", &size_for(count))])?;
            x.empty("viz:shape", &[("value", shape(n.kind))])?;
            x.end("node")
        },
    )?;
    x.end("nodes")?;

    x.start("edges", &[("count", &g.edge_count().to_string())])?;
    let edges = g.edges_sorted();
    x.write_chunked(
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |x, i, &e| {
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            let rel = edge.relation.as_str();
            x.start(
                "edge",
                &[
                    ("id", &EdgeId::new(i)),
                    ("source", &g.node(s).id),
                    ("target", &g.node(t).id),
                    ("kind", rel),
                    ("label", rel),
                ],
            )?;
            x.start("attvalues", &[])?;
            value(x, "relation", rel)?;
            evidence(x, &EVIDENCE_IDS, &edge.evidence)?;
            x.end("attvalues")?;
            x.end("edge")
        },
    )?;
    x.end("edges")?;

    x.end("graph")?;
    x.end("gexf")?;
    x.finish()
}

fn attribute<W: Write>(x: &mut XmlWriter<W>, id: &str, ty: &str) -> io::Result<()> {
    x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])
}

fn value<W: Write>(x: &mut XmlWriter<W>, id: &str, v: &str) -> io::Result<()> {
    x.empty("attvalue", &[("for", id), ("value", v)])
}

/// A list as JSON text, so an importer reads it back exactly; nothing when empty.
fn list<W: Write, T: serde::Serialize>(
    x: &mut XmlWriter<W>,
    id: &str,
    items: &[T],
) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let json = serde_json::to_string(items).map_err(io::Error::other)?;
    value(x, id, &json)
}

/// Attribute ids of an evidence's source, file, line, text and url.
const ORIGIN_IDS: [&str; 5] = [
    "origin_source",
    "origin_file",
    "origin_line",
    "origin_text",
    "origin_url",
];
const EVIDENCE_IDS: [&str; 5] = [
    "evidence_source",
    "evidence_file",
    "evidence_line",
    "evidence_text",
    "evidence_url",
];

/// The evidence's source, file, line, text and url, each only when present.
fn evidence<W: Write>(x: &mut XmlWriter<W>, ids: &[&str; 5], ev: &Evidence) -> io::Result<()> {
    value(x, ids[0], &ev.source)?;
    if let Some(f) = &ev.file {
        value(x, ids[1], f)?;
    }
    if let Some(l) = ev.line {
        value(x, ids[2], &l.to_string())?;
    }
    if let Some(t) = &ev.text {
        value(x, ids[3], t)?;
    }
    if let Some(u) = &ev.url {
        value(x, ids[4], u)?;
    }
    Ok(())
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
}
