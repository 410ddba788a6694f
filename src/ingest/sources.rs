//! The sources file (`--sources sources.toml`): the inputs of a run, each with options of its own,
//! so two Hub dumps with different column names load in one run.
//!
//! ```toml
//! [[input]]
//! path = "dumps/hub-a.csv"       # relative to the sources file's folder
//! id_column = "modelId"
//! base_column = "parent_model"
//!
//! [[input]]
//! path = "epoch/notable_ai_models.csv"
//! ```

use super::hub::HubOptions;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    input: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: toml::Spanned<PathBuf>,
    id_column: Option<String>,
    base_column: Option<String>,
    relation_column: Option<String>,
}

/// One input and the column names to read it by.
#[derive(Debug, Clone)]
pub(crate) struct InputSpec {
    pub path: PathBuf,
    pub columns: HubOptions,
}

/// The inputs a sources file names, their paths taken from the file's folder; an option an
/// entry leaves out is the command line's (`defaults`).
pub(crate) fn read(file: &Path, defaults: &HubOptions) -> Result<Vec<InputSpec>> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count() as u64 + 1;
    let parsed: SourcesFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_of(s.start));
        Error::parse(&name, line, e.message().trim().to_string()).with_help(
            "each input is an [[input]] table with path and, optionally, id_column, base_column and relation_column",
        )
    })?;
    if parsed.input.is_empty() {
        return Err(
            Error::parse(&name, None, "no [[input]] table: the file names no input")
                .with_help("add [[input]] tables, each with a path = \"...\""),
        );
    }
    let dir = file.parent().unwrap_or(Path::new(""));
    parsed
        .input
        .into_iter()
        .map(|e| {
            let path = dir.join(e.path.get_ref());
            if !path.exists() {
                let line = line_of(e.path.span().start);
                return Err(Error::parse(
                    &name,
                    Some(line),
                    format!("input {} does not exist", path.display()),
                )
                .with_help("paths are taken from the sources file's folder"));
            }
            let or = |own: Option<String>, default: &Option<String>| own.or(default.clone());
            let columns = HubOptions {
                id_column: or(e.id_column, &defaults.id_column),
                base_column: or(e.base_column, &defaults.base_column),
                relation_column: or(e.relation_column, &defaults.relation_column),
            };
            Ok(InputSpec { path, columns })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn entries_take_their_own_columns_and_paths_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.csv", "modelId\n");
        write(dir.path(), "b.csv", "id\n");
        let file = write(
            dir.path(),
            "sources.toml",
            "[[input]]\npath = \"a.csv\"\nid_column = \"modelId\"\n\n[[input]]\npath = \"b.csv\"\n",
        );
        let defaults = HubOptions {
            base_column: Some("parent".into()),
            ..HubOptions::default()
        };
        let specs = read(&file, &defaults).unwrap();
        assert_eq!(specs[0].path, dir.path().join("a.csv"));
        assert_eq!(specs[0].columns.id_column.as_deref(), Some("modelId"));
        assert_eq!(specs[1].columns.id_column, None);
        assert_eq!(specs[1].columns.base_column.as_deref(), Some("parent"));
    }

    #[test]
    fn mistakes_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "s.toml",
            "[[input]]\npath = \"a.csv\"\nid_colum = \"x\"\n",
        );
        let err = read(&file, &HubOptions::default()).unwrap_err().to_string();
        assert!(err.contains("s.toml:3"), "{err}");
        assert!(err.contains("id_colum"), "{err}");
        let file = write(dir.path(), "t.toml", "[[input]]\npath = \"missing.csv\"\n");
        let err = read(&file, &HubOptions::default()).unwrap_err().to_string();
        assert!(
            err.contains("t.toml:2") && err.contains("does not exist"),
            "{err}"
        );
    }
}
