//! Re-extraction that keeps hand edits: stable ids and [`update`].
//!
//! # Policy
//!
//! * Every event has a stable id ([`event_id`](super::event_id), see
//!   [`id`](super::id)): `e-`, the date, and up to four content words of
//!   the title, e.g. `e-2020-11-10-war-concluded-signing-statement`. The
//!   same statement always gets the same id.
//! * **An event already in the file belongs to the user.** `update` never
//!   changes it, whatever fresh extraction says: not its date, title, tags
//!   or sources. Edit anything; it stays.
//! * **New findings are added**: a fresh event whose id is neither in the
//!   file, nor in `deleted:`, nor in `generated:` is inserted into `events:`
//!   in date order, unless it quotes the same place (file and span) as an
//!   event in the file: that is the same statement, dated or titled
//!   differently by a newer extractor, and the user's copy stands.
//! * **Deleted events stay deleted.** `generated:` (bookkeeping at the end
//!   of the file; not part of the [`Timeline`] model) lists, sorted, the ids
//!   of all events and tombstones as they were when this tool last wrote the
//!   file. An id listed there that is in neither `events:` nor `deleted:`
//!   was deleted by the user since: `update` adds it to `deleted:` (a
//!   tombstone) and never adds the event again. You can also write ids into
//!   `deleted:` yourself. To bring an event back, remove its id from
//!   `deleted:` *and* `generated:`. `update` rewrites `generated:` whole;
//!   [`format`](super::format) keeps it.
//! * **User-added events, comments and layout stay**: `update` does not
//!   re-emit the file. It splices new event blocks and new list items into
//!   the original text, leaving every other byte as it was.
//! * A file with errors is never updated: `update` returns the diagnostics.

use std::collections::BTreeSet;

use super::diag::Diagnostics;
use super::id::assign_ids;
use super::load::load;
use super::node::{Kind, Node, Pos};
use super::write::{generated_record, quoted, scalar, to_yaml, write_event};
use super::{Event, Timeline, When};

/// Merges freshly extracted events into an existing (possibly hand-edited)
/// file's text and returns the new text; see the module docs for the
/// policy. An empty `existing` text gives the first version of the file,
/// the same as [`to_yaml`] of `fresh`.
pub fn update(existing: &str, file: &str, fresh: &Timeline) -> Result<String, Diagnostics> {
    update_parsed(existing, file, fresh).map(|u| u.text)
}

/// The result of [`update_parsed`]: the new text and the timeline it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Updated {
    /// The file's new text.
    pub text: String,
    /// The timeline that text loads as (the user's edits included).
    pub timeline: Timeline,
}

/// [`update`], also returning the timeline of the new text, so that a
/// build parses the file once (to chart it, count its events, ...).
pub fn update_parsed(existing: &str, file: &str, fresh: &Timeline) -> Result<Updated, Diagnostics> {
    update_owned(existing, file, fresh.clone())
}

/// [`update_parsed`] taking `fresh` by value, which a new file's timeline
/// becomes (no copy of a large extraction).
pub fn update_owned(
    existing: &str,
    file: &str,
    mut fresh: Timeline,
) -> Result<Updated, Diagnostics> {
    assign_ids(&mut fresh);
    if existing.trim().is_empty() {
        fresh.version = super::FORMAT_VERSION;
        // `to_yaml` of a timeline with unique ids loads as that timeline.
        return Ok(Updated {
            text: to_yaml(&fresh),
            timeline: fresh,
        });
    }
    let (bom, src) = match existing.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", existing),
    };
    // A file with only CR line ends (old Mac style) is edited with LF ends
    // and given its CRs back: YAML reads a lone CR as a line break, so
    // lines and positions are the same in both.
    let cr_only = src.contains('\r') && !src.contains('\n');
    let normalised;
    let src = if cr_only {
        normalised = src.replace('\r', "\n");
        normalised.as_str()
    } else {
        src
    };
    let loaded = load(src, file)?;
    let old = &loaded.timeline;
    let in_file: BTreeSet<&str> = old.events.iter().map(|e| e.id.as_str()).collect();
    let deleted: BTreeSet<&str> = old.deleted.iter().map(String::as_str).collect();
    let generated: BTreeSet<&str> = loaded.generated.iter().map(String::as_str).collect();

    // Tombstones for events the tool wrote and the user removed.
    let new_tombstones: Vec<String> = loaded
        .generated
        .iter()
        .filter(|id| !in_file.contains(id.as_str()) && !deleted.contains(id.as_str()))
        .cloned()
        .collect();
    // The places the file's events quote: a fresh event quoting one of
    // them is a statement the file already has.
    let quoted: BTreeSet<(&str, (usize, usize))> = old
        .events
        .iter()
        .flat_map(|e| e.sources.iter().map(|s| (s.file.as_str(), s.span)))
        .collect();
    // New findings.
    let added: Vec<&Event> = fresh
        .events
        .iter()
        .filter(|e| {
            let id = e.id.as_str();
            !in_file.contains(id)
                && !deleted.contains(id)
                && !generated.contains(id)
                && !e
                    .sources
                    .iter()
                    .any(|s| quoted.contains(&(s.file.as_str(), s.span)))
        })
        .collect();
    // The record after this update.
    let mut after = old.clone();
    after.events.extend(added.iter().map(|e| (*e).clone()));
    after.deleted.extend(new_tombstones.iter().cloned());
    let record = generated_record(&after, &loaded.generated);

    let map = Map::new(src);
    let mut edits: Vec<Edit> = Vec::new();
    let top = top_fields(&loaded.root);
    let field = |name: &str| {
        top.iter()
            .find(|(k, _, _)| k == name)
            .map(|(_, k, v)| (*k, *v))
    };
    let change = Change {
        added: &added,
        tombstones: &new_tombstones,
        record: (record != loaded.generated).then_some(&record[..]),
    };
    if matches!(loaded.root.kind, Kind::Map { flow: true, .. }) {
        flow_edits(&map, &loaded.root, &top, &change, &mut edits);
    } else {
        block_edits(src, &map, &loaded, &field, &change, &mut edits);
    }
    if src.contains("\r\n") {
        // Keep the file's line ends.
        for e in &mut edits {
            e.text = e.text.replace('\n', "\r\n");
        }
    }
    let mut out = apply(src, edits);
    if cr_only {
        out = out.replace('\n', "\r");
    }
    out.insert_str(0, bom);
    // The result must load: never hand back a file we cannot read. Its
    // problems would name lines of a text the user has never seen, so they
    // are reported against the user's file.
    let timeline = match load(&out, file) {
        Ok(l) => l.timeline,
        Err(_) => {
            let (message, hint) = match super::limits::check(&out) {
                Err(limit) => (limit, "split the timeline into several files".to_string()),
                Ok(()) => (
                    "cannot add the new events to this file without breaking its layout; nothing was written".to_string(),
                    "run `timeline fmt` on the file to rewrite it in canonical form, then run the command again".to_string(),
                ),
            };
            return Err(Diagnostics(vec![
                super::diag::Diagnostic::new(file, 1, 1, message).with_hint(hint),
            ]));
        }
    };
    Ok(Updated {
        text: out,
        timeline,
    })
}

/// The edits to a block-style file (the usual layout).
fn block_edits<'n>(
    src: &str,
    map: &Map<'_>,
    loaded: &super::load::Loaded,
    field: &dyn Fn(&str) -> Option<(&'n Node, &'n Node)>,
    change: &Change<'_>,
    edits: &mut Vec<Edit>,
) {
    let (added, new_tombstones) = (change.added, change.tombstones);
    let old = &loaded.timeline;
    let src_end = doc_end(src, map, &loaded.root);
    if let Some((key, value)) = field("events") {
        insert_events(src, map, key, value, &old.events, added, edits);
    }
    if !new_tombstones.is_empty() {
        match field("deleted") {
            Some((k, v)) => append_items(src, map, k, v, new_tombstones, edits),
            None => {
                // Before `generated:` if there is one, else at the end.
                let mut e = append_at_end(src, src_end, "deleted", new_tombstones);
                if let Some((k, _)) = field("generated") {
                    e.at = map.line_start(k.start.line);
                    e.text = block_list("deleted", new_tombstones);
                }
                edits.push(e);
            }
        }
    }
    if let Some(record) = change.record {
        match field("generated") {
            Some((k, v)) => {
                // Machine bookkeeping: rewritten whole, sorted.
                let last = match &v.kind {
                    _ if v.is_null() => k.start.line,
                    Kind::Seq { flow: false, items } if !items.is_empty() => {
                        last_line(&items[items.len() - 1])
                    }
                    _ => v.end.line,
                };
                let from = map.line_start(k.start.line);
                let to = map.line_end(last);
                let mut text = block_list("generated", record);
                if to == src.len() && !src.ends_with('\n') {
                    text.pop();
                }
                edits.push(Edit {
                    at: from,
                    remove: to - from,
                    text,
                });
            }
            None => edits.push(append_at_end(src, src_end, "generated", record)),
        }
    }
}

/// Where the document ends: before a `...` end marker line following the
/// root node, else at the end of the text. New top-level keys go there.
fn doc_end(src: &str, map: &Map<'_>, root: &Node) -> usize {
    let mut line = last_line(root) + 1;
    while map.line_start(line) < src.len() {
        let text = map.line_text(line);
        if text == "..." || text.starts_with("... ") || text.starts_with("...#") {
            return map.line_start(line);
        }
        line += 1;
    }
    src.len()
}

/// What an update adds to a file.
struct Change<'a> {
    added: &'a [&'a Event],
    tombstones: &'a [String],
    /// The new `generated:` record, when it changed.
    record: Option<&'a [String]>,
}

/// The edits to a file whose root is a flow mapping (`{"version": 1,
/// "events": [...]}`, JSON written as YAML): new events go into the
/// `events` list as JSON objects, lists are rewritten as JSON arrays, new
/// keys go after the last entry, so the file stays JSON-like.
fn flow_edits(
    map: &Map<'_>,
    root: &Node,
    top: &[(String, &Node, &Node)],
    change: &Change<'_>,
    edits: &mut Vec<Edit>,
) {
    let field = |name: &str| top.iter().find(|(k, _, _)| k == name).map(|(_, _, v)| *v);
    // After the last entry's value: new keys go there.
    let after_last_entry = match &root.kind {
        Kind::Map { entries, .. } => entries.last().map(|(_, v)| map.byte(v.end)),
        _ => None,
    };
    let mut new_key = |key: &str, value: String| {
        if let Some(at) = after_last_entry {
            edits.push(Edit {
                at,
                remove: 0,
                text: format!(", {}: {value}", quoted(key)),
            });
        }
    };
    let mut pending: Vec<Edit> = Vec::new();
    if !change.added.is_empty() {
        let objects: Vec<String> = change.added.iter().map(|e| flow_event(e)).collect();
        if let Some(v) = field("events") {
            match &v.kind {
                Kind::Seq { flow: true, items } if !items.is_empty() => pending.push(Edit {
                    at: map.byte(items[items.len() - 1].end),
                    remove: 0,
                    text: format!(", {}", objects.join(", ")),
                }),
                _ => pending.push(replace_node(map, v, format!("[{}]", objects.join(", ")))),
            }
        }
    }
    if !change.tombstones.is_empty() {
        match field("deleted") {
            Some(v) => {
                let mut all: Vec<String> = match &v.kind {
                    Kind::Seq { items, .. } => items
                        .iter()
                        .filter_map(|n| n.scalar().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                };
                all.extend(change.tombstones.iter().cloned());
                pending.push(replace_node(map, v, json_list(&all)));
            }
            None => new_key("deleted", json_list(change.tombstones)),
        }
    }
    if let Some(record) = change.record {
        match field("generated") {
            Some(v) => pending.push(replace_node(map, v, json_list(record))),
            None => new_key("generated", json_list(record)),
        }
    }
    edits.extend(pending);
}

/// An edit replacing a whole node by `text`.
fn replace_node(map: &Map<'_>, node: &Node, text: String) -> Edit {
    let (from, to) = (map.byte(node.start), map.byte(node.end));
    Edit {
        at: from,
        remove: to.saturating_sub(from),
        text,
    }
}

/// `["a", "b"]`: a JSON array of strings (valid YAML).
fn json_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// An event as one JSON object (valid YAML flow mapping), keys in
/// canonical order.
fn flow_event(e: &Event) -> String {
    let date = |d: &crate::date::DateSpec| quoted(&d.to_string());
    let when = match &e.when {
        When::On(d) => date(d),
        When::Between { start, end } => {
            let mut parts = Vec::new();
            if let Some(s) = start {
                parts.push(format!("\"start\": {}", date(s)));
            }
            if let Some(x) = end {
                parts.push(format!("\"end\": {}", date(x)));
            }
            format!("{{{}}}", parts.join(", "))
        }
    };
    let mut out = format!(
        "{{\"id\": {}, \"when\": {when}, \"title\": {}",
        quoted(&e.id),
        quoted(&e.title)
    );
    if !e.tags.is_empty() {
        out.push_str(&format!(", \"tags\": {}", json_list(&e.tags)));
    }
    if e.inferred {
        out.push_str(", \"inferred\": true");
    }
    if let Some(c) = e.confidence {
        out.push_str(&format!(", \"confidence\": {c}"));
    }
    if !e.sources.is_empty() {
        let sources: Vec<String> = e
            .sources
            .iter()
            .map(|s| {
                let mut o = format!(
                    "{{\"file\": {}, \"line\": {}, \"span\": [{}, {}], \"quote\": {}",
                    quoted(&s.file),
                    s.line,
                    s.span.0,
                    s.span.1,
                    quoted(&s.quote)
                );
                if !s.rules.is_empty() {
                    o.push_str(&format!(", \"rules\": {}", json_list(&s.rules)));
                }
                o.push('}');
                o
            })
            .collect();
        out.push_str(&format!(", \"sources\": [{}]", sources.join(", ")));
    }
    out.push('}');
    out
}

/// `key:` and a block list of `ids`, canonical.
fn block_list(key: &str, ids: &[String]) -> String {
    let mut text = format!("{key}:\n");
    for id in ids {
        text.push_str("  - ");
        text.push_str(&scalar(id, false));
        text.push('\n');
    }
    text
}

/// A new top-level list at the end of the document (byte `at`).
fn append_at_end(src: &str, at: usize, key: &str, ids: &[String]) -> Edit {
    let mut text = block_list(key, ids);
    if at > 0 && !src[..at].ends_with('\n') {
        text.insert(0, '\n');
    }
    Edit {
        at,
        remove: 0,
        text,
    }
}

/// A text splice: remove `remove` bytes at byte `at`, insert `text`.
struct Edit {
    at: usize,
    remove: usize,
    text: String,
}

fn apply(src: &str, mut edits: Vec<Edit>) -> String {
    // Stable by position; later positions first so offsets stay valid.
    edits.sort_by_key(|e| e.at);
    let mut out = src.to_string();
    for e in edits.iter().rev() {
        out.replace_range(e.at..e.at + e.remove, &e.text);
    }
    out
}

/// Byte offsets of lines, to turn [`Pos`] into byte positions.
struct Map<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> Map<'a> {
    fn new(src: &'a str) -> Map<'a> {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Map { src, starts }
    }

    /// Byte offset of the start of 1-based `line`.
    fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.src.len())
    }

    /// Byte offset just after the line break ending 1-based `line`.
    fn line_end(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.src.len())
    }

    fn line_text(&self, line: usize) -> &'a str {
        let s = self.line_start(line);
        let e = self.line_end(line);
        self.src[s..e].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of a position.
    fn byte(&self, p: Pos) -> usize {
        let s = self.line_start(p.line);
        let line = self.line_text(p.line);
        s + line
            .char_indices()
            .nth(p.col - 1)
            .map_or(line.len(), |(i, _)| i)
    }
}

fn top_fields(root: &Node) -> Vec<(String, &Node, &Node)> {
    match &root.kind {
        Kind::Map { entries, .. } => entries
            .iter()
            .filter_map(|(k, v)| k.scalar().map(|s| (s.to_string(), k, v)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The last line a node occupies (a block node ends where its last child
/// ends; a position at column 1 belongs to the line before).
fn last_line(n: &Node) -> usize {
    if n.end.col == 1 && n.end.line > n.start.line {
        n.end.line - 1
    } else {
        n.end.line
    }
}

/// The column (0-based, in characters) of the `-` that introduces a block
/// sequence item starting at `p`.
fn dash_indent(map: &Map<'_>, p: Pos) -> usize {
    let line: Vec<char> = map.line_text(p.line).chars().collect();
    let before = &line[..(p.col - 1).min(line.len())];
    before.iter().rposition(|&c| c == '-').unwrap_or(0)
}

/// Where a new item must go to come before `item`: the start of its line,
/// moved up over the comment lines directly above it (they describe it).
fn before_item(map: &Map<'_>, item: &Node) -> usize {
    let mut line = item.start.line;
    while line > 1 && map.line_text(line - 1).trim_start().starts_with('#') {
        line -= 1;
    }
    map.line_start(line)
}

fn insert_events(
    src: &str,
    map: &Map<'_>,
    key: &Node,
    node: &Node,
    old: &[Event],
    added: &[&Event],
    edits: &mut Vec<Edit>,
) {
    if added.is_empty() {
        return;
    }
    let block_items = match &node.kind {
        Kind::Seq { flow: false, items } if !items.is_empty() => Some(items),
        _ => None,
    };
    let Some(items) = block_items else {
        // `events: []`, `events:` or a flow list: replace the value by a
        // block list of the old and new events in canonical form, written
        // right after the `events:` line.
        let mut all: Vec<&Event> = old.iter().collect();
        all.extend(added.iter().copied());
        let mut text = String::new();
        for e in all {
            write_event(&mut text, e, 2);
        }
        block_value(src, map, key, node, text, edits);
        return;
    };
    let indent = dash_indent(map, items[0].start);
    // Sort keys of the events as they stand in the file (items that failed
    // to load cannot exist here: the file loaded without errors).
    let keys: Vec<_> = old.iter().map(|e| e.when.sort_key()).collect();
    for e in added {
        let key = e.when.sort_key();
        let pos = keys
            .iter()
            .position(|k| match (k, key) {
                (Some(k), Some(key)) => *k > key,
                (None, Some(_)) => true,
                _ => false,
            })
            .filter(|&i| i < items.len());
        let mut text = String::new();
        write_event(&mut text, e, indent);
        edits.push(match pos {
            Some(i) => Edit {
                at: before_item(map, &items[i]),
                remove: 0,
                text,
            },
            None => after_last(src, map, &items[items.len() - 1], text),
        });
    }
}

/// An edit inserting `text` (whole lines) after the line of `last`, the last
/// item of a block list; a file without a final newline gets one first.
fn after_last(src: &str, map: &Map<'_>, last: &Node, mut text: String) -> Edit {
    let at = map.line_end(last_line(last));
    if at == src.len() && !src.ends_with('\n') {
        text.insert(0, '\n');
    }
    Edit {
        at,
        remove: 0,
        text,
    }
}

/// Appends ids to a top-level list, keeping its style.
fn append_items(
    src: &str,
    map: &Map<'_>,
    key: &Node,
    node: &Node,
    ids: &[String],
    edits: &mut Vec<Edit>,
) {
    match &node.kind {
        Kind::Seq { flow: false, items } if !items.is_empty() => {
            let indent = dash_indent(map, items[0].start);
            let mut text = String::new();
            for id in ids {
                text.push_str(&" ".repeat(indent));
                text.push_str("- ");
                text.push_str(&scalar(id, false));
                text.push('\n');
            }
            edits.push(after_last(src, map, &items[items.len() - 1], text));
        }
        Kind::Seq { flow: true, items } if !items.is_empty() => {
            // Rewrite the flow list in place with the old and new items.
            let mut all: Vec<String> = items
                .iter()
                .filter_map(|n| n.scalar().map(str::to_string))
                .collect();
            all.extend(ids.iter().cloned());
            let start = map.byte(node.start);
            edits.push(Edit {
                at: start,
                remove: map.byte(node.end) - start,
                text: super::write::flow_list(&all),
            });
        }
        _ => {
            // `key:`, `key: []` or `key: ~`: a block list, as canonical.
            let mut text = String::new();
            for id in ids {
                text.push_str("  - ");
                text.push_str(&scalar(id, false));
                text.push('\n');
            }
            block_value(src, map, key, node, text, edits);
        }
    }
}

/// Replaces the value of `key` (empty, `~`, `[]` or a flow list written on
/// the key's line) by the block lines `text`, placed after that line.
fn block_value(
    src: &str,
    map: &Map<'_>,
    key: &Node,
    node: &Node,
    mut text: String,
    edits: &mut Vec<Edit>,
) {
    let (from, to) = (map.byte(node.start), map.byte(node.end));
    let on_key_line = node.start.line == key.start.line && to > from;
    if on_key_line {
        // Take the blanks before the value too when nothing follows it, so
        // no trailing space is left behind.
        let rest = &src[to..map.line_end(node.end.line)];
        let from = if rest.trim().is_empty() {
            src[..from].trim_end_matches([' ', '\t']).len()
        } else {
            from
        };
        edits.push(Edit {
            at: from,
            remove: to - from,
            text: String::new(),
        });
    }
    let line = if on_key_line {
        node.end.line
    } else {
        key.start.line
    };
    let at = map.line_end(line);
    if at == src.len() && !src.ends_with('\n') {
        text.insert(0, '\n');
    }
    edits.push(Edit {
        at,
        remove: 0,
        text,
    });
}
