//! The matcher: runs the grammar's rules over the token stream.
//!
//! Rules are indexed by the class of their first element, so a token costs
//! one index lookup plus the few rules that can start there; a second
//! index tests the token after the first when the first element is one
//! token long. At each token the longest match wins (ties: the longer
//! match with lookaheads, then the rule listed first); matching then
//! resumes after it. Patterns have no loops, so the work per token is
//! bounded and the whole pass is linear in the text.
//!
//! The matcher's interface is [`Matcher::new`] and [`Matcher::drafts`]:
//! another engine (an anchor-driven one, say) can replace this file as
//! long as it finds the same matches; element matching
//! ([`pattern`](super::pattern)), the plausibility filters
//! ([`filter`](super::filter)) and the builders ([`build`](super::build))
//! are shared.

use super::build::build;
use super::filter::{has_context, plausible};
use super::grammar::Grammar;
use super::lexicon::{IdList, Lexicon, Sem};
use super::pattern::{CAtom, CElem, Cap, class_match, elem_match};
use super::production::Production;
use super::rules::{CLASSES, Class};
use super::spec::Draft;
use super::token::Token;

/// A necessary condition on one token: its word id is in `words` (a bitset
/// over word ids), or it is a number and `nums` is set.
#[derive(Debug)]
struct NextFilter {
    words: Vec<u64>,
    nums: bool,
}

impl NextFilter {
    /// Whether token `i` can pass.
    fn admits(&self, toks: &[Token], ids: &[u32], i: usize) -> bool {
        let (Some(t), Some(&id)) = (toks.get(i), ids.get(i)) else {
            return false;
        };
        let id = id as usize;
        self.words
            .get(id / 64)
            .is_some_and(|w| w >> (id % 64) & 1 == 1)
            || self.nums && t.num().is_some()
    }
}

/// The first-token index of a grammar's rules.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Per rule, a test of the token after the first when the first
    /// element always consumes exactly one token.
    second: Vec<Option<NextFilter>>,
    /// The same for a first token that is a number.
    second_num: Vec<Option<NextFilter>>,
    /// Rules that can start at a word, by word id (ascending rule order).
    by_word: Vec<Vec<usize>>,
    /// Rules that can start at a number token, by the number's word id:
    /// `by_word` merged with `num_first` (empty for non-numeric words).
    num_by_word: Vec<Vec<usize>>,
    /// Rules that can start at any number token.
    num_first: Vec<usize>,
}

/// Reusable buffers of one scan.
#[derive(Debug, Default)]
struct Bufs {
    /// Captures of the path being walked.
    caps: Vec<Option<Cap>>,
    /// Captures of the best match of the rule being tried.
    rule_best: Vec<Option<Cap>>,
    /// Captures of the best match at the current token.
    best: Vec<Option<Cap>>,
    /// Class matches at the current token, by [`Class`] (computed once).
    classes: [Option<Option<(usize, Sem)>>; CLASSES],
}

/// The word ids a list's phrases can start with.
fn first_words(list: &IdList, out: &mut Vec<u32>) {
    out.extend(list.first_words());
}

impl Matcher {
    /// Indexes the rules of `g`.
    pub(crate) fn new(g: &Grammar) -> Matcher {
        let n = g.vocab.len();
        let lex = &g.lexicon;
        let mut by_word: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut num_first = Vec::new();
        for (i, elems) in g.patterns.iter().enumerate() {
            let mut words: Vec<u32> = Vec::new();
            match &elems[0].atom {
                CAtom::Lit(alts) => words.extend(alts),
                CAtom::List(ls) => ls
                    .iter()
                    .for_each(|&l| first_words(lex.list(l), &mut words)),
                CAtom::Class(c) => {
                    num_first.push(i);
                    match c {
                        Class::Count => first_words(lex.list(lex.uses.numbers), &mut words),
                        Class::Ordinal => first_words(lex.list(lex.uses.ordinals), &mut words),
                        _ => {}
                    }
                }
            }
            for w in words {
                let v = &mut by_word[w as usize];
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let filters = |num: bool| -> Vec<Option<NextFilter>> {
            g.patterns
                .iter()
                .map(|elems| next_filter(elems, lex, n, num))
                .collect()
        };
        let mut num_by_word = vec![Vec::new(); n];
        for (w, id) in g.vocab.iter() {
            if w.iter().all(|b| b.is_ascii_digit()) {
                num_by_word[id as usize] = merge_sorted(&by_word[id as usize], &num_first);
            }
        }
        Matcher {
            second: filters(false),
            second_num: filters(true),
            by_word,
            num_by_word,
            num_first,
        }
    }

    /// Runs the grammar over `toks`: the drafts of the non-overlapping
    /// plausible matches, in text order.
    pub(crate) fn drafts(&self, g: &Grammar, toks: &[Token]) -> Vec<Draft> {
        let mut out = Vec::new();
        self.scan(g, toks, |r, caps, span, latent| {
            build(&g.rules[r], caps, span, latent, &mut out);
        });
        out
    }

    /// The rules that can start at token `i` (word id `id`).
    fn candidates(&self, t: &Token, id: u32) -> &[usize] {
        if t.num().is_some() {
            match self.num_by_word.get(id as usize) {
                Some(v) if !v.is_empty() => v,
                _ => &self.num_first,
            }
        } else {
            self.by_word.get(id as usize).map_or(&[], Vec::as_slice)
        }
    }

    /// Calls `found(rule, captures, (start, end), latent)` for each match
    /// that is kept: the longest at a token, not a negative rule, plausible
    /// where it stands. Matching resumes after it (also after a negative
    /// rule's match, whose tokens are thus not dates).
    fn scan(
        &self,
        g: &Grammar,
        toks: &[Token],
        mut found: impl FnMut(usize, &[Option<Cap>], (usize, usize), bool),
    ) {
        let ids: Vec<u32> = toks.iter().map(|t| t.word).collect();
        let mut bufs = Bufs::default();
        let mut i = 0;
        while i < toks.len() {
            // Longest span wins; on a tie, the longer match with lookaheads
            // (so `neg.dateline` beats `date.month_day`), then file order.
            let mut best: Option<(usize, usize, usize)> = None;
            bufs.classes = [None; CLASSES];
            for &r in self.candidates(&toks[i], ids[i]) {
                if let Some((end, full)) = self.rule_match(g, r, toks, &ids, i, &mut bufs) {
                    if best.is_none_or(|(e, f, _)| (end, full) > (e, f)) {
                        best = Some((end, full, r));
                        std::mem::swap(&mut bufs.best, &mut bufs.rule_best);
                    }
                }
            }
            let Some((end, _, r)) = best else {
                i += 1;
                continue;
            };
            let rule = &g.rules[r];
            if rule.production == Production::Reject {
                i = end;
            } else if plausible(&g.lexicon, rule, toks, i, end) {
                // An invalid value (`February 30, 2020`) is consumed too:
                // its parts are not dates on their own. A weak match stays
                // latent unless a context word (`in 1991`, `since May`)
                // vouches for it.
                let latent = (rule.latent || rule.weak) && !has_context(&g.lexicon, toks, i);
                found(r, &bufs.best, (i, end), latent);
                i = end;
            } else {
                i += 1;
            }
        }
    }

    /// Longest match of rule `r` at token `i`: end token and end of the
    /// lookaheads; its captures are left in `bufs.rule_best`.
    fn rule_match(
        &self,
        g: &Grammar,
        r: usize,
        toks: &[Token],
        ids: &[u32],
        i: usize,
        bufs: &mut Bufs,
    ) -> Option<(usize, usize)> {
        let elems = &g.patterns[r];
        let lex = &g.lexicon;
        let t = &toks[i];
        let filter = if t.num().is_some() {
            &self.second_num[r]
        } else {
            &self.second[r]
        };
        if filter.as_ref().is_some_and(|f| !f.admits(toks, ids, i + 1)) {
            return None;
        }
        // Most attempts fail on the first element: check it before anything
        // else (a class once per token), then walk the rest. The first
        // element is never optional.
        let first = &elems[0];
        let (end, sem) = match first.atom {
            CAtom::Class(c) => {
                if first.glued && t.space_before || first.capital && !t.upper {
                    return None;
                }
                match bufs.classes.get_mut(c as usize) {
                    Some(slot) => *slot.get_or_insert_with(|| class_match(lex, c, toks, ids, i)),
                    None => class_match(lex, c, toks, ids, i),
                }
            }
            _ => elem_match(lex, first, toks, ids, i),
        }?;
        bufs.caps.clear();
        bufs.caps.resize(elems.len(), None);
        bufs.caps[0] = Some(Cap { sem, start: i, end });
        let mut walk = Walk {
            lex,
            elems,
            toks,
            ids,
            caps: &mut bufs.caps,
            best_caps: &mut bufs.rule_best,
            best: None,
        };
        walk.step(1, end);
        walk.best
    }
}

/// A depth-first walk over a pattern's optional elements, keeping the
/// longest complete match.
struct Walk<'a, 'v> {
    lex: &'a Lexicon,
    elems: &'a [CElem],
    toks: &'a [Token<'v>],
    ids: &'a [u32],
    /// Captures of the path being walked.
    caps: &'a mut Vec<Option<Cap>>,
    /// Captures of the best match so far.
    best_caps: &'a mut Vec<Option<Cap>>,
    /// The best match so far: its end, and the end of its lookaheads.
    best: Option<(usize, usize)>,
}

impl Walk<'_, '_> {
    /// Matches element `ei` onwards from token `ti`.
    fn step(&mut self, ei: usize, ti: usize) {
        let Some(e) = self.elems.get(ei) else {
            // The span ends after the last consuming element.
            let end = self
                .elems
                .iter()
                .zip(self.caps.iter())
                .filter(|(e, _)| !e.lookahead)
                .filter_map(|(_, c)| c.map(|c| c.end))
                .max()
                .unwrap_or(ti);
            if self.best.is_none_or(|(b, f)| (end, ti) > (b, f)) {
                self.best = Some((end, ti));
                self.best_caps.clear();
                self.best_caps.extend_from_slice(self.caps);
            }
            return;
        };
        if let Some((end, sem)) = elem_match(self.lex, e, self.toks, self.ids, ti) {
            self.caps[ei] = Some(Cap {
                sem,
                start: ti,
                end,
            });
            self.step(ei + 1, end);
            self.caps[ei] = None;
        }
        if e.optional {
            self.step(ei + 1, ti);
        }
    }
}

fn merge_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut v: Vec<usize> = a.iter().chain(b).copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The filter on the token after the first element of `elems` (at a number
/// token if `num_token`), when the first element always consumes exactly
/// one token and some element after it is required: the word ids and
/// number-ness that the elements up to the first required one can start
/// with.
fn next_filter(elems: &[CElem], lex: &Lexicon, n: usize, num_token: bool) -> Option<NextFilter> {
    let one_token = match &elems.first()?.atom {
        CAtom::Lit(_) => true,
        CAtom::List(ls) => ls.iter().all(|&l| lex.list(l).single_words()),
        // On a number token, `#count` takes just the number.
        CAtom::Class(Class::Count) => num_token,
        CAtom::Class(c) => matches!(
            c,
            Class::Year | Class::Year2 | Class::MonthNum | Class::Hour | Class::Minute | Class::Num
        ),
    };
    if !one_token {
        return None;
    }
    let mut f = NextFilter {
        words: vec![0; n.div_ceil(64)],
        nums: false,
    };
    let add = |id: u32, f: &mut NextFilter| f.words[id as usize / 64] |= 1 << (id % 64);
    let add_list = |l: &IdList, f: &mut NextFilter| l.first_words().for_each(|id| add(id, f));
    for e in &elems[1..] {
        match &e.atom {
            CAtom::Lit(alts) => alts.iter().for_each(|&id| add(id, &mut f)),
            CAtom::List(ls) => ls.iter().for_each(|&l| add_list(lex.list(l), &mut f)),
            // Any capitalized word: nothing to filter on.
            CAtom::Class(Class::Name) => return None,
            CAtom::Class(c) => {
                f.nums = true;
                match c {
                    Class::Count => add_list(lex.list(lex.uses.numbers), &mut f),
                    Class::Ordinal => add_list(lex.list(lex.uses.ordinals), &mut f),
                    _ => {}
                }
            }
        }
        if !e.optional {
            return Some(f);
        }
    }
    // Every later element is optional: the rule may end after the first.
    None
}
