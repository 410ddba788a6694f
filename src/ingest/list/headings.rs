//! Reads lists that give each model its own heading and a few paragraphs (`### Koala`, then
//! prose and a repository link), grouped under sections that may name what they build on
//! (`## Llama 2 models`), beside sections that hold leaderboards, corpora or agents.
//!
//! A run of leaf headings under one section is a list when its headings look like models (sizes,
//! release months, lineage phrases, model or paper links in their paragraphs); an ordinary
//! README's `Installation` and `Usage` are not. Each heading's label loses its update stamp
//! (`（更新于2023年4月16日）`) and decoration; a heading naming two things (`Vicuna和Chinese-Vicuna`)
//! gives two entries, one naming a thing in two languages (`Koala考拉`) one entry with an alias.

use super::entry::{Item, ListEntry, Place, SectionKind, Statement};
use super::label;
use super::markdown::{Block, Walk, heading_key};
use super::prose::{self, Description};
use super::{LineTable, normalise};
use crate::error::{Code, Diagnostic, Severity};
use crate::ingest::value::date::written as parse_date;
use crate::model::{Date, Link, LinkKind, Relation, name_key};
use regex::Regex;
use std::sync::LazyLock;

/// What a section holds when it holds no models, by the words of its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Leaderboards and benchmarks: skipped with a note.
    Leaderboard,
    /// Corpora and instruction sets: their items are datasets.
    Corpus,
    /// Agents and tools built on models: skipped with a note, never lineage.
    Agents,
}

/// Words of a heading that give its section a role. An ASCII word matches a whole word of the
/// heading (CJK text around it counts as a boundary), a CJK word anywhere.
const ROLE_WORDS: &[(&str, Role)] = &[
    ("leaderboard", Role::Leaderboard),
    ("leaderboards", Role::Leaderboard),
    ("benchmark", Role::Leaderboard),
    ("benchmarks", Role::Leaderboard),
    ("evaluation", Role::Leaderboard),
    ("evals", Role::Leaderboard),
    ("榜单", Role::Leaderboard),
    ("排行榜", Role::Leaderboard),
    ("评测", Role::Leaderboard),
    ("测评", Role::Leaderboard),
    ("corpus", Role::Corpus),
    ("corpora", Role::Corpus),
    ("dataset", Role::Corpus),
    ("datasets", Role::Corpus),
    ("data", Role::Corpus),
    ("语料", Role::Corpus),
    ("数据集", Role::Corpus),
    ("指令集", Role::Corpus),
    ("agent", Role::Agents),
    ("agents", Role::Agents),
    ("agi", Role::Agents),
    ("autonomous", Role::Agents),
    ("tools", Role::Agents),
    ("applications", Role::Agents),
    ("智能体", Role::Agents),
    ("工具", Role::Agents),
    ("应用", Role::Agents),
];

/// Headings of an ordinary README (or of a page's frame), never an entry.
const NOT_ENTRIES: &[&str] = &[
    "installation",
    "install",
    "usage",
    "quick start",
    "quickstart",
    "getting started",
    "setup",
    "requirements",
    "license",
    "citation",
    "cite",
    "acknowledgements",
    "acknowledgments",
    "contributing",
    "contributors",
    "contact",
    "faq",
    "introduction",
    "overview",
    "about",
    "news",
    "updates",
    "changelog",
    "examples",
    "demo",
    "references",
    "todo",
    "roadmap",
    "简介",
    "介绍",
    "安装",
    "使用",
    "使用方法",
    "引用",
    "致谢",
    "许可",
    "更新",
    "声明",
    "前言",
];

/// Words of a section heading that name a recipe or a category, not a base model
/// (`Alpaca-style models`, `Chinese models`, `Self-developed models`).
const NOT_A_BASE: &[&str] = &[
    "style",
    "like",
    "type",
    "mode",
    "recipe",
    "paradigm",
    "chinese",
    "english",
    "open",
    "source",
    "self",
    "developed",
    "other",
    "others",
    "domain",
    "multimodal",
    "medical",
    "code",
    "chat",
    "base",
    "foundation",
    "small",
    "large",
    "new",
    "latest",
    "popular",
    "misc",
    "general",
];

/// Words that make a thing named beside them a method, not a model.
const METHOD_WORDS: &[&str] = &[
    "方法",
    "算法",
    "method",
    "technique",
    "approach",
    "algorithm",
];

/// Words that open a pronoun, never a model's name.
const PRONOUNS: &[&str] = &["该", "此", "本", "其", "这", "this ", "its ", "the "];

/// Words that, right after a name, make it software or an algorithm, not a model.
const SOFTWARE_WORDS: &[&str] = &[
    "优化库",
    "库",
    "框架",
    "系统",
    "平台",
    "算法",
    "library",
    "framework",
    "toolkit",
    "platform",
    "system",
    "algorithm",
];

/// Whether the sentence calls `name` software: the name followed by a software word.
fn names_software(sentence: &str, name: &str) -> bool {
    sentence.match_indices(name).any(|(at, _)| {
        let after = sentence[at + name.len()..].trim_start().to_lowercase();
        SOFTWARE_WORDS.iter().any(|w| after.starts_with(w))
    })
}

/// Words of a sentence that says when a model came out.
const RELEASE_WORDS: &[&str] = &[
    "released",
    "launched",
    "announced",
    "published",
    "open-sourced",
    "introduced",
    "unveiled",
    "发布",
    "开源",
    "推出",
];

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid regex"));
    };
}

// an update stamp: "（更新于2023年4月16日）", "(updated 2023-05-07)", "(last update: May 2023)"
re!(
    STAMP,
    r"(?i)[（(]\s*(?:更新于|更新|最近更新|updated?\b|last\s+updated?\b)[^）)]*[）)]"
);
// a whole line in parentheses: an editor's note ("（2023年5月24日，该项目已删除）")
re!(NOTE_LINE, r"(?m)^[ \t]*[（(][^）)\n]*[）)][ \t]*$");
re!(BARE_URL, r"https?://[^\s)>\]，。、；]+");
// "A和B", "A and B", "A & B", "A与B", "A / B"
re!(
    CONJUNCTION,
    r"\s*(?:和|与|及|、|\s+and\s+|\s*&\s*|\s+/\s+)\s*"
);
// "X(Y)", "X（Y）", "X (Y)"
re!(PARENS, r"^(.+?)\s*[（(]\s*([^（）()]+?)\s*[）)]\s*$");
re!(
    ORDINAL,
    r"(?i)^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[.)、]|part\s+\d+\s*[:.]?)\s*"
);
re!(
    SECTION_TAIL,
    r"(?i)(?:\s*[-_]?\s*(?:篇|系列|家族|模型|的|微调|models?|family|families|series|fine-?tunes?|derivatives|variants|based|llms?))+\s*$"
);
re!(BASE_NAME, r"^[A-Za-z][A-Za-z0-9.\-_ ]*$");

/// Each heading's parent: the nearest heading above it of a lower level.
fn parents(walk: &Walk) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(walk.headings.len());
    for (i, h) in walk.headings.iter().enumerate() {
        out.push((0..i).rev().find(|&j| walk.headings[j].level < h.level));
    }
    out
}

/// The role a heading's words give it, if any.
fn role_of(title: &str) -> Option<Role> {
    let key = heading_key(title);
    let ascii: Vec<&str> = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    ROLE_WORDS
        .iter()
        .find(|(w, _)| {
            if w.is_ascii() {
                ascii.contains(w)
            } else {
                key.contains(w)
            }
        })
        .map(|(_, r)| *r)
}

/// The role of a heading or of the nearest heading above it that has one, with that heading.
fn inherited_role(walk: &Walk, parents: &[Option<usize>], h: usize) -> Option<(Role, usize)> {
    let mut at = Some(h);
    while let Some(i) = at {
        if let Some(r) = role_of(&walk.headings[i].title) {
            return Some((r, i));
        }
        at = parents[i];
    }
    None
}

/// A heading's text with update stamps and decoration (emoji, markup) removed.
fn clean_title(title: &str) -> String {
    let t = STAMP.replace_all(title, " ");
    let kept: String = t
        .chars()
        .filter(|c| {
            c.is_alphanumeric() || c.is_whitespace() || "-_.·+()（）&/:：'’,，、".contains(*c)
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A thing a heading names, with another name for it and whether the heading calls it a
/// project over the others (`LLMZoo（凤凰Phoenix和Chimera）`).
#[derive(Debug, Clone, PartialEq)]
struct Part {
    name: String,
    alias: Option<String>,
}

/// One name written in two scripts ([`label::bilingual`]): the Latin name with the CJK one
/// as its alias.
fn bilingual(name: &str) -> Part {
    let (name, alias) = label::bilingual(name);
    Part { name, alias }
}

/// The things a heading names: one (`Koala考拉`, `华驼(HuaTuo)`), two joined by "and"
/// (`Vicuna和Chinese-Vicuna`), or a project's models in parentheses (`LLMZoo（凤凰Phoenix和
/// Chimera）`, the project itself not a model). What the parentheses hold is another name by
/// the test of every list's `X(Y)` ([`label::other_name`]): `Llama(7B)` is one name. Returns
/// the parts and the project, if any.
fn parts_of(title: &str) -> (Vec<Part>, Option<String>) {
    if let Some(c) = PARENS.captures(title) {
        let (outer, inner) = (c[1].trim(), c[2].trim());
        if CONJUNCTION.is_match(inner) {
            let parts = CONJUNCTION.split(inner).map(bilingual).collect();
            return (parts, Some(outer.to_string()));
        }
        if !label::other_name(inner) {
            return (vec![bilingual(title)], None);
        }
        // "华驼(HuaTuo)", "ChatRWKV(Raven)": one thing, two names; the Latin one first
        let outer_latin = outer.chars().any(|c| c.is_ascii_alphabetic());
        let (name, alias) = if outer_latin || !inner.chars().any(|c| c.is_ascii_alphabetic()) {
            (outer, inner)
        } else {
            (inner, outer)
        };
        let part = Part {
            name: name.to_string(),
            alias: Some(alias.to_string()),
        };
        return (vec![part], None);
    }
    let pieces: Vec<&str> = CONJUNCTION
        .split(title)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (pieces.into_iter().map(bilingual).collect(), None)
}

/// The text under a heading, joined, with stamps and editor's notes blanked out (same length,
/// so every byte keeps its source offset), and its links, bare URLs included.
struct Body {
    text: String,
    src: Vec<usize>,
    links: Vec<super::markdown::RawLink>,
    urls: Vec<String>,
}

fn body_of(blocks: &[&Block]) -> Body {
    let mut b = Body {
        text: String::new(),
        src: Vec::new(),
        links: Vec::new(),
        urls: Vec::new(),
    };
    for block in blocks {
        if !b.text.is_empty() {
            b.text.push('\n');
            b.src.push(*b.src.last().unwrap_or(&0));
        }
        let base = b.text.len();
        b.text.push_str(&block.text);
        b.src.extend_from_slice(&block.src);
        for l in block.links.iter().filter(|l| !l.badge) {
            b.links.push(super::markdown::RawLink {
                range: l.range.start + base..l.range.end + base,
                url: l.url.clone(),
                badge: false,
                bracketed: false,
            });
            b.urls.push(l.url.clone());
        }
    }
    let mut blanked = b.text.clone();
    for re in [&*STAMP, &*NOTE_LINE] {
        let spans: Vec<(usize, usize)> = re
            .find_iter(&blanked)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (s, e) in spans {
            blanked.replace_range(s..e, &" ".repeat(e - s));
        }
    }
    b.text = blanked;
    for m in BARE_URL.find_iter(&b.text) {
        let url = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':'])
            .to_string();
        if !b.urls.contains(&url) {
            b.urls.push(url);
        }
    }
    b
}

/// A release month stated in a sentence that says the model came out ("released in March
/// 2023", "2023年3月发布").
fn release_month(text: &str) -> Option<Date> {
    text.split_inclusive(['.', '。', '!', '！'])
        .filter(|s| {
            let lower = s.to_lowercase();
            RELEASE_WORDS.iter().any(|w| lower.contains(w))
        })
        .find_map(|s| parse_date(s).and_then(|d| d.date()))
        .map(|d| Date { day: None, ..d })
}

/// Whether the body calls a thing the heading names a method: named beside a method word, or,
/// when the heading names two things, not named at all while the other is and the body speaks
/// of a method.
fn is_method(part: &Part, others: &[&Part], body: &str) -> bool {
    let lower = body.to_lowercase();
    let key = part.name.to_lowercase();
    let near_method = lower.match_indices(&key).any(|(at, _)| {
        let around =
            &lower[floor(&lower, at.saturating_sub(24))..ceil(&lower, at + key.len() + 24)];
        METHOD_WORDS.iter().any(|w| around.contains(w))
    });
    let named = lower.contains(&key);
    let other_named = others
        .iter()
        .any(|o| lower.contains(&o.name.to_lowercase()));
    near_method
        || (!others.is_empty()
            && !named
            && other_named
            && METHOD_WORDS.iter().any(|w| lower.contains(w)))
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Traditional characters of the words the phrase rules read, with their simplified forms:
/// a page in traditional script (`基於 GLM 架構，具有 62 億參數`) reads as one in simplified.
/// Both forms take three bytes, so every byte keeps its place.
const TRADITIONAL: &[(char, char)] = &[
    ('於', '于'),
    ('億', '亿'),
    ('參', '参'),
    ('數', '数'),
    ('調', '调'),
    ('練', '练'),
    ('開', '开'),
    ('發', '发'),
    ('佈', '布'),
    ('進', '进'),
    ('構', '构'),
    ('礎', '础'),
    ('據', '据'),
    ('語', '语'),
    ('個', '个'),
    ('種', '种'),
    ('規', '规'),
    ('範', '范'),
    ('這', '这'),
    ('來', '来'),
    ('實', '实'),
    ('現', '现'),
    ('過', '过'),
    ('餾', '馏'),
    ('續', '续'),
    ('繼', '继'),
    ('後', '后'),
    ('與', '与'),
    ('為', '为'),
    ('們', '们'),
    ('體', '体'),
    ('機', '机'),
    ('學', '学'),
    ('團', '团'),
    ('隊', '队'),
    ('專', '专'),
];

/// The text with the traditional characters of [`TRADITIONAL`] in their simplified forms.
fn simplified(text: &str) -> String {
    text.chars()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(t, _)| *t == c)
                .map_or(c, |(_, s)| *s)
        })
        .collect()
}

/// A heading that names a repository (`THUDM/ChatGLM-6B`, `tatsu-lab/stanford_alpaca`) names
/// the thing the repository holds: the part after the owner's namespace.
fn repository_name(name: &str) -> &str {
    match name.split_once('/') {
        Some((owner, repo))
            if !owner.is_empty()
                && !repo.is_empty()
                && !repo.contains('/')
                && !name.contains(char::is_whitespace) =>
        {
            repo
        }
        _ => name,
    }
}

/// The entries one heading gives (none when it names nothing).
fn heading_entries(
    walk: &Walk,
    h: usize,
    parent: Option<usize>,
    blocks: &[&Block],
    lines: &LineTable,
) -> Vec<ListEntry> {
    let heading = &walk.headings[h];
    let title = clean_title(&heading.title);
    let (parts, _project) = parts_of(&title);
    let body = body_of(blocks);
    let (text, desc_lines, desc_links) = normalise(&body.text, &body.src, &body.links, lines);
    let text = simplified(&text);
    let links: Vec<Link> = body
        .urls
        .iter()
        .map(|url| Link {
            kind: crate::ingest::value::link::kind_of(url),
            url: url.clone(),
        })
        .collect();
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let label = label::clean(repository_name(&part.name));
        if label.name.is_empty() {
            continue;
        }
        let others: Vec<&Part> = parts.iter().filter(|p| *p != part).collect();
        // a heading naming one thing in a run of models is a model; of two, each its own kind
        let kind = if !others.is_empty() && is_method(part, &others, &text) {
            SectionKind::Method
        } else {
            SectionKind::Model
        };
        let d = Description {
            text: &text,
            lines: &desc_lines,
            links: &desc_links,
        };
        let mut e = read_part(&label.name, kind, &d, i == 0, &others);
        e.line = heading.line;
        e.description_line = desc_lines.first().copied().unwrap_or(heading.line);
        e.links.clone_from(&links);
        e.aliases = part.alias.iter().cloned().collect();
        e.place = Place {
            section: parent,
            table: None,
            group: None,
        };
        label::apply_label(&mut e, label);
        out.push(e);
    }
    out
}

/// The facts of one thing a heading names, read from the body; when the heading names several,
/// each keeps the statements of the sentences that name it (the first also those naming none).
fn read_part(
    name: &str,
    kind: SectionKind,
    d: &Description,
    first: bool,
    others: &[&Part],
) -> ListEntry {
    let mut facts = prose::read(name, kind, d);
    prose::most_specific(&mut facts.statements);
    if !others.is_empty() {
        let own = name.to_lowercase();
        let names_other = |s: &str| {
            let s = s.to_lowercase();
            others.iter().any(|o| s.contains(&o.name.to_lowercase()))
        };
        facts.statements.retain(|s| {
            let sentence = s.sentence.to_lowercase();
            sentence.contains(&own) || (first && !names_other(&s.sentence))
        });
        facts.sub_models.retain(|s| {
            !others
                .iter()
                .any(|o| name_key(&o.name) == name_key(&s.name))
        });
    }
    // a method's page prose speaks of the models it was applied to, not of its lineage; a
    // pronoun ("该项目", "this project") is nobody's parent, nor is software ("基于其Deep
    // Speed优化库", "基于BPE算法", "based on the X library")
    facts.statements.retain(|s| {
        kind == SectionKind::Model
            && !PRONOUNS.iter().any(|p| s.object.starts_with(p))
            && !names_software(&s.sentence, &s.object)
    });
    let released = facts.released.or_else(|| release_month(d.text));
    ListEntry {
        name: name.to_string(),
        section: kind,
        line: 0,
        released,
        links: Vec::new(),
        sizes: facts.sizes,
        organizations: facts.organizations,
        description: d.text.to_string(),
        aliases: Vec::new(),
        description_line: 0,
        sub_models: facts.sub_models,
        statements: facts.statements,
        from_scratch: facts.from_scratch,
        attrs: Vec::new(),
        organization_link: None,
        place: Place::default(),
    }
}

/// Whether an entry shows it is a model: a size, a release month, lineage, or a model or paper
/// link (a repository link alone does not: READMEs link code too).
fn model_signal(e: &ListEntry) -> bool {
    !e.sizes.is_empty()
        || e.released.is_some()
        || !e.statements.iter().all(Statement::is_mention)
        || !e.sub_models.is_empty()
        || e.links.iter().any(|l| {
            l.kind == LinkKind::Paper
                || (l.kind == LinkKind::Model && !l.url.contains("/datasets/"))
        })
}

/// The base model a section heading names (`Llama 2 models`, `LLaMA-based`, `三、LLaMa-2篇`),
/// when the section's text mentions it too; None for a recipe or a category (`Alpaca-style`,
/// `Chinese models`, `自主模型篇`).
fn section_base(title: &str, section_text: &str) -> Option<String> {
    let t = clean_title(title);
    let t = ORDINAL.replace(&t, "");
    let t = t.trim().trim_start_matches("基于").trim();
    let rest = SECTION_TAIL.replace(t, "");
    let rest = rest.trim().trim_end_matches(['-', '_']).trim();
    if rest.is_empty() || !BASE_NAME.is_match(rest) || rest.split_whitespace().count() > 3 {
        return None;
    }
    let words: Vec<String> = rest
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_string)
        .collect();
    if words.iter().any(|w| NOT_A_BASE.contains(&w.as_str())) {
        return None;
    }
    let key = name_key(rest);
    (!key.is_empty() && name_key(section_text).contains(&key)).then(|| rest.to_string())
}

/// Gives every model of a section whose heading names a base model that base, unless its own
/// text states its lineage or says it was trained from scratch.
fn section_lineage(walk: &Walk, section: usize, intro: &str, entries: &mut [ListEntry]) {
    let heading = &walk.headings[section];
    let all: String = std::iter::once(intro)
        .chain(entries.iter().map(|e| e.description.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let Some(base) = section_base(&heading.title, &all) else {
        return;
    };
    let base_key = name_key(&base);
    for e in entries
        .iter_mut()
        .filter(|e| e.section == SectionKind::Model)
    {
        let own_lineage = e.statements.iter().any(|s| s.relation.is_lineage());
        if own_lineage || e.from_scratch || name_key(&e.name) == base_key {
            continue;
        }
        e.statements.push(Statement {
            subject: e.name.clone(),
            relation: Relation::DerivedFrom,
            object: base.clone(),
            line: heading.line,
            sentence: heading.title.clone(),
        });
    }
}

/// Whether heading `h` has headings under it.
fn has_children(parents: &[Option<usize>], h: usize) -> bool {
    parents.contains(&Some(h))
}

/// The blocks under each heading.
fn blocks_by_heading(walk: &Walk) -> Vec<Vec<&Block>> {
    let mut out: Vec<Vec<&Block>> = vec![Vec::new(); walk.headings.len()];
    for b in &walk.blocks {
        out[b.heading].push(b);
    }
    out
}

/// Whether a heading could be an entry: a leaf, in no section of another role, with prose
/// under it, not a README's frame heading, and holding no bullet or row already read.
fn candidate(
    walk: &Walk,
    parents: &[Option<usize>],
    blocks: &[&Block],
    h: usize,
    taken: &[u32],
) -> bool {
    let heading = &walk.headings[h];
    let end = walk.headings.get(h + 1).map_or(u32::MAX, |n| n.line);
    let key = heading_key(&clean_title(&heading.title));
    !has_children(parents, h)
        && inherited_role(walk, parents, h).is_none()
        && blocks
            .iter()
            .any(|b| b.kind == super::markdown::BlockKind::Prose && b.text.trim().len() >= 20)
        && !NOT_ENTRIES.contains(&key.as_str())
        && !taken.iter().any(|&l| l > heading.line && l < end)
}

/// A run of headings: the heading they stand under, and their level.
type RunKey = (Option<usize>, u8);

/// The items of the heading layout: the entries of every run of leaf headings under one
/// section that looks like a list of models, the datasets of corpus sections, and notes for
/// the leaderboard and agent sections skipped. `taken` are the lines of bullets and rows
/// already read (a heading over them is a group, not an entry). Nothing when no run is a list.
pub(crate) fn items(
    file: &str,
    walk: &Walk,
    lines: &LineTable,
    taken: &[u32],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let parents = parents(walk);
    let blocks = blocks_by_heading(walk);
    // runs: (parent, level) → the candidate headings
    let mut runs: Vec<(RunKey, Vec<usize>)> = Vec::new();
    for h in 0..walk.headings.len() {
        if !candidate(walk, &parents, &blocks[h], h, taken) {
            continue;
        }
        let key = (parents[h], walk.headings[h].level);
        match runs.iter_mut().find(|(k, _)| *k == key) {
            Some((_, hs)) => hs.push(h),
            None => runs.push((key, vec![h])),
        }
    }
    let mut out = Vec::new();
    for ((parent, _), hs) in runs {
        let mut entries: Vec<ListEntry> = hs
            .iter()
            .flat_map(|&h| heading_entries(walk, h, parent, &blocks[h], lines))
            .collect();
        let signals = entries.iter().filter(|e| model_signal(e)).count();
        if hs.len() < 2 || signals < 2 || signals * 2 < entries.len() {
            continue;
        }
        if let Some(p) = parent {
            let intro: Vec<&str> = blocks[p].iter().map(|b| b.text.as_str()).collect();
            section_lineage(walk, p, &intro.join(" "), &mut entries);
        }
        out.extend(entries.into_iter().map(|e| Item::Entry(Box::new(e))));
    }
    if out.is_empty() {
        return out;
    }
    out.extend(role_sections(file, walk, &parents, &blocks, diags));
    out
}

/// The datasets of corpus sections (their list items) and a note for each leaderboard or
/// agent section skipped.
fn role_sections(
    file: &str,
    walk: &Walk,
    parents: &[Option<usize>],
    blocks: &[Vec<&Block>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let mut out = Vec::new();
    for (h, heading) in walk.headings.iter().enumerate() {
        let Some((role, at)) = inherited_role(walk, parents, h) else {
            continue;
        };
        let top = parents[at].is_none_or(|p| inherited_role(walk, parents, p).is_none());
        match role {
            Role::Corpus => {
                out.extend(
                    blocks[h]
                        .iter()
                        .filter(|b| b.kind == super::markdown::BlockKind::Item)
                        .filter_map(|b| dataset(b, h))
                        .map(|e| Item::Entry(Box::new(e))),
                );
            }
            _ if at == h && top => {
                let under = parents.iter().filter(|p| **p == Some(h)).count();
                let what = if role == Role::Leaderboard {
                    "leaderboards and benchmarks"
                } else {
                    "agents and tools built on models"
                };
                diags.push(Diagnostic::new(
                    Severity::Info,
                    Code::SkippedSection,
                    format!("{file}:{}", heading.line),
                    format!(
                        "section \"{}\" holds {what}, not models: its {under} heading(s) are skipped",
                        heading.title
                    ),
                ));
            }
            _ => {}
        }
    }
    out
}

/// Suffixes that say a corpus item's name is a data set (`Stanford-Alpaca数据集`).
const DATA_SUFFIXES: &[&str] = &[
    "数据集",
    "数据",
    "指令集",
    "指令",
    "对话语料",
    "语料",
    " dataset",
    " data",
    " corpus",
];

/// A list item of a corpus section as a dataset: its name is the text before the first comma or
/// colon, and it needs a link.
fn dataset(b: &Block, heading: usize) -> Option<ListEntry> {
    let text = b.text.trim();
    let end = text
        .find(['，', ',', ':', '：', '（', '(', '。'])
        .or_else(|| text.find(" - "))
        .unwrap_or(text.len());
    let mut name = text[..end].trim().to_string();
    // "GuanacoDataset 在52K Alpaca数据的基础上": the name ends where a sentence starts
    if let Some((at, _)) = name
        .char_indices()
        .find(|&(i, c)| c == ' ' && name[i + 1..].starts_with(label::is_cjk))
    {
        name.truncate(at);
    }
    for s in DATA_SUFFIXES {
        if name.to_lowercase().ends_with(s) && name.len() > s.len() {
            name.truncate(name.len() - s.len());
        }
    }
    let name = label::clean(name.trim()).name;
    let mut urls: Vec<String> = b.links.iter().map(|l| l.url.clone()).collect();
    urls.extend(BARE_URL.find_iter(text).map(|m| m.as_str().to_string()));
    urls.dedup();
    if name.is_empty() || urls.is_empty() || name.split_whitespace().count() > 6 {
        return None;
    }
    let line = b.line;
    Some(ListEntry {
        name,
        section: SectionKind::Dataset,
        line,
        released: None,
        links: urls
            .into_iter()
            .map(|url| Link {
                kind: crate::ingest::value::link::kind_of(&url),
                url,
            })
            .collect(),
        sizes: Vec::new(),
        organizations: Vec::new(),
        description: b.text.split_whitespace().collect::<Vec<_>>().join(" "),
        aliases: Vec::new(),
        description_line: line,
        sub_models: Vec::new(),
        statements: Vec::new(),
        from_scratch: false,
        attrs: Vec::new(),
        organization_link: None,
        place: Place {
            section: Some(heading),
            table: None,
            group: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_stamps_and_split_into_things() {
        assert_eq!(
            clean_title("FreeWilly2 （更新于2023年8月8日）"),
            "FreeWilly2"
        );
        assert_eq!(clean_title("🐨 Koala (updated 2023-05-07)"), "Koala");
        let names = |t: &str| {
            let (parts, project) = parts_of(&clean_title(t));
            let parts: Vec<(String, Option<String>)> =
                parts.into_iter().map(|p| (p.name, p.alias)).collect();
            (parts, project)
        };
        let one = |n: &str, a: Option<&str>| (n.to_string(), a.map(str::to_string));
        assert_eq!(names("Koala考拉").0, [one("Koala", Some("考拉"))]);
        assert_eq!(
            names("通义千问Qwen-7B").0,
            [one("Qwen-7B", Some("通义千问"))]
        );
        assert_eq!(names("华驼(HuaTuo)").0, [one("HuaTuo", Some("华驼"))]);
        assert_eq!(names("ChatRWKV(Raven)").0, [one("ChatRWKV", Some("Raven"))]);
        // a size or a version in parentheses is no other name, as in a bullet
        assert_eq!(names("Llama(7B)").0, [one("Llama(7B)", None)]);
        assert_eq!(names("ChatRWKV (v4)").0, [one("ChatRWKV (v4)", None)]);
        assert_eq!(names("悟道·天鹰").0, [one("悟道·天鹰", None)]);
        assert_eq!(repository_name("THUDM/ChatGLM-6B"), "ChatGLM-6B");
        assert_eq!(repository_name("Hello / World"), "Hello / World");
        assert_eq!(
            simplified("基於 GLM 架構，具有 62 億參數"),
            "基于 GLM 架构，具有 62 亿参数"
        );
        assert_eq!(
            names("Vicuna和Chinese-Vicuna").0,
            [one("Vicuna", None), one("Chinese-Vicuna", None)]
        );
        let (parts, project) = names("LLMZoo（凤凰Phoenix和Chimera）");
        assert_eq!(parts, [one("Phoenix", Some("凤凰")), one("Chimera", None)]);
        assert_eq!(project.as_deref(), Some("LLMZoo"));
    }

    #[test]
    fn section_headings_name_a_base_or_a_recipe() {
        let text = "models built on Llama 2 and LLaMA";
        assert_eq!(
            section_base("Llama 2 models", text).as_deref(),
            Some("Llama 2")
        );
        assert_eq!(section_base("三、LLaMA篇", text).as_deref(), Some("LLaMA"));
        assert_eq!(section_base("LLaMA-based", text).as_deref(), Some("LLaMA"));
        assert_eq!(section_base("Alpaca-style models", "Alpaca"), None);
        assert_eq!(section_base("二、Alpaca模式篇", "Alpaca"), None);
        assert_eq!(section_base("Chinese models", "Chinese"), None);
        assert_eq!(section_base("一、自主模型篇", text), None);
        // a name the section never mentions is no base
        assert_eq!(section_base("Falcon models", text), None);
    }

    #[test]
    fn link_bullets_under_a_heading_entry_are_its_links() {
        let text = "## 开源模型篇\n\n### Alpha\n\n链接：\n\n* [https://github.com/a/alpha](https://github.com/a/alpha)\n\nAlpha是一个基于LLaMA-7B模型微调出的新模型，参数为7B。\n\n### Beta\n\n* [https://github.com/b/beta](https://github.com/b/beta)\n\nBeta是基于LLaMA-13B的微调模型。\n";
        let list = super::super::parse("b.md", text, &super::super::ListOptions::default())
            .expect("a list");
        let names: Vec<&str> = list.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "Beta"]);
        let urls: Vec<&str> = list.entries[0]
            .links
            .iter()
            .map(|l| l.url.as_str())
            .collect();
        assert_eq!(urls, ["https://github.com/a/alpha"]);
        assert_eq!(list.entries[1].statements[0].object, "LLaMA-13B");
    }

    #[test]
    fn a_models_de_is_no_owners() {
        let text = "## 开源模型篇\n\n### Koala考拉\n\n基于LLama的ChatGPT平替继续发酵，伯克利发布了对话模型Koala，参数达到13B。\n\n### Gamma\n\nGamma是基于Meta的LLaMA-30B训练的模型，参数为30B。\n";
        let list = super::super::parse("k.md", text, &super::super::ListOptions::default())
            .expect("a list");
        let objects: Vec<(&str, &str)> = list
            .entries
            .iter()
            .flat_map(|e| {
                e.statements
                    .iter()
                    .map(|s| (e.name.as_str(), s.object.as_str()))
            })
            .collect();
        // the owner's "的" is read where the fact table is at hand (the builder): here Gamma's
        // object is still the owner
        assert_eq!(objects, [("Koala", "LLama"), ("Gamma", "Meta")]);
    }

    #[test]
    fn software_is_no_parent() {
        assert!(names_software(
            "微软基于其Deep Speed优化库开发而成",
            "Deep Speed"
        ));
        assert!(names_software("built on the Foo library", "Foo"));
        assert!(!names_software("基于LLaMA-7B模型微调", "LLaMA-7B"));
    }

    #[test]
    fn roles_and_release_months() {
        assert_eq!(role_of("五、榜单篇"), Some(Role::Leaderboard));
        assert_eq!(role_of("四、通向AGI的开源之路"), Some(Role::Agents));
        assert_eq!(role_of("六、语料篇"), Some(Role::Corpus));
        assert_eq!(role_of("Leaderboards"), Some(Role::Leaderboard));
        assert_eq!(role_of("Llama 2 models"), None);
        assert_eq!(role_of("Metadata"), None);
        assert_eq!(
            release_month("It was released in March 2023 by X."),
            Date::month(2023, 3)
        );
        assert_eq!(
            release_month("2023年3月，清华大学发布了它。"),
            Date::month(2023, 3)
        );
        assert_eq!(release_month("It beats models of March 2023."), None);
    }
}
