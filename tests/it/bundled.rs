//! The bundled data, as a user sees it: every entry of the list is a node with its date, links,
//! sizes and organizations; every lineage statement is an edge with its evidence; `check` exits 0;
//! and the committed `out/` is exactly what `llmkg export` writes today.

use serde_json::Value;
use std::path::Path;

use crate::common;

use common::{json_of, llmkg};

fn json(args: &[&str]) -> Value {
    json_of(llmkg().args(args))
}

fn show(name: &str) -> Value {
    json(&["show", name, "--format", "json"])
}

/// The targets of `node`'s outgoing edges of one relation, as ids.
fn out_targets(node: &Value, relation: &str) -> Vec<String> {
    let mut v: Vec<String> = node["out"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == relation)
        .map(|e| e["target"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

const BASE_MODELS: [&str; 26] = [
    "Llama",
    "ChatGLM",
    "Alpaca",
    "Vicuna",
    "WizardLM",
    "Falcon",
    "ChatGLM2",
    "Baichuan-7b",
    "Baichuan-13b",
    "InternLM",
    "Llama 2",
    "Code Llama",
    "Qwen",
    "Baichuan 2",
    "Phi-1.5",
    "Mistral-7B",
    "Deepseek",
    "MiniCPM",
    "Mixtral-8x22B",
    "Phi-3",
    "Llama 3",
    "Qwen-1.5-110B",
    "Qwen2",
    "Llama 3.1",
    "Qwen2.5",
    "Llama 3.2",
];
const METHODS: [&str; 9] = [
    "P-Tuning",
    "LoRA",
    "P-Tuning V2",
    "RLHF",
    "RRHF",
    "QLoRA",
    "RLTF",
    "RRTF",
    "RLAIF",
];

#[test]
fn check_on_the_bundled_data_exits_0_and_reports_the_repairs() {
    let v = json(&["check", "--format", "json"]);
    assert_eq!(v["errors"], 0, "{v:#}");
    let diags = v["diagnostics"].as_array().unwrap();
    let repaired: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "repaired-encoding")
        .map(|d| d["location"].as_str().unwrap())
        .collect();
    assert!(
        repaired.contains(&"data/LLM-BaseModel.md:2"),
        "{repaired:?}"
    );
    assert!(
        repaired.contains(&"data/LLM-BaseModel.md:53"),
        "{repaired:?}"
    );
    // where curated facts correct the list, check says so
    let conflicts: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "conflict")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        conflicts
            .iter()
            .any(|m| m.starts_with("ChatGLM: the list says sizes \"7B\"")),
        "{conflicts:?}"
    );
    // the list names Falcon's country, not its organization: no conflict with the curated file
    assert!(
        !conflicts.iter().any(|m| m.starts_with("Falcon:")),
        "{conflicts:?}"
    );
}

#[test]
fn every_entry_of_the_list_is_a_node() {
    let v = json(&["list", "--format", "json"]);
    let nodes = v["nodes"].as_array().unwrap();
    let find = |label: &str, kind: &str| {
        nodes
            .iter()
            .find(|n| n["label"] == label && n["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} {label}"))
    };
    for m in BASE_MODELS {
        let n = find(m, "model");
        assert!(n["released"].is_string(), "{m} has a date");
        assert!(n["organization"].is_string(), "{m} has an organization");
    }
    for m in METHODS {
        find(m, "method");
    }
    // models named inside entries are nodes too, with their own dates
    for (m, date) in [
        ("WizardCoder", "2023-08"),
        ("Phi-2", "2023-12"),
        ("Mixtral-8x7B", "2023-12"),
        ("CodeLlama-70b", "2024-01"),
        ("Qwen-14B", "2023-09"),
        ("Qwen-1.8B", "2023-11"),
        ("Qwen-72B", "2023-11"),
        ("Qwen2.5-Coder", "2024-09"),
        ("Qwen2.5-Math", "2024-09"),
    ] {
        assert_eq!(find(m, "model")["released"], date, "{m}");
    }
    // the list says 2023/06; the curated file corrects it
    assert_eq!(find("WizardMath", "model")["released"], "2023-08");
}

#[test]
fn entries_have_their_links_sizes_and_organizations() {
    let llama = show("Llama");
    assert_eq!(llama["id"], "llama");
    assert_eq!(llama["released"], "2023-02");
    assert_eq!(
        llama["sizes"],
        serde_json::json!(["7B", "13B", "33B", "65B"])
    );
    assert_eq!(llama["sizes_b"], serde_json::json!([7.0, 13.0, 33.0, 65.0]));
    assert_eq!(out_targets(&llama, "developed_by"), ["meta-ai"]);
    let links: Vec<(&str, &str)> = llama["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["kind"].as_str().unwrap(), l["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            ("paper", "https://arxiv.org/pdf/2302.13971.pdf"),
            ("code", "https://github.com/facebookresearch/llama"),
            ("model", "https://huggingface.co/meta-llama"),
        ]
    );
    let vicuna = show("Vicuna");
    assert_eq!(
        out_targets(&vicuna, "developed_by"),
        [
            "carnegie-mellon-university",
            "stanford-university",
            "uc-berkeley"
        ]
    );
    assert_eq!(
        show("Mixtral-8x22B")["sizes"],
        serde_json::json!(["39B active", "141B"])
    );
    assert_eq!(
        show("MiniCPM")["sizes"],
        serde_json::json!(["2.4B", "2.7B"])
    );
    // ChatGLM2's heading has no space before its links; its description had mis-decoded text
    let glm2 = show("ChatGLM2");
    assert_eq!(
        glm2["links"][0]["url"],
        "https://arxiv.org/pdf/2210.02414.pdf"
    );
    assert!(!glm2["description"].as_str().unwrap().contains("ï¼"));
    // Baichuan 2's links are broken across lines
    assert_eq!(show("Baichuan 2")["links"].as_array().unwrap().len(), 3);
}

#[test]
fn corrections_keep_both_sources_visible() {
    let glm = show("ChatGLM");
    assert_eq!(glm["sizes"], serde_json::json!(["6B"]));
    let c = &glm["corrections"][0];
    assert_eq!(c["field"], "sizes");
    assert_eq!(c["list_value"], "7B");
    assert_eq!(c["list_evidence"]["file"], "data/LLM-BaseModel.md");
    assert_eq!(c["curated_value"], "6B");
    assert_eq!(
        c["curated_evidence"]["url"],
        "https://huggingface.co/THUDM/chatglm-6b"
    );
    let falcon = show("Falcon");
    assert_eq!(
        out_targets(&falcon, "developed_by"),
        ["technology-innovation-institute"]
    );
    // "United Arab Emirates proposes Falcon": a country, so Falcon's `country`; its Hub
    // namespace and the curated correction agree on who made it, so no correction is shown
    assert_eq!(falcon["attrs"]["country"], "United Arab Emirates");
    assert!(falcon["corrections"].as_array().is_none_or(Vec::is_empty));
    let qlora = show("QLoRA");
    assert_eq!(
        out_targets(&qlora, "developed_by"),
        ["university-of-washington"]
    );
}

#[test]
fn every_lineage_statement_of_the_prose_is_an_edge_with_evidence() {
    // (subject, relation, object id, line of the sentence)
    let expected = [
        ("Alpaca", "fine_tuned_from", "llama", 11),
        ("ChatGLM", "built_on", "glm", 7),
        ("ChatGLM2", "successor_of", "chatglm", 23),
        ("Baichuan-13b", "successor_of", "baichuan-7b", 29),
        ("Llama 2", "successor_of", "llama", 35),
        ("Code Llama", "derived_from", "llama-2", 38),
        ("Qwen2", "successor_of", "qwen1.5", 78),
        ("Qwen-1.5-110B", "variant_of", "qwen1.5", 75),
        ("P-Tuning V2", "extends", "p-tuning", 101),
        ("QLoRA", "extends", "lora", 112),
    ];
    for (subject, relation, object, line) in expected {
        let node = show(subject);
        let edge = node["out"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["relation"] == relation && e["target"] == object)
            .unwrap_or_else(|| panic!("{subject} {relation} {object}: {:#}", node["out"]));
        let ev = &edge["evidence"];
        assert_eq!(ev["source"], "list");
        assert_eq!(ev["file"], "data/LLM-BaseModel.md");
        assert_eq!(ev["line"], line, "{subject} {relation} {object}");
        assert!(ev["text"].as_str().unwrap().len() > 20);
    }
    // a curated fact overrides the prose (Vicuna "based on the Llama model") and says why
    let vicuna = show("Vicuna");
    assert_eq!(out_targets(&vicuna, "fine_tuned_from"), ["llama"]);
    assert!(out_targets(&vicuna, "derived_from").is_empty());
    // comparisons are not lineage: MiniCPM and Deepseek derive from nothing
    let roots = json(&["stats", "--format", "json"])["roots"].clone();
    let roots: Vec<&str> = roots
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in ["deepseek", "falcon", "minicpm", "llama"] {
        assert!(roots.contains(&r), "{r} in {roots:?}");
    }
}

#[test]
fn committed_out_matches_a_fresh_export() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    llmkg()
        .arg("export")
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let mut stale = Vec::new();
    for f in [
        "graph.dot",
        "graph.graphml",
        "graph.gexf",
        "nodes.csv",
        "edges.csv",
        "neo4j/nodes.csv",
        "neo4j/relationships.csv",
        "graph.json",
        "graph.mmd",
        "graph.html",
    ] {
        let fresh = std::fs::read(dir.path().join(f)).unwrap();
        let committed = std::fs::read(root.join("out").join(f)).unwrap_or_default();
        if fresh != committed {
            stale.push(f);
        }
    }
    assert!(
        stale.is_empty(),
        "out/ is stale for {stale:?}: run `cargo run --release -- export` and commit out/"
    );
}

#[test]
fn exports_are_byte_identical_from_run_to_run() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        llmkg()
            .arg("export")
            .arg("--out")
            .arg(d.path())
            .assert()
            .success();
    }
    for f in [
        "graph.dot",
        "graph.graphml",
        "graph.gexf",
        "nodes.csv",
        "graph.json",
        "graph.mmd",
        "graph.html",
    ] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}
