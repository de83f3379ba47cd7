//! `qbank list`: one line per question.

use crate::cli::{FilterArgs, Format};
use crate::cmd::{Context, filter, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::query;
use crate::render::{self, Output, text};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Print whole questions instead of cutting them to the terminal width
    #[arg(long, short = 'l')]
    pub long: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let filter = filter(&args.filters, corpus)?;
    let questions = query::select(corpus, &filter);
    if questions.is_empty() {
        return Ok(no_match("no question matches these filters"));
    }
    let mut out = Output::stdout();
    if args.format == Format::Text {
        for question in &questions {
            out.line(text::list_line(question, out.columns, args.long, &[]))?;
        }
    } else {
        render::machine(&mut out, args.format, &questions)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
