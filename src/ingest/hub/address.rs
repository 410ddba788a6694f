//! What a Hugging Face address names: a model, a namespace (an organization, a user, or a model
//! without one), a collection, or one of the site's own pages. The one reading of
//! `huggingface.co/...` links, for the list reader and the Hub reader alike.

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
}
