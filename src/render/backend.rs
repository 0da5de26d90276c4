//! A plotters drawing backend that writes report-ready SVG.
//!
//! plotters' own SVG backend writes flat shapes. Reports need more: one
//! `<g>` per event with class names, a `<title>` tooltip, dashed outlines,
//! and the font stack of the embedded font. [`ReportSvg`] implements
//! [`DrawingBackend`] and writes into an [`SvgDoc`] that the chart writer
//! shares (through [`SvgHandle`]), so that between plotters drawing calls the
//! writer can open and close groups and set the stroke dash, while every
//! shape still goes through plotters.
//!
//! All numbers are written by [`num`] (at most two decimals, no trailing
//! zeros), so the same chart always gives the same bytes. Every text and
//! attribute value goes through [`escape`].

use std::cell::RefCell;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use crate::layout::text::Metrics;

/// Formats a number with at most two decimals and no trailing zeros.
pub fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Escapes text for XML content and attribute values, dropping characters
/// XML 1.0 forbids.
pub fn escape(s: &str) -> String {
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
            c => out.push(c),
        }
    }
    out
}

fn hex(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The SVG being written, shared between the backend and the chart writer.
#[derive(Debug, Default)]
pub struct SvgDoc {
    out: String,
    depth: usize,
    dash: Option<String>,
}

/// A shared handle on an [`SvgDoc`].
pub type SvgHandle = Rc<RefCell<SvgDoc>>;

impl SvgDoc {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Writes a raw, already escaped line (used for the document frame).
    pub fn raw_line(&mut self, line: &str) {
        self.indent();
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// Writes an opening tag line and indents what follows.
    pub fn open_raw(&mut self, line: &str) {
        self.raw_line(line);
        self.depth += 1;
    }

    /// Dedents and writes a closing tag line.
    pub fn close_raw(&mut self, line: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.raw_line(line);
    }

    /// The document written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// Opens `<g class="…">`, with an optional `<title>` tooltip and extra
    /// attributes (names must be valid; values are escaped here).
    pub fn open_group(&mut self, class: &str, title: Option<&str>, attrs: &[(&str, &str)]) {
        self.indent();
        let _ = write!(self.out, "<g class=\"{}\"", escape(class));
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", escape(v));
        }
        self.out.push_str(">\n");
        self.depth += 1;
        if let Some(t) = title {
            self.indent();
            let _ = writeln!(self.out, "<title>{}</title>", escape(t));
        }
    }

    /// Closes the innermost group.
    pub fn close_group(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</g>\n");
    }

    /// Sets the stroke dash pattern of the following shapes (`None`: solid).
    pub fn set_dash(&mut self, dash: Option<&str>) {
        self.dash = dash.map(str::to_string);
    }

    /// The document written so far.
    pub fn into_string(self) -> String {
        self.out
    }

    fn stroke(&mut self, c: BackendColor, width: u32) {
        let _ = write!(
            self.out,
            " fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"",
            hex(c)
        );
        if c.alpha < 1.0 {
            let _ = write!(self.out, " stroke-opacity=\"{}\"", num(c.alpha));
        }
        if let Some(d) = &self.dash {
            let _ = write!(self.out, " stroke-dasharray=\"{d}\"");
        }
    }

    /// Opens `<tag points="x,y x,y ..."` (the caller adds paint and `/>`).
    fn points(&mut self, tag: &str, points: impl IntoIterator<Item = BackendCoord>) {
        let _ = write!(self.out, "<{tag} points=\"");
        for (i, p) in points.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            let _ = write!(self.out, "{},{}", p.0, p.1);
        }
        self.out.push('"');
    }

    fn fill(&mut self, c: BackendColor) {
        let _ = write!(self.out, " fill=\"{}\"", hex(c));
        if c.alpha < 1.0 {
            let _ = write!(self.out, " fill-opacity=\"{}\"", num(c.alpha));
        }
    }

    fn paint(&mut self, c: BackendColor, width: u32, fill: bool) {
        if fill {
            self.fill(c);
        } else {
            self.stroke(c, width);
        }
    }
}

/// A plotters [`DrawingBackend`] writing into a shared [`SvgDoc`].
#[derive(Debug)]
pub struct ReportSvg {
    doc: SvgHandle,
    size: (u32, u32),
}

impl ReportSvg {
    /// Starts an element in colour `c`: `None` for a fully transparent
    /// colour (nothing to draw), else the document, indented.
    fn begin(&self, c: BackendColor) -> Option<std::cell::RefMut<'_, SvgDoc>> {
        if c.alpha == 0.0 {
            return None;
        }
        let mut d = self.doc.borrow_mut();
        d.indent();
        Some(d)
    }

    /// A backend of `size` pixels writing into `doc`.
    pub fn new(doc: SvgHandle, size: (u32, u32)) -> ReportSvg {
        ReportSvg { doc, size }
    }
}

type DrawResult = Result<(), DrawingErrorKind<Infallible>>;

impl DrawingBackend for ReportSvg {
    type ErrorType = Infallible;

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
        let Some(mut d) = self.begin(color) else {
            return Ok(());
        };
        let _ = write!(
            d.out,
            "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"1\"",
            point.0, point.1
        );
        d.fill(color);
        d.out.push_str("/>\n");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        let c = style.color();
        let Some(mut d) = self.begin(c) else {
            return Ok(());
        };
        let _ = write!(
            d.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
            from.0, from.1, to.0, to.1
        );
        d.stroke(c, style.stroke_width());
        d.out.push_str("/>\n");
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
        let Some(mut d) = self.begin(c) else {
            return Ok(());
        };
        let _ = write!(
            d.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            upper_left.0,
            upper_left.1,
            bottom_right.0 - upper_left.0,
            bottom_right.1 - upper_left.1
        );
        d.paint(c, style.stroke_width(), fill);
        d.out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        let c = style.color();
        let Some(mut d) = self.begin(c) else {
            return Ok(());
        };
        d.points("polyline", path);
        d.stroke(c, style.stroke_width());
        d.out.push_str(" stroke-linejoin=\"round\"/>\n");
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
        let Some(mut d) = self.begin(c) else {
            return Ok(());
        };
        let _ = write!(
            d.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\"",
            center.0, center.1
        );
        d.paint(c, style.stroke_width(), fill);
        d.out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> DrawResult {
        let c = style.color();
        let Some(mut d) = self.begin(c) else {
            return Ok(());
        };
        d.points("polygon", vert);
        d.fill(c);
        d.out.push_str("/>\n");
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
        if c.alpha == 0.0 {
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
        let mut d = self.doc.borrow_mut();
        d.indent();
        let _ = write!(
            d.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
            pos.0,
            num(baseline),
            num(size)
        );
        if ta != "start" {
            let _ = write!(d.out, " text-anchor=\"{ta}\"");
        }
        d.fill(c);
        let _ = writeln!(d.out, ">{}</text>", escape(text));
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
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
}
