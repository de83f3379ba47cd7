//! The scripted front end, for stdin that is not a terminal: per question, the answer as lines
//! ended by a line holding only `.`, then one grade line. Everything a person would read goes to
//! `out`, as text.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::model::Round;
use crate::practice::grade::Choice;
use crate::practice::history::Mode;
use crate::practice::schedule::Schedule;
use crate::practice::session::{Answer, Recorder, Session, Stop};
use crate::render::{practice as view, style};
use crate::sys::clock;
use crate::text::suggest;

use super::{Interviewer, Reply, Request};

/// The line that ends a typed answer.
pub const END_OF_ANSWER: &str = ".";

/// How often a wait for input checks whether a signal asked the session to stop.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Reads answers and grades from an input stream, writes prompts and reveals to `out`.
pub struct Script<W> {
    lines: Receiver<std::io::Result<Vec<u8>>>,
    out: W,
    line: usize,
    width: usize,
    /// Set by SIGINT, SIGTERM, SIGQUIT or SIGHUP: the session stops and reports.
    signalled: Arc<AtomicBool>,
}

/// What the next read gave.
enum Line {
    Text(String),
    End,
    Interrupted,
}

impl<W: Write> Script<W> {
    /// Lines are read on a thread of their own, so that a signal can end a session that is
    /// waiting for input, as it does in the terminal.
    pub fn new(
        input: impl Read + Send + 'static,
        out: W,
        width: usize,
        signalled: Arc<AtomicBool>,
    ) -> Script<W> {
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut input = BufReader::new(input);
            loop {
                let mut bytes = Vec::new();
                let read = input.read_until(b'\n', &mut bytes);
                let done = !matches!(read, Ok(n) if n > 0);
                if send.send(read.map(|_| bytes)).is_err() || done {
                    break;
                }
            }
        });
        Script { lines, out, line: 0, width, signalled }
    }

    /// Asks every question of `session` in turn until it is done or stopped.
    pub fn run(
        &mut self,
        session: &mut Session,
        recorder: &mut dyn Recorder,
        schedule: &mut Schedule,
        interviewer: &Interviewer,
    ) -> Result<()> {
        let mut round: Option<Round> = None;
        let total = session.items().len();
        while let Some((index, item)) = session.current() {
            let item = item.clone();
            if session.mode() == Mode::Mock && round != Some(item.question.round) {
                round = Some(item.question.round);
                self.write(&view::round_heading(item.question.round, self.width))?;
            }
            session.show(clock::now());
            self.write(&view::prompt(item.question, index + 1, total, item.limit, self.width))?;
            // A resumed draft is where the answer starts, as it is in the terminal's editor:
            // lines typed now are added to it.
            let lines: Vec<String> = item.draft.iter().flat_map(|d| d.lines().map(String::from)).collect();
            if !lines.is_empty() {
                self.write(&format!(
                    "{}\n",
                    style::dim("Your saved draft (what you type now is added to it):")
                ))?;
                self.write(&format!("{}\n", crate::render::sanitize::clean_lines(&lines.join("\n"))))?;
            }
            self.write(&format!("{}\n", style::dim("Answer (end with a line holding only a dot):")))?;
            let mut answer = match self.read_answer(lines, item.limit)? {
                Ok(answer) => answer,
                Err((stop, unsaved)) => return session.stop(stop, Some(&unsaved), recorder),
            };
            let judgement = loop {
                match Request::next(item.question, &answer, item.limit, interviewer)
                    .run(interviewer.judge.as_ref())
                {
                    Reply::FollowUp(Some(question), why) => {
                        if let Some(why) = why {
                            self.write(&format!(
                                "{}\n",
                                style::dim(&format!("({why}; a follow-up from the bank instead)"))
                            ))?;
                        }
                        let number = answer.follow_ups.len() + 1;
                        self.write(&view::follow_up_prompt(
                            number,
                            &question,
                            interviewer.follow_up_limit,
                            self.width,
                        ))?;
                        match self.read_answer(Vec::new(), interviewer.follow_up_limit)? {
                            Ok(reply) => answer.follow_ups.push(super::follow_up(
                                question,
                                &reply,
                                interviewer.follow_up_limit,
                            )),
                            Err((stop, reply)) => {
                                answer.follow_ups.push(super::follow_up(
                                    question,
                                    &reply,
                                    interviewer.follow_up_limit,
                                ));
                                return session.stop(stop, Some(&answer), recorder);
                            }
                        }
                    }
                    // No follow-up left to ask: the answer is judged as it stands.
                    Reply::FollowUp(None, _) | Reply::Lost => {
                        break Box::new(super::judge_answer(interviewer, item.question, &answer, item.limit));
                    }
                    Reply::Judged(judgement) => break judgement,
                }
            };
            let mut reveal = view::reveal(item.question, &answer, item.limit, self.width);
            if !answer.text.trim().is_empty() {
                answer.judge = Some(super::judge_note(&judgement));
                reveal.push('\n');
                reveal.push_str(&crate::render::judge::after_reveal(
                    &judgement,
                    interviewer.is_offline(),
                    self.width,
                ));
            }
            self.write(&reveal)?;
            let choice = match self.grade()? {
                Ok(choice) => choice,
                Err(stop) => return session.stop(stop, Some(&answer), recorder),
            };
            session.grade(&answer, choice, recorder, schedule)?;
        }
        Ok(())
    }

    /// An answer's lines up to the line holding only a dot, added to `lines` (a resumed
    /// draft); on end of input or a signal, why the session stops and what was typed.
    fn read_answer(
        &mut self,
        mut lines: Vec<String>,
        limit: Option<Duration>,
    ) -> Result<std::result::Result<Answer, (Stop, Answer)>> {
        let started = Instant::now();
        let answer = |lines: &[String], timed_out: bool| Answer {
            text: lines.join("\n").trim_end().to_string(),
            elapsed: started.elapsed(),
            timed_out,
            ..Answer::default()
        };
        loop {
            match self.next_line()? {
                Line::End => return Ok(Err((Stop::EndOfInput, answer(&lines, false)))),
                Line::Interrupted => return Ok(Err((Stop::Interrupted, answer(&lines, false)))),
                Line::Text(line) if line == END_OF_ANSWER => break,
                Line::Text(line) => lines.push(line),
            }
        }
        let timed_out = limit.is_some_and(|limit| started.elapsed() > limit);
        Ok(Ok(answer(&lines, timed_out)))
    }

    /// The next grade line, or why the session stops.
    fn grade(&mut self) -> Result<std::result::Result<Choice, Stop>> {
        self.write(&format!("{}\n", view::grade_prompt()))?;
        loop {
            let line = match self.next_line()? {
                Line::Text(line) => line,
                Line::End => return Ok(Err(Stop::EndOfInput)),
                Line::Interrupted => return Ok(Err(Stop::Interrupted)),
            };
            if line.trim().is_empty() {
                continue;
            }
            return match Choice::parse(&line) {
                Some(choice) => Ok(Ok(choice)),
                None => Err(Error::user(format!(
                    "stdin line {}: '{}' is not a grade{}; give 1-4, again, hard, good, easy, pass, fail, skip \
                     or quit (an answer ends with a line holding only `.`)",
                    self.line,
                    line.trim(),
                    suggest::did_you_mean(line.trim(), Choice::WORDS)
                ))),
            };
        }
    }

    /// The next line without its line ending.
    fn next_line(&mut self) -> Result<Line> {
        loop {
            if self.signalled.load(Ordering::Relaxed) {
                return Ok(Line::Interrupted);
            }
            match self.lines.recv_timeout(SIGNAL_POLL) {
                Ok(Ok(bytes)) if bytes.is_empty() => return Ok(Line::End),
                Ok(Ok(bytes)) => {
                    self.line += 1;
                    let text = String::from_utf8_lossy(&bytes);
                    return Ok(Line::Text(text.trim_end_matches(['\n', '\r']).to_string()));
                }
                Ok(Err(e)) => return Err(Error::io("cannot read stdin", e)),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(Line::End),
            }
        }
    }

    fn write(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Question;
    use crate::practice::calendar::Calendar;
    use crate::practice::grade::Grade;
    use crate::practice::history::Record;
    use crate::practice::session::Item;

    /// Runs a session of `count` questions on `input`; returns what was recorded and written.
    fn run(count: u64, input: &str) -> (Result<()>, Vec<Record>, String, Option<Stop>) {
        let questions: Vec<Question> =
            (1..=count).map(|id| Question::sample(id, Round::PhoneScreen)).collect();
        let items = questions.iter().map(|q| Item { question: q, limit: None, draft: None }).collect();
        let mut session = Session::new(items, Mode::Practice);
        let input = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut script = Script::new(input, Vec::new(), 80, Arc::new(AtomicBool::new(false)));
        let mut records = Vec::new();
        let result = script.run(
            &mut session,
            &mut records,
            &mut Schedule::new(Calendar::default()),
            &Interviewer::offline(),
        );
        let stopped = session.outcome().stopped;
        (result, records, String::from_utf8(script.out).unwrap(), stopped)
    }

    #[test]
    fn answer_lines_end_at_a_dot_then_a_grade() {
        let (result, records, out, stopped) = run(2, "first line\r\n\nsecond\n.\n\n3\n");
        result.unwrap();
        assert!(
            matches!(&records[..], [Record::Attempt(a)] if a.answer == "first line\n\nsecond" && a.grade == Grade::Good)
        );
        assert_eq!(stopped, Some(Stop::EndOfInput));
        assert!(out.contains("Answer (end with a line holding only a dot):"), "{out}");
    }

    #[test]
    fn a_bad_grade_names_its_line() {
        let (result, ..) = run(1, ".\ngoood\n");
        let error = result.unwrap_err().to_string();
        assert!(error.starts_with("stdin line 2: 'goood' is not a grade (did you mean 'good'?)"), "{error}");
    }

    #[test]
    fn input_ending_before_the_grade_or_the_dot_keeps_the_answer_as_a_draft() {
        let (_, records, _, stopped) = run(1, "half an answer\n.\n");
        assert!(matches!(&records[..], [Record::Draft(d)] if d.answer == "half an answer"));
        assert_eq!(stopped, Some(Stop::EndOfInput));
        let (_, records, ..) = run(1, "never finished\n");
        assert!(matches!(&records[..], [Record::Draft(d)] if d.answer == "never finished"));
        let (_, records, ..) = run(1, "");
        assert!(records.is_empty(), "nothing typed, nothing saved");
    }
}
