//! Where sources disagree or may name one entity twice: a model given different parents by two
//! sources (neither parent an ancestor of the other), and nodes of different sources whose names
//! differ by a letter or two, kept apart because the match is likely but not certain.

use crate::error::{Code, Diagnostic, Severity};
use crate::graph::{Graph, NodeIx};
use crate::model::{Evidence, Name, NodeKind, name_key};
use std::collections::{BTreeMap, HashSet};

/// How alike two names' keys must be (normalised Damerau-Levenshtein) to be a likely pair.
const LIKELY_SAME: f64 = 0.85;
/// Names shorter than this (as keys) are too short to compare by spelling.
const SHORTEST_COMPARED: usize = 5;

/// Models whose parents differ by source.
pub(super) fn parents(g: &Graph, out: &mut Vec<Diagnostic>) {
    for ix in g.node_indices() {
        let by_source = parents_by_source(g, ix);
        if by_source.len() < 2 {
            continue;
        }
        let sources: Vec<&Name> = by_source.keys().collect();
        for (i, a) in sources.iter().enumerate() {
            for b in &sources[i + 1..] {
                if let Some(d) =
                    parent_disagreement(g, ix, (a, &by_source[*a]), (b, &by_source[*b]))
                {
                    out.push(d);
                }
            }
        }
    }
}

/// A node's lineage parents, by each source that asserts a link to them, with its evidence.
fn parents_by_source(g: &Graph, ix: NodeIx) -> BTreeMap<Name, Vec<(NodeIx, &Evidence)>> {
    let mut by: BTreeMap<Name, Vec<(NodeIx, &Evidence)>> = BTreeMap::new();
    for (e, t) in g.lineage_out(ix) {
        for ev in g.edge(e).evidence_records() {
            let list = by.entry(ev.source).or_default();
            if !list.iter().any(|(p, _)| *p == t) {
                list.push((t, ev));
            }
        }
    }
    by
}

/// The first pair of parents, one that only `a` gives and one that only `b` gives, neither an
/// ancestor of the other.
fn parent_disagreement(
    g: &Graph,
    ix: NodeIx,
    (a, pa): (&Name, &[(NodeIx, &Evidence)]),
    (b, pb): (&Name, &[(NodeIx, &Evidence)]),
) -> Option<Diagnostic> {
    let only = |x: &[(NodeIx, &Evidence)], y: &[(NodeIx, &Evidence)]| -> Vec<(NodeIx, Evidence)> {
        x.iter()
            .filter(|(p, _)| !y.iter().any(|(q, _)| q == p))
            .map(|&(p, ev)| (p, ev.clone()))
            .collect()
    };
    let (oa, ob) = (only(pa, pb), only(pb, pa));
    let (p, pev, q, qev) = oa.iter().find_map(|(p, pev)| {
        ob.iter()
            .find(|(q, _)| !descends(g, *p, *q) && !descends(g, *q, *p))
            .map(|(q, qev)| (*p, pev.clone(), *q, qev.clone()))
    })?;
    let label = |i: NodeIx| g.node(i).label.as_str();
    Some(
        Diagnostic::new(
            Severity::Warning,
            Code::ParentDisagrees,
            qev.location(),
            format!(
                "{}: {a} says it derives from {} ({}), {b} says from {} ({}), and neither derives from the other",
                label(ix),
                label(p),
                pev.summary(),
                label(q),
                qev.summary()
            ),
        )
        .help("check both sources; a curated [[fact]] settles the parent"),
    )
}

/// Whether `from` derives from `to` through lineage edges.
fn descends(g: &Graph, from: NodeIx, to: NodeIx) -> bool {
    let mut seen = HashSet::from([from]);
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        for (_, t) in g.lineage_out(n) {
            if t == to {
                return true;
            }
            if seen.insert(t) {
                stack.push(t);
            }
        }
    }
    false
}

/// Nodes of one kind from different sources whose names are spelled almost alike (the same
/// version numbers, a letter or two apart) and that no edge links: likely one entity, kept
/// apart. Nodes that only a Hub dump names are left out: their ids are exact.
pub(super) fn likely_pairs(g: &Graph, out: &mut Vec<Diagnostic>) {
    let mut blocks: BTreeMap<(NodeKind, String), Vec<(NodeIx, String)>> = BTreeMap::new();
    for ix in g.nodes_sorted() {
        let n = g.node(ix);
        if n.also.is_empty() && n.origin.source.as_str() == "hf" {
            continue;
        }
        let key = name_key(&n.label);
        if key.chars().count() < SHORTEST_COMPARED {
            continue;
        }
        let head: String = key.chars().take(3).collect();
        blocks.entry((n.kind, head)).or_default().push((ix, key));
    }
    for block in blocks.values() {
        for (i, (a, ka)) in block.iter().enumerate() {
            for (b, kb) in &block[i + 1..] {
                if is_likely_pair(g, (*a, ka), (*b, kb)) {
                    out.push(likely_pair(g, *a, *b));
                }
            }
        }
    }
}

fn is_likely_pair(g: &Graph, (a, ka): (NodeIx, &str), (b, kb): (NodeIx, &str)) -> bool {
    let digits = |k: &str| k.chars().filter(char::is_ascii_digit).collect::<String>();
    if ka == kb || digits(ka) != digits(kb) {
        return false;
    }
    let (sa, sb) = (g.node(a).sources(), g.node(b).sources());
    if sa.iter().any(|s| sb.contains(s)) {
        return false;
    }
    let linked = g.out_edges(a).any(|(_, t)| t == b) || g.out_edges(b).any(|(_, t)| t == a);
    !linked && strsim::normalized_damerau_levenshtein(ka, kb) >= LIKELY_SAME
}

fn likely_pair(g: &Graph, a: NodeIx, b: NodeIx) -> Diagnostic {
    let (na, nb) = (g.node(a), g.node(b));
    Diagnostic::new(
        Severity::Info,
        Code::LikelySame,
        nb.origin.location(),
        format!(
            "\"{}\" ({}, {}) and \"{}\" ({}, {}) may be the same {}: kept apart",
            na.label,
            na.sources()
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            na.origin.summary(),
            nb.label,
            nb.sources()
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            nb.origin.summary(),
            na.kind
        ),
    )
    .help(format!(
        "if they are, add \"{}\" to the aliases of \"{}\" in a curated file (data/curated.toml)",
        nb.label, na.label
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::merge;
    use crate::ingest::record::{Dependency, Record};
    use crate::model::Relation;

    fn record(source: &str, name: &str, line: u32, parent: Option<&str>) -> Record {
        let ev = Evidence::at(&Name::new(source), &Name::new(source), line);
        let mut r = Record::new(name, NodeKind::Model, ev);
        r.depends_on.extend(parent.map(|p| Dependency {
            name: p.into(),
            relation: Some(Relation::FineTunedFrom),
        }));
        r
    }

    fn findings(records: &[Record]) -> Vec<Diagnostic> {
        let mut g = Graph::new();
        merge::add(&mut g, records, &crate::ingest::facts::Facts::bundled());
        let mut out = Vec::new();
        parents(&g, &mut out);
        likely_pairs(&g, &mut out);
        out
    }

    #[test]
    fn parents_that_differ_by_source_are_a_finding_unless_one_derives_from_the_other() {
        let base = [
            record("epoch", "Mistral", 1, None),
            record("epoch", "Llama", 2, None),
            record("epoch", "Llama 2", 3, Some("Llama")),
        ];
        let mut disagree = base.to_vec();
        disagree.push(record("epoch", "Zephyr", 4, Some("Mistral")));
        disagree.push(record("ecosystem", "Zephyr", 5, Some("Llama 2")));
        let found = findings(&disagree);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::ParentDisagrees);
        assert!(found[0].message.contains("epoch:4") && found[0].message.contains("ecosystem:5"));
        let mut nested = base.to_vec();
        nested.push(record("epoch", "Vicuna", 4, Some("Llama")));
        nested.push(record("ecosystem", "Vicuna", 5, Some("Llama 2")));
        assert!(findings(&nested).is_empty(), "Llama 2 derives from Llama");
    }

    #[test]
    fn names_a_letter_apart_from_different_sources_are_a_likely_pair() {
        let found = findings(&[
            record("epoch", "Baichuan", 1, None),
            record("ecosystem", "Baichuann", 3, None),
            record("ecosystem", "Falcon 7", 4, None),
            record("epoch", "Falcon 8", 5, None),
        ]);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::LikelySame], "{found:?}");
        assert!(
            found[0].message.contains("\"Baichuan\"") && found[0].message.contains("Baichuann")
        );
    }
}
