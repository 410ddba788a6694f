//! The one place identity is decided: the resolution index (a graph's names by their name
//! key and identity key, the Hub ids that identify models, by whom they are held) and the
//! organization test two records of one name must pass to be one entity. The list builder
//! (`build.rs`) and the record merge (`merge.rs`) both resolve names here, by the rules of
//! [`super::identity`].

use super::facts::Facts;
use super::hub::address::HubAddress;
use super::identity::{self, identity_key};
use super::org;
use super::record::Record;
use crate::graph::{Graph, NodeIx};
use crate::model::{AttrValue, KnownAttr, Link, LinkKind, Node, NodeKind, name_key};
use std::collections::{HashMap, HashSet};

/// A name's [`identity_key`] without its sizes: its family's words (`Mistral 7B` → `mistral`).
pub(crate) fn words(name: &str) -> String {
    let key = identity_key(name);
    key.split('#').next().unwrap_or("").to_string()
}

/// Whether two sets of organization keys meet: they name one organization (a key in common,
/// or one key inside another: `technologyinnovationinstitute` in
/// `uaetechnologyinnovationinstitute`, `reka` in `rekaai`, for keys of four letters or more),
/// or two organizations the partners table says develop models together (Tsinghua
/// University's THUDM and Zhipu AI), or one that the organizations table says is part of the
/// other (DeepMind of Google), or a part of a university named after it and the university
/// ([`org::related`]: 北京大学信息工程学院 and Peking University).
pub(crate) fn orgs_meet(facts: &Facts, a: &HashSet<String>, b: &HashSet<String>) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| {
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            short == long
                || (short.chars().count() >= 4 && long.contains(short.as_str()))
                || org::related(facts, x, y)
        })
    })
}

/// The Hub namespaces a set of links names (`huggingface.co/lmsys/...`, `huggingface.co/lmsys`),
/// as organization keys: a namespace is an organization's (or a person's) own.
pub(crate) fn namespaces(links: &[Link]) -> impl Iterator<Item = String> + '_ {
    (links.iter())
        .filter(|l| l.kind == LinkKind::Model)
        .filter_map(|l| match HubAddress::parse(&l.url)? {
            HubAddress::Model { namespace, .. } | HubAddress::One(namespace) => {
                Some(name_key(namespace))
            }
            _ => None,
        })
}

/// Whether two sets of links share an address that names one work ([`address_key`]: a
/// repository, a model, a paper, a post): the same work linked by two sources, which joins
/// them as surely as a Hub id where their organizations were read differently.
///
/// [`address_key`]: crate::ingest::value::link::address_key
pub(crate) fn share_address(a: &[Link], b: &[Link]) -> bool {
    use crate::ingest::value::link::address_key;
    let keys: Vec<String> = a.iter().filter_map(|l| address_key(&l.url)).collect();
    !keys.is_empty() && (b.iter()).any(|l| address_key(&l.url).is_some_and(|k| keys.contains(&k)))
}

/// The Hub namespaces of a record's model links, as organization keys.
pub(crate) fn record_namespaces(r: &Record) -> Vec<String> {
    namespaces(&r.links).collect()
}

/// The one name index of resolution: the graph's names by [`name_key`] (labels, ids, aliases, and the Hub namespaces an
/// organization is known by), the names of its models and methods by [`identity_key`], and
/// the Hub ids that identify models ([`node_hub_ids`], and those of the records placed on them).
#[derive(Default)]
pub(crate) struct Index {
    by_key: HashMap<String, Vec<NodeIx>>,
    by_identity: HashMap<String, Vec<NodeIx>>,
    /// Models by the [`words`] of their names: their families.
    by_words: HashMap<String, Vec<NodeIx>>,
    /// Who holds a Hub id, by [`identity::hub_key`]: the first node to.
    by_hub: HashMap<String, NodeIx>,
    /// The Hub ids each node holds.
    hub_of: HashMap<NodeIx, Vec<String>>,
    /// Names as written, for [`Index::lookup`]: each label and alias, and whether it is an alias.
    exact: HashMap<String, Vec<(bool, NodeIx)>>,
    /// Labels, ids and aliases by [`name_key`], for [`Index::lookup`] (no namespaces).
    plain: HashMap<String, Vec<NodeIx>>,
}

impl Index {
    /// The index of every node of `g`, as resolution would file them: for a graph built
    /// elsewhere (a Hub dump added to it through the library).
    pub(crate) fn of(g: &Graph) -> Index {
        let mut names = Index::default();
        for ix in g.node_indices() {
            names.add(g.node(ix), ix);
        }
        names
    }

    /// Files node `ix` under each of its names.
    pub(crate) fn add(&mut self, n: &Node, ix: NodeIx) {
        let hub = match n.known_attr(KnownAttr::Hub) {
            Some(AttrValue::Text(h)) if n.kind == NodeKind::Organization => Some(h.as_str()),
            _ => None,
        };
        let names = [n.label.as_str(), n.id.as_str()]
            .into_iter()
            .chain(n.aliases.iter().map(String::as_str))
            .chain(hub.into_iter().flat_map(str::split_whitespace));
        let keys: Vec<String> = names.map(name_key).collect();
        if n.kind != NodeKind::Organization {
            let own = std::iter::once(n.label.as_str()).chain(n.aliases.iter().map(String::as_str));
            for name in own {
                self.add_name(name, ix);
            }
            for id in node_hub_ids(n) {
                self.add_hub(&id, ix);
            }
        }
        for key in keys {
            let ixs = self.by_key.entry(key).or_default();
            if !ixs.contains(&ix) {
                ixs.push(ix);
            }
        }
    }

    /// Files node `ix` under `name`, one name of a model or method, by its identity key and
    /// its family's words (what the list builder files its entries by).
    pub(crate) fn add_name(&mut self, name: &str, ix: NodeIx) {
        for (map, key) in [
            (&mut self.by_identity, identity_key(name)),
            (&mut self.by_words, words(name)),
        ] {
            let ixs = map.entry(key).or_default();
            if !ixs.contains(&ix) {
                ixs.push(ix);
            }
        }
    }

    /// Files Hub id `id` (a [`identity::hub_key`]) as held by node `ix`.
    pub(crate) fn add_hub(&mut self, id: &str, ix: NodeIx) {
        self.by_hub.entry(id.to_string()).or_insert(ix);
        let held = self.hub_of.entry(ix).or_default();
        if !held.iter().any(|h| h == id) {
            held.push(id.to_string());
        }
    }

    /// The node that holds Hub id `id` (any case), if any.
    pub(crate) fn hub(&self, id: &str) -> Option<NodeIx> {
        self.by_hub.get(&identity::hub_key(id)).copied()
    }

    /// The Hub ids node `ix` holds.
    pub(crate) fn hub_ids(&self, ix: NodeIx) -> &[String] {
        self.hub_of.get(&ix).map_or(&[], Vec::as_slice)
    }

    /// Files node `ix` under its label, id and aliases for [`Index::lookup`]. Names are only
    /// ever added to a node while the index is in use, so filing them again is all a change
    /// needs.
    pub(crate) fn add_names(&mut self, n: &Node, ix: NodeIx) {
        let own = std::iter::once((n.label.as_str(), false))
            .chain(n.aliases.iter().map(|a| (a.as_str(), true)));
        for (name, alias) in own {
            let ixs = self.exact.entry(name.to_string()).or_default();
            if !ixs.contains(&(alias, ix)) {
                ixs.push((alias, ix));
            }
        }
        let all = [n.label.as_str(), n.id.as_str()]
            .into_iter()
            .chain(n.aliases.iter().map(String::as_str));
        for key in all.map(name_key) {
            let ixs = self.plain.entry(key).or_default();
            if !ixs.contains(&ix) {
                ixs.push(ix);
            }
        }
    }

    /// The node `name` stands for, of `kind` where given, by the first way that finds any: its
    /// id, its label, an alias, then the [`name_key`] of any of these; `Err` with the nodes
    /// found where that way finds several (none where no way finds any). The exact lookup of
    /// the list builder, over the names filed by [`Index::add_names`].
    pub(crate) fn lookup(
        &self,
        g: &Graph,
        name: &str,
        kind: Option<NodeKind>,
    ) -> std::result::Result<NodeIx, Vec<NodeIx>> {
        let name = name.trim();
        let fits = |ix: &NodeIx| kind.is_none_or(|k| g.node(*ix).kind == k);
        if let Some(ix) = g.index_of(name).filter(fits) {
            return Ok(ix);
        }
        let exact = self.exact.get(name).map_or(&[][..], Vec::as_slice);
        let tiers = [
            exact
                .iter()
                .filter(|e| !e.0)
                .map(|e| e.1)
                .collect::<Vec<_>>(),
            exact.iter().filter(|e| e.0).map(|e| e.1).collect(),
            (self.plain.get(&name_key(name)).cloned()).unwrap_or_default(),
        ];
        for mut hits in tiers {
            hits.retain(fits);
            hits.sort_unstable();
            hits.dedup();
            match hits[..] {
                [] => continue,
                [one] => return Ok(one),
                _ => return Err(hits),
            }
        }
        Err(Vec::new())
    }

    /// Whether `words` (a [`words`] key) is the family of a model that is no stub.
    pub(crate) fn is_family(&self, g: &Graph, words: &str) -> bool {
        (self.by_words.get(words).into_iter().flatten()).any(|&ix| {
            let n = g.node(ix);
            n.kind == NodeKind::Model && n.known_attr(KnownAttr::Stub).is_none()
        })
    }

    /// The models and methods `name` stands for by [`identity_key`], first made first.
    pub(crate) fn same(&self, name: &str) -> Vec<NodeIx> {
        let mut ixs = (self.by_identity.get(&identity_key(name)))
            .cloned()
            .unwrap_or_default();
        ixs.sort_unstable();
        ixs
    }

    /// The node `name` stands for, of `kind` where given (a stub stands for any kind), or of
    /// any kind but an organization (what a dependency names); the first made where several do.
    pub(crate) fn find(&self, g: &Graph, name: &str, kind: Option<NodeKind>) -> Option<NodeIx> {
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

    /// [`Index::find`] for a name a record of `source` gives, with every homonym it may mean,
    /// the one it means first: among homonyms kept apart (nodes of one key), those that source
    /// names, as a record means its own source's entity (Ecosystem Graphs' `Zephyr`
    /// dependency is its own Zephyr, not an awesome list's), first made first; else the node
    /// [`Index::find`] gives.
    pub(crate) fn all_from(
        &self,
        g: &Graph,
        name: &str,
        kind: Option<NodeKind>,
        source: &str,
    ) -> Vec<NodeIx> {
        let Some(first) = self.find(g, name, kind) else {
            return Vec::new();
        };
        let own = |ix: NodeIx| (g.node(ix).evidence_records()).any(|e| e.source.as_str() == source);
        let first_kind = g.node(first).kind;
        let mut all: Vec<NodeIx> = (self.by_key.get(&name_key(name)).into_iter().flatten())
            .copied()
            .filter(|&ix| g.node(ix).kind == first_kind && own(ix))
            .collect();
        all.sort_unstable();
        all.dedup();
        if own(first) {
            all.retain(|&ix| ix != first);
            all.insert(0, first);
        }
        if all.is_empty() {
            all.push(first);
        }
        all
    }
}

/// The Hub ids that identify a model node: its curated `hub` ids, and its one model link where
/// that is a Hub model that names it, or dates the release its name numbers at one of its
/// sizes (a node linking several checkpoints holds none of them).
pub(crate) fn node_hub_ids(n: &Node) -> Vec<String> {
    let mut ids: Vec<String> = match n.known_attr(KnownAttr::Hub) {
        Some(AttrValue::Text(h)) => (h.split_whitespace())
            .filter(|id| id.contains('/'))
            .map(identity::hub_key)
            .collect(),
        _ => Vec::new(),
    };
    let names = std::iter::once(n.label.as_str()).chain(n.aliases.iter().map(String::as_str));
    if let Some(id) = names
        .into_iter()
        .find_map(|name| identity::hub_id_of(name, &n.sizes, &n.links))
    {
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ks: &[&str]) -> HashSet<String> {
        ks.iter().map(|k| (*k).to_string()).collect()
    }

    #[test]
    fn the_organization_test() {
        let f = &Facts::bundled();
        assert!(orgs_meet(f, &keys(&["meta"]), &keys(&["meta", "fair"])));
        assert!(orgs_meet(
            f,
            &keys(&["technologyinnovationinstitute"]),
            &keys(&["uaetechnologyinnovationinstitute"])
        ));
        assert!(!orgs_meet(f, &keys(&["deepmind"]), &keys(&["nus"])));
        assert!(
            !orgs_meet(f, &keys(&["ai"]), &keys(&["rekaai"])),
            "short keys"
        );
        // partners meet, each by any of its keys; they are not one organization
        assert!(orgs_meet(
            f,
            &keys(&["tsinghuauniversity", "tsinghua"]),
            &keys(&["zhipuai", "zhipu"])
        ));
        assert!(orgs_meet(f, &keys(&["thudm"]), &keys(&["zhipuai"])));
        assert!(!orgs_meet(
            f,
            &keys(&["tsinghuauniversity"]),
            &keys(&["deepmind"])
        ));
        // a key of two Chinese characters is short, however many bytes it takes: 北大 (Peking
        // University) is not inside 湖北大学 (Hubei University)
        assert!(!orgs_meet(f, &keys(&["北大"]), &keys(&["湖北大学"])));
    }

    #[test]
    fn a_dependency_means_the_homonym_its_own_source_names() {
        use crate::model::{Evidence, Name};
        let mut g = Graph::new();
        let mut index = Index::default();
        let mut add = |label: &str, id: &str, source: &str, aliases: &[&str]| {
            let src: Name = source.into();
            let ev = Evidence::at(&src, &src, 1);
            let mut n = Node::new(id, label, NodeKind::Model, ev);
            n.aliases = aliases.iter().map(|a| a.to_string()).collect();
            let ix = g.add_node(n).unwrap();
            index.add(g.node(ix), ix);
            ix
        };
        let listed = add("Zephyr", "zephyr", "list", &[]);
        let own = add(
            "Zephyr (zephyr-7b-alpha)",
            "zephyr-alpha",
            "ecosystem",
            &["Zephyr"],
        );
        assert_eq!(
            index.all_from(&g, "Zephyr", None, "ecosystem").first(),
            Some(&own)
        );
        assert_eq!(
            index.all_from(&g, "Zephyr", None, "list").first(),
            Some(&listed)
        );
        // a source that names neither gets the first, as `find` does
        assert_eq!(
            index.all_from(&g, "Zephyr", None, "epoch").first(),
            Some(&listed)
        );
    }

    #[test]
    fn names_resolve_by_identity_and_hub_id() {
        let mut index = Index::default();
        index.add_name("Mixtral-8x7B", NodeIx::new(0));
        index.add_name("Mistral 7B", NodeIx::new(1));
        index.add_hub("mistralai/mistral-7b-v0.1", NodeIx::new(1));
        assert_eq!(index.same("Mixtral 8x7B v0.1"), [NodeIx::new(0)]);
        assert!(index.same("Mistral 7B v0.2").is_empty());
        assert_eq!(index.hub("MistralAI/Mistral-7B-v0.1"), Some(NodeIx::new(1)));
        assert_eq!(index.hub_ids(NodeIx::new(1)), ["mistralai/mistral-7b-v0.1"]);
    }
}
