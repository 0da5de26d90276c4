//! Fuzz target: text → tagger → event extraction; source spans inside the
//! text.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            timeline_fuzz::check_events(text, Some(timeline_fuzz::fixed_dct()));
            timeline_fuzz::check_events(text, None);
        }
    });
}
