//! Intervals come out as two timexes linked to each other.

use chrono::NaiveDate;
use timeline::tagger::timex::RangeRole;
use timeline::tagger::{Tagger, Timex};

/// Tags `text` with the bundled tagger.
fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    Tagger::shared().unwrap().tag(text, dct)
}

/// (start text, end text) of each linked pair in `text`.
fn pairs(text: &str) -> Vec<(String, String)> {
    let t = tag(text, NaiveDate::from_ymd_opt(2023, 11, 2));
    t.iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let r = x.range?;
            if r.role != RangeRole::Start {
                return None;
            }
            let p = &t[r.partner];
            assert_eq!(
                p.range.map(|pr| (pr.partner, pr.role)),
                Some((i, RangeRole::End))
            );
            Some((
                text[x.start..x.end].to_string(),
                text[p.start..p.end].to_string(),
            ))
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn from_to_and_between_and() {
    assert_eq!(pairs("occupied from 1991 to 2020."), [pair("1991", "2020")]);
    assert_eq!(pairs("held between May and July."), [pair("May", "July")]);
    assert_eq!(
        pairs("from March 2019 until June 2020"),
        [pair("March 2019", "June 2020")]
    );
}

#[test]
fn dashed_and_slashed_ranges() {
    assert_eq!(pairs("the 1991–2020 occupation"), [pair("1991", "2020")]);
    assert_eq!(pairs("the 2019/20 season"), [pair("2019", "20")]);
    assert_eq!(pairs("on Dec. 12-14"), [pair("Dec. 12", "14")]);
    assert_eq!(
        pairs("on 23–25 October 2023"),
        [pair("23", "25 October 2023")]
    );
}

#[test]
fn an_end_without_a_year_takes_the_other_ends() {
    let values = |text: &str| -> Vec<String> {
        tag(text, NaiveDate::from_ymd_opt(2023, 11, 2))
            .iter()
            .map(|t| t.value.timeml())
            .collect()
    };
    assert_eq!(values("between May and July 2020"), ["2020-05", "2020-07"]);
    assert_eq!(
        values("from Dec. 12 to Jan. 3, 2024"),
        ["2023-12-12", "2024-01-03"]
    );
    assert_eq!(values("from March 2019 to May"), ["2019-03", "2019-05"]);
    assert_eq!(
        values("from November 2019 to February"),
        ["2019-11", "2020-02"]
    );
}

#[test]
fn unrelated_dates_are_not_linked() {
    assert!(pairs("In 1991 and in 2020 things changed.").is_empty());
    assert!(pairs("to 2020 from 1991").is_empty());
}
