//! False friends and weak matches: whether a rule's match can be a
//! temporal expression where it stands (`JF-17`, `$1,991`, `Resolution
//! 1325`, `1500 troops`, the show "This Week"), and whether a latent match
//! has a context word that vouches for it (`in May`).

use super::lexicon::{Lexicon, Role};
use super::rules::Rule;
use super::token::Token;

/// Punctuation that joins a number to a code when glued on both sides
/// (`555-1991`, `JF-17`, `3.1991`).
const CODE_JOINERS: [&str; 6] = ["-", "/", ".", ":", ",", "–"];

/// Signs before a number that make it an amount or a label (`$1,991`,
/// `#1991`, `+1991`).
const AMOUNT_SIGNS: [&str; 6] = ["$", "€", "£", "#", "¥", "+"];

/// Punctuation after a match that continues a number (`1991-92`, `20.5`,
/// `1991%`).
const NUMBER_CONTINUERS: [&str; 6] = ["%", "-", "/", ".", ":", ","];

/// Whether a latent match starting at token `start` has a context word
/// right before it.
pub(crate) fn has_context(lex: &Lexicon, toks: &[Token], start: usize) -> bool {
    start > 0 && lex.phrase_before(lex.uses.context, toks, start)
}

/// Whether tokens `start..end`, matched by `rule`, can be a temporal
/// expression in their surroundings.
pub(crate) fn plausible(
    lex: &Lexicon,
    rule: &Rule,
    toks: &[Token],
    start: usize,
    end: usize,
) -> bool {
    if toks[start].num().is_some() && !number_start_plausible(lex, toks, start) {
        return false;
    }
    if !end_plausible(toks, end) {
        return false;
    }
    if rule.latent && !has_context(lex, toks, start) {
        return false;
    }
    if in_name(lex, rule, toks, start, end) {
        return false;
    }
    !rule.weak || weak_plausible(lex, toks, start, end)
}

/// A match starting with a number: not glued into a code or a name
/// (`JF-17`, `Brothers-2021`, `555-1991`), not an amount (`$1,991`), not a
/// labelled number (`Resolution 1325`, `Flight 1549`, `page 1991`).
fn number_start_plausible(lex: &Lexicon, toks: &[Token], start: usize) -> bool {
    let prev = start.checked_sub(1).map(|p| &toks[p]);
    if let Some(p) = prev.filter(|_| !toks[start].space_before) {
        if CODE_JOINERS.contains(&p.lower.as_str()) && start >= 2 {
            let pp = &toks[start - 2];
            if !p.space_before && (pp.num().is_some() || pp.is_word()) {
                return false;
            }
        }
        if p.is_word() {
            return false;
        }
    }
    if prev.is_some_and(|p| AMOUNT_SIGNS.contains(&p.lower.as_str())) {
        return false;
    }
    !(start > 0 && lex.phrase_before(lex.uses.labels, toks, start))
}

/// A match not continued by a glued number, a percent sign, a glued word
/// after a number (`1990s` is a decade rule's, not a year's) or a
/// capitalized name (`Three Brothers-2021`).
fn end_plausible(toks: &[Token], end: usize) -> bool {
    let last = &toks[end - 1];
    if !(last.num().is_some() || last.is_word()) {
        return true;
    }
    let Some(n) = toks.get(end).filter(|n| !n.space_before) else {
        return true;
    };
    let glued_after =
        |k: usize, f: fn(&Token) -> bool| toks.get(k).is_some_and(|nn| !nn.space_before && f(nn));
    if NUMBER_CONTINUERS.contains(&n.lower.as_str()) && glued_after(end + 1, |t| t.num().is_some())
    {
        return false;
    }
    if n.lower == "%" || last.num().is_some() && n.is_word() {
        return false;
    }
    !(n.lower == "-" && glued_after(end + 1, |t| t.upper))
}

/// A weak match (a bare year, a set adverb) that its neighbours do not
/// deny: not before a plural noun (`1500 troops`, `weekly flights`) or a
/// counted noun (`2000 people`), not after a number or `at`, and a year
/// before 1900 only after a preposition (`in 1453`).
fn weak_plausible(lex: &Lexicon, toks: &[Token], start: usize, end: usize) -> bool {
    let first = &toks[start];
    let prev = start.checked_sub(1).map(|p| &toks[p]);
    if let Some(n) = toks.get(end) {
        if n.is_word() && n.lower.len() > 3 && lex.plural(n.lower.as_bytes()) && !n.upper {
            return false;
        }
    }
    if first.num().is_some() && lex.phrase_at(lex.uses.counted, toks, end).is_some() {
        return false;
    }
    if prev.is_some_and(|p| p.num().is_some() || lex.is(p, Role::DeniesWeak)) {
        return false;
    }
    // Years before 1900 need a preposition: `in 1453`, not `1500 police`.
    !(first.num().is_some_and(|(v, _)| v < 1900)
        && !(start > 0 && lex.phrase_before(lex.uses.year_context, toks, start)))
}

/// Whether tokens `start..end` belong to a name (`"This Week"`, `60
/// Minutes`, `High Noon`, `USA Today`): a word of `name_words.words`
/// capitalized inside a sentence, after a word of the match or after a
/// capitalized word. Holiday names and headline lines are exempt.
fn in_name(lex: &Lexicon, rule: &Rule, toks: &[Token], start: usize, end: usize) -> bool {
    let capital_word = |k: usize| toks[k].upper && toks[k].is_word();
    // Cheapest test first: this runs on every match.
    let hit = (start..end).any(|k| {
        capital_word(k)
            && !sentence_initial(toks, k)
            && lex
                .phrase_at(lex.uses.name_words, toks, k)
                .is_some_and(|(e, _)| e == k + 1)
            && (k > start || capital_word(k - 1))
    });
    hit && !rule.names_holiday && !headline(toks, start)
}

/// Whether token `k` starts a sentence, a line, a quotation or a bracket.
fn sentence_initial(toks: &[Token], k: usize) -> bool {
    k == 0
        || toks[k].newline_before
        || matches!(
            toks[k - 1].lower.as_str(),
            "." | "!"
                | "?"
                | ":"
                | ";"
                | "\""
                | "“"
                | "”"
                | "`"
                | "'"
                | "‘"
                | "("
                | "["
                | "—"
                | "–"
                | "-"
                | "_"
        )
}

/// Whether the line around token `k` is a headline: four in five of its
/// longer words capitalized (looks at most 40 tokens each way).
fn headline(toks: &[Token], k: usize) -> bool {
    let mut a = k;
    while a > 0 && k - a < 40 && !toks[a].newline_before {
        a -= 1;
    }
    let mut b = k + 1;
    while b < toks.len() && b - k < 40 && !toks[b].newline_before {
        b += 1;
    }
    let words: Vec<&Token> = toks[a..b]
        .iter()
        .filter(|t| t.is_word() && t.lower.len() >= 4)
        .collect();
    let capital = words.iter().filter(|t| t.upper).count();
    words.len() >= 3 && capital * 10 >= words.len() * 8
}
