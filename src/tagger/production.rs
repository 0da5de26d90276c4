//! Typed productions: the part of a rule after `=>`, compiled once into a
//! [`Production`] (one variant per builder, with its arguments typed) so
//! that a match never re-reads strings. A key a builder does not take
//! (`yaer=$1`), a value of the wrong kind (`unit=$1` on a number) or a
//! capture outside the pattern is an error naming the file and line.
//!
//! ```text
//! => TYPE builder key=value ... [latent] [weak]
//! ```
//!
//! `TYPE` is `DATE`, `TIME`, `DURATION` or `SET`. A value is `$N` (the
//! value of pattern element N, 1-based; `-$N` negated, for numbers), an
//! integer, or a symbol. Every builder but `none` takes `mod` (a TimeML
//! modifier: `START`, `APPROX`, ... or `$N` of a `@mods_*` list).
//!
//! | builder     | keys                                                   |
//! |-------------|--------------------------------------------------------|
//! | `date`      | the date keys, `as=week`                               |
//! | `every`     | the date keys                                          |
//! | `dayrange`  | the date keys, `from=$N to=$N` (days), `link=none`     |
//! | `yearrange` | `from=$N to=$N` (years)                                |
//! | `rel`       | `offset unit anchor=dct\|ref\|period part within=weekend` |
//! | `dur`, `set`| `amount unit half`                                     |
//! | `reporting` | `offset year quarter of=quarter\|period`               |
//! | `ref`       | `which=PRESENT\|PAST\|FUTURE`                           |
//! | `none`      | nothing: a negative rule                               |
//!
//! The date keys: `year decade century month day weekday quarter half hour
//! minute yearrel` (numbers), `season` (`SP SU FA WI`), `part` (`MO AF EV
//! NI`), `holiday`, `ampm=am|pm`, `dir=past|future|this`. `rel`, `dur`
//! and `set` need `unit`.

use super::calendar::Holiday;
use super::error::RuleError;
use super::lexicon::{
    Kind, parse_holiday, parse_mod, parse_part, parse_ref, parse_season, parse_unit,
};
use super::spec::{Anchor, Dir};
use super::timex::{DayPart, Modifier, RefPoint, Season, TimexType, Unit};

/// A production argument: a literal, or the value of a pattern element
/// (0-based here), possibly negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arg<T> {
    /// A value written in the rule.
    Lit(T),
    /// The value of element N.
    Cap(usize),
    /// The value of element N, negated (numbers only).
    Neg(usize),
}

impl<T> Arg<T> {
    /// Whether the value comes from the text.
    pub(crate) fn is_capture(&self) -> bool {
        !matches!(self, Arg::Lit(_))
    }
}

/// `am` or `pm` after a clock hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmPm {
    /// Before noon: `12 am` is midnight.
    Am,
    /// After noon: `3 pm` is 15:00.
    Pm,
}

/// The date keys: a calendar point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct DateArgs {
    /// `year`: 4 digits, or 2 (`'98` is 1998, `'05` 2005).
    pub year: Option<Arg<i64>>,
    /// `decade`: its first year (`1990s`).
    pub decade: Option<Arg<i64>>,
    /// `century`: its ordinal (`20th`).
    pub century: Option<Arg<i64>>,
    /// `month`: 1–12.
    pub month: Option<Arg<i64>>,
    /// `day`: 1–31.
    pub day: Option<Arg<i64>>,
    /// `weekday`: 1 = Monday.
    pub weekday: Option<Arg<i64>>,
    /// `quarter`: 1–4.
    pub quarter: Option<Arg<i64>>,
    /// `half`: 1–2.
    pub half: Option<Arg<i64>>,
    /// `hour`: 0–23, or 1–12 with `ampm`.
    pub hour: Option<Arg<i64>>,
    /// `minute`: 0–59.
    pub minute: Option<Arg<i64>>,
    /// `yearrel`: years from the DCT's (`June last year`: -1).
    pub yearrel: Option<Arg<i64>>,
    /// `season`.
    pub season: Option<Arg<Season>>,
    /// `part`: of the day.
    pub part: Option<Arg<DayPart>>,
    /// `holiday`.
    pub holiday: Option<Arg<Holiday>>,
    /// `ampm`.
    pub ampm: Option<AmPm>,
    /// `dir`: which occurrence (default: by tense).
    pub dir: Option<Dir>,
}

/// The keys of `rel`: `offset` units from an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShiftArgs {
    /// `offset` (default 0).
    pub offset: Option<Arg<i64>>,
    /// `unit`.
    pub unit: Arg<Unit>,
    /// `anchor` (default the DCT).
    pub anchor: Anchor,
    /// `part`: of the day.
    pub part: Option<Arg<DayPart>>,
    /// `within=weekend`: the weekend of the resulting week.
    pub weekend: bool,
}

/// The keys of `dur` and `set`: an amount of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AmountArgs {
    /// `amount` (default: vague, or 1 for `set`).
    pub amount: Option<Arg<i64>>,
    /// `unit`.
    pub unit: Arg<Unit>,
    /// `half=1`: and a half.
    pub half: Option<Arg<i64>>,
}

/// The keys of `reporting`: the reporting period, or a comparison with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReportingArgs {
    /// `offset`: years from the period.
    pub offset: Option<Arg<i64>>,
    /// `year`: the text gives one (`the 1988 quarter`).
    pub year: Option<Arg<i64>>,
    /// `quarter`: the text gives one (`the year-ago third quarter`).
    pub quarter: Option<Arg<i64>>,
    /// `of=quarter` (else `of=period`).
    pub of_quarter: bool,
}

/// What a rule builds from its match: one variant per builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Production {
    /// `date`: a calendar point; `week_of` (`as=week`) gives the ISO week
    /// of the day instead (`the week of March 6`).
    Date {
        /// The point.
        date: DateArgs,
        /// `as=week`.
        week_of: bool,
    },
    /// `every`: a recurring calendar point (`each Thursday`).
    Every(DateArgs),
    /// `dayrange`: two days of one month (`Dec. 12-14`), linked unless
    /// `link=none` (`April 24 and 25`).
    DayRange {
        /// The shared parts (month, year).
        date: DateArgs,
        /// The element of the first day.
        from: usize,
        /// The element of the last day.
        to: usize,
        /// The two days form an interval.
        linked: bool,
    },
    /// `yearrange`: two linked years (`1991–2020`, `2019/20`).
    YearRange {
        /// The element of the first year.
        from: usize,
        /// The element of the last year (2 digits: in the first's century).
        to: usize,
    },
    /// `rel`: units from the DCT or the reference time.
    Shift(ShiftArgs),
    /// `dur`: a duration.
    Duration(AmountArgs),
    /// `set`: a recurrence period.
    Set(AmountArgs),
    /// `reporting`: a results story's period.
    Reporting(ReportingArgs),
    /// `ref`: a vague reference (default `PRESENT`).
    Ref(Option<Arg<RefPoint>>),
    /// `none`: a negative rule; the match is consumed and yields nothing.
    Reject,
}

/// A compiled production with what every builder shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    /// The TIMEX3 type.
    pub kind: TimexType,
    /// The builder and its arguments.
    pub production: Production,
    /// `mod`.
    pub modifier: Option<Arg<Modifier>>,
    /// `latent`: a weak match that needs context before it (`in May`).
    pub latent: bool,
    /// `weak`: a weak match its neighbours can deny (`1500 troops`).
    pub weak: bool,
}

/// The `key=value` words of one production, taken by the builder's
/// parser one key at a time; what is left over is an error.
struct Keys<'a> {
    file: &'a str,
    line: usize,
    builder: &'a str,
    /// Per pattern element, the kinds of value it captures.
    elems: &'a [Vec<Kind>],
    /// Not yet taken: (key, value).
    left: Vec<(&'a str, &'a str)>,
    /// The keys the builder asked for, for the error message.
    asked: Vec<&'static str>,
}

impl<'a> Keys<'a> {
    fn err(&self, message: impl Into<String>) -> RuleError {
        RuleError::at(self.file, self.line, message)
    }

    /// Takes the raw value of `key`.
    fn take(&mut self, key: &'static str) -> Option<&'a str> {
        self.asked.push(key);
        let i = self.left.iter().position(|(k, _)| *k == key)?;
        Some(self.left.remove(i).1)
    }

    /// The element a `$N` value names, checked against the pattern and the
    /// kind of value the key needs.
    fn capture(&self, key: &str, v: &str, want: Kind) -> Result<usize, RuleError> {
        let idx = v.trim_start_matches('-').trim_start_matches('$');
        let n: usize = idx
            .parse()
            .map_err(|_| self.err(format!("bad capture `{v}`")))?;
        if n == 0 || n > self.elems.len() {
            return Err(self.err(format!(
                "capture `{v}` is outside the pattern's {} elements",
                self.elems.len()
            )));
        }
        let gives = &self.elems[n - 1];
        if !gives.contains(&want) {
            let names: Vec<&str> = gives.iter().map(|k| k.name()).collect();
            return Err(self.err(format!(
                "`{key}={v}`: element {n} gives {}, not {}",
                names.join("|"),
                want.name()
            )));
        }
        Ok(n - 1)
    }

    /// A number: `$N`, `-$N` or an integer.
    fn int(&mut self, key: &'static str) -> Result<Option<Arg<i64>>, RuleError> {
        let Some(v) = self.take(key) else {
            return Ok(None);
        };
        if v.strip_prefix('-').is_some_and(|r| r.starts_with('$')) {
            return Ok(Some(Arg::Neg(self.capture(key, v, Kind::Int)?)));
        }
        if v.starts_with('$') {
            return Ok(Some(Arg::Cap(self.capture(key, v, Kind::Int)?)));
        }
        match v.parse() {
            Ok(i) => Ok(Some(Arg::Lit(i))),
            Err(_) => Err(self.err(format!("`{key}={v}`: expected a number or $N"))),
        }
    }

    /// A value of `kind`: `$N` or a symbol `parse` reads.
    fn value<T>(
        &mut self,
        key: &'static str,
        kind: Kind,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Option<Arg<T>>, RuleError> {
        let Some(v) = self.take(key) else {
            return Ok(None);
        };
        if v.starts_with('$') {
            return Ok(Some(Arg::Cap(self.capture(key, v, kind)?)));
        }
        match parse(v) {
            Some(x) => Ok(Some(Arg::Lit(x))),
            None => Err(self.err(format!("`{key}={v}`: not a {} value or $N", kind.name()))),
        }
    }

    /// A required capture (`from=$N`).
    fn element(&mut self, key: &'static str) -> Result<usize, RuleError> {
        match self.take(key) {
            Some(v) if v.starts_with('$') => self.capture(key, v, Kind::Int),
            Some(v) => Err(self.err(format!("`{key}={v}`: expected $N"))),
            None => Err(self.err(format!("`{}` needs `{key}=$N`", self.builder))),
        }
    }

    /// One of the symbols `choices` (written literally).
    fn symbol<T: Copy>(
        &mut self,
        key: &'static str,
        choices: &[(&str, T)],
    ) -> Result<Option<T>, RuleError> {
        let Some(v) = self.take(key) else {
            return Ok(None);
        };
        match choices.iter().find(|(s, _)| *s == v) {
            Some(&(_, x)) => Ok(Some(x)),
            None => {
                let names: Vec<&str> = choices.iter().map(|(s, _)| *s).collect();
                Err(self.err(format!("`{key}={v}`: expected {}", names.join("|"))))
            }
        }
    }

    /// A required unit.
    fn unit(&mut self) -> Result<Arg<Unit>, RuleError> {
        self.value("unit", Kind::Unit, parse_unit)?
            .ok_or_else(|| self.err(format!("`{}` needs `unit=`", self.builder)))
    }

    /// Errors on a key the builder did not take.
    fn done(&self) -> Result<(), RuleError> {
        match self.left.first() {
            None => Ok(()),
            Some((k, _)) if self.asked.is_empty() => Err(self.err(format!(
                "unknown key `{k}` for `{}` (it takes no keys)",
                self.builder
            ))),
            Some((k, _)) => Err(self.err(format!(
                "unknown key `{k}` for `{}` (it takes: {})",
                self.builder,
                self.asked.join(", ")
            ))),
        }
    }

    fn date(&mut self) -> Result<DateArgs, RuleError> {
        Ok(DateArgs {
            year: self.int("year")?,
            decade: self.int("decade")?,
            century: self.int("century")?,
            month: self.int("month")?,
            day: self.int("day")?,
            weekday: self.int("weekday")?,
            quarter: self.int("quarter")?,
            half: self.int("half")?,
            hour: self.int("hour")?,
            minute: self.int("minute")?,
            yearrel: self.int("yearrel")?,
            season: self.value("season", Kind::Season, parse_season)?,
            part: self.value("part", Kind::Part, parse_part)?,
            holiday: self.value("holiday", Kind::Holiday, parse_holiday)?,
            ampm: self.symbol("ampm", &[("am", AmPm::Am), ("pm", AmPm::Pm)])?,
            dir: self.symbol(
                "dir",
                &[
                    ("past", Dir::Past),
                    ("future", Dir::Future),
                    ("this", Dir::This),
                ],
            )?,
        })
    }

    fn amount(&mut self) -> Result<AmountArgs, RuleError> {
        Ok(AmountArgs {
            amount: self.int("amount")?,
            unit: self.unit()?,
            half: self.int("half")?,
        })
    }

    fn production(&mut self) -> Result<Production, RuleError> {
        Ok(match self.builder {
            "date" => Production::Date {
                date: self.date()?,
                week_of: self.symbol("as", &[("week", ())])?.is_some(),
            },
            "every" => Production::Every(self.date()?),
            "dayrange" => Production::DayRange {
                date: self.date()?,
                from: self.element("from")?,
                to: self.element("to")?,
                linked: self.symbol("link", &[("none", ())])?.is_none(),
            },
            "yearrange" => Production::YearRange {
                from: self.element("from")?,
                to: self.element("to")?,
            },
            "rel" => Production::Shift(ShiftArgs {
                offset: self.int("offset")?,
                unit: self.unit()?,
                anchor: self
                    .symbol(
                        "anchor",
                        &[
                            ("dct", Anchor::Dct),
                            ("ref", Anchor::Reference),
                            ("period", Anchor::Period),
                        ],
                    )?
                    .unwrap_or(Anchor::Dct),
                part: self.value("part", Kind::Part, parse_part)?,
                weekend: self.symbol("within", &[("weekend", ())])?.is_some(),
            }),
            "dur" => Production::Duration(self.amount()?),
            "set" => Production::Set(self.amount()?),
            "reporting" => Production::Reporting(ReportingArgs {
                offset: self.int("offset")?,
                year: self.int("year")?,
                quarter: self.int("quarter")?,
                of_quarter: self.symbol("of", &[("quarter", true), ("period", false)])?
                    == Some(true),
            }),
            "ref" => Production::Ref(self.value("which", Kind::Ref, parse_ref)?),
            "none" => Production::Reject,
            other => return Err(self.err(format!("unknown builder `{other}`"))),
        })
    }
}

/// Compiles the production `text` (after `=>`) of a rule at `file:line`
/// whose pattern elements capture values of the kinds `elems`.
pub(crate) fn parse_production(
    file: &str,
    line: usize,
    text: &str,
    elems: &[Vec<Kind>],
) -> Result<Head, RuleError> {
    let err = |message: String| RuleError::at(file, line, message);
    let mut words = text.split_whitespace();
    let kind = match words.next() {
        Some("DATE") => TimexType::Date,
        Some("TIME") => TimexType::Time,
        Some("DURATION") => TimexType::Duration,
        Some("SET") => TimexType::Set,
        other => return Err(err(format!("unknown type `{}`", other.unwrap_or("")))),
    };
    let builder = words.next().unwrap_or("");
    let (mut latent, mut weak) = (false, false);
    let mut left: Vec<(&str, &str)> = Vec::new();
    for w in words {
        match w {
            "latent" => latent = true,
            "weak" => weak = true,
            _ => {
                let Some((k, v)) = w.split_once('=') else {
                    return Err(err(format!("expected key=value, found `{w}`")));
                };
                if left.iter().any(|(k2, _)| *k2 == k) {
                    return Err(err(format!("key `{k}` is given twice")));
                }
                left.push((k, v));
            }
        }
    }
    let mut keys = Keys {
        file,
        line,
        builder,
        elems,
        left,
        asked: Vec::new(),
    };
    let production = keys.production()?;
    let modifier = match production {
        Production::Reject => None,
        _ => keys.value("mod", Kind::Mod, parse_mod)?,
    };
    keys.done()?;
    Ok(Head {
        kind,
        production,
        modifier,
        latent,
        weak,
    })
}
