//! The resolver: turns the grammar's underspecified [`Spec`]s into TimeML
//! values, anchored to the document creation time (DCT) or, for "a year
//! earlier" and "the previous day", to the reference time (the news
//! convention). A sentence's tense decides whether a bare `Friday` or
//! `March` is the previous or the next occurrence.
//!
//! State across a document is two points: the **reference time** (the
//! last date mentioned at year granularity or finer; it moves with each
//! one) and the **reporting period** (the first quarter or half a results
//! story names). [`Resolver::base`] is the one place that decides what a
//! relative expression counts from; a document mode (news vs narrative)
//! belongs there and in [`Resolver::cyclic`], which today anchors bare
//! months and weekdays on the DCT.
//!
//! Every value comes with a typed [`Resolution`] saying how it was found.

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendar::{
    Holiday, add_days, at_granularity, bounds, day_point, first_day, holiday_date, point,
    shift_day, weekday_of,
};
use super::spec::{Anchor, Dir, Spec};
use super::timex::{Base, Point, Resolution, Tense, TimeOfDay, Unit, Value, Within, YearSpan};

/// Resolution state across a document: the DCT, the reference time and the
/// reporting period.
#[derive(Debug, Clone)]
pub(crate) struct Resolver {
    dct: Option<NaiveDate>,
    /// The reference time: the last date mentioned (a known year, at year
    /// granularity or finer), moved by each one.
    reference: Option<Point>,
    /// The reporting period: the first quarter or half the text names (a
    /// results story names its quarter in the lead; later quarters are
    /// asides: "after a flat second quarter").
    period: Option<Point>,
}

/// A resolved value and how it was found.
pub(crate) type Resolved = (Value, Resolution);

fn distance(d: NaiveDate, (a, b): (NaiveDate, NaiveDate)) -> i64 {
    if d < a {
        (a - d).num_days()
    } else if d > b {
        (d - b).num_days()
    } else {
        0
    }
}

/// How much farther an occurrence may be on the side the tense cue points
/// to: `bought ... in February` (DCT late October) is the past February even
/// though the next one is nearer.
const TENSE_WEIGHT: i64 = 4;

/// Picks among the occurrences in years around `dct`.
fn pick<F>(dct: NaiveDate, dir: Dir, tense: Tense, occ: F) -> Option<(i32, (NaiveDate, NaiveDate))>
where
    F: Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
{
    let y = dct.year();
    let cands: Vec<(i32, (NaiveDate, NaiveDate))> = (y - 1..=y + 1)
        .filter_map(|yy| occ(yy).map(|b| (yy, b)))
        .collect();
    match dir {
        Dir::Past => cands.iter().rev().find(|(_, (_, b))| *b < dct).copied(),
        Dir::Future => cands.iter().find(|(_, (a, _))| *a > dct).copied(),
        Dir::This => cands.iter().find(|(yy, _)| *yy == y).copied(),
        // Months, quarters, seasons and days without a year: the nearest
        // occurrence, the tense multiplying the distance of the other side.
        Dir::Tense => cands
            .iter()
            .min_by_key(|(_, (a, b))| {
                let d = distance(dct, (*a, *b));
                match tense {
                    Tense::Past if *a > dct => TENSE_WEIGHT * d,
                    Tense::Future if *b < dct => TENSE_WEIGHT * d,
                    _ => d,
                }
            })
            .copied(),
    }
}

/// A weekday or holiday that could not be placed: a day, unknown.
const SOME_DAY: Value = Value::Relative {
    offset: 0,
    unit: Unit::Day,
};

/// A point without its year.
fn yearless(within: Within, time: Option<TimeOfDay>) -> Value {
    Value::Point(Point {
        year: None,
        span: YearSpan::Year,
        within,
        time,
    })
}

/// The days from `dct` to weekday `wd` in direction `dir`.
fn weekday_offset(dct: NaiveDate, wd: Weekday, dir: Dir, tense: Tense) -> i64 {
    let diff =
        i64::from(wd.num_days_from_monday()) - i64::from(dct.weekday().num_days_from_monday());
    let back = (-diff).rem_euclid(7);
    let fwd = diff.rem_euclid(7);
    match dir {
        Dir::Past => -(if back == 0 { 7 } else { back }),
        Dir::Future => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::This => diff,
        Dir::Tense => match tense {
            Tense::Future => fwd,
            _ => -back,
        },
    }
}

/// Part `k` (1-based) of the `per` parts of year `y`, shifted by `offset`
/// parts: the year and the part.
fn shift_part(y: i32, k: u8, per: i32, offset: i32) -> (i32, u8) {
    let idx = y * per + i32::from(k) - 1 + offset;
    (idx.div_euclid(per), (idx.rem_euclid(per) + 1) as u8)
}

/// Shifts a known quarter or year by `offset` units, keeping its
/// granularity (`the third quarter ... a year earlier` is a quarter).
fn shift_keeping(p: Point, offset: i32, unit: Unit) -> Option<Point> {
    let y = p.year?;
    match (unit, p.within) {
        (Unit::Year, w) => Some(point(y + offset, w, None)),
        (Unit::Quarter, Within::Quarter(q)) => {
            let (y, q) = shift_part(y, q, 4, offset);
            Some(point(y, Within::Quarter(q), None))
        }
        (Unit::Month, Within::Month(m)) => {
            let (y, m) = shift_part(y, m, 12, offset);
            Some(point(y, Within::Month(m), None))
        }
        _ => None,
    }
}

/// What a shift counts from: a day, or a quarter or half whose granularity
/// the result keeps.
enum From {
    Day(NaiveDate, Base),
    Keep(Point),
}

impl Resolver {
    /// A resolver for a document with this DCT.
    pub(crate) fn new(dct: Option<NaiveDate>) -> Resolver {
        Resolver {
            dct,
            reference: None,
            period: None,
        }
    }

    /// Resolves one spec, then moves the reference time and sets the
    /// reporting period if it names one.
    pub(crate) fn resolve(&mut self, spec: Spec, tense: Tense) -> Resolved {
        let (value, how) = match spec {
            Spec::Fixed(v) => (v, Resolution::Explicit),
            Spec::Reporting {
                year,
                offset,
                quarter,
                of_quarter,
            } => self.reporting(year, offset, quarter, of_quarter),
            Spec::Cyclic {
                within,
                weekday,
                holiday,
                time,
                dir,
            } => self.cyclic(within, weekday, holiday, time, dir, tense),
            Spec::Shift {
                offset,
                unit,
                anchor,
                within,
                time,
            } => self.shift(offset, unit, anchor, within, time),
        };
        self.moved_by(spec, value);
        (value, how)
    }

    /// Moves the reference time to `value` and takes it as the reporting
    /// period if it is the first quarter or half named.
    fn moved_by(&mut self, spec: Spec, value: Value) {
        // Comparisons with the reporting period ("a year ago") do not move
        // the reference: two in a row both count from the same period.
        let comparison = matches!(
            spec,
            Spec::Shift {
                anchor: Anchor::Period,
                ..
            }
        ) || matches!(spec, Spec::Reporting { offset, year, .. } if offset != 0 || year.is_some());
        if let (Value::Point(p), false) = (value, comparison) {
            if p.year.is_some() && p.span == YearSpan::Year {
                self.reference = Some(p);
                if self.period.is_none()
                    && matches!(p.within, Within::Quarter(_) | Within::Half(_))
                    && p.time.is_none()
                {
                    self.period = Some(p);
                }
            }
        }
    }

    /// The reporting period (the first quarter or half named), or the
    /// comparison `offset` years from it; see [`Spec::Reporting`].
    fn reporting(&self, year: Option<i32>, offset: i32, quarter: u8, of_quarter: bool) -> Resolved {
        let named = |w: Within| {
            if quarter > 0 {
                Within::Quarter(quarter)
            } else {
                w
            }
        };
        let period = self.period.and_then(|p| Some((p.year?, p.within)));
        let (y, within, how) = match (year, period) {
            (Some(y), Some((py, w))) => (
                y,
                named(w),
                Resolution::ReportingQuarter {
                    period: point(py, w, None),
                },
            ),
            (None, Some((py, w))) => (
                py,
                named(w),
                Resolution::FromReportingPeriod {
                    offset,
                    period: point(py, w, None),
                },
            ),
            (Some(y), None) if quarter > 0 => (y, Within::Quarter(quarter), Resolution::Explicit),
            (Some(y), None) => {
                return (
                    Value::Point(point(y, Within::Whole, None)),
                    Resolution::Explicit,
                );
            }
            (None, None) => match self.dct {
                Some(dct) => Self::reporting_from_dct(dct, offset, quarter, of_quarter),
                None => {
                    let unit = if of_quarter {
                        Unit::Quarter
                    } else {
                        Unit::Year
                    };
                    return (Value::Relative { offset, unit }, Resolution::NoDct);
                }
            },
        };
        (Value::Point(point(y + offset, within, None)), how)
    }

    /// The reporting period when the text names none before: the DCT's
    /// year, or the last quarter completed before the DCT.
    fn reporting_from_dct(
        dct: NaiveDate,
        offset: i32,
        quarter: u8,
        of_quarter: bool,
    ) -> (i32, Within, Resolution) {
        let dct_q = ((dct.month() - 1) / 3 + 1) as u8;
        if !of_quarter {
            (
                dct.year(),
                Within::Whole,
                Resolution::YearsFromDct { offset, dct },
            )
        } else if quarter > 0 {
            // The last such quarter completed before the DCT.
            let y = if dct_q > quarter {
                dct.year()
            } else {
                dct.year() - 1
            };
            (
                y,
                Within::Quarter(quarter),
                Resolution::QuarterBeforeDct { dct },
            )
        } else {
            let (y, q) = if dct_q == 1 {
                (dct.year() - 1, 4)
            } else {
                (dct.year(), dct_q - 1)
            };
            (
                y,
                Within::Quarter(q),
                Resolution::FromQuarterBeforeDct { offset, dct },
            )
        }
    }

    /// A point of a repeating calendar without its year (a weekday, a
    /// month, a holiday): the occurrence around the DCT that `dir` and the
    /// tense pick.
    fn cyclic(
        &self,
        within: Within,
        weekday: Option<u8>,
        holiday: Option<Holiday>,
        time: Option<TimeOfDay>,
        dir: Dir,
        tense: Tense,
    ) -> Resolved {
        let Some(dct) = self.dct else {
            let v = if weekday.is_some() || holiday.is_some() {
                SOME_DAY
            } else {
                yearless(within, time)
            };
            return (v, Resolution::NoDct);
        };
        if let Some(h) = holiday {
            let occ = |y: i32| holiday_date(y, h).map(|d| (d, d));
            return match pick(dct, dir, tense, occ) {
                Some((_, (d, _))) => (
                    Value::Point(day_point(d, time)),
                    Resolution::Holiday { dct, tense },
                ),
                None => (SOME_DAY, Resolution::NoOccurrence),
            };
        }
        // "Friday, Oct. 23": the date decides, not the weekday.
        let dated = matches!(within, Within::Day { .. } | Within::Month(_));
        if let Some(w) = weekday.filter(|_| !dated) {
            let day =
                weekday_of(w).and_then(|wd| add_days(dct, weekday_offset(dct, wd, dir, tense)));
            return match day {
                Some(d) => (
                    Value::Point(day_point(d, time)),
                    Resolution::Weekday { dct, tense },
                ),
                None => (SOME_DAY, Resolution::NoOccurrence),
            };
        }
        match pick(dct, dir, tense, |y| bounds(y, within)) {
            Some((y, _)) => (
                Value::Point(point(y, within, time)),
                Resolution::YearFromDct { dct, tense },
            ),
            None => (yearless(within, time), Resolution::NoOccurrence),
        }
    }

    /// What a shift of `unit` with `anchor` counts from, given `dct` (the
    /// DCT, or the reference's first day when there is no DCT).
    fn base(&self, dct: NaiveDate, unit: Unit, anchor: Anchor) -> From {
        let from_dct = From::Day(dct, Base::Dct(dct));
        let reference = match anchor {
            Anchor::Dct => return from_dct,
            // A year from a quarter or half just discussed keeps its
            // granularity; otherwise a year ago is a year before the DCT.
            Anchor::Period if unit >= Unit::Year => match self.reference {
                Some(p) if matches!(p.within, Within::Quarter(_) | Within::Half(_)) => p,
                _ => return from_dct,
            },
            Anchor::Period | Anchor::Reference => match self.reference {
                Some(p) => p,
                None => return from_dct,
            },
        };
        // Keep a quarter's granularity ("the third quarter ... a year
        // earlier" is a quarter); otherwise count from the reference's
        // first day when it is at least as fine as the unit.
        let fine = match reference.within {
            Within::Day { .. } => true,
            Within::Month(_) => unit >= Unit::Month,
            Within::Quarter(_) | Within::Half(_) => unit >= Unit::Quarter,
            Within::Whole => unit >= Unit::Year,
            _ => false,
        };
        match (reference.within, unit) {
            (Within::Quarter(_) | Within::Half(_), Unit::Year)
            | (Within::Quarter(_), Unit::Quarter) => From::Keep(reference),
            _ if fine => match first_day(reference) {
                Some(d) => From::Day(d, Base::Mentioned(reference)),
                None => from_dct,
            },
            _ => from_dct,
        }
    }

    /// `offset` units from the DCT or the reference time: `two years
    /// ago`, `the previous day`, `this weekend`.
    fn shift(
        &self,
        offset: i32,
        unit: Unit,
        anchor: Anchor,
        within: Within,
        time: Option<TimeOfDay>,
    ) -> Resolved {
        // Without a DCT, "the previous day" still counts from the
        // reference time.
        let from_ref = (anchor == Anchor::Reference
            || anchor == Anchor::Period && unit < Unit::Year)
            .then(|| self.reference.and_then(first_day))
            .flatten();
        let Some(dct) = self.dct.or(from_ref) else {
            return (Value::Relative { offset, unit }, Resolution::NoDct);
        };
        let (base, from) = match self.base(dct, unit, anchor) {
            From::Keep(p) => match shift_keeping(p, offset, unit) {
                Some(shifted) => {
                    let how = Resolution::Shift {
                        offset,
                        unit,
                        from: Base::Mentioned(p),
                    };
                    return (Value::Point(shifted), how);
                }
                None => (dct, Base::Mentioned(p)),
            },
            From::Day(d, from) => (d, from),
        };
        let how = Resolution::Shift { offset, unit, from };
        // "the weekend" is the last one, or the one under way.
        let mut offset = offset;
        if matches!(within, Within::Weekend(_))
            && offset < 0
            && matches!(base.weekday(), Weekday::Sat | Weekday::Sun)
        {
            offset += 1;
        }
        let Some(d) = shift_day(base, offset, unit) else {
            return (Value::Relative { offset, unit }, Resolution::NoOccurrence);
        };
        let mut p = at_granularity(d, unit);
        if within != Within::Whole && unit == Unit::Year {
            p.within = within;
        }
        if let (Within::Weekend(_), Within::Week(w)) = (within, p.within) {
            p.within = Within::Weekend(w);
        }
        if time.is_some() {
            p = day_point(d, time);
        }
        (Value::Point(p), how)
    }
}
