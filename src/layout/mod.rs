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
//! let t = Timeline { version: 1, title: None, events: vec![event], deleted: vec![] };
//! let chart = layout(&t, &LayoutOptions { width: 800.0, title: None });
//! assert_eq!(chart.events.len(), 1);
//! assert_eq!(chart.events[0].label[0].text, "Sep 2021");
//! ```

pub mod scale;
pub mod text;
pub mod ticks;

use std::collections::BTreeMap;

use crate::date::{DateSpec, Precision};
use crate::timeline::{Event, Timeline, When};
use scale::{BREAK_WIDTH, Scale, day_number};
use text::Metrics;

/// Height of one label lane, in pixels.
pub const LANE_UNIT: f64 = 5.0;
/// Outer margin of the chart.
pub const MARGIN: f64 = 16.0;
/// Font size of the chart title.
pub const TITLE_FONT: f64 = 18.0;
/// Font size of the note and the legend.
pub const SMALL_FONT: f64 = 11.0;
/// Font size of the date line of a label.
pub const DATE_FONT: f64 = 11.0;
/// Font size of the title lines of a label.
pub const LABEL_FONT: f64 = 12.0;
/// Line height of the date line of a label.
pub const DATE_LINE: f64 = 14.0;
/// Line height of a title line of a label.
pub const LABEL_LINE: f64 = 15.0;
/// At most this many title lines per label.
pub const LABEL_MAX_LINES: usize = 3;
/// Horizontal room kept between a label and anything else.
pub const LABEL_GAP_X: f64 = 8.0;
/// Vertical room kept below a label.
pub const LABEL_GAP_Y: f64 = 4.0;
/// How far a label's text starts before (or ends after) its leader.
pub const POLE_GAP: f64 = 3.0;
/// Height of an interval bar.
pub const BAR_HEIGHT: f64 = 10.0;
/// Vertical room between an interval's label and its bar.
pub const BAR_LABEL_GAP: f64 = 4.0;
/// Radius of an instant's dot.
pub const DOT_RADIUS: f64 = 5.0;
/// Half-height of a bracket or symbol mark.
pub const MARK_HALF: f64 = 5.0;
/// The area of instant labels on either side of the axis never grows
/// beyond this many pixels.
pub const MAX_LABEL_HEIGHT: f64 = 1600.0;
/// Instants whose marks are at most this many pixels apart share a leader
/// (their labels are stacked).
pub const SHARE_LEADER: f64 = 3.0;
/// An instant whose label finds no room may join the stack of a
/// neighbour this many pixels away, at most.
pub const MERGE_REACH: f64 = 40.0;
/// Rounds of such joining.
const MERGE_ROUNDS: usize = 2;
/// At most this many labels share a leader.
const MAX_SHARED: usize = 12;
/// Vertical room between stacked labels.
const STACK_GAP: f64 = 3.0;
/// Where the lanes below the axis start, from the axis.
const BELOW_OFFSET: f64 = MARK_HALF + 2.0;
/// Labels stay on one side of the axis while they need no more than this
/// many pixels there.
pub const ONE_SIDE_HEIGHT: f64 = 400.0;
/// The area of intervals (below the axis) never grows beyond this many
/// pixels.
pub const MAX_INTERVAL_HEIGHT: f64 = 600.0;
/// Number of tag colours; further tags share the "other" colour.
pub const PALETTE_SIZE: usize = 7;

/// Layout options (the geometric part of [`crate::render::RenderOptions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Chart width in pixels.
    pub width: f64,
    /// Title override (else the timeline's title).
    pub title: Option<String>,
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// True if the rectangles share interior points.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    /// True if `self` lies within `o`.
    pub fn inside(&self, o: &Rect) -> bool {
        self.x >= o.x && self.y >= o.y && self.right() <= o.right() && self.bottom() <= o.bottom()
    }
}

/// Horizontal alignment of a text line around its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right edge.
    End,
}

/// What a text line is for (the writer styles by role).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    /// The chart title.
    Title,
    /// A note under the title.
    Note,
    /// "No events".
    Empty,
    /// A tick label.
    Tick,
    /// The date line of an event label.
    LabelDate,
    /// A title line of an event label.
    LabelTitle,
    /// A legend entry.
    Legend,
}

/// One line of text, measured with the embedded font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text (already truncated if needed).
    pub text: String,
    /// Anchor x (see `align`).
    pub x: f64,
    /// Top of the text box (baseline minus ascent).
    pub y: f64,
    /// Font size in pixels.
    pub size: f64,
    /// Measured advance width.
    pub width: f64,
    /// Alignment around `x`.
    pub align: Align,
    /// Role.
    pub role: TextRole,
}

impl TextLine {
    fn new(text: String, x: f64, y: f64, size: f64, align: Align, role: TextRole) -> TextLine {
        let width = Metrics::get().width(&text, size);
        TextLine {
            text,
            x,
            y,
            size,
            width,
            align,
            role,
        }
    }

    /// The box the text occupies (advance width × ascent+descent).
    pub fn bbox(&self) -> Rect {
        let x = match self.align {
            Align::Start => self.x,
            Align::Middle => self.x - self.width / 2.0,
            Align::End => self.x - self.width,
        };
        Rect {
            x,
            y: self.y,
            w: self.width,
            h: Metrics::get().height(self.size),
        }
    }

    /// The baseline y.
    pub fn baseline(&self) -> f64 {
        self.y + Metrics::get().ascent(self.size)
    }
}

/// The colour slot of an event (the writer maps it to a theme colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Paint {
    /// The `i`-th tag colour of the palette.
    Tag(usize),
    /// A tag beyond the palette.
    OtherTag,
    /// No tag.
    Untagged,
}

/// The shape of a narrow coarse-precision instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// A month.
    Diamond,
    /// A year, decade or century.
    Square,
}

/// How an event is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A day: a dot.
    Dot {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
        /// Radius.
        r: f64,
    },
    /// A month (year…) wide enough to show: a bracket spanning it.
    Span {
        /// Left.
        x0: f64,
        /// Right.
        x1: f64,
        /// Centre y.
        cy: f64,
        /// Half height.
        half: f64,
    },
    /// A month (year…) too narrow to span: a symbol.
    Symbol {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
        /// Half size.
        half: f64,
        /// Shape.
        shape: Symbol,
    },
    /// An interval: a bar, cut at axis breaks.
    Bar {
        /// The visible pieces `(x0, x1)`, left to right.
        pieces: Vec<(f64, f64)>,
        /// Top.
        y: f64,
        /// Height.
        h: f64,
        /// The start is approximate or uncertain: fade it.
        fade_start: bool,
        /// The end is approximate or uncertain: fade it.
        fade_end: bool,
        /// The start is unknown: the bar runs from the chart edge.
        open_start: bool,
        /// The end is unknown: the bar runs to the chart edge.
        open_end: bool,
    },
}

impl Mark {
    /// The box the mark covers.
    pub fn bbox(&self) -> Rect {
        match self {
            Mark::Dot { cx, cy, r } => Rect {
                x: cx - r,
                y: cy - r,
                w: 2.0 * r,
                h: 2.0 * r,
            },
            Mark::Span { x0, x1, cy, half } => Rect {
                x: *x0,
                y: cy - half,
                w: x1 - x0,
                h: 2.0 * half,
            },
            Mark::Symbol { cx, cy, half, .. } => Rect {
                x: cx - half,
                y: cy - half,
                w: 2.0 * half,
                h: 2.0 * half,
            },
            Mark::Bar { pieces, y, h, .. } => {
                let x0 = pieces.first().map_or(0.0, |p| p.0);
                let x1 = pieces.last().map_or(0.0, |p| p.1);
                Rect {
                    x: x0,
                    y: *y,
                    w: x1 - x0,
                    h: *h,
                }
            }
        }
    }
}

/// An event as placed on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct EventGeom {
    /// The event's id.
    pub id: String,
    /// The full title (for the tooltip).
    pub title: String,
    /// The full label text: date and title (for the tooltip).
    pub tooltip: String,
    /// True for an interval.
    pub interval: bool,
    /// Precision of the (first known) date.
    pub precision: Precision,
    /// Some date is approximate.
    pub approximate: bool,
    /// Some date is uncertain.
    pub uncertain: bool,
    /// The date was inferred.
    pub inferred: bool,
    /// The event's tags.
    pub tags: Vec<String>,
    /// Colour slot.
    pub paint: Paint,
    /// The mark.
    pub mark: Mark,
    /// Label lines: the date, then the title.
    pub label: Vec<TextLine>,
    /// The box of all label lines.
    pub label_box: Rect,
    /// The box the leader joins: the label box, or the stack of labels of
    /// the instants that share this leader.
    pub group_box: Rect,
    /// The leader line: x, top y (just under the label), bottom y (the
    /// top of the mark).
    pub pole: (f64, f64, f64),
}

/// One tick of the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Pixel of the tick line.
    pub x: f64,
    /// The label, if any.
    pub label: Option<TextLine>,
}

/// The time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The y of the axis line.
    pub y: f64,
    /// Segments of the axis line `(x0, x1)`.
    pub segments: Vec<(f64, f64)>,
    /// Axis breaks `(x0, x1)`.
    pub breaks: Vec<(f64, f64)>,
    /// Ticks.
    pub ticks: Vec<Tick>,
}

/// What a legend entry explains.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum LegendKey {
    /// A tag colour.
    Paint(Paint),
    /// A day-precision instant.
    Day,
    /// A coarser instant (bracket).
    Coarse,
    /// An interval.
    Interval,
    /// An approximate date.
    Approximate,
    /// An inferred date.
    Inferred,
    /// An open-ended interval.
    Open,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// What it explains.
    pub key: LegendKey,
    /// Where the sample mark goes.
    pub swatch: Rect,
    /// The text.
    pub label: TextLine,
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Width in pixels.
    pub width: f64,
    /// Height in pixels.
    pub height: f64,
    /// The title line.
    pub title: Option<TextLine>,
    /// A short description for `<desc>`.
    pub description: String,
    /// "+N more events not shown".
    pub note: Option<TextLine>,
    /// "No events" for an empty timeline.
    pub empty: Option<TextLine>,
    /// The axis (absent when there are no events).
    pub axis: Option<Axis>,
    /// The events shown, in placement order (by position).
    pub events: Vec<EventGeom>,
    /// How many events were left out.
    pub omitted: usize,
    /// The legend.
    pub legend: Vec<LegendItem>,
    /// Tag names by palette slot.
    pub tags: Vec<String>,
}

impl Chart {
    /// Every text line of the chart.
    pub fn texts(&self) -> Vec<&TextLine> {
        let mut out: Vec<&TextLine> = Vec::new();
        out.extend(self.title.iter());
        out.extend(self.note.iter());
        out.extend(self.empty.iter());
        if let Some(a) = &self.axis {
            out.extend(a.ticks.iter().filter_map(|t| t.label.as_ref()));
        }
        for e in &self.events {
            out.extend(e.label.iter());
        }
        out.extend(self.legend.iter().map(|l| &l.label));
        out
    }
}

/// A human form of a date spec: `c. 1990`, `2021?`, `10 Nov 2020`.
pub fn human_spec(d: &DateSpec) -> String {
    let mut s = d.date.human();
    if d.approximate {
        s = format!("c. {s}");
    }
    if d.uncertain {
        s.push('?');
    }
    s
}

/// A range as people write it: the shared year is said once
/// (`27 Sep – 10 Nov 2020`, `Sep – Nov 2021`), otherwise both ends in full.
pub fn human_range(a: &DateSpec, b: &DateSpec) -> String {
    use crate::date::{Date, MONTH_ABBR};
    use chrono::Datelike;
    let plain = |d: &DateSpec| !d.approximate && !d.uncertain;
    if plain(a) && plain(b) {
        match (a.date, b.date) {
            (Date::Day(x), Date::Day(y)) if x.year() == y.year() && x.year() > 0 => {
                return format!(
                    "{} {} – {}",
                    x.day(),
                    MONTH_ABBR[x.month0() as usize],
                    b.date.human()
                );
            }
            (
                Date::Month {
                    year: ya,
                    month: ma,
                },
                Date::Month { year: yb, .. },
            ) if ya == yb && ya > 0 => {
                return format!("{} – {}", MONTH_ABBR[ma as usize - 1], b.date.human());
            }
            _ => {}
        }
    }
    format!("{} – {}", human_spec(a), human_spec(b))
}

/// The date line of an event label.
pub fn date_text(e: &Event) -> String {
    let mut s = match &e.when {
        When::On(d) => human_spec(d),
        When::Between {
            start: Some(a),
            end: Some(b),
        } if a == b => human_spec(a),
        When::Between {
            start: Some(a),
            end: Some(b),
        } => human_range(a, b),
        When::Between {
            start: Some(a),
            end: None,
        } => format!("since {}", human_spec(a)),
        When::Between {
            start: None,
            end: Some(b),
        } => format!("until {}", human_spec(b)),
        When::Between {
            start: None,
            end: None,
        } => "undated".to_string(),
    };
    if e.inferred {
        s.push_str(" (inferred)");
    }
    s
}

/// Colour slots for tags: most frequent first, ties by name.
fn tag_slots(t: &Timeline) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &t.events {
        for tag in &e.tags {
            *count.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.to_string()).collect()
}

fn paint_of(e: &Event, tags: &[String]) -> Paint {
    match e.tags.first() {
        None => Paint::Untagged,
        Some(t) => match tags.iter().position(|s| s == t) {
            Some(i) if i < PALETTE_SIZE => Paint::Tag(i),
            _ => Paint::OtherTag,
        },
    }
}

/// Per-lane occupancy: boxes (labels) and poles, kept sorted by left edge.
#[derive(Debug, Default, Clone)]
struct Lane {
    /// `(x0, x1, is_box)`.
    items: Vec<(f64, f64, bool)>,
}

/// The widest item ever stored, to bound backward scans.
#[derive(Debug, Clone)]
struct Lanes {
    lanes: Vec<Lane>,
    widest: f64,
}

impl Lanes {
    fn new(n: usize) -> Lanes {
        Lanes {
            lanes: vec![Lane::default(); n],
            widest: 0.0,
        }
    }

    /// True if `[a, b]` in lane `k` touches an item; poles only conflict
    /// with boxes when `is_box` is false.
    fn blocked(&self, k: usize, a: f64, b: f64, is_box: bool) -> bool {
        let items = &self.lanes[k].items;
        let end = items.partition_point(|it| it.0 <= b);
        for it in items[..end].iter().rev() {
            if it.0 < a - self.widest {
                break;
            }
            if it.1 >= a && (is_box || it.2) {
                return true;
            }
        }
        false
    }

    /// Removes the box `[a, b]` from lane `k`.
    fn remove(&mut self, k: usize, a: f64, b: f64) {
        let items = &mut self.lanes[k].items;
        if let Some(at) = items.iter().position(|it| it.0 == a && it.1 == b && it.2) {
            items.remove(at);
        }
    }

    fn add(&mut self, k: usize, a: f64, b: f64, is_box: bool) {
        self.widest = self.widest.max(b - a);
        let items = &mut self.lanes[k].items;
        let at = items.partition_point(|it| it.0 <= a);
        items.insert(at, (a, b, is_box));
    }
}

/// One event before vertical placement.
struct Pending<'a> {
    event: &'a Event,
    index: usize,
    /// Where the leader rises: the mark's centre, or an interval's start.
    anchor: f64,
    /// The mark, at provisional y 0.
    mark: Mark,
    /// For an interval, the bar's horizontal extent.
    bar: Option<(f64, f64)>,
    lines: Vec<String>,
    width: f64,
}

/// What the vertical placement moves: one label (with its leader), the
/// stacked labels of instants that share a leader, or an interval's block
/// (label and bar).
struct Item {
    /// Where the leader is.
    anchor: f64,
    /// Width of the label box.
    width: f64,
    /// Lanes it takes.
    units: usize,
    /// Date order of its first event (breaks ties).
    index: usize,
    /// For an interval, the bar's extent.
    bar: Option<(f64, f64)>,
    /// Its events (indices into the pending events), in date order.
    members: Vec<usize>,
}

/// The instants `keep` in groups: those (by position) whose marks are
/// within [`SHARE_LEADER`] pixels of the first of them share a leader and
/// a stack of labels.
fn initial_groups(pending: &[Pending], keep: &[usize]) -> Vec<Vec<usize>> {
    let mut instants: Vec<usize> = keep.to_vec();
    instants.sort_by(|&a, &b| {
        pending[a]
            .anchor
            .total_cmp(&pending[b].anchor)
            .then(pending[a].index.cmp(&pending[b].index))
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in instants {
        match groups.last_mut() {
            Some(g)
                if g.len() < MAX_SHARED
                    && pending[i].anchor - pending[g[0]].anchor <= SHARE_LEADER =>
            {
                g.push(i);
            }
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// The groups of instants for another try: each item left out joins the
/// nearer of its neighbours (by position) when that is within
/// [`MERGE_REACH`] pixels.
fn merge_left_out(pending: &[Pending], items: &[Item], slots: &[Slot]) -> Vec<Vec<usize>> {
    let mut placed = vec![false; items.len()];
    for s in slots {
        placed[s.item] = true;
    }
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&k| items[k].bar.is_none())
        .collect();
    order.sort_by(|&a, &b| {
        items[a]
            .anchor
            .total_cmp(&items[b].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let last_anchor = |g: &[usize]| {
        g.iter()
            .map(|&i| pending[i].anchor)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut carry: Vec<usize> = Vec::new();
    for (n, &k) in order.iter().enumerate() {
        let it = &items[k];
        let mut members = std::mem::take(&mut carry);
        members.extend(&it.members);
        if !placed[k] {
            let first = members
                .iter()
                .map(|&i| pending[i].anchor)
                .fold(f64::INFINITY, f64::min);
            let prev = out.last().map_or(f64::INFINITY, |g| first - last_anchor(g));
            let next = order
                .get(n + 1)
                .map_or(f64::INFINITY, |&j| items[j].anchor - it.anchor);
            if prev <= next && prev <= MERGE_REACH {
                if let Some(g) = out.last_mut() {
                    g.extend(members);
                    continue;
                }
            }
            if next <= MERGE_REACH {
                carry = members;
                continue;
            }
        }
        out.push(members);
    }
    if !carry.is_empty() {
        out.push(carry);
    }
    out
}

/// Items, their order of importance, and where the placed ones go.
type Placement = (Vec<Item>, Vec<usize>, Vec<Slot>);

/// Places the labels of the instants `keep`: close ones share a leader;
/// with `merge`, an instant left out then joins the stack of a close
/// neighbour, for a few rounds while that shows more; at last those still
/// left out are put into a neighbour's stack when there is room.
fn place_events(
    pending: &[Pending],
    keep: &[usize],
    (left, right): (f64, f64),
    below: &Lanes,
    max_units: usize,
    merge: bool,
    hangs: &[Hang],
) -> Placement {
    let count = |items: &[Item], slots: &[Slot]| -> usize {
        slots.iter().map(|s| items[s.item].members.len()).sum()
    };
    let mut chosen: Option<Placement> = None;
    let mut groups = initial_groups(pending, keep);
    for _ in 0..=if merge { MERGE_ROUNDS } else { 0 } {
        let (items, ranked) = items_of(pending, groups);
        let instants: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| items[i].bar.is_none())
            .collect();
        let slots = place_instants(&items, &instants, left, right, below, hangs);
        let all = slots.len() == instants.len();
        groups = merge_left_out(pending, &items, &slots);
        if chosen
            .as_ref()
            .is_none_or(|(it, _, sl)| count(&items, &slots) > count(it, sl))
        {
            chosen = Some((items, ranked, slots));
        }
        if all {
            break;
        }
    }
    let (mut items, ranked, mut slots) = chosen.unwrap_or_default();
    adopt_left_out(
        pending,
        &mut items,
        &mut slots,
        below,
        (left, right),
        max_units,
    );
    (items, ranked, slots)
}

/// Puts each instant still left out into the stack of labels of a placed
/// neighbour at most [`MERGE_REACH`] pixels away, lifting the labels above
/// that stack to make room. The stack's leader stays clear (nothing new
/// crosses below it), and the lifted labels' leaders only grow through
/// the new room, which lies over the stack; so only a stack that must
/// grow wider needs a check, against the leaders and labels beside it.
fn adopt_left_out(
    pending: &[Pending],
    items: &mut [Item],
    slots: &mut [Slot],
    below: &Lanes,
    (left, right): (f64, f64),
    max_units: usize,
) {
    let mut host_of = vec![None; items.len()];
    for (n, s) in slots.iter().enumerate() {
        host_of[s.item] = Some(n);
    }
    let floor = below
        .lanes
        .iter()
        .rposition(|l| !l.items.is_empty())
        .map_or(0, |k| k + 1);
    let left_out: Vec<usize> = (0..items.len())
        .filter(|&k| host_of[k].is_none() && items[k].bar.is_none())
        .collect();
    for k in left_out {
        let a = items[k].anchor;
        let mut hosts: Vec<usize> = (0..slots.len())
            .filter(|&n| (items[slots[n].item].anchor - a).abs() <= MERGE_REACH)
            .collect();
        hosts.sort_by(|&x, &y| {
            let dx = (items[slots[x].item].anchor - a).abs();
            let dy = (items[slots[y].item].anchor - a).abs();
            dx.total_cmp(&dy).then(x.cmp(&y))
        });
        for n in hosts {
            let h = slots[n];
            let host = &items[h.item];
            let mut members = host.members.clone();
            members.extend(&items[k].members);
            members.sort_unstable();
            let width = host.width.max(items[k].width);
            let units =
                ((stack_height(pending, &members) + LABEL_GAP_Y) / LANE_UNIT).ceil() as usize;
            let du = units - h.units;
            let cut = h.lane + h.units;
            let used = slots
                .iter()
                .filter(|s| s.side == h.side)
                .map(|s| s.lane + s.units)
                .max()
                .unwrap_or(0);
            if used + du > max_units || (h.side == Side::Below && cut < floor) {
                continue;
            }
            let x0 = match h.align {
                Align::End => h.x0 + host.width - width,
                _ => h.x0,
            };
            if x0 < left || x0 + width > right {
                continue;
            }
            if width > host.width {
                let (ea, eb) = (x0 - LABEL_GAP_X, x0 + width + LABEL_GAP_X);
                let hits = |p: f64, q: f64| p <= eb && ea <= q;
                let clash = slots.iter().enumerate().any(|(m, s)| {
                    let q = &items[s.item];
                    m != n
                        && s.side == h.side
                        && if s.lane >= cut {
                            hits(q.anchor - 1.0, q.anchor + 1.0)
                        } else {
                            s.lane + s.units > h.lane && hits(s.x0, s.x0 + q.width)
                        }
                });
                let ticks = h.side == Side::Below
                    && (h.lane..(cut + du).min(floor)).any(|j| below.blocked(j, ea, eb, true));
                if clash || ticks {
                    continue;
                }
            }
            for s in slots.iter_mut() {
                if s.side == h.side && s.lane >= cut {
                    s.lane += du;
                }
            }
            slots[n].units = units;
            slots[n].x0 = x0;
            let host = &mut items[h.item];
            host.members = members;
            host.width = width;
            host.units = units;
            items[k].members.clear();
            break;
        }
    }
}

/// The items to place and their order of importance ([`importance`] of
/// their most important event).
fn items_of(pending: &[Pending], groups: Vec<Vec<usize>>) -> (Vec<Item>, Vec<usize>) {
    let mut rank = vec![0usize; pending.len()];
    for (r, i) in importance(pending).into_iter().enumerate() {
        rank[i] = r;
    }
    let mut items: Vec<Item> = groups
        .into_iter()
        .map(|mut members| {
            let a0 = pending[members[0]].anchor;
            let a1 = pending[members[members.len() - 1]].anchor;
            members.sort_unstable();
            Item {
                anchor: ((a0 + a1) / 2.0).round(),
                width: members
                    .iter()
                    .map(|&i| pending[i].width)
                    .fold(0.0, f64::max),
                units: ((stack_height(pending, &members) + LABEL_GAP_Y) / LANE_UNIT).ceil()
                    as usize,
                index: pending[members[0]].index,
                bar: None,
                members,
            }
        })
        .collect();
    items.extend(
        (0..pending.len())
            .filter(|&i| pending[i].bar.is_some())
            .map(|i| Item {
                anchor: pending[i].anchor,
                width: pending[i].width,
                units: interval_units(pending[i].lines.len()),
                index: pending[i].index,
                bar: pending[i].bar,
                members: vec![i],
            }),
    );
    let item_rank = |it: &Item| it.members.iter().map(|&i| rank[i]).min().unwrap_or(0);
    let mut ranked: Vec<usize> = (0..items.len()).collect();
    ranked.sort_by_key(|&k| (item_rank(&items[k]), k));
    (items, ranked)
}

/// Height of the stacked labels of `members` (each starts on a whole
/// pixel, as [`instant_geoms`] sets them).
fn stack_height(pending: &[Pending], members: &[usize]) -> f64 {
    let mut y = 0.0;
    let mut bottom = 0.0;
    for &i in members {
        bottom = y + label_height(pending[i].lines.len());
        y = (bottom + STACK_GAP).round();
    }
    bottom
}

/// Lays out `t` at `opts.width` pixels.
pub fn layout(t: &Timeline, opts: &LayoutOptions) -> Chart {
    let m = Metrics::get();
    let width = opts.width.max(200.0).round();
    let title_text = opts
        .title
        .clone()
        .or_else(|| t.title.clone())
        .unwrap_or_else(|| "Timeline".to_string());
    let title = TextLine::new(
        m.truncate(&title_text, TITLE_FONT, width - 2.0 * MARGIN),
        MARGIN,
        MARGIN,
        TITLE_FONT,
        Align::Start,
        TextRole::Title,
    );
    let mut y = MARGIN + m.height(TITLE_FONT) + 6.0;

    let mut dated: Vec<(usize, &Event)> = t
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.when.sort_key().is_some())
        .collect();
    let undated = t.events.len() - dated.len();
    if dated.is_empty() {
        return empty_chart(title, width, y, undated);
    }
    dated.sort_by(|a, b| {
        a.1.when
            .sort_key()
            .cmp(&b.1.when.sort_key())
            .then(a.0.cmp(&b.0))
    });

    // Horizontal: the scale, then marks and label texts.
    let points: Vec<(f64, usize)> = dated
        .iter()
        .flat_map(|(i, e)| {
            let first = e.when.first_day().map(|d| (day_number(d), *i));
            let last = e.when.last_day().map(|d| (day_number(d) + 1.0, *i));
            first.into_iter().chain(last)
        })
        .collect();
    let (left, right) = (MARGIN, width - MARGIN);
    let scale = Scale::new(&points, left, right);
    let tags = tag_slots(t);
    // Never more than half the plot, so a label always fits on one side of
    // its leader. Crowded charts get narrower, shorter labels.
    let crowded = dated.len() > 20;
    let max_label = (width * if crowded { 0.2 } else { 0.3 })
        .clamp(110.0, 260.0)
        .min((right - left) / 2.0 - 2.0 * POLE_GAP);
    let title_lines = match dated.len() {
        0..=20 => LABEL_MAX_LINES,
        21..=40 => 2,
        _ => 1,
    };
    let mut pending: Vec<Pending> = Vec::with_capacity(dated.len());
    for (index, e) in dated {
        let (mark, anchor, bar) = match e.when {
            When::On(d) => {
                let (mark, anchor) = instant_mark(&d, &scale);
                (mark, anchor, None)
            }
            When::Between { start, end } => {
                let mark = interval_mark(start, end, &scale);
                let b = mark.bbox();
                (mark, b.x, Some((b.x, b.right())))
            }
        };
        // An interval's label sits in its own lane: two lines at least.
        let lines_here = if bar.is_some() {
            title_lines.max(2)
        } else {
            title_lines
        };
        let (lines, width) = label_lines(
            e,
            max_label,
            (right - left) / 2.0 - 2.0 * POLE_GAP,
            lines_here,
        );
        pending.push(Pending {
            event: e,
            index,
            anchor,
            mark,
            bar,
            lines,
            width,
        });
    }

    // Vertical: intervals into bar lanes below the axis, instants' labels
    // into lanes above it; when not everything fits, the most important
    // events are kept.
    // Which instants to try: the most important first, never more than
    // the room could hold; fewer when many are left out.
    let label_units = (MAX_LABEL_HEIGHT / LANE_UNIT) as usize;
    let below = tick_obstacles(&scale, label_units);
    let by_importance: Vec<usize> = importance(&pending)
        .into_iter()
        .filter(|&i| pending[i].bar.is_none())
        .collect();
    let capacity = 2.0 * (right - left) * (label_units as f64 * LANE_UNIT);
    let mut area = 0.0;
    let hi = by_importance
        .iter()
        .position(|&i| {
            let p = &pending[i];
            area += (p.width + LABEL_GAP_X) * (label_height(p.lines.len()) + LABEL_GAP_Y);
            area > capacity
        })
        .unwrap_or(by_importance.len());
    let count = |p: &Placement| -> usize { p.2.iter().map(|s| p.0[s.item].members.len()).sum() };
    let total = |p: &Placement| -> usize {
        let side = |d: Side| {
            p.2.iter()
                .filter(|s| s.side == d)
                .map(|s| s.lane + s.units)
                .max()
                .unwrap_or(0)
        };
        side(Side::Above) + side(Side::Below)
    };
    // Every way of hanging labels, and pyramids only: lower, but it may
    // show fewer.
    let place = |keep: &[usize], merge: bool| {
        let span = (left, right);
        let any = place_events(&pending, keep, span, &below, label_units, merge, &HANGS);
        let pyramids = place_events(
            &pending,
            keep,
            span,
            &below,
            label_units,
            merge,
            &[Hang::Pyramid],
        );
        if count(&pyramids) >= count(&any) && total(&pyramids) < total(&any) {
            pyramids
        } else {
            any
        }
    };
    let mut best = place(&by_importance[..hi], true);
    let (first, mut tried) = (count(&best), hi);
    // (Only worth it when confidences differ.)
    let mixed = by_importance[..hi]
        .windows(2)
        .any(|w| confidence_rank(pending[w[0]].event) != confidence_rank(pending[w[1]].event));
    for _ in 0..if mixed { SHRINK_ROUNDS } else { 0 } {
        if count(&best) * 10 >= tried * 9 {
            break;
        }
        tried = (count(&best) * 21 / 20).clamp(1, tried - 1);
        let v = place(&by_importance[..tried], false);
        if count(&v) * 3 < first * 2 {
            break;
        }
        best = v;
    }
    let (items, ranked, slots) = best;
    let bars: Vec<usize> = ranked
        .iter()
        .copied()
        .filter(|&i| items[i].bar.is_some())
        .collect();
    let bar_units = (MAX_INTERVAL_HEIGHT / LANE_UNIT) as usize;
    let bar_slots = keep_most_important(&items, &bars, right - left, bar_units, |keep| {
        pack_intervals(&items, keep, left, right, bar_units)
    });
    let shown: usize = slots
        .iter()
        .chain(&bar_slots)
        .map(|s| items[s.item].members.len())
        .sum();
    let omitted = undated + pending.len() - shown;
    let used = |side: Side| {
        slots
            .iter()
            .filter(|s| s.side == side)
            .map(|s| s.lane + s.units)
            .max()
            .unwrap_or(0)
    };
    let (used_units, below_units) = (used(Side::Above), used(Side::Below));
    let note = (omitted > 0).then(|| {
        let line = TextLine::new(
            format!("+{omitted} more events not shown"),
            MARGIN,
            y,
            SMALL_FONT,
            Align::Start,
            TextRole::Note,
        );
        y += m.height(SMALL_FONT) + 4.0;
        line
    });
    let label_bottom = y + 8.0 + used_units as f64 * LANE_UNIT;
    let axis_y = (label_bottom + 4.0 + MARK_HALF + 4.0).round();
    let ticks_bottom = axis_y + MARK_HALF + 5.0 + m.height(ticks::TICK_FONT);
    let below_top = axis_y + BELOW_OFFSET;
    let below_bottom = below_top + below_units as f64 * LANE_UNIT;
    let bars_top = (ticks_bottom.max(below_bottom) + 12.0).round();
    let bar_used = bar_slots
        .iter()
        .map(|s| s.lane + s.units)
        .max()
        .unwrap_or(0);
    let bars_bottom = bars_top + bar_used as f64 * LANE_UNIT;
    let mut events: Vec<(f64, usize, EventGeom)> = Vec::with_capacity(shown);
    for s in &slots {
        instant_geoms(
            &pending,
            &items[s.item],
            s,
            label_bottom,
            below_top,
            axis_y,
            &tags,
            &mut events,
        );
    }
    for s in &bar_slots {
        let p = &pending[items[s.item].members[0]];
        events.push((p.anchor, p.index, interval_geom(p, s, bars_top, &tags)));
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let events: Vec<EventGeom> = events.into_iter().map(|e| e.2).collect();
    let axis = build_axis(&scale, axis_y);
    let legend_top = (ticks_bottom.max(bars_bottom) + 14.0).round();
    let (legend, bottom) = build_legend(legend_keys(&events), &tags, width, legend_top);

    let t0 = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let t1 = points
        .iter()
        .map(|p| p.0 - 1.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let description = format!(
        "{}: {} events on a time axis from {} to {}{}.",
        title.text,
        events.len(),
        scale::year_of(t0),
        scale::year_of(t1),
        if omitted > 0 {
            format!(", {omitted} more not shown")
        } else {
            String::new()
        }
    );
    Chart {
        width,
        height: (bottom + MARGIN).round(),
        title: Some(title),
        description,
        note,
        empty: None,
        axis: Some(axis),
        events,
        omitted,
        legend,
        tags,
    }
}

/// The chart of a timeline without dated events.
fn empty_chart(title: TextLine, width: f64, y: f64, undated: usize) -> Chart {
    let empty = TextLine::new(
        "No events".to_string(),
        width / 2.0,
        y + 40.0,
        14.0,
        Align::Middle,
        TextRole::Empty,
    );
    let note = (undated > 0).then(|| {
        TextLine::new(
            format!("+{undated} more events not shown (undated)"),
            MARGIN,
            y,
            SMALL_FONT,
            Align::Start,
            TextRole::Note,
        )
    });
    Chart {
        width,
        height: (empty.bbox().bottom() + 40.0 + MARGIN).round(),
        description: format!("{}: no events.", title.text),
        title: Some(title),
        note,
        empty: Some(empty),
        axis: None,
        events: Vec::new(),
        omitted: undated,
        legend: Vec::new(),
        tags: Vec::new(),
    }
}

/// The mark of an instant (at y 0) and the x its leader rises from: a dot
/// for a day; for coarser dates a bracket over the span when it is wide
/// enough, else a diamond (month) or a square (year and coarser).
fn instant_mark(d: &DateSpec, scale: &Scale) -> (Mark, f64) {
    let xa = scale.x(day_number(d.date.first_day()));
    let xb = scale.x(day_number(d.date.last_day()) + 1.0);
    let cx = ((xa + xb) / 2.0).round();
    let mark = if d.date.precision() == Precision::Day {
        Mark::Dot {
            cx,
            cy: 0.0,
            r: DOT_RADIUS,
        }
    } else if xb - xa >= 2.0 * MARK_HALF + 2.0 {
        Mark::Span {
            x0: xa.round(),
            x1: xb.round(),
            cy: 0.0,
            half: MARK_HALF,
        }
    } else {
        Mark::Symbol {
            cx,
            cy: 0.0,
            half: MARK_HALF,
            shape: if d.date.precision() == Precision::Month {
                Symbol::Diamond
            } else {
                Symbol::Square
            },
        }
    };
    (mark, cx)
}

/// The bar of an interval, at y 0.
fn interval_mark(start: Option<DateSpec>, end: Option<DateSpec>, scale: &Scale) -> Mark {
    let x0 = start
        .map_or(scale.left(), |s| scale.x(day_number(s.date.first_day())))
        .round();
    let x1 = end
        .map_or(scale.right(), |s| {
            scale.x(day_number(s.date.last_day()) + 1.0)
        })
        .round()
        .max(x0 + 2.0);
    let fuzzy = |s: Option<DateSpec>| s.is_some_and(|s| s.approximate || s.uncertain);
    Mark::Bar {
        pieces: cut_at_breaks(x0, x1, &scale.breaks()),
        y: 0.0,
        h: BAR_HEIGHT,
        fade_start: fuzzy(start),
        fade_end: fuzzy(end),
        open_start: start.is_none(),
        open_end: end.is_none(),
    }
}

/// The lines of an event's label (date, then the title wrapped to at most
/// `title_lines` lines) and their width. The date may be wider than the
/// title (up to `max_date`): a date is cut only when nothing else helps.
fn label_lines(e: &Event, max_label: f64, max_date: f64, title_lines: usize) -> (Vec<String>, f64) {
    let m = Metrics::get();
    let mut lines = vec![m.truncate(&date_text(e), DATE_FONT, max_date.max(max_label))];
    lines.extend(m.wrap(&e.title, LABEL_FONT, max_label, title_lines));
    let width = lines
        .iter()
        .enumerate()
        .map(|(i, l)| m.width(l, if i == 0 { DATE_FONT } else { LABEL_FONT }))
        .fold(0.0, f64::max)
        .ceil();
    (lines, width)
}

/// An event's confidence in tenths; an event without one was written by a
/// person and counts as certain.
fn confidence_rank(e: &Event) -> i64 {
    (e.confidence.unwrap_or(1.0).clamp(0.0, 1.0) * 10.0).round() as i64
}

/// The order in which events are kept when not all of them fit: the more
/// confident first (an event without a confidence was written by a person
/// and counts as certain); among equals, each tag in turn, so that every
/// tag keeps a share; within a tag, spread over time (first, last, middle,
/// quarters…); ties by date order.
fn importance(pending: &[Pending]) -> Vec<usize> {
    use std::cmp::Reverse;
    let conf = |i: usize| Reverse(confidence_rank(pending[i].event));
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in pending.iter().enumerate() {
        let tag = p.event.tags.first().map_or("", String::as_str);
        groups.entry(tag).or_default().push(i);
    }
    let mut ordinal = vec![0usize; pending.len()];
    for members in groups.values() {
        let bits = usize::BITS - members.len().leading_zeros();
        let spread = |pos: usize| pos.reverse_bits() >> (usize::BITS - bits);
        let mut ms: Vec<(usize, usize)> = members.iter().copied().enumerate().collect();
        ms.sort_by_key(|&(pos, i)| (conf(i), spread(pos), i));
        for (o, (_, i)) in ms.into_iter().enumerate() {
            ordinal[i] = o;
        }
    }
    let mut order: Vec<usize> = (0..pending.len()).collect();
    order.sort_by_key(|&i| (conf(i), ordinal[i], i));
    order
}

/// Chooses which of `ranked` (items by importance) to show. A prefix whose
/// boxes would cover more than the `plot_width` × `max_units` room is
/// never tried; `place` fits what it can of the rest. When that leaves
/// many out, shorter prefixes are tried (so that what is left out is the
/// least important), unless that shows a third fewer.
fn keep_most_important<F>(
    items: &[Item],
    ranked: &[usize],
    plot_width: f64,
    max_units: usize,
    place: F,
) -> Vec<Slot>
where
    F: Fn(&[usize]) -> Vec<Slot>,
{
    let capacity = plot_width * max_units as f64;
    let mut area = 0.0;
    let hi = ranked
        .iter()
        .position(|&i| {
            let p = &items[i];
            area += (p.width + LABEL_GAP_X) * p.units as f64;
            area > capacity
        })
        .unwrap_or(ranked.len());
    let first = place(&ranked[..hi]);
    if first.len() == ranked.len() || first.is_empty() {
        return first;
    }
    // Much left out: fewer, more important ones are tried, as long as
    // that does not cost a third of what is shown.
    let (mut best, mut tried) = (first.clone(), hi);
    for _ in 0..SHRINK_ROUNDS {
        if best.len() * 10 >= tried * 9 {
            break;
        }
        tried = (best.len() * 21 / 20).clamp(1, tried - 1);
        let v = place(&ranked[..tried]);
        if v.len() * 3 < first.len() * 2 {
            break;
        }
        best = v;
    }
    best
}

/// Rounds of trying fewer, more important items.
const SHRINK_ROUNDS: usize = 4;

/// Lanes a label of `lines` lines takes above the axis.
fn label_units(lines: usize) -> usize {
    ((label_height(lines) + LABEL_GAP_Y) / LANE_UNIT).ceil() as usize
}

/// Lanes an interval takes below the axis: its label, then its bar.
fn interval_units(lines: usize) -> usize {
    ((label_height(lines) + BAR_LABEL_GAP + BAR_HEIGHT + 2.0 * LABEL_GAP_Y) / LANE_UNIT).ceil()
        as usize
}

/// Packs the intervals `keep` into lanes below the axis, each with its
/// label over the start of its bar (or against the right edge): in order
/// of start, each goes to the topmost lanes where neither its bar nor its
/// label touches another; those that would need more than `max_units`
/// lanes are left out.
fn pack_intervals(
    items: &[Item],
    keep: &[usize],
    left: f64,
    right: f64,
    max_units: usize,
) -> Vec<Slot> {
    let mut order = keep.to_vec();
    order.sort_by(|&a, &b| {
        items[a]
            .anchor
            .total_cmp(&items[b].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let mut lanes = Lanes::new(max_units);
    let mut out = Vec::with_capacity(order.len());
    for i in order {
        let p = &items[i];
        let (bx0, bx1) = p.bar.unwrap_or((p.anchor, p.anchor));
        let x0 = bx0.min(right - p.width).max(left);
        let a = x0.min(bx0) - LABEL_GAP_X;
        let b = (x0 + p.width).max(bx1) + LABEL_GAP_X;
        let units = p.units;
        let mut k = 0;
        while k + units <= max_units {
            match (k..k + units).rev().find(|&j| lanes.blocked(j, a, b, true)) {
                Some(j) => k = j + 1,
                None => break,
            }
        }
        if k + units > max_units {
            continue;
        }
        for j in k..k + units {
            lanes.add(j, a, b, true);
        }
        out.push(Slot {
            item: i,
            lane: k,
            units,
            x0,
            align: Align::Start,
            side: Side::Below,
        });
    }
    out
}

/// Where the labels of the instants `keep` go: all above the axis when
/// they fit there low enough, else every other instant (by position)
/// below it, each side then taking what the other could not place. Those
/// that find no room are left out. `below` holds the tick labels that
/// labels below the axis must avoid.
fn place_instants(
    items: &[Item],
    keep: &[usize],
    left: f64,
    right: f64,
    below: &Lanes,
    hangs: &[Hang],
) -> Vec<Slot> {
    let above = Lanes::new(below.lanes.len());
    let height = |v: &[Slot]| v.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    let area: f64 = keep
        .iter()
        .map(|&i| (items[i].width + LABEL_GAP_X) * items[i].units as f64 * LANE_UNIT)
        .sum();
    // One side is tried only when the labels could fit low enough there.
    let one_side = (area <= (right - left) * ONE_SIDE_HEIGHT)
        .then(|| choose_slots(items, keep, left, right, &above, Side::Above, hangs).0);
    if let Some(v) = &one_side {
        if v.len() == keep.len() && height(v) as f64 * LANE_UNIT <= ONE_SIDE_HEIGHT {
            return v.clone();
        }
    }
    let mut by_x = keep.to_vec();
    by_x.sort_by(|&a, &b| {
        items[a]
            .anchor
            .total_cmp(&items[b].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let (mut todo, mut down) = (Vec::new(), Vec::new());
    for (k, &i) in by_x.iter().enumerate() {
        if k % 2 == 0 {
            todo.push(i);
        } else {
            down.push(i);
        }
    }
    // Up, down, then what is left up and down again on the lanes so far;
    let two_sided = |hangs: &[Hang]| {
        let mut todo = todo.clone();
        let mut down = down.clone();
        let mut lanes = [above.clone(), below.clone()];
        let mut placed: Vec<Slot> = Vec::with_capacity(keep.len());
        let mut done = vec![false; items.len()];
        for (pass, side) in [Side::Above, Side::Below, Side::Above, Side::Below]
            .into_iter()
            .enumerate()
        {
            if pass == 1 {
                todo.append(&mut down);
            }
            todo.retain(|&i| !done[i]);
            if todo.is_empty() {
                break;
            }
            let k = usize::from(side == Side::Below);
            let (v, l) = choose_slots(items, &todo, left, right, &lanes[k], side, hangs);
            for s in &v {
                done[s.item] = true;
            }
            placed.extend(v);
            lanes[k] = l;
        }
        placed
    };
    let placed = two_sided(hangs);
    // Two sides are worth it only if they show more, or as many lower.
    match one_side {
        Some(v)
            if v.len() > placed.len()
                || (v.len() == placed.len()
                    && height(&v) <= height(&placed) + 2 * label_units(3)) =>
        {
            v
        }
        _ => placed,
    }
}

/// Chooses where the labels of the instants `keep` go on one `side`,
/// starting from the lanes `base`; those that find no room are left out.
/// A label placed low blocks the leaders that would cross it, so the
/// events under a label's text should be placed first. Labels hang right
/// of their leader when there is room; or, in a run of leaders closer
/// than a label's width, the first half hangs left and the second half
/// right, so that the run is capped by a pyramid of labels, half as tall
/// as a staircase. Those that hang right go right to left, those that
/// hang left left to right. The first try that places every label wins,
/// else the lowest of those that place the most.
fn choose_slots(
    items: &[Item],
    keep: &[usize],
    left: f64,
    right: f64,
    base: &Lanes,
    side: Side,
    hangs: &[Hang],
) -> (Vec<Slot>, Lanes) {
    let mut desc: Vec<usize> = keep.to_vec();
    desc.sort_by(|&a, &b| {
        items[b]
            .anchor
            .total_cmp(&items[a].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let asc: Vec<usize> = desc.iter().rev().copied().collect();
    let height = |v: &[Slot]| v.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    let mut best: Option<(Vec<Slot>, Lanes)> = None;
    for &strategy in hangs {
        let prefer_left = match strategy {
            Hang::Pyramid => hang_pyramids(items, &asc),
            Hang::Quieter => hang_quieter(items, &asc),
            Hang::Right => vec![false; items.len()],
        };
        let hangs_left = |i: &usize| {
            candidates(&items[*i], left, right, prefer_left[*i])
                .first()
                .is_none_or(|c| c.1 == Align::End)
        };
        let to_left: Vec<usize> = asc.iter().copied().filter(|i| hangs_left(i)).collect();
        let to_right: Vec<usize> = desc.iter().copied().filter(|i| !hangs_left(i)).collect();
        let left_first: Vec<usize> = to_left.iter().chain(&to_right).copied().collect();
        let right_first: Vec<usize> = to_right.iter().chain(&to_left).copied().collect();
        for order in [&left_first, &right_first] {
            let (v, l) = place_labels(items, order, left, right, base, &prefer_left, side);
            let better = best.as_ref().is_none_or(|b| {
                v.len() > b.0.len() || (v.len() == b.0.len() && height(&v) < height(&b.0))
            });
            if better {
                best = Some((v, l));
            }
        }
        if let Some(b) = &best {
            if b.0.len() == keep.len() && height(&b.0) as f64 * LANE_UNIT <= ONE_SIDE_HEIGHT {
                break;
            }
        }
    }
    best.unwrap_or_else(|| (Vec::new(), base.clone()))
}

/// Every way of hanging labels, most natural first.
const HANGS: [Hang; 3] = [Hang::Right, Hang::Pyramid, Hang::Quieter];

/// How labels choose the side of their leader they hang on.
#[derive(Debug, Clone, Copy)]
enum Hang {
    /// See [`hang_pyramids`].
    Pyramid,
    /// See [`hang_quieter`].
    Quieter,
    /// Right when there is room.
    Right,
}

/// Which labels should hang left: those with fewer leaders within their
/// width on the left than on the right.
fn hang_quieter(items: &[Item], asc: &[usize]) -> Vec<bool> {
    let xs: Vec<f64> = asc.iter().map(|&i| items[i].anchor).collect();
    let mut prefer_left = vec![false; items.len()];
    for &i in asc {
        let (a, w) = (items[i].anchor, items[i].width);
        let before = xs.partition_point(|&x| x < a) - xs.partition_point(|&x| x < a - w);
        let after = xs.partition_point(|&x| x <= a + w) - xs.partition_point(|&x| x <= a);
        prefer_left[i] = before < after;
    }
    prefer_left
}

/// Which labels should hang left: in each run of leaders closer than a
/// label's width (`asc`: by position), the first half.
fn hang_pyramids(items: &[Item], asc: &[usize]) -> Vec<bool> {
    // Runs of leaders closer than a label's width: the first half of a
    // run hangs left, the second half right.
    let reach = asc
        .iter()
        .map(|&i| items[i].width + LABEL_GAP_X)
        .fold(0.0, f64::max);
    let mut prefer_left = vec![false; items.len()];
    let mut start = 0;
    for k in 1..=asc.len() {
        if k == asc.len() || items[asc[k]].anchor - items[asc[k - 1]].anchor >= reach {
            let half = (k - start) / 2;
            for &i in &asc[start..start + half] {
                prefer_left[i] = true;
            }
            start = k;
        }
    }
    prefer_left
}

/// The lanes below the axis with the tick labels in them: no label may
/// cover one, but a leader may pass behind it (the writer draws tick
/// labels last, on a patch of background).
fn tick_obstacles(scale: &Scale, max_units: usize) -> Lanes {
    let mut lanes = Lanes::new(max_units);
    let axis = build_axis(scale, 0.0);
    for l in axis.ticks.iter().filter_map(|t| t.label.as_ref()) {
        let b = l.bbox();
        let first = ((b.y - BELOW_OFFSET) / LANE_UNIT).floor().max(0.0) as usize;
        let last = ((b.bottom() - BELOW_OFFSET) / LANE_UNIT).ceil() as usize;
        for k in first..last.min(max_units) {
            lanes.add(k, b.x - POLE_GAP, b.right() + POLE_GAP, false);
        }
    }
    lanes
}

/// The mark of an instant on the axis at `axis_y`.
fn on_axis(mark: &Mark, axis_y: f64) -> Mark {
    let mut mark = mark.clone();
    match &mut mark {
        Mark::Dot { cy, .. } | Mark::Span { cy, .. } | Mark::Symbol { cy, .. } => *cy = axis_y,
        Mark::Bar { y, .. } => *y = axis_y,
    }
    mark
}

/// The label lines of `p` from `top`, aligned at `x`, and their box.
fn label_at(p: &Pending, x0: f64, top: f64, align: Align) -> (Vec<TextLine>, Rect) {
    let x = match align {
        Align::End => x0 + p.width,
        _ => x0,
    };
    let align = if align == Align::End {
        Align::End
    } else {
        Align::Start
    };
    let mut label = Vec::with_capacity(p.lines.len());
    let mut ly = top;
    for (i, line) in p.lines.iter().enumerate() {
        let (size, role, step) = if i == 0 {
            (DATE_FONT, TextRole::LabelDate, DATE_LINE)
        } else {
            (LABEL_FONT, TextRole::LabelTitle, LABEL_LINE)
        };
        label.push(TextLine::new(line.clone(), x, ly, size, align, role));
        ly += step;
    }
    let label_box = Rect {
        x: x0,
        y: top,
        w: p.width,
        h: label_height(p.lines.len()),
    };
    (label, label_box)
}

/// The final geometry of the instants of a placed item: their labels
/// stacked in date order, one leader shared.
#[allow(clippy::too_many_arguments)]
fn instant_geoms(
    pending: &[Pending],
    item: &Item,
    slot: &Slot,
    label_bottom: f64,
    below_top: f64,
    axis_y: f64,
    tags: &[String],
    out: &mut Vec<(f64, usize, EventGeom)>,
) {
    let top = match slot.side {
        Side::Above => label_bottom - (slot.lane + slot.units) as f64 * LANE_UNIT + LABEL_GAP_Y,
        Side::Below => below_top + slot.lane as f64 * LANE_UNIT + LABEL_GAP_Y,
    }
    .round();
    let group_box = Rect {
        x: slot.x0,
        y: top,
        w: item.width,
        h: stack_height(pending, &item.members),
    };
    let mut y = top;
    for &i in &item.members {
        let p = &pending[i];
        let mark = on_axis(&p.mark, axis_y);
        let x0 = match slot.align {
            Align::End => slot.x0 + item.width - p.width,
            _ => slot.x0,
        };
        let (label, label_box) = label_at(p, x0, y, slot.align);
        y = (label_box.bottom() + STACK_GAP).round();
        let pole = match slot.side {
            Side::Above => (
                item.anchor,
                (group_box.bottom() + 2.0).round(),
                mark.bbox().y,
            ),
            Side::Below => (item.anchor, mark.bbox().bottom(), group_box.y - 2.0),
        };
        let mut g = finish_geom(p, mark, label, label_box, pole, tags);
        g.group_box = group_box;
        out.push((p.anchor, p.index, g));
    }
}

/// The final geometry of a placed interval: its label, then its bar, in
/// the lanes under the axis that start at `bars_top`.
fn interval_geom(p: &Pending, slot: &Slot, bars_top: f64, tags: &[String]) -> EventGeom {
    let top = (bars_top + slot.lane as f64 * LANE_UNIT + LABEL_GAP_Y).round();
    let (label, label_box) = label_at(p, slot.x0, top, Align::Start);
    let bar_y = (label_box.bottom() + BAR_LABEL_GAP).round();
    let mark = on_axis(&p.mark, bar_y);
    let (bx0, bx1) = p.bar.unwrap_or((p.anchor, p.anchor));
    let x = (bx0 + 2.0)
        .min((bx0 + bx1) / 2.0)
        .max(label_box.x)
        .min(label_box.right());
    let pole = (x, (label_box.bottom() + 1.0).round(), bar_y);
    finish_geom(p, mark, label, label_box, pole, tags)
}

fn finish_geom(
    p: &Pending,
    mark: Mark,
    label: Vec<TextLine>,
    label_box: Rect,
    pole: (f64, f64, f64),
    tags: &[String],
) -> EventGeom {
    let e = p.event;
    let specs: Vec<DateSpec> = match e.when {
        When::On(d) => vec![d],
        When::Between { start, end } => start.into_iter().chain(end).collect(),
    };
    EventGeom {
        id: e.id.clone(),
        title: e.title.clone(),
        tooltip: format!("{}: {}", date_text(e), e.title),
        interval: matches!(e.when, When::Between { .. }),
        precision: specs.first().map_or(Precision::Day, |d| d.date.precision()),
        approximate: specs.iter().any(|d| d.approximate),
        uncertain: specs.iter().any(|d| d.uncertain),
        inferred: e.inferred,
        tags: e.tags.clone(),
        paint: paint_of(e, tags),
        mark,
        label,
        label_box,
        group_box: label_box,
        pole,
    }
}

/// The axis line, its breaks and its ticks.
fn build_axis(scale: &Scale, axis_y: f64) -> Axis {
    let tick_top = axis_y + MARK_HALF + 5.0;
    let mut out = Vec::new();
    for seg in &scale.segments {
        for tm in ticks::ticks(seg, Metrics::get()) {
            out.push(Tick {
                x: tm.x.round(),
                label: tm.label.map(|s| {
                    TextLine::new(
                        s,
                        tm.label_x.round(),
                        tick_top,
                        ticks::TICK_FONT,
                        Align::Middle,
                        TextRole::Tick,
                    )
                }),
            });
        }
    }
    Axis {
        y: axis_y,
        segments: scale
            .segments
            .iter()
            .map(|s| (s.x0.round(), s.x1.round()))
            .collect(),
        breaks: scale
            .breaks()
            .into_iter()
            .map(|(a, b)| (a.round(), b.round()))
            .collect(),
        ticks: out,
    }
}

/// What the legend must explain: the encodings the shown events use. Tag
/// colours only when some event has a tag.
fn legend_keys(events: &[EventGeom]) -> Vec<LegendKey> {
    let mut keys = Vec::new();
    for e in events {
        keys.push(LegendKey::Paint(e.paint));
        keys.push(match &e.mark {
            Mark::Dot { .. } => LegendKey::Day,
            Mark::Bar { .. } => LegendKey::Interval,
            _ => LegendKey::Coarse,
        });
        if e.approximate || e.uncertain {
            keys.push(LegendKey::Approximate);
        }
        if e.inferred {
            keys.push(LegendKey::Inferred);
        }
        if let Mark::Bar {
            open_start,
            open_end,
            ..
        } = e.mark
        {
            if open_start || open_end {
                keys.push(LegendKey::Open);
            }
        }
    }
    keys.sort();
    keys.dedup();
    let has_tags = keys
        .iter()
        .any(|k| matches!(k, LegendKey::Paint(Paint::Tag(_) | Paint::OtherTag)));
    if !has_tags {
        keys.retain(|k| !matches!(k, LegendKey::Paint(_)));
    }
    keys
}

/// Lays the legend out in rows from `top`; returns it and its bottom.
fn build_legend(
    keys: Vec<LegendKey>,
    tags: &[String],
    width: f64,
    top: f64,
) -> (Vec<LegendItem>, f64) {
    let m = Metrics::get();
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (MARGIN, top);
    for key in keys {
        let text = match &key {
            LegendKey::Paint(Paint::Tag(i)) => tags.get(*i).cloned().unwrap_or_default(),
            LegendKey::Paint(Paint::OtherTag) => "other tags".to_string(),
            LegendKey::Paint(Paint::Untagged) => "untagged".to_string(),
            LegendKey::Day => "day".to_string(),
            LegendKey::Coarse => "month, year or longer".to_string(),
            LegendKey::Interval => "interval".to_string(),
            LegendKey::Approximate => "approximate or uncertain".to_string(),
            LegendKey::Inferred => "inferred date".to_string(),
            LegendKey::Open => "open end".to_string(),
        };
        let text = m.truncate(&text, SMALL_FONT, (width - 2.0 * MARGIN - 40.0) / 2.0);
        let item_w = 22.0 + m.width(&text, SMALL_FONT) + 16.0;
        if lx > MARGIN && lx + item_w - 16.0 > width - MARGIN {
            lx = MARGIN;
            ly += 18.0;
        }
        let swatch = Rect {
            x: lx,
            y: ly + 1.0,
            w: 16.0,
            h: 10.0,
        };
        let label = TextLine::new(
            text,
            lx + 22.0,
            ly,
            SMALL_FONT,
            Align::Start,
            TextRole::Legend,
        );
        legend.push(LegendItem { key, swatch, label });
        lx += item_w;
    }
    let bottom = if legend.is_empty() {
        ly
    } else {
        ly + m.height(SMALL_FONT)
    };
    (legend, bottom)
}

/// Where a label went.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Index into the pending labels.
    item: usize,
    /// Lowest lane.
    lane: usize,
    /// Lanes used.
    units: usize,
    /// Left of the text box.
    x0: f64,
    /// How the text lines align in the box.
    align: Align,
    /// Above or below the axis.
    side: Side,
}

/// Which side of the axis a label is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Above: the leader rises from the mark.
    Above,
    /// Below: the leader drops from the mark, past the tick labels.
    Below,
}

/// Where a label's box may go, most natural first: hanging right of its
/// leader (or left, with `prefer_left`), hanging the other way, or pushed
/// against the canvas edge. The leader always ends at the box.
fn candidates(p: &Item, left: f64, right: f64, prefer_left: bool) -> Vec<(f64, Align)> {
    let w = p.width;
    let a = p.anchor;
    let mut out = Vec::with_capacity(4);
    let mut sides = [(a - POLE_GAP, Align::Start), (a + POLE_GAP - w, Align::End)];
    if prefer_left {
        sides.swap(0, 1);
    }
    for (x0, align) in [
        sides[0],
        sides[1],
        (right - w, Align::End),
        (left, Align::Start),
    ] {
        let fits = x0 >= left && x0 + w <= right && a >= x0 && a <= x0 + w;
        if fits && !out.iter().any(|(x, _)| *x == x0) {
            out.push((x0, align));
        }
    }
    out
}

/// Places labels greedily in `order`; those that find no room are left
/// out. Each label takes the candidate position with the lowest free
/// lane; when none is free, others may be lifted to make room
/// ([`insert_band`]).
fn place_labels(
    items: &[Item],
    order: &[usize],
    left: f64,
    right: f64,
    base: &Lanes,
    prefer_left: &[bool],
    side: Side,
) -> (Vec<Slot>, Lanes) {
    let max_units = base.lanes.len();
    let mut lanes = base.clone();
    let mut out: Vec<Slot> = Vec::with_capacity(order.len());
    let mut inserted = 0;
    // The leaders still to come: a box over one of them forces that label
    // lower, so the candidate covering the fewest wins, then the lowest.
    let mut waiting: Vec<f64> = order.iter().map(|&i| items[i].anchor).collect();
    waiting.sort_by(f64::total_cmp);
    for &i in order {
        let p = &items[i];
        let units = p.units;
        if let Ok(at) = waiting.binary_search_by(|x| x.total_cmp(&p.anchor)) {
            waiting.remove(at);
        }
        let covered = |x0: f64| {
            waiting.partition_point(|&x| x <= x0 + p.width + LABEL_GAP_X)
                - waiting.partition_point(|&x| x < x0 - LABEL_GAP_X)
        };
        let cands = candidates(p, left, right, prefer_left[i]);
        let mut best: Option<(usize, usize, f64, Align)> = None;
        for &(x0, align) in &cands {
            if let Some(k) = lowest_lane(&lanes, p.anchor, x0, x0 + p.width, units, max_units) {
                let c = covered(x0);
                if best.is_none_or(|b| (c, k) < (b.0, b.1)) {
                    best = Some((c, k, x0, align));
                }
            }
        }
        let best = best.map(|b| (b.1, b.2, b.3));
        let slot = match best {
            Some((k, x0, align)) => {
                for j in 0..k {
                    lanes.add(j, p.anchor - 1.0, p.anchor + 1.0, false);
                }
                for j in k..k + units {
                    lanes.add(j, x0, x0 + p.width, true);
                }
                Slot {
                    item: i,
                    lane: k,
                    units,
                    x0,
                    align,
                    side,
                }
            }
            None if inserted < MAX_INSERTS => {
                let Some((at, x0, align)) = insert_band(items, &out, base, p, &cands) else {
                    continue;
                };
                let slot = Slot {
                    item: i,
                    lane: at,
                    units,
                    x0,
                    align,
                    side,
                };
                lift(items, &mut out, &mut lanes, &slot);
                inserted += 1;
                slot
            }
            None => continue,
        };
        out.push(slot);
    }
    (out, lanes)
}

/// Lifts every label of `placed` from lane `new.lane` up by `new.units`
/// lanes and puts `new` (with its leader) into the gap.
fn lift(items: &[Item], placed: &mut [Slot], lanes: &mut Lanes, new: &Slot) {
    let (at, u) = (new.lane, new.units);
    let max_units = lanes.lanes.len();
    lanes
        .lanes
        .splice(at..at, std::iter::repeat_n(Lane::default(), u));
    lanes.lanes.truncate(max_units);
    for s in placed.iter_mut() {
        let q = &items[s.item];
        if s.lane >= at {
            s.lane += u;
            for j in at..at + u {
                lanes.add(j, q.anchor - 1.0, q.anchor + 1.0, false);
            }
        } else if s.lane + s.units > at {
            // Spans the cut: it stays, its top moves back down.
            for j in s.lane + s.units..s.lane + s.units + u {
                lanes.remove(j, s.x0, s.x0 + q.width);
            }
            for j in at..at + u {
                lanes.add(j, s.x0, s.x0 + q.width, true);
            }
        }
    }
    let p = &items[new.item];
    for j in 0..at {
        lanes.add(j, p.anchor - 1.0, p.anchor + 1.0, false);
    }
    for j in at..at + u {
        lanes.add(j, new.x0, new.x0 + p.width, true);
    }
}

/// At most this many labels per side are placed by lifting others.
const MAX_INSERTS: usize = 1000;

/// Where the label of `p`, which finds no free room, can go if every
/// label from some lane up is lifted by its height: the lowest such lane
/// and a candidate position. Lifting keeps the placed labels legible
/// (their leaders only grow through the new gap), so the new label must
/// avoid, in the gap, the leaders of the lifted labels and the labels
/// that span the cut; and its own leader must cross no label below it.
/// `None` when no lane works or the chart would grow too tall.
fn insert_band(
    items: &[Item],
    placed: &[Slot],
    base: &Lanes,
    p: &Item,
    cands: &[(f64, Align)],
) -> Option<(usize, f64, Align)> {
    let max_units = base.lanes.len();
    let used = placed.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    if used + p.units > max_units {
        return None;
    }
    // Below the axis the tick labels stay where they are: no cut under them.
    let floor = base
        .lanes
        .iter()
        .rposition(|l| !l.items.is_empty())
        .map_or(0, |k| k + 1);
    let mut cuts: Vec<usize> = placed
        .iter()
        .map(|s| s.lane)
        .filter(|&l| l >= floor)
        .collect();
    cuts.push(floor);
    cuts.sort_unstable();
    cuts.dedup();
    let hits = |a: f64, b: f64, x0: f64, x1: f64| a <= x1 && x0 <= b;
    for at in cuts.into_iter().filter(|&at| at + p.units <= max_units) {
        let (pa, pb) = (p.anchor - 1.0, p.anchor + 1.0);
        let pole_blocked = placed.iter().any(|s| {
            let q = &items[s.item];
            s.lane < at && hits(pa, pb, s.x0, s.x0 + q.width)
        });
        if pole_blocked || (0..at).any(|j| base.blocked(j, pa, pb, false)) {
            continue;
        }
        for &(x0, align) in cands {
            let (a, b) = (x0 - LABEL_GAP_X, x0 + p.width + LABEL_GAP_X);
            let blocked = placed.iter().any(|s| {
                let q = &items[s.item];
                if s.lane >= at {
                    hits(a, b, q.anchor - 1.0, q.anchor + 1.0)
                } else {
                    s.lane + s.units > at && hits(a, b, s.x0, s.x0 + q.width)
                }
            });
            if !blocked {
                return Some((at, x0, align));
            }
        }
    }
    None
}

/// The lowest lane where a label box `[bx0, bx1]` of `units` lanes fits,
/// with its pole at `anchor` crossing no label below it.
fn lowest_lane(
    lanes: &Lanes,
    anchor: f64,
    bx0: f64,
    bx1: f64,
    units: usize,
    max_units: usize,
) -> Option<usize> {
    let (ba, bb) = (bx0 - LABEL_GAP_X, bx1 + LABEL_GAP_X);
    let (pa, pb) = (anchor - 1.0, anchor + 1.0);
    let mut k = 0;
    while k + units <= max_units {
        // The pole passes lanes 0..k: it must not cross a label there.
        if k > 0 && lanes.blocked(k - 1, pa, pb, false) {
            return None;
        }
        if let Some(j) = (k..k + units)
            .rev()
            .find(|&j| lanes.blocked(j, ba, bb, true))
        {
            // Skip past the obstacle, checking the pole on the way.
            while k <= j {
                if k > 0 && lanes.blocked(k - 1, pa, pb, false) {
                    return None;
                }
                k += 1;
            }
            continue;
        }
        return Some(k);
    }
    None
}

/// Height of a label of `lines` lines (date line plus title lines).
fn label_height(lines: usize) -> f64 {
    let m = Metrics::get();
    if lines <= 1 {
        m.height(DATE_FONT)
    } else {
        DATE_LINE + (lines - 2) as f64 * LABEL_LINE + m.height(LABEL_FONT)
    }
}

/// Cuts `[x0, x1]` where it crosses axis breaks (leaving a small gap).
fn cut_at_breaks(x0: f64, x1: f64, breaks: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut a = x0;
    for &(b0, b1) in breaks {
        if b1 <= a || b0 >= x1 {
            continue;
        }
        let mid = (b0 + b1) / 2.0;
        let cut0 = (mid - BREAK_WIDTH / 6.0).round();
        let cut1 = (mid + BREAK_WIDTH / 6.0).round();
        if cut0 > a {
            out.push((a, cut0));
        }
        a = cut1.max(a);
    }
    if x1 > a {
        out.push((a, x1));
    }
    if out.is_empty() {
        out.push((x0, x1));
    }
    out
}
