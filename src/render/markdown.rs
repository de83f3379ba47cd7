//! Markdown: a question bank that prints and renders cleanly.

use std::fmt::Write as _;

use super::sanitize::clean;
use crate::model::{Levels, Question};

/// A printable bank: a title, the count, then every question in full.
pub fn bank(questions: &[&Question]) -> String {
    let count = questions.len();
    let noun = if count == 1 { "question" } else { "questions" };
    format!("# Interview questions\n\n{count} {noun}.\n\n{}", self::questions(questions, true))
}

/// Every question as a Markdown section; `reveal` includes the answer parts.
pub fn questions(questions: &[&Question], reveal: bool) -> String {
    let mut out = String::new();
    for (i, question) in questions.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        one(&mut out, question, reveal);
    }
    out
}

fn one(out: &mut String, q: &Question, reveal: bool) {
    let (title, body) = title_and_body(&q.question);
    let _ = writeln!(out, "## {}. {}\n", q.id, inline(title));
    let mut facts = vec![format!("**Round:** {}", q.round)];
    if !q.tags.is_empty() {
        let tags: Vec<String> = q.tags.iter().map(|t| format!("`{}`", clean(t))).collect();
        facts.push(format!("**Tags:** {}", tags.join(", ")));
    }
    if let Some(c) = q.competency {
        facts.push(format!("**Competency:** {c}"));
    }
    if let Some(f) = q.framework {
        facts.push(format!("**Framework:** {f}"));
    }
    if !q.roles.is_empty() {
        let roles: Vec<String> = q.roles.iter().map(|r| format!("`{}`", clean(r))).collect();
        facts.push(format!("**Roles:** {}", roles.join(", ")));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if !body.trim().is_empty() {
        let _ = writeln!(out, "{}\n", block(body));
    }
    let _ = writeln!(out, "### Why interviewers ask this\n\n{}\n", block(&q.rationale));
    if reveal {
        list(out, "###", "What a strong answer shows", &q.look_for);
        list(out, "###", "Red flags", &q.red_flags);
    }
    list(out, "###", "Follow-ups", &q.follow_ups);
    if reveal {
        levels(out, "###", &q.levels);
        let _ = writeln!(out, "### Sample answer\n\n{}\n", block(&q.sample_answer));
        list(out, "###", "Follow-ups on the sample answer", &q.sample_follow_ups);
    }
}

/// A question's first paragraph, for its heading, and the rest (more paragraphs, code) for
/// the text under it: a heading holds one short paragraph, never a code listing. The first
/// paragraph ends at a blank line or at an indented (code) line.
pub fn title_and_body(question: &str) -> (&str, &str) {
    let mut end = 0;
    for line in question.split_inclusive('\n') {
        if end > 0 && (line.trim().is_empty() || line.starts_with([' ', '\t'])) {
            let body = &question[end..];
            let blank = body.split_inclusive('\n').take_while(|l| l.trim().is_empty()).map(str::len).sum();
            return (question[..end].trim(), &body[blank..]);
        }
        end += line.len();
    }
    (question.trim(), "")
}

/// What each level sounds like, as a list of level names in bold and their text.
pub fn levels(out: &mut String, heading: &str, levels: &Levels) {
    if levels.is_empty() {
        return;
    }
    let _ = writeln!(out, "{heading} What each level sounds like\n");
    for (level, text) in levels.iter() {
        let _ = writeln!(out, "- **{}:** {}", level.title(), inline(text));
    }
    out.push('\n');
}

/// A titled bullet list under a heading of the given level ("###"); nothing when empty.
pub fn list(out: &mut String, heading: &str, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{heading} {title}\n");
    for item in items {
        let _ = writeln!(out, "- {}", inline(item));
    }
    out.push('\n');
}

/// One line of text: newlines folded, characters Markdown would read as markup escaped.
pub fn inline(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len());
    for c in clean(&folded).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A multi-line block: paragraphs kept; a fenced code block kept verbatim with its language;
/// indented lines become a fenced code block.
pub fn block(text: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    let mut fenced = false;
    let text = clean(text);
    // Indented code keeps its shape inside the fence, less the indent that made it code.
    let indent = common_indent(&text);
    for line in text.lines() {
        if line.trim_start().starts_with("```") && !in_code {
            fenced = !fenced;
            out.push_str(line.trim_start());
            out.push('\n');
            continue;
        }
        if fenced {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let code = line.starts_with([' ', '\t']);
        if code != in_code {
            out.push_str("```\n");
            in_code = code;
        }
        if code {
            out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        } else {
            out.push_str(&escape_line(line));
        }
        out.push('\n');
    }
    if in_code || fenced {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

/// The leading whitespace every indented line of `text` starts with, in bytes: tabs and
/// spaces are not mixed up, so a tab and four spaces share none.
fn common_indent(text: &str) -> usize {
    let mut indented = text.lines().filter(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty());
    let Some(first) = indented.next() else { return 0 };
    let mut common = &first[..first.len() - first.trim_start().len()];
    for line in indented {
        let shared = common.bytes().zip(line.bytes()).take_while(|(a, b)| a == b).count();
        common = &common[..shared];
    }
    common.len()
}

/// `text` as inline code, fenced with more backticks than it contains.
pub fn code_span(text: &str) -> String {
    let text = clean(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with('#') {
        out.insert(0, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_heading_is_its_first_paragraph() {
        assert_eq!(title_and_body("One line."), ("One line.", ""));
        assert_eq!(title_and_body("Folded\nline."), ("Folded\nline.", ""));
        let (title, body) = title_and_body("Review this:\n\n    def f(): pass\n\nWhat blocks the merge?");
        assert_eq!(title, "Review this:");
        assert_eq!(body, "    def f(): pass\n\nWhat blocks the merge?");
        assert_eq!(title_and_body("Code next:\n  x = 1"), ("Code next:", "  x = 1"));
    }

    #[test]
    fn code_keeps_its_shape_less_the_indent_every_line_shares() {
        assert_eq!(block("Look:\n    if x:\n        y()"), "Look:\n```\nif x:\n    y()\n```");
        assert_eq!(block("\ttab\n    spaces"), "```\n\ttab\n    spaces\n```");
        assert_eq!(block("```go\nfunc f() {}\n```"), "```go\nfunc f() {}\n```");
    }
}
