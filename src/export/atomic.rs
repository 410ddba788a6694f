//! Atomic output: every file is written to a temporary file in the same folder and renamed into
//! place, so a failure or a kill never leaves a half-written file behind.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;

/// How much a [`Background`] writer gathers before handing it to its thread.
const CHUNK: usize = 1 << 20;

/// A writer that hands full 1 MiB buffers to a thread of its own, which writes them to the file:
/// formatting the next megabyte goes on while the last one is written. A piece of a megabyte or
/// more (a chunk formatted on another core) is written from the caller's thread once the thread
/// has caught up, without copying it first. The first write error is returned by the next write
/// or by [`Background::finish`].
struct Background {
    buf: Vec<u8>,
    tx: Option<mpsc::SyncSender<Vec<u8>>>,
    /// Buffers the thread has written, coming back to be filled again.
    spare: mpsc::Receiver<Vec<u8>>,
    /// How many buffers the thread holds.
    in_flight: usize,
    /// Written buffers, ready to be filled again.
    pool: Vec<Vec<u8>>,
    /// The same file, for the pieces written from the caller's thread (it shares the thread's
    /// file position; the two never write at once).
    direct: std::fs::File,
    thread: Option<JoinHandle<std::io::Result<()>>>,
}

/// Asks the kernel to start writing what `file` holds to disk, without waiting for it: the
/// `fsync` before the rename then finds little left to write. Linux only; elsewhere the `fsync`
/// does it all.
fn start_writeback(file: &std::fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a valid open descriptor; offset 0 and length 0 mean the whole file, and
        // SYNC_FILE_RANGE_WRITE only starts writeback (a failure only leaves it to the fsync)
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

impl Background {
    fn new(mut file: std::fs::File) -> std::io::Result<Background> {
        let direct = file.try_clone()?;
        let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(2);
        let (give_back, spare) = mpsc::channel::<Vec<u8>>();
        let thread = std::thread::spawn(move || {
            for mut chunk in rx {
                file.write_all(&chunk)?;
                start_writeback(&file);
                chunk.clear();
                let _ = give_back.send(chunk);
            }
            file.flush()
        });
        Ok(Background {
            buf: Vec::with_capacity(CHUNK),
            tx: Some(tx),
            spare,
            in_flight: 0,
            pool: Vec::new(),
            direct,
            thread: Some(thread),
        })
    }

    /// The error the thread stopped with.
    fn stopped(&mut self) -> std::io::Error {
        self.stop()
            .err()
            .unwrap_or_else(|| std::io::Error::other("the writing thread stopped"))
    }

    /// Sends the buffer to the thread; if the thread has stopped, returns its error.
    fn send(&mut self) -> std::io::Result<()> {
        while let Ok(back) = self.spare.try_recv() {
            self.in_flight -= 1;
            self.pool.push(back);
        }
        let next = self.pool.pop().unwrap_or_else(|| Vec::with_capacity(CHUNK));
        let full = std::mem::replace(&mut self.buf, next);
        let sent = self.tx.as_ref().map(|tx| tx.send(full));
        match sent {
            Some(Ok(())) => {
                self.in_flight += 1;
                Ok(())
            }
            _ => Err(self.stopped()),
        }
    }

    /// Waits until the thread has written every buffer it was given.
    fn catch_up(&mut self) -> std::io::Result<()> {
        while self.in_flight > 0 {
            match self.spare.recv() {
                Ok(back) => {
                    self.in_flight -= 1;
                    self.pool.push(back);
                }
                Err(_) => return Err(self.stopped()),
            }
        }
        Ok(())
    }

    /// Closes the channel and waits for the thread: its result.
    fn stop(&mut self) -> std::io::Result<()> {
        self.tx = None;
        match self.thread.take() {
            Some(t) => t
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the writing thread panicked"))),
            None => Ok(()),
        }
    }

    /// Writes what is left and waits until everything is written.
    fn finish(mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.send()?;
        }
        self.stop()
    }
}

impl Write for Background {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if data.len() >= CHUNK {
            // after everything before it, from here: no copy of a big piece
            if !self.buf.is_empty() {
                self.send()?;
            }
            self.catch_up()?;
            self.direct.write_all(data)?;
            start_writeback(&self.direct);
            return Ok(data.len());
        }
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        // the thread flushes when it finishes; a flush mid-way would only stall the formatting
        Ok(())
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// Writes `path` through `fill`, atomically. Parent folders are created.
pub fn write_file<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let werr = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(werr)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(werr)?;
    {
        let file = tmp.as_file().try_clone().map_err(werr)?;
        let mut w = Background::new(file).map_err(werr)?;
        let filled = fill(&mut w);
        let finished = w.finish();
        filled.map_err(werr)?;
        finished.map_err(werr)?;
    }
    // a temporary file is private (0600); an export is an ordinary file
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(werr)?;
    }
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_file(&p, |w| w.write_all(b"first")).unwrap();
        let err = write_file(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("boom"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("a.txt"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "first");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary files are cleaned up");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }
}
