//! The compiled grammar: the word lists ([`Lexicon`]), the typed rules,
//! and their patterns compiled against the vocabulary. Data only; the
//! [`Matcher`](super::matcher::Matcher) runs it over a text.
//!
//! For speed, every word the rules can compare against (literals and the
//! tokens of word-list phrases) is interned once in the [`Vocab`] as a
//! small integer id; the tokenizer looks each token up once, and matching
//! then compares ids, so the inner loop neither hashes nor compares
//! strings.

use super::error::RuleError;
use super::lexicon::Lexicon;
use super::pattern::{CElem, compile};
use super::rules::{RULE_FILES, Rule, parse_rules};
use super::token::Vocab;

/// The compiled grammar.
#[derive(Debug)]
pub(crate) struct Grammar {
    /// All rules, in file order.
    pub rules: Vec<Rule>,
    /// The rules' patterns compiled against the vocabulary, parallel to
    /// `rules`.
    pub patterns: Vec<Vec<CElem>>,
    /// The word lists.
    pub lexicon: Lexicon,
    /// Every word a pattern or a word list can compare, interned.
    pub vocab: Vocab,
}

impl Grammar {
    /// Builds the grammar from the bundled data files.
    pub(crate) fn bundled() -> Result<Grammar, RuleError> {
        let mut vocab = Vocab::default();
        let lexicon = Lexicon::bundled(&mut vocab)?;
        let mut rules = Vec::new();
        for f in RULE_FILES {
            rules.extend(parse_rules(
                &format!("{}.rules", f.name),
                f.rules,
                &lexicon,
            )?);
        }
        let patterns = rules
            .iter()
            .map(|r| compile(&r.elems, &mut vocab))
            .collect();
        Ok(Grammar {
            rules,
            patterns,
            lexicon,
            vocab,
        })
    }
}
