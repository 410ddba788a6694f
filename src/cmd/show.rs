//! `llmkg show`: one node's card, with every edge and its evidence.

use super::{DataArgs, FormatArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A model, organization or method: id, label, alias, or a loose spelling ("llama2").
    pub(crate) name: String,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// Resolves the name and prints its card.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let ix = graph.resolve(&args.name, None)?;
    crate::report::show(graph, ix, args.format.format.into(), out)?;
    Ok(ExitCode::SUCCESS)
}
