//! The error of a rule or word-list file.

/// An error in a rule or word-list file, naming its file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    /// The file name.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl RuleError {
    /// An error at `file:line`.
    pub(crate) fn at(file: &str, line: usize, message: impl Into<String>) -> RuleError {
        RuleError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}
