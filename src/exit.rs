//! The exit codes qbank promises (documented in the README and `qbank man`).

/// How a run ended, as the shell sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Success,
    /// A valid query matched nothing, or `validate --strict` found only warnings.
    NoMatch,
    /// A usage error or bad input: unknown id, round or tag; a corpus that does not load.
    Error,
    /// Ctrl-C, SIGINT or SIGTERM ended a practice session; what was graded is kept.
    Interrupted,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NoMatch => 1,
            Exit::Error => 2,
            Exit::Interrupted => 130,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_ones() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::NoMatch.code(), 1);
        assert_eq!(Exit::Error.code(), 2);
        assert_eq!(Exit::Interrupted.code(), 130);
    }
}
