//! Tag colours are a function of the tag's name (or set in the file), the
//! same from chart to chart; an event shows all its tags; the legend shows
//! exactly the colours and shapes drawn.

mod render_fixtures;

use std::collections::BTreeSet;

use proptest::prelude::*;
use render_fixtures::*;
use timeline::layout::{
    BarEnd, Chart, LayoutOptions, LegendKey, Mark, PALETTE, Paint, layout, preference,
};
use timeline::render::{RenderOptions, svg};
use timeline::timeline::{Rgb, Timeline};

fn lay(t: &Timeline) -> Chart {
    layout(t, &LayoutOptions::default())
}

/// The paint of the first event with `tag` as its first tag.
fn paint_of(c: &Chart, tag: &str) -> Paint {
    c.events
        .iter()
        .find(|e| e.tags.first().is_some_and(|t| t == tag))
        .map(|e| e.paints[0])
        .unwrap_or_else(|| panic!("no event tagged {tag}"))
}

/// Tags that do not compete for a colour: each has a first choice no
/// other has.
fn distinct_tags(n: usize) -> Vec<String> {
    let mut taken = BTreeSet::new();
    let mut out = Vec::new();
    for i in 0.. {
        let t = format!("topic{i}");
        if taken.insert(preference(&t)[0]) {
            out.push(t);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

fn tagged(tags: &[String]) -> Timeline {
    let events = tags
        .iter()
        .enumerate()
        .map(|(i, t)| {
            on(
                &format!("e{i}"),
                &format!("20{:02}", 10 + i),
                &format!("Event {i}"),
                &[t],
            )
        })
        .collect();
    timeline(None, events)
}

#[test]
fn a_tag_keeps_its_colour_from_chart_to_chart() {
    let tags = distinct_tags(7);
    let first = lay(&tagged(&tags[..3]));
    let second = lay(&tagged(&[
        tags[1].clone(),
        tags[4].clone(),
        tags[6].clone(),
    ]));
    let all = lay(&tagged(&tags));
    let want = Paint::Tag(PALETTE[preference(&tags[1])[0]]);
    assert_eq!(paint_of(&first, &tags[1]), want);
    assert_eq!(paint_of(&second, &tags[1]), want);
    assert_eq!(paint_of(&all, &tags[1]), want);
    // And through the SVG: the same fill.
    let hex = PALETTE[preference(&tags[1])[0]].to_string();
    for t in [tagged(&tags[..3]), tagged(&tags)] {
        let s = svg(&t, &RenderOptions::default()).unwrap();
        assert!(s.contains(&format!("fill=\"{hex}\"")), "{hex}");
    }
}

#[test]
fn colours_set_in_the_file_win() {
    let mut t = seed();
    t.colors.insert("conflict".into(), Rgb(0x12, 0x34, 0x56));
    let c = lay(&t);
    assert_eq!(paint_of(&c, "conflict"), Paint::Tag(Rgb(0x12, 0x34, 0x56)));
    assert!(c.legend.iter().any(|l| l.key
        == LegendKey::Tag {
            name: "conflict".into(),
            paint: Paint::Tag(Rgb(0x12, 0x34, 0x56)),
        }));
    let s = svg(&t, &RenderOptions::default()).unwrap();
    assert!(s.contains("fill=\"#123456\""));
}

#[test]
fn an_event_with_several_tags_shows_them_all() {
    let tags = distinct_tags(3);
    let t = timeline(
        None,
        vec![
            on("both", "2020-05-01", "Both", &[&tags[0], &tags[1]]),
            on("one", "2020-09-01", "One", &[&tags[2]]),
        ],
    );
    let c = lay(&t);
    let both = c.events.iter().find(|e| e.id == "both").unwrap();
    assert_eq!(
        both.paints,
        [
            Paint::Tag(PALETTE[preference(&tags[0])[0]]),
            Paint::Tag(PALETTE[preference(&tags[1])[0]])
        ]
    );
    let legend_tags: Vec<&str> = c
        .legend
        .iter()
        .filter_map(|l| match &l.key {
            LegendKey::Tag { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(legend_tags, [&tags[0], &tags[1], &tags[2]]);
}

/// What the legend must hold, worked out from the marks drawn.
fn drawn_keys(c: &Chart) -> BTreeSet<LegendKey> {
    let mut keys = BTreeSet::new();
    let mut coloured = false;
    for e in &c.events {
        let mut seen = Vec::new();
        for tag in &e.tags {
            let paint = e.paints[seen.len().min(e.paints.len() - 1)];
            if seen.contains(&paint) || seen.len() == e.paints.len() {
                continue;
            }
            seen.push(paint);
            coloured = true;
            keys.insert(match paint {
                Paint::Tag(_) => LegendKey::Tag {
                    name: tag.clone(),
                    paint,
                },
                Paint::OtherTag => LegendKey::OtherTags,
                Paint::Untagged => LegendKey::Untagged,
            });
        }
        if e.tags.is_empty() {
            keys.insert(LegendKey::Untagged);
        }
        keys.insert(match &e.placed.mark {
            Mark::Dot { .. } => LegendKey::Day,
            Mark::Span { .. } => LegendKey::Span,
            Mark::Symbol { shape, .. } => match shape {
                timeline::layout::Symbol::Diamond => LegendKey::Diamond,
                timeline::layout::Symbol::Square => LegendKey::Square,
            },
            Mark::Bar { .. } => LegendKey::Interval,
            Mark::Cluster { .. } => LegendKey::Cluster,
        });
        if e.approximate || e.uncertain {
            keys.insert(LegendKey::Approximate);
        }
        if e.inferred {
            keys.insert(LegendKey::Inferred);
        }
        if let Mark::Bar { start, end, .. } = e.placed.mark {
            for b in [start, end] {
                match b {
                    BarEnd::Open => {
                        keys.insert(LegendKey::Open);
                    }
                    BarEnd::Cut => {
                        keys.insert(LegendKey::Cut);
                    }
                    _ => {}
                }
            }
        }
    }
    if !c.clusters.is_empty() {
        keys.insert(LegendKey::Cluster);
    }
    if !coloured {
        keys.remove(&LegendKey::Untagged);
    }
    keys
}

#[test]
fn the_legend_shows_exactly_the_marks_drawn() {
    for (name, t) in [
        ("seed", seed()),
        ("long", long()),
        ("qualifiers", qualifiers()),
        ("news", news(20, 7)),
        ("dense", dense(300, 2021, 4)),
        ("untagged", timeline(None, vec![on("a", "2020", "A", &[])])),
    ] {
        let c = lay(&t);
        let legend: BTreeSet<LegendKey> = c.legend.iter().map(|l| l.key.clone()).collect();
        assert_eq!(legend.len(), c.legend.len(), "{name}: a key twice");
        assert_eq!(legend, drawn_keys(&c), "{name}");
    }
}

#[test]
fn a_month_drawn_as_a_diamond_is_in_the_legend() {
    // Issue 15: "a month mark at a compressed scale is a diamond the legend
    // does not show".
    let t = timeline(
        None,
        vec![
            on("m", "1950-05", "A month", &["x"]),
            on("a", "1850", "Start", &["x"]),
            on("b", "2020", "End", &["x"]),
        ],
    );
    let c = lay(&t);
    assert!(c.legend.iter().any(|l| l.key == LegendKey::Diamond));
    assert!(c.legend.iter().any(|l| l.key == LegendKey::Square));
    assert!(!c.legend.iter().any(|l| l.key == LegendKey::Day));
}

#[test]
fn the_svg_legend_names_exactly_the_classes_of_the_marks() {
    for t in [seed(), long(), qualifiers(), news(20, 7)] {
        let s = svg(&t, &RenderOptions::default()).unwrap();
        let doc = roxmltree::Document::parse(&s).unwrap();
        let mut drawn: BTreeSet<String> = BTreeSet::new();
        for n in doc.descendants() {
            let class = n.attribute("class").unwrap_or("");
            let words: Vec<&str> = class.split(' ').collect();
            if words.first() == Some(&"event") {
                for w in &words {
                    if w.starts_with("mark-") || w.starts_with("tag-") {
                        drawn.insert(w.to_string());
                    }
                    match *w {
                        "approximate" | "uncertain" => drawn.insert("approximate".into()),
                        "inferred" => drawn.insert("inferred".into()),
                        "open-start" | "open-end" => drawn.insert("open".into()),
                        "cut-start" | "cut-end" => drawn.insert("cut".into()),
                        _ => false,
                    };
                }
                if !words.iter().any(|w| w.starts_with("tag-")) {
                    drawn.insert("untagged".into());
                }
            }
            if words.first() == Some(&"cluster") {
                drawn.insert("cluster".into());
            }
        }
        let legend: BTreeSet<String> = doc
            .descendants()
            .filter_map(|n| n.attribute("data-key"))
            .map(str::to_string)
            .collect();
        assert_eq!(legend, drawn);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever other tags a chart has, a tag gets its first choice unless
    /// a tag before it by name wants the same colour.
    #[test]
    fn only_a_rival_before_it_by_name_moves_a_tag(others in proptest::collection::btree_set("[a-z]{1,8}", 0..6)) {
        let tag = "conflict".to_string();
        let mut tags: Vec<String> = others.into_iter().filter(|t| *t != tag).collect();
        tags.push(tag.clone());
        let c = lay(&tagged(&tags));
        let mine = preference(&tag)[0];
        // The tags before it by name are served first; when their first
        // choices differ from each other and from its own, it gets its own.
        let before: Vec<usize> = tags.iter().filter(|t| **t < tag).map(|t| preference(t)[0]).collect();
        let distinct: BTreeSet<usize> = before.iter().copied().collect();
        if distinct.len() == before.len() && !distinct.contains(&mine) {
            prop_assert_eq!(paint_of(&c, &tag), Paint::Tag(PALETTE[mine]));
        }
    }
}
