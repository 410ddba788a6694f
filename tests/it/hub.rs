//! Hugging Face model-tree dumps: every dirty case normalised or reported, none stopping the load,
//! and Hub ids tied to the curated models they stand for.

use crate::common;

use assert_cmd::Command;
use common::fixture;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn llmkg_on(files: &[&str]) -> Command {
    let mut c = Command::cargo_bin("llmkg").unwrap();
    for f in files {
        c.arg("--data").arg(fixture(f));
    }
    c
}

/// A dump holding the given text, written to a folder of its own (removed when dropped).
struct Dump {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Dump {
    fn new(name: &str, text: &str) -> Dump {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        Dump { _dir: dir, path }
    }

    /// `llmkg --data DUMP ARGS...`.
    fn llmkg(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("llmkg").unwrap();
        c.arg("--data").arg(&self.path).args(args);
        c
    }

    /// `stats --format json` of the dump.
    fn stats(&self) -> serde_json::Value {
        json_of(&mut self.llmkg(&["stats", "--format", "json"]))
    }

    /// What `check` finds in the dump: each diagnostic's code and message.
    fn findings(&self) -> Findings {
        Findings(diagnostics(&json_of(
            &mut self.llmkg(&["check", "--format", "json"]),
        )))
    }
}

/// Diagnostics as (code, message).
#[derive(Debug)]
struct Findings(Vec<(String, String)>);

impl Findings {
    /// The message of the diagnostic of `code`, or "" when there is none.
    fn of(&self, code: &str) -> &str {
        self.0
            .iter()
            .find(|(c, _)| c == code)
            .map_or("", |(_, m)| m.as_str())
    }
}

/// `llmkg --data NAME stats` on a dump holding `text`.
fn stats_on_dump(name: &str, text: &str) -> assert_cmd::assert::Assert {
    Dump::new(name, text).llmkg(&["stats"]).assert()
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

fn diagnostics(v: &serde_json::Value) -> Vec<(String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_dirty_case_is_reported_and_none_stops_the_load() {
    let v = json_of(llmkg_on(&["hub-dirty.csv"]).args(["check", "--format", "json"]));
    assert_eq!(v["errors"], 0, "{v:#}");
    let d = diagnostics(&v);
    let has = |code: &str, text: &str| d.iter().any(|(c, m)| c == code && m.contains(text));
    assert!(
        has("trailing-slash", "line 3: \"alice/llama2-chat-ft/\""),
        "{d:?}"
    );
    assert!(
        has(
            "case-differs",
            "\"Meta-Llama/llama-2-7b-hf\" for \"meta-llama/Llama-2-7b-hf\""
        ),
        "{d:?}"
    );
    assert!(
        has(
            "duplicate-row",
            "line 5: \"bob/llama2-gguf\" (first at line 4)"
        ),
        "{d:?}"
    );
    assert!(has("repeated-parent", "line 6"), "{d:?}");
    assert!(has("self-reference", "line 7: \"dave/self\""), "{d:?}");
    assert!(
        has(
            "stub",
            "1 bases not in the file, kept as stub nodes: line 8: \"mistralai/Mistral-7B-v0.1\""
        ),
        "{d:?}"
    );
    assert!(has("cycle", "\"frank/b\" → \"frank/a\""), "{d:?}");
    assert!(has("unknown-relation", "\"distill\""), "{d:?}");
    assert!(has("bad-value", "date \"not-a-date\""), "{d:?}");
}

#[test]
fn rows_become_models_orgs_and_mapped_relations() {
    let v = json_of(llmkg_on(&["hub-dirty.csv"]).args(["stats", "--format", "json"]));
    // 10 distinct models (10 rows less one duplicate, plus one stub), 8 authors and the stub's
    // namespace (mistralai)
    assert_eq!(v["nodes_by_kind"]["model"], 10, "{v:#}");
    assert_eq!(v["nodes_by_kind"]["organization"], 9, "{v:#}");
    let rel = &v["edges_by_relation"];
    assert_eq!(rel["quantized_from"], 1);
    assert_eq!(rel["adapter_of"], 1);
    // carol/merge: no relation given, two distinct bases → a merge
    assert_eq!(rel["merged_from"], 2);
    let show = json_of(llmkg_on(&["hub-dirty.csv"]).args([
        "show",
        "alice/llama2-chat-ft",
        "--format",
        "json",
    ]));
    assert_eq!(
        show["label"], "alice/llama2-chat-ft",
        "trailing slash dropped"
    );
    assert_eq!(show["released"], "2023-08-01");
    assert_eq!(show["sizes_b"][0], 7.0);
    assert_eq!(show["attrs"]["downloads"], 10);
    assert_eq!(show["attrs"]["library_name"], "transformers");
    let out = &show["out"];
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .any(|e| e["relation"] == "fine_tuned_from"
                && e["target"] == "meta-llama--llama-2-7b-hf"
                && e["evidence"]["source"] == "hf"
                && e["evidence"]["line"] == 3),
        "{out:#}"
    );
}

#[test]
fn hub_ids_tie_to_curated_models_and_organizations() {
    let show = json_of(llmkg_on(&["mini.toml", "hub-dirty.csv"]).args([
        "show",
        "meta-llama/Llama-2-7b-hf",
        "--format",
        "json",
    ]));
    let out = show["out"].as_array().unwrap();
    assert!(
        out.iter()
            .any(|e| e["relation"] == "variant_of" && e["target"] == "llama-2"),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|e| e["relation"] == "developed_by" && e["target"] == "meta-ai"),
        "{out:?}"
    );
    // no separate organization node for the namespace the curated org stands for
    llmkg_on(&["mini.toml", "hub-dirty.csv"])
        .args(["show", "meta-llama"])
        .assert()
        .code(1);
}

#[test]
fn a_dump_without_an_id_column_says_how_to_name_it() {
    let dump = Dump::new("dump.csv", "name,parent\na,b\n");
    dump.llmkg(&["stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "dump.csv:1: not a Hugging Face dump",
        ))
        .stderr(predicate::str::contains("--id-column"));
    dump.llmkg(&["--id-column", "name", "--base-column", "parent"])
        .args(["stats", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"fine_tuned_from\": 1"));
}

#[test]
fn a_row_with_the_wrong_column_count_names_its_line() {
    stats_on_dump("short.csv", "id,base_model\na/b,\nc/d\n")
        .code(1)
        .stderr(predicate::str::contains(
            "short.csv:3: malformed CSV: expected 2 fields, found 1",
        ));
}

#[test]
fn a_bad_row_far_into_a_large_dump_names_its_line() {
    // rows are read a batch at a time on another thread: the error still names the row
    let mut text = String::from("id,base_model\n");
    for i in 0..10_000 {
        text.push_str(&format!("org/m{i},\n"));
    }
    text.push_str("org/bad\norg/after,\n");
    stats_on_dump("long.csv", &text)
        .code(1)
        .stderr(predicate::str::contains(
            "long.csv:10002: malformed CSV: expected 2 fields, found 1",
        ));
}

#[test]
fn merged_with_the_bundled_data_llama_2_reaches_the_hub_fine_tunes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("llmkg")
        .unwrap()
        .arg("--data")
        .arg(root.join("data"))
        .arg("--data")
        .arg(fixture("hub-dirty.csv"))
        .args(["descendants", "Llama 2", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for id in [
        "meta-llama--llama-2-7b-hf",
        "alice--llama2-chat-ft",
        "bob--llama2-gguf",
        "carol--merge",
        "code-llama",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // every node and edge keeps which source it came from
    let sources: Vec<&str> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["evidence_record"]["source"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains(&"hf") && sources.contains(&"list") && sources.contains(&"curated"),
        "{sources:?}"
    );
    // the Hub's namespace is the curated organization, not a new one
    let show = json_of(
        Command::cargo_bin("llmkg")
            .unwrap()
            .arg("--data")
            .arg(root.join("data"))
            .arg("--data")
            .arg(fixture("hub-dirty.csv"))
            .args(["show", "meta-llama/Llama-2-7b-hf", "--format", "json"]),
    );
    assert_eq!(show["origin"]["source"], "hf");
    assert!(
        show["out"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["relation"] == "developed_by" && e["target"] == "meta-ai")
    );
}

#[test]
fn a_quoted_field_cut_off_in_the_last_column_is_an_error() {
    stats_on_dump(
        "cut.csv",
        "id,base_model,base_model_relation\na/b,,\nc/d,a/b,\"finetune\n",
    )
    .code(1)
    .stderr(predicate::str::contains(
        "cut.csv:3: malformed CSV: a quoted field is never closed",
    ));
}

#[test]
fn dirty_row_examples_are_cut_short() {
    let long = "x".repeat(5000);
    let dump = Dump::new("long.csv", &format!("id,base_model\na/{long},a/{long}\n"));
    let out = dump
        .llmkg(&["check"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("self-reference"), "{text}");
    assert!(text.lines().all(|l| l.len() < 400), "{text}");
}

#[test]
fn bases_before_or_after_their_row_link_alike_and_examples_follow_the_lines() {
    // line 2 names a base that comes later (linked after the last row), line 4 one that came
    // before (linked as it is read): the same edges, and the examples in line order
    let dump = Dump::new(
        "dump.csv",
        "id,base_model\nx/early,X/BASE\nx/base,\nx/late,X/Base\nx/other,X/OTHER-BASE\nx/other-base,\n",
    );
    let d = dump.findings();
    assert_eq!(
        d.of("case-differs"),
        "3 bases written in another case than their row, matched: \
         line 2: \"X/BASE\" for \"x/base\"; line 4: \"X/Base\" for \"x/base\"; \
         line 5: \"X/OTHER-BASE\" for \"x/other-base\"",
        "{d:?}"
    );
    let anc = |m: &str| json_of(&mut dump.llmkg(&["ancestors", m, "--format", "json"])).to_string();
    assert!(anc("x/early").contains("x/base"), "{}", anc("x/early"));
    assert!(anc("x/late").contains("x/base"), "{}", anc("x/late"));
    assert!(
        anc("x/other").contains("x/other-base"),
        "{}",
        anc("x/other")
    );
}

#[test]
fn a_missing_base_listed_twice_makes_one_stub() {
    // the first mention makes the stub, the second finds it: a repeated parent, not a second stub
    let dump = Dump::new(
        "dump.csv",
        "id,base_model\nx/a,\"['z/missing', 'Z/Missing']\"\nx/b,z/missing\n",
    );
    let d = dump.findings();
    assert!(d.of("stub").starts_with("1 bases not in the file"), "{d:?}");
    assert!(d.of("repeated-parent").contains("line 2"), "{d:?}");
    let stats = dump.stats();
    assert_eq!(stats["nodes_by_kind"]["model"], 3, "{stats:#}");
}

#[test]
fn rows_of_one_batch_see_each_other_and_empty_ids_are_skipped() {
    // the rows of a batch are first looked up in what came before the batch, so everything here
    // (one batch) is found as the batch is built: the duplicate, the row's own base coming later
    let dump = Dump::new(
        "dump.csv",
        "id,base_model\n  ,x/a\nx/a/,z/base\nX/A,\nz/base,\nx/b,x/a\n//,x/a\nx/c,\"['/', 'x/b']\"\n",
    );
    let d = dump.findings();
    // an id of nothing but `/` is no id, and a base of nothing but `/` no base
    assert_eq!(
        d.of("empty-id"),
        "2 rows without an id, skipped: line 2; line 7",
        "{d:?}"
    );
    assert!(d.of("trailing-slash").contains("line 3: \"x/a/\""), "{d:?}");
    assert!(
        d.of("duplicate-row")
            .contains("line 4: \"X/A\" (first at line 3)"),
        "{d:?}"
    );
    assert_eq!(d.of("stub"), "", "{d:?}");
    let stats = dump.stats();
    assert_eq!(stats["nodes_by_kind"]["model"], 4, "{stats:#}");
    assert_eq!(stats["nodes_by_kind"]["organization"], 2, "{stats:#}");
    assert_eq!(
        stats["edges_by_relation"]["fine_tuned_from"], 3,
        "{stats:#}"
    );
    let anc = json_of(&mut dump.llmkg(&["ancestors", "x/c", "--format", "json"])).to_string();
    assert!(anc.contains("z/base"), "{anc}");
}

#[test]
fn a_chain_across_many_batches_links_every_row_once() {
    // 5,000 rows, each merged from the two rows before (the first written in upper case), read in
    // batches of 2,048: most bases are found in an earlier batch, some in their own; the last
    // row repeats one of the first batch
    let mut text = String::from("id,base_model\nm/0,\nm/1,M/0\n");
    for i in 2..5000 {
        text.push_str(&format!("m/{i},\"M/{}, m/{}\"\n", i - 1, i - 2));
    }
    text.push_str("m/7,\n");
    let dump = Dump::new("chain.csv", &text);
    let d = dump.findings();
    assert_eq!(
        d.of("duplicate-row"),
        "1 duplicate rows, the first kept: line 5002: \"m/7\" (first at line 9)",
        "{d:?}"
    );
    assert!(
        d.of("case-differs")
            .starts_with("4999 bases written in another case than their row, matched: line 3:"),
        "{d:?}"
    );
    for code in ["stub", "repeated-parent", "self-reference", "cycle"] {
        assert_eq!(d.of(code), "", "{d:?}");
    }
    let stats = dump.stats();
    assert_eq!(stats["nodes_by_kind"]["model"], 5000, "{stats:#}");
    assert_eq!(
        stats["edges_by_relation"]["fine_tuned_from"], 1,
        "{stats:#}"
    );
    assert_eq!(stats["edges_by_relation"]["merged_from"], 9996, "{stats:#}");
    dump.llmkg(&["ancestors", "m/4999"])
        .assert()
        .success()
        .stdout(predicate::str::contains("4999 ancestor(s) of m/4999"));
    // counted along each path, the root's descendants pass what a GraphML `long` holds: the
    // count stays at the largest one
    dump.llmkg(&["export", "--format", "graphml", "--out", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains(">9223372036854775807<"));
}

#[test]
fn namespaces_of_one_organization_are_one_node() {
    let dump = Dump::new(
        "models.csv",
        "modelId,author,base_model\n\
         meta-llama/Llama-2-7b-hf,meta-llama,\n\
         facebook/opt-1.3b,facebook,\n\
         HuggingFaceH4/zephyr-7b-beta,HuggingFaceH4,mistralai/Mistral-7B-v0.1\n\
         NousResearch/Nous-Hermes-2-Mixtral,NousResearch,mistral-community/Mixtral-8x22B-v0.1\n\
         acmelabs/acme-7b,acmelabs,\n\
         acme-labs/acme-7b-chat,acme-labs,acmelabs/acme-7b\n",
    );
    let list = json_of(&mut dump.llmkg(&["list", "--kind", "organization", "--format", "json"]));
    let labels: Vec<&str> = (list["nodes"].as_array().unwrap().iter())
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    // the fact table's namespaces name their organization; acme-labs is acmelabs by rule
    assert_eq!(
        labels,
        [
            "acmelabs",
            "Hugging Face",
            "Meta AI",
            "Mistral AI",
            "Nous Research"
        ],
        "{labels:?}"
    );
}

#[test]
fn dirt_in_hub_ids_is_cleaned_and_the_clean_id_is_one_model() {
    // tests/fixtures/hub-stray.csv: ids and bases written with HTML, quotes, a `Ω`, a trailing
    // dot or `~`, and a path inside a repository
    let on = |args: &[&str]| json_of(llmkg_on(&["hub-stray.csv"]).args(args));
    let check = on(&["check", "--format", "json"]);
    assert_eq!(check["errors"], 0, "{check:#}");
    let d = Findings(diagnostics(&check));
    let stray = d.of("stray-characters");
    for example in [
        "line 3: \"BAAI/bge-base-en-v1.5<br>\" as \"BAAI/bge-base-en-v1.5\"",
        "line 4: \"BAAI/bge-base-en-v1.5</a>\" as \"BAAI/bge-base-en-v1.5\"",
        "line 5: \"lmsys/vicuna-13b-v1.5\">\" as \"lmsys/vicuna-13b-v1.5\"",
        "line 7: \"lmsys/vicuna-13b-v1.5.\" as \"lmsys/vicuna-13b-v1.5\"",
        "line 9: \"meta-llama/Llama-2-70b-hfΩ\" as \"meta-llama/Llama-2-70b-hf\"",
    ] {
        assert!(stray.contains(example), "{example}: {d:?}");
    }
    assert!(stray.starts_with("6 ids with stray characters"), "{d:?}");
    assert_eq!(
        d.of("repository-path"),
        "1 ids naming a path inside a repository, read as the repository: line 10: \
         \"meta-llama/Llama-2-70b-hf/blob/main/consolidated.00.pth\" as \"meta-llama/Llama-2-70b-hf\"",
        "{d:?}"
    );
    assert_eq!(d.of("duplicate-row"), "", "{d:?}");
    // one node for each model, under its clean id; none keeps the dirt
    let list = on(&["list", "--kind", "model", "--format", "json"]);
    let labels: Vec<&str> = (list["nodes"].as_array().unwrap().iter())
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "BAAI/bge-base-en-v1.5",
            "heidi/bge-ft",
            "ivan/vicuna-gguf",
            "judy/llama2-70b-ft",
            "ken/llama2-70b-lora",
            "lmsys/vicuna-13b-v1.5",
            "meta-llama/Llama-2-13b-hf",
            "meta-llama/Llama-2-70b-hf",
        ]
    );
    // a clean row then a dirty one, and a dirty row then a clean one: one node with the
    // evidence of both rows, their common edges asserted once by both
    for (model, lines) in [
        ("BAAI/bge-base-en-v1.5", [2, 3]),
        ("lmsys/vicuna-13b-v1.5", [5, 6]),
    ] {
        let show = on(&["show", model, "--format", "json"]);
        assert_eq!(show["origin"]["line"], lines[0], "{show:#}");
        assert_eq!(show["also"][0]["line"], lines[1], "{show:#}");
        for e in show["out"].as_array().unwrap() {
            let records: Vec<&serde_json::Value> = (e["evidence_records"].as_array().unwrap())
                .iter()
                .map(|r| &r["line"])
                .collect();
            assert_eq!(records, lines, "{model}: {e:#}");
        }
    }
    // dirty bases join the rows of their clean ids
    for (model, base) in [
        ("heidi/bge-ft", "baai--bge-base-en-v1.5"),
        ("ivan/vicuna-gguf", "lmsys--vicuna-13b-v1.5"),
        ("judy/llama2-70b-ft", "meta-llama--llama-2-70b-hf"),
        ("ken/llama2-70b-lora", "meta-llama--llama-2-70b-hf"),
    ] {
        let anc = on(&["ancestors", model, "--format", "json"]);
        assert_eq!(anc["nodes"][0]["id"], base, "{model}: {anc:#}");
    }
}

#[test]
fn a_row_whose_id_identifies_a_listed_model_is_that_model() {
    // the list's Mistral-7B links mistralai/Mistral-7B-v0.1 alone: the dump's row for it is
    // the list's node, and a fine-tune of it derives from that node directly
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let on = |name: &str| {
        let mut c = Command::cargo_bin("llmkg").unwrap();
        c.arg("--data").arg(root.join("data"));
        c.arg("--data").arg(fixture("hub-ties.csv"));
        c.args(["show", name, "--format", "json"]);
        json_of(&mut c)
    };
    let mistral = on("mistralai/Mistral-7B-v0.1");
    assert_eq!(mistral["id"], "mistral-7b", "{mistral:#}");
    assert_eq!(mistral["released"], "2023-10", "the list's date stays");
    assert_eq!(
        mistral["attrs"]["downloads"], 1000,
        "the row's attributes fill in"
    );
    let zephyr = on("HuggingFaceH4/zephyr-7b-beta");
    let out = zephyr["out"].as_array().unwrap();
    assert!(
        out.iter()
            .any(|e| e["relation"] == "fine_tuned_from" && e["target"] == "mistral-7b"),
        "{out:?}"
    );
    // Llama's one id names a size its family name does not: that row is a checkpoint of the
    // family, its own node, a variant of Llama
    let llama7b = on("huggyllama/llama-7b");
    assert_eq!(llama7b["id"], "huggyllama--llama-7b");
    let out = llama7b["out"].as_array().unwrap();
    assert!(
        out.iter()
            .any(|e| e["relation"] == "variant_of" && e["target"] == "llama"),
        "{out:?}"
    );
}

#[test]
fn a_base_naming_a_listed_model_by_its_hub_id_in_another_case_is_noticed() {
    // the bundled list's Mistral-7B is mistralai/Mistral-7B-v0.1, which no row of the dump
    // names: a base spelled as the list spells the id is matched quietly, another case is noticed
    let dump = Dump::new(
        "tunes.csv",
        "id,base_model\nx/a,mistralai/Mistral-7B-v0.1\nx/b,MISTRALAI/Mistral-7B-v0.1\n",
    );
    let d = Findings(diagnostics(&json_of(&mut dump.llmkg(&[
        "--bundled",
        "check",
        "--format",
        "json",
    ]))));
    let found = d.of("case-differs");
    assert!(found.starts_with("1 bases"), "{d:?}");
    assert!(
        found.contains("line 3: \"MISTRALAI/Mistral-7B-v0.1\""),
        "{d:?}"
    );
    let tune = json_of(&mut dump.llmkg(&["--bundled", "show", "x/a", "--format", "json"]));
    let out = tune["out"].as_array().unwrap();
    assert!(out.iter().any(|e| e["target"] == "mistral-7b"), "{out:?}");
}

#[test]
fn a_row_whose_id_identifies_an_imported_model_is_that_model() {
    // an export of a list read back, then a Hub dump: the import's Mistral-7B is filed in the
    // run's index like a list's, so the dump's row of its id is that node, and the fine-tune
    // derives from it
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ex");
    let list = fixture("two-addresses/open-models.md");
    let mut export = Command::cargo_bin("llmkg").unwrap();
    export.arg("--data").arg(&list);
    export.args(["export", "--format", "json", "-o"]).arg(&out);
    export.assert().success();
    let mut c = Command::cargo_bin("llmkg").unwrap();
    c.arg("--data").arg(out.join("graph.json"));
    c.arg("--data").arg(fixture("two-addresses/hub.csv"));
    c.args(["show", "mistralai/Mistral-7B-v0.1", "--format", "json"]);
    let card = json_of(&mut c);
    assert_eq!(card["id"], "mistral-7b", "{card:#}");
    let into = card["in"].as_array().unwrap();
    assert!(
        into.iter()
            .any(|e| e["relation"] == "fine_tuned_from" && e["source"] == "someone--mistral-ft"),
        "{into:?}"
    );
}
