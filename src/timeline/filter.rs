//! Choosing what to show: the events of a timeline within a date range,
//! with some tags, above an importance, at most so many.
//!
//! [`Filter`] is the one home of these choices; `render`, `build` (for its
//! charts) and `table` take the same flags (`--from`, `--to`, `--tag`,
//! `--min-importance`, `--max-events`) and all call [`Filter::apply`].
//!
//! ```
//! use timeline::timeline::{Filter, from_yaml};
//! let t = from_yaml(
//!     "version: 1\nevents:\n  - {id: a, when: \"2013-03-18\", title: A, tags: [flood]}\n  - {id: b, when: \"1987-04\", title: B}\n",
//!     "t.yaml",
//! )
//! .unwrap();
//! let f = Filter { from: Some("2013".parse().unwrap()), ..Filter::default() };
//! let kept = f.apply(&t);
//! assert_eq!(kept.timeline.events.len(), 1);
//! assert_eq!(kept.left_out, 1);
//! ```

use std::cmp::Reverse;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Event, Timeline};
use crate::date::DateSpec;

/// How important an event is, 0–1: what is dropped first when not all
/// events fit, and what `--min-importance` compares with. An event without
/// a confidence was written by a person and counts as certain.
///
/// This is the event's confidence until events carry an importance of
/// their own; it is the only place that decides.
pub fn importance(e: &Event) -> f64 {
    e.confidence.unwrap_or(1.0).clamp(0.0, 1.0)
}

/// The user's choice of events. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Keep events that reach this date or later (an interval that ends
    /// on or after its first day).
    pub from: Option<DateSpec>,
    /// Keep events that start by this date (on or before its last day).
    pub to: Option<DateSpec>,
    /// Keep at most this many events, the most important ones.
    pub max_events: Option<usize>,
    /// Keep events at least this important (see [`importance`]).
    pub min_importance: Option<f64>,
    /// Keep events with any of these tags (all events when empty).
    pub tags: Vec<String>,
}

/// What [`Filter::apply`] kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Filtered {
    /// The timeline with the events kept, in the file's order.
    pub timeline: Timeline,
    /// How many events were left out.
    pub left_out: usize,
    /// The first and last day asked for (`--from`, `--to`), if any: a
    /// chart shows no time outside them.
    pub window: (Option<NaiveDate>, Option<NaiveDate>),
}

/// Why a filter cannot be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    /// `--from` is after `--to`.
    #[error("--from {from} is after --to {to}: nothing could be shown")]
    Reversed {
        /// The `--from` date.
        from: DateSpec,
        /// The `--to` date.
        to: DateSpec,
    },
    /// An importance outside 0–1.
    #[error("--min-importance must be between 0 and 1, found {0}")]
    Importance(f64),
}

impl Filter {
    /// True when the filter keeps every event.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Checks that the choices make sense together.
    pub fn check(&self) -> Result<(), FilterError> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from.date.first_day() > to.date.last_day() {
                return Err(FilterError::Reversed { from, to });
            }
        }
        match self.min_importance {
            Some(x) if !(0.0..=1.0).contains(&x) => Err(FilterError::Importance(x)),
            _ => Ok(()),
        }
    }

    /// The first and last day asked for.
    pub fn window(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (
            self.from.map(|d| d.date.first_day()),
            self.to.map(|d| d.date.last_day()),
        )
    }

    /// True if `e` passes the date, tag and importance tests (everything
    /// but `max_events`).
    pub fn keeps(&self, e: &Event) -> bool {
        let (from, to) = self.window();
        let first = e.when.first_day();
        let last = e.when.last_day();
        if first.is_none() && last.is_none() {
            return from.is_none() && to.is_none();
        }
        // An open start reaches back past any `--from`; an open end on
        // past any `--to`.
        let reaches_from = from.is_none_or(|f| last.is_none_or(|l| l >= f));
        let starts_by_to = to.is_none_or(|t| first.is_none_or(|s| s <= t));
        reaches_from
            && starts_by_to
            && (self.tags.is_empty() || e.tags.iter().any(|t| self.tags.contains(t)))
            && self.min_importance.is_none_or(|x| importance(e) >= x)
    }

    /// The events of `t` this filter keeps, in the file's order; the rest
    /// of `t` (title, colours, deletions) unchanged.
    pub fn apply(&self, t: &Timeline) -> Filtered {
        let mut keep: Vec<&Event> = t.events.iter().filter(|e| self.keeps(e)).collect();
        if let Some(n) = self.max_events {
            if keep.len() > n {
                let mut by_date: Vec<usize> = (0..keep.len()).collect();
                by_date.sort_by_key(|&i| (keep[i].when.sort_key(), i));
                let dated: Vec<&Event> = by_date.iter().map(|&i| keep[i]).collect();
                let mut chosen: Vec<usize> = importance_order(&dated)
                    .into_iter()
                    .take(n)
                    .map(|k| by_date[k])
                    .collect();
                chosen.sort_unstable();
                keep = chosen.into_iter().map(|i| keep[i]).collect();
            }
        }
        let events: Vec<Event> = keep.into_iter().cloned().collect();
        Filtered {
            left_out: t.events.len() - events.len(),
            timeline: Timeline {
                events,
                ..t.clone()
            },
            window: self.window(),
        }
    }
}

/// An event's importance in tenths, so that near-equal ones count as equal
/// and the spread over time and tags decides between them.
pub(crate) fn importance_rank(e: &Event) -> i64 {
    (importance(e) * 10.0).round() as i64
}

/// The order in which `events` (in date order) are kept when not all of
/// them can be: the more important first; among equals, each first tag in
/// turn, so that every tag keeps a share; within a tag, spread over time
/// (first, last, middle, quarters…); ties by date order. Returns indices
/// into `events`.
pub fn importance_order(events: &[&Event]) -> Vec<usize> {
    let level = |i: usize| Reverse(importance_rank(events[i]));
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        let tag = e.tags.first().map_or("", String::as_str);
        groups.entry(tag).or_default().push(i);
    }
    let mut ordinal = vec![0usize; events.len()];
    for members in groups.values() {
        let bits = usize::BITS - members.len().leading_zeros();
        let spread = |pos: usize| pos.reverse_bits() >> (usize::BITS - bits);
        let mut ms: Vec<(usize, usize)> = members.iter().copied().enumerate().collect();
        ms.sort_by_key(|&(pos, i)| (level(i), spread(pos), i));
        for (o, (_, i)) in ms.into_iter().enumerate() {
            ordinal[i] = o;
        }
    }
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (level(i), ordinal[i], i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::When;

    fn ev(id: &str, when: When, tags: &[&str], confidence: Option<f64>) -> Event {
        Event {
            id: id.into(),
            when,
            title: id.into(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            inferred: false,
            confidence,
            sources: vec![],
        }
    }

    fn on(s: &str) -> When {
        When::On(s.parse().unwrap())
    }

    fn between(a: &str, b: &str) -> When {
        let opt = |s: &str| (!s.is_empty()).then(|| s.parse().unwrap());
        When::Between {
            start: opt(a),
            end: opt(b),
        }
    }

    fn sample() -> Timeline {
        Timeline {
            events: vec![
                ev("dam", between("1958", "1962"), &["dam"], Some(0.9)),
                ev("flood87", on("1987-04"), &["flood"], Some(0.8)),
                ev("hydro", between("", "2012-06"), &["dam"], Some(0.6)),
                ev("levees", between("2005", ""), &["flood"], Some(0.65)),
                ev("breach", on("2013-03-17"), &["flood", "levee"], Some(0.9)),
                ev("crest", on("2013-03-20"), &["flood"], None),
                ev("vote", on("2013-09-22"), &["politics"], Some(0.8)),
            ],
            ..Timeline::default()
        }
    }

    fn ids(f: &Filter) -> Vec<String> {
        f.apply(&sample())
            .timeline
            .events
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    #[test]
    fn a_range_keeps_what_overlaps_it_open_ends_included() {
        let f = Filter {
            from: Some("2013-03".parse().unwrap()),
            to: Some("2013-03".parse().unwrap()),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["levees", "breach", "crest"]);
        let f = Filter {
            to: Some("1990".parse().unwrap()),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["dam", "flood87", "hydro"]);
    }

    #[test]
    fn tags_importance_and_a_count() {
        let f = Filter {
            tags: vec!["levee".into(), "politics".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["breach", "vote"]);
        let f = Filter {
            min_importance: Some(0.8),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["dam", "flood87", "breach", "crest", "vote"]);
        // The three most important, in the file's order: the hand-written
        // crest (1.0), then the 0.9s.
        let f = Filter {
            max_events: Some(3),
            ..Filter::default()
        };
        assert_eq!(ids(&f), ["dam", "breach", "crest"]);
        let r = f.apply(&sample());
        assert_eq!(r.left_out, 4);
        assert!(Filter::default().is_empty() && !f.is_empty());
    }

    #[test]
    fn a_reversed_range_is_an_error() {
        let f = Filter {
            from: Some("2014".parse().unwrap()),
            to: Some("2013-12".parse().unwrap()),
            ..Filter::default()
        };
        assert_eq!(
            f.check().unwrap_err().to_string(),
            "--from 2014 is after --to 2013-12: nothing could be shown"
        );
        let f = Filter {
            min_importance: Some(1.5),
            ..Filter::default()
        };
        assert!(f.check().is_err());
    }
}
