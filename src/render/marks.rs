//! Marks and legend swatches, drawn through plotters.
//!
//! An event with several tags shows them all (up to three colours): a dot
//! as concentric rings, a bracket, symbol or bar split into equal parts,
//! one colour each. Approximate and uncertain dates are hollow (a light
//! tint inside an outline), inferred ones faded and dashed. An interval's
//! unknown end fades out into a small arrow; an end beyond the range shown
//! ends in a solid arrow.

use plotters::prelude::*;

use super::RenderError;
use super::palette::Colours;
use super::svg::{Area, DrawResult, SvgWriter, p};
use crate::layout::{BarEnd, EventGeom, LegendKey, Mark, Paint, Rect, Symbol};

/// The dash pattern of inferred dates.
const INFERRED_DASH: &str = "3 2";
/// Opacity of the tint inside a hollow mark.
const TINT: f64 = 0.3;
/// Opacity of an inferred mark.
const INFERRED: f64 = 0.55;

/// How a mark is filled.
struct Style {
    /// One colour per tag drawn.
    colours: Vec<RGBColor>,
    /// Opacity of the whole mark.
    alpha: f64,
    /// Hollow: a tint inside an outline.
    hollow: bool,
}

impl Style {
    fn outline(&self) -> ShapeStyle {
        ShapeStyle::from(self.colours[0].mix(self.alpha)).stroke_width(2)
    }

    /// The fill of the `i`-th part.
    fn fill(&self, i: usize) -> ShapeStyle {
        let c = self.colours[i % self.colours.len()];
        let a = if self.hollow {
            TINT * self.alpha
        } else {
            self.alpha
        };
        c.mix(a).filled()
    }
}

/// Draws an event's mark.
pub(crate) fn draw_mark(
    doc: &mut SvgWriter,
    e: &EventGeom,
    c: &Colours,
) -> Result<(), RenderError> {
    let mut colours: Vec<RGBColor> = e.paints.iter().map(|p| c.paint(*p)).collect();
    if colours.is_empty() {
        colours.push(c.paint(Paint::Untagged));
    }
    let style = Style {
        colours,
        alpha: if e.inferred { INFERRED } else { 1.0 },
        hollow: e.approximate || e.uncertain || e.inferred,
    };
    let dash = e.inferred.then_some(INFERRED_DASH);
    doc.draw(dash, |root| shape(root, &e.placed.mark, &style, c))
}

fn shape(root: &Area<'_>, mark: &Mark, s: &Style, c: &Colours) -> DrawResult {
    match mark {
        Mark::Dot { cx, cy, r } => dot(root, (*cx, *cy), *r, s, c),
        Mark::Span { x0, x1, cy, half } => {
            // A bracket: end ticks and a thick line between them, split
            // along its length into one part per colour.
            let parts = split(*x0, *x1, s.colours.len());
            for (i, (a, b)) in parts.iter().enumerate() {
                let fill = if s.hollow {
                    s.fill(i)
                } else {
                    s.colours[i].mix(s.alpha).filled()
                };
                root.draw(&Rectangle::new([p(*a, cy - 2.0), p(*b, cy + 2.0)], fill))?;
            }
            let last = s.colours[s.colours.len() - 1].mix(s.alpha);
            for (x, colour) in [(*x0 + 1.0, s.colours[0].mix(s.alpha)), (*x1 - 1.0, last)] {
                root.draw(&PathElement::new(
                    vec![p(x, cy - half), p(x, cy + half)],
                    ShapeStyle::from(colour).stroke_width(2),
                ))?;
            }
            Ok(())
        }
        Mark::Symbol {
            cx,
            cy,
            half,
            shape,
        } => symbol(root, (*cx, *cy), *half, *shape, s, c),
        Mark::Bar {
            pieces,
            y,
            h,
            start,
            end,
        } => bar(root, pieces, (*y, *h), (*start, *end), s),
        Mark::Cluster { x0, x1, cy, half } => root.draw(&Rectangle::new(
            [p(*x0, cy - half), p(*x1, cy + half)],
            c.other.mix(0.6).filled(),
        )),
    }
}

/// `[a, b]` in `n` equal parts.
fn split(a: f64, b: f64, n: usize) -> Vec<(f64, f64)> {
    let n = n.max(1);
    (0..n)
        .map(|i| {
            let w = (b - a) / n as f64;
            (a + w * i as f64, a + w * (i + 1) as f64)
        })
        .collect()
}

/// A day: a disc, or concentric rings for several colours.
fn dot(root: &Area<'_>, (cx, cy): (f64, f64), r: f64, s: &Style, c: &Colours) -> DrawResult {
    let r = r.round() as u32;
    let n = s.colours.len() as u32;
    if s.hollow {
        root.draw(&Circle::new(p(cx, cy), r, c.background.filled()))?;
    }
    for i in 0..n {
        let ri = r - (i * r) / n.max(1);
        root.draw(&Circle::new(p(cx, cy), ri, s.fill(i as usize)))?;
    }
    if s.hollow {
        root.draw(&Circle::new(p(cx, cy), r - 1, s.outline()))?;
    }
    Ok(())
}

/// The outline of a symbol, closed.
fn symbol_points(cx: f64, cy: f64, half: f64, shape: Symbol) -> Vec<(f64, f64)> {
    match shape {
        Symbol::Diamond => vec![
            (cx, cy - half),
            (cx + half, cy),
            (cx, cy + half),
            (cx - half, cy),
        ],
        Symbol::Square => {
            let q = half - 1.0;
            vec![
                (cx - q, cy - q),
                (cx + q, cy - q),
                (cx + q, cy + q),
                (cx - q, cy + q),
            ]
        }
    }
}

/// The part of a convex polygon between `x = a` and `x = b`.
fn clip_x(poly: &[(f64, f64)], a: f64, b: f64) -> Vec<(f64, f64)> {
    let half_plane = |pts: &[(f64, f64)], inside: &dyn Fn(f64) -> bool, edge: f64| {
        let mut out = Vec::new();
        for i in 0..pts.len() {
            let (p0, p1) = (pts[i], pts[(i + 1) % pts.len()]);
            let (in0, in1) = (inside(p0.0), inside(p1.0));
            if in0 {
                out.push(p0);
            }
            if in0 != in1 && p1.0 != p0.0 {
                let t = (edge - p0.0) / (p1.0 - p0.0);
                out.push((edge, p0.1 + t * (p1.1 - p0.1)));
            }
        }
        out
    };
    let left = half_plane(poly, &|x| x >= a, a);
    half_plane(&left, &|x| x <= b, b)
}

/// A month or year too narrow to span: a diamond or square, split into
/// vertical slices for several colours.
fn symbol(
    root: &Area<'_>,
    (cx, cy): (f64, f64),
    half: f64,
    shape: Symbol,
    s: &Style,
    c: &Colours,
) -> DrawResult {
    let poly = symbol_points(cx, cy, half, shape);
    let pts = |v: &[(f64, f64)]| v.iter().map(|&(x, y)| p(x, y)).collect::<Vec<_>>();
    if s.hollow {
        root.draw(&Polygon::new(pts(&poly), c.background.filled()))?;
    }
    for (i, (a, b)) in split(cx - half, cx + half, s.colours.len())
        .into_iter()
        .enumerate()
    {
        let part = clip_x(&poly, a, b);
        if part.len() >= 3 {
            root.draw(&Polygon::new(pts(&part), s.fill(i)))?;
        }
    }
    if s.hollow {
        let mut closed = pts(&poly);
        closed.push(closed[0]);
        root.draw(&PathElement::new(closed, s.outline()))?;
    }
    Ok(())
}

/// Opacities of the steps of a fade, from the faint end.
const FADE: [f64; 5] = [0.12, 0.28, 0.45, 0.62, 0.8];

/// An interval's bar: stripes, one per colour, with its ends drawn as
/// they are known.
fn bar(
    root: &Area<'_>,
    pieces: &[(f64, f64)],
    (y, h): (f64, f64),
    (start, end): (BarEnd, BarEnd),
    s: &Style,
) -> DrawResult {
    let n = pieces.len();
    let stripes = split(y, y + h, s.colours.len());
    for (i, &(x0, x1)) in pieces.iter().enumerate() {
        let fade_len = |e: BarEnd| match e {
            BarEnd::Open => (x1 - x0) * 0.8,
            BarEnd::Fuzzy => 18.0_f64.min((x1 - x0) / 3.0),
            BarEnd::Exact | BarEnd::Cut => 0.0,
        };
        let fa = if i == 0 { fade_len(start) } else { 0.0 };
        let fb = if i + 1 == n { fade_len(end) } else { 0.0 };
        for (k, &(t, b)) in stripes.iter().enumerate() {
            let colour = s.colours[k];
            let step = |sx: f64, w: f64, alpha: f64| {
                root.draw(&Rectangle::new(
                    [p(sx, t), p(sx + w, b)],
                    colour.mix(alpha * s.alpha).filled(),
                ))
            };
            for (j, a) in FADE.iter().enumerate() {
                if fa > 0.0 {
                    step(x0 + fa * j as f64 / 5.0, fa / 5.0, *a)?;
                }
                if fb > 0.0 {
                    step(x1 - fb * (j as f64 + 1.0) / 5.0, fb / 5.0, *a)?;
                }
            }
            if x1 - fb > x0 + fa {
                step(x0 + fa, x1 - fb - x0 - fa, 1.0)?;
            }
        }
        if s.hollow {
            root.draw(&Rectangle::new([p(x0, y), p(x1, y + h)], s.outline()))?;
        }
    }
    let mid = y + h / 2.0;
    let arrow = |x: f64, dir: f64, alpha: f64| {
        root.draw(&Polygon::new(
            vec![
                p(x, mid),
                p(x - dir * 6.0, y - 2.0),
                p(x - dir * 6.0, y + h + 2.0),
            ],
            s.colours[0].mix(alpha * s.alpha).filled(),
        ))
    };
    if let (Some(&(x0, _)), Some(&(_, x1))) = (pieces.first(), pieces.last()) {
        match start {
            BarEnd::Open => arrow(x0, -1.0, 0.3)?,
            BarEnd::Cut => arrow(x0, -1.0, 1.0)?,
            _ => {}
        }
        match end {
            BarEnd::Open => arrow(x1, 1.0, 0.3)?,
            BarEnd::Cut => arrow(x1, 1.0, 1.0)?,
            _ => {}
        }
    }
    Ok(())
}

/// Draws the sample mark of a legend entry in the box `r`.
pub(crate) fn draw_swatch(
    doc: &mut SvgWriter,
    key: &LegendKey,
    r: &Rect,
    c: &Colours,
) -> Result<(), RenderError> {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let neutral = Style {
        colours: vec![c.neutral],
        alpha: 1.0,
        hollow: false,
    };
    let dash = matches!(key, LegendKey::Inferred).then_some(INFERRED_DASH);
    doc.draw(dash, |root| {
        let rect = |colour: RGBColor| {
            root.draw(&Rectangle::new(
                [p(r.x, r.y), p(r.right(), r.bottom())],
                colour.filled(),
            ))
        };
        let bar_sample = |start: BarEnd, end: BarEnd| {
            bar(
                root,
                &[(r.x, r.right())],
                (cy - 3.0, 6.0),
                (start, end),
                &neutral,
            )
        };
        match key {
            LegendKey::Tag { paint, .. } => rect(c.paint(*paint)),
            LegendKey::OtherTags => rect(c.paint(Paint::OtherTag)),
            LegendKey::Untagged => rect(c.paint(Paint::Untagged)),
            LegendKey::Day => dot(root, (cx, cy), 5.0, &neutral, c),
            LegendKey::Span => shape(
                root,
                &Mark::Span {
                    x0: r.x,
                    x1: r.right(),
                    cy,
                    half: r.h / 2.0,
                },
                &neutral,
                c,
            ),
            LegendKey::Diamond => symbol(root, (cx, cy), 5.0, Symbol::Diamond, &neutral, c),
            LegendKey::Square => symbol(root, (cx, cy), 5.0, Symbol::Square, &neutral, c),
            LegendKey::Interval => bar_sample(BarEnd::Exact, BarEnd::Exact),
            LegendKey::Approximate => root.draw(&Circle::new(
                p(cx, cy),
                4,
                ShapeStyle::from(c.neutral).stroke_width(2),
            )),
            LegendKey::Inferred => root.draw(&Circle::new(
                p(cx, cy),
                4,
                ShapeStyle::from(c.neutral.mix(INFERRED)).stroke_width(2),
            )),
            LegendKey::Open => bar_sample(BarEnd::Exact, BarEnd::Open),
            LegendKey::Cut => bar_sample(BarEnd::Exact, BarEnd::Cut),
            LegendKey::Cluster => root.draw(&Rectangle::new(
                [p(r.x, cy - 3.0), p(r.right(), cy + 3.0)],
                c.other.mix(0.6).filled(),
            )),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diamond_splits_into_slices_that_cover_it() {
        let d = symbol_points(0.0, 0.0, 5.0, Symbol::Diamond);
        let area = |v: &[(f64, f64)]| {
            let n = v.len();
            (0..n)
                .map(|i| v[i].0 * v[(i + 1) % n].1 - v[(i + 1) % n].0 * v[i].1)
                .sum::<f64>()
                .abs()
                / 2.0
        };
        let parts: f64 = split(-5.0, 5.0, 3)
            .into_iter()
            .map(|(a, b)| area(&clip_x(&d, a, b)))
            .sum();
        assert!((parts - area(&d)).abs() < 1e-9, "{parts} vs {}", area(&d));
    }
}
