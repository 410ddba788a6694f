//! Atomic output: every file is written to a temporary file in the same folder and renamed into
//! place, so a failure or a kill never leaves a half-written file behind.

mod background;

use crate::error::{Error, Result};
use background::Background;
use std::io::Write;
use std::path::Path;

/// Writes `path` through `fill`, atomically. Parent folders are created.
pub(crate) fn write_file<F>(path: &Path, fill: F) -> Result<()>
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
    // registered, so that an interruption removes it (`crate::interrupt`)
    let (tmp, _live) = crate::interrupt::create(dir, &name).map_err(werr)?;
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
