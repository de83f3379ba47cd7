//! Practice days: a day starts at a set hour in the user's time zone (4:00 by default, as Anki
//! counts), so a question graded "again" at 20:23 is due all of the next morning, not only from
//! 20:23 on, and a late-night session still counts for the day it began.

use chrono::{DateTime, Local, NaiveDate, TimeDelta, Utc};

/// When a practice day starts, in hours after local midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    day_starts_at: u32,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar { day_starts_at: Calendar::DEFAULT_HOUR }
    }
}

impl Calendar {
    pub const DEFAULT_HOUR: u32 = 4;

    /// A day that starts `hour` hours after midnight (0 to 23).
    pub fn starting_at(hour: u32) -> Option<Calendar> {
        (hour < 24).then_some(Calendar { day_starts_at: hour })
    }

    pub fn day_starts_at(self) -> u32 {
        self.day_starts_at
    }

    /// The practice day `at` falls in.
    pub fn day(self, at: DateTime<Utc>) -> NaiveDate {
        let local = at.with_timezone(&Local).naive_local();
        local.checked_sub_signed(TimeDelta::hours(self.day_starts_at.into())).unwrap_or(local).date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn local(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Local.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_day_runs_from_its_start_hour_to_the_next_one() {
        let calendar = Calendar::default();
        assert_eq!(calendar.day(local(2, 20, 23)), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(calendar.day(local(3, 3, 59)), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(calendar.day(local(3, 4, 0)), NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());
        let midnight = Calendar::starting_at(0).unwrap();
        assert_eq!(midnight.day(local(3, 0, 30)), NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());
        assert!(Calendar::starting_at(24).is_none());
    }
}
