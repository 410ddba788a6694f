//! Writing a long sorted list of nodes or edges on every core: the list is cut into chunks,
//! rayon formats a window of chunks at a time into buffers, and the buffers are written in order,
//! so the bytes are the same as formatting the items one by one and no more than a window of
//! output is held at once. Each chunk warms the caches for the items a little ahead of the one
//! it formats (see [`crate::graph::AHEAD`]).

use rayon::prelude::*;
use std::io::{self, Write};

/// Items per chunk: big enough that a chunk is worth a task (a few hundred kilobytes of output),
/// small enough that every core gets work.
const CHUNK: usize = 4096;

/// Chunks formatted at a time, per core: enough that a slow chunk seldom keeps the others
/// waiting at the end of a window.
const WINDOW_PER_CORE: usize = 4;

/// Formats `items` in chunks on every core and writes the chunks to `out` in order; returns the
/// sum of what `format` returned for each chunk (a count the format keeps, such as replaced
/// characters). `format(buf, first, chunk, warm)` appends chunk's items (the first being item
/// number `first`) to `buf`, calling `warm` before each item.
pub(crate) fn write<T, P, F>(
    out: &mut dyn Write,
    items: &[T],
    warm: P,
    format: F,
) -> io::Result<u64>
where
    T: Sync,
    P: Fn(&T, usize) + Sync,
    F: Fn(&mut Vec<u8>, usize, &[T], &dyn Fn(usize)) -> io::Result<u64> + Sync,
{
    let window = rayon::current_num_threads() * WINDOW_PER_CORE;
    // one buffer a chunk of the window, reused by every window
    let mut bufs: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    for (w, group) in items.chunks(CHUNK * window).enumerate() {
        let n = group.len().div_ceil(CHUNK);
        if bufs.len() < n {
            bufs.resize_with(n, Vec::new);
        }
        let counts = bufs[..n]
            .par_iter_mut()
            .zip(group.par_chunks(CHUNK))
            .enumerate()
            .map(|(k, (buf, chunk))| {
                buf.clear();
                let ahead = |i: usize| {
                    for (stage, d) in crate::graph::AHEAD.iter().enumerate() {
                        if let Some(next) = chunk.get(i + d) {
                            warm(next, stage);
                        }
                    }
                };
                format(buf, (w * window + k) * CHUNK, chunk, &ahead)
            })
            .collect::<io::Result<Vec<u64>>>()?;
        total += counts.iter().sum::<u64>();
        for buf in &bufs[..n] {
            out.write_all(buf)?;
        }
    }
    Ok(total)
}
