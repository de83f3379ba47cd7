//! Text for a person at a terminal: list lines and question cards.

use std::fmt::Write as _;
use std::io;

use unicode_width::UnicodeWidthStr;

use super::sanitize::clean;
use super::wrap::{truncate, wrap};
use super::{Output, style};
use crate::model::{Levels, Question};
use crate::query::terms::{Term, match_ranges};

/// `  12  system-design  Design a scalable ...  [tags]`, cut to `columns` when known.
pub fn list_line(question: &Question, columns: Option<usize>, long: bool, terms: &[Term]) -> String {
    let id = format!("{:>4}", question.id);
    let round = format!("{:<13}", question.round.name());
    let mut tags = clean(&format!("[{}]", question.tags.join(", "))).into_owned();
    let mut text = clean(&question.question).split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(columns) = columns.filter(|_| !long) {
        let room = columns.saturating_sub(id.width() + round.width() + 6);
        let tags_room = tags.width().min(room * 2 / 5).max(3);
        text = truncate(&text, room.saturating_sub(tags_room).max(10));
        tags = truncate(&tags, room.saturating_sub(text.width()).max(3));
    }
    format!(
        "{}  {}  {}  {}",
        style::id(&id),
        style::round(&round),
        highlight(&text, terms),
        style::tag(&tags)
    )
}

/// Words matching a search term, styled; the rest untouched.
pub fn highlight(text: &str, terms: &[Term]) -> String {
    if terms.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in match_ranges(text, terms) {
        out.push_str(&text[at..range.start]);
        out.push_str(&style::matched(&text[range.clone()]).to_string());
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// For a search hit whose question does not show why it matched: the first place that does,
/// as an indented excerpt. When the question itself does not show why it matched, the first place that does.
pub fn snippet(question: &Question, terms: &[Term], columns: usize) -> Option<String> {
    if terms.iter().all(|t| crate::text::lower_tokens(&question.question).any(|w| t.matches(&w))) {
        return None;
    }
    let (label, body) = [("why", &question.rationale), ("answer", &question.sample_answer)]
        .into_iter()
        .find(|(_, body)| !match_ranges(body, terms).is_empty())?;
    let flat = clean(body).split_whitespace().collect::<Vec<_>>().join(" ");
    let first = match_ranges(&flat, terms).first()?.start;
    let start = flat[..first].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let start = flat[start..].find(' ').filter(|_| start > 0).map_or(start, |s| start + s + 1);
    let prefix = if start > 0 { "…" } else { "" };
    let room = columns.saturating_sub(10 + label.len()).max(20);
    let excerpt = truncate(&format!("{prefix}{}", &flat[start..]), room);
    Some(format!("{}{} {}", " ".repeat(6), style::dim(&format!("{label}:")), highlight(&excerpt, terms)))
}

/// Each tag with how many questions carry it, most used first.
pub fn tag_counts(out: &mut Output, counts: &[(&str, usize)]) -> io::Result<()> {
    for (tag, count) in counts {
        out.line(format!("{:>5}  {}", count, style::tag(&clean(tag))))?;
    }
    Ok(())
}

/// What a card shows beyond the question itself.
#[derive(Clone, Copy, Debug)]
pub struct CardOptions {
    /// Show the sample answer, strong-answer signals and red flags.
    pub reveal: bool,
}

/// The full card for one question, wrapped to `width`.
pub fn card(question: &Question, width: usize, options: CardOptions) -> String {
    let mut out = String::new();
    let tags: Vec<String> = question.tags.iter().map(|t| style::tag(&clean(t)).to_string()).collect();
    let _ = writeln!(
        out,
        "{}  {}  {}",
        style::id(&format!("#{}", question.id)),
        style::round(question.round.title()),
        tags.join(", ")
    );
    let mut facts = Vec::new();
    if let Some(c) = question.competency {
        facts.push(format!("competency: {c}"));
    }
    if let Some(f) = question.framework {
        facts.push(format!("framework: {f}"));
    }
    if !question.roles.is_empty() {
        facts.push(format!("roles: {}", clean(&question.roles.join(", "))));
    }
    for line in wrap(&facts.join("  ·  "), width, "") {
        let _ = writeln!(out, "{}", style::dim(&line));
    }
    out.push('\n');
    for line in wrap(&clean(&question.question), width, "") {
        let _ = writeln!(out, "{}", style::label(&line));
    }
    section(&mut out, "Why interviewers ask this", &question.rationale, width);
    if options.reveal {
        list_section(&mut out, "What a strong answer shows", &question.look_for, width);
        list_section(&mut out, "Red flags", &question.red_flags, width);
    }
    list_section(&mut out, "Follow-ups", &question.follow_ups, width);
    if options.reveal {
        levels_section(&mut out, &question.levels, width);
        section(&mut out, "Sample answer", &question.sample_answer, width);
        list_section(&mut out, "Follow-ups on the sample answer", &question.sample_follow_ups, width);
    } else {
        let _ = write!(
            out,
            "\n{}\n",
            style::dim(&format!("Sample answer hidden: add --answer, or run `qbank show {}`.", question.id))
        );
    }
    if let Some(framework) = question.framework {
        out.push('\n');
        let shape = format!("Answer shape: {} (`qbank guide {framework}`)", framework_steps(framework));
        for line in wrap(&shape, width, "") {
            let _ = writeln!(out, "{}", style::dim(&line));
        }
    }
    out
}

/// The steps of an answer framework, in one line.
pub fn framework_steps(framework: crate::model::Framework) -> &'static str {
    use crate::model::Framework;
    match framework {
        Framework::Star => "Situation, Task, Action, Result",
        Framework::SystemDesign => {
            "Clarify, Propose, Deep dive, Trade-offs, Growth and operations, Alternatives"
        }
        Framework::Approach => "Principle, In practice, Example, Trade-off",
    }
}

pub fn section(out: &mut String, title: &str, body: &str, width: usize) {
    let _ = write!(out, "\n{}\n", style::heading(title));
    for line in wrap(&clean(body), width, "  ") {
        let _ = writeln!(out, "{}", bold_label(&line));
    }
}

pub fn list_section(out: &mut String, title: &str, items: &[String], width: usize) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "\n{}\n", style::heading(title));
    for item in items {
        for line in wrap(&format!("- {}", clean(item)), width, "  ") {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// What an answer sounds like at each level, each level's text under its name.
pub fn levels_section(out: &mut String, levels: &Levels, width: usize) {
    if levels.is_empty() {
        return;
    }
    let _ = write!(out, "\n{}\n", style::heading("What each level sounds like"));
    for (level, text) in levels.iter() {
        let _ = writeln!(out, "  {}", style::label(level.title()));
        for line in wrap(&clean(text), width, "    ") {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// "  Situation: ..." -> the label in bold, for answers written in a framework's shape.
fn bold_label(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    match trimmed.split_once(": ") {
        Some((label, rest))
            if !label.is_empty()
                && label.len() <= 24
                && label.chars().next().is_some_and(char::is_uppercase)
                && label.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-') =>
        {
            format!("{indent}{}: {rest}", style::label(label))
        }
        _ => line.to_string(),
    }
}

/// Cards separated by a rule, each wrapped to the output's width.
pub fn cards(out: &mut Output, questions: &[&Question], options: CardOptions) -> io::Result<()> {
    cards_with(out, questions, options, |_| None)
}

/// Cards with `extra` text after each: the candidate's notes.
pub fn cards_with(
    out: &mut Output,
    questions: &[&Question],
    options: CardOptions,
    extra: impl Fn(&Question) -> Option<String>,
) -> io::Result<()> {
    let width = out.wrap_width();
    for (i, question) in questions.iter().enumerate() {
        if i > 0 {
            out.line(style::dim(&"─".repeat(width.min(60))))?;
            out.line("")?;
        }
        out.write_str(&card(question, width, options))?;
        if let Some(extra) = extra(question) {
            out.write_str(&extra)?;
        }
        if i + 1 < questions.len() {
            out.line("")?;
        }
    }
    Ok(())
}
