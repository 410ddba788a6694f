//! `llmkg common`: the lowest common ancestors of two or more models, with the path from each.

use super::query::QueryArgs;
use super::{DataArgs, OnErrors};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Two or more models.
    #[arg(required = true, num_args = 2.., value_name = "NAME")]
    pub(crate) names: Vec<String>,
    #[command(flatten)]
    pub(crate) query: QueryArgs,
}

/// Prints the common ancestors of the names.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let started = Instant::now();
    let ixs = args
        .names
        .iter()
        .map(|n| graph.resolve(n, None))
        .collect::<Result<Vec<_>, _>>()?;
    let scope = args.query.scope(None, None);
    let answer = crate::query::common(graph, &ixs, &scope);
    super::query::print(graph, &answer, &args.query, started, out)
}
