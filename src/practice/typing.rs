//! The timed answer as pure state: the line being typed, the countdown bar, and the frame
//! that draws both, so that a redraw can never garble what was typed.

use std::time::Duration;

use unicode_width::UnicodeWidthChar;

use crate::render::style;
use crate::text::human;

/// A key as the answer editor understands it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Paste(String),
    Backspace,
    /// Ctrl-W.
    DeleteWord,
    /// Ctrl-U.
    Clear,
    Enter,
    /// Ctrl-C.
    Interrupt,
}

/// What a key did to the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Done,
    Interrupt,
}

/// The answer typed so far: one line that wraps; Enter ends it.
#[derive(Clone, Debug, Default)]
pub struct Editor {
    pub text: String,
}

impl Editor {
    pub fn apply(&mut self, key: Key) -> Edit {
        match key {
            Key::Char(c) if !c.is_control() => self.text.push(c),
            Key::Char(_) => {}
            // A pasted newline would end the answer mid-paste; keep the text on one line.
            Key::Paste(text) => self.text.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c })),
            Key::Backspace => {
                self.text.pop();
            }
            Key::DeleteWord => {
                let kept = self.text.trim_end().rfind(' ').map_or(0, |at| at + 1);
                self.text.truncate(kept);
            }
            Key::Clear => self.text.clear(),
            Key::Enter => return Edit::Done,
            Key::Interrupt => return Edit::Interrupt,
        }
        Edit::Changed
    }
}

/// Cells in the countdown bar, at most.
const BAR_CELLS: usize = 30;
/// Columns the bar takes besides its cells: `▕`, `▏ `, `12:00 left`.
const BAR_EXTRA: usize = 13;

/// `▕██████░░░░▏ 2:14 left` with `cells` cells, or the time so far when untimed.
pub fn bar(elapsed: Duration, limit: Option<Duration>, cells: usize) -> String {
    let Some(limit) = limit else {
        return format!("{} {}", style::dim("untimed"), human::clock(elapsed));
    };
    let left = limit.saturating_sub(elapsed);
    let share = if limit.is_zero() { 0.0 } else { left.as_secs_f64() / limit.as_secs_f64() };
    let full = ((share * cells as f64).ceil() as usize).min(cells);
    let cells = format!("{}{}", "█".repeat(full), "░".repeat(cells - full));
    let cells = if left < Duration::from_secs(30) { style::warning(&cells) } else { style::round(&cells) };
    // Round up so the bar reads 0:01 until the very end, never 0:00 with time still left.
    let shown = Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0));
    format!("▕{cells}▏ {} left", human::clock(shown))
}

/// The rows to draw: the bar, a hint, then the typed text hard-wrapped to `width - 1`
/// columns, so the terminal never wraps a row itself and the row count stays exact.
pub fn frame(editor: &Editor, elapsed: Duration, limit: Option<Duration>, width: usize) -> Vec<String> {
    let room = width.saturating_sub(1).max(10);
    let cells = BAR_CELLS.min(room.saturating_sub(BAR_EXTRA)).max(5);
    let used = cells + BAR_EXTRA;
    let hint = ["  type notes if you like, Enter when done", "  Enter when done", ""]
        .into_iter()
        .find(|hint| used + hint.len() <= room)
        .unwrap_or("");
    let mut rows = vec![format!("{}{}", bar(elapsed, limit, cells), style::dim(hint))];
    let mut row = String::from("> ");
    let mut used = 2;
    for c in editor.text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        row.push(c);
        used += w;
    }
    rows.push(row);
    // Only what fits on any screen: rows scrolled off the top could not be redrawn.
    if rows.len() > 1 + MAX_TEXT_ROWS {
        rows.drain(1..rows.len() - MAX_TEXT_ROWS);
    }
    rows
}

/// Typed rows shown under the bar; earlier ones stay in the answer, out of sight.
const MAX_TEXT_ROWS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[Key]) -> (Editor, Edit) {
        let mut editor = Editor::default();
        let mut last = Edit::Changed;
        for key in keys {
            last = editor.apply(key.clone());
        }
        (editor, last)
    }

    #[test]
    fn editing_keys() {
        let keys = [Key::Char('h'), Key::Char('i'), Key::Char(' '), Key::Char('x'), Key::Backspace];
        assert_eq!(typed(&keys).0.text, "hi ");
        let (editor, last) = typed(&[Key::Paste("one two\nthree".into()), Key::DeleteWord, Key::Enter]);
        assert_eq!((editor.text.as_str(), last), ("one two ", Edit::Done));
        assert_eq!(typed(&[Key::Paste("abc".into()), Key::Clear]).0.text, "");
        assert_eq!(typed(&[Key::Char('\u{1b}')]).0.text, "", "escape sequences are not text");
        assert_eq!(typed(&[Key::Interrupt]).1, Edit::Interrupt);
    }

    #[test]
    fn the_bar_counts_down_and_rounds_up() {
        colored::control::set_override(false);
        let limit = Some(Duration::from_secs(180));
        assert_eq!(bar(Duration::ZERO, limit, 30), format!("▕{}▏ 3:00 left", "█".repeat(30)));
        let half = format!("▕{}{}▏ 1:30 left", "█".repeat(15), "░".repeat(15));
        assert_eq!(bar(Duration::from_millis(90_500), limit, 30), half);
        assert_eq!(bar(Duration::from_secs(200), limit, 10), format!("▕{}▏ 0:00 left", "░".repeat(10)));
        assert_eq!(bar(Duration::from_secs(65), None, 30), "untimed 1:05");
    }

    #[test]
    fn the_first_row_fits_any_width() {
        colored::control::set_override(false);
        for width in [20, 50, 60, 80, 100, 200] {
            let rows = frame(&Editor::default(), Duration::ZERO, Some(Duration::from_secs(600)), width);
            assert!(rows[0].chars().count() < width, "{width}: {}", rows[0]);
        }
    }

    #[test]
    fn typed_text_wraps_below_the_bar_within_the_width() {
        colored::control::set_override(false);
        let editor = Editor { text: "x".repeat(25) };
        let rows = frame(&editor, Duration::ZERO, None, 11);
        assert_eq!(rows[1..], ["> xxxxxxxx", "xxxxxxxxxx", "xxxxxxx"]);
        let wide = Editor { text: "界界界界界".into() };
        assert_eq!(frame(&wide, Duration::ZERO, None, 11)[1..], ["> 界界界界", "界"]);
        let long = Editor { text: "y".repeat(500) };
        let rows = frame(&long, Duration::ZERO, None, 11);
        assert_eq!(rows.len(), 1 + MAX_TEXT_ROWS);
        assert_eq!(rows[MAX_TEXT_ROWS], "y".repeat(500 - 8 - 49 * 10));
    }
}
