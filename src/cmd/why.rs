//! `llmkg why`: every fact linking two nodes, with its evidence; exit 1 when nothing links them.

use super::query::QueryArgs;
use super::{DataArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// One entity (any of its names).
    pub(crate) a: String,
    /// The other entity.
    pub(crate) b: String,
    #[command(flatten)]
    pub(crate) query: QueryArgs,
}

/// Prints what links A and B.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let started = Instant::now();
    let (x, y) = (graph.resolve(&args.a, None)?, graph.resolve(&args.b, None)?);
    let scope = args.query.scope(None, None);
    let answer = crate::query::why(graph, x, y, &scope);
    super::query::print(graph, &answer, &args.query, started, out)
}
