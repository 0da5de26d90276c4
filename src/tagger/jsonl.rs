//! JSON-lines I/O for evaluation: one document in, one line of timexes out,
//! with offsets in Unicode characters (as TempEval scorers count them).
//!
//! Input line: `{"id": "...", "dct": "1998-01-08" | null, "text": "..."}`.
//! Output line: `{"id": "...", "timexes": [{"start", "end", "text", "type",
//! "value", "mod"?}]}`.
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

/// Why a JSON line could not be tagged.
#[derive(Debug, thiserror::Error)]
pub enum JsonlError {
    /// The line is not a JSON object with `id` and `text`.
    #[error("not a document line ({0}); expected {{\"id\", \"dct\", \"text\"}}")]
    Json(#[from] serde_json::Error),
    /// The `dct` field is not a `YYYY-MM-DD` date.
    #[error("dct `{0}` is not a date; write YYYY-MM-DD")]
    Dct(String),
}

#[derive(Deserialize)]
struct InDoc {
    id: serde_json::Value,
    #[serde(default)]
    dct: Option<String>,
    text: String,
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

/// Tags one JSON line `{"id","dct","text"}` and returns the output line
/// (without a newline).
pub fn tag_line(line: &str) -> Result<String, JsonlError> {
    let doc: InDoc = serde_json::from_str(line)?;
    let dct = match doc.dct.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| JsonlError::Dct(s.to_string()))?,
        ),
    };
    let tagged = tag_document(&doc.text, dct);
    Ok(timexes_json(doc.id, &doc.text, &tagged.timexes))
}
