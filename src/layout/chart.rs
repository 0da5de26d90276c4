//! Putting a chart together: [`layout`] runs the stages (scale, marks,
//! labels, intervals, packing with clusters, colours, legend) and hands
//! their results to [`super::assemble`] for the final geometry.

use std::collections::BTreeMap;

use super::assemble::{Assembly, assemble};
use super::clusters::{place_with_clusters, shown_one_by_one};
use super::colors::tag_paints;
use super::intervals::pack_intervals;
use super::label::label_lines;
use super::lanes::Slot;
use super::legend::{MAX_PAINTS, build_legend};
use super::marks::{instant_mark, interval_mark};
use super::packing::tick_obstacles;
use super::scale::{Scale, day_number};
use super::select::{Item, Pending, Subject, items_of, keep_most_important};
use super::text::Metrics;
use super::{
    Align, BELOW_OFFSET, Chart, LANE_UNIT, LayoutOptions, LegendKey, MARGIN, MARK_HALF, POLE_GAP,
    Paint, SMALL_FONT, TITLE_FONT, TextLine, TextRole, ticks,
};
use crate::timeline::{Event, Timeline, When};

/// Intervals take at most this share of the room for labels and bars.
const BAR_SHARE: f64 = 0.25;
/// Line height of the title.
const TITLE_LINE: f64 = 22.0;

/// Lays out `t` at `opts.width` pixels, at most about `opts.max_height`
/// tall.
pub fn layout(t: &Timeline, opts: &LayoutOptions) -> Chart {
    let width = opts.width.max(200.0).round();
    let (left, right) = (MARGIN, width - MARGIN);
    let title = title_lines(t, opts, width);
    let top = MARGIN + title.len() as f64 * TITLE_LINE + 6.0;
    let dated = dated_events(t);
    let undated = t.events.len() - dated.len();
    if dated.is_empty() {
        return empty_chart(title, width, top, undated, opts.filtered_out);
    }
    let scale = scale_of(&dated, opts.window, left, right);
    // Never more than half the plot, so a label always fits on one side of
    // its leader.
    let half = (right - left) / 2.0 - 2.0 * POLE_GAP;
    let max_label = (width * 0.36).clamp(200.0, 290.0).min(half);
    let base = pending_of(&dated, &scale, opts.window, max_label, half);
    let room = Room::new(opts.max_height, top, &base, width);

    // Intervals first, in their share of the room; instants in the rest.
    let (bar_items, bar_ranked) = items_of(&base, Vec::new());
    let bars: Vec<usize> = bar_ranked
        .into_iter()
        .filter(|&k| bar_items[k].bar.is_some())
        .collect();
    let bar_cap = room.bar_units();
    let bar_slots = keep_most_important(&bar_items, &bars, right - left, bar_cap, |keep| {
        pack_intervals(&bar_items, keep, left, right, bar_cap)
    });
    let bar_used = used_units(&bar_slots);
    let label_units = room.label_units(bar_used);
    let below = tick_obstacles(&scale, label_units);
    let (pending, placement) =
        place_with_clusters(&base, (left, right), &below, label_units, max_label);

    let paints = paints_of(t, &pending, &placement, &bar_items, &bar_slots);
    let shown = shown_one_by_one(&pending, &placement).len() + bar_slots.len();
    assemble(Assembly {
        title,
        width,
        top,
        scale: &scale,
        pending: &pending,
        placement: &placement,
        bar_items: &bar_items,
        bar_slots: &bar_slots,
        paints: &paints,
        omitted: dated.len() + undated - shown,
        filtered_out: opts.filtered_out,
    })
}

/// The title, on one line or two (shortened after a word if longer).
fn title_lines(t: &Timeline, opts: &LayoutOptions, width: f64) -> Vec<TextLine> {
    let text = opts
        .title
        .clone()
        .or_else(|| t.title.clone())
        .unwrap_or_else(|| "Timeline".to_string());
    let text = super::text::strip_bidi(&text);
    let (lines, _) = Metrics::get().wrap(&text, TITLE_FONT, width - 2.0 * MARGIN, 2);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            TextLine::new(
                l,
                MARGIN,
                MARGIN + i as f64 * TITLE_LINE,
                TITLE_FONT,
                Align::Start,
                TextRole::Title,
            )
        })
        .collect()
}

/// The dated events with their index in the file, by date.
fn dated_events(t: &Timeline) -> Vec<(usize, &Event)> {
    let mut dated: Vec<(usize, &Event)> = t
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.when.sort_key().is_some())
        .collect();
    dated.sort_by(|a, b| {
        a.1.when
            .sort_key()
            .cmp(&b.1.when.sort_key())
            .then(a.0.cmp(&b.0))
    });
    dated
}

/// The time scale of the events' known starts and ends, kept within the
/// window asked for.
fn scale_of(
    dated: &[(usize, &Event)],
    window: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
    left: f64,
    right: f64,
) -> Scale {
    let lo = window.0.map_or(f64::NEG_INFINITY, day_number);
    let hi = window.1.map_or(f64::INFINITY, |d| day_number(d) + 1.0);
    let points: Vec<(f64, usize)> = dated
        .iter()
        .flat_map(|(i, e)| {
            let first = e.when.first_day().map(|d| (day_number(d), *i));
            let last = e.when.last_day().map(|d| (day_number(d) + 1.0, *i));
            first.into_iter().chain(last)
        })
        .map(|(t, i)| (t.clamp(lo, hi), i))
        .collect();
    // A month or a year that is one instant is never cut by a break.
    let whole: Vec<(f64, f64)> = dated
        .iter()
        .filter_map(|(_, e)| match e.when {
            When::On(d) => Some((
                day_number(d.date.first_day()).clamp(lo, hi),
                (day_number(d.date.last_day()) + 1.0).clamp(lo, hi),
            )),
            When::Between { .. } => None,
        })
        .filter(|(a, b)| b - a > 1.0)
        .collect();
    Scale::new(&points, &whole, left, right)
}

/// Every dated event's mark and label text, in date order.
fn pending_of<'a>(
    dated: &[(usize, &'a Event)],
    scale: &Scale,
    window: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
    max_label: f64,
    max_date: f64,
) -> Vec<Pending<'a>> {
    dated
        .iter()
        .map(|&(index, e)| {
            let (mark, anchor, bar) = match e.when {
                When::On(d) => {
                    let (mark, anchor) = instant_mark(&d, scale);
                    (mark, anchor, None)
                }
                When::Between { start, end } => {
                    let mark = interval_mark(start, end, scale, window);
                    let b = mark.bbox();
                    (mark, b.x, Some((b.x, b.right())))
                }
            };
            let text = label_lines(e, max_label, max_date);
            Pending {
                subject: Subject::Event(e),
                index,
                anchor,
                mark,
                bar,
                lines: text.lines,
                width: text.width,
                shortened: text.shortened,
            }
        })
        .collect()
}

/// The highest lane used by `slots`.
fn used_units(slots: &[Slot]) -> usize {
    slots.iter().map(|s| s.lane + s.units).max().unwrap_or(0)
}

/// The vertical room of a chart: what the height limit leaves for labels
/// and bars once the title, note, axis, legend and margins have theirs.
struct Room {
    /// Pixels for the labels on both sides of the axis and the bars.
    free: f64,
}

impl Room {
    fn new(max_height: f64, top: f64, base: &[Pending], width: f64) -> Room {
        let m = Metrics::get();
        let note = m.height(SMALL_FONT) + 4.0;
        let axis = 8.0 + 4.0 + MARK_HALF + 4.0 + BELOW_OFFSET;
        let below_axis = MARK_HALF + 5.0 + m.height(ticks::TICK_FONT) - BELOW_OFFSET;
        let legend = legend_height(base, width);
        let fixed = top + note + axis + below_axis.max(0.0) + 12.0 + 14.0 + legend + MARGIN;
        Room {
            free: (max_height - fixed).max(0.0),
        }
    }

    /// Lanes the intervals may take.
    fn bar_units(&self) -> usize {
        (self.free * BAR_SHARE / LANE_UNIT) as usize
    }

    /// Lanes the labels may take on each side, once the bars took
    /// `bar_units`.
    fn label_units(&self, bar_units: usize) -> usize {
        let left = self.free - bar_units as f64 * LANE_UNIT;
        ((left / 2.0 / LANE_UNIT) as usize).max(1)
    }
}

/// The height the legend could need: as if every event were drawn.
fn legend_height(base: &[Pending], width: f64) -> f64 {
    let mut keys: Vec<LegendKey> = Vec::new();
    for p in base {
        let Some(e) = p.event() else { continue };
        keys.extend(e.tags.iter().take(MAX_PAINTS).map(|t| LegendKey::Tag {
            name: t.clone(),
            paint: Paint::Untagged,
        }));
        keys.push(p.mark.legend_key());
        keys.extend([
            LegendKey::Untagged,
            LegendKey::Approximate,
            LegendKey::Inferred,
        ]);
        if p.bar.is_some() {
            keys.extend([LegendKey::Open, LegendKey::Cut]);
        }
    }
    keys.push(LegendKey::Cluster);
    keys.sort();
    keys.dedup();
    let (_, bottom) = build_legend(keys, width, 0.0);
    bottom
}

/// The colours of the tags of the events drawn one by one.
fn paints_of(
    t: &Timeline,
    pending: &[Pending],
    placement: &(Vec<Item>, Vec<usize>, Vec<Slot>),
    bar_items: &[Item],
    bar_slots: &[Slot],
) -> BTreeMap<String, Paint> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let drawn = shown_one_by_one(pending, placement)
        .into_iter()
        .chain(bar_slots.iter().map(|s| bar_items[s.item].members[0]));
    for i in drawn {
        if let Some(e) = pending[i].event() {
            for tag in &e.tags {
                *counts.entry(tag.as_str()).or_default() += 1;
            }
        }
    }
    tag_paints(&counts, &t.colors)
}

/// The chart of a timeline without dated events.
fn empty_chart(
    title: Vec<TextLine>,
    width: f64,
    y: f64,
    undated: usize,
    filtered_out: usize,
) -> Chart {
    let empty = TextLine::new(
        "No events".to_string(),
        width / 2.0,
        y + 40.0,
        14.0,
        Align::Middle,
        TextRole::Empty,
    );
    let note = super::assemble::note_line(undated, filtered_out, y, width);
    let title_text: Vec<&str> = title.iter().map(|l| l.text.as_str()).collect();
    Chart {
        width,
        height: (empty.bbox().bottom() + 40.0 + MARGIN).round(),
        description: format!("{}: no events.", title_text.join(" ")),
        title,
        note,
        empty: Some(empty),
        axis: None,
        events: Vec::new(),
        clusters: Vec::new(),
        omitted: undated,
        legend: Vec::new(),
    }
}
