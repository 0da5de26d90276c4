//! A regression guard on the TempEval-3 training data (skipped when the data
//! is absent; it is never copied into the repository). The full scorer is
//! `scripts/eval.sh`; this test recomputes relaxed and strict F1 the same way
//! (greedy one-to-one pairing of overlapping character spans).

use timeline::jsonl::tag_line;

/// The TempEval-3 training set, beside the repository (never copied in).
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/te3_train.jsonl"
);

fn spans(v: &serde_json::Value) -> Vec<(u64, u64, String)> {
    v["timexes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| {
                    (
                        t["start"].as_u64().unwrap_or(0),
                        t["end"].as_u64().unwrap_or(0),
                        t["value"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn te3_train_scores_hold() {
    let Ok(data) = std::fs::read_to_string(GOLD) else {
        eprintln!("skipping: {GOLD} not found");
        return;
    };
    let (mut n_gold, mut n_sys, mut relaxed, mut strict, mut value) = (0, 0, 0, 0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let gold: serde_json::Value = serde_json::from_str(line).unwrap();
        let out = tag_line(line).unwrap();
        let sys: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut g = spans(&gold);
        let mut s = spans(&sys);
        g.sort();
        s.sort();
        n_gold += g.len();
        n_sys += s.len();
        let mut used = vec![false; g.len()];
        for (ss, se, sv) in &s {
            if let Some(i) = (0..g.len()).find(|&i| !used[i] && g[i].0 < *se && *ss < g[i].1) {
                used[i] = true;
                relaxed += 1;
                strict += usize::from(g[i].0 == *ss && g[i].1 == *se);
                value += usize::from(g[i].2 == *sv);
            }
        }
    }
    let f1 = |m: usize| 2.0 * m as f64 / (n_gold + n_sys) as f64;
    let (r, s, v) = (f1(relaxed), f1(strict), f1(value));
    eprintln!("TE3 train: relaxed F1 {r:.3}, strict F1 {s:.3}, value F1 {v:.3}");
    assert!(r >= 0.94, "relaxed F1 {r:.3}");
    assert!(s >= 0.88, "strict F1 {s:.3}");
    assert!(v >= 0.81, "value F1 {v:.3}");
}
