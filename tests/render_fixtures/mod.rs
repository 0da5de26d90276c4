//! Timelines for the render and layout tests, built in Rust directly.
#![allow(dead_code)]

use timeline::date::{Date, DateSpec};
use timeline::timeline::{Event, Timeline, When};

/// An exact date from EDTF text (`2021-09`, `~1990`).
pub fn d(s: &str) -> DateSpec {
    match s.parse() {
        Ok(v) => v,
        Err(e) => panic!("bad fixture date {s}: {e}"),
    }
}

/// An event on one date.
pub fn on(id: &str, date: &str, title: &str, tags: &[&str]) -> Event {
    Event {
        id: id.to_string(),
        when: When::On(d(date)),
        title: title.to_string(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        inferred: false,
        confidence: None,
        sources: vec![],
    }
}

/// An event over an interval; `""` is an open end.
pub fn between(id: &str, start: &str, end: &str, title: &str, tags: &[&str]) -> Event {
    let opt = |s: &str| if s.is_empty() { None } else { Some(d(s)) };
    Event {
        when: When::Between {
            start: opt(start),
            end: opt(end),
        },
        ..on(id, "2000", title, tags)
    }
}

/// A timeline.
pub fn timeline(title: Option<&str>, events: Vec<Event>) -> Timeline {
    Timeline {
        version: 1,
        title: title.map(str::to_string),
        colors: Default::default(),
        events,
        deleted: vec![],
    }
}

/// Shaped like the seed article's timeline.
pub fn seed() -> Timeline {
    timeline(
        Some("Pakistan–Azerbaijan ties"),
        vec![
            between(
                "occupation",
                "1991",
                "2020",
                "Armenian occupation of Nagorno-Karabakh and seven surrounding districts",
                &["conflict"],
            ),
            between(
                "war",
                "2020-09-27",
                "2020-11-10",
                "Second Karabakh War, the 44-day war",
                &["conflict"],
            ),
            on(
                "statement",
                "2020-11-10",
                "Trilateral statement ends the war; Azerbaijan regains its territories",
                &["diplomacy"],
            ),
            on(
                "drills",
                "2021-09",
                "Pakistan, Azerbaijan and Turkey hold the joint military drills \"Three Brothers – 2021\" in Baku",
                &["military"],
            ),
            on(
                "operation",
                "2023-09",
                "Azerbaijan's one-day operation restores control over Karabakh",
                &["conflict"],
            ),
            on(
                "visit",
                "2023-11-02",
                "Pakistan's caretaker prime minister visits Baku and meets President Aliyev",
                &["diplomacy"],
            ),
        ],
    )
}

/// A tiny deterministic generator (no clock, no OS randomness).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "ministers",
    "meet",
    "in",
    "Baku",
    "talks",
    "on",
    "trade",
    "and",
    "energy",
    "border",
    "agreement",
    "signed",
    "parliament",
    "approves",
    "new",
    "pipeline",
    "delegation",
    "visit",
    "summit",
    "exercise",
    "statement",
    "ceasefire",
    "corridor",
    "opens",
    "election",
];

/// A title of 2 to 14 words.
pub fn title(rng: &mut Lcg, i: usize) -> String {
    let n = 2 + rng.below(13) as usize;
    let mut words = vec![format!("#{i}")];
    for _ in 0..n {
        words.push(WORDS[rng.below(WORDS.len() as u64) as usize].to_string());
    }
    words.join(" ")
}

/// `n` events within one year: days, some months, some intervals, some
/// approximate or inferred.
pub fn dense(n: usize, year: i32, seed: u64) -> Timeline {
    let mut rng = Lcg(seed);
    let tags = ["politics", "economy", "security", "culture"];
    let mut events = Vec::with_capacity(n);
    for i in 0..n {
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        let kind = rng.below(10);
        let t = title(&mut rng, i);
        let tag = [tags[rng.below(4) as usize]];
        let mut e = match kind {
            0 => on(&format!("e{i}"), &format!("{year}-{month:02}"), &t, &tag),
            1 => {
                let m2 = (month + 1 + rng.below(3) as u32).min(12);
                between(
                    &format!("e{i}"),
                    &format!("{year}-{month:02}-{day:02}"),
                    &format!("{year}-{m2:02}-{day:02}"),
                    &t,
                    &tag,
                )
            }
            _ => on(
                &format!("e{i}"),
                &format!("{year}-{month:02}-{day:02}"),
                &t,
                &tag,
            ),
        };
        if rng.below(8) == 0 {
            if let When::On(d) = &mut e.when {
                d.approximate = true;
            }
        }
        e.inferred = rng.below(12) == 0;
        events.push(e);
    }
    timeline(Some(&format!("{n} events in {year}")), events)
}

/// Events from 1800 to 2025 at all precisions.
pub fn long() -> Timeline {
    let mut rng = Lcg(7);
    let mut events = vec![
        between("c19", "18XX", "18XX", "The nineteenth century", &["era"]),
        between(
            "railways",
            "1830",
            "1870",
            "Railway boom across Europe",
            &["economy"],
        ),
        on("1848", "1848", "Revolutions of 1848", &["politics"]),
        on("1914", "1914-07-28", "First World War begins", &["war"]),
        between(
            "ww1",
            "1914-07-28",
            "1918-11-11",
            "First World War",
            &["war"],
        ),
        between(
            "ww2",
            "1939-09-01",
            "1945-09-02",
            "Second World War",
            &["war"],
        ),
        on(
            "1960s",
            "196X",
            "Decolonisation of most of Africa",
            &["politics"],
        ),
        between("cold", "~1947", "1991-12-26", "Cold War", &["politics"]),
        on(
            "moon",
            "1969-07-20",
            "First crewed Moon landing",
            &["science"],
        ),
        between(
            "web",
            "1991",
            "",
            "The World Wide Web, still running",
            &["science"],
        ),
        on("2008", "2008-09", "Global financial crisis", &["economy"]),
        on(
            "2020",
            "2020-03",
            "COVID-19 declared a pandemic",
            &["health"],
        ),
        on("2025", "2025-01-01", "End of the chart", &[]),
    ];
    for i in 0..30 {
        let y = 1800 + rng.below(225) as i32;
        let t = title(&mut rng, i);
        events.push(on(&format!("g{i}"), &format!("{y}"), &t, &["misc"]));
    }
    timeline(Some("Two centuries at a glance"), events)
}

/// Makes a date by hand (keeps `Date` in use for callers).
pub fn day(y: i32, m: u32, dd: u32) -> Date {
    match Date::day(y, m, dd) {
        Ok(v) => v,
        Err(e) => panic!("bad fixture day: {e}"),
    }
}

/// Every precision and qualifier once: day, month, year, approximate,
/// uncertain, inferred, intervals with fuzzy and open ends.
pub fn qualifiers() -> Timeline {
    let mut inferred = on(
        "inferred",
        "2019-06-15",
        "Inferred from a duration",
        &["derived"],
    );
    inferred.inferred = true;
    timeline(
        Some("Precisions & qualifiers"),
        vec![
            on("day", "2019-03-04", "A day", &["exact"]),
            on("month", "2019-05", "A month", &["exact"]),
            on("year", "2018", "A year", &["exact"]),
            on("approx", "~2019-09", "About September", &["vague"]),
            on("unsure", "2019-11-20?", "Perhaps this day", &["vague"]),
            inferred,
            between(
                "span",
                "2018-10",
                "2019-02",
                "An interval of months",
                &["exact"],
            ),
            between("fuzzy", "~2019-07", "2019-12?", "Fuzzy ends", &["vague"]),
            between("open", "2019-08-01", "", "Still going", &[]),
        ],
    )
}

const NEWS_WORDS: &[&str] = &[
    "river",
    "rises",
    "above",
    "the",
    "old",
    "levee",
    "at",
    "Arvel",
    "council",
    "orders",
    "evacuation",
    "of",
    "harbour",
    "quarter",
    "soldiers",
    "fill",
    "breach",
    "with",
    "sandbags",
    "minister",
    "visits",
    "crisis",
    "staff",
    "in",
    "Talmere",
    "schools",
    "close",
    "across",
    "valley",
    "railway",
    "line",
    "cut",
    "dam",
    "operators",
    "open",
    "spillway",
    "gauge",
    "reads",
    "metres",
    "near",
    "record",
    "farmers",
    "ask",
    "for",
    "emergency",
    "aid",
    "bridge",
    "closed",
    "to",
    "traffic",
    "residents",
    "return",
    "homes",
    "damage",
    "put",
    "at",
    "million",
    "euros",
    "inquiry",
    "hears",
    "engineers",
];

/// A news-like title of 4 to 11 words (the events stage writes titles of
/// at most about 80 characters).
fn news_title(rng: &mut Lcg) -> String {
    let n = 4 + rng.below(8) as usize;
    let mut words: Vec<String> = (0..n)
        .map(|_| NEWS_WORDS[rng.below(NEWS_WORDS.len() as u64) as usize].to_string())
        .collect();
    let first = &mut words[0];
    *first = first[..1].to_uppercase() + &first[1..];
    words.join(" ")
}

/// Shaped like the timeline of `articles` news articles about one story
/// (what `timeline build news/ -o news` gives): decades of background,
/// a dense fortnight with several events a day, months of aftermath,
/// intervals with open starts and ends, a few tags, mixed confidence.
pub fn news(articles: usize, seed: u64) -> Timeline {
    let mut rng = Lcg(seed);
    let tags = ["flood", "politics", "dam", "transport", "aid", "levee"];
    let mut events = Vec::new();
    let mut push = |mut e: Event, rng: &mut Lcg| {
        let i = events.len();
        e.id = format!("n{i}");
        e.confidence = Some([0.6, 0.65, 0.75, 0.8, 0.85, 0.9][rng.below(6) as usize]);
        let k = rng.below(10);
        e.tags = match k {
            0..=2 => vec![],
            3..=7 => vec![tags[rng.below(6) as usize].to_string()],
            _ => vec![
                tags[rng.below(3) as usize].to_string(),
                tags[3 + rng.below(3) as usize].to_string(),
            ],
        };
        events.push(e);
    };
    for _ in 0..articles {
        // Each article: one or two pieces of background, four to seven
        // events of the fortnight, one or two of the aftermath, and now
        // and then an interval.
        for _ in 0..1 + rng.below(2) {
            let y = 1950 + rng.below(62) as i32;
            let t = news_title(&mut rng);
            let e = if rng.below(3) == 0 {
                on("", &format!("{y}-{:02}", 1 + rng.below(12)), &t, &[])
            } else {
                on("", &format!("{y}"), &t, &[])
            };
            push(e, &mut rng);
        }
        for _ in 0..4 + rng.below(4) {
            let d = 14 + rng.below(14) as u32;
            let t = news_title(&mut rng);
            push(on("", &format!("2013-03-{d:02}"), &t, &[]), &mut rng);
        }
        for _ in 0..1 + rng.below(2) {
            let m = 4 + rng.below(9) as u32;
            let t = news_title(&mut rng);
            push(on("", &format!("2013-{m:02}"), &t, &[]), &mut rng);
        }
        if rng.below(3) == 0 {
            let t = news_title(&mut rng);
            let e = match rng.below(3) {
                0 => between("", "", "2012-06", &t, &[]),
                1 => between("", &format!("{}", 1990 + rng.below(20)), "", &t, &[]),
                _ => between("", "2014", "2016", &t, &[]),
            };
            push(e, &mut rng);
        }
    }
    timeline(Some("The Lenne floods"), events)
}
