//! Hugging Face model-tree dumps (CSV, one row per model with its `base_model`): rows become model
//! nodes, namespaces organizations, bases lineage edges. Dirty dumps are normalised and reported,
//! never refused, and Hub ids are tied to the curated models and organizations they stand for.
//! The rows are read and prepared on a thread of their own ([`read`]) while this one links them
//! into the graph ([`link`]).

pub(crate) mod address;
mod api;
mod crawl;
mod cycles;
mod dirt;
mod keys;
mod link;
mod read;
pub(crate) mod records;
mod snapshot;
mod ties;

pub(crate) use api::is_api_array;
pub(crate) use crawl::{is_crawl_header, is_crawl_json};

use crate::error::{Code, Diagnostic, Result, Severity};
use crate::graph::Graph;
use crate::ingest::facts::Facts;
use crate::model::Relation;

/// Column names, where the dump uses other ones.
#[derive(Debug, Clone, Default)]
pub struct HubOptions {
    pub id_column: Option<String>,
    pub base_column: Option<String>,
    pub relation_column: Option<String>,
}

const ID_COLUMNS: [&str; 3] = ["id", "modelId", "model_id"];

/// Is this CSV header a Hub dump's (it has a model id column)?
pub(crate) fn is_hub_header(header: &csv::StringRecord, opts: &HubOptions) -> bool {
    find_column(header, opts.id_column.as_deref(), &ID_COLUMNS).is_some()
}

/// The model id column of a CSV header, by the name `opts` gives or the usual ones.
pub(crate) fn id_column(header: &csv::StringRecord, opts: &HubOptions) -> Option<usize> {
    find_column(header, opts.id_column.as_deref(), &ID_COLUMNS)
}

fn find_column(
    header: &csv::StringRecord,
    given: Option<&str>,
    defaults: &[&str],
) -> Option<usize> {
    match given {
        Some(name) => header.iter().position(|h| h.trim() == name),
        None => defaults
            .iter()
            .find_map(|d| header.iter().position(|h| h.trim() == *d)),
    }
}

/// What dumps write for "no base": a `base_model` cell, or an item of its list, that is one of
/// these (trimmed, in any case) names no model.
const NO_BASE: [&str; 10] = [
    "", "N/A", "NA", "None", "null", "NaN", "unknown", "-", "[]", "['']",
];

/// Whether a trimmed cell or list item is a placeholder for "no base" ([`NO_BASE`]).
fn no_base(s: &str) -> bool {
    // the longest placeholder is 7 bytes: a Hub id is never compared
    s.len() <= 7 && NO_BASE.iter().any(|p| p.eq_ignore_ascii_case(s))
}

/// The base ids of a `base_model` cell: empty, one id, comma-separated, or a Python/JSON list;
/// placeholders ([`NO_BASE`]) are none.
pub(crate) fn base_ids(cell: &str) -> impl Iterator<Item = &str> {
    let t = cell.trim();
    let t = if no_base(t) { "" } else { t };
    let inner = t
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(t);
    inner
        .split(',')
        .map(|s| s.trim().trim_matches(|c| c == '\'' || c == '"').trim())
        // nothing but `/` names no model either
        .filter(|s| !s.trim_end_matches('/').is_empty() && !no_base(s))
}

/// Maps a Hub relation to llmkg's vocabulary; `None` for a value nobody knows.
pub(crate) fn map_relation(value: &str, bases: usize) -> Option<Relation> {
    const NAMES: [(&str, Relation); 10] = [
        ("finetune", Relation::FineTunedFrom),
        ("fine-tune", Relation::FineTunedFrom),
        ("finetuned", Relation::FineTunedFrom),
        ("fine_tune", Relation::FineTunedFrom),
        ("adapter", Relation::AdapterOf),
        ("adapters", Relation::AdapterOf),
        ("quantized", Relation::QuantizedFrom),
        ("quantization", Relation::QuantizedFrom),
        ("merge", Relation::MergedFrom),
        ("merged", Relation::MergedFrom),
    ];
    let value = value.trim();
    if value.is_empty() {
        return Some(if bases > 1 {
            Relation::MergedFrom
        } else {
            Relation::FineTunedFrom
        });
    }
    // compared without case, and without a lower-case copy of every row's value
    NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(value))
        .map(|&(_, r)| r)
}

pub use link::Dumps;

/// Adds a Hub dump to the graph (which may already hold the curated data), with the bundled
/// facts alone, as the only dump of its run.
pub fn add(g: &mut Graph, file: &str, data: &[u8], opts: &HubOptions) -> Result<()> {
    add_with(
        g,
        &mut Dumps::default(),
        file,
        data,
        opts,
        &Facts::bundled(),
    )
}

/// Adds a Hub dump to the graph; its namespaces are resolved to organizations through `facts`,
/// and `dumps` carries what the run's earlier dumps read (start each run with
/// `Dumps::default()`).
pub(crate) fn add_with(
    g: &mut Graph,
    dumps: &mut Dumps,
    file: &str,
    data: &[u8],
    opts: &HubOptions,
    facts: &Facts,
) -> Result<()> {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let header = rdr
        .headers()
        .map_err(|e| read::csv_error(file, &e))?
        .clone();
    let cols = read::Columns::find(&header, opts, file)?;
    let lines = memchr::memchr_iter(b'\n', data).count();
    let mut linking = link::Linking::new(g, dumps, file, &cols, lines, facts);
    let progress = crate::progress::bar(data.len() as u64, "reading");
    read::in_batches(rdr, &cols, file, &progress, |batch| linking.batch(batch))?;
    progress.finish_and_clear();
    read::check_quotes(data, file, linking.last_line())?;
    linking.finish(dumps)?;
    if cols.base.is_none() {
        g.diagnostics.push(no_lineage(file, &header));
    }
    Ok(())
}

/// Adds the Hub's own records to the graph, as a dump's rows are: a Parquet snapshot at `path`
/// (named `file`), one row per model, read a row group at a time.
pub(crate) fn add_snapshot(
    g: &mut Graph,
    dumps: &mut Dumps,
    file: &str,
    path: &std::path::Path,
    facts: &Facts,
) -> Result<()> {
    let rows = snapshot::Snapshot::open(path, file)?;
    let total = rows.total;
    add_records(g, dumps, file, (rows, total), facts)
}

/// Adds the Hub API's records to the graph, as a dump's rows are: `text` is a JSON array of
/// them or JSON Lines.
pub(crate) fn add_api(
    g: &mut Graph,
    dumps: &mut Dumps,
    file: &str,
    text: &str,
    facts: &Facts,
) -> Result<()> {
    let rows = api::ApiRows::of(text, file)?;
    let total = match &rows {
        api::ApiRows::Array { models, .. } => models.len() as u64,
        api::ApiRows::Lines { .. } => memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64,
    };
    add_records(g, dumps, file, (rows, total), facts)
}

/// Adds a researchers' Hub crawl to the graph ([`crawl`]): its rows' metadata as the API's
/// records, then the models its lists name that no row's tags link to the listing row. `text`
/// is the CSV (when `csv`) or the JSON wrapper.
pub(crate) fn add_crawl(
    g: &mut Graph,
    dumps: &mut Dumps,
    file: &str,
    (text, csv): (&str, bool),
    facts: &Facts,
) -> Result<()> {
    let mut listings = crawl::Listings::default();
    if csv {
        let data = text.as_bytes();
        let rows = crawl::CsvRows::new(data, file, &mut listings)?;
        let lines = memchr::memchr_iter(b'\n', data).count() as u64;
        add_records(g, dumps, file, (rows, lines), facts)?;
        read::check_quotes(data, file, lines as u32)?;
    } else {
        let rows = crawl::JsonRows::new(text, file, &mut listings)?;
        let total = rows.len();
        add_records(g, dumps, file, (rows, total), facts)?;
    }
    // a model listed under two relations is in two rounds: each round names a model once
    for round in listings.rounds() {
        let total = round.len();
        add_records(g, dumps, file, (round, total), facts)?;
    }
    Ok(())
}

/// Links `total` rows of Hub records, each given in the layout of [`records::HEADER`].
fn add_records<R: read::Rows>(
    g: &mut Graph,
    dumps: &mut Dumps,
    file: &str,
    (rows, total): (R, u64),
    facts: &Facts,
) -> Result<()> {
    let cols = read::Columns::find(&records::header(), &HubOptions::default(), file)?;
    let mut linking = link::Linking::new(g, dumps, file, &cols, total as usize, facts);
    let progress = crate::progress::bar(total, "reading");
    read::in_batches(rows, &cols, file, &progress, |batch| linking.batch(batch))?;
    progress.finish_and_clear();
    linking.finish(dumps)
}

/// The warning for a dump with no base column: its models are read, but no lineage.
fn no_lineage(file: &str, header: &csv::StringRecord) -> Diagnostic {
    let columns: Vec<&str> = header.iter().map(str::trim).collect();
    Diagnostic::new(
        Severity::Warning,
        Code::NoLineage,
        file,
        format!(
            "no base column (base_model) among {}; no lineage was read",
            columns.join(", ")
        ),
    )
    .help("name it with --base-column NAME")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_come_in_every_spelling() {
        let parse = |cell| base_ids(cell).collect::<Vec<_>>();
        assert!(parse("").is_empty());
        assert_eq!(parse("a/b"), ["a/b"]);
        assert_eq!(parse("a/b, c/d"), ["a/b", "c/d"]);
        assert_eq!(parse("['a/b', 'c/d']"), ["a/b", "c/d"]);
        assert_eq!(parse("[\"a/b\",\"c/d\"]"), ["a/b", "c/d"]);
        assert_eq!(parse("['/', 'a/b/', //]"), ["a/b/"]);
        for none in [
            "N/A", " n/a ", "NA", "None", "NULL", "nan", "Unknown", "-", "[]", "['']",
        ] {
            assert!(parse(none).is_empty(), "{none}");
        }
        assert_eq!(parse("['N/A', 'a/b', None]"), ["a/b"]);
        assert_eq!(parse("a/None"), ["a/None"]);
    }

    #[test]
    fn relations_map_to_the_vocabulary() {
        assert_eq!(map_relation("finetune", 1), Some(Relation::FineTunedFrom));
        assert_eq!(map_relation("adapter", 1), Some(Relation::AdapterOf));
        assert_eq!(map_relation("quantized", 1), Some(Relation::QuantizedFrom));
        assert_eq!(map_relation("merge", 2), Some(Relation::MergedFrom));
        assert_eq!(map_relation("", 3), Some(Relation::MergedFrom));
        assert_eq!(map_relation("", 1), Some(Relation::FineTunedFrom));
        assert_eq!(
            map_relation(" Fine-Tune ", 1),
            Some(Relation::FineTunedFrom)
        );
        assert_eq!(map_relation("QUANTIZED", 1), Some(Relation::QuantizedFrom));
        assert_eq!(map_relation("distill", 1), None);
    }
}
