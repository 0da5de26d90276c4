//! Writes the fixture charts as SVG and PNG into `$TIMELINE_RENDER_OUT`
//! (when set), for people to look at. Without the variable it only checks
//! that every fixture renders to a PNG.

mod render_fixtures;

use render_fixtures::*;
use timeline::render::{RenderOptions, Theme, png, svg};

#[test]
fn fixtures_render_to_png() {
    let out = std::env::var_os("TIMELINE_RENDER_OUT");
    let cases = [
        ("seed", seed(), Theme::Light),
        ("seed-dark", seed(), Theme::Dark),
        ("dense", dense(200, 2021, 1), Theme::Light),
        ("long", long(), Theme::Light),
        ("empty", timeline(None, vec![]), Theme::Light),
        ("seed-narrow", seed(), Theme::Light),
        ("news20", news(20, 7), Theme::Light),
        ("dense60", dense(60, 2021, 3), Theme::Light),
    ];
    for (name, t, theme) in cases {
        let opts = RenderOptions {
            width: if name.ends_with("narrow") { 480 } else { 800 },
            theme,
            title: None,
            ..RenderOptions::default()
        };
        let p = png(&t, &opts).unwrap();
        assert_eq!(&p[1..4], b"PNG");
        if let Some(dir) = &out {
            let dir = std::path::Path::new(dir);
            std::fs::write(dir.join(format!("{name}.svg")), svg(&t, &opts).unwrap()).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), p).unwrap();
        }
    }
}

#[test]
fn qualifiers_render_to_png() {
    let Some(dir) = std::env::var_os("TIMELINE_RENDER_OUT") else {
        return;
    };
    let t = qualifiers();
    let p = png(&t, &RenderOptions::default()).unwrap();
    std::fs::write(std::path::Path::new(&dir).join("qualifiers.png"), p).unwrap();
}
