//! One 100,000-deep lineage chain through every layer, as a user meets it: a Hub dump where each
//! model fine-tunes the one before, loaded by the real binary, questioned by every query, checked,
//! and exported in every format. Every walk must be iterative (no stack overflow) and every answer
//! whole. (Speed is measured in `benches/`, not here.)

use crate::common;

use common::{json_of, llmkg, run};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

const N: usize = 100_000;

/// Writes the chain `org/m0 <- org/m1 <- ... <- org/m99999` as a Hub dump.
fn chain(dir: &Path) -> PathBuf {
    let path = dir.join("chain.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        f,
        "id,author,created_at,params_b,base_model,base_model_relation"
    )
    .unwrap();
    writeln!(f, "org/m0,org,2023-01-01,7,,").unwrap();
    for i in 1..N {
        writeln!(f, "org/m{i},org,2023-01-01,7,org/m{},finetune", i - 1).unwrap();
    }
    path
}

fn query(data: &Path, args: &[&str]) -> Value {
    json_of(
        llmkg()
            .arg("--data")
            .arg(data)
            .args(args)
            .args(["--format", "json"]),
    )
}

#[test]
fn a_hundred_thousand_deep_chain_is_queried_checked_and_exported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = chain(dir.path());
    let last = format!("org/m{}", N - 1);
    let middle = format!("org/m{}", N / 2);

    // the text tree of the ancestors stays flat: indentation stops growing
    let (code, text, err) = run(llmkg().arg("--data").arg(&data).args(["ancestors", &last]));
    assert_eq!(code, 0, "{err}");
    assert!(
        text.trim_end()
            .ends_with(&format!("{} ancestor(s) of {last}", N - 1))
    );
    let deepest = text
        .lines()
        .find(|l| l.contains("[depth 99999]"))
        .expect("depth 99999");
    assert!(deepest.len() < 120, "{deepest}");

    let nodes = |v: &Value| v["nodes"].as_array().unwrap().len();
    assert_eq!(nodes(&query(&data, &["ancestors", &last])), N - 1);
    assert_eq!(nodes(&query(&data, &["descendants", "org/m0"])), N - 1);
    assert_eq!(
        nodes(&query(&data, &["family", &middle])),
        N,
        "every model of the chain"
    );
    let path = query(&data, &["path", &last, "org/m0"]);
    assert_eq!(path["edges"].as_array().unwrap().len(), N - 1);
    let common = query(&data, &["common", &last, &middle]);
    assert_eq!(
        common["nodes"][0]["id"],
        "org--m50000",
        "{}",
        &common.to_string()[..300]
    );

    let (code, text, _) = run(llmkg().arg("--data").arg(&data).arg("check"));
    assert_eq!(code, 0);
    let summary = format!(
        "checked {} nodes and {} edges: 0 error(s)",
        N + 1,
        2 * N - 1
    );
    assert!(text.contains(&summary), "{text}");
}

#[test]
fn a_hundred_thousand_deep_chain_exports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = chain(dir.path());
    let out = dir.path().join("out");
    let (code, _, err) = run(llmkg()
        .arg("--data")
        .arg(&data)
        // the whole chain in DOT too (by default a drawing stops at 2,000 nodes)
        .args([
            "export",
            "--by-year",
            "--cluster",
            "org",
            "--max-nodes",
            "0",
            "--out",
        ])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    let files = common::files(&out);
    for (file, bytes) in &files {
        // over Mermaid's limit: what was left out; over the page's: a notice
        let small = file.ends_with("graph.mmd") || file.ends_with("graph.html");
        assert!(
            small || bytes.len() > N * 20,
            "{} holds every node",
            file.display()
        );
    }
    let text = |name: &str| String::from_utf8(files[Path::new(name)].clone()).unwrap();
    let graphml = text("graph.graphml");
    assert_eq!(graphml.matches("<edge ").count(), 2 * N - 1);
    // the root's descendant count: the whole chain below it
    assert!(graphml.contains(&format!(">{}</data>", N - 1)));
    assert_eq!(text("graph.gexf").matches("<node ").count(), N + 1);
    let json: Value = serde_json::from_str(&text("graph.json")).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), N + 1);
    assert_eq!(json["edges"].as_array().unwrap().len(), 2 * N - 1);
    assert!(
        text("graph.mmd").contains("left out"),
        "{}",
        &text("graph.mmd")[..400]
    );
    // --max-nodes 0 lifts the page's limit as the other drawings': it carries the whole chain
    let page = text("graph.html");
    assert!(page.contains(&format!("\"node_count\":{}", N + 1)));
    assert!(!page.contains("\"notice\":["), "nothing left out");
    assert!(!err.contains("note: graph.html: "), "{err}");
}
