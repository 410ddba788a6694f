//! One graph from every source: Epoch AI and Ecosystem Graphs read without flags, merged with
//! the bundled lists (one node per entity, organizations across spellings, sized releases tied
//! to their family), every fact with the sources that assert it, and disagreements in `check`.

mod common;
use common::{json_of, llmkg};
use serde_json::Value;

/// `llmkg` on the bundled data, the merge fixture's Epoch download and its Ecosystem assets.
fn merged() -> assert_cmd::Command {
    let mut cmd = llmkg();
    cmd.args([
        "--data",
        "data",
        "--data",
        "tests/fixtures/merge/notable_ai_models.csv",
        "--data",
        "tests/fixtures/merge/assets",
    ]);
    cmd
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

fn ids(v: &Value) -> Vec<&str> {
    (v["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap())
        .collect()
}

#[test]
fn each_layout_is_read_without_flags() {
    for (file, expect) in [
        (
            "tests/fixtures/epoch/notable_ai_models.csv",
            "qwen2.5-coder",
        ),
        ("tests/fixtures/epoch/all_ai_models.csv", "mixtral"),
        ("tests/fixtures/ecosystem/assets", "vicuna"),
        ("tests/fixtures/ecosystem/all_assets.csv", "vicuna"),
    ] {
        let list = json_of(llmkg().args(["--data", file, "list", "--format", "json"]));
        assert!(
            ids(&list).iter().any(|id| id.contains(expect)),
            "{file}: {:?}",
            ids(&list)
        );
    }
    // the assets folder and its flattening are the same graph
    let of = |data: &str| json_of(llmkg().args(["--data", data, "list", "--format", "json"]));
    assert_eq!(
        of("tests/fixtures/ecosystem/assets"),
        of("tests/fixtures/ecosystem/all_assets.csv")
    );
}

#[test]
fn one_entity_is_one_node_with_every_name_and_source() {
    let zephyr = json_of(merged().args(["show", "Zephyr 7B", "--format", "json"]));
    assert_eq!(zephyr["id"], "zephyr");
    assert_eq!(strings(&zephyr["aliases"]), ["Zephyr-7B", "Zephyr 7B"]);
    assert_eq!(strings(&zephyr["sources"]), ["ecosystem", "epoch"]);
    let llama2 = json_of(merged().args(["show", "Llama 2", "--format", "json"]));
    assert_eq!(
        strings(&llama2["sources"]),
        ["curated", "ecosystem", "list"]
    );
    // the Ecosystem's "Meta" is the list's Meta AI: one organization, one edge, two sources
    let by_meta = (llama2["out"].as_array().unwrap().iter())
        .find(|e| e["relation"] == "developed_by")
        .unwrap();
    assert_eq!(by_meta["target"], "meta-ai");
    assert_eq!(strings(&by_meta["sources"]), ["ecosystem", "list"]);
    assert_eq!(by_meta["evidence_records"].as_array().unwrap().len(), 2);
    // Epoch's sized releases are variants of the family the list has
    let sized = (llama2["in"].as_array().unwrap().iter())
        .filter(|e| e["relation"] == "variant_of")
        .map(|e| e["source"].as_str().unwrap())
        .collect::<Vec<_>>();
    assert!(
        sized.contains(&"llama-2-70b") && sized.contains(&"llama-2-7b"),
        "{sized:?}"
    );
}

#[test]
fn datasets_and_applications_have_their_own_kinds_and_relations() {
    let data = json_of(merged().args(["list", "--kind", "dataset", "--format", "json"]));
    assert_eq!(ids(&data), ["soundbank", "ultrachat"]);
    let apps = json_of(merged().args(["list", "--kind", "application", "--format", "json"]));
    assert_eq!(ids(&apps), ["huggingchat"]);
    let chat = json_of(merged().args(["show", "HuggingChat", "--format", "json"]));
    let out = &chat["out"].as_array().unwrap();
    assert!(
        out.iter()
            .any(|e| e["relation"] == "uses" && e["target"] == "zephyr")
    );
    let zephyr = json_of(merged().args(["show", "zephyr", "--format", "json"]));
    let trained = (zephyr["out"].as_array().unwrap().iter())
        .any(|e| e["relation"] == "trained_on" && e["target"] == "ultrachat");
    assert!(trained, "{zephyr}");
    // lineage queries follow model-to-model relations only
    let up = json_of(merged().args(["ancestors", "zephyr", "--format", "json"]));
    assert!(!ids(&up).contains(&"ultrachat"), "{:?}", ids(&up));
}

#[test]
fn stats_count_each_source_and_the_edges_they_agree_on() {
    let stats = json_of(merged().args(["stats", "--format", "json"]));
    let by = &stats["by_source"];
    for source in ["list", "curated", "epoch", "ecosystem"] {
        assert!(by[source]["nodes"].as_u64().unwrap() > 0, "{source}: {by}");
    }
    assert_eq!(by["epoch"]["nodes"], 9, "{by}");
    assert!(
        stats["edges_sources_agree_on"].as_u64().unwrap() >= 3,
        "{stats}"
    );
}

#[test]
fn check_names_both_sources_where_they_disagree() {
    let found = json_of(merged().args(["check", "--format", "json"]));
    let of = |code: &str| -> Vec<String> {
        (found["diagnostics"].as_array().unwrap().iter())
            .filter(|d| d["code"] == code)
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let parent = of("parent-disagrees");
    assert_eq!(parent.len(), 1, "{parent:?}");
    assert!(parent[0].starts_with("Zephyr: ecosystem says it derives from Llama 2"));
    assert!(parent[0].contains("notable_ai_models.csv:5") && parent[0].contains("acme.yaml:13"));
    let date = of("date-disagrees");
    assert_eq!(date.len(), 1, "{date:?}");
    assert!(date[0].contains("released 2023-06 by list, 2023-09-01 by ecosystem"));
    let org = of("organization-disagrees");
    assert_eq!(org.len(), 1, "{org:?}");
    assert!(
        org[0].contains("Technology Innovation Institute by list, by Falcon Labs by ecosystem")
    );
}

/// `llmkg` on a list entry and an Ecosystem Graphs asset that assert the same edge (Alpaca
/// fine-tuned from Llama), and a list entry no other source repeats (Vicuna).
fn two_sources() -> assert_cmd::Command {
    let mut cmd = llmkg();
    cmd.args([
        "--data",
        "tests/fixtures/answers/models.md",
        "--data",
        "tests/fixtures/answers/assets",
    ]);
    cmd
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

const LIST_LINE: &str = "[list] tests/fixtures/answers/models.md:7 \"2023/03, Stanford";
const ECOSYSTEM_LINE: &str = "[ecosystem] tests/fixtures/answers/assets/stanford.yaml:14 https://crfm.stanford.edu/2023/03/13/alpaca.html";

#[test]
fn why_and_path_print_the_evidence_of_every_source() {
    for args in [["why", "Alpaca", "Llama"], ["path", "Alpaca", "Llama"]] {
        let text = stdout(two_sources().args(args));
        assert!(text.contains(LIST_LINE), "{args:?}:\n{text}");
        assert!(text.contains(ECOSYSTEM_LINE), "{args:?}:\n{text}");
        // the second source's line sits under the first one's evidence column
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|l| l.contains(LIST_LINE)).unwrap();
        assert_eq!(
            lines[at].find("[list]"),
            lines[at + 1].find("[ecosystem]"),
            "{text}"
        );
        assert!(lines[at + 1].trim_start().starts_with("[ecosystem]"));
    }
    // an edge only one source asserts keeps its one unprefixed line
    let common = stdout(two_sources().args(["common", "Alpaca", "Vicuna"]));
    let vicuna = common
        .lines()
        .find(|l| l.contains("Vicuna  fine_tuned_from  Llama"))
        .unwrap();
    assert!(
        vicuna.ends_with("Llama  tests/fixtures/answers/models.md:10 \"2023/03, UC Berkeley University, CMU and Stanford University propose Vicuna, an open souce LLM fine-tuned based on the Llama model.\""),
        "{common}"
    );
    assert!(common.contains(ECOSYSTEM_LINE), "{common}");
    // what an organization builds on, too
    let org = stdout(two_sources().args(["org", "Stanford University"]));
    let lines: Vec<&str> = org.lines().collect();
    let at = lines.iter().position(|l| l.contains(LIST_LINE)).unwrap();
    assert!(
        lines[at].contains("Alpaca  fine_tuned_from  Llama  [Meta AI]  [list]"),
        "{org}"
    );
    assert_eq!(
        lines[at].find("[list]"),
        lines[at + 1].find("[ecosystem]"),
        "{org}"
    );
    assert!(lines[at + 1].contains(ECOSYSTEM_LINE), "{org}");
    // a tree line names the sources that agree on the edge it came by
    let tree = stdout(two_sources().args(["descendants", "Llama"]));
    assert!(
        tree.contains("←fine_tuned_from─ Alpaca (2023-03) [ecosystem, list]"),
        "{tree}"
    );
    assert!(
        tree.contains("←fine_tuned_from─ Vicuna (2023-03)\n"),
        "{tree}"
    );
}

#[test]
fn json_answers_give_each_edge_its_sources_and_every_record() {
    let queries: [&[&str]; 4] = [
        &["ancestors", "Alpaca"],
        &["descendants", "Llama"],
        &["why", "Alpaca", "Llama"],
        &["path", "Alpaca", "Llama"],
    ];
    for args in queries {
        let answer = json_of(two_sources().args(args).args(["--format", "json"]));
        let edge = (answer["edges"].as_array().unwrap().iter())
            .find(|e| e["source"] == "alpaca" && e["target"] == "llama")
            .unwrap_or_else(|| panic!("{args:?}: {answer}"));
        assert_eq!(strings(&edge["sources"]), ["ecosystem", "list"], "{args:?}");
        let records = edge["evidence_records"].as_array().unwrap();
        let of = |r: &Value| serde_json::json!([r["source"], r["file"], r["line"]]);
        assert_eq!(
            records.iter().map(of).collect::<Vec<_>>(),
            [
                serde_json::json!(["list", "tests/fixtures/answers/models.md", 7]),
                serde_json::json!([
                    "ecosystem",
                    "tests/fixtures/answers/assets/stanford.yaml",
                    14
                ]),
            ],
            "{args:?}"
        );
        assert_eq!(
            records[1]["url"],
            "https://crfm.stanford.edu/2023/03/13/alpaca.html"
        );
        // the first record is still `evidence_record`, as before
        assert_eq!(edge["evidence_record"], records[0]);
    }
    // the path's own edge list carries them too
    let path = json_of(two_sources().args(["path", "Alpaca", "Llama", "--format", "json"]));
    let edge = &path["paths"][0]["edges"][0];
    assert_eq!(strings(&edge["sources"]), ["ecosystem", "list"]);
    assert_eq!(edge["evidence_records"].as_array().unwrap().len(), 2);
    let vicuna = json_of(two_sources().args(["ancestors", "Vicuna", "--format", "json"]));
    assert_eq!(strings(&vicuna["edges"][0]["sources"]), ["list"]);
}
