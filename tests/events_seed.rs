//! The seed article through the real tagger and the event builder: the
//! events a reader must find, at the precision the text gives, and none
//! from numbers that are not dates.

use timeline::date::{Date, DateSpec};
use timeline::events::{Article, Extraction, extract};
use timeline::tagger::tag_document;
use timeline::timeline::{Event, When};

const SEED: &str = include_str!("../seeds/000_5da06e75f2e99931.txt");

fn seed() -> Extraction {
    let tagged = tag_document(SEED, None).unwrap();
    extract(
        Article {
            name: "000_5da06e75f2e99931.txt",
            text: SEED,
        },
        &tagged,
    )
}

fn spec(s: &str) -> DateSpec {
    DateSpec::exact(s.parse::<Date>().unwrap())
}

fn between(a: &str, b: &str) -> When {
    When::Between {
        start: Some(spec(a)),
        end: Some(spec(b)),
    }
}

fn find<'a>(x: &'a Extraction, when: When, words: &[&str]) -> &'a Event {
    x.events
        .iter()
        .find(|e| {
            e.when == when
                && words
                    .iter()
                    .all(|w| e.title.to_lowercase().contains(&w.to_lowercase()))
        })
        .unwrap_or_else(|| {
            panic!(
                "no event {when:?} with {words:?}; got:\n{}",
                x.events
                    .iter()
                    .map(|e| format!("{:?} {}", e.when, e.title))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
}

#[test]
fn seed_has_the_events_a_reader_expects() {
    let x = seed();
    let occupation = find(&x, between("1991", "2020"), &["occupation"]);
    assert!(!occupation.inferred);
    let war = find(&x, between("2020-09-27", "2020-11-10"), &["44-day", "war"]);
    assert!(war.inferred);
    assert!(
        war.sources.len() >= 2,
        "both 44-day statements: {:?}",
        war.sources
    );
    find(
        &x,
        When::On(spec("2020-11-10")),
        &["war concluded", "statement"],
    );
    let drills = find(
        &x,
        When::On(spec("2021-09")),
        &["drills", "Three Brothers-2021"],
    );
    assert_eq!(drills.sources[0].line, 92);
    find(&x, When::On(spec("2023-09")), &["Karabakh"]);
    let visit = find(&x, When::On(spec("2023-11-02")), &["visit", "Baku"]);
    assert!(visit.inferred);
    assert_eq!(visit.sources.len(), 2);
}

#[test]
fn seed_has_no_events_from_numbers_or_vague_words() {
    let x = seed();
    for e in &x.events {
        for d in [e.when.first_day(), e.when.last_day()]
            .into_iter()
            .flatten()
        {
            let y = chrono::Datelike::year(&d);
            assert!((1990..=2023).contains(&y), "{} dated {y}", e.title);
        }
        assert!(e.title.chars().count() <= 90, "{}", e.title);
        for s in &e.sources {
            assert!(s.line > 1, "header line used: {}", e.title);
        }
    }
    for dropped in [
        "\"nearly 30 years\"",
        "\"the past\"",
        "\"recently\"",
        "\"2023-11-02\"",
    ] {
        assert!(
            x.explanation
                .iter()
                .any(|l| l.starts_with(&format!("dropped {dropped}"))),
            "{dropped} not explained:\n{}",
            x.explanation.join("\n")
        );
    }
    assert_eq!(x.events.len(), 6, "{:#?}", x.events);
}
