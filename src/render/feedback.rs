//! Feedback on an answer, for a person at a terminal.

use std::fmt::Write as _;

use super::sanitize::clean;
use super::style;
use super::wrap::{truncate, wrap};
use crate::feedback::{Feedback, Pace, Verdict};
use crate::text::human;
use crate::text::human::duration;

/// Matched words shown per signal before "…".
const SHOWN_MATCHES: usize = 6;

/// The whole report, wrapped to `width`.
pub fn feedback(f: &Feedback, width: usize) -> String {
    let mut out = String::new();
    verdict(&mut out, f, width);
    signals(&mut out, f, width);
    structure(&mut out, f, width);
    red_flags(&mut out, f, width);
    length(&mut out, f, width);
    out
}

/// The report under a practice reveal, headed so it reads as the analyser's opinion.
pub fn after_reveal(f: &Feedback, width: usize) -> String {
    let title = "Instant feedback on what you typed (a heuristic, to inform your self-grade)";
    let mut out = String::new();
    for line in wrap(title, width, "") {
        let _ = writeln!(out, "{}", style::heading(&line));
    }
    out.push_str(&feedback(f, width));
    out
}

fn verdict(out: &mut String, f: &Feedback, width: usize) {
    let name = f.verdict.name();
    let shown = match f.verdict {
        Verdict::Strong => style::tag(name),
        Verdict::Borderline => style::warning(name),
        Verdict::Weak => style::error(name),
    };
    let _ = write!(out, "{} {shown}", style::heading("Verdict:"));
    match &f.copied {
        Some(copy) => {
            let why = format!("copied from {}, so it shows nothing of yours", copy.source.title());
            let taken = "Verdict: ".len() + name.len() + ": ".len();
            for (i, line) in wrap(&why, width.saturating_sub(taken), "").iter().enumerate() {
                let _ = writeln!(out, "{}{line}", if i == 0 { ": " } else { "  " });
            }
        }
        None => {
            let _ = writeln!(out, "  {}", style::dim(&format!("(score {:.2})", f.score)));
        }
    }
    for reason in &f.reasons {
        lines(out, &format!("- {reason}"), width, "  ");
    }
    for line in wrap(f.heuristic, width, "  ") {
        let _ = writeln!(out, "{}", style::dim(&line));
    }
}

fn signals(out: &mut String, f: &Feedback, width: usize) {
    if f.signals.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "\n{}\n",
        style::heading(&format!("Signals: {} of {} covered", f.covered(), f.signals.len()))
    );
    for signal in &f.signals {
        let mark = if signal.covered { style::tag("✓") } else { style::error("✗") };
        let item = clean(&signal.text);
        let matched = if signal.covered && !signal.matched.is_empty() {
            let mut words: Vec<String> =
                signal.matched.iter().take(SHOWN_MATCHES).map(|w| format!("\"{}\"", one_line(w))).collect();
            if signal.matched.len() > SHOWN_MATCHES {
                words.push("…".to_string());
            }
            format!("\n  matched: {}", words.join(", "))
        } else {
            String::new()
        };
        let body = wrap(&item, width.saturating_sub(2), "  ");
        for (i, line) in body.iter().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{mark} {}", line.trim_start());
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
        if !matched.is_empty() {
            for line in wrap(matched.trim_start_matches('\n'), width, "    ") {
                let _ = writeln!(out, "{}", style::dim(&line));
            }
        }
    }
}

fn structure(out: &mut String, f: &Feedback, width: usize) {
    let Some(framework) = f.structure.framework else { return };
    let title = format!("Structure ({framework}: {})", super::text::framework_steps(framework));
    let _ = write!(out, "\n{}\n", style::heading(&truncate(&title, width)));
    for part in &f.structure.parts {
        let mark = if part.present { style::tag("✓") } else { style::error("✗") };
        let evidence =
            part.evidence.as_deref().filter(|_| part.present).map(|e| format!("  \"{}\"", one_line(e)));
        let _ = writeln!(out, "{mark} {}{}", part.part.title(), style::dim(&evidence.unwrap_or_default()));
    }
    if let Some(quantified) = f.structure.result_quantified {
        let mark = if quantified { style::tag("✓") } else { style::error("✗") };
        let _ = writeln!(out, "{mark} result quantified");
    }
}

fn red_flags(out: &mut String, f: &Feedback, width: usize) {
    if let Some(copy) = &f.copied {
        let _ = write!(out, "\n{}\n", style::heading("Copied text"));
        lines(out, &format!("{}.", copied(copy)), width, "  ");
    }
    if !f.english {
        let _ = write!(out, "\n{}\n", style::heading("Language"));
        lines(
            out,
            "This does not look like English; the analyser only reads English, so treat every line above with doubt.",
            width,
            "  ",
        );
    }
    let _ = write!(out, "\n{}\n", style::heading("Red flags"));
    if f.red_flags.is_empty() {
        let _ = writeln!(out, "  none found in the wording");
    }
    for flag in &f.red_flags {
        lines(out, &format!("- {}: \"{}\"", flag.message, one_line(&flag.phrase)), width, "  ");
    }
}

fn length(out: &mut String, f: &Feedback, width: usize) {
    let _ = write!(out, "\n{}\n", style::heading("Length and pace"));
    lines(out, &length_and_pace(f), width, "  ");
}

/// "120 words, about 52 s spoken at 140 words a minute of a 3 min answer - fits".
pub(super) fn length_and_pace(f: &Feedback) -> String {
    let l = &f.length;
    let spoken = duration(l.speaking_seconds.min(u64::from(u32::MAX)) as u32);
    let limit =
        l.limit_seconds.map(|s| format!(" of a {} answer", duration(s.min(u64::from(u32::MAX)) as u32)));
    let judgement = match l.pace {
        Pace::Empty => "empty",
        Pace::Thin => "thin: say more about what you did and why",
        Pace::Fits => "fits",
        Pace::Long => "long: it would run past the time",
        Pace::Rambling => "rambling: cut it to the decisions that matter",
    };
    format!(
        "{}, about {spoken} spoken at 140 words a minute{} - {judgement}",
        human::plural(l.words as i64, "word"),
        limit.unwrap_or_default()
    )
}

/// "40% of this answer repeats the sample answer word for word".
pub(super) fn copied(copy: &crate::feedback::Copied) -> String {
    format!(
        "{}% of this answer repeats {} word for word",
        (copy.share_of_answer * 100.0).round(),
        copy.source.title()
    )
}

pub(super) fn lines(out: &mut String, text: &str, width: usize, indent: &str) {
    for line in wrap(&clean(text), width, indent) {
        let _ = writeln!(out, "{line}");
    }
}

/// Matched text from the answer on one line, control characters shown.
pub(super) fn one_line(text: &str) -> String {
    clean(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}
