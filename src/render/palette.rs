//! Colours: the two themes (the tags' colours come with the chart).

use plotters::style::RGBColor;

use crate::layout::Paint;
use crate::timeline::Rgb;

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
            Paint::Tag(c) => rgb(c),
            Paint::OtherTag => self.other,
            Paint::Untagged => self.neutral,
        }
    }
}
