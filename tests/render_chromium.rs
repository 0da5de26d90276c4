//! Opens rendered charts in headless Chromium and checks, with the browser's
//! own text layout (`getBBox()`), that no two texts overlap and that every
//! text stays on the canvas.
//!
//! Chromium is looked for at `$CHROMIUM` or `/usr/bin/chromium`. When it is
//! missing the test fails, unless `TIMELINE_SKIP_CHROMIUM=1` is set.

mod render_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use render_fixtures::*;
use timeline::render::{RenderOptions, Theme, svg};
use timeline::timeline::Timeline;

fn chromium() -> Option<PathBuf> {
    if std::env::var("TIMELINE_SKIP_CHROMIUM").as_deref() == Ok("1") {
        return None;
    }
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !path.exists() {
        panic!(
            "headless Chromium is needed to check the SVG layout, but {} does not exist; \
             install it (apt-get install -y chromium), point $CHROMIUM at it, \
             or set TIMELINE_SKIP_CHROMIUM=1 to skip this test",
            path.display()
        );
    }
    Some(path)
}

/// A page that inlines the SVG and writes every text's box into a `<pre>`.
fn page(svg: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="margin:0">
{svg}
<script>
const rows = [];
for (const t of document.querySelectorAll('svg text')) {{
  const b = t.getBBox();
  rows.push([b.x, b.y, b.width, b.height].map(v => v.toFixed(2)).join(',') + '|' + t.textContent);
}}
const pre = document.createElement('pre');
pre.id = 'boxes';
pre.textContent = rows.join('\n');
document.body.appendChild(pre);
</script>
</body></html>
"#
    )
}

#[derive(Debug)]
struct TextBox {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    text: String,
}

fn boxes_in_chromium(chrome: &Path, dir: &Path, name: &str, svg: &str) -> Vec<TextBox> {
    let html = dir.join(format!("{name}.html"));
    std::fs::write(&html, page(svg)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", chrome.display()));
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    let start = dom
        .find("<pre id=\"boxes\">")
        .expect("no boxes in the dumped DOM")
        + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    dom[start..end]
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (nums, text) = l.split_once('|').unwrap();
            let v: Vec<f64> = nums.split(',').map(|n| n.parse().unwrap()).collect();
            TextBox {
                x: v[0],
                y: v[1],
                w: v[2],
                h: v[3],
                text: text.to_string(),
            }
        })
        .collect()
}

fn size_of(svg: &str) -> (f64, f64) {
    let attr = |name: &str| -> f64 {
        let key = format!(" {name}=\"");
        let i = svg.find(&key).unwrap() + key.len();
        svg[i..i + svg[i..].find('"').unwrap()].parse().unwrap()
    };
    (attr("width"), attr("height"))
}

fn check(chrome: &Path, dir: &Path, name: &str, t: &Timeline, width: u32) -> usize {
    let opts = RenderOptions {
        width,
        theme: Theme::Light,
        title: None,
        ..RenderOptions::default()
    };
    let s = svg(t, &opts).unwrap();
    let problems = problems(chrome, dir, name, &s);
    assert!(problems.1.is_empty(), "{name}:\n{}", problems.1.join("\n"));
    problems.0
}

/// The number of texts, and every overlap or overflow found.
fn problems(chrome: &Path, dir: &Path, name: &str, s: &str) -> (usize, Vec<String>) {
    let (w, h) = size_of(s);
    let boxes = boxes_in_chromium(chrome, dir, name, s);
    assert!(!boxes.is_empty(), "{name}: no text found");
    let mut problems = Vec::new();
    for b in &boxes {
        assert!(b.w > 0.0 && b.h > 0.0, "{name}: empty box for {:?}", b.text);
        if b.x < 0.0 || b.y < 0.0 || b.x + b.w > w || b.y + b.h > h {
            problems.push(format!("{:?} leaves the {w}x{h} canvas: {b:?}", b.text));
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let eps = 0.01;
            if a.x + eps < b.x + b.w
                && b.x + eps < a.x + a.w
                && a.y + eps < b.y + b.h
                && b.y + eps < a.y + a.h
            {
                problems.push(format!("{:?} overlaps {:?}: {a:?} / {b:?}", a.text, b.text));
            }
        }
    }
    (boxes.len(), problems)
}

#[test]
fn the_check_catches_overlaps_and_overflows() {
    let Some(chrome) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100" font-family="DejaVu Sans">
<text x="10" y="30" font-size="12">first label</text>
<text x="40" y="34" font-size="12">second label</text>
<text x="150" y="80" font-size="12">off the edge</text>
</svg>"#;
    let (n, p) = problems(&chrome, dir.path(), "bad", bad);
    assert_eq!(n, 3);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(
        p[0].starts_with("\"off the edge\" leaves the 200x100 canvas"),
        "{p:#?}"
    );
    assert!(
        p[1].starts_with("\"first label\" overlaps \"second label\""),
        "{p:#?}"
    );
}

#[test]
fn texts_never_overlap_or_leave_the_canvas_in_chromium() {
    let Some(chrome) = chromium() else {
        eprintln!("TIMELINE_SKIP_CHROMIUM=1: skipping the Chromium layout check");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let n = check(&chrome, dir.path(), "seed", &seed(), 800);
    // Title, six labels (date + title lines), ticks, legend.
    assert!(n > 20, "seed: only {n} texts");
    check(&chrome, dir.path(), "seed-narrow", &seed(), 480);
    check(&chrome, dir.path(), "dense", &dense(200, 2021, 1), 800);
    check(&chrome, dir.path(), "long", &long(), 800);
    check(&chrome, dir.path(), "moderate", &dense(60, 2021, 3), 800);
    check(&chrome, dir.path(), "news-20", &news(20, 7), 800);
    check(&chrome, dir.path(), "news-20-narrow", &news(20, 7), 480);
}

/// How many event groups a chart has.
fn events_in(svg: &str) -> usize {
    svg.matches("<g class=\"event ").count()
}

#[test]
fn the_checked_charts_show_their_events() {
    let opts = RenderOptions::default();
    // All six of the seed, most of the two centuries, and of the 200 in
    // one year as many as fit in 1,600 px, the rest counted.
    assert_eq!(events_in(&svg(&seed(), &opts).unwrap()), 6);
    assert!(events_in(&svg(&long(), &opts).unwrap()) >= 35);
    let dense = svg(&dense(200, 2021, 1), &opts).unwrap();
    let n = events_in(&dense);
    assert!(n >= 30, "{n}");
    assert!(dense.contains(&format!(
        "+{} events not shown (use --from/--to or --max-events)",
        200 - n
    )));
}

/// The chart of the twenty example articles (`timeline build
/// examples/news/ -o lenne-flood`, committed as `data/lenne-flood.yaml`),
/// the chart of issue 15: legible in Chromium, at most 1,600 px high, at
/// most a tenth of its labels shortened, a note for what is left out.
#[test]
fn the_twenty_article_example_is_legible_in_chromium() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lenne-flood.yaml");
    let t = timeline::timeline::from_yaml(
        &std::fs::read_to_string(&path).unwrap(),
        &path.display().to_string(),
    )
    .unwrap();
    let opts = RenderOptions::default();
    let chart = opts.chart(&t).unwrap();
    assert!(chart.height <= 1600.0, "{}", chart.height);
    let labels = chart.events.len() + chart.clusters.len();
    let shortened = chart.events.iter().filter(|e| e.shortened).count();
    assert!(
        shortened * 10 <= labels,
        "{shortened} of {labels} shortened"
    );
    if chart.omitted > 0 {
        let note = chart.note.as_ref().unwrap();
        assert!(
            note.text
                .contains("not shown (use --from/--to or --max-events)")
        );
    }
    let Some(chrome) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let s = svg(&t, &opts).unwrap();
    let (n, p) = problems(&chrome, dir.path(), "lenne-flood", &s);
    assert!(p.is_empty(), "{}", p.join("\n"));
    assert!(n > 50, "{n} texts");
}
