//! Fuzz target: the CSV readers. The whole input as a Hugging Face dump (raw bytes, into an empty
//! graph and into a small curated one); if UTF-8, split at the first NUL byte into `nodes.csv` and
//! `edges.csv` for the llmkg CSV pair importer. Every graph read is validated and exported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llmkg::graph::Graph;
use llmkg::formats::csv as csv_pair;
use llmkg::ingest::hub;
use llmkg_fuzz::{downstream, mini_graph};

fuzz_target!(|data: &[u8]| {
    let opts = hub::HubOptions::default();
    let mut g = Graph::new();
    if hub::add(&mut g, "fuzz.csv", data, &opts).is_ok() {
        downstream(&g);
    }
    let mut g = mini_graph();
    if hub::add(&mut g, "fuzz.csv", data, &opts).is_ok() {
        downstream(&g);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (nodes, edges) = text.split_once('\0').unwrap_or((text, ""));
    let mut g = Graph::new();
    if csv_pair::add(&mut g, "nodes.csv", nodes, "edges.csv", edges).is_ok() {
        downstream(&g);
    }
    let mut g = mini_graph();
    if csv_pair::add(&mut g, "nodes.csv", nodes, "edges.csv", edges).is_ok() {
        downstream(&g);
    }
});
