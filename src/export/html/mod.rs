//! The HTML page (`graph.html`): one self-contained file that draws the family tree and answers
//! questions about it in a browser, with no network and no Graphviz.
//!
//! The page is [`page.html`](page.html) with its style ([`page.css`](page.css)) and script
//! ([`page.js`](page.js)) written inline, and the graph as JSON in a
//! `<script type="application/json" id="graph-data">` element: the nodes (sorted by id, each
//! with the place [`super::layout`] gave it), the edges (sorted as every export sorts them, each
//! with all its evidence), and what the legend and the filters list (organizations with their
//! colours, relations with their line styles, kinds, the family columns and the time bands).
//! The JSON is serde_json's, with every `</` written `<\/` and every `<!--` written `\u003c!--`,
//! so no text in it can end the script element. Over [`MAX_NODES`] nodes (or `--max-nodes`) the
//! export hands the page the largest families that fit (`fit.rs`, as for the other drawings),
//! and the page shows the notice of what was left out above the tree. The page's
//! Content-Security-Policy allows no network and no inline code but its own: the script and the style run under their SHA-256
//! hashes, computed when the page is written (the script adds its drawing's rules through the
//! CSSOM, which the policy does not govern), so a script injected into the page would not run.

use super::layout::{self, Layout};
use crate::formats::style;
use crate::graph::{Graph, NodeIx};
use crate::licence::Class;
use crate::model::{AttrValue, Date, Evidence, KnownAttr, Link, Name, NodeKind, Relation};
use serde::Serialize;
use std::io::{self, Write};

/// The most nodes the page draws by default (`--max-nodes` sets it): above it the largest
/// families that fit are drawn, and the page says what was left out and how to narrow.
pub(crate) const MAX_NODES: usize = 5_000;

const TEMPLATE: &str = include_str!("page.html");
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

#[derive(Serialize)]
struct Page<'a> {
    node_count: usize,
    edge_count: usize,
    /// What was left out of a graph over the page's limit, and how to narrow it.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notice: &'a [String],
    width: i32,
    height: i32,
    nodes: Vec<PageNode<'a>>,
    edges: Vec<PageEdge<'a>>,
    organizations: Vec<PageOrg<'a>>,
    /// The organizations sharing the neutral "other" colour: how many, and how many nodes
    /// they colour.
    other: (usize, usize),
    /// The neutral colour of those organizations.
    other_color: String,
    relations: Vec<PageRelation>,
    /// The fill of each licence class, least to most restrictive, then `none`.
    licence_classes: Vec<PageLicenceClass>,
    kinds: Vec<PageKind>,
    columns: Vec<PageColumn<'a>>,
    bands: Vec<PageBand>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    id: &'a str,
    label: &'a str,
    kind: NodeKind,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    /// Organization ids, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    organizations: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sizes: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [Link],
    /// Its licence as written, with its class where the licence table knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    licence: Option<String>,
    /// Its licence's class where the licence table knows it (`permissive`, ...), which the
    /// page can colour by.
    #[serde(skip_serializing_if = "Option::is_none")]
    licence_class: Option<String>,
    /// Where the node was read: its origin, then the other sources naming it.
    sources: Vec<&'a Evidence>,
    x: i32,
    y: i32,
    /// The family column, none for organizations.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    color: String,
}

#[derive(Serialize)]
struct PageEdge<'a> {
    source: &'a str,
    target: &'a str,
    relation: Relation,
    evidence: Vec<&'a Evidence>,
    /// The kinds of source asserting it (`list`, `curated`, `hf`, ...), sorted.
    sources: Vec<Name>,
}

#[derive(Serialize)]
struct PageOrg<'a> {
    id: &'a str,
    label: &'a str,
    color: String,
    /// How many nodes it developed.
    count: usize,
    /// Its place among the coloured organizations (most nodes first), none when it has the
    /// neutral colour.
    #[serde(skip_serializing_if = "Option::is_none")]
    colored: Option<usize>,
}

#[derive(Serialize)]
struct PageRelation {
    name: Relation,
    /// Whether lineage queries follow it (and the page's highlighting does).
    lineage: bool,
    color: &'static str,
    /// SVG `stroke-dasharray`, empty for a solid line.
    dash: &'static str,
    width: f32,
    count: usize,
}

#[derive(Serialize)]
struct PageLicenceClass {
    /// The class as every output writes it, `none` for nodes of no known class.
    name: &'static str,
    color: &'static str,
}

/// The page's fill for each licence class, least to most restrictive, then for no class known
/// (Paul Tol's light scheme, told apart with colour blindness): the one table the page's style
/// and its legend read.
const LICENCE_COLOURS: [(Option<Class>, &str); 5] = [
    (Some(Class::Permissive), "#99ddff"),
    (Some(Class::Copyleft), "#bbcc33"),
    (Some(Class::CustomRestricted), "#eedd88"),
    (Some(Class::NonCommercial), "#ffaabb"),
    (None, "#f4f4f4"),
];

/// [`LICENCE_COLOURS`] as the page's data.
fn licence_classes() -> Vec<PageLicenceClass> {
    (LICENCE_COLOURS.iter())
        .map(|&(class, color)| PageLicenceClass {
            name: class.map_or("none", Class::as_str),
            color,
        })
        .collect()
}

#[derive(Serialize)]
struct PageKind {
    name: NodeKind,
    count: usize,
}

#[derive(Serialize)]
struct PageColumn<'a> {
    /// The id and label of the member that names the family; none for the lone nodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    label: &'a str,
    x: i32,
    width: i32,
    members: usize,
}

#[derive(Serialize)]
struct PageBand {
    label: String,
    y: i32,
    height: i32,
    /// How many years with no node lie between the band above and this one (the axis holds
    /// only years with nodes: the gap is marked, not drawn).
    #[serde(skip_serializing_if = "Option::is_none")]
    gap: Option<u32>,
}

/// The year a band is in, none for `undated` and organizations.
fn band_year(slot: layout::Slot) -> Option<u32> {
    match slot {
        layout::Slot::Year(y) | layout::Slot::YearOnly(y) | layout::Slot::Quarter(y, _) => {
            Some(u32::from(y))
        }
        layout::Slot::Undated | layout::Slot::Organizations => None,
    }
}

/// The page's bands, each with the gap of years without nodes above it.
fn bands(l: &Layout) -> Vec<PageBand> {
    let mut last = None;
    l.bands
        .iter()
        .map(|b| {
            let year = band_year(b.slot);
            let gap = match (last, year) {
                (Some(a), Some(y)) if y > a + 1 => Some(y - a - 1),
                _ => None,
            };
            last = year.or(last);
            PageBand {
                label: b.slot.label(),
                y: b.y,
                height: b.height,
                gap,
            }
        })
        .collect()
}

/// Writes `graph.html`, its organizations coloured by `palette` (the whole graph's, see
/// [`style::Palette`]), else by `g`'s own.
pub(crate) fn write<W: Write>(
    g: &Graph,
    mut w: W,
    notice: &[String],
    palette: Option<&style::Palette>,
) -> io::Result<()> {
    let colors = style::Colors::for_drawing(g, palette);
    let mut page = page(g, &layout::layout(g), &colors);
    page.notice = notice;
    let json = serde_json::to_string(&page).map_err(io::Error::other)?;
    let json = json.replace("</", "<\\/").replace("<!--", "\\u003c!--");
    let (script_hash, style_hash) = (csp_hash(SCRIPT), csp_hash(STYLE));
    let mut rest = TEMPLATE;
    for (marker, value) in [
        ("/*SCRIPT-HASH*/", script_hash.as_str()),
        ("/*STYLE-HASH*/", style_hash.as_str()),
        ("/*STYLE*/", STYLE),
        ("/*DATA*/", json.as_str()),
        ("/*SCRIPT*/", SCRIPT),
    ] {
        let (head, tail) = rest
            .split_once(marker)
            .ok_or_else(|| io::Error::other(format!("no {marker} in the page template")))?;
        w.write_all(head.as_bytes())?;
        w.write_all(value.as_bytes())?;
        rest = tail;
    }
    w.write_all(rest.as_bytes())?;
    w.flush()
}

/// The Content-Security-Policy source of an inline element whose whole text is `text`:
/// `sha256-` and the base64 of its SHA-256, so the browser runs that text and nothing else
/// inline.
fn csp_hash(text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page of a graph the page draws.
fn page<'a>(g: &'a Graph, l: &Layout, colors: &style::Colors) -> Page<'a> {
    let orgs = style::organizations(g);
    let nodes: Vec<PageNode> = g
        .nodes_sorted()
        .into_iter()
        .map(|ix| node(g, ix, orgs.of(ix), l, colors))
        .collect();
    let edges: Vec<PageEdge> = g
        .edges_sorted()
        .into_iter()
        .map(|e| {
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            PageEdge {
                source: &g.node(s).id,
                target: &g.node(t).id,
                relation: edge.relation,
                evidence: edge.evidence_records().collect(),
                sources: edge.sources(),
            }
        })
        .collect();
    Page {
        node_count: g.node_count(),
        edge_count: g.edge_count(),
        notice: &[],
        width: l.width,
        height: l.height,
        organizations: organizations(g, colors),
        other: colors.others(),
        other_color: style::OTHER_ORG.hex(),
        relations: relations(g),
        licence_classes: licence_classes(),
        kinds: kinds(g),
        columns: l
            .columns
            .iter()
            .map(|c| PageColumn {
                id: c.name.map(|ix| g.node(ix).id.as_str()),
                label: c
                    .name
                    .map_or("not in a family", |ix| g.node(ix).label.as_str()),
                x: c.x,
                width: c.width,
                members: c.members,
            })
            .collect(),
        bands: bands(l),
        nodes,
        edges,
    }
}

/// One node as the page reads it; `orgs` are its organizations sorted by id.
fn node<'a>(
    g: &'a Graph,
    ix: NodeIx,
    orgs: &[NodeIx],
    l: &Layout,
    colors: &style::Colors,
) -> PageNode<'a> {
    let n = g.node(ix);
    let mut organizations: Vec<&str> = orgs.iter().map(|&o| g.node(o).id.as_str()).collect();
    if organizations.is_empty()
        && n.kind != NodeKind::Organization
        && let Some(AttrValue::Text(id)) = n.known_attr(KnownAttr::RememberedOrganization)
    {
        organizations.push(id.as_str());
    }
    let place = l.places[ix.index()];
    PageNode {
        id: &n.id,
        label: &n.label,
        kind: n.kind,
        aliases: &n.aliases,
        date: n.released,
        organizations,
        sizes: &n.sizes,
        links: &n.links,
        licence: crate::licence::written(g, ix).map(|l| {
            match n.known_attr(KnownAttr::LicenseClass) {
                Some(class) => format!("{l} ({class})"),
                None => l,
            }
        }),
        licence_class: n.known_attr(KnownAttr::LicenseClass).map(|c| c.to_string()),
        sources: n.evidence_records().collect(),
        x: place.x,
        y: place.y,
        column: place.column,
        color: colors.node(g, ix).hex(),
    }
}

/// The organizations, most nodes developed first, then by id.
fn organizations<'a>(g: &'a Graph, colors: &style::Colors) -> Vec<PageOrg<'a>> {
    let rank: std::collections::HashMap<&str, usize> = (colors.colored().iter().enumerate())
        .map(|(k, (id, _))| (id.as_str(), k))
        .collect();
    let mut out: Vec<PageOrg> = g
        .nodes_sorted()
        .into_iter()
        .filter(|&ix| g.node(ix).kind == NodeKind::Organization)
        .map(|ix| {
            let mut made: Vec<NodeIx> = g.developed(ix).map(|(_, m)| m).collect();
            made.sort_unstable();
            made.dedup();
            PageOrg {
                id: &g.node(ix).id,
                label: &g.node(ix).label,
                color: colors.org(&g.node(ix).id).hex(),
                count: made.len(),
                colored: rank.get(g.node(ix).id.as_str()).copied(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(b.id)));
    out
}

/// The relations the graph has, in vocabulary order, with their line styles.
fn relations(g: &Graph) -> Vec<PageRelation> {
    let mut count = [0usize; Relation::ALL.len()];
    for e in g.inner().raw_edges() {
        count[e.weight.relation as usize] += 1;
    }
    Relation::ALL
        .into_iter()
        .filter(|&r| count[r as usize] > 0)
        .map(|r| {
            let (style, color) = style::dot_edge_style(r);
            let (dash, width) = match style {
                "dashed" => ("6 4", 1.5),
                "dotted" => ("2 3", 1.5),
                "bold" => ("", 2.5),
                _ => ("", 1.5),
            };
            PageRelation {
                name: r,
                lineage: r.is_lineage(),
                color,
                dash,
                width,
                count: count[r as usize],
            }
        })
        .collect()
}

/// The kinds the graph has, in vocabulary order.
fn kinds(g: &Graph) -> Vec<PageKind> {
    let all = g.kinds();
    NodeKind::ALL
        .into_iter()
        .map(|k| PageKind {
            name: k,
            count: all.iter().filter(|&&x| x == k).count(),
        })
        .filter(|k| k.count > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node};

    fn page_of(g: &Graph) -> String {
        let mut buf = Vec::new();
        write(g, &mut buf, &[], None).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn no_text_in_the_data_ends_its_script_element() {
        let src: Name = "test".into();
        let mut g = Graph::new();
        let mut n = Node::new(
            "x",
            "</script><script>alert(1)</script><!--",
            NodeKind::Model,
            Evidence::at(&src, &src, 1),
        );
        n.aliases.push("</SCRIPT>".into());
        let a = g.add_node(n).unwrap();
        g.add_edge(
            a,
            a,
            Edge::new(Relation::VariantOf, Evidence::at(&src, &src, 2)),
        );
        let html = page_of(&g);
        let data_start = html.find("id=\"graph-data\">").unwrap();
        let data_end = data_start + html[data_start..].find("</script>").unwrap();
        let data = &html[data_start + "id=\"graph-data\">".len()..data_end];
        assert!(!data.contains("<!--") && !data.to_lowercase().contains("</script"));
        let v: serde_json::Value = serde_json::from_str(data).unwrap();
        assert_eq!(
            v["nodes"][0]["label"],
            "</script><script>alert(1)</script><!--"
        );
        assert_eq!(v["nodes"][0]["aliases"][0], "</SCRIPT>");
    }

    #[test]
    fn the_policy_allows_the_page_own_script_and_style_by_hash_and_nothing_inline() {
        let html = page_of(&Graph::new());
        let policy = html
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a policy");
        assert!(!policy.contains("unsafe"), "{policy}");
        let between = |open: &str, close: &str| {
            let start = html.find(open).unwrap() + open.len();
            html[start..start + html[start..].find(close).unwrap()].to_string()
        };
        let script = between("<script>", "</script>");
        let style = between("<style>", "</style>");
        assert_eq!(script, SCRIPT);
        assert!(
            policy.contains(&format!("script-src '{}'", csp_hash(&script))),
            "{policy}"
        );
        assert!(
            policy.contains(&format!("style-src '{}'", csp_hash(&style))),
            "{policy}"
        );
        // the known digest of the empty text, so the hash is SHA-256 in standard base64
        assert_eq!(
            csp_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn the_page_is_whole_and_loads_nothing() {
        let html = page_of(&Graph::new());
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        for marker in ["/*STYLE*/", "/*DATA*/", "/*SCRIPT*/"] {
            assert!(!html.contains(marker), "{marker} filled");
        }
        for outside in ["src=", "href=\"http", "@import", "url(http"] {
            assert!(!html.contains(outside), "{outside}");
        }
    }
}
