//! Temporal tagging: text → temporal expressions → values resolved against
//! the document creation time (DCT).
//!
//! Tagging runs in two phases, in the manner of HeidelTime but with typed
//! values instead of strings:
//!
//! 1. **Grammar.** The text is tokenized once ([`token`]); the rules in
//!    `src/tagger/rules/*.rules` (a small rule language, see [`rules`]) are
//!    matched over the tokens, longest match first, each rule indexed by its
//!    first token so ordinary words cost one lookup. A match yields an
//!    underspecified value ([`grammar::Spec`]): `March` is "a March",
//!    `two years ago` is "-2 years from the DCT".
//! 2. **Resolution** ([`resolve`]). Underspecified values are anchored to the
//!    DCT or, for `a year earlier` and `the previous day`, to the last
//!    mentioned date. The sentence's tense (`will`, `next` vs `was`, `had`)
//!    decides whether `Friday` is the previous or the next one.
//!
//! Every [`Timex`] records its rule, the word lists that fed it and how it
//! was resolved; [`explain`] prints that.
//!
//! # Data files
//!
//! Everything English lives in `src/tagger/rules/`, compiled into the binary:
//!
//! * rules: `dates.rules` (calendar dates, times, ranges and the negative
//!   `neg.*` rules), `relative.rules`, `durations.rules`, `sets.rules`,
//!   `vague.rules`; beside each an `.examples` corpus run as a test at a
//!   fixed DCT (`tests/tagger_examples.rs`);
//! * word lists: months, weekdays, numbers, ordinals, units, seasons, parts
//!   of the day, holidays, decades, modifiers, time zones, set adverbs, vague
//!   words, tense cues (`tense.words`), the context words that license a
//!   weak match (`context.words`, `year_context.words`) and the label nouns
//!   that forbid one (`labels.words`: `Resolution 1325`).
//!
//! # Resolution conventions (TimeML, as the TempEval-3 gold annotates)
//!
//! * Weekdays: the last occurrence on or before the DCT, the next on or after
//!   it when the nearest tense cue is future (`will`, `planned to`).
//! * Months, days, quarters and seasons without a year: the nearest
//!   occurrence, the distance quadrupled on the side the tense argues
//!   against (`bought it in February`, `effective June 1`).
//! * `last week` is an ISO week (`2023-W43`), `this year` a year, `the 1990s`
//!   a decade (`199`), `the 20th century` a century (`19`).
//! * `a year ago`/`a year earlier` count from the reporting period: a year
//!   before the DCT, or before the quarter just discussed (`1988-Q3`);
//!   `the previous day`, `the following year` count from the last date.
//! * Durations in TimeML units: `P44D`, `PT24H`, decades and centuries in
//!   years (`P20Y`), quarters in months (`P9M`); vague amounts with `X`.
//!
//! # What is recognised
//!
//! | kind       | examples (DCT 2023-11-02)                                          |
//! |------------|--------------------------------------------------------------------|
//! | dates      | `November 10, 2020`, `10 November 2020`, `Nov. 10`, `2020-11-10`, `11/10/2020`, `Tuesday`, `in 1991`, `the 1990s` (`199`), `mid-1990s`, `fiscal 1998`, `the third quarter`, `spring 2021`, `Christmas`, `the 20th century` |
//! | relative   | `yesterday`, `last week` (`2023-W43`), `two years ago`, `this month`, `next Tuesday`, `earlier this year`, `the previous day`, `a year earlier` |
//! | durations  | `44-day` (`P44D`), `nearly 30 years` (`P30Y`, `LESS_THAN`), `three months`, `the past three years` |
//! | sets       | `every year`, `weekly`, `daily`                                    |
//! | times      | `3 p.m. Friday`, `Friday morning`                                  |
//! | vague      | `now` (`PRESENT_REF`), `recently` (`PAST_REF`), `the future` (`FUTURE_REF`) |
//! | ranges     | `from 1991 to 2020`, `between May and July`, `1991–2020`, `2019/20`: two timexes linked by [`timex::RangeLink`] |
//!
//! False friends are rejected: `JF-17`, `F-16`, `Boeing 747`, `300
//! settlements`, `Three Brothers-2021`, `$1,991`, phone numbers. A bare year
//! or a bare `May` is latent: it is kept only after a preposition such as
//! `in`, `since`, `by`.
//!
//! ```
//! use chrono::{Datelike, NaiveDate};
//! use timeline::tagger::tag;
//! let dct = NaiveDate::from_ymd_opt(2023, 11, 2);
//! let t = tag("The war ended on November 10, 2020, and drills followed last week.", dct);
//! let values: Vec<String> = t.iter().map(|t| t.value.timeml()).collect();
//! assert_eq!(values, ["2020-11-10", "2023-W43"]);
//! ```

pub mod grammar;
pub mod resolve;
pub mod rules;
pub mod timex;
pub mod token;

pub use timex::{Timex, TimexType, Value};

use chrono::{Datelike, NaiveDate};

use grammar::{Dir, Draft, Spec, grammar};
use resolve::{Resolver, Tense};
use timex::{Derivation, Point, RangeLink, RangeRole, Within, YearSpan};
use token::{Token, tokenize};

/// Where the document creation time came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DctSource {
    /// Given by the caller (`--dct`).
    Given,
    /// Read from the document: byte span of the date line and the rule.
    Document {
        /// Byte offset where the date line's date starts.
        start: usize,
        /// Byte offset where it ends.
        end: usize,
        /// The rule that read it.
        rule: String,
    },
}

/// A document creation time and its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dct {
    /// The date.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: DctSource,
}

/// The tagger's result for one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tagged {
    /// The DCT used, if any.
    pub dct: Option<Dct>,
    /// The temporal expressions, in text order.
    pub timexes: Vec<Timex>,
    /// Warnings, e.g. "no document date: relative dates left unresolved".
    pub warnings: Vec<String>,
}

/// The warning given when no DCT is known.
pub const NO_DCT_WARNING: &str = "no document date (give --dct or start the text with a date line): relative dates left unresolved";

/// Tags a document: finds its DCT (unless `dct` is given), then its temporal
/// expressions, resolved against that DCT.
///
/// The DCT is read from the document when its first non-empty line holds a
/// full date (` date 2023-11-02 (MENAFN- AzerNews) ...`, `November 2, 2023`).
pub fn tag_document(text: &str, dct: Option<NaiveDate>) -> Tagged {
    let mut warnings = Vec::new();
    let dct = match dct {
        Some(date) => Some(Dct {
            date,
            source: DctSource::Given,
        }),
        None => find_dct(text),
    };
    match &dct {
        None => warnings.push(NO_DCT_WARNING.to_string()),
        Some(Dct {
            date,
            source: DctSource::Document { rule, .. },
        }) if rule.starts_with("dct.dateline") => warnings.push(format!(
            "document date {date} read from the dateline; its year was inferred from the text"
        )),
        Some(_) => {}
    }
    if let Err(e) = grammar() {
        warnings.push(format!("tagger rules failed to load: {e}"));
    }
    Tagged {
        timexes: tag(text, dct.as_ref().map(|d| d.date)),
        dct,
        warnings,
    }
}

/// Reads a DCT from the first non-empty line of `text`: a full date (day,
/// month and year) starting within its first 40 bytes, so that a date deep
/// in a first paragraph is not taken for the document's. A wire dateline without a year
/// (`BAKU, Nov. 2 (AP) —`) takes the year of the latest month or day written
/// with its year in the text (rule `dct.dateline`; [`tag_document`] then
/// warns that the year was inferred).
pub fn find_dct(text: &str) -> Option<Dct> {
    first_line_dct(text).or_else(|| dateline_dct(text))
}

fn first_line_dct(text: &str) -> Option<Dct> {
    let offset = text.len() - text.trim_start().len();
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[offset..line_end];
    let g = grammar().ok()?;
    let toks = tokenize(line);
    for d in g.scan(&toks) {
        if toks[d.start_tok].start > 40 {
            break;
        }
        if let Spec::Fixed(Value::Point(Point {
            year: Some(y),
            span: YearSpan::Year,
            within: Within::Day { month, day },
            ..
        })) = d.spec
        {
            let date = NaiveDate::from_ymd_opt(y, month.into(), day.into())?;
            return Some(Dct {
                date,
                source: DctSource::Document {
                    start: offset + toks[d.start_tok].start,
                    end: offset + toks[d.end_tok - 1].end,
                    rule: format!("dct.first_line via {}", d.rule),
                },
            });
        }
    }
    None
}

/// `CITY, Month D (AGENCY) —` on the first line, the year from the text.
fn dateline_dct(text: &str) -> Option<Dct> {
    let offset = text.len() - text.trim_start().len();
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let g = grammar().ok()?;
    let toks = tokenize(&text[offset..line_end]);
    let (d, month, day) = g.scan(&toks).into_iter().find_map(|d| match d.spec {
        Spec::Cyclic {
            within: Within::Day { month, day },
            weekday: None,
            ..
        } => {
            let next = toks.get(d.end_tok).map(|t| t.lower.as_str());
            let prev = d.start_tok.checked_sub(1).map(|p| toks[p].lower.as_str());
            (prev == Some(",") && matches!(next, Some("(" | "–" | "-" | "/")))
                .then_some((d, month, day))
        }
        _ => None,
    })?;
    // The latest month or day written with its year.
    let all = tokenize(text);
    let year = g
        .scan(&all)
        .iter()
        .filter_map(|x| match x.spec {
            Spec::Fixed(Value::Point(Point {
                year: Some(y),
                span: YearSpan::Year,
                within: Within::Day { .. } | Within::Month(_),
                ..
            })) => Some(y),
            _ => None,
        })
        .max()?;
    let date = NaiveDate::from_ymd_opt(year, month.into(), day.into())?;
    Some(Dct {
        date,
        source: DctSource::Document {
            start: offset + toks[d.start_tok].start,
            end: offset + toks[d.end_tok - 1].end,
            rule: format!("dct.dateline via {}, year {year} from the text", d.rule),
        },
    })
}

/// Finds the temporal expressions in `text` and resolves them against `dct`.
///
/// Without a DCT relative expressions stay unresolved (`X` in their value).
pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let Ok(g) = grammar() else {
        return Vec::new();
    };
    let toks = tokenize(text);
    let drafts = g.scan(&toks);
    let cues = Cues::new(g, &toks);
    let mut resolver = Resolver::new(dct);
    let mut out: Vec<Timex> = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let mut tense = cues.tense(d.start_tok, d.end_tok);
        // `since January`, `since the Oct. 23 slaying`: a starting point in
        // the past, whatever the sentence's tense.
        if let Spec::Cyclic { dir, .. } = &mut d.spec {
            if *dir == Dir::Tense && after_since(&toks, d.start_tok) {
                *dir = Dir::Past;
            }
        }
        // `Wednesday's ruling`: a possessive date names something that has
        // happened, whatever the sentence's tense (`would appeal
        // Wednesday's ruling`).
        if tense == Tense::Future && possessive(&toks, d.end_tok) {
            tense = Tense::None;
        }
        let mut timex = to_timex(&toks, &d, &mut resolver, tense);
        if d.week_of {
            timex.value = week_of(timex.value);
            let note = timex.derivation.resolution.take().unwrap_or_default();
            timex.derivation.resolution = Some(if note.is_empty() {
                "the ISO week of that day".to_string()
            } else {
                format!("{note}; the ISO week of that day")
            });
        }
        out.push(timex);
    }
    link_ranges(&toks, &mut out);
    out
}

/// Whether the word before token `start` (skipping `the`, `early`, `late`,
/// `shortly after`) is `since`.
fn after_since(toks: &[Token], start: usize) -> bool {
    let mut k = start;
    while k > 0 {
        k -= 1;
        match toks[k].lower.as_str() {
            "the" | "early" | "late" | "mid" | "-" | "shortly" | "after" | "just" => {}
            w => return w == "since",
        }
    }
    false
}

/// The ISO week of a day: `the week of March 6, 2000` is `2000-W10`.
fn week_of(v: Value) -> Value {
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

/// Whether the tokens at `end` are a possessive `'s`.
fn possessive(toks: &[Token], end: usize) -> bool {
    matches!(toks.get(end), Some(t) if matches!(t.lower.as_str(), "'" | "’"))
        && matches!(toks.get(end + 1), Some(t) if t.lower == "s" && !t.space_before)
}

fn to_timex(toks: &[Token], d: &Draft, resolver: &mut Resolver, tense: Tense) -> Timex {
    let (value, resolution) = resolver.resolve(d.spec, tense);
    Timex {
        start: toks[d.start_tok].start,
        end: toks[d.end_tok - 1].end,
        kind: d.kind,
        value,
        modifier: d.modifier,
        latent: d.latent,
        range: d.range.map(|role| RangeLink { partner: 0, role }),
        derivation: Derivation {
            rule: d.rule.clone(),
            children: d.children.clone(),
            resolution,
        },
    }
}

/// Tense cues (+1 future, -1 past) near each token, and sentence starts.
struct Cues {
    sentence: Vec<usize>,
    /// Per token: the nearest cue before it in its sentence (0: none).
    before: Vec<i8>,
    /// Per token: the nearest cue at or after it in its sentence (0: none).
    after: Vec<i8>,
}

impl Cues {
    fn new(g: &grammar::Grammar, toks: &[Token]) -> Cues {
        let mut cue = vec![0i8; toks.len()];
        let mut sentence = vec![0usize; toks.len()];
        let mut start = 0;
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if i > start && t.newline_before {
                start = i;
            }
            sentence[i] = start;
            // A past form after `be`/`been`/`being` is a participle: the
            // auxiliary before it carries the tense (`will be held`).
            // (Byte comparisons: no UTF-8 check per token on this hot path.)
            let participle =
                i > 0 && matches!(toks[i - 1].lower.as_bytes(), b"be" | b"been" | b"being");
            if let Some((end, c)) = g.tense_cue(toks, i) {
                // `lasted until 12 April`: the past verb decides, not `until`.
                let after_past =
                    i > 0 && cue[i - 1] < 0 && matches!(t.lower.as_bytes(), b"until" | b"till");
                cue[i] = if participle && c < 0 || after_past {
                    0
                } else {
                    c.signum() as i8
                };
                for s in sentence.iter_mut().take(end).skip(i + 1) {
                    *s = start;
                }
                i = end;
                continue;
            }
            // Regular past forms; `un-...-ed` words are adjectives
            // (`unspecified`).
            let lower = t.lower.as_bytes();
            if t.is_word()
                && lower.len() > 4
                && lower.ends_with(b"ed")
                && !lower.starts_with(b"un")
                && !participle
            {
                cue[i] = -1;
            }
            let ends = matches!(t.lower.as_bytes(), b"." | b"!" | b"?")
                && toks.get(i + 1).is_none_or(|n| n.space_before && n.upper);
            i += 1;
            if ends {
                start = i;
            }
        }
        // Nearest cues, precomputed so that a long sentence with many
        // dates is not rescanned for each of them.
        let mut before = vec![0i8; toks.len()];
        for i in 1..toks.len() {
            if sentence[i] == sentence[i - 1] {
                before[i] = if cue[i - 1] != 0 {
                    cue[i - 1]
                } else {
                    before[i - 1]
                };
            }
        }
        let mut after = cue.clone();
        for i in (0..toks.len().saturating_sub(1)).rev() {
            if after[i] == 0 && sentence[i + 1] == sentence[i] {
                after[i] = after[i + 1];
            }
        }
        Cues {
            sentence,
            before,
            after,
        }
    }

    /// The tense of tokens `start..end`: the nearest cue before them in the
    /// sentence, else the nearest after.
    fn tense(&self, start: usize, end: usize) -> Tense {
        let sent = self.sentence.get(start).copied().unwrap_or(0);
        let to_tense = |c: i8| if c > 0 { Tense::Future } else { Tense::Past };
        match self.before.get(start) {
            Some(&c) if c != 0 => return to_tense(c),
            _ => {}
        }
        match (self.sentence.get(end), self.after.get(end)) {
            (Some(&s), Some(&c)) if s == sent && c != 0 => to_tense(c),
            _ => Tense::None,
        }
    }
}

/// Links `from X to Y`, `between X and Y`, `X–Y` as ranges; fixes the
/// partner indices of ranges built by a rule.
fn link_ranges(toks: &[Token], out: &mut [Timex]) {
    let tok_at = |byte: usize| toks.partition_point(|t| t.start < byte);
    for i in 0..out.len().saturating_sub(1) {
        let (a, b) = (&out[i], &out[i + 1]);
        let linked = if a.range.map(|r| r.role) == Some(RangeRole::Start)
            && b.range.map(|r| r.role) == Some(RangeRole::End)
        {
            true
        } else if a.range.is_none()
            && b.range.is_none()
            && a.kind == TimexType::Date
            && b.kind == TimexType::Date
        {
            let (ae, bs) = (tok_at(a.end), tok_at(b.start));
            let between: Vec<&str> = toks[ae..bs].iter().map(|t| t.lower.as_str()).collect();
            let before = tok_at(a.start)
                .checked_sub(1)
                .map(|p| toks[p].lower.as_str());
            match between.as_slice() {
                ["-" | "–"] => true,
                ["to" | "until" | "till" | "through"] => {
                    matches!(before, Some("from" | "between"))
                }
                ["and"] => before == Some("between"),
                _ => false,
            }
        } else {
            false
        };
        if linked {
            out[i].range = Some(RangeLink {
                partner: i + 1,
                role: RangeRole::Start,
            });
            out[i + 1].range = Some(RangeLink {
                partner: i,
                role: RangeRole::End,
            });
        }
    }
    // One end without its own year takes the other end's: "between May and
    // July 2020", "from Dec. 12 to Jan. 3, 2024", "from March 2019 to May".
    for i in 0..out.len() {
        let Some(RangeLink {
            partner,
            role: RangeRole::Start,
        }) = out[i].range
        else {
            continue;
        };
        if partner >= out.len() {
            continue;
        }
        let (a, b) = (out[i].clone(), out[partner].clone());
        let explicit = |t: &Timex| t.derivation.resolution.is_none();
        let (Value::Point(pa), Value::Point(pb)) = (a.value, b.value) else {
            continue;
        };
        if pa.span != YearSpan::Year || pb.span != YearSpan::Year {
            continue;
        }
        if !explicit(&a) && explicit(&b) && pa.within != Within::Whole {
            if let Some(y) = pb.year {
                let mut p = Point {
                    year: Some(y),
                    ..pa
                };
                if range_key(&p) > range_key(&pb) {
                    p.year = Some(y - 1);
                }
                out[i].value = Value::Point(p);
                out[i].derivation.resolution = Some(format!("year from the range's end {pb}"));
            }
        } else if explicit(&a) && !explicit(&b) && pb.within != Within::Whole {
            if let Some(y) = pa.year {
                let mut p = Point {
                    year: Some(y),
                    ..pb
                };
                if range_key(&p) < range_key(&pa) {
                    p.year = Some(y + 1);
                }
                out[partner].value = Value::Point(p);
                out[partner].derivation.resolution =
                    Some(format!("year from the range's start {pa}"));
            }
        }
    }
    // A rule-made range whose partner was not next to it: drop the link.
    for i in 0..out.len() {
        if let Some(r) = out[i].range {
            let ok = out
                .get(r.partner)
                .and_then(|p| p.range)
                .is_some_and(|pr| pr.partner == i && pr.role != r.role);
            if !ok {
                out[i].range = None;
            }
        }
    }
}

/// A sort key (year, month, day) for comparing the ends of a range.
fn range_key(p: &Point) -> (i32, u8, u8) {
    let y = p.year.unwrap_or(0);
    match p.within {
        Within::Day { month, day } => (y, month, day),
        Within::Month(m) => (y, m, 0),
        Within::Quarter(q) => (y, 3 * q - 2, 0),
        Within::Half(h) => (y, 6 * h - 5, 0),
        Within::Season(s) => (
            y,
            match s {
                timex::Season::Spring => 3,
                timex::Season::Summer => 6,
                timex::Season::Fall => 9,
                timex::Season::Winter => 12,
            },
            0,
        ),
        _ => (y, 0, 0),
    }
}

/// A human-readable account of how `timex` was built from `text`, for
/// `timeline tag --explain`.
///
/// ```
/// use chrono::NaiveDate;
/// use timeline::tagger::{explain, tag};
/// let text = "He visited Baku last week.";
/// let t = tag(text, NaiveDate::from_ymd_opt(2023, 11, 2));
/// assert_eq!(
///     explain(text, &t[0]),
///     "\"last week\" DATE 2023-W43\n  rule: relative.last_unit\n  from: @units\n  resolved: -1 Week from DCT 2023-11-02"
/// );
/// ```
pub fn explain(text: &str, timex: &Timex) -> String {
    let mut s = format!(
        "{:?} {} {}",
        text.get(timex.start..timex.end).unwrap_or(""),
        timex.kind.as_str(),
        timex.value
    );
    if let Some(m) = timex.modifier {
        s.push_str(&format!(" mod={}", m.as_str()));
    }
    if timex.latent {
        s.push_str(" (latent: a weak match without a context word)");
    }
    s.push_str(&format!("\n  rule: {}", timex.derivation.rule));
    if !timex.derivation.children.is_empty() {
        s.push_str(&format!(
            "\n  from: {}",
            timex.derivation.children.join(", ")
        ));
    }
    if let Some(r) = &timex.derivation.resolution {
        s.push_str(&format!("\n  resolved: {r}"));
    }
    if let Some(r) = timex.range {
        s.push_str(&format!(
            "\n  range: {:?} of interval with #{}",
            r.role, r.partner
        ));
    }
    s
}
