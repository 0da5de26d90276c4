//! Fuzz target: YAML that loads → SVG chart; must not panic and must be a
//! whole SVG document.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(t) = timeline::timeline::from_yaml_bytes(data, "f.yaml") {
            timeline_fuzz::check_render(&t);
        }
    });
}
