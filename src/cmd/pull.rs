//! `llmkg pull`: fetch a model's family from the Hub API, recursively, into a JSON Lines file
//! that `--data` reads (written as it goes, so an interrupted pull resumes from it).

use super::DataArgs;
use crate::pull::{Pull, Pulled};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The model's Hub id (`meta-llama/Llama-2-7b-hf`).
    pub(crate) id: String,
    /// The JSON Lines file to write (appended to: the models it holds are not fetched again).
    #[arg(short, long, value_name = "FILE.jsonl")]
    pub(crate) output: PathBuf,
    /// At most this many levels of children (default: all).
    #[arg(long, value_name = "N")]
    pub(crate) depth: Option<usize>,
    /// At most this many models in the file.
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    /// The Hub's address (default: $HF_ENDPOINT, else https://huggingface.co).
    #[arg(long, value_name = "URL")]
    pub(crate) endpoint: Option<String>,
    /// Models asked for per page of a listing.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub(crate) page_size: usize,
}

/// Fetches the family and says what it did.
pub(crate) fn run(args: &Args, _data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let p = Pull {
        endpoint: (args.endpoint.clone())
            .or_else(|| env("HF_ENDPOINT"))
            .unwrap_or_else(|| "https://huggingface.co".into()),
        token: env("HF_TOKEN"),
        depth: args.depth,
        limit: args.limit,
        page: args.page_size.max(1),
        note: |line| say!("{line}"),
    };
    let bar = spinner();
    let mut progress = |d: &Pulled| {
        bar.set_message(format!(
            "{} models, {} requests",
            d.written + d.kept,
            d.requests
        ));
    };
    let done = crate::pull::pull(&p, &args.id, &args.output, &mut progress)?;
    bar.finish_and_clear();
    writeln!(
        out,
        "{}: {} models written, {} already there, {} requests",
        args.output.display(),
        done.written,
        done.kept,
        done.requests
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A line that counts the models fetched and requests made, on a terminal only.
fn spinner() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
