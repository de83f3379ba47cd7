//! Spreadsheet cells for lists. Tags and roles: `a, b`. Lists (look_for, red_flags,
//! follow_ups ...): one item per line, each starting with `- `; a line starting with two spaces
//! continues the item above. Synonym groups: one group per line, its words and phrases
//! separated by commas.

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

/// Synonym groups: `rollback, roll back, revert` on one line per group.
pub fn groups_cell(groups: &[Vec<String>]) -> String {
    groups.iter().map(|group| group.join(", ")).collect::<Vec<_>>().join("\n")
}

/// The inverse of `groups_cell`: every line with a word on it is a group.
pub fn parse_groups(cell: &str) -> Vec<Vec<String>> {
    cell.split('\n')
        .map(|line| {
            let line = line.trim_start();
            let line = BULLETS.iter().find_map(|bullet| line.strip_prefix(bullet)).unwrap_or(line);
            line.split(',').map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect::<Vec<_>>()
        })
        .filter(|group| !group.is_empty())
        .collect()
}

/// One item per line, each after `- `; an item's own line breaks continue with two spaces.
/// The bullet makes every item's first line unambiguous, whatever it starts with.
pub fn list_cell(items: &[String]) -> String {
    items.iter().map(|item| format!("- {}", item.replace('\n', "\n  "))).collect::<Vec<_>>().join("\n")
}

/// The inverse of `list_cell`, forgiving of missing bullets and blank lines typed by a person.
/// Lines end at `\n` only, so a CR inside an item is kept.
pub fn parse_list(cell: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in cell.split('\n') {
        if let Some(item) = BULLETS.iter().find_map(|bullet| line.strip_prefix(bullet)) {
            items.push(item.to_string());
        } else if let (Some(rest), Some(last)) = (line.strip_prefix("  "), items.last_mut()) {
            last.push('\n');
            last.push_str(rest);
        } else if !line.trim().is_empty() {
            let typed = line.trim_start();
            let item = BULLETS.iter().find_map(|bullet| typed.strip_prefix(bullet)).unwrap_or(typed);
            items.push(item.to_string());
        }
    }
    items.retain(|item| !item.trim().is_empty());
    items
}

/// What starts an item: the `- ` qbank writes, and what people type.
const BULLETS: [&str; 3] = ["- ", "* ", "• "];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_round_trip_multi_line_items() {
        let items = vec!["one, with \"quotes\"".to_string(), "two\nlines".to_string(), "three".to_string()];
        let cell = list_cell(&items);
        assert_eq!(cell, "- one, with \"quotes\"\n- two\n  lines\n- three");
        assert_eq!(parse_list(&cell), items);
    }

    #[test]
    fn list_cells_round_trip_items_that_look_like_markup() {
        let items: Vec<String> =
            ["  indented", "- a dash", "* star", "a\r\n  b", "x\rcarriage"].map(String::from).into();
        assert_eq!(parse_list(&list_cell(&items)), items);
    }

    #[test]
    fn synonym_groups_are_lines_of_words() {
        let groups =
            vec![vec!["rollback".to_string(), "roll back".to_string()], vec!["status page".to_string()]];
        assert_eq!(groups_cell(&groups), "rollback, roll back\nstatus page");
        assert_eq!(parse_groups(&groups_cell(&groups)), groups);
        assert_eq!(parse_groups("- a, b\n\n c ,d,\n"), [vec!["a", "b"], vec!["c", "d"]]);
    }

    #[test]
    fn typed_lists_lose_their_bullets_and_blank_lines() {
        assert_eq!(parse_list("- a\n\n* b\n• c\n  d"), ["a", "b", "c\nd"]);
        assert_eq!(parse_list("plain\nsecond\n  more"), ["plain", "second\nmore"]);
    }

    #[test]
    fn words_split_on_commas_or_else_spaces() {
        assert_eq!(parse_words("caching, system-design;x\ny"), ["caching", "system-design", "x", "y"]);
        assert_eq!(parse_words("caching system-design"), ["caching", "system-design"]);
        assert!(parse_words(" , ").is_empty());
    }
}
