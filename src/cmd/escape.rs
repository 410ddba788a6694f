//! Nothing raw reaches a terminal: control characters that names, descriptions and evidence may
//! hold (`\e]0;title\a`, `\e[2J`, OSC 52 clipboard writes) are written as `\u001b`-style escapes in
//! every command's output but the exports', which keep the exact text in each format's own
//! escaping. The escape is JSON's own, so a JSON answer stays valid and means the same text.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether a character is one to escape: C0 controls but newline and tab, DEL, C1 controls.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// `s` with its control characters escaped (see the module doc); borrowed when it has none.
pub(crate) fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes control characters in what passes through it. A C1 control is two
/// bytes in UTF-8 (`C2 80` to `C2 9F`), which may arrive in two writes: a trailing `C2` waits.
pub(crate) struct Escaping<W: Write> {
    inner: W,
    pending_c2: bool,
}

impl<W: Write> Escaping<W> {
    pub(crate) fn new(inner: W) -> Escaping<W> {
        Escaping {
            inner,
            pending_c2: false,
        }
    }

    fn escape(&mut self, code: u8) -> io::Result<()> {
        write!(self.inner, "\\u{:04x}", code)
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut start = 0;
        let mut i = 0;
        if self.pending_c2 && !buf.is_empty() {
            self.pending_c2 = false;
            if (0x80..=0x9f).contains(&buf[0]) {
                self.escape(buf[0])?;
                start = 1;
                i = 1;
            } else {
                self.inner.write_all(&[0xC2])?;
            }
        }
        while i < buf.len() {
            let b = buf[i];
            let c0 = (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f;
            let c1 = b == 0xC2 && buf.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
            if c0 || c1 {
                self.inner.write_all(&buf[start..i])?;
                if c0 {
                    self.escape(b)?;
                    i += 1;
                } else {
                    self.escape(buf[i + 1])?;
                    i += 2;
                }
                start = i;
            } else if b == 0xC2 && i + 1 == buf.len() {
                self.inner.write_all(&buf[start..i])?;
                self.pending_c2 = true;
                return Ok(buf.len());
            } else {
                i += 1;
            }
        }
        self.inner.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(parts: &[&[u8]]) -> String {
        let mut w = Escaping::new(Vec::new());
        for p in parts {
            w.write_all(p).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn controls_are_escaped_and_text_is_kept() {
        let evil = "a\u{1b}]0;title\u{7}b\u{1b}[2J\u{9b}c\n\td 通义千问 é";
        assert_eq!(
            through(&[evil.as_bytes()]),
            "a\\u001b]0;title\\u0007b\\u001b[2J\\u009bc\n\td 通义千问 é"
        );
        assert_eq!(text(evil), through(&[evil.as_bytes()]));
        assert!(matches!(text("plain 通义"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_c1_control_split_over_two_writes_is_escaped() {
        assert_eq!(through(&[b"x\xc2", b"\x9by"]), "x\\u009by");
        assert_eq!(through(&[b"x\xc2", b"\xa9y"]), "x\u{a9}y");
    }

    #[test]
    fn escaped_json_is_still_json_of_the_same_text() {
        let v = serde_json::json!({"label": "x\u{9b}y"});
        let out = through(&[serde_json::to_string(&v).unwrap().as_bytes()]);
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }
}
