//! The curated file (TOML): organizations, model and method records with aliases, and the
//! lineage, organization and method facts that a list's prose leaves out, each with its citation.

use crate::error::{Error, Result};
use crate::model::{Date, Relation};
use serde::Deserialize;
use toml::Spanned;

/// One string or a list of them (`organization = "Meta AI"` or `["A", "B"]`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// `[[organization]]`, `[[model]]` or `[[method]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub name: Spanned<String>,
    /// Overrides the slug made from the name.
    pub id: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub released: Option<String>,
    #[serde(default)]
    pub sizes: Vec<String>,
    pub organization: Option<OneOrMany>,
    pub description: Option<String>,
    pub paper: Option<String>,
    pub code: Option<String>,
    pub model: Option<String>,
    /// Hugging Face ids or namespaces that stand for this node (`meta-llama/Llama-2-7b-hf`, `meta-llama`).
    #[serde(default)]
    pub hub: Vec<String>,
    /// The source that vouches for a record the list does not have.
    pub cite: Option<String>,
}

/// `[[fact]]`: `subject --relation--> object`, with its citation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub subject: Spanned<String>,
    pub relation: Spanned<String>,
    pub object: Spanned<String>,
    pub cite: String,
    /// What the citation says, shown as the evidence text.
    pub note: Option<String>,
}

/// `[[correction]]`: a field of a list entry that the list gets wrong.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRecord {
    pub subject: Spanned<String>,
    /// `sizes`, `organization` or `released`.
    pub field: Spanned<String>,
    pub value: OneOrMany,
    pub cite: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedFile {
    #[serde(default)]
    pub organization: Vec<Record>,
    #[serde(default)]
    pub model: Vec<Record>,
    #[serde(default)]
    pub method: Vec<Record>,
    #[serde(default)]
    pub fact: Vec<Fact>,
    #[serde(default)]
    pub correction: Vec<CorrectionRecord>,
}

/// A parsed curated file, with the line table to turn spans into lines.
#[derive(Debug, Clone)]
pub struct Curated {
    pub file: String,
    pub data: CuratedFile,
    line_starts: Vec<usize>,
}

impl Curated {
    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        (self.line_starts.partition_point(|&s| s <= offset)) as u32
    }

    pub fn line_of<T>(&self, s: &Spanned<T>) -> u32 {
        self.line(s.span().start)
    }

    /// A parse error at a span.
    pub fn error_at<T>(&self, s: &Spanned<T>, message: impl Into<String>) -> Error {
        Error::parse(&self.file, Some(u64::from(self.line_of(s))), message)
    }
}

pub const FIELDS: [&str; 3] = ["sizes", "organization", "released"];

/// Reads a curated file and checks what can be checked without the graph (relations, dates,
/// fields, citations).
pub fn parse(file: &str, text: &str) -> Result<Curated> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let data: CuratedFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| line_starts.partition_point(|&x| x <= s.start) as u64);
        Error::parse(file, line, e.message().to_string()).with_help(
            "a curated file has [[organization]], [[model]], [[method]], [[fact]] and [[correction]] tables (see docs/inputs.md: \"Adding a model to the data\")",
        )
    })?;
    let cur = Curated {
        file: file.to_string(),
        data,
        line_starts,
    };
    for f in &cur.data.fact {
        f.relation
            .get_ref()
            .parse::<Relation>()
            .map_err(|m| cur.error_at(&f.relation, m))?;
        if f.cite.trim().is_empty() {
            return Err(cur
                .error_at(&f.subject, "fact has an empty citation")
                .with_help("every curated fact needs `cite = \"URL\"` naming its source"));
        }
    }
    for r in cur
        .data
        .organization
        .iter()
        .chain(&cur.data.model)
        .chain(&cur.data.method)
    {
        if r.name.get_ref().trim().is_empty() {
            return Err(cur.error_at(&r.name, "record has an empty name"));
        }
        if let Some(d) = &r.released {
            d.parse::<Date>().map_err(|m| cur.error_at(&r.name, m))?;
        }
    }
    for c in &cur.data.correction {
        if !FIELDS.contains(&c.field.get_ref().as_str()) {
            let best = crate::suggest::closest(c.field.get_ref(), FIELDS, 1);
            let hint = best
                .first()
                .map(|b| format!(": did you mean \"{b}\"?"))
                .unwrap_or_default();
            return Err(cur.error_at(
                &c.field,
                format!(
                    "unknown correction field \"{}\"{hint} (expected one of {})",
                    c.field.get_ref(),
                    FIELDS.join(", ")
                ),
            ));
        }
        if c.field.get_ref() == "released"
            && let OneOrMany::One(d) = &c.value
        {
            d.parse::<Date>().map_err(|m| cur.error_at(&c.field, m))?;
        }
    }
    Ok(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_facts_and_lines() {
        let text = "[[model]]\nname = \"StarCoder\"\nreleased = \"2023-05\"\n\n[[fact]]\nsubject = \"WizardCoder\"\nrelation = \"fine_tuned_from\"\nobject = \"StarCoder\"\ncite = \"https://arxiv.org/abs/2306.08568\"\n";
        let c = parse("c.toml", text).unwrap();
        assert_eq!(c.data.model[0].name.get_ref(), "StarCoder");
        assert_eq!(c.line_of(&c.data.model[0].name), 2);
        assert_eq!(c.line_of(&c.data.fact[0].subject), 6);
    }

    #[test]
    fn unknown_relation_names_line_and_suggestion() {
        let text = "[[fact]]\nsubject = \"A\"\nrelation = \"finetuned_from\"\nobject = \"B\"\ncite = \"x\"\n";
        let err = parse("c.toml", text).unwrap_err().to_string();
        assert!(
            err.starts_with("c.toml:3: unknown relation \"finetuned_from\""),
            "{err}"
        );
        assert!(err.contains("did you mean \"fine_tuned_from\""), "{err}");
    }

    #[test]
    fn toml_syntax_errors_name_the_line() {
        let err = parse("c.toml", "[[model]]\nname = = \"A\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:2:"), "{err}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = parse("c.toml", "[[model]]\nname = \"A\"\nrelased = \"2023-01\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("relased"), "{err}");
    }
}
