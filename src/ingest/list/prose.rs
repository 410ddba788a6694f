//! Reads the prose of one list entry: its release month, organizations, own parameter sizes,
//! the models named inside it and the lineage its sentences state. General phrase rules over
//! sentences, in English and Chinese, never per-entry special cases; the rules themselves are
//! the tables of [`super::phrases`].

use super::entry::{SectionKind, Statement, SubModel};
use super::phrases::{
    self, APPOSITIVES, CHAIN_ARROWS, CHAIN_REPEATS, CLAUSE_JOINERS, CLAUSE_STARTS,
    COMPARISON_CLOSERS, COMPARISON_OPENERS, FRAMEWORK_WORDS, LINEAGE, LINEAGE_RES, LineageRule,
    MODEL_SUBJECT_ENDS, MODEL_WORDS, ORDINALS, ORG_OTHERS, ORG_OTHERS_SUFFIX, Obj, Rel,
    SERIES_WORDS, SIZE_RULES, Scope, SizeUse, size_list,
};
use crate::ingest::value::{self, link, size};
use crate::model::{Date, Link, Relation, name_key};
use regex::{Captures, Regex};
use std::borrow::Cow;
use std::collections::HashSet;
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
table!(ORGANIZATIONS, phrases::ORGANIZATIONS.iter().copied());
table!(PROPOSE, phrases::PROPOSE.iter().copied());
table!(MODEL_LISTS, phrases::MODEL_LISTS.iter().copied());
table!(APPOSITIVE_RES, APPOSITIVES.iter().map(|(p, _)| *p));
table!(SIZE_RES, SIZE_RULES.iter().map(|(p, _)| *p));
table!(FROM_SCRATCH, phrases::FROM_SCRATCH.iter().copied());

re!(DATA_NAME, phrases::DATA_NAME_ENDS);
re!(DATA_BEFORE, phrases::DATA_BEFORE_NAME);
re!(DATA_AFTER, phrases::DATA_AFTER_NAME);

/// Whether a statement's object is a data set by how it is written: its name ends like one
/// ([`DATA_NAME_ENDS`](phrases::DATA_NAME_ENDS): `ChatMed_Consult_Dataset`), or the sentence
/// calls it one right before or after it ([`DATA_BEFORE_NAME`](phrases::DATA_BEFORE_NAME):
/// `...数据集ChatMed_TCM_Dataset`, `the dataset ShareGPT`; `Alpaca数据集`, `the Alpaca dataset`).
/// The words before the name are read within [`DATA_WINDOW`] characters of it, so a sentence
/// that names the object many times is read in time linear in its length.
pub(crate) fn written_as_data(object: &str, sentence: &str) -> bool {
    let object = object.trim();
    let before = |at: usize| {
        let head = &sentence[..at];
        let from = (head.char_indices().rev().nth(DATA_WINDOW)).map_or(0, |(i, _)| i);
        DATA_BEFORE.is_match(&head[from..])
    };
    !object.is_empty()
        && (DATA_NAME.is_match(object)
            || sentence
                .match_indices(object)
                .any(|(at, name)| before(at) || DATA_AFTER.is_match(&sentence[at + name.len()..])))
}

/// How many characters before a name [`written_as_data`] reads: `data sets` or `数据集` and
/// the separators after them.
const DATA_WINDOW: usize = 32;

/// Whether a character is CJK script or punctuation (Han, kana, hangul, full-width forms).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{2fa1f}')
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
            let list = size::in_text(&c["sizes"]);
            if let Some(part) = c.name("part") {
                sizes.extend(list);
                sizes.extend(size::in_text(part.as_str()).into_iter().map(active));
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
            ',' if depth == 0 && value::date::opens_with_cjk_month(&text[i + 1..]) => {
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
    let mut alias = None;
    for raw in rest.split_whitespace() {
        // "Generic Transformer Model (GTM) framework": the other name, kept as "X (Y)"
        if !words.is_empty()
            && alias.is_none()
            && let Some((inner, after)) = raw.strip_prefix('(').and_then(|r| r.split_once(')'))
            && inner.chars().next().is_some_and(char::is_uppercase)
            && !size::mentioned(inner)
        {
            alias = Some(inner);
            if after.is_empty() {
                continue;
            }
            break;
        }
        // "LLaMA+AI": a plus joins two names (or stands for a link text's space), and an
        // arrow chains a base to its own ("基于Anima33B->Guanaco->LLaMA"): the name ends at
        // either; a comma never belongs to a name ("Ziya-LLaMA-13B-v1->LLaMA,ChatLaw-33B")
        let cut = [raw.find('+'), raw.find(',')]
            .into_iter()
            .chain(CHAIN_ARROWS.iter().map(|a| raw.find(a)))
            .flatten()
            .filter(|&at| at > 0)
            .min();
        let (raw, plus) = match cut {
            Some(at) => (&raw[..at], true),
            None => (raw, false),
        };
        let w = raw.trim_end_matches([',', '.', ';', ':', ')', '\'', '!', '?']);
        let ended = plus || w.len() != raw.len();
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
    while words.len() > 1 && words.last().is_some_and(|w| size::mentioned(w)) {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let name = words.join(" ");
    Some((
        alias.map_or(name.clone(), |a| format!("{name} ({a})")),
        next_word,
    ))
}

/// [`clean_object`] over the Latin-script text up to the first CJK character; the CJK word
/// right after the name stands for the word after it ("GLM框架" → "GLM", "框架").
fn take_object(rest: &str) -> Option<(String, Option<String>)> {
    if rest.trim_start().starts_with(is_cjk) {
        return cjk_object(rest.trim_start());
    }
    latin_object(rest)
}

/// The object named by Latin-script text (up to the first CJK character), with the word after
/// it: the CJK word right after the name when no Latin word follows it.
fn latin_object(rest: &str) -> Option<(String, Option<String>)> {
    let cut = rest.find(is_cjk).unwrap_or(rest.len());
    let (latin, after) = rest.split_at(cut);
    let (name, next) = clean_object(latin)?;
    if let Some(owned) = lower_case_model(latin, after, &name) {
        return Some(owned);
    }
    let next = next.or_else(|| {
        let run: String = after.chars().take_while(|&c| is_cjk(c)).collect();
        (!run.is_empty()).then_some(run)
    });
    Some((name, next))
}

/// A lower-case name right after the capitalised words and right before a model or series
/// word is the model, the words before it its owner ("EleutherAI pythia模型系列", "the
/// EleutherAI pythia models" → "pythia").
fn lower_case_model(latin: &str, after: &str, name: &str) -> Option<(String, Option<String>)> {
    if name.contains('(') {
        return None;
    }
    let words: Vec<&str> = latin
        .split_whitespace()
        .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
        .collect();
    let n = name.split(' ').count();
    let word = *words.get(n)?;
    let lower_token = word.starts_with(|c: char| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !lower_token || words[..n].join(" ") != name {
        return None;
    }
    let follower = match words.get(n + 1) {
        Some(w) => w.to_lowercase(),
        None => after.trim_start().chars().take(2).collect(),
    };
    let model_word = MODEL_WORDS.contains(&follower.as_str())
        || matches!(follower.as_str(), "series" | "family" | "系列" | "家族");
    model_word.then(|| (word.to_string(), Some(follower)))
}

/// Words that end a Chinese name without being part of it ("云雀模型" is 云雀), or that name no
/// model on their own.
const CJK_GENERIC: &[&str] = &["大模型", "模型", "框架", "架构", "方法", "版本", "系列"];

/// Words that mark a Chinese phrase as a description, not a name.
const CJK_NOT_NAMES: &[&str] = &[
    "已有",
    "开源",
    "中文",
    "英文",
    "数据",
    "原版",
    "现有",
    "可商用",
    "大规模",
    "领域",
    "技术",
];

/// A name written in Chinese: the run of CJK characters up to a space, a digit or punctuation,
/// less a generic word at its end ("云雀 7b模型" → "云雀"); none when nothing but generic words.
fn cjk_object(rest: &str) -> Option<(String, Option<String>)> {
    let run: String = rest.chars().take_while(|&c| is_cjk(c)).collect();
    // a Latin name right after the Chinese words is the object ("开源中英双语对话模型 ChatGLM-6B",
    // "原版LLaMA")
    let after = rest[run.len()..].trim_start();
    if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return latin_object(after);
    }
    let mut name = run.as_str();
    let mut next = None;
    for g in CJK_GENERIC {
        if let Some(n) = name.strip_suffix(g) {
            name = n;
            next = Some(g.to_string());
            break;
        }
    }
    // a possessive (的) makes it a phrase, not a name ("基于冻结的4bit量化模型"), and so does a
    // long run or a descriptive word ("大规模中文数据", "已有开源")
    let generic = name.is_empty()
        || CJK_GENERIC.contains(&name)
        || name.contains('的')
        || !(2..=4).contains(&name.chars().count())
        || CJK_NOT_NAMES.iter().any(|w| name.contains(w));
    (!generic).then(|| (name.to_string(), next))
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
        SectionKind::Method | SectionKind::Dataset => Vec::new(),
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
    while let Some((d, n)) = value::date::opening(&s[len..]) {
        if len == 0 {
            date = d;
        }
        len += n;
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

/// Organizations: the subject of the first sentence when it opens with a date ("2023/02, Meta
/// AI proposes", "2023年3月，斯坦福大学提出", "UC伯克利大学联合CMU、斯坦福大学提出的"), split into names.
/// An undated description ("该项目开源了...", "ChatGLM3-6B 是由...") names none: its subject is the
/// project, not who made it.
fn organizations(e: &Entry) -> Vec<String> {
    let Some(first) = e.sents.first().filter(|s| s.body > s.range.start) else {
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
        // "阿里通义千问70亿模型开源": a subject that ends in a word for a model is the model
        .filter(|o| !MODEL_SUBJECT_ENDS.iter().any(|w| o.ends_with(w)))
        .map(str::to_string)
        .collect()
}

/// Names that are the entry itself: its name and what its first sentence proposes (unless
/// that heads a clause of its own, [`clause_openers`]).
fn own_names(e: &Entry) -> Vec<String> {
    let mut own = vec![e.key.clone()];
    if let Some(first) = e.sents.first() {
        let cut = before_comparison(&e.text[first.body..first.range.end]);
        let body: &str = &cut;
        // a model of the entry's family that heads a clause of its own is a model named
        // inside it, not the entry ("由北大开源的一系列...大模型, 包括ChatLaw-13B (基于...)")
        let openers = clause_openers(e, first);
        if let Some(m) = PROPOSE
            .iter()
            .filter_map(|re| re.find(body))
            .min_by_key(|m| m.start())
            && let Some((pos, tok)) = first_model_token(&body[m.end()..], 12)
            && !openers.contains(&(first.body + m.end() + pos, tok.clone()))
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
            // the list ends at the first item that ends in no name, or in a phrase of three
            // words or more that names no model ("开源了7B参数量的模型, 同时提出...测试集 OwlEval,
            // ...包括LLaVA": a benchmark and compared models follow); a word or two is a label
            // ("specialized models for coding, Qwen2.5-Coder, and mathematics, Qwen2.5-Math")
            let Some(t) = TRAILING_TOKEN.captures(item).and_then(|t| t.get(1)) else {
                break;
            };
            if !is_model_token(t.as_str()) {
                if item.split_whitespace().count() >= 3 {
                    break;
                }
                continue;
            }
            if !item[..t.start()].chars().any(char::is_uppercase) {
                let at = item.as_ptr() as usize - list.as_str().as_ptr() as usize + t.start();
                found.push((base + list.start() + at, t.as_str().to_string(), Vec::new()));
            }
        }
    }
    for (pos, name) in clause_openers(e, sent) {
        found.push((pos, name, Vec::new()));
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
                kind: link::kind_of(&link.url),
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
                sizes.extend(size::in_text(&c[1]));
            } else if let Some(c) = APPOSITIVE_RES.iter().find_map(|re| re.captures(after)) {
                sizes.extend(sizes_by_rules(&c["desc"], true));
            }
        }
        if sizes.is_empty() {
            sizes = size::in_name(&sub.name);
        }
        size::sort(&mut sizes);
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
    let name_has_size = !size::in_name(e.name).is_empty();
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
                    sizes.extend(size::in_text(g.as_str()));
                }
            }
        }
    }
    if sizes.is_empty() {
        sizes = size::in_name(e.name);
    }
    size::sort(&mut sizes);
    sizes
}

/// Lineage statements: every rule of the lineage table over every sentence. The subject is
/// the entry, the model a later segment's sentence names, or the model of the entry's family
/// that opens the clause ([`clause_openers`]); a chain of bases after an object ([`chain`]:
/// "基于A->B->C") states, beside the subject's A, that A builds on B and B on C. Where a sentence says what was fine-tuned, its
/// plain "based on" names a recipe, a code base or data, no parent ("基于 Stanford Alpaca, 实现基于
/// Bloom, LLama的监督微调", "fine-tuned from LLaMA based on the ShareGPT dataset"): a mention
/// ([`Statement::is_mention`]), which stands only where its object is no model.
fn statements(e: &Entry, subs: &[Sub]) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for (si, sent) in e.sents.iter().enumerate() {
        // whether each statement of the sentence comes from a plain "based on"
        let mut plain: Vec<bool> = Vec::new();
        let full = &e.text[sent.body..sent.range.end];
        let cut = before_comparison(full);
        let gated: &str = &cut;
        let subject = subs
            .iter()
            .find(|(_, i)| *i == si && sent.segment > 0)
            .map_or(e.name, |(s, _)| s.name.as_str());
        let openers = clause_openers(e, sent);
        let sentence = e.text[sent.range.clone()].to_string();
        let line = line_at(e.d, sent.range.start);
        let first = out.len();
        // object positions already read, relative to the sentence body
        let mut taken: HashSet<usize> = HashSet::new();
        for (rule, re) in LINEAGE.iter().zip(LINEAGE_RES.iter()) {
            let text = match rule.scope {
                Scope::BeforeComparison => gated,
                Scope::Sentence => full,
            };
            for c in re.captures_iter(text) {
                let Some(at) = object_start(rule, &c) else {
                    continue;
                };
                if !taken.insert(at) {
                    continue;
                }
                let subject = clause_subject(&openers, subs, sent.body + at).unwrap_or(subject);
                let reading = Reading { si, text, subject };
                let found = apply(e, &reading, subs, rule, &c);
                for (subj, rel, obj, linked) in with_chains(found, &text[at..], at, &mut taken) {
                    if name_key(&obj) == name_key(&subj)
                        || out
                            .iter()
                            .any(|s| s.subject == subj && s.relation == rel && s.object == obj)
                    {
                        continue;
                    }
                    plain.push(!linked && rule.rel == Rel::BasedOn && rel == Relation::DerivedFrom);
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
        recipes_to_mentions(&mut out, first, &plain);
    }
    out
}

/// Makes the statements from `first` on that come from a plain "based on" (`plain`, one flag
/// each) mentions (`uses`) where the sentence says their subject was fine-tuned: the "based on"
/// names a recipe, a code base or data, which only what its object is can tell. A mention of
/// what the sentence states otherwise, or again, is dropped.
fn recipes_to_mentions(out: &mut Vec<Statement>, first: usize, plain: &[bool]) {
    let tuned: Vec<String> = out[first..]
        .iter()
        .filter(|s| s.relation == Relation::FineTunedFrom)
        .map(|s| s.subject.clone())
        .collect();
    for (s, &plain) in out[first..].iter_mut().zip(plain) {
        if plain && tuned.contains(&s.subject) {
            s.relation = Relation::Uses;
        }
    }
    let stated: Vec<(String, String)> = (out[first..].iter())
        .filter(|s| !s.is_mention())
        .map(|s| (s.subject.clone(), s.object.clone()))
        .collect();
    let mut seen = Vec::new();
    let mut idx = 0;
    out.retain(|s| {
        idx += 1;
        if idx <= first || !s.is_mention() {
            return true;
        }
        let pair = (s.subject.clone(), s.object.clone());
        let keep = !stated.contains(&pair) && !seen.contains(&pair);
        seen.push(pair);
        keep
    });
}

/// What one match of a lineage rule states, each statement followed by the links of the chain
/// of bases written after its object ([`chain`]), marked `true` (a mention has none). `text` starts at the object,
/// `at` bytes into the text the rule read; the chain's names are `taken`, so that no later
/// rule reads one of them again as the entry's ("基于Guanaco->基于LLaMA").
fn with_chains(
    found: Vec<(String, Relation, String)>,
    text: &str,
    at: usize,
    taken: &mut HashSet<usize>,
) -> Vec<(String, Relation, String, bool)> {
    let mut stated = Vec::new();
    for (subj, rel, obj) in found {
        // a mention is no base, nor is what it is written to build on
        let links = if rel == Relation::Uses {
            Vec::new()
        } else {
            chain(text, &obj)
        };
        taken.extend(links.iter().map(|(_, _, pos)| at + pos));
        let link_rel = chain_relation(rel);
        stated.push((subj, rel, obj, false));
        stated.extend(links.into_iter().map(|(s, o, _)| (s, link_rel, o, true)));
    }
    stated
}

/// The links of a chain of bases written after a lineage object with arrows
/// ("基于Ziya-LLaMA-13B-v1->LLaMA", "基于Anima33B->Guanaco->LLaMA", "基于Guanaco->基于LLaMA"): each
/// name builds on the next. `text` starts where the object `first` does; gives each link's
/// subject and object, and where the object stands in `text`.
fn chain(text: &str, first: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let Some(start) = text.find(first) else {
        return out;
    };
    let mut end = start + first.len();
    let mut subject = first.to_string();
    while let Some(after) =
        (CHAIN_ARROWS.iter()).find_map(|a| text[end..].trim_start().strip_prefix(a))
    {
        let after = after.trim_start();
        let after = (CHAIN_REPEATS.iter())
            .find_map(|w| after.strip_prefix(w))
            .unwrap_or(after)
            .trim_start();
        let Some(name) = take_object(after)
            .map(|o| o.0)
            .or_else(|| mentioned_word(after))
        else {
            break;
        };
        let Some(at) = after.find(&name) else {
            break;
        };
        let pos = text.len() - after.len() + at;
        end = pos + name.len();
        out.push((std::mem::replace(&mut subject, name.clone()), name, pos));
    }
    out
}

/// The relation of a link of a chain of bases: what an arrow says, that one builds on the next
/// (`derived_from`), or `built_on` and `extends` where the statement it follows says that of a
/// framework or a method; how the entry was made (fine-tuned, quantized) says nothing of how
/// its base was.
fn chain_relation(rel: Relation) -> Relation {
    match rel {
        Relation::BuiltOn | Relation::Extends => rel,
        _ => Relation::DerivedFrom,
    }
}

// a name at the head of a clause: "ChatLaw-33B, 基于Anima-33B训练而来", "ChatLaw-13B (基于...)",
// "ChatLaw-13B基于..."
re!(
    CLAUSE_OPENER,
    r"^\s*([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+)\s*"
);

// a Latin-script name with a hyphen or dot, as a family's models are named ("ChatLaw-13B")
re!(FAMILY_NAME, r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+");

/// The models of the entry's family (names that start with the entry's) that open a clause of
/// a sentence and state its lineage, with where they stand in the text: "其一共开源了三个模型:
/// ChatLaw-13B, 基于...; ChatLaw-33B, 基于Anima-33B训练而来; ChatLaw-Text2Vec, ...基于BERT训练了...",
/// "包括ChatLaw-13B (基于...), ChatLaw-33B (基于...)" and "ChatLaw-13B基于...,ChatLaw-33B基于..."
/// state the lineage of each, not of ChatLaw. A clause opens the sentence or follows one of
/// [`CLAUSE_STARTS`](phrases::CLAUSE_STARTS) (`;`, `:`, `,`, `包括`); the name heads it when a
/// comma, a colon, a parenthesis or Chinese text follows it, but not a word that joins it to
/// the next name ("ChatLaw-13B和ChatLaw-33B", [`CLAUSE_JOINERS`](phrases::CLAUSE_JOINERS)), and
/// the clause (up to the next name of the family) states a lineage object: a list of releases
/// ("including Qwen2-0.5B, Qwen2-1.5B, ...") names models, it opens no clauses. The entry's
/// own name opens a clause too: what follows it is the entry's again.
fn clause_openers(e: &Entry, sent: &Sentence) -> Vec<(usize, String)> {
    let body = &e.text[sent.body..sent.range.end];
    let starts = std::iter::once(0).chain(
        (CLAUSE_STARTS.iter()).flat_map(|w| body.match_indices(w).map(|(i, m)| i + m.len())),
    );
    // (where the name stands, where its clause's text starts, the name)
    let mut heads: Vec<(usize, usize, String)> = starts
        .filter_map(|start| {
            let c = CLAUSE_OPENER.captures(&body[start..])?;
            let name = c.get(1)?;
            let after = start + c.get(0)?.end();
            let rest = &body[after..];
            let heads = rest.starts_with([',', ':', '('])
                || (rest.starts_with(is_cjk)
                    && !CLAUSE_JOINERS.iter().any(|w| rest.starts_with(w)));
            (heads && name_key(name.as_str()).starts_with(&e.key))
                .then(|| (start + name.start(), after, name.as_str().to_string()))
        })
        .collect();
    heads.sort();
    heads.dedup();
    if heads.iter().all(|(_, _, n)| name_key(n) == e.key) {
        return (heads.into_iter())
            .map(|(at, _, n)| (sent.body + at, n))
            .collect();
    }
    let objects = lineage_objects(body);
    // a clause runs up to the next name of the family, heading a clause or not ("Qwen2-7B, and
    // Qwen2-72B, based on ..."), a base it names included ("X-33B基于X-13B")
    let family: Vec<usize> = (FAMILY_NAME.find_iter(body))
        .filter(|m| name_key(m.as_str()).starts_with(&e.key))
        .map(|m| m.start())
        .collect();
    heads
        .into_iter()
        .filter(|(at, from, name)| {
            let until = (family.iter().copied())
                .find(|p| p > at)
                .unwrap_or(body.len());
            name_key(name) == e.key || objects.iter().any(|p| (*from..=until).contains(p))
        })
        .map(|(at, _, name)| (sent.body + at, name))
        .collect()
}

/// Where the lineage rules find an object in a sentence's body (before its first comparison,
/// or in the whole sentence, as each rule reads).
fn lineage_objects(body: &str) -> Vec<usize> {
    let cut = before_comparison(body);
    let gated: &str = &cut;
    let mut out = Vec::new();
    for (rule, re) in LINEAGE.iter().zip(LINEAGE_RES.iter()) {
        let text = match rule.scope {
            Scope::BeforeComparison => gated,
            Scope::Sentence => body,
        };
        out.extend(
            re.captures_iter(text)
                .filter_map(|c| object_start(rule, &c)),
        );
    }
    out
}

/// The subject of an object at `pos`: the model of the last clause opener before it, when that
/// model is one named inside the entry (an opener that is the entry's own name keeps the entry).
fn clause_subject<'a>(openers: &[(usize, String)], subs: &'a [Sub], pos: usize) -> Option<&'a str> {
    let (_, name) = openers.iter().rev().find(|(at, _)| *at <= pos)?;
    let key = name_key(name);
    subs.iter()
        .find(|(s, _)| name_key(&s.name) == key)
        .map(|(s, _)| s.name.as_str())
}

/// Where a rule's object starts in the text it read.
fn object_start(rule: &LineageRule, c: &Captures) -> Option<usize> {
    let group = match rule.obj {
        Obj::After | Obj::AfterModel => return c.get(0).map(|m| m.end()),
        Obj::Named | Obj::List => "obj",
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

/// What one match of a lineage rule states: subject, relation and object (one per name of a
/// list the rule reads: "基于Bloom, LLama的监督微调").
fn apply(
    e: &Entry,
    at: &Reading,
    subs: &[Sub],
    rule: &LineageRule,
    c: &Captures,
) -> Vec<(String, Relation, String)> {
    let reads_joined = matches!(rule.rel, Rel::BasedOn | Rel::Mention) && rule.obj == Obj::After;
    let rest = c.get(0).map_or("", |whole| &at.text[whole.end()..]);
    let (subject, objects, lower) = match objects(e, at, subs, rule, c) {
        Some((subject, objects)) => (subject, objects, false),
        // "built on vLLM": a word in lower case is a mention
        None if reads_joined => match mentioned_word(rest) {
            Some(word) => (at.subject.to_string(), vec![(word, None)], true),
            None => return Vec::new(),
        },
        None => return Vec::new(),
    };
    let method = e.kind == SectionKind::Method;
    // "based on PyTorch and LangChain": every name after the first is a mention
    let joined = match objects.first() {
        Some((first, _)) if reads_joined => joined_names(rest, first),
        _ => Vec::new(),
    };
    // a model of the entry's family after a comma opens a clause of its own
    // ("Lexi-13B基于Zhuque-13B,Lexi-33B基于Lexi-13B")
    let mentions = (joined.into_iter())
        .filter(|name| !name_key(name).starts_with(&e.key))
        .map(|name| (subject.clone(), Relation::Uses, name));
    objects
        .into_iter()
        .filter_map(|(object, next)| {
            if lower {
                return Some((subject.clone(), Relation::Uses, object));
            }
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
                Rel::Mention => Relation::Uses,
            };
            Some((subject.clone(), relation, object))
        })
        .chain(mentions)
        .collect()
}

/// The word a "based on" or "built on" phrase is followed by where it names no object by
/// [`take_object`] (a name in lower case: `vLLM`, `llama.cpp`, `bitsandbytes`): its Latin
/// letters, digits and `-._+`, after an article.
fn mentioned_word(rest: &str) -> Option<String> {
    let word = (rest.split_whitespace())
        .find(|w| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))?;
    let end = (word.char_indices())
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || "-._+".contains(c)))
        .map_or(word.len(), |(i, _)| i);
    let word = word[..end].trim_end_matches(['.', '-', '_', '+']);
    word.starts_with(|c: char| c.is_ascii_alphabetic())
        .then(|| word.to_string())
}

/// Text after a name less a word that says what kind of thing it names ("the Llama 2 model
/// and ...", "the GLM framework and ...").
fn skip_kind_word(t: &str) -> &str {
    let word = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let kind = MODEL_WORDS.contains(&word.to_lowercase().as_str())
        || FRAMEWORK_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w));
    if kind && !word.is_empty() {
        t[word.len()..].trim_start()
    } else {
        t
    }
}

/// How far after a phrase its object is read, in bytes: a name of five words and the word
/// after it, so that a sentence of many phrases is read in time linear in its length.
const OBJECT_WINDOW: usize = 256;

/// The first `max` bytes of `text`, or fewer, to a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How far after a "based on" object [`joined_names`] reads, in bytes, and how many names.
const JOINED_WINDOW: usize = 240;
const JOINED_MAX: usize = 6;

/// The names joined to the object `first` that `rest` opens with ("PyTorch and LangChain",
/// "A, B and C", "A和B": [`NAME_JOINERS`](phrases::NAME_JOINERS)), names after a comma only
/// where a word of the list ("and", 和, 、) closes them ("基于X模型, SFT微调了..." opens a
/// clause), read within [`JOINED_WINDOW`] bytes and at most [`JOINED_MAX`] of them, so that a sentence is read in
/// time linear in its length; a name the window cuts is left out.
fn joined_names(rest: &str, first: &str) -> Vec<String> {
    let window = head(rest, JOINED_WINDOW);
    let end = window.len();
    let Some(at) = window.find(first) else {
        return Vec::new();
    };
    let mut tail = &window[at + first.len()..];
    let mut out = Vec::new();
    // how many names a word of a list ("and", 和, 、) has closed: a name after a comma alone
    // may open a clause instead ("基于X模型, SFT微调了...")
    let mut closed = 0;
    while out.len() < JOINED_MAX {
        let t = skip_kind_word(tail.trim_start());
        let Some((joiner, after)) =
            (phrases::NAME_JOINERS.iter()).find_map(|j| Some((j, t.strip_prefix(j)?)))
        else {
            break;
        };
        let comma = joiner.trim() == ",";
        // a comma before Chinese text opens a clause ("基于 X, 实现...")
        if comma && after.trim_start().starts_with(is_cjk) {
            break;
        }
        // a name in lower case here must look like one (`vLLM`, `llama.cpp`), not a verb
        // ("built on vLLM and fine-tuned from ...")
        let lower = || {
            mentioned_word(after).filter(|w| {
                w.contains(['.', '_'])
                    || w.chars()
                        .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
        };
        let Some(name) = take_object(after).map(|o| o.0).or_else(lower) else {
            break;
        };
        let Some(pos) = after.find(&name) else {
            break;
        };
        tail = &after[pos + name.len()..];
        if tail.is_empty() && end < rest.len() {
            break;
        }
        out.push(name);
        if !comma {
            closed = out.len();
        }
    }
    out.truncate(closed);
    out
}

/// An object with the word after it.
type Object = (String, Option<String>);

/// The subject of one match of a lineage rule and the objects it names.
fn objects(
    e: &Entry,
    at: &Reading,
    subs: &[Sub],
    rule: &LineageRule,
    c: &Captures,
) -> Option<(String, Vec<Object>)> {
    let subject = at.subject.to_string();
    let whole = c.get(0)?;
    Some(match rule.obj {
        Obj::After | Obj::AfterModel => {
            let (obj, next) = take_object(head(&at.text[whole.end()..], OBJECT_WINDOW))?;
            if rule.obj == Obj::AfterModel && !names_a_model(&obj, next.as_deref()) {
                return None;
            }
            (subject, vec![(obj, next)])
        }
        Obj::Named => (subject, vec![take_object(&c["obj"])?]),
        Obj::List => {
            let objects = LIST_SPLIT
                .split(&c["obj"])
                .filter_map(take_object)
                .collect();
            (subject, objects)
        }
        Obj::Generation => (subject, vec![(previous_generation(e, at.si, c)?, None)]),
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
            (subject, vec![(from, None)])
        }
    })
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

/// The longest entry name (in bytes) whose sizes are looked for after it in the prose.
pub(crate) const NAME_REGEX_MAX: usize = 256;

/// A small regex for the entry's name, spaces and hyphens interchangeable ("Llama 3.2",
/// "Qwen2"); what follows a match is read with `AFTER_NAME` ("Qwen2-0.5B", "Llama 3.2 1B and
/// 3B", "Qwen2.5(0.5B, ...)", "Phi-3-small (7B)").
/// Names longer than [`NAME_REGEX_MAX`] are not looked for (no model name is that long, and a
/// case-insensitive regex of a 10 MB name took 4 GB to build).
fn entry_name_regex(name: &str) -> Option<Regex> {
    if name.len() > NAME_REGEX_MAX {
        return None;
    }
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

/// Drops a `derived_from` statement where another sentence of the entry says more precisely how
/// the same subject comes from the same object (fine-tuned, quantized, a successor, ...).
pub(crate) fn most_specific(statements: &mut Vec<Statement>) {
    let precise: Vec<(String, String)> = statements
        .iter()
        .filter(|s| s.relation != Relation::DerivedFrom && s.relation.is_lineage())
        .map(|s| (s.subject.clone(), s.object.clone()))
        .collect();
    statements.retain(|s| {
        s.relation != Relation::DerivedFrom
            || !precise.contains(&(s.subject.clone(), s.object.clone()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_set_is_known_by_its_name_or_the_word_beside_it() {
        let s =
            "具体包括ChatMed-Consult : 基于中文医疗在线问诊数据集ChatMed_Consult_Dataset的50w+问诊";
        assert!(written_as_data("ChatMed_Consult_Dataset", s));
        assert!(written_as_data("GuanacoDataset", ""));
        assert!(written_as_data("RedPajama-Data", ""));
        assert!(written_as_data(
            "HerbInstruct",
            "基于中药指令数据集HerbInstruct，调用ChatGPT"
        ));
        assert!(written_as_data(
            "PillQA",
            "该模型由PillQA数据集基于Baichuan-13B指令微调得到"
        ));
        assert!(written_as_data(
            "Alpaca",
            "fine-tuned on the Alpaca dataset."
        ));
        assert!(written_as_data(
            "ShareGPT",
            "based on the data set ShareGPT."
        ));
        // a model beside data words that are not about it, a name that holds "data"
        assert!(!written_as_data("LLaMA-7B", s));
        assert!(!written_as_data(
            "Baichuan-13B",
            "该模型由PillQA数据集基于Baichuan-13B指令微调得到"
        ));
        assert!(!written_as_data("Llama 2", "Llama 2 datacenter edition"));
        assert!(!written_as_data("Metadata", ""));
        assert!(!written_as_data("", "数据集"));
        // a name the sentence repeats is read near each place it stands
        let long = format!("{}基于数据集Herb训练", "中Herb ".repeat(10_000));
        assert!(written_as_data("Herb", &long));
        assert!(!written_as_data("Herb", &"中Herb ".repeat(10_000)));
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
    fn chinese_names_are_objects() {
        assert_eq!(
            take_object("云雀 7b模型").map(|o| o.0).as_deref(),
            Some("云雀")
        );
        assert_eq!(take_object("云雀模型").unwrap().1.as_deref(), Some("模型"));
        assert_eq!(take_object("冻结的4bit量化模型"), None);
        assert_eq!(take_object("大模型"), None);
        assert_eq!(take_object("大规模中文数据"), None);
        assert_eq!(
            take_object("开源中英双语对话模型 ChatGLM-6B 的第二代版本")
                .map(|o| o.0)
                .as_deref(),
            Some("ChatGLM-6B")
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
        // LLMs-In-China's chains of bases: the base is the first of the chain
        let chained = "Ziya-LLaMA-13B-v1->LLaMA,ChatLaw-33B";
        assert_eq!(clean_object(chained).unwrap().0, "Ziya-LLaMA-13B-v1");
        assert_eq!(
            clean_object("Anima33B->Guanaco->LLaMA").unwrap().0,
            "Anima33B"
        );
        assert_eq!(clean_object("Guanaco->").unwrap().0, "Guanaco");
        assert_eq!(clean_object("BELLE→LLaMA").unwrap().0, "BELLE");
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::ingest::list::phrases::{ORGANIZATIONS, SIZE_RULES, compile};
    use crate::ingest::list::{ListOptions, parse};
    use Relation::*;
    use SectionKind::{Method, Model};

    fn facts(name: &str, kind: SectionKind, text: &str) -> Facts {
        let lines = vec![1; text.len()];
        read(
            name,
            kind,
            &Description {
                text,
                lines: &lines,
                links: &[],
            },
        )
    }

    fn said(f: &Facts) -> Vec<(String, Relation, String)> {
        f.statements
            .iter()
            .map(|s| (s.subject.clone(), s.relation, s.object.clone()))
            .collect()
    }

    type Case = (
        &'static str,
        SectionKind,
        &'static str,
        &'static [(&'static str, Relation, &'static str)],
    );

    /// One case per lineage row at least (English and Chinese), and cases that must say
    /// nothing. Texts are as `normalise` leaves them (`，` → ", ").
    const LINEAGE_CASES: &[Case] = &[
        // what an entry is built with: the first name of "based on" as the phrase says (the
        // builder types it by what it is), every further name and a "built on" a mention
        (
            "BarBot",
            Model,
            "2023/06, Bar Lab proposes BarBot, a chatbot based on PyTorch and LangChain.",
            &[
                ("BarBot", DerivedFrom, "PyTorch"),
                ("BarBot", Uses, "LangChain"),
            ],
        ),
        (
            "BazLM",
            Model,
            "2023/06, Baz Lab proposes BazLM, built on vLLM and fine-tuned from Vicuna.",
            &[("BazLM", FineTunedFrom, "Vicuna"), ("BazLM", Uses, "vLLM")],
        ),
        // beside a fine-tune, "based on" names the recipe or the data: a mention
        (
            "FooChat",
            Model,
            "2023/05, Foo University proposes FooChat, fine-tuned from LLaMA based on the ShareGPT dataset.",
            &[
                ("FooChat", FineTunedFrom, "LLaMA"),
                ("FooChat", Uses, "ShareGPT"),
            ],
        ),
        (
            "Quux",
            Model,
            "Quux基于PyTorch、JAX和llama.cpp开发。",
            &[
                ("Quux", DerivedFrom, "PyTorch"),
                ("Quux", Uses, "JAX"),
                ("Quux", Uses, "llama.cpp"),
            ],
        ),
        (
            "StableVicuna",
            Model,
            "Carper AI release RLHF-trained version of Vicuna-13B!",
            &[("StableVicuna", FineTunedFrom, "Vicuna-13B")],
        ),
        (
            "Vicuna-13B",
            Model,
            "An open chatbot, fine-tune LLaMA on ~70K conversations from ShareGPT.",
            &[("Vicuna-13B", FineTunedFrom, "LLaMA")],
        ),
        // a method that fine-tunes a model is no fine-tune of it
        (
            "LoRA",
            Method,
            "Fine-tuning GPT-3 with low-rank adapters.",
            &[],
        ),
        (
            "Alpaca",
            Model,
            "2023/03, Stanford proposes Alpaca, fine-tuned from the Llama 7b model.",
            &[("Alpaca", FineTunedFrom, "Llama")],
        ),
        (
            "Chat2",
            Model,
            "A chat model fine-tuned on Llama 2 with dialogue data.",
            &[("Chat2", FineTunedFrom, "Llama 2")],
        ),
        (
            "Chat2",
            Model,
            "A chat model fine-tuned on the Alpaca dataset.",
            &[],
        ),
        (
            "R1-32B",
            Model,
            "A fine-tuned version of Qwen2.5-32B-Instruct on reasoning traces.",
            &[("R1-32B", FineTunedFrom, "Qwen2.5-32B-Instruct")],
        ),
        (
            "R1-14B",
            Model,
            "Fine-tuned from DeepSeek-R1-Distilled-Qwen-14B with RL.",
            &[("R1-14B", FineTunedFrom, "DeepSeek-R1-Distilled-Qwen-14B")],
        ),
        (
            "Alpaca",
            Model,
            "2023年3月, 斯坦福大学提出基于Llama 7b模型微调的开源大模型Alpaca。",
            &[("Alpaca", FineTunedFrom, "Llama")],
        ),
        (
            "Zephyr",
            Model,
            "在Mistral-7B上微调的对话模型。",
            &[("Zephyr", FineTunedFrom, "Mistral-7B")],
        ),
        (
            "Chat",
            Model,
            "该模型由Qwen2-7B微调而来。",
            &[("Chat", FineTunedFrom, "Qwen2-7B")],
        ),
        (
            "Chat",
            Model,
            "这是Llama 2的微调版本。",
            &[("Chat", FineTunedFrom, "Llama 2")],
        ),
        (
            "Coder-LoRA",
            Model,
            "A LoRA adapter for Llama-2-7b trained on code.",
            &[("Coder-LoRA", AdapterOf, "Llama-2-7b")],
        ),
        (
            "LoRA",
            Method,
            "LoRA adds a small adapter for each Transformer layer.",
            &[],
        ),
        (
            "Coder-LoRA",
            Model,
            "Llama-2-7b的LoRA适配器。",
            &[("Coder-LoRA", AdapterOf, "Llama-2-7b")],
        ),
        (
            "Mixtral-GGUF",
            Model,
            "A quantized version of Mixtral-8x7B in GGUF format.",
            &[("Mixtral-GGUF", QuantizedFrom, "Mixtral-8x7B")],
        ),
        (
            "Qwen2-AWQ",
            Model,
            "Weights quantized from Qwen2-72B with AWQ.",
            &[("Qwen2-AWQ", QuantizedFrom, "Qwen2-72B")],
        ),
        (
            "Qwen-Int4",
            Model,
            "Qwen-7B的4bit量化版本。",
            &[("Qwen-Int4", QuantizedFrom, "Qwen-7B")],
        ),
        (
            "Small",
            Model,
            "A small model distilled from DeepSeek-R1 outputs.",
            &[("Small", DerivedFrom, "DeepSeek-R1")],
        ),
        (
            "Small",
            Model,
            "从DeepSeek-R1蒸馏得到的小模型。",
            &[("Small", DerivedFrom, "DeepSeek-R1")],
        ),
        (
            "Small",
            Model,
            "蒸馏自Qwen2.5-72B的小模型。",
            &[("Small", DerivedFrom, "Qwen2.5-72B")],
        ),
        (
            "CodeX",
            Model,
            "Continued pre-training of Llama 2 on code.",
            &[("CodeX", DerivedFrom, "Llama 2")],
        ),
        (
            "CodeX",
            Model,
            "Continually pretrained on Llama-2-7b with 500B tokens.",
            &[("CodeX", DerivedFrom, "Llama-2-7b")],
        ),
        ("CodeX", Model, "Continually pretrained on The Pile.", &[]),
        (
            "Qwen",
            Model,
            "It is pretrained on a large volume of data, including Common Crawl.",
            &[],
        ),
        (
            "CodeX",
            Model,
            "对Llama 2进行继续预训练得到的代码模型。",
            &[("CodeX", DerivedFrom, "Llama 2")],
        ),
        (
            "R1-7B",
            Model,
            "A reasoning model based on DeepSeek-R1-Distill-Qwen-7B.",
            &[("R1-7B", DerivedFrom, "DeepSeek-R1-Distill-Qwen-7B")],
        ),
        (
            "ChatGLM",
            Model,
            "A bilingual model based on General Language Model framework.",
            &[("ChatGLM", BuiltOn, "General Language Model")],
        ),
        (
            "QLoRA",
            Method,
            "A method based on LoRA and 4-bit weights.",
            &[("QLoRA", Extends, "LoRA")],
        ),
        (
            "Code Llama",
            Model,
            "2023年8月, Meta AI 在 Llama 2 的基础上提出 Code LLama。",
            &[("Code Llama", DerivedFrom, "Llama 2")],
        ),
        (
            "ChatGLM",
            Model,
            "2023年3月, 清华大学提出了开源的双语大模型ChatGLM, 基于GLM框架。",
            &[("ChatGLM", BuiltOn, "GLM")],
        ),
        (
            "Baichuan-7b",
            Model,
            "这是一个基于Transformer架构的语言模型。",
            &[("Baichuan-7b", BuiltOn, "Transformer")],
        ),
        (
            "Chat",
            Model,
            "基于Qwen2-7B训练的对话模型。",
            &[("Chat", DerivedFrom, "Qwen2-7B")],
        ),
        (
            "QLoRA",
            Method,
            "一种基于LoRA方法的微调技术。",
            &[("QLoRA", Extends, "LoRA")],
        ),
        (
            "ChatGLM2",
            Model,
            "Tsinghua proposes the second-generation version of ChatGLM, with 6b.",
            &[("ChatGLM2", SuccessorOf, "ChatGLM")],
        ),
        (
            "ChatGLM2",
            Model,
            "2023年6月, 清华大学提出了ChatGLM的第二代版本ChatGLM 2, 规范为6b。",
            &[("ChatGLM2", SuccessorOf, "ChatGLM")],
        ),
        (
            "Llama 3",
            Model,
            "Meta proposes the third-generation Llama series model Llama 3. It follows Llama 2.",
            &[("Llama 3", SuccessorOf, "Llama 2")],
        ),
        (
            "Llama 3",
            Model,
            "Meta proposes the third-generation Llama series model Llama 3.",
            &[],
        ),
        (
            "Llama 2",
            Model,
            "Meta AI提出第二代Llama系列开源大模型Llama 2, 和Llama 1相比, 训练数据多40%。",
            &[("Llama 2", SuccessorOf, "Llama")],
        ),
        (
            "Llama 3",
            Model,
            "Meta AI提出第三代Llama系列开源大模型Llama 3。它是Llama 2的重大飞跃。",
            &[("Llama 3", SuccessorOf, "Llama 2")],
        ),
        (
            "Baichuan-13b",
            Model,
            "A large model, following Baichuan-7B, with two versions.",
            &[("Baichuan-13b", SuccessorOf, "Baichuan-7B")],
        ),
        (
            "Baichuan-13b",
            Model,
            "百川智能继Baichuan-7B之后, 提出Baichuan-13B。",
            &[("Baichuan-13b", SuccessorOf, "Baichuan-7B")],
        ),
        (
            "Qwen2",
            Model,
            "Alibaba proposed the evolution from Qwen1.5 to Qwen2, which is good.",
            &[("Qwen2", SuccessorOf, "Qwen1.5")],
        ),
        (
            "Qwen2",
            Model,
            "阿里云提出从Qwen1.5演进到Qwen2, Qwen2有5个模型尺寸。",
            &[("Qwen2", SuccessorOf, "Qwen1.5")],
        ),
        (
            "Qwen2",
            Model,
            "Notably, it surpasses its predecessor, Qwen1.5-110B, in speed.",
            &[("Qwen2", SuccessorOf, "Qwen1.5-110B")],
        ),
        (
            "Qwen2",
            Model,
            "在参数更少的情况下, 超越了上一代Qwen1.5-110B的性能。",
            &[("Qwen2", SuccessorOf, "Qwen1.5-110B")],
        ),
        (
            "Qwen-1.5-110B",
            Model,
            "Alibaba proposed the first 100B+ model of the Qwen1.5 series, Qwen1.5-110B.",
            &[("Qwen-1.5-110B", VariantOf, "Qwen1.5")],
        ),
        (
            "Qwen-1.5-110B",
            Model,
            "阿里云提出Qwen1.5系列首个100B+模型Qwen1.5-110B。",
            &[("Qwen-1.5-110B", VariantOf, "Qwen1.5")],
        ),
        (
            "ChatMed",
            Model,
            "该项目推出ChatMed系列中文医疗大模型，模型主干为LlaMA-7b并采用LoRA微调。",
            &[("ChatMed", DerivedFrom, "LlaMA-7b")],
        ),
        (
            "MedBot",
            Model,
            "A medical chat model. Its backbone model is Llama 2, tuned with LoRA.",
            &[("MedBot", DerivedFrom, "Llama 2")],
        ),
        (
            "P-Tuning V2",
            Method,
            "Tsinghua proposes P-Tuning V2, an improved version of P-Tuning.",
            &[("P-Tuning V2", Extends, "P-Tuning")],
        ),
        (
            "Qwen1.5",
            Model,
            "An improved version of Qwen with longer context.",
            &[("Qwen1.5", SuccessorOf, "Qwen")],
        ),
        (
            "P-Tuning V2",
            Method,
            "清华大学提出了P-Tuning的改进版本P-Tuning V2, 性能更优。",
            &[("P-Tuning V2", Extends, "P-Tuning")],
        ),
        (
            "QLoRA",
            Method,
            "Washington University proposes qlora, combined with LoRA method training.",
            &[("QLoRA", Extends, "LoRA")],
        ),
        (
            "Merged",
            Model,
            "A model combined with Llama 2 weights.",
            &[],
        ),
        (
            "QLoRA",
            Method,
            "2023年5月, 华盛顿大学基于冻结的4bit量化模型, 结合LoRA方法训练。",
            &[("QLoRA", Extends, "LoRA")],
        ),
        // a recipe beside a fine-tune of a list of bases; an owner's lower-case family; a "+"
        (
            "Lark",
            Model,
            "基于 Stanford Alpaca, 实现基于Bloom, LLama的监督微调。",
            &[
                ("Lark", FineTunedFrom, "Bloom"),
                ("Lark", FineTunedFrom, "LLama"),
                // the recipe: a mention, which names no parent
                ("Lark", Uses, "Stanford Alpaca"),
            ],
        ),
        (
            "Dorado",
            Model,
            "It is based on the EleutherAI pythia model family.",
            &[("Dorado", DerivedFrom, "pythia")],
        ),
        (
            "Dorado",
            Model,
            "基于开源EleutherAI pythia模型系列, 针对指令语料进行了微调。",
            &[("Dorado", DerivedFrom, "pythia")],
        ),
        (
            "ChatKiwi",
            Model,
            "An implementation based on LLaMA+AI chat.",
            &[("ChatKiwi", DerivedFrom, "LLaMA")],
        ),
        // comparisons are never edges
        (
            "Mistral-7B",
            Model,
            "Mistral 7B outperforms models based on Llama 2.",
            &[],
        ),
        // a chain of bases: the entry builds on the first, each on the next, a comma ends it
        (
            "Lawyer",
            Model,
            "Lawyer基于Ziya-13B->LLaMA,另一版基于Anima33B->Guanaco->LLaMA",
            &[
                ("Lawyer", DerivedFrom, "Ziya-13B"),
                ("Ziya-13B", DerivedFrom, "LLaMA"),
                ("Lawyer", DerivedFrom, "Anima33B"),
                ("Anima33B", DerivedFrom, "Guanaco"),
                ("Guanaco", DerivedFrom, "LLaMA"),
            ],
        ),
        // a "based on" repeated after the arrow is the chain's, not a second base of the entry
        (
            "Anima",
            Model,
            "基于Guanaco->基于LLaMA, 使用QLoRA",
            &[
                ("Anima", DerivedFrom, "Guanaco"),
                ("Guanaco", DerivedFrom, "LLaMA"),
            ],
        ),
        // how the entry was made says nothing of how its base was
        (
            "Tuned",
            Model,
            "Tuned is fine-tuned from Base-7B → Llama 2.",
            &[
                ("Tuned", FineTunedFrom, "Base-7B"),
                ("Base-7B", DerivedFrom, "Llama 2"),
            ],
        ),
        // a model of the family that heads a clause is the subject of the base it states
        (
            "Lexi",
            Model,
            "由某大学开源的一系列大模型, 包括Lexi-13B (基于Zhuque-13B训练而来), Lexi-33B (基于Lyra-33B训练而来), Lexi-Match, 使用判决书数据集基于BERT训练了一个匹配模型。",
            &[
                ("Lexi-13B", DerivedFrom, "Zhuque-13B"),
                ("Lexi-33B", DerivedFrom, "Lyra-33B"),
                ("Lexi-Match", DerivedFrom, "BERT"),
            ],
        ),
        (
            "Lexi",
            Model,
            "Lexi-13B基于Zhuque-13B,Lexi-33B基于Lexi-13B",
            &[
                ("Lexi-13B", DerivedFrom, "Zhuque-13B"),
                ("Lexi-33B", DerivedFrom, "Lexi-13B"),
            ],
        ),
        // a list of releases opens no clauses: the base after it is the entry's; names joined
        // by 和 head none either
        (
            "Qwen9",
            Model,
            "It has sizes including Qwen9-0.5B, Qwen9-7B, and Qwen9-72B, based on Foo-1.",
            &[("Qwen9", DerivedFrom, "Foo-1")],
        ),
        (
            "Lexi",
            Model,
            "Lexi-13B和Lexi-33B均基于Zhuque-13B",
            &[("Lexi", DerivedFrom, "Zhuque-13B")],
        ),
        ("MiniCPM", Model, "整体性能超越基于Llama 2的模型。", &[]),
        ("Yi", Model, "与基于Llama 2的模型相比, Yi更强。", &[]),
        ("Yi", Model, "Yi的性能优于Llama 2的微调版本。", &[]),
    ];

    #[test]
    fn every_lineage_row_reads_its_phrasing() {
        for (name, kind, text, expected) in LINEAGE_CASES {
            let got = said(&facts(name, *kind, text));
            let expected: Vec<(String, Relation, String)> = expected
                .iter()
                .map(|(s, r, o)| (s.to_string(), *r, o.to_string()))
                .collect();
            assert_eq!(got, expected, "{text}");
        }
        for (rule, re) in LINEAGE.iter().zip(LINEAGE_RES.iter()) {
            assert!(
                LINEAGE_CASES
                    .iter()
                    .any(|(_, _, t, exp)| !exp.is_empty() && re.is_match(t)),
                "no case reads row {}",
                rule.pattern
            );
        }
    }

    #[test]
    fn names_joined_to_an_object_are_read_near_it() {
        assert_eq!(
            joined_names("PyTorch, JAX, and Flax. Then", "PyTorch"),
            ["JAX", "Flax"]
        );
        assert_eq!(
            joined_names("the Llama 2 model and vLLM", "Llama 2"),
            ["vLLM"]
        );
        assert!(joined_names("Llama 2, with 7B", "Llama 2").is_empty());
        // a comma alone opens a clause
        assert!(joined_names("Ziya-13B模型, SFT微调了", "Ziya-13B").is_empty());
        assert!(joined_names("PyTorch, JAX. Then", "PyTorch").is_empty());
        assert_eq!(joined_names("A, B and C, D", "A"), ["B", "C"]);
        assert_eq!(
            mentioned_word(" the bitsandbytes library"),
            Some("bitsandbytes".into())
        );
        assert_eq!(mentioned_word("vLLM开发"), Some("vLLM".into()));
        assert_eq!(mentioned_word("开发"), None);
        // at most JOINED_MAX names, and none the window cuts
        let many = format!("A{}", " and Bee".repeat(100));
        assert_eq!(joined_names(&many, "A").len(), JOINED_MAX);
        let cut = format!("A and {}", "Z".repeat(JOINED_WINDOW));
        assert!(joined_names(&cut, "A").is_empty());
        // one sentence that names many "based on" objects is read near each of them (it
        // was read to its end for each: quadratic time)
        let long = format!("Zed, {}done.", "based on PyTorch and JAX, ".repeat(10_000));
        let f = facts("Zed", Model, &long);
        assert!(f.statements.iter().any(|s| s.object == "PyTorch"));
        assert!(
            f.statements
                .iter()
                .any(|s| s.object == "JAX" && s.is_mention())
        );
    }

    #[test]
    fn lineage_is_exposed() {
        assert!(
            !facts("Chat", Model, "这是Llama 2的微调版本。")
                .statements
                .is_empty()
        );
        assert!(
            facts("Yi", Model, "A model pretrained on The Pile.")
                .statements
                .is_empty()
        );
    }

    #[test]
    fn every_organization_row_reads_its_subject() {
        let cases: [(&str, &[&str]); 9] = [
            ("2023/02, Meta AI proposes Llama.", &["Meta AI"]),
            (
                "2021/03, Tsinghua University and others propose P-Tuning.",
                &["Tsinghua University"],
            ),
            (
                "2023年3月, 斯坦福大学提出基于Llama的Alpaca。",
                &["斯坦福大学"],
            ),
            (
                "2023年3月, UC伯克利大学联合CMU, 斯坦福大学提出的开源大模型Vicuna。",
                &["UC伯克利大学", "CMU", "斯坦福大学"],
            ),
            (
                "2023年4月, 北京大学和微软提出WizardLM。",
                &["北京大学", "微软"],
            ),
            (
                "2023年7月, 上海人工智能实验室和商汤科技等提出了InternLM。",
                &["上海人工智能实验室", "商汤科技"],
            ),
            (
                "2023年8月, Meta AI 在 Llama 2 的基础上提出 Code LLama。",
                &["Meta AI"],
            ),
            (
                "2023年7月, 百川智能继Baichuan-7B之后, 提出Baichuan-13B。",
                &["百川智能"],
            ),
            (
                "2023年5月, 华盛顿大学基于冻结的4bit量化模型, 结合LoRA方法训练。",
                &["华盛顿大学"],
            ),
        ];
        for (text, orgs) in cases {
            assert_eq!(facts("X", Method, text).organizations, orgs, "{text}");
        }
        // the subject is the model, not who made it
        let model = "2023年8月3日, 阿里通义千问70亿模型开源, 包括通用模型和对话模型。";
        assert!(facts("Qwen-7B", Model, model).organizations.is_empty());
        let two = "2024年2月, 面壁智能与清华大学自然语言处理实验室开源了大模型MiniCPM。";
        assert_eq!(
            facts("MiniCPM", Model, two).organizations,
            ["面壁智能", "清华大学自然语言处理实验室"]
        );
        for (p, re) in ORGANIZATIONS
            .iter()
            .zip(compile(ORGANIZATIONS.iter().copied()))
        {
            assert!(
                cases
                    .iter()
                    .any(|(t, _)| re.is_match(&t[leading_date(t).1..])),
                "no case reads row {p}"
            );
        }
    }

    #[test]
    fn every_size_row_reads_its_phrasing() {
        let cases: [(&str, &str, &[&str]); 13] = [
            (
                "Llama",
                "Meta AI proposes Llama, which has four scales: 7b, 13b, 33b, and 65b.",
                &["7B", "13B", "33B", "65B"],
            ),
            ("Baichuan", "It contains 7 billion parameters.", &["7B"]),
            (
                "MiniCPM",
                "Only 2.4B parameters (2.7B in total).",
                &["2.4B", "2.7B"],
            ),
            (
                "Mixtral",
                "It uses only 39B active parameters out of 141B.",
                &["39B active", "141B"],
            ),
            (
                "Llama 3.2",
                "It includes vision LLMs (11B and 90B) and text models (1B and 3B).",
                &["1B", "3B", "11B", "90B"],
            ),
            (
                "Llama",
                "Meta AI提出开源大模型Llama, 有7b, 13b, 33b, 65b共4种规模。",
                &["7B", "13B", "33B", "65B"],
            ),
            ("ChatGLM", "基于GLM框架, 参数规格为6b。", &["6B"]),
            (
                "Falcon",
                "具有 1b, 7b, 40b和180b四个参数规范。",
                &["1B", "7B", "40B", "180B"],
            ),
            (
                "Baichuan 2",
                "有7B和13B的基础版和聊天版, 以及4bits量化版。",
                &["7B", "13B"],
            ),
            (
                "Baichuan",
                "包含70亿个参数, 训练了约1.2万亿个tokens。",
                &["7B"],
            ),
            (
                "Mixtral",
                "仅使用 141B 个活动参数中的 39B 个。",
                &["39B active", "141B"],
            ),
            ("MiniCPM", "仅有 24亿 (2.4B) 的非词嵌入参数量。", &["2.4B"]),
            (
                "Llama 3.1",
                "他们推出了 8B 和 70B 模型的升级版, 以及纯文本模型 (1B 和 3B)。",
                &["1B", "3B", "8B", "70B"],
            ),
        ];
        for (name, text, sizes) in cases {
            assert_eq!(facts(name, Model, text).sizes, sizes, "{text}");
        }
        for ((p, _), re) in SIZE_RULES.iter().zip(SIZE_RES.iter()) {
            assert!(
                cases.iter().any(|(_, t, _)| re.is_match(t)),
                "no case reads row {p}"
            );
        }
    }

    #[test]
    fn chinese_dates_and_sentence_ends() {
        for (text, month) in [
            ("2023年3月, 清华大学提出ChatGLM。", (2023, 3)),
            ("2023年3月,清华大学提出ChatGLM。", (2023, 3)),
            ("2023年12月清华大学提出ChatGLM。", (2023, 12)),
            ("2024年9月, 2024/09, 阿里云发布了Qwen2.5。", (2024, 9)),
        ] {
            let f = facts("ChatGLM", Model, text);
            assert_eq!(f.released, Date::month(month.0, month.1), "{text}");
            assert!(!f.organizations.iter().any(|o| o.contains('2')), "{text}");
        }
        let t = "北京大学和微软提出WizardLM, 有7b共1种规格, 2023年6月, 提出了WizardMath。它很好！真的吗？是的";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "北京大学和微软提出WizardLM, 有7b共1种规格",
                "2023年6月, 提出了WizardMath。",
                "它很好！",
                "真的吗？",
                "是的"
            ]
        );
    }

    /// A small Chinese list in the style of the Chinese LLM-BaseModel page (sentences of our
    /// own), read end to end.
    const ZH_LIST: &str = "# 大模型列表

## 🔥 基础模型
- Yi [[paper](https://arxiv.org/abs/2403.04652)] [[model](https://huggingface.co/01-ai)]
  - 2023年11月, 零一万物提出开源大模型Yi，有6b、34b共2种规格，在多个基准上超越了Llama2-70B。

- Vicuna [[paper](https://lmsys.org/blog/2023-03-30-vicuna/)] [[code](https://github.com/lm-sys/FastChat)]
  - 2023年3月，UC伯克利大学联合CMU、斯坦福大学提出的开源大模型Vicuna，基于Llama模型微调，有7b和13b两种参数规格。

- InternLM2 [[code](https://github.com/InternLM/InternLM)]
  - 2024年1月，上海人工智能实验室和商汤科技等发布了InternLM2，在InternLM的基础上训练，包含70亿和200亿个参数。

- Qwen1.5 [[model](https://huggingface.co/Qwen)]
  - 2024年2月，阿里云发布了Qwen1.5，这是Qwen的改进版本，有0.5b、4b、14b、72b共4种规模。2024年4月，他们开源了Qwen1.5-32B和Qwen1.5-32B-Chat。

- Phi-1.5 [[paper](https://arxiv.org/abs/2309.05463)]
  - 2023年9月，微软研究院提出小语言模型phi-1.5，一个拥有1.3b个参数的Transformer。2023年12月，他们提出了[Phi-2](https://huggingface.co/microsoft/phi-2)，一个 2.7b参数的语言模型，在参数少于13b的模型中表现最好。

- DeepSeek [[code](https://github.com/deepseek-ai/DeepSeek-LLM)]
  - 2023年11月，深度求索提出了从头开始训练的开源大模型DeepSeek LLM，有7b和67b两种参数格式，2024年1月，提出了代码大模型DeepSeek-Coder，2024年2月提出了数学大模型DeepSeekMath。

## 💡 微调
- QLoRA [[paper](https://arxiv.org/abs/2305.14314)]
  - 2023年5月，华盛顿大学提出了QLoRA，在4bit量化的冻结模型上结合LoRA方法进行训练，显著降低了显存占用。

- P-Tuning V2 [[paper](https://arxiv.org/abs/2110.07602)]
  - 2021年10月，清华大学等提出了P-Tuning的改进版本P-Tuning V2，在不同规模的模型上效果更好。
";

    type Expected = (
        &'static str,
        (u16, u8),
        &'static [&'static str],
        &'static [&'static str],
        &'static [(&'static str, (u16, u8), &'static [&'static str], usize)],
        &'static [(&'static str, Relation, &'static str)],
    );

    /// The Chinese list's entries: name, month, organizations, sizes, models named inside (name,
    /// month, sizes, links), statements.
    const ZH_EXPECTED: [Expected; 8] = [
        ("Yi", (2023, 11), &["零一万物"], &["6B", "34B"], &[], &[]),
        (
            "Vicuna",
            (2023, 3),
            &["UC伯克利大学", "CMU", "斯坦福大学"],
            &["7B", "13B"],
            &[],
            &[("Vicuna", FineTunedFrom, "Llama")],
        ),
        (
            "InternLM2",
            (2024, 1),
            &["上海人工智能实验室", "商汤科技"],
            &["7B", "20B"],
            &[],
            &[("InternLM2", DerivedFrom, "InternLM")],
        ),
        (
            "Qwen1.5",
            (2024, 2),
            &["阿里云"],
            &["0.5B", "4B", "14B", "72B"],
            &[("Qwen1.5-32B", (2024, 4), &["32B"], 0)],
            &[("Qwen1.5", SuccessorOf, "Qwen")],
        ),
        (
            "Phi-1.5",
            (2023, 9),
            &["微软研究院"],
            &["1.3B"],
            &[("Phi-2", (2023, 12), &["2.7B"], 1)],
            &[],
        ),
        (
            "DeepSeek",
            (2023, 11),
            &["深度求索"],
            &["7B", "67B"],
            &[
                ("DeepSeek-Coder", (2024, 1), &[], 0),
                ("DeepSeekMath", (2024, 2), &[], 0),
            ],
            &[],
        ),
        (
            "QLoRA",
            (2023, 5),
            &["华盛顿大学"],
            &[],
            &[],
            &[("QLoRA", Extends, "LoRA")],
        ),
        (
            "P-Tuning V2",
            (2021, 10),
            &["清华大学"],
            &[],
            &[],
            &[("P-Tuning V2", Extends, "P-Tuning")],
        ),
    ];

    #[test]
    fn a_chinese_list_reads_as_fully_as_the_english_one() {
        let opts = ListOptions {
            sections: vec![
                ("基础模型".into(), SectionKind::Model),
                ("微调".into(), SectionKind::Method),
            ],
        };
        let list = parse("zh.md", ZH_LIST, &opts).expect("the Chinese list parses");
        let names: Vec<&str> = list.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ZH_EXPECTED.map(|e| e.0));
        for (e, expected) in list.entries.iter().zip(ZH_EXPECTED) {
            assert_entry(e, expected);
        }
        let phi2 = &list.entries[4].sub_models[0];
        assert_eq!(phi2.links[0].url, "https://huggingface.co/microsoft/phi-2");
        assert!(
            phi2.sentence.starts_with("2023年12月, 他们提出了Phi-2"),
            "{}",
            phi2.sentence
        );
    }

    /// Asserts that entry `e` reads as `expected` says.
    fn assert_entry(e: &crate::ingest::list::entry::ListEntry, expected: Expected) {
        let (name, (y, m), orgs, sizes, subs, statements) = expected;
        assert_eq!(e.released, Date::month(y, m), "{name}");
        assert_eq!(e.organizations, orgs, "{name}");
        assert_eq!(e.sizes, sizes, "{name}");
        let got: Vec<(&str, Option<Date>, Vec<String>, usize)> = e
            .sub_models
            .iter()
            .map(|s| (s.name.as_str(), s.released, s.sizes.clone(), s.links.len()))
            .collect();
        let want: Vec<(&str, Option<Date>, Vec<String>, usize)> = subs
            .iter()
            .map(|(n, (y, m), s, l)| {
                (
                    *n,
                    Date::month(*y, *m),
                    s.iter().map(|x| x.to_string()).collect(),
                    *l,
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
        let got: Vec<(&str, Relation, &str)> = e
            .statements
            .iter()
            .map(|s| (s.subject.as_str(), s.relation, s.object.as_str()))
            .collect();
        assert_eq!(got, statements, "{name}");
        assert_eq!(e.from_scratch, name == "DeepSeek", "{name}");
    }
}
