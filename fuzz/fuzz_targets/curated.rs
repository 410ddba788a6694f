//! Fuzz target: the curated TOML reader, then the builder (alone, then validation and every
//! export; and with the bundled list, then validation).
#![no_main]

use libfuzzer_sys::fuzz_target;
use llmkg::check;
use llmkg::ingest::{build, curated};
use llmkg_fuzz::{bundled_list, downstream};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(c) = curated::parse("fuzz.toml", text) else {
        return;
    };
    let cs = [c];
    if let Ok(g) = build::build(&[], &cs) {
        downstream(&g);
    }
    if let Ok(g) = build::build(std::slice::from_ref(bundled_list()), &cs) {
        // the larger merged graph: validation only, to keep the run fast
        std::hint::black_box(check::validate(&g));
    }
});
