//! The scripted protocol, for stdin that is not a terminal: per question, the answer as
//! lines ended by a line holding only `.`, then one grade line.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::practice::grade::Choice;
use crate::practice::session::{Answer, Asked, Driver, Graded, Stop};
use crate::render::{practice as view, style};
use crate::suggest;

/// The line that ends a typed answer.
pub const END_OF_ANSWER: &str = ".";

/// Reads answers and grades from `input`, writes prompts and reveals to `out`.
pub struct Script<R, W> {
    input: R,
    out: W,
    line: usize,
    width: usize,
}

impl<R: BufRead, W: Write> Script<R, W> {
    pub fn new(input: R, out: W, width: usize) -> Script<R, W> {
        Script { input, out, line: 0, width }
    }

    /// The next line without its line ending; None at the end of input.
    fn next_line(&mut self) -> Result<Option<String>> {
        let mut bytes = Vec::new();
        let read = self.input.read_until(b'\n', &mut bytes).map_err(|e| Error::io("cannot read stdin", e))?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        let text = String::from_utf8_lossy(&bytes);
        Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()))
    }

    fn write(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }
}

impl<R: BufRead, W: Write> Driver for Script<R, W> {
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
                None => return Ok(Asked::Stopped(Stop::EndOfInput)),
                Some(line) if line == END_OF_ANSWER => break,
                Some(line) => lines.push(line),
            }
        }
        let elapsed = started.elapsed();
        let timed_out = limit.is_some_and(|limit| elapsed > limit);
        Ok(Asked::Answered(Answer { text: lines.join("\n").trim_end().to_string(), elapsed, timed_out }))
    }

    fn grade(&mut self) -> Result<Graded> {
        self.write(&format!("{}\n", view::grade_prompt()))?;
        loop {
            let Some(line) = self.next_line()? else {
                return Ok(Graded::Stopped(Stop::EndOfInput));
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

    fn script(input: &str) -> Script<&[u8], Vec<u8>> {
        Script::new(input.as_bytes(), Vec::new(), 80)
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
