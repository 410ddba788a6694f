//! One meaning of family across commands (#21): on the bundled lists merged with an Epoch AI
//! download and Ecosystem Graphs assets, `stats`, `family NAME`, the `--family` filter and the
//! DOT drawing's family clusters agree on who is in a family: the models joined by lineage, not
//! what a model `uses` nor the data it was `trained_on` (GPT-4 and Whisper reach Llama's family
//! only through datasets in the fixture).

use crate::common;
use common::{fixture, json_of, llmkg, run};
use serde_json::Value;
use std::collections::BTreeSet;

/// `llmkg` on the bundled data, the family fixture's Epoch download and its Ecosystem assets.
fn merged() -> assert_cmd::Command {
    let mut cmd = llmkg();
    cmd.arg("--data")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
        .arg("--data")
        .arg(fixture("family/notable_ai_models.csv"))
        .arg("--data")
        .arg(fixture("family/assets"));
    cmd
}

/// The ids of an answer's or an export's nodes.
fn ids(v: &Value) -> BTreeSet<String> {
    (v["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn stats_and_family_count_the_same_members() {
    let stats = json_of(merged().args(["stats", "--format", "json"]));
    let families = stats["families"].as_array().unwrap();
    assert!(families.len() >= 3, "{stats}");
    for f in families {
        let root = f["root"]["id"].as_str().unwrap();
        let answer = json_of(merged().args(["family", root, "--format", "json"]));
        assert_eq!(
            answer["nodes"].as_array().unwrap().len() as u64,
            f["size"].as_u64().unwrap(),
            "the family of {root}: {answer}"
        );
    }
    let largest = families[0]["root"]["id"].as_str().unwrap();
    assert_eq!(largest, "llama");
    let llama = ids(&json_of(
        merged().args(["family", "Llama", "--format", "json"]),
    ));
    // joined by lineage from three sources: Vicuna and Podcast Llama (Ecosystem Graphs), Mistral
    // 7B through a merge of both (Ecosystem Graphs), Zephyr through Epoch's base model
    for member in [
        "llama",
        "vicuna",
        "podcast-llama",
        "llamistral",
        "mistral-7b",
        "zephyr",
    ] {
        assert!(llama.contains(member), "{member} in {llama:?}");
    }
    // linked only by `uses` (a dataset made with them) and `trained_on` (that dataset)
    for stranger in ["gpt-4", "whisper", "sharegpt", "podcast-transcripts"] {
        assert!(!llama.contains(stranger), "{stranger} in {llama:?}");
    }
    let whisper = json_of(merged().args(["family", "Whisper", "--format", "json"]));
    assert_eq!(ids(&whisper), BTreeSet::from(["whisper".to_string()]));
}

#[test]
fn the_filter_and_the_drawing_take_the_same_family() {
    let llama = ids(&json_of(
        merged().args(["family", "Llama", "--format", "json"]),
    ));
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(merged()
        .args(["export", "--family", "Llama", "--format", "json", "--out"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("graph.json")).unwrap();
    let exported: Value = serde_json::from_str(&text).unwrap();
    let kind = |id: &str| {
        (exported["nodes"].as_array().unwrap().iter())
            .find(|n| n["id"] == id)
            .map(|n| n["kind"].as_str().unwrap().to_string())
    };
    let models: BTreeSet<String> = ids(&exported)
        .into_iter()
        .filter(|id| kind(id).as_deref() == Some("model"))
        .collect();
    assert_eq!(
        models, llama,
        "the --family filter keeps the family's models"
    );

    // the DOT drawing's cluster of the family holds its members
    let (code, _, err) = run(merged()
        .args(["export", "--format", "dot", "--out"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let dot = std::fs::read_to_string(dir.path().join("graph.dot")).unwrap();
    let cluster: BTreeSet<String> = dot
        .split("subgraph \"cluster_family:llama\" {")
        .nth(1)
        .expect("a cluster for Llama's family")
        .lines()
        .skip(1)
        .take_while(|l| l.trim() != "}")
        .filter(|l| !l.contains('='))
        .map(|l| l.trim().trim_matches('"').to_string())
        .collect();
    assert_eq!(cluster, llama);

    // a dataset is in no family: the query says so, the filter refuses it
    let (code, out, _) = run(merged().args(["family", "sharegpt"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("ShareGPT is a dataset: only models and methods belong to a family"),
        "{out}"
    );
    let (code, _, err) = run(merged()
        .args(["export", "--family", "sharegpt", "--out"])
        .arg(dir.path()));
    assert_ne!(code, 0);
    assert!(
        err.contains("only models and methods belong to a family"),
        "{err}"
    );
}
