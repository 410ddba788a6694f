//! The command line: the top-level clap types, loading, standard output, and the one dispatch to
//! each command's module (one file per command, each shaped alike: `Args`, then `run`).

/// `eprintln!` that cannot panic: writes one line on standard error, and a standard error that
/// cannot be written (closed, full, a pipe nobody reads) loses the line and nothing else, so the
/// exit code stays the command's (`eprintln!` would panic, exit 101).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        // names in messages may hold control characters: shown escaped, never raw
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stderr().lock(), "{}", $crate::cmd::escape::text(&text));
    }};
}

mod ancestors;
mod check;
mod common;
mod completions;
mod descendants;
mod escape;
mod export;
mod family;
mod licences;
mod list;
mod man;
mod org;
mod path;
mod pull;
mod query;
mod render;
mod show;
mod stats;
mod why;

use crate::graph::{Graph, NodeIx};
use crate::ingest::{self, LoadOptions};
use crate::model::{Date, NodeKind, Relation};
use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Turn curated lists of open LLMs into a lineage knowledge graph: draw it, export it, question it.
#[derive(Debug, Parser)]
#[command(name = "llmkg", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Where the graph comes from: options every command takes, shown apart in `--help`.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct DataArgs {
    /// Print how long loading and the command itself took, on standard error.
    #[arg(long, global = true)]
    pub(crate) timings: bool,
    /// Input file or folder (repeatable): a markdown list (.md), a curated file (.toml), a CSV
    /// (Hugging Face dump, Epoch AI download, Ecosystem Graphs' all_assets.csv or llmkg's own),
    /// Ecosystem Graphs assets (.yaml, or their folder), GraphML or JSON. Replaces the bundled
    /// data (add --bundled to read both).
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) data: Vec<PathBuf>,
    /// Read the bundled list and curated facts too (what llmkg reads when no --data is given),
    /// from any folder: `--bundled --data mine.csv` merges your file with them.
    #[arg(long, global = true)]
    pub(crate) bundled: bool,
    /// Read another heading of a list as a section: "HEADING=model" or "HEADING=method".
    #[arg(long, global = true, value_name = "HEADING=KIND")]
    pub(crate) section: Vec<String>,
    /// Hub dump: the column holding the model id (default: id, modelId or model_id).
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) id_column: Option<String>,
    /// Hub dump: the column holding the base models (default: base_model).
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) base_column: Option<String>,
    /// Hub dump: the column holding the relation to the base (default: base_model_relation).
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) relation_column: Option<String>,
    /// A sources file (TOML) naming inputs, each with column names of its own: `[[input]]`
    /// tables with `path` and optionally `id_column`, `base_column`, `relation_column`.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) sources: Option<PathBuf>,
    /// A fact file (TOML, repeatable) adding organizations (spellings, Hub and GitHub
    /// namespaces), aliases or vocabulary to the bundled ones in data/facts/.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) facts: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate the data: dangling references, cycles, conflicts, repaired encoding, ...
    Check(check::Args),
    /// Node counts by kind, edge counts by relation, roots, the largest families.
    Stats(stats::Args),
    /// One node's card: kind, aliases, date, sizes, organizations, links, every edge with evidence.
    Show(show::Args),
    /// List nodes, filtered by kind, organization and date.
    List(list::Args),
    /// Write the graph in every format (or those given) into out/ (or --out DIR).
    Export(export::Args),
    /// Draw the family tree to SVG, PNG or PDF with Graphviz's `dot` (which must be installed).
    Render(render::Args),
    // lineage queries: logic in crate::query, printing in crate::answer
    /// Everything NAME derives from, nearest first, as a tree down to the roots.
    Ancestors(ancestors::Args),
    /// Everything built on NAME, as a tree.
    Descendants(descendants::Args),
    /// The derivation path from FROM up to TO (FROM derives from TO); exit 1 when there is none.
    Path(path::Args),
    /// The lowest common ancestors of two or more models, with the path from each; exit 1 when
    /// there is none.
    Common(common::Args),
    /// The whole family of NAME: the models (or methods) joined to it by lineage, from its
    /// roots; exit 1 for a dataset, application or organization, which have none.
    Family(family::Args),
    /// What an organization made, whose models it built on, and who built on its models.
    Org(org::Args),
    /// Every fact linking A and B, with its evidence; exit 1 when nothing links them.
    Why(why::Args),
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff): `llmkg man | man -l -`.
    Man(man::Args),
    /// The licence of every model NAME derives from, and each drift: a derived model whose
    /// licence is more permissive than an ancestor's.
    Licences(licences::Args),
    /// Fetch a model's family (its fine-tunes, adapters, quantizations and merges, recursively)
    /// from the Hugging Face Hub API into a JSON Lines file that --data reads.
    Pull(pull::Args),
}

/// The output format of `check`, `stats`, `show` and `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextFormat {
    Table,
    Json,
}

impl From<TextFormat> for crate::report::ReportFormat {
    fn from(f: TextFormat) -> Self {
        match f {
            TextFormat::Table => crate::report::ReportFormat::Table,
            TextFormat::Json => crate::report::ReportFormat::Json,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Table)]
    pub(crate) format: TextFormat,
}

/// How `export` and `render` group the models of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ClusterBy {
    Org,
}

/// Which part of the graph `export` (and `render`) write; see crate::filter for the rules.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct FilterArgs {
    /// Only this model's family (the models, or the methods, joined to it by lineage), with
    /// the organizations and methods they point to.
    #[arg(long, value_name = "NAME")]
    pub(crate) family: Option<String>,
    /// Only this organization, what it developed and what links to those.
    #[arg(long, value_name = "ORG")]
    pub(crate) org: Option<String>,
    /// Only nodes of these kinds (repeatable or comma-separated: model, organization, method, dataset, application).
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub(crate) kinds: Vec<NodeKind>,
    /// Only edges of these relations (repeatable or comma-separated).
    #[arg(long = "relation", value_name = "RELATION", value_delimiter = ',', value_parser = parse_relations)]
    pub(crate) relations: Vec<Relation>,
    /// Only models released in or after this month (YYYY-MM); undated models are dropped.
    #[arg(long, value_parser = parse_date)]
    pub(crate) since: Option<Date>,
    /// Only models released in or before this month (YYYY-MM); undated models are dropped.
    #[arg(long, value_parser = parse_date)]
    pub(crate) until: Option<Date>,
    /// Leave out organizations.
    #[arg(long)]
    pub(crate) no_orgs: bool,
    /// Leave out methods.
    #[arg(long)]
    pub(crate) no_methods: bool,
}

impl FilterArgs {
    /// Resolves the names against the graph.
    pub(crate) fn resolve(&self, g: &Graph) -> Result<crate::filter::Filter> {
        Ok(crate::filter::Filter {
            family: self
                .family
                .as_deref()
                .map(|n| resolve_family(g, n))
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

/// The node `--family NAME` names: a model or a method, as only those belong to a family.
fn resolve_family(g: &Graph, name: &str) -> Result<NodeIx> {
    let ix = g.resolve(name, None)?;
    if !crate::graph::makes_families(g.node(ix).kind) {
        bail!("--family {name}: {}", crate::graph::no_family(g, ix));
    }
    Ok(ix)
}

pub(crate) fn parse_kind(s: &str) -> Result<NodeKind, String> {
    s.parse()
}

pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

pub(crate) fn parse_relations(s: &str) -> Result<Relation, String> {
    s.parse()
}

/// Runs the command line; errors are printed as `error: ...` with exit 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::interrupt::install();
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
            say!("{msg}");
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

pub(crate) fn load_options(d: &DataArgs) -> Result<LoadOptions> {
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
        bundled: d.bundled,
        list: ingest::list::ListOptions { sections },
        id_column: d.id_column.clone(),
        base_column: d.base_column.clone(),
        relation_column: d.relation_column.clone(),
        sources: d.sources.clone(),
        facts: d.facts.clone(),
    })
}

/// Which errors in the data stop a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnErrors {
    /// Errors found while reading stop the command (every command but `check`).
    Stop,
    /// The command goes on and reports them itself (`check`).
    Tolerate,
}

/// Loads the graph; errors found while reading stop every command but `check`. The graph lives
/// as long as the process ([`kept_until_exit`]).
pub(crate) fn load(d: &DataArgs, on_errors: OnErrors) -> Result<&'static Graph> {
    let started = Instant::now();
    let graph = ingest::load(&load_options(d)?)?;
    if d.timings {
        let done = Instant::now();
        let _ = LOADED.set(done);
        say!(
            "timing: load {:.1} ms ({} nodes, {} edges)",
            (done - started).as_secs_f64() * 1e3,
            graph.node_count(),
            graph.edge_count()
        );
    }
    if on_errors == OnErrors::Stop {
        say_on_load(&graph);
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
    Ok(kept_until_exit(graph))
}

/// The findings every command tells on standard error as it loads, when they are warnings
/// (`check` lists them with the rest): what was not read at all, which the answers would
/// otherwise hide.
const SAID_ON_LOAD: [crate::error::Code; 7] = [
    crate::error::Code::NoLineage,
    crate::error::Code::SkippedFile,
    crate::error::Code::EmptyInput,
    crate::error::Code::NoEdges,
    crate::error::Code::DuplicateEdge,
    crate::error::Code::DuplicateEdgeId,
    crate::error::Code::SelfReference,
];

/// Tells the warnings of [`SAID_ON_LOAD`] on standard error, one line each:
/// `warning: FILE: what (help)`.
fn say_on_load(graph: &Graph) {
    let said = |d: &&crate::error::Diagnostic| {
        SAID_ON_LOAD.contains(&d.code) && d.severity >= crate::error::Severity::Warning
    };
    for d in graph.diagnostics.iter().filter(said) {
        let place = if d.location.is_empty() {
            String::new()
        } else {
            format!("{}: ", d.location)
        };
        let help = d
            .help
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        say!("{}: {place}{}{help}", d.severity, d.message);
    }
}

/// `graph`, never dropped: a command reads the graph once and uses it until the process ends,
/// and freeing a million nodes one allocation at a time just before exiting would only cost time
/// (about 0.1 s for the 1M-model benchmark tree, measured); the operating system takes the
/// memory back at once.
fn kept_until_exit(graph: Graph) -> &'static Graph {
    Box::leak(Box::new(graph))
}

/// When loading finished, for `--timings`.
static LOADED: OnceLock<Instant> = OnceLock::new();

/// Whether `--timings` was given.
static TIMINGS: AtomicBool = AtomicBool::new(false);

/// Whether `--timings` was given: commands that time a step of their own print it too.
pub(crate) fn timings() -> bool {
    TIMINGS.load(Ordering::Relaxed)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let timings = cli.data.timings;
    TIMINGS.store(timings, Ordering::Relaxed);
    let code = dispatch(&cli)?;
    if timings && let Some(loaded) = LOADED.get() {
        say!(
            "timing: command {:.1} ms",
            loaded.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(code)
}

/// Hands the command to its module, with buffered standard output: exports keep the exact
/// text (each format escapes it its own way); every other command's output is for people, so
/// control characters in it are escaped ([`escape`]).
fn dispatch(cli: &Cli) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut raw = io::BufWriter::new(Stdout(stdout.lock()));
    let exact = matches!(
        cli.command,
        Command::Export(_) | Command::Render(_) | Command::Completions(_) | Command::Man(_)
    );
    let code = if exact {
        command(cli, &mut raw)?
    } else {
        crate::report::shorten_on_terminal(io::IsTerminal::is_terminal(&io::stdout()));
        let mut escaping = escape::Escaping::new(&mut raw);
        let code = command(cli, &mut escaping)?;
        escaping.flush()?;
        code
    };
    raw.flush()?;
    Ok(code)
}

/// Runs the command's module, writing to `out_ref`.
fn command(cli: &Cli, out_ref: &mut dyn Write) -> Result<ExitCode> {
    let d = &cli.data;
    let code = match &cli.command {
        Command::Check(a) => check::run(a, d, out_ref)?,
        Command::Stats(a) => stats::run(a, d, out_ref)?,
        Command::Show(a) => show::run(a, d, out_ref)?,
        Command::List(a) => list::run(a, d, out_ref)?,
        Command::Export(a) => export::run(a, d, out_ref)?,
        Command::Render(a) => render::run(a, d, out_ref)?,
        Command::Ancestors(a) => ancestors::run(a, d, out_ref)?,
        Command::Descendants(a) => descendants::run(a, d, out_ref)?,
        Command::Path(a) => path::run(a, d, out_ref)?,
        Command::Common(a) => common::run(a, d, out_ref)?,
        Command::Family(a) => family::run(a, d, out_ref)?,
        Command::Org(a) => org::run(a, d, out_ref)?,
        Command::Why(a) => why::run(a, d, out_ref)?,
        Command::Completions(a) => completions::run(a, out_ref)?,
        Command::Man(a) => man::run(a, out_ref)?,
        Command::Licences(a) => licences::run(a, d, out_ref)?,
        Command::Pull(a) => pull::run(a, d, out_ref)?,
    };
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every argument of every command says what it is in `--help` (and so in the man page and
    /// the completions' descriptions).
    #[test]
    fn every_argument_is_described() {
        let cli = Cli::command();
        let mut bare = Vec::new();
        let commands = std::iter::once(&cli).chain(cli.get_subcommands());
        for cmd in commands {
            for arg in cmd.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                    bare.push(format!("{} {}", cmd.get_name(), arg.get_id()));
                }
            }
        }
        assert!(bare.is_empty(), "arguments without a description: {bare:?}");
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
