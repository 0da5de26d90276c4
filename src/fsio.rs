//! File input and output with the guarantees users rely on.
//!
//! * Reading an article checks, in order: the path exists, is a regular file,
//!   is readable, is not larger than [`MAX_INPUT_BYTES`], is valid UTF-8
//!   (else the line and column of the first bad byte are reported; a lossy
//!   mode replaces bad bytes instead) and is not empty.
//! * Writing is atomic: the contents go to a temporary file in the target's
//!   directory, are flushed to disk, and the temporary file is renamed over
//!   the target. A crash, a full disk or Ctrl-C leaves either the old file or
//!   the new one, never a truncated mix.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The largest article accepted, in bytes (256 MiB). Larger inputs are
/// refused with a size message rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// How to treat bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// Refuse the file, naming the line and column of the first bad byte.
    #[default]
    Strict,
    /// Replace invalid sequences by U+FFFD.
    Lossy,
}

/// Reads a text file, with the checks described in the module docs.
pub fn read_text(path: &Path, decoding: Decoding) -> Result<String, Error> {
    let meta = fs::metadata(path).map_err(|e| Error::read(path, e))?;
    if meta.is_dir() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            what: "a directory",
        });
    }
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            what: "not a regular file",
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(|e| Error::read(path, e))?;
    decode(path, bytes, decoding)
}

/// Decodes `bytes` read from `path` as UTF-8.
pub fn decode(path: &Path, bytes: Vec<u8>, decoding: Decoding) -> Result<String, Error> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            if decoding == Decoding::Lossy {
                return Ok(String::from_utf8_lossy(e.as_bytes()).into_owned());
            }
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let (line, column) = line_col(bytes, valid);
            let binary = bytes.iter().take(8192).any(|&b| b == 0);
            Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                line,
                column,
                byte: bytes[valid],
                binary,
            })
        }
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `bytes`,
/// which are valid UTF-8 up to `at`.
pub fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Writes `contents` to `path` atomically (temporary file + rename).
///
/// On failure the previous file at `path`, if any, is untouched and the
/// temporary file is removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::Write {
            path: path.to_path_buf(),
            source: e,
        });
    }
    Ok(())
}

/// Creates `dir` (and parents) if missing, with a clear error.
pub fn ensure_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })
}

/// The `*.txt` files directly inside `dir`, sorted by name.
pub fn text_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(dir, e))?;
        let p = entry.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "txt") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let s = "ab\ncé\u{fffd}x".as_bytes();
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 6), (2, 3));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = decode(
            Path::new("a.txt"),
            b"ok\nab\xffc".to_vec(),
            Decoding::Strict,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt:2:3: invalid UTF-8 (byte 0xFF); re-encode the file as UTF-8, or pass --lossy to replace bad bytes"
        );
        let s = decode(Path::new("a.txt"), b"ab\xffc".to_vec(), Decoding::Lossy).unwrap();
        assert_eq!(s, "ab\u{fffd}c");
    }
}

#[cfg(test)]
mod write_tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // The rename cannot replace a non-empty directory: the write fails
        // after the temporary file was fully written, as a full disk or a
        // kill between write and rename would.
        let target = dir.path().join("t.yaml");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "old").unwrap();
        let e = write_atomic(&target, b"new contents").unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("{}: cannot write: ", target.display())),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(target.join("keep")).unwrap(), "old");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["t.yaml".to_string()], "temporary file left");
    }

    #[test]
    fn a_successful_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.yaml");
        std::fs::write(&target, "old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}
