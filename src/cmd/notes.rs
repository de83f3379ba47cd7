//! `qbank notes`: the questions you have written a story for.

use serde::Serialize;

use crate::cmd::{Context, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::model::Round;
use crate::practice::notes::Notes;
use crate::render::ReportFormat;
use crate::render::{Output, practice as view};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct Row {
    id: u64,
    round: Option<Round>,
    question: Option<String>,
    path: String,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let notes = Notes::open()?;
    let ids = notes.ids()?;
    if ids.is_empty() {
        return Ok(no_match("no notes yet: `qbank note ID` writes one"));
    }
    let rows: Vec<Row> = ids
        .into_iter()
        .map(|id| {
            let question = corpus.get(id);
            Row {
                id,
                round: question.map(|q| q.round),
                question: question.map(|q| q.question.clone()),
                path: notes.path(id).display().to_string(),
            }
        })
        .collect();
    let mut out = Output::stdout();
    match args.format {
        ReportFormat::Json => out.json(&rows)?,
        ReportFormat::Text => {
            let columns = out.columns;
            for row in &rows {
                let line = match (row.round, &row.question) {
                    (Some(round), Some(text)) => view::question_line(row.id, "", round, text, columns),
                    _ => format!("{:>4}  (not in the loaded questions)", row.id),
                };
                out.line(line)?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
