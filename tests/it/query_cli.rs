//! The lineage query commands run as a user runs them on a curated fixture: JSON answers parsed
//! with serde_json, exit codes, unknown and ambiguous names, and the export filter flags.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

fn fixture() -> PathBuf {
    common::fixture("lineage.toml")
}

/// `llmkg --data lineage.toml ARGS...`
fn llmkg(args: &[&str]) -> Command {
    let mut c = common::llmkg();
    c.arg("--data").arg(fixture()).args(args);
    c
}

/// Runs a query with `--format json`, checks the exit code and parses stdout.
fn json(args: &[&str], code: i32) -> Value {
    let mut c = llmkg(args);
    c.args(["--format", "json"]);
    let out = c.assert().code(code).get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect()
}

#[test]
fn ancestors_are_nearest_first_with_a_tree_for_people() {
    let v = json(&["ancestors", "codellama"], 0);
    assert_eq!(v["query"], "ancestors");
    assert_eq!(v["subjects"][0]["id"], "code-llama");
    assert_eq!(ids(&v["nodes"]), ["llama-2", "llama"]);
    assert_eq!(v["nodes"][1]["depth"], 2);
    assert_eq!(v["nodes"][1]["label"], "Llama");
    assert_eq!(v["nodes"][1]["kind"], "model");
    assert_eq!(v["edges"].as_array().unwrap().len(), 2);
    llmkg(&["ancestors", "Code Llama"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Code Llama (2023-08)\n  ─derived_from→ Llama 2 (2023-07)\n    ─successor_of→ Llama (2023-02)\n",
        ))
        // not a terminal: no colour
        .stdout(predicate::str::contains("\x1b[").not());
    let v = json(&["ancestors", "codellama", "--depth", "1"], 0);
    assert_eq!(ids(&v["nodes"]), ["llama-2"]);
}

#[test]
fn descendants_with_relation_and_kind_filters() {
    let v = json(&["descendants", "llama"], 0);
    assert_eq!(v["nodes"].as_array().unwrap().len(), 6);
    let v = json(
        &[
            "descendants",
            "llama",
            "--relation",
            "fine_tuned_from,derived_from",
        ],
        0,
    );
    assert_eq!(ids(&v["nodes"]), ["alpaca", "vicuna"]);
    assert_eq!(
        v["relations"],
        serde_json::json!(["fine_tuned_from", "derived_from"])
    );
    let v = json(
        &[
            "ancestors",
            "merge-a",
            "--relation",
            "merged_from,fine_tuned_from,developed_by",
            "--kind",
            "organization",
        ],
        0,
    );
    let mut orgs = ids(&v["nodes"]);
    orgs.sort();
    assert_eq!(orgs, ["lmsys", "meta-ai", "stanford-university"]);
}

#[test]
fn path_lists_every_edge_with_evidence_or_exits_1() {
    let v = json(&["path", "Code Llama", "Llama"], 0);
    assert_eq!(v["found"], true);
    assert_eq!(ids(&v["nodes"]), ["code-llama", "llama-2", "llama"]);
    let e = &v["edges"][0];
    assert_eq!(e["source"], "code-llama");
    assert_eq!(e["target"], "llama-2");
    assert_eq!(e["relation"], "derived_from");
    assert!(
        e["evidence"].as_str().unwrap().contains(
            "\"Code Llama is Llama 2 further trained on code.\" https://arxiv.org/abs/2308.12950"
        ),
        "{e}"
    );
    let v = json(&["path", "Llama", "Code Llama"], 1);
    assert_eq!(v["found"], false);
    assert!(v["nodes"].as_array().unwrap().is_empty());
    assert_eq!(v["paths"][0]["role"], "reverse");
    llmkg(&["path", "Llama", "Code Llama"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "no derivation path from Llama to Code Llama, but the reverse exists",
        ));
    llmkg(&["path", "Falcon", "Llama"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("nor from Llama to Falcon"));
}

#[test]
fn common_finds_one_or_several_lowest_common_ancestors() {
    let v = json(&["common", "alpaca", "vicuna"], 0);
    assert_eq!(ids(&v["nodes"]), ["llama"]);
    assert_eq!(v["paths"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["paths"][0]["nodes"],
        serde_json::json!(["alpaca", "llama"])
    );
    let v = json(&["common", "Merge A", "Merge B"], 0);
    let mut lcas = ids(&v["nodes"]);
    lcas.sort();
    assert_eq!(lcas, ["alpaca", "vicuna"]);
    assert_eq!(v["paths"].as_array().unwrap().len(), 4);
    let v = json(&["common", "falcon", "alpaca"], 1);
    assert_eq!(v["found"], false);
    llmkg(&["common", "alpaca"]).assert().code(2);
}

#[test]
fn family_org_and_why() {
    let v = json(&["family", "vicuna"], 0);
    let mut fam = ids(&v["nodes"]);
    fam.sort();
    assert_eq!(
        fam,
        [
            "alpaca",
            "code-llama",
            "llama",
            "llama-2",
            "merge-a",
            "merge-b",
            "vicuna"
        ]
    );
    let v = json(&["org", "Meta"], 0);
    let mut made = ids(&v["nodes"]);
    made.sort();
    assert_eq!(made, ["code-llama", "llama", "llama-2"]);
    let built: Vec<&str> = v["built_on_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(built, ["alpaca", "vicuna"]);
    let v = json(&["org", "Stanford"], 0);
    assert_eq!(v["builds_on"][0]["target"], "llama");
    // an organization is required
    llmkg(&["org", "Llama"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown organization \"Llama\""));

    let v = json(&["why", "Llama", "Meta AI"], 0);
    assert_eq!(v["direct"][0]["relation"], "developed_by");
    let v = json(&["why", "alpaca", "vicuna"], 0);
    let roles: Vec<&str> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains(&"ancestor") && roles.contains(&"descendant"),
        "{roles:?}"
    );
    let v = json(
        &["why", "falcon", "alpaca", "--relation", "fine_tuned_from"],
        1,
    );
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("nothing links Falcon and Alpaca")
    );
}

#[test]
fn unknown_names_suggest_and_exit_1() {
    llmkg(&["ancestors", "Code Lama"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean"))
        .stderr(predicate::str::contains("\"Code Llama\""));
    llmkg(&["path", "Llama", "nothing-like-it"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown name \"nothing-like-it\""));
    llmkg(&["ancestors", "llama", "--relation", "fine_tunned_from"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean \"fine_tuned_from\""));
}

#[test]
fn export_filter_flags_resolve_names() {
    llmkg(&[
        "export",
        "--family",
        "Code Lama",
        "--format",
        "json",
        "--out",
        "-",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains("did you mean"));
    llmkg(&["export", "--org", "Llama", "--format", "json", "--out", "-"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown organization"));
    llmkg(&["export", "--kind", "robot", "--out", "-"])
        .assert()
        .code(2);
}

#[test]
fn ambiguous_names_list_the_candidates() {
    // "QWEN" is loosely both the model Qwen and the organization whose alias is Qwen
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twins.toml");
    std::fs::write(
        &path,
        "[[organization]]\nname = \"Qwen Team\"\naliases = [\"Qwen\"]\n\n\
         [[model]]\nname = \"Qwen\"\norganization = \"Qwen Team\"\ncite = \"https://example.org/b\"\n",
    )
    .unwrap();
    Command::cargo_bin("llmkg")
        .unwrap()
        .arg("--data")
        .arg(&path)
        .args(["ancestors", "QWEN"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"QWEN\" is ambiguous"))
        .stderr(predicate::str::contains("Qwen (model, id qwen)"))
        .stderr(predicate::str::contains(
            "Qwen Team (organization, id qwen-team)",
        ));
}

#[test]
fn dot_format_draws_only_the_answers_subgraph() {
    let out = llmkg(&["path", "codellama", "llama", "--format", "dot"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let dot = String::from_utf8(out).unwrap();
    assert!(dot.starts_with("digraph "), "{dot}");
    for id in ["code-llama", "llama-2", "llama"] {
        assert!(dot.contains(&format!("\n  \"{id}\"[label=")), "{id}: {dot}");
    }
    assert!(dot.contains("\"llama-2\" -> \"code-llama\""), "{dot}");
    assert!(!dot.contains("alpaca") && !dot.contains("meta-ai"), "{dot}");
}

#[test]
fn export_applies_the_filter_flags() {
    let export = |args: &[&str]| -> Vec<String> {
        let mut c = llmkg(&["export", "--format", "json", "--out", "-"]);
        c.args(args);
        let out = c.assert().success().get_output().stdout.clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let mut ids: Vec<String> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(export(&["--family", "Falcon"]), ["falcon", "tii"]);
    assert_eq!(
        export(&["--family", "code llama", "--no-orgs", "--since", "2023-07"]),
        ["code-llama", "llama-2", "merge-a", "merge-b"]
    );
    assert_eq!(
        export(&["--org", "LMSYS", "--kind", "model"]),
        ["llama", "merge-a", "merge-b", "vicuna"]
    );
    let all = export(&[]);
    assert_eq!(all.len(), 12);
}

/// An organization two models share is said as shared, never offered as their common ancestor,
/// in `why` and in `common` (text and JSON), on the bundled data.
#[test]
fn shared_organizations_are_no_common_ancestors() {
    let why = common::llmkg()
        .args(["why", "Alpaca", "Vicuna"])
        .output()
        .unwrap();
    let text = String::from_utf8(why.stdout).unwrap();
    assert!(text.contains("shared organization: Alpaca ─developed_by→ Stanford University"));
    assert!(
        !text.contains("via common ancestor: Alpaca ─developed_by→"),
        "{text}"
    );
    let out = common::llmkg()
        .args(["common", "Alpaca", "Vicuna", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ancestors: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ancestors, ["llama"]);
    let shared = v["shared_organizations"].as_array().unwrap();
    assert_eq!(shared.len(), 2, "{shared:?}");
    assert!(shared.iter().all(|e| e["target"] == "stanford-university"));
}
