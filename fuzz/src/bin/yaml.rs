//! Fuzz target: bytes → timeline loader; what loads survives a round trip
//! through `to_yaml`.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        timeline_fuzz::check_yaml(data);
    });
}
