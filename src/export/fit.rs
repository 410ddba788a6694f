//! What of a graph too large for a drawing fits the drawing's limit, picked top down.
//!
//! Rules:
//! - The families are the graph's ([`Graph::families`]: the models, and the methods, joined by
//!   lineage), named as it names them. A node in no family (a dataset, an application, an
//!   organization that developed nothing) is a unit of its own, drawn or left out alone; an
//!   organization that developed something comes along with what it developed. The units are
//!   taken largest first (most members), then by their name's id.
//! - Inside a family the members come level by level from its roots (a breadth-first walk down the
//!   family edges), each level by most descendants, then id; members no root reaches (a lineage
//!   cycle) come last.
//! - Members are added in that order, each with the organizations that developed it, while the
//!   nodes, the edges among the kept nodes and the text they cost stay within the [`Limit`]; the
//!   first member that does not fit ends the pick. So every family before it is drawn whole, its
//!   own family is cut at a level (its roots and nearest descendants kept), and the rest are left
//!   out. The first member is kept whatever it costs, so a graph with nodes never gives an empty
//!   drawing.
//! - [`Cut`] says what was left out, for the notice each drawing prints and writes.

use crate::graph::{EdgeIx, Graph, NodeIx, makes_families};
use crate::model::{NodeKind, Relation};
use std::cmp::Reverse;

/// How many of the left-out families a notice names.
const NAMED: usize = 5;

/// A drawing's limit; `None` bounds nothing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Limit {
    pub(crate) nodes: Option<usize>,
    pub(crate) edges: Option<usize>,
    /// Edges each family drawn costs besides its own (Mermaid: the link that places it).
    pub(crate) edges_per_family: usize,
    /// Whether the organizations that come along, and the `developed_by` edges to them, are
    /// counted neither as nodes nor as edges (Mermaid names them in its labels instead).
    pub(crate) orgs_free: bool,
    pub(crate) text: Option<TextLimit>,
}

/// A bound on the text a drawing takes, each node, edge and family costing what its function
/// says (Mermaid's `maxTextSize`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextLimit {
    pub(crate) max: usize,
    /// Text kept aside for what the costs do not count (the first line, estimates' misses).
    pub(crate) reserve: usize,
    pub(crate) node: fn(&Graph, NodeIx) -> usize,
    pub(crate) edge: fn(&Graph, EdgeIx) -> usize,
    /// The cost of placing a family, given its first member.
    pub(crate) family: fn(&Graph, NodeIx) -> usize,
}

/// The bound that ended the pick, with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Nodes(usize),
    Edges(usize),
    Text(usize),
}

/// A family, its members level by level from its roots; or a node in no family, alone.
#[derive(Debug, Clone)]
pub(crate) struct Family {
    /// The member that names it.
    pub(crate) name: NodeIx,
    /// Whether these are a family's members (false: one node in no family).
    pub(crate) is_family: bool,
    /// Level by level from the roots (see the module documentation).
    pub(crate) members: Vec<NodeIx>,
    /// Where each level starts in `members`.
    pub(crate) levels: Vec<usize>,
}

impl Family {
    /// The members of level `k`.
    pub(crate) fn level(&self, k: usize) -> &[NodeIx] {
        let end = self
            .levels
            .get(k + 1)
            .copied()
            .unwrap_or(self.members.len());
        &self.members[self.levels[k]..end]
    }
}

/// The family cut at a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Partial {
    pub(crate) name: String,
    /// Members drawn, of `members`.
    pub(crate) kept: usize,
    pub(crate) members: usize,
    /// Levels drawn whole (the roots are the first).
    pub(crate) levels: usize,
    /// Whether part of the next level is drawn too.
    pub(crate) more: bool,
}

/// What a drawing left out of the graph, for its notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cut {
    pub(crate) bound: Bound,
    /// The whole graph's nodes and edges.
    pub(crate) nodes: usize,
    pub(crate) edges: usize,
    /// What the drawing holds (as [`Limit::orgs_free`] counts).
    pub(crate) kept_nodes: usize,
    pub(crate) kept_edges: usize,
    /// Families drawn whole.
    pub(crate) whole: usize,
    /// Nodes in no family drawn.
    pub(crate) lone: usize,
    pub(crate) partial: Option<Partial>,
    /// Families left out, how many members they have, and the names of the largest.
    pub(crate) left: usize,
    pub(crate) left_members: usize,
    pub(crate) left_names: Vec<String>,
    /// Nodes in no family left out.
    pub(crate) left_lone: usize,
}

impl Cut {
    /// The notice, one sentence a line: what is drawn, what is left out, how to draw the rest.
    pub(crate) fn lines(&self) -> Vec<String> {
        let limit = match self.bound {
            Bound::Nodes(m) => format!("{m} nodes; --max-nodes N sets it, 0 for no limit"),
            Bound::Edges(m) => format!("{m} edges; --max-edges N sets it, 0 for no limit"),
            Bound::Text(m) => format!(
                "{m} characters, Mermaid's maxTextSize; --max-edges N lifts it for a Mermaid set up for more"
            ),
        };
        let mut drawn = Vec::new();
        if self.whole > 0 {
            drawn.push(format!("the {} largest families whole", self.whole));
        }
        if self.lone > 0 {
            drawn.push(format!("{} node(s) in no family", self.lone));
        }
        if let Some(p) = &self.partial {
            drawn.push(format!(
                "\"{}\" cut to {} of its {} members ({})",
                p.name,
                p.kept,
                p.members,
                p.levels_drawn()
            ));
        }
        let mut names: Vec<String> = self.left_names.iter().map(|n| format!("\"{n}\"")).collect();
        if self.left > names.len() {
            names.push(format!("{} more", self.left - names.len()));
        }
        let mut left = match self.left {
            0 if self.left_lone > 0 => String::new(),
            0 => "nothing else".to_string(),
            1 => format!(
                "1 family with {} members ({})",
                self.left_members,
                names.join(", ")
            ),
            n => format!(
                "{n} families with {} members ({})",
                self.left_members,
                names.join(", ")
            ),
        };
        if self.left_lone > 0 {
            let and = if left.is_empty() { "" } else { " and " };
            left.push_str(&format!("{and}{} node(s) in no family", self.left_lone));
        }
        let example = self
            .partial
            .as_ref()
            .map(|p| &p.name)
            .or(self.left_names.first())
            .map(|n| format!(" (--family {})", crate::suggest::shell_quote(n)))
            .unwrap_or_default();
        vec![
            format!(
                "the graph has {} nodes and {} edges, more than this drawing takes ({limit}): it draws {} nodes and {} edges, the largest families first",
                self.nodes, self.edges, self.kept_nodes, self.kept_edges
            ),
            format!("drawn: {}; left out: {left}", drawn.join("; ")),
            format!(
                "to draw the rest, narrow the graph with --family NAME{example}, --org ORG or --since YYYY-MM"
            ),
        ]
    }
}

impl Partial {
    /// Which levels of the family are drawn, in words.
    fn levels_drawn(&self) -> String {
        let whole = match self.levels {
            0 => "part of its roots".to_string(),
            1 => "its roots".to_string(),
            2 => "its roots and the level below them".to_string(),
            n => format!("its roots and the {} levels below them", n - 1),
        };
        if self.more && self.levels > 0 {
            format!("{whole}, and part of the next level")
        } else {
            whole
        }
    }
}

/// The part of a graph a drawing takes, and what it left out.
pub(crate) struct Fitted {
    pub(crate) graph: Graph,
    pub(crate) cut: Cut,
}

/// The organizations that developed something (by node index): they come along with it.
fn attached(g: &Graph, kinds: &[NodeKind]) -> Vec<bool> {
    let mut attached = vec![false; kinds.len()];
    for e in g.inner().raw_edges() {
        let t = e.target().index();
        if e.weight.relation == Relation::DevelopedBy && kinds[t] == NodeKind::Organization {
            attached[t] = true;
        }
    }
    attached
}

/// The families of `g` and the nodes in no family, largest first (see the module
/// documentation).
pub(crate) fn families(g: &Graph) -> Vec<Family> {
    let kinds = g.kinds();
    let attached = attached(g, &kinds);
    let descendants = g.descendant_counts();
    let derives = g.derives(&kinds);
    let graph_families = g.families(&kinds, &descendants);
    let mut fams: Vec<Family> = (0..graph_families.len())
        .map(|f| Family {
            name: graph_families.name(f),
            is_family: true,
            members: graph_families.members(f).to_vec(),
            levels: Vec::new(),
        })
        .collect();
    let order = |a: &NodeIx, b: &NodeIx| {
        Reverse(descendants[a.index()])
            .cmp(&Reverse(descendants[b.index()]))
            .then_with(|| g.node(*a).id.cmp(&g.node(*b).id))
    };
    let below = Below::new(g, &kinds);
    let mut seen = vec![false; kinds.len()];
    for f in &mut fams {
        level(f, &below, &derives, &order, &mut seen);
    }
    fams.extend(
        g.node_indices()
            .filter(|ix| !makes_families(kinds[ix.index()]) && !attached[ix.index()])
            .map(|ix| Family {
                name: ix,
                is_family: false,
                members: vec![ix],
                levels: vec![0],
            }),
    );
    // the graph's families come in this order already: a stable sort puts the others among them
    fams.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| g.node(a.name).id.cmp(&g.node(b.name).id))
    });
    fams
}

/// Each node's derived members (the sources of the family edges into it), as compressed rows.
struct Below {
    start: Vec<u32>,
    derived: Vec<u32>,
}

impl Below {
    fn new(g: &Graph, kinds: &[NodeKind]) -> Below {
        let n = kinds.len();
        let mut count = vec![0u32; n + 1];
        for (_, t) in g.family_edges(kinds) {
            count[t + 1] += 1;
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut derived = vec![0u32; count[n] as usize];
        for (s, t) in g.family_edges(kinds) {
            derived[fill[t] as usize] = s as u32;
            fill[t] += 1;
        }
        Below {
            start: count,
            derived,
        }
    }

    fn of(&self, i: usize) -> &[u32] {
        &self.derived[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Orders a family's members level by level from its roots (see the module documentation).
fn level(
    f: &mut Family,
    below: &Below,
    derives: &[bool],
    order: &impl Fn(&NodeIx, &NodeIx) -> std::cmp::Ordering,
    seen: &mut [bool],
) {
    let all = std::mem::take(&mut f.members);
    let mut level: Vec<NodeIx> = all
        .iter()
        .copied()
        .filter(|ix| !derives[ix.index()])
        .collect();
    while !level.is_empty() {
        level.sort_by(order);
        f.levels.push(f.members.len());
        for &ix in &level {
            seen[ix.index()] = true;
        }
        f.members.extend_from_slice(&level);
        let mut next = Vec::new();
        for &ix in &level {
            for &d in below.of(ix.index()) {
                let d = NodeIx::new(d as usize);
                if !seen[d.index()] {
                    seen[d.index()] = true;
                    next.push(d);
                }
            }
        }
        level = next;
    }
    let mut rest: Vec<NodeIx> = all.into_iter().filter(|ix| !seen[ix.index()]).collect();
    if !rest.is_empty() {
        rest.sort_by(order);
        f.levels.push(f.members.len());
        f.members.extend(rest);
    }
}

/// The part of `g` that fits `limit`, or `None` when the whole graph does.
pub(crate) fn fit(g: &Graph, limit: &Limit) -> Option<Fitted> {
    let over = |have: usize, max: Option<usize>| max.is_some_and(|m| have > m);
    let (nodes, edges) = counted(g, limit);
    let surely_over = over(nodes, limit.nodes) || over(edges, limit.edges);
    let fams = families(g);
    if !surely_over && whole_fits(g, limit, &fams) {
        return None;
    }
    let mut pick = Pick::new(g, limit);
    let mut stop = None;
    'families: for (fi, f) in fams.iter().enumerate() {
        for (k, &ix) in f.members.iter().enumerate() {
            if let Err(bound) = pick.add(ix, k == 0) {
                stop = Some((fi, k, bound));
                break 'families;
            }
        }
    }
    let (fi, k, bound) = stop?;
    let graph = pick.graph();
    let cut = cut(g, &fams, (fi, k, bound), counted(&graph, limit));
    Some(Fitted { graph, cut })
}

/// The nodes and edges of `g` that count against `limit` (see [`Limit::orgs_free`]).
fn counted(g: &Graph, limit: &Limit) -> (usize, usize) {
    if !limit.orgs_free {
        return (g.node_count(), g.edge_count());
    }
    let kinds = g.kinds();
    let attached = attached(g, &kinds);
    let to_org = g
        .inner()
        .raw_edges()
        .iter()
        .filter(|e| {
            e.weight.relation == Relation::DevelopedBy
                && kinds[e.target().index()] == NodeKind::Organization
        })
        .count();
    let orgs = attached.iter().filter(|&&a| a).count();
    (g.node_count() - orgs, g.edge_count() - to_org)
}

/// Whether the whole graph, with its families, is within `limit`.
fn whole_fits(g: &Graph, limit: &Limit, fams: &[Family]) -> bool {
    let (nodes, edges) = counted(g, limit);
    let edges = edges + fams.len() * limit.edges_per_family;
    if limit.nodes.is_some_and(|m| nodes > m) || limit.edges.is_some_and(|m| edges > m) {
        return false;
    }
    let Some(t) = limit.text else {
        return true;
    };
    let mut text = 0usize;
    for ix in g.node_indices() {
        text += (t.node)(g, ix);
    }
    for e in g.edge_indices() {
        text += (t.edge)(g, e);
    }
    for f in fams {
        text += (t.family)(g, f.members[0]);
    }
    text + t.reserve <= t.max
}

/// What adding some nodes costs.
struct Cost {
    nodes: usize,
    edges: usize,
    text: usize,
}

/// What the pick holds so far.
struct Pick<'g> {
    g: &'g Graph,
    limit: &'g Limit,
    keep: Vec<bool>,
    nodes: usize,
    edges: usize,
    text: usize,
}

impl<'g> Pick<'g> {
    fn new(g: &'g Graph, limit: &'g Limit) -> Pick<'g> {
        Pick {
            g,
            limit,
            keep: vec![false; g.node_count()],
            nodes: 0,
            edges: 0,
            text: 0,
        }
    }

    /// Adds `ix` with the organizations that developed it, when they fit; the first node is
    /// added whatever it costs (without its organizations when they do not fit).
    fn add(&mut self, ix: NodeIx, first_of_family: bool) -> Result<(), Bound> {
        let mut new = vec![ix];
        for org in self.g.organizations_of(ix) {
            if !self.keep[org.index()] && !new.contains(&org) {
                new.push(org);
            }
        }
        let cost = self.cost(&new, first_of_family);
        match self.check(&cost) {
            Ok(()) => self.commit(&new, cost),
            Err(_) if self.nodes == 0 => {
                let alone = self.cost(&new[..1], first_of_family);
                self.commit(&new[..1], alone);
            }
            Err(bound) => return Err(bound),
        }
        Ok(())
    }

    /// What adding `new` costs: each edge between a node of `new` and a kept node or another of
    /// `new`, once, and the text.
    fn cost(&self, new: &[NodeIx], first_of_family: bool) -> Cost {
        let (g, l) = (self.g, self.limit);
        let mut edges: Vec<EdgeIx> = Vec::new();
        for &x in new {
            for (e, y) in g.out_edges(x).chain(g.in_edges(x)) {
                if self.keep[y.index()] || new.contains(&y) {
                    edges.push(e);
                }
            }
        }
        edges.sort_unstable();
        edges.dedup();
        let mut text = 0;
        if let Some(t) = l.text {
            text += new.iter().map(|&x| (t.node)(g, x)).sum::<usize>();
            text += edges.iter().map(|&e| (t.edge)(g, e)).sum::<usize>();
            if first_of_family {
                text += (t.family)(g, new[0]);
            }
        }
        let placing = if first_of_family {
            l.edges_per_family
        } else {
            0
        };
        let (nodes, edges) = if l.orgs_free {
            // `new` is a node and organizations that developed it
            let to_org = |e: &&EdgeIx| {
                let (_, t) = g.endpoints(**e);
                g.edge(**e).relation == Relation::DevelopedBy
                    && g.node(t).kind == NodeKind::Organization
            };
            (1, edges.iter().filter(|e| !to_org(e)).count())
        } else {
            (new.len(), edges.len())
        };
        Cost {
            nodes,
            edges: edges + placing,
            text,
        }
    }

    /// Whether a cost fits what is left, or which bound it passes.
    fn check(&self, c: &Cost) -> Result<(), Bound> {
        let l = self.limit;
        if let Some(m) = l.nodes
            && self.nodes + c.nodes > m
        {
            return Err(Bound::Nodes(m));
        }
        if let Some(m) = l.edges
            && self.edges + c.edges > m
        {
            return Err(Bound::Edges(m));
        }
        if let Some(t) = l.text
            && self.text + c.text + t.reserve > t.max
        {
            return Err(Bound::Text(t.max));
        }
        Ok(())
    }

    fn commit(&mut self, new: &[NodeIx], c: Cost) {
        self.nodes += c.nodes;
        self.edges += c.edges;
        self.text += c.text;
        for &x in new {
            self.keep[x.index()] = true;
        }
    }

    /// The kept nodes and the edges among them, as a graph; nodes whose organization was not
    /// kept remember it.
    fn graph(&self) -> Graph {
        let mut out = self.g.filtered(|ix, _| self.keep[ix.index()], |_, _| true);
        out.remember_organizations(self.g);
        out
    }
}

/// What the pick that stopped at member `k` of family `fi` left out.
fn cut(
    g: &Graph,
    fams: &[Family],
    (fi, k, bound): (usize, usize, Bound),
    (kept_nodes, kept_edges): (usize, usize),
) -> Cut {
    // one line each: a label's control characters become spaces
    let label = |f: &Family| {
        let l = &g.node(f.name).label;
        l.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
    };
    let partial = (k > 0).then(|| {
        let f = &fams[fi];
        Partial {
            name: label(f),
            kept: k,
            members: f.members.len(),
            levels: f.levels.iter().skip(1).filter(|&&start| start <= k).count(),
            more: !f.levels.contains(&k),
        }
    });
    let drawn = &fams[..fi];
    let left = &fams[fi + usize::from(k > 0)..];
    let (left_families, left_lone): (Vec<&Family>, Vec<&Family>) =
        left.iter().partition(|f| f.is_family);
    Cut {
        bound,
        nodes: g.node_count(),
        edges: g.edge_count(),
        kept_nodes,
        kept_edges,
        whole: drawn.iter().filter(|f| f.is_family).count(),
        lone: drawn.iter().filter(|f| !f.is_family).count(),
        partial,
        left: left_families.len(),
        left_members: left_families.iter().map(|f| f.members.len()).sum(),
        left_names: left_families.iter().take(NAMED).map(|f| label(f)).collect(),
        left_lone: left_lone.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Evidence, Node};

    /// A graph from `(id, kind)` nodes and `(from, relation, to)` edges.
    fn graph(nodes: &[(&str, NodeKind)], edges: &[(&str, Relation, &str)]) -> Graph {
        let src: crate::model::Name = "test".into();
        let mut g = Graph::new();
        for (id, kind) in nodes {
            let n = Node::new(
                id.to_string(),
                id.to_string(),
                *kind,
                Evidence::at(&src, &src, 1),
            );
            g.add_node(n).unwrap();
        }
        for (from, rel, to) in edges {
            let (s, t) = (g.index_of(from).unwrap(), g.index_of(to).unwrap());
            g.add_edge(s, t, Edge::new(*rel, Evidence::at(&src, &src, 2)));
        }
        g
    }

    use NodeKind::{Model, Organization as Org};
    use Relation::{DevelopedBy, FineTunedFrom};

    /// Two families: `a` (root `a`, level 1 `b` `c`, level 2 `d` under `b`, which has more
    /// descendants) made by `meta`, and `x` <- `y`; a lone model `z`.
    fn sample() -> Graph {
        graph(
            &[
                ("a", Model),
                ("b", Model),
                ("c", Model),
                ("d", Model),
                ("x", Model),
                ("y", Model),
                ("z", Model),
                ("meta", Org),
            ],
            &[
                ("c", FineTunedFrom, "a"),
                ("b", FineTunedFrom, "a"),
                ("d", FineTunedFrom, "b"),
                ("y", FineTunedFrom, "x"),
                ("a", DevelopedBy, "meta"),
                ("b", DevelopedBy, "meta"),
            ],
        )
    }

    fn ids(g: &Graph, nodes: &[NodeIx]) -> Vec<String> {
        nodes.iter().map(|&ix| g.node(ix).id.to_string()).collect()
    }

    #[test]
    fn families_come_largest_first_level_by_level() {
        let g = sample();
        let fams = families(&g);
        let shown: Vec<(Vec<String>, Vec<usize>)> = fams
            .iter()
            .map(|f| (ids(&g, &f.members), f.levels.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    vec!["a".into(), "b".into(), "c".into(), "d".into()],
                    vec![0, 1, 3]
                ),
                (vec!["x".into(), "y".into()], vec![0, 1]),
                (vec!["z".into()], vec![0]),
            ]
        );
        assert_eq!(g.node(fams[0].name).id, "a");
    }

    #[test]
    fn a_graph_within_the_limit_is_drawn_whole() {
        let g = sample();
        let limit = Limit {
            nodes: Some(8),
            edges: Some(6),
            ..Limit::default()
        };
        assert!(fit(&g, &limit).is_none());
    }

    #[test]
    fn the_largest_family_is_cut_at_a_level_with_its_organizations() {
        let g = sample();
        // a with meta, then b: 3 nodes; c would be the 4th
        let limit = Limit {
            nodes: Some(3),
            ..Limit::default()
        };
        let f = fit(&g, &limit).unwrap();
        assert_eq!(ids(&f.graph, &f.graph.nodes_sorted()), ["a", "b", "meta"]);
        assert_eq!(f.graph.edge_count(), 3);
        let cut = &f.cut;
        assert_eq!((cut.kept_nodes, cut.kept_edges), (3, 3));
        assert_eq!(cut.bound, Bound::Nodes(3));
        assert_eq!(cut.whole, 0);
        let p = cut.partial.as_ref().unwrap();
        assert_eq!(
            (p.name.as_str(), p.kept, p.members, p.levels, p.more),
            ("a", 2, 4, 1, true)
        );
        assert_eq!((cut.left, cut.left_members), (2, 3));
        assert_eq!(cut.left_names, ["x", "z"]);
        let lines = cut.lines();
        assert!(lines[0].contains("8 nodes and 6 edges") && lines[0].contains("--max-nodes"));
        assert!(lines[1].contains("\"a\" cut to 2 of its 4 members (its roots, and part of"));
        assert!(lines[2].contains("--family NAME (--family 'a')") && lines[2].contains("--since"));
    }

    #[test]
    fn whole_families_come_before_the_cut_one_and_edges_count() {
        let g = sample();
        // family a: 5 nodes (with meta) and 5 edges; x's root brings no edge, y its one
        let limit = Limit {
            edges: Some(5),
            ..Limit::default()
        };
        let f = fit(&g, &limit).unwrap();
        assert_eq!(
            ids(&f.graph, &f.graph.nodes_sorted()),
            ["a", "b", "c", "d", "meta", "x"]
        );
        assert_eq!(f.cut.whole, 1);
        assert_eq!(f.cut.bound, Bound::Edges(5));
        assert_eq!(f.cut.partial.as_ref().unwrap().levels, 1);
    }

    #[test]
    fn never_empty_and_organizations_can_be_free() {
        let g = sample();
        let limit = Limit {
            nodes: Some(1),
            ..Limit::default()
        };
        // the first node does not fit with its organization: it comes alone
        let f = fit(&g, &limit).unwrap();
        assert_eq!(ids(&f.graph, &f.graph.nodes_sorted()), ["a"]);
        let free = Limit {
            nodes: Some(4),
            orgs_free: true,
            ..Limit::default()
        };
        let f = fit(&g, &free).unwrap();
        assert_eq!(
            ids(&f.graph, &f.graph.nodes_sorted()),
            ["a", "b", "c", "d", "meta"]
        );
        assert_eq!((f.cut.kept_nodes, f.cut.kept_edges), (4, 3));
    }

    #[test]
    fn each_family_can_cost_an_edge_and_text() {
        let g = sample();
        let limit = Limit {
            edges: Some(6),
            edges_per_family: 1,
            ..Limit::default()
        };
        // a's family: 5 edges and 1 to place it; x's placing edge does not fit
        let f = fit(&g, &limit).unwrap();
        assert_eq!(f.cut.whole, 1);
        assert!(f.cut.partial.is_none());
        fn one(_: &Graph, _: NodeIx) -> usize {
            1
        }
        fn none(_: &Graph, _: EdgeIx) -> usize {
            0
        }
        let text = Limit {
            text: Some(TextLimit {
                max: 4,
                reserve: 1,
                node: one,
                edge: none,
                family: |_, _| 0,
            }),
            ..Limit::default()
        };
        let f = fit(&g, &text).unwrap();
        assert_eq!(f.cut.kept_nodes, 3);
        assert_eq!(f.cut.bound, Bound::Text(4));
    }
}
