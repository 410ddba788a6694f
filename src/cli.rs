//! The command line: clap derive types live here and become plain option structs for the core.

use std::process::ExitCode;

pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
