//! Putting a chart together: [`layout`] runs the stages (scale, marks,
//! selection, packing, intervals, legend) and turns their results into the
//! final geometry.

use super::*;
use crate::timeline::importance_rank;

/// Lays out `t` at `opts.width` pixels.
pub fn layout(t: &Timeline, opts: &LayoutOptions) -> Chart {
    let m = Metrics::get();
    let width = opts.width.max(200.0).round();
    let title_text = opts
        .title
        .clone()
        .or_else(|| t.title.clone())
        .unwrap_or_else(|| "Timeline".to_string());
    let title = TextLine::new(
        m.truncate(&title_text, TITLE_FONT, width - 2.0 * MARGIN),
        MARGIN,
        MARGIN,
        TITLE_FONT,
        Align::Start,
        TextRole::Title,
    );
    let mut y = MARGIN + m.height(TITLE_FONT) + 6.0;

    let mut dated: Vec<(usize, &Event)> = t
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.when.sort_key().is_some())
        .collect();
    let undated = t.events.len() - dated.len();
    if dated.is_empty() {
        return empty_chart(title, width, y, undated);
    }
    dated.sort_by(|a, b| {
        a.1.when
            .sort_key()
            .cmp(&b.1.when.sort_key())
            .then(a.0.cmp(&b.0))
    });

    // Horizontal: the scale, then marks and label texts.
    let points: Vec<(f64, usize)> = dated
        .iter()
        .flat_map(|(i, e)| {
            let first = e.when.first_day().map(|d| (day_number(d), *i));
            let last = e.when.last_day().map(|d| (day_number(d) + 1.0, *i));
            first.into_iter().chain(last)
        })
        .collect();
    let (left, right) = (MARGIN, width - MARGIN);
    let scale = Scale::new(&points, left, right);
    let tags = tag_slots(t);
    // Never more than half the plot, so a label always fits on one side of
    // its leader. Crowded charts get narrower, shorter labels.
    let crowded = dated.len() > 20;
    let max_label = (width * if crowded { 0.2 } else { 0.3 })
        .clamp(110.0, 260.0)
        .min((right - left) / 2.0 - 2.0 * POLE_GAP);
    let title_lines = match dated.len() {
        0..=20 => LABEL_MAX_LINES,
        21..=40 => 2,
        _ => 1,
    };
    let mut pending: Vec<Pending> = Vec::with_capacity(dated.len());
    for (index, e) in dated {
        let (mark, anchor, bar) = match e.when {
            When::On(d) => {
                let (mark, anchor) = instant_mark(&d, &scale);
                (mark, anchor, None)
            }
            When::Between { start, end } => {
                let mark = interval_mark(start, end, &scale);
                let b = mark.bbox();
                (mark, b.x, Some((b.x, b.right())))
            }
        };
        // An interval's label sits in its own lane: two lines at least.
        let lines_here = if bar.is_some() {
            title_lines.max(2)
        } else {
            title_lines
        };
        let (lines, width) = label_lines(
            e,
            max_label,
            (right - left) / 2.0 - 2.0 * POLE_GAP,
            lines_here,
        );
        pending.push(Pending {
            event: e,
            index,
            anchor,
            mark,
            bar,
            lines,
            width,
        });
    }

    // Vertical: intervals into bar lanes below the axis, instants' labels
    // into lanes above it; when not everything fits, the most important
    // events are kept.
    // Which instants to try: the most important first, never more than
    // the room could hold; fewer when many are left out.
    let label_units = (MAX_LABEL_HEIGHT / LANE_UNIT) as usize;
    let below = tick_obstacles(&scale, label_units);
    let by_importance: Vec<usize> = importance(&pending)
        .into_iter()
        .filter(|&i| pending[i].bar.is_none())
        .collect();
    let capacity = 2.0 * (right - left) * (label_units as f64 * LANE_UNIT);
    let mut area = 0.0;
    let hi = by_importance
        .iter()
        .position(|&i| {
            let p = &pending[i];
            area += (p.width + LABEL_GAP_X) * (label_height(p.lines.len()) + LABEL_GAP_Y);
            area > capacity
        })
        .unwrap_or(by_importance.len());
    let count = |p: &Placement| -> usize { p.2.iter().map(|s| p.0[s.item].members.len()).sum() };
    let total = |p: &Placement| -> usize {
        let side = |d: Side| {
            p.2.iter()
                .filter(|s| s.side == d)
                .map(|s| s.lane + s.units)
                .max()
                .unwrap_or(0)
        };
        side(Side::Above) + side(Side::Below)
    };
    // Every way of hanging labels, and pyramids only: lower, but it may
    // show fewer.
    let place = |keep: &[usize], merge: bool| {
        let span = (left, right);
        let any = place_events(&pending, keep, span, &below, label_units, merge, &HANGS);
        let pyramids = place_events(
            &pending,
            keep,
            span,
            &below,
            label_units,
            merge,
            &[Hang::Pyramid],
        );
        if count(&pyramids) >= count(&any) && total(&pyramids) < total(&any) {
            pyramids
        } else {
            any
        }
    };
    let mut best = place(&by_importance[..hi], true);
    let (first, mut tried) = (count(&best), hi);
    // (Only worth it when confidences differ.)
    let mixed = by_importance[..hi]
        .windows(2)
        .any(|w| importance_rank(pending[w[0]].event) != importance_rank(pending[w[1]].event));
    for _ in 0..if mixed { SHRINK_ROUNDS } else { 0 } {
        if count(&best) * 10 >= tried * 9 {
            break;
        }
        tried = (count(&best) * 21 / 20).clamp(1, tried - 1);
        let v = place(&by_importance[..tried], false);
        if count(&v) * 3 < first * 2 {
            break;
        }
        best = v;
    }
    let (items, ranked, slots) = best;
    let bars: Vec<usize> = ranked
        .iter()
        .copied()
        .filter(|&i| items[i].bar.is_some())
        .collect();
    let bar_units = (MAX_INTERVAL_HEIGHT / LANE_UNIT) as usize;
    let bar_slots = keep_most_important(&items, &bars, right - left, bar_units, |keep| {
        pack_intervals(&items, keep, left, right, bar_units)
    });
    let shown: usize = slots
        .iter()
        .chain(&bar_slots)
        .map(|s| items[s.item].members.len())
        .sum();
    let omitted = undated + pending.len() - shown;
    let used = |side: Side| {
        slots
            .iter()
            .filter(|s| s.side == side)
            .map(|s| s.lane + s.units)
            .max()
            .unwrap_or(0)
    };
    let (used_units, below_units) = (used(Side::Above), used(Side::Below));
    let note = (omitted > 0).then(|| {
        let line = TextLine::new(
            format!("+{omitted} more events not shown"),
            MARGIN,
            y,
            SMALL_FONT,
            Align::Start,
            TextRole::Note,
        );
        y += m.height(SMALL_FONT) + 4.0;
        line
    });
    let label_bottom = y + 8.0 + used_units as f64 * LANE_UNIT;
    let axis_y = (label_bottom + 4.0 + MARK_HALF + 4.0).round();
    let ticks_bottom = axis_y + MARK_HALF + 5.0 + m.height(ticks::TICK_FONT);
    let below_top = axis_y + BELOW_OFFSET;
    let below_bottom = below_top + below_units as f64 * LANE_UNIT;
    let bars_top = (ticks_bottom.max(below_bottom) + 12.0).round();
    let bar_used = bar_slots
        .iter()
        .map(|s| s.lane + s.units)
        .max()
        .unwrap_or(0);
    let bars_bottom = bars_top + bar_used as f64 * LANE_UNIT;
    let mut events: Vec<(f64, usize, EventGeom)> = Vec::with_capacity(shown);
    for s in &slots {
        instant_geoms(
            &pending,
            &items[s.item],
            s,
            label_bottom,
            below_top,
            axis_y,
            &tags,
            &mut events,
        );
    }
    for s in &bar_slots {
        let p = &pending[items[s.item].members[0]];
        events.push((p.anchor, p.index, interval_geom(p, s, bars_top, &tags)));
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let events: Vec<EventGeom> = events.into_iter().map(|e| e.2).collect();
    let axis = build_axis(&scale, axis_y);
    let legend_top = (ticks_bottom.max(bars_bottom) + 14.0).round();
    let (legend, bottom) = build_legend(legend_keys(&events), &tags, width, legend_top);

    let t0 = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let t1 = points
        .iter()
        .map(|p| p.0 - 1.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let description = format!(
        "{}: {} events on a time axis from {} to {}{}.",
        title.text,
        events.len(),
        scale::year_of(t0),
        scale::year_of(t1),
        if omitted > 0 {
            format!(", {omitted} more not shown")
        } else {
            String::new()
        }
    );
    Chart {
        width,
        height: (bottom + MARGIN).round(),
        title: Some(title),
        description,
        note,
        empty: None,
        axis: Some(axis),
        events,
        omitted,
        legend,
        tags,
    }
}

/// The chart of a timeline without dated events.
pub(crate) fn empty_chart(title: TextLine, width: f64, y: f64, undated: usize) -> Chart {
    let empty = TextLine::new(
        "No events".to_string(),
        width / 2.0,
        y + 40.0,
        14.0,
        Align::Middle,
        TextRole::Empty,
    );
    let note = (undated > 0).then(|| {
        TextLine::new(
            format!("+{undated} more events not shown (undated)"),
            MARGIN,
            y,
            SMALL_FONT,
            Align::Start,
            TextRole::Note,
        )
    });
    Chart {
        width,
        height: (empty.bbox().bottom() + 40.0 + MARGIN).round(),
        description: format!("{}: no events.", title.text),
        title: Some(title),
        note,
        empty: Some(empty),
        axis: None,
        events: Vec::new(),
        omitted: undated,
        legend: Vec::new(),
        tags: Vec::new(),
    }
}

/// The mark of an instant (at y 0) and the x its leader rises from: a dot
/// for a day; for coarser dates a bracket over the span when it is wide
/// enough, else a diamond (month) or a square (year and coarser).
pub(crate) fn instant_mark(d: &DateSpec, scale: &Scale) -> (Mark, f64) {
    let xa = scale.x(day_number(d.date.first_day()));
    let xb = scale.x(day_number(d.date.last_day()) + 1.0);
    let cx = ((xa + xb) / 2.0).round();
    let mark = if d.date.precision() == Precision::Day {
        Mark::Dot {
            cx,
            cy: 0.0,
            r: DOT_RADIUS,
        }
    } else if xb - xa >= 2.0 * MARK_HALF + 2.0 {
        Mark::Span {
            x0: xa.round(),
            x1: xb.round(),
            cy: 0.0,
            half: MARK_HALF,
        }
    } else {
        Mark::Symbol {
            cx,
            cy: 0.0,
            half: MARK_HALF,
            shape: if d.date.precision() == Precision::Month {
                Symbol::Diamond
            } else {
                Symbol::Square
            },
        }
    };
    (mark, cx)
}

/// The mark of an instant on the axis at `axis_y`.
pub(crate) fn on_axis(mark: &Mark, axis_y: f64) -> Mark {
    let mut mark = mark.clone();
    match &mut mark {
        Mark::Dot { cy, .. } | Mark::Span { cy, .. } | Mark::Symbol { cy, .. } => *cy = axis_y,
        Mark::Bar { y, .. } => *y = axis_y,
    }
    mark
}

/// The final geometry of the instants of a placed item: their labels
/// stacked in date order, one leader shared.
#[allow(clippy::too_many_arguments)]
pub(crate) fn instant_geoms(
    pending: &[Pending],
    item: &Item,
    slot: &Slot,
    label_bottom: f64,
    below_top: f64,
    axis_y: f64,
    tags: &[String],
    out: &mut Vec<(f64, usize, EventGeom)>,
) {
    let top = match slot.side {
        Side::Above => label_bottom - (slot.lane + slot.units) as f64 * LANE_UNIT + LABEL_GAP_Y,
        Side::Below => below_top + slot.lane as f64 * LANE_UNIT + LABEL_GAP_Y,
    }
    .round();
    let group_box = Rect {
        x: slot.x0,
        y: top,
        w: item.width,
        h: stack_height(pending, &item.members),
    };
    let mut y = top;
    for &i in &item.members {
        let p = &pending[i];
        let mark = on_axis(&p.mark, axis_y);
        let x0 = match slot.align {
            Align::End => slot.x0 + item.width - p.width,
            _ => slot.x0,
        };
        let (label, label_box) = label_at(p, x0, y, slot.align);
        y = (label_box.bottom() + STACK_GAP).round();
        let pole = match slot.side {
            Side::Above => (
                item.anchor,
                (group_box.bottom() + 2.0).round(),
                mark.bbox().y,
            ),
            Side::Below => (item.anchor, mark.bbox().bottom(), group_box.y - 2.0),
        };
        let mut g = finish_geom(p, mark, label, label_box, pole, tags);
        g.group_box = group_box;
        out.push((p.anchor, p.index, g));
    }
}

pub(crate) fn finish_geom(
    p: &Pending,
    mark: Mark,
    label: Vec<TextLine>,
    label_box: Rect,
    pole: (f64, f64, f64),
    tags: &[String],
) -> EventGeom {
    let e = p.event;
    let specs: Vec<DateSpec> = match e.when {
        When::On(d) => vec![d],
        When::Between { start, end } => start.into_iter().chain(end).collect(),
    };
    EventGeom {
        id: e.id.clone(),
        title: e.title.clone(),
        tooltip: format!("{}: {}", date_text(e), e.title),
        interval: matches!(e.when, When::Between { .. }),
        precision: specs.first().map_or(Precision::Day, |d| d.date.precision()),
        approximate: specs.iter().any(|d| d.approximate),
        uncertain: specs.iter().any(|d| d.uncertain),
        inferred: e.inferred,
        tags: e.tags.clone(),
        paint: paint_of(e, tags),
        mark,
        label,
        label_box,
        group_box: label_box,
        pole,
    }
}

/// The axis line, its breaks and its ticks.
pub(crate) fn build_axis(scale: &Scale, axis_y: f64) -> Axis {
    let tick_top = axis_y + MARK_HALF + 5.0;
    let mut out = Vec::new();
    for seg in &scale.segments {
        for tm in ticks::ticks(seg, Metrics::get()) {
            out.push(Tick {
                x: tm.x.round(),
                label: tm.label.map(|s| {
                    TextLine::new(
                        s,
                        tm.label_x.round(),
                        tick_top,
                        ticks::TICK_FONT,
                        Align::Middle,
                        TextRole::Tick,
                    )
                }),
            });
        }
    }
    Axis {
        y: axis_y,
        segments: scale
            .segments
            .iter()
            .map(|s| (s.x0.round(), s.x1.round()))
            .collect(),
        breaks: scale
            .breaks()
            .into_iter()
            .map(|(a, b)| (a.round(), b.round()))
            .collect(),
        ticks: out,
    }
}
