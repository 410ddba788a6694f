//! Cleans the text written where an entry's name goes into the name itself, keeping what was cut (sizes, title, authors, venue, year).
//!
//! Lists write more than a name there: a size list (`Llama 2-7|13|70B`), a reading-list citation
//! (`20. LLaMA: "LLaMA: Open and ...". Hugo Touvron et al. arXiv 2023.`), a leading year/venue tag
//! (`(2023-ACL, CCF-A)`), a trailing `:` or `-`. [`clean`] cuts these off with the phrase rules
//! below (regexes declared once, word lists as tables) and returns the name with what was cut.

use super::entry::ListEntry;
use crate::ingest::value::size;
use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

/// An entry's label, split into the name and what the label said besides it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Label {
    /// The name alone, e.g. "Llama 2".
    pub name: String,
    /// Sizes the label listed, normalised like "7B", "8x7B", "1.3B" (ascending, deduplicated).
    pub sizes: Vec<String>,
    /// A publication year the citation (or a leading tag) gave.
    pub year: Option<u16>,
    /// A paper title, without its quotes.
    pub title: Option<String>,
    /// The citation's authors, e.g. "Hugo Touvron et al.".
    pub authors: Option<String>,
    /// The venue, as spelled in [`VENUES`] ("ACL 2023" → "ACL").
    pub venue: Option<String>,
    /// What follows the name after a full-width comma or a colon: a tagline such as
    /// `XrayGLM，首个会看胸部X光片的中文多模态医学大模型：` or `Cornucopia（聚宝盆）：基于...模型`.
    pub tagline: Option<String>,
}

/// Venues a citation may name, in the spelling returned; matched as whole words, any case.
const VENUES: &[&str] = &[
    "arXiv",
    "NeurIPS",
    "NIPS",
    "ICML",
    "ICLR",
    "ACL",
    "EMNLP",
    "NAACL",
    "EACL",
    "AACL",
    "COLING",
    "LREC",
    "TACL",
    "CoNLL",
    "AAAI",
    "IJCAI",
    "CVPR",
    "ICCV",
    "ECCV",
    "KDD",
    "SIGIR",
    "WSDM",
    "CIKM",
    "WWW",
    "JMLR",
    "TMLR",
    "COLM",
    "OpenReview",
    "bioRxiv",
    "medRxiv",
];

/// Characters cut from the end of a name (besides whitespace).
const TRAILING_PUNCTUATION: &[char] = &[
    ':', '-', '–', '—', ',', '.', ';', '[', '(', '|', '/', '：', '，', '、', '；',
];
/// Characters cut from the start of a name (besides whitespace).
const LEADING_PUNCTUATION: &[char] =
    &[':', '-', '–', '—', ',', '.', ';', '|', '•', '·', '：', '，'];
/// Characters between a name and the size list after it.
const SIZE_SEPARATORS: &[char] = &[' ', '-', '_', ':', ','];
/// A quoted span needs at least this many words to be read as a title (`"Qwen Technical
/// Report"`); a single quoted word is left in the name.
const MIN_QUOTED_TITLE_WORDS: usize = 2;
/// A title written after `name: ` without quotes needs more words than this.
const MIN_COLON_TITLE_WORDS: usize = 4;
/// A title's lead (`LLaMA` in `LLaMA: Open and ...`) stands for the name when the label has
/// nothing before the title and the lead has at most this many words.
const MAX_TITLE_LEAD_WORDS: usize = 3;

/// One number of a size list, as a pattern without captures ("7", "0.5", "8x7").
const SIZE_NUMBER: &str = r"\d+(?:\.\d+)?(?:\s*[x×]\s*\d+(?:\.\d+)?)?";

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new(&$pat).expect("valid regex"));
    };
}

re!(MARKUP, r"</?[A-Za-z][^<>]*>|\*\*|__|`");
re!(SPACES, r"\s+");
re!(NUMBERING, r"^(?:\(\d{1,3}\)\s*|\d{1,3}[.)]\s+)");
re!(
    TAG,
    r"^[(\[]\s*((?:19|20)\d{2})\s*(?:[-–,:]\s*([^)\]]*?))?\s*[)\]]\s*"
);
re!(QUOTED, r#"["“]([^"“”]+)["”]"#);
re!(JOINT, r"\s*&&\s*|\s+&\s+");
re!(COLON, r":\s+|：\s*");
re!(SENTENCE_END, r"[.!?](?:\s|$)");
re!(TRAILING_PAREN, r"\s*\(([^()]*)\)$");
re!(ARXIV_ID, r"\b\d{4}\.\d{4,5}(?:v\d+)?\b");
re!(YEAR, r"\b(?:19|20)\d{2}\b");
re!(VENUE, format!(r"(?i)\b(?:{})\b", VENUES.join("|")));
re!(BREAK, r"\.\s+");
re!(ET_AL, r"^(.*?\bet\.?\s+al\b\.?)");
re!(AUTHOR_TEXT, r"^\p{Lu}[\p{L}\p{M}'’\-. ,&]*$");
re!(
    NOT_AUTHORS,
    r"^(?i:in|proceedings|findings|preprint|technical)\b"
);
re!(
    SIZE_LIST,
    format!(
        r"^(.+?)(?:[\s\-_:,]+({list})|[\s\-_:,]*\(\s*({list})\s*\))([\s\-–—].*)?$",
        list = format!(r"(?:{SIZE_NUMBER}\s*[Bb]?\s*[|/]\s*)+{SIZE_NUMBER}\s*[Bb]")
    )
);
re!(SIZE_ITEM, format!(r"({SIZE_NUMBER})\s*[Bb]?"));
re!(BAR_HEAD, r"^(.+)[\s\-_]+[vV]?(\d[\w.]*)$");
re!(
    BAR_ITEM,
    format!(r"^({SIZE_NUMBER})\s*([Bb])?(?:-A(\d+(?:\.\d+)?)[Bb])?(?:$|[\s\-_(])")
);

/// Cleans a label into its name, keeping the sizes, title, authors, venue and year it also gave.
/// An empty or all-punctuation label gives an empty name.
pub(crate) fn clean(raw: &str) -> Label {
    let mut label = Label::default();
    let text = plain(raw);
    let mut rest = NUMBERING.replace(&text, "").into_owned();
    rest = strip_tag(&rest, &mut label);
    rest = NUMBERING.replace(&rest, "").into_owned();
    let (head, title, tail) = split_citation(&rest);
    let mut name = trim_name(&head);
    if let Some(title) = title {
        if name.is_empty() {
            name = title_lead(&title).unwrap_or_default();
        }
        read_citation(&tail, &mut label);
        label.title = Some(title);
    }
    let (name, tagline) = split_tagline(&name);
    label.tagline = tagline;
    let (name, sizes) = split_sizes(&name);
    label.name = name;
    label.sizes = sizes;
    label
}

/// The label without markup (HTML tags, `**`, `__`, backticks), whitespace folded and trimmed,
/// full-width parentheses as ASCII ones (`Cornucopia（聚宝盆）` → `Cornucopia (聚宝盆)`).
fn plain(raw: &str) -> String {
    let bare = MARKUP.replace_all(raw, "");
    let bare = bare.replace('（', " (").replace('）', ")");
    SPACES.replace_all(bare.trim(), " ").into_owned()
}

/// Splits a tagline off a name: after a full-width comma (`XrayGLM，首个...`) or after a colon
/// followed by text (`Cornucopia (聚宝盆)：基于...`, `DoctorGLM: a medical model`).
fn split_tagline(name: &str) -> (String, Option<String>) {
    let cut = name
        .char_indices()
        .find(|&(i, c)| c == '，' || c == '：' || (c == ':' && name[i + 1..].starts_with(' ')));
    let Some((at, c)) = cut else {
        return described_after_hyphen(name).unwrap_or((name.to_string(), None));
    };
    let head = trim_name(&name[..at]);
    let tail = name[at + c.len_utf8()..]
        .trim()
        .trim_end_matches(|c: char| TRAILING_PUNCTUATION.contains(&c))
        .trim();
    if head.is_empty() {
        return (name.to_string(), None);
    }
    (head, (!tail.is_empty()).then(|| tail.to_string()))
}

/// A Latin-script name and a Chinese description of what it is after a hyphen
/// (`ChatLaw-法律大模型`, "ChatLaw, the legal large model"): the name, and the description as
/// its tagline. Only a description in Chinese characters alone that ends in 模型 ("model").
fn described_after_hyphen(name: &str) -> Option<(String, Option<String>)> {
    let (head, tail) = name.rsplit_once('-')?;
    let chinese = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let described = tail.ends_with("模型") && tail.chars().all(chinese);
    let latin = head.chars().any(|c| c.is_ascii_alphabetic()) && !head.chars().any(chinese);
    (described && latin).then(|| (trim_name(head), Some(tail.to_string())))
}

/// Cuts a leading `(2023-arXiv)` or `(2023-ACL, CCF-A)` tag, keeping its year and a known venue.
fn strip_tag(text: &str, label: &mut Label) -> String {
    let Some(c) = TAG.captures(text) else {
        return text.to_string();
    };
    label.year = c[1].parse().ok();
    label.venue = c.get(2).and_then(|v| venue_in(v.as_str()));
    text[c.get(0).map_or(0, |m| m.end())..].to_string()
}

/// Splits a label into what precedes a paper title, the title, and what follows it (authors,
/// venue, year). The title is the first quoted span (straight or curly quotes), or else the first
/// sentence after `: ` (or a full-width `：`) when it is capitalised and longer than
/// [`MIN_COLON_TITLE_WORDS`] words.
fn split_citation(text: &str) -> (String, Option<String>, String) {
    if let Some(c) = QUOTED.captures(text) {
        let whole = c.get(0).expect("whole match");
        let title = c[1].trim().trim_end_matches(['.', ',', ';']).trim_end();
        if title.split_whitespace().count() >= MIN_QUOTED_TITLE_WORDS {
            let tail = text[whole.end()..].to_string();
            return (text[..whole.start()].into(), Some(title.into()), tail);
        }
    }
    let Some(colon) = COLON.find(text) else {
        return (text.into(), None, String::new());
    };
    let (head, rest) = (&text[..colon.start()], &text[colon.end()..]);
    let end = SENTENCE_END.find(rest);
    let (mut title, mut tail) = match end {
        Some(m) if rest[m.start()..].starts_with('.') => (&rest[..m.start()], &rest[m.end()..]),
        Some(m) => (&rest[..m.start() + 1], &rest[m.end()..]),
        None => (rest, ""),
    };
    let moved: String;
    if let Some(c) = TRAILING_PAREN.captures(title)
        && (YEAR.is_match(&c[1]) || VENUE.is_match(&c[1]))
    {
        moved = format!("{}. {tail}", &c[1]);
        title = &title[..c.get(0).expect("whole match").start()];
        tail = &moved;
    }
    let capitalised = title.chars().next().is_some_and(|c| !c.is_lowercase());
    if head.trim().is_empty()
        || !capitalised
        || title.split_whitespace().count() <= MIN_COLON_TITLE_WORDS
    {
        return (text.into(), None, String::new());
    }
    (head.into(), Some(title.trim().into()), tail.trim().into())
}

/// The name a title starts with, for a label that is only a citation: `LLaMA` in
/// `LLaMA: Open and Efficient Foundation Language Models`.
fn title_lead(title: &str) -> Option<String> {
    let (lead, _) = title.split_once(": ")?;
    let lead = trim_name(lead);
    (lead.split_whitespace().count() <= MAX_TITLE_LEAD_WORDS).then_some(lead)
}

/// Reads the year, venue and authors from what follows a title (`. Hugo Touvron et al. arXiv
/// 2023.`). The year is the last one given (arXiv ids like `2302.13971` are not years); the venue
/// the first of [`VENUES`]; the authors the first piece that ends in `et al.` or reads as names.
fn read_citation(tail: &str, label: &mut Label) {
    let dated = ARXIV_ID.replace_all(tail, "");
    if let Some(y) = YEAR.find_iter(&dated).last() {
        label.year = y.as_str().parse().ok();
    }
    if let Some(v) = venue_in(tail) {
        label.venue = Some(v);
    }
    label.authors = pieces(tail).into_iter().find_map(authors_in);
}

/// The first venue of [`VENUES`] named in a text, in its table spelling.
fn venue_in(text: &str) -> Option<String> {
    let found = VENUE.find(text)?.as_str();
    VENUES
        .iter()
        .find(|v| v.eq_ignore_ascii_case(found))
        .map(|v| v.to_string())
}

/// A citation tail cut into pieces at `. ` (not after an initial like `J. `), each keeping its
/// period.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in BREAK.find_iter(text) {
        let before = &text[start..m.start()];
        let word = before.rsplit([' ', '.']).next().unwrap_or(before);
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if !initial {
            out.push(&text[start..m.start() + 1]);
            start = m.end();
        }
    }
    out.push(&text[start..]);
    out.into_iter()
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || c == ','))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The authors a piece of a citation names: up to `et al.`, or the whole piece when it reads as
/// a list of names (capitalised, letters and name punctuation only, no venue).
fn authors_in(piece: &str) -> Option<String> {
    let piece = piece.trim_start_matches(|c: char| !c.is_alphanumeric());
    let piece = piece.strip_prefix("by ").unwrap_or(piece);
    if let Some(c) = ET_AL.captures(piece) {
        return Some(c[1].to_string());
    }
    if !AUTHOR_TEXT.is_match(piece) || NOT_AUTHORS.is_match(piece) || VENUE.is_match(piece) {
        return None;
    }
    let last = piece.trim_end_matches('.').rsplit(' ').next().unwrap_or("");
    let initial = last.chars().count() == 1;
    let names = if initial {
        piece
    } else {
        piece.trim_end_matches('.')
    };
    Some(names.trim_end_matches([',', ';', ':', ' ']).to_string()).filter(|s| !s.is_empty())
}

/// Splits a size list off a name: `Llama 2-7|13|70B` → `Llama 2` and 7B, 13B, 70B. The list
/// needs `|` or `/` between sizes and a unit on its last size; text after it (`-Chat`, ` -
/// Python`) stays in the name. A size written alone (`Mistral-7B`) is part of the name.
fn split_sizes(name: &str) -> (String, Vec<String>) {
    let Some(c) = SIZE_LIST.captures(name) else {
        return split_bar_list(name).unwrap_or_else(|| (name.to_string(), Vec::new()));
    };
    let list = c
        .get(2)
        .or(c.get(3))
        .expect("one list alternative")
        .as_str();
    let head = c[1].trim_end_matches(SIZE_SEPARATORS);
    let rest = c.get(4).map_or("", |m| m.as_str());
    if rest.contains('|') {
        // the list goes on past what the rule reads: "Qwen2-0.5B|7B|57B-A14B-MoE|72B"
        return split_bar_list(name).unwrap_or_else(|| (name.to_string(), Vec::new()));
    }
    let mut sizes: Vec<String> = SIZE_ITEM
        .captures_iter(list)
        .map(|s| size::list_item(&s[1]))
        .collect();
    size::sort(&mut sizes);
    (trim_name(&format!("{head}{rest}")), sizes)
}

/// A `|` list that [`split_sizes`] does not read (`Qwen2-0.5B|1.5B|57B-A14B-MoE|72B`,
/// `RWKV-v4|5|6`, `Qwen1.5-0.5B|110B|MoE-A2.7B`): the name is what precedes the first item's
/// number; the items that are sizes with a unit are its sizes, and bare numbers too when the
/// last item has a unit. Items that are not sizes (versions, `MoE-A2.7B`) are dropped.
fn split_bar_list(name: &str) -> Option<(String, Vec<String>)> {
    let (first, _) = name.split_once('|')?;
    let c = BAR_HEAD.captures(first)?;
    let head = trim_name(&c[1]);
    let items: Vec<&str> = std::iter::once(&first[c.get(2)?.start()..])
        .chain(name.split('|').skip(1))
        .map(str::trim)
        .collect();
    let unit_on_last = items
        .last()
        .is_some_and(|l| BAR_ITEM.captures(l).is_some_and(|c| c.get(2).is_some()));
    let mut sizes: Vec<String> = items
        .iter()
        .filter_map(|i| BAR_ITEM.captures(i))
        .filter(|c| c.get(2).is_some() || unit_on_last)
        .map(|c| {
            let mut s = size::list_item(&c[1]);
            if let Some(a) = c.get(3) {
                s.push_str(&format!("-A{}B", a.as_str()));
            }
            s
        })
        .collect();
    size::sort(&mut sizes);
    (!head.is_empty()).then_some((head, sizes))
}

/// A name without surrounding whitespace or punctuation; empty when nothing alphanumeric is left.
fn trim_name(text: &str) -> String {
    let name = text
        .trim_start_matches(|c: char| c.is_whitespace() || LEADING_PUNCTUATION.contains(&c))
        .trim_end_matches(|c: char| c.is_whitespace() || TRAILING_PUNCTUATION.contains(&c));
    if name.chars().any(char::is_alphanumeric) {
        name.to_string()
    } else {
        String::new()
    }
}

/// Words that qualify a name in parentheses rather than give it another name: a variant
/// (`Falcon-40B(instruct)`), a stage, a precision, a language or a status (`(New)`), compared
/// in lower case.
const QUALIFIERS: &[&str] = &[
    "chat",
    "instruct",
    "instruction",
    "base",
    "pretrained",
    "sft",
    "rlhf",
    "dpo",
    "lora",
    "qlora",
    "alpha",
    "beta",
    "preview",
    "new",
    "old",
    "latest",
    "original",
    "updated",
    "deprecated",
    "small",
    "medium",
    "large",
    "mini",
    "tiny",
    "xl",
    "xxl",
    "int4",
    "int8",
    "fp16",
    "bf16",
    "gptq",
    "awq",
    "gguf",
    "moe",
    "dense",
    "en",
    "zh",
    "cn",
    "chinese",
    "english",
    "multilingual",
    "api",
    "open",
    "closed",
];

re!(VERSION_TAG, r"^(?i:v|ver|version)\s*\d\w*$");

/// `X (Y)` or `X(Y)`: the name and the other name it gives in parentheses, with or without a
/// space before them (`通义千问 (Qwen)`, `獬豸(LawGPT_zh)`), unless what is in them is no other
/// name ([`other_name`]: `Phi-3-small (7B)`, `GPT-3(175B)`, `ChatGLM(v2)`, `Qwen (abbr.
/// Tongyi Qianwen)`) or the name before them is empty or opens a parenthesis it does not close.
pub(crate) fn split_alias(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    let Some((name, alias)) = t.strip_suffix(')').and_then(|r| r.rsplit_once('(')) else {
        return (t.to_string(), None);
    };
    let (name, alias) = (name.trim(), alias.trim());
    let balanced = name.matches('(').count() == name.matches(')').count();
    if !name.is_empty() && balanced && other_name(alias) {
        (name.to_string(), Some(alias.to_string()))
    } else {
        (t.to_string(), None)
    }
}

/// Whether what a name writes in parentheses after it is another name for it: it opens with a
/// letter (a size, `7B`, `175B`, or a year does not), has at most three words and no
/// punctuation of a phrase (`abbr. Tongyi Qianwen`, `v1.5`), and is not a version tag (`v2`,
/// `V3`) or made only of words that qualify the name ([`QUALIFIERS`]: `instruct`, `chat`,
/// `New`) and sizes (`chat 7B`). The one test of every list's `X (Y)`, `X(Y)` and heading's
/// `华驼(HuaTuo)`.
pub(crate) fn other_name(inner: &str) -> bool {
    let inner = inner.trim();
    let qualifier = |w: &str| {
        QUALIFIERS.contains(&w.to_lowercase().as_str())
            || size::Size::parse(w).is_some()
            || VERSION_TAG.is_match(w)
    };
    inner.chars().next().is_some_and(char::is_alphabetic)
        && inner.split_whitespace().count() <= 3
        && !inner.contains(['(', ')', '.', ','])
        && !VERSION_TAG.is_match(inner)
        && !inner
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .all(qualifier)
}

/// Whether a character is written in a CJK script.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x3000..=0x303F)
}

/// Latin words that a Chinese name takes as its own ending, never a second name: `大象GPT`,
/// `左医GPT` are one name each.
const NAME_ENDINGS: &[&str] = &["GPT", "LLM", "LM", "AI", "Chat", "Bot", "Model"];

/// One name written in two scripts (`Koala考拉`, `通义千问Qwen-7B`, `BayLing 百聆`, `罗宾Robin`): the
/// Latin name, with the CJK one as its alias. Anything else is one name: one script (`ChatGLM`,
/// `悟道·天鹰`), more than two runs, a Latin part that is no name of its own (a word of
/// [`NAME_ENDINGS`]: `大象GPT`) or that holds punctuation (`言犀,ChatJD` is two names, not one
/// written twice).
pub(crate) fn bilingual(name: &str) -> (String, Option<String>) {
    let name = name.trim();
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in name.chars() {
        let cjk = is_cjk(c) || c == '·';
        match runs.last_mut() {
            Some((k, s)) if *k == cjk || (c == ' ' && !cjk) => s.push(c),
            _ => runs.push((cjk, c.to_string())),
        }
    }
    let runs: Vec<(bool, String)> = runs
        .into_iter()
        .map(|(k, s)| (k, s.trim().to_string()))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    let a_name = |s: &str| {
        s.chars().any(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_'))
            && !NAME_ENDINGS.contains(&s)
    };
    match runs.as_slice() {
        [(a, x), (b, y)] if a != b && a_name(if *a { y } else { x }) => {
            let (latin, cjk) = if *a { (y, x) } else { (x, y) };
            (latin.clone(), Some(cjk.clone()))
        }
        _ => (name.to_string(), None),
    }
}

/// The other name a description gives an entry whose name has no Latin letter, where it quotes
/// the name and puts that other name in parentheses after it: `发布大语言模型“书生·浦语”（InternLM）`
/// gives `InternLM` to `书生·浦语`. The quoted name must be the entry's whole name (`“书生·浦语”
/// （InternLM2）` says nothing about `书生·浦语2`), and the other name a name ([`split_alias`]'s
/// test) with a Latin letter.
pub(crate) fn quoted_alias(name: &str, description: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let quotes = [("“", "”"), ("\"", "\""), ("「", "」"), ("『", "』")];
    quotes.iter().find_map(|(open, close)| {
        let quoted = format!("{open}{name}{close}");
        description.match_indices(&quoted).find_map(|(at, q)| {
            let rest = description[at + q.len()..].trim_start();
            let inner = (rest.strip_prefix('(').or_else(|| rest.strip_prefix('（')))?;
            let end = inner.find([')', '）'])?;
            let alias = inner[..end].trim();
            let (_, found) = split_alias(&format!("{name} ({alias})"));
            found.filter(|a| a.chars().any(|c| c.is_ascii_alphabetic()))
        })
    })
}

/// What a label said besides the name: its sizes, its year (when nothing more precise is
/// known), and its citation (as the description, when there is none).
/// The names a label joins with `&&` or a spaced `&` (`mT0 && BLOOMZ`, `Flan-PaLM & Flan-U-PaLM`),
/// when every part is name-like: it starts with a letter or digit and has at most
/// [`MAX_TITLE_LEAD_WORDS`] words. Any other label is one name.
pub(crate) fn joint_names(name: &str) -> Vec<String> {
    let parts: Vec<&str> = JOINT.split(name).map(str::trim).collect();
    let name_like = |p: &&str| {
        p.chars().next().is_some_and(char::is_alphanumeric)
            && p.split_whitespace().count() <= MAX_TITLE_LEAD_WORDS
    };
    if parts.len() < 2 || !parts.iter().all(name_like) {
        return vec![name.to_string()];
    }
    parts.into_iter().map(String::from).collect()
}

pub(crate) fn apply_label(e: &mut ListEntry, label: Label) {
    if !label.sizes.is_empty() {
        e.sizes.clone_from(&label.sizes);
    }
    if e.released.is_none() {
        e.released = label.year.map(Date::year);
    }
    if e.description.is_empty() {
        e.description = citation(&label);
    }
}

/// A label's citation as one line: `"Title". Authors. Venue Year`.
fn citation(label: &Label) -> String {
    let when = [label.venue.clone(), label.year.map(|y| y.to_string())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        label.title.as_ref().map(|t| format!("\"{t}\"")),
        label
            .authors
            .as_ref()
            .map(|a| a.trim_end_matches('.').to_string()),
        (!when.is_empty()).then_some(when),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_written_in_two_scripts_is_one_name_with_an_alias() {
        let split = |n: &str| {
            let (name, alias) = bilingual(n);
            (name, alias.unwrap_or_default())
        };
        let two = |n: &str, a: &str| (n.to_string(), a.to_string());
        assert_eq!(split("Koala考拉"), two("Koala", "考拉"));
        assert_eq!(split("罗宾Robin"), two("Robin", "罗宾"));
        assert_eq!(split("通义千问Qwen-7B"), two("Qwen-7B", "通义千问"));
        assert_eq!(split("BayLing 百聆"), two("BayLing", "百聆"));
        // one name: one script, a Latin ending a Chinese name takes, two names, three runs
        for one in [
            "ChatGLM",
            "悟道·天鹰",
            "大象GPT",
            "左医GPT",
            "言犀,ChatJD",
            "盘古-Σ",
            "A中B",
        ] {
            assert_eq!(split(one), two(one, ""), "{one}");
        }
    }

    #[test]
    fn a_quoted_name_gives_the_other_name_in_parentheses_after_it() {
        let said = "商汤科技发布千亿级参数大语言模型“书生·浦语”（InternLM）。据悉，“书生·浦语”具有1040亿参数";
        assert_eq!(quoted_alias("书生·浦语", said).as_deref(), Some("InternLM"));
        // as the list reader gives it, full-width parentheses made plain
        let plain = "发布大语言模型“书生·浦语” (InternLM2)。";
        assert_eq!(
            quoted_alias("书生·浦语", plain).as_deref(),
            Some("InternLM2")
        );
        // the quoted name is another entry's, a size is no name, a Latin name needs none
        assert_eq!(quoted_alias("书生·浦语2", plain), None);
        assert_eq!(quoted_alias("桃李", "“桃李” (7B)"), None);
        assert_eq!(quoted_alias("桃李", "“桃李” (一个模型)"), None);
        assert_eq!(quoted_alias("Taoli", "\"Taoli\" (桃李)"), None);
    }

    #[test]
    fn another_name_in_parentheses_with_or_without_a_space() {
        let two = |n: &str, a: &str| (n.to_string(), Some(a.to_string()));
        assert_eq!(split_alias("獬豸(LawGPT_zh)"), two("獬豸", "LawGPT_zh"));
        assert_eq!(split_alias("韩非(HanFei)"), two("韩非", "HanFei"));
        assert_eq!(split_alias("通义千问 (Qwen)"), two("通义千问", "Qwen"));
        assert_eq!(split_alias("Robin (罗宾)"), two("Robin", "罗宾"));
        // a size, a year, a version, a qualifier, a phrase, nothing before, nested: one name
        for one in [
            "GPT-3(175B)",
            "Llama(7B)",
            "Phi-3-small (7B)",
            "GPT-3(2020)",
            "ChatGLM(v2)",
            "ChatGLM (V2)",
            "Falcon-40B(instruct)",
            "Falcon-40B (Instruct)",
            "Vicuna(chat 13B)",
            "Qwen (abbr. Tongyi Qianwen)",
            "Qwen (a large language model)",
            "(Qwen)",
            "A (B(C))",
        ] {
            assert_eq!(split_alias(one), (one.to_string(), None), "{one}");
        }
    }

    fn sizes(label: &Label) -> Vec<&str> {
        label.sizes.iter().map(String::as_str).collect()
    }

    #[test]
    fn names_joined_by_ampersands() {
        assert_eq!(joint_names("mT0 && BLOOMZ"), ["mT0", "BLOOMZ"]);
        assert_eq!(
            joint_names("Flan-PaLM & Flan-U-PaLM"),
            ["Flan-PaLM", "Flan-U-PaLM"]
        );
        // no spaced ampersand, an empty side or a sentence: one name
        assert_eq!(joint_names("AT&T Bot"), ["AT&T Bot"]);
        assert_eq!(joint_names("Bot &&"), ["Bot &&"]);
        let long = "Alpaca & a model trained on many more words";
        assert_eq!(joint_names(long), [long]);
    }

    #[test]
    fn bar_lists_the_size_rule_does_not_read() {
        let l = clean("Qwen2-0.5B|1.5B|7B|57B-A14B-MoE|72B");
        assert_eq!(l.name, "Qwen2");
        assert_eq!(sizes(&l), ["0.5B", "1.5B", "7B", "57B-A14B", "72B"]);
        let l = clean("Qwen1.5-0.5B|1.8B|110B|MoE-A2.7B");
        assert_eq!(l.name, "Qwen1.5");
        assert_eq!(sizes(&l), ["0.5B", "1.8B", "110B"]);
        let l = clean("RWKV-v4|5|6");
        assert_eq!(l.name, "RWKV");
        assert!(l.sizes.is_empty());
    }

    #[test]
    fn taglines_after_a_full_width_comma_or_a_colon() {
        assert_eq!(clean("DoctorGLM：").name, "DoctorGLM");
        let l = clean("XrayGLM，首个会看胸部X光片的中文多模态医学大模型：");
        assert_eq!(l.name, "XrayGLM");
        assert_eq!(
            l.tagline.as_deref(),
            Some("首个会看胸部X光片的中文多模态医学大模型")
        );
        let l = clean("ChatLaw-法律大模型");
        assert_eq!(l.name, "ChatLaw");
        assert_eq!(l.tagline.as_deref(), Some("法律大模型"));
        assert_eq!(clean("Qwen-7B").name, "Qwen-7B");
        assert_eq!(
            clean("盘古-气象大模型").name,
            "盘古-气象大模型",
            "no Latin name before it"
        );
        let l = clean("Cornucopia（聚宝盆）：基于中文金融知识的LLaMA微调模型");
        assert_eq!(l.name, "Cornucopia (聚宝盆)");
        assert_eq!(
            l.tagline.as_deref(),
            Some("基于中文金融知识的LLaMA微调模型")
        );
        assert_eq!(clean("Qwen2.5-Coder").tagline, None);
    }

    #[test]
    fn size_list_after_a_dash() {
        let l = clean("Llama 2-7|13|70B");
        assert_eq!(l.name, "Llama 2");
        assert_eq!(sizes(&l), ["7B", "13B", "70B"]);
    }

    #[test]
    fn size_list_after_a_space() {
        let l = clean("Llama 2 7|13|70B");
        assert_eq!(l.name, "Llama 2");
        assert_eq!(sizes(&l), ["7B", "13B", "70B"]);
    }

    #[test]
    fn size_list_with_decimals() {
        let l = clean("Qwen1.5-0.5|1.8|4|7|14|72B");
        assert_eq!(l.name, "Qwen1.5");
        assert_eq!(sizes(&l), ["0.5B", "1.8B", "4B", "7B", "14B", "72B"]);
    }

    #[test]
    fn slash_list_of_sizes() {
        let l = clean("Code Llama 7B/13B/34B");
        assert_eq!(l.name, "Code Llama");
        assert_eq!(sizes(&l), ["7B", "13B", "34B"]);
    }

    #[test]
    fn size_list_without_a_version() {
        let l = clean("Falcon-7|40|180B");
        assert_eq!(l.name, "Falcon");
        assert_eq!(sizes(&l), ["7B", "40B", "180B"]);
    }

    #[test]
    fn size_list_of_mixtures() {
        let l = clean("Mixtral 8x7B|8x22B");
        assert_eq!(l.name, "Mixtral");
        assert_eq!(sizes(&l), ["8x7B", "8x22B"]);
    }

    #[test]
    fn size_list_is_sorted_deduplicated_and_keeps_a_suffix() {
        let l = clean("Llama 2-70|7|7B-Chat");
        assert_eq!(l.name, "Llama 2-Chat");
        assert_eq!(sizes(&l), ["7B", "70B"]);
        let l = clean("Code Llama (7B / 13B) - Python");
        assert_eq!(l.name, "Code Llama - Python");
        assert_eq!(sizes(&l), ["7B", "13B"]);
    }

    #[test]
    fn quoted_title_and_year() {
        let l = clean(r#"LLaMA "LLaMA: Open and Efficient Foundation Language Models". 2023."#);
        assert_eq!(l.name, "LLaMA");
        assert_eq!(
            l.title.as_deref(),
            Some("LLaMA: Open and Efficient Foundation Language Models")
        );
        assert_eq!(l.year, Some(2023));
        assert_eq!(l.authors, None);
        assert_eq!(l.venue, None);
    }

    fn assert_llama_citation(l: &Label) {
        assert_eq!(l.name, "LLaMA");
        assert_eq!(
            l.title.as_deref(),
            Some("LLaMA: Open and Efficient Foundation Language Models")
        );
        assert_eq!(l.authors.as_deref(), Some("Hugo Touvron et al."));
        assert_eq!(l.venue.as_deref(), Some("arXiv"));
        assert_eq!(l.year, Some(2023));
        assert!(l.sizes.is_empty());
    }

    #[test]
    fn numbered_reading_list_citation() {
        assert_llama_citation(&clean(
            r#"20. LLaMA: "LLaMA: Open and Efficient Foundation Language Models". Hugo Touvron et al. arXiv 2023."#,
        ));
    }

    #[test]
    fn citation_with_curly_quotes() {
        assert_llama_citation(&clean(
            "20. LLaMA: “LLaMA: Open and Efficient Foundation Language Models”. Hugo Touvron et al. arXiv 2023.",
        ));
    }

    #[test]
    fn citation_without_quotes_after_a_colon() {
        let l = clean(
            "GLM: General Language Model Pretraining with Autoregressive Blank Infilling. ACL 2022.",
        );
        assert_eq!(l.name, "GLM");
        assert_eq!(
            l.title.as_deref(),
            Some("General Language Model Pretraining with Autoregressive Blank Infilling")
        );
        assert_eq!(l.venue.as_deref(), Some("ACL"));
        assert_eq!(l.year, Some(2022));
        assert_eq!(l.authors, None);
    }

    #[test]
    fn unquoted_llama_citation_with_authors() {
        assert_llama_citation(&clean(
            "LLaMA: LLaMA: Open and Efficient Foundation Language Models. Hugo Touvron et al. arXiv 2023.",
        ));
    }

    #[test]
    fn full_width_colon_before_a_title() {
        let l = clean("ChatGLM：An Open Bilingual Dialogue Language Model");
        assert_eq!(l.name, "ChatGLM");
        assert_eq!(
            l.title.as_deref(),
            Some("An Open Bilingual Dialogue Language Model")
        );
    }

    #[test]
    fn single_quoted_word_is_not_a_title() {
        let l = clean(r#"Qwen "通义千问""#);
        assert_eq!(l.title, None);
        assert_eq!(l.name, r#"Qwen "通义千问""#);
    }

    #[test]
    fn short_text_after_a_colon_is_not_a_title() {
        let l = clean("Vicuna: 7B and 13B");
        assert_eq!(l.title, None);
        assert_eq!(l.name, "Vicuna");
        assert_eq!(l.tagline.as_deref(), Some("7B and 13B"));
    }

    #[test]
    fn lowercase_text_after_a_colon_is_not_a_title() {
        let l = clean("Vicuna: an open chatbot trained by fine-tuning LLaMA");
        assert_eq!(l.title, None);
    }

    #[test]
    fn venue_with_year_and_arxiv_id() {
        let l = clean(
            r#"Qwen "Qwen Technical Report". Jinze Bai, Shuai Bai, Yunfei Chu. arXiv preprint arXiv:2309.16609, 2023."#,
        );
        assert_eq!(l.name, "Qwen");
        assert_eq!(l.title.as_deref(), Some("Qwen Technical Report"));
        assert_eq!(
            l.authors.as_deref(),
            Some("Jinze Bai, Shuai Bai, Yunfei Chu")
        );
        assert_eq!(l.venue.as_deref(), Some("arXiv"));
        assert_eq!(l.year, Some(2023));
    }

    #[test]
    fn authors_keep_initials() {
        let l = clean(r#"GPT-3 "Language Models are Few-Shot Learners". Tom B. Brown, J. K."#);
        assert_eq!(l.authors.as_deref(), Some("Tom B. Brown, J. K."));
    }

    #[test]
    fn citation_alone_takes_its_name_from_the_title() {
        let l = clean(r#""LLaMA: Open and Efficient Foundation Language Models" (2023)"#);
        assert_eq!(l.name, "LLaMA");
        assert_eq!(l.year, Some(2023));
    }

    #[test]
    fn title_parenthesis_gives_venue_and_year() {
        let l = clean(
            "GLM: General Language Model Pretraining with Autoregressive Blank Infilling (ACL 2022)",
        );
        assert_eq!(l.name, "GLM");
        assert_eq!(
            l.title.as_deref(),
            Some("General Language Model Pretraining with Autoregressive Blank Infilling")
        );
        assert_eq!(l.venue.as_deref(), Some("ACL"));
        assert_eq!(l.year, Some(2022));
    }

    #[test]
    fn trailing_punctuation_is_cut() {
        assert_eq!(clean("Vicuna:").name, "Vicuna");
        assert_eq!(clean("Falcon -").name, "Falcon");
        assert_eq!(clean("Alpaca –").name, "Alpaca");
        assert_eq!(clean("Baichuan 2,").name, "Baichuan 2");
        assert_eq!(clean("Qwen —").name, "Qwen");
        assert_eq!(clean("Yi;").name, "Yi");
        assert_eq!(clean("Yi [").name, "Yi");
        assert_eq!(clean("Yi (").name, "Yi");
        assert_eq!(clean("Yi.").name, "Yi");
    }

    #[test]
    fn list_numbering_is_cut() {
        assert_eq!(clean("20. LLaMA").name, "LLaMA");
        assert_eq!(clean("3) Falcon").name, "Falcon");
        assert_eq!(clean("(12) Vicuna").name, "Vicuna");
        assert_eq!(clean("(12)Vicuna").name, "Vicuna");
    }

    #[test]
    fn leading_year_and_venue_tag_is_cut() {
        let l = clean("(2023-arXiv) LLaMA");
        assert_eq!(l.name, "LLaMA");
        assert_eq!(l.year, Some(2023));
        assert_eq!(l.venue.as_deref(), Some("arXiv"));
        let l = clean("(2023-ACL, CCF-A) GLM-130B");
        assert_eq!(l.name, "GLM-130B");
        assert_eq!(l.year, Some(2023));
        assert_eq!(l.venue.as_deref(), Some("ACL"));
        let l = clean("[2022] 3. OPT:");
        assert_eq!(l.name, "OPT");
        assert_eq!(l.year, Some(2022));
        assert_eq!(l.venue, None);
    }

    #[test]
    fn markup_and_whitespace_are_cleaned() {
        assert_eq!(clean("<u>Llama</u>  <b>2</b>").name, "Llama 2");
        assert_eq!(clean("**Code\n  Llama**").name, "Code Llama");
        assert_eq!(clean("__Qwen__ `2`").name, "Qwen 2");
        assert_eq!(clean("\t Baichuan \u{a0} 2 \n").name, "Baichuan 2");
    }

    #[test]
    fn parenthesised_alias_stays() {
        let l = clean("General Language Model (GLM)");
        assert_eq!(l.name, "General Language Model (GLM)");
        assert_eq!(
            l,
            Label {
                name: "General Language Model (GLM)".into(),
                ..Label::default()
            }
        );
    }

    #[test]
    fn empty_or_punctuation_gives_an_empty_name() {
        for raw in [
            "", "   ", ":", " - ", "–", "...", "**", "<b></b>", "(", "[ ]", "—:,;",
        ] {
            assert_eq!(clean(raw).name, "", "{raw:?}");
        }
    }

    #[test]
    fn plain_names_come_back_unchanged() {
        const NAMES: &[&str] = &[
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
            "Llama 3.2",
            "P-Tuning",
            "LoRA",
            "P-Tuning V2",
            "RLHF",
            "RRHF",
            "QLoRA",
            "RLTF",
            "RRTF",
            "RLAIF",
            "Qwen2.5-Coder",
            "DeepSeek-R1-Distill-Qwen-7B",
            "GPT-NeoX-20B",
            "T5",
            "Yi-1.5-9B",
            "Code Llama - Python",
            "Mistral 7B v0.1",
            "文心一言",
            "通义千问 (Qwen)",
        ];
        for &name in NAMES {
            let l = clean(name);
            assert_eq!(
                l,
                Label {
                    name: name.into(),
                    ..Label::default()
                },
                "{name:?}"
            );
        }
    }
}
