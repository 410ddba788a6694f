//! Helpers shared by the integration tests.

/// Whether a test that needs the outside reader `name` should run: true when `available`;
/// otherwise prints "skipped: <name> not installed" and returns false, or panics when
/// `LLMKG_REQUIRE_READERS=1` says every reader must be there.
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
