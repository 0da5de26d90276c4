//! What the commands print when all goes well: `--quiet` prints nothing,
//! and counts are in the right number ("1 document", "2 events").

use std::process::{Command, Output};

fn run(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const ARTICLE: &str =
    "The war concluded with the signing of a trilateral statement on November 10, 2020.\n";

#[test]
fn build_quiet_prints_nothing_on_success() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let o = run(
        &["build", "a.txt", "--dct", "2020-11-12", "--quiet"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "");
    assert_eq!(text(&o.stderr), "");
    assert!(dir.path().join("data/a.yaml").exists());
    assert!(dir.path().join("output/a.svg").exists());
}

#[test]
fn build_quiet_still_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let o = run(
        &[
            "build",
            "a.txt",
            "missing.txt",
            "--dct",
            "2020-11-12",
            "--quiet",
        ],
        dir.path(),
    );
    assert_ne!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "");
    let err = text(&o.stderr);
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.ends_with("1 of 2 inputs failed\n"), "{err}");
}

#[test]
fn counts_are_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let o = run(&["build", "a.txt", "--dct", "2020-11-12"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.starts_with("data/a.yaml: 1 event, chart "), "{out}");
    let err = text(&o.stderr);
    assert!(err.starts_with("1 document, 1 event, "), "{err}");
    let o = run(&["check", "data/a.yaml"], dir.path());
    assert_eq!(text(&o.stdout), "data/a.yaml: ok, 1 event\n");
}

#[test]
fn check_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let ok = "version: 1\nevents:\n  - id: a\n    when: 1991 to 2020\n    title: A\n";
    std::fs::write(dir.path().join("t.yaml"), ok).unwrap();
    let o = run(&["check", "-q", "t.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let o = run(&["check", "t.yaml"], dir.path());
    assert_eq!(text(&o.stdout), "t.yaml: ok, 1 event\n");
    std::fs::write(
        dir.path().join("bad.yaml"),
        "version: 1\nevents:\n  - id: a\n",
    )
    .unwrap();
    let o = run(&["check", "--quiet", "bad.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("bad.yaml:3:5: error: an event is missing required key `when`")
    );
}

#[test]
fn more_problems_than_shown_is_counted_in_the_right_number() {
    // 101 bad events: 100 shown, then "1 more problem not shown".
    let mut src = String::from("version: 1\nevents:\n");
    for i in 0..101 {
        src.push_str(&format!("  - id: e{i}\n    when: nope\n    title: T\n"));
    }
    let e = timeline::timeline::from_yaml(&src, "t.yaml").unwrap_err();
    assert_eq!(e.0.len(), 101);
    assert_eq!(e.0[100].message, "1 more problem not shown");
}
