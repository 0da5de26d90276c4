//! Intervals: bars cut at axis breaks, packed in lanes under the axis,
//! each with its label over its start.

use super::*;

/// Lanes an interval takes below the axis: its label, then its bar.
pub(crate) fn interval_units(lines: usize) -> usize {
    ((label_height(lines) + BAR_LABEL_GAP + BAR_HEIGHT + 2.0 * LABEL_GAP_Y) / LANE_UNIT).ceil()
        as usize
}

/// Packs the intervals `keep` into lanes below the axis, each with its
/// label over the start of its bar (or against the right edge): in order
/// of start, each goes to the topmost lanes where neither its bar nor its
/// label touches another; those that would need more than `max_units`
/// lanes are left out.
pub(crate) fn pack_intervals(
    items: &[Item],
    keep: &[usize],
    left: f64,
    right: f64,
    max_units: usize,
) -> Vec<Slot> {
    let mut order = keep.to_vec();
    order.sort_by(|&a, &b| {
        items[a]
            .anchor
            .total_cmp(&items[b].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let mut lanes = Lanes::new(max_units);
    let mut out = Vec::with_capacity(order.len());
    for i in order {
        let p = &items[i];
        let (bx0, bx1) = p.bar.unwrap_or((p.anchor, p.anchor));
        let x0 = bx0.min(right - p.width).max(left);
        let a = x0.min(bx0) - LABEL_GAP_X;
        let b = (x0 + p.width).max(bx1) + LABEL_GAP_X;
        let units = p.units;
        let mut k = 0;
        while k + units <= max_units {
            match (k..k + units).rev().find(|&j| lanes.blocked(j, a, b, true)) {
                Some(j) => k = j + 1,
                None => break,
            }
        }
        if k + units > max_units {
            continue;
        }
        for j in k..k + units {
            lanes.add(j, a, b, true);
        }
        out.push(Slot {
            item: i,
            lane: k,
            units,
            x0,
            align: Align::Start,
            side: Side::Below,
        });
    }
    out
}

/// The bar of an interval, at y 0.
pub(crate) fn interval_mark(start: Option<DateSpec>, end: Option<DateSpec>, scale: &Scale) -> Mark {
    let x0 = start
        .map_or(scale.left(), |s| scale.x(day_number(s.date.first_day())))
        .round();
    let x1 = end
        .map_or(scale.right(), |s| {
            scale.x(day_number(s.date.last_day()) + 1.0)
        })
        .round()
        .max(x0 + 2.0);
    let fuzzy = |s: Option<DateSpec>| s.is_some_and(|s| s.approximate || s.uncertain);
    Mark::Bar {
        pieces: cut_at_breaks(x0, x1, &scale.breaks()),
        y: 0.0,
        h: BAR_HEIGHT,
        fade_start: fuzzy(start),
        fade_end: fuzzy(end),
        open_start: start.is_none(),
        open_end: end.is_none(),
    }
}

/// Cuts `[x0, x1]` where it crosses axis breaks (leaving a small gap).
pub(crate) fn cut_at_breaks(x0: f64, x1: f64, breaks: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut a = x0;
    for &(b0, b1) in breaks {
        if b1 <= a || b0 >= x1 {
            continue;
        }
        let mid = (b0 + b1) / 2.0;
        let cut0 = (mid - BREAK_WIDTH / 6.0).round();
        let cut1 = (mid + BREAK_WIDTH / 6.0).round();
        if cut0 > a {
            out.push((a, cut0));
        }
        a = cut1.max(a);
    }
    if x1 > a {
        out.push((a, x1));
    }
    if out.is_empty() {
        out.push((x0, x1));
    }
    out
}

/// The final geometry of a placed interval: its label, then its bar, in
/// the lanes under the axis that start at `bars_top`.
pub(crate) fn interval_geom(p: &Pending, slot: &Slot, bars_top: f64, tags: &[String]) -> EventGeom {
    let top = (bars_top + slot.lane as f64 * LANE_UNIT + LABEL_GAP_Y).round();
    let (label, label_box) = label_at(p, slot.x0, top, Align::Start);
    let bar_y = (label_box.bottom() + BAR_LABEL_GAP).round();
    let mark = on_axis(&p.mark, bar_y);
    let (bx0, bx1) = p.bar.unwrap_or((p.anchor, p.anchor));
    let x = (bx0 + 2.0)
        .min((bx0 + bx1) / 2.0)
        .max(label_box.x)
        .min(label_box.right());
    let pole = (x, (label_box.bottom() + 1.0).round(), bar_y);
    finish_geom(p, mark, label, label_box, pole, tags)
}
