//! `qbank guide [TOPIC]`: rounds, answer frameworks, evaluation, pitfalls and advice.

use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::loader::guide::Guide;
use crate::model::{Framework, Round};
use crate::render::guide::Page;
use crate::render::{self, ReportFormat};
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

pub fn run(args: &Args) -> Result<Exit> {
    let guide = Guide::builtin().map_err(Error::user)?;
    let topic = args.topic.as_deref().map(|t| t.trim().to_lowercase());
    let mut page = Page::new(args.format == ReportFormat::Json);
    match topic.as_deref() {
        None => {
            page.frameworks(&guide.frameworks)?;
            page.pitfalls(&guide.pitfalls)?;
            if args.format == ReportFormat::Text {
                page.topics(&guide)?;
            }
        }
        Some("rounds") => page.rounds(&guide.rounds.iter().collect::<Vec<_>>())?,
        Some("frameworks") => page.frameworks(&guide.frameworks)?,
        Some("pitfalls") => page.pitfalls(&guide.pitfalls)?,
        Some("competencies") => page.competencies(&guide)?,
        Some("evaluation") => page.evaluation(&guide)?,
        Some("advice") => page.advice(&guide.advice.iter().collect::<Vec<_>>())?,
        Some(name) => {
            if let Some(framework) = Framework::parse(name).and_then(|f| guide.framework(f)) {
                page.frameworks(std::slice::from_ref(framework))?;
            } else if let Some(round) = Round::parse(name).and_then(|r| guide.round(r)) {
                page.rounds(&[round])?;
            } else if let Some(advice) = guide.advice.iter().find(|a| a.topic == name) {
                page.advice(&[advice])?;
            } else {
                let known = topic_names(&guide);
                let hint = suggest::did_you_mean(name, known.iter().copied());
                return Err(Error::user(format!(
                    "unknown guide topic '{name}'{hint}; run `qbank guide` for the list"
                )));
            }
        }
    }
    page.flush()?;
    Ok(Exit::Success)
}

fn topic_names(guide: &Guide) -> Vec<&str> {
    let mut known: Vec<&str> = guide.advice.iter().map(|a| a.topic.as_str()).collect();
    known.extend(render::guide::SECTIONS.iter().copied());
    known.extend(Framework::ALL.map(Framework::name).iter().copied());
    for spelling in Round::spellings() {
        known.push(spelling);
    }
    known
}
