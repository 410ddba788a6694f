//! Readers refuse what they cannot read, and say what they passed over: empty, cut-off and
//! graph-less GraphML, Hub dumps without lineage or with placeholder bases, files a folder holds
//! that are not inputs, a closed standard error; and Hub names (organizations of models known
//! only as bases, suggestions that rank an exact name first).

use crate::common;

use common::{fixture, llmkg, run};

/// `llmkg --data tests/fixtures/refusals/NAME ARGS...`: its exit code, stdout and stderr.
fn on(name: &str, args: &[&str]) -> (i32, String, String) {
    run(llmkg()
        .arg("--data")
        .arg(fixture(&format!("refusals/{name}")))
        .args(args))
}

#[test]
fn graphml_that_is_empty_cut_off_or_without_a_graph_is_refused() {
    let cases = [
        (
            "empty.graphml",
            "empty.graphml: empty GraphML: no <graphml> element",
        ),
        (
            "truncated.graphml",
            "truncated.graphml:8: truncated GraphML: the file ends inside <node>, with 3 element(s) never closed (<graphml>, <graph>, <node>)",
        ),
        (
            "no-graph.graphml",
            "no-graph.graphml: no <graph> element (the root element <graphml> holds none)",
        ),
    ];
    for (name, want) in cases {
        for command in ["stats", "check"] {
            let (code, out, err) = on(name, &[command]);
            assert_eq!(code, 1, "{name} {command}: {err}");
            assert!(out.is_empty(), "{name} {command}: {out}");
            assert!(err.contains(want), "{name} {command}: {err}");
        }
    }
}

/// A standard error that cannot be written (closed, a pipe nobody reads, a full device) loses
/// the message but never turns the exit code into 101 (a panic).
#[test]
fn an_unwritable_standard_error_keeps_the_exit_code() {
    let bad = fixture("refusals/not-a-list.md");
    let bad = bad.to_str().unwrap();
    let closed = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("\"$0\" --data '{bad}' stats 2>&-"))
        .arg(assert_cmd::cargo::cargo_bin("llmkg"))
        .status()
        .unwrap();
    assert_eq!(closed.code(), Some(1), "stderr closed");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let unread = common::llmkg_process()
        .args(["--data", bad, "stats"])
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(unread.code(), Some(1), "stderr a pipe nobody reads");
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let full = common::llmkg_process()
            .args(["--data", bad, "stats"])
            .stderr(full)
            .status()
            .unwrap();
        assert_eq!(full.code(), Some(1), "stderr on a full device");
    }
    // a warning on a stderr nobody reads does not stop a command that succeeds
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let timed = common::llmkg_process()
        .args(["--timings", "stats"])
        .stdout(std::process::Stdio::null())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(
        timed.code(),
        Some(0),
        "--timings with stderr a pipe nobody reads"
    );
}

/// `stats --format json` of a fixture.
fn stats_of(name: &str) -> serde_json::Value {
    common::json_of(
        llmkg()
            .arg("--data")
            .arg(fixture(&format!("refusals/{name}")))
            .args(["stats", "--format", "json"]),
    )
}

/// `N/A`, `None`, `null`, `unknown`, `-`, `[]`, `['']`, ... (any case, trimmed, alone or in a
/// list) are no base: no stub model, no lineage edge; the one real base still links.
#[test]
fn placeholder_bases_are_no_base() {
    let s = stats_of("hub-placeholders.csv");
    assert_eq!(s["nodes_by_kind"]["model"], 12, "{s}");
    assert_eq!(
        s["edges_by_relation"],
        serde_json::json!({"developed_by": 12, "fine_tuned_from": 1}),
        "{s}"
    );
    let roots: Vec<&str> = (s["roots"].as_array().unwrap().iter())
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(
        !roots
            .iter()
            .any(|r| r.contains("N/A") || r.eq_ignore_ascii_case("none"))
    );
    let (code, _, err) = on("hub-placeholders.csv", &["show", "N/A"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown name \"N/A\""), "{err}");
    let (code, out, _) = on("hub-placeholders.csv", &["ancestors", "pat/eight"]);
    assert_eq!(code, 0);
    assert!(out.contains("meta-llama/Llama-2-7b-hf"), "{out}");
}

/// The codes of the findings of `check --format json` on a fixture, with their messages.
fn findings(name: &str) -> Vec<(String, String)> {
    let v = common::json_of(
        llmkg()
            .arg("--data")
            .arg(fixture(&format!("refusals/{name}")))
            .args(["check", "--format", "json"]),
    );
    (v["diagnostics"].as_array().unwrap().iter())
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("code"), format!("{}: {}", s("location"), s("message")))
        })
        .collect()
}

/// A dump with an id column but no base column loads its models, with a warning (on standard
/// error as it loads, and in `check`) that no lineage was read.
#[test]
fn a_dump_without_a_base_column_warns_that_no_lineage_was_read() {
    let (code, out, err) = on("hub-no-base.csv", &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("4 nodes, 2 edges"), "{out}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "warning: hub-no-base.csv: no base column (base_model) among id, author, downloads; no lineage was read (name it with --base-column NAME)"
        ]
    );
    let found = findings("hub-no-base.csv");
    assert!(
        found
            .iter()
            .any(|(c, m)| c == "no-lineage" && m.ends_with("no lineage was read")),
        "{found:?}"
    );
    // a dump with its base column says nothing of the kind
    let (code, _, err) = on("hub-placeholders.csv", &["stats"]);
    assert_eq!((code, err.as_str()), (0, ""));
}

/// A folder given with `--data` names each file it skipped and why, in `check`: a file that is
/// not an input (a warning, said on standard error as it loads too), an output llmkg writes, and
/// the export files another export of the same graph in the folder stands for (notes), a YAML
/// file that is no Ecosystem Graphs assets file (a warning). Hidden files are not named.
#[test]
fn a_folder_names_the_files_it_skipped() {
    let (code, out, err) = on("folder", &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2 nodes, 1 edges"), "{out}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "warning: assets.yaml: not read: not an Ecosystem Graphs assets file (a YAML list of assets, each with a name and a type)",
            "warning: notes.txt: not an input (expected .md, .toml, .csv, .graphml, .json, .yaml, .parquet, .jsonl)"
        ]
    );
    let skipped: Vec<String> = (findings("folder").into_iter())
        .filter(|(code, _)| code == "skipped-file")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(
        skipped,
        [
            "assets.yaml: not read: not an Ecosystem Graphs assets file (a YAML list of assets, each with a name and a type)",
            "edges.csv: not read: graph.graphml in the same folder holds the same graph",
            "graph.svg: an output llmkg writes, not an input (expected .md, .toml, .csv, .graphml, .json, .yaml, .parquet, .jsonl)",
            "nodes.csv: not read: graph.graphml in the same folder holds the same graph",
            "notes.txt: not an input (expected .md, .toml, .csv, .graphml, .json, .yaml, .parquet, .jsonl)",
        ]
    );
}

/// A model that appears only as a base gets its organization from its namespace: the
/// namespace's node when a row made it (one `mistralai`), a new one otherwise (`meta-llama`),
/// shown by the canonical name data/facts/organizations.toml gives the namespace.
#[test]
fn a_model_known_only_as_a_base_is_made_by_its_namespace() {
    let (code, out, err) = on("hub-base-only.csv", &["org", "meta-llama"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Meta AI made 1 node(s):\n  meta-llama/Llama-2-7b-hf  model"),
        "{out}"
    );
    let (code, out, err) = on("hub-base-only.csv", &["org", "mistralai"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Mistral AI made 2 node(s):"), "{out}");
    let s = stats_of("hub-base-only.csv");
    // alice, bob, carol, JCX-kcuf, mistralai and meta-llama; one developed_by per model
    assert_eq!(s["nodes_by_kind"]["organization"], 6, "{s}");
    assert_eq!(s["edges_by_relation"]["developed_by"], 7, "{s}");
}

/// Suggestions for a name rank the ids whose name part is the name itself (in any case) before
/// those that only contain it.
#[test]
fn suggestions_rank_an_exact_name_part_first() {
    for asked in ["Llama-2-7b-hf", "llama-2-7B-HF"] {
        let (code, _, err) = on("hub-base-only.csv", &["show", asked]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(&format!(
                "unknown name \"{asked}\": did you mean one of \"meta-llama/Llama-2-7b-hf\", \"JCX-kcuf/Llama-2-7b-hf-gpt-4-80k\""
            )),
            "{err}"
        );
    }
}
