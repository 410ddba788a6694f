//! `llmkg render`: draws the family tree, or the part the filter keeps, to SVG, PNG or PDF with
//! Graphviz's `dot`.

use super::export::DrawArgs;
use super::{DataArgs, FilterArgs, OnErrors};
use crate::export::{self, Format};
use crate::render::RenderFormat;
use anyhow::Result;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The picture formats as the command line names them; mapped one to one onto [`RenderFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PictureFormat {
    Svg,
    Png,
    Pdf,
}

impl From<PictureFormat> for RenderFormat {
    fn from(f: PictureFormat) -> RenderFormat {
        match f {
            PictureFormat::Svg => RenderFormat::Svg,
            PictureFormat::Png => RenderFormat::Png,
            PictureFormat::Pdf => RenderFormat::Pdf,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Picture format.
    #[arg(long, value_enum, default_value_t = PictureFormat::Svg)]
    pub(crate) format: PictureFormat,
    /// Output file, or "-" for standard output [default: out/graph.<format>].
    #[arg(long, short)]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) draw: DrawArgs,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
}

impl Args {
    /// The output file: `--out`, else `out/graph.<format>`; "-" is standard output.
    fn path(&self) -> PathBuf {
        let format = RenderFormat::from(self.format);
        self.out
            .clone()
            .unwrap_or_else(|| PathBuf::from("out").join(format!("graph.{}", format.extension())))
    }
}

/// Renders the drawing and writes it to the file or standard output.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    let opts = args.draw.options();
    let filter = args.filter.resolve(graph)?;
    let filtered;
    let graph = if filter.is_empty() {
        graph
    } else {
        filtered = filter.apply(graph);
        &filtered
    };
    // Graphviz takes what the DOT export takes
    let fitted = super::export::fit_drawing(graph, Format::Dot, &args.draw.limits(), "render");
    let graph = fitted.as_ref().map_or(graph, |f| &f.graph);
    let bytes = crate::render::render(graph, args.format.into(), &opts)?;
    let path = args.path();
    if path.as_os_str() == "-" {
        out.write_all(&bytes)?;
    } else {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => std::path::Path::new("."),
        };
        let _lock = super::export::lock_folder(dir)?;
        export::atomic::write_file(&path, |w| w.write_all(&bytes))?;
        say!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
