//! Reads GraphML into the graph: llmkg's own `graph.graphml` losslessly, and GraphML written by
//! other tools (NetworkX, igraph, Gephi, yEd) with their attributes carried through.
//!
//! Read with quick-xml, streaming, in one pass. Entities are never expanded: a `<!DOCTYPE>` that
//! declares any (`<!ENTITY`) is refused, any other DOCTYPE is skipped, and a reference to an
//! entity other than the five predefined ones and character references is an error.
//!
//! **Own files** (keys `n_<field>` / `e_<field>` as `graphml::write` writes them): every node
//! field, attribute (`n_a_*` keys, the name from the key's `<desc>` where the declared name had
//! to differ), relation and evidence comes back; the drawing columns `organization`,
//! `organizations`, `descendants` and the edge ids are derived and skipped.
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

use super::{EDGE_KEYS, NODE_KEYS};
use crate::error::{Error, Result, Severity};
use crate::formats::import::{Lines, PendingEdge, SOURCE, Sink, Tally};
use crate::graph::Graph;
use crate::model::{AttrValue, Date, Edge, Evidence, Node, NodeKind, Relation};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use rustc_hash::FxHashMap as HashMap;

pub use crate::formats::import::DEFAULT_RELATION;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Bool,
    Int,
    Float,
    Text,
}

/// What a key's values mean.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    // own node fields
    Label,
    Kind,
    Aliases,
    Released,
    Sizes,
    SizesB,
    Links,
    Description,
    Corrections,
    /// origin (nodes) or evidence (edges): 0 source, 1 file, 2 line, 3 text, 4 url
    Evidence(u8),
    /// derived columns, skipped
    Skip,
    /// another tool's `kind` column
    ForeignKind,
    /// an own `e_relation`
    Relation,
    /// another tool's relation candidate: 0 relation, 1 kind, 2 label
    RelationGuess(u8),
    Attr(String),
    /// an edge attribute with nowhere to go
    Dropped(String),
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
}

const EVIDENCE: [&str; 5] = ["source", "file", "line", "text", "url"];

impl Key {
    /// `own`: the file is llmkg's (it declares `origin_source` for nodes and `evidence_source` for
    /// edges), so keys named as llmkg's fixed columns are those columns: llmkg never gives an
    /// attribute column a fixed column's name. Files from before the `d0` key ids (`n_label`,
    /// `n_a_likes`, `e_relation`) read the same way.
    fn classify(&mut self, own: bool) {
        let name = self.name.as_str();
        let fixed_node = NODE_KEYS.iter().any(|(n, _)| *n == name);
        let own_node = own && self.for_node && fixed_node;
        self.node_field = match name {
            "label" => Field::Label,
            _ if own_node => match name {
                "kind" => Field::Kind,
                "aliases" => Field::Aliases,
                "released" => Field::Released,
                "sizes" => Field::Sizes,
                "sizes_b" => Field::SizesB,
                "links" => Field::Links,
                "description" => Field::Description,
                "corrections" => Field::Corrections,
                "organization" | "organizations" | "descendants" => Field::Skip,
                _ => match name
                    .strip_prefix("origin_")
                    .and_then(|f| EVIDENCE.iter().position(|e| *e == f))
                {
                    Some(i) => Field::Evidence(i as u8),
                    None => Field::Attr(self.name.clone()),
                },
            },
            "kind" => Field::ForeignKind,
            _ => match (&self.desc, own) {
                (Some(d), true) => Field::Attr(d.clone()),
                _ => Field::Attr(self.name.clone()),
            },
        };
        let own_edge = own
            && self.for_edge
            && (name == "edge_id" || EDGE_KEYS.iter().any(|(n, _)| *n == name));
        self.edge_field = match name {
            "relation" if own_edge => Field::Relation,
            "edge_id" if own_edge => Field::Skip,
            _ if own_edge && name.starts_with("evidence_") => {
                match EVIDENCE
                    .iter()
                    .position(|e| Some(*e) == name.strip_prefix("evidence_"))
                {
                    Some(i) => Field::Evidence(i as u8),
                    None => Field::Dropped(self.name.clone()),
                }
            }
            "relation" => Field::RelationGuess(0),
            "kind" => Field::RelationGuess(1),
            "label" => Field::RelationGuess(2),
            _ => Field::Dropped(self.name.clone()),
        };
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

/// A node or edge being read: its attributes and data values (key index, text).
struct Item {
    id: String,
    source: String,
    target: String,
    line: u64,
    /// (key index, text, line)
    data: Vec<(usize, String, u64)>,
}

struct Parser<'t, 's, 'g> {
    sink: &'s mut Sink<'g>,
    lines: Lines<'t>,
    keys: Vec<Key>,
    key_ids: HashMap<String, usize>,
    file: crate::model::Name,
    src: crate::model::Name,
    edges: Vec<PendingEdge>,
    default_relation: Tally,
    unknown_relation: Tally,
    unknown_kind: Tally,
    dropped: Tally,
    non_finite: Tally,
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
        default_relation: Tally::default(),
        unknown_relation: Tally::default(),
        unknown_kind: Tally::default(),
        dropped: Tally::default(),
        non_finite: Tally::default(),
    };
    p.read(text)?;
    let edges = std::mem::take(&mut p.edges);
    let tallies = [
        (
            std::mem::take(&mut p.default_relation),
            Severity::Info,
            "default-relation",
            "edges name no relation, read as derived_from",
        ),
        (
            std::mem::take(&mut p.unknown_relation),
            Severity::Warning,
            "unknown-relation",
            "edge relations outside llmkg's vocabulary, read as derived_from",
        ),
        (
            std::mem::take(&mut p.unknown_kind),
            Severity::Info,
            "unknown-kind",
            "node kinds other than model, organization, method, read as model (the value kept as attribute kind)",
        ),
        (
            std::mem::take(&mut p.dropped),
            Severity::Info,
            "edge-attribute-dropped",
            "edge attributes llmkg's edges cannot hold, left out",
        ),
        (
            std::mem::take(&mut p.non_finite),
            Severity::Warning,
            "non-finite",
            "NaN or infinite numbers, left out",
        ),
    ];
    drop(p);
    for (t, severity, code, what) in tallies {
        t.report(&mut sink, severity, code, what);
    }
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
        match attrs.iter().find(|(k, _)| k == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(self.err(
                offset,
                format!("<{elem}> without its {name} attribute: expected <{elem} {name}=\"...\">"),
            )),
        }
    }

    fn read(&mut self, text: &'t str) -> Result<()> {
        let mut r = Reader::from_str(text);
        let mut stack: Vec<Elem> = Vec::new();
        let mut item: Option<Item> = None;
        let mut buf = String::new();
        let mut data_key: usize = 0;
        let mut data_line: u64 = 0;
        let mut data_markup = false;
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
                Event::Eof => break,
                Event::DocType(d) => {
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
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    // markup inside a value (yEd's node graphics): not a value llmkg can keep
                    if stack.last() == Some(&Elem::Data) {
                        data_markup = true;
                    }
                    let name = e.local_name();
                    let parent = stack.last().copied();
                    let elem = match (name.as_ref(), parent) {
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
                            // every key is declared before the graph: classify them now
                            let declares = |name: &str, node: bool| {
                                self.keys.iter().any(|k| {
                                    k.name == name && if node { k.for_node } else { k.for_edge }
                                })
                            };
                            let own = declares("origin_source", true)
                                && declares("evidence_source", false);
                            for k in &mut self.keys {
                                k.classify(own);
                            }
                            Elem::Graph
                        }
                        ("node", Some(Elem::Graph)) => {
                            let a = self.attrs(e, offset)?;
                            let id = self.required(&a, "id", "node", offset)?;
                            let line = self.lines.at(offset as usize);
                            item = Some(Item {
                                id,
                                source: String::new(),
                                target: String::new(),
                                line,
                                data: Vec::new(),
                            });
                            Elem::Node
                        }
                        ("edge", Some(Elem::Graph)) => {
                            let a = self.attrs(e, offset)?;
                            let source = self.required(&a, "source", "edge", offset)?;
                            let target = self.required(&a, "target", "edge", offset)?;
                            let line = self.lines.at(offset as usize);
                            item = Some(Item {
                                id: String::new(),
                                source,
                                target,
                                line,
                                data: Vec::new(),
                            });
                            Elem::Edge
                        }
                        ("data", Some(Elem::Node | Elem::Edge)) => {
                            let a = self.attrs(e, offset)?;
                            let key = self.required(&a, "key", "data", offset)?;
                            data_key = self.key_index(&key, parent == Some(Elem::Node), offset)?;
                            Elem::Data
                        }
                        _ => Elem::Other,
                    };
                    if matches!(elem, Elem::Data | Elem::Desc | Elem::Default) {
                        buf.clear();
                        data_markup = false;
                        data_line = self.lines.at(offset as usize);
                    }
                    stack.push(elem);
                    if empty {
                        self.end(
                            &mut stack,
                            &mut item,
                            &mut buf,
                            (data_key, data_line, data_markup),
                        )?;
                    }
                }
                Event::End(_) => self.end(
                    &mut stack,
                    &mut item,
                    &mut buf,
                    (data_key, data_line, data_markup),
                )?,
                Event::Text(t) => {
                    if collecting(&stack) {
                        buf.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if collecting(&stack) {
                        buf.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => None,
                        Err(e) => {
                            return Err(self.err(offset, format!("bad character reference: {e}")));
                        }
                    };
                    let name = r.xml10_content();
                    let text = match c {
                        Some(c) => c.to_string(),
                        None => match resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(self.err(
                                    offset,
                                    format!(
                                        "unknown entity &{name}; (only the five XML entities and character references are read; entities are never expanded)"
                                    ),
                                ));
                            }
                        },
                    };
                    if collecting(&stack) {
                        buf.push_str(&text);
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
        Ok(())
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
            node_field: Field::Skip,
            edge_field: Field::Skip,
        });
        Ok(())
    }

    fn key_index(&mut self, id: &str, node: bool, offset: u64) -> Result<usize> {
        let fits = |k: &Key| if node { k.for_node } else { k.for_edge };
        match self.key_ids.get(id) {
            Some(&i) if fits(&self.keys[i]) => Ok(i),
            Some(_) => Err(self.err(
                offset,
                format!(
                    "<data key=\"{id}\"> in {}: the key is declared for another kind of element",
                    if node { "a node" } else { "an edge" }
                ),
            )),
            None => {
                let ids = self.keys.iter().filter(|k| fits(k)).map(|k| k.id.as_str());
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

    fn end(
        &mut self,
        stack: &mut Vec<Elem>,
        item: &mut Option<Item>,
        buf: &mut String,
        (data_key, data_line, markup): (usize, u64, bool),
    ) -> Result<()> {
        match stack.pop() {
            Some(Elem::Desc) => {
                if let Some(k) = self.keys.last_mut() {
                    k.desc = Some(std::mem::take(buf));
                }
            }
            Some(Elem::Default) => {
                if let Some(k) = self.keys.last_mut() {
                    k.default = Some(std::mem::take(buf));
                }
            }
            Some(Elem::Data) if markup => buf.clear(),
            Some(Elem::Data) => {
                if let Some(it) = item.as_mut() {
                    it.data.push((data_key, std::mem::take(buf), data_line));
                }
            }
            Some(Elem::Node) => {
                if let Some(it) = item.take() {
                    let node = self.node(it.id, it.line, it.data)?;
                    self.sink.node(node, it.line)?;
                }
            }
            Some(Elem::Edge) => {
                if let Some(it) = item.take() {
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
            Ty::Text => AttrValue::Text(v.to_string()),
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
                    self.non_finite.add(|| format!("{name} = {t}"));
                    return Ok(None);
                }
                Err(_) => return Err(bad("a number")),
            },
        }))
    }

    /// Values of `data` with the `<default>`s of node keys the node has no data for.
    fn with_defaults(&self, data: &mut Vec<(usize, String, u64)>, node: bool, line: u64) {
        for (i, k) in self.keys.iter().enumerate() {
            if let Some(d) = &k.default
                && (if node { k.for_node } else { k.for_edge })
                && !data.iter().any(|(j, _, _)| *j == i)
            {
                data.push((i, d.clone(), line));
            }
        }
    }

    fn node(&mut self, id: String, line: u64, mut data: Vec<(usize, String, u64)>) -> Result<Node> {
        self.with_defaults(&mut data, true, line);
        let at = || Evidence {
            source: self.src,
            file: Some(self.file),
            line: Some(line as u32),
            text: None,
            url: None,
        };
        let mut n = Node::new(id.clone(), id, NodeKind::Model, at());
        let mut own_origin = false;
        for (k, v, offset) in data {
            let field = self.keys[k].node_field.clone();
            let json_err = |e: serde_json::Error, what: &str| {
                format!(
                    "{what} of node \"{}\" is not the JSON list llmkg writes: {e}",
                    n.id
                )
            };
            match field {
                Field::Label => n.label = v,
                Field::Kind => {
                    n.kind = v.parse().map_err(|m: String| self.at(offset, m))?;
                }
                Field::ForeignKind => match v.parse::<NodeKind>() {
                    Ok(kind) => n.kind = kind,
                    Err(_) => {
                        let id = n.id.clone();
                        self.unknown_kind.add(|| format!("{id}: \"{v}\""));
                        n.attrs.insert("kind".into(), AttrValue::Text(v));
                    }
                },
                Field::Aliases => {
                    n.aliases = serde_json::from_str(&v)
                        .map_err(|e| self.at(offset, json_err(e, "aliases")))?
                }
                Field::Sizes => {
                    n.sizes = serde_json::from_str(&v)
                        .map_err(|e| self.at(offset, json_err(e, "sizes")))?
                }
                Field::SizesB => {
                    n.sizes_b = serde_json::from_str(&v)
                        .map_err(|e| self.at(offset, json_err(e, "sizes_b")))?
                }
                Field::Links => {
                    n.links = serde_json::from_str(&v)
                        .map_err(|e| self.at(offset, json_err(e, "links")))?
                }
                Field::Corrections => {
                    n.corrections = serde_json::from_str(&v)
                        .map_err(|e| self.at(offset, json_err(e, "corrections")))?
                }
                Field::Released => {
                    n.released = Some(v.parse::<Date>().map_err(|m| self.at(offset, m))?)
                }
                Field::Description => n.description = Some(v),
                Field::Evidence(i) => {
                    if !own_origin {
                        own_origin = true;
                        n.origin = Evidence {
                            source: "".into(),
                            file: None,
                            line: None,
                            text: None,
                            url: None,
                        };
                    }
                    self.evidence(&mut n.origin, i, v, offset)?;
                }
                Field::Attr(name) => {
                    if let Some(value) = self.typed(k, &v, offset)? {
                        n.attrs.insert(name, value);
                    }
                }
                Field::Skip | Field::Relation | Field::RelationGuess(_) | Field::Dropped(_) => {}
            }
        }
        Ok(n)
    }

    fn evidence(&mut self, ev: &mut Evidence, i: u8, v: String, line: u64) -> Result<()> {
        match i {
            0 => ev.source = v.into(),
            1 => ev.file = Some(v.into()),
            2 => {
                ev.line = Some(
                    v.trim()
                        .parse()
                        .map_err(|_| self.at(line, format!("line \"{v}\" is not a line number")))?,
                )
            }
            3 => ev.text = Some(v.into()),
            _ => ev.url = Some(v.into()),
        }
        Ok(())
    }

    fn edge(&mut self, line: u64, mut data: Vec<(usize, String, u64)>) -> Result<Edge> {
        self.with_defaults(&mut data, false, line);
        let mut relation = None;
        let mut guess: Option<(u8, String)> = None;
        let mut evidence = Evidence {
            source: self.src,
            file: Some(self.file),
            line: Some(line as u32),
            text: None,
            url: None,
        };
        let mut own_evidence = false;
        for (k, v, offset) in data {
            match self.keys[k].edge_field.clone() {
                Field::Relation => {
                    relation = Some(v.parse::<Relation>().map_err(|m| self.at(offset, m))?)
                }
                Field::RelationGuess(p) if guess.as_ref().is_none_or(|(q, _)| p < *q) => {
                    guess = Some((p, v));
                }
                Field::Evidence(i) => {
                    if !own_evidence {
                        own_evidence = true;
                        evidence.file = None;
                        evidence.line = None;
                    }
                    self.evidence(&mut evidence, i, v, offset)?;
                }
                Field::Dropped(name) => self.dropped.add(|| format!("line {line}: {name}")),
                _ => {}
            }
        }
        let relation = match (relation, guess) {
            (Some(r), _) => r,
            (None, Some((_, v))) => v.parse().unwrap_or_else(|_| {
                self.unknown_relation
                    .add(|| format!("line {line}: \"{v}\""));
                DEFAULT_RELATION
            }),
            (None, None) => {
                self.default_relation.add(|| format!("line {line}"));
                DEFAULT_RELATION
            }
        };
        Ok(Edge { relation, evidence })
    }
}

/// Whether text read now belongs to a value (a `<data>`, `<desc>` or `<default>`).
fn collecting(stack: &[Elem]) -> bool {
    matches!(stack.last(), Some(Elem::Data | Elem::Desc | Elem::Default))
}
