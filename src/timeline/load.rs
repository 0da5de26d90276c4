//! Reading a timeline file: YAML node tree → validated [`Timeline`].
//!
//! Validation is by hand over the span-carrying tree from [`node`](super::node),
//! so that every problem in the file is reported at once, each with its
//! position, rather than stopping at the first one as a serde deserializer
//! would.

use std::collections::BTreeMap;

use crate::date::{DateError, DateSpec};

use super::diag::{self, Diagnostic, Diagnostics};
use super::node::{self, Kind, Node, Pos};
use super::when::{parse_bound, parse_when_scalar};
use super::{Event, FORMAT_VERSION, Rgb, Source, Timeline, When};

pub use super::limits::MAX_FILE_BYTES;

/// At most this many diagnostics are reported for one file.
const MAX_DIAGNOSTICS: usize = 100;

pub(crate) const TOP_KEYS: &[&str] = &[
    "version",
    "title",
    "colors",
    "events",
    "deleted",
    "generated",
];
pub(crate) const EVENT_KEYS: &[&str] = &[
    "id",
    "when",
    "title",
    "tags",
    "inferred",
    "confidence",
    "sources",
];
pub(crate) const SOURCE_KEYS: &[&str] = &["file", "line", "span", "quote", "rules"];
pub(crate) const WHEN_KEYS: &[&str] = &["start", "end"];

/// What [`load`] found: the timeline and the tree it came from.
pub(crate) struct Loaded {
    pub timeline: Timeline,
    pub root: Node,
    /// The file's `generated:` list (bookkeeping of `update`, not part of
    /// the model).
    pub generated: Vec<String>,
}

struct Ctx<'a> {
    lines: Vec<&'a str>,
    file: &'a str,
    diags: Vec<Diagnostic>,
}

type Fields<'n> = BTreeMap<&'n str, (&'n Node, &'n Node)>;

impl<'a> Ctx<'a> {
    fn at(&mut self, node: &Node, msg: impl Into<String>, hint: impl Into<String>) {
        let width = node.width(&self.lines);
        self.at_pos(node.start, width, msg, hint);
    }

    fn at_pos(&mut self, p: Pos, width: usize, msg: impl Into<String>, hint: impl Into<String>) {
        let hint = hint.into();
        // The source line is attached later, only to the diagnostics shown.
        let mut d = Diagnostic::new(self.file, p.line, p.col, msg).with_width(width);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    fn wrong_type(&mut self, node: &Node, key: &str, expected: &str, example: &str) {
        let found = node.type_name();
        self.at(
            node,
            format!("`{key}` must be {expected}, found {found}"),
            format!("write `{key}: {example}`"),
        );
    }

    /// Checks a mapping's keys against `allowed`; returns the known fields.
    fn fields<'n>(&mut self, map: &'n Node, allowed: &[&str], what: &str) -> Fields<'n> {
        let mut out: Fields<'n> = BTreeMap::new();
        let Kind::Map { entries, .. } = &map.kind else {
            return out;
        };
        for (k, v) in entries {
            let Some(name) = k.scalar() else { continue };
            if !allowed.contains(&name) {
                let hint = match did_you_mean(name, allowed) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("{what} keys are: {}", allowed.join(", ")),
                };
                self.at(k, format!("unknown key `{name}` in {what}"), hint);
                continue;
            }
            if let Some((first, _)) = out.get(name) {
                let line = first.start.line;
                self.at(
                    k,
                    format!("duplicate key `{name}` in {what}"),
                    format!("`{name}` is already set at line {line}; keep one of them"),
                );
                continue;
            }
            out.insert(name, (k, v));
        }
        out
    }

    fn required<'n>(
        &mut self,
        map: &Node,
        fields: &Fields<'n>,
        key: &str,
        what: &str,
        example: &str,
    ) -> Option<&'n Node> {
        match fields.get(key) {
            Some((_, v)) => Some(v),
            None => {
                self.at_pos(
                    map.start,
                    1,
                    format!("{what} is missing required key `{key}`"),
                    format!("add `{key}: {example}`"),
                );
                None
            }
        }
    }

    /// A non-empty single string.
    fn string(&mut self, node: &Node, key: &str, example: &str) -> Option<String> {
        match &node.kind {
            Kind::Scalar { value, .. } if !node.is_null() && !value.trim().is_empty() => {
                Some(value.clone())
            }
            Kind::Scalar { .. } => {
                self.at(
                    node,
                    format!("`{key}` must not be empty"),
                    format!("write `{key}: {example}`"),
                );
                None
            }
            _ => {
                self.wrong_type(node, key, "a string", example);
                None
            }
        }
    }

    fn string_list(&mut self, node: &Node, key: &str, example: &str) -> Vec<String> {
        if node.is_null() {
            return Vec::new();
        }
        let Kind::Seq { items, .. } = &node.kind else {
            self.wrong_type(node, key, "a list of strings", example);
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, key, example))
            .collect()
    }

    fn uint(&mut self, node: &Node, key: &str, example: &str) -> Option<usize> {
        match &node.kind {
            Kind::Scalar { value, plain: true } => match value.parse::<usize>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.wrong_type(node, key, "a whole number ≥ 0", example);
                    None
                }
            },
            _ => {
                self.wrong_type(node, key, "a whole number ≥ 0", example);
                None
            }
        }
    }

    fn date(&mut self, node: &Node, key: &str) -> Option<DateSpec> {
        let Some(text) = node.scalar().filter(|_| !node.is_null()) else {
            self.wrong_type(node, key, "a date", "\"2021-09\"");
            return None;
        };
        let plain = matches!(node.kind, Kind::Scalar { plain: true, .. });
        match parse_bound(text, key == "start", plain) {
            Ok(d) => Some(d),
            Err(e) => {
                self.date_error(node, &e);
                None
            }
        }
    }

    fn date_error(&mut self, node: &Node, e: &DateError) {
        self.at(node, e.to_string(), e.hint().unwrap_or_default());
    }
}

/// Edit distance between two short strings (Levenshtein).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The allowed key closest to `name`, if it is close enough to be a typo.
fn did_you_mean<'k>(name: &str, allowed: &[&'k str]) -> Option<&'k str> {
    let lower = name.to_lowercase();
    allowed
        .iter()
        .map(|k| (distance(&lower, k), *k))
        .filter(|&(d, k)| d <= 2 && d < k.len().max(2))
        .min()
        .map(|(_, k)| k)
}

/// Loads and validates `src`, reporting every problem.
pub(crate) fn load(src: &str, file: &str) -> Result<Loaded, Diagnostics> {
    if src.len() > MAX_FILE_BYTES {
        return Err(too_big(src.len(), file));
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if let Some(d) = binary_check(src.as_bytes(), file) {
        return Err(Diagnostics(vec![d]));
    }
    let root = match node::parse(src, file) {
        Ok(Some(root)) => root,
        Ok(None) => {
            return Err(Diagnostics(vec![
                Diagnostic::new(file, 1, 1, "the file is empty")
                    .with_hint("a timeline file starts with `version: 1` and `events:`"),
            ]));
        }
        Err(mut diags) => {
            // The file did not parse: nothing else was checked.
            if let Some(last) = diags.last_mut() {
                last.note = Some("the other checks run once this syntax error is fixed".into());
            }
            return Err(finish(diags, src, file));
        }
    };
    let mut cx = Ctx {
        lines: source_lines(src),
        file,
        diags: Vec::new(),
    };
    let (timeline, generated) = timeline(&mut cx, &root);
    if cx.diags.is_empty() {
        Ok(Loaded {
            timeline,
            root,
            generated,
        })
    } else {
        Err(finish(cx.diags, src, file))
    }
}

/// Sorts diagnostics by position, keeps the first [`MAX_DIAGNOSTICS`] and
/// gives those their source lines.
fn finish(mut diags: Vec<Diagnostic>, src: &str, file: &str) -> Diagnostics {
    diags.sort_by_key(|d| (d.line, d.column));
    let more = diags.len().saturating_sub(MAX_DIAGNOSTICS);
    diags.truncate(MAX_DIAGNOSTICS);
    // One pass over the lines for all diagnostics.
    let mut wanted: Vec<usize> = diags.iter().map(|d| d.line).collect();
    wanted.dedup();
    let mut texts = std::collections::BTreeMap::new();
    let mut next = wanted.iter().peekable();
    for (i, line) in source_lines(src).into_iter().enumerate() {
        let Some(&&w) = next.peek() else { break };
        if i + 1 == w {
            texts.insert(w, line);
            next.next();
        }
    }
    for d in &mut diags {
        d.source_line = texts.get(&d.line).map(|l| l.to_string());
    }
    if more > 0 {
        let last = diags.last().map_or(1, |d| d.line);
        diags.push(Diagnostic::new(
            file,
            last,
            1,
            format!(
                "{} not shown",
                diag::count(more, "more problem", "more problems")
            ),
        ));
    }
    Diagnostics(diags)
}

/// The lines of `src` as YAML counts them: a line ends at `\r\n`, `\n` or
/// a lone `\r`, so diagnostics name and show lines the file has.
fn source_lines(src: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = src.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&src[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&src[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&src[start..]);
    lines
}

fn too_big(len: usize, file: &str) -> Diagnostics {
    Diagnostics(vec![
        Diagnostic::new(
            file,
            1,
            1,
            format!(
                "the file is {len} bytes; timeline files are limited to {MAX_FILE_BYTES} bytes (64 MiB)"
            ),
        )
        .with_hint("split the timeline into several files"),
    ])
}

/// Refuses text with NUL bytes: a binary file, not YAML.
fn binary_check(bytes: &[u8], file: &str) -> Option<Diagnostic> {
    let at = bytes.iter().position(|&b| b == 0)?;
    let (line, col) = line_col(bytes, at);
    Some(
        Diagnostic::new(
            file,
            line,
            col,
            "this is a binary file, not YAML text (it contains a NUL byte)",
        )
        .with_hint("give the path of a timeline `.yaml` file"),
    )
}

/// 1-based line and column (in characters) of byte offset `at`, counting
/// only the valid UTF-8 before it.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Checks raw bytes are UTF-8 text; the error names the first bad byte.
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<String, Diagnostics> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len(), file));
    }
    if let Some(d) = binary_check(bytes, file) {
        return Err(Diagnostics(vec![d]));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let (line, col) = line_col(bytes, at);
            let line_text = String::from_utf8_lossy(
                bytes[..at]
                    .rsplit(|&b| b == b'\n')
                    .next()
                    .unwrap_or_default(),
            )
            .into_owned();
            let mut d = Diagnostic::new(
                file,
                line,
                col,
                format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[at]),
            )
            .with_hint("timeline files are UTF-8 text; re-save the file as UTF-8");
            d.source_line = Some(line_text);
            Err(Diagnostics(vec![d]))
        }
    }
}

fn timeline(cx: &mut Ctx<'_>, root: &Node) -> (Timeline, Vec<String>) {
    let mut t = Timeline::default();
    let mut generated = Vec::new();
    if !matches!(root.kind, Kind::Map { .. }) {
        cx.at(
            root,
            format!(
                "a timeline file must be a mapping of keys, found {}",
                root.type_name()
            ),
            "start the file with `version: 1` and `events:`",
        );
        return (t, generated);
    }
    let f = cx.fields(root, TOP_KEYS, "the timeline");
    if let Some(v) = cx.required(root, &f, "version", "the timeline", "1") {
        match cx.uint(v, "version", "1") {
            Some(n) if n == FORMAT_VERSION as usize => t.version = FORMAT_VERSION,
            Some(n) => cx.at(
                v,
                format!("unsupported format version {n}"),
                format!("this tool reads version {FORMAT_VERSION}"),
            ),
            None => {}
        }
    }
    if let Some((_, v)) = f.get("title") {
        if !v.is_null() {
            t.title = cx.string(v, "title", "Pakistan–Azerbaijan ties");
        }
    }
    if let Some((_, v)) = f.get("colors") {
        t.colors = colors(cx, v);
    }
    if let Some(v) = cx.required(root, &f, "events", "the timeline", "[]") {
        events(cx, v, &mut t);
    }
    if let Some((_, v)) = f.get("deleted") {
        t.deleted = cx.string_list(v, "deleted", "[e-2020-11-10-war-ends]");
    }
    if let Some((_, v)) = f.get("generated") {
        generated = cx.string_list(v, "generated", "[e-2020-11-10-war-ends]");
    }
    (t, generated)
}

/// `colors:`, a mapping of tag names to `"#rrggbb"` colours.
fn colors(cx: &mut Ctx<'_>, node: &Node) -> BTreeMap<String, Rgb> {
    let mut out = BTreeMap::new();
    if node.is_null() {
        return out;
    }
    let Kind::Map { entries, .. } = &node.kind else {
        cx.wrong_type(
            node,
            "colors",
            "a mapping of tags to colours",
            "{conflict: \"#d55e00\"}",
        );
        return out;
    };
    let mut lines: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, v) in entries {
        let Some(tag) = k.scalar().filter(|s| !k.is_null() && !s.trim().is_empty()) else {
            cx.at(
                k,
                "a colour needs a tag name",
                "write `colors: {conflict: \"#d55e00\"}`",
            );
            continue;
        };
        if let Some(line) = lines.get(tag) {
            let line = *line;
            cx.at(
                k,
                format!("duplicate colour for tag `{tag}`"),
                format!("`{tag}` already has a colour at line {line}; keep one of them"),
            );
            continue;
        }
        lines.insert(tag, k.start.line);
        let hint =
            format!("write a colour as \"#rrggbb\" or \"#rgb\", quoted, e.g. `{tag}: \"#d55e00\"`");
        match v.scalar().filter(|_| !v.is_null()) {
            None if v.is_null() => {
                let msg = format!("the colour of `{tag}` is missing");
                let hint = format!("{hint} (unquoted, `#` starts a comment)");
                // Point at an unquoted colour, which YAML read as a comment.
                let line = cx.lines.get(k.start.line - 1).copied().unwrap_or("");
                let after: String = line.chars().skip(k.start.col - 1).collect();
                match after.find('#') {
                    Some(i) => {
                        let col = k.start.col + after[..i].chars().count();
                        let width = after[i..].trim_end().chars().count();
                        let pos = Pos {
                            line: k.start.line,
                            col,
                        };
                        cx.at_pos(pos, width, msg, hint);
                    }
                    None => cx.at(v, msg, hint),
                }
            }
            None => cx.wrong_type(v, tag, "a colour", "\"#d55e00\""),
            Some(text) => match text.parse::<Rgb>() {
                Ok(c) => {
                    out.insert(tag.to_string(), c);
                }
                Err(e) => cx.at(v, e.to_string(), hint),
            },
        }
    }
    out
}

fn events(cx: &mut Ctx<'_>, node: &Node, t: &mut Timeline) {
    if node.is_null() {
        return;
    }
    let Kind::Seq { items, .. } = &node.kind else {
        cx.wrong_type(node, "events", "a list of events", "[]");
        return;
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        if !matches!(item.kind, Kind::Map { .. }) {
            cx.at(
                item,
                format!(
                    "an event must be a mapping with keys {}, found {}",
                    EVENT_KEYS.join(", "),
                    item.type_name()
                ),
                "write `- id: ...` then `when:` and `title:` on the next lines",
            );
            continue;
        }
        // Duplicate ids: report at the second one, even if either event
        // has other problems.
        let id_node = cx.fields_quiet(item).get("id").map(|(_, v)| *v);
        if let Some(v) = id_node {
            if let Some(id) = v.scalar().filter(|_| !v.is_null()) {
                if let Some(first) = seen.get(id) {
                    let first = *first;
                    cx.at(
                        v,
                        format!("duplicate id `{id}`"),
                        format!("ids must be unique; the first `{id}` is at line {first}"),
                    );
                    continue;
                }
                seen.insert(id.to_string(), v.start.line);
            }
        }
        let Some(e) = event(cx, item) else { continue };
        t.events.push(e);
    }
}

impl Ctx<'_> {
    /// The fields of a mapping without reporting anything.
    fn fields_quiet<'n>(&self, map: &'n Node) -> Fields<'n> {
        let mut out: Fields<'n> = BTreeMap::new();
        if let Kind::Map { entries, .. } = &map.kind {
            for (k, v) in entries {
                if let Some(name) = k.scalar() {
                    out.entry(name).or_insert((k, v));
                }
            }
        }
        out
    }
}

fn event(cx: &mut Ctx<'_>, item: &Node) -> Option<Event> {
    let f = cx.fields(item, EVENT_KEYS, "an event");
    let id = cx
        .required(item, &f, "id", "an event", "e-2020-11-10-war-ends")
        .and_then(|v| cx.string(v, "id", "e-2020-11-10-war-ends"));
    let when = cx
        .required(item, &f, "when", "an event", "\"2020-11-10\"")
        .and_then(|v| when(cx, v));
    let title = cx
        .required(item, &f, "title", "an event", "The war ends")
        .and_then(|v| cx.string(v, "title", "The war ends"));
    let tags = f
        .get("tags")
        .map(|(_, v)| cx.string_list(v, "tags", "[conflict]"))
        .unwrap_or_default();
    let inferred = match f.get("inferred") {
        None => false,
        Some((_, v)) => match &v.kind {
            Kind::Scalar { value, plain: true } if value == "true" => true,
            Kind::Scalar { value, plain: true } if value == "false" => false,
            _ => {
                cx.wrong_type(v, "inferred", "true or false", "true");
                false
            }
        },
    };
    let confidence = match f.get("confidence") {
        None => None,
        Some((_, v)) if v.is_null() => None,
        Some((_, v)) => match &v.kind {
            Kind::Scalar { value, plain: true } => match value.parse::<f64>() {
                Ok(c) if (0.0..=1.0).contains(&c) => Some(c),
                Ok(c) => {
                    cx.at(
                        v,
                        format!("`confidence` must be between 0 and 1, found {c}"),
                        "write `confidence: 0.9`",
                    );
                    None
                }
                Err(_) => {
                    cx.wrong_type(v, "confidence", "a number from 0 to 1", "0.9");
                    None
                }
            },
            _ => {
                cx.wrong_type(v, "confidence", "a number from 0 to 1", "0.9");
                None
            }
        },
    };
    let sources = f
        .get("sources")
        .map(|(_, v)| sources(cx, v))
        .unwrap_or_default();
    Some(Event {
        id: id?,
        when: when?,
        title: title?,
        tags,
        inferred,
        confidence,
        sources,
    })
}

fn when(cx: &mut Ctx<'_>, node: &Node) -> Option<When> {
    match &node.kind {
        Kind::Scalar { value, plain } if !node.is_null() => {
            match parse_when_scalar(value, *plain) {
                Ok(w) => check_interval(cx, node, None, w),
                Err(e) => {
                    cx.date_error(node, &e);
                    None
                }
            }
        }
        Kind::Map { .. } => {
            let f = cx.fields(node, WHEN_KEYS, "an interval");
            let start_node = f.get("start").map(|(_, v)| *v).filter(|v| !v.is_null());
            let end_node = f.get("end").map(|(_, v)| *v).filter(|v| !v.is_null());
            if start_node.is_none() && end_node.is_none() {
                cx.at(
                    node,
                    "an interval needs a `start` or an `end`",
                    "write `when: {start: \"1991\", end: \"2020\"}`; leave out an end that is open",
                );
                return None;
            }
            let start = match start_node {
                Some(v) => Some(cx.date(v, "start")?),
                None => None,
            };
            let end = match end_node {
                Some(v) => Some(cx.date(v, "end")?),
                None => None,
            };
            check_interval(cx, node, end_node, When::Between { start, end })
        }
        _ => {
            cx.wrong_type(node, "when", "a date or {start, end}", "\"2020-11-10\"");
            None
        }
    }
}

fn check_interval(cx: &mut Ctx<'_>, node: &Node, end_node: Option<&Node>, w: When) -> Option<When> {
    if let When::Between {
        start: Some(s),
        end: Some(e),
    } = w
    {
        if e.date.last_day() < s.date.first_day() {
            cx.at(
                end_node.unwrap_or(node),
                format!("the interval ends ({}) before it starts ({})", e, s),
                "swap `start` and `end`",
            );
            return None;
        }
    }
    Some(w)
}

fn sources(cx: &mut Ctx<'_>, node: &Node) -> Vec<Source> {
    if node.is_null() {
        return Vec::new();
    }
    let Kind::Seq { items, .. } = &node.kind else {
        cx.wrong_type(node, "sources", "a list of sources", "[]");
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        if !matches!(item.kind, Kind::Map { .. }) {
            cx.at(
                item,
                format!(
                    "a source must be a mapping with keys {}, found {}",
                    SOURCE_KEYS.join(", "),
                    item.type_name()
                ),
                "write `- file: article.txt` then `line:`, `span:` and `quote:`",
            );
            continue;
        }
        let f = cx.fields(item, SOURCE_KEYS, "a source");
        let file = cx
            .required(item, &f, "file", "a source", "article.txt")
            .and_then(|v| cx.string(v, "file", "article.txt"));
        let line = cx
            .required(item, &f, "line", "a source", "1")
            .and_then(|v| cx.uint(v, "line", "1"));
        let span = cx
            .required(item, &f, "span", "a source", "[0, 10]")
            .and_then(|v| span(cx, v));
        let quote = cx
            .required(item, &f, "quote", "a source", "\"The sentence.\"")
            .and_then(|v| cx.string(v, "quote", "\"The sentence.\""));
        let rules = f
            .get("rules")
            .map(|(_, v)| cx.string_list(v, "rules", "[date.month_day_year]"))
            .unwrap_or_default();
        if let (Some(file), Some(line), Some(span), Some(quote)) = (file, line, span, quote) {
            out.push(Source {
                file,
                line,
                span,
                quote,
                rules,
            });
        }
    }
    out
}

fn span(cx: &mut Ctx<'_>, node: &Node) -> Option<(usize, usize)> {
    let items = match &node.kind {
        Kind::Seq { items, .. } if items.len() == 2 => items,
        _ => {
            cx.wrong_type(node, "span", "a list of two numbers", "[0, 10]");
            return None;
        }
    };
    let a = cx.uint(&items[0], "span", "[0, 10]");
    let b = cx.uint(&items[1], "span", "[0, 10]");
    let (a, b) = (a?, b?);
    if b < a {
        cx.at(
            node,
            format!("the span ends ({b}) before it starts ({a})"),
            "write `[start, end]` with start ≤ end",
        );
        return None;
    }
    Some((a, b))
}
