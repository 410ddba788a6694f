//! `llmkg family`: the whole family of a model (`Graph::family`: the models joined to it by
//! lineage), as a tree from its roots.

use super::query::QueryArgs;
use super::{DataArgs, OnErrors, parse_kind};
use crate::model::NodeKind;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A model or method of the family (any of its names).
    pub(crate) name: String,
    /// Report only nodes of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub(crate) kind: Option<NodeKind>,
    #[command(flatten)]
    pub(crate) query: QueryArgs,
}

/// Prints the family of the name.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let started = Instant::now();
    let ix = graph.resolve(&args.name, None)?;
    let scope = args.query.scope(args.kind, None);
    let answer = crate::query::family(graph, ix, &scope);
    super::query::print(graph, &answer, &args.query, started, out)
}
