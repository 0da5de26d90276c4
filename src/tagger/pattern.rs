//! Pattern elements compiled against the vocabulary, and how one element
//! matches at one token: the building block any matcher walks rules with.

use super::lexicon::{Lexicon, ListId, Role, Sem};
use super::rules::{Atom, Class, Elem};
use super::token::{Token, Vocab};

/// What a compiled pattern element matches.
#[derive(Debug)]
pub(crate) enum CAtom {
    /// One of these word ids.
    Lit(Vec<u32>),
    /// Word lists (tried in order).
    List(Vec<ListId>),
    /// A token class.
    Class(Class),
}

/// A pattern element compiled against the vocabulary.
#[derive(Debug)]
pub(crate) struct CElem {
    /// What it matches.
    pub atom: CAtom,
    /// `?`
    pub optional: bool,
    /// `~`
    pub glued: bool,
    /// `!`
    pub capital: bool,
    /// `&`
    pub lookahead: bool,
}

/// What element N of a match captured: its value and tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cap {
    /// The value.
    pub sem: Sem,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Compiles a rule's pattern, interning its literal words in `vocab`.
pub(crate) fn compile(elems: &[Elem], vocab: &mut Vocab) -> Vec<CElem> {
    elems
        .iter()
        .map(|e| CElem {
            atom: match &e.atom {
                Atom::Lit(alts) => CAtom::Lit(alts.iter().map(|w| vocab.intern(w)).collect()),
                Atom::List(ls) => CAtom::List(ls.clone()),
                Atom::Class(c) => CAtom::Class(*c),
            },
            optional: e.optional,
            glued: e.glued,
            capital: e.capital,
            lookahead: e.lookahead,
        })
        .collect()
}

/// The phrase of list `l` at token `i`, over the tokens' word ids.
#[inline]
pub(crate) fn list_at(lex: &Lexicon, l: ListId, ids: &[u32], i: usize) -> Option<(usize, Sem)> {
    lex.list(l).at(|k| ids.get(k).copied(), i)
}

/// Matches class `class` at token `i`: its end and value.
pub(crate) fn class_match(
    lex: &Lexicon,
    class: Class,
    toks: &[Token],
    ids: &[u32],
    i: usize,
) -> Option<(usize, Sem)> {
    let t = &toks[i];
    let glued = |j: usize, role: Role| {
        toks.get(j)
            .is_some_and(|n| !n.space_before && lex.is(n, role))
    };
    if let Some((v, d)) = t.num() {
        return number_class(class, v as i64, d, i, glued);
    }
    match class {
        Class::Count => {
            let numbers = lex.uses.numbers;
            let (end, sem) = list_at(lex, numbers, ids, i)?;
            let Sem::Int(tens) = sem else { return None };
            if tens >= 20 && tens % 10 == 0 {
                // twenty-four, twenty four
                let hyphen = toks
                    .get(end)
                    .is_some_and(|n| !n.space_before && n.lower == "-");
                let j = if hyphen { end + 1 } else { end };
                if let Some((e2, Sem::Int(unit))) = list_at(lex, numbers, ids, j) {
                    if (1..=9).contains(&unit) {
                        return Some((e2, Sem::Int(tens + unit)));
                    }
                }
            }
            Some((end, sem))
        }
        Class::Ordinal => list_at(lex, lex.uses.ordinals, ids, i),
        Class::Name if t.upper && t.lower.chars().all(char::is_alphabetic) => {
            Some((i + 1, Sem::Flag))
        }
        _ => None,
    }
}

/// Matches class `class` at a number token `i` of value `v` and `d`
/// digits; `glued(j, role)` tells whether token `j` is glued to the one
/// before it and has `role`.
fn number_class(
    class: Class,
    v: i64,
    d: usize,
    i: usize,
    glued: impl Fn(usize, Role) -> bool,
) -> Option<(usize, Sem)> {
    let one = Some((i + 1, Sem::Int(v)));
    match class {
        Class::Year if d == 4 && (1000..=2099).contains(&v) => one,
        Class::Year2 if d == 2 => one,
        Class::Day if d <= 2 && (1..=31).contains(&v) => {
            let end = if glued(i + 1, Role::OrdinalSuffix) {
                i + 2
            } else {
                i + 1
            };
            Some((end, Sem::Int(v)))
        }
        Class::MonthNum if d <= 2 && (1..=12).contains(&v) => one,
        Class::Hour if d <= 2 && (0..=23).contains(&v) => one,
        Class::Minute if d == 2 && (0..=59).contains(&v) => one,
        Class::Num if d <= 6 => one,
        // Counted units are small: `1988 quarter` is not 1988 quarters.
        Class::Count if d <= 3 => one,
        Class::Ordinal if d <= 3 && glued(i + 1, Role::OrdinalSuffix) => Some((i + 2, Sem::Int(v))),
        Class::Decade if v % 10 == 0 && (d == 4 || d == 2) => {
            let year = if d == 2 { 1900 + v } else { v };
            if glued(i + 1, Role::PluralS) {
                Some((i + 2, Sem::Int(year)))
            } else if glued(i + 1, Role::Apostrophe) && glued(i + 2, Role::PluralS) {
                Some((i + 3, Sem::Int(year)))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Matches element `e` at token `i`: its end and value.
pub(crate) fn elem_match(
    lex: &Lexicon,
    e: &CElem,
    toks: &[Token],
    ids: &[u32],
    i: usize,
) -> Option<(usize, Sem)> {
    let t = toks.get(i)?;
    if e.glued && t.space_before {
        return None;
    }
    if e.capital && !t.upper {
        return None;
    }
    match &e.atom {
        CAtom::Lit(alts) => alts.contains(&ids[i]).then_some((i + 1, Sem::Flag)),
        CAtom::List(ls) => ls.iter().find_map(|&l| list_at(lex, l, ids, i)),
        CAtom::Class(c) => class_match(lex, *c, toks, ids, i),
    }
}
