//! Intervals: bars cut at axis breaks, packed in lanes under the axis,
//! each with its label over its start.

use super::label::label_height;
use super::lanes::{Lanes, Side, Slot};
use super::select::Item;
use super::{Align, BAR_HEIGHT, BAR_LABEL_GAP, LABEL_GAP_X, LABEL_GAP_Y, LANE_UNIT};

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
