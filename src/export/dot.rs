//! The Graphviz DOT exporter (`graph.dot`): the family tree as a graphviz-rust AST, printed by its printer.
//!
//! Drawing conventions:
//! - `rankdir=TB` and bases above what derives from them. An llmkg edge points from the derived
//!   thing to its origin (`alpaca --fine_tuned_from--> llama`); it is drawn from the origin to the
//!   derived thing (`"llama" -> "alpaca"`) so the layout ranks origins first, with `dir=back` so the
//!   one arrowhead sits at the origin: arrowheads always mean "derives from".
//! - Nodes are filled with their organization's colour and shaped by kind; edges are styled and
//!   coloured by relation; `cluster_legend` shows every relation present with its style.
//! - [`Options::by_year`]: each release year on one rank (a `rank=same` subgraph per year holding an
//!   invisible year node, the year nodes chained by invisible edges, `newrank=true`).
//! - [`Options::cluster_org`]: a `cluster_<org-id>` subgraph per organization holding its nodes.
//!
//! Every id and label goes through [`quote`]; every subgraph has an id (graphviz-rust's parser
//! rejects anonymous subgraphs). Statements are generated one at a time and printed as they come,
//! the nodes' and edges' in chunks on every core, so a large graph is never held as one string;
//! [`build`] collects the same statements into one AST for `llmkg render`.

use crate::export::Options;
use crate::formats::style::{color_for, dot_edge_style, dot_shape};
use crate::graph::{Graph, NodeIx};
use crate::model::Relation;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// The one quoting helper for DOT ids and labels: drops control characters (they make the SVG
/// invalid), escapes `\` and `"`, turns line breaks into DOT's `\n` on purpose, and wraps the result
/// in double quotes.
pub fn quote(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    // most ids and labels hold nothing to change and are copied whole; a byte that may start a
    // change (a control or C1 control character, `\`, `"`) sends the text through the loop
    if !text
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == b'"' || b == b'\\' || b == 0xc2)
    {
        out.push_str(text);
        out.push('"');
        return Id::Escaped(out);
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// An attribute whose value goes through [`quote`]; names are fixed Graphviz keywords.
fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), quote(value))
}

fn node_id(id: &str) -> NodeId {
    NodeId(quote(id), None)
}

fn edge(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    })
}

fn subgraph(id: &str, stmts: Vec<Stmt>) -> Stmt {
    Stmt::Subgraph(Subgraph {
        id: quote(id),
        stmts,
    })
}

/// Ids of helper nodes; they contain `:`, which no slug does, so they never meet a node id.
fn year_node(year: u16) -> String {
    format!("year:{year}")
}

/// The id the graph is printed under.
const GRAPH_ID: &str = "llmkg";

/// The graph attribute statements the drawing starts with.
fn head(opts: &Options) -> [Stmt; 3] {
    [
        Stmt::GAttribute(GraphAttributes::Graph({
            let mut a = vec![attr("rankdir", "TB")];
            if opts.by_year || opts.cluster_org {
                a.push(attr("newrank", "true"));
            }
            a
        })),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontsize", "12"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("dir", "back")])),
    ]
}

/// Each node's organization, found once (by node index).
fn organizations(g: &Graph, nodes: &[NodeIx]) -> Vec<Option<NodeIx>> {
    let mut orgs: Vec<Option<NodeIx>> = vec![None; g.node_count()];
    for &ix in nodes {
        orgs[ix.index()] = g.first_organization(ix);
    }
    orgs
}

/// A node's statement: its label (with its release date), shape and fill.
fn node_stmt(g: &Graph, ix: NodeIx, org: Option<NodeIx>) -> Stmt {
    let n = g.node(ix);
    let fill = color_for(g, ix, org);
    let label = match n.released {
        Some(d) => format!("{}\n{d}", n.label),
        None => n.label.clone(),
    };
    Stmt::Node(Node::new(
        node_id(&n.id),
        vec![
            attr("label", &label),
            attr("shape", dot_shape(n.kind)),
            attr("fillcolor", &fill.hex()),
        ],
    ))
}

/// An edge's statement, drawn from the origin to the derived thing.
fn edge_stmt(g: &Graph, e: petgraph::graph::EdgeIndex) -> Stmt {
    let (derived, origin) = g.endpoints(e);
    let relation = g.edge(e).relation;
    let (style, color) = dot_edge_style(relation);
    edge(
        &g.node(origin).id,
        &g.node(derived).id,
        vec![
            attr("style", style),
            attr("color", color),
            attr("tooltip", relation.as_str()),
        ],
    )
}

/// Generates the statements of the drawing in order, handing each to `emit`. Linear time:
/// organizations are computed once per node, years and clusters grouped once.
pub fn statements(
    g: &Graph,
    opts: &Options,
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    for stmt in head(opts) {
        emit(stmt)?;
    }
    let nodes = g.nodes_sorted();
    let orgs = organizations(g, &nodes);
    for &ix in &nodes {
        emit(node_stmt(g, ix, orgs[ix.index()]))?;
    }
    for e in g.edges_sorted() {
        emit(edge_stmt(g, e))?;
    }
    tail(g, opts, &nodes, &orgs, emit)
}

/// The statements after the nodes and edges: year ranks, organization clusters, the legend.
fn tail(
    g: &Graph,
    opts: &Options,
    nodes: &[NodeIx],
    orgs: &[Option<NodeIx>],
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    if opts.by_year {
        year_ranks(g, nodes, &mut emit)?;
    }
    if opts.cluster_org {
        org_clusters(g, nodes, orgs, &mut emit)?;
    }
    legend(g, &mut emit)
}

/// A `rank=same` subgraph per release year holding an invisible year node and the year's nodes,
/// and the year nodes chained in order by invisible edges.
fn year_ranks(
    g: &Graph,
    nodes: &[NodeIx],
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    let mut years: BTreeMap<u16, Vec<NodeIx>> = BTreeMap::new();
    for &ix in nodes {
        if let Some(d) = g.node(ix).released {
            years.entry(d.year).or_default().push(ix);
        }
    }
    for (&year, members) in &years {
        let mut stmts = vec![
            Stmt::Attribute(attr("rank", "same")),
            Stmt::Node(Node::new(
                node_id(&year_node(year)),
                vec![
                    attr("label", &year.to_string()),
                    attr("style", "invis"),
                    attr("shape", "plaintext"),
                ],
            )),
        ];
        stmts.extend(members.iter().map(|&ix| member(g, ix)));
        emit(subgraph(&format!("rank_{year}"), stmts))?;
    }
    let ys: Vec<u16> = years.keys().copied().collect();
    for pair in ys.windows(2) {
        emit(edge(
            &year_node(pair[0]),
            &year_node(pair[1]),
            vec![attr("style", "invis"), attr("dir", "none")],
        ))?;
    }
    Ok(())
}

/// A node named again inside a subgraph, with no attributes.
fn member(g: &Graph, ix: NodeIx) -> Stmt {
    Stmt::Node(Node::new(node_id(&g.node(ix).id), vec![]))
}

/// A `cluster_<org-id>` subgraph per organization: each node joins the cluster of its
/// organization (organizations join their own).
fn org_clusters(
    g: &Graph,
    nodes: &[NodeIx],
    orgs: &[Option<NodeIx>],
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    let mut clusters: BTreeMap<&str, (NodeIx, Vec<NodeIx>)> = BTreeMap::new();
    for &ix in nodes {
        if let Some(org) = orgs[ix.index()] {
            clusters
                .entry(g.node(org).id.as_str())
                .or_insert_with(|| (org, Vec::new()))
                .1
                .push(ix);
        }
    }
    for (org_id, (org, members)) in clusters {
        let mut stmts = vec![
            Stmt::Attribute(attr("label", &g.node(org).label)),
            Stmt::Attribute(attr("style", "rounded")),
            Stmt::Attribute(attr("color", "#999999")),
        ];
        stmts.extend(members.iter().map(|&ix| member(g, ix)));
        emit(subgraph(&format!("cluster_{org_id}"), stmts))?;
    }
    Ok(())
}

/// `cluster_legend`: an origin and a derived node joined in the style of every relation present.
fn legend(g: &Graph, mut emit: impl FnMut(Stmt) -> io::Result<()>) -> io::Result<()> {
    let present: BTreeSet<Relation> = g
        .inner()
        .raw_edges()
        .iter()
        .map(|e| e.weight.relation)
        .collect();
    if present.is_empty() {
        return Ok(());
    }
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "plaintext"),
            attr("style", "solid"),
            attr("fontsize", "10"),
        ])),
    ];
    for r in &present {
        let (style, color) = dot_edge_style(*r);
        let origin = format!("legend:{r}:origin");
        let derived = format!("legend:{r}:derived");
        stmts.push(Stmt::Node(Node::new(
            node_id(&origin),
            vec![attr("label", "origin")],
        )));
        stmts.push(Stmt::Node(Node::new(
            node_id(&derived),
            vec![attr("label", "derived")],
        )));
        stmts.push(edge(
            &origin,
            &derived,
            vec![
                attr("style", style),
                attr("color", color),
                attr("label", r.as_str()),
                attr("fontsize", "10"),
            ],
        ));
    }
    emit(subgraph("cluster_legend", stmts))
}

/// The whole drawing as one graphviz-rust AST (what `llmkg render` hands to `dot`).
pub fn build(g: &Graph, opts: &Options) -> DotGraph {
    let mut stmts = Vec::new();
    statements(g, opts, |s| {
        stmts.push(s);
        Ok(())
    })
    .expect("collecting statements cannot fail");
    DotGraph::DiGraph {
        id: quote(GRAPH_ID),
        strict: false,
        stmts,
    }
}

/// A printer context in the state the graph's header leaves it (digraph mode, indented), and
/// the header.
fn context() -> io::Result<(PrinterContext, String)> {
    let mut ctx = PrinterContext::default();
    // Printing the empty graph gives the header and leaves the context in digraph mode, indented.
    let empty = DotGraph::DiGraph {
        id: quote(GRAPH_ID),
        strict: false,
        stmts: vec![],
    }
    .print(&mut ctx);
    let header = empty
        .strip_suffix("\n}")
        .ok_or_else(|| io::Error::other("unexpected graphviz-rust printer output"))?;
    Ok((ctx, header.to_string()))
}

/// Writes `graph.dot`, printing each statement with graphviz-rust's printer as it is generated;
/// the nodes and edges are printed in chunks on every core ([`crate::formats::chunks`]). The output is
/// exactly `build(g, opts).print(..)` followed by a newline (a unit test holds it).
pub fn write<W: Write>(g: &Graph, w: W, opts: &Options) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    let (mut ctx, header) = context()?;
    w.write_all(header.as_bytes())?;
    let mut print = |w: &mut io::BufWriter<W>, s: Stmt| -> io::Result<()> {
        w.write_all(s.print(&mut ctx).as_bytes())?;
        w.write_all(b"\n")
    };
    for stmt in head(opts) {
        print(&mut w, stmt)?;
    }
    let nodes = g.nodes_sorted();
    let orgs = organizations(g, &nodes);
    // each chunk is printed with a context of its own, in the state the header left
    let chunk =
        |buf: &mut Vec<u8>, items: usize, stmt: &dyn Fn(usize) -> Stmt, ahead: &dyn Fn(usize)| {
            let (mut ctx, _) = context()?;
            for i in 0..items {
                ahead(i);
                buf.extend_from_slice(stmt(i).print(&mut ctx).as_bytes());
                buf.push(b'\n');
            }
            Ok(0)
        };
    crate::formats::chunks::write(
        &mut w,
        &nodes,
        |&ix, stage| g.warm_node(ix, stage),
        |buf, _, part, ahead| {
            chunk(
                buf,
                part.len(),
                &|i| node_stmt(g, part[i], orgs[part[i].index()]),
                ahead,
            )
        },
    )?;
    let edges = g.edges_sorted();
    crate::formats::chunks::write(
        &mut w,
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |buf, _, part, ahead| chunk(buf, part.len(), &|i| edge_stmt(g, part[i]), ahead),
    )?;
    tail(g, opts, &nodes, &orgs, |s| print(&mut w, s))?;
    w.write_all(b"}\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge as KgEdge, Evidence, Node as KgNode, NodeKind, slug};

    fn sample() -> Graph {
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let mut add = |label: &str, kind, year: Option<&str>| {
            let mut n = KgNode::new(slug(label), label.into(), kind, ev.clone());
            n.released = year.map(|y| y.parse().unwrap());
            g.add_node(n).unwrap()
        };
        let llama = add("Llama", NodeKind::Model, Some("2023-02"));
        let alpaca = add("Al\"pa\\ca", NodeKind::Model, Some("2023-03"));
        let meta = add("Meta AI", NodeKind::Organization, None);
        let e = |relation| KgEdge::new(relation, ev.clone());
        g.add_edge(alpaca, llama, e(Relation::FineTunedFrom));
        g.add_edge(llama, meta, e(Relation::DevelopedBy));
        g
    }

    #[test]
    fn quoting_escapes_backslashes_quotes_and_newlines() {
        let Id::Escaped(q) = quote("a\\b\"c\nd\u{7}e") else {
            panic!("quoted ids are escaped ids")
        };
        assert_eq!(q, r#""a\\b\"c\nde""#);
    }

    #[test]
    fn quoting_changes_only_what_needs_it() {
        let quoted = |t: &str| match quote(t) {
            Id::Escaped(q) => q,
            _ => panic!("quoted ids are escaped ids"),
        };
        assert_eq!(
            quoted("meta-llama--llama-2-7b"),
            "\"meta-llama--llama-2-7b\""
        );
        assert_eq!(quoted("Llama 2\n2023-07"), "\"Llama 2\\n2023-07\"");
        assert_eq!(quoted("a\r\nb\rc\td"), "\"a\\nb\\nc d\"");
        // C1 controls (U+0080 to U+009F) are dropped, other characters of their lead byte kept
        assert_eq!(quoted("x\u{85}y\u{9f}z"), "\"xyz\"");
        assert_eq!(quoted("© 2024 · 50°"), "\"© 2024 · 50°\"");
        assert_eq!(quoted("通义千问 Qwen"), "\"通义千问 Qwen\"");
        assert_eq!(quoted("del\u{7f}"), "\"del\"");
        assert_eq!(quoted(""), "\"\"");
    }

    #[test]
    fn streamed_output_equals_the_printed_ast() {
        let g = sample();
        for opts in [
            Options::default(),
            Options {
                by_year: true,
                cluster_org: true,
            },
        ] {
            let mut streamed = Vec::new();
            write(&g, &mut streamed, &opts).unwrap();
            let whole = build(&g, &opts).print(&mut PrinterContext::default()) + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        }
    }

    #[test]
    fn edges_run_from_origin_to_derived_with_arrows_at_the_origin() {
        let mut out = Vec::new();
        write(&sample(), &mut out, &Options::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#""llama" -> "al-pa-ca""#), "{text}");
        assert!(
            text.contains(r#"edge["dir"="back"]"#) || text.contains(r#"edge[dir="back"]"#),
            "{text}"
        );
        assert!(text.contains(r#"label="Al\"pa\\ca\n2023-03""#), "{text}");
    }
}
