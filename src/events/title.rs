//! Short extractive headlines for events.
//!
//! A title is made of the words of the source sentence, never invented:
//!
//! 1. drop every date phrase of the sentence with its preposition
//!    (`In September 2021,`, `on November 10, 2020`, `from 1991 to 2020`),
//!    and vague ones (`In the past,`);
//! 2. keep the clause the date belongs to (clauses break at `;` and at
//!    `, which`, `, while`, ... from `words/clause_breaks.txt`); a date in a
//!    relative clause keeps its antecedent (`The delegation, which arrived
//!    in Baku on 2 May 2016, toured ...` → `The delegation arrived in Baku`);
//! 3. drop a wire dateline (`MOSCOW _`), leading connectives (`Moreover,`),
//!    a short leading adverbial followed by a subject (`During the visit,`)
//!    with the appositives after it, reporting frames (`, officials said`,
//!    `The ministry said that`);
//! 4. compress: parentheticals, naming phrases (`, known as "X",` →
//!    `"X"`), filler adverbs, metonymic heads (`the Armed Forces of`), the
//!    serial comma; if still longer than [`TARGET`]: possessive
//!    determiners, then the noun phrase naming the happening right before the
//!    date (`its occupation of Azerbaijani lands from 1991 to 2020` →
//!    `Armenia's occupation of Azerbaijani lands`, `its` resolved to the
//!    nearest proper name), a short plural conjunct, an early aside;
//! 5. cut at a clause boundary within [`TARGET`] characters, else at a
//!    phrase boundary, never beyond [`HARD_MAX`], never leaving a dangling
//!    `the`, `of`, `and` or an open quote.
//!
//! Normalisation is light: curly quotes become straight ones, the first
//! letter is capitalised, spaces follow the usual typography.

use super::lexicon::Lexicon;
use super::text::Tok;

/// Titles longer than this are compressed further.
pub(crate) const TARGET: usize = 80;
/// Titles are cut at a phrase boundary to at most this many characters.
pub(crate) const HARD_MAX: usize = 90;

/// Renders tokens with ordinary spacing and straight quotes.
pub(crate) fn render(toks: &[&Tok<'_>]) -> String {
    let mut out = String::new();
    let mut straight_open = false;
    let mut no_space_next = true;
    for t in toks {
        let s = t.text;
        let (text, attach_left, attach_right) = match s {
            "," | ";" | ":" | "." | "!" | "?" | ")" | "]" | "%" => (s, true, false),
            "(" | "[" | "$" | "£" | "€" => (s, false, true),
            "“" | "‘" | "``" => ("\"", false, true),
            "”" | "''" => ("\"", true, false),
            "’" => ("'", true, false),
            "\"" => {
                straight_open = !straight_open;
                if straight_open {
                    ("\"", false, true)
                } else {
                    ("\"", true, false)
                }
            }
            _ => (s, false, false),
        };
        if !out.is_empty() && !attach_left && !no_space_next {
            out.push(' ');
        }
        out.push_str(text);
        no_space_next = attach_right;
    }
    out
}

fn char_len(toks: &[&Tok<'_>]) -> usize {
    render(toks).chars().count()
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn is_open_quote(t: &str) -> bool {
    matches!(t, "“" | "‘" | "``")
}

fn is_close_quote(t: &str) -> bool {
    matches!(t, "”" | "’" | "''")
}

/// Whether the words starting at `ks[p]` spell `phrase` (lowercase words).
fn matches_at(toks: &[Tok<'_>], ks: &[usize], p: usize, phrase: &[String]) -> bool {
    phrase.len() <= ks.len().saturating_sub(p)
        && phrase
            .iter()
            .enumerate()
            .all(|(i, w)| toks[ks[p + i]].text.eq_ignore_ascii_case(w))
}

/// A working title: indices into the sentence's tokens.
struct Work<'s, 'a> {
    toks: &'s [Tok<'a>],
    ks: Vec<usize>,
    lex: &'static Lexicon,
}

impl<'s, 'a> Work<'s, 'a> {
    fn refs(&self) -> Vec<&'s Tok<'a>> {
        self.ks.iter().map(|&i| &self.toks[i]).collect()
    }

    fn len(&self) -> usize {
        char_len(&self.refs())
    }

    fn text(&self, p: usize) -> &str {
        self.toks[self.ks[p]].text
    }

    /// Removes punctuation left dangling by deletions.
    fn tidy(&mut self) {
        let toks = self.toks;
        let mut out: Vec<usize> = Vec::with_capacity(self.ks.len());
        for &k in &self.ks {
            let t = toks[k].text;
            if matches!(t, "," | ";" | ":") {
                match out.last() {
                    None => continue,
                    Some(&l) if matches!(toks[l].text, "," | ";" | ":" | "(" | "“" | "``") => {
                        continue;
                    }
                    _ => {}
                }
            }
            if matches!(t, "," | "." | ";" | ":") || is_close_quote(t) || t == ")" {
                // ", ”" → "”"; ", ." → "."
                while let Some(&l) = out.last() {
                    if matches!(toks[l].text, "," | ";" | ":") {
                        out.pop();
                    } else {
                        break;
                    }
                }
            }
            out.push(k);
        }
        // No trailing punctuation other than closing quotes or parentheses.
        while let Some(&l) = out.last() {
            let t = toks[l].text;
            if toks[l].is_word() || is_close_quote(t) || t == ")" || t == "\"" {
                break;
            }
            out.pop();
        }
        self.ks = out;
    }

    fn drop_leading_connectives(&mut self) {
        loop {
            self.tidy();
            let mut removed = false;
            for c in &self.lex.connectives {
                if matches_at(self.toks, &self.ks, 0, c) {
                    let after = self.ks.get(c.len()).map(|&k| self.toks[k].text);
                    // "Also" alone is a connective; "Also, ..." too; but keep a
                    // connective that is the whole title.
                    if after.is_some() {
                        self.ks.drain(..c.len());
                        removed = true;
                        break;
                    }
                }
            }
            if !removed {
                return;
            }
        }
    }

    /// "During the visit, X did Y" → "X did Y"; skips appositives after
    /// the adverbial ("During a meeting with A, B, in Baku, C praised ...").
    fn drop_lead_adverbial(&mut self) {
        let Some(first) = self.ks.first().map(|&k| self.toks[k].lower()) else {
            return;
        };
        if !self.lex.lead_prepositions.contains(&first) {
            return;
        }
        let commas: Vec<usize> = (0..self.ks.len())
            .filter(|&p| self.text(p) == ",")
            .collect();
        let Some(&first_comma) = commas.first() else {
            return;
        };
        let mut cut = first_comma;
        // Skip appositive segments: all capitalised words, or short
        // prepositional phrases.
        loop {
            let next = commas.iter().copied().find(|&c| c > cut);
            let seg: Vec<&Tok<'_>> = self.ks[cut + 1..next.unwrap_or(self.ks.len())]
                .iter()
                .map(|&k| &self.toks[k])
                .collect();
            let words: Vec<&&Tok<'_>> = seg.iter().filter(|t| t.is_word()).collect();
            let all_caps = !words.is_empty() && words.iter().all(|t| t.is_capitalized());
            let short_pp = words.len() <= 4
                && words.first().is_some_and(|t| {
                    self.lex
                        .date_prepositions
                        .iter()
                        .any(|p| p.len() == 1 && p[0] == t.lower())
                });
            match next {
                Some(n) if all_caps || short_pp => cut = n,
                _ => break,
            }
        }
        // An adverbial is short, and a subject follows it.
        let words = (0..first_comma)
            .filter(|&p| self.toks[self.ks[p]].is_word())
            .count();
        let subject = self.ks.get(cut + 1).is_some_and(|&k| {
            let t = &self.toks[k];
            let lower = t.lower();
            t.is_capitalized()
                || t.text.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    lower.as_str(),
                    "the" | "a" | "an" | "this" | "these" | "those"
                )
                || self.lex.pronouns.contains(&lower)
                || self.lex.determiners.contains(&lower)
        });
        if cut + 1 < self.ks.len() && words <= 10 && subject {
            self.ks.drain(..=cut);
        }
    }

    /// "MOSCOW _ Presidents met ..." / "CANBERRA, Australia — Qantas ...":
    /// an all-capitals place name and a dash open a wire story.
    fn drop_dateline(&mut self) {
        let dash = (0..self.ks.len().min(10))
            .find(|&p| matches!(self.text(p), "_" | "—" | "–" | "-" | "--"));
        let Some(d) = dash else { return };
        let head_ok = (0..d).all(|p| {
            let t = &self.toks[self.ks[p]];
            t.is_capitalized() || matches!(t.text, "," | "(" | ")")
        });
        if !head_ok {
            return;
        }
        let first = &self.toks[self.ks[0]];
        let caps = first.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && first
                .text
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase());
        if caps && d + 1 < self.ks.len() {
            self.ks.drain(..=d);
        }
    }

    /// A leading fragment of one or two lowercase words before a comma,
    /// left over when a date was removed ("ended, Service Corp. had ...").
    fn drop_leading_fragment(&mut self) {
        self.tidy();
        let comma = (0..self.ks.len().min(3)).find(|&p| self.text(p) == ",");
        if let Some(c) = comma {
            let lower = (0..c).all(|p| {
                let t = &self.toks[self.ks[p]];
                t.is_word() && !t.is_capitalized()
            });
            if c > 0 && lower && c + 1 < self.ks.len() {
                self.ks.drain(..=c);
            }
        }
    }

    fn drop_parentheticals(&mut self) {
        let mut out = Vec::new();
        let mut depth = 0usize;
        for &k in &self.ks {
            match self.toks[k].text {
                "(" | "[" => depth += 1,
                ")" | "]" if depth > 0 => depth -= 1,
                _ if depth == 0 => out.push(k),
                _ => {}
            }
        }
        self.ks = out;
    }

    fn drop_naming(&mut self) {
        let mut p = 0;
        while p < self.ks.len() {
            let hit = self
                .lex
                .naming
                .iter()
                .find(|n| matches_at(self.toks, &self.ks, p, n))
                .map(Vec::len);
            let next_is_quote = |len: usize| {
                self.ks
                    .get(p + len)
                    .is_some_and(|&k| is_open_quote(self.toks[k].text) || self.toks[k].text == "\"")
            };
            match hit {
                Some(len) if next_is_quote(len) => {
                    let comma_before = p > 0 && self.text(p - 1) == ",";
                    self.ks.drain(p..p + len);
                    if comma_before {
                        self.ks.remove(p - 1);
                        p -= 1;
                    }
                    // Drop the comma that closed the appositive after the name.
                    let close = (p + 1..self.ks.len())
                        .find(|&q| is_close_quote(self.text(q)) || self.text(q) == "\"");
                    if let Some(q) = close {
                        if q > 0 && self.text(q - 1) == "," {
                            self.ks.remove(q - 1);
                        } else if self
                            .ks
                            .get(q + 1)
                            .is_some_and(|&k| self.toks[k].text == ",")
                        {
                            self.ks.remove(q + 1);
                        }
                    }
                }
                _ => p += 1,
            }
        }
    }

    fn drop_words(&mut self, list: &[String]) {
        let toks = self.toks;
        let n = self.ks.len();
        let mut out = Vec::with_capacity(n);
        for (p, &k) in self.ks.iter().enumerate() {
            let t = &toks[k];
            // Only drop lowercase occurrences between other words.
            let droppable = t.is_word()
                && !t.is_capitalized()
                && list.contains(&t.lower())
                && p > 0
                && p + 1 < n;
            if !droppable {
                out.push(k);
            }
        }
        self.ks = out;
    }

    fn drop_collective_heads(&mut self) {
        let mut p = 0;
        while p < self.ks.len() {
            let hit = self
                .lex
                .collective_heads
                .iter()
                .find(|h| matches_at(self.toks, &self.ks, p, h))
                .map(Vec::len);
            match hit {
                Some(len) if p + len < self.ks.len() => {
                    self.ks.drain(p..p + len);
                }
                _ => p += 1,
            }
        }
    }

    fn drop_serial_comma(&mut self) {
        let mut p = 1;
        while p + 1 < self.ks.len() {
            let next = self.toks[self.ks[p + 1]].lower();
            if self.text(p) == ","
                && (next == "and" || next == "or")
                && (p.saturating_sub(4)..p).any(|q| self.text(q) == ",")
            {
                self.ks.remove(p);
            } else {
                p += 1;
            }
        }
    }

    /// Drops reporting frames: a trailing `, officials said` and a leading
    /// `The ministry said that`.
    fn drop_reporting(&mut self) {
        let is_rep =
            |w: &Work<'_, '_>, p: usize| w.lex.reporting_verbs.contains(&w.toks[w.ks[p]].lower());
        // Trailing: ", <up to 4 words> said".
        if let Some(c) = (0..self.ks.len()).rev().find(|&p| self.text(p) == ",") {
            let tail = self.ks.len() - c - 1;
            if (1..=5).contains(&tail) && (c + 1..self.ks.len()).any(|p| is_rep(self, p)) {
                self.ks.truncate(c);
            }
        }
        // Leading: "<up to 6 words> said that".
        let lead = (0..self.ks.len().min(8)).find(|&p| is_rep(self, p));
        if let Some(p) = lead {
            if self
                .ks
                .get(p + 1)
                .is_some_and(|&k| self.toks[k].lower() == "that")
                && p + 2 < self.ks.len()
            {
                self.ks.drain(..p + 2);
            }
        }
    }

    /// Drops an early comma-enclosed aside that is not a list of names:
    /// "The Iraqi leader, in an initiative designed to ..., announced" →
    /// "The Iraqi leader announced".
    fn drop_early_aside(&mut self) {
        let commas: Vec<usize> = (0..self.ks.len())
            .filter(|&p| self.text(p) == ",")
            .collect();
        for w in commas.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a > 6 {
                return;
            }
            let seg: Vec<&Tok<'_>> = self.ks[a + 1..b].iter().map(|&k| &self.toks[k]).collect();
            let words = seg.iter().filter(|t| t.is_word()).count();
            let names = seg
                .iter()
                .all(|t| !t.is_word() || t.is_capitalized() || self.lex.is_function(t.text));
            if (2..=16).contains(&words) && !names && a > 0 && b + 1 < self.ks.len() {
                self.ks.drain(a..b + 1);
                return;
            }
        }
    }

    /// Drops a short second conjunct of common nouns before a preposition
    /// or the end: `formations and separatist troops in` → `formations in`.
    fn drop_short_conjunct(&mut self) {
        let n = self.ks.len();
        for p in 1..n {
            let and = &self.toks[self.ks[p]];
            let prev = &self.toks[self.ks[p - 1]];
            // Only plural common nouns: "formations and separatist troops".
            if and.text != "and"
                || !prev.is_word()
                || prev.is_capitalized()
                || !prev.text.ends_with('s')
            {
                continue;
            }
            let mut q = p + 1;
            while q < n && q <= p + 3 {
                let t = &self.toks[self.ks[q]];
                if !t.is_word() || t.is_capitalized() || self.lex.is_function(t.text) {
                    break;
                }
                q += 1;
            }
            let ends_well = q == n || self.lex.is_preposition(self.toks[self.ks[q]].text);
            let plural = self.toks[self.ks[q - 1]].text.ends_with('s');
            if q > p + 1
                && ends_well
                && plural
                && !self.lex.is_preposition(self.toks[self.ks[q - 1]].text)
            {
                self.ks.drain(p..q);
                return;
            }
        }
    }

    /// Cuts within `soft` characters at a clause boundary if that keeps at
    /// least 50 characters, or at any phrase boundary if that keeps 65;
    /// else within `hard`.
    fn cut_preferring(&mut self, soft: usize, hard: usize) {
        if self.len() > soft {
            let saved = self.ks.clone();
            if self.cut(soft, true) && self.len() >= 50 {
                return;
            }
            self.ks = saved.clone();
            if self.cut(soft, false) && self.len() >= 65 {
                return;
            }
            self.ks = saved;
        }
        self.cut(hard, false);
    }

    /// Cuts before the last phrase boundary that fits in `max` characters.
    /// Returns whether it cut at a phrase boundary (or needed no cut).
    /// With `strong_only`, only punctuation and clause words are boundaries.
    fn cut(&mut self, max: usize, strong_only: bool) -> bool {
        if self.len() <= max {
            return true;
        }
        let mut best = None;
        let mut in_quote = false;
        for p in 1..self.ks.len() {
            let t = &self.toks[self.ks[p]];
            if is_open_quote(t.text) {
                in_quote = true;
            }
            if is_close_quote(t.text) {
                in_quote = false;
            }
            if in_quote {
                continue;
            }
            let lower = t.lower();
            // Cut before "and"/"but" only where a new phrase starts.
            if matches!(lower.as_str(), "and" | "but") {
                let next = self.ks.get(p + 1).map(|&k| &self.toks[k]);
                let starts_phrase = next.is_some_and(|n| {
                    self.lex.is_function(n.text) || n.text.starts_with(|c: char| c.is_ascii_digit())
                });
                if !starts_phrase {
                    continue;
                }
            }
            let strong_word = matches!(
                lower.as_str(),
                "which"
                    | "that"
                    | "who"
                    | "while"
                    | "when"
                    | "where"
                    | "because"
                    | "but"
                    | "including"
            );
            let is_boundary = matches!(t.text, "," | ";" | ":" | "(" | "–" | "—")
                || (!t.is_capitalized() && strong_word)
                || (!strong_only
                    && !t.is_capitalized()
                    && (self.lex.phrase_boundaries.contains(&lower)
                        || self
                            .lex
                            .date_prepositions
                            .iter()
                            .any(|d| d.len() == 1 && d[0] == lower)));
            if is_boundary {
                let head: Vec<&Tok<'_>> = self.ks[..p].iter().map(|&k| &self.toks[k]).collect();
                if char_len(&head) <= max && head.iter().filter(|t| t.is_word()).count() >= 3 {
                    best = Some(p);
                }
            }
        }
        let found = best.is_some();
        match best {
            Some(p) => self.ks.truncate(p),
            None => {
                while self.ks.len() > 1 && self.len() > max {
                    self.ks.pop();
                }
            }
        }
        self.trim_ends();
        found
    }

    /// Drops dangling function words and unbalanced quotes at the ends.
    fn trim_ends(&mut self) {
        loop {
            self.tidy();
            let before = self.ks.len();
            while let Some(&l) = self.ks.last() {
                let t = &self.toks[l];
                let lower = t.lower();
                let dangling = t.is_word()
                    && !t.is_capitalized()
                    && (self.lex.is_function(t.text)
                        || self.lex.is_preposition(t.text)
                        || self.lex.phrase_boundaries.contains(&lower));
                if dangling || is_open_quote(t.text) || t.text == "$" {
                    self.ks.pop();
                } else {
                    break;
                }
            }
            // A lone word after a final comma: "..., up".
            let n = self.ks.len();
            if n >= 3 && self.text(n - 2) == "," && self.toks[self.ks[n - 1]].is_word() {
                self.ks.truncate(n - 2);
            }
            while let Some(&f) = self.ks.first() {
                let t = &self.toks[f];
                let lower = t.lower();
                let bad_word = t.is_word()
                    && self.lex.is_function(t.text)
                    && !matches!(
                        lower.as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "this"
                            | "these"
                            | "those"
                    );
                // "In Los Angeles, ..." keeps its preposition before a name.
                let place = matches!(
                    lower.as_str(),
                    "in" | "on" | "at" | "after" | "before" | "during"
                ) && self
                    .ks
                    .get(1)
                    .is_some_and(|&k| self.toks[k].is_capitalized());
                if (bad_word && !place)
                    || (!t.is_word() && !is_open_quote(t.text) && t.text != "\"" && t.text != "(")
                {
                    self.ks.remove(0);
                } else {
                    break;
                }
            }
            self.balance_quotes();
            if self.ks.len() == before {
                return;
            }
        }
    }

    fn balance_quotes(&mut self) {
        let mut open: Vec<usize> = Vec::new();
        let mut bad: Vec<usize> = Vec::new();
        let mut straight: Vec<usize> = Vec::new();
        for (p, &k) in self.ks.iter().enumerate() {
            let t = self.toks[k].text;
            if t == "“" || t == "``" {
                open.push(p);
            } else if t == "”" || t == "''" {
                if open.pop().is_none() {
                    bad.push(p);
                }
            } else if t == "\"" {
                straight.push(p);
            } else if t == "(" {
                open.push(p);
            } else if t == ")" && open.pop().is_none() {
                bad.push(p);
            }
        }
        bad.extend(open);
        if straight.len() % 2 == 1 {
            bad.extend(straight.last());
        }
        bad.sort_unstable();
        for p in bad.into_iter().rev() {
            self.ks.remove(p);
        }
    }

    fn finish(self) -> Option<String> {
        self.finish_with(None)
    }

    /// Finishes the title, with `prefix` (a possessive name) in front when
    /// the result still fits in [`HARD_MAX`].
    fn finish_with(mut self, prefix: Option<&str>) -> Option<String> {
        self.trim_ends();
        let words = self.refs().iter().filter(|t| t.is_word()).count();
        if words < 2 {
            return None;
        }
        let body = render(&self.refs());
        if let Some(p) = prefix {
            let with = format!("{p} {body}");
            if with.chars().count() <= HARD_MAX {
                return Some(capitalize(&with));
            }
        }
        Some(capitalize(&body))
    }
}

/// Where a date phrase sits in a sentence's tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DatePhrase {
    /// First token of the phrase, including its preposition.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Finds the tokens of the byte span `span` and extends them left over the
/// preposition that introduces them.
pub(crate) fn date_phrase(
    toks: &[Tok<'_>],
    span: (usize, usize),
    lex: &Lexicon,
) -> Option<DatePhrase> {
    let first = toks
        .iter()
        .position(|t| t.end > span.0 && t.start < span.1)?;
    let last = toks
        .iter()
        .rposition(|t| t.end > span.0 && t.start < span.1)?;
    let mut start = first;
    if start > 0 && toks[start - 1].lower() == "the" {
        start -= 1;
    }
    let mut preps: Vec<&Vec<String>> = lex.date_prepositions.iter().collect();
    preps.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in preps {
        if p.len() <= start
            && p.iter()
                .enumerate()
                .all(|(i, w)| toks[start - p.len() + i].text.eq_ignore_ascii_case(w))
        {
            start -= p.len();
            break;
        }
    }
    Some(DatePhrase {
        start,
        end: last + 1,
    })
}

/// The clause-level title for a dated sentence (see the module docs).
/// `remove` are the date phrases to drop; `focus` is the token the title
/// is about (the first date).
pub(crate) fn clause_title(
    toks: &[Tok<'_>],
    remove: &[DatePhrase],
    focus: DatePhrase,
) -> Option<String> {
    let lex = Lexicon::get();
    let focus_end = focus.end;
    let focus = focus.start;
    let removed = |i: usize| remove.iter().any(|d| i >= d.start && i < d.end);
    // Clause boundaries, on the full token list.
    let mut breaks = vec![0usize];
    for i in 0..toks.len() {
        let t = &toks[i];
        let lower = t.lower();
        let after_comma = i > 0 && toks[i - 1].text == ",";
        let phrase_here = lex.clause_breaks.iter().any(|c| {
            c.len() <= toks.len() - i
                && c.iter()
                    .enumerate()
                    .all(|(j, w)| toks[i + j].text.eq_ignore_ascii_case(w))
        });
        let is_break = t.text == ";"
            || (after_comma && phrase_here && !t.is_capitalized())
            || lex.bare_clause_breaks.contains(&lower) && !removed(i);
        if is_break && i > 0 {
            breaks.push(if after_comma { i - 1 } else { i });
        }
    }
    breaks.push(toks.len());
    breaks.dedup();
    let (c0, c1) = breaks
        .windows(2)
        .map(|w| (w[0], w[1]))
        .find(|&(a, b)| focus >= a && focus < b)
        .unwrap_or((0, toks.len()));
    let relative = toks.get(c0).is_some_and(|t| t.text == ",")
        && toks
            .get(c0 + 1)
            .is_some_and(|t| matches!(t.lower().as_str(), "which" | "who"));
    let ks: Vec<usize> = if relative {
        // "The delegation, which arrived in Baku on 2 May 2016, toured ..."
        // → "The delegation arrived in Baku".
        let date_end = focus_end.max(focus);
        let rel_end = (date_end..c1).find(|&i| toks[i].text == ",").unwrap_or(c1);
        let prev_start = breaks
            .iter()
            .copied()
            .filter(|&b| b < c0)
            .max()
            .unwrap_or(0);
        let antecedent: Vec<usize> = (prev_start..c0).filter(|&i| !removed(i)).collect();
        let short = antecedent.iter().filter(|&&i| toks[i].is_word()).count() <= 6;
        let mut ks = if short {
            antecedent
        } else {
            // The noun phrase right before the comma: "in the construction
            // industry, which added ..." → "the construction industry".
            let mut a = c0;
            while a > prev_start && c0 - a < 6 {
                let t = &toks[a - 1];
                let lower = t.lower();
                let inner = matches!(lower.as_str(), "the" | "a" | "an" | "and" | "of");
                if !t.is_word() || (lex.is_function(t.text) || lex.is_preposition(t.text)) && !inner
                {
                    break;
                }
                a -= 1;
                // A determiner opens the noun phrase.
                if matches!(lower.as_str(), "the" | "a" | "an") || lex.determiners.contains(&lower)
                {
                    break;
                }
            }
            (a..c0).filter(|&i| !removed(i)).collect()
        };
        ks.extend((c0 + 2..rel_end).filter(|&i| !removed(i)));
        ks
    } else {
        (c0..c1).filter(|&i| !removed(i)).collect()
    };
    let mut w = Work { toks, ks, lex };
    w.drop_dateline();
    w.drop_leading_connectives();
    w.drop_lead_adverbial();
    w.drop_leading_connectives();
    w.drop_leading_fragment();
    w.drop_parentheticals();
    w.drop_reporting();
    w.drop_naming();
    w.drop_words(&lex.fillers);
    w.drop_collective_heads();
    w.drop_serial_comma();
    w.tidy();
    if w.len() > TARGET {
        w.drop_words(&lex.determiners);
        w.tidy();
    }
    let mut prefix = None;
    if w.len() > TARGET {
        if let Some((np, referent)) = nominal(toks, &w.ks, focus, lex) {
            w.ks = np;
            w.drop_words(&lex.determiners);
            w.tidy();
            prefix = referent;
        }
    }
    if w.len() > TARGET {
        w.drop_short_conjunct();
    }
    if w.len() > TARGET {
        w.drop_early_aside();
        w.tidy();
    }
    w.cut_preferring(TARGET, HARD_MAX);
    w.drop_reporting();
    w.finish_with(prefix.as_deref())
}

/// The noun phrase naming a happening right before the date phrase
/// starting at token `date_start`: `its occupation of Azerbaijani lands`.
fn nominal(
    toks: &[Tok<'_>],
    ks: &[usize],
    date_start: usize,
    lex: &Lexicon,
) -> Option<(Vec<usize>, Option<String>)> {
    let before: Vec<usize> = ks.iter().copied().filter(|&k| k < date_start).collect();
    let mut seen_words = 0;
    let mut head = None;
    for (p, &k) in before.iter().enumerate().rev() {
        let t = &toks[k];
        if matches!(t.text, ";" | ":") {
            break;
        }
        if t.is_word() {
            seen_words += 1;
            if lex.happening_noun_class(t.text).is_some() {
                head = Some(p);
                break;
            }
        }
        if seen_words > 14 {
            break;
        }
    }
    let mut start = head?;
    // Nothing but words between the happening and the date: "its
    // occupation of Azerbaijani lands from 1991", not "negotiations,
    // announced yesterday".
    let (h, d) = (before[start], date_start);
    if toks[h..d].iter().any(|t| !t.is_word()) {
        return None;
    }
    let mut added = 0;
    while start > 0 && added < 3 {
        let t = &toks[before[start - 1]];
        if !t.is_word()
            || lex.is_function(t.text)
            || lex.is_preposition(t.text)
            || lex.determiners.contains(&t.lower())
            || t.lower().ends_with("ing")
        {
            break;
        }
        start -= 1;
        added += 1;
    }
    // The phrase follows a determiner or a preposition, so that it is a
    // noun phrase and not a verb's object ("to launch talks").
    let opener = before[start]
        .checked_sub(1)
        .map(|i| toks[i].lower())
        .unwrap_or_default();
    if !(lex.determiners.contains(&opener)
        || matches!(opener.as_str(), "the" | "a" | "an")
        || lex.is_preposition(&opener))
    {
        return None;
    }
    // Never the subject of the clause: the phrase must not start the title.
    if start == 0 {
        return None;
    }
    // "its occupation" → the nearest proper name before `its`.
    let first = before[start];
    let referent = (first > 0 && toks[first - 1].lower() == "its")
        .then(|| referent(toks, first - 1, lex))
        .flatten();
    Some((before[start..].to_vec(), referent))
}

/// The proper name `its` at token `its` most likely refers to: the nearest
/// run of capitalised words before it, within 8 words, as a possessive
/// (`Armenia's`, `Azerbaijan Armed Forces'`).
fn referent(toks: &[Tok<'_>], its: usize, lex: &Lexicon) -> Option<String> {
    let mut k = its;
    let mut words = 0;
    while k > 0 && words < 8 {
        k -= 1;
        let t = &toks[k];
        if matches!(t.text, ";" | ":") {
            return None;
        }
        if !t.is_word() {
            continue;
        }
        words += 1;
        if t.is_capitalized() && !lex.is_function(t.text) {
            let end = k + 1;
            let mut start = k;
            while start > 0
                && toks[start - 1].is_word()
                && toks[start - 1].is_capitalized()
                && !lex.is_function(toks[start - 1].text)
            {
                start -= 1;
            }
            let name: Vec<&str> = toks[start..end].iter().map(|t| t.text).collect();
            let name = name.join(" ");
            if name.ends_with("'s") || name.ends_with("’s") {
                return None;
            }
            return Some(if name.ends_with('s') {
                format!("{name}'")
            } else {
                format!("{name}'s")
            });
        }
    }
    None
}

/// A title from a noun phrase around the happening word at token `noun`:
/// possessors before it (`Asim Munir's visit`) and one prepositional phrase
/// after it (`to Baku`).
pub(crate) fn happening_title(toks: &[Tok<'_>], noun: usize) -> Option<String> {
    let lex = Lexicon::get();
    // "Blair's current visit": skip the marker between possessor and noun.
    let marker = noun > 0 && lex.present_markers.contains(&toks[noun - 1].lower());
    let mut start = if marker { noun - 1 } else { noun };
    let mut possessor = false;
    while start > 0 {
        let t = &toks[start - 1];
        let possessive = t.text.ends_with("'s") || t.text.ends_with("’s");
        if t.is_word() && (t.is_capitalized() || possessive) && !lex.is_function(t.text) {
            possessor |= possessive;
            start -= 1;
        } else {
            break;
        }
    }
    // "the foreign minister's visit": adjectives of the possessor.
    let mut added = 0;
    while possessor && start > 0 && added < 2 {
        let t = &toks[start - 1];
        if !t.is_word() || lex.is_function(t.text) || lex.present_markers.contains(&t.lower()) {
            break;
        }
        start -= 1;
        added += 1;
    }
    let mut end = noun + 1;
    if toks
        .get(end)
        .is_some_and(|t| matches!(t.lower().as_str(), "to" | "of" | "in" | "with"))
    {
        let mut j = end + 1;
        while j < toks.len() && j < end + 7 {
            let t = &toks[j];
            let lower = t.lower();
            let ok = t.is_word()
                && (!lex.is_function(t.text)
                    || matches!(lower.as_str(), "of" | "the" | "in" | "to"))
                && !lex.present_verbs.contains(&lower);
            if !ok {
                break;
            }
            j += 1;
        }
        if j > end + 1 {
            end = j;
        }
        // Skip an appositive to reach the destination: "visit of X, Asim
        // Munir, to Baku".
        if toks.get(end).is_some_and(|t| t.text == ",") {
            let close = (end + 1..toks.len().min(end + 6)).find(|&k| toks[k].text == ",");
            if let Some(c) = close {
                let names = (end + 1..c).all(|k| toks[k].is_word() && toks[k].is_capitalized());
                let dest = toks
                    .get(c + 1)
                    .is_some_and(|t| matches!(t.text, "to" | "in" | "at"))
                    && toks.get(c + 2).is_some_and(|t| t.is_capitalized());
                if names && dest {
                    end = c + 3;
                }
            }
        }
    }
    let ks = (start..end)
        .filter(|&i| !(marker && i == noun - 1))
        .collect();
    let w = Work { toks, ks, lex };
    w.finish()
}

/// A title for a happening that lasted a duration: the duration and the
/// noun phrase after it (`44-day Parotic War`). Returns the title and the
/// head noun.
pub(crate) fn duration_title(toks: &[Tok<'_>], dur: DatePhrase) -> Option<(String, String)> {
    let lex = Lexicon::get();
    // "30 years of occupation": the happening follows `of`.
    let np_start = if toks.get(dur.end).is_some_and(|t| t.lower() == "of") {
        dur.end + 1
    } else {
        dur.end
    };
    let mut end = np_start;
    while end < toks.len() && end < np_start + 4 {
        let t = &toks[end];
        if !t.is_word() || lex.is_function(t.text) {
            break;
        }
        end += 1;
    }
    if end == np_start {
        return None;
    }
    let head = toks[end - 1].lower();
    // The duration itself, without its preposition or article.
    let first = (dur.start..dur.end)
        .find(|&i| {
            !lex.is_function(toks[i].text)
                && !lex
                    .date_prepositions
                    .iter()
                    .any(|p| p.len() == 1 && p[0] == toks[i].lower())
        })
        .unwrap_or(dur.start);
    let w = Work {
        toks,
        ks: (first..end).collect(),
        lex,
    };
    Some((w.finish()?, head))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::text::tokens;

    fn title_for(sentence: &str, date: &str) -> Option<String> {
        let lex = Lexicon::get();
        let toks = tokens(sentence, 0, sentence.len(), lex);
        let s = sentence.find(date).unwrap();
        let dp = date_phrase(&toks, (s, s + date.len()), lex).unwrap();
        clause_title(&toks, &[dp], dp)
    }

    #[test]
    fn drops_leading_date_and_compresses() {
        let s = "In September 2021, the Armed Forces of Azerbaijan, Türkiye, and Pakistan jointly conducted their first-ever joint drills, known as “Three Brothers-2021,” in Baku.";
        assert_eq!(
            title_for(s, "September 2021").as_deref(),
            Some(
                "Azerbaijan, Türkiye and Pakistan conducted first-ever joint drills \"Three Brothers-2021\""
            )
        );
    }

    #[test]
    fn cuts_relative_clause_after_date() {
        let s = "The war concluded with the signing of a statement on November 10, 2020, under which Armenia also returned the occupied Aghdam, Kalbajar, and Lachin districts to Azerbaijan.";
        assert_eq!(
            title_for(s, "November 10, 2020").as_deref(),
            Some("The war concluded with the signing of a statement")
        );
    }

    #[test]
    fn nominal_happening_in_long_clause() {
        let s = "During a meeting with Pakistan's Chief of Army Staff, Asim Munir, in Baku, President Aliyev praised Islamabad for its brotherly attitude, specifically for refusing to establish diplomatic ties with Armenia due to its occupation of Azerbaijani lands from 1991 to 2020 which demonstrates Pakistan's strong support.";
        assert_eq!(
            title_for(s, "1991 to 2020").as_deref(),
            Some("Armenia's occupation of Azerbaijani lands")
        );
    }

    #[test]
    fn drops_connective_and_lead_adverbial() {
        let s = "Moreover, during the summit on 3 May 2022, the leaders signed a trade pact.";
        assert_eq!(
            title_for(s, "3 May 2022").as_deref(),
            Some("The leaders signed a trade pact")
        );
    }

    #[test]
    fn happening_noun_phrase() {
        let s = "Pakistan's Chief of Army Staff, Asim Munir's visit to Baku is aimed at enhancing cooperation.";
        let toks = tokens(s, 0, s.len(), Lexicon::get());
        let noun = toks.iter().position(|t| t.text == "visit").unwrap();
        assert_eq!(
            happening_title(&toks, noun).as_deref(),
            Some("Asim Munir's visit to Baku")
        );
    }

    #[test]
    fn verb_forms_do_not_head_noun_phrases() {
        let s = "U.N. Secretary-General Dr. Antonio Guterres met Gen. Ali Khan in New York on Nov. 3, 2019 to discuss peacekeeping.";
        assert_eq!(
            title_for(s, "Nov. 3, 2019").as_deref(),
            Some("U.N. Secretary-General Dr. Antonio Guterres met Gen. Ali Khan in New York")
        );
    }

    #[test]
    fn cuts_before_a_preposition_not_inside_a_subject() {
        let s = "In June 2018, the navies of Oman and India jointly conducted their first-ever joint exercise, known as “Naseem Al Bahr,” off Muscat.";
        assert_eq!(
            title_for(s, "June 2018").as_deref(),
            Some(
                "The navies of Oman and India conducted first-ever joint exercise \"Naseem Al Bahr\""
            )
        );
    }

    #[test]
    fn relative_clause_keeps_its_antecedent() {
        let s = "The delegation, which arrived in Baku on 2 May 2016, toured the new port.";
        assert_eq!(
            title_for(s, "2 May 2016").as_deref(),
            Some("The delegation arrived in Baku")
        );
    }

    #[test]
    fn drops_reporting_frames() {
        let s = "The embassy stayed closed until March 2021, officials said.";
        assert_eq!(
            title_for(s, "March 2021").as_deref(),
            Some("The embassy stayed closed")
        );
        let s = "The ministry said that troops left the town on 3 May 2020.";
        assert_eq!(
            title_for(s, "3 May 2020").as_deref(),
            Some("Troops left the town")
        );
    }

    #[test]
    fn never_ends_on_a_function_word() {
        let s = "On 1 March 2020 the committee of the national assembly of the republic approved the very long and detailed budget of the ministry of defence and of the ministry of the interior for the year.";
        let t = title_for(s, "1 March 2020").unwrap();
        assert!(t.chars().count() <= HARD_MAX, "{t}");
        let last = t.split_whitespace().last().unwrap();
        assert!(!Lexicon::get().is_function(last), "{t}");
    }
}
