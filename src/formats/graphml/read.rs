//! Reads GraphML into the graph: llmkg's own `graph.graphml` losslessly, and GraphML written by
//! other tools (NetworkX, igraph, Gephi, yEd) with their attributes carried through.
//!
//! Read with quick-xml, streaming, in one pass. Entities are never expanded: a `<!DOCTYPE>` that
//! declares any (`<!ENTITY`) is refused, any other DOCTYPE is skipped, and a reference to an
//! entity other than the five predefined ones and character references is an error.
//!
//! **Own files** (keys named as the schema's GraphML columns, [`crate::formats::schema`], as
//! `graphml::write` declares them): every node field, attribute (the name from the key's `<desc>`
//! where the declared name had to differ), relation and evidence comes back; the drawing columns
//! `organization`, `organizations`, `descendants` and the edge ids are derived and skipped.
//!
//! **Other files**: a node's label is the key named `label` (else its id); a key named `kind`
//! gives the node kind when it is one of model, organization, method, else the node is a model
//! and the value stays as attribute `kind`. Every other node key becomes an attribute of its
//! declared type (`boolean` → bool, `int`/`long` → integer, `float`/`double` → float, else text;
//! `<default>`s apply). An edge's relation is read from a key named `relation`, else `kind`, else
//! `label`; an edge with none, or with a value outside the vocabulary, is
//! [`DEFAULT_RELATION`] (`derived_from`, the most general lineage relation) and the file gets a
//! finding saying how many. Edge attributes other than these have nowhere to go in llmkg's model
//! and are dropped (with a finding). Nodes and edges that carry no evidence get
//! `source = "import"`, the file and the line. Edges are taken as directed, source to target.
//! Non-finite numbers (`NaN`, `INF`) are left out (with a finding): no export can carry them.
//! A `<data>` holding markup rather than text (yEd's node graphics) is skipped.

use crate::error::{Code, Error, Result, Severity};
use crate::formats::import::{Lines, PendingEdge, SOURCE, Sink, Tally};
use crate::formats::schema::{EdgeAttr, NodeAttr, Unreadable};
use crate::graph::Graph;
use crate::model::{AttrValue, Edge, Evidence, Name, Node, NodeKind, Relation};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;
use std::borrow::Cow;

pub use crate::formats::import::DEFAULT_RELATION;

/// Hash maps with foldhash (fixed seed), as the rest of llmkg uses.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Bool,
    Int,
    Float,
    Text,
}

/// What a key's values mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A fixed node attribute: `label` in any file, every other in llmkg's own (the derived
    /// ones are skipped when read).
    Node(NodeAttr),
    /// A fixed edge attribute of llmkg's own files (the edge id is skipped).
    Edge(EdgeAttr),
    /// Another tool's `kind` column.
    ForeignKind,
    /// Another tool's relation candidate, by priority: 0 relation, 1 kind, 2 label.
    RelationGuess(u8),
    /// A node attribute named by the key's `attr`.
    Attr,
    /// An edge attribute with nowhere to go.
    Dropped,
    /// Not classified yet.
    Unknown,
}

#[derive(Debug, Clone)]
struct Key {
    id: String,
    for_node: bool,
    for_edge: bool,
    name: String,
    ty: Ty,
    desc: Option<String>,
    default: Option<String>,
    node_field: Field,
    edge_field: Field,
    /// The attribute name of a [`Field::Attr`] key.
    attr: String,
}

impl Key {
    /// `own`: the file is llmkg's (it declares `origin_source` for nodes and `evidence_source` for
    /// edges), so keys named as the schema's GraphML columns are those columns: llmkg never gives
    /// an attribute column a fixed column's name. Files from before the `d0` key ids (`n_label`,
    /// `n_a_likes`, `e_relation`) read the same way.
    fn classify(&mut self, own: bool) {
        let name = self.name.as_str();
        let fixed_node = (own && self.for_node)
            .then(|| NodeAttr::by_graphml_name(name))
            .flatten();
        self.node_field = match (name, fixed_node) {
            (_, Some(a)) => Field::Node(a),
            ("label", None) => Field::Node(NodeAttr::Label),
            ("kind", None) => Field::ForeignKind,
            _ => Field::Attr,
        };
        self.attr = match (&self.desc, own) {
            (Some(d), true) => d.clone(),
            _ => self.name.clone(),
        };
        let fixed_edge = (own && self.for_edge)
            .then(|| EdgeAttr::by_graphml_name(name))
            .flatten();
        self.edge_field = match (name, fixed_edge) {
            (_, Some(a)) => Field::Edge(a),
            ("relation", None) => Field::RelationGuess(0),
            ("kind", None) => Field::RelationGuess(1),
            ("label", None) => Field::RelationGuess(2),
            _ => Field::Dropped,
        };
    }

    fn fits(&self, node: bool) -> bool {
        if node { self.for_node } else { self.for_edge }
    }
}

/// The element being read, innermost last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    Key,
    Desc,
    Default,
    Graph,
    Node,
    Edge,
    Data,
    Other,
}

impl Elem {
    /// The element's name, for messages: `root` at depth 0, `…` for another element llmkg
    /// does not read.
    fn name(self, depth: usize, root: &str) -> &str {
        match self {
            Elem::Key => "key",
            Elem::Desc => "desc",
            Elem::Default => "default",
            Elem::Graph => "graph",
            Elem::Node => "node",
            Elem::Edge => "edge",
            Elem::Data => "data",
            Elem::Other if depth == 0 => root,
            Elem::Other => "…",
        }
    }
}

/// A node or edge being read: its attributes and data values.
struct Item {
    id: String,
    source: String,
    target: String,
    line: u64,
    data: Vec<Datum>,
}

/// A `<data>` value: (key index, text, line).
type Datum = (usize, String, u64);

/// Where the reading is: the open elements, innermost last, the node or edge being read, and
/// the value being collected.
#[derive(Default)]
struct Cursor {
    stack: Vec<Elem>,
    item: Option<Item>,
    /// The text of the `<data>`, `<desc>` or `<default>` being read.
    buf: String,
    /// The key of the `<data>` being read.
    data_key: usize,
    /// The line the value being read starts on.
    data_line: u64,
    /// Whether the `<data>` being read holds markup (yEd's node graphics), which is skipped.
    data_markup: bool,
    /// The root element's name, once it has opened (to say which element a cut-off file left
    /// open, or what a file without a `<graph>` holds).
    root: Option<String>,
    /// Whether a `<graph>` was opened.
    graph: bool,
}

impl Cursor {
    /// Whether text read now belongs to a value (a `<data>`, `<desc>` or `<default>`).
    fn collecting(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Elem::Data | Elem::Desc | Elem::Default)
        )
    }
}

/// The findings about what a file's nodes and edges lost or had guessed.
#[derive(Default)]
struct Findings {
    default_relation: Tally,
    unknown_relation: Tally,
    unknown_kind: Tally,
    dropped: Tally,
    non_finite: Tally,
    repeated_edge_id: Tally,
}

impl Findings {
    fn report(&self, sink: &mut Sink) {
        let tallies = [
            (
                &self.default_relation,
                Severity::Info,
                Code::DefaultRelation,
                "edges name no relation, read as derived_from",
            ),
            (
                &self.unknown_relation,
                Severity::Warning,
                Code::UnknownRelation,
                "edge relations outside llmkg's vocabulary, read as derived_from",
            ),
            (
                &self.unknown_kind,
                Severity::Info,
                Code::UnknownKind,
                "node kinds other than model, organization, method, read as model (the value kept as attribute kind)",
            ),
            (
                &self.dropped,
                Severity::Info,
                Code::EdgeAttributeDropped,
                "edge attributes llmkg's edges cannot hold, left out",
            ),
            (
                &self.non_finite,
                Severity::Warning,
                Code::NonFinite,
                "NaN or infinite numbers, left out",
            ),
            (
                &self.repeated_edge_id,
                Severity::Warning,
                Code::DuplicateEdgeId,
                "edge ids given to an earlier edge too (an id names one element of a GraphML document), every edge kept",
            ),
        ];
        for (t, severity, code, what) in tallies {
            t.report(sink, severity, code, what);
        }
    }
}

struct Parser<'t, 's, 'g> {
    sink: &'s mut Sink<'g>,
    lines: Lines<'t>,
    keys: Vec<Key>,
    key_ids: HashMap<String, usize>,
    file: Name,
    src: Name,
    edges: Vec<PendingEdge>,
    /// The line of the first edge with each id.
    edge_ids: HashMap<String, u64>,
    findings: Findings,
}

/// Adds the GraphML graph in `text` (the contents of `file`) to `g`.
pub fn add(g: &mut Graph, file: &str, text: &str) -> Result<()> {
    let mut sink = Sink::new(g, file);
    let mut p = Parser {
        file: file.into(),
        src: SOURCE.into(),
        sink: &mut sink,
        lines: Lines::new(text),
        keys: Vec::new(),
        key_ids: HashMap::default(),
        edges: Vec::new(),
        edge_ids: HashMap::default(),
        findings: Findings::default(),
    };
    p.read(text)?;
    let edges = std::mem::take(&mut p.edges);
    let findings = std::mem::take(&mut p.findings);
    findings.report(&mut sink);
    sink.edges(edges)
}

impl<'t, 's, 'g> Parser<'t, 's, 'g> {
    fn err(&mut self, offset: u64, message: impl Into<String>) -> Error {
        let line = self.lines.at(offset as usize);
        self.sink.error(Some(line), message)
    }

    fn attrs(&mut self, e: &BytesStart, offset: u64) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|x| self.err(offset, format!("malformed XML attribute: {x}")))?;
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|x| self.err(offset, format!("malformed XML attribute {key}: {x}")))?;
            out.push((key, value.into_owned()));
        }
        Ok(out)
    }

    fn required(
        &mut self,
        attrs: &[(String, String)],
        name: &str,
        elem: &str,
        offset: u64,
    ) -> Result<String> {
        let found = attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone());
        self.present(found, name, elem, offset)
    }

    fn present(
        &mut self,
        found: Option<String>,
        name: &str,
        elem: &str,
        offset: u64,
    ) -> Result<String> {
        found.ok_or_else(|| {
            self.err(
                offset,
                format!("<{elem}> without its {name} attribute: expected <{elem} {name}=\"...\">"),
            )
        })
    }

    /// The values of the attributes `names` of element `elem` (the first of each name), every
    /// attribute checked as [`Parser::attrs`] checks them but only these copied: a node, an edge
    /// and a data value each read without building a list of their attributes.
    fn required_values<const N: usize>(
        &mut self,
        e: &BytesStart,
        names: [&str; N],
        elem: &str,
        offset: u64,
    ) -> Result<[String; N]> {
        let mut found: [Option<String>; N] = std::array::from_fn(|_| None);
        for a in e.attributes() {
            let a = a.map_err(|x| self.err(offset, format!("malformed XML attribute: {x}")))?;
            let key = a.key.local_name();
            let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|x| {
                let key = key.as_ref();
                self.err(offset, format!("malformed XML attribute {key}: {x}"))
            })?;
            if let Some(i) = names.iter().position(|n| *n == key.as_ref())
                && found[i].is_none()
            {
                found[i] = Some(value.into_owned());
            }
        }
        let mut out: [String; N] = std::array::from_fn(|_| String::new());
        for (i, f) in found.into_iter().enumerate() {
            out[i] = self.present(f, names[i], elem, offset)?;
        }
        Ok(out)
    }

    /// Reads the document, event by event.
    fn read(&mut self, text: &'t str) -> Result<()> {
        let mut r = Reader::from_str(text);
        let mut cur = Cursor::default();
        loop {
            let offset = r.buffer_position();
            let ev = match r.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let at = r.error_position();
                    return Err(self.err(at, format!("malformed XML: {e}")));
                }
            };
            match ev {
                Event::Eof => return self.at_end(&cur, text.trim_end().len()),
                Event::DocType(d) => self.doc_type(&d, offset)?,
                Event::Start(e) => self.start(&e, offset, &mut cur)?,
                Event::Empty(e) => {
                    self.start(&e, offset, &mut cur)?;
                    self.end(&mut cur)?;
                }
                Event::End(_) => self.end(&mut cur)?,
                Event::Text(t) => {
                    if cur.collecting() {
                        cur.buf.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if cur.collecting() {
                        cur.buf.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    let text = self.reference(&r, offset)?;
                    if cur.collecting() {
                        cur.buf.push_str(&text);
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
    }

    /// The document ended (its last text at byte `len`): it must have had a root element,
    /// closed it, and held a `<graph>`. An empty or cut-off file is an error, not an empty graph.
    fn at_end(&mut self, cur: &Cursor, len: usize) -> Result<()> {
        const LAYOUT: &str =
            "GraphML holds its nodes and edges in <graphml><graph>...</graph></graphml>";
        let help = format!("is the file cut off? {LAYOUT}; export or download it again");
        let Some(root) = &cur.root else {
            return Err(self
                .sink
                .error(None, "empty GraphML: no <graphml> element")
                .with_help(help));
        };
        if !cur.stack.is_empty() {
            let open: Vec<String> = (cur.stack.iter().enumerate())
                .map(|(depth, e)| format!("<{}>", e.name(depth, root)))
                .collect();
            let message = format!(
                "truncated GraphML: the file ends inside {}, with {} element(s) never closed ({})",
                open[open.len() - 1],
                open.len(),
                open.join(", ")
            );
            return Err(self.err(len as u64, message).with_help(help));
        }
        if !cur.graph {
            let message = format!("no <graph> element (the root element <{root}> holds none)");
            return Err(self.sink.error(None, message).with_help(LAYOUT));
        }
        Ok(())
    }

    /// A DOCTYPE is skipped, unless it declares entities.
    fn doc_type(&mut self, d: &BytesText, offset: u64) -> Result<()> {
        if d.as_ref()
            .as_bytes()
            .windows(8)
            .any(|w| w.eq_ignore_ascii_case(b"<!ENTITY"))
        {
            return Err(self.err(
                offset,
                "the DOCTYPE declares entities, which are never expanded: remove the DOCTYPE",
            ));
        }
        Ok(())
    }

    /// The text of a character reference or of one of the five XML entities; any other
    /// entity is an error.
    fn reference(&mut self, r: &BytesRef, offset: u64) -> Result<String> {
        let c = match r.resolve_char_ref() {
            Ok(c) => c,
            Err(e) => return Err(self.err(offset, format!("bad character reference: {e}"))),
        };
        let name = r.xml10_content();
        match c {
            Some(c) => Ok(c.to_string()),
            None => match resolve_predefined_entity(&name) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.err(
                    offset,
                    format!(
                        "unknown entity &{name}; (only the five XML entities and character references are read; entities are never expanded)"
                    ),
                )),
            },
        }
    }

    /// An element starts (an empty one ends right after).
    fn start(&mut self, e: &BytesStart, offset: u64, cur: &mut Cursor) -> Result<()> {
        // markup inside a value (yEd's node graphics): not a value llmkg can keep
        if cur.stack.last() == Some(&Elem::Data) {
            cur.data_markup = true;
        }
        if cur.root.is_none() {
            cur.root = Some(e.name().as_ref().to_string());
        }
        let elem = self.open(e, offset, cur)?;
        if matches!(elem, Elem::Data | Elem::Desc | Elem::Default) {
            cur.buf.clear();
            cur.data_markup = false;
            cur.data_line = self.lines.at(offset as usize);
        }
        cur.stack.push(elem);
        Ok(())
    }

    /// Which element `e` is, and what it starts: a key declared, the keys classified (at the
    /// graph, which every key comes before), a node or edge, a data value.
    fn open(&mut self, e: &BytesStart, offset: u64, cur: &mut Cursor) -> Result<Elem> {
        let parent = cur.stack.last().copied();
        Ok(match (e.local_name().as_ref(), parent) {
            ("key", _) => {
                let a = self.attrs(e, offset)?;
                self.key(&a, offset)?;
                Elem::Key
            }
            ("desc", Some(Elem::Key)) => Elem::Desc,
            ("default", Some(Elem::Key)) => Elem::Default,
            ("graph", Some(Elem::Node | Elem::Edge)) => {
                return Err(self.err(
                    offset,
                    "nested graphs (a <graph> inside a node) are not supported",
                ));
            }
            ("graph", _) => {
                cur.graph = true;
                self.classify_keys();
                Elem::Graph
            }
            ("node", Some(Elem::Graph)) => {
                cur.item = Some(self.item(e, offset, true)?);
                Elem::Node
            }
            ("edge", Some(Elem::Graph)) => {
                cur.item = Some(self.item(e, offset, false)?);
                Elem::Edge
            }
            ("data", Some(Elem::Node | Elem::Edge)) => {
                let [key] = self.required_values(e, ["key"], "data", offset)?;
                cur.data_key = self.key_index(&key, parent == Some(Elem::Node), offset)?;
                Elem::Data
            }
            _ => Elem::Other,
        })
    }

    /// Classifies every key, the file being llmkg's own when it declares the node origin's and
    /// the edge evidence's source.
    fn classify_keys(&mut self) {
        let declares =
            |attr: &str, node: bool| self.keys.iter().any(|k| k.name == attr && k.fits(node));
        let own = declares(NodeAttr::OriginSource.row().name, true)
            && declares(EdgeAttr::EvidenceSource.row().name, false);
        for k in &mut self.keys {
            k.classify(own);
        }
    }

    /// A node (`<node id>`) or an edge (`<edge source target>`) that starts at `offset`.
    fn item(&mut self, e: &BytesStart, offset: u64, node: bool) -> Result<Item> {
        let (id, source, target) = if node {
            let [id] = self.required_values(e, ["id"], "node", offset)?;
            (id, String::new(), String::new())
        } else {
            let [source, target] = self.required_values(e, ["source", "target"], "edge", offset)?;
            (String::new(), source, target)
        };
        let line = self.lines.at(offset as usize);
        if !node && let Some(id) = edge_id(e) {
            self.repeated_edge_id(id, line);
        }
        Ok(Item {
            id,
            source,
            target,
            line,
            data: Vec::new(),
        })
    }

    /// Notes an edge id given before (GraphML ids are unique; llmkg keeps both edges).
    fn repeated_edge_id(&mut self, id: String, line: u64) {
        match self.edge_ids.get(&id) {
            Some(&first) => self
                .findings
                .repeated_edge_id
                .add(|| format!("\"{id}\" at line {line} (first at line {first})")),
            None => {
                self.edge_ids.insert(id, line);
            }
        }
    }

    fn key(&mut self, a: &[(String, String)], offset: u64) -> Result<()> {
        let id = self.required(a, "id", "key", offset)?;
        let get = |n: &str| a.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        let (for_node, for_edge) = match get("for").unwrap_or("all") {
            "node" => (true, false),
            "edge" => (false, true),
            "all" => (true, true),
            _ => (false, false),
        };
        let ty = match get("attr.type").unwrap_or("string") {
            "boolean" => Ty::Bool,
            "int" | "long" => Ty::Int,
            "float" | "double" => Ty::Float,
            _ => Ty::Text,
        };
        if self.key_ids.contains_key(&id) {
            return Err(self.err(offset, format!("duplicate key id \"{id}\"")));
        }
        self.key_ids.insert(id.clone(), self.keys.len());
        self.keys.push(Key {
            name: get("attr.name").unwrap_or(&id).to_string(),
            id,
            for_node,
            for_edge,
            ty,
            desc: None,
            default: None,
            node_field: Field::Unknown,
            edge_field: Field::Unknown,
            attr: String::new(),
        });
        Ok(())
    }

    fn key_index(&mut self, id: &str, node: bool, offset: u64) -> Result<usize> {
        match self.key_ids.get(id) {
            Some(&i) if self.keys[i].fits(node) => Ok(i),
            Some(_) => Err(self.err(
                offset,
                format!(
                    "<data key=\"{id}\"> in {}: the key is declared for another kind of element",
                    if node { "a node" } else { "an edge" }
                ),
            )),
            None => {
                let ids = self
                    .keys
                    .iter()
                    .filter(|k| k.fits(node))
                    .map(|k| k.id.as_str());
                let hint = crate::suggest::closest(id, ids, 1)
                    .first()
                    .map(|s| format!(": did you mean \"{s}\"?"))
                    .unwrap_or_default();
                Err(self.err(
                    offset,
                    format!("<data key=\"{id}\"> names no declared <key>{hint}"),
                ))
            }
        }
    }

    /// An element ends: what it held goes where it belongs.
    fn end(&mut self, cur: &mut Cursor) -> Result<()> {
        match cur.stack.pop() {
            Some(Elem::Desc) => {
                if let Some(k) = self.keys.last_mut() {
                    k.desc = Some(std::mem::take(&mut cur.buf));
                }
            }
            Some(Elem::Default) => {
                if let Some(k) = self.keys.last_mut() {
                    k.default = Some(std::mem::take(&mut cur.buf));
                }
            }
            Some(Elem::Data) if cur.data_markup => cur.buf.clear(),
            Some(Elem::Data) => {
                if let Some(it) = cur.item.as_mut() {
                    it.data
                        .push((cur.data_key, std::mem::take(&mut cur.buf), cur.data_line));
                }
            }
            Some(Elem::Node) => {
                if let Some(it) = cur.item.take() {
                    let node = self.node(it.id, it.line, it.data)?;
                    self.sink.node(node, it.line)?;
                }
            }
            Some(Elem::Edge) => {
                if let Some(it) = cur.item.take() {
                    let edge = self.edge(it.line, it.data)?;
                    self.edges.push(PendingEdge {
                        source: it.source,
                        target: it.target,
                        edge,
                        line: it.line,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn at(&self, line: u64, message: impl Into<String>) -> Error {
        self.sink.error(Some(line), message)
    }

    fn typed(&mut self, key: usize, v: &str, line: u64) -> Result<Option<AttrValue>> {
        let k = &self.keys[key];
        let bad = |what: &str| {
            self.at(
                line,
                format!(
                    "value \"{v}\" of key \"{}\" ({}) is not {what}",
                    k.id, k.name
                ),
            )
        };
        let t = v.trim();
        Ok(Some(match k.ty {
            Ty::Text => AttrValue::Text(v.to_string().into()),
            Ty::Bool => match t.to_ascii_lowercase().as_str() {
                "true" | "1" => AttrValue::Bool(true),
                "false" | "0" => AttrValue::Bool(false),
                _ => return Err(bad("a boolean (true or false)")),
            },
            Ty::Int => match t.parse::<i64>() {
                Ok(i) => AttrValue::Int(i),
                Err(_) => return Err(bad("an integer")),
            },
            Ty::Float => match t.parse::<f64>() {
                Ok(x) if x.is_finite() => AttrValue::Float(x),
                Ok(_) => {
                    let name = k.name.clone();
                    self.findings.non_finite.add(|| format!("{name} = {t}"));
                    return Ok(None);
                }
                Err(_) => return Err(bad("a number")),
            },
        }))
    }

    /// Values of `data` with the `<default>`s of the keys it has no data for.
    fn with_defaults(&self, data: &mut Vec<Datum>, node: bool, line: u64) {
        for (i, k) in self.keys.iter().enumerate() {
            if let Some(d) = &k.default
                && k.fits(node)
                && !data.iter().any(|(j, _, _)| *j == i)
            {
                data.push((i, d.clone(), line));
            }
        }
    }

    /// Where a node or edge read at `line` comes from, unless it says.
    fn here(&self, line: u64) -> Evidence {
        Evidence {
            source: self.src,
            file: Some(self.file),
            line: std::num::NonZeroU32::new(line as u32),
            text: None,
            url: None,
        }
    }

    fn node(&mut self, id: String, line: u64, mut data: Vec<Datum>) -> Result<Node> {
        self.with_defaults(&mut data, true, line);
        let mut n = Node::new(id.clone(), id, NodeKind::Model, self.here(line));
        let mut own_origin = false;
        for (k, v, at) in data {
            match self.keys[k].node_field {
                Field::Node(a) => {
                    if a.origin().is_some() && !own_origin {
                        own_origin = true;
                        n.origin = Evidence {
                            source: "".into(),
                            file: None,
                            line: None,
                            text: None,
                            url: None,
                        };
                    }
                    if let Err(e) = a.read(&mut n, Cow::Owned(v)) {
                        let what = format!("node \"{}\"", n.id);
                        return Err(self.unreadable(e, a.row().name, &what, at));
                    }
                }
                Field::ForeignKind => match v.parse::<NodeKind>() {
                    Ok(kind) => n.kind = kind,
                    Err(_) => {
                        let id = &n.id;
                        self.findings.unknown_kind.add(|| format!("{id}: \"{v}\""));
                        n.attrs.insert("kind".into(), AttrValue::Text(v.into()));
                    }
                },
                Field::Attr => {
                    if let Some(value) = self.typed(k, &v, at)? {
                        n.attrs.insert(self.keys[k].attr.as_str().into(), value);
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// What is wrong with the value of attribute `attr` of `item` (`node "id"`, `an edge`), read
    /// at `line`.
    fn unreadable(&self, e: Unreadable, attr: &str, item: &str, line: u64) -> Error {
        match e {
            Unreadable::Json(e) => self.at(
                line,
                format!("{attr} of {item} is not the JSON list llmkg writes: {e}"),
            ),
            Unreadable::Bad(m) => self.at(line, m),
        }
    }

    fn edge(&mut self, line: u64, mut data: Vec<Datum>) -> Result<Edge> {
        self.with_defaults(&mut data, false, line);
        let mut relation = None;
        let mut guess: Option<(u8, String)> = None;
        let mut edge = Edge::new(DEFAULT_RELATION, self.here(line));
        let mut own_evidence = false;
        for (k, v, at) in data {
            match self.keys[k].edge_field {
                Field::Edge(EdgeAttr::Relation) => {
                    relation = Some(v.parse::<Relation>().map_err(|m| self.at(at, m))?)
                }
                Field::Edge(a) => {
                    if a.evidence().is_some() && !own_evidence {
                        own_evidence = true;
                        edge.evidence.file = None;
                        edge.evidence.line = None;
                    }
                    if let Err(e) = a.read(&mut edge, &v) {
                        return Err(self.unreadable(e, a.row().name, "an edge", at));
                    }
                }
                Field::RelationGuess(p) if guess.as_ref().is_none_or(|(q, _)| p < *q) => {
                    guess = Some((p, v));
                }
                Field::Dropped => {
                    let name = &self.keys[k].name;
                    self.findings.dropped.add(|| format!("line {line}: {name}"));
                }
                _ => {}
            }
        }
        edge.relation = self.relation(relation, guess, line);
        Ok(edge)
    }

    /// An edge's relation: its own, else the best guess from another tool's columns, else (with
    /// a finding) the default.
    fn relation(
        &mut self,
        own: Option<Relation>,
        guess: Option<(u8, String)>,
        line: u64,
    ) -> Relation {
        match (own, guess) {
            (Some(r), _) => r,
            (None, Some((_, v))) => v.parse().unwrap_or_else(|_| {
                self.findings
                    .unknown_relation
                    .add(|| format!("line {line}: \"{v}\""));
                DEFAULT_RELATION
            }),
            (None, None) => {
                self.findings
                    .default_relation
                    .add(|| format!("line {line}"));
                DEFAULT_RELATION
            }
        }
    }
}

/// The `id` attribute of an edge, if it has a readable one (the attributes were checked when
/// the edge's ends were read).
fn edge_id(e: &BytesStart) -> Option<String> {
    let a = e.try_get_attribute("id").ok()??;
    a.normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}
