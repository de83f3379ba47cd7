//! A full mock loop: every round in interview order, one or two questions each, then a
//! scorecard per round.

use std::time::Duration;

use serde::Serialize;

use crate::model::{Question, Round};
use crate::practice::grade::Grade;
use crate::practice::session::Outcome;
use crate::query::draw;

/// Questions per round when not asked otherwise: the long design rounds get one.
pub fn default_per_round(round: Round) -> usize {
    match round {
        Round::SystemDesign | Round::Architecture => 1,
        _ => 2,
    }
}

/// The loop's questions, round by round in seed 001's order, `per_round` (or the default)
/// drawn from each round's share of `pool`.
pub fn plan<'a>(pool: &[&'a Question], per_round: Option<usize>, seed: u64) -> Vec<&'a Question> {
    Round::all()
        .into_iter()
        .zip(0u64..)
        .flat_map(|(round, index)| {
            let in_round: Vec<&Question> = pool.iter().copied().filter(|q| q.round == round).collect();
            let count = per_round.unwrap_or_else(|| default_per_round(round));
            draw::draw(in_round, count, seed.wrapping_add(index))
        })
        .collect()
}

/// How one round went.
#[derive(Debug, Serialize)]
pub struct RoundScore {
    pub round: Round,
    /// Questions of the round that were put to the candidate.
    pub asked: usize,
    pub grades: Vec<Grade>,
    pub time_ms: u64,
    pub limit_s: Option<u64>,
    pub verdict: Verdict,
    /// Each question asked in the round, in order, with how it went.
    pub questions: Vec<AskedQuestion>,
}

/// One question put to the candidate, and its grade if it got one.
#[derive(Debug, Serialize)]
pub struct AskedQuestion {
    pub id: u64,
    pub grade: Option<Grade>,
    pub time_ms: u64,
    pub timed_out: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every question asked was graded good or easy.
    Strong,
    /// Every grade passed, but not every question asked was graded.
    Partial,
    /// Some passed, some did not.
    Mixed,
    /// None passed.
    Weak,
    /// No answer in this round was graded (each was skipped, or the loop stopped).
    Ungraded,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Strong => "strong",
            Verdict::Partial => "partial",
            Verdict::Mixed => "mixed",
            Verdict::Weak => "weak",
            Verdict::Ungraded => "not graded",
        }
    }
}

/// The loop's scorecard: a score for each round that was reached, and whether the loop was cut
/// short (rounds or questions of the plan never asked).
#[derive(Debug, Serialize)]
pub struct Scorecard {
    pub rounds: Vec<RoundScore>,
    pub planned_questions: usize,
    pub asked_questions: usize,
    pub planned_rounds: usize,
    pub cut_short: bool,
}

/// The scorecard of a loop planned as `questions`, of which `outcome` tells what was asked and
/// graded. Rounds never reached are not scored, and say so through `cut_short`.
pub fn scorecard(questions: &[(&Question, Option<Duration>)], outcome: &Outcome) -> Scorecard {
    let rounds: Vec<RoundScore> = Round::all()
        .into_iter()
        .filter_map(|round| {
            let asked: Vec<_> =
                questions.iter().filter(|(q, _)| q.round == round && outcome.asked.contains(&q.id)).collect();
            if asked.is_empty() {
                return None;
            }
            let ids: Vec<u64> = asked.iter().map(|(q, _)| q.id).collect();
            let graded: Vec<_> = outcome.attempts.iter().filter(|a| ids.contains(&a.id)).collect();
            let grades: Vec<Grade> = graded.iter().map(|a| a.grade).collect();
            let passed = grades.iter().filter(|g| g.is_pass()).count();
            let verdict = match (grades.len(), passed) {
                (0, _) => Verdict::Ungraded,
                (_, 0) => Verdict::Weak,
                (n, p) if p == n && n == asked.len() => Verdict::Strong,
                (n, p) if p == n => Verdict::Partial,
                _ => Verdict::Mixed,
            };
            let per_question = asked
                .iter()
                .map(|(q, _)| {
                    let attempt = graded.iter().find(|a| a.id == q.id);
                    AskedQuestion {
                        id: q.id,
                        grade: attempt.map(|a| a.grade),
                        time_ms: attempt.map_or(0, |a| a.duration_ms),
                        timed_out: attempt.is_some_and(|a| a.timed_out),
                    }
                })
                .collect();
            let limits: Option<Vec<u64>> =
                asked.iter().map(|(_, limit)| limit.map(|l| l.as_secs())).collect();
            Some(RoundScore {
                round,
                asked: asked.len(),
                grades,
                time_ms: graded.iter().fold(0, |sum: u64, a| sum.saturating_add(a.duration_ms)),
                limit_s: limits.map(|l| l.iter().sum()),
                verdict,
                questions: per_question,
            })
        })
        .collect();
    let mut planned: Vec<Round> = questions.iter().map(|(q, _)| q.round).collect();
    planned.dedup();
    let asked_questions = questions.iter().filter(|(q, _)| outcome.asked.contains(&q.id)).count();
    let graded_or_skipped = outcome.attempts.len() + outcome.skipped;
    Scorecard {
        planned_questions: questions.len(),
        asked_questions,
        planned_rounds: planned.len(),
        cut_short: outcome.stopped.is_some() || graded_or_skipped < questions.len(),
        rounds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::history::{Attempt, Mode};

    fn question(id: u64, round: Round) -> Question {
        Question::sample(id, round)
    }

    fn graded(id: u64, grade: Grade) -> Attempt {
        Attempt {
            id,
            started_at: chrono::Utc::now(),
            duration_ms: 30_000,
            limit_s: None,
            timed_out: false,
            grade,
            answer: String::new(),
            mode: Mode::Mock,
            session: "m".into(),
            follow_ups: Vec::new(),
            judge: None,
        }
    }

    #[test]
    fn the_loop_runs_in_interview_order_with_one_or_two_per_round() {
        let questions: Vec<Question> =
            (1..=20).map(|id| question(id, Round::ALL[(id % 5) as usize])).collect();
        let pool: Vec<&Question> = questions.iter().collect();
        let plan = plan(&pool, None, 9);
        let rounds: Vec<Round> = plan.iter().map(|q| q.round).collect();
        use Round::*;
        assert_eq!(
            rounds,
            [
                PhoneScreen,
                PhoneScreen,
                SystemDesign,
                Architecture,
                Behavioural,
                Behavioural,
                Leadership,
                Leadership
            ]
        );
        assert_eq!(
            super::plan(&pool, None, 9).iter().map(|q| q.id).collect::<Vec<_>>(),
            plan.iter().map(|q| q.id).collect::<Vec<_>>()
        );
        assert_eq!(super::plan(&pool, Some(1), 9).len(), 5);
    }

    #[test]
    fn each_round_gets_a_verdict() {
        let questions = [
            question(1, Round::PhoneScreen),
            question(2, Round::PhoneScreen),
            question(3, Round::Leadership),
            question(4, Round::Behavioural),
        ];
        let limit = Some(Duration::from_secs(120));
        let asked: Vec<(&Question, Option<Duration>)> = questions.iter().map(|q| (q, limit)).collect();
        let outcome = Outcome {
            attempts: vec![graded(1, Grade::Good), graded(2, Grade::Again), graded(4, Grade::Easy)],
            skipped: 1,
            asked: vec![1, 2, 3, 4],
            ..Outcome::default()
        };
        let card = scorecard(&asked, &outcome);
        let verdicts: Vec<(Round, Verdict)> = card.rounds.iter().map(|s| (s.round, s.verdict)).collect();
        assert_eq!(
            verdicts,
            [
                (Round::PhoneScreen, Verdict::Mixed),
                (Round::Behavioural, Verdict::Strong),
                (Round::Leadership, Verdict::Ungraded)
            ]
        );
        assert_eq!((card.rounds[0].time_ms, card.rounds[0].limit_s), (60_000, Some(240)));
        assert!(!card.cut_short);
    }

    #[test]
    fn a_loop_cut_short_scores_only_what_was_asked() {
        let questions = [
            question(1, Round::PhoneScreen),
            question(2, Round::PhoneScreen),
            question(3, Round::Leadership),
            question(4, Round::Leadership),
        ];
        let asked: Vec<(&Question, Option<Duration>)> = questions.iter().map(|q| (q, None)).collect();
        let outcome = Outcome {
            attempts: vec![graded(1, Grade::Good)],
            asked: vec![1, 2],
            stopped: Some(crate::practice::session::Stop::Quit),
            ..Outcome::default()
        };
        let card = scorecard(&asked, &outcome);
        assert_eq!(card.rounds.len(), 1, "leadership was never reached: {card:?}");
        assert_eq!((card.rounds[0].asked, card.rounds[0].verdict), (2, Verdict::Partial));
        assert!(card.cut_short);
        assert_eq!((card.asked_questions, card.planned_questions, card.planned_rounds), (2, 4, 2));
    }
}
