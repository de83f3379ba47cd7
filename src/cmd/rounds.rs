//! `qbank rounds`: the interview rounds in order, what each evaluates, and their counts.

use serde::Serialize;

use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::loader::guide::Guide;
use crate::model::Round;
use crate::render::ReportFormat;
use crate::render::wrap::wrap;
use crate::render::{Output, style};
use crate::text::human;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct RoundRow<'a> {
    order: usize,
    round: &'static str,
    title: &'a str,
    questions: usize,
    length_minutes: u32,
    answer_seconds: u32,
    summary: &'a str,
    evaluates: &'a [String],
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let guide = Guide::builtin().map_err(Error::user)?;
    let rows: Vec<RoundRow> = Round::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, &round)| {
            let about = guide.round(round)?;
            Some(RoundRow {
                order: i + 1,
                round: round.name(),
                title: &about.title,
                questions: corpus.round_count(round),
                length_minutes: about.length_minutes,
                answer_seconds: about.answer_seconds,
                summary: &about.summary,
                evaluates: &about.evaluates,
            })
        })
        .collect();
    let mut out = Output::stdout();
    if args.format == ReportFormat::Json {
        out.json(&rows)?;
        return Ok(Exit::Success);
    }
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
                "{} questions · about {} min · {} per answer",
                row.questions,
                row.length_minutes,
                human::duration(row.answer_seconds)
            ))
        ))?;
        for line in wrap(row.summary, width, "   ") {
            out.line(line)?;
        }
        out.line(format!("   {} {}", style::label("Evaluates:"), row.evaluates.join("; ")))?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
