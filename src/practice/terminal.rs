//! The interactive driver: raw key input and a live countdown, drawn with crossterm. The
//! terminal is restored on every way out: Enter, timeout, Ctrl-C, SIGTERM, an error.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, execute, queue, terminal};

use crate::error::{Error, Result};
use crate::practice::grade::Choice;
use crate::practice::session::{Answer, Asked, Driver, Graded, Stop};
use crate::practice::typing::{self, Edit, Editor, Key};
use crate::render::practice as view;

/// How often the countdown is redrawn while no key is pressed.
const TICK: Duration = Duration::from_millis(200);

/// Draws on stdout and reads keys from the terminal.
pub struct Terminal {
    width: usize,
    /// Set by SIGINT, SIGTERM, SIGQUIT or SIGHUP; polled between keys.
    signalled: Arc<AtomicBool>,
}

impl Terminal {
    pub fn new(width: usize, signalled: Arc<AtomicBool>) -> Terminal {
        Terminal { width, signalled }
    }

    fn signalled(&self) -> bool {
        self.signalled.load(Ordering::Relaxed)
    }

    /// The next key within `timeout`, or None.
    fn key(timeout: Duration) -> Result<Option<Key>> {
        let cannot = |e| Error::io("cannot read the terminal", e);
        if !event::poll(timeout).map_err(cannot)? {
            return Ok(None);
        }
        Ok(match event::read().map_err(cannot)? {
            Event::Key(key) if key.kind != KeyEventKind::Release => translate(key),
            Event::Paste(text) => Some(Key::Paste(text)),
            _ => None,
        })
    }

    fn collect(&self, limit: Option<Duration>, out: &mut io::Stdout) -> Result<Asked> {
        let started = Instant::now();
        let mut editor = Editor::default();
        let mut drawn_rows = 0;
        loop {
            let elapsed = started.elapsed();
            if self.signalled() {
                return Ok(Asked::Stopped(Stop::Interrupted));
            }
            let timed_out = limit.is_some_and(|limit| elapsed >= limit);
            let rows = typing::frame(&editor, elapsed.min(limit.unwrap_or(elapsed)), limit, self.width);
            drawn_rows = redraw(out, &rows, drawn_rows)?;
            if timed_out {
                return Ok(answered(&editor, elapsed, true));
            }
            let wait = limit.map_or(TICK, |limit| TICK.min(limit - elapsed));
            let Some(key) = Self::key(wait)? else { continue };
            match editor.apply(key) {
                Edit::Changed => {}
                Edit::Done => return Ok(answered(&editor, started.elapsed(), false)),
                Edit::Interrupt => return Ok(Asked::Stopped(Stop::Interrupted)),
            }
        }
    }
}

fn answered(editor: &Editor, elapsed: Duration, timed_out: bool) -> Asked {
    Asked::Answered(Answer { text: editor.text.trim().to_string(), elapsed, timed_out })
}

fn translate(key: KeyEvent) -> Option<Key> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Key::Interrupt,
        KeyCode::Char('w') if ctrl => Key::DeleteWord,
        KeyCode::Char('u') if ctrl => Key::Clear,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Enter => Key::Enter,
        _ => return None,
    })
}

/// Replaces the rows drawn last time (the cursor is on the last of them) with `rows`.
fn redraw(out: &mut io::Stdout, rows: &[String], drawn: usize) -> Result<usize> {
    let cannot = |e| Error::io("cannot write to the terminal", e);
    queue!(out, cursor::MoveToColumn(0)).map_err(cannot)?;
    if drawn > 1 {
        queue!(out, cursor::MoveUp(u16::try_from(drawn - 1).unwrap_or(u16::MAX))).map_err(cannot)?;
    }
    queue!(out, terminal::Clear(terminal::ClearType::FromCursorDown)).map_err(cannot)?;
    out.write_all(rows.join("\r\n").as_bytes()).map_err(cannot)?;
    out.flush().map_err(cannot)?;
    Ok(rows.len())
}

/// Raw mode and bracketed paste for as long as it lives.
struct Raw;

impl Raw {
    fn enter() -> Result<Raw> {
        terminal::enable_raw_mode().map_err(|e| Error::io("cannot set up the terminal", e))?;
        let _ = execute!(io::stdout(), event::EnableBracketedPaste);
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), event::DisableBracketedPaste, cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

impl Driver for Terminal {
    fn width(&self) -> usize {
        self.width
    }

    fn show(&mut self, text: &str) -> Result<()> {
        let mut out = io::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    fn answer(&mut self, prompt: &str, limit: Option<Duration>) -> Result<Asked> {
        if self.signalled() {
            return Ok(Asked::Stopped(Stop::Interrupted));
        }
        self.show(prompt)?;
        let mut out = io::stdout();
        let asked = {
            let _raw = Raw::enter()?;
            self.collect(limit, &mut out)
        };
        self.show("\n")?;
        asked
    }

    fn grade(&mut self) -> Result<Graded> {
        self.show(&view::grade_prompt())?;
        let chosen = {
            let _raw = Raw::enter()?;
            loop {
                if self.signalled() {
                    break Graded::Stopped(Stop::Interrupted);
                }
                match Self::key(TICK)? {
                    Some(Key::Interrupt) => break Graded::Stopped(Stop::Interrupted),
                    Some(Key::Char(c)) => {
                        if let Some(choice) = Choice::parse(&c.to_string()) {
                            break Graded::Chose(choice);
                        }
                    }
                    _ => {}
                }
            }
        };
        let echo = match chosen {
            Graded::Chose(Choice::Grade(grade)) => grade.name(),
            Graded::Chose(Choice::Skip) => "skip",
            Graded::Chose(Choice::Quit) => "quit",
            Graded::Stopped(_) => "",
        };
        self.show(&format!("{echo}\n"))?;
        Ok(chosen)
    }
}
