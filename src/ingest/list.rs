//! The markdown list (an awesome-list README): entries, their links, dates, sizes, organizations,
//! the models named inside them, and the lineage their prose states. Parsed with pulldown-cmark.

use crate::error::{Diagnostic, Result};
use crate::model::{Date, Link, Relation};

/// Which kind of node a section's entries become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Model,
    Method,
}

/// Options for reading a list.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// Extra headings to read (`--section "HEADING=model"`), matched case-insensitively.
    pub sections: Vec<(String, SectionKind)>,
}

/// A lineage statement read from an entry's prose: `subject --relation--> object`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The entry's name, or the name of a model named inside the entry.
    pub subject: String,
    pub relation: Relation,
    /// The name the sentence gives, cleaned ("Llama" from "the Llama 7b model").
    pub object: String,
    /// 1-based line of the sentence in the file.
    pub line: u32,
    /// The sentence itself, whitespace folded.
    pub sentence: String,
}

/// A model named inside another entry (Phi-2 inside Phi-1.5).
#[derive(Debug, Clone, PartialEq)]
pub struct SubModel {
    pub name: String,
    pub released: Option<Date>,
    pub sizes: Vec<String>,
    pub links: Vec<Link>,
    pub line: u32,
    pub sentence: String,
}

/// One bullet of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    pub name: String,
    pub section: SectionKind,
    /// 1-based line of the bullet.
    pub line: u32,
    pub released: Option<Date>,
    pub links: Vec<Link>,
    /// Sizes as written, normalised ("7B", "8x7B", "39B active").
    pub sizes: Vec<String>,
    /// Organization names as the text gives them ("Meta AI", "UC Berkeley University").
    pub organizations: Vec<String>,
    pub description: String,
    /// 1-based line where the description starts.
    pub description_line: u32,
    pub sub_models: Vec<SubModel>,
    pub statements: Vec<Statement>,
    /// The prose says the model was trained from scratch (a root on purpose).
    pub from_scratch: bool,
}

/// What reading a list gives.
#[derive(Debug, Clone, Default)]
pub struct ParsedList {
    pub entries: Vec<ListEntry>,
    /// Findings such as repaired encoding, with their lines.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a list. `file` is the name used in evidence and errors.
pub fn parse(file: &str, text: &str, opts: &ListOptions) -> Result<ParsedList> {
    let _ = (file, text, opts);
    Err(crate::error::Error::Invalid(
        "list parsing is not written yet".into(),
    ))
}
