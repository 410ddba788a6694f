//! Ties the records of the record sources (Epoch AI, Ecosystem Graphs) to the graph's nodes:
//! one entity, one node, with every source that names it. A record joins the node its name
//! (or an alias, in any spelling [`name_key`] folds) already stands for; a size-suffixed release
//! (`Llama 2-70B`) is a `variant_of` its family's node where one exists, and is the family's
//! node where none does; organizations join across their spellings; the same link asserted
//! twice is one edge with the more specific relation and both pieces of evidence. Where two
//! sources disagree on a date or an organization, a finding names both.

use super::facts::{Facts, Term};
use super::record::{Dependency, Record};
use super::relate::{self, What};
use crate::error::{Code, Diagnostic, Severity};
use crate::graph::{Graph, NodeIx, id_hash};
use crate::model::{AttrValue, Date, Edge, Evidence, KnownAttr, Node, NodeKind, Relation};
use crate::model::{name_key, slug};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Words that end an organization's name without telling it apart (`Meta Platforms, Inc.`).
const ORG_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "corp",
    "corp.",
    "corporation",
    "co.",
    "company",
    "gmbh",
    "limited",
];

/// Last words of a name that make a stub a dataset (`Alpaca's seed tasks`), beside the words
/// of [`DATASET_ANYWHERE`].
const DATASET_WORDS: &[&str] = &[
    "tasks",
    "instructions",
    "conversations",
    "benchmark",
    "archive",
    "bank",
    "collection",
];

/// Words that make a stub a dataset wherever they stand (`Protein Data Bank`, `ShareGPT
/// conversations data`).
const DATASET_ANYWHERE: &[&str] = &["data", "dataset", "datasets", "corpus"];

/// Adds the records to the graph, merged with the nodes they name (see the module doc).
pub(crate) fn add(g: &mut Graph, records: &[Record], facts: &Facts) {
    let mut m = Merge {
        facts,
        names: Names::of(g),
        g,
        families: HashSet::new(),
        // a name a dataset depends on is a dataset's, where nothing else says what it is
        data_names: (records.iter())
            .filter(|r| r.kind == NodeKind::Dataset)
            .flat_map(|r| r.depends_on.iter().map(|d| name_key(&d.name)))
            .collect(),
        diagnostics: Vec::new(),
    };
    // whole names first, so a family named by a record of its own is there for its sizes
    let mut placed: Vec<Option<NodeIx>> = records.iter().map(|r| m.place_whole(r)).collect();
    for (r, p) in records.iter().zip(&mut placed) {
        if p.is_none() {
            *p = Some(m.place_sized(r));
        }
    }
    let placed: Vec<NodeIx> = placed.into_iter().flatten().collect();
    for (r, &ix) in records.iter().zip(&placed) {
        m.organizations(r, ix);
    }
    m.dependencies(records, &placed);
    let Merge { g, diagnostics, .. } = m;
    g.diagnostics.extend(diagnostics);
}

struct Merge<'g> {
    g: &'g mut Graph,
    /// The organizations, aliases and vocabulary no rule can know.
    facts: &'g Facts,
    names: Names,
    /// Family nodes made from size-suffixed records: a further size of the family joins them.
    families: HashSet<NodeIx>,
    /// The names datasets depend on, by [`name_key`]: a stub for one is a dataset.
    data_names: HashSet<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Merge<'_> {
    /// Places a record whose whole name stands for a node, or that has no size suffix.
    fn place_whole(&mut self, r: &Record) -> Option<NodeIx> {
        let aliases = (self.facts.alias(&r.name).into_iter())
            .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases));
        let found = std::iter::once(&r.name)
            .chain(aliases)
            .find_map(|n| self.names.find(self.g, n, Some(r.kind)));
        if let Some(ix) = found {
            self.join(ix, r);
            return Some(ix);
        }
        if r.kind == NodeKind::Model && split_size(&r.name).is_some() {
            return None;
        }
        Some(self.new_node(r, &r.name))
    }

    /// Places a size-suffixed record: a variant of its family's node, or that node itself.
    fn place_sized(&mut self, r: &Record) -> NodeIx {
        let (family, _) = split_size(&r.name).expect("only sized records are left");
        match self.names.find(self.g, family, Some(NodeKind::Model)) {
            Some(f) if self.families.contains(&f) => {
                self.join(f, r);
                f
            }
            Some(f) => {
                let ix = self.new_node(r, &r.name);
                self.link(ix, f, Relation::VariantOf, r.evidence.clone());
                ix
            }
            None => {
                let f = self.new_node(r, family);
                self.families.insert(f);
                f
            }
        }
    }

    /// A new node for the record, labelled `label` (the record's name, or its family's).
    fn new_node(&mut self, r: &Record, label: &str) -> NodeIx {
        let mut n = Node::new(slug(label), label.to_string(), r.kind, r.evidence.clone());
        if label != r.name {
            n.aliases.push(r.name.clone());
        }
        n.released = r.released;
        n.sizes = r.sizes.iter().cloned().collect();
        n.sizes_b = r.sizes_b.iter().copied().collect();
        n.links = r.links.iter().cloned().collect();
        n.description = r.description.clone();
        n.attrs = r.attrs.iter().cloned().collect();
        let hash = id_hash(&n.id);
        let ix = self.g.add_node_fresh_id(n, hash);
        self.names.add(self.g.node(ix), ix);
        ix
    }

    /// Joins a record to the node it names: its evidence, name, and what the node lacks; a
    /// release date more than a month from the node's is a finding.
    fn join(&mut self, ix: NodeIx, r: &Record) {
        let n = self.g.node(ix);
        if let (Some(had), Some(says)) = (n.released, r.released)
            && months_apart(had, says).is_some_and(|m| m > 1)
        {
            let finding = disagreement(
                Code::DateDisagrees,
                n,
                &r.evidence,
                format!("released {had} by {}, {says} by", n.origin.source),
            );
            self.diagnostics.push(finding);
        }
        let n = self.g.node_mut(ix);
        fill(n, r);
        let n = self.g.node(ix);
        self.names.add(n, ix);
    }

    /// The record's organizations, each joined to its node across spellings (made where none
    /// is known), linked by `developed_by`; organizations with none in common with the ones
    /// the node had are a finding.
    fn organizations(&mut self, r: &Record, ix: NodeIx) {
        if r.organizations.is_empty() || r.kind == NodeKind::Organization {
            return;
        }
        let had: Vec<NodeIx> = self.g.organizations_of(ix).collect();
        let says: Vec<NodeIx> = r
            .organizations
            .iter()
            .map(|o| self.organization(o, &r.evidence))
            .collect();
        if !had.is_empty() && !says.iter().any(|o| had.contains(o)) {
            let names = |os: &[NodeIx]| {
                let mut l: Vec<&str> = os.iter().map(|&o| self.g.node(o).label.as_str()).collect();
                l.sort_unstable();
                l.join(", ")
            };
            let n = self.g.node(ix);
            let message = format!(
                "developed by {} by {}, by {} by",
                names(&had),
                n.origin.source,
                names(&says)
            );
            let finding = disagreement(Code::OrganizationDisagrees, n, &r.evidence, message);
            self.diagnostics.push(finding);
        }
        for o in says {
            self.link(ix, o, Relation::DevelopedBy, r.evidence.clone());
        }
    }

    /// The organization node `name` stands for, made where there is none: the organization
    /// table ([`Facts`]) names it where it knows the spelling, labelled by its canonical name.
    fn organization(&mut self, name: &str, ev: &Evidence) -> NodeIx {
        let kind = Some(NodeKind::Organization);
        let known = self.facts.organization(name);
        let canonical = known.map_or(name, |o| o.name.as_str());
        let spellings = std::iter::once(canonical.to_string()).chain(
            known
                .into_iter()
                .flat_map(|o| o.spellings.iter().chain(&o.namespaces).cloned()),
        );
        let found = spellings
            .chain(std::iter::once(name.to_string()))
            .chain(org_spellings(name))
            .find_map(|s| self.names.find(self.g, &s, kind));
        if let Some(o) = found {
            let n = self.g.node_mut(o);
            n.add_evidence(ev.clone());
            if n.label != name && !n.aliases.iter().any(|a| a == name) {
                n.aliases.push(name.to_string());
            }
            let n = self.g.node(o);
            self.names.add(n, o);
            return o;
        }
        let record = Record::new(name, NodeKind::Organization, ev.clone());
        self.new_node(&record, canonical)
    }

    /// The records' dependencies as edges, [`relate`] deciding the relation of each (or none,
    /// for a placeholder, with a note). Two rounds: the dependencies whose relation the source
    /// gives (Epoch's base models and training data) before the bare "depends on" ones, so
    /// that what one source states decides another's bare dependency in any order of inputs.
    fn dependencies(&mut self, records: &[Record], placed: &[NodeIx]) {
        let mut placeholders: BTreeMap<(String, String), Vec<Evidence>> = BTreeMap::new();
        // stubs of names only mentioned, whose kind nothing says
        let mut mentions = HashSet::new();
        let mut known = Known::default();
        for (r, &ix) in records.iter().zip(placed) {
            let s = known.said.entry(ix).or_default();
            s.dates.extend(r.released);
            s.texts.extend(r.description.as_deref());
        }
        for given in [true, false] {
            // the lineage stated before this round: a bare dependency follows it
            known.stated = (self.g.edge_indices())
                .filter(|&e| self.g.edge(e).relation.is_lineage())
                .map(|e| self.g.endpoints(e))
                .collect();
            for (r, &ix) in records.iter().zip(placed) {
                let deps: Vec<&Dependency> = (r.depends_on.iter())
                    .filter(|d| d.relation.is_some() == given)
                    .collect();
                let beside_data = self.lists_only_data(r);
                let targets: Vec<(Option<NodeIx>, What)> = (deps.iter())
                    .map(|d| self.target(d, beside_data, &r.evidence, &mut mentions))
                    .collect();
                let models = (deps.iter().zip(&targets))
                    .filter(|(d, (_, w))| relate::is_model_dependency(&r.name, &d.name, *w))
                    .count();
                for (d, (to, what)) in deps.into_iter().zip(targets) {
                    let relation =
                        to.and_then(|to| self.relate(r, ix, d, (to, what), models, &known));
                    match (to, relation) {
                        (Some(to), Some(rel)) => self.link(ix, to, rel, r.evidence.clone()),
                        _ => placeholders
                            .entry((r.evidence.source.to_string(), d.name.clone()))
                            .or_default()
                            .push(r.evidence.clone()),
                    }
                }
            }
        }
        for ((_, name), places) in placeholders {
            self.diagnostics.push(placeholder_note(&name, &places));
        }
    }

    /// The relation of `r`'s dependency `d` on node `to`, by [`relate::relation`]: with every
    /// record's texts of the dependent, its latest date and the target's earliest (what all
    /// records said, beside the node's own) and the lineage stated before the round, so that
    /// the order of inputs changes nothing.
    fn relate(
        &self,
        r: &Record,
        ix: NodeIx,
        d: &Dependency,
        (to, what): (NodeIx, What),
        models: usize,
        known: &Known,
    ) -> Option<Relation> {
        let (n, t) = (self.g.node(ix), self.g.node(to));
        let (of_n, of_t) = (known.said.get(&ix), known.said.get(&to));
        let texts: Vec<&str> = (of_n.into_iter().flat_map(|s| s.texts.iter().copied()))
            .chain(n.description.as_deref())
            .collect();
        let dates = |node: &Node, of: Option<&Said>| {
            let all = of.into_iter().flat_map(|s| s.dates.iter().copied());
            all.chain(node.released).collect::<Vec<Date>>()
        };
        let names: Vec<&str> = [d.name.as_str(), t.label.as_str()]
            .into_iter()
            .chain(t.aliases.iter().map(String::as_str))
            .collect();
        let from = relate::Dependent {
            name: &r.name,
            kind: n.kind,
            texts: &texts,
            released: dates(n, of_n).into_iter().max(),
            model_dependencies: models,
        };
        let stated_elsewhere = known.stated.contains(&(ix, to));
        let target = relate::Target {
            what,
            names: &names,
            released: dates(t, of_t).into_iter().min(),
            stated_elsewhere,
        };
        relate::relation(&from, d.relation, &target)
    }

    /// The node a dependency names and what it is: a node some source defines; a stub, typed
    /// by the vocabulary where it knows the name; a new stub ([`Merge::stub`]); or, for a
    /// placeholder, no node.
    fn target(
        &mut self,
        d: &Dependency,
        beside_data: bool,
        ev: &Evidence,
        mentions: &mut HashSet<NodeIx>,
    ) -> (Option<NodeIx>, What) {
        let Some(ix) = self.find_dependency(&d.name) else {
            if self.term(&d.name) == Some(Term::Placeholder) {
                return (None, What::Term(Term::Placeholder));
            }
            let (ix, what) = self.stub(&d.name, d.relation, beside_data, ev);
            if what == What::Mention {
                mentions.insert(ix);
            }
            return (Some(ix), what);
        };
        let n = self.g.node(ix);
        if n.known_attr(KnownAttr::Stub).is_none() {
            return (Some(ix), What::Node(n.kind));
        }
        let term = self.term(&d.name).or_else(|| self.term(&n.label));
        let what = match term {
            Some(t) => What::Term(t),
            None if mentions.contains(&ix) => What::Mention,
            None => What::Node(n.kind),
        };
        (Some(ix), what)
    }

    /// What the vocabulary says a name is, by the whole name or the part outside or inside its
    /// parentheses (`Conceptual Captions (CC3M)`).
    fn term(&self, name: &str) -> Option<Term> {
        let parts = || {
            let (outside, inside) = name.trim().strip_suffix(')')?.split_once('(')?;
            self.facts.term(outside).or_else(|| self.facts.term(inside))
        };
        self.facts.term(name).or_else(parts)
    }

    /// The node a dependency's name stands for: by the whole name; by its family where it ends
    /// in a parameter count and the family is a model (`Qwen2.5-Coder (32B)`; `LAION-400M` is
    /// no size of a `LAION`); by the name outside or inside its parentheses (`PDB (Protein Data
    /// Bank)`); by the name without a last word that says "data" where that names a dataset.
    fn find_dependency(&self, name: &str) -> Option<NodeIx> {
        let found = |n: &str| self.names.find(self.g, n, None);
        let family = || {
            let (f, _) = split_size(name)?;
            found(f).filter(|&ix| self.g.node(ix).kind == NodeKind::Model)
        };
        let parts = || {
            let (outside, inside) = name.trim().strip_suffix(')')?.split_once('(')?;
            found(outside).or_else(|| found(inside))
        };
        // `Open X-Embodiment dataset` is the dataset `Open X-Embodiment`
        let data = || {
            let (head, last) = name.trim().rsplit_once(' ')?;
            DATASET_ANYWHERE
                .contains(&last.to_lowercase().as_str())
                .then_some(())?;
            found(head).filter(|&ix| self.g.node(ix).kind == NodeKind::Dataset)
        };
        found(name).or_else(family).or_else(parts).or_else(data)
    }

    /// Whether the record's dependencies that are known name datasets and no model (nodes of
    /// those kinds, or the vocabulary's datasets): its other dependencies are then datasets
    /// too (AudioGen's AudioSet beside AudioCaps).
    fn lists_only_data(&self, r: &Record) -> bool {
        let kinds: Vec<NodeKind> = (r.depends_on.iter())
            .filter_map(|d| match self.find_dependency(&d.name) {
                Some(ix) => Some(self.g.node(ix).kind),
                None => (self.term(&d.name) == Some(Term::Dataset)).then_some(NodeKind::Dataset),
            })
            .collect();
        kinds.contains(&NodeKind::Dataset) && !kinds.contains(&NodeKind::Model)
    }

    /// A stub for a name that only a dependency mentions, and what it is: what the vocabulary
    /// says (a dataset; a library or platform, an application node); a dataset where the
    /// source gives `trained_on`, where a dataset depends on it, where it is listed beside
    /// datasets and no model (`beside_data`) or its words say so ([`DATASET_WORDS`] last,
    /// [`DATASET_ANYWHERE`] anywhere); a model where the source names it as a base; else a
    /// plain mention (a model stub no lineage is inferred to from its kind alone).
    fn stub(
        &mut self,
        name: &str,
        given: Option<Relation>,
        beside_data: bool,
        ev: &Evidence,
    ) -> (NodeIx, What) {
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let last = words.last().map_or("", String::as_str);
        let data = given == Some(Relation::TrainedOn)
            || beside_data
            || self.data_names.contains(&name_key(name))
            || DATASET_WORDS.contains(&last)
            || words.iter().any(|w| DATASET_ANYWHERE.contains(&w.as_str()));
        let (kind, what) = match (self.term(name), given) {
            (Some(Term::Dataset), _) => (NodeKind::Dataset, What::Term(Term::Dataset)),
            (Some(t), _) => (NodeKind::Application, What::Term(t)),
            (None, Some(r)) if r.is_lineage() => (NodeKind::Model, What::Node(NodeKind::Model)),
            (None, _) if data => (NodeKind::Dataset, What::Node(NodeKind::Dataset)),
            (None, _) => (NodeKind::Model, What::Mention),
        };
        let record = Record::new(name, kind, ev.clone());
        let ix = self.new_node(&record, name);
        let n = self.g.node_mut(ix);
        n.set_known_attr(KnownAttr::Stub, AttrValue::Bool(true));
        // a dataset's name with its abbreviation or full name in parentheses goes by either
        let parts = name
            .trim()
            .strip_suffix(')')
            .and_then(|o| o.split_once('('));
        if let (NodeKind::Dataset, Some((outside, inside))) = (kind, parts) {
            let other = [outside, inside].map(str::trim);
            n.aliases.extend(
                other
                    .iter()
                    .filter(|a| !a.is_empty())
                    .map(|a| a.to_string()),
            );
            let n = self.g.node(ix);
            self.names.add(n, ix);
        }
        (ix, what)
    }

    /// Links `from` to `to`: the same fact asserted again adds its evidence to the edge; a
    /// lineage link between the same two nodes is one edge with the more specific relation.
    fn link(&mut self, from: NodeIx, to: NodeIx, relation: Relation, ev: Evidence) {
        if from == to {
            return;
        }
        let same = self.g.find_edge(from, to, relation).or_else(|| {
            let lineage = self
                .g
                .out_edges(from)
                .find(|&(e, t)| t == to && self.g.edge(e).relation.is_lineage());
            lineage.filter(|_| relation.is_lineage()).map(|(e, _)| e)
        });
        match same {
            Some(e) => {
                let edge = self.g.edge_mut(e);
                if specificity(relation) > specificity(edge.relation) {
                    edge.relation = relation;
                }
                edge.add_evidence(ev);
            }
            None => {
                self.g.add_edge(from, to, Edge::new(relation, ev));
            }
        }
    }
}

/// What the relation of a bare dependency may rest on, whatever the order of inputs.
#[derive(Default)]
struct Known<'r> {
    /// What the records placed at each node say of it.
    said: HashMap<NodeIx, Said<'r>>,
    /// The lineage links (from, to) stated before the current round.
    stated: HashSet<(NodeIx, NodeIx)>,
}

/// What the records placed at one node say of it, in any order of inputs: their dates and
/// descriptions.
#[derive(Default)]
struct Said<'r> {
    dates: Vec<Date>,
    texts: Vec<&'r str>,
}

/// Puts what a record adds into the node it joins: its evidence, its name as an alias, and
/// the date, sizes, links, description and attributes the node lacks. A stub takes the
/// record's kind and stops being a stub.
fn fill(n: &mut Node, r: &Record) {
    n.add_evidence(r.evidence.clone());
    if n.label != r.name && !n.aliases.contains(&r.name) {
        n.aliases.push(r.name.clone());
    }
    if n.known_attr(KnownAttr::Stub).is_some() {
        n.attrs.remove(KnownAttr::Stub.key());
        n.kind = r.kind;
    }
    n.released = n.released.or(r.released);
    for (s, b) in r
        .sizes
        .iter()
        .zip(r.sizes_b.iter().map(Some).chain(std::iter::repeat(None)))
    {
        if !n.sizes.contains(s) {
            n.sizes.push(s.clone());
            if let Some(&b) = b {
                n.sizes_b.push(b);
            }
        }
    }
    for l in &r.links {
        if !n.links.contains(l) {
            n.links.push(l.clone());
        }
    }
    if n.description.is_none() {
        n.description = r.description.clone();
    }
    for (k, v) in &r.attrs {
        n.attrs.entry(k.clone()).or_insert_with(|| v.clone());
    }
}

/// A finding where a record says otherwise than the node it joins: `message` ends with "by"
/// and is followed by the record's source; both places are named.
fn disagreement(code: Code, n: &Node, ev: &Evidence, message: String) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        code,
        ev.location(),
        format!(
            "{}: {message} {} (first named at {}, then at {})",
            n.label,
            ev.source,
            n.origin.summary(),
            ev.summary()
        ),
    )
    .help("check both sources; a curated [[correction]] settles which one holds")
}

/// The note that a dependency names a placeholder (`Unknown`), not an entity: one per source
/// and name, at the first place, counting the others.
fn placeholder_note(name: &str, places: &[Evidence]) -> Diagnostic {
    const SHOWN: usize = 3;
    let mut message = format!("dependency \"{name}\" is a placeholder, not an entity: no edge");
    if places.len() > 1 {
        let mut at: Vec<String> = places.iter().take(SHOWN).map(Evidence::location).collect();
        if places.len() > SHOWN {
            at.push(format!("{} more", places.len() - SHOWN));
        }
        message.push_str(&format!(" ({} records: {})", places.len(), at.join(", ")));
    }
    Diagnostic::new(
        Severity::Info,
        Code::Placeholder,
        places[0].location(),
        message,
    )
}

/// How many months apart two dates are, where both name their month.
fn months_apart(a: Date, b: Date) -> Option<u32> {
    if a.month == 0 || b.month == 0 {
        return None;
    }
    let m = |d: Date| i64::from(d.year) * 12 + i64::from(d.month);
    Some((m(a) - m(b)).unsigned_abs() as u32)
}

/// How specific a lineage relation is: a source that only says "depends on" gives the least.
fn specificity(r: Relation) -> u8 {
    match r {
        Relation::DerivedFrom | Relation::BuiltOn | Relation::Uses => 0,
        _ => 1,
    }
}

/// `Llama 2-70B` → (`Llama 2`, `70B`); `LLaMA-65B` → (`LLaMA`, `65B`); `Qwen2.5-Coder (32B)`
/// → (`Qwen2.5-Coder`, `32B`): a name that ends in a parameter count, split off it.
pub(crate) fn split_size(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    let (family, size) = match name.strip_suffix(')') {
        Some(open) => {
            let at = open.rfind('(')?;
            (&open[..at], &open[at + 1..])
        }
        None => {
            let at = name.rfind(['-', ' ', '_'])?;
            (&name[..at], &name[at + 1..])
        }
    };
    let family = family.trim_end_matches(['-', ' ', '_']);
    (is_size(size) && !family.is_empty()).then_some((family, size))
}

/// `70B`, `6.7B`, `8x7B`, `350M`: a parameter count as releases are named by.
fn is_size(s: &str) -> bool {
    let Some(number) = s.strip_suffix(['B', 'b', 'M', 'm', 'T', 't', 'K', 'k']) else {
        return false;
    };
    let mut parts = number.splitn(2, ['x', 'X']);
    parts.all(|p| !p.is_empty() && p.parse::<f64>().is_ok_and(f64::is_finite))
}

/// Other spellings of an organization's name to look it up by: without a parenthesised
/// part, the parenthesised part alone (`Carnegie Mellon University (CMU)`), without a
/// corporate suffix (`Meta Platforms, Inc.`), either side of ` / ` (`Beijing Academy of
/// Artificial Intelligence / BAAI`).
fn org_spellings(name: &str) -> impl Iterator<Item = String> {
    let mut out = Vec::new();
    if let Some((a, b)) = name.split_once(" / ") {
        out.extend([a.trim().to_string(), b.trim().to_string()]);
    }
    if let (Some(open), Some(inner)) = (name.find('('), name.strip_suffix(')')) {
        out.push(name[..open].trim().to_string());
        out.push(inner[open + 1..].trim().to_string());
    }
    let words: Vec<&str> = name.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let kept = words
        .iter()
        .rposition(|w| !ORG_SUFFIXES.contains(&w.to_ascii_lowercase().as_str()))
        .map_or(0, |p| p + 1);
    if kept < words.len() && kept > 0 {
        out.push(words[..kept].join(" "));
    }
    out.into_iter().filter(|s| !s.is_empty())
}

/// The graph's names by [`name_key`]: labels, ids, aliases, and the Hub namespaces an
/// organization is known by.
struct Names {
    by_key: HashMap<String, Vec<NodeIx>>,
}

impl Names {
    fn of(g: &Graph) -> Names {
        let mut names = Names {
            by_key: HashMap::new(),
        };
        for ix in g.node_indices() {
            names.add(g.node(ix), ix);
        }
        names
    }

    /// Files node `ix` under each of its names.
    fn add(&mut self, n: &Node, ix: NodeIx) {
        let hub = match n.known_attr(KnownAttr::Hub) {
            Some(AttrValue::Text(h)) if n.kind == NodeKind::Organization => Some(h.as_str()),
            _ => None,
        };
        let names = [n.label.as_str(), n.id.as_str()]
            .into_iter()
            .chain(n.aliases.iter().map(String::as_str))
            .chain(hub.into_iter().flat_map(str::split_whitespace));
        let mut keys: Vec<String> = names.map(name_key).collect();
        if n.kind == NodeKind::Organization {
            let spellings = [&n.label].into_iter().chain(n.aliases.iter());
            keys.extend(
                spellings
                    .flat_map(|s| org_spellings(s))
                    .map(|s| name_key(&s)),
            );
        }
        for key in keys {
            let ixs = self.by_key.entry(key).or_default();
            if !ixs.contains(&ix) {
                ixs.push(ix);
            }
        }
    }

    /// The node `name` stands for, of `kind` where given (a stub stands for any kind), or of
    /// any kind but an organization (what a dependency names); the first made where several do.
    fn find(&self, g: &Graph, name: &str, kind: Option<NodeKind>) -> Option<NodeIx> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        let fits = |ix: &&NodeIx| {
            let n = g.node(**ix);
            match kind {
                Some(k) => n.kind == k || n.known_attr(KnownAttr::Stub).is_some(),
                None => n.kind != NodeKind::Organization,
            }
        };
        self.by_key.get(&key)?.iter().filter(fits).min().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;

    #[test]
    fn sizes_split_off_names() {
        assert_eq!(split_size("Llama 2-70B"), Some(("Llama 2", "70B")));
        assert_eq!(split_size("LLaMA-65B"), Some(("LLaMA", "65B")));
        assert_eq!(
            split_size("Qwen2.5-Coder (32B)"),
            Some(("Qwen2.5-Coder", "32B"))
        );
        assert_eq!(split_size("Mixtral 8x7B"), Some(("Mixtral", "8x7B")));
        assert_eq!(split_size("Llama 2"), None);
        assert_eq!(split_size("GPT-4o (Mar 2025)"), None);
        assert_eq!(split_size("70B"), None);
    }

    #[test]
    fn organizations_have_other_spellings() {
        let s: Vec<String> = org_spellings("Carnegie Mellon University (CMU)").collect();
        assert_eq!(s, ["Carnegie Mellon University", "CMU"]);
        let s: Vec<String> = org_spellings("Meta Platforms, Inc.").collect();
        assert_eq!(s, ["Meta Platforms"]);
        assert_eq!(org_spellings("Meta AI").count(), 0);
        let s: Vec<String> = org_spellings("Beijing Academy of AI / BAAI").collect();
        assert_eq!(s, ["Beijing Academy of AI", "BAAI"]);
    }

    fn record(name: &str, line: u32) -> Record {
        let ev = Evidence::at(&Name::new("epoch"), &Name::new("e.csv"), line);
        Record::new(name, NodeKind::Model, ev)
    }

    #[test]
    fn sized_records_join_their_family_or_become_it() {
        let mut g = Graph::new();
        let ev = Evidence::at(&Name::new("list"), &Name::new("l.md"), 1);
        g.add_node(Node::new(
            "llama-2".into(),
            "Llama 2".into(),
            NodeKind::Model,
            ev,
        ))
        .unwrap();
        let mut qwq = record("QwQ-32B", 5);
        qwq.depends_on.push(Dependency {
            name: "Qwen2.5-Coder (32B) ".into(),
            relation: Some(Relation::FineTunedFrom),
        });
        let records = [
            record("Llama 2-70B", 2),
            record("LLaMA 2-7B", 3),
            record("Qwen2.5-Coder (32B)", 4),
            qwq,
        ];
        add(&mut g, &records, &Facts::bundled());
        let id = |s: &str| g.index_of(s).unwrap_or_else(|| panic!("no node {s}"));
        let variant = g.find_edge(id("llama-2-70b"), id("llama-2"), Relation::VariantOf);
        assert!(
            variant.is_some(),
            "a sized release is a variant of its family"
        );
        assert!(
            g.find_edge(id("llama-2-7b"), id("llama-2"), Relation::VariantOf)
                .is_some()
        );
        let coder = g.node(id("qwen2.5-coder"));
        assert_eq!(coder.aliases.as_slice(), ["Qwen2.5-Coder (32B)"]);
        let tuned = g.find_edge(id("qwq"), id("qwen2.5-coder"), Relation::FineTunedFrom);
        assert!(
            tuned.is_some(),
            "a base named by its sized name finds the family"
        );
    }

    #[test]
    fn undefined_dependencies_are_datasets_by_their_words_or_company() {
        let mut g = Graph::new();
        let mut usm = record("USM", 1);
        let mut audio = record("AudioGen", 2);
        let mut data = record("AudioSet", 3);
        data.kind = NodeKind::Dataset;
        let mut solo = record("Solo", 4);
        for (r, deps) in [
            (
                &mut usm,
                &["Protein Data Bank", "Free Music Archive", "Pub-S"][..],
            ),
            (&mut audio, &["AudioSet", "AudioCaps"][..]),
            (&mut solo, &["Pub-X"][..]),
        ] {
            for d in deps {
                r.depends_on.push(Dependency {
                    name: (*d).into(),
                    relation: None,
                });
            }
        }
        add(&mut g, &[data, usm, audio, solo], &Facts::bundled());
        let kind = |s: &str| g.node(g.index_of(s).unwrap()).kind;
        assert_eq!(kind("protein-data-bank"), NodeKind::Dataset);
        assert_eq!(kind("free-music-archive"), NodeKind::Dataset);
        assert_eq!(kind("audiocaps"), NodeKind::Dataset, "beside a dataset");
        assert_eq!(kind("pub-s"), NodeKind::Dataset, "beside a known corpus");
        assert_eq!(kind("pub-x"), NodeKind::Model, "nothing says otherwise");
        let solo = g.index_of("solo").unwrap();
        let (e, _) = g.out_edges(solo).next().unwrap();
        assert_eq!(g.edge(e).relation, Relation::Uses, "a plain mention");
    }

    #[test]
    fn a_dataset_named_with_or_without_a_data_word_is_one_node() {
        let mut g = Graph::new();
        let mut a = record("RT-2-X", 1);
        a.depends_on.push(Dependency {
            name: "Open X-Embodiment".into(),
            relation: Some(Relation::TrainedOn),
        });
        let mut b = record("Octo", 2);
        b.depends_on.push(Dependency {
            name: "Open X-Embodiment dataset".into(),
            relation: None,
        });
        let mut c = record("Alpaca", 3);
        c.depends_on.push(Dependency {
            name: "Octo data".into(),
            relation: None,
        });
        add(&mut g, &[b, a, c], &Facts::bundled());
        let data: Vec<&str> = (g.node_indices().map(|ix| g.node(ix)))
            .filter(|n| n.kind == NodeKind::Dataset)
            .map(|n| n.label.as_str())
            .collect();
        assert_eq!(
            data,
            ["Open X-Embodiment", "Octo data"],
            "a model is no dataset"
        );
    }

    #[test]
    fn one_link_from_two_sources_is_one_edge_with_the_specific_relation() {
        let mut g = Graph::new();
        let mut a = record("Alpaca", 1);
        a.depends_on.push(Dependency {
            name: "LLaMA".into(),
            relation: None,
        });
        let mut b = record("alpaca", 2);
        b.evidence.source = Name::new("ecosystem");
        b.depends_on.push(Dependency {
            name: "Llama".into(),
            relation: Some(Relation::FineTunedFrom),
        });
        add(&mut g, &[record("Llama", 3), a, b], &Facts::bundled());
        assert_eq!(g.node_count(), 2, "one node per entity");
        assert_eq!(g.edge_count(), 1, "one edge per link");
        let e = g.edge(g.edge_indices().next().unwrap());
        assert_eq!(e.relation, Relation::FineTunedFrom);
        let sources: Vec<&str> = e.sources().iter().map(|s| s.as_str()).collect();
        assert_eq!(sources, ["ecosystem", "epoch"]);
    }

    #[test]
    fn dates_and_organizations_that_disagree_are_findings() {
        let mut g = Graph::new();
        let mut a = record("Falcon", 1);
        a.released = "2023-03".parse().ok();
        a.organizations.push("TII".into());
        let mut b = record("Falcon", 2);
        b.released = "2023-09-01".parse().ok();
        b.organizations.push("Other Lab, Inc.".into());
        add(&mut g, &[a, b], &Facts::bundled());
        let codes: Vec<Code> = g.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::DateDisagrees, Code::OrganizationDisagrees]);
        assert!(
            g.diagnostics[0].message.contains("e.csv:1"),
            "{:?}",
            g.diagnostics
        );
        assert!(g.diagnostics[0].message.contains("e.csv:2"));
    }
}
