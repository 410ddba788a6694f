//! `llmkg descendants`: everything built on a model, as a tree.

use super::{DataArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

pub(crate) use super::query::LineageArgs as Args;

/// Prints the descendants of the name.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let started = Instant::now();
    let ix = graph.resolve(&args.name, None)?;
    let scope = args.query.scope(args.kind, args.depth);
    let answer = crate::query::descendants(graph, ix, &scope);
    super::query::print(graph, &answer, &args.query, started, out)
}
