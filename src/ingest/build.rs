//! The builder: merges parsed lists and curated files into one graph. Curated records name and
//! alias nodes, curated facts add to and override what the prose says, corrections replace a
//! list's values while keeping both visible, and every disagreement becomes a diagnostic.

use super::curated::{Curated, Record};
use super::decide::{Claim, Found, Placement, Resolver};
use super::facts::{Facts, Term};
use super::list::ParsedList;
use super::list::entry::{ListEntry, Place, SectionKind, Statement};
use super::list::prose;
use super::org::{self, Orgs};
use super::resolve::Index;
use super::value::size;
use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::graph::{Graph, NodeIx};
use crate::model::{
    AttrValue, Correction, Date, Edge, Evidence, KnownAttr, Link, LinkKind, Node, NodeKind,
    Relation, slug,
};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Why an entry is a model an earlier entry made under another name ([`Builder::joined`]).
const SAME_IDENTITY: &str = "the same name but for case, punctuation, a first version's tag or where the size stands, by the same organization";

/// Why an entry is a model an earlier entry made under its name with its organization.
const BY_ORGANIZATION: &str = "by its name with its organization put before it or taken off it";

/// Builds the graph from every parsed input, with the bundled facts alone.
pub fn build(lists: &[(String, ParsedList)], curated: &[Curated]) -> Result<Graph> {
    build_with(lists, curated, &Facts::bundled())
}

/// Builds the graph from every parsed input; organizations are resolved through `facts`.
pub(crate) fn build_with(
    lists: &[(String, ParsedList)],
    curated: &[Curated],
    facts: &Facts,
) -> Result<Graph> {
    build_indexed(lists, curated, facts).map(|(g, _)| g)
}

/// [`build_with`], with the resolution index the build placed every entry by, which the
/// record merge goes on with: every node filed under its names and the Hub ids it holds.
pub(crate) fn build_indexed(
    lists: &[(String, ParsedList)],
    curated: &[Curated],
    facts: &Facts,
) -> Result<(Graph, Index)> {
    let mut b = Builder {
        g: Graph::new(),
        facts,
        orgs: Orgs::default(),
        list_src: "list".into(),
        curated_src: "curated".into(),
        files: HashMap::new(),
        placeholders: HashMap::new(),
        records: HashMap::new(),
        skipped: Default::default(),
        places: HashMap::new(),
        resolver: Resolver::new(facts, Index::default()),
    };
    for (_, l) in lists {
        b.g.diagnostics.extend(l.diagnostics.iter().cloned());
    }
    for c in curated {
        for r in &c.data.organization {
            b.add_record(c, r, NodeKind::Organization)?;
        }
    }
    b.orgs = Orgs::of(&b.g, facts);
    // the node each entry was placed on, in the order of the lists and their entries
    let mut placed = Vec::new();
    for (file, l) in lists {
        for e in &l.entries {
            placed.push(b.add_entry(file, e)?);
        }
    }
    for c in curated {
        for r in &c.data.model {
            b.add_record(c, r, NodeKind::Model)?;
        }
        for r in &c.data.method {
            b.add_record(c, r, NodeKind::Method)?;
        }
    }
    let org_fixes = b.corrections(curated);
    let entries = lists
        .iter()
        .flat_map(|(file, l)| l.entries.iter().map(move |e| (file, e)));
    for ((file, e), ix) in entries.zip(placed) {
        b.add_entry_edges(file, e, ix, &org_fixes)?;
    }
    for c in curated {
        b.add_record_orgs(c)?;
        b.add_facts(c)?;
    }
    let (mut g, mut index) = (b.g, b.resolver.index);
    g.diagnostics.sort();
    g.diagnostics.dedup();
    // what corrections and facts changed since each node was filed is filed too
    for ix in g.node_indices() {
        index.add(g.node(ix), ix);
    }
    Ok((g, index))
}

struct Builder<'f> {
    g: Graph,
    /// The organizations, aliases and vocabulary no rule can know.
    facts: &'f Facts,
    /// The organization nodes by every spelling and namespace they go by.
    orgs: Orgs,
    list_src: crate::model::Name,
    curated_src: crate::model::Name,
    files: HashMap<String, crate::model::Name>,
    /// `variant_of` links from a model named inside an entry to the entry's model: placeholders
    /// that a curated parent of the named model replaces.
    placeholders: HashMap<NodeIx, NodeIx>,
    /// The place of the curated record of each node that has one: a second record is an error.
    records: HashMap<NodeIx, String>,
    /// Name keys of curated records left out (no citation, in no list in use).
    skipped: std::collections::HashSet<String>,
    /// The file and place of each list entry's node, to tell a slip (the same model twice in
    /// one section) from a page that lists it in two sections.
    places: HashMap<NodeIx, (String, Place)>,
    /// The one identity decision ([`Resolver::place`]), over the resolution index: every node
    /// by its names (what [`Builder::find`] looks up), identity keys and Hub ids, so that an
    /// entry whose name differs from an earlier one's only as the identity rules allow
    /// (`Mixtral 8x7B v0.1`, `Mixtral-8x7B`) is the same model where their organizations pass
    /// the organization test.
    resolver: Resolver<'f>,
}

impl Builder<'_> {
    fn file(&mut self, name: &str) -> crate::model::Name {
        *self
            .files
            .entry(name.to_string())
            .or_insert_with(|| name.into())
    }

    fn list_evidence(&mut self, file: &str, line: u32, text: Option<&str>) -> Evidence {
        let f = self.file(file);
        let mut ev = Evidence::at(&self.list_src, &f, line);
        ev.text = text.map(Into::into);
        ev
    }

    fn curated_evidence(
        &mut self,
        c: &Curated,
        line: u32,
        url: Option<&str>,
        note: Option<&str>,
    ) -> Evidence {
        let f = self.file(&c.file);
        let mut ev = Evidence::at(&self.curated_src, &f, line);
        ev.url = url.map(Into::into);
        ev.text = note.map(Into::into);
        ev
    }

    /// The node a name stands for, of the given kind, if any (none where it stands for
    /// several), by the resolution index ([`Index::lookup`]).
    fn find(&self, name: &str, kind: Option<NodeKind>) -> Option<NodeIx> {
        self.resolver.index.lookup(&self.g, name, kind).ok()
    }

    /// Adds a node, filed in the resolution index under its names.
    fn add_node(&mut self, node: Node) -> Result<NodeIx> {
        let ix = self.g.add_node(node)?;
        self.refile(ix);
        Ok(ix)
    }

    /// Files node `ix` in the resolution index again, after names were added to it.
    fn refile(&mut self, ix: NodeIx) {
        self.resolver.index.add_names(self.g.node(ix), ix);
        self.resolver.file(&self.g, ix);
    }

    /// Says that entry `e` names `old` again: a note where another section or table of a list
    /// names it (a table, then a reading list, is how such pages are written), a warning where
    /// one section does (a slip).
    fn listed_again(&mut self, old: NodeIx, file: &str, e: &ListEntry, origin: &Evidence) {
        let prev = self.g.node(old).origin.location();
        let same_place = self.places.get(&old) == Some(&(file.to_string(), e.place.clone()));
        let (severity, code) = if same_place {
            (Severity::Warning, Code::DuplicateEntry)
        } else {
            (Severity::Info, Code::ListedAgain)
        };
        self.g.diagnostics.push(Diagnostic::new(
            severity,
            code,
            origin.location(),
            format!(
                "\"{}\" is listed again (first at {prev}); the first entry is kept, with this one's organizations, lineage and what it lacks added to it",
                e.name
            ),
        ));
    }

    /// The kind of node entry `e` is: its section's, except that an entry of a models section
    /// that the vocabulary knows as a data set is one (a page that lists The Pile among the
    /// models it was trained with).
    fn entry_kind(&self, e: &ListEntry) -> NodeKind {
        match e.section {
            SectionKind::Model if self.facts.term(&e.name) == Some(Term::Dataset) => {
                NodeKind::Dataset
            }
            SectionKind::Model => NodeKind::Model,
            SectionKind::Method => NodeKind::Method,
            SectionKind::Dataset => NodeKind::Dataset,
        }
    }

    /// Places entry `e` where the one identity decision says ([`Resolver::place`]): on the
    /// node of a model listed again or named otherwise, else on a node of its own (labelled
    /// with its organization where another organization's model has its name); then makes the
    /// models it names inside. Returns the entry's node.
    fn add_entry(&mut self, file: &str, e: &ListEntry) -> Result<NodeIx> {
        let kind = self.entry_kind(e);
        let origin = self.list_evidence(file, e.line, None);
        let c = entry_claim(e, kind);
        let hub = c.hub.as_deref();
        let homonym = match self.resolver.place(&self.g, &c) {
            Placement::Is(old, found) => {
                self.entry_joined(old, found, file, e, &origin, hub);
                self.resolver.claim(&self.g, old, &c, hub);
                // the models it names inside are made whichever entry came first
                self.add_sub_models(file, e)?;
                return Ok(old);
            }
            Placement::New { apart_from } => apart_from,
        };
        // a misspelling of the alias table (`Galatica`) labels no node: the table's name does
        let label = match homonym {
            Some(_) => self.homonym_label(e),
            None => self.facts.label_for(&e.name).to_string(),
        };
        let renamed = label != e.name;
        let mut id = slug(&label);
        // a dataset or method named like a model of another entry ("Stanford-Alpaca" the data
        // set beside the model) gets its own id
        if kind != NodeKind::Model && self.g.index_of(&id).is_some() {
            id = format!("{id}-{}", kind.as_str());
        }
        if self.g.index_of(&id).is_some() {
            id = self.id_apart(id, file, e);
        }
        let mut n = Node::new(id, label, kind, origin);
        n.released = e.released;
        n.sizes = e.sizes.iter().cloned().collect();
        n.sizes_b = crate::ingest::value::size::billions(&n.sizes);
        n.links = e.links.iter().cloned().collect();
        n.aliases.extend(e.aliases.iter().cloned());
        n.description = (!e.description.is_empty()).then(|| e.description.as_str().into());
        for (k, v) in &e.attrs {
            n.attrs
                .insert(k.as_str().into(), AttrValue::Text(v.as_str().into()));
        }
        if renamed {
            n.aliases.push(e.name.clone());
        }
        let ix = self.add_node(n)?;
        self.resolver.claim(&self.g, ix, &c, hub);
        self.places.insert(ix, (file.to_string(), e.place.clone()));
        if let Some(old) = homonym {
            self.kept_apart(old, ix, &e.name);
        }
        self.add_sub_models(file, e)?;
        Ok(ix)
    }

    /// Says how entry `e` is node `old`, an earlier entry's: listed again where its name
    /// finds the node (as written, or but for case and punctuation), else joined by what the
    /// identity decision `found` (another name, its Hub id, its name with its organization,
    /// the identity rules); and gives the node the entry's links (`hub`: the Hub id that
    /// identifies the entry).
    fn entry_joined(
        &mut self,
        old: NodeIx,
        found: Found,
        file: &str,
        e: &ListEntry,
        at: &Evidence,
        hub: Option<&str>,
    ) {
        let names: Vec<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .cloned()
            .collect();
        let again = self.find(&e.name, Some(self.g.node(old).kind)) == Some(old);
        match found {
            _ if again => self.listed_again(old, file, e, at),
            Found::Name => self.joined(old, &names[..1], at, SAME_IDENTITY),
            Found::Alias(alias) => {
                self.joined(old, &names, at, &format!("by its other name \"{alias}\""));
            }
            Found::HubId => self.joined(old, &names[..1], at, "by the Hub model it links"),
            Found::Organization => self.joined(old, &names[..1], at, BY_ORGANIZATION),
        }
        self.add_links_again(old, e, hub);
        self.fill_again(old, e, at);
    }

    /// Gives node `old` what entry `e`, which names it again, says of it and it lacks: the
    /// entry's place as evidence, its sizes (only the one the node's name gives, where it
    /// gives one), and its date, description and attributes (a licence, a context length)
    /// where the node has none; a date more than a month from the node's is a finding. So the
    /// node is the same whichever list names it first.
    fn fill_again(&mut self, old: NodeIx, e: &ListEntry, at: &Evidence) {
        let n = self.g.node(old);
        let finding = super::gaps::date_finding(n, e.released, at);
        self.g.diagnostics.extend(finding);
        let n = self.g.node_mut(old);
        n.add_evidence(at.clone());
        // a name that gives a size is of that size: Baichuan-7B does not take the 13B that an
        // entry's description of it names beside, Mixtral-8x22B takes 8x22B
        let named = size::in_name(&n.label);
        let adds: Vec<&String> = (e.sizes.iter())
            .filter(|s| !n.sizes.contains(s) && (named.is_empty() || named.contains(s)))
            .collect();
        if !adds.is_empty() {
            let mut sizes: Vec<String> = n.sizes.iter().chain(adds).cloned().collect();
            size::sort(&mut sizes);
            n.sizes_b = size::billions(&sizes);
            n.sizes = sizes.into_iter().collect();
        }
        let attrs = (e.attrs.iter()).map(|(k, v)| (k.as_str(), AttrValue::Text(v.as_str().into())));
        super::gaps::fill(n, e.released, Some(&e.description), attrs);
    }

    /// Gives node `old` the links of entry `e` that names it again, which it lacks: its paper,
    /// its code, the Hub namespace it is published under (which says whose it is, as it would
    /// had this entry come first). A Hub model's address only where it is `identifying`, the
    /// Hub id that identifies the entry, names the node's sizes or none, and the node holds no
    /// Hub id yet: it is then the node's, as it would be had this entry come first, so a Hub
    /// dump's row of it is this node (not a second node of the model); a node that holds an id
    /// keeps it, whichever list came first. (The entry's claim files the id in the index.)
    fn add_links_again(&mut self, old: NodeIx, e: &ListEntry, identifying: Option<&str>) {
        let holds_none = self.resolver.index.hub_ids(old).is_empty();
        let n = self.g.node_mut(old);
        // an id that names sizes is the node's only where they are its sizes: Dolly 6B's is not
        // `databricks/dolly-v2-12b`, nor is a family's of four sizes `tiiuae/falcon-40b`
        let sizes: Vec<String> = n.sizes.iter().cloned().collect();
        let of_its_size =
            |id: &str| super::identity::sizes_fit(id.split_once('/').map_or(id, |p| p.1), &sizes);
        for l in &e.links {
            let takes = match crate::ingest::hub::address::model_id(&l.url) {
                None => true,
                Some(id) => {
                    holds_none
                        && identifying == Some(&super::identity::hub_key(&id))
                        && of_its_size(&id)
                }
            };
            if takes {
                n.add_link(l.clone());
            }
        }
    }

    /// The models named inside entry `e` that no node is yet, each a node of its own, or the
    /// node the identity decision places them on (`Mixtral 8x7B v0.1`, then `Mixtral-8x7B`
    /// named inside Mistral 7B's entry).
    fn add_sub_models(&mut self, file: &str, e: &ListEntry) -> Result<()> {
        for s in &e.sub_models {
            // a name some other node already holds as its id (a method such as RLHF named
            // inside a page's prose) is that node, never a second one; nor is a name the
            // vocabulary says is no model (a method, a data set, software)
            let taken = self.g.index_of(&slug(&s.name)).is_some();
            if taken
                || self.facts.term(&s.name).is_some()
                || self.find(&s.name, Some(NodeKind::Model)).is_some()
            {
                continue;
            }
            let origin = self.list_evidence(file, s.line, Some(&s.sentence));
            // a model named inside the entry is its organizations' too
            let c = Claim {
                name: &s.name,
                kind: NodeKind::Model,
                aliases: &[],
                organizations: &e.organizations,
                named: named_organizations(e),
                links: &s.links,
                builds_on: Vec::new(),
                hub: super::identity::hub_id_of(&s.name, &s.sizes, &s.links),
            };
            let hub = c.hub.as_deref();
            if let Placement::Is(old, found) = self.resolver.place(&self.g, &c) {
                let why = match found {
                    Found::Alias(_) => "by another name the alias table gives it",
                    Found::HubId => "by the Hub model it links",
                    Found::Organization => BY_ORGANIZATION,
                    Found::Name => SAME_IDENTITY,
                };
                self.joined(old, std::slice::from_ref(&s.name), &origin, why);
                self.resolver.claim(&self.g, old, &c, hub);
                continue;
            }
            let mut n = Node::new(slug(&s.name), s.name.clone(), NodeKind::Model, origin);
            n.released = s.released.or(e.released);
            n.sizes = s.sizes.iter().cloned().collect();
            n.sizes_b = crate::ingest::value::size::billions(&n.sizes);
            n.links = s.links.iter().cloned().collect();
            n.description = Some(s.sentence.as_str().into());
            let sub = self.add_node(n)?;
            self.resolver.claim(&self.g, sub, &c, hub);
        }
        Ok(())
    }

    /// Says that the entry at `origin`, whose names are `names` (its own first), is node `old`
    /// (`why`: the rule that joined them), and gives the node those names.
    fn joined(&mut self, old: NodeIx, names: &[String], origin: &Evidence, why: &str) {
        let n = self.g.node_mut(old);
        let (label, kind) = (n.label.clone(), n.kind);
        for a in names {
            if *a != n.label && !n.aliases.contains(a) {
                n.aliases.push(a.clone());
            }
        }
        self.refile(old);
        self.g.diagnostics.push(Diagnostic::new(
            Severity::Info,
            Code::ListedAgain,
            origin.location(),
            format!(
                "\"{}\" is \"{label}\" ({why}): one {kind}, with this entry's organizations and lineage added",
                names[0]
            ),
        ));
    }

    /// An id for entry `e`, another entity than the node its name's slug `id` is already
    /// (names the identity rules keep apart that slug alike): the slug with its organization,
    /// else with its list's name, as a homonym's id carries its organization (never a number
    /// that depends on what else is loaded).
    fn id_apart(&self, id: String, file: &str, e: &ListEntry) -> String {
        let org = e.organizations.first().map(|o| org::label(self.facts, o));
        let stem = std::path::Path::new(file)
            .file_stem()
            .map_or(file.into(), |s| s.to_string_lossy());
        [org.map(slug), Some(slug(&stem))]
            .into_iter()
            .flatten()
            .map(|by| format!("{id}-{by}"))
            .find(|apart| self.g.index_of(apart).is_none())
            .unwrap_or(id)
    }

    /// The label of an entry's model that another organization's model of the same name
    /// keeps apart: its name and its first organization (`盘古 (循环智能)`).
    fn homonym_label(&self, e: &ListEntry) -> String {
        let org = e.organizations.first().map(|o| org::label(self.facts, o));
        format!("{} ({})", e.name, org.unwrap_or_default())
    }

    /// Notes that one name stands for the models `first` and `then`, kept apart.
    fn kept_apart(&mut self, first: NodeIx, then: NodeIx, name: &str) {
        let (a, b) = (self.g.node(first), self.g.node(then));
        let message = format!(
            "{name}: one name for models kept apart (no organization in common): {} ({}) and {} ({})",
            a.label,
            a.origin.summary(),
            b.label,
            b.origin.summary()
        );
        let at = b.origin.location();
        self.g.diagnostics.push(
            Diagnostic::new(Severity::Info, Code::Homonym, at, message)
                .help("a curated alias joins them where they are one model"),
        );
    }

    /// The keys of organizations (an entry's, a correction's), by the one organization resolver.
    fn org_keys(&self, orgs: &[String]) -> HashSet<String> {
        (orgs.iter())
            .flat_map(|o| org::keys(self.facts, o))
            .collect()
    }

    /// A curated record: adds to the node of the same name, or makes a new one (which must cite).
    fn add_record(&mut self, c: &Curated, r: &Record, kind: NodeKind) -> Result<()> {
        let line = c.line_of(&r.name);
        let name = r.name.get_ref().trim();
        let ix = match self.find(name, Some(kind)) {
            Some(ix) => {
                let ev = self.curated_evidence(c, line, r.cite.as_deref(), None);
                self.g.node_mut(ix).add_evidence(ev);
                ix
            }
            None => {
                if r.cite.is_none() && kind != NodeKind::Organization {
                    self.skip_record(c, line, name, kind);
                    return Ok(());
                }
                let origin = self.curated_evidence(c, line, r.cite.as_deref(), None);
                let id = r.id.clone().unwrap_or_else(|| slug(name));
                if let Some(other) = self.g.index_of(&id) {
                    let o = self.g.node(other);
                    return Err(c.error_at(
                        &r.name,
                        format!(
                            "id \"{id}\" of {kind} \"{name}\" is already taken by {} \"{}\" ({})",
                            o.kind,
                            o.label,
                            o.origin.location()
                        ),
                    )
                    .with_help("give the record its own `id = \"...\"`"));
                }
                self.add_node(Node::new(id, name.to_string(), kind, origin))
                    .map_err(|e| c.error_at(&r.name, e.to_string()))?
            }
        };
        let here = format!("{}:{line}", c.file);
        if let Some(first) = self.records.get(&ix) {
            let n = self.g.node(ix);
            self.g.diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::DuplicateRecord,
                    here,
                    format!(
                        "{kind} \"{name}\" has a second record (id \"{}\", first at {first})",
                        n.id
                    ),
                )
                .help("merge the two records into one"),
            );
        } else {
            self.records.insert(ix, here);
        }
        merge_record(self.g.node_mut(ix), r);
        self.refile(ix);
        Ok(())
    }

    /// A record without a citation about a node no list in use has: left out, with a note, so
    /// one curated file serves any version of the list. Facts about it are left out too.
    fn skip_record(&mut self, c: &Curated, line: u32, name: &str, kind: NodeKind) {
        self.skipped.insert(crate::model::name_key(name));
        self.g.diagnostics.push(
            Diagnostic::new(
                Severity::Info,
                Code::SkippedRecord,
                format!("{}:{line}", c.file),
                format!("{kind} \"{name}\" is in no list in use and its record has no citation: left out, with the facts about it"),
            )
            .help("add `cite = \"URL\"` (paper, model card or official README) to keep it whatever the list, or check the name's spelling"),
        );
    }

    /// Whether a curated name stands for a record left out by [`Builder::skip_record`], and no
    /// node: a fact about it is left out with a note instead of failing.
    fn is_skipped(&self, name: &str) -> bool {
        self.skipped.contains(&crate::model::name_key(name)) && self.find(name, None).is_none()
    }

    fn note_skipped_fact(&mut self, ev: &Evidence, what: &str, name: &str) {
        self.g.diagnostics.push(Diagnostic::new(
            Severity::Info,
            Code::SkippedFact,
            ev.location(),
            format!(
                "{what} about \"{name}\" left out: its record was left out (no list in use has it)"
            ),
        ));
    }

    /// Applies every correction but organization ones (which the entry edges need), and returns
    /// those: node → (organizations, evidence, note).
    fn corrections(&mut self, curated: &[Curated]) -> HashMap<NodeIx, (Vec<String>, Evidence)> {
        let mut orgs = HashMap::new();
        for c in curated {
            for k in &c.data.correction {
                let line = c.line_of(&k.subject);
                let ev = self.curated_evidence(c, line, Some(&k.cite), k.note.as_deref());
                if self.is_skipped(k.subject.get_ref()) {
                    self.note_skipped_fact(&ev, "correction", k.subject.get_ref());
                    continue;
                }
                let Some(ix) = self.resolve_or_report(k.subject.get_ref(), None, &ev) else {
                    continue;
                };
                let values = k.value.to_vec();
                let field = k.field.get_ref().as_str();
                let node = self.g.node(ix);
                let (old, list_ev) = match field {
                    "sizes" => (node.sizes.join(", "), node.origin.clone()),
                    "released" => (
                        node.released.map(|d| d.to_string()).unwrap_or_default(),
                        node.origin.clone(),
                    ),
                    _ => {
                        orgs.insert(ix, (values, ev));
                        continue;
                    }
                };
                let new = values.join(", ");
                let n = self.g.node_mut(ix);
                match field {
                    "sizes" => {
                        n.sizes = values.into_iter().collect();
                        n.sizes_b = crate::ingest::value::size::billions(&n.sizes);
                    }
                    _ => n.released = values.first().and_then(|d| d.parse().ok()),
                }
                self.record_correction(ix, field, old, list_ev, new, ev);
            }
        }
        orgs
    }

    fn record_correction(
        &mut self,
        ix: NodeIx,
        field: &str,
        list_value: String,
        list_ev: Evidence,
        curated_value: String,
        curated_ev: Evidence,
    ) {
        let label = self.g.node(ix).label.clone();
        if list_value != curated_value {
            self.g.diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::Conflict,
                    list_ev.location(),
                    format!(
                        "{label}: the list says {field} \"{list_value}\", the curated file (at {}) says \"{curated_value}\"; the curated value is used",
                        curated_ev.location()
                    ),
                )
                .help(format!("both stay visible in `llmkg show \"{label}\"`")),
            );
        }
        self.g.node_mut(ix).corrections.push(Correction {
            field: field.to_string(),
            list_value,
            list_evidence: list_ev,
            curated_value,
            curated_evidence: curated_ev,
        });
    }

    /// Resolves a name that a fact or statement gives; reports it as a dangling reference when
    /// nothing matches.
    fn resolve_or_report(
        &mut self,
        name: &str,
        kind: Option<NodeKind>,
        ev: &Evidence,
    ) -> Option<NodeIx> {
        let found = match self.resolver.index.lookup(&self.g, name, kind) {
            Ok(ix) => Ok(ix),
            Err(hits) if hits.is_empty() => Err(self.g.unknown(name.trim(), kind)),
            Err(hits) => Err(self.g.ambiguous(name.trim(), &hits)),
        };
        match found {
            Ok(ix) => Some(ix),
            Err(e) => {
                let help = match &e {
                    Error::UnknownName { .. } => {
                        "add the node to the curated file, or fix the name"
                    }
                    _ => "use the id to pick one",
                };
                self.g.diagnostics.push(
                    Diagnostic::new(
                        Severity::Error,
                        Code::DanglingReference,
                        ev.location(),
                        e.to_string(),
                    )
                    .help(help),
                );
                None
            }
        }
    }

    /// Resolves a name read from prose: as written, then with trailing words dropped
    /// ("Llama 7b" → "Llama").
    fn resolve_phrase(&self, phrase: &str) -> Option<NodeIx> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        (1..=words.len())
            .rev()
            .find_map(|n| self.find_mentioned(&words[..n].join(" ")))
    }

    /// The node a name mentioned in prose stands for: the one node of that name, or, where it
    /// names an organization and one other node (`RWKV`, the model and the company), the
    /// other: a sentence's subject or parent is a model or method before an organization.
    fn find_mentioned(&self, name: &str) -> Option<NodeIx> {
        match self.resolver.index.lookup(&self.g, name, None) {
            Ok(ix) => Some(ix),
            Err(hits) => {
                let org = |ix: &&NodeIx| self.g.node(**ix).kind == NodeKind::Organization;
                let others: Vec<&NodeIx> = hits.iter().filter(|ix| !org(ix)).collect();
                match others[..] {
                    [&one] if others.len() < hits.len() => Some(one),
                    _ => None,
                }
            }
        }
    }

    /// The organization node `name` (a name, spelling or Hub/GitHub namespace) stands for, by
    /// the one organization resolver ([`org`]); made where there is none, labelled by its
    /// canonical name. A spelling not seen before is kept as an alias, with its evidence.
    fn org_node(&mut self, name: &str, ev: &Evidence) -> Result<NodeIx> {
        let mut origin = ev.clone();
        origin.text = None;
        let found = (self.orgs.find(self.facts, name))
            .or_else(|| self.find(name, Some(NodeKind::Organization)));
        let ix = match found {
            Some(ix) => {
                let n = self.g.node(ix);
                if n.label != name.trim() && !n.aliases.iter().any(|a| a == name.trim()) {
                    let n = self.g.node_mut(ix);
                    org::add_spelling(n, name);
                    n.add_evidence(origin);
                    self.refile(ix);
                }
                ix
            }
            None => {
                let label = org::label(self.facts, name);
                let mut id = slug(label);
                if self.g.index_of(&id).is_some() {
                    id.push_str("-org");
                }
                let mut n = Node::new(id, label.to_string(), NodeKind::Organization, origin);
                org::add_spelling(&mut n, name);
                self.add_node(n)?
            }
        };
        self.orgs.add(self.g.node(ix), ix, self.facts);
        Ok(ix)
    }

    /// The edges of entry `e`, placed on node `ix`: its organizations, its sub-models, its
    /// statements.
    fn add_entry_edges(
        &mut self,
        file: &str,
        e: &ListEntry,
        ix: NodeIx,
        org_fixes: &HashMap<NodeIx, (Vec<String>, Evidence)>,
    ) -> Result<()> {
        let org_ixs = self.entry_orgs(file, e, ix, org_fixes)?;
        self.sub_model_edges(file, e, ix, &org_ixs);
        self.statement_edges(file, e)
    }

    /// The `developed_by` edges of an entry (a curated correction of its organizations wins,
    /// and is kept visible); returns the organizations' nodes.
    fn entry_orgs(
        &mut self,
        file: &str,
        e: &ListEntry,
        ix: NodeIx,
        org_fixes: &HashMap<NodeIx, (Vec<String>, Evidence)>,
    ) -> Result<Vec<NodeIx>> {
        let first_sentence = e
            .description
            .split_inclusive(". ")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let desc_ev = self.list_evidence(file, e.description_line, Some(&first_sentence));
        // an organization that a link's namespace gave is evidenced by that link, not the prose
        let org_ev = match &e.organization_link {
            Some(url) => {
                let mut ev = self.list_evidence(file, e.line, None);
                ev.url = Some(url.as_str().into());
                ev
            }
            None => desc_ev.clone(),
        };
        let mut orgs: Vec<(String, Evidence)> = e
            .organizations
            .iter()
            .map(|o| (o.clone(), org_ev.clone()))
            .collect();
        if let Some((fixed, cev)) = org_fixes.get(&ix) {
            let fixed_orgs = fixed.iter().map(|o| (o.clone(), cev.clone()));
            if self.org_keys(&e.organizations) == self.org_keys(fixed) {
                // the correction says what the list says (by another spelling): both agree
                orgs.extend(fixed_orgs);
            } else {
                let (old, new) = (e.organizations.join(", "), fixed.join(", "));
                self.record_correction(ix, "organization", old, desc_ev.clone(), new, cev.clone());
                orgs = fixed_orgs.collect();
            }
        }
        let mut org_ixs = Vec::new();
        for (o, ev) in &orgs {
            let oix = self.org_node(o, ev)?;
            // two spellings of one organization are one edge with both pieces of evidence
            self.g
                .assert_edge(ix, oix, Relation::DevelopedBy, ev.clone());
            org_ixs.push(oix);
        }
        Ok(org_ixs)
    }

    fn link(&mut self, from: NodeIx, to: NodeIx, relation: Relation, evidence: Evidence) {
        self.g.add_edge(from, to, Edge::new(relation, evidence));
    }

    /// Each model named inside an entry is a variant of it (a placeholder a curated parent
    /// replaces), made by the entry's organizations.
    fn sub_model_edges(&mut self, file: &str, e: &ListEntry, ix: NodeIx, org_ixs: &[NodeIx]) {
        for s in &e.sub_models {
            let Some(six) = self.find(&s.name, Some(NodeKind::Model)) else {
                continue;
            };
            let ev = self.list_evidence(file, s.line, Some(&s.sentence));
            self.link(six, ix, Relation::VariantOf, ev.clone());
            self.placeholders.insert(six, ix);
            for &oix in org_ixs {
                self.link(six, oix, Relation::DevelopedBy, ev.clone());
            }
        }
    }

    /// The lineage and dependencies an entry's sentences state; a name no node has becomes a
    /// stub, of the kind the vocabulary gives it where it knows the name.
    fn statement_edges(&mut self, file: &str, e: &ListEntry) -> Result<()> {
        for st in &e.statements {
            let ev = self.list_evidence(file, st.line, Some(&st.sentence));
            let Some(subject) = self.find_mentioned(&st.subject) else {
                continue;
            };
            let object_name = owned_model(self.facts, &st.object, &st.sentence);
            let object_name = object_name.as_deref().unwrap_or(&st.object);
            let found = self.resolve_phrase(object_name);
            // what a source defines the object as, where one does (a stub is only mentioned)
            let defined = (found.map(|ix| self.g.node(ix)))
                .filter(|n| n.known_attr(KnownAttr::Stub).is_none())
                .map(|n| n.kind);
            let is = What {
                name: object_name,
                defined,
                subject: self.g.node(subject).kind,
            };
            let Some(relation) = statement_relation(self.facts, st, &is) else {
                continue;
            };
            let object = match found {
                Some(o) => o,
                None => {
                    let kind = stub_kind(self.facts, object_name, relation);
                    self.stub_for(object_name, kind, &ev)?
                }
            };
            // a sentence's object that names an organization ("基于 Stanford Alpaca" read as
            // Stanford University) is no parent and no data: a warning, no edge
            let object_kind = self.g.node(object).kind;
            let relation = by_kinds(relation, self.g.node(subject).kind, object_kind);
            if object_kind == NodeKind::Organization {
                self.g.diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    Code::WrongKind,
                    ev.location(),
                    format!(
                        "\"{}\" {} \"{}\": the name stands for an organization, not a model; no edge",
                        st.subject, st.relation.as_str(), st.object
                    ),
                ));
                continue;
            }
            if subject != object {
                self.link(subject, object, relation, ev);
            }
        }
        Ok(())
    }

    /// The node for a name that a sentence mentions and no input describes: a node of its own,
    /// marked `stub`, with a warning that says how to tie it to a node. `X (Y)` is tried as
    /// either name and gives the stub both.
    fn stub_for(&mut self, mention: &str, kind: NodeKind, ev: &Evidence) -> Result<NodeIx> {
        let (mentioned, alias) = super::list::label::split_alias(mention);
        // the alias table's names of the mention: any of them finds the entity, and the
        // table's own name labels a stub, so that a page that writes "General Language
        // Model" and one that writes "GLM" name one stub, whichever is read first
        let table = (self.facts.alias(&mentioned))
            .or_else(|| alias.as_deref().and_then(|a| self.facts.alias(a)));
        let names: Vec<String> = std::iter::once(mentioned.clone())
            .chain(alias)
            .chain(table.into_iter().flat_map(|a| a.names()).cloned())
            .collect();
        for n in &names {
            if let Some(ix) = self.resolve_phrase(n) {
                return Ok(ix);
            }
        }
        let name = table.map_or(mentioned, |a| a.name.clone());
        let mut seen = HashSet::new();
        let others: Vec<String> = (names.into_iter())
            .filter(|n| *n != name && seen.insert(n.clone()))
            .collect();
        let alias = others.first().cloned();
        let suggestions = match self.g.unknown(&name, None) {
            Error::UnknownName { suggestions, .. } => suggestions,
            _ => Vec::new(),
        };
        let mut id = slug(&name);
        while self.g.index_of(&id).is_some() {
            id.push_str("-stub");
        }
        let mut n = Node::new(id.clone(), name.clone(), kind, ev.clone());
        n.aliases.extend(others);
        n.set_known_attr(KnownAttr::Stub, AttrValue::Bool(true));
        let ix = self.add_node(n)?;
        let also = alias
            .map(|a| format!(" (also \"{a}\")"))
            .unwrap_or_default();
        let target = suggestions.first().map_or("...", String::as_str);
        // curated files hold models and methods; other kinds take an alias from a facts file
        let mut help = match kind {
            NodeKind::Model | NodeKind::Method => format!(
                "to tie it to a node, give that node the name as an alias in a curated file: [[{kind}]] name = \"{target}\" aliases = [\"{name}\"]"
            ),
            _ => format!(
                "to tie it to a node, give the name as an alias in a facts file (--facts FILE): [[alias]] name = \"{target}\" aliases = [\"{name}\"]"
            ),
        };
        if let Some(s) = suggestions.first() {
            help = format!("did you mean \"{s}\"? {help}");
        }
        self.g.diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                Code::UnresolvedReference,
                ev.location(),
                format!("\"{name}\" matches no node; kept as a stub {kind} \"{id}\"{also}, known only from this mention"),
            )
            .help(help),
        );
        Ok(ix)
    }

    fn add_record_orgs(&mut self, c: &Curated) -> Result<()> {
        for r in c.data.model.iter().chain(&c.data.method) {
            let Some(orgs) = &r.organization else {
                continue;
            };
            let line = c.line_of(&r.name);
            let ev = self.curated_evidence(c, line, r.cite.as_deref(), None);
            let Some(ix) = self.find(r.name.get_ref(), None) else {
                continue;
            };
            for o in orgs.to_vec() {
                let known = self.orgs.find(self.facts, &o);
                let kind = Some(NodeKind::Organization);
                if let Some(oix) = known.or_else(|| self.resolve_or_report(&o, kind, &ev)) {
                    self.g
                        .assert_edge(ix, oix, Relation::DevelopedBy, ev.clone());
                }
            }
        }
        Ok(())
    }

    fn add_facts(&mut self, c: &Curated) -> Result<()> {
        for f in &c.data.fact {
            let relation: Relation = f
                .relation
                .get_ref()
                .parse()
                .map_err(|m: String| c.error_at(&f.relation, m))?;
            let ev =
                self.curated_evidence(c, c.line_of(&f.subject), Some(&f.cite), f.note.as_deref());
            if let Some(name) = [f.subject.get_ref(), f.object.get_ref()]
                .into_iter()
                .find(|n| self.is_skipped(n))
            {
                self.note_skipped_fact(&ev, "fact", name);
                continue;
            }
            let subject = self.resolve_or_report(f.subject.get_ref(), None, &ev);
            let object_kind = match relation {
                Relation::DevelopedBy => Some(NodeKind::Organization),
                Relation::TrainedWith => Some(NodeKind::Method),
                _ => None,
            };
            let mut oev = ev.clone();
            oev.line = std::num::NonZeroU32::new(c.line_of(&f.object));
            // an organization is found by the one organization resolver first
            let org = (relation == Relation::DevelopedBy)
                .then(|| self.orgs.find(self.facts, f.object.get_ref()))
                .flatten();
            let object =
                org.or_else(|| self.resolve_or_report(f.object.get_ref(), object_kind, &oev));
            let (Some(s), Some(o)) = (subject, object) else {
                continue;
            };
            if relation.is_lineage() {
                self.override_prose(s, o, relation, &ev);
                self.replace_placeholder(s, o, relation, &ev);
            }
            self.g.assert_edge(s, o, relation, ev);
        }
        Ok(())
    }

    /// A curated lineage fact replaces what the list says about the same pair; a different
    /// relation is reported and kept visible as a correction.
    /// A curated parent of a model named inside an entry replaces its placeholder link to the
    /// entry's model (WizardCoder, named in the WizardLM entry, is fine-tuned from StarCoder, not a
    /// variant of WizardLM); the list's link stays visible as a correction.
    fn replace_placeholder(&mut self, s: NodeIx, o: NodeIx, relation: Relation, ev: &Evidence) {
        let Some(&entry) = self.placeholders.get(&s) else {
            return;
        };
        if entry == o {
            return;
        }
        self.placeholders.remove(&s);
        if let Some(e) = self.g.find_edge(s, entry, Relation::VariantOf) {
            let old = self.g.remove_edge(e).expect("edge exists");
            let (was, now) = (
                self.g.node(entry).label.clone(),
                self.g.node(o).label.clone(),
            );
            self.record_correction(
                s,
                "lineage",
                format!("{} {was}", old.relation),
                old.evidence,
                format!("{relation} {now}"),
                ev.clone(),
            );
        }
    }

    fn override_prose(&mut self, s: NodeIx, o: NodeIx, relation: Relation, ev: &Evidence) {
        let replaced: Vec<_> = self
            .g
            .out_edges(s)
            .filter(|&(e, t)| {
                let edge = self.g.edge(e);
                t == o
                    && edge.relation.is_lineage()
                    && edge.relation != relation
                    && *edge.evidence.source == *self.list_src
            })
            .map(|(e, _)| e)
            .collect();
        for e in replaced {
            let old = self.g.remove_edge(e).expect("edge exists");
            let target = self.g.node(o).label.clone();
            self.record_correction(
                s,
                "lineage",
                format!("{} {target}", old.relation),
                old.evidence,
                format!("{relation} {target}"),
                ev.clone(),
            );
        }
    }
}

/// The relation of a list statement by what its object is, the one place a statement is
/// typed by it: a data set (the vocabulary's, a name written like one, `ChatMed_Consult_Dataset`,
/// or one the sentence calls a data set, `基于...数据集X`, `the X dataset`:
/// [`prose::written_as_data`]) is `trained_on`, whatever the phrase ("based on",
/// "fine-tuned on"), never lineage; software or a platform of the vocabulary ("based on
/// PyTorch") is `uses`, unless a source defines the name as a model (Megatron-LM, GPT-NeoX);
/// a phrase that would inherit the weights of an architecture or a training technique
/// ("基于Transformer的", "RLHF的微调模型") is `trained_with` it, never lineage (a phrase that
/// says it uses the architecture, `built_on`, stays); one naming a placeholder is no edge at
/// all. A mention ([`Statement::is_mention`]: "built on
/// vLLM") stands only where the object is no model: data, software, a platform or a method,
/// by the vocabulary or by what a source defines it as. Any other relation is kept.
fn statement_relation(facts: &Facts, st: &Statement, is: &What) -> Option<Relation> {
    let mention = st.is_mention();
    // a method an entry is built with: a model is trained with it, a method uses it
    let with_method = match is.subject {
        NodeKind::Model => Relation::TrainedWith,
        _ => Relation::Uses,
    };
    match facts.term(is.name) {
        Some(Term::Placeholder | Term::Country) => None,
        Some(Term::Dataset) => Some(Relation::TrainedOn),
        _ if prose::written_as_data(is.name, &st.sentence) => Some(Relation::TrainedOn),
        Some(Term::Software | Term::Platform) if is.defined != Some(NodeKind::Model) => {
            Some(Relation::Uses)
        }
        Some(Term::Method) if mention => Some(with_method),
        Some(Term::Method) if st.relation.inherits_weights() => Some(Relation::TrainedWith),
        _ if mention => match is.defined {
            Some(NodeKind::Dataset) => Some(Relation::TrainedOn),
            Some(NodeKind::Method) => Some(with_method),
            Some(NodeKind::Application) => Some(Relation::Uses),
            _ => None,
        },
        _ => Some(st.relation),
    }
}

/// The kind of a stub for an object no node has, by the relation the statement has come
/// to: a method for `extends` and `trained_with`, a data set for `trained_on`, what the
/// vocabulary says for `uses` (software and platforms are applications, as the record
/// merge makes them), a model otherwise.
fn stub_kind(facts: &Facts, name: &str, relation: Relation) -> NodeKind {
    match relation {
        Relation::Extends | Relation::TrainedWith => NodeKind::Method,
        Relation::TrainedOn => NodeKind::Dataset,
        Relation::Uses => match facts.term(name) {
            Some(Term::Method) => NodeKind::Method,
            Some(Term::Dataset) => NodeKind::Dataset,
            _ => NodeKind::Application,
        },
        _ => NodeKind::Model,
    }
}

/// What a statement's object is, as far as the graph knows: its name, the kind of node a
/// source defines it as (none for a name only mentioned), and the kind of its subject.
struct What<'a> {
    name: &'a str,
    defined: Option<NodeKind>,
    subject: NodeKind,
}

/// What a list entry says of who it is, for the one identity decision: its names, its
/// organizations (read off a link, where its text names none), its links, its sizes and the
/// models its own sentences say it builds on.
fn entry_claim(e: &ListEntry, kind: NodeKind) -> Claim<'_> {
    Claim {
        name: &e.name,
        kind,
        aliases: &e.aliases,
        organizations: &e.organizations,
        named: named_organizations(e),
        links: &e.links,
        builds_on: (e.statements.iter())
            .filter(|st| st.subject == e.name && st.relation.is_lineage())
            .map(|st| st.object.as_str())
            .collect(),
        hub: super::identity::hub_id_of(&e.name, &e.sizes, &e.links),
    }
}

/// The organizations entry `e` names other than by its links: none where a link gave it its
/// organization (a Hub namespace or a GitHub owner: `[Checkpoint](https://github.com/EleutherAI/pythia)`),
/// and not those that are its links' Hub namespaces; such organizations join but never set a
/// homonym apart.
fn named_organizations(e: &ListEntry) -> Vec<&str> {
    if e.organization_link.is_some() {
        return Vec::new();
    }
    let spaces: HashSet<String> = super::resolve::namespaces(&e.links).collect();
    (e.organizations.iter())
        .filter(|o| !spaces.contains(&crate::model::name_key(o)))
        .map(String::as_str)
        .collect()
}

/// A statement's relation by the kinds of the nodes it links: lineage to a data set (one a
/// source defines) is training data, `trained_on` from a model; training data that is no data
/// set (a model of that name) or a data set a method or data set depends on is `uses`.
fn by_kinds(relation: Relation, subject: NodeKind, object: NodeKind) -> Relation {
    let data =
        relation == Relation::TrainedOn || (relation.is_lineage() && object == NodeKind::Dataset);
    match (subject, object) {
        _ if !data => relation,
        (NodeKind::Model, NodeKind::Dataset) => Relation::TrainedOn,
        _ => Relation::Uses,
    }
}

/// The model a statement's object names when the object is an organization of `facts` and
/// the sentence names what it owns: "基于Meta的LLaMA-30B" is built on LLaMA-30B, not on Meta.
/// A model's "的" is no owner's ("基于LLama的ChatGPT平替" keeps LLaMA), so only the fact
/// table's organizations (the bundled ones and the user's `--facts`) count.
fn owned_model(facts: &Facts, object: &str, sentence: &str) -> Option<String> {
    static OWNED_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[A-Za-z][A-Za-z0-9.\-_]*[A-Za-z0-9]").expect("valid regex")
    });
    facts.organization(object)?;
    let owned = format!("{object}的");
    let at = sentence.find(&owned)?;
    let m = OWNED_NAME.find(&sentence[at + owned.len()..])?;
    Some(m.as_str().trim().to_string())
}

/// What a curated record adds to its node: aliases, Hub ids, and the date, sizes, description
/// and links the node lacks.
fn merge_record(n: &mut Node, r: &Record) {
    for a in &r.aliases {
        if a != &n.label && !n.aliases.contains(a) {
            n.aliases.push(a.clone());
        }
    }
    for h in &r.hub {
        let hub = match n.known_attr(KnownAttr::Hub) {
            Some(AttrValue::Text(t)) => format!("{t} {h}").into(),
            _ => h.as_str().into(),
        };
        n.set_known_attr(KnownAttr::Hub, AttrValue::Text(hub));
    }
    if n.released.is_none()
        && let Some(d) = &r.released
    {
        n.released = d.parse::<Date>().ok();
    }
    if n.sizes.is_empty() && !r.sizes.is_empty() {
        n.sizes = r.sizes.iter().cloned().collect();
        n.sizes_b = crate::ingest::value::size::billions(&n.sizes);
    }
    if n.description.is_none() {
        n.description = r.description.as_deref().map(Into::into);
    }
    for (kind, url) in [
        (LinkKind::Paper, &r.paper),
        (LinkKind::Code, &r.code),
        (LinkKind::Model, &r.model),
    ] {
        if let Some(u) = url {
            n.add_link(Link {
                kind,
                url: u.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_to_a_data_set_is_training_data_and_data_that_is_no_data_set_is_used() {
        use NodeKind::{Dataset, Method, Model};
        use Relation::{DerivedFrom, FineTunedFrom, TrainedOn, Uses};
        assert_eq!(by_kinds(DerivedFrom, Model, Dataset), TrainedOn);
        assert_eq!(by_kinds(FineTunedFrom, Model, Dataset), TrainedOn);
        assert_eq!(by_kinds(TrainedOn, Model, Dataset), TrainedOn);
        // "基于Alpaca数据集" where Alpaca is a model: the model is used, not an ancestor
        assert_eq!(by_kinds(TrainedOn, Model, Model), Uses);
        assert_eq!(by_kinds(Relation::Extends, Method, Dataset), Uses);
        assert_eq!(by_kinds(DerivedFrom, Model, Model), DerivedFrom);
    }

    fn said(relation: Relation, object: &str, sentence: &str) -> Statement {
        Statement {
            subject: "BarBot".into(),
            relation,
            object: object.into(),
            line: 1,
            sentence: sentence.into(),
        }
    }

    #[test]
    fn a_statement_is_typed_by_what_its_object_is() {
        use NodeKind::{Application, Dataset, Method, Model};
        use Relation::{DerivedFrom, Extends, TrainedOn, TrainedWith, Uses};
        let facts = Facts::bundled();
        let typed = |relation, name, defined, subject| {
            let st = said(relation, name, "a chatbot based on it.");
            let is = What {
                name,
                defined,
                subject,
            };
            statement_relation(&facts, &st, &is)
        };
        // a library or a platform only mentioned is used, whatever the phrase, never a parent
        assert_eq!(typed(DerivedFrom, "PyTorch", None, Model), Some(Uses));
        assert_eq!(typed(Extends, "PyTorch", None, Method), Some(Uses));
        assert_eq!(typed(DerivedFrom, "Hugging Face", None, Model), Some(Uses));
        // ...but a name a source defines as a model stays one (GPT-NeoX, also a library)
        assert_eq!(
            typed(DerivedFrom, "GPT-NeoX", Some(Model), Model),
            Some(DerivedFrom)
        );
        assert_eq!(typed(Uses, "GPT-NeoX", Some(Model), Model), None);
        assert_eq!(
            typed(DerivedFrom, "Llama", Some(Model), Model),
            Some(DerivedFrom)
        );
        // a mention stands only where the object is no model
        assert_eq!(typed(Uses, "vLLM", None, Model), Some(Uses));
        assert_eq!(typed(Uses, "ShareGPT", None, Model), Some(TrainedOn));
        assert_eq!(typed(Uses, "LoRA", None, Model), Some(TrainedWith));
        assert_eq!(typed(Uses, "LoRA", None, Method), Some(Uses));
        assert_eq!(typed(Uses, "Vicuna", Some(Model), Model), None);
        assert_eq!(typed(Uses, "Vicuna", None, Model), None);
        assert_eq!(
            typed(Uses, "Zeta-Corpus", Some(Dataset), Model),
            Some(TrainedOn)
        );
        assert_eq!(
            typed(Uses, "Zeta App", Some(Application), Model),
            Some(Uses)
        );
        assert_eq!(typed(Uses, "Unknown", None, Model), None);
        // a mention the sentence calls data is training data
        let st = said(
            Uses,
            "Zeta",
            "fine-tuned from LLaMA based on the Zeta dataset.",
        );
        let is = What {
            name: "Zeta",
            defined: None,
            subject: Model,
        };
        assert_eq!(statement_relation(&facts, &st, &is), Some(TrainedOn));
    }

    #[test]
    fn a_stub_is_of_the_kind_the_vocabulary_says() {
        let facts = Facts::bundled();
        use NodeKind::{Application, Dataset, Method, Model};
        assert_eq!(stub_kind(&facts, "PyTorch", Relation::Uses), Application);
        assert_eq!(stub_kind(&facts, "Kaggle", Relation::Uses), Application);
        assert_eq!(stub_kind(&facts, "LoRA", Relation::Uses), Method);
        assert_eq!(stub_kind(&facts, "ShareGPT", Relation::TrainedOn), Dataset);
        assert_eq!(stub_kind(&facts, "RLHF", Relation::TrainedWith), Method);
        assert_eq!(stub_kind(&facts, "Zeta-7B", Relation::DerivedFrom), Model);
    }

    #[test]
    fn an_owners_de_names_the_owned_model_by_the_facts_in_use() {
        let facts = Facts::bundled();
        let sentence = "Gamma是基于Meta的LLaMA-30B训练的模型。";
        assert_eq!(
            owned_model(&facts, "Meta", sentence).as_deref(),
            Some("LLaMA-30B")
        );
        // a model's "的" is no owner's
        assert_eq!(owned_model(&facts, "LLama", "基于LLama的ChatGPT平替"), None);
        // an organization only the user's facts know
        let sentence = "Delta是基于Zorilla Lab的Zeta-7B训练的模型。";
        assert_eq!(owned_model(&facts, "Zorilla Lab", sentence), None);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "[[organization]]\nname = \"Zorilla Lab\"\n").expect("write");
        let mine = Facts::load(&[&path]).expect("facts");
        assert_eq!(
            owned_model(&mine, "Zorilla Lab", sentence).as_deref(),
            Some("Zeta-7B")
        );
    }
}
