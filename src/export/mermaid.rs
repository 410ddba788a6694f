//! The Mermaid exporter (`graph.mmd`): a `flowchart BT` of the graph (edges point from the
//! derived model to its origin, so bases are drawn on top), or of its largest families when the
//! whole graph has more edges than Mermaid draws by default.
//!
//! Ids are `n_` plus the node id with every character outside `[A-Za-z0-9]` turned into `_`
//! (`llama-2` → `n_llama_2`), made unique with a `_2`, `_3`, ... suffix in id order; they never
//! are Mermaid's keyword `end`. Labels are quoted and pass through [`text`], which writes `"` as
//! `#quot;` and other characters Mermaid reads specially as entity codes. Shapes: models
//! `["..."]`, organizations `(["..."])`, methods `{{"..."}}`. Edges keep llmkg's direction (from the
//! derived thing to its origin) and carry the relation as their label: `n_alpaca -->|fine_tuned_from| n_llama`.
//!
//! **The 500-edge limit.** Mermaid refuses diagrams with more than 500 edges by default
//! (`maxEdges`), and one `.mmd` file holds one diagram. So `graph.mmd` is one flowchart of the whole
//! graph when it has at most [`MAX_EDGES`] edges. Otherwise it holds the largest families that fit
//! within [`MAX_EDGES`] edges together: a family is a weakly connected component of the lineage
//! edges among models and methods, with the `developed_by`/`trained_with` edges of its members
//! (organizations are drawn where these edges reach them, and belong to no family). Families are
//! taken largest first (most nodes), then by the id of the member with the most descendants, which
//! also names the family; a family that does not fit is skipped and smaller ones are still tried.
//! Every family counts at least one edge, so a graph of many lone models stays a small file.
//! Each family is a `%% family: <label>` section, and a `%%` comment line names the families left
//! out (the first [`MAX_NAMED`] of them) and says to export them one at a time with `--family NAME`.

use crate::export::Options;
use crate::export::style::descendant_counts;
use crate::graph::{Graph, NodeIx};
use crate::model::NodeKind;
use petgraph::unionfind::UnionFind;
use std::collections::HashSet;
use std::io::{self, Write};

/// Mermaid's default `maxEdges`.
pub const MAX_EDGES: usize = 500;

/// How many left-out families the comment names before it only counts them.
pub const MAX_NAMED: usize = 50;

/// The one escaping helper for Mermaid label text (written between `"`): entity codes for the
/// characters Mermaid or its HTML labels read specially, `<br>` for line breaks, no control characters.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Mermaid ids for every node (indexed by node index): `n_<id>` with non-alphanumerics as `_`, unique.
fn mermaid_ids(g: &Graph, nodes: &[NodeIx]) -> Vec<String> {
    let mut ids = vec![String::new(); g.node_count()];
    let mut used: HashSet<String> = HashSet::with_capacity(nodes.len());
    for &ix in nodes {
        let base: String = std::iter::once("n_".to_string())
            .chain(g.node(ix).id.chars().map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_string()
                } else {
                    "_".to_string()
                }
            }))
            .collect();
        let mut id = base.clone();
        let mut k = 2;
        while used.contains(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        used.insert(id.clone());
        ids[ix.index()] = id;
    }
    ids
}

fn write_node<W: Write>(w: &mut W, g: &Graph, ix: NodeIx, id: &str) -> io::Result<()> {
    let n = g.node(ix);
    let label = text(&n.label);
    match n.kind {
        NodeKind::Model => writeln!(w, "    {id}[\"{label}\"]"),
        NodeKind::Organization => writeln!(w, "    {id}([\"{label}\"])"),
        NodeKind::Method => writeln!(w, "    {id}{{{{\"{label}\"}}}}"),
    }
}

/// A family: its members, in id order, and its edges (those leaving a member), in export order.
struct Family {
    name: NodeIx,
    members: Vec<NodeIx>,
    edges: Vec<crate::graph::EdgeIx>,
}

/// Writes `graph.mmd` (see the module documentation for what happens above 500 edges).
pub fn write<W: Write>(g: &Graph, w: W, _opts: &Options) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    let nodes = g.nodes_sorted();
    let ids = mermaid_ids(g, &nodes);
    let edges = g.edges_sorted();
    writeln!(w, "flowchart BT")?;
    if edges.len() <= MAX_EDGES {
        for &ix in &nodes {
            write_node(&mut w, g, ix, &ids[ix.index()])?;
        }
        for &e in &edges {
            let (s, t) = g.endpoints(e);
            writeln!(
                w,
                "    {} -->|{}| {}",
                ids[s.index()],
                g.edge(e).relation,
                ids[t.index()]
            )?;
        }
        return w.flush();
    }

    // families: weakly connected components of lineage edges among models and methods
    let in_family = |ix: NodeIx| g.node(ix).kind != NodeKind::Organization;
    let mut uf = UnionFind::<usize>::new(g.node_count());
    for e in g.edge_indices() {
        let (s, t) = g.endpoints(e);
        if g.edge(e).relation.is_lineage() && in_family(s) && in_family(t) {
            uf.union(s.index(), t.index());
        }
    }
    let mut family_of = vec![usize::MAX; g.node_count()];
    let mut families: Vec<Family> = Vec::new();
    let mut slot_of_root = vec![usize::MAX; g.node_count()];
    let descendants = descendant_counts(g);
    for &ix in &nodes {
        if !in_family(ix) {
            continue;
        }
        let root = uf.find(ix.index());
        if slot_of_root[root] == usize::MAX {
            slot_of_root[root] = families.len();
            families.push(Family {
                name: ix,
                members: Vec::new(),
                edges: Vec::new(),
            });
        }
        let f = &mut families[slot_of_root[root]];
        f.members.push(ix);
        // nodes come in id order, so the first with the most descendants wins ties
        if descendants[ix.index()] > descendants[f.name.index()] {
            f.name = ix;
        }
        family_of[ix.index()] = slot_of_root[root];
    }
    for &e in &edges {
        let (s, _) = g.endpoints(e);
        if let Some(f) = families.get_mut(family_of[s.index()]) {
            f.edges.push(e);
        }
    }
    families.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| g.node(a.name).id.cmp(&g.node(b.name).id))
    });

    let mut budget = MAX_EDGES;
    let mut kept: Vec<&Family> = Vec::new();
    let mut left: Vec<&Family> = Vec::new();
    for f in &families {
        let cost = f.edges.len().max(1);
        if cost <= budget {
            budget -= cost;
            kept.push(f);
        } else {
            left.push(f);
        }
    }
    let left_edges: usize = left.iter().map(|f| f.edges.len()).sum();
    writeln!(
        w,
        "    %% The graph has {} edges, more than Mermaid's default limit of {MAX_EDGES}: this file \
         holds the {} largest families that fit ({} edges); {} families ({left_edges} edges) are \
         left out.",
        edges.len(),
        kept.len(),
        MAX_EDGES - budget,
        left.len(),
    )?;
    let mut named: Vec<String> = left
        .iter()
        .take(MAX_NAMED)
        .map(|f| text(&g.node(f.name).label))
        .collect();
    if left.len() > MAX_NAMED {
        named.push(format!("and {} more", left.len() - MAX_NAMED));
    }
    writeln!(
        w,
        "    %% left out: {}. Export one with `llmkg export --format mermaid --family NAME`.",
        named.join(", ")
    )?;

    // members of kept families are declared in their section; other nodes their edges reach
    // (organizations, methods of left-out families) where they are first reached
    let mut drawn = vec![false; g.node_count()];
    for f in &kept {
        for &ix in &f.members {
            drawn[ix.index()] = true;
        }
    }
    for f in &kept {
        writeln!(w, "    %% family: {}", text(&g.node(f.name).label))?;
        for &ix in &f.members {
            write_node(&mut w, g, ix, &ids[ix.index()])?;
        }
        for &e in &f.edges {
            let (s, t) = g.endpoints(e);
            if !drawn[t.index()] {
                drawn[t.index()] = true;
                write_node(&mut w, g, t, &ids[t.index()])?;
            }
            writeln!(
                w,
                "    {} -->|{}| {}",
                ids[s.index()],
                g.edge(e).relation,
                ids[t.index()]
            )?;
        }
    }
    w.flush()
}
