//! Dates typed as people type them: each accepted form reads whole, is
//! written back as EDTF by `timeline fmt`, and reads back as the same
//! value; everything else is an error with a hint, never a partial read.

use proptest::prelude::*;
use timeline::date::{Date, DateSpec};
use timeline::timeline::{When, format, from_yaml, parse_when, to_yaml};

/// A one-event file whose `when:` is `typed`, as a person would write it.
fn file(typed: &str) -> String {
    format!("version: 1\nevents:\n  - id: e-1\n    when: {typed}\n    title: Something happened\n")
}

/// `typed` loads, `fmt` writes `canonical` as its `when:` line, and the
/// formatted file loads to the same timeline and is a fixed point.
fn typed_form(typed: &str, canonical: &str) {
    let src = file(typed);
    let t = from_yaml(&src, "t.yaml").unwrap_or_else(|e| panic!("{typed}:\n{e}"));
    let out = format(&src, "t.yaml").unwrap();
    let when = out
        .lines()
        .find_map(|l| l.strip_prefix("    when: "))
        .unwrap();
    assert_eq!(when, canonical, "{typed}");
    assert_eq!(from_yaml(&out, "t.yaml").unwrap(), t, "{typed}");
    assert_eq!(format(&out, "t.yaml").unwrap(), out, "{typed}");
    assert_eq!(to_yaml(&t), to_yaml(&from_yaml(&out, "t.yaml").unwrap()));
}

/// The full error text for a file whose `when:` is `typed`.
fn error(typed: &str) -> String {
    match from_yaml(&file(typed), "t.yaml") {
        Ok(t) => panic!("`{typed}` loaded as {:?}", t.events[0].when),
        Err(e) => e.to_string(),
    }
}

// Intervals.

#[test]
fn en_dash_years() {
    typed_form("1991–2020", r#"{start: "1991", end: "2020"}"#);
}

#[test]
fn hyphen_years() {
    typed_form("1991-2020", r#"{start: "1991", end: "2020"}"#);
}

#[test]
fn years_with_to() {
    typed_form("1991 to 2020", r#"{start: "1991", end: "2020"}"#);
    typed_form("from 1991 to 2020", r#"{start: "1991", end: "2020"}"#);
    typed_form("between 1991 and 2020", r#"{start: "1991", end: "2020"}"#);
    typed_form("1991 until 2020", r#"{start: "1991", end: "2020"}"#);
}

#[test]
fn days_with_to_are_read_whole_not_as_their_start() {
    typed_form(
        "2013-03-22 to 2013-03-24",
        r#"{start: "2013-03-22", end: "2013-03-24"}"#,
    );
    typed_form(
        "2013-03-22 – 2013-03-24",
        r#"{start: "2013-03-22", end: "2013-03-24"}"#,
    );
}

#[test]
fn two_digit_end_year() {
    typed_form("1957-58", r#"{start: "1957", end: "1958"}"#);
    typed_form("1999-00", r#"{start: "1999", end: "2000"}"#);
    typed_form("2021/22", r#"{start: "2021", end: "2022"}"#);
}

#[test]
fn days_of_one_month() {
    typed_form(
        "March 18-24, 2013",
        r#"{start: "2013-03-18", end: "2013-03-24"}"#,
    );
    typed_form(
        "18–24 March 2013",
        r#"{start: "2013-03-18", end: "2013-03-24"}"#,
    );
    typed_form(
        "March 28 – April 2, 2013",
        r#"{start: "2013-03-28", end: "2013-04-02"}"#,
    );
    typed_form("March–May 2013", r#"{start: "2013-03", end: "2013-05"}"#);
}

#[test]
fn open_intervals() {
    typed_form("since 1991", r#"{start: "1991"}"#);
    typed_form("until June 2012", r#"{end: "2012-06"}"#);
    typed_form("1991/..", r#"{start: "1991"}"#);
}

// Qualified dates.

#[test]
fn early_year() {
    typed_form("early 2011", r#"{start: "2011-01~", end: "2011-04~"}"#);
}

#[test]
fn late_month() {
    typed_form(
        "late July 2012",
        r#"{start: "2012-07-21~", end: "2012-07-31~"}"#,
    );
    typed_form(
        "late Feb 2020",
        r#"{start: "2020-02-21~", end: "2020-02-29~"}"#,
    );
}

#[test]
fn mid_decade() {
    typed_form("mid-1990s", r#"{start: "1994~", end: "1996~"}"#);
    typed_form("the early 1990s", r#"{start: "1990~", end: "1993~"}"#);
    typed_form("late 20th century", r#"{start: "197X~", end: "199X~"}"#);
}

#[test]
fn season() {
    typed_form("summer 2012", r#""2012-22""#);
    typed_form("Spring 2012", r#""2012-21""#);
    typed_form("fall 2012", r#""2012-23""#);
    typed_form("winter 2012-13", r#""2012-24""#);
    typed_form(r#""2012-22""#, r#""2012-22""#);
}

#[test]
fn quarter() {
    typed_form("Q1 2013", r#""2013-33""#);
    typed_form("2013-Q4", r#""2013-36""#);
    typed_form("the first quarter of 2013", r#""2013-33""#);
    typed_form(r#""2013-34""#, r#""2013-34""#);
}

#[test]
fn half() {
    typed_form("H1 2013", r#"{start: "2013-01", end: "2013-06"}"#);
    typed_form(
        "the second half of 2013",
        r#"{start: "2013-07", end: "2013-12"}"#,
    );
}

// Single dates.

#[test]
fn unpadded_month() {
    typed_form("2021-9", r#""2021-09""#);
    typed_form("2021-9-5", r#""2021-09-05""#);
    typed_form("9/2021", r#""2021-09""#);
}

#[test]
fn day_first_with_dots() {
    typed_form("22.03.2013", r#""2013-03-22""#);
    typed_form("1.2.2013", r#""2013-02-01""#);
}

#[test]
fn numeric_dates_that_read_one_way() {
    typed_form("22/03/2013", r#""2013-03-22""#);
    typed_form("03/22/2013", r#""2013-03-22""#);
    typed_form("05/05/2020", r#""2020-05-05""#);
}

#[test]
fn existing_forms_are_unchanged() {
    for (typed, canonical) in [
        ("\"2020-11-10\"", "\"2020-11-10\""),
        ("2020-11-10", "\"2020-11-10\""),
        ("1991", "\"1991\""),
        ("\"2021-09\"", "\"2021-09\""),
        ("Nov 10, 2020", "\"2020-11-10\""),
        ("Tuesday, November 10th, 2020", "\"2020-11-10\""),
        ("c. 1990", "\"1990~\""),
        ("1990s", "\"199X\""),
        ("44 BC", "\"-0043\""),
        ("\"2021%\"", "\"2021%\""),
        ("1991/2020", r#"{start: "1991", end: "2020"}"#),
    ] {
        typed_form(typed, canonical);
    }
}

#[test]
fn a_zone_offset_is_converted_to_utc_before_the_date_is_taken() {
    typed_form("2020-11-10T14:00Z", r#""2020-11-10""#);
    typed_form("2020-11-10T02:00+05:00", r#""2020-11-09""#);
    typed_form("2020-11-10T22:30-03:00", r#""2020-11-11""#);
    typed_form("2020-11-10T23:59:59+14:00", r#""2020-11-10""#);
    // No zone is UTC, never the machine's zone.
    typed_form("2020-11-10 23:30", r#""2020-11-10""#);
}

// Errors: whole or not at all, each with a hint.

#[test]
fn ambiguous_numeric_date_names_both_readings() {
    insta::assert_snapshot!(error("10/11/2020"), @r"
    t.yaml:4:11: error: `10/11/2020` is ambiguous: 10 Nov 2020 (day first) or 11 Oct 2020 (month first)
      |
    4 |     when: 10/11/2020
      |           ^^^^^^^^^^
      = hint: write 2020-11-10 or 2020-10-11
    ");
}

#[test]
fn text_after_a_date_is_an_error_not_ignored() {
    insta::assert_snapshot!(error("2020-11-10 garbage"), @r"
    t.yaml:4:11: error: `2020-11-10 garbage` has `garbage` after the date `2020-11-10`
      |
    4 |     when: 2020-11-10 garbage
      |           ^^^^^^^^^^^^^^^^^^
      = hint: remove `garbage`; a note on the date belongs in a comment (`# ...`)
    ");
    insta::assert_snapshot!(error("Nov 10, 2020 at noon"), @r"
    t.yaml:4:11: error: `Nov 10, 2020 at noon` has `at noon` after the date `Nov 10, 2020`
      |
    4 |     when: Nov 10, 2020 at noon
      |           ^^^^^^^^^^^^^^^^^^^^
      = hint: remove `at noon`; a note on the date belongs in a comment (`# ...`)
    ");
    insta::assert_snapshot!(error("2020-11-10T14:00 PST"), @r"
    t.yaml:4:11: error: `2020-11-10T14:00 PST` has `PST` after the date `2020-11-10T14:00`
      |
    4 |     when: 2020-11-10T14:00 PST
      |           ^^^^^^^^^^^^^^^^^^^^
      = hint: write the zone as Z or an offset such as +05:00, or remove `PST`
    ");
}

#[test]
fn clock_times_are_validated() {
    insta::assert_snapshot!(error("2020-11-10T25:00"), @r"
    t.yaml:4:11: error: hour 25 does not exist in `2020-11-10T25:00`
      |
    4 |     when: 2020-11-10T25:00
      |           ^^^^^^^^^^^^^^^^
      = hint: write a time as 2020-11-10T14:00Z or 2020-11-10T14:00+05:00 (hours 00–23, offsets up to ±14:00)
    ");
    insta::assert_snapshot!(error("2020-11-10T12:00+15:00"), @r"
    t.yaml:4:11: error: offset +15:00 is beyond ±14:00 in `2020-11-10T12:00+15:00`
      |
    4 |     when: 2020-11-10T12:00+15:00
      |           ^^^^^^^^^^^^^^^^^^^^^^
      = hint: write a time as 2020-11-10T14:00Z or 2020-11-10T14:00+05:00 (hours 00–23, offsets up to ±14:00)
    ");
    for bad in [
        "2020-11-10T12:60",
        "2020-11-10T12:00:61",
        "2020-11-10T24:00",
        "2020-11-10T12:00-14:01",
        "2020-11-10T12:00+05:75",
        "2020-11-10T9:00",
    ] {
        let e = error(bad);
        assert!(e.contains("hint: write a time as"), "{bad}: {e}");
    }
}

#[test]
fn hand_typed_sub_year_code_that_reads_as_years_is_ambiguous() {
    insta::assert_snapshot!(error("2021-22"), @r"
    t.yaml:4:11: error: `2021-22` is ambiguous: summer 2021 in EDTF, or the years 2021 to 2022
      |
    4 |     when: 2021-22
      |           ^^^^^^^
      = hint: write summer 2021 or 2021 to 2022
    ");
    // Quoted, as `timeline fmt` writes it, it is EDTF.
    typed_form(r#""2021-22""#, r#""2021-22""#);
    // Where no range reading exists there is nothing to ask.
    typed_form("2030-22", r#""2030-22""#);
}

#[test]
fn no_year_weekday_and_impossible_forms() {
    insta::assert_snapshot!(error("Nov 10"), @r"
    t.yaml:4:11: error: `Nov 10` has no year
      |
    4 |     when: Nov 10
      |           ^^^^^^
      = hint: add the year, e.g. `Nov 10, 2020`; timeline never guesses it
    ");
    insta::assert_snapshot!(error("Monday, November 10, 2020"), @r"
    t.yaml:4:11: error: 10 Nov 2020 is a Tuesday, not a Monday
      |
    4 |     when: Monday, November 10, 2020
      |           ^^^^^^^^^^^^^^^^^^^^^^^^^
      = hint: fix the date or the weekday, or leave the weekday out
    ");
    insta::assert_snapshot!(error("late summer 2012"), @r"
    t.yaml:4:11: error: `late summer 2012`: late needs a month, a year, a decade or a century
      |
    4 |     when: late summer 2012
      |           ^^^^^^^^^^^^^^^^
      = hint: write e.g. late 2011, late July 2012, late 1990s
    ");
    insta::assert_snapshot!(error("2013-03-22 to 2013-03-32"), @r"
    t.yaml:4:11: error: 2013-03 has no day 32
      |
    4 |     when: 2013-03-22 to 2013-03-32
      |           ^^^^^^^^^^^^^^^^^^^^^^^^
      = hint: Mar 2013 has 31 days
    ");
    insta::assert_snapshot!(error("last Tuesday"), @r"
    t.yaml:4:11: error: `last Tuesday` is not a date
      |
    4 |     when: last Tuesday
      |           ^^^^^^^^^^^^
      = hint: write a date such as 2020-11-10, 2021-09, 1991, 1990s, ~1990, 2021?, 10 Nov 2020, summer 2012, Q1 2013 or early 2011, or an interval such as 1991 to 2020
    ");
}

#[test]
fn interval_ends_typed_as_a_mapping() {
    let src = "version: 1\nevents:\n  - id: e-1\n    when: {start: early 2011, end: late 2012}\n    title: T\n";
    let out = format(src, "t.yaml").unwrap();
    assert!(
        out.contains(r#"when: {start: "2011-01~", end: "2012-12~"}"#),
        "{out}"
    );
    let src = "version: 1\nevents:\n  - id: e-1\n    when: {start: 1991 to 2020}\n    title: T\n";
    let e = from_yaml(src, "t.yaml").unwrap_err().to_string();
    assert!(
        e.starts_with("t.yaml:4:19: error: `1991 to 2020` has `to 2020` after the date `1991`"),
        "{e}"
    );
}

#[test]
fn never_a_partial_read() {
    for bad in [
        "2020-11-10 garbage",
        "2020-11-10garbage",
        "2013-03-22 to",
        "1991 to 2020 and more",
        "2020-11-10, 2020-11-12",
        "Nov 10 2020 2021",
        "22.03.13",
        "1991-20",
        "March 2021 or so",
        "Q5 2013",
        "2012-25",
        "../..",
        "early",
        "mid-",
        "2020-11-10T",
        "2020-11-10T14:00:00Zjunk",
    ] {
        assert!(
            parse_when(bad).is_err(),
            "{bad} read as {:?}",
            parse_when(bad)
        );
        let e = error(&format!("\"{bad}\""));
        assert!(e.contains("= hint: "), "{bad}: no hint in\n{e}");
    }
}

// Properties.

/// A day in the years `dateparser` and people both write.
fn day() -> impl Strategy<Value = chrono::NaiveDate> {
    (1000i32..=2999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .or_else(|| chrono::NaiveDate::from_ymd_opt(y, m, 28))
            .unwrap()
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The ways people spell one day.
fn spellings(d: chrono::NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    let (y, m, dd) = (d.year(), d.month(), d.day());
    let name = MONTHS[m as usize - 1];
    let mut v = vec![
        format!("{name} {dd}, {y}"),
        format!("{} {dd} {y}", &name[..3]),
        format!("{dd} {name} {y}"),
        format!("{} {name} {dd}, {y}", d.weekday()),
        format!("{y}-{m}-{dd}"),
        format!("{dd}.{m:02}.{y}"),
        format!("{y}-{m:02}-{dd:02}T12:00Z"),
    ];
    if dd > 12 {
        v.push(format!("{dd}/{m}/{y}"));
        v.push(format!("{m}/{dd}/{y}"));
    }
    v
}

fn day_spec(d: chrono::NaiveDate) -> DateSpec {
    DateSpec::exact(Date::Day(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every spelling of a day reads as that day, and every way of joining
    /// two of them reads as that interval.
    #[test]
    fn every_spelling_reads_as_the_same_day(a in day(), b in day(), i in any::<prop::sample::Index>()) {
        for s in spellings(a) {
            prop_assert_eq!(parse_when(&s).map_err(|e| e.to_string()), Ok(When::On(day_spec(a))), "{}", s);
        }
        let (a, b) = (a.min(b), a.max(b));
        let sa = spellings(a);
        let sb = spellings(b);
        let (x, y) = (&sa[i.index(sa.len())], &sb[i.index(sb.len())]);
        for sep in [" to ", " – ", " until ", " - "] {
            let s = format!("{x}{sep}{y}");
            prop_assert_eq!(
                parse_when(&s).map_err(|e| e.to_string()),
                Ok(When::Between { start: Some(day_spec(a)), end: Some(day_spec(b)) }),
                "{}", s
            );
        }
    }

    /// A numeric date that reads two ways is refused, naming both.
    #[test]
    fn both_readings_are_named(y in 1000i32..=2999, a in 1u32..=12, b in 1u32..=12) {
        prop_assume!(a != b);
        let e = parse_when(&format!("{a}/{b}/{y}")).unwrap_err().to_string();
        let day_first = Date::day(y, b, a).unwrap().human();
        let month_first = Date::day(y, a, b).unwrap().human();
        prop_assert!(e.contains(&day_first) && e.contains(&month_first), "{}", e);
    }

    /// A date-time's date is the UTC date of the instant.
    #[test]
    fn offsets_convert_to_utc(d in day(), h in 0u32..24, m in 0u32..60, off in -14 * 60i32..=14 * 60) {
        let sign = if off < 0 { '-' } else { '+' };
        let s = format!("{}T{h:02}:{m:02}{sign}{:02}:{:02}", d.format("%Y-%m-%d"), off.abs() / 60, off.abs() % 60);
        let local = d.and_hms_opt(h, m, 0).unwrap();
        let utc = local - chrono::Duration::minutes(i64::from(off));
        prop_assert_eq!(parse_when(&s).map_err(|e| e.to_string()), Ok(When::On(day_spec(utc.date()))), "{}", s);
    }

    /// Whatever is typed, reading never panics, and what reads is written
    /// in a form that reads back as the same value.
    #[test]
    fn what_reads_is_written_back_the_same(s in prop_oneof![
        "\\PC{0,30}",
        "[0-9 ./:–-]{1,16}",
        "(early|mid|late|summer|Q1|c\\.|from|between) ?[0-9]{1,4}(s| to | and |-)?[0-9]{0,4}",
        "(Jan|March|Sept\\.|Nov) [0-9]{1,2}(st|th)?,? ?[0-9]{0,4}",
    ]) {
        if let Ok(w) = parse_when(&s) {
            let t = timeline::timeline::Timeline {
                version: 1,
                title: None,
                colors: Default::default(),
                events: vec![timeline::timeline::Event {
                    id: "e".into(),
                    when: w,
                    title: "T".into(),
                    tags: vec![],
                    inferred: false,
                    confidence: None,
                    sources: vec![],
                }],
                deleted: vec![],
            };
            let yaml = to_yaml(&t);
            // An interval typed upside down is refused by the loader, not
            // written; everything else reads back.
            if let Ok(back) = from_yaml(&yaml, "t.yaml") {
                prop_assert_eq!(back.events[0].when, w, "{}", s);
            } else {
                let (Some(a), Some(b)) = (w.first_day(), w.last_day()) else {
                    return Err(TestCaseError::fail(format!("{s}: {yaml}")));
                };
                prop_assert!(b < a, "{}: {}", s, yaml);
            }
        }
    }
}

/// Every form of issue 15 in one hand-written file: `timeline check`
/// accepts it, `timeline fmt` rewrites it as EDTF, and the result checks
/// again and is what the library writes.
#[test]
fn cli_check_and_fmt_read_every_typed_form() {
    let forms = [
        "1991–2020",
        "1991-2020",
        "1991 to 2020",
        "2013-03-22 to 2013-03-24",
        "1957-58",
        "March 18-24, 2013",
        "early 2011",
        "late July 2012",
        "mid-1990s",
        "summer 2012",
        "Q1 2013",
        "2021-9",
        "22.03.2013",
    ];
    let mut src = String::from("version: 1\nevents:\n");
    for (i, f) in forms.iter().enumerate() {
        src.push_str(&format!(
            "  - id: e{i}\n    when: {f}\n    title: Form {i}\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    std::fs::write(&path, &src).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_timeline"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let o = run(&["check", "t.yaml"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "t.yaml: ok, 13 events\n"
    );
    let o = run(&["fmt", "t.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = std::fs::read_to_string(&path).unwrap();
    assert_eq!(out, format(&src, "t.yaml").unwrap());
    assert!(run(&["check", "t.yaml"]).status.success());
    assert_eq!(
        from_yaml(&out, "t.yaml").unwrap(),
        from_yaml(&src, "t.yaml").unwrap()
    );
}
