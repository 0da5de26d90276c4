//! JSON-lines I/O for evaluation and for cluster runs: one document in, one
//! line of timexes out, with offsets in Unicode characters (as TempEval
//! scorers count them).
//!
//! Input line: `{"id": "...", "dct": "1998-01-08" | null, "text": "..."}`.
//! Output line: `{"id": "...", "timexes": [{"start", "end", "text", "type",
//! "value", "mod"?}]}`.
//!
//! [`parse_doc`] is the one reader of input lines: `timeline tag --jsonl`,
//! `timeline extract --jsonl` and [`tag_line`] all go through it, so they
//! accept the same lines and refuse the others with the same message. The
//! `dct` of a line and the `--dct` option are read by one function,
//! [`parse_dct`], with the same rules.
//!
//! ```
//! use timeline::jsonl::tag_line;
//! let out = tag_line(r#"{"id":"a","dct":"2023-11-02","text":"Ça ended yesterday."}"#).unwrap();
//! assert_eq!(
//!     out,
//!     r#"{"id":"a","timexes":[{"start":9,"end":18,"text":"yesterday","type":"DATE","value":"2023-11-01"}]}"#
//! );
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::tagger::{Timex, tag_document};

/// Why a document date is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a YYYY-MM-DD date (a time may follow: 2023-11-02T10:00:00Z)")]
pub struct DctError(pub String);

/// Reads a document date: `YYYY-MM-DD`, possibly followed by a time of day
/// (`2023-11-02T10:00:00Z`, `2023-11-02 10:00`), of which only the day is
/// kept: the day the article was written where it was written. Blanks
/// around it are ignored. The `--dct` option and the `dct` of JSON lines
/// are both read by this function (clap's `value_parser` for the option).
///
/// ```
/// use timeline::jsonl::parse_dct;
/// assert_eq!(parse_dct("2023-11-02").unwrap().to_string(), "2023-11-02");
/// assert_eq!(parse_dct(" 2023-11-02T23:30:00-05:00").unwrap().to_string(), "2023-11-02");
/// assert!(parse_dct("2023-13-01").is_err());
/// assert!(parse_dct("2023-11-02garbage").is_err());
/// ```
pub fn parse_dct(s: &str) -> Result<NaiveDate, DctError> {
    let t = s.trim();
    let bad = || DctError(s.to_string());
    let day = t.get(..10).ok_or_else(bad)?;
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| bad())?;
    let rest = &t[10..];
    let time_ok = rest.is_empty()
        || chrono::DateTime::parse_from_rfc3339(t).is_ok()
        || [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .any(|f| chrono::NaiveDateTime::parse_from_str(t, f).is_ok());
    if time_ok { Ok(date) } else { Err(bad()) }
}

/// One input document: the line `{"id","dct","text"}`, with its document
/// date read.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The document's id, any JSON value, written back as given.
    pub id: serde_json::Value,
    /// The document date; `None` when `dct` is absent, `null` or blank.
    pub dct: Option<NaiveDate>,
    /// The article text.
    pub text: String,
}

/// Why a JSON line is not a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DocError {
    /// What is wrong.
    pub message: String,
    /// 1-based column (in the line) where it was detected.
    pub column: usize,
}

/// A line's bytes as text: JSON lines are UTF-8; the error names the
/// column (in characters) of the first bad byte.
pub fn decode_line(raw: &[u8]) -> Result<&str, DocError> {
    std::str::from_utf8(raw).map_err(|e| {
        let at = e.valid_up_to();
        DocError {
            message: format!(
                "invalid UTF-8 (byte 0x{:02X}); JSON lines are UTF-8",
                raw[at]
            ),
            column: String::from_utf8_lossy(&raw[..at]).chars().count() + 1,
        }
    })
}

/// The line as serde reads it, before the date is checked.
#[derive(Deserialize)]
struct RawDoc {
    id: serde_json::Value,
    #[serde(default)]
    dct: Option<String>,
    text: String,
}

/// Reads one JSON line `{"id","dct","text"}`. The `dct` is read by
/// [`parse_dct`]; absent, `null` or blank, the document has no date.
///
/// ```
/// use timeline::jsonl::parse_doc;
/// let doc = parse_doc(r#"{"id":1,"dct":"2023-11-02T10:00:00Z","text":"today"}"#).unwrap();
/// assert_eq!(doc.dct.map(|d| d.to_string()).as_deref(), Some("2023-11-02"));
///
/// let e = parse_doc(r#"{"id":1,"dct":"2023-13-01","text":""}"#).unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "dct `2023-13-01` is not a YYYY-MM-DD date (a time may follow: 2023-11-02T10:00:00Z)"
/// );
/// let e = parse_doc(r#"{"id":1}"#).unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     r#"not a {"id","dct","text"} JSON object: missing field `text`"#
/// );
/// assert_eq!(e.column, 8);
/// ```
pub fn parse_doc(line: &str) -> Result<Doc, DocError> {
    let raw: RawDoc = serde_json::from_str(line).map_err(|e| {
        // serde's message ends with the position, which the column gives.
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        DocError {
            message: format!("not a {{\"id\",\"dct\",\"text\"}} JSON object: {msg}"),
            column: e.column().max(1),
        }
    })?;
    let dct = match raw.dct.as_deref() {
        Some(s) if !s.trim().is_empty() => Some(parse_dct(s).map_err(|e| DocError {
            message: format!("dct {e}"),
            column: 1,
        })?),
        _ => None,
    };
    Ok(Doc {
        id: raw.id,
        dct,
        text: raw.text,
    })
}

#[derive(Serialize)]
struct OutTimex<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'static str>,
}

#[derive(Serialize)]
struct OutDoc<'a> {
    id: serde_json::Value,
    timexes: Vec<OutTimex<'a>>,
}

/// Converts byte offsets to character offsets, for sorted or unsorted
/// queries (each costs one pass over the prefix at worst; callers use
/// [`CharIndex`] for many).
#[derive(Debug)]
pub struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        CharIndex {
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    /// The character offset of byte offset `byte` (the text length past the
    /// end).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

/// The JSON object for one document's timexes, character offsets.
pub fn timexes_json(id: serde_json::Value, text: &str, timexes: &[Timex]) -> String {
    let idx = CharIndex::new(text);
    let doc = OutDoc {
        id,
        timexes: timexes
            .iter()
            .map(|t| OutTimex {
                start: idx.char_offset(t.start),
                end: idx.char_offset(t.end),
                text: text.get(t.start..t.end).unwrap_or(""),
                kind: t.kind.as_str(),
                value: t.value.timeml(),
                modifier: t.modifier.map(|m| m.as_str()),
            })
            .collect(),
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Tags one JSON line `{"id","dct","text"}` (read by [`parse_doc`]) and
/// returns the output line (without a newline).
pub fn tag_line(line: &str) -> Result<String, DocError> {
    let doc = parse_doc(line)?;
    let tagged = tag_document(&doc.text, doc.dct).map_err(|e| DocError {
        message: e.to_string(),
        column: 1,
    })?;
    Ok(timexes_json(doc.id, &doc.text, &tagged.timexes))
}
