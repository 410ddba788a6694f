//! Reads llmkg's own Gephi CSV pair (`nodes.csv` + `edges.csv`, written by `csv::write`) back into
//! the graph, losslessly, and the same pair after a spreadsheet or Gephi has been at it.
//!
//! Told apart from a Hugging Face dump by the header: `nodes.csv` starts `Id,Label`, `edges.csv`
//! starts `Source,Target` ([`header_kind`]). Columns are found by name, so any but `Id`, `Source`
//! and `Target` may be missing or moved: fixed columns as `csv::write` lists them, the derived
//! `Organization` skipped, every other column an attribute (one leading `attr_` removed from its
//! name), its type read from the cell's spelling (see `csv::write`). Every cell first has the
//! spreadsheet-safety `'` removed ([`super::uncell`]). An edge's relation is `Kind`,
//! else `Label`, else `derived_from` (with a finding); nodes and edges without evidence columns
//! get `source = "import"`, the file and the line.

use super::{attr_name, attr_value, opt_uncell, uncell};
use crate::error::{Error, Result, Severity};
use crate::formats::import::{DEFAULT_RELATION, PendingEdge, SOURCE, Sink, Tally};
use crate::graph::Graph;
use crate::model::{Date, Edge, Evidence, Node, NodeKind, Relation};

/// Which half of the pair a CSV header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    Nodes,
    Edges,
}

/// `Nodes` for a header starting `Id,Label`, `Edges` for one starting `Source,Target`.
pub fn header_kind(header: &csv::StringRecord) -> Option<Half> {
    match (header.get(0), header.get(1)) {
        (Some("Id"), Some("Label")) => Some(Half::Nodes),
        (Some("Source"), Some("Target")) => Some(Half::Edges),
        _ => None,
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

#[derive(Clone, Copy)]
enum Col {
    Id,
    Label,
    Kind,
    Released,
    Sizes,
    SizesB,
    Aliases,
    Links,
    Description,
    Corrections,
    Evidence(u8),
    Skip,
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
    let mut names: Vec<String> = Vec::new();
    let cols: Vec<Col> = header
        .iter()
        .map(|h| match h {
            "Id" => Col::Id,
            "Label" => Col::Label,
            "Kind" => Col::Kind,
            "Released" => Col::Released,
            "Sizes" => Col::Sizes,
            "Sizes_b" => Col::SizesB,
            "Aliases" => Col::Aliases,
            "Links" => Col::Links,
            "Description" => Col::Description,
            "Corrections" => Col::Corrections,
            "Organization" => Col::Skip,
            _ => match h
                .strip_prefix("Origin_")
                .and_then(|f| EVIDENCE.iter().position(|e| *e == f))
            {
                Some(i) => Col::Evidence(i as u8),
                None => {
                    names.push(attr_name(uncell(h)).to_string());
                    Col::Attr(names.len() - 1)
                }
            },
        })
        .collect();
    let src: crate::model::Name = SOURCE.into();
    let fname: crate::model::Name = file.into();
    let mut record = csv::StringRecord::new();
    while rdr
        .read_record(&mut record)
        .map_err(|e| csv_error(file, e))?
    {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let err = |m: String| Error::parse(file, Some(line), m);
        let mut n = Node::new(
            String::new(),
            String::new(),
            NodeKind::Model,
            Evidence::at(&src, &fname, line as u32),
        );
        let mut own_origin = false;
        for (c, raw) in cols.iter().zip(record.iter()) {
            let json = |what: &str, e: serde_json::Error| {
                err(format!(
                    "{what} \"{raw}\" is not the JSON list llmkg writes: {e}"
                ))
            };
            match *c {
                Col::Id => n.id = uncell(raw).to_string(),
                Col::Label => n.label = uncell(raw).to_string(),
                Col::Kind if raw.is_empty() => {}
                Col::Kind => n.kind = raw.parse().map_err(err)?,
                Col::Released if raw.is_empty() => {}
                Col::Released => n.released = Some(raw.parse::<Date>().map_err(err)?),
                _ if raw.is_empty() && !matches!(c, Col::Evidence(_)) => {}
                Col::Sizes => n.sizes = serde_json::from_str(raw).map_err(|e| json("Sizes", e))?,
                Col::SizesB => {
                    n.sizes_b = serde_json::from_str(raw).map_err(|e| json("Sizes_b", e))?
                }
                Col::Aliases => {
                    n.aliases = serde_json::from_str(raw).map_err(|e| json("Aliases", e))?
                }
                Col::Links => n.links = serde_json::from_str(raw).map_err(|e| json("Links", e))?,
                Col::Corrections => {
                    n.corrections = serde_json::from_str(raw).map_err(|e| json("Corrections", e))?
                }
                Col::Description => n.description = opt_uncell(raw),
                Col::Evidence(i) => {
                    if !own_origin {
                        own_origin = true;
                        n.origin.file = None;
                        n.origin.line = None;
                    }
                    evidence(&mut n.origin, i, raw).map_err(err)?;
                }
                Col::Skip => {}
                Col::Attr(a) => {
                    if let Some(v) = attr_value(raw) {
                        n.attrs.insert(names[a].clone(), v);
                    }
                }
            }
        }
        if n.id.is_empty() {
            return Err(err("a node without an id (the Id cell is empty)".into()));
        }
        if n.label.is_empty() && !cols.iter().any(|c| matches!(c, Col::Label)) {
            n.label = n.id.clone();
        }
        sink.node(n, line)?;
    }
    Ok(())
}

const EVIDENCE: [&str; 5] = ["source", "file", "line", "text", "url"];

fn evidence(ev: &mut Evidence, i: u8, raw: &str) -> Result<(), String> {
    match i {
        0 => ev.source = uncell(raw).into(),
        1 => ev.file = opt_uncell(raw).map(Into::into),
        2 if raw.is_empty() => ev.line = None,
        2 => {
            ev.line = Some(
                raw.trim()
                    .parse()
                    .map_err(|_| format!("line \"{raw}\" is not a line number"))?,
            )
        }
        3 => ev.text = opt_uncell(raw).map(Into::into),
        _ => ev.url = opt_uncell(raw).map(Into::into),
    }
    Ok(())
}

fn read_edges(sink: &mut Sink, file: &str, text: &str) -> Result<Vec<PendingEdge>> {
    let mut rdr = reader(text);
    let header = rdr.headers().map_err(|e| csv_error(file, e))?.clone();
    let find = |name: &str| header.iter().position(|h| h == name);
    let (Some(s_col), Some(t_col)) = (find("Source"), find("Target")) else {
        return Err(Error::parse(
            file,
            Some(1),
            "an edges file needs Source and Target columns",
        ));
    };
    let rel_cols: Vec<usize> = ["Kind", "Label"].iter().filter_map(|n| find(n)).collect();
    let ev_cols: Vec<(usize, u8)> = EVIDENCE
        .iter()
        .enumerate()
        .filter_map(|(i, e)| find(&format!("Evidence_{e}")).map(|c| (c, i as u8)))
        .collect();
    let src: crate::model::Name = SOURCE.into();
    let fname: crate::model::Name = file.into();
    let mut unknown = Tally::default();
    let mut missing = Tally::default();
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    while rdr
        .read_record(&mut record)
        .map_err(|e| csv_error(file, e))?
    {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let err = |m: String| Error::parse(file, Some(line), m);
        let cell = |c: usize| record.get(c).unwrap_or("");
        let relation = match rel_cols.iter().map(|&c| cell(c)).find(|v| !v.is_empty()) {
            Some(v) => match v.parse::<Relation>() {
                Ok(r) => r,
                // our own files always hold a known relation: say which one was meant
                Err(m) if rel_cols.len() == 2 && ev_cols.len() == 5 => return Err(err(m)),
                Err(_) => {
                    unknown.add(|| format!("line {line}: \"{v}\""));
                    DEFAULT_RELATION
                }
            },
            None => {
                missing.add(|| format!("line {line}"));
                DEFAULT_RELATION
            }
        };
        let mut evidence_ = Evidence::at(&src, &fname, line as u32);
        if !ev_cols.is_empty() {
            evidence_.file = None;
            evidence_.line = None;
        }
        for &(c, i) in &ev_cols {
            evidence(&mut evidence_, i, cell(c)).map_err(err)?;
        }
        out.push(PendingEdge {
            source: uncell(cell(s_col)).to_string(),
            target: uncell(cell(t_col)).to_string(),
            edge: Edge {
                relation,
                evidence: evidence_,
            },
            line,
        });
    }
    missing.report(
        sink,
        Severity::Info,
        "default-relation",
        "edges name no relation, read as derived_from",
    );
    unknown.report(
        sink,
        Severity::Warning,
        "unknown-relation",
        "edge relations outside llmkg's vocabulary, read as derived_from",
    );
    Ok(out)
}
