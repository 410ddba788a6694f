//! Snapshot tests (insta) of the text answers whose whole output is the contract: queries, `show`,
//! `stats` and `check` on the bundled data, and tables of wide (CJK) labels, whose columns align
//! by display width. The snapshots are in `tests/snapshots/`; after a deliberate change, review
//! and accept the new ones with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

use crate::common;

use common::llmkg;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// The standard output of a command run in `dir`, which must exit with `code`.
fn stdout_in(dir: &Path, code: i32, args: &[&str]) -> String {
    let out = llmkg()
        .current_dir(dir)
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// The standard output of a command on the bundled data, which must exit with `code`.
fn bundled(code: i32, args: &[&str]) -> String {
    stdout_in(Path::new(env!("CARGO_MANIFEST_DIR")), code, args)
}

/// One snapshot per command on the bundled data, named after it, with the exit code it must
/// give (1 when the question has no answer).
macro_rules! bundled_snapshots {
    ($($name:ident: $code:literal, [$($arg:expr),+]),+ $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), bundled($code, &[$($arg),+]));
        }
    )+};
}

bundled_snapshots! {
    ancestors_alpaca: 0, ["ancestors", "Alpaca"],
    descendants_llama: 0, ["descendants", "Llama"],
    path_vicuna_llama: 0, ["path", "Vicuna", "Llama"],
    path_llama_code_llama_has_only_the_reverse: 1, ["path", "Llama", "Code Llama"],
    common_alpaca_vicuna: 0, ["common", "Alpaca", "Vicuna"],
    family_llama: 0, ["family", "Llama"],
    org_meta: 0, ["org", "Meta"],
    why_alpaca_llama: 0, ["why", "Alpaca", "Llama"],
    show_code_llama: 0, ["show", "Code Llama"],
    stats: 0, ["stats"],
    check: 0, ["check"],
}

/// `why` on a list entry and an Ecosystem Graphs asset asserting the same edge: one evidence
/// line for each source, prefixed by it, the second under the first.
#[test]
fn why_alpaca_llama_two_sources() {
    insta::assert_snapshot!(
        "why_alpaca_llama_two_sources",
        bundled(
            0,
            &[
                "--data",
                "tests/fixtures/answers/models.md",
                "--data",
                "tests/fixtures/answers/assets",
                "why",
                "Alpaca",
                "Llama",
            ]
        )
    );
}

/// A small curated file whose labels are Chinese (display width two a character).
const CJK: &str = r#"
[[organization]]
name = "阿里云"
aliases = ["Alibaba Cloud"]

[[organization]]
name = "Meta AI"

[[model]]
name = "Llama"
released = "2023-02"
organization = "Meta AI"
cite = "https://arxiv.org/abs/2302.13971"

[[model]]
name = "通义千问"
aliases = ["Qwen"]
released = "2023-08"
organization = "阿里云"
cite = "https://example.org/qwen"

[[model]]
name = "Qwen-Chat"
released = "2023-09"
organization = "阿里云"
cite = "https://example.org/qwen-chat"

[[fact]]
subject = "通义千问"
relation = "derived_from"
object = "Llama"
cite = "https://example.org/made-up-for-tests"

[[fact]]
subject = "Qwen-Chat"
relation = "fine_tuned_from"
object = "通义千问"
cite = "https://example.org/qwen-chat"
"#;

/// The display column at which `cell` first starts in `line`.
fn column_of(line: &str, cell: &str) -> usize {
    let at = line
        .find(cell)
        .unwrap_or_else(|| panic!("{cell:?} is not in {line:?}"));
    line[..at].width()
}

/// Asserts that in each line the cell it is paired with starts at the same display column.
fn aligned(rows: &[(&str, &str)]) {
    let columns: Vec<usize> = rows.iter().map(|(l, c)| column_of(l, c)).collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "columns {columns:?} differ in\n{}",
        rows.iter().map(|r| r.0).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn tables_of_cjk_labels_align_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cjk.toml"), CJK).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--data", "cjk.toml"];
        all.extend(args);
        stdout_in(dir.path(), 0, &all)
    };

    // path: an edge table whose source and target columns hold 通义千问 and ASCII labels
    let path = run(&["path", "Qwen-Chat", "Llama"]);
    let rows: Vec<&str> = path.lines().skip(1).collect();
    aligned(&[(rows[0], "fine_tuned_from"), (rows[1], "derived_from")]);
    aligned(&[(rows[0], "cjk.toml:"), (rows[1], "cjk.toml:")]);

    // descendants under --kind: a node list
    let descendants = run(&["descendants", "Llama", "--kind", "model"]);
    let rows: Vec<&str> = descendants.lines().take(2).collect();
    aligned(&[(rows[0], "model"), (rows[1], "model")]);

    // list: the header and every row, ids and labels both wide
    let list = run(&["list"]);
    let rows: Vec<&str> = list.lines().collect();
    let kinds: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| {
            (
                *r,
                if r.contains("model") {
                    "model"
                } else {
                    "organization"
                },
            )
        })
        .chain([(rows[0], "KIND")])
        .collect();
    aligned(&kinds);

    // org: what it made, and the edges across its border
    let org = run(&["org", "阿里云"]);

    insta::assert_snapshot!("cjk_tables", [path, descendants, list, org].join("----\n"));
}
