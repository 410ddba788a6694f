//! Links: what kind of thing an address points at ([`LinkKind`]), decided in one place for
//! every reader, and the pieces of an address the readers need (host, path, domain).

use crate::ingest::hub::address::HubAddress;
use crate::model::LinkKind;

/// Words a list writes as a link's text that say its kind (`[paper](...)`, `[weights](...)`).
const KIND_WORDS: &[(&str, LinkKind)] = &[
    ("paper", LinkKind::Paper),
    ("code", LinkKind::Code),
    ("model", LinkKind::Model),
    ("models", LinkKind::Model),
    ("checkpoint", LinkKind::Model),
    ("checkpoints", LinkKind::Model),
    ("weights", LinkKind::Model),
];

/// The kind of a link by where it points: a paper on arXiv, code on GitHub, a model on a
/// Hugging Face model or organization page (not a dataset, a space, a paper, a collection,
/// ...); anything else is [`LinkKind::Other`].
pub(crate) fn kind_of(url: &str) -> LinkKind {
    let (host, _) = host_and_path(url);
    if on_domain(host, "arxiv.org") {
        LinkKind::Paper
    } else if on_domain(host, "github.com") {
        LinkKind::Code
    } else if on_domain(host, "huggingface.co")
        && matches!(
            HubAddress::parse(url),
            Some(HubAddress::Model { .. } | HubAddress::One(_))
        )
    {
        LinkKind::Model
    } else {
        LinkKind::Other
    }
}

/// The kind a link's text names (`paper`, `Code`, `weights`), `None` for any other text.
pub(crate) fn kind_named(text: &str) -> Option<LinkKind> {
    let text = text.trim();
    KIND_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(text))
        .map(|&(_, k)| k)
}

/// The kind of a link whose text may name it: the text's kind, else the address's.
pub(crate) fn kind_of_labelled(text: &str, url: &str) -> LinkKind {
    kind_named(text).unwrap_or_else(|| kind_of(url))
}

/// Whether a text is an http(s) URL.
pub(crate) fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// The host of a URL and its path segments.
pub(crate) fn host_and_path(url: &str) -> (&str, std::str::Split<'_, char>) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    (host, path.split('/'))
}

/// The owner of a GitHub repository address (`github.com/deepseek-ai/DeepSeek-V3`).
pub(crate) fn github_owner(url: &str) -> Option<String> {
    let rest = url.split("github.com/").nth(1)?;
    let owner = rest.split(['/', '?', '#']).next()?;
    (!owner.is_empty()).then(|| owner.to_string())
}

/// What an address names, as a key two spellings of it share, where it names one work: a
/// GitHub repository (`github.com/kingoflolz/mesh-transformer-jax/#gpt-j-6b` and
/// `…/mesh-transformer-jax/` are `github.com/kingoflolz/mesh-transformer-jax`), a Hugging Face
/// model, an arXiv paper (`abs/2304.08485v2` and `pdf/2304.08485.pdf` are `arxiv.org/2304.08485`),
/// or another page at least two segments deep (a post, not a site's home or section page), in
/// lower case without scheme, `www.`, query, fragment or trailing slash.
pub(crate) fn address_key(url: &str) -> Option<String> {
    let url = url.trim().split(['#', '?']).next().unwrap_or("");
    let (host, path) = host_and_path(url);
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let segments: Vec<&str> = path.filter(|s| !s.is_empty()).collect();
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    if on_domain(host, "arxiv.org") {
        let id = segments.get(1)?.trim_end_matches(".pdf");
        // without its version: `2304.08485v2` is `2304.08485`
        let id = (id.rsplit_once('v'))
            .filter(|(_, v)| v.parse::<u32>().is_ok())
            .map_or(id, |(i, _)| i);
        return Some(format!("arxiv.org/{id}"));
    }
    if on_domain(host, "github.com") || on_domain(host, "huggingface.co") {
        let (owner, name) = (segments.first()?, segments.get(1)?);
        return Some(format!("{host}/{owner}/{name}").to_lowercase());
    }
    (segments.len() >= 2).then(|| format!("{host}/{}", segments.join("/")).to_lowercase())
}

/// Whether `host` is `domain` or one of its subdomains.
pub(crate) fn on_domain(host: &str, domain: &str) -> bool {
    host.eq_ignore_ascii_case(domain)
        || host.len() > domain.len() && host.to_ascii_lowercase().ends_with(&format!(".{domain}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn spellings_of_one_address_share_a_key() {
        use super::address_key as key;
        let repo = key("https://github.com/kingoflolz/mesh-transformer-jax/#gpt-j-6b");
        assert_eq!(
            repo.as_deref(),
            Some("github.com/kingoflolz/mesh-transformer-jax")
        );
        assert_eq!(
            repo,
            key("https://github.com/kingoflolz/mesh-transformer-jax/")
        );
        let card = key("https://github.com/mlfoundations/open_flamingo/blob/main/MODEL_CARD.md");
        assert_eq!(card, key("https://github.com/mlfoundations/open_flamingo"));
        let paper = key("https://arxiv.org/abs/2304.08485v2");
        assert_eq!(paper.as_deref(), Some("arxiv.org/2304.08485"));
        assert_eq!(paper, key("http://arxiv.org/pdf/2304.08485.pdf"));
        let post = key("https://arankomatsuzaki.wordpress.com/2021/06/04/gpt-j/");
        assert_eq!(
            post,
            key("https://ARANKOMATSUZAKI.wordpress.com/2021/06/04/gpt-j")
        );
        assert_eq!(
            key("https://www.adobe.com/products/"),
            None,
            "a site's section page"
        );
        assert_eq!(
            key("https://github.com/kingoflolz"),
            None,
            "an account, not a repository"
        );
        assert_eq!(key("not a link"), None);
    }

    use super::*;

    #[test]
    fn kinds_by_where_links_point() {
        assert_eq!(kind_of("https://arxiv.org/abs/2307.09288"), LinkKind::Paper);
        assert_eq!(kind_of("http://export.arxiv.org/abs/1"), LinkKind::Paper);
        assert_eq!(kind_of("https://notarxiv.org/abs/1"), LinkKind::Other);
        assert_eq!(
            kind_of("https://github.com/lm-sys/FastChat"),
            LinkKind::Code
        );
        assert_eq!(
            kind_of("https://huggingface.co/mistralai/Mistral-7B-v0.1"),
            LinkKind::Model
        );
        assert_eq!(kind_of("https://huggingface.co/Qwen"), LinkKind::Model);
        assert_eq!(
            kind_of("https://huggingface.co/datasets/a/b"),
            LinkKind::Other
        );
        assert_eq!(
            kind_of("https://huggingface.co/papers/2307.09288"),
            LinkKind::Other
        );
        assert_eq!(kind_of("https://lmsys.org/blog/"), LinkKind::Other);
    }

    #[test]
    fn a_link_text_names_its_kind() {
        assert_eq!(
            kind_of_labelled("Weights", "https://example.org/w"),
            LinkKind::Model
        );
        assert_eq!(
            kind_of_labelled("demo", "https://github.com/a/b"),
            LinkKind::Code
        );
        assert_eq!(kind_named("blog"), None);
        let json = serde_json::to_string(&LinkKind::Paper).expect("serialises");
        assert_eq!(json, "\"paper\"");
        let old: LinkKind = serde_json::from_str("\"link\"").expect("reads");
        assert_eq!(old, LinkKind::Other, "an older export's word");
    }
}
