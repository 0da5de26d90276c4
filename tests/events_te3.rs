//! Events over real news: the TempEval-3 training documents, tagged by the
//! real tagger. Opt-in, since the data lives outside the repository:
//!
//! ```text
//! TIMELINE_TE3=../shared/data/te3_train.jsonl \
//!     cargo test --release --test events_te3 -- --ignored --nocapture
//! ```
//!
//! It checks the invariants every title must keep on text nobody wrote for
//! us, and prints figures: events, titles over 80 characters, inferred
//! events, time.

use timeline::events::{Article, extract};
use timeline::tagger::tag_document;
use timeline::timeline::When;

const DANGLING: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "as",
    "that",
    "which",
    "its",
    "their",
    "is",
    "was",
    "following",
    "including",
];

#[test]
#[ignore = "needs TIMELINE_TE3=path/to/te3_train.jsonl"]
fn te3_titles_keep_their_invariants() {
    let path = std::env::var("TIMELINE_TE3").expect("TIMELINE_TE3 names the JSON-lines file");
    let src = std::fs::read_to_string(&path).unwrap();
    let (mut docs, mut events, mut over80, mut inferred, mut chars) = (0, 0, 0, 0, 0);
    let mut bad = Vec::new();
    let t0 = std::time::Instant::now();
    for line in src.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let id = v["id"].as_str().unwrap();
        let dct = v["dct"].as_str().and_then(|d| d.parse().ok());
        let x = extract(
            Article { name: id, text },
            &tag_document(text, dct).unwrap(),
        );
        docs += 1;
        for e in &x.events {
            events += 1;
            let n = e.title.chars().count();
            chars += n;
            over80 += usize::from(n > 80);
            inferred += usize::from(e.inferred);
            let last = e
                .title
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            if n > 90 || n == 0 || DANGLING.contains(&last.as_str()) {
                bad.push(format!("{id}: {:?}", e.title));
            }
            if let When::Between {
                start: Some(s),
                end: Some(e2),
            } = e.when
            {
                assert!(s.date.first_day() <= e2.date.last_day(), "{id}: {e:?}");
            }
        }
    }
    eprintln!(
        "docs {docs}, events {events}, titles over 80 chars {over80}, mean title {} chars, inferred {inferred}, {:?}",
        chars / events.max(1),
        t0.elapsed()
    );
    assert!(
        bad.is_empty(),
        "{} bad titles:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
