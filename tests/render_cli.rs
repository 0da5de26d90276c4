//! The chart and page parts of the command line: choosing what to show
//! (`--from`, `--to`, `--tag`, `--min-importance`, `--max-events` on
//! `render`, `build` and `table`), `--format html`, and the titles `build`
//! gives from headlines.

use std::path::Path;
use std::process::{Command, Output};

const NEWS: &str = "examples/news";

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Builds the example articles into `dir` as `lenne-flood`.
fn build_news(dir: &Path) -> std::path::PathBuf {
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join(NEWS);
    ok(&run(
        &[
            "build",
            news.to_str().unwrap(),
            "-o",
            "lenne-flood",
            "--quiet",
        ],
        dir,
    ));
    dir.join("data/lenne-flood.yaml")
}

fn events_in(svg: &str) -> usize {
    svg.matches("<g class=\"event ").count()
}

#[test]
fn render_chooses_dates_tags_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = build_news(dir.path());
    let y = yaml.to_str().unwrap();
    let all = std::fs::read_to_string(dir.path().join("output/lenne-flood.svg")).unwrap();
    ok(&run(
        &[
            "render",
            y,
            "--from",
            "2013-03-17",
            "--to",
            "18 March 2013",
            "-o",
            "week.svg",
        ],
        dir.path(),
    ));
    let week = std::fs::read_to_string(dir.path().join("week.svg")).unwrap();
    assert!(events_in(&week) > 0);
    assert!(week.contains("left out by the filter"), "{week}");
    for d in ["1987", "2002", "2014"] {
        assert!(!week.contains(&format!(">{d}</text>")), "{d} on the axis");
    }
    ok(&run(
        &["render", y, "--max-events", "5", "-o", "five.svg"],
        dir.path(),
    ));
    let five = std::fs::read_to_string(dir.path().join("five.svg")).unwrap();
    assert_eq!(events_in(&five), 5);
    assert!(events_in(&all) > 5);
    ok(&run(
        &[
            "render", y, "--tag", "election", "--tag", "visit", "-o", "tags.svg",
        ],
        dir.path(),
    ));
    let tags = std::fs::read_to_string(dir.path().join("tags.svg")).unwrap();
    let groups: Vec<&str> = tags
        .lines()
        .filter(|l| l.contains("<g class=\"event "))
        .collect();
    assert!(!groups.is_empty());
    assert!(
        groups
            .iter()
            .all(|g| g.contains("tag-election") || g.contains("tag-visit")),
        "{groups:#?}"
    );
}

#[test]
fn bad_choices_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = build_news(dir.path());
    let y = yaml.to_str().unwrap();
    let reversed = run(&["render", y, "--from", "2014", "--to", "2013"], dir.path());
    assert_eq!(reversed.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&reversed.stderr).trim(),
        "error: --from 2014 is after --to 2013: nothing could be shown"
    );
    let bad = run(&["table", y, "--from", "soon"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("`soon` is not a date"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let high = run(&["render", y, "--min-importance", "1.5"], dir.path());
    assert_eq!(high.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&high.stderr).contains("between 0 and 1"));
    // Nothing was written.
    assert!(!dir.path().join("data/lenne-flood.svg").exists());
}

#[test]
fn table_takes_the_same_choices() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = build_news(dir.path());
    let y = yaml.to_str().unwrap();
    let rows = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["table", y];
        a.extend_from_slice(args);
        ok(&run(&a, dir.path()))
            .lines()
            .skip(2)
            .map(str::to_string)
            .collect()
    };
    let all = rows(&[]);
    let two = rows(&["--max-events", "2"]);
    assert_eq!(two.len(), 2);
    let late = rows(&["--from", "2013-06"]);
    assert!(!late.is_empty() && late.len() < all.len());
    assert!(late.iter().all(|r| !r.contains("1987")), "{late:#?}");
    let sure = rows(&["--min-importance", "0.9"]);
    assert!(sure.len() < all.len());
}

#[test]
fn render_writes_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = build_news(dir.path());
    let out = ok(&run(
        &["render", yaml.to_str().unwrap(), "--format", "html"],
        dir.path(),
    ));
    let page_path = dir.path().join("data/lenne-flood.html");
    assert_eq!(out.trim(), page_path.display().to_string());
    let page = std::fs::read_to_string(page_path).unwrap();
    let events = std::fs::read_to_string(&yaml)
        .unwrap()
        .matches("\n  - id: ")
        .count();
    assert_eq!(page.matches("<tr data-id=").count(), events);
    assert!(page.contains("<svg "));
}

#[test]
fn build_titles_come_from_headlines_names_or_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join(NEWS);
    let article = news.join("04-evacuation-ordered.txt");
    ok(&run(
        &["build", article.to_str().unwrap(), "--quiet"],
        dir.path(),
    ));
    let one = std::fs::read_to_string(dir.path().join("data/04-evacuation-ordered.yaml")).unwrap();
    assert!(
        one.contains("\ntitle: Evacuation ordered for the old town of Arvel\n"),
        "{one}"
    );
    let svg = std::fs::read_to_string(dir.path().join("output/04-evacuation-ordered.svg")).unwrap();
    assert!(svg.contains(">Evacuation ordered for the old town of Arvel</title>"));
    // Twenty headlines with no subject in common: the name.
    let yaml = build_news(dir.path());
    let all = std::fs::read_to_string(yaml).unwrap();
    assert!(all.contains("\ntitle: lenne-flood\n"), "{all}");
    // --title wins.
    let other = tempfile::tempdir().unwrap();
    ok(&run(
        &[
            "build",
            news.to_str().unwrap(),
            "-o",
            "x",
            "--title",
            "The Lenne floods",
            "--quiet",
        ],
        other.path(),
    ));
    let x = std::fs::read_to_string(other.path().join("data/x.yaml")).unwrap();
    assert!(x.contains("\ntitle: The Lenne floods\n"));
}

#[test]
fn build_chart_choices_leave_the_yaml_whole() {
    let dir = tempfile::tempdir().unwrap();
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join(NEWS);
    ok(&run(
        &[
            "build",
            news.to_str().unwrap(),
            "-o",
            "march",
            "--from",
            "2013-03",
            "--to",
            "2013-03",
            "--quiet",
        ],
        dir.path(),
    ));
    let full_dir = tempfile::tempdir().unwrap();
    let full = build_news(full_dir.path());
    let yaml = std::fs::read_to_string(dir.path().join("data/march.yaml")).unwrap();
    let events = |s: &str| s.matches("\n  - id: ").count();
    assert_eq!(
        events(&yaml),
        events(&std::fs::read_to_string(full).unwrap())
    );
    let svg = std::fs::read_to_string(dir.path().join("output/march.svg")).unwrap();
    assert!(svg.contains("left out by the filter"));
}
