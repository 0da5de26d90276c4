//! Fuzz target: arbitrary bytes → (if UTF-8) the tagger, with a fixed DCT
//! and with the DCT read from the text.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            timeline_fuzz::check_tagger(text, Some(timeline_fuzz::fixed_dct()));
            timeline_fuzz::check_tagger(text, None);
        }
    });
}
