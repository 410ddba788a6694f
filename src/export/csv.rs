//! The Gephi spreadsheet CSV exporter: `nodes.csv` and `edges.csv` (RFC 4180 via the csv crate, UTF-8, no BOM).
//!
//! `nodes.csv` columns: [`NODE_COLUMNS`], then one column per extra attribute name (the union over
//! all nodes, sorted; a name equal to a fixed column, ignoring case, gets an `attr_` prefix).
//! Lists (`Sizes`, `Sizes_b`, `Aliases`, `Links`, `Corrections`) are JSON text so they read back
//! losslessly; an empty list is an empty cell. `Released` is the date as known (`2023-02` or
//! `2023-02-15`); `Organization` is the label of the node's organization.
//!
//! `edges.csv` columns: [`EDGE_COLUMNS`]. `Type` is always `Directed`, `Kind` and `Label` are the
//! relation (Gephi keeps parallel edges of different `Kind` apart), `Weight` is 1 (0 would delete
//! the edge), `Id` is `<source>-><target>:<relation>` (`#2`, `#3`, ... on repeated edges).
//!
//! Every cell goes through [`cell`], the one place where spreadsheet formula defusing (OWASP CSV
//! injection) is to be added.

use crate::export::Options;
use crate::export::style::org_of;
use crate::graph::Graph;
use crate::model::AttrValue;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The fixed columns of `nodes.csv`.
pub const NODE_COLUMNS: [&str; 16] = [
    "Id",
    "Label",
    "Kind",
    "Released",
    "Sizes",
    "Organization",
    "Sizes_b",
    "Aliases",
    "Links",
    "Description",
    "Origin_source",
    "Origin_file",
    "Origin_line",
    "Origin_text",
    "Origin_url",
    "Corrections",
];

/// The columns of `edges.csv`.
pub const EDGE_COLUMNS: [&str; 12] = [
    "Source",
    "Target",
    "Type",
    "Kind",
    "Id",
    "Label",
    "Weight",
    "Evidence_source",
    "Evidence_file",
    "Evidence_line",
    "Evidence_text",
    "Evidence_url",
];

/// Every cell's text passes here on its way into a Gephi CSV file. It returns the text unchanged
/// for now; defusing cells that start with `=`, `+`, `-`, `@`, tab or CR belongs here.
pub fn cell(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

fn json_list<T: serde::Serialize>(items: &[T]) -> io::Result<String> {
    if items.is_empty() {
        Ok(String::new())
    } else {
        serde_json::to_string(items).map_err(io::Error::other)
    }
}

fn writer<W: Write>(w: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(w)
}

/// Writes a row, every cell through [`cell`].
fn row<W: Write, S: AsRef<str>>(out: &mut ::csv::Writer<W>, cells: &[S]) -> io::Result<()> {
    out.write_record(cells.iter().map(|c| cell(c.as_ref()).into_owned()))
        .map_err(io::Error::from)
}

fn attr_text(v: &AttrValue) -> String {
    v.to_string()
}

/// Writes `nodes.csv`.
pub fn write_nodes<W: Write>(g: &Graph, w: W, _opts: &Options) -> io::Result<()> {
    let attr_names: BTreeSet<&str> = g
        .inner()
        .node_weights()
        .flat_map(|n| n.attrs.keys().map(String::as_str))
        .collect();
    let mut out = writer(w);
    let mut header: Vec<String> = NODE_COLUMNS.iter().map(|c| c.to_string()).collect();
    for name in &attr_names {
        let taken = NODE_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name));
        header.push(if taken {
            format!("attr_{name}")
        } else {
            name.to_string()
        });
    }
    row(&mut out, &header)?;
    let mut cells: Vec<String> = Vec::with_capacity(header.len());
    for ix in g.nodes_sorted() {
        let n = g.node(ix);
        cells.clear();
        cells.push(n.id.clone());
        cells.push(n.label.clone());
        cells.push(n.kind.as_str().to_string());
        cells.push(n.released.map(|d| d.to_string()).unwrap_or_default());
        cells.push(json_list(&n.sizes)?);
        cells.push(
            org_of(g, ix)
                .map(|o| g.node(o).label.clone())
                .unwrap_or_default(),
        );
        cells.push(json_list(&n.sizes_b)?);
        cells.push(json_list(&n.aliases)?);
        cells.push(json_list(&n.links)?);
        cells.push(n.description.clone().unwrap_or_default());
        cells.push(n.origin.source.to_string());
        cells.push(n.origin.file.as_deref().unwrap_or_default().to_string());
        cells.push(n.origin.line.map(|l| l.to_string()).unwrap_or_default());
        cells.push(n.origin.text.clone().unwrap_or_default());
        cells.push(n.origin.url.clone().unwrap_or_default());
        cells.push(json_list(&n.corrections)?);
        for name in &attr_names {
            cells.push(n.attrs.get(*name).map(attr_text).unwrap_or_default());
        }
        row(&mut out, &cells)?;
    }
    out.flush()
}

/// Writes `edges.csv`.
pub fn write_edges<W: Write>(g: &Graph, w: W, _opts: &Options) -> io::Result<()> {
    let mut out = writer(w);
    row(&mut out, &EDGE_COLUMNS)?;
    let mut previous: Option<(crate::graph::NodeIx, crate::graph::NodeIx, _)> = None;
    let mut repeat = 1;
    for e in g.edges_sorted() {
        let (s, t) = g.endpoints(e);
        let edge = g.edge(e);
        let key = (s, t, edge.relation);
        // edges come sorted by (source, target, relation), so repeats are neighbours
        repeat = if previous == Some(key) { repeat + 1 } else { 1 };
        previous = Some(key);
        let (source, target) = (&g.node(s).id, &g.node(t).id);
        let relation = edge.relation.as_str();
        let mut id = format!("{source}->{target}:{relation}");
        if repeat > 1 {
            id.push_str(&format!("#{repeat}"));
        }
        let ev = &edge.evidence;
        row(
            &mut out,
            &[
                source.as_str(),
                target.as_str(),
                "Directed",
                relation,
                &id,
                relation,
                "1",
                &ev.source,
                ev.file.as_deref().unwrap_or_default(),
                &ev.line.map(|l| l.to_string()).unwrap_or_default(),
                ev.text.as_deref().unwrap_or_default(),
                ev.url.as_deref().unwrap_or_default(),
            ],
        )?;
    }
    out.flush()
}
