//! Colours: the tag palette and the two themes.

use plotters::style::RGBColor;

use crate::layout::Paint;
use crate::timeline::Rgb;

/// The Okabe–Ito palette (without black), most legible on white first. It
/// stays distinguishable under the common colour-vision deficiencies.
pub const PALETTE: [Rgb; 7] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0xF0, 0xE4, 0x42), // yellow
];

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The colours of a theme.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Colours {
    pub(crate) background: RGBColor,
    pub(crate) text: RGBColor,
    pub(crate) muted: RGBColor,
    pub(crate) axis: RGBColor,
    pub(crate) leader: RGBColor,
    pub(crate) neutral: RGBColor,
    pub(crate) other: RGBColor,
}

impl Colours {
    pub(crate) fn of(theme: super::Theme) -> Colours {
        match theme {
            super::Theme::Light => Colours {
                background: RGBColor(0xFF, 0xFF, 0xFF),
                text: RGBColor(0x1F, 0x1F, 0x1F),
                muted: RGBColor(0x5F, 0x63, 0x68),
                axis: RGBColor(0x44, 0x44, 0x44),
                leader: RGBColor(0xA0, 0xA4, 0xA8),
                neutral: RGBColor(0x4D, 0x4D, 0x4D),
                other: RGBColor(0x99, 0x99, 0x99),
            },
            super::Theme::Dark => Colours {
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

    /// The colour of a paint slot.
    pub(crate) fn paint(&self, p: Paint) -> RGBColor {
        match p {
            Paint::Tag(i) => rgb(PALETTE[i % PALETTE.len()]),
            Paint::OtherTag => self.other,
            Paint::Untagged => self.neutral,
        }
    }
}
