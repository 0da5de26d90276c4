//! The page to browse (`render --format html`): one self-contained file,
//! the chart and a table of every event, sortable by date and filterable
//! by tag with a little script, readable without it. Checked as text and
//! in headless Chromium (it renders, the table lists every event, the
//! script works and logs nothing).

mod render_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use render_fixtures::*;
use timeline::render::{RenderOptions, html};
use timeline::timeline::{Filter, Source, Timeline};

fn chromium() -> Option<PathBuf> {
    if std::env::var("TIMELINE_SKIP_CHROMIUM").as_deref() == Ok("1") {
        eprintln!("TIMELINE_SKIP_CHROMIUM=1: skipping the Chromium check");
        return None;
    }
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "headless Chromium is needed to check the HTML page, but {} does not exist; \
         install it (apt-get install -y chromium), point $CHROMIUM at it, \
         or set TIMELINE_SKIP_CHROMIUM=1 to skip this test",
        path.display()
    );
    Some(path)
}

/// What Chromium made of a page: the DOM after the scripts ran, and every
/// console message (errors included).
struct Loaded {
    dom: String,
    console: Vec<String>,
}

fn load(chrome: &Path, file: &Path, fragment: &str) -> Loaded {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}{fragment}", file.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", chrome.display()));
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Loaded {
        dom: String::from_utf8(out.stdout).unwrap(),
        console: String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_string)
            .collect(),
    }
}

/// A timeline with sources, quotes and tags, like a built one.
fn sourced() -> Timeline {
    let mut t = seed();
    for (i, e) in t.events.iter_mut().enumerate() {
        e.confidence = Some(0.6 + 0.05 * i as f64);
        e.sources.push(Source {
            file: format!("article-{i}.txt"),
            line: 10 + i,
            span: (0, 10),
            quote: format!("The sentence that dates \"{}\" & more.", e.title),
            rules: vec!["date.year".into()],
        });
    }
    t.events[0].confidence = None;
    t
}

fn rows(dom: &str) -> usize {
    dom.matches("<tr data-id=").count()
}

#[test]
fn the_page_is_self_contained() {
    let page = html(&news(20, 7), &RenderOptions::default()).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for bad in [
        " src=", "href=", "url(", "@import", "<link", "<iframe", "<img",
    ] {
        assert!(!page.contains(bad), "{bad}");
    }
    // The only address is the SVG namespace.
    assert_eq!(
        page.matches("http").count(),
        2,
        "http-equiv and the namespace"
    );
    assert_eq!(page.matches("<svg ").count(), 1);
}

#[test]
fn the_table_lists_every_event_with_its_sources() {
    let t = sourced();
    let page = html(&t, &RenderOptions::default()).unwrap();
    assert_eq!(rows(&page), t.events.len());
    for e in &t.events {
        let s = &e.sources[0];
        assert!(page.contains(&format!("{}:{}", s.file, s.line)));
        assert!(page.contains(&format!(
            "The sentence that dates &quot;{}&quot; &amp; more.",
            e.title.replace('"', "&quot;").replace('\'', "&apos;")
        )));
    }
    assert!(page.contains("<td>1 (hand-written)</td>"));
    assert!(page.contains("<td>0.65</td>"));
    // In date order without script: the occupation first, the visit last.
    let first = page.find("data-id=\"occupation\"").unwrap();
    let last = page.find("data-id=\"visit\"").unwrap();
    assert!(first < last);
    // Every event of a big timeline is in the table, even those the chart
    // summarises.
    let big = news(20, 7);
    let page = html(&big, &RenderOptions::default()).unwrap();
    assert_eq!(rows(&page), big.events.len());
}

#[test]
fn the_filter_chooses_the_rows_too() {
    let t = news(20, 7);
    let opts = RenderOptions {
        filter: Filter {
            tags: vec!["levee".into()],
            ..Filter::default()
        },
        ..RenderOptions::default()
    };
    let page = html(&t, &opts).unwrap();
    let want = t
        .events
        .iter()
        .filter(|e| e.tags.iter().any(|g| g == "levee"))
        .count();
    assert_eq!(rows(&page), want);
    assert!(page.contains("more left out by the filter"));
}

#[test]
fn the_page_renders_in_chromium_and_its_script_works() {
    let Some(chrome) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let t = news(20, 7);
    let file = dir.path().join("news.html");
    std::fs::write(&file, html(&t, &RenderOptions::default()).unwrap()).unwrap();
    let n = t.events.len();

    let plain = load(&chrome, &file, "");
    assert!(plain.console.is_empty(), "{:#?}", plain.console);
    assert_eq!(rows(&plain.dom), n);
    assert!(
        plain
            .dom
            .contains(&format!("id=\"count\">{n} of {n} events"))
    );
    assert!(plain.dom.contains("<svg "));
    assert!(
        !plain.dom.contains("id=\"controls\" hidden"),
        "the controls show"
    );

    // Filtered by tag from the address: the others are hidden.
    let levee = t
        .events
        .iter()
        .filter(|e| e.tags.iter().any(|g| g == "levee"))
        .count();
    let tagged = load(&chrome, &file, "#tag=levee");
    assert!(tagged.console.is_empty(), "{:#?}", tagged.console);
    assert_eq!(rows(&tagged.dom), n);
    let hidden = tagged
        .dom
        .split("<tr data-id=")
        .skip(1)
        .filter(|r| r[..r.find('>').unwrap()].contains(" hidden=\"\""))
        .count();
    assert_eq!(hidden, n - levee);
    assert!(
        tagged
            .dom
            .contains(&format!("id=\"count\">{levee} of {n} events"))
    );

    // Newest first.
    let desc = load(&chrome, &file, "#sort=desc");
    assert!(desc.console.is_empty(), "{:#?}", desc.console);
    let order: Vec<usize> = desc
        .dom
        .match_indices("data-order=\"")
        .map(|(i, m)| {
            let rest = &desc.dom[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(order.len(), n);
    assert!(order.windows(2).all(|w| w[0] > w[1]), "{order:?}");
}

#[test]
fn the_console_check_catches_a_broken_script() {
    let Some(chrome) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.html");
    std::fs::write(
        &file,
        "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>",
    )
    .unwrap();
    let bad = load(&chrome, &file, "");
    assert_eq!(bad.console.len(), 1, "{:#?}", bad.console);
    assert!(bad.console[0].contains("Uncaught ReferenceError"));
}
