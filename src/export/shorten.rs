//! Shortening of the strings a drawing holds (labels, ids, tooltips, legend entries) to what
//! Graphviz and Mermaid accept: the full text stays in the lossless formats (GraphML, GEXF,
//! JSON, CSV) and the page's data.
//!
//! Graphviz refuses a string over 16,384 bytes (`graph.dot` no longer parses and `render`
//! fails); Mermaid has no per-string limit but the whole text's, 50,000 characters. A drawing
//! keeps at most [`MAX_TEXT`] bytes of a label (cut at a character boundary, an ellipsis
//! added) and at most [`MAX_ID`] bytes of an id, whose shortened form ends with a hash of the
//! whole id so that two long ids sharing a beginning stay two nodes.

use std::borrow::Cow;

/// The most bytes of a label, tooltip or legend entry a drawing keeps (escaping at most doubles
/// it: far under Graphviz's 16,384).
pub(crate) const MAX_TEXT: usize = 1_000;

/// The most bytes of an id a drawing keeps.
pub(crate) const MAX_ID: usize = 200;

/// The ellipsis that ends a shortened text.
const ELLIPSIS: char = '\u{2026}';

/// The longest beginning of `text` of at most `max` bytes that ends on a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` itself when it is at most `max` bytes, else its beginning and an ellipsis, `max`
/// bytes at most in all.
pub(crate) fn text(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut out = head(text, max.saturating_sub(ELLIPSIS.len_utf8())).to_string();
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// `id` itself when it is at most `max` bytes, else its beginning, an ellipsis and the FNV-1a
/// hash of the whole id in hex: `max` bytes at most, and distinct for distinct ids.
pub(crate) fn id(id: &str, max: usize) -> Cow<'_, str> {
    if id.len() <= max {
        return Cow::Borrowed(id);
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let tail = format!("{ELLIPSIS}{h:016x}");
    let mut out = head(id, max.saturating_sub(tail.len())).to_string();
    out.push_str(&tail);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_cut_on_a_character_boundary() {
        assert_eq!(text("Llama 2", 10), "Llama 2");
        let long = "é".repeat(20_000);
        let cut = text(&long, MAX_TEXT);
        assert!(cut.len() <= MAX_TEXT && cut.ends_with('…'), "{}", cut.len());
        assert!(cut.starts_with("éé"));
    }

    #[test]
    fn long_ids_sharing_a_beginning_stay_distinct() {
        let a = format!("{}a", "x".repeat(5_000));
        let b = format!("{}b", "x".repeat(5_000));
        let (sa, sb) = (id(&a, MAX_ID), id(&b, MAX_ID));
        assert!(sa.len() <= MAX_ID && sb.len() <= MAX_ID);
        assert_ne!(sa, sb);
        assert_eq!(id("llama-2", MAX_ID), "llama-2");
    }
}
