//! The wall clock, which `QBANK_NOW` can set: an RFC 3339 time that stands for "now" when qbank
//! starts, so scheduling can be tested and previewed ("what is due on Monday?"). Time still
//! passes from there, as the process runs.

use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

use crate::error::{Error, Result};

/// Where the clock starts: `QBANK_NOW`'s time, or the system's, and the instant it was read.
static START: OnceLock<(DateTime<Utc>, Instant)> = OnceLock::new();

/// Reads `QBANK_NOW` once; an unreadable value is an error rather than silently the real time.
pub fn init() -> Result<()> {
    let start = match std::env::var("QBANK_NOW") {
        Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
            .map_err(|e| {
                Error::user(format!(
                    "QBANK_NOW is `{}`, not an RFC 3339 time ({e}): write it like 2026-12-02T20:23:00+01:00",
                    text.trim()
                ))
            })?
            .with_timezone(&Utc),
        _ => Utc::now(),
    };
    let _ = START.set((start, Instant::now()));
    Ok(())
}

/// Now, by `QBANK_NOW` when it is set.
pub fn now() -> DateTime<Utc> {
    let (start, at) = START.get_or_init(|| (Utc::now(), Instant::now()));
    let passed = TimeDelta::from_std(at.elapsed()).unwrap_or(TimeDelta::zero());
    start.checked_add_signed(passed).unwrap_or(*start)
}
