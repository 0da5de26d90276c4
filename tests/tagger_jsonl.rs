//! The JSON-lines interface used for evaluation: character offsets and
//! error messages.

use timeline::jsonl::{CharIndex, tag_line};

#[test]
fn offsets_are_in_characters() {
    let out = tag_line(r#"{"id":7,"dct":"2023-11-02","text":"Ölçü — “last week” 🙂 then 2021."}"#)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], 7);
    let t = &v["timexes"][0];
    assert_eq!(t["text"], "last week");
    assert_eq!(t["start"], 8);
    assert_eq!(t["end"], 17);
    assert_eq!(t["value"], "2023-W43");
    let y = &v["timexes"][1];
    assert_eq!(y["start"], 26);
    assert_eq!(y["value"], "2021");
}

#[test]
fn modifiers_are_written() {
    let out = tag_line(r#"{"id":"m","dct":"2023-11-02","text":"nearly 30 years"}"#).unwrap();
    assert_eq!(
        out,
        r#"{"id":"m","timexes":[{"start":0,"end":15,"text":"nearly 30 years","type":"DURATION","value":"P30Y","mod":"LESS_THAN"}]}"#
    );
}

#[test]
fn missing_dct_leaves_values_unresolved() {
    let out = tag_line(r#"{"id":"x","dct":null,"text":"yesterday"}"#).unwrap();
    assert!(out.contains(r#""value":"XXXX-XX-XX""#), "{out}");
}

#[test]
fn error_messages() {
    // The same reader and messages as `timeline tag --jsonl`; the column
    // travels beside the message.
    let e = tag_line(r#"{"id":"x","dct":"2023-13-01","text":""}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "dct `2023-13-01` is not a YYYY-MM-DD date (a time may follow: 2023-11-02T10:00:00Z)"
    );
    // The same rules as `--dct`: a time may follow the day, nothing else.
    assert!(tag_line(r#"{"id":"x","dct":"2023-11-02T10:00:00Z","text":""}"#).is_ok());
    assert!(tag_line(r#"{"id":"x","dct":"2023-11-02junk","text":""}"#).is_err());
    assert_eq!(e.column, 1);
    let e = tag_line(r#"{"id":"x"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a {\"id\",\"dct\",\"text\"} JSON object: missing field `text`"
    );
    assert_eq!(e.column, 10);
}

#[test]
fn dct_may_carry_a_time_or_be_blank() {
    let out = tag_line(r#"{"id":"t","dct":"2023-11-02T10:00:00Z","text":"yesterday"}"#).unwrap();
    assert!(out.contains(r#""value":"2023-11-01""#), "{out}");
    let out = tag_line(r#"{"id":"b","dct":"  ","text":"yesterday"}"#).unwrap();
    assert!(out.contains(r#""value":"XXXX-XX-XX""#), "{out}");
}

#[test]
fn char_index_maps_bytes_to_chars() {
    let idx = CharIndex::new("aé🙂b");
    assert_eq!(idx.char_offset(0), 0);
    assert_eq!(idx.char_offset(1), 1);
    assert_eq!(idx.char_offset(3), 2);
    assert_eq!(idx.char_offset(7), 3);
    assert_eq!(idx.char_offset(8), 4);
}
