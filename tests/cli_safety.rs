//! Lose nothing, clobber nothing: the file-safety promises of the README,
//! tried as a hostile user would (races, links, odd files, closed pipes,
//! bad lines). Each test names the promise it guards.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = "date 2021-03-04\nThe bridge over the river opened on May 5, 2020, after three years of work.\n";
const OTHER: &str = "date 2022-01-10\nFloods closed the bridge on 3 January 2022.\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// Waits for `child` at most `secs` seconds; kills it and fails if it runs
/// longer (today's binary waits forever on some of these inputs).
fn wait_at_most(mut child: Child, secs: u64, what: &str) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(p: &Path) -> bool {
    Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success())
}

fn is_fifo(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_fifo())
}

/// A timeline with one hand-written event and a comment, as a user keeps it.
const HAND: &str = "version: 1\n# my notes stay\nevents:\n  - id: e-1990-talks\n    when: \"1990\"\n    title: Ceasefire talks\n";

// 2. Two processes on one file take turns --------------------------------

#[test]
fn a_build_waits_for_the_lock_and_merges_into_the_first_writers_result() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    // Another writer holds the lock on the data directory...
    let lock = std::fs::File::open(d.join("data")).unwrap();
    fs4::FileExt::lock(&lock).unwrap();
    let child = bin()
        .args(["build", "a.txt", "--quiet"])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    // ...and writes its result (atomically, as `timeline` does) before
    // letting go.
    std::fs::write(d.join("data/.first"), HAND).unwrap();
    std::fs::rename(d.join("data/.first"), d.join("data/a.yaml")).unwrap();
    drop(lock);
    let o = wait_at_most(child, 60, "build");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let y = read(d.join("data/a.yaml"));
    assert!(
        y.contains("title: Ceasefire talks"),
        "first writer lost:\n{y}"
    );
    assert!(y.contains("# my notes stay"), "{y}");
    assert!(y.contains("bridge-over-river-opened"), "build lost:\n{y}");
}

#[test]
fn two_builds_of_one_timeline_at_once_lose_no_event() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (sub, text) in [("x", ARTICLE), ("y", OTHER)] {
        std::fs::create_dir(d.join(sub)).unwrap();
        std::fs::write(d.join(sub).join("same.txt"), text).unwrap();
    }
    std::fs::create_dir(d.join("data")).unwrap();
    for _ in 0..3 {
        let _ = std::fs::remove_file(d.join("data/same.yaml"));
        let spawn = |input: &str| {
            bin()
                .args(["build", input, "--quiet"])
                .current_dir(d)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("x/same.txt"), spawn("y/same.txt"));
        for o in [
            wait_at_most(a, 60, "build x"),
            wait_at_most(b, 60, "build y"),
        ] {
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        let y = read(d.join("data/same.yaml"));
        assert!(y.contains("bridge-over-river-opened"), "{y}");
        assert!(y.contains("floods-closed-bridge"), "{y}");
    }
}

// 3. Temporary files -----------------------------------------------------

#[test]
fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(d.join("victim.txt"), "precious").unwrap();
    for sub in ["data", "output"] {
        std::fs::create_dir(d.join(sub)).unwrap();
    }
    // `sh` plants links at `.NAME.tmp-PID` for its own PID, which `exec`
    // hands to `timeline`: the names the old writer used.
    let script = format!(
        "ln -s ../victim.txt data/.a.yaml.tmp-$$ && ln -s ../victim.txt output/.a.svg.tmp-$$ && exec '{}' build a.txt --quiet",
        env!("CARGO_BIN_EXE_timeline")
    );
    let o = Command::new("sh")
        .args(["-c", &script])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(d.join("victim.txt")), "precious");
    assert!(read(d.join("data/a.yaml")).contains("bridge"));
    assert!(read(d.join("output/a.svg")).contains("<svg"));
}

#[test]
fn leftovers_of_a_killed_run_are_cleaned_by_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    for name in [".a.yaml.x7Yq2Z.timeline-tmp", ".a.yaml.tmp-4242"] {
        std::fs::write(d.join("data").join(name), "half a file").unwrap();
    }
    std::fs::write(d.join("data/.keep.tmp"), "not ours").unwrap();
    let o = run(&["build", "a.txt", "--quiet"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(d.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".keep.tmp", "a.yaml"]);
}

// 4. Only regular files are replaced; links are kept -----------------------

/// A timeline to render.
fn timeline_file(d: &Path) -> std::path::PathBuf {
    let p = d.join("t.yaml");
    std::fs::write(&p, HAND).unwrap();
    p
}

#[test]
fn output_to_a_device_writes_through_it_and_keeps_the_node() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    timeline_file(d);
    // Our own device nodes (root only), so the test never touches /dev.
    let made = Command::new("mknod")
        .args(["null", "c", "1", "3"])
        .current_dir(d)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new("mknod")
            .args(["full", "c", "1", "7"])
            .current_dir(d)
            .status()
            .is_ok_and(|s| s.success());
    if !made {
        eprintln!("note: cannot create device nodes (not root); device test skipped");
        return;
    }
    let o = run(&["render", "t.yaml", "-o", "null"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["render", "t.yaml", "-o", "full"], d);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: full: cannot write: no space left on device\n"
    );
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    let o = run(&["extract", "a.txt", "-o", "null"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for node in ["null", "full"] {
        let m = std::fs::symlink_metadata(d.join(node)).unwrap();
        assert!(m.file_type().is_char_device(), "{node} was replaced");
    }
}

#[test]
fn output_to_a_named_pipe_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    timeline_file(d);
    let fifo = d.join("pipe.svg");
    assert!(mkfifo(&fifo));
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let child = bin()
        .args(["render", "t.yaml", "-o", "pipe.svg"])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_at_most(child, 60, "render into a pipe");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(is_fifo(&fifo), "the named pipe was replaced by a file");
    assert!(reader.join().unwrap().contains("<svg"));
}

#[test]
fn output_to_proc_self_fd_1_goes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    timeline_file(d);
    let o = run(&["render", "t.yaml", "-o", "/proc/self/fd/1"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("<svg"), "{out}");
}

#[test]
fn symlinked_outputs_are_written_where_they_point_and_stay_links() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    for sub in ["data", "output", "store"] {
        std::fs::create_dir(d.join(sub)).unwrap();
    }
    // The timeline lives elsewhere and holds a hand edit; the chart's link
    // dangles (its file does not exist yet).
    std::fs::write(d.join("store/a.yaml"), HAND).unwrap();
    symlink("../store/a.yaml", d.join("data/a.yaml")).unwrap();
    symlink("../store/a.svg", d.join("output/a.svg")).unwrap();
    let o = run(&["build", "a.txt", "--quiet"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for link in ["data/a.yaml", "output/a.svg"] {
        let m = std::fs::symlink_metadata(d.join(link)).unwrap();
        assert!(m.file_type().is_symlink(), "{link} is no longer a link");
    }
    let y = read(d.join("store/a.yaml"));
    assert!(y.contains("Ceasefire talks") && y.contains("bridge"), "{y}");
    assert!(read(d.join("store/a.svg")).contains("<svg"));
}

// 5. `-o` respects the user's file ------------------------------------------

#[test]
fn extract_and_merge_onto_an_existing_timeline_keep_its_edits() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(d.join("t.yaml"), HAND).unwrap();
    let o = run(&["extract", "a.txt", "-o", "t.yaml"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let y = read(d.join("t.yaml"));
    assert!(y.starts_with(HAND), "hand edits changed:\n{y}");
    assert!(y.contains("bridge-over-river-opened"), "{y}");

    std::fs::write(d.join("m.yaml"), HAND).unwrap();
    std::fs::write(d.join("b.txt"), OTHER).unwrap();
    let o = run(&["extract", "b.txt", "-o", "part.yaml"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["merge", "part.yaml", "-o", "m.yaml"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let y = read(d.join("m.yaml"));
    assert!(y.starts_with(HAND), "hand edits changed:\n{y}");
    assert!(y.contains("floods-closed-bridge"), "{y}");
}

#[test]
fn extract_and_merge_refuse_to_replace_a_file_that_is_not_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    let notes = "My notes: call the ministry on Monday.\n";
    std::fs::write(d.join("notes.md"), notes).unwrap();
    let o = run(&["extract", "a.txt", "-o", "notes.md"], d);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("notes.md:1:1: error: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(d.join("notes.md")), notes);
    // The article itself is not a timeline either.
    let o = run(&["extract", "a.txt", "-o", "a.txt"], d);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(read(d.join("a.txt")), ARTICLE);
    std::fs::write(d.join("t.yaml"), HAND).unwrap();
    let o = run(&["merge", "t.yaml", "-o", "notes.md"], d);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(read(d.join("notes.md")), notes);
}

#[test]
fn render_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    timeline_file(d);
    std::os::unix::fs::symlink("t.yaml", d.join("alias.yaml")).unwrap();
    for out in ["t.yaml", "./t.yaml", "alias.yaml"] {
        let o = run(&["render", "t.yaml", "-o", out], d);
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
        assert_eq!(
            stderr(&o),
            format!("error: {out}: the output is the input timeline; give another -o FILE\n")
        );
        assert_eq!(read(d.join("t.yaml")), HAND);
    }
}

// 6. Permissions and ownership -----------------------------------------------

#[test]
fn a_rewritten_timeline_keeps_its_permissions_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    let y = d.join("data/a.yaml");
    std::fs::write(&y, HAND).unwrap();
    std::fs::set_permissions(&y, std::fs::Permissions::from_mode(0o600)).unwrap();
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if root {
        std::os::unix::fs::chown(&y, Some(4321), Some(4322)).unwrap();
    }
    let o = run(&["build", "a.txt", "--quiet"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m = std::fs::metadata(&y).unwrap();
    assert!(read(&y).contains("bridge"));
    assert_eq!(m.mode() & 0o7777, 0o600);
    if root {
        assert_eq!((m.uid(), m.gid()), (4321, 4322));
    }
    // `fmt` rewrites in place: the same.
    let o = run(&["fmt", "data/a.yaml"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&y).unwrap().mode() & 0o7777, 0o600);
    // A new file gets the usual mode, not the temporary file's 0600.
    let m = std::fs::metadata(d.join("output/a.svg")).unwrap();
    assert_eq!(m.mode() & 0o044, 0o044, "mode {:o}", m.mode());
}

// 7. Same name, different articles -------------------------------------------

#[test]
fn articles_with_the_same_name_share_one_timeline_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (sub, text) in [("x", ARTICLE), ("y", OTHER)] {
        std::fs::create_dir(d.join(sub)).unwrap();
        std::fs::write(d.join(sub).join("same.txt"), text).unwrap();
    }
    let o = run(&["build", "x/same.txt", "y/same.txt"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("warning: x/same.txt and y/same.txt have the same file name: their events go into one timeline, `same` (use -o NAME, or rename them, to keep them apart)\n"),
        "{}",
        stderr(&o)
    );
    let y = read(d.join("data/same.yaml"));
    assert!(y.contains("- file: x/same.txt"), "{y}");
    assert!(y.contains("- file: y/same.txt"), "{y}");
    assert!(y.contains("bridge-over-river-opened"), "{y}");
    assert!(y.contains("floods-closed-bridge"), "{y}");
    // Built one after the other, the same timeline.
    let e = tempfile::tempdir().unwrap();
    for (sub, text) in [("x", ARTICLE), ("y", OTHER)] {
        std::fs::create_dir(e.path().join(sub)).unwrap();
        std::fs::write(e.path().join(sub).join("same.txt"), text).unwrap();
    }
    run(&["build", "x/same.txt", "--quiet"], e.path());
    run(&["build", "y/same.txt", "--quiet"], e.path());
    let z = read(e.path().join("data/same.yaml"));
    assert!(
        z.contains("- file: x/same.txt") && z.contains("- file: y/same.txt"),
        "{z}"
    );
}

// 8. No file the loader refuses ------------------------------------------------

#[test]
fn merge_refuses_to_write_a_timeline_over_the_loaders_limit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Two parts of 34 MB each load; together they are over 64 MiB.
    let quote = "word ".repeat(6_800);
    for part in ["a", "b"] {
        let mut s = String::from("version: 1\nevents:\n");
        for i in 0..1_000 {
            s.push_str(&format!(
                "  - id: {part}{i}\n    when: \"2001\"\n    title: Event {part} {i}\n    sources:\n      - file: {part}.txt\n        line: 1\n        span: [0, 1]\n        quote: {quote}{i}\n"
            ));
        }
        std::fs::write(d.join(format!("{part}.yaml")), s).unwrap();
    }
    let o = run(&["merge", "a.yaml", "b.yaml", "-o", "all.yaml"], d);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: all.yaml: the timeline would be ")
            && err.contains("over the 67108864-byte (64 MiB) limit of timeline files")
            && err.ends_with("; nothing was written\n"),
        "{err}"
    );
    assert!(!d.join("all.yaml").exists());
}

// 9. Bounded reads -----------------------------------------------------------

#[test]
fn a_named_pipe_as_the_data_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    assert!(mkfifo(&d.join("data/a.yaml")));
    let child = bin()
        .args(["build", "a.txt", "--quiet"])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_at_most(child, 30, "build onto a named pipe");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: data/a.yaml: is a named pipe (FIFO); give a timeline file (a regular .yaml file)\n"
    );
    assert!(is_fifo(&d.join("data/a.yaml")));
}

#[test]
fn endless_inputs_are_refused_not_read_until_memory_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A timeline is a regular file: a device or pipe is refused at once.
    let child = bin()
        .args(["check", "/dev/zero"])
        .current_dir(d)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_at_most(child, 30, "check /dev/zero");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: /dev/zero: is a character device; give a timeline file (a regular .yaml file)\n"
    );
    // An article may be a stream, read up to the article limit.
    let child = bin()
        .args(["tag"])
        .current_dir(d)
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_at_most(child, 60, "tag < /dev/zero");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: <stdin>: file is more than 268435456 bytes, over the 268435456-byte limit; split it into articles\n"
    );
}

// 11. Broken pipe ------------------------------------------------------------

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE.repeat(200)).unwrap();
    let mut big = String::from("version: 1\nevents:\n");
    for i in 0..3_000 {
        big.push_str(&format!(
            "  - id: e{i}\n    when: \"{}\"\n    title: Event number {i}\n",
            1900 + i % 100
        ));
    }
    std::fs::write(d.join("t.yaml"), big).unwrap();
    let cases: [&[&str]; 6] = [
        &["check", "t.yaml"],
        &["table", "t.yaml"],
        &["render", "t.yaml", "-o", "t.svg"],
        &["build", "a.txt", "--quiet"],
        &["tag", "a.txt"],
        &["extract", "a.txt"],
    ];
    for args in cases {
        let mut child = bin()
            .args(args)
            .current_dir(d)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the command writes anything.
        drop(child.stdout.take());
        let o = wait_at_most(child, 60, &args.join(" "));
        let code = o.status.code();
        assert!(
            matches!(code, Some(0) | Some(141)),
            "{args:?}: exit {code:?}: {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
    }
}

// 12. JSON-lines mappers keep going -------------------------------------------

fn bad_lines() -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(br#"{"id":"a","dct":"2020-01-01","text":"It happened on May 5, 2019."}"#);
    s.push(b'\n');
    s.extend_from_slice(br#"{"id":"b","dct":"2020-01-01"}"#);
    s.push(b'\n');
    s.extend_from_slice(b"{\"id\":\"c\",\"dct\":null,\"text\":\"caf\xe9\"}\n");
    s.extend_from_slice(b"{not json\n");
    s.extend_from_slice(
        br#"{"id":"e","dct":"2020-01-01","text":"The bridge reopened on June 1, 2018."}"#,
    );
    s.push(b'\n');
    s
}

#[test]
fn tag_jsonl_answers_a_bad_line_with_an_error_record_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("docs.jsonl"), bad_lines()).unwrap();
    let o = run(&["tag", "--jsonl", "--jobs", "2", "docs.jsonl"], d);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["timexes"].is_array());
    assert_eq!(
        lines[1],
        serde_json::json!({"id": "b", "line": 2, "error": "column 29: not a {\"id\",\"dct\",\"text\"} JSON object: missing field `text`"})
    );
    assert_eq!(
        lines[2],
        serde_json::json!({"id": "c", "line": 3, "error": "column 33: invalid UTF-8 (byte 0xE9); JSON lines are UTF-8"})
    );
    assert_eq!(lines[3]["id"], serde_json::Value::Null);
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[4]["id"], "e");
    assert!(lines[4]["timexes"].is_array());
    let err = stderr(&o);
    assert!(
        err.starts_with("error: docs.jsonl:2:29: not a {\"id\",\"dct\",\"text\"} JSON object: missing field `text`\n"),
        "{err}"
    );
    assert!(
        err.ends_with("3 of 5 lines failed (each answered by an error record)\n"),
        "{err}"
    );
}

#[test]
fn extract_jsonl_keeps_going_and_merge_skips_the_error_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("docs.jsonl"), bad_lines()).unwrap();
    let o = run(&["extract", "--jsonl", "docs.jsonl"], d);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(out.lines().count(), 5, "{out}");
    assert_eq!(out.lines().filter(|l| l.contains("\"error\"")).count(), 3);
    std::fs::write(d.join("parts.jsonl"), &out).unwrap();
    let o = run(&["merge", "parts.jsonl"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "warning: parts.jsonl: skipped 3 error records (documents the map step could not process)\n"
    );
    let y = String::from_utf8(o.stdout).unwrap();
    assert!(
        y.contains("\"2019-05-05\"") && y.contains("\"2018-06-01\""),
        "{y}"
    );
}

// 13. The updater keeps valid files valid ----------------------------------------

fn build_onto(existing: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    std::fs::write(d.join("data/a.yaml"), existing).unwrap();
    let o = run(&["check", "data/a.yaml"], d);
    assert_eq!(
        o.status.code(),
        Some(0),
        "not valid to start with: {}",
        stderr(&o)
    );
    let o = run(&["build", "a.txt", "--quiet"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["check", "data/a.yaml"], d);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "data/a.yaml: ok, 2 events\n",
        "{}\n{}",
        stderr(&o),
        read(d.join("data/a.yaml"))
    );
    read(d.join("data/a.yaml"))
}

#[test]
fn a_file_with_a_document_end_marker_stays_valid() {
    let y = build_onto(&format!("{HAND}...\n"));
    assert!(y.ends_with("...\n"), "{y}");
}

#[test]
fn a_json_like_file_stays_json() {
    let src = "{\"version\": 1, \"events\": [{\"id\": \"e-1990-talks\", \"when\": \"1990\", \"title\": \"Ceasefire talks\"}]}\n";
    let y = build_onto(src);
    let v: serde_json::Value = serde_json::from_str(&y).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 2, "{y}");
    let pretty = "{\n  \"version\": 1,\n  \"events\": [\n    {\"id\": \"e-1990-talks\", \"when\": \"1990\", \"title\": \"Ceasefire talks\"}\n  ]\n}\n";
    let y = build_onto(pretty);
    let v: serde_json::Value = serde_json::from_str(&y).unwrap();
    assert_eq!(v["generated"].as_array().unwrap().len(), 2, "{y}");
}

#[test]
fn a_file_with_cr_line_ends_keeps_them() {
    let y = build_onto(&HAND.replace('\n', "\r"));
    assert!(!y.contains('\n'), "{y:?}");
    assert!(
        y.contains("\r  - id: e-2020-05-05-bridge-over-river-opened\r"),
        "{y:?}"
    );
}

#[test]
fn errors_in_a_file_with_cr_line_ends_show_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = "version: 1\revents:\r  - id: x\r    when: \"2001-02-30\"\r    title: T\r";
    std::fs::write(d.join("t.yaml"), src).unwrap();
    let o = run(&["check", "t.yaml"], d);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "t.yaml:4:11: error: 2001-02 has no day 30\n  |\n4 |     when: \"2001-02-30\"\n  |           ^^^^^^^^^^^^\n  = hint: Feb 2001 has 28 days\n"
    );
}
