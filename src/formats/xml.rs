//! The one XML writing helper every XML export (GraphML, GEXF) goes through: a buffered quick-xml
//! writer with the declaration, elements with attributes and text, and the sanitising of characters
//! XML 1.0 forbids (C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF), which are replaced
//! with U+FFFD and counted. quick-xml escapes `& < > " '` (and newlines in attribute values).

use quick_xml::escape::escape;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesStart};
use quick_xml::name::QName;
use std::borrow::Cow;
use std::io::{self, Write};

/// The replacement for a character XML 1.0 cannot carry.
pub(super) const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 forbids `c` in a document (its `Char` production, restricted to Rust chars).
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `bytes` may hold a forbidden character: an ASCII control other than tab, LF and CR,
/// or 0xEF, which starts U+FFFE and U+FFFF.
fn suspect(bytes: &[u8]) -> bool {
    any_in(bytes, &SUSPECT)
}

/// `s` with every forbidden character replaced by U+FFFD, and how many were replaced.
/// Borrows when nothing needs replacing (the common case).
pub(super) fn sanitize(s: &str) -> (Cow<'_, str>, u64) {
    // bytes first: a forbidden char is an ASCII control or starts with 0xEF (U+FFFE, U+FFFF)
    let suspect = suspect(s.as_bytes());
    if !suspect || !s.chars().any(forbidden) {
        return (Cow::Borrowed(s), 0);
    }
    let mut n = 0;
    let out = s
        .chars()
        .map(|c| {
            if forbidden(c) {
                n += 1;
                REPLACEMENT
            } else {
                c
            }
        })
        .collect();
    (Cow::Owned(out), n)
}

/// A start tag built once and written many times (`<data key="n_label">`), so writing a million
/// elements builds no tag: its bytes, framed and escaped by quick-xml once.
pub(super) struct Prepared {
    start: Vec<u8>,
    end: Vec<u8>,
}

/// A streaming XML writer: one element per line, UTF-8 without BOM, every attribute value and
/// text sanitised. quick-xml builds every tag and escapes every value (`BytesStart`, `escape`);
/// this writer frames them (`<`, `>`, `/>`, `</name>`) into a buffer of its own, which is what
/// makes a million elements cheap. Lines are not indented: indentation was a tenth of a large
/// export's bytes, and readers, `xmllint --format` and line-based diffs do not need it.
pub(super) struct XmlWriter<W: Write> {
    out: W,
    /// Bytes not yet handed to `out`.
    buf: Vec<u8>,
    /// How full `buf` gets before it is handed on: [`BUFFER`], or never for a chunk formatted
    /// in memory, whose buffer is the result.
    limit: usize,
    /// Whether anything was written yet: the first tag gets no line break before it.
    started: bool,
    replaced: u64,
    /// The start tag every element is built in, cleared and refilled, so writing a million
    /// elements does not allocate a million tags.
    scratch: BytesStart<'static>,
}

/// How much the writer gathers before handing it on.
const BUFFER: usize = 1 << 16;

/// Whether text may need quick-xml's escaping (`< > & ' "`, CR) or sanitising (C0 controls other
/// than tab and LF, and 0xEF, which starts U+FFFE and U+FFFF): one pass over the bytes, so the
/// common plain value is copied as it is.
fn needs_care(bytes: &[u8]) -> bool {
    any_in(bytes, &TEXT_CARE)
}

/// [`needs_care`] for an attribute value, where quick-xml also escapes tab and LF (an attribute
/// value's white space is normalised by readers, a character reference's is not).
fn attribute_needs_care(bytes: &[u8]) -> bool {
    any_in(bytes, &ATTRIBUTE_CARE)
}

/// The bytes [`suspect`] looks for, as a table.
static SUSPECT: [bool; 256] = table(b"\t\n\r", b"");
/// The bytes [`needs_care`] looks for, as a table.
static TEXT_CARE: [bool; 256] = table(b"\t\n", b"<>&'\"");
/// The bytes [`attribute_needs_care`] looks for, as a table.
static ATTRIBUTE_CARE: [bool; 256] = table(b"", b"<>&'\"");

/// A byte table marking the ASCII controls but those in `spared`, 0xEF, and `also`.
const fn table(spared: &[u8], also: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    let mut i = 0;
    while i < spared.len() {
        t[spared[i] as usize] = false;
        i += 1;
    }
    let mut i = 0;
    while i < also.len() {
        t[also[i] as usize] = true;
        i += 1;
    }
    t[0xEF] = true;
    t
}

/// Whether any byte is marked in `table`: one load a byte, 16 bytes at a time without early exits
/// inside a block.
#[inline]
fn any_in(bytes: &[u8], table: &[bool; 256]) -> bool {
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |acc, &b| acc | table[b as usize]) {
            return true;
        }
    }
    blocks
        .remainder()
        .iter()
        .fold(false, |acc, &b| acc | table[b as usize])
}

impl<W: Write> XmlWriter<W> {
    pub(super) fn new(out: W) -> Self {
        XmlWriter {
            out,
            buf: Vec::with_capacity(BUFFER),
            limit: BUFFER,
            started: false,
            replaced: 0,
            scratch: BytesStart::new(""),
        }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Hands the buffer on once it is full.
    #[inline]
    fn spill(&mut self) -> io::Result<()> {
        if self.buf.len() >= self.limit {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`.
    pub(super) fn declaration(&mut self) -> io::Result<()> {
        let decl = BytesDecl::new("1.0", Some("UTF-8"), None);
        self.line();
        self.put(b"<?");
        self.put(decl.as_bytes());
        self.put(b"?>");
        self.spill()
    }

    /// A line break (nothing before the first tag).
    #[inline]
    fn line(&mut self) {
        if self.started {
            self.buf.push(b'\n');
        }
        self.started = true;
    }

    /// Builds `name k="v" ...` in the scratch tag, values sanitised and escaped by quick-xml.
    fn fill(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.scratch.clear_attributes();
        self.scratch.set_name(name);
        for &(k, v) in attrs {
            if attribute_needs_care(v.as_bytes()) {
                let (v, n) = sanitize(v);
                self.replaced += n;
                self.scratch.push_attribute((k, v.as_ref()));
            } else {
                // nothing to escape (checked above): quick-xml's escaping would copy it unchanged
                self.scratch.push_attribute(Attribute {
                    key: QName(k),
                    value: Cow::Borrowed(v),
                });
            }
        }
    }

    /// `<name k="v" ...`: values that need escaping go through quick-xml's tag builder; when none
    /// does, the tag is framed here, as quick-xml would frame it, without building it first (the
    /// common case: a node's or an edge's ids).
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.line();
        self.buf.push(b'<');
        if attrs
            .iter()
            .any(|(_, v)| attribute_needs_care(v.as_bytes()))
        {
            self.fill(name, attrs);
            self.buf.extend_from_slice(self.scratch.as_bytes());
        } else {
            self.put(name.as_bytes());
            for &(k, v) in attrs {
                self.buf.push(b' ');
                self.put(k.as_bytes());
                self.put(b"=\"");
                self.put(v.as_bytes());
                self.buf.push(b'"');
            }
        }
    }

    /// `<name k="v" ...>`.
    pub(super) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open(name, attrs);
        self.buf.push(b'>');
        self.spill()
    }

    /// `<name k="v" .../>`.
    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open(name, attrs);
        self.put(b"/>");
        self.spill()
    }

    /// `</name>`.
    pub(super) fn end(&mut self, name: &str) -> io::Result<()> {
        self.line();
        self.put(b"</");
        self.put(name.as_bytes());
        self.buf.push(b'>');
        self.spill()
    }

    /// The text, sanitised and escaped by quick-xml where it holds anything to escape.
    #[inline]
    fn text(&mut self, text: &str) {
        if !needs_care(text.as_bytes()) {
            self.put(text.as_bytes());
            return;
        }
        let (text, n) = sanitize(text);
        self.replaced += n;
        self.buf.extend_from_slice(escape(text.as_ref()).as_bytes());
    }

    /// `<name k="v" ...>text</name>`; the text keeps its newlines and tabs.
    pub(super) fn text_element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        let tag = self.prepare(name, attrs);
        self.text_prepared(&tag, text)
    }

    /// Builds a start tag once, for [`XmlWriter::text_prepared`].
    pub(super) fn prepare(&mut self, name: &str, attrs: &[(&str, &str)]) -> Prepared {
        self.fill(name, attrs);
        let mut start = Vec::with_capacity(self.scratch.len() + 2);
        start.push(b'<');
        start.extend_from_slice(self.scratch.as_bytes());
        start.push(b'>');
        let mut end = Vec::with_capacity(name.len() + 3);
        end.extend_from_slice(b"</");
        end.extend_from_slice(name.as_bytes());
        end.push(b'>');
        Prepared { start, end }
    }

    /// `<prepared tag>text</name>`, the text sanitised and escaped.
    #[inline]
    pub(super) fn text_prepared(&mut self, tag: &Prepared, text: &str) -> io::Result<()> {
        self.line();
        self.buf.extend_from_slice(&tag.start);
        self.text(text);
        self.buf.extend_from_slice(&tag.end);
        self.spill()
    }

    /// Writes `items` as the children of the elements now open, formatted in chunks on worker
    /// threads and written here in order: the same bytes as writing them one by one, on every
    /// core. `f` writes one item into a chunk's writer; `warm(item, stage)` is called for the
    /// items a little ahead (see [`crate::graph::AHEAD`]), to start fetching what `f` will read.
    pub(super) fn write_chunked<T, P, F>(&mut self, items: &[T], warm: P, f: F) -> io::Result<()>
    where
        T: Sync,
        P: Fn(&T, usize) + Sync,
        F: Fn(&mut XmlWriter<Vec<u8>>, usize, &T) -> io::Result<()> + Sync,
    {
        self.flush_buffer()?;
        let format = |buf: &mut Vec<u8>, first: usize, chunk: &[T], ahead: &dyn Fn(usize)| {
            // a chunk continues the document: its first element starts a line; it is formatted
            // straight into its buffer
            let mut w = XmlWriter::new(Vec::new());
            w.buf = std::mem::take(buf);
            w.limit = usize::MAX;
            w.started = true;
            for (i, item) in chunk.iter().enumerate() {
                ahead(i);
                f(&mut w, first + i, item)?;
            }
            *buf = w.take_bytes()?;
            Ok(w.replaced)
        };
        self.replaced += crate::formats::chunks::write(&mut self.out, items, warm, format)?;
        Ok(())
    }

    /// Ends the document with a newline, flushes, and returns how many characters were replaced.
    pub(super) fn finish(mut self) -> io::Result<u64> {
        self.buf.push(b'\n');
        self.flush_buffer()?;
        self.out.flush()?;
        Ok(self.replaced)
    }

    fn flush_buffer(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

impl XmlWriter<Vec<u8>> {
    /// What has been written so far, taken out of the writer.
    fn take_bytes(&mut self) -> io::Result<Vec<u8>> {
        if self.out.is_empty() {
            return Ok(std::mem::take(&mut self.buf));
        }
        self.flush_buffer()?;
        Ok(std::mem::take(&mut self.out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced_and_counted() {
        let (s, n) = sanitize("a\u{1}b\u{1b}c\td\ne\rf\u{FFFF}");
        assert_eq!(s, "a\u{FFFD}b\u{FFFD}c\td\ne\rf\u{FFFD}");
        assert_eq!(n, 3);
        let (s, n) = sanitize("通义千问 🦙 مرحبا <&>\"");
        assert!(matches!(s, Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }

    #[test]
    fn attribute_values_are_escaped_only_where_needed() {
        let mut w = XmlWriter::new(Vec::new());
        w.empty("plain", &[("id", "org/llama-2 通义")]).unwrap();
        w.empty("white", &[("id", "a\tb\nc\rd")]).unwrap();
        w.empty("marks", &[("id", "<&>\"'")]).unwrap();
        w.empty("bad", &[("id", "x\u{1}y")]).unwrap();
        w.start("both", &[("id", "a b"), ("to", "c&d")]).unwrap();
        w.start("plain", &[("id", "a b"), ("to", "c")]).unwrap();
        let text = String::from_utf8(w.take_bytes().unwrap()).unwrap();
        assert_eq!(
            text,
            "<plain id=\"org/llama-2 通义\"/>\n<white id=\"a&#9;b&#10;c&#13;d\"/>\n\
             <marks id=\"&lt;&amp;&gt;&quot;&apos;\"/>\n<bad id=\"x\u{FFFD}y\"/>\n\
             <both id=\"a b\" to=\"c&amp;d\">\n<plain id=\"a b\" to=\"c\">"
        );
        assert_eq!(w.replaced, 1);
    }

    #[test]
    fn chunked_writing_gives_the_same_bytes_as_writing_in_order() {
        let items: Vec<usize> = (0..10_000).collect();
        let item = |w: &mut XmlWriter<Vec<u8>>, i: usize, v: &usize| -> io::Result<()> {
            w.start("node", &[("id", &format!("n{v}"))])?;
            w.text_element("data", &[("key", "k")], &format!("{i} <&> \u{1}"))?;
            w.end("node")
        };
        let document = |chunked: bool| -> (Vec<u8>, u64) {
            let mut w = XmlWriter::new(Vec::new());
            w.declaration().unwrap();
            w.start("root", &[]).unwrap();
            w.start("graph", &[]).unwrap();
            if chunked {
                w.write_chunked(&items, |_, _| {}, item).unwrap();
            } else {
                for (i, v) in items.iter().enumerate() {
                    item(&mut w, i, v).unwrap();
                }
            }
            w.end("graph").unwrap();
            w.end("root").unwrap();
            let mut out = Vec::new();
            let replaced = {
                let mut w = w;
                let bytes = w.take_bytes().unwrap();
                out.extend(bytes);
                w.replaced
            };
            (out, replaced)
        };
        let (a, na) = document(false);
        let (b, nb) = document(true);
        assert_eq!(na, 10_000);
        assert_eq!(nb, na, "replacements are counted in every chunk");
        assert!(a == b, "chunked output differs from sequential output");
    }

    #[test]
    fn writer_escapes_and_sanitises_attributes_and_text() {
        let mut buf = Vec::new();
        let mut w = XmlWriter::new(&mut buf);
        w.declaration().unwrap();
        w.start("root", &[("a", "x\"<&>\u{1}\ny")]).unwrap();
        w.text_element("t", &[], "line1\nline2 <&> \u{1b}").unwrap();
        w.end("root").unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(
            s,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <root a=\"x&quot;&lt;&amp;&gt;\u{FFFD}&#10;y\">\n\
             <t>line1\nline2 &lt;&amp;&gt; \u{FFFD}</t>\n</root>\n"
        );
    }
}
