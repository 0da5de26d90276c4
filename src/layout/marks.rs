//! Marks: where and how each event is drawn on the time axis.
//!
//! - A day is a dot; a coarser date a bracket spanning it when it is wide
//!   enough, else a diamond (a month) or a square (a year or longer).
//! - An interval is a bar, cut where it crosses an axis break. An unknown
//!   end ("until June 2012") is a short arrow fading away from the known
//!   end ([`OPEN_LENGTH`] pixels), never a bar from the edge of the chart;
//!   an end beyond the range shown (`--from`, `--to`) is cut at the edge
//!   with an arrow.

use chrono::NaiveDate;

use super::scale::{BREAK_WIDTH, Scale, day_number};
use super::{BAR_HEIGHT, BarEnd, DOT_RADIUS, MARK_HALF, Mark, Symbol};
use crate::date::{DateSpec, Precision};

/// Length in pixels of the fading arrow of an unknown end.
pub const OPEN_LENGTH: f64 = 44.0;
/// The arrow of an unknown end is at least this long, even if it must
/// cross a break to be.
const MIN_OPEN: f64 = 20.0;

/// The mark of an instant (at y 0) and the x its leader rises from: a dot
/// for a day; for coarser dates a bracket over the span when it is wide
/// enough, else a diamond (month) or a square (year and coarser).
pub(crate) fn instant_mark(d: &DateSpec, scale: &Scale) -> (Mark, f64) {
    let first = day_number(d.date.first_day());
    let last = day_number(d.date.last_day()) + 1.0;
    let (xa, xb) = (scale.x(first), scale.x(last));
    // A period across an axis break has no honest span on the axis: its
    // symbol goes where its middle day is.
    let crosses = scale.breaks().iter().any(|&(b0, b1)| xa < b1 && b0 < xb);
    let cx = if crosses {
        let x = scale.x((first + last) / 2.0);
        scale
            .segment_at(x)
            .map_or(x, |s| x.clamp(s.x0 + MARK_HALF, s.x1 - MARK_HALF))
            .round()
    } else {
        ((xa + xb) / 2.0).round()
    };
    let mark = if d.date.precision() == Precision::Day {
        Mark::Dot {
            cx,
            cy: 0.0,
            r: DOT_RADIUS,
        }
    } else if !crosses && xb - xa >= 2.0 * MARK_HALF + 2.0 {
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

/// The bar of an interval, at y 0. `window` is the range shown: an end
/// beyond it is cut at its edge.
pub(crate) fn interval_mark(
    start: Option<DateSpec>,
    end: Option<DateSpec>,
    scale: &Scale,
    window: (Option<NaiveDate>, Option<NaiveDate>),
) -> Mark {
    let kind = |s: &DateSpec| {
        if s.approximate || s.uncertain {
            BarEnd::Fuzzy
        } else {
            BarEnd::Exact
        }
    };
    let (mut x0, start_end) = match start {
        Some(s) if window.0.is_some_and(|w| s.date.first_day() < w) => (
            window.0.map_or(scale.left(), |w| scale.x(day_number(w))),
            BarEnd::Cut,
        ),
        Some(s) => (scale.x(day_number(s.date.first_day())), kind(&s)),
        None => (f64::NAN, BarEnd::Open),
    };
    let (mut x1, end_end) = match end {
        Some(e) if window.1.is_some_and(|w| e.date.last_day() > w) => (
            window
                .1
                .map_or(scale.right(), |w| scale.x(day_number(w) + 1.0)),
            BarEnd::Cut,
        ),
        Some(e) => (scale.x(day_number(e.date.last_day()) + 1.0), kind(&e)),
        None => (f64::NAN, BarEnd::Open),
    };
    // The arrow of an unknown end stays in the segment of the known end,
    // and within the range shown.
    if x0.is_nan() {
        let seg_start = scale.segment_at(x1).map_or(scale.left(), |s| s.x0);
        x0 = (x1 - OPEN_LENGTH).max(seg_start.min(x1 - MIN_OPEN));
        if let Some(w) = window.0 {
            x0 = x0.max(scale.x(day_number(w)));
        }
    }
    if x1.is_nan() {
        let seg_end = scale.segment_at(x0).map_or(scale.right(), |s| s.x1);
        x1 = (x0 + OPEN_LENGTH).min(seg_end.max(x0 + MIN_OPEN));
        if let Some(w) = window.1 {
            x1 = x1.min(scale.x(day_number(w) + 1.0));
        }
    }
    let x0 = x0.clamp(scale.left(), scale.right()).round();
    let x1 = x1.clamp(scale.left(), scale.right()).round().max(x0 + 2.0);
    Mark::Bar {
        pieces: cut_at_breaks(x0, x1, &scale.breaks()),
        y: 0.0,
        h: BAR_HEIGHT,
        start: start_end,
        end: end_end,
    }
}

/// Cuts `[x0, x1]` where it crosses axis breaks (leaving a small gap).
pub(crate) fn cut_at_breaks(x0: f64, x1: f64, breaks: &[(f64, f64)]) -> Vec<(f64, f64)> {
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

/// The mark moved to `y` (the axis for instants, a bar lane for intervals).
pub(crate) fn at_y(mark: &Mark, y: f64) -> Mark {
    let mut mark = mark.clone();
    match &mut mark {
        Mark::Dot { cy, .. }
        | Mark::Span { cy, .. }
        | Mark::Symbol { cy, .. }
        | Mark::Cluster { cy, .. } => *cy = y,
        Mark::Bar { y: top, .. } => *top = y,
    }
    mark
}
