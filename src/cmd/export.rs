//! `llmkg export`: writes the graph, or the part the filter keeps, in every format (or those
//! given) into a folder, or one format to standard output.

use super::{ClusterBy, DataArgs, FilterArgs, OnErrors};
use crate::export::{self, Cap, Fitted, Format, Limits, Options};
use crate::formats::style::Palette;
use crate::graph::Graph;
use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The formats as the command line names them; mapped one to one onto [`Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Dot,
    Graphml,
    Gexf,
    Csv,
    Neo4j,
    Json,
    Mermaid,
    Html,
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
            ExportFormat::Html => Format::Html,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Formats to write (repeatable or comma-separated); all of them when absent.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub(crate) format: Vec<ExportFormat>,
    /// Output folder, or "-" to write a single format to standard output.
    #[arg(long, short, default_value = "out")]
    pub(crate) out: PathBuf,
    #[command(flatten)]
    pub(crate) draw: DrawArgs,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
}

/// How the DOT drawing is laid out: declared once for `export` and `render`.
#[derive(Debug, clap::Args)]
pub(crate) struct DrawArgs {
    /// DOT drawing: no effect, the time axis is the default layout (deprecated).
    #[arg(long)]
    pub(crate) by_year: bool,
    /// DOT drawing: box the models of each organization ("org").
    #[arg(long, value_name = "org")]
    pub(crate) cluster: Option<ClusterBy>,
    /// Drawings (render, DOT, Mermaid, the page): at most N nodes, the largest families first, and
    /// a notice of what was left out [default: 2,000 for Graphviz, 5,000 for the page, none for
    /// Mermaid; 0: no limit].
    #[arg(long, value_name = "N")]
    pub(crate) max_nodes: Option<usize>,
    /// Drawings: at most N edges [default: 500 for Mermaid, which then also keeps within
    /// Mermaid's 50,000 characters; none for Graphviz; 0: no limit].
    #[arg(long, value_name = "N")]
    pub(crate) max_edges: Option<usize>,
}

impl DrawArgs {
    /// The options every exporter (and the rendered drawing) takes.
    pub(crate) fn options(&self) -> Options {
        Options {
            by_year: self.by_year,
            cluster_org: self.cluster == Some(ClusterBy::Org),
        }
    }

    /// How much of the graph the drawings take.
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_nodes: Cap::from_arg(self.max_nodes),
            max_edges: Cap::from_arg(self.max_edges),
        }
    }
}

/// The part of `graph` that `format` draws within `limits`, after saying on standard error what
/// it leaves out (`file` names the drawing); `None` when it draws the whole graph.
pub(crate) fn fit_drawing(
    graph: &Graph,
    format: Format,
    limits: &Limits,
    file: &str,
) -> Option<Fitted> {
    let fitted = format.fit(graph, limits)?;
    for line in fitted.cut.lines() {
        say!("note: {file}: {line}");
    }
    Some(fitted)
}

impl Args {
    /// The formats to write, each once, in their fixed order; all of them when none is named.
    fn formats(&self) -> Vec<Format> {
        if self.format.is_empty() {
            return Format::ALL.to_vec();
        }
        let mut f: Vec<Format> = self.format.iter().map(|&f| f.into()).collect();
        f.sort();
        f.dedup();
        f
    }
}

/// Writes the export: to standard output with `--out -`, else one file per part.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let filter = args.filter.resolve(graph)?;
    let (formats, opts, limits) = (args.formats(), args.draw.options(), args.draw.limits());
    // the drawings colour organizations as the whole graph ranks them, whatever part they draw
    let palette = (formats.iter().any(|f| f.limit(&limits).is_some())).then(|| Palette::of(graph));
    let palette = palette.as_ref();
    let filtered;
    let graph = if filter.is_empty() {
        graph
    } else {
        filtered = filter.apply(graph);
        &filtered
    };
    if args.out.as_os_str() == "-" {
        let [format] = formats[..] else {
            bail!("--out - writes one format to standard output: name exactly one with --format");
        };
        let fitted = fit_drawing(graph, format, &limits, format.files()[0]);
        let (g, notice) = drawn(graph, fitted.as_ref());
        for part in 0..format.files().len() {
            let mut w = NulReplacing::new(out, format);
            format.write_part_counted(g, part, &mut w, &opts, &notice, palette)?;
            say_nul_replaced(w.replaced, "standard output");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let _lock = lock_folder(&args.out)?;
    for format in formats {
        let fitted = fit_drawing(graph, format, &limits, format.files()[0]);
        let drawing = (drawn(graph, fitted.as_ref()), palette);
        write_files(drawing, format, &args.out, &opts)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Makes the output folder and locks it for this run ([`crate::interrupt::FolderLock`]): a
/// second llmkg writing there waits, and temporary files a killed run left are removed and named.
pub(crate) fn lock_folder(dir: &Path) -> Result<crate::interrupt::FolderLock> {
    if dir.is_file() {
        bail!(
            "--out {}: a file, not a folder: export writes several files into a folder (give a folder, or --out - with one --format for standard output)",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", dir.display()))?;
    let waiting = || {
        say!(
            "note: another llmkg is writing to {}: waiting for it to finish",
            dir.display()
        )
    };
    let (lock, removed) = crate::interrupt::FolderLock::take(dir, waiting)
        .with_context(|| format!("cannot lock {}", dir.display()))?;
    for f in removed {
        say!(
            "note: removed {}, left by an llmkg run that was killed",
            f.display()
        );
    }
    Ok(lock)
}

/// The graph a format writes, and the notice for the top of its file.
fn drawn<'a>(graph: &'a Graph, fitted: Option<&'a Fitted>) -> (&'a Graph, Vec<String>) {
    match fitted {
        Some(f) => (&f.graph, f.cut.lines()),
        None => (graph, Vec::new()),
    }
}

/// Writes the files of one format into `dir` (the drawings coloured by the palette given),
/// with a progress bar, and says what it wrote.
fn write_files(
    ((graph, notice), palette): ((&Graph, Vec<String>), Option<&Palette>),
    format: Format,
    dir: &Path,
    opts: &Options,
) -> Result<()> {
    for (part, file) in format.files().iter().enumerate() {
        let path = dir.join(file);
        let bar = crate::progress::writing(graph.node_count(), &path.display().to_string());
        let (mut replaced, mut nul) = (0, 0);
        export::atomic::write_file(&path, |w| {
            let mut w = crate::progress::counting(w, &bar);
            let mut w = NulReplacing::new(&mut w, format);
            replaced = format.write_part_counted(graph, part, &mut w, opts, &notice, palette)?;
            nul = w.replaced;
            Ok(())
        })
        .with_context(|| format!("exporting {}", format.name()))?;
        bar.finish_and_clear();
        say!("wrote {}", path.display());
        say_nul_replaced(nul, &path.display().to_string());
        if replaced > 0 {
            say!(
                "warning: {replaced} control character(s) that XML 1.0 forbids were replaced by U+FFFD in {} (graph.json keeps them)",
                path.display()
            );
        }
    }
    Ok(())
}

/// The bytes of U+FFFD, which a NUL becomes in the CSV dialects.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// A writer that replaces every NUL (U+0000, in UTF-8 only ever the byte 0) with U+FFFD and
/// counts them, for the CSV dialects: CSV has no escape for a NUL, and llmkg (like most CSV
/// readers) refuses a file that holds one, so writing it raw would make an export llmkg cannot
/// read back. Other formats pass through: JSON writes `\u0000`, the XML formats replace what
/// XML forbids themselves, the drawings drop control characters.
struct NulReplacing<'w> {
    out: &'w mut dyn Write,
    /// Whether this format's NULs are replaced.
    active: bool,
    replaced: u64,
}

impl<'w> NulReplacing<'w> {
    fn new(out: &'w mut dyn Write, format: Format) -> Self {
        NulReplacing {
            out,
            active: matches!(format, Format::Csv | Format::Neo4j),
            replaced: 0,
        }
    }
}

impl Write for NulReplacing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.active || memchr::memchr(0, buf).is_none() {
            return self.out.write(buf);
        }
        for (i, part) in buf.split(|&b| b == 0).enumerate() {
            if i > 0 {
                self.out.write_all(REPLACEMENT)?;
                self.replaced += 1;
            }
            self.out.write_all(part)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Says how many NULs a CSV dialect could not carry and had replaced in `file`.
fn say_nul_replaced(count: u64, file: &str) {
    if count > 0 {
        say!(
            "warning: {count} NUL character(s) (U+0000), which CSV cannot carry, were replaced by U+FFFD in {file} (graph.json keeps them as \\u0000)"
        );
    }
}
