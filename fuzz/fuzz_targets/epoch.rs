//! Fuzz target: the Epoch AI CSV reader (notable and all models downloads). The whole input as
//! `fuzz.csv` read through `llmkg::ingest::load` (an Epoch header sends it to the Epoch reader;
//! the seeds have one); every graph read is validated and exported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llmkg_fuzz::{downstream, load_file};

fuzz_target!(|data: &[u8]| {
    if let Some(g) = load_file("fuzz.csv", data) {
        downstream(&g);
    }
});
