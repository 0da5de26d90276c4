//! Hand edits survive `timeline build`: a changed title, a deleted event, an
//! added event and a comment are all intact after building again.

use std::path::Path;
use std::process::Command;

const SEED: &str = "seeds/000_5da06e75f2e99931.txt";

fn build(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_timeline"))
        .args(["build", SEED, "--quiet", "--data-dir"])
        .arg(dir.join("data"))
        .arg("--output-dir")
        .arg(dir.join("output"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Removes the event whose `- id:` line contains `id`, up to the next event.
fn delete_event(yaml: &str, id: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in yaml.lines() {
        if line.starts_with("  - id: ") {
            skipping = line.contains(id);
        } else if !line.starts_with("    ") {
            skipping = false;
        }
        if !skipping {
            out.push(line);
        }
    }
    out.join("\n") + "\n"
}

#[test]
fn edits_survive_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let path = dir.path().join("data/000_5da06e75f2e99931.yaml");
    let built = std::fs::read_to_string(&path).unwrap();
    assert!(built.contains("44-day"), "{built}");

    // 1. change a title; 2. delete the war event; 3. add an event with a
    // typed date; 4. add a comment.
    let mut edited = built.replace(
        "title: The war concluded with the signing of a statement",
        "title: Trilateral statement ends the Second Karabakh War # fixed by hand",
    );
    let war_id = built
        .lines()
        .find(|l| l.starts_with("  - id: ") && l.contains("44-day"))
        .unwrap()
        .trim_start_matches("  - id: ")
        .to_string();
    edited = delete_event(&edited, &war_id);
    edited = edited.replace(
        "events:\n",
        "# Reviewed by the desk on 2023-11-03.\nevents:\n  - id: e-hand-ceasefire-1994\n    when: May 12, 1994\n    title: Bishkek ceasefire\n",
    );
    assert!(!edited.contains("44-day Parotic War"));
    std::fs::write(&path, &edited).unwrap();

    build(dir.path());
    let rebuilt = std::fs::read_to_string(&path).unwrap();
    let t = timeline::timeline::from_yaml(&rebuilt, "rebuilt.yaml").unwrap();

    assert!(rebuilt.contains("Trilateral statement ends the Second Karabakh War # fixed by hand"));
    assert!(!rebuilt.contains("title: The war concluded"), "{rebuilt}");
    assert!(
        t.events
            .iter()
            .any(|e| e.title == "Trilateral statement ends the Second Karabakh War")
    );
    assert!(
        !t.events.iter().any(|e| e.id == war_id),
        "deleted event is back:\n{rebuilt}"
    );
    assert!(t.deleted.contains(&war_id), "{rebuilt}");
    let hand = t
        .events
        .iter()
        .find(|e| e.id == "e-hand-ceasefire-1994")
        .unwrap();
    assert_eq!(hand.title, "Bishkek ceasefire");
    assert_eq!(hand.when.first_day().unwrap().to_string(), "1994-05-12");
    assert!(rebuilt.contains("# Reviewed by the desk on 2023-11-03."));
    // Everything else the article says is still there.
    assert!(
        t.events
            .iter()
            .any(|e| e.title.contains("Three Brothers-2021"))
    );

    // A third build changes nothing.
    build(dir.path());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), rebuilt);
}
