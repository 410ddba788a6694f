//! `llmkg render`: draws the DOT family tree to SVG, PNG or PDF through Graphviz's `dot` program.

use crate::error::Error;
use crate::export::{Options, dot};
use crate::graph::Graph;
use graphviz_rust::cmd::{CommandArg, Format};
use graphviz_rust::printer::PrinterContext;

/// The picture formats `dot` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RenderFormat {
    #[default]
    Svg,
    Png,
    Pdf,
}

impl RenderFormat {
    /// The file extension, also the default output name's (`out/graph.svg`).
    pub fn extension(self) -> &'static str {
        match self {
            RenderFormat::Svg => "svg",
            RenderFormat::Png => "png",
            RenderFormat::Pdf => "pdf",
        }
    }

    fn graphviz(self) -> Format {
        match self {
            RenderFormat::Svg => Format::Svg,
            RenderFormat::Png => Format::Png,
            RenderFormat::Pdf => Format::Pdf,
        }
    }
}

/// The message given when `dot` cannot be started.
pub const DOT_MISSING: &str = "Graphviz `dot` was not found on PATH: install Graphviz \
     (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz); \
     `llmkg export --format dot` works without it";

/// Builds the same drawing as `graph.dot` and has `dot` lay it out into `format`.
pub fn render(g: &Graph, format: RenderFormat, opts: &Options) -> Result<Vec<u8>, Error> {
    let graph = dot::build(g, opts);
    graphviz_rust::exec(
        graph,
        &mut PrinterContext::default(),
        vec![CommandArg::Format(format.graphviz())],
    )
    .map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Invalid(DOT_MISSING.to_string())
        } else {
            Error::Invalid(format!(
                "Graphviz `dot` failed to render {}: {}",
                format.extension(),
                e.to_string().trim()
            ))
        }
    })
}
