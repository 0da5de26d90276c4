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
//! accept the same lines and refuse the others with the same message.
//!
//! ```
//! use timeline::tagger::jsonl::tag_line;
//! let out = tag_line(r#"{"id":"a","dct":"2023-11-02","text":"Ça ended yesterday."}"#).unwrap();
//! assert_eq!(
//!     out,
//!     r#"{"id":"a","timexes":[{"start":9,"end":18,"text":"yesterday","type":"DATE","value":"2023-11-01"}]}"#
//! );
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Timex, tag_document};

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

/// The line as serde reads it, before the date is checked.
#[derive(Deserialize)]
struct RawDoc {
    id: serde_json::Value,
    #[serde(default)]
    dct: Option<String>,
    text: String,
}

/// Reads one JSON line `{"id","dct","text"}`. The `dct` is a `YYYY-MM-DD`
/// date, possibly followed by a time (`2023-11-02T10:00:00Z`: only the day
/// is kept); absent, `null` or blank, the document has no date.
///
/// ```
/// use timeline::tagger::jsonl::parse_doc;
/// let doc = parse_doc(r#"{"id":1,"dct":"2023-11-02T10:00:00Z","text":"today"}"#).unwrap();
/// assert_eq!(doc.dct.map(|d| d.to_string()).as_deref(), Some("2023-11-02"));
///
/// let e = parse_doc(r#"{"id":1,"dct":"2023-13-01","text":""}"#).unwrap_err();
/// assert_eq!(e.to_string(), "dct `2023-13-01` is not a YYYY-MM-DD date");
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
        Some(s) if !s.trim().is_empty() => {
            let day = s.get(..10).unwrap_or(s);
            Some(
                NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| DocError {
                    message: format!("dct `{s}` is not a YYYY-MM-DD date"),
                    column: 1,
                })?,
            )
        }
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
