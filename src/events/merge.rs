//! Merging statements about the same happening, and stable ids.
//!
//! Two events are the same happening when they have the same [`When`] and
//! the same *key*: the class of the first happening word of their title
//! (`words/happenings.txt`: `visit`, `drills`, `war` ...), or, for titles
//! without one, their content words. Keys are an equivalence, and a merged
//! event keeps the key of its members, so [`merge`] is associative and
//! commutative: merging in any grouping or order gives the same events.

use std::collections::BTreeMap;

use super::lexicon::Lexicon;
use crate::date::DateSpec;
use crate::timeline::{Event, Source, When};

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

/// The merge key of a title: its first happening class, or its content words.
pub(crate) fn title_key(title: &str) -> String {
    let lex = Lexicon::get();
    let ws = words(title);
    if let Some(class) = ws.iter().find_map(|w| lex.happening_class(w)) {
        return format!("class:{class}");
    }
    let content: Vec<String> = ws.into_iter().filter(|w| !lex.is_function(w)).collect();
    format!("words:{}", content.join(" "))
}

type TitleRank = (std::cmp::Reverse<i64>, bool, bool, usize, String);

/// Orders titles, best first: more confident, not opening with a pronoun,
/// 3–12 words, shorter, then alphabetical.
fn title_rank(e: &Event) -> TitleRank {
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

/// ASCII slug of a title's first content words: `Three Brothers-2021` →
/// `three-brothers-2021`.
pub(crate) fn slug(title: &str, max_words: usize) -> String {
    let lex = Lexicon::get();
    let fold_char = |c: char| -> Option<char> {
        let c = c.to_lowercase().next().unwrap_or(c);
        Some(match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ə' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' | 'į' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ş' | 'ś' | 'š' | 'ș' => 's',
            'ğ' => 'g',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ț' | 'ţ' => 't',
            c if c.is_ascii_alphanumeric() => c,
            _ => return None,
        })
    };
    let parts: Vec<String> = words(title)
        .into_iter()
        .filter(|w| !lex.is_function(w))
        .map(|w| {
            w.split('-')
                .map(|p| p.chars().filter_map(fold_char).collect::<String>())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect();
    parts.join("-")
}

/// The date part of an id: `2021-09`, `1991-to-2020`, `since-1991`.
fn id_date(w: &When) -> String {
    match w {
        When::On(d) => d.date.to_string(),
        When::Between {
            start: Some(s),
            end: Some(e),
        } => format!("{}-to-{}", s.date, e.date),
        When::Between {
            start: Some(s),
            end: None,
        } => format!("since-{}", s.date),
        When::Between {
            start: None,
            end: Some(e),
        } => format!("until-{}", e.date),
        When::Between {
            start: None,
            end: None,
        } => "undated".to_string(),
    }
}

/// The stable id of an event: `e-<date>-<slug of up to 4 title words>`.
pub fn event_id(when: &When, title: &str) -> String {
    let s = slug(title, 4);
    if s.is_empty() {
        format!("e-{}", id_date(when))
    } else {
        format!("e-{}-{s}", id_date(when))
    }
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
        let base = event_id(&e.when, &e.title);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        e.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// See [`crate::events::merge`].
pub(crate) fn merge(events: Vec<Event>) -> Vec<Event> {
    // Gather each group first and fold it once: folding one event at a time
    // re-sorts the growing source list each time (quadratic when an article
    // repeats one statement thousands of times).
    let mut groups: BTreeMap<(WhenKey, String), Vec<Event>> = BTreeMap::new();
    for e in events {
        let key = (when_key(&e.when), title_key(&e.title));
        groups.entry(key).or_default().push(e);
    }
    let mut out: Vec<Event> = groups.into_values().filter_map(fold_group).collect();
    sort_and_number(&mut out);
    out
}

/// Folds a group of events with the same key into one: the best title
/// (the first of the best rank), all tags and sources (sorted, without
/// repeats), the highest confidence; `inferred` only if all were.
fn fold_group(group: Vec<Event>) -> Option<Event> {
    let mut best: Option<(TitleRank, Event)> = None;
    let mut tags = Vec::new();
    let mut sources = Vec::new();
    let mut confidence: Option<f64> = None;
    let mut inferred = true;
    for mut e in group {
        tags.append(&mut e.tags);
        sources.append(&mut e.sources);
        confidence = match (confidence, e.confidence) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        };
        inferred &= e.inferred;
        let rank = title_rank(&e);
        if best.as_ref().is_none_or(|(b, _)| rank < *b) {
            best = Some((rank, e));
        }
    }
    let (_, best) = best?;
    tags.sort();
    tags.dedup();
    sources.sort_by_key(source_key);
    sources.dedup();
    Some(Event {
        id: String::new(),
        when: best.when,
        title: best.title,
        tags,
        inferred,
        confidence,
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_skip_function_words() {
        assert_eq!(
            slug("Azerbaijan, Türkiye and Pakistan conducted drills", 4),
            "azerbaijan-turkiye-pakistan-conducted"
        );
        assert_eq!(
            slug("Asim Munir's visit to Baku", 4),
            "asim-munir-visit-baku"
        );
    }

    #[test]
    fn keys_use_happening_classes() {
        assert_eq!(title_key("Asim Munir's visit to Baku"), "class:visit");
        assert_eq!(title_key("Visit of the army chief"), "class:visit");
        assert_eq!(title_key("The budget passed"), "words:budget passed");
    }
}
