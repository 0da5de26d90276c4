//! Layout: the pure geometry of a chart, computed from a timeline.
//!
//! [`layout`] turns a [`Timeline`] into a [`Chart`]: every position, size and
//! text line in pixels, with no colours and no SVG. The SVG writer
//! ([`crate::render`]) only serialises a `Chart`; tests check the geometry
//! directly (labels never overlap each other, the marks or the canvas edge).
//!
//! From top to bottom a chart has a title, an optional note (`+312 more
//! events not shown`), the label area, the interval bars, the time axis with
//! the instants on it, the tick labels and a legend.
//!
//! - The axis is a piecewise-linear [`scale::Scale`]: long empty stretches
//!   are cut out and shown as breaks.
//! - Instants sit on the axis: a dot for a day, a bracket spanning the month
//!   (year, decade…) when it is wide enough, otherwise a diamond (month) or
//!   a square (coarser). Intervals are bars above the axis, stacked in lanes
//!   when they overlap; an open end runs to the edge of the chart with an
//!   arrow.
//! - Each event gets a label, the date as people write it and the title
//!   wrapped to at most three lines, hung on a thin "flag pole" (a leader line)
//!   that rises from its mark. Labels are packed into lanes of
//!   [`LANE_UNIT`] pixels, lowest lane first, so that no label touches
//!   another label or another label's pole; a label that finds no room
//!   below the height limit is left out and counted in the note.
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
/// Distance from a pole to its label text.
pub const POLE_GAP: f64 = 4.0;
/// Height of an interval bar.
pub const BAR_HEIGHT: f64 = 10.0;
/// Vertical pitch of interval lanes.
pub const BAR_PITCH: f64 = 14.0;
/// At most this many interval lanes.
pub const MAX_BAR_LANES: usize = 8;
/// Radius of an instant's dot.
pub const DOT_RADIUS: f64 = 5.0;
/// Half-height of a bracket or symbol mark.
pub const MARK_HALF: f64 = 5.0;
/// The label area never grows beyond this many pixels.
pub const MAX_LABEL_HEIGHT: f64 = 640.0;
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
    /// The leader line (pole): x, top y, bottom y.
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
        } => format!("{} – {}", human_spec(a), human_spec(b)),
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
    anchor: f64,
    /// The mark, at provisional y 0 (the axis).
    mark: Mark,
    /// The interval lane, for bars.
    bar_lane: usize,
    lines: Vec<String>,
    width: f64,
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

    let dated: Vec<(usize, &Event)> = t
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.when.sort_key().is_some())
        .collect();
    let undated = t.events.len() - dated.len();
    if dated.is_empty() {
        let empty = TextLine::new(
            "No events".to_string(),
            width / 2.0,
            y + 40.0,
            14.0,
            Align::Middle,
            TextRole::Empty,
        );
        let height = (empty.bbox().bottom() + 40.0 + MARGIN).round();
        let note = (undated > 0).then(|| {
            TextLine::new(
                format!("{undated} undated events not shown"),
                MARGIN,
                y,
                SMALL_FONT,
                Align::Start,
                TextRole::Note,
            )
        });
        return Chart {
            width,
            height,
            description: format!("{}: no events.", title.text),
            title: Some(title),
            note,
            empty: Some(empty),
            axis: None,
            events: Vec::new(),
            omitted: undated,
            legend: Vec::new(),
            tags: Vec::new(),
        };
    }

    // Horizontal: the scale.
    let mut points = Vec::new();
    for (_, e) in &dated {
        if let Some(d) = e.when.first_day() {
            points.push(day_number(d));
        }
        if let Some(d) = e.when.last_day() {
            points.push(day_number(d) + 1.0);
        }
    }
    let left = MARGIN;
    let right = width - MARGIN;
    let scale = Scale::new(&points, left, right);
    let tags = tag_slots(t);
    // Never more than half the plot, so a label always fits on one side of
    // its pole.
    let crowded = dated.len() > 40;
    let max_label = (width * if crowded { 0.2 } else { 0.3 })
        .clamp(110.0, 260.0)
        .min((right - left) / 2.0 - 2.0 * POLE_GAP);

    // Marks (y is provisional: 0 is the axis; bars get their lane later).
    let mut bar_lanes: Vec<f64> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut omitted = undated;
    let mut order: Vec<(usize, &Event)> = dated.clone();
    order.sort_by(|a, b| {
        a.1.when
            .sort_key()
            .cmp(&b.1.when.sort_key())
            .then(a.0.cmp(&b.0))
    });
    for (index, e) in order {
        let (mark, anchor, bar_lane) = match e.when {
            When::On(d) => {
                let a = day_number(d.date.first_day());
                let b = day_number(d.date.last_day()) + 1.0;
                let (xa, xb) = (scale.x(a), scale.x(b));
                let cx = ((xa + xb) / 2.0).round();
                if d.date.precision() == Precision::Day {
                    (
                        Mark::Dot {
                            cx,
                            cy: 0.0,
                            r: DOT_RADIUS,
                        },
                        cx,
                        0,
                    )
                } else if xb - xa >= 2.0 * MARK_HALF + 2.0 {
                    (
                        Mark::Span {
                            x0: xa.round(),
                            x1: xb.round(),
                            cy: 0.0,
                            half: MARK_HALF,
                        },
                        cx,
                        0,
                    )
                } else {
                    let shape = if d.date.precision() == Precision::Month {
                        Symbol::Diamond
                    } else {
                        Symbol::Square
                    };
                    (
                        Mark::Symbol {
                            cx,
                            cy: 0.0,
                            half: MARK_HALF,
                            shape,
                        },
                        cx,
                        0,
                    )
                }
            }
            When::Between { start, end } => {
                let x0 = match start {
                    Some(s) => scale.x(day_number(s.date.first_day())),
                    None => scale.left(),
                }
                .round();
                let x1 = match end {
                    Some(s) => scale.x(day_number(s.date.last_day()) + 1.0),
                    None => scale.right(),
                }
                .round()
                .max(x0 + 2.0);
                let lane = bar_lanes.iter().position(|&end| end + 4.0 <= x0);
                let lane = match lane {
                    Some(l) => l,
                    None if bar_lanes.len() < MAX_BAR_LANES => {
                        bar_lanes.push(f64::MIN);
                        bar_lanes.len() - 1
                    }
                    None => {
                        omitted += 1;
                        continue;
                    }
                };
                bar_lanes[lane] = x1;
                let pieces = cut_at_breaks(x0, x1, &scale.breaks());
                (
                    Mark::Bar {
                        pieces,
                        y: 0.0,
                        h: BAR_HEIGHT,
                        fade_start: start.is_some_and(|s| s.approximate || s.uncertain),
                        fade_end: end.is_some_and(|s| s.approximate || s.uncertain),
                        open_start: start.is_none(),
                        open_end: end.is_none(),
                    },
                    (x0 + 2.0).min(x1),
                    lane,
                )
            }
        };
        let date = date_text(e);
        let mut lines = vec![m.truncate(&date, DATE_FONT, max_label)];
        lines.extend(m.wrap(&e.title, LABEL_FONT, max_label, LABEL_MAX_LINES));
        let w = lines
            .iter()
            .enumerate()
            .map(|(i, l)| m.width(l, if i == 0 { DATE_FONT } else { LABEL_FONT }))
            .fold(0.0, f64::max)
            .ceil();
        pending.push(Pending {
            event: e,
            index,
            anchor,
            mark,
            bar_lane,
            lines,
            width: w,
        });
    }

    // Vertical: labels into lanes, counted upward from the label area's
    // bottom. A label placed low blocks the poles that would cross it, so
    // the events under a label's text should go first: labels hang to the
    // right of their pole and are placed right to left; those too close to
    // the right edge hang to the left and are placed left to right. The two
    // groups conflict where they meet, so both group orders are tried and
    // the one that shows more events wins (the first on a tie).
    let max_units = (MAX_LABEL_HEIGHT / LANE_UNIT) as usize;
    let hangs_left = |p: &Pending| p.anchor + POLE_GAP + p.width > right;
    let mut to_left: Vec<usize> = (0..pending.len())
        .filter(|&i| hangs_left(&pending[i]))
        .collect();
    let mut to_right: Vec<usize> = (0..pending.len())
        .filter(|&i| !hangs_left(&pending[i]))
        .collect();
    let by = |i: &usize| (pending[*i].anchor, pending[*i].index);
    to_left.sort_by(|a, b| by(a).0.total_cmp(&by(b).0).then(by(a).1.cmp(&by(b).1)));
    to_right.sort_by(|a, b| by(b).0.total_cmp(&by(a).0).then(by(a).1.cmp(&by(b).1)));
    let first: Vec<usize> = to_left.iter().chain(&to_right).copied().collect();
    let second: Vec<usize> = to_right.iter().chain(&to_left).copied().collect();
    let orders: Vec<&Vec<usize>> = if to_left.is_empty() || to_right.is_empty() {
        vec![&first]
    } else {
        vec![&first, &second]
    };
    let mut best: Vec<Slot> = Vec::new();
    for order in orders {
        for fallback in [false, true] {
            let attempt = place_labels(&pending, order, left, right, max_units, fallback);
            if attempt.len() > best.len() {
                best = attempt;
            }
        }
    }
    omitted += pending.len() - best.len();
    let used_units = best.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    let mut slots: Vec<Option<Slot>> = vec![None; pending.len()];
    for s in best {
        let i = s.item;
        slots[i] = Some(s);
    }
    let mut placed: Vec<(Pending, usize, usize, f64)> = pending
        .into_iter()
        .zip(slots)
        .filter_map(|(p, s)| s.map(|s| (p, s.lane, s.units, s.x0)))
        .collect();
    placed.sort_by(|a, b| {
        a.0.anchor
            .total_cmp(&b.0.anchor)
            .then(a.0.index.cmp(&b.0.index))
    });

    // Now the vertical positions.
    let note_text = (omitted > 0).then(|| format!("+{omitted} more events not shown"));
    let note = note_text.map(|s| {
        let line = TextLine::new(s, MARGIN, y, SMALL_FONT, Align::Start, TextRole::Note);
        y += m.height(SMALL_FONT) + 4.0;
        line
    });
    let label_top = y + 8.0;
    let label_bottom = label_top + used_units as f64 * LANE_UNIT;
    let bars_top = label_bottom + 4.0;
    let axis_y = (bars_top + bar_lanes.len() as f64 * BAR_PITCH + MARK_HALF + 4.0).round();
    let bar_y = |lane: usize| axis_y - MARK_HALF - 4.0 - (lane as f64 + 1.0) * BAR_PITCH + 2.0;

    let mut events = Vec::with_capacity(placed.len());
    let mut legend_keys: Vec<LegendKey> = Vec::new();
    for (p, k, units, bx0) in placed {
        let e = p.event;
        let mark = match p.mark {
            Mark::Dot { cx, r, .. } => Mark::Dot { cx, cy: axis_y, r },
            Mark::Span { x0, x1, half, .. } => Mark::Span {
                x0,
                x1,
                cy: axis_y,
                half,
            },
            Mark::Symbol {
                cx, half, shape, ..
            } => Mark::Symbol {
                cx,
                cy: axis_y,
                half,
                shape,
            },
            Mark::Bar {
                pieces,
                h,
                fade_start,
                fade_end,
                open_start,
                open_end,
                ..
            } => Mark::Bar {
                pieces,
                y: bar_y(p.bar_lane),
                h,
                fade_start,
                fade_end,
                open_start,
                open_end,
            },
        };
        let top = (label_bottom - (k + units) as f64 * LANE_UNIT + LABEL_GAP_Y).round();
        let right_side = bx0 > p.anchor;
        let mut label = Vec::with_capacity(p.lines.len());
        let mut ly = top;
        for (i, line) in p.lines.iter().enumerate() {
            let (size, role, step) = if i == 0 {
                (DATE_FONT, TextRole::LabelDate, DATE_LINE)
            } else {
                (LABEL_FONT, TextRole::LabelTitle, LABEL_LINE)
            };
            let (x, align) = if right_side {
                (bx0, Align::Start)
            } else {
                (bx0 + p.width, Align::End)
            };
            label.push(TextLine::new(line.clone(), x, ly, size, align, role));
            ly += step;
        }
        let label_box = Rect {
            x: bx0,
            y: top,
            w: p.width,
            h: label_height(p.lines.len()),
        };
        let mark_top = mark.bbox().y;
        let (approximate, uncertain) = match e.when {
            When::On(d) => (d.approximate, d.uncertain),
            When::Between { start, end } => (
                start.is_some_and(|d| d.approximate) || end.is_some_and(|d| d.approximate),
                start.is_some_and(|d| d.uncertain) || end.is_some_and(|d| d.uncertain),
            ),
        };
        let precision = match e.when {
            When::On(d) => d.date.precision(),
            When::Between { start, end } => {
                start.or(end).map_or(Precision::Day, |d| d.date.precision())
            }
        };
        let interval = matches!(e.when, When::Between { .. });
        let paint = paint_of(e, &tags);
        legend_keys.push(LegendKey::Paint(paint));
        legend_keys.push(match &mark {
            Mark::Dot { .. } => LegendKey::Day,
            Mark::Bar { .. } => LegendKey::Interval,
            _ => LegendKey::Coarse,
        });
        if approximate || uncertain {
            legend_keys.push(LegendKey::Approximate);
        }
        if e.inferred {
            legend_keys.push(LegendKey::Inferred);
        }
        if let Mark::Bar {
            open_start: true, ..
        }
        | Mark::Bar { open_end: true, .. } = mark
        {
            legend_keys.push(LegendKey::Open);
        }
        events.push(EventGeom {
            id: e.id.clone(),
            title: e.title.clone(),
            tooltip: format!("{}: {}", date_text(e), e.title),
            interval,
            precision,
            approximate,
            uncertain,
            inferred: e.inferred,
            tags: e.tags.clone(),
            paint,
            mark,
            label,
            label_box,
            pole: (p.anchor, top, mark_top),
        });
    }

    // Axis and ticks.
    let tick_top = axis_y + MARK_HALF + 5.0;
    let mut axis_ticks = Vec::new();
    for seg in &scale.segments {
        for tm in ticks::ticks(seg, m) {
            axis_ticks.push(Tick {
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
    let axis = Axis {
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
        ticks: axis_ticks,
    };

    // Legend.
    legend_keys.sort();
    legend_keys.dedup();
    let has_tags = legend_keys
        .iter()
        .any(|k| matches!(k, LegendKey::Paint(Paint::Tag(_) | Paint::OtherTag)));
    if !has_tags {
        legend_keys.retain(|k| !matches!(k, LegendKey::Paint(_)));
    }
    let mut legend = Vec::new();
    let mut lx = MARGIN;
    let mut ly = (tick_top + m.height(ticks::TICK_FONT) + 14.0).round();
    let row = 18.0;
    for key in legend_keys {
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
        let tw = m.width(&text, SMALL_FONT);
        let item_w = 22.0 + tw + 16.0;
        if lx > MARGIN && lx + item_w - 16.0 > width - MARGIN {
            lx = MARGIN;
            ly += row;
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
    let height = (bottom + MARGIN).round();

    let (t0, t1) = scale.domain();
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
        height,
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
}

/// Places labels greedily in `order`; returns the ones that found room.
/// Labels hang right of their pole when they fit; with `fallback`, also
/// left when the right side is blocked.
fn place_labels(
    pending: &[Pending],
    order: &[usize],
    left: f64,
    right: f64,
    max_units: usize,
    fallback: bool,
) -> Vec<Slot> {
    let mut lanes = Lanes::new(max_units);
    let mut out = Vec::new();
    for &i in order {
        let p = &pending[i];
        let h = label_height(p.lines.len());
        let units = ((h + LABEL_GAP_Y) / LANE_UNIT).ceil() as usize;
        let right_box = p.anchor + POLE_GAP;
        let left_box = p.anchor - POLE_GAP - p.width;
        let mut sides = Vec::with_capacity(2);
        if right_box + p.width <= right {
            sides.push(right_box);
        }
        // Hanging left is the fallback when the right is blocked (it may
        // block the poles of events placed later).
        if left_box >= left && (fallback || sides.is_empty()) {
            sides.push(left_box);
        }
        let best = sides.iter().find_map(|&bx0| {
            lowest_lane(&lanes, p.anchor, bx0, bx0 + p.width, units, max_units).map(|k| (k, bx0))
        });
        let Some((k, x0)) = best else {
            continue;
        };
        for j in 0..k + units {
            lanes.add(j, p.anchor - 1.0, p.anchor + 1.0, false);
        }
        for j in k..k + units {
            lanes.add(j, x0, x0 + p.width, true);
        }
        out.push(Slot {
            item: i,
            lane: k,
            units,
            x0,
        });
    }
    out
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
