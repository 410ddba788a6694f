//! Reads llmkg's own Gephi CSV pair (`nodes.csv` + `edges.csv`, written by `csv::write`) back into
//! the graph, losslessly, and the same pair after a spreadsheet or Gephi has been at it.
//!
//! Told apart from a Hugging Face dump by the header: `nodes.csv` starts `Id,Label`, `edges.csv`
//! starts `Source,Target` ([`header_kind`]). Columns are found by name, so any but `Id`, `Source`
//! and `Target` may be missing or moved: fixed columns are the schema's
//! ([`crate::formats::schema`]), the derived `Organization` skipped, every other column an
//! attribute (one leading `attr_` removed from its name), its type read from the cell's spelling
//! (see `csv::write`). Every cell first has the spreadsheet-safety `'` removed ([`super::uncell`]).
//! An edge's relation is `Kind`, else `Label`, else `derived_from` (with a finding); nodes and
//! edges without evidence columns get `source = "import"`, the file and the line.

use super::{attr_name, attr_value, uncell};
use crate::error::{Code, Error, Result, Severity};
use crate::formats::import::{DEFAULT_RELATION, PendingEdge, SOURCE, Sink, Tally};
use crate::formats::schema::{EDGES, EdgeAttr, NodeAttr, Type, Unreadable};
use crate::graph::Graph;
use crate::model::{Edge, Evidence, Name, Node, NodeKind, Relation};
use std::borrow::Cow;

/// Which half of the pair a CSV header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    Nodes,
    Edges,
}

/// `Nodes` for a header starting `Id,Label`, `Edges` for one starting `Source,Target`.
pub fn header_kind(header: &csv::StringRecord) -> Option<Half> {
    let starts = |a: &str, b: &str| header.get(0) == Some(a) && header.get(1) == Some(b);
    if starts(NodeAttr::Id.csv_header(), NodeAttr::Label.csv_header()) {
        Some(Half::Nodes)
    } else if starts(EdgeAttr::Source.csv_header(), EdgeAttr::Target.csv_header()) {
        Some(Half::Edges)
    } else {
        None
    }
}

fn csv_error(file: &str, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    Error::parse(file, line, format!("malformed CSV: {e}"))
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes())
}

/// What a column of `nodes.csv` holds.
#[derive(Clone, Copy)]
enum Col {
    /// A fixed attribute.
    Fixed(NodeAttr),
    /// An extra attribute: its index among the attribute names.
    Attr(usize),
}

/// Adds the pair (`nodes` named `nodes_file`, `edges` named `edges_file`) to `g`.
pub fn add(
    g: &mut Graph,
    nodes_file: &str,
    nodes: &str,
    edges_file: &str,
    edges: &str,
) -> Result<()> {
    read_nodes(&mut Sink::new(g, nodes_file), nodes_file, nodes)?;
    let mut sink = Sink::new(g, edges_file);
    let pending = read_edges(&mut sink, edges_file, edges)?;
    sink.edges(pending)
}

fn read_nodes(sink: &mut Sink, file: &str, text: &str) -> Result<()> {
    let mut rdr = reader(text);
    let header = rdr.headers().map_err(|e| csv_error(file, e))?.clone();
    let (cols, names) = node_columns(&header);
    let has_label = cols
        .iter()
        .any(|c| matches!(c, Col::Fixed(NodeAttr::Label)));
    let (src, fname) = (Name::new(SOURCE), Name::new(file));
    let mut record = csv::StringRecord::new();
    while rdr
        .read_record(&mut record)
        .map_err(|e| csv_error(file, e))?
    {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let err = |m: String| Error::parse(file, Some(line), m);
        let origin = Evidence::at(&src, &fname, line as u32);
        let mut n = read_node(&cols, &names, &record, origin).map_err(err)?;
        if n.id.is_empty() {
            return Err(err("a node without an id (the Id cell is empty)".into()));
        }
        if n.label.is_empty() && !has_label {
            n.label = n.id.clone();
        }
        sink.node(n, line)?;
    }
    Ok(())
}

/// Each column's meaning, and the names of the extra attributes.
fn node_columns(header: &csv::StringRecord) -> (Vec<Col>, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let cols = header
        .iter()
        .map(|h| match NodeAttr::by_csv_header(h) {
            Some(a) => Col::Fixed(a),
            None => {
                names.push(attr_name(uncell(h)).to_string());
                Col::Attr(names.len() - 1)
            }
        })
        .collect();
    (cols, names)
}

/// The node of one row, its origin `origin` unless the row has origin columns; an error says
/// what is wrong with a cell.
fn read_node(
    cols: &[Col],
    names: &[String],
    record: &csv::StringRecord,
    origin: Evidence,
) -> Result<Node, String> {
    let mut n = Node::new(String::new(), String::new(), NodeKind::Model, origin);
    let mut own_origin = false;
    for (c, raw) in cols.iter().zip(record.iter()) {
        match *c {
            Col::Fixed(a) => {
                if a.origin().is_some() && !own_origin {
                    own_origin = true;
                    n.origin.file = None;
                    n.origin.line = None;
                }
                if let Some(v) = value(a.row().ty, raw) {
                    a.read(&mut n, Cow::Borrowed(v))
                        .map_err(|e| unreadable(e, a.csv_header(), raw))?;
                }
            }
            Col::Attr(i) => {
                if let Some(v) = attr_value(raw) {
                    n.attrs.insert(names[i].as_str().into(), v);
                }
            }
        }
    }
    Ok(n)
}

/// The value a cell holds: a text's after its spreadsheet `'` is removed (empty too); an
/// optional text's or any other value's where the cell is not empty.
fn value(ty: Type, raw: &str) -> Option<&str> {
    match ty {
        Type::Text => Some(uncell(raw)),
        _ if raw.is_empty() => None,
        Type::OptText => Some(uncell(raw)),
        _ => Some(raw),
    }
}

/// What is wrong with the cell `raw` of column `header`.
fn unreadable(e: Unreadable, header: &str, raw: &str) -> String {
    match e {
        Unreadable::Json(e) => {
            format!("{header} \"{raw}\" is not the JSON list llmkg writes: {e}")
        }
        Unreadable::Bad(m) => m,
    }
}

/// Where the columns of `edges.csv` are.
struct EdgeColumns {
    source: usize,
    target: usize,
    /// The columns naming the relation, the first that is not empty read.
    relation: Vec<usize>,
    evidence: Vec<(usize, EdgeAttr)>,
    /// The column of the further evidence (`Edge::also`), where there is one.
    more: Option<usize>,
    /// Whether every relation and evidence column is there, as llmkg writes them.
    own: bool,
}

impl EdgeColumns {
    fn find(header: &csv::StringRecord) -> Option<EdgeColumns> {
        let find = |name: &str| header.iter().position(|h| h == name);
        let relation: Vec<usize> = EdgeAttr::Relation.csv_headers().filter_map(find).collect();
        let written = EDGES
            .iter()
            .filter(|r| r.attr.evidence().is_some() && !r.csv.is_empty());
        let evidence: Vec<(usize, EdgeAttr)> = written
            .clone()
            .filter_map(|r| Some((find(r.attr.csv_header())?, r.attr)))
            .collect();
        Some(EdgeColumns {
            source: find(EdgeAttr::Source.csv_header())?,
            target: find(EdgeAttr::Target.csv_header())?,
            more: find(EdgeAttr::MoreEvidence.csv_header()),
            own: relation.len() == EdgeAttr::Relation.csv_headers().count()
                && evidence.len() == written.count(),
            relation,
            evidence,
        })
    }
}

/// The findings about the relations of the edges read.
#[derive(Default)]
struct Relations {
    missing: Tally,
    unknown: Tally,
}

fn read_edges(sink: &mut Sink, file: &str, text: &str) -> Result<Vec<PendingEdge>> {
    let mut rdr = reader(text);
    let header = rdr.headers().map_err(|e| csv_error(file, e))?.clone();
    let Some(cols) = EdgeColumns::find(&header) else {
        return Err(Error::parse(
            file,
            Some(1),
            "an edges file needs Source and Target columns",
        ));
    };
    let (src, fname) = (Name::new(SOURCE), Name::new(file));
    let mut relations = Relations::default();
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    while rdr
        .read_record(&mut record)
        .map_err(|e| csv_error(file, e))?
    {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let err = |m: String| Error::parse(file, Some(line), m);
        let cell = |c: usize| record.get(c).unwrap_or("");
        let relation = relations.read(&cols, &record, line).map_err(err)?;
        let mut edge = Edge::new(relation, Evidence::at(&src, &fname, line as u32));
        if !cols.evidence.is_empty() {
            edge.evidence.file = None;
            edge.evidence.line = None;
        }
        let more = cols.more.map(|c| (c, EdgeAttr::MoreEvidence));
        for (c, a) in cols.evidence.iter().copied().chain(more) {
            let raw = cell(c);
            if let Some(v) = value(a.row().ty, raw) {
                a.read(&mut edge, v)
                    .map_err(|e| err(unreadable(e, a.csv_header(), raw)))?;
            }
        }
        out.push(PendingEdge {
            source: uncell(cell(cols.source)).to_string(),
            target: uncell(cell(cols.target)).to_string(),
            edge,
            line,
        });
    }
    relations.report(sink);
    Ok(out)
}

impl Relations {
    /// The relation of a row: the first relation column that is not empty, else (with a finding)
    /// the default relation; one outside llmkg's vocabulary is an error in llmkg's own files.
    fn read(
        &mut self,
        cols: &EdgeColumns,
        record: &csv::StringRecord,
        line: u64,
    ) -> Result<Relation, String> {
        let cell = |c: usize| record.get(c).unwrap_or("");
        Ok(
            match cols
                .relation
                .iter()
                .map(|&c| cell(c))
                .find(|v| !v.is_empty())
            {
                Some(v) => match v.parse::<Relation>() {
                    Ok(r) => r,
                    // our own files always hold a known relation: say which one was meant
                    Err(m) if cols.own => return Err(m),
                    Err(_) => {
                        self.unknown.add(|| format!("line {line}: \"{v}\""));
                        DEFAULT_RELATION
                    }
                },
                None => {
                    self.missing.add(|| format!("line {line}"));
                    DEFAULT_RELATION
                }
            },
        )
    }

    fn report(&self, sink: &mut Sink) {
        self.missing.report(
            sink,
            Severity::Info,
            Code::DefaultRelation,
            "edges name no relation, read as derived_from",
        );
        self.unknown.report(
            sink,
            Severity::Warning,
            Code::UnknownRelation,
            "edge relations outside llmkg's vocabulary, read as derived_from",
        );
    }
}
