//! A plotters drawing backend that writes report-ready SVG.
//!
//! plotters' own SVG backend writes flat shapes. Reports need more: one
//! `<g>` per event with class names, a `<title>` tooltip, dashed outlines,
//! and the font stack of the embedded font. [`ReportSvg`] implements
//! plotters' `DrawingBackend` over a `&mut String` borrowed from the chart
//! writer ([`super::svg`]) for one run of shapes; between runs the writer
//! opens and closes groups itself, so nothing is shared and every shape
//! still goes through plotters.
//!
//! All numbers are written by [`num`] (at most two decimals, no trailing
//! zeros), so the same chart always gives the same bytes. Every text and
//! attribute value goes through [`escape`]. Writing into a `String` only
//! fails on a formatting error, which the backend reports as its error
//! type (`std::fmt::Error`) rather than dropping.

use std::fmt::{self, Write as _};

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use crate::layout::text::{Metrics, is_bidi_control};

/// Formats a number with at most two decimals and no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Escapes text for XML (and HTML) content and attribute values, dropping
/// characters XML 1.0 forbids and the bidirectional controls (U+202A–
/// U+202E, U+2066–U+2069), which could reorder the text around them.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c if is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// `#rrggbb`.
fn hex(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

type DrawResult = Result<(), DrawingErrorKind<fmt::Error>>;

/// A formatting error as the backend's drawing error.
fn failed(e: fmt::Error) -> DrawingErrorKind<fmt::Error> {
    DrawingErrorKind::DrawingError(e)
}

/// A plotters backend writing SVG elements into `out`, one per line,
/// indented by `depth` levels, with an optional stroke dash pattern.
#[derive(Debug)]
pub(crate) struct ReportSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    depth: usize,
    dash: Option<&'static str>,
}

impl<'a> ReportSvg<'a> {
    /// A backend of `size` pixels writing into `out`.
    pub(crate) fn new(
        out: &'a mut String,
        size: (u32, u32),
        depth: usize,
        dash: Option<&'static str>,
    ) -> ReportSvg<'a> {
        ReportSvg {
            out,
            size,
            depth,
            dash,
        }
    }

    /// Starts an element: false for a fully transparent colour (nothing to
    /// draw), else the indentation is written.
    fn begin(&mut self, c: BackendColor) -> bool {
        if c.alpha == 0.0 {
            return false;
        }
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        true
    }

    fn stroke(&mut self, c: BackendColor, width: u32) -> fmt::Result {
        write!(
            self.out,
            " fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"",
            hex(c)
        )?;
        if c.alpha < 1.0 {
            write!(self.out, " stroke-opacity=\"{}\"", num(c.alpha))?;
        }
        if let Some(d) = self.dash {
            write!(self.out, " stroke-dasharray=\"{d}\"")?;
        }
        Ok(())
    }

    /// Writes `<tag points="x,y x,y ..."` (the caller adds paint and `/>`).
    fn points(&mut self, tag: &str, points: impl IntoIterator<Item = BackendCoord>) -> fmt::Result {
        write!(self.out, "<{tag} points=\"")?;
        for (i, p) in points.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            write!(self.out, "{},{}", p.0, p.1)?;
        }
        self.out.push('"');
        Ok(())
    }

    fn fill(&mut self, c: BackendColor) -> fmt::Result {
        write!(self.out, " fill=\"{}\"", hex(c))?;
        if c.alpha < 1.0 {
            write!(self.out, " fill-opacity=\"{}\"", num(c.alpha))?;
        }
        Ok(())
    }

    fn paint(&mut self, c: BackendColor, width: u32, fill: bool) -> fmt::Result {
        if fill {
            self.fill(c)
        } else {
            self.stroke(c, width)
        }
    }
}

impl DrawingBackend for ReportSvg<'_> {
    type ErrorType = fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        Ok(())
    }

    fn present(&mut self) -> DrawResult {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> DrawResult {
        if !self.begin(color) {
            return Ok(());
        }
        write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"1\"",
            point.0, point.1
        )
        .map_err(failed)?;
        self.fill(color).map_err(failed)?;
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        let c = style.color();
        if !self.begin(c) {
            return Ok(());
        }
        write!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
            from.0, from.1, to.0, to.1
        )
        .map_err(failed)?;
        self.stroke(c, style.stroke_width()).map_err(failed)?;
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let c = style.color();
        if !self.begin(c) {
            return Ok(());
        }
        write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            upper_left.0,
            upper_left.1,
            bottom_right.0 - upper_left.0,
            bottom_right.1 - upper_left.1
        )
        .map_err(failed)?;
        self.paint(c, style.stroke_width(), fill).map_err(failed)?;
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        let c = style.color();
        if !self.begin(c) {
            return Ok(());
        }
        self.points("polyline", path).map_err(failed)?;
        self.stroke(c, style.stroke_width()).map_err(failed)?;
        self.out.push_str(" stroke-linejoin=\"round\"/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let c = style.color();
        if !self.begin(c) {
            return Ok(());
        }
        write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\"",
            center.0, center.1
        )
        .map_err(failed)?;
        self.paint(c, style.stroke_width(), fill).map_err(failed)?;
        self.out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> DrawResult {
        let c = style.color();
        if !self.begin(c) {
            return Ok(());
        }
        self.points("polygon", vert).map_err(failed)?;
        self.fill(c).map_err(failed)?;
        self.out.push_str("/>\n");
        Ok(())
    }

    /// Writes `<text>`. `pos` is placed by the style's anchor: the
    /// horizontal part becomes `text-anchor`, the vertical part is resolved
    /// with the embedded font's ascent and descent into a baseline, so no
    /// renderer-dependent `dominant-baseline` is needed.
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> DrawResult {
        let c = style.color();
        if !self.begin(c) {
            return Ok(());
        }
        let m = Metrics::get();
        let size = style.size();
        let anchor = style.anchor();
        let baseline = f64::from(pos.1)
            + match anchor.v_pos {
                VPos::Top => m.ascent(size),
                VPos::Center => (m.ascent(size) - m.descent(size)) / 2.0,
                VPos::Bottom => -m.descent(size),
            };
        let ta = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
            pos.0,
            num(baseline),
            num(size)
        )
        .map_err(failed)?;
        if ta != "start" {
            write!(self.out, " text-anchor=\"{ta}\"").map_err(failed)?;
        }
        self.fill(c).map_err(failed)?;
        writeln!(self.out, ">{}</text>", escape(text)).map_err(failed)?;
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<fmt::Error>> {
        let m = Metrics::get();
        let size = style.size();
        Ok((
            m.width(text, size).ceil() as u32,
            m.height(size).ceil() as u32,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn escape_makes_markup_text() {
        assert_eq!(
            escape("<script>alert(1)</script> & \"x\" 'y'\u{1}"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &apos;y&apos;"
        );
    }

    #[test]
    fn escape_drops_bidirectional_controls() {
        let s: String = ('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}')
            .collect();
        assert_eq!(escape(&format!("a{s}b")), "ab");
    }
}
