//! The export formats, a closed set, and their dispatch: the lossless formats' writers live with
//! their readers in `crate::formats`, the drawings (DOT, Mermaid) here, each behind one signature,
//! `write<W: Write>(&Graph, W, &Options)`; the HTML page (`html/`) and the family-tree layout it
//! draws (`layout.rs`); also the drawing style, the chunked formatting of long
//! node and edge lists, and the atomic file writing that every output goes through.
//!
//! The drawings' limits: a writer draws the whole graph it is given; [`Format::fit`] first cuts a
//! graph too large for the drawing down to what fits (`fit.rs`), and the notice of what it left
//! out goes at the top of the file ([`Format::write_part_counted`]) and on standard error (the
//! commands say it).

pub(crate) mod atomic;
pub(crate) mod dot;
mod fit;
pub(crate) mod html;
pub(crate) mod layout;
pub(crate) mod mermaid;
pub(crate) mod shorten;

pub(crate) use fit::Fitted;

use crate::formats::style::Palette;
use crate::formats::{csv, gexf, graphml, json, neo4j};
use crate::graph::Graph;
use std::io::{self, Write};

/// The most nodes `graph.dot` (and `render --max-edges` alone) takes by default: `dot` lays out
/// that many of a Hub tree in under a minute on the family-tree layout with the cheaper
/// attributes it gets over [`dot::CHEAP_OVER`] nodes (`benches/render.py` on a 20,000-model tree:
/// 1,000 nodes in 4.8 s, 2,000 in 50 to 58 s). `render`'s slide is a separate, smaller pick.
pub(crate) const GRAPHVIZ_MAX_NODES: usize = 2_000;

/// One of a drawing's limits as asked for: the drawing's own default, a number, or none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Cap {
    #[default]
    Default,
    At(usize),
    Off,
}

impl Cap {
    /// `--max-nodes N` and `--max-edges N`: absent is the default, 0 is no limit.
    pub(crate) fn from_arg(n: Option<usize>) -> Cap {
        match n {
            None => Cap::Default,
            Some(0) => Cap::Off,
            Some(n) => Cap::At(n),
        }
    }

    fn or(self, default: Option<usize>) -> Option<usize> {
        match self {
            Cap::Default => default,
            Cap::At(n) => Some(n),
            Cap::Off => None,
        }
    }
}

/// How much of the graph the drawings (DOT, Mermaid, `render`) take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Limits {
    pub(crate) max_nodes: Cap,
    pub(crate) max_edges: Cap,
}

/// Options shared by every exporter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// DOT: no effect, the time axis is the default layout (deprecated; kept for old scripts).
    pub by_year: bool,
    /// DOT: box each organization's models in a cluster.
    pub cluster_org: bool,
}

/// The export formats, a closed set; each writes one or two files under fixed names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Dot,
    Graphml,
    Gexf,
    /// Gephi's spreadsheet dialect: `nodes.csv` and `edges.csv`.
    Csv,
    /// The `neo4j-admin database import` dialect: `neo4j/nodes.csv` and `neo4j/relationships.csv`.
    Neo4j,
    Json,
    Mermaid,
    /// `graph.html`: the family tree to explore in a browser, self-contained.
    Html,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Dot,
        Format::Graphml,
        Format::Gexf,
        Format::Csv,
        Format::Neo4j,
        Format::Json,
        Format::Mermaid,
        Format::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Csv => "csv",
            Format::Neo4j => "neo4j",
            Format::Json => "json",
            Format::Mermaid => "mermaid",
            Format::Html => "html",
        }
    }

    /// The files the format writes, relative to the output folder.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Dot => &["graph.dot"],
            Format::Graphml => &["graph.graphml"],
            Format::Gexf => &["graph.gexf"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Neo4j => &["neo4j/nodes.csv", "neo4j/relationships.csv"],
            Format::Json => &["graph.json"],
            Format::Mermaid => &["graph.mmd"],
            Format::Html => &["graph.html"],
        }
    }

    /// The limit of the drawing formats (DOT: [`GRAPHVIZ_MAX_NODES`] nodes; Mermaid: its own
    /// `maxEdges` and `maxTextSize`, see [`mermaid::limit`]; the HTML page: [`html::MAX_NODES`]
    /// nodes; `--max-nodes` and `--max-edges` set each); none for the other formats.
    pub(crate) fn limit(self, limits: &Limits) -> Option<fit::Limit> {
        match self {
            Format::Dot => Some(fit::Limit {
                nodes: limits.max_nodes.or(Some(GRAPHVIZ_MAX_NODES)),
                edges: limits.max_edges.or(None),
                ..fit::Limit::default()
            }),
            Format::Mermaid => Some(mermaid::limit(limits)),
            Format::Html => Some(fit::Limit {
                nodes: limits.max_nodes.or(Some(html::MAX_NODES)),
                edges: limits.max_edges.or(None),
                ..fit::Limit::default()
            }),
            _ => None,
        }
    }

    /// The part of `g` the format draws within `limits`, with what it left out; `None` when the
    /// format draws all of `g`.
    pub(crate) fn fit(self, g: &Graph, limits: &Limits) -> Option<Fitted> {
        fit::fit(g, &self.limit(limits)?)
    }

    /// Writes the format's `part`-th file (see [`Format::files`]) to `w`: the whole graph it is
    /// given (see [`Format::fit`] for the drawings' limits).
    pub fn write_part(
        self,
        g: &Graph,
        part: usize,
        w: &mut dyn Write,
        opts: &Options,
    ) -> io::Result<()> {
        self.write_part_counted(g, part, w, opts, &[], None)
            .map(|_| ())
    }

    /// [`Format::write_part`], with the notice of what [`Format::fit`] left out as a comment at
    /// the top of a drawing (DOT `//`, Mermaid `%%`), returning how many characters the format
    /// could not carry and replaced (C0 control characters in the XML formats, which XML 1.0
    /// forbids). The drawings (DOT, Mermaid, the page) and GEXF colour organizations by `palette`, the
    /// whole graph's when `g` is a part of it (see [`Palette`]), else by `g`'s own.
    pub(crate) fn write_part_counted(
        self,
        g: &Graph,
        part: usize,
        w: &mut dyn Write,
        opts: &Options,
        notice: &[String],
        palette: Option<&Palette>,
    ) -> io::Result<u64> {
        let none = |r: io::Result<()>| r.map(|_| 0);
        match (self, part) {
            (Format::Graphml, 0) => graphml::write_counted(g, w),
            (Format::Gexf, 0) => gexf::write_counted(g, w, palette),
            (Format::Dot, 0) => {
                for line in notice {
                    writeln!(w, "// {line}")?;
                }
                none(dot::write(g, w, opts, palette))
            }
            (Format::Mermaid, 0) => none(mermaid::write(g, w, notice, palette)),
            (Format::Html, 0) => none(html::write(g, w, notice, palette)),
            _ => none(self.write_lossless(g, part, w)),
        }
    }

    fn write_lossless(self, g: &Graph, part: usize, w: &mut dyn Write) -> io::Result<()> {
        match (self, part) {
            (Format::Csv, 0) => csv::write_nodes(g, w),
            (Format::Csv, 1) => csv::write_edges(g, w),
            (Format::Neo4j, 0) => neo4j::write_nodes(g, w),
            (Format::Neo4j, 1) => neo4j::write_edges(g, w),
            (Format::Json, 0) => json::write(g, w),
            _ => Err(io::Error::other(format!(
                "the {} format has no part {part}",
                self.name()
            ))),
        }
    }
}
