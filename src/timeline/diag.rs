//! Diagnostics: what is wrong in a timeline file, where, and how to fix it.
//!
//! A [`Diagnostic`] renders like rustc or typst:
//!
//! ```text
//! data/t.yaml:5:5: error: unknown key `titel`
//!   |
//! 5 |     titel: The war ends
//!   |     ^^^^^
//!   = hint: did you mean `title`?
//! ```
//!
//! A YAML syntax error stops the reading of a file, so it ends with a note
//! that the other checks run once it is fixed:
//!
//! ```text
//! data/t.yaml:4:1: error: a tab in the indentation
//!   |
//! 4 |     when: 1991
//!   | ^
//!   = hint: indent with spaces; YAML does not allow tabs for indentation
//!   = note: the other checks run once this syntax error is fixed
//! ```

use std::fmt;

/// A problem found in a timeline file, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if we know.
    pub hint: Option<String>,
    /// Something more to know, e.g. that other checks wait for a syntax
    /// error to be fixed.
    pub note: Option<String>,
    /// The offending source line, without its line break, for the caret
    /// display; `None` when there is no line to show.
    pub source_line: Option<String>,
    /// How many characters the caret underlines (at least one is drawn).
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic at `line:column` of `file`, without source line or hint.
    pub fn new(file: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            hint: None,
            note: None,
            source_line: None,
            width: 1,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// Sets how many characters the caret underlines.
    pub fn with_width(mut self, width: usize) -> Diagnostic {
        self.width = width.max(1);
        self
    }

    /// Attaches the source line of `src` this diagnostic points at.
    pub fn with_source(mut self, src: &str, width: usize) -> Diagnostic {
        self.source_line = src
            .split('\n')
            .nth(self.line.saturating_sub(1))
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string());
        self.width = width.max(1);
        self
    }
}

/// `n` and the noun in the right number: `1 event`, `2 events`, `0
/// events`. Every count in a message goes through this.
///
/// ```
/// use timeline::timeline::count;
/// assert_eq!(count(1, "document", "documents"), "1 document");
/// assert_eq!(count(0, "event", "events"), "0 events");
/// ```
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The widest source excerpt shown, in characters.
const MAX_EXCERPT: usize = 100;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.line, self.column, self.message
        )?;
        let gutter = " ".repeat(self.line.to_string().len());
        if let Some(src) = &self.source_line {
            // Show a window of the line around the column, tabs as spaces,
            // control characters as `?` so a binary file cannot mess up a
            // terminal.
            let chars: Vec<char> = src
                .chars()
                .map(|c| match c {
                    '\t' => ' ',
                    c if c.is_control() => '?',
                    c => c,
                })
                .collect();
            let col0 = self.column.saturating_sub(1).min(chars.len());
            let start = if chars.len() > MAX_EXCERPT {
                col0.saturating_sub(MAX_EXCERPT / 2)
            } else {
                0
            };
            let end = (start + MAX_EXCERPT).min(chars.len());
            let mut shown: String = chars[start..end].iter().collect();
            let mut offset = col0 - start;
            if start > 0 {
                shown.insert(0, '…');
                offset += 1;
            }
            if end < chars.len() {
                shown.push('…');
            }
            let width = self.width.min(end.saturating_sub(col0).max(1)).max(1);
            write!(f, "\n{gutter} |")?;
            write!(f, "\n{} | {}", self.line, shown.trim_end())?;
            write!(
                f,
                "\n{gutter} | {}{}",
                " ".repeat(offset),
                "^".repeat(width)
            )?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n{gutter} = hint: {h}")?;
        }
        if let Some(n) = &self.note {
            write!(f, "\n{gutter} = note: {n}")?;
        }
        Ok(())
    }
}

/// Every problem found in one file, in source order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
