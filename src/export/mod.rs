//! The export formats, a closed set, and their dispatch: the lossless formats' writers live with
//! their readers in `crate::formats`, the drawings (DOT, Mermaid) here, each behind one signature,
//! `write<W: Write>(&Graph, W, &Options)`; the HTML page (`html/`) and the family-tree layout it
//! draws (`layout.rs`); also the drawing style, the chunked formatting of long
//! node and edge lists, and the atomic file writing that every output goes through.

pub(crate) mod atomic;
pub(crate) mod dot;
pub(crate) mod html;
pub(crate) mod layout;
pub(crate) mod mermaid;

use crate::formats::{csv, gexf, graphml, json, neo4j};
use crate::graph::Graph;
use std::io::{self, Write};

/// Options shared by every exporter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// DOT: put each release year on one rank.
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

    /// Writes the format's `part`-th file (see [`Format::files`]) to `w`.
    pub fn write_part(
        self,
        g: &Graph,
        part: usize,
        w: &mut dyn Write,
        opts: &Options,
    ) -> io::Result<()> {
        self.write_part_counted(g, part, w, opts).map(|_| ())
    }

    /// [`Format::write_part`], returning how many characters the format could not carry and
    /// replaced (C0 control characters in the XML formats, which XML 1.0 forbids).
    pub fn write_part_counted(
        self,
        g: &Graph,
        part: usize,
        w: &mut dyn Write,
        opts: &Options,
    ) -> io::Result<u64> {
        let none = |r: io::Result<()>| r.map(|_| 0);
        match (self, part) {
            (Format::Graphml, 0) => graphml::write_counted(g, w),
            (Format::Gexf, 0) => gexf::write_counted(g, w),
            _ => none(self.write_lossless(g, part, w, opts)),
        }
    }

    fn write_lossless(
        self,
        g: &Graph,
        part: usize,
        w: &mut dyn Write,
        opts: &Options,
    ) -> io::Result<()> {
        match (self, part) {
            (Format::Dot, 0) => dot::write(g, w, opts),
            (Format::Mermaid, 0) => mermaid::write(g, w, opts),
            (Format::Csv, 0) => csv::write_nodes(g, w),
            (Format::Csv, 1) => csv::write_edges(g, w),
            (Format::Neo4j, 0) => neo4j::write_nodes(g, w),
            (Format::Neo4j, 1) => neo4j::write_edges(g, w),
            (Format::Json, 0) => json::write(g, w),
            (Format::Html, 0) => html::write(g, w),
            _ => Err(io::Error::other(format!(
                "the {} format has no part {part}",
                self.name()
            ))),
        }
    }
}
