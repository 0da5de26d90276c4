//! Word lists for the event builder, kept as data files under
//! `src/events/words/` and compiled in with `include_str!`.
//!
//! Each file has one entry per line; `#` starts a comment line. Some files
//! tag entries with a `key:` prefix (see each file's header).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// All word lists, parsed once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub abbreviations: Vec<String>,
    pub header_prefixes: Vec<String>,
    pub header_infixes: Vec<String>,
    pub connectives: Vec<Vec<String>>,
    pub fillers: Vec<String>,
    pub date_prepositions: Vec<Vec<String>>,
    pub clause_breaks: Vec<Vec<String>>,
    pub bare_clause_breaks: Vec<String>,
    pub lead_prepositions: Vec<String>,
    pub phrase_boundaries: Vec<String>,
    /// Happening words that are verb forms (`visited*`): not noun heads.
    pub happening_verbs: Vec<String>,
    pub function_words: Vec<String>,
    pub determiners: Vec<String>,
    pub pronouns: Vec<String>,
    pub reporting_verbs: Vec<String>,
    pub naming: Vec<Vec<String>>,
    pub collective_heads: Vec<Vec<String>>,
    /// Happening word → class.
    pub happenings: BTreeMap<String, String>,
    pub end_verbs: Vec<String>,
    pub start_verbs: Vec<String>,
    pub lasted_words: Vec<String>,
    pub present_markers: Vec<String>,
    pub present_verbs: Vec<String>,
    pub present_blockers: Vec<String>,
    pub present_classes: Vec<String>,
    pub since_words: Vec<String>,
    pub year_context: Vec<String>,
    pub approximate: Vec<String>,
    pub range_joiners: Vec<String>,
    pub until_words: Vec<String>,
}

fn entries(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn list(src: &str) -> Vec<String> {
    entries(src).map(str::to_lowercase).collect()
}

fn phrases(src: &str) -> Vec<Vec<String>> {
    entries(src)
        .filter(|l| !l.contains(": ") || l.ends_with(':'))
        .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
        .collect()
}

/// Entries written `key: words...`, split into words, for one key.
fn keyed(src: &str, key: &str) -> Vec<String> {
    entries(src)
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.trim() == key)
        .flat_map(|(_, v)| v.split_whitespace().map(str::to_lowercase))
        .collect()
}

/// Like [`keyed`] but keeps each entry whole (for `contains: (menafn`).
fn keyed_whole(src: &str, key: &str) -> Vec<String> {
    entries(src)
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_lowercase())
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        let clause = include_str!("words/clause_breaks.txt");
        let happening_src = include_str!("words/happenings.txt");
        let mut happenings = BTreeMap::new();
        let mut happening_verbs = Vec::new();
        for line in entries(happening_src) {
            if let Some((class, words)) = line.split_once(':') {
                for w in words.split_whitespace() {
                    let verb = w.strip_suffix('*');
                    let w = verb.unwrap_or(w).to_lowercase();
                    if verb.is_some() {
                        happening_verbs.push(w.clone());
                    }
                    happenings.insert(w, class.trim().to_string());
                }
            }
        }
        let anchors = include_str!("words/anchors.txt");
        let present = include_str!("words/present.txt");
        let open = include_str!("words/open_intervals.txt");
        let headers = include_str!("words/headers.txt");
        Lexicon {
            abbreviations: list(include_str!("words/abbreviations.txt")),
            header_prefixes: keyed_whole(headers, "prefix"),
            header_infixes: keyed_whole(headers, "contains"),
            connectives: phrases(include_str!("words/connectives.txt")),
            fillers: list(include_str!("words/fillers.txt")),
            date_prepositions: phrases(include_str!("words/date_prepositions.txt")),
            clause_breaks: phrases(clause),
            bare_clause_breaks: keyed(clause, "bare"),
            lead_prepositions: list(include_str!("words/lead_prepositions.txt")),
            phrase_boundaries: list(include_str!("words/phrase_boundaries.txt")),
            happening_verbs,
            function_words: list(include_str!("words/function_words.txt")),
            determiners: list(include_str!("words/determiners.txt")),
            pronouns: list(include_str!("words/pronouns.txt")),
            reporting_verbs: list(include_str!("words/reporting_verbs.txt")),
            naming: phrases(include_str!("words/naming.txt")),
            collective_heads: phrases(include_str!("words/collective_heads.txt")),
            happenings,
            end_verbs: keyed(anchors, "end"),
            start_verbs: keyed(anchors, "start"),
            lasted_words: keyed(anchors, "lasted"),
            present_markers: keyed(present, "marker"),
            present_verbs: keyed(present, "verb"),
            present_blockers: keyed(present, "not_before"),
            present_classes: keyed(present, "class"),
            since_words: keyed(open, "since"),
            year_context: list(include_str!("words/year_context.txt")),
            approximate: list(include_str!("words/approximate.txt")),
            range_joiners: list(include_str!("words/range_joiners.txt")),
            until_words: keyed(open, "until"),
        }
    }

    /// The shared, lazily parsed lexicon.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::load)
    }

    pub fn is_function(&self, w: &str) -> bool {
        self.function_words
            .iter()
            .any(|f| f.eq_ignore_ascii_case(w))
    }

    pub fn is_preposition(&self, w: &str) -> bool {
        let w = w.to_lowercase();
        self.date_prepositions
            .iter()
            .any(|p| p.len() == 1 && p[0] == w)
            || self.lead_prepositions.contains(&w)
    }

    /// The class of a happening *noun* (not a verb form).
    pub fn happening_noun_class(&self, w: &str) -> Option<&str> {
        let lower = w.to_lowercase();
        if self.happening_verbs.contains(&lower) {
            return None;
        }
        self.happening_class(&lower)
    }

    pub fn happening_class(&self, w: &str) -> Option<&str> {
        self.happenings.get(&w.to_lowercase()).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let lex = Lexicon::get();
        assert!(lex.abbreviations.contains(&"h.e.".to_string()));
        assert_eq!(lex.header_infixes, vec!["(menafn", "all rights reserved"]);
        assert!(
            lex.connectives
                .contains(&vec!["in".into(), "this".into(), "regard".into()])
        );
        assert_eq!(lex.happening_class("War"), Some("conflict"));
        assert_eq!(lex.since_words, vec!["since"]);
        assert!(!lex.clause_breaks.iter().any(|p| p[0] == "bare:"));
        assert_eq!(lex.bare_clause_breaks, vec!["which", "whereas"]);
    }
}
