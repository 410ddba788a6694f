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
use crate::formats::style::descendant_counts;
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::model::NodeKind;
use petgraph::unionfind::UnionFind;
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

/// Mermaid ids: `n_<id>` with non-alphanumerics as `_`, made unique in id order.
enum Ids {
    /// No two nodes share that form: each id is its node's, made when it is printed.
    Plain,
    /// Some do: every id, indexed by node index.
    All(Vec<String>),
}

impl Ids {
    fn of<'a>(&'a self, g: &Graph, ix: NodeIx) -> std::borrow::Cow<'a, str> {
        match self {
            Ids::Plain => std::borrow::Cow::Owned(plain_id(&g.node(ix).id)),
            Ids::All(ids) => std::borrow::Cow::Borrowed(&ids[ix.index()]),
        }
    }
}

/// `n_` and the id, every character outside `[A-Za-z0-9]` turned into `_`.
fn plain_id(own: &str) -> String {
    let mut id = Vec::with_capacity(own.len() + 4);
    plain_id_into(own, &mut id);
    String::from_utf8(id).expect("ASCII")
}

/// [`plain_id`]'s bytes, into a buffer that is reused.
fn plain_id_into(own: &str, id: &mut Vec<u8>) {
    let plain = |b: u8| if b.is_ascii_alphanumeric() { b } else { b'_' };
    id.clear();
    id.extend_from_slice(b"n_");
    if own.is_ascii() {
        id.extend(own.bytes().map(plain));
    } else {
        // one `_` a character, however many bytes it takes
        id.extend(
            own.chars()
                .map(|c| plain(if c.is_ascii() { c as u8 } else { 0 })),
        );
    }
}

/// The one hash the ids are compared by.
const ID_HASH: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x6d65_726d);

/// The Mermaid ids of the graph: a pass over the ids' hashes shows whether any two nodes share
/// a plain form (rare: `llama-2` and `llama_2`); only then is every id made up front.
fn mermaid_ids(g: &Graph, nodes: &[NodeIx]) -> Ids {
    use std::hash::BuildHasher;
    let mut seen: hashbrown::HashTable<u64> = hashbrown::HashTable::with_capacity(nodes.len());
    let mut shared = false;
    let mut buf = Vec::new();
    // in the order the nodes are stored: which two share a form does not depend on the order
    for n in g.inner().raw_nodes() {
        plain_id_into(&n.weight.id, &mut buf);
        let h = ID_HASH.hash_one(&buf[..]);
        if seen.find(h, |&o| o == h).is_some() {
            shared = true;
            break;
        }
        seen.insert_unique(h, h, |&o| o);
    }
    drop(seen);
    if !shared {
        return Ids::Plain;
    }
    let mut ids = vec![String::new(); g.node_count()];
    // the ids given so far, by node: each id is held once, in `ids`
    let mut used: hashbrown::HashTable<NodeIx> = hashbrown::HashTable::with_capacity(nodes.len());
    for &ix in nodes {
        let mut id = plain_id(&g.node(ix).id);
        let base = id.len();
        let mut k = 2u64;
        while used
            .find(ID_HASH.hash_one(&id), |&o| ids[o.index()] == id)
            .is_some()
        {
            id.truncate(base);
            id.push('_');
            id.push_str(itoa::Buffer::new().format(k));
            k += 1;
        }
        used.insert_unique(ID_HASH.hash_one(&id), ix, |&o| {
            ID_HASH.hash_one(&ids[o.index()])
        });
        ids[ix.index()] = id;
    }
    Ids::All(ids)
}

fn write_node<W: Write>(w: &mut W, g: &Graph, ix: NodeIx, id: &str) -> io::Result<()> {
    let n = g.node(ix);
    let label = text(&n.label);
    match n.kind {
        NodeKind::Model => writeln!(w, "    {id}[\"{label}\"]"),
        NodeKind::Organization => writeln!(w, "    {id}([\"{label}\"])"),
        NodeKind::Method => writeln!(w, "    {id}{{{{\"{label}\"}}}}"),
        NodeKind::Dataset => writeln!(w, "    {id}[(\"{label}\")]"),
        NodeKind::Application => writeln!(w, "    {id}>\"{label}\"]"),
    }
}

/// A family: its members, in id order, and its edges (those leaving a member), in export order.
struct Family {
    name: NodeIx,
    members: Vec<NodeIx>,
    edges: Vec<EdgeIx>,
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
            write_node(&mut w, g, ix, &ids.of(g, ix))?;
        }
        for &e in &edges {
            write_edge(&mut w, g, &ids, e)?;
        }
        return w.flush();
    }
    let families = families(g, &nodes, &edges);
    let (kept, left) = fitting(&families);
    left_out(&mut w, g, edges.len(), &kept, &left)?;
    write_families(&mut w, g, &ids, &kept)?;
    w.flush()
}

fn write_edge<W: Write>(w: &mut W, g: &Graph, ids: &Ids, e: EdgeIx) -> io::Result<()> {
    let (s, t) = g.endpoints(e);
    writeln!(
        w,
        "    {} -->|{}| {}",
        ids.of(g, s),
        g.edge(e).relation,
        ids.of(g, t)
    )
}

/// The families (weakly connected components of lineage edges among models and methods), each
/// with its members in id order and the edges leaving them in export order: largest first, then
/// by the id of the member with the most descendants, which names the family.
fn families(g: &Graph, nodes: &[NodeIx], edges: &[EdgeIx]) -> Vec<Family> {
    // which nodes can be in a family, read once in storage order
    let family_kind: Vec<bool> = g
        .inner()
        .raw_nodes()
        .iter()
        .map(|n| n.weight.kind != NodeKind::Organization)
        .collect();
    let in_family = |ix: NodeIx| family_kind[ix.index()];
    let mut uf = UnionFind::<usize>::new(g.node_count());
    for e in g.inner().raw_edges() {
        let (s, t) = (e.source(), e.target());
        if e.weight.relation.is_lineage() && in_family(s) && in_family(t) {
            uf.union(s.index(), t.index());
        }
    }
    let mut family_of = vec![usize::MAX; g.node_count()];
    let mut families: Vec<Family> = Vec::new();
    let mut slot_of_root = vec![usize::MAX; g.node_count()];
    let descendants = descendant_counts(g);
    for &ix in nodes {
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
    for &e in edges {
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
    families
}

/// The families that fit within [`MAX_EDGES`] edges together, taken in order (one that does not
/// fit is skipped and smaller ones still tried; each counts at least one edge), and those left out.
fn fitting(families: &[Family]) -> (Vec<&Family>, Vec<&Family>) {
    let mut budget = MAX_EDGES;
    let mut kept: Vec<&Family> = Vec::new();
    let mut left: Vec<&Family> = Vec::new();
    for f in families {
        let cost = f.edges.len().max(1);
        if cost <= budget {
            budget -= cost;
            kept.push(f);
        } else {
            left.push(f);
        }
    }
    (kept, left)
}

/// The two `%%` comment lines that say what was kept and name the families left out.
fn left_out<W: Write>(
    w: &mut W,
    g: &Graph,
    edge_count: usize,
    kept: &[&Family],
    left: &[&Family],
) -> io::Result<()> {
    let kept_edges: usize = kept.iter().map(|f| f.edges.len().max(1)).sum();
    let left_edges: usize = left.iter().map(|f| f.edges.len()).sum();
    writeln!(
        w,
        "    %% The graph has {edge_count} edges, more than Mermaid's default limit of {MAX_EDGES}: \
         this file holds the {} largest families that fit ({kept_edges} edges); {} families \
         ({left_edges} edges) are left out.",
        kept.len(),
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
    )
}

/// A `%% family:` section per kept family. Members of kept families are declared in their
/// section; other nodes their edges reach (organizations, methods of left-out families) where
/// they are first reached.
fn write_families<W: Write>(w: &mut W, g: &Graph, ids: &Ids, kept: &[&Family]) -> io::Result<()> {
    let mut drawn = vec![false; g.node_count()];
    for f in kept {
        for &ix in &f.members {
            drawn[ix.index()] = true;
        }
    }
    for f in kept {
        writeln!(w, "    %% family: {}", text(&g.node(f.name).label))?;
        for &ix in &f.members {
            write_node(w, g, ix, &ids.of(g, ix))?;
        }
        for &e in &f.edges {
            let (_, t) = g.endpoints(e);
            if !drawn[t.index()] {
                drawn[t.index()] = true;
                write_node(w, g, t, &ids.of(g, t))?;
            }
            write_edge(w, g, ids, e)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Node};

    fn graph(ids: &[&str]) -> Graph {
        let src: crate::model::Name = "test".into();
        let mut g = Graph::new();
        for id in ids {
            let n = Node::new(
                id.to_string(),
                id.to_string(),
                NodeKind::Model,
                Evidence::at(&src, &src, 1),
            );
            g.add_node(n).unwrap();
        }
        g
    }

    fn ids_of(g: &Graph) -> Vec<String> {
        let nodes = g.nodes_sorted();
        let ids = mermaid_ids(g, &nodes);
        nodes.iter().map(|&ix| ids.of(g, ix).into_owned()).collect()
    }

    #[test]
    fn ids_sharing_a_form_get_suffixes_in_id_order() {
        // in id order: a-b, a-b-2, a.b, a_b, c
        let g = graph(&["a_b", "c", "a.b", "a-b-2", "a-b"]);
        assert!(matches!(mermaid_ids(&g, &g.nodes_sorted()), Ids::All(_)));
        assert_eq!(
            ids_of(&g),
            ["n_a_b", "n_a_b_2", "n_a_b_3", "n_a_b_4", "n_c"]
        );
    }

    #[test]
    fn ids_of_distinct_forms_are_made_when_printed() {
        let g = graph(&["llama-2", "qwen/qwen-7b", "通义"]);
        assert!(matches!(mermaid_ids(&g, &g.nodes_sorted()), Ids::Plain));
        assert_eq!(ids_of(&g), ["n_llama_2", "n_qwen_qwen_7b", "n___"]);
    }
}
