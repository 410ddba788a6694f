//! Tables of models: which column holds what (recognised by its header, in any case and language), how to read a cell, and the tables inside HTML.
//!
//! The markdown walk (list.rs) finds the tables; this module says what their columns mean
//! ([`columns`]), reads their cells ([`in_cell`](crate::ingest::value::size::in_cell), [`parse_context`]) and
//! pulls the tables out of raw HTML blocks ([`html_tables`], with scraper / html5ever).

use crate::model::LinkKind;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a column of a table of models holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Name,
    Released,
    Params,
    Organization,
    License,
    Context,
    Link(LinkKind),
    Description,
    Other,
}

use Column::{Context, Description, License, Name, Organization, Other, Params, Released};
const PAPER: Column = Column::Link(LinkKind::Paper);
const CODE: Column = Column::Link(LinkKind::Code);
const CHECKPOINT: Column = Column::Link(LinkKind::Model);
const LINK: Column = Column::Link(LinkKind::Other);

/// Header texts and the column each names. Matched after [`header_key`] folds both sides
/// (lower case, parenthesised units such as "(B)" dropped, punctuation and emoji as spaces),
/// so "Params (B)", "#Params" and "params" are one entry; an English plural ("Licenses") falls
/// back to its singular. Headers that look like a release date but are not are listed as Other.
const HEADERS: &[(&str, Column)] = &[
    // names
    ("Model", Name),
    ("Models", Name),
    ("Language Model", Name),
    ("Model Name", Name),
    ("Name", Name),
    ("LLM", Name),
    ("Model ID", Name),
    ("模型", Name),
    ("模型名称", Name),
    ("名称", Name),
    ("模型名", Name),
    ("大模型", Name),
    ("大模型名称", Name),
    ("モデル", Name),
    ("モデル名", Name),
    ("모델", Name),
    // release dates
    ("Release Date", Released),
    ("Released", Released),
    ("Date", Released),
    ("Release", Released),
    ("Release Time", Released),
    ("Release Year", Released),
    ("Date Released", Released),
    ("Time", Released),
    ("Year", Released),
    ("Publication Date", Released),
    ("Publish Date", Released),
    ("Published", Released),
    ("发布时间", Released),
    ("发布日期", Released),
    ("时间", Released),
    ("日期", Released),
    ("公開日", Released),
    ("リリース日", Released),
    // dates that are not the model's release
    ("Date added", Other),
    ("Added", Other),
    ("Added Date", Other),
    ("Updated", Other),
    ("Update", Other),
    ("Last update", Other),
    ("Last updated", Other),
    ("Date Updated", Other),
    ("更新时间", Other),
    ("添加时间", Other),
    ("收录时间", Other),
    // sizes
    ("Params", Params),
    ("Parameters", Params),
    ("Param", Params),
    ("Size", Params),
    ("Sizes", Params),
    ("Model Size", Params),
    ("Parameter Size", Params),
    ("Num Params", Params),
    ("参数", Params),
    ("参数量", Params),
    ("大小", Params),
    ("规模", Params),
    ("参数规模", Params),
    ("规模", Params),
    ("模型大小", Params),
    ("パラメータ数", Params),
    // organizations
    ("Organization", Organization),
    ("Organisation", Organization),
    ("Org", Organization),
    ("Institute", Organization),
    ("Institution", Organization),
    ("Developer", Organization),
    ("Company", Organization),
    ("Team", Organization),
    ("Affiliation", Organization),
    ("Publisher", Organization),
    ("Lab", Organization),
    ("Provider", Organization),
    ("Creator", Organization),
    ("Vendor", Organization),
    ("机构", Organization),
    ("机构/个人", Organization),
    ("组织", Organization),
    ("开发者", Organization),
    ("公司", Organization),
    ("发布者", Organization),
    ("单位", Organization),
    ("团队", Organization),
    ("組織", Organization),
    ("開発者", Organization),
    // licenses
    ("License", License),
    ("Licence", License),
    ("License Type", License),
    ("许可", License),
    ("许可证", License),
    ("协议", License),
    ("开源协议", License),
    ("ライセンス", License),
    ("라이선스", License),
    // context lengths
    ("Context Length", Context),
    ("Context", Context),
    ("Context Window", Context),
    ("Context Size", Context),
    ("Max Length", Context),
    ("Max Context", Context),
    ("Sequence Length", Context),
    ("Max Tokens", Context),
    ("上下文长度", Context),
    ("上下文", Context),
    ("上下文窗口", Context),
    // links
    ("Paper", PAPER),
    ("Paper/Blog", PAPER),
    ("Blog", PAPER),
    ("Publication", PAPER),
    ("arXiv", PAPER),
    ("论文", PAPER),
    ("文献", PAPER),
    ("論文", PAPER),
    ("Code", CODE),
    ("GitHub", CODE),
    ("Repo", CODE),
    ("Repository", CODE),
    ("Source Code", CODE),
    ("代码", CODE),
    ("项目", CODE),
    ("项目地址", CODE),
    ("Checkpoints", CHECKPOINT),
    ("Checkpoint", CHECKPOINT),
    ("Weights", CHECKPOINT),
    ("Model Weights", CHECKPOINT),
    ("Model Card", CHECKPOINT),
    ("HF", CHECKPOINT),
    ("Hugging Face", CHECKPOINT),
    ("HuggingFace", CHECKPOINT),
    ("Download", CHECKPOINT),
    ("权重", CHECKPOINT),
    ("模型权重", CHECKPOINT),
    ("下载", CHECKPOINT),
    ("Link", LINK),
    ("Links", LINK),
    ("URL", LINK),
    ("Homepage", LINK),
    ("Website", LINK),
    ("Project Page", LINK),
    ("链接", LINK),
    ("官网", LINK),
    // descriptions
    ("Description", Description),
    ("Notes", Description),
    ("Note", Description),
    ("Summary", Description),
    ("Remarks", Description),
    ("Comment", Description),
    ("Details", Description),
    ("About", Description),
    ("Desc", Description),
    ("Highlights", Description),
    ("描述", Description),
    ("简介", Description),
    ("说明", Description),
    ("备注", Description),
    ("介绍", Description),
    ("特点", Description),
];

/// Headers of a column that holds names only when no column of [`HEADERS`] holds them (a
/// paper list's `| Date | Keywords | Institute | Paper |`).
const FALLBACK_NAMES: &[&str] = &["Keywords", "Keyword", "关键词"];

/// Roles a table has at most one of: a later column claiming one of them is Other.
const SINGLE: &[Column] = &[Name, Released, Params, Organization, License, Context];

static HEADER_MAP: LazyLock<HashMap<String, Column>> =
    LazyLock::new(|| HEADERS.iter().map(|&(h, c)| (header_key(h), c)).collect());

/// A header folded for matching: parenthesised parts dropped ("Params (B)"), every run of
/// characters that are not letters or digits (punctuation, emoji, `#`) made one space, lower case.
fn header_key(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The role of one header cell on its own (no fallback, no "first wins").
pub(crate) fn column(header: &str) -> Column {
    let key = header_key(header);
    if let Some(&c) = HEADER_MAP.get(&key) {
        return c;
    }
    // an English plural of a listed header: "Licenses", "Organizations", "Papers"
    key.strip_suffix('s')
        .and_then(|k| HEADER_MAP.get(k).copied())
        .unwrap_or(Other)
}

/// The role of each column, or None when no column holds names (not a table of models).
/// When several columns claim a single-valued role (a name, a date, sizes, an organization, a
/// license, a context length), the first wins and the later ones are Other; link and
/// description columns may repeat. A "Keywords" column holds the names only when no other does.
pub(crate) fn columns(header: &[&str]) -> Option<Vec<Column>> {
    let mut roles: Vec<Column> = header.iter().map(|h| column(h)).collect();
    for i in 0..roles.len() {
        if SINGLE.contains(&roles[i]) && roles[..i].contains(&roles[i]) {
            roles[i] = Other;
        }
    }
    if !roles.contains(&Name) {
        let fallback: Vec<String> = FALLBACK_NAMES.iter().map(|h| header_key(h)).collect();
        let at = header
            .iter()
            .position(|h| fallback.contains(&header_key(h)))?;
        roles[at] = Name;
    }
    Some(roles)
}

macro_rules! re {
    ($(#[$doc:meta])* $name:ident, $pat:expr) => {
        $(#[$doc])*
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&$pat).expect("valid regex"));
    };
}

re!(
    /// A context length: digits with thousands commas, or with a point, then an optional K or M.
    CONTEXT,
    r"(?i)(?-u:\b)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|m)?(?-u:\b)"
);

/// A context length: "4k" / "4096" / "128K" → "4K" / "4096" / "128K": every length in the
/// cell as written ("[4096, 128k]" → "4096, 128K"), K and M in upper case, thousands commas dropped ("4,096" → "4096"); None
/// for a cell without one ("-", "?", "N/A", "unknown").
pub(crate) fn parse_context(cell: &str) -> Option<String> {
    let lengths: Vec<String> = CONTEXT
        .captures_iter(cell)
        .filter_map(|c| {
            let number = c[1].replace(',', "");
            if number.trim_start_matches(['0', '.']).is_empty() {
                return None;
            }
            let unit = c
                .get(2)
                .map_or(String::new(), |u| u.as_str().to_uppercase());
            Some(format!("{number}{unit}"))
        })
        .collect();
    (!lengths.is_empty()).then(|| lengths.join(", "))
}

/// One table found in a block of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlTable {
    /// The header cells' text.
    pub header: Vec<String>,
    pub rows: Vec<HtmlRow>,
}

/// A row of an HTML table below its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlRow {
    /// 0-based line of the row's `<tr` in the block (see [`html_tables`]).
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A cell of an HTML table: its text, whitespace folded, and its links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub text: String,
    /// (text, url) of each `<a href>`; a link around an image alone takes the image's alt text.
    pub links: Vec<(String, String)>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

static TABLE: LazyLock<Selector> = LazyLock::new(|| selector("table"));
static TR: LazyLock<Selector> = LazyLock::new(|| selector("tr"));
static A_HREF: LazyLock<Selector> = LazyLock::new(|| selector("a[href]"));
static IMG_ALT: LazyLock<Selector> = LazyLock::new(|| selector("img[alt]"));
re!(
    /// Where the rows start in the source: a `<tr` tag, or a comment to step over.
    TR_TAG, r"(?is)<!--.*?-->|<tr[\s/>]");

/// Elements whose edges separate words (`<br>`, paragraphs, list items, nested cells).
const BREAKS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "pre",
];

/// Every table inside a block of HTML: its header cells' text, and each row's cells (text,
/// links) with the row's 0-based line offset in the block.
///
/// The header is the first row in `<thead>` or whose cells are all `<th>`, else the first row;
/// rows above it are dropped. `<thead>`/`<tbody>`/`<tfoot>` are optional. A `colspan` cell
/// fills its first column and leaves the others empty; a `rowspan` cell is repeated in the
/// rows below it. Nested tables are tables of their own (their text is also in the outer cell).
/// Tables without rows are left out. Malformed HTML is read as browsers read it (html5ever).
///
/// Line offsets: html5ever gives no source positions, so a row's line is found by counting:
/// the n-th `tr` element of the document is taken to come from the n-th `<tr` tag of the source
/// (case-insensitive, comments stepped over), and its line is the number of newlines before
/// that tag. This is off when the source's `<tr` tags are not all rows (inside `<script>` or an
/// attribute value) or when the parser makes a row the source has no tag for (`<table><td>`);
/// a row past the last tag takes the last tag's line.
pub(crate) fn html_tables(html: &str) -> Vec<HtmlTable> {
    let doc = Html::parse_fragment(html);
    let tag_lines = tr_tag_lines(html);
    let index: HashMap<_, usize> = doc
        .select(&TR)
        .enumerate()
        .map(|(i, tr)| (tr.id(), i))
        .collect();
    let line_of = |tr: &ElementRef| {
        let i = index.get(&tr.id()).copied().unwrap_or(0);
        tag_lines.get(i).or(tag_lines.last()).copied().unwrap_or(0)
    };
    doc.select(&TABLE)
        .filter_map(|t| read_table(t, &line_of))
        .collect()
}

/// The 0-based line of each `<tr` tag in the source, in order.
fn tr_tag_lines(html: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line, mut counted) = (0, 0);
    for m in TR_TAG.find_iter(html) {
        if m.as_str().starts_with("<!--") {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &html.as_bytes()[counted..m.start()]).count();
        counted = m.start();
        lines.push(line);
    }
    lines
}

/// A table's own rows (not those of tables nested in it), in order.
fn own_rows<'a>(table: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => {
                rows.extend(child.child_elements().filter(|r| r.value().name() == "tr"));
            }
            _ => {}
        }
    }
    rows
}

fn read_table(table: ElementRef, line_of: &dyn Fn(&ElementRef) -> usize) -> Option<HtmlTable> {
    let rows = own_rows(table);
    if rows.is_empty() {
        return None;
    }
    let head = rows.iter().position(is_header_row).unwrap_or(0);
    let mut grid = grid(&rows).into_iter().skip(head);
    let header = grid.next()?.into_iter().map(|c| c.text).collect();
    let rows = rows[head + 1..]
        .iter()
        .zip(grid)
        .filter(|(_, cells)| !cells.is_empty())
        .map(|(tr, cells)| HtmlRow {
            line: line_of(tr),
            cells,
        })
        .collect();
    Some(HtmlTable { header, rows })
}

fn cells_of<'a>(row: &ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> + use<'a> {
    row.child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
}

/// A row in `<thead>`, or one whose cells are all `<th>`.
fn is_header_row(row: &ElementRef) -> bool {
    let in_head = row
        .parent()
        .and_then(|p| p.value().as_element().map(|e| e.name() == "thead"))
        .unwrap_or(false);
    let mut cells = cells_of(row).peekable();
    in_head || (cells.peek().is_some() && cells.all(|c| c.value().name() == "th"))
}

/// A span attribute: 1 when absent or unreadable, at most `max` (the HTML limits).
fn span(cell: &ElementRef, attr: &str, max: usize) -> usize {
    cell.value()
        .attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, max))
}

/// The rows' cells laid out in columns, `colspan` and `rowspan` taken into account.
fn grid(rows: &[ElementRef]) -> Vec<Vec<Cell>> {
    // per column: rows still covered by a rowspan from above, and the cell to repeat
    let mut carry: Vec<Option<(usize, Cell)>> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<Cell> = Vec::new();
        let mut own = cells_of(row);
        loop {
            let col = cells.len();
            if let Some(slot) = carry.get_mut(col).filter(|s| s.is_some()) {
                let (left, cell) = slot.as_mut().expect("checked above");
                cells.push(cell.clone());
                *left -= 1;
                if *left == 0 {
                    *slot = None;
                }
                continue;
            }
            let Some(td) = own.next() else {
                if carry[col.min(carry.len())..].iter().any(Option::is_some) {
                    cells.push(Cell::default());
                    continue;
                }
                break;
            };
            let (cols, down) = (span(&td, "colspan", 1000), span(&td, "rowspan", 65534));
            let cell = read_cell(td);
            for k in 0..cols {
                let this = if k == 0 {
                    cell.clone()
                } else {
                    Cell::default()
                };
                if down > 1 {
                    let at = cells.len();
                    if carry.len() <= at {
                        carry.resize(at + 1, None);
                    }
                    carry[at] = Some((down - 1, this.clone()));
                }
                cells.push(this);
            }
        }
        out.push(cells);
    }
    out
}

/// The text of an element, whitespace folded, with a space at the edges of `<br>`, `<p>` and
/// other breaking elements. Walks iteratively (deeply nested malformed HTML cannot overflow the
/// stack).
fn text_of(el: ElementRef) -> String {
    let mut raw = String::new();
    let breaks = |n: Option<&Node>| {
        n.and_then(Node::as_element)
            .is_some_and(|e| BREAKS.contains(&e.name()))
    };
    for node in el.descendants().skip(1) {
        // the end of a breaking element before this node
        if breaks(node.prev_sibling().map(|s| s.value())) {
            raw.push(' ');
        }
        match node.value() {
            Node::Text(t) => raw.push_str(t),
            n if breaks(Some(n)) => raw.push(' '),
            _ => {}
        }
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_cell(td: ElementRef) -> Cell {
    let links = td
        .select(&A_HREF)
        .filter_map(|a| {
            let url = a.value().attr("href")?.trim();
            if url.is_empty() {
                return None;
            }
            let mut text = text_of(a);
            if text.is_empty() {
                let alts: Vec<&str> = a
                    .select(&IMG_ALT)
                    .filter_map(|i| i.value().attr("alt"))
                    .collect();
                text = alts
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            Some((text, url.to_string()))
        })
        .collect();
    Cell {
        text: text_of(td),
        links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkKind as L;

    /// The cells of a markdown header line.
    fn md(line: &str) -> Vec<&str> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect()
    }

    #[test]
    fn example_headers_are_read() {
        assert_eq!(
            columns(&md(
                "| Language Model | Release Date | Checkpoints | Paper/Blog | Params (B) | Context Length | Licence |"
            )),
            Some(vec![
                Name,
                Released,
                Column::Link(L::Model),
                Column::Link(L::Paper),
                Params,
                Context,
                License
            ])
        );
        assert_eq!(
            columns(&md("| Date | Keywords | Institute | Paper |")),
            Some(vec![Released, Name, Organization, Column::Link(L::Paper)])
        );
        assert_eq!(
            columns(&md("| Model | Link | Description | Date added |")),
            Some(vec![Name, Column::Link(L::Other), Description, Other])
        );
    }

    #[test]
    fn tables_without_names_are_not_model_tables() {
        // a leaderboard without a model column: ranks of teams, not models
        assert_eq!(columns(&md("| Rank | Score | Team |")), None);
        assert_eq!(columns(&md("| Task | Done |")), None);
        assert_eq!(columns(&[]), None);
        // with a model column, a leaderboard is one
        assert_eq!(
            columns(&md("| Rank | Model | Score | Team |")),
            Some(vec![Other, Name, Other, Organization])
        );
    }

    #[test]
    fn headers_fold_case_punctuation_emoji_and_units() {
        assert_eq!(column("**MODEL NAME**"), Name);
        assert_eq!(column("🤗 Hugging Face"), Column::Link(L::Model));
        assert_eq!(column("#Params"), Params);
        assert_eq!(column("Size (B)"), Params);
        assert_eq!(column("参数量（B）"), Params);
        assert_eq!(column("发布时间"), Released);
        assert_eq!(column("模型名称"), Name);
        assert_eq!(column("Licenses"), License);
        assert_eq!(column("Organizations"), Organization);
        assert_eq!(column("Base Model"), Other);
        assert_eq!(column(""), Other);
        for h in ["Date added", "Added", "Updated", "Last update"] {
            assert_eq!(column(h), Other, "{h}");
        }
    }

    /// The headers the brief lists, with the role each must get.
    const BRIEF: &[(&[&str], Column)] = &[
        (
            &[
                "Model",
                "Models",
                "Language Model",
                "Model Name",
                "Name",
                "LLM",
                "模型",
                "模型名称",
                "名称",
            ],
            Name,
        ),
        (
            &[
                "Release Date",
                "Released",
                "Date",
                "Release",
                "Time",
                "Publication Date",
                "发布时间",
                "发布日期",
                "时间",
                "日期",
            ],
            Released,
        ),
        (
            &[
                "Params",
                "Params (B)",
                "Parameters",
                "Size",
                "Sizes",
                "#Params",
                "参数",
                "参数量",
                "规模",
            ],
            Params,
        ),
        (
            &[
                "Organization",
                "Organisation",
                "Org",
                "Institute",
                "Institution",
                "Developer",
                "Company",
                "Team",
                "Affiliation",
                "Publisher",
                "机构",
                "组织",
                "开发者",
                "公司",
                "发布者",
            ],
            Organization,
        ),
        (&["License", "Licence", "许可", "许可证", "协议"], License),
        (
            &[
                "Context Length",
                "Context",
                "Context Window",
                "Max Length",
                "上下文长度",
            ],
            Context,
        ),
        (
            &["Paper", "Paper/Blog", "Blog", "Publication"],
            Column::Link(L::Paper),
        ),
        (
            &["Code", "GitHub", "Repo", "Repository", "代码"],
            Column::Link(L::Code),
        ),
        (
            &[
                "Checkpoints",
                "Checkpoint",
                "Weights",
                "Model Card",
                "HF",
                "Hugging Face",
                "Download",
                "权重",
            ],
            Column::Link(L::Model),
        ),
        (
            &["Link", "Links", "URL", "Homepage", "链接"],
            Column::Link(L::Other),
        ),
        (
            &[
                "Description",
                "Notes",
                "Note",
                "Summary",
                "Remarks",
                "Comment",
                "Details",
                "About",
                "描述",
                "简介",
                "说明",
                "备注",
            ],
            Description,
        ),
    ];

    #[test]
    fn every_listed_header_is_read_as_listed() {
        for (headers, want) in BRIEF {
            for h in *headers {
                assert_eq!(column(h), *want, "{h}");
            }
        }
        // no two entries of the table fold to one key with different roles
        for (h, c) in HEADERS {
            assert_eq!(HEADER_MAP[&header_key(h)], *c, "{h}");
        }
    }

    #[test]
    fn first_name_wins_and_keywords_only_as_fallback() {
        assert_eq!(
            columns(&["Name", "Model", "Keywords", "Date", "Release Date"]),
            Some(vec![Name, Other, Other, Released, Other])
        );
        assert_eq!(columns(&["关键词", "机构"]), Some(vec![Name, Organization]));
        // link columns may repeat
        assert_eq!(
            columns(&["Model", "Paper", "Blog"]),
            Some(vec![Name, Column::Link(L::Paper), Column::Link(L::Paper)])
        );
    }

    #[test]
    fn context_lengths() {
        assert_eq!(parse_context("4k").as_deref(), Some("4K"));
        assert_eq!(parse_context(" 4096 ").as_deref(), Some("4096"));
        assert_eq!(parse_context("128K").as_deref(), Some("128K"));
        assert_eq!(parse_context("4,096 tokens").as_deref(), Some("4096"));
        assert_eq!(parse_context("1M").as_deref(), Some("1M"));
        assert_eq!(parse_context("32k (extended)").as_deref(), Some("32K"));
        assert_eq!(parse_context("[4096, 128k]").as_deref(), Some("4096, 128K"));
        for cell in ["-", "?", "N/A", "", "unknown", "0"] {
            assert_eq!(parse_context(cell), None, "{cell}");
        }
    }

    const TWO_TABLES: &str = "<table>\n  <thead>\n    <tr><th>Model</th><th>Params (B)</th><th>Paper</th></tr>\n  </thead>\n  <tbody>\n    <TR>\n      <td><b>LLaMA</b><br>Meta</td>\n      <td>7,   13</td>\n      <td><a href=\"https://arxiv.org/abs/2302.13971\">arXiv</a> <a href=\"https://hf.co/x\"><img alt=\"HF\" src=\"b.svg\"></a></td>\n    </TR>\n    <tr><td>Falcon</td><td>40</td><td></td></tr>\n  </tbody>\n</table>\n<p>between</p>\n<table><tr><td>Name</td><td>Date</td></tr>\n<tr><td>GPT-J</td><td>2021/06</td></tr></table>";

    #[test]
    fn html_tables_give_headers_cells_links_and_lines() {
        let tables = html_tables(TWO_TABLES);
        assert_eq!(tables.len(), 2);
        let t = &tables[0];
        assert_eq!(t.header, ["Model", "Params (B)", "Paper"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 5);
        assert_eq!(t.rows[0].cells[0].text, "LLaMA Meta");
        assert_eq!(t.rows[0].cells[1].text, "7, 13");
        assert_eq!(
            t.rows[0].cells[2].links,
            [
                (
                    "arXiv".to_string(),
                    "https://arxiv.org/abs/2302.13971".to_string()
                ),
                ("HF".to_string(), "https://hf.co/x".to_string())
            ]
        );
        assert_eq!(t.rows[1].line, 10);
        assert_eq!(t.rows[1].cells[0].text, "Falcon");
        // no <th>: the first row is the header
        let u = &tables[1];
        assert_eq!(u.header, ["Name", "Date"]);
        assert_eq!(u.rows.len(), 1);
        assert_eq!(u.rows[0].line, 15);
        assert_eq!(u.rows[0].cells[1].text, "2021/06");
    }

    #[test]
    fn html_spans_keep_columns_aligned() {
        let html = "<table><tr><th>Model</th><th>Org</th><th>Size</th></tr>\
            <tr><td>A</td><td rowspan=\"2\">Meta</td><td>7B</td></tr>\
            <tr><td>B</td><td>13B</td></tr>\
            <tr><td colspan=\"2\">C</td><td>1B</td></tr></table>";
        let t = &html_tables(html)[0];
        let text: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            [
                vec!["A", "Meta", "7B"],
                vec!["B", "Meta", "13B"],
                vec!["C", "", "1B"]
            ]
        );
    }

    #[test]
    fn html_line_offsets_step_over_comments_and_header_rows_below_captions() {
        let html = "<!-- <tr> not a row -->\n<table>\n<tr><td>caption</td></tr>\n<tr><th>Model</th></tr>\n<tr><td>X</td></tr>\n</table>";
        let t = &html_tables(html)[0];
        assert_eq!(t.header, ["Model"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 4);
    }

    #[test]
    fn nested_tables_are_their_own() {
        let html = "<table><tr><th>Model</th></tr><tr><td>A<table><tr><th>Inner</th></tr><tr><td>x</td></tr></table></td></tr></table>";
        let tables = html_tables(html);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 1);
        assert_eq!(tables[0].rows[0].cells[0].text, "A Inner x");
        assert_eq!(tables[1].header, ["Inner"]);
        assert_eq!(tables[1].rows[0].cells[0].text, "x");
    }

    #[test]
    fn malformed_html_does_not_panic() {
        let cases = [
            "",
            "<table>",
            "<table><tr>",
            "<table><td>a<td>b</table>",
            "<tr><td>no table</td></tr>",
            "<table><tr><td colspan=999999999 rowspan=-3>x</td></tr></table>",
            "<table><tr><th>M</th></tr><tr><td rowspan=99999>a</td></tr></table><<<>>>",
            "</table></tr><table><caption>c</caption></table>",
            "<table><tr><td><a href>x</a><a href=\"\">y</a></td></tr></table>",
        ];
        for html in cases {
            let tables = html_tables(html);
            assert!(tables.iter().all(|t| t.rows.len() < 10), "{html}");
        }
        // an empty href is no link
        let t =
            html_tables("<table><tr><th>M</th></tr><tr><td><a href=\"\">y</a></td></tr></table>");
        assert!(t[0].rows[0].cells[0].links.is_empty());
        let deep = "<div>".repeat(3_000) + "<table><tr><td>x</td></tr></table>";
        assert_eq!(html_tables(&deep).len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<table>", "</table>", "<tr>", "</tr>", "<td>", "<th colspan=3>", "<td rowspan=2>",
                "</td>", "<thead>", "<tbody>", "<a href='u'>", "</a>", "<br>", "x", "\n", "<!--",
                "-->", "7B", "2023-02", "年",
            ]),
            0..40,
        )) {
            let html = parts.concat();
            for t in html_tables(&html) {
                for r in &t.rows {
                    proptest::prop_assert!(r.line <= html.matches('\n').count());
                }
            }
            let _ = (crate::ingest::value::date::written(&html), crate::ingest::value::size::in_cell(&html, "Params (B)"), parse_context(&html));
        }
    }
}
