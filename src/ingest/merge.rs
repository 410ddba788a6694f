//! Ties the records of the record sources (Epoch AI, Ecosystem Graphs) to the graph's nodes:
//! one entity, one node, with every source that names it. Where each record goes is the one
//! identity decision's ([`super::decide`]): the node that holds its Hub id, else the node its
//! name (or an alias) stands for by [`identity::identity_key`] within the same organization,
//! else a node of its own; a size-suffixed release
//! (`Llama 2-70B`) is a node of its own, `variant_of` its family's node (made where no source
//! names the family); one name of two organizations is two nodes, told apart by their
//! organization (`GOAT (DeepMind)`); organizations join across their spellings; the same link
//! asserted twice is one edge with the more specific relation and both pieces of evidence.
//! Where two sources disagree on a date or an organization, a finding names both. Records are
//! placed in an order of their own (sized names first, then by source, file and line), so the
//! order of `--data` changes nothing.

use super::decide::{Claim, Placement, Resolver, fits};
use super::facts::{Facts, Term};
use super::gaps;
use super::hub::address::model_id;
use super::identity::{self, identity_key};
use super::org;
use super::record::{Dependency, Record};
use super::relate::{self, What};
use super::resolve::{Index, orgs_meet, record_namespaces, share_address};
use super::value::size;
use crate::error::{Code, Diagnostic, Severity};
use crate::graph::{Graph, NodeIx, id_hash};
use crate::model::{
    AttrValue, Date, Edge, Evidence, KnownAttr, Link, LinkKind, Node, NodeKind, Relation,
};
use crate::model::{name_key, slug};
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// Adds the records to the graph, merged with the nodes they name (see the module doc), over
/// an index made of the graph as it is.
#[cfg(test)]
pub(crate) fn add(g: &mut Graph, records: &[Record], facts: &Facts) {
    let index = Index::of(g);
    add_indexed(g, index, records, facts);
}

/// [`add`], placing the records over `index`, the resolution index of the graph's nodes: the
/// one the build placed the lists' entries by; gives the index with the records filed too, for
/// the Hub dumps read next.
pub(crate) fn add_indexed(g: &mut Graph, index: Index, records: &[Record], facts: &Facts) -> Index {
    let mut m = Merge {
        facts,
        resolver: Resolver::new(facts, index),
        orgs: org::Orgs::of(g, facts),
        g,
        // a name a dataset depends on is a dataset's, where nothing else says what it is
        data_names: (records.iter())
            .filter(|r| r.kind == NodeKind::Dataset)
            .flat_map(|r| r.depends_on.iter().map(|d| name_key(&d.name)))
            .collect(),
        contested: contested(records, facts),
        homonyms: BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    let order = placement_order(records);
    let mut placed: Vec<Option<NodeIx>> = vec![None; records.len()];
    for &i in &order {
        placed[i] = Some(m.place(&records[i]));
    }
    let placed: Vec<NodeIx> = placed.into_iter().flatten().collect();
    // each sized release's family, once every record that may name the family is placed
    let families: Vec<(usize, NodeIx)> = (order.iter())
        .filter_map(|&i| m.family(&records[i], placed[i]).map(|f| (i, f)))
        .collect();
    for &i in &order {
        m.organizations(&records[i], placed[i]);
    }
    for &(i, f) in &families {
        m.organizations(&records[i], f);
    }
    m.dependencies(records, &placed, &order);
    m.sized_models_to_families();
    m.homonym_findings();
    m.settle_links();
    let Merge {
        g,
        diagnostics,
        resolver,
        ..
    } = m;
    g.diagnostics.extend(diagnostics);
    resolver.index
}

/// The order records are placed in: sized names first (so where a family's name and a sized
/// name share a Hub id, the sized name labels the node), then by source, file and line, so
/// the order the inputs were given in changes nothing.
fn placement_order(records: &[Record]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    let key = |r: &Record| {
        let whole = r.kind != NodeKind::Model || size::split_off(&r.name).is_none();
        (whole, evidence_key(r))
    };
    order.sort_by_cached_key(|&i| key(&records[i]));
    order
}

/// Where a record is, as a key that orders records by source, file, line and name.
fn evidence_key(r: &Record) -> (String, Option<String>, Option<std::num::NonZeroU32>, String) {
    let ev = &r.evidence;
    (
        ev.source.as_str().to_string(),
        ev.file.map(|f| f.as_str().to_string()),
        ev.line,
        r.name.clone(),
    )
}

/// The identity keys that records of organizations with none in common share, with no Hub id
/// to join them: each such record's node carries its organization in its label.
fn contested(records: &[Record], facts: &Facts) -> HashSet<(NodeKind, String)> {
    type Claim = (HashSet<String>, Option<String>);
    let mut by_key: HashMap<(NodeKind, String), Vec<Claim>> = HashMap::new();
    for r in records.iter().filter(|r| !r.organizations.is_empty()) {
        by_key
            .entry((r.kind, identity_key(&r.name)))
            .or_default()
            .push((record_org_keys(facts, r), identity::record_hub_id(r)));
    }
    let apart =
        |(a, ha): &Claim, (b, hb): &Claim| !orgs_meet(facts, a, b) && (ha.is_none() || ha != hb);
    (by_key.into_iter())
        .filter(|(_, rs)| {
            (rs.iter().enumerate()).any(|(i, a)| rs[i + 1..].iter().any(|b| apart(a, b)))
        })
        .map(|(k, _)| k)
        .collect()
}

/// The organization keys of a record: those of the organizations it names ([`org::keys`]) and
/// of its model links' Hub namespaces.
fn record_org_keys(facts: &Facts, r: &Record) -> HashSet<String> {
    (r.organizations.iter())
        .flat_map(|o| org::keys(facts, o))
        .chain(record_namespaces(r))
        .collect()
}

struct Merge<'g> {
    g: &'g mut Graph,
    /// The organizations, aliases and vocabulary no rule can know.
    facts: &'g Facts,
    /// The one identity decision, over the graph's names and Hub ids.
    resolver: Resolver<'g>,
    /// The organization nodes, by every spelling and namespace they go by.
    orgs: org::Orgs,
    /// The names datasets depend on, by [`name_key`]: a stub for one is a dataset.
    data_names: HashSet<String>,
    /// Identity keys that records of unrelated organizations share ([`contested`]).
    contested: HashSet<(NodeKind, String)>,
    /// Nodes kept apart though one name stands for them, by that name's identity key.
    homonyms: BTreeMap<String, Vec<NodeIx>>,
    diagnostics: Vec<Diagnostic>,
}

impl Merge<'_> {
    /// Places a record where the one identity decision ([`Resolver::place`]) says: on a node
    /// already made, else on a node of its own (labelled with its organization where another
    /// organization's model has its name, or its name is contested).
    fn place(&mut self, r: &Record) -> NodeIx {
        let c = claim(r);
        let hub = c.hub.as_deref();
        let other = match self.resolver.place(self.g, &c) {
            Placement::Is(ix, _) => {
                self.join(ix, r, &c);
                return ix;
            }
            Placement::New { apart_from } => apart_from,
        };
        let key = identity_key(&r.name);
        let apart = other.is_some() || self.contested.contains(&(r.kind, key.clone()));
        let label = match apart {
            true => self.label(r, &r.name, other, hub),
            false => None,
        };
        let label = label.unwrap_or(r.name.clone());
        let ix = self.new_node(r, &label);
        if label != r.name {
            let kept = self.homonyms.entry(key).or_default();
            for i in other.into_iter().chain([ix]) {
                if !kept.contains(&i) {
                    kept.push(i);
                }
            }
        }
        self.resolver.claim(self.g, ix, &c, hub);
        ix
    }

    /// The label of a record's node that tells it from `other`, the node its name stands for:
    /// `name (Hub repository)` where their Hub ids differ, `name (organization)` otherwise;
    /// `None` where neither tells them apart (or there is no `other` and no contest).
    fn label(
        &self,
        r: &Record,
        name: &str,
        other: Option<NodeIx>,
        hub: Option<&str>,
    ) -> Option<String> {
        let by_hub = other.and_then(|o| {
            let held = self.resolver.index.hub_ids(o);
            let h = hub.filter(|h| !held.is_empty() && !held.iter().any(|x| x == h))?;
            let at = (r.links.iter()).find_map(|l| {
                let id = model_id(&l.url)?;
                (identity::hub_key(&id) == h).then_some(id)
            })?;
            Some(at.split_once('/').map_or(at.clone(), |p| p.1.to_string()))
        });
        let by_org = r.organizations.first().map(|o| self.org_label(o));
        by_hub.or(by_org).map(|d| format!("{name} ({d})"))
    }

    /// An organization's name as a label shows it: the organization table's, else as written.
    fn org_label(&self, name: &str) -> String {
        self.facts
            .organization(name)
            .map_or(name.to_string(), |o| o.name.clone())
    }

    /// The family of a sized release placed on node `ix`: the node the family's name stands
    /// for within the release's organization, made where none does, and linked by `variant_of`.
    /// `None` where the record has no size in its name, or the family's name is the node's own.
    fn family(&mut self, r: &Record, ix: NodeIx) -> Option<NodeIx> {
        if r.kind != NodeKind::Model {
            return None;
        }
        let (family, _) = size::split_off(&r.name)?;
        let same: Vec<NodeIx> = (self.resolver.index.same(family).into_iter())
            .filter(|&f| fits(self.g, f, NodeKind::Model))
            .collect();
        let c = claim(r);
        let known = (same.iter().copied()).find(|&f| self.resolver.compatible(self.g, f, &c, None));
        let made = known.is_none();
        let f = match known {
            Some(f) if f == ix => return None,
            Some(f) => f,
            None => {
                let label = match same.first() {
                    Some(&o) => self.label(r, family, Some(o), None),
                    None => None,
                };
                let label = label.unwrap_or(family.to_string());
                let named = Record::new(family, NodeKind::Model, r.evidence.clone());
                let f = self.new_node(&named, &label);
                self.resolver.claim(self.g, f, &c, None);
                f
            }
        };
        self.link(ix, f, Relation::VariantOf, r.evidence.clone());
        made.then_some(f)
    }

    /// A Hub model that several nodes link is the model card of the one it identifies (by
    /// [`Names::hub`]): on the others (a family's row linking its checkpoints, a source's
    /// mislink) the link is kept as `other`, so no node is taken for a model it only links.
    fn settle_links(&mut self) {
        let mut linked: BTreeMap<String, Vec<NodeIx>> = BTreeMap::new();
        for ix in self.g.node_indices() {
            let n = self.g.node(ix);
            if n.kind != NodeKind::Model {
                continue;
            }
            for l in n.links.iter().filter(|l| l.kind == LinkKind::Model) {
                if let Some(id) = model_id(&l.url) {
                    let ixs = linked.entry(identity::hub_key(&id)).or_default();
                    if !ixs.contains(&ix) {
                        ixs.push(ix);
                    }
                }
            }
        }
        for (id, ixs) in linked {
            let holder = self.resolver.index.hub(&id);
            if ixs.len() < 2 && holder.is_none_or(|h| ixs.contains(&h)) {
                continue;
            }
            for ix in ixs.into_iter().filter(|&ix| Some(ix) != holder) {
                let n = self.g.node_mut(ix);
                for l in n.links.iter_mut().filter(|l| l.kind == LinkKind::Model) {
                    let of = model_id(&l.url).map(|h| identity::hub_key(&h));
                    if of.as_deref() == Some(id.as_str()) {
                        l.kind = LinkKind::Other;
                    }
                }
            }
        }
    }

    /// One finding per name that stands for models kept apart, naming each with its source.
    fn homonym_findings(&mut self) {
        for ixs in self.homonyms.values().filter(|ixs| ixs.len() > 1) {
            let nodes: Vec<&Node> = ixs.iter().map(|&ix| self.g.node(ix)).collect();
            let each: Vec<String> = (nodes.iter())
                .map(|n| format!("{} ({})", n.label, n.origin.summary()))
                .collect();
            let first = nodes[0];
            let name = first
                .aliases
                .first()
                .map_or(first.label.as_str(), String::as_str);
            self.diagnostics.push(
                Diagnostic::new(
                    Severity::Info,
                    Code::Homonym,
                    nodes[nodes.len() - 1].origin.location(),
                    format!(
                        "{name}: one name for models kept apart (no organization in common, or Hub ids of different bases): {}",
                        each.join(" and ")
                    ),
                )
                .help("a curated alias or a shared Hub id joins them where they are one model"),
            );
        }
    }

    /// A new node for the record, labelled `label` (the record's name, or its family's; the
    /// alias table's name where `label` is a misspelling of it).
    fn new_node(&mut self, r: &Record, label: &str) -> NodeIx {
        let label = self.facts.label_for(label);
        let mut n = Node::new(slug(label), label.to_string(), r.kind, r.evidence.clone());
        if label != r.name {
            n.aliases.push(r.name.clone());
        }
        n.released = r.released;
        n.sizes = r.sizes.iter().cloned().collect();
        n.sizes_b = r.sizes_b.iter().copied().collect();
        n.links = own_links(r).collect();
        n.description = r.description.as_deref().map(Into::into);
        n.attrs = r.attrs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let hash = id_hash(&n.id);
        let ix = self.g.add_node_fresh_id(n, hash);
        self.resolver.file(self.g, ix);
        ix
    }

    /// Joins a record (whose claim is `c`) to the node it names: its evidence, name, and what
    /// the node lacks; a release date more than a month from the node's is a finding.
    fn join(&mut self, ix: NodeIx, r: &Record, c: &Claim) {
        let n = self.g.node(ix);
        self.diagnostics
            .extend(gaps::date_finding(n, r.released, &r.evidence));
        let n = self.g.node_mut(ix);
        fill(n, r);
        self.resolver.file(self.g, ix);
        self.resolver.claim(self.g, ix, c, c.hub.as_deref());
    }

    /// The record's organizations, each joined to its node across spellings (made where none
    /// is known), linked by `developed_by`; organizations with none in common with the ones
    /// the node had (nor a partner, nor one part of another, by the fact tables) are a finding.
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
        // one organization, partners, or one part of the other (DeepMind of Google) agree
        let agree = |a: NodeIx, b: NodeIx| {
            a == b || org::related(self.facts, &self.g.node(a).label, &self.g.node(b).label)
        };
        if !had.is_empty() && !says.iter().any(|&o| had.iter().any(|&h| agree(h, o))) {
            let names = |os: &[NodeIx]| {
                let mut l: Vec<&str> = os.iter().map(|&o| self.g.node(o).label.as_str()).collect();
                l.sort_unstable();
                l.join(", ")
            };
            // the sources of the organizations the node had: those of its `developed_by`
            // edges, not the source that first named the node
            let mut had_by: Vec<String> = (self.g.out_edges(ix))
                .map(|(e, _)| self.g.edge(e))
                .filter(|e| e.relation == Relation::DevelopedBy)
                .flat_map(|e| e.sources())
                .map(|s| s.to_string())
                .collect();
            had_by.sort_unstable();
            had_by.dedup();
            let n = self.g.node(ix);
            let message = format!(
                "developed by {} by {}, by {} by",
                names(&had),
                had_by.join(", "),
                names(&says)
            );
            let finding = gaps::disagreement(Code::OrganizationDisagrees, n, &r.evidence, message);
            self.diagnostics.push(finding);
        }
        for o in says {
            self.link(ix, o, Relation::DevelopedBy, r.evidence.clone());
        }
    }

    /// The organization node `name` stands for, found by the one organization resolver
    /// ([`org`]: the fact table's namespaces and spellings, and the spelling rule), made where
    /// there is none, labelled by its canonical name; `name` is kept as an alias.
    fn organization(&mut self, name: &str, ev: &Evidence) -> NodeIx {
        // an organization only: a model stub of the same name (`RWKV`, mentioned as a base) is
        // the model, not its developer
        let found = (self.orgs.find(self.facts, name)).or_else(|| {
            (self.resolver.index)
                .find(self.g, name, Some(NodeKind::Organization))
                .filter(|&o| self.g.node(o).kind == NodeKind::Organization)
        });
        let o = match found {
            Some(o) => {
                let n = self.g.node_mut(o);
                n.add_evidence(ev.clone());
                org::add_spelling(n, name);
                self.resolver.file(self.g, o);
                o
            }
            None => {
                let record = Record::new(name, NodeKind::Organization, ev.clone());
                self.new_node(&record, org::label(self.facts, name))
            }
        };
        self.orgs.add(self.g.node(o), o, self.facts);
        o
    }

    /// The records' dependencies as edges, [`relate`] deciding the relation of each (or none,
    /// for a placeholder, with a note). Two rounds: the dependencies whose relation the source
    /// gives (Epoch's base models and training data) before the bare "depends on" ones, so
    /// that what one source states decides another's bare dependency in any order of inputs.
    fn dependencies(&mut self, records: &[Record], placed: &[NodeIx], order: &[usize]) {
        let mut placeholders: BTreeMap<(String, String), Vec<Evidence>> = BTreeMap::new();
        // stubs of names only mentioned, whose kind nothing says
        let mut mentions = HashSet::new();
        let mut known = Known::default();
        // in the order of the records' places (source, file, line), not the order the inputs
        // were given in: a stub is first named where its first mention is
        let mut order = order.to_vec();
        order.sort_by_cached_key(|&i| evidence_key(&records[i]));
        let in_order = || order.iter().map(|&i| (&records[i], placed[i]));
        for (r, ix) in in_order() {
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
            for (r, ix) in in_order() {
                let deps: Vec<&Dependency> = (r.depends_on.iter())
                    .filter(|d| d.relation.is_some() == given)
                    .collect();
                let beside_data = self.lists_only_data(r);
                let targets: Vec<(Option<NodeIx>, What)> = (deps.iter())
                    .map(|d| self.target(d, (ix, beside_data), &r.evidence, &mut mentions))
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

    /// The node a dependency of node `from` names and what it is: a node some source defines; a stub, typed
    /// by the vocabulary where it knows the name; a new stub ([`Merge::stub`]); or, for a
    /// placeholder, no node.
    fn target(
        &mut self,
        d: &Dependency,
        (from, beside_data): (NodeIx, bool),
        ev: &Evidence,
        mentions: &mut HashSet<NodeIx>,
    ) -> (Option<NodeIx>, What) {
        let Some(ix) = self.find_dependency(&d.name, &ev.source, Some(from)) else {
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
    /// Among homonyms, the one the dependent's `source` names is meant, and of those the one
    /// whose organizations meet the dependent's (`from`): OpenAI's Dragonfly API depends on
    /// OpenAI's Dragonfly, not Together's, whichever of them was made first.
    fn find_dependency(&self, name: &str, source: &str, from: Option<NodeIx>) -> Option<NodeIx> {
        let found = |n: &str| {
            let all = self.resolver.index.all_from(self.g, n, None, source);
            let makers =
                |c: &&NodeIx| from.is_some_and(|f| self.resolver.makers_meet(self.g, f, **c));
            all.iter().find(makers).or(all.first()).copied()
        };
        let family = || {
            let (f, _) = size::split_off(name)?;
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
            .filter_map(
                |d| match self.find_dependency(&d.name, &r.evidence.source, None) {
                    Some(ix) => Some(self.g.node(ix).kind),
                    None => {
                        (self.term(&d.name) == Some(Term::Dataset)).then_some(NodeKind::Dataset)
                    }
                },
            )
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
            (Some(Term::Method), _) => (NodeKind::Method, What::Term(Term::Method)),
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
            self.resolver.file(self.g, ix);
        }
        (ix, what)
    }

    /// Links `from` to `to`: the same fact asserted again adds its evidence to the edge; a
    /// lineage link between the same two nodes is one edge with the more specific relation.
    /// Ties each model that a list or a dependency names by a sized name (`LLaMA-7B`, `MPT-30B`,
    /// `Chinese-Llama-2-7b`) to its family, where a node of the family's name is a model of its
    /// organization (or one side names none), by `variant_of`, as a record's sized release is
    /// ([`Merge::family`]); no family is made for them. A node that is a variant of a model
    /// already, that its family links to, or that a node of the family's name came after, is
    /// left as it is.
    fn sized_models_to_families(&mut self) {
        for ix in self.g.nodes_sorted() {
            let n = self.g.node(ix);
            let is_variant =
                (self.g.out_edges(ix)).any(|(e, _)| self.g.edge(e).relation == Relation::VariantOf);
            if n.kind != NodeKind::Model || is_variant {
                continue;
            }
            let Some((family, size)) = size::split_off(&n.label) else {
                continue;
            };
            let linked = |f: NodeIx| self.g.out_edges(f).any(|(_, t)| t == ix);
            // a node of the family's name released after the sized model is a later release
            // (XVERSE, 65B, of November beside XVERSE-13B of August), not its family
            let later = |f: NodeIx| match (n.released, self.g.node(f).released) {
                // at the precision both give: Jais of 2023-08-30 is not after Jais-13b of 2023-08
                (Some(a), Some(b)) if a.month == 0 || b.month == 0 => b.year > a.year,
                (Some(a), Some(b)) => (b.year, b.month) > (a.year, a.month),
                _ => false,
            };
            let found = (self.resolver.index.same(family).into_iter()).find(|&f| {
                f != ix
                    && self.g.node(f).kind == NodeKind::Model
                    && !linked(f)
                    && !later(f)
                    && (self.resolver.same_makers(self.g, f, ix)
                        || share_address(&n.links, &self.g.node(f).links))
            });
            if let Some(f) = found {
                let mut ev = n.origin.clone();
                let text = format!(
                    "{} is the {size} release of {}",
                    n.label,
                    self.g.node(f).label
                );
                ev.text = Some(text.into());
                self.link(ix, f, Relation::VariantOf, ev);
            }
        }
    }

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

/// What a record says of who it is, for the one identity decision.
fn claim(r: &Record) -> Claim<'_> {
    Claim {
        name: &r.name,
        kind: r.kind,
        aliases: &[],
        organizations: &r.organizations,
        named: r.organizations.iter().map(String::as_str).collect(),
        links: &r.links,
        builds_on: r.depends_on.iter().map(|d| d.name.as_str()).collect(),
        hub: identity::record_hub_id(r),
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
    for l in own_links(r) {
        n.add_link(l);
    }
    let attrs = r.attrs.iter().map(|(k, v)| (k.as_str(), *v));
    gaps::fill(n, r.released, r.description.as_deref(), attrs);
}

/// A record's links as its node keeps them: a model card on the Hub that does not name the
/// record (Ecosystem Graphs' `mT0` linking `bigscience/T0pp`) is another model's, kept as
/// `other`, so it is not taken for the record's own.
fn own_links(r: &Record) -> impl Iterator<Item = Link> + '_ {
    r.links.iter().map(|l| {
        let repo = (l.kind == LinkKind::Model)
            .then(|| model_id(&l.url))
            .flatten();
        match repo {
            Some(id) if !identity::repo_names(id.split_once('/').map_or("", |p| p.1), &r.name) => {
                Link {
                    kind: LinkKind::Other,
                    url: l.url.clone(),
                }
            }
            _ => l.clone(),
        }
    })
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

/// How specific a lineage relation is: a source that only says "depends on" gives the least.
fn specificity(r: Relation) -> u8 {
    match r {
        Relation::DerivedFrom | Relation::BuiltOn | Relation::Uses => 0,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;

    fn record(name: &str, line: u32) -> Record {
        let ev = Evidence::at(&Name::new("epoch"), &Name::new("e.csv"), line);
        Record::new(name, NodeKind::Model, ev)
    }

    #[test]
    fn sized_records_are_variants_of_their_family_made_where_none_is() {
        let mut g = Graph::new();
        let ev = Evidence::at(&Name::new("list"), &Name::new("l.md"), 1);
        g.add_node(Node::new("llama-2", "Llama 2", NodeKind::Model, ev))
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
        let variant = |a: &str, b: &str| g.find_edge(id(a), id(b), Relation::VariantOf).is_some();
        assert!(
            variant("llama-2-70b", "llama-2"),
            "a sized release is a variant"
        );
        assert!(variant("llama-2-7b", "llama-2"));
        assert!(variant("qwen2.5-coder-32b", "qwen2.5-coder"), "family made");
        assert!(g.node(id("qwen2.5-coder")).aliases.is_empty());
        let tuned = g.find_edge(
            id("qwq-32b"),
            id("qwen2.5-coder-32b"),
            Relation::FineTunedFrom,
        );
        assert!(
            tuned.is_some(),
            "a base named by its sized name is that release"
        );
    }

    fn linked(mut r: Record, url: &str) -> Record {
        r.links.push(Link {
            kind: crate::model::LinkKind::Model,
            url: url.into(),
        });
        r
    }

    #[test]
    fn a_name_with_its_organization_taken_off_joins_only_that_organizations_model() {
        let mut g = Graph::new();
        let ev = Evidence::at(&Name::new("list"), &Name::new("l.md"), 1);
        // a reading list's row: a name, no organization
        g.add_node(Node::new("mistral", "Mistral", NodeKind::Model, ev.clone()))
            .unwrap();
        let mut amber = Node::new("amber", "Amber", NodeKind::Model, ev.clone());
        amber.links.push(Link {
            kind: LinkKind::Model,
            url: "https://huggingface.co/LLM360/Amber".into(),
        });
        g.add_node(amber).unwrap();
        let by = |name: &str, org: &str, line| {
            let mut r = record(name, line);
            r.organizations.push(org.into());
            r
        };
        let records = [
            by("SciPhi Mistral", "SciPhi", 2),
            by("LLM360 Amber", "LLM360", 3),
        ];
        add(&mut g, &records, &Facts::bundled());
        let sciphi = g.index_of("sciphi-mistral").expect("its own node");
        assert_eq!(g.node(sciphi).label, "SciPhi Mistral");
        assert!(
            (g.node(g.index_of("mistral").unwrap()).aliases).is_empty(),
            "SciPhi's fine-tune is not a Mistral that names no maker"
        );
        assert_eq!(
            g.node_count(),
            5,
            "Mistral, Amber, SciPhi Mistral, SciPhi, LLM360"
        );
        let amber = g.node(g.index_of("amber").unwrap());
        assert_eq!(
            amber.aliases.as_slice(),
            ["LLM360 Amber"],
            "LLM360's Amber by its namespace"
        );
    }

    #[test]
    fn a_hub_id_is_one_node_labelled_by_the_sized_name() {
        let mut g = Graph::new();
        let url = "https://huggingface.co/bigscience/bloomz";
        let records = [
            linked(record("BLOOMZ", 1), url),
            linked(record("BLOOMZ-176B", 2), url),
        ];
        add(&mut g, &records, &Facts::bundled());
        assert_eq!(g.node_count(), 1, "one Hub id, one node, no family");
        let n = g.node(g.index_of("bloomz-176b").unwrap());
        assert_eq!(n.aliases.as_slice(), ["BLOOMZ"]);
    }

    #[test]
    fn hub_ids_of_records_claiming_different_bases_are_two_models() {
        let mut g = Graph::new();
        let ev = Evidence::at(&Name::new("list"), &Name::new("l.md"), 1);
        for (id, label) in [("gemma", "Gemma"), ("mistral", "Mistral")] {
            let n = Node::new(id, label, NodeKind::Model, ev.clone());
            g.add_node(n).unwrap();
        }
        let mut zephyr = Node::new("zephyr", "Zephyr", NodeKind::Model, ev);
        zephyr.links.push(Link {
            kind: crate::model::LinkKind::Model,
            url: "https://huggingface.co/HuggingFaceH4/zephyr-7b-gemma-v0.1".into(),
        });
        g.add_node(zephyr).unwrap();
        let mut alpha = linked(
            record("Zephyr", 2),
            "https://huggingface.co/HuggingFaceH4/zephyr-7b-alpha",
        );
        alpha.depends_on.push(Dependency {
            name: "Mistral".into(),
            relation: None,
        });
        // without a base of its own, the same record is the list's Zephyr
        let mut same = g.clone();
        let mut plain = alpha.clone();
        plain.depends_on.clear();
        add(&mut same, &[plain], &Facts::bundled());
        assert_eq!(same.node_count(), 3);
        add(&mut g, &[alpha], &Facts::bundled());
        let apart = g
            .index_of("zephyr-zephyr-7b-alpha")
            .expect("a node of its own");
        assert_eq!(g.node(apart).label, "Zephyr (zephyr-7b-alpha)");
    }

    #[test]
    fn homonyms_are_two_nodes_told_apart_by_organization_in_any_order() {
        let goat = |line, org: &str| {
            let mut r = record("GOAT", line);
            r.organizations.push(org.into());
            r
        };
        let labels = |records: &[Record]| {
            let mut g = Graph::new();
            add(&mut g, records, &Facts::bundled());
            let codes: Vec<Code> = g.diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes, [Code::Homonym]);
            let mut l: Vec<String> = g.node_indices().map(|i| g.node(i).id.to_string()).collect();
            l.sort();
            l
        };
        let (a, b) = (goat(1, "DeepMind"), goat(2, "Acme University"));
        let one = labels(&[a.clone(), b.clone()]);
        assert_eq!(labels(&[b, a]), one, "load order changes nothing");
        assert!(one.contains(&"goat-deepmind".to_string()), "{one:?}");
        assert!(one.contains(&"goat-acme-university".to_string()), "{one:?}");
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
    fn a_context_length_at_the_end_of_a_name_makes_no_family() {
        let mut g = Graph::new();
        add(
            &mut g,
            &[record("Palmyra-Med-70B-32K", 1), record("Falcon-40B", 2)],
            &Facts::bundled(),
        );
        let labels: Vec<&str> = g
            .node_indices()
            .map(|ix| g.node(ix).label.as_str())
            .collect();
        assert!(
            !labels.contains(&"Palmyra-Med-70B"),
            "32K is a context length, no size: {labels:?}"
        );
        assert!(
            labels.contains(&"Falcon"),
            "a sized release's family: {labels:?}"
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
        // one Hub id joins them, whatever their organizations say
        let url = "https://huggingface.co/tiiuae/falcon-7b";
        let mut a = linked(record("Falcon", 1), url);
        a.released = "2023-03".parse().ok();
        a.organizations.push("TII".into());
        let mut b = linked(record("Falcon", 2), url);
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

    #[test]
    fn a_part_and_its_whole_or_partners_do_not_disagree() {
        // one Hub id joins each pair, whatever their organizations say
        let org = |mut r: Record, o: &str| {
            r.organizations.push(o.into());
            let url = format!("https://huggingface.co/x/{}", r.name.to_lowercase());
            linked(r, &url)
        };
        let mut g = Graph::new();
        let records = [
            org(record("Chinchilla", 1), "Google"),
            org(record("Chinchilla", 2), "DeepMind"),
            org(record("BLOOMZ", 3), "BigScience"),
            org(record("BLOOMZ", 4), "Hugging Face"),
            // two parts of one whole are different teams
            org(record("Imagen", 5), "DeepMind"),
            org(record("Imagen", 6), "Google Brain"),
        ];
        add(&mut g, &records, &Facts::bundled());
        let findings: Vec<&str> = (g.diagnostics.iter())
            .filter(|d| d.code == Code::OrganizationDisagrees)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].starts_with("Imagen:"), "{findings:?}");
    }
}

#[cfg(test)]
mod organization_tests {
    use super::*;
    use crate::model::Name;

    #[test]
    fn an_organization_is_never_a_model_stub_of_its_name() {
        let mut g = Graph::new();
        let ev = Evidence::at(&Name::new("list"), &Name::new("l.md"), 1);
        let mut stub = Node::new("rwkv", "RWKV", NodeKind::Model, ev);
        stub.set_known_attr(KnownAttr::Stub, AttrValue::Bool(true));
        let rwkv = g.add_node(stub).unwrap();
        let ev = Evidence::at(&Name::new("ecosystem"), &Name::new("a.csv"), 2);
        let mut r = Record::new("RWKV World 4", NodeKind::Model, ev);
        r.organizations.push("RWKV".into());
        add(&mut g, &[r], &Facts::bundled());
        let world = g.index_of("rwkv-world-4").expect("the record's node");
        let by: Vec<NodeIx> = g.organizations_of(world).collect();
        assert_eq!(by.len(), 1);
        assert_ne!(by[0], rwkv, "the model stub is not the developer");
        assert_eq!(g.node(by[0]).kind, NodeKind::Organization);
    }
}
