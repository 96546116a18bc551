//! Writing output files so that a failed or interrupted run never leaves a half-written file:
//! everything goes to a temporary file beside the target, which is renamed over it only once
//! complete.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where output goes: a file, or standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output (`-` or no `-o`).
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl Output {
    /// `-` is standard output; anything else a file path. Checks that the file's directory
    /// exists, so that a typo is reported before any work is done.
    pub fn parse(text: &str, field: &str) -> Result<Output> {
        if text == "-" {
            return Ok(Output::Stdout);
        }
        if text.is_empty() {
            return Err(Error::invalid(field, text, "expected a file path or - for standard output"));
        }
        let path = PathBuf::from(text);
        if path.is_dir() {
            return Err(Error::invalid(field, text, "is a directory; expected a file path"));
        }
        let dir = parent_dir(&path);
        if !dir.is_dir() {
            return Err(Error::invalid(field, text, format!("the directory {} does not exist", dir.display())));
        }
        Ok(Output::File(path))
    }

    /// Runs `write` on a buffered writer for this output. For a file, the bytes go to a
    /// temporary file in the same directory that replaces the target only if `write` succeeds.
    /// A closed standard output (as with `| head`) is not an error.
    pub fn write_with(&self, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        match self {
            Output::Stdout => {
                let stdout = std::io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                match write(&mut out).and_then(|()| out.flush()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(Error::Io { path: PathBuf::from("<stdout>"), source: e })
                    }
                    _ => Ok(()),
                }
            }
            Output::File(path) => {
                let io_error = |source| Error::Io { path: path.clone(), source };
                let dir = parent_dir(path);
                let mut builder = tempfile::Builder::new();
                builder.prefix(".reachmap-").suffix(".tmp");
                // Temporary files are private by default; the output should get the
                // permissions any new file gets (0666 less the umask), or keep the old file's.
                #[cfg(unix)]
                builder.permissions(match std::fs::metadata(path) {
                    Ok(existing) => existing.permissions(),
                    Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o666),
                });
                let temp = builder.tempfile_in(dir).map_err(|e| {
                    Error::invalid(
                        "output",
                        &path.display().to_string(),
                        format!("cannot write in {}: {e}", dir.display()),
                    )
                })?;
                let mut out = BufWriter::new(temp);
                write(&mut out).and_then(|()| out.flush()).map_err(io_error)?;
                let temp = out.into_inner().map_err(|e| io_error(e.into_error()))?;
                temp.as_file().sync_all().map_err(io_error)?;
                temp.persist(path).map_err(|e| io_error(e.error))?;
                Ok(())
            }
        }
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
