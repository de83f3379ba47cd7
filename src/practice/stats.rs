//! What the history says about the candidate: volume, grades, strength by round and tag,
//! the day streak, what is due, and competencies with no story yet.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::model::{Competency, Framework, Question};
use crate::practice::calendar::Calendar;
use crate::practice::grade::Grade;
use crate::practice::history::Attempt;
use crate::practice::schedule::{Schedule, Status};

#[derive(Debug, Serialize)]
pub struct Stats {
    pub attempts: usize,
    pub questions_seen: usize,
    pub questions_total: usize,
    pub time_answering_ms: u64,
    pub grades: BTreeMap<Grade, usize>,
    /// Every round with questions, in interview order.
    pub rounds: Vec<Strength>,
    /// Practised tags, weakest first.
    pub tags: Vec<Strength>,
    /// Consecutive practice days with an attempt, ending today or yesterday.
    pub streak_days: u32,
    pub due: DueCounts,
    /// Story questions per competency and how many have a note; none is a gap.
    pub stories: Vec<Stories>,
}

/// The share of good and easy grades among a group's attempts.
#[derive(Debug, Serialize)]
pub struct Strength {
    pub name: String,
    pub attempts: usize,
    pub passed: usize,
    /// passed / attempts; None before the first attempt.
    pub strength: Option<f64>,
}

#[derive(Debug, Default, Serialize)]
pub struct DueCounts {
    pub now: usize,
    pub next_7_days: usize,
    pub never_practised: usize,
}

#[derive(Debug, Serialize)]
pub struct Stories {
    pub competency: Competency,
    pub questions: usize,
    pub with_notes: usize,
    pub gap: bool,
}

/// Stats over `pool` at `now`: attempts at other questions are left out; days are practice
/// days of `calendar`.
pub fn compute(
    pool: &[&Question],
    attempts: &[Attempt],
    noted: &HashSet<u64>,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> Stats {
    let by_id: BTreeMap<u64, &Question> = pool.iter().map(|q| (q.id, *q)).collect();
    let attempts: Vec<(&Attempt, &Question)> =
        attempts.iter().filter_map(|a| Some((a, *by_id.get(&a.id)?))).collect();
    let seen: BTreeSet<u64> = attempts.iter().map(|(a, _)| a.id).collect();
    let mut grades: BTreeMap<Grade, usize> = Grade::ALL.iter().map(|g| (*g, 0)).collect();
    for (attempt, _) in &attempts {
        *grades.entry(attempt.grade).or_default() += 1;
    }
    let rounds = crate::model::Round::all()
        .into_iter()
        .filter(|round| pool.iter().any(|q| q.round == *round))
        .map(|round| strength(round.name(), attempts.iter().filter(|(_, q)| q.round == round)))
        .collect();
    let tags: BTreeSet<&str> = attempts.iter().flat_map(|(_, q)| q.tags.iter().map(String::as_str)).collect();
    let mut tags: Vec<Strength> =
        tags.into_iter().map(|tag| strength(tag, attempts.iter().filter(|(_, q)| q.has_tag(tag)))).collect();
    tags.sort_by(|a, b| {
        a.strength.unwrap_or(0.0).total_cmp(&b.strength.unwrap_or(0.0)).then(b.attempts.cmp(&a.attempts))
    });
    let days: BTreeSet<NaiveDate> = attempts.iter().map(|(a, _)| calendar.day(a.started_at)).collect();
    Stats {
        attempts: attempts.len(),
        questions_seen: seen.len(),
        questions_total: pool.len(),
        time_answering_ms: attempts.iter().fold(0, |sum: u64, (a, _)| sum.saturating_add(a.duration_ms)),
        grades,
        rounds,
        tags,
        streak_days: streak(&days, calendar.day(now)),
        due: due_counts(pool, &Schedule::from_attempts(attempts.iter().map(|(a, _)| *a), calendar), now),
        stories: stories(pool, noted),
    }
}

fn strength<'a>(name: &str, attempts: impl Iterator<Item = &'a (&'a Attempt, &'a Question)>) -> Strength {
    let (mut total, mut passed) = (0, 0);
    for (attempt, _) in attempts {
        total += 1;
        passed += usize::from(attempt.grade.is_pass());
    }
    let strength = (total > 0).then(|| passed as f64 / total as f64);
    Strength { name: name.to_string(), attempts: total, passed, strength }
}

fn streak(days: &BTreeSet<NaiveDate>, today: NaiveDate) -> u32 {
    let mut day = if days.contains(&today) { today } else { today.pred_opt().unwrap_or(today) };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        match day.pred_opt() {
            Some(before) => day = before,
            None => break,
        }
    }
    count
}

fn due_counts(pool: &[&Question], schedule: &Schedule, now: DateTime<Utc>) -> DueCounts {
    let week = now + chrono::Duration::days(7);
    let mut counts = DueCounts::default();
    for question in pool {
        match schedule.status(question.id, now) {
            Status::New => counts.never_practised += 1,
            Status::Due(_) => counts.now += 1,
            Status::Later(at) if at <= week => counts.next_7_days += 1,
            Status::Later(_) => {}
        }
    }
    counts
}

/// Story questions are the STAR ones: the answer is the candidate's own experience.
fn stories(pool: &[&Question], noted: &HashSet<u64>) -> Vec<Stories> {
    Competency::all()
        .into_iter()
        .filter_map(|competency| {
            let questions: Vec<u64> = pool
                .iter()
                .filter(|q| q.competency == Some(competency) && q.framework == Some(Framework::Star))
                .map(|q| q.id)
                .collect();
            let with_notes = questions.iter().filter(|id| noted.contains(id)).count();
            (!questions.is_empty()).then_some(Stories {
                competency,
                questions: questions.len(),
                with_notes,
                gap: with_notes == 0,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Round;
    use crate::practice::history::Mode;
    use chrono::Local;

    fn question(id: u64, round: Round, tags: &[&str], competency: Competency) -> Question {
        Question {
            tags: tags.iter().map(std::string::ToString::to_string).collect(),
            competency: Some(competency),
            framework: Some(Framework::Star),
            ..Question::sample(id, round)
        }
    }

    fn attempt(id: u64, day: u32, grade: Grade) -> Attempt {
        let started_at = Local.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap().with_timezone(&Utc);
        Attempt {
            id,
            started_at,
            duration_ms: 1000,
            limit_s: None,
            timed_out: false,
            grade,
            answer: String::new(),
            mode: Mode::Practice,
            session: "s".into(),
            follow_ups: Vec::new(),
            judge: None,
        }
    }

    use chrono::TimeZone;

    #[test]
    fn strength_streak_due_and_gaps() {
        let questions = [
            question(1, Round::Behavioural, &["conflict", "influence"], Competency::Communication),
            question(2, Round::Behavioural, &["conflict"], Competency::Ownership),
            question(3, Round::Leadership, &["hiring"], Competency::Ownership),
        ];
        let pool: Vec<&Question> = questions.iter().collect();
        let attempts = [
            attempt(1, 8, Grade::Good),
            attempt(1, 9, Grade::Again),
            attempt(2, 10, Grade::Easy),
            attempt(2, 10, Grade::Hard),
            attempt(99, 10, Grade::Good),
        ];
        let noted: HashSet<u64> = [2].into();
        let now = Local.with_ymd_and_hms(2026, 3, 11, 9, 0, 0).unwrap().with_timezone(&Utc);
        let stats = compute(&pool, &attempts, &noted, now, Calendar::default());
        assert_eq!(
            (stats.attempts, stats.questions_seen, stats.questions_total),
            (4, 2, 3),
            "99 is not in the pool"
        );
        assert_eq!(stats.grades[&Grade::Good], 1);
        assert_eq!(stats.rounds[0].name, "behavioural");
        assert_eq!(stats.rounds[0].strength, Some(0.5));
        assert_eq!(stats.rounds[1].strength, None);
        let tags: Vec<(&str, usize)> = stats.tags.iter().map(|t| (t.name.as_str(), t.attempts)).collect();
        assert_eq!(tags, [("conflict", 4), ("influence", 2)], "equal strength: more attempts first");
        assert_eq!(stats.streak_days, 3, "the 8th, 9th and 10th, ending yesterday");
        assert_eq!(stats.due.never_practised, 1);
        assert_eq!(stats.due.now, 1, "1 lapsed on the 9th and came back on the 10th");
        let gaps: Vec<(Competency, bool)> = stats.stories.iter().map(|s| (s.competency, s.gap)).collect();
        assert_eq!(gaps, [(Competency::Ownership, false), (Competency::Communication, true)]);
    }

    #[test]
    fn a_missed_day_ends_the_streak() {
        let days: BTreeSet<NaiveDate> =
            [1, 2, 4].iter().map(|d| NaiveDate::from_ymd_opt(2026, 3, *d).unwrap()).collect();
        assert_eq!(streak(&days, NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()), 1);
        assert_eq!(streak(&days, NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()), 2);
        assert_eq!(streak(&days, NaiveDate::from_ymd_opt(2026, 3, 6).unwrap()), 0);
    }
}
