//! Node and edge kinds, the relation vocabulary, and the serde types every other module shares.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use thin_vec::ThinVec;

mod also;
mod text;
pub use also::Also;
pub use text::Text;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Model,
    Organization,
    Method,
    /// A training corpus or benchmark (Ecosystem Graphs' `dataset` assets).
    Dataset,
    /// A product or service built on models (Ecosystem Graphs' `application` assets).
    Application,
}

impl NodeKind {
    pub const ALL: [NodeKind; 5] = [
        NodeKind::Model,
        NodeKind::Organization,
        NodeKind::Method,
        NodeKind::Dataset,
        NodeKind::Application,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Model => "model",
            NodeKind::Organization => "organization",
            NodeKind::Method => "method",
            NodeKind::Dataset => "dataset",
            NodeKind::Application => "application",
        }
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NodeKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "model" | "models" => Ok(NodeKind::Model),
            "organization" | "organisation" | "org" | "orgs" | "organizations" => {
                Ok(NodeKind::Organization)
            }
            "method" | "methods" => Ok(NodeKind::Method),
            "dataset" | "datasets" | "data" => Ok(NodeKind::Dataset),
            "application" | "applications" | "app" | "apps" => Ok(NodeKind::Application),
            other => Err(format!(
                "unknown node kind \"{other}\": expected one of model, organization, method, dataset, application"
            )),
        }
    }
}

/// The relation vocabulary. Every edge points from the derived thing to what it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Supervised or instruction fine-tuning of the target's weights (Alpaca from Llama).
    FineTunedFrom,
    /// Continued pre-training or specialization (Code Llama from Llama 2).
    DerivedFrom,
    /// The next generation of a family (Llama 2 after Llama).
    SuccessorOf,
    /// A sibling release of the same model (Qwen-14B of Qwen).
    VariantOf,
    /// A quantized copy (a GGUF build of a model).
    QuantizedFrom,
    /// An adapter (LoRA weights) trained on top of the target.
    AdapterOf,
    /// A merge of several parents.
    MergedFrom,
    /// Uses the target's architecture or framework (ChatGLM on GLM).
    BuiltOn,
    /// Model or method to the organization that made it.
    DevelopedBy,
    /// Model to a training or fine-tuning method it used.
    TrainedWith,
    /// Method to the method it improves on (QLoRA extends LoRA).
    Extends,
    /// Model to a dataset it was trained on.
    TrainedOn,
    /// Application (or dataset) to a model or dataset it uses.
    Uses,
}

impl Relation {
    pub const ALL: [Relation; 13] = [
        Relation::FineTunedFrom,
        Relation::DerivedFrom,
        Relation::SuccessorOf,
        Relation::VariantOf,
        Relation::QuantizedFrom,
        Relation::AdapterOf,
        Relation::MergedFrom,
        Relation::BuiltOn,
        Relation::DevelopedBy,
        Relation::TrainedWith,
        Relation::Extends,
        Relation::TrainedOn,
        Relation::Uses,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::FineTunedFrom => "fine_tuned_from",
            Relation::DerivedFrom => "derived_from",
            Relation::SuccessorOf => "successor_of",
            Relation::VariantOf => "variant_of",
            Relation::QuantizedFrom => "quantized_from",
            Relation::AdapterOf => "adapter_of",
            Relation::MergedFrom => "merged_from",
            Relation::BuiltOn => "built_on",
            Relation::DevelopedBy => "developed_by",
            Relation::TrainedWith => "trained_with",
            Relation::Extends => "extends",
            Relation::TrainedOn => "trained_on",
            Relation::Uses => "uses",
        }
    }

    /// Model-to-model (or method-to-method) derivation: what lineage queries follow by default.
    pub fn is_lineage(self) -> bool {
        !matches!(
            self,
            Relation::DevelopedBy | Relation::TrainedWith | Relation::TrainedOn | Relation::Uses
        )
    }

    /// Relations whose child inherits the parent's weights.
    pub fn inherits_weights(self) -> bool {
        matches!(
            self,
            Relation::FineTunedFrom
                | Relation::DerivedFrom
                | Relation::QuantizedFrom
                | Relation::AdapterOf
                | Relation::MergedFrom
        )
    }

    pub fn all_names() -> String {
        Relation::ALL
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Relation::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == key)
            .ok_or_else(|| {
                let names: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
                let best = crate::suggest::closest(&key, names.iter().copied(), 1);
                let hint = best
                    .first()
                    .map(|b| format!(": did you mean \"{b}\"?"))
                    .unwrap_or_default();
                format!(
                    "unknown relation \"{}\"{hint} (known relations: {})",
                    s.trim(),
                    Relation::all_names()
                )
            })
    }
}

/// A release date: a month as lists give it ("2023/02"), a day as the Hub gives it, or a year
/// alone as a citation gives it (month 0, written `YYYY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    /// 1 to 12, or 0 where only the year is known.
    pub month: u8,
    /// Day of the month when known.
    pub day: Option<u8>,
}

impl Date {
    pub fn month(year: u16, month: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(Date {
            year,
            month,
            day: None,
        })
    }

    /// A year alone ("Hugo Touvron et al. arXiv 2023").
    pub fn year(year: u16) -> Date {
        Date {
            year,
            month: 0,
            day: None,
        }
    }

    /// A full ISO date, day 1 where only the month is known (for formats that need a day).
    pub fn iso_day(&self) -> String {
        self.day_text().to_string()
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `Display` writes it, without allocating (exports write a
    /// million of them).
    pub fn text(&self) -> DateText {
        DateText::new(self.year, self.month, self.day)
    }

    /// [`Date::iso_day`] without allocating.
    pub fn day_text(&self) -> DateText {
        DateText::new(self.year, self.month.max(1), Some(self.day.unwrap_or(1)))
    }
}

/// A date written out in a buffer of its own: it derefs to the text.
#[derive(Debug, Clone, Copy)]
pub struct DateText {
    bytes: [u8; 14],
    len: u8,
}

impl DateText {
    fn new(year: u16, month: u8, day: Option<u8>) -> DateText {
        let mut t = DateText {
            bytes: [0; 14],
            len: 0,
        };
        t.digits(u32::from(year), 4);
        if month == 0 {
            return t;
        }
        t.push(b'-');
        t.digits(u32::from(month), 2);
        if let Some(d) = day {
            t.push(b'-');
            t.digits(u32::from(d), 2);
        }
        t
    }

    fn push(&mut self, b: u8) {
        self.bytes[self.len as usize] = b;
        self.len += 1;
    }

    /// `n` zero-padded to `width` digits, as `{:0width$}` writes it.
    fn digits(&mut self, n: u32, width: u32) {
        let width = width.max(n.checked_ilog10().unwrap_or(0) + 1);
        for k in (0..width).rev() {
            self.push(b'0' + (n / 10u32.pow(k) % 10) as u8);
        }
    }
}

impl std::ops::Deref for DateText {
    type Target = str;
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).expect("ASCII digits and dashes")
    }
}

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl FromStr for Date {
    type Err = String;
    /// Accepts `YYYY`, `YYYY-MM`, `YYYY/MM`, `YYYY-MM-DD`, and ISO timestamps
    /// (`2023-07-18T09:00:00Z`).
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let bad = || format!("invalid date \"{t}\": expected YYYY, YYYY-MM or YYYY-MM-DD");
        let head = t.split(['T', ' ']).next().unwrap_or("");
        if head.len() == 4 && head.bytes().all(|b| b.is_ascii_digit()) {
            return head.parse().map(Date::year).map_err(|_| bad());
        }
        let parts: Vec<&str> = head.split(['-', '/']).collect();
        if parts.len() < 2 || parts.len() > 3 || parts[0].len() != 4 {
            return Err(bad());
        }
        let year: u16 = parts[0].parse().map_err(|_| bad())?;
        let month: u8 = parts[1].parse().map_err(|_| bad())?;
        let mut date = Date::month(year, month).ok_or_else(bad)?;
        if let Some(d) = parts.get(2) {
            let day: u8 = d.parse().map_err(|_| bad())?;
            if !(1..=31).contains(&day) {
                return Err(bad());
            }
            date.day = Some(day);
        }
        Ok(date)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An interned string of evidence (a source tag, a file name, a sentence, a citation URL): a 4-byte
/// index into one table of the process's texts, copied without counting, compared, ordered and
/// hashed by its text (`Option<Name>` is 4 bytes too). A million edges citing one dump share one
/// file name, and the edges read from one sentence share it. Each distinct text is kept for the
/// life of the process; reading a name's text takes no lock.
#[derive(Clone, Copy)]
pub struct Name(std::num::NonZeroU32);

impl Name {
    /// The one `Name` for `text`.
    pub fn new(text: &str) -> Name {
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        static NAMES: OnceLock<Mutex<HashMap<&'static str, Name>>> = OnceLock::new();
        let mut names = NAMES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&known) = names.get(text) {
            return known;
        }
        let kept: &'static str = Box::leak(text.into());
        let n = u32::try_from(names.len()).expect("fewer than 2^32 distinct names");
        // the map's lock makes this the one writer of the table
        texts::push(n, kept);
        let name = Name(std::num::NonZeroU32::MIN.saturating_add(n));
        names.insert(kept, name);
        name
    }

    pub fn as_str(&self) -> &'static str {
        texts::get(self.0.get() - 1)
    }
}

/// The texts of every [`Name`], by index: segments of 64, 128, 256, ... slots, each allocated once
/// and never moved or freed, so a reader finds a text with one atomic load and no lock. Only
/// [`Name::new`] writes, under its lock, and a `Name` reaches another thread only through
/// something that orders that write before the read.
mod texts {
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// Bits of the first segment's size.
    const FIRST: u32 = 6;
    /// Enough segments for every `u32` index.
    static SEGMENTS: [AtomicPtr<&'static str>; 27] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; 27];

    /// The segment and slot of index `i`.
    fn slot(i: u32) -> (usize, usize) {
        let v = u64::from(i) + (1 << FIRST);
        let s = 63 - v.leading_zeros() - FIRST;
        (s as usize, (v - (1u64 << (s + FIRST))) as usize)
    }

    /// Stores `text` at index `n`; the caller is the one writer and gives each index once.
    pub(super) fn push(n: u32, text: &'static str) {
        let (s, k) = slot(n);
        let mut seg = SEGMENTS[s].load(Ordering::Acquire);
        if seg.is_null() {
            let room: Box<[&'static str]> = vec![""; 1usize << (s as u32 + FIRST)].into();
            seg = Box::leak(room).as_mut_ptr();
            SEGMENTS[s].store(seg, Ordering::Release);
        }
        // SAFETY: slot `k` is inside segment `s` (of 2^(s + FIRST) slots, never freed); the one
        // writer writes it once, before the index is handed out, and nothing holds a reference
        // to it (readers copy the slot out through the raw pointer).
        unsafe { seg.add(k).write(text) }
    }

    /// The text at index `i`, which [`push`] has stored.
    pub(super) fn get(i: u32) -> &'static str {
        let (s, k) = slot(i);
        let seg = SEGMENTS[s].load(Ordering::Acquire);
        assert!(
            !seg.is_null(),
            "a name's segment is allocated before it is handed out"
        );
        // SAFETY: as in `push`: the segment lives for the process and slot `k` was written
        // before this index existed.
        unsafe { *seg.add(k) }
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name::new(&text)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        // one Name per text: the same index is the same text
        self.0 == other.0
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Name::new(&s))
    }
}

/// Where a fact or node came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Which input: `list`, `curated`, `hf`, `import`.
    pub source: Name,
    /// The file, as given on the command line or the bundled name (never an absolute path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Name>,
    /// 1-based line in `file` (never 0, so that `Option` costs no room of its own: an
    /// `Evidence` is 20 bytes; a 0 read back is no line).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "line_or_none"
    )]
    pub line: Option<std::num::NonZeroU32>,
    /// The sentence the fact was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Name>,
    /// The citation URL a curated fact rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Name>,
}

impl Evidence {
    pub fn at(source: &Name, file: &Name, line: u32) -> Evidence {
        Evidence {
            source: *source,
            file: Some(*file),
            line: std::num::NonZeroU32::new(line),
            text: None,
            url: None,
        }
    }

    /// The line, or 0 where there is none.
    pub fn line_or_zero(&self) -> u32 {
        self.line.map_or(0, std::num::NonZeroU32::get)
    }

    /// `file:line`, or empty.
    pub fn location(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            (Some(f), None) => f.to_string(),
            _ => String::new(),
        }
    }

    /// One line for people: `file:line "sentence"` or the URL.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let loc = self.location();
        if !loc.is_empty() {
            parts.push(loc);
        }
        // an empty sentence (an organization's bullet of bare links) is no quote
        if let Some(t) = self.text.as_deref().filter(|t| !t.trim().is_empty()) {
            parts.push(format!("\"{t}\""));
        }
        if let Some(u) = &self.url {
            parts.push(u.to_string());
        }
        if parts.is_empty() {
            parts.push(self.source.to_string());
        }
        parts.join(" ")
    }
}

/// A line number as written (a 0 is no line).
fn line_or_none<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<std::num::NonZeroU32>, D::Error> {
    Ok(Option::<u32>::deserialize(d)?.and_then(std::num::NonZeroU32::new))
}

/// A link of an entry: what it points at, and where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
}

/// What a link points at, written `code`, `model`, `paper` or `other`. A link read back with
/// any other word (an older export's `link`) is `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Source code: a GitHub repository.
    Code,
    /// A model's weights or card: a Hugging Face model page.
    Model,
    /// A paper: arXiv, a proceedings page.
    Paper,
    /// Anything else: a blog, a project page, a dataset.
    #[serde(other)]
    Other,
}

impl LinkKind {
    /// The kind as written in exports and answers.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Code => "code",
            LinkKind::Model => "model",
            LinkKind::Other => "other",
            LinkKind::Paper => "paper",
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An attribute value that is not part of the fixed node schema (Hub metadata, imports). A text
/// is an interned [`Name`]: a column's values repeat (a million Hub models share a few pipeline
/// tags, libraries and licences). [`Attrs`] keeps a value in one 8-byte word, its type in the
/// node's shape.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(Name),
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Int(i) => write!(f, "{i}"),
            AttrValue::Float(x) => write!(f, "{x}"),
            AttrValue::Text(s) => f.write_str(s),
        }
    }
}

/// The type of an attribute's value, kept in the shape of the nodes that have it. An integer
/// that fits in 32 bits is `Int32`, so that it takes one 4-byte unit of the node's block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Tag {
    Bool,
    Int32,
    Int,
    Float,
    Text,
}

impl Tag {
    /// How many 4-byte units a value of this type takes in a node's block.
    fn units(self) -> usize {
        match self {
            Tag::Bool | Tag::Int32 | Tag::Text => 1,
            Tag::Int | Tag::Float => 2,
        }
    }
}

impl AttrValue {
    fn tag(&self) -> Tag {
        match self {
            AttrValue::Bool(_) => Tag::Bool,
            AttrValue::Int(i) if i32::try_from(*i).is_ok() => Tag::Int32,
            AttrValue::Int(_) => Tag::Int,
            AttrValue::Float(_) => Tag::Float,
            AttrValue::Text(_) => Tag::Text,
        }
    }

    /// The value in one word; the units of its [`Tag`] are its low half, then (for two) its
    /// high half. [`AttrValue::from_units`] reads it back given its type.
    fn word(&self) -> u64 {
        match *self {
            AttrValue::Bool(b) => u64::from(b),
            AttrValue::Int(i) => i as u64,
            AttrValue::Float(x) => x.to_bits(),
            AttrValue::Text(n) => u64::from(n.0.get()),
        }
    }

    /// Writes the value's units (as many as its tag takes) at the start of `to`.
    fn write_units(&self, to: &mut [u32]) {
        let w = self.word();
        to[0] = w as u32;
        if self.tag().units() == 2 {
            to[1] = (w >> 32) as u32;
        }
    }

    fn from_units(tag: Tag, u: &[u32]) -> AttrValue {
        let wide = || u64::from(u[0]) | (u64::from(u[1]) << 32);
        match tag {
            Tag::Bool => AttrValue::Bool(u[0] != 0),
            Tag::Int32 => AttrValue::Int(i64::from(u[0] as i32)),
            Tag::Int => AttrValue::Int(wide() as i64),
            Tag::Float => AttrValue::Float(f64::from_bits(wide())),
            Tag::Text => AttrValue::Text(Name(
                std::num::NonZeroU32::new(u[0]).expect("a text unit is a name's index"),
            )),
        }
    }
}

/// The sorted names of a node's attributes and the type of each value: one per distinct list,
/// shared by every node with that list (a million Hub models have a handful of shapes), with
/// where each value sits in a node's block.
#[derive(Debug)]
struct Shape {
    keys: Box<[(Name, Tag)]>,
    /// Each value's first unit in the block (after the shape's address).
    at: Box<[u32]>,
    /// The units of a block of this shape, the shape's address included.
    units: usize,
}

impl Shape {
    fn new(keys: &[(Name, Tag)]) -> Shape {
        let mut at = Vec::with_capacity(keys.len());
        let mut units = HEAD_UNITS;
        for (_, tag) in keys {
            at.push(units as u32);
            units += tag.units();
        }
        Shape {
            keys: keys.into(),
            at: at.into(),
            units,
        }
    }
}

/// The units of a block that hold its shape's address.
const HEAD_UNITS: usize = 2;

/// The interned shapes, and the steps between them that inserting a name takes.
mod shapes {
    use super::{Name, Shape, Tag};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Fast<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

    /// The one shape of `keys` (sorted by name, each once).
    pub(super) fn intern(keys: &[(Name, Tag)]) -> &'static Shape {
        type Shapes = HashMap<&'static [(Name, Tag)], &'static Shape>;
        static SHAPES: OnceLock<Mutex<Shapes>> = OnceLock::new();
        let mut shapes = SHAPES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&known) = shapes.get(keys) {
            return known;
        }
        let kept: &'static Shape = Box::leak(Box::new(Shape::new(keys)));
        shapes.insert(&kept.keys[..], kept);
        kept
    }

    /// `from` (or no shape) with `key` added or retyped as `tag`: remembered per thread, so a
    /// million rows that set the same names in the same order take the lock a few times.
    pub(super) fn with(from: Option<&'static Shape>, key: Name, tag: Tag) -> &'static Shape {
        thread_local! {
            static STEPS: RefCell<Fast<(usize, u32, Tag), &'static Shape>> = RefCell::default();
        }
        let at = from.map_or(0, |s| std::ptr::from_ref(s).addr());
        let step = (at, key.0.get(), tag);
        if let Some(known) = STEPS.with_borrow(|steps| steps.get(&step).copied()) {
            return known;
        }
        let mut keys: Vec<(Name, Tag)> = from.map(|s| s.keys.to_vec()).unwrap_or_default();
        match keys.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => keys[i].1 = tag,
            Err(i) => keys.insert(i, (key, tag)),
        }
        let to = intern(&keys);
        STEPS.with_borrow_mut(|steps| steps.insert(step, to));
        to
    }
}

/// A node's further attributes, sorted by name: the address of their interned [`Shape`] (names,
/// types and places) and the values, in one block of 4-byte units behind one pointer (the shape
/// gives its length): a text (an interned [`Name`]), a boolean or an integer that fits in 32
/// bits takes one unit, another integer or a float two. A Hub model's six take 32 bytes beside
/// the node's 8 (one 8-byte word a value took 56, a vector of (name, value) pairs 160, a map with
/// a `String` per name about 680).
#[derive(Default)]
pub struct Attrs(Option<std::ptr::NonNull<u32>>);

// SAFETY: `Attrs` owns its block as a `Box<[u32]>` would, and shares only shapes that live for
// the process and are never changed.
unsafe impl Send for Attrs {}
// SAFETY: as for `Send`: `&Attrs` reads its own units and immutable shapes.
unsafe impl Sync for Attrs {}

impl Attrs {
    /// The attributes of `units`: a shape's address, then its values (or nothing).
    fn from_units(units: Box<[u32]>) -> Attrs {
        if units.is_empty() {
            return Attrs::default();
        }
        Attrs(std::ptr::NonNull::new(Box::into_raw(units).cast::<u32>()))
    }

    /// The block: the shape's address, then the values; empty without attributes.
    fn units(&self) -> &[u32] {
        let Some(p) = self.0 else {
            return &[];
        };
        let len = shape_at(p).units;
        // SAFETY: `p` is a `Box<[u32]>` of `len` units made by `from_units` and owned by `self`.
        unsafe { std::slice::from_raw_parts(p.as_ptr(), len) }
    }

    fn units_mut(&mut self) -> &mut [u32] {
        let Some(p) = self.0 else {
            return &mut [];
        };
        let len = shape_at(p).units;
        // SAFETY: as in `units`, and `&mut self` makes this the only reference to the block.
        unsafe { std::slice::from_raw_parts_mut(p.as_ptr(), len) }
    }

    fn shape(&self) -> Option<&'static Shape> {
        self.0.map(shape_at)
    }

    fn keys_and_tags(&self) -> &'static [(Name, Tag)] {
        self.shape().map_or(&[], |s| &s.keys)
    }

    /// Where `key` is, or would go.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.keys_and_tags()
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The units of value `i` (there is a shape).
    fn value_units(&self, i: usize) -> &[u32] {
        let at = self.shape().map_or(0, |s| s.at[i] as usize);
        &self.units()[at..]
    }

    fn value(&self, i: usize) -> AttrValue {
        AttrValue::from_units(self.keys_and_tags()[i].1, self.value_units(i))
    }

    /// The attributes of shape `to` (`None`: none): the value `set` gives a name (its last),
    /// and this one's for every other name `to` has.
    fn rebuilt(&self, to: Option<&'static Shape>, set: &[(Name, AttrValue)]) -> Attrs {
        let Some(to) = to else {
            return Attrs::default();
        };
        let mut units = vec![0u32; to.units];
        let addr = std::ptr::from_ref(to).expose_provenance() as u64;
        units[..HEAD_UNITS].copy_from_slice(&[addr as u32, (addr >> 32) as u32]);
        // both lists of names are sorted: this one's are met in order, compared as indices
        let (old, mut next) = (self.keys_and_tags(), 0);
        for (&(k, _), &at) in to.keys.iter().zip(&to.at) {
            let dst = &mut units[at as usize..];
            match set.iter().rfind(|(name, _)| *name == k) {
                Some((_, v)) => v.write_units(dst),
                None => {
                    let i = (old[next..].iter().position(|(o, _)| *o == k))
                        .map(|p| next + p)
                        .expect("a shape's other names are this one's");
                    next = i + 1;
                    self.value(i).write_units(dst);
                }
            }
        }
        Attrs::from_units(units.into())
    }

    /// Sets each (name, value) of `set` (the last of a name wins), making the block once: a
    /// reader that sets a node's attributes together allocates once, not once a name.
    pub fn extend(&mut self, set: &[(Name, AttrValue)]) {
        if set.is_empty() {
            return;
        }
        let mut to = self.shape();
        for &(key, value) in set {
            let (tag, found) = (
                value.tag(),
                to.map(|s| s.keys.binary_search_by(|(k, _)| k.cmp(&key))),
            );
            to = match found {
                Some(Ok(i)) if to.is_some_and(|s| s.keys[i].1 == tag) => to,
                _ => Some(shapes::with(to, key, tag)),
            };
        }
        *self = self.rebuilt(to, set);
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<AttrValue> {
        self.find(key).ok().map(|i| self.value(i))
    }

    /// Whether the node has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, giving the value it replaces.
    pub fn insert(&mut self, key: Name, value: AttrValue) -> Option<AttrValue> {
        let tag = value.tag();
        let found = self.find(&key).ok();
        let old = found.map(|i| self.value(i));
        match found {
            Some(i) if self.keys_and_tags()[i].1 == tag => {
                let at = self.shape().map_or(0, |s| s.at[i] as usize);
                value.write_units(&mut self.units_mut()[at..]);
            }
            _ => {
                let to = shapes::with(self.shape(), key, tag);
                *self = self.rebuilt(Some(to), &[(key, value)]);
            }
        }
        old
    }

    /// Removes `key`, giving its value.
    pub fn remove(&mut self, key: &str) -> Option<AttrValue> {
        let i = self.find(key).ok()?;
        let old = self.value(i);
        let mut keys = self.keys_and_tags().to_vec();
        keys.remove(i);
        let to = (!keys.is_empty()).then(|| shapes::intern(&keys));
        *self = self.rebuilt(to, &[]);
        Some(old)
    }

    /// The names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &Name> {
        self.keys_and_tags().iter().map(|(k, _)| k)
    }

    /// The names and values, sorted by name.
    pub fn iter(&self) -> AttrsIter<'_> {
        AttrsIter {
            keys: self.keys_and_tags().iter(),
            units: self.units().get(HEAD_UNITS..).unwrap_or(&[]),
        }
    }

    pub fn len(&self) -> usize {
        self.keys_and_tags().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// The shape whose address is in the first two units of the block at `p`.
fn shape_at(p: std::ptr::NonNull<u32>) -> &'static Shape {
    // SAFETY: a block's first two units are the exposed address of an interned shape (low half
    // first), leaked for the process (written only by `Attrs::rebuilt`), and the block holds at
    // least those units.
    unsafe {
        let (lo, hi) = (*p.as_ptr(), *p.as_ptr().add(1));
        let addr = (u64::from(lo) | (u64::from(hi) << 32)) as usize;
        &*std::ptr::with_exposed_provenance::<Shape>(addr)
    }
}

impl Drop for Attrs {
    fn drop(&mut self) {
        let len = self.units().len();
        if let Some(p) = self.0.take() {
            let block = std::ptr::slice_from_raw_parts_mut(p.as_ptr(), len);
            // SAFETY: `from_units` made `p` from a `Box<[u32]>` of `len` units, dropped once here.
            drop(unsafe { Box::from_raw(block) });
        }
    }
}

impl Clone for Attrs {
    fn clone(&self) -> Attrs {
        Attrs::from_units(self.units().into())
    }
}

/// The names and values of [`Attrs`], sorted by name.
pub struct AttrsIter<'a> {
    keys: std::slice::Iter<'static, (Name, Tag)>,
    /// The units of the values not read yet.
    units: &'a [u32],
}

impl<'a> Iterator for AttrsIter<'a> {
    type Item = (&'a Name, AttrValue);
    fn next(&mut self) -> Option<Self::Item> {
        let (k, tag) = self.keys.next()?;
        let value = AttrValue::from_units(*tag, self.units);
        self.units = &self.units[tag.units()..];
        Some((k, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.keys.size_hint()
    }
}

impl ExactSizeIterator for AttrsIter<'_> {}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a Name, AttrValue);
    type IntoIter = AttrsIter<'a>;
    fn into_iter(self) -> AttrsIter<'a> {
        self.iter()
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Attrs) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Attrs")
            .field(&self.iter().collect::<Vec<_>>())
            .finish()
    }
}

impl<K: Into<Name>> FromIterator<(K, AttrValue)> for Attrs {
    /// The attributes of the pairs; a name given twice keeps its last value, as a map's would.
    fn from_iter<I: IntoIterator<Item = (K, AttrValue)>>(pairs: I) -> Attrs {
        let mut attrs = Attrs::default();
        for (k, v) in pairs {
            attrs.insert(k.into(), v);
        }
        attrs
    }
}

impl Serialize for Attrs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<Name, AttrValue>::deserialize(d)?;
        Ok(map.into_iter().collect())
    }
}

/// A place where a curated fact overrode what the list says; both stay visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Which field: `sizes`, `organization`, `released`, ...
    pub field: String,
    /// What the list says.
    pub list_value: String,
    pub list_evidence: Evidence,
    /// What the curated file says instead.
    pub curated_value: String,
    pub curated_evidence: Evidence,
}

/// A text most nodes leave out (a node's description): one pointer to a `Box<str>` of its own,
/// so an absent one costs 8 bytes in every node instead of 24. It derefs to the text, is built
/// from a `String` or `&str`, and reads and writes as a plain string.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RareText(Box<Box<str>>);

impl std::ops::Deref for RareText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for RareText {
    fn from(text: String) -> RareText {
        RareText(Box::new(text.into_boxed_str()))
    }
}

impl From<&str> for RareText {
    fn from(text: &str) -> RareText {
        RareText(Box::new(text.into()))
    }
}

impl From<RareText> for String {
    fn from(text: RareText) -> String {
        text.0.into_string()
    }
}

impl fmt::Debug for RareText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for RareText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// A node of the graph. The lists and the text that most nodes leave empty (aliases, sizes,
/// links, description, further evidence, corrections: a Hub model has none of them) are its
/// [`NodeExtras`], behind one pointer that stays empty until one of them is set; the node
/// derefs to them, so `node.aliases` reads (an empty list when there are none) and
/// `node.aliases.push(..)` writes as if they were fields of its own.
#[derive(Clone)]
pub struct Node {
    /// Stable slug (`llama-2`).
    pub id: Text,
    /// Display name as people write it (`Llama 2`).
    pub label: Text,
    pub kind: NodeKind,
    pub released: Option<Date>,
    /// Where the node was defined (its list entry, curated record or dump row).
    pub origin: Evidence,
    /// Further attributes (Hub metadata, imported columns), sorted by name.
    pub attrs: Attrs,
    /// The rest, or `None` while all of it is empty.
    extras: Option<Box<NodeExtras>>,
}

/// What a node mostly leaves empty, reached through the node ([`Node`] derefs to it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NodeExtras {
    pub aliases: ThinVec<String>,
    /// Sizes as written, normalised ("7B", "8x7B", "39B active").
    pub sizes: ThinVec<String>,
    /// Sizes in billions of parameters, where a plain number is given.
    pub sizes_b: ThinVec<f64>,
    pub links: ThinVec<Link>,
    pub description: Option<RareText>,
    /// Where other sources (or other places of one) name the same entity, in the order read.
    pub also: ThinVec<Evidence>,
    /// Where a curated fact corrected the list.
    pub corrections: ThinVec<Correction>,
}

/// The extras of a node that has none.
static NO_EXTRAS: NodeExtras = NodeExtras {
    aliases: ThinVec::new(),
    sizes: ThinVec::new(),
    sizes_b: ThinVec::new(),
    links: ThinVec::new(),
    description: None,
    also: ThinVec::new(),
    corrections: ThinVec::new(),
};

impl std::ops::Deref for Node {
    type Target = NodeExtras;
    fn deref(&self) -> &NodeExtras {
        self.extras.as_deref().unwrap_or(&NO_EXTRAS)
    }
}

impl std::ops::DerefMut for Node {
    /// The node's extras, made (empty) if it had none.
    fn deref_mut(&mut self) -> &mut NodeExtras {
        self.extras.get_or_insert_with(Default::default)
    }
}

impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        // a node whose extras were made and left empty equals one that has none
        self.id == other.id
            && self.label == other.label
            && self.kind == other.kind
            && self.released == other.released
            && self.origin == other.origin
            && self.attrs == other.attrs
            && **self == **other
    }
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Node")
            .field("id", &self.id)
            .field("label", &self.label)
            .field("kind", &self.kind)
            .field("aliases", &self.aliases)
            .field("released", &self.released)
            .field("sizes", &self.sizes)
            .field("sizes_b", &self.sizes_b)
            .field("links", &self.links)
            .field("description", &self.description)
            .field("origin", &self.origin)
            .field("also", &self.also)
            .field("corrections", &self.corrections)
            .field("attrs", &self.attrs)
            .finish()
    }
}

/// A node as it writes: every field in one flat record, in this order.
#[derive(Serialize)]
#[serde(rename = "Node")]
struct NodeOut<'a> {
    id: &'a str,
    label: &'a str,
    kind: NodeKind,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    aliases: &'a ThinVec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    released: Option<Date>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    sizes: &'a ThinVec<String>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    sizes_b: &'a ThinVec<f64>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    links: &'a ThinVec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a RareText>,
    origin: &'a Evidence,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    also: &'a ThinVec<Evidence>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    corrections: &'a ThinVec<Correction>,
    #[serde(skip_serializing_if = "Attrs::is_empty")]
    attrs: &'a Attrs,
}

/// A node as it reads: [`NodeOut`]'s fields, owned.
#[derive(Deserialize)]
#[serde(rename = "Node")]
struct NodeIn {
    id: Text,
    label: Text,
    kind: NodeKind,
    #[serde(default)]
    aliases: ThinVec<String>,
    #[serde(default)]
    released: Option<Date>,
    #[serde(default)]
    sizes: ThinVec<String>,
    #[serde(default)]
    sizes_b: ThinVec<f64>,
    #[serde(default)]
    links: ThinVec<Link>,
    #[serde(default)]
    description: Option<RareText>,
    origin: Evidence,
    #[serde(default)]
    also: ThinVec<Evidence>,
    #[serde(default)]
    corrections: ThinVec<Correction>,
    #[serde(default)]
    attrs: Attrs,
}

impl Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NodeOut {
            id: &self.id,
            label: &self.label,
            kind: self.kind,
            aliases: &self.aliases,
            released: self.released,
            sizes: &self.sizes,
            sizes_b: &self.sizes_b,
            links: &self.links,
            description: self.description.as_ref(),
            origin: &self.origin,
            also: &self.also,
            corrections: &self.corrections,
            attrs: &self.attrs,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = NodeIn::deserialize(d)?;
        let mut n = Node::new(f.id, f.label, f.kind, f.origin);
        n.released = f.released;
        n.attrs = f.attrs;
        let extras = NodeExtras {
            aliases: f.aliases,
            sizes: f.sizes,
            sizes_b: f.sizes_b,
            links: f.links,
            description: f.description,
            also: f.also,
            corrections: f.corrections,
        };
        if extras != NO_EXTRAS {
            n.extras = Some(Box::new(extras));
        }
        Ok(n)
    }
}

impl Node {
    pub fn new(
        id: impl Into<Text>,
        label: impl Into<Text>,
        kind: NodeKind,
        origin: Evidence,
    ) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            kind,
            released: None,
            origin,
            attrs: Attrs::default(),
            extras: None,
        }
    }
}

/// The attributes llmkg itself sets in [`Node::attrs`] (beside whatever columns a reader keeps),
/// so a module names them by variant instead of by string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownAttr {
    /// `true` on a node that is only mentioned (a base or a name no entry defines).
    Stub,
    /// The Hugging Face id a node is known by on the Hub.
    Hub,
    /// The id of a node's organization when the organization itself is filtered out.
    RememberedOrganization,
    /// The class of a node's licence (`permissive`, `copyleft`, `custom-restricted`,
    /// `non-commercial`), where the licence table knows its `license`.
    LicenseClass,
}

impl KnownAttr {
    /// The attribute's name in `Node::attrs` and in every export.
    pub const fn key(self) -> &'static str {
        match self {
            KnownAttr::Stub => "stub",
            KnownAttr::Hub => "hub",
            KnownAttr::RememberedOrganization => "organization",
            KnownAttr::LicenseClass => "license_class",
        }
    }
}

impl Node {
    /// The value of an attribute llmkg sets, if the node has it.
    pub fn known_attr(&self, a: KnownAttr) -> Option<AttrValue> {
        self.attrs.get(a.key())
    }

    /// Sets an attribute llmkg sets.
    pub fn set_known_attr(&mut self, a: KnownAttr, v: AttrValue) {
        self.attrs.insert(a.key().into(), v);
    }

    /// Removes an attribute llmkg sets, giving its value.
    pub fn remove_known_attr(&mut self, a: KnownAttr) -> Option<AttrValue> {
        self.attrs.remove(a.key())
    }
}

/// An edge of the graph: `source --relation--> target`, the derived thing pointing at its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub relation: Relation,
    /// The first evidence read for the fact.
    pub evidence: Evidence,
    /// Where other sources (or other places of one) assert the same fact, in the order read.
    #[serde(default, skip_serializing_if = "Also::is_empty")]
    pub also: Also,
}

impl Edge {
    /// An edge asserted by one piece of evidence.
    pub fn new(relation: Relation, evidence: Evidence) -> Edge {
        Edge {
            relation,
            evidence,
            also: Also::new(),
        }
    }

    /// Every piece of evidence for the edge: its first, then the others.
    pub fn evidence_records(&self) -> impl Iterator<Item = &Evidence> {
        std::iter::once(&self.evidence).chain(self.also.iter())
    }

    /// The sources that assert the edge, sorted, each once.
    pub fn sources(&self) -> Vec<Name> {
        sources_of(self.evidence_records())
    }

    /// Adds evidence for the edge unless the same record is already there.
    pub fn add_evidence(&mut self, ev: Evidence) {
        if !self.evidence_records().any(|e| *e == ev) {
            self.also.push(ev);
        }
    }
}

impl Node {
    /// Adds a link the node lacks (by its URL); a link it has is kept as it is.
    pub(crate) fn add_link(&mut self, link: Link) {
        if !self.links.iter().any(|l| l.url == link.url) {
            self.links.push(link);
        }
    }

    /// Every piece of evidence naming the node: its origin, then the others.
    pub fn evidence_records(&self) -> impl Iterator<Item = &Evidence> {
        std::iter::once(&self.origin).chain(self.also.iter())
    }

    /// The sources that name the node, sorted, each once.
    pub fn sources(&self) -> Vec<Name> {
        sources_of(self.evidence_records())
    }

    /// Adds evidence naming the node unless the same record is already there.
    pub fn add_evidence(&mut self, ev: Evidence) {
        if !self.evidence_records().any(|e| *e == ev) {
            self.also.push(ev);
        }
    }
}

/// The distinct sources of some evidence, sorted.
fn sources_of<'a>(records: impl Iterator<Item = &'a Evidence>) -> Vec<Name> {
    let mut out: Vec<Name> = records.map(|e| e.source).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The names of the Greek letters, in the order of their code points from `α` (U+03B1; `ς`,
/// the final sigma, is `sigma`).
const GREEK_LETTERS: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon", "phi",
    "chi", "psi", "omega",
];

/// The name of a Greek letter of either case (`α`, `Σ`, `µ` the micro sign), for slugs.
pub(crate) fn greek_letter(c: char) -> Option<&'static str> {
    let lower = match c {
        '\u{b5}' => 'μ',
        'Α'..='Ω' if c != '\u{3a2}' => char::from_u32(c as u32 + 0x20)?,
        _ => c,
    };
    let at = (lower as u32).checked_sub('α' as u32)?;
    GREEK_LETTERS.get(at as usize).copied()
}

/// Turns a name into a stable slug id: lower case ASCII letters and digits joined by `-`.
/// `Llama 2` → `llama-2`, `Meta AI` → `meta-ai`, `meta-llama/Llama-2-7b-hf` → `meta-llama--llama-2-7b-hf`,
/// `PanGu-α` → `pangu-alpha`; other non-ASCII letters as their code points (`盘古` → `u76d8u53e4`).
pub fn slug(name: &str) -> String {
    // each `/` becomes `--`: room for it, so a Hub id's slug does not grow its buffer (which
    // would double it) for the one byte over
    let slashes = memchr::memchr_iter(b'/', name.as_bytes()).count();
    let mut out = String::with_capacity(name.len() + slashes);
    let mut pending_dash = false;
    let pluses = match name.contains('+') {
        true => crate::suggest::suffix_pluses(name),
        false => Vec::new(),
    };
    for (i, c) in name.char_indices() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '+' && pluses.binary_search(&i).is_ok() {
            // a `+` that ends a word names another model: `DeepLabV3+` → `deeplabv3-plus`
            out.push_str("-plus");
            pending_dash = false;
        } else if c == '.' && out.as_bytes().last().is_some_and(u8::is_ascii_digit) {
            // keep version dots readable: "Llama 3.1" → "llama-3.1"
            if pending_dash {
                out.push('-');
                pending_dash = false;
            }
            out.push('.');
        } else if c == '/' {
            out.push_str("--");
            pending_dash = false;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            match greek_letter(c) {
                // a Greek letter as its name: `PanGu-α` → `pangu-alpha`
                Some(name) => out.push_str(name),
                // other non-ASCII letters (CJK names) as their hex code point, an NMTOKEN
                None => out.push_str(&format!("u{:x}", c as u32)),
            }
        } else {
            pending_dash = true;
        }
    }
    while out.ends_with(['.', '-']) {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

/// The key names are compared by (defined beside the suggestions that rank by it).
pub use crate::suggest::name_key;

#[cfg(test)]
mod tests {

    #[test]
    fn names_are_interned_and_compare_by_text() {
        let a = Name::new("data/models.csv");
        let b: Name = String::from("data/models.csv").into();
        assert_eq!(a, b);
        assert!(
            std::ptr::eq(a.as_str(), b.as_str()),
            "one string for one text"
        );
        let (x, y) = (Name::new("b-source"), Name::new("a-source"));
        assert_ne!(x, y);
        assert!(y < x, "ordered by text, not by address");
        assert_eq!(std::mem::size_of::<Option<Name>>(), 4);
        assert_eq!(std::mem::size_of::<Evidence>(), 20);
        let many: Vec<Name> = (0..300).map(|i| Name::new(&format!("name {i}"))).collect();
        for (i, n) in many.iter().enumerate() {
            assert_eq!(
                n.as_str(),
                format!("name {i}"),
                "every segment keeps its texts"
            );
        }
        let json = serde_json::to_string(&x).unwrap();
        assert_eq!(json, "\"b-source\"");
        assert_eq!(serde_json::from_str::<Name>(&json).unwrap(), x);
        assert_eq!(format!("{x} {x:?}"), "b-source \"b-source\"");
    }

    use super::*;

    #[test]
    fn attributes_are_small() {
        // what docs/benchmarks.md counts a node's attributes at: 8 bytes, and a block of two
        // units for the shape and one or two a value
        assert_eq!(std::mem::size_of::<Attrs>(), 8);
        let mut a: Attrs = [("b", AttrValue::Int(1)), ("a", AttrValue::Text("x".into()))]
            .into_iter()
            .collect();
        assert_eq!(a.keys().map(Name::as_str).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            a.insert("b".into(), AttrValue::Int(2)),
            Some(AttrValue::Int(1))
        );
        assert_eq!(a.remove("a"), Some(AttrValue::Text("x".into())));
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"b":2}"#);
        // a name given a value of another type, a copy, and the last name removed
        assert_eq!(
            a.insert("b".into(), AttrValue::Float(0.5)),
            Some(AttrValue::Int(2))
        );
        let copy = a.clone();
        assert_eq!(copy.get("b"), Some(AttrValue::Float(0.5)));
        assert_eq!(copy, a);
        assert_eq!(a.remove("b"), Some(AttrValue::Float(0.5)));
        assert!(a.is_empty() && a.get("b").is_none());
        assert_eq!(copy.len(), 1, "a copy keeps its own block");
    }

    #[test]
    fn attribute_values_of_every_width_read_back() {
        // a text, a boolean and a 32-bit integer take one 4-byte unit, a wider integer or a
        // float two: a Hub model's four texts and two counts fit in 32 bytes with the shape
        let wide = i64::from(i32::MAX) + 1;
        let set: [(Name, AttrValue); 6] = [
            ("a".into(), AttrValue::Int(i64::from(i32::MIN))),
            ("b".into(), AttrValue::Int(-wide - 1)),
            ("c".into(), AttrValue::Text("t".into())),
            ("d".into(), AttrValue::Float(-0.25)),
            ("e".into(), AttrValue::Bool(false)),
            ("f".into(), AttrValue::Int(i64::MAX)),
        ];
        let mut a = Attrs::default();
        a.extend(&set);
        assert_eq!(a.shape().map(|s| s.units), Some(2 + 1 + 2 + 1 + 2 + 1 + 2));
        let back: Vec<(Name, AttrValue)> = a.iter().map(|(k, v)| (*k, v)).collect();
        assert_eq!(back, set);
        // in place where the width stays, retyped where it grows or shrinks
        assert_eq!(a.insert("a".into(), AttrValue::Int(3)), Some(set[0].1));
        assert_eq!(
            a.insert("a".into(), AttrValue::Int(wide)),
            Some(AttrValue::Int(3))
        );
        assert_eq!(a.insert("f".into(), AttrValue::Int(-1)), Some(set[5].1));
        assert_eq!(
            (a.get("a"), a.get("f")),
            (Some(AttrValue::Int(wide)), Some(AttrValue::Int(-1)))
        );
        assert_eq!(a.get("d"), Some(AttrValue::Float(-0.25)), "the others kept");
    }

    #[test]
    fn attributes_set_together_are_those_set_one_by_one() {
        let mut one_by_one: Attrs = [("k", AttrValue::Int(1))].into_iter().collect();
        let mut together = one_by_one.clone();
        let set: [(Name, AttrValue); 4] = [
            ("z".into(), AttrValue::Text("last".into())),
            ("k".into(), AttrValue::Bool(true)),
            ("a".into(), AttrValue::Int(7)),
            ("z".into(), AttrValue::Float(2.5)),
        ];
        for &(k, v) in &set {
            one_by_one.insert(k, v);
        }
        together.extend(&set);
        assert_eq!(together, one_by_one);
        assert_eq!(
            together.get("z"),
            Some(AttrValue::Float(2.5)),
            "the last wins"
        );
        assert_eq!(together.get("k"), Some(AttrValue::Bool(true)), "retyped");
        assert_eq!(
            together.keys().map(Name::as_str).collect::<Vec<_>>(),
            ["a", "k", "z"]
        );
        together.extend(&[]);
        assert_eq!(together.len(), 3);
    }

    #[test]
    fn nodes_and_edges_are_small() {
        // what docs/benchmarks.md counts a node and an edge at, before petgraph's links
        assert_eq!(std::mem::size_of::<Evidence>(), 20);
        assert_eq!(std::mem::size_of::<Node>(), 64);
        assert_eq!(std::mem::size_of::<Edge>(), 28);
        let d: RareText = String::from("a model").into();
        assert_eq!(
            (&*d, String::from(d.clone())),
            ("a model", "a model".to_string())
        );
        assert_eq!(serde_json::to_string(&d).unwrap(), r#""a model""#);
    }

    #[test]
    fn evidence_without_a_sentence_prints_no_empty_quote() {
        let mut ev = Evidence::at(&Name::new("list"), &Name::new("open-llms.md"), 40);
        ev.text = Some(Name::new(" "));
        assert_eq!(ev.summary(), "open-llms.md:40");
        ev.text = Some(Name::new("Falcon by TII"));
        assert_eq!(ev.summary(), "open-llms.md:40 \"Falcon by TII\"");
    }

    #[test]
    fn slugs_are_readable_and_stable() {
        assert_eq!(slug("Llama 2"), "llama-2");
        assert_eq!(slug("Meta AI"), "meta-ai");
        assert_eq!(slug("Llama 3.1"), "llama-3.1");
        assert_eq!(slug("Phi-1.5"), "phi-1.5");
        assert_eq!(slug("Code Llama"), "code-llama");
        assert_eq!(
            slug("meta-llama/Llama-2-7b-hf"),
            "meta-llama--llama-2-7b-hf"
        );
        assert_eq!(slug("  "), "unnamed");
        assert_eq!(slug("01-ai/Yi"), "01-ai--yi");
        assert_eq!(slug("PanGu-α"), "pangu-alpha");
        assert_eq!(slug("PanGU-Σ"), "pangu-sigma");
        assert_eq!(slug("µP Ω ς"), "mup-omega-sigma");
        assert_eq!(slug("盘古"), "u76d8u53e4");
    }

    #[test]
    fn a_year_alone_is_a_date() {
        let d: Date = "2023".parse().unwrap();
        assert_eq!(d, Date::year(2023));
        assert_eq!(d.to_string(), "2023");
        assert_eq!(d.iso_day(), "2023-01-01");
        assert!(Date::year(2023) < Date::month(2023, 1).unwrap());
        assert!("20234".parse::<Date>().is_err());
    }

    #[test]
    fn name_keys_ignore_case_space_and_punctuation() {
        assert_eq!(name_key("LLaMA-2"), "llama2");
        assert_eq!(name_key("Llama 2"), "llama2");
        assert_eq!(name_key("llama2"), "llama2");
    }

    #[test]
    fn relations_round_trip_and_suggest() {
        for r in Relation::ALL {
            assert_eq!(r.as_str().parse::<Relation>().unwrap(), r);
        }
        let err = "fine_tunned_from".parse::<Relation>().unwrap_err();
        assert!(err.contains("did you mean \"fine_tuned_from\""), "{err}");
    }

    #[test]
    fn dates_parse_months_days_and_timestamps() {
        assert_eq!("2023/02".parse::<Date>().unwrap().to_string(), "2023-02");
        assert_eq!(
            "2023-07-18T09:12:00.000Z"
                .parse::<Date>()
                .unwrap()
                .to_string(),
            "2023-07-18"
        );
        assert!("2023-13".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
        assert_eq!("2023-02".parse::<Date>().unwrap().iso_day(), "2023-02-01");
    }

    #[test]
    fn date_text_is_what_format_writes() {
        for (year, month, day) in [
            (2023, 2, None),
            (2023, 7, Some(18)),
            (7, 1, Some(5)),
            (12345, 12, Some(31)),
            (u16::MAX, u8::MAX, Some(u8::MAX)),
            (0, 0, Some(0)),
        ] {
            let d = Date { year, month, day };
            let formatted = match day {
                _ if month == 0 => format!("{year:04}"),
                Some(day) => format!("{year:04}-{month:02}-{day:02}"),
                None => format!("{year:04}-{month:02}"),
            };
            assert_eq!(&*d.text(), formatted);
            assert_eq!(d.to_string(), formatted);
            let first = format!("{year:04}-{:02}-{:02}", month.max(1), day.unwrap_or(1));
            assert_eq!(d.iso_day(), first);
        }
    }
}
