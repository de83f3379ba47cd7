//! Practice: sessions, self-grades, the history, spaced repetition on practice days, notes,
//! statistics and mock loops. No screen code: the front ends live in tui/.

pub mod calendar;
pub mod grade;
pub mod history;
pub mod mock;
pub mod notes;
pub mod schedule;
pub mod session;
pub mod stats;
pub mod time;

use std::time::Duration;

use crate::error::{Error, Result};
use crate::loader::guide::Guide;
use crate::model::Round;
use time::TimeLimit;

/// The answer time when the guide has none for a round: seed 001's simulator uses 3 minutes.
pub const DEFAULT_ANSWER_SECONDS: u32 = 180;

/// The time limit for one answer in `round`; None means untimed.
pub fn answer_limit(limit: TimeLimit, round: Round, guide: &Guide) -> Option<Duration> {
    let seconds = match limit {
        TimeLimit::Untimed => return None,
        TimeLimit::Seconds(seconds) => seconds,
        TimeLimit::RoundDefault => guide.round(round).map_or(DEFAULT_ANSWER_SECONDS, |r| r.answer_seconds),
    };
    Some(Duration::from_secs(seconds.into()))
}

/// The built-in guide, for each round's answer time.
pub fn guide() -> Result<Guide> {
    Guide::builtin().map_err(Error::user)
}
