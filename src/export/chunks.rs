//! Writing a long sorted list of nodes or edges on every core: the list is cut into chunks,
//! worker threads format the chunks into buffers, and the buffers are written in order, so the
//! bytes are the same as formatting the items one by one. Each worker warms the caches for the
//! items a little ahead of the one it formats (see [`crate::graph::AHEAD`]).

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::mpsc;

/// Items per chunk: big enough that a chunk is written without a copy (a megabyte or more of
/// output), small enough that every core gets work.
const CHUNK: usize = 4096;

/// Formats `items` in chunks on worker threads and writes the chunks to `out` in order; returns
/// the sum of what `format` returned for each chunk (a count the format keeps, such as replaced
/// characters). `format(buf, first, chunk, warm)` appends chunk's items (the first being item
/// number `first`) to `buf`, calling `warm` before each item.
pub fn write<T, P, F>(out: &mut dyn Write, items: &[T], warm: P, format: F) -> io::Result<u64>
where
    T: Sync,
    P: Fn(&T, usize) + Sync,
    F: Fn(&mut Vec<u8>, usize, &[T], &dyn Fn(usize)) -> io::Result<u64> + Sync,
{
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let chunks: Vec<(usize, &[T])> = items
        .chunks(CHUNK)
        .enumerate()
        .map(|(k, c)| (k * CHUNK, c))
        .collect();
    let one = |first: usize, chunk: &[T], mut buf: Vec<u8>| -> io::Result<(Vec<u8>, u64)> {
        let ahead = |i: usize| {
            for (stage, d) in crate::graph::AHEAD.iter().enumerate() {
                if let Some(next) = chunk.get(i + d) {
                    warm(next, stage);
                }
            }
        };
        let count = format(&mut buf, first, chunk, &ahead)?;
        Ok((buf, count))
    };
    // written buffers go back to the workers, so a million items reuse a few buffers
    let (give_back, spare) = mpsc::channel::<Vec<u8>>();
    let spare = Mutex::new(spare);
    std::thread::scope(|scope| -> io::Result<u64> {
        let mut queues = Vec::with_capacity(workers);
        for worker in 0..workers {
            let (tx, rx) = mpsc::sync_channel(2);
            queues.push(rx);
            let (chunks, one, spare) = (&chunks, &one, &spare);
            scope.spawn(move || {
                for &(first, chunk) in chunks.iter().skip(worker).step_by(workers) {
                    let buf = spare
                        .lock()
                        .ok()
                        .and_then(|s| s.try_recv().ok())
                        .unwrap_or_default();
                    if tx.send(one(first, chunk, buf)).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
        }
        let mut total = 0;
        for k in 0..chunks.len() {
            let (mut bytes, count) = queues[k % workers]
                .recv()
                .map_err(|_| io::Error::other("a formatting thread stopped"))??;
            total += count;
            out.write_all(&bytes)?;
            bytes.clear();
            let _ = give_back.send(bytes);
        }
        Ok(total)
    })
}
