//! The library's error type and the exit code each error maps to.

use std::io;
use std::path::{Path, PathBuf};

use crate::timeline::Diagnostics;

/// Process exit codes, documented in the README.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// Invalid input: a missing, unreadable or malformed file.
    pub const INVALID_INPUT: i32 = 1;
    /// Usage error: unknown flag, bad option value.
    pub const USAGE: i32 = 2;
    /// An output could not be written.
    pub const OUTPUT: i32 = 3;
    /// A batch finished, but some inputs failed and were skipped.
    pub const PARTIAL: i32 = 4;
    /// A defect of the build itself: the tagger's bundled rules do not load.
    pub const INTERNAL: i32 = 70;
    /// Interrupted (Ctrl-C); every file written is complete.
    pub const INTERRUPTED: i32 = 130;
}

/// Everything that can go wrong, with messages that name the file and,
/// where it applies, the line and column.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be read.
    #[error("{}: cannot read: {}", .path.display(), describe_io(.source))]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// An input path is a directory or a special file.
    #[error("{}: is {what}; give a text file", .path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        what: &'static str,
    },
    /// An input is larger than the limit.
    #[error("{}: file is {size} bytes, over the {limit}-byte limit; split it into articles", .path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// An input is not UTF-8.
    #[error(
        "{}:{line}:{column}: {} (byte 0x{byte:02X}); {}",
        .path.display(),
        if *.binary { "binary file, not text" } else { "invalid UTF-8" },
        if *.binary { "give a plain-text article" } else { "re-encode the file as UTF-8, or pass --lossy to replace bad bytes" }
    )]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (characters) of the first bad byte.
        column: usize,
        /// The bad byte.
        byte: u8,
        /// The file looks binary (has NUL bytes).
        binary: bool,
    },
    /// An input has no text.
    #[error("{}: the file is empty{}", .path.display(), if *.whitespace { " (only whitespace)" } else { "" })]
    Empty {
        /// The file.
        path: PathBuf,
        /// It has bytes, but only whitespace.
        whitespace: bool,
    },
    /// A timeline file has problems.
    #[error("{0}")]
    Timeline(#[from] Diagnostics),
    /// A JSON-lines input has a bad line.
    #[error("{file}:{line}:{column}: {message}")]
    Jsonl {
        /// The input's name (`<stdin>` for standard input).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// An output could not be written.
    #[error("{}: cannot write: {}", .path.display(), describe_io(.source))]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Rendering failed.
    #[error("{0}")]
    Render(#[from] crate::render::RenderError),
    /// A command-line value is invalid.
    #[error("{0}")]
    Usage(String),
    /// Nothing to do: no input files found.
    #[error("no input: {0}")]
    NoInput(String),
    /// The tagger's bundled rules do not load (a defect of the build).
    #[error("the tagger's bundled rules do not load: {0}")]
    Rules(#[from] crate::tagger::RuleError),
}

impl Error {
    /// A read error on `path`.
    pub fn read(path: &Path, source: io::Error) -> Error {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Write { .. } | Error::Render(_) => exit::OUTPUT,
            Error::Usage(_) => exit::USAGE,
            Error::Rules(_) => exit::INTERNAL,
            _ => exit::INVALID_INPUT,
        }
    }
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "no space left on device".into(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        _ => {
            // Drop the "(os error N)" suffix for a cleaner message.
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
