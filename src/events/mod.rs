//! Events: dated statements turned into timeline events.

use crate::tagger::Tagged;
use crate::timeline::Event;

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

/// Builds the events of `article` from its tagged expressions.
pub fn extract(article: Article<'_>, tagged: &Tagged) -> Extraction {
    let _ = (article, tagged);
    Extraction::default()
}

/// Merges events from several articles: statements about the same happening
/// become one event with all their sources; the result is sorted by date.
pub fn merge(events: Vec<Event>) -> Vec<Event> {
    events
}
