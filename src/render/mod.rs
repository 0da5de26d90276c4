//! Rendering: a laid-out [`Chart`] written as SVG (and PNG), and a page to
//! browse ([`html`]: the chart and a table of every event).
//!
//! [`svg`] lays the timeline out ([`crate::layout`]) and serialises the
//! geometry; it decides colours and nothing else. Shapes are drawn through
//! plotters on a backend of ours that writes report-ready SVG:
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
//! Colours come from the Okabe–Ito palette ([`PALETTE`]), which stays
//! distinguishable under the common colour-vision deficiencies.
//!
//! ```
//! use timeline::render::{svg, RenderOptions};
//! use timeline::timeline::Timeline;
//! let out = svg(&Timeline::default(), &RenderOptions::default()).unwrap();
//! assert!(out.contains("No events"));
//! ```

mod backend;
mod html;
mod marks;
mod palette;
mod svg;

use std::sync::Arc;

use crate::layout::text::{FONT_BYTES, FONT_FAMILY};
use crate::layout::{Chart, LayoutOptions, layout};
use crate::timeline::{Filter, FilterError, Timeline};

pub use crate::layout::PALETTE;
pub use html::html;

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
    /// Which events to show.
    pub filter: Filter,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 800,
            theme: Theme::Light,
            title: None,
            filter: Filter::default(),
        }
    }
}

impl RenderOptions {
    /// The chart of `t` with these options: the events the filter keeps,
    /// laid out.
    pub fn chart(&self, t: &Timeline) -> Result<Chart, RenderError> {
        self.filter.check()?;
        let kept = self.filter.apply(t);
        Ok(layout(
            &kept.timeline,
            &LayoutOptions {
                width: f64::from(self.width),
                title: self.title.clone(),
                filtered_out: kept.left_out,
                window: kept.window,
                ..LayoutOptions::default()
            },
        ))
    }
}

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Drawing the chart failed.
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// The filter cannot be applied.
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// PNG rasterisation failed.
    #[error("cannot rasterise the chart: {0}")]
    Png(String),
}

/// Renders `t` as a standalone SVG document.
pub fn svg(t: &Timeline, opts: &RenderOptions) -> Result<String, RenderError> {
    write_svg(&opts.chart(t)?, opts.theme)
}

/// Serialises a laid-out chart as SVG.
pub fn write_svg(chart: &Chart, theme: Theme) -> Result<String, RenderError> {
    svg::write_svg(chart, theme)
}

/// Renders `t` as a PNG image, with the embedded font only (no system
/// fonts), so the pixels do not depend on the machine.
pub fn png(t: &Timeline, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    svg_to_png(&svg(t, opts)?)
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
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(chart.description.as_bytes());
    h.write(chart.title_text().as_bytes());
    format!("timeline-{:08x}", h.finish() as u32)
}
