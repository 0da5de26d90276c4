//! Tagging throughput over the TempEval-3 training texts (MB/s), or over the
//! seed article when the TE3 data is absent.
//!
//! `cargo bench --bench tagger`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_main};
use timeline::tagger::Tagger;

/// The TempEval-3 training set, beside the repository (never copied in).
const TE3: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/te3_train.jsonl"
);
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/000_5da06e75f2e99931.txt"
);

fn texts() -> Vec<String> {
    if let Ok(data) = std::fs::read_to_string(TE3) {
        return data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect();
    }
    eprintln!("{TE3} not found: benchmarking the seed article only");
    std::fs::read_to_string(SEED).into_iter().collect()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    if texts.is_empty() {
        eprintln!("no texts to benchmark; skipping");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let dct = NaiveDate::from_ymd_opt(1998, 1, 8);
    let tagger = match Tagger::bundled() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("the tagger's rules do not load: {e}");
            return;
        }
    };
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("tag_corpus", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| tagger.tag(black_box(t), dct).len())
                .sum();
            black_box(n)
        })
    });
    group.finish();
}

/// The benchmark group (written out: `criterion_group!` leaves it undocumented).
fn benches() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
}

criterion_main!(benches);
