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

/// Every cell's text passes here on its way into a CSV file: a text a spreadsheet could run as a
/// formula (first character `=`, `+`, `-`, `@`, tab or CR, and not a plain number) or that
/// begins with `'` is written after a `'`. See the module docs; [`uncell`] undoes it.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = match text.chars().next() {
        Some('\'') => true,
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => !is_plain_number(text),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`cell`]: removes one leading `'`.
pub fn uncell(text: &str) -> &str {
    text.strip_prefix('\'').unwrap_or(text)
}

/// A plain decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`.
pub fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    if !digits(&mut i) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// The attribute value a cell's spelling stands for (see the module docs); `None` for an empty
/// cell (no value). The inverse of [`attr_cell`].
pub fn attr_value(text: &str) -> Option<AttrValue> {
    if text.is_empty() {
        return None;
    }
    if let Some(t) = text.strip_prefix('\'') {
        return Some(AttrValue::Text(t.to_string()));
    }
    Some(infer(text))
}

fn infer(text: &str) -> AttrValue {
    match text {
        "true" => return AttrValue::Bool(true),
        "false" => return AttrValue::Bool(false),
        _ => {}
    }
    if is_plain_number(text) {
        if !text.contains(['.', 'e', 'E'])
            && let Ok(i) = text.parse::<i64>()
        {
            return AttrValue::Int(i);
        }
        if let Ok(x) = text.parse::<f64>() {
            return AttrValue::Float(x);
        }
    }
    AttrValue::Text(text.to_string())
}

/// An attribute value as a cell that [`attr_value`] reads back as the same value and type.
pub fn attr_cell(v: &AttrValue) -> Cow<'_, str> {
    match v {
        AttrValue::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        AttrValue::Int(i) => Cow::Owned(i.to_string()),
        // Debug keeps a `.0` or an exponent, so the number reads back as a double
        AttrValue::Float(x) if x.is_finite() => Cow::Owned(format!("{x:?}")),
        AttrValue::Float(_) => Cow::Borrowed(""),
        AttrValue::Text(s) if s.is_empty() || !matches!(infer(s), AttrValue::Text(_)) => {
            Cow::Owned(format!("'{s}"))
        }
        AttrValue::Text(s) => cell(s),
    }
}

/// An optional text: empty when absent, a lone `'` when empty, else through [`cell`].
pub fn opt_cell(v: Option<&str>) -> Cow<'_, str> {
    match v {
        None => Cow::Borrowed(""),
        Some("") => Cow::Borrowed("'"),
        Some(s) => cell(s),
    }
}

/// Undoes [`opt_cell`].
pub fn opt_uncell(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| uncell(text).to_string())
}

/// The header of an attribute column: the name, after `attr_` when it equals a fixed column
/// (ignoring case) or itself starts with `attr_`.
pub fn attr_header(name: &str, fixed: &[&str]) -> String {
    let prefixed = name
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("attr_"));
    if prefixed || fixed.iter().any(|c| c.eq_ignore_ascii_case(name)) {
        format!("attr_{name}")
    } else {
        name.to_string()
    }
}

/// Undoes [`attr_header`].
pub fn attr_name(header: &str) -> &str {
    match header.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("attr_") => &header[5..],
        _ => header,
    }
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

/// Writes a row of cells already made safe (through [`cell`], [`opt_cell`] or [`attr_cell`]).
fn row<W: Write, S: AsRef<str>>(out: &mut ::csv::Writer<W>, cells: &[S]) -> io::Result<()> {
    out.write_record(cells.iter().map(|c| c.as_ref()))
        .map_err(io::Error::from)
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
        header.push(cell(&attr_header(name, &NODE_COLUMNS)).into_owned());
    }
    row(&mut out, &header)?;
    let mut cells: Vec<String> = Vec::with_capacity(header.len());
    for ix in g.nodes_sorted() {
        let n = g.node(ix);
        cells.clear();
        cells.push(cell(&n.id).into_owned());
        cells.push(cell(&n.label).into_owned());
        cells.push(n.kind.as_str().to_string());
        cells.push(n.released.map(|d| d.to_string()).unwrap_or_default());
        cells.push(json_list(&n.sizes)?);
        cells.push(
            org_of(g, ix)
                .map(|o| cell(&g.node(o).label).into_owned())
                .unwrap_or_default(),
        );
        cells.push(json_list(&n.sizes_b)?);
        cells.push(json_list(&n.aliases)?);
        cells.push(json_list(&n.links)?);
        cells.push(opt_cell(n.description.as_deref()).into_owned());
        cells.push(cell(&n.origin.source).into_owned());
        cells.push(opt_cell(n.origin.file.as_deref()).into_owned());
        cells.push(n.origin.line.map(|l| l.to_string()).unwrap_or_default());
        cells.push(opt_cell(n.origin.text.as_deref()).into_owned());
        cells.push(opt_cell(n.origin.url.as_deref()).into_owned());
        cells.push(json_list(&n.corrections)?);
        for name in &attr_names {
            cells.push(
                n.attrs
                    .get(*name)
                    .map(|v| attr_cell(v).into_owned())
                    .unwrap_or_default(),
            );
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
                cell(source),
                cell(target),
                Cow::Borrowed("Directed"),
                Cow::Borrowed(relation),
                cell(&id),
                Cow::Borrowed(relation),
                Cow::Borrowed("1"),
                cell(&ev.source),
                opt_cell(ev.file.as_deref()),
                Cow::Owned(ev.line.map(|l| l.to_string()).unwrap_or_default()),
                opt_cell(ev.text.as_deref()),
                opt_cell(ev.url.as_deref()),
            ],
        )?;
    }
    out.flush()
}
