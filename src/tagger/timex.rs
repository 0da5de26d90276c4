//! Typed temporal expressions: what the tagger finds, before and after
//! resolution against the document date.
//!
//! The grammar produces [`Timex`]es whose [`Value`] may be underspecified
//! (a [`Point`] with `year: None`, a relative [`Value::Relative`] offset);
//! the resolver turns them into absolute values where the document creation
//! time (DCT) allows. [`Value::timeml`] writes the TimeML TIMEX3 `value`.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::date::Date;

/// The TIMEX3 `type` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimexType {
    /// A calendar date or period: `November 10, 2020`, `2021`, `last week`.
    Date,
    /// A time of day: `3 p.m. Friday`.
    Time,
    /// A length of time: `44-day`, `three months`.
    Duration,
    /// A recurrence: `every year`, `weekly`.
    Set,
}

impl TimexType {
    /// The TimeML name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// The TIMEX3 `mod` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// "about", "around", "approximately", "some".
    Approx,
    /// "nearly", "almost".
    LessThan,
    /// "more than", "over".
    MoreThan,
    /// "at least".
    EqualOrMore,
    /// "no more than", "up to".
    EqualOrLess,
    /// "early 1990s", "the start of".
    Start,
    /// "mid-1990s".
    Mid,
    /// "late 2020", "the end of".
    End,
    /// "before".
    Before,
    /// "after".
    After,
}

impl Modifier {
    /// The TimeML name, e.g. `APPROX`.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Approx => "APPROX",
            Modifier::LessThan => "LESS_THAN",
            Modifier::MoreThan => "MORE_THAN",
            Modifier::EqualOrMore => "EQUAL_OR_MORE",
            Modifier::EqualOrLess => "EQUAL_OR_LESS",
            Modifier::Start => "START",
            Modifier::Mid => "MID",
            Modifier::End => "END",
            Modifier::Before => "BEFORE",
            Modifier::After => "AFTER",
        }
    }

    /// Whether this modifier makes a date approximate in a timeline.
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Modifier::Approx | Modifier::LessThan | Modifier::MoreThan
        )
    }
}

/// A season of the year (TimeML `SP`, `SU`, `FA`, `WI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// `SP`
    Spring,
    /// `SU`
    Summer,
    /// `FA`
    Fall,
    /// `WI`
    Winter,
}

/// A part of the day (TimeML `MO`, `AF`, `EV`, `NI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// `MO`
    Morning,
    /// `AF`
    Afternoon,
    /// `EV`
    Evening,
    /// `NI`
    Night,
}

/// The unit of a duration or an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

/// The part of a year or month a [`Point`] names below its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Within {
    /// The whole year (or decade/century, see [`Point::span`]).
    Whole,
    /// A season.
    Season(Season),
    /// A quarter, 1–4.
    Quarter(u8),
    /// A half, 1–2.
    Half(u8),
    /// A month, 1–12.
    Month(u8),
    /// An ISO week, 1–53.
    Week(u8),
    /// An ISO week's weekend.
    Weekend(u8),
    /// A day of a month; `month` 1–12, `day` 1–31.
    Day {
        /// Month 1–12.
        month: u8,
        /// Day 1–31.
        day: u8,
    },
}

/// How much of the calendar a year number names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YearSpan {
    /// A single year.
    Year,
    /// A decade: `year` is the decade's first year.
    Decade,
    /// A century: `year` is the century's first year.
    Century,
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    /// Hour and minute, 24-hour clock.
    Clock {
        /// 0–23.
        hour: u8,
        /// 0–59.
        minute: u8,
    },
    /// Morning, afternoon, ...
    Part(DayPart),
}

/// A calendar point, possibly with unknown parts (`X` in TimeML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    /// The year (first year of a decade or century); `None` when unknown.
    pub year: Option<i32>,
    /// Whether `year` names a year, a decade or a century.
    pub span: YearSpan,
    /// The part of the year.
    pub within: Within,
    /// A time of day, for TIME values.
    pub time: Option<TimeOfDay>,
}

/// A duration: an amount of a unit; `None` amount is unknown (`PXY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// The number of units, `None` when vague ("years", "months").
    pub amount: Option<u32>,
    /// The unit.
    pub unit: Unit,
    /// Half a unit more: `2 1/2 years` is `P2Y6M`, `half an hour` `PT30M`.
    pub half: bool,
}

/// A vague reference to the present, the past or the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefPoint {
    /// `PRESENT_REF`: "now", "currently".
    Present,
    /// `PAST_REF`: "recently", "in the past".
    Past,
    /// `FUTURE_REF`: "in the future", "soon".
    Future,
}

/// A TIMEX3 value, typed. Never a string to be re-parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A calendar point (DATE or TIME).
    Point(Point),
    /// A length of time (DURATION), or a recurrence period (SET).
    Duration(Duration),
    /// A vague reference.
    Ref(RefPoint),
    /// Not yet resolved: `offset` units from the anchor (`-1 Year` for
    /// "last year"), kept at the granularity `unit`. Resolution replaces it
    /// by a [`Value::Point`]; without a DCT it stays and prints with `X`s.
    Relative {
        /// Signed number of units from the anchor.
        offset: i32,
        /// The unit, which is also the granularity of the result.
        unit: Unit,
    },
    /// A recurring calendar point (SET): `each Thursday` (`XXXX-WXX-4`),
    /// `Tuesday nights` (`XXXX-WXX-2TNI`), `every July` (`XXXX-07`).
    Recurring {
        /// The part of every year (`Whole` for weekdays).
        within: Within,
        /// A weekday, 1 = Monday.
        weekday: Option<u8>,
        /// A time of day.
        time: Option<TimeOfDay>,
    },
}

impl Value {
    /// The TimeML TIMEX3 `value` string, e.g. `2020-11-10`, `2021-09`,
    /// `199`, `2020-Q3`, `P44D`, `PRESENT_REF`, `XXXX-09`.
    pub fn timeml(&self) -> String {
        self.to_string()
    }

    /// The calendar date this value names exactly, at its precision, when
    /// it is a fully known day, month, year, decade or century.
    pub fn as_date(&self) -> Option<Date> {
        let Value::Point(p) = self else { return None };
        let year = p.year?;
        match (p.span, p.within) {
            (YearSpan::Century, Within::Whole) => Some(Date::Century(year.div_euclid(100))),
            (YearSpan::Decade, Within::Whole) => Some(Date::Decade(year.div_euclid(10))),
            (YearSpan::Year, Within::Whole) => Date::year(year).ok(),
            (YearSpan::Year, Within::Month(m)) => Date::month(year, m as u32).ok(),
            (YearSpan::Year, Within::Day { month, day }) => {
                Date::day(year, month as u32, day as u32).ok()
            }
            _ => None,
        }
    }

    /// The first and last [`Date`] this value covers, for points that are not
    /// a plain date (seasons, quarters, halves, weeks): e.g. `2020-Q3` is
    /// `(2020-07, 2020-09)`. Plain dates give `(d, d)`.
    pub fn as_range(&self) -> Option<(Date, Date)> {
        if let Some(d) = self.as_date() {
            return Some((d, d));
        }
        let Value::Point(p) = self else { return None };
        let year = p.year?;
        if p.span != YearSpan::Year {
            return None;
        }
        let months =
            |a: u32, b: u32| Some((Date::month(year, a).ok()?, Date::month(year, b).ok()?));
        match p.within {
            Within::Quarter(q) => {
                let q = q as u32;
                months(3 * q - 2, 3 * q)
            }
            Within::Half(h) => {
                let h = h as u32;
                months(6 * h - 5, 6 * h)
            }
            Within::Season(Season::Spring) => months(3, 5),
            Within::Season(Season::Summer) => months(6, 8),
            Within::Season(Season::Fall) => months(9, 11),
            Within::Season(Season::Winter) => {
                Some((Date::month(year, 12).ok()?, Date::month(year + 1, 2).ok()?))
            }
            Within::Week(w) | Within::Weekend(w) => {
                let monday =
                    chrono::NaiveDate::from_isoywd_opt(year, w as u32, chrono::Weekday::Mon)?;
                let (a, b) = if matches!(p.within, Within::Weekend(_)) {
                    (monday + chrono::Days::new(5), monday + chrono::Days::new(6))
                } else {
                    (monday, monday + chrono::Days::new(6))
                };
                Some((Date::Day(a), Date::Day(b)))
            }
            _ => None,
        }
    }
}

/// `n` and a half units, written with the next smaller unit: `P2Y6M`,
/// `PT5H30M`; `half an hour` (`n` = 0) is `PT30M`.
fn write_half(f: &mut fmt::Formatter<'_>, n: u32, unit: Unit) -> fmt::Result {
    let n64 = u64::from(n);
    match (unit, n) {
        (Unit::Second, _) => write!(f, "PT{n}.5S"),
        (Unit::Minute, 0) => f.write_str("PT30S"),
        (Unit::Minute, _) => write!(f, "PT{n}M30S"),
        (Unit::Hour, 0) => f.write_str("PT30M"),
        (Unit::Hour, _) => write!(f, "PT{n}H30M"),
        (Unit::Day, 0) => f.write_str("PT12H"),
        (Unit::Day, _) => write!(f, "P{n}DT12H"),
        (Unit::Week, _) => write!(f, "P{}DT12H", n64 * 7 + 3),
        (Unit::Month, 0) => f.write_str("P15D"),
        (Unit::Month, _) => write!(f, "P{n}M15D"),
        (Unit::Quarter, _) => write!(f, "P{}M15D", n64 * 3 + 1),
        (Unit::Year, 0) => f.write_str("P6M"),
        (Unit::Year, _) => write!(f, "P{n}Y6M"),
        (Unit::Decade, _) => write!(f, "P{}Y", n64 * 10 + 5),
        (Unit::Century, _) => write!(f, "P{}Y", n64 * 100 + 50),
    }
}

fn unit_letter(u: Unit) -> (&'static str, &'static str) {
    // (prefix: "" or "T", letter)
    match u {
        Unit::Second => ("T", "S"),
        Unit::Minute => ("T", "M"),
        Unit::Hour => ("T", "H"),
        Unit::Day => ("", "D"),
        Unit::Week => ("", "W"),
        Unit::Month => ("", "M"),
        Unit::Quarter => ("", "Q"),
        Unit::Year => ("", "Y"),
        Unit::Decade => ("", "DE"),
        Unit::Century => ("", "CE"),
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Point(p) => write!(f, "{p}"),
            Value::Duration(d) => {
                let (t, l) = unit_letter(d.unit);
                match (d.amount, d.half) {
                    (Some(n), true) => write_half(f, n, d.unit),
                    (Some(n), false) => write!(f, "P{t}{n}{l}"),
                    (None, _) => write!(f, "P{t}X{l}"),
                }
            }
            Value::Ref(RefPoint::Present) => f.write_str("PRESENT_REF"),
            Value::Ref(RefPoint::Past) => f.write_str("PAST_REF"),
            Value::Ref(RefPoint::Future) => f.write_str("FUTURE_REF"),
            Value::Recurring {
                within,
                weekday,
                time,
            } => {
                let p = Point {
                    year: None,
                    span: YearSpan::Year,
                    within: *within,
                    time: None,
                };
                match weekday {
                    Some(w) => write!(f, "XXXX-WXX-{w}")?,
                    None => write!(f, "{p}")?,
                }
                write_time(f, *time)
            }
            Value::Relative { unit, .. } => f.write_str(match unit {
                Unit::Second | Unit::Minute | Unit::Hour => "XXXX-XX-XXTXX:XX",
                Unit::Day => "XXXX-XX-XX",
                Unit::Week => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                Unit::Quarter => "XXXX-QX",
                Unit::Year => "XXXX",
                Unit::Decade => "XXX",
                Unit::Century => "XX",
            }),
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.span) {
            (None, YearSpan::Year) => f.write_str("XXXX")?,
            (None, YearSpan::Decade) => f.write_str("XXX")?,
            (None, YearSpan::Century) => f.write_str("XX")?,
            (Some(y), YearSpan::Year) => {
                if y < 0 {
                    write!(f, "-{:04}", -y)?
                } else {
                    write!(f, "{y:04}")?
                }
            }
            (Some(y), YearSpan::Decade) => write!(f, "{:03}", y.div_euclid(10))?,
            (Some(y), YearSpan::Century) => write!(f, "{:02}", y.div_euclid(100))?,
        }
        match self.within {
            Within::Whole => {}
            Within::Season(s) => f.write_str(match s {
                Season::Spring => "-SP",
                Season::Summer => "-SU",
                Season::Fall => "-FA",
                Season::Winter => "-WI",
            })?,
            Within::Quarter(q) => write!(f, "-Q{q}")?,
            Within::Half(h) => write!(f, "-H{h}")?,
            Within::Month(m) => write!(f, "-{m:02}")?,
            Within::Week(w) => write!(f, "-W{w:02}")?,
            Within::Weekend(w) => write!(f, "-W{w:02}-WE")?,
            Within::Day { month, day } => write!(f, "-{month:02}-{day:02}")?,
        }
        write_time(f, self.time)
    }
}

/// The TIMEX3 time suffix: `T15:00`, `TNI`.
fn write_time(f: &mut fmt::Formatter<'_>, time: Option<TimeOfDay>) -> fmt::Result {
    match time {
        None => Ok(()),
        Some(TimeOfDay::Clock { hour, minute }) => write!(f, "T{hour:02}:{minute:02}"),
        Some(TimeOfDay::Part(p)) => f.write_str(match p {
            DayPart::Morning => "TMO",
            DayPart::Afternoon => "TAF",
            DayPart::Evening => "TEV",
            DayPart::Night => "TNI",
        }),
    }
}

/// Which end of an interval a timex is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RangeRole {
    /// "from 1991" in "from 1991 to 2020".
    Start,
    /// "2020" in "from 1991 to 2020".
    End,
}

/// Two timexes that form one interval: this one and the one at `partner`
/// (an index into the same result list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RangeLink {
    /// Index of the other end in the tagger's output.
    pub partner: usize,
    /// This timex's role.
    pub role: RangeRole,
}

/// A temporal expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte offsets into the text, end exclusive, on character boundaries.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The TIMEX3 type.
    pub kind: TimexType,
    /// The value: resolved where the DCT allows, underspecified otherwise.
    pub value: Value,
    /// The TIMEX3 `mod`, if any.
    pub modifier: Option<Modifier>,
    /// A weak match ("May", a bare year) that no context word vouches for:
    /// `its 1990 invasion` is latent, `in 1991` and `from 1991 to 2020` are
    /// not. The tagger reports latent matches; the events stage does not
    /// date events from them.
    pub latent: bool,
    /// The other end, when this timex is one end of an interval.
    pub range: Option<RangeLink>,
    /// Provenance: the rule that built it and how.
    pub derivation: Derivation,
}

/// The name of a grammar rule, e.g. `date.month_day_year`: which rule
/// built a timex. Cheap to clone (shared), compared by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(Arc<str>);

impl RuleId {
    /// The rule named `name`.
    pub fn new(name: &str) -> RuleId {
        RuleId(name.into())
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for RuleId {
    fn from(name: &str) -> RuleId {
        RuleId::new(name)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

/// The tense of the sentence around a match, from cue words (`will`,
/// `planned to` vs `was`, `announced`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Past cues only.
    Past,
    /// A future cue.
    Future,
    /// No cue.
    None,
}

impl fmt::Display for Tense {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tense::Past => "past tense",
            Tense::Future => "future tense",
            Tense::None => "no tense cue",
        })
    }
}

/// What a relative value was counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    /// The document creation time.
    Dct(NaiveDate),
    /// The last date mentioned before it.
    Mentioned(Point),
}

impl fmt::Display for Base {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Base::Dct(d) => write!(f, "DCT {d}"),
            Base::Mentioned(p) => write!(f, "last mentioned {p}"),
        }
    }
}

/// How a timex's value was resolved: typed, so that code decides on the
/// variant, never on the wording. `Display` gives the `--explain` text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// The text gives the value in full (`November 10, 2020`, `P44D`).
    Explicit,
    /// No DCT (and nothing mentioned to count from): left underspecified.
    NoDct,
    /// The DCT is known, but no occurrence could be computed near it (a
    /// February 29 in three years without one): left underspecified.
    NoOccurrence,
    /// A month, day, quarter or season without its year: the occurrence
    /// nearest the DCT, weighed by the tense.
    YearFromDct {
        /// The DCT.
        dct: NaiveDate,
        /// The tense that weighed.
        tense: Tense,
    },
    /// A weekday: the one before or after the DCT, by the tense.
    Weekday {
        /// The DCT.
        dct: NaiveDate,
        /// The tense that decided.
        tense: Tense,
    },
    /// A holiday without its year: the occurrence nearest the DCT.
    Holiday {
        /// The DCT.
        dct: NaiveDate,
        /// The tense that weighed.
        tense: Tense,
    },
    /// `offset` units from a base: `two years ago`, `the previous day`.
    Shift {
        /// Signed count of units.
        offset: i32,
        /// The unit.
        unit: Unit,
        /// What it counts from.
        from: Base,
    },
    /// `the 1988 quarter`: the quarter of the reporting period (the first
    /// quarter or half the text names) in the year the text gives.
    ReportingQuarter {
        /// The reporting period.
        period: Point,
    },
    /// `the year-ago quarter`: `offset` years from the reporting period.
    FromReportingPeriod {
        /// Years from the period.
        offset: i32,
        /// The reporting period.
        period: Point,
    },
    /// `the year-ago period` without a quarter named: `offset` years from
    /// the DCT's year.
    YearsFromDct {
        /// Years from the DCT.
        offset: i32,
        /// The DCT.
        dct: NaiveDate,
    },
    /// `the third quarter` as a results story's period without one named
    /// before: the last such quarter completed before the DCT.
    QuarterBeforeDct {
        /// The DCT.
        dct: NaiveDate,
    },
    /// `the quarter` without one named before: `offset` years from the
    /// last quarter completed before the DCT.
    FromQuarterBeforeDct {
        /// Years from that quarter.
        offset: i32,
        /// The DCT.
        dct: NaiveDate,
    },
    /// One end of a range without its own year took the other end's
    /// (`between May and July 2020`): the year of the end `from`.
    YearFromRangeEnd {
        /// The range's end.
        end: Point,
    },
    /// The same, from the range's start (`from March 2019 to May`).
    YearFromRangeStart {
        /// The range's start.
        start: Point,
    },
    /// `the week of March 6`: the ISO week of the day resolved as given.
    WeekOf(Box<Resolution>),
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resolution::Explicit => f.write_str("given by the text"),
            Resolution::NoDct => f.write_str("no DCT: left unresolved"),
            Resolution::NoOccurrence => f.write_str("no occurrence near the DCT: left unresolved"),
            Resolution::YearFromDct { dct, tense } => write!(f, "year from DCT {dct} ({tense})"),
            Resolution::Weekday { dct, tense } => {
                write!(f, "weekday relative to DCT {dct} ({tense})")
            }
            Resolution::Holiday { dct, tense } => {
                write!(f, "holiday nearest DCT {dct} ({tense})")
            }
            Resolution::Shift { offset, unit, from } => {
                write!(f, "{offset:+} {unit:?} from {from}")
            }
            Resolution::ReportingQuarter { period } => {
                write!(f, "the quarter of the reporting period {period}")
            }
            Resolution::FromReportingPeriod { offset, period } => {
                write!(f, "{offset:+} years from the reporting period {period}")
            }
            Resolution::YearsFromDct { offset, dct } => {
                write!(f, "{offset:+} years from DCT {dct}")
            }
            Resolution::QuarterBeforeDct { dct } => {
                write!(f, "quarter completed before DCT {dct}")
            }
            Resolution::FromQuarterBeforeDct { offset, dct } => write!(
                f,
                "{offset:+} years from the quarter completed before DCT {dct}"
            ),
            Resolution::YearFromRangeEnd { end } => write!(f, "year from the range's end {end}"),
            Resolution::YearFromRangeStart { start } => {
                write!(f, "year from the range's start {start}")
            }
            Resolution::WeekOf(inner) => match **inner {
                Resolution::Explicit => f.write_str("the ISO week of that day"),
                ref r => write!(f, "{r}; the ISO week of that day"),
            },
        }
    }
}

/// How a match was built, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    /// The grammar rule, e.g. `date.month_day_year`.
    pub rule: RuleId,
    /// Names of word lists (`@months`) and token classes (`#day`) that
    /// contributed, in order.
    pub children: Vec<String>,
    /// How the value was resolved.
    pub resolution: Resolution,
    /// The value's year is not written in the text: it was taken from the
    /// DCT, the last mentioned date or the other end of a range, or is
    /// still unknown. Range linking gives such an end the other end's
    /// year.
    pub year_inferred: bool,
}

impl Derivation {
    /// A value the text gives in full, built by `rule`.
    pub fn explicit(rule: impl Into<RuleId>) -> Derivation {
        Derivation {
            rule: rule.into(),
            children: Vec::new(),
            resolution: Resolution::Explicit,
            year_inferred: false,
        }
    }
}
