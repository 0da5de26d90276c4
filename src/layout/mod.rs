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
//!   wrapped to at most three lines, set on a thin leader line that rises
//!   from its mark to just under the label. Labels are packed into lanes of
//!   [`LANE_UNIT`] pixels, lowest lane first, so that no label touches
//!   another label or another label's leader; a label that finds no room
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
/// How far a label's text starts before (or ends after) its leader.
pub const POLE_GAP: f64 = 3.0;
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
    // its leader.
    let crowded = dated.len() > 40;
    let max_label = (width * if crowded { 0.2 } else { 0.3 })
        .clamp(110.0, 260.0)
        .min((right - left) / 2.0 - 2.0 * POLE_GAP);
    let mut omitted = undated;
    let mut bar_lanes: Vec<f64> = Vec::new();
    let mut pending: Vec<Pending> = Vec::with_capacity(dated.len());
    for (index, e) in dated {
        let (mark, anchor, bar_lane) = match e.when {
            When::On(d) => {
                let (mark, anchor) = instant_mark(&d, &scale);
                (mark, anchor, 0)
            }
            When::Between { start, end } => {
                let Some((mark, lane)) = interval_mark(start, end, &scale, &mut bar_lanes) else {
                    omitted += 1;
                    continue;
                };
                let anchor = (mark.bbox().x + 2.0).min(mark.bbox().right());
                (mark, anchor, lane)
            }
        };
        let (lines, width) = label_lines(e, max_label, (right - left) / 2.0 - 2.0 * POLE_GAP);
        pending.push(Pending {
            event: e,
            index,
            anchor,
            mark,
            bar_lane,
            lines,
            width,
        });
    }

    // Vertical: labels into lanes, then everything gets its y.
    let mut slots = choose_slots(&pending, left, right);
    omitted += pending.len() - slots.len();
    let used_units = slots.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
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
    let axis_y =
        (label_bottom + 4.0 + bar_lanes.len() as f64 * BAR_PITCH + MARK_HALF + 4.0).round();
    slots.sort_by(|a, b| {
        let (pa, pb) = (&pending[a.item], &pending[b.item]);
        pa.anchor
            .total_cmp(&pb.anchor)
            .then(pa.index.cmp(&pb.index))
    });
    let events: Vec<EventGeom> = slots
        .iter()
        .map(|s| event_geom(&pending[s.item], s, label_bottom, axis_y, &tags))
        .collect();

    let axis = build_axis(&scale, axis_y);
    let legend_top = (axis_y + MARK_HALF + 5.0 + m.height(ticks::TICK_FONT) + 14.0).round();
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

/// The bar of an interval (at y 0) and its lane: the lowest lane whose last
/// bar ends before this one starts. `None` when every lane is taken.
fn interval_mark(
    start: Option<DateSpec>,
    end: Option<DateSpec>,
    scale: &Scale,
    bar_lanes: &mut Vec<f64>,
) -> Option<(Mark, usize)> {
    let x0 = start
        .map_or(scale.left(), |s| scale.x(day_number(s.date.first_day())))
        .round();
    let x1 = end
        .map_or(scale.right(), |s| {
            scale.x(day_number(s.date.last_day()) + 1.0)
        })
        .round()
        .max(x0 + 2.0);
    let lane = match bar_lanes.iter().position(|&end| end + 4.0 <= x0) {
        Some(l) => l,
        None if bar_lanes.len() < MAX_BAR_LANES => {
            bar_lanes.push(f64::MIN);
            bar_lanes.len() - 1
        }
        None => return None,
    };
    bar_lanes[lane] = x1;
    let fuzzy = |s: Option<DateSpec>| s.is_some_and(|s| s.approximate || s.uncertain);
    Some((
        Mark::Bar {
            pieces: cut_at_breaks(x0, x1, &scale.breaks()),
            y: 0.0,
            h: BAR_HEIGHT,
            fade_start: fuzzy(start),
            fade_end: fuzzy(end),
            open_start: start.is_none(),
            open_end: end.is_none(),
        },
        lane,
    ))
}

/// The lines of an event's label (date, then the wrapped title) and their
/// width. The date may be wider than the title (up to `max_date`): a date
/// is cut only when nothing else helps.
fn label_lines(e: &Event, max_label: f64, max_date: f64) -> (Vec<String>, f64) {
    let m = Metrics::get();
    let mut lines = vec![m.truncate(&date_text(e), DATE_FONT, max_date.max(max_label))];
    lines.extend(m.wrap(&e.title, LABEL_FONT, max_label, LABEL_MAX_LINES));
    let width = lines
        .iter()
        .enumerate()
        .map(|(i, l)| m.width(l, if i == 0 { DATE_FONT } else { LABEL_FONT }))
        .fold(0.0, f64::max)
        .ceil();
    (lines, width)
}

/// Chooses where every label goes. A label placed low blocks the leaders
/// that would cross it, so the events under a label's text should be
/// placed first; labels mostly hang to the right, so right to left is the
/// natural order, and those that must hang left go left to right. A few
/// orders and policies are tried; the first that shows the most events
/// wins.
fn choose_slots(pending: &[Pending], left: f64, right: f64) -> Vec<Slot> {
    let max_units = (MAX_LABEL_HEIGHT / LANE_UNIT) as usize;
    let mut desc: Vec<usize> = (0..pending.len()).collect();
    desc.sort_by(|&a, &b| {
        pending[b]
            .anchor
            .total_cmp(&pending[a].anchor)
            .then(pending[a].index.cmp(&pending[b].index))
    });
    let asc: Vec<usize> = desc.iter().rev().copied().collect();
    let hangs_left = |i: &usize| {
        candidates(&pending[*i], left, right)
            .first()
            .is_none_or(|c| c.1 == Align::End)
    };
    let to_left: Vec<usize> = asc.iter().copied().filter(|i| hangs_left(i)).collect();
    let to_right: Vec<usize> = desc.iter().copied().filter(|i| !hangs_left(i)).collect();
    let left_first: Vec<usize> = to_left.iter().chain(&to_right).copied().collect();
    let right_first: Vec<usize> = to_right.iter().chain(&to_left).copied().collect();
    let mut best: Vec<Slot> = Vec::new();
    for order in [&left_first, &right_first, &desc, &asc] {
        for fallback in [true, false] {
            let attempt = place_labels(pending, order, left, right, max_units, fallback);
            if attempt.len() > best.len() {
                best = attempt;
            }
            if best.len() == pending.len() {
                return best;
            }
        }
    }
    best
}

/// The final geometry of a placed event.
fn event_geom(
    p: &Pending,
    slot: &Slot,
    label_bottom: f64,
    axis_y: f64,
    tags: &[String],
) -> EventGeom {
    let e = p.event;
    let mark = match p.mark.clone() {
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
            y: axis_y - MARK_HALF - 4.0 - (p.bar_lane as f64 + 1.0) * BAR_PITCH + 2.0,
            h,
            fade_start,
            fade_end,
            open_start,
            open_end,
        },
    };
    let top = (label_bottom - (slot.lane + slot.units) as f64 * LANE_UNIT + LABEL_GAP_Y).round();
    let (x, align) = match slot.align {
        Align::End => (slot.x0 + p.width, Align::End),
        _ => (slot.x0, Align::Start),
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
        x: slot.x0,
        y: top,
        w: p.width,
        h: label_height(p.lines.len()),
    };
    let specs: Vec<DateSpec> = match e.when {
        When::On(d) => vec![d],
        When::Between { start, end } => start.into_iter().chain(end).collect(),
    };
    let pole = (p.anchor, (label_box.bottom() + 2.0).round(), mark.bbox().y);
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
}

/// Where a label's box may go, most natural first: hanging right of its
/// leader, hanging left, or pushed against the canvas edge. The leader
/// always ends under the box.
fn candidates(p: &Pending, left: f64, right: f64) -> Vec<(f64, Align)> {
    let w = p.width;
    let a = p.anchor;
    let mut out = Vec::with_capacity(4);
    for (x0, align) in [
        (a - POLE_GAP, Align::Start),
        (a + POLE_GAP - w, Align::End),
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

/// Places labels greedily in `order`; returns the ones that found room.
/// Each label takes its first candidate position, or with `fallback` the
/// candidate with the lowest free lane.
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
        let mut cands = candidates(p, left, right);
        if !fallback {
            cands.truncate(1);
        }
        let mut best: Option<(usize, f64, Align)> = None;
        for (x0, align) in cands {
            if let Some(k) = lowest_lane(&lanes, p.anchor, x0, x0 + p.width, units, max_units) {
                if best.is_none_or(|b| k < b.0) {
                    best = Some((k, x0, align));
                }
            }
        }
        let Some((k, x0, align)) = best else {
            continue;
        };
        for j in 0..k {
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
            align,
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
