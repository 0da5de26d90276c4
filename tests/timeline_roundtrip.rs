//! `from_yaml(to_yaml(t)) == t` for any timeline.

use proptest::prelude::*;
use timeline::date::{Date, DateSpec};
use timeline::timeline::{Event, Source, Timeline, When, from_yaml, to_yaml};

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        (-99i32..=99).prop_map(Date::Century),
        (-999i32..=999).prop_map(Date::Decade),
        (-9999i32..=9999).prop_map(Date::Year),
        (-9999i32..=9999, 1u32..=12).prop_map(|(year, month)| Date::Month { year, month }),
        (-9999i32..=9999, 1u32..=12, 1u32..=31)
            .prop_filter_map("a real day", |(y, m, d)| { Date::day(y, m, d).ok() }),
    ]
}

fn spec() -> impl Strategy<Value = DateSpec> {
    (date(), any::<bool>(), any::<bool>()).prop_map(|(date, approximate, uncertain)| DateSpec {
        date,
        approximate,
        uncertain,
    })
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        spec().prop_map(When::On),
        (spec(), spec(), 0u8..3).prop_map(|(a, b, open)| {
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            match open {
                0 => When::Between {
                    start: Some(start),
                    end: Some(end),
                },
                1 => When::Between {
                    start: Some(start),
                    end: None,
                },
                _ => When::Between {
                    start: None,
                    end: Some(end),
                },
            }
        }),
    ]
}

/// Any text that is not blank (blank titles and ids are refused).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 :#,'\"{}\\[\\]&*!|>%@`-]{1,30}",
        Just("1991".to_string()),
        Just("2020-11-10".to_string()),
        Just("true".to_string()),
        Just("~".to_string()),
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn source() -> impl Strategy<Value = Source> {
    (
        text(),
        0usize..1_000_000,
        (0usize..1_000_000, 0usize..1000),
        text(),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(file, line, (a, len), quote, rules)| Source {
            file,
            line,
            span: (a, a + len),
            quote,
            rules,
        })
}

fn event() -> impl Strategy<Value = Event> {
    (
        text(),
        when(),
        text(),
        prop::collection::vec(text(), 0..4),
        any::<bool>(),
        prop::option::of(0.0f64..=1.0),
        prop::collection::vec(source(), 0..3),
    )
        .prop_map(
            |(id, when, title, tags, inferred, confidence, sources)| Event {
                id,
                when,
                title,
                tags,
                inferred,
                confidence,
                sources,
            },
        )
}

fn timeline() -> impl Strategy<Value = Timeline> {
    (
        prop::option::of(text()),
        prop::collection::vec(event(), 0..6),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(title, mut events, deleted)| {
            // Ids are unique within a file.
            for (i, e) in events.iter_mut().enumerate() {
                e.id = format!("{}{i}", e.id);
            }
            Timeline {
                version: 1,
                title,
                events,
                deleted,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn load_of_save_is_identity(t in timeline()) {
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
        t in timeline(),
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
    fn deleted_events_stay_deleted(t in timeline(), drop in prop::collection::vec(any::<bool>(), 6)) {
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
