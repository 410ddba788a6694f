//! Lists as people keep them: every layout under tests/fixtures/lists/ is read through the real
//! binary, and gives the entries, names, dates, sizes, organizations and lineage a reader of the
//! page would list, and nothing else.

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = "tests/fixtures/lists";

fn llmkg(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("llmkg")
        .expect("binary")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `llmkg --data FILE [extra] export --format json --out -`, parsed.
fn graph(file: &str, extra: &[&str]) -> Value {
    let path = format!("{DIR}/{file}");
    let mut args = vec!["--data", path.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["export", "--format", "json", "--out", "-"]);
    let (code, out, err) = llmkg(&args);
    assert_eq!(code, 0, "{file}: {err}");
    serde_json::from_str(&out).expect("json")
}

fn nodes(g: &Value) -> &Vec<Value> {
    g["nodes"].as_array().expect("nodes")
}

fn node<'a>(g: &'a Value, id: &str) -> &'a Value {
    nodes(g)
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

/// (source, relation, target) of every edge, sorted.
fn edges(g: &Value) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = g["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (s("source"), s("relation"), s("target"))
        })
        .collect();
    v.sort();
    v
}

fn lineage(g: &Value) -> Vec<(String, String, String)> {
    edges(g)
        .into_iter()
        .filter(|(_, r, _)| r != "developed_by")
        .collect()
}

fn triples(t: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = t
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn a_mention_of_an_unknown_name_becomes_a_stub_with_a_warning() {
    let g = graph("prose.md", &[]);
    let gtm = node(&g, "generic-transformer-model");
    assert_eq!(gtm["label"], "Generic Transformer Model");
    assert_eq!(gtm["aliases"], serde_json::json!(["GTM"]));
    assert_eq!(gtm["attrs"]["stub"], true);
    assert_eq!(node(&g, "transformer")["attrs"]["stub"], true);
    assert!(node(&g, "orca-lm").get("attrs").is_none());
    assert_eq!(
        lineage(&g),
        triples(&[
            ("dora", "extends", "lora"),
            ("heron", "built_on", "transformer"),
            ("kestrel-2", "successor_of", "kestrel"),
            ("orca-chat", "fine_tuned_from", "orca-lm"),
            ("orca-lm", "built_on", "generic-transformer-model"),
        ])
    );
    let (code, out, _) = llmkg(&["--data", "tests/fixtures/lists/prose.md", "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("tests/fixtures/lists/prose.md:14: warning[unresolved-reference]: \"Kestrel\" matches no node; kept as a stub model \"kestrel\""),
        "{out}"
    );
    assert!(
        out.contains("help: did you mean \"Kestrel-2\"? to tie it to a node, give that node the name as an alias in a curated file: [[model]] name = \"Kestrel-2\" aliases = [\"Kestrel\"]"),
        "{out}"
    );
    // every command runs on such data
    for cmd in [
        &["stats"][..],
        &["ancestors", "Orca-Chat"],
        &["show", "GTM"],
    ] {
        let mut args = vec!["--data", "tests/fixtures/lists/prose.md"];
        args.extend_from_slice(cmd);
        let (code, _, err) = llmkg(&args);
        assert_eq!(code, 0, "{cmd:?}: {err}");
    }
}

#[test]
fn the_bundled_curated_file_serves_a_list_that_lacks_its_models() {
    // a list of two entries: the curated records and facts about every other model are left
    // out with a note, and no command stops
    let (code, out, err) = llmkg(&[
        "--data",
        "tests/fixtures/lists/two-entries.md",
        "--data",
        "data/curated.toml",
        "check",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("info[skipped-record]: model \"Llama 3\" is in no list in use and its record has no citation: left out, with the facts about it"),
        "{out}"
    );
    assert!(
        out.contains("info[skipped-fact]: fact about \"Phi-2\" left out"),
        "{out}"
    );
    // cited records are added as before
    let (code, out, _) = llmkg(&[
        "--data",
        "tests/fixtures/lists/two-entries.md",
        "--data",
        "data/curated.toml",
        "show",
        "StarCoder",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("StarCoder"), "{out}");
}
