//! Axis ticks chosen for the span, labelled the way people write dates.
//!
//! For each segment of the [`Scale`](super::scale::Scale) the finest step
//! whose labels fit without touching is chosen from a fixed ladder: days,
//! weeks (the 1st, 8th, 15th and 22nd), half-months, months, quarters,
//! half-years, then 1, 2, 5, 10, 20, 50, 100… years. Labels read like dates in
//! prose: `27 Sep`, `Oct`, `Sep 2020` (the first tick of a segment names its
//! year), `2021`, and decades and centuries are named for the band they cover
//! (`1990s`, `1800s`), centred under it; so are days wide enough for their
//! label, under the middle of the day where its events are drawn.

use chrono::{Datelike, NaiveDate};

use super::scale::{Segment, date_of, day_number};
use super::text::Metrics;
use crate::date::{Date, MONTH_ABBR};

/// Font size of tick labels.
pub const TICK_FONT: f64 = 11.0;
/// Smallest gap in pixels between two tick labels.
pub const TICK_GAP: f64 = 10.0;

/// One tick on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct TickMark {
    /// Pixel of the tick line.
    pub x: f64,
    /// Label text, if the tick is labelled.
    pub label: Option<String>,
    /// Pixel of the label's centre.
    pub label_x: f64,
    /// Measured label width.
    pub label_width: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Days(&'static [u32]),
    EveryDay,
    Months(u32),
    Years(i32),
}

const LADDER: &[Step] = &[
    Step::EveryDay,
    Step::Days(&[1, 8, 15, 22]),
    Step::Days(&[1, 15]),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
    Step::Years(1000),
    Step::Years(2000),
];

impl Step {
    /// Rough length in days, to skip hopeless steps cheaply.
    fn days(self) -> f64 {
        match self {
            Step::EveryDay => 1.0,
            Step::Days(d) => 30.4 / d.len() as f64,
            Step::Months(m) => 30.4 * f64::from(m),
            Step::Years(y) => 365.25 * f64::from(y),
        }
    }

    /// The tick days in `[t0, t1]`.
    fn ticks(self, t0: f64, t1: f64) -> Vec<NaiveDate> {
        let start = date_of(t0.ceil());
        let end = date_of(t1.floor());
        let mut out = Vec::new();
        match self {
            Step::EveryDay | Step::Days(_) => {
                let mut d = start;
                while d <= end {
                    let keep = match self {
                        Step::Days(days) => days.contains(&d.day()),
                        _ => true,
                    };
                    if keep {
                        out.push(d);
                    }
                    match d.succ_opt() {
                        Some(n) => d = n,
                        None => break,
                    }
                }
            }
            Step::Months(m) => {
                let (mut y, mut mo) = (start.year(), start.month());
                while let Some(d) = NaiveDate::from_ymd_opt(y, mo, 1) {
                    if d > end {
                        break;
                    }
                    if d >= start && (mo - 1) % m == 0 {
                        out.push(d);
                    }
                    mo += 1;
                    if mo > 12 {
                        mo = 1;
                        y += 1;
                    }
                }
            }
            Step::Years(n) => {
                let mut y = start.year();
                y += (n - y.rem_euclid(n)) % n;
                while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                    if d > end {
                        break;
                    }
                    if d >= start {
                        out.push(d);
                    }
                    y += n;
                }
            }
        }
        out
    }

    /// The label of the `i`-th tick `d` of a segment.
    fn label(self, d: NaiveDate, first: bool) -> String {
        let month = MONTH_ABBR[d.month0() as usize];
        match self {
            Step::EveryDay | Step::Days(_) => {
                if first || (d.month() == 1 && d.day() == 1) {
                    Date::Day(d).human()
                } else {
                    format!("{} {month}", d.day())
                }
            }
            Step::Months(_) => {
                if d.month() == 1 {
                    Date::Year(d.year()).human()
                } else if first {
                    Date::Month {
                        year: d.year(),
                        month: d.month(),
                    }
                    .human()
                } else {
                    month.to_string()
                }
            }
            Step::Years(10) => Date::Decade(d.year().div_euclid(10)).human(),
            Step::Years(100) => format!("{}s", Date::Year(d.year()).human()),
            Step::Years(_) => Date::Year(d.year()).human(),
        }
    }

    /// Decades and centuries label the band they start.
    fn is_band(self) -> bool {
        matches!(self, Step::Years(10) | Step::Years(100))
    }
}

/// Chooses and labels the ticks of one segment: the finest step of the
/// ladder whose labels fit without touching; at least one label, at the
/// middle, when no step labels anything.
pub fn ticks(seg: &Segment, m: &Metrics) -> Vec<TickMark> {
    let width = seg.x1 - seg.x0;
    let mut fallback = Vec::new();
    for &step in LADDER {
        let span = seg.t1 - seg.t0;
        // Each label is at least ~20 px wide: skip steps that cannot fit.
        if span / step.days() > width / 20.0 + 2.0 {
            continue;
        }
        let out = step_marks(step, seg, m);
        let labelled: Vec<&TickMark> = out.iter().filter(|t| t.label.is_some()).collect();
        let fits = labelled.windows(2).all(|p| {
            p[1].label_x - p[1].label_width / 2.0 - (p[0].label_x + p[0].label_width / 2.0)
                >= TICK_GAP
        });
        if fits && !labelled.is_empty() {
            return out;
        }
        if fits && fallback.is_empty() {
            fallback = out;
        }
    }
    if fallback.iter().all(|t| t.label.is_none()) {
        if let Some(t) = middle_mark(seg, m) {
            return vec![t];
        }
    }
    fallback
}

/// The ticks of one step in a segment, each labelled if its label fits.
fn step_marks(step: Step, seg: &Segment, m: &Metrics) -> Vec<TickMark> {
    let days = step.ticks(seg.t0, seg.t1);
    let mut out: Vec<TickMark> = Vec::with_capacity(days.len());
    for (i, d) in days.iter().enumerate() {
        let t = day_number(*d);
        let x = seg.x(t);
        let text = step.label(*d, i == 0);
        let w = m.width(&text, TICK_FONT);
        // A day's label sits under the middle of its day, where the day's
        // events are drawn, when the day is wide enough for it.
        let day_band = match step {
            Step::EveryDay => d
                .succ_opt()
                .map(|n| (seg.x(t), seg.x(day_number(n).min(seg.t1)))),
            _ => None,
        };
        let label_x = if let Some((a, b)) = day_band.filter(|(a, b)| b - a >= w + 4.0) {
            (a + b) / 2.0
        } else if step.is_band() {
            let next = match step {
                Step::Years(n) => {
                    NaiveDate::from_ymd_opt(d.year() + n, 1, 1).map_or(seg.t1, day_number)
                }
                _ => seg.t1,
            };
            let (a, b) = (seg.x(t), seg.x(next.min(seg.t1)));
            if b - a < w + 4.0 {
                out.push(TickMark {
                    x,
                    label: None,
                    label_x: x,
                    label_width: 0.0,
                });
                continue;
            }
            (a + b) / 2.0
        } else {
            x
        };
        // A label reaching past its segment's end moves in, as long as it
        // still covers its tick: the ticks beside a break keep their
        // labels. (A day's label belongs to its band: only a day mostly in
        // the segment is labelled.)
        let in_segment = match day_band {
            Some((a, b)) => b > a && (a + b) / 2.0 >= seg.x0 && (a + b) / 2.0 < seg.x1,
            None => x >= seg.x0 && x <= seg.x1,
        };
        let wanted = label_x;
        let label_x = label_x.max(seg.x0 + w / 2.0).min(seg.x1 - w / 2.0);
        let moved = (label_x - wanted).abs() > 0.01;
        let inside = in_segment
            && label_x - w / 2.0 >= seg.x0
            && label_x + w / 2.0 <= seg.x1
            && (!moved || (label_x - x).abs() <= w / 2.0);
        out.push(TickMark {
            x,
            label: inside.then_some(text),
            label_x,
            label_width: if inside { w } else { 0.0 },
        });
    }
    out
}

/// For a segment too narrow for any step: one label at its middle, saying
/// the year (or month, or day) it shows.
fn middle_mark(seg: &Segment, m: &Metrics) -> Option<TickMark> {
    let d = date_of((seg.t0 + seg.t1) / 2.0);
    let text = if seg.t1 - seg.t0 > 730.0 {
        Date::Year(d.year()).human()
    } else if seg.t1 - seg.t0 > 60.0 {
        Date::Month {
            year: d.year(),
            month: d.month(),
        }
        .human()
    } else {
        Date::Day(d).human()
    };
    let w = m.width(&text, TICK_FONT);
    let x = (seg.x0 + seg.x1) / 2.0;
    (w <= seg.x1 - seg.x0).then_some(TickMark {
        x,
        label: Some(text),
        label_x: x,
        label_width: w,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scale::day_number;

    fn seg(a: (i32, u32, u32), b: (i32, u32, u32), w: f64) -> Segment {
        let t = |(y, m, d): (i32, u32, u32)| day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        Segment {
            t0: t(a),
            t1: t(b),
            x0: 0.0,
            x1: w,
        }
    }

    fn labels(s: &Segment) -> Vec<String> {
        ticks(s, Metrics::get())
            .into_iter()
            .filter_map(|t| t.label)
            .collect()
    }

    #[test]
    fn three_years_get_months_or_years() {
        let l = labels(&seg((2020, 9, 1), (2023, 12, 1), 700.0));
        assert!(l.contains(&"2021".to_string()), "{l:?}");
        assert!(l.contains(&"2023".to_string()), "{l:?}");
    }

    #[test]
    fn a_few_months_get_month_names_with_the_year_first() {
        let l = labels(&seg((2020, 8, 20), (2020, 12, 20), 300.0));
        assert_eq!(l[0], "Sep 2020");
        assert!(
            l.contains(&"Oct".to_string()) || l.contains(&"1 Oct".to_string()),
            "{l:?}"
        );
    }

    #[test]
    fn two_centuries_get_decades_or_bigger_steps() {
        let l = labels(&seg((1800, 1, 1), (2026, 1, 1), 760.0));
        assert!(l.iter().all(|s| !s.contains(' ')), "{l:?}");
        assert!(
            l.contains(&"1900".to_string()) || l.contains(&"1900s".to_string()),
            "{l:?}"
        );
    }

    #[test]
    fn wide_days_are_labelled_at_their_middle() {
        let s = seg((2000, 1, 11), (2000, 1, 15), 800.0);
        let t: Vec<TickMark> = ticks(&s, Metrics::get())
            .into_iter()
            .filter(|t| t.label.is_some())
            .collect();
        assert!(!t.is_empty());
        let day = 800.0 / 4.0;
        for m in &t {
            assert!((m.label_x - (m.x + day / 2.0)).abs() < 1e-6, "{m:?}");
        }
    }

    #[test]
    fn labels_never_touch() {
        for w in [80.0, 200.0, 400.0, 800.0] {
            let s = seg((2020, 1, 1), (2020, 3, 1), w);
            let t: Vec<TickMark> = ticks(&s, Metrics::get())
                .into_iter()
                .filter(|t| t.label.is_some())
                .collect();
            for p in t.windows(2) {
                assert!(
                    p[1].label_x - p[1].label_width / 2.0
                        >= p[0].label_x + p[0].label_width / 2.0 + TICK_GAP
                );
            }
        }
    }
}
