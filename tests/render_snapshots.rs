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
        ..RenderOptions::default()
    }
}

#[test]
fn seed_light() {
    insta::assert_snapshot!(svg(&seed(), &opts(800, Theme::Light)).unwrap());
}

#[test]
fn seed_dark_narrow() {
    insta::assert_snapshot!(svg(&seed(), &opts(480, Theme::Dark)).unwrap());
}

#[test]
fn empty() {
    insta::assert_snapshot!(svg(&timeline(None, vec![]), &opts(800, Theme::Light)).unwrap());
}

#[test]
fn every_precision_and_qualifier() {
    let t = qualifiers();
    insta::assert_snapshot!(svg(&t, &opts(800, Theme::Light)).unwrap());
}
