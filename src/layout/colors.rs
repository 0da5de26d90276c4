//! Tag colours that stay the same from chart to chart.
//!
//! A tag's colour is a function of its name: a stable hash (FNV-1a, which
//! never changes between versions or machines) picks its first choice in
//! the colour-blind-safe [`PALETTE`] and its own order of the other
//! colours. In one chart, tags are served in alphabetical order, each
//! taking the first colour of its order that is still free, so that when
//! two tags want the same colour the one first by name keeps it, in every
//! chart. A tag changes colour only in a chart that also holds a tag before
//! it in the alphabet wanting the same colour; `colors:` in the file pins a
//! colour for good (and takes it out of the palette for the others).
//!
//! A chart with more tags than colours gives colours to the tags on the
//! most events (ties by name); the others share one grey.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;

use super::Paint;
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

/// The palette colours in the order `tag` prefers them: a first choice
/// from the hash of its name, then a fixed stride through the others (the
/// palette size is prime, so every stride visits all of them).
pub fn preference(tag: &str) -> [usize; PALETTE.len()] {
    let mut h = fnv::FnvHasher::default();
    h.write(tag.as_bytes());
    let h = h.finish();
    let n = PALETTE.len() as u64;
    let first = h % n;
    let stride = 1 + (h / n) % (n - 1);
    let mut out = [0; PALETTE.len()];
    for (k, slot) in out.iter_mut().enumerate() {
        *slot = ((first + k as u64 * stride) % n) as usize;
    }
    out
}

/// The paint of every tag in `counts` (tag → number of events drawn with
/// it), given the colours the file sets.
pub(crate) fn tag_paints(
    counts: &BTreeMap<&str, usize>,
    custom: &BTreeMap<String, Rgb>,
) -> BTreeMap<String, Paint> {
    let mut out = BTreeMap::new();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    for (tag, c) in custom {
        if counts.contains_key(tag.as_str()) {
            out.insert(tag.clone(), Paint::Tag(*c));
        }
        if let Some(i) = PALETTE.iter().position(|p| p == c) {
            taken.insert(i);
        }
    }
    // Which tags get a palette colour: those on the most events.
    let mut free: Vec<(&str, usize)> = counts
        .iter()
        .filter(|(t, _)| !custom.contains_key(**t))
        .map(|(t, n)| (*t, *n))
        .collect();
    free.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let room = PALETTE.len() - taken.len();
    let mut coloured: Vec<&str> = free.iter().take(room).map(|(t, _)| *t).collect();
    for (t, _) in free.iter().skip(room) {
        out.insert(t.to_string(), Paint::OtherTag);
    }
    // Served by name, each its first free preference.
    coloured.sort_unstable();
    for t in coloured {
        if let Some(&slot) = preference(t).iter().find(|s| !taken.contains(s)) {
            taken.insert(slot);
            out.insert(t.to_string(), Paint::Tag(PALETTE[slot]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paints(tags: &[&str]) -> BTreeMap<String, Paint> {
        let counts: BTreeMap<&str, usize> = tags.iter().map(|t| (*t, 1)).collect();
        tag_paints(&counts, &BTreeMap::new())
    }

    #[test]
    fn a_preference_visits_every_colour_once() {
        for tag in ["conflict", "diplomacy", "", "ü", "a very long tag name"] {
            let mut p = preference(tag).to_vec();
            p.sort_unstable();
            assert_eq!(p, (0..PALETTE.len()).collect::<Vec<_>>(), "{tag}");
        }
    }

    #[test]
    fn the_first_by_name_keeps_a_contested_colour() {
        // Two tags with the same first choice.
        let names: Vec<String> = (0..200).map(|i| format!("tag{i}")).collect();
        let first = preference(&names[0])[0];
        let rival = names[1..]
            .iter()
            .find(|n| preference(n)[0] == first)
            .unwrap();
        let (a, b) = if names[0].as_str() < rival.as_str() {
            (names[0].as_str(), rival.as_str())
        } else {
            (rival.as_str(), names[0].as_str())
        };
        let both = paints(&[a, b]);
        assert_eq!(both[a], Paint::Tag(PALETTE[first]));
        assert_eq!(both[b], Paint::Tag(PALETTE[preference(b)[1]]));
        assert_eq!(paints(&[b])[b], Paint::Tag(PALETTE[first]));
    }

    #[test]
    fn set_colours_win_and_leave_the_palette() {
        let counts: BTreeMap<&str, usize> = [("war", 3), ("peace", 1)].into_iter().collect();
        let want = PALETTE[preference("peace")[0]];
        let custom: BTreeMap<String, Rgb> = [("war".to_string(), want)].into_iter().collect();
        let p = tag_paints(&counts, &custom);
        assert_eq!(p["war"], Paint::Tag(want));
        assert_ne!(p["peace"], Paint::Tag(want));
    }

    #[test]
    fn tags_beyond_the_palette_share_the_grey() {
        let counts: BTreeMap<&str, usize> = (0..9)
            .map(|i| (["a", "b", "c", "d", "e", "f", "g", "h", "i"][i], 10 - i))
            .collect();
        let p = tag_paints(&counts, &BTreeMap::new());
        assert_eq!(p["h"], Paint::OtherTag);
        assert_eq!(p["i"], Paint::OtherTag);
        let colours: BTreeSet<Paint> = p.values().copied().collect();
        assert_eq!(colours.len(), 8, "seven colours and the grey");
    }
}
