//! The final geometry: where the placed labels, marks, leaders, axis, note
//! and legend go, from top to bottom.

use std::collections::BTreeMap;

use super::label::{date_text, label_at, stack_height};
use super::lanes::{Side, Slot};
use super::legend::{build_legend, event_paints, legend_keys};
use super::marks::at_y;
use super::scale::{Scale, year_of};
use super::select::{Cluster, Item, Pending, Placement, Subject};
use super::text::Metrics;
use super::{
    Align, Axis, BAR_LABEL_GAP, BELOW_OFFSET, Chart, ClusterGeom, EventGeom, LABEL_GAP_Y,
    LANE_UNIT, MARGIN, MARK_HALF, Paint, Placed, Rect, SMALL_FONT, STACK_GAP, TextLine, TextRole,
    Tick, ticks,
};
use crate::date::{DateSpec, Precision};
use crate::timeline::When;

/// At most this many events are named in a cluster's tooltip.
const TOOLTIP_EVENTS: usize = 20;

/// What [`assemble`] puts together.
pub(crate) struct Assembly<'a> {
    pub(crate) title: Vec<TextLine>,
    pub(crate) width: f64,
    /// Where the note (or the labels) start.
    pub(crate) top: f64,
    pub(crate) scale: &'a Scale,
    /// The labels of the last round: the events, then the clusters.
    pub(crate) pending: &'a [Pending<'a>],
    pub(crate) placement: &'a Placement,
    pub(crate) bar_items: &'a [Item],
    pub(crate) bar_slots: &'a [Slot],
    pub(crate) paints: &'a BTreeMap<String, Paint>,
    /// Events not shown one by one.
    pub(crate) omitted: usize,
    /// Events the filter left out.
    pub(crate) filtered_out: usize,
}

/// The note under the title: what is not shown, and how to choose.
pub(crate) fn note_line(
    omitted: usize,
    filtered_out: usize,
    y: f64,
    width: f64,
) -> Option<TextLine> {
    let events = |n: usize| if n == 1 { "event" } else { "events" };
    let mut parts = Vec::new();
    if omitted > 0 {
        parts.push(format!(
            "+{omitted} {} not shown (use --from/--to or --max-events)",
            events(omitted)
        ));
    }
    if filtered_out > 0 {
        parts.push(if parts.is_empty() {
            format!(
                "{filtered_out} {} left out by the filter",
                events(filtered_out)
            )
        } else {
            format!("{filtered_out} more left out by the filter")
        });
    }
    if parts.is_empty() {
        return None;
    }
    let text = Metrics::get().shorten(&parts.join("; "), SMALL_FONT, width - 2.0 * MARGIN);
    Some(TextLine::new(
        text,
        MARGIN,
        y,
        SMALL_FONT,
        Align::Start,
        TextRole::Note,
    ))
}

/// The chart, from top to bottom: title, note, labels above the axis,
/// the axis with its marks and tick labels, labels below it, intervals,
/// legend.
pub(crate) fn assemble(a: Assembly<'_>) -> Chart {
    let m = Metrics::get();
    let mut y = a.top;
    let note = note_line(a.omitted, a.filtered_out, y, a.width);
    if note.is_some() {
        y += m.height(SMALL_FONT) + 4.0;
    }
    let (items, _, slots) = a.placement;
    let used = |side: Side| {
        slots
            .iter()
            .filter(|s| s.side == side)
            .map(|s| s.lane + s.units)
            .max()
            .unwrap_or(0)
    };
    let label_bottom = y + 8.0 + used(Side::Above) as f64 * LANE_UNIT;
    let axis_y = (label_bottom + 4.0 + MARK_HALF + 4.0).round();
    let ticks_bottom = axis_y + MARK_HALF + 5.0 + m.height(ticks::TICK_FONT);
    let below_top = axis_y + BELOW_OFFSET;
    let below_bottom = below_top + used(Side::Below) as f64 * LANE_UNIT;
    let bars_top = (ticks_bottom.max(below_bottom) + 12.0).round();
    let bar_used = a
        .bar_slots
        .iter()
        .map(|s| s.lane + s.units)
        .max()
        .unwrap_or(0);
    let bars_bottom = bars_top + bar_used as f64 * LANE_UNIT;

    let mut events: Vec<(f64, usize, EventGeom)> = Vec::new();
    let mut clusters: Vec<(f64, ClusterGeom)> = Vec::new();
    let frame = Frame {
        label_bottom,
        below_top,
        axis_y,
        paints: a.paints,
    };
    for s in slots {
        instant_geoms(
            a.pending,
            &items[s.item],
            s,
            &frame,
            &mut events,
            &mut clusters,
        );
    }
    for s in a.bar_slots {
        let p = &a.pending[a.bar_items[s.item].members[0]];
        if let Some(g) = interval_geom(p, s, bars_top, a.paints) {
            events.push((p.anchor, p.index, g));
        }
    }
    events.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    clusters.sort_by(|x, y| x.0.total_cmp(&y.0));
    let events: Vec<EventGeom> = events.into_iter().map(|e| e.2).collect();
    let clusters: Vec<ClusterGeom> = clusters.into_iter().map(|c| c.1).collect();
    let axis = build_axis(a.scale, axis_y);
    let legend_top = (ticks_bottom.max(bars_bottom) + 14.0).round();
    let keys = legend_keys(&events, &clusters, a.paints);
    let (legend, bottom) = build_legend(keys, a.width, legend_top);
    let description = describe(&a, events.len(), clusters.len());
    Chart {
        width: a.width,
        height: (bottom + MARGIN).round(),
        title: a.title,
        description,
        note,
        empty: None,
        axis: Some(axis),
        events,
        clusters,
        omitted: a.omitted,
        legend,
    }
}

/// The `<desc>` of the chart.
fn describe(a: &Assembly<'_>, shown: usize, clusters: usize) -> String {
    let (t0, t1) = a.scale.domain();
    let title: Vec<&str> = a.title.iter().map(|l| l.text.as_str()).collect();
    let mut s = format!(
        "{}: {shown} events on a time axis from {} to {}",
        title.join(" "),
        year_of(t0),
        year_of(t1 - 1.0),
    );
    if a.omitted > 0 {
        s.push_str(&format!(", {} more not shown", a.omitted));
        if clusters > 0 {
            s.push_str(&format!(" one by one ({clusters} clusters)"));
        }
    }
    if a.filtered_out > 0 {
        s.push_str(&format!(", {} left out by the filter", a.filtered_out));
    }
    s.push('.');
    s
}

/// Where the lanes are.
struct Frame<'a> {
    /// The bottom of the lanes above the axis.
    label_bottom: f64,
    /// The top of the lanes below the axis.
    below_top: f64,
    axis_y: f64,
    paints: &'a BTreeMap<String, Paint>,
}

/// The final geometry of the instants (and clusters) of a placed item:
/// their labels stacked in date order, one leader shared.
fn instant_geoms(
    pending: &[Pending],
    item: &Item,
    slot: &Slot,
    f: &Frame<'_>,
    events: &mut Vec<(f64, usize, EventGeom)>,
    clusters: &mut Vec<(f64, ClusterGeom)>,
) {
    let top = match slot.side {
        Side::Above => f.label_bottom - (slot.lane + slot.units) as f64 * LANE_UNIT + LABEL_GAP_Y,
        Side::Below => f.below_top + slot.lane as f64 * LANE_UNIT + LABEL_GAP_Y,
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
        let mark = at_y(&p.mark, f.axis_y);
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
        let placed = Placed {
            mark,
            label,
            label_box,
            group_box,
            pole,
        };
        match &p.subject {
            Subject::Event(_) => {
                if let Some(g) = finish_geom(p, placed, f.paints) {
                    events.push((p.anchor, p.index, g));
                }
            }
            Subject::Cluster(c) if c.members.is_empty() => {}
            Subject::Cluster(c) => clusters.push((p.anchor, cluster_geom(pending, c, p, placed))),
        }
    }
}

/// A placed cluster: its events' ids and a tooltip naming them.
fn cluster_geom(pending: &[Pending], c: &Cluster, p: &Pending, placed: Placed) -> ClusterGeom {
    let events: Vec<&crate::timeline::Event> = c
        .members
        .iter()
        .filter_map(|&k| pending[k].event())
        .collect();
    let mut tooltip = p.lines.join(" ");
    for e in events.iter().take(TOOLTIP_EVENTS) {
        tooltip.push('\n');
        tooltip.push_str(&format!("{}: {}", date_text(e), e.title));
    }
    if events.len() > TOOLTIP_EVENTS {
        tooltip.push_str(&format!("\n… and {} more", events.len() - TOOLTIP_EVENTS));
    }
    ClusterGeom {
        ids: events.iter().map(|e| e.id.clone()).collect(),
        days: c.days,
        tooltip,
        placed,
    }
}

/// The final geometry of a placed interval: its label, then its bar, in
/// the lanes under the axis that start at `bars_top`.
fn interval_geom(
    p: &Pending,
    slot: &Slot,
    bars_top: f64,
    paints: &BTreeMap<String, Paint>,
) -> Option<EventGeom> {
    let top = (bars_top + slot.lane as f64 * LANE_UNIT + LABEL_GAP_Y).round();
    let (label, label_box) = label_at(p, slot.x0, top, Align::Start);
    let bar_y = (label_box.bottom() + BAR_LABEL_GAP).round();
    let mark = at_y(&p.mark, bar_y);
    let (bx0, bx1) = p.bar.unwrap_or((p.anchor, p.anchor));
    let x = (bx0 + 2.0)
        .min((bx0 + bx1) / 2.0)
        .max(label_box.x)
        .min(label_box.right());
    let placed = Placed {
        mark,
        label,
        label_box,
        group_box: label_box,
        pole: (x, (label_box.bottom() + 1.0).round(), bar_y),
    };
    finish_geom(p, placed, paints)
}

/// An event's geometry, with what the writer needs to style it.
fn finish_geom(p: &Pending, placed: Placed, paints: &BTreeMap<String, Paint>) -> Option<EventGeom> {
    let e = p.event()?;
    let specs: Vec<DateSpec> = match e.when {
        When::On(d) => vec![d],
        When::Between { start, end } => start.into_iter().chain(end).collect(),
    };
    Some(EventGeom {
        id: e.id.clone(),
        title: e.title.clone(),
        tooltip: format!("{}: {}", date_text(e), e.title),
        interval: matches!(e.when, When::Between { .. }),
        precision: specs.first().map_or(Precision::Day, |d| d.date.precision()),
        approximate: specs.iter().any(|d| d.approximate),
        uncertain: specs.iter().any(|d| d.uncertain),
        inferred: e.inferred,
        tags: e.tags.clone(),
        paints: event_paints(&e.tags, paints)
            .into_iter()
            .map(|(_, p)| p)
            .collect(),
        shortened: p.shortened,
        placed,
    })
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
