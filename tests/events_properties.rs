//! Invariants of the event builder: `merge` is associative, commutative
//! and idempotent with unique ids; `extract` never panics and always
//! produces short titles, whatever the text and the expressions.

use proptest::prelude::*;

use timeline::date::{Date, DateSpec};
use timeline::events::{Article, extract, merge};
use timeline::tagger::timex::{
    Derivation, Duration, Point, RangeLink, RangeRole, RefPoint, Unit, Within, YearSpan,
};
use timeline::tagger::{Tagged, Timex, TimexType, Value};
use timeline::timeline::{Event, Source, When};

const TITLES: &[&str] = &[
    "Asim Munir's visit to Baku",
    "The president visited Baku",
    "His visit to Sukkur drew protests",
    "Azerbaijan, Türkiye and Pakistan conducted joint drills",
    "The war concluded with the signing of a statement",
    "The budget passed",
    "The budget passed",
    "Floods struck the north",
];

fn when_strategy() -> impl Strategy<Value = When> {
    let dates = prop_oneof![
        Just("2020-11-10"),
        Just("2021-09"),
        Just("2023-11-02"),
        Just("1991"),
        Just("2020"),
    ]
    .prop_map(|s| DateSpec::exact(s.parse::<Date>().unwrap()));
    prop_oneof![
        dates.clone().prop_map(When::On),
        (dates.clone(), dates).prop_map(|(a, b)| When::Between {
            start: Some(a.min(b)),
            end: Some(a.max(b)),
        }),
    ]
}

fn event_strategy() -> impl Strategy<Value = Event> {
    (
        when_strategy(),
        0..TITLES.len(),
        0usize..4,
        0u8..3,
        any::<bool>(),
        prop::option::of(0u8..=10),
    )
        .prop_map(|(when, t, file, line, inferred, conf)| Event {
            id: String::new(),
            when,
            title: TITLES[t].to_string(),
            tags: if file == 0 {
                vec!["seed".into()]
            } else {
                Vec::new()
            },
            inferred,
            confidence: conf.map(|c| f64::from(c) / 10.0),
            sources: vec![Source {
                file: format!("f{file}.txt"),
                line: usize::from(line) + 1,
                span: (usize::from(line) * 10, usize::from(line) * 10 + 9),
                quote: format!("{} (quote)", TITLES[t]),
                rules: vec!["date.test".into()],
            }],
        })
}

proptest! {
    #[test]
    fn merge_is_associative_and_commutative(
        a in prop::collection::vec(event_strategy(), 0..8),
        b in prop::collection::vec(event_strategy(), 0..8),
    ) {
        let all: Vec<Event> = a.iter().chain(&b).cloned().collect();
        let whole = merge(all.clone());
        let mut ab = merge(a.clone());
        ab.extend(merge(b.clone()));
        prop_assert_eq!(&merge(ab), &whole);
        let mut ba = merge(b.clone());
        ba.extend(merge(a.clone()));
        prop_assert_eq!(&merge(ba), &whole);
        let mut rev = all;
        rev.reverse();
        prop_assert_eq!(&merge(rev), &whole);
        prop_assert_eq!(&merge(whole.clone()), &whole);
    }

    #[test]
    fn merged_ids_are_unique_and_sorted_by_date(
        a in prop::collection::vec(event_strategy(), 0..12),
    ) {
        let m = merge(a);
        let mut ids: Vec<&str> = m.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), m.len());
        for w in m.windows(2) {
            prop_assert!(w[0].when.sort_key() <= w[1].when.sort_key());
        }
    }
}

fn value_strategy() -> impl Strategy<Value = (TimexType, Value)> {
    prop_oneof![
        (1900i32..2030, 0u8..13).prop_map(|(y, m)| {
            let within = if m == 0 {
                Within::Whole
            } else {
                Within::Month(m)
            };
            (
                TimexType::Date,
                Value::Point(Point {
                    year: Some(y),
                    span: YearSpan::Year,
                    within,
                    time: None,
                }),
            )
        }),
        (1u32..100, any::<bool>()).prop_map(|(n, half)| (
            TimexType::Duration,
            Value::Duration(Duration {
                amount: Some(n),
                unit: Unit::Day,
                half,
            })
        )),
        Just((TimexType::Date, Value::Ref(RefPoint::Past))),
    ]
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("The war"),
            Just(" concluded"),
            Just(" on"),
            Just(" 2020"),
            Just(". "),
            Just("\n"),
            Just("\n\n"),
            Just(", "),
            Just("“"),
            Just("”"),
            Just("Dr."),
            Just(" the"),
            Just(" 44-day"),
            Just(" visit"),
            Just(" is"),
            Just(" ongoing"),
            Just(" Türkiye"),
            Just(" which"),
            Just(" and"),
            Just(" of"),
            Just(" ("),
            Just(")"),
            Just(" since"),
            Just(" date 2023-11-02 By"),
            Just(" known as"),
            Just(" said"),
            Just(";"),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn extract_never_panics_and_titles_stay_short(
        text in text_strategy(),
        marks in prop::collection::vec((any::<prop::sample::Index>(), 1usize..12, value_strategy(), any::<bool>()), 0..6),
    ) {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut timexes: Vec<Timex> = marks
            .into_iter()
            .map(|(at, len, (kind, value), latent)| {
                let s = at.index(bounds.len());
                let e = (s + len).min(bounds.len() - 1);
                Timex {
                    start: bounds[s],
                    end: bounds[e.max(s)],
                    kind,
                    value,
                    modifier: None,
                    latent,
                    range: None,
                    derivation: Derivation::explicit("prop"),
                }
            })
            .collect();
        timexes.sort_by_key(|t| t.start);
        if timexes.len() >= 2 {
            timexes[0].range = Some(RangeLink { partner: 1, role: RangeRole::Start });
            timexes[1].range = Some(RangeLink { partner: 0, role: RangeRole::End });
        }
        let tagged = Tagged {
            dct: Some(timeline::tagger::Dct {
                date: chrono::NaiveDate::from_ymd_opt(2023, 11, 2).unwrap(),
                source: timeline::tagger::DctSource::Given,
            }),
            timexes,
            warnings: Vec::new(),
        };
        let x = extract(Article { name: "p.txt", text: &text }, &tagged);
        for e in &x.events {
            prop_assert!(e.title.chars().count() <= 90, "{:?}", e.title);
            prop_assert!(!e.title.is_empty());
            prop_assert!(e.id.starts_with("e-"));
            for s in &e.sources {
                prop_assert!(s.span.0 < s.span.1 && s.span.1 <= text.chars().count());
                prop_assert!(!s.quote.contains('\n'));
            }
        }
        // Deterministic.
        prop_assert_eq!(extract(Article { name: "p.txt", text: &text }, &tagged), x);
    }
}
