//! The chart writer: walks a laid-out [`Chart`] and writes it as SVG.
//!
//! The writer owns the output. It writes the document frame and opens and
//! closes groups itself; each run of shapes inside a group goes through
//! plotters, on a [`ReportSvg`] backend that borrows the output for that
//! run only ([`SvgWriter::draw`]). Every plotters error is returned.

use std::fmt::{self, Write as _};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, Pos, VPos};

use super::RenderError;
use super::backend::{ReportSvg, escape};
use super::marks::{draw_mark, draw_swatch};
use super::palette::Colours;
use super::{Theme, chart_id};
use crate::layout::text::{FONT_FAMILY, FONT_STACK};
use crate::layout::{
    Align, BarEnd, Chart, ClusterGeom, EventGeom, LegendKey, Mark, Placed, TextLine, TextRole,
};

/// A drawing area over the backend.
pub(crate) type Area<'a> = DrawingArea<ReportSvg<'a>, Shift>;
/// What drawing on an [`Area`] returns.
pub(crate) type DrawResult = Result<(), DrawingAreaErrorKind<fmt::Error>>;

/// A pixel position from layout coordinates.
pub(crate) fn p(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// The SVG being written.
pub(crate) struct SvgWriter {
    out: String,
    depth: usize,
    size: (u32, u32),
}

impl SvgWriter {
    fn new(size: (u32, u32)) -> SvgWriter {
        SvgWriter {
            out: String::new(),
            depth: 0,
            size,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Writes a raw, already escaped line.
    fn line(&mut self, line: &str) {
        self.indent();
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// Writes an opening tag line and indents what follows.
    fn open(&mut self, line: &str) {
        self.line(line);
        self.depth += 1;
    }

    /// Dedents and writes a closing tag line.
    fn close(&mut self, line: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(line);
    }

    /// Opens `<g class="…">`, with an optional `<title>` tooltip and extra
    /// attributes (names must be valid; values are escaped here).
    fn group(&mut self, class: &str, title: Option<&str>, attrs: &[(&str, &str)]) -> fmt::Result {
        self.indent();
        write!(self.out, "<g class=\"{}\"", escape(class))?;
        for (k, v) in attrs {
            write!(self.out, " {k}=\"{}\"", escape(v))?;
        }
        self.out.push_str(">\n");
        self.depth += 1;
        if let Some(t) = title {
            self.indent();
            writeln!(self.out, "<title>{}</title>", escape(t))?;
        }
        Ok(())
    }

    /// Closes the innermost group.
    fn end(&mut self) {
        self.close("</g>");
    }

    /// Draws a run of shapes through plotters, solid or with a stroke
    /// `dash` pattern.
    pub(crate) fn draw(
        &mut self,
        dash: Option<&'static str>,
        f: impl FnOnce(&Area<'_>) -> DrawResult,
    ) -> Result<(), RenderError> {
        let area: Area<'_> =
            ReportSvg::new(&mut self.out, self.size, self.depth, dash).into_drawing_area();
        f(&area).and_then(|()| area.present()).map_err(drawing)
    }
}

/// A plotters error as ours.
fn drawing(e: DrawingAreaErrorKind<fmt::Error>) -> RenderError {
    RenderError::Draw(e.to_string())
}

impl From<fmt::Error> for RenderError {
    fn from(e: fmt::Error) -> RenderError {
        RenderError::Draw(e.to_string())
    }
}

/// Serialises a laid-out chart.
pub(crate) fn write_svg(chart: &Chart, theme: Theme) -> Result<String, RenderError> {
    let (w, h) = (chart.width as u32, chart.height as u32);
    let mut doc = SvgWriter::new((w, h));
    let id = chart_id(chart);
    let title = chart.title_text();
    doc.open(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         class=\"timeline-chart theme-{}\" font-family=\"{}\">",
        match theme {
            Theme::Light => "light",
            Theme::Dark => "dark",
        },
        escape(FONT_STACK),
    ));
    doc.line(&format!(
        "<title id=\"{id}-title\">{}</title>",
        escape(&title)
    ));
    doc.line(&format!(
        "<desc id=\"{id}-desc\">{}</desc>",
        escape(&chart.description)
    ));
    let c = Colours::of(theme);
    write_body(&mut doc, chart, &c)?;
    doc.close("</svg>");
    Ok(doc.out)
}

/// Everything inside the `<svg>` element, back to front.
fn write_body(doc: &mut SvgWriter, chart: &Chart, c: &Colours) -> Result<(), RenderError> {
    let size = doc.size;
    doc.group("background", None, &[])?;
    doc.draw(None, |a| {
        a.draw(&Rectangle::new(
            [(0, 0), (size.0 as i32, size.1 as i32)],
            c.background.filled(),
        ))
    })?;
    doc.end();

    doc.group("header", None, &[])?;
    doc.draw(None, |a| {
        for t in chart.title.iter().chain(chart.note.iter()) {
            text(a, t, c)?;
        }
        Ok(())
    })?;
    doc.end();

    if let Some(e) = &chart.empty {
        doc.group("empty", None, &[])?;
        doc.draw(None, |a| text(a, e, c))?;
        doc.end();
    }
    write_axis(doc, chart, c)?;
    if !chart.clusters.is_empty() {
        doc.group("clusters", None, &[])?;
        for k in &chart.clusters {
            write_cluster(doc, k, c)?;
        }
        doc.end();
    }
    if !chart.events.is_empty() {
        doc.group("events", None, &[])?;
        // Brackets over long periods first, so that the days in them stay
        // on top.
        let wide = |e: &&EventGeom| matches!(e.placed.mark, Mark::Span { .. });
        for e in chart.events.iter().filter(wide) {
            write_event(doc, e, c)?;
        }
        for e in chart.events.iter().filter(|e| !wide(e)) {
            write_event(doc, e, c)?;
        }
        doc.end();
    }
    write_tick_labels(doc, chart, c)?;
    if !chart.legend.is_empty() {
        doc.group("legend", None, &[])?;
        for item in &chart.legend {
            doc.group(
                "legend-item",
                None,
                &[("data-key", legend_class(&item.key).as_str())],
            )?;
            draw_swatch(doc, &item.key, &item.swatch, c)?;
            doc.draw(None, |a| text(a, &item.label, c))?;
            doc.end();
        }
        doc.end();
    }
    Ok(())
}

/// The axis line, its breaks and its ticks (their labels come last).
fn write_axis(doc: &mut SvgWriter, chart: &Chart, c: &Colours) -> Result<(), RenderError> {
    let Some(axis) = &chart.axis else {
        return Ok(());
    };
    let style = ShapeStyle::from(c.axis).stroke_width(1);
    doc.group("axis", None, &[])?;
    doc.draw(None, |a| {
        for &(x0, x1) in &axis.segments {
            a.draw(&PathElement::new(vec![p(x0, axis.y), p(x1, axis.y)], style))?;
        }
        Ok(())
    })?;
    for &(b0, b1) in &axis.breaks {
        doc.group("axis-break", Some("axis break: time skipped"), &[])?;
        let mid = (b0 + b1) / 2.0;
        doc.draw(None, |a| {
            for dx in [-3.0, 3.0] {
                a.draw(&PathElement::new(
                    vec![
                        p(mid + dx - 4.0, axis.y + 7.0),
                        p(mid + dx + 4.0, axis.y - 7.0),
                    ],
                    style,
                ))?;
            }
            Ok(())
        })?;
        doc.end();
    }
    doc.group("ticks", None, &[])?;
    doc.draw(None, |a| {
        for t in &axis.ticks {
            a.draw(&PathElement::new(
                vec![p(t.x, axis.y), p(t.x, axis.y + 4.0)],
                style,
            ))?;
        }
        Ok(())
    })?;
    doc.end();
    doc.end();
    Ok(())
}

/// One event's group: leader, mark, label.
fn write_event(doc: &mut SvgWriter, e: &EventGeom, c: &Colours) -> Result<(), RenderError> {
    doc.group(
        &event_class(e),
        Some(&e.tooltip),
        &[("data-id", e.id.as_str())],
    )?;
    write_leader(doc, &e.placed, c)?;
    draw_mark(doc, e, c)?;
    write_label(doc, &e.placed, c)?;
    doc.end();
    Ok(())
}

/// A cluster's group: leader, band, label.
fn write_cluster(doc: &mut SvgWriter, k: &ClusterGeom, c: &Colours) -> Result<(), RenderError> {
    let count = k.ids.len().to_string();
    doc.group(
        "cluster",
        Some(&k.tooltip),
        &[("data-count", count.as_str())],
    )?;
    write_leader(doc, &k.placed, c)?;
    let band = &k.placed.mark;
    doc.draw(None, |a| {
        let b = band.bbox();
        a.draw(&Rectangle::new(
            [p(b.x, b.y), p(b.right(), b.bottom())],
            c.other.mix(0.6).filled(),
        ))
    })?;
    write_label(doc, &k.placed, c)?;
    doc.end();
    Ok(())
}

/// The leader first, so that the mark sits on top of it.
fn write_leader(doc: &mut SvgWriter, placed: &Placed, c: &Colours) -> Result<(), RenderError> {
    let (x, top, bottom) = placed.pole;
    doc.draw(None, |a| {
        a.draw(&PathElement::new(
            vec![p(x, top), p(x, bottom)],
            ShapeStyle::from(c.leader).stroke_width(1),
        ))
    })
}

fn write_label(doc: &mut SvgWriter, placed: &Placed, c: &Colours) -> Result<(), RenderError> {
    doc.group("label", None, &[])?;
    doc.draw(None, |a| {
        for l in &placed.label {
            text(a, l, c)?;
        }
        Ok(())
    })?;
    doc.end();
    Ok(())
}

/// Tick labels last, each on a patch of background, so that a leader
/// going down passes behind them.
fn write_tick_labels(doc: &mut SvgWriter, chart: &Chart, c: &Colours) -> Result<(), RenderError> {
    let Some(axis) = &chart.axis else {
        return Ok(());
    };
    doc.group("tick-labels", None, &[])?;
    doc.draw(None, |a| {
        for l in axis.ticks.iter().filter_map(|t| t.label.as_ref()) {
            let b = l.bbox();
            a.draw(&Rectangle::new(
                [p(b.x - 1.0, b.y), p(b.right() + 1.0, b.bottom())],
                c.background.filled(),
            ))?;
            text(a, l, c)?;
        }
        Ok(())
    })?;
    doc.end();
    Ok(())
}

/// The class list of an event's group.
fn event_class(e: &EventGeom) -> String {
    let mut s = String::from("event");
    s.push_str(if e.interval { " interval" } else { " instant" });
    s.push_str(match e.precision {
        crate::date::Precision::Day => " precision-day",
        crate::date::Precision::Month => " precision-month",
        crate::date::Precision::Year => " precision-year",
        crate::date::Precision::Quarter => " precision-quarter",
        crate::date::Precision::Decade => " precision-decade",
        crate::date::Precision::Century => " precision-century",
    });
    if e.approximate {
        s.push_str(" approximate");
    }
    if e.uncertain {
        s.push_str(" uncertain");
    }
    if e.inferred {
        s.push_str(" inferred");
    }
    if let Mark::Bar { start, end, .. } = e.placed.mark {
        for (b, side) in [(start, "start"), (end, "end")] {
            match b {
                BarEnd::Open => s.push_str(&format!(" open-{side}")),
                BarEnd::Cut => s.push_str(&format!(" cut-{side}")),
                BarEnd::Exact | BarEnd::Fuzzy => {}
            }
        }
    }
    s.push_str(match e.placed.mark.legend_key() {
        LegendKey::Day => " mark-dot",
        LegendKey::Span => " mark-span",
        LegendKey::Diamond => " mark-diamond",
        LegendKey::Square => " mark-square",
        _ => " mark-bar",
    });
    for t in &e.tags {
        s.push_str(" tag-");
        s.push_str(&crate::timeline::id::tag_class(t));
    }
    s
}

/// The `data-key` of a legend entry: what it explains, as the classes of
/// the marks say it (`tag-conflict`, `mark-diamond`, `open`…).
pub(crate) fn legend_class(k: &LegendKey) -> String {
    match k {
        LegendKey::Tag { name, .. } => format!("tag-{}", crate::timeline::id::tag_class(name)),
        LegendKey::OtherTags => "other-tags".into(),
        LegendKey::Untagged => "untagged".into(),
        LegendKey::Day => "mark-dot".into(),
        LegendKey::Span => "mark-span".into(),
        LegendKey::Diamond => "mark-diamond".into(),
        LegendKey::Square => "mark-square".into(),
        LegendKey::Interval => "mark-bar".into(),
        LegendKey::Approximate => "approximate".into(),
        LegendKey::Inferred => "inferred".into(),
        LegendKey::Open => "open".into(),
        LegendKey::Cut => "cut".into(),
        LegendKey::Cluster => "cluster".into(),
    }
}

/// One text line, coloured by its role.
fn text(area: &Area<'_>, t: &TextLine, c: &Colours) -> DrawResult {
    let colour = match t.role {
        TextRole::Title | TextRole::LabelTitle | TextRole::Empty => c.text,
        TextRole::LabelDate
        | TextRole::Note
        | TextRole::Tick
        | TextRole::Legend
        | TextRole::Cluster => c.muted,
    };
    let h = match t.align {
        Align::Start => HPos::Left,
        Align::Middle => HPos::Center,
        Align::End => HPos::Right,
    };
    let style = TextStyle::from((FONT_FAMILY, t.size).into_font())
        .color(&colour)
        .pos(Pos::new(h, VPos::Top));
    area.draw(&Text::new(t.text.clone(), p(t.x, t.y), style))
}
