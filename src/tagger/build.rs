//! The builders: a rule's typed [`Production`] and the captures of its
//! match → [`Draft`]s with underspecified values. One function per
//! builder; a value the calendar does not have (`February 30`, hour 25)
//! builds nothing.

use chrono::{Datelike, NaiveDate};

use super::calendar::{Holiday, days_in_month, holiday_date};
use super::lexicon::Sem;
use super::pattern::Cap;
use super::production::{AmPm, AmountArgs, Arg, DateArgs, Production, ReportingArgs, ShiftArgs};
use super::rules::Rule;
use super::spec::{Anchor, Dir, Draft, Spec};
use super::timex::{
    DayPart, Duration, Modifier, Point, RangeRole, RefPoint, Season, TimeOfDay, Unit, Value,
    Within, YearSpan,
};

/// A type a captured [`Sem`] can be read as.
trait FromSem: Sized {
    fn from_sem(s: Sem) -> Option<Self>;
}

macro_rules! from_sem {
    ($t:ty, $v:ident) => {
        impl FromSem for $t {
            fn from_sem(s: Sem) -> Option<Self> {
                match s {
                    Sem::$v(x) => Some(x),
                    _ => None,
                }
            }
        }
    };
}

from_sem!(i64, Int);
from_sem!(Unit, Unit);
from_sem!(Modifier, Mod);
from_sem!(Season, Season);
from_sem!(DayPart, Part);
from_sem!(Holiday, Holiday);
from_sem!(RefPoint, Ref);

/// The captures of one match.
#[derive(Clone, Copy)]
struct Caps<'a>(&'a [Option<Cap>]);

impl Caps<'_> {
    /// The value of `arg`: a literal, or what its element captured (none if
    /// the element was optional and did not match).
    fn get<T: FromSem + Copy>(&self, arg: Option<Arg<T>>) -> Option<T> {
        match arg? {
            Arg::Lit(v) => Some(v),
            Arg::Cap(i) | Arg::Neg(i) => T::from_sem(self.0.get(i).copied().flatten()?.sem),
        }
    }

    /// A number; `-$N` negated.
    fn int(&self, arg: Option<Arg<i64>>) -> Option<i64> {
        let v = self.get(arg)?;
        Some(if matches!(arg, Some(Arg::Neg(_))) {
            -v
        } else {
            v
        })
    }

    /// The tokens element `i` captured.
    fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.0.get(i).copied().flatten().map(|c| (c.start, c.end))
    }
}

/// Appends to `out` the drafts of a match of `rule` over tokens
/// `start..end` with captures `caps`; `latent` as the matcher judged it.
pub(crate) fn build(
    rule: &Rule,
    caps: &[Option<Cap>],
    (start, end): (usize, usize),
    latent: bool,
    out: &mut Vec<Draft>,
) {
    let c = Caps(caps);
    let draft = |spec: Spec, s: usize, e: usize, range: Option<RangeRole>| Draft {
        start_tok: s,
        end_tok: e,
        kind: rule.kind,
        spec,
        modifier: c.get(rule.modifier),
        latent,
        rule: rule.name.clone(),
        children: rule.children(|i| caps.get(i).is_some_and(Option::is_some)),
        range,
        week_of: matches!(rule.production, Production::Date { week_of: true, .. }),
    };
    let spec = match &rule.production {
        Production::Date { date, .. } => date_spec(&DateFields::of(date, c)),
        Production::Every(date) => every(&DateFields::of(date, c)),
        Production::Shift(a) => shift(a, c),
        Production::Duration(a) => amount(a, c, None),
        Production::Set(a) => amount(a, c, Some(1)),
        Production::Reporting(a) => reporting(a, c),
        Production::Ref(which) => Some(Spec::Fixed(Value::Ref(
            c.get(*which).unwrap_or(RefPoint::Present),
        ))),
        Production::YearRange { from, to } => {
            if let Some([a, b]) = year_range(*from, *to, c) {
                out.push(draft(a.0, a.1, a.2, Some(RangeRole::Start)));
                out.push(draft(b.0, b.1, b.2, Some(RangeRole::End)));
            }
            None
        }
        Production::DayRange {
            date,
            from,
            to,
            linked,
        } => {
            if let Some([(x, e1), (y, s2)]) = day_range(date, *from, *to, c) {
                let role = |r| linked.then_some(r);
                out.push(draft(x, start, e1, role(RangeRole::Start)));
                out.push(draft(y, s2, end, role(RangeRole::End)));
            }
            None
        }
        Production::Reject => None,
    };
    if let Some(spec) = spec {
        out.push(draft(spec, start, end, None));
    }
}

/// The date keys of a match, read.
#[derive(Debug, Clone, Copy)]
struct DateFields {
    year: Option<i64>,
    decade: Option<i64>,
    century: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    weekday: Option<i64>,
    quarter: Option<i64>,
    half: Option<i64>,
    hour: Option<i64>,
    minute: Option<i64>,
    yearrel: Option<i64>,
    season: Option<Season>,
    part: Option<DayPart>,
    holiday: Option<Holiday>,
    ampm: Option<AmPm>,
    dir: Dir,
}

impl DateFields {
    fn of(a: &DateArgs, c: Caps<'_>) -> DateFields {
        DateFields {
            year: c.int(a.year),
            decade: c.int(a.decade),
            century: c.int(a.century),
            month: c.int(a.month),
            day: c.int(a.day),
            weekday: c.int(a.weekday),
            quarter: c.int(a.quarter),
            half: c.int(a.half),
            hour: c.int(a.hour),
            minute: c.int(a.minute),
            yearrel: c.int(a.yearrel),
            season: c.get(a.season),
            part: c.get(a.part),
            holiday: c.get(a.holiday),
            ampm: a.ampm,
            dir: a.dir.unwrap_or(Dir::Tense),
        }
    }
}

/// The year (`'98` is 1998, `'05` 2005) and what it spans, from `year`,
/// `decade` or `century`; `None` if the century is out of range.
fn year_span(f: &DateFields) -> Option<(Option<i64>, YearSpan)> {
    let mut year = f.year.map(|y| match y {
        ..30 => 2000 + y,
        30..100 => 1900 + y,
        _ => y,
    });
    let mut span = YearSpan::Year;
    if let Some(d) = f.decade {
        year = Some(d - d.rem_euclid(10));
        // `the 1800s`, `the early 1900s`: a century (the 2000s stay the
        // decade 2000–2009, as news uses them).
        span = if d % 100 == 0 && d < 2000 {
            YearSpan::Century
        } else {
            YearSpan::Decade
        };
    }
    if let Some(c) = f.century {
        // "the 20th century" is 1900–1999.
        if !(1..=30).contains(&c) {
            return None;
        }
        year = Some((c - 1) * 100);
        span = YearSpan::Century;
    }
    Some((year, span))
}

/// The part of the year: a day, a month, a season, a quarter or a half;
/// `None` if the calendar has no such part.
fn within(f: &DateFields) -> Option<Within> {
    Some(match (f.month, f.day) {
        (Some(m), Some(d)) => {
            if !(1..=12).contains(&m) || d < 1 || d > days_in_month(m as u32) {
                return None;
            }
            Within::Day {
                month: m as u8,
                day: d as u8,
            }
        }
        (Some(m), None) if (1..=12).contains(&m) => Within::Month(m as u8),
        (Some(_), None) => return None,
        (None, _) => match (f.season, f.quarter, f.half) {
            (Some(s), _, _) => Within::Season(s),
            (None, Some(q), _) if (1..=4).contains(&q) => Within::Quarter(q as u8),
            (None, Some(_), _) => return None,
            (None, None, Some(h)) if (1..=2).contains(&h) => Within::Half(h as u8),
            (None, None, Some(_)) => return None,
            (None, None, None) => Within::Whole,
        },
    })
}

/// The time of day: a clock time (`3:20 p.m.`) or a part of the day;
/// `Some(None)` for none, `None` for an impossible clock time.
fn time_of_day(f: &DateFields) -> Option<Option<TimeOfDay>> {
    let Some(h) = f.hour else {
        return Some(f.part.map(TimeOfDay::Part));
    };
    let minute = f.minute.unwrap_or(0);
    let mut hour = h;
    match f.ampm {
        Some(AmPm::Pm) if (1..=11).contains(&h) => hour += 12,
        Some(AmPm::Am) if h == 12 => hour = 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => {}
    }
    if !(0..=23).contains(&hour) || !(0..=59).contains(&minute) {
        return None;
    }
    Some(Some(TimeOfDay::Clock {
        hour: hour as u8,
        minute: minute as u8,
    }))
}

/// Builder `date`: a calendar point, fixed when the text gives the year,
/// else relative to the DCT's year (`yearrel`) or cyclic (a weekday, a
/// month, a holiday: resolved by tense), or a time of the reference day.
fn date_spec(f: &DateFields) -> Option<Spec> {
    let (year, span) = year_span(f)?;
    let within = within(f)?;
    if let (Some(y), Within::Day { month, day }) = (year, within) {
        NaiveDate::from_ymd_opt(y as i32, month.into(), day.into())?;
    }
    let time = time_of_day(f)?;
    let weekday = f.weekday.filter(|w| (1..=7).contains(w)).map(|w| w as u8);
    if let (Some(y), Some(h)) = (year, f.holiday) {
        let d = holiday_date(i32::try_from(y).ok()?, h)?;
        return Some(Spec::Fixed(Value::Point(Point {
            year: Some(d.year()),
            span: YearSpan::Year,
            within: Within::Day {
                month: d.month() as u8,
                day: d.day() as u8,
            },
            time,
        })));
    }
    if let Some(y) = year {
        if !(-9999..=9999).contains(&y) {
            return None;
        }
        return Some(Spec::Fixed(Value::Point(Point {
            year: Some(y as i32),
            span,
            within,
            time,
        })));
    }
    if let Some(off) = f.yearrel {
        return Some(Spec::Shift {
            offset: off.clamp(-100, 100) as i32,
            unit: Unit::Year,
            anchor: Anchor::Dct,
            within,
            time,
        });
    }
    if weekday.is_some() || f.holiday.is_some() || within != Within::Whole {
        return Some(Spec::Cyclic {
            within,
            weekday,
            holiday: f.holiday,
            time,
            dir: f.dir,
        });
    }
    time.map(|time| Spec::Shift {
        offset: 0,
        unit: Unit::Day,
        anchor: Anchor::Reference,
        within: Within::Whole,
        time: Some(time),
    })
}

/// Builder `every`: a recurring calendar point (`each Thursday` is
/// `XXXX-WXX-4`); only a yearless, non-holiday date recurs.
fn every(f: &DateFields) -> Option<Spec> {
    match date_spec(f)? {
        Spec::Cyclic {
            within,
            weekday,
            holiday: None,
            time,
            ..
        } => Some(Spec::Fixed(Value::Recurring {
            within,
            weekday,
            time,
        })),
        _ => None,
    }
}

/// Builder `rel`: `offset` units from an anchor. Counted decades and
/// centuries (`two decades ago`, `a century later`) are years; `the last
/// decade` stays a decade.
fn shift(a: &ShiftArgs, c: Caps<'_>) -> Option<Spec> {
    let mut unit = c.get(Some(a.unit))?;
    let mut offset = c.int(a.offset).unwrap_or(0).clamp(-10_000, 10_000) as i32;
    let counted = a.offset.is_some_and(|o| o.is_capture());
    if counted || a.anchor != Anchor::Dct {
        match unit {
            Unit::Decade => {
                offset *= 10;
                unit = Unit::Year;
            }
            Unit::Century => {
                offset *= 100;
                unit = Unit::Year;
            }
            _ => {}
        }
    }
    Some(Spec::Shift {
        offset,
        unit,
        anchor: a.anchor,
        within: if a.weekend {
            Within::Weekend(0)
        } else {
            Within::Whole
        },
        time: c.get(a.part).map(TimeOfDay::Part),
    })
}

/// Builders `dur` and `set`: an amount of a unit (`default` when the rule
/// gives none: 1 for a set, vague for a duration). TimeML writes counted
/// decades and centuries in years (P20Y, P100Y, a decade and a half P15Y).
fn amount(a: &AmountArgs, c: Caps<'_>, default: Option<u32>) -> Option<Spec> {
    let unit = c.get(Some(a.unit))?;
    let amount = match c.int(a.amount) {
        Some(n) if !(0..=1_000_000).contains(&n) => return None,
        Some(n) => Some(n as u32),
        None => default,
    };
    // `2 1/2 years`, `half an hour`: half a unit more.
    let half = c.int(a.half) == Some(1) && amount.is_some();
    let years = match unit {
        Unit::Decade => Some(10),
        Unit::Century if amount.is_some() => Some(100),
        _ => None,
    };
    let (amount, unit, half) = match years {
        Some(n) => (
            amount.map(|a| {
                a.saturating_mul(n)
                    .saturating_add(if half { n / 2 } else { 0 })
            }),
            Unit::Year,
            false,
        ),
        None => (amount, unit, half),
    };
    Some(Spec::Fixed(Value::Duration(Duration {
        amount,
        unit,
        half,
    })))
}

/// Builder `reporting`: the reporting period or a comparison with it.
fn reporting(a: &ReportingArgs, c: Caps<'_>) -> Option<Spec> {
    let year = match c.int(a.year) {
        Some(y) if (1000..=2099).contains(&y) => Some(y as i32),
        Some(_) => return None,
        None => None,
    };
    let quarter = match c.int(a.quarter) {
        Some(q) if (1..=4).contains(&q) => q as u8,
        Some(_) => return None,
        None => 0,
    };
    Some(Spec::Reporting {
        year,
        offset: c.int(a.offset).unwrap_or(0).clamp(-100, 100) as i32,
        quarter,
        of_quarter: a.of_quarter,
    })
}

/// A year's spec with the tokens it spans.
type Spanned = (Spec, usize, usize);

/// Builder `yearrange`: two years, the second in the first's century when
/// written with two digits (`2019/20`), at most 200 years apart.
fn year_range(from: usize, to: usize, c: Caps<'_>) -> Option<[Spanned; 2]> {
    let a = c.int(Some(Arg::Cap(from)))?;
    let b = c.int(Some(Arg::Cap(to)))?;
    let b = if b < 100 { a - a % 100 + b } else { b };
    if b <= a || b - a > 200 {
        return None;
    }
    let year = |y: i64| {
        Spec::Fixed(Value::Point(Point {
            year: Some(y as i32),
            span: YearSpan::Year,
            within: Within::Whole,
            time: None,
        }))
    };
    let (s1, e1) = c.span(from)?;
    let (s2, e2) = c.span(to)?;
    Some([(year(a), s1, e1), (year(b), s2, e2)])
}

/// Builder `dayrange`: two days sharing the other date keys (`Dec.
/// 12-14`); the first ends where its day does, the second starts at its
/// day.
fn day_range(date: &DateArgs, from: usize, to: usize, c: Caps<'_>) -> Option<[(Spec, usize); 2]> {
    let a = c.int(Some(Arg::Cap(from)))?;
    let b = c.int(Some(Arg::Cap(to)))?;
    if b <= a {
        return None;
    }
    let (_, e1) = c.span(from)?;
    let (s2, _) = c.span(to)?;
    let fields = DateFields::of(date, c);
    let first = date_spec(&DateFields {
        day: Some(a),
        ..fields
    })?;
    let second = date_spec(&DateFields {
        day: Some(b),
        ..fields
    })?;
    Some([(first, e1), (second, s2)])
}
