//! Readers of every input (the markdown list, the curated file, ...) and the builder that merges
//! what they read into one graph.

pub mod build;
pub(crate) mod csv_rows;
pub mod curated;
pub(crate) mod decide;
pub(crate) mod ecosystem;
pub(crate) mod epoch;
pub(crate) mod facts;
pub(crate) mod gaps;
pub mod hub;
pub(crate) mod identity;
pub mod list;
pub(crate) mod merge;
pub(crate) mod model_table;
pub(crate) mod nesting;
pub(crate) mod org;
pub(crate) mod record;
pub(crate) mod relate;
pub(crate) mod resolve;
pub(crate) mod sources;
pub(crate) mod value;

use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::formats::{csv as csv_pair, graphml, json};
use crate::graph::Graph;
use crate::model::AttrValue;
use facts::Facts;
use list::ParsedList;
use record::Record;
use std::path::{Path, PathBuf};

/// The bundled list, byte for byte as received.
pub const BUNDLED_LIST: &str = include_str!("../../data/LLM-BaseModel.md");
/// The bundled curated facts.
pub const BUNDLED_CURATED: &str = include_str!("../../data/curated.toml");
/// The names the bundled files go by in evidence (their paths in the repository).
pub const BUNDLED_LIST_NAME: &str = "data/LLM-BaseModel.md";
pub const BUNDLED_CURATED_NAME: &str = "data/curated.toml";

/// What to read and how.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Files or folders; empty means the bundled data.
    pub paths: Vec<PathBuf>,
    /// Read the bundled list and curated facts too, beside `paths`.
    pub bundled: bool,
    pub list: list::ListOptions,
    pub id_column: Option<String>,
    pub base_column: Option<String>,
    pub relation_column: Option<String>,
    /// A sources file naming further inputs, each with column names of its own.
    pub sources: Option<PathBuf>,
    /// Fact files (organizations, aliases, vocabulary) beside the bundled `data/facts/`.
    pub facts: Vec<PathBuf>,
}

impl LoadOptions {
    /// The column names given on the command line, for every input that names none of its own.
    fn columns(&self) -> hub::HubOptions {
        hub::HubOptions {
            id_column: self.id_column.clone(),
            base_column: self.base_column.clone(),
            relation_column: self.relation_column.clone(),
        }
    }

    /// Every input given: `--data` paths with the command line's columns, then the sources
    /// file's inputs with their own.
    fn specs(&self) -> Result<Vec<sources::InputSpec>> {
        let columns = self.columns();
        let mut specs: Vec<sources::InputSpec> = self
            .paths
            .iter()
            .map(|p| sources::InputSpec {
                path: p.clone(),
                columns: columns.clone(),
            })
            .collect();
        if let Some(file) = &self.sources {
            specs.extend(sources::read(file, &columns)?);
        }
        Ok(specs)
    }
}

/// One input file, read and decoded.
#[derive(Debug)]
pub struct Input {
    /// The name used in evidence and messages (relative, never absolute).
    pub name: String,
    pub kind: InputKind,
    pub text: Text,
    /// The column names to read a Hub dump by.
    pub columns: hub::HubOptions,
    /// Whether the file was found in a folder given with `--data` (not named itself): such a
    /// file that is not what its extension says is skipped with a warning, not an error.
    pub in_folder: bool,
    /// The file, for an input read from its file as it goes (a Parquet snapshot, whose `text`
    /// is empty).
    pub path: Option<PathBuf>,
}

/// An input's text, checked to be UTF-8 without NUL bytes: held in memory, or, for a large
/// file, mapped from the page cache, so a 130 MB dump costs no copy and no fresh memory.
#[derive(Debug)]
pub enum Text {
    Owned(String),
    /// A file mapped read-only, whose bytes were checked to be UTF-8 when it was mapped.
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Owned(s) => s,
            // SAFETY: `Text::Mapped` is only made by `read_text`, after `std::str::from_utf8`
            // accepted these very bytes (a file changed under a running load is outside what
            // any reader can guard against; ripgrep maps files on the same terms)
            Text::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }
}

/// The largest input read (64 GiB): well above the largest real one (a JSON Lines dump of the
/// whole Hub is a few GiB), refused before it is read.
const MAX_INPUT: u64 = 64 << 30;

/// Files from this size on are mapped instead of read.
const MAP_FROM: u64 = 1 << 20;

/// Reads a file as text: read into memory when small, mapped when large; either way checked
/// by [`check_text`].
fn read_text(path: &Path, name: &str) -> Result<Text> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    // looked at before it is opened: opening a FIFO waits for a writer, and a device never ends
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if !meta.is_file() {
        return Err(Error::parse(
            name,
            None,
            "not a regular file (a FIFO, device or socket): llmkg reads files, whose size it can see before reading",
        )
        .with_help("save the data to a file and give that file"));
    }
    if meta.len() > MAX_INPUT {
        return Err(Error::parse(
            name,
            None,
            format!(
                "{} GiB, more than the {} GiB llmkg reads from one input",
                meta.len() >> 30,
                MAX_INPUT >> 30
            ),
        )
        .with_help("split the file, or filter it to the models you need"));
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let len = meta.len();
    if len < MAP_FROM {
        let mut bytes = Vec::with_capacity(len as usize);
        std::io::Read::read_to_end(&mut &file, &mut bytes).map_err(read_err)?;
        return decode(name, bytes).map(|s| Text::Owned(cr_lines(s)));
    }
    // SAFETY: the map is read-only and private to this process; see `Text`'s Deref
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(read_err)?;
    check_text(name, &map)?;
    if is_cr_only(&map) {
        // SAFETY: `check_text` accepted these bytes as UTF-8
        let text = unsafe { std::str::from_utf8_unchecked(&map) };
        return Ok(Text::Owned(cr_lines(text.to_string())));
    }
    Ok(Text::Mapped(map))
}

/// Whether a text ends its lines with a lone CR (as classic Mac OS wrote them): it holds a CR
/// and no LF.
fn is_cr_only(bytes: &[u8]) -> bool {
    memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some()
}

/// A text whose lines end with a lone CR, with LF instead, so that every reader counts its
/// lines (evidence names line 5, not line 1); any other text as it is.
fn cr_lines(text: String) -> String {
    if is_cr_only(text.as_bytes()) {
        text.replace('\r', "\n")
    } else {
        text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    List,
    Curated,
    /// A CSV: a Hugging Face dump or half of an llmkg Gephi CSV pair (told apart by its header).
    Csv,
    /// An llmkg or other GraphML file (an import).
    Graphml,
    /// An llmkg node-link JSON export (an import).
    Json,
    /// A YAML file: an Ecosystem Graphs assets file.
    Yaml,
    /// A Parquet file: the Hub's metadata snapshot, one row per model.
    Parquet,
    /// JSON Lines: the Hub API's model records, one a line (what `llmkg pull` writes).
    Jsonl,
}

impl InputKind {
    fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(InputKind::List),
            "toml" => Some(InputKind::Curated),
            "csv" => Some(InputKind::Csv),
            "graphml" => Some(InputKind::Graphml),
            "json" => Some(InputKind::Json),
            "yaml" | "yml" => Some(InputKind::Yaml),
            "parquet" => Some(InputKind::Parquet),
            "jsonl" | "ndjson" => Some(InputKind::Jsonl),
            _ => None,
        }
    }
}

/// The files of an llmkg export, by preference: a folder holding an export (all three are the
/// same graph) is read through the first of them it holds; the other two are left alone.
const EXPORT_FILES: [&[&str]; 3] = [
    &["graph.json"],
    &["graph.graphml"],
    &["nodes.csv", "edges.csv"],
];

fn keep_one_export(found: &mut Vec<(PathBuf, InputKind)>) {
    let has = |name: &str| {
        found
            .iter()
            .any(|(f, _)| f.file_name().is_some_and(|n| n == name))
    };
    let Some(chosen) = EXPORT_FILES
        .iter()
        .position(|set| set.iter().all(|n| has(n)))
    else {
        return;
    };
    found.retain(|(f, _)| {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        EXPORT_FILES
            .iter()
            .enumerate()
            .all(|(i, set)| i == chosen || !set.contains(&name))
    });
}

/// What a folder given with `--data` may hold besides inputs, for the skipped-file message.
const INPUT_EXTENSIONS: &str = ".md, .toml, .csv, .graphml, .json, .yaml, .parquet, .jsonl";

/// What llmkg writes but does not read (the drawings and the formats of `export` other than
/// its lossless ones): skipped in a folder with a note, not a warning, so reading an export
/// folder back (`--data out`) is quiet.
const OUTPUT_EXTENSIONS: [&str; 7] = ["gexf", "dot", "mmd", "svg", "png", "pdf", "html"];

/// What each folder in `paths` holds that is not read, and why, as `skipped-file` warnings
/// ([`skipped_in`]).
fn skipped_files(paths: &[PathBuf]) -> Vec<Diagnostic> {
    (paths.iter().filter(|p| p.is_dir()))
        .flat_map(|dir| skipped_in(dir))
        .collect()
}

/// The files of `dir` that are not read: those that are not inputs, and export files that
/// another export of the same graph in the folder stands for ([`keep_one_export`]). Hidden
/// files and the folders inside are passed over.
fn skipped_in(dir: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let hidden = |f: &Path| {
        f.file_name()
            .is_some_and(|n| n.as_encoded_bytes()[0] == b'.')
    };
    let mut files: Vec<PathBuf> = (entries.filter_map(|e| e.ok().map(|e| e.path())))
        .filter(|f| f.is_file() && !hidden(f))
        .collect();
    files.sort();
    let mut read: Vec<(PathBuf, InputKind)> = (files.iter())
        .filter_map(|f| InputKind::of(f).map(|k| (f.clone(), k)))
        .collect();
    let inputs: std::collections::HashSet<PathBuf> = read.iter().map(|(f, _)| f.clone()).collect();
    keep_one_export(&mut read);
    let kept: std::collections::HashSet<&PathBuf> = read.iter().map(|(f, _)| f).collect();
    let is_read = |name: &str| (read.iter()).any(|(f, _)| f.file_name().is_some_and(|n| n == name));
    let chosen = EXPORT_FILES
        .iter()
        .find(|set| set.iter().all(|n| is_read(n)));
    let mut out = Vec::new();
    for f in files {
        let told = if inputs.contains(&f) {
            let read_too = kept.contains(&f);
            chosen.filter(|_| !read_too).map(|set| {
                let set = set.join(" and ");
                let why = format!("not read: {set} in the same folder holds the same graph");
                (Severity::Info, why)
            })
        } else {
            not_an_input(&f)
        };
        if let Some((severity, why)) = told {
            out.push(Diagnostic::new(
                severity,
                Code::SkippedFile,
                display_name(&f),
                why,
            ));
        }
    }
    out
}

/// Why file `f`, which is no input, is skipped, and how loudly: a warning, a note for what
/// llmkg writes itself.
fn not_an_input(f: &Path) -> Option<(Severity, String)> {
    let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
    let is = |exts: &[&str]| exts.iter().any(|e| e.eq_ignore_ascii_case(ext));
    let why = format!("not an input (expected {INPUT_EXTENSIONS})");
    Some(if is(&OUTPUT_EXTENSIONS) {
        (Severity::Info, format!("an output llmkg writes, {why}"))
    } else {
        (Severity::Warning, why)
    })
}

/// The name a path goes by in evidence: as given when relative, its file name when absolute.
fn display_name(path: &Path) -> String {
    if path.is_absolute() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    } else {
        path.display().to_string()
    }
}

/// The names inputs go by in evidence and messages: a relative path as given (`lists/a.md`,
/// `data/curated.toml` for a file of `--data data`); an absolute one by its file name, with as
/// many of its folders before it as tell it apart from every other input (`a/list.md` and
/// `b/list.md` for `/x/a/list.md` and `/x/b/list.md`), so that evidence holds no machine's
/// absolute paths and no two files share a name. A path given twice keeps its file name.
fn input_names<'p>(paths: impl Iterator<Item = &'p Path>) -> Vec<String> {
    let paths: Vec<&Path> = paths.collect();
    let tail = |p: &Path, depth: usize| -> String {
        let parts: Vec<_> = p.components().collect();
        if depth >= parts.len() {
            return p.display().to_string();
        }
        let tail: PathBuf = parts[parts.len() - depth..].iter().collect();
        tail.display().to_string()
    };
    let mut depth: Vec<usize> = vec![1; paths.len()];
    let mut names: Vec<String> = (paths.iter().zip(&depth))
        .map(|(p, &d)| {
            if p.is_absolute() {
                tail(p, d)
            } else {
                p.display().to_string()
            }
        })
        .collect();
    loop {
        let mut by_name: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (i, n) in names.iter().enumerate() {
            by_name.entry(n.as_str()).or_default().push(i);
        }
        let longer: Vec<usize> = (by_name.values())
            .filter(|same| same.iter().any(|&i| paths[i] != paths[same[0]]))
            .flatten()
            .copied()
            .filter(|&i| paths[i].is_absolute() && depth[i] < paths[i].components().count())
            .collect();
        if longer.is_empty() {
            return names;
        }
        for i in longer {
            depth[i] += 1;
            names[i] = tail(paths[i], depth[i]);
        }
    }
}

/// Decodes a file as UTF-8, naming the line and column of the first invalid byte. A NUL byte is
/// refused too: no text input holds one, so it means a binary or corrupt file.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    refuse_encoding(name, &bytes)?;
    refuse_nul(name, &bytes)?;
    String::from_utf8(bytes).map_err(|e| invalid_utf8(name, e.as_bytes(), e.utf8_error()))
}

/// Checks that `bytes` are UTF-8 without NUL bytes, as [`decode`] does, without taking them.
fn check_text(name: &str, bytes: &[u8]) -> Result<()> {
    refuse_encoding(name, bytes)?;
    refuse_nul(name, bytes)?;
    std::str::from_utf8(bytes)
        .map(|_| ())
        .map_err(|e| invalid_utf8(name, bytes, e))
}

/// Text in UTF-16 or UTF-32 (told by its byte-order mark, or by the NUL bytes between ASCII
/// letters that such text without a mark begins with) is named as such, not as a NUL byte.
fn refuse_encoding(name: &str, bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(4)];
    let encoding = match head {
        [0xFF, 0xFE, 0, 0] | [0, 0, 0xFE, 0xFF] => "UTF-32",
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => "UTF-16",
        [a, 0, b, 0] | [0, a, 0, b] if a.is_ascii() && b.is_ascii() && *a != 0 && *b != 0 => {
            "UTF-16"
        }
        _ => return Ok(()),
    };
    Err(Error::parse(
        name,
        Some(1),
        format!("the file is {encoding} text, not UTF-8"),
    )
    .with_help(format!(
        "save it as UTF-8 (iconv -f {encoding} -t UTF-8 FILE > FILE.utf8)"
    )))
}

/// A NUL byte, named by line and column: no text input holds one, so it means a binary or
/// corrupt file.
fn refuse_nul(name: &str, bytes: &[u8]) -> Result<()> {
    match memchr::memchr(0, bytes) {
        None => Ok(()),
        Some(at) => {
            let (line, col) = line_col(bytes, at);
            Err(Error::parse(
                name,
                Some(line),
                format!("NUL byte at column {col}: not a text file, or a corrupt one"),
            )
            .with_help("remove the byte (or re-export the file as plain UTF-8 text)"))
        }
    }
}

/// The first invalid UTF-8 byte of `bytes`, named by line and column.
fn invalid_utf8(name: &str, bytes: &[u8], e: std::str::Utf8Error) -> Error {
    let at = e.valid_up_to();
    let (line, col) = line_col(bytes, at);
    Error::parse(
        name,
        Some(line),
        format!("invalid UTF-8 (byte 0x{:02x} at column {col})", bytes[at]),
    )
    .with_help("save the file as UTF-8")
}

/// The 1-based line and column (in bytes) of a byte offset.
fn line_col(bytes: &[u8], at: usize) -> (u64, usize) {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let col = at
        - bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, col)
}

/// The inputs named by the options: the bundled data, or every file and folder given.
pub fn inputs(opts: &LoadOptions) -> Result<Vec<Input>> {
    let only_bundled = opts.paths.is_empty() && opts.sources.is_none();
    let mut inputs = if opts.bundled || only_bundled {
        bundled_inputs()
    } else {
        Vec::new()
    };
    if !only_bundled {
        let given = given_inputs(opts)?;
        // `--bundled --data data` in the clone names the bundled files twice: read once
        let again = |i: &Input| {
            opts.bundled
                && [
                    (BUNDLED_LIST_NAME, BUNDLED_LIST),
                    (BUNDLED_CURATED_NAME, BUNDLED_CURATED),
                ]
                .iter()
                .any(|&(name, text)| i.name == name && *i.text == *text)
        };
        inputs.extend(given.into_iter().filter(|i| !again(i)));
    }
    Ok(inputs)
}

/// The bundled list and curated facts, compiled into the binary.
fn bundled_inputs() -> Vec<Input> {
    vec![
        Input {
            name: BUNDLED_LIST_NAME.into(),
            kind: InputKind::List,
            text: Text::Owned(BUNDLED_LIST.into()),
            columns: hub::HubOptions::default(),
            in_folder: false,
            path: None,
        },
        Input {
            name: BUNDLED_CURATED_NAME.into(),
            kind: InputKind::Curated,
            text: Text::Owned(BUNDLED_CURATED.into()),
            columns: hub::HubOptions::default(),
            in_folder: false,
            path: None,
        },
    ]
}

/// Every file that `--data` and the sources file name, folders read file by file.
fn given_inputs(opts: &LoadOptions) -> Result<Vec<Input>> {
    let mut files: Vec<(PathBuf, InputKind, &hub::HubOptions, bool)> = Vec::new();
    let specs = opts.specs()?;
    for spec in &specs {
        let (p, columns) = (&spec.path, &spec.columns);
        let meta = std::fs::metadata(p).map_err(|source| missing_input(p, source))?;
        if meta.is_dir() {
            let mut found: Vec<(PathBuf, InputKind)> = std::fs::read_dir(p)
                .map_err(|source| Error::Read {
                    path: p.clone(),
                    source,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter_map(|f| InputKind::of(&f).map(|k| (f, k)))
                .collect();
            found.sort();
            keep_one_export(&mut found);
            if found.is_empty() {
                return Err(Error::Invalid(format!(
                    "{}: the folder holds no input (.md list, .toml curated file, .csv, .graphml, .json, .jsonl, .parquet or .yaml)",
                    p.display()
                )));
            }
            files.extend(found.into_iter().map(|(f, k)| (f, k, columns, true)));
        } else {
            let kind = InputKind::of(p).ok_or_else(|| {
                Error::Invalid(format!(
                    "{}: unknown kind of input: expected a markdown list (.md), a curated file (.toml), a CSV (.csv: a Hugging Face dump, an Epoch AI download, Ecosystem Graphs' all_assets.csv or llmkg's own), GraphML (.graphml), llmkg JSON or the Hub API's (.json, .jsonl), the Hub's Parquet snapshot (.parquet) or Ecosystem Graphs assets (.yaml)",
                    display_name(p)
                ))
            })?;
            files.push((p.clone(), kind, columns, false));
        }
    }
    let names = input_names(files.iter().map(|f| f.0.as_path()));
    files
        .into_iter()
        .zip(names)
        .map(|((path, kind, columns, in_folder), name)| {
            let columns = columns.clone();
            if kind == InputKind::Parquet {
                // binary, read from its file a row group at a time
                return Ok(Input {
                    name,
                    kind,
                    text: Text::Owned(String::new()),
                    columns,
                    in_folder,
                    path: Some(path),
                });
            }
            let text = read_text(&path, &name)?;
            Ok(Input {
                name,
                kind,
                text,
                columns,
                in_folder,
                path: None,
            })
        })
        .collect()
}

/// The error for an input that cannot be opened; `data` that is not there (outside the clone)
/// is most likely meant as the bundled data, which `--bundled` reads from anywhere.
fn missing_input(p: &Path, source: std::io::Error) -> Error {
    let bundled = p.file_name().is_some_and(|n| n == "data");
    if source.kind() == std::io::ErrorKind::NotFound && bundled {
        return Error::Invalid(format!(
            "cannot read {}: {source}\n  help: the bundled data is in the binary: --bundled reads it from any folder (with --data for your own files)",
            p.display()
        ));
    }
    Error::Read {
        path: p.to_path_buf(),
        source,
    }
}

/// Reads every input and builds the graph.
/// Moves the countries that list entries and records name as organizations into their
/// `country` attribute, where the source gives none ([`org::take_countries`]); a list entry
/// left with no organization takes the one its links name.
fn countries_apart(lists: &mut [(String, ParsedList)], records: &mut [Record], facts: &Facts) {
    const COUNTRY: &str = "country";
    for (_, l) in lists {
        for e in &mut l.entries {
            let Some(c) = org::take_countries(facts, &mut e.organizations) else {
                continue;
            };
            if !e.attrs.iter().any(|(k, _)| k == COUNTRY) {
                e.attrs.push((COUNTRY.into(), c));
            }
            // who made it is then what its links say, as for an entry that names no one
            if e.organizations.is_empty() {
                list::keep::take_link_organization(e);
            }
        }
    }
    for r in records {
        if let Some(c) = org::take_countries(facts, &mut r.organizations)
            && let Err(at) = r.attrs.binary_search_by(|(k, _)| k.as_str().cmp(COUNTRY))
        {
            r.attrs
                .insert(at, (COUNTRY.into(), AttrValue::Text(c.as_str().into())));
        }
    }
}

pub fn load(opts: &LoadOptions) -> Result<Graph> {
    let facts = facts::Facts::load(&opts.facts)?;
    let inputs = inputs(opts)?;
    let mut lists = Vec::new();
    // the names of the inputs that are the bundled list, byte for byte
    let mut bundled = std::collections::HashSet::new();
    let mut curated = Vec::new();
    // dumps and imports are added after the build, in the order given
    let mut later = Vec::new();
    // the record sources' records, merged into the graph once it is built
    let mut records = Records::default();
    // inputs that give nothing (and markdown files of a folder that are no list), said once
    // the graph is built
    let mut empty = Vec::new();
    for input in &inputs {
        match input.kind {
            InputKind::List => match list::parse(&input.name, &input.text, &opts.list) {
                Ok(list) => {
                    if *input.text == *BUNDLED_LIST {
                        bundled.insert(input.name.clone());
                    }
                    lists.push((input.name.clone(), list))
                }
                Err(Error::NotAModelList(e)) if input.in_folder => empty.push(not_a_list(*e)),
                Err(e) => return Err(e),
            },
            InputKind::Curated => {
                let c = curated::parse(&input.name, &input.text)?;
                let d = &c.data;
                if d.organization.is_empty()
                    && d.model.is_empty()
                    && d.method.is_empty()
                    && d.fact.is_empty()
                    && d.correction.is_empty()
                {
                    empty.push(empty_input(
                        &input.name,
                        "no [[model]], [[method]], [[organization]], [[fact]] or [[correction]]",
                    ));
                }
                curated.push(c);
            }
            InputKind::Yaml => records.read_yaml(input)?,
            InputKind::Csv => {
                check_columns(input)?;
                if !records.read_csv(input)? {
                    later.push(input);
                }
            }
            InputKind::Graphml | InputKind::Json | InputKind::Parquet | InputKind::Jsonl => {
                later.push(input)
            }
        }
    }
    check_sections(&opts.list, &lists)?;
    // lists are built in an order of their own, not of `--data`: the bundled list first (the
    // curated file is written against its names), then by name; where two lists name one
    // model, which spelling names it does not depend on the order the user gave them in
    lists.sort_by_cached_key(|(name, _)| (!bundled.contains(name), name.clone()));
    countries_apart(&mut lists, &mut records.records, &facts);
    let (mut graph, index) = build::build_indexed(&lists, &curated, &facts)?;
    let index = merge::add_indexed(&mut graph, index, &records.records, &facts);
    graph.diagnostics.extend(records.diagnostics);
    add_later(&mut graph, index, later, &facts)?;
    graph.diagnostics.extend(empty);
    graph.diagnostics.extend(skipped_files(&opts.paths));
    crate::licence::classify(&mut graph, &crate::licence::Licences::load(&opts.facts)?);
    Ok(graph)
}

/// Adds the inputs read after the graph is built, in the order given: dumps (Hub CSVs,
/// snapshots, API records, crawls), which ask `index` (the build's and merge's) which model a
/// Hub id identifies, and imports of llmkg's own exports, whose nodes are filed in it.
fn add_later(
    graph: &mut Graph,
    index: resolve::Index,
    later: Vec<&Input>,
    facts: &Facts,
) -> Result<()> {
    let mut pairs = CsvPairs::default();
    let mut dumps = hub::Dumps::with_index(index, graph);
    for input in later {
        match input.kind {
            InputKind::Graphml => graphml::add(graph, &input.name, &input.text)?,
            InputKind::Json if hub::is_crawl_json(&input.text) => {
                let text = (&*input.text, false);
                hub::add_crawl(graph, &mut dumps, &input.name, text, facts)?
            }
            InputKind::Json if hub::is_api_array(&input.text) => {
                hub::add_api(graph, &mut dumps, &input.name, &input.text, facts)?
            }
            InputKind::Json => json::add(graph, &input.name, &input.text)?,
            InputKind::Jsonl => hub::add_api(graph, &mut dumps, &input.name, &input.text, facts)?,
            InputKind::Parquet => {
                let path = input.path.as_deref().unwrap_or(Path::new(&input.name));
                hub::add_snapshot(graph, &mut dumps, &input.name, path, facts)?
            }
            _ => add_csv(graph, input, &mut pairs, (&mut dumps, facts))?,
        }
    }
    pairs.check_none_left()
}

/// What the record sources (Epoch AI, Ecosystem Graphs) hold, read before the graph is built.
#[derive(Default)]
struct Records {
    records: Vec<record::Record>,
    diagnostics: Vec<Diagnostic>,
}

impl Records {
    /// An Ecosystem Graphs assets file; any other YAML file is skipped with a warning.
    fn read_yaml(&mut self, input: &Input) -> Result<()> {
        nesting::check_yaml(&input.name, &input.text)?;
        if !ecosystem::is_ecosystem_yaml(&input.text) {
            self.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                Code::SkippedFile,
                &input.name,
                "not read: not an Ecosystem Graphs assets file (a YAML list of assets, each with a name and a type)",
            ));
            return Ok(());
        }
        let read = ecosystem::read_yaml(&input.name, &input.text, &mut self.diagnostics)?;
        self.records.extend(read);
        Ok(())
    }

    /// A CSV, if it is an Epoch AI download, Ecosystem Graphs' flattened assets or a table of
    /// models with ids but no Hub namespaces (told by its columns): whether it was one.
    fn read_csv(&mut self, input: &Input) -> Result<bool> {
        let Ok(header) = csv::Reader::from_reader(input.text.as_bytes())
            .headers()
            .cloned()
        else {
            return Ok(false);
        };
        let (name, text, diags) = (&input.name, &*input.text, &mut self.diagnostics);
        let read = if epoch::is_epoch_header(&header) {
            epoch::read(name, text, diags)?
        } else if ecosystem::is_ecosystem_header(&header) {
            ecosystem::read_csv(name, text, diags)?
        } else if let Some(id) = model_table_id(input, &header) {
            model_table::read(name, text, id, diags)?
        } else {
            return Ok(false);
        };
        self.records.extend(read);
        Ok(true)
    }
}

/// The id column of a CSV that is a table of models, not a Hub dump
/// ([`model_table::is_model_table`]); never where the user names the id column, which says
/// the file is a Hub dump.
fn model_table_id(input: &Input, header: &csv::StringRecord) -> Option<usize> {
    if input.columns.id_column.is_some() {
        return None;
    }
    let id = hub::id_column(header, &input.columns)?;
    model_table::is_model_table(header, id, &input.text).then_some(id)
}

/// The halves of llmkg CSV exports (nodes.csv, edges.csv) not yet paired.
#[derive(Default)]
struct CsvPairs<'a> {
    nodes: Vec<&'a Input>,
    edges: Vec<&'a Input>,
}

impl CsvPairs<'_> {
    /// A half left without its other half is an error that says which file to add.
    fn check_none_left(&self) -> Result<()> {
        let Some(lone) = self.nodes.first().or(self.edges.first()) else {
            return Ok(());
        };
        let (has, needs) = if self.nodes.is_empty() {
            ("edges (Source,Target,...)", "nodes.csv")
        } else {
            ("nodes (Id,Label,...)", "edges.csv")
        };
        Err(Error::parse(
            &lone.name,
            Some(1),
            format!("an llmkg CSV {has} file without its other half"),
        )
        .with_help(format!(
            "give its {needs} too: --data nodes.csv --data edges.csv"
        )))
    }
}

/// A CSV input: half of an llmkg Gephi pair (added once its other half is read) or a Hugging
/// Face dump, told apart by its header.
fn add_csv<'a>(
    graph: &mut Graph,
    input: &'a Input,
    pairs: &mut CsvPairs<'a>,
    (dumps, facts): (&mut hub::Dumps, &facts::Facts),
) -> Result<()> {
    let hub_opts = &input.columns;
    if input.text.trim().is_empty() {
        return Err(Error::parse(
            &input.name,
            None,
            "empty CSV: expected a header line such as \"id,base_model,base_model_relation\"",
        ));
    }
    let header = csv::Reader::from_reader(input.text.as_bytes())
        .headers()
        .cloned()
        .map_err(|e| Error::parse(&input.name, Some(1), format!("malformed CSV header: {e}")))?;
    match csv_pair::header_kind(&header) {
        Some(csv_pair::Half::Nodes) => pairs.nodes.push(input),
        Some(csv_pair::Half::Edges) => pairs.edges.push(input),
        None => {}
    }
    // the k-th nodes file and the k-th edges file make a pair
    if let (Some(n), Some(e)) = (pairs.nodes.first(), pairs.edges.first()) {
        csv_pair::add(graph, &n.name, &n.text, &e.name, &e.text)?;
        pairs.nodes.remove(0);
        pairs.edges.remove(0);
    }
    if csv_pair::header_kind(&header).is_some() {
        return Ok(());
    }
    if hub::is_crawl_header(&header) {
        let text = (&*input.text, true);
        return hub::add_crawl(graph, dumps, &input.name, text, facts)
            .map_err(|e| unclosed_quote_help(e, &input.text));
    }
    if !hub::is_hub_header(&header, hub_opts) {
        return Err(Error::parse(
            &input.name,
            Some(1),
            format!(
                "not a Hugging Face dump: no model id column (id, modelId or model_id) among {}",
                header.iter().collect::<Vec<_>>().join(", ")
            ),
        )
        .with_help("name the id column with --id-column NAME"));
    }
    if input.text.trim().lines().nth(1).is_none() {
        graph
            .diagnostics
            .push(empty_input(&input.name, "a header and no rows"));
    }
    hub::add_with(
        graph,
        dumps,
        &input.name,
        input.text.as_bytes(),
        hub_opts,
        facts,
    )
    .map_err(|e| unclosed_quote_help(e, &input.text))
}

/// A CSV header that names one column twice (`id,id,base_model`) is refused: which of the two
/// a reader would take is a guess. Names are compared trimmed, without a byte-order mark;
/// empty names (a trailing comma) are no column anyone reads.
fn check_columns(input: &Input) -> Result<()> {
    let Ok(header) = csv::Reader::from_reader(input.text.as_bytes())
        .headers()
        .cloned()
    else {
        return Ok(());
    };
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}').trim();
        if name.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(name, i) {
            return Err(Error::parse(
                &input.name,
                Some(1),
                format!(
                    "the column \"{name}\" is named twice in the header (columns {} and {}): which one to read is a guess",
                    first + 1,
                    i + 1
                ),
            )
            .with_help("rename or remove one of them"));
        }
    }
    Ok(())
}

/// The warning for a markdown file in a folder that is no model list (`e`, the error it would
/// be if named itself): skipped, as the folder's other files that are no input are.
fn not_a_list(e: Error) -> Diagnostic {
    let Error::Parse {
        file,
        line,
        message,
        help,
    } = e
    else {
        let text = e.to_string();
        return Diagnostic::new(Severity::Warning, Code::SkippedFile, "", text);
    };
    let at = match line {
        Some(l) => format!("{file}:{l}"),
        None => file,
    };
    let d = Diagnostic::new(
        Severity::Warning,
        Code::SkippedFile,
        at,
        format!("not read: {message}"),
    );
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

/// The warning for an input that gives nothing (`what` says what it lacks).
fn empty_input(file: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        Code::EmptyInput,
        file,
        format!("{what}: the file adds nothing to the graph"),
    )
    .help("check that this is the file you meant")
}

/// Every `--section` heading must be in one of the lists: one that is in none is an error that
/// lists the closest headings.
fn check_sections(opts: &list::ListOptions, lists: &[(String, list::ParsedList)]) -> Result<()> {
    if lists.is_empty() {
        return Ok(());
    }
    for (heading, _) in &opts.sections {
        if lists.iter().any(|(_, l)| l.named.contains(heading)) {
            continue;
        }
        let all: Vec<&str> = lists
            .iter()
            .flat_map(|(_, l)| l.headings.iter().map(String::as_str))
            .collect();
        let files: Vec<&str> = lists.iter().map(|(f, _)| f.as_str()).collect();
        return Err(list::missing_section(&files.join(", "), heading, &all));
    }
    Ok(())
}

/// A malformed CSV record is most often a quoted field that never closes (a cut-off file, or a
/// stray `"`): it swallows every later line. When the quotes from the record's line to the end
/// are unbalanced, say so.
fn unclosed_quote_help(e: Error, text: &str) -> Error {
    let Error::Parse {
        line: Some(line),
        ref message,
        ..
    } = e
    else {
        return e;
    };
    if !message.starts_with("malformed CSV") || message.contains("never closed") {
        return e;
    }
    let start = text
        .match_indices('\n')
        .nth((line as usize).saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let start = if line <= 1 { 0 } else { start };
    let quotes = text[start..].bytes().filter(|&b| b == b'"').count();
    if quotes % 2 == 1 {
        e.with_help(format!(
            "a quoted field on line {line} is never closed: it runs to the end of the file (is the file cut off, or a `\"` stray?)"
        ))
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_named_by_as_much_of_their_path_as_tells_them_apart() {
        let names = |paths: &[&str]| input_names(paths.iter().map(Path::new));
        assert_eq!(
            names(&["/x/a/list.md", "/x/b/list.md", "/x/c/other.md"]),
            ["a/list.md", "b/list.md", "other.md"]
        );
        assert_eq!(
            names(&["/x/a/list.md", "/y/a/list.md"]),
            ["x/a/list.md", "y/a/list.md"]
        );
        assert_eq!(names(&["list.md", "/x/list.md"]), ["list.md", "x/list.md"]);
        assert_eq!(names(&["d/list.md", "./d/e.md"]), ["d/list.md", "./d/e.md"]);
        assert_eq!(names(&["/x/list.md", "/x/list.md"]), ["list.md", "list.md"]);
    }

    #[test]
    fn lines_ended_by_a_lone_cr_are_counted() {
        assert_eq!(cr_lines("a\rb\rc".into()), "a\nb\nc");
        assert_eq!(cr_lines("a\r\nb".into()), "a\r\nb", "CRLF is left as it is");
        assert_eq!(cr_lines("a\nb\rc".into()), "a\nb\rc");
    }

    #[test]
    fn utf16_is_named_as_such() {
        for bytes in [
            b"\xff\xfei\x00d\x00".to_vec(),
            b"i\x00d\x00,\x00".to_vec(),
            b"\xfe\xff\x00i\x00d".to_vec(),
        ] {
            let err = decode("dump.csv", bytes).unwrap_err().to_string();
            assert!(err.contains("UTF-16 text, not UTF-8"), "{err}");
        }
    }

    #[test]
    fn a_fifo_or_a_device_is_refused_before_it_is_read() {
        let err = read_text(Path::new("/dev/zero"), "z.csv")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a regular file"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode("x.md", b"ok\nab\xffc\n".to_vec())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.md:2: invalid UTF-8 (byte 0xff at column 3)"),
            "{err}"
        );
    }
}
