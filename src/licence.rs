//! Licences along the lineage: the licence table (`data/facts/licences.toml`: each licence's
//! class and the other spellings sources use), one normalised licence per node (from its
//! `license` attribute, whichever source gave it), and the walk up a model's ancestry that lists
//! each ancestor's licence and finds the derived models whose licence is more permissive than an
//! ancestor's (a drift).

use crate::error::{Error, Result};
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::ingest::record::split_list;
use crate::model::{AttrValue, Evidence, KnownAttr, Relation};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::path::Path;

/// The bundled licence table.
const BUNDLED: &str = include_str!("../data/facts/licences.toml");

/// What a licence allows, from the least to the most restrictive (the order compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Class {
    /// Use, change and redistribute, commercial use included.
    Permissive,
    /// The same, but derivatives keep the licence.
    Copyleft,
    /// A model-specific licence with use restrictions (Llama, Gemma, OpenRAIL).
    CustomRestricted,
    /// Research or non-commercial use only.
    NonCommercial,
}

impl Class {
    /// The class as the table and every output write it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Class::Permissive => "permissive",
            Class::Copyleft => "copyleft",
            Class::CustomRestricted => "custom-restricted",
            Class::NonCommercial => "non-commercial",
        }
    }
}

/// One licence of the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Licence {
    /// The SPDX id where one exists, else the Hub's tag.
    pub(crate) id: String,
    pub(crate) class: Class,
    #[serde(default)]
    names: Vec<String>,
    /// Licences a derivative may carry although the class order would call it a drift.
    #[serde(default)]
    may_become: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    licence: Vec<Licence>,
}

/// The `[[licence]]` tables of a `--facts` file (its other tables are the fact module's).
#[derive(Deserialize)]
struct Extra {
    #[serde(default)]
    licence: Vec<Licence>,
}

/// The licence table, looked up by any spelling.
pub(crate) struct Licences {
    list: Vec<Licence>,
    by_key: HashMap<String, usize>,
}

/// A spelling's lookup key: lower case, without spaces, `-` or `_` (`Apache 2.0` is
/// `apache-2.0`). Dots stay: `llama3.1` is not `llama31`.
fn key(name: &str) -> String {
    (name.chars())
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The parts of a licence text that license the weights: the text split at its commas (outside
/// parentheses), each part's note in parentheses set aside; the parts whose note says they are the
/// weights' (`(model weights)`) where any does, else every part whose note does not say it is
/// another thing's (`(code)`, `(data)`).
fn weights_parts(text: &str) -> Vec<String> {
    let noted: Vec<(String, String)> = (split_list(text).into_iter())
        .map(
            |part| match part.strip_suffix(')').and_then(|p| p.split_once('(')) {
                Some((name, note)) => (name.trim().to_string(), note.to_lowercase()),
                None => (part, String::new()),
            },
        )
        .collect();
    let for_weights = |note: &str| note.contains("weight") || note.contains("model");
    let for_other = |note: &str| note.contains("code") || note.contains("data");
    let any_for_weights = noted.iter().any(|(_, note)| for_weights(note));
    (noted.into_iter())
        .filter(|(name, note)| {
            !name.is_empty()
                && if any_for_weights {
                    for_weights(note)
                } else {
                    !for_other(note)
                }
        })
        .map(|(name, _)| name)
        .collect()
}

impl Licences {
    /// The bundled table.
    pub(crate) fn bundled() -> Licences {
        let file: File = toml::from_str(BUNDLED).expect("data/facts/licences.toml is valid");
        let mut t = Licences {
            list: Vec::new(),
            by_key: HashMap::new(),
        };
        t.extend(file.licence);
        t
    }

    /// The bundled table extended by the `[[licence]]` tables of the fact files `extra`
    /// (`--facts`): a licence of an id the table has replaces it, names and all.
    pub(crate) fn load(extra: &[impl AsRef<Path>]) -> Result<Licences> {
        let mut t = Licences::bundled();
        for path in extra {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
            let file: Extra = toml::from_str(&text).map_err(|e| {
                let line = (e.span()).map(|s| text[..s.start].matches('\n').count() as u64 + 1);
                let name = path.display().to_string();
                Error::parse(&name, line, format!("not a licence table: {}", e.message()))
                    .with_help("expected [[licence]] tables with id, class, names, may_become")
            })?;
            t.extend(file.licence);
        }
        Ok(t)
    }

    /// Adds licences; one of an id already there takes its place.
    fn extend(&mut self, licences: Vec<Licence>) {
        for l in licences {
            let at = match self.list.iter().position(|o| o.id == l.id) {
                Some(at) => {
                    self.by_key.retain(|_, i| *i != at);
                    self.list[at] = l;
                    at
                }
                None => {
                    self.list.push(l);
                    self.list.len() - 1
                }
            };
            let l = &self.list[at];
            for name in std::iter::once(&l.id).chain(&l.names) {
                self.by_key.entry(key(name)).or_insert(at);
            }
        }
    }

    /// The licence a source's text names, if the table knows it: the whole text, else the one
    /// licence it gives the weights (`LLaMA License (model weights), GPLv3 (code)` is the
    /// LLaMA licence), a note in parentheses set aside (`Gemma (commercially-friendly ...)`).
    /// Several licences for the weights (`A, B`) name none.
    pub(crate) fn find(&self, text: &str) -> Option<&Licence> {
        let text = text.trim();
        if let Some(l) = self.exact(text) {
            return Some(l);
        }
        match weights_parts(text).as_slice() {
            [one] => self.exact(one),
            _ => None,
        }
    }

    /// The licence of one spelling.
    fn exact(&self, text: &str) -> Option<&Licence> {
        self.by_key.get(&key(text)).map(|&i| &self.list[i])
    }

    /// Whether a model under `derived` that derives from one under `ancestor` drifts: its
    /// licence is of a less restrictive class, or is another copyleft or custom licence than
    /// the ancestor's, which it may not become (`may_become`).
    pub(crate) fn drifts(&self, derived: &Licence, ancestor: &Licence) -> bool {
        if derived.id == ancestor.id || ancestor.may_become.contains(&derived.id) {
            return false;
        }
        derived.class < ancestor.class
            || (derived.class == ancestor.class
                && matches!(derived.class, Class::Copyleft | Class::CustomRestricted))
    }
}

/// A node's licence as its sources wrote it (its `license` attribute).
pub(crate) fn written(g: &Graph, ix: NodeIx) -> Option<String> {
    let v = g.node(ix).attrs.get("license")?.to_string();
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Sets the `license_class` attribute of every node whose licence the table knows, so every
/// export carries it beside the licence as written.
pub(crate) fn classify(g: &mut Graph, table: &Licences) {
    let classes: Vec<(NodeIx, Class)> = (g.node_indices())
        .filter_map(|ix| Some((ix, table.find(&written(g, ix)?)?.class)))
        .collect();
    for (ix, class) in classes {
        let v = AttrValue::Text(class.as_str().into());
        g.node_mut(ix).set_known_attr(KnownAttr::LicenseClass, v);
    }
}

/// One model of the ancestry, with its licence.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) node: NodeIx,
    /// Lineage steps from the model asked about.
    pub(crate) depth: usize,
    /// The licence as written, if any.
    pub(crate) written: Option<String>,
    /// The table's licence for it, if the table knows it.
    pub(crate) licence: Option<Licence>,
}

/// A derived model whose licence is more permissive than an ancestor's.
#[derive(Debug, Clone)]
pub(crate) struct Drift {
    pub(crate) derived: NodeIx,
    pub(crate) ancestor: NodeIx,
    /// The lineage edges from the derived model up to the ancestor.
    pub(crate) chain: Vec<EdgeIx>,
}

/// The licences of a model's whole ancestry and the drifts in it.
pub(crate) struct Report {
    /// The model itself first, then its ancestors, nearest first.
    pub(crate) lines: Vec<Line>,
    pub(crate) drifts: Vec<Drift>,
}

/// The lineage steps up from `ix` that a licence follows: each parent whose weights the model
/// inherits (a fine-tune, adapter, quantization, merge or derivative; not a successor, which is
/// a new model under its own licence), with the edge to it.
fn parents(g: &Graph, ix: NodeIx) -> impl Iterator<Item = (EdgeIx, NodeIx)> + '_ {
    (g.out_edges(ix)).filter(|&(e, _)| g.edge(e).relation.inherits_weights())
}

/// Every ancestor of `from` with the edge it was first reached by (breadth first, so along a
/// shortest chain), and its depth; `from` itself first.
fn walk(g: &Graph, from: NodeIx) -> Vec<(NodeIx, Option<EdgeIx>, usize)> {
    let mut seen: HashMap<NodeIx, usize> = HashMap::from([(from, 0)]);
    let mut out = vec![(from, None, 0)];
    let mut queue = VecDeque::from([from]);
    while let Some(ix) = queue.pop_front() {
        let depth = out[seen[&ix]].2 + 1;
        for (e, p) in parents(g, ix) {
            if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(p) {
                v.insert(out.len());
                out.push((p, Some(e), depth));
                queue.push_back(p);
            }
        }
    }
    out
}

/// The edges from `walked[0]` up to `walked[at]`, following the edges the walk reached them by.
fn chain(g: &Graph, walked: &[(NodeIx, Option<EdgeIx>, usize)], at: usize) -> Vec<EdgeIx> {
    let place: HashMap<NodeIx, usize> =
        (walked.iter().enumerate()).map(|(i, w)| (w.0, i)).collect();
    let mut edges = Vec::new();
    let mut i = at;
    while let Some(e) = walked[i].1 {
        edges.push(e);
        i = place[&g.endpoints(e).0];
    }
    edges.reverse();
    edges
}

/// The licences along the ancestry of `ix`, and every drift in it: for each model of the
/// ancestry with a known licence, its nearest ancestor of each licence it drifts from.
pub(crate) fn along(g: &Graph, ix: NodeIx, table: &Licences) -> Report {
    let licence_of = |n: NodeIx| written(g, n).and_then(|w| table.find(&w).cloned());
    let lines: Vec<Line> = (walk(g, ix).into_iter())
        .map(|(node, _, depth)| Line {
            node,
            depth,
            written: written(g, node),
            licence: licence_of(node),
        })
        .collect();
    let mut drifts = Vec::new();
    for line in &lines {
        let Some(own) = &line.licence else { continue };
        let walked = walk(g, line.node);
        let mut found: Vec<&str> = Vec::new();
        for (at, &(anc, _, _)) in walked.iter().enumerate().skip(1) {
            let Some(theirs) = lines.iter().find(|l| l.node == anc) else {
                continue;
            };
            let Some(theirs) = &theirs.licence else {
                continue;
            };
            if table.drifts(own, theirs) && !found.contains(&theirs.id.as_str()) {
                found.push(&theirs.id);
                drifts.push(Drift {
                    derived: line.node,
                    ancestor: anc,
                    chain: chain(g, &walked, at),
                });
            }
        }
    }
    Report { lines, drifts }
}

/// Every drift in the graph where it enters a lineage: a model with a known licence that drifts
/// from its nearest ancestor with a known licence along some chain (models of no known licence
/// between them are passed through), so a drift is told once, where the licence changed, and
/// not again for each descendant that keeps the changed licence. Sorted by derived model, then
/// ancestor.
pub(crate) fn drifts(g: &Graph, table: &Licences) -> Vec<Drift> {
    let licence_of = |n: NodeIx| written(g, n).and_then(|w| table.find(&w));
    let mut out = Vec::new();
    for ix in g.node_indices() {
        let Some(own) = licence_of(ix) else { continue };
        if parents(g, ix).next().is_none() {
            continue;
        }
        // breadth first up the lineage, stopping at each model of a known licence
        let mut walked: Vec<(NodeIx, Option<EdgeIx>, usize)> = vec![(ix, None, 0)];
        let mut seen: HashMap<NodeIx, usize> = HashMap::from([(ix, 0)]);
        let mut at = 0;
        while at < walked.len() {
            let (node, _, depth) = walked[at];
            let licensed = (at > 0).then(|| licence_of(node)).flatten();
            if let Some(theirs) = licensed {
                if table.drifts(own, theirs) {
                    out.push(Drift {
                        derived: ix,
                        ancestor: node,
                        chain: chain(g, &walked, at),
                    });
                }
            } else {
                for (e, p) in parents(g, node) {
                    if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(p) {
                        v.insert(walked.len());
                        walked.push((p, Some(e), depth + 1));
                    }
                }
            }
            at += 1;
        }
    }
    out
}

/// The evidence of a drift's chain, edge by edge: `(source, relation, target, evidence)`.
pub(crate) fn chain_evidence(
    g: &Graph,
    chain: &[EdgeIx],
) -> Vec<(NodeIx, Relation, NodeIx, Vec<Evidence>)> {
    (chain.iter())
        .map(|&e| {
            let (s, t) = g.endpoints(e);
            let edge = g.edge(e);
            (
                s,
                edge.relation,
                t,
                edge.evidence_records().cloned().collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_find_one_licence() {
        let t = Licences::bundled();
        assert_eq!(t.find("Apache 2.0").unwrap().id, "apache-2.0");
        assert_eq!(t.find("apache-2.0").unwrap().id, "apache-2.0");
        assert_eq!(t.find("Llama 2 Community License").unwrap().id, "llama2");
        assert_eq!(t.find("CC BY-NC 4.0").unwrap().class, Class::NonCommercial);
        assert!(t.find("other").is_none());
    }

    #[test]
    fn the_weights_licence_of_a_text_naming_several() {
        let t = Licences::bundled();
        let id = |text| t.find(text).map(|l| l.id.as_str());
        let llama = Some("llama-research");
        assert_eq!(id("LLaMa License (model weights), GPLv3 (code)"), llama);
        assert_eq!(id("GPLv3 (code), LLaMA License (weights)"), llama);
        assert_eq!(id("CC BY NC 4.0 (model weights)"), Some("cc-by-nc-4.0"));
        assert_eq!(id("none (model weights), BSD-3-Clause (code)"), None);
        assert_eq!(id("BSD-3-Clause (code)"), None);
        assert_eq!(
            id("Gemma (a licence given by Google DeepMind)"),
            Some("gemma")
        );
        // two licences for the weights name neither
        assert_eq!(
            id("Mistral Research License (MRL), Mistral Commercial License"),
            None
        );
    }

    #[test]
    fn no_spelling_names_two_bundled_licences() {
        let file: File = toml::from_str(BUNDLED).unwrap();
        let mut owner: HashMap<String, &str> = HashMap::new();
        for l in &file.licence {
            for name in std::iter::once(&l.id).chain(&l.names) {
                let first = *owner.entry(key(name)).or_insert(&l.id);
                assert_eq!(first, l.id, "{name} names two licences");
            }
        }
    }

    #[test]
    fn drift_is_a_more_permissive_or_another_custom_licence() {
        let t = Licences::bundled();
        let l = |id| t.find(id).unwrap();
        assert!(t.drifts(l("apache-2.0"), l("llama2")));
        assert!(t.drifts(l("mit"), l("cc-by-sa-4.0")));
        assert!(t.drifts(l("llama3"), l("llama2")));
        assert!(t.drifts(l("llama2"), l("cc-by-nc-4.0")));
        assert!(!t.drifts(l("cc-by-nc-4.0"), l("apache-2.0")));
        assert!(!t.drifts(l("llama2"), l("llama2")));
        assert!(!t.drifts(l("mit"), l("apache-2.0")));
        assert!(!t.drifts(l("openrail"), l("bigscience-bloom-rail-1.0")));
    }
}
