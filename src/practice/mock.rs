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
    Round::ALL
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
    pub asked: usize,
    pub grades: Vec<Grade>,
    pub time_ms: u64,
    pub limit_s: Option<u64>,
    pub verdict: Verdict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every answer graded good or easy.
    Strong,
    /// Some passed, some did not.
    Mixed,
    /// None passed.
    Weak,
    /// No answer in this round was graded (the loop ended first, or each was skipped).
    Ungraded,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Strong => "strong",
            Verdict::Mixed => "mixed",
            Verdict::Weak => "weak",
            Verdict::Ungraded => "not graded",
        }
    }
}

/// One score per round that had questions, in loop order.
pub fn scorecard(questions: &[(&Question, Option<Duration>)], outcome: &Outcome) -> Vec<RoundScore> {
    Round::ALL
        .into_iter()
        .filter_map(|round| {
            let asked: Vec<_> = questions.iter().filter(|(q, _)| q.round == round).collect();
            if asked.is_empty() {
                return None;
            }
            let ids: Vec<u64> = asked.iter().map(|(q, _)| q.id).collect();
            let graded: Vec<_> = outcome.attempts.iter().filter(|a| ids.contains(&a.id)).collect();
            let grades: Vec<Grade> = graded.iter().map(|a| a.grade).collect();
            let passed = grades.iter().filter(|g| g.is_pass()).count();
            let verdict = match (grades.len(), passed) {
                (0, _) => Verdict::Ungraded,
                (n, p) if p == n => Verdict::Strong,
                (_, 0) => Verdict::Weak,
                _ => Verdict::Mixed,
            };
            let limits: Option<Vec<u64>> =
                asked.iter().map(|(_, limit)| limit.map(|l| l.as_secs())).collect();
            Some(RoundScore {
                round,
                asked: asked.len(),
                grades,
                time_ms: graded.iter().map(|a| a.duration_ms).sum(),
                limit_s: limits.map(|l| l.iter().sum()),
                verdict,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::history::{Attempt, FORMAT, Mode};

    fn question(id: u64, round: Round) -> Question {
        Question::sample(id, round)
    }

    fn graded(id: u64, grade: Grade) -> Attempt {
        Attempt {
            v: FORMAT,
            id,
            started_at: chrono::Utc::now(),
            duration_ms: 30_000,
            limit_s: None,
            timed_out: false,
            grade,
            answer: String::new(),
            mode: Mode::Mock,
            session: "m".into(),
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
            skipped: 0,
            stopped: None,
        };
        let card = scorecard(&asked, &outcome);
        let verdicts: Vec<(Round, Verdict)> = card.iter().map(|s| (s.round, s.verdict)).collect();
        assert_eq!(
            verdicts,
            [
                (Round::PhoneScreen, Verdict::Mixed),
                (Round::Behavioural, Verdict::Strong),
                (Round::Leadership, Verdict::Ungraded)
            ]
        );
        assert_eq!((card[0].time_ms, card[0].limit_s), (60_000, Some(240)));
    }
}
