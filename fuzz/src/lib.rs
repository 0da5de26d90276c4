//! Shared checks for the fuzz targets in `src/bin/`.
//!
//! Each target feeds arbitrary bytes to one stage of the pipeline and
//! panics (which AFL++ records as a crash) when an invariant breaks. The
//! same checks run as ordinary tests in `tests/fuzz_regressions.rs` of the
//! main crate, so a crash found here becomes a regression test there.

use chrono::NaiveDate;
use timeline::events::{Article, extract};
use timeline::tagger::{Tagged, tag_document};
use timeline::timeline::{Timeline, format, from_yaml, from_yaml_bytes, to_yaml};

/// The document date used when the target passes a fixed one.
pub fn fixed_dct() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 11, 2).unwrap_or_default()
}

/// Tags `text` and checks that every timex span is a non-empty range of
/// char boundaries inside the text and that every resolved date is valid.
pub fn check_tagger(text: &str, dct: Option<NaiveDate>) -> Tagged {
    let tagged = tag_document(text, dct).expect("the bundled tagger rules load");
    for t in &tagged.timexes {
        assert!(t.start < t.end, "empty or reversed span {t:?}");
        assert!(t.end <= text.len(), "span past end of text {t:?}");
        assert!(
            text.is_char_boundary(t.start),
            "start not on char boundary {t:?}"
        );
        assert!(
            text.is_char_boundary(t.end),
            "end not on char boundary {t:?}"
        );
        if let Some(d) = t.value.as_date() {
            // first_day/last_day build chrono dates; a bad Date panics or
            // gives an end before the start.
            assert!(d.first_day() <= d.last_day(), "bad date {d:?} in {t:?}");
        }
        if let Some(link) = t.range {
            assert!(
                link.partner < tagged.timexes.len(),
                "dangling range link {t:?}"
            );
        }
    }
    tagged
}

/// Tags and extracts events from `text`; checks every source span lies
/// inside the text (spans count chars) and its line number exists.
pub fn check_events(text: &str, dct: Option<NaiveDate>) {
    let tagged = check_tagger(text, dct);
    let ex = extract(
        Article {
            name: "f.txt",
            text,
        },
        &tagged,
    );
    let chars = text.chars().count();
    let lines = text.lines().count().max(1);
    for e in &ex.events {
        for s in &e.sources {
            assert!(s.span.0 <= s.span.1, "reversed source span {s:?}");
            assert!(
                s.span.1 <= chars,
                "source span past end ({chars} chars) {s:?}"
            );
            assert!(
                s.line >= 1 && s.line <= lines,
                "line out of range ({lines}) {s:?}"
            );
        }
    }
}

/// Loads bytes as a timeline; when it loads, writing and re-reading it
/// must give the same timeline, and `format` (`timeline fmt`) must give a
/// fixed point that loads as the same timeline. Returns the timeline.
pub fn check_yaml(bytes: &[u8]) -> Option<Timeline> {
    let t = from_yaml_bytes(bytes, "f.yaml").ok()?;
    let yaml = to_yaml(&t);
    match from_yaml(&yaml, "f.yaml") {
        Ok(again) => assert_eq!(again, t, "round trip changed the timeline:\n{yaml}"),
        Err(e) => panic!("to_yaml wrote a file that does not load: {e:?}\n{yaml}"),
    }
    if let Ok(src) = std::str::from_utf8(bytes) {
        let formatted = match format(src, "f.yaml") {
            Ok(f) => f,
            Err(e) => panic!("a file that loads does not format: {e:?}"),
        };
        match from_yaml(&formatted, "f.yaml") {
            Ok(again) => assert_eq!(again, t, "fmt changed the timeline:\n{formatted}"),
            Err(e) => panic!("fmt wrote a file that does not load: {e:?}\n{formatted}"),
        }
        match format(&formatted, "f.yaml") {
            Ok(twice) => assert_eq!(twice, formatted, "fmt is not a fixed point"),
            Err(e) => panic!("fmt output does not format: {e:?}\n{formatted}"),
        }
    }
    Some(t)
}

/// Renders `t` and checks the SVG is a whole document.
pub fn check_render(t: &Timeline) {
    let svg = timeline::render::svg(t, &Default::default()).expect("the chart renders");
    let head = svg.trim_start();
    assert!(
        head.starts_with("<svg") || head.starts_with("<?xml"),
        "SVG does not start with <svg or <?xml: {}",
        svg.chars().take(80).collect::<String>()
    );
    assert!(
        svg.trim_end().ends_with("</svg>"),
        "SVG does not end with </svg>"
    );
    match roxmltree::Document::parse(&svg) {
        Ok(doc) => assert_eq!(doc.root_element().tag_name().name(), "svg"),
        Err(e) => panic!("SVG is not well-formed XML: {e}\n{svg}"),
    }
}

/// Builds a valid timeline straight from fuzz bytes, so the render target
/// reaches the layout even when the bytes are not YAML: one event per
/// line; a line's first bytes choose the date (precision, year across the
/// whole supported range, month, day, flags, interval ends) and the rest,
/// read as lossy UTF-8, is the title and tags.
pub fn timeline_from_bytes(bytes: &[u8]) -> Timeline {
    use timeline::date::{Date, DateSpec};
    use timeline::timeline::{Event, When};

    fn date(b: &[u8]) -> DateSpec {
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        let raw = i32::from(i16::from_le_bytes([at(1), at(2)]));
        let year = raw.clamp(-9999, 9999);
        let month = u32::from(at(3) % 12) + 1;
        let day = u32::from(at(3) / 12 % 31) + 1;
        let d = match at(0) % 5 {
            0 => Date::year(year),
            1 => Date::month(year, month),
            2 => Date::day(year, month, day).or_else(|_| Date::day(year, month, 28)),
            3 => Ok(Date::Decade(year.div_euclid(10))),
            _ => Ok(Date::Century(year.div_euclid(100))),
        };
        DateSpec {
            date: d.unwrap_or(Date::Year(2000)),
            approximate: at(0) & 0x40 != 0,
            uncertain: at(0) & 0x80 != 0,
        }
    }

    let mut lines = bytes.split(|&b| b == b'\n');
    let title = lines
        .next()
        .map(|l| String::from_utf8_lossy(l).trim().to_string())
        .filter(|s| !s.is_empty());
    let events = lines
        .take(64)
        .enumerate()
        .map(|(i, line)| {
            let kind = line.first().copied().unwrap_or(0);
            let a = date(line.get(1..).unwrap_or_default());
            let b = date(line.get(5..).unwrap_or_default());
            let when = match kind % 4 {
                0 => When::On(a),
                1 => When::Between {
                    start: Some(a.min(b)),
                    end: Some(a.max(b)),
                },
                2 => When::Between {
                    start: Some(a),
                    end: None,
                },
                _ => When::Between {
                    start: None,
                    end: Some(a),
                },
            };
            let rest = String::from_utf8_lossy(line.get(9..).unwrap_or_default()).into_owned();
            let mut parts = rest.split('|');
            let title = parts.next().unwrap_or_default().trim().to_string();
            Event {
                id: format!("e-{i}"),
                when,
                title: if title.is_empty() { "x".into() } else { title },
                tags: parts
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
                inferred: kind & 0x10 != 0,
                confidence: (kind & 0x20 != 0).then(|| f64::from(kind & 0x0f) / 15.0),
                sources: Vec::new(),
            }
        })
        .collect();
    Timeline {
        version: timeline::timeline::FORMAT_VERSION,
        title,
        colors: Default::default(),
        events,
        deleted: Vec::new(),
    }
}
