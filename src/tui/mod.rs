//! The two front ends of a practice or mock session: the full-screen app when stdin and stdout
//! are a terminal (state in app.rs, drawing in view.rs, the terminal and its events in
//! terminal.rs), and the scripted protocol otherwise (script.rs). Both step the same
//! practice::session state machine.

mod app;
#[cfg(test)]
mod golden;
pub mod script;
mod terminal;
mod view;

use std::io::IsTerminal;

use crate::error::{Error, Result};
use crate::practice::history::History;
use crate::practice::schedule::Schedule;
use crate::practice::session::Session;
use crate::render::Output;
use crate::sys::signals::Watch;

/// Runs `session` to its end or until it is stopped; its outcome is then in the session.
pub fn run(session: &mut Session, history: &mut History, schedule: &mut Schedule) -> Result<()> {
    history.prepare()?;
    // Signals stop the session between keys or lines; what was typed or graded is kept.
    let watch = Watch::start().map_err(|e| Error::io("cannot handle signals", e))?;
    let signalled = watch.flag();
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        let mut deps = app::Deps { recorder: history, schedule };
        terminal::run(session, &mut deps, &signalled)
    } else {
        let width = Output::stdout().wrap_width();
        let mut script = script::Script::new(std::io::stdin(), std::io::stdout().lock(), width, signalled);
        script.run(session, history, schedule)
    }
}

/// The screens `benches/frame.rs` times, by name.
pub const BENCHED_SCREENS: [&str; 4] = ["answer", "reveal: answers", "reveal: rubric", "reveal: feedback"];

/// How long one frame of `screen` (one of [`BENCHED_SCREENS`]) takes to draw at `width` x
/// `height` with `answer` typed for `question`: the median of `frames` draws on ratatui's test
/// backend. For `benches/frame.rs`; nothing else calls it.
#[doc(hidden)]
pub fn frame_time(
    question: &crate::model::Question,
    answer: &str,
    screen: &str,
    (width, height): (u16, u16),
    frames: usize,
) -> std::time::Duration {
    use std::time::{Duration, Instant};

    use crate::practice::session::{Answer, Item};
    let limit = Some(Duration::from_secs(180));
    let session =
        Session::new(vec![Item { question, limit, draft: None }], crate::practice::history::Mode::Practice);
    let now = Instant::now();
    let app_screen = |tab| {
        let answer = Answer { text: answer.to_string(), elapsed: Duration::from_secs(60), timed_out: false };
        let feedback = Some(crate::feedback::analyse(question, answer.text.as_str(), limit));
        app::Screen::Reveal(Box::new(app::Revealed { answer, feedback, tab, scroll: 0, keys_from: now }))
    };
    let screen = match screen {
        "reveal: answers" => app_screen(app::Tab::Answers),
        "reveal: rubric" => app_screen(app::Tab::Rubric),
        "reveal: feedback" => app_screen(app::Tab::Feedback),
        _ => app::Screen::Answer(Box::new(app::Answering {
            editor: app::editor(answer),
            started: now,
            question_scroll: 0,
        })),
    };
    let app = app::App { screen, help: false, last: None, notice: None, previous_round: None };
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("a test terminal");
    let mut times: Vec<Duration> = (0..frames.max(1))
        .map(|_| {
            let start = Instant::now();
            terminal
                .draw(|frame| {
                    view::view(&app, &session, now, frame);
                })
                .expect("a test terminal draws");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
