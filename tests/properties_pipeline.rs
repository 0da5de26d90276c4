//! Invariants across the pipeline stages, on generated input: whatever the
//! news-like text, the tagger's offsets are char boundaries inside it and
//! its resolved dates are real calendar dates; event extraction never
//! panics and its sources' spans, lines and quotes agree with the text;
//! and every valid timeline
//! renders to a well-formed SVG document (checked with an XML parser).

use chrono::NaiveDate;
use proptest::prelude::*;

use timeline::date::{Date, YEAR_RANGE};
use timeline::events::{Article, extract};
use timeline::render::{RenderOptions, Theme, svg};
use timeline::tagger::tag_document;
use timeline::timeline::{from_yaml, to_yaml};

mod timeline_gen;

/// Words and pieces that news dates are made of, plus hostile unicode.
const PIECES: &[&str] = &[
    "January",
    "Feb.",
    "March",
    "Sept",
    "September",
    "May",
    "december",
    "Monday",
    "weekend",
    "last",
    "next",
    "ago",
    "since",
    "from",
    "to",
    "until",
    "between",
    "and",
    "in",
    "on",
    "the",
    "early",
    "mid-",
    "late",
    "about",
    "nearly",
    "years",
    "months",
    "weeks",
    "days",
    "year",
    "century",
    "1990s",
    "'90s",
    "BC",
    "AD",
    "Q3",
    "H1",
    "spring",
    "winter",
    "Christmas",
    "today",
    "yesterday",
    "tomorrow",
    "this",
    "previous",
    "following",
    "three",
    "twenty",
    "first",
    "21st",
    "3rd",
    "0",
    "1",
    "9",
    "10",
    "12",
    "29",
    "30",
    "31",
    "32",
    "99",
    "100",
    "1991",
    "2020",
    "2023",
    "0000",
    "9999",
    "10000",
    "99999999999",
    "-1",
    "2020-11-10",
    "2021-09",
    "12/31/2020",
    "31.12.2020",
    "2020/02/30",
    "11:30",
    "p.m.",
    ",",
    ".",
    "-",
    "–",
    "—",
    "/",
    ":",
    ";",
    "'",
    "\"",
    "(",
    ")",
    "%",
    "é",
    "Türkiye",
    "日本",
    "🎉",
    "\u{200b}",
    "\u{feff}",
    "e\u{301}",
    "\u{2028}",
    "\t",
    "\r\n",
    "\n",
    "\n\n",
];

fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,6}",
    ];
    let sep = prop::sample::select(&[" ", " ", " ", "", "\n", ", "][..]);
    prop::collection::vec((piece, sep), 0..40).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut s, (p, sep)| {
            s.push_str(&p);
            s.push_str(sep);
            s
        })
    })
}

fn dct() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((1i32..=3000, 1u32..=12, 1u32..=28))
        .prop_map(|o| o.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)))
}

/// Checks that `svg` is one well-formed XML document whose root is `<svg>`.
fn assert_well_formed_svg(svg: &str) {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => panic!("SVG is not well-formed XML: {e}\n{svg}"),
    };
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(svg.trim_end().ends_with("</svg>"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tag_offsets_are_char_boundaries_inside_the_text(text in news_text(), dct in dct()) {
        let tagged = tag_document(&text, dct).unwrap();
        for t in &tagged.timexes {
            prop_assert!(t.start < t.end, "{t:?}");
            prop_assert!(t.end <= text.len(), "{t:?}");
            prop_assert!(text.is_char_boundary(t.start), "{t:?}");
            prop_assert!(text.is_char_boundary(t.end), "{t:?}");
            if let Some(link) = t.range {
                prop_assert!(link.partner < tagged.timexes.len(), "{t:?}");
            }
        }
    }

    #[test]
    fn resolved_dates_are_calendar_dates(text in news_text(), dct in dct()) {
        for t in tag_document(&text, dct).unwrap().timexes {
            let Some(d) = t.value.as_date() else { continue };
            // The date survives its own notation, and covers real days.
            let again: Date = d.to_string().parse().unwrap_or_else(|e| {
                panic!("{d:?} from {:?} prints as `{d}` which does not parse: {e}", &text[t.start..t.end])
            });
            prop_assert_eq!(again, d);
            prop_assert!(d.first_day() <= d.last_day(), "{:?}", d);
            match d {
                Date::Year(y)
                | Date::Month { year: y, .. }
                | Date::Season { year: y, .. }
                | Date::Quarter { year: y, .. } => prop_assert!(YEAR_RANGE.contains(&y)),
                Date::Day(day) => {
                    use chrono::Datelike;
                    prop_assert!(YEAR_RANGE.contains(&day.year()), "{day}");
                }
                Date::Century(_) | Date::Decade(_) => {}
            }
        }
    }

    #[test]
    fn extract_quotes_only_spans_of_the_text(text in news_text(), dct in dct()) {
        check_sources(&text, dct);
    }
}

/// Extracts events from `text` and checks each source against the text:
/// its char span is inside it and is the quoted sentence (whitespace
/// unwrapped), on the line given. Returns the number of sources.
fn check_sources(text: &str, dct: Option<NaiveDate>) -> usize {
    let tagged = tag_document(text, dct).unwrap();
    let ex = extract(
        Article {
            name: "a.txt",
            text,
        },
        &tagged,
    );
    let chars = text.chars().count();
    let lines = text.lines().count().max(1);
    let mut n = 0;
    for s in ex.events.iter().flat_map(|e| &e.sources) {
        n += 1;
        assert!(
            s.span.0 <= s.span.1 && s.span.1 <= chars,
            "{s:?} in {chars} chars"
        );
        assert!((1..=lines).contains(&s.line), "{s:?} in {lines} lines");
        let spanned: String = text
            .chars()
            .skip(s.span.0)
            .take(s.span.1 - s.span.0)
            .collect();
        assert_eq!(
            spanned.split_whitespace().collect::<Vec<_>>().join(" "),
            s.quote
        );
        let newlines = text.chars().take(s.span.0).filter(|&c| c == '\n').count();
        assert_eq!(s.line, 1 + newlines, "{s:?}");
    }
    n
}

#[test]
fn sources_agree_with_a_text_of_wide_chars_and_crlf_lines() {
    let text = "Le président “Aliyev” a visité Bakou.\r\nTürkiye 日本 🎉: the war concluded\r\nwith a statement on November 10, 2020.\r\n\r\nJoint drills were held in September 2021 in Baku. Über 3 people attended.\n";
    assert!(check_sources(text, NaiveDate::from_ymd_opt(2023, 11, 2)) >= 2);
}

#[test]
fn sources_agree_with_the_seed_article() {
    let text = include_str!("../seeds/000_5da06e75f2e99931.txt");
    assert!(check_sources(text, None) >= 4);
}

proptest! {
    // Rendering lays out text with a real font: keep the case count modest.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_valid_timeline_renders_well_formed_svg(t in timeline_gen::timeline(0..12), dark in any::<bool>(), width in 200u32..2000) {
        // The generated timeline is valid: it survives its own file format.
        let yaml = to_yaml(&t);
        if let Err(e) = from_yaml(&yaml, "t.yaml") {
            panic!("generated timeline does not load: {e:?}\n{yaml}");
        }
        let opts = RenderOptions {
            width,
            theme: if dark { Theme::Dark } else { Theme::Light },
            title: None,
            ..RenderOptions::default()
        };
        assert_well_formed_svg(&svg(&t, &opts).unwrap());
    }
}

#[test]
fn the_seed_timeline_renders_well_formed_svg() {
    let yaml = include_str!("../data/000_5da06e75f2e99931.yaml");
    let t = from_yaml(yaml, "seed.yaml").unwrap();
    assert_well_formed_svg(&svg(&t, &RenderOptions::default()).unwrap());
}
