//! `qbank guide [TOPIC]`: rounds, answer frameworks, evaluation, pitfalls and advice.

use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::loader::guide::{Advice, FrameworkGuide, Guide, Pitfall, RoundGuide};
use crate::model::{Framework, Round};
use crate::render::ReportFormat;
use crate::render::wrap::wrap;
use crate::render::{Output, style};
use crate::text::human;
use crate::text::suggest;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// rounds, frameworks, star, system-design, approach, competencies, evaluation,
    /// pitfalls, advice, a round name, or an advice topic; none: frameworks and pitfalls
    #[arg(value_name = "TOPIC")]
    pub topic: Option<String>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

const SECTIONS: [&str; 6] = ["rounds", "frameworks", "competencies", "evaluation", "pitfalls", "advice"];

pub fn run(args: &Args) -> Result<Exit> {
    let guide = Guide::builtin().map_err(Error::user)?;
    let topic = args.topic.as_deref().map(|t| t.trim().to_lowercase());
    let mut page = Page { out: Output::stdout(), json: args.format == ReportFormat::Json };
    match topic.as_deref() {
        None => {
            page.frameworks(&guide.frameworks)?;
            page.pitfalls(&guide.pitfalls)?;
            if !page.json {
                page.topics(&guide)?;
            }
        }
        Some("rounds") => page.rounds(guide.rounds.iter().collect())?,
        Some("frameworks") => page.frameworks(&guide.frameworks)?,
        Some("pitfalls") => page.pitfalls(&guide.pitfalls)?,
        Some("competencies") => page.competencies(&guide)?,
        Some("evaluation") => page.evaluation(&guide)?,
        Some("advice") => page.advice(guide.advice.iter().collect())?,
        Some(name) => {
            if let Some(framework) = Framework::parse(name).and_then(|f| guide.framework(f)) {
                page.frameworks(std::slice::from_ref(framework))?;
            } else if let Some(round) = Round::parse(name).and_then(|r| guide.round(r)) {
                page.rounds(vec![round])?;
            } else if let Some(advice) = guide.advice.iter().find(|a| a.topic == name) {
                page.advice(vec![advice])?;
            } else {
                let known = topic_names(&guide);
                let hint = suggest::did_you_mean(name, known.iter().copied());
                return Err(Error::user(format!(
                    "unknown guide topic '{name}'{hint}; run `qbank guide` for the list"
                )));
            }
        }
    }
    page.out.flush()?;
    Ok(Exit::Success)
}

fn topic_names(guide: &Guide) -> Vec<&str> {
    let mut known: Vec<&str> = guide.advice.iter().map(|a| a.topic.as_str()).collect();
    known.extend(SECTIONS.iter().copied());
    known.extend(Framework::ALL.map(Framework::name).iter().copied());
    for spelling in Round::spellings() {
        known.push(spelling);
    }
    known
}

struct Page {
    out: Output,
    json: bool,
}

impl Page {
    fn title(&mut self, text: &str) -> std::io::Result<()> {
        self.out.line(style::heading(text))?;
        self.out.line("")
    }

    fn para(&mut self, text: &str, indent: &str) -> std::io::Result<()> {
        let width = self.out.wrap_width();
        for line in wrap(text, width, indent) {
            self.out.line(line)?;
        }
        Ok(())
    }

    fn rounds(&mut self, rounds: Vec<&RoundGuide>) -> std::io::Result<()> {
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

    fn frameworks(&mut self, frameworks: &[FrameworkGuide]) -> std::io::Result<()> {
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

    fn pitfalls(&mut self, pitfalls: &[Pitfall]) -> std::io::Result<()> {
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

    fn competencies(&mut self, guide: &Guide) -> std::io::Result<()> {
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

    fn evaluation(&mut self, guide: &Guide) -> std::io::Result<()> {
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

    fn advice(&mut self, articles: Vec<&Advice>) -> std::io::Result<()> {
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

    fn topics(&mut self, guide: &Guide) -> std::io::Result<()> {
        self.title("More topics (`qbank guide TOPIC`)")?;
        self.para(&format!("Sections: {}", SECTIONS.join(", ")), "  ")?;
        self.para("Frameworks: star, system-design, approach", "  ")?;
        self.para(&format!("Rounds: {}", Round::ALL.map(Round::name).join(", ")), "  ")?;
        let advice: Vec<&str> = guide.advice.iter().map(|a| a.topic.as_str()).collect();
        self.para(&format!("Advice: {}", advice.join(", ")), "  ")
    }
}
