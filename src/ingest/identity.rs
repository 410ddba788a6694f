//! What makes two records one model: the identity key of a name (case, punctuation, spacing,
//! a first-version tag and the placement of a size fold away; a dot between digits and the
//! value of a size do not) and the Hugging Face id that identifies a record.

use super::hub::address::model_id;
use super::record::Record;
use super::value::size::Size;
use crate::model::LinkKind;

/// The key two names of one model share: lower case, without punctuation or spacing, without
/// a `v`-prefixed first-version tag (`v0.1`, `v1`, `v1.0`), with its parameter counts taken out
/// and compared as values wherever they stand. A dot between digits stays (`OPT-1.3B` is not
/// `OPT-13B`, `Qwen2.5-7B` is not `Qwen2-57B`); only parameter counts are sizes (`7B`, `1.3B`,
/// `8x7B`, `350M`; not `Large` or `mini`).
///
/// `Mixtral 8x7B v0.1` and `Mixtral-8x7B` share a key; `Mistral 7B v0.2` and `Mistral 7B` do
/// not; `Llama 3.1-405B` and `Llama 3.1 405B` do.
pub(crate) fn identity_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words = String::new();
    let mut sizes: Vec<String> = Vec::new();
    for token in lower.split(|c: char| !(c.is_alphanumeric() || c == '.')) {
        let token = token.trim_matches('.');
        if token.is_empty() || is_first_version(token) {
            continue;
        }
        if let Some(size) = Size::parse(token).map(Size::key) {
            sizes.push(size);
            continue;
        }
        let (word, size) = peel_size(token);
        if let Some(size) = size {
            sizes.push(size);
        }
        push_word(&mut words, word);
    }
    if words.is_empty() {
        return crate::model::name_key(name);
    }
    sizes.sort_unstable();
    if !sizes.is_empty() {
        words.push('#');
        words.push_str(&sizes.join("+"));
    }
    words
}

/// Appends a word's letters and digits, and its dots that stand between digits.
fn push_word(out: &mut String, word: &str) {
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() || between_digits {
            out.push(c);
        }
    }
}

/// `v0.1`, `v1`, `v1.0`, `v0.1.0`, and without the `v` where a dot shows it is a version
/// (`0.1`, `1.0`): the tag of a first version, which a name may leave out.
fn is_first_version(token: &str) -> bool {
    let number = match token.strip_prefix('v') {
        Some(n) => n,
        None if token.contains('.') => token,
        None => return false,
    };
    let parts: Vec<&str> = number.split('.').collect();
    let first = parts.iter().position(|p| *p != "0");
    match first {
        Some(i) => parts[i] == "1" && parts[i + 1..].iter().all(|p| *p == "0") && i <= 1,
        None => false,
    }
}

/// A word that ends in a parameter count after letters (`falcon40b`, `mixtral8x7b`), split
/// into the word and the count's value.
fn peel_size(token: &str) -> (&str, Option<String>) {
    let bytes = token.as_bytes();
    let Some(start) = bytes
        .iter()
        .rposition(u8::is_ascii_alphabetic)
        .and_then(|unit| {
            let body = &bytes[..unit];
            let digits = body
                .iter()
                .rposition(|b| !(b.is_ascii_digit() || *b == b'.' || *b == b'x'))?;
            (digits + 1 < unit && bytes[digits].is_ascii_alphabetic()).then_some(digits + 1)
        })
    else {
        return (token, None);
    };
    if bytes[start] == b'x' {
        return (token, None);
    }
    match Size::parse(&token[start..]).map(Size::key) {
        Some(size) => (&token[..start], Some(size)),
        None => (token, None),
    }
}

/// A Hugging Face model id as identity compares it: lower case, without the `-hf` of a copy
/// converted to the Transformers format (`Llama-2-70b-hf` is `Llama-2-70b`).
pub(crate) fn hub_key(id: &str) -> String {
    let id = id.trim().to_lowercase();
    match id.strip_suffix("-hf") {
        Some(base) if base.contains('/') => base.to_string(),
        _ => id,
    }
}

/// Whether the Hub repository name `repo` names the model called `name`: the repository's name
/// begins with the model's words (sizes and version tags aside). `Mistral` is named by
/// `Mistral-7B-v0.1`; `mT0` is not named by `T0pp`.
pub(crate) fn repo_names(repo: &str, name: &str) -> bool {
    let words = |s: &str| identity_key(s).split('#').next().unwrap_or("").to_string();
    let (repo, name) = (words(repo), words(name));
    !name.is_empty() && repo.starts_with(&name)
}

/// The Hub id that identifies a record: its one model link, where that is a Hugging Face
/// model's address that names it ([`repo_names`]). A record that links several checkpoints
/// (a family's row) is not identified by any of them.
pub(crate) fn record_hub_id(r: &Record) -> Option<String> {
    let mut models = r.links.iter().filter(|l| l.kind == LinkKind::Model);
    let one = models.next()?;
    if models.next().is_some() {
        return None;
    }
    let id = model_id(&one.url)?;
    let repo = id.split_once('/').map_or(id.as_str(), |(_, n)| n);
    repo_names(repo, &r.name).then(|| hub_key(&id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        identity_key(a) == identity_key(b)
    }

    #[test]
    fn case_punctuation_versions_and_size_placement_fold_away() {
        assert!(same("Mixtral 8x7B v0.1", "Mixtral-8x7B"));
        assert!(same("Llama 3.1-405B", "Llama 3.1 405B"));
        assert!(same("LLaMA-65B", "llama 65b"));
        assert!(same("Falcon 40B Instruct", "Falcon-Instruct-40B"));
        assert!(same("Falcon40B", "Falcon-40B"));
        assert!(same("OPT-1.3B", "OPT 1300M"));
        assert!(same("Amber v1.0", "Amber"));
    }

    #[test]
    fn dots_between_digits_sizes_and_later_versions_tell_models_apart() {
        assert!(!same("OPT-1.3B", "OPT-13B"));
        assert!(!same("Qwen2.5-7B", "Qwen2-57B"));
        assert!(!same("Mistral 7B v0.2", "Mistral 7B"));
        assert!(!same("Llama 2", "Llama 2-70B"));
        assert!(
            !same("Phi-3 mini", "Phi-3"),
            "only parameter counts are sizes"
        );
        assert!(!same("Jamba 1.5", "Jamba"));
        assert!(same("Jamba 0.1", "Jamba"));
        assert!(
            !same("Phi-3 mini 4k", "Phi-3 mini 128k"),
            "context is no size"
        );
        assert_eq!(identity_key("Mixtral 8x7B"), "mixtral#8x7");
        assert_eq!(identity_key("Qwen2.5-Coder (32B)"), "qwen2.5coder#32");
    }

    #[test]
    fn hub_ids_identify_records_they_name() {
        assert_eq!(
            hub_key("meta-llama/Llama-2-70b-hf"),
            "meta-llama/llama-2-70b"
        );
        assert!(repo_names("Mistral-7B-v0.1", "Mistral"));
        assert!(repo_names("Jamba-v0.1", "Jamba 0.1"));
        assert!(repo_names("flan-t5-xxl", "Flan-T5 11B"));
        assert!(!repo_names("T0pp", "mT0"));
        let ev = crate::model::Evidence::at(
            &crate::model::Name::new("ecosystem"),
            &crate::model::Name::new("a.yaml"),
            1,
        );
        let link = |url: &str| crate::model::Link {
            kind: crate::model::LinkKind::Model,
            url: url.into(),
        };
        let mut r = Record::new("Mistral", crate::model::NodeKind::Model, ev);
        r.links
            .push(link("https://huggingface.co/mistralai/Mistral-7B-v0.1"));
        assert_eq!(
            record_hub_id(&r).as_deref(),
            Some("mistralai/mistral-7b-v0.1")
        );
        r.links
            .push(link("https://huggingface.co/mistralai/Mistral-7B-v0.2"));
        assert_eq!(record_hub_id(&r), None, "a family row is not identified");
    }
}
