//! Rendering: a laid-out [`Chart`] written as SVG (and PNG).
//!
//! [`svg`] lays the timeline out ([`crate::layout`]) and serialises the
//! geometry; it decides colours and nothing else. Shapes are drawn through
//! plotters into [`backend::ReportSvg`], a backend of ours that writes
//! report-ready SVG:
//!
//! - a `viewBox` plus `width` and `height`, `role="img"`, a `<title>` and a
//!   `<desc>` referenced by `aria-labelledby`; no external resources, no
//!   `<style>` (presentation attributes only, so an inlined chart cannot
//!   restyle its host page);
//! - one `<g>` per event, with classes such as
//!   `event instant precision-month approximate tag-0` and a `<title>`
//!   tooltip holding the full date and title;
//! - the embedded font's family first in `font-family`, then its metric
//!   twins; every text escaped;
//! - byte-identical output for the same input.
//!
//! Colours come from the Okabe–Ito palette, which stays distinguishable
//! under the common colour-vision deficiencies.
//!
//! ```
//! use timeline::render::{svg, RenderOptions};
//! use timeline::timeline::Timeline;
//! let out = svg(&Timeline::default(), &RenderOptions::default());
//! assert!(out.contains("No events"));
//! ```

pub mod backend;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, Pos, VPos};

use crate::layout::text::{FONT_BYTES, FONT_FAMILY, FONT_STACK};
use crate::layout::{
    Align, Chart, EventGeom, LayoutOptions, LegendKey, Mark, Paint, Rect, Symbol, TextLine,
    TextRole, layout,
};
use crate::timeline::Timeline;
use backend::{ReportSvg, SvgDoc, SvgHandle, escape};

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Chart options.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Width in pixels.
    pub width: u32,
    /// Colour theme.
    pub theme: Theme,
    /// Title override (else the timeline's title).
    pub title: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 800,
            theme: Theme::Light,
            title: None,
        }
    }
}

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// PNG rasterisation failed.
    #[error("cannot rasterise the chart: {0}")]
    Png(String),
}

/// The Okabe–Ito palette (without black), most legible on white first.
pub const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

/// The colours of a theme.
#[derive(Debug, Clone, Copy)]
struct Colours {
    background: RGBColor,
    text: RGBColor,
    muted: RGBColor,
    axis: RGBColor,
    leader: RGBColor,
    neutral: RGBColor,
    other: RGBColor,
}

impl Colours {
    fn of(theme: Theme) -> Colours {
        match theme {
            Theme::Light => Colours {
                background: RGBColor(0xFF, 0xFF, 0xFF),
                text: RGBColor(0x1F, 0x1F, 0x1F),
                muted: RGBColor(0x5F, 0x63, 0x68),
                axis: RGBColor(0x44, 0x44, 0x44),
                leader: RGBColor(0xA0, 0xA4, 0xA8),
                neutral: RGBColor(0x4D, 0x4D, 0x4D),
                other: RGBColor(0x99, 0x99, 0x99),
            },
            Theme::Dark => Colours {
                background: RGBColor(0x1B, 0x1D, 0x21),
                text: RGBColor(0xEC, 0xEC, 0xEC),
                muted: RGBColor(0xAA, 0xAE, 0xB3),
                axis: RGBColor(0xC8, 0xC8, 0xC8),
                leader: RGBColor(0x6A, 0x6E, 0x73),
                neutral: RGBColor(0xBD, 0xBD, 0xBD),
                other: RGBColor(0x80, 0x80, 0x80),
            },
        }
    }

    fn paint(&self, p: Paint) -> RGBColor {
        match p {
            Paint::Tag(i) => OKABE_ITO[i % OKABE_ITO.len()],
            Paint::OtherTag => self.other,
            Paint::Untagged => self.neutral,
        }
    }
}

/// Renders `t` as a standalone SVG document.
pub fn svg(t: &Timeline, opts: &RenderOptions) -> String {
    let chart = layout(
        t,
        &LayoutOptions {
            width: f64::from(opts.width),
            title: opts.title.clone(),
        },
    );
    write_svg(&chart, opts.theme)
}

/// Renders `t` as a PNG image, with the embedded font only (no system
/// fonts), so the pixels do not depend on the machine.
pub fn png(t: &Timeline, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    svg_to_png(&svg(t, opts))
}

/// Rasterises an SVG written by [`svg`].
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, RenderError> {
    use resvg::{tiny_skia, usvg};
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(FONT_BYTES.to_vec());
    db.set_sans_serif_family(FONT_FAMILY);
    let opt = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::Png(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| RenderError::Png(format!("bad size {}x{}", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// A short stable id for the chart, so that several charts inlined in one
/// page do not share `id`s.
fn chart_id(chart: &Chart) -> String {
    // FNV-1a over the description and the title.
    let mut h: u32 = 0x811c_9dc5;
    let title = chart.title.as_ref().map_or("", |t| t.text.as_str());
    for b in chart.description.bytes().chain(title.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("timeline-{h:08x}")
}

/// Serialises a laid-out chart.
pub fn write_svg(chart: &Chart, theme: Theme) -> String {
    let doc: SvgHandle = Rc::new(RefCell::new(SvgDoc::default()));
    let (w, h) = (chart.width as u32, chart.height as u32);
    let id = chart_id(chart);
    let title = chart.title.as_ref().map_or("Timeline", |t| t.text.as_str());
    {
        let mut d = doc.borrow_mut();
        d.open_raw(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             class=\"timeline-chart theme-{}\" font-family=\"{}\">",
            match theme {
                Theme::Light => "light",
                Theme::Dark => "dark",
            },
            escape(FONT_STACK),
        ));
        d.raw_line(&format!(
            "<title id=\"{id}-title\">{}</title>",
            escape(title)
        ));
        d.raw_line(&format!(
            "<desc id=\"{id}-desc\">{}</desc>",
            escape(&chart.description)
        ));
    }
    let c = Colours::of(theme);
    // Drawing errors cannot happen: the backend is infallible and nothing
    // else borrows the document while plotters draws.
    let _ = draw(chart, &c, &doc, (w, h));
    doc.borrow_mut().close_raw("</svg>");
    doc.borrow().as_str().to_string()
}

type Area = DrawingArea<ReportSvg, plotters::coord::Shift>;
type DrawResult = Result<(), DrawingAreaErrorKind<std::convert::Infallible>>;

fn p(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn draw(chart: &Chart, c: &Colours, doc: &SvgHandle, size: (u32, u32)) -> DrawResult {
    let root: Area = ReportSvg::new(doc.clone(), size).into_drawing_area();
    group(doc, "background", None);
    root.draw(&Rectangle::new(
        [(0, 0), (size.0 as i32, size.1 as i32)],
        c.background.filled(),
    ))?;
    end(doc);

    group(doc, "header", None);
    for t in chart.title.iter().chain(chart.note.iter()) {
        text(&root, t, c)?;
    }
    end(doc);

    if let Some(e) = &chart.empty {
        group(doc, "empty", None);
        text(&root, e, c)?;
        end(doc);
    }

    if let Some(axis) = &chart.axis {
        group(doc, "axis", None);
        let style = ShapeStyle::from(c.axis).stroke_width(1);
        for &(x0, x1) in &axis.segments {
            root.draw(&PathElement::new(vec![p(x0, axis.y), p(x1, axis.y)], style))?;
        }
        for &(b0, b1) in &axis.breaks {
            group(doc, "axis-break", Some("axis break: time skipped"));
            let mid = (b0 + b1) / 2.0;
            for dx in [-3.0, 3.0] {
                root.draw(&PathElement::new(
                    vec![
                        p(mid + dx - 4.0, axis.y + 7.0),
                        p(mid + dx + 4.0, axis.y - 7.0),
                    ],
                    style,
                ))?;
            }
            end(doc);
        }
        group(doc, "ticks", None);
        for t in &axis.ticks {
            root.draw(&PathElement::new(
                vec![p(t.x, axis.y), p(t.x, axis.y + 4.0)],
                style,
            ))?;
        }
        end(doc);
        end(doc);
    }

    if !chart.events.is_empty() {
        group(doc, "events", None);
        for e in &chart.events {
            let id = e.id.clone();
            group_attrs(
                doc,
                &event_class(e),
                Some(&e.tooltip),
                &[("data-id", id.as_str())],
            );
            // The pole first, so that the mark sits on top of it.
            let (x, top, bottom) = e.pole;
            root.draw(&PathElement::new(
                vec![p(x, top), p(x, bottom)],
                ShapeStyle::from(c.leader).stroke_width(1),
            ))?;
            draw_mark(&root, doc, e, c)?;
            group(doc, "label", None);
            for l in &e.label {
                text(&root, l, c)?;
            }
            end(doc);
            end(doc);
        }
        end(doc);
    }

    if let Some(axis) = &chart.axis {
        // Tick labels last, each on a patch of background, so that a
        // leader going down passes behind them.
        group(doc, "tick-labels", None);
        for l in axis.ticks.iter().filter_map(|t| t.label.as_ref()) {
            let b = l.bbox();
            root.draw(&Rectangle::new(
                [p(b.x - 1.0, b.y), p(b.right() + 1.0, b.bottom())],
                c.background.filled(),
            ))?;
            text(&root, l, c)?;
        }
        end(doc);
    }

    if !chart.legend.is_empty() {
        group(doc, "legend", None);
        for item in &chart.legend {
            group(doc, "legend-item", None);
            draw_swatch(&root, doc, &item.key, &item.swatch, c)?;
            text(&root, &item.label, c)?;
            end(doc);
        }
        end(doc);
    }
    root.present()?;
    Ok(())
}

fn group(doc: &SvgHandle, class: &str, title: Option<&str>) {
    doc.borrow_mut().open_group(class, title, &[]);
}

fn group_attrs(doc: &SvgHandle, class: &str, title: Option<&str>, attrs: &[(&str, &str)]) {
    doc.borrow_mut().open_group(class, title, attrs);
}

fn end(doc: &SvgHandle) {
    doc.borrow_mut().close_group();
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
    if let Mark::Bar {
        open_start,
        open_end,
        ..
    } = e.mark
    {
        if open_start {
            s.push_str(" open-start");
        }
        if open_end {
            s.push_str(" open-end");
        }
    }
    for t in &e.tags {
        s.push_str(" tag-");
        s.push_str(&crate::timeline::id::tag_class(t));
    }
    s
}

fn text(root: &Area, t: &TextLine, c: &Colours) -> DrawResult {
    let (colour, bold) = match t.role {
        TextRole::Title => (c.text, false),
        TextRole::LabelTitle | TextRole::Empty => (c.text, false),
        TextRole::LabelDate | TextRole::Note | TextRole::Tick | TextRole::Legend => {
            (c.muted, false)
        }
    };
    let _ = bold;
    let h = match t.align {
        Align::Start => HPos::Left,
        Align::Middle => HPos::Center,
        Align::End => HPos::Right,
    };
    let style = TextStyle::from((FONT_FAMILY, t.size).into_font())
        .color(&colour)
        .pos(Pos::new(h, VPos::Top));
    root.draw(&Text::new(t.text.clone(), p(t.x, t.y), style))
}

fn draw_mark(root: &Area, doc: &SvgHandle, e: &EventGeom, c: &Colours) -> DrawResult {
    let base = c.paint(e.paint);
    let alpha = if e.inferred { 0.55 } else { 1.0 };
    let colour = base.mix(alpha);
    let hollow = e.approximate || e.uncertain;
    if e.inferred {
        doc.borrow_mut().set_dash(Some("3 2"));
    }
    let outline = ShapeStyle::from(colour).stroke_width(2);
    match &e.mark {
        Mark::Dot { cx, cy, r } => {
            let r = *r as u32;
            if hollow || e.inferred {
                root.draw(&Circle::new(p(*cx, *cy), r, c.background.filled()))?;
                root.draw(&Circle::new(p(*cx, *cy), r - 1, outline))?;
            } else {
                root.draw(&Circle::new(p(*cx, *cy), r, colour.filled()))?;
            }
        }
        Mark::Span { x0, x1, cy, half } => {
            // A bracket: end ticks and a thick line between them.
            let body = if hollow || e.inferred {
                base.mix(0.3 * alpha)
            } else {
                colour
            };
            root.draw(&Rectangle::new(
                [p(*x0, cy - 2.0), p(*x1, cy + 2.0)],
                body.filled(),
            ))?;
            for x in [*x0 + 1.0, *x1 - 1.0] {
                root.draw(&PathElement::new(
                    vec![p(x, cy - half), p(x, cy + half)],
                    outline,
                ))?;
            }
        }
        Mark::Symbol {
            cx,
            cy,
            half,
            shape,
        } => {
            let pts = match shape {
                Symbol::Diamond => vec![
                    p(*cx, cy - half),
                    p(cx + half, *cy),
                    p(*cx, cy + half),
                    p(cx - half, *cy),
                    p(*cx, cy - half),
                ],
                Symbol::Square => {
                    let s = half - 1.0;
                    vec![
                        p(cx - s, cy - s),
                        p(cx + s, cy - s),
                        p(cx + s, cy + s),
                        p(cx - s, cy + s),
                        p(cx - s, cy - s),
                    ]
                }
            };
            if hollow || e.inferred {
                root.draw(&Polygon::new(pts.clone(), c.background.filled()))?;
                root.draw(&PathElement::new(pts, outline))?;
            } else {
                root.draw(&Polygon::new(pts, colour.filled()))?;
            }
        }
        Mark::Bar {
            pieces,
            y,
            h,
            fade_start,
            fade_end,
            open_start,
            open_end,
        } => {
            let n = pieces.len();
            for (i, &(x0, x1)) in pieces.iter().enumerate() {
                let mut a = x0;
                let mut b = x1;
                let fade = 18.0_f64.min((x1 - x0) / 3.0);
                let steps = [0.2, 0.45, 0.7];
                if i == 0 && (*fade_start || *open_start) {
                    for (k, s) in steps.iter().enumerate() {
                        let sx = x0 + fade * k as f64 / 3.0;
                        root.draw(&Rectangle::new(
                            [p(sx, *y), p(sx + fade / 3.0, y + h)],
                            base.mix(s * alpha).filled(),
                        ))?;
                    }
                    a = x0 + fade;
                }
                if i + 1 == n && (*fade_end || *open_end) {
                    for (k, s) in steps.iter().enumerate() {
                        let sx = x1 - fade * (k as f64 + 1.0) / 3.0;
                        root.draw(&Rectangle::new(
                            [p(sx, *y), p(sx + fade / 3.0, y + h)],
                            base.mix(s * alpha).filled(),
                        ))?;
                    }
                    b = x1 - fade;
                }
                if b > a {
                    root.draw(&Rectangle::new([p(a, *y), p(b, y + h)], colour.filled()))?;
                }
                if e.inferred {
                    root.draw(&Rectangle::new([p(x0, *y), p(x1, y + h)], outline))?;
                }
            }
            let mid = y + h / 2.0;
            if *open_start {
                if let Some(&(x0, _)) = pieces.first() {
                    root.draw(&Polygon::new(
                        vec![p(x0, mid), p(x0 + 6.0, y - 2.0), p(x0 + 6.0, y + h + 2.0)],
                        colour.filled(),
                    ))?;
                }
            }
            if *open_end {
                if let Some(&(_, x1)) = pieces.last() {
                    root.draw(&Polygon::new(
                        vec![p(x1, mid), p(x1 - 6.0, y - 2.0), p(x1 - 6.0, y + h + 2.0)],
                        colour.filled(),
                    ))?;
                }
            }
        }
    }
    doc.borrow_mut().set_dash(None);
    Ok(())
}

fn draw_swatch(root: &Area, doc: &SvgHandle, key: &LegendKey, r: &Rect, c: &Colours) -> DrawResult {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let n = c.neutral;
    match key {
        LegendKey::Paint(paint) => {
            root.draw(&Rectangle::new(
                [p(r.x, r.y), p(r.right(), r.bottom())],
                c.paint(*paint).filled(),
            ))?;
        }
        LegendKey::Day => {
            root.draw(&Circle::new(p(cx, cy), 5, n.filled()))?;
        }
        LegendKey::Coarse => {
            root.draw(&Rectangle::new(
                [p(r.x, cy - 2.0), p(r.right(), cy + 2.0)],
                n.filled(),
            ))?;
            for x in [r.x + 1.0, r.right() - 1.0] {
                root.draw(&PathElement::new(
                    vec![p(x, r.y), p(x, r.bottom())],
                    ShapeStyle::from(n).stroke_width(2),
                ))?;
            }
        }
        LegendKey::Interval => {
            root.draw(&Rectangle::new(
                [p(r.x, r.y), p(r.right(), r.bottom())],
                n.filled(),
            ))?;
        }
        LegendKey::Approximate => {
            root.draw(&Circle::new(
                p(cx, cy),
                4,
                ShapeStyle::from(n).stroke_width(2),
            ))?;
        }
        LegendKey::Inferred => {
            doc.borrow_mut().set_dash(Some("3 2"));
            root.draw(&Circle::new(
                p(cx, cy),
                4,
                ShapeStyle::from(n.mix(0.55)).stroke_width(2),
            ))?;
            doc.borrow_mut().set_dash(None);
        }
        LegendKey::Open => {
            root.draw(&Rectangle::new(
                [p(r.x, cy - 3.0), p(r.right() - 5.0, cy + 3.0)],
                n.filled(),
            ))?;
            root.draw(&Polygon::new(
                vec![
                    p(r.right(), cy),
                    p(r.right() - 6.0, r.y),
                    p(r.right() - 6.0, r.bottom()),
                ],
                n.filled(),
            ))?;
        }
    }
    Ok(())
}
