//! Label texts: dates as people write them, titles wrapped to the label's
//! width, and the height a label of so many lines takes.

use super::select::Pending;
use super::text::{Metrics, strip_bidi};
use super::{
    Align, DATE_FONT, DATE_LINE, LABEL_FONT, LABEL_GAP_Y, LABEL_LINE, LANE_UNIT, Rect, STACK_GAP,
    TextLine, TextRole,
};
use crate::date::DateSpec;
use crate::timeline::{Event, When};

/// A human form of a date spec: `c. 1990`, `2021?`, `10 Nov 2020`.
pub fn human_spec(d: &DateSpec) -> String {
    let mut s = d.date.human();
    if d.approximate {
        s = format!("c. {s}");
    }
    if d.uncertain {
        s.push('?');
    }
    s
}

/// A range as people write it: the shared month and year are said once
/// (`18–24 Mar 2013`, `27 Sep – 10 Nov 2020`, `Sep – Nov 2021`), otherwise
/// both ends in full.
pub fn human_range(a: &DateSpec, b: &DateSpec) -> String {
    use crate::date::{Date, MONTH_ABBR};
    use chrono::Datelike;
    let plain = |d: &DateSpec| !d.approximate && !d.uncertain;
    if plain(a) && plain(b) {
        match (a.date, b.date) {
            (Date::Day(x), Date::Day(y))
                if x.year() == y.year() && x.month() == y.month() && x.year() > 0 =>
            {
                return format!("{}–{}", x.day(), b.date.human());
            }
            (Date::Day(x), Date::Day(y)) if x.year() == y.year() && x.year() > 0 => {
                return format!(
                    "{} {} – {}",
                    x.day(),
                    MONTH_ABBR[x.month0() as usize],
                    b.date.human()
                );
            }
            (
                Date::Month {
                    year: ya,
                    month: ma,
                },
                Date::Month { year: yb, .. },
            ) if ya == yb && ya > 0 => {
                return format!("{} – {}", MONTH_ABBR[ma as usize - 1], b.date.human());
            }
            _ => {}
        }
    }
    format!("{} – {}", human_spec(a), human_spec(b))
}

/// The date line of an event label.
pub fn date_text(e: &Event) -> String {
    let mut s = match &e.when {
        When::On(d) => human_spec(d),
        When::Between {
            start: Some(a),
            end: Some(b),
        } if a == b => human_spec(a),
        When::Between {
            start: Some(a),
            end: Some(b),
        } => human_range(a, b),
        When::Between {
            start: Some(a),
            end: None,
        } => format!("since {}", human_spec(a)),
        When::Between {
            start: None,
            end: Some(b),
        } => format!("until {}", human_spec(b)),
        When::Between {
            start: None,
            end: None,
        } => "undated".to_string(),
    };
    if e.inferred {
        s.push_str(" (inferred)");
    }
    s
}

/// The text of a label: its lines (the date, then the title on one or two
/// lines), its width, and whether anything had to be shortened.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LabelText {
    /// The lines, the date first.
    pub(crate) lines: Vec<String>,
    /// The width of the widest line, rounded up.
    pub(crate) width: f64,
    /// Some words were left out (the line ends with "…").
    pub(crate) shortened: bool,
}

/// At most this many title lines under the date.
pub(crate) const TITLE_LINES: usize = 2;
/// Labels narrower than this (on narrow charts) may take a third line.
const NARROW: f64 = 240.0;
/// A title up to this wide stays on one line.
const ONE_LINE: f64 = 170.0;
/// Steps in which a two-line title is widened until it fits.
const WIDEN_STEP: f64 = 6.0;

/// The label of an event: the date, then the title on one line when it is
/// short, else on two lines as evenly filled as fits, at most `max_label`
/// wide (wider only for the date, up to `max_date`). Words are never cut:
/// a title that needs more than two lines ends with "…" after a word.
pub(crate) fn label_lines(e: &Event, max_label: f64, max_date: f64) -> LabelText {
    let m = Metrics::get();
    let title = strip_bidi(&e.title);
    let date = date_text(e);
    let date_w = m.width(&date, DATE_FONT);
    let date_line = if date_w <= max_date.max(max_label) {
        date.clone()
    } else {
        m.shorten(&date, DATE_FONT, max_date.max(max_label))
    };
    let (title_lines, cut) = title_block(&title, max_label);
    let mut lines = vec![date_line.clone()];
    lines.extend(title_lines);
    let width = lines
        .iter()
        .enumerate()
        .map(|(i, l)| m.width(l, if i == 0 { DATE_FONT } else { LABEL_FONT }))
        .fold(0.0, f64::max)
        .ceil();
    LabelText {
        lines,
        width,
        shortened: cut || date_line != date,
    }
}

/// A title on one line, or on two balanced lines no wider than `max`
/// (three on narrow charts).
fn title_block(title: &str, max: f64) -> (Vec<String>, bool) {
    let m = Metrics::get();
    let full = m.width(title, LABEL_FONT);
    if full <= ONE_LINE.min(max) {
        return (vec![title.to_string()], false);
    }
    let n = if max < NARROW {
        TITLE_LINES + 1
    } else {
        TITLE_LINES
    };
    let mut w = (full / n as f64)
        .max(m.widest_word(title, LABEL_FONT))
        .ceil();
    while w < max {
        let (lines, cut) = m.wrap(title, LABEL_FONT, w, n);
        if !cut {
            return (lines, false);
        }
        w += WIDEN_STEP;
    }
    m.wrap(title, LABEL_FONT, max, n)
}

/// The one-line label of a cluster: `+12 events, 18–24 Mar 2013`.
pub(crate) fn cluster_text(count: usize, range: &str, max: f64) -> LabelText {
    let m = Metrics::get();
    let noun = if count == 1 { "event" } else { "events" };
    let full = format!("+{count} {noun}, {range}");
    let line = m.shorten(&full, DATE_FONT, max);
    LabelText {
        width: m.width(&line, DATE_FONT).ceil(),
        shortened: line != full,
        lines: vec![line],
    }
}

/// Height of a label of `lines` lines (date line plus title lines).
pub(crate) fn label_height(lines: usize) -> f64 {
    let m = Metrics::get();
    if lines <= 1 {
        m.height(DATE_FONT)
    } else {
        DATE_LINE + (lines - 2) as f64 * LABEL_LINE + m.height(LABEL_FONT)
    }
}

/// Lanes a label of `lines` lines takes above the axis.
pub(crate) fn label_units(lines: usize) -> usize {
    ((label_height(lines) + LABEL_GAP_Y) / LANE_UNIT).ceil() as usize
}

/// The label lines of `p` from `top`, aligned at `x`, and their box.
pub(crate) fn label_at(p: &Pending, x0: f64, top: f64, align: Align) -> (Vec<TextLine>, Rect) {
    let x = match align {
        Align::End => x0 + p.width,
        _ => x0,
    };
    let align = if align == Align::End {
        Align::End
    } else {
        Align::Start
    };
    let mut label = Vec::with_capacity(p.lines.len());
    let mut ly = top;
    let first = if p.is_cluster() {
        TextRole::Cluster
    } else {
        TextRole::LabelDate
    };
    for (i, line) in p.lines.iter().enumerate() {
        let (size, role, step) = if i == 0 {
            (DATE_FONT, first, DATE_LINE)
        } else {
            (LABEL_FONT, TextRole::LabelTitle, LABEL_LINE)
        };
        label.push(TextLine::new(line.clone(), x, ly, size, align, role));
        ly += step;
    }
    let label_box = Rect {
        x: x0,
        y: top,
        w: p.width,
        h: label_height(p.lines.len()),
    };
    (label, label_box)
}

/// Height of the stacked labels of `members` (each starts on a whole
/// pixel, as the assembly sets them).
pub(crate) fn stack_height(pending: &[Pending], members: &[usize]) -> f64 {
    let mut y = 0.0;
    let mut bottom = 0.0;
    for &i in members {
        bottom = y + label_height(pending[i].lines.len());
        y = (bottom + STACK_GAP).round();
    }
    bottom
}
