//! Invariants of the tagger on arbitrary input.

use chrono::NaiveDate;
use proptest::prelude::*;
use timeline::tagger::{Tagger, Timex, Value, timex::Point, timex::Within};

/// Tags `text` with the bundled tagger.
fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    Tagger::shared().unwrap().tag(text, dct)
}

fn dct() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2023, 11, 2)
}

/// Text made of date-like pieces, to reach the rules more often than
/// random strings do.
fn datey() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("May".to_string()),
        Just("Nov.".to_string()),
        Just("last".to_string()),
        Just("the".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        Just(",".to_string()),
        Just("ago".to_string()),
        Just("years".to_string()),
        Just("Friday".to_string()),
        Just("quarter".to_string()),
        Just("’s".to_string()),
        Just("p.m.".to_string()),
        (0u32..3000).prop_map(|n| n.to_string()),
        "[a-zé ]{0,6}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

fn check(text: &str, dct: Option<NaiveDate>) {
    let timexes = tag(text, dct);
    let mut last_end = 0;
    for t in &timexes {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(t.start >= last_end, "overlapping timexes");
        last_end = t.end;
        if let Value::Point(Point {
            year: Some(y),
            within: Within::Day { month, day },
            ..
        }) = t.value
        {
            assert!(
                NaiveDate::from_ymd_opt(y, month.into(), day.into()).is_some(),
                "invalid date {}",
                t.value
            );
        }
        if let Some(r) = t.range {
            assert!(r.partner < timexes.len());
        }
    }
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(text in "\\PC{0,200}") {
        check(&text, dct());
        check(&text, None);
    }

    #[test]
    fn date_like_text_gives_sound_values(text in datey()) {
        check(&text, dct());
        check(&text, None);
    }
}

proptest! {
    /// The JSON-lines output always parses, and its character offsets
    /// select exactly the reported text.
    #[test]
    fn jsonl_offsets_select_the_text(text in datey()) {
        let line = serde_json::json!({"id": "p", "dct": "2023-11-02", "text": text}).to_string();
        let out = timeline::tagger::jsonl::tag_line(&line).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for t in v["timexes"].as_array().unwrap() {
            let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
            prop_assert!(s < e && e <= chars.len());
            let sel: String = chars[s..e].iter().collect();
            prop_assert_eq!(sel.as_str(), t["text"].as_str().unwrap());
        }
    }
}
