//! The `neo4j-admin database import` CSV exporter: `neo4j/nodes.csv` and `neo4j/relationships.csv`.
//!
//! `nodes.csv` columns: the node attributes' Neo4j columns in the schema's table
//! ([`crate::formats::schema::NODES`]: `id:ID(Entity)`, `name`, `:LABEL`, `kind`, `released:date`,
//! `sizes_b:float[]`, `sizes:string[]`, `released_text`, `aliases:string[]`, `description`,
//! `origin_source`, `origin_file`, `origin_line:int`, `origin_text`, `origin_url`,
//! `sources:string[]`, `more_evidence`), then one typed column per extra attribute name (the
//! union over all nodes, sorted: `name:boolean` or `name:long` when every value is one,
//! `name:double` for numbers, else a string; `:` in a name becomes `_`, a name taken by a fixed
//! column gets an `attr_` prefix). `:LABEL` is `Model`, `Organization` or
//! `Method`; `released:date` is `YYYY-MM-DD` (day 1 where only the month is known; `released_text`
//! keeps the date as known). Arrays are joined by U+001F, the unit separator ([`ARRAY_DELIMITER`]:
//! `;` is in names; import with `--array-delimiter=U+001F`); an empty array is an empty cell,
//! which neo4j-admin leaves out.
//!
//! `relationships.csv` columns: the edge attributes' Neo4j columns
//! ([`crate::formats::schema::EDGES`]: `:START_ID(Entity)`, `:END_ID(Entity)`, `:TYPE`, `relation`,
//! `lineage:boolean`, `evidence_source`, `evidence_file`, `evidence_line:int`, `evidence_text`,
//! `evidence_url`, `sources:string[]`, `more_evidence`); `:TYPE` is the relation in UPPER_SNAKE
//! (`FINE_TUNED_FROM`), `lineage` says whether lineage queries follow it.
//!
//! Provenance, on nodes and relationships alike: `sources` are the kinds of source asserting it
//! (`curated` U+001F `list`), `more_evidence` the evidence beyond the origin or first evidence as a JSON
//! list of records (`source`, `file`, `line`, `text`, `url`), empty when there is none.
//!
//! Text columns (ids, names, arrays of text, descriptions, evidence, text attributes) go through
//! the Gephi exporter's [`cell`]: a cell a spreadsheet could run as a formula (first character `=`,
//! `+`, `-`, `@`, tab or CR, and not a plain number) or that begins with `'` is written after a
//! single quote `'` (OWASP's advice on CSV injection); remove one leading `'` to get the text back.
//! Numbers, dates, booleans, labels and relation types are never changed.
//!
//! Text may hold line breaks (quoted, RFC 4180): import with `--multiline-fields=true`, e.g.
//! `neo4j-admin database import full --nodes=neo4j/nodes.csv
//! --relationships=neo4j/relationships.csv --multiline-fields=true --array-delimiter=U+001F`. The id space is `Entity`.

use crate::formats::csv::cell;
use crate::formats::csv::write::write_rows;
use crate::formats::schema::{
    Derived, EDGES, EdgeAt, List, NODES, Neo4jAs, NodeAttr, Sources, Value, neo4j_columns,
};
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::model::{AttrValue, NodeKind, Relation};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The Neo4j label of a node kind.
fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Model => "Model",
        NodeKind::Organization => "Organization",
        NodeKind::Method => "Method",
        NodeKind::Dataset => "Dataset",
        NodeKind::Application => "Application",
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

/// The array delimiter: U+001F, ASCII's unit separator, which no text holds (import with
/// `neo4j-admin database import --array-delimiter=U+001F`). `;`, the usual one, is in names.
pub(crate) const ARRAY_DELIMITER: char = '\u{1f}';

/// The elements of an array cell joined by [`ARRAY_DELIMITER`]; an element holding the delimiter
/// itself (no real text does) has it replaced by a space, so the elements stay apart.
fn array<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(ARRAY_DELIMITER);
        }
        out.extend(s.as_ref().chars().map(|c| match c {
            ARRAY_DELIMITER => ' ',
            c => c,
        }));
    }
    out
}

/// The typed extra columns: every attribute name's type, widened over every value it holds, and
/// its header, which takes no fixed column's property name.
fn extra_columns<'g>(g: &'g Graph, fixed: &[&str]) -> (BTreeMap<&'g str, AttrType>, Vec<String>) {
    let mut types: BTreeMap<&str, AttrType> = BTreeMap::new();
    for n in g.inner().node_weights() {
        for (k, v) in &n.attrs {
            let t = AttrType::of(&v);
            types
                .entry(k.as_str())
                .and_modify(|old| *old = old.widen(t))
                .or_insert(t);
        }
    }
    let property = |c: &str| c.split(':').next().unwrap_or_default().to_ascii_lowercase();
    let mut taken: std::collections::HashSet<String> = fixed.iter().map(|c| property(c)).collect();
    let mut headers = Vec::with_capacity(types.len());
    for (name, t) in &types {
        let mut prop = name.replace(':', "_");
        while taken.contains(&prop.to_ascii_lowercase()) {
            prop = format!("attr_{prop}");
        }
        taken.insert(prop.to_ascii_lowercase());
        headers.push(format!("{prop}{}", t.suffix()));
    }
    (types, headers)
}

/// Writes `neo4j/nodes.csv`, its rows formatted in chunks on every core (the same bytes).
pub(crate) fn write_nodes<W: Write>(g: &Graph, w: W) -> io::Result<()> {
    let columns = neo4j_columns(&NODES);
    let fixed: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let attrs: Vec<(NodeAttr, Neo4jAs)> = columns.iter().map(|c| (c.1, c.2)).collect();
    let (types, extra) = extra_columns(g, &fixed);
    let header = fixed.iter().map(|c| c.to_string()).chain(extra);
    let (nodes, derived) = Derived::sorted(g, &[]);
    write_rows(
        w,
        &::csv::WriterBuilder::new(),
        header,
        &nodes,
        |&ix: &NodeIx, stage| g.warm_node(ix, stage),
        |out, _, &ix, _| {
            let at = derived.at(g, ix);
            for &(a, how) in &attrs {
                field(out, a.value(&at), how)?;
            }
            for (name, t) in &types {
                let v = match at.node.attrs.get(name) {
                    None => String::new(),
                    Some(v) if *t == AttrType::Text => cell(&v.to_string()).into_owned(),
                    Some(v) => v.to_string(),
                };
                out.write_field(v)?;
            }
            Ok(())
        },
    )
}

/// Writes a value as one cell, spelled as its column says (`how`): a text through [`cell`], an
/// absent value as an empty cell, arrays joined by `;`.
#[inline(always)]
fn field(out: &mut ::csv::Writer<Vec<u8>>, v: Value, how: Neo4jAs) -> io::Result<()> {
    match (v, how) {
        (Value::Kind(k), Neo4jAs::Label) => out.write_field(label(k))?,
        (Value::Relation(r), Neo4jAs::Type) => out.write_field(relationship_type(r))?,
        (Value::Date(d), Neo4jAs::Day) => {
            out.write_field(d.map(|d| d.day_text()).as_deref().unwrap_or_default())?
        }
        (Value::List(List::Numbers(xs)), _) => {
            out.write_field(array(xs.iter().map(|x| x.to_string())))?
        }
        (Value::List(List::Texts(xs)), _) => out.write_field(cell(&array(xs)).as_bytes())?,
        (Value::List(List::Sources(first, also)), _) => {
            let mut names = Vec::new();
            let Ok(()) = Sources::new(first, also).each(|s| {
                names.push(s);
                Ok::<(), std::convert::Infallible>(())
            });
            out.write_field(cell(&array(names)).as_bytes())?
        }
        (Value::Text(s) | Value::OptText(Some(s)), _) => out.write_field(cell(s).as_bytes())?,
        (Value::Node(Some(n)), _) => out.write_field(cell(&n.id).as_bytes())?,
        // the other values are never taken for formulas
        (v, _) => {
            if !v.with_text(|s| Ok(out.write_field(s)?))? {
                out.write_field("")?
            }
        }
    }
    Ok(())
}

/// A relation's relationship type: its name in upper case (`FINE_TUNED_FROM`).
fn relationship_type(r: Relation) -> &'static str {
    static TYPES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let types = TYPES.get_or_init(|| {
        let mut types = vec![String::new(); Relation::ALL.len()];
        for r in Relation::ALL {
            types[r as usize] = r.as_str().to_ascii_uppercase();
        }
        types
    });
    &types[r as usize]
}

/// Writes `neo4j/relationships.csv`, its rows formatted in chunks on every core (the same bytes).
pub(crate) fn write_edges<W: Write>(g: &Graph, w: W) -> io::Result<()> {
    let columns = neo4j_columns(&EDGES);
    let edges = g.edges_sorted();
    write_rows(
        w,
        &::csv::WriterBuilder::new(),
        columns.iter().map(|c| c.0),
        &edges,
        |&e: &EdgeIx, stage| g.warm_edge(e, stage),
        |out, _, &e, _| {
            let at = EdgeAt::new(g, e, 0, 0);
            for &(_, a, how) in &columns {
                field(out, a.value(&at), how)?;
            }
            Ok(())
        },
    )
}
