//! The title of a built timeline: an article's headline, or what the
//! headlines of several articles have in common.
//!
//! A news article's headline is its first line of text (after a
//! `date 2013-03-18` line, if there is one) when that line stands alone,
//! with a blank line after it, and reads like a headline: two to twenty
//! words, no final full stop or comma. Running text that starts on the
//! first line is no headline.
//!
//! ```
//! use timeline::timeline::title::{common_subject, headline};
//! let a = "date 2013-03-17\nEvacuation ordered for the old town of Arvel\n\nARVEL — The regional crisis staff ordered…";
//! assert_eq!(headline(a).as_deref(), Some("Evacuation ordered for the old town of Arvel"));
//! assert_eq!(headline("The river rose on Monday.\nIt rained."), None);
//! let heads = ["Arvel evacuates its old town", "Soldiers reach Arvel", "Arvel returns home"];
//! assert_eq!(common_subject(&heads).as_deref(), Some("Arvel"));
//! ```

use std::collections::BTreeMap;

/// Words that do not make a subject on their own, nor start or end one.
const STOPWORDS: &[&str] = &[
    "a", "after", "again", "all", "an", "and", "are", "as", "at", "be", "before", "but", "by",
    "for", "from", "has", "have", "in", "into", "is", "it", "its", "new", "not", "of", "on", "one",
    "or", "out", "over", "says", "still", "than", "that", "the", "their", "to", "two", "up", "was",
    "were", "will", "with",
];

/// The article's headline, if it has one (see the module docs).
pub fn headline(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let mut first = lines.next()?;
    if is_date_line(first) {
        first = lines.by_ref().find(|l| !l.is_empty())?;
    }
    let next_blank = lines.next().is_none_or(str::is_empty);
    let words = first.split_whitespace().count();
    let ends_like_prose = first.ends_with(['.', ',', ';', ':']);
    (next_blank && (2..=20).contains(&words) && first.chars().count() <= 140 && !ends_like_prose)
        .then(|| first.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A line that only gives the document date: `date 2013-03-18`.
fn is_date_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("date"))
        && words
            .next()
            .is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        && words.next().is_none()
}

/// What most headlines are about: the longest run of up to three words
/// (not starting or ending with a small word like "the") found in at least
/// half of them and in two at least; the headline itself when there is
/// only one. `None` when they share nothing.
pub fn common_subject<S: AsRef<str>>(headlines: &[S]) -> Option<String> {
    match headlines {
        [] => return None,
        [one] => return Some(one.as_ref().to_string()),
        _ => {}
    }
    // Each run of words, lower-cased, with the number of headlines it is in
    // and its first spelling.
    let mut runs: BTreeMap<Vec<String>, (usize, usize, String)> = BTreeMap::new();
    for (h, text) in headlines.iter().enumerate() {
        let words: Vec<&str> = text
            .as_ref()
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for n in 1..=3 {
            for w in words.windows(n) {
                let key: Vec<String> = w.iter().map(|s| s.to_lowercase()).collect();
                let small = |s: &String| STOPWORDS.contains(&s.as_str());
                if small(&key[0]) || small(&key[n - 1]) || !seen.insert(key.clone()) {
                    continue;
                }
                let e = runs.entry(key).or_insert((0, h, w.join(" ")));
                e.0 += 1;
            }
        }
    }
    let need = headlines.len().div_ceil(2).max(2);
    runs.into_iter()
        .filter(|(_, (count, _, _))| *count >= need)
        .max_by(|(ka, (ca, fa, _)), (kb, (cb, fb, _))| {
            ka.len()
                .cmp(&kb.len())
                .then(ca.cmp(cb))
                .then(fb.cmp(fa))
                .then(kb.cmp(ka))
        })
        .map(|(_, (_, _, spelling))| spelling)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_stands_alone_on_the_first_line() {
        assert_eq!(
            headline("\n  Schools close in three valley towns  \n\nKESSBY — Schools…").as_deref(),
            Some("Schools close in three valley towns")
        );
        // The seed: a date line with a byline, then running text.
        let seed = "date 2023-11-02 (MENAFN- AzerNews) By Dr Mehmood Ul Hassan Khan\nPakistan's Chief of Army Staff, Asim Munir's visit to Baku is\naimed at";
        assert_eq!(headline(seed), None);
        assert_eq!(
            headline("date 2013-03-17\n\nARVEL — The staff ordered it.\n"),
            None
        );
        assert_eq!(headline("One\n\nbody"), None, "one word is no headline");
        assert_eq!(headline(""), None);
    }

    #[test]
    fn the_common_subject_is_in_half_the_headlines_at_least() {
        let heads = [
            "Lenne floods the old town of Arvel",
            "Army sends soldiers to the Lenne valley",
            "The Lenne valley counts the damage",
            "Inquiry opens",
        ];
        assert_eq!(common_subject(&heads).as_deref(), Some("Lenne valley"));
        let heads = ["Rain in Arvel", "Sun in Kessby", "Wind in Talmere"];
        assert_eq!(common_subject(&heads), None);
        assert_eq!(common_subject::<&str>(&[]), None);
    }
}
