//! The bundled family tree as Graphviz draws it (#15): `llmkg render --no-orgs` through `dot`,
//! its SVG read back with quick-xml. The picture fits a page (at most twice as wide as it is
//! tall, every label at 9 px or more when shown 1,920 px wide), time runs down a labelled axis
//! with every dated node on its band's row, bases sit above what derives from them, no two node
//! shapes overlap, and the legend names the organization of every colour and shows every
//! relation drawn. Skipped without Graphviz unless LLMKG_REQUIRE_READERS=1.

use crate::common;
use crate::common::has_dot;

use common::{json_of, llmkg, require_reader, run};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// How wide the picture is shown, in pixels, for the legibility criterion.
const SHOWN_WIDTH: f64 = 1920.0;
/// The smallest text size, in pixels at [`SHOWN_WIDTH`], that counts as legible.
const LEGIBLE_PX: f64 = 9.0;

/// An axis-aligned box: left, top, right, bottom (SVG coordinates, y down).
#[derive(Debug, Clone, Copy)]
struct Rect(f64, f64, f64, f64);

impl Rect {
    fn union(self, o: Rect) -> Rect {
        Rect(
            self.0.min(o.0),
            self.1.min(o.1),
            self.2.max(o.2),
            self.3.max(o.3),
        )
    }

    fn overlaps(self, o: Rect) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }

    fn centre_y(self) -> f64 {
        (self.1 + self.3) / 2.0
    }
}

/// One text element: its content, position and size.
#[derive(Debug, Clone)]
struct Text {
    content: String,
    y: f64,
    size: f64,
}

/// A `<g class="node|edge|cluster">` of the SVG: its title, shapes (with their fill) and texts.
#[derive(Debug, Default, Clone)]
struct Item {
    class: String,
    title: String,
    shapes: Vec<(String, Rect)>,
    texts: Vec<Text>,
}

impl Item {
    /// The box around every shape, if there is one.
    fn bounds(&self) -> Option<Rect> {
        self.shapes.iter().map(|s| s.1).reduce(Rect::union)
    }
}

/// The picture: its size (viewBox units, which are points) and its items.
#[derive(Debug)]
struct Drawing {
    width: f64,
    height: f64,
    items: Vec<Item>,
}

impl Drawing {
    fn nodes(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.class == "node")
    }

    fn node(&self, id: &str) -> Option<&Item> {
        self.nodes().find(|n| n.title == id)
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .expect("well-formed attribute")
        .map(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .expect("escaped value")
                .into_owned()
        })
}

fn number(e: &BytesStart, name: &str) -> f64 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a number in {name}"))
}

/// The box of a `<polygon>` or `<ellipse>`.
fn shape(e: &BytesStart) -> Option<Rect> {
    match e.name().as_ref() {
        "polygon" => {
            let points: Vec<(f64, f64)> = attr(e, "points")?
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            let xs = points.iter().map(|p| p.0);
            let ys = points.iter().map(|p| p.1);
            Some(Rect(
                xs.clone().fold(f64::INFINITY, f64::min),
                ys.clone().fold(f64::INFINITY, f64::min),
                xs.fold(f64::NEG_INFINITY, f64::max),
                ys.fold(f64::NEG_INFINITY, f64::max),
            ))
        }
        "ellipse" => {
            let (cx, cy) = (number(e, "cx"), number(e, "cy"));
            let (rx, ry) = (number(e, "rx"), number(e, "ry"));
            Some(Rect(cx - rx, cy - ry, cx + rx, cy + ry))
        }
        _ => None,
    }
}

/// Where text goes while the SVG is read.
#[derive(Default)]
struct Reading {
    items: Vec<Item>,
    /// Per open `<g>`: the item it starts, if any.
    groups: Vec<Option<usize>>,
    /// The element text is collected for: a title or a text of the current item.
    into: Option<&'static str>,
    size: (f64, f64),
}

impl Reading {
    fn current(&mut self) -> Option<&mut Item> {
        let i = self.groups.iter().rev().find_map(|g| *g)?;
        self.items.get_mut(i)
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        match e.name().as_ref() {
            "svg" => {
                let view = attr(e, "viewBox").expect("a viewBox");
                let v: Vec<f64> = view.split(' ').map(|x| x.parse().unwrap()).collect();
                self.size = (v[2], v[3]);
            }
            "g" if !empty => {
                let class = attr(e, "class").unwrap_or_default();
                let starts = ["node", "edge", "cluster"].contains(&class.as_str());
                if starts {
                    self.items.push(Item {
                        class,
                        ..Item::default()
                    });
                }
                self.groups.push(starts.then(|| self.items.len() - 1));
            }
            "title" => self.into = Some("title"),
            "text" => {
                let (y, size) = (number(e, "y"), number(e, "font-size"));
                if let Some(item) = self.current() {
                    item.texts.push(Text {
                        content: String::new(),
                        y,
                        size,
                    });
                }
                self.into = Some("text");
            }
            _ => {
                let fill = attr(e, "fill").unwrap_or_default();
                if let (Some(rect), Some(item)) = (shape(e), self.current()) {
                    item.shapes.push((fill, rect));
                }
            }
        }
    }

    fn text(&mut self, s: &str) {
        let into = self.into;
        let Some(item) = self.current() else { return };
        match into {
            Some("title") => item.title.push_str(s),
            Some("text") => item.texts.last_mut().unwrap().content.push_str(s),
            _ => {}
        }
    }
}

fn parse(svg: &str) -> Drawing {
    let mut r = quick_xml::Reader::from_str(svg);
    let mut at = Reading::default();
    loop {
        match r.read_event().expect("well-formed SVG") {
            Event::Eof => break,
            Event::Start(e) => at.start(&e, false),
            Event::Empty(e) => at.start(&e, true),
            Event::End(e) => match e.name().as_ref() {
                "g" => {
                    at.groups.pop();
                }
                "title" | "text" => at.into = None,
                _ => {}
            },
            Event::Text(t) => at.text(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().expect("a valid reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&g.xml10_content())
                        .expect("a predefined entity")
                        .to_string(),
                };
                at.text(&c);
            }
            _ => {}
        }
    }
    Drawing {
        width: at.size.0,
        height: at.size.1,
        items: at.items,
    }
}

/// The bundled family tree as `llmkg render --no-orgs` draws it, read once; `None` (the test
/// skips) without Graphviz.
fn drawing() -> Option<&'static Drawing> {
    static D: OnceLock<Drawing> = OnceLock::new();
    if !require_reader("graphviz dot", has_dot()) {
        return None;
    }
    Some(D.get_or_init(|| {
        let (code, svg, err) = run(llmkg().args(["render", "--no-orgs", "-o", "-"]));
        assert_eq!(code, 0, "{err}");
        parse(&svg)
    }))
}

/// The bundled graph as node-link JSON, organizations included.
fn graph() -> &'static serde_json::Value {
    static G: OnceLock<serde_json::Value> = OnceLock::new();
    G.get_or_init(|| json_of(llmkg().args(["export", "--format", "json", "--out", "-"])))
}

/// The relations llmkg does not follow as lineage.
const NOT_LINEAGE: [&str; 4] = ["developed_by", "trained_with", "trained_on", "uses"];

#[test]
fn the_bundled_family_tree_fits_a_page_and_every_label_is_legible() {
    let Some(d) = drawing() else { return };
    let ratio = d.width / d.height;
    assert!(
        ratio <= 2.0,
        "{} x {} pt: {ratio:.2} wide for 1 tall",
        d.width,
        d.height
    );
    let smallest = d
        .items
        .iter()
        .flat_map(|i| &i.texts)
        .map(|t| t.size)
        .fold(f64::INFINITY, f64::min);
    let shown = smallest * SHOWN_WIDTH / d.width;
    assert!(
        shown >= LEGIBLE_PX,
        "the smallest text ({smallest} pt) is {shown:.1} px when {} pt are shown {SHOWN_WIDTH} px wide",
        d.width
    );
    // every model is drawn, with its label
    let models = graph()["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "model");
    for m in models {
        let id = m["id"].as_str().unwrap();
        let node = d.node(id).unwrap_or_else(|| panic!("{id} drawn"));
        assert_eq!(node.texts[0].content, m["label"].as_str().unwrap(), "{id}");
    }
}

/// The order of an axis label: (year, quarter) with the year alone first, undated last.
fn band_key(label: &str) -> (u32, u32) {
    if label == "undated" {
        return (u32::MAX, 0);
    }
    let year: u32 = label[..4].parse().unwrap_or_else(|_| panic!("{label}"));
    match label[4..].trim() {
        "" | "(month?)" => (year, 0),
        q => (year, q.strip_prefix('Q').unwrap().parse().unwrap()),
    }
}

/// Whether a release date (`2023-07`, `2023`) falls in the band `label`.
fn in_band(date: &str, label: &str) -> bool {
    let (year, month) = match date.split_once('-') {
        Some((y, m)) => (y, m[..2].parse::<u32>().unwrap()),
        None => (date, 0),
    };
    match label.split_once(' ') {
        None => year == label,
        Some((y, "(month?)")) => year == y && month == 0,
        Some((y, q)) => year == y && month.div_ceil(3) == q[1..].parse::<u32>().unwrap(),
    }
}

#[test]
fn the_axis_reads_down_in_time_order_and_every_node_sits_on_its_band() {
    let Some(d) = drawing() else { return };
    let mut axis: Vec<(f64, String)> = d
        .nodes()
        .filter(|n| n.title.starts_with("axis:"))
        .filter_map(|n| n.texts.first().map(|t| (t.y, t.content.clone())))
        .collect();
    axis.sort_by(|a, b| a.0.total_cmp(&b.0));
    let labels: Vec<&str> = axis.iter().map(|a| a.1.as_str()).collect();
    assert!(labels.len() >= 5, "{labels:?}");
    assert!(
        labels.contains(&"2017") && labels.contains(&"2023 Q3"),
        "{labels:?}"
    );
    let keys: Vec<(u32, u32)> = labels.iter().map(|l| band_key(l)).collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "top to bottom: {labels:?}"
    );

    // each dated node is in the band of its date: level with its label or below it, above the
    // next (a label's baseline is a few points below the centre of its row)
    let mut checked = 0;
    for n in d.nodes().filter(|n| !n.title.contains(':')) {
        let Some(date) = n.texts.get(1).map(|t| t.content.as_str()) else {
            continue;
        };
        let y = n.bounds().expect("a shape").centre_y();
        let band = axis
            .iter()
            .rev()
            .find(|a| a.0 <= y + 10.0)
            .expect("a band above");
        assert!(
            in_band(date, &band.1),
            "{} ({date}) drawn in {}",
            n.title,
            band.1
        );
        checked += 1;
    }
    assert!(checked > 40, "{checked} dated nodes");
}

#[test]
fn every_base_is_above_what_derives_from_it() {
    let Some(d) = drawing() else { return };
    let g = graph();
    let dated_models: BTreeSet<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "model" && n["released"].is_string())
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let y = |id: &str| {
        d.node(id)
            .and_then(Item::bounds)
            .unwrap_or_else(|| panic!("{id} drawn"))
            .centre_y()
    };
    let mut checked = 0;
    for e in g["edges"].as_array().unwrap() {
        let (derived, base) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        let relation = e["relation"].as_str().unwrap();
        if NOT_LINEAGE.contains(&relation)
            || !dated_models.contains(derived)
            || !dated_models.contains(base)
        {
            continue;
        }
        assert!(
            y(base) < y(derived),
            "{derived} {relation} {base}: the base is drawn at y={}, below or level with y={}",
            y(base),
            y(derived)
        );
        checked += 1;
    }
    assert!(
        checked >= 25,
        "{checked} lineage edges between dated models"
    );
}

#[test]
fn no_two_node_shapes_overlap() {
    let Some(d) = drawing() else { return };
    let boxes: Vec<(&str, Rect)> = d
        .nodes()
        .filter_map(|n| Some((n.title.as_str(), n.bounds()?)))
        .collect();
    assert!(boxes.len() > 50, "{} shapes", boxes.len());
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                !a.1.overlaps(b.1),
                "{} {:?} overlaps {} {:?}",
                a.0,
                a.1,
                b.0,
                b.1
            );
        }
    }
}

/// The legend's colour table: each organization named, with its swatch's fill, in the table's
/// order (the coloured organizations best-ranked first).
fn legend_colours(d: &Drawing) -> Vec<(String, String)> {
    let table = d.node("legend:organizations").expect("the colour table");
    // the swatches (the filled cells) and the names, in the table's order
    let swatches: Vec<&String> = table
        .shapes
        .iter()
        .filter(|s| s.0.starts_with('#'))
        .map(|s| &s.0)
        .collect();
    let names: Vec<&String> = table.texts[1..].iter().map(|t| &t.content).collect();
    assert_eq!(
        swatches.len(),
        names.len(),
        "one swatch per name: {names:?}"
    );
    names
        .into_iter()
        .cloned()
        .zip(swatches.into_iter().cloned())
        .collect()
}

#[test]
fn the_legend_names_the_organization_of_every_colour_and_every_relation_drawn() {
    let Some(d) = drawing() else { return };
    let g = graph();
    let nodes = g["nodes"].as_array().unwrap();
    let label = |id: &str| {
        nodes.iter().find(|n| n["id"] == id).unwrap()["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let orgs: BTreeSet<&str> = nodes
        .iter()
        .filter(|n| n["kind"] == "organization")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    // each node's organizations
    let mut made_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for e in g["edges"].as_array().unwrap() {
        if e["relation"] == "developed_by" {
            let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            made_by.entry(s).or_default().push(t);
        }
    }
    let legend = legend_colours(d);
    let other = legend
        .iter()
        .find(|(name, _)| name.starts_with("other ("))
        .map(|(_, c)| c.clone());
    let coloured: BTreeMap<&String, &String> = (legend.iter())
        .filter(|(name, _)| !name.starts_with("other (") && *name != "(no organization)")
        .map(|(name, c)| (name, c))
        .collect();
    // at most a palette's worth of organizations, each its own colour, the rest "other (N)"
    assert!((10..=12).contains(&coloured.len()), "{legend:?}");
    let distinct: BTreeSet<&&String> = coloured.values().collect();
    assert_eq!(distinct.len(), coloured.len(), "{legend:?}");
    assert!(
        other.is_some(),
        "the bundled data has more organizations: {legend:?}"
    );
    // the drawing hides organizations: each node keeps the colour of its best-ranked
    // organization (the first of its organizations the legend lists), also where it remembers
    // another (its first by id)
    for (node, made) in &made_by {
        let Some(drawn) = d.node(node) else { continue };
        let fill = &drawn.shapes[0].0;
        let names: Vec<String> = made.iter().map(|o| label(o)).collect();
        let best = legend.iter().find(|(n, _)| names.contains(n));
        let name = best.map_or(names.join(", "), |(n, _)| n.clone());
        let want = best.map(|(_, c)| c).or(other.as_ref());
        assert_eq!(
            Some(fill),
            want,
            "{node} is filled {fill}: the legend says {name}"
        );
    }
    assert!(
        !orgs.iter().any(|o| d.node(o).is_some()),
        "organizations hidden"
    );

    // each relation drawn (between two nodes that are not organizations) has its sample line
    let drawn: BTreeSet<&str> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            !orgs.contains(e["source"].as_str().unwrap())
                && !orgs.contains(e["target"].as_str().unwrap())
        })
        .map(|e| e["relation"].as_str().unwrap())
        .collect();
    assert!(drawn.len() >= 6, "{drawn:?}");
    let samples: BTreeMap<&str, &Item> = d
        .items
        .iter()
        .filter(|i| i.class == "edge" && i.title.starts_with("legend:"))
        .map(|i| (i.texts[0].content.as_str(), i))
        .collect();
    assert_eq!(
        samples.keys().copied().collect::<BTreeSet<_>>(),
        drawn,
        "one sample per relation drawn"
    );
    for (r, item) in samples {
        assert_eq!(item.title, format!("legend:{r}:a->legend:{r}:b"));
    }
}

#[test]
fn the_default_render_of_a_merged_graph_fits_a_slide_with_organizations_in_the_legend() {
    if !require_reader("graphviz dot", has_dot()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = llmkg();
    for data in common::merged_sources(dir.path(), 2_500) {
        cmd.arg("--data").arg(data);
    }
    let (code, svg, err) = run(cmd.args(["render", "-o", "-"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("organizations are drawn as the nodes' colours") && err.contains("--family"),
        "says what it left out and how to narrow: {err}"
    );
    let d = parse(&svg);
    assert!(
        d.width <= 2.0 * d.height,
        "{} x {} pt: more than twice as wide as tall",
        d.width,
        d.height
    );
    let smallest = (d.items.iter().flat_map(|i| &i.texts))
        .map(|t| t.size)
        .fold(f64::INFINITY, f64::min);
    let shown = smallest * SHOWN_WIDTH / d.width;
    assert!(shown >= LEGIBLE_PX, "{smallest} pt text is {shown:.1} px");
    // no empty band: each labelled row of the axis has a node on it or below it, above the next
    let mut axis: Vec<f64> = (d.nodes())
        .filter(|n| n.title.starts_with("axis:"))
        .filter(|n| n.texts.first().is_some_and(|t| !t.content.is_empty()))
        .map(|n| n.texts[0].y)
        .collect();
    axis.sort_by(f64::total_cmp);
    assert!(axis.len() >= 3, "{axis:?}");
    let centres: Vec<f64> = (d.nodes())
        .filter(|n| !n.title.contains(':'))
        .filter_map(|n| Some(n.bounds()?.centre_y()))
        .collect();
    for (k, &top) in axis.iter().enumerate() {
        let next = axis.get(k + 1).copied().unwrap_or(top + 40.0);
        assert!(
            centres.iter().any(|&y| top - 20.0 <= y && y < next - 20.0),
            "the band at y={top} holds no node"
        );
    }
    // organizations are the colours and the legend, not nodes
    assert!(d.node("laboratory-0").is_none() && d.node("meta-ai").is_none());
    let legend = legend_colours(&d);
    let named: Vec<&String> = (legend.iter())
        .filter(|(name, _)| !name.starts_with("other (") && *name != "(no organization)")
        .map(|(_, c)| c)
        .collect();
    let distinct: BTreeSet<&&String> = named.iter().collect();
    assert!(
        named.len() >= 2 && distinct.len() == named.len(),
        "each organization drawn in a colour of its own: {legend:?}"
    );
    assert!(
        legend.iter().any(|(n, _)| n == "Laboratory 0"),
        "{legend:?}"
    );
}
