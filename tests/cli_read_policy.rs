//! One read policy for timelines and one for articles: the same bad file
//! gets the same message from every command, and no message suggests a
//! flag the command does not have.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ARTICLE: &str = "date 2021-03-04\nThe bridge over the river opened on May 5, 2020, after three years of work.\n";

/// Every command that reads the timeline `t.yaml`, and the exit code and
/// message each gives.
fn all_readers(d: &Path) -> Vec<(String, Option<i32>, String)> {
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    let fifo = std::fs::symlink_metadata(d.join("d/t.yaml"))
        .is_ok_and(|m| std::os::unix::fs::FileTypeExt::is_fifo(&m.file_type()));
    let cases: [&[&str]; 7] = [
        &["check", "d/t.yaml"],
        &["table", "d/t.yaml"],
        &["render", "d/t.yaml", "-o", "t.svg"],
        &["fmt", "d/t.yaml"],
        &["merge", "d/t.yaml"],
        &["extract", "a.txt", "-o", "d/t.yaml"],
        &["build", "a.txt", "-o", "t", "--data-dir", "d", "--quiet"],
    ];
    cases
        .iter()
        .filter(|args| !(fifo && args[0] == "extract"))
        .map(|args| {
            let o = run(args, d);
            (args.join(" "), o.status.code(), stderr(&o))
        })
        .collect()
}

fn same_everywhere(d: &Path, expected: &str) {
    same_in(all_readers(d), expected)
}

fn same_in(results: Vec<(String, Option<i32>, String)>, expected: &str) {
    for (cmd, code, err) in results {
        assert_eq!(code, Some(1), "{cmd}: {err}");
        assert_eq!(err, expected, "{cmd}");
    }
}

#[test]
fn a_timeline_that_is_not_utf8_gets_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("d")).unwrap();
    std::fs::write(d.join("d/t.yaml"), b"version: 1\nevents: [\xff]\n").unwrap();
    same_everywhere(
        d,
        "d/t.yaml:2:10: error: the file is not valid UTF-8 (byte 0xFF)\n  |\n2 | events: [\n  |          ^\n  = hint: timeline files are UTF-8 text; re-save the file as UTF-8\n",
    );
    assert_eq!(
        std::fs::read(d.join("d/t.yaml")).unwrap(),
        b"version: 1\nevents: [\xff]\n"
    );
}

#[test]
fn a_directory_or_pipe_where_a_timeline_should_be_gets_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("d/t.yaml")).unwrap();
    same_everywhere(
        d,
        "error: d/t.yaml: is a directory; give a timeline file (a regular .yaml file)\n",
    );
    std::fs::remove_dir(d.join("d/t.yaml")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(d.join("d/t.yaml"))
            .status()
            .unwrap()
            .success()
    );
    // (`extract -o PIPE` writes through the pipe, as to standard output.)
    same_in(
        all_readers(d),
        "error: d/t.yaml: is a named pipe (FIFO); give a timeline file (a regular .yaml file)\n",
    );
}

#[test]
fn article_messages_name_only_flags_the_command_has() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bad.txt"), b"On May 5, 2020\nit r\xe9ined.\n").unwrap();
    for args in [
        &["tag", "bad.txt"][..],
        &["extract", "bad.txt"],
        &["build", "bad.txt", "--quiet"],
    ] {
        let o = run(args, d);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&o),
            "error: bad.txt:2:5: invalid UTF-8 (byte 0xE9); re-encode the file as UTF-8, or pass --lossy to replace bad bytes\n"
        );
        // ... and every one of them has --lossy.
        let mut lossy = args.to_vec();
        lossy.push("--lossy");
        let o = run(&lossy, d);
        assert_eq!(o.status.code(), Some(0), "{lossy:?}: {}", stderr(&o));
    }
    // JSON lines for `merge` are not articles: no --lossy there.
    std::fs::write(d.join("parts.jsonl"), b"{\"yaml\": \"caf\xe9\"}\n").unwrap();
    let o = run(&["merge", "parts.jsonl"], d);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: parts.jsonl:1:14: invalid UTF-8 (byte 0xE9); JSON lines are UTF-8\n"
    );
}
