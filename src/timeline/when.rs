//! The date grammar of the timeline file: EDTF, plus the forms people type.
//!
//! The canonical form is EDTF (what [`DateSpec`]'s `Display` writes, and
//! what `timeline fmt` writes back). When reading, the hand-typed forms
//! below are accepted too. A value is read **whole or not at all**: text
//! that is not entirely one of these forms is an error with a hint, never
//! a date read from its first part.
//!
//! # Grammar
//!
//! Words are case-insensitive; runs of blanks count as one; `–` (en dash),
//! `—` (em dash) and `-` are all dashes. Each rule is one `parse_*`
//! function below; the rules of `when` are tried in order and the first
//! that reads the whole text wins.
//!
//! ```text
//! when        = point                          ; parse_point
//!             / edtf-interval                  ; parse_edtf_interval
//!             / year-range                     ; parse_year_range
//!             / third                          ; parse_third
//!             / typed-interval                 ; parse_typed_interval
//!             / open-interval                  ; parse_open_interval
//!
//! edtf-interval  = (point / "..") "/" (point / "..")     ; 1991/2020, 1991/.., ../2020
//! year-range     = YYYY dash YYYY                         ; 1991-2020, 1991–2020
//!                / YYYY dash YY                           ; 1957-58 (1957 to 1958), 1999-00
//!                / YYYY "/" YY                            ; 2021/22
//! third          = ["the"] ("early" / "mid" / "late") ["-"] point
//!                                                          ; early 2011, late July 2012,
//!                                                          ; mid-1990s, early 20th century
//! typed-interval = ["from" / "between"] end sep end
//!                                                          ; 1991 to 2020, 2013-03-22 to 2013-03-24,
//!                                                          ; March 18-24, 2013, 18–24 March 2013,
//!                                                          ; Nov 10 to Dec 2, 2020, March–May 2013
//! open-interval  = ("since" / "from" / "after") end        ; since 1991: open end
//!                / ("until" / "till" / "before") end       ; until June 2012: open start
//! sep            = "to" / "until" / "till" / "through" / "thru" / "and" (after "between") / dash
//! end            = point / third / partial                ; a partial end ("March 18", "24, 2013")
//!                                                          ; takes its year, or its month, from
//!                                                          ; the other end
//!
//! point       = [approx] core ["?"]                 ; parse_point
//! approx      = "~" / "c." / "ca." / "circa" / "about" / "around" / "approx." / "approximately"
//! core        = edtf                                ; 2020-11-10, 2021-09, 1991, 199X, 19XX, -0043,
//!                                                   ; 2012-22 (summer), 2013-33 (Q1), 1990~, 2021?
//!             / datetime                            ; parse_datetime: 2020-11-10T14:00Z
//!             / loose-iso                           ; parse_loose_iso: 2021-9, 2021-9-5, 2021/09/05
//!             / numeric                             ; parse_numeric: 22.03.2013, 22/03/2013, 03/22/2013
//!             / named                               ; parse_named: Nov 10, 2020; 10 November 2020;
//!                                                   ; Tuesday, November 10th, 2020; September 2021
//!             / season                              ; parse_season: summer 2012, winter 2012-13
//!             / quarter                             ; parse_quarter: Q1 2013, 2013-Q1, first quarter of 2013
//!             / decade / century                    ; 1990s, the 1990s, 20th century
//!             / era-year                            ; 44 BC, 44 BCE, AD 44, 44 CE
//!             / short-year                          ; 990 (a year of 1–3 digits: 0990)
//!
//! datetime    = YYYY-MM-DD ("T" / " ") hh ":" mm [":" ss ["." digits]] [zone]
//! zone        = "Z" / "UTC" / "GMT" / ("+" / "-") hh [[":"] mm]     ; at most ±14:00
//! numeric     = D "." M "." YYYY                    ; dots: always day first
//!             / A ("/" / "-") B ("/" / "-") YYYY    ; slashes, dashes: whichever reading
//!                                                   ; is a date; both (10/11/2020) is an error
//! ```
//!
//! What each form means:
//! - A **date-time** is converted to UTC, then its calendar day is taken:
//!   `2020-11-10T02:00+05:00` is `2020-11-09`. A date-time without a zone
//!   is UTC (never the machine's zone). Hours run 00–23, minutes 00–59,
//!   seconds 00–60; offsets are at most ±14:00.
//! - A **season** is EDTF `YYYY-21` (spring) to `YYYY-24` (winter, from
//!   December into the next year); a **quarter** is `YYYY-33` (Q1) to
//!   `YYYY-36` (Q4).
//! - **early / mid / late** are the first, middle and last third of the
//!   period (see [`Date::third`]) as an interval with approximate ends:
//!   `early 2011` is `{start: "2011-01~", end: "2011-04~"}`.
//! - In `YYYY-NN`, EDTF comes first: `2021-09` is September 2021,
//!   `2012-22` summer 2012, `2013-33` Q1 2013; other two-digit endings are
//!   year ranges (`1957-58`). Write `2012 to 2022` for the years.
//! - A **weekday** may open a full date (`Tuesday, November 10th, 2020`)
//!   and must be that date's weekday.
//! - A date **without a year** (`Nov 10`, `March`) is refused, never
//!   completed with today's year.
//!
//! # `dateparser`
//!
//! The `dateparser` crate fills whatever a text leaves out from the clock
//! (today's date, the current time, the local zone) and reads
//! `2020-11-10 garbage`-like texts by their first part. So it never sees
//! the user's text: the grammar above reads every field itself, and
//! `dateparser` only checks a date we rebuilt from those fields in a fixed
//! form (`Nov 10, 2020`, RFC 3339 for date-times), in UTC at midnight. Its
//! answer must equal our own reading, field by field; where it disagrees
//! or cannot read the value (years before 1000, BCE), our reading stands.
//! Nothing it could make up reaches a timeline.
//!
//! ```
//! use timeline::timeline::{parse_date, parse_when};
//! assert_eq!(parse_date("Nov 10, 2020").unwrap().to_string(), "2020-11-10");
//! assert_eq!(parse_date("c. 1990").unwrap().to_string(), "1990~");
//! assert_eq!(parse_date("44 BC").unwrap().to_string(), "-0043");
//! assert_eq!(parse_date("summer 2012").unwrap().to_string(), "2012-22");
//! assert_eq!(parse_date("22.03.2013").unwrap().to_string(), "2013-03-22");
//! assert!(parse_date("10/11/2020").is_err()); // 10 Nov or 11 Oct?
//! assert!(parse_date("2020-11-10 garbage").is_err());
//! let w = parse_when("March 18-24, 2013").unwrap();
//! assert_eq!(w.first_day().unwrap().to_string(), "2013-03-18");
//! assert_eq!(w.last_day().unwrap().to_string(), "2013-03-24");
//! ```

use chrono::{Datelike, NaiveDate, NaiveTime, Utc};

use crate::date::{Date, DateError, DateSpec, Season, Third};

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

/// Weekday names (Monday = 0), allowed at the start of a full date.
const WEEKDAYS: &[(&str, u32)] = &[
    ("monday", 0),
    ("mon", 0),
    ("tuesday", 1),
    ("tue", 1),
    ("tues", 1),
    ("wednesday", 2),
    ("wed", 2),
    ("thursday", 3),
    ("thu", 3),
    ("thurs", 3),
    ("friday", 4),
    ("fri", 4),
    ("saturday", 5),
    ("sat", 5),
    ("sunday", 6),
    ("sun", 6),
];

const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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

/// Words that join the two ends of a typed interval.
const SEPARATORS: &[&str] = &["to", "until", "till", "through", "thru"];

/// The result of a rule: `None` when the text is not of this rule's shape,
/// `Some(Err(..))` when it is but something in it is wrong.
type Rule<T> = Option<Result<T, DateError>>;

/// Parses one date in any accepted form (see the module docs). Intervals,
/// and so `early`, `mid` and `late`, are not one date: see [`parse_when`].
pub fn parse_date(text: &str) -> Result<DateSpec, DateError> {
    let s = clean(text);
    match parse_point(&s) {
        Ok(d) => Ok(d),
        Err(DateError::Syntax(_)) => Err(trailing(&s).unwrap_or_else(|| syntax(&s))),
        Err(e) => Err(e),
    }
}

/// Parses a `when` text: a date or an interval (see the module docs).
pub fn parse_when(text: &str) -> Result<When, DateError> {
    let s = clean(text);
    match when_whole(&s) {
        Ok(w) => Ok(w),
        Err(DateError::Syntax(_)) => Err(trailing(&s).unwrap_or_else(|| syntax(&s))),
        Err(e) => Err(e),
    }
}

/// [`parse_when`] for a YAML scalar; `plain` is true for an unquoted one,
/// which is typed by hand (`timeline` always quotes dates): there
/// `2021-22` is refused as ambiguous (summer 2021 in EDTF, or 2021 to
/// 2022), while the quoted `"2021-22"` that `timeline fmt` writes is EDTF.
pub(crate) fn parse_when_scalar(text: &str, plain: bool) -> Result<When, DateError> {
    if plain {
        hand_typed(&clean(text))?;
    }
    parse_when(text)
}

/// One end of an interval given as `start:` or `end:` (see
/// [`parse_when_scalar`] for `plain`): a date, or the start (`start`) or
/// end of an `early`/`mid`/`late` third.
pub(crate) fn parse_bound(text: &str, start: bool, plain: bool) -> Result<DateSpec, DateError> {
    let s = clean(text);
    if plain {
        hand_typed(&s)?;
    }
    match bound(&s, start) {
        Ok(d) => Ok(d),
        Err(DateError::Syntax(_)) => Err(trailing(&s).unwrap_or_else(|| syntax(&s))),
        Err(e) => Err(e),
    }
}

/// An end of an interval: a point, or an end of a third.
fn bound(s: &str, start: bool) -> Result<DateSpec, DateError> {
    if let Some(r) = parse_third(s) {
        let (a, b) = r?;
        return Ok(if start { a } else { b });
    }
    parse_point(s)
}

/// Refuses `YYYY-NN` typed by hand when NN is an EDTF season (21–24) or
/// quarter (33–36) code and the text also reads as a range of years.
fn hand_typed(s: &str) -> Result<(), DateError> {
    let Some((y, nn)) = s.split_once('-') else {
        return Ok(());
    };
    let digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || nn.len() != 2 || !digits(y) || !digits(nn) {
        return Ok(());
    }
    let (Ok(year), Ok(code)) = (y.parse::<i32>(), nn.parse::<i32>()) else {
        return Ok(());
    };
    if !matches!(code, 21..=24 | 33..=36) || code <= year.rem_euclid(100) {
        return Ok(());
    }
    let edtf = match s.parse::<Date>() {
        Ok(d) => d.human(),
        Err(_) => return Ok(()),
    };
    Err(DateError::SubYearOrRange {
        text: s.to_string(),
        edtf,
        first: year,
        last: year - year.rem_euclid(100) + code,
    })
}

/// No date people type is longer than this (in bytes); a longer text is
/// refused at once, named by its start, so that a hostile file cannot make
/// the rules try every cut of a megabyte of dashes.
const MAX_DATE_TEXT: usize = 160;

/// The text trimmed, blanks collapsed, and the many Unicode dashes and
/// spaces people paste mapped to `-`, `–` and ` `. A text longer than
/// [`MAX_DATE_TEXT`] is cut to its first words and an ellipsis, which no
/// rule reads.
fn clean(text: &str) -> String {
    let text = text.trim();
    if text.len() > MAX_DATE_TEXT {
        let mut end = 40;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        return format!("{}…", &text[..end]);
    }
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2212}' => '-',
            '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => '–',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    mapped
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn syntax(s: &str) -> DateError {
    DateError::Syntax(s.to_string())
}

/// `when`: the rules in order; the first that reads the whole text wins.
/// When none does, the most telling error is kept: that of a rule whose
/// shape the text has, else the point's.
fn when_whole(s: &str) -> Result<When, DateError> {
    if s.is_empty() {
        return Err(syntax(s));
    }
    let point = parse_point(s);
    if let Ok(d) = point {
        return Ok(When::On(d));
    }
    let mut errors = Vec::new();
    let rules: [fn(&str) -> Rule<When>; 6] = [
        parse_edtf_interval,
        parse_year_range,
        |s| parse_third(s).map(|r| r.map(|(a, b)| between(a, b))),
        parse_half,
        parse_typed_interval,
        parse_open_interval,
    ];
    for rule in rules {
        match rule(s) {
            Some(Ok(w)) => return Ok(w),
            Some(Err(e)) => errors.push(e),
            None => {}
        }
    }
    let point = point.err().into_iter();
    // A specific error beats "not a date"; among equals, the rule's.
    let mut all: Vec<DateError> = errors.into_iter().chain(point).collect();
    let specific = all.iter().position(|e| !matches!(e, DateError::Syntax(_)));
    Err(match specific {
        Some(i) => all.swap_remove(i),
        None => all.into_iter().next().unwrap_or_else(|| syntax(s)),
    })
}

fn between(a: DateSpec, b: DateSpec) -> When {
    When::Between {
        start: Some(a),
        end: Some(b),
    }
}

/// A date followed by words that are not part of it (`2020-11-10 garbage`,
/// `Nov 10, 2020 at noon`): the longest leading run of words that reads as
/// a `when`, as an error that names both parts.
fn trailing(s: &str) -> Option<DateError> {
    // Word boundaries: blanks, and where digits meet letters (`2020x`).
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut cuts = Vec::new();
    for w in chars.windows(2) {
        let ((_, a), (i, b)) = (w[0], w[1]);
        if b == ' ' || (a.is_ascii_digit() && b.is_alphabetic()) {
            cuts.push(i);
        }
    }
    if cuts.len() > 16 {
        return None;
    }
    cuts.iter().rev().find_map(|&i| {
        let date = s[..i].trim_end_matches([' ', ',']);
        let rest = s[i..].trim_start_matches([' ', ',']);
        (!date.is_empty() && !rest.is_empty() && when_whole(date).is_ok()).then(|| {
            DateError::Trailing {
                text: s.to_string(),
                date: date.to_string(),
                rest: rest.to_string(),
            }
        })
    })
}

// ---------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------

/// `edtf-interval`: `1991/2020`, `1991/..`, `../2020`. Only with one `/`
/// whose sides are four-digit EDTF or open, or typed dates, so that
/// `11/10/2020` and `2021/09` are left to the numeric rules.
fn parse_edtf_interval(s: &str) -> Rule<When> {
    let (a, b) = s.split_once('/')?;
    if b.contains('/') {
        return None;
    }
    let (a, b) = (a.trim(), b.trim());
    let open = |x: &str| x.is_empty() || x == "..";
    let looks = |x: &str| open(x) || x.trim_start_matches(['-', '~']).len() >= 4;
    if !looks(a) || !looks(b) {
        return None;
    }
    if open(a) && open(b) {
        return Some(Err(syntax(s)));
    }
    let side = |x: &str, start: bool| -> Result<Option<DateSpec>, DateError> {
        if open(x) {
            Ok(None)
        } else {
            bound(x, start).map(Some)
        }
    };
    Some((|| {
        Ok(When::Between {
            start: side(a, true)?,
            end: side(b, false)?,
        })
    })())
}

/// `half`: `H1 2013`, `2013 H2`, `the first half of 2013`: the months
/// January–June or July–December (EDTF has no half a tool reads).
fn parse_half(s: &str) -> Rule<When> {
    let lower = s.to_ascii_lowercase().replace('-', " ");
    let w = words(&lower);
    let w: Vec<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "the" | "of"))
        .collect();
    let h = |x: &str| match x {
        "h1" => Some(1),
        "h2" => Some(2),
        _ => None,
    };
    let (n, y) = match w[..] {
        [a, y] if h(a).is_some() => (h(a)?, y),
        [y, a] if h(a).is_some() => (h(a)?, y),
        ["first" | "1st", "half", y] => (1, y),
        ["second" | "2nd" | "last", "half", y] => (2, y),
        _ => return None,
    };
    let Some(y) = year_of(y) else {
        return Some(Err(syntax(s)));
    };
    let m = |k: u32| Date::month(y, k).map(DateSpec::exact);
    Some((|| Ok(between(m(6 * n - 5)?, m(6 * n)?)))())
}

/// `year-range`: `1991-2020`, `1991–2020`, `1957-58`, `1999-00`, `2021/22`.
/// In `YYYY-NN` the EDTF readings (a month 01–12, a season 21–24, a
/// quarter 33–36) come first and are not ranges.
fn parse_year_range(s: &str) -> Rule<When> {
    let (split, dash) = s
        .char_indices()
        .find(|&(i, c)| i == 4 && matches!(c, '-' | '–' | '/'))?;
    let (a, b) = (&s[..split], &s[split + dash.len_utf8()..]);
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
    if !digits(a) || !digits(b) {
        return None;
    }
    let start: i32 = a.parse().ok()?;
    let end: i32 = match b.len() {
        4 => b.parse().ok()?,
        2 => {
            let nn: i32 = b.parse().ok()?;
            let edtf = matches!(nn, 1..=12 | 21..=41);
            if dash == '-' && edtf {
                return None;
            }
            let yy = start.rem_euclid(100);
            if nn > yy {
                start - yy + nn
            } else if yy == 99 && nn == 0 {
                start + 1
            } else {
                return Some(Err(syntax(s)));
            }
        }
        _ => return None,
    };
    Some((|| Ok(between(year(start)?, year(end)?)))())
}

fn year(y: i32) -> Result<DateSpec, DateError> {
    Date::year(y).map(DateSpec::exact)
}

/// `third`: `early 2011`, `late July 2012`, `mid-1990s`, `the early 20th
/// century`, as the approximate first and last date of that third.
fn parse_third(s: &str) -> Rule<(DateSpec, DateSpec)> {
    let lower = s.to_ascii_lowercase();
    // An "about" adds nothing: the ends of a third are approximate anyway.
    let lower = APPROX_PREFIXES
        .iter()
        .find_map(|p| {
            let r = lower.strip_prefix(p)?;
            (p.ends_with('.') || *p == "~" || r.starts_with(' ')).then(|| r.trim_start())
        })
        .unwrap_or(&lower);
    let body = lower.strip_prefix("the ").unwrap_or(lower);
    let (third, rest) = [Third::Early, Third::Mid, Third::Late]
        .into_iter()
        .find_map(|t| {
            let r = body.strip_prefix(t.word())?;
            let r = r.strip_prefix('-').or_else(|| r.strip_prefix(' '))?;
            Some((t, r.trim()))
        })?;
    // The rest in its original case, for messages.
    let rest = &s[s.len() - rest.len()..];
    Some((|| {
        let d = parse_point(rest).map_err(|e| match e {
            DateError::Syntax(_) => syntax(s),
            e => e,
        })?;
        let (a, b) = d.date.third(third).ok_or_else(|| DateError::Third {
            text: s.to_string(),
            third: third.word(),
        })?;
        let soft = |date| DateSpec {
            date,
            approximate: true,
            uncertain: d.uncertain,
        };
        Ok((soft(a), soft(b)))
    })())
}

/// `typed-interval`: two ends joined by a word (`to`, `until`, ...) or a
/// dash. Every place the text could be cut is tried; the first cut whose
/// two ends read (whole, or one completing the other) wins.
fn parse_typed_interval(s: &str) -> Rule<When> {
    // ASCII lowercase keeps byte offsets, so cuts found in `lower` are cuts of `s`.
    let lower = s.to_ascii_lowercase();
    let (body_at, between_and) = if lower.starts_with("from ") {
        (5, false)
    } else if lower.starts_with("between ") {
        (8, true)
    } else {
        (0, false)
    };
    let body = &s[body_at..];
    let lbody = &lower[body_at..];
    // Cuts: (start of separator, end of separator, strong). A strong cut
    // (a word, a spaced dash, an en dash) makes the text an interval even
    // if its ends are wrong; a bare hyphen may be part of a date.
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let words: &[&str] = if between_and { &["and"] } else { SEPARATORS };
    for w in words {
        let pat = format!(" {w} ");
        let mut from = 0;
        while let Some(i) = lbody[from..].find(&pat) {
            let at = from + i;
            cuts.push((at, at + pat.len(), true));
            from = at + 1;
        }
    }
    if !between_and {
        for (i, c) in body.char_indices() {
            let next = i + c.len_utf8();
            match c {
                '–' => cuts.push((i, next, true)),
                '-' if i > 0 => {
                    let spaced = body[..i].ends_with(' ') && body[next..].starts_with(' ');
                    cuts.push((i, next, spaced));
                }
                _ => {}
            }
        }
    }
    let mut first_error = None;
    for &(a, b, strong) in &cuts {
        let (left, right) = (body[..a].trim(), body[b..].trim());
        if left.is_empty() || right.is_empty() {
            continue;
        }
        match interval_ends(left, right) {
            // A bare hyphen cut must give an interval in order: `early
            // 2012-22` is not early 2012 to the year 22.
            Ok(w) if strong || in_order(&w) => return Some(Ok(w)),
            Ok(_) => {}
            Err(e) if strong && first_error.is_none() => first_error = Some(e),
            Err(_) => {}
        }
    }
    first_error.map(Err)
}

fn in_order(w: &When) -> bool {
    match (w.first_day(), w.last_day()) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    }
}

/// `open-interval`: `since 1991` (open end), `until June 2012` (open
/// start). "after" and "before" name the same open intervals; the date
/// itself is the known end.
fn parse_open_interval(s: &str) -> Rule<When> {
    let lower = s.to_ascii_lowercase();
    let (word, start) = [
        ("since ", true),
        ("from ", true),
        ("after ", true),
        ("until ", false),
        ("till ", false),
        ("before ", false),
    ]
    .into_iter()
    .find(|(w, _)| lower.starts_with(w))?;
    let rest = &s[word.len()..];
    Some(bound(rest, start).map(|d| {
        if start {
            When::Between {
                start: Some(d),
                end: None,
            }
        } else {
            When::Between {
                start: None,
                end: Some(d),
            }
        }
    }))
}

/// The two ends of a typed interval, each read whole or completed from
/// the other (`March 18` + `24, 2013`).
fn interval_ends(left: &str, right: &str) -> Result<When, DateError> {
    // Completion first: in `18–24 March 2013` the `18` is a day, not the
    // year 18.
    if let Some(w) = complete(left, right) {
        return w;
    }
    match (bound(left, true), bound(right, false)) {
        (Ok(a), Ok(b)) => Ok(between(a, b)),
        // The first end that failed, with its own message.
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// A partly written end: day, month and year as far as given.
#[derive(Debug, Clone, Copy, Default)]
struct Partial {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
}

/// Reads `March 18`, `18`, `24, 2013`, `March`, `18 March`, `May 2013`:
/// month names, day numbers and four-digit years, each at most once.
fn partial(s: &str) -> Option<Partial> {
    let mut p = Partial::default();
    for w in words(s) {
        if let Some(m) = month_of(&w) {
            if p.month.replace(m).is_some() {
                return None;
            }
        } else if let Some(y) = year_of(&w) {
            if p.year.replace(y).is_some() {
                return None;
            }
        } else if let Some(d) = day_of(&w) {
            if p.day.replace(d).is_some() || p.year.is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    Some(p)
}

/// The interval of two partial ends, the left taking the year (and the
/// month) it lacks from the right, the right taking a missing month from
/// the left: `March 18-24, 2013`, `18–24 March 2013`, `March to May 2013`,
/// `Nov 10 to Dec 2, 2020`. `None` when the ends are not of that shape.
fn complete(left: &str, right: &str) -> Option<Result<When, DateError>> {
    let (mut l, mut r) = (partial(left)?, partial(right)?);
    let year = r.year?;
    if l.year.is_some() && l.month.is_some() {
        // A whole left end that failed on its own: its error stands.
        return None;
    }
    l.year.get_or_insert(year);
    match (l.month, r.month) {
        (None, Some(m)) if l.day.is_some() && r.day.is_some() => l.month = Some(m),
        (Some(m), None) if r.day.is_some() => r.month = Some(m),
        (Some(_), Some(_)) => {}
        _ => return None,
    }
    let end = |p: Partial| -> Result<DateSpec, DateError> {
        let (y, m) = (p.year.unwrap_or(year), p.month.unwrap_or(1));
        match p.day {
            Some(d) => full_date(y, m, d).map(DateSpec::exact),
            None => Date::month(y, m).map(DateSpec::exact),
        }
    };
    Some((|| Ok(between(end(l)?, end(r)?)))())
}

// ---------------------------------------------------------------------
// Points
// ---------------------------------------------------------------------

/// `point`: one date, with an optional leading approximation word and a
/// trailing `?`.
fn parse_point(s: &str) -> Result<DateSpec, DateError> {
    match s.parse::<DateSpec>() {
        Ok(d) => return Ok(d),
        Err(DateError::Syntax(_)) => {}
        Err(e) => return Err(e),
    }
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
        return Err(syntax(s));
    }
    let date = match rest.parse::<DateSpec>() {
        Ok(d) => {
            return Ok(DateSpec {
                date: d.date,
                approximate: approximate || d.approximate,
                uncertain: uncertain || d.uncertain,
            });
        }
        Err(DateError::Syntax(_)) => parse_core(rest).map_err(|e| match e {
            DateError::Syntax(_) => syntax(s),
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

/// `core` beyond EDTF: the rules in order, the first whose shape the text
/// has decides.
fn parse_core(s: &str) -> Result<Date, DateError> {
    let rules: [fn(&str) -> Rule<Date>; 7] = [
        parse_datetime,
        parse_loose_iso,
        parse_numeric,
        parse_season,
        parse_quarter,
        parse_named,
        parse_year_words,
    ];
    rules
        .iter()
        .find_map(|rule| rule(s))
        .unwrap_or_else(|| Err(syntax(s)))
}

/// `datetime`: an EDTF day, then a clock time and a zone. The instant is
/// converted to UTC and its day is the date.
fn parse_datetime(s: &str) -> Rule<Date> {
    if s.len() <= 10 || !s.is_char_boundary(10) {
        return None;
    }
    let day: NaiveDate = match s[..10].parse::<Date>() {
        Ok(Date::Day(d)) => d,
        _ => return None,
    };
    let sep = s.as_bytes()[10];
    if !matches!(sep, b'T' | b't' | b' ') {
        return None;
    }
    let rest = s[11..].trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(Err(DateError::Trailing {
            text: s.to_string(),
            date: s[..10].to_string(),
            rest: rest.to_string(),
        }));
    }
    Some(clock(s, day, rest))
}

/// The clock time and zone after a date, to the UTC day.
fn clock(s: &str, day: NaiveDate, t: &str) -> Result<Date, DateError> {
    let time_err = |what: String| DateError::Time {
        text: s.to_string(),
        what,
    };
    // hh:mm[:ss[.frac]], then the zone.
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(t.len());
    let (hms, zone) = (&t[..end], t[end..].trim_start());
    let mut parts = hms.splitn(3, ':');
    let num = |p: Option<&str>, what: &str| -> Result<u32, DateError> {
        let p = p.ok_or_else(|| time_err(format!("the time `{hms}` has no {what}")))?;
        if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(time_err(format!(
                "the {what} in `{hms}` must be two digits"
            )));
        }
        p.parse().map_err(|_| syntax(s))
    };
    let hour = num(parts.next(), "hour")?;
    let minute = num(parts.next(), "minutes")?;
    let (second, frac) = match parts.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, frac) = match sec.split_once(['.', ',']) {
                Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (w, f),
                Some(_) => {
                    return Err(time_err(format!("the seconds in `{hms}` are not a number")));
                }
                None => (sec, ""),
            };
            let frac_ns: u32 = format!("{frac:0<9}")
                .get(..9)
                .and_then(|f| f.parse().ok())
                .unwrap_or(0);
            (num(Some(whole), "seconds")?, frac_ns)
        }
    };
    if hour > 23 {
        let how = if hour == 24 && minute == 0 && second == 0 {
            "; write 00:00 of the next day"
        } else {
            ""
        };
        return Err(time_err(format!("hour {hour} does not exist{how}")));
    }
    if minute > 59 {
        return Err(time_err(format!("minute {minute} does not exist")));
    }
    if second > 60 {
        return Err(time_err(format!("second {second} does not exist")));
    }
    let offset_minutes = zone_offset(zone).ok_or_else(|| {
        if zone.starts_with(['+', '-']) {
            time_err(format!("`{zone}` is not a zone offset"))
        } else {
            DateError::Trailing {
                text: s.to_string(),
                date: s[..s.len() - zone.len()].trim_end().to_string(),
                rest: zone.to_string(),
            }
        }
    })??;
    if offset_minutes.unsigned_abs() > 14 * 60 {
        return Err(time_err(format!("offset {zone} is beyond ±14:00")));
    }
    // A leap second is the last instant of its minute.
    let (second, frac) = if second == 60 {
        (59, 999_999_999)
    } else {
        (second, frac)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, frac).ok_or_else(|| syntax(s))?;
    let local = day.and_time(time);
    let utc = local - chrono::Duration::minutes(i64::from(offset_minutes));
    let ours = utc.date();
    // A second opinion on a text we rebuilt ourselves (see the module docs).
    if (1000..=9999).contains(&day.year()) {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let m = offset_minutes.unsigned_abs();
        let rfc = format!(
            "{}T{hour:02}:{minute:02}:{second:02}{sign}{:02}:{:02}",
            day.format("%Y-%m-%d"),
            m / 60,
            m % 60
        );
        if let Ok(dt) = dateparser::parse_with(&rfc, &Utc, NaiveTime::MIN) {
            debug_assert_eq!(dt.date_naive(), ours, "{rfc}");
        }
    }
    Date::day(ours.year(), ours.month(), ours.day())
}

/// A zone: `Z`, `UTC`, `GMT`, `+05:00`, `+0500`, `+05`, `-03:30`; the
/// offset in minutes east of UTC. `None` for anything else; `Some(Err)`
/// for a well-formed offset with impossible minutes.
fn zone_offset(z: &str) -> Option<Result<i32, DateError>> {
    if z.is_empty() || matches!(z, "Z" | "z" | "UTC" | "utc" | "GMT" | "gmt") {
        return Some(Ok(0));
    }
    let (sign, body) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    let digits: String = body.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || body.matches(':').count() > 1 {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (&digits[..2], "00"),
        4 => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 {
        return Some(Err(DateError::Time {
            text: z.to_string(),
            what: format!("minute {m} of the offset does not exist"),
        }));
    }
    Some(Ok(sign * (h * 60 + m)))
}

/// `loose-iso`: year first with unpadded or slashed parts: `2021-9`,
/// `2021-9-5`, `2021/09/05`, `2021/9`, `2021.09.05`.
fn parse_loose_iso(s: &str) -> Rule<Date> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    // Month first: 9/2021, 09-2021.
    if let [m, y] = parts[..] {
        if digits(m) && sep != '.' && y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
            return Some(
                Date::month(y.parse().ok()?, m.parse().ok()?).map_err(|e| match e {
                    DateError::Month { month, .. } => DateError::Month {
                        text: s.to_string(),
                        month,
                    },
                    e => e,
                }),
            );
        }
    }
    if parts[0].len() != 4 || !parts[0].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    match parts[1..] {
        [m] if digits(m) && (sep == '-' || sep == '/') && m.parse::<u32>().ok()? <= 12 => {
            Some(Date::month(y, m.parse().ok()?))
        }
        [m, d] if digits(m) && digits(d) => Some(full_date(y, m.parse().ok()?, d.parse().ok()?)),
        _ => None,
    }
}

/// `numeric`: day, month and a four-digit year. Dots are day first
/// (`22.03.2013`); with slashes or dashes the order is the one that makes
/// a date, and a text that reads both ways is refused.
fn parse_numeric(s: &str) -> Rule<Date> {
    let sep = s.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, y] = parts[..] else { return None };
    let small = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|c| c.is_ascii_digit());
    if !small(a) || !small(b) || !y.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if y.len() != 4 {
        return Some(Err(DateError::Syntax(s.to_string())));
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    if sep == '.' {
        return Some(full_date(y, b, a));
    }
    let day_first = full_date(y, b, a);
    let month_first = full_date(y, a, b);
    Some(match (day_first, month_first) {
        (Ok(x), Ok(z)) if x == z => Ok(x),
        (Ok(x), Ok(z)) => Err(DateError::Ambiguous {
            text: s.to_string(),
            day_first: x.human(),
            month_first: z.human(),
            edtf: (x.to_string(), z.to_string()),
        }),
        (Ok(x), Err(_)) | (Err(_), Ok(x)) => Ok(x),
        // Neither reading: name the user's text, not a reading of it.
        (Err(DateError::Month { month, .. }), Err(_))
        | (Err(_), Err(DateError::Month { month, .. })) => Err(DateError::Month {
            text: s.to_string(),
            month,
        }),
        (Err(e), Err(_)) => Err(e),
    })
}

/// `season`: `summer 2012`, `Summer of 2012`, `fall 2012`, `winter
/// 2012-13` (the winter from December 2012).
fn parse_season(s: &str) -> Rule<Date> {
    let w = words(s);
    let w: Vec<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "the" | "of"))
        .collect();
    let (name, y) = match w[..] {
        [name, y] => (name, y),
        _ => return None,
    };
    let season = match name {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    };
    let year = match year_of(y) {
        Some(y) => y,
        None => {
            // winter 2012-13, winter 2012/13
            let (a, b) = y.split_once(['-', '–', '/'])?;
            let a = year_of(a)?;
            let next = (a + 1).rem_euclid(100);
            let b: i32 = b.parse().ok()?;
            if season != Season::Winter || b.rem_euclid(100) != next || !(b < 100 || b == a + 1) {
                return Some(Err(syntax(s)));
            }
            a
        }
    };
    Some(Date::season(year, season))
}

/// `quarter`: `Q1 2013`, `2013 Q1`, `2013-Q1`, `Q1-2013`, `first quarter
/// of 2013`, `1st quarter 2013`.
fn parse_quarter(s: &str) -> Rule<Date> {
    let lower = s.to_lowercase().replace(['-', '/'], " ");
    let w = words(&lower);
    let w: Vec<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "the" | "of"))
        .collect();
    let q = |x: &str| -> Option<u32> {
        let n = x.strip_prefix('q')?.parse().ok()?;
        (1..=4).contains(&n).then_some(n)
    };
    let ordinal = |x: &str| -> Option<u32> {
        Some(match x {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            "fourth" | "4th" | "last" => 4,
            _ => return None,
        })
    };
    let (n, y) = match w[..] {
        [a, y] if q(a).is_some() => (q(a)?, y),
        [y, a] if q(a).is_some() => (q(a)?, y),
        [one] => {
            let (y, a) = one.split_at_checked(4)?;
            (q(a)?, y)
        }
        [o, "quarter", y] => (ordinal(o)?, y),
        _ => return None,
    };
    Some(match year_of(y) {
        Some(y) => Date::quarter(y, n),
        None => Err(syntax(s)),
    })
}

/// `named`: dates with a month name: `Nov 10, 2020`, `10 November 2020`,
/// `the 10th of November 2020`, `Tuesday, November 10th, 2020`,
/// `September 2021`, `2021 September`. A weekday may open a full date and
/// must be its weekday; a month without a year is refused.
fn parse_named(s: &str) -> Rule<Date> {
    let w = words(s);
    let mut w: Vec<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "the" | "of"))
        .collect();
    if !w.iter().any(|x| month_of(x).is_some()) {
        return None;
    }
    let weekday = w.first().and_then(|x| weekday_of(x));
    if weekday.is_some() {
        w.remove(0);
    }
    let date = match w[..] {
        [m, y] | [y, m] if month_of(m).is_some() && year_of(y).is_some() => {
            let (Some(m), Some(y)) = (month_of(m), year_of(y)) else {
                return None;
            };
            if weekday.is_some() {
                return Some(Err(syntax(s)));
            }
            return Some(Date::month(y, m));
        }
        [m, d, y] | [d, m, y] | [y, m, d]
            if month_of(m).is_some() && day_of(d).is_some() && year_of(y).is_some() =>
        {
            let (Some(m), Some(d), Some(y)) = (month_of(m), day_of(d), year_of(y)) else {
                return None;
            };
            full_date(y, m, d)
        }
        [m] | [m, _] | [_, m]
            if month_of(m).is_some() && w.iter().all(|x| year_of(x).is_none()) =>
        {
            let without = partial(&w.join(" "));
            return without.map(|_| Err(DateError::NoYear(s.to_string())));
        }
        _ => return None,
    };
    Some(date.and_then(|d| match (weekday, d) {
        (Some(wd), Date::Day(day)) if day.weekday().num_days_from_monday() != wd => {
            Err(DateError::Weekday {
                date: d.human(),
                written: WEEKDAY_NAMES[wd as usize].to_string(),
                actual: WEEKDAY_NAMES[day.weekday().num_days_from_monday() as usize].to_string(),
            })
        }
        _ => Ok(d),
    }))
}

/// Years in words: `1990s` and `the 1990s`, `20th century`, `44 BC`,
/// `AD 44`, and years of fewer than four digits (`990`).
fn parse_year_words(s: &str) -> Rule<Date> {
    let w = words(s);
    // "the" before a decade or a century only: "the 90" is no year.
    let w: Vec<&str> = match w.split_first() {
        Some((the, rest)) if the == "the" => {
            let decade = rest.len() == 1 && decade_of(&rest[0]).is_some();
            let century = rest
                .last()
                .is_some_and(|c| c == "century" || c.ends_with("-century"));
            if !decade && !century {
                return None;
            }
            rest.iter().map(String::as_str).collect()
        }
        _ => w.iter().map(String::as_str).collect(),
    };
    Some(match w[..] {
        // A year written with fewer than four digits: 990, 33.
        [y] if y.len() < 4 && !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()) => {
            Date::year(y.parse().ok()?)
        }
        // 1990s, 1990's
        [d] if decade_of(d).is_some() => Ok(Date::Decade(decade_of(d)?)),
        // 20th century, 21st-century
        [n, "century"] if ordinal_number(n).is_some_and(|n| n >= 1) => {
            let c = ordinal_number(n)? - 1;
            if c > 99 {
                Err(DateError::YearRange(i64::from(c) * 100))
            } else {
                Ok(Date::Century(c))
            }
        }
        [one] if one.ends_with("-century") => {
            let n = ordinal_number(one.strip_suffix("-century")?)?;
            if !(1..=100).contains(&n) {
                return None;
            }
            Ok(Date::Century(n - 1))
        }
        // 44 BC, 44 BCE, 44 AD, 44 CE, AD 44
        [n, era] | [era, n] if matches!(era, "bc" | "bce" | "b.c" | "ad" | "a.d" | "ce") => {
            let Ok(n) = n.parse::<i64>() else {
                return Some(Err(syntax(s)));
            };
            let bc = era.starts_with('b');
            // Only AD goes before the number (AD 44, not BC 44 or CE 44).
            let era_first = era == w[0] && !matches!(era, "ad" | "a.d");
            if n < 1 || era_first {
                return Some(Err(syntax(s)));
            }
            let y = if bc { 1 - n } else { n };
            match i32::try_from(y) {
                Ok(y) => Date::year(y),
                Err(_) => Err(DateError::YearRange(y)),
            }
        }
        _ => return None,
    })
}

/// `1990s` or `1990's` → decade 199.
fn decade_of(word: &str) -> Option<i32> {
    let d = word.strip_suffix("'s").or_else(|| word.strip_suffix('s'))?;
    (d.len() == 4 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| d[..3].parse().ok())
        .flatten()
}

/// `20th` → 20.
fn ordinal_number(word: &str) -> Option<i32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))?;
    (!digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Words of a date without commas and trailing dots, lowercase.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn month_of(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| *n == word).map(|&(_, m)| m)
}

fn weekday_of(word: &str) -> Option<u32> {
    WEEKDAYS.iter().find(|(n, _)| *n == word).map(|&(_, d)| d)
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// A day number, with an optional English ordinal suffix (`10th`).
fn day_of(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A full date, checked by `dateparser` on a text we rebuilt from the
/// fields we read (see the module docs), in UTC at midnight.
fn full_date(y: i32, m: u32, d: u32) -> Result<Date, DateError> {
    let ours = Date::day(y, m, d)?;
    if (1000..=9999).contains(&y) {
        let normal = format!("{} {d}, {y}", crate::date::MONTH_ABBR[(m - 1) as usize]);
        if let Ok(dt) = dateparser::parse_with(&normal, &Utc, NaiveTime::MIN) {
            debug_assert_eq!(Date::Day(dt.date_naive()), ours, "{normal}");
        }
    }
    Ok(ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(s: &str) -> String {
        match parse_when(s) {
            Ok(When::On(d)) => d.to_string(),
            Ok(When::Between { start, end }) => format!(
                "{}/{}",
                start.map_or("..".to_string(), |d| d.to_string()),
                end.map_or("..".to_string(), |d| d.to_string())
            ),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn typed_forms_normalise() {
        for (typed, edtf) in [
            ("Nov 10, 2020", "2020-11-10"),
            ("10 November 2020", "2020-11-10"),
            ("Tuesday, November 10th, 2020", "2020-11-10"),
            ("the 10th of November 2020", "2020-11-10"),
            ("2020-11-10T14:00Z", "2020-11-10"),
            ("2020-11-10T02:00+05:00", "2020-11-09"),
            ("2020-11-10T22:30-03:00", "2020-11-11"),
            ("2020-11-10 14:00:59.5 UTC", "2020-11-10"),
            ("September 2021", "2021-09"),
            ("Sept. 2021", "2021-09"),
            ("c. 1990", "1990~"),
            ("circa 1990", "1990~"),
            ("~1990", "1990~"),
            ("about 1990?", "1990%"),
            ("2021?", "2021?"),
            ("1990s", "199X"),
            ("the 1990s", "199X"),
            ("20th century", "19XX"),
            ("44 BC", "-0043"),
            ("AD 44", "0044"),
            ("-0043", "-0043"),
            ("990", "0990"),
            ("2021-9", "2021-09"),
            ("2021-9-5", "2021-09-05"),
            ("2021/09/05", "2021-09-05"),
            ("22.03.2013", "2013-03-22"),
            ("1.2.2013", "2013-02-01"),
            ("22/03/2013", "2013-03-22"),
            ("03/22/2013", "2013-03-22"),
            ("05/05/2020", "2020-05-05"),
            ("summer 2012", "2012-22"),
            ("Summer of 2012", "2012-22"),
            ("fall 2012", "2012-23"),
            ("winter 2012-13", "2012-24"),
            ("Q1 2013", "2013-33"),
            ("2013-Q4", "2013-36"),
            ("first quarter of 2013", "2013-33"),
            ("2012-22", "2012-22"),
        ] {
            assert_eq!(when(typed), edtf, "{typed}");
        }
    }

    #[test]
    fn intervals() {
        for (typed, edtf) in [
            ("1991/2020", "1991/2020"),
            ("1991/..", "1991/.."),
            ("../2020", "../2020"),
            ("1991–2020", "1991/2020"),
            ("1991-2020", "1991/2020"),
            ("1991 to 2020", "1991/2020"),
            ("from 1991 to 2020", "1991/2020"),
            ("between 1991 and 2020", "1991/2020"),
            ("1991 - 2020", "1991/2020"),
            ("2013-03-22 to 2013-03-24", "2013-03-22/2013-03-24"),
            ("2013-03-22 – 2013-03-24", "2013-03-22/2013-03-24"),
            ("1957-58", "1957/1958"),
            ("1999-00", "1999/2000"),
            ("2021/22", "2021/2022"),
            ("2021–22", "2021/2022"),
            ("March 18-24, 2013", "2013-03-18/2013-03-24"),
            ("18–24 March 2013", "2013-03-18/2013-03-24"),
            ("Nov 10 to Dec 2, 2020", "2020-11-10/2020-12-02"),
            ("March–May 2013", "2013-03/2013-05"),
            ("Sep 2021 to 2023", "2021-09/2023"),
            ("early 2011", "2011-01~/2011-04~"),
            ("mid-2011", "2011-05~/2011-08~"),
            ("late July 2012", "2012-07-21~/2012-07-31~"),
            ("mid-1990s", "1994~/1996~"),
            ("the early 1990s", "1990~/1993~"),
            ("late 20th century", "197X~/199X~"),
            ("early 2011 to late 2012", "2011-01~/2012-12~"),
            ("summer 2012 to spring 2013", "2012-22/2013-21"),
            ("since 1991", "1991/.."),
            ("until June 2012", "../2012-06"),
            ("from early 2011", "2011-01~/.."),
        ] {
            assert_eq!(when(typed), edtf, "{typed}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_whole() {
        for (bad, msg) in [
            ("Nov 10", "`Nov 10` has no year"),
            ("March", "`March` has no year"),
            ("tomorrow", "`tomorrow` is not a date"),
            (
                "10/11/2020",
                "`10/11/2020` is ambiguous: 10 Nov 2020 (day first) or 11 Oct 2020 (month first)",
            ),
            (
                "2020-11-10 garbage",
                "`2020-11-10 garbage` has `garbage` after the date `2020-11-10`",
            ),
            (
                "Nov 10, 2020 at noon",
                "`Nov 10, 2020 at noon` has `at noon` after the date `Nov 10, 2020`",
            ),
            (
                "2020-11-10T25:00",
                "hour 25 does not exist in `2020-11-10T25:00`",
            ),
            (
                "2020-11-10T12:61Z",
                "minute 61 does not exist in `2020-11-10T12:61Z`",
            ),
            (
                "2020-11-10T12:00+15:00",
                "offset +15:00 is beyond ±14:00 in `2020-11-10T12:00+15:00`",
            ),
            (
                "Monday, November 10, 2020",
                "10 Nov 2020 is a Tuesday, not a Monday",
            ),
            (
                "early 2012-22",
                "`early 2012-22`: early needs a month, a year, a decade or a century",
            ),
            ("Feb 30, 2021", "2021-02 has no day 30"),
            (
                "1991-20",
                "month 20 does not exist in `1991-20`; months run from 01 to 12",
            ),
            ("2013-03-22 to 2013-03-32", "2013-03 has no day 32"),
            (
                "2012-25",
                "`2012-25` uses the EDTF sub-year code 25, which timeline does not support",
            ),
        ] {
            assert_eq!(when(bad), format!("error: {msg}"), "{bad}");
        }
        let long = format!("{}1991", "-".repeat(1_000_000));
        assert_eq!(
            when(&long),
            format!("error: `{}…` is not a date", "-".repeat(40))
        );
        for bad in [
            "", "BC 44", "0 BC", "2020s1", "../..", "1991 to", "to 2020", "22.03.13", "Q5 2013",
        ] {
            assert!(parse_when(bad).is_err(), "{bad}: {}", when(bad));
        }
    }
}
