//! Lists grouped by organization in their bullets: `- OpenAI` over `- 2018/06, GPT-1 (117m)`
//! lines, or `- Meta: OPT, Galactica, LLaMA`. The parent is the organization of the models it
//! lists, never a model itself.

use super::entry::{ListEntry, Place};
use super::markdown::{self, Bullet};
use crate::ingest::value::date;
use crate::model::{Date, Link};
use regex::Regex;
use std::sync::LazyLock;

/// A child line after its leading date: a model name (up to four words, each after the first
/// capitalised or a number; a hyphenated word may join variants of its last part with
/// slashes, `MPT-7B-Instruct/Chat`, where `Berkeley/OpenLLaMA` is no name),
/// an optional size in parentheses, then nothing, `:`, `(` or `,`.
static CHILD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>(?:[A-Za-z][\w.]*-[\w.\-]*(?:/[A-Za-z][\w.\-]*)+|[A-Za-z][\w.\-]*)(?:\s[A-Z0-9][\w.\-]*){0,3})\s*(?:\(\s*(?P<size>\d+(?:\.\d+)?)\s*(?P<unit>[bBmM])\s*\))?\s*(?:$|[:(,])",
    )
    .expect("valid regex")
});

/// One model a parent lists.
struct Child {
    name: String,
    released: Option<Date>,
    sizes: Vec<String>,
}

/// Words a news line puts before the name it announces (`2023/02/06, Introducing Bard`).
const ANNOUNCING: &[&str] = &["Introducing", "Announcing", "Releasing", "Meet"];

/// A child line without the announcing word it opens with: `Introducing Bard` → `Bard`.
fn unannounced(text: &str) -> &str {
    ANNOUNCING
        .iter()
        .find_map(|w| text.strip_prefix(w)?.strip_prefix(' '))
        .map_or(text, str::trim_start)
}

/// Whether a name reads as a model's: a digit, an inner capital or a hyphen, or several words.
fn model_like(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_digit())
        || name.chars().skip(1).any(char::is_uppercase)
        || name.contains('-')
        || name.contains(' ')
}

fn child(text: &str, need_model_like: bool) -> Option<Child> {
    let text = text.trim();
    // a leading date ("2018/06, GPT-1"), else a date anywhere ("Claude-v1: 2023/03, ...")
    let (leading, at) = date::opening(text).unwrap_or((None, 0));
    let rest = unannounced(&text[at..]);
    let announced = rest.len() < text[at..].len();
    let c = CHILD.captures(rest)?;
    let name = c["name"].trim().to_string();
    // an announced name is a name, even a plain word (`Introducing Bard`)
    if need_model_like && !announced && !model_like(&name) && c.name("size").is_none() {
        return None;
    }
    let released = match at {
        0 => date::written(text).and_then(date::ParsedDate::date),
        _ => leading,
    };
    let sizes = c
        .name("size")
        .map(|s| crate::ingest::value::size::of_number(s.as_str(), &c["unit"]))
        .into_iter()
        .collect();
    Some(Child {
        name,
        released,
        sizes,
    })
}

/// The models a parent bullet lists, with the parent as their organization: its sub-bullets
/// when most of them are model lines (at least two, or one that opens with a date and a linked
/// name), or the names after its colon. None when
/// the bullet is an entry of its own (it has links, or its sub-bullets are prose).
pub(crate) fn children(
    head: &Bullet,
    name: &str,
    tagline: Option<&str>,
    parts: &[&Bullet],
) -> Option<Vec<ListEntry>> {
    if head.links.iter().any(|l| !l.badge) || name.split_whitespace().count() > 4 {
        return None;
    }
    let lines: Vec<(u32, String, Vec<Link>)> = match tagline {
        Some(t) if parts.is_empty() => t
            .split(", ")
            .map(|p| (head.line, p.to_string(), Vec::new()))
            .collect(),
        None if parts.len() >= 2 || lone_linked_child(parts) => parts
            .iter()
            .map(|p| (p.line, markdown::fold(&p.text), links(p)))
            .collect(),
        _ => return None,
    };
    let found: Vec<(Child, u32, String, Vec<Link>)> = lines
        .into_iter()
        .filter_map(|(line, text, links)| {
            child(&text, tagline.is_none()).map(|c| (c, line, text, links))
        })
        .collect();
    let enough = (found.len() >= 2 && found.len() * 2 >= parts.len().max(1))
        || (found.len() == 1 && tagline.is_none() && lone_linked_child(parts));
    enough.then(|| {
        found
            .into_iter()
            .map(|(c, line, text, links)| entry(head, name, c, line, text, links))
            .collect()
    })
}

/// A lone sub-bullet is a model line, not a description, when it opens with a date and then the
/// model's name as a link (`- Nvidia` over `- 2019/09, [Megatron-Turing NLG](URL) (530B), ...`).
fn lone_linked_child(parts: &[&Bullet]) -> bool {
    let [b] = parts else { return false };
    let text = b.text.trim_start();
    let skipped = b.text.len() - text.len();
    let Some((_, at)) = date::opening(text).filter(|&(d, _)| d.is_some()) else {
        return false;
    };
    let rest = &text[at..];
    let name_at = skipped + at + (rest.len() - rest.trim_start().len());
    b.links.iter().any(|l| !l.badge && l.range.start == name_at)
}

fn links(b: &Bullet) -> Vec<Link> {
    b.links
        .iter()
        .filter(|l| !l.badge)
        .map(|l| Link {
            kind: crate::ingest::value::link::kind_of(&l.url),
            url: l.url.clone(),
        })
        .collect()
}

fn entry(
    head: &Bullet,
    org: &str,
    c: Child,
    line: u32,
    text: String,
    links: Vec<Link>,
) -> ListEntry {
    let sizes = if c.sizes.is_empty() {
        crate::ingest::value::size::in_name(&c.name)
    } else {
        c.sizes
    };
    ListEntry {
        name: c.name,
        section: head.kind,
        line,
        released: c.released,
        links,
        sizes,
        organizations: vec![org.to_string()],
        description: text,
        aliases: Vec::new(),
        description_line: line,
        sub_models: Vec::new(),
        statements: Vec::new(),
        from_scratch: false,
        attrs: Vec::new(),
        organization_link: None,
        place: Place {
            section: Some(head.section),
            table: None,
            group: head.group.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_lines() {
        let c = child("2018/06, GPT-1 (117m)", true).unwrap();
        assert_eq!(c.name, "GPT-1");
        assert_eq!(c.released, Date::month(2018, 6));
        assert_eq!(c.sizes, ["0.117B"]);
        let c = child("2020/06, GPT-3 (175B): ada(350M), babbage(1.3B)", true).unwrap();
        assert_eq!(
            (c.name.as_str(), c.sizes.as_slice()),
            ("GPT-3", &["175B".to_string()][..])
        );
        let c = child("Claude Instant: 2023/03, lighter and faster", true).unwrap();
        assert_eq!(c.name, "Claude Instant");
        assert_eq!(c.released, Date::month(2023, 3));
        // prose is not a child line
        assert!(child("2023/02, Meta AI proposes the open source LLM Llama.", true).is_none());
        assert!(child("2023/06, They propose WizardMath, a LLM.", true).is_none());
        // an announcing word is not part of the name
        let c = child(
            "2023/05/10, Introducing PaLM 2, review the technical report",
            true,
        )
        .unwrap();
        assert_eq!(c.name, "PaLM 2");
        assert_eq!(c.released.map(|d| (d.year, d.month)), Some((2023, 5)));
        assert_eq!(
            child("2023/02/06, Introducing Bard", true).unwrap().name,
            "Bard"
        );
        assert_eq!(child("Meeting-7B (7B)", true).unwrap().name, "Meeting-7B");
        // a hyphenated name may join variants with a slash; an organization before a slash
        // does not open a name
        assert_eq!(
            child(
                "MPT-7B-Instruct/Chat: finetuning MPT-7B on dialogue data",
                true
            )
            .unwrap()
            .name,
            "MPT-7B-Instruct/Chat"
        );
        assert!(child("Berkeley/OpenLLaMA: open source reproduction", true).is_none());
    }
}
