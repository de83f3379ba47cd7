//! Text for practice: due lists, the question prompt, the reveal, summaries, history, stats.

use chrono::{DateTime, Utc};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::sanitize::clean;
use super::style;
use super::wrap::truncate;
use crate::model::{Question, Round};
use crate::practice::time;

pub fn heading(text: &str) -> String {
    style::heading(text).to_string()
}

/// A question with the time it is (or was) due.
#[derive(Clone, Debug, Serialize)]
pub struct DueRow {
    pub id: u64,
    pub round: Round,
    pub question: String,
    pub due: DateTime<Utc>,
}

impl DueRow {
    pub fn new(question: &Question, due: DateTime<Utc>) -> DueRow {
        DueRow { id: question.id, round: question.round, question: question.question.clone(), due }
    }
}

/// `  12  2 days ago    system-design  Design a ...`, cut to `columns` when known.
pub fn due_line(row: &DueRow, now: DateTime<Utc>, columns: Option<usize>) -> String {
    let when = format!("{:<12}", time::relative(row.due, now));
    question_line(row.id, &when, row.round, &row.question, columns)
}

/// `  12  <label>  system-design  question text`, the text cut to fit `columns`.
pub fn question_line(id: u64, label: &str, round: Round, question: &str, columns: Option<usize>) -> String {
    let id = format!("{id:>4}");
    let round_name = format!("{:<13}", round.name());
    let mut text = clean(question).split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(columns) = columns {
        let used = id.width() + label.width() + round_name.width() + 6;
        text = truncate(&text, columns.saturating_sub(used).max(10));
    }
    format!("{}  {}  {}  {}", style::id(&id), label, style::round(&round_name), text)
}
