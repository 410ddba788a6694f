//! Relations typed by what they point at: Ecosystem Graphs' bare `dependencies` and Epoch AI's
//! `Training dataset` column become `trained_on` for data, `uses` for software, platforms and
//! models that are no base (teachers, encoders), nothing for placeholders, and lineage only where
//! a source says so; a lineage cycle that only merging makes is a disagreement, not an error.

use crate::common;
use common::{json_of, llmkg, run};
use serde_json::Value;

/// `llmkg` on the relations fixture: an Epoch download and an Ecosystem Graphs assets folder.
fn merged() -> assert_cmd::Command {
    let mut cmd = llmkg();
    cmd.args([
        "--data",
        "tests/fixtures/relations/notable_ai_models.csv",
        "--data",
        "tests/fixtures/relations/assets",
    ]);
    cmd
}

/// `(relation, target)` of each edge out of `name`, as `show` gives them.
fn out_edges(name: &str) -> Vec<(String, String)> {
    let node = json_of(merged().args(["show", name, "--format", "json"]));
    let mut edges: Vec<(String, String)> = (node["out"].as_array().unwrap().iter())
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("relation"), s("target"))
        })
        .filter(|(r, _)| r != "developed_by")
        .collect();
    edges.sort();
    edges
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = (list.iter())
        .map(|(r, t)| (r.to_string(), t.to_string()))
        .collect();
    v.sort();
    v
}

fn ids(v: &Value) -> Vec<&str> {
    (v["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap())
        .collect()
}

fn kind_of(id: &str) -> String {
    let node = json_of(merged().args(["show", id, "--format", "json"]));
    node["kind"].as_str().unwrap().to_string()
}

#[test]
fn software_and_platforms_are_used_never_ancestors() {
    let uses = |t: &'static str| ("uses", t);
    assert_eq!(
        out_edges("PaliGemma 2"),
        pairs(&[
            ("derived_from", "paligemma"),
            // the platform, beside the organization of the same name
            uses("hugging-face-2"),
            uses("hugging-face-transformers"),
            uses("jax"),
            uses("kaggle"),
            uses("keras"),
            uses("pytorch"),
        ])
    );
    assert_eq!(kind_of("pytorch"), "application");
    assert_eq!(kind_of("hugging-face-2"), "application");
    let up = json_of(merged().args(["ancestors", "PaliGemma 2", "--format", "json"]));
    assert_eq!(ids(&up), ["paligemma"], "only the model it is named after");
}

#[test]
fn a_placeholder_is_no_dependency_and_a_note_says_so() {
    // its one edge is to its family (a sized release): none to the placeholder
    assert_eq!(
        out_edges("Llama 3.1 405B"),
        pairs(&[("variant_of", "llama-3.1")])
    );
    let found = json_of(merged().args(["check", "--format", "json"]));
    let notes: Vec<&str> = (found["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "placeholder")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.iter().any(|m| m.contains("\"Unknown\"")), "{notes:?}");
    assert!(
        notes
            .iter()
            .any(|m| m.contains("\"Unspecified unreleased\"")),
        "{notes:?}"
    );
    let list = json_of(merged().args(["list", "--format", "json"]));
    assert!(
        !ids(&list)
            .iter()
            .any(|id| id.starts_with("unknown") || id.starts_with("unspecified"))
    );
}

#[test]
fn datasets_are_trained_on() {
    let guanaco = out_edges("Guanaco");
    assert!(
        guanaco.contains(&("trained_on".into(), "oasst1".into())),
        "{guanaco:?}"
    );
    let up = json_of(merged().args(["ancestors", "Guanaco", "--format", "json"]));
    assert_eq!(ids(&up), [] as [&str; 0], "no lineage to data");
    assert_eq!(
        out_edges("StarCoder2"),
        pairs(&[("trained_on", "the-stack-v2")])
    );
    assert_eq!(out_edges("ESM-2"), pairs(&[("trained_on", "uniref50")]));
    assert_eq!(kind_of("uniref50"), "dataset");
    assert_eq!(kind_of("oasst1"), "dataset");
}

#[test]
fn of_several_models_only_a_stated_or_named_base_is_lineage() {
    // the description says "fine-tuned from Meta's LLaMA"; the model that made its data is used
    assert_eq!(
        out_edges("Alpaca"),
        pairs(&[("derived_from", "llama"), ("uses", "text-davinci-003")])
    );
    // named after Mistral; the other model is used
    assert_eq!(
        out_edges("BioMistral"),
        pairs(&[
            ("derived_from", "mistral"),
            ("trained_on", "pubmed-central"),
            ("uses", "text-davinci-003"),
        ])
    );
    // the only model dependency is the base
    assert_eq!(
        out_edges("Zephyr"),
        pairs(&[("derived_from", "mistral"), ("trained_on", "ultrachat")])
    );
    // a library name some source defines as a model stays a model; a bare mention is used
    assert_eq!(
        out_edges("Retro Reader"),
        pairs(&[
            ("derived_from", "megatron-lm"),
            ("uses", "sentence-encoder-x")
        ])
    );
    assert_eq!(kind_of("megatron-lm"), "model");
    let up = json_of(merged().args(["ancestors", "Alpaca", "--format", "json"]));
    assert_eq!(ids(&up), ["llama"], "lineage queries do not walk `uses`");
    let fam = json_of(merged().args(["family", "Mistral", "--format", "json"]));
    assert!(
        !ids(&fam).contains(&"text-davinci-003"),
        "families do not walk `uses`: {:?}",
        ids(&fam)
    );
    let (code, why, _) = run(merged().args(["why", "Alpaca", "text-davinci-003"]));
    assert_eq!(code, 0, "{why}");
    assert!(why.contains("uses"), "{why}");
}

#[test]
fn epoch_training_datasets_are_trained_on_joined_with_ecosystem_datasets() {
    let gpt3 = out_edges("GPT-3 175B (davinci)");
    let trained: Vec<&str> = (gpt3.iter())
        .filter(|(r, _)| r == "trained_on")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        trained,
        ["books1", "books2", "common-crawl", "webtext2", "wikipedia"]
    );
    // commas inside parentheses do not split a dataset's name
    let bert = out_edges("BERT-Large");
    let trained: Vec<&str> = (bert.iter())
        .filter(|(r, _)| r == "trained_on")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(trained.len(), 2, "{bert:?}");
    assert!(trained[0].starts_with("bookcorpus"), "{bert:?}");
    // The Stack v2 named by both sources is one dataset node, used by both records
    let data = json_of(merged().args(["list", "--kind", "dataset", "--format", "json"]));
    let stacks: Vec<&str> = (ids(&data).into_iter())
        .filter(|id| id.starts_with("the-stack"))
        .collect();
    assert_eq!(stacks, ["the-stack-v2"]);
    let stack = json_of(merged().args(["show", "The Stack v2", "--format", "json"]));
    let users: Vec<&str> = (stack["in"].as_array().unwrap().iter())
        .filter(|e| e["relation"] == "trained_on")
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(users.len(), 2, "{users:?}");
    // a dataset named with its abbreviation (Epoch) and by its full name (Ecosystem) is one node
    let pdb: Vec<&str> = (ids(&data).into_iter())
        .filter(|id| id.contains("protein-data-bank") || id.starts_with("pdb"))
        .collect();
    assert_eq!(pdb.len(), 1, "{:?}", ids(&data));
    // the same row read alone gives the same edges
    let alone = json_of(llmkg().args([
        "--data",
        "tests/fixtures/relations/notable_ai_models.csv",
        "show",
        "GPT-3 175B (davinci)",
        "--format",
        "json",
    ]));
    let n = (alone["out"].as_array().unwrap().iter())
        .filter(|e| e["relation"] == "trained_on")
        .count();
    assert_eq!(n, 5);
}

#[test]
fn a_cycle_only_merging_makes_is_a_warning_naming_both_sources() {
    // DeepSeek-V3 depends on R1 in Ecosystem Graphs, R1 is built on V3 in Epoch: R1 came out
    // later, so V3 only used it, and there is no cycle
    assert_eq!(out_edges("DeepSeek-V3"), pairs(&[("uses", "deepseek-r1")]));
    let (code, out, _) = run(merged().arg("check"));
    assert_eq!(code, 0, "a disagreement between sources is no error: {out}");
    let cycles: Vec<&str> = (out.lines()).filter(|l| l.contains("[cycle")).collect();
    assert_eq!(cycles.len(), 1, "{out}");
    let c = cycles[0];
    assert!(c.contains("warning[cycle-across-sources]"), "{c}");
    assert!(c.contains("Heron fine_tuned_from Kestrel (epoch"), "{c}");
    assert!(c.contains("notable_ai_models.csv:7"), "{c}");
    assert!(c.contains("Kestrel derived_from Heron (ecosystem"), "{c}");
    assert!(c.contains("models.yaml:"), "{c}");
    // lineage queries still end
    let up = json_of(merged().args(["ancestors", "Kestrel", "--format", "json"]));
    assert!(ids(&up).contains(&"heron"), "{:?}", ids(&up));
}

#[test]
fn a_cycle_one_source_makes_alone_is_an_error() {
    let (code, out, _) =
        run(llmkg().args(["--data", "tests/fixtures/relations/contradiction", "check"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[cycle]"), "{out}");
    assert!(!out.contains("cycle-across-sources"), "{out}");
}

#[test]
fn the_order_of_inputs_changes_no_relation() {
    let edges = |first: &str, second: &str| {
        let mut cmd = llmkg();
        cmd.args([
            "--data", first, "--data", second, "export", "--format", "json", "--out", "-",
        ]);
        let g = json_of(&mut cmd);
        let mut v: Vec<String> = (g["edges"].as_array().unwrap().iter())
            .map(|e| format!("{} {} {}", e["source"], e["relation"], e["target"]))
            .collect();
        v.sort();
        v
    };
    let epoch = "tests/fixtures/relations/notable_ai_models.csv";
    let ecosystem = "tests/fixtures/relations/assets";
    assert_eq!(edges(epoch, ecosystem), edges(ecosystem, epoch));
}
