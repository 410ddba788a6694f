//! Decides which items of a list are entries: table rows become entries, an item must look like
//! a model or a method to be kept, skipped sections and items are noted, group headings and
//! Hugging Face links name organizations, and a file with no entry is refused with what it has.

use super::entry::{Item, ListEntry, Place, SectionKind, Statement};
use super::label;
use super::markdown::{HeadingClass, Table, Walk};
use super::prose::{self, Description};
use super::table::{self, Cell, Column};
use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::ingest::hub::address::{HubAddress, is_site_page};
use crate::ingest::value::{date, link, size};
use crate::model::{Date, Link, LinkKind, name_key};
use std::collections::BTreeMap;

/// Hosts whose links show that an item is a model or method (its paper, code or weights).
const ENTRY_HOSTS: &[&str] = &[
    "arxiv.org",
    "github.com",
    "huggingface.co",
    "modelscope.cn",
    "openreview.net",
    "aclanthology.org",
    "papers.nips.cc",
    "proceedings.neurips.cc",
    "proceedings.mlr.press",
    "gitee.com",
    "kaggle.com",
    "ollama.com",
];

/// Lower-case words that a name does not hold and a sentence or an instruction does.
const NOT_IN_NAMES: &[&str] = &[
    "the", "a", "an", "to", "your", "into", "using", "with", "and", "from", "via", "then", "run",
    "install", "clone", "download", "see", "click", "use", "add", "is", "are", "this", "our",
    "how", "you",
];

/// Words of a group heading that make it a category of models, not an organization.
const CATEGORY_WORDS: &[&str] = &[
    "model",
    "models",
    "llm",
    "llms",
    "code",
    "coding",
    "chat",
    "instruct",
    "instruction",
    "open",
    "source",
    "closed",
    "base",
    "foundation",
    "fine",
    "tuned",
    "finetuned",
    "multimodal",
    "vision",
    "math",
    "reasoning",
    "medical",
    "legal",
    "finance",
    "chinese",
    "english",
    "multilingual",
    "small",
    "large",
    "other",
    "others",
    "misc",
    "general",
    "agent",
    "agents",
    "embedding",
    "text",
    "language",
    "series",
    "family",
    "families",
    "method",
    "methods",
    "more",
    "version",
    "simple",
    "details",
    "summary",
    "list",
    "click",
    "expand",
    "show",
    "full",
    "table",
    "模型",
    "开源",
    "其他",
    "系列",
];

/// What the rule an entry must meet says, for notes and errors.
const RULE: &str = "a name with a date, a size, an organization, a paper, code or checkpoint link, or a lineage phrase";

/// Whether a link shows its item is a model or method.
fn is_entry_link(l: &Link) -> bool {
    if !l.url.contains("://") {
        return false;
    }
    let (host, mut path) = link::host_and_path(&l.url);
    let first = path.next().unwrap_or("");
    if link::on_domain(host, "huggingface.co") && (first.is_empty() || is_site_page(first)) {
        return false;
    }
    ENTRY_HOSTS.iter().any(|h| link::on_domain(host, h))
        || matches!(l.kind, LinkKind::Paper | LinkKind::Code | LinkKind::Model)
}

/// Whether a name reads as a name: not a sentence or an instruction.
fn reads_as_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() <= 8 && !words.iter().any(|w| NOT_IN_NAMES.contains(w))
}

/// Whether an entry looks like a model or a method: a name and something a model has.
fn looks_like_entry(e: &ListEntry) -> bool {
    if e.section == SectionKind::Dataset {
        return reads_as_name(&e.name) && !e.links.is_empty();
    }
    reads_as_name(&e.name)
        && (e.released.is_some()
            || !e.sizes.is_empty()
            || !e.organizations.is_empty()
            || e.links.iter().any(is_entry_link)
            || !e.statements.iter().all(Statement::is_mention))
}

/// The entries of every table whose header has a column of names; a table without one is noted.
pub(crate) fn table_entries(file: &str, walk: &Walk, diags: &mut Vec<Diagnostic>) -> Vec<Item> {
    let mut out = Vec::new();
    for t in &walk.tables {
        let header: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
        let Some(roles) = table::columns(&header) else {
            if t.section.is_some() {
                diags.push(Diagnostic::new(
                    Severity::Info,
                    Code::SkippedTable,
                    format!("{file}:{}", t.line),
                    format!(
                        "table with columns {} has no column of model names (Model, Name, ...): not read",
                        quoted(header.iter().copied(), 6)
                    ),
                ));
            }
            continue;
        };
        let name_at = roles.iter().position(|r| *r == Column::Name);
        for (line, cells) in &t.rows {
            for cells in one_name_each(cells, name_at) {
                if let Some(e) = row_entry(t, &roles, *line, &cells) {
                    out.push(Item::Entry(Box::new(e)));
                }
            }
        }
    }
    out
}

/// A row whose name cell lists several linked names (`[盘古](…),[盘古气象](…),[盘古-Σ](…)`) as
/// one row per name, each with its own link and the row's other cells; any other row as it is.
/// Each piece between commas must be one link's whole text: `[Vicuna](…), 7B` is one name.
fn one_name_each(cells: &[Cell], name_at: Option<usize>) -> Vec<Vec<Cell>> {
    let Some(cell) = name_at.and_then(|i| cells.get(i)) else {
        return vec![cells.to_vec()];
    };
    let pieces: Vec<&str> = (cell.text.split([',', '，', '、', ';', '；']))
        .map(str::trim)
        .collect();
    let linked = cell.links.len() > 1
        && pieces.len() == cell.links.len()
        && pieces
            .iter()
            .zip(&cell.links)
            .all(|(p, (t, _))| *p == t.trim());
    if !linked {
        return vec![cells.to_vec()];
    }
    (cell.links.iter())
        .map(|(text, url)| {
            let mut row = cells.to_vec();
            row[name_at.unwrap_or_default()] = Cell {
                text: text.trim().to_string(),
                links: vec![(text.clone(), url.clone())],
            };
            row
        })
        .collect()
}

/// One row of a table as an entry, None when its name cell is empty.
fn row_entry(t: &Table, roles: &[Column], line: u32, cells: &[Cell]) -> Option<ListEntry> {
    let cell = |c: Column| {
        roles
            .iter()
            .position(|r| *r == c)
            .and_then(|i| cells.get(i))
    };
    let name_cell = cell(Column::Name)?;
    let label = label::clean(&name_cell.text);
    if label.name.is_empty() {
        return None;
    }
    // `Robin (罗宾)`, or one name written in two scripts (`罗宾Robin`) as a heading's is
    let (name, alias) = match label::split_alias(&label.name) {
        (name, None) => label::bilingual(&name),
        split => split,
    };
    let mut e = ListEntry {
        name,
        section: t.kind,
        line,
        released: None,
        links: cell_links(name_cell, None),
        sizes: Vec::new(),
        organizations: Vec::new(),
        description: String::new(),
        aliases: alias.into_iter().collect(),
        description_line: line,
        sub_models: Vec::new(),
        statements: Vec::new(),
        from_scratch: false,
        attrs: Vec::new(),
        organization_link: None,
        place: Place {
            section: t.section,
            table: Some(t.line),
            group: t.group.clone(),
        },
    };
    for (i, role) in roles.iter().enumerate() {
        let (Some(c), Some(h)) = (cells.get(i), t.header.get(i)) else {
            continue;
        };
        read_cell(&mut e, *role, c, &h.text);
    }
    read_description(&mut e);
    label::apply_label(&mut e, label);
    Some(e)
}

/// What one cell of a row says about its entry.
fn read_cell(e: &mut ListEntry, role: Column, c: &Cell, header: &str) {
    match role {
        Column::Released => {
            e.released = date::written(&c.text).and_then(|d| d.date().or(Some(Date::year(d.year))));
        }
        Column::Params => {
            // ascending, as sizes read from prose are ("180, 40, 7" → 7B, 40B, 180B)
            e.sizes = size::in_cell(&c.text, header);
            size::sort(&mut e.sizes);
        }
        Column::Organization => e.organizations = split_orgs(&c.text),
        Column::License if !is_blank(&c.text) => {
            e.attrs.push(("license".into(), c.text.clone()));
        }
        Column::Context => {
            if let Some(x) = table::parse_context(&c.text) {
                e.attrs.push(("context_length".into(), x));
            }
        }
        Column::Link(kind) => e.links.extend(cell_links(c, Some(kind))),
        Column::Description if !is_blank(&c.text) => {
            if !e.description.is_empty() {
                e.description.push(' ');
            }
            e.description.push_str(&c.text);
        }
        _ => {}
    }
}

/// The prose of a row's description: lineage, and what the other cells did not give.
fn read_description(e: &mut ListEntry) {
    if e.description.is_empty() {
        return;
    }
    let lines = vec![e.line; e.description.len()];
    let facts = prose::read(
        &e.name,
        e.section,
        &Description {
            text: &e.description,
            lines: &lines,
            links: &[],
        },
    );
    e.statements = facts.statements;
    prose::most_specific(&mut e.statements);
    // the models the description names inside the entry, as a bullet's are: a base its
    // sentence gives one of them is that model's ("ChatLaw-13B基于Ziya-LLaMA-13B-v1")
    e.sub_models = facts.sub_models;
    e.from_scratch = facts.from_scratch;
    e.released = e.released.or(facts.released);
    if e.organizations.is_empty() {
        e.organizations = facts.organizations;
    }
    if e.sizes.is_empty() {
        e.sizes = facts.sizes;
    }
}

fn is_blank(s: &str) -> bool {
    matches!(s.trim(), "" | "-" | "–" | "—" | "?" | "N/A" | "n/a" | "/")
}

/// The links of a cell, of the column's kind; a bare URL as the cell's text is a link too.
fn cell_links(c: &Cell, kind: Option<LinkKind>) -> Vec<Link> {
    let kind_of = |url: &str| match kind {
        Some(k) if k != LinkKind::Other => k,
        _ => link::kind_of(url),
    };
    let mut out: Vec<Link> = c
        .links
        .iter()
        .map(|(_, url)| Link {
            kind: kind_of(url),
            url: url.clone(),
        })
        .collect();
    if out.is_empty() && kind.is_some() && c.text.starts_with("http") && !c.text.contains(' ') {
        out.push(Link {
            kind: kind_of(&c.text),
            url: c.text.clone(),
        });
    }
    out
}

/// The organizations a cell names: "Meta AI, Microsoft", "清华大学、智谱", "A & B", "慧言科技+天津大学"
/// (a plus between names, not in one such as "C++").
fn split_orgs(text: &str) -> Vec<String> {
    if is_blank(text) {
        return Vec::new();
    }
    let plus: &[char] = if text.contains("++") {
        &[]
    } else {
        &['+', '＋']
    };
    text.split(|c: char| [',', '、', ';', '&', '，'].contains(&c) || plus.contains(&c))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// `"a", "b", "c"` and how many more.
pub(crate) fn quoted<'a>(names: impl Iterator<Item = &'a str>, max: usize) -> String {
    let all: Vec<&str> = names.collect();
    let mut s: Vec<String> = all.iter().take(max).map(|n| format!("\"{n}\"")).collect();
    if all.len() > max {
        s.push(format!("and {} more", all.len() - max));
    }
    s.join(", ")
}

/// What was skipped in one place of the file: (line, text, why).
type Skipped = Vec<(u32, String, &'static str)>;

/// Notes each heading that opens no section but whose items look like models (at least three,
/// and at least half of them, with a date, a size or a lineage phrase): it is not read, and
/// `--section` would read it.
pub(crate) fn note_unread(
    file: &str,
    walk: &Walk,
    entries: &[ListEntry],
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_heading: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for e in entries {
        let Some(h) = e.place.section else { continue };
        let t = by_heading.entry(h).or_default();
        // a link alone is no sign here: lists of tools link to code too
        let model_like = e.released.is_some()
            || !e.sizes.is_empty()
            || !e.statements.iter().all(Statement::is_mention);
        t.0 += usize::from(reads_as_name(&e.name) && model_like);
        t.1 += 1;
    }
    for (h, (models, all)) in by_heading {
        let Some(heading) = walk.headings.get(h) else {
            continue;
        };
        if models < 3 || models * 2 < all {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Severity::Info,
                Code::UnreadSection,
                format!("{file}:{}", heading.line),
                format!(
                    "section \"{}\" is not read (its heading names no models or methods), though {models} of its {all} item(s) look like models",
                    heading.title
                ),
            )
            .help(format!("read it with --section \"{}=model\"", heading.title)),
        );
    }
}

/// Keeps the items that look like models or methods; notes the rest by place; names
/// organizations from groups and Hugging Face links; refuses a file with no entry.
pub(crate) fn keep(
    file: &str,
    walk: &Walk,
    items: Vec<Item>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<ListEntry>> {
    let mut kept: Vec<ListEntry> = Vec::new();
    // per place (section heading, table line): kept count and what was skipped
    let mut places: BTreeMap<(Option<usize>, Option<u32>), (usize, Skipped)> = BTreeMap::new();
    let total = items.len();
    for item in items {
        let (place, skipped) = match item {
            Item::Entry(e) if looks_like_entry(&e) => {
                places.entry(key(&e.place)).or_default().0 += 1;
                kept.push(*e);
                continue;
            }
            Item::Entry(e) => (
                e.place.clone(),
                (
                    e.line,
                    e.name.clone(),
                    "no date, size, organization, link or lineage",
                ),
            ),
            Item::Task { line, text, place } => (place, (line, text, "a to-do item")),
            Item::Resource { line, text, place } => {
                (place, (line, text, "a link to a related list or guide"))
            }
        };
        places.entry(key(&place)).or_default().1.push(skipped);
    }
    for (place, (n_kept, skipped)) in &places {
        note_skipped(file, walk, *place, *n_kept, skipped, diags);
    }
    if kept.is_empty() {
        return Err(Error::NotAModelList(Box::new(not_a_list(
            file, walk, total,
        ))));
    }
    name_organizations(&mut kept);
    Ok(kept)
}

fn key(p: &Place) -> (Option<usize>, Option<u32>) {
    (p.section, p.table)
}

/// The name of a place in notes: `section "Download models"`, `table at line 12`.
fn place_name(walk: &Walk, (section, table): (Option<usize>, Option<u32>)) -> String {
    match (section.and_then(|s| walk.headings.get(s)), table) {
        (Some(h), Some(t)) => format!("table at line {t} in section \"{}\"", h.title),
        (Some(h), None) => format!("section \"{}\"", h.title),
        (None, Some(t)) => format!("table at line {t}"),
        (None, None) => "the file".to_string(),
    }
}

fn note_skipped(
    file: &str,
    walk: &Walk,
    place: (Option<usize>, Option<u32>),
    n_kept: usize,
    skipped: &Skipped,
    diags: &mut Vec<Diagnostic>,
) {
    if skipped.is_empty() {
        return;
    }
    let line = place
        .1
        .or_else(|| place.0.and_then(|s| walk.headings.get(s)).map(|h| h.line))
        .unwrap_or(1);
    let examples: Vec<String> = skipped
        .iter()
        .take(5)
        .map(|(l, t, why)| format!("line {l} \"{}\" ({why})", super::markdown::elide(t, 60)))
        .collect();
    let more = if skipped.len() > 5 {
        format!(", and {} more", skipped.len() - 5)
    } else {
        String::new()
    };
    let (code, what) = if n_kept == 0 {
        (
            Code::SkippedSection,
            format!(
                "{}: none of its {} item(s) looks like a model or method ({RULE}), so it is skipped",
                place_name(walk, place),
                skipped.len()
            ),
        )
    } else {
        (
            Code::SkippedItem,
            format!(
                "{}: {} item(s) that do not look like a model or method skipped",
                place_name(walk, place),
                skipped.len()
            ),
        )
    };
    diags.push(Diagnostic::new(
        Severity::Info,
        code,
        format!("{file}:{line}"),
        format!("{what}: {}{more}", examples.join(", ")),
    ));
}

/// The error for a file with no entry, saying what it has instead.
fn not_a_list(file: &str, walk: &Walk, items: usize) -> Error {
    let sections: Vec<&str> = walk
        .headings
        .iter()
        .filter(|h| matches!(h.class, HeadingClass::Section(_)))
        .map(|h| h.title.as_str())
        .collect();
    let first_section = walk
        .headings
        .iter()
        .find(|h| matches!(h.class, HeadingClass::Section(_)))
        .map(|h| u64::from(h.line));
    let help = "entries are bullets like \"- Llama [[paper](URL)]\" or table rows under a \"Model\" column; name the list's heading with --section \"HEADING=model\" (or \"HEADING=method\")";
    if items > 0 {
        return Error::parse(
            file,
            first_section,
            format!(
                "not a model list: none of its {items} item(s) in {} looks like a model or method ({RULE})",
                quoted(sections.iter().copied(), 5)
            ),
        )
        .with_help(help);
    }
    if sections.is_empty() && walk.tables.is_empty() {
        let headings = quoted(walk.headings.iter().map(|h| h.title.as_str()), 6);
        let found = if headings.is_empty() {
            "no headings".to_string()
        } else {
            format!("headings {headings}")
        };
        return Error::parse(
            file,
            None,
            format!("not a model list: no section headed like \"Base Model\" or \"Fine-tuning\" and no table of models was found (it has {found})"),
        )
        .with_help("name the heading of the list's section with --section \"HEADING=model\" (or \"HEADING=method\")");
    }
    Error::parse(
        file,
        first_section,
        "not a model list: the sections headed like \"Base Model\" or \"Fine-tuning\" have no entries",
    )
    .with_help(help)
}

/// Entries that name no organization take their group's (when the group is an organization,
/// not a category or a family of the entries), or else their Hugging Face link's namespace, or
/// else the owner of their GitHub repository.
fn name_organizations(entries: &mut [ListEntry]) {
    let families: Vec<(String, bool)> = group_kinds(entries);
    for e in entries.iter_mut().filter(|e| e.organizations.is_empty()) {
        let group_org = e
            .place
            .group
            .as_ref()
            .filter(|g| families.iter().any(|(f, is_org)| f == *g && *is_org));
        if let Some(g) = group_org {
            e.organizations.push(g.clone());
        } else {
            take_link_organization(e);
        }
    }
}

/// Gives an entry the organization its links name: its Hugging Face link's namespace, or else
/// the owner of its GitHub repository; the link is kept as its evidence.
pub(crate) fn take_link_organization(e: &mut ListEntry) {
    let named = |by: fn(&str) -> Option<String>| {
        (e.links.iter()).find_map(|l| by(&l.url).map(|o| (o, l.url.clone())))
    };
    if let Some((org, url)) = named(hub_namespace).or_else(|| named(link::github_owner)) {
        e.organizations.push(org);
        e.organization_link = Some(url);
    }
}

/// Each group and whether it is an organization: no category word, at most five words, and
/// not a family: a group whose entries' names all start with it ("Falcon") is a family, unless
/// an entry's Hugging Face or GitHub namespace starts with it too ("DeepSeek" over
/// `deepseek-ai/DeepSeek-V3`).
fn group_kinds(entries: &[ListEntry]) -> Vec<(String, bool)> {
    // group → (all names start with it, a namespace starts with it)
    let mut seen: Vec<(String, bool, bool)> = Vec::new();
    for e in entries {
        let Some(g) = &e.place.group else { continue };
        let key = name_key(g);
        let prefixed = name_key(&e.name).starts_with(&key);
        let namespace = e
            .links
            .iter()
            .filter_map(|l| hub_namespace(&l.url).or_else(|| link::github_owner(&l.url)))
            .any(|ns| name_key(&ns).starts_with(&key));
        match seen.iter_mut().find(|(x, ..)| x == g) {
            Some(x) => {
                x.1 &= prefixed;
                x.2 |= namespace;
            }
            None => seen.push((g.clone(), prefixed, namespace)),
        }
    }
    seen.into_iter()
        .map(|(g, prefixed, namespace)| {
            let org = is_org_like(&g) && (!prefixed || namespace);
            (g, org)
        })
        .collect()
}

/// Endings that make a Chinese group heading an organization (a topic such as 医疗 is not one).
const CJK_ORG_ENDINGS: &[&str] = &[
    "大学",
    "学院",
    "公司",
    "集团",
    "实验室",
    "研究院",
    "研究所",
    "研究中心",
    "科技",
    "智能",
    "团队",
];

fn is_org_like(group: &str) -> bool {
    if group.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
        let g = group.trim();
        return CJK_ORG_ENDINGS
            .iter()
            .any(|e| g.ends_with(e) && g.len() > e.len());
    }
    let key = super::markdown::heading_key(group);
    let words: Vec<&str> = key.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && !words.iter().any(|w| CATEGORY_WORDS.contains(w))
        && !CATEGORY_WORDS
            .iter()
            .any(|c| !c.is_ascii() && key.contains(c))
}

/// The namespace of a Hugging Face model or organization address
/// (`huggingface.co/tiiuae/falcon-40b` → `tiiuae`).
/// A collection's owner counts (`huggingface.co/collections/deepseek-ai/...`); an address of
/// one segment that ends in a size is a model without a namespace (`huggingface.co/t5-11b`).
fn hub_namespace(url: &str) -> Option<String> {
    let (ns, name) = match HubAddress::parse(url)? {
        HubAddress::Model { namespace, name } => (namespace, Some(name)),
        HubAddress::One(namespace) => (namespace, None),
        HubAddress::Collection { owner, name } => (owner, name),
        HubAddress::Page => return None,
    };
    let model_alone = name.is_none() && !size::in_name(ns).is_empty();
    (!model_alone).then(|| ns.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_show_a_model() {
        let l = |kind: &str, url: &str| Link {
            kind: link::kind_named(kind).unwrap_or(LinkKind::Other),
            url: url.into(),
        };
        assert!(is_entry_link(&l(
            "link",
            "https://huggingface.co/tiiuae/falcon-40b"
        )));
        assert!(is_entry_link(&l(
            "link",
            "https://arxiv.org/abs/2302.13971"
        )));
        assert!(is_entry_link(&l(
            "paper",
            "https://crfm.stanford.edu/alpaca"
        )));
        assert!(!is_entry_link(&l(
            "link",
            "https://huggingface.co/spaces/x/leaderboard"
        )));
        assert!(!is_entry_link(&l(
            "link",
            "https://www.apache.org/licenses/LICENSE-2.0"
        )));
    }

    #[test]
    fn names_and_groups() {
        assert!(reads_as_name("Llama 2"));
        assert!(reads_as_name("Code Llama - Python"));
        assert!(!reads_as_name("Clone the repository"));
        assert!(is_org_like("Meta"));
        assert!(is_org_like("Mistral AI"));
        assert!(!is_org_like("Code models"));
        assert!(!is_org_like("Open source"));
        assert!(!is_org_like("开源模型"));
        assert!(!is_org_like("医疗"));
        assert!(is_org_like("清华大学"));
        assert!(!is_org_like("科技"));
        assert_eq!(
            hub_namespace("https://huggingface.co/tiiuae/falcon-40b").as_deref(),
            Some("tiiuae")
        );
        assert_eq!(hub_namespace("https://huggingface.co/spaces/a/b"), None);
        assert_eq!(hub_namespace("https://huggingface.co/t5-11b"), None);
        assert_eq!(
            hub_namespace("https://huggingface.co/collections/deepseek-ai/x-65f2").as_deref(),
            Some("deepseek-ai")
        );
        assert_eq!(
            hub_namespace("https://huggingface.co/meta-llama").as_deref(),
            Some("meta-llama")
        );
        assert_eq!(
            split_orgs("Meta AI, Microsoft & 清华大学"),
            ["Meta AI", "Microsoft", "清华大学"]
        );
        assert_eq!(split_orgs("西北工业大学+华为"), ["西北工业大学", "华为"]);
        assert_eq!(split_orgs("C++ Labs"), ["C++ Labs"]);
    }

    #[test]
    fn a_name_cell_of_several_linked_names_is_one_row_per_name() {
        let cell = |text: &str, links: &[(&str, &str)]| Cell {
            text: text.into(),
            links: (links.iter())
                .map(|(t, u)| (t.to_string(), u.to_string()))
                .collect(),
        };
        let org = cell("华为", &[]);
        let three = cell(
            "盘古,盘古气象, 盘古-Σ",
            &[
                ("盘古", "https://a/1"),
                ("盘古气象", "https://b/2"),
                ("盘古-Σ", "https://c/3"),
            ],
        );
        let rows = one_name_each(&[org.clone(), three], Some(1));
        let names: Vec<&str> = rows.iter().map(|r| r[1].text.as_str()).collect();
        assert_eq!(names, ["盘古", "盘古气象", "盘古-Σ"]);
        assert_eq!(
            rows[1][1].links,
            [("盘古气象".into(), "https://b/2".into())]
        );
        assert!(rows.iter().all(|r| r[0] == org));
        // a name with a size after it, or one link, is one name
        let sized = cell("Vicuna, 7B", &[("Vicuna", "https://v")]);
        assert_eq!(
            one_name_each(std::slice::from_ref(&sized), Some(0)),
            [vec![sized]]
        );
    }
}
