//! The legend: exactly the colours and shapes the chart draws, each
//! explained once.

use std::collections::BTreeMap;

use super::Align;
use super::text::{Metrics, strip_bidi};
use super::{
    BarEnd, ClusterGeom, EventGeom, LegendItem, LegendKey, MARGIN, Mark, Paint, Rect, SMALL_FONT,
    TextLine, TextRole,
};

/// At most this many tag colours per mark.
pub(crate) const MAX_PAINTS: usize = 3;

/// The colours of an event's mark: one per tag, in tag order, at most
/// [`MAX_PAINTS`] different ones; the tag each comes from.
pub(crate) fn event_paints<'t>(
    tags: &'t [String],
    paints: &BTreeMap<String, Paint>,
) -> Vec<(Option<&'t str>, Paint)> {
    let mut out: Vec<(Option<&str>, Paint)> = Vec::new();
    for t in tags {
        let p = paints.get(t).copied().unwrap_or(Paint::OtherTag);
        if !out.iter().any(|(_, q)| *q == p) && out.len() < MAX_PAINTS {
            out.push((Some(t.as_str()), p));
        }
    }
    if out.is_empty() {
        out.push((None, Paint::Untagged));
    }
    out
}

/// What the legend must explain: every colour and shape drawn, and only
/// those. Tag colours only when some event has a tag.
pub(crate) fn legend_keys(
    events: &[EventGeom],
    clusters: &[ClusterGeom],
    paints: &BTreeMap<String, Paint>,
) -> Vec<LegendKey> {
    let mut keys = Vec::new();
    for e in events {
        for (tag, paint) in event_paints(&e.tags, paints) {
            keys.push(match (tag, paint) {
                (Some(name), Paint::Tag(_)) => LegendKey::Tag {
                    name: name.to_string(),
                    paint,
                },
                (_, Paint::OtherTag) => LegendKey::OtherTags,
                _ => LegendKey::Untagged,
            });
        }
        let mark = &e.placed.mark;
        keys.push(mark.legend_key());
        if e.approximate || e.uncertain {
            keys.push(LegendKey::Approximate);
        }
        if e.inferred {
            keys.push(LegendKey::Inferred);
        }
        if let Mark::Bar { start, end, .. } = mark {
            for b in [start, end] {
                match b {
                    BarEnd::Open => keys.push(LegendKey::Open),
                    BarEnd::Cut => keys.push(LegendKey::Cut),
                    BarEnd::Fuzzy | BarEnd::Exact => {}
                }
            }
        }
    }
    if !clusters.is_empty() {
        keys.push(LegendKey::Cluster);
    }
    keys.sort();
    keys.dedup();
    let has_tags = keys
        .iter()
        .any(|k| matches!(k, LegendKey::Tag { .. } | LegendKey::OtherTags));
    if !has_tags {
        keys.retain(|k| *k != LegendKey::Untagged);
    }
    keys
}

/// What a legend entry says.
fn legend_text(key: &LegendKey) -> String {
    match key {
        LegendKey::Tag { name, .. } => strip_bidi(name).into_owned(),
        LegendKey::OtherTags => "other tags".to_string(),
        LegendKey::Untagged => "untagged".to_string(),
        LegendKey::Day => "day".to_string(),
        LegendKey::Span => "month, year or longer".to_string(),
        LegendKey::Diamond => "month".to_string(),
        LegendKey::Square => "year or longer".to_string(),
        LegendKey::Interval => "interval".to_string(),
        LegendKey::Approximate => "approximate or uncertain".to_string(),
        LegendKey::Inferred => "inferred date".to_string(),
        LegendKey::Open => "unknown end".to_string(),
        LegendKey::Cut => "goes on past the range shown".to_string(),
        LegendKey::Cluster => "events not shown one by one".to_string(),
    }
}

/// Height of one legend row.
pub(crate) const LEGEND_ROW: f64 = 18.0;

/// Lays the legend out in rows from `top`; returns it and its bottom.
pub(crate) fn build_legend(keys: Vec<LegendKey>, width: f64, top: f64) -> (Vec<LegendItem>, f64) {
    let m = Metrics::get();
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (MARGIN, top);
    for key in keys {
        let text = m.shorten(
            &legend_text(&key),
            SMALL_FONT,
            (width - 2.0 * MARGIN - 40.0) / 2.0,
        );
        let item_w = 22.0 + m.width(&text, SMALL_FONT) + 16.0;
        if lx > MARGIN && lx + item_w - 16.0 > width - MARGIN {
            lx = MARGIN;
            ly += LEGEND_ROW;
        }
        let swatch = Rect {
            x: lx,
            y: ly + 1.0,
            w: 16.0,
            h: 10.0,
        };
        let label = TextLine::new(
            text,
            lx + 22.0,
            ly,
            SMALL_FONT,
            Align::Start,
            TextRole::Legend,
        );
        legend.push(LegendItem { key, swatch, label });
        lx += item_w;
    }
    let bottom = if legend.is_empty() {
        ly
    } else {
        ly + m.height(SMALL_FONT)
    };
    (legend, bottom)
}
