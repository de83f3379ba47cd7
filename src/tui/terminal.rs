//! The terminal for the full-screen app: the alternate screen, raw mode and bracketed paste
//! while it runs, restored on every way out (the session's end, an error, a signal, a panic);
//! and the event loop that feeds the app keys, pastes, ticks and signals.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event as Input};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::Reply;
use super::app::{App, Control, Deps, Event};
use super::view::view;
use crate::error::{Error, Result};
use crate::practice::session::Session;
use crate::sys::editor;

/// How often the screen is redrawn while nothing happens: the clock's resolution.
const TICK: Duration = Duration::from_millis(200);
/// How often the interviewer's reply is looked for while it works.
const WAITING_TICK: Duration = Duration::from_millis(50);

/// The alternate screen and raw mode, for as long as it lives.
struct Screen {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Screen {
    fn enter() -> Result<Screen> {
        install_panic_hook();
        let cannot = |e| Error::io("cannot set up the terminal", e);
        terminal::enable_raw_mode().map_err(cannot)?;
        if let Err(e) = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(cannot(e));
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Screen { terminal }),
            Err(e) => {
                restore();
                Err(cannot(e))
            }
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell left it. Safe to call twice.
fn restore() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = io::stdout().flush();
}

/// A panic restores the terminal before its message is printed, or the message would be lost
/// in the alternate screen and the shell left in raw mode.
fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Runs the app until the session is over. `signalled` is set by the stop signals.
pub fn run(session: &mut Session, deps: &mut Deps, signalled: &Arc<AtomicBool>) -> Result<()> {
    let mut app = App::new(session, deps.interviewer.is_offline());
    let mut screen = Screen::enter()?;
    // The interviewer's work runs on a thread of its own, so the screen keeps its clock and
    // Esc or Ctrl-C work while a model thinks; a reply nobody waits for any more is dropped.
    let mut in_flight: Option<Receiver<Reply>> = None;
    loop {
        if let Some(request) = app.take_request() {
            let judge = Arc::clone(&deps.interviewer.judge);
            let (send, receive) = mpsc::channel();
            std::thread::spawn(move || {
                let _ = send.send(request.run(judge.as_ref()));
            });
            in_flight = Some(receive);
        }
        if !app.is_waiting() {
            in_flight = None;
        }
        if let Some(receive) = &in_flight {
            let reply = match receive.try_recv() {
                Ok(reply) => Some(reply),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Reply::Lost),
            };
            if let Some(reply) = reply {
                in_flight = None;
                app.replied(reply, Instant::now(), session, deps);
                drop_pending_keys()?;
            }
        }
        let now = Instant::now();
        let mut scroll_limit = 0;
        screen
            .terminal
            .draw(|frame| scroll_limit = view(&app, session, now, frame))
            .map_err(|e| Error::io("cannot draw on the terminal", e))?;
        app.clamp_scroll(scroll_limit);
        let wait = if in_flight.is_some() { WAITING_TICK } else { TICK };
        let event = next_event(signalled, wait)?;
        match app.update(event, Instant::now(), session, deps)? {
            Control::Continue => {}
            Control::DropPendingKeys => drop_pending_keys()?,
            Control::OpenEditor => {
                let text = app.answer_text().unwrap_or_default();
                drop(screen);
                // While the editor runs the terminal's signals are its own (Ctrl-C in vim).
                let before = signalled.load(Ordering::Relaxed);
                let edited = edit(&text);
                signalled.store(before, Ordering::Relaxed);
                screen = Screen::enter()?;
                app.edited(edited);
            }
            Control::Exit => return Ok(()),
        }
    }
}

/// The next event, or a tick when none comes within `tick`.
fn next_event(signalled: &Arc<AtomicBool>, tick: Duration) -> Result<Event> {
    let cannot = |e| Error::io("cannot read the terminal", e);
    if signalled.load(Ordering::Relaxed) {
        return Ok(Event::Signal);
    }
    if !event::poll(tick).map_err(cannot)? {
        return Ok(Event::Tick);
    }
    Ok(match event::read().map_err(cannot)? {
        Input::Key(key) => Event::Key(key),
        Input::Paste(text) => Event::Paste(text),
        // A resize redraws for the new size, as every frame does.
        _ => Event::Tick,
    })
}

/// Drops whatever was typed before the screen changed: it was meant for the screen before.
fn drop_pending_keys() -> Result<()> {
    let cannot = |e| Error::io("cannot read the terminal", e);
    while event::poll(Duration::ZERO).map_err(cannot)? {
        event::read().map_err(cannot)?;
    }
    Ok(())
}

/// The answer through `$VISUAL`/`$EDITOR`, with the clock running meanwhile; the edited text,
/// or what went wrong, in words.
fn edit(text: &str) -> std::result::Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix("qbank-answer-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    std::fs::write(file.path(), text).map_err(|e| format!("cannot write the answer for the editor: {e}"))?;
    editor::run(&editor::command(), file.path()).map_err(|e| format!("{e}; your answer is as it was"))?;
    let bytes = crate::sys::fs::read_regular(file.path(), 8 << 20)
        .map_err(|e| format!("cannot read the edited answer: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
