//! Lineage queries (ancestors, descendants, path, common, family, org, why) as pure functions
//! over the graph that return an [`Answer`]; `answer` prints it.
//!
//! Every query is a breadth-first traversal over petgraph adjacency: iterative (100,000-deep chains
//! do not overflow the stack), touching only the nodes it reaches, never scanning the whole graph
//! per step. Neighbours are visited sorted by id, so answers are deterministic.

use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::model::{NodeKind, Relation};
use std::collections::VecDeque;
/// Hash maps and sets with foldhash (fixed seed): keyed by node and edge indices, which the
/// default hasher spends most of a large answer's time on.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// Which edges a query follows and which nodes it reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Relations to follow; empty means every lineage relation ([`Relation::is_lineage`]).
    pub relations: Vec<Relation>,
    /// Report only nodes of this kind (traversal still passes through every kind).
    pub kind: Option<NodeKind>,
    /// At most this many steps from the subject (ancestors and descendants).
    pub depth: Option<usize>,
}

impl Scope {
    /// Whether the query follows edges of this relation.
    pub fn follows(&self, r: Relation) -> bool {
        if self.relations.is_empty() {
            r.is_lineage()
        } else {
            self.relations.contains(&r)
        }
    }

    /// The relations followed, in vocabulary order.
    pub fn followed(&self) -> Vec<Relation> {
        Relation::ALL
            .into_iter()
            .filter(|r| self.follows(*r))
            .collect()
    }

    fn reports(&self, g: &Graph, ix: NodeIx) -> bool {
        self.kind.is_none_or(|k| g.node(ix).kind == k)
    }

    /// The same scope following every relation when none was named (for `why`).
    fn or_all_relations(&self) -> Scope {
        let mut s = self.clone();
        if s.relations.is_empty() {
            s.relations = Relation::ALL.to_vec();
        }
        s
    }
}

/// Which way a traversal goes: towards origins (outgoing edges) or towards derived things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Along outgoing edges, to what a node derives from.
    Up,
    /// Along incoming edges, to what derives from a node.
    Down,
}

impl Dir {
    pub fn reverse(self) -> Dir {
        match self {
            Dir::Up => Dir::Down,
            Dir::Down => Dir::Up,
        }
    }
}

/// The query an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Ancestors,
    Descendants,
    Path,
    Common,
    Family,
    Org,
    Why,
}

impl QueryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryKind::Ancestors => "ancestors",
            QueryKind::Descendants => "descendants",
            QueryKind::Path => "path",
            QueryKind::Common => "common",
            QueryKind::Family => "family",
            QueryKind::Org => "org",
            QueryKind::Why => "why",
        }
    }
}

/// A node the answer reports, with its distance from the subject (or the nearest root) where
/// that means something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    pub ix: NodeIx,
    pub depth: Option<usize>,
}

/// One line of an indented tree. A node reached along several edges is expanded once (under
/// its nearest parent, the breadth-first tree) and listed as a `repeat` everywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeLine {
    pub depth: usize,
    pub node: NodeIx,
    /// The edge from the line's parent to this node; `None` for a tree's root.
    pub via: Option<EdgeIx>,
    pub repeat: bool,
}

/// What a path in an answer stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathRole {
    /// The derivation path asked for, from the first node up to the second.
    Path,
    /// The derivation path the other way, from the second node up to the first.
    Reverse,
    /// A path to a common ancestor.
    Ancestor,
    /// A path to a common descendant (it runs against the edges).
    Descendant,
    /// A path to an organization both developed (`why`): shared, but no ancestor.
    Organization,
}

impl PathRole {
    /// The name the JSON answer gives the role.
    pub fn as_str(self) -> &'static str {
        match self {
            PathRole::Path => "path",
            PathRole::Reverse => "reverse",
            PathRole::Ancestor => "ancestor",
            PathRole::Descendant => "descendant",
            PathRole::Organization => "organization",
        }
    }
}

/// A named list of edges in an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnswerGroup {
    /// `org`: its models derived from other organizations' models.
    BuildsOn,
    /// `org`: other organizations' models derived from its models.
    BuiltOnBy,
    /// `why`: the edges between the two nodes, either way.
    Direct,
    /// `common`: the `developed_by` edges to the organizations that developed every subject,
    /// which are shared but are no ancestor.
    SharedOrganizations,
}

impl AnswerGroup {
    /// The key the JSON answer gives the list.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerGroup::BuildsOn => "builds_on",
            AnswerGroup::BuiltOnBy => "built_on_by",
            AnswerGroup::Direct => "direct",
            AnswerGroup::SharedOrganizations => "shared_organizations",
        }
    }
}

/// A walk through the graph: `nodes[i]` and `nodes[i + 1]` are joined by `edges[i]`, which may
/// point either way (paths to a common descendant run against the edges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathInfo {
    pub role: PathRole,
    pub nodes: Vec<NodeIx>,
    pub edges: Vec<EdgeIx>,
}

impl PathInfo {
    pub fn from(&self) -> NodeIx {
        self.nodes[0]
    }

    pub fn to(&self) -> NodeIx {
        *self.nodes.last().expect("a path has at least one node")
    }
}

/// What a query found: pure data, printed by `answer` as a table, JSON or DOT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub query: QueryKind,
    /// The nodes named on the command line.
    pub subjects: Vec<NodeIx>,
    /// The relations the query followed.
    pub relations: Vec<Relation>,
    /// The kind the reported nodes were narrowed to.
    pub kind: Option<NodeKind>,
    /// Which way the tree and the reported depths go.
    pub dir: Dir,
    /// The reported nodes: ancestors nearest first, descendants, a path's nodes from FROM to TO,
    /// the lowest common ancestors, a family, what an organization made, the nodes linking two.
    pub nodes: Vec<Reported>,
    /// Every edge of the answer, sorted by (source id, target id, relation), except for `path`,
    /// where they are in path order.
    pub edges: Vec<EdgeIx>,
    /// The indented tree (ancestors, descendants, family).
    pub tree: Vec<TreeLine>,
    pub paths: Vec<PathInfo>,
    /// Named edge lists: [`AnswerGroup::BuildsOn`] and [`AnswerGroup::BuiltOnBy`] (org),
    /// [`AnswerGroup::Direct`] (why).
    pub groups: Vec<(AnswerGroup, Vec<EdgeIx>)>,
    /// False when the question has no answer (no path, no common ancestor, nothing linking).
    pub found: bool,
    /// A sentence for people when something was not found.
    pub message: Option<String>,
}

impl Answer {
    fn new(query: QueryKind, subjects: Vec<NodeIx>, scope: &Scope, dir: Dir) -> Answer {
        Answer {
            query,
            subjects,
            relations: scope.followed(),
            kind: scope.kind,
            dir,
            nodes: Vec::new(),
            edges: Vec::new(),
            tree: Vec::new(),
            paths: Vec::new(),
            groups: Vec::new(),
            found: true,
            message: None,
        }
    }

    /// The answer as a graph of its own: subjects, reported nodes, the nodes on its paths and the
    /// endpoints of its edges, with its edges (for DOT and other exporters).
    pub fn subgraph(&self, g: &Graph) -> Graph {
        let mut keep_node = vec![false; g.node_count()];
        let mut keep_edge = vec![false; g.inner().edge_count()];
        let mut mark = |ix: NodeIx| keep_node[ix.index()] = true;
        self.subjects.iter().copied().for_each(&mut mark);
        self.nodes.iter().for_each(|r| mark(r.ix));
        for p in &self.paths {
            p.nodes.iter().copied().for_each(&mut mark);
        }
        let all_edges = self
            .edges
            .iter()
            .chain(self.paths.iter().flat_map(|p| p.edges.iter()))
            .chain(self.groups.iter().flat_map(|(_, v)| v.iter()));
        for &e in all_edges {
            let (s, t) = g.endpoints(e);
            mark(s);
            mark(t);
            keep_edge[e.index()] = true;
        }
        let mut sub = g.filtered(|ix, _| keep_node[ix.index()], |e, _| keep_edge[e.index()]);
        sub.remember_organizations(g);
        sub
    }
}

/// The edges a traversal may take from `ix`, as (edge, neighbour), sorted by the neighbour's id
/// and then the relation.
pub fn steps(g: &Graph, ix: NodeIx, dir: Dir, scope: &Scope) -> Vec<(EdgeIx, NodeIx)> {
    let mut v: Vec<(EdgeIx, NodeIx)> = match dir {
        Dir::Up => g.out_edges(ix).collect(),
        Dir::Down => g.in_edges(ix).collect(),
    };
    v.retain(|(e, _)| scope.follows(g.edge(*e).relation));
    v.sort_by(|a, b| {
        g.node(a.1)
            .id
            .cmp(&g.node(b.1).id)
            .then(g.edge(a.0).relation.cmp(&g.edge(b.0).relation))
            .then(a.0.cmp(&b.0))
    });
    v
}

/// How a breadth-first search reached a node.
#[derive(Debug, Clone, Copy)]
struct Visit {
    depth: usize,
    /// The edge it was first reached along and the node it came from.
    via: Option<(EdgeIx, NodeIx)>,
}

/// The result of a breadth-first search: nodes in the order reached (starts first).
#[derive(Debug, Default)]
struct Reach {
    order: Vec<NodeIx>,
    info: HashMap<NodeIx, Visit>,
}

impl Reach {
    fn contains(&self, ix: NodeIx) -> bool {
        self.info.contains_key(&ix)
    }

    fn depth(&self, ix: NodeIx) -> usize {
        self.info[&ix].depth
    }

    /// The breadth-first tree's path from its start to `to`, if `to` was reached.
    fn path_to(&self, to: NodeIx, role: PathRole) -> Option<PathInfo> {
        let mut nodes = vec![to];
        let mut edges = Vec::new();
        let mut at = self.info.get(&to)?;
        while let Some((e, prev)) = at.via {
            edges.push(e);
            nodes.push(prev);
            at = &self.info[&prev];
        }
        nodes.reverse();
        edges.reverse();
        Some(PathInfo { role, nodes, edges })
    }
}

/// Breadth-first search from `starts` in direction `dir`, at most `max_depth` steps, stopping
/// early once `stop` is reached.
fn bfs(
    g: &Graph,
    starts: &[NodeIx],
    dir: Dir,
    scope: &Scope,
    max_depth: Option<usize>,
    stop: Option<NodeIx>,
) -> Reach {
    bfs_where(g, starts, dir, scope, max_depth, stop, &|_| true)
}

/// [`bfs`] through the nodes `keep` accepts only.
fn bfs_where(
    g: &Graph,
    starts: &[NodeIx],
    dir: Dir,
    scope: &Scope,
    max_depth: Option<usize>,
    stop: Option<NodeIx>,
    keep: &dyn Fn(NodeIx) -> bool,
) -> Reach {
    let mut reach = Reach::default();
    let mut queue = VecDeque::new();
    for &s in starts {
        if !reach.contains(s) {
            reach.info.insert(
                s,
                Visit {
                    depth: 0,
                    via: None,
                },
            );
            reach.order.push(s);
            queue.push_back(s);
        }
    }
    if stop.is_some_and(|t| reach.contains(t)) {
        return reach;
    }
    while let Some(u) = queue.pop_front() {
        let du = reach.depth(u);
        if max_depth.is_some_and(|m| du >= m) {
            continue;
        }
        for (e, v) in steps(g, u, dir, scope) {
            if reach.contains(v) || !keep(v) {
                continue;
            }
            reach.info.insert(
                v,
                Visit {
                    depth: du + 1,
                    via: Some((e, u)),
                },
            );
            reach.order.push(v);
            if stop == Some(v) {
                return reach;
            }
            queue.push_back(v);
        }
    }
    reach
}

/// The indented tree of a search, depth first from each start, and every edge it shows.
fn tree(
    g: &Graph,
    reach: &Reach,
    starts: &[NodeIx],
    dir: Dir,
    scope: &Scope,
    max_depth: Option<usize>,
) -> (Vec<TreeLine>, Vec<EdgeIx>) {
    let mut lines = Vec::new();
    let mut edges = Vec::new();
    let mut stack: Vec<TreeLine> = starts
        .iter()
        .rev()
        .map(|&s| TreeLine {
            depth: 0,
            node: s,
            via: None,
            repeat: false,
        })
        .collect();
    while let Some(line) = stack.pop() {
        lines.push(line);
        let u = line.node;
        if line.repeat || max_depth.is_some_and(|m| reach.depth(u) >= m) {
            continue;
        }
        for (e, v) in steps(g, u, dir, scope).into_iter().rev() {
            let Some(visit) = reach.info.get(&v) else {
                continue;
            };
            edges.push(e);
            stack.push(TreeLine {
                depth: line.depth + 1,
                node: v,
                via: Some(e),
                repeat: visit.via.map(|(pe, _)| pe) != Some(e),
            });
        }
    }
    (lines, edges)
}

/// Sorts edges by (source id, target id, relation) and removes duplicates. The nodes involved
/// are ranked by id once, so the sort itself compares integers.
fn sort_edges(g: &Graph, edges: &mut Vec<EdgeIx>) {
    let mut ends: Vec<NodeIx> = edges
        .iter()
        .flat_map(|&e| {
            let (s, t) = g.endpoints(e);
            [s, t]
        })
        .collect();
    ends.sort_unstable();
    ends.dedup();
    g.sort_by_id(&mut ends);
    let rank: HashMap<NodeIx, usize> = ends.into_iter().enumerate().map(|(r, n)| (n, r)).collect();
    let mut keyed: Vec<(usize, usize, Relation, EdgeIx)> = edges
        .iter()
        .map(|&e| {
            let (s, t) = g.endpoints(e);
            (rank[&s], rank[&t], g.edge(e).relation, e)
        })
        .collect();
    keyed.sort_unstable();
    keyed.dedup();
    *edges = keyed.into_iter().map(|k| k.3).collect();
}

/// Keeps the edges whose both ends are subjects or reported nodes (after a `--kind` filter).
fn edges_between_kept(g: &Graph, a: &mut Answer) {
    if a.kind.is_none() {
        return;
    }
    let kept: HashSet<NodeIx> = a
        .subjects
        .iter()
        .copied()
        .chain(a.nodes.iter().map(|r| r.ix))
        .collect();
    a.edges.retain(|e| {
        let (s, t) = g.endpoints(*e);
        kept.contains(&s) && kept.contains(&t)
    });
}

fn closure(g: &Graph, ix: NodeIx, dir: Dir, scope: &Scope) -> Answer {
    let query = match dir {
        Dir::Up => QueryKind::Ancestors,
        Dir::Down => QueryKind::Descendants,
    };
    let mut a = Answer::new(query, vec![ix], scope, dir);
    let reach = bfs(g, &[ix], dir, scope, scope.depth, None);
    let (lines, mut edges) = tree(g, &reach, &[ix], dir, scope, scope.depth);
    a.nodes = reach
        .order
        .iter()
        .skip(1)
        .filter(|n| scope.reports(g, **n))
        .map(|&n| Reported {
            ix: n,
            depth: Some(reach.depth(n)),
        })
        .collect();
    sort_edges(g, &mut edges);
    a.tree = lines;
    a.edges = edges;
    edges_between_kept(g, &mut a);
    a
}

/// Everything `ix` derives from, nearest first, with the tree down to the roots.
pub fn ancestors(g: &Graph, ix: NodeIx, scope: &Scope) -> Answer {
    closure(g, ix, Dir::Up, scope)
}

/// Everything built on `ix`, nearest first, with its tree.
pub fn descendants(g: &Graph, ix: NodeIx, scope: &Scope) -> Answer {
    closure(g, ix, Dir::Down, scope)
}

/// The shortest derivation path from `from` up to `to`, if any.
pub fn shortest_path(g: &Graph, from: NodeIx, to: NodeIx, scope: &Scope) -> Option<PathInfo> {
    bfs(g, &[from], Dir::Up, scope, None, Some(to)).path_to(to, PathRole::Path)
}

/// The derivation path from FROM up to TO (FROM derives from TO). When there is none, `found`
/// is false, the message says so, and `paths` holds the reverse path if that exists.
pub fn path(g: &Graph, from: NodeIx, to: NodeIx, scope: &Scope) -> Answer {
    let mut a = Answer::new(QueryKind::Path, vec![from, to], scope, Dir::Up);
    let (lf, lt) = (&g.node(from).label, &g.node(to).label);
    if let Some(p) = shortest_path(g, from, to, scope) {
        a.nodes = p
            .nodes
            .iter()
            .enumerate()
            .map(|(i, &ix)| Reported { ix, depth: Some(i) })
            .collect();
        a.edges = p.edges.clone();
        a.paths.push(p);
        return a;
    }
    a.found = false;
    match shortest_path(g, to, from, scope) {
        Some(mut rev) => {
            a.message = Some(format!(
                "no derivation path from {lf} to {lt}, but the reverse exists: {lt} derives from {lf}"
            ));
            rev.role = PathRole::Reverse;
            a.paths.push(rev);
        }
        None => {
            a.message = Some(format!(
                "no derivation path from {lf} to {lt}, nor from {lt} to {lf}"
            ));
        }
    }
    a
}

/// The lowest common nodes of `inputs` in direction `dir` (ancestors for `Up`, descendants
/// for `Down`), each input counting as its own, with the search from each input.
fn lowest_common(
    g: &Graph,
    inputs: &[NodeIx],
    dir: Dir,
    scope: &Scope,
) -> (Vec<NodeIx>, Vec<Reach>) {
    let reaches: Vec<Reach> = inputs
        .iter()
        .map(|&i| bfs(g, &[i], dir, scope, None, None))
        .collect();
    let Some(smallest) = reaches.iter().min_by_key(|r| r.order.len()) else {
        return (Vec::new(), reaches);
    };
    let common: HashSet<NodeIx> = smallest
        .order
        .iter()
        .copied()
        .filter(|&n| reaches.iter().all(|r| r.contains(n)))
        .collect();
    // a common node with a common node below it has its child on that path in the set too,
    // so looking one step back within the common set is enough
    let below = |c: NodeIx| -> Vec<(EdgeIx, NodeIx)> {
        match dir.reverse() {
            Dir::Up => g.out_edges(c).collect(),
            Dir::Down => g.in_edges(c).collect(),
        }
    };
    let mut lowest: Vec<NodeIx> = common
        .iter()
        .copied()
        .filter(|&c| {
            !below(c)
                .iter()
                .any(|(e, v)| *v != c && scope.follows(g.edge(*e).relation) && common.contains(v))
        })
        .collect();
    if lowest.is_empty() && !common.is_empty() {
        // only when the common nodes lie on a cycle: report the nearest ones instead
        let total = |c: &NodeIx| reaches.iter().map(|r| r.depth(*c)).sum::<usize>();
        let best = common.iter().map(total).min().unwrap_or(0);
        lowest = common
            .iter()
            .copied()
            .filter(|c| total(c) == best)
            .collect();
    }
    lowest.sort_by(|a, b| {
        let da: usize = reaches.iter().map(|r| r.depth(*a)).sum();
        let db: usize = reaches.iter().map(|r| r.depth(*b)).sum();
        da.cmp(&db).then_with(|| g.node(*a).id.cmp(&g.node(*b).id))
    });
    (lowest, reaches)
}

/// The lowest common ancestors of two or more nodes, with the path from each input to each.
pub fn common(g: &Graph, inputs: &[NodeIx], scope: &Scope) -> Answer {
    let mut a = Answer::new(QueryKind::Common, inputs.to_vec(), scope, Dir::Up);
    let (mut lowest, reaches) = lowest_common(g, inputs, Dir::Up, scope);
    // an organization two models share is said apart, never as their ancestor
    lowest.retain(|&c| g.node(c).kind != NodeKind::Organization);
    a.groups = vec![(
        AnswerGroup::SharedOrganizations,
        shared_organizations(g, inputs),
    )];
    for &c in &lowest {
        let total: usize = reaches.iter().map(|r| r.depth(c)).sum();
        a.nodes.push(Reported {
            ix: c,
            depth: Some(total),
        });
        for r in &reaches {
            let p = r
                .path_to(c, PathRole::Ancestor)
                .expect("a common ancestor is reached");
            a.edges.extend(&p.edges);
            a.paths.push(p);
        }
    }
    sort_edges(g, &mut a.edges);
    if lowest.is_empty() {
        a.found = false;
        let names: Vec<&str> = inputs.iter().map(|&i| g.node(i).label.as_str()).collect();
        a.message = Some(format!("{} have no common ancestor", names.join(", ")));
    }
    a
}

/// The `developed_by` edges from each of `inputs` to the organizations that developed all of
/// them, sorted.
fn shared_organizations(g: &Graph, inputs: &[NodeIx]) -> Vec<EdgeIx> {
    let Some((&first, rest)) = inputs.split_first() else {
        return Vec::new();
    };
    let shared: HashSet<NodeIx> = g
        .organizations_of(first)
        .filter(|&o| rest.iter().all(|&i| g.developed_by(i, o)))
        .collect();
    let mut edges: Vec<EdgeIx> = shared
        .iter()
        .flat_map(|&o| g.developed(o))
        .filter(|(_, n)| inputs.contains(n))
        .map(|(e, _)| e)
        .collect();
    sort_edges(g, &mut edges);
    edges
}

/// The family of `ix` ([`Graph::family`]: the models, or the methods, joined by lineage; the
/// scope's relations, where it names some, narrow which lineage relations join it) as a forest
/// from its roots (members that derive from no member; where every member left lies on a
/// lineage cycle, the first of them by id stands in for a root). A node in no family (a dataset,
/// an application, an organization) has none: `found` is false and the message says why.
pub fn family(g: &Graph, ix: NodeIx, scope: &Scope) -> Answer {
    let joining: Vec<Relation> = scope
        .followed()
        .into_iter()
        .filter(|r| r.is_lineage())
        .collect();
    let follows = |r: Relation| joining.contains(&r);
    let lineage = Scope {
        relations: joining.clone(),
        ..scope.clone()
    };
    let mut a = Answer::new(QueryKind::Family, vec![ix], &lineage, Dir::Down);
    a.relations.clone_from(&joining);
    let Some(members) = g.family(ix, follows) else {
        a.found = false;
        a.message = Some(crate::graph::no_family(g, ix));
        return a;
    };
    let within: HashSet<NodeIx> = members.iter().copied().collect();
    let mut roots = g.family_roots(&members, follows);
    let mut reach = bfs_within(g, &roots, &lineage, &within);
    while let Some(&m) = members.iter().find(|m| !reach.contains(**m)) {
        roots.push(m);
        reach = bfs_within(g, &roots, &lineage, &within);
    }
    let (lines, mut edges) = if joining.is_empty() {
        let root = TreeLine {
            depth: 0,
            node: ix,
            via: None,
            repeat: false,
        };
        (vec![root], Vec::new())
    } else {
        tree(g, &reach, &roots, Dir::Down, &lineage, None)
    };
    a.nodes = reach
        .order
        .iter()
        .filter(|n| scope.reports(g, **n))
        .map(|&n| Reported {
            ix: n,
            depth: Some(reach.depth(n)),
        })
        .collect();
    sort_edges(g, &mut edges);
    a.tree = lines;
    a.edges = edges;
    edges_between_kept(g, &mut a);
    a
}

/// Breadth-first search down from `starts` along the scope's relations, through the nodes of
/// `within` only.
fn bfs_within(g: &Graph, starts: &[NodeIx], scope: &Scope, within: &HashSet<NodeIx>) -> Reach {
    bfs_where(g, starts, Dir::Down, scope, None, None, &|v| {
        within.contains(&v)
    })
}

/// What an organization made (`nodes`, with the `developed_by` edges), and the derivations
/// that cross its border: `builds_on` (its models derived from others' models) and
/// `built_on_by` (others' models derived from its models). A model with no organization
/// counts as someone else's.
pub fn org(g: &Graph, org: NodeIx, scope: &Scope) -> Answer {
    let mut a = Answer::new(QueryKind::Org, vec![org], scope, Dir::Down);
    let mut made: Vec<(EdgeIx, NodeIx)> = g.developed(org).collect();
    made.sort_by(|x, y| g.node(x.1).id.cmp(&g.node(y.1).id));
    made.dedup_by_key(|x| x.1);
    let foreign = |n: NodeIx| !g.developed_by(n, org);
    let mut builds_on = Vec::new();
    let mut built_on_by = Vec::new();
    for &(e, m) in &made {
        if !scope.reports(g, m) {
            continue;
        }
        a.nodes.push(Reported { ix: m, depth: None });
        a.edges.push(e);
        for (e, p) in steps(g, m, Dir::Up, scope) {
            if foreign(p) {
                builds_on.push(e);
            }
        }
        for (e, c) in steps(g, m, Dir::Down, scope) {
            if foreign(c) {
                built_on_by.push(e);
            }
        }
    }
    sort_edges(g, &mut builds_on);
    sort_edges(g, &mut built_on_by);
    a.edges.extend(&builds_on);
    a.edges.extend(&built_on_by);
    sort_edges(g, &mut a.edges);
    a.groups = vec![
        (AnswerGroup::BuildsOn, builds_on),
        (AnswerGroup::BuiltOnBy, built_on_by),
    ];
    a
}

/// Every fact linking `x` and `y`: the edges between them either way (`direct`), the derivation
/// path each way, and when neither exists, the paths to their lowest common ancestors and
/// highest common descendants. With no `--relation`, `why` follows every relation (so shared
/// organizations and methods count as links).
pub fn why(g: &Graph, x: NodeIx, y: NodeIx, scope: &Scope) -> Answer {
    let scope = &scope.or_all_relations();
    let mut a = Answer::new(QueryKind::Why, vec![x, y], scope, Dir::Up);
    let mut direct: Vec<EdgeIx> = g
        .inner()
        .edges_connecting(x, y)
        .chain(g.inner().edges_connecting(y, x))
        .filter(|e| scope.follows(e.weight().relation))
        .map(|e| petgraph::visit::EdgeRef::id(&e))
        .collect();
    sort_edges(g, &mut direct);
    let mut paths: Vec<PathInfo> = Vec::new();
    if x != y {
        paths.extend(shortest_path(g, x, y, scope));
        paths.extend(shortest_path(g, y, x, scope).map(|mut p| {
            p.role = PathRole::Reverse;
            p
        }));
    }
    if paths.is_empty() && x != y {
        for (dir, role) in [
            (Dir::Up, PathRole::Ancestor),
            (Dir::Down, PathRole::Descendant),
        ] {
            let (lowest, reaches) = lowest_common(g, &[x, y], dir, scope);
            for c in lowest {
                // an organization both developed is shared, not an ancestor
                let role = if g.node(c).kind == NodeKind::Organization {
                    PathRole::Organization
                } else {
                    role
                };
                for r in &reaches {
                    paths.extend(r.path_to(c, role));
                }
            }
        }
    }
    let mut seen = HashSet::default();
    for ix in [x, y]
        .into_iter()
        .chain(paths.iter().flat_map(|p| p.nodes.iter().copied()))
    {
        if seen.insert(ix) {
            a.nodes.push(Reported { ix, depth: None });
        }
    }
    a.edges = direct
        .iter()
        .chain(paths.iter().flat_map(|p| p.edges.iter()))
        .copied()
        .collect();
    sort_edges(g, &mut a.edges);
    a.found = !a.edges.is_empty();
    if !a.found {
        a.message = Some(format!(
            "nothing links {} and {} (following {})",
            g.node(x).label,
            g.node(y).label,
            if scope.relations.len() == Relation::ALL.len() {
                "every relation".to_string()
            } else {
                a.relations
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }
    a.groups = vec![(AnswerGroup::Direct, direct)];
    a.paths = paths;
    a
}
