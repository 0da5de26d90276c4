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
    pub lower: Lower,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
    /// Whether that whitespace holds a line break.
    pub newline_before: bool,
    /// Whether the first character is uppercase.
    pub upper: bool,
    /// The grammar's id for the word ([`u32::MAX`] if no pattern uses it),
    /// looked up once here so that matching compares integers.
    pub(crate) word: u32,
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

use super::grammar::Grammar;

/// A token's lowercased text, stored inline when short (as nearly all
/// tokens are), so tokenizing does not allocate per token. It reads as a
/// `&str` ([`Lower::as_str`], `Deref`) and compares with strings.
#[derive(Clone)]
pub struct Lower(Repr);

/// The longest text stored inline.
const INLINE: usize = 22;

#[derive(Clone)]
enum Repr {
    Inline {
        len: u8,
        buf: [u8; INLINE],
    },
    Heap(Box<str>),
    /// A word of the grammar's vocabulary (no copy, no UTF-8 check).
    Static(&'static str),
}

impl Lower {
    /// The lowercase form of `raw`.
    fn of(raw: &str) -> Lower {
        if raw.is_ascii() && raw.len() <= INLINE {
            let mut buf = [0; INLINE];
            for (d, s) in buf.iter_mut().zip(raw.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            return Lower(Repr::Inline {
                len: raw.len() as u8,
                buf,
            });
        }
        Lower::from(raw.to_lowercase().as_str())
    }

    /// The text's bytes (no UTF-8 check: cheaper than [`Lower::as_str`]).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, buf } => &buf[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
            Repr::Static(s) => s.as_bytes(),
        }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Whether the text is empty (never, for a token).
    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: built from a `&str`.
            Repr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or("")
            }
            Repr::Heap(s) => s,
            Repr::Static(s) => s,
        }
    }
}

impl From<&str> for Lower {
    /// Stores `s` as is (already lowercase).
    fn from(s: &str) -> Lower {
        if s.len() <= INLINE {
            let mut buf = [0; INLINE];
            for (d, s) in buf.iter_mut().zip(s.bytes()) {
                *d = s;
            }
            Lower(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            Lower(Repr::Heap(s.into()))
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Lower {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Lower {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Lower {
    fn eq(&self, other: &Lower) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Lower {}

impl std::hash::Hash for Lower {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Lower {
    fn partial_cmp(&self, other: &Lower) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Lower {
    fn cmp(&self, other: &Lower) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<String> for Lower {
    fn eq(&self, other: &String) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<Lower> for str {
    fn eq(&self, other: &Lower) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<Lower> for &str {
    fn eq(&self, other: &Lower) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<Lower> for String {
    fn eq(&self, other: &Lower) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    split(text, super::grammar::grammar().ok())
}

/// Splits `text` into tokens without word ids: for the grammar's own data
/// files, read while the grammar is being built.
pub(crate) fn tokenize_raw(text: &str) -> Vec<Token> {
    split(text, None)
}

fn split(text: &str, grammar: Option<&'static Grammar>) -> Vec<Token> {
    let bytes = text.as_bytes();
    // News text averages about five bytes a token: reserve enough that the
    // vector rarely grows (each growth copies every token).
    let mut out = Vec::with_capacity(text.len() / 4 + 16);
    let mut space = true;
    let mut newline = true;
    let mut i = 0;
    while i < bytes.len() {
        let Some(c) = char_at(text, i) else { break };
        if c.is_whitespace() {
            space = true;
            if c == '\n' {
                newline = true;
            }
            i += c.len_utf8();
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            let mut value: u64 = u64::from(c as u8 - b'0');
            let mut digits = 1;
            while let Some(&d) = bytes.get(end).filter(|d| d.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u64::from(d - b'0'));
                digits += 1;
                end += 1;
            }
            TokenKind::Num { value, digits }
        } else if c.is_alphabetic() {
            while let Some(&d) = bytes.get(end) {
                if d.is_ascii() {
                    if !d.is_ascii_alphabetic() {
                        break;
                    }
                    end += 1;
                } else {
                    match char_at(text, end) {
                        Some(d) if d.is_alphabetic() => end += d.len_utf8(),
                        _ => break,
                    }
                }
            }
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let raw = &text[i..end];
        let mut lower = match raw {
            // Typographic variants read as their ASCII forms.
            "’" | "‘" => Lower::from("'"),
            "—" | "–" | "‑" => Lower::from("–"),
            _ => Lower::of(raw),
        };
        let mut word = u32::MAX;
        if let Some(g) = grammar {
            word = g.word_id(lower.as_bytes());
            // A vocabulary word points to the grammar's copy.
            if let Some(w) = g.word(word) {
                lower = Lower(Repr::Static(w));
            }
        }
        out.push(Token {
            start: i,
            end,
            kind,
            lower,
            space_before: space,
            newline_before: newline,
            upper: c.is_uppercase(),
            word,
        });
        space = false;
        newline = false;
        i = end;
    }
    out
}

/// The character starting at byte `i` (a character boundary).
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..)?.chars().next(),
    }
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

    #[test]
    fn lower_reads_as_the_lowercase_text() {
        let long = "Supercalifragilisticexpialidocious";
        let t = tokenize(&format!("The ÉTÉ {long} ’ — 2020"));
        let lower: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lower,
            ["the", "été", &long.to_lowercase(), "'", "–", "2020"]
        );
        assert!(t[0].lower == "the");
        assert!("the" == t[0].lower);
        assert_eq!(t[0].lower, "the".to_string());
        assert_eq!(t[2].lower.len(), long.len());
        assert!(t[2].lower.ends_with("ous"));
        assert_eq!(format!("{} {:?}", t[1].lower, t[1].lower), "été \"été\"");
        assert!(t[0].upper && t[1].upper && !t[3].upper);
    }
}
