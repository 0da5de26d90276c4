//! The limits of a timeline file: one set of numbers, enforced by the
//! loader when it reads a file and checked by the writer before it writes
//! one, so that no command ever writes a timeline that `check` refuses.

/// Files larger than this are refused before parsing (64 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// At most this many YAML values (parser events: every scalar, key and
/// collection) are read, which bounds the memory of the tree (about 100
/// bytes per value); a timeline of about 100,000 events.
pub const MAX_VALUES: usize = 4_000_000;

/// Checks that `text`, a timeline about to be written, is within the
/// limits: the message says which limit it exceeds and by how much.
/// Counting the values streams through the parser without building a tree.
pub fn check(text: &str) -> Result<(), String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the timeline would be {} bytes, over the {MAX_FILE_BYTES}-byte (64 MiB) limit of timeline files, so no command could load it; split the input into smaller articles or timelines",
            text.len()
        ));
    }
    let values = count_values(text, MAX_VALUES);
    if values > MAX_VALUES {
        return Err(format!(
            "the timeline would hold more than {MAX_VALUES} YAML values (about 100,000 events), the limit of timeline files, so no command could load it; split the input into smaller articles or timelines"
        ));
    }
    Ok(())
}

/// The number of parser events in `src` (as the loader counts them),
/// counted up to `stop + 1` at most, without building a tree.
fn count_values(src: &str, stop: usize) -> usize {
    let options = granit_parser::options! { emit_anchor_events: true };
    let mut count = 0usize;
    for next in granit_parser::Parser::new_from_str_with_options(src, options) {
        count += 1;
        if next.is_err() || count > stop {
            break;
        }
    }
    count
}
