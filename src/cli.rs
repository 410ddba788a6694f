//! The command line: clap derive types live here and become plain option structs for the core.

use crate::export::{self, Format};
use crate::graph::Graph;
use crate::ingest::{self, LoadOptions};
use crate::model::{Date, NodeKind, Relation};
use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn curated lists of open LLMs into a lineage knowledge graph: draw it, export it, question it.
#[derive(Debug, Parser)]
#[command(name = "llmkg", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the graph comes from.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Input file or folder (repeatable): a markdown list (.md), a curated file (.toml), a CSV
    /// (Hugging Face dump or llmkg's own), GraphML or JSON. Replaces the bundled data.
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Read another heading of a list as a section: "HEADING=model" or "HEADING=method".
    #[arg(long, global = true, value_name = "HEADING=KIND")]
    pub section: Vec<String>,
    /// Hub dump: the column holding the model id (default: id, modelId or model_id).
    #[arg(long, global = true, value_name = "NAME")]
    pub id_column: Option<String>,
    /// Hub dump: the column holding the base models (default: base_model).
    #[arg(long, global = true, value_name = "NAME")]
    pub base_column: Option<String>,
    /// Hub dump: the column holding the relation to the base (default: base_model_relation).
    #[arg(long, global = true, value_name = "NAME")]
    pub relation_column: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the data: dangling references, cycles, conflicts, repaired encoding, ...
    Check(CheckArgs),
    /// Node counts by kind, edge counts by relation, roots, the largest families.
    Stats(FormatArgs),
    /// One node's card: kind, aliases, date, sizes, organizations, links, every edge with evidence.
    Show(ShowArgs),
    /// List nodes, filtered by kind, organization and date.
    List(ListArgs),
    /// Write the graph in every format (or those given) into out/ (or --out DIR).
    Export(ExportArgs),
    /// Draw the family tree to SVG, PNG or PDF with Graphviz's `dot` (which must be installed).
    Render(RenderArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Table)]
    pub format: TextFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A model, organization or method: id, label, alias, or a loose spelling ("llama2").
    pub name: String,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only nodes of this kind (model, organization, method).
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<NodeKind>,
    /// Only nodes developed by this organization.
    #[arg(long)]
    pub org: Option<String>,
    /// Only nodes released in or after this month (YYYY-MM).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<Date>,
    /// Only nodes released in or before this month (YYYY-MM).
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Dot,
    Graphml,
    Gexf,
    Csv,
    Neo4j,
    Json,
    Mermaid,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Graphml => Format::Graphml,
            ExportFormat::Gexf => Format::Gexf,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Neo4j => Format::Neo4j,
            ExportFormat::Json => Format::Json,
            ExportFormat::Mermaid => Format::Mermaid,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Formats to write (repeatable or comma-separated); all of them when absent.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<ExportFormat>,
    /// Output folder, or "-" to write a single format to standard output.
    #[arg(long, short, default_value = "out")]
    pub out: PathBuf,
    /// DOT: put each release year on one rank.
    #[arg(long)]
    pub by_year: bool,
    /// DOT: box the models of each organization ("org").
    #[arg(long, value_name = "org")]
    pub cluster: Option<ClusterBy>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Picture format.
    #[arg(long, value_enum, default_value_t = crate::render::RenderFormat::Svg)]
    pub format: crate::render::RenderFormat,
    /// Output file, or "-" for standard output [default: out/graph.<format>].
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Put each release year on one rank.
    #[arg(long)]
    pub by_year: bool,
    /// Box the models of each organization ("org").
    #[arg(long, value_name = "org")]
    pub cluster: Option<ClusterBy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterBy {
    Org,
}

pub fn parse_kind(s: &str) -> Result<NodeKind, String> {
    s.parse()
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

pub fn parse_relations(s: &str) -> Result<Relation, String> {
    s.parse()
}

/// Runs the command line; errors are printed as `error: ...` with exit 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut msg = format!("error: {err}");
            for cause in err.chain().skip(1) {
                msg.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{msg}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<crate::error::Error>().is_some_and(|e| {
                matches!(e, crate::error::Error::Write { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
            })
    })
}

fn load_options(d: &DataArgs) -> Result<LoadOptions> {
    let mut sections = Vec::new();
    for s in &d.section {
        let Some((heading, kind)) = s.rsplit_once('=') else {
            bail!("--section \"{s}\": expected HEADING=model or HEADING=method");
        };
        let kind = match kind.trim().to_ascii_lowercase().as_str() {
            "model" | "models" => ingest::list::SectionKind::Model,
            "method" | "methods" => ingest::list::SectionKind::Method,
            other => bail!("--section \"{s}\": unknown kind \"{other}\", expected model or method"),
        };
        sections.push((heading.trim().to_string(), kind));
    }
    Ok(LoadOptions {
        paths: d.data.clone(),
        list: ingest::list::ListOptions { sections },
        id_column: d.id_column.clone(),
        base_column: d.base_column.clone(),
        relation_column: d.relation_column.clone(),
    })
}

/// Loads the graph; errors found while reading stop every command but `check`.
fn load(d: &DataArgs, tolerate_errors: bool) -> Result<Graph> {
    let graph = ingest::load(&load_options(d)?)?;
    if !tolerate_errors {
        let errors: Vec<String> = graph
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::error::Severity::Error)
            .map(|d| d.to_string())
            .collect();
        if !errors.is_empty() {
            bail!(
                "the data has {} error(s):\n{}\n(run `llmkg check` for every finding)",
                errors.len(),
                errors.join("\n")
            );
        }
    }
    Ok(graph)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match &cli.command {
        Command::Check(a) => {
            let graph = load(&cli.data, true)?;
            crate::check::run(&graph, a.format.format == TextFormat::Json, &mut out)?
        }
        Command::Stats(a) => {
            let graph = load(&cli.data, false)?;
            crate::report::stats(&graph, a.format == TextFormat::Json, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Show(a) => {
            let graph = load(&cli.data, false)?;
            let ix = graph.resolve(&a.name, None)?;
            crate::report::show(&graph, ix, a.format.format == TextFormat::Json, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::List(a) => {
            let graph = load(&cli.data, false)?;
            let org = match &a.org {
                Some(o) => Some(graph.resolve(o, Some(NodeKind::Organization))?),
                None => None,
            };
            let filter = crate::report::ListFilter {
                kind: a.kind,
                org,
                since: a.since,
                until: a.until,
            };
            crate::report::list(
                &graph,
                &filter,
                a.format.format == TextFormat::Json,
                &mut out,
            )?;
            ExitCode::SUCCESS
        }
        Command::Export(a) => {
            let graph = load(&cli.data, false)?;
            export_cmd(&graph, a, &mut out)?;
            // freeing a million nodes one by one only delays the exit
            std::mem::forget(graph);
            ExitCode::SUCCESS
        }
        Command::Render(a) => {
            let graph = load(&cli.data, false)?;
            let opts = export::Options {
                by_year: a.by_year,
                cluster_org: a.cluster == Some(ClusterBy::Org),
            };
            let bytes = crate::render::render(&graph, a.format, &opts)?;
            let path = a.out.clone().unwrap_or_else(|| {
                PathBuf::from("out").join(format!("graph.{}", a.format.extension()))
            });
            if path.as_os_str() == "-" {
                out.write_all(&bytes)?;
            } else {
                export::atomic::write_file(&path, |w| w.write_all(&bytes))?;
                eprintln!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

fn export_cmd(graph: &Graph, a: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    let opts = export::Options {
        by_year: a.by_year,
        cluster_org: a.cluster == Some(ClusterBy::Org),
    };
    let formats: Vec<Format> = if a.format.is_empty() {
        Format::ALL.to_vec()
    } else {
        let mut f: Vec<Format> = a.format.iter().map(|&f| f.into()).collect();
        f.sort();
        f.dedup();
        f
    };
    if a.out.as_os_str() == "-" {
        let [format] = formats[..] else {
            bail!("--out - writes one format to standard output: name exactly one with --format");
        };
        for part in 0..format.files().len() {
            format.write_part(graph, part, out, &opts)?;
        }
        return Ok(());
    }
    for format in formats {
        for (part, file) in format.files().iter().enumerate() {
            let path = a.out.join(file);
            export::atomic::write_file(&path, |w| format.write_part(graph, part, w, &opts))
                .with_context(|| format!("exporting {}", format.name()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}
