//! Spaced repetition: each question's FSRS card, replayed from the history on load.
//!
//! Nothing but the attempt log is stored; the cards are derived from it each time, so two
//! histories merge by concatenation and a skipped damaged line costs one review, not a state.
//! A question is due on the practice day its card falls due, whatever the hour (calendar).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rand::seq::SliceRandom;
use rs_fsrs::{Card, FSRS, Parameters};

use crate::model::Question;
use crate::practice::calendar::Calendar;
use crate::practice::history::Attempt;
use crate::query::draw;

/// Every practised question's card.
pub struct Schedule {
    fsrs: FSRS,
    cards: HashMap<u64, Card>,
    /// What the cards were replayed from, so an undone grade can be taken out again.
    attempts: Vec<Attempt>,
    calendar: Calendar,
}

/// Where a question stands for `--due` and `qbank due`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Never practised.
    New,
    Due(DateTime<Utc>),
    Later(DateTime<Utc>),
}

impl Schedule {
    pub fn new(calendar: Calendar) -> Schedule {
        // The long-term scheduler counts in days: interview answers come back tomorrow at the
        // earliest, not in ten minutes as flash cards do.
        let parameters = Parameters { enable_short_term: false, ..Parameters::default() };
        Schedule { fsrs: FSRS::new(parameters), cards: HashMap::new(), attempts: Vec::new(), calendar }
    }

    /// Replays attempts in the order they were graded, whatever order the log holds them in.
    pub fn from_attempts<'a>(
        attempts: impl IntoIterator<Item = &'a Attempt>,
        calendar: Calendar,
    ) -> Schedule {
        let mut attempts: Vec<&Attempt> = attempts.into_iter().collect();
        attempts.sort_by_key(|a| a.graded_at());
        let mut schedule = Schedule::new(calendar);
        for attempt in attempts {
            schedule.record(attempt);
        }
        schedule
    }

    pub fn calendar(&self) -> Calendar {
        self.calendar
    }

    /// Takes an attempt's grade back out: the cards are replayed without it.
    pub fn forget(&mut self, undone: &Attempt) {
        let mut kept = std::mem::take(&mut self.attempts);
        if let Some(at) = kept.iter().rposition(|a| a.id == undone.id && a.started_at == undone.started_at) {
            kept.remove(at);
        }
        *self = Schedule::from_attempts(&kept, self.calendar);
    }

    pub fn record(&mut self, attempt: &Attempt) {
        self.attempts.push(attempt.clone());
        let at = attempt.graded_at();
        let card = self.cards.remove(&attempt.id).unwrap_or_else(|| Card {
            due: at,
            last_review: at,
            ..Card::default()
        });
        let next = self.fsrs.next(card, at, attempt.grade.rating()).card;
        self.cards.insert(attempt.id, next);
    }

    /// When the question comes back; None when it was never practised.
    pub fn due(&self, id: u64) -> Option<DateTime<Utc>> {
        self.cards.get(&id).map(|card| card.due)
    }

    /// New, due (its practice day has come) or later.
    pub fn status(&self, id: u64, now: DateTime<Utc>) -> Status {
        match self.due(id) {
            None => Status::New,
            Some(due) if self.calendar.day(due) <= self.calendar.day(now) => Status::Due(due),
            Some(due) => Status::Later(due),
        }
    }

    /// How many questions were practised for the first time on `now`'s practice day.
    pub fn new_today(&self, now: DateTime<Utc>) -> usize {
        let today = self.calendar.day(now);
        let mut first: HashMap<u64, DateTime<Utc>> = HashMap::new();
        for attempt in &self.attempts {
            let at = attempt.graded_at();
            first.entry(attempt.id).and_modify(|f| *f = (*f).min(at)).or_insert(at);
        }
        first.values().filter(|&&at| self.calendar.day(at) == today).count()
    }

    /// Questions due now, most overdue first.
    pub fn due_now<'a>(
        &self,
        pool: &[&'a Question],
        now: DateTime<Utc>,
    ) -> Vec<(&'a Question, DateTime<Utc>)> {
        self.dated(pool, now, |status| match status {
            Status::Due(at) => Some(at),
            _ => None,
        })
    }

    /// Questions practised but not due yet, soonest first.
    pub fn upcoming<'a>(
        &self,
        pool: &[&'a Question],
        now: DateTime<Utc>,
    ) -> Vec<(&'a Question, DateTime<Utc>)> {
        self.dated(pool, now, |status| match status {
            Status::Later(at) => Some(at),
            _ => None,
        })
    }

    /// The questions whose status `pick` dates, earliest first, then by id.
    fn dated<'a>(
        &self,
        pool: &[&'a Question],
        now: DateTime<Utc>,
        pick: impl Fn(Status) -> Option<DateTime<Utc>>,
    ) -> Vec<(&'a Question, DateTime<Utc>)> {
        let mut dated: Vec<_> =
            pool.iter().filter_map(|q| Some((*q, pick(self.status(q.id, now))?))).collect();
        dated.sort_by_key(|(q, at)| (*at, q.id));
        dated
    }

    /// What `--due` drills: due questions, most overdue first, then at most `new_limit` new
    /// ones, shuffled by `seed`, leaving out `suspended` questions.
    pub fn drill<'a>(
        &self,
        pool: &[&'a Question],
        now: DateTime<Utc>,
        new_limit: usize,
        suspended: &BTreeSet<u64>,
        seed: u64,
    ) -> Vec<&'a Question> {
        let pool: Vec<&Question> = pool.iter().copied().filter(|q| !suspended.contains(&q.id)).collect();
        let due = self.due_now(&pool, now).into_iter().map(|(q, _)| q);
        let mut new: Vec<&Question> =
            pool.iter().copied().filter(|q| self.status(q.id, now) == Status::New).collect();
        new.shuffle(&mut draw::rng(seed));
        new.truncate(new_limit);
        due.chain(new).collect()
    }
}

impl Attempt {
    /// When the self-grade was given: the review time FSRS counts from.
    pub fn graded_at(&self) -> DateTime<Utc> {
        let took = chrono::Duration::milliseconds(i64::try_from(self.duration_ms).unwrap_or(i64::MAX));
        self.started_at.checked_add_signed(took).unwrap_or(self.started_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::grade::Grade;
    use crate::practice::history::Mode;
    use chrono::Duration;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn attempt(id: u64, when: DateTime<Utc>, grade: Grade) -> Attempt {
        Attempt {
            id,
            started_at: when,
            duration_ms: 0,
            limit_s: None,
            timed_out: false,
            grade,
            answer: String::new(),
            mode: Mode::Practice,
            session: "t".into(),
            follow_ups: Vec::new(),
            judge: None,
        }
    }

    fn due_after(grades: &[Grade]) -> DateTime<Utc> {
        let start = at("2026-03-01T09:00:00Z");
        let mut schedule = Schedule::new(Calendar::default());
        let mut when = start;
        for &grade in grades {
            schedule.record(&attempt(1, when, grade));
            when = schedule.due(1).unwrap();
        }
        schedule.due(1).unwrap()
    }

    #[test]
    fn first_review_due_dates_grow_with_the_grade() {
        let start = at("2026-03-01T09:00:00Z");
        let again = due_after(&[Grade::Again]);
        let hard = due_after(&[Grade::Hard]);
        let good = due_after(&[Grade::Good]);
        let easy = due_after(&[Grade::Easy]);
        assert_eq!(again - start, Duration::days(1));
        assert!(again <= hard && hard < good && good < easy, "{again} {hard} {good} {easy}");
        assert!(easy - start >= Duration::days(7), "{easy}");
    }

    #[test]
    fn good_on_time_pushes_further_and_again_pulls_back() {
        let start = at("2026-03-01T09:00:00Z");
        let once = due_after(&[Grade::Good]) - start;
        let twice = due_after(&[Grade::Good, Grade::Good]) - due_after(&[Grade::Good]);
        assert!(twice > once, "{once} then {twice}");
        let lapse =
            due_after(&[Grade::Good, Grade::Good, Grade::Again]) - due_after(&[Grade::Good, Grade::Good]);
        assert!(lapse < twice, "a lapse comes back sooner: {lapse}");
    }

    #[test]
    fn replay_ignores_log_order_and_drill_puts_overdue_first_then_new() {
        let a = attempt(1, at("2026-03-01T09:00:00Z"), Grade::Again);
        let b = attempt(2, at("2026-03-03T09:00:00Z"), Grade::Again);
        let c = attempt(1, at("2026-03-02T09:00:00Z"), Grade::Good);
        let forward = Schedule::from_attempts([&a, &c, &b], Calendar::default());
        let shuffled = Schedule::from_attempts([&b, &c, &a], Calendar::default());
        assert_eq!(forward.due(1), shuffled.due(1));
        assert_eq!(forward.due(2), Some(at("2026-03-04T09:00:00Z")));
        let questions: Vec<Question> = [1, 2, 3].map(question).into();
        let pool: Vec<&Question> = questions.iter().collect();
        let now = at("2026-04-01T00:00:00Z");
        let order: Vec<u64> =
            forward.drill(&pool, now, 10, &BTreeSet::new(), 1).iter().map(|q| q.id).collect();
        assert_eq!(order, [2, 1, 3], "2 is the most overdue, 3 is new");
        assert!(
            forward
                .drill(&pool, at("2026-03-02T10:00:00Z"), 10, &BTreeSet::new(), 1)
                .iter()
                .all(|q| q.id == 3)
        );
    }

    fn question(id: u64) -> Question {
        Question::sample(id, crate::model::Round::PhoneScreen)
    }
}
