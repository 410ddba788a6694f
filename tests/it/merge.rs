//! One graph from every source: Epoch AI and Ecosystem Graphs read without flags, merged with
//! the bundled lists (one node per entity, organizations across spellings, sized releases tied
//! to their family), every fact with the sources that assert it, and disagreements in `check`.

use crate::common;
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

/// The relation of the edge from `from` to `to`, if there is one.
fn relation(g: &Value, from: &str, to: &str) -> Option<String> {
    (g["edges"].as_array().unwrap().iter())
        .find(|e| e["source"] == from && e["target"] == to)
        .map(|e| e["relation"].as_str().unwrap().to_string())
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
    assert_eq!(zephyr["id"], "zephyr-7b");
    assert_eq!(strings(&zephyr["aliases"]), ["Zephyr-7B"]);
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
            .any(|e| e["relation"] == "uses" && e["target"] == "zephyr-7b")
    );
    let zephyr = json_of(merged().args(["show", "zephyr-7b", "--format", "json"]));
    let trained = (zephyr["out"].as_array().unwrap().iter())
        .any(|e| e["relation"] == "trained_on" && e["target"] == "ultrachat");
    assert!(trained, "{zephyr}");
    // lineage queries follow model-to-model relations only
    let up = json_of(merged().args(["ancestors", "zephyr-7b", "--format", "json"]));
    assert!(!ids(&up).contains(&"ultrachat"), "{:?}", ids(&up));
}

#[test]
fn stats_count_each_source_and_the_edges_they_agree_on() {
    let stats = json_of(merged().args(["stats", "--format", "json"]));
    let by = &stats["by_source"];
    for source in ["list", "curated", "epoch", "ecosystem"] {
        assert!(by[source]["nodes"].as_u64().unwrap() > 0, "{source}: {by}");
    }
    // Zephyr-7B's family, Zephyr, is made from the Epoch row that names a size of it
    assert_eq!(by["epoch"]["nodes"], 10, "{by}");
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
    assert!(
        parent[0].starts_with("Zephyr 7B: ecosystem says it derives from Llama 2"),
        "{parent:?}"
    );
    assert!(parent[0].contains("notable_ai_models.csv:5") && parent[0].contains("acme.yaml:13"));
    // Ecosystem's Falcon of "Falcon Labs" shares no organization with the list's Falcon of
    // TII, and no Hub id joins them: two models of one name, not a disagreement
    assert_eq!(of("date-disagrees"), Vec::<String>::new());
    assert_eq!(of("organization-disagrees"), Vec::<String>::new());
    let homonym = of("homonym");
    assert_eq!(homonym.len(), 1, "{homonym:?}");
    assert!(
        homonym[0].contains("Falcon (Falcon Labs)") && homonym[0].contains("LLM-BaseModel.md"),
        "{homonym:?}"
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

/// `llmkg` on the identity fixture's Epoch rows and Ecosystem assets, with `data` first when
/// `with_list`.
fn identity(with_list: bool, epoch_first: bool) -> assert_cmd::Command {
    let mut cmd = llmkg();
    if with_list {
        cmd.args(["--data", "data"]);
    }
    let (epoch, eco) = (
        "tests/fixtures/identity/notable_ai_models.csv",
        "tests/fixtures/identity/assets",
    );
    let (a, b) = if epoch_first {
        (epoch, eco)
    } else {
        (eco, epoch)
    };
    cmd.args(["--data", a, "--data", b]);
    cmd
}

fn node<'a>(graph: &'a Value, id: &str) -> &'a Value {
    (graph["nodes"].as_array().unwrap().iter())
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id} in {:?}", ids(graph)))
}

fn has_edge(graph: &Value, from: &str, relation: &str, to: &str) -> bool {
    (graph["edges"].as_array().unwrap().iter())
        .any(|e| e["source"] == from && e["relation"] == relation && e["target"] == to)
}

#[test]
fn a_hub_id_is_one_model_and_the_sized_name_keeps_it() {
    let g = json_of(identity(true, true).args(["export", "--format", "json", "--out", "-"]));
    // the list's Mistral-7B (curated Hub id) and Ecosystem's Mistral (the same model card)
    let mistral = node(&g, "mistral-7b");
    assert!(
        strings(&mistral["aliases"]).contains(&"Mistral"),
        "{mistral}"
    );
    assert!(!ids(&g).contains(&"mistral"), "{:?}", ids(&g));
    // Epoch's BLOOMZ-176B and Ecosystem's BLOOMZ link one Hub id: the sized name labels it
    let bloomz = node(&g, "bloomz-176b");
    assert_eq!(strings(&bloomz["aliases"]), ["BLOOMZ"]);
    assert!(
        !ids(&g).contains(&"bloomz"),
        "no family node: {:?}",
        ids(&g)
    );
}

#[test]
fn names_that_differ_in_punctuation_or_size_placement_are_one_model() {
    let g = json_of(identity(false, true).args(["export", "--format", "json", "--out", "-"]));
    let llama = node(&g, "llama-3.1-405b");
    assert_eq!(strings(&llama["aliases"]), ["Llama 3.1-405B"]);
    let falcon = node(&g, "falcon-180b");
    assert_eq!(strings(&falcon["sources"]), ["ecosystem", "epoch"]);
    let dup = ids(&g).into_iter().filter(|i| i.ends_with("-2")).count();
    assert_eq!(dup, 0, "{:?}", ids(&g));
}

#[test]
fn sized_releases_are_variants_whatever_else_is_loaded() {
    for with_list in [false, true] {
        let g =
            json_of(identity(with_list, true).args(["export", "--format", "json", "--out", "-"]));
        for sized in ["falcon-40b", "falcon-180b"] {
            assert!(
                has_edge(&g, sized, "variant_of", "falcon"),
                "{sized}, with the list: {with_list}"
            );
            let n = node(&g, sized);
            assert!(n["released"].as_str().unwrap().starts_with("2023-"), "{n}");
        }
        let falcon = node(&g, "falcon");
        assert!(
            !falcon["aliases"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == "Falcon-40B")),
            "{falcon}"
        );
    }
}

/// `llmkg` on the bundled data and the identity fixture's Epoch rows and Ecosystem assets,
/// given in the order `order` says (`d` the bundled data, `e` Epoch, `g` Ecosystem Graphs).
fn in_order(order: &str) -> assert_cmd::Command {
    let mut cmd = llmkg();
    for c in order.chars() {
        let path = match c {
            'd' => "data",
            'e' => "tests/fixtures/identity/notable_ai_models.csv",
            _ => "tests/fixtures/identity/assets",
        };
        cmd.args(["--data", path]);
    }
    cmd
}

#[test]
fn the_order_of_the_inputs_changes_nothing() {
    let stats = |order| json_of(in_order(order).args(["stats", "--format", "json"]));
    let graph = |order| json_of(in_order(order).args(["export", "--format", "json", "--out", "-"]));
    // the bundled data first, between and last: the same stats and the same graph, node for
    // node and edge for edge with their evidence
    let (first_stats, first) = (stats("deg"), graph("deg"));
    for order in ["gde", "egd"] {
        assert_eq!(stats(order), first_stats, "{order}");
        assert_eq!(graph(order), first, "{order}");
    }
}

/// The Epoch rows (by line) each node of `g` holds, kind first, for the nodes that hold any
/// and are no family (a family made for a sized row carries that row's evidence).
fn epoch_rows(g: &Value) -> Vec<(String, Vec<u64>)> {
    let families: Vec<&Value> = (g["edges"].as_array().unwrap().iter())
        .filter(|e| e["relation"] == "variant_of")
        .map(|e| &e["target"])
        .collect();
    let mut out: Vec<(String, Vec<u64>)> = (g["nodes"].as_array().unwrap().iter())
        .filter(|n| !families.contains(&&n["id"]))
        .filter_map(|n| {
            let also = n["also"].as_array().into_iter().flatten();
            let mut rows: Vec<u64> = (std::iter::once(&n["origin"]).chain(also))
                .filter(|ev| ev["source"] == "epoch")
                .filter_map(|ev| ev["line"].as_u64())
                .collect();
            rows.sort_unstable();
            rows.dedup();
            (!rows.is_empty()).then(|| (n["kind"].as_str().unwrap().to_string(), rows))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_epoch_row_is_the_same_entity_alone_and_merged() {
    let graph = |order| json_of(in_order(order).args(["export", "--format", "json", "--out", "-"]));
    let alone = epoch_rows(&graph("e"));
    // every row is a model of its own (Falcon-40B and Falcon-180B are two, each a variant of
    // Falcon, GOAT is one whatever else is named GOAT), and the bundled data and Ecosystem
    // Graphs join rows to nodes, never rows together
    let models: Vec<&Vec<u64>> = (alone.iter())
        .filter(|(k, _)| k == "model")
        .map(|(_, r)| r)
        .collect();
    assert_eq!(models, [&[2], &[3], &[4], &[5], &[6]], "{alone:?}");
    assert_eq!(epoch_rows(&graph("deg")), alone);
    assert_eq!(epoch_rows(&graph("eg")), alone);
}

#[test]
fn one_name_of_two_organizations_is_two_models_named_in_check() {
    let g = json_of(identity(false, true).args(["export", "--format", "json", "--out", "-"]));
    let deepmind = node(&g, "goat-deepmind");
    assert_eq!(deepmind["label"], "GOAT (DeepMind)");
    let nus = (g["nodes"].as_array().unwrap().iter())
        .find(|n| n["id"].as_str().unwrap().starts_with("goat-") && n["id"] != "goat-deepmind")
        .expect("GOAT of NUS");
    assert!(
        nus["label"].as_str().unwrap().contains("Singapore"),
        "{nus}"
    );
    let found = json_of(identity(false, true).args(["check", "--format", "json"]));
    let homonyms: Vec<&str> = (found["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "homonym")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(homonyms.len(), 1, "{homonyms:?}");
    assert!(
        homonyms[0].contains("GOAT (DeepMind)") && homonyms[0].contains("Singapore"),
        "{homonyms:?}"
    );
}

#[test]
fn hub_ids_of_different_bases_and_cards_of_other_models_keep_models_apart() {
    let mut cmd = identity(false, true);
    cmd.args(["--data", "tests/fixtures/identity-list/open-llms.md"]);
    let g = json_of(cmd.args(["export", "--format", "json", "--out", "-"]));
    // the list's Zephyr links zephyr-7b-gemma, Ecosystem's is a Mistral fine-tune
    let zephyrs: Vec<&str> = (g["nodes"].as_array().unwrap().iter())
        .map(|n| n["label"].as_str().unwrap())
        .filter(|l| l.starts_with("Zephyr"))
        .collect();
    assert_eq!(zephyrs.len(), 2, "{zephyrs:?}");
    assert!(zephyrs.contains(&"Zephyr (zephyr-7b-alpha)"), "{zephyrs:?}");
    // mT0's model card is T0++'s: two models, and the card is no model link of mT0's
    let mt0 = node(&g, "mt0");
    let kinds: Vec<&str> = (mt0["links"].as_array().unwrap().iter())
        .filter(|l| l["url"].as_str().unwrap().contains("T0pp"))
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["other"], "{mt0}");
    // T0++ is not T0: the `+` that ends its name stays in its id
    assert!(ids(&g).contains(&"t0-plus-plus"), "{:?}", ids(&g));
    assert!(!ids(&g).contains(&"t0"), "{:?}", ids(&g));
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

#[test]
fn two_lists_name_one_model_by_the_identity_rules() {
    // the bundled list names Mixtral-8x7B inside Mistral 7B's entry; another list writes
    // `Mixtral 8x7B v0.1`: one model. `Mistral 7B v0.2` is a later version, not Mistral 7B.
    let mut cmd = llmkg();
    cmd.args([
        "--data",
        "data",
        "--data",
        "tests/fixtures/identity-list2/open-llms.md",
    ]);
    let list = json_of(cmd.args(["list", "--kind", "model", "--format", "json"]));
    let ids: Vec<&str> = (list["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"mixtral-8x7b"), "{ids:?}");
    assert!(!ids.contains(&"mixtral-8x7b-v0.1"), "{ids:?}");
    assert!(ids.contains(&"mistral-7b-v0.2"), "{ids:?}");
    let mut cmd = llmkg();
    cmd.args([
        "--data",
        "data",
        "--data",
        "tests/fixtures/identity-list2/open-llms.md",
    ]);
    let shown = json_of(cmd.args(["show", "Mixtral 8x7B v0.1", "--format", "json"]));
    assert_eq!(shown["id"], "mixtral-8x7b", "{shown}");
}

/// `llmkg` on the partners fixture: an awesome list's ChatGLM3 (THUDM's), Epoch rows and
/// Ecosystem assets that name a model by one of two partners, and true homonyms; with a
/// user's facts file where given.
fn partners_fixture(facts: Option<&str>) -> assert_cmd::Command {
    let mut cmd = llmkg();
    if let Some(f) = facts {
        cmd.args(["--facts", f]);
    }
    for f in ["open-llms.md", "notable_ai_models.csv", "assets"] {
        cmd.args(["--data", &format!("tests/fixtures/partners/{f}")]);
    }
    cmd.args(["export", "--format", "json", "--out", "-"]);
    cmd
}

#[test]
fn partners_name_one_model_and_stay_two_organizations() {
    let g = json_of(&mut partners_fixture(None));
    // Epoch's ChatGLM3-6B (Zhipu AI) is a release of the list's ChatGLM3 (THUDM, Tsinghua's)
    assert!(has_edge(&g, "chatglm3-6b", "variant_of", "chatglm3"), "{g}");
    assert!(
        !ids(&g).iter().any(|i| i.starts_with("chatglm3-zhipu")),
        "{:?}",
        ids(&g)
    );
    assert!(has_edge(
        &g,
        "chatglm3",
        "developed_by",
        "tsinghua-university"
    ));
    assert!(has_edge(&g, "chatglm3-6b", "developed_by", "zhipu-ai"));
    // CodeGeeX of Tsinghua (Epoch) and of Zhipu AI (Ecosystem Graphs): one model, both
    assert!(has_edge(
        &g,
        "codegeex",
        "developed_by",
        "tsinghua-university"
    ));
    assert!(has_edge(&g, "codegeex", "developed_by", "zhipu-ai"));
    // true homonyms stay apart, and so do organizations no table makes partners
    let ids = ids(&g);
    assert!(ids.contains(&"dragonfly-openai") && ids.contains(&"dragonfly-together-ai"));
    assert!(ids.contains(&"rocket-orbit-labs"), "{ids:?}");
    // a user's partners file joins them
    let g = json_of(&mut partners_fixture(Some(
        "tests/fixtures/partners/orbit-partners.toml",
    )));
    assert!(has_edge(&g, "rocket", "developed_by", "orbit-labs"), "{g}");
    assert!(has_edge(&g, "rocket", "developed_by", "stellar-university"));
}

#[test]
fn a_table_of_models_without_hub_namespaces_names_models_not_hub_ids() {
    // Epoch AI's benchmarking hub's model_versions.csv: ids such as `phi-2` have no namespace
    let mut cmd = llmkg();
    cmd.args(["--data", "data", "--data"]);
    cmd.arg("tests/fixtures/model-table/model_versions.csv");
    let g = json_of(cmd.args(["export", "--format", "json", "--out", "-"]));
    // phi-2 is the bundled data's Phi-2 (microsoft/phi-2 identifies it), no second node
    let phi: Vec<&str> = (ids(&g).into_iter())
        .filter(|i| i.starts_with("phi-2"))
        .collect();
    assert_eq!(phi, ["phi-2"]);
    let sources = strings(&node(&g, "phi-2")["sources"]);
    assert!(sources.contains(&"model-table"), "{sources:?}");
    // two versions of one model are one model, dated by the first; the developer id is the
    // organization's namespace
    let claude = node(&g, "claude-3.5-sonnet");
    assert_eq!(claude["released"], "2024-06-20", "{claude}");
    assert!(
        has_edge(&g, "wonder-7b", "developed_by", "wonderlab"),
        "{g}"
    );
    assert!(
        !ids(&g).iter().any(|i| i.starts_with("claude-3-5")),
        "{:?}",
        ids(&g)
    );
}

#[test]
fn a_disagreement_names_the_source_of_each_organization() {
    // the list names Chinchilla first and no organization; Ecosystem Graphs says Google, Epoch
    // an organization that is neither Google, a part of it nor its partner (the same Hub id
    // joins them; DeepMind, part of Google, would agree): Google is Ecosystem's word, not the
    // list's
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("survey.md");
    std::fs::write(
        &list,
        "# Reading list\n\n## Models\n\n\
         - Chinchilla **\"Training Compute-Optimal Large Language Models\"**. 2022. [Paper](https://arxiv.org/abs/2203.15556)\n",
    )
    .unwrap();
    let assets = dir.path().join("assets");
    std::fs::create_dir(&assets).unwrap();
    std::fs::write(
        assets.join("deepmind.yaml"),
        "---\n- access: closed\n  created_date: 2022-03-29\n  dependencies: []\n  description: A compute-optimal model.\n  license: unknown\n  modality: text; text\n  model_card: https://huggingface.co/deepmind/chinchilla-70b\n  name: Chinchilla\n  organization: Google\n  size: 70B parameters (dense)\n  type: model\n  url: https://arxiv.org/pdf/2203.15556.pdf\n",
    )
    .unwrap();
    let epoch = dir.path().join("notable_ai_models.csv");
    std::fs::write(
        &epoch,
        "Model,Organization,Publication date,Parameters,Link\nChinchilla,Anthropic,2022-03-29,70000000000,https://huggingface.co/deepmind/chinchilla-70b\n",
    )
    .unwrap();
    let mut cmd = crate::common::llmkg();
    for f in [&list, &assets, &epoch] {
        cmd.arg("--data").arg(f);
    }
    let found = json_of(cmd.args(["check", "--format", "json"]));
    let messages: Vec<&str> = (found["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "organization-disagrees")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1, "{found}");
    assert!(
        messages[0]
            .starts_with("Chinchilla: developed by Google by ecosystem, by Anthropic by epoch"),
        "{messages:?}"
    );
}

/// The ids of a graph's nodes and its edges as `source relation target`, sorted.
fn shape(g: &Value) -> (Vec<String>, Vec<String>) {
    let mut ids: Vec<String> = (g["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    let mut edges: Vec<String> = (g["edges"].as_array().unwrap().iter())
        .map(|e| format!("{} {} {}", e["source"], e["relation"], e["target"]))
        .collect();
    ids.sort();
    edges.sort();
    (ids, edges)
}

/// A survey's table names Vicuna and Mistral with no maker; a list names Vicuna again with the
/// Hub namespace it is published under; Ecosystem Graphs has LMSYS's Vicuna and SciPhi's
/// `SciPhi Mistral`. Whichever list comes first: one Vicuna (the second entry's namespace link
/// is kept, so LMSYS's record finds its organization), one Mixtral (the survey's `Mixtral 8x7B
/// v0.1` and the `Mixtral-8x7B` named inside the list's Mistral 7B entry), and SciPhi's
/// fine-tune is a model of its own, not the survey's Mistral (a name with its organization
/// taken off joins only that organization's model).
#[test]
fn which_list_comes_first_changes_no_identity() {
    let f = |name: &str| common::fixture(&format!("order/{name}"));
    let (survey, list, assets) = (f("survey.md"), f("list.md"), f("assets"));
    let first = common::graph_of(&[survey.clone(), list.clone(), assets.clone()]);
    let then = common::graph_of(&[list, survey, assets]);
    assert_eq!(first, then, "the same graph in either order");
    let (ids, edges) = shape(&first);
    for prefix in ["vicuna", "mixtral"] {
        let n = ids.iter().filter(|i| i.starts_with(prefix)).count();
        assert_eq!(n, 1, "one {prefix}: {ids:?}");
    }
    assert!(edges.contains(&"\"vicuna\" \"developed_by\" \"lmsys\"".to_string()));
    assert!(
        edges.contains(&"\"sciphi-mistral\" \"derived_from\" \"mistral\"".to_string()),
        "{edges:?}"
    );
}

/// The organization a list row has only from its link (a table row with no maker, given the
/// GitHub owner of `[Checkpoint](https://github.com/EleutherAI/pythia)`) joins but never sets
/// apart: an awesome list's `Pythia` grouped under another spelling of its maker is the same
/// model, in either order (it was `Pythia` beside `Pythia (EleutherAI)` or `Pythia (Pythia
/// Project)`, by which list came first).
#[test]
fn an_organization_given_by_a_link_never_makes_a_homonym() {
    let f = |name: &str| common::fixture(&format!("order/{name}"));
    for inputs in [
        [f("survey.md"), f("grouped.md")],
        [f("grouped.md"), f("survey.md")],
    ] {
        let (ids, _) = shape(&common::graph_of(&inputs));
        let models: Vec<&String> = (ids.iter())
            .filter(|i| i.starts_with("pythia") && *i != "pythia-project")
            .collect();
        assert_eq!(models, ["pythia"], "{ids:?}");
    }
}

/// The inputs of the one-resolver fixture: an awesome list's grouped bullets, open-llms' table,
/// LLMs-In-China's table and Ecosystem Graphs assets, in every order.
fn one_resolver_inputs() -> Vec<std::path::PathBuf> {
    ["awesome.md", "open-llms.md", "china.md", "assets"]
        .iter()
        .map(|f| common::fixture("one-resolver").join(f))
        .collect()
}

#[test]
fn lists_and_records_are_placed_by_one_identity_decision() {
    let mut inputs = one_resolver_inputs();
    let first = common::graph_of(&inputs);
    inputs.reverse();
    assert_eq!(
        common::graph_of(&inputs),
        first,
        "the order of inputs changes nothing"
    );
    let g = first;
    // two lists' entries that link one Hub model are one model, whatever their names
    let phi = common::node(&g, "phi2-2.7b");
    assert_eq!(strings(&phi["aliases"]), ["phi-2"], "{phi}");
    assert!(!ids(&g).contains(&"phi-2"), "{:?}", ids(&g));
    // one name of two organizations is two models, a list's and a record's
    let made_by = |id: &str| -> Vec<&str> {
        (g["edges"].as_array().unwrap().iter())
            .filter(|e| e["source"] == id && e["relation"] == "developed_by")
            .map(|e| e["target"].as_str().unwrap())
            .collect()
    };
    assert_eq!(made_by("k2"), ["shanghai-jiao-tong-university"]);
    assert_eq!(made_by("k2-llm360"), ["llm360"]);
    assert_eq!(common::node(&g, "k2-llm360")["label"], "K2 (LLM360)");
    // an organization named like the model (Ecosystem Graphs' ChatGLM by `ChatGLM`) sets
    // nothing apart: one ChatGLM, of the list and the record
    let chatglm = common::node(&g, "chatglm");
    assert_eq!(
        strings(&chatglm["sources"]),
        ["ecosystem", "list"],
        "{chatglm}"
    );
    let mut check = llmkg();
    for i in &inputs {
        check.arg("--data").arg(i);
    }
    let (code, out, _) = common::run(check.arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("\"phi-2\" is \"Phi2-2.7B\" (by the Hub model it links)"),
        "{out}"
    );
    assert!(out.contains("info[homonym]: K2:"), "{out}");
}

#[test]
fn one_source_in_two_layouts_gives_the_same_graph_in_either_order() {
    // Ecosystem Graphs' assets folder and its flattened CSV: the stubs their dependencies make
    // are first named by the same record whichever is given first
    let (assets, csv) = (
        common::fixture("ecosystem/assets"),
        common::fixture("ecosystem/all_assets.csv"),
    );
    let first = common::graph_of(&[assets.clone(), csv.clone()]);
    assert_eq!(common::graph_of(&[csv, assets]), first);
}

#[test]
fn a_school_or_lab_named_after_its_university_agrees_with_it() {
    // LLMs-In-China names a model's developer by a school (北京大学信息工程学院) or a lab
    // (清华大学KEG实验室) of a university; Epoch names the university (or its namespace, THUDM):
    // one developer, no disagreement. A school of another university disagrees still.
    let found = json_of(llmkg().args([
        "--data",
        "tests/fixtures/university/zh-table.md",
        "--data",
        "tests/fixtures/university/notable_ai_models.csv",
        "check",
        "--format",
        "json",
    ]));
    let messages: Vec<&str> = (found["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "organization-disagrees")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("Molecule: developed by 北京大学化学学院 by list"),
        "{messages:?}"
    );
}

#[test]
fn a_hub_model_a_list_names_again_is_the_nodes_when_it_holds_none() {
    // a survey lists GPT-NeoX-20B with its paper, open-llms again with its Hub model: the Hub
    // dump's row of that model is the list's node, and its fine-tune derives from it
    let g = common::graph_of(&[common::fixture("listed-again-hub")]);
    assert!(
        !ids(&g).contains(&"eleutherai--gpt-neox-20b"),
        "{:?}",
        ids(&g)
    );
    let neox = common::node(&g, "gpt-neox-20b");
    let urls: Vec<&str> = (neox["links"].as_array().unwrap().iter())
        .map(|l| l["url"].as_str().unwrap())
        .collect();
    assert!(
        urls.contains(&"https://huggingface.co/EleutherAI/gpt-neox-20b"),
        "{neox}"
    );
    let derived = (g["edges"].as_array().unwrap().iter()).any(|e| {
        e["source"] == "someone--gpt-neox-20b-chat"
            && e["target"] == "gpt-neox-20b"
            && e["relation"].as_str().unwrap().ends_with("_from")
    });
    assert!(derived, "{}", g["edges"]);
    // a family of three sizes, listed again with one size's Hub model, is not that model: the
    // dump's row of it stays a node of its own
    assert!(ids(&g).contains(&"tiiuae--falcon-40b"), "{:?}", ids(&g));
    let falcon = common::node(&g, "falcon");
    assert!(!falcon.to_string().contains("falcon-40b"), "{falcon}");
}

#[test]
fn a_model_listed_again_gains_what_the_later_list_says_whichever_list_comes_first() {
    // a survey lists Falcon with its sizes but no date; open-llms again with its date, licence
    // and context length: one node that holds all of it, named by both lists, whichever
    // file's name sorts first
    let fixture = common::fixture("listed-again-hub");
    let dir = tempfile::tempdir().expect("temp dir");
    for (from, to) in [
        ("a-survey.md", "z-survey.md"),
        ("b-open-llms.md", "a-open-llms.md"),
    ] {
        std::fs::copy(fixture.join(from), dir.path().join(to)).unwrap();
    }
    let ordered = common::graph_of(&[fixture.join("a-survey.md"), fixture.join("b-open-llms.md")]);
    let swapped = common::graph_of(&[dir.path().to_path_buf()]);
    let said = |g: &Value| {
        let n = common::node(g, "falcon").clone();
        let files: std::collections::BTreeSet<String> = (std::iter::once(&n["origin"]))
            .chain(n["also"].as_array().into_iter().flatten())
            .map(|e| {
                e["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches(['a', 'b', 'z', '-'])
                    .to_string()
            })
            .collect();
        (
            n["released"].clone(),
            n["sizes"].clone(),
            n["attrs"].clone(),
            files,
        )
    };
    let (released, sizes, attrs, files) = said(&ordered);
    assert_eq!(released, "2023-05");
    assert_eq!(sizes, serde_json::json!(["7B", "40B", "180B"]));
    assert_eq!(attrs["license"], "Apache 2.0", "{attrs}");
    assert_eq!(attrs["context_length"], "2048", "{attrs}");
    assert_eq!(files.len(), 2, "named by both lists: {files:?}");
    assert_eq!(said(&swapped), (released, sizes, attrs, files));
}

#[test]
fn a_sized_release_is_not_a_family_that_was_listed_with_its_hub_model() {
    // open-llms lists the Falcon family again with the 40B model's Hub id, which the family
    // does not take; a third list's Falcon-40B (that id) is its own node, a variant of the
    // family, and the Hub dump's row of it is that node, with its fine-tune hung off it
    let g = common::graph_of(&[common::fixture("listed-again-sized")]);
    let sized = common::node(&g, "falcon-40b");
    assert_eq!(sized["label"], "Falcon-40B", "{sized}");
    assert!(!ids(&g).contains(&"tiiuae--falcon-40b"), "{:?}", ids(&g));
    let edge = |from: &str, to: &str| relation(&g, from, to);
    assert_eq!(edge("falcon-40b", "falcon").as_deref(), Some("variant_of"));
    let chat = edge("someone--falcon-40b-chat", "falcon-40b");
    assert!(chat.is_some_and(|r| r.ends_with("_from")), "{}", g["edges"]);
}

#[test]
fn a_family_that_links_one_checkpoint_is_not_that_checkpoint() {
    // a list's Gemma (2B and 7B) links google/gemma-7b; Epoch AI's Gemma 7B links it too: the
    // sized release is its own node, a variant of the family, not drawn into it by the id; and
    // a Hub dump's row of the id is Gemma 7B, with its fine-tune on it
    let g = common::graph_of(&[common::fixture("family-checkpoint")]);
    let sized = common::node(&g, "gemma-7b");
    assert_eq!(sized["label"], "Gemma 7B", "{sized}");
    assert_eq!(common::node(&g, "gemma")["released"], Value::Null);
    assert!(!ids(&g).contains(&"google--gemma-7b"), "{:?}", ids(&g));
    let edge = |from: &str, to: &str| relation(&g, from, to);
    assert_eq!(edge("gemma-7b", "gemma").as_deref(), Some("variant_of"));
    let chat = edge("someone--gemma-7b-chat", "gemma-7b");
    assert!(chat.is_some_and(|r| r.ends_with("_from")), "{}", g["edges"]);
}

#[test]
fn two_addresses_of_one_repository_are_one_model_link() {
    // a list links mistralai/Mistral-7B-v0.1, Epoch AI's row its `/tree/main` page: merged, the
    // node links one model twice, still identified by the id, so a Hub dump's row of it is the
    // node itself (not a variant of it), with its fine-tune on it
    let g = common::graph_of(&[common::fixture("two-addresses")]);
    let models = (g["nodes"].as_array().unwrap().iter()).filter(|n| n["kind"] == "model");
    assert_eq!(models.count(), 3, "{}", g["nodes"]);
    assert_the_row_is_mistral_7b(&g);
}

/// The Hub dump's row of `mistralai/Mistral-7B-v0.1` is the list's Mistral-7B, with the dump's
/// fine-tune on it: no node of its own.
fn assert_the_row_is_mistral_7b(g: &Value) {
    assert!(
        !ids(g).contains(&"mistralai--mistral-7b-v0-1"),
        "{:?}",
        ids(g)
    );
    let ft = relation(g, "someone--mistral-ft", "mistral-7b");
    assert_eq!(ft.as_deref(), Some("fine_tuned_from"), "{}", g["edges"]);
}

#[test]
fn a_hub_id_that_identified_a_model_stays_its_own_when_a_source_links_another() {
    // the list's Mistral-7B is identified by mistralai/Mistral-7B-v0.1; Epoch AI's row of it
    // links the instruct model: the node then links two models, but the index that placed every
    // entry still files the id under it, so a Hub dump's row of the id is the node itself
    let g = common::graph_of(&[common::fixture("held-id")]);
    assert_the_row_is_mistral_7b(&g);
}

#[test]
fn two_sources_that_link_one_work_are_not_set_apart_by_organizations_read_differently() {
    // open-llms' GPT-J-6B (its organization read off the GitHub owner kingoflolz) links the
    // blog post Ecosystem Graphs' GPT-J of EleutherAI links: it is GPT-J's 6B release; an
    // awesome list's OpenFlamingo (organization mlfoundations, off its repository) and Ecosystem
    // Graphs' OpenFlamingo of LAION link one repository: one model. The list's Firefly and
    // Adobe's share no address and stay apart
    let f = |name: &str| common::fixture("shared-address").join(name);
    let g = common::graph_of(&[f("open-llms.md"), f("china.md"), f("assets")]);
    let models: Vec<&str> = ids(&g)
        .into_iter()
        .filter(|id| common::node(&g, id)["kind"] == "model")
        .collect();
    assert!(models.contains(&"openflamingo"), "{models:?}");
    assert!(!models.contains(&"openflamingo-laion"), "{models:?}");
    assert!(models.contains(&"firefly") && models.contains(&"firefly-adobe"));
    let gptj = relation(&g, "gpt-j-6b", "gpt-j");
    assert_eq!(gptj.as_deref(), Some("variant_of"), "{}", g["edges"]);
    let flamingo = common::node(&g, "openflamingo");
    assert_eq!(strings(&flamingo["sources"]), ["ecosystem", "list"]);
}

#[test]
fn a_misspelling_the_alias_table_knows_is_one_node_labelled_by_the_right_name() {
    // RUCAIBox/LLMSurvey's HTML table writes Galactica `Galatica`: one node with Epoch AI's
    // row, in either order, labelled Galactica, and found by either spelling
    let (survey, epoch) = (
        common::fixture("misspelling/survey.md"),
        common::fixture("misspelling/notable_ai_models.csv"),
    );
    for inputs in [[&survey, &epoch], [&epoch, &survey]] {
        let g = common::graph_of(&inputs.map(|p| p.to_path_buf()));
        let models: Vec<&Value> = (g["nodes"].as_array().unwrap().iter())
            .filter(|n| n["kind"] == "model" && n["id"] != "opt")
            .collect();
        assert_eq!(models.len(), 1, "{models:?}");
        let galactica = common::node(&g, "galactica");
        assert_eq!(galactica["label"], "Galactica");
        assert_eq!(strings(&galactica["aliases"]), ["Galatica"]);
        assert_eq!(strings(&galactica["sources"]), ["epoch", "list"]);
    }
    let mut cmd = llmkg();
    for p in [&survey, &epoch] {
        cmd.arg("--data").arg(p);
    }
    let card = json_of(cmd.args(["show", "Galatica", "--format", "json"]));
    assert_eq!(card["id"], "galactica", "{card}");
}

#[test]
fn a_model_named_by_a_sized_name_is_a_variant_of_its_family() {
    // a list names MPT and MPT-30B (both MosaicML's), and Koala fine-tuned from LLaMA-7B, a
    // sized name no entry defines: each sized model is a variant of its family, so Koala's
    // ancestors reach LLaMA
    let g = common::graph_of(&[common::fixture("sized-family")]);
    assert_eq!(
        relation(&g, "mpt-30b", "mpt").as_deref(),
        Some("variant_of")
    );
    assert_eq!(
        relation(&g, "llama-7b", "llama").as_deref(),
        Some("variant_of")
    );
    let found = json_of(llmkg().args([
        "--data",
        "tests/fixtures/sized-family",
        "ancestors",
        "Koala",
        "--format",
        "json",
    ]));
    assert!(found.to_string().contains("\"llama\""), "{found}");
}

#[test]
fn a_dependency_on_a_homonym_means_the_one_of_the_dependents_organization() {
    // Ecosystem Graphs has a Dragonfly of Together and one of OpenAI; OpenAI's Dragonfly API
    // depends on `Dragonfly`: OpenAI's, though Together's file is read first
    let g = common::graph_of(&[common::fixture("homonym-dependency")]);
    assert_eq!(
        relation(&g, "dragonfly-api", "dragonfly-openai").as_deref(),
        Some("uses"),
        "{}",
        g["edges"]
    );
    assert_eq!(relation(&g, "dragonfly-api", "dragonfly-together-ai"), None);
}
