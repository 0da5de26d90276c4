//! `--explain`: a human-readable account of how a timex was built.

use super::timex::{Resolution, Timex};

/// A human-readable account of how `timex` was built from `text`, for
/// `timeline tag --explain`: the rule, the word lists and classes that fed
/// it, how it was resolved and its range partner.
///
/// ```
/// use chrono::NaiveDate;
/// use timeline::tagger::{Tagger, explain};
/// let text = "He visited Baku last week.";
/// let t = Tagger::shared()?.tag(text, NaiveDate::from_ymd_opt(2023, 11, 2));
/// assert_eq!(
///     explain(text, &t[0]),
///     "\"last week\" DATE 2023-W43\n  rule: relative.last_unit\n  from: @units\n  resolved: -1 Week from DCT 2023-11-02"
/// );
/// # Ok::<(), timeline::tagger::RuleError>(())
/// ```
pub fn explain(text: &str, timex: &Timex) -> String {
    let mut s = format!(
        "{:?} {} {}",
        text.get(timex.start..timex.end).unwrap_or(""),
        timex.kind.as_str(),
        timex.value
    );
    if let Some(m) = timex.modifier {
        s.push_str(&format!(" mod={}", m.as_str()));
    }
    if timex.latent {
        s.push_str(" (latent: a weak match without a context word)");
    }
    s.push_str(&format!("\n  rule: {}", timex.derivation.rule));
    if !timex.derivation.children.is_empty() {
        s.push_str(&format!(
            "\n  from: {}",
            timex.derivation.children.join(", ")
        ));
    }
    if timex.derivation.resolution != Resolution::Explicit {
        s.push_str(&format!("\n  resolved: {}", timex.derivation.resolution));
    }
    if let Some(r) = timex.range {
        s.push_str(&format!(
            "\n  range: {:?} of interval with #{}",
            r.role, r.partner
        ));
    }
    s
}
