//! The one attribute schema of the lossless formats: every fixed node and edge attribute, its
//! value type and how each format spells it, in one table ([`NODES`], [`EDGES`]) that every
//! writer iterates to declare its columns and write their values, and every reader iterates to
//! map columns back. An attribute's value is computed here once (`NodeAttr::value`,
//! `EdgeAttr::value`) as a `Value` of a few shapes that each format spells its own way, and a
//! value read back goes into its node here (`NodeAttr::read`). A new attribute is a variant,
//! one row of the table and its value.
//!
//! Node-link JSON needs none of it: it is the model's own serde form, with the `Sources` of
//! each node and edge beside it. Also here: the typed columns the XML formats declare for
//! `Node::attrs` (`extra_columns`).

use crate::formats::style::{self, Organizations};
use crate::graph::{Graph, NodeIx};
use crate::model::{
    AttrValue, Correction, Date, Edge, Evidence, Link, Name, Node, NodeKind, Relation,
};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::io;

/// A fixed attribute of a node, in table order (`NODES[a as usize].attr == a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeAttr {
    Id,
    Label,
    Kind,
    Aliases,
    Released,
    Sizes,
    SizesB,
    /// The node's organization: itself for an organization, else its first by id (derived).
    Organization,
    /// Every organization the node was developed by (derived).
    Organizations,
    /// How many nodes derive from it through lineage relations (derived).
    Descendants,
    Links,
    Description,
    OriginSource,
    OriginFile,
    OriginLine,
    OriginText,
    OriginUrl,
    Corrections,
    /// The kinds of source naming the node, sorted, each once (derived from its evidence: read
    /// back as nothing).
    Sources,
    /// The evidence beyond the origin (`Node::also`), as JSON records.
    MoreEvidence,
}

/// A fixed attribute of an edge, in table order (`EDGES[a as usize].attr == a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EdgeAttr {
    Source,
    Target,
    Relation,
    /// The edge's id in the format (see [`Type::EdgeId`]).
    EdgeId,
    /// Gephi's edge type: always `Directed`.
    Direction,
    /// Gephi's edge weight: always 1 (0 would delete the edge).
    Weight,
    /// Whether lineage queries follow the relation (derived).
    Lineage,
    EvidenceSource,
    EvidenceFile,
    EvidenceLine,
    EvidenceText,
    EvidenceUrl,
    /// The kinds of source asserting the edge, sorted, each once (derived from its evidence:
    /// read back as nothing).
    Sources,
    /// The evidence beyond the first (`Edge::also`), as JSON records.
    MoreEvidence,
}

/// One field of an [`Evidence`]: of a node's origin or of an edge's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EvidenceField {
    Source,
    File,
    Line,
    Text,
    Url,
}

/// The value type of an attribute: which `Value` shape its values take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    /// A text every node or edge has (possibly empty).
    Text,
    /// A text that may be absent.
    OptText,
    Kind,
    /// A date as known (`2023`, `2023-02`, `2023-02-15`), or absent.
    Date,
    /// A list, written as JSON text; an empty list is absent.
    List,
    Count,
    /// A line number, or absent.
    Line,
    /// Another node (an organization), or none.
    Node,
    Relation,
    /// An edge's id: `e` and its place in sorted order in the XML formats;
    /// `<source>-><target>:<relation>` (`#2`, `#3`, ... on repeated edges) in CSV.
    EdgeId,
    Bool,
}

impl Type {
    /// GraphML's `attr.type`.
    pub(crate) fn graphml(self) -> &'static str {
        match self {
            Type::Count => "long",
            Type::Line => "int",
            Type::Bool => "boolean",
            _ => "string",
        }
    }

    /// GEXF's attribute `type`.
    pub(crate) fn gexf(self) -> &'static str {
        match self {
            Type::Count => "long",
            Type::Line => "integer",
            Type::Bool => "boolean",
            _ => "string",
        }
    }
}

/// How an XML format (GraphML, GEXF) carries an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Xml {
    /// A declared column (a GraphML `<key>`, a GEXF `<attribute>`) named by the row's name and
    /// typed by its type, declared in table order (GraphML's key ids `d0`, `d1`, ... follow it).
    Column,
    /// An XML attribute of the `<node>` or `<edge>` element itself (`id`, `source`, `target`,
    /// GEXF's `label`).
    Element,
    Absent,
}

/// How a Neo4j column spells its attribute's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Neo4jAs {
    /// As the value's plain text.
    Plain,
    /// A node kind as a Neo4j label (`Model`).
    Label,
    /// A relation as a relationship type (`FINE_TUNED_FROM`).
    Type,
    /// A date as a full ISO day (day 1 where only the month is known).
    Day,
}

/// A column of a CSV file: its position and header.
pub(crate) type CsvColumn = (u8, &'static str);
/// A column of a Neo4j CSV file: its position, header and how it spells the value.
pub(crate) type Neo4jColumn = (u8, &'static str, Neo4jAs);

/// One attribute: its name, value type and how each format spells it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<A: 'static> {
    pub attr: A,
    /// GraphML's `attr.name`, GEXF's attribute id and title.
    pub name: &'static str,
    pub ty: Type,
    pub graphml: Xml,
    pub gexf: Xml,
    /// The Gephi CSV columns holding it (none, one, or the same value twice).
    pub csv: &'static [CsvColumn],
    /// The Neo4j CSV columns holding it.
    pub neo4j: &'static [Neo4jColumn],
}

const fn row<A>(
    attr: A,
    name: &'static str,
    ty: Type,
    graphml: Xml,
    gexf: Xml,
    csv: &'static [CsvColumn],
    neo4j: &'static [Neo4jColumn],
) -> Row<A> {
    Row {
        attr,
        name,
        ty,
        graphml,
        gexf,
        csv,
        neo4j,
    }
}

use Neo4jAs::{Day, Plain};
use Xml::{Absent, Column, Element};

/// Every fixed node attribute and how each format spells it.
#[rustfmt::skip]
pub(crate) const NODES: [Row<NodeAttr>; 20] = {
    use NodeAttr as N;
    use Type as T;
    [
    //  attribute         name             type        GraphML  GEXF     CSV columns                Neo4j columns
    row(N::Id,            "id",            T::Text,    Element, Element, &[(0, "Id")],              &[(0, "id:ID(Entity)", Plain)]),
    row(N::Label,         "label",         T::Text,    Column,  Element, &[(1, "Label")],           &[(1, "name", Plain)]),
    row(N::Kind,          "kind",          T::Kind,    Column,  Column,  &[(2, "Kind")],            &[(2, ":LABEL", Neo4jAs::Label), (3, "kind", Plain)]),
    row(N::Aliases,       "aliases",       T::List,    Column,  Column,  &[(7, "Aliases")],         &[(8, "aliases:string[]", Plain)]),
    row(N::Released,      "released",      T::Date,    Column,  Column,  &[(3, "Released")],        &[(4, "released:date", Day), (7, "released_text", Plain)]),
    row(N::Sizes,         "sizes",         T::List,    Column,  Column,  &[(4, "Sizes")],           &[(6, "sizes:string[]", Plain)]),
    row(N::SizesB,        "sizes_b",       T::List,    Column,  Column,  &[(6, "Sizes_b")],         &[(5, "sizes_b:float[]", Plain)]),
    row(N::Organization,  "organization",  T::Node,    Column,  Column,  &[(5, "Organization")],    &[]),
    row(N::Organizations, "organizations", T::List,    Column,  Column,  &[],                       &[]),
    row(N::Descendants,   "descendants",   T::Count,   Column,  Column,  &[],                       &[]),
    row(N::Links,         "links",         T::List,    Column,  Column,  &[(8, "Links")],           &[]),
    row(N::Description,   "description",   T::OptText, Column,  Column,  &[(9, "Description")],     &[(9, "description", Plain)]),
    row(N::OriginSource,  "origin_source", T::Text,    Column,  Column,  &[(10, "Origin_source")],  &[(10, "origin_source", Plain)]),
    row(N::OriginFile,    "origin_file",   T::OptText, Column,  Column,  &[(11, "Origin_file")],    &[(11, "origin_file", Plain)]),
    row(N::OriginLine,    "origin_line",   T::Line,    Column,  Column,  &[(12, "Origin_line")],    &[(12, "origin_line:int", Plain)]),
    row(N::OriginText,    "origin_text",   T::OptText, Column,  Column,  &[(13, "Origin_text")],    &[(13, "origin_text", Plain)]),
    row(N::OriginUrl,     "origin_url",    T::OptText, Column,  Column,  &[(14, "Origin_url")],     &[(14, "origin_url", Plain)]),
    row(N::Corrections,   "corrections",   T::List,    Column,  Column,  &[(15, "Corrections")],    &[]),
    row(N::Sources,       "sources",       T::List,    Column,  Column,  &[(16, "Sources")],        &[(15, "sources:string[]", Plain)]),
    row(N::MoreEvidence,  "more_evidence", T::List,    Column,  Column,  &[(17, "More_evidence")],  &[(16, "more_evidence", Plain)]),
    ]
};

/// Every fixed edge attribute and how each format spells it. GEXF also writes the relation as
/// the edge's `kind` and `label`, so Gephi keeps parallel edges of different relations apart.
#[rustfmt::skip]
pub(crate) const EDGES: [Row<EdgeAttr>; 14] = {
    use EdgeAttr as E;
    use Type as T;
    [
    //  attribute          name               type         GraphML  GEXF     CSV columns                    Neo4j columns
    row(E::Source,         "source",          T::Text,     Element, Element, &[(0, "Source")],              &[(0, ":START_ID(Entity)", Plain)]),
    row(E::Target,         "target",          T::Text,     Element, Element, &[(1, "Target")],              &[(1, ":END_ID(Entity)", Plain)]),
    row(E::Relation,       "relation",        T::Relation, Column,  Column,  &[(3, "Kind"), (5, "Label")],   &[(2, ":TYPE", Neo4jAs::Type), (3, "relation", Plain)]),
    row(E::EdgeId,         "edge_id",         T::EdgeId,   Column,  Element, &[(4, "Id")],                  &[]),
    row(E::Direction,      "direction",       T::Text,     Absent,  Absent,  &[(2, "Type")],                &[]),
    row(E::Weight,         "weight",          T::Count,    Absent,  Absent,  &[(6, "Weight")],              &[]),
    row(E::Lineage,        "lineage",         T::Bool,     Absent,  Absent,  &[],                           &[(4, "lineage:boolean", Plain)]),
    row(E::EvidenceSource, "evidence_source", T::Text,     Column,  Column,  &[(7, "Evidence_source")],     &[(5, "evidence_source", Plain)]),
    row(E::EvidenceFile,   "evidence_file",   T::OptText,  Column,  Column,  &[(8, "Evidence_file")],       &[(6, "evidence_file", Plain)]),
    row(E::EvidenceLine,   "evidence_line",   T::Line,     Column,  Column,  &[(9, "Evidence_line")],       &[(7, "evidence_line:int", Plain)]),
    row(E::EvidenceText,   "evidence_text",   T::OptText,  Column,  Column,  &[(10, "Evidence_text")],      &[(8, "evidence_text", Plain)]),
    row(E::EvidenceUrl,    "evidence_url",    T::OptText,  Column,  Column,  &[(11, "Evidence_url")],       &[(9, "evidence_url", Plain)]),
    row(E::Sources,        "sources",         T::List,     Column,  Column,  &[(12, "Sources")],            &[(10, "sources:string[]", Plain)]),
    row(E::MoreEvidence,   "more_evidence",   T::List,     Column,  Column,  &[(13, "More_evidence")],      &[(11, "more_evidence", Plain)]),
    ]
};

/// The Gephi CSV columns of `rows` in order: (header, attribute).
pub(crate) fn csv_columns<A: Copy>(rows: &[Row<A>]) -> Vec<(&'static str, A)> {
    let mut cols: Vec<(u8, &'static str, A)> = rows
        .iter()
        .flat_map(|r| {
            r.csv
                .iter()
                .map(move |&(pos, header)| (pos, header, r.attr))
        })
        .collect();
    cols.sort_by_key(|c| c.0);
    cols.into_iter().map(|(_, h, a)| (h, a)).collect()
}

/// The Neo4j columns of `rows` in order: (header, attribute, spelling).
pub(crate) fn neo4j_columns<A: Copy>(rows: &[Row<A>]) -> Vec<(&'static str, A, Neo4jAs)> {
    let mut cols: Vec<(u8, &'static str, A, Neo4jAs)> = rows
        .iter()
        .flat_map(|r| {
            r.neo4j
                .iter()
                .map(move |&(pos, h, how)| (pos, h, r.attr, how))
        })
        .collect();
    cols.sort_by_key(|c| c.0);
    cols.into_iter().map(|(_, h, a, how)| (h, a, how)).collect()
}

impl NodeAttr {
    /// Its row of [`NODES`].
    pub(crate) fn row(self) -> &'static Row<NodeAttr> {
        &NODES[self as usize]
    }

    /// The attribute GraphML declares as `name`.
    pub(crate) fn by_graphml_name(name: &str) -> Option<NodeAttr> {
        NODES
            .iter()
            .find(|r| r.graphml == Column && r.name == name)
            .map(|r| r.attr)
    }

    /// The attribute a Gephi CSV column `header` holds.
    pub(crate) fn by_csv_header(header: &str) -> Option<NodeAttr> {
        NODES
            .iter()
            .find(|r| r.csv.iter().any(|&(_, h)| h == header))
            .map(|r| r.attr)
    }

    /// Its first Gephi CSV header.
    pub(crate) fn csv_header(self) -> &'static str {
        self.row().csv[0].1
    }

    /// The field of the node's origin it is, if it is one.
    pub(crate) fn origin(self) -> Option<EvidenceField> {
        match self {
            NodeAttr::OriginSource => Some(EvidenceField::Source),
            NodeAttr::OriginFile => Some(EvidenceField::File),
            NodeAttr::OriginLine => Some(EvidenceField::Line),
            NodeAttr::OriginText => Some(EvidenceField::Text),
            NodeAttr::OriginUrl => Some(EvidenceField::Url),
            _ => None,
        }
    }

    /// The attribute's value for a node.
    #[inline(always)]
    pub(crate) fn value<'a>(self, at: &NodeAt<'a>) -> Value<'a> {
        let n = at.node;
        match self {
            NodeAttr::Id => Value::Text(&n.id),
            NodeAttr::Label => Value::Text(&n.label),
            NodeAttr::Kind => Value::Kind(n.kind),
            NodeAttr::Aliases => Value::List(List::Texts(&n.aliases)),
            NodeAttr::Released => Value::Date(n.released),
            NodeAttr::Sizes => Value::List(List::Texts(&n.sizes)),
            NodeAttr::SizesB => Value::List(List::Numbers(&n.sizes_b)),
            NodeAttr::Organization => Value::Node(at.organization().map(|o| at.g.node(o))),
            NodeAttr::Organizations => Value::List(List::Nodes(at.g, at.organizations())),
            NodeAttr::Descendants => Value::Count(at.descendants()),
            NodeAttr::Links => Value::List(List::Links(&n.links)),
            NodeAttr::Description => Value::OptText(n.description.as_deref()),
            NodeAttr::OriginSource => EvidenceField::Source.value(&n.origin),
            NodeAttr::OriginFile => EvidenceField::File.value(&n.origin),
            NodeAttr::OriginLine => EvidenceField::Line.value(&n.origin),
            NodeAttr::OriginText => EvidenceField::Text.value(&n.origin),
            NodeAttr::OriginUrl => EvidenceField::Url.value(&n.origin),
            NodeAttr::Corrections => Value::List(List::Corrections(&n.corrections)),
            NodeAttr::Sources => Value::List(List::Sources(&n.origin, &n.also)),
            NodeAttr::MoreEvidence => Value::List(List::Evidence(&n.also)),
        }
    }

    /// Puts `v`, the attribute's value as the lossless formats write it (its plain text, after
    /// the format's own unquoting), into the node. The derived attributes are not node data and
    /// are skipped.
    pub(crate) fn read(self, n: &mut Node, v: Cow<'_, str>) -> Result<(), Unreadable> {
        fn json<T: serde::de::DeserializeOwned>(v: &str) -> Result<T, Unreadable> {
            serde_json::from_str(v).map_err(Unreadable::Json)
        }
        match self {
            NodeAttr::Id => n.id = (&*v).into(),
            NodeAttr::Label => n.label = (&*v).into(),
            NodeAttr::Kind => n.kind = v.parse().map_err(Unreadable::Bad)?,
            NodeAttr::Aliases => n.aliases = json(&v)?,
            NodeAttr::Released => n.released = Some(v.parse().map_err(Unreadable::Bad)?),
            NodeAttr::Sizes => n.sizes = json(&v)?,
            NodeAttr::SizesB => n.sizes_b = json(&v)?,
            NodeAttr::Links => n.links = json(&v)?,
            NodeAttr::Description => n.description = Some(v.into_owned().into()),
            NodeAttr::Corrections => n.corrections = json(&v)?,
            NodeAttr::MoreEvidence => n.also = json(&v)?,
            NodeAttr::Organization
            | NodeAttr::Organizations
            | NodeAttr::Descendants
            | NodeAttr::Sources => {}
            origin => {
                if let Some(field) = origin.origin() {
                    field.read(&mut n.origin, &v).map_err(Unreadable::Bad)?;
                }
            }
        }
        Ok(())
    }
}

impl EdgeAttr {
    /// Its row of [`EDGES`].
    pub(crate) fn row(self) -> &'static Row<EdgeAttr> {
        &EDGES[self as usize]
    }

    /// The attribute GraphML declares as `name`.
    pub(crate) fn by_graphml_name(name: &str) -> Option<EdgeAttr> {
        EDGES
            .iter()
            .find(|r| r.graphml == Column && r.name == name)
            .map(|r| r.attr)
    }

    /// Its Gephi CSV headers.
    pub(crate) fn csv_headers(self) -> impl Iterator<Item = &'static str> {
        self.row().csv.iter().map(|&(_, h)| h)
    }

    /// Its first Gephi CSV header.
    pub(crate) fn csv_header(self) -> &'static str {
        self.row().csv[0].1
    }

    /// The field of the edge's evidence it is, if it is one.
    pub(crate) fn evidence(self) -> Option<EvidenceField> {
        match self {
            EdgeAttr::EvidenceSource => Some(EvidenceField::Source),
            EdgeAttr::EvidenceFile => Some(EvidenceField::File),
            EdgeAttr::EvidenceLine => Some(EvidenceField::Line),
            EdgeAttr::EvidenceText => Some(EvidenceField::Text),
            EdgeAttr::EvidenceUrl => Some(EvidenceField::Url),
            _ => None,
        }
    }

    /// The attribute's value for an edge.
    #[inline(always)]
    pub(crate) fn value<'a>(self, at: &'a EdgeAt<'a>) -> Value<'a> {
        let ev = &at.edge.evidence;
        match self {
            EdgeAttr::Source => Value::Text(&at.source.id),
            EdgeAttr::Target => Value::Text(&at.target.id),
            EdgeAttr::Relation => Value::Relation(at.edge.relation),
            EdgeAttr::EdgeId => Value::EdgeId(at),
            EdgeAttr::Direction => Value::Text("Directed"),
            EdgeAttr::Weight => Value::Count(1),
            EdgeAttr::Lineage => Value::Bool(at.edge.relation.is_lineage()),
            EdgeAttr::EvidenceSource => EvidenceField::Source.value(ev),
            EdgeAttr::EvidenceFile => EvidenceField::File.value(ev),
            EdgeAttr::EvidenceLine => EvidenceField::Line.value(ev),
            EdgeAttr::EvidenceText => EvidenceField::Text.value(ev),
            EdgeAttr::EvidenceUrl => EvidenceField::Url.value(ev),
            EdgeAttr::Sources => Value::List(List::Sources(ev, &at.edge.also)),
            EdgeAttr::MoreEvidence => Value::List(List::Evidence(&at.edge.also)),
        }
    }

    /// Puts `v` (see [`NodeAttr::read`]) into the edge, for the attributes that are edge data
    /// beside its ends and relation: the evidence fields and the further evidence. The others
    /// (the relation, which each reader finds its own way, and the derived ones) are skipped.
    pub(crate) fn read(self, e: &mut Edge, v: &str) -> Result<(), Unreadable> {
        match self {
            EdgeAttr::MoreEvidence => {
                e.also = serde_json::from_str(v).map_err(Unreadable::Json)?;
            }
            a => {
                if let Some(field) = a.evidence() {
                    field.read(&mut e.evidence, v).map_err(Unreadable::Bad)?;
                }
            }
        }
        Ok(())
    }
}

impl EvidenceField {
    #[inline(always)]
    fn value(self, ev: &Evidence) -> Value<'_> {
        match self {
            EvidenceField::Source => Value::Text(&ev.source),
            EvidenceField::File => Value::OptText(ev.file.as_deref()),
            EvidenceField::Line => Value::Line(ev.line.map(std::num::NonZeroU32::get)),
            EvidenceField::Text => Value::OptText(ev.text.as_deref()),
            EvidenceField::Url => Value::OptText(ev.url.as_deref()),
        }
    }

    /// Puts `v` (see [`NodeAttr::read`]) into the evidence; an error says what is wrong with it.
    pub(crate) fn read(self, ev: &mut Evidence, v: &str) -> Result<(), String> {
        match self {
            EvidenceField::Source => ev.source = Name::new(v),
            EvidenceField::File => ev.file = Some(Name::new(v)),
            EvidenceField::Line => {
                let bad = || format!("line \"{v}\" is not a line number");
                let line: u32 = v.trim().parse().map_err(|_| bad())?;
                ev.line = std::num::NonZeroU32::new(line);
            }
            EvidenceField::Text => ev.text = Some(Name::new(v)),
            EvidenceField::Url => ev.url = Some(Name::new(v)),
        }
        Ok(())
    }
}

/// Why a value read back could not go into its node or edge.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// A list that is not the JSON llmkg writes.
    Json(serde_json::Error),
    /// Any other value that does not read, with what is wrong with it.
    Bad(String),
}

/// An attribute's value, in the few shapes the formats spell: see [`Type`].
#[derive(Clone, Copy)]
pub(crate) enum Value<'a> {
    Text(&'a str),
    OptText(Option<&'a str>),
    Kind(NodeKind),
    Date(Option<Date>),
    List(List<'a>),
    Count(u64),
    Line(Option<u32>),
    Node(Option<&'a Node>),
    Relation(Relation),
    EdgeId(&'a EdgeAt<'a>),
    Bool(bool),
}

/// A list value.
#[derive(Clone, Copy)]
pub(crate) enum List<'a> {
    Texts(&'a [String]),
    Numbers(&'a [f64]),
    Links(&'a [Link]),
    Corrections(&'a [Correction]),
    /// The sources of some evidence (the first record and the others), sorted, each once.
    Sources(&'a Evidence, &'a [Evidence]),
    /// Evidence records.
    Evidence(&'a [Evidence]),
    /// Nodes, by their ids.
    Nodes(&'a Graph, &'a [NodeIx]),
}

impl List<'_> {
    #[inline]
    pub(crate) fn is_empty(self) -> bool {
        match self {
            List::Texts(l) => l.is_empty(),
            List::Numbers(l) => l.is_empty(),
            List::Links(l) => l.is_empty(),
            List::Corrections(l) => l.is_empty(),
            List::Sources(..) => false,
            List::Evidence(l) => l.is_empty(),
            List::Nodes(_, l) => l.is_empty(),
        }
    }

    /// Appends the list as JSON text.
    fn json(self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        match self {
            List::Texts(l) => serde_json::to_writer(out, l),
            List::Numbers(l) => serde_json::to_writer(out, l),
            List::Links(l) => serde_json::to_writer(out, l),
            List::Corrections(l) => serde_json::to_writer(out, l),
            List::Sources(first, also) => serde_json::to_writer(out, &Sources::new(first, also)),
            List::Evidence(l) => serde_json::to_writer(out, l),
            List::Nodes(g, l) => serde_json::to_writer(out, &Ids(g, l)),
        }
    }

    /// The list as JSON text, handed to `f`.
    fn with_json(self, f: impl FnOnce(&str) -> io::Result<()>) -> io::Result<()> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        SCRATCH.with_borrow_mut(|buf| {
            buf.clear();
            self.json(buf).map_err(io::Error::other)?;
            let json = std::str::from_utf8(buf).map_err(io::Error::other)?;
            f(json)
        })
    }
}

/// The sources of a node's or an edge's evidence, sorted, each once (what `Node::sources` and
/// `Edge::sources` give): serialized as a list of texts, and handed out one by one, without
/// allocating where there is one record (nearly every node and edge of a large graph).
#[derive(Clone, Copy)]
pub(crate) struct Sources<'a> {
    first: &'a Evidence,
    also: &'a [Evidence],
}

impl<'a> Sources<'a> {
    pub(crate) fn new(first: &'a Evidence, also: &'a [Evidence]) -> Sources<'a> {
        Sources { first, also }
    }

    /// Calls `f` with each source in order.
    pub(crate) fn each<E>(self, mut f: impl FnMut(&'a str) -> Result<(), E>) -> Result<(), E> {
        if self.also.iter().all(|e| e.source == self.first.source) {
            return f(self.first.source.as_str());
        }
        let mut all: Vec<Name> = std::iter::once(self.first)
            .chain(self.also)
            .map(|e| e.source)
            .collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter().try_for_each(|s| f(s.as_str()))
    }
}

impl serde::Serialize for Sources<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        self.each(|source| seq.serialize_element(source))?;
        seq.end()
    }
}

/// Every piece of an edge's evidence, serialized as a list of records: the first, then the others
/// (the `evidence_records` of the JSON export and of the JSON answers of queries).
#[derive(Clone, Copy)]
pub(crate) struct Records<'a>(pub(crate) &'a Edge);

impl serde::Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.evidence_records())
    }
}

/// Nodes serialized as the list of their ids.
struct Ids<'a>(&'a Graph, &'a [NodeIx]);

impl serde::Serialize for Ids<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&o| self.0.node(o).id.as_str()))
    }
}

impl Value<'_> {
    /// The value as plain text, handed to `f`; whether there was one (none for a missing text,
    /// date, line or node, an empty list). Texts as they are, lists as JSON, dates as known, a
    /// node by its id, numbers in decimal, an edge's id as `e` and its place in sorted order: how
    /// the XML formats write every value, and the CSV formats most.
    #[inline(always)]
    pub(crate) fn with_text(self, f: impl FnOnce(&str) -> io::Result<()>) -> io::Result<bool> {
        let written = match self {
            Value::Text(s) | Value::OptText(Some(s)) => f(s),
            Value::Kind(k) => f(k.as_str()),
            Value::Date(Some(d)) => f(&d.text()),
            Value::List(l) if l.is_empty() => return Ok(false),
            Value::List(l) => l.with_json(f),
            Value::Count(c) => f(itoa::Buffer::new().format(c)),
            Value::Line(Some(l)) => f(itoa::Buffer::new().format(l)),
            Value::Node(Some(n)) => f(&n.id),
            Value::Relation(r) => f(r.as_str()),
            Value::EdgeId(at) => f(&EdgeId::new(at.index)),
            Value::Bool(b) => f(if b { "true" } else { "false" }),
            Value::OptText(None) | Value::Date(None) | Value::Line(None) | Value::Node(None) => {
                return Ok(false);
            }
        };
        written.map(|()| true)
    }
}

/// What the derived node attributes (organization, organizations, descendants) are computed
/// from, worked out once per export for the attributes a writer writes.
pub(crate) struct Derived {
    orgs: Option<Organizations>,
    descendants: Vec<u64>,
}

impl Derived {
    /// The nodes sorted by id, and what `attrs` need derived: the descendant counts (counted on a
    /// second thread while the nodes are sorted), the organizations.
    pub(crate) fn sorted(g: &Graph, attrs: &[NodeAttr]) -> (Vec<NodeIx>, Derived) {
        let (nodes, descendants) = if attrs.contains(&NodeAttr::Descendants) {
            style::sorted_with_counts(g)
        } else {
            (g.nodes_sorted(), Vec::new())
        };
        let orgs = attrs
            .iter()
            .any(|a| matches!(a, NodeAttr::Organization | NodeAttr::Organizations))
            .then(|| style::organizations(g));
        (nodes, Derived { orgs, descendants })
    }

    /// Starts fetching what a writer reads for node `ix` at `stage` (see [`Graph::warm_node`]).
    #[inline]
    pub(crate) fn warm(&self, g: &Graph, ix: NodeIx, stage: usize) {
        match &self.orgs {
            Some(orgs) => orgs.warm_with_counts(g, ix, stage, &self.descendants),
            None => g.warm_node(ix, stage),
        }
    }

    /// Node `ix` with its derived attributes.
    #[inline]
    pub(crate) fn at<'a>(&'a self, g: &'a Graph, ix: NodeIx) -> NodeAt<'a> {
        NodeAt {
            g,
            ix,
            node: g.node(ix),
            derived: self,
        }
    }

    fn orgs(&self) -> &Organizations {
        self.orgs
            .as_ref()
            .expect("the writer's attributes include an organization")
    }
}

/// A node being written, with what its derived attributes are computed from.
pub(crate) struct NodeAt<'a> {
    pub g: &'a Graph,
    pub ix: NodeIx,
    pub node: &'a Node,
    derived: &'a Derived,
}

impl<'a> NodeAt<'a> {
    /// The node's organization: itself for an organization, else its first by id.
    #[inline]
    pub(crate) fn organization(&self) -> Option<NodeIx> {
        match self.node.kind {
            NodeKind::Organization => Some(self.ix),
            _ => self.organizations().first().copied(),
        }
    }

    #[inline]
    fn organizations(&self) -> &'a [NodeIx] {
        self.derived.orgs().of(self.ix)
    }

    /// How many nodes derive from it through lineage relations.
    #[inline]
    pub(crate) fn descendants(&self) -> u64 {
        self.derived.descendants[self.ix.index()]
    }
}

/// An edge being written.
pub(crate) struct EdgeAt<'a> {
    pub edge: &'a Edge,
    pub source: &'a Node,
    pub target: &'a Node,
    /// Its place in sorted order.
    pub index: usize,
    /// Its number among the edges with its source, target and relation (1, 2, ...), where the
    /// writer counts them (the CSV ids); 0 where it does not.
    pub repeat: u32,
}

impl<'a> EdgeAt<'a> {
    #[inline]
    pub(crate) fn new(g: &'a Graph, e: crate::graph::EdgeIx, index: usize, repeat: u32) -> Self {
        let (s, t) = g.endpoints(e);
        EdgeAt {
            edge: g.edge(e),
            source: g.node(s),
            target: g.node(t),
            index,
            repeat,
        }
    }
}

/// `e{i}`, the id the XML formats give the edge numbered `i` in sorted order, written out
/// without allocating (a million edges, a million ids): it derefs to the text.
pub(crate) struct EdgeId {
    bytes: [u8; 21],
    len: u8,
}

impl EdgeId {
    pub(crate) fn new(i: usize) -> EdgeId {
        let mut num = itoa::Buffer::new();
        let digits = num.format(i).as_bytes();
        let mut bytes = [0u8; 21];
        bytes[0] = b'e';
        bytes[1..=digits.len()].copy_from_slice(digits);
        EdgeId {
            bytes,
            len: digits.len() as u8 + 1,
        }
    }
}

impl std::ops::Deref for EdgeId {
    type Target = str;
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).expect("ASCII")
    }
}

// ------------------------------------------------------------------ the XML formats' extra columns

/// The value type of an extra attribute column. An attribute whose values have several types
/// gets one column per type, so every value reads back with the type it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum AttrType {
    Bool,
    Long,
    Double,
    Text,
}

impl AttrType {
    pub(crate) fn of(v: &AttrValue) -> AttrType {
        match v {
            AttrValue::Bool(_) => AttrType::Bool,
            AttrValue::Int(_) => AttrType::Long,
            AttrValue::Float(_) => AttrType::Double,
            AttrValue::Text(_) => AttrType::Text,
        }
    }

    /// Its name in GraphML's `attr.type` and GEXF's attribute `type` alike.
    pub(crate) fn xml(self) -> &'static str {
        match self {
            AttrType::Bool => "boolean",
            AttrType::Long => "long",
            AttrType::Double => "double",
            AttrType::Text => "string",
        }
    }

    /// The value as this column writes it; `None` for a non-finite number in a double column
    /// (readers disagree on how to spell infinities and NaN).
    pub(crate) fn format(self, v: &AttrValue) -> Option<Cow<'_, str>> {
        match (self, v) {
            (AttrType::Double, AttrValue::Float(x)) if !x.is_finite() => None,
            (AttrType::Double, AttrValue::Int(i)) => Some(Cow::Owned(format!("{}", *i as f64))),
            (_, AttrValue::Text(s)) => Some(Cow::Borrowed(s)),
            (_, other) => Some(Cow::Owned(other.to_string())),
        }
    }
}

/// One declared column for an entry of `Node::attrs` and one value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExtraColumn {
    /// The name in `Node::attrs`.
    pub attr: String,
    /// The declared name: ASCII letters, digits, `_`, `.`, `-` (an XML NMTOKEN with no spaces),
    /// distinct from the fixed columns, from names readers reserve, and from every other column.
    pub name: String,
    pub ty: AttrType,
}

/// Names Gephi and NetworkX give meaning to, never used for a data column.
const RESERVED: [&str; 17] = [
    "label", "id", "edgeid", "size", "x", "y", "z", "r", "g", "b", "weight", "color", "start",
    "end", "viz", "pid", "parents",
];

/// The names of the columns an XML format declares (`Row::graphml` or `Row::gexf`), which
/// extra columns must not take.
pub(crate) fn xml_column_names(
    pick: fn(&Row<NodeAttr>) -> Xml,
    pick_edge: fn(&Row<EdgeAttr>) -> Xml,
) -> Vec<&'static str> {
    let nodes = NODES.iter().filter(|r| pick(r) == Column).map(|r| r.name);
    let edges = EDGES
        .iter()
        .filter(|r| pick_edge(r) == Column)
        .map(|r| r.name);
    nodes.chain(edges).collect()
}

/// The columns for every `Node::attrs` name and value type in the graph, sorted by name and
/// type, in one pass over the nodes. `fixed` are the exporter's own column names, which attribute
/// columns must not take. A name whose values have two types gets two columns (`score`,
/// `attr_score`); the declared name differs from the attribute's where it had to be changed.
pub(crate) fn extra_columns(g: &Graph, fixed: &[&str]) -> Vec<ExtraColumn> {
    let mut types: BTreeSet<(&str, AttrType)> = BTreeSet::new();
    for n in g.inner().node_weights() {
        for (k, v) in &n.attrs {
            types.insert((k.as_str(), AttrType::of(&v)));
        }
    }
    let mut taken: HashSet<String> = RESERVED
        .iter()
        .chain(fixed)
        .map(|s| s.to_ascii_lowercase())
        .collect();
    let mut out = Vec::with_capacity(types.len());
    for (attr, ty) in types {
        let mut base: String = attr
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if base.is_empty() {
            base.push_str("attr");
        }
        if taken.contains(&base.to_ascii_lowercase()) {
            base = format!("attr_{base}");
        }
        let mut name = base.clone();
        let mut k = 2;
        while taken.contains(&name.to_ascii_lowercase()) {
            name = format!("{base}_{k}");
            k += 1;
        }
        taken.insert(name.to_ascii_lowercase());
        out.push(ExtraColumn {
            attr: attr.to_string(),
            name,
            ty,
        });
    }
    out
}

/// The node's attributes with their column index, in column order: O(k log c) for k attributes,
/// so sparse attributes over many columns cost nothing for nodes that lack them.
pub(crate) fn node_attrs<'a>(
    columns: &'a [ExtraColumn],
    attrs: &'a crate::model::Attrs,
) -> impl Iterator<Item = (usize, AttrValue)> + 'a {
    // columns are sorted by (attribute name, type), like the node's BTreeMap
    attrs.iter().filter_map(|(k, v)| {
        let t = AttrType::of(&v);
        columns
            .binary_search_by(|c| (c.attr.as_str(), c.ty).cmp(&(k.as_str(), t)))
            .ok()
            .map(|i| (i, v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, NodeKind};

    #[test]
    fn the_tables_are_in_enum_order_and_each_format_numbers_its_columns_from_0() {
        for (i, r) in NODES.iter().enumerate() {
            assert_eq!(r.attr as usize, i, "{}", r.name);
        }
        for (i, r) in EDGES.iter().enumerate() {
            assert_eq!(r.attr as usize, i, "{}", r.name);
        }
        fn numbered<A>(rows: &[Row<A>]) {
            let mut csv: Vec<u8> = rows
                .iter()
                .flat_map(|r| r.csv.iter().map(|c| c.0))
                .collect();
            let mut neo: Vec<u8> = rows
                .iter()
                .flat_map(|r| r.neo4j.iter().map(|c| c.0))
                .collect();
            csv.sort();
            neo.sort();
            assert!(
                csv.iter().enumerate().all(|(i, &p)| usize::from(p) == i),
                "{csv:?}"
            );
            assert!(
                neo.iter().enumerate().all(|(i, &p)| usize::from(p) == i),
                "{neo:?}"
            );
        }
        numbered(&NODES);
        numbered(&EDGES);
    }

    #[test]
    fn edge_ids_are_e_and_the_number() {
        for i in [0, 7, 10, 123_456, usize::MAX] {
            assert_eq!(&*EdgeId::new(i), format!("e{i}"));
        }
    }

    #[test]
    fn attribute_columns_split_types_and_avoid_reserved_names() {
        let src: crate::model::Name = "t".into();
        let mut g = Graph::new();
        let mk = |id: &str, attrs: &[(&str, AttrValue)]| {
            let mut n = Node::new(id, id, NodeKind::Model, Evidence::at(&src, &src, 1));
            n.attrs = attrs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            n
        };
        g.add_node(mk(
            "a",
            &[
                ("downloads", AttrValue::Int(3)),
                ("score", AttrValue::Int(1)),
                ("size", AttrValue::Text("big".into())),
                ("pipeline tag", AttrValue::Text("x".into())),
                ("mixed", AttrValue::Bool(true)),
            ],
        ))
        .unwrap();
        g.add_node(mk(
            "b",
            &[
                ("score", AttrValue::Float(0.5)),
                ("pipeline_tag", AttrValue::Text("y".into())),
                ("mixed", AttrValue::Int(2)),
                ("kind", AttrValue::Text("z".into())),
            ],
        ))
        .unwrap();
        let cols = extra_columns(&g, &["kind"]);
        let got: Vec<(&str, &str, AttrType)> = cols
            .iter()
            .map(|c| (c.attr.as_str(), c.name.as_str(), c.ty))
            .collect();
        assert_eq!(
            got,
            vec![
                ("downloads", "downloads", AttrType::Long),
                ("kind", "attr_kind", AttrType::Text),
                ("mixed", "mixed", AttrType::Bool),
                ("mixed", "attr_mixed", AttrType::Long),
                ("pipeline tag", "pipeline_tag", AttrType::Text),
                ("pipeline_tag", "attr_pipeline_tag", AttrType::Text),
                ("score", "score", AttrType::Long),
                ("score", "attr_score", AttrType::Double),
                ("size", "attr_size", AttrType::Text),
            ]
        );
        let attrs: crate::model::Attrs = [
            ("mixed", AttrValue::Int(2)),
            ("score", AttrValue::Float(0.5)),
        ]
        .into_iter()
        .collect();
        let found: Vec<usize> = node_attrs(&cols, &attrs).map(|(i, _)| i).collect();
        assert_eq!(found, vec![3, 7]);
        assert_eq!(AttrType::Double.format(&AttrValue::Int(2)).unwrap(), "2");
        assert_eq!(AttrType::Double.format(&AttrValue::Float(f64::NAN)), None);
    }
}
