//! The seed article: its DCT comes from its first line, and the dates the
//! timeline needs are found with the right values and precision.

use timeline::tagger::timex::RangeRole;
use timeline::tagger::{DctSource, tag_document};

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_5da06e75f2e99931.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn dct_is_read_from_the_first_line() {
    let text = seed();
    let tagged = tag_document(&text, None).unwrap();
    let dct = tagged.dct.unwrap();
    assert_eq!(dct.date.to_string(), "2023-11-02");
    let DctSource::Document { start, end, rule } = dct.source else {
        panic!("DCT should come from the document");
    };
    assert_eq!(&text[start..end], "2023-11-02");
    assert_eq!(rule.to_string(), "dct.first_line via date.iso");
    assert!(tagged.warnings.is_empty(), "{:?}", tagged.warnings);
}

#[test]
fn finds_the_dates_the_timeline_needs() {
    let text = seed();
    let tagged = tag_document(&text, None).unwrap();
    let found: Vec<(&str, String)> = tagged
        .timexes
        .iter()
        .map(|t| (&text[t.start..t.end], t.value.timeml()))
        .collect();
    for want in [
        ("November 10, 2020", "2020-11-10"),
        ("September 2021", "2021-09"),
        ("44-day", "P44D"),
        ("nearly 30 years", "P30Y"),
    ] {
        assert!(
            found.iter().any(|(s, v)| *s == want.0 && v == want.1),
            "missing {want:?} in {found:?}"
        );
    }
}

#[test]
fn occupation_is_a_linked_range() {
    let text = seed();
    let tagged = tag_document(&text, None).unwrap();
    let i = tagged
        .timexes
        .iter()
        .position(|t| &text[t.start..t.end] == "1991")
        .unwrap();
    let start = &tagged.timexes[i];
    let link = start.range.unwrap();
    assert_eq!(link.role, RangeRole::Start);
    let end = &tagged.timexes[link.partner];
    assert_eq!(&text[end.start..end.end], "2020");
    assert_eq!(end.range.unwrap().role, RangeRole::End);
    assert_eq!(end.range.unwrap().partner, i);
}

#[test]
fn names_with_years_are_not_dates() {
    let text = seed();
    let tagged = tag_document(&text, None).unwrap();
    for t in &tagged.timexes {
        let around = &text[t.start.saturating_sub(20)..t.end];
        assert!(
            !around.contains("Brothers-") && !around.ends_with("JF-17"),
            "false friend tagged: {:?}",
            &text[t.start..t.end]
        );
    }
}
