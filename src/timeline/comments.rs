//! Keeping comments when `timeline fmt` rewrites a file.
//!
//! A comment belongs to a node of the file: a comment on its own line to
//! the node that starts on the next line with content, a trailing comment
//! to the innermost node starting on its line. Every node has a path
//! (`events/2/title`), and every line of the canonical output knows the
//! paths of the nodes it writes; each comment goes back next to its node,
//! or, if the canonical form has no line for it (a block `when:` written
//! as a flow mapping, an empty list left out), next to the closest
//! enclosing node that has one. No comment is ever dropped. When `fmt
//! --sort` moves events, the paths of the file's events are renumbered to
//! their new places first, so comments move with their events.

use std::collections::BTreeMap;

use super::HEADER;
use super::node::{Extent, Kind, Node, Pos};
use super::write::Lines;

/// One comment of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comment {
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the `#`.
    pub col: usize,
    /// The text from `#` to the end of the line, without trailing blanks.
    pub text: String,
    /// The blanks between the content and a trailing comment; `None` for a
    /// comment on its own line.
    pub gap: Option<String>,
}

/// Every comment in `src`: a `#` at the start of a line or after a blank
/// that is not inside any scalar (`scalars` in source order).
pub(crate) fn find(src: &str, scalars: &[Extent]) -> Vec<Comment> {
    let inside = |p: Pos| {
        let i = scalars.partition_point(|(s, _)| *s <= p);
        i > 0 && p < scalars[i - 1].1
    };
    let mut out = Vec::new();
    for (i, line) in yaml_lines(src).into_iter().enumerate() {
        let mut prev = ' ';
        for (col, (byte, c)) in line.char_indices().enumerate() {
            let p = Pos {
                line: i + 1,
                col: col + 1,
            };
            if c == '#' && (prev == ' ' || prev == '\t') && !inside(p) {
                let before = &line[..byte];
                let content = before.trim_end_matches([' ', '\t']);
                out.push(Comment {
                    line: p.line,
                    col: p.col,
                    text: line[byte..].trim_end().to_string(),
                    gap: (!content.trim().is_empty()).then(|| before[content.len()..].to_string()),
                });
                break;
            }
            prev = c;
        }
    }
    out
}

/// The lines of `src` as YAML counts them: a line ends at `\n`, `\r\n`
/// or a lone `\r`, so line numbers agree with the parser's and a comment
/// never runs on past a lone `\r` into the next line's content.
fn yaml_lines(src: &str) -> Vec<&str> {
    let bytes = src.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
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

/// The paths of the nodes that start on each line, outermost first.
/// Children of flow collections (`[a, b]`, `{start: 1991}`) are not
/// registered: the canonical form writes them on their parent's line.
fn line_paths(root: &Node, moved: &[usize]) -> BTreeMap<usize, Vec<String>> {
    fn walk(node: &Node, path: &str, out: &mut BTreeMap<usize, Vec<String>>, moved: &[usize]) {
        let join = |k: &str| {
            if path.is_empty() {
                k.to_string()
            } else {
                format!("{path}/{k}")
            }
        };
        match &node.kind {
            Kind::Map {
                flow: false,
                entries,
            } => {
                for (k, v) in entries {
                    let Some(name) = k.scalar() else { continue };
                    let p = join(name);
                    out.entry(k.start.line).or_default().push(p.clone());
                    walk(v, &p, out, moved);
                }
            }
            Kind::Seq { flow: false, items } => {
                for (i, item) in items.iter().enumerate() {
                    // An event's path is that of the place it is written to.
                    let i = if path == "events" {
                        moved.get(i).copied().unwrap_or(i)
                    } else {
                        i
                    };
                    let p = join(&i.to_string());
                    out.entry(item.start.line).or_default().push(p.clone());
                    walk(item, &p, out, moved);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(root, "", &mut out, moved);
    out
}

/// The output line holding `path`, or its closest ancestor that has one.
fn resolve(first_line: &BTreeMap<&str, usize>, path: &str) -> Option<usize> {
    let mut p = path;
    loop {
        if let Some(&i) = first_line.get(p) {
            return Some(i);
        }
        p = &p[..p.rfind('/')?];
    }
}

/// The first output line of each path, so that placing each comment does
/// not rescan the whole file (quadratic for a file with many comments).
fn first_lines(lines: &Lines) -> BTreeMap<&str, usize> {
    let mut first = BTreeMap::new();
    for (i, l) in lines.0.iter().enumerate() {
        for p in &l.paths {
            first.entry(p.as_str()).or_insert(i);
        }
    }
    first
}

/// The canonical `lines` with the source's `comments` put back; `moved[i]`
/// is the place event `i` of the source is written at.
pub(crate) fn weave(lines: &Lines, root: &Node, comments: &[Comment], moved: &[usize]) -> String {
    let paths = line_paths(root, moved);
    let first_line = first_lines(lines);
    // Per output line: comments above it, and trailing comments.
    let mut above: BTreeMap<usize, Vec<&Comment>> = BTreeMap::new();
    let mut trailing: BTreeMap<usize, Vec<&Comment>> = BTreeMap::new();
    let mut at_end: Vec<&Comment> = Vec::new();
    for c in comments {
        if c.gap.is_none() && c.text == HEADER {
            continue;
        }
        let target = if c.gap.is_some() {
            // The innermost node starting on this line or, failing that,
            // on the closest line above.
            paths
                .range(..=c.line)
                .next_back()
                .and_then(|(_, ps)| ps.last())
                .and_then(|p| resolve(&first_line, p))
        } else {
            paths
                .range(c.line + 1..)
                .next()
                .and_then(|(_, ps)| ps.first())
                .and_then(|p| resolve(&first_line, p))
        };
        match (target, c.gap.is_some()) {
            (Some(i), true) => trailing.entry(i).or_default().push(c),
            (Some(i), false) => above.entry(i).or_default().push(c),
            (None, _) => at_end.push(c),
        }
    }
    let mut out = String::new();
    for (i, line) in lines.0.iter().enumerate() {
        let indent: String = line.text.chars().take_while(|c| *c == ' ').collect();
        let extra = trailing
            .get(&i)
            .map_or(&[][..], |t| t.get(1..).unwrap_or(&[]));
        for c in above.get(&i).into_iter().flatten().chain(extra) {
            out.push_str(&indent);
            out.push_str(&c.text);
            out.push('\n');
        }
        out.push_str(&line.text);
        if let Some(c) = trailing.get(&i).and_then(|t| t.first()) {
            let gap = c.gap.as_deref().unwrap_or(" ");
            out.push_str(if gap.is_empty() { " " } else { gap });
            out.push_str(&c.text);
        }
        out.push('\n');
    }
    for c in at_end {
        out.push_str(&c.text);
        out.push('\n');
    }
    out
}
