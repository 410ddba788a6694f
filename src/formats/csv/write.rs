//! The Gephi spreadsheet CSV exporter: `nodes.csv` and `edges.csv` (RFC 4180 via the csv crate, UTF-8, no BOM).
//!
//! `nodes.csv` columns: [`NODE_COLUMNS`], then one column per extra attribute name (the union over
//! all nodes, sorted; a name equal to a fixed column, ignoring case, or starting with `attr_`
//! gets an `attr_` prefix, so a reader strips one leading `attr_` and has the name back).
//! Lists (`Sizes`, `Sizes_b`, `Aliases`, `Links`, `Corrections`) are JSON text so they read back
//! losslessly; an empty list is an empty cell. `Released` is the date as known (`2023-02` or
//! `2023-02-15`); `Organization` is the label of the node's organization (derived, not node data).
//! An absent optional text (`Description`, `Origin_text`, ...) is an empty cell, an empty one a
//! lone `'`. Attribute cells are typed by their spelling: `true`/`false` a boolean, a plain
//! integer a long, a number with `.` or an exponent a double (written so it has one: `2.0`),
//! anything else text; a text that would read as another type, or is empty, is written after a
//! `'` (the spreadsheet marker for "this is text"). Non-finite doubles are left out.
//!
//! `edges.csv` columns: [`EDGE_COLUMNS`]. `Type` is always `Directed`, `Kind` and `Label` are the
//! relation (Gephi keeps parallel edges of different `Kind` apart), `Weight` is 1 (0 would delete
//! the edge), `Id` is `<source>-><target>:<relation>` (`#2`, `#3`, ... on repeated edges).
//!
//! ## Spreadsheet formulas (CSV injection)
//!
//! Every cell goes through [`cell`]: a cell that begins with `=`, `+`, `-`, `@`, tab or CR is
//! written after a single quote `'` (OWASP's advice), so a spreadsheet shows it as text and never
//! runs it as a formula. Plain decimal numbers (`-3`, `+1.5e3`) are left alone: a spreadsheet
//! reads them as numbers, not formulas. A cell that itself begins with `'` gets one more `'`, so
//! the rule is unambiguous: a reader removes exactly one leading `'` from any cell that has one
//! ([`uncell`]) and gets the text back, byte for byte.

use super::{attr_cell, attr_header, cell, opt_cell};
use crate::export::Options;
use crate::export::chunks;
use crate::export::style::organizations;
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::model::NodeKind;
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

/// Writes a row of cells already made safe (through [`cell`], [`opt_cell`] or [`attr_cell`]).
fn row<W: Write, S: AsRef<str>>(out: &mut ::csv::Writer<W>, cells: &[S]) -> io::Result<()> {
    out.write_record(cells.iter().map(|c| c.as_ref()))
        .map_err(io::Error::from)
}

/// Writes `nodes.csv`, its rows formatted in chunks on every core (the same bytes).
pub fn write_nodes<W: Write>(g: &Graph, mut w: W, _opts: &Options) -> io::Result<()> {
    let attr_names: BTreeSet<&str> = g
        .inner()
        .node_weights()
        .flat_map(|n| n.attrs.keys().map(String::as_str))
        .collect();
    let mut header: Vec<String> = NODE_COLUMNS.iter().map(|c| c.to_string()).collect();
    for name in &attr_names {
        header.push(cell(&attr_header(name, &NODE_COLUMNS)).into_owned());
    }
    let mut out = writer(&mut w);
    row(&mut out, &header)?;
    out.flush()?;
    drop(out);
    let orgs = organizations(g);
    let nodes = g.nodes_sorted();
    let warm = |&ix: &NodeIx, stage: usize| {
        g.warm_node(ix, stage);
        if stage == 1 {
            orgs.warm(ix);
        }
    };
    let format = |buf: &mut Vec<u8>, _: usize, chunk: &[NodeIx], ahead: &dyn Fn(usize)| {
        let mut out = writer(std::mem::take(buf));
        let mut cells: Vec<Cow<str>> = Vec::with_capacity(header.len());
        for (i, &ix) in chunk.iter().enumerate() {
            ahead(i);
            let n = g.node(ix);
            cells.clear();
            cells.push(cell(&n.id));
            cells.push(cell(&n.label));
            cells.push(Cow::Borrowed(n.kind.as_str()));
            cells.push(Cow::Owned(
                n.released.map(|d| d.to_string()).unwrap_or_default(),
            ));
            cells.push(Cow::Owned(json_list(&n.sizes)?));
            // the node's organization: itself for an organization, else its first by id
            let org = match n.kind {
                NodeKind::Organization => Some(ix),
                _ => orgs.of(ix).first().copied(),
            };
            cells.push(org.map(|o| cell(&g.node(o).label)).unwrap_or_default());
            cells.push(Cow::Owned(json_list(&n.sizes_b)?));
            cells.push(Cow::Owned(json_list(&n.aliases)?));
            cells.push(Cow::Owned(json_list(&n.links)?));
            cells.push(opt_cell(n.description.as_deref()));
            cells.push(cell(&n.origin.source));
            cells.push(opt_cell(n.origin.file.as_deref()));
            cells.push(Cow::Owned(
                n.origin.line.map(|l| l.to_string()).unwrap_or_default(),
            ));
            cells.push(opt_cell(n.origin.text.as_deref()));
            cells.push(opt_cell(n.origin.url.as_deref()));
            cells.push(Cow::Owned(json_list(&n.corrections)?));
            for name in &attr_names {
                cells.push(n.attrs.get(*name).map(attr_cell).unwrap_or_default());
            }
            row(&mut out, &cells)?;
        }
        *buf = out.into_inner().map_err(|e| e.into_error())?;
        Ok(0)
    };
    chunks::write(&mut w, &nodes, warm, format)?;
    w.flush()
}

/// Writes `edges.csv`, its rows formatted in chunks on every core (the same bytes).
pub fn write_edges<W: Write>(g: &Graph, mut w: W, _opts: &Options) -> io::Result<()> {
    let mut out = writer(&mut w);
    row(&mut out, &EDGE_COLUMNS)?;
    out.flush()?;
    drop(out);
    let (edges, numbers) = g.edges_sorted_numbered();
    let warm = |&e: &EdgeIx, stage: usize| g.warm_edge(e, stage);
    let format = |buf: &mut Vec<u8>, first: usize, chunk: &[EdgeIx], ahead: &dyn Fn(usize)| {
        let mut out = writer(std::mem::take(buf));
        // one id buffer and stack-held numbers for the chunk: nothing allocated per edge
        let mut id = String::new();
        for (i, &e) in chunk.iter().enumerate() {
            ahead(i);
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            let repeat = numbers[first + i];
            let (source, target) = (&g.node(s).id, &g.node(t).id);
            let relation = edge.relation.as_str();
            id.clear();
            id.push_str(source);
            id.push_str("->");
            id.push_str(target);
            id.push(':');
            id.push_str(relation);
            if repeat > 1 {
                id.push('#');
                id.push_str(itoa::Buffer::new().format(repeat));
            }
            let ev = &edge.evidence;
            let mut line = itoa::Buffer::new();
            row(
                &mut out,
                &[
                    cell(source),
                    cell(target),
                    Cow::Borrowed("Directed"),
                    Cow::Borrowed(relation),
                    cell(&id),
                    Cow::Borrowed(relation),
                    Cow::Borrowed("1"),
                    cell(&ev.source),
                    opt_cell(ev.file.as_deref()),
                    Cow::Borrowed(ev.line.map(|l| line.format(l)).unwrap_or_default()),
                    opt_cell(ev.text.as_deref()),
                    opt_cell(ev.url.as_deref()),
                ],
            )?;
        }
        *buf = out.into_inner().map_err(|e| e.into_error())?;
        Ok(0)
    };
    chunks::write(&mut w, &edges, warm, format)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Name, Node, Relation};

    #[test]
    fn repeated_edges_are_numbered_across_chunk_boundaries() {
        let src = Name::new("t");
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let mut node = |id: &str| {
            g.add_node(Node::new(id.into(), id.into(), NodeKind::Model, ev.clone()))
                .unwrap()
        };
        let (a, b, c) = (node("a"), node("b"), node("c"));
        // 5,000 equal edges: more than a chunk, so the numbering runs across a chunk's start
        for _ in 0..5000 {
            g.add_edge_unchecked(
                a,
                b,
                Edge {
                    relation: Relation::FineTunedFrom,
                    evidence: ev.clone(),
                },
            );
        }
        g.add_edge(
            a,
            c,
            Edge {
                relation: Relation::MergedFrom,
                evidence: ev.clone(),
            },
        );
        let mut buf = Vec::new();
        write_edges(&g, &mut buf, &Options::default()).unwrap();
        let mut r = ::csv::Reader::from_reader(buf.as_slice());
        let ids: Vec<String> = r.records().map(|rec| rec.unwrap()[4].to_string()).collect();
        let mut want: Vec<String> = (1..=5000)
            .map(|k| match k {
                1 => "a->b:fine_tuned_from".to_string(),
                k => format!("a->b:fine_tuned_from#{k}"),
            })
            .collect();
        want.push("a->c:merged_from".into());
        assert_eq!(ids, want);
    }
}
