//! Writing output files so that a failed or interrupted run never leaves a half-written file:
//! everything goes to a temporary file beside the target, which is renamed over it only once
//! complete. Several outputs of one run are all written to temporary files first and renamed
//! only when every one is complete, so a failure part-way through changes none of them. On
//! SIGINT, SIGTERM or SIGHUP (see [`remove_temporaries_on_interrupt`]) the temporary files are
//! removed before the process exits, so an interrupted run leaves no litter either. A target
//! that is not a regular file (`/dev/null`, a named pipe, a terminal) is never replaced: its
//! temporary file goes to the system's temporary folder and is copied into it on commit; a
//! symbolic link is followed, so the file it points to is replaced and the link kept.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Field, Result};

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
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<Output> {
        let field: &Field = &field.into();
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
                        Err(Error::Io { path: PathBuf::from("<stdout>"), error: e })
                    }
                    _ => Ok(()),
                }
            }
            Output::File(path) => {
                let staged = stage(path, write)?;
                commit(staged)
            }
        }
    }
}

/// Output files named by the user, each with the format its extension chooses: checked to be
/// files (not standard output), of a known extension (`format_of`; `allowed` lists them for the
/// message), each given once, and none of them one of the run's `inputs` (with what each input
/// is, for the message). `field` names the option in errors.
pub fn files_by_extension<F>(
    texts: &[String],
    field: impl Into<Field>,
    format_of: impl Fn(&Path) -> Option<F>,
    allowed: &str,
    inputs: &[(&Path, &str)],
) -> Result<Vec<(Output, F)>> {
    let field: &Field = &field.into();
    let mut outputs: Vec<(Output, F)> = Vec::new();
    for text in texts {
        let output = Output::parse(text, field)?;
        let Output::File(path) = &output else {
            return Err(Error::invalid(
                field,
                text,
                format!("this writes files, not standard output; give a path ending in {allowed}"),
            ));
        };
        let format = format_of(path)
            .ok_or_else(|| Error::invalid(field, text, format!("unknown file extension; allowed: {allowed}")))?;
        if outputs.iter().any(|(o, _)| *o == output) {
            return Err(Error::invalid(field, text, "the same file is given twice"));
        }
        output.check_not_input(text, field, inputs)?;
        outputs.push((output, format));
    }
    Ok(outputs)
}

impl Output {
    /// Refuses an output that is one of the run's `inputs` (path, and what it is: "the scenario
    /// file"), which writing would destroy.
    pub fn check_not_input(&self, text: &str, field: impl Into<Field>, inputs: &[(&Path, &str)]) -> Result<()> {
        let Output::File(path) = self else { return Ok(()) };
        match inputs.iter().find(|(input, _)| same_file(path, input)) {
            Some((_, what)) => Err(Error::invalid(field, text, format!("this is {what}; choose another output path"))),
            None => Ok(()),
        }
    }
}

/// Whether two paths name the same file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes every output of a run, all or none: files as in [`write_files`], standard output
/// first.
pub fn write_all(outputs: &[(&Output, Vec<u8>)]) -> Result<()> {
    let mut files = Vec::with_capacity(outputs.len());
    for (output, bytes) in outputs {
        match output {
            Output::File(path) => files.push((path.as_path(), bytes.as_slice())),
            Output::Stdout => output.write_with(|out| out.write_all(bytes))?,
        }
    }
    write_files(&files)
}

/// Temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts a thread that, on SIGINT, SIGTERM or SIGHUP, removes the temporary files of outputs
/// being written and exits with 128 + the signal's number (130 for Ctrl-C). For the binary only:
/// a library must not end its host's process.
#[doc(hidden)]
pub fn remove_temporaries_on_interrupt() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            for path in pending().drain(..) {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(128 + signal);
        }
    });
}

/// A complete temporary file waiting to be renamed over its target (or, for a target that is
/// not a regular file, copied into it). Dropped uncommitted, the temporary file is deleted.
struct Staged {
    temp: Option<tempfile::NamedTempFile>,
    temp_path: PathBuf,
    target: PathBuf,
    /// Copied into the target rather than renamed over it.
    into: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        drop(self.temp.take());
        pending().retain(|p| *p != self.temp_path);
    }
}

/// Renames a staged file over its target, or copies it into a target that is not a regular
/// file.
fn commit(mut staged: Staged) -> Result<()> {
    let Some(temp) = staged.temp.take() else { return Ok(()) };
    let io_error = |error| Error::Io { path: staged.target.clone(), error };
    if staged.into {
        let mut from = temp.reopen().map_err(io_error)?;
        let mut to = std::fs::OpenOptions::new().write(true).open(&staged.target).map_err(io_error)?;
        std::io::copy(&mut from, &mut to).map_err(io_error)?;
        return Ok(());
    }
    temp.persist(&staged.target).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// Where a target's bytes go: the file a symbolic link points to, and whether that is not a
/// regular file (a device, a named pipe), to be written into rather than replaced.
fn destination(target: &Path) -> (PathBuf, bool) {
    match std::fs::canonicalize(target) {
        Ok(resolved) => {
            let into = std::fs::metadata(&resolved).is_ok_and(|m| !m.file_type().is_file());
            (resolved, into)
        }
        Err(_) => (target.to_path_buf(), false),
    }
}

/// Writes `bytes` to a temporary file beside `target`, flushed to disk, not yet renamed.
fn stage(target: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<Staged> {
    let io_error = |error| Error::Io { path: target.to_path_buf(), error };
    let (target, into) = destination(target);
    let target = target.as_path();
    let temp_dir = std::env::temp_dir();
    let dir = if into { temp_dir.as_path() } else { parent_dir(target) };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".reachmap-").suffix(".tmp");
    // Temporary files are private by default; the output should get the permissions any new
    // file gets (0666 less the umask), or keep the old file's.
    #[cfg(unix)]
    builder.permissions(match std::fs::metadata(target) {
        Ok(existing) => existing.permissions(),
        Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o666),
    });
    let temp = builder.tempfile_in(dir).map_err(|e| {
        Error::invalid(Field::Output, &target.display().to_string(), format!("cannot write in {}: {e}", dir.display()))
    })?;
    let temp_path = temp.path().to_path_buf();
    pending().push(temp_path.clone());
    let staged = Staged { temp: Some(temp), temp_path, target: target.to_path_buf(), into };
    let file = staged
        .temp
        .as_ref()
        .map(tempfile::NamedTempFile::as_file)
        .ok_or_else(|| io_error(std::io::ErrorKind::NotFound.into()))?;
    let mut out = BufWriter::new(file);
    write(&mut out).and_then(|()| out.flush()).map_err(io_error)?;
    drop(out);
    file.sync_all().map_err(io_error)?;
    Ok(staged)
}

/// Writes several files: each is made in full as a temporary file first, and only when all are
/// complete are they renamed over their targets, so a failure on any leaves every target as it
/// was.
pub fn write_files(files: &[(&Path, &[u8])]) -> Result<()> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push(stage(path, |out| out.write_all(bytes))?);
    }
    pause_for_tests();
    staged.into_iter().try_for_each(commit)
}

/// Tests of interrupted runs set `REACHMAP_PAUSE_BEFORE_COMMIT_MS` to hold a run with every
/// output written to its temporary file and none yet renamed.
fn pause_for_tests() {
    if let Some(ms) = std::env::var("REACHMAP_PAUSE_BEFORE_COMMIT_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
