//! "Did you mean" suggestions for unknown names, ranked by string similarity (strsim).

/// The key names are compared by: lower case, letters and digits only (`LLaMA-2` → `llama2`).
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The `n` candidates closest to `wanted`, best first; only reasonably close ones are returned.
pub fn closest<'a, I>(wanted: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let key = name_key(wanted);
    let mut scored: Vec<(f64, &'a str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let ck = name_key(c);
            let mut score = strsim::jaro_winkler(&key, &ck);
            if !key.is_empty() && (ck.contains(&key) || key.contains(&ck)) && !ck.is_empty() {
                score = score.max(0.85);
            }
            (score >= 0.85).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name() {
        let names = ["Vicuna", "Alpaca", "Llama 2", "Falcon"];
        assert_eq!(closest("Vicunna", names, 3), vec!["Vicuna"]);
        assert_eq!(closest("lama2", names, 1), vec!["Llama 2"]);
        assert!(closest("zzzzzz", names, 3).is_empty());
    }
}
