//! Rendering speed: 10,000 events must lay out and serialise in well under
//! a second. Run with `cargo bench --bench render`.

use criterion::Criterion;
use std::hint::black_box;
use timeline::date::{Date, DateSpec};
use timeline::render::{RenderOptions, svg};
use timeline::timeline::{Event, Timeline, When};

/// `n` events spread over ten years, deterministic.
fn many(n: usize) -> Timeline {
    let mut state: u64 = 42;
    let mut next = move |k: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % k
    };
    let events = (0..n)
        .map(|i| {
            let year = 2010 + next(10) as i32;
            let month = 1 + next(12) as u32;
            let day = 1 + next(28) as u32;
            let date = if next(5) == 0 {
                Date::Month { year, month }
            } else {
                Date::Day(chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default())
            };
            let when = if next(8) == 0 {
                When::Between {
                    start: Some(DateSpec::exact(date)),
                    end: Some(DateSpec::exact(Date::Year(year + 1))),
                }
            } else {
                When::On(DateSpec::exact(date))
            };
            Event {
                id: format!("e{i}"),
                when,
                title: format!("Event number {i} with a title of a usual length for news"),
                tags: vec![["a", "b", "c"][i % 3].to_string()],
                inferred: i % 11 == 0,
                confidence: None,
                sources: vec![],
            }
        })
        .collect();
    Timeline {
        version: 1,
        title: Some("Many events".into()),
        colors: Default::default(),
        events,
        deleted: vec![],
    }
}

fn bench(c: &mut Criterion) {
    let opts = RenderOptions::default();
    for n in [100, 1_000, 10_000] {
        let t = many(n);
        c.bench_function(&format!("svg {n} events"), |b| {
            b.iter(|| svg(black_box(&t), &opts).unwrap())
        });
    }
}

// `criterion_group!` would define an undocumented public function; this is
// what it expands to.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
