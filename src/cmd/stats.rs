//! `qbank stats`: how practice is going, weakest areas first.

use std::collections::HashSet;

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, NO_MATCH, calendar, load_history, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::{notes::Notes, stats};
use crate::render::ReportFormat;
use crate::render::{Output, practice as view};
use crate::sys::clock;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// How many of the weakest tags to show (json lists them all)
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub weakest: usize,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let Some(pool) = ctx.matching(&args.filters)? else { return Ok(no_match(NO_MATCH)) };
    let (_, loaded) = load_history()?;
    let noted: HashSet<u64> = Notes::open()?.ids()?.into_iter().collect();
    let stats = stats::compute(&pool, &loaded.attempts, &noted, clock::now(), calendar(&ctx.config)?);
    let mut out = Output::stdout();
    match args.format {
        ReportFormat::Json => out.json(&stats)?,
        ReportFormat::Text => out.write_str(&view::stats(&stats, args.weakest))?,
    }
    out.flush()?;
    Ok(Exit::Success)
}
