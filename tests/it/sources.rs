//! Inputs named by a sources file (`--sources`), each read with column names of its own.

use crate::common;
use common::{fixture, json_of, llmkg, run};

#[test]
fn two_hub_dumps_with_different_columns_load_in_one_run() {
    let sources = fixture("sources/sources.toml");
    let answer = json_of(llmkg().arg("--sources").arg(&sources).args([
        "ancestors",
        "someone/qwen-merge",
        "--format",
        "json",
    ]));
    let ids: Vec<&str> = answer["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"qwen--qwen2.5-7b"), "{ids:?}");
    let vicuna = json_of(llmkg().arg("--sources").arg(&sources).args([
        "ancestors",
        "TheBloke/vicuna-7B-v1.5-GGUF",
        "--format",
        "json",
    ]));
    assert!(vicuna.to_string().contains("meta-llama--llama-2-7b-hf"));
}

#[test]
fn the_command_line_columns_alone_cannot_read_both() {
    let a = fixture("sources/hub-a.csv");
    let b = fixture("sources/hub-b.csv");
    let (code, _, err) = run(llmkg().arg("--data").arg(&a).arg("--data").arg(&b).args([
        "--id-column",
        "modelId",
        "stats",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("hub-b.csv"), "{err}");
}

#[test]
fn a_sources_file_with_a_mistake_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sources.toml");
    std::fs::write(&file, "[[input]]\npath = \"nowhere.csv\"\n").unwrap();
    let (code, _, err) = run(llmkg().arg("--sources").arg(&file).arg("stats"));
    assert_eq!(code, 1);
    assert!(err.contains("sources.toml:2"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn a_model_two_dumps_list_is_one_node_with_both_as_evidence() {
    let sources = fixture("sources/sources.toml");
    let c = fixture("sources/hub-c.csv");
    let with_c = || {
        let mut cmd = llmkg();
        cmd.arg("--sources").arg(&sources).arg("--data").arg(&c);
        cmd
    };
    let list = json_of(with_c().args(["list", "--format", "json"]));
    let ids: Vec<&str> = (list["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(!ids.iter().any(|id| id.ends_with("-2")), "{ids:?}");
    let vicuna = json_of(with_c().args(["show", "lmsys/vicuna-7b-v1.5", "--format", "json"]));
    let base = (vicuna["out"].as_array().unwrap().iter())
        .find(|e| e["relation"] == "fine_tuned_from")
        .unwrap();
    let records = base["evidence_records"].as_array().unwrap();
    let mut files: Vec<&str> = records
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    files.sort_unstable();
    assert_eq!(files.len(), 2, "{base}");
    assert!(files[0].ends_with("hub-a.csv") && files[1].ends_with("hub-c.csv"));
    // known to the first dump only as a base: the row of the third fills it in
    let math = json_of(with_c().args(["show", "someone/qwen-math", "--format", "json"]));
    assert_eq!(math["released"], "2024-10-01", "{math}");
    assert!(math["attrs"].get("stub").is_none(), "{math}");
}
