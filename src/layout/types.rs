//! The chart's geometry: the types [`layout`](super::layout) returns.
//!
//! Everything is in pixels: boxes, text lines measured with the embedded
//! font, marks, the axis and the legend. The only colours are the tags'
//! ([`Paint`]), because a tag's colour is part of what the chart says; the
//! theme's colours are the writer's.

use chrono::NaiveDate;

use super::DEFAULT_MAX_HEIGHT;
use super::text::Metrics;
use crate::date::Precision;
use crate::timeline::Rgb;

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
    /// The line of a cluster label ("+12 events, 18–24 Mar 2013").
    Cluster,
    /// A legend entry.
    Legend,
}

/// One line of text, measured with the embedded font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text (shortened at a word, with "…", if it had to be).
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

/// The colour of a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Paint {
    /// A tag's own colour: from the palette (a stable hash of the tag's
    /// name) or set in the file's `colors:`.
    Tag(Rgb),
    /// A tag beyond the palette: one grey for all of them.
    OtherTag,
    /// No tag.
    Untagged,
}

/// The shape of a narrow coarse-precision instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Symbol {
    /// A month.
    Diamond,
    /// A year, decade or century.
    Square,
}

/// How an end of an interval's bar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BarEnd {
    /// A known date: a square end.
    Exact,
    /// An approximate or uncertain date: the bar fades out.
    Fuzzy,
    /// Unknown ("until 2012", "since 2005"): a short arrow fading away from
    /// the known end, never a bar to the edge of the chart.
    Open,
    /// Beyond the range shown (`--from`, `--to`): an arrow at the edge.
    Cut,
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
        /// How the start is drawn.
        start: BarEnd,
        /// How the end is drawn.
        end: BarEnd,
    },
    /// Events not shown one by one: a thin band on the axis over the
    /// stretch they are in.
    Cluster {
        /// Left.
        x0: f64,
        /// Right.
        x1: f64,
        /// Centre y.
        cy: f64,
        /// Half height.
        half: f64,
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
            Mark::Span { x0, x1, cy, half } | Mark::Cluster { x0, x1, cy, half } => Rect {
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

    /// The legend entry that explains this shape.
    pub fn legend_key(&self) -> LegendKey {
        match self {
            Mark::Dot { .. } => LegendKey::Day,
            Mark::Span { .. } => LegendKey::Span,
            Mark::Symbol {
                shape: Symbol::Diamond,
                ..
            } => LegendKey::Diamond,
            Mark::Symbol {
                shape: Symbol::Square,
                ..
            } => LegendKey::Square,
            Mark::Bar { .. } => LegendKey::Interval,
            Mark::Cluster { .. } => LegendKey::Cluster,
        }
    }
}

/// What every labelled thing on the chart has: a mark, a label and the
/// leader between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The mark.
    pub mark: Mark,
    /// Label lines: the date, then the title (a cluster: one line).
    pub label: Vec<TextLine>,
    /// The box of all label lines.
    pub label_box: Rect,
    /// The box the leader joins: the label box, or the stack of labels of
    /// the instants that share this leader.
    pub group_box: Rect,
    /// The leader line: x, top y, bottom y.
    pub pole: (f64, f64, f64),
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
    /// The colours of its mark, one per tag drawn (at most three), in tag
    /// order.
    pub paints: Vec<Paint>,
    /// The label had to be shortened (at a word, with "…").
    pub shortened: bool,
    /// Mark, label, leader.
    pub placed: Placed,
}

/// Events in one stretch of time that did not fit one by one, summarised
/// by one label ("+12 events, 18–24 Mar 2013").
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterGeom {
    /// The ids of its events, in date order.
    pub ids: Vec<String>,
    /// The first and last day its events cover.
    pub days: (NaiveDate, NaiveDate),
    /// Tooltip: the dates and titles of its events.
    pub tooltip: String,
    /// Mark, label, leader.
    pub placed: Placed,
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
    /// Axis breaks `(x0, x1)`: time is skipped or the scale changes.
    pub breaks: Vec<(f64, f64)>,
    /// Ticks.
    pub ticks: Vec<Tick>,
}

/// What a legend entry explains.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegendKey {
    /// A tag's colour.
    Tag {
        /// The tag.
        name: String,
        /// Its colour.
        paint: Paint,
    },
    /// The grey of tags beyond the palette.
    OtherTags,
    /// The colour of events without tags.
    Untagged,
    /// A day (a dot).
    Day,
    /// A month or longer, spanned (a bracket).
    Span,
    /// A month too narrow to span (a diamond).
    Diamond,
    /// A year or longer too narrow to span (a square).
    Square,
    /// An interval (a bar).
    Interval,
    /// An approximate or uncertain date (hollow, or a fading bar end).
    Approximate,
    /// An inferred date (dashed, faded).
    Inferred,
    /// An unknown end of an interval (a fading arrow).
    Open,
    /// An interval running on past the range shown (an arrow at the edge).
    Cut,
    /// Events not shown one by one (a grey band).
    Cluster,
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
    /// The title lines (one or two).
    pub title: Vec<TextLine>,
    /// A short description for `<desc>`.
    pub description: String,
    /// "+N events not shown (use --from/--to or --max-events)".
    pub note: Option<TextLine>,
    /// "No events" for an empty timeline.
    pub empty: Option<TextLine>,
    /// The axis (absent when there are no events).
    pub axis: Option<Axis>,
    /// The events shown one by one, in placement order (by position).
    pub events: Vec<EventGeom>,
    /// Summaries of the events that did not fit one by one.
    pub clusters: Vec<ClusterGeom>,
    /// How many events are not shown one by one (in clusters or not at
    /// all), not counting those the filter left out.
    pub omitted: usize,
    /// The legend: exactly the colours and shapes drawn.
    pub legend: Vec<LegendItem>,
}

impl Chart {
    /// The title as one string.
    pub fn title_text(&self) -> String {
        let lines: Vec<&str> = self.title.iter().map(|t| t.text.as_str()).collect();
        lines.join(" ")
    }

    /// Every labelled thing: the events, then the clusters.
    pub fn placed(&self) -> Vec<&Placed> {
        self.events
            .iter()
            .map(|e| &e.placed)
            .chain(self.clusters.iter().map(|c| &c.placed))
            .collect()
    }

    /// Every text line of the chart.
    pub fn texts(&self) -> Vec<&TextLine> {
        let mut out: Vec<&TextLine> = Vec::new();
        out.extend(self.title.iter());
        out.extend(self.note.iter());
        out.extend(self.empty.iter());
        if let Some(a) = &self.axis {
            out.extend(a.ticks.iter().filter_map(|t| t.label.as_ref()));
        }
        for p in self.placed() {
            out.extend(p.label.iter());
        }
        out.extend(self.legend.iter().map(|l| &l.label));
        out
    }
}
