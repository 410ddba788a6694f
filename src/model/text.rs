//! `Text`: an immutable string in one pointer (its length stored before its bytes), for the id
//! and label of every node, where a `String`'s 24 bytes a field add up over millions of nodes.

use serde::{Deserialize, Serialize};
use std::alloc::Layout;
use std::fmt;
use std::ptr::NonNull;

/// An immutable string of one pointer: 8 bytes in a node (a `String` takes 24), one block of its
/// length (4 bytes) and bytes. It derefs to `str`, compares, orders and hashes as its text, and
/// reads and writes as a plain string. Texts of 4 GiB and more are refused.
pub struct Text(NonNull<u8>);

// SAFETY: a `Text` owns its block and never changes it: sharing or sending it is sharing or
// sending an immutable `Box<str>`
unsafe impl Send for Text {}
// SAFETY: as above
unsafe impl Sync for Text {}

/// The block of every empty text: a length of 0, never freed.
static EMPTY: u32 = 0;

/// The length of the header before a text's bytes.
const HEAD: usize = std::mem::size_of::<u32>();

impl Text {
    /// The block layout of a text of `len` bytes.
    fn layout(len: usize) -> Layout {
        Layout::from_size_align(HEAD + len, std::mem::align_of::<u32>())
            .expect("a text's block fits in memory")
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        // SAFETY: the block starts with the length (aligned for a u32) and holds that many
        // bytes of UTF-8 after it, written once by `From<&str>` and never changed
        unsafe {
            let len = self.0.cast::<u32>().read() as usize;
            let bytes = std::slice::from_raw_parts(self.0.as_ptr().add(HEAD), len);
            std::str::from_utf8_unchecked(bytes)
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        if s.is_empty() {
            return Text::default();
        }
        let len = u32::try_from(s.len()).expect("a text is shorter than 4 GiB");
        let layout = Text::layout(s.len());
        // SAFETY: the layout is not empty; the block is written in full before it is read
        unsafe {
            let p = std::alloc::alloc(layout);
            let Some(p) = NonNull::new(p) else {
                std::alloc::handle_alloc_error(layout)
            };
            p.cast::<u32>().write(len);
            std::ptr::copy_nonoverlapping(s.as_ptr(), p.as_ptr().add(HEAD), s.len());
            Text(p)
        }
    }
}

impl Drop for Text {
    fn drop(&mut self) {
        let len = self.len();
        if len > 0 {
            // SAFETY: a text that is not empty owns its block, allocated with this layout
            unsafe { std::alloc::dealloc(self.0.as_ptr(), Text::layout(len)) }
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(NonNull::from(&EMPTY).cast())
    }
}

impl Clone for Text {
    fn clone(&self) -> Text {
        Text::from(self.as_str())
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl From<&Text> for String {
    fn from(t: &Text) -> String {
        t.as_str().to_string()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

/// Comparisons with the other string types, both ways round.
macro_rules! compare_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Text {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Text> for $t {
            fn eq(&self, other: &Text) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
compare_with!(str, &str, String);

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Text::from(&*s))
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn a_text_is_one_pointer_and_its_string() {
        assert_eq!(std::mem::size_of::<Text>(), 8);
        let t = Text::from("meta-llama/Llama-2-7b");
        assert_eq!(t, "meta-llama/Llama-2-7b");
        assert_eq!(t.len(), 21);
        let copy = t.clone();
        assert_eq!(copy, t);
        drop(t);
        assert_eq!(
            copy.as_str(),
            "meta-llama/Llama-2-7b",
            "a copy owns its block"
        );
        let empty = Text::default();
        assert!(empty.is_empty() && empty.as_str().is_empty());
        let (a, b) = (Text::from("a"), Text::from("b"));
        assert!(
            a < b && a == "a" && "b" == b,
            "ordered and compared as text"
        );
        assert_eq!(
            serde_json::to_string(&copy).unwrap(),
            "\"meta-llama/Llama-2-7b\""
        );
        let back: Text = serde_json::from_str("\"é\\n\"").unwrap();
        assert_eq!(
            (back.as_str(), String::from(back.clone())),
            ("é\n", "é\n".to_string())
        );
    }
}
