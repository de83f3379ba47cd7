//! `qbank tags`: each tag with its count, most used first.

use serde::Serialize;

use crate::cmd::Context;
use crate::error::Result;
use crate::exit::Exit;
use crate::render::{Output, ReportFormat, text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct TagCount<'a> {
    tag: &'a str,
    count: usize,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let counts = corpus.tag_counts();
    let mut out = Output::stdout();
    match args.format {
        ReportFormat::Json => {
            let rows: Vec<TagCount> = counts.iter().map(|&(tag, count)| TagCount { tag, count }).collect();
            out.json(&rows)?;
        }
        ReportFormat::Text => text::tag_counts(&mut out, &counts)?,
    }
    out.flush()?;
    Ok(Exit::Success)
}
