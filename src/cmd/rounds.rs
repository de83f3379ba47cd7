//! `qbank rounds`: the interview rounds in order, what each evaluates, and their counts.

use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::loader::guide::Guide;
use crate::model::Round;
use crate::practice::DEFAULT_ANSWER_SECONDS;
use crate::render::guide::RoundRow;
use crate::render::{self, Output, ReportFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let guide = Guide::builtin().map_err(Error::user)?;
    let rows: Vec<RoundRow> = Round::all()
        .into_iter()
        .enumerate()
        .filter_map(|(i, round)| {
            if let Some(custom) = round.custom() {
                return Some(RoundRow {
                    order: i + 1,
                    round: round.name(),
                    title: custom.title,
                    questions: corpus.round_count(round),
                    length_minutes: custom.minutes,
                    answer_seconds: DEFAULT_ANSWER_SECONDS,
                    summary: "A round of this team's, from its config file.",
                    evaluates: &custom.evaluates,
                });
            }
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
    render::guide::rounds_table(&mut out, &rows)?;
    out.flush()?;
    Ok(Exit::Success)
}
