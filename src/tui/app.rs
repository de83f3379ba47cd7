//! The full-screen app's state, in one struct, and the only way it changes: `update`, one event
//! at a time. The view draws it; the event loop (terminal.rs) feeds it.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::error::Result;
use crate::judge::{Judgement, Offline};
use crate::model::Round;
use crate::practice::grade::{Choice, Grade};
use crate::practice::history::Mode;
use crate::practice::schedule::Schedule;
use crate::practice::session::{Answer, Graded, Recorder, Session, Stop};
use crate::sys::clock;
use crate::tui::{Interviewer, Reply, Request, follow_up, judge_answer, judge_note};

/// Keys typed after time runs out are ignored for this long, so that a word being typed at
/// 0:00 can never become a grade, a skip or a quit.
pub const KEY_GUARD: Duration = Duration::from_secs(1);

/// What the app is showing.
pub enum Screen {
    /// A mock's plan: its rounds, questions and time.
    Plan,
    /// Between questions: what the last grade did, and the next question's round and time.
    Ready,
    Answer(Box<Answering>),
    /// The interviewer (a model) is thinking of a follow-up or judging the answer.
    Waiting(Box<Waiting>),
    Reveal(Box<Revealed>),
}

/// The clock is running and the candidate is typing: the answer, or a follow-up's reply.
pub struct Answering {
    pub editor: TextArea<'static>,
    pub started: Instant,
    /// This answer's time; None: untimed.
    pub limit: Option<Duration>,
    /// The follow-up being answered, with its number from 1; None for the question itself.
    pub follow_up: Option<(usize, String)>,
    /// Keys are ignored until then: a second after the previous answer's time ran out.
    pub keys_from: Instant,
    /// How far the question text is scrolled, when it is longer than its box.
    pub question_scroll: u16,
}

impl Answering {
    /// An editor holding `text`, its clock started at `now`, keys taken from `keys_from`.
    fn new(
        text: &str,
        now: Instant,
        limit: Option<Duration>,
        follow_up: Option<(usize, String)>,
        keys_from: Instant,
    ) -> Self {
        Answering { editor: editor(text), started: now, limit, follow_up, keys_from, question_scroll: 0 }
    }
}

/// The answer so far, while the interviewer works on it.
pub struct Waiting {
    pub answer: Answer,
    /// What was asked of the interviewer; taken by the event loop, which runs it on a thread.
    pub request: Option<Request>,
    pub judging: bool,
    pub since: Instant,
    /// Keys are ignored until then, as on the reveal.
    pub keys_from: Instant,
}

/// The answer beside the sample, with the rubric and the judgement, waiting for a grade.
pub struct Revealed {
    pub answer: Answer,
    /// None when nothing was typed: there is nothing to judge.
    pub judgement: Option<Judgement>,
    pub tab: Tab,
    pub scroll: u16,
    /// Keys are ignored until then (a second after time ran out).
    pub keys_from: Instant,
}

/// The parts of the reveal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Answers,
    Rubric,
    Feedback,
    FollowUps,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Answers, Tab::Rubric, Tab::Feedback, Tab::FollowUps];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Answers => "Answers",
            Tab::Rubric => "Rubric",
            Tab::Feedback => "Feedback",
            Tab::FollowUps => "Follow-ups",
        }
    }

    fn step(self, by: isize) -> Tab {
        let at = Tab::ALL.iter().position(|&t| t == self).unwrap_or(0) as isize;
        Tab::ALL[(at + by).rem_euclid(Tab::ALL.len() as isize) as usize]
    }
}

/// What the last grade did: shown on the next screen, where `u` takes it back.
#[derive(Clone, Debug, PartialEq)]
pub struct LastGrade {
    pub id: u64,
    pub grade: Grade,
    pub due: Option<DateTime<Utc>>,
}

/// An event, as the app sees it.
#[derive(Clone, Debug)]
pub enum Event {
    Key(KeyEvent),
    /// A bracketed paste: the text with its line breaks.
    Paste(String),
    /// Time passes: the clock is checked, the screen redrawn.
    Tick,
    /// SIGINT, SIGTERM, SIGQUIT or SIGHUP.
    Signal,
}

/// What the event loop must do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    /// Drop the keys already waiting: they were typed before the screen changed.
    DropPendingKeys,
    /// Leave the full screen and open the answer in `$VISUAL`/`$EDITOR`.
    OpenEditor,
    /// The session is over (done or stopped); restore the terminal.
    Exit,
}

/// Everything the screen shows, and nothing else.
pub struct App {
    pub screen: Screen,
    pub help: bool,
    pub last: Option<LastGrade>,
    /// A one-line message for the next screen (an editor that failed, nothing to undo).
    pub notice: Option<String>,
    /// The round of the question asked before the current one: a mock pauses between rounds.
    pub previous_round: Option<Round>,
    /// The answer to the question, while a follow-up to it is being answered.
    pub pending: Option<Answer>,
    /// No model is configured: the offline analyser judges, its report in its own shape.
    pub offline: bool,
}

/// What an update may change besides the app: the session, where its records go, and the
/// schedule they move.
pub struct Deps<'d> {
    pub recorder: &'d mut dyn Recorder,
    pub schedule: &'d mut Schedule,
    pub interviewer: &'d Interviewer,
}

impl App {
    pub fn new(session: &Session, offline: bool) -> App {
        let screen = if session.mode() == Mode::Mock { Screen::Plan } else { Screen::Ready };
        App { screen, help: false, last: None, notice: None, previous_round: None, pending: None, offline }
    }

    /// Applies one event at `now`.
    pub fn update(
        &mut self,
        event: Event,
        now: Instant,
        session: &mut Session,
        deps: &mut Deps,
    ) -> Result<Control> {
        if let Event::Signal = event {
            let unsaved = self.unsaved_answer(now);
            session.stop(Stop::Interrupted, unsaved.as_ref(), deps.recorder)?;
            return Ok(Control::Exit);
        }
        if let Event::Key(key) = &event {
            if key.kind == KeyEventKind::Release {
                return Ok(Control::Continue);
            }
            if is_ctrl(key, 'c') {
                let unsaved = self.unsaved_answer(now);
                session.stop(Stop::Interrupted, unsaved.as_ref(), deps.recorder)?;
                return Ok(Control::Exit);
            }
            if self.help {
                self.help = false;
                return Ok(Control::Continue);
            }
        }
        match &mut self.screen {
            Screen::Plan => self.on_plan(&event, session, deps),
            Screen::Ready => self.on_ready(&event, now, session, deps),
            Screen::Answer(_) => Ok(self.on_answer(event, now, session, deps)),
            Screen::Waiting(_) => Ok(self.on_waiting(&event, now, session, deps)),
            Screen::Reveal(_) => self.on_reveal(&event, now, session, deps),
        }
    }

    fn on_plan(&mut self, event: &Event, session: &mut Session, deps: &mut Deps) -> Result<Control> {
        let Event::Key(key) = event else { return Ok(Control::Continue) };
        match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => self.screen = Screen::Ready,
            KeyCode::Char('q') | KeyCode::Esc => {
                session.stop(Stop::Quit, None, deps.recorder)?;
                return Ok(Control::Exit);
            }
            KeyCode::Char('?') => self.help = true,
            _ => {}
        }
        Ok(Control::Continue)
    }

    fn on_ready(
        &mut self,
        event: &Event,
        now: Instant,
        session: &mut Session,
        deps: &mut Deps,
    ) -> Result<Control> {
        let Event::Key(key) = event else { return Ok(Control::Continue) };
        match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => {
                let Some((_, item)) = session.current() else { return Ok(Control::Exit) };
                let draft = item.draft.clone().unwrap_or_default();
                let limit = item.limit;
                session.show(clock::now());
                self.notice = None;
                self.pending = None;
                self.screen = Screen::Answer(Box::new(Answering::new(&draft, now, limit, None, now)));
            }
            KeyCode::Char('u') => match session.undo(deps.recorder, deps.schedule, clock::now())? {
                Some(answer) => {
                    self.last = None;
                    let judgement =
                        session.current().filter(|_| !answer.text.trim().is_empty()).map(|(_, item)| {
                            judge_answer(&Interviewer::offline(), item.question, &answer, item.limit)
                        });
                    self.reveal(answer, judgement, now);
                }
                None => self.notice = Some("nothing to undo in this session".to_string()),
            },
            KeyCode::Char('s') => {
                let empty = Answer::default();
                self.remember_round(session);
                session.grade(&empty, Choice::Skip, deps.recorder, deps.schedule)?;
                self.last = None;
                if session.current().is_none() {
                    return Ok(Control::Exit);
                }
            }
            KeyCode::Char('q') | KeyCode::Esc => {
                session.stop(Stop::Quit, None, deps.recorder)?;
                return Ok(Control::Exit);
            }
            KeyCode::Char('?') => self.help = true,
            _ => {}
        }
        Ok(Control::Continue)
    }

    fn on_answer(&mut self, event: Event, now: Instant, session: &mut Session, deps: &Deps) -> Control {
        let Screen::Answer(answering) = &mut self.screen else { return Control::Continue };
        let elapsed = now.saturating_duration_since(answering.started);
        if let Some(limit) = answering.limit.filter(|&limit| elapsed >= limit) {
            let answer = answer_of(answering, limit, true);
            self.answered(answer, now, session, deps, KEY_GUARD);
            return Control::DropPendingKeys;
        }
        if now < answering.keys_from && matches!(event, Event::Key(_) | Event::Paste(_)) {
            return Control::Continue;
        }
        match event {
            Event::Key(key) if is_ctrl(&key, 'd') => {
                let answer = answer_of(answering, elapsed, false);
                self.answered(answer, now, session, deps, Duration::ZERO);
                return Control::DropPendingKeys;
            }
            Event::Key(key) if is_ctrl(&key, 'e') => return Control::OpenEditor,
            // Ctrl-J is a line feed, a new line in every shell; the editor would delete with it.
            Event::Key(key) if is_ctrl(&key, 'j') => answering.editor.insert_newline(),
            Event::Key(key) if key.code == KeyCode::PageUp => {
                answering.question_scroll = answering.question_scroll.saturating_sub(3);
            }
            Event::Key(key) if key.code == KeyCode::PageDown => {
                answering.question_scroll = answering.question_scroll.saturating_add(3);
            }
            Event::Key(key) => {
                answering.editor.input(key);
            }
            Event::Paste(text) => {
                answering.editor.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Event::Tick | Event::Signal => {}
        }
        Control::Continue
    }

    /// An answer or a follow-up's reply is in: ask the next follow-up, or judge and reveal.
    /// `guard` is how long keys are then ignored (a second when time ran out).
    fn answered(&mut self, typed: Answer, now: Instant, session: &Session, deps: &Deps, guard: Duration) {
        let answer = match (&self.screen, self.pending.take()) {
            (Screen::Answer(answering), Some(mut main)) => {
                let (_, question) = answering.follow_up.clone().unwrap_or_default();
                main.follow_ups.push(follow_up(question, &typed, answering.limit));
                main
            }
            _ => typed,
        };
        let Some((_, item)) = session.current() else { return };
        let request = Request::next(item.question, &answer, item.limit, deps.interviewer);
        self.ask(answer, request, now, session, deps, now + guard);
    }

    /// Puts `request` to the interviewer: at once when it is the offline analyser, else on the
    /// event loop's thread while the waiting screen shows.
    fn ask(
        &mut self,
        answer: Answer,
        request: Request,
        now: Instant,
        session: &Session,
        deps: &Deps,
        keys_from: Instant,
    ) {
        if deps.interviewer.is_offline() {
            let reply = request.run(&Offline);
            self.replied_to(answer, reply, now, session, deps, keys_from);
        } else {
            let judging = matches!(request, Request::Judge { .. });
            self.screen = Screen::Waiting(Box::new(Waiting {
                answer,
                request: Some(request),
                judging,
                since: now,
                keys_from,
            }));
        }
    }

    /// The interviewer's reply, from the thread the event loop ran the request on.
    pub fn replied(&mut self, reply: Reply, now: Instant, session: &Session, deps: &Deps) {
        let Screen::Waiting(waiting) = std::mem::replace(&mut self.screen, Screen::Ready) else { return };
        let keys_from = waiting.keys_from.max(now);
        self.replied_to(waiting.answer, reply, now, session, deps, keys_from);
    }

    fn replied_to(
        &mut self,
        mut answer: Answer,
        reply: Reply,
        now: Instant,
        session: &Session,
        deps: &Deps,
        keys_from: Instant,
    ) {
        let Some((_, item)) = session.current() else { return };
        match reply {
            Reply::FollowUp(Some(question), why) => {
                self.notice = why.map(|why| format!("{why}; a follow-up from the bank instead"));
                let number = answer.follow_ups.len() + 1;
                self.pending = Some(answer);
                let limit = deps.interviewer.follow_up_limit;
                let answering = Answering::new("", now, limit, Some((number, question)), keys_from);
                self.screen = Screen::Answer(Box::new(answering));
            }
            // No follow-up left to ask: the same interviewer judges what there is.
            Reply::FollowUp(None, _) => {
                let request = Request::judge(item.question, &answer, item.limit);
                self.ask(answer, request, now, session, deps, keys_from);
            }
            Reply::Lost => {
                let mut judgement = judge_answer(&Interviewer::offline(), item.question, &answer, item.limit);
                judgement.fallback = Some("the interviewer stopped unexpectedly".to_string());
                answer.judge = Some(judge_note(&judgement));
                self.reveal(answer, Some(judgement), keys_from);
            }
            Reply::Judged(judgement) => {
                let judgement = (!answer.text.trim().is_empty()).then_some(*judgement);
                if let Some(judgement) = &judgement {
                    answer.judge = Some(judge_note(judgement));
                }
                self.reveal(answer, judgement, keys_from);
            }
        }
    }

    /// While the interviewer works: Esc goes on without the model, with the offline analyser.
    fn on_waiting(&mut self, event: &Event, now: Instant, session: &Session, deps: &Deps) -> Control {
        let Screen::Waiting(waiting) = &self.screen else { return Control::Continue };
        let Event::Key(key) = event else { return Control::Continue };
        if now < waiting.keys_from || key.code != KeyCode::Esc {
            return Control::Continue;
        }
        let Some((_, item)) = session.current() else { return Control::Continue };
        let reply =
            match Request::next(item.question, &waiting.answer, item.limit, deps.interviewer).run(&Offline) {
                Reply::Judged(mut judgement) => {
                    judgement.fallback = Some("you went on without the model (Esc)".to_string());
                    Reply::Judged(judgement)
                }
                other => other,
            };
        self.replied(reply, now, session, deps);
        Control::DropPendingKeys
    }

    /// The request the event loop should run, once: the interviewer's work for the answer.
    pub fn take_request(&mut self) -> Option<Request> {
        match &mut self.screen {
            Screen::Waiting(waiting) => waiting.request.take(),
            _ => None,
        }
    }

    pub fn is_waiting(&self) -> bool {
        matches!(self.screen, Screen::Waiting(_))
    }

    fn on_reveal(
        &mut self,
        event: &Event,
        now: Instant,
        session: &mut Session,
        deps: &mut Deps,
    ) -> Result<Control> {
        let Screen::Reveal(revealed) = &mut self.screen else { return Ok(Control::Continue) };
        let Event::Key(key) = event else { return Ok(Control::Continue) };
        if now < revealed.keys_from {
            return Ok(Control::Continue);
        }
        let choice = match key.code {
            KeyCode::Char(c @ '1'..='4') => Choice::parse(&c.to_string()),
            KeyCode::Char('s') => Some(Choice::Skip),
            KeyCode::Char('q') => Some(Choice::Quit),
            KeyCode::Char('?') => {
                self.help = true;
                None
            }
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => {
                revealed.tab = revealed.tab.step(1);
                revealed.scroll = 0;
                None
            }
            KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => {
                revealed.tab = revealed.tab.step(-1);
                revealed.scroll = 0;
                None
            }
            KeyCode::Down | KeyCode::Char('j') => {
                revealed.scroll = revealed.scroll.saturating_add(1);
                None
            }
            KeyCode::Up | KeyCode::Char('k') => {
                revealed.scroll = revealed.scroll.saturating_sub(1);
                None
            }
            KeyCode::PageDown | KeyCode::Char(' ') => {
                revealed.scroll = revealed.scroll.saturating_add(10);
                None
            }
            KeyCode::End | KeyCode::Char('G') => {
                revealed.scroll = u16::MAX;
                None
            }
            KeyCode::PageUp => {
                revealed.scroll = revealed.scroll.saturating_sub(10);
                None
            }
            KeyCode::Home | KeyCode::Char('g') => {
                revealed.scroll = 0;
                None
            }
            _ => None,
        };
        let Some(choice) = choice else { return Ok(Control::Continue) };
        let answer = revealed.answer.clone();
        self.remember_round(session);
        match session.grade(&answer, choice, deps.recorder, deps.schedule)? {
            Graded::Recorded(attempt) => {
                self.last = Some(LastGrade {
                    id: attempt.id,
                    grade: attempt.grade,
                    due: deps.schedule.due(attempt.id),
                });
            }
            Graded::Skipped => self.last = None,
            Graded::Stopped => return Ok(Control::Exit),
        }
        self.screen = Screen::Ready;
        Ok(if session.current().is_some() { Control::Continue } else { Control::Exit })
    }

    /// Keeps scrolling within what the last frame could show: the view stops at the end of the
    /// text for the size it drew at, and a key pressed before a resize arrived scrolls as far as
    /// the new size allows.
    pub fn clamp_scroll(&mut self, limit: u16) {
        match &mut self.screen {
            Screen::Answer(answering) => answering.question_scroll = answering.question_scroll.min(limit),
            Screen::Reveal(revealed) => revealed.scroll = revealed.scroll.min(limit),
            Screen::Plan | Screen::Ready | Screen::Waiting(_) => {}
        }
    }

    /// The text the editor came back with from `$VISUAL`/`$EDITOR`, or why it did not.
    pub fn edited(&mut self, result: std::result::Result<String, String>) {
        let Screen::Answer(answering) = &mut self.screen else { return };
        match result {
            Ok(text) => answering.editor = editor(text.trim_end_matches('\n')),
            Err(why) => self.notice = Some(why),
        }
    }

    /// The answer being typed, for the editor or for a stop.
    pub fn answer_text(&self) -> Option<String> {
        match &self.screen {
            Screen::Answer(answering) => Some(answering.editor.lines().join("\n")),
            _ => None,
        }
    }

    /// An answer typed (or revealed) but not graded: what a stop saves as a draft, with the
    /// follow-ups answered so far.
    fn unsaved_answer(&self, now: Instant) -> Option<Answer> {
        match &self.screen {
            Screen::Answer(answering) => {
                let typed = answer_of(answering, now.saturating_duration_since(answering.started), false);
                match (&self.pending, &answering.follow_up) {
                    (Some(main), Some((_, question))) => {
                        let mut main = main.clone();
                        main.follow_ups.push(follow_up(question.clone(), &typed, answering.limit));
                        Some(main)
                    }
                    _ => Some(typed),
                }
            }
            Screen::Waiting(waiting) => Some(waiting.answer.clone()),
            Screen::Reveal(revealed) => Some(revealed.answer.clone()),
            Screen::Plan | Screen::Ready => None,
        }
    }

    fn reveal(&mut self, answer: Answer, judgement: Option<Judgement>, keys_from: Instant) {
        self.pending = None;
        self.screen =
            Screen::Reveal(Box::new(Revealed { answer, judgement, tab: Tab::Answers, scroll: 0, keys_from }));
    }

    fn remember_round(&mut self, session: &Session) {
        self.previous_round = session.current().map(|(_, item)| item.question.round);
    }
}

/// The answer editor: soft-wrapped at words, with `text` in it and the cursor at its end, where
/// the candidate carries on.
pub fn editor(text: &str) -> TextArea<'static> {
    let lines = if text.is_empty() { Vec::new() } else { text.lines().map(String::from).collect() };
    let mut editor = TextArea::new(lines);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_placeholder_text("Type your answer; Enter starts a new line.");
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    editor
}

fn answer_of(answering: &Answering, elapsed: Duration, timed_out: bool) -> Answer {
    Answer {
        text: answering.editor.lines().join("\n").trim_end().to_string(),
        elapsed,
        timed_out,
        ..Answer::default()
    }
}

fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}
