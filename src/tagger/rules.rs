//! The rule language: rules parsed from the `*.rules` files under
//! `src/tagger/rules/` (compiled into the binary with `include_str!`).
//! Word lists are read by [`lexicon`](super::lexicon), productions (the
//! part after `=>`) by [`production`](super::production).
//!
//! # Rules (`*.rules`)
//!
//! ```text
//! rule date.month_day_year: @months! #day ","? #year => DATE date month=$1 day=$2 year=$4
//! ```
//!
//! A rule has a unique name, a pattern and a production. Pattern elements:
//!
//! | element      | matches                                                    |
//! |--------------|------------------------------------------------------------|
//! | `"a\|b"`     | one token whose lowercase text is `a` or `b`              |
//! | `@list`      | the longest phrase of a word list (`@a\|b`: of list a or b) |
//! | `#year`      | a 4-digit number 1000–2099                                 |
//! | `#year2`     | a 2-digit number (after `'`: `'98`)                        |
//! | `#day`       | 1–31 with an optional glued `st`/`nd`/`rd`/`th`            |
//! | `#month_num` | 1–12                                                       |
//! | `#hour`      | 0–23; `#minute` a 2-digit 00–59                            |
//! | `#num`       | any number up to 6 digits                                  |
//! | `#count`     | a number in digits or words (`twenty-four`, `30`)          |
//! | `#ordinal`   | `third`, `3rd`                                             |
//! | `#decade`    | `1990s`, `1990's`, `90s` (the decade's first year)         |
//! | `#name`      | a capitalized word (`Granma`); not first in a rule         |
//!
//! Suffix `?` makes an element optional, suffix `!` requires a capital first
//! letter, prefix `~` requires the element to be glued to the previous token
//! (no space), prefix `&` makes it a lookahead: it must match but is left
//! out of the span (`"the" "year" &"ended"`); lookaheads come last. The
//! first element may not be optional or a lookahead.
//!
//! The production is `=> TYPE builder key=value ...`, a trailing `latent`
//! marking a weak match that needs context before it (`in May`) and a
//! trailing `weak` one that its neighbours can deny (`1500 troops`); see
//! [`production`](super::production) for the builders and their keys. A
//! `none` rule is negative: the match is consumed and yields nothing
//! (`6-year-old` is an age, not a duration).

use super::error::RuleError;
use super::lexicon::{Kind, Lexicon, ListId, strip_comment};
use super::production::{Arg, Head, Production, parse_production};
use super::timex::{Modifier, RuleId, TimexType};

/// A token class for `#name` elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `#year`
    Year,
    /// `#year2`
    Year2,
    /// `#day`
    Day,
    /// `#month_num`
    MonthNum,
    /// `#hour`
    Hour,
    /// `#minute`
    Minute,
    /// `#num`
    Num,
    /// `#count`
    Count,
    /// `#ordinal`
    Ordinal,
    /// `#decade`
    Decade,
    /// `#name`: any word with a capital first letter (a proper name's
    /// word); never the first element of a rule.
    Name,
}

/// The number of [`Class`]es.
pub(crate) const CLASSES: usize = 11;

/// What a pattern element matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Atom {
    /// One of these lowercase tokens.
    Lit(Vec<String>),
    /// Word lists (`@a|b` tries `a`, then `b`).
    List(Vec<ListId>),
    /// A token class.
    Class(Class),
}

/// A pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Elem {
    /// What it matches.
    pub atom: Atom,
    /// `?`
    pub optional: bool,
    /// `~`
    pub glued: bool,
    /// `!`
    pub capital: bool,
    /// `&`: must match, but is not part of the span (a lookahead at the end).
    pub lookahead: bool,
    /// How `--explain` names what it contributed (`@months`, `#day`), for
    /// lists and classes.
    pub label: Option<String>,
}

/// A grammar rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The unique name, e.g. `date.month_day_year`.
    pub name: RuleId,
    /// The rule file it comes from, e.g. `dates.rules`.
    pub file: String,
    /// Its 1-based line there.
    pub line: usize,
    /// The pattern.
    pub elems: Vec<Elem>,
    /// The TIMEX3 type produced.
    pub kind: TimexType,
    /// What it builds.
    pub production: Production,
    /// `mod`.
    pub modifier: Option<Arg<Modifier>>,
    /// A weak match that needs context: a preposition or the like before it.
    pub latent: bool,
    /// A weak match kept unless its neighbours deny it (a plural noun after
    /// a bare year: `1500 troops`).
    pub weak: bool,
    /// Its pattern has a holiday list: a holiday's name is capitalized.
    pub names_holiday: bool,
}

impl Rule {
    /// The labels of the lists and classes that took part in a match whose
    /// element `i` matched when `matched(i)`.
    pub(crate) fn children(&self, matched: impl Fn(usize) -> bool) -> Vec<String> {
        self.elems
            .iter()
            .enumerate()
            .filter(|&(i, _)| matched(i))
            .filter_map(|(_, e)| e.label.clone())
            .collect()
    }
}

/// A rule file compiled into the binary, with the example corpus beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleFile {
    /// The name without extension: `dates` for `dates.rules`.
    pub name: &'static str,
    /// The rules (`NAME.rules`).
    pub rules: &'static str,
    /// The examples (`NAME.examples`): `+ text => VALUE` lines that must
    /// tag as shown, `- text` lines that must tag nothing, `@dct DATE` the
    /// document date for the lines after it.
    pub examples: &'static str,
}

macro_rules! rule_file {
    ($name:literal) => {
        RuleFile {
            name: $name,
            rules: include_str!(concat!("rules/", $name, ".rules")),
            examples: include_str!(concat!("rules/", $name, ".examples")),
        }
    };
}

/// The rule files compiled into the binary.
pub const RULE_FILES: &[RuleFile] = &[
    rule_file!("dates"),
    rule_file!("relative"),
    rule_file!("durations"),
    rule_file!("sets"),
    rule_file!("vague"),
];

fn err(file: &str, line: usize, message: impl Into<String>) -> RuleError {
    RuleError::at(file, line, message)
}

/// Reads the class name after `#`.
fn parse_class(name: &str) -> Option<Class> {
    Some(match name {
        "year" => Class::Year,
        "year2" => Class::Year2,
        "day" => Class::Day,
        "month_num" => Class::MonthNum,
        "hour" => Class::Hour,
        "minute" => Class::Minute,
        "num" => Class::Num,
        "count" => Class::Count,
        "ordinal" => Class::Ordinal,
        "decade" => Class::Decade,
        "name" => Class::Name,
        _ => return None,
    })
}

fn parse_elem(file: &str, line: usize, s: &str, lex: &Lexicon) -> Result<Elem, RuleError> {
    let mut s = s;
    let lookahead = s.starts_with('&');
    if lookahead {
        s = &s[1..];
    }
    let glued = s.starts_with('~');
    if glued {
        s = &s[1..];
    }
    let mut optional = false;
    let mut capital = false;
    loop {
        if let Some(r) = s.strip_suffix('?') {
            optional = true;
            s = r;
        } else if let Some(r) = s.strip_suffix('!') {
            capital = true;
            s = r;
        } else {
            break;
        }
    }
    let (atom, label) = if let Some(lit) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        (
            Atom::Lit(lit.split('|').map(str::to_string).collect()),
            None,
        )
    } else if let Some(names) = s.strip_prefix('@') {
        let ids = names
            .split('|')
            .map(|l| {
                lex.id(l)
                    .ok_or_else(|| err(file, line, format!("unknown word list `@{l}`")))
            })
            .collect::<Result<_, _>>()?;
        (Atom::List(ids), Some(format!("@{names}")))
    } else if let Some(name) = s.strip_prefix('#') {
        let class =
            parse_class(name).ok_or_else(|| err(file, line, format!("unknown class `#{name}`")))?;
        // The label is the class's Rust name, lowercased (`#monthnum`).
        (
            Atom::Class(class),
            Some(format!("#{class:?}").to_lowercase()),
        )
    } else {
        return Err(err(
            file,
            line,
            format!("cannot read pattern element `{s}`"),
        ));
    };
    Ok(Elem {
        atom,
        optional,
        glued,
        capital,
        lookahead,
        label,
    })
}

/// Splits a pattern on spaces outside quotes.
fn split_pattern(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == ' ' && !quoted {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// The most elements a pattern may have (a match records which took part
/// in a 64-bit set).
pub(crate) const MAX_ELEMS: usize = 64;

/// Parses a pattern and checks where its elements may stand.
fn parse_pattern(
    file: &str,
    line: usize,
    pattern: &str,
    lex: &Lexicon,
) -> Result<Vec<Elem>, RuleError> {
    let elems = split_pattern(pattern.trim())
        .into_iter()
        .map(|e| parse_elem(file, line, e, lex))
        .collect::<Result<Vec<_>, _>>()?;
    match elems.first() {
        None => return Err(err(file, line, "empty pattern")),
        Some(e) if e.optional || e.lookahead => {
            return Err(err(
                file,
                line,
                "the first element may not be optional or a lookahead",
            ));
        }
        Some(e) if e.atom == Atom::Class(Class::Name) => {
            return Err(err(file, line, "`#name` may not be the first element"));
        }
        _ => {}
    }
    if elems.windows(2).any(|w| w[0].lookahead && !w[1].lookahead) {
        return Err(err(file, line, "lookahead elements (`&`) must come last"));
    }
    if elems.len() > MAX_ELEMS {
        return Err(err(
            file,
            line,
            format!("a pattern has at most {MAX_ELEMS} elements"),
        ));
    }
    Ok(elems)
}

/// The kinds of value pattern element `e` captures.
fn kinds(e: &Elem, lex: &Lexicon) -> Vec<Kind> {
    match &e.atom {
        Atom::Lit(_) | Atom::Class(Class::Name) => vec![Kind::Flag],
        Atom::Class(_) => vec![Kind::Int],
        Atom::List(ls) => ls.iter().flat_map(|&l| lex.kinds(l).to_vec()).collect(),
    }
}

/// Parses one `rule NAME: PATTERN => PRODUCTION` line.
fn parse_rule(file: &str, line: usize, text: &str, lex: &Lexicon) -> Result<Rule, RuleError> {
    let Some(rest) = text.strip_prefix("rule ") else {
        return Err(err(
            file,
            line,
            "expected `rule NAME: PATTERN => PRODUCTION`",
        ));
    };
    let Some((name, rest)) = rest.split_once(':') else {
        return Err(err(file, line, "missing `:` after the rule name"));
    };
    let Some((pattern, production)) = rest.split_once("=>") else {
        return Err(err(file, line, "missing `=>` before the production"));
    };
    let elems = parse_pattern(file, line, pattern, lex)?;
    let elem_kinds: Vec<Vec<Kind>> = elems.iter().map(|e| kinds(e, lex)).collect();
    let Head {
        kind,
        production,
        modifier,
        latent,
        weak,
    } = parse_production(file, line, production, &elem_kinds)?;
    let names_holiday = elems.iter().any(|e| match &e.atom {
        Atom::List(ls) => ls.iter().any(|&l| lex.kinds(l).contains(&Kind::Holiday)),
        _ => false,
    });
    Ok(Rule {
        name: RuleId::new(name.trim()),
        file: file.to_string(),
        line,
        elems,
        kind,
        production,
        modifier,
        latent,
        weak,
        names_holiday,
    })
}

/// Parses a rule file whose patterns name the word lists of `lex`.
pub(crate) fn parse_rules(file: &str, src: &str, lex: &Lexicon) -> Result<Vec<Rule>, RuleError> {
    let mut rules = Vec::new();
    for (n, raw) in src.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if !line.is_empty() {
            rules.push(parse_rule(file, n + 1, line, lex)?);
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::token::Vocab;

    fn parse(src: &str) -> Result<Vec<Rule>, RuleError> {
        let lex = Lexicon::bundled(&mut Vocab::default()).unwrap();
        parse_rules("x.rules", src, &lex)
    }

    fn error(src: &str) -> String {
        parse(src).unwrap_err().to_string()
    }

    #[test]
    fn pattern_errors_name_file_and_line() {
        assert_eq!(
            error("\nrule a: #yeer => DATE date year=$1"),
            "x.rules:2: unknown class `#yeer`"
        );
        assert_eq!(
            error("rule a: @monts #day => DATE date day=$2"),
            "x.rules:1: unknown word list `@monts`"
        );
        assert_eq!(
            error("rule a: \"the\"? #year => DATE date"),
            "x.rules:1: the first element may not be optional or a lookahead"
        );
        assert_eq!(
            error("rule a: \"the\" &\"year\" #year => DATE date"),
            "x.rules:1: lookahead elements (`&`) must come last"
        );
    }

    #[test]
    fn production_errors_name_file_and_line() {
        assert_eq!(
            error("rule a: #year => DATE date year=$2"),
            "x.rules:1: capture `$2` is outside the pattern's 1 elements"
        );
        assert_eq!(
            error("# a comment\nrule a: #year => DATE date yaer=$1"),
            "x.rules:2: unknown key `yaer` for `date` (it takes: year, decade, century, \
             month, day, weekday, quarter, half, hour, minute, yearrel, season, part, \
             holiday, ampm, dir, as, mod)"
        );
        assert_eq!(
            error("rule a: #count @units => DURATION dur amount=$1 unit=$1"),
            "x.rules:1: `unit=$1`: element 1 gives int, not unit"
        );
        assert_eq!(
            error("rule a: \"early\" @seasons => DATE date season=$2 mod=$1"),
            "x.rules:1: `mod=$1`: element 1 gives flag, not mod"
        );
        assert_eq!(
            error("rule a: \"each\" @units => SET set"),
            "x.rules:1: `set` needs `unit=`"
        );
        assert_eq!(
            error("rule a: #year \"-\" #year => DATE yearrange from=$1 to=2020"),
            "x.rules:1: `to=2020`: expected $N"
        );
        assert_eq!(
            error("rule a: \"last\" @units => DATE rel offset=-1 unit=$2 anchor=last"),
            "x.rules:1: `anchor=last`: expected dct|ref|period"
        );
        assert_eq!(
            error("rule a: #year => DATE date year=$1 year=2000"),
            "x.rules:1: key `year` is given twice"
        );
        assert_eq!(
            error("rule a: #year => DATE calendar year=$1"),
            "x.rules:1: unknown builder `calendar`"
        );
        assert_eq!(
            error("rule a: \"ago\" => DATE none mod=APPROX"),
            "x.rules:1: unknown key `mod` for `none` (it takes no keys)"
        );
    }

    #[test]
    fn productions_are_typed() {
        let rules = parse(
            "rule a: #count @units|units_pl \"ago\" => DATE rel offset=-$1 unit=$2 mod=APPROX",
        )
        .unwrap();
        assert_eq!(rules[0].modifier, Some(Arg::Lit(Modifier::Approx)));
        let Production::Shift(s) = rules[0].production else {
            panic!("{:?}", rules[0].production);
        };
        assert_eq!(s.offset, Some(Arg::Neg(0)));
        assert_eq!(s.unit, Arg::Cap(1));
    }
}
