//! Human and JSON output of `stats`, `show` and `list`.

use crate::graph::{EdgeIx, Graph, NodeIx, SourceCounts};
use crate::model::{Date, Name, NodeKind, Relation};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// The columns `s` takes on a terminal: two for a wide character (通义千问 is eight), none for a
/// combining one, so tables of CJK labels align.
pub(crate) fn width(s: &str) -> usize {
    s.width()
}

/// The widest a column of a human table is made: a longer value overflows its column in a pipe
/// or a file (whole, for scripts), and is shortened with an ellipsis on a terminal
/// ([`shorten_on_terminal`]). JSON is never shortened.
pub(crate) const MAX_COLUMN: usize = 40;

/// Whether standard output is a terminal, where long table cells are shortened.
static SHORTEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says whether human tables go to a terminal (set once by the command layer).
pub(crate) fn shorten_on_terminal(terminal: bool) {
    SHORTEN.store(terminal, std::sync::atomic::Ordering::Relaxed);
}

/// The width a column of cells this wide takes: at most [`MAX_COLUMN`].
pub(crate) fn column(widest: usize) -> usize {
    widest.min(MAX_COLUMN)
}

/// `s` as a cell of a column `columns` wide: padded, and on a terminal shortened with `…` when
/// it is wider.
pub(crate) fn cell(s: &str, columns: usize) -> String {
    if width(s) <= columns || !SHORTEN.load(std::sync::atomic::Ordering::Relaxed) {
        return pad(s, columns);
    }
    pad(&shortened(s, columns), columns)
}

/// `s` cut to fit `columns` display columns, the last of them an ellipsis.
fn shortened(s: &str, columns: usize) -> String {
    let mut short = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        used += w;
        short.push(c);
    }
    short.push('…');
    short
}

/// Left-aligns `s` in `columns` display columns ([`width`]).
pub(crate) fn pad(s: &str, columns: usize) -> String {
    let mut padded = String::with_capacity(s.len() + columns);
    padded.push_str(s);
    padded.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(s))));
    padded
}

/// How `check`, `stats`, `show` and `list` print: a table for people, or one JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    Table,
    Json,
}

/// Which nodes `list` prints.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListFilter {
    pub kind: Option<NodeKind>,
    pub org: Option<NodeIx>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

/// A family ([`Graph::families`]): named by its root with the most descendants.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Family {
    pub root: NodeIx,
    pub size: usize,
}

/// The families of the graph ([`Graph::families`]: the models, and the methods, joined by
/// lineage), largest first. Datasets, applications and organizations are in none.
pub(crate) fn families(g: &Graph) -> Vec<Family> {
    let fams = g.families(&g.kinds(), &g.descendant_counts());
    (0..fams.len())
        .map(|f| Family {
            root: fams.name(f),
            size: fams.size(f),
        })
        .collect()
}

pub(crate) fn stats(g: &Graph, format: ReportFormat, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut kinds: BTreeMap<&str, usize> = NodeKind::ALL.iter().map(|k| (k.as_str(), 0)).collect();
    for ix in g.node_indices() {
        *kinds.entry(g.node(ix).kind.as_str()).or_default() += 1;
    }
    let mut rels: BTreeMap<&str, usize> = BTreeMap::new();
    for e in g.edge_indices() {
        *rels.entry(g.edge(e).relation.as_str()).or_default() += 1;
    }
    let roots = g.roots();
    let fams = families(g);
    let sources = g.source_counts();
    if format == ReportFormat::Json {
        let by_source: BTreeMap<&str, Value> = sources
            .nodes
            .keys()
            .chain(sources.edges.keys())
            .map(|s| {
                let count = |m: &BTreeMap<_, usize>| m.get(s).copied().unwrap_or(0);
                let v = json!({"nodes": count(&sources.nodes), "edges": count(&sources.edges)});
                (s.as_str(), v)
            })
            .collect();
        let v = json!({
            "nodes": g.node_count(),
            "edges": g.edge_count(),
            "nodes_by_kind": kinds,
            "edges_by_relation": rels,
            "by_source": by_source,
            "edges_sources_agree_on": sources.agreed_edges,
            "roots": roots.iter().map(|&ix| node_ref(g, ix)).collect::<Vec<_>>(),
            "families": fams.iter().take(10).map(|f| json!({"root": node_ref(g, f.root), "size": f.size})).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{} nodes, {} edges", g.node_count(), g.edge_count())?;
    writeln!(out, "\nnodes by kind:")?;
    for (k, c) in &kinds {
        writeln!(out, "  {k:<16} {c:>8}")?;
    }
    writeln!(out, "\nedges by relation:")?;
    for r in Relation::ALL {
        if let Some(c) = rels.get(r.as_str()) {
            writeln!(out, "  {:<16} {c:>8}", r.as_str())?;
        }
    }
    stats_sources(&sources, out)?;
    writeln!(
        out,
        "\nroots (models that derive from no other model): {}",
        roots.len()
    )?;
    let shown: Vec<&str> = roots
        .iter()
        .take(40)
        .map(|&ix| g.node(ix).label.as_str())
        .collect();
    writeln!(
        out,
        "  {}{}",
        shown.join(", "),
        if roots.len() > 40 { ", ..." } else { "" }
    )?;
    writeln!(out, "\nlargest families:")?;
    for f in fams.iter().take(10) {
        writeln!(
            out,
            "  {} {:>8} members",
            cell(&g.node(f.root).label, 24),
            f.size
        )?;
    }
    Ok(())
}

/// The nodes and edges each source asserts, and the edges two or more agree on.
fn stats_sources(c: &SourceCounts, out: &mut dyn Write) -> std::io::Result<()> {
    let mut names: Vec<Name> = c.nodes.keys().chain(c.edges.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    writeln!(
        out,
        "\n{} {:>8} {:>8}",
        pad("by source:", 18),
        "nodes",
        "edges"
    )?;
    for s in names {
        let count = |m: &BTreeMap<Name, usize>| m.get(&s).copied().unwrap_or(0);
        writeln!(
            out,
            "  {} {:>8} {:>8}",
            pad(&s, 16),
            count(&c.nodes),
            count(&c.edges)
        )?;
    }
    writeln!(
        out,
        "  edges two or more sources agree on: {}",
        c.agreed_edges
    )
}

fn node_ref(g: &Graph, ix: NodeIx) -> Value {
    let n = g.node(ix);
    json!({"id": n.id, "label": n.label, "kind": n.kind})
}

/// A node's neighbours, each with the edge to it, sorted by relation and then id.
fn sorted_by_relation(g: &Graph, mut edges: Vec<(EdgeIx, NodeIx)>) -> Vec<(EdgeIx, NodeIx)> {
    edges.sort_by(|a, b| {
        (g.edge(a.0).relation, &g.node(a.1).id).cmp(&(g.edge(b.0).relation, &g.node(b.1).id))
    });
    edges
}

/// What `show` prints of a node: its organizations and its edges either way, sorted.
struct Shown {
    ix: NodeIx,
    orgs: Vec<NodeIx>,
    outgoing: Vec<(EdgeIx, NodeIx)>,
    incoming: Vec<(EdgeIx, NodeIx)>,
}

pub(crate) fn show(
    g: &Graph,
    ix: NodeIx,
    format: ReportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut orgs: Vec<NodeIx> = g.organizations_of(ix).collect();
    orgs.sort_by(|a, b| g.node(*a).id.cmp(&g.node(*b).id));
    let shown = Shown {
        ix,
        orgs,
        outgoing: sorted_by_relation(g, g.out_edges(ix).collect()),
        incoming: sorted_by_relation(g, g.in_edges(ix).collect()),
    };
    match format {
        ReportFormat::Json => show_json(g, &shown, out),
        ReportFormat::Table => {
            show_fields(g, &shown, out)?;
            show_edges(g, &shown, out)?;
            Ok(())
        }
    }
}

/// The node as JSON, with its organizations and its edges either way.
fn show_json(g: &Graph, shown: &Shown, out: &mut dyn Write) -> anyhow::Result<()> {
    let ix = shown.ix;
    let edge = |e, s: NodeIx, t: NodeIx| {
        let ed = g.edge(e);
        let records: Vec<_> = ed.evidence_records().collect();
        json!({"source": g.node(s).id, "target": g.node(t).id, "relation": ed.relation, "evidence": ed.evidence, "sources": ed.sources(), "evidence_records": records})
    };
    let mut v = serde_json::to_value(g.node(ix))?;
    v["sources"] = json!(g.node(ix).sources());
    v["organizations"] = shown.orgs.iter().map(|&o| node_ref(g, o)).collect();
    v["out"] = shown
        .outgoing
        .iter()
        .map(|&(e, t)| edge(e, ix, t))
        .collect();
    v["in"] = shown
        .incoming
        .iter()
        .map(|&(e, s)| edge(e, s, ix))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)?;
    Ok(())
}

/// The node's heading line, its fields one a line, and the corrections made to it.
fn show_fields(g: &Graph, shown: &Shown, out: &mut dyn Write) -> std::io::Result<()> {
    let n = g.node(shown.ix);
    writeln!(out, "{} ({}, id {})", n.label, n.kind, n.id)?;
    let mut field = |k: &str, v: String| -> std::io::Result<()> {
        if v.is_empty() {
            Ok(())
        } else {
            // a name longer than the column (an attribute such as context_length) keeps a space
            writeln!(out, "  {} {v}", pad(k, 13))
        }
    };
    field("aliases", n.aliases.join(", "))?;
    field(
        "released",
        n.released.map(|d| d.to_string()).unwrap_or_default(),
    )?;
    field("sizes", n.sizes.join(", "))?;
    field(
        "organizations",
        shown
            .orgs
            .iter()
            .map(|&o| g.node(o).label.clone())
            .collect::<Vec<_>>()
            .join(", "),
    )?;
    for l in &n.links {
        field(l.kind.as_str(), l.url.clone())?;
    }
    field(
        "description",
        n.description.clone().map(String::from).unwrap_or_default(),
    )?;
    field("defined at", n.origin.summary())?;
    for ev in &n.also {
        field("also named at", ev.summary())?;
    }
    field(
        "sources",
        n.sources()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )?;
    for (k, v) in &n.attrs {
        field(k, v.to_string())?;
    }
    for c in &n.corrections {
        writeln!(
            out,
            "  correction    {}: list says \"{}\" ({}), curated says \"{}\" ({})",
            c.field,
            c.list_value,
            c.list_evidence.location(),
            c.curated_value,
            c.curated_evidence.summary()
        )?;
    }
    Ok(())
}

/// The node's edges either way, each with its evidence.
fn show_edges(g: &Graph, shown: &Shown, out: &mut dyn Write) -> std::io::Result<()> {
    if !shown.outgoing.is_empty() {
        writeln!(out, "\n  derives from / links to:")?;
        for (e, t) in &shown.outgoing {
            let ed = g.edge(*e);
            writeln!(out, "    ─{}→ {}", ed.relation, g.node(*t).label)?;
            edge_evidence(ed, out)?;
        }
    }
    if !shown.incoming.is_empty() {
        writeln!(out, "\n  built on it / linked from:")?;
        for (e, s) in &shown.incoming {
            let ed = g.edge(*e);
            writeln!(out, "    {} ─{}→", g.node(*s).label, ed.relation)?;
            edge_evidence(ed, out)?;
        }
    }
    Ok(())
}

/// Each piece of an edge's evidence, one a line, with its source where several sources agree.
fn edge_evidence(ed: &crate::model::Edge, out: &mut dyn Write) -> std::io::Result<()> {
    for line in evidence_lines(ed) {
        writeln!(out, "        {line}")?;
    }
    Ok(())
}

/// Each piece of an edge's evidence as one line for people (`show`, and the evidence column of
/// query answers): its summary, prefixed by its source (`[list] ...`, `[ecosystem] ...`) where
/// two or more sources assert the edge; one record of one source is just its summary.
pub(crate) fn evidence_lines(ed: &crate::model::Edge) -> Vec<String> {
    let several = ed.also.iter().any(|e| e.source != ed.evidence.source);
    ed.evidence_records()
        .map(|ev| {
            if several {
                format!("[{}] {}", ev.source, ev.summary())
            } else {
                ev.summary()
            }
        })
        .collect()
}

pub(crate) fn list(
    g: &Graph,
    f: &ListFilter,
    format: ReportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let nodes: Vec<NodeIx> = g
        .nodes_sorted()
        .into_iter()
        .filter(|&ix| listed(g, f, ix))
        .collect();
    match format {
        ReportFormat::Json => list_json(g, &nodes, out),
        ReportFormat::Table => list_table(g, &nodes, out),
    }
}

/// Whether `list` shows node `ix` under filter `f`.
fn listed(g: &Graph, f: &ListFilter, ix: NodeIx) -> bool {
    let n = g.node(ix);
    if f.kind.is_some_and(|k| n.kind != k) {
        return false;
    }
    if f.org.is_some_and(|o| !g.developed_by(ix, o)) {
        return false;
    }
    let month = |d: Date| (d.year, d.month);
    if let Some(s) = f.since
        && n.released.is_none_or(|d| month(d) < month(s))
    {
        return false;
    }
    if let Some(u) = f.until
        && n.released.is_none_or(|d| month(d) > month(u))
    {
        return false;
    }
    true
}

/// `list --format json`: the listed nodes as `{"nodes": [...]}`.
fn list_json(g: &Graph, nodes: &[NodeIx], out: &mut dyn Write) -> anyhow::Result<()> {
    let arr: Vec<Value> = nodes
        .iter()
        .map(|&ix| {
            let n = g.node(ix);
            json!({
                "id": n.id, "label": n.label, "kind": n.kind,
                "released": n.released, "sizes": n.sizes,
                "organization": g.first_organization(ix).filter(|&o| o != ix).map(|o| g.node(o).id.clone()),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json!({ "nodes": arr }))?;
    writeln!(out)?;
    Ok(())
}

/// `list`'s table: id, label, kind, release and organization, aligned by display width.
fn list_table(g: &Graph, nodes: &[NodeIx], out: &mut dyn Write) -> anyhow::Result<()> {
    let idw = column(
        nodes
            .iter()
            .map(|&ix| width(&g.node(ix).id))
            .max()
            .unwrap_or(2)
            .max(2),
    );
    let lw = column(
        nodes
            .iter()
            .map(|&ix| width(&g.node(ix).label))
            .max()
            .unwrap_or(5)
            .max(5),
    );
    writeln!(
        out,
        "{}  {}  {:<12}  {:<8}  ORGANIZATION",
        pad("ID", idw),
        pad("LABEL", lw),
        "KIND",
        "RELEASED"
    )?;
    for &ix in nodes {
        let n = g.node(ix);
        let org = g
            .first_organization(ix)
            .filter(|&o| o != ix)
            .map(|o| g.node(o).label.clone())
            .unwrap_or_default();
        let rel = n.released.map(|d| d.to_string()).unwrap_or_default();
        writeln!(
            out,
            "{}  {}  {:<12}  {:<8}  {org}",
            cell(&n.id, idw),
            cell(&n.label, lw),
            n.kind.as_str(),
            rel
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{shortened, width};

    #[test]
    fn shortened_cells_fit_their_column_by_display_width() {
        assert_eq!(shortened("abcdefgh", 5), "abcd…");
        // wide characters take two columns: 通义 (4) + … (1)
        let cut = shortened("通义千问大模型", 6);
        assert_eq!(cut, "通义…");
        assert!(width(&cut) <= 6);
    }
}
