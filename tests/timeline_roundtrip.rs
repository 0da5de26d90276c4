//! `from_yaml(to_yaml(t)) == t` for any timeline.

use proptest::prelude::*;
use timeline::timeline::{Event, from_yaml, to_yaml};

mod timeline_gen;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn load_of_save_is_identity(t in timeline_gen::timeline(0..6)) {
        let yaml = to_yaml(&t);
        let back = from_yaml(&yaml, "t.yaml").map_err(|e| TestCaseError::fail(format!("{e}\n---\n{yaml}")))?;
        prop_assert_eq!(&back, &t);
        // And the canonical text is a fixed point.
        prop_assert_eq!(to_yaml(&back), yaml);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `timeline fmt` keeps every comment, keeps the data, and is a fixed
    /// point, wherever comments are written.
    #[test]
    fn fmt_keeps_comments_and_data(
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
        let out = timeline::timeline::format(&src, "t.yaml")
            .map_err(|e| TestCaseError::fail(format!("{e}\n---\n{src}")))?;
        for c in &written {
            prop_assert!(out.contains(c.as_str()), "lost {c}:\n{src}\n---\n{out}");
        }
        prop_assert_eq!(&from_yaml(&out, "t.yaml").map_err(|e| TestCaseError::fail(e.to_string()))?, &t);
        prop_assert_eq!(timeline::timeline::format(&out, "t.yaml").map_err(|e| TestCaseError::fail(e.to_string()))?, out);
    }
}

/// The canonical text without the blocks of the events at `drop`.
fn without_events(text: &str, drop: &[bool]) -> String {
    let mut out = String::new();
    let mut index: Option<usize> = None;
    for line in text.lines() {
        if line.starts_with("  - id: ") {
            index = Some(index.map_or(0, |i| i + 1));
        } else if !line.starts_with(' ') {
            index = None;
        }
        let dropped = index.is_some_and(|i| drop.get(i).copied().unwrap_or(false));
        if !dropped {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Re-extraction is idempotent, and events deleted by hand stay deleted.
    #[test]
    fn deleted_events_stay_deleted(t in timeline_gen::timeline(0..6), drop in prop::collection::vec(any::<bool>(), 6)) {
        use timeline::timeline::update;
        let fail = |e: timeline::timeline::Diagnostics| TestCaseError::fail(e.to_string());
        let first = update("", "t.yaml", &t).map_err(fail)?;
        prop_assert_eq!(&update(&first, "t.yaml", &t).map_err(fail)?, &first);

        let edited = without_events(&first, &drop);
        let second = update(&edited, "t.yaml", &t).map_err(fail)?;
        let back = from_yaml(&second, "t.yaml").map_err(fail)?;
        let kept: Vec<&Event> = t
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop[*i])
            .map(|(_, e)| e)
            .collect();
        prop_assert_eq!(back.events.iter().collect::<Vec<_>>(), kept);
        for (i, e) in t.events.iter().enumerate() {
            if drop[i] {
                prop_assert!(back.deleted.contains(&e.id), "{} not tombstoned", e.id);
            }
        }
        prop_assert_eq!(update(&second, "t.yaml", &t).map_err(fail)?, second);
    }
}
