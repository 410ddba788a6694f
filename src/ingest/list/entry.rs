//! What a list gives: its entries (from bullets or table rows), where each stands, the lineage
//! statements and models named in their prose, and the kinds of section they come from. The
//! readers of a list share these types; none of them imports another reader for them.

use crate::model::{Date, Link, Relation};

/// Which kind of node a section's entries become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Model,
    Method,
    /// A corpus or instruction set (an item of a page's corpus section).
    Dataset,
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
    /// What the phrase says; `uses` for a mention of what the entry is built with ("built on
    /// vLLM", the second name of "based on PyTorch and LangChain"), which the builder keeps
    /// only where its object is no model ([`Statement::is_mention`]).
    pub relation: Relation,
    /// The name the sentence gives, cleaned ("Llama" from "the Llama 7b model").
    pub object: String,
    /// 1-based line of the sentence in the file.
    pub line: u32,
    /// The sentence itself, whitespace folded.
    pub sentence: String,
}

impl Statement {
    /// Whether the statement only mentions what the entry is built with: no lineage, no sign
    /// that an item is a model's entry, and an edge only where the vocabulary or a source
    /// says what its object is (data, software, a platform, a method).
    pub(crate) fn is_mention(&self) -> bool {
        self.relation == Relation::Uses
    }
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

/// One entry of the list: a bullet with its description, or a row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    pub name: String,
    pub section: SectionKind,
    /// 1-based line of the bullet or row.
    pub line: u32,
    pub released: Option<Date>,
    pub links: Vec<Link>,
    /// Sizes as written, normalised ("7B", "8x7B", "39B active").
    pub sizes: Vec<String>,
    /// Organization names as the text gives them ("Meta AI", "UC Berkeley University").
    pub organizations: Vec<String>,
    pub description: String,
    /// Other names the label gives: "通义千问 (Qwen)".
    pub aliases: Vec<String>,
    /// 1-based line where the description starts.
    pub description_line: u32,
    pub sub_models: Vec<SubModel>,
    pub statements: Vec<Statement>,
    /// The prose says the model was trained from scratch (a root on purpose).
    pub from_scratch: bool,
    /// Further attributes a table gives (`license`, `context_length`).
    pub attrs: Vec<(String, String)>,
    /// The link whose Hugging Face namespace or GitHub owner gave the entry its organization,
    /// where its text names none: the evidence of its `developed_by` edge.
    pub(crate) organization_link: Option<String>,
    /// Where the entry stands: the heading of its section (an index into the file's headings)
    /// and the group heading or `<summary>` inside it.
    pub(crate) place: Place,
}

/// Where an entry or item stands in its file.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Place {
    pub section: Option<usize>,
    /// The line of the table it is a row of.
    pub table: Option<u32>,
    pub group: Option<String>,
}

/// An item of a list before it is judged: an entry, a to-do checkbox or a link to a related
/// resource (never entries).
pub(crate) enum Item {
    Entry(Box<ListEntry>),
    Task {
        line: u32,
        text: String,
        place: Place,
    },
    /// A link to another list, guide or timeline (see `related.rs`).
    Resource {
        line: u32,
        text: String,
        place: Place,
    },
}

impl Item {
    pub(crate) fn line(&self) -> u32 {
        match self {
            Item::Entry(e) => e.line,
            Item::Task { line, .. } | Item::Resource { line, .. } => *line,
        }
    }
}
