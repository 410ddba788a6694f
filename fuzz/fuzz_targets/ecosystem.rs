//! Fuzz target: the Stanford Ecosystem Graphs readers. The whole input as an assets file
//! (`fuzz.yaml`) and as the flattened `all_assets.csv`, each read through
//! `llmkg::ingest::load`; every graph read is validated and exported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llmkg_fuzz::{downstream, load_file};

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.yaml", "all_assets.csv"] {
        if let Some(g) = load_file(name, data) {
            downstream(&g);
        }
    }
});
