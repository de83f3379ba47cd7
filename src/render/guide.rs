//! The interview guide as pages to read: rounds, answer frameworks, pitfalls, competencies,
//! evaluation and advice; and the table of rounds.

use std::io;

use serde::Serialize;

use super::wrap::wrap;
use super::{Output, style};
use crate::loader::guide::{Advice, FrameworkGuide, Guide, Pitfall, RoundGuide};
use crate::model::Round;
use crate::text::human;

/// The sections `qbank guide TOPIC` knows besides rounds, frameworks and advice topics.
pub const SECTIONS: [&str; 6] = ["rounds", "frameworks", "competencies", "evaluation", "pitfalls", "advice"];

/// One round as `qbank rounds` shows it.
#[derive(Serialize)]
pub struct RoundRow<'a> {
    pub order: usize,
    pub round: &'static str,
    pub title: &'a str,
    pub questions: usize,
    pub length_minutes: u32,
    pub answer_seconds: u32,
    pub summary: &'a str,
    pub evaluates: &'a [String],
}

/// `qbank rounds` for people: each round in order with its length, answer time and counts.
pub fn rounds_table(out: &mut Output, rows: &[RoundRow]) -> io::Result<()> {
    let width = out.wrap_width();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.line("")?;
        }
        out.line(format!(
            "{}. {}  {}  {}",
            row.order,
            style::heading(row.title),
            style::round(row.round),
            style::dim(&format!(
                "{} · about {} min · {} per answer",
                human::plural(row.questions as i64, "question"),
                row.length_minutes,
                human::duration(row.answer_seconds)
            ))
        ))?;
        for line in wrap(row.summary, width, "   ") {
            out.line(line)?;
        }
        out.line(format!("   {} {}", style::label("Evaluates:"), row.evaluates.join("; ")))?;
    }
    Ok(())
}

/// A page of the guide, as text or as JSON.
pub struct Page {
    out: Output,
    json: bool,
}

impl Page {
    /// A page on standard output; `json` prints the data instead of the text.
    pub fn new(json: bool) -> Page {
        Page { out: Output::stdout(), json }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn title(&mut self, text: &str) -> io::Result<()> {
        self.out.line(style::heading(text))?;
        self.out.line("")
    }

    fn para(&mut self, text: &str, indent: &str) -> io::Result<()> {
        let width = self.out.wrap_width();
        for line in wrap(text, width, indent) {
            self.out.line(line)?;
        }
        Ok(())
    }

    pub fn rounds(&mut self, rounds: &[&RoundGuide]) -> io::Result<()> {
        if self.json {
            return self.out.json(&rounds);
        }
        for (i, round) in rounds.iter().enumerate() {
            let order = Round::ALL.iter().position(|r| r.name() == round.round).map_or(i, |p| p) + 1;
            self.title(&format!("{order}. {}", round.title))?;
            self.para(
                &format!(
                    "About {} minutes; rehearse answers of {}. Filter with `--round {}`.",
                    round.length_minutes,
                    human::duration(round.answer_seconds),
                    round.round
                ),
                "  ",
            )?;
            self.out.line("")?;
            self.para(&round.summary, "  ")?;
            self.out.line(format!("\n  {}", style::label("What it evaluates")))?;
            for item in &round.evaluates {
                self.para(&format!("- {item}"), "  ")?;
            }
            self.out.line(format!("\n  {}", style::label("How to prepare")))?;
            for tip in &round.tips {
                self.para(&format!("- {tip}"), "  ")?;
            }
            self.out.line("")?;
        }
        Ok(())
    }

    pub fn frameworks(&mut self, frameworks: &[FrameworkGuide]) -> io::Result<()> {
        if self.json {
            return self.out.json(frameworks);
        }
        for framework in frameworks {
            self.title(&format!("{} ({})", framework.title, framework.framework))?;
            self.para(&framework.use_for, "  ")?;
            self.out.line("")?;
            for (i, step) in framework.steps.iter().enumerate() {
                self.out.line(format!("  {}. {}", i + 1, style::label(&step.step)))?;
                self.para(&step.detail, "     ")?;
            }
            self.out.line("")?;
        }
        Ok(())
    }

    pub fn pitfalls(&mut self, pitfalls: &[Pitfall]) -> io::Result<()> {
        if self.json {
            return self.out.json(pitfalls);
        }
        self.title("Why senior candidates fail")?;
        for (i, pitfall) in pitfalls.iter().enumerate() {
            self.out.line(format!("  {}. {}", i + 1, style::label(&pitfall.title)))?;
            self.para(&pitfall.detail, "     ")?;
            self.para(&format!("Instead: {}", pitfall.instead), "     ")?;
            self.out.line("")?;
        }
        Ok(())
    }

    pub fn competencies(&mut self, guide: &Guide) -> io::Result<()> {
        if self.json {
            return self.out.json(&guide.competencies);
        }
        self.title("Competencies")?;
        for c in &guide.competencies {
            self.out.line(format!("  {}  {}", style::label(&c.title), style::dim(&c.competency)))?;
            self.para(&c.description, "     ")?;
            self.para(&format!("Senior: {}", c.senior_signal), "     ")?;
            self.out.line("")?;
        }
        Ok(())
    }

    pub fn evaluation(&mut self, guide: &Guide) -> io::Result<()> {
        if self.json {
            return self.out.json(&guide.evaluation);
        }
        self.title("How senior engineers are evaluated")?;
        for item in &guide.evaluation {
            self.out.line(format!("  {}", style::label(&item.title)))?;
            self.para(&item.detail, "     ")?;
            self.out.line("")?;
        }
        Ok(())
    }

    pub fn advice(&mut self, articles: &[&Advice]) -> io::Result<()> {
        if self.json {
            return self.out.json(&articles);
        }
        for article in articles {
            self.out.line(format!(
                "{}  {}",
                style::heading(&article.title),
                style::dim(&format!("{} · for the {}", article.topic, article.audience))
            ))?;
            self.para(&article.body, "  ")?;
            self.out.line("")?;
        }
        Ok(())
    }

    pub fn topics(&mut self, guide: &Guide) -> io::Result<()> {
        self.title("More topics (`qbank guide TOPIC`)")?;
        self.para(&format!("Sections: {}", SECTIONS.join(", ")), "  ")?;
        self.para("Frameworks: star, system-design, approach", "  ")?;
        self.para(&format!("Rounds: {}", Round::ALL.map(Round::name).join(", ")), "  ")?;
        let advice: Vec<&str> = guide.advice.iter().map(|a| a.topic.as_str()).collect();
        self.para(&format!("Advice: {}", advice.join(", ")), "  ")
    }
}
