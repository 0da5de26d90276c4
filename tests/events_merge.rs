//! Statements about the same happening in different articles merge into
//! one event carrying every source; different happenings on the same date
//! stay apart.

use timeline::date::Date;
use timeline::events::{Article, extract, merge};
use timeline::tagger::timex::{Derivation, Point, Within, YearSpan};
use timeline::tagger::{Tagged, Timex, TimexType, Value};
use timeline::timeline::When;

fn day_timex(text: &str, needle: &str, (y, m, d): (i32, u8, u8)) -> Timex {
    let start = text.find(needle).unwrap();
    Timex {
        start,
        end: start + needle.len(),
        kind: TimexType::Date,
        value: Value::Point(Point {
            year: Some(y),
            span: YearSpan::Year,
            within: Within::Day { month: m, day: d },
            time: None,
        }),
        modifier: None,
        latent: false,
        range: None,
        derivation: Derivation::explicit("date.test"),
    }
}

fn one(name: &str, text: &str, needle: &str) -> Vec<timeline::timeline::Event> {
    let tagged = Tagged {
        dct: None,
        timexes: vec![day_timex(text, needle, (2022, 5, 18))],
        warnings: Vec::new(),
    };
    extract(Article { name, text }, &tagged).events
}

#[test]
fn same_happening_across_articles_merges() {
    let mut all = one(
        "a.txt",
        "The president visited Sukkur on 18 May 2022 to see the floods.",
        "18 May 2022",
    );
    all.extend(one(
        "b.txt",
        "On 18 May 2022, his visit to Sukkur drew angry protests.",
        "18 May 2022",
    ));
    all.extend(one(
        "c.txt",
        "Parliament passed the budget on 18 May 2022.",
        "18 May 2022",
    ));
    let merged = merge(all);
    assert_eq!(merged.len(), 2, "{merged:#?}");
    let visit = merged.iter().find(|e| e.tags == ["visit"]).unwrap();
    assert_eq!(visit.when, When::On(Date::day(2022, 5, 18).unwrap().into()));
    assert_eq!(
        visit.title,
        "The president visited Sukkur to see the floods"
    );
    let files: Vec<&str> = visit.sources.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(files, ["a.txt", "b.txt"]);
    assert_eq!(visit.id, "e-2022-05-18-president-visited-sukkur-see");
    let budget = merged.iter().find(|e| e.id.contains("budget")).unwrap();
    assert_eq!(budget.title, "Parliament passed the budget");
    assert_eq!(budget.sources[0].file, "c.txt");
}

#[test]
fn ids_stay_unique_when_titles_collide() {
    // Two floods on one day in two provinces: two events, one slug.
    let mut all = one(
        "a.txt",
        "Heavy floods hit the northern province of Sindh on 18 May 2022.",
        "18 May 2022",
    );
    all.extend(one(
        "b.txt",
        "Heavy floods hit the northern province of Punjab on 18 May 2022.",
        "18 May 2022",
    ));
    let merged = merge(all);
    let ids: Vec<&str> = merged.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e-2022-05-18-heavy-floods-hit-northern",
            "e-2022-05-18-heavy-floods-hit-northern-2"
        ]
    );
    assert_eq!(
        merged[1].title,
        "Heavy floods hit the northern province of Sindh"
    );
}
