//! The time scale: days to pixels, piecewise, with axis breaks.
//!
//! A chart often shows a cluster of recent events next to a decades-long
//! interval. A linear scale would squeeze the cluster into a few pixels, so
//! the scale compresses long empty stretches: the time points of the chart
//! (every known start and end) are split into clusters at gaps longer than a
//! quarter of the whole span, each cluster gets its own linear segment, and a
//! fixed-width break separates segments. Breaks are only made when some
//! cluster actually needs the room (it holds several points and spans under a
//! tenth of the whole); two lone points decades apart keep one plain axis.
//!
//! Time is measured in days from 1 January of year 1 (see [`day_number`]),
//! as `f64`; a day `d` covers `[d, d + 1)`.

use chrono::{Datelike, NaiveDate};

/// Width in pixels of an axis break.
pub const BREAK_WIDTH: f64 = 28.0;
/// Smallest width in pixels of a segment.
pub const MIN_SEGMENT: f64 = 64.0;
/// Room in pixels kept at both ends of a segment.
pub const SEGMENT_PAD: f64 = 14.0;
/// At most this many breaks.
pub const MAX_BREAKS: usize = 4;

/// The day number of a date, as chrono's `num_days_from_ce` (0001-01-01 is 1).
pub fn day_number(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// The date of a day number (clamped to chrono's range).
pub fn date_of(day: f64) -> NaiveDate {
    let n = day
        .floor()
        .clamp(f64::from(i32::MIN / 2), f64::from(i32::MAX / 2)) as i32;
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(if n < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// One linear piece of the scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// First day shown.
    pub t0: f64,
    /// Last day shown (exclusive bound).
    pub t1: f64,
    /// Left pixel.
    pub x0: f64,
    /// Right pixel.
    pub x1: f64,
}

impl Segment {
    /// Pixels per day.
    pub fn px_per_day(&self) -> f64 {
        (self.x1 - self.x0) / (self.t1 - self.t0)
    }

    /// The pixel of day `t` (not clamped).
    pub fn x(&self, t: f64) -> f64 {
        self.x0 + (t - self.t0) * self.px_per_day()
    }
}

/// A piecewise-linear time scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// The segments, left to right; between two consecutive ones lies a break.
    pub segments: Vec<Segment>,
}

impl Scale {
    /// Builds a scale showing every time point in `points` between pixels
    /// `left` and `right`. Each point is `(day, owner)`: the owner (e.g. the
    /// event index) tells whether a cluster holds several things or just
    /// the two ends of one. `points` need not be sorted.
    pub fn new(points: &[(f64, usize)], left: f64, right: f64) -> Scale {
        let mut owned: Vec<(f64, usize)> =
            points.iter().copied().filter(|v| v.0.is_finite()).collect();
        owned.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut p: Vec<f64> = owned.iter().map(|v| v.0).collect();
        p.dedup();
        let (lo, hi) = match (p.first(), p.last()) {
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => (0.0, 1.0),
        };
        let span = (hi - lo).max(1.0);
        let clusters = clusters(&p, &owned, span);
        let width = (right - left).max(1.0);
        if clusters.len() <= 1 {
            let (c0, c1) = if hi - lo < 6.0 {
                let mid = (lo + hi) / 2.0;
                (mid - 3.0, mid + 3.0)
            } else {
                (lo, hi)
            };
            let inner = (width - 2.0 * SEGMENT_PAD).max(1.0);
            let dpp = (c1 - c0) / inner;
            return Scale {
                segments: vec![Segment {
                    t0: c0 - SEGMENT_PAD * dpp,
                    t1: c1 + SEGMENT_PAD * dpp,
                    x0: left,
                    x1: right,
                }],
            };
        }
        let n = clusters.len();
        let avail = (width - (n - 1) as f64 * BREAK_WIDTH).max(n as f64);
        let spans: Vec<f64> = clusters.iter().map(|(a, b)| b - a).collect();
        let widths = water_fill(&spans, avail, MIN_SEGMENT.min(avail / n as f64));
        // Days per pixel of the clusters that got their proportional share.
        let reference = spans
            .iter()
            .zip(&widths)
            .filter(|(s, w)| **s > 0.0 && **w > 2.0 * SEGMENT_PAD)
            .map(|(s, w)| s / (w - 2.0 * SEGMENT_PAD))
            .fold(f64::INFINITY, f64::min);
        let reference = if reference.is_finite() {
            reference
        } else {
            span / avail
        };
        let mut segments = Vec::with_capacity(n);
        let mut x = left;
        for (i, ((c0, c1), w)) in clusters.iter().zip(&widths).enumerate() {
            let inner = (w - 2.0 * SEGMENT_PAD).max(1.0);
            let dpp = ((c1 - c0) / inner).max(reference);
            let mid = (c0 + c1) / 2.0;
            let mut t0 = mid - w / 2.0 * dpp;
            let mut t1 = mid + w / 2.0 * dpp;
            // Never reach into a neighbour's half of the gap.
            if i > 0 {
                t0 = t0.max((clusters[i - 1].1 + c0) / 2.0);
            }
            if i + 1 < n {
                t1 = t1.min((c1 + clusters[i + 1].0) / 2.0);
            }
            segments.push(Segment {
                t0,
                t1,
                x0: x,
                x1: x + w,
            });
            x += w + BREAK_WIDTH;
        }
        Scale { segments }
    }

    /// The pixel of day `t`. Days in a break map linearly across the break;
    /// days outside the scale are clamped to its ends.
    pub fn x(&self, t: f64) -> f64 {
        let Some(first) = self.segments.first() else {
            return 0.0;
        };
        if t <= first.t0 {
            return first.x0;
        }
        for (i, s) in self.segments.iter().enumerate() {
            if t <= s.t1 {
                return s.x(t);
            }
            if let Some(next) = self.segments.get(i + 1) {
                if t < next.t0 {
                    let f = (t - s.t1) / (next.t0 - s.t1);
                    return s.x1 + f * (next.x0 - s.x1);
                }
            }
        }
        self.segments.last().map_or(0.0, |s| s.x1)
    }

    /// The pixel ranges of the breaks, left to right.
    pub fn breaks(&self) -> Vec<(f64, f64)> {
        self.segments
            .windows(2)
            .map(|w| (w[0].x1, w[1].x0))
            .collect()
    }

    /// Leftmost pixel.
    pub fn left(&self) -> f64 {
        self.segments.first().map_or(0.0, |s| s.x0)
    }

    /// Rightmost pixel.
    pub fn right(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.x1)
    }

    /// The first and last day shown.
    pub fn domain(&self) -> (f64, f64) {
        (
            self.segments.first().map_or(0.0, |s| s.t0),
            self.segments.last().map_or(0.0, |s| s.t1),
        )
    }
}

/// Splits sorted points into clusters at long gaps, if that helps.
fn clusters(p: &[f64], owned: &[(f64, usize)], span: f64) -> Vec<(f64, f64)> {
    let (Some(&lo), Some(&hi)) = (p.first(), p.last()) else {
        return vec![(0.0, 1.0)];
    };
    let mut gaps: Vec<(f64, usize)> = p
        .windows(2)
        .enumerate()
        .map(|(i, w)| (w[1] - w[0], i))
        .filter(|(g, _)| *g > 0.25 * span)
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    gaps.truncate(MAX_BREAKS);
    let mut cuts: Vec<usize> = gaps.iter().map(|(_, i)| *i).collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for &c in &cuts {
        out.push((start, c));
        start = c + 1;
    }
    out.push((start, p.len() - 1));
    // A cluster needs room if it holds several owners in a short span.
    let needs_room = out.iter().any(|&(a, b)| {
        let (lo, hi) = (p[a], p[b]);
        let mut owners = owned
            .iter()
            .filter(|(t, _)| *t >= lo && *t <= hi)
            .map(|(_, o)| *o);
        let first = owners.next();
        b > a && hi - lo < 0.1 * span && owners.any(|o| Some(o) != first)
    });
    if !needs_room {
        return vec![(lo, hi)];
    }
    out.into_iter().map(|(a, b)| (p[a], p[b])).collect()
}

/// Shares `avail` pixels in proportion to `spans`, giving at least `min`.
fn water_fill(spans: &[f64], avail: f64, min: f64) -> Vec<f64> {
    let n = spans.len();
    let mut fixed = vec![false; n];
    let mut w = vec![min; n];
    loop {
        let free: f64 = avail - fixed.iter().filter(|f| **f).count() as f64 * min;
        let total: f64 = spans
            .iter()
            .zip(&fixed)
            .filter(|(_, f)| !**f)
            .map(|(s, _)| *s)
            .sum();
        if total <= 0.0 {
            let k = fixed.iter().filter(|f| !**f).count().max(1) as f64;
            for (wi, f) in w.iter_mut().zip(&fixed) {
                if !*f {
                    *wi = (free / k).max(min);
                }
            }
            return w;
        }
        let mut changed = false;
        for i in 0..n {
            if fixed[i] {
                continue;
            }
            w[i] = free * spans[i] / total;
            if w[i] < min {
                fixed[i] = true;
                w[i] = min;
                changed = true;
            }
        }
        if !changed {
            return w;
        }
    }
}

/// The year of a day number.
pub fn year_of(day: f64) -> i32 {
    date_of(day).year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> f64 {
        day_number(NaiveDate::from_ymd_opt(y, m, dd).unwrap())
    }

    #[test]
    fn a_cluster_next_to_a_long_interval_gets_a_break() {
        let pts = [
            (d(1991, 1, 1), 0),
            (d(2021, 1, 1), 0),
            (d(2020, 9, 27), 1),
            (d(2020, 11, 11), 1),
            (d(2021, 9, 1), 2),
            (d(2023, 11, 3), 3),
        ];
        let s = Scale::new(&pts, 16.0, 784.0);
        assert_eq!(s.segments.len(), 2);
        assert_eq!(s.breaks().len(), 1);
        // The cluster gets most of the width.
        let c = &s.segments[1];
        assert!(c.x1 - c.x0 > 600.0, "{c:?}");
        // Monotonic.
        let mut last = f64::MIN;
        for p in [d(1991, 1, 1), d(2000, 1, 1), d(2020, 10, 1), d(2023, 11, 3)] {
            let x = s.x(p);
            assert!(x > last);
            last = x;
        }
    }

    #[test]
    fn two_lone_points_keep_a_plain_axis() {
        let s = Scale::new(&[(d(1991, 1, 1), 0), (d(2020, 1, 1), 1)], 0.0, 800.0);
        assert_eq!(s.segments.len(), 1);
        // Nor does one month between two far points.
        let s = Scale::new(
            &[
                (d(1850, 1, 1), 0),
                (d(1950, 5, 1), 1),
                (d(1950, 6, 1), 1),
                (d(2020, 1, 1), 2),
            ],
            0.0,
            800.0,
        );
        assert_eq!(s.segments.len(), 1);
    }

    #[test]
    fn a_single_day_gets_a_week() {
        let s = Scale::new(&[(d(2020, 1, 1), 0)], 0.0, 800.0);
        let (a, b) = s.domain();
        assert!(b - a >= 6.0);
    }
}
