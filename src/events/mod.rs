//! Events: dated statements turned into timeline events.
//!
//! [`extract`] reads one article and the tagger's [`Tagged`] expressions and
//! builds one [`Event`] per dated happening; [`merge`] joins the events of
//! several articles. The steps:
//!
//! 1. **Sentences.** The body is split into sentences and paragraphs that
//!    survive hard-wrapped lines, abbreviations (`Dr.`, `H.E.`, `Nov.`),
//!    curly quotes and header lines or bylines (which never yield events).
//! 2. **Dates.** Each expression becomes a candidate [`When`] at the
//!    precision the text gives (`2021-09` stays a month):
//!    * a point date → `When::On` (rule `event.date`);
//!    * two ends linked by the tagger (`from 1991 to 2020`, `between X and
//!      Y`, `X–Y`) → `When::Between` (`event.range`); two years the tagger
//!      left unlinked but the text joins (`2014–2016`) → the same
//!      (`event.range_text`);
//!    * `since X` → open end, `until Y` → open start (`event.open`);
//!    * `about`, `around`, `circa` (the tagger's modifier, or the word before
//!      the date, `words/approximate.txt`) → an approximate date (EDTF `~`);
//!    * a duration with a happening (`the 44-day war`) and an anchor that
//!      ends or starts the same kind of happening (`The war concluded ... on
//!      November 10, 2020`), in the same paragraph or naming the same noun →
//!      an *inferred* interval (`event.duration_anchor`);
//!    * an undated happening that is ongoing (`The ongoing visit ...`) or in
//!      the present tense in the lead paragraph → the document date,
//!      *inferred* (`event.ongoing`).
//!
//!    Vague references (`in the past`, `recently`), latent matches (a bare
//!    number; but a bare four-digit year after `since`, `in`, `around` ...
//!    from `words/year_context.txt` is kept), numbers inside names
//!    (`JF-17`, `Brothers-2021`), durations without an anchor and unresolved
//!    relative dates are dropped, with the reason recorded in
//!    [`Extraction::explanation`]. The header and byline never yield events.
//! 3. **Titles.** A short extractive headline from the clause that holds
//!    the date (see `title.rs`).
//! 4. **Merge.** Statements with the same date about the same kind of
//!    happening become one event with all their sources; ids are
//!    `e-<date>-<slug>`, unique. An event whose title names a kind of
//!    happening (`words/happenings.txt`) is tagged with it (`visit`,
//!    `conflict`, `drill`, ...), so charts colour events by kind.
//!
//! Word lists live in `src/events/words/*.txt`.
//!
//! ```
//! use timeline::events::{extract, Article};
//! use timeline::tagger::Tagged;
//! // Without expressions there are no events.
//! let x = extract(Article { name: "a.txt", text: "Nothing happened." }, &Tagged::default());
//! assert!(x.events.is_empty());
//! ```

mod lexicon;
mod merge;
mod text;
mod title;

pub use merge::event_id;

use crate::date::{Date, DateSpec};
use crate::tagger::timex::{Modifier, RangeRole, Unit};
use crate::tagger::{Dct, DctSource, Tagged, Timex, TimexType, Value};
use crate::timeline::{Event, Source, When};
use lexicon::Lexicon;
use text::{Sentence, Tok};

/// One input article.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    /// The name recorded in each event's source (usually the file name).
    pub name: &'a str,
    /// The article's text.
    pub text: &'a str,
}

/// The events of one article, and an account of how they were found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    /// Events in date order.
    pub events: Vec<Event>,
    /// For `--explain`: per sentence, the expressions, rules, and why
    /// candidates were dropped.
    pub explanation: Vec<String>,
}

/// How an anchor sentence relates to its happening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnchorKind {
    /// "The war concluded ..."
    End,
    /// "The war began ..."
    Start,
}

/// A dated statement that can anchor a duration.
#[derive(Debug, Clone)]
struct Anchor {
    kind: AnchorKind,
    /// The happening word before the verb, lowercased ("war").
    noun: String,
    /// Its class ("conflict").
    class: String,
}

/// A candidate event from one sentence.
#[derive(Debug, Clone)]
struct Candidate {
    when: When,
    inferred: bool,
    confidence: f64,
    sentence: usize,
    title: String,
    rules: Vec<String>,
    anchor: Option<Anchor>,
}

/// A dropped expression and why.
struct Drop {
    start: usize,
    reason: String,
}

struct Ctx<'a> {
    text: &'a str,
    pos: text::Positions<'a>,
    sentences: Vec<Sentence>,
    toks: Vec<Vec<Tok<'a>>>,
    /// Per sentence: the expression lines for `--explain`.
    expressions: Vec<Vec<String>>,
    drops: Vec<Drop>,
}

impl Ctx<'_> {
    fn snippet(&self, t: &Timex) -> &str {
        self.text.get(t.start..t.end).unwrap_or("")
    }

    fn drop(&mut self, t: &Timex, reason: impl Into<String>) {
        let reason = format!(
            "dropped {:?} ({}) at line {}: {}",
            self.snippet(t),
            t.value,
            self.pos.line(t.start),
            reason.into()
        );
        self.drops.push(Drop {
            start: t.start,
            reason,
        });
    }
}

fn spec(date: Date, modifier: Option<Modifier>) -> DateSpec {
    DateSpec {
        date,
        approximate: modifier.is_some_and(Modifier::is_approximate),
        uncertain: false,
    }
}

fn base_confidence(d: &Date) -> f64 {
    match d.precision() {
        crate::date::Precision::Day => 0.9,
        crate::date::Precision::Month => 0.85,
        crate::date::Precision::Year => 0.75,
        _ => 0.6,
    }
}

/// Whether a year-valued expression is really a number: part of a model
/// name (`JF-17`) or a count (`300 settlements`).
fn is_number_not_date(text: &str, t: &Timex) -> bool {
    let s = text.get(t.start..t.end).unwrap_or("");
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let before = text.get(..t.start).and_then(|b| b.chars().last());
    let after = text.get(t.end..).and_then(|a| a.chars().next());
    before.is_some_and(|c| c == '-' || c.is_alphanumeric())
        || after.is_some_and(|c| c == '-' || c.is_alphanumeric())
}

/// The date phrases (points and vague references, not durations) of a
/// sentence, which titles leave out.
fn date_phrases(
    text: &str,
    s: &Sentence,
    toks: &[Tok<'_>],
    timexes: &[Timex],
    lex: &Lexicon,
) -> Vec<title::DatePhrase> {
    let first = timexes.partition_point(|t| t.start < s.start);
    timexes[first..]
        .iter()
        .take_while(|t| t.start < s.end)
        .filter(|t| !matches!(t.value, Value::Duration(_)) && t.end <= s.end)
        .filter(|t| {
            let year_in_context =
                is_bare_year(text, t) && lex.year_context.contains(&word_before(text, t.start));
            (!t.latent || t.range.is_some() || year_in_context) && !is_number_not_date(text, t)
        })
        .filter_map(|t| title::date_phrase(toks, (t.start, t.end), lex))
        .collect()
}

/// `when` with its (first) date marked approximate.
fn approximate_start(when: When) -> When {
    let approx = |d: DateSpec| DateSpec {
        approximate: true,
        ..d
    };
    match when {
        When::On(d) => When::On(approx(d)),
        When::Between { start, end } => When::Between {
            start: start.map(approx),
            end,
        },
    }
}

/// The lowercase word right before byte `at`, if any.
fn word_before(text: &str, at: usize) -> String {
    // A word is short: look at most 64 bytes back (on a char boundary).
    let mut from = at.saturating_sub(64);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let head = text.get(from..at).unwrap_or("").trim_end();
    let start = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    head[start..].to_lowercase()
}

/// Whether `t` is a bare four-digit year.
fn is_bare_year(text: &str, t: &Timex) -> bool {
    let s = text.get(t.start..t.end).unwrap_or("");
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A year written right after `t` and joined to it (`2014–2016`, `1991 to
/// 2020`): its value and end byte.
fn text_range_end(text: &str, t: &Timex, lex: &Lexicon) -> Option<(i32, usize)> {
    let rest = text.get(t.end..)?;
    let trimmed = rest.trim_start();
    // Joiners are a few characters long: compare against a short lowercase
    // prefix, never the whole rest of the article.
    let head: String = trimmed.chars().take(24).collect::<String>().to_lowercase();
    let joiner = lex
        .range_joiners
        .iter()
        .filter(|j| {
            head.starts_with(j.as_str())
                && (!j.chars().all(char::is_alphabetic)
                    || trimmed[j.len()..].starts_with(char::is_whitespace))
        })
        .max_by_key(|j| j.len())?;
    let after = trimmed[joiner.len()..].trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let next = after[digits.len()..].chars().next();
    if digits.len() != 4 || next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let end = t.end + (rest.len() - after.len()) + 4;
    Some((digits.parse().ok()?, end))
}

/// Finds the anchor verb of a sentence, with the happening noun before it.
fn find_anchor(toks: &[Tok<'_>], lex: &Lexicon) -> Option<Anchor> {
    for (i, t) in toks.iter().enumerate() {
        let lower = t.lower();
        let kind = if lex.end_verbs.contains(&lower) {
            AnchorKind::End
        } else if lex.start_verbs.contains(&lower) {
            AnchorKind::Start
        } else {
            continue;
        };
        let noun = toks[..i]
            .iter()
            .rev()
            .take(6)
            .find(|t| lex.happening_noun_class(t.text).is_some())?;
        let class = lex.happening_noun_class(noun.text)?.to_string();
        return Some(Anchor {
            kind,
            noun: noun.lower(),
            class,
        });
    }
    None
}

fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    w.strip_suffix('s').map_or(w.clone(), str::to_string)
}

/// Shifts a date by a duration: `sign` -1 to go back, +1 forward.
fn shift(anchor: &Date, amount: u32, unit: Unit, sign: i32) -> Option<Date> {
    use chrono::{Datelike, Days, Months};
    let day = if sign < 0 {
        anchor.last_day()
    } else {
        anchor.first_day()
    };
    let shifted = match unit {
        Unit::Day | Unit::Week => {
            let n = u64::from(amount) * if unit == Unit::Week { 7 } else { 1 };
            if sign < 0 {
                day.checked_sub_days(Days::new(n))?
            } else {
                day.checked_add_days(Days::new(n))?
            }
        }
        Unit::Month | Unit::Quarter | Unit::Year => {
            let per = match unit {
                Unit::Year => 12,
                Unit::Quarter => 3,
                _ => 1,
            };
            let n = amount.checked_mul(per)?;
            if sign < 0 {
                day.checked_sub_months(Months::new(n))?
            } else {
                day.checked_add_months(Months::new(n))?
            }
        }
        _ => return None,
    };
    Some(match anchor.precision() {
        crate::date::Precision::Day => Date::Day(shifted),
        crate::date::Precision::Month => Date::month(shifted.year(), shifted.month()).ok()?,
        _ => Date::year(shifted.year()).ok()?,
    })
}

/// Builds the events of `article` from its tagged expressions.
pub fn extract(article: Article<'_>, tagged: &Tagged) -> Extraction {
    let lex = Lexicon::get();
    let text = article.text;
    let dct_span = tagged.dct.as_ref().and_then(|d| match &d.source {
        DctSource::Document { start, end, .. } => Some((*start, *end)),
        DctSource::Given => None,
    });
    let seg = text::segment(text, lex, dct_span);
    let toks: Vec<Vec<Tok<'_>>> = seg
        .sentences
        .iter()
        .map(|s| text::tokens(text, s.start, s.end, lex))
        .collect();
    let n = seg.sentences.len();
    let mut cx = Ctx {
        text,
        pos: text::Positions::new(text),
        sentences: seg.sentences,
        toks,
        expressions: vec![Vec::new(); n],
        drops: Vec::new(),
    };
    let Dated {
        mut cands,
        durations,
        dated_sentence,
    } = dated_candidates(&mut cx, &tagged.timexes, seg.body_start);
    anchored_durations(&mut cx, &tagged.timexes, durations, &mut cands);
    if let Some(dct) = &tagged.dct {
        ongoing_candidates(&cx, dct, &dated_sentence, &mut cands);
    }
    let events: Vec<Event> = cands
        .iter()
        .map(|c| {
            let s = &cx.sentences[c.sentence];
            Event {
                id: String::new(),
                when: c.when,
                title: c.title.clone(),
                tags: merge::title_class(&c.title).into_iter().collect(),
                inferred: c.inferred,
                confidence: Some((c.confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0),
                sources: vec![Source {
                    file: article.name.to_string(),
                    line: s.line,
                    span: (cx.pos.char_offset(s.start), cx.pos.char_offset(s.end)),
                    quote: s.quote(text),
                    rules: c.rules.clone(),
                }],
            }
        })
        .collect();
    let before = events.len();
    let events = merge(events);
    let explanation = explain(cx, &cands, &events, before);
    Extraction {
        events,
        explanation,
    }
}

/// What the dated expressions give: candidates, the durations left for
/// anchoring (timex index, sentence), and which sentences hold a date.
struct Dated {
    cands: Vec<Candidate>,
    durations: Vec<(usize, usize)>,
    dated_sentence: Vec<bool>,
}

/// Rules `event.date`, `event.range`, `event.range_text`, `event.open`: one
/// candidate per dated expression.
fn dated_candidates(cx: &mut Ctx<'_>, timexes: &[Timex], body_start: usize) -> Dated {
    let lex = Lexicon::get();
    let text = cx.text;
    let n = cx.sentences.len();
    let mut cands: Vec<Candidate> = Vec::new();
    let mut durations: Vec<(usize, usize)> = Vec::new(); // (timex index, sentence)
    let mut dated_sentence = vec![false; n];
    let mut consumed: Vec<(usize, usize)> = Vec::new();

    for (ti, t) in timexes.iter().enumerate() {
        let si = cx.sentences.partition_point(|s| s.start <= t.start);
        let Some(si) = si.checked_sub(1).filter(|&i| t.start < cx.sentences[i].end) else {
            let why = if t.start < body_start {
                "in the header, not an event sentence"
            } else {
                "outside any sentence"
            };
            cx.drop(t, why);
            continue;
        };
        let expr = format!("{:?} = {} <- {}", cx.snippet(t), t.value, t.derivation.rule);
        cx.expressions[si].push(expr);
        if consumed.iter().any(|&(a, b)| t.start >= a && t.start < b) {
            continue; // the end of an interval read from the text
        }
        if let Some(link) = t.range {
            if link.role == RangeRole::End
                && timexes.get(link.partner).is_some_and(|p| p.range.is_some())
            {
                continue; // handled with its start
            }
        }
        // A linked interval ("from 1991 to 2020") is context enough for
        // ends the tagger found weak on their own.
        let linked = t
            .range
            .is_some_and(|l| timexes.get(l.partner).is_some_and(|p| p.range.is_some()));
        // So is a bare year after a date word ("since 1994", "in 1991").
        let year_in_context = t.latent
            && is_bare_year(text, t)
            && lex.year_context.contains(&word_before(text, t.start));
        if t.latent && !linked && !year_in_context {
            cx.drop(t, "latent (a weak match such as a bare number or month)");
            continue;
        }
        if t.kind == TimexType::Set {
            cx.drop(t, "a recurrence, not a happening");
            continue;
        }
        match t.value {
            Value::Ref(_) => {
                cx.drop(t, "vague reference, not anchored to a date");
                continue;
            }
            Value::Relative { .. } => {
                cx.drop(t, "relative date left unresolved (no document date)");
                continue;
            }
            Value::Recurring { .. } => {
                cx.drop(t, "a recurrence, not a happening");
                continue;
            }
            Value::Duration(_) => {
                durations.push((ti, si));
                continue;
            }
            Value::Point(_) => {}
        }
        let Some((d0, d1)) = t.value.as_range() else {
            cx.drop(t, "underspecified date");
            continue;
        };
        if d0.precision() == crate::date::Precision::Year && is_number_not_date(text, t) {
            cx.drop(t, "a number, not a date");
            continue;
        }
        let toks = &cx.toks[si];
        let mut rules = vec![t.derivation.rule.to_string()];
        let text_range = text_range_end(text, t, lex);
        // Interval ends linked by the tagger.
        let partner = t
            .range
            .filter(|l| l.role == RangeRole::Start)
            .and_then(|l| timexes.get(l.partner));
        let (when, span, event_rule, mut conf) = if let Some(p) = partner {
            let Some((_, e1)) = p.value.as_range() else {
                cx.drop(t, "interval end is underspecified");
                continue;
            };
            if p.derivation.rule != t.derivation.rule {
                rules.push(p.derivation.rule.to_string());
            }
            let when = When::Between {
                start: Some(spec(d0, t.modifier)),
                end: Some(spec(e1, p.modifier)),
            };
            let conf = if t.latent || p.latent { 0.75 } else { 0.85 };
            (when, (t.start, p.end.max(t.end)), "event.range", conf)
        } else if let Some((y1, end)) = text_range
            .filter(|_| t.range.is_none() && d0.precision() == crate::date::Precision::Year)
            .filter(|&(y1, _)| y1 > d0.start_year() && y1 - d0.start_year() <= 200)
        {
            // "2014–2016", "from 1991 to 2020" that the tagger left unlinked.
            let Ok(e1) = Date::year(y1) else { continue };
            consumed.push((t.end, end));
            let when = When::Between {
                start: Some(spec(d0, t.modifier)),
                end: Some(DateSpec::exact(e1)),
            };
            (when, (t.start, end), "event.range_text", 0.75)
        } else {
            let first = toks.iter().position(|k| k.end > t.start);
            let prev = first
                .and_then(|i| i.checked_sub(1))
                .map(|i| toks[i].lower())
                .unwrap_or_default();
            let since = lex.since_words.contains(&prev) || t.modifier == Some(Modifier::After);
            let until = lex.until_words.contains(&prev) || t.modifier == Some(Modifier::Before);
            if since {
                let when = When::Between {
                    start: Some(spec(d0, t.modifier)),
                    end: None,
                };
                (
                    when,
                    (t.start, t.end),
                    "event.open",
                    base_confidence(&d0) - 0.1,
                )
            } else if until {
                let when = When::Between {
                    start: None,
                    end: Some(spec(d1, t.modifier)),
                };
                (
                    when,
                    (t.start, t.end),
                    "event.open",
                    base_confidence(&d1) - 0.1,
                )
            } else if d0 == d1 {
                (
                    When::On(spec(d0, t.modifier)),
                    (t.start, t.end),
                    "event.date",
                    base_confidence(&d0),
                )
            } else {
                let when = When::Between {
                    start: Some(spec(d0, t.modifier)),
                    end: Some(spec(d1, t.modifier)),
                };
                (
                    when,
                    (t.start, t.end),
                    "event.date",
                    base_confidence(&d0) - 0.05,
                )
            }
        };
        let mut when = when;
        if lex.approximate.contains(&word_before(text, t.start)) {
            when = approximate_start(when);
        }
        let approximate = match when {
            When::On(d) | When::Between { start: Some(d), .. } => d.approximate,
            When::Between { start: None, .. } => false,
        };
        if approximate {
            conf -= 0.1;
        }
        if t.latent && !linked {
            conf -= 0.1;
        }
        let Some(phrase) = title::date_phrase(toks, span, lex) else {
            cx.drop(t, "no words around the date");
            continue;
        };
        // Every date of the sentence leaves the title, not only this one.
        let mut remove = date_phrases(text, &cx.sentences[si], toks, timexes, lex);
        remove.push(phrase);
        let Some(title) = title::clause_title(toks, &remove, phrase) else {
            cx.drop(t, "no happening in its clause");
            continue;
        };
        rules.push(event_rule.to_string());
        dated_sentence[si] = true;
        // One event per date per sentence.
        if let Some(c) = cands
            .iter_mut()
            .rev()
            .take_while(|c| c.sentence == si)
            .find(|c| c.when == when)
        {
            for r in rules {
                if !c.rules.contains(&r) {
                    c.rules.push(r);
                }
            }
            cx.drop(t, "same date as another expression of the sentence");
            continue;
        }
        let anchor = find_anchor(toks, lex);
        cands.push(Candidate {
            when,
            inferred: false,
            confidence: conf,
            sentence: si,
            title,
            rules,
            anchor,
        });
    }

    Dated {
        cands,
        durations,
        dated_sentence,
    }
}

/// Rule `event.duration_anchor`: a duration with a happening ("the 44-day
/// war") and a dated end or start of the same kind of happening becomes an
/// inferred interval.
fn anchored_durations(
    cx: &mut Ctx<'_>,
    timexes: &[Timex],
    durations: Vec<(usize, usize)>,
    cands: &mut Vec<Candidate>,
) {
    let lex = Lexicon::get();
    let text = cx.text;
    for (ti, si) in durations {
        let t = &timexes[ti];
        let Value::Duration(dur) = t.value else {
            continue;
        };
        let toks = &cx.toks[si];
        let Some(amount) = dur.amount else {
            cx.drop(t, "vague duration");
            continue;
        };
        let Some(phrase) = title::date_phrase(toks, (t.start, t.end), lex) else {
            continue;
        };
        // The happening: the noun phrase after an attributive duration
        // ("the 44-day war"), else the nearest happening word before it.
        let attributive = title::duration_title(toks, phrase);
        let (title, head) = match attributive.clone() {
            Some((title, head)) if lex.happening_noun_class(&head).is_some() => (Some(title), head),
            Some((_, head)) if toks.get(phrase.end).is_some_and(|k| k.lower() == "of") => {
                cx.drop(t, format!("duration of {head:?}, not a happening"));
                continue;
            }
            _ => {
                let predicate = toks[phrase.start].lower() == "for"
                    || phrase.start > 0
                        && lex.lasted_words.contains(&toks[phrase.start - 1].lower());
                let head = toks[..phrase.start]
                    .iter()
                    .filter(|_| predicate)
                    .rev()
                    .find(|k| lex.happening_noun_class(k.text).is_some())
                    .map(Tok::lower);
                // The dates of the sentence leave the title.
                let others = date_phrases(text, &cx.sentences[si], toks, timexes, lex);
                match head {
                    Some(h) => (title::clause_title(toks, &others, phrase), h),
                    None => {
                        let why = match attributive {
                            Some((_, h)) => format!("duration of {h:?}, not a happening"),
                            None => "duration without a happening".to_string(),
                        };
                        cx.drop(t, why);
                        continue;
                    }
                }
            }
        };
        let Some(title) = title else {
            cx.drop(t, "duration without a happening");
            continue;
        };
        let class = lex
            .happening_noun_class(&head)
            .unwrap_or_default()
            .to_string();
        let para = cx.sentences[si].paragraph;
        let anchor = cands
            .iter()
            .filter(|c| matches!(c.when, When::On(_)))
            .filter_map(|c| c.anchor.as_ref().map(|a| (c, a)))
            .filter(|(c, a)| {
                a.class == class
                    && (cx.sentences[c.sentence].paragraph == para
                        || lemma(&a.noun) == lemma(&head))
            })
            .min_by_key(|(c, _)| (c.sentence.abs_diff(si), c.sentence));
        let Some((ac, a)) = anchor else {
            cx.drop(
                t,
                format!("duration of {head:?} without a dated end or start of the same happening"),
            );
            continue;
        };
        let When::On(ad) = ac.when else { continue };
        let (sign, kind) = match a.kind {
            AnchorKind::End => (-1, a.kind),
            AnchorKind::Start => (1, a.kind),
        };
        let Some(other) = shift(&ad.date, amount, dur.unit, sign) else {
            cx.drop(t, "duration unit too small for the anchor's date");
            continue;
        };
        let approx = t.modifier.is_some_and(Modifier::is_approximate);
        let other = DateSpec {
            date: other,
            approximate: approx || ad.approximate,
            uncertain: false,
        };
        let when = match kind {
            AnchorKind::End => When::Between {
                start: Some(other),
                end: Some(ad),
            },
            AnchorKind::Start => When::Between {
                start: Some(ad),
                end: Some(other),
            },
        };
        let same_noun = lemma(&a.noun) == lemma(&head);
        // An anchor in the same sentence is the interval's own end: absorb it.
        let absorbed = (ac.sentence == si).then_some(ac.when);
        let mut rules = vec![t.derivation.rule.to_string()];
        rules.extend(
            ac.rules
                .iter()
                .filter(|r| !r.starts_with("event."))
                .cloned(),
        );
        rules.push("event.duration_anchor".to_string());
        if let Some(aw) = absorbed {
            cands.retain(|c| !(c.sentence == si && c.when == aw));
        }
        cands.push(Candidate {
            when,
            inferred: true,
            confidence: if same_noun { 0.65 } else { 0.6 },
            sentence: si,
            title,
            rules,
            anchor: None,
        });
    }
}

/// Rule `event.ongoing`: an undated happening that is ongoing ("the
/// ongoing visit") or in the present tense in the lead paragraph is dated
/// by the document date.
fn ongoing_candidates(
    cx: &Ctx<'_>,
    dct: &Dct,
    dated_sentence: &[bool],
    cands: &mut Vec<Candidate>,
) {
    let lex = Lexicon::get();
    let dct_rule = match &dct.source {
        DctSource::Document { rule, .. } => rule.to_string(),
        DctSource::Given => "dct.given".to_string(),
    };
    let lead = cx.sentences.first().map_or(0, |s| s.paragraph);
    for (si, &dated) in dated_sentence.iter().enumerate() {
        if dated {
            continue;
        }
        let toks = &cx.toks[si];
        let found = toks.iter().enumerate().find(|(i, k)| {
            let Some(class) = lex.happening_noun_class(k.text) else {
                return false;
            };
            if !lex.present_classes.iter().any(|c| c == class) || k.is_capitalized() && *i > 0 {
                return false;
            }
            let marked = toks[i.saturating_sub(2)..*i]
                .iter()
                .any(|p| lex.present_markers.contains(&p.lower()));
            // "is aimed", "has great significance"; not "have been cut
            // off" or "is not".
            let clause: Vec<&Tok<'_>> = toks[i + 1..]
                .iter()
                .take_while(|p| p.is_word() || p.text == "'")
                .take(8)
                .collect();
            let present = cx.sentences[si].paragraph == lead
                && clause.iter().enumerate().any(|(j, p)| {
                    lex.present_verbs.contains(&p.lower())
                        && !clause
                            .get(j + 1)
                            .is_some_and(|n| lex.present_blockers.contains(&n.lower()))
                });
            marked || present
        });
        let Some((ni, _)) = found else { continue };
        let Some(title) = title::happening_title(toks, ni) else {
            continue;
        };
        cands.push(Candidate {
            when: When::On(DateSpec::exact(Date::Day(dct.date))),
            inferred: true,
            confidence: 0.6,
            sentence: si,
            title,
            rules: vec![dct_rule.clone(), "event.ongoing".to_string()],
            anchor: None,
        });
    }
}

/// The `--explain` account: each event with its sentences, expressions and
/// rules, then every dropped expression with its reason.
fn explain(mut cx: Ctx<'_>, cands: &[Candidate], events: &[Event], before: usize) -> Vec<String> {
    let by_char_start: std::collections::BTreeMap<usize, usize> = cands
        .iter()
        .map(|c| {
            (
                cx.pos.char_offset(cx.sentences[c.sentence].start),
                c.sentence,
            )
        })
        .collect();
    let mut explanation = Vec::new();
    for e in events {
        let when = match e.when {
            When::On(d) => d.to_string(),
            When::Between { start, end } => format!(
                "{}/{}",
                start.map_or("..".to_string(), |d| d.to_string()),
                end.map_or("..".to_string(), |d| d.to_string())
            ),
        };
        explanation.push(format!(
            "event {} [{}{}] {:?} (confidence {})",
            e.id,
            when,
            if e.inferred { ", inferred" } else { "" },
            e.title,
            e.confidence.map_or("-".to_string(), |c| format!("{c:.2}"))
        ));
        for s in &e.sources {
            explanation.push(format!("  line {}: {:?}", s.line, s.quote));
            if let Some(&si) = by_char_start.get(&s.span.0) {
                for x in &cx.expressions[si] {
                    explanation.push(format!("    expression {x}"));
                }
            }
            explanation.push(format!("    rules {}", s.rules.join(", ")));
        }
    }
    if before > events.len() {
        explanation.push(format!(
            "merged {} duplicate statement(s) into existing events",
            before - events.len()
        ));
    }
    cx.drops.sort_by_key(|d| d.start);
    explanation.extend(cx.drops.into_iter().map(|d| d.reason));
    explanation
}

/// Merges events from several articles: statements about the same happening
/// become one event with all their sources; the result is sorted by date.
///
/// Two events are the same happening when they have the same [`When`] and
/// the same kind of happening in their title (the first word of their title
/// found in `words/happenings.txt`, e.g. `visit`, `drills`; titles without
/// one must have the same content words). The merged event keeps the best
/// title (most confident, then 3–12 words, then shortest), all sources and
/// tags, the highest confidence, and is `inferred` only if all its
/// statements were. `merge` is associative and commutative; ids are
/// reassigned: `e-<date>-<slug>`, unique.
pub fn merge(events: Vec<Event>) -> Vec<Event> {
    merge::merge(events)
}
