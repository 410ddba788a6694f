//! Inputs named by a sources file (`--sources`), each read with column names of its own.

mod common;
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
