//! The grammar engine: matches the rules over the token stream and builds
//! underspecified values ([`Draft`]s) for the resolver.
//!
//! Rules are indexed by the class of their first element, so a token costs
//! one index lookup plus the few rules that can start there. At each token
//! the longest match wins (ties: the rule listed first); matching then
//! resumes after it. Patterns have no loops, so the work per token is
//! bounded and the whole pass is linear in the text.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::calendar::{days_in_month, holiday_date};
use super::hash::FastMap;
use super::rules::{
    Arg, Builder, Class, Matcher, RULE_FILES, Rule, RuleError, Sem, WORD_FILES, WordList,
    parse_rules, parse_words, symbol_sem,
};
use super::spec::{Anchor, Dir, Draft, Spec};
use super::timex::{
    Duration, Point, RangeRole, RefPoint, TimeOfDay, Unit, Value, Within, YearSpan,
};
use super::token::{NO_WORD, Token, Vocab};

/// The compiled grammar: word lists, rules and the first-token index.
///
/// For speed, every word the rules can compare against (literals and the
/// tokens of word-list phrases) is interned once as a small integer id; a
/// scan looks each token up once and then matches by comparing ids, so the
/// inner loop neither hashes nor compares strings.
#[derive(Debug)]
pub(crate) struct Grammar {
    /// All rules, in file order.
    pub rules: Vec<Rule>,
    /// The rules compiled against the vocabulary, parallel to `rules`.
    compiled: Vec<Vec<CElem>>,
    /// Per rule, a test of the token after the first when the first element
    /// always consumes exactly one token, parallel to `rules`.
    second: Vec<Option<NextFilter>>,
    /// The same for a first token that is a number.
    second_num: Vec<Option<NextFilter>>,
    /// Every word a pattern can compare, interned.
    vocab: Vocab,
    /// The word lists over word ids, parallel to `lists`.
    id_lists: Vec<IdList>,
    /// Rules that can start at a word, by word id (ascending rule order).
    by_word: Vec<Vec<usize>>,
    /// Rules that can start at a number token, by the number's word id:
    /// `by_word` merged with `num_first` (empty for non-numeric words).
    num_by_word: Vec<Vec<usize>>,
    /// Rules that can start at any number token.
    num_first: Vec<usize>,
    tense: usize,
    numbers: usize,
    ordinals: usize,
    context: WordList,
    year_context: WordList,
    /// Temporal words that are part of a name when capitalized mid-sentence.
    name_words: WordList,
    labels: WordList,
    counted: WordList,
}

/// A word list over word ids.
#[derive(Debug, Default)]
struct IdList {
    /// By first-token id: index into `groups`, or [`NO_WORD`].
    first: Vec<u32>,
    /// Phrases (as word ids) sharing a first token, longest first.
    groups: Vec<IdPhrases>,
}

/// Phrases as word ids, with their values.
type IdPhrases = Vec<(Vec<u32>, Sem)>;

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

/// What a compiled pattern element matches.
#[derive(Debug)]
enum CMatcher {
    /// One of these word ids.
    Lit(Vec<u32>),
    /// Word lists, by index (tried in order).
    List(Vec<usize>),
    /// A token class.
    Class(Class),
}

/// A pattern element compiled against the vocabulary.
#[derive(Debug)]
struct CElem {
    matcher: CMatcher,
    optional: bool,
    glued: bool,
    capital: bool,
    lookahead: bool,
}

#[derive(Debug, Clone, Copy)]
struct Cap {
    sem: Sem,
    start: usize,
    end: usize,
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

/// The number of [`Class`]es.
const CLASSES: usize = 10;

impl Grammar {
    /// Builds the grammar from the bundled data files.
    pub fn bundled() -> Result<Grammar, RuleError> {
        let mut lists = Vec::new();
        for (name, src) in WORD_FILES {
            lists.push((
                name.to_string(),
                parse_words(&format!("{name}.words"), src)?,
            ));
        }
        let context = parse_words("context.words", include_str!("rules/context.words"))?;
        let year_context = parse_words(
            "year_context.words",
            include_str!("rules/year_context.words"),
        )?;
        let labels = parse_words("labels.words", include_str!("rules/labels.words"))?;
        let counted = parse_words("counted.words", include_str!("rules/counted.words"))?;
        let name_words = parse_words("name_words.words", include_str!("rules/name_words.words"))?;
        let mut rules = Vec::new();
        for f in RULE_FILES {
            rules.extend(parse_rules(&format!("{}.rules", f.name), f.rules)?);
        }
        Grammar::new(
            lists,
            rules,
            [context, year_context, labels, counted, name_words],
        )
    }

    fn new(
        named: Vec<(String, WordList)>,
        rules: Vec<Rule>,
        [context, year_context, labels, counted, name_words]: [WordList; 5],
    ) -> Result<Grammar, RuleError> {
        let mut list_names: FastMap<String, usize> = FastMap::default();
        let mut lists = Vec::new();
        for (name, list) in named {
            // A repeated name replaces the earlier list, as a map insert would.
            match list_names.get(&name) {
                Some(&k) => lists[k] = list,
                None => {
                    list_names.insert(name, lists.len());
                    lists.push(list);
                }
            }
        }
        let index = |name: &str| {
            list_names.get(name).copied().ok_or_else(|| RuleError {
                file: "rules".into(),
                line: 0,
                message: format!("the grammar needs the word list @{name}"),
            })
        };
        let tense = index("tense")?;
        let numbers = index("numbers")?;
        let ordinals = index("ordinals")?;
        // The vocabulary: every word of a phrase or a literal.
        let mut vocab = Vocab::default();
        let mut intern = |w: &str| -> u32 { vocab.intern(w) };
        let mut id_phrases: Vec<Vec<(u32, IdPhrases)>> = Vec::new();
        for list in &lists {
            let mut groups = Vec::new();
            for (first, entries) in &list.by_first {
                let first = intern(first);
                let entries = entries
                    .iter()
                    .map(|(p, sem)| (p.iter().map(|w| intern(w)).collect(), *sem))
                    .collect();
                groups.push((first, entries));
            }
            id_phrases.push(groups);
        }
        let mut compiled = Vec::with_capacity(rules.len());
        for rule in &rules {
            let mut elems = Vec::with_capacity(rule.elems.len());
            for e in &rule.elems {
                let matcher = match &e.matcher {
                    Matcher::Lit(alts) => CMatcher::Lit(alts.iter().map(|w| intern(w)).collect()),
                    Matcher::List(ls) => CMatcher::List(
                        ls.iter()
                            .map(|l| {
                                list_names.get(l).copied().ok_or_else(|| RuleError {
                                    file: "rules".into(),
                                    line: 0,
                                    message: format!(
                                        "rule {} uses unknown word list @{l}",
                                        rule.name
                                    ),
                                })
                            })
                            .collect::<Result<_, _>>()?,
                    ),
                    Matcher::Class(c) => CMatcher::Class(*c),
                };
                elems.push(CElem {
                    matcher,
                    optional: e.optional,
                    glued: e.glued,
                    capital: e.capital,
                    lookahead: e.lookahead,
                });
            }
            compiled.push(elems);
        }
        let n = vocab.len();
        let id_lists: Vec<IdList> = id_phrases
            .into_iter()
            .map(|groups| {
                let mut list = IdList {
                    first: vec![NO_WORD; n],
                    groups: Vec::with_capacity(groups.len()),
                };
                for (first, entries) in groups {
                    list.first[first as usize] = list.groups.len() as u32;
                    list.groups.push(entries);
                }
                list
            })
            .collect();
        let mut by_word: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut num_first = Vec::new();
        for (i, elems) in compiled.iter().enumerate() {
            let mut words: Vec<u32> = Vec::new();
            let from_lists = |ls: &[usize], words: &mut Vec<u32>| {
                for &l in ls {
                    words.extend(
                        id_lists[l]
                            .first
                            .iter()
                            .enumerate()
                            .filter(|(_, g)| **g != NO_WORD)
                            .map(|(w, _)| w as u32),
                    );
                }
            };
            match &elems[0].matcher {
                CMatcher::Lit(alts) => words.extend(alts),
                CMatcher::List(ls) => from_lists(ls, &mut words),
                CMatcher::Class(c) => {
                    num_first.push(i);
                    match c {
                        Class::Count => from_lists(&[numbers], &mut words),
                        Class::Ordinal => from_lists(&[ordinals], &mut words),
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
        let second = compiled
            .iter()
            .map(|elems| next_filter(elems, &id_lists, numbers, ordinals, n, false))
            .collect();
        let second_num = compiled
            .iter()
            .map(|elems| next_filter(elems, &id_lists, numbers, ordinals, n, true))
            .collect();
        let mut num_by_word = vec![Vec::new(); n];
        for (w, id) in vocab.iter() {
            if w.iter().all(|b| b.is_ascii_digit()) {
                num_by_word[id as usize] = merge_sorted(&by_word[id as usize], &num_first);
            }
        }
        Ok(Grammar {
            rules,
            compiled,
            second,
            second_num,
            vocab,
            id_lists,
            by_word,
            num_by_word,
            num_first,
            tense,
            numbers,
            ordinals,
            context,
            year_context,
            labels,
            counted,
            name_words,
        })
    }

    /// The word id of each token ([`NO_WORD`] if no pattern uses the word).
    fn word_ids(&self, toks: &[Token]) -> Vec<u32> {
        toks.iter().map(|t| t.word).collect()
    }

    /// The vocabulary: every word a pattern or a word list can compare.
    pub(crate) fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// A tense cue starting at token `i`: its end and direction (+1 future,
    /// -1 past).
    pub fn tense_cue(&self, toks: &[Token], i: usize) -> Option<(usize, i64)> {
        // The tense list is in the vocabulary: match it over word ids,
        // looked up token by token.
        let list = &self.id_lists[self.tense];
        let &group = list.first.get(toks.get(i)?.word as usize)?;
        let found = list.groups.get(group as usize)?.iter().find(|(phrase, _)| {
            phrase
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, &w)| toks.get(i + k).is_some_and(|t| t.word == w))
        });
        match found.map(|(phrase, sem)| (i + phrase.len(), *sem))? {
            (end, Sem::Int(v)) => Some((end, v)),
            _ => None,
        }
    }

    /// Whether a latent match at tokens `start..end` has supporting context.
    pub fn has_context(&self, toks: &[Token], start: usize) -> bool {
        start > 0 && phrase_match_back(&self.context, toks, start)
    }

    fn class_match(
        &self,
        class: Class,
        toks: &[Token],
        ids: &[u32],
        i: usize,
    ) -> Option<(usize, Sem)> {
        let t = &toks[i];
        let glued = |j: usize, w: &[&str]| {
            toks.get(j)
                .is_some_and(|n| !n.space_before && w.contains(&n.lower.as_str()))
        };
        let ordinal_suffix = |j: usize| glued(j, &["st", "nd", "rd", "th"]);
        if let Some((v, d)) = t.num() {
            let v = v as i64;
            return match class {
                Class::Year if d == 4 && (1000..=2099).contains(&v) => Some((i + 1, Sem::Int(v))),
                Class::Year2 if d == 2 => Some((i + 1, Sem::Int(v))),
                Class::Day if d <= 2 && (1..=31).contains(&v) => {
                    let end = if ordinal_suffix(i + 1) { i + 2 } else { i + 1 };
                    Some((end, Sem::Int(v)))
                }
                Class::MonthNum if d <= 2 && (1..=12).contains(&v) => Some((i + 1, Sem::Int(v))),
                Class::Hour if d <= 2 && (0..=23).contains(&v) => Some((i + 1, Sem::Int(v))),
                Class::Minute if d == 2 && (0..=59).contains(&v) => Some((i + 1, Sem::Int(v))),
                Class::Num if d <= 6 => Some((i + 1, Sem::Int(v))),
                // Counted units are small: `1988 quarter` is not 1988 quarters.
                Class::Count if d <= 3 => Some((i + 1, Sem::Int(v))),
                Class::Ordinal if d <= 3 && ordinal_suffix(i + 1) => Some((i + 2, Sem::Int(v))),
                Class::Decade if v % 10 == 0 && (d == 4 || d == 2) => {
                    let year = if d == 2 { 1900 + v } else { v };
                    if glued(i + 1, &["s"]) {
                        Some((i + 2, Sem::Int(year)))
                    } else if glued(i + 1, &["'"]) && glued(i + 2, &["s"]) {
                        Some((i + 3, Sem::Int(year)))
                    } else {
                        None
                    }
                }
                _ => None,
            };
        }
        match class {
            Class::Count => {
                let numbers = &self.id_lists[self.numbers];
                let (end, sem) = id_phrase_match(numbers, ids, i)?;
                let Sem::Int(tens) = sem else { return None };
                if tens >= 20 && tens % 10 == 0 {
                    // twenty-four, twenty four
                    let j = if glued(end, &["-"]) { end + 1 } else { end };
                    if let Some((e2, Sem::Int(unit))) = id_phrase_match(numbers, ids, j) {
                        if (1..=9).contains(&unit) {
                            return Some((e2, Sem::Int(tens + unit)));
                        }
                    }
                }
                Some((end, sem))
            }
            Class::Ordinal => id_phrase_match(&self.id_lists[self.ordinals], ids, i),
            Class::Name if t.upper && t.lower.chars().all(char::is_alphabetic) => {
                Some((i + 1, Sem::Flag))
            }
            _ => None,
        }
    }

    fn elem_match(&self, e: &CElem, toks: &[Token], ids: &[u32], i: usize) -> Option<(usize, Sem)> {
        let t = toks.get(i)?;
        if e.glued && t.space_before {
            return None;
        }
        if e.capital && !t.upper {
            return None;
        }
        match &e.matcher {
            CMatcher::Lit(alts) => alts.contains(&ids[i]).then_some((i + 1, Sem::Flag)),
            CMatcher::List(ls) => ls
                .iter()
                .find_map(|&l| id_phrase_match(&self.id_lists[l], ids, i)),
            CMatcher::Class(c) => self.class_match(*c, toks, ids, i),
        }
    }

    /// Longest match of rule `r` at token `i`: end token and end of the
    /// lookaheads; its captures are left in `bufs.rule_best`.
    fn rule_match(
        &self,
        r: usize,
        toks: &[Token],
        ids: &[u32],
        i: usize,
        bufs: &mut Bufs,
    ) -> Option<(usize, usize)> {
        let elems = &self.compiled[r];
        let t = &toks[i];
        let filter = if t.num().is_some() {
            &self.second_num[r]
        } else {
            &self.second[r]
        };
        if let Some(f) = filter {
            if !f.admits(toks, ids, i + 1) {
                return None;
            }
        }
        // Most attempts fail on the first element: check it before anything
        // else (a class once per token), then walk the rest. The first
        // element is never optional.
        let first = &elems[0];
        let (end, sem) = match first.matcher {
            CMatcher::Class(c) => {
                if first.glued && t.space_before || first.capital && !t.upper {
                    return None;
                }
                match bufs.classes.get_mut(c as usize) {
                    Some(slot) => *slot.get_or_insert_with(|| self.class_match(c, toks, ids, i)),
                    None => self.class_match(c, toks, ids, i),
                }
            }
            _ => self.elem_match(first, toks, ids, i),
        }?;
        bufs.caps.clear();
        bufs.caps.resize(elems.len(), None);
        bufs.caps[0] = Some(Cap { sem, start: i, end });
        let mut best = None;
        self.walk(
            elems,
            toks,
            ids,
            1,
            end,
            &mut bufs.caps,
            &mut bufs.rule_best,
            &mut best,
        );
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        elems: &[CElem],
        toks: &[Token],
        ids: &[u32],
        ei: usize,
        ti: usize,
        caps: &mut Vec<Option<Cap>>,
        best_caps: &mut Vec<Option<Cap>>,
        best: &mut Option<(usize, usize)>,
    ) {
        let Some(e) = elems.get(ei) else {
            // The span ends after the last consuming element.
            let end = elems
                .iter()
                .zip(caps.iter())
                .filter(|(e, _)| !e.lookahead)
                .filter_map(|(_, c)| c.map(|c| c.end))
                .max()
                .unwrap_or(ti);
            if best.is_none_or(|(b, f)| (end, ti) > (b, f)) {
                *best = Some((end, ti));
                best_caps.clear();
                best_caps.extend_from_slice(caps);
            }
            return;
        };
        if let Some((end, sem)) = self.elem_match(e, toks, ids, ti) {
            caps[ei] = Some(Cap {
                sem,
                start: ti,
                end,
            });
            self.walk(elems, toks, ids, ei + 1, end, caps, best_caps, best);
            caps[ei] = None;
        }
        if e.optional {
            self.walk(elems, toks, ids, ei + 1, ti, caps, best_caps, best);
        }
    }

    /// Runs the grammar over `toks`: non-overlapping drafts in text order.
    pub fn scan(&self, toks: &[Token]) -> Vec<Draft> {
        let mut out = Vec::new();
        let ids = self.word_ids(toks);
        let mut bufs = Bufs::default();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let id = ids[i];
            let candidates: &[usize] = if t.num().is_some() {
                match self.num_by_word.get(id as usize) {
                    Some(v) if !v.is_empty() => v,
                    _ => &self.num_first,
                }
            } else {
                self.by_word.get(id as usize).map_or(&[], Vec::as_slice)
            };
            // Longest span wins; on a tie, the longer match with lookaheads
            // (so `neg.dateline` beats `date.month_day`), then file order.
            let mut best: Option<(usize, usize, usize)> = None;
            bufs.classes = [None; CLASSES];
            for &r in candidates {
                if let Some((end, full)) = self.rule_match(r, toks, &ids, i, &mut bufs) {
                    if best.is_none_or(|(e, f, _)| (end, full) > (e, f)) {
                        best = Some((end, full, r));
                        std::mem::swap(&mut bufs.best, &mut bufs.rule_best);
                    }
                }
            }
            let mut advanced = false;
            if let Some((end, _, r)) = best {
                let rule = &self.rules[r];
                if rule.builder == Builder::Reject {
                    i = end;
                    continue;
                }
                if self.plausible(rule, toks, i, end) {
                    // An invalid value (`February 30, 2020`) is consumed too:
                    // its parts are not dates on their own.
                    // A weak match stays latent unless a context word (`in
                    // 1991`, `since May`) vouches for it.
                    let latent = (rule.latent || rule.weak) && !self.has_context(toks, i);
                    out.extend(build(rule, &bufs.best, i, end).into_iter().map(|mut d| {
                        d.latent = latent;
                        d
                    }));
                    i = end;
                    advanced = true;
                }
            }
            if !advanced {
                i += 1;
            }
        }
        out
    }

    /// False friends and latent matches: whether tokens `start..end` can be a
    /// temporal expression in their surroundings.
    fn plausible(&self, rule: &Rule, toks: &[Token], start: usize, end: usize) -> bool {
        let first = &toks[start];
        let last = &toks[end - 1];
        let prev = start.checked_sub(1).map(|p| &toks[p]);
        let next = toks.get(end);
        let glued_prev = prev.filter(|_| !first.space_before);
        let glued_next = next.filter(|n| !n.space_before);
        // JF-17, Brothers-2021, 555-1991: a number glued to a word or number
        // by a hyphen or slash is part of a name or a code.
        if first.num().is_some() {
            if let Some(p) = glued_prev {
                if ["-", "/", ".", ":", ",", "–"].contains(&p.lower.as_str()) && start >= 2 {
                    let pp = &toks[start - 2];
                    if !p.space_before && (pp.num().is_some() || pp.is_word()) {
                        return false;
                    }
                }
                if p.is_word() {
                    return false;
                }
            }
            if let Some(p) = prev {
                if ["$", "€", "£", "#", "¥", "+"].contains(&p.lower.as_str()) {
                    return false;
                }
            }
            // Resolution 1325, Flight 1549, page 1991.
            if start > 0 && phrase_match_back(&self.labels, toks, start) {
                return false;
            }
        }
        if last.num().is_some() || last.is_word() {
            if let Some(n) = glued_next {
                if ["%", "-", "/", ".", ":", ","].contains(&n.lower.as_str()) {
                    if let Some(nn) = toks.get(end + 1) {
                        if !nn.space_before && nn.num().is_some() {
                            return false;
                        }
                    }
                }
                if n.lower == "%" {
                    return false;
                }
                if last.num().is_some() && n.is_word() {
                    return false;
                }
                if n.lower == "-"
                    && toks
                        .get(end + 1)
                        .is_some_and(|nn| !nn.space_before && nn.upper)
                {
                    return false;
                }
            }
        }
        if rule.latent && !self.has_context(toks, start) {
            return false;
        }
        if self.in_name(rule, toks, start, end) {
            return false;
        }
        if rule.weak {
            // A bare number before a plural noun counts things (`1500
            // troops`); an adjective before one qualifies it (`weekly
            // flights`).
            if let Some(n) = next {
                if n.is_word()
                    && n.lower.len() > 3
                    && n.lower.as_bytes().ends_with(b"s")
                    && !n.upper
                {
                    return false;
                }
            }
            if first.num().is_some() && phrase_match(&self.counted, toks, end).is_some() {
                return false;
            }
            if prev.is_some_and(|p| p.num().is_some() || p.lower == "at") {
                return false;
            }
            // Years before 1900 need a preposition: `in 1453`, not `1500 police`.
            if first.num().is_some_and(|(v, _)| v < 1900)
                && !(start > 0 && phrase_match_back(&self.year_context, toks, start))
            {
                return false;
            }
        }
        true
    }

    /// Whether tokens `start..end` belong to a name (`"This Week"`, `60
    /// Minutes`, `High Noon`, `USA Today`): a word of `name_words.words`
    /// capitalized inside a sentence, after a word of the match or after a
    /// capitalized word. Holiday names and headline lines are exempt.
    fn in_name(&self, rule: &Rule, toks: &[Token], start: usize, end: usize) -> bool {
        let capital_word = |k: usize| toks[k].upper && toks[k].is_word();
        // Cheapest test first: this runs on every match.
        let hit = (start..end).any(|k| {
            capital_word(k)
                && !sentence_initial(toks, k)
                && phrase_match(&self.name_words, toks, k).is_some_and(|(e, _)| e == k + 1)
                && (k > start || capital_word(k - 1))
        });
        let holiday = || {
            rule.elems.iter().any(
                |e| matches!(&e.matcher, Matcher::List(ls) if ls.iter().any(|l| l == "holidays")),
            )
        };
        hit && !holiday() && !headline(toks, start)
    }
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

fn merge_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut v: Vec<usize> = a.iter().chain(b).copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The filter on the token after the first element of `elems` (at a number
/// token if `num_token`), when the first element always consumes exactly one
/// token and some element after
/// it is required: the word ids and number-ness that the elements up to
/// the first required one can start with.
fn next_filter(
    elems: &[CElem],
    lists: &[IdList],
    numbers: usize,
    ordinals: usize,
    n: usize,
    num_token: bool,
) -> Option<NextFilter> {
    let single = |l: &IdList| l.groups.iter().flatten().all(|(p, _)| p.len() == 1);
    let one_token = match &elems.first()?.matcher {
        CMatcher::Lit(_) => true,
        CMatcher::List(ls) => ls.iter().all(|&l| single(&lists[l])),
        // On a number token, `#count` takes just the number.
        CMatcher::Class(Class::Count) => num_token,
        CMatcher::Class(c) => matches!(
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
    let add_list = |l: &IdList, f: &mut NextFilter| {
        for (id, g) in l.first.iter().enumerate() {
            if *g != NO_WORD {
                add(id as u32, f);
            }
        }
    };
    for e in &elems[1..] {
        match &e.matcher {
            CMatcher::Lit(alts) => alts.iter().for_each(|&id| add(id, &mut f)),
            CMatcher::List(ls) => ls.iter().for_each(|&l| add_list(&lists[l], &mut f)),
            // Any capitalized word: nothing to filter on.
            CMatcher::Class(Class::Name) => return None,
            CMatcher::Class(c) => {
                f.nums = true;
                match c {
                    Class::Count => add_list(&lists[numbers], &mut f),
                    Class::Ordinal => add_list(&lists[ordinals], &mut f),
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

/// [`phrase_match`] over word ids.
fn id_phrase_match(list: &IdList, ids: &[u32], i: usize) -> Option<(usize, Sem)> {
    let &first = ids.get(i)?;
    let &group = list.first.get(first as usize)?;
    let entries = list.groups.get(group as usize)?;
    'entries: for (phrase, sem) in entries {
        for (k, w) in phrase.iter().enumerate().skip(1) {
            if ids.get(i + k) != Some(w) {
                continue 'entries;
            }
        }
        return Some((i + phrase.len(), *sem));
    }
    None
}

fn phrase_match(list: &WordList, toks: &[Token], i: usize) -> Option<(usize, Sem)> {
    let first = toks.get(i)?;
    let entries = list.by_first.get(first.lower.as_str())?;
    'entries: for (phrase, sem) in entries {
        for (k, w) in phrase.iter().enumerate().skip(1) {
            match toks.get(i + k) {
                Some(t) if t.lower == *w => {}
                _ => continue 'entries,
            }
        }
        return Some((i + phrase.len(), *sem));
    }
    None
}

/// Whether a phrase of `list` ends right before token `end`.
fn phrase_match_back(list: &WordList, toks: &[Token], end: usize) -> bool {
    // Context phrases are short; try start positions up to 3 tokens back.
    (1..=3)
        .any(|len| end >= len && phrase_match(list, toks, end - len).is_some_and(|(e, _)| e == end))
}

fn sem_int(s: Sem) -> Option<i64> {
    match s {
        Sem::Int(i) => Some(i),
        _ => None,
    }
}

/// Builds the drafts for a match of `rule` with captures `caps`.
fn build(rule: &Rule, caps: &[Option<Cap>], start: usize, end: usize) -> Vec<Draft> {
    let mut args: BTreeMap<&str, Sem> = BTreeMap::new();
    let mut syms: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, a) in &rule.args {
        match a {
            Arg::Capture(i, neg) => {
                let Some(c) = caps[*i] else { continue };
                let sem = match (c.sem, neg) {
                    (Sem::Int(v), true) => Sem::Int(-v),
                    (s, _) => s,
                };
                args.insert(k, sem);
            }
            Arg::Int(v) => {
                args.insert(k, Sem::Int(*v));
            }
            Arg::Sym(s) => {
                if let Some(sem) = symbol_sem(s) {
                    args.insert(k, sem);
                }
                syms.insert(k, s);
            }
        }
    }
    let int = |k: &str| args.get(k).copied().and_then(sem_int);
    let modifier = match args.get("mod") {
        Some(Sem::Mod(m)) => Some(*m),
        _ => None,
    };
    let unit = match args.get("unit") {
        Some(Sem::Unit(u)) => Some(*u),
        _ => None,
    };
    let children: Vec<String> = rule
        .elems
        .iter()
        .zip(caps)
        .filter(|(_, c)| c.is_some())
        .filter_map(|(e, _)| match &e.matcher {
            Matcher::List(ls) => Some(format!("@{}", ls.join("|"))),
            Matcher::Class(c) => Some(format!("#{c:?}").to_lowercase()),
            Matcher::Lit(_) => None,
        })
        .collect();
    let draft = |spec: Spec, s: usize, e: usize, range: Option<RangeRole>| Draft {
        start_tok: s,
        end_tok: e,
        kind: rule.kind,
        spec,
        modifier,
        latent: rule.latent || rule.weak,
        rule: rule.name.clone(),
        children: children.clone(),
        range,
        week_of: syms.get("as") == Some(&"week"),
    };
    let spec = match rule.builder {
        Builder::Ref => match args.get("which") {
            Some(Sem::Ref(r)) => Spec::Fixed(Value::Ref(*r)),
            _ => Spec::Fixed(Value::Ref(RefPoint::Present)),
        },
        Builder::Dur | Builder::Set => {
            let Some(unit) = unit else { return Vec::new() };
            let amount = match int("amount") {
                Some(a) if !(0..=1_000_000).contains(&a) => return Vec::new(),
                Some(a) => Some(a as u32),
                None if rule.builder == Builder::Set => Some(1),
                None => None,
            };
            // `2 1/2 years`, `half an hour`: half a unit more.
            let half = int("half") == Some(1) && amount.is_some();
            // TimeML writes counted decades and centuries in years (P20Y,
            // P100Y, a decade and a half P15Y) and quarters as quarters (P2Q).
            let years = match unit {
                Unit::Decade => Some(10),
                Unit::Century if amount.is_some() => Some(100),
                _ => None,
            };
            let (amount, unit, half) = match years {
                Some(n) => (
                    amount.map(|a| {
                        a.saturating_mul(n)
                            .saturating_add(if half { n / 2 } else { 0 })
                    }),
                    Unit::Year,
                    false,
                ),
                None => (amount, unit, half),
            };
            Spec::Fixed(Value::Duration(Duration { amount, unit, half }))
        }
        Builder::Rel => {
            let Some(unit) = unit else { return Vec::new() };
            let mut offset = int("offset").unwrap_or(0).clamp(-10_000, 10_000) as i32;
            // Counted decades and centuries ("two decades ago", "a century
            // later") are years; "the last decade" stays a decade.
            let counted = rule
                .args
                .iter()
                .any(|(k, a)| k == "offset" && matches!(a, Arg::Capture(..)));
            let mut unit = unit;
            let anchored = !matches!(syms.get("anchor"), None | Some(&"dct"));
            if counted || anchored {
                match unit {
                    Unit::Decade => {
                        offset *= 10;
                        unit = Unit::Year;
                    }
                    Unit::Century => {
                        offset *= 100;
                        unit = Unit::Year;
                    }
                    _ => {}
                }
            }
            let anchor = match syms.get("anchor") {
                Some(&"ref") => Anchor::Reference,
                Some(&"period") => Anchor::Period,
                _ => Anchor::Dct,
            };
            let time = match args.get("part") {
                Some(Sem::Part(p)) => Some(TimeOfDay::Part(*p)),
                _ => None,
            };
            // `within=weekend`: the weekend of the resulting week.
            let within = if syms.get("within") == Some(&"weekend") {
                Within::Weekend(0)
            } else {
                Within::Whole
            };
            Spec::Shift {
                offset,
                unit,
                anchor,
                within,
                time,
            }
        }
        Builder::YearRange => {
            let (Some(a), Some(b)) = (int("from"), int("to")) else {
                return Vec::new();
            };
            let b = if b < 100 { a - a % 100 + b } else { b };
            if b <= a || b - a > 200 {
                return Vec::new();
            }
            let year = |y: i64| {
                Spec::Fixed(Value::Point(Point {
                    year: Some(y as i32),
                    span: YearSpan::Year,
                    within: Within::Whole,
                    time: None,
                }))
            };
            let span_of = |k: &str| {
                rule.args.iter().find_map(|(key, a)| match a {
                    Arg::Capture(i, _) if key == k => caps[*i].map(|c| (c.start, c.end)),
                    _ => None,
                })
            };
            let (Some((s1, e1)), Some((s2, e2))) = (span_of("from"), span_of("to")) else {
                return Vec::new();
            };
            return vec![
                draft(year(a), s1, e1, Some(RangeRole::Start)),
                draft(year(b), s2, e2, Some(RangeRole::End)),
            ];
        }
        Builder::DayRange => {
            let (Some(a), Some(b)) = (int("from"), int("to")) else {
                return Vec::new();
            };
            if b <= a {
                return Vec::new();
            }
            let span_of = |k: &str| {
                rule.args.iter().find_map(|(key, a)| match a {
                    Arg::Capture(i, _) if key == k => caps[*i].map(|c| (c.start, c.end)),
                    _ => None,
                })
            };
            let (Some((_, e1)), Some((s2, _))) = (span_of("from"), span_of("to")) else {
                return Vec::new();
            };
            let mut first = args.clone();
            first.insert("day", Sem::Int(a));
            let mut second = args.clone();
            second.insert("day", Sem::Int(b));
            let (Some(x), Some(y)) = (date_spec(&first, &syms), date_spec(&second, &syms)) else {
                return Vec::new();
            };
            // `link=none`: two days, not an interval ("April 24 and 25").
            let (r1, r2) = if syms.get("link") == Some(&"none") {
                (None, None)
            } else {
                (Some(RangeRole::Start), Some(RangeRole::End))
            };
            return vec![draft(x, start, e1, r1), draft(y, s2, end, r2)];
        }
        Builder::Reject => return Vec::new(),
        Builder::Reporting => {
            let year = match int("year") {
                Some(y) if (1000..=2099).contains(&y) => Some(y as i32),
                Some(_) => return Vec::new(),
                None => None,
            };
            let quarter = match int("quarter") {
                Some(q) if (1..=4).contains(&q) => q as u8,
                Some(_) => return Vec::new(),
                None => 0,
            };
            Spec::Reporting {
                year,
                offset: int("offset").unwrap_or(0).clamp(-100, 100) as i32,
                quarter,
                of_quarter: syms.get("of") == Some(&"quarter"),
            }
        }
        Builder::Every => match date_spec(&args, &syms) {
            Some(Spec::Cyclic {
                within,
                weekday,
                holiday: None,
                time,
                ..
            }) => Spec::Fixed(Value::Recurring {
                within,
                weekday,
                time,
            }),
            _ => return Vec::new(),
        },
        Builder::Date => match date_spec(&args, &syms) {
            Some(s) => s,
            None => return Vec::new(),
        },
    };
    vec![draft(spec, start, end, None)]
}

fn date_spec(args: &BTreeMap<&str, Sem>, syms: &BTreeMap<&str, &str>) -> Option<Spec> {
    let int = |k: &str| args.get(k).copied().and_then(sem_int);
    let mut year = int("year").map(|y| {
        if y < 100 {
            if y < 30 { 2000 + y } else { 1900 + y }
        } else {
            y
        }
    });
    let mut span = YearSpan::Year;
    if let Some(d) = int("decade") {
        year = Some(d - d.rem_euclid(10));
        // `the 1800s`, `the early 1900s`: a century (the 2000s stay the
        // decade 2000–2009, as news uses them).
        span = if d % 100 == 0 && d < 2000 {
            YearSpan::Century
        } else {
            YearSpan::Decade
        };
    }
    if let Some(c) = int("century") {
        // "the 20th century" is 1900–1999.
        if !(1..=30).contains(&c) {
            return None;
        }
        year = Some((c - 1) * 100);
        span = YearSpan::Century;
    }
    let month = int("month");
    let day = int("day");
    let within = match (month, day) {
        (Some(m), Some(d)) => {
            if !(1..=12).contains(&m) || d < 1 || d > days_in_month(m as u32) {
                return None;
            }
            Within::Day {
                month: m as u8,
                day: d as u8,
            }
        }
        (Some(m), None) if (1..=12).contains(&m) => Within::Month(m as u8),
        (Some(_), None) => return None,
        (None, _) => {
            if let Some(Sem::Season(s)) = args.get("season") {
                Within::Season(*s)
            } else if let Some(q) = int("quarter") {
                if !(1..=4).contains(&q) {
                    return None;
                }
                Within::Quarter(q as u8)
            } else if let Some(h) = int("half") {
                if !(1..=2).contains(&h) {
                    return None;
                }
                Within::Half(h as u8)
            } else {
                Within::Whole
            }
        }
    };
    if let (Some(y), Within::Day { month, day }) = (year, within) {
        chrono::NaiveDate::from_ymd_opt(y as i32, month.into(), day.into())?;
    }
    let time = if let Some(h) = int("hour") {
        let minute = int("minute").unwrap_or(0);
        let mut hour = h;
        match syms.get("ampm") {
            Some(&"pm") if (1..=11).contains(&h) => hour += 12,
            Some(&"am") if h == 12 => hour = 0,
            Some(_) if !(1..=12).contains(&h) => return None,
            _ => {}
        }
        if !(0..=23).contains(&hour) || !(0..=59).contains(&minute) {
            return None;
        }
        Some(TimeOfDay::Clock {
            hour: hour as u8,
            minute: minute as u8,
        })
    } else {
        match args.get("part") {
            Some(Sem::Part(p)) => Some(TimeOfDay::Part(*p)),
            _ => None,
        }
    };
    let dir = match syms.get("dir") {
        Some(&"past") => Dir::Past,
        Some(&"future") => Dir::Future,
        Some(&"this") => Dir::This,
        _ => Dir::Tense,
    };
    let weekday = int("weekday")
        .filter(|w| (1..=7).contains(w))
        .map(|w| w as u8);
    let holiday = match args.get("holiday") {
        Some(Sem::Holiday(h)) => Some(*h),
        _ => None,
    };
    if let (Some(y), Some(h)) = (year, holiday) {
        let d = holiday_date(i32::try_from(y).ok()?, h)?;
        return Some(Spec::Fixed(Value::Point(Point {
            year: Some(d.year()),
            span: YearSpan::Year,
            within: Within::Day {
                month: d.month() as u8,
                day: d.day() as u8,
            },
            time,
        })));
    }
    if let Some(y) = year {
        if !(-9999..=9999).contains(&y) {
            return None;
        }
        return Some(Spec::Fixed(Value::Point(Point {
            year: Some(y as i32),
            span,
            within,
            time,
        })));
    }
    if let Some(off) = int("yearrel") {
        return Some(Spec::Shift {
            offset: off.clamp(-100, 100) as i32,
            unit: Unit::Year,
            anchor: Anchor::Dct,
            within,
            time,
        });
    }
    if weekday.is_some() || holiday.is_some() || within != Within::Whole {
        return Some(Spec::Cyclic {
            within,
            weekday,
            holiday,
            time,
            dir,
        });
    }
    if time.is_some() {
        return Some(Spec::Shift {
            offset: 0,
            unit: Unit::Day,
            anchor: Anchor::Reference,
            within: Within::Whole,
            time,
        });
    }
    None
}
