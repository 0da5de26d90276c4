//! Label packing: where each instant's label goes, on which side of the
//! axis, hanging left or right of its leader.

use super::assemble::build_axis;
use super::label::label_units;
use super::lanes::{Lanes, MAX_INSERTS, Side, Slot, insert_band, lift, lowest_lane};
use super::scale::Scale;
use super::select::Item;
use super::{Align, BELOW_OFFSET, LABEL_GAP_X, LANE_UNIT, ONE_SIDE_HEIGHT, POLE_GAP};

/// Where the labels of the instants `keep` go: all above the axis when
/// they fit there low enough, else every other instant (by position)
/// below it, each side then taking what the other could not place. Those
/// that find no room are left out. `below` holds the tick labels that
/// labels below the axis must avoid.
pub(crate) fn place_instants(
    items: &[Item],
    keep: &[usize],
    left: f64,
    right: f64,
    below: &Lanes,
    hangs: &[Hang],
) -> Vec<Slot> {
    let above = Lanes::new(below.lanes.len());
    let height = |v: &[Slot]| v.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    let area: f64 = keep
        .iter()
        .map(|&i| (items[i].width + LABEL_GAP_X) * items[i].units as f64 * LANE_UNIT)
        .sum();
    // One side is tried only when the labels could fit low enough there.
    let one_side = (area <= (right - left) * ONE_SIDE_HEIGHT)
        .then(|| choose_slots(items, keep, left, right, &above, Side::Above, hangs).0);
    if let Some(v) = &one_side {
        if v.len() == keep.len() && height(v) as f64 * LANE_UNIT <= ONE_SIDE_HEIGHT {
            return v.clone();
        }
    }
    let mut by_x = keep.to_vec();
    by_x.sort_by(|&a, &b| {
        items[a]
            .anchor
            .total_cmp(&items[b].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let (mut todo, mut down) = (Vec::new(), Vec::new());
    for (k, &i) in by_x.iter().enumerate() {
        if k % 2 == 0 {
            todo.push(i);
        } else {
            down.push(i);
        }
    }
    // Up, down, then what is left up and down again on the lanes so far;
    let two_sided = |hangs: &[Hang]| {
        let mut todo = todo.clone();
        let mut down = down.clone();
        let mut lanes = [above.clone(), below.clone()];
        let mut placed: Vec<Slot> = Vec::with_capacity(keep.len());
        let mut done = vec![false; items.len()];
        for (pass, side) in [Side::Above, Side::Below, Side::Above, Side::Below]
            .into_iter()
            .enumerate()
        {
            if pass == 1 {
                todo.append(&mut down);
            }
            todo.retain(|&i| !done[i]);
            if todo.is_empty() {
                break;
            }
            let k = usize::from(side == Side::Below);
            let (v, l) = choose_slots(items, &todo, left, right, &lanes[k], side, hangs);
            for s in &v {
                done[s.item] = true;
            }
            placed.extend(v);
            lanes[k] = l;
        }
        placed
    };
    let placed = two_sided(hangs);
    // Two sides are worth it only if they show more, or as many lower.
    match one_side {
        Some(v)
            if v.len() > placed.len()
                || (v.len() == placed.len()
                    && height(&v) <= height(&placed) + 2 * label_units(3)) =>
        {
            v
        }
        _ => placed,
    }
}

/// Chooses where the labels of the instants `keep` go on one `side`,
/// starting from the lanes `base`; those that find no room are left out.
/// A label placed low blocks the leaders that would cross it, so the
/// events under a label's text should be placed first. Labels hang right
/// of their leader when there is room; or, in a run of leaders closer
/// than a label's width, the first half hangs left and the second half
/// right, so that the run is capped by a pyramid of labels, half as tall
/// as a staircase. Those that hang right go right to left, those that
/// hang left left to right. The first try that places every label wins,
/// else the lowest of those that place the most.
pub(crate) fn choose_slots(
    items: &[Item],
    keep: &[usize],
    left: f64,
    right: f64,
    base: &Lanes,
    side: Side,
    hangs: &[Hang],
) -> (Vec<Slot>, Lanes) {
    let mut desc: Vec<usize> = keep.to_vec();
    desc.sort_by(|&a, &b| {
        items[b]
            .anchor
            .total_cmp(&items[a].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let asc: Vec<usize> = desc.iter().rev().copied().collect();
    let height = |v: &[Slot]| v.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    let mut best: Option<(Vec<Slot>, Lanes)> = None;
    for &strategy in hangs {
        let prefer_left = match strategy {
            Hang::Pyramid => hang_pyramids(items, &asc),
            Hang::Quieter => hang_quieter(items, &asc),
            Hang::Right => vec![false; items.len()],
        };
        let hangs_left = |i: &usize| {
            candidates(&items[*i], left, right, prefer_left[*i])
                .first()
                .is_none_or(|c| c.1 == Align::End)
        };
        let to_left: Vec<usize> = asc.iter().copied().filter(|i| hangs_left(i)).collect();
        let to_right: Vec<usize> = desc.iter().copied().filter(|i| !hangs_left(i)).collect();
        let left_first: Vec<usize> = to_left.iter().chain(&to_right).copied().collect();
        let right_first: Vec<usize> = to_right.iter().chain(&to_left).copied().collect();
        for order in [&left_first, &right_first] {
            let (v, l) = place_labels(items, order, left, right, base, &prefer_left, side);
            let better = best.as_ref().is_none_or(|b| {
                v.len() > b.0.len() || (v.len() == b.0.len() && height(&v) < height(&b.0))
            });
            if better {
                best = Some((v, l));
            }
        }
        if let Some(b) = &best {
            if b.0.len() == keep.len() && height(&b.0) as f64 * LANE_UNIT <= ONE_SIDE_HEIGHT {
                break;
            }
        }
    }
    best.unwrap_or_else(|| (Vec::new(), base.clone()))
}

/// Every way of hanging labels, most natural first.
pub(crate) const HANGS: [Hang; 3] = [Hang::Right, Hang::Pyramid, Hang::Quieter];

/// How labels choose the side of their leader they hang on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Hang {
    /// See [`hang_pyramids`].
    Pyramid,
    /// See [`hang_quieter`].
    Quieter,
    /// Right when there is room.
    Right,
}

/// Which labels should hang left: those with fewer leaders within their
/// width on the left than on the right.
pub(crate) fn hang_quieter(items: &[Item], asc: &[usize]) -> Vec<bool> {
    let xs: Vec<f64> = asc.iter().map(|&i| items[i].anchor).collect();
    let mut prefer_left = vec![false; items.len()];
    for &i in asc {
        let (a, w) = (items[i].anchor, items[i].width);
        let before = xs.partition_point(|&x| x < a) - xs.partition_point(|&x| x < a - w);
        let after = xs.partition_point(|&x| x <= a + w) - xs.partition_point(|&x| x <= a);
        prefer_left[i] = before < after;
    }
    prefer_left
}

/// Which labels should hang left: in each run of leaders closer than a
/// label's width (`asc`: by position), the first half.
pub(crate) fn hang_pyramids(items: &[Item], asc: &[usize]) -> Vec<bool> {
    // Runs of leaders closer than a label's width: the first half of a
    // run hangs left, the second half right.
    let reach = asc
        .iter()
        .map(|&i| items[i].width + LABEL_GAP_X)
        .fold(0.0, f64::max);
    let mut prefer_left = vec![false; items.len()];
    let mut start = 0;
    for k in 1..=asc.len() {
        if k == asc.len() || items[asc[k]].anchor - items[asc[k - 1]].anchor >= reach {
            let half = (k - start) / 2;
            for &i in &asc[start..start + half] {
                prefer_left[i] = true;
            }
            start = k;
        }
    }
    prefer_left
}

/// Where a label's box may go, most natural first: hanging right of its
/// leader (or left, with `prefer_left`), hanging the other way, or pushed
/// against the canvas edge. The leader always ends at the box.
pub(crate) fn candidates(p: &Item, left: f64, right: f64, prefer_left: bool) -> Vec<(f64, Align)> {
    let w = p.width;
    let a = p.anchor;
    let mut out = Vec::with_capacity(4);
    let mut sides = [(a - POLE_GAP, Align::Start), (a + POLE_GAP - w, Align::End)];
    if prefer_left {
        sides.swap(0, 1);
    }
    for (x0, align) in [
        sides[0],
        sides[1],
        (right - w, Align::End),
        (left, Align::Start),
    ] {
        let fits = x0 >= left && x0 + w <= right && a >= x0 && a <= x0 + w;
        if fits && !out.iter().any(|(x, _)| *x == x0) {
            out.push((x0, align));
        }
    }
    out
}

/// Places labels greedily in `order`; those that find no room are left
/// out. Each label takes the candidate position with the lowest free
/// lane; when none is free, others may be lifted to make room
/// ([`insert_band`]).
pub(crate) fn place_labels(
    items: &[Item],
    order: &[usize],
    left: f64,
    right: f64,
    base: &Lanes,
    prefer_left: &[bool],
    side: Side,
) -> (Vec<Slot>, Lanes) {
    let max_units = base.lanes.len();
    let mut lanes = base.clone();
    let mut out: Vec<Slot> = Vec::with_capacity(order.len());
    let mut inserted = 0;
    // The leaders still to come: a box over one of them forces that label
    // lower, so the candidate covering the fewest wins, then the lowest.
    let mut waiting: Vec<f64> = order.iter().map(|&i| items[i].anchor).collect();
    waiting.sort_by(f64::total_cmp);
    for &i in order {
        let p = &items[i];
        let units = p.units;
        if let Ok(at) = waiting.binary_search_by(|x| x.total_cmp(&p.anchor)) {
            waiting.remove(at);
        }
        let covered = |x0: f64| {
            waiting.partition_point(|&x| x <= x0 + p.width + LABEL_GAP_X)
                - waiting.partition_point(|&x| x < x0 - LABEL_GAP_X)
        };
        let cands = candidates(p, left, right, prefer_left[i]);
        let mut best: Option<(usize, usize, f64, Align)> = None;
        for &(x0, align) in &cands {
            if let Some(k) = lowest_lane(&lanes, p.anchor, x0, x0 + p.width, units, max_units) {
                let c = covered(x0);
                if best.is_none_or(|b| (c, k) < (b.0, b.1)) {
                    best = Some((c, k, x0, align));
                }
            }
        }
        let best = best.map(|b| (b.1, b.2, b.3));
        let slot = match best {
            Some((k, x0, align)) => {
                for j in 0..k {
                    lanes.add(j, p.anchor - 1.0, p.anchor + 1.0, false);
                }
                for j in k..k + units {
                    lanes.add(j, x0, x0 + p.width, true);
                }
                Slot {
                    item: i,
                    lane: k,
                    units,
                    x0,
                    align,
                    side,
                }
            }
            None if inserted < MAX_INSERTS => {
                let Some((at, x0, align)) = insert_band(items, &out, base, p, &cands) else {
                    continue;
                };
                let slot = Slot {
                    item: i,
                    lane: at,
                    units,
                    x0,
                    align,
                    side,
                };
                lift(items, &mut out, &mut lanes, &slot);
                inserted += 1;
                slot
            }
            None => continue,
        };
        out.push(slot);
    }
    (out, lanes)
}

/// The lanes below the axis with the tick labels in them: no label may
/// cover one, but a leader may pass behind it (the writer draws tick
/// labels last, on a patch of background).
pub(crate) fn tick_obstacles(scale: &Scale, max_units: usize) -> Lanes {
    let mut lanes = Lanes::new(max_units);
    let axis = build_axis(scale, 0.0);
    for l in axis.ticks.iter().filter_map(|t| t.label.as_ref()) {
        let b = l.bbox();
        let first = ((b.y - BELOW_OFFSET) / LANE_UNIT).floor().max(0.0) as usize;
        let last = ((b.bottom() - BELOW_OFFSET) / LANE_UNIT).ceil() as usize;
        for k in first..last.min(max_units) {
            lanes.add(k, b.x - POLE_GAP, b.right() + POLE_GAP, false);
        }
    }
    lanes
}
