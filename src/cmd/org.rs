//! `llmkg org`: what an organization made, whose models it built on, and who built on its models.

use super::query::QueryArgs;
use super::{DataArgs, OnErrors, parse_kind};
use crate::model::NodeKind;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// An organization.
    pub(crate) org: String,
    /// Report only what it made of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub(crate) kind: Option<NodeKind>,
    #[command(flatten)]
    pub(crate) query: QueryArgs,
}

/// Prints the organization's models and the lineage around them.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let started = Instant::now();
    let ix = graph.resolve(&args.org, Some(NodeKind::Organization))?;
    let scope = args.query.scope(args.kind, None);
    let answer = crate::query::org(graph, ix, &scope);
    super::query::print(graph, &answer, &args.query, started, out)
}
