//! Fuzz target: the node-link JSON importer, into an empty graph and into a small curated one, then
//! validation and every export.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llmkg::graph::Graph;
use llmkg::formats::json;
use llmkg_fuzz::{downstream, mini_graph};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut g = Graph::new();
    if json::add(&mut g, "fuzz.json", text).is_ok() {
        downstream(&g);
    }
    let mut g = mini_graph();
    if json::add(&mut g, "fuzz.json", text).is_ok() {
        downstream(&g);
    }
});
