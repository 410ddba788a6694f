//! The library's error type and the diagnostics that `check` reports.

use crate::model::NodeKind;
use std::fmt;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library. Each message names the file, the line or record,
/// what was expected, and a fix where one is known.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}{}: {message}{}", line.map(|l| format!(":{l}")).unwrap_or_default(), help.as_ref().map(|h| format!("\n  help: {h}")).unwrap_or_default())]
    Parse {
        file: String,
        line: Option<u64>,
        message: String,
        help: Option<String>,
    },
    #[error("unknown {} \"{name}\"{}", kind.map(|k| k.as_str()).unwrap_or("name"), suggestion_text(suggestions))]
    UnknownName {
        name: String,
        kind: Option<NodeKind>,
        suggestions: Vec<String>,
    },
    #[error("\"{name}\" is ambiguous: it could be {}", candidates.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "))]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("{0}")]
    Invalid(String),
    /// A markdown file that is no model list (a [`Error::Parse`] inside), told apart so that a
    /// folder given with `--data` can skip it with a warning, as it does other files.
    #[error(transparent)]
    NotAModelList(Box<Error>),
}

fn suggestion_text(s: &[String]) -> String {
    match s {
        [] => String::new(),
        [one] => format!(": did you mean \"{one}\"?"),
        many => format!(
            ": did you mean one of {}?",
            many.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl Error {
    pub fn parse(file: &str, line: Option<u64>, message: impl Into<String>) -> Error {
        Error::Parse {
            file: file.to_string(),
            line,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(self, help: impl Into<String>) -> Error {
        match self {
            Error::Parse {
                file,
                line,
                message,
                ..
            } => Error::Parse {
                file,
                line,
                message,
                help: Some(help.into()),
            },
            other => other,
        }
    }
}

/// How bad a finding of `check` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// The kind of a finding, a closed set: each has a short stable name (`repaired-encoding`,
/// `cycle`, ...) that `check` prints and its JSON carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    UnresolvedReference,
    SkippedRecord,
    SkippedFact,
    ListedAgain,
    DuplicateEntry,
    DuplicateRecord,
    Conflict,
    DanglingReference,
    RepairedEncoding,
    UnclosedLink,
    UnreadSection,
    SkippedSection,
    SkippedItem,
    SkippedTable,
    Cycle,
    WrongKind,
    NoOrganization,
    DateOrder,
    DefaultRelation,
    UnknownRelation,
    UnknownKind,
    BadValue,
    EdgeAttributeDropped,
    NonFinite,
    Stub,
    TrailingSlash,
    /// A Hub id with stray characters around it (HTML, quotes, symbols), cleaned.
    StrayCharacters,
    /// A Hub id naming a path inside a repository, read as the repository.
    RepositoryPath,
    CaseDiffers,
    DuplicateRow,
    SelfReference,
    RepeatedParent,
    EmptyId,
    /// Two nodes (from different sources) that are likely the same entity, kept apart.
    LikelySame,
    /// Two sources give a model different parents, neither an ancestor of the other.
    ParentDisagrees,
    /// Two sources give an entity release dates more than a month apart.
    DateDisagrees,
    /// Two sources give an entity organizations with none in common.
    OrganizationDisagrees,
    /// A CSV with models but no base column: no lineage was read from it.
    NoLineage,
    /// A file in a folder given with `--data` that was not read.
    SkippedFile,
    /// An input that gives nothing: an empty curated file, a CSV with only its header.
    EmptyInput,
    /// One name for models of organizations with none in common, kept apart.
    Homonym,
    /// A dependency that names a placeholder (`Unknown`, `N/A`), not an entity: no edge.
    Placeholder,
    /// A lineage cycle that only the facts of several sources make: they disagree.
    CycleAcrossSources,
    /// An llmkg JSON graph without an `edges` (or `links`) key: read as a graph without edges.
    NoEdges,
    /// An edge of an import that repeats an earlier one (same ends, relation and evidence).
    DuplicateEdge,
    /// A GraphML edge id given to two edges (GraphML ids are unique in a document).
    DuplicateEdgeId,
    /// A derived model whose licence is more permissive than its nearest licensed ancestor's.
    LicenseDrift,
}

impl Code {
    /// The finding's stable name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::UnresolvedReference => "unresolved-reference",
            Code::SkippedRecord => "skipped-record",
            Code::SkippedFact => "skipped-fact",
            Code::ListedAgain => "listed-again",
            Code::DuplicateEntry => "duplicate-entry",
            Code::DuplicateRecord => "duplicate-record",
            Code::Conflict => "conflict",
            Code::DanglingReference => "dangling-reference",
            Code::RepairedEncoding => "repaired-encoding",
            Code::UnclosedLink => "unclosed-link",
            Code::UnreadSection => "unread-section",
            Code::SkippedSection => "skipped-section",
            Code::SkippedItem => "skipped-item",
            Code::SkippedTable => "skipped-table",
            Code::Cycle => "cycle",
            Code::WrongKind => "wrong-kind",
            Code::NoOrganization => "no-organization",
            Code::DateOrder => "date-order",
            Code::DefaultRelation => "default-relation",
            Code::UnknownRelation => "unknown-relation",
            Code::UnknownKind => "unknown-kind",
            Code::BadValue => "bad-value",
            Code::EdgeAttributeDropped => "edge-attribute-dropped",
            Code::NonFinite => "non-finite",
            Code::Stub => "stub",
            Code::TrailingSlash => "trailing-slash",
            Code::StrayCharacters => "stray-characters",
            Code::RepositoryPath => "repository-path",
            Code::CaseDiffers => "case-differs",
            Code::DuplicateRow => "duplicate-row",
            Code::SelfReference => "self-reference",
            Code::RepeatedParent => "repeated-parent",
            Code::EmptyId => "empty-id",
            Code::LikelySame => "likely-same",
            Code::ParentDisagrees => "parent-disagrees",
            Code::DateDisagrees => "date-disagrees",
            Code::OrganizationDisagrees => "organization-disagrees",
            Code::NoLineage => "no-lineage",
            Code::SkippedFile => "skipped-file",
            Code::EmptyInput => "empty-input",
            Code::Homonym => "homonym",
            Code::Placeholder => "placeholder",
            Code::CycleAcrossSources => "cycle-across-sources",
            Code::NoEdges => "no-edges",
            Code::DuplicateEdge => "duplicate-edge",
            Code::DuplicateEdgeId => "duplicate-edge-id",
            Code::LicenseDrift => "license-drift",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding, from ingest or from validation: `file:line: severity[code]: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the kind of finding (`repaired-encoding`, `cycle`, ...).
    pub code: Code,
    /// `file:line`, or empty where no place applies.
    pub location: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: Code,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            location: location.into(),
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.location.is_empty() {
            write!(f, "{}: ", self.location)?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}
