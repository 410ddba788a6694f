//! Writing a long sorted list of nodes or edges on every core: the list is cut into chunks,
//! rayon's threads format the chunks into buffers, a few chunks ahead of the one being written,
//! and this thread writes the buffers in order as they come, so the bytes are the same as
//! formatting the items one by one, writing overlaps formatting, and no more than a few chunks
//! of output are held at once. Each chunk warms the caches for the items a little ahead of the
//! one it formats (see [`crate::graph::AHEAD`]).

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::mpsc;

/// Items per chunk: big enough that a chunk is worth a task (a few hundred kilobytes of output),
/// small enough that every core gets work.
const CHUNK: usize = 4096;

/// Chunks being formatted or waiting to be written, per core. Measured on `export --format json`
/// against the hand-made worker threads this replaces: at 100k, peak RSS median 114 MB with 2,
/// 120 MB with 3, 124 MB before (9 runs each); at 1M the export step took 2509 ms with 2,
/// 2428 ms with 3, 2672 ms before (7 runs each).
const AHEAD_PER_CORE: usize = 2;

/// A formatted chunk: its bytes and what `format` counted in it.
type Formatted = io::Result<(Vec<u8>, u64)>;

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
    let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
    let one = |k: usize, mut buf: Vec<u8>| -> Formatted {
        let chunk = chunks[k];
        let ahead = |i: usize| {
            for (stage, d) in crate::graph::AHEAD.iter().enumerate() {
                if let Some(next) = chunk.get(i + d) {
                    warm(next, stage);
                }
            }
        };
        let count = format(&mut buf, k * CHUNK, chunk, &ahead)?;
        Ok((buf, count))
    };
    let ahead = rayon::current_num_threads() * AHEAD_PER_CORE;
    let (done, finished) = mpsc::channel::<(usize, Formatted)>();
    rayon::in_place_scope(|scope| -> io::Result<u64> {
        let (one, done) = (&one, &done);
        // a written buffer goes to the next chunk, so a million items reuse a few buffers
        let start = |k: usize, buf: Vec<u8>| {
            let done = done.clone();
            scope.spawn(move |_| {
                let formatted =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(k, buf)))
                        .unwrap_or_else(|_| Err(io::Error::other("a formatting task panicked")));
                let _ = done.send((k, formatted));
            });
        };
        let mut started = chunks.len().min(ahead);
        (0..started).for_each(|k| start(k, Vec::new()));
        let mut arrived: VecDeque<Option<(Vec<u8>, u64)>> = VecDeque::new();
        let mut total = 0;
        for k in 0..chunks.len() {
            let (mut bytes, count) = next_in_order(k, &mut arrived, &finished)?;
            total += count;
            out.write_all(&bytes)?;
            if started < chunks.len() {
                bytes.clear();
                start(started, bytes);
                started += 1;
            }
        }
        Ok(total)
    })
}

/// Chunk `k`'s result: taken from `arrived` (the results of chunks `k..`, in order, that came
/// early), or waited for on `finished`, keeping what comes before it.
fn next_in_order(
    k: usize,
    arrived: &mut VecDeque<Option<(Vec<u8>, u64)>>,
    finished: &mpsc::Receiver<(usize, Formatted)>,
) -> io::Result<(Vec<u8>, u64)> {
    while arrived.front().is_none_or(Option::is_none) {
        let (i, formatted) = finished
            .recv()
            .map_err(|_| io::Error::other("a formatting task stopped"))?;
        let slot = i - k;
        if arrived.len() <= slot {
            arrived.resize_with(slot + 1, || None);
        }
        arrived[slot] = Some(formatted?);
    }
    Ok(arrived
        .pop_front()
        .flatten()
        .expect("the front result has arrived"))
}
