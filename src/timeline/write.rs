//! Writing a timeline in canonical form.
//!
//! Canonical form: the header comment, then `version`, `title`, `colors`
//! (by tag name), `events`,
//! `deleted`, `generated` in that order; event keys in the order `id`,
//! `when`, `title`, `tags`, `inferred`, `confidence`, `sources`; source keys
//! `file`, `line`, `span`, `quote`, `rules`. Keys holding their default
//! (no tags, not inferred, no confidence, no sources, no rules) are left
//! out. Dates are always double-quoted EDTF strings (`"1991"`, never the
//! YAML integer `1991`), so that every YAML tool reads them as text.
//! Other strings are plain when that is unambiguous and double-quoted
//! otherwise. Two spaces indent, one value per line, UTF-8, `\n` line ends.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::date::DateSpec;

use super::{Event, Source, Timeline, When};

/// The comment that opens every file this tool writes.
pub const HEADER: &str = "# timeline: edit freely; `timeline build` keeps your edits (`timeline schema` describes the format).";

/// One output line and the paths of the file's nodes that start on it,
/// outermost first (`events/0`, `events/0/id`), so comments can find their
/// place again (see [`format`](super::format)).
#[derive(Debug, Default)]
pub(crate) struct Line {
    pub text: String,
    pub paths: Vec<String>,
}

/// Canonical lines being written.
#[derive(Debug, Default)]
pub(crate) struct Lines(pub Vec<Line>);

/// Where canonical lines go: [`Lines`] (with the paths, for `format`) or
/// [`Text`] (the text only, for writing a file without holding a line list).
pub(crate) trait Out {
    /// Appends one line and the paths of the nodes starting on it.
    fn push(&mut self, text: String, paths: &[&str]);
}

impl Out for Lines {
    fn push(&mut self, text: String, paths: &[&str]) {
        self.0.push(Line {
            text,
            paths: paths.iter().map(|p| p.to_string()).collect(),
        });
    }
}

/// Canonical text being written, each line ending in `\n`.
#[derive(Debug, Default)]
pub(crate) struct Text(pub String);

impl Out for Text {
    fn push(&mut self, text: String, _paths: &[&str]) {
        self.0.push_str(&text);
        self.0.push('\n');
    }
}

/// Writes `t` in canonical form.
///
/// Events without an id get their [`event_id`](super::event_id), and
/// shared ids are made unique (see [`assign_ids`](super::assign_ids)), so a
/// fresh extraction can be written directly. The `generated:` list is the sorted ids of all events and
/// tombstones: the record [`update`](super::update) uses to notice events
/// the user deletes.
pub fn to_yaml(t: &Timeline) -> String {
    let mut out = Text::default();
    write_to(&mut out, t, &[]);
    out.0
}

/// The `generated:` record of a file holding `t`, whose previous record was
/// `previous`: every id in the file, in `deleted:`, or recorded before;
/// sorted, without duplicates.
pub(crate) fn generated_record(t: &Timeline, previous: &[String]) -> Vec<String> {
    let ids: BTreeSet<&str> = t
        .events
        .iter()
        .map(|e| e.id.as_str())
        .chain(t.deleted.iter().map(String::as_str))
        .chain(previous.iter().map(String::as_str))
        .filter(|id| !id.trim().is_empty())
        .collect();
    ids.into_iter().map(str::to_string).collect()
}

/// `t` in canonical form, line by line; `previous` is the file's old
/// `generated:` record, kept.
pub(crate) fn lines(t: &Timeline, previous: &[String]) -> Lines {
    let mut out = Lines::default();
    write_to(&mut out, t, previous);
    out
}

/// Writes `t` in canonical form to `out`; `previous` is the file's old
/// `generated:` record, kept.
fn write_to(out: &mut impl Out, t: &Timeline, previous: &[String]) {
    let with_ids;
    let t = if super::id::needs_ids(t) {
        let mut c = t.clone();
        super::assign_ids(&mut c);
        with_ids = c;
        &with_ids
    } else {
        t
    };
    out.push(HEADER.to_string(), &[]);
    out.push(format!("version: {}", t.version), &["version"]);
    if let Some(title) = &t.title {
        out.push(format!("title: {}", scalar(title, false)), &["title"]);
    }
    if !t.colors.is_empty() {
        out.push("colors:".to_string(), &["colors"]);
        for (tag, c) in &t.colors {
            out.push(
                format!("  {}: \"{c}\"", scalar(tag, true)),
                &[&format!("colors/{tag}")],
            );
        }
    }
    if t.events.is_empty() {
        out.push("events: []".to_string(), &["events"]);
    } else {
        out.push("events:".to_string(), &["events"]);
        for (i, e) in t.events.iter().enumerate() {
            event_lines(out, e, 2, &format!("events/{i}"));
        }
    }
    id_list(out, "deleted", &t.deleted, true);
    id_list(out, "generated", &generated_record(t, previous), false);
}

fn id_list(out: &mut impl Out, key: &str, ids: &[String], always: bool) {
    if ids.is_empty() {
        if always {
            out.push(format!("{key}: []"), &[key]);
        }
        return;
    }
    out.push(format!("{key}:"), &[key]);
    for (i, id) in ids.iter().enumerate() {
        out.push(
            format!("  - {}", scalar(id, false)),
            &[&format!("{key}/{i}")],
        );
    }
}

/// Writes one event as a block sequence item whose `-` is at column
/// `indent` (0-based).
pub(crate) fn write_event(out: &mut String, e: &Event, indent: usize) {
    let mut text = Text(std::mem::take(out));
    event_lines(&mut text, e, indent, "");
    *out = text.0;
}

fn event_lines(out: &mut impl Out, e: &Event, indent: usize, path: &str) {
    let pad = " ".repeat(indent);
    let p = |k: &str| format!("{path}/{k}");
    out.push(
        format!("{pad}- id: {}", scalar(&e.id, false)),
        &[path, &p("id")],
    );
    let pad = " ".repeat(indent + 2);
    out.push(format!("{pad}when: {}", when(&e.when)), &[&p("when")]);
    out.push(
        format!("{pad}title: {}", scalar(&e.title, false)),
        &[&p("title")],
    );
    if !e.tags.is_empty() {
        out.push(format!("{pad}tags: {}", flow_list(&e.tags)), &[&p("tags")]);
    }
    if e.inferred {
        out.push(format!("{pad}inferred: true"), &[&p("inferred")]);
    }
    if let Some(c) = e.confidence {
        out.push(format!("{pad}confidence: {c}"), &[&p("confidence")]);
    }
    if !e.sources.is_empty() {
        out.push(format!("{pad}sources:"), &[&p("sources")]);
        for (j, s) in e.sources.iter().enumerate() {
            source_lines(out, s, indent + 4, &format!("{path}/sources/{j}"));
        }
    }
}

fn source_lines(out: &mut impl Out, s: &Source, indent: usize, path: &str) {
    let pad = " ".repeat(indent);
    let p = |k: &str| format!("{path}/{k}");
    out.push(
        format!("{pad}- file: {}", scalar(&s.file, false)),
        &[path, &p("file")],
    );
    let pad = " ".repeat(indent + 2);
    out.push(format!("{pad}line: {}", s.line), &[&p("line")]);
    out.push(
        format!("{pad}span: [{}, {}]", s.span.0, s.span.1),
        &[&p("span")],
    );
    out.push(
        format!("{pad}quote: {}", scalar(&s.quote, false)),
        &[&p("quote")],
    );
    if !s.rules.is_empty() {
        out.push(
            format!("{pad}rules: {}", flow_list(&s.rules)),
            &[&p("rules")],
        );
    }
}

fn date(d: &DateSpec) -> String {
    format!("\"{d}\"")
}

/// The canonical text of a `when` value.
pub(crate) fn when(w: &When) -> String {
    match w {
        When::On(d) => date(d),
        When::Between { start, end } => {
            let mut parts = Vec::new();
            if let Some(s) = start {
                parts.push(format!("start: {}", date(s)));
            }
            if let Some(e) = end {
                parts.push(format!("end: {}", date(e)));
            }
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// `[a, b]` with each item plain or quoted.
pub(crate) fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| scalar(s, true)).collect();
    format!("[{}]", items.join(", "))
}

/// A string as a YAML scalar: plain if that reads back as the same string
/// in every YAML 1.1/1.2 reader, double-quoted otherwise. `in_flow` is true
/// inside `[...]`, where `,[]{}` are special too.
pub(crate) fn scalar(s: &str, in_flow: bool) -> String {
    if plain_ok(s, in_flow) {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    if s.chars().any(needs_escape) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    // Anything that might read as a number, a date or a time.
    let numberish = s
        .chars()
        .all(|c| c.is_ascii_digit() || "-+.:_ eEtTzZxXoObB".contains(c));
    if numberish && (first.is_ascii_digit() || "+-.".contains(first)) {
        return false;
    }
    if lower.starts_with(".inf") || lower.starts_with(".nan") || lower.starts_with("-.inf") {
        return false;
    }
    true
}

/// A double-quoted YAML scalar with escapes.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters written as escapes: controls, line separators, the BOM and
/// everything outside YAML's printable set.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}
