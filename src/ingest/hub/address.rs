//! What a Hugging Face address names: a model, a namespace (an organization, a user, or a model
//! without one), a collection, or one of the site's own pages. The one reading of
//! `huggingface.co/...` links, for the list reader and the Hub reader alike; and the cleaning of
//! a Hub id a dump writes with dirt around it ([`clean_hub_id`]).

/// Parts of a Hugging Face address that are not a model or an organization.
const SITE_PAGES: &[&str] = &[
    "spaces",
    "datasets",
    "blog",
    "docs",
    "papers",
    "learn",
    "collections",
    "models",
];

/// Whether the first part of a Hugging Face address's path names a page of the site
/// (`spaces`, `datasets`, `blog`, ...) rather than a model or an organization.
pub(crate) fn is_site_page(first: &str) -> bool {
    SITE_PAGES.contains(&first)
}

/// What a Hugging Face address names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HubAddress<'a> {
    /// `huggingface.co/NS/NAME`.
    Model { namespace: &'a str, name: &'a str },
    /// `huggingface.co/NAME`: an organization or a user, or a model without a namespace
    /// (`huggingface.co/t5-11b`).
    One(&'a str),
    /// `huggingface.co/collections/OWNER/NAME`.
    Collection {
        owner: &'a str,
        name: Option<&'a str>,
    },
    /// A page of the site (`huggingface.co/spaces/...`, `huggingface.co/blog/...`).
    Page,
}

impl HubAddress<'_> {
    /// What `url` names, `None` for an address that is not Hugging Face's or names nothing
    /// (`huggingface.co/`, `huggingface.co/collections`). The query and fragment are not part
    /// of a name.
    pub(crate) fn parse(url: &str) -> Option<HubAddress<'_>> {
        let rest = url.split("huggingface.co/").nth(1)?;
        let path = rest.split(['?', '#']).next().unwrap_or("");
        let mut segs = path.split('/').filter(|s| !s.is_empty());
        let first = segs.next()?;
        let second = segs.next();
        if first == "collections" {
            let owner = second?;
            if is_site_page(owner) {
                return Some(HubAddress::Page);
            }
            return Some(HubAddress::Collection {
                owner,
                name: segs.next(),
            });
        }
        if is_site_page(first) {
            return Some(HubAddress::Page);
        }
        Some(match second {
            Some(name) => HubAddress::Model {
                namespace: first,
                name,
            },
            None => HubAddress::One(first),
        })
    }
}

/// The Hub id (`NS/NAME`, as written) of a `huggingface.co/NS/NAME` address: the one reading
/// of a Hub model id from a URL.
pub(crate) fn model_id(url: &str) -> Option<String> {
    match HubAddress::parse(url)? {
        HubAddress::Model { namespace, name } => Some(format!("{namespace}/{name}")),
        _ => None,
    }
}

/// A Hub id as a dump wrote it, cleaned ([`clean_hub_id`]): the id, a part of the text, and
/// what was taken away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CleanId<'a> {
    pub(crate) id: &'a str,
    /// Stray characters were removed around the id: HTML (`<br>`, `</a>`), quotes, brackets,
    /// `~`, trailing dots and other symbols a Hub id cannot hold.
    pub(crate) stray: bool,
    /// The text named a path inside a repository (`org/repo/blob/main/x.pth`, `/tree/main`,
    /// `/resolve/...`) or its address on huggingface.co: the id is the repository's.
    pub(crate) path: bool,
}

/// Whether `c` may be part of a Hub id (`namespace/name`: ASCII letters, digits, `.`, `_`, `-`).
fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/')
}

/// Whether the text after an id is dirt: once its HTML tags are taken out (`<br>`, `</a>`, an
/// unclosed `<br`), nothing a name is made of is left (an ASCII letter or digit; any letter
/// after a name without a namespace, which need not be a Hub id). `">`, `Ω`, `~`, `)` are
/// dirt; ` 7B` or ` (old model)` are words, and the text is left as it is.
fn is_dirt(tail: &str, hub_id: bool) -> bool {
    let mut in_tag = false;
    tail.chars().all(|c| {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag => {}
            _ if c.is_ascii_alphanumeric() || (!hub_id && c.is_alphanumeric()) => return false,
            _ => {}
        }
        true
    })
}

/// The `namespace/name` a longer path starts with (`org/repo/blob/main/x.pth` → `org/repo`).
fn repository(id: &str) -> Option<&str> {
    let mut parts = id.splitn(3, '/');
    let (ns, name) = (parts.next()?, parts.next()?);
    parts.next()?;
    (!ns.is_empty() && !name.is_empty()).then(|| &id[..ns.len() + 1 + name.len()])
}

/// Whether an id needs no cleaning, in one pass over its bytes (nearly every id of a dump): it
/// starts and ends with a letter or digit, holds only id characters, and at most one `/`.
fn is_clean(raw: &str) -> bool {
    let b = raw.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    let mut slashes = 0;
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && b.iter().all(|&c| {
            slashes += usize::from(c == b'/');
            id_char(c as char)
        })
        && slashes <= 1
}

/// A Hub id read from a dump (trimmed, without a trailing `/`), cleaned of the dirt dumps keep
/// in ids: an address on huggingface.co is the id it names; characters that cannot start an id
/// are dropped before it; dirt after it ([`is_dirt`]: `BAAI/bge-base-en-v1.5<br>`,
/// `lmsys/vicuna-13b-v1.5">`, `meta-llama/Llama-2-70b-hfΩ`) is cut off; a path inside a
/// repository is the repository; and trailing `.`, `-`, `_`, `/` are dropped (dots inside an id
/// are real: `bge-base-en-v1.5`). An id that cleaning would leave without its name (`user/模型`)
/// is left as it is.
pub(crate) fn clean_hub_id(raw: &str) -> CleanId<'_> {
    let unchanged = CleanId {
        id: raw,
        stray: false,
        path: false,
    };
    if is_clean(raw) {
        return unchanged;
    }
    let mut c = unchanged;
    if raw.contains("huggingface.co/")
        && let Some(HubAddress::Model { namespace, name }) = HubAddress::parse(raw)
    {
        // both are parts of `raw`, one after the other
        let start = namespace.as_ptr() as usize - raw.as_ptr() as usize;
        let end = name.as_ptr() as usize - raw.as_ptr() as usize + name.len();
        c.id = &raw[start..end];
        c.path = true;
    }
    let id = c.id.trim_start_matches(|ch: char| !ch.is_alphanumeric());
    c.stray |= id.len() < c.id.len();
    let head = id.find(|ch: char| !id_char(ch)).unwrap_or(id.len());
    let id = if head < id.len() && is_dirt(&id[head..], id[..head].contains('/')) {
        c.stray = true;
        &id[..head]
    } else {
        id
    };
    let id = match repository(id) {
        Some(repo) => {
            c.path = true;
            repo
        }
        None => id,
    };
    let trimmed = id.trim_end_matches(['.', '-', '_', '/']);
    c.stray |= trimmed.len() < id.len();
    c.id = trimmed;
    if c.id.is_empty() || (raw.contains('/') && !c.id.contains('/')) {
        return unchanged;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_models_namespaces_collections_and_pages() {
        let p = HubAddress::parse;
        assert_eq!(
            p("https://huggingface.co/tiiuae/falcon-40b/tree/main"),
            Some(HubAddress::Model {
                namespace: "tiiuae",
                name: "falcon-40b"
            })
        );
        assert_eq!(
            p("https://huggingface.co/meta-llama?x=1"),
            Some(HubAddress::One("meta-llama"))
        );
        assert_eq!(
            p("https://huggingface.co/collections/deepseek-ai/x-65f2"),
            Some(HubAddress::Collection {
                owner: "deepseek-ai",
                name: Some("x-65f2")
            })
        );
        assert_eq!(
            p("https://huggingface.co/spaces/a/b"),
            Some(HubAddress::Page)
        );
        assert_eq!(p("https://huggingface.co/collections/"), None);
        assert_eq!(p("https://huggingface.co/"), None);
        assert_eq!(p("https://github.com/a/b"), None);
    }

    #[test]
    fn dirt_around_hub_ids_is_cleaned_and_paths_are_their_repository() {
        let clean = |raw| {
            let c = clean_hub_id(raw);
            (c.id, c.stray, c.path)
        };
        for (raw, id) in [
            ("BAAI/bge-base-en-v1.5<br>", "BAAI/bge-base-en-v1.5"),
            ("lmsys/vicuna-13b-v1.5\">", "lmsys/vicuna-13b-v1.5"),
            ("meta-llama/Llama-2-70b-hfΩ", "meta-llama/Llama-2-70b-hf"),
            ("a/b</a>", "a/b"),
            ("a/b <br/>", "a/b"),
            ("a/b<br", "a/b"),
            ("a/b~", "a/b"),
            ("a/b.", "a/b"),
            ("a/b-v1.5...", "a/b-v1.5"),
            ("(a/b)", "a/b"),
            ("\"a/b\"", "a/b"),
            ("[a/b]", "a/b"),
            ("gpt2\">", "gpt2"),
        ] {
            assert_eq!(clean(raw), (id, true, false), "{raw}");
        }
        for (raw, id, stray) in [
            ("org/repo/blob/main/x.pth", "org/repo", false),
            ("org/repo/tree/main", "org/repo", false),
            ("org/repo/resolve/main/model.safetensors", "org/repo", false),
            (
                "https://huggingface.co/org/repo/tree/main",
                "org/repo",
                false,
            ),
            ("org/repo/blob/main/x.pth\">", "org/repo", true),
        ] {
            assert_eq!(clean(raw), (id, stray, true), "{raw}");
        }
        // clean ids, words after a name, and ids that would lose their name stay as they are
        for raw in [
            "BAAI/bge-base-en-v1.5",
            "t5-11b",
            "a/b_c.d-e",
            "Llama 2 7B",
            "org/model (old)",
            "user/模型",
            "通义千问",
            "GPT-3.5 (text-davinci-003)",
        ] {
            assert_eq!(clean(raw), (raw, false, false), "{raw}");
        }
    }
}
