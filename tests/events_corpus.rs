//! The event corpus: short news-style texts under `tests/corpus/events/`,
//! each with its temporal expressions marked inline and the events it must
//! yield.
//!
//! The expressions are marked by hand, so the corpus tests the event
//! builder alone, whatever the tagger finds. Format:
//!
//! ```text
//! #! dct: 2023-11-02            (optional document date, given)
//! In [[September 2021|2021-09]], the armies held drills.
//! from [[1991|1991 start]] to [[2020|2020 end]]   (a linked range)
//! [[nearly 30 years|P30Y ~]]    (a duration, approximate)
//! [[300|0300 latent]]           (a weak match)
//! [[in the past|PAST_REF]]      (a vague reference)
//! == expect
//! 2021-09 | drills                   (date, then words the title holds)
//! 2021-09 | drills; sources=2        (... and the number of sources)
//! 2021-09 | drills; tag=drill        (... and its only tag)
//! 2020-09-27/2020-11-10 inferred | war
//! 1991/.. | independence             (open end)
//! == dropped
//! in the past                        (an expression --explain must drop)
//! ```
//!
//! Expected events must match exactly (same count, each date with its
//! flags); every title must be at most 90 characters and must not end on
//! a function word.

use std::path::Path;

use timeline::date::{Date, DateSpec};
use timeline::events::{Article, extract};
use timeline::tagger::timex::{
    Derivation, Duration, Modifier, Point, RangeLink, RangeRole, RefPoint, Unit, Within, YearSpan,
};
use timeline::tagger::{Dct, DctSource, Tagged, Timex, TimexType, Value};
use timeline::timeline::{Event, When};

struct Case {
    text: String,
    tagged: Tagged,
    expect: Vec<(String, Vec<String>)>,
    dropped: Vec<String>,
}

fn value_of(v: &str) -> (TimexType, Value) {
    match v {
        "PAST_REF" => return (TimexType::Date, Value::Ref(RefPoint::Past)),
        "FUTURE_REF" => return (TimexType::Date, Value::Ref(RefPoint::Future)),
        "PRESENT_REF" => return (TimexType::Date, Value::Ref(RefPoint::Present)),
        _ => {}
    }
    if let Some(d) = v.strip_prefix('P') {
        let (n, u) = d.split_at(d.len() - 1);
        let unit = match u {
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Y" => Unit::Year,
            _ => panic!("unit {u}"),
        };
        let amount = if n == "X" {
            None
        } else {
            Some(n.parse().unwrap())
        };
        return (
            TimexType::Duration,
            Value::Duration(Duration {
                amount,
                unit,
                half: false,
            }),
        );
    }
    if let Some((y, q)) = v.split_once("-Q") {
        let p = Point {
            year: Some(y.parse().unwrap()),
            span: YearSpan::Year,
            within: Within::Quarter(q.parse().unwrap()),
            time: None,
        };
        return (TimexType::Date, Value::Point(p));
    }
    let date: Date = v.parse().unwrap_or_else(|e| panic!("{v}: {e}"));
    let point = |year, span, within| Point {
        year: Some(year),
        span,
        within,
        time: None,
    };
    let p = match date {
        Date::Century(c) => point(c * 100, YearSpan::Century, Within::Whole),
        Date::Decade(d) => point(d * 10, YearSpan::Decade, Within::Whole),
        Date::Year(y) => point(y, YearSpan::Year, Within::Whole),
        Date::Month { year, month } => point(year, YearSpan::Year, Within::Month(month as u8)),
        Date::Quarter { year, quarter } => {
            point(year, YearSpan::Year, Within::Quarter(quarter as u8))
        }
        Date::Season { year, season } => {
            use timeline::tagger::timex::Season as S;
            let s = match season {
                timeline::date::Season::Spring => S::Spring,
                timeline::date::Season::Summer => S::Summer,
                timeline::date::Season::Autumn => S::Fall,
                timeline::date::Season::Winter => S::Winter,
            };
            point(year, YearSpan::Year, Within::Season(s))
        }
        Date::Day(d) => {
            use chrono::Datelike;
            point(
                d.year(),
                YearSpan::Year,
                Within::Day {
                    month: d.month() as u8,
                    day: d.day() as u8,
                },
            )
        }
    };
    (TimexType::Date, Value::Point(p))
}

fn parse_case(src: &str) -> Case {
    let (body, tail) = src
        .split_once("== expect\n")
        .expect("an `== expect` section");
    let (expect_src, dropped_src) = tail.split_once("== dropped\n").unwrap_or((tail, ""));
    let mut dct = None;
    let mut text = String::new();
    let mut timexes: Vec<Timex> = Vec::new();
    let mut open_start: Option<usize> = None;
    let mut plain = String::new();
    for line in body.split_inclusive('\n') {
        match line.strip_prefix("#! dct:") {
            Some(d) => dct = Some(d.trim().parse::<chrono::NaiveDate>().unwrap()),
            None => plain.push_str(line),
        }
    }
    let mut rest = plain.as_str();
    while let Some(i) = rest.find("[[") {
        text.push_str(&rest[..i]);
        let j = rest[i..].find("]]").expect("closing ]]") + i;
        let (surface, spec) = rest[i + 2..j].split_once('|').expect("text|value");
        let mut parts = spec.split_whitespace();
        let (kind, value) = value_of(parts.next().unwrap());
        let start = text.len();
        text.push_str(surface);
        let mut t = Timex {
            start,
            end: text.len(),
            kind,
            value,
            modifier: None,
            latent: false,
            range: None,
            derivation: Derivation::explicit("corpus.marked"),
        };
        for p in parts {
            match p {
                "~" => t.modifier = Some(Modifier::Approx),
                "before" => t.modifier = Some(Modifier::Before),
                "after" => t.modifier = Some(Modifier::After),
                "latent" => t.latent = true,
                "start" => open_start = Some(timexes.len()),
                "end" => {
                    let s = open_start.take().expect("a start before an end");
                    let me = timexes.len();
                    t.range = Some(RangeLink {
                        partner: s,
                        role: RangeRole::End,
                    });
                    timexes[s].range = Some(RangeLink {
                        partner: me,
                        role: RangeRole::Start,
                    });
                }
                r if r.starts_with("rule=") => t.derivation.rule = r[5..].into(),
                other => panic!("unknown flag {other}"),
            }
        }
        timexes.push(t);
        rest = &rest[j + 2..];
    }
    text.push_str(rest);
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    let expect = lines(expect_src)
        .into_iter()
        .map(|l| {
            let (when, words) = l.split_once('|').unwrap_or((&l, ""));
            let words = words
                .split(';')
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            (when.trim().to_string(), words)
        })
        .collect();
    Case {
        tagged: Tagged {
            dct: dct.map(|date| Dct {
                date,
                source: DctSource::Given,
            }),
            timexes,
            warnings: Vec::new(),
        },
        text,
        expect,
        dropped: lines(dropped_src),
    }
}

fn spec_str(d: &Option<DateSpec>) -> String {
    d.map_or("..".to_string(), |d| d.to_string())
}

/// `2021-09`, `1991/2020`, `1991/..`, with ` inferred` when inferred.
fn when_str(e: &Event) -> String {
    let w = match &e.when {
        When::On(d) => d.to_string(),
        When::Between { start, end } => format!("{}/{}", spec_str(start), spec_str(end)),
    };
    if e.inferred {
        format!("{w} inferred")
    } else {
        w
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "from", "with", "by",
];

fn check(name: &str, src: &str) -> Vec<String> {
    let case = parse_case(src);
    let x = extract(
        Article {
            name,
            text: &case.text,
        },
        &case.tagged,
    );
    let mut errors = Vec::new();
    let got: Vec<String> = x
        .events
        .iter()
        .map(|e| format!("{} | {}", when_str(e), e.title))
        .collect();
    if x.events.len() != case.expect.len() {
        errors.push(format!(
            "{name}: expected {} events, got {}",
            case.expect.len(),
            x.events.len()
        ));
    }
    for (when, words) in &case.expect {
        let hit = x.events.iter().any(|e| {
            when_str(e) == *when
                && words.iter().all(|w| {
                    if let Some(n) = w.strip_prefix("sources=") {
                        e.sources.len().to_string() == n
                    } else if let Some(t) = w.strip_prefix("tag=") {
                        e.tags == [t]
                    } else {
                        e.title.to_lowercase().contains(&w.to_lowercase())
                    }
                })
        });
        if !hit {
            errors.push(format!("{name}: no event `{when} | {}`", words.join("; ")));
        }
    }
    for e in &x.events {
        let last = e.title.split_whitespace().last().unwrap_or("");
        if e.title.chars().count() > 90 || FUNCTION_WORDS.contains(&last.to_lowercase().as_str()) {
            errors.push(format!("{name}: bad title {:?}", e.title));
        }
        if !e.id.starts_with("e-") || e.sources.is_empty() {
            errors.push(format!("{name}: bad id or sources in {e:?}"));
        }
    }
    for d in &case.dropped {
        let needle = format!("dropped {d:?}");
        if !x.explanation.iter().any(|l| l.starts_with(&needle)) {
            errors.push(format!("{name}: `{d}` not reported as dropped"));
        }
    }
    if std::env::var_os("EVENTS_SHOW").is_some() {
        eprintln!("{name}:\n  {}", got.join("\n  "));
    }
    if !errors.is_empty() {
        errors.push(format!("{name}: got\n  {}", got.join("\n  ")));
        errors.push(format!(
            "{name}: explanation\n  {}",
            x.explanation.join("\n  ")
        ));
    }
    errors
}

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/events");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut errors = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        errors.extend(check(&name, &src));
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // Whole extractions, for review of every title and explanation.
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        let case = parse_case(&src);
        let x = extract(
            Article {
                name: &name,
                text: &case.text,
            },
            &case.tagged,
        );
        let mut out = String::new();
        for e in &x.events {
            out.push_str(&format!(
                "{} | {} | tags {:?} | lines {:?}\n",
                when_str(e),
                e.title,
                e.tags,
                e.sources.iter().map(|s| s.line).collect::<Vec<_>>()
            ));
        }
        out.push_str("--\n");
        out.push_str(&x.explanation.join("\n"));
        insta::with_settings!({snapshot_path => "corpus/events/snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, out);
        });
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(files.len() >= 10, "corpus too small: {}", files.len());
}

#[test]
fn marked_text_is_stripped_and_ranges_linked() {
    let c = parse_case("from [[1991|1991 start]] to [[2020|2020 end]].\n== expect\n");
    assert_eq!(c.text, "from 1991 to 2020.\n");
    assert_eq!(c.tagged.timexes[0].range.unwrap().partner, 1);
    assert_eq!(c.tagged.timexes[1].range.unwrap().role, RangeRole::End);
    assert_eq!(
        &c.text[c.tagged.timexes[1].start..c.tagged.timexes[1].end],
        "2020"
    );
}
