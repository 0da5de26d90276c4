//! Temporal tagging: text → temporal expressions → values resolved against
//! the document creation time (DCT).

pub mod timex;

pub use timex::{Timex, TimexType, Value};

use chrono::NaiveDate;

/// Where the document creation time came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DctSource {
    /// Given by the caller (`--dct`).
    Given,
    /// Read from the document: byte span of the date line and the rule.
    Document {
        /// Byte offset where the date line's date starts.
        start: usize,
        /// Byte offset where it ends.
        end: usize,
        /// The rule that read it.
        rule: String,
    },
}

/// A document creation time and its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dct {
    /// The date.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: DctSource,
}

/// The tagger's result for one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tagged {
    /// The DCT used, if any.
    pub dct: Option<Dct>,
    /// The temporal expressions, in text order.
    pub timexes: Vec<Timex>,
    /// Warnings, e.g. "no document date: relative dates left unresolved".
    pub warnings: Vec<String>,
}

/// Tags a document: finds its DCT (unless `dct` is given), then its temporal
/// expressions, resolved against that DCT.
pub fn tag_document(text: &str, dct: Option<NaiveDate>) -> Tagged {
    let dct = dct.map(|date| Dct {
        date,
        source: DctSource::Given,
    });
    Tagged {
        timexes: tag(text, dct.as_ref().map(|d| d.date)),
        dct,
        warnings: Vec::new(),
    }
}

/// Finds the temporal expressions in `text` and resolves them against `dct`.
///
/// Without a DCT relative expressions stay unresolved (`X` in their value).
pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let _ = (text, dct);
    Vec::new()
}

/// A human-readable account of how `timex` was built from `text`, for
/// `timeline tag --explain`.
pub fn explain(text: &str, timex: &Timex) -> String {
    format!(
        "{:?} {} <- rule {}",
        text.get(timex.start..timex.end).unwrap_or(""),
        timex.value,
        timex.derivation.rule
    )
}
