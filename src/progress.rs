//! Progress bars for long loads and exports: drawn on a terminal only, silent otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A byte-count progress bar on standard error, hidden when standard error is not a terminal.
pub fn bar(total: u64, what: &str) -> ProgressBar {
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

/// An item-count progress bar, hidden when standard error is not a terminal or the work is small.
pub fn items(total: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || total < 200_000 {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({eta})")
            .expect("template is valid")
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}
