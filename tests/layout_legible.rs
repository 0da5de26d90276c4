//! The layout's guarantees, checked on the geometry itself (text measured
//! with the embedded font, no browser): texts never overlap each other, the
//! marks or other labels' leader lines, and never leave the canvas.

mod render_fixtures;

use proptest::prelude::*;
use render_fixtures::*;
use timeline::date::{Date, DateSpec};
use timeline::layout::{Chart, LayoutOptions, Mark, Rect, Symbol, TextRole, layout};
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
    for e in &c.events {
        if !e.mark.bbox().inside(&canvas) {
            out.push(format!("mark of {} leaves the canvas", e.id));
        }
        for l in &e.label {
            if !l.bbox().inside(&e.label_box) {
                out.push(format!("{:?} is outside its label box", l.text));
            }
        }
        for other in &c.events {
            if e.label_box.overlaps(&other.mark.bbox()) {
                out.push(format!("label of {} covers the mark of {}", e.id, other.id));
            }
            if other.id != e.id {
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
                        other.id, e.id
                    ));
                }
            }
        }
        // The leader joins its (stack of) labels from below when the label
        // is above the axis, from above when it is below.
        let (x, top, bottom) = e.pole;
        let b = e.group_box;
        if !e.label_box.inside(&b) {
            out.push(format!("the label of {} is outside its stack", e.id));
        }
        let joins = (top - b.bottom()).abs() <= 3.0 || (bottom - b.y).abs() <= 3.0;
        if !joins || bottom <= top || x < b.x || x > b.right() {
            out.push(format!(
                "the leader of {} does not join its label and mark",
                e.id
            ));
        }
    }
    for t in c
        .axis
        .iter()
        .flat_map(|a| &a.ticks)
        .filter_map(|t| t.label.as_ref())
    {
        for e in &c.events {
            if t.bbox().overlaps(&e.mark.bbox()) {
                out.push(format!("tick {:?} covers the mark of {}", t.text, e.id));
            }
        }
    }
    out
}

fn assert_legible(c: &Chart) {
    let p = problems(c);
    assert!(p.is_empty(), "{}", p.join("\n"));
}

#[test]
fn the_seed_is_fully_legible_at_800_px() {
    let c = lay(&seed(), 800.0);
    assert_legible(&c);
    assert_eq!(c.omitted, 0);
    assert!(c.note.is_none());
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
    assert_eq!(axis.breaks.len(), 1, "the 1990s and 2000s are cut out");
    let ticks: Vec<&str> = axis
        .ticks
        .iter()
        .filter_map(|t| t.label.as_ref().map(|l| l.text.as_str()))
        .collect();
    for y in ["1991", "2021", "2022", "2023"] {
        assert!(ticks.contains(&y), "{ticks:?}");
    }
    let dates: Vec<&str> = c.events.iter().map(|e| e.label[0].text.as_str()).collect();
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
    let mark = |id: &str| &c.events.iter().find(|e| e.id == id).unwrap().mark;
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
    let m = &c.events.iter().find(|e| e.id == "m").unwrap().mark;
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
    let dates: Vec<&str> = c.events.iter().map(|e| e.label[0].text.as_str()).collect();
    assert_eq!(dates, ["c. 1990 (inferred)", "2021?"]);
    assert!(c.events[0].approximate && c.events[0].inferred);
    assert!(c.events[1].uncertain);
}

#[test]
fn open_intervals_run_to_the_edge() {
    let t = timeline(
        None,
        vec![
            between("since", "1991", "", "Since 1991", &[]),
            between("until", "", "1995", "Until 1995", &[]),
            on("p", "2000", "A point", &[]),
        ],
    );
    let c = lay(&t, 800.0);
    assert_legible(&c);
    let axis = c.axis.as_ref().unwrap();
    let right = axis.segments.last().unwrap().1;
    let left = axis.segments[0].0;
    let since = c.events.iter().find(|e| e.id == "since").unwrap();
    assert_eq!(since.label[0].text, "since 1991");
    match &since.mark {
        Mark::Bar {
            pieces, open_end, ..
        } => {
            assert!(open_end);
            assert_eq!(pieces.last().unwrap().1, right);
        }
        m => panic!("{m:?}"),
    }
    let until = c.events.iter().find(|e| e.id == "until").unwrap();
    assert_eq!(until.label[0].text, "until 1995");
    assert_eq!(until.mark.bbox().x, left);
}

#[test]
fn a_dense_year_shows_most_events_and_says_how_many_are_left_out() {
    let t = dense(200, 2021, 1);
    let c = lay(&t, 800.0);
    assert_legible(&c);
    // The first renderer showed 33 of these 200 in a chart capped at
    // 640 px of labels; the chart now grows taller instead.
    assert!(c.events.len() >= 150, "only {} shown", c.events.len());
    assert!(c.omitted > 0);
    assert_eq!(c.events.len() + c.omitted, 200);
    let note = c.note.as_ref().unwrap();
    assert_eq!(note.text, format!("+{} more events not shown", c.omitted));
    assert_eq!(note.role, TextRole::Note);
    assert!(c.height <= 4000.0, "{}", c.height);
    // Every interval is kept.
    let intervals = t
        .events
        .iter()
        .filter(|e| matches!(e.when, When::Between { .. }))
        .count();
    assert_eq!(c.events.iter().filter(|e| e.interval).count(), intervals);
}

#[test]
fn moderate_timelines_show_every_event() {
    for seed in [1, 2, 3, 4] {
        let c = lay(&dense(30, 2021, seed), 800.0);
        assert_legible(&c);
        assert_eq!(c.omitted, 0, "30 events in a year, seed {seed}");
    }
    for (n, seed) in [(40, 2), (50, 5), (60, 3)] {
        let c = lay(&dense(n, 2021, seed), 800.0);
        assert_legible(&c);
        assert!(
            c.events.len() * 10 >= n * 9,
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
    assert!(same.iter().all(|e| e.pole == same[0].pole));
    assert!(same.iter().all(|e| e.group_box == same[0].group_box));
    let tops: Vec<f64> = same.iter().map(|e| e.label_box.y).collect();
    assert!(tops[0] < tops[1] && tops[1] < tops[2], "{tops:?}");
}

#[test]
fn when_room_runs_out_the_least_confident_go_first() {
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
    // The first renderer showed 19 of these 43, without the World Wars.
    assert_eq!(c.omitted, 0);
    assert_eq!(c.events.len(), 43);
    assert!(c.note.is_none());
    for id in ["ww1", "ww2", "cold", "1914", "moon", "web", "c19"] {
        assert!(c.events.iter().any(|e| e.id == id), "{id} missing");
    }
    let ticks: Vec<String> = c
        .axis
        .as_ref()
        .unwrap()
        .ticks
        .iter()
        .filter_map(|t| t.label.as_ref().map(|l| l.text.clone()))
        .collect();
    assert!(ticks.contains(&"1900".to_string()), "{ticks:?}");
}

#[test]
fn an_empty_timeline_says_no_events() {
    let c = lay(&timeline(Some("Nothing yet"), vec![]), 800.0);
    assert_eq!(c.empty.as_ref().unwrap().text, "No events");
    assert_eq!(c.title.as_ref().unwrap().text, "Nothing yet");
    assert!(c.axis.is_none());
    assert!(c.events.is_empty());
    assert_legible(&c);
}

#[test]
fn long_titles_are_wrapped_and_cut_with_an_ellipsis() {
    let long_title = "word ".repeat(80);
    let t = timeline(None, vec![on("x", "2020-01-01", &long_title, &[])]);
    let c = lay(&t, 800.0);
    let e = &c.events[0];
    assert_eq!(e.label.len(), 4, "date and three title lines");
    assert!(e.label[3].text.ends_with('…'));
    assert_eq!(
        e.title, long_title,
        "the full title is kept for the tooltip"
    );
    assert_legible(&c);
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
        0usize..10,
        any::<bool>(),
    )
        .prop_map(|(a, b, shape, title, tag, inferred)| {
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
                tags: vec![format!("tag{tag}")],
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
        let c = lay(&timeline(Some("Property"), events), f64::from(width));
        let p = problems(&c);
        prop_assert!(p.is_empty(), "{}", p.join("\n"));
        prop_assert_eq!(c.events.len() + c.omitted, n);
    }
}

#[test]
fn ranges_say_the_shared_year_once() {
    use timeline::layout::human_range;
    assert_eq!(
        human_range(&d("2020-09-27"), &d("2020-11-10")),
        "27 Sep – 10 Nov 2020"
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
    let dates: Vec<&str> = c.events.iter().map(|e| e.label[0].text.as_str()).collect();
    assert!(dates.contains(&"44 BC"), "{dates:?}");
    assert!(dates.contains(&"20th century"), "{dates:?}");
}
