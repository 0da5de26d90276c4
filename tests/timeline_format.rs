//! The YAML format: canonical output, typed dates, `fmt`, the schema.

use timeline::date::{Date, DateSpec};
use timeline::timeline::{Event, HEADER, Rgb, Timeline, When, format, from_yaml, schema, to_yaml};

const CANONICAL: &str = include_str!("fixtures/timeline/canonical.yaml");

#[test]
fn canonical_file_round_trips_byte_for_byte() {
    let t = from_yaml(CANONICAL, "canonical.yaml").unwrap();
    assert_eq!(to_yaml(&t), CANONICAL);
    assert_eq!(format(CANONICAL, "canonical.yaml").unwrap(), CANONICAL);
}

#[test]
fn colours_are_written_sorted_lower_case_and_keep_their_comments() {
    let src = "version: 1\ncolors:\n  war: \"#FA0\" # loud\n  # the calm one\n  peace: '#0072B2'\nevents: []\n";
    assert_eq!(
        format(src, "t.yaml").unwrap(),
        format!(
            "{HEADER}\nversion: 1\ncolors:\n  # the calm one\n  peace: \"#0072b2\"\n  war: \"#ffaa00\" # loud\nevents: []\ndeleted: []\n"
        )
    );
}

#[test]
fn canonical_file_reads_as_expected() {
    let t = from_yaml(CANONICAL, "canonical.yaml").unwrap();
    assert_eq!(t.version, 1);
    assert_eq!(
        t.title.as_deref(),
        Some("Pakistan–Azerbaijan military ties")
    );
    assert_eq!(t.events.len(), 6);
    assert_eq!(t.colors.len(), 2);
    assert_eq!(t.colors["conflict"], Rgb(0xd5, 0x5e, 0x00));
    assert_eq!(
        t.events[0].when,
        When::Between {
            start: Some(Date::Year(1991).into()),
            end: Some(Date::Year(2020).into()),
        }
    );
    assert!(t.events[0].inferred);
    assert_eq!(t.events[1].sources[0].span, (5120, 5300));
    assert_eq!(t.events[2].title, "Joint drills \"Three Brothers\"");
    assert_eq!(
        t.events[2].when,
        When::On(Date::month(2021, 9).unwrap().into())
    );
    assert_eq!(
        t.events[3].when,
        When::Between {
            start: Some(Date::day(2023, 11, 2).unwrap().into()),
            end: None
        }
    );
    let bc = match t.events[4].when {
        When::On(d) => d,
        _ => panic!("not a date"),
    };
    assert!(bc.approximate);
    assert_eq!(bc.date.human(), "44 BC");
    assert_eq!(t.events[5].title, "yes");
    assert_eq!(t.deleted, ["e-2000-removed"]);
}

#[test]
fn hand_typed_dates_are_normalised_by_fmt() {
    let src = "\
version: 1
events:
  - id: a
    when: Nov 10, 2020
    title: A
  - id: b
    when: 10 November 2020
    title: B
  - id: c
    when: September 2021
    title: C
  - id: d
    when: c. 1990
    title: D
  - id: e
    when: 2020-11-10T14:00Z
    title: E
  - id: f
    when: 1991
    title: F
  - id: g
    when: 2020-11-10
    title: G
  - id: h
    when: 1991/..
    title: H
  - id: i
    when: {end: 2021?}
    title: I
  - id: j
    when: 44 BC
    title: J
";
    let out = format(src, "t.yaml").unwrap();
    let whens: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim().strip_prefix("when: "))
        .collect();
    assert_eq!(
        whens,
        [
            "\"2020-11-10\"",
            "\"2020-11-10\"",
            "\"2021-09\"",
            "\"1990~\"",
            "\"2020-11-10\"",
            "\"1991\"",
            "\"2020-11-10\"",
            "{start: \"1991\"}",
            "{end: \"2021?\"}",
            "\"-0043\"",
        ]
    );
    // fmt is idempotent.
    assert_eq!(format(&out, "t.yaml").unwrap(), out);
}

#[test]
fn fmt_keeps_every_comment_next_to_its_node() {
    let src = "\
# Reviewed by A.
version: 1   # do not change
events:
  # the big one
  - title: \"A # not a comment\"
    id: a        # mine
    when:
      start: c. 1990   # roughly
      end: 1995
    tags: []  # none yet
  - {id: b, when: 2001, title: B}  # flow event
deleted: [x, z]   # gone
# the end
";
    let out = format(src, "t.yaml").unwrap();
    assert_eq!(
        out,
        "\
# timeline: edit freely; `timeline build` keeps your edits (`timeline schema` describes the format).
# Reviewed by A.
version: 1   # do not change
events:
  # the big one
  # none yet
  - id: a        # mine
    when: {start: \"1990~\", end: \"1995\"}   # roughly
    title: \"A # not a comment\"
  - id: b  # flow event
    when: \"2001\"
    title: B
deleted:   # gone
  - x
  - z
generated:
  - a
  - b
  - x
  - z
# the end
"
    );
    // Idempotent, comments included.
    assert_eq!(format(&out, "t.yaml").unwrap(), out);
}

#[test]
fn strings_that_look_like_other_types_are_quoted() {
    let mut t = Timeline {
        version: 1,
        ..Timeline::default()
    };
    for (i, title) in [
        "1991", "true", "null", "- x", "a: b", "#x", " pad", "0x1F", "~", "",
    ]
    .into_iter()
    .enumerate()
    {
        t.events.push(Event {
            id: format!("e-{i}"),
            when: When::On(DateSpec::exact(Date::Year(2000))),
            title: format!("{title}!"),
            tags: vec!["a,b".into(), "plain".into()],
            inferred: false,
            confidence: Some(1.0),
            sources: vec![],
        });
        t.events.push(Event {
            id: format!("f-{i}"),
            title: title.to_string() + "x",
            ..t.events[t.events.len() - 1].clone()
        });
    }
    t.events.retain(|e| !e.title.trim().is_empty());
    let y = to_yaml(&t);
    assert!(y.contains("tags: [\"a,b\", plain]"), "{y}");
    assert!(y.contains("title: \"- x!\""), "{y}");
    assert!(y.contains("title: \" padx\""), "{y}");
    assert_eq!(from_yaml(&y, "t.yaml").unwrap(), t);
}

#[test]
fn schema_is_deterministic_json_schema() {
    let s = schema();
    insta::with_settings!({snapshot_path => "fixtures/timeline/snapshots"}, {
        insta::assert_snapshot!(s);
    });
    assert_eq!(s, schema());
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let required: Vec<&str> = v["$defs"]["event"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(required, ["id", "when", "title"]);
    let props: Vec<&String> = v["properties"].as_object().unwrap().keys().collect();
    assert_eq!(
        props,
        [
            "colors",
            "deleted",
            "events",
            "generated",
            "title",
            "version"
        ]
    );
}

/// The example in the module docs (copied into the README) is a valid file.
#[test]
fn documented_example_loads() {
    let docs = include_str!("../src/timeline/mod.rs");
    let example: String = docs
        .lines()
        .skip_while(|l| *l != "//! ```yaml")
        .skip(1)
        .take_while(|l| *l != "//! ```")
        .map(|l| format!("{}\n", l.strip_prefix("//! ").unwrap_or("")))
        .collect();
    let t = from_yaml(&example, "example.yaml").unwrap();
    assert_eq!(t.events.len(), 4);
    assert_eq!(t.events[3].id, "e-1990-ceasefire-talks");
    for e in &t.events {
        assert_eq!(timeline::timeline::event_id(&e.when, &e.title), e.id);
    }
    // Formatting keeps its comments.
    let out = format(&example, "example.yaml").unwrap();
    assert!(out.contains("# typed forms are fine"), "{out}");
    assert!(out.contains("when: \"1990~\""), "{out}");
}
