//! Merging statements about the same happening, and stable ids.
//!
//! Two events are the same happening when they have the same [`When`] and
//! the same *key*: the class of the first happening word of their title
//! (`words/happenings.txt`: `visit`, `drills`, `war` ...) with the place
//! the title names (`to Baku`, `in Doha`), or, for titles without a
//! happening word, their content words. Keys are an equivalence, and a merged
//! event keeps the key of its members, so [`merge`] is associative and
//! commutative: merging in any grouping or order gives the same events.

use std::collections::BTreeMap;

use super::lexicon::Lexicon;
use crate::date::DateSpec;
use crate::timeline::{Event, Source, When, id};

/// A total, deterministic key for a [`When`].
type WhenKey = (u8, Option<DateSpec>, Option<DateSpec>);

fn when_key(w: &When) -> WhenKey {
    match *w {
        When::On(d) => (0, Some(d), None),
        When::Between { start, end } => (1, start, end),
    }
}

/// Lowercase words of a title, without punctuation.
fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .collect()
}

/// The happening class of a title (`visit`, `conflict`, ...), if any: the
/// tag an extracted event carries, so that charts colour events by kind.
pub(crate) fn title_class(title: &str) -> Option<String> {
    let lex = Lexicon::get();
    words(title)
        .iter()
        .find_map(|w| lex.happening_class(w))
        .map(str::to_string)
}

/// Where a title says its happening took place: the first capitalised
/// word (not a possessive) after `to`, `in` or `at` (`visit to Baku` →
/// `baku`), else after `of` or a happening verb (`visited the city of
/// Sukkur` → `sukkur`).
fn place(title: &str) -> Option<String> {
    let lex = Lexicon::get();
    let ws: Vec<&str> = title.split_whitespace().collect();
    let after = |pred: &dyn Fn(&str) -> bool| {
        ws.windows(2).find_map(|w| {
            let name = w[1].trim_end_matches(|c: char| !c.is_alphanumeric());
            let cap = name.chars().next().is_some_and(char::is_uppercase);
            let possessive = name.ends_with("'s") || name.ends_with("’s");
            (pred(w[0]) && cap && !possessive).then(|| name.to_lowercase())
        })
    };
    after(&|w| matches!(w, "to" | "in" | "at")).or_else(|| {
        after(&|w| w == "of" || lex.happening_verbs.iter().any(|v| v == &w.to_lowercase()))
    })
}

/// The merge key of a title: its first happening class and its place, or
/// its content words.
pub(crate) fn title_key(title: &str) -> String {
    let lex = Lexicon::get();
    let ws = words(title);
    if let Some(class) = ws.iter().find_map(|w| lex.happening_class(w)) {
        return match place(title) {
            Some(p) => format!("class:{class} at:{p}"),
            None => format!("class:{class}"),
        };
    }
    let content: Vec<String> = ws.into_iter().filter(|w| !lex.is_function(w)).collect();
    format!("words:{}", content.join(" "))
}

/// Orders titles, best first: more confident, not opening with a pronoun,
/// 3–12 words, shorter, then alphabetical.
fn title_rank(e: &Event) -> (std::cmp::Reverse<i64>, bool, bool, usize, String) {
    let ws = words(&e.title);
    let conf = e.confidence.map_or(-1, |c| (c * 1000.0).round() as i64);
    let pronoun = ws
        .first()
        .is_some_and(|w| Lexicon::get().pronouns.contains(w));
    (
        std::cmp::Reverse(conf),
        pronoun,
        !(3..=12).contains(&ws.len()),
        e.title.chars().count(),
        e.title.clone(),
    )
}

fn source_key(s: &Source) -> (String, usize, (usize, usize), String, Vec<String>) {
    (
        s.file.clone(),
        s.line,
        s.span,
        s.quote.clone(),
        s.rules.clone(),
    )
}

/// Combines events with the same key into one: the best title, all
/// sources and tags, the highest confidence; inferred only if all are.
fn combine(group: Vec<Event>) -> Option<Event> {
    let best = group.iter().min_by_key(|e| title_rank(e))?;
    let (when, title) = (best.when, best.title.clone());
    let inferred = group.iter().all(|e| e.inferred);
    let confidence = group
        .iter()
        .filter_map(|e| e.confidence)
        .max_by(f64::total_cmp);
    let mut tags: Vec<String> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for e in group {
        tags.extend(e.tags);
        sources.extend(e.sources);
    }
    tags.sort();
    tags.dedup();
    sources.sort_by_key(source_key);
    sources.dedup();
    Some(Event {
        id: String::new(),
        when,
        title,
        tags,
        inferred,
        confidence,
        sources,
    })
}

/// Sorts events by date, then title; gives them unique ids.
pub(crate) fn sort_and_number(events: &mut [Event]) {
    events.sort_by(|a, b| {
        (
            a.when.sort_key(),
            a.when.last_day(),
            when_key(&a.when),
            &a.title,
        )
            .cmp(&(
                b.when.sort_key(),
                b.when.last_day(),
                when_key(&b.when),
                &b.title,
            ))
            .then_with(|| {
                let sa: Vec<_> = a.sources.iter().map(source_key).collect();
                let sb: Vec<_> = b.sources.iter().map(source_key).collect();
                sa.cmp(&sb)
            })
    });
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in events.iter_mut() {
        let base = id::event_id(&e.when, &e.title);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        e.id = id::numbered(&base, *n);
    }
}

/// See [`crate::events::merge`].
pub(crate) fn merge(events: Vec<Event>) -> Vec<Event> {
    let mut groups: BTreeMap<(WhenKey, String), Vec<Event>> = BTreeMap::new();
    for e in events {
        let key = (when_key(&e.when), title_key(&e.title));
        groups.entry(key).or_default().push(e);
    }
    let mut out: Vec<Event> = groups.into_values().filter_map(combine).collect();
    sort_and_number(&mut out);
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_use_happening_classes() {
        assert_eq!(
            title_key("Asim Munir's visit to Baku"),
            "class:visit at:baku"
        );
        assert_eq!(
            title_key("Visit of Pakistan's army chief, Asim Munir, to Baku"),
            "class:visit at:baku"
        );
        assert_eq!(title_key("Visit of the army chief"), "class:visit");
        assert_eq!(title_key("Qatar's visit to Oman"), "class:visit at:oman");
        assert_eq!(title_key("The budget passed"), "words:budget passed");
    }
}
