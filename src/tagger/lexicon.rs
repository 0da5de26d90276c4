//! The word tables: every `*.words` file under `src/tagger/rules/`, loaded
//! from one table ([`WORD_FILES`]) that also says which engine pass uses
//! which list, compiled over the vocabulary's word ids.
//!
//! # Word lists (`*.words`)
//!
//! ```text
//! @kind int            # int | unit | mod | season | part | holiday | ref | flag | role
//! 9: september | sept. | sept | sep. | sep
//! ```
//!
//! Each line gives a value, then the phrases that name it, separated by `|`.
//! Phrases are tokenized like the text, so `sept.` is two tokens and
//! `new year's day` five. Holiday values are `MM-DD`, `easter+N` or
//! `nth/MONTH/WEEKDAY/N` (`N = -1` for the last such weekday). Role values
//! name what the engine's own passes look for ([`Role`]): `function.words`
//! holds the English function words of range linking, tense cues and
//! token classes, so that the engine itself compares no English word.

use super::calendar::Holiday;
use super::error::RuleError;
use super::hash::FastMap;
use super::timex::{DayPart, Modifier, RefPoint, Season, Unit};
use super::token::{Token, Vocab, tokenize};

/// The value a word-list phrase or a pattern element stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sem {
    /// An integer: a month, a weekday (1 = Monday), a number.
    Int(i64),
    /// A unit of time.
    Unit(Unit),
    /// A TIMEX3 modifier.
    Mod(Modifier),
    /// A season.
    Season(Season),
    /// A part of the day.
    Part(DayPart),
    /// A holiday.
    Holiday(Holiday),
    /// A vague reference.
    Ref(RefPoint),
    /// A word an engine pass looks for.
    Role(Role),
    /// A matched word without a value.
    Flag,
}

/// The kind of value a [`Sem`] is, as a `@kind` line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `int`
    Int,
    /// `unit`
    Unit,
    /// `mod`
    Mod,
    /// `season`
    Season,
    /// `part`
    Part,
    /// `holiday`
    Holiday,
    /// `ref`
    Ref,
    /// `role`
    Role,
    /// `flag`
    Flag,
}

impl Kind {
    /// The name written after `@kind`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Int => "int",
            Kind::Unit => "unit",
            Kind::Mod => "mod",
            Kind::Season => "season",
            Kind::Part => "part",
            Kind::Holiday => "holiday",
            Kind::Ref => "ref",
            Kind::Role => "role",
            Kind::Flag => "flag",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [
            Kind::Int,
            Kind::Unit,
            Kind::Mod,
            Kind::Season,
            Kind::Part,
            Kind::Holiday,
            Kind::Ref,
            Kind::Role,
            Kind::Flag,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }

    /// Reads a value of this kind.
    fn value(self, s: &str) -> Option<Sem> {
        match self {
            Kind::Int => s.parse().ok().map(Sem::Int),
            Kind::Unit => parse_unit(s).map(Sem::Unit),
            Kind::Mod => parse_mod(s).map(Sem::Mod),
            Kind::Season => parse_season(s).map(Sem::Season),
            Kind::Part => parse_part(s).map(Sem::Part),
            Kind::Ref => parse_ref(s).map(Sem::Ref),
            Kind::Holiday => parse_holiday(s).map(Sem::Holiday),
            Kind::Role => Role::parse(s).map(Sem::Role),
            Kind::Flag => Some(Sem::Flag),
        }
    }
}

/// What an engine pass looks for in `function.words`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `since January`: a starting point in the past.
    Since,
    /// Words between `since` and the date it governs (`since the early`).
    SinceLead,
    /// `1991–2020`: a dash between two dates links them.
    RangeDash,
    /// `from 1991 to 2020`: links after [`Role::RangeFrom`] or
    /// [`Role::RangeBetween`].
    RangeTo,
    /// `between May and July`: links after [`Role::RangeBetween`].
    RangeAnd,
    /// `from` before a range.
    RangeFrom,
    /// `between` before a range.
    RangeBetween,
    /// An auxiliary after which a past form is a participle (`will be
    /// held`): the auxiliary carries the tense.
    Be,
    /// A deadline cue that a past verb right before overrides (`lasted
    /// until 12 April`).
    Deadline,
    /// A past-tense suffix (`announced`).
    PastSuffix,
    /// A prefix that makes a past form an adjective (`unspecified`).
    AdjectivePrefix,
    /// A plural noun's suffix (`troops`): a weak match before such a noun
    /// counts things.
    PluralSuffix,
    /// A day number's glued suffix (`3rd`).
    OrdinalSuffix,
    /// A glued plural `s` (`1990s`, `Wednesday's`).
    PluralS,
    /// An apostrophe (`1990's`, `Wednesday's`).
    Apostrophe,
    /// A weak match right after it is not a date (`at 1500`).
    DeniesWeak,
}

impl Role {
    const ALL: [(Role, &'static str); 16] = [
        (Role::Since, "since"),
        (Role::SinceLead, "since_lead"),
        (Role::RangeDash, "range_dash"),
        (Role::RangeTo, "range_to"),
        (Role::RangeAnd, "range_and"),
        (Role::RangeFrom, "range_from"),
        (Role::RangeBetween, "range_between"),
        (Role::Be, "be"),
        (Role::Deadline, "deadline"),
        (Role::PastSuffix, "past_suffix"),
        (Role::AdjectivePrefix, "adjective_prefix"),
        (Role::PluralSuffix, "plural_suffix"),
        (Role::OrdinalSuffix, "ordinal_suffix"),
        (Role::PluralS, "plural_s"),
        (Role::Apostrophe, "apostrophe"),
        (Role::DeniesWeak, "denies_weak"),
    ];

    fn parse(s: &str) -> Option<Role> {
        Role::ALL.iter().find(|(_, n)| *n == s).map(|(r, _)| *r)
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// What the engine uses a word list for, besides `@name` in patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Only patterns (`@months`).
    Patterns,
    /// Tense cues: `+1` future, `-1` past.
    Tense,
    /// Numbers in words, for `#count`.
    Numbers,
    /// Ordinals in words, for `#ordinal`.
    Ordinals,
    /// Words that vouch for a latent match right before it (`in May`).
    Context,
    /// Words that old bare years need before them (`in 1453`).
    YearContext,
    /// Nouns that label a number (`Resolution 1325`).
    Labels,
    /// Nouns counted by a bare number (`2000 people`).
    Counted,
    /// Temporal words that are part of a name when capitalized mid-sentence.
    NameWords,
    /// The engine's function words ([`Role`]s).
    Roles,
}

/// A word file compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordFile {
    /// The list's name (`@name` in patterns), the file's stem.
    pub name: &'static str,
    /// The file's text.
    pub src: &'static str,
    /// What the engine uses it for.
    pub used_for: Use,
}

macro_rules! word_file {
    ($name:literal, $use:ident) => {
        WordFile {
            name: $name,
            src: include_str!(concat!("rules/", $name, ".words")),
            used_for: Use::$use,
        }
    };
}

/// Every word list, in one table.
pub(crate) const WORD_FILES: &[WordFile] = &[
    word_file!("months", Patterns),
    word_file!("months_solo", Patterns),
    word_file!("weekdays", Patterns),
    word_file!("weekdays_pl", Patterns),
    word_file!("numbers", Numbers),
    word_file!("ordinals", Ordinals),
    word_file!("units", Patterns),
    word_file!("units_pl", Patterns),
    word_file!("seasons", Patterns),
    word_file!("dayparts", Patterns),
    word_file!("dayparts_pl", Patterns),
    word_file!("holidays", Patterns),
    word_file!("mods_point", Patterns),
    word_file!("mods_amount", Patterns),
    word_file!("sets", Patterns),
    word_file!("vague", Patterns),
    word_file!("tense", Tense),
    word_file!("zones", Patterns),
    word_file!("decades", Patterns),
    word_file!("generic_present", Patterns),
    word_file!("context", Context),
    word_file!("year_context", YearContext),
    word_file!("labels", Labels),
    word_file!("counted", Counted),
    word_file!("name_words", NameWords),
    word_file!("function", Roles),
];

/// A word list as parsed: phrases (as lowercase tokens) with their values.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordList {
    /// The phrases, in file order.
    pub phrases: Vec<(Vec<String>, Sem)>,
    /// The kinds of value its `@kind` lines give.
    pub kinds: Vec<Kind>,
}

fn err(file: &str, line: usize, message: impl Into<String>) -> RuleError {
    RuleError::at(file, line, message)
}

/// Cuts a `#` comment: at the line start, or after a space when a space or
/// the line end follows (so that `#year` elements survive).
pub(crate) fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] == b' ') {
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            if next == b' ' || i == 0 && !next.is_ascii_alphabetic() {
                return &line[..i];
            }
        }
    }
    line
}

/// Parses a word-list file.
pub(crate) fn parse_words(file: &str, src: &str) -> Result<WordList, RuleError> {
    let mut kind = None;
    let mut list = WordList::default();
    let vocab = Vocab::default();
    for (n, raw) in src.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(k) = line.strip_prefix("@kind") {
            let k = k.trim();
            let parsed =
                Kind::parse(k).ok_or_else(|| err(file, n + 1, format!("unknown kind `{k}`")))?;
            if !list.kinds.contains(&parsed) {
                list.kinds.push(parsed);
            }
            kind = Some(parsed);
            continue;
        }
        let Some((value, phrases)) = line.split_once(':') else {
            return Err(err(file, n + 1, "expected `value: phrase | phrase`"));
        };
        let Some(kind) = kind else {
            return Err(err(
                file,
                n + 1,
                "missing `@kind` line before the first entry",
            ));
        };
        let value = value.trim();
        let Some(sem) = kind.value(value) else {
            return Err(err(
                file,
                n + 1,
                format!("`{value}` is not a valid {} value", kind.name()),
            ));
        };
        for phrase in phrases.split('|') {
            let toks: Vec<String> = tokenize(phrase.trim(), &vocab)
                .into_iter()
                .map(|t| t.lower.to_string())
                .collect();
            if toks.is_empty() {
                return Err(err(file, n + 1, "empty phrase"));
            }
            list.phrases.push((toks, sem));
        }
    }
    Ok(list)
}

/// A unit name: `day`, `year`, ...
pub(crate) fn parse_unit(s: &str) -> Option<Unit> {
    Some(match s {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    })
}

/// A TimeML modifier name: `APPROX`, `START`, ...
pub(crate) fn parse_mod(s: &str) -> Option<Modifier> {
    Some(match s {
        "APPROX" => Modifier::Approx,
        "LESS_THAN" => Modifier::LessThan,
        "MORE_THAN" => Modifier::MoreThan,
        "EQUAL_OR_MORE" => Modifier::EqualOrMore,
        "EQUAL_OR_LESS" => Modifier::EqualOrLess,
        "START" => Modifier::Start,
        "MID" => Modifier::Mid,
        "END" => Modifier::End,
        "BEFORE" => Modifier::Before,
        "AFTER" => Modifier::After,
        _ => return None,
    })
}

/// A TimeML season: `SP`, `SU`, `FA`, `WI`.
pub(crate) fn parse_season(s: &str) -> Option<Season> {
    Some(match s {
        "SP" => Season::Spring,
        "SU" => Season::Summer,
        "FA" => Season::Fall,
        "WI" => Season::Winter,
        _ => return None,
    })
}

/// A TimeML part of the day: `MO`, `AF`, `EV`, `NI`.
pub(crate) fn parse_part(s: &str) -> Option<DayPart> {
    Some(match s {
        "MO" => DayPart::Morning,
        "AF" => DayPart::Afternoon,
        "EV" => DayPart::Evening,
        "NI" => DayPart::Night,
        _ => return None,
    })
}

/// A vague reference: `PRESENT`, `PAST`, `FUTURE`.
pub(crate) fn parse_ref(s: &str) -> Option<RefPoint> {
    Some(match s {
        "PRESENT" => RefPoint::Present,
        "PAST" => RefPoint::Past,
        "FUTURE" => RefPoint::Future,
        _ => return None,
    })
}

/// A holiday value: `MM-DD`, `easter+N`, `nth/MONTH/WEEKDAY/N[+D]`.
pub(crate) fn parse_holiday(s: &str) -> Option<Holiday> {
    if let Some(rest) = s.strip_prefix("easter") {
        let off = if rest.is_empty() {
            0
        } else {
            rest.parse().ok()?
        };
        return Some(Holiday::Easter(off));
    }
    if let Some(rest) = s.strip_prefix("nth/") {
        let mut it = rest.split('/');
        let month = it.next()?.parse().ok()?;
        let weekday = it.next()?.parse().ok()?;
        let third = it.next()?;
        let (n, after) = match third.split_once('+') {
            Some((n, after)) => (n.parse().ok()?, after.parse().ok()?),
            None => (third.parse().ok()?, 0),
        };
        return Some(Holiday::Nth {
            month,
            weekday,
            n,
            after,
        });
    }
    let (m, d) = s.split_once('-')?;
    Some(Holiday::Fixed(m.parse().ok()?, d.parse().ok()?))
}

/// The index of a word list in the [`Lexicon`].
pub(crate) type ListId = usize;

/// A word list over word ids.
#[derive(Debug, Default)]
pub(crate) struct IdList {
    /// By first-token id: index into `groups`, or `u32::MAX`.
    first: Vec<u32>,
    /// Phrases (as word ids) sharing a first token, longest first.
    groups: Vec<Vec<(Vec<u32>, Sem)>>,
}

impl IdList {
    fn new(list: &WordList, vocab: &mut Vocab) -> IdList {
        let mut out = IdList::default();
        let mut group_of: FastMap<u32, usize> = FastMap::default();
        for (phrase, sem) in &list.phrases {
            let ids: Vec<u32> = phrase.iter().map(|w| vocab.intern(w)).collect();
            let g = *group_of.entry(ids[0]).or_insert_with(|| {
                out.groups.push(Vec::new());
                out.groups.len() - 1
            });
            out.groups[g].push((ids, *sem));
        }
        for g in &mut out.groups {
            // Stable: phrases of one length keep their file order.
            g.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        let n = group_of
            .keys()
            .map(|&id| id as usize + 1)
            .max()
            .unwrap_or(0);
        out.first = vec![u32::MAX; n];
        for (&id, &g) in &group_of {
            out.first[id as usize] = g as u32;
        }
        out
    }

    /// The longest phrase at token `i`, whose word ids `word` gives: its
    /// end and value.
    #[inline]
    pub(crate) fn at(&self, word: impl Fn(usize) -> Option<u32>, i: usize) -> Option<(usize, Sem)> {
        let first = word(i)?;
        let &group = self.first.get(first as usize)?;
        let entries = self.groups.get(group as usize)?;
        entries
            .iter()
            .find(|(phrase, _)| {
                phrase
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, &w)| word(i + k) == Some(w))
            })
            .map(|(phrase, sem)| (i + phrase.len(), *sem))
    }

    /// The word ids phrases can start with.
    pub(crate) fn first_words(&self) -> impl Iterator<Item = u32> + '_ {
        self.first
            .iter()
            .enumerate()
            .filter(|(_, g)| **g != u32::MAX)
            .map(|(w, _)| w as u32)
    }

    /// Whether every phrase is one token long.
    pub(crate) fn single_words(&self) -> bool {
        self.groups.iter().flatten().all(|(p, _)| p.len() == 1)
    }
}

/// The lists the engine's passes use, by what for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Uses {
    /// Tense cues.
    pub tense: ListId,
    /// Numbers in words.
    pub numbers: ListId,
    /// Ordinals in words.
    pub ordinals: ListId,
    /// Context words of latent matches.
    pub context: ListId,
    /// Context words of old bare years.
    pub year_context: ListId,
    /// Label nouns.
    pub labels: ListId,
    /// Counted nouns.
    pub counted: ListId,
    /// Name words.
    pub name_words: ListId,
}

/// The engine's function words: per word id its [`Role`]s, and the
/// affixes.
#[derive(Debug, Default)]
struct FunctionWords {
    /// Per word id, its [`Role`]s as a bit set.
    roles: Vec<u16>,
    /// Past-tense suffixes, adjective prefixes and plural suffixes, as
    /// bytes.
    past_suffixes: Vec<Box<[u8]>>,
    adjective_prefixes: Vec<Box<[u8]>>,
    plural_suffixes: Vec<Box<[u8]>>,
}

impl FunctionWords {
    /// Adds the role entries of `list`.
    fn add(&mut self, list: &WordList, vocab: &mut Vocab) {
        for (phrase, sem) in &list.phrases {
            let Sem::Role(role) = *sem else { continue };
            let bytes: Box<[u8]> = phrase.concat().into_bytes().into();
            match role {
                Role::PastSuffix => self.past_suffixes.push(bytes),
                Role::AdjectivePrefix => self.adjective_prefixes.push(bytes),
                Role::PluralSuffix => self.plural_suffixes.push(bytes),
                _ => {}
            }
            if let [w] = phrase.as_slice() {
                let w = vocab.intern(w) as usize;
                if self.roles.len() <= w {
                    self.roles.resize(w + 1, 0);
                }
                self.roles[w] |= role.bit();
            }
        }
    }
}

/// All word lists over word ids, and the engine's function words.
#[derive(Debug)]
pub(crate) struct Lexicon {
    lists: Vec<IdList>,
    names: FastMap<&'static str, ListId>,
    kinds: Vec<Vec<Kind>>,
    /// The lists each engine pass uses.
    pub(crate) uses: Uses,
    function: FunctionWords,
}

impl Lexicon {
    /// Loads every list of [`WORD_FILES`], interning its words in `vocab`.
    pub(crate) fn bundled(vocab: &mut Vocab) -> Result<Lexicon, RuleError> {
        let mut parsed = Vec::new();
        for f in WORD_FILES {
            parsed.push((f, parse_words(&format!("{}.words", f.name), f.src)?));
        }
        Lexicon::new(&parsed, vocab)
    }

    fn new(files: &[(&WordFile, WordList)], vocab: &mut Vocab) -> Result<Lexicon, RuleError> {
        let mut function = FunctionWords::default();
        for (f, list) in files {
            if f.used_for == Use::Roles {
                function.add(list, vocab);
            }
        }
        // The table is static: a use without a list is a defect of the
        // build, which the tests catch.
        let used_for = |u: Use| {
            files
                .iter()
                .position(|(f, _)| f.used_for == u)
                .ok_or_else(|| err("WORD_FILES", 0, format!("no word list is used for {u:?}")))
        };
        Ok(Lexicon {
            lists: files.iter().map(|(_, l)| IdList::new(l, vocab)).collect(),
            names: files
                .iter()
                .enumerate()
                .map(|(i, (f, _))| (f.name, i))
                .collect(),
            kinds: files.iter().map(|(_, l)| l.kinds.clone()).collect(),
            uses: Uses {
                tense: used_for(Use::Tense)?,
                numbers: used_for(Use::Numbers)?,
                ordinals: used_for(Use::Ordinals)?,
                context: used_for(Use::Context)?,
                year_context: used_for(Use::YearContext)?,
                labels: used_for(Use::Labels)?,
                counted: used_for(Use::Counted)?,
                name_words: used_for(Use::NameWords)?,
            },
            function,
        })
    }

    /// The list named `name` (`@name` in a pattern).
    pub(crate) fn id(&self, name: &str) -> Option<ListId> {
        self.names.get(name).copied()
    }

    /// The list `id`.
    pub(crate) fn list(&self, id: ListId) -> &IdList {
        &self.lists[id]
    }

    /// The kinds of value list `id` gives.
    pub(crate) fn kinds(&self, id: ListId) -> &[Kind] {
        &self.kinds[id]
    }

    /// The longest phrase of list `id` at token `i`: its end and value.
    pub(crate) fn phrase_at(&self, id: ListId, toks: &[Token], i: usize) -> Option<(usize, Sem)> {
        self.lists[id].at(|k| toks.get(k).map(|t| t.word), i)
    }

    /// Whether a phrase of list `id` ends right before token `end`.
    pub(crate) fn phrase_before(&self, id: ListId, toks: &[Token], end: usize) -> bool {
        // Context phrases are short; try start positions up to 3 tokens back.
        (1..=3).any(|len| {
            end >= len
                && self
                    .phrase_at(id, toks, end - len)
                    .is_some_and(|(e, _)| e == end)
        })
    }

    /// Whether token `t` is a word with role `role`.
    #[inline]
    pub(crate) fn is(&self, t: &Token, role: Role) -> bool {
        self.function
            .roles
            .get(t.word as usize)
            .is_some_and(|r| r & role.bit() != 0)
    }

    /// Whether token `k` of `toks` exists and has role `role`.
    #[inline]
    pub(crate) fn is_at(&self, toks: &[Token], k: usize, role: Role) -> bool {
        toks.get(k).is_some_and(|t| self.is(t, role))
    }

    /// Whether a word (lowercase bytes) has a past-tense suffix and no
    /// adjective prefix (`announced`, not `unspecified`).
    pub(crate) fn regular_past(&self, lower: &[u8]) -> bool {
        self.function
            .past_suffixes
            .iter()
            .any(|s| lower.ends_with(s))
            && !self
                .function
                .adjective_prefixes
                .iter()
                .any(|p| lower.starts_with(p))
    }

    /// Whether a word (lowercase bytes) has a plural suffix.
    pub(crate) fn plural(&self, lower: &[u8]) -> bool {
        self.function
            .plural_suffixes
            .iter()
            .any(|s| lower.ends_with(s))
    }

    /// A tense cue starting at token `i`: its end and direction (+1 future,
    /// -1 past).
    pub(crate) fn tense_cue(&self, toks: &[Token], i: usize) -> Option<(usize, i64)> {
        match self.phrase_at(self.uses.tense, toks, i)? {
            (end, Sem::Int(v)) => Some((end, v)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_keep_classes() {
        assert_eq!(
            strip_comment("rule a: #year => X # note"),
            "rule a: #year => X "
        );
        assert_eq!(strip_comment("# whole line"), "");
    }

    #[test]
    fn word_errors_name_file_and_line() {
        let e = parse_words("x.words", "1: one").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.words:1: missing `@kind` line before the first entry"
        );
        let e = parse_words("x.words", "@kind unit\nfortnight: fortnight").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.words:2: `fortnight` is not a valid unit value"
        );
        let e = parse_words("x.words", "@kind role\nnot_a_role: x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.words:2: `not_a_role` is not a valid role value"
        );
    }

    #[test]
    fn every_role_has_words() {
        let mut vocab = Vocab::default();
        let lex = Lexicon::bundled(&mut vocab).unwrap();
        for (role, name) in Role::ALL {
            let has = lex.function.roles.iter().any(|r| r & role.bit() != 0)
                || matches!(
                    role,
                    Role::PastSuffix | Role::AdjectivePrefix | Role::PluralSuffix
                );
            assert!(has, "function.words gives no word for `{name}`");
        }
        assert!(lex.regular_past(b"announced") && !lex.regular_past(b"unspecified"));
        assert!(lex.plural(b"troops") && !lex.plural(b"police"));
    }
}
