//! Progress bars for long loads and exports: drawn on a terminal only, silent otherwise.

use indicatif::{ProgressBar, ProgressBarIter, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

/// A byte-count progress bar on standard error, hidden when standard error is not a terminal.
pub(crate) fn bar(total: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || total < (8 << 20) {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {bytes}/{total_bytes} ({eta})")
            .expect("template is valid")
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

/// A spinner counting the bytes written to `file`, for exports of graphs big enough to take a
/// moment (over 100,000 nodes); hidden otherwise and when standard error is not a terminal.
pub(crate) fn writing(nodes: usize, file: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || nodes < 100_000 {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} writing {msg}: {bytes} ({bytes_per_sec})")
            .expect("template is valid"),
    );
    pb.set_message(file.to_string());
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    pb
}

/// `inner`, telling `bar` how much goes through it (indicatif's `wrap_write`).
pub(crate) fn counting<'a>(
    inner: &'a mut dyn Write,
    bar: &ProgressBar,
) -> ProgressBarIter<&'a mut dyn Write> {
    bar.wrap_write(inner)
}
