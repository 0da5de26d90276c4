//! Matching is linear: a megabyte of digits, dashes and month names (the
//! stuff that makes backtracking regexes blow up) is tagged in one pass.

use chrono::NaiveDate;
use timeline::tagger::{Tagger, Timex};

/// Tags `text` with the bundled tagger.
fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    Tagger::shared().unwrap().tag(text, dct)
}

#[test]
fn a_megabyte_of_date_fragments_finishes() {
    let pieces = [
        "1991", "-", "11", "/", "10", "-", "2020", "May", "Nov.", " ", "10,", "March", "-", "1",
    ];
    let mut text = String::new();
    let mut i = 0usize;
    while text.len() < 1 << 20 {
        text.push_str(pieces[i % pieces.len()]);
        if i % 3 == 0 {
            text.push(' ');
        }
        i = i.wrapping_mul(31).wrapping_add(7) % 1009;
    }
    let timexes = tag(&text, NaiveDate::from_ymd_opt(2023, 11, 2));
    // Something was found, and every span lies inside the text.
    assert!(!timexes.is_empty());
    assert!(timexes.iter().all(|t| t.end <= text.len()));
}

#[test]
fn a_megabyte_of_digits_finishes() {
    let text = "1".repeat(1 << 20);
    assert!(tag(&text, NaiveDate::from_ymd_opt(2023, 11, 2)).is_empty());
}
