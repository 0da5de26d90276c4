//! Where the document date comes from, and what happens without one.

use chrono::NaiveDate;
use timeline::tagger::{DctRule, DctSource, NO_DCT_WARNING, explain, tag_document};

#[test]
fn without_a_dct_relative_dates_stay_unresolved() {
    let text = "Troops withdrew last week, two years ago and on Friday, in March.";
    let tagged = tag_document(text, None).unwrap();
    assert_eq!(tagged.dct, None);
    assert_eq!(tagged.warnings, vec![NO_DCT_WARNING.to_string()]);
    let values: Vec<String> = tagged.timexes.iter().map(|t| t.value.timeml()).collect();
    assert_eq!(values, ["XXXX-WXX", "XXXX", "XXXX-XX-XX", "XXXX-03"]);
}

#[test]
fn without_a_dct_anchored_dates_count_from_the_last_date() {
    let text = "The war ended on Nov. 10, 2020. The day before, talks had failed.";
    let tagged = tag_document(text, None).unwrap();
    let values: Vec<String> = tagged.timexes.iter().map(|t| t.value.timeml()).collect();
    assert_eq!(values, ["2020-11-10", "2020-11-09"]);
}

#[test]
fn no_dct_warning_text() {
    assert_eq!(
        NO_DCT_WARNING,
        "no document date (give --dct or start the text with a date line): relative dates left unresolved"
    );
}

#[test]
fn a_given_dct_wins_over_the_document() {
    let text = " date 2023-11-02 (MENAFN)\nThe talks ended yesterday.";
    let tagged = tag_document(text, NaiveDate::from_ymd_opt(2020, 1, 1)).unwrap();
    assert_eq!(tagged.dct.as_ref().unwrap().source, DctSource::Given);
    let last = tagged.timexes.last().unwrap();
    assert_eq!(last.value.timeml(), "2019-12-31");
}

#[test]
fn a_date_deep_in_the_first_paragraph_is_not_the_dct() {
    let text = "Azerbaijan and Pakistan signed the deal that ended the war on November 10, 2020.";
    assert_eq!(tag_document(text, None).unwrap().dct, None);
}

#[test]
fn dateline_with_a_full_date() {
    let text = "BAKU, November 2, 2023 (AP) — Talks ended yesterday.";
    let tagged = tag_document(text, None).unwrap();
    let dct = tagged.dct.unwrap();
    assert_eq!(dct.date.to_string(), "2023-11-02");
    let yesterday = tagged.timexes.last().unwrap();
    assert_eq!(yesterday.value.timeml(), "2023-11-01");
}

#[test]
fn dateline_without_a_year_and_no_year_in_the_text_gives_no_dct() {
    let tagged = tag_document("BAKU, Nov. 2 (AP) — Talks ended yesterday.", None).unwrap();
    assert_eq!(tagged.dct, None);
    assert_eq!(tagged.warnings, vec![NO_DCT_WARNING.to_string()]);
}

#[test]
fn dateline_without_a_year_takes_the_latest_dated_year() {
    let text = "BAKU, Nov. 2 (AP) — Talks ended yesterday. The war ended on \
                November 10, 2020; drills followed in September 2023.";
    let tagged = tag_document(text, None).unwrap();
    let dct = tagged.dct.unwrap();
    assert_eq!(dct.date.to_string(), "2023-11-02");
    let DctSource::Document { start, end, rule } = dct.source else {
        panic!("DCT should come from the document");
    };
    assert_eq!(&text[start..end], "Nov. 2");
    assert_eq!(
        rule,
        DctRule::Dateline {
            rule: "date.month_day".into(),
            year: 2023
        }
    );
    assert_eq!(
        rule.to_string(),
        "dct.dateline via date.month_day, year 2023 from the text"
    );
    assert_eq!(
        tagged.warnings,
        vec![
            "document date 2023-11-02 read from the dateline; its year was inferred from the text"
                .to_string()
        ]
    );
    assert_eq!(tagged.timexes[1].value.timeml(), "2023-11-01");
}

#[test]
fn explain_shows_rule_children_and_resolution() {
    let text = "A year earlier, on Nov. 10, 2020, the war ended. The day before, talks failed.";
    let tagged = tag_document(text, NaiveDate::from_ymd_opt(2023, 11, 2)).unwrap();
    let shown: Vec<String> = tagged.timexes.iter().map(|t| explain(text, t)).collect();
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn explain_names_the_reporting_period() {
    let text = "Coast reported a third-quarter loss. It earned $10.2 million in the \
                year-ago quarter. Each Thursday the board meets.";
    let tagged = tag_document(text, NaiveDate::from_ymd_opt(1989, 11, 1)).unwrap();
    let shown: Vec<String> = tagged.timexes.iter().map(|t| explain(text, t)).collect();
    insta::assert_snapshot!(shown.join("\n"));
}
