//! Printing a query's [`Answer`]: an aligned table or tree for people (coloured only on a
//! terminal), one JSON object for programs, or the answer's subgraph as DOT.

use crate::export::{Format, Options};
use crate::formats::schema::{Records, Sources};
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::model::NodeKind;
use crate::query::{Answer, AnswerGroup, Dir, PathInfo, PathRole, QueryKind};
use crate::report::{cell, evidence_lines, width};
use std::collections::HashSet;
use std::io::Write;

/// How an answer is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Json,
    Dot,
}

/// Trees deeper than this are not indented further; the depth is printed instead.
const MAX_INDENT: usize = 24;

/// Writes the answer in the chosen format. `color` adds ANSI colours to the table.
pub fn write(
    g: &Graph,
    a: &Answer,
    format: OutputFormat,
    color: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(g, a))?;
            writeln!(out)?;
        }
        OutputFormat::Dot => {
            let sub = a.subgraph(g);
            // coloured as every drawing of the whole graph is
            let palette = crate::formats::style::Palette::of(g);
            let opts = Options::default();
            Format::Dot.write_part_counted(&sub, 0, out, &opts, &[], Some(&palette))?;
        }
        OutputFormat::Table => Table {
            g,
            paint: Paint(color),
        }
        .write(a, out)?,
    }
    Ok(())
}

/// A node as the JSON answer gives it (fields in alphabetical order, like every JSON object here).
#[derive(serde::Serialize)]
struct NodeJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    depth: Option<usize>,
    id: &'a str,
    kind: crate::model::NodeKind,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    released: Option<crate::model::Date>,
}

fn node_json(g: &Graph, ix: NodeIx, depth: Option<usize>) -> NodeJson<'_> {
    let n = g.node(ix);
    NodeJson {
        depth,
        id: &n.id,
        kind: n.kind,
        label: &n.label,
        released: n.released,
    }
}

/// An edge as the JSON answer gives it: `evidence` (its first evidence as one line) and
/// `evidence_record` (that record) as before, `sources` (every source asserting the edge, sorted,
/// each once) and `evidence_records` (every record, first one first), as in the JSON export.
#[derive(serde::Serialize)]
struct EdgeJson<'a> {
    evidence: String,
    evidence_record: &'a crate::model::Evidence,
    evidence_records: Records<'a>,
    relation: crate::model::Relation,
    source: &'a str,
    sources: Sources<'a>,
    target: &'a str,
}

fn edge_json(g: &Graph, e: EdgeIx) -> EdgeJson<'_> {
    let (s, t) = g.endpoints(e);
    let edge = g.edge(e);
    EdgeJson {
        evidence: edge.evidence.summary(),
        evidence_record: &edge.evidence,
        evidence_records: Records(edge),
        relation: edge.relation,
        source: &g.node(s).id,
        sources: Sources::new(&edge.evidence, &edge.also),
        target: &g.node(t).id,
    }
}

#[derive(serde::Serialize)]
struct PathJson<'a> {
    edges: Vec<EdgeJson<'a>>,
    from: &'a str,
    nodes: Vec<&'a str>,
    role: &'static str,
    to: &'a str,
}

fn path_json<'a>(g: &'a Graph, p: &'a PathInfo) -> PathJson<'a> {
    PathJson {
        edges: p.edges.iter().map(|&e| edge_json(g, e)).collect(),
        from: &g.node(p.from()).id,
        nodes: p.nodes.iter().map(|&n| g.node(n).id.as_str()).collect(),
        role: p.role.as_str(),
        to: &g.node(p.to()).id,
    }
}

/// The whole answer; the named edge lists (`builds_on`, `direct`, ...) are flattened in.
#[derive(serde::Serialize)]
struct AnswerJson<'a> {
    edges: Vec<EdgeJson<'a>>,
    found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<crate::model::NodeKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    nodes: Vec<NodeJson<'a>>,
    paths: Vec<PathJson<'a>>,
    query: &'a str,
    relations: &'a [crate::model::Relation],
    subjects: Vec<NodeJson<'a>>,
    #[serde(flatten)]
    groups: std::collections::BTreeMap<&'a str, Vec<EdgeJson<'a>>>,
}

/// The answer as one JSON object: `query`, `subjects`, `relations`, `found`, `nodes`, `edges`,
/// `paths`, and `message`, `kind` and the named edge lists where they apply. Written through
/// borrowed structs, so a hundred thousand nodes cost no intermediate JSON values.
fn to_json<'a>(g: &'a Graph, a: &'a Answer) -> AnswerJson<'a> {
    AnswerJson {
        edges: a.edges.iter().map(|&e| edge_json(g, e)).collect(),
        found: a.found,
        kind: a.kind,
        message: a.message.as_deref(),
        nodes: a
            .nodes
            .iter()
            .map(|r| node_json(g, r.ix, r.depth))
            .collect(),
        paths: a.paths.iter().map(|p| path_json(g, p)).collect(),
        query: a.query.as_str(),
        relations: &a.relations,
        subjects: a.subjects.iter().map(|&s| node_json(g, s, None)).collect(),
        groups: a
            .groups
            .iter()
            .map(|(name, edges)| {
                (
                    name.as_str(),
                    edges.iter().map(|&e| edge_json(g, e)).collect(),
                )
            })
            .collect(),
    }
}

/// ANSI colours, or none.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn name(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn rel(self, s: &str) -> String {
        self.wrap("36", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn warn(self, s: &str) -> String {
        self.wrap("33", s)
    }
}

/// The display width of each column: the widest cell's.
fn column_widths<const N: usize>(rows: &[[String; N]]) -> [usize; N] {
    let mut widths = [0; N];
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(cell));
        }
    }
    widths.map(crate::report::column)
}

struct Table<'g> {
    g: &'g Graph,
    paint: Paint,
}

impl Table<'_> {
    fn label(&self, ix: NodeIx) -> &str {
        &self.g.node(ix).label
    }

    /// `Label` plus `[kind]` for non-models and the release date, dimmed.
    fn node_text(&self, ix: NodeIx) -> String {
        let n = self.g.node(ix);
        let mut extra = Vec::new();
        if n.kind != NodeKind::Model {
            extra.push(n.kind.to_string());
        }
        if let Some(d) = n.released {
            extra.push(d.to_string());
        }
        let mut s = self.paint.name(&n.label);
        if !extra.is_empty() {
            s.push(' ');
            s.push_str(&self.paint.dim(&format!("({})", extra.join(", "))));
        }
        s
    }

    /// `─relation→` when the edge runs from `from`, `←relation─` when it runs into it.
    fn arrow(&self, e: EdgeIx, from: NodeIx) -> String {
        let rel = self.g.edge(e).relation.as_str();
        if self.g.endpoints(e).0 == from {
            self.paint.rel(&format!("─{rel}→"))
        } else {
            self.paint.rel(&format!("←{rel}─"))
        }
    }

    /// `A ─rel→ B ─rel→ C` on one line.
    fn chain(&self, p: &PathInfo) -> String {
        let mut s = self.paint.name(self.label(p.nodes[0]));
        for (i, &e) in p.edges.iter().enumerate() {
            s.push(' ');
            s.push_str(&self.arrow(e, p.nodes[i]));
            s.push(' ');
            s.push_str(&self.paint.name(self.label(p.nodes[i + 1])));
        }
        s
    }

    /// An aligned table of edges: source, relation, target, evidence. An edge that several
    /// pieces of evidence assert takes one line for each ([`evidence_lines`]: `[list] ...`,
    /// `[ecosystem] ...` where two or more sources agree), the further ones under the first.
    fn edge_table(
        &self,
        edges: &[EdgeIx],
        indent: &str,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let rows: Vec<([String; 3], Vec<String>)> = edges
            .iter()
            .map(|&e| {
                let (s, t) = self.g.endpoints(e);
                let edge = self.g.edge(e);
                let cells = [
                    self.label(s).to_string(),
                    edge.relation.to_string(),
                    self.label(t).to_string(),
                ];
                (cells, evidence_lines(edge))
            })
            .collect();
        let cells: Vec<[String; 3]> = rows.iter().map(|(c, _)| c.clone()).collect();
        let [w0, w1, w2] = column_widths(&cells);
        let under = " ".repeat(w0 + w1 + w2 + 6);
        for (r, evidence) in &rows {
            let mut lines = evidence.iter();
            writeln!(
                out,
                "{indent}{}  {}  {}  {}",
                self.paint.name(&cell(&r[0], w0)),
                self.paint.rel(&cell(&r[1], w1)),
                self.paint.name(&cell(&r[2], w2)),
                self.paint.dim(lines.next().map_or("", String::as_str))
            )?;
            for more in lines {
                writeln!(out, "{indent}{under}{}", self.paint.dim(more))?;
            }
        }
        Ok(())
    }

    /// An aligned list of reported nodes: depth, label, kind, released, id.
    fn node_list(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<[String; 5]> = a
            .nodes
            .iter()
            .map(|r| {
                let n = self.g.node(r.ix);
                [
                    r.depth.map(|d| d.to_string()).unwrap_or_default(),
                    n.label.to_string(),
                    n.kind.to_string(),
                    n.released.map(|d| d.to_string()).unwrap_or_default(),
                    n.id.to_string(),
                ]
            })
            .collect();
        let [w0, w1, w2, w3, _] = column_widths(&rows);
        for r in &rows {
            let line = format!(
                "  {}{}  {}  {}  {}",
                if w0 > 0 {
                    format!("{}  ", cell(&r[0], w0))
                } else {
                    String::new()
                },
                self.paint.name(&cell(&r[1], w1)),
                cell(&r[2], w2),
                cell(&r[3], w3),
                self.paint.dim(&r[4])
            );
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    fn tree(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        let mut printed: HashSet<NodeIx> = HashSet::with_capacity(a.tree.len());
        for line in &a.tree {
            let mut s = String::new();
            if line.depth > MAX_INDENT {
                s.push_str(&" ".repeat(2 * MAX_INDENT));
                s.push_str(&self.paint.dim(&format!("[depth {}] ", line.depth)));
            } else {
                s.push_str(&" ".repeat(2 * line.depth));
            }
            if let Some(e) = line.via {
                let (src, tgt) = self.g.endpoints(e);
                let from = if src == line.node { tgt } else { src };
                s.push_str(&self.arrow(e, from));
                s.push(' ');
            }
            s.push_str(&self.node_text(line.node));
            if let Some(tag) = line.via.and_then(|e| self.sources_tag(e)) {
                s.push(' ');
                s.push_str(&self.paint.dim(&tag));
            }
            if line.repeat {
                let where_ = if printed.contains(&line.node) {
                    "(see above)"
                } else {
                    "(see below)"
                };
                s.push(' ');
                s.push_str(&self.paint.dim(where_));
            } else {
                printed.insert(line.node);
            }
            writeln!(out, "{s}")?;
        }
        Ok(())
    }

    /// `[ecosystem, list]`: the sources asserting an edge, where there are two or more (a tree
    /// line prints no evidence, but says which sources agree on the edge it came by).
    fn sources_tag(&self, e: EdgeIx) -> Option<String> {
        let sources = self.g.edge(e).sources();
        (sources.len() > 1).then(|| {
            let names: Vec<&str> = sources.iter().map(|s| s.as_str()).collect();
            format!("[{}]", names.join(", "))
        })
    }

    /// The labels of `nodes`, comma-separated.
    fn names(&self, nodes: &[NodeIx]) -> String {
        nodes
            .iter()
            .map(|&n| self.label(n))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The answer's warning, when something was not found.
    fn message(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some(m) = &a.message {
            writeln!(out, "{}", self.paint.warn(m))?;
        }
        Ok(())
    }

    fn write(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        match a.query {
            QueryKind::Ancestors | QueryKind::Descendants | QueryKind::Family => {
                self.closure(a, out)
            }
            QueryKind::Path => self.path(a, out),
            QueryKind::Common => self.common(a, out),
            QueryKind::Org => self.org(a, out),
            QueryKind::Why => self.why(a, out),
        }
    }

    /// Ancestors, descendants or a family: the tree (a list under `--kind`) and a count.
    fn closure(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        if !a.found {
            return self.message(a, out);
        }
        if a.kind.is_none() {
            self.tree(a, out)?;
        } else {
            self.node_list(a, out)?;
        }
        let subject = self.label(a.subjects[0]);
        let kind = a.kind.map(|k| format!(" {k}")).unwrap_or_default();
        let count = a.nodes.len();
        let what = match a.query {
            QueryKind::Ancestors => format!("{count}{kind} ancestor(s) of {subject}"),
            QueryKind::Descendants => format!("{count}{kind} descendant(s) of {subject}"),
            _ => format!(
                "{count}{kind} node(s) in the family of {subject}, from {}",
                self.names(&roots_of(a))
            ),
        };
        writeln!(out, "{}", self.paint.dim(&what))
    }

    /// A path (or the reverse one), each with its edges.
    fn path(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        self.message(a, out)?;
        for p in &a.paths {
            if p.role == PathRole::Reverse {
                writeln!(out, "reverse path:")?;
            }
            writeln!(out, "{}", self.chain(p))?;
            self.edge_table(&p.edges, "  ", out)?;
        }
        Ok(())
    }

    /// The lowest common ancestors, the path from each subject to each, and the evidence.
    fn common(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        self.message(a, out)?;
        if !a.nodes.is_empty() {
            writeln!(
                out,
                "lowest common ancestor(s) of {}: {}",
                self.names(&a.subjects),
                a.nodes
                    .iter()
                    .map(|r| self.paint.name(self.label(r.ix)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
        for r in &a.nodes {
            writeln!(out, "{}", self.node_text(r.ix))?;
            for p in a.paths.iter().filter(|p| p.to() == r.ix) {
                writeln!(out, "  {}", self.chain(p))?;
            }
        }
        self.shared_organizations(a, out)?;
        if !a.edges.is_empty() {
            writeln!(out, "evidence:")?;
            self.edge_table(&a.edges, "  ", out)?;
        }
        Ok(())
    }

    /// `shared organization(s): A, B` (not ancestors), with the edges saying so.
    fn shared_organizations(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        for (name, edges) in &a.groups {
            if *name != AnswerGroup::SharedOrganizations || edges.is_empty() {
                continue;
            }
            let mut orgs: Vec<NodeIx> = edges.iter().map(|&e| self.g.endpoints(e).1).collect();
            orgs.sort_by(|x, y| self.g.node(*x).id.cmp(&self.g.node(*y).id));
            orgs.dedup();
            let names: Vec<String> = orgs
                .iter()
                .map(|&o| self.paint.name(self.label(o)).to_string())
                .collect();
            writeln!(out, "{}: {}", group_title(*name), names.join(", "))?;
            self.edge_table(edges, "  ", out)?;
        }
        Ok(())
    }

    /// What an organization made, and the derivations across its border.
    fn org(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        let kind = a.kind.map(|k| format!(" {k}")).unwrap_or_default();
        writeln!(
            out,
            "{} made {}{kind} node(s):",
            self.paint.name(self.label(a.subjects[0])),
            a.nodes.len()
        )?;
        self.node_list(a, out)?;
        for (name, edges) in &a.groups {
            writeln!(out, "{} ({}):", group_title(*name), edges.len())?;
            self.org_edges(edges, a.subjects[0], out)?;
        }
        Ok(())
    }

    /// The direct edges, then each path linking the two nodes.
    fn why(&self, a: &Answer, out: &mut dyn Write) -> std::io::Result<()> {
        self.message(a, out)?;
        for (name, edges) in &a.groups {
            if *name == AnswerGroup::Direct && !edges.is_empty() {
                writeln!(out, "{}:", group_title(*name))?;
                self.edge_table(edges, "  ", out)?;
            }
        }
        for p in &a.paths {
            writeln!(out, "{}: {}", role_title(p.role), self.chain(p))?;
            self.edge_table(&p.edges, "  ", out)?;
        }
        Ok(())
    }

    /// Cross-organization edges with the other side's organizations, and their evidence as
    /// [`Table::edge_table`] gives it (a line for each record, the further ones underneath).
    fn org_edges(&self, edges: &[EdgeIx], org: NodeIx, out: &mut dyn Write) -> std::io::Result<()> {
        let g = self.g;
        let orgs = |n: NodeIx| {
            let mut v: Vec<&str> = g
                .organizations_of(n)
                .filter(|&t| t != org)
                .map(|t| g.node(t).label.as_str())
                .collect();
            v.sort_unstable();
            if v.is_empty() {
                "no organization".to_string()
            } else {
                v.join(", ")
            }
        };
        let rows: Vec<([String; 4], Vec<String>)> = edges
            .iter()
            .map(|&e| {
                let (s, t) = g.endpoints(e);
                let other = if g.developed_by(s, org) { t } else { s };
                let cells = [
                    self.label(s).to_string(),
                    g.edge(e).relation.to_string(),
                    self.label(t).to_string(),
                    format!("[{}]", orgs(other)),
                ];
                (cells, evidence_lines(g.edge(e)))
            })
            .collect();
        let cells: Vec<[String; 4]> = rows.iter().map(|(c, _)| c.clone()).collect();
        let [w0, w1, w2, w3] = column_widths(&cells);
        let under = " ".repeat(w0 + w1 + w2 + w3 + 8);
        for (r, evidence) in &rows {
            let mut lines = evidence.iter();
            writeln!(
                out,
                "  {}  {}  {}  {}  {}",
                self.paint.name(&cell(&r[0], w0)),
                self.paint.rel(&cell(&r[1], w1)),
                self.paint.name(&cell(&r[2], w2)),
                cell(&r[3], w3),
                self.paint.dim(lines.next().map_or("", String::as_str))
            )?;
            for more in lines {
                writeln!(out, "  {under}{}", self.paint.dim(more))?;
            }
        }
        Ok(())
    }
}

/// The heading a group of edges is printed under.
fn group_title(group: AnswerGroup) -> &'static str {
    match group {
        AnswerGroup::BuildsOn => "builds on other organizations' models",
        AnswerGroup::BuiltOnBy => "others' models built on its models",
        AnswerGroup::Direct => "direct",
        AnswerGroup::SharedOrganizations => "shared organization(s)",
    }
}

/// The heading a path of `why` is printed under.
fn role_title(role: PathRole) -> &'static str {
    match role {
        PathRole::Path | PathRole::Reverse => "derivation path",
        PathRole::Ancestor => "via common ancestor",
        PathRole::Descendant => "via common descendant",
        PathRole::Organization => "shared organization",
    }
}

/// A family's roots: the tree lines at depth 0.
fn roots_of(a: &Answer) -> Vec<NodeIx> {
    debug_assert!(a.dir == Dir::Down);
    a.tree
        .iter()
        .filter(|l| l.depth == 0)
        .map(|l| l.node)
        .collect()
}
