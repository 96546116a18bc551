//! Outputs are all-or-nothing: a run interrupted with every output written to its temporary
//! file but none renamed, or one that fails on its second output, leaves the previous files
//! exactly as they were and no temporary files behind.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".reachmap-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_render_killed_between_its_outputs_leaves_the_old_files() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["map.svg", "map.png", "map.pdf"];
    for name in names {
        std::fs::write(dir.path().join(name), format!("last week's {name}")).unwrap();
    }
    let path = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    let (svg, png, pdf) = (path("map.svg"), path("map.png"), path("map.pdf"));
    let mut child = common::cli::command()
        .args(["render", "--site", "Kaliningrad=54.71,20.51", "--range-km", "1000", "--width-px", "600"])
        .args(["-o", &svg, "-o", &png, "-o", &pdf])
        .env("REACHMAP_PAUSE_BEFORE_COMMIT_MS", "20000")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until all three outputs sit in temporary files, then interrupt.
    let start = Instant::now();
    while temporaries(dir.path()).len() < 3 {
        assert!(start.elapsed() < Duration::from_secs(60), "the render never reached its outputs");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(128 + 15), "exit code after SIGTERM");
    for name in names {
        assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), format!("last week's {name}"));
    }
    assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "temporary files left behind");
}

#[test]
fn a_failure_on_the_second_output_changes_none() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("table.csv");
    std::fs::write(&first, "old").unwrap();
    let missing = dir.path().join("no-such-directory").join("figure.svg");
    let err = reachmap::output::write_files(&[(first.as_path(), b"new"), (missing.as_path(), b"new")]).unwrap_err();
    assert!(err.to_string().contains("no-such-directory"), "{err}");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "old");
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    // And when all can be written, all are.
    let second = dir.path().join("figure.svg");
    reachmap::output::write_files(&[(first.as_path(), b"new"), (second.as_path(), b"svg")]).unwrap();
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "new");
    assert_eq!(std::fs::read_to_string(&second).unwrap(), "svg");
}
