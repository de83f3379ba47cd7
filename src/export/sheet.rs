//! Questions as spreadsheet rows (CSV, RFC 4180), and the cell formats import reads back.
//!
//! Headers are the corpus field names. Tags and roles: `a, b`. Lists (look_for, red_flags,
//! follow_ups): one item per line; a line starting with two spaces continues the item above.

use std::io;

use crate::loader::parse::FIELDS;
use crate::model::Question;

/// Every question as one CSV row under a header row of corpus field names.
pub fn write(questions: &[&Question]) -> io::Result<String> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(FIELDS)?;
    for q in questions {
        writer.write_record(row(q))?;
    }
    let bytes = writer.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| io::Error::other(e.to_string()))
}

/// The cells of one question, in `FIELDS` order.
fn row(q: &Question) -> [String; 12] {
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
    ]
}

/// Tags or roles: `caching, system-design`.
pub fn words_cell(words: &[String]) -> String {
    words.join(", ")
}

/// Tags or roles typed by a person: separated by commas, semicolons or line breaks, or by
/// spaces when there are none of those (as Anki writes tags).
pub fn parse_words(cell: &str) -> Vec<String> {
    let words: Vec<&str> = if cell.contains([',', ';', '\n']) {
        cell.split([',', ';', '\n']).collect()
    } else {
        cell.split_whitespace().collect()
    };
    words.into_iter().map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// One item per line; an item's own line breaks continue with two spaces.
pub fn list_cell(items: &[String]) -> String {
    items.iter().map(|item| item.replace('\n', "\n  ")).collect::<Vec<_>>().join("\n")
}

/// The inverse of `list_cell`, forgiving of bullets and blank lines typed by a person.
pub fn parse_list(cell: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in cell.lines() {
        match line.strip_prefix("  ") {
            Some(rest) if !items.is_empty() => {
                let last = items.len() - 1;
                items[last].push('\n');
                items[last].push_str(rest);
            }
            _ => {
                let trimmed = line.trim_start();
                let item = ["- ", "* ", "• "]
                    .iter()
                    .find_map(|bullet| trimmed.strip_prefix(bullet))
                    .unwrap_or(trimmed);
                if !item.trim().is_empty() {
                    items.push(item.to_string());
                }
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_round_trip_multi_line_items() {
        let items = vec!["one, with \"quotes\"".to_string(), "two\nlines".to_string(), "three".to_string()];
        let cell = list_cell(&items);
        assert_eq!(cell, "one, with \"quotes\"\ntwo\n  lines\nthree");
        assert_eq!(parse_list(&cell), items);
    }

    #[test]
    fn typed_lists_lose_their_bullets_and_blank_lines() {
        assert_eq!(parse_list("- a\n\n* b\n• c\n  d"), ["a", "b", "c\nd"]);
    }

    #[test]
    fn words_split_on_commas_or_else_spaces() {
        assert_eq!(parse_words("caching, system-design;x\ny"), ["caching", "system-design", "x", "y"]);
        assert_eq!(parse_words("caching system-design"), ["caching", "system-design"]);
        assert!(parse_words(" , ").is_empty());
    }
}
