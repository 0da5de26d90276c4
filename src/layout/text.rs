//! Text measurement with the embedded font.
//!
//! Layout never asks the machine which fonts it has: every width comes from
//! DejaVu Sans, embedded in the binary (`assets/fonts/DejaVuSans.ttf`, Bitstream
//! Vera licence in `assets/fonts/LICENSE-DejaVu.txt`). The SVG names the same
//! family first, so a browser that has it draws exactly what was measured;
//! widths are measured without kerning, which only ever makes real text a
//! little narrower than its measured box.
//!
//! ```
//! use timeline::layout::text::Metrics;
//! let m = Metrics::get();
//! let w = m.width("Nov 2020", 12.0);
//! assert!(w > 40.0 && w < 60.0);
//! let (lines, cut) = m.wrap("a title that is far too long to fit on one short line", 12.0, 120.0, 2);
//! assert_eq!(lines.len(), 2);
//! assert!(cut && lines[1].ends_with('…'));
//! ```

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};

/// The embedded font file (DejaVu Sans).
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The family name of [`FONT_BYTES`], as written in the SVG.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// The CSS font stack written in the SVG: the embedded family first, then
/// its metric twins and a generic fallback.
pub const FONT_STACK: &str = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif";

/// The ellipsis appended to truncated text.
pub const ELLIPSIS: char = '…';

/// True for the Unicode bidirectional embedding, override and isolate
/// controls (U+202A–U+202E, U+2066–U+2069): invisible characters that
/// reorder the text around them, so that a title could display as
/// something else than it says. They are never drawn.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without bidirectional controls (see [`is_bidi_control`]).
pub fn strip_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        text.chars().filter(|&c| !is_bidi_control(c)).collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Font metrics of the embedded font, in ems.
#[derive(Debug)]
pub struct Metrics {
    font: Option<FontRef<'static>>,
    ascent: f64,
    descent: f64,
    /// Advances of ASCII characters, in ems, for speed.
    ascii: [f64; 128],
}

impl Metrics {
    /// The shared metrics of the embedded font.
    pub fn get() -> &'static Metrics {
        static M: OnceLock<Metrics> = OnceLock::new();
        M.get_or_init(|| match FontRef::try_from_slice(FONT_BYTES) {
            Ok(font) => {
                let upem = f64::from(font.units_per_em().unwrap_or(2048.0));
                let ascent = f64::from(font.ascent_unscaled()) / upem;
                let descent = -f64::from(font.descent_unscaled()) / upem;
                let mut ascii = [0.0; 128];
                for (i, a) in ascii.iter_mut().enumerate() {
                    let c = char::from(i as u8);
                    *a = f64::from(font.h_advance_unscaled(font.glyph_id(c))) / upem;
                }
                Metrics {
                    font: Some(font),
                    ascent,
                    descent,
                    ascii,
                }
            }
            // The font is compiled in, so this cannot happen at run time;
            // fall back to a generous fixed-width estimate all the same.
            Err(_) => Metrics {
                font: None,
                ascent: 0.93,
                descent: 0.24,
                ascii: [0.65; 128],
            },
        })
    }

    /// Height above the baseline, in pixels, at `size`.
    pub fn ascent(&self, size: f64) -> f64 {
        self.ascent * size
    }

    /// Depth below the baseline, in pixels, at `size`.
    pub fn descent(&self, size: f64) -> f64 {
        self.descent * size
    }

    /// The height of a text box (ascent plus descent) at `size`.
    pub fn height(&self, size: f64) -> f64 {
        (self.ascent + self.descent) * size
    }

    /// The advance width of `text` at `size` pixels.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        text.chars().map(|c| self.char_em(c)).sum::<f64>() * size
    }

    fn char_em(&self, c: char) -> f64 {
        if let Some(a) = self.ascii.get(c as usize) {
            return *a;
        }
        match &self.font {
            Some(font) => {
                let upem = f64::from(font.units_per_em().unwrap_or(2048.0));
                f64::from(font.h_advance_unscaled(font.glyph_id(c))) / upem
            }
            None => 0.65,
        }
    }

    /// Cuts `text` so that it plus an ellipsis fits in `max` pixels.
    /// Returns `text` unchanged when it already fits.
    pub fn truncate(&self, text: &str, size: f64, max: f64) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let ell = self.width(&ELLIPSIS.to_string(), size);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = self.width(c.encode_utf8(&mut [0; 4]), size);
            if w + cw + ell > max {
                break;
            }
            w += cw;
            out.push(c);
        }
        let mut out = out.trim_end().to_string();
        out.push(ELLIPSIS);
        out
    }

    /// Shortens `text` to one line of at most `max` pixels, cutting after
    /// a whole word and adding an ellipsis; a first word that alone is too
    /// wide is cut within it (nothing else can help). Returns `text`
    /// unchanged when it fits.
    pub fn shorten(&self, text: &str, size: f64, max: f64) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let ell = self.width(&ELLIPSIS.to_string(), size);
        let mut out = String::new();
        for w in text.split_whitespace() {
            let candidate = if out.is_empty() {
                w.to_string()
            } else {
                format!("{out} {w}")
            };
            if self.width(&candidate, size) + ell > max {
                break;
            }
            out = candidate;
        }
        if out.is_empty() {
            return self.truncate(text, size, max);
        }
        // A dangling dash or comma reads badly before the ellipsis.
        let out = out.trim_end_matches([',', ';', ':', '–', '—', '-', ' ']);
        format!("{out}{ELLIPSIS}")
    }

    /// Word wrap of `text` into at most `max_lines` lines of at most `max`
    /// pixels. Words are never cut (a dash stays with the word before it):
    /// when the text needs more lines, the last line ends with an ellipsis
    /// after its last whole word. Only a single word wider than `max` is
    /// cut within it. The flag says whether anything was left out.
    pub fn wrap(&self, text: &str, size: f64, max: f64, max_lines: usize) -> (Vec<String>, bool) {
        let words = words(text);
        let mut lines: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() && lines.len() < max_lines {
            let mut cur = String::new();
            while i < words.len() {
                let candidate = if cur.is_empty() {
                    words[i].clone()
                } else {
                    format!("{cur} {}", words[i])
                };
                if self.width(&candidate, size) > max && !cur.is_empty() {
                    break;
                }
                cur = candidate;
                i += 1;
                if self.width(&cur, size) > max {
                    break;
                }
            }
            if lines.len() + 1 == max_lines && i < words.len() {
                let rest = format!("{cur} {}", words[i..].join(" "));
                lines.push(self.shorten(&rest, size, max));
                return (lines, true);
            }
            let cut = self.width(&cur, size) > max;
            lines.push(self.shorten(&cur, size, max));
            if cut {
                return (lines, true);
            }
        }
        (lines, false)
    }

    /// The width of the widest word of `text`.
    pub fn widest_word(&self, text: &str, size: f64) -> f64 {
        words(text)
            .iter()
            .map(|w| self.width(w, size))
            .fold(0.0, f64::max)
    }
}

/// The words of `text`; a dash or ampersand never starts a line, it stays
/// with the word before it.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match words.last_mut() {
            Some(prev) if matches!(w, "–" | "—" | "-" | "&") => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => words.push(w.to_string()),
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_short_text_whole() {
        let m = Metrics::get();
        assert_eq!(
            m.wrap("Short title", 12.0, 200.0, 2),
            (vec!["Short title".to_string()], false)
        );
    }

    #[test]
    fn wrap_never_exceeds_the_width_nor_cuts_a_word() {
        let m = Metrics::get();
        let text = "Pakistan and Azerbaijan hold joint military drills near the border with several thousand soldiers";
        let words: Vec<&str> = text.split(' ').collect();
        for max in [80.0, 150.0, 260.0] {
            let (lines, cut) = m.wrap(text, 12.0, max, 2);
            assert!(lines.len() <= 2 && cut);
            for l in &lines {
                assert!(m.width(l, 12.0) <= max, "{l:?} wider than {max}");
                for w in l.trim_end_matches(ELLIPSIS).split(' ') {
                    assert!(words.contains(&w), "{w:?} is cut in {l:?}");
                }
            }
            assert!(lines.last().unwrap().ends_with(ELLIPSIS));
        }
    }

    #[test]
    fn only_a_word_wider_than_the_line_is_cut() {
        let m = Metrics::get();
        let (lines, cut) = m.wrap("Supercalifragilisticexpialidocious", 12.0, 60.0, 2);
        assert!(cut);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with(ELLIPSIS));
        assert!(m.width(&lines[0], 12.0) <= 60.0);
        assert!(m.widest_word("a Supercalifragilisticexpialidocious b", 12.0) > 60.0);
    }

    #[test]
    fn shorten_cuts_after_a_word() {
        let m = Metrics::get();
        let s = m.shorten("The regional water board, since July", 12.0, 150.0);
        assert!(s.ends_with(ELLIPSIS) && !s.contains(",…"), "{s}");
        assert!("The regional water board, since July".starts_with(s.trim_end_matches(ELLIPSIS)));
    }

    #[test]
    fn bidi_controls_are_stripped() {
        assert_eq!(strip_bidi("a\u{202e}b\u{2066}c"), "abc");
        assert!(matches!(strip_bidi("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
