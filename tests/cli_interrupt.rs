//! Ctrl-C during a long build leaves every finished file whole, and no
//! temporary files behind.

use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn sigint_mid_build_leaves_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    for i in 0..600 {
        let text = format!(
            "date 2021-03-{:02}\nThe council met on May {}, 2020 to approve the budget. \
             In September 2019 the bridge closed for repairs. From 2001 to 2005 the \
             ferry ran daily.\n",
            1 + i % 28,
            1 + i % 28
        )
        .repeat(20);
        std::fs::write(news.join(format!("a{i:04}.txt")), text).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .current_dir(dir.path())
        .args(["build", "news", "--jobs", "1", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until some files exist, then interrupt.
    let data = dir.path().join("data");
    for _ in 0..200 {
        std::thread::sleep(Duration::from_millis(20));
        if std::fs::read_dir(&data).map(|d| d.count()).unwrap_or(0) > 5 {
            break;
        }
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Either interrupted (130) or, on a very fast machine, finished (0).
    assert!(
        matches!(out.status.code(), Some(130) | Some(0)),
        "{:?} {stderr}",
        out.status
    );
    if out.status.code() == Some(130) {
        assert!(stderr.contains("interrupted: "), "{stderr}");
    }
    let mut yamls = 0;
    for entry in std::fs::read_dir(&data).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "temporary file left: {name}");
        let text = std::fs::read_to_string(&p).unwrap();
        timeline::timeline::from_yaml(&text, &name).unwrap();
        yamls += 1;
    }
    assert!(yamls > 0);
    for entry in std::fs::read_dir(dir.path().join("output")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "temporary file left: {name}");
        let svg = std::fs::read_to_string(&p).unwrap();
        assert!(svg.trim_end().ends_with("</svg>"), "{name} is truncated");
    }
}
