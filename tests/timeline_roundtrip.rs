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
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(title, mut events, deleted, generated)| {
            // Ids are unique within a file.
            for (i, e) in events.iter_mut().enumerate() {
                e.id = format!("{}{i}", e.id);
            }
            Timeline {
                version: 1,
                title,
                events,
                deleted,
                generated,
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
