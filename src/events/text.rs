//! Sentences and tokens of a news article.
//!
//! Articles arrive hard-wrapped (a line break every ~65 characters, in the
//! middle of sentences), with a header line or byline on top, abbreviations
//! (`Dr.`, `H.E.`, `Nov.`), curly quotes and the odd missing space
//! (`the“Bilateral`). [`segment`] finds the sentences and paragraphs of the
//! body; [`tokens`] splits a sentence into words and punctuation, keeping
//! byte spans into the original text so that timex spans can be matched.

use super::lexicon::Lexicon;

/// A sentence of the body, as byte offsets into the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// First byte of the sentence.
    pub start: usize,
    /// End byte (exclusive), after closing quotes.
    pub end: usize,
    /// 1-based line of the first character.
    pub line: usize,
    /// 0-based paragraph index within the body.
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence unwrapped: every whitespace run becomes one space.
    pub fn quote(&self, text: &str) -> String {
        text.get(self.start..self.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The result of [`segment`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segmented {
    /// Byte offset where the body starts (after header lines).
    pub body_start: usize,
    /// Sentences of the body, in text order.
    pub sentences: Vec<Sentence>,
}

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']'];

/// A sentence longer than this many bytes is closed at its next comma or
/// semicolon. Real news sentences are shorter; run-on text (a scraped page
/// without punctuation, a 10 MB line) is cut into clause-sized pieces, so
/// the work per sentence, and hence per article, stays linear.
const SOFT_MAX_SENTENCE: usize = 600;
/// A sentence longer than this is closed at the next space, comma or not.
const HARD_MAX_SENTENCE: usize = 1200;
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '['];

/// Whether `line` is a header or byline (see `words/headers.txt`).
fn is_header(line: &str, lex: &Lexicon) -> bool {
    let l = line.trim().to_lowercase();
    lex.header_prefixes.iter().any(|p| {
        l.strip_prefix(p.as_str())
            .is_some_and(|rest| p.ends_with(':') || rest.starts_with(char::is_whitespace))
    }) || lex.header_infixes.iter().any(|i| l.contains(i.as_str()))
}

/// Splits `text` into header and body sentences. `dct_span` is the byte
/// span of a date the tagger read as the document date: its line is a header.
pub(crate) fn segment(text: &str, lex: &Lexicon, dct_span: Option<(usize, usize)>) -> Segmented {
    // Header lines: at most five leading lines that are blank, contain the
    // document date or match a header marker.
    let mut body_start = 0;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i >= 5 {
            break;
        }
        let end = offset + line.len();
        let has_dct = dct_span.is_some_and(|(s, _)| s >= offset && s < end);
        if line.trim().is_empty() || has_dct || is_header(line, lex) {
            body_start = end;
            offset = end;
        } else {
            break;
        }
    }

    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut para_break = false;
    let mut line = 1 + text[..body_start].matches('\n').count();
    let mut cur: Option<(usize, usize, usize)> = None; // start, line, paragraph
    let chars: Vec<(usize, char)> = text[body_start..]
        .char_indices()
        .map(|(i, c)| (i + body_start, c))
        .collect();
    let mut i = 0;
    let mut last_content_end = body_start;
    let close = |cur: &mut Option<(usize, usize, usize)>, end: usize, out: &mut Vec<Sentence>| {
        if let Some((start, l, p)) = cur.take() {
            if end > start {
                out.push(Sentence {
                    start,
                    end,
                    line: l,
                    paragraph: p,
                });
            }
        }
    };
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' {
            // Line end: a paragraph ends at a blank line or after a line that
            // ends a sentence.
            let line_start = text[..pos]
                .rfind('\n')
                .map_or(body_start, |p| p + 1)
                .max(body_start);
            let this_line = text[line_start..pos].trim_end();
            let next_blank = text[pos + 1..]
                .split('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            let ends_sentence = line_ends_sentence(this_line, lex);
            if ends_sentence || next_blank || this_line.is_empty() {
                close(&mut cur, last_content_end, &mut sentences);
                para_break = true;
            }
            line += 1;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            if cur.is_some_and(|(start, _, _)| pos - start > HARD_MAX_SENTENCE) {
                close(&mut cur, last_content_end, &mut sentences);
            }
            i += 1;
            continue;
        }
        if cur.is_none() {
            if para_break && !sentences.is_empty() {
                paragraph += 1;
            }
            para_break = false;
            cur = Some((pos, line, paragraph));
        }
        last_content_end = pos + c.len_utf8();
        if matches!(c, ',' | ';')
            && cur.is_some_and(|(start, _, _)| pos - start > SOFT_MAX_SENTENCE)
        {
            close(&mut cur, last_content_end, &mut sentences);
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?') {
            // Extend over further terminators and closing quotes.
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?') || CLOSERS.contains(&chars[j].1))
            {
                j += 1;
            }
            let end = if j < chars.len() {
                chars[j].0
            } else {
                text.len()
            };
            let at_gap = j >= chars.len() || chars[j].1.is_whitespace();
            let next = chars[j..]
                .iter()
                .find(|(_, c)| !c.is_whitespace())
                .map(|&(_, c)| c);
            let next_ok =
                next.is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n));
            let abbrev = c == '.' && is_abbreviation(&text[..pos + 1], lex);
            if at_gap && next_ok && !abbrev {
                last_content_end = end;
                close(&mut cur, end, &mut sentences);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    close(&mut cur, last_content_end, &mut sentences);
    Segmented {
        body_start,
        sentences,
    }
}

/// Whether a line ends with a sentence terminator that is not an
/// abbreviation's period.
fn line_ends_sentence(line: &str, lex: &Lexicon) -> bool {
    let t = line.trim_end_matches(CLOSERS);
    if t.ends_with('!') || t.ends_with('?') {
        return true;
    }
    t.ends_with('.') && !is_abbreviation(t, lex)
}

/// Whether the word ending `before` (which ends with a period) is an
/// abbreviation or an initial.
fn is_abbreviation(before: &str, lex: &Lexicon) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c) || c == '“')
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let lower = word.to_lowercase();
    if lex.abbreviations.contains(&lower) {
        return true;
    }
    let core = word.trim_end_matches('.');
    // An initial ("F.") or a dotted acronym ("U.N.", "H.E.").
    let mut cs = core.chars();
    let single = cs.next().is_some_and(char::is_uppercase) && cs.next().is_none();
    single || (core.contains('.') && core.chars().all(|c| c == '.' || c.is_uppercase()))
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters, digits and inner `-'’./&`.
    Word,
    /// Any other visible character.
    Punct,
}

/// A token with its byte span in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: TokKind,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits `text[start..end]` into tokens.
pub(crate) fn tokens<'a>(text: &'a str, start: usize, end: usize, lex: &Lexicon) -> Vec<Tok<'a>> {
    let slice = &text[start..end];
    let cs: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let (p, c) = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < cs.len() {
                let d = cs[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                } else if (matches!(d, '-' | '\'' | '’' | '.' | '/' | '&')
                    && cs.get(j + 1).is_some_and(|n| n.1.is_alphanumeric()))
                    || (d == ','
                        && cs[j - 1].1.is_ascii_digit()
                        && cs.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let mut e = cs.get(j).map_or(slice.len(), |x| x.0);
            // A final period belongs to abbreviations and dotted acronyms.
            if cs.get(j).is_some_and(|x| x.1 == '.') && is_abbreviation(&slice[..e + 1], lex) {
                e += 1;
                j += 1;
            }
            out.push(Tok {
                start: start + p,
                end: start + e,
                text: &slice[p..e],
                kind: TokKind::Word,
            });
            i = j;
        } else {
            // Newswire quotes: two backquotes open, two apostrophes close.
            let double = matches!(c, '`' | '\'') && cs.get(i + 1).is_some_and(|n| n.1 == c);
            let width = if double { 2 } else { 1 };
            let e = p + c.len_utf8() * width;
            out.push(Tok {
                start: start + p,
                end: start + e,
                text: &slice[p..e],
                kind: TokKind::Punct,
            });
            i += width;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        let seg = segment(text, Lexicon::get(), None);
        seg.sentences.iter().map(|s| s.quote(text)).collect()
    }

    #[test]
    fn unwraps_hard_wrapped_lines() {
        let text = "The war concluded with the signing of\na statement on Nov. 10, 2020. Armenia\nreturned districts.\n";
        assert_eq!(
            quotes(text),
            vec![
                "The war concluded with the signing of a statement on Nov. 10, 2020.",
                "Armenia returned districts."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        let text = "President H.E. Ilham Aliyev met Dr. Khan and Gen. Munir at the U.N. office. John F. Kennedy No. 5 spoke.";
        assert_eq!(quotes(text).len(), 2, "{:?}", quotes(text));
    }

    #[test]
    fn skips_header_and_byline() {
        let text = " date 2023-11-02 (MENAFN- AzerNews) By Dr Mehmood Ul Hassan Khan\nPakistan's army chief\nvisits Baku.\n";
        let seg = segment(text, Lexicon::get(), None);
        assert_eq!(seg.sentences.len(), 1);
        assert_eq!(seg.sentences[0].line, 2);
        assert_eq!(
            seg.sentences[0].quote(text),
            "Pakistan's army chief visits Baku."
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "He said “we won.” Then he left.";
        assert_eq!(quotes(text), vec!["He said “we won.”", "Then he left."]);
    }

    #[test]
    fn paragraphs_break_at_line_final_periods() {
        let text = "One two\nthree. Four five\nsix.\nSeven eight.\n\nNine.";
        let seg = segment(text, Lexicon::get(), None);
        let paras: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, vec![0, 0, 1, 2]);
    }

    #[test]
    fn tokens_split_missing_space_and_keep_inner_marks() {
        let text = "signed the“Bilateral Agreement” with H.E. Munir’s team in Brothers-2021.";
        let toks: Vec<&str> = tokens(text, 0, text.len(), Lexicon::get())
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            vec![
                "signed",
                "the",
                "“",
                "Bilateral",
                "Agreement",
                "”",
                "with",
                "H.E.",
                "Munir’s",
                "team",
                "in",
                "Brothers-2021",
                "."
            ]
        );
    }
}

/// Byte offsets → 1-based lines and character offsets, in O(log n).
#[derive(Debug, Clone)]
pub(crate) struct Positions<'a> {
    text: &'a str,
    /// Byte offset of each line start.
    line_starts: Vec<usize>,
    /// Checkpoints every [`CHECKPOINT`] bytes or so: (byte, characters
    /// before it), so a character offset costs a short count even on a
    /// 10 MB line.
    checkpoints: Vec<(usize, usize)>,
}

/// Distance between character-count checkpoints, in bytes.
const CHECKPOINT: usize = 1024;

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        let mut line_starts = vec![0];
        let mut checkpoints = vec![(0, 0)];
        for (chars, (i, c)) in text.char_indices().enumerate() {
            if i >= checkpoints[checkpoints.len() - 1].0 + CHECKPOINT {
                checkpoints.push((i, chars));
            }
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        Positions {
            text,
            line_starts,
            checkpoints,
        }
    }

    fn line_index(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// The 1-based line holding `byte`.
    pub fn line(&self, byte: usize) -> usize {
        self.line_index(byte) + 1
    }

    /// The character offset of `byte`.
    pub fn char_offset(&self, byte: usize) -> usize {
        let k = self
            .checkpoints
            .partition_point(|&(b, _)| b <= byte)
            .saturating_sub(1);
        let (start, chars) = self.checkpoints[k];
        chars + self.text.get(start..byte).map_or(0, |s| s.chars().count())
    }
}

#[cfg(test)]
mod position_tests {
    use super::*;

    #[test]
    fn lines_and_char_offsets() {
        let text = "ab\nçé\nxyz";
        let p = Positions::new(text);
        assert_eq!(p.line(0), 1);
        assert_eq!(p.line(3), 2);
        assert_eq!(p.line(text.len()), 3);
        assert_eq!(p.char_offset(text.find('é').unwrap()), 4);
        assert_eq!(p.char_offset(text.len()), 9);
    }
}
