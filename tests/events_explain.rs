//! `timeline extract --explain`: the account of each event and of every
//! dropped expression, asserted as exact text.

use timeline::date::Date;
use timeline::events::{Article, extract};
use timeline::tagger::timex::{Derivation, Duration, Point, RefPoint, Unit, Within, YearSpan};
use timeline::tagger::{Tagged, Timex, TimexType, Value};

fn timex(text: &str, needle: &str, kind: TimexType, value: Value, rule: &str) -> Timex {
    let start = text.find(needle).unwrap();
    Timex {
        start,
        end: start + needle.len(),
        kind,
        value,
        modifier: None,
        latent: false,
        range: None,
        derivation: Derivation::explicit(rule),
    }
}

fn month(year: i32, m: u8) -> Value {
    Value::Point(Point {
        year: Some(year),
        span: YearSpan::Year,
        within: Within::Month(m),
        time: None,
    })
}

#[test]
fn explains_events_and_drops() {
    let text = "Moreover, in September 2021 the two armies held joint drills\nnear Baku. In the past, they met often.\nThe 30-year plan was dropped.\n";
    let tagged = Tagged {
        dct: None,
        timexes: vec![
            timex(
                text,
                "September 2021",
                TimexType::Date,
                month(2021, 9),
                "date.month_year",
            ),
            timex(
                text,
                "In the past",
                TimexType::Date,
                Value::Ref(RefPoint::Past),
                "ref.past",
            ),
            timex(
                text,
                "30-year",
                TimexType::Duration,
                Value::Duration(Duration {
                    amount: Some(30),
                    unit: Unit::Year,
                    half: false,
                }),
                "duration.n_unit",
            ),
        ],
        warnings: Vec::new(),
    };
    let x = extract(
        Article {
            name: "a.txt",
            text,
        },
        &tagged,
    );
    assert_eq!(x.events.len(), 1);
    assert_eq!(
        x.events[0].when,
        timeline::timeline::When::On(Date::month(2021, 9).unwrap().into())
    );
    assert_eq!(
        x.explanation.join("\n"),
        r#"event e-2021-09-two-armies-held-joint [2021-09] "The two armies held joint drills near Baku" (confidence 0.85)
  line 1: "Moreover, in September 2021 the two armies held joint drills near Baku."
    expression "September 2021" = 2021-09 <- date.month_year
    rules date.month_year, event.date
dropped "In the past" (PAST_REF) at line 2: vague reference, not anchored to a date
dropped "30-year" (P30Y) at line 3: duration of "plan", not a happening"#
    );
}
