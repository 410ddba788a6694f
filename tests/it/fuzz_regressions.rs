//! Fuzzing regressions: the fuzz targets' pipelines (fuzz/fuzz_targets/) run on stable Rust in CI,
//! over every committed seed (fuzz/corpus/, the Epoch and Ecosystem Graphs ones read as files
//! through `llmkg::ingest::load`) and every input kept in tests/fuzz_regressions/,
//! asserting a clean Ok or Err. (The 50-minute fuzz run found no crash, so that folder holds
//! hand-made edge cases rather than fuzzer finds; add each future crash there.)

use llmkg::check;
use llmkg::export::{Format, Options};
use llmkg::formats::{csv as csv_pair, graphml, json};
use llmkg::graph::Graph;
use llmkg::ingest::{build, curated, hub, list};
use std::path::Path;

/// What every fuzz target does after a successful read: validation and every export.
fn downstream(g: &Graph) {
    let _ = check::validate(g);
    let opts = Options {
        by_year: true,
        cluster_org: true,
    };
    for f in Format::ALL {
        for part in 0..f.files().len() {
            let mut buf = Vec::new();
            f.write_part(g, part, &mut buf, &opts)
                .expect("writing to memory cannot fail");
            assert!(!buf.is_empty(), "{} part {part} wrote nothing", f.name());
        }
    }
}

/// The `list` target: the list reader, the builder, the downstream. The read's result.
fn run_list(data: &[u8]) -> Option<llmkg::error::Result<()>> {
    let text = std::str::from_utf8(data).ok()?;
    Some(
        list::parse("fuzz.md", text, &Default::default()).and_then(|parsed| {
            let g = build::build(&[("fuzz.md".to_string(), parsed)], &[])?;
            downstream(&g);
            Ok(())
        }),
    )
}

/// The `curated` target: the curated reader, the builder, the downstream.
fn run_curated(data: &[u8]) -> Option<llmkg::error::Result<()>> {
    let text = std::str::from_utf8(data).ok()?;
    Some(curated::parse("fuzz.toml", text).and_then(|c| {
        let g = build::build(&[], &[c])?;
        downstream(&g);
        Ok(())
    }))
}

/// The `csv` target, Hub dump half: the whole input as a dump.
fn run_hub(data: &[u8]) -> llmkg::error::Result<()> {
    let mut g = Graph::new();
    hub::add(&mut g, "fuzz.csv", data, &Default::default())?;
    downstream(&g);
    Ok(())
}

/// The `csv` target, CSV pair half: `nodes.csv` NUL `edges.csv`.
fn run_pair(data: &[u8]) -> Option<llmkg::error::Result<()>> {
    let text = std::str::from_utf8(data).ok()?;
    let (nodes, edges) = text.split_once('\0').unwrap_or((text, ""));
    let mut g = Graph::new();
    Some(csv_pair::add(&mut g, "nodes.csv", nodes, "edges.csv", edges).map(|()| downstream(&g)))
}

/// The `graphml` target.
fn run_graphml(data: &[u8]) -> Option<llmkg::error::Result<()>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut g = Graph::new();
    Some(graphml::add(&mut g, "fuzz.graphml", text).map(|()| downstream(&g)))
}

/// The `json` target.
fn run_json(data: &[u8]) -> Option<llmkg::error::Result<()>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut g = Graph::new();
    Some(json::add(&mut g, "fuzz.json", text).map(|()| downstream(&g)))
}

fn files_in(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{} is empty", dir.display());
    out
}

/// The `epoch` and `ecosystem` targets: the input as one `--data` file named `name`, read
/// through `llmkg::ingest::load` (the only route to those readers), then the downstream.
fn run_load(name: &str, data: &[u8]) -> llmkg::error::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, data).unwrap();
    let g = llmkg::ingest::load(&llmkg::ingest::LoadOptions {
        paths: vec![path],
        ..Default::default()
    })?;
    downstream(&g);
    Ok(())
}

/// The committed seeds are valid inputs, so each reads without error and survives the pipeline.
#[test]
fn seed_corpus_reads_cleanly() {
    for (name, data) in files_in("fuzz/corpus/list") {
        run_list(&data)
            .expect("UTF-8")
            .unwrap_or_else(|e| panic!("list seed {name}: {e}"));
    }
    for (name, data) in files_in("fuzz/corpus/curated") {
        // seeds cut from the bundled file may name what another part defines: Err is fine there
        let r = run_curated(&data).expect("UTF-8");
        if !name.starts_with("bundled-") {
            r.unwrap_or_else(|e| panic!("curated seed {name}: {e}"));
        }
    }
    for (name, data) in files_in("fuzz/corpus/csv") {
        if name.starts_with("pair-") {
            run_pair(&data)
                .expect("UTF-8")
                .unwrap_or_else(|e| panic!("CSV pair seed {name}: {e}"));
        } else if name.starts_with("hub-") {
            run_hub(&data).unwrap_or_else(|e| panic!("Hub seed {name}: {e}"));
        } else {
            let _ = run_hub(&data);
            let _ = run_pair(&data);
        }
    }
    for (name, data) in files_in("fuzz/corpus/graphml") {
        run_graphml(&data)
            .expect("UTF-8")
            .unwrap_or_else(|e| panic!("GraphML seed {name}: {e}"));
    }
    for (name, data) in files_in("fuzz/corpus/json") {
        run_json(&data)
            .expect("UTF-8")
            .unwrap_or_else(|e| panic!("JSON seed {name}: {e}"));
    }
    let epoch = files_in("fuzz/corpus/epoch");
    assert!(!epoch.is_empty());
    for (name, data) in epoch {
        run_load("fuzz.csv", &data).unwrap_or_else(|e| panic!("Epoch seed {name}: {e}"));
    }
    let ecosystem = files_in("fuzz/corpus/ecosystem");
    assert!(!ecosystem.is_empty());
    for (name, data) in ecosystem {
        let as_file = if name.ends_with(".yaml") {
            "fuzz.yaml"
        } else {
            "all_assets.csv"
        };
        run_load(as_file, &data).unwrap_or_else(|e| panic!("Ecosystem Graphs seed {name}: {e}"));
    }
}

/// What each kept input must give: `None` for Ok, else a piece of the expected error.
const EXPECTED: [(&str, Option<&str>); 12] = [
    (
        "csv-header-only.csv",
        Some("needs Source and Target columns"),
    ),
    ("csv-nul-only.csv", Some("needs Source and Target columns")),
    ("csv-self-base.csv", Some("a node without an id")),
    ("curated-deep-arrays.toml", Some("max recursion depth met")),
    ("curated-empty.toml", None),
    ("graphml-deep-elements.graphml", Some("no <graph> element")),
    (
        "graphml-entity-expansion.graphml",
        Some("entities, which are never expanded"),
    ),
    ("json-deep-nesting.json", Some("not a node")),
    ("json-empty-object.json", Some("missing field `nodes`")),
    ("list-deep-nesting.md", Some("list entry has no name")),
    (
        "list-deep-quotes.md",
        Some("not a model list: none of its 1 item(s)"),
    ),
    ("list-empty.md", Some("no section headed like")),
];

/// Every kept input (named `<target>-<what>.<ext>`) goes through its target's pipeline without
/// panicking (deep nesting included: no stack overflow) and gives the expected Ok or error.
#[test]
fn kept_inputs_do_not_panic() {
    let files = files_in("tests/fuzz_regressions");
    assert_eq!(
        files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        EXPECTED.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "every kept input needs its expectation"
    );
    for ((name, data), (_, expected)) in files.iter().zip(EXPECTED) {
        let target = name.split('-').next().unwrap();
        let result = match target {
            "list" => run_list(data),
            "curated" => run_curated(data),
            "csv" => {
                let _ = run_hub(data);
                run_pair(data)
            }
            "graphml" => run_graphml(data),
            "json" => run_json(data),
            other => panic!("{name}: unknown target {other}"),
        };
        let result = result.unwrap_or_else(|| panic!("{name}: not UTF-8"));
        match (result, expected) {
            (Ok(()), None) => {}
            (Err(e), Some(want)) => {
                assert!(e.to_string().contains(want), "{name}: {e}, expected {want}")
            }
            (r, want) => panic!("{name}: got {r:?}, expected {want:?}"),
        }
    }
}
