//! The `neo4j-admin database import` CSV exporter: `neo4j/nodes.csv` and `neo4j/relationships.csv`.
//!
//! `nodes.csv` columns: [`NODE_COLUMNS`], then one typed column per extra attribute name (the
//! union over all nodes, sorted: `name:boolean` or `name:long` when every value is one, `name:double`
//! for numbers, else a string; `:` in a name becomes `_`, a name taken by a fixed column gets an
//! `attr_` prefix). `:LABEL` is `Model`, `Organization` or `Method`; `released:date` is `YYYY-MM-DD`
//! (day 1 where only the month is known; `released_text` keeps the date as known). Arrays are
//! joined by `;` (a `;` inside an element becomes `,`); an empty array is an empty cell, which
//! neo4j-admin leaves out.
//!
//! `relationships.csv` columns: [`EDGE_COLUMNS`]; `:TYPE` is the relation in UPPER_SNAKE
//! (`FINE_TUNED_FROM`), `lineage` says whether lineage queries follow it.
//!
//! Text columns (ids, names, arrays of text, descriptions, evidence, text attributes) go through
//! the Gephi exporter's [`cell`]: a cell a spreadsheet could run as a formula (first character
//! `=`, `+`, `-`, `@`, tab or CR, and not a plain number) or that begins with `'` is written after
//! a single quote `'` (OWASP's advice on CSV injection); remove one leading `'` to get the text
//! back. Numbers, dates, booleans, labels and relation types are never changed.
//!
//! Text may hold line breaks (quoted, RFC 4180): import with `--multiline-fields=true`, e.g.
//! `neo4j-admin database import full --nodes=neo4j/nodes.csv --relationships=neo4j/relationships.csv
//! --multiline-fields=true`. The id space is `Entity`.

use crate::export::Options;
use crate::export::chunks;
use crate::formats::csv::cell;
use crate::graph::Graph;
use crate::model::{AttrValue, NodeKind, Relation};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The fixed columns of `neo4j/nodes.csv`.
pub const NODE_COLUMNS: [&str; 15] = [
    "id:ID(Entity)",
    "name",
    ":LABEL",
    "kind",
    "released:date",
    "sizes_b:float[]",
    "sizes:string[]",
    "released_text",
    "aliases:string[]",
    "description",
    "origin_source",
    "origin_file",
    "origin_line:int",
    "origin_text",
    "origin_url",
];

/// The columns of `neo4j/relationships.csv`.
pub const EDGE_COLUMNS: [&str; 10] = [
    ":START_ID(Entity)",
    ":END_ID(Entity)",
    ":TYPE",
    "relation",
    "lineage:boolean",
    "evidence_source",
    "evidence_file",
    "evidence_line:int",
    "evidence_text",
    "evidence_url",
];

/// The Neo4j label of a node kind.
pub fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Model => "Model",
        NodeKind::Organization => "Organization",
        NodeKind::Method => "Method",
    }
}

/// The type of an attribute column, widened over every value it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttrType {
    Boolean,
    Long,
    Double,
    Text,
}

impl AttrType {
    fn of(v: &AttrValue) -> AttrType {
        match v {
            AttrValue::Bool(_) => AttrType::Boolean,
            AttrValue::Int(_) => AttrType::Long,
            AttrValue::Float(_) => AttrType::Double,
            AttrValue::Text(_) => AttrType::Text,
        }
    }

    fn widen(self, other: AttrType) -> AttrType {
        use AttrType::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Long, Double) | (Double, Long) => Double,
            _ => Text,
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            AttrType::Boolean => ":boolean",
            AttrType::Long => ":long",
            AttrType::Double => ":double",
            AttrType::Text => "",
        }
    }
}

fn array<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().replace(';', ","))
        .collect::<Vec<_>>()
        .join(";")
}

/// A text cell, made safe for spreadsheets.
fn text(s: &str) -> String {
    cell(s).into_owned()
}

fn writer<W: Write>(w: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new().from_writer(w)
}

/// Writes `neo4j/nodes.csv`.
pub fn write_nodes<W: Write>(g: &Graph, mut w: W, _opts: &Options) -> io::Result<()> {
    let mut types: BTreeMap<&str, AttrType> = BTreeMap::new();
    for n in g.inner().node_weights() {
        for (k, v) in &n.attrs {
            let t = AttrType::of(v);
            types
                .entry(k.as_str())
                .and_modify(|old| *old = old.widen(t))
                .or_insert(t);
        }
    }
    let mut header: Vec<String> = NODE_COLUMNS.iter().map(|c| c.to_string()).collect();
    let property = |c: &str| c.split(':').next().unwrap_or_default().to_ascii_lowercase();
    let mut taken: std::collections::HashSet<String> =
        NODE_COLUMNS.iter().map(|c| property(c)).collect();
    for (name, t) in &types {
        let mut prop = name.replace(':', "_");
        while taken.contains(&prop.to_ascii_lowercase()) {
            prop = format!("attr_{prop}");
        }
        taken.insert(prop.to_ascii_lowercase());
        header.push(format!("{prop}{}", t.suffix()));
    }
    let mut out = writer(&mut w);
    out.write_record(&header)?;
    out.flush()?;
    drop(out);
    let nodes = g.nodes_sorted();
    let warm = |&ix: &crate::graph::NodeIx, stage: usize| g.warm_node(ix, stage);
    let format =
        |buf: &mut Vec<u8>, _: usize, chunk: &[crate::graph::NodeIx], ahead: &dyn Fn(usize)| {
            let mut out = writer(std::mem::take(buf));
            let mut cells: Vec<String> = Vec::with_capacity(header.len());
            for (i, &ix) in chunk.iter().enumerate() {
                ahead(i);
                let n = g.node(ix);
                cells.clear();
                cells.push(text(&n.id));
                cells.push(text(&n.label));
                cells.push(label(n.kind).to_string());
                cells.push(n.kind.as_str().to_string());
                cells.push(n.released.map(|d| d.iso_day()).unwrap_or_default());
                cells.push(array(n.sizes_b.iter().map(|x| x.to_string())));
                cells.push(text(&array(&n.sizes)));
                cells.push(n.released.map(|d| d.to_string()).unwrap_or_default());
                cells.push(text(&array(&n.aliases)));
                cells.push(text(n.description.as_deref().unwrap_or_default()));
                cells.push(text(&n.origin.source));
                cells.push(text(n.origin.file.as_deref().unwrap_or_default()));
                cells.push(n.origin.line.map(|l| l.to_string()).unwrap_or_default());
                cells.push(text(n.origin.text.as_deref().unwrap_or_default()));
                cells.push(text(n.origin.url.as_deref().unwrap_or_default()));
                for (name, t) in &types {
                    cells.push(match n.attrs.get(*name) {
                        None => String::new(),
                        Some(v) if *t == AttrType::Text => text(&v.to_string()),
                        Some(v) => v.to_string(),
                    });
                }
                out.write_record(&cells)?;
            }
            *buf = out.into_inner().map_err(|e| e.into_error())?;
            Ok(0)
        };
    chunks::write(&mut w, &nodes, warm, format)?;
    w.flush()
}

/// Writes `neo4j/relationships.csv`, its rows formatted in chunks on every core (the same bytes).
pub fn write_edges<W: Write>(g: &Graph, mut w: W, _opts: &Options) -> io::Result<()> {
    let mut out = writer(&mut w);
    out.write_record(EDGE_COLUMNS)?;
    out.flush()?;
    drop(out);
    let edges = g.edges_sorted();
    // each relation's relationship type (its name in upper case), by relation
    let upper: Vec<String> = Relation::ALL
        .iter()
        .map(|r| r.as_str().to_ascii_uppercase())
        .collect();
    let mut types = [""; Relation::ALL.len()];
    for (r, u) in Relation::ALL.iter().zip(&upper) {
        types[*r as usize] = u;
    }
    let warm = |&e: &crate::graph::EdgeIx, stage: usize| g.warm_edge(e, stage);
    let format =
        |buf: &mut Vec<u8>, _: usize, chunk: &[crate::graph::EdgeIx], ahead: &dyn Fn(usize)| {
            let mut out = writer(std::mem::take(buf));
            for (i, &e) in chunk.iter().enumerate() {
                ahead(i);
                let (s, t) = g.endpoints(e);
                let edge = g.edge(e);
                let ev = &edge.evidence;
                let relation = edge.relation.as_str();
                // cells borrowed where nothing needs changing: nothing allocated per edge
                let mut line = itoa::Buffer::new();
                let cells = [
                    cell(&g.node(s).id),
                    cell(&g.node(t).id),
                    Cow::Borrowed(types[edge.relation as usize]),
                    Cow::Borrowed(relation),
                    Cow::Borrowed(if edge.relation.is_lineage() {
                        "true"
                    } else {
                        "false"
                    }),
                    cell(&ev.source),
                    cell(ev.file.as_deref().unwrap_or_default()),
                    Cow::Borrowed(ev.line.map(|l| line.format(l)).unwrap_or_default()),
                    cell(ev.text.as_deref().unwrap_or_default()),
                    cell(ev.url.as_deref().unwrap_or_default()),
                ];
                out.write_record(cells.iter().map(|c| c.as_bytes()))?;
            }
            *buf = out.into_inner().map_err(|e| e.into_error())?;
            Ok(0)
        };
    chunks::write(&mut w, &edges, warm, format)?;
    w.flush()
}
