//! What the grammar hands the resolver: underspecified values ([`Spec`])
//! in matches ([`Draft`]), with the direction ([`Dir`]) and the anchor
//! ([`Anchor`]) a relative one takes. The builders, the cue pass and the
//! resolver all depend on this file; it depends on none of them.

use super::calendar::Holiday;
use super::timex::{Modifier, RangeRole, RuleId, TimeOfDay, TimexType, Unit, Value, Within};

/// Which occurrence of a cyclic date (a weekday, a month) is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
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
pub(crate) enum Anchor {
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
pub(crate) enum Spec {
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
    /// The reporting period of a results story (the first quarter it
    /// names), or a comparison with it: `the quarter`, `the year-ago
    /// quarter` (the same quarter a year before), `the 1989 period`.
    Reporting {
        /// A year the text gives (`the 1988 quarter`).
        year: Option<i32>,
        /// Years from the reporting period (`-1`: "year-ago").
        offset: i32,
        /// A quarter the text gives (`the year-ago third quarter`), 0 if none.
        quarter: u8,
        /// The text says "quarter": without a reporting period in the
        /// text, the last quarter completed before the DCT is meant; a
        /// "period" then falls back to the year.
        of_quarter: bool,
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

impl Spec {
    /// Whether the text leaves the year of this value open: all but fixed
    /// values and reporting periods with a year (`the 1988 quarter`).
    pub(crate) fn year_inferred(&self) -> bool {
        !matches!(self, Spec::Fixed(_) | Spec::Reporting { year: Some(_), .. })
    }
}

/// A match of one rule, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
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
    /// The rule that matched.
    pub rule: RuleId,
    /// Word lists and classes that contributed.
    pub children: Vec<String>,
    /// Its role when the rule produced a range.
    pub range: Option<RangeRole>,
    /// The rule names the week of the day it reads (`as=week`: `the week
    /// of March 6`).
    pub week_of: bool,
}
