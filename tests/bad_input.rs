//! Bad input across every command: each case must give its documented exit code (2 for
//! usage and input, 1 for failures of the environment), a message that names what was wrong and
//! what is allowed, no panic, and no output file created or changed. The per-command suites
//! (`cli_rings`, `cli_render`, `scenario`, `cli_reach`, `cli_compare`) hold more cases; this one
//! covers what crosses commands: huge and empty inputs, caps, encodings, duplicates, paths.

use std::ffi::OsString;
use std::path::Path;

use crate::common;

use common::cli::{assert_refusal, reachmap};

struct Case<'a> {
    args: Vec<OsString>,
    code: i32,
    needles: &'a [&'a str],
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// Runs the case in `dir`, where `out.*` must not appear and `old.txt` must not change.
fn check(dir: &Path, case: &Case) {
    let before = std::fs::read(dir.join("old.txt")).unwrap();
    assert_refusal(&reachmap(&case.args), case.code, case.needles, &case.args);
    assert_eq!(std::fs::read(dir.join("old.txt")).unwrap(), before, "{:?} changed old.txt", case.args);
    let stray: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("out.") || n.starts_with(".reachmap-"))
        .collect();
    assert!(stray.is_empty(), "{:?} left {stray:?}", case.args);
}

#[test]
fn the_suite() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    std::fs::write(d("old.txt"), "last week's figure").unwrap();

    // A places file of a gigabyte (sparse: nothing is really written) is refused unread.
    let huge = std::fs::File::create(d("huge.csv")).unwrap();
    huge.set_len(1 << 30).unwrap();
    // A scenario of 100,000 sites, and one just over the site cap.
    let mut many = String::new();
    for i in 0..100_000 {
        many.push_str(&format!("[[sites]]\nname = \"s{i}\"\nat = \"{}N {}E\"\n", i % 80, i % 170));
    }
    std::fs::write(d("many.toml"), &many).unwrap();
    let mut over = String::new();
    for i in 0..1_001 {
        over.push_str(&format!("[[sites]]\nname = \"s{i}\"\nlat = 10\nlon = {}\n", i % 170));
    }
    std::fs::write(d("over.toml"), &over).unwrap();
    std::fs::write(d("empty.toml"), "").unwrap();
    std::fs::write(d("latin1.toml"), b"title = \"Gr\xe4fenw\xf6hr\"\n").unwrap();
    std::fs::write(d("bad-catalog.toml"), "[[systems]]\nid = \"x\"\nname = \"X\"\n").unwrap();
    std::fs::write(d("places.csv"), "name,lat,lon\nA,54,20\n").unwrap();

    let site = ["--site", "K=54.71,20.51"];
    let with_site = |extra: &[&str]| {
        let mut args = vec![extra[0]];
        args.extend_from_slice(&site);
        args.extend_from_slice(&extra[1..]);
        os(&args)
    };
    // 400 sites at a 1 mm tolerance: about 52 million vertices, over the budget.
    let mut many_rings = os(&["rings", "--range-km", "5500", "--tolerance-m", "0.001", "-o", &d("out.json")]);
    for i in 0..400 {
        many_rings.push(OsString::from("--site"));
        many_rings.push(OsString::from(format!("S{i}=10,{}", i % 170)));
    }
    let cases = vec![
        // Caps, with what to do about them.
        Case {
            args: os(&["reach", "--site", "K=54.71,20.51", "--range-km", "100", "--places", &d("huge.csv")]),
            code: 2,
            needles: &["huge.csv", "at most 67108864 bytes", "split it"],
        },
        Case {
            args: os(&["render", &d("many.toml"), "-o", &d("out.png")]),
            code: 2,
            needles: &["many.toml", "100000 sites", "at most 1000"],
        },
        Case {
            args: os(&["render", &d("over.toml"), "-o", &d("out.png")]),
            code: 2,
            needles: &["1001 sites", "at most 1000"],
        },
        Case { args: many_rings, code: 2, needles: &["million vertices", "raise the tolerance or split the sites"] },
        // Empty, wrongly encoded and wrongly typed inputs.
        Case { args: os(&["compare", &d("empty.toml")]), code: 2, needles: &["no [[sites]]"] },
        Case {
            args: os(&["render", &d("latin1.toml"), "-o", &d("out.svg")]),
            code: 2,
            needles: &["latin1.toml", "not UTF-8"],
        },
        Case {
            args: os(&["catalog", "--catalog", &d("bad-catalog.toml")]),
            code: 2,
            needles: &["bad-catalog.toml:1:1", "missing key"],
        },
        Case {
            args: with_site(&["rings", "--range-km", "NaN"]),
            code: 2,
            needles: &["--range-km", "NaN", "greater than 0"],
        },
        Case { args: with_site(&["rings", "--range-km", "-inf"]), code: 2, needles: &["--range-km", "-inf"] },
        Case { args: with_site(&["rings", "--range-km", "1e400"]), code: 2, needles: &["--range-km", "inf"] },
        Case {
            args: with_site(&["render", "--range-km", "500", "--dpi", "1e9", "-o", &d("out.png")]),
            code: 2,
            needles: &["--dpi", "50 to 1200"],
        },
        Case {
            args: with_site(&["render", "--range-km", "500", "--width-px", "99999999999", "-o", &d("out.png")]),
            code: 2,
            needles: &["--width-px", "1 to 20000"],
        },
        // Duplicates and unknown names.
        Case {
            args: os(&["rings", "--site", "K=54,20", "--site", "K=55,21", "--range-km", "100"]),
            code: 2,
            needles: &["--site", "unique"],
        },
        Case {
            args: with_site(&["render", "--range-km", "500", "--preset", "mars", "-o", &d("out.png")]),
            code: 2,
            needles: &["mars", "europe"],
        },
        Case {
            args: with_site(&["render", "--range-km", "500", "--theme", "neon", "-o", &d("out.png")]),
            code: 2,
            needles: &["neon", "grayscale"],
        },
        Case {
            args: with_site(&["reach", "--range-km", "500", "--format", "xlsx"]),
            code: 2,
            needles: &["xlsx", "csv"],
        },
        // Paths: missing directories, a directory as output, an input as output, one output twice.
        Case {
            args: with_site(&["rings", "--range-km", "100", "-o", &d("missing/out.json")]),
            code: 2,
            needles: &["does not exist"],
        },
        Case { args: with_site(&["rings", "--range-km", "100", "-o", &d("")]), code: 2, needles: &["is a directory"] },
        Case {
            args: with_site(&["render", "--range-km", "100", "-o", &d("out.svg"), "-o", &d("out.svg")]),
            code: 2,
            needles: &["given twice"],
        },
        Case {
            args: with_site(&["reach", "--range-km", "100", "--places", &d("places.csv"), "-o", &d("places.csv")]),
            code: 2,
            needles: &["places file"],
        },
        Case {
            args: os(&["reach", "--places", &d("no-such.csv"), "--site", "K=54,20", "--range-km", "1"]),
            code: 1,
            needles: &["no-such.csv"],
        },
        // A device would never end: only regular files are read.
        Case {
            args: os(&["reach", "--places", "/dev/zero", "--site", "K=54,20", "--range-km", "1"]),
            code: 2,
            needles: &["/dev/zero", "regular file"],
        },
        Case {
            args: os(&["render", "/dev/null", "-o", &d("out.png")]),
            code: 2,
            needles: &["/dev/null", "regular file"],
        },
    ];
    for case in &cases {
        check(dir.path(), case);
        let _ = std::fs::remove_file(d("out.json"));
    }
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_refused() {
    use std::os::unix::ffi::OsStringExt;
    let bad = OsString::from_vec(b"K=54\xff,20".to_vec());
    let args =
        [OsString::from("rings"), OsString::from("--site"), bad, OsString::from("--range-km"), OsString::from("1")];
    assert_refusal(&reachmap(&args), 2, &["invalid UTF-8"], &args);
}
