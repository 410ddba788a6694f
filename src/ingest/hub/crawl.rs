//! Researchers' Hub crawls (the layout of model_metadata_analyses' family crawls): a CSV with a
//! `model_id` and a `metadata` column (the JSON of huggingface_hub's `ModelInfo`), or the same
//! rows as `{"models": [...]}`, each with the Python lists `children`, `adapters`, `quantized`
//! and `merges` of the models derived from it (`https://huggingface.co/<id>` addresses). Each
//! row's metadata is read as an API record is ([`HubModel`]); the lists give the relation
//! from the parent's side, for the children that have no row or whose tags do not state it.

use super::base_ids;
use super::keys::{HashMap, hub_key};
use super::read::Rows;
use super::records::{self, Fields, HubModel};
use crate::error::{Error, Result};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The lists of a crawl's row, each with the relation its models have to the row's model, as a
/// tag names it (`base_model:<relation>:<id>`).
const LISTS: [(&str, Rel); 4] = [
    ("children", Rel::Finetune),
    ("adapters", Rel::Adapter),
    ("quantized", Rel::Quantized),
    ("merges", Rel::Merge),
];

/// The relation of a listed model to the row that lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Finetune,
    Adapter,
    Quantized,
    Merge,
}

impl Rel {
    /// The relation as the Hub's tags write it.
    fn tag(self) -> &'static str {
        match self {
            Rel::Finetune => "finetune",
            Rel::Adapter => "adapter",
            Rel::Quantized => "quantized",
            Rel::Merge => "merge",
        }
    }
}

/// The id column of a crawl (its metadata's `id` wins where both are there).
const ID: &str = "model_id";
/// The column of a row's `ModelInfo` JSON.
const METADATA: &str = "metadata";

/// Whether a CSV header is a crawl's: it has a `model_id` and a `metadata` column.
pub(crate) fn is_crawl_header(header: &csv::StringRecord) -> bool {
    column(header, ID).is_some() && column(header, METADATA).is_some()
}

fn column(header: &csv::StringRecord, name: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
}

/// The top-level keys that tell a crawl's JSON wrapper from an llmkg export.
#[derive(Deserialize)]
struct Keys {
    models: Option<serde::de::IgnoredAny>,
    nodes: Option<serde::de::IgnoredAny>,
}

/// Whether a `.json` text is a crawl's wrapper: one object with a `models` list and no `nodes`
/// (an llmkg export has `nodes`).
pub(crate) fn is_crawl_json(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('{') || memchr::memmem::find(t.as_bytes(), b"\"models\"").is_none() {
        return false;
    }
    serde_json::from_str::<Keys>(t).is_ok_and(|k| k.models.is_some() && k.nodes.is_none())
}

/// The ids a list cell names: a Python or JSON list of Hub addresses (or of bare ids).
fn listed_ids(cell: &str) -> impl Iterator<Item = String> + '_ {
    base_ids(cell).map(|item| super::address::model_id(item).unwrap_or_else(|| item.to_string()))
}

/// What the crawl's lists say, gathered while its rows are read: for each listed model, the
/// models listing it with the relation; and for each row, the bases its own tags name.
#[derive(Default)]
pub(super) struct Listings {
    /// The listed models in the order first listed, by lookup key.
    index: HashMap<String, usize>,
    listed: Vec<Listed>,
    /// The bases each row's tags name (lookup keys), by the row's lookup key.
    stated: HashMap<String, Vec<String>>,
}

/// A model some row lists: its id as first written and its parents, each with the relation and
/// the line (or record) of the row listing it.
struct Listed {
    id: String,
    parents: Vec<(String, Rel, u32)>,
}

impl Listings {
    /// The row `id` (at `line`), whose tags name `bases`, lists the models of its list cells.
    fn row<'c>(
        &mut self,
        id: &str,
        line: u32,
        bases: &[&str],
        lists: impl Iterator<Item = (Rel, &'c str)>,
    ) {
        let bases = bases.iter().map(|b| hub_key(b)).collect();
        self.stated.insert(hub_key(id), bases);
        for (rel, cell) in lists {
            for child in listed_ids(cell) {
                let key = hub_key(&child);
                let at = *self.index.entry(key).or_insert_with(|| {
                    self.listed.push(Listed {
                        id: child.clone(),
                        parents: Vec::new(),
                    });
                    self.listed.len() - 1
                });
                let parents = &mut self.listed[at].parents;
                if !parents.iter().any(|(p, r, _)| p == id && *r == rel) {
                    parents.push((id.to_string(), rel, line));
                }
            }
        }
    }

    /// The records the lists add, in rounds that each name a model once: a listed model with
    /// parents its own row's tags do not name gets a record of those parents for each relation
    /// they have (a merge of two bases is one record with both).
    pub(super) fn rounds(self) -> Vec<ListedRows> {
        let mut rounds: Vec<ListedRows> = Vec::new();
        for Listed { id, parents } in self.listed {
            let stated = self.stated.get(&hub_key(&id));
            let mut groups: Vec<ListedRecord> = Vec::new();
            for (parent, rel, line) in parents {
                if stated.is_some_and(|s| s.contains(&hub_key(&parent))) {
                    continue;
                }
                match groups.iter_mut().find(|g| g.rel == rel) {
                    Some(g) => g.parents.push(parent),
                    None => groups.push(ListedRecord {
                        id: id.clone(),
                        rel,
                        parents: vec![parent],
                        line,
                    }),
                }
            }
            for (i, g) in groups.into_iter().enumerate() {
                if rounds.len() == i {
                    rounds.push(ListedRows::default());
                }
                rounds[i].records.push(g);
            }
        }
        for r in &mut rounds {
            r.records.reverse();
        }
        rounds
    }
}

/// A model with the parents that list it under one relation.
struct ListedRecord {
    id: String,
    rel: Rel,
    parents: Vec<String>,
    /// The line (or record) of the first row listing it.
    line: u32,
}

/// One round of the records the lists add, read from its end.
#[derive(Default)]
pub(super) struct ListedRows {
    records: Vec<ListedRecord>,
    line: u32,
}

impl ListedRows {
    /// How many records the round holds.
    pub(super) fn len(&self) -> u64 {
        self.records.len() as u64
    }
}

impl Rows for ListedRows {
    fn next_row(&mut self, record: &mut csv::StringRecord, _: &str) -> Result<bool> {
        let Some(r) = self.records.pop() else {
            return Ok(false);
        };
        self.line = r.line;
        // the record the API would give of the model, with only these tags
        let tags: Vec<String> = (r.parents.iter())
            .map(|p| format!("base_model:{}:{p}", r.rel.tag()))
            .collect();
        let fields = Fields {
            id: &r.id,
            ..Fields::default()
        };
        records::write(&fields, tags.iter().map(String::as_str), record);
        Ok(true)
    }

    fn place(&self, _: &csv::StringRecord) -> (u32, u64) {
        (self.line, 0)
    }
}

/// Reads a row's metadata (`None` for an empty cell: the row gives its id alone) as the API's
/// record of the model, its id from `id` where the metadata names none.
fn model_of(metadata: Option<&str>, id: &str) -> serde_json::Result<HubModel> {
    let mut m: HubModel = match metadata.map(str::trim).filter(|m| !m.is_empty()) {
        Some(json) => serde_json::from_str(json)?,
        None => HubModel::default(),
    };
    if m.id.trim().is_empty() && m.model_id.as_deref().is_none_or(|s| s.trim().is_empty()) {
        m.id = id.trim().to_string();
    }
    Ok(m)
}

/// The error for a row whose metadata is not JSON.
fn bad_metadata(file: &str, at: Option<u64>, what: &str, e: &serde_json::Error) -> Error {
    Error::parse(
        file,
        at,
        format!("{what}the metadata is not a Hub model record (JSON): {e}"),
    )
}

/// A crawl's CSV rows, each written as the API's record of its model.
pub(super) struct CsvRows<'a> {
    rdr: csv::Reader<&'a [u8]>,
    raw: csv::StringRecord,
    id: usize,
    metadata: usize,
    lists: Vec<(usize, Rel)>,
    listings: &'a mut Listings,
    place: (u32, u64),
}

impl<'a> CsvRows<'a> {
    /// The rows of the crawl CSV `data` (named `file`), whose lists go to `listings`.
    pub(super) fn new(data: &'a [u8], file: &str, listings: &'a mut Listings) -> Result<Self> {
        let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(data);
        let header = rdr
            .headers()
            .map_err(|e| super::read::csv_error(file, &e))?
            .clone();
        let (Some(id), Some(metadata)) = (column(&header, ID), column(&header, METADATA)) else {
            return Err(Error::parse(
                file,
                Some(1),
                "not a Hub crawl: no model_id or metadata column",
            ));
        };
        let lists = (LISTS.iter())
            .filter_map(|&(name, rel)| Some((column(&header, name)?, rel)))
            .collect();
        Ok(CsvRows {
            rdr,
            raw: csv::StringRecord::new(),
            id,
            metadata,
            lists,
            listings,
            place: (1, 0),
        })
    }
}

impl Rows for CsvRows<'_> {
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool> {
        if !(self.rdr)
            .read_record(&mut self.raw)
            .map_err(|e| super::read::csv_error(file, &e))?
        {
            return Ok(false);
        }
        self.place = (self.raw.position()).map_or((0, 0), |p| (p.line() as u32, p.byte()));
        let line = self.place.0;
        let id = self.raw.get(self.id).unwrap_or("");
        let m = model_of(self.raw.get(self.metadata), id)
            .map_err(|e| bad_metadata(file, Some(u64::from(line)), "", &e))?;
        m.write(record);
        let tagged = records::read_tags(m.tags.iter().map(String::as_str));
        let raw = &self.raw;
        let lists = (self.lists.iter()).filter_map(|&(c, rel)| Some((rel, raw.get(c)?)));
        (self.listings).row(m.id(), line, &tagged.bases, lists);
        Ok(true)
    }

    fn place(&self, _: &csv::StringRecord) -> (u32, u64) {
        self.place
    }
}

/// A crawl's JSON wrapper: `{"models": [...]}`.
#[derive(Deserialize)]
struct Wrapper<'a> {
    #[serde(borrow)]
    models: Vec<Entry<'a>>,
}

/// A model of the JSON wrapper: its metadata and lists as JSON text (a string) or as JSON;
/// other keys (`card`, `spaces`, ...) are skipped unread.
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(default)]
    model_id: Option<String>,
    #[serde(borrow, default)]
    metadata: Option<&'a RawValue>,
    #[serde(borrow, default)]
    children: Option<&'a RawValue>,
    #[serde(borrow, default)]
    adapters: Option<&'a RawValue>,
    #[serde(borrow, default)]
    quantized: Option<&'a RawValue>,
    #[serde(borrow, default)]
    merges: Option<&'a RawValue>,
}

/// A JSON value that may be JSON text in a string: the text, or the value's own.
fn text_of(raw: &RawValue) -> std::borrow::Cow<'_, str> {
    let r = raw.get().trim();
    if r.starts_with('"') {
        serde_json::from_str::<String>(r).map_or(r.into(), Into::into)
    } else if r == "null" {
        "".into()
    } else {
        r.into()
    }
}

/// A crawl's JSON wrapper's models, each written as the API's record of its model.
pub(super) struct JsonRows<'a> {
    /// The models, read from the end.
    models: Vec<Entry<'a>>,
    at: u32,
    listings: &'a mut Listings,
}

impl<'a> JsonRows<'a> {
    /// The models of the wrapper `text` (named `file`), whose lists go to `listings`.
    pub(super) fn new(text: &'a str, file: &str, listings: &'a mut Listings) -> Result<Self> {
        let text = text.trim_start_matches('\u{feff}');
        let mut w: Wrapper<'a> = serde_json::from_str(text).map_err(|e| {
            Error::parse(
                file,
                Some(e.line() as u64),
                format!("not a Hub crawl's {{\"models\": [...]}}: {e}"),
            )
        })?;
        w.models.reverse();
        Ok(JsonRows {
            models: w.models,
            at: 0,
            listings,
        })
    }

    /// How many models the wrapper holds.
    pub(super) fn len(&self) -> u64 {
        self.models.len() as u64
    }
}

impl Rows for JsonRows<'_> {
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool> {
        let Some(e) = self.models.pop() else {
            return Ok(false);
        };
        self.at += 1;
        let id = e.model_id.as_deref().unwrap_or("");
        let metadata = e.metadata.map(text_of);
        let m = model_of(metadata.as_deref(), id).map_err(|err| {
            let what = format!("model {} (\"{id}\"): ", self.at);
            bad_metadata(file, None, &what, &err)
        })?;
        m.write(record);
        let tagged = records::read_tags(m.tags.iter().map(String::as_str));
        let cells = [e.children, e.adapters, e.quantized, e.merges].map(|c| c.map(text_of));
        let lists =
            (LISTS.iter().zip(&cells)).filter_map(|(&(_, rel), c)| Some((rel, c.as_deref()?)));
        (self.listings).row(m.id(), self.at, &tagged.bases, lists);
        Ok(true)
    }

    fn place(&self, _: &csv::StringRecord) -> (u32, u64) {
        (self.at, u64::from(self.at))
    }

    fn step(&self) -> u64 {
        1 << 14
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_name_hub_ids_from_addresses() {
        let ids: Vec<String> =
            listed_ids("['https://huggingface.co/a/b', 'https://huggingface.co/c/d-1.5']")
                .collect();
        assert_eq!(ids, ["a/b", "c/d-1.5"]);
        assert_eq!(listed_ids("[]").count(), 0);
        assert_eq!(listed_ids("[\"e/f\"]").collect::<Vec<_>>(), ["e/f"]);
    }

    #[test]
    fn a_listed_model_its_tags_name_adds_no_record() {
        let mut l = Listings::default();
        l.row(
            "p/root",
            2,
            &[],
            [(
                Rel::Finetune,
                "['https://huggingface.co/c/tagged', 'https://huggingface.co/c/untagged']",
            )]
            .into_iter(),
        );
        l.row("c/Tagged", 3, &["P/Root"], std::iter::empty());
        l.row(
            "m/merge-parent",
            4,
            &[],
            [(Rel::Merge, "['https://huggingface.co/c/untagged']")].into_iter(),
        );
        let rounds = l.rounds();
        // c/untagged: a fine-tune of p/root, then a merge of m/merge-parent
        assert_eq!(rounds.len(), 2);
        assert_eq!(rounds[0].len(), 1);
        assert_eq!(rounds[0].records[0].id, "c/untagged");
        assert_eq!(rounds[1].records[0].rel, Rel::Merge);
    }

    #[test]
    fn the_json_wrapper_is_told_by_its_keys() {
        assert!(is_crawl_json("{\"models\": [{\"model_id\": \"a/b\"}]}"));
        assert!(!is_crawl_json(
            "{\"nodes\": [], \"edges\": [], \"models\": 1}"
        ));
        assert!(!is_crawl_json("[{\"id\": \"a/b\"}]"));
    }
}
