//! `llmkg check`: validates the data and reports every finding; the one command that runs on data
//! with errors.

use super::{DataArgs, FormatArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// Loads the data, errors and all, and reports the findings; exit 1 when there are errors.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let licences = crate::licence::Licences::load(&data.facts)?;
    let graph = super::load(data, OnErrors::Tolerate)?;
    crate::check::run(graph, &licences, args.format.format.into(), out)
}
