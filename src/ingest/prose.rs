//! Reads the prose of one list entry: its release month, organizations, own parameter sizes,
//! the models named inside it and the lineage its sentences state. General phrase rules over
//! sentences (regex inside a sentence), never per-entry special cases.

use super::list::{SectionKind, Statement, SubModel};
use crate::model::{Date, Link, Relation, name_key};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A link inside a description: its text's byte range in the description, and its target.
#[derive(Debug, Clone)]
pub(crate) struct DescLink {
    pub range: Range<usize>,
    pub url: String,
}

/// A description ready for reading: normalised text, the source line of every byte, its links.
pub(crate) struct Description<'a> {
    pub text: &'a str,
    pub lines: &'a [u32],
    pub links: &'a [DescLink],
}

/// What the prose of one entry says.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub released: Option<Date>,
    pub organizations: Vec<String>,
    pub sizes: Vec<String>,
    pub sub_models: Vec<SubModel>,
    pub statements: Vec<Statement>,
    pub from_scratch: bool,
}

/// One size, as a pattern without captures (number, optional `xN`, unit, optional `-A14B`).
const SIZE: &str =
    r"\b\d+(?:\.\d+)?(?:\s*x\s*\d+(?:\.\d+)?)?[\s\-–]*(?:b|billion)(?:-a\d+(?:\.\d+)?b)?\b";

fn size_list() -> String {
    format!(r"{SIZE}(?:\s*,\s*(?:and\s+)?{SIZE}|\s*,?\s+and\s+{SIZE})*")
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new(&$pat).expect("valid regex"));
    };
}

re!(SIZE_RE, format!("(?i){SIZE}"));
re!(
    SIZE_PARTS,
    r"(?i)^(\d+(?:\.\d+)?)(?:\s*x\s*(\d+(?:\.\d+)?))?[\s\-–]*(?:b|billion)(?:-a(\d+(?:\.\d+)?)b)?$"
);
re!(
    NAME_SIZE,
    r"(?i)(?:^|[\s_-])(\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?b(?:-a\d+(?:\.\d+)?b)?)(?:$|[\s_-])"
);
re!(
    R_KEYWORD,
    format!(
        r"(?i)\b(?:specifications?|scales?|versions?|sizes?|formats?)\b(?:\s*(?:of|:|,|for|including|the)\s*){{1,3}}({})",
        size_list()
    )
);
re!(
    R_PARAM,
    format!(r"(?i)({})[\s-]*(active\s+)?parameters?\b", size_list())
);
re!(
    R_TOTAL,
    format!(
        r"(?i)({})\s+in\s+total\b|\bout\s+of\s+({SIZE})",
        size_list()
    )
);
re!(
    R_PAREN,
    format!(r"(?i)\b(?:llms?|models?)\s*\(({})\)", size_list())
);
re!(
    AFTER_NAME,
    format!(
        r"(?i)^(?:(?:\s+|-)({list})|(?:-[A-Za-z]\w*)*\s*\(({list})\))",
        list = size_list()
    )
);
re!(PAREN_LIST, format!(r"(?i)^\s*\(({})[^)]*\)", size_list()));
re!(APPOSITIVE, r"^,\s+an?\s+([^,]*)");
re!(
    COMPARISON,
    r"(?i)\b(?:outperform\w*|exceed\w*|surpass\w*|compared?\s+(?:with|to)|comparable|rival\w*|than|against|leap\s+over)\b"
);
re!(DATE, r"^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?\s*,\s*");
re!(ORGS, r"^(.+?)\s+(?:propose[sd]?|uses)\b");
re!(ORG_SPLIT, r"\s*,\s*(?:and\s+)?|\s+and\s+");
re!(PROPOSE, r"(?i)\bpropose[sd]?\s+");
re!(OPEN_SOURCED, r"(?i)\bopen[- ]sourced\s+(.*)");
re!(SPECIALIZED, r"(?i)\bspecialized models?\s+for\s+(.*)");
re!(LIST_SPLIT, r"\s*,\s*(?:and\s+)?|\s+and\s+");
re!(MODEL_TOKEN, r"^[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$");
re!(VARIANT, r"(?i)[-\s](?:chat|instruct|python|base)$");
re!(
    LEADING_WORD,
    r"^(?:[A-Z][a-z]+,\s+)?([A-Za-z][\w.]*(?:-[\w.]+)*)"
);
re!(
    P_FINE_TUNED,
    r"(?i)\bfine-?tuned\s+(?:based\s+on|from|on)\s+"
);
re!(P_BASED_ON, r"(?i)\bbased\s+on\s+");
re!(
    P_GEN_VERSION,
    r"(?i)\b(?:second|third|fourth|fifth|next|new)[- ]generation\s+(?:version|model)\s+of\s+"
);
re!(
    P_GEN_SERIES,
    r"(?i)\b(second|third|fourth|fifth)[- ]generation\s+([A-Z][\w.\-]*(?:\s+[A-Z0-9][\w.\-]*)*)\s+series\b"
);
re!(P_FOLLOWING, r"(?i)\bfollowing\s+");
re!(P_EVOLUTION, r"(?i)\bevolution\s+from\s+(.+?)\s+to\s+(.+)");
re!(P_PREDECESSOR, r"(?i)\b(?:its|their)\s+predecessor,?\s+");
re!(
    P_MODEL_OF_SERIES,
    r"\b[Mm]odels?\s+(?:of|in)\s+the\s+([A-Z][\w.\-]*(?:\s+[A-Z0-9][\w.\-]*)*)\s+(?:series|family)\b"
);
re!(P_IMPROVED, r"(?i)\bimproved\s+(?:version|variant)\s+of\s+");
re!(P_COMBINED, r"(?i)\bcombined\s+with\s+");
re!(P_SCRATCH, r"(?i)\btrained\s+from\s+scratch\b");

/// A size match turned into its normal form: "7b" → "7B", "8x7B", "57B-A14B", "1.3 billion" → "1.3B".
fn normalise_size(s: &str) -> Option<String> {
    let c = SIZE_PARTS.captures(s.trim())?;
    let mut out = c[1].to_string();
    if let Some(x) = c.get(2) {
        out.push('x');
        out.push_str(x.as_str());
    }
    out.push('B');
    if let Some(a) = c.get(3) {
        out.push_str("-A");
        out.push_str(a.as_str());
        out.push('B');
    }
    Some(out)
}

/// Every size in a piece of text, normalised.
fn sizes_in(text: &str) -> Vec<String> {
    SIZE_RE
        .find_iter(text)
        .filter_map(|m| normalise_size(m.as_str()))
        .collect()
}

/// The number a size stands for, to sort by ("8x7B" → 56, "39B active" → 39).
fn size_value(s: &str) -> f64 {
    let head = s
        .split([' ', '-'])
        .next()
        .unwrap_or(s)
        .trim_end_matches('B');
    head.split('x')
        .map(|p| p.parse::<f64>().unwrap_or(0.0))
        .product()
}

/// Sorts sizes ascending and removes duplicates.
pub(crate) fn sort_sizes(sizes: &mut Vec<String>) {
    sizes.sort_by(|a, b| size_value(a).total_cmp(&size_value(b)).then(a.cmp(b)));
    sizes.dedup();
}

/// The sizes a name carries ("Baichuan-7b" → 7B, "Mixtral-8x22B" → 8x22B, "Qwen2-57B-A14B").
pub(crate) fn name_sizes(name: &str) -> Vec<String> {
    NAME_SIZE
        .captures_iter(name)
        .filter_map(|c| normalise_size(&c[1]))
        .collect()
}

/// Splits a description into sentences: after `.`, `!` or `?` followed by a space and a capital
/// letter or digit, outside parentheses, and not after a common abbreviation.
fn sentences(text: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: [&str; 10] = [
        "inc", "ltd", "co", "corp", "abbr", "etc", "e.g", "i.e", "vs", "no",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            '.' | '!' | '?' if depth == 0 => {
                let rest = &text[i + 1..];
                let next_starts = rest.strip_prefix(' ').and_then(|r| r.chars().next());
                let word = text[start..i]
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if next_starts.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
                    && !ABBREVIATIONS.contains(&word.as_str())
                {
                    out.push(start..i + 1);
                    start = i + 2;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Whether a token looks like a model name: letters/digits joined by `-` or `.`, with a digit,
/// an inner capital or a hyphen (`Phi-2`, `WizardMath`, `Qwen2.5-Coder`).
fn is_model_token(t: &str) -> bool {
    MODEL_TOKEN.is_match(t)
        && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && (t.chars().any(|c| c.is_ascii_digit())
            || t.chars().skip(1).any(|c| c.is_uppercase())
            || t.contains('-'))
}

/// The first model-like token of a phrase, skipping words without capitals ("the open source").
fn first_model_token(phrase: &str, max_skip: usize) -> Option<(usize, String)> {
    let mut offset = 0;
    for (n, raw) in phrase.split(' ').enumerate() {
        let pos = offset;
        offset += raw.len() + 1;
        if n > max_skip {
            return None;
        }
        let word = raw.trim_end_matches([',', '.', ';', ':', ')']);
        if word.is_empty() || !word.chars().any(|c| c.is_uppercase()) {
            continue;
        }
        if matches!(word, "LLM" | "LLMs" | "AI" | "The" | "A" | "An") {
            continue;
        }
        return is_model_token(word).then(|| (pos, word.to_string()));
    }
    None
}

/// The name a lineage phrase points at, cleaned: "the Llama 7b model" → "Llama",
/// "[General Language Model](..) framework" → "General Language Model". Also returns the word
/// after the name ("framework"). None when the phrase names nothing ("the frozen 4bit ...").
fn clean_object(rest: &str) -> Option<(String, Option<String>)> {
    let mut words: Vec<&str> = Vec::new();
    let mut next_word = None;
    for raw in rest.split_whitespace() {
        let w = raw.trim_end_matches([',', '.', ';', ':', ')', '\'']);
        let ended = w.len() != raw.len();
        let w = w.trim_start_matches(['(', '[']);
        if words.is_empty() && matches!(w.to_lowercase().as_str(), "the" | "a" | "an") {
            continue;
        }
        let first = w.chars().next();
        let name_like = first.is_some_and(|c| c.is_uppercase())
            || (!words.is_empty() && first.is_some_and(|c| c.is_ascii_digit()));
        if !name_like {
            next_word = Some(w.to_lowercase());
            break;
        }
        words.push(w);
        if ended || words.len() >= 5 {
            break;
        }
    }
    while words.len() > 1 && words.last().is_some_and(|w| SIZE_RE.is_match(w)) {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    Some((words.join(" "), next_word))
}

fn line_at(d: &Description, pos: usize) -> u32 {
    d.lines
        .get(pos.min(d.lines.len().saturating_sub(1)))
        .copied()
        .unwrap_or(1)
}

/// Byte positions where `name` occurs in `text` as a whole name (not inside a longer one).
fn occurrences(text: &str, name: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (pos, _) in text.match_indices(name) {
        let before_ok = text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '.');
        let after = &text[pos + name.len()..];
        let mut it = after.chars();
        let after_ok = match it.next() {
            None => true,
            Some(c) if c.is_alphanumeric() => false,
            Some('-' | '.') => !it.next().is_some_and(|c| c.is_alphanumeric()),
            Some(_) => true,
        };
        if before_ok && after_ok {
            out.push(pos);
        }
    }
    out
}

/// The part of a sentence before its first comparison ("outperforms", "compared with", ...).
fn before_comparison(s: &str) -> &str {
    COMPARISON.find(s).map_or(s, |m| &s[..m.start()])
}

/// A sentence of the description with its date segment.
struct Sentence {
    range: Range<usize>,
    /// Where the text after a leading date starts.
    body: usize,
    segment: usize,
}

/// Reads the facts of one entry from its description.
pub(crate) fn read(name: &str, kind: SectionKind, d: &Description) -> Facts {
    let mut facts = Facts::default();
    let text = d.text;
    let entry_key = name_key(name);

    // sentences, grouped into date segments ("2023/06, They propose ...")
    let mut segment_dates: Vec<Option<Date>> = Vec::new();
    let mut sents: Vec<Sentence> = Vec::new();
    for range in sentences(text) {
        let s = &text[range.clone()];
        let (date, body) = match DATE.captures(s) {
            Some(c) => {
                let year = c[1].parse().ok();
                let month = c[2].parse().ok();
                let date = year.zip(month).and_then(|(y, m)| Date::month(y, m));
                (date, range.start + c[0].len())
            }
            None => (None, range.start),
        };
        if segment_dates.is_empty() || body != range.start {
            segment_dates.push(date);
        }
        sents.push(Sentence {
            range,
            body,
            segment: segment_dates.len() - 1,
        });
    }
    if sents.first().is_some_and(|s| s.body != s.range.start) {
        facts.released = segment_dates[0];
    }

    // organizations: the subject of the first sentence, before "propose(s)/proposed/uses"
    if let Some(first) = sents.first() {
        let body = &text[first.body..first.range.end];
        if let Some(c) = ORGS.captures(body) {
            facts.organizations = ORG_SPLIT
                .split(&c[1])
                .map(|o| o.trim().trim_end_matches(',').trim())
                .filter(|o| {
                    !o.is_empty() && !matches!(o.to_lowercase().as_str(), "others" | "other")
                })
                .map(str::to_string)
                .collect();
        }
    }

    // names that are the entry itself: its name and what its first sentence proposes
    let mut own: Vec<String> = vec![entry_key.clone()];
    if let Some(first) = sents.first() {
        let body = before_comparison(&text[first.body..first.range.end]);
        if let Some(m) = PROPOSE.find(body)
            && let Some((_, tok)) = first_model_token(&body[m.end()..], 12)
        {
            own.push(name_key(&tok));
        }
    }

    // models named inside the entry
    let mut subs: Vec<(SubModel, usize)> = Vec::new(); // with the sentence index
    for (si, sent) in sents.iter().enumerate() {
        let body_full = &text[sent.body..sent.range.end];
        let body = before_comparison(body_full);
        let base = sent.body;
        let mut found: Vec<(usize, String, Vec<Link>)> = Vec::new();
        if sent.segment > 0
            && let Some(m) = PROPOSE.find(body)
            && let Some((pos, tok)) = first_model_token(&body[m.end()..], 8)
        {
            found.push((base + m.end() + pos, tok, Vec::new()));
        }
        if let Some(c) = OPEN_SOURCED.captures(body) {
            let list = c.get(1).expect("group");
            for item in LIST_SPLIT.split(list.as_str()) {
                let words: Vec<&str> = item.split_whitespace().collect();
                let Some(last) = words.last() else { continue };
                let last = last.trim_end_matches([',', '.', ';', ')']);
                if is_model_token(last)
                    && words[..words.len() - 1]
                        .iter()
                        .all(|w| !w.chars().any(|c| c.is_uppercase()))
                {
                    let pos = base + list.start() + item.as_ptr() as usize
                        - list.as_str().as_ptr() as usize;
                    found.push((pos, last.to_string(), Vec::new()));
                }
            }
        }
        if let Some(c) = SPECIALIZED.captures(body) {
            let rest = c.get(1).expect("group");
            for part in LIST_SPLIT.split(rest.as_str()) {
                let part = part.trim().trim_end_matches(['.', ',']);
                if is_model_token(part) {
                    let pos = base
                        + rest.start()
                        + (part.as_ptr() as usize - rest.as_str().as_ptr() as usize);
                    found.push((pos, part.to_string(), Vec::new()));
                }
            }
        }
        for link in d.links {
            if link.range.start >= base && link.range.end <= base + body.len() {
                let after = &text[link.range.end..sent.range.end];
                if let Some(c) = APPOSITIVE.captures(after)
                    && c[1].split_whitespace().any(|w| w == "model")
                {
                    let name = text[link.range.clone()].to_string();
                    found.push((
                        link.range.start,
                        name,
                        vec![Link {
                            kind: link_kind(&link.url).to_string(),
                            url: link.url.clone(),
                        }],
                    ));
                }
            }
        }
        for (pos, sub_name, links) in found {
            let key = name_key(&sub_name);
            if !is_model_token(&sub_name)
                || VARIANT.is_match(&sub_name)
                || own.contains(&key)
                || key.is_empty()
            {
                continue;
            }
            if let Some((existing, _)) = subs.iter_mut().find(|(s, _)| name_key(&s.name) == key) {
                for l in links {
                    if !existing.links.contains(&l) {
                        existing.links.push(l);
                    }
                }
                continue;
            }
            subs.push((
                SubModel {
                    name: sub_name,
                    released: segment_dates[sent.segment],
                    sizes: Vec::new(),
                    links,
                    line: line_at(d, pos),
                    sentence: text[sent.range.clone()].to_string(),
                },
                si,
            ));
        }
    }
    // sizes of the models named inside: a list after the name, an appositive, or the name's own
    for (sub, _) in &mut subs {
        let mut sizes = Vec::new();
        for pos in occurrences(text, &sub.name) {
            let after = &text[pos + sub.name.len()..];
            if let Some(c) = PAREN_LIST.captures(after) {
                sizes.extend(sizes_in(&c[1]));
            } else if let Some(c) = APPOSITIVE.captures(after) {
                for p in R_PARAM.captures_iter(&c[1]) {
                    sizes.extend(sizes_in(&p[1]));
                }
            }
        }
        if sizes.is_empty() {
            sizes = name_sizes(&sub.name);
        }
        sort_sizes(&mut sizes);
        sub.sizes = sizes;
    }

    // the entry's own sizes: from its first date segment, sentences about the entry only,
    // before any comparison, with the models named inside masked out
    if kind == SectionKind::Model {
        let mut masked = text.to_string();
        for (sub, _) in &subs {
            for pos in occurrences(text, &sub.name) {
                let mut end = pos + sub.name.len();
                if let Some(c) = PAREN_LIST.captures(&text[end..]) {
                    end += c[0].len();
                }
                masked.replace_range(pos..end, &" ".repeat(end - pos));
            }
        }
        let name_has_size = !name_sizes(name).is_empty();
        let name_re = (!name_has_size).then(|| entry_name_regex(name)).flatten();
        let mut sizes = Vec::new();
        for (si, sent) in sents.iter().enumerate().filter(|(_, s)| s.segment == 0) {
            let body = &masked[sent.body..sent.range.end];
            // the first sentence introduces the entry; later ones may be about another model
            if si > 0 && about_other_model(body, &entry_key, &own) {
                continue;
            }
            let body = before_comparison(body);
            for c in R_KEYWORD.captures_iter(body) {
                sizes.extend(sizes_in(&c[1]));
            }
            for c in R_PARAM.captures_iter(body) {
                let list = sizes_in(&c[1]);
                if c.get(2).is_some() {
                    sizes.extend(list.into_iter().map(|s| format!("{s} active")));
                } else {
                    sizes.extend(list);
                }
            }
            for c in R_TOTAL.captures_iter(body) {
                if let Some(g) = c.get(1).or(c.get(2)) {
                    sizes.extend(sizes_in(g.as_str()));
                }
            }
            for c in R_PAREN.captures_iter(body) {
                sizes.extend(sizes_in(&c[1]));
            }
            if let Some(re) = &name_re {
                for m in re.find_iter(body) {
                    let after = &body[m.end()..];
                    if let Some(c) = AFTER_NAME.captures(after)
                        && let Some(g) = c.get(1).or(c.get(2))
                    {
                        sizes.extend(sizes_in(g.as_str()));
                    }
                }
            }
        }
        if sizes.is_empty() {
            sizes = name_sizes(name);
        }
        sort_sizes(&mut sizes);
        facts.sizes = sizes;
    }

    // lineage statements
    let mut statements: Vec<Statement> = Vec::new();
    for (si, sent) in sents.iter().enumerate() {
        let full = &text[sent.body..sent.range.end];
        let gated = before_comparison(full);
        let subject = subs
            .iter()
            .find(|(_, i)| *i == si && sents[si].segment > 0)
            .map_or(name.to_string(), |(s, _)| s.name.clone());
        let sentence = text[sent.range.clone()].to_string();
        let line = line_at(d, sent.range.start);
        let mut push = |subject: &str, relation: Relation, object: String| {
            if name_key(&object) == name_key(subject) {
                return;
            }
            let st = Statement {
                subject: subject.to_string(),
                relation,
                object,
                line,
                sentence: sentence.clone(),
            };
            if !statements.iter().any(|s| {
                s.subject == st.subject && s.relation == st.relation && s.object == st.object
            }) {
                statements.push(st);
            }
        };
        let method = kind == SectionKind::Method;
        let mut fine_tuned_at = Vec::new();
        for m in P_FINE_TUNED.find_iter(gated) {
            fine_tuned_at.push(m.end());
            if let Some((obj, _)) = clean_object(&gated[m.end()..]) {
                push(&subject, Relation::FineTunedFrom, obj);
            }
        }
        for m in P_BASED_ON.find_iter(gated) {
            if fine_tuned_at.contains(&m.end()) {
                continue;
            }
            if let Some((obj, next)) = clean_object(&gated[m.end()..]) {
                let rel = if matches!(next.as_deref(), Some("framework" | "architecture")) {
                    Relation::BuiltOn
                } else if method {
                    Relation::Extends
                } else {
                    Relation::DerivedFrom
                };
                push(&subject, rel, obj);
            }
        }
        for m in P_GEN_VERSION.find_iter(gated) {
            if let Some((obj, _)) = clean_object(&gated[m.end()..]) {
                push(&subject, Relation::SuccessorOf, obj);
            }
        }
        for c in P_GEN_SERIES.captures_iter(gated) {
            let n = match c[1].to_lowercase().as_str() {
                "second" => 2,
                "third" => 3,
                "fourth" => 4,
                _ => 5,
            };
            let series = c[2].to_string();
            let previous = format!("{series} {}", n - 1);
            // the predecessor must be named in this sentence or the next one
            let mut window = full.to_string();
            if let Some(next) = sents.get(si + 1) {
                window.push(' ');
                window.push_str(&text[next.range.clone()]);
            }
            let named = Regex::new(&format!(
                r"(?i)\b{}[\s-]?{}\b",
                regex::escape(&series),
                n - 1
            ))
            .is_ok_and(|re| re.is_match(&window));
            if named {
                push(
                    &subject,
                    Relation::SuccessorOf,
                    if n == 2 { series } else { previous },
                );
            }
        }
        for m in P_FOLLOWING.find_iter(gated) {
            if let Some((obj, _)) = clean_object(&gated[m.end()..]) {
                push(&subject, Relation::SuccessorOf, obj);
            }
        }
        for c in P_EVOLUTION.captures_iter(full) {
            if let (Some((from, _)), Some((to, _))) = (clean_object(&c[1]), clean_object(&c[2])) {
                let to_key = name_key(&to);
                if to_key == entry_key {
                    push(name, Relation::SuccessorOf, from);
                } else if let Some((s, _)) = subs.iter().find(|(s, _)| name_key(&s.name) == to_key)
                {
                    let sub_name = s.name.clone();
                    push(&sub_name, Relation::SuccessorOf, from);
                }
            }
        }
        for m in P_PREDECESSOR.find_iter(full) {
            if let Some((obj, _)) = clean_object(&full[m.end()..]) {
                push(&subject, Relation::SuccessorOf, obj);
            }
        }
        for c in P_MODEL_OF_SERIES.captures_iter(gated) {
            push(&subject, Relation::VariantOf, c[1].to_string());
        }
        for m in P_IMPROVED.find_iter(gated) {
            if let Some((obj, _)) = clean_object(&gated[m.end()..]) {
                let rel = if method {
                    Relation::Extends
                } else {
                    Relation::SuccessorOf
                };
                push(&subject, rel, obj);
            }
        }
        if method {
            for m in P_COMBINED.find_iter(gated) {
                if let Some((obj, _)) = clean_object(&gated[m.end()..]) {
                    push(&subject, Relation::Extends, obj);
                }
            }
        }
        if P_SCRATCH.is_match(gated) {
            facts.from_scratch = true;
        }
    }
    facts.statements = statements;
    facts.sub_models = subs.into_iter().map(|(s, _)| s).collect();
    facts
}

/// A small regex for the entry's name, spaces and hyphens interchangeable ("Llama 3.2",
/// "Qwen2"); what follows a match is read with `AFTER_NAME` ("Qwen2-0.5B", "Llama 3.2 1B and
/// 3B", "Qwen2.5(0.5B, ...)", "Phi-3-small (7B)").
fn entry_name_regex(name: &str) -> Option<Regex> {
    let parts: Vec<String> = name
        .split([' ', '-'])
        .filter(|p| !p.is_empty())
        .map(regex::escape)
        .collect();
    let pat = parts.join(r"[\s-]?");
    Regex::new(&format!(r"(?i)(?:^|[^\w.]){pat}")).ok()
}

/// Whether a sentence's subject is another model ("Qwen1.5 is the beta version of Qwen2, ...").
fn about_other_model(body: &str, entry_key: &str, own: &[String]) -> bool {
    let Some(c) = LEADING_WORD.captures(body) else {
        return false;
    };
    let tok = &c[1];
    let camel_case = tok
        .chars()
        .zip(tok.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    let model_like = tok.chars().any(|c| c.is_ascii_digit()) || camel_case;
    if !model_like {
        return false;
    }
    let key = name_key(tok);
    !(key.starts_with(entry_key) || own.contains(&key))
}

/// The kind of a link found in prose, from where it points.
pub(crate) fn link_kind(url: &str) -> &'static str {
    if url.contains("huggingface.co") {
        "model"
    } else if url.contains("arxiv.org") {
        "paper"
    } else if url.contains("github.com") {
        "code"
    } else {
        "link"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_normalised_and_sorted() {
        assert_eq!(normalise_size("7b").as_deref(), Some("7B"));
        assert_eq!(normalise_size("1.3 billion").as_deref(), Some("1.3B"));
        assert_eq!(normalise_size("7-billion").as_deref(), Some("7B"));
        assert_eq!(normalise_size("8x7B").as_deref(), Some("8x7B"));
        assert_eq!(normalise_size("57B-A14B").as_deref(), Some("57B-A14B"));
        let mut v: Vec<String> = ["72B", "0.5B", "57B-A14B", "7B", "0.5B", "8x7B"]
            .map(String::from)
            .to_vec();
        sort_sizes(&mut v);
        assert_eq!(v, ["0.5B", "7B", "8x7B", "57B-A14B", "72B"]);
        assert_eq!(name_sizes("Baichuan-7b"), ["7B"]);
        assert_eq!(name_sizes("Qwen-1.5-110B"), ["110B"]);
        assert_eq!(name_sizes("Llama 3.1"), Vec::<String>::new());
        assert_eq!(name_sizes("Phi-3"), Vec::<String>::new());
    }

    #[test]
    fn sentences_respect_abbreviations_and_parentheses() {
        let t = "Alibaba proposes Qwen-7B (abbr. Tongyi Qianwen), is good. ModelBest Inc. and X. 2023/09, Next one.";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "Alibaba proposes Qwen-7B (abbr. Tongyi Qianwen), is good.",
                "ModelBest Inc. and X.",
                "2023/09, Next one."
            ]
        );
    }

    #[test]
    fn objects_are_cleaned() {
        assert_eq!(clean_object("the Llama 7b model.").unwrap().0, "Llama");
        assert_eq!(clean_object("Llama 2. Code").unwrap().0, "Llama 2");
        let (o, next) = clean_object("General Language Model framework, with").unwrap();
        assert_eq!(o, "General Language Model");
        assert_eq!(next.as_deref(), Some("framework"));
        assert!(clean_object("the frozen 4bit quantization model").is_none());
        assert_eq!(clean_object("Baichuan-7B, which").unwrap().0, "Baichuan-7B");
    }
}
