//! Walks a markdown list with pulldown-cmark: headings open and close sections, and every list
//! item, table row and HTML table under them is kept with its text, links, line and group.

use super::entry::{ListOptions, SectionKind};
use super::table::{self, Cell};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use scraper::{Html, Selector};
use std::ops::Range;
use std::sync::LazyLock;

/// Byte offset → 1-based line, by binary search over the line starts.
pub(crate) struct LineTable {
    starts: Vec<usize>,
}

impl LineTable {
    pub(crate) fn new(text: &str) -> LineTable {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineTable { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

/// A link inside a bullet: byte range of its text in the bullet's text.
#[derive(Debug)]
pub(crate) struct RawLink {
    pub range: Range<usize>,
    pub url: String,
    /// The link wraps an image (a badge).
    pub badge: bool,
    /// The link is written inside brackets: `[[paper](url)]`.
    pub bracketed: bool,
}

/// One bullet's own text (without nested lists), with the source offset of every byte.
#[derive(Debug)]
pub(crate) struct Bullet {
    pub line: u32,
    pub depth: usize,
    pub kind: SectionKind,
    pub text: String,
    pub src: Vec<usize>,
    pub links: Vec<RawLink>,
    /// The bold spans of `text` (`**...**`), in order.
    pub strong: Vec<Range<usize>>,
    /// The heading that opened the bullet's section (an index into [`Walk::headings`]).
    pub section: usize,
    /// The group heading or `<summary>` the bullet stands under inside its section.
    pub group: Option<String>,
    /// A to-do checkbox (`- [ ] ...`): never an entry.
    pub task: bool,
    /// Under a heading that opens no section (kept only to say, when its items look like
    /// models, that the heading could be read with `--section`; `section` is that heading).
    pub unread: bool,
    /// The markdown list the bullet is an item of (a number per list of the file, in order):
    /// bullets with the same number are siblings of one list.
    pub list: usize,
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
    pub(crate) fn has_link_list(&self) -> bool {
        self.links.iter().any(|l| l.bracketed && !l.badge)
    }

    pub(crate) fn starts_with_date(&self) -> bool {
        let t = self.text.trim_start().as_bytes();
        t.len() >= 7 && t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'/'
    }
}

/// How a heading relates to the list's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingClass {
    Section(SectionKind),
    /// A section that is never read (survey, datasets, tools, contents).
    Excluded,
    /// Neither: a sub-heading keeps the section it is in, and names a group inside it.
    Neutral,
}

/// A heading of the file.
#[derive(Debug)]
pub(crate) struct Heading {
    pub title: String,
    pub line: u32,
    /// 1 for `#`, 2 for `##`, ...
    pub level: u8,
    pub class: HeadingClass,
    /// Whether `--section` named it.
    pub named: bool,
}

/// A table of the file (markdown or HTML), outside the sections that are never read.
#[derive(Debug)]
pub(crate) struct Table {
    pub kind: SectionKind,
    /// The heading of the section it stands in, if any.
    pub section: Option<usize>,
    pub group: Option<String>,
    pub line: u32,
    pub header: Vec<Cell>,
    /// Each row with its 1-based line.
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// What walking the markdown gives.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub headings: Vec<Heading>,
    pub bullets: Vec<Bullet>,
    pub tables: Vec<Table>,
    /// The text under each heading, block by block (read by `headings.rs`).
    pub blocks: Vec<Block>,
}

/// What a block of text under a heading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A paragraph, or a block indented like code whose text is prose (pages that indent every
    /// paragraph by eight spaces).
    Prose,
    /// A top-level list item with the items nested in it.
    Item,
}

/// One paragraph, indented block or top-level list item, with the heading it stands under.
#[derive(Debug)]
pub(crate) struct Block {
    /// The heading above it (an index into [`Walk::headings`]).
    pub heading: usize,
    pub kind: BlockKind,
    pub line: u32,
    pub text: String,
    /// The source offset of every byte of `text`.
    pub src: Vec<usize>,
    pub links: Vec<RawLink>,
}

/// Words of a heading that name a section of models, of methods, or one that is never read.
/// A CJK row matches anywhere in the heading, a phrase at the start of a word ("base model"
/// in "base models"), a single word only whole.
const HEADING_WORDS: &[(&str, HeadingClass)] = &[
    ("survey", EXCLUDED),
    ("surveys", EXCLUDED),
    ("dataset", EXCLUDED),
    ("datasets", EXCLUDED),
    ("data", EXCLUDED),
    ("benchmark", EXCLUDED),
    ("benchmarks", EXCLUDED),
    ("tool", EXCLUDED),
    ("tools", EXCLUDED),
    ("paper", EXCLUDED),
    ("papers", EXCLUDED),
    ("contents", EXCLUDED),
    ("license", EXCLUDED),
    ("contributing", EXCLUDED),
    ("tutorials", EXCLUDED),
    ("evaluation", EXCLUDED),
    ("综述", EXCLUDED),
    ("数据集", EXCLUDED),
    ("评测", EXCLUDED),
    ("目录", EXCLUDED),
    ("工具", EXCLUDED),
    ("教程", EXCLUDED),
    ("论文", EXCLUDED),
    ("platform", EXCLUDED),
    ("platforms", EXCLUDED),
    ("平台", EXCLUDED),
    ("framework", EXCLUDED),
    ("frameworks", EXCLUDED),
    ("inference", EXCLUDED),
    ("deployment", EXCLUDED),
    ("serving", EXCLUDED),
    ("application", EXCLUDED),
    ("applications", EXCLUDED),
    ("evals", EXCLUDED),
    ("eval", EXCLUDED),
    ("leaderboard", EXCLUDED),
    ("leaderboards", EXCLUDED),
    ("排行榜", EXCLUDED),
    ("框架", EXCLUDED),
    ("应用", EXCLUDED),
    ("领域微调", MODEL),
    ("fine tuning", METHOD),
    ("finetuning", METHOD),
    ("peft", METHOD),
    ("methods", METHOD),
    ("微调", METHOD),
    ("base model", MODEL),
    ("foundation model", MODEL),
    ("open llm", MODEL),
    ("models", MODEL),
    ("基础模型", MODEL),
    ("基座模型", MODEL),
    ("开源模型", MODEL),
    ("大模型", MODEL),
    ("语言模型", MODEL),
    ("llm模型", MODEL),
];
/// Headings that, as the whole heading, name a log of the list itself (what was added when),
/// never read: `## 更新` over `- 2026.06.19 增加[GLM-5.2](docs/…)`. Only whole, as a model's
/// own heading may say when its entry was updated (`### MOSS （更新于2023年4月21日）`).
const WHOLE_EXCLUDED: &[&str] = &[
    "更新",
    "更新日志",
    "更新记录",
    "changelog",
    "change log",
    "updates",
];
const EXCLUDED: HeadingClass = HeadingClass::Excluded;
const METHOD: HeadingClass = HeadingClass::Section(SectionKind::Method);
const MODEL: HeadingClass = HeadingClass::Section(SectionKind::Model);

/// A heading's text for matching: emoji and punctuation dropped, hyphens as spaces, lower case.
pub(crate) fn heading_key(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a heading makes of the text under it: a heading named with `--section` first, then the
/// first row of [`HEADING_WORDS`] (in table order: exclusions win) that it contains.
fn classify_heading(heading: &str, opts: &ListOptions) -> (HeadingClass, bool) {
    let key = heading_key(heading);
    if let Some((_, kind)) = opts.sections.iter().find(|(h, _)| heading_key(h) == key) {
        return (HeadingClass::Section(*kind), true);
    }
    if WHOLE_EXCLUDED.contains(&key.as_str()) {
        return (EXCLUDED, false);
    }
    let padded = format!(" {key} ");
    let class = HEADING_WORDS
        .iter()
        .find(|(w, _)| {
            if w.contains(' ') {
                padded.contains(&format!(" {w}"))
            } else if w.is_ascii() {
                padded.contains(&format!(" {w} "))
            } else {
                key.contains(w)
            }
        })
        .map_or(HeadingClass::Neutral, |(_, c)| *c);
    (class, false)
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

/// An open heading: its level, the section it puts its text in, and the group it names.
struct Open {
    level: u8,
    section: Option<(SectionKind, usize)>,
    excluded: bool,
    group: Option<String>,
}

/// A markdown table being read.
#[derive(Default)]
struct TableDraft {
    line: u32,
    header: Vec<Cell>,
    rows: Vec<(u32, Vec<Cell>)>,
    row: Vec<Cell>,
    row_line: u32,
    cell: Option<Cell>,
    /// Open links in the current cell: where their text starts, and the URL.
    links: Vec<(usize, String)>,
}

/// The walk's state between events.
struct Walker<'a> {
    lines: &'a LineTable,
    opts: &'a ListOptions,
    out: Walk,
    open: Vec<Open>,
    heading: Option<(u8, String, u32)>,
    /// Open list items: the index of their bullet, or None outside a section.
    items: Vec<Option<usize>>,
    /// Open links of the current bullet: (start in bullet text, url, badge, bracketed).
    links: Vec<(usize, String, bool, bool)>,
    image_depth: usize,
    table: Option<TableDraft>,
    /// An HTML block being gathered, with its first line.
    html: Option<(String, u32)>,
    /// The text of the open `<details><summary>`.
    details: Option<String>,
    /// The block being gathered (an index into `out.blocks`), and its open links.
    block: Option<usize>,
    block_links: Vec<(usize, String)>,
    /// Inside a fenced code block (code, never prose).
    fenced: bool,
    /// The open markdown lists, innermost last (each numbered in file order), and how many
    /// lists have opened so far.
    lists: Vec<usize>,
    lists_seen: usize,
}

/// Walks the markdown events of `text`.
pub(crate) fn walk(text: &str, lines: &LineTable, opts: &ListOptions) -> Walk {
    let mut w = Walker {
        lines,
        opts,
        out: Walk::default(),
        open: Vec::new(),
        heading: None,
        items: Vec::new(),
        links: Vec::new(),
        image_depth: 0,
        table: None,
        html: None,
        details: None,
        block: None,
        block_links: Vec::new(),
        fenced: false,
        lists: Vec::new(),
        lists_seen: 0,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        w.event(event, range);
    }
    w.flush_html();
    w.out
}

impl Walker<'_> {
    fn section(&self) -> Option<(SectionKind, usize)> {
        self.open.last().and_then(|o| o.section)
    }

    fn group(&self) -> Option<String> {
        self.details
            .clone()
            .or_else(|| self.open.last().and_then(|o| o.group.clone()))
    }

    fn current(&self) -> Option<usize> {
        self.items.last().copied().flatten()
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        if !matches!(event, Event::Html(_) | Event::Start(Tag::HtmlBlock)) {
            self.flush_html();
        }
        if self.table.is_some() && self.table_event(&event, &range) {
            return;
        }
        self.block_event(&event, &range);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let line = self.lines.line(range.start);
                self.heading = Some((level_number(level), String::new(), line));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Text(t) | Event::Code(t) => self.text(&t, &range),
            Event::SoftBreak | Event::HardBreak | Event::Start(Tag::Paragraph) => {
                if let Some(ix) = self.current() {
                    self.out.bullets[ix].space(range.start);
                }
            }
            Event::Start(Tag::List(_)) => {
                self.lists.push(self.lists_seen);
                self.lists_seen += 1;
            }
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => self.start_item(&range),
            Event::End(TagEnd::Item) => {
                self.items.pop();
                self.links.clear();
            }
            Event::TaskListMarker(_) => {
                if let Some(ix) = self.current() {
                    self.out.bullets[ix].task = true;
                }
            }
            Event::Start(Tag::Strong) => self.strong(true),
            Event::End(TagEnd::Strong) => self.strong(false),
            Event::Start(Tag::Link { dest_url, .. }) => self.start_link(&dest_url),
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Start(Tag::Image { .. }) => {
                self.image_depth += 1;
                for l in &mut self.links {
                    l.2 = true;
                }
            }
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            Event::Start(Tag::Table(_)) => {
                self.table = Some(TableDraft {
                    line: self.lines.line(range.start),
                    ..TableDraft::default()
                });
            }
            Event::Html(h) => {
                let line = self.lines.line(range.start);
                self.html
                    .get_or_insert_with(|| (String::new(), line))
                    .0
                    .push_str(&h);
            }
            _ => {}
        }
    }

    /// Opens or closes a bold span of the current bullet (an open span ends at `usize::MAX`).
    fn strong(&mut self, start: bool) {
        let Some(ix) = self.current() else { return };
        let b = &mut self.out.bullets[ix];
        let at = b.text.len();
        if start {
            b.strong.push(at..usize::MAX);
        } else if let Some(open) = b.strong.iter_mut().rev().find(|r| r.end == usize::MAX) {
            open.end = at;
        }
    }

    fn text(&mut self, t: &str, range: &Range<usize>) {
        if let Some((_, title, _)) = self.heading.as_mut() {
            if self.image_depth == 0 {
                title.push_str(t);
            }
        } else if let Some(ix) = self.current()
            && self.image_depth == 0
        {
            self.out.bullets[ix].push(t, range);
        }
    }

    fn end_heading(&mut self) {
        let Some((level, title, line)) = self.heading.take() else {
            return;
        };
        while self.open.last().is_some_and(|h| h.level >= level) {
            self.open.pop();
        }
        self.details = None;
        let (class, named) = classify_heading(&title, self.opts);
        let ix = self.out.headings.len();
        let parent = self.open.last();
        let open = match class {
            HeadingClass::Section(k) => Open {
                level,
                section: Some((k, ix)),
                excluded: false,
                group: None,
            },
            HeadingClass::Excluded => Open {
                level,
                section: None,
                excluded: true,
                group: None,
            },
            HeadingClass::Neutral => Open {
                level,
                section: parent.and_then(|p| p.section),
                excluded: parent.is_some_and(|p| p.excluded),
                group: parent
                    .and_then(|p| p.section)
                    .map(|_| title.trim().to_string()),
            },
        };
        self.open.push(open);
        self.out.headings.push(Heading {
            title: title.trim().to_string(),
            line,
            level,
            class,
            named,
        });
    }

    /// Gathers the blocks of text under headings: paragraphs, indented blocks and top-level
    /// list items (not fenced code, tables, headings or images).
    fn block_event(&mut self, event: &Event, range: &Range<usize>) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => self.fenced = true,
            Event::End(TagEnd::CodeBlock) if self.fenced => self.fenced = false,
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_)) if self.items.is_empty() => {
                self.open_block(BlockKind::Prose, range);
            }
            Event::Start(Tag::Item) if self.items.is_empty() => {
                self.open_block(BlockKind::Item, range);
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock) if self.items.is_empty() => {
                self.block = None;
            }
            Event::End(TagEnd::Item) if self.items.len() <= 1 => self.block = None,
            Event::Text(t) | Event::Code(t) if self.image_depth == 0 && !self.fenced => {
                if let Some(b) = self.block {
                    let b = &mut self.out.blocks[b];
                    for i in 0..t.len() {
                        b.src
                            .push((range.start + i).min(range.end.saturating_sub(1)));
                    }
                    b.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Start(Tag::Paragraph) => {
                if let Some(b) = self.block {
                    let b = &mut self.out.blocks[b];
                    b.text.push(' ');
                    b.src.push(range.start);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(b) = self.block {
                    let at = self.out.blocks[b].text.len();
                    self.block_links.push((at, dest_url.to_string()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let (Some(b), Some((start, url))) = (self.block, self.block_links.pop()) {
                    let b = &mut self.out.blocks[b];
                    let badge = url.contains("img.shields.io");
                    b.links.push(RawLink {
                        range: start..b.text.len(),
                        url,
                        badge,
                        bracketed: false,
                    });
                }
            }
            _ => {}
        }
    }

    fn open_block(&mut self, kind: BlockKind, range: &Range<usize>) {
        self.block_links.clear();
        if self.fenced || self.out.headings.is_empty() {
            self.block = None;
            return;
        }
        self.out.blocks.push(Block {
            heading: self.out.headings.len() - 1,
            kind,
            line: self.lines.line(range.start),
            text: String::new(),
            src: Vec::new(),
            links: Vec::new(),
        });
        self.block = Some(self.out.blocks.len() - 1);
    }

    /// Where a bullet goes: its section, or, outside any, the heading it stands under (unless
    /// that heading is never read).
    fn bullet_home(&self) -> Option<(SectionKind, usize, bool)> {
        if let Some((kind, section)) = self.section() {
            return Some((kind, section, false));
        }
        let open = self.open.last()?;
        if open.excluded || self.out.headings.is_empty() {
            return None;
        }
        Some((SectionKind::Model, self.out.headings.len() - 1, true))
    }

    fn start_item(&mut self, range: &Range<usize>) {
        let group = self.group();
        let depth = self.items.iter().filter(|i| i.is_some()).count();
        let bullet = self.bullet_home().map(|(kind, section, unread)| {
            self.out.bullets.push(Bullet {
                line: self.lines.line(range.start),
                depth,
                kind,
                text: String::new(),
                src: Vec::new(),
                links: Vec::new(),
                strong: Vec::new(),
                section,
                group,
                task: false,
                unread,
                list: self.lists.last().copied().unwrap_or_default(),
            });
            self.out.bullets.len() - 1
        });
        self.items.push(bullet);
        self.links.clear();
    }

    fn start_link(&mut self, url: &str) {
        if let Some(ix) = self.current() {
            let b = &self.out.bullets[ix];
            let bracketed = b.text.ends_with('[');
            self.links
                .push((b.text.len(), url.to_string(), false, bracketed));
        }
    }

    fn end_link(&mut self) {
        if let (Some(ix), Some((start, url, badge, bracketed))) = (self.current(), self.links.pop())
        {
            let end = self.out.bullets[ix].text.len();
            let badge = badge || url.contains("img.shields.io");
            self.out.bullets[ix].links.push(RawLink {
                range: start..end,
                url,
                badge,
                bracketed,
            });
        }
    }

    /// An event inside a markdown table: every event until the table ends is the table's.
    fn table_event(&mut self, event: &Event, range: &Range<usize>) -> bool {
        let line = self.lines.line(range.start);
        let t = self.table.as_mut().expect("inside a table");
        match event {
            Event::End(TagEnd::TableHead) => t.header = std::mem::take(&mut t.row),
            Event::Start(Tag::TableRow) => {
                t.row.clear();
                t.row_line = line;
            }
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut t.row);
                t.rows.push((t.row_line, row));
            }
            Event::Start(Tag::TableCell) => t.cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                let mut cell = t.cell.take().unwrap_or_default();
                cell.text = fold(&cell.text);
                t.row.push(cell);
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some(c) = t.cell.as_mut() {
                    c.text.push_str(s);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_) => {
                if let Some(c) = t.cell.as_mut() {
                    c.text.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let at = t.cell.as_ref().map_or(0, |c| c.text.len());
                t.links.push((at, dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let (Some((at, url)), Some(c)) = (t.links.pop(), t.cell.as_mut()) {
                    let text = fold(c.text.get(at..).unwrap_or(""));
                    c.links.push((text, url));
                }
            }
            Event::End(TagEnd::Table) => self.end_table(),
            _ => {}
        }
        true
    }

    fn end_table(&mut self) {
        let Some(t) = self.table.take() else { return };
        self.push_table(t.line, t.header, t.rows);
    }

    fn push_table(&mut self, line: u32, header: Vec<Cell>, rows: Vec<(u32, Vec<Cell>)>) {
        if self.open.last().is_some_and(|o| o.excluded) {
            return;
        }
        let section = self.section();
        self.out.tables.push(Table {
            kind: section.map_or(SectionKind::Model, |s| s.0),
            section: section.map(|s| s.1),
            group: self.group(),
            line,
            header,
            rows,
        });
    }

    /// An HTML block ends: its `<summary>` opens a group, `</details>` closes it, and each
    /// `<table>` in it is a table.
    fn flush_html(&mut self) {
        let Some((html, line)) = self.html.take() else {
            return;
        };
        // a block may close one group and open the next: "</details>\n<details><summary>..."
        let lower = html.to_ascii_lowercase();
        if lower.rfind("</details>") > lower.rfind("<summary") {
            self.details = None;
        } else if let Some(s) = summary_text(&html) {
            self.details = Some(s);
        }
        for t in table::html_tables(&html) {
            let header = t
                .header
                .into_iter()
                .map(|text| Cell {
                    text,
                    links: Vec::new(),
                })
                .collect();
            let rows = t
                .rows
                .into_iter()
                .map(|r| (line + r.line as u32, r.cells))
                .collect();
            self.push_table(line, header, rows);
        }
        if lower.rfind("</details>") > lower.rfind("<summary") {
            self.details = None;
        }
    }
}

static SUMMARY: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("summary").expect("valid selector"));

/// The text of the first `<summary>` in a block of HTML.
fn summary_text(html: &str) -> Option<String> {
    if !html.to_ascii_lowercase().contains("<summary") {
        return None;
    }
    let doc = Html::parse_fragment(html);
    let s = doc.select(&SUMMARY).next()?;
    let text = fold(&s.text().collect::<String>());
    (!text.is_empty()).then_some(text)
}

/// Whitespace folded to single spaces, trimmed.
pub(crate) fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `s`, with "..." where the rest was cut.
pub(crate) fn elide(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}...", &s[..at])),
        None => std::borrow::Cow::Borrowed(s),
    }
}
