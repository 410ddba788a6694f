//! What every lineage query shares: its options, the scope they become, and the printing of the
//! answer with its exit code (logic in crate::query, printing in crate::answer).

use super::{parse_kind, parse_relations};
use crate::answer::OutputFormat;
use crate::graph::Graph;
use crate::model::{NodeKind, Relation};
use crate::query::{Answer, Scope};
use anyhow::Result;
use clap::ValueEnum;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

/// How a query answer is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
// the values are described in the option's help, so that every command's --help has one layout
pub(crate) enum QueryFormat {
    Table,
    Json,
    Dot,
}

impl From<QueryFormat> for OutputFormat {
    fn from(f: QueryFormat) -> OutputFormat {
        match f {
            QueryFormat::Table => OutputFormat::Table,
            QueryFormat::Json => OutputFormat::Json,
            QueryFormat::Dot => OutputFormat::Dot,
        }
    }
}

/// Options every query takes.
#[derive(Debug, clap::Args)]
pub(crate) struct QueryArgs {
    /// Follow only these relations (comma-separated); default: every lineage relation
    /// (`why`: every relation). `fine_tuned_from,derived_from` = weight inheritance only.
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = parse_relations)]
    pub(crate) relations: Vec<Relation>,
    /// Output format: table (aligned text for people, coloured on a terminal), json (one object
    /// with "nodes", "edges" and "paths") or dot (the answer's subgraph).
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub(crate) format: QueryFormat,
}

impl QueryArgs {
    /// The scope the query runs in: these relations, and the kind and depth the command gives.
    pub(crate) fn scope(&self, kind: Option<NodeKind>, depth: Option<usize>) -> Scope {
        Scope {
            relations: self.relations.clone(),
            kind,
            depth,
        }
    }
}

/// The arguments of `ancestors` and `descendants`, the two walks along lineage.
#[derive(Debug, clap::Args)]
pub(crate) struct LineageArgs {
    /// A model or method: id, label, alias, or a loose spelling.
    pub(crate) name: String,
    /// At most this many steps away.
    #[arg(long, value_name = "N")]
    pub(crate) depth: Option<usize>,
    /// Report only nodes of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub(crate) kind: Option<NodeKind>,
    #[command(flatten)]
    pub(crate) query: QueryArgs,
}

/// Prints the answer of a query started at `started`; exit 1 when the question has no answer.
pub(crate) fn print(
    graph: &Graph,
    answer: &Answer,
    q: &QueryArgs,
    started: Instant,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if super::timings() {
        say!(
            "timing: query {:.2} ms ({} nodes, {} edges in the answer)",
            started.elapsed().as_secs_f64() * 1e3,
            answer.nodes.len(),
            answer.edges.len()
        );
    }
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    crate::answer::write(graph, answer, q.format.into(), color, out)?;
    Ok(if answer.found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
