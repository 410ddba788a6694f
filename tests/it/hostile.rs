//! Hostile and odd input: every file under tests/hostile/ is run through the real binary and must
//! give its exact message (file, line or record) and exit code, never a panic. The generated
//! cases (a 10 MB line) are written into a temporary folder here; the 100,000-deep chain is
//! tests/it/deep_chain.rs.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};

/// One row per (case file, command): the exit code and the substrings the output must hold
/// (stdout and stderr together). Adding a case is one file under tests/hostile/ and one line here.
///
/// Errors found while reading stop every command (exit 1, file:line). `check` findings that need
/// the whole graph (cycles, self-loops) fail `check` only: `stats` and the queries still answer.
/// Warnings (a list entry listed twice, a Hub dump's cycle, which is broken) exit 0.
#[rustfmt::skip]
const CASES: &[(&str, &str, i32, &[&str])] = &[
    // truncated files
    ("trunc-entry.md", "check", 1, &["trunc-entry.md:6: error[unclosed-link]: entry \"Alpaca\": the link \"[[paper](https://crfm.stanford.edu/2023/03/13/al\" is never closed (is the file cut off mid-entry?)"]),
    ("trunc-entry.md", "stats", 1, &["error: the data has 1 error(s):", "trunc-entry.md:6: error[unclosed-link]"]),
    ("trunc-table.toml", "check", 1, &["error: trunc-table.toml:6: key with no value, expected `=`"]),
    ("trunc-quoted.csv", "check", 1, &["error: trunc-quoted.csv:3: malformed CSV: expected 6 fields, found 5", "help: a quoted field on line 3 is never closed: it runs to the end of the file"]),
    // a list with no entries
    ("no-entries.md", "check", 1, &["error: no-entries.md:1: not a model list: the sections headed like \"Base Model\" or \"Fine-tuning\" have no entries"]),
    ("no-entries.md", "stats", 1, &["error: no-entries.md:1: not a model list"]),
    ("no-name.md", "stats", 1, &["error: no-name.md:7: list entry has no name: expected the model or method name before its links"]),
    // duplicates
    ("dup-id.toml", "check", 1, &["error: dup-id.toml:11: id \"llama\" of model \"Llama One\" is already taken by model \"Llama\" (dup-id.toml:5)"]),
    ("dup-record.toml", "check", 1, &["dup-record.toml:10: error[duplicate-record]: model \"Llama\" has a second record (id \"llama\", first at dup-record.toml:5)", "1 error(s)"]),
    ("dup-record.toml", "stats", 1, &["error: the data has 1 error(s):", "dup-record.toml:10: error[duplicate-record]"]),
    ("dup-entry.md", "check", 0, &["dup-entry.md:6: warning[duplicate-entry]: \"Llama\" is listed again (first at dup-entry.md:3); the first entry is kept", "0 error(s), 1 warning(s)"]),
    ("dup-entry.md", "stats", 0, &["2 nodes, 1 edges"]),
    // self-loops and cycles
    ("self-loop.toml", "check", 1, &["self-loop.toml:10: error[cycle]: lineage cycle: Llama derives from itself"]),
    ("self-loop.toml", "stats", 0, &["2 nodes, 2 edges"]),
    ("cycle.toml", "check", 1, &["cycle.toml:20: error[cycle]: lineage cycle: Alpha → Beta → Gamma derive from each other"]),
    ("cycle.toml", "stats", 0, &["4 nodes, 6 edges"]),
    ("hub-cycle.csv", "check", 0, &["hub-cycle.csv: warning[cycle]: 1 lineage cycles, broken by dropping the edge that closes each: line 3: \"frank/b\" → \"frank/a\""]),
    // an edge to nowhere, a relation nobody knows
    ("unknown-model.toml", "check", 1, &["unknown-model.toml:12: error[dangling-reference]: unknown name \"Vicunna 2\": did you mean \"Vicuna\"?"]),
    ("unknown-model.toml", "stats", 1, &["error: the data has 1 error(s):", "unknown name \"Vicunna 2\""]),
    ("unknown-relation.toml", "check", 1, &["error: unknown-relation.toml:16: unknown relation \"distilled_from\" (known relations: fine_tuned_from, derived_from,"]),
    ("typo-relation.toml", "stats", 1, &["error: typo-relation.toml:16: unknown relation \"finetune_of\": did you mean \"fine_tuned_from\"?"]),
    // invalid UTF-8 and NUL bytes
    ("bad-utf8.md", "check", 1, &["error: bad-utf8.md:4: invalid UTF-8 (byte 0xff at column 53)", "help: save the file as UTF-8"]),
    ("bad-utf8.toml", "check", 1, &["error: bad-utf8.toml:2: invalid UTF-8 (byte 0xc3 at column 14)"]),
    ("bad-utf8.csv", "stats", 1, &["error: bad-utf8.csv:3: invalid UTF-8 (byte 0xff at column 8)"]),
    ("nul.md", "check", 1, &["error: nul.md:4: NUL byte at column 39: not a text file, or a corrupt one"]),
    ("nul.toml", "check", 1, &["error: nul.toml:2: NUL byte at column 13"]),
    ("nul.csv", "stats", 1, &["error: nul.csv:3: NUL byte at column 8"]),
    // malformed CSV
    ("wrong-columns.csv", "check", 1, &["error: wrong-columns.csv:3: malformed CSV: expected 6 fields, found 5"]),
    ("unclosed-quote.csv", "check", 1, &["error: unclosed-quote.csv:3: malformed CSV: expected 6 fields, found 5", "help: a quoted field on line 3 is never closed"]),
    ("empty.csv", "check", 1, &["error: empty.csv: empty CSV: expected a header line"]),
];

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

/// Runs `llmkg --data FILE ARGS...` (killed after [`HANG_GUARD`]); returns (exit code, stdout,
/// stderr).
fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let (code, stdout, stderr) = common::run(common::llmkg().arg("--data").arg(data).args(args));
    assert!(
        !stderr.contains("panicked"),
        "llmkg {args:?} on {} panicked:\n{stderr}",
        data.display()
    );
    assert!(code >= 0, "llmkg {args:?} on {} was killed", data.display());
    (code, stdout, stderr)
}

#[test]
fn every_case_gives_its_message_and_exit_code() {
    let mut failures = Vec::new();
    for &(file, command, code, expected) in CASES {
        let path = case(file);
        assert!(path.exists(), "missing case file {}", path.display());
        let (got, stdout, stderr) = run(&path, &[command]);
        let all = format!("{stdout}{stderr}");
        let missing: Vec<&&str> = expected.iter().filter(|e| !all.contains(**e)).collect();
        if got != code || !missing.is_empty() {
            failures.push(format!(
                "{file} {command}: exit {got} (expected {code}), missing {missing:?}\n--- output:\n{all}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_case_file_has_a_row() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    for f in std::fs::read_dir(dir).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            CASES.iter().any(|c| c.0 == name),
            "tests/hostile/{name} has no row in CASES"
        );
    }
}

const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn a_ten_megabyte_list_line_is_read_in_reasonable_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-line.md");
    let mut f = std::fs::File::create(&path).unwrap();
    write!(
        f,
        "## Base Model\n- Llama [[paper](https://arxiv.org/abs/2302.13971)]\n  - 2023/02, Meta AI proposes the open source LLM Llama, with 7b. "
    )
    .unwrap();
    f.write_all(&b"lorem ipsum ".repeat(TEN_MB / 12 + 1))
        .unwrap();
    write!(
        f,
        "\n\n- Alpaca [[paper](https://crfm.stanford.edu/2023/03/13/alpaca.html)]\n  - 2023/03, Stanford University proposes Alpaca, fine-tuned based on the Llama 7b model.\n"
    )
    .unwrap();
    drop(f);
    let (code, stdout, _) = run(&path, &["check"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("checked 4 nodes and 3 edges: 0 error(s), 0 warning(s)"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&path, &["show", "Llama", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let desc = v["description"].as_str().unwrap_or_else(|| panic!("{v:#}"));
    assert!(desc.len() > TEN_MB, "the whole description is kept");
}

#[test]
fn a_ten_megabyte_csv_field_is_read_and_reported_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-field.csv");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(b"id,author,created_at,params_b,base_model,base_model_relation\nmeta-llama/Llama-2-7b-hf,meta-llama,2023-07-18,7,,\nalice/ft,alice,2023-08-01,7,\"")
        .unwrap();
    f.write_all(&b"x".repeat(TEN_MB)).unwrap();
    f.write_all(b"\",finetune\nbob/ft,bob,2023-08-02,7,alice/ft,finetune\n")
        .unwrap();
    drop(f);
    let (code, stdout, _) = run(&path, &["check"]);
    assert_eq!(code, 0, "{}", &stdout[..stdout.len().min(3000)]);
    // the 10 MB base becomes a stub node, and the finding about it is cut short
    assert!(
        stdout.contains("long-field.csv: info[stub]: 1 bases not in the file, kept as stub nodes: line 3: \"xxxx"),
        "{}",
        &stdout[..stdout.len().min(3000)]
    );
    // the dump reader keeps only the start of an example
    assert!(
        stdout.contains("xxx…"),
        "{}",
        &stdout[..stdout.len().min(3000)]
    );
    assert!(
        stdout.len() < 10_000,
        "check printed {} bytes",
        stdout.len()
    );
    assert!(
        stdout.contains("checked 7 nodes and 5 edges: 0 error(s)"),
        "{}",
        &stdout[stdout.len().saturating_sub(500)..]
    );
    let (code, stdout, _) = run(&path, &["ancestors", "bob/ft"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("2 ancestor(s) of bob/ft"),
        "{}",
        &stdout[stdout.len().saturating_sub(300)..]
    );
}

#[test]
fn inputs_that_are_not_regular_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("z.csv");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let fifo = dir.path().join("f.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut inputs = vec![link];
    if made.is_ok_and(|s| s.success()) {
        inputs.push(fifo);
    }
    for input in inputs {
        let (code, _, err) = common::run(common::llmkg().arg("--data").arg(&input).arg("stats"));
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("not a regular file (a FIFO, device or socket)"),
            "{err}"
        );
    }
    // UTF-16 is named as such, not as a NUL byte
    let utf16 = dir.path().join("u16.csv");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("id,base_model\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).unwrap();
    let (code, _, err) = common::run(common::llmkg().arg("--data").arg(&utf16).arg("stats"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the file is UTF-16 text, not UTF-8"), "{err}");
}

#[test]
fn control_characters_in_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("evil.md");
    std::fs::write(
        &list,
        "# Models\n\n## Base Model\n\n- **Evil\u{1b}]0;pwned\u{7}Model**: [[paper](https://arxiv.org/abs/2302.00001)] 2023/03, Org, 7B. It is fine-tuned from Llama\u{1b}[2J\u{9b}.\n",
    )
    .unwrap();
    let data = |args: &[&str]| {
        let mut cmd = common::llmkg();
        cmd.arg("--data").arg(&list).args(args);
        common::run(&mut cmd)
    };
    for args in [
        &["list"][..],
        &["stats"],
        &["check"],
        &["show", "evil-0-pwned-model"],
        &["ancestors", "evil-0-pwned-model"],
        &["show", "Evil"],
    ] {
        let (_, out, err) = data(args);
        for text in [&out, &err] {
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
                "llmkg {args:?} wrote a control character: {text:?}"
            );
        }
        assert!(
            out.contains("\\u001b") || err.contains("\\u001b"),
            "{args:?}: {out}{err}"
        );
    }
    // JSON keeps the exact text (escaped as JSON escapes it)
    let (code, out, _) = data(&["list", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let labels: Vec<&str> = (v["nodes"].as_array().unwrap().iter())
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Evil\u{1b}]0;pwned\u{7}Model"),
        "{labels:?}"
    );
}

#[test]
fn an_input_that_gives_nothing_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let header = dir.path().join("header.csv");
    std::fs::write(&header, "id,base_model\n").unwrap();
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    for (input, says) in [(&header, "a header and no rows"), (&empty, "no [[model]]")] {
        let (code, _, err) = common::run(common::llmkg().arg("--data").arg(input).arg("stats"));
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("warning: ") && err.contains(says), "{err}");
        assert!(err.contains("the file adds nothing to the graph"), "{err}");
    }
}

#[test]
fn lines_ended_by_a_lone_cr_give_the_right_evidence_lines() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mac.md");
    let text = "# Models\n\n## Base Model\n\n- **Alpha**: [[paper](https://arxiv.org/abs/2302.00001)] 2023/03, Org, 7B.\n- **Beta**: [[paper](https://arxiv.org/abs/2302.00002)] 2023/04, Org, 7B. It is fine-tuned from Alpha.\n";
    std::fs::write(&list, text.replace('\n', "\r")).unwrap();
    let (code, out, err) = common::run(
        common::llmkg()
            .arg("--data")
            .arg(&list)
            .args(["show", "Beta"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("mac.md:6"), "{out}");
}

/// Runs `llmkg --data A --data B ... ARGS` in `dir`.
fn run_in(dir: &Path, data: &[&str], args: &[&str]) -> (i32, String, String) {
    let mut cmd = common::llmkg();
    cmd.current_dir(dir);
    for d in data {
        cmd.arg("--data").arg(d);
    }
    let (code, out, err) = common::run(cmd.args(args));
    assert!(!err.contains("panicked"), "llmkg {data:?} {args:?}: {err}");
    (code, out, err)
}

const TWO_NODES: &str = r#"{"nodes": [
  {"id": "llama", "label": "Llama", "kind": "model", "origin": {"source": "curated"}},
  {"id": "alpaca", "label": "Alpaca", "kind": "model", "origin": {"source": "curated"}}
]"#;

#[test]
fn a_json_graph_without_edges_and_repeated_edges_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("noedges.json"), format!("{TWO_NODES}}}")).unwrap();
    let (code, out, err) = run_in(dir.path(), &["noedges.json"], &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "warning: noedges.json: no \"edges\" (or \"links\") key: read as a graph without edges"
        ),
        "{err}"
    );
    assert!(out.contains("2 nodes, 0 edges"), "{out}");
    // an empty list of edges is meant: no warning
    std::fs::write(
        dir.path().join("none.json"),
        format!("{TWO_NODES}, \"edges\": []}}"),
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["none.json"], &["stats"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let edge = r#"{"source": "alpaca", "target": "llama", "relation": "fine_tuned_from", "evidence": {"source": "curated"}}"#;
    let other = r#"{"source": "alpaca", "target": "llama", "relation": "fine_tuned_from", "evidence": {"source": "list"}}"#;
    let text = format!("{TWO_NODES},\n\"edges\": [\n{edge},\n{other},\n{edge}\n]}}\n");
    std::fs::write(dir.path().join("dup.json"), text).unwrap();
    let (code, out, err) = run_in(dir.path(), &["dup.json"], &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: dup.json: 1 edges repeat an earlier edge (same ends, relation and evidence), kept once: line 8: alpaca → llama (first at line 6)"),
        "{err}"
    );
    assert!(
        out.contains("2 nodes, 2 edges"),
        "the edge with other evidence stays: {out}"
    );
    let (_, out, _) = run_in(dir.path(), &["dup.json"], &["check"]);
    assert!(out.contains("dup.json: warning[duplicate-edge]"), "{out}");
}

#[test]
fn a_graphml_edge_id_given_twice_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n<node id=\"c\"/>\n<edge id=\"e1\" source=\"a\" target=\"b\"/>\n<edge id=\"e1\" source=\"c\" target=\"b\"/>\n<edge id=\"e2\" source=\"c\" target=\"a\"/>\n</graph>\n</graphml>\n";
    std::fs::write(dir.path().join("dup.graphml"), text).unwrap();
    let (code, out, err) = run_in(dir.path(), &["dup.graphml"], &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: dup.graphml: 1 edge ids given to an earlier edge too (an id names one element of a GraphML document), every edge kept: \"e1\" at line 8 (first at line 7)"),
        "{err}"
    );
    assert!(out.contains("3 nodes, 3 edges"), "{out}");
}

#[test]
fn a_csv_column_named_twice_is_refused_in_every_csv_reader() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("hub.csv", "id,id,base_model\na/x,a/y,\n", "id", 1, 2),
        (
            "epoch.csv",
            "Model,Organization,Publication date,Model,Base model\nFoo,Acme,2024-01-01,Bar,\n",
            "Model",
            1,
            4,
        ),
        (
            "eco.csv",
            "name,type,organization,created_date,dependencies,type\nFoo,model,Acme,2024-01-01,[],model\n",
            "type",
            2,
            6,
        ),
    ];
    for (file, text, column, a, b) in cases {
        std::fs::write(dir.path().join(file), text).unwrap();
        let (code, out, err) = run_in(dir.path(), &[file], &["stats"]);
        assert_eq!(code, 1, "{file}: {out}{err}");
        let says = format!(
            "error: {file}:1: the column \"{column}\" is named twice in the header (columns {a} and {b})"
        );
        assert!(err.contains(&says), "{file}: {err}");
        assert!(out.is_empty(), "{out}");
    }
    // llmkg's own CSV pair: a nodes.csv with a column repeated
    let sub = dir.path().join("pair");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("nodes.csv"), "Id,Label,Label\nx,X,Y\n").unwrap();
    std::fs::write(sub.join("edges.csv"), "Source,Target,Type,Kind\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["pair"], &["stats"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: pair/nodes.csv:1: the column \"Label\" is named twice in the header (columns 2 and 3)"),
        "{err}"
    );
}

#[test]
fn an_epoch_row_whose_base_is_itself_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("epoch.csv"),
        "Model,Organization,Publication date,Parameters,Base model\nFoo-7B,Acme,2024-01-01,7000000000,Foo-7B\nBar,Acme,2024-02-01,,Foo-7B\n",
    )
    .unwrap();
    let (code, out, err) = run_in(dir.path(), &["epoch.csv"], &["stats", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: epoch.csv:2: \"Foo-7B\" names itself as its base model: no edge"),
        "{err}"
    );
    let stats: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (_, out, _) = run_in(dir.path(), &["epoch.csv"], &["ancestors", "Bar"]);
    assert!(out.contains("Foo-7B"), "the other row's edge stays: {out}");
    assert!(stats["edges"].as_u64().unwrap() >= 1, "{stats}");
}

/// A curated file whose model name, alias and description hold what CSV cannot carry (a NUL)
/// or what Neo4j's default array delimiter would split (`;`).
const AWKWARD_TOML: &str = "[[organization]]\nname = \"Acme\"\n\n[[model]]\nname = \"Nul\\u0000Model\"\naliases = [\"Foo; Bar\", \"Baz\"]\norganization = \"Acme\"\ncite = \"https://x.org/a\"\ndescription = \"tab\\tnul\\u0000end\"\n";

#[test]
fn neo4j_arrays_keep_a_semicolon_inside_a_value() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), AWKWARD_TOML).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["c.toml"],
        &["export", "--format", "neo4j", "--out", "o"],
    );
    assert_eq!(code, 0, "{err}");
    let nodes = std::fs::read_to_string(dir.path().join("o/neo4j/nodes.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(nodes.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "aliases:string[]").unwrap();
    let cells: Vec<String> = rows
        .records()
        .map(|r| r.unwrap()[col].to_string())
        .collect();
    assert!(
        cells.contains(&"Foo; Bar\u{1f}Baz".to_string()),
        "two elements, `;` kept, joined by U+001F: {cells:?}"
    );
}

#[test]
fn a_nul_is_escaped_or_replaced_and_every_export_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), AWKWARD_TOML).unwrap();
    let (code, _, err) = run_in(dir.path(), &["c.toml"], &["export", "--out", "o"]);
    assert_eq!(code, 0, "{err}");
    for file in ["o/nodes.csv", "o/neo4j/nodes.csv"] {
        assert!(
            err.contains(&format!("warning: 2 NUL character(s) (U+0000), which CSV cannot carry, were replaced by U+FFFD in {file}")),
            "{err}"
        );
        let bytes = std::fs::read(dir.path().join(file)).unwrap();
        assert!(!bytes.contains(&0), "{file} holds a NUL byte");
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains("Nul\u{FFFD}Model")
        );
    }
    assert!(
        err.contains("replaced by U+FFFD in o/graph.graphml"),
        "{err}"
    );
    let json = std::fs::read_to_string(dir.path().join("o/graph.json")).unwrap();
    assert!(json.contains(r"Nul\u0000Model"), "JSON escapes the NUL");
    // llmkg reads back every file it writes
    for data in [
        &["o/graph.json"][..],
        &["o/graph.graphml"],
        &["o/nodes.csv", "o/edges.csv"],
    ] {
        let (code, out, err) = run_in(dir.path(), data, &["list", "--format", "json"]);
        assert_eq!(code, 0, "{data:?}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let labels: Vec<&str> = (v["nodes"].as_array().unwrap().iter())
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        let want = if data[0].ends_with(".json") {
            "Nul\u{0}Model"
        } else {
            "Nul\u{FFFD}Model"
        };
        assert!(labels.contains(&want), "{data:?}: {labels:?}");
    }
}

#[test]
fn inputs_are_told_apart_by_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str, line: &str| {
        format!(
            "# Models\n\n## Base Model\n\n- {name} [[paper](https://arxiv.org/abs/2302.13971)]\n  - {line}\n"
        )
    };
    for (sub, name, line) in [
        ("a", "Llama", "2023/02, Meta AI proposes Llama, with 7b."),
        ("b", "Qwen", "2023/09, Alibaba proposes Qwen, with 7b."),
    ] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("list.md"), list(name, line)).unwrap();
    }
    // absolute paths: named by as much of the path as tells them apart, never the whole path
    let abs = |s: &str| dir.path().join(s).display().to_string();
    let (code, out, err) = run_in(
        dir.path(),
        &[&abs("a/list.md"), &abs("b/list.md")],
        &["show", "Qwen"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("b/list.md:6"), "{out}");
    assert!(
        !out.contains(&abs("b")),
        "no absolute path in evidence: {out}"
    );
    // relative paths and folders: as given
    let (_, out, _) = run_in(dir.path(), &["a/list.md", "./b/list.md"], &["show", "Qwen"]);
    assert!(out.contains("./b/list.md:6"), "{out}");
    let (_, out, _) = run_in(dir.path(), &["a", "b"], &["show", "Llama"]);
    assert!(out.contains("a/list.md:6"), "{out}");
    // one absolute file alone keeps its file name
    let (_, out, _) = run_in(dir.path(), &[&abs("a/list.md")], &["show", "Llama"]);
    assert!(out.contains(" list.md:6"), "{out}");
}

#[test]
fn a_failed_write_to_standard_output_is_an_error_and_a_closed_pipe_is_not() {
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = common::llmkg_process()
            .arg("stats")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("error: cannot write to standard output: No space left on device"),
            "{err}"
        );
    }
    // a reader that stops after one line: the export (megabytes) meets a closed pipe
    let bin = assert_cmd::cargo::cargo_bin("llmkg");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg("set -o pipefail; \"$0\" export --format json --out - | head -c 10 >/dev/null")
        .arg(&bin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_ten_megabyte_name_is_read_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let name = "A".repeat(TEN_MB);
    let bullet = format!(
        "# Models\n\n## Base Model\n\n- {name} [[paper](https://x.org/a)]\n- Llama [[paper](https://arxiv.org/abs/2302.13971)]\n"
    );
    let cell = format!(
        "# Open LLMs\n\n## Models\n\n| Language Model | Release Date | Checkpoints | Paper/Blog | Params (B) |\n| --- | --- | --- | --- | --- |\n| {name} | 2024/01 | [x-7b](https://huggingface.co/orca-lab/x-7b) | [Paper](https://arxiv.org/abs/2401.00001) | 7 |\n| Heron | 2024-03-12 | [heron-3b](https://huggingface.co/heron-ai/heron-3b) | [Blog](https://heron.example.org/blog/heron) | 3 |\n"
    );
    std::fs::write(dir.path().join("bullet.md"), bullet).unwrap();
    std::fs::write(dir.path().join("cell.md"), cell).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("llmkg");
    for (file, nodes) in [("bullet.md", "2 nodes"), ("cell.md", "4 nodes")] {
        // 1.5 GB of address space: the 10 MB name took 4.4 GB when a regex was built of it
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg("ulimit -v 1500000 && exec \"$0\" --data \"$1\" stats")
            .arg(&bin)
            .arg(file)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            &stderr[..stderr.len().min(500)]
        );
        assert!(
            stdout.contains(nodes),
            "{file}: {}",
            &stdout[..stdout.len().min(500)]
        );
    }
}

#[test]
fn a_folder_skips_a_markdown_file_that_is_no_model_list() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("list.md"),
        "# Models\n\n## Base Model\n\n- Llama [[paper](https://arxiv.org/abs/2302.13971)]\n  - 2023/02, Meta AI proposes Llama, with 7b.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("notes.md"),
        "# Notes\n\nThings to read later.\n\n- a talk\n- a blog post\n",
    )
    .unwrap();
    let (code, out, err) = run_in(dir.path(), &["f"], &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with(
            "warning: f/notes.md: not read: not a model list: no section headed like \"Base Model\""
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one warning: {err}");
    assert!(out.contains("2 nodes, 1 edges"), "{out}");
    // named itself, the same file is an error
    let (code, _, err) = run_in(dir.path(), &["f/notes.md"], &["stats"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: f/notes.md: not a model list"),
        "{err}"
    );
}
