//! Practice: timed sessions, self-grades, the attempt history and spaced repetition.

pub mod grade;
pub mod history;
pub mod mock;
pub mod notes;
pub mod schedule;
pub mod script;
pub mod session;
pub mod stats;
pub mod terminal;
pub mod time;
pub mod typing;

use crate::error::Result;
use history::History;

use std::io::IsTerminal;
use std::time::Duration;

use crate::error::Error;
use crate::loader::guide::Guide;
use crate::model::Round;
use crate::sys::signals::Watch;
use schedule::Schedule;
use session::{AfterReveal, Answer, Item, Outcome, Session};
use time::TimeLimit;

/// The answer time when the guide has none for a round: seed 001's simulator uses 3 minutes.
pub const DEFAULT_ANSWER_SECONDS: u32 = 180;

/// The time limit for one answer in `round`; None means untimed.
pub fn answer_limit(limit: TimeLimit, round: Round, guide: &Guide) -> Option<Duration> {
    let seconds = match limit {
        TimeLimit::Untimed => return None,
        TimeLimit::Seconds(seconds) => seconds,
        TimeLimit::RoundDefault => guide.round(round).map_or(DEFAULT_ANSWER_SECONDS, |r| r.answer_seconds),
    };
    Some(Duration::from_secs(seconds.into()))
}

/// The built-in guide, for each round's answer time.
pub fn guide() -> Result<Guide> {
    Guide::builtin().map_err(Error::user)
}

/// Runs a session in the terminal when stdin and stdout are both one, else by the scripted
/// protocol on stdin.
pub fn run(session: &Session, history: &mut History, schedule: &mut Schedule) -> Result<Outcome> {
    history.prepare()?;
    let width = crate::render::Output::stdout().wrap_width();
    // Signals stop the session between keys or lines; what was graded is kept and reported.
    let watch = Watch::start().map_err(|e| Error::io("cannot handle signals", e))?;
    let signalled = watch.flag();
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        let mut driver = terminal::Terminal::new(width, signalled);
        session.run(&mut driver, history, schedule, &InstantFeedback)
    } else {
        let mut driver = script::Script::new(std::io::stdin(), std::io::stdout().lock(), width, signalled);
        session.run(&mut driver, history, schedule, &InstantFeedback)
    }
}

/// The answer analyser's report after the reveal, judged against the answer's time limit.
pub struct InstantFeedback;

impl AfterReveal for InstantFeedback {
    fn after_reveal(&self, item: &Item, answer: &Answer, width: usize) -> Option<String> {
        let feedback = crate::feedback::analyse(item.question, &answer.text, item.limit);
        Some(crate::render::feedback::after_reveal(&feedback, width))
    }
}
