//! The date grammar of the timeline file: EDTF, plus the forms people type.
//!
//! Canonical form is EDTF (what [`DateSpec`]'s `Display` writes). When
//! reading, these hand-typed forms are also accepted and normalised; `timeline
//! fmt` rewrites them to EDTF:
//!
//! | typed                              | canonical     |
//! |------------------------------------|---------------|
//! | `2020-11-10`, `2021-09`, `1991`    | unchanged     |
//! | `2020-11-10T14:00Z`                | `2020-11-10` (the date as written, no time-zone shift) |
//! | `Nov 10, 2020`, `10 November 2020`, `Tuesday, November 10th, 2020` | `2020-11-10` |
//! | `September 2021`, `Sept. 2021`     | `2021-09`     |
//! | `1990s`                            | `199X`        |
//! | `990` (a year of 1–3 digits)       | `0990`        |
//! | `~1990`, `c. 1990`, `circa 1990`, `about 1990` | `1990~` |
//! | `2021?`, `2021-09?`                | unchanged (uncertain) |
//! | `44 BC`, `44 BCE`                  | `-0043`       |
//! | `AD 44`, `44 AD`, `44 CE`          | `0044`        |
//! | `1991/2020`, `1991/..`, `../2020`  | an interval (EDTF) |
//!
//! Full dates with a month name go through the `dateparser` crate, always in
//! UTC with a fixed midnight, never the local zone or the current time; a
//! date that lacks a year (`Nov 10`) is refused rather than completed with
//! today's year.
//!
//! ```
//! use timeline::timeline::parse_date;
//! assert_eq!(parse_date("Nov 10, 2020").unwrap().to_string(), "2020-11-10");
//! assert_eq!(parse_date("c. 1990").unwrap().to_string(), "1990~");
//! assert_eq!(parse_date("44 BC").unwrap().to_string(), "-0043");
//! assert_eq!(parse_date("September 2021").unwrap().to_string(), "2021-09");
//! ```

use chrono::{Datelike, NaiveTime, Utc};

use crate::date::{Date, DateError, DateSpec};

use super::When;

/// English month names and the abbreviations people write, January = 1.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Weekday names, skipped in full dates.
const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

/// Leading words that make a date approximate.
const APPROX_PREFIXES: &[&str] = &[
    "~",
    "c.",
    "ca.",
    "circa",
    "about",
    "around",
    "approx.",
    "approximately",
];

/// Parses one date in any accepted form (see the module docs).
pub fn parse_date(text: &str) -> Result<DateSpec, DateError> {
    let s = text.trim();
    let syntax = || DateError::Syntax(s.to_string());
    match s.parse::<DateSpec>() {
        Ok(d) => return Ok(d),
        Err(DateError::Syntax(_)) => {}
        Err(e) => return Err(e),
    }
    // Qualifiers: a leading "about"-word, a trailing `?`.
    let mut rest = s;
    let mut approximate = false;
    let lower = rest.to_ascii_lowercase();
    for p in APPROX_PREFIXES {
        if let Some(r) = lower.strip_prefix(p) {
            let word_ends = p.ends_with('.') || *p == "~" || r.starts_with(' ');
            if word_ends {
                approximate = true;
                rest = rest[p.len()..].trim_start();
                break;
            }
        }
    }
    let mut uncertain = false;
    if let Some(r) = rest.strip_suffix('?') {
        uncertain = true;
        rest = r.trim_end();
    }
    if rest.is_empty() {
        return Err(syntax());
    }
    let date = match rest.parse::<DateSpec>() {
        Ok(d) => {
            return Ok(DateSpec {
                date: d.date,
                approximate: approximate || d.approximate,
                uncertain: uncertain || d.uncertain,
            });
        }
        Err(DateError::Syntax(_)) => parse_plain(rest).map_err(|e| match e {
            DateError::Syntax(_) => syntax(),
            e => e,
        })?,
        Err(e) => return Err(e),
    };
    Ok(DateSpec {
        date,
        approximate,
        uncertain,
    })
}

/// Parses a `when` text: a date or an EDTF interval `start/end` (`..` or
/// nothing for an open end).
pub fn parse_when(text: &str) -> Result<When, DateError> {
    let s = text.trim();
    if let Some((a, b)) = s.split_once('/') {
        // A slash is an interval only if both sides are dates or open;
        // otherwise fall through so `11/10/2020` gets the usual error.
        let side = |x: &str| -> Result<Option<DateSpec>, DateError> {
            let x = x.trim();
            if x.is_empty() || x == ".." {
                Ok(None)
            } else {
                parse_date(x).map(Some)
            }
        };
        if let (Ok(start), Ok(end)) = (side(a), side(b)) {
            if start.is_none() && end.is_none() {
                return Err(DateError::Syntax(s.to_string()));
            }
            return Ok(When::Between { start, end });
        }
        if !s.contains(char::is_alphabetic) && a.len() >= 4 {
            let (start, end) = (side(a)?, side(b)?);
            return Ok(When::Between { start, end });
        }
    }
    parse_date(s).map(When::On)
}

/// Words of a date without commas and trailing dots.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn month_of(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| *n == word).map(|&(_, m)| m)
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// A day number, with an optional English ordinal suffix (`10th`).
fn day_of(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The forms beyond EDTF, without qualifiers.
fn parse_plain(s: &str) -> Result<Date, DateError> {
    let syntax = || DateError::Syntax(s.to_string());
    // An ISO date-time: keep the calendar date as written.
    if s.len() > 10 && matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        if let Some(day) = s.get(..10) {
            if let Ok(d) = day.parse::<Date>() {
                return Ok(d);
            }
        }
    }
    let w = words(s);
    let w: Vec<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|w| !WEEKDAYS.contains(w))
        .collect();
    match w.as_slice() {
        // A year written with fewer than four digits: 990, 33.
        [y] if y.len() < 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            Date::year(y.parse().map_err(|_| syntax())?)
        }
        // 1990s
        [d] if d.len() == 5 && d.ends_with('s') && d.as_bytes()[3] == b'0' => d[..3]
            .parse::<i32>()
            .map(Date::Decade)
            .map_err(|_| syntax()),
        // 44 BC, 44 BCE, 44 AD, 44 CE, AD 44
        [n, era] | [era, n] if matches!(*era, "bc" | "bce" | "b.c" | "ad" | "a.d" | "ce") => {
            let n: i64 = n.parse().map_err(|_| syntax())?;
            if n < 1 {
                return Err(syntax());
            }
            let bc = era.starts_with('b');
            if bc && era == &w[0] {
                return Err(syntax());
            }
            let y = if bc { 1 - n } else { n };
            Date::year(i32::try_from(y).map_err(|_| DateError::YearRange(y))?)
        }
        // September 2021, 2021 September
        [m, y] | [y, m] if month_of(m).is_some() && year_of(y).is_some() => {
            let (Some(m), Some(y)) = (month_of(m), year_of(y)) else {
                return Err(syntax());
            };
            Date::month(y, m)
        }
        // Nov 10, 2020 / 10 November 2020
        [m, d, y] | [d, m, y]
            if month_of(m).is_some() && day_of(d).is_some() && year_of(y).is_some() =>
        {
            let (Some(m), Some(d), Some(y)) = (month_of(m), day_of(d), year_of(y)) else {
                return Err(syntax());
            };
            full_date(y, m, d)
        }
        _ => Err(syntax()),
    }
}

/// A full date through `dateparser`, in UTC at midnight, checked against
/// the numbers we read ourselves (so no field can come from the clock).
fn full_date(y: i32, m: u32, d: u32) -> Result<Date, DateError> {
    const ABBR: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let normal = format!("{} {d}, {y}", ABBR[(m - 1) as usize]);
    match dateparser::parse_with(&normal, &Utc, NaiveTime::MIN) {
        Ok(dt) if (dt.year(), dt.month(), dt.day()) == (y, m, d) => Ok(Date::Day(dt.date_naive())),
        // dateparser refuses impossible days; say precisely why.
        _ => Date::day(y, m, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_normalise() {
        for (typed, edtf) in [
            ("Nov 10, 2020", "2020-11-10"),
            ("10 November 2020", "2020-11-10"),
            ("Tuesday, November 10th, 2020", "2020-11-10"),
            ("2020-11-10T14:00Z", "2020-11-10"),
            ("2020-11-10T02:00+05:00", "2020-11-10"),
            ("September 2021", "2021-09"),
            ("Sept. 2021", "2021-09"),
            ("c. 1990", "1990~"),
            ("circa 1990", "1990~"),
            ("~1990", "1990~"),
            ("about 1990?", "1990%"),
            ("2021?", "2021?"),
            ("1990s", "199X"),
            ("44 BC", "-0043"),
            ("AD 44", "0044"),
            ("-0043", "-0043"),
            ("990", "0990"),
        ] {
            assert_eq!(parse_date(typed).unwrap().to_string(), edtf, "{typed}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_know() {
        for bad in [
            "Nov 10",
            "tomorrow",
            "11/10/2020",
            "",
            "BC 44",
            "0 BC",
            "2020s1",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("Feb 30, 2021").unwrap_err().to_string(),
            "2021-02 has no day 30"
        );
    }

    #[test]
    fn intervals() {
        let w = parse_when("1991/2020").unwrap();
        assert!(matches!(
            w,
            When::Between {
                start: Some(_),
                end: Some(_)
            }
        ));
        let w = parse_when("1991/..").unwrap();
        assert!(matches!(
            w,
            When::Between {
                start: Some(_),
                end: None
            }
        ));
        assert!(parse_when("../..").is_err());
    }
}
