//! The Gephi spreadsheet CSV pair (`nodes.csv` + `edges.csv`): the writer, the reader that takes
//! it back, and the cell codec both share (and the Neo4j CSV uses): spreadsheet-safe cells (a
//! text a spreadsheet could run as a formula is written after a `'`, and a reader removes exactly
//! one), optional texts, typed attribute cells and attribute column headers. See `write.rs` for
//! the format.

pub mod read;
pub mod write;

pub use read::{Half, add, header_kind};
pub use write::{write_edges, write_nodes};

use crate::model::AttrValue;
use std::borrow::Cow;

/// Every cell's text passes here on its way into a CSV file: a text a spreadsheet could run as a
/// formula (first character `=`, `+`, `-`, `@`, tab or CR, and not a plain number) or that
/// begins with `'` is written after a `'`. See the module docs; [`uncell`] undoes it.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = match text.chars().next() {
        Some('\'') => true,
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => !is_plain_number(text),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`cell`]: removes one leading `'`.
pub fn uncell(text: &str) -> &str {
    text.strip_prefix('\'').unwrap_or(text)
}

/// A plain decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`.
pub fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    if !digits(&mut i) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// The attribute value a cell's spelling stands for (see the module docs); `None` for an empty
/// cell (no value). The inverse of [`attr_cell`].
pub fn attr_value(text: &str) -> Option<AttrValue> {
    if text.is_empty() {
        return None;
    }
    if let Some(t) = text.strip_prefix('\'') {
        return Some(AttrValue::Text(t.into()));
    }
    Some(infer(text))
}

fn infer(text: &str) -> AttrValue {
    match text {
        "true" => return AttrValue::Bool(true),
        "false" => return AttrValue::Bool(false),
        _ => {}
    }
    if is_plain_number(text) {
        if !text.contains(['.', 'e', 'E'])
            && let Ok(i) = text.parse::<i64>()
        {
            return AttrValue::Int(i);
        }
        if let Ok(x) = text.parse::<f64>() {
            return AttrValue::Float(x);
        }
    }
    AttrValue::Text(text.into())
}

/// An attribute value as a cell that [`attr_value`] reads back as the same value and type.
pub fn attr_cell(v: &AttrValue) -> Cow<'_, str> {
    match v {
        AttrValue::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        AttrValue::Int(i) => Cow::Owned(i.to_string()),
        // Debug keeps a `.0` or an exponent, so the number reads back as a double
        AttrValue::Float(x) if x.is_finite() => Cow::Owned(format!("{x:?}")),
        AttrValue::Float(_) => Cow::Borrowed(""),
        AttrValue::Text(s) if s.is_empty() || !matches!(infer(s), AttrValue::Text(_)) => {
            Cow::Owned(format!("'{s}"))
        }
        AttrValue::Text(s) => cell(s),
    }
}

/// An optional text: empty when absent, a lone `'` when empty, else through [`cell`].
pub fn opt_cell(v: Option<&str>) -> Cow<'_, str> {
    match v {
        None => Cow::Borrowed(""),
        Some("") => Cow::Borrowed("'"),
        Some(s) => cell(s),
    }
}

/// The header of an attribute column: the name, after `attr_` when it equals a fixed column
/// (ignoring case) or itself starts with `attr_`.
pub fn attr_header(name: &str, fixed: &[&str]) -> String {
    let prefixed = name
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("attr_"));
    if prefixed || fixed.iter().any(|c| c.eq_ignore_ascii_case(name)) {
        format!("attr_{name}")
    } else {
        name.to_string()
    }
}

/// Undoes [`attr_header`].
pub fn attr_name(header: &str) -> &str {
    match header.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("attr_") => &header[5..],
        _ => header,
    }
}
