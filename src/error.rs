//! The one error type every command returns; `main` prints it once, as `error: ...`.

use std::fmt;
use std::io;

use crate::model::Diagnostic;

#[derive(Debug)]
pub enum Error {
    /// A problem the user can fix, already worded for them.
    User(String),
    /// The corpus did not load: every problem, with its location.
    Corpus(Vec<Diagnostic>),
    /// The system refused: reading, writing, locking.
    Io { context: String, source: io::Error },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn user(message: impl Into<String>) -> Error {
        Error::User(message.into())
    }

    pub fn io(context: impl Into<String>, source: io::Error) -> Error {
        Error::Io { context: context.into(), source }
    }

    /// The reader went away (`qbank list | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Writing to stdout is the only io the commands do without context of their own.
impl From<io::Error> for Error {
    fn from(source: io::Error) -> Error {
        Error::io("cannot write output", source)
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(diagnostics: Vec<Diagnostic>) -> Error {
        Error::Corpus(diagnostics)
    }
}

/// How many corpus problems are shown before "and N more".
const SHOWN_PROBLEMS: usize = 10;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::User(message) => f.write_str(message),
            Error::Io { context, source } => {
                write!(f, "{context}: {}", io_reason(source))
            }
            Error::Corpus(diagnostics) => {
                let mut problems = diagnostics.iter();
                if let Some(first) = problems.next() {
                    write!(f, "{first}")?;
                }
                for problem in problems.by_ref().take(SHOWN_PROBLEMS - 1) {
                    write!(f, "\nerror: {problem}")?;
                }
                let rest = problems.count();
                if rest > 0 {
                    write!(
                        f,
                        "\nerror: ... and {rest} more (run `qbank validate` on the file to see them all)"
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// The OS reason without Rust's "(os error N)" suffix, in lower case.
pub fn io_reason(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_lowercase(),
        None => text.to_lowercase(),
    }
}
