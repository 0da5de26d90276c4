//! The tokenizer: one pass over the text, no backtracking.
//!
//! A token is a run of letters (a word), a run of ASCII digits (a number) or
//! one other non-space character (punctuation). `1990s` is the number `1990`
//! glued to the word `s`; `p.m.` is `p`, `.`, `m`, `.`. Each token remembers
//! whether whitespace (and a line break) came before it, so rules can ask for
//! glued tokens (`44-day`) and sentences can be split.

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits: its value (saturating) and digit count.
    Num {
        /// The value, saturating at `u64::MAX`.
        value: u64,
        /// The number of digits.
        digits: usize,
    },
    /// Any other single non-space character.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The kind.
    pub kind: TokenKind,
    /// The lowercased text.
    pub lower: String,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
    /// Whether that whitespace holds a line break.
    pub newline_before: bool,
    /// Whether the first character is uppercase.
    pub upper: bool,
}

impl Token {
    /// The numeric value, if this is a number.
    pub fn num(&self) -> Option<(u64, usize)> {
        match self.kind {
            TokenKind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// Whether this is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    let mut space = true;
    let mut newline = true;
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            space = true;
            if c == '\n' {
                newline = true;
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            let mut value: u64 = u64::from(c as u8 - b'0');
            let mut digits = 1;
            while let Some(&(j, d)) = iter.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(d as u8 - b'0'));
                digits += 1;
                end = j + 1;
                iter.next();
            }
            TokenKind::Num { value, digits }
        } else if c.is_alphabetic() {
            while let Some(&(j, d)) = iter.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let raw = &text[i..end];
        let lower = match raw {
            // Typographic variants read as their ASCII forms.
            "’" | "‘" => "'".to_string(),
            "—" | "–" | "‑" => "–".to_string(),
            // The common case: ASCII lowercases byte by byte.
            _ if raw.is_ascii() => raw.to_ascii_lowercase(),
            _ => raw.to_lowercase(),
        };
        out.push(Token {
            start: i,
            end,
            kind,
            lower,
            space_before: space,
            newline_before: newline,
            upper: c.is_uppercase(),
        });
        space = false;
        newline = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_numbers_and_words() {
        let t = tokenize("the 1990s, 44-day");
        let lower: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(lower, ["the", "1990", "s", ",", "44", "-", "day"]);
        assert!(!t[2].space_before);
        assert!(t[4].space_before);
        assert_eq!(t[1].num(), Some((1990, 4)));
    }
}
