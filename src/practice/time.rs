//! Time limits as typed (`90s`, `2m`, `1m30s`, `0`) and times as people read them.

use std::time::Duration;

use chrono::{DateTime, Local, Utc};

/// What `--time` asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeLimit {
    /// Each round's answer time from the guide.
    RoundDefault,
    /// `--time 0`: no countdown.
    Untimed,
    Seconds(u32),
}

/// The longest answer limit accepted: a whole system design round.
const MAX_SECONDS: u32 = 4 * 60 * 60;

/// `90`, `90s`, `2m`, `2min`, `1m30s`, `1h`, `0`: a bare number is seconds.
pub fn parse_limit(text: &str) -> Result<TimeLimit, String> {
    let text = text.trim().to_ascii_lowercase();
    let bad = || format!("'{text}' is not a duration: write 90s, 2m, 1m30s or 0 for no timer");
    if text.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let number: u64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let scale = match &rest[..unit_end] {
            "" | "s" | "sec" | "secs" => 1,
            "m" | "min" | "mins" => 60,
            "h" => 3600,
            _ => return Err(bad()),
        };
        rest = &rest[unit_end..];
        total = total.saturating_add(number.saturating_mul(scale));
    }
    match u32::try_from(total) {
        Ok(0) => Ok(TimeLimit::Untimed),
        Ok(seconds) if seconds <= MAX_SECONDS => Ok(TimeLimit::Seconds(seconds)),
        _ => Err(format!("'{text}' is longer than the 4h limit")),
    }
}

impl TimeLimit {
    /// The limit an answer is judged against; None when untimed or left to the round.
    pub fn duration(self) -> Option<Duration> {
        match self {
            TimeLimit::Seconds(seconds) => Some(Duration::from_secs(seconds.into())),
            TimeLimit::RoundDefault | TimeLimit::Untimed => None,
        }
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
    fn limits_parse_like_people_write_them() {
        assert_eq!(parse_limit("90s"), Ok(TimeLimit::Seconds(90)));
        assert_eq!(parse_limit("2m"), Ok(TimeLimit::Seconds(120)));
        assert_eq!(parse_limit("1m30s"), Ok(TimeLimit::Seconds(90)));
        assert_eq!(parse_limit("45"), Ok(TimeLimit::Seconds(45)));
        assert_eq!(parse_limit("1H"), Ok(TimeLimit::Seconds(3600)));
        assert_eq!(parse_limit("0"), Ok(TimeLimit::Untimed));
        assert_eq!(parse_limit("0s"), Ok(TimeLimit::Untimed));
        assert_eq!(parse_limit("2min"), Ok(TimeLimit::Seconds(120)));
        assert_eq!(parse_limit("1m30"), Ok(TimeLimit::Seconds(90)));
        for bad in ["", "m", "2 minutes", "-1", "1.5m", "99999999999999999999"] {
            assert!(parse_limit(bad).is_err(), "{bad}");
        }
        assert!(parse_limit("5h").unwrap_err().contains("4h"));
    }

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
}
