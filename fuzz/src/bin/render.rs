//! Fuzz target: a valid timeline → SVG chart; must not panic and must be a
//! whole SVG document. The timeline is the input read as YAML when it
//! loads, else one built from the bytes (`timeline_from_bytes`) so every
//! input reaches the layout.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        match timeline::timeline::from_yaml_bytes(data, "f.yaml") {
            Ok(t) => timeline_fuzz::check_render(&t),
            Err(_) => timeline_fuzz::check_render(&timeline_fuzz::timeline_from_bytes(data)),
        }
    });
}
