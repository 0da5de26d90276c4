//! Replays fuzzing inputs through the fuzz targets' own checks
//! (`fuzz/src/lib.rs`, shared by path): the seed corpora in
//! `fuzz/corpus/TARGET/` and every input that once crashed a target, kept
//! in `tests/fuzz_regressions/TARGET/` and named after the problem it
//! guards. A crash found by `scripts/fuzz.sh` is fixed in the library and
//! its input is added here.

use std::fs;
use std::path::{Path, PathBuf};

use timeline::events::{Article, extract};

#[path = "../fuzz/src/lib.rs"]
mod checks;

/// The files of `dir`, sorted, so failures name a stable first input.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    files.retain(|p| p.is_file());
    files.sort();
    files
}

/// Runs `check` on every input of `target`; panics name the file.
fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = inputs(&root.join("fuzz/corpus").join(target));
    files.extend(inputs(&root.join("tests/fuzz_regressions").join(target)));
    for file in &files {
        let bytes = fs::read(file).unwrap();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        if run.is_err() {
            panic!("{target} check failed on {}", file.display());
        }
    }
    files.len()
}

fn tagger(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        checks::check_tagger(text, Some(checks::fixed_dct()));
        checks::check_tagger(text, None);
    }
}

fn events(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        checks::check_events(text, Some(checks::fixed_dct()));
        checks::check_events(text, None);
    }
}

fn render(bytes: &[u8]) {
    match checks::check_yaml(bytes) {
        Some(t) => checks::check_render(&t),
        None => checks::check_render(&checks::timeline_from_bytes(bytes)),
    }
}

#[test]
fn tagger_inputs() {
    assert!(replay("tagger", tagger) >= 5);
}

#[test]
fn events_inputs() {
    assert!(replay("events", events) >= 5);
}

#[test]
fn yaml_inputs() {
    assert!(
        replay("yaml", |b| {
            checks::check_yaml(b);
        }) >= 5
    );
}

#[test]
fn render_inputs() {
    assert!(replay("render", render) >= 5);
}

#[test]
fn the_seed_yaml_loads_and_round_trips() {
    let bytes = include_bytes!("../fuzz/corpus/yaml/seed.yaml");
    let t = checks::check_yaml(bytes).unwrap();
    assert!(!t.events.is_empty());
    checks::check_render(&t);
}

/// Runs `f` at eight times the size at which the quadratic versions of
/// these bugs already took seconds: linear code finishes at once, quadratic
/// code would take many minutes. No timing threshold: a regression shows as
/// a test that hangs, which CI's time limit reports.
fn at_scale(n: usize, f: impl Fn(usize)) {
    f(8 * n);
}

/// Found by probing the tagger with long inputs (AFL++ keeps inputs small):
/// each date rescanned its whole sentence for a tense cue, so one long
/// sentence of dates (a list, a table) was quadratic: 4,000 dates took 5 s,
/// 20,000 over 2 minutes. Fixed in `fix(tagger)`.
#[test]
fn a_long_sentence_of_dates_tags_in_linear_time() {
    at_scale(2_500, |n| {
        let text = "in 1991 and 2020, ".repeat(n);
        let tagged = checks::check_tagger(&text, Some(checks::fixed_dct()));
        assert_eq!(tagged.timexes.len(), 2 * n);
    });
}

/// Found the same way: event extraction counted chars from the text's
/// start for every event and again for every sentence in `--explain`
/// (cubic), and merging re-sorted the growing source list for each
/// repeated statement: 4,000 sentences took 107 s. Fixed in `fix(events)`.
#[test]
fn many_repeated_statements_extract_in_linear_time() {
    at_scale(500, |n| {
        let text = "The talks ran from 1991 to 2020. ".repeat(n);
        let tagged = timeline::tagger::tag_document(&text, Some(checks::fixed_dct())).unwrap();
        let ex = extract(
            Article {
                name: "long.txt",
                text: &text,
            },
            &tagged,
        );
        assert_eq!(ex.events.len(), 1);
        let sources = &ex.events[0].sources;
        assert_eq!(sources.len(), n);
        assert_eq!(sources[n - 1].span, (33 * (n - 1), 33 * n - 1));
        assert_eq!(sources[n - 1].quote, "The talks ran from 1991 to 2020.");
    });
}

/// Found the same way: `fmt` placed each comment by scanning every output
/// line (quadratic: 4,000 commented events took 10 s in the instrumented
/// build). Fixed in `fix(timeline)`.
#[test]
fn a_file_with_many_comments_formats_in_linear_time() {
    at_scale(2_000, |n| {
        let mut yaml = String::from("version: 1\nevents:\n");
        for i in 0..n {
            yaml.push_str(&format!(
                "  # about {i}\n  - id: e-{i}  # id\n    when: \"2020-{:02}\"  # when\n    title: Event {i}\n",
                i % 12 + 1
            ));
        }
        let formatted = timeline::timeline::format(&yaml, "many.yaml").unwrap();
        let last = format!("  # about {}\n  - id: e-{}  # id\n", n - 1, n - 1);
        assert!(formatted.contains(&last), "{formatted}");
    });
}

/// Found by `properties_pipeline` after merging main: the word before a
/// date was cut one byte after a multi-byte space (U+2028, or the
/// no-break space common in news), inside the character: a panic.
/// Fixed in `fix(events)`.
#[test]
fn a_multibyte_space_before_a_date_does_not_panic() {
    for text in [
        "\u{2028}January 1990s ",
        "Talks began in\u{a0}September 2021.",
        "Talks began\u{3000}1991 to 2020.",
    ] {
        checks::check_events(text, None);
        checks::check_events(text, Some(checks::fixed_dct()));
    }
}

/// Found by the `yaml` target (`tests/fuzz_regressions/yaml/
/// comment_ending_in_lone_cr.yaml`): YAML ends a line at a lone `\r`, but
/// `fmt` split lines at `\n` only, so a comment swallowed the next line
/// (`# note\rversion: 1`) and the formatted file repeated `version`: it no
/// longer loaded. Fixed in `fix(timeline)`.
#[test]
fn a_comment_ending_in_a_lone_cr_keeps_fmt_loadable() {
    let src =
        "# note\rversion: 1\nevents:\n  - id: a # why\r    when: \"2021-09\"\n    title: Drills\n";
    let t = checks::check_yaml(src.as_bytes()).unwrap();
    assert_eq!(t.events.len(), 1);
}
