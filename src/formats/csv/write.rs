//! The Gephi spreadsheet CSV exporter: `nodes.csv` and `edges.csv` (RFC 4180 via the csv crate,
//! UTF-8, no BOM).
//!
//! `nodes.csv` columns: the node attributes' CSV columns in the schema's table
//! ([`crate::formats::schema::NODES`]: `Id`, `Label`, `Kind`, `Released`, `Sizes`, `Organization`,
//! `Sizes_b`, `Aliases`, `Links`, `Description`, `Origin_source`, `Origin_file`, `Origin_line`,
//! `Origin_text`, `Origin_url`, `Corrections`, `Sources`, `More_evidence`), then one column per
//! extra attribute name (the union over all nodes, sorted; a name equal to a fixed column,
//! ignoring case, or starting with `attr_` gets an `attr_` prefix, so a reader strips one leading
//! `attr_` and has the name back). Lists (`Sizes`, `Sizes_b`, `Aliases`, `Links`, `Corrections`,
//! `Sources`, `More_evidence`) are JSON text so they read back losslessly; an empty list is an
//! empty cell. `Sources` are the kinds of source naming the node (`["curated","list"]`; derived
//! from its evidence, not read back), `More_evidence` the evidence beyond its origin
//! (`Node::also`) as records. `Released` is the date as known (`2023-02` or `2023-02-15`);
//! `Organization` is the label of the node's organization (derived, not node data).
//! An absent optional text (`Description`, `Origin_text`, ...) is an empty cell, an empty one a
//! lone `'`. Attribute cells are typed by their spelling: `true`/`false` a boolean, a plain integer
//! a long, a number with `.` or an exponent a double (written so it has one: `2.0`), anything else
//! text; a text that would read as another type, or is empty, is written after a `'` (the
//! spreadsheet marker for "this is text"). Non-finite doubles are left out.
//!
//! `edges.csv` columns: the edge attributes' CSV columns ([`crate::formats::schema::EDGES`]:
//! `Source`, `Target`, `Type`, `Kind`, `Id`, `Label`, `Weight`, `Evidence_source`, `Evidence_file`,
//! `Evidence_line`, `Evidence_text`, `Evidence_url`, `Sources`, `More_evidence`: the last two as
//! for nodes, beyond the first evidence). `Type` is always `Directed`, `Kind` and `Label` are the
//! relation (Gephi keeps parallel edges of different `Kind` apart), `Weight` is 1 (0 would delete
//! the edge), `Id` is `<source>-><target>:<relation>` (`#2`, `#3`, ... on repeated edges).
//!
//! ## Spreadsheet formulas (CSV injection)
//!
//! Every cell goes through [`super::cell`]: a cell that begins with `=`, `+`, `-`, `@`, tab or CR
//! is written after a single quote `'` (OWASP's advice), so a spreadsheet shows it as text and
//! never runs it as a formula. Plain decimal numbers (`-3`, `+1.5e3`) are left alone: a spreadsheet
//! reads them as numbers, not formulas. A cell that itself begins with `'` gets one more `'`, so
//! the rule is unambiguous: a reader removes exactly one leading `'` from any cell that has one
//! ([`super::uncell`]) and gets the text back, byte for byte.

use super::{attr_cell, attr_header, cell, opt_cell};
use crate::formats::chunks;
use crate::formats::schema::{
    Derived, EDGES, EdgeAt, EdgeAttr, NODES, NodeAttr, Value, csv_columns,
};
use crate::graph::{EdgeIx, Graph, NodeIx};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Gephi's dialect: RFC 4180 with CRLF line ends.
fn gephi() -> ::csv::WriterBuilder {
    let mut b = ::csv::WriterBuilder::new();
    b.terminator(::csv::Terminator::CRLF);
    b
}

/// Writes the header, then a row per item, formatted by `row` in chunks on every core (the same
/// bytes as one by one), in the CSV dialect of `dialect`. `row(out, i, item, scratch)` writes item
/// number `i`'s cells; `scratch` is a text buffer kept for the chunk, so rows need not allocate.
pub(crate) fn write_rows<W: Write, T: Sync>(
    mut w: W,
    dialect: &::csv::WriterBuilder,
    header: impl IntoIterator<Item = impl AsRef<[u8]>>,
    items: &[T],
    warm: impl Fn(&T, usize) + Sync,
    row: impl Fn(&mut ::csv::Writer<Vec<u8>>, usize, &T, &mut String) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let mut out = dialect.from_writer(&mut w);
    out.write_record(header)?;
    out.flush()?;
    drop(out);
    let format = |buf: &mut Vec<u8>, first: usize, chunk: &[T], ahead: &dyn Fn(usize)| {
        let mut out = dialect.from_writer(std::mem::take(buf));
        let mut scratch = String::new();
        for (i, item) in chunk.iter().enumerate() {
            ahead(i);
            row(&mut out, first + i, item, &mut scratch)?;
            out.write_record(None::<&[u8]>)?;
        }
        *buf = out.into_inner().map_err(|e| e.into_error())?;
        Ok(0)
    };
    chunks::write(&mut w, items, warm, format)?;
    w.flush()
}

/// Writes `nodes.csv`, its rows formatted in chunks on every core (the same bytes).
pub fn write_nodes<W: Write>(g: &Graph, w: W) -> io::Result<()> {
    let columns = csv_columns(&NODES);
    let fixed: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let attrs: Vec<NodeAttr> = columns.iter().map(|c| c.1).collect();
    let attr_names: BTreeSet<&str> = g
        .inner()
        .node_weights()
        .flat_map(|n| n.attrs.keys().map(crate::model::Name::as_str))
        .collect();
    let header = fixed.iter().map(|c| c.to_string()).chain(
        attr_names
            .iter()
            .map(|name| cell(&attr_header(name, &fixed)).into_owned()),
    );
    let (nodes, derived) = Derived::sorted(g, &attrs);
    write_rows(
        w,
        &gephi(),
        header,
        &nodes,
        |&ix: &NodeIx, stage| derived.warm(g, ix, stage),
        |out, _, &ix, scratch| {
            let at = derived.at(g, ix);
            for a in &attrs {
                field(out, a.value(&at), scratch)?;
            }
            for name in &attr_names {
                let v = at.node.attrs.get(name);
                let cell = v.as_ref().map(attr_cell).unwrap_or_default();
                out.write_field(cell.as_bytes())?;
            }
            Ok(())
        },
    )
}

/// Writes `edges.csv`, its rows formatted in chunks on every core (the same bytes).
pub fn write_edges<W: Write>(g: &Graph, w: W) -> io::Result<()> {
    let columns = csv_columns(&EDGES);
    let attrs: Vec<EdgeAttr> = columns.iter().map(|c| c.1).collect();
    let (edges, numbers) = g.edges_sorted_numbered();
    write_rows(
        w,
        &gephi(),
        columns.iter().map(|c| c.0),
        &edges,
        |&e: &EdgeIx, stage| g.warm_edge(e, stage),
        |out, i, &e, id| {
            let at = EdgeAt::new(g, e, i, numbers[i]);
            for a in &attrs {
                field(out, a.value(&at), id)?;
            }
            Ok(())
        },
    )
}

/// Writes a value as one cell: a text through [`cell`], an optional one through [`opt_cell`], the
/// organization by its label, an edge's id as `<source>-><target>:<relation>` (built in `id`),
/// anything else (which no spreadsheet runs) as its plain text, an absent value as an empty cell.
#[inline(always)]
fn field(out: &mut ::csv::Writer<Vec<u8>>, v: Value, id: &mut String) -> io::Result<()> {
    match v {
        Value::Text(t) => out.write_field(cell(t).as_bytes())?,
        Value::OptText(t) => out.write_field(opt_cell(t).as_bytes())?,
        Value::Node(n) => {
            out.write_field(n.map(|n| cell(&n.label)).unwrap_or_default().as_bytes())?
        }
        Value::EdgeId(at) => {
            edge_id(at, id);
            out.write_field(cell(id).as_bytes())?
        }
        v => {
            if !v.with_text(|s| Ok(out.write_field(s)?))? {
                out.write_field("")?
            }
        }
    }
    Ok(())
}

/// `<source>-><target>:<relation>`, with `#2`, `#3`, ... on a repeated edge.
fn edge_id(at: &EdgeAt, id: &mut String) {
    id.clear();
    id.push_str(&at.source.id);
    id.push_str("->");
    id.push_str(&at.target.id);
    id.push(':');
    id.push_str(at.edge.relation.as_str());
    if at.repeat > 1 {
        id.push('#');
        id.push_str(itoa::Buffer::new().format(at.repeat));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Name, Node, NodeKind, Relation};

    #[test]
    fn repeated_edges_are_numbered_across_chunk_boundaries() {
        let src = Name::new("t");
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let mut node = |id: &str| {
            g.add_node(Node::new(id, id, NodeKind::Model, ev.clone()))
                .unwrap()
        };
        let (a, b, c) = (node("a"), node("b"), node("c"));
        // 5,000 equal edges: more than a chunk, so the numbering runs across a chunk's start
        for _ in 0..5000 {
            g.add_edge_unchecked(a, b, Edge::new(Relation::FineTunedFrom, ev.clone()));
        }
        g.add_edge(a, c, Edge::new(Relation::MergedFrom, ev.clone()));
        let mut buf = Vec::new();
        write_edges(&g, &mut buf).unwrap();
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
