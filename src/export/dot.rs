//! The Graphviz DOT exporter (`graph.dot`): the family tree as a graphviz-rust AST, printed by its printer.
//!
//! Drawing conventions:
//! - **Time runs down a labelled axis** ([`axis`]): the bands of `export::layout` (years, or
//!   quarters where a year is crowded, then `undated`), the page's bands, each node on its
//!   band's row, a base above what derives from it; organizations, when drawn, in a band below
//!   the last, as on the page.
//!   An llmkg edge points from the derived thing to its origin (`alpaca --fine_tuned_from-->
//!   llama`); it is drawn from the origin to the derived thing (`"llama" -> "alpaca"`) with
//!   `dir=back` so the one arrowhead sits at the origin: arrowheads always mean "derives from".
//! - **Families** are borderless clusters, declared largest first, so each stays one branch.
//! - Nodes are filled with their organization's colour and shaped by kind; edges are styled and
//!   coloured by relation; `cluster_legend` ([`legend`]) names the organization of each colour
//!   and shows each relation's line.
//! - [`Options::by_year`] changes nothing: the time axis is the layout (`--by-year` is kept as
//!   an alias of the default).
//! - [`Options::cluster_org`]: a `cluster_<org-id>` subgraph per organization holding its nodes,
//!   instead of the family clusters.
//!
//! Every id and label goes through [`quote`]; every subgraph has an id (graphviz-rust's parser
//! rejects anonymous subgraphs); helper nodes (axis, legend) have ids with a `:`, which no node
//! id has, and are declared inside subgraphs. Statements are generated one at a time and printed
//! as they come, the nodes' and edges' in chunks on every core, so a large graph is never held
//! as one string; [`build`] collects the same statements into one AST for `llmkg render`.

mod axis;
mod legend;

use crate::export::{Options, shorten};
use crate::formats::style::{Colors, Palette, dot_edge_style, dot_shape};
use crate::graph::{Graph, NodeIx};
use axis::Plan;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The one quoting helper for DOT labels and other values: shortens what is over
/// [`shorten::MAX_TEXT`] bytes with an ellipsis, drops control characters (they make the SVG
/// invalid), escapes `\` and `"`, turns line breaks into DOT's `\n` on purpose, and wraps the
/// result in double quotes.
pub(crate) fn quote(text: &str) -> Id {
    escape(&shorten::text(text, shorten::MAX_TEXT))
}

/// [`quote`] for an id (of a node or subgraph): shortened to [`shorten::MAX_ID`] bytes with a
/// hash of the whole id, so distinct ids stay distinct.
pub(crate) fn quote_id(id: &str) -> Id {
    escape(&shorten::id(id, shorten::MAX_ID))
}

/// The escaping of [`quote`] and [`quote_id`].
fn escape(text: &str) -> Id {
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
    NodeId(quote_id(id), None)
}

fn edge(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    })
}

fn subgraph(id: &str, stmts: Vec<Stmt>) -> Stmt {
    Stmt::Subgraph(Subgraph {
        id: quote_id(id),
        stmts,
    })
}

/// The id the graph is printed under.
const GRAPH_ID: &str = "llmkg";

/// The font size of every label, axis and legend included: the bundled family tree drawn
/// 1,920 pixels wide shows it at 9 pixels or more.
const FONT_SIZE: &str = "14";

/// Over this many nodes the drawing asks `dot` for a cheaper layout ([`CHEAP_LAYOUT`]).
pub(crate) const CHEAP_OVER: usize = 300;

/// What a drawing of more than [`CHEAP_OVER`] nodes asks of `dot`: fewer network-simplex
/// iterations placing nodes across (`nslimit`, `nslimit1`, most of its time on a large family
/// tree), fewer passes ordering each row (`mclimit`, `remincross`) and straight edges (`splines`,
/// routing curves took a third of the rest). Measured on a Hub tree in the README.
const CHEAP_LAYOUT: [(&str, &str); 5] = [
    ("nslimit", "0.2"),
    ("nslimit1", "0.2"),
    ("mclimit", "0.2"),
    ("remincross", "false"),
    ("splines", "line"),
];

/// The graph attribute statements a drawing of `nodes` nodes starts with.
fn head(nodes: usize) -> [Stmt; 3] {
    let mut graph = vec![
        attr("rankdir", "TB"),
        attr("newrank", "true"),
        attr("nodesep", "0.15"),
        attr("ranksep", "0.3"),
        attr("fontsize", FONT_SIZE),
    ];
    if nodes > CHEAP_OVER {
        graph.extend(CHEAP_LAYOUT.iter().map(|(k, v)| attr(k, v)));
    }
    [
        Stmt::GAttribute(GraphAttributes::Graph(graph)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontsize", FONT_SIZE),
            attr("margin", "0.06,0.03"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("dir", "back"),
            attr("fontsize", FONT_SIZE),
        ])),
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
fn node_stmt(g: &Graph, ix: NodeIx, colors: &Colors) -> Stmt {
    let n = g.node(ix);
    let fill = colors.node(g, ix);
    let label = match n.released {
        Some(d) => format!("{}\n{d}", n.label),
        None => n.label.to_string(),
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

/// An edge's statement, drawn from the origin to the derived thing; `constraint=false` when
/// the plan cannot rank the origin above it.
fn edge_stmt(g: &Graph, e: petgraph::graph::EdgeIndex, plan: &Plan) -> Stmt {
    let (derived, origin) = g.endpoints(e);
    let relation = g.edge(e).relation;
    let (style, color) = dot_edge_style(relation);
    let mut attributes = vec![
        attr("style", style),
        attr("color", color),
        attr("tooltip", relation.as_str()),
    ];
    if !plan.points_down(origin, derived) {
        attributes.push(attr("constraint", "false"));
    }
    edge(&g.node(origin).id, &g.node(derived).id, attributes)
}

/// Generates the statements of the drawing in order, handing each to `emit`: the head, the
/// axis, clusters and ranks, the nodes, the edges, the legend. Linear time but for sorting:
/// organizations are computed once per node, bands and families once. The nodes take their
/// colours from `palette` (the whole graph's, see [`Palette`]), else from `g`'s own.
pub(crate) fn statements(
    g: &Graph,
    opts: &Options,
    palette: Option<&Palette>,
    mut emit: impl FnMut(Stmt) -> io::Result<()>,
) -> io::Result<()> {
    for stmt in head(g.node_count()) {
        emit(stmt)?;
    }
    let nodes = g.nodes_sorted();
    let orgs = organizations(g, &nodes);
    let colors = Colors::for_drawing(g, palette);
    let plan = Plan::new(g, &nodes);
    plan.prelude(g, opts, &nodes, &orgs, &mut emit)?;
    for &ix in &nodes {
        emit(node_stmt(g, ix, &colors))?;
    }
    for e in g.edges_sorted() {
        emit(edge_stmt(g, e, &plan))?;
    }
    legend::legend(g, &colors, plan.last_axis_node(), emit)
}

/// How large `dot` will draw `g`, in points across and down, estimated from the plan: each
/// family as wide as its widest row (a node as wide as its longest label line), the families side
/// by side, one row per rank, the legend not counted. Cheap (no layout), for picking what fits a
/// slide before asking `dot`.
pub(crate) fn estimate(g: &Graph) -> (f64, f64) {
    let nodes = g.nodes_sorted();
    Plan::new(g, &nodes).size(g, &nodes)
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

/// The whole drawing as one graphviz-rust AST (what `llmkg render` hands to `dot`), coloured by
/// `palette` (else `g`'s own).
pub(crate) fn build(g: &Graph, opts: &Options, palette: Option<&Palette>) -> DotGraph {
    let mut stmts = Vec::new();
    statements(g, opts, palette, |s| {
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
/// exactly `build(g, opts, palette).print(..)` followed by a newline (a unit test holds it).
pub(crate) fn write<W: Write>(
    g: &Graph,
    w: W,
    opts: &Options,
    palette: Option<&Palette>,
) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    let (mut ctx, header) = context()?;
    w.write_all(header.as_bytes())?;
    let mut print = |w: &mut io::BufWriter<W>, s: Stmt| -> io::Result<()> {
        w.write_all(s.print(&mut ctx).as_bytes())?;
        w.write_all(b"\n")
    };
    for stmt in head(g.node_count()) {
        print(&mut w, stmt)?;
    }
    let nodes = g.nodes_sorted();
    let orgs = organizations(g, &nodes);
    let colors = Colors::for_drawing(g, palette);
    let plan = Plan::new(g, &nodes);
    plan.prelude(g, opts, &nodes, &orgs, |s| print(&mut w, s))?;
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
        |buf, _, part, ahead| chunk(buf, part.len(), &|i| node_stmt(g, part[i], &colors), ahead),
    )?;
    let edges = g.edges_sorted();
    crate::formats::chunks::write(
        &mut w,
        &edges,
        |&e, stage| g.warm_edge(e, stage),
        |buf, _, part, ahead| chunk(buf, part.len(), &|i| edge_stmt(g, part[i], &plan), ahead),
    )?;
    legend::legend(g, &colors, plan.last_axis_node(), |s| print(&mut w, s))?;
    w.write_all(b"}\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge as KgEdge, Evidence, Node as KgNode, NodeKind, Relation, slug};

    fn sample() -> Graph {
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let mut add = |label: &str, kind, year: Option<&str>| {
            let mut n = KgNode::new(slug(label), label, kind, ev.clone());
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
            write(&g, &mut streamed, &opts, None).unwrap();
            let whole = build(&g, &opts, None).print(&mut PrinterContext::default()) + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        }
    }

    #[test]
    fn edges_run_from_origin_to_derived_with_arrows_at_the_origin() {
        let mut out = Vec::new();
        write(&sample(), &mut out, &Options::default(), None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r#""llama" -> "al-pa-ca""#), "{text}");
        assert!(text.contains(r#"edge[dir="back""#), "{text}");
        assert!(text.contains(r#"label="Al\"pa\\ca\n2023-03""#), "{text}");
    }

    /// The statements of subgraph `id` in `text`, up to its closing brace.
    fn subgraph_text<'a>(text: &'a str, id: &str) -> &'a str {
        let start = text
            .find(&format!("subgraph \"{id}\" {{"))
            .unwrap_or_else(|| panic!("no subgraph {id} in {text}"));
        let len = text[start..].find("\n  }").expect("closed");
        &text[start..start + len]
    }

    fn dot_text(g: &Graph) -> String {
        let mut out = Vec::new();
        write(g, &mut out, &Options::default(), None).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn time_runs_down_a_labelled_axis_with_every_node_on_its_band() {
        let src: crate::model::Name = "t".into();
        let ev = Evidence::at(&src, &src, 1);
        let mut g = Graph::new();
        let mut add = |label: &str, kind, date: Option<&str>| {
            let mut n = KgNode::new(slug(label), label, kind, ev.clone());
            n.released = date.map(|d| d.parse().unwrap());
            g.add_node(n).unwrap()
        };
        let base = add("Base", NodeKind::Model, Some("2022-05"));
        let child = add("Child", NodeKind::Model, Some("2023-02"));
        let late = add("Late", NodeKind::Model, Some("2021-01"));
        let undated = add("Undated", NodeKind::Model, None);
        let meta = add("Meta AI", NodeKind::Organization, None);
        let e = |relation| KgEdge::new(relation, ev.clone());
        g.add_edge(child, base, e(Relation::FineTunedFrom));
        g.add_edge(late, child, e(Relation::FineTunedFrom));
        g.add_edge(undated, child, e(Relation::VariantOf));
        g.add_edge(base, meta, e(Relation::DevelopedBy));
        let text = dot_text(&g);

        // the axis: the bands in time order, then the organizations
        let axis = subgraph_text(&text, "axis");
        let at = |label: &str| {
            axis.find(&format!("[label=\"{label}\"]"))
                .unwrap_or_else(|| panic!("{label} on the axis: {axis}"))
        };
        let order = ["2021", "2022", "2023", "undated", "organizations"].map(at);
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{axis}");
        for (rank, id) in [
            ("2021", "late"),
            ("2022", "base"),
            ("2023", "child"),
            ("undated", "undated"),
            ("organizations", "meta-ai"),
        ] {
            let sub = subgraph_text(&text, &format!("rank:{rank}"));
            assert!(sub.contains("rank=\"same\""), "{sub}");
            assert!(sub.contains(&format!("\"axis:{rank}\"")), "{sub}");
            assert!(sub.contains(&format!("\n    \"{id}\"")), "{id} in {sub}");
        }
        // an edge that cannot point down does not rank; the others do
        assert!(
            text.contains(r##""child" -> "late" [style="solid" color="#333333" tooltip="fine_tuned_from" constraint="false"]"##),
            "{text}"
        );
        assert!(
            text.contains(
                r##""base" -> "child" [style="solid" color="#333333" tooltip="fine_tuned_from"]"##
            ),
            "{text}"
        );
        // the family is one borderless cluster; the legend hangs below the last band
        let family = subgraph_text(&text, "cluster_family:base");
        assert!(family.contains("peripheries=\"0\"") && family.contains("\"undated\""));
        assert!(
            text.contains(r#""axis:organizations" -> "legend:organizations""#),
            "{text}"
        );
    }

    #[test]
    fn a_base_in_the_same_band_sits_a_level_above() {
        let text = dot_text(&sample());
        assert!(subgraph_text(&text, "rank:2023").contains("\"llama\""));
        let below = subgraph_text(&text, "rank:2023:1");
        assert!(below.contains("\"al-pa-ca\"") && below.contains("\"axis:2023:1\""));
        assert!(text.contains(r#""axis:2023:1"[label=""]"#), "{text}");
    }

    #[test]
    fn the_legend_names_each_colour_and_samples_each_relation() {
        let g = sample();
        let meta = crate::formats::style::ORG_PALETTE[0].hex();
        let entry = format!(
            "<TD BGCOLOR=\"{meta}\" WIDTH=\"14\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\"></TD>\
             <TD ALIGN=\"LEFT\">Meta AI</TD>"
        );
        let hidden = crate::filter::Filter {
            no_orgs: true,
            ..Default::default()
        }
        .apply(&g);
        for graph in [&g, &hidden] {
            let text = dot_text(graph);
            let legend = subgraph_text(&text, "cluster_legend");
            assert!(legend.contains(&entry), "{legend}");
            assert!(
                legend.contains("(no organization)"),
                "Al\"pa\\ca has none: {legend}"
            );
            assert!(
                legend.contains(r##""legend:fine_tuned_from:a" -> "legend:fine_tuned_from:b" [style="solid" color="#333333" arrowsize="0.7" label="fine_tuned_from"]"##),
                "{legend}"
            );
        }
        let text = dot_text(&g);
        assert!(text.contains(r#"label="developed_by""#), "{text}");
        assert!(!dot_text(&hidden).contains("developed_by"));
    }
}
