//! A YAML document as a small tree of nodes that remember where they are.
//!
//! We read YAML with `granit-parser`'s event stream (the parser under
//! `serde-saphyr`) and build this tree ourselves, so that validation can
//! report *every* problem with its line and column, and so that
//! [`update`](super::update) can splice text into the original file.
//!
//! The tree deliberately refuses what a timeline never needs and what makes
//! YAML dangerous: anchors and aliases (the "billion laughs" bomb), more than
//! one document, and non-scalar keys. Nesting depth is bounded by the
//! parser (255 levels), so the tree is always shallow and small.

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

use super::diag::Diagnostic;

/// A position in the source: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub line: usize,
    pub col: usize,
}

/// At most this many parser events (about one per YAML value) are read,
/// which bounds the memory of the tree (about 100 bytes per value).
const MAX_EVENTS: usize = 4_000_000;

/// Start and end (exclusive) of a piece of source.
pub(crate) type Extent = (Pos, Pos);

/// One YAML node with its source extent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub kind: Kind,
    /// Where the node starts.
    pub start: Pos,
    /// Where the node ends (exclusive); for block collections, the end of
    /// their last child.
    pub end: Pos,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A scalar; `plain` is false for quoted, block or tagged scalars (which
    /// are always strings).
    Scalar { value: String, plain: bool },
    /// A sequence.
    Seq { flow: bool, items: Vec<Node> },
    /// A mapping, keys in source order.
    Map {
        flow: bool,
        entries: Vec<(Node, Node)>,
    },
}

impl Node {
    /// The node's value as text if it is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Is this an unquoted null (`~`, `null`, or nothing at all)?
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { value, plain: true }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A short description of the node's type for "expected X, found Y".
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Scalar { .. } if self.is_null() => "nothing",
            Kind::Scalar { value, plain: true } if value.parse::<i64>().is_ok() => "a number",
            Kind::Scalar { value, plain: true } if value.parse::<f64>().is_ok() => "a number",
            Kind::Scalar { value, plain: true }
                if matches!(value.as_str(), "true" | "false" | "True" | "False") =>
            {
                "a boolean"
            }
            Kind::Scalar { .. } => "a string",
            Kind::Seq { .. } => "a list",
            Kind::Map { .. } => "a mapping",
        }
    }

    /// Width of the node on its first line, in characters, for carets.
    pub fn width(&self, src_lines: &[&str]) -> usize {
        if self.end.line == self.start.line {
            self.end.col.saturating_sub(self.start.col).max(1)
        } else {
            let line = src_lines.get(self.start.line - 1).copied().unwrap_or("");
            line.chars()
                .count()
                .saturating_sub(self.start.col - 1)
                .max(1)
        }
    }
}

fn pos(m: &granit_parser::Marker) -> Pos {
    Pos {
        line: m.line(),
        col: m.col() + 1,
    }
}

/// The diagnostic of a YAML syntax error the parser reported at `at`. A
/// tab is reported where it is: the parser notices it only when a token
/// it cannot use ends, which may be at the end of the line before.
fn syntax_error(src: &str, file: &str, at: Pos, info: &str) -> Diagnostic {
    if info.contains("tab") {
        if let Some(tab) = indentation_tab(src, at) {
            return Diagnostic::new(file, tab.line, tab.col, "a tab in the indentation")
                .with_hint("indent with spaces; YAML does not allow tabs for indentation");
        }
        return Diagnostic::new(file, at.line, at.col, format!("invalid YAML: {info}"))
            .with_hint("replace the tab with spaces");
    }
    Diagnostic::new(file, at.line, at.col, format!("invalid YAML: {info}"))
        .with_hint("check the indentation and quoting around this position")
}

/// The tab in the indentation of a line that the parser's complaint at
/// `at` is about: the first on the line of `at` or the next one, else the
/// closest before it.
fn indentation_tab(src: &str, at: Pos) -> Option<Pos> {
    let mut before = None;
    // Lines as YAML counts them: `\n`, `\r\n` or a lone `\r` ends one.
    let src = src.replace("\r\n", "\n");
    for (i, line) in src.split(['\n', '\r']).enumerate() {
        let line_no = i + 1;
        if line_no > at.line + 1 {
            break;
        }
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let tab = line[..indent].chars().position(|c| c == '\t');
        if let Some(col) = tab {
            let p = Pos {
                line: line_no,
                col: col + 1,
            };
            if line_no >= at.line {
                return Some(p);
            }
            before = Some(p);
        }
    }
    before
}

enum Frame {
    Seq {
        flow: bool,
        start: Pos,
        items: Vec<Node>,
    },
    Map {
        flow: bool,
        start: Pos,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

/// Parses `src` (one YAML document) into a node tree. A syntax error stops
/// the parse and is the only diagnostic; structural refusals (anchors,
/// aliases, complex keys, several documents) are all collected.
pub(crate) fn parse(src: &str, file: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    parse_with_scalars(src, file).map(|(root, _)| root)
}

/// [`parse`], also returning the source extent of every scalar in order
/// (to tell a `#` inside a string from a comment).
pub(crate) fn parse_with_scalars(
    src: &str,
    file: &str,
) -> Result<(Option<Node>, Vec<Extent>), Vec<Diagnostic>> {
    let mut scalars: Vec<Extent> = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let diag = |span: &Span, msg: &str, hint: &str| {
        let p = pos(&span.start);
        let width = if span.end.line() == span.start.line() {
            span.end.col().saturating_sub(span.start.col())
        } else {
            1
        };
        Diagnostic::new(file, p.line, p.col, msg)
            .with_hint(hint)
            .with_width(width)
    };
    let options = granit_parser::options! { emit_anchor_events: true };
    let mut count = 0usize;
    for next in Parser::new_from_str_with_options(src, options) {
        count += 1;
        if count > MAX_EVENTS {
            let at = next
                .as_ref()
                .map_or(Pos { line: 1, col: 1 }, |(_, span)| pos(&span.start));
            diags.push(
                Diagnostic::new(
                    file,
                    at.line,
                    at.col,
                    format!(
                        "the file has more than {MAX_EVENTS} YAML values; stopped reading here"
                    ),
                )
                .with_hint("a timeline file holds at most about 100,000 events; split it"),
            );
            return Err(diags);
        }
        let (event, span) = match next {
            Ok(x) => x,
            Err(e) => {
                diags.push(syntax_error(src, file, pos(e.marker()), &e.info()));
                return Err(diags);
            }
        };
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,

            Event::DocumentStart(..) => {
                documents += 1;
                if documents == 2 {
                    diags.push(diag(
                        &span,
                        "a timeline file holds one YAML document, this is a second one",
                        "remove the `---` line and everything after it, or move it to another file",
                    ));
                }
                continue;
            }
            Event::Anchor(..) => {
                // The span covers `&name`.
                diags.push(diag(
                    &span,
                    "anchors (`&name`) are not supported in timeline files",
                    "remove the anchor and write every value out in full",
                ));
                continue;
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                diags.push(diag(
                    &span,
                    "aliases (`*name`) are not supported in timeline files",
                    "write the value out in full",
                ));
                Node {
                    kind: Kind::Scalar {
                        value: String::new(),
                        plain: true,
                    },
                    start: pos(&span.start),
                    end: pos(&span.end),
                }
            }
            Event::Scalar(value, style, _, tag) => {
                scalars.push((pos(&span.start), pos(&span.end)));
                Node {
                    kind: Kind::Scalar {
                        value: value.into_owned(),
                        plain: style == ScalarStyle::Plain && tag.is_none(),
                    },
                    start: pos(&span.start),
                    end: pos(&span.end),
                }
            }
            Event::SequenceStart(style, _, _) => {
                stack.push(Frame::Seq {
                    flow: style == StructureStyle::Flow,
                    start: pos(&span.start),
                    items: Vec::new(),
                });
                continue;
            }
            Event::MappingStart(style, _, _) => {
                stack.push(Frame::Map {
                    flow: style == StructureStyle::Flow,
                    start: pos(&span.start),
                    entries: Vec::new(),
                    key: None,
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { flow, start, items }) => {
                    let end = if flow {
                        pos(&span.end)
                    } else {
                        items.last().map_or(start, |n| n.end)
                    };
                    Node {
                        kind: Kind::Seq { flow, items },
                        start,
                        end,
                    }
                }
                _ => continue,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map {
                    flow,
                    start,
                    entries,
                    ..
                }) => {
                    let end = if flow {
                        pos(&span.end)
                    } else {
                        entries.last().map_or(start, |(_, v)| v.end)
                    };
                    Node {
                        kind: Kind::Map { flow, entries },
                        start,
                        end,
                    }
                }
                _ => continue,
            },
            // Comments (with the parser's `comments` feature, which another
            // crate may switch on) carry no data.
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        // Attach the finished node to its parent.
        match stack.last_mut() {
            None => {
                if documents <= 1 {
                    root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    if !matches!(node.kind, Kind::Scalar { .. }) {
                        diags.push(
                            Diagnostic::new(
                                file,
                                node.start.line,
                                node.start.col,
                                "keys must be plain words, not lists or mappings",
                            )
                            .with_hint("write `key: value`")
                            .with_width(1),
                        );
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    if diags.is_empty() {
        Ok((root, scalars))
    } else {
        Err(diags)
    }
}
