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
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Print how long loading and the command itself took, on standard error.
    #[arg(long, global = true)]
    pub timings: bool,
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
    // lineage queries: logic in crate::query, printing in crate::answer
    /// Everything NAME derives from, nearest first, as a tree down to the roots.
    Ancestors(LineageArgs),
    /// Everything built on NAME, as a tree.
    Descendants(LineageArgs),
    /// The derivation path from FROM up to TO (FROM derives from TO); exit 1 when there is none.
    Path(PathArgs),
    /// The lowest common ancestors of two or more models, with the path from each; exit 1 when
    /// there is none.
    Common(CommonArgs),
    /// The whole family of NAME: its roots and everything derived from them.
    Family(FamilyArgs),
    /// What an organization made, whose models it built on, and who built on its models.
    Org(OrgArgs),
    /// Every fact linking A and B, with its evidence; exit 1 when nothing links them.
    Why(WhyArgs),
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
    #[command(flatten)]
    pub filter: FilterArgs,
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
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterBy {
    Org,
}

/// Which part of the graph `export` (and `render`) write; see crate::filter for the rules.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only this model's family (its roots and everything derived from them), with the
    /// organizations and methods they link to.
    #[arg(long, value_name = "NAME")]
    pub family: Option<String>,
    /// Only this organization, what it developed and what links to those.
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only nodes of these kinds (repeatable or comma-separated: model, organization, method).
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub kinds: Vec<NodeKind>,
    /// Only edges of these relations (repeatable or comma-separated).
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = parse_relations)]
    pub relations: Vec<Relation>,
    /// Only models released in or after this month (YYYY-MM); undated models are dropped.
    #[arg(long, value_parser = parse_date)]
    pub since: Option<Date>,
    /// Only models released in or before this month (YYYY-MM); undated models are dropped.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
    /// Leave out organizations.
    #[arg(long)]
    pub no_orgs: bool,
    /// Leave out methods.
    #[arg(long)]
    pub no_methods: bool,
}

impl FilterArgs {
    /// Resolves the names against the graph.
    pub fn resolve(&self, g: &Graph) -> Result<crate::filter::Filter> {
        Ok(crate::filter::Filter {
            family: self
                .family
                .as_deref()
                .map(|n| g.resolve(n, None))
                .transpose()?,
            org: self
                .org
                .as_deref()
                .map(|n| g.resolve(n, Some(NodeKind::Organization)))
                .transpose()?,
            kinds: self.kinds.clone(),
            relations: self.relations.clone(),
            since: self.since,
            until: self.until,
            no_orgs: self.no_orgs,
            no_methods: self.no_methods,
        })
    }
}

/// How a query answer is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned text for people, coloured on a terminal.
    Table,
    /// One JSON object with "nodes", "edges" and "paths".
    Json,
    /// The answer's subgraph as DOT.
    Dot,
}

/// Options every query takes.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Follow only these relations (comma-separated); default: every lineage relation
    /// (`why`: every relation). `fine_tuned_from,derived_from` = weight inheritance only.
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = parse_relations)]
    pub relations: Vec<Relation>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
}

#[derive(Debug, Args)]
pub struct LineageArgs {
    /// A model or method: id, label, alias, or a loose spelling.
    pub name: String,
    /// At most this many steps away.
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Report only nodes of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<NodeKind>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// The derived model.
    pub from: String,
    /// The origin it should derive from.
    pub to: String,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Two or more models.
    #[arg(required = true, num_args = 2.., value_name = "NAME")]
    pub names: Vec<String>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Debug, Args)]
pub struct FamilyArgs {
    pub name: String,
    /// Report only nodes of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<NodeKind>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Debug, Args)]
pub struct OrgArgs {
    /// An organization.
    pub org: String,
    /// Report only what it made of this kind.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<NodeKind>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Debug, Args)]
pub struct WhyArgs {
    pub a: String,
    pub b: String,
    #[command(flatten)]
    pub query: QueryArgs,
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
            if is_broken_pipe(&err) || STDOUT_CLOSED.load(Ordering::Relaxed) {
                return ExitCode::SUCCESS;
            }
            let mut msg = format!("error: {err}");
            for cause in err.chain().skip(1) {
                // errors that already quote their cause are not repeated
                let cause = cause.to_string();
                if !msg.contains(&cause) {
                    msg.push_str(&format!("\n  caused by: {cause}"));
                }
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

/// Standard output, whose write errors say that they are about standard output ("cannot write to
/// standard output: No space left on device"). The error kind is kept, so a closed pipe is still
/// told apart (and is no error: `llmkg list | head -1`).
struct Stdout<W: Write>(W);

/// Set once a write to standard output found the pipe closed: whatever error that becomes on its
/// way up (an io::Error, a serde_json or csv error wrapping it), the command ends quietly.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

impl<W: Write> Stdout<W> {
    fn err(e: io::Error) -> io::Error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
        io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(Self::err)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(Self::err)
    }
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

/// Loads the graph; errors found while reading stop every command but `check`. The graph lives
/// as long as the process: freeing a million nodes one by one just before exiting would only
/// cost time (the operating system takes the memory back at once).
fn load(d: &DataArgs, tolerate_errors: bool) -> Result<&'static Graph> {
    let started = std::time::Instant::now();
    let graph = ingest::load(&load_options(d)?)?;
    if d.timings {
        let done = std::time::Instant::now();
        let _ = LOADED.set(done);
        eprintln!(
            "timing: load {:.1} ms ({} nodes, {} edges)",
            (done - started).as_secs_f64() * 1e3,
            graph.node_count(),
            graph.edge_count()
        );
    }
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
    Ok(Box::leak(Box::new(graph)))
}

/// When loading finished, for `--timings`.
static LOADED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Whether `--timings` was given.
static TIMINGS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn run(cli: Cli) -> Result<ExitCode> {
    let timings = cli.data.timings;
    TIMINGS.store(timings, std::sync::atomic::Ordering::Relaxed);
    let code = run_command(cli)?;
    if timings && let Some(loaded) = LOADED.get() {
        eprintln!(
            "timing: command {:.1} ms",
            loaded.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(code)
}

fn run_command(cli: Cli) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(Stdout(stdout.lock()));
    let code = match &cli.command {
        Command::Check(a) => {
            let graph = load(&cli.data, true)?;
            crate::check::run(graph, a.format.format == TextFormat::Json, &mut out)?
        }
        Command::Stats(a) => {
            let graph = load(&cli.data, false)?;
            crate::report::stats(graph, a.format == TextFormat::Json, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Show(a) => {
            let graph = load(&cli.data, false)?;
            let ix = graph.resolve(&a.name, None)?;
            crate::report::show(graph, ix, a.format.format == TextFormat::Json, &mut out)?;
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
                graph,
                &filter,
                a.format.format == TextFormat::Json,
                &mut out,
            )?;
            ExitCode::SUCCESS
        }
        Command::Export(a) => {
            let graph = load(&cli.data, false)?;
            export_cmd(graph, a, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Render(a) => {
            let graph = load(&cli.data, false)?;
            let opts = export::Options {
                by_year: a.by_year,
                cluster_org: a.cluster == Some(ClusterBy::Org),
            };
            let filter = a.filter.resolve(graph)?;
            let filtered;
            let graph = if filter.is_empty() {
                graph
            } else {
                filtered = filter.apply(graph);
                &filtered
            };
            let bytes = crate::render::render(graph, a.format, &opts)?;
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
        Command::Ancestors(_)
        | Command::Descendants(_)
        | Command::Path(_)
        | Command::Common(_)
        | Command::Family(_)
        | Command::Org(_)
        | Command::Why(_) => {
            let graph = load(&cli.data, false)?;
            query_cmd(graph, &cli.command, &mut out)?
        }
    };
    out.flush()?;
    Ok(code)
}

/// Runs a lineage query and prints its answer; exit 1 when the question has no answer.
fn query_cmd(graph: &Graph, command: &Command, out: &mut dyn Write) -> Result<ExitCode> {
    use crate::query::{self, Scope};
    let started = std::time::Instant::now();
    let scope = |q: &QueryArgs, kind: Option<NodeKind>, depth: Option<usize>| Scope {
        relations: q.relations.clone(),
        kind,
        depth,
    };
    let (answer, q) = match command {
        Command::Ancestors(a) => {
            let ix = graph.resolve(&a.name, None)?;
            (
                query::ancestors(graph, ix, &scope(&a.query, a.kind, a.depth)),
                &a.query,
            )
        }
        Command::Descendants(a) => {
            let ix = graph.resolve(&a.name, None)?;
            (
                query::descendants(graph, ix, &scope(&a.query, a.kind, a.depth)),
                &a.query,
            )
        }
        Command::Path(a) => {
            let (from, to) = (graph.resolve(&a.from, None)?, graph.resolve(&a.to, None)?);
            (
                query::path(graph, from, to, &scope(&a.query, None, None)),
                &a.query,
            )
        }
        Command::Common(a) => {
            let ixs = a
                .names
                .iter()
                .map(|n| graph.resolve(n, None))
                .collect::<Result<Vec<_>, _>>()?;
            (
                query::common(graph, &ixs, &scope(&a.query, None, None)),
                &a.query,
            )
        }
        Command::Family(a) => {
            let ix = graph.resolve(&a.name, None)?;
            (
                query::family(graph, ix, &scope(&a.query, a.kind, None)),
                &a.query,
            )
        }
        Command::Org(a) => {
            let ix = graph.resolve(&a.org, Some(NodeKind::Organization))?;
            (
                query::org(graph, ix, &scope(&a.query, a.kind, None)),
                &a.query,
            )
        }
        Command::Why(a) => {
            let (x, y) = (graph.resolve(&a.a, None)?, graph.resolve(&a.b, None)?);
            (
                query::why(graph, x, y, &scope(&a.query, None, None)),
                &a.query,
            )
        }
        _ => unreachable!("query_cmd is called for query commands only"),
    };
    if TIMINGS.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!(
            "timing: query {:.2} ms ({} nodes, {} edges in the answer)",
            started.elapsed().as_secs_f64() * 1e3,
            answer.nodes.len(),
            answer.edges.len()
        );
    }
    let format = match q.format {
        QueryFormat::Table => crate::answer::OutputFormat::Table,
        QueryFormat::Json => crate::answer::OutputFormat::Json,
        QueryFormat::Dot => crate::answer::OutputFormat::Dot,
    };
    use std::io::IsTerminal;
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    crate::answer::write(graph, &answer, format, color, out)?;
    Ok(if answer.found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn export_cmd(graph: &Graph, a: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    let filter = a.filter.resolve(graph)?;
    let filtered;
    let graph = if filter.is_empty() {
        graph
    } else {
        filtered = filter.apply(graph);
        &filtered
    };
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
            let bar = crate::progress::writing(graph.node_count(), &path.display().to_string());
            let mut replaced = 0;
            export::atomic::write_file(&path, |w| {
                let mut w = crate::progress::Counting::new(w, &bar);
                replaced = format.write_part_counted(graph, part, &mut w, &opts)?;
                Ok(())
            })
            .with_context(|| format!("exporting {}", format.name()))?;
            bar.finish_and_clear();
            eprintln!("wrote {}", path.display());
            if replaced > 0 {
                eprintln!(
                    "warning: {replaced} control character(s) that XML 1.0 forbids were replaced by U+FFFD in {} (graph.json and the CSV files keep them)",
                    path.display()
                );
            }
        }
    }
    Ok(())
}
