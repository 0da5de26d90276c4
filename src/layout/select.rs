//! Selection: which events are shown when not all fit, and how instants
//! that are close share a leader and a stack of labels.

use super::intervals::interval_units;
use super::label::{label_height, stack_height};
use super::lanes::{Lanes, Side, Slot};
use super::packing::{HANGS, Hang, place_instants};
use super::{Align, LABEL_GAP_X, LABEL_GAP_Y, LANE_UNIT, MERGE_REACH, Mark, SHARE_LEADER};
use crate::timeline::Event;

/// What a pending label is for.
#[derive(Debug, Clone)]
pub(crate) enum Subject<'a> {
    /// One event.
    Event(&'a Event),
    /// Events summarised by one label.
    Cluster(Cluster),
}

/// Events (indices into the dated events) that did not fit one by one,
/// summarised by one label.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cluster {
    /// Its events, in date order.
    pub(crate) members: Vec<usize>,
    /// The first and last day they cover.
    pub(crate) days: (chrono::NaiveDate, chrono::NaiveDate),
}

/// One label before vertical placement: an event's or a cluster's.
#[derive(Debug, Clone)]
pub(crate) struct Pending<'a> {
    pub(crate) subject: Subject<'a>,
    /// Date order (a cluster: that of its first event).
    pub(crate) index: usize,
    /// Where the leader rises: the mark's centre, or an interval's start.
    pub(crate) anchor: f64,
    /// The mark, at provisional y 0.
    pub(crate) mark: Mark,
    /// For an interval, the bar's horizontal extent.
    pub(crate) bar: Option<(f64, f64)>,
    /// The label's lines, the date first.
    pub(crate) lines: Vec<String>,
    /// The label's width.
    pub(crate) width: f64,
    /// Some words of the label were left out.
    pub(crate) shortened: bool,
}

impl Pending<'_> {
    /// True for a cluster's label.
    pub(crate) fn is_cluster(&self) -> bool {
        matches!(self.subject, Subject::Cluster(_))
    }

    /// The event, unless this is a cluster.
    pub(crate) fn event(&self) -> Option<&Event> {
        match &self.subject {
            Subject::Event(e) => Some(e),
            Subject::Cluster(_) => None,
        }
    }
}

/// What the vertical placement moves: one label (with its leader), the
/// stacked labels of instants that share a leader, or an interval's block
/// (label and bar).
pub(crate) struct Item {
    /// Where the leader is.
    pub(crate) anchor: f64,
    /// Width of the label box.
    pub(crate) width: f64,
    /// Lanes it takes.
    pub(crate) units: usize,
    /// Date order of its first event (breaks ties).
    pub(crate) index: usize,
    /// For an interval, the bar's extent.
    pub(crate) bar: Option<(f64, f64)>,
    /// Its events (indices into the pending events), in date order.
    pub(crate) members: Vec<usize>,
}

/// The instants `keep` in groups: those (by position) whose marks are
/// within [`SHARE_LEADER`] pixels of the first of them share a leader and
/// a stack of labels.
pub(crate) fn initial_groups(pending: &[Pending], keep: &[usize]) -> Vec<Vec<usize>> {
    let mut instants: Vec<usize> = keep.to_vec();
    instants.sort_by(|&a, &b| {
        pending[a]
            .anchor
            .total_cmp(&pending[b].anchor)
            .then(pending[a].index.cmp(&pending[b].index))
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in instants {
        match groups.last_mut() {
            Some(g)
                if g.len() < MAX_SHARED
                    && pending[i].anchor - pending[g[0]].anchor <= SHARE_LEADER =>
            {
                g.push(i);
            }
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// The groups of instants for another try: each item left out joins the
/// nearer of its neighbours (by position) when that is within
/// [`MERGE_REACH`] pixels.
pub(crate) fn merge_left_out(
    pending: &[Pending],
    items: &[Item],
    slots: &[Slot],
) -> Vec<Vec<usize>> {
    let mut placed = vec![false; items.len()];
    for s in slots {
        placed[s.item] = true;
    }
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&k| items[k].bar.is_none())
        .collect();
    order.sort_by(|&a, &b| {
        items[a]
            .anchor
            .total_cmp(&items[b].anchor)
            .then(items[a].index.cmp(&items[b].index))
    });
    let last_anchor = |g: &[usize]| {
        g.iter()
            .map(|&i| pending[i].anchor)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut carry: Vec<usize> = Vec::new();
    for (n, &k) in order.iter().enumerate() {
        let it = &items[k];
        let mut members = std::mem::take(&mut carry);
        members.extend(&it.members);
        if !placed[k] {
            let first = members
                .iter()
                .map(|&i| pending[i].anchor)
                .fold(f64::INFINITY, f64::min);
            let prev = out.last().map_or(f64::INFINITY, |g| first - last_anchor(g));
            let next = order
                .get(n + 1)
                .map_or(f64::INFINITY, |&j| items[j].anchor - it.anchor);
            if prev <= next && prev <= MERGE_REACH {
                if let Some(g) = out.last_mut() {
                    g.extend(members);
                    continue;
                }
            }
            if next <= MERGE_REACH {
                carry = members;
                continue;
            }
        }
        out.push(members);
    }
    if !carry.is_empty() {
        out.push(carry);
    }
    out
}

/// Items, their order of importance, and where the placed ones go.
pub(crate) type Placement = (Vec<Item>, Vec<usize>, Vec<Slot>);

/// Places the labels of the instants `keep`: close ones share a leader;
/// with `merge`, an instant left out then joins the stack of a close
/// neighbour, for a few rounds while that shows more; at last those still
/// left out are put into a neighbour's stack when there is room.
pub(crate) fn place_events(
    pending: &[Pending],
    keep: &[usize],
    (left, right): (f64, f64),
    below: &Lanes,
    max_units: usize,
    merge: bool,
    hangs: &[Hang],
) -> Placement {
    let count = |items: &[Item], slots: &[Slot]| -> usize {
        slots.iter().map(|s| items[s.item].members.len()).sum()
    };
    let mut chosen: Option<Placement> = None;
    let mut groups = initial_groups(pending, keep);
    for _ in 0..=if merge { MERGE_ROUNDS } else { 0 } {
        let (items, ranked) = items_of(pending, groups);
        let instants: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| items[i].bar.is_none())
            .collect();
        let slots = place_instants(&items, &instants, left, right, below, hangs);
        let all = slots.len() == instants.len();
        groups = merge_left_out(pending, &items, &slots);
        if chosen
            .as_ref()
            .is_none_or(|(it, _, sl)| count(&items, &slots) > count(it, sl))
        {
            chosen = Some((items, ranked, slots));
        }
        if all {
            break;
        }
    }
    let (mut items, ranked, mut slots) = chosen.unwrap_or_default();
    adopt_left_out(
        pending,
        &mut items,
        &mut slots,
        below,
        (left, right),
        max_units,
    );
    (items, ranked, slots)
}

/// Puts each instant still left out into the stack of labels of a placed
/// neighbour at most [`MERGE_REACH`] pixels away, lifting the labels above
/// that stack to make room. The stack's leader stays clear (nothing new
/// crosses below it), and the lifted labels' leaders only grow through
/// the new room, which lies over the stack; so only a stack that must
/// grow wider needs a check, against the leaders and labels beside it.
pub(crate) fn adopt_left_out(
    pending: &[Pending],
    items: &mut [Item],
    slots: &mut [Slot],
    below: &Lanes,
    span: (f64, f64),
    max_units: usize,
) {
    let mut host_of = vec![None; items.len()];
    for (n, s) in slots.iter().enumerate() {
        host_of[s.item] = Some(n);
    }
    let floor = below
        .lanes
        .iter()
        .rposition(|l| !l.items.is_empty())
        .map_or(0, |k| k + 1);
    let left_out: Vec<usize> = (0..items.len())
        .filter(|&k| host_of[k].is_none() && items[k].bar.is_none())
        .collect();
    let room = Room {
        below,
        floor,
        span,
        max_units,
    };
    for k in left_out {
        let a = items[k].anchor;
        let mut hosts: Vec<usize> = (0..slots.len())
            .filter(|&n| (items[slots[n].item].anchor - a).abs() <= MERGE_REACH)
            .collect();
        hosts.sort_by(|&x, &y| {
            let dx = (items[slots[x].item].anchor - a).abs();
            let dy = (items[slots[y].item].anchor - a).abs();
            dx.total_cmp(&dy).then(x.cmp(&y))
        });
        for n in hosts {
            if adopt(pending, items, slots, n, k, &room) {
                break;
            }
        }
    }
}

/// Where stacks may grow.
struct Room<'a> {
    /// The tick labels below the axis.
    below: &'a Lanes,
    /// The first lane below the axis free of tick labels.
    floor: usize,
    span: (f64, f64),
    max_units: usize,
}

/// Puts the item `k` into the stack of the placed slot `n`, if it fits
/// (see [`adopt_left_out`]).
fn adopt(
    pending: &[Pending],
    items: &mut [Item],
    slots: &mut [Slot],
    n: usize,
    k: usize,
    room: &Room<'_>,
) -> bool {
    let h = slots[n];
    let host = &items[h.item];
    let mut members = host.members.clone();
    members.extend(&items[k].members);
    members.sort_unstable();
    let width = host.width.max(items[k].width);
    let units = ((stack_height(pending, &members) + LABEL_GAP_Y) / LANE_UNIT).ceil() as usize;
    let du = units - h.units;
    let cut = h.lane + h.units;
    let used = slots
        .iter()
        .filter(|s| s.side == h.side)
        .map(|s| s.lane + s.units)
        .max()
        .unwrap_or(0);
    if used + du > room.max_units || (h.side == Side::Below && cut < room.floor) {
        return false;
    }
    let x0 = match h.align {
        Align::End => h.x0 + host.width - width,
        _ => h.x0,
    };
    if x0 < room.span.0 || x0 + width > room.span.1 {
        return false;
    }
    if width > host.width {
        let (ea, eb) = (x0 - LABEL_GAP_X, x0 + width + LABEL_GAP_X);
        let hits = |p: f64, q: f64| p <= eb && ea <= q;
        let clash = slots.iter().enumerate().any(|(m, s)| {
            let q = &items[s.item];
            m != n
                && s.side == h.side
                && if s.lane >= cut {
                    hits(q.anchor - 1.0, q.anchor + 1.0)
                } else {
                    s.lane + s.units > h.lane && hits(s.x0, s.x0 + q.width)
                }
        });
        let ticks = h.side == Side::Below
            && (h.lane..(cut + du).min(room.floor)).any(|j| room.below.blocked(j, ea, eb, true));
        if clash || ticks {
            return false;
        }
    }
    for s in slots.iter_mut() {
        if s.side == h.side && s.lane >= cut {
            s.lane += du;
        }
    }
    slots[n].units = units;
    slots[n].x0 = x0;
    let host = &mut items[h.item];
    host.members = members;
    host.width = width;
    host.units = units;
    items[k].members.clear();
    true
}

/// The items to place and their order of importance ([`importance`] of
/// their most important event).
pub(crate) fn items_of(pending: &[Pending], groups: Vec<Vec<usize>>) -> (Vec<Item>, Vec<usize>) {
    let mut rank = vec![0usize; pending.len()];
    for (r, i) in importance(pending).into_iter().enumerate() {
        rank[i] = r;
    }
    let mut items: Vec<Item> = groups
        .into_iter()
        .map(|mut members| {
            let a0 = pending[members[0]].anchor;
            let a1 = pending[members[members.len() - 1]].anchor;
            members.sort_unstable();
            Item {
                anchor: ((a0 + a1) / 2.0).round(),
                width: members
                    .iter()
                    .map(|&i| pending[i].width)
                    .fold(0.0, f64::max),
                units: ((stack_height(pending, &members) + LABEL_GAP_Y) / LANE_UNIT).ceil()
                    as usize,
                index: pending[members[0]].index,
                bar: None,
                members,
            }
        })
        .collect();
    items.extend(
        (0..pending.len())
            .filter(|&i| pending[i].bar.is_some())
            .map(|i| Item {
                anchor: pending[i].anchor,
                width: pending[i].width,
                units: interval_units(pending[i].lines.len()),
                index: pending[i].index,
                bar: pending[i].bar,
                members: vec![i],
            }),
    );
    let item_rank = |it: &Item| it.members.iter().map(|&i| rank[i]).min().unwrap_or(0);
    let mut ranked: Vec<usize> = (0..items.len()).collect();
    ranked.sort_by_key(|&k| (item_rank(&items[k]), k));
    (items, ranked)
}

/// The order in which labels are kept when not all of them fit: the
/// events by [`importance_order`](crate::timeline::importance_order), then
/// the clusters.
pub(crate) fn importance(pending: &[Pending]) -> Vec<usize> {
    let events: Vec<(usize, &Event)> = pending
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.event().map(|e| (i, e)))
        .collect();
    let refs: Vec<&Event> = events.iter().map(|(_, e)| *e).collect();
    let mut order: Vec<usize> = crate::timeline::importance_order(&refs)
        .into_iter()
        .map(|k| events[k].0)
        .collect();
    order.extend((0..pending.len()).filter(|&i| pending[i].is_cluster()));
    order
}

/// Chooses which of `ranked` (items by importance) to show. A prefix whose
/// boxes would cover more than the `plot_width` × `max_units` room is
/// never tried; `place` fits what it can of the rest. When that leaves
/// many out, shorter prefixes are tried (so that what is left out is the
/// least important), unless that shows a third fewer.
pub(crate) fn keep_most_important<F>(
    items: &[Item],
    ranked: &[usize],
    plot_width: f64,
    max_units: usize,
    place: F,
) -> Vec<Slot>
where
    F: Fn(&[usize]) -> Vec<Slot>,
{
    let capacity = plot_width * max_units as f64;
    let mut area = 0.0;
    let hi = ranked
        .iter()
        .position(|&i| {
            let p = &items[i];
            area += (p.width + LABEL_GAP_X) * p.units as f64;
            area > capacity
        })
        .unwrap_or(ranked.len());
    let first = place(&ranked[..hi]);
    if first.len() == ranked.len() || first.is_empty() {
        return first;
    }
    // Much left out: fewer, more important ones are tried, as long as
    // that does not cost a third of what is shown.
    let (mut best, mut tried) = (first.clone(), hi);
    for _ in 0..SHRINK_ROUNDS {
        if best.len() * 10 >= tried * 9 {
            break;
        }
        tried = (best.len() * 21 / 20).clamp(1, tried - 1);
        let v = place(&ranked[..tried]);
        if v.len() * 3 < first.len() * 2 {
            break;
        }
        best = v;
    }
    best
}

/// Rounds of trying fewer, more important items.
pub(crate) const SHRINK_ROUNDS: usize = 4;

/// Places the labels of the instants `by_importance` (most important
/// first), as many as fit in `max_units` lanes per side: never more than
/// the room could hold are tried; when many are left out and importances
/// differ (and `shrink` allows), fewer, more important ones are tried,
/// unless that shows a third fewer. Both every way of hanging labels and pyramids only are
/// tried (pyramids are lower, but may show fewer).
pub(crate) fn place_instant_labels(
    pending: &[Pending],
    by_importance: &[usize],
    (left, right): (f64, f64),
    below: &Lanes,
    max_units: usize,
    shrink: bool,
) -> Placement {
    let capacity = 2.0 * (right - left) * (max_units as f64 * LANE_UNIT);
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
    let place = |keep: &[usize], merge: bool| {
        let span = (left, right);
        let any = place_events(pending, keep, span, below, max_units, merge, &HANGS);
        let pyramids = place_events(
            pending,
            keep,
            span,
            below,
            max_units,
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
    let rank = |i: usize| pending[i].event().map(crate::timeline::importance_rank);
    let mixed = shrink
        && by_importance[..hi]
            .windows(2)
            .any(|w| rank(w[0]) != rank(w[1]));
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
    best
}

/// Rounds of such joining.
pub(crate) const MERGE_ROUNDS: usize = 2;

/// At most this many labels share a leader.
pub(crate) const MAX_SHARED: usize = 12;
