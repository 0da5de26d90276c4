//! Proptest generators of valid [`Timeline`] values, shared by the tests that
//! need any timeline: the file-format round trip (`timeline_roundtrip.rs`)
//! and the rendering invariants (`properties_pipeline.rs`).
//!
//! Only [`timeline`] is public, so each includer uses all it includes. The
//! values are hostile on purpose: text that YAML would misread (`true`,
//! `~`, `2020-11-10`), text an SVG writer must escape (`<`, `&`, `]]>`,
//! NUL, bidi controls), any unicode, every date precision over the whole
//! supported year range, open and overlapping intervals, and numbers of any
//! size in sources.

use proptest::prelude::*;
use timeline::date::{Date, DateSpec, Season, YEAR_RANGE};
use timeline::timeline::{Event, FORMAT_VERSION, Rgb, Source, Timeline, When};

/// A date at any precision (seasons and quarters too) in any supported
/// year, mostly modern ones.
fn date() -> impl Strategy<Value = Date> {
    let year = prop_oneof![3 => 1800i32..=2100, 1 => YEAR_RANGE];
    prop_oneof![
        year.clone().prop_map(|y| Date::year(y).unwrap()),
        (year.clone(), 1u32..=12).prop_map(|(y, m)| Date::month(y, m).unwrap()),
        (year.clone(), prop::sample::select(Season::ALL.to_vec()))
            .prop_map(|(y, s)| Date::season(y, s).unwrap()),
        (year.clone(), 1u32..=4).prop_map(|(y, q)| Date::quarter(y, q).unwrap()),
        (year, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| { Date::day(y, m, d).or_else(|_| Date::day(y, m, 28)).unwrap() }),
        (-99i32..=99).prop_map(Date::Century),
        (-999i32..=999).prop_map(Date::Decade),
    ]
}

fn date_spec() -> impl Strategy<Value = DateSpec> {
    (date(), any::<bool>(), any::<bool>()).prop_map(|(date, approximate, uncertain)| DateSpec {
        date,
        approximate,
        uncertain,
    })
}

/// One date, or an interval open at either end (not both). The ends may
/// come in any order that is not inverted: overlapping ends of different
/// precisions stay as drawn.
fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        date_spec().prop_map(When::On),
        (prop::option::of(date_spec()), prop::option::of(date_spec()))
            .prop_filter("an interval needs an end", |(a, b)| a.is_some()
                || b.is_some())
            .prop_map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) if b.date.last_day() < a.date.first_day() => {
                    When::Between {
                        start: Some(b),
                        end: Some(a),
                    }
                }
                (start, end) => When::Between { start, end },
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
        Just("<script>alert(\"x\")</script> & 'y'".to_string()),
        Just("]]> <!-- --> &amp; &#0; \u{0}".to_string()),
        Just("Ünïcödé 日本 🎉 \u{202e}rtl\u{202c} e\u{301}".to_string()),
        Just("word ".repeat(60)),
        "[a-zA-Z<>&\"' ]{1,30}",
        "\\PC{1,40}",
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

/// A confidence: tenths (with the bounds 0 and 1 exactly), or any value
/// between.
fn confidence() -> impl Strategy<Value = f64> {
    prop_oneof![(0u8..=10).prop_map(|c| f64::from(c) / 10.0), 0.0f64..=1.0,]
}

fn event() -> impl Strategy<Value = Event> {
    (
        text(),
        when(),
        text(),
        prop::collection::vec(text(), 0..4),
        any::<bool>(),
        prop::option::of(confidence()),
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

/// A valid timeline with a number of events in `events`.
pub fn timeline(events: std::ops::Range<usize>) -> impl Strategy<Value = Timeline> {
    (
        prop::option::of(text()),
        prop::collection::vec(event(), events),
        prop::collection::vec(text(), 0..3),
        prop::collection::btree_map(text(), any::<(u8, u8, u8)>(), 0..3),
    )
        .prop_map(|(title, mut events, deleted, colors)| {
            // Ids are unique within a file: the index makes them so, but for
            // a rare `x1`+`1` against `x`+`11`, filtered out below.
            for (i, e) in events.iter_mut().enumerate() {
                e.id = format!("{}{i}", e.id);
            }
            Timeline {
                version: FORMAT_VERSION,
                title,
                colors: colors
                    .into_iter()
                    .map(|(tag, (r, g, b))| (tag, Rgb(r, g, b)))
                    .collect(),
                events,
                deleted,
            }
        })
        .prop_filter("ids are unique", |t| {
            let mut ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
            ids.sort_unstable();
            ids.windows(2).all(|w| w[0] != w[1])
        })
}
