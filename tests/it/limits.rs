//! Large graphs never hang a drawing and never give an empty one (#15): a 20,000-model Hub tree
//! through `render`, the DOT export and the Mermaid export, each cut to its limit with a notice
//! on standard error and at the top of the file.

use crate::common;

use common::{hub_tree, llmkg, require_reader, run};
use std::path::Path;

/// Models in the over-limit tree: far over every drawing's limit.
const MODELS: usize = 20_000;

/// The notice every cut drawing says on standard error, for the drawing named `file`.
fn assert_notice(stderr: &str, file: &str) {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with(&format!("note: {file}: ")))
        .collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].contains("more than this drawing takes"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("cut to") && lines[1].contains("left out"),
        "{stderr}"
    );
    assert!(
        lines[2].contains("--family NAME (--family 'org-000000/Llama-1-7.0B')")
            && lines[2].contains("--org ORG")
            && lines[2].contains("--since YYYY-MM"),
        "{stderr}"
    );
}

/// Runs `llmkg --data data ARGS`, which must succeed; (stdout, stderr).
fn llmkg_on(data: &Path, args: &[&str]) -> (String, String) {
    let (code, out, err) = run(llmkg().arg("--data").arg(data).args(args));
    assert_eq!(code, 0, "{err}");
    (out, err)
}

#[test]
fn render_draws_the_largest_families_of_a_graph_over_the_limit() {
    if !require_reader("graphviz dot", common::has_dot()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = hub_tree(dir.path(), MODELS);
    let svg = dir.path().join("tree.svg");
    let path = svg.to_str().unwrap();
    let (_, err) = llmkg_on(&data, &["render", "--max-nodes", "300", "-o", path]);
    assert_notice(&err, "render");
    let drawn = std::fs::read_to_string(&svg).unwrap();
    let nodes = drawn.matches("class=\"node\"").count();
    // 300 nodes (the DOT export's default limit), the time axis' and the legend's
    assert!((300..420).contains(&nodes), "{nodes} nodes drawn");
    // by default, what a slide holds: organizations in the legend, fewer nodes, and the notice
    let (_, err) = llmkg_on(&data, &["render", "-o", path]);
    assert!(
        err.contains("organizations are drawn as the nodes' colours")
            && err.contains("a slide holds about")
            && err.contains("--family NAME"),
        "{err}"
    );
    let drawn = std::fs::read_to_string(&svg).unwrap();
    let nodes = drawn.matches("class=\"node\"").count();
    assert!((10..300).contains(&nodes), "{nodes} nodes drawn");
}

#[test]
fn the_dot_export_of_a_graph_over_the_limit_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub_tree(dir.path(), MODELS);
    let (dot, err) = llmkg_on(&data, &["export", "--format", "dot", "--out", "-"]);
    assert_notice(&err, "graph.dot");
    let lines: Vec<&str> = dot.lines().collect();
    for (i, said) in err
        .lines()
        .filter(|l| l.starts_with("note: graph.dot: "))
        .enumerate()
    {
        let said = said.trim_start_matches("note: graph.dot: ");
        assert_eq!(lines[i], format!("// {said}"), "the notice heads the file");
    }
    // the tree's nodes (every id starts with its owner, org-NNNNNN), not the legend's
    // (a node is named again in its rank and its family: count each once)
    let nodes = |dot: &str| {
        dot.lines()
            .filter(|l| l.trim_start().starts_with("\"org-") && !l.contains(" -> "))
            .filter_map(|l| l.trim_start().split('"').nth(1).map(str::to_string))
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    assert_eq!(nodes(&dot), 2_000);
    // --max-nodes sets the limit, 0 lifts it
    let (small, err) = llmkg_on(
        &data,
        &[
            "export",
            "--format",
            "dot",
            "--max-nodes",
            "100",
            "--out",
            "-",
        ],
    );
    assert!(err.contains("(100 nodes; --max-nodes N sets it"), "{err}");
    // a model that does not fit with its organization ends the pick
    assert!((95..=100).contains(&nodes(&small)), "{}", nodes(&small));
    let (whole, err) = llmkg_on(
        &data,
        &[
            "export",
            "--format",
            "dot",
            "--max-nodes",
            "0",
            "--out",
            "-",
        ],
    );
    assert!(!err.contains("note:"), "{err}");
    assert!(!whole.starts_with("//"));
    assert!(nodes(&whole) > MODELS);
}

#[test]
fn the_mermaid_export_of_a_graph_over_the_limit_keeps_within_mermaid() {
    let dir = tempfile::tempdir().unwrap();
    let data = hub_tree(dir.path(), MODELS);
    let (mmd, err) = llmkg_on(&data, &["export", "--format", "mermaid", "--out", "-"]);
    assert_notice(&err, "graph.mmd");
    let mut lines = mmd.lines();
    assert_eq!(lines.next(), Some("flowchart TB"));
    for said in err.lines().filter(|l| l.starts_with("note: graph.mmd: ")) {
        let said = said.trim_start_matches("note: graph.mmd: ");
        assert_eq!(lines.next(), Some(format!("    %% {said}").as_str()));
    }
    let edges = mmd
        .lines()
        .filter(|l| l.contains(" -->|") || l.contains(" ~~~ "))
        .count();
    let nodes = mmd.lines().filter(|l| l.contains("[\"")).count();
    assert!(edges > 0 && edges <= 500, "{edges} edges");
    assert!(nodes > 100, "{nodes} nodes");
    // Mermaid's maxTextSize counts the text without its comment lines
    let text: usize = mmd
        .lines()
        .filter(|l| !l.trim_start().starts_with("%%"))
        .map(|l| l.len() + 1)
        .sum();
    assert!(text <= 50_000, "{text} characters");
}
