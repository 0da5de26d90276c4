//! Colours a timeline file may set for its tags (`colors:`).
//!
//! ```yaml
//! colors:
//!   conflict: "#d55e00"
//!   diplomacy: "#0072b2"
//! ```
//!
//! A colour is written `#rrggbb` or `#rgb` (hexadecimal, either case) and
//! always written back as lower-case `#rrggbb`. It must be quoted in YAML,
//! where `#` would otherwise start a comment.

use std::fmt;
use std::str::FromStr;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Why a text is not a colour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a colour")]
pub struct ColorError(pub String);

impl FromStr for Rgb {
    type Err = ColorError;

    fn from_str(s: &str) -> Result<Rgb, ColorError> {
        let bad = || ColorError(s.to_string());
        let hex = s.trim().strip_prefix('#').ok_or_else(bad)?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).map_err(|_| bad());
        match hex.len() {
            3 => Ok(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
                Ok(Rgb(byte(0)?, byte(2)?, byte(4)?))
            }
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_both_forms_and_write_one() {
        assert_eq!("#D55E00".parse::<Rgb>(), Ok(Rgb(0xd5, 0x5e, 0x00)));
        assert_eq!("#fa0".parse::<Rgb>(), Ok(Rgb(0xff, 0xaa, 0x00)));
        assert_eq!(Rgb(0xd5, 0x5e, 0).to_string(), "#d55e00");
        for bad in [
            "d55e00",
            "#d55e0",
            "#ggg",
            "red",
            "#",
            "#d55e00ff",
            "#+1a2b3",
        ] {
            assert!(bad.parse::<Rgb>().is_err(), "{bad}");
        }
    }
}
