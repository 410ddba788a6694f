//! `llmkg licences`: every ancestor's licence, normalised and classed, and the drifts (a derived
//! model more permissive than an ancestor) with their chain and evidence.

use crate::common;

use common::{fixture, json_of, llmkg};
use serde_json::Value;

/// `licences NAME --format json` on one input.
fn licences(input: &str, name: &str) -> Value {
    json_of(
        llmkg()
            .arg("--data")
            .arg(fixture(input))
            .args(["licences", name, "--format", "json"]),
    )
}

#[test]
fn an_adapter_relicensed_as_apache_drifts_from_its_llama2_base() {
    let v = licences("hub-snapshot/models.parquet", "someone/vicuna-7b-lora");
    let classes: Vec<(&str, &str)> = (v["licences"].as_array().unwrap().iter())
        .map(|l| (l["id"].as_str().unwrap(), l["class"].as_str().unwrap()))
        .collect();
    assert_eq!(
        classes,
        [
            ("someone--vicuna-7b-lora", "permissive"),
            ("lmsys--vicuna-7b-v1.5", "custom-restricted"),
            ("meta-llama--llama-2-7b-hf", "custom-restricted"),
        ]
    );
    let drifts = v["drifts"].as_array().unwrap();
    assert_eq!(drifts.len(), 1, "{drifts:#?}");
    let d = &drifts[0];
    assert_eq!(d["code"], "license-drift");
    assert_eq!(
        d["message"],
        "someone/vicuna-7b-lora is apache-2.0 but derives from lmsys/vicuna-7b-v1.5 (llama2)"
    );
    assert_eq!(d["chain"][0]["relation"], "adapter_of");
    assert_eq!(d["chain"][0]["evidence"][0]["line"], 3);
}

#[test]
fn a_chain_under_one_licence_has_no_drift() {
    let v = licences("hub-snapshot/models.jsonl", "TheBloke/vicuna-7B-v1.5-GGUF");
    assert_eq!(v["licences"].as_array().unwrap().len(), 3);
    assert!(v["drifts"].as_array().unwrap().is_empty());
}

#[test]
fn permissive_licences_among_themselves_do_not_drift_and_a_non_commercial_one_does() {
    let v = licences("hub-snapshot/permissive.jsonl", "quant/open-chat-gguf");
    assert!(v["drifts"].as_array().unwrap().is_empty(), "{v:#}");
    // MIT written in another case is the table's mit, and it is below a non-commercial parent
    let v = licences("hub-snapshot/permissive.jsonl", "relicensed/nc-to-mit");
    let drifts = v["drifts"].as_array().unwrap();
    assert_eq!(drifts.len(), 1, "{v:#}");
    assert_eq!(drifts[0]["ancestor"], "research--open-chat-nc");
    assert_eq!(v["licences"][0]["license"], "mit");
    assert_eq!(v["licences"][0]["written"], "MIT");
}

#[test]
fn the_table_names_each_drift_with_its_chain() {
    let out = llmkg()
        .arg("--data")
        .arg(fixture("hub-snapshot/models.parquet"))
        .args(["licences", "mixer/vicuna-mistral-merge"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("warning[license-drift]: mixer/vicuna-mistral-merge is mit but derives from lmsys/vicuna-7b-v1.5 (llama2)"), "{text}");
    assert!(
        text.contains("--merged_from--> lmsys/vicuna-7b-v1.5"),
        "{text}"
    );
    assert!(text.contains("no licence known"), "{text}");
}

/// The `license-drift` findings of `check --format json` on `input`, with `args` before it.
fn drift_findings(input: &str, args: &[&str]) -> Vec<String> {
    let v = json_of(
        llmkg()
            .args(args)
            .arg("--data")
            .arg(fixture(input))
            .args(["check", "--format", "json"]),
    );
    (v["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "license-drift")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_finds_each_drift_where_the_licence_changed() {
    // in the order of the rows (the GGUF keeps llama2: no drift)
    let found = drift_findings("hub-snapshot/models.parquet", &[]);
    assert_eq!(
        found,
        [
            "someone/vicuna-7b-lora is apache-2.0 but derives from lmsys/vicuna-7b-v1.5 (llama2): \
             someone/vicuna-7b-lora adapter_of lmsys/vicuna-7b-v1.5",
            "mixer/vicuna-mistral-merge is mit but derives from lmsys/vicuna-7b-v1.5 (llama2): \
             mixer/vicuna-mistral-merge merged_from lmsys/vicuna-7b-v1.5",
        ],
        "{found:#?}"
    );
}

#[test]
fn check_finds_no_drift_along_a_permissive_chain() {
    // base (apache-2.0) <- open-chat (mit) <- open-chat-gguf (apache-2.0): permissive all the
    // way; only the MIT adapter of the non-commercial fine-tune drifts, and only from it
    let found = drift_findings("hub-snapshot/permissive.jsonl", &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("relicensed/nc-to-mit is mit but derives from research/open-chat-nc"),
        "{found:#?}"
    );
}

#[test]
fn a_fact_file_extends_the_licence_table() {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("licences.toml");
    std::fs::write(
        &facts,
        "[[licence]]\nid = \"llama2\"\nclass = \"custom-restricted\"\nmay_become = [\"apache-2.0\", \"mit\"]\n",
    )
    .unwrap();
    let facts = facts.to_str().unwrap();
    assert!(drift_findings("hub-snapshot/models.parquet", &["--facts", facts]).is_empty());
}

#[test]
fn exports_and_the_page_carry_the_licence_class() {
    let dir = tempfile::tempdir().unwrap();
    llmkg()
        .arg("--data")
        .arg(fixture("hub-snapshot/models.parquet"))
        .args(["export", "--format", "json,graphml,csv,html", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let g: Value = serde_json::from_str(&read("graph.json")).unwrap();
    let class = |id: &str| {
        let n = (g["nodes"].as_array().unwrap().iter()).find(|n| n["id"] == id);
        n.unwrap()["attrs"]["license_class"].clone()
    };
    assert_eq!(class("lmsys--vicuna-7b-v1.5"), "custom-restricted");
    assert_eq!(class("someone--vicuna-7b-lora"), "permissive");
    // a node with no licence has no class
    assert_eq!(class("mistralai--mistral-7b-v0.1"), Value::Null);
    assert!(read("graph.graphml").contains("attr.name=\"license_class\""));
    assert!(
        read("nodes.csv")
            .lines()
            .next()
            .unwrap()
            .contains("license_class")
    );
    assert!(read("graph.html").contains("\"licence\":\"llama2 (custom-restricted)\""));
}

#[test]
fn a_successor_is_not_a_derivative_and_a_drift_is_told_once() {
    // Base 3.1 is Base 3's successor (a new model, its own licence): Tune under llama3.1 does not
    // drift from Base 3's llama3; Tune 2 under MIT drifts from Tune, and is not told again
    // against Base 3
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("lineage.json");
    std::fs::write(&graph, r#"{"nodes": [{"id": "base-3", "label": "Base 3", "kind": "model", "attrs": {"license": "llama3"}, "origin": {"source": "curated", "file": "lineage.json", "line": 2}}, {"id": "base-31", "label": "Base 3.1", "kind": "model", "origin": {"source": "curated", "file": "lineage.json", "line": 3}}, {"id": "tune", "label": "Tune", "kind": "model", "attrs": {"license": "llama3.1"}, "origin": {"source": "curated", "file": "lineage.json", "line": 4}}, {"id": "tune-2", "label": "Tune 2", "kind": "model", "attrs": {"license": "mit"}, "origin": {"source": "curated", "file": "lineage.json", "line": 5}}], "edges": [{"source": "base-31", "target": "base-3", "relation": "successor_of", "evidence": {"source": "curated", "file": "lineage.json", "line": 10}}, {"source": "tune", "target": "base-31", "relation": "fine_tuned_from", "evidence": {"source": "curated", "file": "lineage.json", "line": 11}}, {"source": "tune-2", "target": "tune", "relation": "fine_tuned_from", "evidence": {"source": "curated", "file": "lineage.json", "line": 12}}]}"#).unwrap();
    let v = json_of(
        llmkg()
            .arg("--data")
            .arg(&graph)
            .args(["check", "--format", "json"]),
    );
    let found: Vec<&str> = (v["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "license-drift")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        found,
        ["Tune 2 is mit but derives from Tune (llama3.1): Tune 2 fine_tuned_from Tune"]
    );
}

#[test]
fn the_weights_licence_of_an_ecosystem_text_is_the_one_judged() {
    // Ecosystem Graphs writes `LLaMA License (model weights), GPLv3 (code)` and
    // `CC BY NC 4.0 (model weights)`: the weights' licence is the one that counts
    let v = licences("ecosystem/assets", "Alpaca");
    let ids: Vec<(&str, &str)> = (v["licences"].as_array().unwrap().iter())
        .map(|l| (l["license"].as_str().unwrap(), l["class"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("cc-by-nc-4.0", "non-commercial"),
            ("llama-research", "non-commercial")
        ]
    );
    assert!(v["drifts"].as_array().unwrap().is_empty(), "{v:#}");
    // Vicuna, under Apache 2.0, derives from the research-only LLaMA
    let v = licences("ecosystem/assets", "Vicuna");
    let drifts = v["drifts"].as_array().unwrap();
    assert_eq!(drifts.len(), 1, "{v:#}");
    assert_eq!(
        drifts[0]["message"],
        "Vicuna is apache-2.0 but derives from LLaMA (llama-research)"
    );
}
