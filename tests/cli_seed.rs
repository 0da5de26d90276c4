//! The main job on the seed article: `timeline build` writes a YAML timeline
//! and an SVG chart holding the events the article dates.

use std::path::{Path, PathBuf};
use std::process::Command;

use timeline::date::{Date, DateSpec};
use timeline::timeline::{Event, Timeline, When, from_yaml};

const SEED: &str = "seeds/000_5da06e75f2e99931.txt";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_timeline"))
}

fn build_into(dir: &Path) -> (PathBuf, PathBuf) {
    let out = bin()
        .args(["build", SEED, "--data-dir"])
        .arg(dir.join("data"))
        .arg("--output-dir")
        .arg(dir.join("output"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        dir.join("data/000_5da06e75f2e99931.yaml"),
        dir.join("output/000_5da06e75f2e99931.svg"),
    )
}

fn load(path: &Path) -> Timeline {
    let text = std::fs::read_to_string(path).unwrap();
    from_yaml(&text, &path.display().to_string()).unwrap()
}

fn day(s: &str) -> DateSpec {
    DateSpec::exact(s.parse::<Date>().unwrap())
}

fn find<'a>(t: &'a Timeline, when: &When, word: &str) -> &'a Event {
    t.events
        .iter()
        .find(|e| e.when == *when && e.title.to_lowercase().contains(word))
        .unwrap_or_else(|| {
            let list: Vec<String> = t
                .events
                .iter()
                .map(|e| format!("{:?} {}", e.when, e.title))
                .collect();
            panic!(
                "no event at {when:?} with `{word}` in its title; events:\n{}",
                list.join("\n")
            )
        })
}

#[test]
fn seed_timeline_has_the_four_key_events() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, svg) = build_into(dir.path());
    let t = load(&yaml);

    // The occupation, as an interval of two years.
    let occupation = When::Between {
        start: Some(day("1991")),
        end: Some(day("2020")),
    };
    find(&t, &occupation, "occup");

    // The statement that ended the war, to the day.
    find(&t, &When::On(day("2020-11-10")), "statement");

    // The drills, at month precision: never an invented day.
    let drills = find(&t, &When::On(day("2021-09")), "drills");
    assert!(
        drills.title.contains("Three Brothers-2021"),
        "{}",
        drills.title
    );

    // The visit, dated by the article's date line.
    find(&t, &When::On(day("2023-11-02")), "visit");

    // No event dated from a number that is not a date.
    for e in &t.events {
        for s in &e.sources {
            assert!(!s.rules.is_empty(), "event {} has no rule", e.id);
        }
    }

    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    assert!(svg.contains("Three Brothers-2021"));
}

#[test]
fn build_twice_gives_byte_identical_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (ya, sa) = build_into(a.path());
    let (yb, sb) = build_into(b.path());
    assert_eq!(std::fs::read(&ya).unwrap(), std::fs::read(&yb).unwrap());
    assert_eq!(std::fs::read(&sa).unwrap(), std::fs::read(&sb).unwrap());
    // Building again over existing files changes nothing either.
    let before = std::fs::read(&ya).unwrap();
    let (ya2, sa2) = build_into(a.path());
    assert_eq!(std::fs::read(&ya2).unwrap(), before);
    assert_eq!(std::fs::read(&sa2).unwrap(), std::fs::read(&sb).unwrap());
}
