//! The scripted protocol, for stdin that is not a terminal: per question, the answer as
//! lines ended by a line holding only `.`, then one grade line.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::practice::grade::Choice;
use crate::practice::session::{Answer, Asked, Driver, Graded, Stop};
use crate::render::{practice as view, style};
use crate::text::suggest;

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

impl<W: Write> Driver for Script<W> {
    fn width(&self) -> usize {
        self.width
    }

    fn show(&mut self, text: &str) -> Result<()> {
        self.write(text)
    }

    fn answer(&mut self, prompt: &str, limit: Option<Duration>) -> Result<Asked> {
        self.write(prompt)?;
        self.write(&format!("{}\n", style::dim("Answer (end with a line holding only a dot):")))?;
        let started = Instant::now();
        let mut lines = Vec::new();
        loop {
            match self.next_line()? {
                Line::End => return Ok(Asked::Stopped(Stop::EndOfInput)),
                Line::Interrupted => return Ok(Asked::Stopped(Stop::Interrupted)),
                Line::Text(line) if line == END_OF_ANSWER => break,
                Line::Text(line) => lines.push(line),
            }
        }
        let elapsed = started.elapsed();
        let timed_out = limit.is_some_and(|limit| elapsed > limit);
        Ok(Asked::Answered(Answer { text: lines.join("\n").trim_end().to_string(), elapsed, timed_out }))
    }

    fn grade(&mut self) -> Result<Graded> {
        self.write(&format!("{}\n", view::grade_prompt()))?;
        loop {
            let line = match self.next_line()? {
                Line::Text(line) => line,
                Line::End => return Ok(Graded::Stopped(Stop::EndOfInput)),
                Line::Interrupted => return Ok(Graded::Stopped(Stop::Interrupted)),
            };
            if line.trim().is_empty() {
                continue;
            }
            return match Choice::parse(&line) {
                Some(choice) => Ok(Graded::Chose(choice)),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::grade::Grade;

    fn script(input: &str) -> Script<Vec<u8>> {
        let input = std::io::Cursor::new(input.as_bytes().to_vec());
        Script::new(input, Vec::new(), 80, Arc::new(AtomicBool::new(false)))
    }

    #[test]
    fn answer_lines_end_at_a_dot_then_a_grade() {
        let mut s = script("first line\r\n\nsecond\n.\n\n3\n");
        let Asked::Answered(answer) = s.answer("Q?\n", None).unwrap() else { panic!() };
        assert_eq!(answer.text, "first line\n\nsecond");
        assert!(!answer.timed_out);
        assert_eq!(s.grade().unwrap(), Graded::Chose(Choice::Grade(Grade::Good)));
        assert_eq!(s.answer("Q?\n", None).unwrap(), Asked::Stopped(Stop::EndOfInput));
        assert!(String::from_utf8(s.out).unwrap().starts_with("Q?\n"));
    }

    #[test]
    fn a_bad_grade_names_its_line() {
        let mut s = script(".\ngoood\n");
        s.answer("Q?\n", None).unwrap();
        let error = s.grade().unwrap_err().to_string();
        assert!(error.starts_with("stdin line 2: 'goood' is not a grade (did you mean 'good'?)"), "{error}");
    }

    #[test]
    fn input_ending_before_the_grade_stops_the_session() {
        let mut s = script("half an answer\n.\n");
        assert!(matches!(s.answer("Q?\n", None).unwrap(), Asked::Answered(_)));
        assert_eq!(s.grade().unwrap(), Graded::Stopped(Stop::EndOfInput));
        let mut s = script("never finished\n");
        assert_eq!(s.answer("Q?\n", None).unwrap(), Asked::Stopped(Stop::EndOfInput));
    }
}
