//! `qbank list`: one line per question.

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, NO_MATCH, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::render::Format;
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
    let Some(questions) = ctx.matching(&args.filters)? else { return Ok(no_match(NO_MATCH)) };
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
