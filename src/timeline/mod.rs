//! The timeline model and its YAML file: the stage people edit by hand.
//!
//! A [`Timeline`] is a list of [`Event`]s, each with a [`When`] (a date or an
//! interval at its own precision), a short title, tags and the [`Source`]s
//! that attest it. Everything before this stage (tagging, event building)
//! produces it; everything after it (layout, SVG) consumes it.
//!
//! # The file format
//!
//! ```yaml
//! # timeline: edit freely; `timeline build` keeps your edits (`timeline schema` describes the format).
//! version: 1
//! title: Pakistan–Azerbaijan military ties
//! events:
//!   - id: e-1991-to-2020-armenian-occupation-azerbaijani-territory
//!     when: {start: "1991", end: "2020"}
//!     title: Armenian occupation of Azerbaijani territory
//!     tags: [conflict]
//!     inferred: true
//!     confidence: 0.7
//!   - id: e-2020-11-10-war-concluded-signing-statement
//!     when: "2020-11-10"
//!     title: The war concluded with the signing of a statement
//!     tags: [conflict]
//!     confidence: 0.9
//!     sources:
//!       - file: 000_5da06e75f2e99931.txt
//!         line: 97
//!         span: [5120, 5300]
//!         quote: "The war concluded with the signing of a trilateral statement on November 10, 2020."
//!         rules: [date.month_day_year]
//!   - id: e-2021-09-joint-drills
//!     when: "2021-09"
//!     title: Joint drills
//!   - id: e-1990-ceasefire-talks       # a hand-written event: only id, when, title needed
//!     when: c. 1990                     # typed forms are fine; `timeline fmt` writes "1990~"
//!     title: Ceasefire talks
//! deleted: []
//! generated:
//!   - e-1991-to-2020-armenian-occupation-azerbaijani-territory
//!   - e-2020-11-10-war-concluded-signing-statement
//!   - e-2021-09-joint-drills
//! ```
//!
//! Top-level keys, in canonical order: `version` (required, `1`), `title`,
//! `colors` (tag → `"#rrggbb"`, see [`Rgb`]), `events` (required), `deleted` (ids of events you deleted), `generated`
//! (bookkeeping for [`update`]: the sorted ids of all events and tombstones
//! when `timeline` last wrote the file; not part of the [`Timeline`] value,
//! kept by [`format()`], rewritten by [`update`]; leave it alone). Event keys: `id`, `when`,
//! `title` (required), `tags`, `inferred` (default `false`), `confidence`
//! (0–1, absent for hand-written events), `sources`. Source keys: `file`,
//! `line`, `span` (`[start, end)` in characters), `quote` (required) and
//! `rules`.
//!
//! **Dates** keep their precision: `"2020-11-10"`, `"2021-09"`, `"1991"`,
//! seasons `"2012-22"` (summer 2012), quarters `"2013-33"` (Q1 2013),
//! decades `"199X"`, centuries `"19XX"`, BCE years `"-0043"` (44 BC, shown
//! as `44 BC`), approximate `"1990~"` (also typed `~1990`), uncertain
//! `"2021?"`, both `"2021%"`. An interval is `{start: ..., end: ...}` with
//! either end left out when open, or EDTF `1991/2020`, `1991/..`. Typed
//! forms such as `Nov 10, 2020`, `22.03.2013`, `September 2021`, `c. 1990`,
//! `1990s`, `44 BC`, `2020-11-10T14:00Z`, `summer 2012`, `Q1 2013`, and
//! intervals such as `1991–2020`, `1957-58`, `March 18-24, 2013` or `early
//! 2011` are accepted and normalised; a value is read whole or refused
//! (see [`parse_when`] for the grammar). Plain YAML `1991` (an integer) and
//! `2020-11-10` (a timestamp to some readers) are read as dates too; the
//! canonical form always double-quotes dates.
//!
//! **Keeping edits**: see [`update`] — events in the file are yours, new
//! findings are added, deleted events stay deleted (`deleted:` tombstones,
//! noticed through `generated:`), comments stay.
//!
//! **Errors**: every problem is reported at once, each with
//! `file:line:col`, the line, a caret and a hint:
//!
//! ```text
//! t.yaml:7:5: error: unknown key `titel` in an event
//!   |
//! 7 |     titel: Joint drills
//!   |     ^^^^^
//!   = hint: did you mean `title`?
//! ```
//!
//! **Why not `serde_yaml`**: it is deprecated and unmaintained. We read YAML
//! with `granit-parser` (the event parser behind `serde-saphyr`), build a
//! small tree whose nodes remember their line and column, and validate it by
//! hand: a serde deserializer stops at the first error, hand validation
//! reports them all, with did-you-mean hints. Anchors and aliases are
//! refused (no "billion laughs"), nesting is capped by the parser, files
//! over 64 MiB are refused before parsing.
//!
//! ```
//! use timeline::timeline::{from_yaml, to_yaml};
//! let src = "version: 1\nevents:\n  - id: e-1\n    when: Nov 10, 2020\n    title: The war ends\n";
//! let t = from_yaml(src, "t.yaml").unwrap();
//! assert_eq!(t.events[0].when.first_day().unwrap().to_string(), "2020-11-10");
//! assert!(to_yaml(&t).contains("when: \"2020-11-10\""));
//! ```

use std::collections::BTreeMap;

use crate::date::DateSpec;

mod colors;
mod comments;
mod diag;
mod filter;
pub mod id;
pub mod limits;
mod load;
mod node;
mod schema;
pub mod title;
mod update;
mod when;
mod write;

pub use colors::{ColorError, Rgb};
pub use diag::{Diagnostic, Diagnostics, count};
pub(crate) use filter::importance_rank;
pub use filter::{Filter, FilterError, Filtered, importance, importance_order};
pub use id::{assign_ids, event_id};
pub use limits::MAX_FILE_BYTES;
pub use schema::schema;
pub use update::{Updated, update, update_owned, update_parsed};
pub use when::{parse_date, parse_when};
pub use write::{HEADER, to_yaml};

/// The current version of the YAML format.
pub const FORMAT_VERSION: u32 = 1;

/// A whole timeline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Format version; [`FORMAT_VERSION`] when written by this tool.
    pub version: u32,
    /// The chart title.
    pub title: Option<String>,
    /// Colours set for tags (`colors:`), by tag name; other tags get theirs
    /// from the palette.
    pub colors: BTreeMap<String, Rgb>,
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

impl Timeline {
    /// The events in date order: by first day (last day for an open
    /// start), then last day; events on the same dates keep the file's
    /// order. The order `timeline build` writes, `table` prints and `fmt
    /// --sort` gives a file.
    pub fn events_by_date(&self) -> Vec<&Event> {
        let order = date_order(&self.events);
        order.into_iter().map(|i| &self.events[i]).collect()
    }
}

/// The indices of `events` in date order (see [`Timeline::events_by_date`]).
fn date_order(events: &[Event]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].when.sort_key(), events[i].when.last_day()));
    order
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

/// Parses a timeline file. `file` names it in diagnostics. Every problem in
/// the file is reported, in source order.
pub fn from_yaml(src: &str, file: &str) -> Result<Timeline, Diagnostics> {
    load::load(src, file).map(|l| l.timeline)
}

/// Checks that `bytes` are UTF-8 text without NUL bytes, within
/// [`MAX_FILE_BYTES`]; the error names the line and column of the first bad
/// byte.
pub fn decode(bytes: &[u8], file: &str) -> Result<String, Diagnostics> {
    load::decode(bytes, file)
}

/// Parses a timeline file read as bytes: refuses files over
/// [`MAX_FILE_BYTES`], binary files, and invalid UTF-8 (naming the line and
/// column of the first bad byte), then works as [`from_yaml`].
pub fn from_yaml_bytes(bytes: &[u8], file: &str) -> Result<Timeline, Diagnostics> {
    let src = load::decode(bytes, file)?;
    from_yaml(&src, file)
}

/// Rewrites a timeline file in canonical form (`timeline fmt`): fixed key
/// order, EDTF dates, canonical quoting, two-space indentation. Comments
/// are kept, each next to the key or event it was written at (blank lines
/// are not). The result of `format` is a fixed point of `format`.
pub fn format(src: &str, file: &str) -> Result<String, Diagnostics> {
    format_with(src, file, false)
}

/// [`format()`], with the events sorted by date (`timeline fmt --sort`, see
/// [`Timeline::events_by_date`]). Each comment moves with the event it
/// belongs to: one on its own line with the event below it, a trailing
/// one with the event of its line.
pub fn format_sorted(src: &str, file: &str) -> Result<String, Diagnostics> {
    format_with(src, file, true)
}

fn format_with(src: &str, file: &str, sort: bool) -> Result<String, Diagnostics> {
    let mut loaded = load::load(src, file)?;
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let scalars = node::parse_with_scalars(src, file)
        .map(|(_, s)| s)
        .unwrap_or_default();
    let comments = comments::find(src, &scalars);
    // moved[i]: where the file's event i goes.
    let mut moved: Vec<usize> = (0..loaded.timeline.events.len()).collect();
    if sort {
        let order = date_order(&loaded.timeline.events);
        for (to, &from) in order.iter().enumerate() {
            moved[from] = to;
        }
        let mut events: Vec<Option<Event>> = loaded.timeline.events.drain(..).map(Some).collect();
        loaded.timeline.events = order.iter().filter_map(|&i| events[i].take()).collect();
    }
    let lines = write::lines(&loaded.timeline, &loaded.generated);
    Ok(comments::weave(&lines, &loaded.root, &comments, &moved))
}
