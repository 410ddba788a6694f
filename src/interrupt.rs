//! Clean interruption: on Ctrl-C, SIGTERM or SIGHUP, removes the temporary files being written
//! and stops a running Graphviz child, then exits 130, 143 or 129 (128 + the signal), as shells do.
//!
//! Temporary files are created through [`create`], under the same lock the clean-up takes, so
//! no file can be made between the clean-up's look and the exit. Files a killed run (SIGKILL)
//! left are swept by the next run that locks the same folder ([`FolderLock`]).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The process id of a child to stop (Graphviz's `dot`).
static CHILD: Mutex<Option<u32>> = Mutex::new(None);

/// The mark in every temporary file's name that tells it is llmkg's: `.graph.json.llmkg-XXXXXX.tmp`.
pub(crate) const TEMP_MARK: &str = ".llmkg-";

/// Starts watching for SIGINT, SIGTERM and SIGHUP (once, from the command line's `main`).
pub(crate) fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                clean_up_and_exit(128 + signal);
            }
        });
    }
}

/// Removes every live temporary file, stops the child, and exits with `code`. The lock on the
/// live files is held until the exit, so no new one is made meanwhile.
fn clean_up_and_exit(code: i32) -> ! {
    let live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for f in live.iter() {
        let _ = std::fs::remove_file(f);
    }
    stop_child();
    std::process::exit(code)
}

/// Sends the registered child SIGTERM.
fn stop_child() {
    let child = CHILD
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    #[cfg(unix)]
    if let Some(pid) = *child
        && let Ok(pid) = libc::pid_t::try_from(pid)
    {
        // SAFETY: kill(2) with a pid this process started and has not yet reaped
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    #[cfg(not(unix))]
    let _ = child;
}

/// A temporary file in `dir` for the final file named `name`, registered for clean-up until
/// the returned guard is dropped.
pub(crate) fn create(dir: &Path, name: &str) -> std::io::Result<(tempfile::NamedTempFile, Live)> {
    let mut live = LIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}{TEMP_MARK}"))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    live.push(tmp.path().to_path_buf());
    let guard = Live(tmp.path().to_path_buf());
    Ok((tmp, guard))
}

/// A registered temporary file: dropping it takes the file off the clean-up list (the file
/// itself is renamed into place or removed by its owner).
pub(crate) struct Live(PathBuf);

impl Drop for Live {
    fn drop(&mut self) {
        let mut live = LIVE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.retain(|f| *f != self.0);
    }
}

/// A child process registered to be stopped on interruption until the guard is dropped.
pub(crate) struct Child;

impl Child {
    pub(crate) fn register(pid: u32) -> Child {
        *CHILD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(pid);
        Child
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        *CHILD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

/// An exclusive lock on an output folder (flock on the folder itself, so nothing is left
/// behind): a second run writing to the same folder waits for the first, so the folder ends
/// with every file from one run, never a mix. While it is held, llmkg's temporary files in the
/// folder can only be a dead run's: [`FolderLock::take`] removes them and names them.
pub(crate) struct FolderLock {
    #[cfg(unix)]
    _dir: std::fs::File,
}

impl FolderLock {
    /// Locks `dir` (which must exist), waiting for another llmkg that holds it (`waiting` is
    /// called first then), and removes the temporary files dead runs left; returns the lock and
    /// the files removed.
    pub(crate) fn take(
        dir: &Path,
        waiting: impl FnOnce(),
    ) -> std::io::Result<(FolderLock, Vec<PathBuf>)> {
        #[cfg(unix)]
        let lock = {
            use std::os::fd::AsRawFd;
            let file = std::fs::File::open(dir)?;
            // SAFETY: flock(2) on a descriptor this function owns
            let held = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
            if held != 0 {
                waiting();
                // SAFETY: as above, now waiting
                if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            FolderLock { _dir: file }
        };
        #[cfg(not(unix))]
        let lock = {
            let _ = waiting;
            FolderLock {}
        };
        Ok((lock, sweep(dir)))
    }
}

/// Removes llmkg's temporary files from `dir` (hidden, holding [`TEMP_MARK`], ending `.tmp`).
fn sweep(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with('.') && name.contains(TEMP_MARK) && name.ends_with(".tmp")
        })
        .filter(|p| std::fs::remove_file(p).is_ok())
        .collect();
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_sweeps_dead_runs_temporary_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".graph.json.llmkg-ab12CD.tmp");
        let other = dir.path().join(".notes.tmp");
        std::fs::write(&dead, "half").unwrap();
        std::fs::write(&other, "mine").unwrap();
        let (_lock, removed) = FolderLock::take(dir.path(), || {}).unwrap();
        assert_eq!(removed, std::slice::from_ref(&dead));
        assert!(!dead.exists());
        assert!(
            other.exists(),
            "a file not of llmkg's pattern is left alone"
        );
    }

    #[test]
    fn live_files_are_registered_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (tmp, live) = create(dir.path(), "graph.json").unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            name.starts_with(".graph.json.llmkg-") && name.ends_with(".tmp"),
            "{name}"
        );
        assert!(LIVE.lock().unwrap().contains(&tmp.path().to_path_buf()));
        drop(live);
        assert!(!LIVE.lock().unwrap().contains(&tmp.path().to_path_buf()));
    }
}
