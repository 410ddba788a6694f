//! The one identity decision: whether what a list entry or a record says of itself (a
//! [`Claim`]) makes it a node already made (by the Hub id it is published under, by its name
//! within its organization, by another name, by its name with its organization) or a node of
//! its own, and which node its name stands for that it is kept apart from (a homonym). The list
//! builder and the record merge both place every entity here, over the one [`Index`], by the
//! rules of [`super::identity`] and the organization test of [`super::resolve`].

use super::facts::Facts;
use super::hub::address::model_id;
use super::org;
use super::resolve::{Index, namespaces, node_hub_ids, orgs_meet, share_address, words};
use crate::graph::{Graph, NodeIx};
use crate::model::{KnownAttr, Link, LinkKind, NodeKind, name_key};
use std::collections::{HashMap, HashSet};

/// What an entity says of who it is: all that [`Resolver::place`] reads.
pub(crate) struct Claim<'a> {
    pub name: &'a str,
    pub kind: NodeKind,
    /// Other names its source gives it beside its name (a list's `通义千问 (Qwen)`).
    pub aliases: &'a [String],
    /// Its organizations, as written.
    pub organizations: &'a [String],
    /// Those of its organizations that its source names, which may set it apart from a model
    /// of its name: not one read off a link (a Hub namespace, a GitHub owner), which joins but
    /// never sets apart.
    pub named: Vec<&'a str>,
    pub links: &'a [Link],
    /// The names of what it builds on, as its source gives them.
    pub builds_on: Vec<&'a str>,
    /// The Hub id that identifies it ([`super::identity::hub_id_of`]), where one does.
    pub hub: Option<String>,
}

/// How a claim was found to be a node already made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// By the Hub id it is published under, which the node holds.
    HubId,
    /// By its own name, as written or as the identity rules fold it, within its organization.
    Name,
    /// By another name: one its source gives it, or the alias table's.
    Alias(String),
    /// By its name with its organization or Hub namespace put before it or taken off it.
    Organization,
}

/// What [`Resolver::place`] decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placement {
    /// The claim is this node's entity.
    Is(NodeIx, Found),
    /// The claim is an entity of its own; `apart_from` is the node its own name stands for
    /// that it is not (another organization's model of that name, or another Hub id's).
    New { apart_from: Option<NodeIx> },
}

/// How a spelling of a claim's name was come by ([`Resolver::spellings`]), which says what it
/// takes to join a node by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// The claim's own name: the organization test decides.
    Own,
    /// Another name its source or the alias table gives it: joins whatever the organizations.
    Alias,
    /// The name with the claim's organization or Hub namespace put before it or taken off it:
    /// joins only a node of that organization.
    Organization,
}

/// What the claims placed on a node said of it: its organizations' keys (all, and those
/// named, which may set a homonym apart) and the families of the models it builds on.
#[derive(Default)]
struct Held {
    all: HashSet<String>,
    named: HashSet<String>,
    bases: HashSet<String>,
}

/// The organization keys of a node or claim: all of them, and those that were named.
struct Keys {
    all: HashSet<String>,
    named: HashSet<String>,
}

/// The one resolver: the index of names and Hub ids, and what the claims placed so far said.
pub(crate) struct Resolver<'f> {
    facts: &'f Facts,
    pub(crate) index: Index,
    held: HashMap<NodeIx, Held>,
}

impl<'f> Resolver<'f> {
    /// A resolver over `index`, with no claims placed yet.
    pub(crate) fn new(facts: &'f Facts, index: Index) -> Resolver<'f> {
        Resolver {
            facts,
            index,
            held: HashMap::new(),
        }
    }

    /// Which node a claim is, if any, by the identity rules in their order of strength: the
    /// node that holds its Hub id; else the first node one of its spellings stands for, its
    /// own name within its organization ([`Resolver::compatible`]), another name whatever the
    /// organizations, its name with its organization only that organization's model.
    pub(crate) fn place(&self, g: &Graph, c: &Claim) -> Placement {
        let hub = c.hub.as_deref();
        let held = hub
            .and_then(|h| self.index.hub(h))
            .filter(|&ix| fits(g, ix, c.kind));
        if let Some(ix) = held {
            return Placement::Is(ix, Found::HubId);
        }
        let says = self.claim_keys(c);
        let mut apart_from = None;
        for (name, by) in self.spellings(c) {
            for ix in self.index.same(&name) {
                if !fits(g, ix, c.kind) {
                    continue;
                }
                let found = match by {
                    Spelling::Alias => Some(Found::Alias(name.clone())),
                    Spelling::Own => {
                        (self.compatible_with(g, ix, c, &says, hub)).then_some(Found::Name)
                    }
                    Spelling::Organization => {
                        (self.of_its_organization(g, ix, c, &says)).then_some(Found::Organization)
                    }
                };
                if let Some(found) = found {
                    return Placement::Is(ix, found);
                }
                // only the claim's own name makes a homonym; another spelling only joins
                if by == Spelling::Own {
                    apart_from.get_or_insert(ix);
                }
            }
        }
        Placement::New { apart_from }
    }

    /// Files what a claim placed on node `ix` tells of the node's identity: its Hub id (where
    /// `hub`, the claim's own, is given and the node holds it), its organizations and what it
    /// builds on. The node's
    /// names are filed by [`Resolver::file`].
    pub(crate) fn claim(&mut self, g: &Graph, ix: NodeIx, c: &Claim, hub: Option<&str>) {
        // only an id the node holds: as the id filed for it before, or as its one model link or
        // `hub` value; so the index holds of each node the Hub ids its links show (Falcon, a
        // family, named again with `tiiuae/falcon-40b`, which it does not take, is not found by
        // that id when Falcon-40B is named)
        let held = |h: &&str| {
            self.index.hub(h) == Some(ix) || node_hub_ids(g.node(ix)).iter().any(|k| k == h)
        };
        if let Some(h) = hub.filter(held) {
            self.index.add_hub(h, ix);
        }
        let keys = self.claim_keys(c);
        let bases = self.claim_bases(g, c, hub);
        let held = self.held.entry(ix).or_default();
        held.all.extend(keys.all);
        held.named.extend(keys.named);
        held.bases.extend(bases);
    }

    /// Files node `ix` under its names and Hub ids, after it was made or given names.
    pub(crate) fn file(&mut self, g: &Graph, ix: NodeIx) {
        self.index.add(g.node(ix), ix);
    }

    /// The names a claim is looked up by, each with how it was come by: its own, those its
    /// source and the alias table give it, and its name with its organization or Hub
    /// namespace before it or taken off it (`LLM360 Amber`, `Amber`).
    fn spellings(&self, c: &Claim) -> Vec<(String, Spelling)> {
        let mut out = vec![(c.name.to_string(), Spelling::Own)];
        // its own name among them is no other name: the organization test decides it (one
        // name, two organizations' models: 盘古 of Huawei and of Recurrent AI)
        let table = self.facts.alias(c.name);
        let others = (c.aliases.iter()).chain(table.into_iter().flat_map(|a| a.names()));
        for a in others.filter(|a| a.trim() != c.name.trim()) {
            out.push((a.clone(), Spelling::Alias));
        }
        let namespace = (c.links.iter())
            .filter(|l| l.kind == LinkKind::Model)
            .find_map(|l| model_id(&l.url))
            .and_then(|id| id.split_once('/').map(|(ns, _)| ns.to_string()));
        for o in c.organizations.iter().chain(&namespace) {
            out.push((format!("{o} {}", c.name), Spelling::Organization));
            if let Some(rest) = (c.name.strip_prefix(o.as_str())).filter(|s| s.starts_with(' ')) {
                out.push((rest.trim().to_string(), Spelling::Organization));
            }
        }
        out
    }

    /// Whether nodes `a` and `b` pass the organization test: where both name organizations
    /// (not only by links), they meet.
    pub(crate) fn same_makers(&self, g: &Graph, a: NodeIx, b: NodeIx) -> bool {
        self.meet(&self.node_keys(g, a), &self.node_keys(g, b)) != Some(false)
    }

    /// Whether nodes `a` and `b` both name organizations (not only by links) and they meet.
    pub(crate) fn makers_meet(&self, g: &Graph, a: NodeIx, b: NodeIx) -> bool {
        self.meet(&self.node_keys(g, a), &self.node_keys(g, b)) == Some(true)
    }

    /// The organization test: whether two sets of keys meet, where both name organizations
    /// (none where either names none but by links).
    fn meet(&self, a: &Keys, b: &Keys) -> Option<bool> {
        (!a.named.is_empty() && !b.named.is_empty()).then(|| orgs_meet(self.facts, &a.all, &b.all))
    }

    /// Whether a claim whose name node `ix` goes by is that node's entity: where both name
    /// organizations (not only by links, which join but never set apart), they meet, or the
    /// two link one work (a repository, a paper: [`share_address`]); and no
    /// two Hub ids whose claims build on different families tell them apart.
    pub(crate) fn compatible(&self, g: &Graph, ix: NodeIx, c: &Claim, hub: Option<&str>) -> bool {
        self.compatible_with(g, ix, c, &self.claim_keys(c), hub)
    }

    /// [`Resolver::compatible`], with the claim's organization keys `says` computed once.
    fn compatible_with(
        &self,
        g: &Graph,
        ix: NodeIx,
        c: &Claim,
        says: &Keys,
        hub: Option<&str>,
    ) -> bool {
        // organizations read differently do not set apart two that link one work
        if self.meet(says, &self.node_keys(g, ix)) == Some(false)
            && !share_address(c.links, &g.node(ix).links)
        {
            return false;
        }
        let held = self.index.hub_ids(ix);
        let hub_differs = hub.is_some_and(|h| !held.is_empty() && !held.iter().any(|x| x == h));
        if !hub_differs {
            return true;
        }
        let (held_bases, says_bases) = (self.node_bases(g, ix), self.claim_bases(g, c, hub));
        held_bases.is_empty() || says_bases.is_empty() || !held_bases.is_disjoint(&says_bases)
    }

    /// Whether a claim, by its name with its organization put before it or taken off it, is
    /// node `ix`: only where the node is that organization's model. A node that names no
    /// organization is not joined so (SciPhi's `SciPhi Mistral` is not a list's `Mistral`).
    fn of_its_organization(&self, g: &Graph, ix: NodeIx, c: &Claim, says: &Keys) -> bool {
        let had = self.node_keys(g, ix);
        !had.all.is_empty()
            && orgs_meet(self.facts, &says.all, &had.all)
            && self.compatible_with(g, ix, c, says, c.hub.as_deref())
    }

    /// The organization keys of a claim ([`org::keys`]): those of all its organizations and
    /// its model links' Hub namespaces, and those of the organizations it names (but one
    /// named like the model).
    fn claim_keys(&self, c: &Claim) -> Keys {
        // an organization named like the model itself (Ecosystem Graphs' ChatGLM by `ChatGLM`)
        // says nothing of who made it
        let own = name_key(c.name);
        let named = (c.named.iter())
            .filter(|o| name_key(o) != own)
            .flat_map(|o| org::keys(self.facts, o))
            .collect();
        let all = (c.organizations.iter())
            .flat_map(|o| org::keys(self.facts, o))
            .chain(namespaces(c.links))
            .collect();
        Keys { all, named }
    }

    /// The organization keys of node `ix`: those of its `developed_by` organizations' names
    /// and of the claims placed on it, and its model links' Hub namespaces. Named are those the
    /// claims named, and its organizations but those that are its own Hub namespaces (a list's
    /// row whose organization its `huggingface.co/BlinkDL` link gave).
    fn node_keys(&self, g: &Graph, ix: NodeIx) -> Keys {
        let held = self.held.get(&ix);
        let spaces: HashSet<String> = namespaces(&g.node(ix).links).collect();
        let mut organizations = HashSet::new();
        for o in g.organizations_of(ix) {
            let n = g.node(o);
            let names =
                std::iter::once(n.label.as_str()).chain(n.aliases.iter().map(String::as_str));
            for name in names {
                organizations.extend(org::keys(self.facts, name));
            }
        }
        let mut named: HashSet<String> = held.map(|h| h.named.clone()).unwrap_or_default();
        named.extend(
            organizations
                .iter()
                .filter(|k| !spaces.contains(*k))
                .cloned(),
        );
        // what a claim named is among what it gave (`claim_keys`)
        let mut all = organizations;
        all.extend(held.into_iter().flat_map(|h| h.all.iter().cloned()));
        all.extend(spaces);
        Keys { all, named }
    }

    /// The families of the models node `ix` builds on, as [`words`] keys: its lineage
    /// parents, those the claims placed on it name, and those its Hub ids name
    /// ([`Resolver::named_in_hub_id`]).
    fn node_bases(&self, g: &Graph, ix: NodeIx) -> HashSet<String> {
        let parents = g.lineage_out(ix).map(|(_, t)| words(&g.node(t).label));
        let mut bases: HashSet<String> = parents.collect();
        bases.extend(
            self.held
                .get(&ix)
                .into_iter()
                .flat_map(|h| h.bases.iter().cloned()),
        );
        let own = words(&g.node(ix).label);
        for id in self.index.hub_ids(ix) {
            bases.extend(self.named_in_hub_id(g, id, &own));
        }
        bases.remove(&own);
        bases
    }

    /// The families of the models a claim builds on, as [`words`] keys: what it builds on that
    /// names a model's family, and those its Hub id names.
    fn claim_bases(&self, g: &Graph, c: &Claim, hub: Option<&str>) -> HashSet<String> {
        let mut bases: HashSet<String> = (c.builds_on.iter())
            .map(|d| words(d))
            .filter(|w| self.index.is_family(g, w))
            .collect();
        let own = words(c.name);
        bases.extend(
            hub.into_iter()
                .flat_map(|h| self.named_in_hub_id(g, h, &own)),
        );
        bases.remove(&own);
        bases
    }

    /// The model families a Hub id names beside the model itself: the words of its
    /// repository's name that are no part of `own` and name a model's family
    /// (`zephyr-7b-gemma-v0.1` names Gemma).
    fn named_in_hub_id(&self, g: &Graph, id: &str, own: &str) -> Vec<String> {
        let repo = id.split_once('/').map_or(id, |p| p.1);
        (repo.split(['-', '_']))
            .map(words)
            .filter(|w| w.len() > 2 && !own.contains(w.as_str()))
            .filter(|w| self.index.is_family(g, w))
            .collect()
    }
}

/// Whether node `ix` may stand for an entity of `kind`: of that kind, or a stub.
pub(crate) fn fits(g: &Graph, ix: NodeIx, kind: NodeKind) -> bool {
    let n = g.node(ix);
    n.kind == kind || n.known_attr(KnownAttr::Stub).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Name, Node};

    /// A claim of `name` by `orgs` (all named), linking `links`.
    fn claim<'a>(name: &'a str, orgs: &'a [String], links: &'a [Link]) -> Claim<'a> {
        Claim {
            name,
            kind: NodeKind::Model,
            aliases: &[],
            organizations: orgs,
            named: orgs.iter().map(String::as_str).collect(),
            links,
            builds_on: Vec::new(),
            hub: crate::ingest::identity::hub_id_of(name, &[], links),
        }
    }

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    fn hub(id: &str) -> Vec<Link> {
        vec![Link {
            kind: LinkKind::Model,
            url: format!("https://huggingface.co/{id}"),
        }]
    }

    /// Places a claim as the builders do: on the node it is, or on a new node of its name.
    fn add(g: &mut Graph, r: &mut Resolver, c: &Claim) -> NodeIx {
        let ix = match r.place(g, c) {
            Placement::Is(ix, _) => ix,
            Placement::New { .. } => {
                let src: Name = "test".into();
                let mut n = Node::new(
                    crate::model::slug(c.name),
                    c.name,
                    c.kind,
                    Evidence::at(&src, &src, 1),
                );
                n.links = c.links.iter().cloned().collect();
                let ix = g.add_node(n).unwrap();
                r.file(g, ix);
                ix
            }
        };
        r.claim(g, ix, c, c.hub.as_deref());
        ix
    }

    #[test]
    fn identity_is_decided_by_hub_id_then_name_within_organization() {
        let facts = Facts::bundled();
        let (mut g, mut r) = (Graph::new(), Resolver::new(&facts, Index::default()));
        let (meta, nus) = (strings(&["Meta AI"]), strings(&["NUS"]));
        let phi = hub("microsoft/phi-2");
        let first = add(&mut g, &mut r, &claim("Phi-2", &[], &phi));
        // another name, the same Hub model
        assert_eq!(
            r.place(&g, &claim("Phi2-2.7B", &[], &phi)),
            Placement::Is(first, Found::HubId)
        );
        let goat = add(&mut g, &mut r, &claim("GOAT", &meta, &[]));
        // one name: the same model where the organizations meet or one names none, another
        // model (apart from the first) where they do not
        assert_eq!(
            r.place(&g, &claim("goat", &strings(&["Meta"]), &[])),
            Placement::Is(goat, Found::Name)
        );
        assert_eq!(
            r.place(&g, &claim("GOAT", &[], &[])),
            Placement::Is(goat, Found::Name)
        );
        assert_eq!(
            r.place(&g, &claim("GOAT", &nus, &[])),
            Placement::New {
                apart_from: Some(goat)
            }
        );
        // an organization named like the model says nothing of who made it
        assert_eq!(
            r.place(&g, &claim("GOAT", &strings(&["Goat"]), &[])),
            Placement::Is(goat, Found::Name)
        );
    }

    #[test]
    fn an_organization_that_is_the_nodes_own_hub_namespace_sets_nothing_apart() {
        use crate::model::{Edge, Relation};
        let facts = Facts::bundled();
        let (mut g, mut r) = (Graph::new(), Resolver::new(&facts, Index::default()));
        // a list's row whose organization its `huggingface.co/BlinkDL` link gave
        let links = [Link {
            kind: LinkKind::Model,
            url: "https://huggingface.co/BlinkDL".into(),
        }];
        let rwkv = add(&mut g, &mut r, &claim("RWKV-4-Pile", &[], &links));
        let src: Name = "test".into();
        let ev = Evidence::at(&src, &src, 1);
        let blinkdl = Node::new("blinkdl", "BlinkDL", NodeKind::Organization, ev.clone());
        let blinkdl = g.add_node(blinkdl).unwrap();
        g.add_edge(rwkv, blinkdl, Edge::new(Relation::DevelopedBy, ev));
        assert_eq!(
            r.place(&g, &claim("RWKV 4 Pile", &strings(&["RWKV"]), &[])),
            Placement::Is(rwkv, Found::Name)
        );
        // an organization named otherwise does
        let goat = add(&mut g, &mut r, &claim("GOAT", &strings(&["DeepMind"]), &[]));
        assert_eq!(
            r.place(&g, &claim("GOAT", &strings(&["NUS"]), &[])),
            Placement::New {
                apart_from: Some(goat)
            }
        );
    }

    #[test]
    fn other_names_join_by_the_alias_table_and_the_organization() {
        let facts = Facts::bundled();
        let (mut g, mut r) = (Graph::new(), Resolver::new(&facts, Index::default()));
        let alibaba = strings(&["Alibaba Cloud"]);
        let qwen = add(&mut g, &mut r, &claim("Qwen", &alibaba, &[]));
        // the alias table's other name, whatever the organizations
        let other = strings(&["Someone Else"]);
        assert_eq!(
            r.place(&g, &claim("通义千问", &other, &[])),
            Placement::Is(qwen, Found::Alias("Qwen".into()))
        );
        let llm360 = strings(&["LLM360"]);
        let amber = add(&mut g, &mut r, &claim("Amber", &llm360, &[]));
        assert_eq!(
            r.place(&g, &claim("LLM360 Amber", &llm360, &[])),
            Placement::Is(amber, Found::Organization)
        );
        // a name with its organization taken off joins only that organization's model
        let mistral = add(&mut g, &mut r, &claim("Mistral", &[], &[]));
        let sciphi = strings(&["SciPhi"]);
        let placed = r.place(&g, &claim("SciPhi Mistral", &sciphi, &[]));
        assert_eq!(placed, Placement::New { apart_from: None });
        assert_ne!(placed, Placement::Is(mistral, Found::Organization));
    }
}
