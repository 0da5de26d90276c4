//! Replays fuzzing inputs through the fuzz targets' own checks
//! (`fuzz/src/lib.rs`, shared by path): the seed corpora in
//! `fuzz/corpus/TARGET/` and every input that once crashed a target, kept
//! in `tests/fuzz_regressions/TARGET/` and named after the problem it
//! guards. A crash found by `scripts/fuzz.sh` is fixed in the library and
//! its input is added here.

use std::fs;
use std::path::{Path, PathBuf};

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

/// Runs `f` and fails when it takes longer than `limit`: the guard against
/// quadratic work on long hostile input. Sizes are chosen so the quadratic
/// versions took minutes and the linear ones well under a second; the
/// limit is generous for slow, shared CI machines.
fn within<T>(limit: std::time::Duration, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}, limit {limit:?}");
    out
}

/// Found by probing the tagger with long inputs (AFL++ keeps inputs small):
/// each date rescanned its whole sentence for a tense cue, so one long
/// sentence of dates (a list, a table) was quadratic: 4,000 dates 5 s,
/// 20,000 dates over 2 minutes. Fixed in `fix(tagger)`.
#[test]
fn a_long_sentence_of_dates_tags_in_linear_time() {
    let text = "in 1991 and 2020, ".repeat(20_000);
    let tagged = within(std::time::Duration::from_secs(30), || {
        checks::check_tagger(&text, Some(checks::fixed_dct()))
    });
    assert_eq!(tagged.timexes.len(), 40_000);
}

/// Found the same way: event extraction counted chars from the text's
/// start for every event and again for every sentence in `--explain`
/// (cubic), and merging re-sorted the growing source list for each
/// repeated statement: 4,000 sentences took 107 s. Fixed in `fix(events)`.
#[test]
fn many_repeated_statements_extract_in_linear_time() {
    let text = "The talks ran from 1991 to 2020. ".repeat(4_000);
    let tagged = timeline::tagger::tag_document(&text, Some(checks::fixed_dct()));
    let ex = within(std::time::Duration::from_secs(30), || {
        timeline::events::extract(
            timeline::events::Article {
                name: "long.txt",
                text: &text,
            },
            &tagged,
        )
    });
    assert_eq!(ex.events.len(), 1);
    let sources = &ex.events[0].sources;
    assert_eq!(sources.len(), 4_000);
    let last = &sources[3_999];
    assert_eq!(last.span, (33 * 3_999, 33 * 4_000 - 1));
    assert_eq!(last.quote, "The talks ran from 1991 to 2020.");
    checks::check_events(&text[..33 * 200], None);
}
