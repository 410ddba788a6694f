//! `llmkg completions SHELL`: the shell's completion script for every command and option.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The shell to complete in: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

/// Writes the completion script to `out` (install it where the shell looks, e.g.
/// `llmkg completions bash > ~/.local/share/bash-completion/completions/llmkg`).
pub(crate) fn run(args: &Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut cli = super::Cli::command();
    clap_complete::generate(args.shell, &mut cli, "llmkg", out);
    Ok(ExitCode::SUCCESS)
}
