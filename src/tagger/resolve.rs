//! The resolver: turns the grammar's underspecified [`Spec`]s into TimeML
//! values, anchored to the document creation time (DCT) or, for "a year
//! earlier" and "the previous day", to the last mentioned date (the news
//! convention). A sentence's tense decides whether a bare `Friday` or
//! `March` is the previous or the next occurrence.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::calendar::{
    at_granularity, bounds, day_point, first_day, holiday_date, point, shift_day, weekday_of,
};
use super::spec::{Anchor, Dir, Spec, Tense};
use super::timex::{Point, Unit, Value, Within, YearSpan};

/// Resolution state across a document: the DCT and the last mentioned date.
#[derive(Debug, Clone)]
pub(crate) struct Resolver {
    dct: Option<NaiveDate>,
    last: Option<Point>,
    /// The reporting period: the first quarter or half the text names (a
    /// results story names its quarter in the lead; later quarters are
    /// asides: "after a flat second quarter").
    period: Option<Point>,
}

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

impl Resolver {
    /// A resolver for a document with this DCT.
    pub fn new(dct: Option<NaiveDate>) -> Resolver {
        Resolver {
            dct,
            last: None,
            period: None,
        }
    }

    /// Resolves one spec; returns the value and a note on how.
    pub fn resolve(&mut self, spec: Spec, tense: Tense) -> (Value, Option<String>) {
        let (value, note) = self.resolve_inner(spec, tense);
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
                self.last = Some(p);
                if self.period.is_none()
                    && matches!(p.within, Within::Quarter(_) | Within::Half(_))
                    && p.time.is_none()
                {
                    self.period = Some(p);
                }
            }
        }
        (value, note)
    }

    /// The reporting period (the first quarter or half named), or the
    /// comparison `offset` years from it; see [`Spec::Reporting`].
    fn reporting(
        &self,
        year: Option<i32>,
        offset: i32,
        quarter: u8,
        of_quarter: bool,
    ) -> (Value, Option<String>) {
        let named = |w: Within| {
            if quarter > 0 {
                Within::Quarter(quarter)
            } else {
                w
            }
        };
        let period = self.period.and_then(|p| Some((p.year?, p.within)));
        let (y, within, note) = match (year, period) {
            (Some(y), Some((py, w))) => (
                y,
                named(w),
                format!("the quarter of the reporting period {}", point(py, w, None)),
            ),
            (None, Some((py, w))) => (
                py,
                named(w),
                format!(
                    "{offset:+} years from the reporting period {}",
                    point(py, w, None)
                ),
            ),
            (Some(y), None) if quarter > 0 => (y, Within::Quarter(quarter), String::new()),
            (Some(y), None) => return (Value::Point(point(y, Within::Whole, None)), None),
            (None, None) => {
                let Some(dct) = self.dct else {
                    let unit = if of_quarter {
                        Unit::Quarter
                    } else {
                        Unit::Year
                    };
                    return (
                        Value::Relative { offset, unit },
                        Some("no DCT: left unresolved".into()),
                    );
                };
                let dct_q = ((dct.month() - 1) / 3 + 1) as u8;
                if !of_quarter {
                    (
                        dct.year(),
                        Within::Whole,
                        format!("{offset:+} years from DCT {dct}"),
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
                        format!("quarter completed before DCT {dct}"),
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
                        format!("{offset:+} years from the quarter completed before DCT {dct}"),
                    )
                }
            }
        };
        let note = (!note.is_empty()).then_some(note);
        (Value::Point(point(y + offset, within, None)), note)
    }

    fn resolve_inner(&self, spec: Spec, tense: Tense) -> (Value, Option<String>) {
        let tense_note = match tense {
            Tense::Past => "past tense",
            Tense::Future => "future tense",
            Tense::None => "no tense cue",
        };
        match spec {
            Spec::Fixed(v) => (v, None),
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
            } => {
                let Some(dct) = self.dct else {
                    let v = if weekday.is_some() || holiday.is_some() {
                        Value::Relative {
                            offset: 0,
                            unit: Unit::Day,
                        }
                    } else {
                        Value::Point(Point {
                            year: None,
                            span: YearSpan::Year,
                            within,
                            time,
                        })
                    };
                    return (v, Some("no DCT: left unresolved".into()));
                };
                if let Some(h) = holiday {
                    let occ = |y: i32| holiday_date(y, h).map(|d| (d, d));
                    let t = if tense == Tense::None {
                        Tense::None
                    } else {
                        tense
                    };
                    return match pick(dct, dir, t, occ) {
                        Some((_, (d, _))) => (
                            Value::Point(day_point(d, time)),
                            Some(format!("holiday nearest DCT {dct} ({tense_note})")),
                        ),
                        None => (
                            Value::Relative {
                                offset: 0,
                                unit: Unit::Day,
                            },
                            None,
                        ),
                    };
                }
                if let Some(w) = weekday {
                    if let (Within::Day { .. }, _) | (Within::Month(_), _) = (within, ()) {
                        // "Friday, Oct. 23": the date decides.
                    } else {
                        let Some(wd) = weekday_of(w) else {
                            return (
                                Value::Relative {
                                    offset: 0,
                                    unit: Unit::Day,
                                },
                                None,
                            );
                        };
                        let diff = i64::from(wd.num_days_from_monday())
                            - i64::from(dct.weekday().num_days_from_monday());
                        let back = (-diff).rem_euclid(7);
                        let fwd = diff.rem_euclid(7);
                        let days: i64 = match dir {
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
                        };
                        let d = if days >= 0 {
                            dct.checked_add_days(Days::new(days as u64))
                        } else {
                            dct.checked_sub_days(Days::new(days.unsigned_abs()))
                        };
                        return match d {
                            Some(d) => (
                                Value::Point(day_point(d, time)),
                                Some(format!("weekday relative to DCT {dct} ({tense_note})")),
                            ),
                            None => (
                                Value::Relative {
                                    offset: 0,
                                    unit: Unit::Day,
                                },
                                None,
                            ),
                        };
                    }
                }
                match pick(dct, dir, tense, |y| bounds(y, within)) {
                    Some((y, _)) => (
                        Value::Point(point(y, within, time)),
                        Some(format!("year from DCT {dct} ({tense_note})")),
                    ),
                    None => (
                        Value::Point(Point {
                            year: None,
                            span: YearSpan::Year,
                            within,
                            time,
                        }),
                        None,
                    ),
                }
            }
            Spec::Shift {
                offset,
                unit,
                anchor,
                within,
                time,
            } => {
                // Without a DCT, "the previous day" still counts from the
                // last mentioned date.
                let from_ref = (anchor == Anchor::Reference
                    || anchor == Anchor::Period && unit < Unit::Year)
                    .then(|| self.last.and_then(first_day))
                    .flatten();
                let Some(dct) = self.dct.or(from_ref) else {
                    return (
                        Value::Relative { offset, unit },
                        Some("no DCT: left unresolved".into()),
                    );
                };
                // The anchor: the last mentioned date for "earlier"/"later"
                // expressions, else the DCT.
                let mut base = dct;
                let mut keep: Option<Point> = None;
                let mut note = format!("{offset:+} {unit:?} from DCT {dct}");
                let anchor = match anchor {
                    Anchor::Period if unit >= Unit::Year => {
                        if matches!(
                            self.last.map(|p| p.within),
                            Some(Within::Quarter(_) | Within::Half(_))
                        ) {
                            Anchor::Reference
                        } else {
                            Anchor::Dct
                        }
                    }
                    Anchor::Period => Anchor::Reference,
                    a => a,
                };
                if anchor == Anchor::Reference {
                    if let Some(p) = self.last {
                        note = format!("{offset:+} {unit:?} from last mentioned {p}");
                        // Keep a quarter's granularity ("the third quarter ... a
                        // year earlier" is a quarter); otherwise count from the
                        // reference's first day when it is at least as fine as
                        // the unit.
                        let fine = |u: Unit| match p.within {
                            Within::Day { .. } => true,
                            Within::Month(_) => u >= Unit::Month,
                            Within::Quarter(_) | Within::Half(_) => u >= Unit::Quarter,
                            Within::Whole => u >= Unit::Year,
                            _ => false,
                        };
                        match (p.within, unit) {
                            (Within::Quarter(_) | Within::Half(_), Unit::Year)
                            | (Within::Quarter(_), Unit::Quarter) => keep = Some(p),
                            _ if fine(unit) => match first_day(p) {
                                Some(d) => base = d,
                                None => note = format!("{offset:+} {unit:?} from DCT {dct}"),
                            },
                            _ => note = format!("{offset:+} {unit:?} from DCT {dct}"),
                        }
                    }
                }
                if let Some(p) = keep {
                    if let Some(y) = p.year {
                        let shifted = match (unit, p.within) {
                            (Unit::Year, w) => Some(point(y + offset, w, None)),
                            (Unit::Quarter, Within::Quarter(q)) => {
                                let idx = y * 4 + i32::from(q) - 1 + offset;
                                Some(point(
                                    idx.div_euclid(4),
                                    Within::Quarter((idx.rem_euclid(4) + 1) as u8),
                                    None,
                                ))
                            }
                            (Unit::Month, Within::Month(m)) => {
                                let idx = y * 12 + i32::from(m) - 1 + offset;
                                Some(point(
                                    idx.div_euclid(12),
                                    Within::Month((idx.rem_euclid(12) + 1) as u8),
                                    None,
                                ))
                            }
                            _ => None,
                        };
                        if let Some(p) = shifted {
                            return (Value::Point(p), Some(note));
                        }
                    }
                }
                // "the weekend" is the last one, or the one under way.
                let mut offset = offset;
                if matches!(within, Within::Weekend(_))
                    && offset < 0
                    && matches!(base.weekday(), Weekday::Sat | Weekday::Sun)
                {
                    offset += 1;
                }
                let Some(d) = shift_day(base, offset, unit) else {
                    return (Value::Relative { offset, unit }, None);
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
                (Value::Point(p), Some(note))
            }
        }
    }
}
