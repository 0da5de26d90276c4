//! The layout's guarantees, checked on the geometry itself (text measured
//! with the embedded font, no browser): texts never overlap each other, the
//! marks or other labels' leader lines, and never leave the canvas; the
//! chart stays within its height; labels are whole words; what does not
//! fit is summarised and counted.

mod render_fixtures;

use std::collections::BTreeSet;

use proptest::prelude::*;
use render_fixtures::*;
use timeline::date::{Date, DateSpec};
use timeline::layout::{
    BarEnd, Chart, LayoutOptions, Mark, OPEN_LENGTH, Rect, Symbol, TextRole, layout,
};
use timeline::timeline::{Event, Timeline, When};

fn lay(t: &Timeline, width: f64) -> Chart {
    layout(
        t,
        &LayoutOptions {
            width,
            ..LayoutOptions::default()
        },
    )
}

/// Every problem that makes a chart illegible.
fn problems(c: &Chart) -> Vec<String> {
    let mut out = Vec::new();
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        w: c.width,
        h: c.height,
    };
    let texts = c.texts();
    for t in &texts {
        if !t.bbox().inside(&canvas) {
            out.push(format!("{:?} leaves the canvas: {:?}", t.text, t.bbox()));
        }
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            if a.bbox().overlaps(&b.bbox()) {
                out.push(format!("{:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
    let placed = c.placed();
    let name = |i: usize| {
        c.events.get(i).map_or_else(
            || format!("cluster {}", i - c.events.len()),
            |e| e.id.clone(),
        )
    };
    for (i, e) in placed.iter().enumerate() {
        if !e.mark.bbox().inside(&canvas) {
            out.push(format!("mark of {} leaves the canvas", name(i)));
        }
        for l in &e.label {
            if !l.bbox().inside(&e.label_box) {
                out.push(format!("{:?} is outside its label box", l.text));
            }
        }
        for (j, other) in placed.iter().enumerate() {
            if e.label_box.overlaps(&other.mark.bbox()) {
                out.push(format!(
                    "label of {} covers the mark of {}",
                    name(i),
                    name(j)
                ));
            }
            if j != i && other.pole != e.pole {
                let (x, top, bottom) = other.pole;
                let pole = Rect {
                    x: x - 0.5,
                    y: top,
                    w: 1.0,
                    h: bottom - top,
                };
                if pole.overlaps(&e.label_box) {
                    out.push(format!(
                        "the leader of {} crosses the label of {}",
                        name(j),
                        name(i)
                    ));
                }
            }
        }
        // The leader joins its (stack of) labels from below when the label
        // is above the axis, from above when it is below.
        let (x, top, bottom) = e.pole;
        let b = e.group_box;
        if !e.label_box.inside(&b) {
            out.push(format!("the label of {} is outside its stack", name(i)));
        }
        let joins = (top - b.bottom()).abs() <= 3.0 || (bottom - b.y).abs() <= 3.0;
        if !joins || bottom <= top || x < b.x || x > b.right() {
            out.push(format!(
                "the leader of {} does not join its label and mark",
                name(i)
            ));
        }
    }
    for t in c
        .axis
        .iter()
        .flat_map(|a| &a.ticks)
        .filter_map(|t| t.label.as_ref())
    {
        for (i, e) in placed.iter().enumerate() {
            if t.bbox().overlaps(&e.mark.bbox()) {
                out.push(format!("tick {:?} covers the mark of {}", t.text, name(i)));
            }
        }
    }
    out
}

fn assert_legible(c: &Chart) {
    let p = problems(c);
    assert!(p.is_empty(), "{}", p.join("\n"));
}

/// Every word drawn in a label is a whole word of the event's date or
/// title (a shortened line ends in "…" after a whole word).
fn words_are_whole(c: &Chart, t: &Timeline) -> Vec<String> {
    let mut out = Vec::new();
    for e in &c.events {
        let ev = t.events.iter().find(|x| x.id == e.id).unwrap();
        let source = format!("{} {}", timeline::layout::date_text(ev), ev.title);
        let words: BTreeSet<&str> = source.split_whitespace().collect();
        for l in &e.placed.label {
            let drawn: Vec<&str> = l.text.split_whitespace().collect();
            for w in &drawn {
                let cut = w.ends_with('…');
                let w = w.trim_end_matches('…');
                // Only a single word wider than the label may be cut
                // within it, alone on its line.
                let too_wide = cut && drawn.len() == 1 && words.iter().any(|x| x.starts_with(w));
                if !w.is_empty() && !words.contains(w) && !too_wide {
                    out.push(format!("{:?} is cut in {:?} of {}", w, l.text, e.id));
                }
            }
        }
    }
    out
}

#[test]
fn the_seed_is_fully_legible_at_800_px() {
    let c = lay(&seed(), 800.0);
    assert_legible(&c);
    assert_eq!(c.omitted, 0);
    assert!(c.note.is_none());
    assert!(c.clusters.is_empty());
    let ids: Vec<&str> = c.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "occupation",
            "war",
            "statement",
            "drills",
            "operation",
            "visit"
        ]
    );
    let axis = c.axis.as_ref().unwrap();
    assert!(!axis.breaks.is_empty(), "the 1990s and 2000s are cut out");
    let ticks: Vec<&str> = axis
        .ticks
        .iter()
        .filter_map(|t| t.label.as_ref().map(|l| l.text.as_str()))
        .collect();
    for y in ["2021", "2022", "2023"] {
        assert!(ticks.contains(&y), "{ticks:?}");
    }
    assert!(ticks[0] == "1990" || ticks[0] == "1991", "{ticks:?}");
    let dates: Vec<&str> = c
        .events
        .iter()
        .map(|e| e.placed.label[0].text.as_str())
        .collect();
    assert_eq!(
        dates,
        [
            "1991 – 2020",
            "27 Sep – 10 Nov 2020",
            "10 Nov 2020",
            "Sep 2021",
            "Sep 2023",
            "2 Nov 2023"
        ]
    );
    assert!(c.events.iter().all(|e| !e.shortened));
}

#[test]
fn the_seed_stays_legible_when_narrow_or_wide() {
    for w in [320.0, 480.0, 640.0, 1200.0, 2000.0] {
        let c = lay(&seed(), w);
        assert_legible(&c);
        assert_eq!(c.events.len() + c.omitted, 6);
    }
}

#[test]
fn precision_is_visible() {
    let c = lay(&seed(), 800.0);
    let mark = |id: &str| &c.events.iter().find(|e| e.id == id).unwrap().placed.mark;
    assert!(matches!(mark("statement"), Mark::Dot { .. }));
    // A month at this scale is ~17 px: a bracket spanning it.
    match mark("drills") {
        Mark::Span { x0, x1, .. } => assert!(x1 - x0 >= 12.0),
        m => panic!("{m:?}"),
    }
    assert!(matches!(mark("occupation"), Mark::Bar { .. }));
    // On a two-century axis a month is narrower than a pixel: a diamond.
    let t = timeline(
        None,
        vec![
            on("m", "1950-05", "A month", &[]),
            on("a", "1850", "Start", &[]),
            on("b", "2020", "End", &[]),
        ],
    );
    let c = lay(&t, 800.0);
    let m = &c.events.iter().find(|e| e.id == "m").unwrap().placed.mark;
    assert!(
        matches!(
            m,
            Mark::Symbol {
                shape: Symbol::Diamond,
                ..
            }
        ),
        "{m:?}"
    );
}

#[test]
fn approximate_and_inferred_dates_are_said_in_the_label() {
    let mut e = on("x", "~1990", "Something", &[]);
    e.inferred = true;
    let t = timeline(None, vec![e, on("y", "2021?", "Other", &[])]);
    let c = lay(&t, 800.0);
    let dates: Vec<&str> = c
        .events
        .iter()
        .map(|e| e.placed.label[0].text.as_str())
        .collect();
    assert_eq!(dates, ["c. 1990 (inferred)", "2021?"]);
    assert!(c.events[0].approximate && c.events[0].inferred);
    assert!(c.events[1].uncertain);
}

#[test]
fn open_intervals_are_short_fading_arrows_not_bars_from_the_edge() {
    let t = timeline(
        None,
        vec![
            between("since", "1991", "", "Since 1991", &[]),
            between("until", "", "1995", "Until 1995", &[]),
            on("p", "1960", "A point", &[]),
            on("q", "2000", "Another point", &[]),
        ],
    );
    let c = lay(&t, 800.0);
    assert_legible(&c);
    let axis = c.axis.as_ref().unwrap();
    let left = axis.segments[0].0;
    let since = c.events.iter().find(|e| e.id == "since").unwrap();
    assert_eq!(since.placed.label[0].text, "since 1991");
    match &since.placed.mark {
        Mark::Bar { start, end, .. } => {
            assert_eq!((*start, *end), (BarEnd::Exact, BarEnd::Open));
        }
        m => panic!("{m:?}"),
    }
    assert!(since.placed.mark.bbox().w <= OPEN_LENGTH + 1.0);
    let until = c.events.iter().find(|e| e.id == "until").unwrap();
    assert_eq!(until.placed.label[0].text, "until 1995");
    let b = until.placed.mark.bbox();
    assert!(b.x > left + 100.0, "no bar from the axis start: {b:?}");
    assert!(b.w <= OPEN_LENGTH + 1.0, "{b:?}");
}

#[test]
fn a_window_cuts_the_intervals_that_reach_past_it() {
    let t = timeline(
        None,
        vec![
            between("long", "1990", "2020", "A long stretch", &[]),
            on("a", "2013-03-14", "First", &[]),
            on("b", "2013-03-28", "Last", &[]),
        ],
    );
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let c = layout(
        &t,
        &LayoutOptions {
            window: (Some(day("2013-03-01")), Some(day("2013-03-31"))),
            ..LayoutOptions::default()
        },
    );
    assert_legible(&c);
    let long = c.events.iter().find(|e| e.id == "long").unwrap();
    match &long.placed.mark {
        Mark::Bar { start, end, .. } => assert_eq!((*start, *end), (BarEnd::Cut, BarEnd::Cut)),
        m => panic!("{m:?}"),
    }
    let ticks: Vec<&str> = c
        .axis
        .as_ref()
        .unwrap()
        .ticks
        .iter()
        .filter_map(|t| t.label.as_ref().map(|l| l.text.as_str()))
        .collect();
    assert!(ticks.iter().all(|t| !t.contains("1990")), "{ticks:?}");
}

#[test]
fn a_dense_year_fits_the_height_and_summarises_the_rest() {
    let t = dense(200, 2021, 1);
    let c = lay(&t, 800.0);
    assert_legible(&c);
    assert!(c.height <= 1600.0, "{}", c.height);
    assert!(c.events.len() >= 35, "only {} shown", c.events.len());
    assert!(c.omitted > 0);
    assert_eq!(c.events.len() + c.omitted, 200);
    let note = c.note.as_ref().unwrap();
    assert_eq!(
        note.text,
        format!(
            "+{} events not shown (use --from/--to or --max-events)",
            c.omitted
        )
    );
    assert_eq!(note.role, TextRole::Note);
    // The clusters hold events not drawn one by one, and say how many.
    assert!(!c.clusters.is_empty());
    let shown: BTreeSet<&str> = c.events.iter().map(|e| e.id.as_str()).collect();
    let mut in_clusters = 0;
    for k in &c.clusters {
        assert!(k.ids.len() >= 2);
        assert!(k.ids.iter().all(|id| !shown.contains(id.as_str())));
        let line = &k.placed.label[0];
        assert_eq!(line.role, TextRole::Cluster);
        assert!(
            line.text.starts_with(&format!("+{} events, ", k.ids.len())),
            "{}",
            line.text
        );
        in_clusters += k.ids.len();
    }
    assert!(in_clusters <= c.omitted);
}

#[test]
fn any_size_of_timeline_stays_within_the_height() {
    for (name, t) in [
        ("dense 600", dense(600, 2021, 9)),
        ("dense 10000", dense(10_000, 2021, 3)),
        ("news 20", news(20, 1)),
        ("news 60", news(60, 2)),
        ("long", long()),
    ] {
        for w in [480.0, 800.0, 1200.0] {
            let c = lay(&t, w);
            assert!(c.height <= 1600.0, "{name} at {w}: {}", c.height);
            assert_legible(&c);
            let cut = words_are_whole(&c, &t);
            assert!(cut.is_empty(), "{name} at {w}: {}", cut.join("\n"));
        }
    }
}

#[test]
fn twenty_articles_make_a_readable_chart() {
    // The chart of issue 15: twenty news articles about one story.
    let t = news(20, 7);
    assert!(t.events.len() > 150, "{}", t.events.len());
    let c = lay(&t, 800.0);
    assert_legible(&c);
    assert!(c.height <= 1600.0, "{}", c.height);
    let labels = c.events.len() + c.clusters.len();
    let shortened = c.events.iter().filter(|e| e.shortened).count();
    assert!(
        shortened * 10 <= labels,
        "{shortened} of {labels} labels shortened"
    );
    assert!(c.events.len() >= 30, "{} shown", c.events.len());
    assert!(c.note.as_ref().unwrap().text.contains("not shown"));
    // The fortnight has a segment of its own, with ticks at both ends of
    // every segment's neighbourhood.
    let axis = c.axis.as_ref().unwrap();
    assert!(!axis.breaks.is_empty());
    for &(x0, x1) in &axis.segments {
        assert!(
            axis.ticks
                .iter()
                .filter_map(|t| t.label.as_ref())
                .any(|l| l.bbox().x >= x0 - 0.5 && l.bbox().right() <= x1 + 0.5),
            "the segment {x0}–{x1} has no tick label"
        );
    }
}

#[test]
fn moderate_timelines_show_every_event() {
    for seed in [1, 2, 3, 4] {
        let c = lay(&dense(24, 2021, seed), 800.0);
        assert_legible(&c);
        assert!(
            c.omitted <= 2,
            "24 events in a year, seed {seed}: {}",
            c.omitted
        );
    }
    for (n, seed) in [(40, 2), (50, 5)] {
        let c = lay(&dense(n, 2021, seed), 800.0);
        assert_legible(&c);
        assert!(
            c.events.len() * 10 >= n * 7,
            "{n} events in a year: only {} shown",
            c.events.len()
        );
    }
}

#[test]
fn instants_on_the_same_day_share_a_leader() {
    let t = timeline(
        None,
        vec![
            on("a", "2021-03-04", "First of the day", &[]),
            on("b", "2021-03-04", "Second of the day", &[]),
            on("c", "2021-03-04", "Third of the day", &[]),
            on("d", "2021-01-01", "Start", &[]),
            on("e", "2021-12-31", "End", &[]),
        ],
    );
    let c = lay(&t, 800.0);
    assert_legible(&c);
    assert_eq!(c.omitted, 0);
    let same: Vec<_> = c
        .events
        .iter()
        .filter(|e| ["a", "b", "c"].contains(&e.id.as_str()))
        .collect();
    assert_eq!(same.len(), 3);
    assert!(same.iter().all(|e| e.placed.pole == same[0].placed.pole));
    assert!(
        same.iter()
            .all(|e| e.placed.group_box == same[0].placed.group_box)
    );
    let tops: Vec<f64> = same.iter().map(|e| e.placed.label_box.y).collect();
    assert!(tops[0] < tops[1] && tops[1] < tops[2], "{tops:?}");
}

#[test]
fn when_room_runs_out_the_least_important_go_first() {
    // 600 events in a year cannot all be shown: although the unsure ones
    // are twice as many, those shown are mostly the confident ones, and
    // every tag keeps a share.
    let mut t = dense(600, 2021, 9);
    for (i, e) in t.events.iter_mut().enumerate() {
        e.confidence = Some(if i % 3 == 0 { 0.9 } else { 0.3 });
    }
    let c = lay(&t, 800.0);
    assert_legible(&c);
    assert!(c.omitted > 0);
    let conf = |id: &str| t.events.iter().find(|e| e.id == id).unwrap().confidence;
    let shown = |level: f64| {
        c.events
            .iter()
            .filter(|e| !e.interval && conf(&e.id) == Some(level))
            .count()
    };
    let (high, low) = (shown(0.9), shown(0.3));
    assert!(high >= 2 * low, "high {high}, low {low}");
    for tag in ["politics", "economy", "security", "culture"] {
        assert!(c.events.iter().any(|e| e.tags[0] == tag), "{tag}");
    }
}

#[test]
fn two_centuries_are_legible_and_complete() {
    let c = lay(&long(), 800.0);
    assert_legible(&c);
    for id in ["ww1", "ww2", "cold", "moon", "web", "c19"] {
        assert!(c.events.iter().any(|e| e.id == id), "{id} missing");
    }
    // What does not fit is in a cluster where it happened.
    let shown_or_summarised = |id: &str| {
        c.events.iter().any(|e| e.id == id)
            || c.clusters.iter().any(|k| k.ids.iter().any(|x| x == id))
    };
    assert!(shown_or_summarised("1914"));
    assert_eq!(c.events.len() + c.omitted, 43);
    assert!(c.events.len() >= 35, "{}", c.events.len());
    let ticks: Vec<String> = c
        .axis
        .as_ref()
        .unwrap()
        .ticks
        .iter()
        .filter_map(|t| t.label.as_ref().map(|l| l.text.clone()))
        .collect();
    assert!(ticks.iter().any(|t| t.starts_with("19")), "{ticks:?}");
}

#[test]
fn an_empty_timeline_says_no_events() {
    let c = lay(&timeline(Some("Nothing yet"), vec![]), 800.0);
    assert_eq!(c.empty.as_ref().unwrap().text, "No events");
    assert_eq!(c.title_text(), "Nothing yet");
    assert!(c.axis.is_none());
    assert!(c.events.is_empty());
    assert_legible(&c);
}

#[test]
fn long_titles_wrap_onto_two_lines_and_are_shortened_after_a_word() {
    let long_title = "word ".repeat(80);
    let t = timeline(
        None,
        vec![
            on("x", "2020-01-01", &long_title, &[]),
            on(
                "y",
                "2020-02-01",
                "A title a little too long for one line of a label, but not for two",
                &[],
            ),
        ],
    );
    let c = lay(&t, 800.0);
    let x = c.events.iter().find(|e| e.id == "x").unwrap();
    assert_eq!(x.placed.label.len(), 3, "date and two title lines");
    assert!(x.placed.label[2].text.ends_with(" word…"));
    assert!(x.shortened);
    assert_eq!(
        x.title, long_title,
        "the full title is kept for the tooltip"
    );
    let y = c.events.iter().find(|e| e.id == "y").unwrap();
    assert_eq!(y.placed.label.len(), 3);
    assert!(!y.shortened);
    assert!(words_are_whole(&c, &t).is_empty());
    assert_legible(&c);
}

#[test]
fn long_titles_of_the_chart_wrap() {
    let title = "The Lenne floods of March 2013: evacuations, breaches, the inquiry and a year of rebuilding";
    let c = lay(
        &timeline(Some(title), vec![on("a", "2013", "A", &[])]),
        480.0,
    );
    assert_eq!(c.title.len(), 2);
    assert_eq!(c.title_text(), title);
    assert_legible(&c);
}

#[test]
fn ticks_beside_every_break_are_labelled() {
    for t in [seed(), long(), news(20, 3)] {
        let c = lay(&t, 800.0);
        let axis = c.axis.as_ref().unwrap();
        let labels: Vec<Rect> = axis
            .ticks
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(|l| l.bbox())
            .collect();
        for &(x0, x1) in &axis.segments {
            assert!(
                labels
                    .iter()
                    .any(|b| b.x >= x0 - 0.5 && b.right() <= x1 + 0.5),
                "segment {x0}–{x1} of {:?} has no tick label",
                c.title_text()
            );
        }
    }
}

fn arb_spec() -> impl Strategy<Value = DateSpec> {
    (
        1900i32..2030,
        1u32..=12,
        1u32..=28,
        0u8..5,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(y, m, d, p, approximate, uncertain)| DateSpec {
            date: match p {
                0 => Date::Decade(y / 10),
                1 => Date::Year(y),
                2 => Date::Month { year: y, month: m },
                _ => Date::day(y, m, d).unwrap(),
            },
            approximate,
            uncertain,
        })
}

fn arb_event() -> impl Strategy<Value = Event> {
    (
        arb_spec(),
        proptest::option::of(arb_spec()),
        0u8..4,
        "[a-zA-Z<>&\" ]{0,120}",
        proptest::collection::vec(0usize..10, 0..3),
        any::<bool>(),
    )
        .prop_map(|(a, b, shape, title, tags, inferred)| {
            let when = match (shape, b) {
                (0, Some(b)) => When::Between {
                    start: Some(a.min(b)),
                    end: Some(a.max(b)),
                },
                (1, _) => When::Between {
                    start: Some(a),
                    end: None,
                },
                (2, _) => When::Between {
                    start: None,
                    end: Some(a),
                },
                _ => When::On(a),
            };
            Event {
                id: String::new(),
                when,
                title,
                tags: tags.into_iter().map(|t| format!("tag{t}")).collect(),
                inferred,
                confidence: None,
                sources: vec![],
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_timeline_is_legible(
        events in proptest::collection::vec(arb_event(), 0..60),
        width in 240u32..1600,
    ) {
        let n = events.len();
        let events = events.into_iter().enumerate().map(|(i, mut e)| { e.id = format!("e{i}"); e }).collect();
        let t = timeline(Some("Property"), events);
        let c = lay(&t, f64::from(width));
        let p = problems(&c);
        prop_assert!(p.is_empty(), "{}", p.join("\n"));
        prop_assert_eq!(c.events.len() + c.omitted, n);
        prop_assert!(c.height <= 1600.0, "{}", c.height);
        let cut = words_are_whole(&c, &t);
        prop_assert!(cut.is_empty(), "{}", cut.join("\n"));
    }
}

#[test]
fn ranges_say_the_shared_month_and_year_once() {
    use timeline::layout::human_range;
    assert_eq!(
        human_range(&d("2020-09-27"), &d("2020-11-10")),
        "27 Sep – 10 Nov 2020"
    );
    assert_eq!(
        human_range(&d("2013-03-18"), &d("2013-03-24")),
        "18–24 Mar 2013"
    );
    assert_eq!(human_range(&d("2021-09"), &d("2021-11")), "Sep – Nov 2021");
    assert_eq!(
        human_range(&d("2020-12-30"), &d("2021-01-02")),
        "30 Dec 2020 – 2 Jan 2021"
    );
    assert_eq!(human_range(&d("1991"), &d("2020")), "1991 – 2020");
    assert_eq!(
        human_range(&d("~2019-07"), &d("2019-12?")),
        "c. Jul 2019 – Dec 2019?"
    );
}

#[test]
fn ancient_and_modern_dates_share_a_legible_axis() {
    let t = timeline(
        None,
        vec![
            on("caesar", "-0043", "Death of Caesar", &[]),
            on("rome", "0476", "Fall of the Western Roman Empire", &[]),
            on("byz", "1453", "Fall of Constantinople", &[]),
            on("c20", "19XX", "The twentieth century", &[]),
            on("now", "2020-01-01", "Now", &[]),
            on("far", "9999-12-31", "The end of the supported range", &[]),
        ],
    );
    let c = lay(&t, 800.0);
    assert_legible(&c);
    assert_eq!(c.events.len() + c.omitted, 6);
    let dates: Vec<&str> = c
        .events
        .iter()
        .map(|e| e.placed.label[0].text.as_str())
        .collect();
    assert!(dates.contains(&"44 BC"), "{dates:?}");
    assert!(dates.contains(&"20th century"), "{dates:?}");
}
