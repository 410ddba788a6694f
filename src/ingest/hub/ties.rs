//! The ties between a Hub dump and the curated graph: the Hub ids that stand for curated models
//! (by their `hub` values and the lists' model links), whether each is the model itself or one
//! checkpoint of a family, and the namespaces of curated organizations.

use super::address::{HubAddress, model_id};
use super::keys::{Fingerprint, HashMap, fingerprint, hub_key};
use crate::graph::{Graph, NodeIx};
use crate::ingest::identity;
use crate::ingest::resolve::Index;
use crate::model::{AttrValue, Evidence, KnownAttr, LinkKind, Node, NodeKind};

/// A Hub id that stands for a curated model.
pub(super) struct Tie {
    /// The curated model.
    pub(super) node: NodeIx,
    /// Why: the `hub` value or the list's link.
    pub(super) evidence: Evidence,
    /// The id as the curated graph writes it.
    pub(super) id: String,
    /// The id identifies the model (its one Hub id, naming its sizes): a dump's row for it is
    /// the curated node itself. Otherwise it is one checkpoint of a family (a bullet linking
    /// several, a family name beside a sized id): its row is its own node, `variant_of` the
    /// curated one.
    pub(super) identity: bool,
}

/// Hub ids and namespaces that the curated graph ties to its models and organizations.
pub(super) struct Ties {
    /// By the fingerprint of a Hub id's lookup key: the curated model it stands for.
    pub(super) models: HashMap<Fingerprint, Tie>,
    /// By a namespace's lookup key: the curated organization.
    pub(super) namespaces: HashMap<String, NodeIx>,
}

impl Ties {
    /// The ties the curated graph `g` makes: its `hub` values first (they are the deliberate
    /// ones), then the Hub id that identifies each model by the run's one index of resolution
    /// (`index`: the ids the build and merge filed each node under), then its lists' model links.
    pub(super) fn of(g: &Graph, index: &Index) -> Ties {
        let mut t = Ties {
            models: HashMap::default(),
            namespaces: HashMap::default(),
        };
        let nodes = g.nodes_sorted();
        for &ix in &nodes {
            t.add_hub_values(g, ix);
        }
        // a model an id identifies holds it before a family that links it as one checkpoint
        for &ix in &nodes {
            t.add_identity(g, ix, index.hub_ids(ix));
        }
        for &ix in &nodes {
            t.add_links(g, ix);
        }
        t
    }

    /// Ties node `ix`'s one identifying Hub id ([`identifying_id`] of the ids the index files it
    /// under, `held`) to it as the model itself, unless another node holds the id already (a
    /// first claimant keeps an id two nodes name).
    fn add_identity(&mut self, g: &Graph, ix: NodeIx, held: &[String]) {
        let n = g.node(ix);
        let Some(id) = identifying_id(n, held) else {
            return;
        };
        let mut ev = n.origin.clone();
        ev.text = Some(format!("Hugging Face id {id} is {}", n.label).into());
        self.add_model(&id, ix, ev);
        if let Some(tie) = self.models.get_mut(&fingerprint(&hub_key(&id)))
            && tie.node == ix
        {
            tie.identity = true;
        }
    }

    /// Files the tie of Hub id `id` to node `ix`, unless another node holds it already.
    fn add_model(&mut self, id: &str, ix: NodeIx, evidence: Evidence) {
        (self.models)
            .entry(fingerprint(&hub_key(id)))
            .or_insert_with(|| Tie {
                node: ix,
                evidence,
                id: id.to_string(),
                identity: false,
            });
    }

    /// Node `ix`'s `hub` values: an organization's namespaces, a model's Hub ids, or (without a
    /// `/`) a namespace of the model's organization.
    fn add_hub_values(&mut self, g: &Graph, ix: NodeIx) {
        let n = g.node(ix);
        let Some(AttrValue::Text(h)) = n.known_attr(KnownAttr::Hub) else {
            return;
        };
        for id in h.split_whitespace() {
            if n.kind == NodeKind::Organization {
                self.namespaces.entry(hub_key(id)).or_insert(ix);
            } else if id.contains('/') {
                let mut ev = n.origin.clone();
                ev.text = Some(format!("Hugging Face id {id} stands for {}", n.label).into());
                self.add_model(id, ix, ev);
            } else if let Some(org) = g.first_organization(ix) {
                self.namespaces.entry(hub_key(id)).or_insert(org);
            }
        }
    }

    /// Node `ix`'s model links: `huggingface.co/NS/NAME` ties a model, `huggingface.co/NS` the
    /// node's organization.
    fn add_links(&mut self, g: &Graph, ix: NodeIx) {
        let n = g.node(ix);
        for l in n.links.iter().filter(|l| l.kind == LinkKind::Model) {
            if let Some(id) = model_id(&l.url) {
                let mut ev = n.origin.clone();
                ev.text = Some(format!("the list links {} to {}", n.label, l.url).into());
                self.add_model(&id, ix, ev);
            } else if let Some(HubAddress::One(ns)) = HubAddress::parse(&l.url)
                && let Some(org) = g.first_organization(ix)
            {
                self.namespaces.entry(hub_key(ns)).or_insert(org);
            }
        }
    }
}

/// The Hub id that is model `n` itself, as the curated graph writes it: its one Hub id (the
/// ids the index holds it under, `held`: its `hub` values and the model link that identified
/// it or a record placed on it, folding to one), where every
/// size the id's name gives is a size one of `n`'s names gives (`Mistral-7B` is
/// `mistralai/Mistral-7B-v0.1`; `Llama` is not `huggyllama/llama-7b`: a family name beside a
/// sized id, whose row is a checkpoint of the family). Hub ids never make a family.
fn identifying_id(n: &Node, held: &[String]) -> Option<String> {
    if n.kind != NodeKind::Model {
        return None;
    }
    let first = held.first()?;
    if held.iter().any(|k| k != first) {
        return None;
    }
    let written = written_ids(n).find(|id| identity::hub_key(id) == *first)?;
    let repo = written.split_once('/').map_or("", |p| p.1);
    let wanted = sizes(repo);
    let names = std::iter::once(n.label.as_str()).chain(n.aliases.iter().map(String::as_str));
    // a name's size, or the model's one size where the id dates the release the name numbers
    // (`Mistral Small 3`, 24B, is `mistralai/Mistral-Small-24B-Base-2501`)
    let named =
        |name: &str| sizes(name) == wanted || identity::repo_dates_name(repo, name, &n.sizes);
    (wanted.is_empty() || names.into_iter().any(named)).then_some(written)
}

/// The Hub model ids node `n` writes: its `hub` values with a `/`, then its model links'.
fn written_ids(n: &Node) -> impl Iterator<Item = String> + '_ {
    let hub = match n.known_attr(KnownAttr::Hub) {
        Some(AttrValue::Text(h)) => h.as_str(),
        _ => "",
    };
    let values = (hub.split_whitespace())
        .filter(|id| id.contains('/'))
        .map(str::to_string);
    let links = (n.links.iter())
        .filter(|l| l.kind == LinkKind::Model)
        .filter_map(|l| model_id(&l.url));
    values.chain(links)
}

/// The parameter counts a name gives, in order.
fn sizes(name: &str) -> Vec<String> {
    let mut s = crate::ingest::value::size::in_name(name);
    crate::ingest::value::size::sort(&mut s);
    s
}
