//! Every problem in a timeline file is reported at once, with position,
//! source line, caret and hint; the text is part of the interface.

use timeline::timeline::{from_yaml, from_yaml_bytes};

fn errors(src: &str) -> String {
    match from_yaml(src, "t.yaml") {
        Ok(_) => panic!("loaded without error"),
        Err(e) => e.to_string(),
    }
}

/// Only the first lines of each diagnostic (`file:line:col: error: msg`).
fn headlines(src: &str) -> Vec<String> {
    let Err(d) = from_yaml(src, "t.yaml") else {
        panic!("loaded without error");
    };
    d.0.iter()
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn all_problems_of_a_file_at_once() {
    let src = include_str!("fixtures/timeline/errors.yaml");
    insta::with_settings!({snapshot_path => "fixtures/timeline/snapshots"}, {
        insta::assert_snapshot!(from_yaml(src, "errors.yaml").unwrap_err().to_string());
    });
}

#[test]
fn unknown_key_with_did_you_mean() {
    let src = "version: 1\nevents:\n  - id: a\n    when: 1991\n    titel: A\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:3:5: error: an event is missing required key `title`
  |
3 |   - id: a
  |     ^
  = hint: add `title: The war ends`

t.yaml:5:5: error: unknown key `titel` in an event
  |
5 |     titel: A
  |     ^^^^^
  = hint: did you mean `title`?"
    );
}

#[test]
fn unknown_key_far_from_any_lists_the_keys() {
    let src = "version: 1\nevents: []\nbanner: red\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:3:1: error: unknown key `banner` in the timeline
  |
3 | banner: red
  | ^^^^^^
  = hint: the timeline keys are: version, title, colors, events, deleted, generated"
    );
}

#[test]
fn colours_are_checked_where_they_are_written() {
    let src = "version: 1\ncolour: {a: \"#fff\"}\ncolors:\n  conflict: \"#d55e0\"\n  war: #d55e00\n  peace: [1]\n  conflict: \"#000\"\nevents: []\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:2:1: error: unknown key `colour` in the timeline
  |
2 | colour: {a: \"#fff\"}
  | ^^^^^^
  = hint: did you mean `colors`?

t.yaml:4:13: error: `#d55e0` is not a colour
  |
4 |   conflict: \"#d55e0\"
  |             ^^^^^^^^
  = hint: write a colour as \"#rrggbb\" or \"#rgb\", quoted, e.g. `conflict: \"#d55e00\"`

t.yaml:5:8: error: the colour of `war` is missing
  |
5 |   war: #d55e00
  |        ^^^^^^^
  = hint: write a colour as \"#rrggbb\" or \"#rgb\", quoted, e.g. `war: \"#d55e00\"` (unquoted, `#` starts a comment)

t.yaml:6:10: error: `peace` must be a colour, found a list
  |
6 |   peace: [1]
  |          ^^^
  = hint: write `peace: \"#d55e00\"`

t.yaml:7:3: error: duplicate colour for tag `conflict`
  |
7 |   conflict: \"#000\"
  |   ^^^^^^^^
  = hint: `conflict` already has a colour at line 4; keep one of them"
    );
}

#[test]
fn interval_that_ends_before_it_starts() {
    let src =
        "version: 1\nevents:\n  - id: a\n    when: {start: 2020-05, end: 2019}\n    title: A\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:4:33: error: the interval ends (2019) before it starts (2020-05)
  |
4 |     when: {start: 2020-05, end: 2019}
  |                                 ^^^^
  = hint: swap `start` and `end`"
    );
    let src = "version: 1\nevents:\n  - id: a\n    when: 2020/2019\n    title: A\n";
    assert_eq!(
        headlines(src),
        ["4:11: the interval ends (2019) before it starts (2020)"]
    );
}

#[test]
fn impossible_day() {
    let src = "version: 1\nevents:\n  - id: a\n    when: \"2021-02-30\"\n    title: A\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:4:11: error: 2021-02 has no day 30
  |
4 |     when: \"2021-02-30\"
  |           ^^^^^^^^^^^^
  = hint: Feb 2021 has 28 days"
    );
    let src = "version: 1\nevents:\n  - id: a\n    when: Feb 30, 2021\n    title: A\n";
    assert_eq!(headlines(src), ["4:11: 2021-02 has no day 30"]);
    let src = "version: 1\nevents:\n  - id: a\n    when: 2021-13\n    title: A\n";
    assert_eq!(
        headlines(src),
        ["4:11: month 13 does not exist in `2021-13`; months run from 01 to 12"]
    );
}

#[test]
fn not_a_date() {
    let src = "version: 1\nevents:\n  - id: a\n    when: last Tuesday\n    title: A\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:4:11: error: `last Tuesday` is not a date
  |
4 |     when: last Tuesday
  |           ^^^^^^^^^^^^
  = hint: write a date such as 2020-11-10, 2021-09, 1991, 1990s, ~1990, 2021?, 10 Nov 2020, summer 2012, Q1 2013 or early 2011, or an interval such as 1991 to 2020"
    );
}

#[test]
fn duplicate_id_points_at_the_first() {
    let src = "version: 1\nevents:\n  - id: a\n    when: 1991\n    title: A\n  - id: a\n    when: 1992\n    title: B\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:6:9: error: duplicate id `a`
  |
6 |   - id: a
  |         ^
  = hint: ids must be unique; the first `a` is at line 3"
    );
}

#[test]
fn duplicate_key() {
    let src = "version: 1\nevents:\n  - id: a\n    when: 1991\n    title: A\n    title: B\n";
    assert_eq!(headlines(src), ["6:5: duplicate key `title` in an event"]);
}

#[test]
fn wrong_types() {
    let src = "\
version: one
title: [a]
events:
  - id: a
    when: [1991]
    title: A
    tags: conflict
    inferred: maybe
    confidence: 2
  - just a string
";
    assert_eq!(
        headlines(src),
        [
            "1:10: `version` must be a whole number ≥ 0, found a string",
            "2:8: `title` must be a string, found a list",
            "5:11: `when` must be a date or {start, end}, found a list",
            "7:11: `tags` must be a list of strings, found a string",
            "8:15: `inferred` must be true or false, found a string",
            "9:17: `confidence` must be between 0 and 1, found 2",
            "10:5: an event must be a mapping with keys id, when, title, tags, inferred, confidence, sources, found a string",
        ]
    );
}

#[test]
fn missing_required_keys() {
    assert_eq!(
        errors("title: T\n"),
        "\
t.yaml:1:1: error: the timeline is missing required key `version`
  |
1 | title: T
  | ^
  = hint: add `version: 1`

t.yaml:1:1: error: the timeline is missing required key `events`
  |
1 | title: T
  | ^
  = hint: add `events: []`"
    );
    assert_eq!(
        headlines("version: 1\nevents:\n  - title: A\n"),
        [
            "3:5: an event is missing required key `id`",
            "3:5: an event is missing required key `when`",
        ]
    );
}

#[test]
fn unsupported_version() {
    assert_eq!(
        headlines("version: 2\nevents: []\n"),
        ["1:10: unsupported format version 2"]
    );
}

#[test]
fn yaml_syntax_error_has_a_position() {
    let src = "version: 1\nevents:\n  - id: \"a\n";
    let d = from_yaml(src, "t.yaml").unwrap_err();
    assert_eq!(d.0.len(), 1);
    assert!(d.0[0].message.starts_with("invalid YAML: "), "{}", d);
    assert_eq!(d.0[0].file, "t.yaml");
}

#[test]
fn empty_and_non_mapping_files() {
    assert_eq!(
        errors(""),
        "t.yaml:1:1: error: the file is empty\n  = hint: a timeline file starts with `version: 1` and `events:`"
    );
    assert_eq!(
        headlines("- a\n- b\n"),
        ["1:1: a timeline file must be a mapping of keys, found a list"]
    );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let bytes = b"version: 1\nevents:\n  - id: caf\xC3\xA9 \xFF\n";
    assert_eq!(
        from_yaml_bytes(bytes, "t.yaml").unwrap_err().to_string(),
        "\
t.yaml:3:14: error: the file is not valid UTF-8 (byte 0xFF)
  |
3 |   - id: café
  |              ^
  = hint: timeline files are UTF-8 text; re-save the file as UTF-8"
    );
}

#[test]
fn valid_bytes_load() {
    let bytes = "\u{feff}version: 1\nevents: []\n".as_bytes();
    assert_eq!(from_yaml_bytes(bytes, "t.yaml").unwrap().version, 1);
}

#[test]
fn columns_count_characters_not_bytes() {
    let src = "version: 1\nevents:\n  - {title: \"café–bar\", when: nope, id: a}\n";
    assert_eq!(
        errors(src),
        "\
t.yaml:3:31: error: `nope` is not a date
  |
3 |   - {title: \"café–bar\", when: nope, id: a}
  |                               ^^^^
  = hint: write a date such as 2020-11-10, 2021-09, 1991, 1990s, ~1990, 2021?, 10 Nov 2020, summer 2012, Q1 2013 or early 2011, or an interval such as 1991 to 2020"
    );
}

/// A tab is reported on its own line and column, wherever the parser
/// noticed it, with the hint to indent with spaces; a syntax error says
/// the other checks wait for it.
#[test]
fn a_tab_is_reported_where_it_is() {
    // The parser notices this tab at the end of line 3.
    insta::assert_snapshot!(errors("version: 1\nevents:\n  - id: a\n\twhen: 1991\n    title: A\n"), @r"
    t.yaml:4:1: error: a tab in the indentation
      |
    4 |  when: 1991
      | ^
      = hint: indent with spaces; YAML does not allow tabs for indentation
      = note: the other checks run once this syntax error is fixed
    ");
    insta::assert_snapshot!(errors("version: 1\nevents:\n\t- id: a\n"), @r"
    t.yaml:3:1: error: a tab in the indentation
      |
    3 |  - id: a
      | ^
      = hint: indent with spaces; YAML does not allow tabs for indentation
      = note: the other checks run once this syntax error is fixed
    ");
    // After spaces, and with CRLF line ends.
    assert_eq!(
        headlines("version: 1\nevents:\n  - id: a\n    when: 1991\n  \t  title: x\n"),
        ["5:3: a tab in the indentation"]
    );
    assert_eq!(
        headlines("version: 1\r\nevents:\r\n  - id: a\r\n\twhen: 1991\r\n"),
        ["4:1: a tab in the indentation"]
    );
    assert_eq!(
        headlines("version: 1\n\tevents: []\n"),
        ["2:1: a tab in the indentation"]
    );
    // A tab between a key and its value is fine YAML.
    assert!(
        from_yaml(
            "version: 1\nevents:\n  - id: a\n    when:\t1991\n    title: A\n",
            "t.yaml"
        )
        .is_ok()
    );
}

#[test]
fn a_syntax_error_says_the_other_checks_wait_for_it() {
    insta::assert_snapshot!(errors("version: 1\nevents:\n  - id: \"a\n    titel: x\n"), @r#"
    t.yaml:3:9: error: invalid YAML: unclosed quote
      |
    3 |   - id: "a
      |         ^
      = hint: check the indentation and quoting around this position
      = note: the other checks run once this syntax error is fixed
    "#);
    // Refusals of the tree stage too: the note comes once, at the end.
    let d = from_yaml("version: 1\nevents: []\na: &x 1\nb: *x\n", "t.yaml").unwrap_err();
    let notes: Vec<_> = d.0.iter().map(|d| d.note.is_some()).collect();
    assert_eq!(notes, [false, true]);
    // Once the file parses, every problem is reported and there is no note.
    let d = from_yaml("version: 1\nevents:\n  - id: a\n    titel: x\n", "t.yaml").unwrap_err();
    assert!(d.0.iter().all(|d| d.note.is_none()));
}
