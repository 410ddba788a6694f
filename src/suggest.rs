//! "Did you mean" suggestions for unknown names, ranked by string similarity (strsim).

/// The key names are compared by: lower case, letters and digits only (`LLaMA-2` → `llama2`).
pub fn name_key(name: &str) -> String {
    // a `+` that ends a word is kept, as `plus` ([`with_plus_words`]; the name itself where it
    // has none)
    (with_plus_words(name).chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The byte offsets of the `+`s of `name` that end a name's word, and so name another model
/// (`DeepLabV3+` is not `DeepLabV3`, `PointNet++` not `PointNet`): a run of `+` right after a
/// letter or digit that no letter or digit follows. A `+` between words (`华为+鹏城`,
/// `GPT-4 + plugins`) only joins. In order; one pass over the name.
pub(crate) fn suffix_pluses(name: &str) -> Vec<usize> {
    let (mut out, mut run) = (Vec::new(), Vec::new());
    // whether the characters since the last letter or digit are all `+`
    let mut attached = false;
    for (i, c) in name.char_indices() {
        if c == '+' {
            if attached {
                run.push(i);
            }
            continue;
        }
        if !c.is_alphanumeric() {
            out.append(&mut run);
        }
        run.clear();
        attached = c.is_alphanumeric();
    }
    out.append(&mut run);
    out
}

/// `name` with each `+` that ends a word ([`suffix_pluses`]) written as the word `plus`, which
/// name keys keep: `DeepLabV3+` → `DeepLabV3plus`.
pub(crate) fn with_plus_words(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains('+') {
        return std::borrow::Cow::Borrowed(name);
    }
    let pluses = suffix_pluses(name);
    let mut out = String::with_capacity(name.len() + 4 * pluses.len());
    for (i, c) in name.char_indices() {
        match c {
            '+' if pluses.binary_search(&i).is_ok() => out.push_str("plus"),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` quoted for a POSIX shell, so a suggested command copied from a message never runs what a
/// name holds (`$(...)`, backticks, `;`): in single quotes, each `'` written as `'\''`.
pub(crate) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The `n` candidates closest to `wanted`, best first; only reasonably close ones are returned.
/// A candidate whose name part (after its last `/`, as in a Hub id) is `wanted` itself, in any
/// case, comes before every other: `Llama-2-7b-hf` suggests `meta-llama/Llama-2-7b-hf` before
/// `JCX-kcuf/Llama-2-7b-hf-gpt-4-80k`.
pub(crate) fn closest<'a, I>(wanted: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let key = name_key(wanted);
    let wanted = wanted.trim();
    let mut scored: Vec<(bool, f64, &'a str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let ck = name_key(c);
            let mut score = strsim::jaro_winkler(&key, &ck);
            if !key.is_empty() && (ck.contains(&key) || key.contains(&ck)) && !ck.is_empty() {
                score = score.max(0.85);
            }
            let named = c
                .rsplit_once('/')
                .is_some_and(|(_, name)| same_ignoring_case(name.trim(), wanted));
            (named || score >= 0.85).then_some((named, score, c))
        })
        .collect();
    scored.sort_by(|a, b| {
        (b.0.cmp(&a.0))
            .then_with(|| b.1.total_cmp(&a.1))
            .then_with(|| a.2.cmp(b.2))
    });
    scored.dedup_by(|a, b| a.2 == b.2);
    scored.into_iter().take(n).map(|(_, _, c)| c).collect()
}

/// Whether `a` and `b` are the same but for case (any script), without lower-case copies.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting_runs_nothing() {
        assert_eq!(shell_quote("Llama"), "'Llama'");
        assert_eq!(shell_quote("a$(rm -rf ~)`x`"), "'a$(rm -rf ~)`x`'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        // the shell reads the quoted text back as it was
        let out = std::process::Command::new("sh")
            .args([
                "-c",
                &format!("printf %s {}", shell_quote("it's $(echo no) `x`")),
            ])
            .output();
        if let Ok(out) = out {
            assert_eq!(String::from_utf8_lossy(&out.stdout), "it's $(echo no) `x`");
        }
    }

    #[test]
    fn suggests_the_nearest_name() {
        let names = ["Vicuna", "Alpaca", "Llama 2", "Falcon"];
        assert_eq!(closest("Vicunna", names, 3), vec!["Vicuna"]);
        assert_eq!(closest("lama2", names, 1), vec!["Llama 2"]);
        assert!(closest("zzzzzz", names, 3).is_empty());
    }

    #[test]
    fn an_exact_name_part_comes_first() {
        let ids = [
            "JCX-kcuf/Llama-2-7b-hf-gpt-4-80k",
            "meta-llama/Llama-2-7b-hf",
            "a/llama-2-7b-hf-chat",
        ];
        assert_eq!(
            closest("llama-2-7B-HF", ids, 3)[0],
            "meta-llama/Llama-2-7b-hf"
        );
        assert_eq!(
            closest("Llama-2-7b-hf", ids, 1),
            ["meta-llama/Llama-2-7b-hf"]
        );
    }
}
