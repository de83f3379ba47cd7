//! `qbank history [ID]`: past attempts with what was typed, oldest first.

use crate::cmd::args::parse_id;
use crate::cmd::{Context, find, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::render::ReportFormat;
use crate::render::{Output, practice as view};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only attempts at this question
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: Option<u64>,

    /// Only the N most recent attempts
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,

    /// Output format (json: every field of every attempt)
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let (_, mut attempts) = crate::cmd::load_history()?;
    if let Some(id) = args.id {
        attempts.retain(|a| a.id == id);
        if attempts.is_empty() {
            find(corpus, id)?;
            return Ok(no_match(&format!("no attempts at #{id} yet")));
        }
    }
    if attempts.is_empty() {
        return Ok(no_match("no attempts yet: `qbank practice` records them"));
    }
    attempts.sort_by_key(|a| a.started_at);
    let skip = attempts.len().saturating_sub(args.last.unwrap_or(usize::MAX));
    let attempts = &attempts[skip..];
    let mut out = Output::stdout();
    match args.format {
        ReportFormat::Json => out.json(attempts)?,
        ReportFormat::Text => {
            let (columns, width) = (out.columns, out.wrap_width());
            for attempt in attempts {
                out.write_str(&view::attempt(attempt, corpus.get(attempt.id), columns, width))?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
