//! Provenance is typed: the rule, how the value was resolved, whether its
//! year was inferred, and where the document date came from.

use chrono::NaiveDate;
use timeline::tagger::timex::{Base, Resolution, Tense, Unit};
use timeline::tagger::{Tagger, Timex};

fn tag(text: &str, dct: &str) -> Vec<Timex> {
    let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
    Tagger::shared().unwrap().tag(text, dct)
}

#[test]
fn an_explicit_date_has_its_own_year() {
    let t = tag("The war ended on Nov. 10, 2020.", "2023-11-02");
    assert_eq!(t[0].derivation.rule, "date.month_day_year");
    assert_eq!(t[0].derivation.resolution, Resolution::Explicit);
    assert!(!t[0].derivation.year_inferred);
}

#[test]
fn a_month_without_a_year_takes_the_dcts_by_tense() {
    let t = tag("Prices rose in March.", "2023-11-02");
    assert_eq!(t[0].value.timeml(), "2023-03");
    assert_eq!(
        t[0].derivation.resolution,
        Resolution::YearFromDct {
            dct: NaiveDate::from_ymd_opt(2023, 11, 2).unwrap(),
            tense: Tense::Past,
        }
    );
    assert!(t[0].derivation.year_inferred);
}

#[test]
fn the_previous_day_counts_from_the_last_date() {
    let t = tag(
        "Talks ended on Nov. 10, 2020. The previous day, envoys met.",
        "2023-11-02",
    );
    assert_eq!(t[1].value.timeml(), "2020-11-09");
    let Resolution::Shift { offset, unit, from } = t[1].derivation.resolution.clone() else {
        panic!("{:?}", t[1].derivation.resolution);
    };
    assert_eq!((offset, unit), (-1, Unit::Day));
    assert!(matches!(from, Base::Mentioned(p) if p.to_string() == "2020-11-10"));
}

#[test]
fn a_range_end_without_a_year_takes_the_other_ends() {
    let t = tag("Drills ran between May and July 2020.", "2023-11-02");
    assert_eq!(t[0].value.timeml(), "2020-05");
    assert!(matches!(
        t[0].derivation.resolution,
        Resolution::YearFromRangeEnd { end } if end.to_string() == "2020-07"
    ));
    assert!(t[0].derivation.year_inferred);
    assert!(!t[1].derivation.year_inferred);
}

#[test]
fn a_day_the_nearby_years_lack_stays_unresolved_and_says_so() {
    // No February 29 in 2021, 2022 or 2023.
    let t = tag("It happened on Feb. 29.", "2022-06-01");
    assert_eq!(t[0].value.timeml(), "XXXX-02-29");
    assert_eq!(t[0].derivation.resolution, Resolution::NoOccurrence);
    assert_eq!(
        t[0].derivation.resolution.to_string(),
        "no occurrence near the DCT: left unresolved"
    );
}

#[test]
fn the_week_of_a_day_wraps_the_days_resolution() {
    let t = tag("Shares fell in the week of March 6, 2000.", "2000-03-20");
    assert_eq!(t[0].value.timeml(), "2000-W10");
    assert_eq!(
        t[0].derivation.resolution,
        Resolution::WeekOf(Box::new(Resolution::Explicit))
    );
    assert_eq!(
        t[0].derivation.resolution.to_string(),
        "the ISO week of that day"
    );
}

#[test]
fn the_rules_are_listed_with_their_file_and_line() {
    let tagger = Tagger::shared().unwrap();
    let r = tagger
        .rules()
        .find(|r| r.name == "date.month_day_year")
        .unwrap();
    assert_eq!(r.file, "dates.rules");
    assert!(r.line > 0 && !r.negative);
    assert!(tagger.rules().any(|r| r.negative && r.name == "neg.age"));
}
