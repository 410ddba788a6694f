//! Helpers shared by the integration tests: the skip rule for outside readers.
#![allow(dead_code)]

/// Whether a test that needs the outside reader `name` should run. When it is missing the test
/// prints "skipped: <name> not installed" and passes, unless `LLMKG_REQUIRE_READERS=1`, when it
/// fails.
pub fn require_reader(name: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if std::env::var("LLMKG_REQUIRE_READERS").as_deref() == Ok("1") {
        panic!("{name} is required (LLMKG_REQUIRE_READERS=1) but not installed");
    }
    println!("skipped: {name} not installed");
    false
}
