//! Reading a Hub dump's rows on a thread of their own: each row is parsed and worked out as far
//! as it can be alone (keys, fingerprints, hashes, slugs, dates and sizes), and handed over in
//! batches to the thread that links them into the graph.

use super::address::{CleanId, clean_hub_id};
use super::dirt::Dirty;
use super::keys::{Fingerprint, Spelling, fingerprint, hub_key_into, spelling};
use super::{HubOptions, ID_COLUMNS, base_ids, find_column, map_relation};
use crate::error::{Error, Result};
use crate::model::{Date, Name, Relation, Text, slug};
use indicatif::ProgressBar;

/// Rows the reading thread hands over at a time.
const BATCH: usize = 2048;

/// A row as the reading thread hands it over: the record and its line, and what can be worked
/// out from the row alone (keys, hashes, parsed values, the strings the node will own), so the
/// thread that builds the graph only links.
#[derive(Default)]
pub(super) struct Read {
    pub(super) record: csv::StringRecord,
    pub(super) line: u32,
    /// The model the row names; its label is empty for a row without an id.
    pub(super) named: Named,
    /// Whether the id cell, trimmed, is empty (or only `/`) or ends in `/`.
    pub(super) shape: IdShape,
    /// Whether the row's id was cleaned of dirt ([`clean_hub_id`]): a row that another row's
    /// id cleans to is the same model, which the two rows' evidence joins.
    pub(super) cleaned: bool,
    /// The dirt cleaned from the row's id and bases, each with its example (`"a/b<br>" as
    /// "a/b"`), for the building thread to note; empty (no allocation) for a clean row.
    pub(super) cleanings: Vec<(Dirty, String)>,
    /// The fingerprint of the row's organization's lookup key (its `author`, or its id's
    /// namespace).
    pub(super) org: Option<Fingerprint>,
    pub(super) released: Parsed<Date>,
    pub(super) sizes_b: Parsed<thin_vec::ThinVec<f64>>,
    /// The base ids, one after the other in `base_text`.
    pub(super) bases: Vec<Base>,
    /// The relation to the bases, `None` for a value nobody knows.
    pub(super) relation: Option<Relation>,
    pub(super) base_text: String,
}

/// The id cell of a row, trimmed.
#[derive(Default, Clone, Copy)]
pub(super) enum IdShape {
    #[default]
    Empty,
    TrailingSlash,
    Clean,
}

/// A model as a row or a base names it: what its node is made of, worked out off the building
/// thread.
#[derive(Default)]
pub(super) struct Named {
    /// The id trimmed, without trailing `/` (the node's label).
    pub(super) label: Text,
    /// The node id it asks for (a slug of the label).
    pub(super) slug: Text,
    /// `slug`'s [`crate::graph::id_hash`].
    pub(super) slug_hash: u64,
    /// The fingerprint of its lookup key.
    pub(super) fingerprint: Fingerprint,
}

impl Named {
    /// The model of Hub id `id` (trimmed, without trailing `/`), whose lookup key has the
    /// fingerprint `fingerprint`.
    pub(super) fn new(id: &str, fingerprint: Fingerprint) -> Named {
        // made here, on the reading thread, as the node keeps them
        let slug = slug(id);
        Named {
            label: id.into(),
            slug_hash: crate::graph::id_hash(&slug),
            slug: slug.as_str().into(),
            fingerprint,
        }
    }
}

/// A value of a row's optional column: absent or empty, read, or not readable.
#[derive(Default)]
pub(super) enum Parsed<T> {
    #[default]
    Absent,
    Value(T),
    Bad,
}

/// A base id of a row: where its text is, and its lookup fingerprint and spelling hash.
#[derive(Clone, Copy)]
pub(super) struct Base {
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) fingerprint: Fingerprint,
    pub(super) spelling: Spelling,
}

/// The columns of a dump that the reader works on.
pub(super) struct Columns {
    pub(super) id: usize,
    pub(super) author: Option<usize>,
    pub(super) date: Option<usize>,
    pub(super) params: Option<usize>,
    pub(super) base: Option<usize>,
    pub(super) relation: Option<usize>,
    /// Whole-number attributes kept as they are (`downloads`, `likes`).
    pub(super) ints: Vec<(usize, Name)>,
    /// Text attributes kept as they are (`pipeline_tag`, `library_name`).
    pub(super) texts: Vec<(usize, Name)>,
    /// The licence (`license`: a Hub licence id such as `apache-2.0`), with its attribute name.
    pub(super) license: Option<(usize, Name)>,
    /// The datasets the model was trained on (Hub dataset ids, separated by `,`).
    pub(super) datasets: Option<usize>,
    /// Its papers (arXiv ids, separated by `,`).
    pub(super) arxiv: Option<usize>,
}

impl Columns {
    /// The columns of `header`, by the names `opts` gives or the usual ones; an error for a
    /// column that is not there.
    pub(super) fn find(header: &csv::StringRecord, opts: &HubOptions, file: &str) -> Result<Self> {
        let col = |given: Option<&str>, defaults: &[&str]| find_column(header, given, defaults);
        let id = col(opts.id_column.as_deref(), &ID_COLUMNS).ok_or_else(|| {
            Error::parse(
                file,
                Some(1),
                format!(
                    "no model id column: expected one of {} (columns: {})",
                    ID_COLUMNS.join(", "),
                    header.iter().collect::<Vec<_>>().join(", ")
                ),
            )
            .with_help("name it with --id-column NAME")
        })?;
        let given = |given: &Option<String>, default: &str, flag: &str| {
            let found = col(given.as_deref(), &[default]);
            match (given, found) {
                (Some(name), None) => Err(Error::parse(
                    file,
                    Some(1),
                    format!("no column \"{name}\" (given with --{flag})"),
                )),
                _ => Ok(found),
            }
        };
        let base = given(&opts.base_column, "base_model", "base-column")?;
        let relation = given(
            &opts.relation_column,
            "base_model_relation",
            "relation-column",
        )?;
        let named = |names: [&'static str; 2]| -> Vec<(usize, Name)> {
            names
                .into_iter()
                .filter_map(|n| col(None, &[n]).map(|c| (c, Name::new(n))))
                .collect()
        };
        Ok(Columns {
            id,
            author: col(None, &["author"]),
            date: col(None, &["created_at", "createdAt"]),
            params: col(None, &["params_b"]),
            base,
            relation,
            ints: named(["downloads", "likes"]),
            texts: named(["pipeline_tag", "library_name"]),
            license: col(None, &["license"]).map(|c| (c, Name::new("license"))),
            datasets: col(None, &["datasets"]),
            arxiv: col(None, &["arxiv"]),
        })
    }
}

/// Who a row's model is by: its `author`, or else its id's namespace.
pub(super) fn author_of<'r>(
    record: &'r csv::StringRecord,
    col: Option<usize>,
    id: &'r str,
) -> Option<&'r str> {
    col.and_then(|c| record.get(c))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .or_else(|| id.split_once('/').map(|(ns, _)| ns))
}

impl Read {
    /// Works out everything the row says on its own, from its record.
    fn prepare(&mut self, cols: &Columns, key: &mut String) {
        self.cleanings.clear();
        let raw = self.record.get(cols.id).unwrap_or("").trim();
        let id = raw.trim_end_matches('/');
        self.shape = if id.is_empty() {
            IdShape::Empty
        } else if id.len() < raw.len() {
            IdShape::TrailingSlash
        } else {
            IdShape::Clean
        };
        let clean = clean_hub_id(id);
        self.cleaned = clean.id.len() < id.len();
        if self.cleaned {
            note_cleaning(&mut self.cleanings, id, clean);
        }
        let id = clean.id;
        hub_key_into(id, key);
        self.named = Named::new(id, fingerprint(key));
        self.org = author_of(&self.record, cols.author, id).map(|a| {
            hub_key_into(a, key);
            fingerprint(key)
        });
        self.prepare_values(cols);
        self.prepare_bases(cols, key);
    }

    /// The row's date and size.
    fn prepare_values(&mut self, cols: &Columns) {
        let field = |c: Option<usize>| c.and_then(|c| self.record.get(c)).map(str::trim);
        self.released = match field(cols.date) {
            None | Some("") => Parsed::Absent,
            Some(v) => v.parse::<Date>().map_or(Parsed::Bad, Parsed::Value),
        };
        self.sizes_b = match field(cols.params) {
            None | Some("") => Parsed::Absent,
            Some(v) => match v.parse::<f64>() {
                Ok(b) if b > 0.0 && b.is_finite() => Parsed::Value(thin_vec::thin_vec![b]),
                Ok(_) => Parsed::Absent,
                Err(_) => Parsed::Bad,
            },
        };
    }

    /// The row's bases and its relation to them.
    fn prepare_bases(&mut self, cols: &Columns, key: &mut String) {
        self.bases.clear();
        self.base_text.clear();
        if let Some(cell) = cols.base.and_then(|c| self.record.get(c)) {
            for b in base_ids(cell) {
                let raw = b.trim_end_matches('/');
                let clean = clean_hub_id(raw);
                let b = if clean.id.len() < raw.len() {
                    note_cleaning(&mut self.cleanings, raw, clean);
                    clean.id
                } else {
                    b
                };
                hub_key_into(b, key);
                self.bases.push(Base {
                    start: self.base_text.len() as u32,
                    len: b.len() as u32,
                    fingerprint: fingerprint(key),
                    spelling: spelling(b.trim_end_matches('/')),
                });
                self.base_text.push_str(b);
            }
        }
        let field = |c: Option<usize>| c.and_then(|c| self.record.get(c)).map(str::trim);
        let relation = field(cols.relation).unwrap_or("");
        self.relation = map_relation(relation, self.bases.len());
    }
}

/// Keeps what cleaning `raw` to `clean` took away, as the example a note gives of it: `"raw" as
/// "id"`, once for stray characters and once for a path.
fn note_cleaning(cleanings: &mut Vec<(Dirty, String)>, raw: &str, clean: CleanId<'_>) {
    let example = || format!("\"{raw}\" as \"{}\"", clean.id);
    if clean.stray {
        cleanings.push((Dirty::StrayCharacters, example()));
    }
    if clean.path {
        cleanings.push((Dirty::RepositoryPath, example()));
    }
}

/// Reads the rows of `rdr` and prepares them on a thread of its own, a batch at a time, while
/// `each` takes the batch before on this one; a batch comes back to be filled again.
pub(super) fn in_batches<R: Rows, F>(
    rdr: R,
    cols: &Columns,
    file: &str,
    progress: &ProgressBar,
    mut each: F,
) -> Result<()>
where
    F: FnMut(&mut [Read]) -> Result<()>,
{
    let (batches, done_batches) = std::sync::mpsc::sync_channel::<Result<Vec<Read>>>(4);
    let (give_back, spare) = std::sync::mpsc::channel::<Vec<Read>>();
    std::thread::scope(|scope| -> Result<()> {
        let reader = Reader {
            rdr,
            cols,
            file,
            progress,
        };
        scope.spawn(move || reader.run(&batches, &spare));
        for batch in done_batches {
            let mut batch = batch?;
            each(&mut batch)?;
            let _ = give_back.send(batch);
        }
        Ok(())
    })
}

/// The reading thread's side of [`in_batches`].
struct Reader<'a, R> {
    rdr: R,
    cols: &'a Columns,
    file: &'a str,
    progress: &'a ProgressBar,
}

impl<R: Rows> Reader<'_, R> {
    /// Fills batches (spare ones first) and sends them, until the rows end, a row cannot be
    /// read, or the other side stops taking them.
    fn run(
        mut self,
        batches: &std::sync::mpsc::SyncSender<Result<Vec<Read>>>,
        spare: &std::sync::mpsc::Receiver<Vec<Read>>,
    ) {
        let mut key = String::new();
        let mut last_pos = 0u64;
        loop {
            let mut batch = spare.try_recv().unwrap_or_default();
            let mut filled = 0;
            while filled < BATCH {
                if batch.len() == filled {
                    batch.push(Read::default());
                }
                let r = &mut batch[filled];
                match self.rdr.next_row(&mut r.record, self.file) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        let _ = batches.send(Err(e));
                        return;
                    }
                }
                let (line, pos) = self.rdr.place(&r.record);
                if pos - last_pos > self.rdr.step() {
                    self.progress.set_position(pos);
                    last_pos = pos;
                }
                r.line = line;
                r.prepare(self.cols, &mut key);
                filled += 1;
            }
            let last = filled < BATCH;
            batch.truncate(filled);
            if batches.send(Ok(batch)).is_err() || last {
                return;
            }
        }
    }
}

/// Where a dump's rows come from: a CSV's records, or the rows of a Hub snapshot or of the Hub
/// API's JSON, each given as a record in the layout of [`super::records::HEADER`].
pub(super) trait Rows: Send {
    /// Reads the next row into `record`; false once the rows end.
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool>;
    /// The line (or row number) of the row just read, and how far into the input it is, in
    /// the unit of the progress bar.
    fn place(&self, record: &csv::StringRecord) -> (u32, u64);
    /// How far the input must go on before the progress bar is moved.
    fn step(&self) -> u64 {
        1 << 20
    }
}

impl Rows for csv::Reader<&[u8]> {
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool> {
        self.read_record(record).map_err(|e| csv_error(file, &e))
    }

    fn place(&self, record: &csv::StringRecord) -> (u32, u64) {
        record
            .position()
            .map_or((0, 0), |p| (p.line() as u32, p.byte()))
    }
}

/// A CSV error as a parse error of `file`, at its line.
pub(super) fn csv_error(file: &str, e: &csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    Error::parse(file, line, format!("malformed CSV: {}", csv_error_text(e)))
}

fn csv_error_text(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    }
}

/// The CSV reader ends a quoted field that never closes at the end of the file; an odd number
/// of quotes says the file was cut inside one (`last_line` is the last row's line).
pub(super) fn check_quotes(data: &[u8], file: &str, last_line: u32) -> Result<()> {
    if memchr::memchr_iter(b'"', data).count() % 2 == 1 {
        return Err(Error::parse(
            file,
            Some(u64::from(last_line)),
            "malformed CSV: a quoted field is never closed: it runs to the end of the file",
        )
        .with_help("is the file cut off, or is a `\"` stray?"));
    }
    Ok(())
}
