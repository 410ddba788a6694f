//! Linking a Hub dump's prepared rows into the graph: a model node for each row, its
//! organization, and lineage edges to its bases (stubs for bases in no row); rows whose bases
//! are not all read yet wait until every row is a node. Then the ties to the curated graph, and
//! the cycles the dump closes are broken.

use super::cycles::break_cycles;
use super::dirt::{Dirt, Dirty};
use super::keys::{Fingerprint, HashMap, Models, fingerprint, hub_key, hub_key_into, spelling};
use super::read::{Base, Columns, IdShape, Named, Parsed, Read, author_of};
use super::ties::Ties;
use crate::error::Result;
use crate::graph::{Graph, NodeIx};
use crate::ingest::facts::Facts;
use crate::ingest::org::{self, Orgs};
use crate::ingest::resolve::Index;
use crate::model::{
    AttrValue, Edge, Evidence, KnownAttr, Link, Name, Node, NodeKind, Relation, slug,
};

/// The source tag of a Hub dump's evidence.
const HUB_SOURCE: &str = "hf";

/// A row with bases, kept until every row is a node. Its bases live in one shared list, their
/// ids in one shared arena.
struct Row {
    node: NodeIx,
    line: u32,
    /// The row's range in the list of bases.
    bases: std::ops::Range<u32>,
    /// The row's range in the arena: the text its bases' places are relative to.
    text: std::ops::Range<usize>,
    /// The mapped relation, or the value nobody knows.
    relation: Result<Relation, Box<str>>,
    /// Whether the row joins a model another row made (of an earlier dump, or of this one under
    /// an id cleaned to the same): its edges may exist already.
    joins: bool,
}

/// The rows linked at the end (those naming a base not read yet), their bases and the bases'
/// text.
#[derive(Default)]
struct Waiting {
    rows: Vec<Row>,
    bases: Vec<Base>,
    arena: String,
}

/// The building side of a dump being read: the graph, what is known of the dump's models and
/// organizations so far, and the dirt found.
pub(super) struct Linking<'a> {
    g: &'a mut Graph,
    file: &'a str,
    cols: &'a Columns,
    ties: Ties,
    /// The organizations no rule can know.
    facts: &'a Facts,
    /// The graph's organization nodes by every spelling and namespace they go by.
    org_names: Orgs,
    dirt: Dirt,
    by_key: Models,
    orgs: HashMap<Fingerprint, NodeIx>,
    waiting: Waiting,
    linker: Linker,
    /// The nodes a row's bases are, while it is linked.
    found: Vec<NodeIx>,
    /// What a batch's first pass finds: for each row, the row's node and then its bases'.
    looked: Vec<Option<NodeIx>>,
    /// The line of the last row linked.
    last_line: u32,
    /// The dump's models made by a row whose id was cleaned: a later row of the same id joins
    /// them, where an exact duplicate row is dropped.
    cleaned: std::collections::HashSet<NodeIx>,
    /// The dataset nodes the rows named, by Hub dataset id in lower case.
    datasets: std::collections::HashMap<String, NodeIx>,
    /// A row's attributes, gathered to be set on its node at once.
    attrs: Vec<(Name, AttrValue)>,
}

impl<'a> Linking<'a> {
    /// Ready to link the rows of `file` (about `rows` of them, one a line) into `g`, with what
    /// the run's earlier dumps left in `dumps`.
    pub(super) fn new(
        g: &'a mut Graph,
        dumps: &mut Dumps,
        file: &'a str,
        cols: &'a Columns,
        rows: usize,
        facts: &'a Facts,
    ) -> Self {
        let (ties, by_key, org_names) = dumps.take(g, rows, facts);
        // room for every row, its organization edge, about one base each and a dataset on some
        // (a snapshot's rows: 2.26 edges a row at 1M): an edge list that fills up is copied whole
        // into one twice its size (old and new resident at once, 150 MiB more at 1M rows), while
        // room reserved and never used is never touched, so costs no memory
        g.reserve(rows + rows / 16, rows * 5 / 2);
        let earlier_end = g.node_count();
        Linking {
            g,
            file,
            cols,
            ties,
            facts,
            org_names,
            dirt: Dirt::default(),
            by_key,
            orgs: HashMap::default(),
            waiting: Waiting::default(),
            linker: Linker {
                src: HUB_SOURCE.into(),
                fname: file.into(),
                seen: Seen::default(),
                rows: NodeSet::default(),
                earlier_end,
            },
            found: Vec::new(),
            looked: Vec::new(),
            last_line: 0,
            cleaned: std::collections::HashSet::new(),
            datasets: std::collections::HashMap::new(),
            attrs: Vec::new(),
        }
    }

    /// The line of the last row linked.
    pub(super) fn last_line(&self) -> u32 {
        self.last_line
    }

    /// Links a batch of rows.
    pub(super) fn batch(&mut self, batch: &mut [Read]) -> Result<()> {
        self.look_ahead(batch);
        let mut at = 0;
        for read in batch {
            let own = self.looked[at];
            let bases = at + 1..at + 1 + read.bases.len();
            at = bases.end;
            self.row(read, own, bases)?;
        }
        Ok(())
    }

    /// Every lookup of the batch in what came before it, row after row: with no row waiting on
    /// the one before, the table reads of several rows are under way at once, where building
    /// row by row waits for each in turn (a million-row table is far bigger than the cache).
    /// What the batch itself adds is looked up again as it is linked.
    fn look_ahead(&mut self, batch: &[Read]) {
        let (g, by_key) = (&*self.g, &self.by_key);
        self.looked.clear();
        for read in batch {
            self.looked.push(by_key.get(read.named.fingerprint));
            g.warm_id(&read.named.slug, read.named.slug_hash);
            if let Some(&org) = read.org.and_then(|o| self.orgs.get(&o)) {
                g.warm_links(org);
            }
            for b in &read.bases {
                let t = by_key.get(b.fingerprint);
                if let Some(t) = t {
                    g.warm_links(t);
                    by_key.warm(t);
                }
                self.looked.push(t);
            }
        }
    }

    /// Links one row: `own` is the node the first pass found for it, `bases` the range of
    /// `looked` its bases' nodes are in.
    fn row(
        &mut self,
        read: &mut Read,
        own: Option<NodeIx>,
        bases: std::ops::Range<usize>,
    ) -> Result<()> {
        let line = read.line;
        self.last_line = line;
        for (what, example) in read.cleanings.drain(..) {
            self.dirt
                .note(what, line, || format!("line {line}: {example}"));
        }
        match read.shape {
            IdShape::Empty => {
                self.dirt
                    .note(Dirty::EmptyId, line, || format!("line {line}"));
                return Ok(());
            }
            IdShape::TrailingSlash => self.dirt.note(Dirty::TrailingSlash, line, || {
                let raw = read.record.get(self.cols.id).unwrap_or("").trim();
                format!("line {line}: \"{raw}\"")
            }),
            IdShape::Clean => {}
        }
        let evidence = Evidence::at(&self.linker.src, &self.linker.fname, line);
        // stubs are made only once every row is read: a model found here is an earlier row
        if let Some(known) = own.or_else(|| self.by_key.get(read.named.fingerprint)) {
            // a row whose id was cleaned is the model of the clean id, not a duplicate row
            if known.index() < self.linker.earlier_end
                || read.cleaned
                || self.cleaned.contains(&known)
            {
                return self.join(known, read, bases, evidence);
            }
            debug_assert!(!self.by_key.stub(known));
            let first = self.g.node(known).origin.line_or_zero();
            let id = &read.named.label;
            self.dirt.note(Dirty::DuplicateRow, line, || {
                format!("line {line}: \"{id}\" (first at line {first})")
            });
            return Ok(());
        }
        let named = std::mem::take(&mut read.named);
        let ix = new_model(self.g, &mut self.by_key, named, evidence.clone());
        if read.cleaned {
            self.cleaned.insert(ix);
        }
        self.values(ix, read);
        self.organization(ix, read, &evidence)?;
        self.datasets(ix, read, &evidence)?;
        if !read.bases.is_empty() {
            self.bases(ix, read, bases, false);
        }
        Ok(())
    }

    /// A row for a model another row made (`ix`: of an earlier dump, or of this one under an id
    /// that one of the two rows wrote with dirt): its evidence joins the node, its values fill a
    /// node known only as a base, and its organization and bases are linked as a new row's are
    /// (an edge both rows assert is one edge with the evidence of both).
    fn join(
        &mut self,
        ix: NodeIx,
        read: &mut Read,
        bases: std::ops::Range<usize>,
        evidence: Evidence,
    ) -> Result<()> {
        let n = self.g.node_mut(ix);
        n.add_evidence(evidence.clone());
        if n.remove_known_attr(KnownAttr::Stub).is_some() {
            self.values(ix, read);
        } else if !is_dump_model(self.g, ix) {
            self.identified(ix, read);
        }
        self.organization(ix, read, &evidence)?;
        self.datasets(ix, read, &evidence)?;
        if !read.bases.is_empty() {
            self.bases(ix, read, bases, true);
        }
        Ok(())
    }

    /// The row's date, size and kept attributes, on its new node `ix`.
    fn values(&mut self, ix: NodeIx, read: &mut Read) {
        let (line, record, cols) = (read.line, &read.record, self.cols);
        let n = self.g.node_mut(ix);
        match std::mem::take(&mut read.released) {
            Parsed::Value(d) => n.released = Some(d),
            Parsed::Absent => {}
            Parsed::Bad => {
                let v = cols.date.and_then(|c| record.get(c)).unwrap_or("").trim();
                self.dirt.note(Dirty::BadValue, line, || {
                    format!("line {line}: date \"{v}\"")
                })
            }
        }
        match std::mem::take(&mut read.sizes_b) {
            Parsed::Value(b) => n.sizes_b = b,
            Parsed::Absent => {}
            Parsed::Bad => {
                let v = cols.params.and_then(|c| record.get(c)).unwrap_or("").trim();
                self.dirt.note(Dirty::BadValue, line, || {
                    format!("line {line}: params_b \"{v}\"")
                })
            }
        }
        self.attributes(ix, read);
    }

    /// A row for a curated model its Hub id identifies (`ix`, the list's `Mistral-7B` for
    /// `mistralai/Mistral-7B-v0.1`): the id becomes one of the model's names, and the row's
    /// attributes fill those the model lacks. Its date and sizes stay the curated ones (a
    /// repository's creation is not a release).
    fn identified(&mut self, ix: NodeIx, read: &Read) {
        let n = self.g.node_mut(ix);
        let id = &read.named.label;
        if *id != n.label && !n.aliases.iter().any(|a| a == id) {
            n.aliases.push(id.to_string());
        }
        self.attributes(ix, read);
    }

    /// The row's attributes (the kept columns, licence, papers) on node `ix`, where it has none
    /// of that name yet.
    fn attributes(&mut self, ix: NodeIx, read: &Read) {
        let (record, cols) = (&read.record, self.cols);
        let n = self.g.node_mut(ix);
        let cell = |c: usize| record.get(c).unwrap_or("").trim();
        let ints = (cols.ints.iter())
            .filter_map(|&(c, name)| Some((name, AttrValue::Int(cell(c).parse().ok()?))));
        let texts = (cols.texts.iter().chain(&cols.license))
            .filter(|&&(c, _)| !cell(c).is_empty())
            .map(|&(c, name)| (name, AttrValue::Text(cell(c).into())));
        // set together, the node's block is made once
        let set = &mut self.attrs;
        set.clear();
        set.extend(ints.chain(texts).filter(|(k, _)| !n.attrs.contains_key(k)));
        n.attrs.extend(set);
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        for id in cell(cols.arxiv).split(',').map(str::trim) {
            let url = format!("https://arxiv.org/abs/{id}");
            if !id.is_empty() && !n.links.iter().any(|l| l.url == url) {
                let kind = crate::model::LinkKind::Paper;
                n.links.push(Link { kind, url });
            }
        }
    }

    /// The `trained_on` edges from the row's node `ix` to the datasets its `datasets` cell
    /// names (Hub dataset ids), each dataset one node however many rows name it.
    fn datasets(&mut self, ix: NodeIx, read: &Read, evidence: &Evidence) -> Result<()> {
        let Some(cell) = self.cols.datasets.and_then(|c| read.record.get(c)) else {
            return Ok(());
        };
        for id in cell.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            let key = id.to_lowercase();
            let dataset = match self.datasets.get(&key) {
                Some(&d) => d,
                None => {
                    let d = self.dataset_node(id, evidence);
                    self.datasets.insert(key, d);
                    self.dataset_organization(d, id, evidence)?;
                    d
                }
            };
            (self.g).assert_edge(ix, dataset, Relation::TrainedOn, evidence.clone());
        }
        Ok(())
    }

    /// The node of Hub dataset `id`: a dataset of its slug already in the graph, or a new one
    /// (its id made unique where a model holds the slug).
    fn dataset_node(&mut self, id: &str, evidence: &Evidence) -> NodeIx {
        let base = slug(id);
        let g = &mut *self.g;
        if let Some(ix) = g.index_of(&base)
            && g.node(ix).kind == NodeKind::Dataset
        {
            return ix;
        }
        let hash = crate::graph::id_hash(&base);
        let n = Node::new(base, id.to_string(), NodeKind::Dataset, evidence.clone());
        g.add_node_fresh_id(n, hash)
    }

    /// The `developed_by` edge from the row's new node `ix` to its organization, made on the
    /// organization's first row.
    fn organization(&mut self, ix: NodeIx, read: &Read, evidence: &Evidence) -> Result<()> {
        let Some(org_fp) = read.org else {
            return Ok(());
        };
        let org = match self.orgs.get(&org_fp) {
            Some(&org) => org,
            None => {
                let id = self.g.node(ix).label.clone();
                // the reading thread found an author (or namespace) for the key
                let author = author_of(&read.record, self.cols.author, &id).unwrap_or_default();
                let org = self.org_node(author, &hub_key(author), evidence)?;
                self.orgs.insert(org_fp, org);
                org
            }
        };
        // a joined row's evidence joins the edge an earlier row made
        (self.g).assert_edge(ix, org, Relation::DevelopedBy, evidence.clone());
        Ok(())
    }

    /// Links the row's node `ix` (new, or made by another row the row `joins`) to its bases now
    /// if they are all known (`looked` is where the first pass's finds are), or keeps the row
    /// for the end.
    fn bases(&mut self, ix: NodeIx, read: &Read, looked: std::ops::Range<usize>, joins: bool) {
        let count = read.bases.len();
        let mut row = Row {
            node: ix,
            line: read.line,
            bases: 0..count as u32,
            text: 0..read.base_text.len(),
            relation: read.relation.ok_or_else(|| {
                let col = self.cols.relation;
                col.and_then(|c| read.record.get(c)).unwrap_or("").into()
            }),
            joins,
        };
        let by_key = &self.by_key;
        self.found.clear();
        self.found.extend(
            (read.bases.iter().zip(&self.looked[looked]))
                .map_while(|(b, &t)| t.or_else(|| by_key.get(b.fingerprint))),
        );
        if self.found.len() == count {
            // every base is known: linked now, nothing kept
            let rb = RowBases {
                bases: &read.bases,
                found: &self.found,
                text: &read.base_text,
            };
            (self.linker).link(self.g, &mut self.by_key, &mut self.dirt, &row, rb);
        } else {
            let w = &mut self.waiting;
            let first = w.bases.len() as u32;
            row.bases = first..first + count as u32;
            row.text = w.arena.len()..w.arena.len() + read.base_text.len();
            w.arena.push_str(&read.base_text);
            w.bases.extend_from_slice(&read.bases);
            w.rows.push(row);
        }
    }

    /// Once every row is read: links the rows that waited (a base may come after the model
    /// built on it, or be in no row at all: a stub, given its namespace's organization), ties
    /// the dump's models to the curated ones they stand for, breaks the cycles the dump closes
    /// and reports the dirt.
    pub(super) fn finish(mut self, dumps: &mut Dumps) -> Result<()> {
        let waiting = std::mem::take(&mut self.waiting);
        // stubs are made only here, while the rows that waited are linked
        let stubs = self.g.node_count();
        for row in &waiting.rows {
            let rb = RowBases {
                bases: &waiting.bases[row.bases.start as usize..row.bases.end as usize],
                found: &[],
                text: &waiting.arena[row.text.clone()],
            };
            (self.linker).link(self.g, &mut self.by_key, &mut self.dirt, row, rb);
        }
        self.stub_organizations(stubs..self.g.node_count())?;
        self.tie();
        // in node order, as a search over the whole graph would meet them
        let starts = std::mem::take(&mut self.linker.rows).nodes();
        break_cycles(self.g, &starts, &self.linker.src, &mut self.dirt);
        let diagnostics = self.dirt.into_diagnostics(self.file);
        self.g.diagnostics.extend(diagnostics);
        let end = self.g.node_count();
        dumps.keep((self.ties, self.by_key, self.org_names), end);
        Ok(())
    }

    /// The `developed_by` edge from each stub (the nodes `stubs`, models known only as a base)
    /// to its namespace's organization, found or made as a row's is: `meta-llama` made
    /// `meta-llama/Llama-2-7b-hf` though only its fine-tunes have rows.
    fn stub_organizations(&mut self, stubs: std::ops::Range<usize>) -> Result<()> {
        let mut key = String::new();
        for ix in stubs.map(NodeIx::new) {
            let n = self.g.node(ix);
            let Some((namespace, _)) = n.label.split_once('/').filter(|(ns, _)| !ns.is_empty())
            else {
                continue;
            };
            hub_key_into(namespace, &mut key);
            let fp = fingerprint(&key);
            let evidence = n.origin.clone();
            let namespace = namespace.to_string();
            let org = self.namespace_org(&namespace, (fp, &key), &evidence)?;
            let edge = Edge::new(Relation::DevelopedBy, evidence);
            self.g.add_edge(ix, org, edge);
        }
        Ok(())
    }

    /// The organization of a namespace (`fp` the fingerprint of its lookup key `key`), found
    /// among the dump's or made as a row's is.
    fn namespace_org(
        &mut self,
        namespace: &str,
        (fp, key): (Fingerprint, &str),
        evidence: &Evidence,
    ) -> Result<NodeIx> {
        if let Some(&org) = self.orgs.get(&fp) {
            return Ok(org);
        }
        let org = self.org_node(namespace, key, evidence)?;
        self.orgs.insert(fp, org);
        Ok(org)
    }

    /// The `developed_by` edge from dataset `d` (Hub dataset `id`), when no source gave it an
    /// organization, to its namespace's: `allenai/tulu-3-sft-mixture` is allenai's, as a model
    /// known only as a base is its namespace's.
    fn dataset_organization(&mut self, d: NodeIx, id: &str, evidence: &Evidence) -> Result<()> {
        let Some((namespace, _)) = id.split_once('/').filter(|(ns, _)| !ns.trim().is_empty())
        else {
            return Ok(());
        };
        if self.g.organizations_of(d).next().is_some() {
            return Ok(());
        }
        let key = hub_key(namespace);
        let org = self.namespace_org(namespace, (fingerprint(&key), &key), evidence)?;
        (self.g).assert_edge(d, org, Relation::DevelopedBy, evidence.clone());
        Ok(())
    }

    /// The organization node of a dump's author or namespace (`key` is its lookup key): the
    /// curated organization the namespace is tied to, the organization the one resolver
    /// ([`org`]) finds for it (the fact table's namespaces, the spelling rule), an organization
    /// of the same slug, or a new one labelled by its canonical name.
    fn org_node(&mut self, author: &str, key: &str, ev: &Evidence) -> Result<NodeIx> {
        if let Some(&ix) = self.ties.namespaces.get(key) {
            return Ok(ix);
        }
        let g = &mut *self.g;
        let label = org::label(self.facts, author);
        let base = slug(label);
        let existing = (self.org_names.find(self.facts, author)).or_else(|| {
            g.index_of(&base)
                .filter(|&ix| g.node(ix).kind == NodeKind::Organization)
        });
        let ix = match existing {
            Some(ix) => {
                let n = g.node(ix);
                if n.label != author && !n.aliases.iter().any(|a| a == author) {
                    org::add_spelling(g.node_mut(ix), author);
                }
                ix
            }
            None => {
                let mut id = base.clone();
                let mut k = 2;
                while g.index_of(&id).is_some() {
                    id = format!(
                        "{base}-org{}",
                        if k == 2 { String::new() } else { k.to_string() }
                    );
                    k += 1;
                }
                let mut n = Node::new(id, label.to_string(), NodeKind::Organization, ev.clone());
                org::add_spelling(&mut n, author);
                g.add_node(n)?
            }
        };
        self.org_names.add(g.node(ix), ix, self.facts);
        Ok(ix)
    }

    /// A Hub id that stands for one checkpoint of a curated model is a variant of it (an id
    /// that is the model itself was its node from the start, [`models_of_earlier_dumps`]).
    fn tie(&mut self) {
        let ties = &self.ties;
        // this dump's models only: an earlier dump's were tied when it was read
        let mut tied: Vec<(NodeIx, NodeIx, Evidence)> = (self.by_key.iter())
            .filter(|&(_, ix)| ix.index() >= self.linker.earlier_end)
            .filter_map(|(k, ix)| {
                ties.models
                    .get(&k)
                    .map(|t| (ix, t.node, t.evidence.clone()))
            })
            .collect();
        tied.sort_by_key(|t| t.0);
        for (ix, model, ev) in tied {
            if ix != model {
                let edge = Edge::new(Relation::VariantOf, ev);
                self.g.add_edge(ix, model, edge);
            }
        }
    }
}

/// Links a row to its bases: lineage edges, with stubs for bases in no row, and the dirt found
/// on the way (case differences, self-references, repeated parents, unknown relations).
struct Linker {
    src: Name,
    fname: Name,
    /// The row's targets so far, to notice a parent listed twice.
    seen: Seen,
    /// The nodes of the rows linked, where the dump's cycles can only start.
    rows: NodeSet,
    /// Nodes below this index come from earlier inputs: a row naming one joins it, and its
    /// edges may exist already.
    earlier_end: usize,
}

/// A row's bases: `bases` with their places relative to `text`, and `found`, the nodes already
/// found for them (empty when none were looked up).
#[derive(Clone, Copy)]
struct RowBases<'a> {
    bases: &'a [Base],
    found: &'a [NodeIx],
    text: &'a str,
}
impl Linker {
    /// Links a row to its bases. A base not found is looked up (a stub made for an earlier
    /// base of the row may be its).
    fn link(
        &mut self,
        g: &mut Graph,
        by_key: &mut Models,
        dirt: &mut Dirt,
        row: &Row,
        RowBases { bases, found, text }: RowBases,
    ) {
        let line = row.line;
        self.seen.clear(bases.len());
        if !bases.is_empty() {
            self.rows.insert(row.node);
        }
        let relation = match &row.relation {
            Ok(r) => *r,
            Err(value) => {
                dirt.note(Dirty::UnknownRelation, line, || {
                    format!("line {line}: \"{value}\"")
                });
                Relation::FineTunedFrom
            }
        };
        for (i, b) in bases.iter().enumerate() {
            let base = &text[b.start as usize..(b.start + b.len) as usize];
            let known = found.get(i).copied();
            let target = match known.or_else(|| by_key.get(b.fingerprint)) {
                Some(t) => {
                    let label = &g.node(t).label;
                    if !by_key.stub(t) && by_key.spelling(t, label) != b.spelling {
                        dirt.note(Dirty::CaseDiffers, line, || {
                            format!("line {line}: \"{base}\" for \"{label}\"")
                        });
                    }
                    t
                }
                None => {
                    dirt.note(Dirty::Stub, line, || format!("line {line}: \"{base}\""));
                    let ev = Evidence::at(&self.src, &self.fname, line);
                    let id = base.trim_end_matches('/');
                    let t = new_model(g, by_key, Named::new(id, b.fingerprint), ev);
                    by_key.mark_stub(t);
                    g.node_mut(t)
                        .set_known_attr(KnownAttr::Stub, AttrValue::Bool(true));
                    t
                }
            };
            if target == row.node {
                dirt.note(Dirty::SelfReference, line, || {
                    format!("line {line}: \"{base}\"")
                });
                continue;
            }
            if !self.seen.insert(target) {
                dirt.note(Dirty::RepeatedParent, line, || {
                    format!("line {line}: \"{base}\"")
                });
                continue;
            }
            let ev = Evidence::at(&self.src, &self.fname, line);
            if row.joins || row.node.index() < self.earlier_end {
                // a model another row made: the edge may be there already
                g.assert_edge(row.node, target, relation, ev);
            } else {
                g.add_edge_unchecked(row.node, target, Edge::new(relation, ev));
            }
        }
    }
}

/// A set of nodes, a bit a node index (a million rows' nodes take 128 KiB, where a list of them
/// took 4 MiB at the load's peak).
#[derive(Default)]
struct NodeSet(Vec<u64>);

impl NodeSet {
    fn insert(&mut self, ix: NodeIx) {
        let (word, bit) = (ix.index() / 64, ix.index() % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    /// The nodes, in index order.
    fn nodes(&self) -> Vec<NodeIx> {
        let count = self.0.iter().map(|w| w.count_ones() as usize).sum();
        let mut out = Vec::with_capacity(count);
        for (i, &w) in self.0.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                out.push(NodeIx::new(i * 64 + w.trailing_zeros() as usize));
                w &= w - 1;
            }
        }
        out
    }
}

/// The targets of one row: a short list for the usual few bases, a hash set for a row with
/// many (a row of 500,000 bases stays linear).
#[derive(Default)]
struct Seen {
    few: Vec<NodeIx>,
    many: std::collections::HashSet<NodeIx, foldhash::fast::FixedState>,
}

impl Seen {
    /// Forgets the last row's targets, ready for a row of `bases` bases.
    fn clear(&mut self, bases: usize) {
        self.few.clear();
        if self.many.capacity() > 4 * bases.max(16) {
            self.many = Default::default();
        } else {
            self.many.clear();
        }
    }

    /// Adds a target; false when the row named it already.
    fn insert(&mut self, t: NodeIx) -> bool {
        const FEW: usize = 16;
        if self.few.len() < FEW {
            if self.few.contains(&t) {
                return false;
            }
            self.few.push(t);
            return true;
        }
        !self.few.contains(&t) && self.many.insert(t)
    }
}

/// What the dumps of one run share: the table of the models read so far (so that a model two
/// dumps list is one node) and the ties to the rest of the graph, kept from one dump to the next
/// so that each dump costs time in its own size, not the graph's (a folder of 8,000 small dumps
/// stays linear). Where other inputs added nodes between two dumps, both are brought up to date.
/// The ties ask the run's one index of resolution which Hub id identifies which model.
#[derive(Default)]
pub struct Dumps {
    kept: Option<(Ties, Models, Orgs)>,
    /// The graph's node count when the last dump ended.
    end: usize,
    /// The run's index, as the build and merge left it and imports added to; made from the
    /// graph where a run starts with none (a dump added to a graph built elsewhere).
    index: Option<Index>,
    /// The nodes below this index are filed in `index` or were added by a dump.
    filed: usize,
}

impl Dumps {
    /// The dumps of a run whose lists and records were resolved by `index` into `g`.
    pub(crate) fn with_index(index: Index, g: &Graph) -> Dumps {
        Dumps {
            index: Some(index),
            filed: g.node_count(),
            ..Dumps::default()
        }
    }

    /// The ties of `g` by the run's index, with the nodes other inputs (imports) added since
    /// the index was made or the last dump ended filed in it first.
    fn ties(&mut self, g: &Graph) -> Ties {
        let index = match &mut self.index {
            Some(index) => {
                for ix in (self.filed..g.node_count()).map(NodeIx::new) {
                    index.add(g.node(ix), ix);
                }
                index
            }
            None => self.index.insert(Index::of(g)),
        };
        self.filed = g.node_count();
        Ties::of(g, index)
    }

    /// The ties, the model table and the organizations for the next dump of about `rows` rows.
    fn take(&mut self, g: &Graph, rows: usize, facts: &Facts) -> (Ties, Models, Orgs) {
        match self.kept.take() {
            Some(kept) if self.end == g.node_count() => kept,
            Some((_, mut models, mut orgs)) => {
                let ties = self.ties(g);
                for ix in (self.end..g.node_count()).map(NodeIx::new) {
                    add_if_dump_model(g, &mut models, ix);
                    if g.node(ix).kind == NodeKind::Organization {
                        orgs.add(g.node(ix), ix, facts);
                    }
                }
                add_identities(&mut models, &ties, self.end);
                (ties, models, orgs)
            }
            None => {
                let ties = self.ties(g);
                let models = models_of_earlier_dumps(g, rows, &ties);
                (ties, models, Orgs::of(g, facts))
            }
        }
    }

    /// Keeps what a dump ended with for the next one.
    fn keep(&mut self, kept: (Ties, Models, Orgs), end: usize) {
        self.kept = Some(kept);
        self.end = end;
        self.filed = end;
    }
}

/// The table of models a dump's rows are looked up in, holding the models of earlier dumps
/// (nodes whose origin is a Hub dump) so that a model two dumps list is one node, and the
/// curated models that a Hub id identifies (`ties`), so that the row of `mistralai/Mistral-7B-v0.1`
/// is the list's Mistral-7B. With neither, as for a first dump of a Hub-only run, the table
/// holds only the dump's own models.
fn models_of_earlier_dumps(g: &Graph, rows: usize, ties: &Ties) -> Models {
    let earlier: Vec<NodeIx> = (g.node_indices())
        .filter(|&ix| is_dump_model(g, ix))
        .collect();
    if earlier.is_empty() && !ties.models.values().any(|t| t.identity) {
        return Models::with_capacity(g.node_count(), rows);
    }
    let mut models = Models::with_capacity(0, g.node_count() + rows);
    for ix in earlier {
        add_if_dump_model(g, &mut models, ix);
    }
    add_identities(&mut models, ties, 0);
    models
}

/// Files in `models` each model from node `from` on that a Hub id identifies (`ties`), under
/// that id, where no model holds it yet: a dump's row of the id is that model.
fn add_identities(models: &mut Models, ties: &Ties, from: usize) {
    let mut identities: Vec<(&Fingerprint, &super::ties::Tie)> = (ties.models.iter())
        .filter(|(_, t)| t.identity && t.node.index() >= from)
        .collect();
    identities.sort_by_key(|(_, t)| t.node);
    for (&fp, t) in identities {
        if models.get(fp).is_none() {
            models.insert_identity(fp, t.node, spelling(&t.id));
        }
    }
}

/// Whether node `ix` is a model a Hub dump read.
fn is_dump_model(g: &Graph, ix: NodeIx) -> bool {
    let n = g.node(ix);
    n.kind == NodeKind::Model && n.origin.source.as_str() == HUB_SOURCE
}

/// Files node `ix` in `models` if it is a model a Hub dump read.
fn add_if_dump_model(g: &Graph, models: &mut Models, ix: NodeIx) {
    if is_dump_model(g, ix) {
        let label = &g.node(ix).label;
        models.insert(fingerprint(&hub_key(label)), ix);
    }
}

/// A new model node for a Hub id, its id the slug made unique with `-2`, `-3`, ...
fn new_model(g: &mut Graph, by_key: &mut Models, named: Named, origin: Evidence) -> NodeIx {
    let node = Node::new(named.slug, named.label, NodeKind::Model, origin);
    let ix = g.add_node_fresh_id(node, named.slug_hash);
    by_key.insert(named.fingerprint, ix);
    ix
}
