//! Refuses YAML nested deeper than [`MAX_DEPTH`] before the YAML parser sees it: the parser's
//! time grows with the square of the nesting (500 KB of `{a: {a: ...` took 79 s before its own
//! error), while this check reads the text once.

use crate::error::{Error, Result};

/// The deepest nesting of flow collections (`{`, `[`) or of indented blocks an input may have.
/// Ecosystem Graphs assets nest four or five levels deep; a hundred is far past any real file.
pub(crate) const MAX_DEPTH: usize = 100;

/// Checks that `text` (a YAML file named `name`) nests no deeper than [`MAX_DEPTH`], in time
/// linear in its length; the error names the line where the limit is passed.
pub(crate) fn check_yaml(name: &str, text: &str) -> Result<()> {
    let mut flow = 0usize;
    // the indentations of the enclosing blocks, innermost last
    let mut blocks: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = &line[indent..];
        if flow == 0 && !body.is_empty() && !body.starts_with('#') {
            while blocks.last().is_some_and(|&b| b >= indent) {
                blocks.pop();
            }
            blocks.push(indent);
        }
        let deepest;
        (flow, deepest) = flow_depth(body, flow);
        let depth = blocks.len() + deepest;
        if depth > MAX_DEPTH {
            return Err(Error::parse(
                name,
                Some(i as u64 + 1),
                format!("nested more than {MAX_DEPTH} levels deep: not an input llmkg reads"),
            )
            .with_help("Ecosystem Graphs assets nest a few levels deep; check that this is the file you meant"));
        }
    }
    Ok(())
}

/// The flow nesting (`{`, `[`) after `line`, starting at `depth`, and the deepest it reached
/// on the line: brackets inside a quoted scalar (a quote that opens a value, not the apostrophe
/// of `Alpaca's`) and after a comment do not count.
fn flow_depth(line: &str, mut depth: usize) -> (usize, usize) {
    let mut quote: Option<u8> = None;
    let mut prev = b' ';
    let mut deepest = depth;
    for &c in line.as_bytes() {
        let opens_value = matches!(prev, b' ' | b'\t' | b':' | b',' | b'[' | b'{' | b'-');
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') if opens_value => quote = Some(c),
            (None, b'#') if prev == b' ' || prev == b'\t' => break,
            (None, b'{' | b'[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    (depth, deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_assets_pass() {
        let text = "- name: X\n  type: model\n  dependencies: [A, B]\n  size:\n    value: 7B\n    explanation: \"{not [nested\"\n";
        assert!(check_yaml("a.yaml", text).is_ok());
    }

    #[test]
    fn deep_flow_nesting_is_refused_with_its_line() {
        let deep = format!(
            "- name: X\n  organization: {}1{}\n",
            "{a: ".repeat(500),
            "}".repeat(500)
        );
        let err = check_yaml("deep.yaml", &deep).unwrap_err().to_string();
        assert!(
            err.starts_with("deep.yaml:2: nested more than 100 levels"),
            "{err}"
        );
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut text = String::from("- name: X\n");
        for i in 0..200 {
            text.push_str(&" ".repeat(2 * (i + 1)));
            text.push_str("a:\n");
        }
        let err = check_yaml("deep.yaml", &text).unwrap_err().to_string();
        assert!(err.contains("nested more than 100 levels"), "{err}");
    }
}
