//! Time limits as typed: `90s`, `2m`, `1m30s`, `0`.

use std::time::Duration;

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
}
