//! Summaries of what does not fit: events left out of a crowded stretch
//! become one cluster label there, "+12 events, 18–24 Mar 2013", on a grey
//! band over the stretch.
//!
//! Placement runs in two rounds ([`place_with_clusters`]): the events are
//! placed by importance; those left out are grouped by position into
//! clusters, which are placed in the second round after the events the
//! first round could show.

use std::collections::BTreeSet;

use super::label::cluster_text;
use super::lanes::Lanes;
use super::select::{Cluster, Pending, Placement, Subject, place_instant_labels};
use super::{CLUSTER_HALF, Mark, human_range};
use crate::date::DateSpec;

/// Left-out events closer than this many pixels join one cluster.
const CLUSTER_GAP: f64 = 36.0;
/// A cluster spans at most this many pixels (unless there would be more
/// than [`MAX_CLUSTERS`]), so that it says where its events are.
const CLUSTER_SPAN: f64 = 150.0;
/// At most this many clusters; the closest are merged until there are.
const MAX_CLUSTERS: usize = 8;

/// Places the instants' labels of `base` (the dated events, in date order)
/// and summarises what is left out: a first round places the events by
/// importance; those left out are grouped by position into clusters; a
/// second round places the events shown in the first and the clusters. A cluster finally stands for the events in its stretch
/// that are not shown one by one (its label has room for all of them).
/// Returns the labels of the last round (`base`, then its clusters) and
/// where they go.
pub(crate) fn place_with_clusters<'a>(
    base: &[Pending<'a>],
    span: (f64, f64),
    below: &Lanes,
    max_units: usize,
    max_label: f64,
) -> (Vec<Pending<'a>>, Placement) {
    let instants: Vec<usize> = super::select::importance(base)
        .into_iter()
        .filter(|&i| base[i].bar.is_none())
        .collect();
    let first = place_instant_labels(base, &instants, span, below, max_units, true);
    let shown = shown_one_by_one(base, &first);
    let left: Vec<usize> = instants
        .iter()
        .copied()
        .filter(|i| !shown.contains(i))
        .collect();
    let clusters: Vec<Cluster> = group(base, &left)
        .into_iter()
        .filter(|c| c.members.len() > 1)
        .collect();
    if clusters.is_empty() {
        return (base.to_vec(), first);
    }
    let mut pending = base.to_vec();
    let bands: Vec<(f64, f64)> = clusters.iter().map(|c| band(c, base)).collect();
    for (c, &b) in clusters.iter().zip(&bands) {
        let all = in_band(base, b, &BTreeSet::new());
        pending.push(cluster_label(c, &all, b, base, max_label));
    }
    let mut order: Vec<usize> = instants
        .iter()
        .copied()
        .filter(|i| shown.contains(i))
        .collect();
    order.extend(base.len()..pending.len());
    let placement = place_instant_labels(&pending, &order, span, below, max_units, false);
    // What each cluster stands for now: the events of its stretch not
    // shown one by one.
    let shown = shown_one_by_one(&pending, &placement);
    for (k, &b) in bands.iter().enumerate() {
        let members = in_band(base, b, &shown);
        let at = base.len() + k;
        let reserved = pending[at].width;
        let mut fresh = cluster_label(&clusters[k], &members, b, base, f64::INFINITY);
        if fresh.width > reserved {
            let n = members.len();
            let text = cluster_text(n, "", reserved);
            fresh.lines = text.lines;
            fresh.width = text.width;
        }
        fresh.width = reserved;
        pending[at] = fresh;
    }
    (pending, placement)
}

/// The instants of `base` whose marks are in the band `(x0, x1)`, not in
/// `shown`, in date order.
fn in_band(base: &[Pending], (x0, x1): (f64, f64), shown: &BTreeSet<usize>) -> Vec<usize> {
    (0..base.len())
        .filter(|&i| base[i].bar.is_none() && !base[i].is_cluster() && !shown.contains(&i))
        .filter(|&i| {
            let r = base[i].mark.bbox();
            r.x >= x0 - 0.5 && r.right() <= x1 + 0.5
        })
        .collect()
}

/// The pending labels placed with their own label (not as a cluster).
pub(crate) fn shown_one_by_one(pending: &[Pending], placement: &Placement) -> BTreeSet<usize> {
    let (items, _, slots) = placement;
    slots
        .iter()
        .flat_map(|s| items[s.item].members.iter().copied())
        .filter(|&i| !pending[i].is_cluster())
        .collect()
}

/// Groups the left-out events `left` (indices into `base`) by position:
/// neighbours closer than [`CLUSTER_GAP`] pixels join, up to
/// [`CLUSTER_SPAN`] pixels, then the closest groups merge until there are
/// at most [`MAX_CLUSTERS`].
fn group(base: &[Pending], left: &[usize]) -> Vec<Cluster> {
    let mut by_x = left.to_vec();
    by_x.sort_by(|&a, &b| {
        base[a]
            .anchor
            .total_cmp(&base[b].anchor)
            .then(base[a].index.cmp(&base[b].index))
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in by_x {
        match groups.last_mut() {
            Some(g)
                if base[i].anchor - base[g[g.len() - 1]].anchor <= CLUSTER_GAP
                    && base[i].anchor - base[g[0]].anchor <= CLUSTER_SPAN =>
            {
                g.push(i)
            }
            _ => groups.push(vec![i]),
        }
    }
    while groups.len() > MAX_CLUSTERS {
        let gap =
            |k: usize| base[groups[k + 1][0]].anchor - base[groups[k][groups[k].len() - 1]].anchor;
        let k = (0..groups.len() - 1)
            .min_by(|&a, &b| gap(a).total_cmp(&gap(b)).then(a.cmp(&b)))
            .unwrap_or(0);
        let next = groups.remove(k + 1);
        groups[k].extend(next);
    }
    groups
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            let days =
                days_of(&members, base).unwrap_or((chrono::NaiveDate::MIN, chrono::NaiveDate::MIN));
            Cluster { members, days }
        })
        .collect()
}

/// How a cluster's stretch is said: `18–24 Mar 2013`, at the precision of
/// its events (`1958 – 1987` for years).
///
/// The range is that of the events at the precision most of them have (or
/// finer): one "2013" among days of March does not stretch "14–27 Mar 2013"
/// to the whole year.
fn range_text(c: &Cluster, base: &[Pending]) -> String {
    let all: Vec<DateSpec> = c
        .members
        .iter()
        .filter_map(|&i| base[i].event())
        .filter_map(|e| match e.when {
            crate::timeline::When::On(d) => Some(d),
            crate::timeline::When::Between { start, end } => start.or(end),
        })
        .map(|d| DateSpec::exact(d.date))
        .collect();
    let mut by_precision: std::collections::BTreeMap<_, usize> = Default::default();
    for d in &all {
        *by_precision.entry(d.date.precision()).or_default() += 1;
    }
    let common = by_precision
        .iter()
        .max_by_key(|(p, n)| (**n, **p))
        .map(|(p, _)| *p);
    let specs: Vec<DateSpec> = all
        .into_iter()
        .filter(|d| common.is_none_or(|p| d.date.precision() >= p))
        .collect();
    let first = specs
        .iter()
        .min_by_key(|d| (d.date.first_day(), d.date.last_day()));
    let last = specs
        .iter()
        .max_by_key(|d| (d.date.last_day(), d.date.first_day()));
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.date.human(),
        (Some(a), Some(b)) => human_range(a, b),
        _ => String::new(),
    }
}

/// The band of a cluster: over its events' marks, at least 6 px wide.
fn band(c: &Cluster, base: &[Pending]) -> (f64, f64) {
    let boxes = c.members.iter().map(|&i| base[i].mark.bbox());
    let (x0, x1) = boxes.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), r| {
        (a.min(r.x), b.max(r.right()))
    });
    if x1 - x0 < 6.0 {
        let mid = (x0 + x1) / 2.0;
        (mid - 3.0, mid + 3.0)
    } else {
        (x0, x1)
    }
}

/// The pending label of a cluster standing for `members` (indices into
/// `base`), on the band `(x0, x1)`.
fn cluster_label<'a>(
    c: &Cluster,
    members: &[usize],
    (x0, x1): (f64, f64),
    base: &[Pending<'a>],
    max_label: f64,
) -> Pending<'a> {
    let c = Cluster {
        members: members.to_vec(),
        days: days_of(members, base).unwrap_or(c.days),
    };
    let text = cluster_text(c.members.len(), &range_text(&c, base), max_label);
    Pending {
        index: c.members.first().map_or(0, |&i| base[i].index),
        anchor: ((x0 + x1) / 2.0).round(),
        mark: Mark::Cluster {
            x0: x0.round(),
            x1: x1.round(),
            cy: 0.0,
            half: CLUSTER_HALF,
        },
        bar: None,
        lines: text.lines,
        width: text.width,
        shortened: text.shortened,
        subject: Subject::Cluster(c),
    }
}

/// The first and last day the events `members` cover.
fn days_of(members: &[usize], base: &[Pending]) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let first = members
        .iter()
        .filter_map(|&i| base[i].event().and_then(|e| e.when.first_day()))
        .min()?;
    let last = members
        .iter()
        .filter_map(|&i| base[i].event().and_then(|e| e.when.last_day()))
        .max()?;
    Some((first, last))
}
