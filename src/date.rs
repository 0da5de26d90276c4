//! Calendar dates that keep their precision.
//!
//! A news article says "September 2021", not "2021-09-01". [`Date`] stores a
//! date at exactly the precision the text gives: a day, a month, a season or
//! a quarter, a year, a decade or a century. [`DateSpec`] adds the EDTF
//! (ISO 8601-2) qualifiers a timeline needs: approximate (`~`) and uncertain
//! (`?`).
//!
//! Years are astronomical: year `0` is 1 BC and `-43` is 44 BC, as in ISO 8601
//! and EDTF (`-0043`).
//!
//! # Notation (EDTF subset)
//!
//! | text          | value                                 |
//! |---------------|---------------------------------------|
//! | `2020-11-10`  | `Date::Day(2020-11-10)`               |
//! | `2021-09`     | `Date::Month { year: 2021, month: 9 }`|
//! | `2012-22`     | `Date::Season { year: 2012, season: Season::Summer }` (EDTF seasons 21–24) |
//! | `2013-33`     | `Date::Quarter { year: 2013, quarter: 1 }` (EDTF quarters 33–36) |
//! | `1991`        | `Date::Year(1991)`                    |
//! | `199X`        | `Date::Decade(199)` (the 1990s)       |
//! | `19XX`        | `Date::Century(19)` (the 1900s)       |
//! | `-0043`       | `Date::Year(-43)` (44 BC)             |
//! | `~1990`       | approximate 1990                      |
//! | `2021?`       | uncertain 2021                        |
//! | `2021%`       | approximate and uncertain 2021        |
//!
//! # Qualified dates: seasons, quarters, early, mid and late
//!
//! A qualifier that EDTF names is a [`Date`] of its own, so every stage
//! that handles dates (ordering, spans, labels, charts) handles it without
//! knowing it: a season ([`Date::Season`], `2012-22`, spring March–May,
//! summer June–August, autumn September–November, winter December to the
//! next February) and a quarter ([`Date::Quarter`], `2013-33`, Q1 =
//! January–March).
//!
//! "Early", "mid" and "late" have no EDTF form. They name the first, middle
//! or last third of a period ([`Third`], [`Date::third`]) and are kept as
//! the interval they mean, with approximate ends: early 2011 is
//! `2011-01~/2011-04~`, late July 2012 `2012-07-21~/2012-07-31~`, the
//! mid-1990s `1994~/1996~`, the early 20th century `190X~/192X~`. That is
//! what EDTF can say, it is drawn as an interval with soft ends, and it
//! reads back as the same value.
//!
//! ```
//! use timeline::date::{Date, DateSpec};
//! let d: DateSpec = "2021-09".parse().unwrap();
//! assert_eq!(d.date, Date::Month { year: 2021, month: 9 });
//! assert_eq!(d.to_string(), "2021-09");
//! assert_eq!("~1990".parse::<DateSpec>().unwrap().approximate, true);
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// The precision at which a [`Date`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A hundred years, e.g. the 1900s.
    Century,
    /// Ten years, e.g. the 1990s.
    Decade,
    /// One year.
    Year,
    /// Three months: a season or a quarter of a year.
    Quarter,
    /// One month of one year.
    Month,
    /// One calendar day.
    Day,
}

/// A calendar date at its own precision.
///
/// Ordering is by start day, then by precision (coarser first), so a year
/// sorts before the months and days it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Date {
    /// A hundred years: `Century(19)` is 1900–1999.
    Century(i32),
    /// Ten years: `Decade(199)` is 1990–1999.
    Decade(i32),
    /// A year.
    Year(i32),
    /// A month of a year; `month` is 1–12.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
    /// A season of a year (EDTF `2012-22`); winter runs from December of
    /// `year` to February of the next year.
    Season {
        /// The year the season starts in.
        year: i32,
        /// Which season.
        season: Season,
    },
    /// A quarter of a year (EDTF `2013-33` for Q1).
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u32,
    },
    /// A calendar day.
    Day(NaiveDate),
}

/// A season, as EDTF numbers them (21–24, independent of hemisphere);
/// drawn as the northern meteorological seasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Season {
    /// March–May, EDTF `-21`.
    Spring,
    /// June–August, EDTF `-22`.
    Summer,
    /// September–November, EDTF `-23`.
    Autumn,
    /// December–February, EDTF `-24`.
    Winter,
}

impl Season {
    /// All seasons, in calendar order.
    pub const ALL: [Season; 4] = [
        Season::Spring,
        Season::Summer,
        Season::Autumn,
        Season::Winter,
    ];

    /// The EDTF sub-year code, 21–24.
    pub fn code(self) -> u32 {
        match self {
            Season::Spring => 21,
            Season::Summer => 22,
            Season::Autumn => 23,
            Season::Winter => 24,
        }
    }

    /// The English name, lowercase.
    pub fn name(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }

    /// The first month, 3, 6, 9 or 12.
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// The early, middle or late third of a period: "early 2011", "mid-1990s",
/// "late July 2012" (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Third {
    /// The first third.
    Early,
    /// The middle third.
    Mid,
    /// The last third.
    Late,
}

impl Third {
    /// The word people write.
    pub fn word(self) -> &'static str {
        match self {
            Third::Early => "early",
            Third::Mid => "mid",
            Third::Late => "late",
        }
    }
}

/// Why a text is not a valid [`Date`] or [`DateSpec`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text does not follow the notation.
    #[error("`{0}` is not a date")]
    Syntax(String),
    /// The month is not 1–12.
    #[error("month {month} does not exist in `{text}`; months run from 01 to 12")]
    Month {
        /// The offending text.
        text: String,
        /// The month number given.
        month: u32,
    },
    /// The day does not exist in that month.
    #[error("{year}-{month:02} has no day {day}")]
    Day {
        /// The year.
        year: i32,
        /// The month.
        month: u32,
        /// The day given.
        day: u32,
    },
    /// The year is outside the supported range.
    #[error("year {0} is out of range (supported: -9999 to 9999)")]
    YearRange(i64),
    /// An EDTF sub-year code (`YYYY-NN`, NN 21–41) this tool does not keep.
    #[error("`{text}` uses the EDTF sub-year code {code}, which timeline does not support")]
    SubYear {
        /// The offending text.
        text: String,
        /// The code, 25–32 or 37–41.
        code: u32,
    },
    /// A numeric date that reads two ways (`10/11/2020`).
    #[error("`{text}` is ambiguous: {day_first} (day first) or {month_first} (month first)")]
    Ambiguous {
        /// The offending text.
        text: String,
        /// The day-first reading, e.g. `10 Nov 2020`.
        day_first: String,
        /// The month-first reading, e.g. `11 Oct 2020`.
        month_first: String,
        /// The two readings in EDTF, for the hint.
        edtf: (String, String),
    },
    /// A date followed by text that is not part of it.
    #[error("`{text}` has `{rest}` after the date `{date}`")]
    Trailing {
        /// The whole text.
        text: String,
        /// The part that reads as a date.
        date: String,
        /// What follows it.
        rest: String,
    },
    /// A clock time or zone offset that does not exist.
    #[error("{what} in `{text}`")]
    Time {
        /// The whole text.
        text: String,
        /// What is wrong, e.g. "hour 25 does not exist".
        what: String,
    },
    /// `YYYY-NN` typed by hand where NN is an EDTF season or quarter code
    /// and also reads as a year range (`2021-22`).
    #[error("`{text}` is ambiguous: {edtf} in EDTF, or the years {first} to {last}")]
    SubYearOrRange {
        /// The offending text.
        text: String,
        /// The EDTF reading, e.g. `summer 2021`.
        edtf: String,
        /// The first year of the range reading.
        first: i32,
        /// The last year of the range reading.
        last: i32,
    },
    /// A date without a year (`Nov 10`): never completed from the clock.
    #[error("`{0}` has no year")]
    NoYear(String),
    /// The weekday written does not match the date.
    #[error("{date} is a {actual}, not a {written}")]
    Weekday {
        /// The date, e.g. `10 Nov 2020`.
        date: String,
        /// The weekday written.
        written: String,
        /// The date's weekday.
        actual: String,
    },
    /// "early", "mid" or "late" of something that has no thirds.
    #[error("`{text}`: {third} needs a month, a year, a decade or a century")]
    Third {
        /// The whole text.
        text: String,
        /// The word, e.g. `early`.
        third: &'static str,
    },
}

/// The forms people can write, for hints.
pub const DATE_FORMS_HINT: &str = "write a date such as 2020-11-10, 2021-09, 1991, 1990s, ~1990, 2021?, 10 Nov 2020, summer 2012, Q1 2013 or early 2011, or an interval such as 1991 to 2020";

impl DateError {
    /// How to fix the text, if there is more to say than the message.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            DateError::Syntax(_) => DATE_FORMS_HINT.to_string(),
            DateError::Month { .. } => {
                "write a month as YYYY-MM, e.g. 2021-09, and years as 1991 to 2020".to_string()
            }
            DateError::YearRange(_) => {
                "write a year of at most four digits; 44 BC is -0043".to_string()
            }
            DateError::Day { year, month, day: _ } => {
                let m = Date::Month {
                    year: *year,
                    month: *month,
                };
                format!("{} has {} days", m.human(), m.last_day().day())
            }
            DateError::SubYear { .. } => {
                "write a season as YYYY-21 (spring) to YYYY-24 (winter), a quarter as YYYY-33 (Q1) to YYYY-36 (Q4)".to_string()
            }
            DateError::Ambiguous { edtf, .. } => {
                format!("write {} or {}", edtf.0, edtf.1)
            }
            DateError::Trailing { date, rest, .. } => {
                if date.contains(':') {
                    format!("write the zone as Z or an offset such as +05:00, or remove `{rest}`")
                } else if rest.contains(':') {
                    format!("write a time as {date}T14:00Z, or remove `{rest}`")
                } else {
                    format!("remove `{rest}`; a note on the date belongs in a comment (`# ...`)")
                }
            }
            DateError::Time { .. } => {
                "write a time as 2020-11-10T14:00Z or 2020-11-10T14:00+05:00 (hours 00–23, offsets up to ±14:00)".to_string()
            }
            DateError::SubYearOrRange {
                edtf, first, last, ..
            } => format!("write {edtf} or {first} to {last}"),
            DateError::NoYear(s) => format!("add the year, e.g. `{s}, 2020`; timeline never guesses it"),
            DateError::Weekday { .. } => "fix the date or the weekday, or leave the weekday out".to_string(),
            DateError::Third { third, .. } => {
                format!("write e.g. {third} 2011, {third} July 2012, {third} 1990s")
            }
        })
    }
}

/// The smallest and largest supported years.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = -9999..=9999;

impl Date {
    /// A day, validated.
    pub fn day(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        check_year(year as i64)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: format!("{year:04}-{month:02}-{day:02}"),
                month,
            });
        }
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Date::Day)
            .ok_or(DateError::Day { year, month, day })
    }

    /// A month, validated.
    pub fn month(year: i32, month: u32) -> Result<Date, DateError> {
        check_year(year as i64)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: format!("{year:04}-{month:02}"),
                month,
            });
        }
        Ok(Date::Month { year, month })
    }

    /// A year, validated.
    pub fn year(year: i32) -> Result<Date, DateError> {
        check_year(year as i64)?;
        Ok(Date::Year(year))
    }

    /// A season of a year, validated.
    pub fn season(year: i32, season: Season) -> Result<Date, DateError> {
        check_year(year as i64)?;
        Ok(Date::Season { year, season })
    }

    /// A quarter of a year (1–4), validated.
    pub fn quarter(year: i32, quarter: u32) -> Result<Date, DateError> {
        check_year(year as i64)?;
        if !(1..=4).contains(&quarter) {
            return Err(DateError::Syntax(format!("Q{quarter} {year}")));
        }
        Ok(Date::Quarter { year, quarter })
    }

    /// The early, middle or last third of this date, as its first and last
    /// date at the next finer precision: a month's days 1–10, 11–20 and
    /// 21–end; a year's months 1–4, 5–8 and 9–12; a decade's years 0–3,
    /// 4–6 and 7–9; a century's decades 0–2, 3–6 and 7–9. `None` for days,
    /// seasons and quarters, which have no thirds people name.
    pub fn third(&self, third: Third) -> Option<(Date, Date)> {
        let pick = |a: (i32, i32), b: (i32, i32), c: (i32, i32)| match third {
            Third::Early => a,
            Third::Mid => b,
            Third::Late => c,
        };
        Some(match *self {
            Date::Month { year, month } => {
                let last = self.last_day().day() as i32;
                let (a, b) = pick((1, 10), (11, 20), (21, last));
                (
                    Date::day(year, month, a as u32).ok()?,
                    Date::day(year, month, b as u32).ok()?,
                )
            }
            Date::Year(year) => {
                let (a, b) = pick((1, 4), (5, 8), (9, 12));
                (
                    Date::month(year, a as u32).ok()?,
                    Date::month(year, b as u32).ok()?,
                )
            }
            Date::Decade(d) => {
                let (a, b) = pick((0, 3), (4, 6), (7, 9));
                (Date::year(d * 10 + a).ok()?, Date::year(d * 10 + b).ok()?)
            }
            Date::Century(c) => {
                let (a, b) = pick((0, 2), (3, 6), (7, 9));
                (Date::Decade(c * 10 + a), Date::Decade(c * 10 + b))
            }
            Date::Day(_) | Date::Season { .. } | Date::Quarter { .. } => return None,
        })
    }

    /// The precision of this date.
    pub fn precision(&self) -> Precision {
        match self {
            Date::Century(_) => Precision::Century,
            Date::Decade(_) => Precision::Decade,
            Date::Year(_) => Precision::Year,
            Date::Season { .. } | Date::Quarter { .. } => Precision::Quarter,
            Date::Month { .. } => Precision::Month,
            Date::Day(_) => Precision::Day,
        }
    }

    /// The first day this date covers.
    pub fn first_day(&self) -> NaiveDate {
        let ymd = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y.clamp(-9999, 9999), m, d).unwrap_or(NaiveDate::MIN)
        };
        match *self {
            Date::Century(c) => ymd(c * 100, 1, 1),
            Date::Decade(d) => ymd(d * 10, 1, 1),
            Date::Year(y) => ymd(y, 1, 1),
            Date::Season { year, season } => ymd(year, season.first_month(), 1),
            Date::Quarter { year, quarter } => ymd(year, 3 * quarter - 2, 1),
            Date::Month { year, month } => ymd(year, month, 1),
            Date::Day(d) => d,
        }
    }

    /// The last day this date covers (inclusive).
    pub fn last_day(&self) -> NaiveDate {
        let ymd = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y.clamp(-9999, 9999), m, d).unwrap_or(NaiveDate::MAX)
        };
        match *self {
            Date::Century(c) => ymd(c * 100 + 99, 12, 31),
            Date::Decade(d) => ymd(d * 10 + 9, 12, 31),
            Date::Year(y) => ymd(y, 12, 31),
            Date::Month { year, month } => month_end(year, month),
            Date::Season {
                year,
                season: Season::Winter,
            } if year >= *YEAR_RANGE.end() => ymd(year, 12, 31),
            Date::Season {
                year,
                season: Season::Winter,
            } => month_end(year + 1, 2),
            Date::Season { year, season } => month_end(year, season.first_month() + 2),
            Date::Quarter { year, quarter } => month_end(year, 3 * quarter),
            Date::Day(d) => d,
        }
    }

    /// The year this date starts in.
    pub fn start_year(&self) -> i32 {
        self.first_day().year()
    }

    /// Human-readable form the way people write dates: `10 Nov 2020`,
    /// `Sep 2021`, `1991`, `1990s`, `20th century`, `44 BC`.
    pub fn human(&self) -> String {
        fn y(year: i32) -> String {
            if year <= 0 {
                format!("{} BC", 1 - year)
            } else {
                year.to_string()
            }
        }
        match *self {
            Date::Century(c) => {
                let n = c + 1;
                let suffix = match (n % 10, n % 100) {
                    (1, r) if r != 11 => "st",
                    (2, r) if r != 12 => "nd",
                    (3, r) if r != 13 => "rd",
                    _ => "th",
                };
                format!("{n}{suffix} century")
            }
            Date::Decade(d) => format!("{}s", y(d * 10)),
            Date::Year(year) => y(year),
            Date::Month { year, month } => {
                format!("{} {}", MONTH_ABBR[month as usize - 1], y(year))
            }
            Date::Season {
                year,
                season: Season::Winter,
            } if year > 0 => format!("winter {}–{:02}", year, (year + 1).rem_euclid(100)),
            Date::Season { year, season } => format!("{} {}", season.name(), y(year)),
            Date::Quarter { year, quarter } => format!("Q{quarter} {}", y(year)),
            Date::Day(d) => format!(
                "{} {} {}",
                d.day(),
                MONTH_ABBR[d.month0() as usize],
                y(d.year())
            ),
        }
    }
}

/// English month abbreviations, January first.
pub const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The last day of a month (clamped to the supported range).
fn month_end(year: i32, month: u32) -> NaiveDate {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    if ny > *YEAR_RANGE.end() {
        return NaiveDate::from_ymd_opt(*YEAR_RANGE.end(), 12, 31).unwrap_or(NaiveDate::MAX);
    }
    NaiveDate::from_ymd_opt(ny.max(*YEAR_RANGE.start()), nm, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

fn check_year(y: i64) -> Result<(), DateError> {
    if (*YEAR_RANGE.start() as i64..=*YEAR_RANGE.end() as i64).contains(&y) {
        Ok(())
    } else {
        Err(DateError::YearRange(y))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision().cmp(&other.precision()))
            .then(self.last_day().cmp(&other.last_day()))
    }
}

fn fmt_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if year < 0 {
        write!(f, "-{:04}", -year)
    } else {
        write!(f, "{year:04}")
    }
}

impl fmt::Display for Date {
    /// The EDTF form: `2020-11-10`, `2021-09`, `1991`, `199X`, `19XX`, `-0043`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Century(c) => {
                if c < 0 {
                    write!(f, "-{:02}XX", -c)
                } else {
                    write!(f, "{c:02}XX")
                }
            }
            Date::Decade(d) => {
                if d < 0 {
                    write!(f, "-{:03}X", -d)
                } else {
                    write!(f, "{d:03}X")
                }
            }
            Date::Year(y) => fmt_year(f, y),
            Date::Month { year, month } => {
                fmt_year(f, year)?;
                write!(f, "-{month:02}")
            }
            Date::Season { year, season } => {
                fmt_year(f, year)?;
                write!(f, "-{}", season.code())
            }
            Date::Quarter { year, quarter } => {
                fmt_year(f, year)?;
                write!(f, "-{}", 32 + quarter)
            }
            Date::Day(d) => {
                fmt_year(f, d.year())?;
                write!(f, "-{:02}-{:02}", d.month(), d.day())
            }
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses the EDTF form written by [`Display`](fmt::Display).
    fn from_str(s: &str) -> Result<Date, DateError> {
        let syntax = || DateError::Syntax(s.to_string());
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let sign = if neg { -1 } else { 1 };
        let parts: Vec<&str> = body.split('-').collect();
        // A year of five or more digits is a date, just not one we support.
        if parts[0].len() > 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
            let y = parts[0].parse::<i64>().unwrap_or(i64::MAX);
            return Err(DateError::YearRange(if neg { -y } else { y }));
        }
        let num = |p: &str| -> Result<i64, DateError> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax());
            }
            p.parse::<i64>().map_err(|_| syntax())
        };
        match parts.as_slice() {
            [y] if y.len() == 4 && y.ends_with("XX") => {
                let c = num(&y[..2])? * sign;
                check_year(c * 100)?;
                Ok(Date::Century(c as i32))
            }
            [y] if y.len() == 4 && y.ends_with('X') => {
                let d = num(&y[..3])? * sign;
                check_year(d * 10)?;
                Ok(Date::Decade(d as i32))
            }
            [y] if y.len() == 4 => {
                let y = num(y)? * sign;
                check_year(y)?;
                Ok(Date::Year(y as i32))
            }
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let y = num(y)? * sign;
                check_year(y)?;
                let m = num(m)? as u32;
                let year = y as i32;
                match m {
                    1..=12 => Ok(Date::Month { year, month: m }),
                    21..=24 => Ok(Date::Season {
                        year,
                        season: Season::ALL[(m - 21) as usize],
                    }),
                    33..=36 => Ok(Date::Quarter {
                        year,
                        quarter: m - 32,
                    }),
                    25..=32 | 37..=41 => Err(DateError::SubYear {
                        text: s.to_string(),
                        code: m,
                    }),
                    _ => Err(DateError::Month {
                        text: s.to_string(),
                        month: m,
                    }),
                }
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                let y = num(y)? * sign;
                check_year(y)?;
                let m = num(m)? as u32;
                let d = num(d)? as u32;
                if !(1..=12).contains(&m) {
                    return Err(DateError::Month {
                        text: s.to_string(),
                        month: m,
                    });
                }
                Date::day(y as i32, m, d)
            }
            _ => Err(syntax()),
        }
    }
}

/// A [`Date`] with the EDTF qualifiers `~` (approximate) and `?` (uncertain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateSpec {
    /// The date at its precision.
    pub date: Date,
    /// "about 1990", "nearly 30 years ago", "c. 1990": EDTF `~`.
    pub approximate: bool,
    /// The source is unsure ("probably in 2021"): EDTF `?`.
    pub uncertain: bool,
}

impl DateSpec {
    /// An exact, certain date.
    pub fn exact(date: Date) -> DateSpec {
        DateSpec {
            date,
            approximate: false,
            uncertain: false,
        }
    }
}

impl From<Date> for DateSpec {
    fn from(date: Date) -> DateSpec {
        DateSpec::exact(date)
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        match (self.approximate, self.uncertain) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("~"),
            (false, true) => f.write_str("?"),
            (false, false) => Ok(()),
        }
    }
}

impl FromStr for DateSpec {
    type Err = DateError;

    /// Parses EDTF with a trailing qualifier (`2021?`, `1990~`, `1990%`) or a
    /// leading `~` (`~1990`, the form people type).
    fn from_str(s: &str) -> Result<DateSpec, DateError> {
        let s = s.trim();
        let (lead_approx, rest) = match s.strip_prefix('~') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (body, approximate, uncertain) = if let Some(b) = rest.strip_suffix('%') {
            (b, true, true)
        } else if let Some(b) = rest.strip_suffix('~') {
            (b, true, false)
        } else if let Some(b) = rest.strip_suffix('?') {
            (b, false, true)
        } else {
            (rest, false, false)
        };
        let date = body.parse::<Date>().map_err(|e| match e {
            DateError::Syntax(_) => DateError::Syntax(s.to_string()),
            other => other,
        })?;
        Ok(DateSpec {
            date,
            approximate: approximate || lead_approx,
            uncertain,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_parse_round_trip() {
        for s in [
            "2020-11-10",
            "2021-09",
            "1991",
            "199X",
            "19XX",
            "-0043",
            "0000",
            "2021?",
            "1990~",
            "1990%",
        ] {
            let d: DateSpec = s.parse().unwrap();
            assert_eq!(d.to_string(), s, "{s}");
        }
    }

    #[test]
    fn rejects_impossible_days() {
        assert_eq!(
            "2021-02-30".parse::<Date>().unwrap_err().to_string(),
            "2021-02 has no day 30"
        );
        assert_eq!(
            "2021-13".parse::<Date>().unwrap_err().to_string(),
            "month 13 does not exist in `2021-13`; months run from 01 to 12"
        );
    }

    #[test]
    fn month_covers_its_days() {
        let d = Date::month(2020, 2).unwrap();
        assert_eq!(d.first_day().to_string(), "2020-02-01");
        assert_eq!(d.last_day().to_string(), "2020-02-29");
        assert_eq!(Date::Decade(199).last_day().to_string(), "1999-12-31");
    }

    #[test]
    fn human_forms() {
        assert_eq!(Date::Year(-43).human(), "44 BC");
        assert_eq!(Date::month(2021, 9).unwrap().human(), "Sep 2021");
        assert_eq!(Date::Century(19).human(), "20th century");
        assert_eq!(Date::Decade(199).human(), "1990s");
    }
}
