//! A language model's judgement of an answer, for a person at a terminal: who judged, the
//! verdict and its reasons, each rubric item with the candidate's own words, red flags,
//! structure, delivery, and the offline analyser's copy and length checks beside it. The
//! offline analyser's own judgement is shown by `render::feedback`.

use std::fmt::Write as _;

use super::feedback::{copied, lines, one_line};
use super::sanitize::clean;
use super::style;
use super::wrap::wrap;
use crate::feedback::Verdict;
use crate::judge::Judgement;
use crate::judge::eval::{Figures, Outcome};

/// The verdict under a practice reveal: the model's judgement, or the offline analyser's
/// feedback when no model is configured (`offline`) or the model failed (said first).
pub fn after_reveal(j: &Judgement, offline: bool, width: usize) -> String {
    let mut out = String::new();
    if let Some(why) = &j.fallback {
        for line in wrap(&clean(&format!("The model did not judge this answer: {why}.")), width, "") {
            let _ = writeln!(out, "{}", style::warning(&line));
        }
    }
    if offline || j.fallback.is_some() {
        out.push_str(&super::feedback::after_reveal(&j.offline, width));
    } else {
        let _ = writeln!(out, "{}", style::heading("The interviewer's verdict"));
        out.push_str(&judgement(j, width));
    }
    out
}

/// The whole report, wrapped to `width`.
pub fn judgement(j: &Judgement, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style::dim(&format!("Judged by {}", clean(&j.judge))));
    let shown = match j.verdict {
        Verdict::Strong => style::tag("strong"),
        Verdict::Borderline => style::warning("borderline"),
        Verdict::Weak => style::error("weak"),
    };
    let _ = writeln!(out, "{} {shown}", style::heading("Verdict:"));
    for reason in &j.reasons {
        lines(&mut out, &format!("- {reason}"), width, "  ");
    }

    let covered = j.look_for.iter().filter(|i| i.covered).count();
    let title = format!("What a strong answer shows: {covered} of {} in your words", j.look_for.len());
    let _ = write!(out, "\n{}\n", style::heading(&title));
    for item in &j.look_for {
        let mark = if item.covered { style::tag("✓") } else { style::error("✗") };
        let body = wrap(&clean(&item.item), width.saturating_sub(2), "  ");
        for (i, line) in body.iter().enumerate() {
            match i {
                0 => {
                    let _ = writeln!(out, "{mark} {}", line.trim_start());
                }
                _ => {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        if let Some(quote) = &item.quote {
            for line in wrap(&format!("\"{}\"", one_line(quote)), width, "    ") {
                let _ = writeln!(out, "{}", style::dim(&line));
            }
        }
    }
    if j.unsupported_quotes > 0 {
        let claims = if j.unsupported_quotes == 1 { "claim quoted" } else { "claims quoted" };
        lines(
            &mut out,
            &format!(
                "{} {claims} words that are not in your answer: counted as not shown.",
                j.unsupported_quotes
            ),
            width,
            "  ",
        );
    }

    let _ = write!(out, "\n{}\n", style::heading("Red flags"));
    if j.red_flags.is_empty() {
        let _ = writeln!(out, "  none shown in your words");
    }
    for flag in &j.red_flags {
        lines(&mut out, &format!("- {}: \"{}\"", flag.what, one_line(&flag.quote)), width, "  ");
    }
    if !j.structure.is_empty() {
        let _ = write!(out, "\n{}\n", style::heading("Structure"));
        lines(&mut out, &j.structure, width, "  ");
    }
    if !j.delivery.is_empty() {
        let _ = write!(out, "\n{}\n", style::heading("Delivery"));
        for score in &j.delivery {
            lines(
                &mut out,
                &format!("{:<10} {}/5  {}", score.aspect, score.score, score.comment),
                width,
                "  ",
            );
        }
    }

    let _ = write!(out, "\n{}\n", style::heading("Checked offline, beside the judge"));
    let copy = j
        .offline
        .copied
        .as_ref()
        .map_or("not copied from the sample answer or the rubric".to_string(), |c| {
            format!("copied: {}", copied(c))
        });
    lines(&mut out, &copy, width, "  ");
    lines(&mut out, &super::feedback::length_and_pace(&j.offline), width, "  ");
    out
}

/// `Name:  value` lines, the values aligned (at one column, so that lines printed apart line up).
pub fn pairs(rows: &[(&str, String)]) -> String {
    rows.iter().map(|(name, value)| format!("{:<11} {}\n", format!("{name}:"), clean(value))).collect()
}

/// One judged answer of an evaluation, as progress on stderr.
pub fn outcome_line(o: &Outcome) -> String {
    let quality = format!("{:?}", o.quality).to_lowercase();
    match (&o.verdict, &o.error) {
        (Some(verdict), _) => format!(
            "  q{:<4} {quality:<8} judged {:<10} found {:?} labelled {:?}",
            o.question,
            verdict.name(),
            o.found,
            o.labelled
        ),
        (None, error) => {
            format!("  q{:<4} {quality:<8} not judged: {}", o.question, error.as_deref().unwrap_or(""))
        }
    }
}

/// The figures of each part as a Markdown table, and how each label's answers were judged.
pub fn figures_table(judge: &str, parts: &[(String, Figures)]) -> String {
    let mut out = format!("Judge: {}\n\n", clean(judge));
    out.push_str("| part | questions | answers | not judged | precision | recall | ordering |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (name, f) in parts {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {:.2} | {:.2} | {}/{} ({:.0}%) |",
            f.questions,
            f.answers,
            f.failed,
            f.precision(),
            f.recall(),
            f.ordered,
            f.questions,
            f.ordering() * 100.0
        );
    }
    out.push_str("\n| part | label | judged strong | borderline | weak |\n| --- | --- | --- | --- | --- |\n");
    for (name, f) in parts {
        for (label, [strong, borderline, weak]) in ["strong", "mediocre", "weak"].iter().zip(f.verdicts) {
            let _ = writeln!(out, "| {name} | {label} | {strong} | {borderline} | {weak} |");
        }
    }
    out
}
