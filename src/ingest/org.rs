//! The one organization resolver every route uses (lists, curated files, Epoch AI, Ecosystem
//! Graphs, Hub dumps): a name, spelling or Hub/GitHub namespace stands for the organization the
//! fact table ([`Facts`]) names, and spellings that differ only in case, spacing, punctuation or
//! a corporate word (`NousResearch`, `Nous Research`; `Meta Platforms, Inc.`) are one
//! organization by rule, with no table entry.

use super::facts::{Facts, Organization, Term};
use crate::graph::{Graph, NodeIx};
use crate::model::{AttrValue, KnownAttr, Node, NodeKind, name_key};
use std::collections::HashMap;

/// Corporate forms that end an organization's name without telling it apart (`Meta
/// Platforms, Inc.`).
const CORPORATE_WORDS: &[&str] = &[
    "inc",
    "ltd",
    "llc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "limited",
    "plc",
    "ev",
    "sa",
    "ag",
    "nv",
    "bv",
    "spa",
    "pte",
];

/// The words a company's own lab or site adds to its name (`Reka AI`, `ServiceNow Research`,
/// `Upstage.ai`): like a corporate form, they do not tell two organizations apart.
const LAB_WORDS: &[&str] = &["ai", "research", "lab", "labs"];

/// Endings of a web site's name that make it its owner's name (`Upstage.ai`).
const SITE_ENDINGS: &[&str] = &[".ai", ".com", ".io", ".org"];

/// Whether `word` is a corporate form (`Inc.`, `e.V.`, `S.A.`, in any case, dots or none).
fn is_corporate(word: &str) -> bool {
    let w: String = word.chars().filter(|&c| c != '.').collect();
    CORPORATE_WORDS.contains(&w.trim().to_lowercase().as_str())
}

/// Whether `word` is a corporate form or a lab word.
fn is_suffix(word: &str) -> bool {
    is_corporate(word) || LAB_WORDS.contains(&word.to_lowercase().as_str())
}

/// `Upstage.ai` → `Upstage`: the name before a site ending, where there is one.
fn domain_owner(word: &str) -> Option<&str> {
    let lower = word.to_lowercase();
    let end = SITE_ENDINGS.iter().find(|e| lower.ends_with(*e))?;
    let owner = &word[..word.len() - end.len()];
    (name_key(owner).chars().count() >= 2).then_some(owner)
}

/// The organizations a source's comma-separated cell names (`MetaMind Inc,Stanford
/// University`), commas inside parentheses kept: a part that is a corporate form alone is the
/// end of the name before it (`Meta Platforms, Inc.` is one organization).
pub(crate) fn split_names(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in super::record::split_list(cell) {
        let corporate = is_corporate(&part);
        match out.last_mut() {
            Some(last) if corporate => {
                last.push_str(", ");
                last.push_str(&part);
            }
            _ => out.push(part),
        }
    }
    out
}

/// Words after which a suffix is part of the name (`Allen Institute for AI`, `Cohere for AI`).
const BINDING_WORDS: &[&str] = &["for", "of", "and", "&", "on", "in"];

/// Other spellings of an organization's name to know it by: either side of ` / ` (`Beijing
/// Academy of Artificial Intelligence / BAAI`), without a parenthesised part and the part
/// alone (`Carnegie Mellon University (CMU)`), and without each trailing corporate form or
/// lab word (`Meta Platforms, Inc.` → `Meta Platforms`; `LG AI Research` → `LG AI`, `LG`).
pub(crate) fn spellings(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((a, b)) = name.split_once(" / ") {
        out.extend([a.trim().to_string(), b.trim().to_string()]);
    }
    if let (Some(open), Some(close)) = (name.find('('), name.rfind(')'))
        && open < close
    {
        let without = format!("{} {}", &name[..open], &name[close + 1..]);
        out.push(without.split_whitespace().collect::<Vec<_>>().join(" "));
        if close + 1 == name.len() {
            out.push(name[open + 1..close].trim().to_string());
        }
    }
    let mut words: Vec<&str> = name
        .split([' ', ',', '-', '_'])
        .filter(|w| !w.is_empty())
        .collect();
    // a site's name is its owner's (`Upstage.ai`, `Shannon.AI`)
    if let Some(site) = words.last().and_then(|w| domain_owner(w)) {
        *words.last_mut().expect("a last word") = site;
        out.push(words.join(" "));
    }
    let mut kept = words.len();
    while kept > 1 {
        let before = words[kept - 2].to_lowercase();
        if !is_suffix(words[kept - 1]) || BINDING_WORDS.contains(&before.as_str()) {
            break;
        }
        kept -= 1;
        let shorter = words[..kept].join(" ");
        // two letters at least: `LG` is a name, `Z` of `Z.ai` is not
        if name_key(&shorter).chars().count() >= 2 {
            out.push(shorter);
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The organization of the fact table that `name` stands for, by the name itself or one of
/// its [`spellings`].
pub(crate) fn known<'f>(facts: &'f Facts, name: &str) -> Option<&'f Organization> {
    facts
        .organization(name)
        .or_else(|| spellings(name).iter().find_map(|s| facts.organization(s)))
        .or_else(|| by_every_word(facts, name))
}

/// The organization every word of `name` names by itself, where there are two words or more:
/// a spelling beside a namespace of one organization (`Tsinghua THUDM`). Words of two
/// organizations (`huggingface BigScience`) or a word of none name no one.
fn by_every_word<'f>(facts: &'f Facts, name: &str) -> Option<&'f Organization> {
    let mut words = name.split_whitespace();
    let first = facts.organization(words.next()?)?;
    let mut rest = words.peekable();
    rest.peek()?;
    rest.all(|w| {
        facts
            .organization(w)
            .is_some_and(|o| std::ptr::eq(o, first))
    })
    .then_some(first)
}

/// Words that end the Chinese name of a part of a university: a school, an institute, a lab, a
/// centre, a department, a team.
const PART_WORDS: &[&str] = &[
    "学院",
    "研究院",
    "研究所",
    "实验室",
    "中心",
    "系",
    "团队",
    "课题组",
    "小组",
];

/// The university of the fact table that the Chinese name of one of its parts opens
/// (`北京大学信息工程学院`, Peking University's School of Electronic and Computer Engineering;
/// `清华大学KEG实验室`): the name up to its first `大学` is a spelling of the university, and the
/// rest ends in a word for a part ([`PART_WORDS`]). Works on names and on their keys.
pub(crate) fn university_of<'f>(facts: &'f Facts, name: &str) -> Option<&'f Organization> {
    let name = name.trim();
    let at = name.find("大学")? + "大学".len();
    let (whole, rest) = name.split_at(at);
    let part = !rest.trim().is_empty() && PART_WORDS.iter().any(|w| rest.ends_with(w));
    part.then(|| facts.organization(whole)).flatten()
}

/// Whether the organizations `a` and `b` (names, spellings, namespaces or keys) meet in the
/// organization test though they are not one: the fact tables' partners and parts
/// ([`Facts::related`]), or a part of a university by its name ([`university_of`]) and that
/// university. Two parts of one university do not meet: they are different teams.
pub(crate) fn related(facts: &Facts, a: &str, b: &str) -> bool {
    let within = |part: &str, whole: &str| {
        university_of(facts, part).is_some_and(|u| {
            facts
                .organization(whole)
                .is_some_and(|w| std::ptr::eq(u, w))
        })
    };
    facts.related(a, b) || within(a, b) || within(b, a)
}

/// The name an organization node for `name` is shown by: the table's canonical name where it
/// knows the spelling, else the name as written.
pub(crate) fn label<'a>(facts: &'a Facts, name: &'a str) -> &'a str {
    known(facts, name).map_or(name.trim(), |o| o.name.as_str())
}

/// Takes the countries out of a source's organizations (`United Arab Emirates proposes Falcon`):
/// a country is where a model comes from, not who develops it. Returns them, joined by `, `,
/// where there are any.
pub(crate) fn take_countries(facts: &Facts, orgs: &mut Vec<String>) -> Option<String> {
    let (countries, kept): (Vec<String>, Vec<String>) = std::mem::take(orgs)
        .into_iter()
        .partition(|o| facts.term(o) == Some(Term::Country));
    *orgs = kept;
    (!countries.is_empty()).then(|| countries.join(", "))
}

/// The keys two spellings of one organization share: the canonical name's [`name_key`] where
/// the table knows the name, else the name's own key and those of its [`spellings`].
pub(crate) fn keys(facts: &Facts, name: &str) -> Vec<String> {
    if let Some(o) = known(facts, name) {
        // the canonical name and its shorter spellings (`Nous` of `Nous Research`)
        let mut keys = vec![name_key(&o.name)];
        keys.extend(spellings(&o.name).iter().map(|s| name_key(s)));
        keys.dedup();
        return keys;
    }
    let mut keys: Vec<String> = std::iter::once(name.to_string())
        .chain(spellings(name))
        .map(|s| name_key(&s))
        .filter(|k| !k.is_empty())
        .collect();
    if keys.is_empty() {
        keys.push(name.trim().to_string());
    }
    keys.dedup();
    keys
}

/// Every name an organization node goes by: its label, its aliases and its Hub namespaces.
fn names_of(n: &Node) -> impl Iterator<Item = &str> {
    let hub = match n.known_attr(KnownAttr::Hub) {
        Some(AttrValue::Text(h)) => Some(h.as_str()),
        _ => None,
    };
    std::iter::once(n.label.as_str())
        .chain(n.aliases.iter().map(String::as_str))
        .chain(hub.into_iter().flat_map(str::split_whitespace))
}

/// The organization nodes of a graph by their [`keys`]: where a route finds the node an
/// organization's name stands for.
#[derive(Debug, Default)]
pub(crate) struct Orgs {
    by_key: HashMap<String, NodeIx>,
}

impl Orgs {
    /// The organization nodes of `g`, the first made winning a key two of them share.
    pub(crate) fn of(g: &Graph, facts: &Facts) -> Orgs {
        let mut orgs = Orgs::default();
        for ix in g.node_indices() {
            if g.node(ix).kind == NodeKind::Organization {
                orgs.add(g.node(ix), ix, facts);
            }
        }
        orgs
    }

    /// Files organization node `ix` under the keys of each of its names.
    pub(crate) fn add(&mut self, n: &Node, ix: NodeIx, facts: &Facts) {
        for name in names_of(n) {
            for k in keys(facts, name) {
                self.by_key.entry(k).or_insert(ix);
            }
        }
    }

    /// The organization node `name` stands for, if the graph has one.
    pub(crate) fn find(&self, facts: &Facts, name: &str) -> Option<NodeIx> {
        keys(facts, name)
            .iter()
            .find_map(|k| self.by_key.get(k).copied())
    }
}

/// Notes on `n` (an organization node `name` was found to stand for) that `name` is one of its
/// spellings; whether it was new.
pub(crate) fn add_spelling(n: &mut Node, name: &str) -> bool {
    let name = name.trim();
    if n.label == name || n.aliases.iter().any(|a| a == name) {
        return false;
    }
    n.aliases.push(name.to_string());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_a_university_named_after_it_is_part_of_it() {
        let f = Facts::bundled();
        let of = |n: &str| university_of(&f, n).map(|o| o.name.as_str());
        assert_eq!(of("北京大学信息工程学院"), Some("Peking University"));
        assert_eq!(of("清华大学KEG实验室"), Some("Tsinghua University"));
        // by its key too, as the organization test compares them
        assert_eq!(
            of(&name_key("清华大学KEG实验室")),
            Some("Tsinghua University")
        );
        // the university itself, a name that goes on with no word for a part, an unknown one
        assert_eq!(of("北京大学"), None);
        assert_eq!(of("北京大学和华为"), None);
        assert_eq!(of("某某大学信息学院"), None);
        assert!(related(&f, "北京大学信息工程学院", "Peking University"));
        assert!(related(
            &f,
            "pekinguniversity",
            &name_key("北京大学信息工程学院")
        ));
        assert!(related(&f, "THUDM", "清华大学KEG实验室"));
        // a group the fact table puts in the university (ChatLaw's GitHub account)
        assert!(related(&f, "PKU-YuanGroup", "北京大学"));
        // two parts of one university are different teams; another university is no whole
        assert!(!related(&f, "北京大学信息工程学院", "北京大学化学学院"));
        assert!(!related(&f, "北京大学信息工程学院", "Tsinghua University"));
    }

    #[test]
    fn organizations_have_other_spellings() {
        let s = spellings("Carnegie Mellon University (CMU)");
        assert_eq!(s, ["Carnegie Mellon University", "CMU"]);
        assert_eq!(spellings("Meta Platforms, Inc."), ["Meta Platforms"]);
        assert_eq!(spellings("LG AI Research"), ["LG AI", "LG"]);
        assert_eq!(spellings("Upstage.ai"), ["Upstage"]);
        assert_eq!(spellings("LAION e.V."), ["LAION"]);
        assert_eq!(
            spellings("University of California (UC) Berkeley"),
            ["University of California Berkeley"]
        );
        assert!(spellings("Meta").is_empty());
        assert!(spellings("Allen Institute for AI").is_empty());
        assert!(spellings("Z.ai").is_empty(), "one letter is no name");
        let s = spellings("Beijing Academy of AI / BAAI");
        assert_eq!(s, ["Beijing Academy of AI", "BAAI"]);
    }

    #[test]
    fn a_spelling_beside_a_namespace_of_one_organization_is_it() {
        let facts = Facts::bundled();
        let label = |n: &str| label(&facts, n).to_string();
        // LLaMA-Cult-and-More's `- Tsinghua THUDM: GLM-130B, ChatGLM-6B`
        assert_eq!(label("Tsinghua THUDM"), "Tsinghua University");
        assert_eq!(label("huggingface BigScience"), "huggingface BigScience");
        assert_eq!(label("Stanford Alpaca"), "Stanford Alpaca");
    }

    #[test]
    fn the_names_ecosystem_graphs_and_the_lists_give_one_maker_are_one_organization() {
        // each pair split a model's makers in a merge of thirteen real inputs
        let facts = Facts::bundled();
        let label = |n: &str| label(&facts, n).to_string();
        for (spelling, name) in [
            ("AI21 Studio", "AI21 Labs"),
            ("Mosaic", "MosaicML"),
            ("TogetherCompute", "Together AI"),
            ("SkyworkAI", "Skywork AI"),
            ("BlinkDL", "RWKV"),
            ("ChatGLM", "Zhipu AI"),
        ] {
            assert_eq!(label(spelling), name, "{spelling}");
        }
        // Skywork is Kunlun's: a source that names either agrees
        assert!(
            facts.related("SkyworkAI", "Kunlun Inc."),
            "Skywork is part of Kunlun"
        );
    }

    #[test]
    fn a_corporate_form_after_a_comma_ends_the_name_before_it() {
        assert_eq!(
            split_names("Meta Platforms, Inc.,Stanford University"),
            ["Meta Platforms, Inc.", "Stanford University"]
        );
        assert_eq!(
            split_names("MetaMind Inc,Salesforce"),
            ["MetaMind Inc", "Salesforce"]
        );
        assert_eq!(split_names("Inc."), ["Inc."]);
    }

    #[test]
    fn case_spacing_and_corporate_words_are_one_key() {
        let f = Facts::default();
        let shares = |a: &str, b: &str| {
            let kb = keys(&f, b);
            keys(&f, a).iter().any(|k| kb.contains(k))
        };
        assert!(shares("NousResearch", "Nous Research"));
        assert!(shares("Stability AI", "stabilityai"));
        assert!(shares("Runway", "Runway AI"));
        assert!(shares("MIT-IBM Watson AI Lab", "MIT-IBM Watson Lab"));
        assert!(shares("Acme, Inc.", "ACME"));
        assert!(!shares("Cohere for AI", "Cohere"));
        assert!(!shares("Google", "Google DeepMind"));
    }

    #[test]
    fn the_table_names_namespaces_and_spellings_canonically() {
        let f = Facts::bundled();
        for n in [
            "facebookresearch",
            "meta-llama",
            "Meta Platforms, Inc.",
            "Meta",
        ] {
            assert_eq!(label(&f, n), "Meta AI", "{n}");
            assert_eq!(keys(&f, n), ["metaai", "meta"], "{n}");
        }
        assert_eq!(label(&f, "Qwen"), "Alibaba Cloud");
        assert_eq!(label(&f, "HuggingFaceH4"), "Hugging Face");
        assert_eq!(label(&f, "CohereForAI"), "Cohere for AI");
        assert_eq!(label(&f, "Some Lab"), "Some Lab");
        // a shorter spelling of a known organization finds it by rule
        let nous = keys(&f, "NousResearch");
        assert!(keys(&f, "Nous").iter().any(|k| nous.contains(k)));
    }

    #[test]
    fn no_organization_of_the_table_reaches_another_by_its_shorter_spellings() {
        let f = Facts::bundled();
        for o in f.organizations() {
            for s in spellings(&o.name) {
                let other = f.organization(&s).filter(|x| x.name != o.name);
                assert!(other.is_none(), "{} → {s} → {:?}", o.name, other);
            }
        }
    }
}
