//! Runs the example corpus beside each rule file (`src/tagger/rules/*.examples`)
//! at its fixed document date, and checks the rule set itself.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use timeline::tagger::{RULE_FILES, Tagger, Timex};

/// Tags `text` with the bundled tagger.
fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    Tagger::shared().unwrap().tag(text, dct)
}

/// One expected timex: byte span in the cleaned text, value, modifier, latent.
#[derive(Debug, PartialEq)]
struct Expect {
    start: usize,
    end: usize,
    value: String,
    modifier: Option<String>,
    latent: bool,
}

/// Removes `[`/`]` marks; returns the text and the marked byte spans.
fn unbracket(s: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open = None;
    for c in s.chars() {
        match c {
            '[' => open = Some(text.len()),
            ']' => {
                if let Some(o) = open.take() {
                    spans.push((o, text.len()));
                }
            }
            _ => text.push(c),
        }
    }
    if spans.is_empty() {
        spans.push((0, text.len()));
    }
    (text, spans)
}

fn check_file(name: &str, src: &str, failures: &mut Vec<String>) -> usize {
    let mut dct = None;
    let mut count = 0;
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        let at = format!("{name}.examples:{}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(d) = line.strip_prefix("@dct ") {
            dct = Some(NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").unwrap());
            continue;
        }
        count += 1;
        if let Some(text) = line.strip_prefix("- ") {
            let got = tag(text, dct);
            if !got.is_empty() {
                let found: Vec<String> = got
                    .iter()
                    .map(|t| format!("{:?}={}", &text[t.start..t.end], t.value))
                    .collect();
                failures.push(format!(
                    "{at}: `{text}` should have no timex, found {found:?}"
                ));
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("+ ") else {
            failures.push(format!("{at}: lines start with `+ `, `- `, `#` or `@dct`"));
            continue;
        };
        let Some((input, values)) = rest.rsplit_once(" => ") else {
            failures.push(format!("{at}: missing ` => VALUE`"));
            continue;
        };
        let (text, spans) = unbracket(input);
        let values: Vec<&str> = values.split(" | ").collect();
        if values.len() != spans.len() {
            failures.push(format!(
                "{at}: {} spans but {} values",
                spans.len(),
                values.len()
            ));
            continue;
        }
        let want: Vec<Expect> = spans
            .iter()
            .zip(&values)
            .map(|(&(start, end), v)| {
                let mut parts = v.split_whitespace();
                let value = parts.next().unwrap_or("").to_string();
                let mut modifier = None;
                let mut latent = false;
                for p in parts {
                    if let Some(m) = p.strip_prefix("mod=") {
                        modifier = Some(m.to_string());
                    } else if p == "latent" {
                        latent = true;
                    }
                }
                Expect {
                    start,
                    end,
                    value,
                    modifier,
                    latent,
                }
            })
            .collect();
        let got: Vec<Expect> = tag(&text, dct)
            .iter()
            .map(|t| Expect {
                start: t.start,
                end: t.end,
                value: t.value.timeml(),
                modifier: t.modifier.map(|m| m.as_str().to_string()),
                latent: t.latent,
            })
            .collect();
        if got != want {
            let show = |v: &[Expect]| -> Vec<String> {
                v.iter()
                    .map(|e| {
                        format!(
                            "{:?}={}{}{}",
                            text.get(e.start..e.end).unwrap_or("?"),
                            e.value,
                            e.modifier
                                .as_ref()
                                .map(|m| format!(" mod={m}"))
                                .unwrap_or_default(),
                            if e.latent { " latent" } else { "" }
                        )
                    })
                    .collect()
            };
            failures.push(format!(
                "{at}: `{text}`\n    want {:?}\n    got  {:?}",
                show(&want),
                show(&got)
            ));
        }
    }
    count
}

#[test]
fn example_corpora_pass() {
    let mut failures = Vec::new();
    let mut total = 0;
    for f in RULE_FILES {
        let n = check_file(f.name, f.examples, &mut failures);
        assert!(n >= 5, "{}.examples has only {n} examples", f.name);
        total += n;
    }
    assert!(
        failures.is_empty(),
        "{} of {total} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn bundled_rules_load() {
    let n = Tagger::bundled().unwrap().rules().count();
    assert!(n > 100, "only {n} rules");
}

#[test]
fn rule_names_are_unique() {
    let tagger = Tagger::shared().unwrap();
    let mut seen = BTreeSet::new();
    let dups: Vec<&str> = tagger
        .rules()
        .filter(|r| !seen.insert(r.name))
        .map(|r| r.name.as_str())
        .collect();
    assert!(dups.is_empty(), "duplicate rule names: {dups:?}");
}

#[test]
fn rule_names_carry_their_file() {
    // `date.*`/`time.*`/`neg.*` live in dates.rules, `relative.*` in
    // relative.rules, ...: the name says where to look.
    for r in Tagger::shared().unwrap().rules() {
        let prefix = r.name.as_str().split('.').next().unwrap_or("");
        let ok = match r.file {
            "dates.rules" => ["date", "time", "neg"].contains(&prefix),
            "relative.rules" => prefix == "relative",
            "durations.rules" => ["duration", "neg"].contains(&prefix),
            "sets.rules" => prefix == "set",
            "vague.rules" => prefix == "vague",
            _ => false,
        };
        assert!(ok, "rule {} is in {}:{}", r.name, r.file, r.line);
    }
}
