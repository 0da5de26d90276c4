//! Layout: the pure geometry of a chart, computed from a timeline.
//!
//! [`layout`] turns a [`Timeline`](crate::timeline::Timeline) into a
//! [`Chart`]: every position, size and text line in pixels, and the tags'
//! colours, but no theme and no SVG. The writer ([`crate::render`]) only
//! serialises a `Chart`; tests check the geometry directly (labels never
//! overlap each other, the marks, other labels' leaders or the edge).
//!
//! From top to bottom a chart has a title (one or two lines), a note of
//! what is not shown (`+49 events not shown (use --from/--to or
//! --max-events)`), the labels above the axis, the time axis with the
//! instants on it and the tick labels, the labels below the axis, the
//! intervals and a legend. Width is given; the height stays within
//! [`LayoutOptions::max_height`] (1,600 px by default) whatever the
//! number of events:
//!
//! - The axis is a piecewise-linear scale: long empty stretches are cut
//!   out, and a dense stretch (a busy fortnight next to decades of
//!   background) gets a segment and a scale of its own, each segment as
//!   wide as its events ask, with labelled ticks on both sides of every
//!   break.
//! - Instants sit on the axis: a dot for a day, a bracket spanning the month
//!   (year, decade…) when it is wide enough, otherwise a diamond (month) or
//!   a square (coarser). Intervals are bars in lanes under the axis, each
//!   with its label over its start; an unknown end is a short arrow fading
//!   away from the known end.
//! - Each instant gets a label: the date as people write it and the title
//!   on one line, or two balanced ones; words are never cut (a title too
//!   long for two lines ends in "…" after a word). Labels are packed into
//!   lanes so that none touches another label or another label's leader;
//!   close instants share a leader and a stack of labels.
//! - What does not fit is chosen by importance (least important first,
//!   each tag in turn, spread over time) and summarised where it happened:
//!   a cluster label ("+12 events, 18–24 Mar 2013") on a grey band, and
//!   the note.
//! - A tag's colour is a function of its name (or set in the file); an
//!   event shows up to three tags; the legend shows exactly the colours
//!   and shapes drawn.
//!
//! The rooms: `types` (the geometry returned), `scale` and `ticks` (the
//! axis), `marks` (shapes), `label` and `text` (texts and their sizes),
//! `lanes` and `packing` (where labels go), `select` and `clusters` (what
//! is shown, what is summarised), `intervals` (bars), `colors` and `legend`,
//! `chart` (the stages in order) and `assemble` (the final geometry).
//!
//! ```
//! use timeline::date::Date;
//! use timeline::layout::{layout, LayoutOptions};
//! use timeline::timeline::{Event, Timeline, When};
//!
//! let event = Event {
//!     id: "e1".into(),
//!     when: When::On(Date::month(2021, 9).unwrap().into()),
//!     title: "Joint military drills".into(),
//!     tags: vec![],
//!     inferred: false,
//!     confidence: None,
//!     sources: vec![],
//! };
//! let t = Timeline { events: vec![event], ..Timeline::default() };
//! let chart = layout(&t, &LayoutOptions::default());
//! assert_eq!(chart.events.len(), 1);
//! assert_eq!(chart.events[0].placed.label[0].text, "Sep 2021");
//! ```

mod assemble;
mod chart;
mod clusters;
mod colors;
mod intervals;
mod label;
mod lanes;
mod legend;
mod marks;
mod packing;
pub(crate) mod scale;
mod select;
pub mod text;
pub(crate) mod ticks;
mod types;

pub use chart::layout;
pub use colors::{PALETTE, preference};
pub use label::{date_text, human_range, human_spec};
pub use marks::OPEN_LENGTH;
pub use types::*;

/// The default height limit of a chart, in pixels.
pub const DEFAULT_MAX_HEIGHT: f64 = 1600.0;
/// Height of one label lane, in pixels.
pub(crate) const LANE_UNIT: f64 = 5.0;
/// Outer margin of the chart.
pub(crate) const MARGIN: f64 = 16.0;
/// Font size of the chart title.
pub(crate) const TITLE_FONT: f64 = 18.0;
/// Font size of the note and the legend.
pub(crate) const SMALL_FONT: f64 = 11.0;
/// Font size of the date line of a label.
pub(crate) const DATE_FONT: f64 = 11.0;
/// Font size of the title lines of a label.
pub(crate) const LABEL_FONT: f64 = 12.0;
/// Line height of the date line of a label.
pub(crate) const DATE_LINE: f64 = 14.0;
/// Line height of a title line of a label.
pub(crate) const LABEL_LINE: f64 = 15.0;
/// Horizontal room kept between a label and anything else.
pub(crate) const LABEL_GAP_X: f64 = 8.0;
/// Vertical room kept below a label.
pub(crate) const LABEL_GAP_Y: f64 = 4.0;
/// How far a label's text starts before (or ends after) its leader.
pub(crate) const POLE_GAP: f64 = 3.0;
/// Height of an interval bar.
pub(crate) const BAR_HEIGHT: f64 = 10.0;
/// Vertical room between an interval's label and its bar.
pub(crate) const BAR_LABEL_GAP: f64 = 4.0;
/// Radius of an instant's dot.
pub(crate) const DOT_RADIUS: f64 = 5.0;
/// Half-height of a bracket or symbol mark.
pub(crate) const MARK_HALF: f64 = 5.0;
/// Half-height of a cluster's band.
pub(crate) const CLUSTER_HALF: f64 = 3.0;
/// Instants whose marks are at most this many pixels apart share a leader
/// (their labels are stacked).
pub(crate) const SHARE_LEADER: f64 = 3.0;
/// An instant whose label finds no room may join the stack of a
/// neighbour this many pixels away, at most.
pub(crate) const MERGE_REACH: f64 = 40.0;
/// Vertical room between stacked labels.
pub(crate) const STACK_GAP: f64 = 3.0;
/// Where the lanes below the axis start, from the axis.
pub(crate) const BELOW_OFFSET: f64 = MARK_HALF + 2.0;
/// Labels stay on one side of the axis while they need no more than this
/// many pixels there.
pub(crate) const ONE_SIDE_HEIGHT: f64 = 400.0;
