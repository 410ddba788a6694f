//! Repair of UTF-8 text that was once mis-decoded as Windows-1252 (`ðŸ”¥` for 🔥, `â€“` for –).
//!
//! A run of non-ASCII characters is turned back into the Windows-1252 bytes it came from (with
//! encoding_rs); wherever those bytes form a valid multi-byte UTF-8 sequence the characters are
//! replaced by what that sequence decodes to. Correct UTF-8 text (`é`, CJK) does not encode to
//! such a sequence and is left alone.

use encoding_rs::WINDOWS_1252;

/// One replacement made in a line: the mis-decoded characters and what they decode to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repair {
    pub from: String,
    pub to: String,
}

/// The Windows-1252 byte a character came from, when it is one.
fn cp1252_byte(c: char) -> Option<u8> {
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    match (had_errors, bytes.as_ref()) {
        (false, [b]) => Some(*b),
        _ => None,
    }
}

/// The length of the UTF-8 sequence a lead byte opens, for multi-byte leads.
fn sequence_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// Repairs one piece of text. Returns `None` when nothing needed repair, else the repaired
/// text and the replacements made (adjacent sequences reported as one, duplicates once).
pub(crate) fn repair(text: &str) -> Option<(String, Vec<Repair>)> {
    if text.is_ascii() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let bytes: Vec<Option<u8>> = chars
        .iter()
        .map(|&c| if c.is_ascii() { None } else { cp1252_byte(c) })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut repairs: Vec<Repair> = Vec::new();
    // the end (in chars) of the last replacement, to merge adjacent ones
    let mut last_end = usize::MAX;
    let mut i = 0;
    while i < chars.len() {
        let decoded = bytes[i].and_then(sequence_len).and_then(|n| {
            let seq: Option<Vec<u8>> = bytes.get(i..i + n)?.iter().copied().collect();
            let seq = seq?;
            std::str::from_utf8(&seq).ok().map(|s| (n, s.to_string()))
        });
        match decoded {
            Some((n, s)) => {
                let from: String = chars[i..i + n].iter().collect();
                out.push_str(&s);
                match repairs.last_mut() {
                    Some(last) if last_end == i => {
                        last.from.push_str(&from);
                        last.to.push_str(&s);
                    }
                    _ => repairs.push(Repair { from, to: s }),
                }
                i += n;
                last_end = i;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    if repairs.is_empty() {
        return None;
    }
    let mut unique: Vec<Repair> = Vec::with_capacity(repairs.len());
    for r in repairs {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    Some((out, unique))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_emoji_dashes_and_full_width_punctuation() {
        let (fixed, r) = repair("## ðŸ”¥ Base Model").unwrap();
        assert_eq!(fixed, "## 🔥 Base Model");
        assert_eq!(
            r,
            vec![Repair {
                from: "ðŸ”¥".into(),
                to: "🔥".into()
            }]
        );
        let (fixed, _) = repair("ChatGLMï¼Œwith Mistral 7B â€“ Instruct").unwrap();
        assert_eq!(fixed, "ChatGLM，with Mistral 7B – Instruct");
        let (fixed, r) = repair("shortly.â€¯â€¯ ").unwrap();
        assert_eq!(fixed, "shortly.\u{202f}\u{202f} ");
        assert_eq!(r.len(), 1, "adjacent sequences are reported as one: {r:?}");
    }

    #[test]
    fn correct_utf8_is_left_alone() {
        assert_eq!(repair("plain ASCII"), None);
        assert_eq!(repair("café résumé naïve"), None);
        assert_eq!(repair("基础模型 🔥 – “quoted”"), None);
        assert_eq!(repair("Ångström Ø"), None);
    }
}
