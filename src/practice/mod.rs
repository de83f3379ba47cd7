//! Practice: timed sessions, self-grades, the attempt history and spaced repetition.

pub mod grade;
pub mod history;
pub mod schedule;
pub mod time;

use crate::error::Result;
use history::{Attempt, History};

/// The user's history and its readable attempts; skipped lines are reported on stderr.
pub fn load_history() -> Result<(History, Vec<Attempt>)> {
    let mut history = History::open()?;
    let loaded = history.load()?;
    loaded.warn(history.path());
    Ok((history, loaded.attempts))
}
