//! Reads the prose of one list entry: its release month, organizations, own parameter sizes,
//! the models named inside it and the lineage its sentences state. General phrase rules over
//! sentences, in English and Chinese, never per-entry special cases; the rules themselves are
//! the tables of [`super::phrases`].

use super::list::{SectionKind, Statement, SubModel};
use super::phrases::{
    self, APPOSITIVES, COMPARISON_CLOSERS, COMPARISON_OPENERS, FRAMEWORK_WORDS, LINEAGE,
    LINEAGE_RES, LineageRule, MODEL_WORDS, ORDINALS, ORG_OTHERS, ORG_OTHERS_SUFFIX, Obj, Rel,
    SERIES_WORDS, SIZE, SIZE_RULES, Scope, SizeUse, size_list,
};
use crate::model::{Date, Link, Relation, name_key};
use regex::{Captures, Regex};
use std::borrow::Cow;
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

impl Facts {
    /// Whether a lineage phrase matched: the prose says what the entry (or a model named in
    /// it) comes from, which makes it look like a model.
    #[allow(
        dead_code,
        reason = "for the list reader being rewritten; the tests use it"
    )]
    pub(crate) fn has_lineage(&self) -> bool {
        !self.statements.is_empty()
    }
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new(&$pat).expect("valid regex"));
    };
}
macro_rules! table {
    ($name:ident, $rows:expr) => {
        static $name: LazyLock<Vec<Regex>> = LazyLock::new(|| phrases::compile($rows));
    };
}

re!(SIZE_RE, format!("(?i){SIZE}"));
re!(
    SIZE_PARTS,
    r"(?i)^(?P<n>\d+(?:\.\d+)?)(?:\s*x\s*(?P<x>\d+(?:\.\d+)?))?[\s\-–]*(?:b|billion|(?P<yi>亿))(?:-a(?P<a>\d+(?:\.\d+)?)b)?$"
);
re!(
    NAME_SIZE,
    r"(?i)(?:^|[\s_-])(\d+(?:x\d+(?:\.\d+)?)?(?:\.\d+)?b(?:-a\d+(?:\.\d+)?b)?)(?:$|[\s_-])"
);
re!(
    AFTER_NAME,
    format!(
        r"(?i)^(?:(?:\s+|-)({list})|(?:-[A-Za-z][A-Za-z0-9_]*)*\s*\(({list})\))",
        list = size_list()
    )
);
re!(PAREN_LIST, format!(r"(?i)^\s*\(({})[^)]*\)", size_list()));
re!(
    COMPARISON,
    format!(
        r"(?i)\b(?:{})\b|{}",
        phrases::COMPARISONS_EN.join("|"),
        phrases::COMPARISONS_ZH.join("|")
    )
);
re!(DATE_AFTER_COMMA, phrases::DATE_AFTER_COMMA);
re!(ORG_SPLIT, phrases::ORG_SEPARATORS);
re!(LIST_SPLIT, phrases::LIST_SEPARATORS);
re!(MODEL_TOKEN, r"^[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$");
re!(
    TRAILING_TOKEN,
    r"(?:^|[^A-Za-z0-9.\-])([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)[\s,.;)。]*$"
);
re!(VARIANT, r"(?i)[-\s](?:chat|instruct|python|base)$");
re!(
    LEADING_WORD,
    r"^(?:[A-Z][a-z]+,\s+)?([A-Za-z][A-Za-z0-9_.]*(?:-[A-Za-z0-9_.]+)*)"
);
table!(DATES, phrases::DATES.iter().copied());
table!(ORGANIZATIONS, phrases::ORGANIZATIONS.iter().copied());
table!(PROPOSE, phrases::PROPOSE.iter().copied());
table!(MODEL_LISTS, phrases::MODEL_LISTS.iter().copied());
table!(APPOSITIVE_RES, APPOSITIVES.iter().map(|(p, _)| *p));
table!(SIZE_RES, SIZE_RULES.iter().map(|(p, _)| *p));
table!(FROM_SCRATCH, phrases::FROM_SCRATCH.iter().copied());

/// Whether a character is CJK script or punctuation (Han, kana, hangul, full-width forms).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{2fa1f}')
}

/// A number written with its decimal point moved one place left ("70" → "7", "24" → "2.4").
fn tenth(n: &str) -> String {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    let int = if int.is_empty() { "0" } else { int };
    let (head, last) = int.split_at(int.len() - 1);
    let head = head.trim_start_matches('0');
    let head = if head.is_empty() { "0" } else { head };
    let frac = format!("{last}{frac}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        head.to_string()
    } else {
        format!("{head}.{frac}")
    }
}

/// A size match turned into its normal form: "7b" → "7B", "8x7B", "57B-A14B", "1.3 billion" →
/// "1.3B", "70亿" → "7B".
fn normalise_size(s: &str) -> Option<String> {
    let c = SIZE_PARTS.captures(s.trim())?;
    let mut out = if c.name("yi").is_some() {
        tenth(&c["n"])
    } else {
        c["n"].to_string()
    };
    if let Some(x) = c.name("x") {
        out.push('x');
        out.push_str(x.as_str());
    }
    out.push('B');
    if let Some(a) = c.name("a") {
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

/// The sizes the size rules find in a piece of text; `appositive` keeps only the rules that
/// also read the appositive after a model's name.
fn sizes_by_rules(text: &str, appositive: bool) -> Vec<String> {
    let mut sizes = Vec::new();
    for (re, (_, used)) in SIZE_RES.iter().zip(SIZE_RULES) {
        if appositive && *used != SizeUse::Also {
            continue;
        }
        for c in re.captures_iter(text) {
            let list = sizes_in(&c["sizes"]);
            if let Some(part) = c.name("part") {
                sizes.extend(list);
                sizes.extend(sizes_in(part.as_str()).into_iter().map(active));
            } else if c.name("active").is_some() {
                sizes.extend(list.into_iter().map(active));
            } else {
                sizes.extend(list);
            }
        }
    }
    sizes
}

fn active(size: String) -> String {
    format!("{size} active")
}

/// Splits a description into sentences: after `.`, `!` or `?` followed by a space and a capital
/// letter or digit, outside parentheses, and not after a common abbreviation; after `。`, `！`
/// or `？`; and before a date that follows a comma ("..., 2023年6月, 提出了...").
fn sentences(text: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: [&str; 10] = [
        "inc", "ltd", "co", "corp", "abbr", "etc", "e.g", "i.e", "vs", "no",
    ];
    let skip_space = |at: usize| at + (text[at..].len() - text[at..].trim_start().len());
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        if i < start {
            continue;
        }
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
            '。' | '！' | '？' if depth == 0 => {
                out.push(start..i + c.len_utf8());
                start = skip_space(i + c.len_utf8());
            }
            ',' if depth == 0 && DATE_AFTER_COMMA.is_match(&text[i + 1..]) => {
                out.push(start..i);
                start = skip_space(i + 1);
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

/// The first model-like token of a phrase, skipping words without capitals ("the open source");
/// CJK text separates words as spaces do ("数学领域的大模型WizardMath"); a series' name is
/// skipped.
fn first_model_token(phrase: &str, max_skip: usize) -> Option<(usize, String)> {
    let mut words = Vec::new();
    let mut word_start = None;
    for (i, c) in phrase.char_indices().chain([(phrase.len(), ' ')]) {
        let separator = c == ' ' || is_cjk(c);
        match (separator, word_start) {
            (true, Some(s)) => {
                words.push((s, &phrase[s..i]));
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
    }
    for (n, (pos, raw)) in words.into_iter().enumerate() {
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
        // a series, not a model: "Qwen1.5系列首个...模型Qwen1.5-110B", "the Qwen family: Qwen2.5"
        let after = &phrase[pos + raw.len()..];
        if SERIES_WORDS.iter().any(|w| after.starts_with(w)) {
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

/// [`clean_object`] over the Latin-script text up to the first CJK character; the CJK word
/// right after the name stands for the word after it ("GLM框架" → "GLM", "框架").
fn take_object(rest: &str) -> Option<(String, Option<String>)> {
    let cut = rest.find(is_cjk).unwrap_or(rest.len());
    let (name, next) = clean_object(&rest[..cut])?;
    let next = next.or_else(|| {
        let run: String = rest[cut..].chars().take_while(|&c| is_cjk(c)).collect();
        (!run.is_empty()).then_some(run)
    });
    Some((name, next))
}

/// Whether a cleaned object names a model: a model-like word or a digit in it ("Llama 2"), or
/// a model word after it ("the Llama 7b model").
fn names_a_model(name: &str, next: Option<&str>) -> bool {
    name.split(' ').any(is_model_token)
        || name.chars().any(|c| c.is_ascii_digit())
        || next.is_some_and(|n| MODEL_WORDS.iter().any(|w| n.starts_with(w)))
}

fn line_at(d: &Description, pos: usize) -> u32 {
    d.lines
        .get(pos.min(d.lines.len().saturating_sub(1)))
        .copied()
        .unwrap_or(1)
}

/// Byte positions where `name` occurs in `text` as a whole name (not inside a longer Latin
/// name; a CJK letter next to it is no part of it).
fn occurrences(text: &str, name: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (pos, _) in text.match_indices(name) {
        let before_ok = text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-' && c != '.');
        let after = &text[pos + name.len()..];
        let mut it = after.chars();
        let after_ok = match it.next() {
            None => true,
            Some(c) if c.is_ascii_alphanumeric() => false,
            Some('-' | '.') => !it.next().is_some_and(|c| c.is_ascii_alphanumeric()),
            Some(_) => true,
        };
        if before_ok && after_ok {
            out.push(pos);
        }
    }
    out
}

/// The part of a sentence before its first comparison ("outperforms", "compared with",
/// "超过"). A comparison clause closed by `相比` ("和Llama 1相比, ...") is blanked out (spaces
/// keep every byte position) and the sentence goes on after it.
fn before_comparison(s: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(s);
    let mut from = 0;
    while let Some(m) = COMPARISON.find_at(s, from) {
        let clause = s[..m.start()].rfind(',').map_or(0, |p| p + 1).max(from);
        let opener = s[clause..m.start()].rfind(COMPARISON_OPENERS);
        match opener {
            Some(open) if COMPARISON_CLOSERS.contains(&m.as_str()) => {
                let range = clause + open..m.end();
                out.to_mut()
                    .replace_range(range.clone(), &" ".repeat(range.len()));
                from = m.end();
            }
            _ => {
                let end = m.start();
                return match out {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..end]),
                    Cow::Owned(mut o) => {
                        o.truncate(end);
                        Cow::Owned(o)
                    }
                };
            }
        }
    }
    out
}

/// A sentence of the description with its date segment.
struct Sentence {
    range: Range<usize>,
    /// Where the text after a leading date starts.
    body: usize,
    segment: usize,
}

/// The entry being read: its name, section, description and sentences.
struct Entry<'a> {
    name: &'a str,
    key: String,
    kind: SectionKind,
    d: &'a Description<'a>,
    text: &'a str,
    sents: Vec<Sentence>,
    /// The date of each segment (the first one's is the entry's when it opens the text).
    dates: Vec<Option<Date>>,
}

/// A model named inside the entry, with the index of the sentence naming it.
type Sub = (SubModel, usize);

/// Reads the facts of one entry from its description.
pub(crate) fn read(name: &str, kind: SectionKind, d: &Description) -> Facts {
    let (sents, dates) = segments(d.text);
    let e = Entry {
        name,
        key: name_key(name),
        kind,
        d,
        text: d.text,
        sents,
        dates,
    };
    let own = own_names(&e);
    let mut subs = sub_models(&e, &own);
    sub_model_sizes(e.text, &mut subs);
    let sizes = match kind {
        SectionKind::Model => entry_sizes(&e, &subs, &own),
        SectionKind::Method => Vec::new(),
    };
    Facts {
        released: e
            .sents
            .first()
            .filter(|s| s.body != s.range.start)
            .and_then(|_| e.dates[0]),
        organizations: organizations(&e),
        sizes,
        statements: statements(&e, &subs),
        from_scratch: e.sents.iter().any(|s| {
            let cut = before_comparison(&e.text[s.body..s.range.end]);
            let body: &str = &cut;
            FROM_SCRATCH.iter().any(|re| re.is_match(body))
        }),
        sub_models: subs.into_iter().map(|(s, _)| s).collect(),
    }
}

/// The date opening a sentence, and how long it is with the dates repeated after it
/// ("2024年9月, 2024/09, ...").
fn leading_date(s: &str) -> (Option<Date>, usize) {
    let mut date = None;
    let mut len = 0;
    while let Some(c) = DATES.iter().find_map(|re| re.captures(&s[len..])) {
        if len == 0 {
            let year = c["y"].parse().ok();
            let month = c["m"].parse().ok();
            date = year.zip(month).and_then(|(y, m)| Date::month(y, m));
        }
        len += c[0].len();
    }
    (date, len)
}

/// Sentences grouped into date segments ("2023/06, They propose ...", "2023年6月，提出了...").
fn segments(text: &str) -> (Vec<Sentence>, Vec<Option<Date>>) {
    let mut dates: Vec<Option<Date>> = Vec::new();
    let mut sents: Vec<Sentence> = Vec::new();
    for range in sentences(text) {
        let (date, len) = leading_date(&text[range.clone()]);
        if dates.is_empty() || len > 0 {
            dates.push(date);
        }
        sents.push(Sentence {
            body: range.start + len,
            range,
            segment: dates.len() - 1,
        });
    }
    (sents, dates)
}

/// Organizations: the subject of the first sentence ("Meta AI proposes", "斯坦福大学提出",
/// "UC伯克利大学联合CMU、斯坦福大学提出的"), split into names.
fn organizations(e: &Entry) -> Vec<String> {
    let Some(first) = e.sents.first() else {
        return Vec::new();
    };
    let body = &e.text[first.body..first.range.end];
    let Some(subject) = ORGANIZATIONS
        .iter()
        .filter_map(|re| re.captures(body).and_then(|c| c.name("org")))
        .min_by_key(|m| m.end())
    else {
        return Vec::new();
    };
    ORG_SPLIT
        .split(subject.as_str())
        .map(|o| {
            let o = o.trim().trim_end_matches(',').trim();
            ORG_OTHERS_SUFFIX
                .iter()
                .fold(o, |o, s| o.strip_suffix(s).unwrap_or(o))
                .trim()
        })
        .filter(|o| !o.is_empty() && !ORG_OTHERS.contains(&o.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// Names that are the entry itself: its name and what its first sentence proposes.
fn own_names(e: &Entry) -> Vec<String> {
    let mut own = vec![e.key.clone()];
    if let Some(first) = e.sents.first() {
        let cut = before_comparison(&e.text[first.body..first.range.end]);
        let body: &str = &cut;
        if let Some(m) = PROPOSE
            .iter()
            .filter_map(|re| re.find(body))
            .min_by_key(|m| m.start())
            && let Some((_, tok)) = first_model_token(&body[m.end()..], 12)
        {
            own.push(name_key(&tok));
        }
    }
    own
}

/// The models one sentence names: after a verb in a later segment ("2023/06, They propose
/// WizardMath"), in a list after a verb ("open sourced A, B and C"), or as a link with an
/// appositive saying it is a model ("[Phi-2](url), a ... model").
fn named_in(e: &Entry, sent: &Sentence) -> Vec<(usize, String, Vec<Link>)> {
    let base = sent.body;
    let cut = before_comparison(&e.text[base..sent.range.end]);
    let body: &str = &cut;
    let mut found: Vec<(usize, String, Vec<Link>)> = Vec::new();
    if sent.segment > 0
        && let Some(m) = PROPOSE
            .iter()
            .filter_map(|re| re.find(body))
            .min_by_key(|m| m.start())
        && let Some((pos, tok)) = first_model_token(&body[m.end()..], 8)
    {
        found.push((base + m.end() + pos, tok, Vec::new()));
    }
    for c in MODEL_LISTS.iter().filter_map(|re| re.captures(body)) {
        let list = c.name("list").expect("a list capture");
        for item in LIST_SPLIT.split(list.as_str()) {
            let Some(t) = TRAILING_TOKEN.captures(item).and_then(|t| t.get(1)) else {
                continue;
            };
            if is_model_token(t.as_str()) && !item[..t.start()].chars().any(char::is_uppercase) {
                let at = item.as_ptr() as usize - list.as_str().as_ptr() as usize + t.start();
                found.push((base + list.start() + at, t.as_str().to_string(), Vec::new()));
            }
        }
    }
    for link in e.d.links {
        if link.range.start < base || link.range.end > base + body.len() {
            continue;
        }
        let after = &e.text[link.range.end..sent.range.end];
        let is_model = APPOSITIVE_RES
            .iter()
            .zip(APPOSITIVES)
            .any(|(re, (_, word))| {
                re.captures(after).is_some_and(|c| {
                    let desc = &c["desc"];
                    desc.split_whitespace().any(|w| w == *word)
                        || (word.chars().all(is_cjk) && desc.contains(word))
                })
            });
        if is_model {
            let links = vec![Link {
                kind: link_kind(&link.url).to_string(),
                url: link.url.clone(),
            }];
            let name = e.text[link.range.clone()].to_string();
            found.push((link.range.start, name, links));
        }
    }
    found
}

/// The models named inside the entry, first naming first, without the entry's own names and
/// chat or instruct variants; a later naming of the same model adds its links.
fn sub_models(e: &Entry, own: &[String]) -> Vec<Sub> {
    let mut subs: Vec<Sub> = Vec::new();
    for (si, sent) in e.sents.iter().enumerate() {
        for (pos, sub_name, links) in named_in(e, sent) {
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
                    released: e.dates[sent.segment],
                    sizes: Vec::new(),
                    links,
                    line: line_at(e.d, pos),
                    sentence: e.text[sent.range.clone()].to_string(),
                },
                si,
            ));
        }
    }
    subs
}

/// Sizes of the models named inside: a list after the name, an appositive, or the name's own.
fn sub_model_sizes(text: &str, subs: &mut [Sub]) {
    for (sub, _) in subs {
        let mut sizes = Vec::new();
        for pos in occurrences(text, &sub.name) {
            let after = &text[pos + sub.name.len()..];
            if let Some(c) = PAREN_LIST.captures(after) {
                sizes.extend(sizes_in(&c[1]));
            } else if let Some(c) = APPOSITIVE_RES.iter().find_map(|re| re.captures(after)) {
                sizes.extend(sizes_by_rules(&c["desc"], true));
            }
        }
        if sizes.is_empty() {
            sizes = name_sizes(&sub.name);
        }
        sort_sizes(&mut sizes);
        sub.sizes = sizes;
    }
}

/// The text with the models named inside (and a size list after them) blanked out.
fn mask_sub_models(text: &str, subs: &[Sub]) -> String {
    let mut masked = text.to_string();
    for (sub, _) in subs {
        for pos in occurrences(text, &sub.name) {
            let mut end = pos + sub.name.len();
            if let Some(c) = PAREN_LIST.captures(&text[end..]) {
                end += c[0].len();
            }
            masked.replace_range(pos..end, &" ".repeat(end - pos));
        }
    }
    masked
}

/// The entry's own sizes: from its first date segment, sentences about the entry only, before
/// any comparison, with the models named inside masked out; else the sizes its name carries.
fn entry_sizes(e: &Entry, subs: &[Sub], own: &[String]) -> Vec<String> {
    let masked = mask_sub_models(e.text, subs);
    let name_has_size = !name_sizes(e.name).is_empty();
    let name_re = (!name_has_size).then(|| entry_name_regex(e.name)).flatten();
    let mut sizes = Vec::new();
    for (si, sent) in e.sents.iter().enumerate().filter(|(_, s)| s.segment == 0) {
        let body = &masked[sent.body..sent.range.end];
        // the first sentence introduces the entry; later ones may be about another model
        if si > 0 && about_other_model(body, &e.key, own) {
            continue;
        }
        let cut = before_comparison(body);
        let body: &str = &cut;
        sizes.extend(sizes_by_rules(body, false));
        if let Some(re) = &name_re {
            for m in re.find_iter(body) {
                if let Some(c) = AFTER_NAME.captures(&body[m.end()..])
                    && let Some(g) = c.get(1).or(c.get(2))
                {
                    sizes.extend(sizes_in(g.as_str()));
                }
            }
        }
    }
    if sizes.is_empty() {
        sizes = name_sizes(e.name);
    }
    sort_sizes(&mut sizes);
    sizes
}

/// Lineage statements: every rule of the lineage table over every sentence. The subject is
/// the entry, or the model a later segment's sentence names.
fn statements(e: &Entry, subs: &[Sub]) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for (si, sent) in e.sents.iter().enumerate() {
        let full = &e.text[sent.body..sent.range.end];
        let cut = before_comparison(full);
        let gated: &str = &cut;
        let subject = subs
            .iter()
            .find(|(_, i)| *i == si && sent.segment > 0)
            .map_or(e.name, |(s, _)| s.name.as_str());
        let sentence = e.text[sent.range.clone()].to_string();
        let line = line_at(e.d, sent.range.start);
        // object positions already read, relative to the sentence body
        let mut taken: Vec<usize> = Vec::new();
        for (rule, re) in LINEAGE.iter().zip(LINEAGE_RES.iter()) {
            let text = match rule.scope {
                Scope::BeforeComparison => gated,
                Scope::Sentence => full,
            };
            for c in re.captures_iter(text) {
                let Some(at) = object_start(rule, &c) else {
                    continue;
                };
                if taken.contains(&at) {
                    continue;
                }
                taken.push(at);
                let reading = Reading { si, text, subject };
                let Some((subj, rel, obj)) = apply(e, &reading, subs, rule, &c) else {
                    continue;
                };
                if name_key(&obj) == name_key(&subj) {
                    continue;
                }
                if !out
                    .iter()
                    .any(|s| s.subject == subj && s.relation == rel && s.object == obj)
                {
                    out.push(Statement {
                        subject: subj,
                        relation: rel,
                        object: obj,
                        line,
                        sentence: sentence.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Where a rule's object starts in the text it read.
fn object_start(rule: &LineageRule, c: &Captures) -> Option<usize> {
    let group = match rule.obj {
        Obj::After | Obj::AfterModel => return c.get(0).map(|m| m.end()),
        Obj::Named => "obj",
        Obj::Generation => "series",
        Obj::FromTo => "from",
    };
    c.name(group).map(|m| m.start())
}

/// Where a lineage rule reads: the sentence's index, the text the rule read, the subject.
struct Reading<'a> {
    si: usize,
    text: &'a str,
    subject: &'a str,
}

/// What one match of a lineage rule states: subject, relation and object.
fn apply(
    e: &Entry,
    at: &Reading,
    subs: &[Sub],
    rule: &LineageRule,
    c: &Captures,
) -> Option<(String, Relation, String)> {
    let subject = at.subject;
    let method = e.kind == SectionKind::Method;
    let whole = c.get(0)?;
    let (subject, object, next) = match rule.obj {
        Obj::After | Obj::AfterModel => {
            let (obj, next) = take_object(&at.text[whole.end()..])?;
            if rule.obj == Obj::AfterModel && !names_a_model(&obj, next.as_deref()) {
                return None;
            }
            (subject.to_string(), obj, next)
        }
        Obj::Named => {
            let (obj, next) = take_object(&c["obj"])?;
            (subject.to_string(), obj, next)
        }
        Obj::Generation => (subject.to_string(), previous_generation(e, at.si, c)?, None),
        Obj::FromTo => {
            let (from, _) = take_object(&c["from"])?;
            let (to, _) = take_object(&c["to"])?;
            let to_key = name_key(&to);
            let subject = if to_key == e.key {
                e.name.to_string()
            } else {
                subs.iter()
                    .find(|(s, _)| name_key(&s.name) == to_key)?
                    .0
                    .name
                    .clone()
            };
            (subject, from, None)
        }
    };
    let framework = next
        .as_deref()
        .is_some_and(|n| FRAMEWORK_WORDS.iter().any(|w| n.starts_with(w)));
    let relation = match rule.rel {
        Rel::Is(r) => r,
        Rel::BasedOn if framework => Relation::BuiltOn,
        Rel::BasedOn | Rel::Improves if method => Relation::Extends,
        Rel::BasedOn => Relation::DerivedFrom,
        Rel::Improves => Relation::SuccessorOf,
        Rel::MethodOnly(r) if method => r,
        Rel::ModelOnly(r) if !method => r,
        Rel::MethodOnly(_) | Rel::ModelOnly(_) => return None,
    };
    Some((subject, relation, object))
}

/// The previous generation a generation rule points at ("second-generation Llama series" →
/// "Llama", "第三代Llama系列" → "Llama 2"), when the sentence or the next one names it.
fn previous_generation(e: &Entry, si: usize, c: &Captures) -> Option<String> {
    let gen_word = c["gen"].to_lowercase();
    let n = ORDINALS.iter().find(|(w, _)| *w == gen_word)?.1;
    let series = c["series"].to_string();
    let sent = &e.sents[si];
    let mut window = e.text[sent.body..sent.range.end].to_string();
    if let Some(next) = e.sents.get(si + 1) {
        window.push(' ');
        window.push_str(&e.text[next.range.clone()]);
    }
    names_generation(&window, &series, n - 1).then(|| {
        if n == 2 {
            series
        } else {
            format!("{series} {}", n - 1)
        }
    })
}

/// Whether `text` names generation `n` of a series ("Llama 1", "Llama-2", "llama2"), as a
/// whole name.
fn names_generation(text: &str, series: &str, n: u32) -> bool {
    let text = text.to_lowercase();
    let series = series.to_lowercase();
    let number = n.to_string();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(&series).any(|(pos, _)| {
        let rest = &text[pos + series.len()..];
        let rest = rest
            .strip_prefix([' ', '-'])
            .filter(|r| r.starts_with(&number))
            .unwrap_or(rest);
        !word(text[..pos].chars().next_back())
            && rest.starts_with(&number)
            && !word(rest[number.len()..].chars().next())
    })
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
    Regex::new(&format!(r"(?i)(?:^|[^A-Za-z0-9_.]){pat}")).ok()
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
