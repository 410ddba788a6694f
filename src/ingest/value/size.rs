//! Parameter counts, the one value every reader calls a size (`7B`, `1.3B`, `8x7B`, `405B`,
//! `175M`; never `Large`, `mini` or a context length such as `128k`): how a size is read from a
//! name, a sentence, a table cell, a size text or a count, how it is written, ordered and
//! compared. Every reader asks this module; no other parses a size.

use regex::Regex;
use std::sync::LazyLock;

macro_rules! re {
    ($(#[$doc:meta])* $name:ident, $pat:expr) => {
        $(#[$doc])*
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&$pat).expect("valid regex"));
    };
}

/// One size in prose (number, optional `xN`, unit, optional `-A14B`); `亿` is a hundred million.
/// Word boundaries are ASCII ones, so a size next to a CJK letter (`有7b`, `65b共`) still stands
/// alone. The phrase rules of the list use it as their `{SIZE}`.
pub(crate) const PATTERN: &str = r"(?-u:\b)\d+(?:\.\d+)?(?:\s*x\s*\d+(?:\.\d+)?)?[\s\-–]*(?:(?:b|billion)(?:-a\d+(?:\.\d+)?b)?(?-u:\b)|亿)";

re!(IN_TEXT, format!("(?i){PATTERN}"));
re!(
    /// The parts of one size in prose: its number, experts, `亿` and active part.
    PARTS,
    r"(?i)^(?P<n>\d+(?:\.\d+)?)(?:\s*x\s*(?P<x>\d+(?:\.\d+)?))?[\s\-–]*(?:b|billion|(?P<yi>亿))(?:-a(?P<a>\d+(?:\.\d+)?)b)?$"
);
re!(
    /// A size standing as a word of a name (`Baichuan-7b`, `Qwen2-57B-A14B`).
    IN_NAME,
    r"(?i)(?:^|[\s_-])(\d+(?:x\d+(?:\.\d+)?)?(?:\.\d+)?b(?:-a\d+(?:\.\d+)?b)?)(?:$|[\s_-])"
);
re!(
    /// A parameter count in a size text: `13B parameters (dense)`, `1.5 B params`; not `8x7B`.
    PARAMETER_COUNT,
    r"(?i)\b(\d+(?:\.\d+)?)\s*([KMBT])\s*param"
);

/// Units of a parameter count in a size text: the power of ten that makes them billions.
const UNITS: [(&str, i32); 4] = [("K", -6), ("M", -3), ("B", 0), ("T", 3)];

/// A parameter count read from one word: billions of parameters, of each expert where the size
/// is a mixture's (`8x7B`: 8 experts of 7 billions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Size {
    /// The number of experts of a mixture (`8` of `8x7B`).
    pub(crate) experts: Option<u32>,
    /// Billions of parameters (each expert's, in a mixture).
    pub(crate) billions: f64,
}

impl Size {
    /// A word that is a parameter count: a number, an optional count of experts before `x`,
    /// and the unit `B`, `M` or `T` in either case (`7B`, `1.3b`, `8x7B`, `350M`, `1T`);
    /// `None` for any other word (`128k` is a context length, `Large`, `mini`, `70`).
    pub(crate) fn parse(token: &str) -> Option<Size> {
        let unit = token.chars().last()?;
        let number = &token[..token.len() - unit.len_utf8()];
        let (experts, each) = match number.split_once(['x', 'X']) {
            Some((n, each)) => (Some(n.parse::<u32>().ok()?), each),
            None => (None, number),
        };
        if each.is_empty() || !each.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let value: f64 = each.parse().ok().filter(|v: &f64| v.is_finite())?;
        let billions = match unit {
            'b' | 'B' => value,
            // a division, so that 350M is 0.35 as written
            'm' | 'M' => value / 1e3,
            't' | 'T' => value * 1e3,
            _ => return None,
        };
        Some(Size { experts, billions })
    }

    /// The size as identity compares it, in billions (`7b` → `7`, `350m` → `0.35`, `8x7b` →
    /// `8x7`): two spellings of one count share it.
    pub(crate) fn key(self) -> String {
        let value = (self.billions * 1e6).round() / 1e6;
        match self.experts {
            Some(n) => format!("{n}x{value}"),
            None => format!("{value}"),
        }
    }
}

/// A size as people write it from billions of parameters: `70B`, `6.7B`, `350M`.
pub(crate) fn text(billions: f64) -> String {
    if billions >= 1.0 {
        format!("{}B", short_number(billions))
    } else {
        format!("{}M", short_number(billions * 1000.0))
    }
}

/// A number with at most two decimals, trailing zeros dropped (`6.70` → `6.7`, `70.00` → `70`).
fn short_number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Billions of parameters of the sizes that are one plain count ("7B" → 7, "1.3B" → 1.3,
/// "350M" → 0.35; not "8x7B", nor "57B-A14B").
pub(crate) fn billions(sizes: &[String]) -> thin_vec::ThinVec<f64> {
    sizes
        .iter()
        .filter_map(|s| Size::parse(s.trim()).filter(|s| s.experts.is_none()))
        .map(|s| s.billions)
        .collect()
}

/// `Llama 2-70B` → (`Llama 2`, `70B`); `LLaMA-65B` → (`LLaMA`, `65B`); `Qwen2.5-Coder (32B)`
/// → (`Qwen2.5-Coder`, `32B`): a name that ends in a parameter count, split off it.
pub(crate) fn split_off(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    let (family, size) = match name.strip_suffix(')') {
        Some(open) => {
            let at = open.rfind('(')?;
            (&open[..at], &open[at + 1..])
        }
        None => {
            let at = name.rfind(['-', ' ', '_'])?;
            (&name[..at], &name[at + 1..])
        }
    };
    let family = family.trim_end_matches(['-', ' ', '_']);
    (Size::parse(size).is_some() && !family.is_empty()).then_some((family, size))
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

/// A size written in prose, in its normal form: "7b" → "7B", "8x7B", "57B-A14B", "1.3 billion"
/// → "1.3B", "70亿" → "7B".
pub(crate) fn written(s: &str) -> Option<String> {
    let c = PARTS.captures(s.trim())?;
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

/// Every size in a piece of prose, normalised ([`written`]).
pub(crate) fn in_text(text: &str) -> Vec<String> {
    IN_TEXT
        .find_iter(text)
        .filter_map(|m| written(m.as_str()))
        .collect()
}

/// Whether a piece of prose holds a size.
pub(crate) fn mentioned(text: &str) -> bool {
    IN_TEXT.is_match(text)
}

/// The sizes a name carries ("Baichuan-7b" → 7B, "Mixtral-8x22B" → 8x22B, "Qwen2-57B-A14B").
pub(crate) fn in_name(name: &str) -> Vec<String> {
    IN_NAME
        .captures_iter(name)
        .filter_map(|c| written(&c[1]))
        .collect()
}

/// A number with its unit (`1.5` and `B`, `117` and `M`, `1` and `T`) as a size in normal
/// form, exactly: "1.5B", "0.117B", "1000B".
pub(crate) fn of_number(number: &str, unit: &str) -> String {
    format!("{}B", shift_decimal(number, unit_shift(unit)))
}

/// One item of a size list in a name, in normal form: "8 × 7" → "8x7B", "0.5" → "0.5B".
pub(crate) fn list_item(number: &str) -> String {
    let mut out: String = number
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '×' { 'x' } else { c })
        .collect();
    out.push('B');
    out
}

/// The number a normal-form size stands for, to sort by ("8x7B" → 56, "39B active" → 39).
fn order(s: &str) -> f64 {
    let head = s
        .split([' ', '-'])
        .next()
        .unwrap_or(s)
        .trim_end_matches('B');
    head.split('x')
        .map(|p| p.parse::<f64>().unwrap_or(0.0))
        .product()
}

/// Sorts normal-form sizes ascending and removes duplicates.
pub(crate) fn sort(sizes: &mut Vec<String>) {
    sizes.sort_by(|a, b| order(a).total_cmp(&order(b)).then(a.cmp(b)));
    sizes.dedup();
}

/// The parameter counts of a size text in billions (`13B parameters (dense)` → 13); none for
/// a text that gives no count of parameters (`52K instructions`).
pub(crate) fn parameter_counts(size: &str) -> Vec<f64> {
    PARAMETER_COUNT
        .captures_iter(size)
        .filter_map(|c| {
            let n: f64 = c[1].parse().ok()?;
            let &(_, exp) = UNITS.iter().find(|(u, _)| u.eq_ignore_ascii_case(&c[2]))?;
            // a division for the small units, so that 350M is 0.35 exactly as written
            let b = if exp < 0 {
                n / 10f64.powi(-exp)
            } else {
                n * 10f64.powi(exp)
            };
            Some(b).filter(|b| *b > 0.0)
        })
        .collect()
}

re!(
    /// One size in a cell: a number, an optional `x N` (experts), an optional unit, an optional
    /// active size (`-A14B`, `(A14B)`).
    SIZE_TOKEN,
    r"(?i)(\d+(?:\.\d+)?)(?:\s*[x×]\s*(\d+(?:\.\d+)?))?(?:\s*(billions?|millions?|trillions?|bn|b|m|t)(?-u:\b))?(?:\s*[-(]?\s*a(\d+(?:\.\d+)?)\s*b(?-u:\b)\)?)?"
);
re!(
    /// The unit a header gives its cells: "Params (B)", "Size [M]", "Parameters in billions".
    HEADER_UNIT,
    r"(?i)[(\[（]\s*(?:in\s+)?(billions?|bn|b|millions?|m|trillions?|t)\s*[)\]）]|\bin\s+(billions?|millions?|trillions?)\b"
);

/// Decimal places a unit moves a number to read it in billions.
fn unit_shift(unit: &str) -> i32 {
    match unit.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'm') => -3,
        Some(b't') => 3,
        _ => 0,
    }
}

/// A decimal number with its point moved `shift` places right, exactly (no floating point):
/// ("175", -3) → "0.175", ("1.5", 3) → "1500", ("7.0", 0) → "7".
fn shift_decimal(num: &str, shift: i32) -> String {
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let digits = format!("{int}{frac}");
    let point = i64::try_from(int.len()).unwrap_or(i64::MAX) + i64::from(shift);
    let (whole, part) = if point <= 0 {
        let zeros = usize::try_from(-point).unwrap_or(0);
        (String::new(), "0".repeat(zeros) + &digits)
    } else {
        let point = usize::try_from(point).unwrap_or(usize::MAX);
        if point >= digits.len() {
            (
                digits.clone() + &"0".repeat(point - digits.len()),
                String::new(),
            )
        } else {
            (digits[..point].to_string(), digits[point..].to_string())
        }
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    match part.trim_end_matches('0') {
        "" => whole.to_string(),
        part => format!("{whole}.{part}"),
    }
}

/// Parameter sizes in a cell, normalised "7B", "1.3B", "8x7B", "57B-A14B", in the cell's
/// order without repeats: "7, 13, 70" under a header with a unit ("Params (B)"); "7B/13B/70B";
/// "1.3B"; "175M" → "0.175B"; "1.5T" → "1500B"; "unknown", "-", "?" → none. A unit in the
/// cell beats the header's. A bare number under a header without a unit is not read (7 what?),
/// nor is a number glued to a word ("v2", "Llama2").
pub(crate) fn in_cell(cell: &str, header: &str) -> Vec<String> {
    let header_unit = HEADER_UNIT
        .captures(header)
        .and_then(|c| c.get(1).or(c.get(2)))
        .map(|m| m.as_str().to_string());
    let mut out: Vec<String> = Vec::new();
    let tokens: Vec<regex::Captures> = SIZE_TOKEN.captures_iter(cell).collect();
    let listed = listed_units(cell, &tokens);
    for (i, c) in tokens.iter().enumerate() {
        let Some(whole) = c.get(0) else { continue };
        let before = cell[..whole.start()].chars().next_back();
        if before.is_some_and(|b| b.is_alphanumeric() || b == '.' || b == '_') {
            continue;
        }
        // its own unit or the one its list shares ([`listed_units`]), else the header's
        let Some(unit) = listed[i].or(header_unit.as_deref()) else {
            continue;
        };
        let shift = unit_shift(unit);
        let (count, size) = match c.get(2) {
            Some(s) => (Some(&c[1]), s.as_str()),
            None => (None, &c[1]),
        };
        let size = shift_decimal(size, shift);
        if size == "0" {
            continue;
        }
        let mut s = count.map_or(String::new(), |n| format!("{}x", shift_decimal(n, 0)));
        s.push_str(&size);
        s.push('B');
        if let Some(a) = c.get(4) {
            s.push_str(&format!("-A{}B", shift_decimal(a.as_str(), 0)));
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The unit each of a cell's size tokens has or shares: its own, or where only a separator
/// stands before the next token, the unit that one has or shares (`7/12B`, `1.5, 7 and 72B`
/// are 7B and 12B, 1.5B, 7B and 72B). One pass from the end, so linear in the cell.
fn listed_units<'c>(cell: &'c str, tokens: &[regex::Captures<'c>]) -> Vec<Option<&'c str>> {
    let mut units: Vec<Option<&str>> = vec![None; tokens.len()];
    for i in (0..tokens.len()).rev() {
        units[i] = tokens[i].get(3).map(|m| m.as_str()).or_else(|| {
            let (a, b) = (tokens[i].get(0)?, tokens.get(i + 1)?.get(0)?);
            let between = cell[a.end()..b.start()].trim();
            matches!(between, "/" | "," | "、" | "，" | "and" | "&")
                .then_some(units[i + 1])
                .flatten()
        });
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_listed_before_one_unit_share_it() {
        assert_eq!(in_cell("7/12B", "大小"), ["7B", "12B"]);
        assert_eq!(in_cell("1.5/7/72B", "Size"), ["1.5B", "7B", "72B"]);
        assert_eq!(in_cell("6, 9, 34B", "Size"), ["6B", "9B", "34B"]);
        assert_eq!(in_cell("0.6/4/8B", ""), ["0.6B", "4B", "8B"]);
        // a count with no unit that lists nothing stays unread
        assert_eq!(in_cell("7 (13B soon)", "Size"), ["13B"]);
        assert_eq!(in_cell("2023 70B", "Size"), ["70B"]);
    }

    #[test]
    fn only_parameter_counts_are_sizes() {
        assert_eq!(Size::parse("7b").map(Size::key).as_deref(), Some("7"));
        assert_eq!(Size::parse("350M").map(Size::key).as_deref(), Some("0.35"));
        assert_eq!(Size::parse("8x7B").map(Size::key).as_deref(), Some("8x7"));
        assert_eq!(Size::parse("1T").map(Size::key).as_deref(), Some("1000"));
        for word in ["128k", "Large", "mini", "70", "B", "x7B", "v2"] {
            assert_eq!(Size::parse(word), None, "{word}");
        }
        assert_eq!(text(1.5e-1), "150M");
        assert_eq!(text(6.7), "6.7B");
        let sizes: Vec<String> = ["7B", "350M", "8x7B", "57B-A14B"]
            .map(String::from)
            .to_vec();
        assert_eq!(billions(&sizes).as_slice(), [7.0, 0.35]);
    }

    #[test]
    fn sizes_split_off_names() {
        assert_eq!(split_off("Llama 2-70B"), Some(("Llama 2", "70B")));
        assert_eq!(split_off("LLaMA-65B"), Some(("LLaMA", "65B")));
        assert_eq!(
            split_off("Qwen2.5-Coder (32B)"),
            Some(("Qwen2.5-Coder", "32B"))
        );
        assert_eq!(split_off("Mixtral 8x7B"), Some(("Mixtral", "8x7B")));
        assert_eq!(split_off("Llama 2"), None);
        assert_eq!(split_off("GPT-4o (Mar 2025)"), None);
        assert_eq!(split_off("Phi-3 mini 128k"), None, "a context is no size");
        assert_eq!(split_off("70B"), None);
    }

    #[test]
    fn sizes_are_normalised_and_sorted() {
        assert_eq!(written("7b").as_deref(), Some("7B"));
        assert_eq!(written("1.3 billion").as_deref(), Some("1.3B"));
        assert_eq!(written("7-billion").as_deref(), Some("7B"));
        assert_eq!(written("8x7B").as_deref(), Some("8x7B"));
        assert_eq!(written("57B-A14B").as_deref(), Some("57B-A14B"));
        let mut v: Vec<String> = ["72B", "0.5B", "57B-A14B", "7B", "0.5B", "8x7B"]
            .map(String::from)
            .to_vec();
        sort(&mut v);
        assert_eq!(v, ["0.5B", "7B", "8x7B", "57B-A14B", "72B"]);
        assert_eq!(in_name("Baichuan-7b"), ["7B"]);
        assert_eq!(in_name("Qwen-1.5-110B"), ["110B"]);
        assert_eq!(in_name("Llama 3.1"), Vec::<String>::new());
        assert_eq!(in_name("Phi-3"), Vec::<String>::new());
        assert_eq!(list_item("8 × 7"), "8x7B");
        assert_eq!(of_number("117", "M"), "0.117B");
        assert_eq!(of_number("1.5", "b"), "1.5B");
    }

    #[test]
    fn chinese_sizes() {
        // a size runs into a CJK letter; 亿 is a hundred million
        assert_eq!(in_text("有7b, 13b共2种"), ["7B", "13B"]);
        assert_eq!(written("70亿").as_deref(), Some("7B"));
        assert_eq!(written("24亿").as_deref(), Some("2.4B"));
        assert_eq!(written("5亿").as_deref(), Some("0.5B"));
        assert!(in_text("4bits量化, 1.2万亿个tokens").is_empty());
    }

    #[test]
    fn parameter_counts_in_size_texts() {
        assert_eq!(parameter_counts("13B parameters (dense)"), [13.0]);
        assert_eq!(parameter_counts("175B parameters"), [175.0]);
        assert_eq!(parameter_counts("1.5 b params"), [1.5]);
        assert_eq!(parameter_counts("350M parameters"), [0.35]);
        assert_eq!(parameter_counts("1.2T parameters (sparse)"), [1200.0]);
        assert!(parameter_counts("52K instructions").is_empty());
        assert!(parameter_counts("8x7B parameters").is_empty());
        assert!(parameter_counts("2.5T tokens").is_empty());
    }

    fn sizes(cell: &str, header: &str) -> Vec<String> {
        in_cell(cell, header)
    }

    #[test]
    fn params_in_every_written_form() {
        assert_eq!(sizes("7, 13, 70", "Params (B)"), ["7B", "13B", "70B"]);
        assert_eq!(sizes("7B/13B/70B", "Params"), ["7B", "13B", "70B"]);
        assert_eq!(sizes("1.3B", "Size"), ["1.3B"]);
        assert_eq!(sizes("175M", "Params"), ["0.175B"]);
        assert_eq!(sizes("125, 350", "Size (M)"), ["0.125B", "0.35B"]);
        assert_eq!(sizes("1.5T", "Params"), ["1500B"]);
        assert_eq!(sizes("8x7B", "Params"), ["8x7B"]);
        assert_eq!(sizes("8 × 22B", "Params"), ["8x22B"]);
        assert_eq!(sizes("57B-A14B", "Params"), ["57B-A14B"]);
        assert_eq!(sizes("7b, 7B, 13 billion", "Params"), ["7B", "13B"]);
        assert_eq!(sizes("7.0B", "Params"), ["7B"]);
        assert_eq!(sizes("6.7", "Parameters in billions"), ["6.7B"]);
        assert_eq!(sizes("7B参数", "参数"), ["7B"]);
        assert_eq!(sizes("57B (A14B)", "Params"), ["57B-A14B"]);
        assert_eq!(sizes("350", "Size [M]"), ["0.35B"]);
        assert_eq!(sizes("175M", "Params (B)"), ["0.175B"]);
    }

    #[test]
    fn params_refuse_what_is_not_a_size() {
        for cell in ["unknown", "-", "?", "N/A", "", "0"] {
            assert!(sizes(cell, "Params (B)").is_empty(), "{cell}");
        }
        // 7 what?
        assert!(sizes("7, 13", "Params").is_empty());
        // numbers glued to words are names, not sizes
        assert_eq!(sizes("Llama2 7B", "Params"), ["7B"]);
        assert_eq!(sizes("v2", "Params (B)"), Vec::<String>::new());
    }

    #[test]
    fn decimals_shift_exactly() {
        assert_eq!(shift_decimal("175", -3), "0.175");
        assert_eq!(shift_decimal("1.5", 3), "1500");
        assert_eq!(shift_decimal("0.5", 0), "0.5");
        assert_eq!(shift_decimal("007", 0), "7");
        assert_eq!(shift_decimal("2.7", -3), "0.0027");
    }
}
