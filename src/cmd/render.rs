//! `llmkg render`: draws the family tree, or the part the filter keeps, to SVG, PNG or PDF with
//! Graphviz's `dot`.

use super::export::DrawArgs;
use super::{DataArgs, FilterArgs, OnErrors};
use crate::export::Options;
use crate::export::{self, Cap, Format, Limits};
use crate::formats::style::Palette;
use crate::graph::Graph;
use crate::model::NodeKind;
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

/// How wide a slide's picture may be, in points: its 14 pt labels shown 1,920 px wide stay 9 px
/// high or more.
const SLIDE_WIDTH: f64 = 2_880.0;
/// The most organizations `render` draws as nodes by default (a palette's worth, each with a
/// colour of its own); over it they are the nodes' colours and the legend.
const ORG_NODES: usize = 12;
/// The families a slide is picked from: the largest that `dot` lays out in a few seconds.
const SLIDE_POOL: usize = 300;
/// The node limits the slide pick tries, largest first.
const SLIDE_TRIES: [usize; 16] = [
    240, 190, 150, 120, 95, 75, 60, 48, 38, 30, 24, 19, 15, 12, 8, 4,
];

/// Whether a picture of `wide` by `tall` points is fit for a slide: at most [`SLIDE_WIDTH`]
/// across, and (`strict`) at most twice as wide as tall unless it is small anyway.
fn slide_sized((wide, tall): (f64, f64), strict: bool) -> bool {
    wide <= SLIDE_WIDTH && (!strict || wide <= 2.0 * tall || wide <= SLIDE_WIDTH / 2.0)
}

/// Fewer nodes than this is too little of a slide to give for its proportions: a slice of a
/// family that is flat anyway (many roots in one quarter) is drawn legible but wide instead; and
/// a graph of no more is drawn whole.
const SLIDE_LEAST: usize = 20;

/// The size `dot` draws `g` at, in points (its SVG's `viewBox`).
fn drawn_size(g: &Graph, opts: &Options) -> Result<(f64, f64)> {
    let svg = crate::render::render(g, RenderFormat::Svg, opts)?;
    let head = String::from_utf8_lossy(&svg[..svg.len().min(4_000)]).into_owned();
    let view: Vec<f64> = (head.split("viewBox=\"").nth(1))
        .and_then(|v| v.split('"').next())
        .map(|v| {
            v.split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    match view[..] {
        [_, _, wide, tall] => Ok((wide, tall)),
        _ => anyhow::bail!("dot gave an SVG without a viewBox"),
    }
}

/// What `render` draws with no `--max-nodes` or `--max-edges`: a picture fit for a slide. Over
/// [`ORG_NODES`] organizations, they are left out as nodes (their models keep their colours and
/// the legend names them); then, when the graph is larger than a slide holds, the largest
/// families that fit one: a first guess from [`crate::export::dot::estimate`] (the largest limit
/// of [`SLIDE_TRIES`], under [`SLIDE_POOL`], whose pick [`slide_sized`] accepts), checked
/// against what `dot` draws and cut further (at most twice) while it is not fit. Said on standard
/// error with what was left out and how to narrow. `None` draws `g` whole.
fn slide(g: &Graph, no_orgs: bool, opts: &Options) -> Result<Option<Graph>> {
    let orgs = (g.kinds().into_iter())
        .filter(|&k| k == NodeKind::Organization)
        .count();
    let hidden = (orgs > ORG_NODES && !no_orgs).then(|| {
        say!(
            "note: render: its {orgs} organizations are drawn as the nodes' colours and the legend, not as nodes (over {ORG_NODES}); --max-nodes N draws them as graph.dot does"
        );
        let filter = crate::filter::Filter {
            no_orgs: true,
            ..Default::default()
        };
        filter.apply(g)
    });
    let g = hidden.as_ref().unwrap_or(g);
    if g.node_count() <= SLIDE_LEAST {
        // a handful of nodes is drawn whole, however long their names
        return Ok(hidden);
    }
    let limits = |n: usize| Limits {
        max_nodes: Cap::At(n),
        max_edges: Cap::Default,
    };
    let estimated = |g: &Graph, strict| slide_sized(crate::export::dot::estimate(g), strict);
    // try on the export's pick, then fit the whole graph once, so the notice speaks of it
    let first = Format::Dot.fit(g, &limits(SLIDE_POOL));
    let base = first.as_ref().map_or(g, |f| &f.graph);
    let fits = |n: usize, strict| {
        (Format::Dot.fit(base, &limits(n))).is_none_or(|f| estimated(&f.graph, strict))
    };
    let find = |strict| {
        (estimated(base, strict).then_some(SLIDE_POOL))
            .or_else(|| SLIDE_TRIES.into_iter().find(|&n| fits(n, strict)))
    };
    let (mut n, strict) = match find(true) {
        Some(n) if n >= SLIDE_LEAST => (n, true),
        _ => (find(false).unwrap_or(1), false),
    };
    for _ in 0..3 {
        let pick = Format::Dot.fit(base, &limits(n));
        let pick = pick.as_ref().map_or(base, |f| &f.graph);
        let (wide, tall) = drawn_size(pick, opts)?;
        if pick.node_count() <= 1 || slide_sized((wide, tall), strict) {
            break;
        }
        // a picture's width grows about as the square root of its nodes
        let proportion = if strict { 2.0 * tall / wide } else { 1.0 };
        let scale = (SLIDE_WIDTH / wide).min(proportion).min(0.9);
        n = ((pick.node_count() as f64 * scale * scale) as usize).max(1);
    }
    if g.node_count() <= n {
        return Ok(hidden);
    }
    say!(
        "note: render: a slide holds about {n} of these nodes (at most {SLIDE_WIDTH} pt across, twice as wide as tall); --max-nodes N sets the limit instead"
    );
    Ok(
        match super::export::fit_drawing(g, Format::Dot, &limits(n), "render") {
            Some(f) => Some(f.graph),
            None => hidden,
        },
    )
}

/// Renders the drawing and writes it to the file or standard output.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let graph = super::load(data, OnErrors::Stop)?;
    // organizations keep the colours the whole graph gives them, whatever part is drawn
    let palette = Palette::of(graph);
    let opts = args.draw.options();
    let filter = args.filter.resolve(graph)?;
    let filtered;
    let graph = if filter.is_empty() {
        graph
    } else {
        filtered = filter.apply(graph);
        &filtered
    };
    let fitted = if args.draw.max_nodes.is_none() && args.draw.max_edges.is_none() {
        slide(graph, filter.no_orgs, &opts)?
    } else {
        // Graphviz takes what the DOT export takes
        super::export::fit_drawing(graph, Format::Dot, &args.draw.limits(), "render")
            .map(|f| f.graph)
    };
    let graph = fitted.as_ref().unwrap_or(graph);
    let bytes = crate::render::render_with(graph, args.format.into(), &opts, Some(&palette))?;
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
