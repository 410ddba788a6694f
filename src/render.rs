//! `llmkg render`: draws the DOT family tree to SVG, PNG or PDF through Graphviz's `dot` program.

use crate::error::Error;
use crate::export::{Options, dot};
use crate::formats::style::Palette;
use crate::graph::Graph;
use graphviz_rust::printer::{DotPrinter, PrinterContext};

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
}

/// The message given when `dot` cannot be started.
pub const DOT_MISSING: &str = "Graphviz `dot` was not found on PATH: install Graphviz \
     (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz); \
     `llmkg export --format dot` works without it";

/// Builds the same drawing as `graph.dot` and has `dot` lay it out into `format`.
pub fn render(g: &Graph, format: RenderFormat, opts: &Options) -> Result<Vec<u8>, Error> {
    render_with(g, format, opts, None)
}

/// [`render`], coloured by `palette` (the graph's `g` was cut from, see [`Palette`]), else by
/// `g`'s own.
pub(crate) fn render_with(
    g: &Graph,
    format: RenderFormat,
    opts: &Options,
    palette: Option<&Palette>,
) -> Result<Vec<u8>, Error> {
    let graph = dot::build(g, opts, palette);
    let text = graph.print(&mut PrinterContext::default());
    run_dot(&text, format).map_err(|e| {
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

/// Runs `dot -T<format>` on `text` through pipes (no temporary file), registered so that an
/// interruption stops it ([`crate::interrupt`]); its standard error is the error's message.
fn run_dot(text: &str, format: RenderFormat) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg(format!("-T{}", format.extension()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let _registered = crate::interrupt::Child::register(child.id());
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let output = std::thread::scope(|s| {
        // dot reads all of its input before it writes: feed it from another thread anyway, so
        // a large picture never blocks both pipes
        let feeding = s.spawn(move || stdin.write_all(text.as_bytes()));
        let output = child.wait_with_output();
        let fed = feeding.join().unwrap_or(Ok(()));
        output.and_then(|o| fed.map(|()| o))
    });
    let output = match output {
        // a dot that stopped reading has said why on its standard error
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Err(std::io::Error::other("dot stopped reading its input"));
        }
        other => other?,
    };
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).into_owned();
        return Err(std::io::Error::other(message));
    }
    Ok(output.stdout)
}
