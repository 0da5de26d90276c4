//! The rule language: word lists and rules, parsed from the data files under
//! `src/tagger/rules/` (compiled into the binary with `include_str!`).
//!
//! # Word lists (`*.words`)
//!
//! ```text
//! @kind int            # int | unit | mod | season | part | holiday | ref | flag
//! 9: september | sept. | sept | sep. | sep
//! ```
//!
//! Each line gives a value, then the phrases that name it, separated by `|`.
//! Phrases are tokenized like the text, so `sept.` is two tokens and
//! `new year's day` five. Holiday values are `MM-DD`, `easter+N` or
//! `nth/MONTH/WEEKDAY/N` (`N = -1` for the last such weekday).
//!
//! # Rules (`*.rules`)
//!
//! ```text
//! rule date.month_day_year: @months! #day ","? #year => DATE date month=$1 day=$2 year=$4
//! ```
//!
//! A rule has a unique name, a pattern and a production. Pattern elements:
//!
//! | element      | matches                                                    |
//! |--------------|------------------------------------------------------------|
//! | `"a\|b"`     | one token whose lowercase text is `a` or `b`              |
//! | `@list`      | the longest phrase of a word list (`@a\|b`: of list a or b) |
//! | `#year`      | a 4-digit number 1000–2099                                 |
//! | `#year2`     | a 2-digit number (after `'`: `'98`)                        |
//! | `#day`       | 1–31 with an optional glued `st`/`nd`/`rd`/`th`            |
//! | `#month_num` | 1–12                                                       |
//! | `#hour`      | 0–23; `#minute` a 2-digit 00–59                            |
//! | `#num`       | any number up to 6 digits                                  |
//! | `#count`     | a number in digits or words (`twenty-four`, `30`)          |
//! | `#ordinal`   | `third`, `3rd`                                             |
//! | `#decade`    | `1990s`, `1990's`, `90s` (the decade's first year)         |
//! | `#name`      | a capitalized word (`Granma`); not first in a rule         |
//!
//! Suffix `?` makes an element optional, suffix `!` requires a capital first
//! letter, prefix `~` requires the element to be glued to the previous token
//! (no space), prefix `&` makes it a lookahead: it must match but is left
//! out of the span (`"the" "year" &"ended"`); lookaheads come last. The
//! first element may not be optional or a lookahead.
//!
//! The production is `=> TYPE builder key=value ...` where `TYPE` is `DATE`,
//! `TIME`, `DURATION` or `SET`, values are `$N` (the value of element N,
//! 1-based; `-$N` negated), integers or symbols, and a trailing `latent`
//! marks a weak match that needs context before it (`in May`); a trailing
//! `weak` one that its neighbours can deny (`1500 troops`). Builders:
//!
//! * `date`: `year decade century month day weekday season quarter half hour
//!   minute ampm part holiday dir yearrel mod` — a calendar point; without a
//!   year it is resolved by tense (`dir=past|future` forces a direction);
//!   `yearrel=-1` puts it in the year before the anchor.
//! * `rel`: `offset unit anchor=dct|ref mod` — `offset` units from the DCT or
//!   from the last mentioned date.
//! * `dur`: `amount unit mod` — a duration (amount omitted: `PXY`).
//! * `set`: `amount unit` — a recurrence.
//! * `every`: the `date` keys without a year — a recurring calendar point
//!   (`each Thursday` is `XXXX-WXX-4`, `every July` `XXXX-07`).
//! * `reporting`: `offset year quarter of=quarter|period` — the reporting
//!   period of a results story (the first quarter named) or a comparison
//!   with it: `the year-ago quarter` is `offset=-1 of=quarter`, `the 1989
//!   period` `year=1989 of=period`. Without a quarter named before, `of=quarter`
//!   means the last quarter completed before the DCT and `of=period` the year.
//! * `ref`: `which=PRESENT|PAST|FUTURE`.
//! * `yearrange`: `from to` — two linked years (`1991–2020`, `2019/20`).
//! * `dayrange`: `month from to year link` — two linked days (`Dec. 12-14`,
//!   `23–25 October 2023`); `link=none` leaves them unlinked (`April 24
//!   and 25`).
//! * `none`: a negative rule; the match is consumed and yields nothing
//!   (`6-year-old` is an age, not a duration).

use super::calendar::Holiday;
use super::hash::FastMap;
use super::timex::{DayPart, Modifier, RefPoint, RuleId, Season, TimexType, Unit};
use super::token::{Vocab, tokenize};

/// The value a word-list phrase or a pattern element stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sem {
    /// An integer: a month, a weekday (1 = Monday), a number.
    Int(i64),
    /// A unit of time.
    Unit(Unit),
    /// A TIMEX3 modifier.
    Mod(Modifier),
    /// A season.
    Season(Season),
    /// A part of the day.
    Part(DayPart),
    /// A holiday.
    Holiday(Holiday),
    /// A vague reference.
    Ref(RefPoint),
    /// A matched word without a value.
    Flag,
}

/// A word list.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    /// Phrases (as lowercase tokens) by first token, longest first. Only
    /// looked up, never iterated into output, so a hash map is deterministic.
    pub by_first: FastMap<String, Vec<(Vec<String>, Sem)>>,
}

/// A token class for `#name` elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `#year`
    Year,
    /// `#year2`
    Year2,
    /// `#day`
    Day,
    /// `#month_num`
    MonthNum,
    /// `#hour`
    Hour,
    /// `#minute`
    Minute,
    /// `#num`
    Num,
    /// `#count`
    Count,
    /// `#ordinal`
    Ordinal,
    /// `#decade`
    Decade,
    /// `#name`: any word with a capital first letter (a proper name's
    /// word); never the first element of a rule.
    Name,
}

/// What a pattern element matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// One of these lowercase tokens.
    Lit(Vec<String>),
    /// Word lists, by name (`@a|b` tries `a`, then `b`).
    List(Vec<String>),
    /// A token class.
    Class(Class),
}

/// A pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elem {
    /// What it matches.
    pub matcher: Matcher,
    /// `?`
    pub optional: bool,
    /// `~`
    pub glued: bool,
    /// `!`
    pub capital: bool,
    /// `&`: must match, but is not part of the span (a lookahead at the end).
    pub lookahead: bool,
}

/// A production argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// `$N` (0-based here), possibly negated.
    Capture(usize, bool),
    /// An integer literal.
    Int(i64),
    /// A symbol.
    Sym(String),
}

/// A production builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builder {
    /// `date`
    Date,
    /// `rel`
    Rel,
    /// `dur`
    Dur,
    /// `set`
    Set,
    /// A recurring calendar point: `each Thursday`.
    Every,
    /// The reporting period or a comparison with it: `the year-ago quarter`.
    Reporting,
    /// `ref`
    Ref,
    /// `yearrange`
    YearRange,
    /// `dayrange`
    DayRange,
    /// `none`: a negative rule; the match is consumed and yields nothing
    /// (`6-year-old`).
    Reject,
}

/// A grammar rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The unique name, e.g. `date.month_day_year`.
    pub name: RuleId,
    /// The rule file it comes from, e.g. `dates.rules`.
    pub file: String,
    /// Its 1-based line there.
    pub line: usize,
    /// The pattern.
    pub elems: Vec<Elem>,
    /// The TIMEX3 type produced.
    pub kind: TimexType,
    /// The builder.
    pub builder: Builder,
    /// Its arguments.
    pub args: Vec<(String, Arg)>,
    /// A weak match that needs context: a preposition or the like before it.
    pub latent: bool,
    /// A weak match kept unless its neighbours deny it (a plural noun after
    /// a bare year: `1500 troops`).
    pub weak: bool,
}

/// An error in a rule or word-list file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    /// The file name.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The data files compiled into the binary: (name, contents).
pub const WORD_FILES: &[(&str, &str)] = &[
    ("months", include_str!("rules/months.words")),
    ("months_solo", include_str!("rules/months_solo.words")),
    ("weekdays", include_str!("rules/weekdays.words")),
    ("weekdays_pl", include_str!("rules/weekdays_pl.words")),
    ("numbers", include_str!("rules/numbers.words")),
    ("ordinals", include_str!("rules/ordinals.words")),
    ("units", include_str!("rules/units.words")),
    ("units_pl", include_str!("rules/units_pl.words")),
    ("seasons", include_str!("rules/seasons.words")),
    ("dayparts", include_str!("rules/dayparts.words")),
    ("dayparts_pl", include_str!("rules/dayparts_pl.words")),
    ("holidays", include_str!("rules/holidays.words")),
    ("mods_point", include_str!("rules/mods_point.words")),
    ("mods_amount", include_str!("rules/mods_amount.words")),
    ("sets", include_str!("rules/sets.words")),
    ("vague", include_str!("rules/vague.words")),
    ("tense", include_str!("rules/tense.words")),
    ("zones", include_str!("rules/zones.words")),
    ("decades", include_str!("rules/decades.words")),
    (
        "generic_present",
        include_str!("rules/generic_present.words"),
    ),
];

/// A rule file compiled into the binary, with the example corpus beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleFile {
    /// The name without extension: `dates` for `dates.rules`.
    pub name: &'static str,
    /// The rules (`NAME.rules`).
    pub rules: &'static str,
    /// The examples (`NAME.examples`): `+ text => VALUE` lines that must
    /// tag as shown, `- text` lines that must tag nothing, `@dct DATE` the
    /// document date for the lines after it.
    pub examples: &'static str,
}

/// The rule files compiled into the binary.
pub const RULE_FILES: &[RuleFile] = &[
    RuleFile {
        name: "dates",
        rules: include_str!("rules/dates.rules"),
        examples: include_str!("rules/dates.examples"),
    },
    RuleFile {
        name: "relative",
        rules: include_str!("rules/relative.rules"),
        examples: include_str!("rules/relative.examples"),
    },
    RuleFile {
        name: "durations",
        rules: include_str!("rules/durations.rules"),
        examples: include_str!("rules/durations.examples"),
    },
    RuleFile {
        name: "sets",
        rules: include_str!("rules/sets.rules"),
        examples: include_str!("rules/sets.examples"),
    },
    RuleFile {
        name: "vague",
        rules: include_str!("rules/vague.rules"),
        examples: include_str!("rules/vague.examples"),
    },
];

fn err(file: &str, line: usize, message: impl Into<String>) -> RuleError {
    RuleError {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

fn strip_comment(line: &str) -> &str {
    // `#` starts a comment only at the line start or after a space, so that
    // `#year` elements survive.
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] == b' ') {
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            if next == b' ' || i == 0 && !next.is_ascii_alphabetic() {
                return &line[..i];
            }
        }
    }
    line
}

fn parse_unit(s: &str) -> Option<Unit> {
    Some(match s {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    })
}

fn parse_mod(s: &str) -> Option<Modifier> {
    Some(match s {
        "APPROX" => Modifier::Approx,
        "LESS_THAN" => Modifier::LessThan,
        "MORE_THAN" => Modifier::MoreThan,
        "EQUAL_OR_MORE" => Modifier::EqualOrMore,
        "EQUAL_OR_LESS" => Modifier::EqualOrLess,
        "START" => Modifier::Start,
        "MID" => Modifier::Mid,
        "END" => Modifier::End,
        "BEFORE" => Modifier::Before,
        "AFTER" => Modifier::After,
        _ => return None,
    })
}

/// A symbol as a typed value, for production arguments given literally.
pub fn symbol_sem(s: &str) -> Option<Sem> {
    if let Some(u) = parse_unit(s) {
        return Some(Sem::Unit(u));
    }
    if let Some(m) = parse_mod(s) {
        return Some(Sem::Mod(m));
    }
    Some(match s {
        "PRESENT" => Sem::Ref(RefPoint::Present),
        "PAST" => Sem::Ref(RefPoint::Past),
        "FUTURE" => Sem::Ref(RefPoint::Future),
        "SP" => Sem::Season(Season::Spring),
        "SU" => Sem::Season(Season::Summer),
        "FA" => Sem::Season(Season::Fall),
        "WI" => Sem::Season(Season::Winter),
        "MO" => Sem::Part(DayPart::Morning),
        "AF" => Sem::Part(DayPart::Afternoon),
        "EV" => Sem::Part(DayPart::Evening),
        "NI" => Sem::Part(DayPart::Night),
        _ => return None,
    })
}

fn parse_holiday(s: &str) -> Option<Holiday> {
    if let Some(rest) = s.strip_prefix("easter") {
        let off = if rest.is_empty() {
            0
        } else {
            rest.parse().ok()?
        };
        return Some(Holiday::Easter(off));
    }
    if let Some(rest) = s.strip_prefix("nth/") {
        let mut it = rest.split('/');
        let month = it.next()?.parse().ok()?;
        let weekday = it.next()?.parse().ok()?;
        let third = it.next()?;
        let (n, after) = match third.split_once('+') {
            Some((n, after)) => (n.parse().ok()?, after.parse().ok()?),
            None => (third.parse().ok()?, 0),
        };
        return Some(Holiday::Nth {
            month,
            weekday,
            n,
            after,
        });
    }
    let (m, d) = s.split_once('-')?;
    Some(Holiday::Fixed(m.parse().ok()?, d.parse().ok()?))
}

/// Parses a word-list file.
pub fn parse_words(file: &str, src: &str) -> Result<WordList, RuleError> {
    let mut kind = "";
    let mut list = WordList::default();
    for (n, raw) in src.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(k) = line.strip_prefix("@kind") {
            kind = k.trim();
            continue;
        }
        let Some((value, phrases)) = line.split_once(':') else {
            return Err(err(file, n + 1, "expected `value: phrase | phrase`"));
        };
        let value = value.trim();
        let sem = match kind {
            "int" => value.parse().ok().map(Sem::Int),
            "unit" => parse_unit(value).map(Sem::Unit),
            "mod" => parse_mod(value).map(Sem::Mod),
            "season" | "part" | "ref" => symbol_sem(value),
            "holiday" => parse_holiday(value).map(Sem::Holiday),
            "flag" => Some(Sem::Flag),
            "" => {
                return Err(err(
                    file,
                    n + 1,
                    "missing `@kind` line before the first entry",
                ));
            }
            other => return Err(err(file, n + 1, format!("unknown kind `{other}`"))),
        };
        let Some(sem) = sem else {
            return Err(err(
                file,
                n + 1,
                format!("`{value}` is not a valid {kind} value"),
            ));
        };
        for phrase in phrases.split('|') {
            let toks: Vec<String> = tokenize(phrase.trim(), &Vocab::default())
                .into_iter()
                .map(|t| t.lower.to_string())
                .collect();
            let Some(first) = toks.first().cloned() else {
                return Err(err(file, n + 1, "empty phrase"));
            };
            list.by_first.entry(first).or_default().push((toks, sem));
        }
    }
    for v in list.by_first.values_mut() {
        v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    }
    Ok(list)
}

fn parse_elem(file: &str, line: usize, s: &str) -> Result<Elem, RuleError> {
    let mut s = s;
    let lookahead = s.starts_with('&');
    if lookahead {
        s = &s[1..];
    }
    let glued = s.starts_with('~');
    if glued {
        s = &s[1..];
    }
    let mut optional = false;
    let mut capital = false;
    loop {
        if let Some(r) = s.strip_suffix('?') {
            optional = true;
            s = r;
        } else if let Some(r) = s.strip_suffix('!') {
            capital = true;
            s = r;
        } else {
            break;
        }
    }
    let matcher = if let Some(lit) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Matcher::Lit(lit.split('|').map(str::to_string).collect())
    } else if let Some(name) = s.strip_prefix('@') {
        Matcher::List(name.split('|').map(str::to_string).collect())
    } else if let Some(class) = s.strip_prefix('#') {
        Matcher::Class(match class {
            "year" => Class::Year,
            "year2" => Class::Year2,
            "day" => Class::Day,
            "month_num" => Class::MonthNum,
            "hour" => Class::Hour,
            "minute" => Class::Minute,
            "num" => Class::Num,
            "count" => Class::Count,
            "ordinal" => Class::Ordinal,
            "decade" => Class::Decade,
            "name" => Class::Name,
            other => return Err(err(file, line, format!("unknown class `#{other}`"))),
        })
    } else {
        return Err(err(
            file,
            line,
            format!("cannot read pattern element `{s}`"),
        ));
    };
    Ok(Elem {
        matcher,
        optional,
        glued,
        capital,
        lookahead,
    })
}

/// Splits a pattern on spaces outside quotes.
fn split_pattern(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == ' ' && !quoted {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Parses a rule file.
pub fn parse_rules(file: &str, src: &str) -> Result<Vec<Rule>, RuleError> {
    let mut rules = Vec::new();
    for (n, raw) in src.lines().enumerate() {
        let line_no = n + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let Some(rest) = line.strip_prefix("rule ") else {
            return Err(err(
                file,
                line_no,
                "expected `rule NAME: PATTERN => PRODUCTION`",
            ));
        };
        let Some((name, rest)) = rest.split_once(':') else {
            return Err(err(file, line_no, "missing `:` after the rule name"));
        };
        let Some((pattern, production)) = rest.split_once("=>") else {
            return Err(err(file, line_no, "missing `=>` before the production"));
        };
        let elems = split_pattern(pattern.trim())
            .into_iter()
            .map(|e| parse_elem(file, line_no, e))
            .collect::<Result<Vec<_>, _>>()?;
        match elems.first() {
            None => return Err(err(file, line_no, "empty pattern")),
            Some(e) if e.optional || e.lookahead => {
                return Err(err(
                    file,
                    line_no,
                    "the first element may not be optional or a lookahead",
                ));
            }
            Some(e) if e.matcher == Matcher::Class(Class::Name) => {
                return Err(err(file, line_no, "`#name` may not be the first element"));
            }
            _ => {}
        }
        if elems.windows(2).any(|w| w[0].lookahead && !w[1].lookahead) {
            return Err(err(
                file,
                line_no,
                "lookahead elements (`&`) must come last",
            ));
        }
        let mut words = production.split_whitespace();
        let kind = match words.next() {
            Some("DATE") => TimexType::Date,
            Some("TIME") => TimexType::Time,
            Some("DURATION") => TimexType::Duration,
            Some("SET") => TimexType::Set,
            other => {
                return Err(err(
                    file,
                    line_no,
                    format!("unknown type `{}`", other.unwrap_or("")),
                ));
            }
        };
        let builder = match words.next() {
            Some("date") => Builder::Date,
            Some("rel") => Builder::Rel,
            Some("dur") => Builder::Dur,
            Some("set") => Builder::Set,
            Some("every") => Builder::Every,
            Some("reporting") => Builder::Reporting,
            Some("ref") => Builder::Ref,
            Some("yearrange") => Builder::YearRange,
            Some("none") => Builder::Reject,
            Some("dayrange") => Builder::DayRange,
            other => {
                return Err(err(
                    file,
                    line_no,
                    format!("unknown builder `{}`", other.unwrap_or("")),
                ));
            }
        };
        let mut args = Vec::new();
        let mut latent = false;
        let mut weak = false;
        for w in words {
            if w == "latent" {
                latent = true;
                continue;
            }
            if w == "weak" {
                weak = true;
                continue;
            }
            let Some((k, v)) = w.split_once('=') else {
                return Err(err(
                    file,
                    line_no,
                    format!("expected key=value, found `{w}`"),
                ));
            };
            let (neg, v2) = match v.strip_prefix('-') {
                Some(r) if r.starts_with('$') => (true, r),
                _ => (false, v),
            };
            let arg = if let Some(idx) = v2.strip_prefix('$') {
                let i: usize = idx
                    .parse()
                    .map_err(|_| err(file, line_no, format!("bad capture `{v}`")))?;
                if i == 0 || i > elems.len() {
                    return Err(err(
                        file,
                        line_no,
                        format!(
                            "capture `{v}` is outside the pattern's {} elements",
                            elems.len()
                        ),
                    ));
                }
                Arg::Capture(i - 1, neg)
            } else if let Ok(i) = v.parse::<i64>() {
                Arg::Int(i)
            } else {
                Arg::Sym(v.to_string())
            };
            args.push((k.to_string(), arg));
        }
        rules.push(Rule {
            name: RuleId::new(name.trim()),
            file: file.to_string(),
            line: line_no,
            elems,
            kind,
            builder,
            args,
            latent,
            weak,
        });
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_errors_name_file_and_line() {
        let e = parse_rules("x.rules", "\nrule a: #yeer => DATE date year=$1").unwrap_err();
        assert_eq!(e.to_string(), "x.rules:2: unknown class `#yeer`");
        let e = parse_rules("x.rules", "rule a: #year => DATE date year=$2").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.rules:1: capture `$2` is outside the pattern's 1 elements"
        );
        let e = parse_rules("x.rules", "rule a: \"the\"? #year => DATE date").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.rules:1: the first element may not be optional or a lookahead"
        );
        let e = parse_rules("x.rules", "rule a: \"the\" &\"year\" #year => DATE date").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.rules:1: lookahead elements (`&`) must come last"
        );
    }

    #[test]
    fn comments_keep_classes() {
        assert_eq!(
            strip_comment("rule a: #year => X # note"),
            "rule a: #year => X "
        );
        assert_eq!(strip_comment("# whole line"), "");
    }
}
