//! The tokenizer: one pass over the text, no backtracking.
//!
//! A token is a run of letters (a word), a run of ASCII digits (a number) or
//! one other non-space character (punctuation). `1990s` is the number `1990`
//! glued to the word `s`; `p.m.` is `p`, `.`, `m`, `.`. Each token remembers
//! whether whitespace (and a line break) came before it, so rules can ask for
//! glued tokens (`44-day`) and sentences can be split.
//!
//! The tokenizer takes the grammar's [`Vocab`] as an argument: every word a
//! rule or a word list can compare is interned there once, and each token
//! carries its word id, so matching compares integers, not strings.
//! Tokenizing with an empty vocabulary (the data files' own phrases, read
//! while the grammar is being built) gives every token [`NO_WORD`].

use super::hash::WordMap;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
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

/// One token of the text; `'v` is the vocabulary's lifetime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'v> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The kind.
    pub kind: TokenKind,
    /// The lowercased text.
    pub lower: Lower<'v>,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
    /// Whether that whitespace holds a line break.
    pub newline_before: bool,
    /// Whether the first character is uppercase.
    pub upper: bool,
    /// The vocabulary's id for the word ([`NO_WORD`] if it is not in it),
    /// looked up once here so that matching compares integers.
    pub word: u32,
}

impl Token<'_> {
    /// The numeric value, if this is a number.
    pub(crate) fn num(&self) -> Option<(u64, usize)> {
        match self.kind {
            TokenKind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// Whether this is a word.
    pub(crate) fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// The id of a word that is not in the vocabulary: it equals no pattern
/// word.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// The words the grammar can compare, interned as small integer ids.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    /// Word (as bytes) → id.
    ids: WordMap<Vec<u8>, u32>,
    /// The words by id.
    words: Vec<Box<str>>,
}

impl Vocab {
    /// The id of `w`, added if new.
    pub(crate) fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w.as_bytes()) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(w.as_bytes().to_vec(), id);
        self.words.push(w.into());
        id
    }

    /// The id of a lowercase word ([`NO_WORD`] if it is not in the
    /// vocabulary).
    pub(crate) fn id(&self, lower: &[u8]) -> u32 {
        self.ids.get(lower).copied().unwrap_or(NO_WORD)
    }

    /// The word with id `id`.
    pub(crate) fn word(&self, id: u32) -> Option<&str> {
        self.words.get(id as usize).map(|w| &**w)
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The words and their ids, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&[u8], u32)> {
        self.ids.iter().map(|(w, &id)| (w.as_slice(), id))
    }
}

/// A token's lowercased text, stored inline when short (as nearly all
/// tokens are), so tokenizing does not allocate per token. It reads as a
/// `&str` ([`Lower::as_str`], `Deref`) and compares with strings.
#[derive(Clone)]
pub(crate) struct Lower<'v>(Repr<'v>);

/// The longest text stored inline.
const INLINE: usize = 22;

#[derive(Clone)]
enum Repr<'v> {
    Inline {
        len: u8,
        buf: [u8; INLINE],
    },
    Heap(Box<str>),
    /// A word of the vocabulary (no copy, no UTF-8 check).
    Vocab(&'v str),
}

impl Lower<'_> {
    /// The lowercase form of `raw`.
    fn of(raw: &str) -> Self {
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
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, buf } => &buf[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
            Repr::Vocab(s) => s.as_bytes(),
        }
    }

    /// The length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: built from a `&str`.
            Repr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or("")
            }
            Repr::Heap(s) => s,
            Repr::Vocab(s) => s,
        }
    }
}

impl From<&str> for Lower<'_> {
    /// Stores `s` as is (already lowercase).
    fn from(s: &str) -> Self {
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

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Lower<'_> {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Lower<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Lower<'_> {}

impl std::hash::Hash for Lower<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Lower<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Lower<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<String> for Lower<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<Lower<'_>> for str {
    fn eq(&self, other: &Lower<'_>) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<Lower<'_>> for &str {
    fn eq(&self, other: &Lower<'_>) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<Lower<'_>> for String {
    fn eq(&self, other: &Lower<'_>) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

/// Splits `text` into tokens, with the word ids of `vocab`.
pub(crate) fn tokenize<'v>(text: &str, vocab: &'v Vocab) -> Vec<Token<'v>> {
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
        let word = vocab.id(lower.as_bytes());
        // A vocabulary word points to the vocabulary's copy.
        if let Some(w) = vocab.word(word) {
            lower = Lower(Repr::Vocab(w));
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
        let vocab = Vocab::default();
        let t = tokenize("the 1990s, 44-day", &vocab);
        let lower: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(lower, ["the", "1990", "s", ",", "44", "-", "day"]);
        assert!(!t[2].space_before);
        assert!(t[4].space_before);
        assert_eq!(t[1].num(), Some((1990, 4)));
    }

    #[test]
    fn lower_reads_as_the_lowercase_text() {
        let long = "Supercalifragilisticexpialidocious";
        let vocab = Vocab::default();
        let t = tokenize(&format!("The ÉTÉ {long} ’ — 2020"), &vocab);
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
