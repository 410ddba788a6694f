//! The Hub's own formats as inputs: the Parquet metadata snapshot (tags as a list or as JSON
//! text, snappy or zstd) and the API's JSON (an array or JSON Lines) give the same graph, with
//! the four lineage relations, licences, datasets and papers read from the tags.

use crate::common;

use common::{fixture, json_of, llmkg, node};
use serde_json::Value;
use std::collections::BTreeSet;

const INPUTS: [&str; 4] = [
    "hub-snapshot/models.parquet",
    "hub-snapshot/models-json.parquet",
    "hub-snapshot/models.jsonl",
    "hub-snapshot/models.json",
];

/// The graph read from the fixture `input`, as node-link JSON.
fn graph_of(input: &str) -> Value {
    common::graph_of(&[fixture(input)])
}

/// The graph's edges as `source relation target`, and its nodes as `id kind`, without the
/// evidence (which names the file).
fn shape(g: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let edges = (g["edges"].as_array().unwrap().iter())
        .map(|e| {
            format!(
                "{} {} {}",
                s(&e["source"]),
                s(&e["relation"]),
                s(&e["target"])
            )
        })
        .collect();
    let nodes = (g["nodes"].as_array().unwrap().iter())
        .map(|n| format!("{} {} {}", s(&n["id"]), s(&n["kind"]), n["attrs"]))
        .collect();
    (edges, nodes)
}

#[test]
fn the_snapshot_gives_relations_licences_datasets_and_papers() {
    let g = graph_of(INPUTS[0]);
    let (edges, _) = shape(&g);
    for e in [
        "lmsys--vicuna-7b-v1.5 fine_tuned_from meta-llama--llama-2-7b-hf",
        "someone--vicuna-7b-lora adapter_of lmsys--vicuna-7b-v1.5",
        "thebloke--vicuna-7b-v1.5-gguf quantized_from lmsys--vicuna-7b-v1.5",
        "mixer--vicuna-mistral-merge merged_from lmsys--vicuna-7b-v1.5",
        "mixer--vicuna-mistral-merge merged_from mistralai--mistral-7b-v0.1",
        "lmsys--vicuna-7b-v1.5 trained_on anon8231489123--sharegpt-vicuna-unfiltered",
        "mixer--vicuna-mistral-merge trained_on anon8231489123--sharegpt-vicuna-unfiltered",
        "mixer--vicuna-mistral-merge trained_on huggingfaceh4--ultrachat-200k",
        "lmsys--vicuna-7b-v1.5 developed_by lmsys",
        // the namespace table knows whose namespace meta-llama is
        "meta-llama--llama-2-7b-hf developed_by meta-ai",
    ] {
        assert!(edges.contains(e), "missing {e} in {edges:#?}");
    }
    let vicuna = node(&g, "lmsys--vicuna-7b-v1.5");
    assert_eq!(vicuna["attrs"]["license"], "llama2");
    assert_eq!(vicuna["attrs"]["downloads"], 300_000);
    assert_eq!(vicuna["attrs"]["likes"], 350);
    assert_eq!(vicuna["released"], "2023-07-29");
    assert_eq!(
        vicuna["links"][0]["url"],
        "https://arxiv.org/abs/2306.05685"
    );
    let sharegpt = node(&g, "anon8231489123--sharegpt-vicuna-unfiltered");
    assert_eq!(sharegpt["kind"], "dataset");
    // the column the reader does not know is not read
    assert!(vicuna["attrs"].get("cardData").is_none());
}

#[test]
fn every_hub_format_gives_the_same_graph() {
    let first = shape(&graph_of(INPUTS[0]));
    assert!(first.0.len() > 10);
    for input in &INPUTS[1..] {
        assert_eq!(shape(&graph_of(input)), first, "{input}");
    }
}

#[test]
fn a_snapshot_without_an_id_column_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("x.parquet");
    std::fs::write(&bad, b"not parquet at all").unwrap();
    let out = llmkg()
        .arg("--data")
        .arg(&bad)
        .arg("stats")
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("not a readable Parquet file"), "{err}");
}

#[test]
fn stats_count_the_snapshot() {
    let s = json_of(
        llmkg()
            .arg("--data")
            .arg(fixture(INPUTS[1]))
            .args(["stats", "--format", "json"]),
    );
    let text = s.to_string();
    assert!(text.contains("\"merged_from\":2"), "{text}");
}
