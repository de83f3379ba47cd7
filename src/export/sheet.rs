//! Questions as spreadsheet rows (CSV, RFC 4180), and the cell formats import reads back.
//!
//! Headers are the corpus field names; the cells are written as `codec::cells` says.

use std::io;

use crate::codec::cells::{groups_cell, list_cell, words_cell};
use crate::codec::field::Field;
use crate::model::{Level, Question};

/// Every question as one CSV row under a header row of corpus field names (`levels.mid`,
/// `levels.senior` and `levels.staff` for the levels).
pub fn write(questions: &[&Question]) -> io::Result<String> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(Field::ALL.map(Field::name))?;
    for q in questions {
        writer.write_record(row(q))?;
    }
    let bytes = writer.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| io::Error::other(e.to_string()))
}

/// The cells of one question, in `Field::ALL` order.
fn row(q: &Question) -> [String; 17] {
    let level = |level: Level| q.levels.get(level).unwrap_or_default().to_string();
    [
        q.id.to_string(),
        q.round.name().to_string(),
        q.question.clone(),
        q.rationale.clone(),
        q.sample_answer.clone(),
        words_cell(&q.tags),
        q.competency.map(|c| c.name().to_string()).unwrap_or_default(),
        words_cell(&q.roles),
        q.framework.map(|f| f.name().to_string()).unwrap_or_default(),
        list_cell(&q.look_for),
        list_cell(&q.red_flags),
        list_cell(&q.follow_ups),
        list_cell(&q.sample_follow_ups),
        level(Level::Mid),
        level(Level::Senior),
        level(Level::Staff),
        groups_cell(&q.synonyms),
    ]
}
