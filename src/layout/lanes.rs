//! Lanes: the occupancy grid labels are packed into, and the primitives
//! that find room in it (the lowest free lane, a band made by lifting the
//! labels above).

use super::select::Item;
use super::{Align, LABEL_GAP_X};

/// Per-lane occupancy: boxes (labels) and poles, kept sorted by left edge.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lane {
    /// `(x0, x1, is_box)`.
    pub(crate) items: Vec<(f64, f64, bool)>,
}

/// The widest item ever stored, to bound backward scans.
#[derive(Debug, Clone)]
pub(crate) struct Lanes {
    pub(crate) lanes: Vec<Lane>,
    pub(crate) widest: f64,
}

impl Lanes {
    pub(crate) fn new(n: usize) -> Lanes {
        Lanes {
            lanes: vec![Lane::default(); n],
            widest: 0.0,
        }
    }

    /// True if `[a, b]` in lane `k` touches an item; poles only conflict
    /// with boxes when `is_box` is false.
    pub(crate) fn blocked(&self, k: usize, a: f64, b: f64, is_box: bool) -> bool {
        let items = &self.lanes[k].items;
        let end = items.partition_point(|it| it.0 <= b);
        for it in items[..end].iter().rev() {
            if it.0 < a - self.widest {
                break;
            }
            if it.1 >= a && (is_box || it.2) {
                return true;
            }
        }
        false
    }

    /// Removes the box `[a, b]` from lane `k`.
    pub(crate) fn remove(&mut self, k: usize, a: f64, b: f64) {
        let items = &mut self.lanes[k].items;
        if let Some(at) = items.iter().position(|it| it.0 == a && it.1 == b && it.2) {
            items.remove(at);
        }
    }

    pub(crate) fn add(&mut self, k: usize, a: f64, b: f64, is_box: bool) {
        self.widest = self.widest.max(b - a);
        let items = &mut self.lanes[k].items;
        let at = items.partition_point(|it| it.0 <= a);
        items.insert(at, (a, b, is_box));
    }
}

/// Where a label went.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// Index into the pending labels.
    pub(crate) item: usize,
    /// Lowest lane.
    pub(crate) lane: usize,
    /// Lanes used.
    pub(crate) units: usize,
    /// Left of the text box.
    pub(crate) x0: f64,
    /// How the text lines align in the box.
    pub(crate) align: Align,
    /// Above or below the axis.
    pub(crate) side: Side,
}

/// Which side of the axis a label is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Above: the leader rises from the mark.
    Above,
    /// Below: the leader drops from the mark, past the tick labels.
    Below,
}

/// The lowest lane where a label box `[bx0, bx1]` of `units` lanes fits,
/// with its pole at `anchor` crossing no label below it.
pub(crate) fn lowest_lane(
    lanes: &Lanes,
    anchor: f64,
    bx0: f64,
    bx1: f64,
    units: usize,
    max_units: usize,
) -> Option<usize> {
    let (ba, bb) = (bx0 - LABEL_GAP_X, bx1 + LABEL_GAP_X);
    let (pa, pb) = (anchor - 1.0, anchor + 1.0);
    let mut k = 0;
    while k + units <= max_units {
        // The pole passes lanes 0..k: it must not cross a label there.
        if k > 0 && lanes.blocked(k - 1, pa, pb, false) {
            return None;
        }
        if let Some(j) = (k..k + units)
            .rev()
            .find(|&j| lanes.blocked(j, ba, bb, true))
        {
            // Skip past the obstacle, checking the pole on the way.
            while k <= j {
                if k > 0 && lanes.blocked(k - 1, pa, pb, false) {
                    return None;
                }
                k += 1;
            }
            continue;
        }
        return Some(k);
    }
    None
}

/// Where the label of `p`, which finds no free room, can go if every
/// label from some lane up is lifted by its height: the lowest such lane
/// and a candidate position. Lifting keeps the placed labels legible
/// (their leaders only grow through the new gap), so the new label must
/// avoid, in the gap, the leaders of the lifted labels and the labels
/// that span the cut; and its own leader must cross no label below it.
/// `None` when no lane works or the chart would grow too tall.
pub(crate) fn insert_band(
    items: &[Item],
    placed: &[Slot],
    base: &Lanes,
    p: &Item,
    cands: &[(f64, Align)],
) -> Option<(usize, f64, Align)> {
    let max_units = base.lanes.len();
    let used = placed.iter().map(|s| s.lane + s.units).max().unwrap_or(0);
    if used + p.units > max_units {
        return None;
    }
    // Below the axis the tick labels stay where they are: no cut under them.
    let floor = base
        .lanes
        .iter()
        .rposition(|l| !l.items.is_empty())
        .map_or(0, |k| k + 1);
    let mut cuts: Vec<usize> = placed
        .iter()
        .map(|s| s.lane)
        .filter(|&l| l >= floor)
        .collect();
    cuts.push(floor);
    cuts.sort_unstable();
    cuts.dedup();
    let hits = |a: f64, b: f64, x0: f64, x1: f64| a <= x1 && x0 <= b;
    for at in cuts.into_iter().filter(|&at| at + p.units <= max_units) {
        let (pa, pb) = (p.anchor - 1.0, p.anchor + 1.0);
        let pole_blocked = placed.iter().any(|s| {
            let q = &items[s.item];
            s.lane < at && hits(pa, pb, s.x0, s.x0 + q.width)
        });
        if pole_blocked || (0..at).any(|j| base.blocked(j, pa, pb, false)) {
            continue;
        }
        for &(x0, align) in cands {
            let (a, b) = (x0 - LABEL_GAP_X, x0 + p.width + LABEL_GAP_X);
            let blocked = placed.iter().any(|s| {
                let q = &items[s.item];
                if s.lane >= at {
                    hits(a, b, q.anchor - 1.0, q.anchor + 1.0)
                } else {
                    s.lane + s.units > at && hits(a, b, s.x0, s.x0 + q.width)
                }
            });
            if !blocked {
                return Some((at, x0, align));
            }
        }
    }
    None
}

/// Lifts every label of `placed` from lane `new.lane` up by `new.units`
/// lanes and puts `new` (with its leader) into the gap.
pub(crate) fn lift(items: &[Item], placed: &mut [Slot], lanes: &mut Lanes, new: &Slot) {
    let (at, u) = (new.lane, new.units);
    let max_units = lanes.lanes.len();
    lanes
        .lanes
        .splice(at..at, std::iter::repeat_n(Lane::default(), u));
    lanes.lanes.truncate(max_units);
    for s in placed.iter_mut() {
        let q = &items[s.item];
        if s.lane >= at {
            s.lane += u;
            for j in at..at + u {
                lanes.add(j, q.anchor - 1.0, q.anchor + 1.0, false);
            }
        } else if s.lane + s.units > at {
            // Spans the cut: it stays, its top moves back down.
            for j in s.lane + s.units..s.lane + s.units + u {
                lanes.remove(j, s.x0, s.x0 + q.width);
            }
            for j in at..at + u {
                lanes.add(j, s.x0, s.x0 + q.width, true);
            }
        }
    }
    let p = &items[new.item];
    for j in 0..at {
        lanes.add(j, p.anchor - 1.0, p.anchor + 1.0, false);
    }
    for j in at..at + u {
        lanes.add(j, new.x0, new.x0 + p.width, true);
    }
}

/// At most this many labels per side are placed by lifting others.
pub(crate) const MAX_INSERTS: usize = 1000;
