//! Readers refuse what they cannot read, and say what they passed over: empty, cut-off and
//! graph-less GraphML, Hub dumps without lineage or with placeholder bases, files a folder holds
//! that are not inputs, a closed standard error; and Hub names (organizations of models known
//! only as bases, suggestions that rank an exact name first).

mod common;

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
