//! The markdown list (an awesome-list README): entries, their links, dates, sizes, organizations,
//! the models named inside them, and the lineage their prose states. Parsed with pulldown-cmark.

use super::mojibake;
use super::prose::{self, DescLink, Description};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::model::{Date, Link, Relation};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// Which kind of node a section's entries become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Model,
    Method,
}

/// Options for reading a list.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// Extra headings to read (`--section "HEADING=model"`), matched case-insensitively.
    pub sections: Vec<(String, SectionKind)>,
}

/// A lineage statement read from an entry's prose: `subject --relation--> object`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The entry's name, or the name of a model named inside the entry.
    pub subject: String,
    pub relation: Relation,
    /// The name the sentence gives, cleaned ("Llama" from "the Llama 7b model").
    pub object: String,
    /// 1-based line of the sentence in the file.
    pub line: u32,
    /// The sentence itself, whitespace folded.
    pub sentence: String,
}

/// A model named inside another entry (Phi-2 inside Phi-1.5).
#[derive(Debug, Clone, PartialEq)]
pub struct SubModel {
    pub name: String,
    pub released: Option<Date>,
    pub sizes: Vec<String>,
    pub links: Vec<Link>,
    pub line: u32,
    pub sentence: String,
}

/// One bullet of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    pub name: String,
    pub section: SectionKind,
    /// 1-based line of the bullet.
    pub line: u32,
    pub released: Option<Date>,
    pub links: Vec<Link>,
    /// Sizes as written, normalised ("7B", "8x7B", "39B active").
    pub sizes: Vec<String>,
    /// Organization names as the text gives them ("Meta AI", "UC Berkeley University").
    pub organizations: Vec<String>,
    pub description: String,
    /// 1-based line where the description starts.
    pub description_line: u32,
    pub sub_models: Vec<SubModel>,
    pub statements: Vec<Statement>,
    /// The prose says the model was trained from scratch (a root on purpose).
    pub from_scratch: bool,
}

/// What reading a list gives.
#[derive(Debug, Clone, Default)]
pub struct ParsedList {
    pub entries: Vec<ListEntry>,
    /// Findings such as repaired encoding, with their lines.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a list. `file` is the name used in evidence and errors.
pub fn parse(file: &str, text: &str, opts: &ListOptions) -> Result<ParsedList> {
    let mut diagnostics = Vec::new();
    let text = repair_encoding(file, text, &mut diagnostics);
    let text = text.as_ref();
    let lines = LineTable::new(text);
    let walk = walk(text, &lines, opts);
    let Some(first_section) = walk.first_section else {
        return Err(Error::parse(
            file,
            None,
            "not a model list: no section headed like \"Base Model\" or \"Fine-tuning\" was found",
        )
        .with_help(
            "name the heading of the list's section with --section \"HEADING=model\" (or \"HEADING=method\")",
        ));
    };
    let entries = build_entries(file, walk.bullets, &lines, &mut diagnostics)?;
    if entries.is_empty() {
        return Err(Error::parse(
            file,
            Some(u64::from(first_section)),
            "not a model list: the sections headed like \"Base Model\" or \"Fine-tuning\" have no entries",
        )
        .with_help(
            "entries are bullets like \"- Llama [[paper](URL)]\" under the heading; name another heading with --section \"HEADING=model\"",
        ));
    }
    Ok(ParsedList {
        entries,
        diagnostics,
    })
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
                    "repaired-encoding",
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

/// Byte offset → 1-based line, by binary search over the line starts.
struct LineTable {
    starts: Vec<usize>,
}

impl LineTable {
    fn new(text: &str) -> LineTable {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineTable { starts }
    }

    fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

/// A link inside a bullet: byte range of its text in the bullet's text.
#[derive(Debug)]
struct RawLink {
    range: Range<usize>,
    url: String,
    /// The link wraps an image (a badge).
    badge: bool,
    /// The link is written inside brackets: `[[paper](url)]`.
    bracketed: bool,
}

/// One bullet's own text (without nested lists), with the source offset of every byte.
#[derive(Debug)]
struct Bullet {
    line: u32,
    depth: usize,
    kind: SectionKind,
    text: String,
    src: Vec<usize>,
    links: Vec<RawLink>,
}

impl Bullet {
    fn push(&mut self, s: &str, range: &Range<usize>) {
        for i in 0..s.len() {
            self.src
                .push((range.start + i).min(range.end.saturating_sub(1)));
        }
        self.text.push_str(s);
    }

    fn space(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
            self.src.push(at);
        }
    }

    /// The bullet has the entry form: a name followed by bracketed links.
    fn has_link_list(&self) -> bool {
        self.links.iter().any(|l| l.bracketed && !l.badge)
    }

    fn starts_with_date(&self) -> bool {
        let t = self.text.trim_start().as_bytes();
        t.len() >= 7 && t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'/'
    }
}

/// What walking the markdown gives.
struct Walk {
    bullets: Vec<Bullet>,
    /// The line of the first heading that opened a section.
    first_section: Option<u32>,
}

/// How a heading relates to the list's sections.
enum HeadingClass {
    Section(SectionKind),
    /// A section that is never read (survey, datasets, tools, contents).
    Excluded,
    /// Neither: a sub-heading keeps the section it is in.
    Neutral,
}

/// A heading's text for matching: emoji and punctuation dropped, hyphens as spaces, lower case.
fn heading_key(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn classify_heading(heading: &str, opts: &ListOptions) -> HeadingClass {
    let key = heading_key(heading);
    if let Some((_, kind)) = opts.sections.iter().find(|(h, _)| heading_key(h) == key) {
        return HeadingClass::Section(*kind);
    }
    let words: Vec<&str> = key.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    const EXCLUDED: [&str; 16] = [
        "survey",
        "surveys",
        "dataset",
        "datasets",
        "data",
        "benchmark",
        "benchmarks",
        "tool",
        "tools",
        "paper",
        "papers",
        "contents",
        "license",
        "contributing",
        "tutorials",
        "evaluation",
    ];
    if EXCLUDED.iter().any(|w| has(w)) {
        return HeadingClass::Excluded;
    }
    if key.contains("fine tuning") || has("finetuning") || has("peft") || has("methods") {
        return HeadingClass::Section(SectionKind::Method);
    }
    if key.contains("base model")
        || key.contains("foundation model")
        || key.contains("open llm")
        || has("models")
    {
        return HeadingClass::Section(SectionKind::Model);
    }
    HeadingClass::Neutral
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Walks the markdown events: headings open and close sections, every list item inside a
/// section becomes a bullet with its own text, links and line.
fn walk(text: &str, lines: &LineTable, opts: &ListOptions) -> Walk {
    let mut bullets: Vec<Bullet> = Vec::new();
    let mut first_section = None;
    // (level, section) of the open headings, outermost first
    let mut headings: Vec<(u8, Option<SectionKind>)> = Vec::new();
    let mut heading: Option<(u8, String, u32)> = None;
    // open list items: the index of their bullet, or None outside a section
    let mut items: Vec<Option<usize>> = Vec::new();
    // open links of the current bullet: (start in bullet text, url, badge, bracketed)
    let mut links: Vec<(usize, String, bool, bool)> = Vec::new();
    let mut image_depth = 0usize;
    let section = |headings: &Vec<(u8, Option<SectionKind>)>| headings.last().and_then(|h| h.1);

    for (event, range) in Parser::new(text).into_offset_iter() {
        let current = items.last().copied().flatten();
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), String::new(), lines.line(range.start)));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title, line)) = heading.take() {
                    while headings.last().is_some_and(|h| h.0 >= level) {
                        headings.pop();
                    }
                    let kind = match classify_heading(&title, opts) {
                        HeadingClass::Section(k) => {
                            first_section.get_or_insert(line);
                            Some(k)
                        }
                        HeadingClass::Excluded => None,
                        HeadingClass::Neutral => section(&headings),
                    };
                    headings.push((level, kind));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title, _)) = heading.as_mut() {
                    if image_depth == 0 {
                        title.push_str(&t);
                    }
                } else if let Some(ix) = current
                    && image_depth == 0
                {
                    bullets[ix].push(&t, &range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(ix) = current {
                    bullets[ix].space(range.start);
                }
            }
            Event::Start(Tag::Paragraph) => {
                if let Some(ix) = current {
                    bullets[ix].space(range.start);
                }
            }
            Event::Start(Tag::Item) => {
                let bullet = section(&headings).map(|kind| {
                    bullets.push(Bullet {
                        line: lines.line(range.start),
                        depth: items.iter().filter(|i| i.is_some()).count(),
                        kind,
                        text: String::new(),
                        src: Vec::new(),
                        links: Vec::new(),
                    });
                    bullets.len() - 1
                });
                items.push(bullet);
                links.clear();
            }
            Event::End(TagEnd::Item) => {
                items.pop();
                links.clear();
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(ix) = current {
                    let b = &bullets[ix];
                    links.push((
                        b.text.len(),
                        dest_url.to_string(),
                        false,
                        b.text.ends_with('['),
                    ));
                }
            }
            Event::End(TagEnd::Link) => {
                if let (Some(ix), Some((start, url, badge, bracketed))) = (current, links.pop()) {
                    let end = bullets[ix].text.len();
                    let badge = badge || url.contains("img.shields.io");
                    bullets[ix].links.push(RawLink {
                        range: start..end,
                        url,
                        badge,
                        bracketed,
                    });
                }
            }
            Event::Start(Tag::Image { .. }) => {
                image_depth += 1;
                for l in &mut links {
                    l.2 = true;
                }
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ => {}
        }
    }
    Walk {
        bullets,
        first_section,
    }
}

/// Folds whitespace and normalises full-width punctuation (`，` → ", ", `（` → " (") and
/// non-breaking hyphens, keeping the source line of every output byte and remapping links.
fn normalise(
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

/// Turns bullets into entries: a bullet with a name and bracketed links (or any bullet at the
/// top of a section's list) opens an entry; other bullets are its description.
fn build_entries(
    file: &str,
    bullets: Vec<Bullet>,
    lines: &LineTable,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<ListEntry>> {
    struct Draft {
        head: Bullet,
        parts: Vec<Bullet>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    for b in bullets {
        let is_description = b.starts_with_date() || (b.depth > 0 && !b.has_link_list());
        if is_description {
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
    let mut entries = Vec::with_capacity(drafts.len());
    for Draft { head, parts } in drafts {
        let real_links: Vec<&RawLink> = head.links.iter().filter(|l| !l.badge).collect();
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
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut name = fold(&head.text[..name_end])
            .trim_end_matches([':', '-', '–', '['])
            .trim()
            .to_string();
        // "- [Name](url) - description": the name is the first link's text
        let mut name_link = None;
        if name.is_empty()
            && let Some(first) = real_links.first()
            && !first.bracketed
        {
            name = fold(&head.text[first.range.clone()]);
            name_link = Some(first.range.start);
        }
        // "Alpaca [[paper](https://cr" at the end of a cut-off file: markdown that is not a link
        if let Some(open) = name.find("](").and_then(|p| name[..p].rfind('[')) {
            let before = name[..open].trim_end_matches('[');
            let link = elide(&name[before.len()..], 80).into_owned();
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
                    "unclosed-link",
                    format!("{file}:{}", head.line),
                    message,
                )
                .help("close the link: \"[[paper](URL)]\""),
            );
        }
        if name.is_empty() {
            return Err(Error::parse(
                file,
                Some(u64::from(head.line)),
                "list entry has no name: expected the model or method name before its links, like \"- Llama [[paper](URL)]\"",
            ));
        }
        let links: Vec<Link> = real_links
            .iter()
            .filter(|l| l.range.start >= name_end)
            .map(|l| Link {
                kind: if name_link == Some(l.range.start) {
                    prose::link_kind(&l.url).to_string()
                } else {
                    head.text[l.range.clone()].trim().to_lowercase()
                },
                url: l.url.clone(),
            })
            .collect();
        // text after the links on the bullet itself ("- [Name](url) - 2023/02, ...") opens
        // the description
        let tail_start = real_links
            .iter()
            .map(|l| l.range.end)
            .max()
            .unwrap_or(head.text.len());
        let tail = &head.text[tail_start..];
        let skip = tail.len()
            - tail
                .trim_start_matches(|c: char| c.is_whitespace() || "]-–—:".contains(c))
                .len();
        let mut parts = parts;
        if tail_start + skip < head.text.len() {
            let from = tail_start + skip;
            parts.insert(
                0,
                Bullet {
                    line: head.line,
                    depth: head.depth,
                    kind: head.kind,
                    text: head.text[from..].to_string(),
                    src: head.src[from..].to_vec(),
                    links: head
                        .links
                        .iter()
                        .filter(|l| l.range.start >= from)
                        .map(|l| RawLink {
                            range: l.range.start - from..l.range.end - from,
                            url: l.url.clone(),
                            badge: l.badge,
                            bracketed: l.bracketed,
                        })
                        .collect(),
                },
            );
        }
        // the description: the bullets under the head, joined
        let mut text = String::new();
        let mut src = Vec::new();
        let mut raw_links = Vec::new();
        for p in &parts {
            if !text.is_empty() {
                text.push(' ');
                src.push(*src.last().unwrap_or(&0));
            }
            let base = text.len();
            text.push_str(&p.text);
            src.extend_from_slice(&p.src);
            raw_links.extend(p.links.iter().map(|l| RawLink {
                range: l.range.start + base..l.range.end + base,
                url: l.url.clone(),
                badge: l.badge,
                bracketed: l.bracketed,
            }));
        }
        let (description, desc_lines, desc_links) = normalise(&text, &src, &raw_links, lines);
        let description_line = desc_lines.first().copied().unwrap_or(head.line);
        let facts = prose::read(
            &name,
            head.kind,
            &Description {
                text: &description,
                lines: &desc_lines,
                links: &desc_links,
            },
        );
        entries.push(ListEntry {
            name,
            section: head.kind,
            line: head.line,
            released: facts.released,
            links,
            sizes: facts.sizes,
            organizations: facts.organizations,
            description,
            description_line,
            sub_models: facts.sub_models,
            statements: facts.statements,
            from_scratch: facts.from_scratch,
        });
    }
    Ok(entries)
}

/// At most `max` characters of `s`, with "..." where the rest was cut.
fn elide(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((at, _)) => Cow::Owned(format!("{}...", &s[..at])),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: &str = include_str!("../../data/LLM-BaseModel.md");
    const AWESOME: &str = include_str!("../../tests/fixtures/awesome-readme.md");

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
                    kind: "paper".into(),
                    url: "https://arxiv.org/pdf/2302.13971.pdf".into()
                },
                Link {
                    kind: "code".into(),
                    url: "https://github.com/facebookresearch/llama".into()
                },
                Link {
                    kind: "model".into(),
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
        assert_eq!(mistral.organizations, ["Mistral-AI company"]);
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
        let phi2 = &entry(&list, "Phi-1.5").sub_models[0];
        assert_eq!(
            phi2.links,
            [Link {
                kind: "model".into(),
                url: "https://huggingface.co/microsoft/phi-2".into()
            }]
        );
        assert_eq!(phi2.line, 48);
        assert!(
            phi2.sentence
                .starts_with("2023/12, They propose Phi-2, a 2.7")
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
        assert_eq!(all.len(), expected.len() + 1, "{all:?}");
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
            assert_eq!(d.code, "repaired-encoding");
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
            ]
        );
        let llama = entry(&list, "Llama");
        // the stars badge after the links is not a link of the entry
        assert_eq!(
            llama.links,
            [
                Link {
                    kind: "paper".into(),
                    url: "https://arxiv.org/abs/2302.13971".into()
                },
                Link {
                    kind: "code".into(),
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
                kind: "model".into(),
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
    fn translated_heading_is_read_only_when_named() {
        let opts = ListOptions {
            sections: vec![(" 基础模型 ".to_string(), SectionKind::Model)],
        };
        let list = parse("awesome-readme.md", AWESOME, &opts).unwrap();
        let names: Vec<&str> = list.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Llama", "Vicuna", "Falcon", "ChatGLM", "LoRA", "QLoRA", "Baichuan"
            ]
        );
        let baichuan = entry(&list, "Baichuan");
        assert_eq!(baichuan.section, SectionKind::Model);
        assert_eq!(baichuan.sizes, ["7B"]);
        // only the named heading: a list under a translated heading alone is read with the option
        let only = "# 列表\n\n## 🔥 基础模型\n- Yi [[model](https://huggingface.co/01-ai)]\n  - 2023/11, 01.AI proposes Yi, with two specifications: 6b and 34b.\n";
        assert!(parse("zh.md", only, &ListOptions::default()).is_err());
        let list = parse("zh.md", only, &opts).unwrap();
        assert_eq!(list.entries[0].name, "Yi");
        assert_eq!(list.entries[0].sizes, ["6B", "34B"]);
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
            "notes.md: not a model list: no section headed like \"Base Model\" or \"Fine-tuning\" was found\n  help: name the heading of the list's section with --section \"HEADING=model\" (or \"HEADING=method\")"
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
