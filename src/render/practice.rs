//! Text for practice: due lists, the question prompt, the reveal, summaries, history, stats.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::sanitize::clean;
use super::style;
use super::text::{framework_steps, levels_section, list_section, section};
use super::wrap::{truncate, wrap};
use crate::model::{Question, Round};
use crate::practice::grade::Grade;
use crate::practice::history::{Attempt, Draft, Loaded};
use crate::practice::mock::{RoundScore, Scorecard, Verdict};
use crate::practice::schedule::Schedule;
use crate::practice::session::{Answer, Outcome, Stop};
use crate::practice::stats::{Stats, Strength};
use crate::text::human;

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
    let when = format!("{:<12}", human::relative(row.due, now));
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
    if label.is_empty() {
        return format!("{}  {}  {}", style::id(&id), style::round(&round_name), text);
    }
    format!("{}  {}  {}  {}", style::id(&id), label, style::round(&round_name), text)
}

/// The candidate's own note under a question's card, line by line as they wrote it.
pub fn your_notes(note: &str, width: usize) -> String {
    let mut out = format!("\n{}\n", heading("Your notes"));
    for line in clean(note).lines() {
        if line.trim().is_empty() {
            out.push('\n');
            continue;
        }
        for row in wrap(line.trim_end(), width, "  ") {
            let _ = writeln!(out, "{row}");
        }
    }
    out
}

/// The banner before a mock round.
pub fn round_heading(round: Round, width: usize) -> String {
    let title = format!(" {} round ", round.title());
    let rule = "━".repeat(width.min(60).saturating_sub(title.width() + 3));
    format!("\n{}\n", style::heading(&format!("━━━{title}{rule}")))
}

/// The question as the candidate first sees it: no rationale, no answer.
pub fn prompt(
    question: &Question,
    position: usize,
    total: usize,
    limit: Option<Duration>,
    width: usize,
) -> String {
    let mut out = String::new();
    let timer = match limit {
        Some(limit) => human::took(limit),
        None => "untimed".to_string(),
    };
    let tags: Vec<String> = question.tags.iter().map(|t| style::tag(&clean(t)).to_string()).collect();
    let _ = writeln!(
        out,
        "\n{}  {}  {}  {}  {}",
        style::dim(&format!("Question {position} of {total}")),
        style::id(&format!("#{}", question.id)),
        style::round(question.round.title()),
        style::dim(&timer),
        tags.join(", ")
    );
    for line in wrap(&clean(&question.question), width, "") {
        let _ = writeln!(out, "{}", style::label(&line));
    }
    if let Some(framework) = question.framework {
        let shape = format!("Answer shape: {}", framework_steps(framework));
        for line in wrap(&shape, width, "") {
            let _ = writeln!(out, "{}", style::dim(&line));
        }
    }
    out
}

/// After the answer: how long it took, then everything the card holds about a good answer.
pub fn reveal(question: &Question, answer: &Answer, limit: Option<Duration>, width: usize) -> String {
    let mut out = String::new();
    let mut took = format!("Time taken: {}", human::took(answer.elapsed));
    if let Some(limit) = limit {
        took.push_str(&format!(" of {}", human::took(limit)));
    }
    if answer.timed_out {
        took.push_str(" (time ran out)");
    }
    let _ = writeln!(out, "\n{}", style::label(&took));
    section(&mut out, "Why interviewers ask this", &question.rationale, width);
    list_section(&mut out, "What a strong answer shows", &question.look_for, width);
    list_section(&mut out, "Red flags", &question.red_flags, width);
    list_section(&mut out, "Follow-ups", &question.follow_ups, width);
    levels_section(&mut out, &question.levels, width);
    section(&mut out, "Sample answer", &question.sample_answer, width);
    list_section(&mut out, "Follow-ups on the sample answer", &question.sample_follow_ups, width);
    out
}

/// A follow-up from the interviewer, in the scripted mode: its number, its time and the text.
pub fn follow_up_prompt(number: usize, question: &str, limit: Option<Duration>, width: usize) -> String {
    let timer = limit.map_or("untimed".to_string(), human::took);
    let mut out = format!("\n{}  {}\n", style::label(&format!("Follow-up {number}")), style::dim(&timer));
    for line in wrap(&clean(question), width, "") {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}", style::dim("Reply (end with a line holding only a dot):"));
    out
}

/// The grade question, with every key it takes.
pub fn grade_prompt() -> String {
    let keys: Vec<String> =
        Grade::ALL.iter().map(|g| format!("{} {}", style::id(&g.key().to_string()), g)).collect();
    format!("\n{}  {}  (p pass, f fail, s skip, q quit) ", style::label("Grade:"), keys.join("  "))
}

/// After the session: each graded question, its time and when it comes back.
pub fn summary(outcome: &Outcome, schedule: &Schedule, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let total: Duration = outcome.attempts.iter().map(|a| Duration::from_millis(a.duration_ms)).sum();
    let mut head = format!(
        "{} graded in {}",
        human::plural(outcome.attempts.len() as i64, "question"),
        human::took(total)
    );
    if outcome.skipped > 0 {
        head.push_str(&format!(", {} skipped", outcome.skipped));
    }
    let _ = writeln!(out, "\n{}", heading(&format!("Session summary: {head}")));
    for attempt in &outcome.attempts {
        let back = match schedule.due(attempt.id) {
            Some(due) => format!("back {} ({})", human::relative(due, now), human::day(due)),
            None => String::new(),
        };
        let mut took = human::took(Duration::from_millis(attempt.duration_ms));
        if attempt.timed_out {
            took.push_str(" (time ran out)");
        }
        let _ = writeln!(
            out,
            "  {}  {}  {:<14}  {}",
            style::id(&format!("#{:<4}", attempt.id)),
            grade_word(attempt.grade),
            took,
            style::dim(&back)
        );
    }
    if !outcome.attempts.is_empty() {
        let counts: Vec<String> = Grade::ALL
            .iter()
            .map(|g| format!("{} {}", g, outcome.attempts.iter().filter(|a| a.grade == *g).count()))
            .collect();
        let _ = writeln!(out, "  {}", style::dim(&format!("Grades: {}", counts.join(" · "))));
    }
    match outcome.stopped {
        Some(Stop::Interrupted) => {
            let _ = writeln!(out, "Interrupted: every graded answer above is saved.");
        }
        Some(Stop::EndOfInput) if !outcome.attempts.is_empty() => {
            let _ = writeln!(out, "Input ended: every graded answer above is saved.");
        }
        _ => {}
    }
    for draft in &outcome.drafts {
        let _ = writeln!(
            out,
            "Your answer to #{} is saved ungraded: `qbank practice --resume` brings it back.",
            draft.id
        );
    }
    out
}

/// A grade padded to one width, coloured by how it went.
pub fn grade_word(grade: Grade) -> String {
    let word = format!("{:<5}", grade.name());
    if grade.is_pass() { style::tag(&word).to_string() } else { style::warning(&word).to_string() }
}

/// `2026-11-22 15:40  #102  good   1 min 5 s of 3 min  Tell me about ...`, then the typed
/// answer, indented.
pub fn attempt(
    attempt: &Attempt,
    question: Option<&Question>,
    columns: Option<usize>,
    width: usize,
) -> String {
    let mut took = took_of(attempt.duration_ms, attempt.limit_s);
    if attempt.timed_out {
        took.push_str(", ran out");
    }
    entry(
        attempt.started_at,
        attempt.id,
        &grade_word(attempt.grade),
        &took,
        &attempt.answer,
        question,
        columns,
        width,
    )
}

/// An answer saved ungraded, as `attempt` shows a graded one, with `draft` for its grade.
pub fn draft(draft: &Draft, question: Option<&Question>, columns: Option<usize>, width: usize) -> String {
    let took = took_of(draft.duration_ms, draft.limit_s);
    let word = style::dim(&format!("{:<5}", "draft")).to_string();
    entry(draft.started_at, draft.id, &word, &took, &draft.answer, question, columns, width)
}

fn took_of(duration_ms: u64, limit_s: Option<u32>) -> String {
    let mut took = human::took(Duration::from_millis(duration_ms));
    if let Some(limit) = limit_s {
        took.push_str(&format!(" of {}", human::took(Duration::from_secs(limit.into()))));
    }
    took
}

#[allow(clippy::too_many_arguments)]
fn entry(
    started_at: DateTime<Utc>,
    id: u64,
    word: &str,
    took: &str,
    answer: &str,
    question: Option<&Question>,
    columns: Option<usize>,
    width: usize,
) -> String {
    let head = format!(
        "{}  {}  {}  {}",
        style::dim(&human::stamp(started_at)),
        style::id(&format!("#{id:<4}")),
        word,
        took
    );
    let used = 16 + 2 + 5 + 2 + 5 + 2 + took.width() + 2;
    let text = match question {
        Some(q) => clean(&q.question).split_whitespace().collect::<Vec<_>>().join(" "),
        None => "(not in the loaded questions)".to_string(),
    };
    let text = match columns {
        Some(columns) => truncate(&text, columns.saturating_sub(used).max(10)),
        None => text,
    };
    let mut out = format!("{head}  {}\n", style::dim(&text));
    // Every line as typed (an outline's line breaks are its structure), each wrapped under
    // the heading.
    for line in clean(answer).trim_end().lines() {
        for row in wrap(line, width, "      ") {
            let _ = writeln!(out, "{row}");
        }
        if line.trim().is_empty() {
            out.push('\n');
        }
    }
    out
}

/// Cells in a stats bar.
const STAT_BAR: usize = 20;

/// `████████░░░░░░░░░░░░`: `share` of the cells filled.
pub fn share_bar(share: f64) -> String {
    let full = ((share.clamp(0.0, 1.0) * STAT_BAR as f64).round() as usize).min(STAT_BAR);
    format!("{}{}", style::tag(&"█".repeat(full)), style::dim(&"░".repeat(STAT_BAR - full)))
}

/// The stats as bar charts: volume, grades, rounds, weakest tags, due, story gaps.
pub fn stats(stats: &Stats, tags_shown: usize) -> String {
    let mut out = String::new();
    let rows = [
        (
            "Attempts",
            format!(
                "{} ({} of {} questions seen)",
                stats.attempts, stats.questions_seen, stats.questions_total
            ),
        ),
        ("Time answering", human::took(Duration::from_millis(stats.time_answering_ms))),
        ("Day streak", human::plural(stats.streak_days, "day")),
        (
            "Due",
            format!(
                "{} now · {} in the next 7 days · {} never practised",
                stats.due.now, stats.due.next_7_days, stats.due.never_practised
            ),
        ),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "{}  {value}", style::label(&format!("{label:<15}")));
    }
    let _ = writeln!(out, "\n{}", heading("Grades"));
    let most = stats.grades.values().copied().max().unwrap_or(0).max(1);
    for (grade, count) in &stats.grades {
        let _ =
            writeln!(out, "  {}  {}  {count}", grade_word(*grade), share_bar(*count as f64 / most as f64));
    }
    strengths(&mut out, "Strength by round (share graded good or easy)", &stats.rounds);
    let weakest: Vec<&Strength> = stats.tags.iter().take(tags_shown).collect();
    if !weakest.is_empty() {
        strengths(&mut out, "Weakest tags first", &weakest);
    }
    if !stats.stories.is_empty() {
        let _ = writeln!(out, "\n{}", heading("Stories: STAR questions with your note (`qbank note ID`)"));
        for story in &stats.stories {
            let gap = if story.gap { style::warning("gap").to_string() } else { String::new() };
            let _ = writeln!(
                out,
                "  {:<22}  {}  {} of {}  {gap}",
                story.competency.name(),
                share_bar(story.with_notes as f64 / story.questions as f64),
                story.with_notes,
                story.questions
            );
        }
    }
    out
}

fn strengths<S: std::borrow::Borrow<Strength>>(out: &mut String, title: &str, rows: &[S]) {
    let _ = writeln!(out, "\n{}", heading(title));
    let name_width = rows.iter().map(|r| r.borrow().name.width()).max().unwrap_or(0).clamp(12, 24);
    for row in rows {
        let row = row.borrow();
        let name = truncate(&clean(&row.name), name_width);
        let pad = " ".repeat(name_width.saturating_sub(name.width()));
        let value = match row.strength {
            Some(share) => format!(
                "{}  {:>3.0}%  ({} of {})",
                share_bar(share),
                share * 100.0,
                row.passed,
                human::plural(row.attempts as i64, "attempt")
            ),
            None => style::dim("not practised yet").to_string(),
        };
        let _ = writeln!(out, "  {name}{pad}  {value}");
    }
}

/// The mock loop's scorecard: per round reached, the grades, time used of the limit and a
/// verdict; then whether the loop was cut short.
pub fn scorecard(card: &Scorecard) -> String {
    let mut out = format!("\n{}\n", heading("Mock loop scorecard"));
    for score in &card.rounds {
        let grades: Vec<&str> = score.grades.iter().map(|g| g.name()).collect();
        let grades = if grades.is_empty() { "-".to_string() } else { grades.join(", ") };
        let passed = score.grades.iter().filter(|g| g.is_pass()).count();
        let verdict = format!("{:<11}", score.verdict.name());
        let verdict = match score.verdict {
            Verdict::Strong => style::tag(&verdict).to_string(),
            Verdict::Partial | Verdict::Mixed | Verdict::Weak => style::warning(&verdict).to_string(),
            Verdict::Ungraded => style::dim(&verdict).to_string(),
        };
        let _ = writeln!(
            out,
            "  {}  {verdict}  {} asked, {passed} of {} passed  {}  {}",
            style::round(&format!("{:<13}", score.round.title())),
            score.asked,
            score.grades.len(),
            style::dim(&format!("{:<15}", round_time(score))),
            grades
        );
    }
    if card.rounds.is_empty() {
        let _ = writeln!(out, "  No question was asked.");
    }
    let strong = card.rounds.iter().filter(|s| s.verdict == Verdict::Strong).count();
    let _ = writeln!(
        out,
        "  {strong} of {} rounds strong (every question asked graded good or easy)",
        card.planned_rounds
    );
    if card.cut_short {
        let _ = writeln!(out, "  {}", style::warning(&cut_short(card)));
    }
    out
}

/// The scorecard as a Markdown report: the summary table, then each round's questions with
/// their grades and the answers given.
pub fn scorecard_markdown(
    card: &Scorecard,
    corpus_questions: &[&Question],
    answers: &[Attempt],
    when: DateTime<Utc>,
    seed: u64,
) -> String {
    let mut out =
        format!("# Mock interview scorecard\n\n{} · seed {seed}\n\n", when.format("%Y-%m-%d %H:%M UTC"));
    if card.cut_short {
        let _ = writeln!(out, "**{}**\n", cut_short(card));
    }
    out.push_str("| Round | Verdict | Asked | Passed | Grades | Time |\n|---|---|---|---|---|---|\n");
    for score in &card.rounds {
        let grades: Vec<&str> = score.grades.iter().map(|g| g.name()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} of {} | {} | {} |",
            score.round.title(),
            score.verdict.name(),
            score.asked,
            score.grades.iter().filter(|g| g.is_pass()).count(),
            score.grades.len(),
            if grades.is_empty() { "-".to_string() } else { grades.join(", ") },
            round_time(score)
        );
    }
    let strong = card.rounds.iter().filter(|s| s.verdict == Verdict::Strong).count();
    let _ = writeln!(out, "\n{strong} of {} rounds strong.", card.planned_rounds);
    for score in &card.rounds {
        let _ = writeln!(out, "\n## {}", score.round.title());
        for asked in &score.questions {
            let Some(question) = corpus_questions.iter().find(|q| q.id == asked.id) else { continue };
            let _ = writeln!(
                out,
                "\n### #{} {}\n",
                asked.id,
                super::markdown::inline(question.question.split("\n\n").next().unwrap_or_default())
            );
            let result = match asked.grade {
                Some(grade) => {
                    let mut took = human::took(Duration::from_millis(asked.time_ms));
                    if asked.timed_out {
                        took.push_str(", time ran out");
                    }
                    format!("Graded **{}** ({took})", grade.name())
                }
                None => "Not graded".to_string(),
            };
            let _ = writeln!(out, "{result}");
            if let Some(answer) =
                answers.iter().find(|a| a.id == asked.id).filter(|a| !a.answer.trim().is_empty())
            {
                let _ = writeln!(out, "\n{}", quote(&super::markdown::block(&answer.answer)));
            }
        }
    }
    out
}

fn quote(block: &str) -> String {
    block
        .lines()
        .map(|line| if line.is_empty() { ">".to_string() } else { format!("> {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

fn round_time(score: &RoundScore) -> String {
    let mut took = human::took(Duration::from_millis(score.time_ms));
    if let Some(limit) = score.limit_s {
        took.push_str(&format!(" of {}", human::took(Duration::from_secs(limit))));
    }
    took
}

fn cut_short(card: &Scorecard) -> String {
    let reached = card.rounds.len();
    format!(
        "Cut short: {} of {} questions asked, {reached} of {} rounds reached; rounds not reached are not scored.",
        card.asked_questions, card.planned_questions, card.planned_rounds
    )
}

/// What loading the history found wrong with it: a line each for skipped lines, and a note for
/// a repaired last line.
pub fn history_problems(loaded: &Loaded, path: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(bytes) = loaded.recovered {
        problems.push(format!(
            "note: `{}`: cut off an incomplete last record ({bytes} bytes) that an interrupted write \
             left; every earlier record is as it was",
            path.display()
        ));
    }
    for damage in &loaded.damaged {
        problems.push(format!(
            "warning: `{}` line {} skipped: {}; the file was left as it is",
            path.display(),
            damage.line,
            damage.problem
        ));
    }
    problems
}
