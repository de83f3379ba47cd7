//! Quantities as people read them: how long something took, a clock, a day, a plural.

use std::time::Duration;

use chrono::{DateTime, Local, Utc};

/// "3 min", "90 s", "10 min".
pub fn duration(seconds: u32) -> String {
    if seconds >= 60 && seconds.is_multiple_of(60) {
        format!("{} min", seconds / 60)
    } else {
        format!("{seconds} s")
    }
}

/// `2:05`, `12:00`, `1:02:03`.
pub fn clock(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds >= 3600 {
        format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
    } else {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

/// `45 s`, `3 min 5 s`: how long an answer took.
pub fn took(duration: Duration) -> String {
    let seconds = duration.as_secs();
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// `now`, `in 3 days`, `in 5 h`, `2 days ago`, rounded to the nearest unit.
pub fn relative(when: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = ((when - now).num_seconds() as f64 / 60.0).round() as i64;
    let span = minutes.abs();
    let amount = if span >= 22 * 60 {
        plural((span + 720) / 1440, "day")
    } else if span >= 60 {
        format!("{} h", (span + 30) / 60)
    } else if span >= 1 {
        format!("{span} min")
    } else {
        return "now".to_string();
    };
    if minutes > 0 { format!("in {amount}") } else { format!("{amount} ago") }
}

/// `Tue 24 Nov`, in the user's time zone.
pub fn day(when: DateTime<Utc>) -> String {
    when.with_timezone(&Local).format("%a %-d %b").to_string()
}

/// `2026-11-22 15:04`, in the user's time zone.
pub fn stamp(when: DateTime<Utc>) -> String {
    when.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

pub fn plural(count: impl Into<i64>, noun: &str) -> String {
    let count = count.into();
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_naturally() {
        assert_eq!(clock(Duration::from_secs(125)), "2:05");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
        assert_eq!(took(Duration::from_millis(45_900)), "45 s");
        assert_eq!(took(Duration::from_secs(185)), "3 min 5 s");
        let now = Utc::now();
        assert_eq!(relative(now + chrono::Duration::days(3), now), "in 3 days");
        assert_eq!(relative(now - chrono::Duration::hours(5), now), "5 h ago");
        assert_eq!(relative(now, now), "now");
        assert_eq!(relative(now + chrono::Duration::hours(25), now), "in 1 day");
        assert_eq!(
            relative(now + chrono::Duration::hours(24) - chrono::Duration::seconds(2), now),
            "in 1 day"
        );
        assert_eq!(relative(now + chrono::Duration::hours(60), now), "in 3 days");
    }

    #[test]
    fn durations_read_in_whole_minutes_where_they_can() {
        assert_eq!(duration(180), "3 min");
        assert_eq!(duration(90), "90 s");
    }
}
