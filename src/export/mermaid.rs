//! The Mermaid exporter (`graph.mmd`): a `flowchart TB` of the graph it is given, drawn top down
//! like a family tree, its families in rows so that it is not much wider than tall.
//!
//! - **Direction.** What a node comes from is drawn above it: an arrow runs from a base down to
//!   what derives from it (and from a method, dataset or model down to what was trained with or
//!   on it or uses it), labelled with llmkg's relation, which reads from the lower node to the
//!   upper one: `n_llama -->|fine_tuned_from| n_alpaca` is "Alpaca fine_tuned_from Llama". A
//!   dotted line joins a node to the organization that developed it, below it:
//!   `n_llama -.-|developed_by| n_meta_ai`.
//! - **Rows.** Each family of two or more (see `fit.rs`) is a `%% family: <label>` section,
//!   largest first; the lone nodes (families of one, and nodes in no family) come last. The
//!   families are packed into rows of about twice the width of their height by an estimate of
//!   each one's size (Mermaid's labels are at most 200 px wide), and each family of a row but
//!   the first hangs under the previous row by an invisible link (`~~~`, drawn as nothing), from
//!   the deepest node of that row's tallest family.
//! - **Ids** are `n_` plus the node id with every character outside `[A-Za-z0-9]` turned into `_`
//!   (`llama-2` → `n_llama_2`), made unique with a `_2`, `_3`, ... suffix in id order; they never
//!   are Mermaid's keyword `end`. Labels are quoted and pass through [`text`], which writes `"` as
//!   `#quot;` and other characters Mermaid reads specially as entity codes. Shapes: models
//!   `["..."]`, organizations `(["..."])`, methods `{{"..."}}`, datasets `[("...")]`, applications
//!   `>"..."]`. A label over `shorten::MAX_TEXT` bytes and an id over `shorten::MAX_ID` are
//!   shortened with an ellipsis (the id keeping a hash of the whole: see `shorten.rs`).
//! - **Limits.** Mermaid refuses a flowchart of more than 500 edges (`maxEdges`, invisible links
//!   included) and draws only an error for a text of more than 50,000 characters (`maxTextSize`,
//!   comments not counted). [`limit`] is that budget for `fit.rs`, which cuts a larger graph to
//!   the largest families that fit before this writer sees it; the notice of what was cut is
//!   written as `%%` comments under the first line.

use crate::export::fit::{self, Family, TextLimit};
use crate::export::{Cap, Limits, shorten};
use crate::formats::style::{self, Palette};
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::model::{NodeKind, Relation};
use std::io::{self, Write};

/// Mermaid's default `maxEdges`.
pub(crate) const MAX_EDGES: usize = 500;

/// Mermaid's default `maxTextSize`, in characters (UTF-16 units, which a UTF-8 byte count never
/// undercounts).
pub(crate) const MAX_TEXT: usize = 50_000;

/// Text the budget keeps aside: the first line, the colour classes ([`CLASS_DEFS`]), and what an
/// estimate of a link's anchor misses.
const TEXT_SPARE: usize = 1_000 + CLASS_DEFS;

/// The most text the `classDef` lines of the organization colours take: one per colour of
/// [`style::ORG_PALETTE`], `other` and `noorg`.
const CLASS_DEFS: usize =
    (style::ORG_PALETTE.len() + 2) * "    classDef org11 fill:#rrggbb,color:#000000\n".len();

/// The longest class a node's line ends with (`:::org11`, `:::other`, `:::noorg`).
const CLASS_LEN: usize = 8;

/// Mermaid's limits for `fit.rs`: [`MAX_EDGES`] edges (`--max-edges` sets it) counting one
/// placing link a family, and [`MAX_TEXT`] characters unless `--max-edges` is given (for a
/// Mermaid set up to take more); `--max-nodes` bounds the nodes when given.
pub(crate) fn limit(limits: &Limits) -> fit::Limit {
    fit::Limit {
        nodes: limits.max_nodes.or(None),
        edges: limits.max_edges.or(Some(MAX_EDGES)),
        edges_per_family: 1,
        orgs_free: true,
        text: (limits.max_edges == Cap::Default).then_some(TextLimit {
            max: MAX_TEXT,
            reserve: TEXT_SPARE,
            node: node_len,
            edge: edge_len,
            family: link_len,
        }),
    }
}

/// Room for the suffix that makes an id unique.
const SUFFIX: usize = 4;

/// The length of a node's line, with room for an id suffix (none for an organization named in
/// labels).
fn node_len(g: &Graph, ix: NodeIx) -> usize {
    if is_named_org(g, ix) {
        return 0;
    }
    let n = g.node(ix);
    let orgs = org_line(g, ix).map_or(0, |o| o.len() + ORG_LINE_FRAME);
    // "    " id, the shape's 4 to 6 characters, the label, the line end
    4 + 2 + id_len(&n.id) + SUFFIX + 6 + label(&n.label).len() + orgs + CLASS_LEN + 1
}

/// The length of an edge's line, with room for id suffixes (none for a `developed_by` edge,
/// written as the organization's name in the label).
fn edge_len(g: &Graph, e: EdgeIx) -> usize {
    if is_org_edge(g, e) {
        return 0;
    }
    let (s, t) = g.endpoints(e);
    let ids = id_len(&g.node(s).id) + id_len(&g.node(t).id) + 2 * (2 + SUFFIX);
    4 + ids + 6 + g.edge(e).relation.as_str().len() + 1
}

/// The length of a family's placing link, taking its anchor as long as the family's first node.
fn link_len(g: &Graph, first: NodeIx) -> usize {
    4 + 2 * (2 + id_len(&g.node(first).id) + SUFFIX) + 5 + 1
}

/// The length of a node id as a Mermaid id keeps it (see [`shorten::id`]).
fn id_len(id: &str) -> usize {
    id.len().min(shorten::MAX_ID)
}

/// A label as the drawing writes it: shortened to [`shorten::MAX_TEXT`] bytes, then [`text`].
fn label(s: &str) -> String {
    text(&shorten::text(s, shorten::MAX_TEXT))
}

/// The one escaping helper for Mermaid label text (written between `"`): entity codes for the
/// characters Mermaid or its HTML labels read specially, `<br>` for line breaks, no control characters.
pub(crate) fn text(s: &str) -> String {
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
    let own = &*shorten::id(own, shorten::MAX_ID);
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

/// Whether `e` is written as its organization's name in the label of its source, not as an edge.
fn is_org_edge(g: &Graph, e: EdgeIx) -> bool {
    let (_, t) = g.endpoints(e);
    g.edge(e).relation == Relation::DevelopedBy && g.node(t).kind == NodeKind::Organization
}

/// Whether `ix` is an organization named in the labels of what it developed, not a node.
fn is_named_org(g: &Graph, ix: NodeIx) -> bool {
    g.node(ix).kind == NodeKind::Organization && g.in_edges(ix).any(|(e, _)| is_org_edge(g, e))
}

/// What the organizations' line adds to a label besides their names.
const ORG_LINE_FRAME: usize = "<br><small></small>".len();

/// The names of the organizations that developed `ix`, by id, escaped and joined by ", ".
fn org_line(g: &Graph, ix: NodeIx) -> Option<String> {
    let mut orgs: Vec<NodeIx> = g
        .out_edges(ix)
        .filter(|&(e, _)| is_org_edge(g, e))
        .map(|(_, t)| t)
        .collect();
    if orgs.is_empty() {
        return None;
    }
    g.sort_by_id(&mut orgs);
    orgs.dedup();
    let names: Vec<String> = orgs.iter().map(|&o| label(&g.node(o).label)).collect();
    Some(names.join(", "))
}

/// The Mermaid class of a node's organization colour (see [`Palette::place`]).
fn class(place: Option<Option<usize>>) -> String {
    match place {
        Some(Some(k)) => format!("org{k}"),
        Some(None) => "other".to_string(),
        None => "noorg".to_string(),
    }
}

/// The `classDef` line of each colour a node of `g` takes (in palette order, then `other`,
/// then `noorg`): the same fills as the DOT drawing and the page, with black text.
fn write_classes<W: Write>(w: &mut W, g: &Graph, palette: &Palette) -> io::Result<()> {
    let n = style::ORG_PALETTE.len();
    // the palette's places, then other, then no organization
    let slot = |place: Option<Option<usize>>| place.map_or(n + 1, |p| p.unwrap_or(n));
    let mut used = vec![false; n + 2];
    for ix in g.node_indices().filter(|&ix| !is_named_org(g, ix)) {
        used[slot(palette.place(g, ix))] = true;
    }
    let places = (0..n).map(|k| Some(Some(k))).chain([Some(None), None]);
    for place in places.filter(|&p| used[slot(p)]) {
        let fill = match place {
            Some(Some(k)) => style::ORG_PALETTE[k],
            Some(None) => style::OTHER_ORG,
            None => style::NO_ORG,
        };
        writeln!(
            w,
            "    classDef {} fill:{},color:#000000",
            class(place),
            fill.hex()
        )?;
    }
    Ok(())
}

/// A node's line: its shape, its label, and under it the organizations that developed it; then
/// the class of its organization colour.
fn write_node<W: Write>(
    w: &mut W,
    g: &Graph,
    ix: NodeIx,
    id: &str,
    palette: &Palette,
) -> io::Result<()> {
    let n = g.node(ix);
    let mut label = label(&n.label);
    if let Some(orgs) = org_line(g, ix) {
        label.push_str("<br><small>");
        label.push_str(&orgs);
        label.push_str("</small>");
    }
    let class = class(palette.place(g, ix));
    match n.kind {
        NodeKind::Model => writeln!(w, "    {id}[\"{label}\"]:::{class}"),
        NodeKind::Organization => writeln!(w, "    {id}([\"{label}\"]):::{class}"),
        NodeKind::Method => writeln!(w, "    {id}{{{{\"{label}\"}}}}:::{class}"),
        NodeKind::Dataset => writeln!(w, "    {id}[(\"{label}\")]:::{class}"),
        NodeKind::Application => writeln!(w, "    {id}>\"{label}\"]:::{class}"),
    }
}

/// Writes `graph.mmd`: `flowchart TB`, the `notice` as `%%` comments, the colour classes (by
/// `palette`, the whole graph's, see [`Palette`]; else `g`'s own), then the families in rows.
pub(crate) fn write<W: Write>(
    g: &Graph,
    w: W,
    notice: &[String],
    palette: Option<&Palette>,
) -> io::Result<()> {
    let palette = Palette::given_or_own(palette, g);
    let palette = &*palette;
    let mut w = io::BufWriter::new(w);
    writeln!(w, "flowchart TB")?;
    for line in notice {
        writeln!(w, "    %% {line}")?;
    }
    writeln!(
        w,
        "    %% Bases above: an arrow runs from what a node comes from down to it, labelled with the \
         relation of the lower node to the upper one (n_llama -->|fine_tuned_from| n_alpaca: Alpaca \
         fine_tuned_from Llama); under each label, the organizations that developed it; fills \
         are organizations, as in graph.dot and graph.html."
    )?;
    write_classes(&mut w, g, palette)?;
    let nodes = g.nodes_sorted();
    let ids = mermaid_ids(g, &nodes);
    let fams = fit::families(g);
    let mut family_of = vec![usize::MAX; g.node_count()];
    for (i, f) in fams.iter().enumerate() {
        for &ix in &f.members {
            family_of[ix.index()] = i;
        }
    }
    // each edge in the section of its source's family, else its target's, else at the end
    let mut edges_of: Vec<Vec<EdgeIx>> = vec![Vec::new(); fams.len() + 1];
    for e in g.edges_sorted() {
        let (s, t) = g.endpoints(e);
        let f = [s, t]
            .into_iter()
            .map(|x| family_of[x.index()])
            .find(|&f| f != usize::MAX)
            .unwrap_or(fams.len());
        edges_of[f].push(e);
    }
    let section = Section {
        g,
        ids: &ids,
        palette,
    };
    for (i, f) in fams.iter().enumerate() {
        if f.members.len() > 1 {
            writeln!(w, "    %% family: {}", label(&g.node(f.name).label))?;
        } else if i == 0 || fams[i - 1].members.len() > 1 {
            writeln!(
                w,
                "    %% lone nodes: families of one, and nodes in no family"
            )?;
        }
        let mut members = f.members.clone();
        g.sort_by_id(&mut members);
        section.write(&mut w, &members, &edges_of[i])?;
    }
    section.write(&mut w, &[], &edges_of[fams.len()])?;
    write_rows(&mut w, g, &ids, &fams, &rows(g, &fams))
}

/// What writes a section of the flowchart.
struct Section<'a> {
    g: &'a Graph,
    ids: &'a Ids,
    palette: &'a Palette,
}

impl Section<'_> {
    /// The members' nodes, then the edges (a node an edge reaches before its own section is
    /// declared there all the same: Mermaid takes a node's shape wherever it comes);
    /// `developed_by` edges are the organizations' names in the labels.
    fn write<W: Write>(&self, w: &mut W, members: &[NodeIx], edges: &[EdgeIx]) -> io::Result<()> {
        let g = self.g;
        for &ix in members {
            write_node(w, g, ix, &self.ids.of(g, ix), self.palette)?;
        }
        for &e in edges.iter().filter(|&&e| !is_org_edge(g, e)) {
            write_edge(w, g, self.ids, e)?;
        }
        Ok(())
    }
}

/// One edge, what it comes from first (see the module documentation; `developed_by` edges are
/// labels, see [`org_line`]).
fn write_edge<W: Write>(w: &mut W, g: &Graph, ids: &Ids, e: EdgeIx) -> io::Result<()> {
    let (s, t) = g.endpoints(e);
    let rel = g.edge(e).relation;
    writeln!(w, "    {} -->|{rel}| {}", ids.of(g, t), ids.of(g, s))
}

/// A node's estimated width in pixels as Mermaid draws it: about 8.5 px a character of label
/// and 7 px of the organizations' line, at most 200 px (Mermaid wraps longer labels), with its
/// padding and the space beside it; at least the label of an arrow into it.
fn node_width(g: &Graph, ix: NodeIx) -> f64 {
    let chars = |s: &str, px: f64| s.chars().count() as f64 * px;
    let label = chars(&g.node(ix).label, 8.5);
    let orgs = org_line(g, ix).map_or(0.0, |o| chars(&o, 7.0));
    let arrow = g
        .out_edges(ix)
        .filter(|&(e, _)| !is_org_edge(g, e))
        .map(|(e, _)| chars(g.edge(e).relation.as_str(), 7.5))
        .fold(0.0, f64::max);
    label.max(orgs).min(200.0).max(arrow) + 80.0
}

/// The height of a rank, with its edge labels.
const RANK: f64 = 120.0;

/// The rows of families (indices into `fams`, in their order), each about twice as wide as the
/// whole drawing is tall, and never narrower than the widest family.
fn rows(g: &Graph, fams: &[Family]) -> Vec<Vec<usize>> {
    let area: f64 = fams
        .iter()
        .flat_map(|f| &f.members)
        .map(|&ix| node_width(g, ix) * RANK)
        .sum::<f64>();
    let widest = g
        .node_indices()
        .map(|ix| node_width(g, ix))
        .fold(0.0, f64::max);
    let target = (area * 2.0).sqrt().max(widest);
    let widths = fams.iter().map(|f| {
        (0..f.levels.len())
            .map(|k| f.level(k).iter().map(|&ix| node_width(g, ix)).sum::<f64>())
            .fold(0.0, f64::max)
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = f64::INFINITY;
    for (i, width) in widths.enumerate() {
        if used + width > target {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += width;
        rows.last_mut().expect("a row").push(i);
    }
    rows
}

/// The invisible links that hang each row under the one before it.
fn write_rows<W: Write>(
    w: &mut W,
    g: &Graph,
    ids: &Ids,
    fams: &[Family],
    rows: &[Vec<usize>],
) -> io::Result<()> {
    if rows.len() > 1 {
        writeln!(w, "    %% rows: each family hangs under the row before it")?;
    }
    for pair in rows.windows(2) {
        let tallest = pair[0]
            .iter()
            .map(|&i| &fams[i])
            .max_by_key(|f| f.levels.len())
            .expect("rows are not empty");
        let anchor = tallest
            .level(tallest.levels.len() - 1)
            .iter()
            .min_by_key(|ix| (g.node(**ix).id.len(), &g.node(**ix).id))
            .expect("levels are not empty");
        for &i in &pair[1] {
            let first = fams[i].members[0];
            writeln!(w, "    {} ~~~ {}", ids.of(g, *anchor), ids.of(g, first))?;
        }
    }
    w.flush()
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
