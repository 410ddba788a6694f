//! What makes two records one model: the identity key of a name (case, punctuation, spacing,
//! a first-version tag and the placement of a size fold away; a dot between digits and the
//! value of a size do not) and the Hugging Face id that identifies a record.

use super::hub::address::model_id;
use super::record::Record;
use super::value::size::{self, Size};
use crate::model::{Link, LinkKind};

/// The key two names of one model share: lower case, without punctuation or spacing, without
/// a `v`-prefixed first-version tag (`v0.1`, `v1`, `v1.0`), with its parameter counts taken out
/// and compared as values wherever they stand. A dot between digits stays (`OPT-1.3B` is not
/// `OPT-13B`, `Qwen2.5-7B` is not `Qwen2-57B`); only parameter counts are sizes (`7B`, `1.3B`,
/// `8x7B`, `350M`; not `Large` or `mini`).
///
/// `Mixtral 8x7B v0.1` and `Mixtral-8x7B` share a key; `Mistral 7B v0.2` and `Mistral 7B` do
/// not; `Llama 3.1-405B` and `Llama 3.1 405B` do.
pub(crate) fn identity_key(name: &str) -> String {
    // a `+` that ends a word names another model (`DeepLabV3+`, `PointNet++`)
    let lower = crate::suggest::with_plus_words(name).to_lowercase();
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
        if let Some(letter) = crate::model::greek_letter(c) {
            // a Greek letter as its name, as in slugs: `PanGu-α` is `PanGu-Alpha`
            out.push_str(letter);
        } else if c.is_alphanumeric() || between_digits {
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

/// Whether the parameter counts a Hub repository's name gives are the sizes of a model of
/// `sizes`: where both give some, the model's sizes are one size given several ways (none a
/// third larger than another) and each the name gives is within a quarter of it, as names round
/// (`Mistral-7B-v0.1` is Mistral 7B, given as 7B and 7.3B; `gemma-7b` is Gemma 7B, 8.54B). A
/// family of several sizes is not identified by one checkpoint's id (`google/gemma-7b` is not
/// Gemma, of 2B and 7B), nor a model by another size's (`EVA-CLIP-8B` is not EVA-CLIP, 18B).
pub(crate) fn sizes_fit(repo: &str, sizes: &[String]) -> bool {
    let has = size::billions(sizes);
    if has.is_empty() {
        return true;
    }
    // a Hub name writes a decimal point as `_` (`stablelm-2-1_6b` is 1.6B)
    let b = repo.as_bytes();
    let dotted: String = (repo.char_indices())
        .map(|(i, c)| {
            let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
            if c == '_' && i > 0 && digit(i - 1) && digit(i + 1) {
                '.'
            } else {
                c
            }
        })
        .collect();
    let named = size::billions(&size::in_name(&dotted));
    let near = |a: f64, b: f64| (a - b).abs() <= 0.25 * a.max(b);
    // one model's size given several ways (7B and 7.3B), not a family's sizes (2B and 7B)
    let (least, most) = has
        .iter()
        .fold((f64::MAX, 0f64), |(l, m), &h| (l.min(h), m.max(h)));
    named.is_empty()
        || (most <= 1.3 * least && named.iter().all(|&n| has.iter().any(|&h| near(n, h))))
}

/// Whether a date code stands in a repository name where the version number would
/// (`2501` in `Mistral-Small-24B-Base-2501`): four digits, a year from 2020 to 2039 and a month.
fn is_date_code(token: &str) -> bool {
    token.len() == 4
        && token.chars().all(|c| c.is_ascii_digit())
        && matches!(token[..2].parse::<u8>(), Ok(20..=39))
        && matches!(token[2..].parse::<u8>(), Ok(1..=12))
}

/// Whether a repository that dates its release instead of numbering it names the model whose
/// name gives the version number in that place, at one of the model's sizes: `Mistral Small 3`
/// (24B) is named by `Mistral-Small-24B-Base-2501`. The repository must open with the name's
/// other words, hold one parameter count equal to the model's one size (a family of several
/// sizes is no checkpoint of it), a date code, and no
/// number besides (a version of its own tells another model: `Mistral-Small-3.1-24B-…`); a size
/// that differs tells another release (`Mistral-Small-Instruct-2409` is 22B). Without a date
/// code a repository without a version number is most often the family's first release
/// (`Yi-34B` beside `Yi 1.5` 34B, `Qwen-7B` beside `Qwen1.5` 7B), so no such rule holds there.
pub(crate) fn repo_dates_name(repo: &str, name: &str, sizes: &[String]) -> bool {
    let tokens = |s: &str| -> Vec<String> {
        (s.to_lowercase()
            .split(|c: char| !(c.is_alphanumeric() || c == '.')))
        .map(|t| t.trim_matches('.').to_string())
        .filter(|t| !t.is_empty())
        .collect()
    };
    let (repo, name) = (tokens(repo), tokens(name));
    let Some((version, words)) = name.split_last() else {
        return false;
    };
    let is_number = |t: &str| t.chars().next().is_some_and(|c| c.is_ascii_digit());
    let numbered = is_number(version)
        && version.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !words.is_empty()
        && !words.iter().any(|w| is_number(w));
    if !numbered || !repo.starts_with(words) {
        return false;
    }
    let rest = &repo[words.len()..];
    let size_keys: Vec<String> = (sizes.iter())
        .filter_map(|s| Size::parse(s.trim()).map(Size::key))
        .collect();
    let repo_sizes: Vec<String> = (rest.iter())
        .filter_map(|t| Size::parse(t).map(Size::key))
        .collect();
    let dates = rest.iter().filter(|t| is_date_code(t)).count();
    let other_numbers = (rest.iter())
        .filter(|t| is_number(t) && !is_date_code(t) && Size::parse(t).is_none())
        .count();
    dates == 1 && other_numbers == 0 && repo_sizes.len() == 1 && size_keys == repo_sizes
}

/// The Hub id that identifies a record: its one model link, where that is a Hugging Face
/// model's address that names it ([`repo_names`], or [`repo_dates_name`] at the record's
/// sizes). A record that links several checkpoints (a family's row) is not identified by any
/// of them.
pub(crate) fn record_hub_id(r: &Record) -> Option<String> {
    hub_id_of(&r.name, &r.sizes, &r.links)
}

/// The Hub id that identifies an entity named `name`, of `sizes`, that gives `links`: its one
/// model link ([`one_model_id`]), where that is a Hugging Face model's address that names it
/// ([`repo_names`], or [`repo_dates_name`] at its sizes). What [`record_hub_id`], a list
/// entry's claim and a node's ids ([`super::resolve::node_hub_ids`]) ask.
pub(crate) fn hub_id_of(name: &str, sizes: &[String], links: &[Link]) -> Option<String> {
    let id = one_model_id(links)?;
    let repo = id.split_once('/').map_or(id.as_str(), |(_, n)| n);
    let names = repo_names(repo, name) && sizes_fit(repo, sizes);
    (names || repo_dates_name(repo, name, sizes)).then(|| hub_key(&id))
}

/// The Hub model id of the one model `links` link to, as first written: every model link is an
/// address of one Hugging Face repository (`…/Mistral-7B-v0.1` and `…/Mistral-7B-v0.1/tree/main`
/// are one model, as two sources merged on one node link it). None where they link several
/// models, or one that is no Hub model.
fn one_model_id(links: &[Link]) -> Option<String> {
    let mut one: Option<(String, String)> = None;
    for l in links.iter().filter(|l| l.kind == LinkKind::Model) {
        let id = model_id(&l.url)?;
        let key = hub_key(&id);
        match &one {
            Some((_, k)) if *k != key => return None,
            Some(_) => {}
            None => one = Some((id, key)),
        }
    }
    one.map(|(id, _)| id)
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
        assert!(same("PanGu-α", "PanGu-Alpha"));
        assert!(!same("PanGu-α", "PanGu-Σ"));
    }

    #[test]
    fn one_model_linked_at_two_addresses_is_one_model_link() {
        let model = |url: &str| Link {
            kind: LinkKind::Model,
            url: url.to_string(),
        };
        let two = [
            model("https://huggingface.co/mistralai/Mistral-7B-v0.1"),
            model("https://huggingface.co/mistralai/mistral-7b-v0.1/tree/main"),
        ];
        let id = hub_id_of("Mistral-7B", &["7B".to_string()], &two);
        assert_eq!(id.as_deref(), Some("mistralai/mistral-7b-v0.1"));
        let family = [
            model("https://huggingface.co/google/gemma-2b"),
            model("https://huggingface.co/google/gemma-7b"),
        ];
        assert_eq!(hub_id_of("Gemma", &[], &family), None);
        let elsewhere = [
            two[0].clone(),
            model("https://github.com/mistralai/mistral-src"),
        ];
        assert_eq!(hub_id_of("Mistral-7B", &[], &elsewhere), None);
    }

    #[test]
    fn a_checkpoint_id_identifies_a_model_of_its_size_not_a_family() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(sizes_fit("Mistral-7B-v0.1", &s(&["7B", "7.3B"])));
        assert!(sizes_fit("replit-code-v1-3b", &s(&["2.7B"])));
        assert!(sizes_fit("gemma-7b", &s(&["8.54B"])));
        assert!(sizes_fit("stablelm-2-1_6b", &s(&["1.6B"])));
        assert!(sizes_fit("bloom", &s(&["176B"])));
        assert!(sizes_fit("falcon-40b", &[]));
        assert!(!sizes_fit("gemma-7b", &s(&["2B", "7B"])));
        assert!(!sizes_fit("falcon-40b", &s(&["7B", "40B", "180B"])));
        assert!(!sizes_fit("EVA-CLIP-8B-448", &s(&["18B"])));
    }

    #[test]
    fn a_plus_that_ends_a_name_names_another_model() {
        // two rows of Epoch AI's notable models, made one node when `+` folded away
        assert!(!same("DeepLabV3+", "DeepLabV3"));
        assert!(!same("PointNet++", "PointNet"));
        assert!(!same("PointNet++", "PointNet+"));
        assert!(same("DeepLabV3+", "deeplab v3+"));
        assert!(same("DeepLabV3+", "DeepLabV3Plus"));
        // a `+` between names only joins them
        assert!(same("GPT-4 + plugins", "GPT-4 plugins"));
        assert_eq!(crate::model::slug("DeepLabV3+"), "deeplabv3-plus");
        assert_eq!(
            crate::model::slug("PointNet++ (SSG)"),
            "pointnet-plus-plus-ssg"
        );
        assert_eq!(
            crate::model::name_key("华为+鹏城"),
            crate::model::name_key("华为鹏城")
        );
        // a long run of `+` is read in one pass
        let long = format!("a{}", "+".repeat(100_000));
        assert_eq!(crate::suggest::suffix_pluses(&long).len(), 100_000);
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
        // a repository that dates its release names the numbered name at its size
        let b24 = ["24B".to_string()];
        assert!(!repo_names(
            "Mistral-Small-24B-Base-2501",
            "Mistral Small 3"
        ));
        assert!(repo_dates_name(
            "Mistral-Small-24B-Base-2501",
            "Mistral Small 3",
            &b24
        ));
        assert!(repo_dates_name(
            "Mistral-Small-24B-Instruct-2501",
            "Mistral Small 3",
            &b24
        ));
        // another size, a version of its own, no size known, no date, no version in the name
        assert!(!repo_dates_name(
            "Mistral-Small-Instruct-2409",
            "Mistral Small 3",
            &b24
        ));
        assert!(!repo_dates_name(
            "Mistral-Small-3.1-24B-Base-2503",
            "Mistral Small 3",
            &b24
        ));
        assert!(!repo_dates_name(
            "Mistral-Small-24B-Base-2501",
            "Mistral Small 3",
            &[]
        ));
        assert!(!repo_dates_name("Yi-34B", "Yi 1.5", &["34B".to_string()]));
        assert!(!repo_dates_name(
            "Mistral-Small-24B-Base-2501",
            "Mistral Small",
            &b24
        ));
        assert!(!repo_dates_name(
            "Mixtral-8x22B-2404",
            "Mistral Small 3",
            &b24
        ));
        let family = ["7B".to_string(), "24B".to_string()];
        assert!(!repo_dates_name(
            "Mistral-Small-24B-Base-2501",
            "Mistral Small 3",
            &family
        ));
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
