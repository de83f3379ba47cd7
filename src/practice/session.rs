//! A practice or mock session as a state machine: ask, reveal, grade, record, repeat. The
//! terminal and the scripted stdin protocol are two `Driver`s; this module knows neither.

use std::time::Duration;

use chrono::Utc;

use crate::error::Result;
use crate::model::{Question, Round};
use crate::practice::grade::{Choice, Grade};
use crate::practice::history::{Attempt, FORMAT, History, Mode};
use crate::practice::schedule::Schedule;
use crate::render::practice as view;

/// One question of a session and its time limit (None: untimed).
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    pub question: &'a Question,
    pub limit: Option<Duration>,
}

/// What the candidate produced for one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    pub elapsed: Duration,
    pub timed_out: bool,
}

/// Why a session ended before its last question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The candidate chose to quit.
    Quit,
    /// Scripted input ran out.
    EndOfInput,
    /// Ctrl-C, SIGINT, SIGTERM or SIGHUP.
    Interrupted,
}

/// What the driver saw after asking a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asked {
    Answered(Answer),
    Stopped(Stop),
}

/// What the driver saw after asking for a grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Graded {
    Chose(Choice),
    Stopped(Stop),
}

/// How a session talks to the candidate.
pub trait Driver {
    /// The width to wrap text to.
    fn width(&self) -> usize;
    /// Shows a block of text: a round heading, the reveal.
    fn show(&mut self, text: &str) -> Result<()>;
    /// Shows the question and collects the answer until it ends or the time runs out.
    fn answer(&mut self, prompt: &str, limit: Option<Duration>) -> Result<Asked>;
    /// Asks for the self-grade.
    fn grade(&mut self) -> Result<Graded>;
}

/// Where graded attempts go: the history, or a list in tests.
pub trait Recorder {
    fn record(&mut self, attempt: &Attempt) -> Result<()>;
}

impl Recorder for History {
    fn record(&mut self, attempt: &Attempt) -> Result<()> {
        self.append(attempt)
    }
}

impl Recorder for Vec<Attempt> {
    fn record(&mut self, attempt: &Attempt) -> Result<()> {
        self.push(attempt.clone());
        Ok(())
    }
}

/// Extra text shown after the reveal when the candidate typed an answer. The answer
/// analyser (feedback) plugs in here; the text comes back already wrapped to `width`.
pub trait AfterReveal {
    /// `item` is the question with the answer's time limit.
    fn after_reveal(&self, item: &Item, answer: &Answer, width: usize) -> Option<String>;
}

/// One session's settings.
pub struct Session<'a> {
    pub items: Vec<Item<'a>>,
    pub mode: Mode,
    /// Shared by this session's attempts.
    pub id: String,
}

/// What happened: the graded attempts in order, and why it stopped early, if it did.
#[derive(Debug)]
pub struct Outcome {
    pub attempts: Vec<Attempt>,
    pub skipped: usize,
    pub stopped: Option<Stop>,
}

impl Session<'_> {
    /// A fresh session id: 16 hex digits.
    pub fn new_id() -> String {
        format!("{:016x}", rand::random::<u64>())
    }

    /// Runs every item in order. Each graded attempt is recorded and scheduled before the
    /// next question, so an interruption loses at most the question in progress.
    pub fn run(
        &self,
        driver: &mut dyn Driver,
        recorder: &mut dyn Recorder,
        schedule: &mut Schedule,
        after_reveal: &dyn AfterReveal,
    ) -> Result<Outcome> {
        let mut outcome = Outcome { attempts: Vec::new(), skipped: 0, stopped: None };
        let mut round: Option<Round> = None;
        for (index, item) in self.items.iter().enumerate() {
            if self.mode == Mode::Mock && round != Some(item.question.round) {
                round = Some(item.question.round);
                driver.show(&view::round_heading(item.question.round, driver.width()))?;
            }
            let started_at = Utc::now();
            let prompt = view::prompt(item.question, index + 1, self.items.len(), item.limit, driver.width());
            let answer = match driver.answer(&prompt, item.limit)? {
                Asked::Answered(answer) => answer,
                Asked::Stopped(stop) => {
                    outcome.stopped = Some(stop);
                    break;
                }
            };
            let mut reveal = view::reveal(item.question, &answer, item.limit, driver.width());
            if !answer.text.trim().is_empty()
                && let Some(extra) = after_reveal.after_reveal(item, &answer, driver.width())
            {
                reveal.push('\n');
                reveal.push_str(&extra);
            }
            driver.show(&reveal)?;
            let grade = match driver.grade()? {
                Graded::Chose(Choice::Grade(grade)) => grade,
                Graded::Chose(Choice::Skip) => {
                    outcome.skipped += 1;
                    continue;
                }
                Graded::Chose(Choice::Quit) => {
                    outcome.stopped = Some(Stop::Quit);
                    break;
                }
                Graded::Stopped(stop) => {
                    outcome.stopped = Some(stop);
                    break;
                }
            };
            let attempt = self.attempt(item, started_at, answer, grade);
            recorder.record(&attempt)?;
            schedule.record(&attempt);
            outcome.attempts.push(attempt);
        }
        Ok(outcome)
    }

    fn attempt(
        &self,
        item: &Item,
        started_at: chrono::DateTime<Utc>,
        answer: Answer,
        grade: Grade,
    ) -> Attempt {
        Attempt {
            v: FORMAT,
            id: item.question.id,
            started_at,
            duration_ms: u64::try_from(answer.elapsed.as_millis()).unwrap_or(u64::MAX),
            limit_s: item.limit.map(|l| u32::try_from(l.as_secs()).unwrap_or(u32::MAX)),
            timed_out: answer.timed_out,
            grade,
            answer: answer.text,
            mode: self.mode,
            session: self.id.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// Plays back answers and grades; records what it was shown.
    struct Fake {
        steps: VecDeque<Step>,
        shown: Vec<String>,
    }

    enum Step {
        Answer(Asked),
        Grade(Graded),
    }

    impl Driver for Fake {
        fn width(&self) -> usize {
            80
        }
        fn show(&mut self, text: &str) -> Result<()> {
            self.shown.push(text.to_string());
            Ok(())
        }
        fn answer(&mut self, prompt: &str, _: Option<Duration>) -> Result<Asked> {
            self.shown.push(prompt.to_string());
            match self.steps.pop_front() {
                Some(Step::Answer(asked)) => Ok(asked),
                _ => Ok(Asked::Stopped(Stop::EndOfInput)),
            }
        }
        fn grade(&mut self) -> Result<Graded> {
            match self.steps.pop_front() {
                Some(Step::Grade(graded)) => Ok(graded),
                _ => Ok(Graded::Stopped(Stop::EndOfInput)),
            }
        }
    }

    struct Echo;

    impl AfterReveal for Echo {
        fn after_reveal(&self, item: &Item, answer: &Answer, _: usize) -> Option<String> {
            Some(format!("FEEDBACK on {} within {:?}", answer.text, item.limit))
        }
    }

    fn question(id: u64, round: Round) -> Question {
        Question {
            question: format!("Question {id}?"),
            look_for: vec!["Signal".into()],
            ..Question::sample(id, round)
        }
    }

    fn answered(text: &str, seconds: u64) -> Step {
        Step::Answer(Asked::Answered(Answer {
            text: text.into(),
            elapsed: Duration::from_secs(seconds),
            timed_out: false,
        }))
    }

    fn run(mode: Mode, questions: &[Question], steps: Vec<Step>) -> (Outcome, Vec<Attempt>, Fake) {
        let session = Session {
            items: questions
                .iter()
                .map(|q| Item { question: q, limit: Some(Duration::from_secs(60)) })
                .collect(),
            mode,
            id: "abc".into(),
        };
        let mut fake = Fake { steps: steps.into(), shown: vec![] };
        let mut recorded = Vec::new();
        let outcome = session.run(&mut fake, &mut recorded, &mut Schedule::new(), &Echo).unwrap();
        (outcome, recorded, fake)
    }

    #[test]
    fn grades_are_recorded_skips_are_not_and_quit_stops() {
        let questions = [
            question(1, Round::PhoneScreen),
            question(2, Round::PhoneScreen),
            question(3, Round::Leadership),
        ];
        let steps = vec![
            answered("my answer", 42),
            Step::Grade(Graded::Chose(Choice::Grade(Grade::Hard))),
            answered("", 5),
            Step::Grade(Graded::Chose(Choice::Skip)),
            answered("", 5),
            Step::Grade(Graded::Chose(Choice::Quit)),
        ];
        let (outcome, recorded, fake) = run(Mode::Practice, &questions, steps);
        assert_eq!(outcome.stopped, Some(Stop::Quit));
        assert_eq!(outcome.skipped, 1);
        assert_eq!(recorded, outcome.attempts);
        assert_eq!(recorded.len(), 1);
        let attempt = &recorded[0];
        assert_eq!((attempt.id, attempt.grade, attempt.duration_ms), (1, Grade::Hard, 42_000));
        assert_eq!(
            (attempt.answer.as_str(), attempt.limit_s, attempt.session.as_str()),
            ("my answer", Some(60), "abc")
        );
        assert!(
            fake.shown.iter().any(|s| s.ends_with("\nFEEDBACK on my answer within Some(60s)")),
            "hook runs on a typed answer, with the item's time limit"
        );
        assert_eq!(fake.shown.iter().filter(|s| s.contains("FEEDBACK")).count(), 1, "and only then");
    }

    #[test]
    fn an_interruption_keeps_what_was_graded() {
        let questions = [question(1, Round::PhoneScreen), question(2, Round::PhoneScreen)];
        let steps = vec![
            answered("", 1),
            Step::Grade(Graded::Chose(Choice::Grade(Grade::Easy))),
            answered("half", 1),
            Step::Grade(Graded::Stopped(Stop::Interrupted)),
        ];
        let (outcome, recorded, _) = run(Mode::Practice, &questions, steps);
        assert_eq!(outcome.stopped, Some(Stop::Interrupted));
        assert_eq!(recorded.iter().map(|a| a.id).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn a_mock_announces_each_round_once() {
        let questions = [
            question(1, Round::PhoneScreen),
            question(2, Round::PhoneScreen),
            question(3, Round::Leadership),
        ];
        let grade = || Step::Grade(Graded::Chose(Choice::Grade(Grade::Good)));
        let steps = vec![answered("", 1), grade(), answered("", 1), grade(), answered("", 1), grade()];
        let (outcome, recorded, fake) = run(Mode::Mock, &questions, steps);
        assert_eq!(outcome.stopped, None);
        assert!(recorded.iter().all(|a| a.mode == Mode::Mock));
        let headings: Vec<&String> = fake.shown.iter().filter(|s| s.contains("round")).collect();
        assert_eq!(headings.len(), 2, "{headings:?}");
    }
}
