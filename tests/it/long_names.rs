//! A name far over what Graphviz accepts (16,384 bytes a string) in a markdown list: every
//! drawing shortens it with an ellipsis, so `dot -Tsvg graph.dot` parses and `render` draws,
//! while the lossless exports (JSON, GraphML, CSV) keep the whole name. The Mermaid side is
//! checked by `tests/it/mermaid.rs` with the Mermaid CLI.

use crate::common;
use crate::common::has_dot;

use common::{llmkg, require_reader, run};
use std::path::{Path, PathBuf};

/// The length of the long model name.
const LONG: usize = 20_000;

/// A markdown list of Llama and a model of a [`LONG`]-character name fine-tuned from it; the
/// list's path and the name.
pub fn long_name_list(dir: &Path) -> (PathBuf, String) {
    let name = format!("Giant{}", "x".repeat(LONG - 5));
    let list = format!(
        "# Models\n\n## Open LLMs\n\
         * Llama [[paper](https://arxiv.org/abs/2302.13971)]\n  \
         * 2023/02, Meta AI proposes the open source LLM Llama.\n\
         * {name} [[code](https://github.com/example/giant)]\n  \
         * 2023/04, Stanford proposes {name}, fine-tuned from Llama.\n"
    );
    let path = dir.join("long.md");
    std::fs::write(&path, list).unwrap();
    (path, name)
}

#[test]
fn a_name_over_graphviz_limit_is_shortened_in_drawings_and_kept_whole_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (list, name) = long_name_list(dir.path());
    let out = dir.path().join("out");
    let (code, _, err) = run(llmkg()
        .arg("--data")
        .arg(&list)
        .args(["export", "--out"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    // the lossless exports keep the whole name
    let graph: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let labels: Vec<&str> = (graph["nodes"].as_array().unwrap().iter())
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&name.as_str()), "graph.json keeps the name");
    for file in ["graph.graphml", "graph.gexf", "nodes.csv"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(text.contains(&name), "{file} keeps the name");
    }
    // the drawings hold it shortened, with an ellipsis
    for file in ["graph.dot", "graph.mmd"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains(&name), "{file} shortens the name");
        assert!(text.contains("Giantxxxx") && text.contains('…'), "{file}");
        assert!(
            text.lines().all(|l| l.len() < 4_000),
            "{file}: a line too long"
        );
    }
    if !require_reader("graphviz dot", has_dot()) {
        return;
    }
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(out.join("graph.dot"))
        .output()
        .unwrap();
    assert!(
        svg.status.success(),
        "dot: {}",
        String::from_utf8_lossy(&svg.stderr)
    );
    assert!(String::from_utf8_lossy(&svg.stdout).contains("Giantxxxx"));
    let (code, svg, err) = run(llmkg().arg("--data").arg(&list).args(["render", "-o", "-"]));
    assert_eq!(code, 0, "{err}");
    assert!(svg.contains("<svg") && svg.contains("Giantxxxx"), "{err}");
}
