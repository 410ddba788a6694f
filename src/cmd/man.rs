//! `llmkg man`: the manual page (roff), made from the same clap definitions as `--help`.

use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Writes `llmkg.1` to `out`: the top-level page, then a section per command with its options
/// (read it with `llmkg man | man -l -`, install it as `man1/llmkg.1`).
pub(crate) fn run(_args: &Args, out: &mut dyn Write) -> Result<ExitCode> {
    let cli = super::Cli::command();
    let man = clap_mangen::Man::new(cli.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    render_commands(&cli, out)?;
    man.render_version_section(out)?;
    Ok(ExitCode::SUCCESS)
}

/// One `.SH` section per command: its synopsis line, what it does and its own options.
fn render_commands(cli: &clap::Command, out: &mut dyn Write) -> Result<()> {
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("llmkg {}", sub.get_name());
        let sub = sub.clone().bin_name(name);
        let man = clap_mangen::Man::new(sub);
        let mut page = Vec::new();
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        // each command's sections become subsections of one COMMANDS section
        let text = String::from_utf8_lossy(&page).replace(".SH ", ".SS ");
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}
