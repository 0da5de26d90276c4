//! Finding the document creation time (DCT) in the text itself: a full
//! date at the start of the first line, or a wire dateline without a year
//! (`BAKU, Nov. 2 (AP) —`) whose year is the latest written in the text.

use std::fmt;

use chrono::NaiveDate;

use super::grammar::Grammar;
use super::matcher::Matcher;
use super::spec::Spec;
use super::timex::{Point, RuleId, Value, Within, YearSpan};
use super::token::tokenize;

/// Where the document creation time came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DctSource {
    /// Given by the caller (`--dct`).
    Given,
    /// Read from the document: byte span of the date line and how.
    Document {
        /// Byte offset where the date line's date starts.
        start: usize,
        /// Byte offset where it ends.
        end: usize,
        /// How it was read.
        rule: DctRule,
    },
}

/// How a document's date was read from its text. `Display` names it as
/// `--explain` and the events' provenance do: `dct.first_line via
/// date.month_day_year`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DctRule {
    /// A full date at the start of the first line, read by this rule.
    FirstLine(RuleId),
    /// A wire dateline without a year (`BAKU, Nov. 2 (AP) —`), its day read
    /// by `rule`; the year is the latest written with a month or day in
    /// the text.
    Dateline {
        /// The rule that read the day.
        rule: RuleId,
        /// The year taken from the text.
        year: i32,
    },
}

impl fmt::Display for DctRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DctRule::FirstLine(rule) => write!(f, "dct.first_line via {rule}"),
            DctRule::Dateline { rule, year } => {
                write!(f, "dct.dateline via {rule}, year {year} from the text")
            }
        }
    }
}

/// A document creation time and its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dct {
    /// The date.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: DctSource,
}

impl Dct {
    /// Whether the date's year is not written where the date was read (a
    /// dateline without a year).
    pub fn year_inferred(&self) -> bool {
        matches!(
            self.source,
            DctSource::Document {
                rule: DctRule::Dateline { .. },
                ..
            }
        )
    }
}

/// How far into its first line a document's date may start: a date deep in
/// a first paragraph is not the document's.
const FIRST_LINE_REACH: usize = 40;

/// Reads a DCT from the first non-empty line of `text`: a full date (day,
/// month and year) starting within its first 40 bytes. A wire dateline
/// without a year (`BAKU, Nov. 2 (AP) —`) takes the year of the latest
/// month or day written with its year in the text (rule `dct.dateline`).
pub(crate) fn find_dct(g: &Grammar, m: &Matcher, text: &str) -> Option<Dct> {
    first_line_dct(g, m, text).or_else(|| dateline_dct(g, m, text))
}

/// The first non-empty line of `text`: its byte offset and its text.
fn first_line(text: &str) -> (usize, &str) {
    let offset = text.len() - text.trim_start().len();
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (offset, &text[offset..line_end])
}

fn first_line_dct(g: &Grammar, m: &Matcher, text: &str) -> Option<Dct> {
    let (offset, line) = first_line(text);
    let toks = tokenize(line, &g.vocab);
    for d in m.drafts(g, &toks) {
        if toks[d.start_tok].start > FIRST_LINE_REACH {
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
                    rule: DctRule::FirstLine(d.rule),
                },
            });
        }
    }
    None
}

/// `CITY, Month D (AGENCY) —` on the first line, the year from the text.
fn dateline_dct(g: &Grammar, m: &Matcher, text: &str) -> Option<Dct> {
    let (offset, line) = first_line(text);
    let toks = tokenize(line, &g.vocab);
    let (d, month, day) = m.drafts(g, &toks).into_iter().find_map(|d| match d.spec {
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
    let year = latest_written_year(g, m, text)?;
    let date = NaiveDate::from_ymd_opt(year, month.into(), day.into())?;
    Some(Dct {
        date,
        source: DctSource::Document {
            start: offset + toks[d.start_tok].start,
            end: offset + toks[d.end_tok - 1].end,
            rule: DctRule::Dateline { rule: d.rule, year },
        },
    })
}

/// The latest year of a month or day written with its year in `text`.
fn latest_written_year(g: &Grammar, m: &Matcher, text: &str) -> Option<i32> {
    let all = tokenize(text, &g.vocab);
    m.drafts(g, &all)
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
        .max()
}
