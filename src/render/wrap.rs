//! Paragraph wrapping by display width, keeping lists and indented code as written.

use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` columns, every line starting with `indent`.
/// Blank lines separate paragraphs; "- " items get a hanging indent; lines that start
/// with whitespace (code) are kept as they are.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for item in items(text) {
        match item {
            Item::Blank => lines.push(String::new()),
            Item::Verbatim(line) => lines.push(format!("{indent}{line}")),
            Item::Text { marker, body } => {
                let first = format!("{indent}{marker}");
                let rest = format!("{indent}{}", " ".repeat(marker.width()));
                fill(&body, width, &first, &rest, &mut lines);
            }
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

enum Item<'a> {
    Blank,
    Verbatim(&'a str),
    Text { marker: &'a str, body: String },
}

fn items(text: &str) -> Vec<Item<'_>> {
    let mut items: Vec<Item> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            if !matches!(items.last(), None | Some(Item::Blank)) {
                items.push(Item::Blank);
            }
        } else if line.starts_with([' ', '\t']) {
            items.push(Item::Verbatim(trimmed));
        } else if let Some(body) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            items.push(Item::Text { marker: "- ", body: body.to_string() });
        } else if let Some(Item::Text { body, .. }) = items.last_mut() {
            body.push(' ');
            body.push_str(trimmed);
        } else {
            items.push(Item::Text { marker: "", body: trimmed.to_string() });
        }
    }
    items
}

/// Greedy fill; a word longer than the line gets a line of its own.
fn fill(body: &str, width: usize, first: &str, rest: &str, out: &mut Vec<String>) {
    let mut line = first.to_string();
    let mut line_width = first.width();
    let mut empty = true;
    for word in body.split_whitespace() {
        let word_width = word.width();
        if !empty && line_width + 1 + word_width > width {
            out.push(std::mem::replace(&mut line, rest.to_string()));
            line_width = rest.width();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
        empty = false;
    }
    out.push(line);
}

/// Cuts `text` to at most `width` columns, ending with "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_paragraphs_and_keeps_lists() {
        let text = "One two three four five six.\n\n- alpha beta gamma delta\n    code stays";
        let lines = wrap(text, 14, "  ");
        assert_eq!(
            lines,
            [
                "  One two",
                "  three four",
                "  five six.",
                "",
                "  - alpha beta",
                "    gamma",
                "    delta",
                "      code stays"
            ]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines_of_a_paragraph() {
        assert_eq!(wrap("a b\nc d", 80, ""), ["a b c d"]);
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("short", 10), "short");
    }
}
