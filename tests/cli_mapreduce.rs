//! The way past one machine: `extract --jsonl` (map) over split inputs and
//! `merge` (reduce) give the same timeline as a single-machine `build`.

use std::path::Path;
use std::process::{Command, Stdio};

const ARTICLES: [(&str, &str); 4] = [
    (
        "a.txt",
        "date 2021-03-04\nThe bridge over the river opened on May 5, 2020, after \
         three years of work. Repairs are planned for next year.\n",
    ),
    (
        "b.txt",
        "date 2021-06-01\nThe bridge over the river opened on May 5, 2020. In \
         September 2019 the city council approved the budget.\n",
    ),
    (
        "c.txt",
        "date 2022-01-10\nFloods closed the bridge on 3 January 2022. The mayor \
         said on Friday that the bridge would reopen in March.\n",
    ),
    (
        "d.txt",
        "date 2022-02-15\nThe city council approved the budget in September 2019. \
         From 2015 to 2019 the old ferry carried commuters.\n",
    ),
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
}

fn ok(mut c: Command) -> String {
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{:?}: {}",
        c,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn jsonl(names: &[&str]) -> String {
    let mut s = String::new();
    for (name, text) in ARTICLES.iter().filter(|(n, _)| names.contains(n)) {
        let dct = &text[5..15];
        // `build news` names sources by the path as given: `news/a.txt`.
        let id = format!("news/{name}");
        s.push_str(&serde_json::json!({"id": id, "dct": dct, "text": text}).to_string());
        s.push('\n');
    }
    s
}

fn map(dir: &Path, names: &[&str], out: &str) {
    let input = dir.join(format!("{out}.in.jsonl"));
    std::fs::write(&input, jsonl(names)).unwrap();
    let mut c = bin();
    c.args(["extract", "--jsonl", "--jobs", "2"]).arg(&input);
    let mapped = ok(c);
    assert_eq!(mapped.lines().count(), names.len());
    std::fs::write(dir.join(out), mapped).unwrap();
}

#[test]
fn map_reduce_equals_single_machine_build() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("news")).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(d.join("news").join(name), text).unwrap();
    }

    // Single machine.
    let mut c = bin();
    c.current_dir(d)
        .args(["build", "news", "-o", "all", "--quiet"])
        .stdout(Stdio::null());
    ok(c);
    let single = std::fs::read_to_string(d.join("data/all.yaml")).unwrap();

    // Two "machines", each mapping half of the corpus, in a different order
    // and grouping; then the reduce step in two stages.
    map(d, &["c.txt", "a.txt"], "part1.jsonl");
    map(d, &["d.txt"], "part2.jsonl");
    map(d, &["b.txt"], "part3.jsonl");
    let mut c = bin();
    c.current_dir(d).args([
        "merge",
        "part2.jsonl",
        "part3.jsonl",
        "-o",
        "half.yaml",
        "--title",
        "all",
    ]);
    ok(c);
    let mut c = bin();
    c.current_dir(d)
        .args(["merge", "half.yaml", "part1.jsonl", "--title", "all"]);
    let reduced = ok(c);

    assert_eq!(reduced, single);
    assert!(single.contains("2020-05-05"), "{single}");
}
