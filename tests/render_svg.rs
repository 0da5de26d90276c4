//! The SVG is report-ready: valid XML, sized, accessible, self-contained,
//! escaped, one classed group per event, byte-identical across runs.

mod render_fixtures;

use render_fixtures::*;
use timeline::render::{RenderOptions, Theme, png, svg};

fn render(t: &timeline::timeline::Timeline) -> String {
    svg(t, &RenderOptions::default()).unwrap()
}

#[test]
fn the_svg_is_valid_sized_and_accessible() {
    let s = render(&seed());
    let doc = roxmltree::Document::parse(&s).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("width"), Some("800"));
    let h = root.attribute("height").unwrap();
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 800 {h}").as_str())
    );
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(
        root.attribute("font-family")
            .unwrap()
            .starts_with("'DejaVu Sans'")
    );
    let kids: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(kids[0].tag_name().name(), "title");
    assert_eq!(kids[0].text(), Some("Pakistan–Azerbaijan ties"));
    assert_eq!(kids[1].tag_name().name(), "desc");
    assert!(kids[1].text().unwrap().contains("6 events"));
    for id in root.attribute("aria-labelledby").unwrap().split(' ') {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "{id}"
        );
    }
}

#[test]
fn one_classed_group_per_event_with_a_tooltip() {
    let s = render(&seed());
    let doc = roxmltree::Document::parse(&s).unwrap();
    let events: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|k| k == "event"))
        })
        .collect();
    assert_eq!(events.len(), 6);
    let class = |id: &str| {
        events
            .iter()
            .find(|n| n.attribute("data-id") == Some(id))
            .unwrap()
            .attribute("class")
            .unwrap()
    };
    assert_eq!(
        class("drills"),
        "event instant precision-month mark-span tag-military"
    );
    assert_eq!(
        class("occupation"),
        "event interval precision-year mark-bar tag-conflict"
    );
    assert_eq!(
        class("statement"),
        "event instant precision-day mark-dot tag-diplomacy"
    );
    let drills = events
        .iter()
        .find(|n| n.attribute("data-id") == Some("drills"))
        .unwrap();
    let tip = drills.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        tip.text(),
        Some(
            "Sep 2021: Pakistan, Azerbaijan and Turkey hold the joint military drills \"Three Brothers – 2021\" in Baku"
        )
    );
}

#[test]
fn approximate_uncertain_inferred_and_open_are_classes() {
    let mut e = on("a", "~1990", "About then", &[]);
    e.inferred = true;
    let t = timeline(
        None,
        vec![
            e,
            on("u", "2001?", "Unsure", &[]),
            between("o", "1995", "", "Ongoing", &[]),
        ],
    );
    let s = render(&t);
    assert!(
        s.contains("class=\"event instant precision-year approximate inferred mark-"),
        "{s}"
    );
    assert!(s.contains("class=\"event instant precision-year uncertain mark-"));
    assert!(s.contains("class=\"event interval precision-year open-end mark-bar\""));
    // The inferred mark is dashed.
    assert!(s.contains("stroke-dasharray=\"3 2\""));
}

#[test]
fn titles_quotes_and_tags_are_text_never_markup() {
    let evil = "<script>alert(1)</script> & \"x\"";
    let t = timeline(
        Some("</title><script>x</script>"),
        vec![on("e'1\"", "2020-01-01", evil, &["a\"b<c>", "ok"])],
    );
    let s = render(&t);
    assert!(!s.contains("<script"));
    let doc = roxmltree::Document::parse(&s).unwrap();
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let tip = doc
        .descendants()
        .find(|n| n.attribute("data-id") == Some("e'1\""))
        .unwrap()
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap();
    assert_eq!(tip.text(), Some(format!("1 Jan 2020: {evil}").as_str()));
    let shown: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        shown.contains("<script>alert(1)</script> & \"x\""),
        "{shown}"
    );
    assert!(
        shown.contains("a\"b<c>"),
        "the tag is named in the legend: {shown}"
    );
    assert_eq!(
        doc.root_element()
            .children()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text(),
        Some("</title><script>x</script>")
    );
    assert!(s.contains("tag-a-b-c tag-ok"));
}

#[test]
fn no_external_resources() {
    for t in [seed(), long(), dense(200, 2021, 3)] {
        let s = render(&t);
        for bad in [
            "href",
            "url(",
            "<image",
            "<style",
            "<script",
            "@import",
            "<foreignObject",
        ] {
            assert!(!s.contains(bad), "{bad}");
        }
        assert_eq!(s.matches("http").count(), 1, "only the SVG namespace");
        for bad in [
            "NaN",
            "=\"inf\"",
            "=\"-inf\"",
            "inf,",
            ",inf",
            "=\"inf ",
            "=\"-inf ",
        ] {
            assert!(!s.contains(bad), "{bad}");
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for t in [seed(), long(), dense(200, 2021, 5)] {
        assert_eq!(render(&t), render(&t.clone()));
    }
    let dark = svg(
        &seed(),
        &RenderOptions {
            theme: Theme::Dark,
            ..RenderOptions::default()
        },
    )
    .unwrap();
    assert_ne!(dark, render(&seed()));
    assert!(dark.contains("theme-dark"));
}

#[test]
fn an_empty_timeline_renders_an_empty_chart() {
    let s = render(&timeline(None, vec![]));
    roxmltree::Document::parse(&s).unwrap();
    assert!(s.contains(">No events</text>"));
    assert!(!s.contains("class=\"event"));
}

#[test]
fn the_title_option_overrides_the_timeline_title() {
    let s = svg(
        &seed(),
        &RenderOptions {
            title: Some("Custom & co".into()),
            ..RenderOptions::default()
        },
    )
    .unwrap();
    assert!(s.contains(">Custom &amp; co</title>"));
    assert!(!s.contains("Pakistan–Azerbaijan ties"));
}

#[test]
fn ten_thousand_events_are_grouped_not_smeared() {
    let t = dense(10_000, 2021, 9);
    let s = render(&t);
    roxmltree::Document::parse(&s).unwrap();
    let shown = s.matches("<g class=\"event ").count();
    assert!((30..600).contains(&shown), "{shown}");
    assert!(s.contains(&format!(
        "+{} events not shown (use --from/--to or --max-events)",
        10_000 - shown
    )));
    // What is left out is summarised where it happened.
    assert!(s.contains("<g class=\"cluster\" data-count=\""));
    // The file stays proportional to what is drawn, not to the input.
    assert!(s.len() < 400_000, "{}", s.len());
}

#[test]
fn png_has_the_chart_size() {
    let p = png(&seed(), &RenderOptions::default()).unwrap();
    assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(p[16..20].try_into().unwrap());
    assert_eq!(w, 800);
}

#[test]
fn bidirectional_controls_never_reach_svg_html_or_tables() {
    // Issue 14 item 15: U+202A–U+202E and U+2066–U+2069 could make a title
    // display as something it does not say.
    let controls: Vec<char> = ('\u{202A}'..='\u{202E}')
        .chain('\u{2066}'..='\u{2069}')
        .collect();
    let evil: String = controls.iter().collect();
    let mut e = on(
        "e1",
        "2020-01-01",
        &format!("Price {evil}cut{evil} by half"),
        &[&format!("tag{evil}x")],
    );
    e.sources.push(timeline::timeline::Source {
        file: format!("a{evil}.txt"),
        line: 1,
        span: (0, 5),
        quote: format!("The quote {evil} here."),
        rules: vec![],
    });
    let t = timeline(Some(&format!("Title {evil}")), vec![e]);
    let outputs = [
        svg(&t, &RenderOptions::default()).unwrap(),
        timeline::render::html(&t, &RenderOptions::default()).unwrap(),
        timeline::pipeline::table(&t),
    ];
    for out in &outputs {
        for c in &controls {
            assert!(!out.contains(*c), "U+{:04X} in {out}", *c as u32);
        }
    }
    assert!(outputs[0].contains("Price cut by half"));
    assert!(outputs[1].contains("The quote  here."));
    assert!(outputs[2].contains("| 1 Jan 2020 | Price cut by half |"));
    // The layout measures the text as drawn, without them.
    let c = timeline::layout::layout(&t, &Default::default());
    for l in c.texts() {
        assert!(
            !l.text.chars().any(|ch| controls.contains(&ch)),
            "{}",
            l.text
        );
    }
}
