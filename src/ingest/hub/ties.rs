//! The ties between a Hub dump and the curated graph: the Hub ids that stand for curated models
//! (by their `hub` values and the lists' model links) and the namespaces of curated
//! organizations.

use super::address::{HubAddress, model_id};
use super::keys::{Fingerprint, HashMap, fingerprint, hub_key};
use crate::graph::{Graph, NodeIx};
use crate::model::{AttrValue, Evidence, KnownAttr, LinkKind, NodeKind};

/// Hub ids and namespaces that the curated graph ties to its models and organizations.
pub(super) struct Ties {
    /// By the fingerprint of a Hub id's lookup key: the curated model, and why.
    pub(super) models: HashMap<Fingerprint, (NodeIx, Evidence)>,
    /// By a namespace's lookup key: the curated organization.
    pub(super) namespaces: HashMap<String, NodeIx>,
}

impl Ties {
    /// The ties the curated graph `g` makes: its `hub` values first (they are the deliberate
    /// ones), then its lists' model links.
    pub(super) fn of(g: &Graph) -> Ties {
        let mut t = Ties {
            models: HashMap::default(),
            namespaces: HashMap::default(),
        };
        let nodes = g.nodes_sorted();
        for &ix in &nodes {
            t.add_hub_values(g, ix);
        }
        for &ix in &nodes {
            t.add_links(g, ix);
        }
        t
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
                self.models
                    .entry(fingerprint(&hub_key(id)))
                    .or_insert((ix, ev));
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
                self.models
                    .entry(fingerprint(&hub_key(&id)))
                    .or_insert((ix, ev));
            } else if let Some(HubAddress::One(ns)) = HubAddress::parse(&l.url)
                && let Some(org) = g.first_organization(ix)
            {
                self.namespaces.entry(hub_key(ns)).or_insert(org);
            }
        }
    }
}
