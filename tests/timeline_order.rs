//! Order: `table` lists events by date; `fmt --sort` sorts the file by date
//! and keeps each comment with its event.

use proptest::prelude::*;
use timeline::timeline::{format, format_sorted, from_yaml, to_yaml};

mod timeline_gen;

const UNSORTED: &str = "\
# timeline: edit freely; `timeline build` keeps your edits (`timeline schema` describes the format).
version: 1
title: Out of order
events:
  # The visit, typed first.
  - id: visit
    when: 2023-11-02   # as the embassy gives it
    title: The visit
  - id: occupation     # the long one
    when: 1991 to 2020
    # a title written by hand
    title: Occupation
  # Two comments
  # above the drills.
  - id: drills
    when: September 2021
    title: Drills
  - id: war-ends
    when: 2020-11-10
    title: The war ends
  - id: statement
    when: 2020-11-10
    title: A statement the same day
# the end of the events
deleted: []
";

#[test]
fn fmt_sort_keeps_comments_with_their_events() {
    let out = format_sorted(UNSORTED, "t.yaml").unwrap();
    insta::assert_snapshot!(out, @r#"
    # timeline: edit freely; `timeline build` keeps your edits (`timeline schema` describes the format).
    version: 1
    title: Out of order
    events:
      - id: occupation     # the long one
        when: {start: "1991", end: "2020"}
        # a title written by hand
        title: Occupation
      - id: war-ends
        when: "2020-11-10"
        title: The war ends
      - id: statement
        when: "2020-11-10"
        title: A statement the same day
      # Two comments
      # above the drills.
      - id: drills
        when: "2021-09"
        title: Drills
      # The visit, typed first.
      - id: visit
        when: "2023-11-02"   # as the embassy gives it
        title: The visit
    # the end of the events
    deleted: []
    generated:
      - drills
      - occupation
      - statement
      - visit
      - war-ends
    "#);
    // The same events, only reordered; sorting again changes nothing.
    let mut before = from_yaml(UNSORTED, "t.yaml").unwrap().events;
    let after = from_yaml(&out, "t.yaml").unwrap().events;
    before.sort_by_key(|e| e.when.sort_key());
    assert_eq!(after, before);
    assert_eq!(format_sorted(&out, "t.yaml").unwrap(), out);
    assert_eq!(format(&out, "t.yaml").unwrap(), out);
}

#[test]
fn fmt_without_sort_keeps_the_file_order() {
    let out = format(UNSORTED, "t.yaml").unwrap();
    let ids: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id: "))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["visit", "occupation", "drills", "war-ends", "statement"]
    );
}

#[test]
fn table_lists_events_by_date() {
    let t = from_yaml(UNSORTED, "t.yaml").unwrap();
    assert_eq!(
        timeline::pipeline::table(&t),
        "\
| date | title |
|---|---|
| 1991 – 2020 | Occupation |
| 10 Nov 2020 | The war ends |
| 10 Nov 2020 | A statement the same day |
| Sep 2021 | Drills |
| 2 Nov 2023 | The visit |
"
    );
}

#[test]
fn cli_fmt_sort_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    std::fs::write(&path, UNSORTED).unwrap();
    let bin = env!("CARGO_BIN_EXE_timeline");
    let o = std::process::Command::new(bin)
        .args(["table", "t.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.find("Occupation").unwrap() < table.find("The visit").unwrap());
    let o = std::process::Command::new(bin)
        .args(["fmt", "--sort", "t.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format_sorted(UNSORTED, "t.yaml").unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `fmt --sort` keeps every comment and every event, writes them in
    /// date order, and is a fixed point.
    #[test]
    fn sorting_keeps_comments_and_data(
        t in timeline_gen::timeline(0..6),
        marks in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..8),
    ) {
        let yaml = to_yaml(&t);
        let mut lines: Vec<String> = yaml.lines().map(str::to_string).collect();
        let mut written = Vec::new();
        for (k, (at, own_line)) in marks.iter().enumerate() {
            let i = at.index(lines.len());
            let text = format!("# note {k}");
            if *own_line {
                let indent: String = lines[i].chars().take_while(|c| *c == ' ').collect();
                lines.insert(i, format!("{indent}{text}"));
            } else if !lines[i].trim_start().starts_with('#') {
                lines[i] = format!("{}  {text}", lines[i]);
            } else {
                continue;
            }
            written.push(text);
        }
        let src = lines.join("\n") + "\n";
        let fail = |e: timeline::timeline::Diagnostics| TestCaseError::fail(e.to_string());
        let out = format_sorted(&src, "t.yaml").map_err(fail)?;
        for c in &written {
            prop_assert!(out.contains(c.as_str()), "lost {c}:\n{src}\n---\n{out}");
        }
        let back = from_yaml(&out, "t.yaml").map_err(fail)?;
        let expected: Vec<_> = t.events_by_date().into_iter().cloned().collect();
        prop_assert_eq!(&back.events, &expected);
        prop_assert_eq!(format_sorted(&out, "t.yaml").map_err(fail)?, out);
    }
}
