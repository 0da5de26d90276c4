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
use std::sync::OnceLock;

use super::rules::{
    Arg, Builder, Class, Elem, FastMap, Holiday, Matcher, RULE_FILES, Rule, RuleError, Sem,
    WORD_FILES, WordList, parse_rules, parse_words, symbol_sem,
};
use super::timex::{
    Duration, Modifier, Point, RangeRole, RefPoint, TimeOfDay, TimexType, Unit, Value, Within,
    YearSpan,
};
use super::token::Token;

/// Which occurrence of a cyclic date (a weekday, a month) is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Decide from the sentence's tense.
    Tense,
    /// The last one before the anchor ("last Friday").
    Past,
    /// The next one after the anchor ("next Tuesday").
    Future,
    /// The one in the anchor's current week/year ("this Friday").
    This,
}

/// What a relative expression counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The document creation time ("two years ago").
    Dct,
    /// The last mentioned date ("the previous day", "the following year").
    Reference,
    /// The reporting period: for years, the DCT, but a quarter mentioned
    /// last keeps its granularity ("the third quarter ... a year ago" is the
    /// third quarter a year before); for finer units, the last mentioned
    /// date ("a day earlier").
    Period,
}

/// An underspecified value, as the grammar reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// Fully given by the text: `2020-11-10`, `P44D`, `PRESENT_REF`.
    Fixed(Value),
    /// A point in a repeating calendar without its year: `March`, `Friday`,
    /// `Sept. 30`, `the third quarter`, `Christmas`.
    Cyclic {
        /// The part of the year (may be `Whole` for weekdays and holidays).
        within: Within,
        /// A weekday, 1 = Monday.
        weekday: Option<u8>,
        /// A holiday.
        holiday: Option<Holiday>,
        /// A time of day.
        time: Option<TimeOfDay>,
        /// Which occurrence.
        dir: Dir,
    },
    /// `offset` units from an anchor: `last year`, `two days ago`; with
    /// `within` a part of the shifted year (`June last year`).
    Shift {
        /// Signed count of units.
        offset: i32,
        /// The unit and granularity.
        unit: Unit,
        /// What it counts from.
        anchor: Anchor,
        /// A part of the resulting year, for year shifts.
        within: Within,
        /// A time of day.
        time: Option<TimeOfDay>,
    },
}

/// A match of one rule, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// First token.
    pub start_tok: usize,
    /// One past the last token.
    pub end_tok: usize,
    /// The TIMEX3 type.
    pub kind: TimexType,
    /// The underspecified value.
    pub spec: Spec,
    /// The modifier.
    pub modifier: Option<Modifier>,
    /// A weak match (a bare year, a set adverb) that no context word vouches
    /// for: `its 1990 invasion`, but not `in 1990`.
    pub latent: bool,
    /// The rule's name.
    pub rule: String,
    /// Word lists and classes that contributed.
    pub children: Vec<String>,
    /// Its role when the rule produced a range.
    pub range: Option<RangeRole>,
}

/// The compiled grammar: word lists, rules and the first-token index.
#[derive(Debug)]
pub struct Grammar {
    lists: FastMap<String, WordList>,
    /// All rules, in file order.
    pub rules: Vec<Rule>,
    by_word: FastMap<String, Vec<usize>>,
    num_first: Vec<usize>,
    context: WordList,
    year_context: WordList,
    labels: WordList,
    counted: WordList,
}

/// The grammar built from the bundled data files (built once).
pub fn grammar() -> Result<&'static Grammar, &'static RuleError> {
    static G: OnceLock<Result<Grammar, RuleError>> = OnceLock::new();
    G.get_or_init(Grammar::bundled).as_ref()
}

#[derive(Debug, Clone, Copy)]
struct Cap {
    sem: Sem,
    start: usize,
    end: usize,
}

impl Grammar {
    /// Builds the grammar from the bundled data files.
    pub fn bundled() -> Result<Grammar, RuleError> {
        let mut lists = FastMap::default();
        for (name, src) in WORD_FILES {
            lists.insert(
                name.to_string(),
                parse_words(&format!("{name}.words"), src)?,
            );
        }
        let context = parse_words("context.words", include_str!("rules/context.words"))?;
        let year_context = parse_words(
            "year_context.words",
            include_str!("rules/year_context.words"),
        )?;
        let labels = parse_words("labels.words", include_str!("rules/labels.words"))?;
        let counted = parse_words("counted.words", include_str!("rules/counted.words"))?;
        let mut rules = Vec::new();
        for (name, src, _) in RULE_FILES {
            rules.extend(parse_rules(&format!("{name}.rules"), src)?);
        }
        Grammar::new(lists, rules, [context, year_context, labels, counted])
    }

    fn new(
        lists: FastMap<String, WordList>,
        rules: Vec<Rule>,
        [context, year_context, labels, counted]: [WordList; 4],
    ) -> Result<Grammar, RuleError> {
        let mut by_word: FastMap<String, Vec<usize>> = FastMap::default();
        let mut num_first = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for e in &rule.elems {
                for l in match &e.matcher {
                    Matcher::List(ls) => ls.as_slice(),
                    _ => &[],
                } {
                    if !lists.contains_key(l) {
                        return Err(RuleError {
                            file: "rules".into(),
                            line: 0,
                            message: format!("rule {} uses unknown word list @{l}", rule.name),
                        });
                    }
                }
            }
            let first = &rule.elems[0];
            let mut words: Vec<String> = Vec::new();
            match &first.matcher {
                Matcher::Lit(alts) => words.extend(alts.iter().cloned()),
                Matcher::List(ls) => {
                    for l in ls {
                        if let Some(list) = lists.get(l) {
                            words.extend(list.by_first.keys().cloned());
                        }
                    }
                }
                Matcher::Class(c) => {
                    num_first.push(i);
                    let extra = match c {
                        Class::Count => Some("numbers"),
                        Class::Ordinal => Some("ordinals"),
                        _ => None,
                    };
                    if let Some(list) = extra.and_then(|l| lists.get(l)) {
                        words.extend(list.by_first.keys().cloned());
                    }
                }
            }
            for w in words {
                let v = by_word.entry(w).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Ok(Grammar {
            lists,
            rules,
            by_word,
            num_first,
            context,
            year_context,
            labels,
            counted,
        })
    }

    /// Whether the word list `name` has a phrase starting at token `i`.
    fn list_match(&self, name: &str, toks: &[Token], i: usize) -> Option<(usize, Sem)> {
        let list = self.lists.get(name)?;
        phrase_match(list, toks, i)
    }

    /// A tense cue starting at token `i`: its end and direction (+1 future,
    /// -1 past).
    pub fn tense_cue(&self, toks: &[Token], i: usize) -> Option<(usize, i64)> {
        match self.list_match("tense", toks, i)? {
            (end, Sem::Int(v)) => Some((end, v)),
            _ => None,
        }
    }

    /// Whether a latent match at tokens `start..end` has supporting context.
    pub fn has_context(&self, toks: &[Token], start: usize) -> bool {
        start > 0 && phrase_match_back(&self.context, toks, start)
    }

    fn class_match(&self, class: Class, toks: &[Token], i: usize) -> Option<(usize, Sem)> {
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
                let (end, sem) = self.list_match("numbers", toks, i)?;
                let Sem::Int(tens) = sem else { return None };
                if tens >= 20 && tens % 10 == 0 {
                    // twenty-four, twenty four
                    let j = if glued(end, &["-"]) { end + 1 } else { end };
                    if let Some((e2, Sem::Int(unit))) = self.list_match("numbers", toks, j) {
                        if (1..=9).contains(&unit) {
                            return Some((e2, Sem::Int(tens + unit)));
                        }
                    }
                }
                Some((end, sem))
            }
            Class::Ordinal => self.list_match("ordinals", toks, i),
            _ => None,
        }
    }

    fn elem_match(&self, e: &Elem, toks: &[Token], i: usize) -> Option<(usize, Sem)> {
        let t = toks.get(i)?;
        if e.glued && t.space_before {
            return None;
        }
        if e.capital && !t.upper {
            return None;
        }
        match &e.matcher {
            Matcher::Lit(alts) => alts.contains(&t.lower).then_some((i + 1, Sem::Flag)),
            Matcher::List(ls) => ls.iter().find_map(|l| self.list_match(l, toks, i)),
            Matcher::Class(c) => self.class_match(*c, toks, i),
        }
    }

    /// Longest match of `rule` at token `i`: end token and captures.
    fn rule_match(
        &self,
        rule: &Rule,
        toks: &[Token],
        i: usize,
        caps: &mut Vec<Option<Cap>>,
    ) -> Option<(usize, usize, Vec<Option<Cap>>)> {
        // Most attempts fail on the first element: check it before anything
        // else.
        self.elem_match(&rule.elems[0], toks, i)?;
        caps.clear();
        caps.resize(rule.elems.len(), None);
        let mut best = None;
        self.walk(rule, toks, 0, i, caps, &mut best);
        best
    }

    fn walk(
        &self,
        rule: &Rule,
        toks: &[Token],
        ei: usize,
        ti: usize,
        caps: &mut Vec<Option<Cap>>,
        best: &mut Option<(usize, usize, Vec<Option<Cap>>)>,
    ) {
        let Some(e) = rule.elems.get(ei) else {
            // The span ends after the last consuming element.
            let end = rule
                .elems
                .iter()
                .zip(caps.iter())
                .filter(|(e, _)| !e.lookahead)
                .filter_map(|(_, c)| c.map(|c| c.end))
                .max()
                .unwrap_or(ti);
            if best.as_ref().is_none_or(|(b, f, _)| (end, ti) > (*b, *f)) {
                *best = Some((end, ti, caps.clone()));
            }
            return;
        };
        if let Some((end, sem)) = self.elem_match(e, toks, ti) {
            caps[ei] = Some(Cap {
                sem,
                start: ti,
                end,
            });
            self.walk(rule, toks, ei + 1, end, caps, best);
            caps[ei] = None;
        }
        if e.optional {
            self.walk(rule, toks, ei + 1, ti, caps, best);
        }
    }

    /// Runs the grammar over `toks`: non-overlapping drafts in text order.
    pub fn scan(&self, toks: &[Token]) -> Vec<Draft> {
        let mut out = Vec::new();
        let mut buf: Vec<Option<Cap>> = Vec::new();
        let mut i = 0;
        let empty: Vec<usize> = Vec::new();
        while i < toks.len() {
            let t = &toks[i];
            let words = self.by_word.get(&t.lower).unwrap_or(&empty);
            let nums = if t.num().is_some() {
                &self.num_first
            } else {
                &empty
            };
            // Longest span wins; on a tie, the longer match with lookaheads
            // (so `neg.dateline` beats `date.month_day`), then file order.
            let mut best: Option<(usize, usize, usize, Vec<Option<Cap>>)> = None;
            let merged;
            let candidates: &[usize] = if nums.is_empty() {
                words
            } else if words.is_empty() {
                nums
            } else {
                merged = merge_sorted(words, nums);
                &merged
            };
            for &r in candidates {
                let rule = &self.rules[r];
                if let Some((end, full, caps)) = self.rule_match(rule, toks, i, &mut buf) {
                    if best
                        .as_ref()
                        .is_none_or(|(e, f, _, _)| (end, full) > (*e, *f))
                    {
                        best = Some((end, full, r, caps));
                    }
                }
            }
            let mut advanced = false;
            if let Some((end, _, r, caps)) = best {
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
                    out.extend(build(rule, &caps, i, end).into_iter().map(|mut d| {
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
        if rule.weak {
            // A bare number before a plural noun counts things (`1500
            // troops`); an adjective before one qualifies it (`weekly
            // flights`).
            if let Some(n) = next {
                if n.is_word() && n.lower.len() > 3 && n.lower.ends_with('s') && !n.upper {
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
}

fn merge_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut v: Vec<usize> = a.iter().chain(b).copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn phrase_match(list: &WordList, toks: &[Token], i: usize) -> Option<(usize, Sem)> {
    let first = toks.get(i)?;
    let entries = list.by_first.get(&first.lower)?;
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
            // TimeML writes decades and centuries in years: P20Y, P100Y.
            let (amount, unit) = match unit {
                Unit::Decade => (amount.map(|a| a.saturating_mul(10)), Unit::Year),
                Unit::Century if amount.is_some() => {
                    (amount.map(|a| a.saturating_mul(100)), Unit::Year)
                }
                Unit::Quarter => (amount.map(|a| a.saturating_mul(3)), Unit::Month),
                u => (amount, u),
            };
            Spec::Fixed(Value::Duration(Duration { amount, unit }))
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
        span = YearSpan::Decade;
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
        let d = super::resolve::holiday_date(i32::try_from(y).ok()?, h)?;
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

/// The most days a month can have (February: 29).
pub fn days_in_month(m: u32) -> i64 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
