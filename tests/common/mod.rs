//! Helpers shared by the integration tests.
// Each test file compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::time::Duration;

/// How long a child llmkg may run before a test kills it. Not a speed assertion (speed is
/// measured in `benches/`, never in tests): it only turns a hang into a failure instead of a CI
/// run that never ends, so it is far above any run's time on the slowest machine.
pub const HANG_GUARD: Duration = Duration::from_secs(600);

/// The llmkg binary, ready for arguments.
pub fn llmkg() -> Command {
    Command::cargo_bin("llmkg").expect("the llmkg binary is built")
}

/// Runs a command that must succeed and parses its standard output as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

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
