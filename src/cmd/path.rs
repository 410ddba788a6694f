//! `llmkg path`: the derivation path from one model up to another; exit 1 when there is none.

use super::query::QueryArgs;
use super::{DataArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The derived model.
    pub(crate) from: String,
    /// The origin it should derive from.
    pub(crate) to: String,
    #[command(flatten)]
    pub(crate) query: QueryArgs,
}

/// Prints the path from FROM up to TO.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let started = Instant::now();
    let (from, to) = (
        graph.resolve(&args.from, None)?,
        graph.resolve(&args.to, None)?,
    );
    let scope = args.query.scope(None, None);
    let answer = crate::query::path(graph, from, to, &scope);
    super::query::print(graph, &answer, &args.query, started, out)
}
