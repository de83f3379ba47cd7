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
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::feedback::Verdict;
use crate::judge::{
    FollowUpReply, Judge, Judgement, Offline, Submission, follow_up_or_fallback, judge_or_fallback,
};
use crate::model::Question;
use crate::practice::history::History;
use crate::practice::history::{FollowUp, JudgeNote};
use crate::practice::schedule::Schedule;
use crate::practice::session::{Answer, Session};
use crate::render::Output;
use crate::sys::signals::Watch;

/// Who reads the answers, and how many follow-ups they ask after each.
#[derive(Clone)]
pub struct Interviewer {
    pub judge: Arc<dyn Judge>,
    /// Follow-ups after each answer: 0 asks none.
    pub follow_ups: usize,
    /// The time for each follow-up's reply; None: untimed.
    pub follow_up_limit: Option<Duration>,
}

impl Interviewer {
    /// The offline analyser, asking no follow-ups: practice as it was before judges.
    pub fn offline() -> Interviewer {
        Interviewer { judge: Arc::new(Offline), follow_ups: 0, follow_up_limit: None }
    }

    /// True when no model is involved: answers are judged at once, on this machine.
    pub fn is_offline(&self) -> bool {
        self.judge.is_offline()
    }
}

/// A question for the interviewer, with everything it needs, owned: it may run on a thread of
/// its own while the screen keeps drawing.
pub enum Request {
    FollowUp { question: Question, answer: String, asked: Vec<String> },
    Judge { question: Question, answer: String, follow_ups: Vec<FollowUpReply>, limit: Option<Duration> },
}

/// The interviewer's reply; a model that failed has been replaced by the offline analyser.
pub enum Reply {
    /// The follow-up (None: none left to ask), and why the model did not ask it, if it did not.
    FollowUp(Option<String>, Option<String>),
    Judged(Box<Judgement>),
    /// The thread the request ran on ended without a reply (it panicked).
    Lost,
}

impl Request {
    /// What `answer` asks of the interviewer next, after `asked` follow-ups: another follow-up
    /// or the judgement.
    pub fn next(
        question: &Question,
        answer: &Answer,
        limit: Option<Duration>,
        interviewer: &Interviewer,
    ) -> Request {
        if answer.follow_ups.len() < interviewer.follow_ups {
            let asked = answer.follow_ups.iter().map(|f| f.question.clone()).collect();
            return Request::FollowUp { question: question.clone(), answer: answer.text.clone(), asked };
        }
        Request::judge(question, answer, limit)
    }

    /// The judgement of `answer` and the follow-ups it has.
    pub fn judge(question: &Question, answer: &Answer, limit: Option<Duration>) -> Request {
        Request::Judge {
            question: question.clone(),
            answer: answer.text.clone(),
            follow_ups: replies(answer),
            limit,
        }
    }

    pub fn run(self, judge: &dyn Judge) -> Reply {
        match self {
            Request::FollowUp { question, answer, asked } => {
                // An answer given aloud gives a model nothing to probe: the bank's follow-ups do.
                let judge: &dyn Judge = if answer.trim().is_empty() { &Offline } else { judge };
                let (follow_up, why) = follow_up_or_fallback(judge, &question, &answer, &asked);
                Reply::FollowUp(follow_up, why)
            }
            Request::Judge { question, answer, follow_ups, limit } => {
                let submission =
                    Submission { question: &question, answer: &answer, follow_ups: &follow_ups, limit };
                Reply::Judged(Box::new(judge_or_fallback(judge, &submission)))
            }
        }
    }
}

/// The judgement of `answer` as it stands, on this thread.
pub fn judge_answer(
    interviewer: &Interviewer,
    question: &Question,
    answer: &Answer,
    limit: Option<Duration>,
) -> Judgement {
    let follow_ups = replies(answer);
    let submission = Submission { question, answer: &answer.text, follow_ups: &follow_ups, limit };
    judge_or_fallback(interviewer.judge.as_ref(), &submission)
}

fn replies(answer: &Answer) -> Vec<FollowUpReply> {
    answer
        .follow_ups
        .iter()
        .map(|f| FollowUpReply { question: f.question.clone(), answer: f.answer.clone() })
        .collect()
}

/// What the history keeps of a judgement: who gave it, the verdict, and why a model did not.
pub fn judge_note(judgement: &Judgement) -> JudgeNote {
    let verdict = match judgement.verdict {
        Verdict::Strong => "strong",
        Verdict::Borderline => "borderline",
        Verdict::Weak => "weak",
    };
    let by = if judgement.fallback.is_some() { Offline.name() } else { judgement.judge.clone() };
    JudgeNote { by, verdict: verdict.to_string(), fallback: judgement.fallback.clone() }
}

/// A follow-up asked and its reply.
pub fn follow_up(question: String, answer: &Answer, limit: Option<Duration>) -> FollowUp {
    FollowUp {
        question,
        answer: answer.text.clone(),
        duration_ms: u64::try_from(answer.elapsed.as_millis()).unwrap_or(u64::MAX),
        limit_s: limit.map(|l| u32::try_from(l.as_secs()).unwrap_or(u32::MAX)),
        timed_out: answer.timed_out,
    }
}

/// Runs `session` to its end or until it is stopped; its outcome is then in the session.
pub fn run(
    session: &mut Session,
    history: &mut History,
    schedule: &mut Schedule,
    interviewer: &Interviewer,
) -> Result<()> {
    history.prepare()?;
    // Signals stop the session between keys or lines; what was typed or graded is kept.
    let watch = Watch::start().map_err(|e| Error::io("cannot handle signals", e))?;
    let signalled = watch.flag();
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        let mut deps = app::Deps { recorder: history, schedule, interviewer };
        terminal::run(session, &mut deps, &signalled)
    } else {
        let width = Output::stdout().wrap_width();
        let mut script = script::Script::new(std::io::stdin(), std::io::stdout().lock(), width, signalled);
        script.run(session, history, schedule, interviewer)
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
        let answer =
            Answer { text: answer.to_string(), elapsed: Duration::from_secs(60), ..Answer::default() };
        let judgement = Some(judge_answer(&Interviewer::offline(), question, &answer, limit));
        app::Screen::Reveal(Box::new(app::Revealed { answer, judgement, tab, scroll: 0, keys_from: now }))
    };
    let screen = match screen {
        "reveal: answers" => app_screen(app::Tab::Answers),
        "reveal: rubric" => app_screen(app::Tab::Rubric),
        "reveal: feedback" => app_screen(app::Tab::Feedback),
        _ => app::Screen::Answer(Box::new(app::Answering {
            editor: app::editor(answer),
            started: now,
            limit,
            follow_up: None,
            keys_from: now,
            question_scroll: 0,
        })),
    };
    let app = app::App {
        screen,
        help: false,
        last: None,
        notice: None,
        previous_round: None,
        pending: None,
        offline: true,
    };
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
