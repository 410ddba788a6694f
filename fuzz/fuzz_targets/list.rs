//! Fuzz target: the markdown list reader, then the builder (alone, then validation and every
//! export; and with the bundled curated file, then validation).
#![no_main]

use libfuzzer_sys::fuzz_target;
use llmkg::check;
use llmkg::ingest::{build, list};
use llmkg_fuzz::{bundled_curated, downstream};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = list::parse("fuzz.md", text, &list::ListOptions::default()) else {
        return;
    };
    let lists = [("fuzz.md".to_string(), parsed)];
    if let Ok(g) = build::build(&lists, &[]) {
        downstream(&g);
    }
    if let Ok(g) = build::build(&lists, std::slice::from_ref(bundled_curated())) {
        // the larger merged graph: validation only, to keep the run fast
        std::hint::black_box(check::validate(&g));
    }
});
