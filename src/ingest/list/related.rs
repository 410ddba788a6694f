//! Links to related resources inside a list: a bullet that is only a link to another awesome
//! list, a guide, a survey or a timeline (`- [Awesome-LLM](https://github.com/Hannibal046/
//! Awesome-LLM)`) points the reader elsewhere and is no model, and so is every item of a list
//! made of such bare links when most of them name collections (`- [Open-LLMs](…)` beside
//! `- [LLMsPracticalGuide](…)`).

use super::markdown::Bullet;

/// Words of a link's name that make it a collection of resources rather than a model: the
/// kinds of page that gather other work, and `LLMs` (a model's name is singular; `Phi-3
/// models` names checkpoints of one model, so `models` is not such a word).
const COLLECTION_WORDS: &[&str] = &[
    "awesome",
    "guide",
    "guides",
    "timeline",
    "timelines",
    "survey",
    "surveys",
    "list",
    "lists",
    "resources",
    "reading",
    "readings",
    "tutorial",
    "tutorials",
    "roadmap",
    "collection",
    "collections",
    "catalog",
    "catalogue",
    "papers",
    "llms",
];

/// The words of a name: split at spaces, punctuation and lower-to-upper case changes
/// (`LLMsPracticalGuide` → `llms`, `practical`, `guide`), in lower case.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if (!c.is_alphanumeric() || (c.is_uppercase() && prev_lower)) && !word.is_empty() {
            out.push(std::mem::take(&mut word).to_lowercase());
        }
        if c.is_alphanumeric() {
            word.push(c);
        }
        prev_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        out.push(word.to_lowercase());
    }
    out
}

/// Whether a name names a collection of resources (a word of [`COLLECTION_WORDS`]).
pub(crate) fn names_collection(name: &str) -> bool {
    words(name)
        .iter()
        .any(|w| COLLECTION_WORDS.contains(&w.as_str()))
}

/// The text of a bullet that is one link and nothing else.
fn bare_link(b: &Bullet) -> Option<&str> {
    let text = b.text.trim();
    let start = b.text.len() - b.text.trim_start().len();
    let [l] = b.links.as_slice() else { return None };
    (!l.badge && l.range.start == start && l.range.end == start + text.len()).then_some(text)
}

/// For each bullet, whether it links to a related resource: a bare link whose name names a
/// collection, or any item of a list of bare links at least half of which do; the bullets
/// nested under such an item go with it.
pub(crate) fn resource_bullets(bullets: &[Bullet]) -> Vec<bool> {
    // list → (bare links naming collections, bare links, items)
    let mut lists: std::collections::BTreeMap<usize, (usize, usize, usize)> = Default::default();
    for b in bullets {
        let c = lists.entry(b.list).or_default();
        if let Some(t) = bare_link(b) {
            c.0 += usize::from(names_collection(t));
            c.1 += 1;
        }
        c.2 += 1;
    }
    let see_also = |list: usize| {
        lists
            .get(&list)
            .is_some_and(|&(named, bare, all)| bare == all && named > 0 && named * 2 >= bare)
    };
    let mut out = vec![false; bullets.len()];
    let mut under: Option<usize> = None;
    for (i, b) in bullets.iter().enumerate() {
        if under.is_some_and(|d| b.depth <= d) {
            under = None;
        }
        let resource = see_also(b.list) || bare_link(b).is_some_and(names_collection);
        if under.is_none() && resource {
            under = Some(b.depth);
        }
        out[i] = under.is_some();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_collections() {
        assert_eq!(words("LLMsPracticalGuide"), ["llms", "practical", "guide"]);
        assert_eq!(
            words("GenAI_LLM_timeline"),
            ["gen", "ai", "llm", "timeline"]
        );
        assert!(names_collection("Awesome-LLM"));
        assert!(names_collection("Open-LLMs"));
        assert!(names_collection("LLMsPracticalGuide"));
        // a model's name is no collection, even with "LLM" or a plural-looking word in it
        assert!(!names_collection("Open-LLaMA"));
        assert!(!names_collection("LLaMA-Adapter"));
        assert!(!names_collection("OpenLLM"));
        assert!(!names_collection("Falcon-40B"));
        assert!(!names_collection("Phi-3 models"));
    }
}
