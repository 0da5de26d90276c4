//! Event ids: the one scheme every stage uses (events, the updater, the
//! chart's class names).
//!
//! An id is `e-`, the date part and a slug of up to four content words of
//! the title, e.g. `e-2020-11-10-war-concluded-signing-statement`:
//!
//! * the date part is the date in EDTF, lower case (`2021-09`, `199x`),
//!   BCE years as `bce0043`, intervals `1991-to-2020`, open ones
//!   `since-1991` / `until-2020`;
//! * the words are the title's, lower-cased, `'s` dropped, accents folded to
//!   ASCII (`Türkiye` → `turkiye`), letters other than Latin ones and
//!   punctuation left out, function words ([`FUNCTION_WORDS`]) skipped;
//! * when two events would share an id, the later ones get `-2`, `-3`, ...
//!   ([`assign_ids`]).
//!
//! The same statement always gets the same id, and ids must stay stable
//! across versions (the updater recognises events it wrote by them), so the
//! word list here is frozen: it is not the events stage's lexicon, which may
//! grow.
//!
//! ```
//! use timeline::date::Date;
//! use timeline::timeline::{event_id, When};
//! let when = When::On(Date::day(2020, 11, 10).unwrap().into());
//! assert_eq!(
//!     event_id(&when, "The war concluded with the signing of a statement"),
//!     "e-2020-11-10-war-concluded-signing-statement"
//! );
//! ```

use std::collections::BTreeSet;

use super::{Timeline, When};
use crate::date::DateSpec;

/// At most this many title words go into an id.
pub const ID_WORDS: usize = 4;

/// Words left out of ids (frozen: changing them changes ids).
pub const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "but",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "as",
    "into",
    "onto",
    "its",
    "their",
    "his",
    "her",
    "our",
    "that",
    "which",
    "who",
    "whose",
    "this",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "such",
    "including",
    "between",
    "than",
    "not",
    "nor",
    "so",
    "also",
    "further",
];

/// The stable id of an event with this date and title (module docs).
pub fn event_id(when: &When, title: &str) -> String {
    let s = slug(title, ID_WORDS);
    if s.is_empty() {
        format!("e-{}", date_part(when))
    } else {
        format!("e-{}-{s}", date_part(when))
    }
}

fn date(d: &DateSpec) -> String {
    let s = d.date.to_string().to_ascii_lowercase();
    match s.strip_prefix('-') {
        Some(bce) => format!("bce{bce}"),
        None => s,
    }
}

/// The date part of an id: `2021-09`, `1991-to-2020`, `since-1991`.
fn date_part(w: &When) -> String {
    match w {
        When::On(d) => date(d),
        When::Between {
            start: Some(s),
            end: Some(e),
        } => format!("{}-to-{}", date(s), date(e)),
        When::Between {
            start: Some(s),
            end: None,
        } => format!("since-{}", date(s)),
        When::Between {
            start: None,
            end: Some(e),
        } => format!("until-{}", date(e)),
        When::Between {
            start: None,
            end: None,
        } => "undated".to_string(),
    }
}

/// Lowercase words of a title, without punctuation and `'s`.
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

/// A lower-case letter folded to ASCII, or `None` for what ids leave out.
fn fold(c: char) -> Option<char> {
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
}

/// ASCII slug of a title's first `max_words` content words: `Three
/// Brothers-2021` → `three-brothers-2021`.
pub fn slug(title: &str, max_words: usize) -> String {
    let parts: Vec<String> = words(title)
        .into_iter()
        .filter(|w| !FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)))
        .map(|w| {
            w.split('-')
                .map(|p| p.chars().filter_map(fold).collect::<String>())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect();
    parts.join("-")
}

/// A tag as a class name (of the chart's SVG): lower-case ASCII letters,
/// digits and dashes, `x` when nothing is left.
pub fn tag_class(t: &str) -> String {
    let mut out = String::new();
    for ch in t.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "x".to_string() } else { out }
}

/// The id `base` numbered for its `n`-th use (`base`, `base-2`, ...).
pub fn numbered(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

/// Gives every event with an empty id its [`event_id`], and makes ids
/// unique: when two events would share an id, the later one gets `-2`,
/// `-3`, ... appended. Deterministic: depends only on the events and their
/// order.
pub fn assign_ids(t: &mut Timeline) {
    let explicit: BTreeSet<String> = t
        .events
        .iter()
        .filter(|e| !e.id.is_empty())
        .map(|e| e.id.clone())
        .collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for e in &mut t.events {
        let derived = e.id.is_empty();
        let base = if derived {
            event_id(&e.when, &e.title)
        } else {
            e.id.clone()
        };
        let mut id = base.clone();
        let mut n = 2;
        // An explicit id keeps its name the first time it is seen; derived
        // and renamed ids also avoid every explicit id.
        while seen.contains(&id) || ((derived || id != base) && explicit.contains(&id)) {
            id = numbered(&base, n);
            n += 1;
        }
        seen.insert(id.clone());
        e.id = id;
    }
}

/// Does any event lack an id, or share one?
pub(crate) fn needs_ids(t: &Timeline) -> bool {
    let mut seen = BTreeSet::new();
    t.events
        .iter()
        .any(|e| e.id.is_empty() || !seen.insert(e.id.as_str()))
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
    fn tags_become_class_names() {
        assert_eq!(tag_class("Armed conflict!"), "armed-conflict");
        assert_eq!(tag_class("§"), "x");
    }
}
