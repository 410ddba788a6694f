//! Progress bars for long loads and exports: drawn on a terminal only, silent otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

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

/// A spinner counting the bytes written to `file`, for exports of graphs big enough to take a
/// moment (over 100,000 nodes); hidden otherwise and when standard error is not a terminal.
pub fn writing(nodes: usize, file: &str) -> ProgressBar {
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

/// A writer that tells a progress bar how much went through it, a megabyte at a time.
pub struct Counting<'a> {
    inner: &'a mut dyn Write,
    bar: &'a ProgressBar,
    pending: u64,
}

impl<'a> Counting<'a> {
    pub fn new(inner: &'a mut dyn Write, bar: &'a ProgressBar) -> Counting<'a> {
        Counting {
            inner,
            bar,
            pending: 0,
        }
    }
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.pending += n as u64;
        if self.pending >= 1 << 20 {
            self.bar.inc(self.pending);
            self.pending = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for Counting<'_> {
    fn drop(&mut self) {
        self.bar.inc(self.pending);
    }
}
