//! The markdown list (an awesome-list README): entries, their links, dates, sizes, organizations,
//! the models named inside them, and the lineage their prose states, from bullets and tables
//! alike. Parsed with pulldown-cmark (see `markdown.rs` for the walk).

pub mod entry;
pub(crate) mod headings;
pub(crate) mod keep;
pub(crate) mod label;
pub(crate) mod markdown;
pub(crate) mod mojibake;
pub(crate) mod news;
pub(crate) mod parents;
pub(crate) mod phrases;
pub(crate) mod prose;
pub(crate) mod related;
pub(crate) mod table;

use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::ingest::value::link;
use crate::model::{Link, LinkKind};
use entry::{Item, Place};
pub use entry::{ListEntry, ListOptions, SectionKind, Statement, SubModel};
use markdown::{Bullet, LineTable, RawLink};
use prose::{DescLink, Description};
use std::borrow::Cow;

/// What reading a list gives.
#[derive(Debug, Clone, Default)]
pub struct ParsedList {
    pub entries: Vec<ListEntry>,
    /// Findings such as repaired encoding and skipped sections, with their lines.
    pub diagnostics: Vec<Diagnostic>,
    /// Every heading of the file, to suggest one for a `--section` that names none.
    pub headings: Vec<String>,
    /// The `--section` headings the file has (as given on the command line).
    pub named: Vec<String>,
}

/// Reads a list. `file` is the name used in evidence and errors.
pub fn parse(file: &str, text: &str, opts: &ListOptions) -> Result<ParsedList> {
    let mut diagnostics = Vec::new();
    let text = repair_encoding(file, text, &mut diagnostics);
    let text = text.as_ref();
    let lines = LineTable::new(text);
    let walk = markdown::walk(text, &lines, opts);
    let (feeds, resources, rest) = set_apart(&walk.bullets);
    let (read, unread): (Vec<&Bullet>, Vec<&Bullet>) = rest.into_iter().partition(|b| !b.unread);
    let mut items = bullet_entries(file, &read, &lines, &mut diagnostics)?;
    items.extend(news_entries(&feeds, &lines));
    items.extend(
        resources
            .iter()
            .filter(|b| !b.unread)
            .map(|b| Item::Resource {
                line: b.line,
                text: markdown::fold(&b.text),
                place: Place {
                    section: Some(b.section),
                    table: None,
                    group: b.group.clone(),
                },
            }),
    );
    items.extend(keep::table_entries(file, &walk, &mut diagnostics));
    // a bullet that is only a link ("* [https://github.com/...](...)") names no entry
    let link_only = |i: &Item| matches!(i, Item::Entry(e) if e.name.starts_with("http"));
    let taken: Vec<u32> = items
        .iter()
        .filter(|i| !link_only(i))
        .map(Item::line)
        .collect();
    let from_headings = headings::items(file, &walk, &lines, &taken, &mut diagnostics);
    // under a heading read as an entry, such a bullet is that entry's link
    let spans: Vec<(u32, u32)> = from_headings
        .iter()
        .map(|i| {
            let end = walk.headings.iter().map(|h| h.line).find(|&l| l > i.line());
            (i.line(), end.unwrap_or(u32::MAX))
        })
        .collect();
    items.retain(|i| !(link_only(i) && spans.iter().any(|&(a, b)| i.line() > a && i.line() < b)));
    items.extend(from_headings);
    keep::note_unread(
        file,
        &walk,
        &unread_entries(file, &unread, &lines),
        &mut diagnostics,
    );
    items.sort_by_key(|i| i.line());
    let entries = keep::keep(file, &walk, items, &mut diagnostics).map_err(|e| {
        // a file with no entry that lacks a heading the user named: the heading is the news
        let headings: Vec<&str> = walk.headings.iter().map(|h| h.title.as_str()).collect();
        let missing = opts.sections.iter().find(|(h, _)| {
            let key = markdown::heading_key(h);
            !headings.iter().any(|t| markdown::heading_key(t) == key)
        });
        match missing {
            Some((h, _)) => missing_section(file, h, &headings),
            None => e,
        }
    })?;
    let named = opts
        .sections
        .iter()
        .filter(|(h, _)| {
            let key = markdown::heading_key(h);
            walk.headings
                .iter()
                .any(|x| x.named && markdown::heading_key(&x.title) == key)
        })
        .map(|(h, _)| h.clone())
        .collect();
    Ok(ParsedList {
        entries,
        diagnostics,
        headings: walk.headings.iter().map(|h| h.title.clone()).collect(),
        named,
    })
}

/// The error for a `--section` heading that `files` do not have: the closest headings, or else
/// the headings they have.
pub(crate) fn missing_section(files: &str, heading: &str, headings: &[&str]) -> Error {
    let closest = crate::suggest::closest(heading, headings.iter().copied(), 3);
    let hint = if !closest.is_empty() {
        format!(": the closest are {}", keep::quoted(closest.into_iter(), 8))
    } else if headings.is_empty() {
        ": it has no headings".to_string()
    } else {
        format!(
            ": its headings are {}",
            keep::quoted(headings.iter().copied(), 8)
        )
    };
    Error::Invalid(format!(
        "--section \"{heading}\": no heading of {files} is called that{hint}"
    ))
}

/// Repairs mis-decoded UTF-8 line by line, with one diagnostic per repaired line.
fn repair_encoding<'a>(file: &str, text: &'a str, diags: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match mojibake::repair(line) {
            Some((fixed, repairs)) => {
                changed = true;
                out.push_str(&fixed);
                let what: Vec<String> = repairs
                    .iter()
                    .map(|r| format!("\"{}\" → \"{}\"", r.from, r.to))
                    .collect();
                diags.push(Diagnostic::new(
                    Severity::Info,
                    Code::RepairedEncoding,
                    format!("{file}:{}", i + 1),
                    format!(
                        "repaired text mis-decoded as Windows-1252: {}",
                        what.join(", ")
                    ),
                ));
            }
            None => out.push_str(line),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Folds whitespace and normalises full-width punctuation (`，` → ", ", `（` → " (") and
/// non-breaking hyphens, keeping the source line of every output byte and remapping links.
pub(crate) fn normalise(
    text: &str,
    src: &[usize],
    links: &[RawLink],
    lines: &LineTable,
) -> (String, Vec<u32>, Vec<DescLink>) {
    let mut out = String::with_capacity(text.len());
    let mut out_lines: Vec<u32> = Vec::with_capacity(text.len());
    // old byte offset → new byte offset
    let mut map = vec![0usize; text.len() + 1];
    let mut pending_space = false;
    for (i, c) in text.char_indices() {
        let line = lines.line(src.get(i).copied().unwrap_or(0));
        let (before, emit, after): (bool, Option<char>, bool) = match c {
            '，' => (false, Some(','), true),
            '、' => (false, Some(','), true),
            '：' => (false, Some(':'), true),
            '；' => (false, Some(';'), true),
            '（' => (true, Some('('), false),
            '）' => (false, Some(')'), false),
            '\u{2010}' | '\u{2011}' => (false, Some('-'), false),
            c if c.is_whitespace() => (true, None, false),
            c => (false, Some(c), false),
        };
        pending_space |= before;
        let new_pos = out.len() + usize::from(pending_space && !out.is_empty() && emit.is_some());
        map[i..i + c.len_utf8()].fill(new_pos);
        if let Some(e) = emit {
            if pending_space && !out.is_empty() {
                out.push(' ');
                out_lines.push(line);
            }
            pending_space = after;
            out.push(e);
            out_lines.extend(std::iter::repeat_n(line, e.len_utf8()));
        }
    }
    map[text.len()] = out.len();
    let desc_links = links
        .iter()
        .filter(|l| !l.badge)
        .map(|l| DescLink {
            range: map[l.range.start]..map[l.range.end].max(map[l.range.start]),
            url: l.url.clone(),
        })
        .collect();
    (out, out_lines, desc_links)
}

/// The bullets of news feeds (see `news.rs`), the links to related resources (see
/// `related.rs`), and the rest, each in file order.
type SetApart<'a> = (Vec<&'a Bullet>, Vec<&'a Bullet>, Vec<&'a Bullet>);

/// Sets apart the bullets of news feeds and the links to related resources from the bullets
/// that are read as entries.
fn set_apart(bullets: &[Bullet]) -> SetApart<'_> {
    let feed = news::feed_bullets(bullets);
    let resource = related::resource_bullets(bullets);
    let mut out: SetApart = Default::default();
    for (i, b) in bullets.iter().enumerate() {
        match (feed[i], resource[i]) {
            (true, _) => out.0.push(b),
            (false, true) => out.1.push(b),
            (false, false) => out.2.push(b),
        }
    }
    out
}

/// The entries of news feeds: each line that opens with a name and whose prose states what
/// that model builds on (`04/29: FastChat-T5, …, Fine-tuned from Flan-T5`), with its links,
/// its publisher as organization where the prose names none, and its date where it gives a
/// year. Every other line (a benchmark, a tool, an event) is news, not an entry.
fn news_entries(feed: &[&Bullet], lines: &LineTable) -> Vec<Item> {
    let mut out = Vec::new();
    for b in feed {
        let Some(h) = news::headline(b) else { continue };
        let label = label::clean(&h.name);
        let rest = &b.text[h.rest..];
        let from = h.rest + rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || ",:!-：，".contains(c))
                .len();
        let mut joined = Joined::default();
        joined.add(&b.text[from..], &b.src[from..], &b.links, from);
        let (description, desc_lines, desc_links) =
            normalise(&joined.text, &joined.src, &joined.links, lines);
        let mut facts = prose::read(
            &label.name,
            SectionKind::Model,
            &Description {
                text: &description,
                lines: &desc_lines,
                links: &desc_links,
            },
        );
        prose::most_specific(&mut facts.statements);
        facts.statements.retain(|s| s.subject == label.name);
        if facts.statements.iter().all(Statement::is_mention) {
            continue;
        }
        if facts.organizations.is_empty() {
            facts.organizations.extend(h.publisher.clone());
        }
        let links = (b.links.iter().filter(|l| !l.badge))
            .map(|l| Link {
                kind: link::kind_of_labelled(&b.text[l.range.clone()], &l.url),
                url: l.url.clone(),
            })
            // a Hub checkpoint the line labels as something else than the model (`gptq-4-bit`,
            // `demo`) is a derivative or a showcase, never the model's own id
            .filter(|l: &Link| {
                l.kind != LinkKind::Model
                    || link::kind_of(&l.url) != LinkKind::Model
                    || (b.links.iter())
                        .find(|r| r.url == l.url)
                        .is_some_and(|r| link::kind_named(&b.text[r.range.clone()]).is_some())
            })
            .collect();
        let mut e = ListEntry {
            name: label.name.clone(),
            section: SectionKind::Model,
            line: b.line,
            released: h.released.or(facts.released),
            links,
            sizes: facts.sizes,
            organizations: facts.organizations,
            description,
            aliases: Vec::new(),
            description_line: b.line,
            sub_models: Vec::new(),
            statements: facts.statements,
            from_scratch: facts.from_scratch,
            attrs: Vec::new(),
            organization_link: None,
            place: Place {
                section: Some(b.section),
                table: None,
                group: b.group.clone(),
            },
        };
        label::apply_label(&mut e, label);
        out.push(Item::Entry(Box::new(e)));
    }
    out
}

/// A bullet that opens an entry, with the bullets under it that describe it.
struct Draft<'a> {
    head: &'a Bullet,
    parts: Vec<&'a Bullet>,
}

/// Groups bullets into drafts: a bullet with a name and bracketed links (or any bullet at the
/// top of a section's list) opens one; other bullets describe the one before.
fn drafts<'a>(bullets: &[&'a Bullet]) -> Vec<Draft<'a>> {
    let mut drafts: Vec<Draft> = Vec::new();
    for b in bullets.iter().copied() {
        let is_description = b.starts_with_date() || (b.depth > 0 && !b.has_link_list());
        if is_description && !b.task {
            if let Some(d) = drafts.last_mut() {
                d.parts.push(b);
            }
        } else {
            drafts.push(Draft {
                head: b,
                parts: Vec::new(),
            });
        }
    }
    drafts
}

/// Turns bullets into items: a bullet with a name and bracketed links (or any bullet at the top
/// of a section's list) opens an entry; other bullets are its description.
fn bullet_entries(
    file: &str,
    bullets: &[&Bullet],
    lines: &LineTable,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Item>> {
    let drafts = drafts(bullets);
    let mut items = Vec::with_capacity(drafts.len());
    for d in drafts {
        let place = Place {
            section: Some(d.head.section),
            table: None,
            group: d.head.group.clone(),
        };
        if d.head.task {
            let text = markdown::fold(&d.head.text);
            items.push(Item::Task {
                line: d.head.line,
                text,
                place,
            });
            continue;
        }
        if let Some(children) = parent_children(&d) {
            items.extend(children.into_iter().map(|e| Item::Entry(Box::new(e))));
            continue;
        }
        let entry = draft_entry(file, &d, lines, diagnostics)?;
        for e in split_joint(entry) {
            let place = place.clone();
            items.push(Item::Entry(Box::new(ListEntry { place, ..e })));
        }
    }
    Ok(items)
}

/// The entries of a label that joins names (`mT0 && BLOOMZ`: one paper for two models), one
/// per name with the entry's citation, links, date and sizes; any other entry alone. An alias
/// the joint label gave belongs to neither name and is dropped.
fn split_joint(e: ListEntry) -> Vec<ListEntry> {
    let names = label::joint_names(&e.name);
    if names.len() < 2 {
        return vec![e];
    }
    names
        .into_iter()
        .map(|name| ListEntry {
            name,
            aliases: Vec::new(),
            ..e.clone()
        })
        .collect()
}

/// The models a bullet lists when it is an organization over them (see `parents.rs`).
fn parent_children(d: &Draft) -> Option<Vec<ListEntry>> {
    if d.head.links.iter().any(|l| !l.badge) {
        return None;
    }
    let label = label::clean(&d.head.text);
    parents::children(d.head, &label.name, label.tagline.as_deref(), &d.parts)
}

/// The entries that bullets under headings that open no section would give, for the note that
/// says which of those headings hold models; what they would report is dropped.
fn unread_entries(file: &str, bullets: &[&Bullet], lines: &LineTable) -> Vec<ListEntry> {
    let mut scratch = Vec::new();
    let mut out = Vec::new();
    for d in drafts(bullets).into_iter().filter(|d| !d.head.task) {
        if let Ok(e) = draft_entry(file, &d, lines, &mut scratch) {
            let place = Place {
                section: Some(d.head.section),
                table: None,
                group: None,
            };
            out.push(ListEntry { place, ..e });
        }
    }
    out
}

/// A bold span after a name needs at least this many words to be a title.
const MIN_BOLD_TITLE_WORDS: usize = 3;

/// The head's text up to `end`, with a reading list's paper title written in bold instead of
/// quotes (`BERT **BERT: Pre-training of ...**, 2018`) put in quotes, so that the label reader
/// cuts it off like a quoted title. Only a bold span after a name, of at least
/// [`MIN_BOLD_TITLE_WORDS`] words and without quotes of its own, is a title: `**Vicuna**` alone,
/// or `Chat **v2**`, stays the name.
fn quote_bold_title(head: &Bullet, end: usize) -> std::borrow::Cow<'_, str> {
    let text = &head.text[..end];
    let title = head.strong.iter().find(|r| r.end <= end).filter(|r| {
        let span = &text[(*r).clone()];
        !text[..r.start].trim().is_empty()
            && span.split_whitespace().count() >= MIN_BOLD_TITLE_WORDS
            && !span.contains(['"', '“', '”'])
    });
    match title {
        Some(r) => format!(
            "{} \"{}\"{}",
            &text[..r.start],
            text[r.clone()].trim(),
            &text[r.end..]
        )
        .into(),
        None => text.into(),
    }
}

/// The head's name as written (before its links, or the first link's text), where that name
/// ends, and the start of the link that gave it.
fn head_name(
    file: &str,
    head: &Bullet,
    real_links: &[&RawLink],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(String, usize, Option<usize>)> {
    let name_end = real_links
        .iter()
        .map(|l| {
            if l.bracketed {
                l.range.start - 1
            } else {
                l.range.start
            }
        })
        .min()
        .unwrap_or(head.text.len());
    let mut name = markdown::fold(&quote_bold_title(head, name_end))
        .trim_end_matches([':', '-', '–', '['])
        .trim()
        .to_string();
    // "- [Name](url) - description", "1. 🤗[Name](url)": the name is the first link's text
    // where nothing that names stands before it (no letter or digit)
    let mut name_link = None;
    if !name.chars().any(char::is_alphanumeric)
        && let Some(first) = real_links.first()
        && !first.bracketed
    {
        name = markdown::fold(&head.text[first.range.clone()]);
        name_link = Some(first.range.start);
    }
    // "Alpaca [[paper](https://cr" at the end of a cut-off file: markdown that is not a link
    if let Some(open) = name.find("](").and_then(|p| name[..p].rfind('[')) {
        let before = name[..open].trim_end_matches('[');
        let link = markdown::elide(&name[before.len()..], 80).into_owned();
        name = before.trim().to_string();
        let whose = if name.is_empty() {
            "list entry".to_string()
        } else {
            format!("entry \"{name}\"")
        };
        let message = format!(
            "{whose}: the link \"{link}\" is never closed (is the file cut off mid-entry?)"
        );
        if name.is_empty() {
            return Err(Error::parse(file, Some(u64::from(head.line)), message));
        }
        diagnostics.push(
            Diagnostic::new(
                Severity::Error,
                Code::UnclosedLink,
                format!("{file}:{}", head.line),
                message,
            )
            .help("close the link: \"[[paper](URL)]\""),
        );
    }
    Ok((name, name_end, name_link))
}

/// What a labelled sub-bullet holds (`地址：URL`, `简介：...`, `Paper: URL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Link,
    Description,
}

/// Labels of sub-bullets that hold one field of their entry, matched in any case.
const FIELD_LABELS: &[(&str, Field)] = &[
    ("地址", Field::Link),
    ("项目地址", Field::Link),
    ("链接", Field::Link),
    ("论文", Field::Link),
    ("代码", Field::Link),
    ("address", Field::Link),
    ("link", Field::Link),
    ("links", Field::Link),
    ("repo", Field::Link),
    ("github", Field::Link),
    ("code", Field::Link),
    ("paper", Field::Link),
    ("homepage", Field::Link),
    ("url", Field::Link),
    ("简介", Field::Description),
    ("介绍", Field::Description),
    ("描述", Field::Description),
    ("说明", Field::Description),
    ("description", Field::Description),
    ("intro", Field::Description),
    ("introduction", Field::Description),
    ("summary", Field::Description),
    ("about", Field::Description),
];

static BARE_URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"https?://[^\s)>\]，。]+").expect("valid regex")
});

/// A sub-bullet's field label and where its value starts, if it has one.
fn field_of(b: &Bullet) -> Option<(Field, usize)> {
    let (at, sep) = b
        .text
        .char_indices()
        .find(|&(_, c)| c == ':' || c == '：')?;
    let key = b.text[..at].trim().to_lowercase();
    let field = FIELD_LABELS.iter().find(|(l, _)| *l == key)?.1;
    let skip =
        b.text[at + sep.len_utf8()..].len() - b.text[at + sep.len_utf8()..].trim_start().len();
    Some((field, at + sep.len_utf8() + skip))
}

/// The links a `地址：URL` sub-bullet gives: its links, and bare URLs in its text.
fn field_links(b: &Bullet, from: usize) -> Vec<Link> {
    let mut urls: Vec<String> = b
        .links
        .iter()
        .filter(|l| !l.badge && l.range.start >= from)
        .map(|l| l.url.clone())
        .collect();
    urls.extend(
        BARE_URL
            .find_iter(&b.text[from..])
            .map(|m| m.as_str().to_string()),
    );
    urls.dedup();
    urls.into_iter()
        .map(|url| Link {
            kind: link::kind_of(&url),
            url,
        })
        .collect()
}

/// The bullets that describe an entry: the text after the head's links ("- [Name](url) -
/// 2023/02, ...") and the bullets under it (less a field label), joined, with every byte's
/// source offset and links.
fn description_text(head: &Bullet, real_links: &[&RawLink], parts: &[(&Bullet, usize)]) -> Joined {
    let tail_start = real_links
        .iter()
        .map(|l| l.range.end)
        .max()
        .unwrap_or(head.text.len());
    let tail = &head.text[tail_start..];
    let skip = tail.len()
        - tail
            .trim_start_matches(|c: char| c.is_whitespace() || "]-–—:：".contains(c))
            .len();
    let mut j = Joined::default();
    if tail_start + skip < head.text.len() {
        let from = tail_start + skip;
        j.add(&head.text[from..], &head.src[from..], &head.links, from);
    }
    for (p, from) in parts {
        j.add(&p.text[*from..], &p.src[*from..], &p.links, *from);
    }
    j
}

/// Texts joined with a space, each byte's source offset kept, links moved to their place.
#[derive(Default)]
struct Joined {
    text: String,
    src: Vec<usize>,
    links: Vec<RawLink>,
}

impl Joined {
    /// Adds `text` (which starts at byte `from` of the bullet whose links are `links`).
    fn add(&mut self, text: &str, src: &[usize], links: &[RawLink], from: usize) {
        if !self.text.is_empty() {
            self.text.push(' ');
            self.src.push(*self.src.last().unwrap_or(&0));
        }
        let base = self.text.len();
        self.text.push_str(text);
        self.src.extend_from_slice(src);
        self.links.extend(
            links
                .iter()
                .filter(|l| l.range.start >= from)
                .map(|l| RawLink {
                    range: l.range.start - from + base..l.range.end - from + base,
                    url: l.url.clone(),
                    badge: l.badge,
                    bracketed: l.bracketed,
                }),
        );
    }
}

/// The links of a bullet after its name, each of the kind its label says (the name's own link
/// by its address alone).
fn head_links(
    head: &Bullet,
    real_links: &[&RawLink],
    name_end: usize,
    name_link: Option<usize>,
) -> Vec<Link> {
    (real_links.iter())
        .filter(|l| l.range.start >= name_end)
        .map(|l| Link {
            kind: if name_link == Some(l.range.start) {
                link::kind_of(&l.url)
            } else {
                link::kind_of_labelled(&head.text[l.range.clone()], &l.url)
            },
            url: l.url.clone(),
        })
        .collect()
}

/// One entry from a bullet and the bullets under it.
fn draft_entry(
    file: &str,
    d: &Draft,
    lines: &LineTable,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<ListEntry> {
    let head = d.head;
    let real_links: Vec<&RawLink> = head.links.iter().filter(|l| !l.badge).collect();
    let (raw_name, name_end, name_link) = head_name(file, head, &real_links, diagnostics)?;
    let label = label::clean(&raw_name);
    if label.name.is_empty() {
        return Err(Error::parse(
            file,
            Some(u64::from(head.line)),
            "list entry has no name: expected the model or method name before its links, like \"- Llama [[paper](URL)]\"",
        ));
    }
    let mut links = head_links(head, &real_links, name_end, name_link);
    let mut parts: Vec<(&Bullet, usize)> = Vec::new();
    for p in &d.parts {
        match field_of(p) {
            Some((Field::Link, from)) => links.extend(field_links(p, from)),
            Some((Field::Description, from)) => parts.push((p, from)),
            None => parts.push((p, 0)),
        }
    }
    let mut joined = Joined::default();
    if let Some(t) = &label.tagline {
        let at = head.src.first().copied().unwrap_or(0);
        joined.add(t, &vec![at; t.len()], &[], 0);
    }
    let rest = description_text(head, &real_links, &parts);
    joined.add(&rest.text, &rest.src, &rest.links, 0);
    let (description, desc_lines, desc_links) =
        normalise(&joined.text, &joined.src, &joined.links, lines);
    let description_line = desc_lines.first().copied().unwrap_or(head.line);
    let (name, alias) = label::split_alias(&label.name);
    let aliases = (alias.into_iter())
        .chain(label::quoted_alias(&name, &description))
        .collect();
    let facts = prose::read(
        &name,
        head.kind,
        &Description {
            text: &description,
            lines: &desc_lines,
            links: &desc_links,
        },
    );
    let mut facts = facts;
    prose::most_specific(&mut facts.statements);
    let mut e = ListEntry {
        name,
        section: head.kind,
        line: head.line,
        released: facts.released,
        links,
        sizes: facts.sizes,
        organizations: facts.organizations,
        description,
        aliases,
        description_line,
        sub_models: facts.sub_models,
        statements: facts.statements,
        from_scratch: facts.from_scratch,
        attrs: Vec::new(),
        organization_link: None,
        place: Place::default(),
    };
    label::apply_label(&mut e, label);
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Relation};

    const REAL: &str = include_str!("../../../data/LLM-BaseModel.md");
    const AWESOME: &str = include_str!("../../../tests/fixtures/awesome-readme.md");

    fn real() -> ParsedList {
        parse("LLM-BaseModel.md", REAL, &ListOptions::default()).expect("the real list parses")
    }

    fn entry<'a>(list: &'a ParsedList, name: &str) -> &'a ListEntry {
        list.entries
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entry {name}"))
    }

    fn names(list: &ParsedList, kind: SectionKind) -> Vec<&str> {
        list.entries
            .iter()
            .filter(|e| e.section == kind)
            .map(|e| e.name.as_str())
            .collect()
    }

    #[test]
    fn a_bold_paper_title_after_a_name_is_no_part_of_it() {
        let md = "## Models\n\n\
            - BERT **BERT: Pre-training of Deep Bidirectional Transformers**, 2018, [Paper](https://aclanthology.org/N19-1423.pdf)\n\
            - GPT-2 **Language Models are Unsupervised Multitask Learners**. 2019. [Paper](https://example.org/gpt2.pdf)\n\
            - T5 **\"Exploring the Limits of Transfer Learning\"**. JMLR 2019. [Paper](https://arxiv.org/abs/1910.10683)\n\
            - Vicuna **13B** chat model [Paper](https://arxiv.org/abs/2306.05685)\n";
        let list = parse("reading.md", md, &ListOptions::default()).expect("parses");
        assert_eq!(
            names(&list, SectionKind::Model),
            ["BERT", "GPT-2", "T5", "Vicuna 13B chat model"]
        );
        assert_eq!(entry(&list, "BERT").released, Some(Date::year(2018)));
    }

    /// LLaMA-Cult-and-More's "Pre-trained Base Models", in its layout: a short version in a
    /// `<details>` block ending in links to related lists, then the models by organization.
    const CULT_BASE: &str = "## Pre-trained Base Models\n\n\
        <details><summary> Simple Version </summary>\n\n\
        - OpenAI: GPT-1, GPT-2, GPT-3, InstructGPT, Code-davinci-002, GPT-3.5, GPT-4(-8k/32k)\n\
        - MosaicML: MPT-7B, MPT-7B-Instruct/Chat\n\n\
        ![LLM Family Tree](https://github.com/Mooler0410/LLMsPracticalGuide/blob/main/imgs/qr_version.jpg?raw=true)\n\n\n\
        - [LLMsPracticalGuide](https://github.com/Mooler0410/LLMsPracticalGuide)\n\
        - [Awesome-LLM](https://github.com/Hannibal046/Awesome-LLM)\n\
        - [GenAI_LLM_timeline](https://github.com/hollobit/GenAI_LLM_timeline)\n\
        - [Open-LLMs](https://github.com/eugeneyan/open-llms)\n\n\n\
        </details>\n\n\n\
        - MosaicML\n\
        \x20 - **[MPT](https://www.mosaicml.com/blog/mpt-7b)** (MosaicML Pretrained Transformer, 7B(6.7B)): 2023/05/05, a GPT-style decoder-only transformers trained from scratch on 1T tokens\n\
        \x20 - MPT-7B-Instruct/Chat: finetuning MPT-7B on instruction following dataset and dialogue generation dataset\n\n\
        ## Chat models\n\n\
        - [Alpaca](https://github.com/tatsu-lab/stanford_alpaca)\n\
        - [Vicuna](https://github.com/lm-sys/FastChat)\n";

    #[test]
    fn links_to_related_lists_are_no_models() {
        let list = parse("cult.md", CULT_BASE, &ListOptions::default()).expect("parses");
        let names = names(&list, SectionKind::Model);
        for resource in [
            "LLMsPracticalGuide",
            "Awesome-LLM",
            "GenAI_LLM_timeline",
            "Open-LLMs",
        ] {
            assert!(!names.contains(&resource), "{resource} in {names:?}");
        }
        // the note says why they were skipped
        let note = list
            .diagnostics
            .iter()
            .find(|d| d.code == Code::SkippedItem)
            .expect("a note of skipped items");
        assert!(
            note.message
                .contains("\"Open-LLMs\" (a link to a related list or guide)")
        );
        // a list of bare links to models stays a list of models
        assert!(names.contains(&"Alpaca") && names.contains(&"Vicuna"));
        // an organization over model lines whose names join variants with a slash
        assert!(names.contains(&"MPT"), "{names:?}");
        assert!(names.contains(&"MPT-7B-Instruct/Chat"), "{names:?}");
        assert!(!names.contains(&"MosaicML"));
        assert_eq!(entry(&list, "MPT").organizations, ["MosaicML"]);
    }

    /// LLaMA-Cult-and-More's "Open Source Aligned LLMs": a news feed, under a heading that
    /// opens no section, of models, benchmarks, tools and events.
    const CULT_NEWS: &str = "## Models\n\n- Llama [[paper](https://arxiv.org/abs/2302.13971)]\n\n\
        ## Open Source Aligned LLMs\n\n\
        $\\color{red}{\\textsf{Refactoring...}}$\n\n\
        - 05/26: Falcon-40B, foundational LLM with 40 billion parameters trained on one trillion tokens, first place at huggingface Open LLM Leaderboard for now, 7B also released  ([blog](https://falconllm.tii.ae/), [model](https://huggingface.co/tiiuae), [Leaderboard](https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard))\n\
        - 05/24: C-Eval, is a comprehensive Chinese evaluation suite for foundation models. It consists of 13948 multi-choice questions ([repo](https://github.com/SJTU-LIT/ceval))\n\
        - 05/21: 4-bit QLoRA via bitsandbytes (4-bit base model + LoRA) ([tweet](https://twitter.com/erhartford/status/1659968725167271936))\n\
        - 05/04: Chatbot Arena: Benchmarking LLMs in the Wild with Elo Ratings ([blog](https://lmsys.org/blog/2023-05-03-arena/))\n\
        - 04/29: FastChat-T5, a compact and commercial-friendly chatbot, Fine-tuned from Flan-T5, Outperforms Dolly-V2 with 4x fewer parameters ([tweet](https://twitter.com/lmsysorg/status/1652037026705985537), [repo](https://github.com/lm-sys/FastChat#FastChat-T5))\n\
        - 04/29: StabilityAI/StableVicuna, Carper AI from StabilityAI family release RLHF-trained version of Vicuna-13B! ([tweet](https://twitter.com/StabilityAI/status/1652026192193785856), [model](https://huggingface.co/CarperAI/stable-vicuna-13b-delta))\n\
        - 04/20: replicate ChatGLM with efficient fine-tuning (ptunig, lora, freeze) ([repo](https://github.com/hiyouga/ChatGLM-Efficient-Tuning))\n\
        - 04/01: Vicuna-13B, An Open-Source Chatbot Impressing GPT-4 with 90% ChatGPT Quality, fine-tune LLaMA on ~70K conversations from ShareGPT ([blog](https://vicuna.lmsys.org/), [repo](https://github.com/lm-sys/FastChat), [gptq-4-bit](https://huggingface.co/elinas/vicuna-13b-4bit))\n\
        - 04/01: Twitter's Recommendation Algorithm ([repo](https://github.com/twitter/the-algorithm))\n\
        - peft: State-of-the-art Parameter-Efficient Fine-Tuning (PEFT) methods ([repo](https://github.com/huggingface/peft))\n";

    #[test]
    fn a_news_feed_gives_the_models_whose_lineage_it_states() {
        let list = parse("cult.md", CULT_NEWS, &ListOptions::default()).expect("parses");
        // benchmarks, tools, events and models without lineage are news, not entries
        assert_eq!(
            names(&list, SectionKind::Model),
            ["Llama", "FastChat-T5", "StableVicuna", "Vicuna-13B"]
        );
        let said = |name: &str| -> Vec<(Relation, String)> {
            (entry(&list, name).statements.iter())
                .map(|s| (s.relation, s.object.clone()))
                .collect()
        };
        assert_eq!(
            said("FastChat-T5"),
            [(Relation::FineTunedFrom, "Flan-T5".to_string())]
        );
        assert_eq!(
            said("StableVicuna"),
            [(Relation::FineTunedFrom, "Vicuna-13B".to_string())]
        );
        assert_eq!(
            said("Vicuna-13B"),
            [(Relation::FineTunedFrom, "LLaMA".to_string())]
        );
        let stable = entry(&list, "StableVicuna");
        assert_eq!(stable.line, 14);
        // the publisher before the slash is the organization where the prose names none
        assert_eq!(stable.organizations, ["StabilityAI"]);
        assert!(stable.links.iter().any(|l| l.url.contains("CarperAI")));
        // a Hub checkpoint labelled as something else than the model is not its link
        assert!(!(entry(&list, "Vicuna-13B").links.iter()).any(|l| l.url.contains("elinas")));
    }

    #[test]
    fn an_organization_over_one_linked_model_line_is_its_organization() {
        let md = "## Pre-trained Base Models\n\n\
            - Nvidia\n  - 2019/09, [Megatron-Turing NLG](https://developer.nvidia.com/mt-nlg) (530B), largest model of its time\n\
            - Falcon\n  - 2023/06, a model of [TII](https://www.tii.ae/), with 40b.\n";
        let list = parse("cult.md", md, &ListOptions::default()).expect("parses");
        assert_eq!(
            names(&list, SectionKind::Model),
            ["Megatron-Turing NLG", "Falcon"]
        );
        let mt = entry(&list, "Megatron-Turing NLG");
        assert_eq!(mt.organizations, ["Nvidia"]);
        assert_eq!(mt.sizes, ["530B"]);
        // a lone description line that does not open with a linked name stays a description
        assert!(
            entry(&list, "Falcon")
                .description
                .contains("a model of TII")
        );
    }

    #[test]
    fn one_citation_for_two_models_gives_two_entries() {
        let md = "## Models\n\n\
            15. <u>mT0 && BLOOMZ</u>: **\"Crosslingual Generalization through Multitask Finetuning\"**. *Niklas Muennighoff et al.* arXiv 2022. [[Paper](https://arxiv.org/abs/2211.01786)]\n";
        let list = parse("survey.md", md, &ListOptions::default()).expect("parses");
        assert_eq!(names(&list, SectionKind::Model), ["mT0", "BLOOMZ"]);
        let (a, b) = (entry(&list, "mT0"), entry(&list, "BLOOMZ"));
        assert_eq!(a.links, b.links);
        assert_eq!(a.released, Some(Date::year(2022)));
        assert_eq!(a.line, b.line);
    }

    #[test]
    fn real_list_has_every_entry_with_its_section() {
        let list = real();
        assert_eq!(
            names(&list, SectionKind::Model),
            [
                "Llama",
                "ChatGLM",
                "Alpaca",
                "Vicuna",
                "WizardLM",
                "Falcon",
                "ChatGLM2",
                "Baichuan-7b",
                "Baichuan-13b",
                "InternLM",
                "Llama 2",
                "Code Llama",
                "Qwen",
                "Baichuan 2",
                "Phi-1.5",
                "Mistral-7B",
                "Deepseek",
                "MiniCPM",
                "Mixtral-8x22B",
                "Phi-3",
                "Llama 3",
                "Qwen-1.5-110B",
                "Qwen2",
                "Llama 3.1",
                "Qwen2.5",
                "Llama 3.2"
            ]
        );
        assert_eq!(
            names(&list, SectionKind::Method),
            [
                "P-Tuning",
                "LoRA",
                "P-Tuning V2",
                "RLHF",
                "RRHF",
                "QLoRA",
                "RLTF",
                "RRTF",
                "RLAIF"
            ]
        );
        // bullets indented by 0, 1 and 2 spaces, and the heading with a leading space
        assert_eq!(entry(&list, "Mistral-7B").line, 50);
        assert_eq!(entry(&list, "Llama 3").line, 71);
        assert_eq!(entry(&list, "Llama 3.2").line, 88);
        assert_eq!(entry(&list, "P-Tuning").line, 94);
    }

    #[test]
    fn real_list_dates_links_and_organizations() {
        let list = real();
        let llama = entry(&list, "Llama");
        assert_eq!(llama.released, Date::month(2023, 2));
        assert_eq!(llama.line, 3);
        assert_eq!(llama.description_line, 4);
        assert_eq!(
            llama.links,
            [
                Link {
                    kind: crate::model::LinkKind::Paper,
                    url: "https://arxiv.org/pdf/2302.13971.pdf".into()
                },
                Link {
                    kind: crate::model::LinkKind::Code,
                    url: "https://github.com/facebookresearch/llama".into()
                },
                Link {
                    kind: crate::model::LinkKind::Model,
                    url: "https://huggingface.co/meta-llama".into()
                },
            ]
        );
        assert_eq!(llama.organizations, ["Meta AI"]);
        let vicuna = entry(&list, "Vicuna");
        assert_eq!(
            vicuna.organizations,
            ["UC Berkeley University", "CMU", "Stanford University"]
        );
        // no space before the links
        let chatglm2 = entry(&list, "ChatGLM2");
        assert_eq!(chatglm2.links.len(), 3);
        assert_eq!(chatglm2.released, Date::month(2023, 6));
        // full-width comma repaired and normalised
        assert!(
            chatglm2
                .description
                .contains("version of ChatGLM, with the specification of 7b"),
            "{}",
            chatglm2.description
        );
        // links broken across lines
        let baichuan2 = entry(&list, "Baichuan 2");
        let kinds: Vec<&str> = baichuan2.links.iter().map(|l| l.kind.as_str()).collect();
        assert_eq!(kinds, ["paper", "code", "model"]);
        assert_eq!(baichuan2.description_line, 45);
        let mistral = entry(&list, "Mistral-7B");
        assert_eq!(mistral.links.len(), 3);
        assert_eq!(mistral.organizations, ["Mistral-AI"]);
        assert_eq!(mistral.released, Date::month(2023, 10));
        assert_eq!(
            entry(&list, "P-Tuning").organizations,
            ["Tsinghua University"]
        );
        assert_eq!(
            entry(&list, "MiniCPM").organizations,
            ["ModelBest Inc.", "TsinghuaNLP"]
        );
        assert_eq!(entry(&list, "RLHF").organizations, ["OpenAI"]);
        assert_eq!(entry(&list, "RLAIF").released, Date::month(2023, 9));
        let rrhf = entry(&list, "RRHF");
        assert!(
            rrhf.description
                .starts_with("2023/04, Alibaba proposes a novel learning paradigm called RRHF (Rank Responses to Align Language Models with Human Feedback without tears), which"),
            "{}",
            rrhf.description
        );
        assert!(entry(&list, "Deepseek").from_scratch);
        assert!(!entry(&list, "Llama").from_scratch);
        for e in &list.entries {
            assert!(e.released.is_some(), "{} has a date", e.name);
            assert!(!e.links.is_empty(), "{} has links", e.name);
            assert!(!e.organizations.is_empty(), "{} has organizations", e.name);
            assert!(!e.description.contains("  "), "folded: {}", e.description);
        }
    }

    #[test]
    fn real_list_sizes_are_the_entries_own() {
        let list = real();
        let expected: [(&str, &[&str]); 35] = [
            ("Llama", &["7B", "13B", "33B", "65B"]),
            ("ChatGLM", &["7B"]),
            ("Alpaca", &["7B"]),
            ("Vicuna", &["7B", "13B"]),
            ("WizardLM", &["7B", "13B", "30B"]),
            ("Falcon", &["1B", "7B", "40B", "180B"]),
            ("ChatGLM2", &["7B"]),
            ("Baichuan-7b", &["7B"]),
            ("Baichuan-13b", &["13B"]),
            ("InternLM", &["7B", "20B"]),
            ("Llama 2", &["7B", "13B", "34B", "70B"]),
            ("Code Llama", &["7B", "13B", "34B"]),
            ("Qwen", &["7B"]),
            ("Baichuan 2", &["7B", "13B"]),
            ("Phi-1.5", &["1.3B"]),
            ("Mistral-7B", &["7B"]),
            ("Deepseek", &["7B", "67B"]),
            ("MiniCPM", &["2.4B", "2.7B"]),
            ("Mixtral-8x22B", &["39B active", "141B"]),
            ("Phi-3", &["7B", "14B"]),
            ("Llama 3", &["8B", "70B"]),
            ("Qwen-1.5-110B", &["110B"]),
            ("Qwen2", &["0.5B", "1.5B", "7B", "57B-A14B", "72B"]),
            ("Llama 3.1", &["8B", "70B", "405B"]),
            (
                "Qwen2.5",
                &["0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B"],
            ),
            ("Llama 3.2", &["1B", "3B", "11B", "90B"]),
            ("P-Tuning", &[]),
            ("LoRA", &[]),
            ("P-Tuning V2", &[]),
            ("RLHF", &[]),
            ("RRHF", &[]),
            ("QLoRA", &[]),
            ("RLTF", &[]),
            ("RRTF", &[]),
            ("RLAIF", &[]),
        ];
        assert_eq!(expected.len(), list.entries.len());
        for (name, sizes) in expected {
            assert_eq!(entry(&list, name).sizes, sizes, "sizes of {name}");
        }
    }

    #[test]
    fn real_list_sub_models() {
        let list = real();
        let subs = |name: &str| -> Vec<(String, Option<String>, Vec<String>)> {
            entry(&list, name)
                .sub_models
                .iter()
                .map(|s| {
                    (
                        s.name.clone(),
                        s.released.map(|d| d.to_string()),
                        s.sizes.clone(),
                    )
                })
                .collect()
        };
        let d = |s: &str| Some(s.to_string());
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            subs("WizardLM"),
            [
                ("WizardMath".into(), d("2023-06"), v(&[])),
                ("WizardCoder".into(), d("2023-08"), v(&[]))
            ]
        );
        assert_eq!(
            subs("Phi-1.5"),
            [("Phi-2".into(), d("2023-12"), v(&["2.7B"]))]
        );
        assert_eq!(
            subs("Mistral-7B"),
            [("Mixtral-8x7B".into(), d("2023-12"), v(&["8x7B"]))]
        );
        assert_eq!(
            subs("Code Llama"),
            [("CodeLlama-70b".into(), d("2024-01"), v(&["70B"]))]
        );
        assert_eq!(
            subs("Qwen"),
            [
                ("Qwen-14B".into(), d("2023-09"), v(&["14B"])),
                ("Qwen-1.8B".into(), d("2023-11"), v(&["1.8B"])),
                ("Qwen-72B".into(), d("2023-11"), v(&["72B"]))
            ]
        );
        let qwen25 = subs("Qwen2.5");
        let qwen25: Vec<(&str, &[String])> = qwen25
            .iter()
            .map(|(n, _, s)| (n.as_str(), s.as_slice()))
            .collect();
        assert_eq!(
            qwen25,
            [
                ("Qwen2.5-Coder", v(&["1.5B", "7B", "32B"]).as_slice()),
                ("Qwen2.5-Math", v(&["1.5B", "7B", "72B"]).as_slice())
            ]
        );
    }

    #[test]
    fn real_list_sub_model_keeps_its_link_line_and_sentence() {
        let list = real();
        let phi2 = &entry(&list, "Phi-1.5").sub_models[0];
        assert_eq!(
            phi2.links,
            [Link {
                kind: crate::model::LinkKind::Model,
                url: "https://huggingface.co/microsoft/phi-2".into()
            }]
        );
        assert_eq!(phi2.line, 48);
        assert!(
            phi2.sentence
                .starts_with("2023/12, They propose Phi-2, a 2.7")
        );
    }

    #[test]
    fn real_list_only_six_entries_name_models_of_their_own() {
        let list = real();
        // nobody else names a model of their own (no phi-1, no Llama 2 13B-chat, no GPT-3.5)
        let with_subs: Vec<&str> = list
            .entries
            .iter()
            .filter(|e| !e.sub_models.is_empty())
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(
            with_subs,
            [
                "WizardLM",
                "Code Llama",
                "Qwen",
                "Phi-1.5",
                "Mistral-7B",
                "Qwen2.5"
            ]
        );
    }

    #[test]
    fn real_list_statements() {
        let list = real();
        let all: Vec<(String, Relation, String, u32)> = list
            .entries
            .iter()
            .flat_map(|e| &e.statements)
            .map(|s| (s.subject.clone(), s.relation, s.object.clone(), s.line))
            .collect();
        let expected = [
            ("ChatGLM", Relation::BuiltOn, "General Language Model", 7),
            ("Alpaca", Relation::FineTunedFrom, "Llama", 11),
            ("Vicuna", Relation::DerivedFrom, "Llama", 14),
            ("ChatGLM2", Relation::SuccessorOf, "ChatGLM", 23),
            ("Baichuan-13b", Relation::SuccessorOf, "Baichuan-7B", 29),
            ("Llama 2", Relation::SuccessorOf, "Llama", 35),
            ("Code Llama", Relation::DerivedFrom, "Llama 2", 38),
            ("Qwen-1.5-110B", Relation::VariantOf, "Qwen1.5", 75),
            ("Qwen2", Relation::SuccessorOf, "Qwen1.5", 78),
            ("Qwen2", Relation::SuccessorOf, "Qwen1.5-110B", 78),
            ("P-Tuning V2", Relation::Extends, "P-Tuning", 101),
            ("QLoRA", Relation::Extends, "LoRA", 112),
        ];
        for (s, r, o, line) in expected {
            assert!(
                all.contains(&(s.into(), r, o.into(), line)),
                "missing {s} {r:?} {o} at {line}: {all:?}"
            );
        }
        // the one further statement the general rule gives ("based on Transformer architecture")
        assert!(all.contains(&(
            "Baichuan-7b".into(),
            Relation::BuiltOn,
            "Transformer".into(),
            26
        )));
        // and one mention ("based on the frozen 4bit quantization model"), which no
        // vocabulary knows: no edge
        assert!(all.contains(&("QLoRA".into(), Relation::Uses, "frozen".into(), 112)));
        assert_eq!(all.len(), expected.len() + 2, "{all:?}");
        // comparisons are never edges
        for name in [
            "MiniCPM",
            "Mistral-7B",
            "Llama 3",
            "Deepseek",
            "Falcon",
            "RRTF",
            "Qwen2.5",
        ] {
            assert!(
                entry(&list, name).statements.is_empty(),
                "{name}: {:?}",
                entry(&list, name).statements
            );
        }
        let alpaca = &entry(&list, "Alpaca").statements[0];
        assert_eq!(
            alpaca.sentence,
            "2023/03, Stanford University proposes Alpaca, an open source LLM fine-tuned based on the Llama 7b model."
        );
        let qwen2 = &entry(&list, "Qwen2").statements;
        assert_eq!(
            qwen2[1].sentence,
            "Notably, it surpasses the performance of its predecessor, Qwen1.5-110B, despite having fewer parameters."
        );
    }

    #[test]
    fn real_list_repairs_encoding_with_one_diagnostic_per_line() {
        let list = real();
        let lines: Vec<&str> = list
            .diagnostics
            .iter()
            .map(|d| d.location.as_str())
            .collect();
        assert_eq!(
            lines,
            [2, 23, 53, 69, 81, 93, 107, 115, 118].map(|l| format!("LLM-BaseModel.md:{l}"))
        );
        for d in &list.diagnostics {
            assert_eq!(d.severity, Severity::Info);
            assert_eq!(d.code, Code::RepairedEncoding);
        }
        assert!(list.diagnostics[0].message.contains("\"ðŸ”¥\" → \"🔥\""));
        assert!(list.diagnostics[1].message.contains("\"ï¼Œ\" → \"，\""));
        assert!(list.diagnostics[2].message.contains("\"â€“\" → \"–\""));
        // repaired text, everywhere
        for e in &list.entries {
            for bad in ["ðŸ", "â€", "ï¼"] {
                assert!(
                    !e.description.contains(bad),
                    "{}: {}",
                    e.name,
                    e.description
                );
            }
        }
        assert!(
            entry(&list, "Mistral-7B")
                .description
                .contains("Mistral 7B – Instruct")
        );
        // correct UTF-8 is not touched
        let clean = "## 🔥 Base Model\n- Café [[paper](https://x.org/a)]\n  - 2023/02, Zürich Labs proposes Café, 基础模型, with the specification of 7b.\n";
        let parsed = parse("clean.md", clean, &ListOptions::default()).unwrap();
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.entries[0].name, "Café");
        assert!(
            parsed.entries[0]
                .description
                .contains("Zürich Labs proposes Café, 基础模型")
        );
        assert_eq!(parsed.entries[0].organizations, ["Zürich Labs"]);
    }

    #[test]
    fn awesome_readme_reads_only_model_and_method_sections() {
        let list = parse("awesome-readme.md", AWESOME, &ListOptions::default()).unwrap();
        let got: Vec<(&str, SectionKind)> = list
            .entries
            .iter()
            .map(|e| (e.name.as_str(), e.section))
            .collect();
        assert_eq!(
            got,
            [
                ("Llama", SectionKind::Model),
                ("Vicuna", SectionKind::Model),
                ("Falcon", SectionKind::Model),
                ("ChatGLM", SectionKind::Model),
                ("LoRA", SectionKind::Method),
                ("QLoRA", SectionKind::Method),
                ("Baichuan", SectionKind::Model),
            ]
        );
        let llama = entry(&list, "Llama");
        // the stars badge after the links is not a link of the entry
        assert_eq!(
            llama.links,
            [
                Link {
                    kind: crate::model::LinkKind::Paper,
                    url: "https://arxiv.org/abs/2302.13971".into()
                },
                Link {
                    kind: crate::model::LinkKind::Code,
                    url: "https://github.com/facebookresearch/llama".into()
                },
            ]
        );
        assert_eq!(llama.sizes, ["7B", "13B", "33B", "65B"]);
        // escaped brackets and a date badge
        let vicuna = entry(&list, "Vicuna");
        let kinds: Vec<&str> = vicuna.links.iter().map(|l| l.kind.as_str()).collect();
        assert_eq!(kinds, ["paper", "code"]);
        assert_eq!(vicuna.released, Date::month(2023, 3));
        assert_eq!(vicuna.statements.len(), 1);
        assert_eq!(vicuna.statements[0].object, "Llama");
        assert_eq!(entry(&list, "ChatGLM").line, 27);
        // "- [Name](url) - description" on one line
        let falcon = entry(&list, "Falcon");
        assert_eq!(
            falcon.links,
            [Link {
                kind: crate::model::LinkKind::Model,
                url: "https://huggingface.co/tiiuae".into()
            }]
        );
        assert_eq!(falcon.released, Date::month(2023, 6));
        assert_eq!(falcon.sizes, ["1B", "7B", "40B", "180B"]);
        assert_eq!(falcon.organizations, ["Technology Innovation Institute"]);
        assert_eq!(falcon.description_line, 24);
        assert_eq!(entry(&list, "QLoRA").statements[0].object, "LoRA");
    }

    #[test]
    fn chinese_headings_are_sections_and_any_heading_can_be_named() {
        let list = parse("awesome-readme.md", AWESOME, &ListOptions::default()).unwrap();
        let baichuan = entry(&list, "Baichuan");
        assert_eq!(baichuan.section, SectionKind::Model);
        assert_eq!(baichuan.sizes, ["7B"]);
        let only = "# 列表\n\n## 🔥 基础模型\n- Yi [[model](https://huggingface.co/01-ai)]\n  - 2023/11, 01.AI proposes Yi, with two specifications: 6b and 34b.\n";
        let list = parse("zh.md", only, &ListOptions::default()).unwrap();
        assert_eq!(list.entries[0].name, "Yi");
        assert_eq!(list.entries[0].sizes, ["6B", "34B"]);
        // a heading no rule knows is read when named
        let other = only.replace("基础模型", "我们的收藏");
        assert!(parse("zh.md", &other, &ListOptions::default()).is_err());
        let opts = ListOptions {
            sections: vec![(" 我们的收藏 ".to_string(), SectionKind::Model)],
        };
        let list = parse("zh.md", &other, &opts).unwrap();
        assert_eq!(list.entries[0].name, "Yi");
        assert_eq!(list.named, [" 我们的收藏 "]);
    }

    #[test]
    fn bullets_nested_by_indentation_still_become_entries() {
        let text = "## Models\n- A1 [[paper](https://a.org)]\n  - 2023/01, X proposes A1.\n  - B2 [[paper](https://b.org)]\n    - 2023/02, Y proposes B2.\n   - C3 [[code](https://c.org)]\n";
        let list = parse("n.md", text, &ListOptions::default()).unwrap();
        let got: Vec<(&str, u32)> = list
            .entries
            .iter()
            .map(|e| (e.name.as_str(), e.line))
            .collect();
        assert_eq!(got, [("A1", 2), ("B2", 4), ("C3", 6)]);
        assert_eq!(list.entries[1].released, Date::month(2023, 2));
    }

    #[test]
    fn a_file_without_a_model_section_is_not_a_list() {
        let err = parse(
            "notes.md",
            "# Notes\n\n## Survey\n- A survey [[paper](https://x.org)]\n",
            &ListOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "notes.md: not a model list: no section headed like \"Base Model\" or \"Fine-tuning\" and no table of models was found (it has headings \"Notes\", \"Survey\")\n  help: name the heading of the list's section with --section \"HEADING=model\" (or \"HEADING=method\")"
        );
        let err = parse(
            "empty.md",
            "# T\n\n## Base Model\n\nNothing yet.\n",
            &ListOptions::default(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("empty.md:3: not a model list: the sections headed"),
            "{err}"
        );
    }

    #[test]
    fn an_entry_without_a_name_is_an_error_with_its_line() {
        let text = "## Base Model\n- Llama [[paper](https://a.org)]\n  - 2023/02, Meta AI proposes Llama.\n\n- [[paper](https://b.org)] [[code](https://c.org)]\n  - 2023/03, Someone proposes it.\n";
        let err = parse("list.md", text, &ListOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "list.md:5: list entry has no name: expected the model or method name before its links, like \"- Llama [[paper](URL)]\""
        );
    }
}
