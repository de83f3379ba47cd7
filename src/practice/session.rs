//! A practice or mock session as a state machine that a front end steps through: show a
//! question, take its answer, take a grade, record it, move on. The full-screen app and the
//! scripted protocol (tui/) are two front ends; this module knows no screen and no keyboard.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::model::Question;
use crate::practice::grade::{Choice, Grade};
use crate::practice::history::{Attempt, Draft, FollowUp, History, JudgeNote, Mode, Record, Undo};
use crate::practice::schedule::Schedule;

/// One question of a session, its time limit (None: untimed), and the text of a draft to
/// resume, if the candidate left one.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    pub question: &'a Question,
    pub limit: Option<Duration>,
    pub draft: Option<String>,
}

/// What the candidate produced for one question: the answer, the follow-ups it led to, and
/// who judged it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    pub elapsed: Duration,
    pub timed_out: bool,
    pub follow_ups: Vec<FollowUp>,
    pub judge: Option<JudgeNote>,
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

/// Where records go: the history, or a list in tests.
pub trait Recorder {
    fn record(&mut self, record: &Record) -> Result<()>;
}

impl Recorder for History {
    fn record(&mut self, record: &Record) -> Result<()> {
        self.append(record)
    }
}

impl Recorder for Vec<Record> {
    fn record(&mut self, record: &Record) -> Result<()> {
        self.push(record.clone());
        Ok(())
    }
}

/// What happened: the graded attempts in order, what was skipped, what was saved ungraded, how
/// many questions were shown, and why it stopped early, if it did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub attempts: Vec<Attempt>,
    pub skipped: usize,
    pub drafts: Vec<Draft>,
    /// Questions shown to the candidate (an undone grade's question counts once).
    pub asked: Vec<u64>,
    pub stopped: Option<Stop>,
}

/// What a grade did.
#[derive(Clone, Debug, PartialEq)]
pub enum Graded {
    Recorded(Attempt),
    Skipped,
    Stopped,
}

/// One session: its questions, where it is, and what has happened so far.
pub struct Session<'a> {
    items: Vec<Item<'a>>,
    mode: Mode,
    id: String,
    position: usize,
    /// When the current question was shown; None until it is.
    shown_at: Option<DateTime<Utc>>,
    outcome: Outcome,
}

impl<'a> Session<'a> {
    pub fn new(items: Vec<Item<'a>>, mode: Mode) -> Session<'a> {
        Session { items, mode, id: new_id(), position: 0, shown_at: None, outcome: Outcome::default() }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn items(&self) -> &[Item<'a>] {
        &self.items
    }

    /// The question being asked or about to be, and its place (from 0); None when done.
    pub fn current(&self) -> Option<(usize, &Item<'a>)> {
        self.items.get(self.position).map(|item| (self.position, item))
    }

    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    pub fn into_outcome(self) -> Outcome {
        self.outcome
    }

    /// The current question is on the screen: its clock starts now.
    pub fn show(&mut self, now: DateTime<Utc>) {
        self.shown_at = Some(now);
        if let Some((_, item)) = self.current() {
            let id = item.question.id;
            if !self.outcome.asked.contains(&id) {
                self.outcome.asked.push(id);
            }
        }
    }

    /// The candidate's choice for the current question's answer: a grade is recorded and
    /// scheduled before the session moves on, so a crash loses at most the question in hand.
    pub fn grade(
        &mut self,
        answer: &Answer,
        choice: Choice,
        recorder: &mut dyn Recorder,
        schedule: &mut Schedule,
    ) -> Result<Graded> {
        let Some((_, item)) = self.current() else { return Ok(Graded::Stopped) };
        let question = item.question.id;
        let limit = item.limit;
        match choice {
            Choice::Grade(grade) => {
                let attempt = self.attempt(question, limit, answer, grade);
                recorder.record(&Record::Attempt(attempt.clone()))?;
                schedule.record(&attempt);
                self.outcome.attempts.push(attempt.clone());
                self.advance();
                Ok(Graded::Recorded(attempt))
            }
            Choice::Skip => {
                self.outcome.skipped += 1;
                self.advance();
                Ok(Graded::Skipped)
            }
            Choice::Quit => {
                self.stop(Stop::Quit, Some(answer), recorder)?;
                Ok(Graded::Stopped)
            }
        }
    }

    /// Ends the session. An answer that was typed but not graded is saved as a draft, which
    /// `history` shows and `practice --resume` offers again: nothing typed is lost.
    pub fn stop(&mut self, stop: Stop, unsaved: Option<&Answer>, recorder: &mut dyn Recorder) -> Result<()> {
        if self.outcome.stopped.is_some() {
            return Ok(());
        }
        self.outcome.stopped = Some(stop);
        let (Some(answer), Some((_, item))) = (unsaved, self.current()) else { return Ok(()) };
        if answer.text.trim().is_empty() {
            return Ok(());
        }
        let draft = Draft {
            id: item.question.id,
            started_at: self.shown_at.unwrap_or_else(crate::sys::clock::now),
            duration_ms: millis(answer.elapsed),
            limit_s: item.limit.map(seconds),
            answer: answer.text.clone(),
            mode: self.mode,
            session: self.id.clone(),
            follow_ups: answer.follow_ups.clone(),
        };
        recorder.record(&Record::Draft(draft.clone()))?;
        self.outcome.drafts.push(draft);
        Ok(())
    }

    /// Takes back the last grade of this session: an undo record is appended (the history is
    /// never rewritten), the schedule forgets the grade, and the session goes back to that
    /// question. Returns its answer, to grade again; None when nothing was graded.
    pub fn undo(
        &mut self,
        recorder: &mut dyn Recorder,
        schedule: &mut Schedule,
        now: DateTime<Utc>,
    ) -> Result<Option<Answer>> {
        let Some(attempt) = self.outcome.attempts.pop() else { return Ok(None) };
        let undo = Undo { at: now, id: attempt.id, started_at: attempt.started_at };
        if let Err(e) = recorder.record(&Record::Undo(undo)) {
            self.outcome.attempts.push(attempt);
            return Err(e);
        }
        schedule.forget(&attempt);
        if let Some(at) = self.items.iter().position(|item| item.question.id == attempt.id) {
            self.position = at;
        }
        self.shown_at = Some(attempt.started_at);
        Ok(Some(Answer {
            text: attempt.answer,
            elapsed: Duration::from_millis(attempt.duration_ms),
            timed_out: attempt.timed_out,
            follow_ups: attempt.follow_ups,
            judge: attempt.judge,
        }))
    }

    fn advance(&mut self) {
        self.position += 1;
        self.shown_at = None;
    }

    fn attempt(&self, id: u64, limit: Option<Duration>, answer: &Answer, grade: Grade) -> Attempt {
        Attempt {
            id,
            started_at: self.shown_at.unwrap_or_else(crate::sys::clock::now),
            duration_ms: millis(answer.elapsed),
            limit_s: limit.map(seconds),
            timed_out: answer.timed_out,
            grade,
            answer: answer.text.clone(),
            mode: self.mode,
            session: self.id.clone(),
            follow_ups: answer.follow_ups.clone(),
            judge: answer.judge.clone(),
        }
    }
}

/// A fresh session id: 16 hex digits.
fn new_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn seconds(limit: Duration) -> u32 {
    u32::try_from(limit.as_secs()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Round;
    use crate::practice::calendar::Calendar;

    fn question(id: u64, round: Round) -> Question {
        Question { question: format!("Question {id}?"), ..Question::sample(id, round) }
    }

    fn answer(text: &str, seconds: u64) -> Answer {
        Answer { text: text.into(), elapsed: Duration::from_secs(seconds), ..Answer::default() }
    }

    fn session(questions: &[Question]) -> Session<'_> {
        let items = questions
            .iter()
            .map(|q| Item { question: q, limit: Some(Duration::from_secs(60)), draft: None })
            .collect();
        Session::new(items, Mode::Practice)
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn grades_are_recorded_skips_are_not_and_quit_keeps_the_typed_answer() {
        let questions = [
            question(1, Round::PhoneScreen),
            question(2, Round::PhoneScreen),
            question(3, Round::Leadership),
        ];
        let mut session = session(&questions);
        let mut records: Vec<Record> = Vec::new();
        let mut schedule = Schedule::new(Calendar::default());
        session.show(at("2026-03-01T09:00:00Z"));
        let graded =
            session.grade(&answer("my answer", 42), Choice::Grade(Grade::Hard), &mut records, &mut schedule);
        assert!(
            matches!(graded.unwrap(), Graded::Recorded(a) if a.grade == Grade::Hard && a.duration_ms == 42_000)
        );
        session.show(at("2026-03-01T09:01:00Z"));
        assert_eq!(
            session.grade(&answer("", 5), Choice::Skip, &mut records, &mut schedule).unwrap(),
            Graded::Skipped
        );
        session.show(at("2026-03-01T09:02:00Z"));
        let quit =
            session.grade(&answer("half an answer", 5), Choice::Quit, &mut records, &mut schedule).unwrap();
        assert_eq!(quit, Graded::Stopped);
        let outcome = session.into_outcome();
        assert_eq!(
            (outcome.skipped, outcome.stopped, outcome.asked.as_slice()),
            (1, Some(Stop::Quit), &[1, 2, 3][..])
        );
        assert!(
            matches!(&records[..], [Record::Attempt(a), Record::Draft(d)] if a.id == 1 && d.id == 3 && d.answer == "half an answer")
        );
        assert_eq!(schedule.due(1), Some(at("2026-03-03T09:00:42Z")), "hard: two days from the grade");
    }

    #[test]
    fn an_empty_answer_leaves_no_draft() {
        let questions = [question(1, Round::PhoneScreen)];
        let mut session = session(&questions);
        let mut records: Vec<Record> = Vec::new();
        session.show(at("2026-03-01T09:00:00Z"));
        session.stop(Stop::Interrupted, Some(&answer("  \n", 3)), &mut records).unwrap();
        assert!(records.is_empty());
        assert_eq!(session.outcome().stopped, Some(Stop::Interrupted));
    }

    #[test]
    fn undo_takes_the_grade_back_and_returns_to_its_question() {
        let questions = [question(1, Round::PhoneScreen), question(2, Round::PhoneScreen)];
        let mut session = session(&questions);
        let mut records: Vec<Record> = Vec::new();
        let mut schedule = Schedule::new(Calendar::default());
        session.show(at("2026-03-01T09:00:00Z"));
        session.grade(&answer("first", 10), Choice::Grade(Grade::Easy), &mut records, &mut schedule).unwrap();
        assert_eq!(session.current().unwrap().1.question.id, 2);
        let back = session.undo(&mut records, &mut schedule, at("2026-03-01T09:01:00Z")).unwrap();
        assert_eq!(back.unwrap().text, "first");
        assert_eq!(session.current().unwrap().1.question.id, 1);
        assert_eq!(schedule.due(1), None, "the schedule forgot the grade");
        assert!(
            matches!(&records[1], Record::Undo(u) if u.id == 1 && u.started_at == at("2026-03-01T09:00:00Z"))
        );
        session.grade(&answer("first", 10), Choice::Grade(Grade::Good), &mut records, &mut schedule).unwrap();
        assert_eq!(session.outcome().attempts.len(), 1);
        assert_eq!(session.outcome().asked, [1]);
    }
}
