//! Calendar arithmetic the grammar and the resolver share: holidays, week
//! days, the bounds of a month, quarter or season, shifting a day by a
//! unit, and the point of a given granularity around a day. Pure functions
//! of their arguments: no document state, no English.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::timex::{Point, Season, TimeOfDay, Unit, Value, Within, YearSpan};

/// A holiday's date rule (the values of `holidays.words`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    /// A fixed day: month, day.
    Fixed(u8, u8),
    /// Days after Easter Sunday.
    Easter(i32),
    /// The `n`th (`-1`: last) weekday (1 = Monday) of a month.
    Nth {
        /// Month 1–12.
        month: u8,
        /// Weekday 1–7.
        weekday: u8,
        /// Occurrence, `-1` for the last.
        n: i8,
        /// Days after that weekday: US Election Day is the Tuesday after
        /// the first Monday of November (`nth/11/1/1+1`).
        after: u8,
    },
}

/// A point of a single year.
pub(crate) fn point(year: i32, within: Within, time: Option<TimeOfDay>) -> Point {
    Point {
        year: Some(year),
        span: YearSpan::Year,
        within,
        time,
    }
}

/// The point of day `d`.
pub(crate) fn day_point(d: NaiveDate, time: Option<TimeOfDay>) -> Point {
    point(
        d.year(),
        Within::Day {
            month: d.month() as u8,
            day: d.day() as u8,
        },
        time,
    )
}

/// The most days a month can have (February: 29).
pub(crate) fn days_in_month(m: u32) -> i64 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// First and last day of `within` in `year` (None for weeks and `Whole`).
pub(crate) fn bounds(year: i32, within: Within) -> Option<(NaiveDate, NaiveDate)> {
    let ym = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1);
    let month_end = |y: i32, m: u32| {
        let first = ym(y, m)?;
        first.checked_add_months(Months::new(1))?.pred_opt()
    };
    let months = |a: u32, b: u32| Some((ym(year, a)?, month_end(year, b)?));
    match within {
        Within::Day { month, day } => {
            let d = NaiveDate::from_ymd_opt(year, month.into(), day.into())?;
            Some((d, d))
        }
        Within::Month(m) => months(m.into(), m.into()),
        Within::Quarter(q) => months(3 * u32::from(q) - 2, 3 * u32::from(q)),
        Within::Half(h) => months(6 * u32::from(h) - 5, 6 * u32::from(h)),
        Within::Season(s) => match s {
            Season::Spring => months(3, 5),
            Season::Summer => months(6, 8),
            Season::Fall => months(9, 11),
            Season::Winter => Some((ym(year, 12)?, month_end(year + 1, 2)?)),
        },
        _ => None,
    }
}

/// The first day of a known point.
pub(crate) fn first_day(p: Point) -> Option<NaiveDate> {
    let y = p.year?;
    match p.within {
        Within::Whole => NaiveDate::from_ymd_opt(y, 1, 1),
        w => bounds(y, w).map(|(a, _)| a),
    }
}

/// The date of holiday `h` in `year`.
pub(crate) fn holiday_date(year: i32, h: Holiday) -> Option<NaiveDate> {
    match h {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m.into(), d.into()),
        Holiday::Easter(off) => {
            let e = easter(year)?;
            if off >= 0 {
                e.checked_add_days(Days::new(off as u64))
            } else {
                e.checked_sub_days(Days::new(off.unsigned_abs().into()))
            }
        }
        Holiday::Nth {
            month,
            weekday,
            n,
            after,
        } => {
            let wd = weekday_of(weekday)?;
            if n > 0 {
                NaiveDate::from_weekday_of_month_opt(year, month.into(), wd, n as u8)?
                    .checked_add_days(Days::new(after.into()))
            } else {
                let mut d = NaiveDate::from_ymd_opt(year, month.into(), 1)?
                    .checked_add_months(Months::new(1))?
                    .pred_opt()?;
                while d.weekday() != wd {
                    d = d.pred_opt()?;
                }
                d.checked_add_days(Days::new(after.into()))
            }
        }
    }
}

/// Easter Sunday (the anonymous Gregorian algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The weekday numbered `w` (1 = Monday, ISO 8601).
pub(crate) fn weekday_of(w: u8) -> Option<Weekday> {
    Some(match w {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// Shifts a day by `n` units (calendar arithmetic, clamped to month ends).
pub(crate) fn shift_day(d: NaiveDate, n: i32, unit: Unit) -> Option<NaiveDate> {
    let months = |m: i32| {
        if m >= 0 {
            d.checked_add_months(Months::new(m as u32))
        } else {
            d.checked_sub_months(Months::new(m.unsigned_abs()))
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => add_days(d, n.into()),
        Unit::Week => add_days(d, i64::from(n) * 7),
        Unit::Month => months(n),
        Unit::Quarter => months(n.checked_mul(3)?),
        Unit::Year => months(n.checked_mul(12)?),
        Unit::Decade => months(n.checked_mul(120)?),
        Unit::Century => months(n.checked_mul(1200)?),
    }
}

/// `d` plus `k` days (`k` may be negative).
pub(crate) fn add_days(d: NaiveDate, k: i64) -> Option<NaiveDate> {
    if k >= 0 {
        d.checked_add_days(Days::new(k as u64))
    } else {
        d.checked_sub_days(Days::new(k.unsigned_abs()))
    }
}

/// The point of granularity `unit` containing day `d`.
pub(crate) fn at_granularity(d: NaiveDate, unit: Unit) -> Point {
    let y = d.year();
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => day_point(d, None),
        Unit::Week => {
            let w = d.iso_week();
            point(w.year(), Within::Week(w.week() as u8), None)
        }
        Unit::Month => point(y, Within::Month(d.month() as u8), None),
        Unit::Quarter => point(y, Within::Quarter(((d.month() - 1) / 3 + 1) as u8), None),
        Unit::Year => point(y, Within::Whole, None),
        Unit::Decade => Point {
            year: Some(y - y.rem_euclid(10)),
            span: YearSpan::Decade,
            within: Within::Whole,
            time: None,
        },
        Unit::Century => Point {
            year: Some(y - y.rem_euclid(100)),
            span: YearSpan::Century,
            within: Within::Whole,
            time: None,
        },
    }
}

/// The ISO week of a day: `the week of March 6, 2000` is `2000-W10`. Other
/// values are returned as they are.
pub(crate) fn iso_week_of(v: Value) -> Value {
    match v {
        Value::Point(Point {
            year: Some(y),
            span: YearSpan::Year,
            within: Within::Day { month, day },
            ..
        }) => match NaiveDate::from_ymd_opt(y, month.into(), day.into()) {
            Some(d) => {
                let w = d.iso_week();
                Value::Point(Point {
                    year: Some(w.year()),
                    span: YearSpan::Year,
                    within: Within::Week(w.week() as u8),
                    time: None,
                })
            }
            None => v,
        },
        other => other,
    }
}

/// A sort key (year, month, day) for the start of a point, to compare the
/// ends of a range.
pub(crate) fn start_key(p: &Point) -> (i32, u8, u8) {
    let y = p.year.unwrap_or(0);
    match p.within {
        Within::Day { month, day } => (y, month, day),
        Within::Month(m) => (y, m, 0),
        Within::Quarter(q) => (y, 3 * q - 2, 0),
        Within::Half(h) => (y, 6 * h - 5, 0),
        Within::Season(s) => (
            y,
            match s {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Fall => 9,
                Season::Winter => 12,
            },
            0,
        ),
        _ => (y, 0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_and_thanksgiving() {
        assert_eq!(
            holiday_date(2000, Holiday::Easter(0)),
            NaiveDate::from_ymd_opt(2000, 4, 23)
        );
        assert_eq!(
            holiday_date(
                1999,
                Holiday::Nth {
                    month: 11,
                    weekday: 4,
                    n: 4,
                    after: 0,
                }
            ),
            NaiveDate::from_ymd_opt(1999, 11, 25)
        );
        assert_eq!(
            holiday_date(
                2023,
                Holiday::Nth {
                    month: 5,
                    weekday: 1,
                    n: -1,
                    after: 0,
                }
            ),
            NaiveDate::from_ymd_opt(2023, 5, 29)
        );
    }

    #[test]
    fn week_of_a_day() {
        let day = Value::Point(day_point(
            NaiveDate::from_ymd_opt(2000, 3, 6).unwrap(),
            None,
        ));
        assert_eq!(iso_week_of(day).to_string(), "2000-W10");
    }
}
