//! Tables of models that look like a Hub dump but are not one: a CSV with an `id` column whose
//! ids carry no namespace, and a `Model` column naming the model each row is a version of
//! (Epoch AI's benchmarking hub's `model_versions.csv`: `phi-2,Phi-2,2023-12-12,microsoft,...`).
//! An id without a namespace is no Hub id, so such a row is read as a [`Record`] that names its
//! model, with its organization (a `Hugging Face developer id` is a namespace, resolved like
//! any), its date and its links; the merge places it by the Hub id its one model link gives,
//! else by its name within its organization, as it does Epoch AI's rows.

use super::csv_rows::{column, csv_error, csv_reader, each_row};
use super::epoch::{date, links};
use super::record::Record;
use crate::error::Diagnostic;
use crate::error::Result;
use crate::model::{Evidence, Name, NodeKind};

/// The source tag of these records.
const SOURCE: &str = "model-table";

/// The column naming the model a row is a version of.
const MODEL: &str = "Model";

/// Columns that may hold a row's organization, first found first: a name or a Hub namespace.
const ORGANIZATION: [&str; 4] = [
    "Organization",
    "Hugging Face developer id",
    "developer",
    "author",
];

/// Columns that may hold a row's release date, first found first.
const DATE: [&str; 3] = ["Version release date", "Publication date", "Release date"];

/// Whether a CSV is a table of models rather than a Hub dump: its header has an id column
/// (`id_column`, found as a Hub dump's is) and a `Model` column, and no row's id has a
/// namespace (`owner/name`), which every Hub id but a few of the oldest has.
pub(crate) fn is_model_table(header: &csv::StringRecord, id_column: usize, text: &str) -> bool {
    if column(header, MODEL).is_none_or(|m| m == id_column) {
        return false;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut ids = rdr
        .records()
        .filter_map(|r| r.ok())
        .map(|r| r.get(id_column).is_some_and(|id| id.trim().contains('/')));
    !ids.any(|namespaced| namespaced)
}

/// The records of a table of models named `file`: one per row with a model name (its `Model`
/// cell, else its id), the id kept as its evidence's text; only a model's first version keeps
/// its date.
pub(crate) fn read(
    file: &str,
    text: &str,
    id_column: usize,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Record>> {
    let mut rdr = csv_reader(text);
    let header = rdr.headers().map_err(|e| csv_error(file, &e))?.clone();
    let model = column(&header, MODEL);
    let org = ORGANIZATION.iter().find_map(|c| column(&header, c));
    let released = DATE.iter().find_map(|c| column(&header, c));
    let link = column(&header, "Link");
    let (source, fname) = (Name::new(SOURCE), Name::new(file));
    let mut records = Vec::new();
    each_row(file, text, &mut rdr, |row, line| {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", str::trim);
        let id = cell(Some(id_column));
        let name = Some(cell(model)).filter(|m| !m.is_empty()).unwrap_or(id);
        if name.is_empty() {
            return;
        }
        let mut ev = Evidence::at(&source, &fname, line);
        ev.text = (!id.is_empty()).then(|| id.into());
        let at = ev.location();
        let mut r = Record::new(name, NodeKind::Model, ev);
        r.organizations = super::org::split_names(cell(org));
        r.released = date(cell(released), &at, diags);
        r.links = links(cell(link));
        r.evidence.url = r.links.first().map(|l| Name::new(&l.url));
        records.push(r);
    })?;
    first_dates_only(&mut records);
    Ok(records)
}

/// Keeps a date only on the first-released version of each model: a later version's date
/// (`claude-3-5-sonnet-20241022`) is not when the model (`Claude 3.5 Sonnet`) came out.
fn first_dates_only(records: &mut [Record]) {
    let mut first: std::collections::HashMap<String, crate::model::Date> = Default::default();
    for r in records.iter() {
        if let Some(d) = r.released {
            let at = first.entry(crate::model::name_key(&r.name)).or_insert(d);
            *at = (*at).min(d);
        }
    }
    let mut dated = std::collections::HashSet::new();
    for r in records.iter_mut() {
        let key = crate::model::name_key(&r.name);
        let earliest = first.get(&key).copied();
        if r.released.is_some() && (r.released != earliest || !dated.insert(key)) {
            r.released = None;
        }
    }
}
