//! Marks and legend swatches, drawn through plotters.

use plotters::prelude::*;

use super::RenderError;
use super::palette::Colours;
use super::svg::{SvgWriter, p};
use crate::layout::{EventGeom, LegendKey, Mark, Rect, Symbol};

/// The dash pattern of inferred dates.
const INFERRED_DASH: &str = "3 2";

/// Draws an event's mark: filled when exact, hollow when approximate or
/// uncertain, faded and dashed when inferred.
pub(crate) fn draw_mark(
    doc: &mut SvgWriter,
    e: &EventGeom,
    c: &Colours,
) -> Result<(), RenderError> {
    let base = c.paint(e.paint);
    let alpha = if e.inferred { 0.55 } else { 1.0 };
    let colour = base.mix(alpha);
    let hollow = e.approximate || e.uncertain;
    let dash = e.inferred.then_some(INFERRED_DASH);
    let outline = ShapeStyle::from(colour).stroke_width(2);
    doc.draw(dash, |root| {
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
        Ok(())
    })
}

/// Draws the sample mark of a legend entry in the box `r`.
pub(crate) fn draw_swatch(
    doc: &mut SvgWriter,
    key: &LegendKey,
    r: &Rect,
    c: &Colours,
) -> Result<(), RenderError> {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let n = c.neutral;
    let dash = matches!(key, LegendKey::Inferred).then_some(INFERRED_DASH);
    doc.draw(dash, |root| {
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
                root.draw(&Circle::new(
                    p(cx, cy),
                    4,
                    ShapeStyle::from(n.mix(0.55)).stroke_width(2),
                ))?;
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
    })
}
