//! Range linking: `from X to Y`, `between X and Y`, `X–Y` become two
//! timexes linked as the start and the end of one interval, and an end
//! without its own year takes the other end's (`between May and July
//! 2020`).

use super::calendar::start_key;
use super::lexicon::{Lexicon, Role};
use super::timex::{
    Point, RangeLink, RangeRole, Resolution, Timex, TimexType, Value, Within, YearSpan,
};
use super::token::Token;

/// Links `from X to Y`, `between X and Y`, `X–Y` as ranges; fixes the
/// partner indices of ranges built by a rule; drops the links of rule-made
/// ranges whose partner is not next to them.
pub(crate) fn link_ranges(lex: &Lexicon, toks: &[Token], out: &mut [Timex]) {
    link_neighbours(lex, toks, out);
    share_years(out);
    drop_dangling(out);
}

/// Whether adjacent timexes `a` and `b` form a range.
fn linked(lex: &Lexicon, toks: &[Token], a: &Timex, b: &Timex) -> bool {
    let tok_at = |byte: usize| toks.partition_point(|t| t.start < byte);
    if a.range.map(|r| r.role) == Some(RangeRole::Start)
        && b.range.map(|r| r.role) == Some(RangeRole::End)
    {
        return true;
    }
    if a.range.is_some()
        || b.range.is_some()
        || a.kind != TimexType::Date
        || b.kind != TimexType::Date
    {
        return false;
    }
    let (ae, bs) = (tok_at(a.end), tok_at(b.start));
    let [word] = &toks[ae..bs] else {
        return false;
    };
    let before = |role: Role| {
        tok_at(a.start)
            .checked_sub(1)
            .is_some_and(|p| lex.is(&toks[p], role))
    };
    lex.is(word, Role::RangeDash)
        || lex.is(word, Role::RangeTo) && (before(Role::RangeFrom) || before(Role::RangeBetween))
        || lex.is(word, Role::RangeAnd) && before(Role::RangeBetween)
}

fn link_neighbours(lex: &Lexicon, toks: &[Token], out: &mut [Timex]) {
    for i in 0..out.len().saturating_sub(1) {
        if linked(lex, toks, &out[i], &out[i + 1]) {
            out[i].range = Some(RangeLink {
                partner: i + 1,
                role: RangeRole::Start,
            });
            out[i + 1].range = Some(RangeLink {
                partner: i,
                role: RangeRole::End,
            });
        }
    }
}

/// One end without its own year takes the other end's: "between May and
/// July 2020", "from Dec. 12 to Jan. 3, 2024", "from March 2019 to May".
fn share_years(out: &mut [Timex]) {
    for i in 0..out.len() {
        let Some(RangeLink {
            partner,
            role: RangeRole::Start,
        }) = out[i].range
        else {
            continue;
        };
        if partner >= out.len() {
            continue;
        }
        let (a, b) = (out[i].clone(), out[partner].clone());
        let explicit = |t: &Timex| !t.derivation.year_inferred;
        let (Value::Point(pa), Value::Point(pb)) = (a.value, b.value) else {
            continue;
        };
        if pa.span != YearSpan::Year || pb.span != YearSpan::Year {
            continue;
        }
        if !explicit(&a) && explicit(&b) && pa.within != Within::Whole {
            if let Some(y) = pb.year {
                let mut p = Point {
                    year: Some(y),
                    ..pa
                };
                if start_key(&p) > start_key(&pb) {
                    p.year = Some(y - 1);
                }
                out[i].value = Value::Point(p);
                out[i].derivation.resolution = Resolution::YearFromRangeEnd { end: pb };
            }
        } else if explicit(&a) && !explicit(&b) && pb.within != Within::Whole {
            if let Some(y) = pa.year {
                let mut p = Point {
                    year: Some(y),
                    ..pb
                };
                if start_key(&p) < start_key(&pa) {
                    p.year = Some(y + 1);
                }
                out[partner].value = Value::Point(p);
                out[partner].derivation.resolution = Resolution::YearFromRangeStart { start: pa };
            }
        }
    }
}

/// A rule-made range whose partner was not next to it: drop the link.
fn drop_dangling(out: &mut [Timex]) {
    for i in 0..out.len() {
        if let Some(r) = out[i].range {
            let ok = out
                .get(r.partner)
                .and_then(|p| p.range)
                .is_some_and(|pr| pr.partner == i && pr.role != r.role);
            if !ok {
                out[i].range = None;
            }
        }
    }
}
