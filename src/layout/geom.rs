//! The chart's geometry: the types [`layout`](super::layout) returns.
//!
//! Everything is in pixels, with no colours and no SVG: boxes, text lines
//! measured with the embedded font, marks, the axis and the legend.

use super::*;
use chrono::NaiveDate;

/// Layout options (the geometric part of [`crate::render::RenderOptions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Chart width in pixels.
    pub width: f64,
    /// Title override (else the timeline's title).
    pub title: Option<String>,
    /// The chart is at most about this tall; what does not fit is
    /// summarised and counted.
    pub max_height: f64,
    /// Events the user's filter left out of the timeline (said in the
    /// note).
    pub filtered_out: usize,
    /// The first and last day to show (`--from`, `--to`): intervals that
    /// reach past them are cut there.
    pub window: (Option<NaiveDate>, Option<NaiveDate>),
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 800.0,
            title: None,
            max_height: DEFAULT_MAX_HEIGHT,
            filtered_out: 0,
            window: (None, None),
        }
    }
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
    pub(crate) fn new(
        text: String,
        x: f64,
        y: f64,
        size: f64,
        align: Align,
        role: TextRole,
    ) -> TextLine {
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
