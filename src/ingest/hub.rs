//! Hugging Face model-tree dumps (CSV, one row per model with its `base_model`): rows become model
//! nodes, namespaces organizations, bases lineage edges. Dirty dumps are normalised and reported,
//! never refused, and Hub ids are tied to the curated models and organizations they stand for.

use crate::error::{Diagnostic, Error, Result, Severity};
use crate::graph::{Graph, NodeIx};
use crate::model::{AttrValue, Date, Edge, Evidence, KnownAttr, Node, NodeKind, Relation, slug};
/// Hash maps with foldhash (fixed seed): Hub ids share long prefixes, which it spreads well.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Column names, where the dump uses other ones.
#[derive(Debug, Clone, Default)]
pub struct HubOptions {
    pub id_column: Option<String>,
    pub base_column: Option<String>,
    pub relation_column: Option<String>,
}

const ID_COLUMNS: [&str; 3] = ["id", "modelId", "model_id"];

/// Is this CSV header a Hub dump's (it has a model id column)?
pub fn is_hub_header(header: &csv::StringRecord, opts: &HubOptions) -> bool {
    find_column(header, opts.id_column.as_deref(), &ID_COLUMNS).is_some()
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

/// A Hub id as a lookup key: trimmed, without trailing `/`, lower case.
fn hub_key(id: &str) -> String {
    let mut key = String::new();
    hub_key_into(id, &mut key);
    key
}

/// A 128-bit fingerprint of a lookup key (two fixed-seed foldhash hashes). Maps keyed by it hold
/// no strings, so a lookup in a million-row dump touches no heap memory beyond the table; two
/// different keys share a fingerprint with a probability near 2^-128 per pair.
type Fingerprint = u128;

fn fingerprint(key: &str) -> Fingerprint {
    use std::hash::BuildHasher;
    const A: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0x9e37_79b9_7f4a_7c15);
    const B: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0xc2b2_ae3d_27d4_eb4f);
    (u128::from(A.hash_one(key)) << 64) | u128::from(B.hash_one(key))
}

/// `hub_key(id)` into a buffer that lookups reuse.
fn hub_key_into(id: &str, buf: &mut String) {
    buf.clear();
    let t = id.trim().trim_end_matches('/');
    if t.is_ascii() {
        buf.push_str(t);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&t.to_lowercase());
    }
}

/// The base ids of a `base_model` cell: empty, one id, comma-separated, or a Python/JSON list.
pub fn base_ids(cell: &str) -> impl Iterator<Item = &str> {
    let t = cell.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(t);
    inner
        .split(',')
        .map(|s| s.trim().trim_matches(|c| c == '\'' || c == '"').trim())
        // nothing but `/` names no model either
        .filter(|s| !s.trim_end_matches('/').is_empty())
}

/// Maps a Hub relation to llmkg's vocabulary; `None` for a value nobody knows.
pub fn map_relation(value: &str, bases: usize) -> Option<Relation> {
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

/// Counts and first examples of each kind of dirt found in a dump: the five examples of the
/// lowest lines, whatever order the rows were linked in.
#[derive(Default)]
struct Dirt {
    found: HashMap<&'static str, Found>,
}

/// How often one kind of dirt was found, and its examples with their lines.
type Found = (usize, Vec<(u32, String)>);

impl Dirt {
    fn note(&mut self, code: &'static str, line: u32, example: impl FnOnce() -> String) {
        let e = self.found.entry(code).or_default();
        e.0 += 1;
        // after the examples of the same line, so a row's own examples keep their order
        let at = e.1.partition_point(|(l, _)| *l <= line);
        if at < 5 {
            let mut text = example();
            if text.len() > 120 {
                // a 10 MB id makes a poor example: keep its start
                let cut = (0..=117)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.truncate(cut);
                text.push('…');
            }
            e.1.insert(at, (line, text));
            e.1.truncate(5);
        }
    }

    fn into_diagnostics(self, file: &str) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .found
            .into_iter()
            .map(|(code, (count, examples))| {
                let (severity, what) = match code {
                    "stub" => (Severity::Info, "bases not in the file, kept as stub nodes"),
                    "trailing-slash" => (Severity::Info, "ids with a trailing '/', normalised"),
                    "case-differs" => (
                        Severity::Info,
                        "bases written in another case than their row, matched",
                    ),
                    "duplicate-row" => (Severity::Warning, "duplicate rows, the first kept"),
                    "self-reference" => (
                        Severity::Warning,
                        "models listing themselves as base, dropped",
                    ),
                    "repeated-parent" => (
                        Severity::Warning,
                        "bases listed twice in one row, kept once",
                    ),
                    "unknown-relation" => (
                        Severity::Warning,
                        "unknown base_model_relation values, read as a fine-tune",
                    ),
                    "cycle" => (
                        Severity::Warning,
                        "lineage cycles, broken by dropping the edge that closes each",
                    ),
                    "bad-value" => (Severity::Warning, "unreadable dates or numbers, left out"),
                    "empty-id" => (Severity::Warning, "rows without an id, skipped"),
                    _ => (Severity::Warning, code),
                };
                Diagnostic::new(
                    severity,
                    code,
                    file.to_string(),
                    format!(
                        "{count} {what}: {}{}",
                        examples
                            .iter()
                            .map(|(_, text)| text.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        if count > examples.len() { "; ..." } else { "" }
                    ),
                )
            })
            .collect();
        out.sort();
        out
    }
}

/// Hub ids and namespaces that the curated graph ties to its models and organizations.
struct Ties {
    models: HashMap<Fingerprint, (NodeIx, Evidence)>,
    namespaces: HashMap<String, NodeIx>,
}

fn hub_path(url: &str) -> Option<Vec<&str>> {
    let rest = url.split("huggingface.co/").nth(1)?;
    let segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    match segs.first() {
        None | Some(&"collections") | Some(&"datasets") | Some(&"spaces") | Some(&"blog") => None,
        _ => Some(segs.into_iter().take(2).collect()),
    }
}

fn ties(g: &Graph) -> Ties {
    let mut t = Ties {
        models: HashMap::default(),
        namespaces: HashMap::default(),
    };
    let nodes = g.nodes_sorted();
    // curated `hub` values first: they are the deliberate ones
    for &ix in &nodes {
        let n = g.node(ix);
        if let Some(AttrValue::Text(h)) = n.known_attr(KnownAttr::Hub) {
            for id in h.split_whitespace() {
                if n.kind == NodeKind::Organization {
                    t.namespaces.entry(hub_key(id)).or_insert(ix);
                } else if id.contains('/') {
                    let mut ev = n.origin.clone();
                    ev.text = Some(format!("Hugging Face id {id} stands for {}", n.label).into());
                    t.models
                        .entry(fingerprint(&hub_key(id)))
                        .or_insert((ix, ev));
                } else if let Some(org) = g.first_organization(ix) {
                    t.namespaces.entry(hub_key(id)).or_insert(org);
                }
            }
        }
    }
    // then the list's model links: huggingface.co/NS/NAME ties a model, huggingface.co/NS the
    // entry's organization
    for &ix in &nodes {
        let n = g.node(ix);
        for l in n.links.iter().filter(|l| l.kind == "model") {
            match hub_path(&l.url).as_deref() {
                Some([ns, name]) => {
                    let id = format!("{ns}/{name}");
                    let mut ev = n.origin.clone();
                    ev.text = Some(format!("the list links {} to {}", n.label, l.url).into());
                    t.models
                        .entry(fingerprint(&hub_key(&id)))
                        .or_insert((ix, ev));
                }
                Some([ns]) => {
                    if let Some(org) = g.first_organization(ix) {
                        t.namespaces.entry(hub_key(ns)).or_insert(org);
                    }
                }
                _ => {}
            }
        }
    }
    t
}

/// A row with bases, kept until every row is a node. Its bases live in one shared list, their
/// ids in one shared arena.
struct Row {
    node: NodeIx,
    line: u32,
    /// The row's range in the list of bases.
    bases: std::ops::Range<u32>,
    /// The row's range in the arena: the text its bases' places are relative to.
    text: std::ops::Range<usize>,
    /// The mapped relation, or the value nobody knows.
    relation: Result<Relation, Box<str>>,
}

/// Rows a reading thread hands over at a time.
const BATCH: usize = 2048;

/// A row as the reading thread hands it over: the record and its line, and what can be worked
/// out from the row alone (keys, hashes, parsed values, the strings the node will own), so the
/// thread that builds the graph only links.
#[derive(Default)]
struct Read {
    record: csv::StringRecord,
    line: u32,
    /// The model the row names; its label is empty for a row without an id.
    named: Named,
    /// Whether the id cell, trimmed, is empty (or only `/`) or ends in `/`.
    shape: IdShape,
    /// The fingerprint of the row's organization's lookup key (its `author`, or its id's
    /// namespace).
    org: Option<Fingerprint>,
    released: Parsed<Date>,
    sizes_b: Parsed<thin_vec::ThinVec<f64>>,
    /// The base ids, one after the other in `base_text`.
    bases: Vec<Base>,
    /// The relation to the bases, `None` for a value nobody knows.
    relation: Option<Relation>,
    base_text: String,
}

/// The id cell of a row, trimmed.
#[derive(Default, Clone, Copy)]
enum IdShape {
    #[default]
    Empty,
    TrailingSlash,
    Clean,
}

/// A model as a row or a base names it: what its node is made of, worked out off the building
/// thread.
#[derive(Default)]
struct Named {
    /// The id trimmed, without trailing `/` (the node's label).
    label: String,
    /// The node id it asks for (a slug of the label).
    slug: String,
    /// `slug`'s [`crate::graph::id_hash`].
    slug_hash: u64,
    /// The fingerprint of its lookup key.
    fingerprint: Fingerprint,
    /// The hash of its exact spelling.
    spelling: u64,
}

impl Named {
    /// The model of Hub id `id` (trimmed, without trailing `/`), whose lookup key has the
    /// fingerprint `fingerprint`.
    fn new(id: &str, fingerprint: Fingerprint) -> Named {
        let slug = slug(id);
        Named {
            label: id.to_string(),
            slug_hash: crate::graph::id_hash(&slug),
            slug,
            fingerprint,
            spelling: spelling(id),
        }
    }
}

/// A value of a row's optional column: absent or empty, read, or not readable.
#[derive(Default)]
enum Parsed<T> {
    #[default]
    Absent,
    Value(T),
    Bad,
}

/// A base id of a row: where its text is, and its lookup fingerprint and spelling hash.
#[derive(Clone, Copy)]
struct Base {
    start: u32,
    len: u32,
    fingerprint: Fingerprint,
    spelling: u64,
}

/// The columns of a dump that the reading thread works on.
struct Columns {
    id: usize,
    author: Option<usize>,
    date: Option<usize>,
    params: Option<usize>,
    base: Option<usize>,
    relation: Option<usize>,
}

/// Who a row's model is by: its `author`, or else its id's namespace.
fn author_of<'r>(
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
        let field = |c: Option<usize>| c.and_then(|c| self.record.get(c)).map(str::trim);
        let raw = self.record.get(cols.id).unwrap_or("").trim();
        let id = raw.trim_end_matches('/');
        self.shape = if id.is_empty() {
            IdShape::Empty
        } else if id.len() < raw.len() {
            IdShape::TrailingSlash
        } else {
            IdShape::Clean
        };
        hub_key_into(id, key);
        self.named = Named::new(id, fingerprint(key));
        self.org = author_of(&self.record, cols.author, id).map(|a| {
            hub_key_into(a, key);
            fingerprint(key)
        });
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
        self.bases.clear();
        self.base_text.clear();
        if let Some(cell) = cols.base.and_then(|c| self.record.get(c)) {
            for b in base_ids(cell) {
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
        let relation = field(cols.relation).unwrap_or("");
        self.relation = map_relation(relation, self.bases.len());
    }
}

/// Adds a Hub dump to the graph (which may already hold the curated data).
pub fn add(g: &mut Graph, file: &str, data: &[u8], opts: &HubOptions) -> Result<()> {
    let src: crate::model::Name = "hf".into();
    let fname: crate::model::Name = file.into();
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        Error::parse(file, line, format!("malformed CSV: {}", csv_error_text(&e)))
    };
    let header = rdr.headers().map_err(csv_err)?.clone();
    let col = |given: Option<&str>, defaults: &[&str]| find_column(&header, given, defaults);
    let id_col = col(opts.id_column.as_deref(), &ID_COLUMNS).ok_or_else(|| {
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
    let base_col = col(opts.base_column.as_deref(), &["base_model"]);
    if let (Some(given), None) = (&opts.base_column, base_col) {
        return Err(Error::parse(
            file,
            Some(1),
            format!("no column \"{given}\" (given with --base-column)"),
        ));
    }
    let rel_col = col(opts.relation_column.as_deref(), &["base_model_relation"]);
    if let (Some(given), None) = (&opts.relation_column, rel_col) {
        return Err(Error::parse(
            file,
            Some(1),
            format!("no column \"{given}\" (given with --relation-column)"),
        ));
    }
    let author_col = col(None, &["author"]);
    let date_col = col(None, &["created_at", "createdAt"]);
    let params_col = col(None, &["params_b"]);
    let int_cols: Vec<(usize, &str)> = ["downloads", "likes"]
        .iter()
        .filter_map(|n| col(None, &[n]).map(|c| (c, *n)))
        .collect();
    let text_cols: Vec<(usize, &str)> = ["pipeline_tag", "library_name"]
        .iter()
        .filter_map(|n| col(None, &[n]).map(|c| (c, *n)))
        .collect();

    let ties = ties(g);
    // one row a line: room for every row, its organization edge and about one base each
    let lines = memchr::memchr_iter(b'\n', data).count();
    g.reserve(lines + lines / 16, lines * 2 + lines / 8);
    let mut dirt = Dirt::default();
    let mut by_key = Models::with_capacity(g.node_count(), lines);
    let mut orgs: HashMap<Fingerprint, NodeIx> = HashMap::default();
    // the rows linked at the end (those naming a base not read yet) and their bases
    let mut rows: Vec<Row> = Vec::new();
    let mut arena = String::new();
    let mut bases: Vec<Base> = Vec::new();
    let progress = crate::progress::bar(data.len() as u64, "reading");
    let mut last_line = 0u32;
    let cols = Columns {
        id: id_col,
        author: author_col,
        date: date_col,
        params: params_col,
        base: base_col,
        relation: rel_col,
    };
    let mut linker = Linker {
        src: &src,
        fname: &fname,
        seen: Vec::new(),
    };
    // the nodes a row's bases are, while it is read
    let mut found: Vec<NodeIx> = Vec::new();
    // what a batch's first pass finds: for each row, the row's node and then its bases'
    let mut looked: Vec<Option<NodeIx>> = Vec::new();
    // the rows are read and prepared (keyed, hashed, slugged, parsed) on a thread of their own,
    // a batch at a time, while this one builds the graph from the batch before
    let (batches, done_batches) = std::sync::mpsc::sync_channel::<Result<Vec<Read>>>(4);
    let (give_back, spare) = std::sync::mpsc::channel::<Vec<Read>>();
    std::thread::scope(|scope| -> Result<()> {
        let progress = &progress;
        let cols = &cols;
        scope.spawn(move || {
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
                    match rdr.read_record(&mut r.record) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => {
                            let _ = batches.send(Err(csv_err(e)));
                            return;
                        }
                    }
                    let pos = r.record.position().map(|p| p.byte()).unwrap_or(0);
                    if pos - last_pos > 1 << 20 {
                        progress.set_position(pos);
                        last_pos = pos;
                    }
                    r.line = r.record.position().map(|p| p.line() as u32).unwrap_or(0);
                    r.prepare(cols, &mut key);
                    filled += 1;
                }
                let last = filled < BATCH;
                batch.truncate(filled);
                if batches.send(Ok(batch)).is_err() || last {
                    return;
                }
            }
        });
        for batch in done_batches {
            let mut batch = batch?;
            // first every lookup of the batch in what came before it, row after row: with no
            // row waiting on the one before, the table reads of several rows are under way at
            // once, where building row by row waits for each in turn (a million-row table is
            // far bigger than the cache). What the batch itself adds is looked up again below.
            looked.clear();
            for read in &batch {
                looked.push(by_key.get(read.named.fingerprint));
                g.warm_id(&read.named.slug, read.named.slug_hash);
                if let Some(&org) = read.org.and_then(|o| orgs.get(&o)) {
                    g.warm_links(org);
                }
                for b in &read.bases {
                    let t = by_key.get(b.fingerprint);
                    if let Some(t) = t {
                        g.warm_links(t);
                        by_key.warm(t);
                    }
                    looked.push(t);
                }
            }
            let mut at = 0;
            for read in &mut batch {
                // what the first pass found of the row itself and of its bases
                let own = looked[at];
                let looked_bases = &looked[at + 1..at + 1 + read.bases.len()];
                at += 1 + read.bases.len();
                let record = &read.record;
                let line = read.line;
                last_line = line;
                match read.shape {
                    IdShape::Empty => {
                        dirt.note("empty-id", line, || format!("line {line}"));
                        continue;
                    }
                    IdShape::TrailingSlash => dirt.note("trailing-slash", line, || {
                        let raw = record.get(id_col).unwrap_or("").trim();
                        format!("line {line}: \"{raw}\"")
                    }),
                    IdShape::Clean => {}
                }
                let evidence = Evidence::at(&src, &fname, line);
                // stubs are made only once every row is read: a model found here is an earlier row
                if let Some(known) = own.or_else(|| by_key.get(read.named.fingerprint)) {
                    debug_assert!(!by_key.stub(known));
                    let first = g.node(known).origin.line.unwrap_or(0);
                    let id = &read.named.label;
                    dirt.note("duplicate-row", line, || {
                        format!("line {line}: \"{id}\" (first at line {first})")
                    });
                    continue;
                }
                let named = std::mem::take(&mut read.named);
                let ix = new_model(g, &mut by_key, named, evidence.clone());
                let n = g.node_mut(ix);
                match std::mem::take(&mut read.released) {
                    Parsed::Value(d) => n.released = Some(d),
                    Parsed::Absent => {}
                    Parsed::Bad => {
                        let v = date_col.and_then(|c| record.get(c)).unwrap_or("").trim();
                        dirt.note("bad-value", line, || format!("line {line}: date \"{v}\""))
                    }
                }
                match std::mem::take(&mut read.sizes_b) {
                    Parsed::Value(b) => n.sizes_b = b,
                    Parsed::Absent => {}
                    Parsed::Bad => {
                        let v = params_col.and_then(|c| record.get(c)).unwrap_or("").trim();
                        dirt.note("bad-value", line, || {
                            format!("line {line}: params_b \"{v}\"")
                        })
                    }
                }
                for &(c, name) in &int_cols {
                    let v = record.get(c).unwrap_or("").trim();
                    if let Ok(i) = v.parse::<i64>() {
                        n.attrs.insert(name.to_string(), AttrValue::Int(i));
                    }
                }
                for &(c, name) in &text_cols {
                    let v = record.get(c).unwrap_or("").trim();
                    if !v.is_empty() {
                        n.attrs
                            .insert(name.to_string(), AttrValue::Text(v.to_string()));
                    }
                }
                if let Some(org_fp) = read.org {
                    let org = match orgs.get(&org_fp) {
                        Some(&org) => org,
                        None => {
                            let id = g.node(ix).label.clone();
                            // the reading thread found an author (or namespace) for the key
                            let author = author_of(record, author_col, &id).unwrap_or_default();
                            let org = org_node(g, &ties, author, &hub_key(author), &evidence)?;
                            orgs.insert(org_fp, org);
                            org
                        }
                    };
                    g.add_edge(
                        ix,
                        org,
                        Edge {
                            relation: Relation::DevelopedBy,
                            evidence: evidence.clone(),
                        },
                    );
                }
                if !read.bases.is_empty() {
                    let count = read.bases.len();
                    let mut row = Row {
                        node: ix,
                        line,
                        bases: 0..count as u32,
                        text: 0..read.base_text.len(),
                        relation: read.relation.ok_or_else(|| {
                            rel_col.and_then(|c| record.get(c)).unwrap_or("").into()
                        }),
                    };
                    found.clear();
                    found.extend(
                        (read.bases.iter().zip(looked_bases))
                            .map_while(|(b, &t)| t.or_else(|| by_key.get(b.fingerprint))),
                    );
                    if found.len() == count {
                        // every base is known: linked now, nothing kept
                        let rb = RowBases {
                            bases: &read.bases,
                            found: &found,
                            text: &read.base_text,
                        };
                        linker.link(g, &mut by_key, &mut dirt, &row, rb);
                    } else {
                        let first = bases.len() as u32;
                        row.bases = first..first + count as u32;
                        row.text = arena.len()..arena.len() + read.base_text.len();
                        arena.push_str(&read.base_text);
                        bases.extend_from_slice(&read.bases);
                        rows.push(row);
                    }
                }
            }
            let _ = give_back.send(batch);
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    // the CSV reader ends a quoted field that never closes at the end of the file; an odd
    // number of quotes says the file was cut inside one
    if memchr::memchr_iter(b'"', data).count() % 2 == 1 {
        return Err(Error::parse(
            file,
            Some(u64::from(last_line)),
            "malformed CSV: a quoted field is never closed: it runs to the end of the file",
        )
        .with_help("is the file cut off, or is a `\"` stray?"));
    }

    // the rows whose bases were not all known when they were read: a base may come after the
    // model built on it, or be in no row at all (a stub)
    for row in &rows {
        let text = &arena[row.text.clone()];
        let bases = &bases[row.bases.start as usize..row.bases.end as usize];
        let rb = RowBases {
            bases,
            found: &[],
            text,
        };
        linker.link(g, &mut by_key, &mut dirt, row, rb);
    }

    // ties to the curated graph: a Hub id that stands for a curated model is a variant of it
    let mut tied: Vec<(NodeIx, NodeIx, Evidence)> = by_key
        .iter()
        .filter_map(|(k, ix)| ties.models.get(&k).map(|(m, ev)| (ix, *m, ev.clone())))
        .collect();
    tied.sort_by_key(|t| t.0);
    for (ix, model, ev) in tied {
        if ix != model {
            g.add_edge(
                ix,
                model,
                Edge {
                    relation: Relation::VariantOf,
                    evidence: ev,
                },
            );
        }
    }

    break_cycles(g, &src, &mut dirt);
    g.diagnostics.extend(dirt.into_diagnostics(file));
    Ok(())
}

/// Links a row to its bases: lineage edges, with stubs for bases in no row, and the dirt found
/// on the way (case differences, self-references, repeated parents, unknown relations).
struct Linker<'a> {
    src: &'a crate::model::Name,
    fname: &'a crate::model::Name,
    /// The row's targets so far, to notice a parent listed twice.
    seen: Vec<NodeIx>,
}

/// A row's bases: `bases` with their places relative to `text`, and `found`, the nodes already
/// found for them (empty when none were looked up).
#[derive(Clone, Copy)]
struct RowBases<'a> {
    bases: &'a [Base],
    found: &'a [NodeIx],
    text: &'a str,
}

impl Linker<'_> {
    /// Links a row to its bases. A base not found is looked up (a stub made for an earlier
    /// base of the row may be its).
    fn link(
        &mut self,
        g: &mut Graph,
        by_key: &mut Models,
        dirt: &mut Dirt,
        row: &Row,
        RowBases { bases, found, text }: RowBases,
    ) {
        let line = row.line;
        self.seen.clear();
        let relation = match &row.relation {
            Ok(r) => *r,
            Err(value) => {
                dirt.note("unknown-relation", line, || {
                    format!("line {line}: \"{value}\"")
                });
                Relation::FineTunedFrom
            }
        };
        for (i, b) in bases.iter().enumerate() {
            let base = &text[b.start as usize..(b.start + b.len) as usize];
            let known = found.get(i).copied();
            let target = match known.or_else(|| by_key.get(b.fingerprint)) {
                Some(t) => {
                    if !by_key.stub(t) && by_key.spelling(t) != b.spelling {
                        let label = &g.node(t).label;
                        dirt.note("case-differs", line, || {
                            format!("line {line}: \"{base}\" for \"{label}\"")
                        });
                    }
                    t
                }
                None => {
                    dirt.note("stub", line, || format!("line {line}: \"{base}\""));
                    let ev = Evidence::at(self.src, self.fname, line);
                    let id = base.trim_end_matches('/');
                    let t = new_model(g, by_key, Named::new(id, b.fingerprint), ev);
                    by_key.mark_stub(t);
                    g.node_mut(t)
                        .set_known_attr(KnownAttr::Stub, AttrValue::Bool(true));
                    t
                }
            };
            if target == row.node {
                dirt.note("self-reference", line, || {
                    format!("line {line}: \"{base}\"")
                });
                continue;
            }
            if self.seen.contains(&target) {
                dirt.note("repeated-parent", line, || {
                    format!("line {line}: \"{base}\"")
                });
                continue;
            }
            self.seen.push(target);
            g.add_edge_unchecked(
                row.node,
                target,
                Edge {
                    relation,
                    evidence: Evidence::at(self.src, self.fname, line),
                },
            );
        }
    }
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

/// The dump's models by Hub key: a hash table of node indices (4 bytes a slot), beside each
/// model's fingerprint, the hash of its exact spelling (to notice a base written in another case
/// without reading the node) and whether it is only a stub so far, in vectors by node. A lookup
/// in a million-row dump touches a small table and one fingerprint.
struct Models {
    table: hashbrown::HashTable<NodeIx>,
    /// The graph's node count when the dump began: every model of the dump comes after.
    first: usize,
    fingerprints: Vec<Fingerprint>,
    spellings: Vec<u64>,
    stubs: Vec<bool>,
}

impl Models {
    fn with_capacity(first: usize, n: usize) -> Models {
        Models {
            table: hashbrown::HashTable::with_capacity(n),
            first,
            fingerprints: Vec::with_capacity(n + n / 16),
            spellings: Vec::with_capacity(n + n / 16),
            stubs: Vec::with_capacity(n + n / 16),
        }
    }

    fn slot(&self, ix: NodeIx) -> usize {
        ix.index() - self.first
    }

    fn get(&self, fp: Fingerprint) -> Option<NodeIx> {
        let (first, fps) = (self.first, &self.fingerprints);
        self.table
            .find(fp as u64, |&ix| fps[ix.index() - first] == fp)
            .copied()
    }

    fn insert(&mut self, fp: Fingerprint, ix: NodeIx, spelling: u64) {
        let slot = self.slot(ix);
        if self.fingerprints.len() <= slot {
            // organizations the dump added sit between its models: their slots stay unused
            self.fingerprints.resize(slot + 1, 0);
            self.spellings.resize(slot + 1, 0);
            self.stubs.resize(slot + 1, false);
        }
        self.fingerprints[slot] = fp;
        self.spellings[slot] = spelling;
        let (first, fps) = (self.first, &self.fingerprints);
        self.table
            .insert_unique(fp as u64, ix, |&i| fps[i.index() - first] as u64);
    }

    /// Starts fetching what [`Models::stub`] and [`Models::spelling`] read of `ix`.
    fn warm(&self, ix: NodeIx) {
        let slot = self.slot(ix);
        crate::graph::prefetch(&self.stubs[slot]);
        crate::graph::prefetch(&self.spellings[slot]);
    }

    fn stub(&self, ix: NodeIx) -> bool {
        self.stubs[self.slot(ix)]
    }

    fn mark_stub(&mut self, ix: NodeIx) {
        let slot = self.slot(ix);
        self.stubs[slot] = true;
    }

    fn spelling(&self, ix: NodeIx) -> u64 {
        self.spellings[self.slot(ix)]
    }

    /// Every model, with its fingerprint.
    fn iter(&self) -> impl Iterator<Item = (Fingerprint, NodeIx)> + '_ {
        self.table
            .iter()
            .map(|&ix| (self.fingerprints[self.slot(ix)], ix))
    }
}

/// A hash of an id exactly as written.
fn spelling(id: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5e11_1de5).hash_one(id)
}

/// A new model node for a Hub id, its id the slug made unique with `-2`, `-3`, ...
fn new_model(g: &mut Graph, by_key: &mut Models, named: Named, origin: Evidence) -> NodeIx {
    let node = Node::new(named.slug, named.label, NodeKind::Model, origin);
    let ix = g.add_node_fresh_id(node, named.slug_hash);
    by_key.insert(named.fingerprint, ix, named.spelling);
    ix
}

/// The organization node of a dump's author or namespace (`key` is its lookup key): the
/// curated organization the namespace is tied to, an organization of the same slug, or a new one.
fn org_node(g: &mut Graph, ties: &Ties, author: &str, key: &str, ev: &Evidence) -> Result<NodeIx> {
    if let Some(&ix) = ties.namespaces.get(key) {
        return Ok(ix);
    }
    let base = slug(author);
    let existing = g
        .index_of(&base)
        .filter(|&ix| g.node(ix).kind == NodeKind::Organization);
    if let Some(ix) = existing {
        return Ok(ix);
    }
    let mut id = base.clone();
    let mut k = 2;
    while g.index_of(&id).is_some() {
        id = format!(
            "{base}-org{}",
            if k == 2 { String::new() } else { k.to_string() }
        );
        k += 1;
    }
    g.add_node(Node::new(
        id,
        author.to_string(),
        NodeKind::Organization,
        ev.clone(),
    ))
}

/// Breaks lineage cycles that a dump's edges close: an iterative depth-first search drops each
/// dump edge that points back into the current path. Curated cycles are left for `check`.
fn break_cycles(g: &mut Graph, src: &crate::model::Name, dirt: &mut Dirt) {
    let n = g.node_count();
    let mut color = vec![0u8; n]; // 0 white, 1 on path, 2 done
    let mut back = Vec::new();
    let inner = g.inner();
    for start in inner.node_indices() {
        if color[start.index()] != 0 {
            continue;
        }
        let mut stack: Vec<(NodeIx, Vec<(petgraph::graph::EdgeIndex, NodeIx)>)> = Vec::new();
        color[start.index()] = 1;
        stack.push((start, lineage_out(g, start)));
        while let Some((node, pending)) = stack.last_mut() {
            match pending.pop() {
                Some((e, t)) => match color[t.index()] {
                    0 => {
                        color[t.index()] = 1;
                        let next = lineage_out(g, t);
                        stack.push((t, next));
                    }
                    1 => back.push((e, *node, t)),
                    _ => {}
                },
                None => {
                    color[node.index()] = 2;
                    stack.pop();
                }
            }
        }
    }
    let mut removed: Vec<(petgraph::graph::EdgeIndex, u32, String)> = back
        .into_iter()
        .filter(|&(e, _, _)| *g.edge(e).evidence.source == **src)
        .map(|(e, s, t)| {
            let line = g.edge(e).evidence.line.unwrap_or(0);
            (
                e,
                line,
                format!(
                    "line {line}: \"{}\" → \"{}\"",
                    g.node(s).label,
                    g.node(t).label
                ),
            )
        })
        .collect();
    // remove from the highest index down: petgraph moves the last edge into a removed slot
    removed.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (e, line, text) in removed {
        g.remove_edge(e);
        dirt.note("cycle", line, || text);
    }
}

fn lineage_out(g: &Graph, ix: NodeIx) -> Vec<(petgraph::graph::EdgeIndex, NodeIx)> {
    g.lineage_out(ix).collect()
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
