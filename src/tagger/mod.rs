//! Temporal tagging: text → temporal expressions → values resolved against
//! the document creation time (DCT).
//!
//! A [`Tagger`] holds the compiled rules and word lists: build it once
//! ([`Tagger::bundled`], or the process-wide [`Tagger::shared`]; a rule
//! file that does not load is a [`RuleError`] naming its file and line) and
//! tag any number of documents with [`Tagger::tag_document`] (which also
//! finds the DCT) or [`Tagger::tag`]. Tagging runs in two phases, in the
//! manner of HeidelTime but with typed values instead of strings:
//!
//! 1. **Grammar.** The text is tokenized once; the rules in
//!    `src/tagger/rules/*.rules` are matched over the tokens, longest match
//!    first, each rule indexed by its first token so ordinary words cost
//!    one lookup. A match builds an underspecified value: `March` is "a
//!    March", `two years ago` is "-2 years from the DCT".
//! 2. **Resolution.** Underspecified values are anchored to the DCT or,
//!    for `a year earlier` and `the previous day`, to the reference time
//!    (the last date mentioned). The sentence's tense (`will`, `next` vs
//!    `was`, `had`) decides whether `Friday` is the previous or the next
//!    one.
//!
//! Every [`Timex`] records its rule ([`timex::RuleId`]), the word lists that
//! fed it, how it was resolved ([`timex::Resolution`]) and whether its year
//! was inferred; [`explain`] prints that.
//!
//! # Layout
//!
//! Each file depends only on those listed after it (no circle):
//!
//! | file | what it holds |
//! |------|---------------|
//! | `mod.rs` | this front door: [`Tagger`], [`Tagged`], [`tag_document`] |
//! | `jsonl.rs` | the JSON-lines reader and writer of `tag --jsonl` |
//! | `dct.rs` | finding the DCT in the text: [`Dct`], [`DctSource`], [`DctRule`] |
//! | `explain.rs` | [`explain`]: the `--explain` text of a timex |
//! | `cues.rs` | tense cues and sentence bounds; `since` and possessives |
//! | `ranges.rs` | linking `from X to Y`, `X–Y` into intervals; shared years |
//! | `resolve.rs` | the resolver: DCT, reference time, reporting period |
//! | `matcher.rs` | the matcher: first-token index, the walk, the scan loop |
//! | `filter.rs` | false friends, latent context, words of a name |
//! | `build.rs` | one builder per production: captures → underspecified values |
//! | `grammar.rs` | the compiled grammar: rules, patterns, lexicon, vocabulary |
//! | `pattern.rs` | pattern elements over word ids; one element at one token |
//! | `rules.rs` | the rule language: patterns, [`RULE_FILES`] |
//! | `production.rs` | typed productions: one variant per builder, checked keys |
//! | `lexicon.rs` | every word list from one table; the function words' roles |
//! | `error.rs` | [`RuleError`]: a rule or word file's error at its line |
//! | `spec.rs` | what grammar and resolver share: `Spec`, `Draft`, `Dir`, `Anchor` |
//! | `calendar.rs` | holidays, weekdays, month and season bounds, day shifts |
//! | `token.rs` | the tokenizer, which takes the vocabulary as an argument |
//! | `hash.rs` | the hashers of the word tables |
//! | `timex.rs` | the public value types: [`Timex`], [`Value`], provenance |
//!
//! Where new work goes: a document mode (news vs narrative) and a moving
//! reference time belong to `resolve.rs` (`Resolver::base` decides what a
//! relative expression counts from, `Resolver::cyclic` where a bare month
//! or weekday falls); new ways of writing dates are rules and word lists
//! in `rules/`, with new builders in `production.rs` and `build.rs`; a
//! faster engine replaces `matcher.rs` (its interface is `Matcher::new`
//! and `Matcher::drafts`) and keeps `pattern.rs`, `filter.rs` and
//! `build.rs`.
//!
//! # Data files
//!
//! Everything English lives in `src/tagger/rules/`, compiled into the binary:
//!
//! * rules: `dates.rules` (calendar dates, times, ranges and the negative
//!   `neg.*` rules), `relative.rules`, `durations.rules`, `sets.rules`,
//!   `vague.rules`; beside each an `.examples` corpus run as a test at a
//!   fixed DCT (`tests/tagger_examples.rs`); the rule language is described
//!   in `rules.rs`, the productions in `production.rs`;
//! * word lists (`lexicon.rs` describes the format): months, weekdays,
//!   numbers, ordinals, units, seasons, parts of the day, holidays, decades,
//!   modifiers, time zones, set adverbs, vague words, tense cues
//!   (`tense.words`), the context words that license a weak match
//!   (`context.words`, `year_context.words`), the label nouns that forbid
//!   one (`labels.words`: `Resolution 1325`), and the function words the
//!   engine's own passes look for (`function.words`: `since`, `from ... to`,
//!   `been`, `-ed`).
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
//! use chrono::NaiveDate;
//! use timeline::tagger::Tagger;
//! let tagger = Tagger::shared()?;
//! let dct = NaiveDate::from_ymd_opt(2023, 11, 2);
//! let t = tagger.tag("The war ended on November 10, 2020, and drills followed last week.", dct);
//! let values: Vec<String> = t.iter().map(|t| t.value.timeml()).collect();
//! assert_eq!(values, ["2020-11-10", "2023-W43"]);
//! # Ok::<(), timeline::tagger::RuleError>(())
//! ```

mod build;
mod calendar;
mod cues;
mod dct;
mod error;
mod explain;
mod filter;
mod grammar;
mod hash;
pub mod jsonl;
mod lexicon;
mod matcher;
mod pattern;
mod production;
mod ranges;
mod resolve;
mod rules;
mod spec;
pub mod timex;
mod token;

pub use dct::{Dct, DctRule, DctSource};
pub use error::RuleError;
pub use explain::explain;
pub use rules::{RULE_FILES, RuleFile};
pub use timex::{Timex, TimexType, Value};

use std::sync::OnceLock;

use chrono::NaiveDate;

use cues::Cues;
use grammar::Grammar;
use matcher::Matcher;
use resolve::Resolver;
use spec::Draft;
use timex::{Derivation, RangeLink, Resolution, RuleId, Tense};
use token::{Token, tokenize};

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

/// A rule of the tagger's grammar, as [`Tagger::rules`] lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo<'a> {
    /// The rule's unique name, e.g. `date.month_day_year`.
    pub name: &'a RuleId,
    /// The rule file it is written in, e.g. `dates.rules`.
    pub file: &'a str,
    /// Its 1-based line there.
    pub line: usize,
    /// A negative rule (`=> ... none`): what it matches is not a temporal
    /// expression, and nothing else may match it.
    pub negative: bool,
}

/// The temporal tagger: the compiled rules and word lists. Build it once
/// ([`Tagger::bundled`], or the process-wide [`Tagger::shared`]) and tag
/// any number of documents with it.
pub struct Tagger {
    grammar: Grammar,
    matcher: Matcher,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("rules", &self.grammar.rules.len())
            .finish_non_exhaustive()
    }
}

impl Tagger {
    /// Compiles the rules and word lists bundled in the binary
    /// (`src/tagger/rules/`). Fails with the file and line of the first
    /// error in them.
    pub fn bundled() -> Result<Tagger, RuleError> {
        let grammar = Grammar::bundled()?;
        let matcher = Matcher::new(&grammar);
        Ok(Tagger { grammar, matcher })
    }

    /// The bundled tagger, compiled on first use and shared by the whole
    /// process (every thread).
    pub fn shared() -> Result<&'static Tagger, RuleError> {
        static SHARED: OnceLock<Result<Tagger, RuleError>> = OnceLock::new();
        SHARED
            .get_or_init(Tagger::bundled)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Tags a document: finds its DCT (unless `dct` is given), then its
    /// temporal expressions, resolved against that DCT.
    ///
    /// The DCT is read from the document when its first non-empty line
    /// holds a full date (` date 2023-11-02 (MENAFN- AzerNews) ...`,
    /// `November 2, 2023`).
    pub fn tag_document(&self, text: &str, dct: Option<NaiveDate>) -> Tagged {
        let mut warnings = Vec::new();
        let dct = match dct {
            Some(date) => Some(Dct {
                date,
                source: DctSource::Given,
            }),
            None => self.find_dct(text),
        };
        match &dct {
            None => warnings.push(NO_DCT_WARNING.to_string()),
            Some(d) if d.year_inferred() => warnings.push(format!(
                "document date {} read from the dateline; its year was inferred from the text",
                d.date
            )),
            Some(_) => {}
        }
        Tagged {
            timexes: self.tag(text, dct.as_ref().map(|d| d.date)),
            dct,
            warnings,
        }
    }

    /// Reads a DCT from the first non-empty line of `text`: a full date
    /// (day, month and year) starting within its first 40 bytes, so that a
    /// date deep in a first paragraph is not taken for the document's. A
    /// wire dateline without a year (`BAKU, Nov. 2 (AP) —`) takes the year
    /// of the latest month or day written with its year in the text (rule
    /// `dct.dateline`; [`Tagger::tag_document`] then warns that the year
    /// was inferred).
    pub fn find_dct(&self, text: &str) -> Option<Dct> {
        dct::find_dct(&self.grammar, &self.matcher, text)
    }

    /// The grammar's rules, in file order.
    pub fn rules(&self) -> impl Iterator<Item = RuleInfo<'_>> {
        self.grammar.rules.iter().map(|r| RuleInfo {
            name: &r.name,
            file: &r.file,
            line: r.line,
            negative: r.production == production::Production::Reject,
        })
    }

    /// Finds the temporal expressions in `text` and resolves them against
    /// `dct`.
    ///
    /// Without a DCT relative expressions stay unresolved (`X` in their
    /// value).
    pub fn tag(&self, text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        let g = &self.grammar;
        let lex = &g.lexicon;
        let toks = tokenize(text, &g.vocab);
        let drafts = self.matcher.drafts(g, &toks);
        let cues = Cues::new(lex, &toks);
        let mut resolver = Resolver::new(dct);
        let mut out: Vec<Timex> = Vec::with_capacity(drafts.len());
        for mut d in drafts {
            let tense = cues.context(lex, &toks, &mut d);
            out.push(to_timex(&toks, &d, &mut resolver, tense));
        }
        ranges::link_ranges(lex, &toks, &mut out);
        out
    }
}

/// Tags a document with the [shared](Tagger::shared) bundled tagger; see
/// [`Tagger::tag_document`].
pub fn tag_document(text: &str, dct: Option<NaiveDate>) -> Result<Tagged, RuleError> {
    Ok(Tagger::shared()?.tag_document(text, dct))
}

/// Resolves draft `d` into a timex.
fn to_timex(toks: &[Token], d: &Draft, resolver: &mut Resolver, tense: Tense) -> Timex {
    let (mut value, mut resolution) = resolver.resolve(d.spec, tense);
    if d.week_of {
        value = calendar::iso_week_of(value);
        resolution = Resolution::WeekOf(Box::new(resolution));
    }
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
            year_inferred: d.spec.year_inferred(),
        },
    }
}
