//! Reference SVGs (insta snapshots) for a handful of timelines. Review a
//! change with `cargo insta review`.

mod render_fixtures;

use render_fixtures::*;
use timeline::render::{RenderOptions, Theme, svg};

fn opts(width: u32, theme: Theme) -> RenderOptions {
    RenderOptions {
        width,
        theme,
        title: None,
    }
}

#[test]
fn seed_light() {
    insta::assert_snapshot!(svg(&seed(), &opts(800, Theme::Light)));
}

#[test]
fn seed_dark_narrow() {
    insta::assert_snapshot!(svg(&seed(), &opts(480, Theme::Dark)));
}

#[test]
fn empty() {
    insta::assert_snapshot!(svg(&timeline(None, vec![]), &opts(800, Theme::Light)));
}

#[test]
fn every_precision_and_qualifier() {
    let mut inferred = on(
        "inferred",
        "2019-06-15",
        "Inferred from a duration",
        &["derived"],
    );
    inferred.inferred = true;
    let t = timeline(
        Some("Precisions & qualifiers"),
        vec![
            on("day", "2019-03-04", "A day", &["exact"]),
            on("month", "2019-05", "A month", &["exact"]),
            on("year", "2018", "A year", &["exact"]),
            on("approx", "~2019-09", "About September", &["vague"]),
            on("unsure", "2019-11-20?", "Perhaps this day", &["vague"]),
            inferred,
            between(
                "span",
                "2018-10",
                "2019-02",
                "An interval of months",
                &["exact"],
            ),
            between("fuzzy", "~2019-07", "2019-12?", "Fuzzy ends", &["vague"]),
            between("open", "2019-08-01", "", "Still going", &[]),
        ],
    );
    insta::assert_snapshot!(svg(&t, &opts(800, Theme::Light)));
}
