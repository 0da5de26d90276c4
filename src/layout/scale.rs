//! The time scale: days to pixels, piecewise, with axis breaks.
//!
//! A chart often shows a busy fortnight next to decades of background. A
//! linear scale would squeeze the fortnight into a few pixels, so the scale
//! is piecewise: the time points of the chart (every known start and end)
//! are split into stretches at long empty gaps and around dense cores (see
//! [`segments`]), each stretch gets its own linear segment, as wide as the
//! number of events in it asks, and a fixed-width break separates
//! segments. Two lone points decades apart keep one plain axis.
//!
//! Time is measured in days from 1 January of year 1 (see [`day_number`]),
//! as `f64`; a day `d` covers `[d, d + 1)`.

use chrono::{Datelike, NaiveDate};

/// Width in pixels of an axis break.
pub const BREAK_WIDTH: f64 = 28.0;
/// Smallest width in pixels of a segment.
pub const MIN_SEGMENT: f64 = 56.0;
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
    /// event index) tells whether a stretch holds several things or just
    /// the two ends of one. `points` need not be sorted.
    ///
    /// The time is split into segments (see [`segments`]), each given width
    /// in proportion to the events in it (at least [`MIN_SEGMENT`]), so a
    /// busy fortnight gets its own scale next to decades of background.
    ///
    /// `whole` are stretches never cut by a break (the span of a month or a
    /// year that is one instant).
    pub fn new(points: &[(f64, usize)], whole: &[(f64, f64)], left: f64, right: f64) -> Scale {
        let mut owned: Vec<(f64, usize)> =
            points.iter().copied().filter(|v| v.0.is_finite()).collect();
        owned.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (lo, hi) = match (owned.first(), owned.last()) {
            (Some(a), Some(b)) => (a.0, b.0),
            _ => (0.0, 1.0),
        };
        let width = (right - left).max(1.0);
        let clusters = segments(&owned, whole, width);
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
        let weights = weights(&owned, &clusters);
        let widths = water_fill(&weights, avail, MIN_SEGMENT.min(avail / n as f64));
        // A stretch with (nearly) no length of its own (one date) shows as
        // much time as the whole chart would on a plain axis.
        let plain = (hi - lo).max(1.0) / avail;
        let mut segments = Vec::with_capacity(n);
        let mut x = left;
        for (i, ((c0, c1), w)) in clusters.iter().zip(&widths).enumerate() {
            let inner = (w - 2.0 * SEGMENT_PAD).max(1.0);
            let dpp = if c1 - c0 > 1.0 {
                (c1 - c0) / inner
            } else {
                plain
            };
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

    /// The segment holding pixel `x`, or the nearest one.
    pub fn segment_at(&self, x: f64) -> Option<&Segment> {
        self.segments.iter().min_by(|a, b| {
            let d = |s: &Segment| (s.x0 - x).max(x - s.x1).max(0.0);
            d(a).total_cmp(&d(b))
        })
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

/// At most this many segments.
const MAX_SEGMENTS: usize = MAX_BREAKS + 1;
/// A stretch is dense when a third of its events fall within this share
/// of its time.
const DENSE_SHARE: f64 = 0.05;
/// Dense stretches are only looked for among at least this many events.
const DENSE_MIN: usize = 8;

/// Neighbouring events closer than this many pixels are crowded.
const CROWD_PX: f64 = 24.0;

/// The stretches of time the axis shows, left to right, from the sorted
/// points, for an axis `width` pixels wide. While there are segments to
/// spare, the stretch with the most events is split if it is crowded (at
/// its share of the width, some neighbouring events would be closer than
/// [`CROWD_PX`]) and a split helps:
///
/// - around a dense core, a third of its events within a twentieth of its
///   time: the core becomes a segment of its own, with its own scale;
/// - else at a gap longer than a quarter of it, if either side has two
///   things closer than a tenth of it (two lone points decades apart keep
///   one plain axis), and no month or year in `whole` covers the gap (a
///   dense core may cut one: its mark then goes where its middle is).
pub fn segments(owned: &[(f64, usize)], whole: &[(f64, f64)], width: f64) -> Vec<(f64, f64)> {
    if owned.is_empty() {
        return vec![(0.0, 1.0)];
    }
    let all = owners(owned).max(1);
    let mut parts: Vec<&[(f64, usize)]> = vec![owned];
    // Parts known not to split.
    let mut done: Vec<bool> = vec![false];
    while parts.len() < MAX_SEGMENTS {
        let Some(k) = (0..parts.len())
            .filter(|&k| !done[k])
            .max_by_key(|&k| (owners(parts[k]), std::cmp::Reverse(k)))
        else {
            break;
        };
        let share = (width * owners(parts[k]) as f64 / all as f64).max(MIN_SEGMENT);
        let room = MAX_SEGMENTS - parts.len();
        // A core of its own is worth its break only for a good share of
        // the events; an empty gap is always worth cutting out.
        let big = owners(parts[k]) * 5 >= all;
        let split = if !crowded_at(parts[k], share) {
            None
        } else if big {
            split_dense(parts[k], room).or_else(|| split_at_gap(parts[k], whole))
        } else {
            split_at_gap(parts[k], whole)
        };
        match split {
            Some(pieces) => {
                let n = pieces.len();
                parts.splice(k..=k, pieces);
                done.splice(k..=k, std::iter::repeat_n(false, n));
            }
            None => done[k] = true,
        }
    }
    parts.iter().map(|p| (p[0].0, p[p.len() - 1].0)).collect()
}

/// True if, drawn `width` pixels wide, some events of `part` (at their
/// first points) would be closer than [`CROWD_PX`] to the next (events on
/// the same day share a leader and do not count).
fn crowded_at(part: &[(f64, usize)], width: f64) -> bool {
    let total = span(part);
    if total <= 0.0 {
        return false;
    }
    let px = width / total;
    let mut seen = std::collections::BTreeSet::new();
    let firsts: Vec<f64> = part
        .iter()
        .filter(|p| seen.insert(p.1))
        .map(|p| p.0)
        .collect();
    firsts
        .windows(2)
        .any(|w| w[1] - w[0] > 1.0 && (w[1] - w[0]) * px < CROWD_PX)
}

/// True if the gap from `a` to `b` lies within one of the `whole`
/// stretches.
fn inside_whole(a: f64, b: f64, whole: &[(f64, f64)]) -> bool {
    whole.iter().any(|&(s0, s1)| s0 <= a && b <= s1)
}

/// The number of different owners of some points.
fn owners(part: &[(f64, usize)]) -> usize {
    part.iter()
        .map(|p| p.1)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// The span of sorted points.
fn span(part: &[(f64, usize)]) -> f64 {
    match (part.first(), part.last()) {
        (Some(a), Some(b)) => b.0 - a.0,
        _ => 0.0,
    }
}

/// True if two different owners lie closer than `d` days.
fn crowded(part: &[(f64, usize)], d: f64) -> bool {
    part.windows(2)
        .any(|w| w[1].1 != w[0].1 && w[1].0 - w[0].0 < d)
}

/// Splits at the longest gap, if it is longer than a quarter of the
/// stretch and a side needs the room.
fn split_at_gap<'p>(
    part: &'p [(f64, usize)],
    whole: &[(f64, f64)],
) -> Option<Vec<&'p [(f64, usize)]>> {
    let total = span(part);
    let (i, gap) = part
        .windows(2)
        .enumerate()
        .filter(|(_, w)| !inside_whole(w[0].0, w[1].0, whole))
        .map(|(i, w)| (i, w[1].0 - w[0].0))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    if gap <= 0.25 * total {
        return None;
    }
    let (a, b) = part.split_at(i + 1);
    (crowded(a, 0.1 * total) || crowded(b, 0.1 * total)).then(|| vec![a, b])
}

/// Splits around a dense core (see [`segments`]) into two or three parts,
/// at most `room + 1`.
fn split_dense(part: &[(f64, usize)], room: usize) -> Option<Vec<&[(f64, usize)]>> {
    let total = span(part);
    // Each owner once, at its first point in the stretch.
    let mut firsts: Vec<(f64, usize)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for &(t, o) in part {
        if seen.insert(o) {
            firsts.push((t, o));
        }
    }
    let n = firsts.len();
    if n < DENSE_MIN || total <= 0.0 {
        return None;
    }
    let k = n.div_ceil(3);
    let (i, w) = (0..=n - k)
        .map(|i| (i, firsts[i + k - 1].0 - firsts[i].0))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))?;
    if w >= DENSE_SHARE * total {
        return None;
    }
    // The core runs on while the next point is close to it.
    let reach = (w * 0.5).max(1.0);
    let (mut t0, mut t1) = (firsts[i].0, firsts[i + k - 1].0);
    let mut a = part.partition_point(|p| p.0 < t0);
    let mut b = part.partition_point(|p| p.0 <= t1);
    while a > 0 && t0 - part[a - 1].0 <= reach {
        a -= 1;
        t0 = part[a].0;
    }
    while b < part.len() && part[b].0 - t1 <= reach {
        t1 = part[b].0;
        b += 1;
    }
    let pieces: Vec<&[(f64, usize)]> = [&part[..a], &part[a..b], &part[b..]]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    (pieces.len() > 1 && pieces.len() <= room + 1).then_some(pieces)
}

/// How much room each stretch deserves: the events in it, an event whose
/// points lie in several stretches counting a share in each.
fn weights(owned: &[(f64, usize)], clusters: &[(f64, f64)]) -> Vec<f64> {
    let which = |t: f64| {
        clusters
            .iter()
            .position(|c| t <= c.1)
            .unwrap_or(clusters.len() - 1)
    };
    let mut touched: std::collections::BTreeMap<usize, std::collections::BTreeSet<usize>> =
        std::collections::BTreeMap::new();
    for &(t, o) in owned {
        touched.entry(o).or_default().insert(which(t));
    }
    let mut w = vec![0.0; clusters.len()];
    for segs in touched.values() {
        for &s in segs {
            w[s] += 1.0 / segs.len() as f64;
        }
    }
    w
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
        let s = Scale::new(&pts, &[], 16.0, 784.0);
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
        let s = Scale::new(&[(d(1991, 1, 1), 0), (d(2020, 1, 1), 1)], &[], 0.0, 800.0);
        assert_eq!(s.segments.len(), 1);
        // Nor does one month between two far points.
        let s = Scale::new(
            &[
                (d(1850, 1, 1), 0),
                (d(1950, 5, 1), 1),
                (d(1950, 6, 1), 1),
                (d(2020, 1, 1), 2),
            ],
            &[],
            0.0,
            800.0,
        );
        assert_eq!(s.segments.len(), 1);
    }

    #[test]
    fn a_single_day_gets_a_week() {
        let s = Scale::new(&[(d(2020, 1, 1), 0)], &[], 0.0, 800.0);
        let (a, b) = s.domain();
        assert!(b - a >= 6.0);
    }
}
