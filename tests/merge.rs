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

/// `llmkg` on the organizations fixture: an awesome list whose entries link Hub and GitHub
/// namespaces, and an Epoch download naming the same organizations as people spell them.
fn orgs_fixture(facts: Option<&str>) -> assert_cmd::Command {
    let mut cmd = llmkg();
    if let Some(f) = facts {
        cmd.args(["--facts", f]);
    }
    cmd.args([
        "--data",
        "tests/fixtures/orgs/open-llms.md",
        "--data",
        "tests/fixtures/orgs/notable_ai_models.csv",
    ]);
    cmd
}

/// The labels of the organizations of a graph.
fn org_labels(cmd: &mut assert_cmd::Command) -> Vec<String> {
    let list = json_of(cmd.args(["list", "--kind", "organization", "--format", "json"]));
    (list["nodes"].as_array().unwrap().iter())
        .map(|n| n["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn namespaces_and_spellings_of_one_organization_are_one_node() {
    let orgs = org_labels(&mut orgs_fixture(None));
    // meta-llama (a Hub link), facebookresearch (a GitHub link) and Epoch's "Meta AI": one
    // node; AcmeLabs and "Acme Labs, Inc." by the spelling rule, with no table entry
    assert_eq!(
        orgs,
        ["AcmeLabs", "Meta AI", "Nous Research", "wonderlab"],
        "{orgs:?}"
    );
    let meta = json_of(orgs_fixture(None).args(["show", "Meta AI", "--format", "json"]));
    let aliases = strings(&meta["aliases"]);
    assert!(
        aliases.contains(&"meta-llama") && aliases.contains(&"facebookresearch"),
        "{aliases:?}"
    );
    // Code Llama is developed by Meta AI once, not by Meta AI and facebookresearch
    let code = json_of(orgs_fixture(None).args(["show", "Code Llama", "--format", "json"]));
    let by: Vec<&str> = (code["out"].as_array().unwrap().iter())
        .filter(|e| e["relation"] == "developed_by")
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["meta-ai"]);
    let acme = json_of(orgs_fixture(None).args(["show", "AcmeLabs", "--format", "json"]));
    assert_eq!(strings(&acme["sources"]), ["epoch", "list"]);
}

#[test]
fn a_facts_file_adds_a_namespace() {
    let orgs = org_labels(&mut orgs_fixture(Some(
        "tests/fixtures/orgs/wonder-facts.toml",
    )));
    assert!(orgs.contains(&"Wonder Institute".to_string()), "{orgs:?}");
    assert!(!orgs.contains(&"wonderlab".to_string()), "{orgs:?}");
    let wonder = json_of(
        orgs_fixture(Some("tests/fixtures/orgs/wonder-facts.toml"))
            .args(["show", "Wonder", "--format", "json"]),
    );
    let by: Vec<&str> = (wonder["out"].as_array().unwrap().iter())
        .filter(|e| e["relation"] == "developed_by")
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["wonder-institute"]);
}
