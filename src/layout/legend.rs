//! The legend and the colour slots of tags.

use super::*;

/// Colour slots for tags: most frequent first, ties by name.
pub(crate) fn tag_slots(t: &Timeline) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &t.events {
        for tag in &e.tags {
            *count.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.to_string()).collect()
}

pub(crate) fn paint_of(e: &Event, tags: &[String]) -> Paint {
    match e.tags.first() {
        None => Paint::Untagged,
        Some(t) => match tags.iter().position(|s| s == t) {
            Some(i) if i < PALETTE_SIZE => Paint::Tag(i),
            _ => Paint::OtherTag,
        },
    }
}

/// What the legend must explain: the encodings the shown events use. Tag
/// colours only when some event has a tag.
pub(crate) fn legend_keys(events: &[EventGeom]) -> Vec<LegendKey> {
    let mut keys = Vec::new();
    for e in events {
        keys.push(LegendKey::Paint(e.paint));
        keys.push(match &e.mark {
            Mark::Dot { .. } => LegendKey::Day,
            Mark::Bar { .. } => LegendKey::Interval,
            _ => LegendKey::Coarse,
        });
        if e.approximate || e.uncertain {
            keys.push(LegendKey::Approximate);
        }
        if e.inferred {
            keys.push(LegendKey::Inferred);
        }
        if let Mark::Bar {
            open_start,
            open_end,
            ..
        } = e.mark
        {
            if open_start || open_end {
                keys.push(LegendKey::Open);
            }
        }
    }
    keys.sort();
    keys.dedup();
    let has_tags = keys
        .iter()
        .any(|k| matches!(k, LegendKey::Paint(Paint::Tag(_) | Paint::OtherTag)));
    if !has_tags {
        keys.retain(|k| !matches!(k, LegendKey::Paint(_)));
    }
    keys
}

/// Lays the legend out in rows from `top`; returns it and its bottom.
pub(crate) fn build_legend(
    keys: Vec<LegendKey>,
    tags: &[String],
    width: f64,
    top: f64,
) -> (Vec<LegendItem>, f64) {
    let m = Metrics::get();
    let mut legend = Vec::new();
    let (mut lx, mut ly) = (MARGIN, top);
    for key in keys {
        let text = match &key {
            LegendKey::Paint(Paint::Tag(i)) => tags.get(*i).cloned().unwrap_or_default(),
            LegendKey::Paint(Paint::OtherTag) => "other tags".to_string(),
            LegendKey::Paint(Paint::Untagged) => "untagged".to_string(),
            LegendKey::Day => "day".to_string(),
            LegendKey::Coarse => "month, year or longer".to_string(),
            LegendKey::Interval => "interval".to_string(),
            LegendKey::Approximate => "approximate or uncertain".to_string(),
            LegendKey::Inferred => "inferred date".to_string(),
            LegendKey::Open => "open end".to_string(),
        };
        let text = m.truncate(&text, SMALL_FONT, (width - 2.0 * MARGIN - 40.0) / 2.0);
        let item_w = 22.0 + m.width(&text, SMALL_FONT) + 16.0;
        if lx > MARGIN && lx + item_w - 16.0 > width - MARGIN {
            lx = MARGIN;
            ly += 18.0;
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
