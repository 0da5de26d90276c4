//! Tense cues: whether the sentence around a match speaks of the past or
//! the future (`will`, `planned to` vs `was`, `announced`), which decides
//! whether a bare `Friday` or `March` is the previous or the next one.
//!
//! One pass over the tokens marks each cue (the phrases of `tense.words`
//! and regular past forms) and the sentence starts; each match then takes
//! the nearest cue before it in its sentence, else the nearest after it.

use super::lexicon::{Lexicon, Role};
use super::spec::{Dir, Draft, Spec};
use super::timex::Tense;
use super::token::Token;

/// Tense cues (+1 future, -1 past) near each token, and sentence starts.
pub(crate) struct Cues {
    sentence: Vec<usize>,
    /// Per token: the nearest cue before it in its sentence (0: none).
    before: Vec<i8>,
    /// Per token: the nearest cue at or after it in its sentence (0: none).
    after: Vec<i8>,
}

impl Cues {
    /// Reads the cues of `toks`.
    pub(crate) fn new(lex: &Lexicon, toks: &[Token]) -> Cues {
        let (cue, sentence) = mark(lex, toks);
        // Nearest cues, precomputed so that a long sentence with many
        // dates is not rescanned for each of them.
        let mut before = vec![0i8; toks.len()];
        for i in 1..toks.len() {
            if sentence[i] == sentence[i - 1] {
                before[i] = if cue[i - 1] != 0 {
                    cue[i - 1]
                } else {
                    before[i - 1]
                };
            }
        }
        let mut after = cue;
        for i in (0..toks.len().saturating_sub(1)).rev() {
            if after[i] == 0 && sentence[i + 1] == sentence[i] {
                after[i] = after[i + 1];
            }
        }
        Cues {
            sentence,
            before,
            after,
        }
    }

    /// The tense of tokens `start..end`: the nearest cue before them in the
    /// sentence, else the nearest after.
    pub(crate) fn tense(&self, start: usize, end: usize) -> Tense {
        let sent = self.sentence.get(start).copied().unwrap_or(0);
        let to_tense = |c: i8| if c > 0 { Tense::Future } else { Tense::Past };
        match self.before.get(start) {
            Some(&c) if c != 0 => return to_tense(c),
            _ => {}
        }
        match (self.sentence.get(end), self.after.get(end)) {
            (Some(&s), Some(&c)) if s == sent && c != 0 => to_tense(c),
            _ => Tense::None,
        }
    }

    /// The tense for draft `d`, with the words right around it that
    /// override the sentence's: `since January` is a starting point in the
    /// past (its direction becomes [`Dir::Past`]), and a possessive date
    /// (`would appeal Wednesday's ruling`) names something that has
    /// happened, so a future cue does not apply.
    pub(crate) fn context(&self, lex: &Lexicon, toks: &[Token], d: &mut Draft) -> Tense {
        let mut tense = self.tense(d.start_tok, d.end_tok);
        if let Spec::Cyclic { dir, .. } = &mut d.spec {
            if *dir == Dir::Tense && after_since(lex, toks, d.start_tok) {
                *dir = Dir::Past;
            }
        }
        if tense == Tense::Future && possessive(lex, toks, d.end_tok) {
            tense = Tense::None;
        }
        tense
    }
}

/// Per token its cue (+1, -1 or 0) and the first token of its sentence.
fn mark(lex: &Lexicon, toks: &[Token]) -> (Vec<i8>, Vec<usize>) {
    let mut cue = vec![0i8; toks.len()];
    let mut sentence = vec![0usize; toks.len()];
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if i > start && t.newline_before {
            start = i;
        }
        sentence[i] = start;
        // A past form after `be`/`been`/`being` is a participle: the
        // auxiliary before it carries the tense (`will be held`).
        let participle = i > 0 && lex.is(&toks[i - 1], Role::Be);
        if let Some((end, c)) = lex.tense_cue(toks, i) {
            // `lasted until 12 April`: the past verb decides, not `until`.
            let after_past = i > 0 && cue[i - 1] < 0 && lex.is(t, Role::Deadline);
            cue[i] = if participle && c < 0 || after_past {
                0
            } else {
                c.signum() as i8
            };
            for s in sentence.iter_mut().take(end).skip(i + 1) {
                *s = start;
            }
            i = end;
            continue;
        }
        // Regular past forms; `un-...-ed` words are adjectives
        // (`unspecified`).
        let lower = t.lower.as_bytes();
        if t.is_word() && lower.len() > 4 && lex.regular_past(lower) && !participle {
            cue[i] = -1;
        }
        let ends = matches!(t.lower.as_bytes(), b"." | b"!" | b"?")
            && toks.get(i + 1).is_none_or(|n| n.space_before && n.upper);
        i += 1;
        if ends {
            start = i;
        }
    }
    (cue, sentence)
}

/// Whether the word before token `start` (skipping `the`, `early`, `late`,
/// `shortly after`: [`Role::SinceLead`]) is `since` ([`Role::Since`]).
fn after_since(lex: &Lexicon, toks: &[Token], start: usize) -> bool {
    toks[..start]
        .iter()
        .rev()
        .find(|t| !lex.is(t, Role::SinceLead))
        .is_some_and(|t| lex.is(t, Role::Since))
}

/// Whether the tokens at `end` are a possessive `'s`.
fn possessive(lex: &Lexicon, toks: &[Token], end: usize) -> bool {
    lex.is_at(toks, end, Role::Apostrophe)
        && toks
            .get(end + 1)
            .is_some_and(|t| lex.is(t, Role::PluralS) && !t.space_before)
}
