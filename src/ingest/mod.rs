//! Readers of every input (the markdown list, the curated file, ...) and the builder that merges
//! what they read into one graph.

pub mod list;
pub mod mojibake;
pub mod prose;

use crate::error::Result;
use crate::graph::Graph;
use std::path::PathBuf;

/// What to read and how.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Files or folders; empty means the bundled data.
    pub paths: Vec<PathBuf>,
    pub list: list::ListOptions,
    pub id_column: Option<String>,
    pub base_column: Option<String>,
    pub relation_column: Option<String>,
}

/// Reads every input and builds the graph.
pub fn load(opts: &LoadOptions) -> Result<Graph> {
    let _ = opts;
    Err(crate::error::Error::Invalid(
        "loading is not written yet".into(),
    ))
}
