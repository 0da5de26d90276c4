//! Layout: the pure geometry of a chart, computed from a timeline.
//!
//! [`layout`] turns a [`Timeline`] into a [`Chart`]: every position, size and
//! text line in pixels, with no colours and no SVG. The SVG writer
//! ([`crate::render`]) only serialises a `Chart`; tests check the geometry
//! directly (labels never overlap each other, the marks or the canvas edge).
//!
//! From top to bottom a chart has a title, an optional note (`+312 more
//! events not shown`), the labels above the axis, the time axis with the
//! instants on it and the tick labels, the labels below the axis, the
//! intervals and a legend. Width is fixed; the chart grows taller as it
//! needs (up to about 4000 px), because height is free in a report.
//!
//! - The axis is a piecewise-linear [`scale::Scale`]: long empty stretches
//!   are cut out and shown as breaks.
//! - Instants sit on the axis: a dot for a day, a bracket spanning the month
//!   (year, decade…) when it is wide enough, otherwise a diamond (month) or
//!   a square (coarser).
//! - Intervals are bars in lanes under the axis, each with its label just
//!   over the start of the bar, packed greedily by start (a bar and its
//!   label take the first lanes where neither touches another); an open end
//!   runs to the edge of the chart with an arrow.
//! - Each instant gets a label, the date as people write it and the title
//!   wrapped (three lines at most, fewer on crowded charts), set on a thin
//!   leader line from its mark. Labels are packed into lanes of
//!   [`LANE_UNIT`] pixels, nearest the axis first, so that no label touches
//!   another label or another label's leader: leaders pass *between* the
//!   labels of lower lanes. A label covering a leader forces that leader's
//!   label nearer the axis, so in a run of close leaders the labels hang
//!   away from each other (a pyramid rather than a staircase), and each
//!   label takes the position that covers the fewest leaders still to
//!   come. When one side grows tall, every other instant goes below the
//!   axis (its leader passes behind the tick labels).
//! - Instants within [`SHARE_LEADER`] pixels share one leader and a stack
//!   of labels. A label that finds no room lifts the labels above some lane
//!   to make room, or joins the stack of a neighbour within
//!   [`MERGE_REACH`] pixels.
//! - Only when the room runs out ([`MAX_LABEL_HEIGHT`] per side,
//!   [`MAX_INTERVAL_HEIGHT`] of intervals) are events left out, and counted
//!   in the note: the least confident first, each tag in turn, spread over
//!   time.
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
//! assert_eq!(chart.events[0].label[0].text, "Sep 2021");
//! ```

mod chart;
mod clusters;
mod colors;
mod geom;
mod geoms;
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

pub use chart::layout;
pub use colors::{PALETTE, preference};
pub use geom::*;
pub use label::{date_text, human_range, human_spec};
pub use marks::OPEN_LENGTH;

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
