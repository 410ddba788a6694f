//! `llmkg stats`: node counts by kind, edge counts by relation, roots, the largest families.

use super::{DataArgs, FormatArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// Prints the statistics of the graph.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    crate::report::stats(graph, args.format.format.into(), out)?;
    Ok(ExitCode::SUCCESS)
}
