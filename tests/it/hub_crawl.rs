//! Researchers' Hub crawls (a CSV with each model's `ModelInfo` JSON in a `metadata` column and
//! its derived models in Python lists, or the same rows as `{"models": [...]}`): read as the
//! API's records, with the lists giving the relation from the parent's side.

use crate::common;

use common::{fixture, graph_of, llmkg, node};
use serde_json::Value;
use std::collections::BTreeSet;

/// The edges as `source relation target` (each edge once, however many times it is in the
/// export), and the nodes as `id kind released attrs links`.
fn shape(g: &Value) -> (Vec<String>, BTreeSet<String>) {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut edges: Vec<String> = (g["edges"].as_array().unwrap().iter())
        .map(|e| {
            let (src, rel, dst) = (s(&e["source"]), s(&e["relation"]), s(&e["target"]));
            format!("{src} {rel} {dst}")
        })
        .collect();
    edges.sort();
    let nodes = (g["nodes"].as_array().unwrap().iter())
        .map(|n| {
            let (id, kind) = (s(&n["id"]), s(&n["kind"]));
            format!(
                "{id} {kind} {} {} {}",
                n["released"], n["attrs"], n["links"]
            )
        })
        .collect();
    (edges, nodes)
}

#[test]
fn a_crawl_csv_gives_the_same_graph_as_the_api_json_of_its_models() {
    let crawl = shape(&graph_of(&[fixture("hub-crawl/crawl.csv")]));
    let api = shape(&graph_of(&[fixture("hub-snapshot/models.json")]));
    // every edge once: the lists state the edges the tags state, and they are one edge each
    let unique: BTreeSet<&String> = crawl.0.iter().collect();
    assert_eq!(unique.len(), crawl.0.len(), "{:#?}", crawl.0);
    assert!(crawl.0.len() > 10);
    assert_eq!(crawl, api);
}

#[test]
fn a_crawl_gives_relations_licences_datasets_and_papers() {
    let g = graph_of(&[fixture("hub-crawl/crawl.csv")]);
    let (edges, _) = shape(&g);
    for e in [
        "lmsys--vicuna-7b-v1.5 fine_tuned_from meta-llama--llama-2-7b-hf",
        "someone--vicuna-7b-lora adapter_of lmsys--vicuna-7b-v1.5",
        "thebloke--vicuna-7b-v1.5-gguf quantized_from lmsys--vicuna-7b-v1.5",
        "mixer--vicuna-mistral-merge merged_from lmsys--vicuna-7b-v1.5",
        "mixer--vicuna-mistral-merge merged_from mistralai--mistral-7b-v0.1",
        "lmsys--vicuna-7b-v1.5 trained_on anon8231489123--sharegpt-vicuna-unfiltered",
        "meta-llama--llama-2-7b-hf developed_by meta-ai",
        // a Hub dataset is its namespace's, through the namespace table where it knows it
        "anon8231489123--sharegpt-vicuna-unfiltered developed_by anon8231489123",
        "huggingfaceh4--ultrachat-200k developed_by hugging-face",
    ] {
        assert!(edges.iter().any(|x| x == e), "missing {e} in {edges:#?}");
    }
    let vicuna = node(&g, "lmsys--vicuna-7b-v1.5");
    assert_eq!(vicuna["attrs"]["license"], "llama2");
    assert_eq!(vicuna["attrs"]["downloads"], 300_000);
    // `created_at` as huggingface_hub writes it
    assert_eq!(vicuna["released"], "2023-07-29");
    assert_eq!(
        vicuna["links"][0]["url"],
        "https://arxiv.org/abs/2306.05685"
    );
    assert_eq!(
        node(&g, "anon8231489123--sharegpt-vicuna-unfiltered")["kind"],
        "dataset"
    );
    // the metadata's card data and the card column are not read
    assert!(vicuna["attrs"].get("card_data").is_none());
    assert!(vicuna.get("description").is_none_or(Value::is_null));
}

#[test]
fn listed_models_without_a_row_get_their_edge_from_the_parent() {
    let g = graph_of(&[fixture("hub-crawl/crawl.json")]);
    let (edges, _) = shape(&g);
    for e in [
        // from the tags of the row, metadata as JSON text
        "lmsys--vicuna-7b-v1.5 fine_tuned_from meta-llama--llama-2-7b-hf",
        // from the lists only: these models have no row
        "someone--vicuna-7b-lora adapter_of lmsys--vicuna-7b-v1.5",
        "thebloke--vicuna-7b-v1.5-gguf quantized_from lmsys--vicuna-7b-v1.5",
        // two rows list the merge: one model merged from both
        "mixer--vicuna-mistral-merge merged_from lmsys--vicuna-7b-v1.5",
        "mixer--vicuna-mistral-merge merged_from meta-llama--llama-2-7b-hf",
        "someone--vicuna-7b-lora developed_by someone",
    ] {
        assert!(edges.iter().any(|x| x == e), "missing {e} in {edges:#?}");
    }
    let lineage = edges
        .iter()
        .filter(|e| e.contains("_from ") || e.contains(" adapter_of "));
    assert_eq!(lineage.count(), 5, "{edges:#?}");
    // the metadata given as an object is read as the text is
    assert_eq!(
        node(&g, "lmsys--vicuna-7b-v1.5")["attrs"]["license"],
        "llama2"
    );
}

#[test]
fn bad_json_in_a_metadata_cell_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("family.csv");
    let good = r#""{""id"": ""a/b"", ""tags"": []}""#;
    let text =
        format!(",model_id,metadata,children\n0,a/b,{good},[]\n1,c/d,\"{{\"\"id\"\": \",[]\n");
    std::fs::write(&path, text).unwrap();
    // `llmkg --data FILE stats` fails; what it says
    let refused = |file: &std::path::Path| {
        let out = llmkg()
            .arg("--data")
            .arg(file)
            .arg("stats")
            .assert()
            .failure();
        String::from_utf8_lossy(&out.get_output().stderr).to_string()
    };
    let err = refused(&path);
    assert!(err.contains("family.csv:3"), "{err}");
    assert!(err.contains("metadata"), "{err}");
    let json = dir.path().join("family.json");
    std::fs::write(
        &json,
        r#"{"models": [{"model_id": "a/b", "metadata": "{not json"}]}"#,
    )
    .unwrap();
    let err = refused(&json);
    assert!(
        err.contains("family.json") && err.contains("model 1 (\"a/b\")"),
        "{err}"
    );
}

#[test]
fn a_crawl_root_is_the_list_model_its_one_link_names() {
    let g = graph_of(&[fixture("hub-crawl/list.md"), fixture("hub-crawl/crawl.csv")]);
    let (edges, nodes) = shape(&g);
    // the list's Llama-2-7B links meta-llama/Llama-2-7b-hf alone, and the repository names it:
    // the crawl's row of that id is the list's node, and the fine-tune derives from it
    assert!(
        !nodes
            .iter()
            .any(|n| n.starts_with("meta-llama--llama-2-7b-hf ")),
        "{nodes:#?}"
    );
    let has = |e: &str| edges.iter().any(|x| x == e);
    assert!(
        has("lmsys--vicuna-7b-v1.5 fine_tuned_from llama-2-7b"),
        "{edges:#?}"
    );
    // the row's attributes fill in the list's node
    assert_eq!(node(&g, "llama-2-7b")["attrs"]["downloads"], 1_200_000);
    // Vicuna links two checkpoints of 7B and 13B: its 7B row is a checkpoint of the family
    assert!(has("lmsys--vicuna-7b-v1.5 variant_of vicuna"), "{edges:#?}");
}
