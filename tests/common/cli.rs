//! Running the `reachmap` binary from the command-line tests, and the checks every refusal
//! must pass: exit code 2, a message naming what was wrong, no panic, nothing written.

use std::ffi::OsStr;
use std::fmt::Debug;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The built `reachmap` binary as a command, with no standard input (a run that waits for
/// input would otherwise hang the suite).
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reachmap"));
    command.stdin(Stdio::null());
    command
}

/// Runs `reachmap` with `args` to completion.
pub fn reachmap<S: AsRef<OsStr>>(args: &[S]) -> Output {
    command().args(args).output().expect("run reachmap")
}

/// The run's standard error, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Fails the test, with the run's message, unless it succeeded.
pub fn assert_success(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
}

/// The standard output of a run that must succeed.
pub fn stdout(out: &Output) -> String {
    assert_success(out);
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Checks a refused run's exit code and message: `code`, every one of `needles` in standard
/// error, and no panic. `what` names the case in failures.
pub fn assert_refusal(out: &Output, code: i32, needles: &[&str], what: &dyn Debug) {
    let message = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{what:?}: {message}");
    for needle in needles {
        assert!(message.contains(needle), "{what:?}: {needle:?} not in {message:?}");
    }
    assert!(!message.contains("panicked"), "{what:?}: {message}");
}

/// Runs `args`, which must be refused: exit code 2, every one of `needles` in the message, no
/// panic, nothing on standard output, and nothing written into `out_dir` (where the run was
/// told to write).
pub fn refused(args: &[&str], out_dir: &Path, needles: &[&str]) {
    let out = reachmap(args);
    assert_refusal(&out, 2, needles, &args);
    assert!(out.stdout.is_empty(), "{args:?}: wrote to standard output: {}", String::from_utf8_lossy(&out.stdout));
    assert_no_files(out_dir);
}

/// Fails the test if anything is in `dir`.
pub fn assert_no_files(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

/// `--area`'s `NAME=FILE`: a lon/lat box `[west, south, east, north]` written to
/// `dir/NAME.geojson` as a GeoJSON Polygon.
pub fn box_area(dir: &Path, name: &str, [west, south, east, north]: [f64; 4]) -> String {
    let path = dir.join(format!("{name}.geojson"));
    let ring = format!("[[{west},{south}],[{east},{south}],[{east},{north}],[{west},{north}],[{west},{south}]]");
    std::fs::write(&path, format!(r#"{{"type":"Polygon","coordinates":[{ring}]}}"#)).unwrap();
    format!("{name}={}", path.display())
}
