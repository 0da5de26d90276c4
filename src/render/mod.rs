//! Rendering: a laid-out chart written as SVG (and PNG).

use crate::timeline::Timeline;

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

/// Renders `t` as a standalone SVG document.
pub fn svg(t: &Timeline, opts: &RenderOptions) -> String {
    let _ = (t, opts);
    String::from("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
}

/// Renders `t` as a PNG image.
pub fn png(t: &Timeline, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let _ = (t, opts);
    Err(RenderError::Png("not implemented yet".into()))
}
