//! The foundation commands (check, stats, show, list) run as a user runs them, on fixtures and on
//! bad input: clear errors with file and line, exit 1, never a panic.

use crate::common;

use common::{fixture, json_of, llmkg};

use predicates::prelude::*;
use std::path::PathBuf;

/// Writes `text` to a file in a fresh temporary folder and returns both.
fn temp_file(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    (dir, p)
}

#[test]
fn stats_json_counts_kinds_and_relations() {
    let v = json_of(
        llmkg()
            .args(["stats", "--format", "json", "--data"])
            .arg(fixture("mini.toml")),
    );
    assert_eq!(v["nodes"], 8);
    assert_eq!(v["nodes_by_kind"]["model"], 5);
    assert_eq!(v["nodes_by_kind"]["organization"], 2);
    assert_eq!(v["edges_by_relation"]["fine_tuned_from"], 2);
    assert_eq!(v["roots"][0]["id"], "llama");
    assert_eq!(v["families"][0]["root"]["id"], "llama");
    assert_eq!(v["families"][0]["size"], 5);
}

#[test]
fn show_resolves_loose_names_and_prints_evidence() {
    llmkg()
        .args(["show", "LLaMA-2", "--data"])
        .arg(fixture("mini.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Llama 2 (model, id llama-2)"))
        .stdout(predicate::str::contains("─successor_of→ Llama"))
        .stdout(predicate::str::contains("https://arxiv.org/abs/2307.09288"));
    let v = json_of(
        llmkg()
            .args(["show", "codellama", "--format", "json", "--data"])
            .arg(fixture("mini.toml")),
    );
    assert_eq!(v["id"], "code-llama");
    assert_eq!(v["out"][0]["relation"], "derived_from");
    assert_eq!(v["out"][0]["target"], "llama-2");
    assert!(
        v["out"][0]["evidence"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
}

#[test]
fn unknown_names_suggest_the_closest() {
    llmkg()
        .args(["show", "Vicunna", "--data"])
        .arg(fixture("mini.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown name \"Vicunna\": did you mean \"Vicuna\"?",
        ));
}

#[test]
fn list_filters_by_kind_org_and_date() {
    let v = json_of(
        llmkg()
            .args([
                "list", "--kind", "model", "--org", "Meta", "--since", "2023-03", "--format",
                "json", "--data",
            ])
            .arg(fixture("mini.toml")),
    );
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["code-llama", "llama-2"]);
    for n in v["nodes"].as_array().unwrap() {
        assert_eq!(n["kind"], "model");
        assert!(n["label"].is_string());
    }
}

#[test]
fn curated_fact_naming_an_unknown_model_is_an_error_with_line() {
    let text = std::fs::read_to_string(fixture("mini.toml")).unwrap()
        + "\n[[fact]]\nsubject = \"Vicunna\"\nrelation = \"fine_tuned_from\"\nobject = \"Llama\"\ncite = \"https://example.org\"\n";
    let (_d, p) = temp_file("bad.toml", text.as_bytes());
    let line = text.lines().position(|l| l.contains("Vicunna")).unwrap() + 1;
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "bad.toml:{line}: error[dangling-reference]: unknown name \"Vicunna\": did you mean \"Vicuna\"?"
        )));
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("bad.toml:{line}")))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn lineage_cycles_fail_check() {
    let text = std::fs::read_to_string(fixture("mini.toml")).unwrap()
        + "\n[[fact]]\nsubject = \"Llama\"\nrelation = \"derived_from\"\nobject = \"Code Llama\"\ncite = \"https://example.org\"\n";
    let (_d, p) = temp_file("cycle.toml", text.as_bytes());
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[cycle]: lineage cycle: Code Llama → Llama → Llama 2",
        ));
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let (_d, p) = temp_file("latin1.toml", b"[[model]]\nname = \"Caf\xe9\"\n");
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "latin1.toml:2: invalid UTF-8 (byte 0xe9 at column 12)",
        ));
}

#[test]
fn bad_toml_and_unknown_relations_name_the_line() {
    let (_d, p) = temp_file(
        "rel.toml",
        b"[[fact]]\nsubject = \"A\"\nrelation = \"finetuned_from\"\nobject = \"B\"\ncite = \"x\"\n",
    );
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "rel.toml:3: unknown relation \"finetuned_from\": did you mean \"fine_tuned_from\"?",
        ));
}

#[test]
fn unknown_input_kinds_and_missing_files_are_clear() {
    let (_d, p) = temp_file("notes.txt", b"hello");
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt: unknown kind of input"));
    llmkg()
        .args(["--data", "no/such/file.md", "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read no/such/file.md"));
}

#[test]
fn a_whole_awesome_list_readme_gives_only_its_model_and_method_sections() {
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut c = llmkg();
        c.arg("--data").arg(fixture("awesome-readme.md"));
        c.args(extra);
        let v = json_of(c.args(["list", "--kind", "model", "--format", "json"]));
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    // survey, dataset and tool sections are skipped (vLLM is a tool); a Chinese "base models"
    // heading is a section of its own
    assert_eq!(
        ids(&[]),
        ["baichuan", "chatglm", "falcon", "llama", "vicuna"]
    );
    // naming a heading that the file does not have is an error with the closest headings
    llmkg()
        .arg("--data")
        .arg(fixture("awesome-readme.md"))
        .args(["--section", "Open LLM=model", "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--section \"Open LLM\": no heading of awesome-readme.md is called that: the closest are \"🤖 Open LLMs\"",
        ));
    llmkg()
        .args(["--section", "Models", "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "expected HEADING=model or HEADING=method",
        ));
}

#[test]
fn a_file_that_is_not_a_list_says_how_to_name_its_sections() {
    let (_d, p) = temp_file("notes.md", b"# My notes\n\n## Groceries\n- milk\n- eggs\n");
    llmkg()
        .arg("--data")
        .arg(&p)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.md"))
        .stderr(predicate::str::contains("not a model list"))
        .stderr(predicate::str::contains("--section"));
}

#[test]
fn render_draws_the_bundled_tree_as_svg_and_png() {
    if !common::require_reader("graphviz dot", common::has_dot()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("tree.svg");
    let png = dir.path().join("llama.png");
    llmkg().arg("render").arg("-o").arg(&svg).assert().success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("<svg") && text.contains("Code Llama"),
        "an SVG with the labels"
    );
    llmkg()
        .args(["render", "--format", "png", "--family", "Llama", "-o"])
        .arg(&png)
        .assert()
        .success();
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.len() > 1000 && bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn export_says_when_xml_had_to_replace_control_characters() {
    let (dir, p) = temp_file(
        "ctl.toml",
        b"[[model]]\nname = \"Bell\\u0007Model\"\ncite = \"https://example.org\"\n",
    );
    let out = dir.path().join("out");
    llmkg()
        .arg("--data")
        .arg(&p)
        .args(["export", "--format", "graphml,json", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: 1 control character(s) that XML 1.0 forbids were replaced by U+FFFD in",
        ))
        .stderr(predicate::str::contains("graph.graphml"));
    let graphml = std::fs::read_to_string(out.join("graph.graphml")).unwrap();
    assert!(graphml.contains("Bell\u{FFFD}Model"));
    let json = std::fs::read_to_string(out.join("graph.json")).unwrap();
    assert!(
        json.contains("Bell\\u0007Model"),
        "JSON keeps the character"
    );
}

#[test]
fn hiding_organizations_keeps_their_colours_and_names() {
    let dot = |extra: &[&str]| -> String {
        let out = llmkg()
            .args(["export", "--format", "dot", "--out", "-"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let fill = |text: &str, id: &str| -> String {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[")))
            .unwrap();
        line.split("fillcolor=\"").nth(1).unwrap()[..7].to_string()
    };
    let (full, bare) = (dot(&[]), dot(&["--no-orgs"]));
    assert!(!bare.contains("\"meta-ai\"["), "organizations are hidden");
    assert_eq!(
        fill(&bare, "llama"),
        fill(&full, "llama"),
        "Llama keeps Meta AI's colour"
    );
    assert_ne!(fill(&bare, "llama"), "#bbbbbb");
    // and the organization is still named in the tables
    let out = llmkg()
        .args(["export", "--no-orgs", "--format", "csv", "--out", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("llama,Llama,") && l.contains("meta-ai")),
        "{text}"
    );
}

/// `completions SHELL` prints a script that completes every command, in any folder and without
/// reading data (an input that is not there is no error for it).
#[test]
fn completions_cover_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = llmkg()
            .current_dir(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        for cmd in ["ancestors", "descendants", "export", "render", "why", "man"] {
            assert!(script.contains(cmd), "{shell} completion lacks {cmd}");
        }
    }
    llmkg()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

/// `man` prints a roff page with a section for every command and its options.
#[test]
fn man_page_holds_every_command() {
    let out = llmkg().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains(".TH llmkg 1"));
    for cmd in [
        "llmkg ancestors",
        "llmkg export",
        "llmkg why",
        "llmkg completions",
    ] {
        assert!(page.contains(cmd), "man page lacks {cmd}");
    }
    assert!(
        page.contains("\\-\\-max\\-nodes"),
        "man page lacks export's options"
    );
}

/// Node count of `stats --format json` run in `dir` with `args`.
fn node_count(dir: &std::path::Path, args: &[&str]) -> u64 {
    let v = json_of(
        llmkg()
            .current_dir(dir)
            .args(args)
            .args(["stats", "--format", "json"]),
    );
    v["nodes"].as_u64().unwrap()
}

/// `--bundled` adds the bundled list and curated facts to one's own file, from any folder; the
/// bundled files named again (`--bundled --data data` in the clone) are read once.
#[test]
fn bundled_data_merges_with_own_files_from_anywhere() {
    let (dir, _) = temp_file(
        "mine.csv",
        b"id,base_model\nme/llama2-ft,meta-llama/Llama-2-7b-hf\n",
    );
    let bundled = node_count(dir.path(), &[]);
    let merged = node_count(dir.path(), &["--bundled", "--data", "mine.csv"]);
    // the fine-tune, its base's Hub repo and the namespace's organization
    assert_eq!(merged, bundled + 3);
    let out = llmkg()
        .current_dir(dir.path())
        .args([
            "--bundled",
            "--data",
            "mine.csv",
            "ancestors",
            "me/llama2-ft",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Llama 2"));
    let repo = env!("CARGO_MANIFEST_DIR");
    let twice = node_count(repo.as_ref(), &["--bundled", "--data", "data"]);
    assert_eq!(twice, node_count(repo.as_ref(), &[]));
}

/// `--data data` outside the clone names the path as given and points to `--bundled`.
#[test]
fn a_missing_data_folder_suggests_bundled() {
    let dir = tempfile::tempdir().unwrap();
    llmkg()
        .current_dir(dir.path())
        .args(["--data", "data", "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: cannot read data: "))
        .stderr(predicate::str::contains(
            "--bundled reads it from any folder",
        ));
}

/// A human table pads its columns to at most 40 display columns: one long name does not push
/// every row's other columns far right, and in a pipe it is printed whole (shortening with `…`
/// happens on a terminal only).
#[test]
fn long_names_do_not_widen_every_row() {
    let long = "An Extraordinarily Long Model Name That Goes On And On";
    let toml = format!(
        "[[model]]\nname = \"{long}\"\ncite = \"https://example.org\"\n\n[[model]]\nname = \"Tiny\"\ncite = \"https://example.org\"\n"
    );
    let (_dir, path) = temp_file("long.toml", toml.as_bytes());
    let out = llmkg()
        .arg("--data")
        .arg(&path)
        .arg("list")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(header.find("LABEL"), Some(42), "{text}");
    let tiny = text.lines().find(|l| l.starts_with("tiny ")).unwrap();
    assert_eq!(tiny.find("Tiny"), Some(42), "{text}");
    assert!(text.contains(long), "a pipe gets the whole name: {text}");
}
