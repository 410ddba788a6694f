//! `llmkg list`: the nodes, filtered by kind, organization and date.

use super::{DataArgs, FormatArgs, OnErrors, parse_date, parse_kind};
use crate::graph::Graph;
use crate::model::{Date, NodeKind};
use crate::report::ListFilter;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Only nodes of this kind (model, organization, method, dataset, application).
    #[arg(long, value_parser = parse_kind)]
    pub(crate) kind: Option<NodeKind>,
    /// Only nodes developed by this organization.
    #[arg(long)]
    pub(crate) org: Option<String>,
    /// Only nodes released in or after this month (YYYY-MM).
    #[arg(long, value_parser = parse_date)]
    pub(crate) since: Option<Date>,
    /// Only nodes released in or before this month (YYYY-MM).
    #[arg(long, value_parser = parse_date)]
    pub(crate) until: Option<Date>,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

impl Args {
    /// The filter `report::list` takes, with the organization resolved against the graph.
    fn filter(&self, graph: &Graph) -> Result<ListFilter> {
        let org = match &self.org {
            Some(o) => Some(graph.resolve(o, Some(NodeKind::Organization))?),
            None => None,
        };
        Ok(ListFilter {
            kind: self.kind,
            org,
            since: self.since,
            until: self.until,
        })
    }
}

/// Prints the nodes that pass the filter.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let filter = args.filter(graph)?;
    crate::report::list(graph, &filter, args.format.format.into(), out)?;
    Ok(ExitCode::SUCCESS)
}
