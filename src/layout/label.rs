//! Label texts: dates as people write them, titles wrapped to the label's
//! width, and the height a label of so many lines takes.

use super::*;

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

/// A range as people write it: the shared year is said once
/// (`27 Sep – 10 Nov 2020`, `Sep – Nov 2021`), otherwise both ends in full.
pub fn human_range(a: &DateSpec, b: &DateSpec) -> String {
    use crate::date::{Date, MONTH_ABBR};
    use chrono::Datelike;
    let plain = |d: &DateSpec| !d.approximate && !d.uncertain;
    if plain(a) && plain(b) {
        match (a.date, b.date) {
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

/// The lines of an event's label (date, then the title wrapped to at most
/// `title_lines` lines) and their width. The date may be wider than the
/// title (up to `max_date`): a date is cut only when nothing else helps.
pub(crate) fn label_lines(
    e: &Event,
    max_label: f64,
    max_date: f64,
    title_lines: usize,
) -> (Vec<String>, f64) {
    let m = Metrics::get();
    let mut lines = vec![m.truncate(&date_text(e), DATE_FONT, max_date.max(max_label))];
    lines.extend(m.wrap(&e.title, LABEL_FONT, max_label, title_lines));
    let width = lines
        .iter()
        .enumerate()
        .map(|(i, l)| m.width(l, if i == 0 { DATE_FONT } else { LABEL_FONT }))
        .fold(0.0, f64::max)
        .ceil();
    (lines, width)
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
    for (i, line) in p.lines.iter().enumerate() {
        let (size, role, step) = if i == 0 {
            (DATE_FONT, TextRole::LabelDate, DATE_LINE)
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
/// pixel, as [`instant_geoms`] sets them).
pub(crate) fn stack_height(pending: &[Pending], members: &[usize]) -> f64 {
    let mut y = 0.0;
    let mut bottom = 0.0;
    for &i in members {
        bottom = y + label_height(pending[i].lines.len());
        y = (bottom + STACK_GAP).round();
    }
    bottom
}
